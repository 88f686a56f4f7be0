"""Scoring FA-KES rows: exact and within-10% accuracy, confusions, and known gold errors left out (no model)."""

from __future__ import annotations

from corroborate.evaluate import FIELDS, score_rows


def row(**values: str) -> dict[str, str]:
    base = {name: "" for name in FIELDS}
    base.update({"location": "idlib", "actor": "unknown", "cause_of_death": "shelling", "date": "2016-09-20"})
    base.update({name: "0" for name in ("nb_civilians", "nb_children", "nb_women", "nb_noncivilians")})
    base.update(values)
    return base


def test_scores_exact_close_and_confusions():
    rows = [
        ("1", row(nb_civilians="20"), row(nb_civilians="21")),
        ("2", row(location="aleppo"), row()),
    ]
    report = score_rows(rows, "all rows")
    assert report.rows == 2 and report.excluded == 0
    assert report.scores["nb_civilians"].accuracy() == 0.5 and report.scores["nb_civilians"].within_10() == 1.0
    assert report.scores["location"].accuracy() == 0.5
    assert report.scores["location"].confusion == {("idlib", "aleppo"): 1}


def test_known_gold_errors_are_left_out_of_their_field_only_and_counted_where_scored():
    rows = [("1", row(date="2016-09-19"), row(date="2016-09-20")), ("2", row(), row())]
    skip = frozenset({("1", "date"), ("9", "date")})  # row 9 is not among the rows scored
    report = score_rows(rows, "without known gold errors", skip)
    assert report.scores["date"].total == 1 and report.scores["date"].accuracy() == 1.0
    assert report.scores["location"].total == 2
    assert report.excluded == 1
