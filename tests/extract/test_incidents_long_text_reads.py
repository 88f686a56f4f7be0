"""What is read of the whole article is read once per article, not once per sentence or incident (long texts
would cost the square of their length), and gives what reading it each time gave."""

from __future__ import annotations

import pytest

import corroborate.extract.places as places
from corroborate.extract.attribution import earlier_sources, sentence_sources
from corroborate.extract.events import air_power_behind, air_power_positions
from corroborate.extract.incidents import IncidentDraft, build_incidents, sentence_facts

pytestmark = pytest.mark.model

TEXT = (
    "A car bomb killed 14 people in the town of Qaryatayn on Monday, the Syrian Observatory for Human Rights said.\n\n"
    "The monitor said the toll could rise.\n\n"
    "Separately, Russian strikes killed 6 civilians in Talbiseh on Tuesday, activists said.\n\n"
    "The group said 20 people were wounded.\n\n"
    "In the east, an air strike killed 9 fighters near Mayadin on Wednesday, Syrian state television reported."
)


def test_incidents_home_country_read_once_per_article(nlp, monkeypatch):
    calls = []
    real = places.home_country
    monkeypatch.setattr(places, "home_country", lambda spans: calls.append(1) or real(spans))
    incidents = nlp(TEXT)._.incidents  # the pipeline's last component groups them
    assert len([i for i in incidents if i.violent]) >= 2
    assert len(calls) == 1
    assert [i.model_dump() for i in build_incidents(nlp(TEXT))] == [i.model_dump() for i in incidents]


def test_incidents_place_keys_follow_added_sentences(nlp):
    doc = nlp(TEXT)
    sents = [s for s in doc.sents if s.text.strip()]
    first, third = sentence_facts(0, sents[0]), sentence_facts(2, sents[2])
    draft = IncidentDraft(violent=True, sentences=[first])
    before = set(draft.place_keys())
    assert "qaryatayn" in before and "talbiseh" not in before
    draft.sentences.append(third)
    assert "talbiseh" in draft.place_keys() and before <= draft.place_keys()
    assert draft.admin1s() == {p.admin1 for f in (first, third) for p in f.subnational_places if p.admin1}


def test_attribution_earlier_sources_equal_reading_from_the_start(nlp):
    doc = nlp(TEXT)
    sents = list(doc.sents)
    for sent in reversed(sents):  # asked out of order, the answers stay those of a walk from the start
        walked = [source for other in sents if other.start <= sent.start for source in sentence_sources(other)]
        assert earlier_sources(sent) == walked


def test_events_air_power_positions_read_once_give_the_same_answer(nlp):
    doc = nlp(TEXT)
    positions = air_power_positions(doc)
    assert positions
    for trigger in doc.spans["triggers"]:
        assert air_power_behind(trigger, doc, positions) == air_power_behind(trigger, doc)
