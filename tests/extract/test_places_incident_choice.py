"""Where an incident is placed when its story names several places, on invented articles."""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.extract.incidents import main_incident
from corroborate.extract.pipeline import extract_text

pytestmark = pytest.mark.model

PUBLISHED = dt.date(2016, 10, 28)


def main_governorate(text: str) -> str | None:
    incident = main_incident(extract_text(text, published=PUBLISHED).incidents)
    assert incident is not None
    return incident.location.admin1


def test_place_of_an_event_dated_earlier_with_after_is_not_the_incident():
    # The Idlib strike, told in "a day after" clauses and then on its own, has the larger toll.
    text = (
        "Rebel forces have hit a school in government-held west Aleppo just a day after dozens of children "
        "were killed in air strikes on a school in Idlib. "
        "At least six children were killed in rebel rocket attacks in the west of Aleppo city on Thursday just "
        "a day after air strikes on a school in Idlib left 22 children dead. "
        "The rocket fire in Aleppo hit two neighbourhoods. "
        "On Wednesday air strikes on a school complex in Idlib killed 22 children, the monitor said."
    )
    assert main_governorate(text) == "Aleppo"


def test_deadly_sentence_places_the_incident_when_the_lead_gives_no_toll():
    text = (
        "At least four people were killed and 11 injured in regime air strikes in Syria on Friday. "
        "A mosque was also destroyed by the air strikes north of Hama city, local sources said. "
        "An official in Idlib said four civilians were killed in an air strike which hit the town of Sarmin."
    )
    assert main_governorate(text) == "Idlib"


def test_name_of_a_tv_channel_places_nothing():
    text = "At least 14 civilians were killed by coalition air strikes on the outskirts of Raqqa on Sunday, Al Mayadeen TV reported."
    assert main_governorate(text) == "Raqqa"


def test_farms_named_after_a_place_are_placed_by_the_division_after_them():
    text = "Over 100 militants were killed in a failed attack on Mallah Farms in Aleppo northern countryside."
    assert main_governorate(text) == "Aleppo"


def test_lead_naming_two_governorates_is_placed_where_its_toll_was_taken():
    text = (
        "Syrian Army Retakes Qaryatain City in Homs Kills over 50 Terrorists in Hama.\n"
        "In Homs, two soldiers were killed in the fighting for Qaryatain, a military source said."
    )
    assert main_governorate(text) == "Hama"


def test_toll_before_a_list_of_governorates_says_nothing_of_where():
    text = (
        "Six civilians were killed in rocket attacks on Damascus, Aleppo and Idlib on Friday.\n"
        "In Aleppo, four civilians were killed when shells hit the Hamdaniyeh neighbourhood, SANA said."
    )
    assert main_governorate(text) == "Aleppo"
