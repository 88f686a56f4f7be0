"""The political-event gold set (bench/data/political/) stays true to its articles and to the guide.

The checker itself is tested on invented records so that each rule can be seen to fail.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

from political import Triple, article_texts, gold_triples, plover_vocabulary, read_annotations  # noqa: E402
from political_check import annotation_problems  # noqa: E402


def event(**fields) -> dict:
    base = {
        "type": "AID",
        "mode": "arms",
        "actor": ["Qatar"],
        "recipient": ["Armed opposition"],
        "certainty": "reported",
        "source": "a minister",
        "evidence": "Qatar sent rifles to the rebels",
    }
    return base | fields


TEXT = {("examples", "invented.txt"): "A minister said Qatar sent rifles to the rebels last spring."}


def problems_of(*events: dict) -> list[str]:
    record = {"source": "examples", "file": "invented.txt", "events": list(events)}
    return annotation_problems([record], TEXT, plover_vocabulary())


def test_political_check_accepts_a_sound_event():
    assert problems_of(event()) == []


@pytest.mark.parametrize(
    "change, complaint",
    [
        ({"evidence": "Qatar sent tanks to the rebels"}, "evidence not in the text"),
        ({"type": "ARM"}, "not a PLOVER type"),
        ({"mode": "veto"}, "not a mode of AID"),
        ({"certainty": "likely"}, "certainty"),
        ({"recipient": []}, "recipient must be a non-empty list"),
        ({"actor": [""]}, "actor must be a non-empty list"),
        ({"source": ""}, "no source"),
    ],
)
def test_political_check_rejects_a_broken_event(change, complaint):
    (problem,) = problems_of(event(**change))
    assert complaint in problem


def test_political_check_rejects_long_evidence():
    long_text = " ".join(f"word{i}" for i in range(25))
    record = {"source": "examples", "file": "long.txt", "events": [event(evidence=long_text)]}
    (problem,) = annotation_problems([record], {("examples", "long.txt"): long_text}, plover_vocabulary())
    assert "longer than 20 words" in problem


def test_political_triples_one_per_actor_and_recipient():
    record = {"events": [event(actor=["United States", "Qatar", "Turkey"]), event(actor=["Qatar"])]}
    assert gold_triples(record) == {Triple("AID", name, "Armed opposition") for name in ("United States", "Qatar", "Turkey")}


def test_political_triples_reciprocal_event_gives_each_pair_once():
    parties = ["Turkey", "Russia", "Iran"]
    record = {"events": [event(type="AGREE", mode=None, actor=parties, recipient=parties, reciprocal=True)]}
    assert gold_triples(record) == {
        Triple("AGREE", "Iran", "Russia"),
        Triple("AGREE", "Iran", "Turkey"),
        Triple("AGREE", "Russia", "Turkey"),
    }


@pytest.mark.seeds
def test_political_annotations_match_their_articles(shared_data):
    records = read_annotations()
    assert annotation_problems(records, article_texts(records, shared_data=shared_data), plover_vocabulary()) == []


def test_political_annotations_cover_the_measure():
    """Issue 14: at least 80 articles from FA-KES dev and the examples, with and without political events."""
    records = [r for r in read_annotations() if r["source"] in ("fakes_dev", "examples")]
    assert len(records) >= 80
    assert {r["source"] for r in records} == {"fakes_dev", "examples"}
    assert any(r["events"] for r in records) and any(not r["events"] for r in records)
    seeds = {r["file"] for r in read_annotations() if r["source"] == "seeds"}
    assert seeds == {"000_ad8ae6fafa60cfb5.txt", "001_c3ff9bd24fb53f6e.txt"}
