"""Extraction quality on FA-KES: the main incident of each article against the crowd annotation.

The article's main incident is mapped to FA-KES's vocabularies (governorate,
perpetrator class, cause class, date, civilian / child / woman / combatant
deaths) and compared field by field. Rows listed in a gold-errors file
(bench/fakes_gold_errors.csv: row, field, reason) are scored in a second report
without those fields of those rows, never silently dropped from the first.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from corroborate import causes
from corroborate.extract.actors import perpetrator_class
from corroborate.extract.incidents import main_incident
from corroborate.extract.numbers import is_vague
from corroborate.models import Article, CasualtyCount, Extraction, Incident
from corroborate.output import csv_row

FAKES_GOVERNORATES = {
    "Aleppo": "aleppo",
    "Damascus": "damascus",
    "Rural Damascus": "damascus",
    "Idlib": "idlib",
    "Deir ez-Zor": "deir ezzor",
    "Raqqa": "raqqa",
    "Homs": "homs",
    "Hasakah": "hasakeh",
    "Hama": "hama",
    "Daraa": "daraa",
    "Latakia": "lattakia",
    "Quneitra": "quneitra",
    "Tartus": "tartous",
    "Suwayda": "suwayda",
}
FAKES_CAUSES = causes.fakes_labels()  # data/causes.toml
CLASS_FIELDS = ("location", "actor", "cause_of_death")
COUNT_FIELDS = ("nb_civilians", "nb_children", "nb_women", "nb_noncivilians")
FIELDS = (*CLASS_FIELDS, "date", *COUNT_FIELDS)
PREDICTION_COLUMNS = ("row", "unit_id", *FIELDS)


def fakes_date(incident: Optional[Incident]) -> str:
    if incident is None or incident.date.start is None:
        return ""
    return incident.date.start.isoformat()


def parse_fakes_date(value: str) -> str:
    """FA-KES writes M/D/YY; compare as ISO dates."""
    try:
        return dt.datetime.strptime(value.strip(), "%m/%d/%y").date().isoformat()
    except ValueError:
        return ""


def fakes_counts(incident: Optional[Incident]) -> dict[str, int]:
    """Death counts as FA-KES counts them, from the incident's casualties.

    - nb_noncivilians: `victims.combatants`.
    - nb_children, nb_women: `victims.children`, `victims.women`.
    - nb_civilians (all civilian deaths, children and women included): the largest of
      `victims.civilians`, `killed` minus the combatants, and children plus women. FA-KES
      counts the dead as civilians unless the text says they were fighters: "12 people were
      killed in the shelling" is 12 civilians, and a lede's "16 killed" stays 16 when a later
      sentence counts "10 civilians" in one district.
    - Each figure is its best estimate; a vague one ("dozens", "several children") or one
      without a best estimate ("up to 30") counts 0, as the annotators count only the numbers
      a text gives.
    """
    if incident is None:
        return dict.fromkeys(COUNT_FIELDS, 0)
    casualties = incident.casualties
    victims = casualties.victims

    def best(count: Optional[CasualtyCount]) -> int:
        if count is None or count.best is None or is_vague(count):
            return 0
        return count.best

    combatants = best(victims.combatants)
    children, women = best(victims.children), best(victims.women)
    civilians = max(best(victims.civilians), best(casualties.killed) - combatants, children + women)
    return {
        "nb_civilians": civilians,
        "nb_children": children,
        "nb_women": women,
        "nb_noncivilians": combatants,
    }


def fakes_cause(incident: Optional[Incident]) -> str:
    return FAKES_CAUSES.get(incident.cause, "unknown") if incident else "unknown"


def fakes_prediction(extraction: Extraction) -> dict[str, str]:
    incident = main_incident(extraction.incidents)
    location = ""
    if incident is not None and incident.location.admin1:
        location = FAKES_GOVERNORATES.get(incident.location.admin1, incident.location.admin1.lower())
    prediction = {
        "location": location,
        "actor": perpetrator_class(incident.actors) if incident else "unknown",
        "cause_of_death": fakes_cause(incident),
        "date": fakes_date(incident),
    }
    prediction.update({k: str(v) for k, v in fakes_counts(incident).items()})
    return prediction


def gold_of(metadata: dict[str, str]) -> dict[str, str]:
    gold = {name: (metadata.get(name) or "").strip().lower() for name in CLASS_FIELDS}
    gold["date"] = parse_fakes_date(metadata.get("date", ""))
    for name in COUNT_FIELDS:
        gold[name] = str(int(float(metadata.get(name) or 0)))
    return gold


def within_ten_percent(predicted: str, gold: str) -> bool:
    p, g = int(predicted or 0), int(gold or 0)
    return abs(p - g) <= 0.1 * g if g else p == 0


@dataclass
class FieldScore:
    correct: int = 0
    close: int = 0
    total: int = 0
    confusion: Counter = field(default_factory=Counter)

    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def within_10(self) -> float:
        return self.close / self.total if self.total else 0.0


@dataclass
class FakesReport:
    scores: dict[str, FieldScore]
    rows: int
    excluded: int = 0
    label: str = "all rows"

    def as_dict(self) -> dict:
        fields: dict[str, dict[str, object]] = {}
        out = {"label": self.label, "rows": self.rows, "fields": fields}
        for name, score in self.scores.items():
            entry: dict[str, object] = {"accuracy": round(score.accuracy(), 4)}
            if name in COUNT_FIELDS:
                entry["within_10pct"] = round(score.within_10(), 4)
            if name in CLASS_FIELDS:
                entry["confusion"] = {f"{g} -> {p}": n for (g, p), n in score.confusion.most_common(12)}
            fields[name] = entry
        return out


def score_rows(
    rows: Iterable[tuple[str, dict[str, str], dict[str, str]]], label: str, skip: frozenset[tuple[str, str]] = frozenset()
) -> FakesReport:
    """Score (row id, predicted, gold) triples; a (row id, field) pair in `skip` is left out of that field only."""
    scores = {name: FieldScore() for name in FIELDS}
    count = excluded = 0
    for row_id, predicted, gold in rows:
        count += 1
        for name in FIELDS:
            if (row_id, name) in skip:
                excluded += 1
                continue
            score = scores[name]
            score.total += 1
            if predicted[name] == gold[name]:
                score.correct += 1
            if name in COUNT_FIELDS and within_ten_percent(predicted[name], gold[name]):
                score.close += 1
            if name in CLASS_FIELDS and predicted[name] != gold[name]:
                score.confusion[(gold[name], predicted[name] or "-")] += 1
    return FakesReport(scores=scores, rows=count, label=label, excluded=excluded)


def load_gold_errors(path: Optional[Path]) -> frozenset[tuple[str, str]]:
    """(row, field) pairs whose annotation is certainly wrong (bench/fakes_gold_errors.csv)."""
    if path is None or not path.exists():
        return frozenset()
    with path.open(newline="", encoding="utf-8") as handle:
        return frozenset((row["row"], row["field"]) for row in csv.DictReader(line for line in handle if not line.startswith("#")))


def read_fakes(csv_path: Path, limit: Optional[int] = None) -> list[Article]:
    from corroborate.errors import DocumentError
    from corroborate.ingest import read_table

    articles: list[Article] = []
    for item in read_table(csv_path):
        if isinstance(item, DocumentError):
            continue
        articles.append(item)
        if limit and len(articles) >= limit:
            break
    return articles


def score_extractions(
    pairs: Iterable[tuple[Article, Extraction]],
    *,
    predictions_path: Optional[Path] = None,
    gold_errors_path: Optional[Path] = None,
    progress: Optional[Callable[[], None]] = None,
) -> list[FakesReport]:
    """The report on all rows and, when gold errors are known, the report without them."""
    excluded = load_gold_errors(gold_errors_path)
    results: list[tuple[str, dict[str, str], dict[str, str]]] = []
    with ExitStack() as stack:
        writer = None
        if predictions_path is not None:
            handle = stack.enter_context(predictions_path.open("w", newline="", encoding="utf-8"))
            writer = csv.DictWriter(handle, fieldnames=PREDICTION_COLUMNS)
            writer.writeheader()
        for article, extraction in pairs:
            predicted = fakes_prediction(extraction)
            row_id = article.external_id or ""
            results.append((row_id, predicted, gold_of(article.metadata)))
            if writer is not None:
                writer.writerow(csv_row({"row": row_id, "unit_id": article.metadata.get("unit_id", ""), **predicted}))
            if progress is not None:
                progress()
    reports = [score_rows(results, "all rows")]
    if excluded:
        reports.append(score_rows(results, "without known gold errors", excluded))
    return reports


def evaluate_fakes(
    csv_path: Path,
    *,
    model: Optional[str] = None,
    predictions_path: Optional[Path] = None,
    gold_errors_path: Optional[Path] = None,
    limit: Optional[int] = None,
    progress: Optional[Callable[[], None]] = None,
) -> list[FakesReport]:
    """Extract every row of a FA-KES-format CSV and score its main incident."""
    from corroborate.extract.pipeline import extract_articles

    articles = read_fakes(csv_path, limit)
    return score_extractions(
        zip(articles, extract_articles(articles, model=model)),
        predictions_path=predictions_path,
        gold_errors_path=gold_errors_path,
        progress=progress,
    )
