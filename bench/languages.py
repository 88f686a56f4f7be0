"""Extraction per field in Arabic and French: the hand-annotated sets of `bench/data/languages/` and the Arabic
(and French) reports of `../shared/data/reports/`.

Each report is extracted alone (`extract_articles`); its main incident (`main_incident`) is compared with the
annotation of the report's main incident (docs/annotation_languages.md; for the shared reports, reports.json):

- killed, injured: the incident's `best` figure equals the annotated total; scored over the reports whose
  annotation states one (n). "no invented toll": of the reports whose annotation states no killed figure, the
  share that get none either;
- date: the incident's date has day precision and is the annotated incident date; scored where the annotation
  gives one;
- place: right when the incident's place is the annotated town (town match: within PLACE_KM of it, the gazetteer
  read in any script as bench/linking_reports.py reads it, or, for a place the gazetteer does not know, the
  same name key) or lies in the annotated governorate (admin1 match: the incident's `admin1` is the annotated
  one; for the shared reports, the governorate the gazetteer gives the places the report names). `town` is the
  town match alone;
- perpetrator: scored over the reports whose annotation names one; right when one of the incident's
  perpetrators is the annotated group (group match: its actor-dictionary entry and the annotated one are on
  one side: the same state for state forces, else the same FA-KES class, else the same entry) or has the
  annotated name (name match: the one name, folded, contains the other; the shared reports are scored by
  name only, as reports.json names perpetrators as written).

    .venv/bin/python bench/languages.py [--set DIR] [--reports DIR] [--languages ar,fr] [--no-reports] [--limit N]
                                        [--details] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from linking_reports import DEFAULT_REPORTS, PLACE_KM, written_places

from corroborate.dictionaries import ActorDictionary, ActorEntry
from corroborate.extract.incidents import main_incident
from corroborate.extract.multilingual import normalise_arabic
from corroborate.extract.pipeline import extract_articles
from corroborate.gazetteer import Gazetteer, distance_km, name_key
from corroborate.ingest.files import read_path
from corroborate.models import Article, Incident, PlacePrecision, article_id

DEFAULT_SET = Path(__file__).resolve().parent / "data" / "languages"
SET_LANGUAGES = ("ar", "fr")
REPORT_LANGUAGES = ("ar", "fr")
FIELDS = ("killed", "injured", "no invented toll", "date", "place", "town", "perpetrator")
# A name shorter than this, folded, is too common a string to count as naming the perpetrator.
MIN_NAME_CHARACTERS = 4


@dataclass
class Perpetrator:
    text: str
    actor: Optional[str] = None  # actors.toml table id, when the dictionary has the group


@dataclass
class Item:
    """One report and the annotation of its main incident."""

    group: str  # "set ar", "reports ar", ...
    name: str
    article: Article
    killed: Optional[int]
    injured: Optional[int]
    incident_date: Optional[str]
    towns: list[str]
    admin1: set[str]
    perpetrators: list[Perpetrator] = field(default_factory=list)


def read_set(directory: Path, language: str) -> list[Item]:
    items = []
    for row in json.loads((directory / f"{language}.json").read_text(encoding="utf-8")):
        path = directory / row["file"]
        text = path.read_text(encoding="utf-8")
        published = dt.date.fromisoformat(row["published"]) if row["published"] else None
        article = Article(
            id=article_id(text),
            text=text,
            language=language,
            published=published,
            external_id=row["file"],
            source_path=str(path),
        )
        place = row["place"] or {}
        perpetrator = row["perpetrator"]
        items.append(
            Item(
                group=f"set {language}",
                name=row["file"],
                article=article,
                killed=row["killed"],
                injured=row["injured"],
                incident_date=row["incident_date"],
                towns=[place["text"]] if place.get("text") else [],
                admin1={place["admin1"]} if place.get("admin1") else set(),
                perpetrators=[Perpetrator(perpetrator["text"], perpetrator["actor"])] if perpetrator else [],
            )
        )
    return items


def as_written(name: str) -> str:
    """A perpetrator of reports.json without the annotator's remark in brackets and the quotation marks."""
    return re.sub(r"\([^)]*\)", "", name).translate(str.maketrans("", "", '«»"“”')).strip()


def read_reports(directory: Path, languages: tuple[str, ...], gazetteer: Gazetteer) -> list[Item]:
    items = []
    for row in json.loads((directory / "reports.json").read_text(encoding="utf-8")):
        if row["language"] not in languages:
            continue
        path = directory / "texts" / f"{row['n']}.txt"
        article = next((result for result in read_path(path) if isinstance(result, Article)), None)
        if article is None:
            continue
        published = dt.date.fromisoformat(row["published"]) if row["published"] else article.published
        article = article.model_copy(update={"language": row["language"], "published": published})
        admin1 = {entry.admin1 for name in row["places"] for entry in written_places(name, gazetteer) if entry.admin1}
        items.append(
            Item(
                group=f"reports {row['language']}",
                name=f"reports/{row['n']}",
                article=article,
                killed=row["killed"],
                injured=row["wounded"],
                incident_date=row["incident_date"],
                towns=list(row["places"]),
                admin1=admin1,
                perpetrators=[Perpetrator(as_written(name)) for name in row["perpetrators"] if as_written(name)],
            )
        )
    return items


def best(count) -> Optional[int]:
    return count.best if count is not None else None


def town_right(incident: Incident, towns: list[str], gazetteer: Gazetteer) -> bool:
    place = incident.location
    if place.precision not in (PlacePrecision.exact, PlacePrecision.near, PlacePrecision.admin2):
        return False  # a governorate or a country is no town
    for town in towns:
        entries = written_places(town, gazetteer)
        if entries and place.lat is not None and place.lon is not None:
            if any(distance_km(place.lat, place.lon, entry.lat, entry.lon) <= PLACE_KM for entry in entries):
                return True
        elif not entries and name_key(town) in {name_key(place.name or ""), name_key(place.text or "")}:
            return True
    return False


def admin1_right(incident: Incident, admin1: set[str]) -> bool:
    return bool(incident.location.admin1) and name_key(incident.location.admin1) in {name_key(name) for name in admin1}


def side(entry: ActorEntry) -> str:
    """Which side an actor-dictionary entry names: a state's forces are the state, others their FA-KES class,
    else themselves."""
    if entry.type.value in ("state forces", "foreign state") and entry.country:
        return f"state {entry.country}"
    if entry.fakes_class != "unknown":
        return f"class {entry.fakes_class}"
    return f"entry {entry.key}"


def folded(text: str) -> str:
    return " ".join(normalise_arabic(text.casefold()).split())


def names_match(one: str, other: str) -> bool:
    one, other = folded(one), folded(other)
    shorter, longer = sorted((one, other), key=len)
    return len(shorter) >= MIN_NAME_CHARACTERS and shorter in longer


def perpetrator_right(incident: Incident, gold: list[Perpetrator], actors: ActorDictionary) -> bool:
    for actor in incident.actors:
        if actor.role != "perpetrator":
            continue
        entry = actors.by_name(actor.name)
        for perpetrator in gold:
            wanted = actors.get(perpetrator.actor) if perpetrator.actor else None
            if entry is not None and wanted is not None and side(entry) == side(wanted):
                return True
            if names_match(actor.text, perpetrator.text) or names_match(actor.name, perpetrator.text):
                return True
    return False


def score(item: Item, incident: Optional[Incident], gazetteer: Gazetteer, actors: ActorDictionary) -> dict[str, Optional[bool]]:
    """Each field: True or False when the annotation scores it, None when it does not."""
    killed = best(incident.casualties.killed) if incident else None
    injured = best(incident.casualties.injured) if incident else None
    date = incident.date if incident else None
    return {
        "killed": killed == item.killed if item.killed is not None else None,
        "injured": injured == item.injured if item.injured is not None else None,
        "no invented toll": killed is None if item.killed is None else None,
        "date": (
            bool(date and date.precision.value == "day" and date.start and date.start.isoformat() == item.incident_date)
            if item.incident_date
            else None
        ),
        "place": (
            bool(incident and (town_right(incident, item.towns, gazetteer) or admin1_right(incident, item.admin1)))
            if item.towns or item.admin1
            else None
        ),
        "town": bool(incident and town_right(incident, item.towns, gazetteer)) if item.towns else None,
        "perpetrator": bool(incident and perpetrator_right(incident, item.perpetrators, actors)) if item.perpetrators else None,
    }


def evaluate(items: list[Item]) -> tuple[dict[str, dict[str, dict]], list[dict]]:
    gazetteer, actors = Gazetteer.default(), ActorDictionary.default()
    extractions = extract_articles([item.article for item in items])
    tallies: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    details = []
    for item, extraction in zip(items, extractions):
        incident = main_incident(extraction.incidents)
        marks = score(item, incident, gazetteer, actors)
        for name, mark in marks.items():
            if mark is not None:
                tallies[item.group][name].append(mark)
        details.append(
            {
                "report": item.name,
                "killed": [item.killed, best(incident.casualties.killed) if incident else None],
                "injured": [item.injured, best(incident.casualties.injured) if incident else None],
                "date": [item.incident_date, incident.date.start.isoformat() if incident and incident.date.start else None],
                "place": [item.towns[:1], incident.location.name if incident else None, incident.location.admin1 if incident else None],
                "perpetrator": [
                    [p.text for p in item.perpetrators],
                    [a.name for a in incident.actors if a.role == "perpetrator"] if incident else [],
                ],
                "right": marks,
            }
        )
    figures = {
        group: {
            name: {"accuracy": sum(marks) / len(marks) if marks else None, "n": len(marks)}
            for name in FIELDS
            for marks in [tallies[group].get(name, [])]
        }
        for group in sorted(tallies)
    }
    return figures, details


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="hand-annotated set (ar.json, fr.json, texts)")
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS, help="multi-outlet reports (reports.json, texts/)")
    parser.add_argument("--languages", default=",".join(SET_LANGUAGES), help="comma-separated: which languages to read")
    parser.add_argument("--no-reports", action="store_true", help="the hand-annotated set only")
    parser.add_argument("--limit", type=int, help="only the first N reports of each set (a quick run)")
    parser.add_argument("--details", action="store_true", help="one line per report")
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    args = parser.parse_args()

    languages = tuple(language for language in args.languages.split(",") if language)
    groups = [read_set(args.set, language) for language in languages if language in SET_LANGUAGES]
    if not args.no_reports:
        reports = read_reports(args.reports, tuple(language for language in languages if language in REPORT_LANGUAGES), Gazetteer.default())
        groups += [[item for item in reports if item.group == f"reports {language}"] for language in languages]
    items = [item for group in groups for item in (group[: args.limit] if args.limit else group)]
    figures, details = evaluate(items)
    if args.json:
        print(json.dumps({"figures": figures, "details": details} if args.details else figures, ensure_ascii=False, indent=2))
        return
    if args.details:
        for line in details:
            print(json.dumps(line, ensure_ascii=False))
    print(f"{'set':<12} {'reports':>7}  " + "  ".join(f"{name:>16}" for name in FIELDS))
    for group, by_field in figures.items():
        size = sum(1 for item in items if item.group == group)
        cells = []
        for name in FIELDS:
            accuracy, n = by_field[name]["accuracy"], by_field[name]["n"]
            cells.append(f"{'-' if accuracy is None else f'{accuracy:.3f}'} (n={n})".rjust(16))
        print(f"{group:<12} {size:>7}  " + "  ".join(cells))


if __name__ == "__main__":
    main()
