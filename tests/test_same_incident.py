"""Same incident: the evidence of a pair of reports, the fitted model, and groups no single member vetoes."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest

from corroborate.errors import ConfigurationError
from corroborate.link import DATE_HORIZON_DAYS, blocking_keys, cluster_reports
from corroborate.models import (
    Actor,
    ActorType,
    ArticleHeader,
    Casualties,
    CasualtyCount,
    Extraction,
    Incident,
    IncidentDate,
    Place,
    PlacePrecision,
    Precision,
)
from corroborate.same_incident import (
    FEATURE_SIGNS,
    FEATURES,
    LinkingModel,
    default_model,
    fit_model,
    pair_features,
    report_of,
    same_incident_probability,
)

SARAQIB = Place(name="Saraqib", admin1="Idlib", country="SY", lat=35.86, lon=36.80, precision=PlacePrecision.exact, geonameid=1)
SARAQIB_OUTSKIRTS = Place(name="Afis", admin1="Idlib", country="SY", lat=35.90, lon=36.83, precision=PlacePrecision.near)
MAARET = Place(name="Maarat al-Numan", admin1="Idlib", country="SY", lat=35.64, lon=36.67, precision=PlacePrecision.exact)
MOSUL = Place(name="Mosul", admin1="Nineveh", country="IQ", lat=36.34, lon=43.13, precision=PlacePrecision.exact)
IDLIB_AREA = Place(name="Idlib", admin1="Idlib", country="SY", precision=PlacePrecision.admin1)


def report(
    article: str,
    *,
    day: dt.date | None = None,
    place: Place = SARAQIB,
    cause: str = "airstrike",
    killed: int | None = None,
    perpetrator: tuple[str, ActorType] | None = None,
    published: dt.date | None = None,
    text: str = "An air strike hit the market.",
    partial: dict | None = None,
):
    date = IncidentDate(start=day, end=day, precision=Precision.day, text="") if day else IncidentDate(**(partial or {}))
    actors = [Actor(role="perpetrator", text=perpetrator[0], name=perpetrator[0], type=perpetrator[1])] if perpetrator else []
    incident = Incident(
        id="i1",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        violent=True,
        cause=cause,
        date=date,
        location=place,
        actors=actors,
        casualties=Casualties(killed=CasualtyCount(low=killed, best=killed, text=str(killed)) if killed else None),
        summary=text,
    )
    return report_of(Extraction(article=ArticleHeader(id=article, published=published), incidents=[incident]), incident)


def test_same_incident_unknown_perpetrator_never_contradicts() -> None:
    government = report("a", perpetrator=("Syrian army", ActorType.state_forces))
    unnamed = report("b", perpetrator=("gunmen", ActorType.unknown))
    nobody = report("c")
    assert "actors_conflict" not in pair_features(government, unnamed)
    assert "actors_conflict" not in pair_features(government, nobody)
    rebels = report("d", perpetrator=("Free Syrian Army", ActorType.rebel_group))
    assert "actors_conflict" in pair_features(government, rebels)


def test_same_incident_early_toll_is_not_a_contradiction() -> None:
    early, later = report("a", killed=5), report("b", killed=13)
    features = pair_features(early, later)
    assert features["toll_ratio"] == pytest.approx(5 / 13)
    assert "toll_equal" not in features
    assert pair_features(report("a", killed=26), report("b", killed=26))["toll_equal"] == 1.0


def test_same_incident_places_compared_by_name_distance_and_country() -> None:
    assert "place_same" in pair_features(report("a"), report("b"))
    assert "place_near" in pair_features(report("a"), report("b", place=SARAQIB_OUTSKIRTS))
    assert "place_apart" in pair_features(report("a"), report("b", place=MAARET))
    assert "place_same_area" in pair_features(report("a"), report("b", place=IDLIB_AREA))
    assert "country_differs" in pair_features(report("a"), report("b", place=MOSUL))


def test_same_incident_dates_full_partial_and_publication() -> None:
    tuesday = dt.date(2023, 3, 14)
    assert "date_same" in pair_features(report("a", day=tuesday), report("b", day=tuesday))
    assert "date_close" in pair_features(report("a", day=tuesday), report("b", day=tuesday + dt.timedelta(days=1)))
    apart = pair_features(report("a", day=tuesday), report("b", day=tuesday + dt.timedelta(days=21)))
    assert apart["date_apart"] == 1.0 and 0 < apart["date_gap"] < 1
    # an undated report whose text gives the day and month, or only its weekday, or only its publication day
    assert "date_partial_agree" in pair_features(report("a", day=tuesday), report("b", partial={"month": 3, "day": 14}))
    conflict = pair_features(report("a", day=tuesday), report("b", partial={"month": 11, "day": 20}))
    assert conflict["date_apart"] == 1.0 and conflict["date_gap"] > apart["date_gap"]  # eight months off: worse than three weeks
    assert "date_partial_agree" in pair_features(report("a", day=tuesday), report("b", published=dt.date(2023, 3, 16)))
    assert "date_apart" in pair_features(report("a", day=tuesday), report("b", published=dt.date(2026, 3, 16)))


def test_same_incident_cause_families() -> None:
    assert "cause_same" in pair_features(report("a"), report("b"))
    assert "cause_family" in pair_features(report("a"), report("b", cause="shelling"))
    assert "cause_family" in pair_features(report("a", cause="car bomb"), report("b", cause="airstrike"))  # one blast, two readings
    assert "cause_conflict" in pair_features(report("a", cause="shooting"), report("b", cause="chemical"))


def test_same_incident_numbers_survive_translation() -> None:
    english = report("a", text="The strike killed 26 people, 11 of them children.")
    arabic = report("b", text="قتل ٢٦ شخصا بينهم 11 طفلا", place=IDLIB_AREA)
    assert pair_features(english, arabic)["numbers_shared"] == 1.0
    assert pair_features(english, report("c", text="30 were killed, 26 wounded"))["numbers_shared"] == 0.5


def test_same_incident_incidents_of_one_article_are_never_one() -> None:
    assert same_incident_probability(report("a"), report("a")) == 0.0


def test_same_incident_fit_keeps_each_feature_to_its_sign() -> None:
    # a sample in which "same place" goes with different incidents must not make it evidence against
    pairs = [({"place_same": 1.0}, False)] * 20 + [({"place_same": 1.0, "date_same": 1.0}, True)] * 5 + [({}, False)] * 5
    model = fit_model(pairs, threshold=0.5, source="test")
    assert model.coefficients.get("place_same", 0.0) >= 0
    assert model.coefficients["date_same"] > 0
    assert set(FEATURE_SIGNS) == set(FEATURES)


def test_same_incident_model_file_is_checked(tmp_path: Path) -> None:
    model = LinkingModel(coefficients={"date_same": 2.0}, intercept=-1.0, threshold=0.7, source="test")
    path = tmp_path / "model.json"
    path.write_text(model.to_json(), encoding="utf-8")
    assert LinkingModel.read(path) == model
    path.write_text(json.dumps({"format": "other"}), encoding="utf-8")
    with pytest.raises(ConfigurationError, match="not a linking model"):
        LinkingModel.read(path)
    path.write_text(model.to_json().replace("date_same", "moon_phase"), encoding="utf-8")
    with pytest.raises(ConfigurationError, match="unknown features"):
        LinkingModel.read(path)


def test_link_no_single_member_vetoes_a_group() -> None:
    model = LinkingModel(coefficients={"date_same": 3.0, "place_same": 3.0, "actors_conflict": -4.0}, intercept=-4.0, threshold=0.6)
    day = dt.date(2023, 3, 14)
    group = [
        report("a", day=day, perpetrator=("Syrian army", ActorType.state_forces)),
        report("b", day=day, perpetrator=("Syrian army", ActorType.state_forces)),
        report("c", day=day, perpetrator=("Free Syrian Army", ActorType.rebel_group)),  # one outlet blames the other side
    ]
    newcomer = report("d", day=day, perpetrator=("Syrian army", ActorType.state_forces))
    clusters = cluster_reports([newcomer], model, clusters=[group])
    assert len(clusters) == 1 and len(clusters[0]) == 4
    # the same strike three weeks later at the same place starts its own group
    later = report("e", day=day + dt.timedelta(days=21), perpetrator=("Syrian army", ActorType.state_forces))
    model_with_dates = LinkingModel(coefficients={**model.coefficients, "date_apart": -6.0}, intercept=-4.0, threshold=0.6)
    assert len(cluster_reports([later], model_with_dates, clusters=[group])) == 2


def test_same_incident_weekday_of_an_undated_report() -> None:
    tuesday = dt.date(2023, 3, 14)
    assert "date_partial_agree" in pair_features(report("a", day=tuesday), report("b", partial={"weekday": 1}))
    assert "date_apart" in pair_features(report("a", day=tuesday), report("b", partial={"weekday": 4}))


def test_same_incident_missing_evidence_is_a_feature() -> None:
    nowhere = Place(name="Syria", country="SY", precision=PlacePrecision.country)
    features = pair_features(report("a", place=nowhere), report("b"))
    assert features.get("place_unknown") == 1.0 and features.get("date_unknown") == 1.0


def test_same_incident_text_compared_only_when_the_model_weighs_it() -> None:
    a, b = report("a", text="Strike on the market"), report("b", text="Strike on the market")
    without_text = LinkingModel(coefficients={"place_same": 2.0, "text_similarity": 0.0}, intercept=-1.0, threshold=0.5)
    with_text = LinkingModel(coefficients={"place_same": 2.0, "text_similarity": 1.0}, intercept=-1.0, threshold=0.5)
    assert "text_similarity" not in pair_features(a, b, without_text.used) and "vector" not in a.__dict__
    assert same_incident_probability(a, b, with_text) > same_incident_probability(a, b, without_text)


# pair_features gives at most one feature of each group; a date gap comes with date_apart.
ONE_OF = [
    ("date_same", "date_close", "date_partial_agree", "date_unknown"),
    ("place_same", "place_near", "place_apart", "place_same_area", "country_differs", "place_unknown"),
    ("cause_same", "cause_family", "cause_conflict"),
    ("actors_same", "actors_conflict"),
]
ANY_OF = ("toll_equal", "toll_ratio", "text_similarity", "numbers_shared")


def test_same_incident_shipped_model_never_links_reports_a_horizon_apart() -> None:
    """Blocking never compares reports `DATE_HORIZON_DAYS` apart: it may not, because the model could link them."""
    model = default_model()
    assert {name for group in ONE_OF for name in group} | set(ANY_OF) | {"date_apart", "date_gap"} == set(FEATURES)
    weight = model.coefficients.get
    best = model.intercept + weight("date_apart", 0.0) + weight("date_gap", 0.0) * 1.0  # the gap saturates at a year
    best += sum(max(0.0, *(weight(name, 0.0) for name in group)) for group in ONE_OF[1:])
    best += sum(max(0.0, weight(name, 0.0)) for name in ANY_OF)
    assert DATE_HORIZON_DAYS >= 365 and 1 / (1 + math.exp(-best)) < model.threshold
    far = report("a", day=dt.date(2016, 9, 15), killed=12), report("b", day=dt.date(2017, 9, 16), killed=12)
    assert pair_features(*far)["date_gap"] == 1.0


def test_blocking_looks_for_groups_at_a_place_only_within_the_horizon() -> None:
    dated = report("a", day=dt.date(2016, 9, 15), killed=12)
    filed = blocking_keys(dated, lookup=False)

    def meets(other) -> bool:
        return bool(blocking_keys(other, lookup=True) & filed)

    assert meets(report("b", published=dt.date(2017, 6, 1), killed=3))  # undated, eight months later, same place
    assert meets(report("c", published=dt.date(2017, 6, 1), place=MOSUL, killed=12))  # same toll
    assert not meets(report("d", published=dt.date(2018, 1, 10), killed=3))  # over a year later (keys are quarters)
    assert not meets(report("e", published=dt.date(2015, 5, 1), killed=3))  # over a year earlier
    assert meets(report("f", killed=3))  # no date and no publication day: any time
    undated = report("g", published=dt.date(2016, 9, 20))
    assert blocking_keys(report("h", day=dt.date(2017, 5, 1)), lookup=True) & blocking_keys(undated, lookup=False)
    assert not blocking_keys(report("i", day=dt.date(2019, 5, 1)), lookup=True) & blocking_keys(undated, lookup=False)
