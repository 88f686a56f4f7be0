"""The surface grouping reads what the surface components read, each sentence once (multilingual.SurfaceReading)."""

from __future__ import annotations

import datetime as dt

import pytest

import corroborate.extract.multilingual as multilingual
import corroborate.extract.multilingual.reading as reading_rules
from corroborate.extract.multilingual import extract_reduced, load_lexicon, sentences_of
from corroborate.extract.multilingual.words import _longest_at, _matches
from corroborate.extract.pipeline import load_pipeline
from corroborate.models import Article

PUBLISHED = dt.date(2016, 3, 10)

# Invented reports: a lead with a toll, a source, a perpetrator named later, another incident elsewhere.
FRENCH = (
    "Au moins 12 personnes ont été tuées et 30 blessées hier dans un bombardement à Alep, selon l'Observatoire. "
    "Les frappes aériennes du régime syrien ont visé un marché.\n\n"
    "Mardi, un obus a tué 5 civils à Idleb, a précisé l'ONG."
)
ARABIC = (
    "قتل 12 شخصا وأصيب 30 آخرون أمس في غارات لطائرات النظام على مدينة حلب، بحسب المرصد السوري لحقوق الإنسان.\n\n"
    "وفي إدلب قتل 5 مدنيين بقصف مدفعي يوم الثلاثاء."
)
TEXTS = [("fr", FRENCH), ("ar", ARABIC)]
READERS = ("triggers_in", "figures_in", "places_in", "dates_in", "source_in", "perpetrators_in")
COMPONENTS = ("corroborate_places", "corroborate_actors", "corroborate_triggers", "corroborate_dates")
COMPONENTS += ("corroborate_casualties", "corroborate_attribution")


def read(nlp, text: str):
    doc = nlp.make_doc(text)
    doc._.published = PUBLISHED
    return nlp(doc)


def counting(monkeypatch) -> dict[str, int]:
    """Calls of the surface rules' readers (as SurfaceReading calls them) from here on."""
    calls = dict.fromkeys(READERS, 0)
    for name in READERS:
        original = getattr(reading_rules, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(reading_rules, name, counted)
    return calls


@pytest.mark.parametrize("language, text", TEXTS)
def test_surface_grouping_reads_each_sentence_once(monkeypatch, language, text):
    nlp = load_pipeline(language=language)
    calls = counting(monkeypatch)
    doc = read(nlp, text)
    sentences = len(list(doc.sents))
    assert doc._.incidents and doc._.incidents[0].casualties.killed.best == 12
    assert calls == dict.fromkeys(READERS, sentences), "a reader ran twice on a sentence"
    assert doc._.surface_reading is None  # dropped once grouped


@pytest.mark.parametrize("language, text", TEXTS)
def test_surface_grouping_reads_what_a_skipped_component_did_not(language, text):
    """A Doc that skipped the reading components is read by the grouping itself, to the same incidents, which are
    those of the reduced rules on the article alone."""
    nlp = load_pipeline(language=language)
    whole = read(nlp, text)
    with nlp.select_pipes(disable=list(COMPONENTS)):
        bare = read(nlp, text)
    assert bare._.casualties is None and "places" not in bare.spans
    alone = extract_reduced(Article(id="a", text=text, language=language, published=PUBLISHED))
    assert [i.model_dump() for i in bare._.incidents] == [i.model_dump() for i in whole._.incidents]
    assert [i.model_dump() for i in alone.incidents] == [i.model_dump() for i in whole._.incidents]
    assert len(whole._.incidents) == 2


def test_surface_dates_read_again_against_another_publication_date():
    (sentence,) = sentences_of("Un obus a tué trois personnes hier à Alep.", "fr")
    reading = multilingual.SurfaceReading(sentence.text, "fr", [sentence])
    assert reading.dates(sentence, PUBLISHED)[0].date.start == dt.date(2016, 3, 9)
    assert reading.dates(sentence, dt.date(2020, 1, 2))[0].date.start == dt.date(2020, 1, 1)


@pytest.mark.parametrize("language, text", TEXTS)
def test_longest_at_by_first_words_finds_what_reading_in_order_finds(language, text):
    lexicon = load_lexicon(language)
    assert len(lexicon.perpetrators) >= multilingual.INDEXED_PHRASES  # the indexed lookup is the one tested
    for sentence in sentences_of(text, language):
        words = sentence.words
        for at in range(-1, len(words) + 1):
            for phrases in (lexicon.perpetrators, lexicon.triggers):
                in_order = next((p for p in phrases if _matches(words, at, p)), None)
                assert _longest_at(words, at, phrases) == in_order
