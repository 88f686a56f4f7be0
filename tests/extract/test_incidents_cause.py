"""How an incident's cause is read from the sentence that gives its death toll, on invented articles."""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.extract.incidents import main_incident
from corroborate.extract.pipeline import extract_text

pytestmark = pytest.mark.model

PUBLISHED = dt.date(2016, 7, 10)


def main_cause(text: str) -> str:
    incident = main_incident(extract_text(text, published=PUBLISHED).incidents)
    assert incident is not None
    return incident.cause


def test_cause_dead_of_a_fight_were_shot_whatever_arms_the_story_names_elsewhere():
    text = (
        "At least 29 rebels were killed in clashes with government troops near the town of Kafr Hamra "
        "in Aleppo province on Saturday, a monitor said. "
        "Government forces had called in support from heavy artillery to retake the hill."
    )
    assert main_cause(text) == "shooting"


def test_cause_weapon_of_the_toll_sentence_beats_the_fight():
    text = (
        "At least 12 rebels were killed by artillery shelling during clashes with government troops near "
        "the town of Kafr Hamra in Aleppo province on Saturday, a monitor said."
    )
    assert main_cause(text) == "shelling"


def test_cause_most_specific_of_the_lead_and_the_toll_sentence():
    text = (
        "Bombs fell on the market of Kafr Hamra in Aleppo province on Saturday. "
        "An air strike on the market killed 12 people, the monitor said."
    )
    assert main_cause(text) == "airstrike"


def test_cause_lead_weapon_kept_when_more_specific_than_the_toll_sentence():
    text = (
        "A chemical attack hit the town of Kafr Hamra in Idlib province on Tuesday, rescuers said. "
        "Air strikes on the town killed at least 70 people, the monitor said."
    )
    assert main_cause(text) == "chemical"


def test_cause_deaths_without_weapon_or_fight_keep_the_story_weapon():
    text = (
        "Government warplanes struck the town of Kafr Hamra in Idlib province on Tuesday. At least 15 people were killed, the monitor said."
    )
    assert main_cause(text) == "airstrike"


def test_cause_town_of_the_governorate_adds_to_the_incident_placed_by_it():
    text = (
        "Tests on the victims of an attack which killed dozens of people in Idlib province point to sarin, "
        "the ministry said on Thursday. "
        "At least 86 people were killed on Tuesday in the town of Khan Sheikhoun, the monitor said."
    )
    violent = [i for i in extract_text(text, published=PUBLISHED).incidents if i.violent]
    assert len(violent) == 1
    assert violent[0].casualties.killed.best == 86
    assert violent[0].location.admin1 == "Idlib"


def test_cause_weapon_of_a_later_sentence_telling_the_same_toll():
    """The lead puts the dead in a fight; a later sentence tells the same toll with its weapon."""
    text = (
        "At least 17 civilians were killed in the town of Kafr Hamra in Aleppo province on Saturday during fierce "
        "clashes between government forces and the rebels. "
        "Rebels had launched rockets and car bombs at the western districts on Friday. "
        "A witness said artillery shelling hit the market, killing at least 17 civilians."
    )
    assert main_cause(text) == "shelling"
