"""Linking, dates and places on real multi-outlet reporting (`../shared/data/reports/`).

Every report is read as the product reads a saved page (`read_path`),
extracted, and all violent incidents of all reports are linked at once
(`link_incidents`). A report's incident is its main incident
(`main_incident`); two reports are predicted to tell one event when their
main incidents fall in one linked incident. The reference is the hand-checked
`incident_key`: reports sharing it tell the same event.

Figures:
- pairwise precision / recall / F1 over pairs of reports, for English pairs,
  cross-language pairs (the two reports in different languages) and all pairs;
- B-cubed precision / recall / F1 over reports (English reports only, and all);
- incident date accuracy per language: the main incident's date is right when
  its precision is `day` and it is the hand-checked `incident_date`; "as
  extracted" reads the report alone, "linked" reads the date of the linked
  incident the report joined when other reports joined it too (what a user of
  the linked incident sees), else the report's own;
- place accuracy per language: the main incident's place is right when it is
  a named place or a district (not a governorate or a country) and it lies
  within `PLACE_KM` of a place the report names (`places`, as written, looked
  up in the project's gazetteer and its names in other scripts, the whole name
  or else its longest run of words that is a place: "Kramatorsk train station"
  is Kramatorsk), or, for a place neither knows, when the resolved name or the
  text as written is one of them.

    .venv/bin/python bench/linking_reports.py [--reports DIR] [--details] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Optional

from corroborate.extract.incidents import main_incident
from corroborate.extract.multilingual import normalise_arabic
from corroborate.extract.pipeline import extract_articles
from corroborate.gazetteer import Gazetteer, distance_km, name_key
from corroborate.ingest.files import read_path
from corroborate.link import link_incidents
from corroborate.models import Article, Incident, PlacePrecision

DEFAULT_REPORTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "reports"
PLACE_KM = 25.0


def prf(true_positives: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = true_positives / predicted if predicted else 1.0
    recall = true_positives / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def pairs(groups: dict[str, str], keep) -> set[frozenset[int]]:
    """Pairs of report numbers in one group, among those `keep(a, b)` accepts."""
    members: dict[str, list[int]] = defaultdict(list)
    for report, group in groups.items():
        members[group].append(report)
    return {frozenset(pair) for group in members.values() for pair in combinations(sorted(group), 2) if keep(*pair)}


def b_cubed(predicted: dict[int, str], gold: dict[int, str], reports: list[int]) -> tuple[float, float, float]:
    if not reports:
        return 1.0, 1.0, 1.0
    precisions, recalls = [], []
    for report in reports:
        same_predicted = {other for other in reports if predicted[other] == predicted[report]}
        same_gold = {other for other in reports if gold[other] == gold[report]}
        both = len(same_predicted & same_gold)
        precisions.append(both / len(same_predicted))
        recalls.append(both / len(same_gold))
    precision, recall = sum(precisions) / len(reports), sum(recalls) / len(reports)
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


@lru_cache(maxsize=1)
def names_in_other_scripts() -> dict[str, set[int]]:
    """The project's GeoNames names in every script (data/place_names_multilingual.csv), by folded name."""
    names: dict[str, set[int]] = defaultdict(set)
    with (resources.files("corroborate") / "data" / "place_names_multilingual.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names[normalise_arabic(row["name"].casefold())].add(int(row["geonameid"]))
    return names


def written_places(name: str, gazetteer: Gazetteer) -> list:
    """Gazetteer entries for a place as written in any script: the whole name, else the places among its
    longest runs of words ("Kramatorsk train station", "جامعة حلب")."""
    words = name.split()
    for length in range(len(words), 0, -1):
        entries = []
        for start in range(len(words) - length + 1):
            run = " ".join(words[start : start + length])
            entries += [entry for entry in gazetteer.lookup(run) if entry.feature not in ("country", "admin1")]
            ids = names_in_other_scripts().get(normalise_arabic(run.casefold()), set())
            entries += [entry for entry in map(gazetteer.get, ids) if entry is not None and entry.feature not in ("country", "admin1")]
        if entries:
            return entries
    return []


def place_right(incident: Optional[Incident], written: list[str], gazetteer: Gazetteer) -> bool:
    if incident is None:
        return False
    place = incident.location
    if place.precision not in (PlacePrecision.exact, PlacePrecision.near, PlacePrecision.admin2):
        return False  # a governorate or a country is not where it happened
    for name in written:
        entries = written_places(name, gazetteer)
        if entries and place.lat is not None and place.lon is not None:
            if any(distance_km(place.lat, place.lon, entry.lat, entry.lon) <= PLACE_KM for entry in entries):
                return True
        elif not entries:
            keys = {name_key(name)}
            if name_key(place.name or "") in keys or name_key(place.text or "") in keys:
                return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    parser.add_argument("--details", action="store_true", help="one line per report")
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    args = parser.parse_args()

    gold_rows = {row["n"]: row for row in json.loads((args.reports / "reports.json").read_text(encoding="utf-8"))}
    articles: dict[int, Article] = {}
    for number in sorted(gold_rows):
        for result in read_path(args.reports / "texts" / f"{number}.txt"):
            if isinstance(result, Article):
                articles[number] = result
    extractions = {number: extraction for number, extraction in zip(articles, extract_articles(list(articles.values())))}
    texts = {article.id: article.text for article in articles.values()}
    linked = link_incidents(extractions.values(), article_text=texts.get)
    cluster_of = {
        (member.article_id, member.incident_id): linked_incident.id for linked_incident in linked for member in linked_incident.members
    }
    linked_by_id = {linked_incident.id: linked_incident for linked_incident in linked}

    language = {number: row["language"] for number, row in gold_rows.items()}
    gold = {number: row["incident_key"] for number, row in gold_rows.items()}
    predicted: dict[int, str] = {}
    mains: dict[int, Optional[Incident]] = {}
    for number in gold_rows:
        extraction = extractions.get(number)
        incident = main_incident(extraction.incidents) if extraction else None
        mains[number] = incident
        key = cluster_of.get((extraction.article.id, incident.id)) if extraction and incident else None
        predicted[number] = key or f"alone-{number}"

    figures: dict[str, dict] = {}
    selections = {
        "english": lambda a, b: language[a] == "en" and language[b] == "en",
        "cross-language": lambda a, b: language[a] != language[b],
        "all": lambda a, b: True,
    }
    for name, keep in selections.items():
        gold_pairs, predicted_pairs = pairs(gold, keep), pairs(predicted, keep)
        precision, recall, f1 = prf(len(gold_pairs & predicted_pairs), len(predicted_pairs), len(gold_pairs))
        figures[f"pairs {name}"] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "gold": len(gold_pairs),
            "predicted": len(predicted_pairs),
        }
    for name, reports in (("english", [n for n in gold if language[n] == "en"]), ("all", list(gold))):
        precision, recall, f1 = b_cubed(predicted, gold, reports)
        figures[f"b-cubed {name}"] = {"precision": precision, "recall": recall, "f1": f1}

    gazetteer = Gazetteer.default()
    dates: dict[str, Counter] = defaultdict(Counter)
    linked_dates: dict[str, Counter] = defaultdict(Counter)
    places: dict[str, Counter] = defaultdict(Counter)
    for number, row in gold_rows.items():
        incident = mains[number]
        group = row["language"] if row["language"] in ("en", "ar") else "other"
        date_ok = bool(
            incident
            and incident.date.precision.value == "day"
            and incident.date.start
            and incident.date.start.isoformat() == row["incident_date"]
        )
        place_ok = place_right(incident, row["places"], gazetteer)
        group_of = linked_by_id.get(predicted[number])
        linked_date = (
            group_of.date if group_of and len({m.article_id for m in group_of.members}) > 1 else (incident.date if incident else None)
        )
        linked_ok = bool(
            linked_date
            and linked_date.precision.value == "day"
            and linked_date.start
            and linked_date.start.isoformat() == row["incident_date"]
        )
        for key in (group, "all"):
            dates[key]["right"] += date_ok
            dates[key]["reports"] += 1
            linked_dates[key]["right"] += linked_ok
            places[key]["right"] += place_ok
            places[key]["reports"] += 1
        if args.details:
            date = incident.date if incident else None
            place = incident.location if incident else None
            killed = incident.casualties.killed.best if incident and incident.casualties.killed else None
            print(
                f"{number:>4} {row['language']} {row['incident_key'][:14]:<14} {predicted[number][:13]:<13} "
                f"date {'✓' if date_ok else '✗'} {date.start if date else None} ({date.precision.value if date else '-'}) gold {row['incident_date']} "
                f"place {'✓' if place_ok else '✗'} {place.name if place else None} [{place.precision.value if place else '-'}] "
                f"killed {killed} gold {row['killed']}"
            )
    for key in dates:
        figures[f"date {key}"] = {"accuracy": dates[key]["right"] / dates[key]["reports"], "reports": dates[key]["reports"]}
        figures[f"date {key} linked"] = {"accuracy": linked_dates[key]["right"] / dates[key]["reports"], "reports": dates[key]["reports"]}
        figures[f"place {key}"] = {"accuracy": places[key]["right"] / places[key]["reports"], "reports": places[key]["reports"]}

    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"reports {len(gold_rows)}  read {len(articles)}  linked incidents {len(linked)}")
    for name, values in figures.items():
        if "f1" in values:
            extra = f"  (gold pairs {values['gold']}, predicted {values['predicted']})" if "gold" in values else ""
            print(f"{name:<22} P {values['precision']:.3f}  R {values['recall']:.3f}  F1 {values['f1']:.3f}{extra}")
    for name, values in figures.items():
        if "accuracy" in values:
            print(f"{name:<22} {values['accuracy']:.3f}  ({values['reports']} reports)")


if __name__ == "__main__":
    main()
