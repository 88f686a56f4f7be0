"""Partial dates kept when the publication date is unknown, and anniversary pieces dated years back."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from corroborate.extract.dates import anniversary_date, anniversary_years, resolve_date
from corroborate.extract.multilingual import dates_in, extract_reduced, load_lexicon, sentences_of
from corroborate.models import Article, IncidentDate, Precision

D = dt.date


@pytest.fixture(scope="module")
def english_extract():
    from corroborate.extract.pipeline import extract_article

    def run(text: str, published):
        return extract_article(Article(id="e", text=text, language="en", published=published))

    return run


def test_dates_partial_weekday_kept_without_publication():
    resolved = resolve_date("on Friday", None)
    assert (resolved.start, resolved.precision, resolved.weekday, resolved.text) == (None, Precision.unknown, 4, "on Friday")


def test_dates_partial_weekday_not_set_when_resolved():
    assert resolve_date("Friday", D(2019, 3, 9)).weekday is None


def test_dates_partial_english_incident_keeps_weekday(english_extract):
    extraction = english_extract("Shelling killed 14 people in a market in Aleppo on Friday, a monitor said.", None)
    date = extraction.incidents[0].date
    assert (date.start, date.weekday, date.text) == (None, 4, "Friday")


def test_dates_partial_english_incident_keeps_yesterday(english_extract):
    extraction = english_extract("Shelling killed 14 people in a market in Aleppo yesterday, a monitor said.", None)
    date = extraction.incidents[0].date
    assert (date.start, date.precision, date.text) == (None, Precision.unknown, "yesterday")


@pytest.mark.parametrize(
    ("language", "text", "weekday"),
    [("ar", "قتل 14 شخصا في قصف على سوق يوم الجمعة.", 4), ("fr", "Quatorze personnes ont été tuées vendredi.", 4)],
)
def test_dates_partial_reduced_weekday_kept(language, text, weekday):
    (sentence,) = sentences_of(text, language)
    (mention,) = dates_in(sentence, text, load_lexicon(language), None)
    assert (mention.date.start, mention.date.weekday) == (None, weekday)


@pytest.mark.parametrize(
    ("opening", "language", "years"),
    [
        ("Ten years ago today, gunmen entered the village.", "en", 10),
        ("Survivors gathered on the tenth anniversary of the massacre.", "en", 10),
        ("The 12th anniversary of the siege was marked on Saturday.", "en", 12),
        ("الذكرى السنوية العاشرة لمجزرة القرية", "ar", 10),
        ("وقفة في الذكرى الـ8 لمجزرة القرية", "ar", 8),
        ("Shelling killed 14 people on Friday.", "en", None),
        ("On the fifth anniversary of the revolution, airstrikes killed 20 people.", "en", None),  # today's violence
        ("في الذكرى الخامسة للثورة قتل 20 شخصا في قصف.", "ar", None),
        ("وقفة احتجاجية بذكرى المجزرة 25 مايو", "ar", None),  # a day of the month is no count of years
    ],
)
def test_dates_anniversary_years(opening, language, years):
    assert anniversary_years(opening, language) == years


def test_dates_anniversary_moves_the_publication_day_back():
    day = IncidentDate(start=D(2022, 5, 25), end=D(2022, 5, 25), precision=Precision.day)
    moved = anniversary_date(day, D(2022, 5, 25), 10)
    assert (moved.start, moved.end) == (D(2012, 5, 25), D(2012, 5, 25))


def test_dates_anniversary_keeps_a_date_the_story_gives():
    day = IncidentDate(start=D(2012, 5, 25), end=D(2012, 5, 25), precision=Precision.day, text="25 May 2012")
    assert anniversary_date(day, D(2022, 5, 25), 10) == day


def test_dates_anniversary_reduced_piece_not_dated_on_publication_day():
    text = "في الذكرى السنوية العاشرة للمجزرة، قتل 40 شخصا في قصف على القرية."
    article = Article(id="a", text=text, language="ar", published=D(2022, 5, 25), outlet="outlet")
    assert extract_reduced(article).incidents[0].date.start == D(2012, 5, 25)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("قتل 40 شخصا في مجزرة في 25 من مايو/أيار عام 2012.", None, D(2012, 5, 25)),
        ("قتل 40 شخصا في مجزرة في 25 أيار 2012.", None, D(2012, 5, 25)),
        ("قتل 40 شخصا في قصف يوم 6-6-2012.", None, D(2012, 6, 6)),
        ("قتل 40 شخصا في قصف اليوم.", D(2019, 3, 7), D(2019, 3, 7)),
    ],
)
def test_dates_arabic_written_dates(text, published, expected):
    (sentence,) = sentences_of(text, "ar")
    mentions = dates_in(sentence, text, load_lexicon("ar"), published)
    assert [m.date.start for m in mentions] == [expected]


@pytest.mark.parametrize(
    ("language", "text", "published", "expected"),
    [
        ("ru", "Удар нанесли 7 марта 2019 года.", None, D(2019, 3, 7)),
        ("ru", "Удар нанесли вчера.", D(2019, 3, 8), D(2019, 3, 7)),
        ("uk", "Удар завдали 7 березня 2019 року.", None, D(2019, 3, 7)),
        ("de", "Der Angriff geschah am 7. März 2019.", None, D(2019, 3, 7)),
        ("es", "El ataque ocurrió el viernes.", D(2019, 3, 9), D(2019, 3, 8)),
        ("pt", "O ataque foi em 7 de março de 2019.", None, D(2019, 3, 7)),  # connectors
        ("sr", "Napad je bio 7. marta.", D(2019, 3, 9), D(2019, 3, 7)),  # an ending dateparser does not list
    ],
)
def test_dates_in_any_dateparser_language(language, text, published, expected):
    lexicon = replace(load_lexicon("fr"), language=language, dates={}, months={}, date_fillers=frozenset())
    (sentence,) = sentences_of(text, language)
    mentions = dates_in(sentence, text, lexicon, published)
    assert [m.date.start for m in mentions] == [expected]


def test_dates_reduced_prefers_the_date_of_the_violence():
    text = "أعلن المرصد اليوم مقتل 40 شخصا في مجزرة وقعت في 25 أيار 2012."
    article = Article(id="a", text=text, language="ar", published=D(2012, 5, 27), outlet="outlet")
    assert extract_reduced(article).incidents[0].date.start == D(2012, 5, 25)


def test_dates_reduced_retrospective_opening_date_not_the_publication_day():
    text = "التاريخ 3 آذار/ مارس عام 2013. الحدث في قرية صغيرة.\nوأفادت منظمة حقوقية أن 40 شخصا قتلوا في قصف على القرية."
    article = Article(id="a", text=text, language="ar", published=D(2018, 3, 3), outlet="outlet")
    assert extract_reduced(article).incidents[0].date.start == D(2013, 3, 3)


def test_dates_reduced_day_and_month_preferred_to_weekday_when_undated():
    text = "Des obus ont tué 40 personnes mercredi 6 juin."
    article = Article(id="a", text=text, language="fr", published=None, outlet="outlet")
    date = extract_reduced(article).incidents[0].date
    assert (date.start, date.month, date.day) == (None, 6, 6)


def test_dates_publication_date_line_read_at_extraction_in_any_language():
    text = "الخميس، 7 مارس 2019\n\nقتل 14 شخصا في قصف على سوق القرية أمس."
    extraction = extract_reduced(Article(id="a", text=text, language="ar", outlet="outlet"))
    assert (extraction.article.published, extraction.article.published_from) == (D(2019, 3, 7), "text")
    assert extraction.incidents[0].date.start == D(2019, 3, 6)


def test_dates_english_publication_date_line_read_at_extraction(english_extract):
    extraction = english_extract("Last Modified: 07 Mar 2019 18:02\n\nShelling killed 14 people in Aleppo on Tuesday.", None)
    assert (extraction.article.published, extraction.article.published_from) == (D(2019, 3, 7), "text")
    assert extraction.incidents[0].date.start == D(2019, 3, 5)


def test_dates_anniversary_english_piece_dated_years_back(english_extract):
    text = "Ten years ago today, gunmen killed 108 people in an invented village of Homs province."
    extraction = english_extract(text, D(2022, 5, 25))
    assert extraction.incidents[0].date.start == D(2012, 5, 25)
    assert any("anniversary" in note for note in extraction.notes)
