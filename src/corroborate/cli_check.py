"""`corroborate check`: the stored linked incidents against a reference dataset; registered on the app by cli.py.

Exit codes are cli.py's: 0 ok, 1 some reference rows could not be read (each
reported on stderr, the rest used), 2 the reference file or the database is
unusable.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import typer
from rich.table import Table
from rich.text import Text

from corroborate.check import (
    DEFAULT_MAX_KM,
    DEFAULT_WINDOW_DAYS,
    ClaimCheck,
    ReferenceFormat,
    ReferenceIndex,
    Verdict,
    check_linked,
    load_reference,
    verdict_counts,
)
from corroborate.cli import EXIT_DOCUMENT_ERRORS, EXIT_OK, app, stderr
from corroborate.cli_link import _console, linked_incidents_of
from corroborate.cli_store import DB_OPTION, _fail, _open
from corroborate.errors import ConfigurationError, DocumentError
from corroborate.models import Extraction, LinkedIncident
from corroborate.output import OutputFormat, error_line, json_text, plain

if TYPE_CHECKING:
    from corroborate.store import Store

VERDICT_STYLES = {Verdict.consistent: "green", Verdict.inflated: "red", Verdict.deflated: "yellow", Verdict.unmatched: "dim"}


def bad_row_reporter(bad_rows: list[DocumentError]) -> Callable[[DocumentError], None]:
    """Reports a bad reference row on stderr in one line and remembers it (for exit code 1)."""

    def report(error: DocumentError) -> None:
        bad_rows.append(error)
        stderr.print(error_line(error), soft_wrap=True)

    return report


def member_extractions(store: "Store", linked: list[LinkedIncident]) -> dict[str, Extraction]:
    """The extractions of the articles in the linked incidents, by article id (check_linked reads their victims)."""
    return store.extractions_of(member.article_id for incident in linked for member in incident.members)


@app.command("check")
def check_command(
    reference: Path = typer.Option(..., "--reference", "-r", help="The reference file: a UCDP GED CSV, an ACLED export or a victims list."),
    reference_format: ReferenceFormat = typer.Option(..., "--reference-format", help="ucdp, acled or victims (one row per person)."),
    db: str = DB_OPTION,
    window: int = typer.Option(DEFAULT_WINDOW_DAYS, "--window", min=0, help="Days apart a day-precise incident and a one-day reference event may be."),
    max_km: float = typer.Option(DEFAULT_MAX_KM, "--max-km", min=0, help="Distance within which two located places are one place."),
    output_format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="table (verdict counts and each claim), json or jsonl (one ClaimCheck per line)."),
) -> None:
    """Check every source's figures for the stored linked incidents against a reference dataset.

    Each linked incident is matched to the reference events of its day(s),
    place and a compatible event type; each source's killed figure (and its
    civilians, children, women, combatants where the reference counts them)
    is marked consistent, inflated, deflated or unmatched, with the reasons.
    The rules are in docs/check.md.

    [bold]Examples[/bold]

      corroborate check --reference ged.csv --reference-format ucdp --db corpus.db
      corroborate check -r acled_syria.csv --reference-format acled --window 1 --max-km 10
      corroborate check -r vdc.csv --reference-format victims --format jsonl > checks.jsonl
    """
    bad_rows: list[DocumentError] = []
    try:
        events = load_reference(reference, reference_format, on_bad_row=bad_row_reporter(bad_rows))
    except ConfigurationError as error:
        raise _fail(str(error))
    with _open(db, create=False) as store:
        linked = linked_incidents_of(store)
        extractions = member_extractions(store, linked)
    checks = check_linked(linked, ReferenceIndex(events), extractions, window_days=window, max_km=max_km)
    counts = verdict_counts(checks)
    stderr.print(
        plain(
            f"checked {len(checks)} claims of {len(linked)} linked incidents against {len(events)} {reference_format.value} events: "
            + ", ".join(f"{count} {verdict}" for verdict, count in counts.items())
        ),
        soft_wrap=True,
    )
    if output_format == OutputFormat.jsonl:
        sys.stdout.writelines(json_text(check.model_dump(mode="json")) + "\n" for check in checks)
    elif output_format == OutputFormat.json:
        print(json_text([check.model_dump(mode="json") for check in checks], indent=2))
    else:
        _print_tables(checks, {incident.id: incident for incident in linked}, counts)
    raise typer.Exit(EXIT_DOCUMENT_ERRORS if bad_rows else EXIT_OK)


def _print_tables(checks: list[ClaimCheck], linked: dict[str, LinkedIncident], counts: dict[str, int]) -> None:
    console = _console()
    summary = Table("verdict", "claims", title="claims by verdict")
    for verdict, count in counts.items():
        summary.add_row(Text(verdict, style=VERDICT_STYLES[Verdict(verdict)]), str(count))
    console.print(summary)
    table = Table("linked incident", "date", "place", "outlet", "said by", "field", "claimed", "reference low/best/high", "verdict", "reasons", title=f"{len(checks)} claims", show_lines=True)
    for check in checks:
        incident = linked[check.linked_id]
        reference = "" if check.reference_best is None else f"{check.reference_low}/{check.reference_best}/{check.reference_high}"
        table.add_row(
            plain(check.linked_id),
            plain(incident.date.start),
            plain(incident.location.name or incident.location.admin1),
            plain(check.outlet),
            plain(check.source),
            plain(check.field),
            plain(check.claimed_text or check.claimed),
            reference,
            Text(check.verdict.value, style=VERDICT_STYLES[check.verdict]),
            plain("\n".join(check.reasons)),
        )
    console.print(table)
