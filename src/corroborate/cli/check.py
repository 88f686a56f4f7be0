"""`corroborate check`: the stored linked incidents against a reference dataset (a read).

Exit codes: 0 ok, 1 some reference rows could not be read (each reported on
stderr, the rest used), 2 the reference file or the database is unusable.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table
from rich.text import Text

from corroborate.check_options import DEFAULT_MAX_KM, DEFAULT_WINDOW_DAYS, ReferenceFormat, Verdict
from corroborate.cli.common import (
    DB_OPTION,
    EXIT_DOCUMENT_ERRORS,
    EXIT_OK,
    ErrorCounter,
    fail,
    open_store,
    say_if_links_are_stale,
    stderr,
    store_failures,
)
from corroborate.cli.output import console, emit
from corroborate.errors import ConfigurationError
from corroborate.models import LinkedIncident
from corroborate.output import OutputFormat, plain

if TYPE_CHECKING:
    from corroborate.check import ClaimCheck

VERDICT_STYLES = {Verdict.consistent: "green", Verdict.inflated: "red", Verdict.deflated: "yellow", Verdict.unmatched: "dim"}


def check_command(
    reference: Path = typer.Option(..., "--reference", "-r", help="The reference file: a UCDP GED CSV, an ACLED export or a victims list."),
    reference_format: ReferenceFormat = typer.Option(..., "--reference-format", help="ucdp, acled or victims (one row per person)."),
    db: str = DB_OPTION,
    window: int = typer.Option(
        DEFAULT_WINDOW_DAYS, "--window", min=0, help="Days apart a day-precise incident and a one-day reference event may be."
    ),
    max_km: float = typer.Option(DEFAULT_MAX_KM, "--max-km", min=0, help="Distance within which two located places are one place."),
    output_format: OutputFormat = typer.Option(
        OutputFormat.table, "--format", "-f", help="table (verdict counts and each claim), json or jsonl (one ClaimCheck per line)."
    ),
) -> None:
    """Check every source's figures for the stored linked incidents against a reference dataset.

    Each linked incident is matched to the reference events of its day(s),
    place and a compatible event type; each source's killed figure (and its
    civilians, children, women, combatants where the reference counts them)
    is marked consistent, inflated, deflated or unmatched, with the reasons.
    The linked incidents are those stored by `corroborate link`. The rules
    are in docs/check.md.

    [bold]Examples[/bold]

      corroborate check --reference ged.csv --reference-format ucdp --db corpus.db
      corroborate check -r acled_syria.csv --reference-format acled --window 1 --max-km 10
      corroborate check -r vdc.csv --reference-format victims --format jsonl > checks.jsonl
    """
    from corroborate.check import ReferenceIndex, load_reference, verdict_counts
    from corroborate.service.checks import reference_checks
    from corroborate.service.linked import linked_incidents_of

    bad_rows = ErrorCounter()
    try:
        events = load_reference(reference, reference_format, on_bad_row=bad_rows.report)
    except ConfigurationError as error:
        raise fail(str(error))
    with store_failures(), open_store(db, create=False) as store:
        say_if_links_are_stale(store)
        linked = linked_incidents_of(store)
        checks = reference_checks(store, ReferenceIndex(events), linked=linked, window_days=window, max_km=max_km)
    counts = verdict_counts(checks)
    stderr.print(
        plain(
            f"checked {len(checks)} claims of {len(linked)} linked incidents against {len(events)} {reference_format.value} events: "
            + ", ".join(f"{count} {verdict}" for verdict, count in counts.items())
        ),
        soft_wrap=True,
    )
    by_id = {incident.id: incident for incident in linked}
    emit(checks, output_format, table=lambda rows: _print_tables(rows, by_id, counts))
    raise typer.Exit(EXIT_DOCUMENT_ERRORS if bad_rows.count else EXIT_OK)


def _print_tables(checks: Iterable["ClaimCheck"], linked: dict[str, LinkedIncident], counts: dict[str, int]) -> None:
    checks = list(checks)
    out = console()
    summary = Table("verdict", "claims", title="claims by verdict")
    for verdict, count in counts.items():
        summary.add_row(Text(verdict, style=VERDICT_STYLES[Verdict(verdict)]), str(count))
    out.print(summary)
    table = Table(
        "linked incident",
        "date",
        "place",
        "outlet",
        "said by",
        "field",
        "claimed",
        "reference low/best/high",
        "verdict",
        "reasons",
        title=f"{len(checks)} claims",
        show_lines=True,
    )
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
    out.print(table)
