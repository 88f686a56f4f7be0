"""Fit the linking model (`src/corroborate/data/linking_model.json`) on labelled pairs of reports.

Pairs and labels:
- real multi-outlet reporting (`../shared/data/reports/`): every pair of two
  reports' main incidents, the same incident when the hand-checked
  `incident_key` is shared;
- FA-KES development rows (`../shared/data/fakes/fakes_dev.csv`): pairs of
  main incidents filed under one blocking key (the same weeks, the same place
  or the same toll: look-alikes) whose
  gold dates are more than a week apart or whose governorates differ (rows
  whose gold date is a known error, `bench/fakes_gold_errors.csv`, left out): hard
  negatives, reports of other events at the same place or time. FA-KES gives no
  positives: "same gold date and governorate" is too coarse to say "same event".

The threshold is the lowest probability at which the training pairs are linked
with precision >= `--precision`; leave-one-incident-out figures on the
reporting pairs are printed so that the fit's optimism can be judged, for
single pairs and for the groups the linker forms (each incident's reports
linked, among all the others, by a model fitted without that incident).

    .venv/bin/python tools/fit_linking_model.py [--write] [--precision 0.97]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import replace
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from corroborate.evaluate import load_gold_errors, read_fakes  # noqa: E402
from corroborate.extract.incidents import main_incident  # noqa: E402
from corroborate.extract.pipeline import extract_articles  # noqa: E402
from corroborate.ingest.files import read_path  # noqa: E402
from corroborate.link import blocking_keys, link_incidents  # noqa: E402
from corroborate.models import Article, Extraction  # noqa: E402
from corroborate.same_incident import MODEL_FILE, LinkingModel, fit_model, pair_features, report_of  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
GOLD_ERRORS = ROOT / "bench" / "fakes_gold_errors.csv"


def extracted(articles: list[Article], cache: Path | None, name: str) -> list[Extraction]:
    """Extractions of the articles, kept in `cache` (a folder) between runs while the fit is studied."""
    file = cache / f"{name}.jsonl" if cache else None
    if file and file.exists():
        return [Extraction.model_validate_json(line) for line in file.read_text(encoding="utf-8").splitlines()]
    extractions = list(extract_articles(articles))
    if file:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("".join(extraction.model_dump_json() + "\n" for extraction in extractions), encoding="utf-8")
    return extractions


def reporting_pairs(
    reports_dir: Path, cache: Path | None
) -> tuple[list[tuple[dict[str, float], bool, str, str]], dict[int, Extraction], dict[int, str]]:
    """Labelled pairs of the reports' main incidents, with every report's extraction and incident key."""
    rows = {row["n"]: row for row in json.loads((reports_dir / "reports.json").read_text(encoding="utf-8"))}
    articles = {}
    for number in sorted(rows):
        for result in read_path(reports_dir / "texts" / f"{number}.txt"):
            if isinstance(result, Article):
                articles[number] = result
    reports = {}
    extractions = dict(zip(articles, extracted(list(articles.values()), cache, "reports")))
    for number, extraction in extractions.items():
        incident = main_incident(extraction.incidents)
        if incident is not None:
            reports[number] = report_of(extraction, incident)
    pairs = []
    for a, b in combinations(sorted(reports), 2):
        same = rows[a]["incident_key"] == rows[b]["incident_key"]
        pairs.append((pair_features(reports[a], reports[b]), same, rows[a]["incident_key"], rows[b]["incident_key"]))
    return pairs, extractions, {number: row["incident_key"] for number, row in rows.items()}


def held_out_groups(model: LinkingModel, extractions: dict[int, Extraction], keys: dict[int, str], held: str) -> tuple[int, int, int]:
    """Link every report with a model fitted without `held`; (right, predicted, gold) pairs that involve a
    report of `held`, as `bench/linking_reports.py` counts them."""
    linked = link_incidents(extractions.values(), model=model)
    group_of = {(m.article_id, m.incident_id): incident.id for incident in linked for m in incident.members}
    predicted = {}
    for number, extraction in extractions.items():
        incident = main_incident(extraction.incidents)
        predicted[number] = (group_of.get((extraction.article.id, incident.id)) if incident else None) or f"alone-{number}"
    right = guessed = gold = 0
    for a, b in combinations(sorted(extractions), 2):
        if held not in (keys[a], keys[b]):
            continue
        same_gold, same_predicted = keys[a] == keys[b], predicted[a] == predicted[b]
        right += same_gold and same_predicted
        guessed += same_predicted
        gold += same_gold
    return right, guessed, gold


def fakes_negatives(csv_path: Path, cache: Path | None) -> list[tuple[dict[str, float], bool, str, str]]:
    articles = read_fakes(csv_path)
    wrong_dates = {row for row, field in load_gold_errors(GOLD_ERRORS) if field == "date"}
    reports = []
    for article, extraction in zip(articles, extracted(articles, cache, "fakes")):
        if article.external_id in wrong_dates:
            continue
        incident = main_incident(extraction.incidents)
        if incident is not None:
            reports.append((article, report_of(extraction, incident)))
    filed = {id(report): blocking_keys(report, lookup=False) for _, report in reports}
    pairs = []
    for (article_a, a), (article_b, b) in combinations(reports, 2):
        if not filed[id(a)] & filed[id(b)]:
            continue
        date_a, date_b = (dt.datetime.strptime(x.metadata["date"].strip(), "%m/%d/%y").date() for x in (article_a, article_b))
        other_place = article_a.metadata["location"].strip().lower() != article_b.metadata["location"].strip().lower()
        apart = abs((date_a - date_b).days) > 7 or other_place
        if apart:
            pairs.append((pair_features(a, b), False, "fakes", "fakes"))
    return pairs


def precision_threshold(scored: list[tuple[float, bool]], precision: float) -> float:
    """The lowest probability at which the pairs scoring at or above it are right at least `precision` of the time."""
    best = 0.99
    for threshold in sorted({round(p, 3) for p, _ in scored}, reverse=True):
        linked = [same for p, same in scored if p >= threshold]
        if linked and sum(linked) / len(linked) >= precision:
            best = threshold
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=Path, default=SHARED / "reports")
    parser.add_argument("--fakes", type=Path, default=SHARED / "fakes" / "fakes_dev.csv")
    parser.add_argument("--precision", type=float, default=0.8, help="pairwise precision on the training pairs the threshold must reach")
    parser.add_argument("--write", action="store_true", help=f"write {MODEL_FILE.name}")
    parser.add_argument("--cache", type=Path, help="keep extractions in this folder between runs (delete it after changing the extractor)")
    args = parser.parse_args()

    reporting, extractions, incident_keys = reporting_pairs(args.reports, args.cache)
    negatives = fakes_negatives(args.fakes, args.cache)
    print(f"reporting pairs {len(reporting)} ({sum(same for _, same, _, _ in reporting)} same incident); FA-KES negatives {len(negatives)}")
    training = [(features, same) for features, same, _, _ in reporting + negatives]

    # leave one incident out: fit without any pair touching it, score the pairs that do
    keys = sorted({key for _, _, a, b in reporting for key in (a, b)} - {"fakes"})
    held: list[tuple[float, bool]] = []
    groups = [0, 0, 0]
    for key in keys:
        train = [(f, s) for f, s, a, b in reporting + negatives if key not in (a, b)]
        test = [(f, s) for f, s, a, b in reporting if key in (a, b)]
        model = fit_model(train, threshold=0.5, source="")
        held += [(model.probability(f), s) for f, s in test]
        model = replace(model, threshold=precision_threshold([(model.probability(f), s) for f, s in train], args.precision))
        groups = [total + part for total, part in zip(groups, held_out_groups(model, extractions, incident_keys, key))]
    fitted = fit_model(training, threshold=0.5, source="")
    threshold = precision_threshold([(fitted.probability(f), s) for f, s in training], args.precision)
    positives = sum(s for _, s in held)
    for at in sorted({0.5, 0.7, 0.8, 0.9, 0.95, threshold}):
        linked = [s for p, s in held if p >= at]
        right = sum(linked)
        mark = "  <- threshold" if at == threshold else ""
        print(
            f"leave-one-incident-out pairs at {at:.3f}: precision {right / len(linked) if linked else 1:.3f}, recall {right / positives if positives else 1:.3f}{mark}"
        )
    right, guessed, gold = groups
    print(
        f"leave-one-incident-out groups (each incident's reports linked by a model fitted without it): "
        f"pairwise precision {right / guessed if guessed else 1:.3f}, recall {right / gold if gold else 1:.3f}"
    )

    source = (
        f"fitted by tools/fit_linking_model.py on {len(reporting)} pairs of real multi-outlet reports "
        f"and {len(negatives)} FA-KES dev negatives; threshold for precision {args.precision} on them"
    )
    model = fit_model(training, threshold=threshold, source=source)
    for name, value in sorted(model.coefficients.items(), key=lambda item: -abs(item[1])):
        print(f"  {name:<24} {value:+.3f}")
    print(f"  intercept {model.intercept:+.3f}  threshold {model.threshold}")
    if args.write:
        MODEL_FILE.write_text(model.to_json() + "\n", encoding="utf-8")
        print(f"wrote {MODEL_FILE}")


if __name__ == "__main__":
    main()
