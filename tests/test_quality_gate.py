"""Evaluation gate: extraction quality on the FA-KES development split may not fall below its floors.

The floors sit a little under the figures in the README's quality table
(measured with `corroborate eval fakes ../shared/data/fakes/fakes_dev.csv`).
Raise them when quality rises; lowering one needs a reason in the changelog.
"""

from __future__ import annotations

import pytest

from corroborate.evaluate import evaluate_fakes

pytestmark = [pytest.mark.model, pytest.mark.seeds]

# field -> minimum exact accuracy on all 442 development rows
FLOORS = {
    "location": 0.935,  # measured 0.941
    "actor": 0.815,  # 0.819
    "cause_of_death": 0.85,  # 0.858
    "date": 0.49,  # 0.502
    "nb_civilians": 0.80,  # 0.815
    "nb_children": 0.90,  # 0.914
    "nb_women": 0.945,  # 0.959
    "nb_noncivilians": 0.865,  # 0.876
}


@pytest.fixture(scope="module")
def dev_report(shared_data):
    (report, *_) = evaluate_fakes(shared_data / "fakes" / "fakes_dev.csv")
    return report


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_quality_gate_fakes_dev_field_above_floor(dev_report, field):
    accuracy = dev_report.scores[field].accuracy()
    assert accuracy >= FLOORS[field], f"{field}: {accuracy:.3f} < floor {FLOORS[field]:.3f}"


def test_quality_gate_scores_every_row(dev_report):
    assert dev_report.rows == 442
