"""Reduced extraction in Russian, Ukrainian, Persian, German, Spanish, Portuguese, Italian, Polish,
Bulgarian and Serbian/Croatian: stems of inflected words, figures, hedges, "killed or wounded", war
totals, routing. Every sentence is invented."""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.extract.multilingual import (
    REDUCED_LANGUAGES,
    extract_reduced,
    figures_in,
    load_lexicon,
    matching_of,
    sentences_of,
    words_of,
)
from corroborate.extract.pipeline import extract_articles
from corroborate.models import Article, Extraction

NEW_LANGUAGES = ("ru", "uk", "fa", "de", "es", "pt", "it", "pl", "bg", "sr", "hr")


def reduced(text: str, language: str, published: dt.date | None = dt.date(2023, 3, 15)) -> Extraction:
    return extract_reduced(Article(id="a", text=text, language=language, published=published, outlet="outlet"))


def figures(text: str, language: str) -> list[tuple[str, int | None, int | None]]:
    lexicon = load_lexicon(language)
    found = [f for sentence in sentences_of(text, language) for f in figures_in(sentence, text, lexicon)]
    return [(f.kind, f.count.low, f.count.best) for f in found]


@pytest.mark.parametrize("language", NEW_LANGUAGES)
def test_multilingual_every_new_language_loads_and_is_routed(language: str) -> None:
    lexicon = load_lexicon(language)
    assert lexicon.killed and lexicon.injured and lexicon.triggers and lexicon.hedges and lexicon.war
    assert language in REDUCED_LANGUAGES


@pytest.mark.parametrize(
    ("language", "text", "killed", "cause"),
    [
        ("ru", "В результате ракетного удара по Алеппо погибли по меньшей мере 12 человек.", (12, 12), "shelling"),
        ("ru", "Двадцать пять мирных жителей погибших опознаны после авиаудара по Идлибу.", (25, 25), "airstrike"),
        ("uk", "Внаслідок обстрілу Ідліба загинули п’ятеро людей.", (5, 5), "shelling"),
        ("uk", "Внаслідок авіаудару по Алеппо загинуло щонайменше 14 людей.", (14, 14), "airstrike"),
        ("fa", "در حمله هوایی به حلب دست کم ۱۲ نفر کشته شدند.", (12, 12), "airstrike"),
        ("fa", "انفجار در دمشق 15کشته در پی داشت.", (15, 15), "explosion"),
        ("de", "Bei einem Luftangriff auf Idlib sind mindestens 17 Menschen getötet worden.", (17, 17), "airstrike"),
        ("es", "Al menos treinta y cinco personas murieron en un bombardeo en Alepo.", (35, 35), "shelling"),
        ("pt", "Uma explosão matou pelo menos 21 pessoas em Alepo.", (21, 21), "explosion"),
        ("it", "Un attentato a Damasco ha causato almeno 19 morti.", (19, 19), "explosion"),
        ("pl", "W ostrzale Aleppo zginęło co najmniej 16 osób.", (16, 16), "shelling"),
        ("bg", "При ракетния удар в Идлиб загинаха най-малко 13 души.", (13, 13), "shelling"),
        ("sr", "U raketnom napadu na Alepo poginulo je najmanje 14 ljudi.", (14, 14), "shelling"),
        ("sr", "У ракетном нападу на Алепо погинуло је најмање 14 људи.", (14, 14), "shelling"),
        ("hr", "U zračnom napadu na Idlib poginulo je najmanje 11 civila.", (11, 11), "airstrike"),
    ],
)
def test_multilingual_new_languages_give_the_incident_killed_and_cause(language, text, killed, cause) -> None:
    (incident,) = reduced(text, language).incidents
    assert (incident.casualties.killed.low, incident.casualties.killed.best) == killed
    assert incident.cause == cause


def test_multilingual_prefix_matching_reads_inflected_words_by_stem() -> None:
    assert matching_of("ru").prefix and not matching_of("de").prefix
    for word in ("погибли", "погибших", "погибло"):
        (only,) = words_of(word, "ru")
        assert "погиб" in only.forms and only.exact == frozenset({word})
    (short,) = words_of("мир", "ru")
    assert short.forms == {"мир"}  # below the stem length: whole words only


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("pl", "Liczba ofiar śmiertelnych ataku rakietowego na dworzec w Aleppo wzrosła do 23.", [("killed", 23, 23)]),
        ("es", "El número de muertos por el ataque con misiles en la estación de Alepo aumentó a 41.", [("killed", 41, 41)]),
        ("es", "El número de muertos por el ataque con misiles en la estación de Alepo aumentó hasta 41.", [("killed", 41, 41)]),
        ("sr", "Broj poginulih u raketnom napadu na železničku stanicu u Alepu porastao je na 27.", [("killed", 27, 27)]),
        ("ru", "Число погибших при обстреле рынка в Алеппо на утро среды возросло до 33.", [("killed", 33, 33)]),
    ],
)
def test_multilingual_a_toll_that_rose_to_a_figure_counts_the_subject(language, text, expected) -> None:
    assert figures(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "В результате взрыва 35 человек убиты или ранены."),
        ("uk", "Внаслідок вибуху 35 людей загинули або поранені."),
        ("es", "La explosión dejó 40 muertos y heridos."),
        ("pt", "A explosão deixou 40 mortos ou feridos."),
        ("it", "L'esplosione ha causato 40 morti e feriti."),
        ("de", "Die Explosion forderte 50 Tote und Verletzte."),
        ("pl", "Wybuch spowodował 40 zabitych i rannych."),
        ("bg", "Взривът остави 40 убити и ранени."),
        ("sr", "Eksplozija je ostavila 40 mrtvih i ranjenih."),
        ("fa", "انفجار ۴۰ کشته و زخمی بر جای گذاشت."),
        ("fr", "L'explosion a fait 40 tués ou blessés."),
    ],
)
def test_multilingual_killed_or_wounded_is_not_killed(language: str, text: str) -> None:
    assert [kind for kind, _, _ in figures(text, language)] == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "Война, в которой погибли более 300 тысяч человек, продолжается."),
        ("uk", "Війна, під час якої загинули понад 300 тисяч людей, триває."),
        ("fa", "در جنگ سوریه بیش از ۳۰۰ هزار نفر کشته شده اند."),
        ("de", "Der Krieg, in dem mehr als 300 Menschen getötet wurden, dauert an."),
        ("es", "La guerra, que ha causado más de 300 mil muertos, continúa."),
        ("pt", "A guerra, que já matou mais de 300 mil pessoas, continua."),
        ("it", "La guerra, che ha ucciso oltre 300 mila persone, continua."),
        ("pl", "Wojna, w której zginęło ponad 300 tysięcy osób, trwa."),
        ("bg", "Войната, в която загинаха над 300 хиляди души, продължава."),
        ("sr", "Rat u kojem je poginulo više od 300 hiljada ljudi i dalje traje."),
    ],
)
def test_multilingual_the_war_toll_is_not_a_figure(language: str, text: str) -> None:
    assert figures(text, language) == []


def test_multilingual_number_words_multipliers_and_links() -> None:
    assert figures("Погибли две тысячи человек.", "ru") == [("killed", 2000, 2000)]
    assert figures("Погибли 2 тысячи человек.", "ru") == [("killed", 2000, 2000)]
    assert figures("بیست و پنج نفر کشته شدند.", "fa") == [("killed", 25, 25)]
    assert figures("Семьи погибших требуют ответа.", "ru") == []  # "семьи" (families) is not "семь" (seven)
    assert figures("Una explosión mató a 9 personas.", "es") == [("killed", 9, 9)]  # "una" is an article


def test_multilingual_day_words_are_not_numbers() -> None:
    # "سه شنبه" (Tuesday) begins with "سه" (three); Ukrainian "четвер" (Thursday) begins "четверо" (four people).
    assert figures("در حمله روز سه شنبه کشته شدند.", "fa") == []
    (incident,) = reduced("У четвер внаслідок обстрілу Ідліба загинули четверо людей.", "uk").incidents
    assert incident.casualties.killed.best == 4
    assert incident.date.start == dt.date(2023, 3, 9)


def test_multilingual_a_headline_without_figure_is_told_on_in_the_next_paragraph() -> None:
    text = "Ракетный удар по Алеппо\n\nПо данным спасателей, погибли 7 человек, ещё 20 ранены."
    (incident,) = reduced(text, "ru").incidents
    assert (incident.casualties.killed.best, incident.casualties.injured.best, incident.cause) == (7, 20, "shelling")


def test_multilingual_a_lead_without_weapon_takes_the_cause_of_the_next_paragraph() -> None:
    text = "По меньшей мере 9 человек погибли в Алеппо.\n\nСпасатели сообщили, что по рынку был нанесён авиаудар."
    (incident,) = reduced(text, "ru").incidents
    assert (incident.casualties.killed.best, incident.cause) == (9, "airstrike")


def test_multilingual_serbian_cyrillic_and_latin_read_alike() -> None:
    latin = reduced("U raketnom napadu na Alepo poginulo je najmanje 14 ljudi, a 30 je ranjeno.", "sr")
    cyrillic = reduced("У ракетном нападу на Алепо погинуло је најмање 14 људи, а 30 је рањено.", "sr")
    for extraction in (latin, cyrillic):
        (incident,) = extraction.incidents
        assert (incident.casualties.killed.best, incident.casualties.injured.best) == (14, 30)


def test_multilingual_pipeline_routes_new_languages_with_their_note() -> None:
    articles = [
        Article(id="ru", text="В результате авиаудара по Идлибу погибли 8 человек.", language="ru"),
        Article(id="hr", text="U zračnom napadu na Idlib poginulo je 8 ljudi.", language="hr"),
    ]
    russian, croatian = extract_articles(articles)
    assert russian.incidents[0].casualties.killed.best == 8
    assert "language 'ru' (Russian): reduced rules" in russian.notes[0] and "lang/ru/reduced.toml" in russian.notes[0]
    assert croatian.incidents[0].casualties.killed.best == 8
    assert "language 'hr'" in croatian.notes[0] and "lang/sr/reduced.toml" in croatian.notes[0]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "La guerre, qui a fait plus de 300 000 morts, continue."),
        ("ar", "الحرب التي قتل فيها أكثر من 300 ألف شخص مستمرة."),
    ],
)
def test_multilingual_the_war_toll_is_not_a_figure_in_french_and_arabic(language: str, text: str) -> None:
    assert figures(text, language) == []


def test_multilingual_a_broken_matching_table_is_a_configuration_error(monkeypatch) -> None:
    from corroborate.errors import ConfigurationError
    from corroborate.extract import multilingual
    from corroborate.extract.multilingual import words

    monkeypatch.setattr(words, "_lexicon_file", lambda language: {"matching": {"fold": "runic"}})
    multilingual.matching_of.cache_clear()
    try:
        with pytest.raises(ConfigurationError, match="fold"):
            multilingual.matching_of("ru")
    finally:
        multilingual.matching_of.cache_clear()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "Удар «Точкой-У» по вокзалу Алеппо: погибли 6 человек."),
        ("uk", "Удар «Іскандером» по вокзалу Алеппо: загинули 6 людей."),
    ],
)
def test_multilingual_named_missile_systems_are_shelling(language: str, text: str) -> None:
    (incident,) = reduced(text, language).incidents
    assert (incident.cause, incident.casualties.killed.best) == ("shelling", 6)
