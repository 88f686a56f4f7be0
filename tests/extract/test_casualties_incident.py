"""An incident's toll and victims from the figures of its sentences, and their FA-KES counts."""

from __future__ import annotations

import pytest

from corroborate import extract_text
from corroborate.evaluate import fakes_counts
from corroborate.extract.casualties import CasualtyFigure, has_number, sentence_toll, sum_counts, tells_toll, with_additions
from corroborate.extract.incidents import combine_counts, main_incident
from corroborate.extract.numbers import is_vague, parse_count
from corroborate.models import CasualtyCount


def figure(text: str, group: str | None = None, **flags: bool) -> CasualtyFigure:
    """A killed figure as the parse would give it, without the parse."""
    count = parse_count(text)
    return CasualtyFigure(kind="killed", count=count, group=group, start=0, end=len(text), text=text, **flags)


@pytest.mark.parametrize(
    ("text", "vague"),
    [("dozens", True), ("several", True), ("scores", True), ("at least 12", False), ("a dozen", False)],
)
def test_vague_counts(text, vague):
    assert is_vague(parse_count(text)) is vague


def test_counts_without_a_number():
    assert not has_number(CasualtyCount(text="civilians"))
    assert has_number(parse_count("up to 30"))


def test_sum_counts_keeps_unknown_bounds_unknown():
    total = sum_counts([parse_count("at least 10"), parse_count("5")])
    assert (total.low, total.best, total.high) == (15, 15, None)


def test_combine_counts_prefers_a_precise_figure_to_a_vague_one():
    assert combine_counts([figure("dozens"), figure("at least 43")]).best == 43
    assert combine_counts([figure("dozens"), figure("three")]).best == 12  # three is not dozens
    assert combine_counts([figure("20"), figure("dozens")]).best == 20
    assert combine_counts([figure("civilians", "civilians"), figure("8", "civilians")]).best == 8
    assert combine_counts([figure("civilians", "civilians")]) is None


def test_combine_counts_takes_the_latest_update():
    assert combine_counts([figure("12"), figure("20", update_of_toll=True), figure("9")]).best == 20


def test_sentence_toll():
    assert sentence_toll([figure("16"), figure("16", "civilians")]).count.best == 16
    assert sentence_toll([figure("50", "combatants"), figure("8", "civilians")]).count.best == 58
    assert sentence_toll([figure("9", "children"), figure("14", is_addition=True)]).count.best == 23
    assert sentence_toll([figure("20"), figure("6", "children", is_breakdown=True)]).count.best == 20
    assert sentence_toll([figure("10", "children"), figure("5", "women")]).count.best == 15
    assert sentence_toll([figure("4", "children", is_breakdown=True)]) is None


def test_additions_join_the_figure_of_their_group():
    merged = with_additions([figure("one", "combatants"), figure("eight", "combatants", is_addition=True)])
    assert [(f.count.best, f.group) for f in merged] == [(9, "combatants")]
    kept = with_additions([figure("nine", "children"), figure("14", is_addition=True)])
    assert [f.count.best for f in kept] == [9, 14]


def test_victims_belong_to_the_toll_told_in_their_sentence():
    total = parse_count("16")
    assert not tells_toll(total, [figure("seven"), figure("two", "women", is_breakdown=True)])
    assert tells_toll(total, [figure("16"), figure("three", "children", is_breakdown=True)])
    assert tells_toll(total, [figure("six", "children", is_breakdown=True)])
    assert tells_toll(parse_count("50"), [figure("50", "combatants"), figure("eight", "civilians")])


@pytest.mark.parametrize(
    ("text", "killed", "victims", "counts"),
    [
        (
            "At least 16 people were killed in air strikes on the town of Maarat al-Numan on Monday. "
            "In the north of the town, seven people including two women were killed.",
            16,
            {},
            (16, 0, 0, 0),
        ),
        (
            "Dozens of people were killed in the shelling of Douma on Sunday. "
            "At least 43 people, among them 11 children, died, the monitor said.",
            43,
            {"children": 11},
            (43, 11, 0, 0),
        ),
        (
            "Government air strikes on the town of Atareb killed 18 people on Monday. "
            "The air force has killed 60 people including 14 children in the province this month.",
            18,
            {},
            (18, 0, 0, 0),
        ),
        (
            "US strikes killed 40 jihadists and seven civilians including two children in the village of Kafr Deryan on Tuesday.",
            47,
            {"combatants": 40, "civilians": 7, "children": 2},
            (7, 2, 0, 40),
        ),
        (
            "Shelling killed several civilians in the town of Douma on Friday, including many children.",
            3,
            {"civilians": 3, "children": 3},
            (0, 0, 0, 0),
        ),
    ],
)
def test_incident_casualties_and_fakes_counts(nlp, text, killed, victims, counts):
    incident = main_incident(extract_text(text).incidents)
    casualties = incident.casualties
    assert casualties.killed.best == killed
    for group in ("civilians", "children", "women", "combatants"):
        count = getattr(casualties.victims, group)
        assert (count.best if count else None) == victims.get(group)
    assert tuple(fakes_counts(incident).values()) == counts


def test_victims_named_without_a_number_are_mentioned(nlp):
    text = (
        "Regime helicopters dropped barrel bombs on the town of Darayya on Friday, killing 12 people. "
        "Women and children were among the dead."
    )
    casualties = main_incident(extract_text(text).incidents).casualties
    assert casualties.victims.women is None and casualties.victims.children is None
    assert casualties.victims.mentioned == ["women", "children"]
