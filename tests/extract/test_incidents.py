"""Grouping sentences into incidents and building their records, on invented articles."""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.extract.incidents import main_incident
from corroborate.extract.pipeline import extract_text
from corroborate.models import Certainty

pytestmark = pytest.mark.model

TWO_INCIDENTS = (
    "At least 14 people were killed on Monday when government warplanes struck a bakery in the town of "
    "Maarat al-Numan in Idlib province, the Syrian Observatory for Human Rights said.\n\n"
    "The strike came on the same day that a car bomb exploded near a mosque in the city of Azaz, "
    "killing nine people and wounding 22 others.\n\n"
    "The bombing in Azaz was claimed by no group.\n\n"
    "More than 350,000 people have been killed in the war since 2011."
)


@pytest.fixture(scope="module")
def two_incidents():
    return extract_text(TWO_INCIDENTS, published=dt.date(2019, 4, 10))


def test_incidents_two_places_make_two_incidents(two_incidents):
    violent = [i for i in two_incidents.incidents if i.violent]
    assert len(violent) == 2
    bakery, bombing = violent
    assert bakery.location.admin1 == "Idlib"
    assert bakery.cause == "airstrike"
    assert bakery.casualties.killed.low == 14
    assert bombing.cause == "car bomb"
    assert bombing.casualties.killed.best == 9
    assert bombing.casualties.injured.best == 22


def test_incidents_relative_and_same_day_dates(two_incidents):
    bakery, bombing = [i for i in two_incidents.incidents if i.violent]
    assert bakery.date.start == dt.date(2019, 4, 8)
    assert bombing.date.start == dt.date(2019, 4, 8)


def test_incidents_war_toll_is_not_a_casualty(two_incidents):
    for incident in two_incidents.incidents:
        for count in (incident.casualties.killed, incident.casualties.injured):
            assert count is None or count.best != 350000


def test_incidents_claims_point_at_their_evidence(two_incidents):
    text = TWO_INCIDENTS
    claims = [c for i in two_incidents.incidents for c in i.claims]
    assert claims
    for claim in claims:
        assert 0 <= claim.evidence.start < claim.evidence.end <= len(text)
        assert text[claim.evidence.start : claim.evidence.end] in claim.evidence.sentence
        assert claim.evidence.sentence.strip() in text


def test_incidents_attributed_figure_is_reported(two_incidents):
    bakery = two_incidents.incidents[0]
    (killed,) = [c for c in bakery.claims if c.field == "casualties.killed"]
    assert killed.source == "Syrian Observatory for Human Rights"
    assert killed.certainty == Certainty.reported
    bombing = two_incidents.incidents[1]
    (injured,) = [c for c in bombing.claims if c.field == "casualties.injured"]
    assert injured.certainty == Certainty.asserted


def test_incidents_main_incident_is_the_lead():
    extraction = extract_text(TWO_INCIDENTS, published=dt.date(2019, 4, 10))
    assert main_incident(extraction.incidents).location.admin1 == "Idlib"


def test_incidents_main_incident_is_the_first_that_numbers_its_dead():
    """A round-up opening with operations that killed "many" is mainly about the clash that killed 15."""
    roundup = (
        "Raqqa: Army units killed many terrorists in the countryside of Raqqa on Saturday.\n\n"
        "Deir Ezzor: Army units killed 15 terrorists in the al-Rashdiyeh neighbourhood of Deir Ezzor on Saturday."
    )
    extraction = extract_text(roundup, published=dt.date(2016, 6, 11))
    assert [i.location.admin1 for i in extraction.incidents if i.violent][:2] == ["Raqqa", "Deir ez-Zor"]
    main = main_incident(extraction.incidents)
    assert main.location.admin1 == "Deir ez-Zor" and main.casualties.victims.combatants.best == 15
    # with no number anywhere, the lead is the main incident
    vague = extract_text(roundup.replace("15", "dozens of"), published=dt.date(2016, 6, 11))
    assert main_incident(vague.incidents).location.admin1 == "Raqqa"


def test_incidents_protest_is_its_own_non_violent_incident():
    """A PROTEST aimed at the killings told: at their perpetrators; by unnamed gunmen, at no one, so none."""
    text = (
        "Islamic State militants killed six farmers near the village of Tal Abyad on Sunday.\n\n"
        "Thousands of people attended a demonstration in Beirut on Monday to denounce the killings."
    )
    extraction = extract_text(text)
    protests = [i for i in extraction.incidents if i.event_type == "Protests"]
    assert len(protests) == 1 and not protests[0].violent
    assert protests[0].plover_type == "PROTEST"
    assert protests[0].location.name == "Beirut"
    assert protests[0].casualties.killed is None
    assert {(a.role, a.name) for a in protests[0].actors} == {("actor", "Civilians"), ("recipient", "Islamic State")}
    unnamed = extract_text(text.replace("Islamic State militants", "Gunmen"))
    assert not [i for i in unnamed.incidents if i.event_type == "Protests"]


def test_incidents_killed_or_wounded_is_not_killed():
    extraction = extract_text("A rocket attack on a market in the city of Homs left 40 people killed or wounded on Friday.")
    (incident,) = [i for i in extraction.incidents if i.violent]
    assert incident.casualties.killed is None
    assert any(c.field == "casualties.killed_or_injured" for c in incident.claims)


def test_incidents_unknown_year_is_not_guessed():
    extraction = extract_text("On March 3, shelling killed four children in the town of Douma.")
    (incident,) = [i for i in extraction.incidents if i.violent]
    assert incident.date.start is None
    assert (incident.date.month, incident.date.day) == (3, 3)


def test_incidents_headline_and_lede_with_one_toll_are_one_incident():
    extraction = extract_text(
        "Shelling kills 11 in Syria.\n\n"
        "Government shelling killed 11 people in the town of Douma in Eastern Ghouta on Friday, rescuers said."
    )
    violent = [i for i in extraction.incidents if i.violent]
    assert len(violent) == 1
    assert violent[0].location.admin1 == "Rural Damascus"
