"""Perpetrators of whole incidents: nearby sentences, sides of a fight, attacks of the same kind (invented)."""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.extract.actors import perpetrator_class
from corroborate.extract.pipeline import extract_text

pytestmark = pytest.mark.model

PUBLISHED = dt.date(2017, 3, 14)


def violent(text: str):
    return [i for i in extract_text(text, published=PUBLISHED).incidents if i.violent]


def perpetrator_claims(incident) -> list[tuple[str, str]]:
    return [(c.value, c.evidence.sentence.strip()) for c in incident.claims if c.field == "actors.perpetrator"]


def test_actors_incidents_perpetrator_named_in_a_nearby_sentence():
    text = (
        "Government forces have intensified their campaign against the rebel enclave in recent weeks.\n\n"
        "Twelve civilians were killed in Douma on Monday, the Syrian Observatory for Human Rights said.\n\n"
        "Rescue workers were still searching the rubble on Tuesday."
    )
    (incident,) = violent(text)
    assert [(a.role, a.name) for a in incident.actors] == [
        ("target", "Civilians"),
        ("perpetrator", "Syrian Arab Army"),
    ]
    (claim,) = perpetrator_claims(incident)
    assert claim == ("Syrian Arab Army", text.split("\n\n")[0])


def test_actors_incidents_nearby_sides_of_a_fight_are_not_taken():
    text = (
        "Rebels have been fighting government forces around the town for weeks.\n\n"
        "Twelve civilians were killed in Douma on Monday, the Syrian Observatory for Human Rights said."
    )
    (incident,) = violent(text)
    assert perpetrator_class(incident.actors) == "unknown"


def test_actors_incidents_attack_of_the_same_kind_lends_its_perpetrator():
    text = (
        "Air strikes killed 12 people in the town of Saraqeb in Idlib province on Monday, a monitor said.\n\n"
        "Residents said the dead included four children.\n\n"
        "On Tuesday, Russian air strikes on the city of Deir Ezzor killed 7 people, the monitor said."
    )
    saraqeb, deir_ezzor = violent(text)
    assert saraqeb.location.admin1 == "Idlib" and deir_ezzor.location.admin1 == "Deir ez-Zor"
    assert [a.name for a in saraqeb.actors if a.role == "perpetrator"] == ["Russia"]
    assert perpetrator_claims(saraqeb) == perpetrator_claims(deir_ezzor)


def test_actors_incidents_attack_of_another_kind_lends_nothing():
    text = (
        "Air strikes killed 12 people in the town of Saraqeb in Idlib province on Monday, a monitor said.\n\n"
        "Residents said the dead included four children.\n\n"
        "On Tuesday, a car bomb exploded in the city of Deir Ezzor, killing 7 people.\n\n"
        "Islamic State militants claimed the bombing."
    )
    saraqeb, deir_ezzor = violent(text)
    assert [a for a in saraqeb.actors if a.role == "perpetrator"] == []
    assert perpetrator_class(deir_ezzor.actors) == "the organization of the islamic state in iraq and the levant - isis"


def test_actors_incidents_keyword_list_names_no_perpetrator():
    """A page's keyword list flattened into the text ("Tags ... Nusra Front ...") names topics, not who struck."""
    lede = "At least 12 civilians were killed in air strikes on the town of Saraqeb in Idlib province on Monday."
    tags = "Tags Syria Idlib Nusra Front Islamic State airstrikes"
    (with_tags,) = violent(f"{lede}\n\n{tags} Rescue workers were still searching the rubble on Tuesday.")
    assert perpetrator_class(with_tags.actors) == "unknown"
    struck = "Nusra Front fighters killed 12 civilians in the town of Saraqeb in Idlib province on Monday."
    (story,) = violent(f"{struck}\n\n{tags} Rescue workers were still searching the rubble on Tuesday.")
    assert [a.name for a in story.actors if a.role == "perpetrator"] == ["Al-Nusra Front"]


def test_actors_incidents_headline_without_weapon_takes_its_ledes_perpetrator():
    text = (
        "Hundreds killed in Syria as Security Council meets.\n\n"
        "Government forces shelled the suburbs of Damascus on Wednesday, killing 300 people."
    )
    headline, lede = violent(text)
    assert headline.cause == "unknown" and lede.cause == "shelling"
    assert [a.name for a in headline.actors if a.role == "perpetrator"] == ["Syrian Arab Army"]
    assert perpetrator_claims(headline) == perpetrator_claims(lede)


def test_actors_incidents_incident_without_weapon_takes_nothing_from_before_it():
    text = (
        "Rebels shelled the suburbs of Damascus on Wednesday, killing 30 people.\n\n"
        "On Thursday, 12 people were killed in the city of Deir Ezzor, the monitor said."
    )
    damascus, deir_ezzor = violent(text)
    assert perpetrator_class(damascus.actors) == "armed opposition groups"
    assert deir_ezzor.cause == "unknown" and [a for a in deir_ezzor.actors if a.role == "perpetrator"] == []


def test_actors_incidents_incident_without_weapon_takes_nothing_from_another_governorate():
    text = "Four people were killed in Damascus on Sunday.\n\nIn Aleppo, government jets struck a market on Sunday, killing 10 people."
    damascus, aleppo = violent(text)
    assert (damascus.location.admin1, aleppo.location.admin1) == ("Damascus", "Aleppo")
    assert damascus.cause == "unknown" and [a for a in damascus.actors if a.role == "perpetrator"] == []
