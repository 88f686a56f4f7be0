"""Credibility: the model artifact against the feature extractor, a reason per signal,
contributions that add up to the score, consistency and reference checks, and the CLI.

The reports are the invented ones of tests/fixtures/credibility/, with hand-built
extractions; no spaCy model is loaded.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.check import ClaimCheck, Verdict
from corroborate.cli import EXIT_OK, EXIT_USAGE, app
from corroborate.credibility import (
    FEATURE_NAMES,
    FEATURE_SIGNALS,
    MODEL_FILE,
    MODEL_FORMAT,
    REFERENCE_WEIGHT,
    SIGNALS,
    CredibilityModel,
    article_departures,
    assess_credibility,
    credibility_features,
    reference_effect,
)
from corroborate.errors import ConfigurationError
from corroborate.link import link_incidents
from corroborate.service import link
from corroborate.signals import LEXICON_KINDS, SignalKind, text_signals
from corroborate.store import open_database
from tests.credibility_reports import FIXTURES, all_reports, report


def write_model(path: Path, coefficients: dict[str, float], *, intercept: float = 0.0) -> Path:
    """A model file in the artifact's format: mean 0 and scale 1, so a contribution is coefficient x value."""
    features = [{"name": name, "mean": 0.0, "scale": 1.0, "coefficient": coefficients.get(name, 0.0)} for name in FEATURE_NAMES]
    path.write_text(json.dumps({"format": MODEL_FORMAT, "intercept": intercept, "features": features}))
    return path


def check(article_id: str, verdict: Verdict, claimed: int = 40) -> ClaimCheck:
    return ClaimCheck(
        linked_id="L1",
        article_id=article_id,
        incident_id="i1",
        field="killed",
        claimed=claimed,
        reference_low=11,
        reference_best=12,
        reference_high=14,
        verdict=verdict,
        reference_ids=["990001"],
    )


# --------------------------------------------------------------------------- the model artifact


def test_credibility_artifact_loads_and_matches_the_feature_extractor():
    model = CredibilityModel.load()
    assert model.feature_names == FEATURE_NAMES
    assert all(scale > 0 for scale in model.scales)
    article, extraction = report("observer")
    features = credibility_features(text_signals(article.text, extraction), extraction)
    assert tuple(features) == FEATURE_NAMES == tuple(FEATURE_SIGNALS)
    data = json.loads(MODEL_FILE.read_text())
    assert data["cross_validation"]["folds"] == 10 and 0 <= data["cross_validation"]["roc_auc"]["mean"] <= 1
    assert [f["signal"] for f in data["features"]] == [FEATURE_SIGNALS[name] for name in FEATURE_NAMES]


def test_credibility_artifact_with_other_features_is_refused(tmp_path):
    data = json.loads(MODEL_FILE.read_text())
    data["features"] = data["features"][:-1]
    (tmp_path / "model.json").write_text(json.dumps(data))
    with pytest.raises(ConfigurationError, match="bench/credibility.py --write"):
        CredibilityModel.load(tmp_path / "model.json")
    (tmp_path / "pickle.json").write_text('{"format": "something else"}')
    with pytest.raises(ConfigurationError, match="not a corroborate-credibility-model"):
        CredibilityModel.load(tmp_path / "pickle.json")


# --------------------------------------------------------------------------- reasons and score


def test_credibility_a_reason_for_every_signal_and_they_add_up_to_the_score(tmp_path):
    model = CredibilityModel.load(
        write_model(tmp_path / "m.json", {name: 0.1 * (i + 1) for i, name in enumerate(FEATURE_NAMES)}, intercept=-0.3)
    )
    article, extraction = report("herald")
    result = assess_credibility(article.text, extraction, model=model)
    assert sorted(r.signal for r in result.reasons) == sorted(SIGNALS)
    assert [abs(r.effect) for r in result.reasons] == sorted((abs(r.effect) for r in result.reasons), reverse=True)
    logit = -0.3 + sum(r.effect for r in result.reasons)
    assert result.score == pytest.approx(1 / (1 + math.exp(-logit)), abs=1e-3)
    assert result.baseline == pytest.approx(1 / (1 + math.exp(0.3)), abs=1e-4)


def test_credibility_effect_is_coefficient_times_feature_with_its_evidence(tmp_path):
    model = CredibilityModel.load(write_model(tmp_path / "m.json", {"name_calling_per_1000": -0.5, "hedging_per_1000": 0.25}))
    article, extraction = report("herald")
    result = assess_credibility(article.text, extraction, model=model)
    reasons = {r.signal: r for r in result.reasons}
    assert reasons["name_calling"].effect == pytest.approx(-0.5 * result.features["name_calling_per_1000"], abs=1e-3)
    assert reasons["name_calling"].effect < 0 and reasons["hedging"].effect == 0
    assert {s.text for s in reasons["name_calling"].evidence} == {"Terrorists", "so-called", "Takfiri", "mercenaries", "Daesh"}
    assert all(article.text[s.start : s.end] == s.text for r in result.reasons for s in r.evidence)
    assert "5 name-calling terms" in reasons["name_calling"].detail
    assert reasons["sectarian"].evidence[0].kind == SignalKind.sectarian


def test_credibility_every_lexicon_kind_is_a_feature_and_a_reason_with_its_spans(tmp_path):
    model = CredibilityModel.load(write_model(tmp_path / "m.json", {f"{kind.value}_per_1000": 1.0 for kind in LEXICON_KINDS}))
    article, extraction = report("herald")
    signals = text_signals(article.text, extraction)
    result = assess_credibility(article.text, extraction, model=model)
    reasons = {r.signal: r for r in result.reasons}
    for kind in LEXICON_KINDS:
        feature = f"{kind.value}_per_1000"
        assert FEATURE_SIGNALS[feature] == kind.value
        assert result.features[feature] == pytest.approx(math.log1p(signals.per_1000_words[kind]), abs=1e-4)
        assert reasons[kind.value].effect == pytest.approx(result.features[feature], abs=1e-3)
        assert [s.start for s in reasons[kind.value].evidence] == [s.start for s in signals.spans_of(kind)][:8]
        assert all(s.kind == kind for s in reasons[kind.value].evidence)


def test_credibility_attribution_and_outlet_reasons_say_what_they_saw():
    article, extraction = report("observer", outlet="sana")
    result = assess_credibility(article.text, extraction)
    reasons = {r.signal: r for r in result.reasons}
    assert reasons["attribution"].detail.startswith(
        "2 of 3 casualty figures attributed to a named source (Syrian Observatory for Human Rights)"
    )
    assert reasons["outlet"].detail == "outlet sana (registry: SANA): alignment pro-government"
    assert result.features["outlet_pro_government"] == 1 and result.features["named_share"] == pytest.approx(2 / 3, abs=1e-4)


# --------------------------------------------------------------------------- cross-source consistency


def test_credibility_departure_from_other_independent_sources(tmp_path):
    reports = all_reports()
    texts = {a.id: a.text for a, _ in reports}
    linked = link_incidents([e for _, e in reports], article_text=texts.get)
    assert len(linked) == 1 and linked[0].independent_sources == 3
    herald, observer = reports[1], reports[0]
    [departure] = article_departures(herald[0].id, linked)
    assert (departure.killed, departure.reconciled) == (40, 12) and departure.departure == pytest.approx(28 / 12, abs=1e-3)
    assert article_departures(observer[0].id, linked)[0].departure == 0

    model = CredibilityModel.load(write_model(tmp_path / "m.json", {"max_departure": -1.0}))
    outlier = assess_credibility(herald[0].text, herald[1], linked=linked, model=model)
    agreeing = assess_credibility(observer[0].text, observer[1], linked=linked, model=model)
    assert outlier.features["max_departure"] == 2.0 and outlier.features["corroborated"] == 1
    consistency = next(r for r in outlier.reasons if r.signal == "consistency")
    assert consistency.effect == -2.0 and "killed 40 vs reconciled 12 of 3 independent sources (+233%)" in consistency.detail
    assert consistency.evidence[0].text == "killing 40 civilians"
    assert outlier.score < agreeing.score


def test_credibility_a_lone_report_has_no_departure():
    article, extraction = report("herald")
    linked = link_incidents([extraction])
    assert article_departures(article.id, linked) == []
    reason = next(r for r in assess_credibility(article.text, extraction, linked=linked).reasons if r.signal == "consistency")
    assert reason.detail == "no incident of the article is told by another independent source"


# --------------------------------------------------------------------------- reference checks


def test_credibility_reference_verdicts_move_the_score():
    article, extraction = report("herald")
    other = check("someone-else", Verdict.inflated)
    scores = {}
    for label, checks in {
        "none": [],
        "unmatched": [check(article.id, Verdict.unmatched), other],
        "consistent": [check(article.id, Verdict.consistent)],
        "inflated": [check(article.id, Verdict.inflated)],
        "mixed": [check(article.id, Verdict.inflated), check(article.id, Verdict.consistent)],
    }.items():
        result = assess_credibility(article.text, extraction, checks=checks)
        scores[label] = result.score
        reason = next(r for r in result.reasons if r.signal == "reference")
        if label == "inflated":
            assert reason.effect == -REFERENCE_WEIGHT and "killed 40: inflated (reference 11–14 (best 12)) [990001]" in reason.detail
            assert reason.evidence[0].text == "killing 40 civilians"
        if label == "unmatched":
            assert reason.effect == 0 and len(result.checks) == 1  # the other article's check is not this one's
    assert scores["inflated"] < scores["mixed"] == scores["none"] == scores["unmatched"] < scores["consistent"]


def test_credibility_reference_rule():
    assert reference_effect([]) == 0
    assert reference_effect([check("a", Verdict.deflated), check("a", Verdict.inflated)]) == -REFERENCE_WEIGHT
    assert reference_effect([check("a", Verdict.consistent)] * 3 + [check("a", Verdict.inflated)]) == REFERENCE_WEIGHT / 2


# --------------------------------------------------------------------------- the command


@pytest.fixture
def database(tmp_path) -> str:
    path = str(tmp_path / "corpus.db")
    with open_database(path) as store:
        store.save_extractions(all_reports())
        link(store)  # reads never link: linking is its own step
    return path


def test_credibility_cli_json_with_reference(database):
    result = CliRunner().invoke(
        app, ["credibility", "--db", database, "--format", "json", "--reference", str(FIXTURES / "ucdp.csv"), "--reference-format", "ucdp"]
    )
    assert result.exit_code == EXIT_OK, result.output
    scored = {item["external_id"]: item for item in json.loads(result.stdout)}
    assert set(scored) == {"observer", "herald", "wire"}
    verdicts = {name: [c["verdict"] for c in item["checks"]] for name, item in scored.items()}
    assert verdicts["herald"][0] == "inflated" and verdicts["observer"][0] == "consistent"
    assert scored["herald"]["score"] < scored["observer"]["score"]
    herald_reasons = {r["signal"]: r for r in scored["herald"]["reasons"]}
    assert herald_reasons["reference"]["effect"] < 0
    assert herald_reasons["consistency"]["detail"].startswith("L")
    assert scored["herald"]["departures"][0]["killed"] == 40


def test_credibility_cli_table_and_one_article_by_external_id(database):
    result = CliRunner().invoke(app, ["credibility", "herald", "--db", database, "--top", "2"])
    assert result.exit_code == EXIT_OK, result.output
    assert "herald" in result.stdout and "observer" not in result.stdout
    jsonl = CliRunner().invoke(app, ["credibility", "herald-article", "wire", "--db", database, "--format", "jsonl"])
    assert [json.loads(line)["external_id"] for line in jsonl.stdout.splitlines()] == ["herald", "wire"]


def test_credibility_cli_errors_are_one_line_usage_errors(database, tmp_path):
    runner = CliRunner()
    unknown = runner.invoke(app, ["credibility", "nope", "--db", database])
    assert unknown.exit_code == EXIT_USAGE and "no stored article nope" in unknown.stderr
    missing = runner.invoke(app, ["credibility", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == EXIT_USAGE and "no database at" in missing.stderr
    broken = tmp_path / "sources.toml"
    broken.write_text('[x]\nname = "X"\nalignment = "sideways"\n')
    bad_registry = runner.invoke(app, ["credibility", "--db", database, "--sources", str(broken)])
    assert bad_registry.exit_code == EXIT_USAGE and "alignment = 'sideways'" in bad_registry.stderr
    assert len(bad_registry.stderr.strip().splitlines()) == 1


def test_credibility_cli_edited_registry_changes_the_outlet_alignment(database, tmp_path):
    edited = tmp_path / "sources.toml"
    edited.write_text('[herald]\nname = "Damascus Herald"\nalignment = "pro-government"\n')
    result = CliRunner().invoke(app, ["credibility", "herald", "--db", database, "--sources", str(edited), "--format", "json"])
    assert result.exit_code == EXIT_OK, result.output
    assert json.loads(result.stdout)["features"]["outlet_pro_government"] == 1


def test_credibility_cli_help():
    result = CliRunner().invoke(app, ["credibility", "--help"])
    assert result.exit_code == EXIT_OK and "--reference" in result.output and "--sources" in result.output


def test_credibility_default_weights_are_documented_and_known_features(tmp_path):
    import tomllib

    from corroborate.credibility import WEIGHTS_FILE, default_model

    table = tomllib.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))["features"]
    assert all(entry["why"].strip() for entry in table.values())
    model = default_model()
    assert model.feature_names == FEATURE_NAMES
    weights = dict(zip(model.feature_names, model.coefficients))
    assert weights["max_departure"] < 0 < weights["named_share"]
    assert weights["log_words"] == 0  # a feature left out weighs nothing
    (tmp_path / "bad.toml").write_text('format = "corroborate-credibility-weights/1"\n[features.no_such]\nweight = 1\n')
    with pytest.raises(ConfigurationError, match="unknown features"):
        CredibilityModel.load(tmp_path / "bad.toml")


def test_credibility_weights_centre_makes_the_typical_value_weigh_nothing(tmp_path):
    path = tmp_path / "w.toml"
    path.write_text('format = "corroborate-credibility-weights/1"\n[features.named_share]\nweight = 1.0\ncentre = 0.5\nwhy = "x"\n')
    model = CredibilityModel.load(path)
    features = {name: 0.0 for name in FEATURE_NAMES}
    assert model.contributions({**features, "named_share": 0.5})["named_share"] == 0
    assert model.contributions({**features, "named_share": 1.0})["named_share"] == pytest.approx(0.5)


def test_credibility_cli_model_option_scores_with_the_given_weights(database, tmp_path):
    weights = tmp_path / "weights.toml"
    weights.write_text('format = "corroborate-credibility-weights/1"\nintercept = 1.0\n')
    result = CliRunner().invoke(app, ["credibility", "herald", "--db", database, "--model", str(weights), "--format", "json"])
    assert result.exit_code == EXIT_OK, result.output
    scored = json.loads(result.stdout)
    assert scored["baseline"] == pytest.approx(0.7311, abs=1e-4)
    assert scored["score"] == scored["baseline"]  # nothing weighted, no reference: the intercept alone


def test_credibility_weights_above_centre_only_count_the_excess(tmp_path):
    path = tmp_path / "w.toml"
    path.write_text(
        'format = "corroborate-credibility-weights/1"\n[features.loaded_per_1000]\nweight = -0.5\ncentre = 1.0\nabove_centre_only = true\n'
    )
    model = CredibilityModel.load(path)
    features = {name: 0.0 for name in FEATURE_NAMES}
    assert model.contributions(features)["loaded_per_1000"] == 0  # none is not a merit
    assert model.contributions({**features, "loaded_per_1000": 3.0})["loaded_per_1000"] == pytest.approx(-1.0)
