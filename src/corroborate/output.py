"""Formatting for people (Rich tables, data printed as text) and programs (JSON text, CSV cells).

One set of output formats for every command, as sqlite-utils does: data goes
to stdout, messages and progress to stderr.

Data is hostile until printed: every value that came from a document, a file
name or a database goes to the console through `plain` (never read as Rich
markup) and to JSON through `json_text` (`</` escaped, so JSON embedded in an
HTML page cannot close its script).
"""

from __future__ import annotations

import json
import re
from enum import Enum
from typing import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from corroborate import plover
from corroborate.models import CasualtyCount, Extraction, Incident


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def plain(value: object) -> Text:
    """A value printed as it is: a `[/b]` or `[bold]` in data is text, not Rich markup."""
    return Text("" if value is None else str(value))


def error_line(message: object) -> Text:
    """`error: <message>`, the message printed as text."""
    return Text.assemble(("error", "red"), ": ", plain(message))


# Escapes that keep JSON parseable to the same value and inert inside an HTML <script>:
# "</" could close the script, "<!--" opens an HTML comment there, and U+2028/U+2029
# end a line in older JavaScript. ensure_ascii=False writes the rest as it is.
_SCRIPT_SAFE = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_text(value: object, *, indent: int | None = None) -> str:
    """`json.dumps` for output: UTF-8 text, with `</` written `<\\/` and `<!--` written `\\u003c!--`.

    Only string contents can hold `<` in JSON, and `\\/`, `\\u003c` are escapes of
    the same characters, so every JSON parser reads back the same value.
    """
    encoded = json.dumps(value, ensure_ascii=False, indent=indent)
    if "<" in encoded:
        encoded = encoded.replace("<!--", "\\u003c!--").replace("</", "<\\/")
    if "\u2028" in encoded or "\u2029" in encoded:  # a test first: translate() costs ~0.1 µs a character
        encoded = encoded.translate(_SCRIPT_SAFE)
    return encoded


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection)."""
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a text cell opening with a formula trigger gets a leading `'`.

    Numbers stay numbers, whether int, float or already formatted ("-36.20000").
    See docs/export.md.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_row(row: dict) -> dict:
    """`csv_cell` on every value of a csv.DictWriter row."""
    return {key: csv_cell(value) for key, value in row.items()}


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
    table = Table(title=plain(title), caption=plain(caption) if caption else None, show_lines=True)
    for column in ("id", "event", "cause", "date", "place", "killed", "injured", "actors", "sources"):
        table.add_column(column, overflow="fold")
    for incident in extraction.incidents:
        if incident.plover_type is not None:
            table.add_row(*map(plain, political_cells(incident)))
            continue
        killed = count_text(incident.casualties.killed)
        victims = incident.casualties.victims
        details = [
            f"{g} {count_text(getattr(victims, g))}" for g in ("civilians", "children", "women", "combatants") if getattr(victims, g)
        ]
        if victims.mentioned:
            details.append("incl. " + ", ".join(victims.mentioned))
        if details:
            killed = "\n".join([killed, *details]).strip()
        actors = "\n".join(f"{a.role}: {a.name}" for a in incident.actors)
        sources = "\n".join(dict.fromkeys(f"{c.source} ({c.certainty.value})" for c in incident.claims))
        cells = (
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
        table.add_row(*map(plain, cells))
    return table


def political_cells(incident: Incident) -> tuple[str, ...]:
    """A political event's row: type and mode (and ACLED type) for the event, actor → recipient for the actors,
    the claim's certainty and who says so for the sources; no cause, no casualties."""
    actors, recipients = plover.parties(incident)
    claim = plover.event_claim(incident)
    parties = ", ".join(a.name for a in actors) or "?"
    parties += "\n→ " + (", ".join(a.name for a in recipients) or "?")
    others = [f"{a.role}: {a.name}" for a in incident.actors if a.role not in ("actor", "recipient")]
    return (
        incident.id,
        f"{plover.label(incident)}\n{incident.event_type}\n{incident.sub_event_type}",
        "political",
        date_text(incident),
        place_text(incident),
        "",
        "",
        "\n".join([parties, *others]),
        f"{claim.source} ({claim.certainty.value})" if claim else "",
    )


def print_tables(extractions: Iterable[Extraction], console: Console) -> None:
    for extraction in extractions:
        console.print(incident_table(extraction))


def print_fakes_reports(reports, console: Console) -> None:
    """One table per report: accuracy per field, within-10% for counts, top confusions for classes."""
    for report in reports:
        title = f"FA-KES main-incident accuracy — {report.label} ({report.rows} rows"
        title += f", {report.excluded} known-wrong gold values left out)" if report.excluded else ")"
        table = Table(title=plain(title))
        for column in ("field", "exact", "within 10%", "most frequent confusions (gold -> predicted)"):
            table.add_column(column, overflow="fold")
        for name, entry in report.as_dict()["fields"].items():
            confusions = "; ".join(f"{k}: {v}" for k, v in list(entry.get("confusion", {}).items())[:4])
            within = entry.get("within_10pct")
            table.add_row(plain(name), f"{entry['accuracy']:.3f}", "" if within is None else f"{within:.3f}", plain(confusions))
        console.print(table)
