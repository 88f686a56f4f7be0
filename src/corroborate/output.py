"""Formatting extractions for people (Rich tables) and programs (JSON, JSON Lines).

One set of output formats for every command, as sqlite-utils does: data goes
to stdout, messages and progress to stderr.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Iterable, TextIO

from rich.console import Console
from rich.table import Table

from corroborate.models import CasualtyCount, Extraction, Incident, Record


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def extraction_json(extraction: Extraction) -> dict:
    return extraction.model_dump(mode="json")


def write_json(extractions: list[Extraction], out: TextIO) -> None:
    """One object for one article, a list for several."""
    payload = extraction_json(extractions[0]) if len(extractions) == 1 else [extraction_json(e) for e in extractions]
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_jsonl(records: Iterable[Record], out: TextIO) -> int:
    """One JSON line per record, each flushed as it is written (a pipe reads a stream); the count written."""
    written = 0
    for record in records:
        out.write(json.dumps(record.model_dump(mode="json"), ensure_ascii=False) + "\n")
        out.flush()
        written += 1
    return written


def count_text(count: CasualtyCount | None) -> str:
    if count is None:
        return ""
    if count.best is not None and count.low == count.best == count.high:
        return str(count.best)
    parts = []
    if count.low is not None:
        parts.append(f"≥{count.low}" if count.high is None else f"{count.low}–{count.high}")
    elif count.high is not None:
        parts.append(f"≤{count.high}")
    elif count.best is not None:
        parts.append(f"~{count.best}")
    label = "/".join(parts) or "?"
    return f"{label} ({count.text})" if count.text and count.text != label else label


def date_text(incident: Incident) -> str:
    date = incident.date
    if date.start:
        return date.start.isoformat() if date.start == date.end else f"{date.start}…{date.end}"
    if date.month:
        return f"????-{date.month:02d}" + (f"-{date.day:02d}" if date.day else "")
    return date.text or ""


def place_text(incident: Incident) -> str:
    place = incident.location
    parts = [p for p in (place.name or place.text, place.admin1, place.country) if p]
    deduped = list(dict.fromkeys(parts))
    return ", ".join(deduped) + (f" [{place.precision.value}]" if deduped else "")


def incident_table(extraction: Extraction) -> Table:
    article = extraction.article
    title = article.title or article.url or article.external_id or article.id
    caption = " · ".join(p for p in (article.outlet, str(article.published or ""), *extraction.notes) if p)
    table = Table(title=title, caption=caption or None, show_lines=True)
    for column in ("id", "event", "cause", "date", "place", "killed", "injured", "actors", "sources"):
        table.add_column(column, overflow="fold")
    for incident in extraction.incidents:
        killed = count_text(incident.casualties.killed)
        victims = incident.casualties.victims
        details = [f"{g} {count_text(getattr(victims, g))}" for g in ("civilians", "children", "women", "combatants") if getattr(victims, g)]
        if victims.mentioned:
            details.append("incl. " + ", ".join(victims.mentioned))
        if details:
            killed = "\n".join([killed, *details]).strip()
        actors = "\n".join(f"{a.role}: {a.name}" for a in incident.actors)
        sources = "\n".join(dict.fromkeys(f"{c.source} ({c.certainty.value})" for c in incident.claims))
        table.add_row(
            incident.id,
            f"{incident.event_type}\n{incident.sub_event_type}",
            incident.cause,
            date_text(incident),
            place_text(incident),
            killed,
            count_text(incident.casualties.injured),
            actors,
            sources,
        )
    return table


def print_tables(extractions: Iterable[Extraction], console: Console) -> None:
    for extraction in extractions:
        console.print(incident_table(extraction))


def print_fakes_reports(reports, console: Console) -> None:
    """One table per report: accuracy per field, within-10% for counts, top confusions for classes."""
    for report in reports:
        title = f"FA-KES main-incident accuracy — {report.label} ({report.rows} rows"
        title += f", {report.excluded} known-wrong gold values left out)" if report.excluded else ")"
        table = Table(title=title)
        for column in ("field", "exact", "within 10%", "most frequent confusions (gold -> predicted)"):
            table.add_column(column, overflow="fold")
        for name, entry in report.as_dict()["fields"].items():
            confusions = "; ".join(f"{k}: {v}" for k, v in list(entry.get("confusion", {}).items())[:4])
            within = entry.get("within_10pct")
            table.add_row(name, f"{entry['accuracy']:.3f}", "" if within is None else f"{within:.3f}", confusions)
        console.print(table)
