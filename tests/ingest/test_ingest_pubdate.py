"""Publication date cascade: metadata, date lines (any language, Hijri and Solar Hijri), URL; stamps ignored."""

from __future__ import annotations

import datetime as dt
from importlib.util import find_spec

import pytest

from corroborate.ingest import read_text
from corroborate.ingest.pubdate import date_from_line, date_from_url, page_stamp

D = dt.date
STORY = (
    "Shelling killed 14 people in the market of an invented town on Tuesday, a local monitor said in a statement.\n\n"
    "Rescue workers searched the rubble for survivors until late in the evening, the monitor added in its report.\n"
)
calendars = pytest.mark.skipif(
    find_spec("hijridate") is None or find_spec("convertdate") is None, reason="dateparser's calendars extra is not installed"
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/2019/03/07/market-shelled/", D(2019, 3, 7)),
        ("https://news.example/world/2019-03-06/market-shelled", D(2019, 3, 6)),
        ("https://news.example/news/2021/11/4/5531234/", D(2021, 11, 4)),
        ("https://news.example/News/Region/2018/Feb-09/4431-market.ashx", D(2018, 2, 9)),
        ("https://news.example/article/2017-08-30-market-shelled", D(2017, 8, 30)),
        ("https://news.example/story?id=88&date=2016-10-02", D(2016, 10, 2)),
        ("https://blog.example/2019/03/market.html", None),  # year and month only
        ("https://news.example/world/market-shelled-1.2019031", None),  # an id, not a date
        ("https://news.example/x/20190307_1_market", None),  # digits run into an id
        ("https://news.example/2019/13/40/x", None),  # no such month or day
    ],
)
def test_pubdate_from_url(url, expected):
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("line", "language", "expected"),
    [
        ("Last Modified: 04 Mar 2019 11:20", "en", D(2019, 3, 4)),
        ("الخميس، 7 مارس 2019", "ar", D(2019, 3, 7)),
        ("7 марта 2019, 14:05", "ru", D(2019, 3, 7)),
        ("Publié le 7 mars 2019", "fr", D(2019, 3, 7)),
        ("Aktualisiert: 7. März 2019", "de", D(2019, 3, 7)),
        ("The market was shelled on 7 March 2019 and many more words follow here to make it prose", "en", None),
    ],
)
def test_pubdate_from_date_line_in_any_language(line, language, expected):
    assert date_from_line(line, language) == expected


@calendars
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("۱۶ اسفند ۱۳۹۷ - ۱۰:۳۰", D(2019, 3, 7)),  # Solar Hijri (Jalali)
        ("اسفند ۱۶، ۱۳۹۷", D(2019, 3, 7)),
        ("الخميس 30 جمادى الآخرة 1440", D(2019, 3, 7)),  # Hijri
    ],
)
def test_pubdate_non_gregorian_dates_converted(line, expected):
    assert date_from_line(line, "fa" if "اسفند" in line else "ar") == expected


@pytest.mark.parametrize(
    "line",
    [
        "Today is Thursday, 12 December 2024",
        "Archived from the original on 3 May 2021",
        "Retrieved 3 May 2021",
        "Copyright © 2 March 2019 Example News",
        "Comment posted on 9 March 2019 at 10:02",
    ],
)
def test_pubdate_page_stamps_ignored(line):
    assert page_stamp(line)
    assert date_from_line(line, "en") is None


def test_pubdate_date_line_beats_url_and_is_recorded():
    raw = "https://news.example/2019/03/09/market-shelled/\n\nMarket shelled\n\nLast Modified: 07 Mar 2019 18:02\n\n" + STORY
    article = read_text(raw)
    assert (article.published, article.published_from) == (D(2019, 3, 7), "date line")


def test_pubdate_url_when_the_page_gives_no_date():
    raw = "https://news.example/2019/03/09/market-shelled/\n\nMarket shelled\n\n" + STORY
    article = read_text(raw)
    assert (article.published, article.published_from) == (D(2019, 3, 9), "url")


def test_pubdate_stamp_line_is_not_the_publication_date():
    raw = "https://news.example/2019/03/09/market-shelled/\n\nToday is Friday, 13 December 2024\n\nMarket shelled\n\n" + STORY
    assert read_text(raw).published == D(2019, 3, 9)


def test_pubdate_metadata_line_is_input():
    raw = "Date: 2019-03-05\nTitle: Market shelled\n\n" + STORY
    article = read_text(raw)
    assert (article.published, article.published_from) == (D(2019, 3, 5), "input")


def test_pubdate_arabic_date_line_at_the_top():
    raw = (
        "https://news.example/ar/88231\n\nعنوان الخبر\n\nالخميس، 7 مارس 2019\n\n"
        "قتل 14 شخصا في قصف على سوق بلدة في ريف حلب، بحسب ما أفاد مصدر محلي اليوم في بيان صحفي نشره على موقعه.\n"
    )
    article = read_text(raw)
    assert (article.published, article.published_from) == (D(2019, 3, 7), "date line")


def test_pubdate_no_date_anywhere():
    article = read_text("https://news.example/world/market-shelled\n\n" + STORY)
    assert (article.published, article.published_from) == (None, None)


HTML_PAGE = """<!DOCTYPE html><html><head><title>Market shelled</title>
<meta property="article:published_time" content="2019-03-07T10:00:00Z"></head><body><article>
<h1>Market shelled</h1>
<p>Shelling killed 14 people in the market of an invented town on Tuesday, a local monitor said in a statement.</p>
<p>Rescue workers searched the rubble for survivors until late in the evening, the monitor added in its report.</p>
</article></body></html>"""


def test_pubdate_html_metadata_is_recorded():
    from corroborate.ingest import read_html

    article = read_html(HTML_PAGE)
    assert (article.published, article.published_from) == (D(2019, 3, 7), "metadata")


def test_pubdate_html_date_line_when_no_metadata():
    from corroborate.ingest import read_html

    page = HTML_PAGE.replace('<meta property="article:published_time" content="2019-03-07T10:00:00Z">', "").replace(
        "<h1>Market shelled</h1>", "<h1>Market shelled</h1><p>Публикация: 7 марта 2019</p>"
    )
    article = read_html(page)
    assert article.published == D(2019, 3, 7)
    assert article.published_from in ("metadata", "date line")  # htmldate may read the line itself


def test_pubdate_csv_column_is_input(tmp_path):
    from corroborate.ingest import read_table

    path = tmp_path / "corpus.csv"
    path.write_text('text,published\n"' + STORY.replace("\n", " ") + '",2019-03-07\n', encoding="utf-8")
    [article] = read_table(path)
    assert (article.published, article.published_from) == (D(2019, 3, 7), "input")
