"""Linking commands (link, show), registered on the `corroborate` app by cli.py.

Linked incidents are stored. Every command that reads them first links the
incidents ingested since the last run (incrementally), so what it shows
always covers every article ingested so far.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console
from rich.table import Table

from corroborate.cli import EXIT_USAGE, app, stderr
from corroborate.cli_store import DB_OPTION, _fail, _open
from corroborate.models import CasualtyCount
from corroborate.output import plain

if TYPE_CHECKING:
    from corroborate.link import LinkedIncident, ReconciledFigure
    from corroborate.store import Store

THRESHOLD_OPTION = typer.Option(
    None, "--threshold", min=0.0, max=1.0, help="Probability at which two reports are linked (default: the linking model's, docs/linking.md)."
)


def linked_incidents_of(store: "Store", threshold: Optional[float] = None, min_articles: int = 1) -> list["LinkedIncident"]:
    """The stored linked incidents, after linking the incidents ingested since the last run."""
    from corroborate.store.linking import update_links

    update_links(store, threshold=threshold)
    return list(store.linked_incidents(min_articles=min_articles))


def _figure(figure: "ReconciledFigure | CasualtyCount | None") -> str:
    if figure is None:
        return ""
    return "/".join("?" if value is None else str(value) for value in (figure.low, figure.best, figure.high))


def _console() -> Console:
    return Console(width=None if sys.stdout.isatty() else 200)


@app.command("link")
def link_command(
    db: str = DB_OPTION,
    threshold: Optional[float] = THRESHOLD_OPTION,
    min_articles: int = typer.Option(1, "--min-articles", min=1, help="Only list incidents told by at least this many articles."),
    rebuild: bool = typer.Option(False, "--rebuild", help="Forget the stored links and link every incident again (after changing --threshold)."),
) -> None:
    """Group the stored incidents that different articles tell into linked incidents, with reconciled tolls.

    Incremental: incidents linked before keep their linked incident; those
    ingested since join one or start a new one. The result is stored.

    [bold]Examples[/bold]

      corroborate link --db corpus.db --min-articles 2
      corroborate link --db corpus.db --threshold 0.8 --rebuild
      corroborate show L3f2a9c0d1e2b --db corpus.db
    """
    from corroborate.store.linking import update_links

    with _open(db, create=False) as store:
        update = update_links(store, threshold=threshold, rebuild=rebuild)
        stderr.print(
            plain(
                f"linked {update.incidents_linked} new incidents; {update.linked_incidents_written} linked incidents created or updated; "
                f"{update.linked_incidents_total} in all"
            )
        )
        linked = list(store.linked_incidents(min_articles=min_articles))
    table = Table("id", "date", "place", "event", "articles", "independent", "killed low/best/high", "conservative", title=f"{len(linked)} linked incidents")
    for incident in linked:
        killed = incident.killed
        cells = (
            incident.id,
            incident.date.start,
            incident.location.name,
            f"{incident.event_type} ({incident.cause})",
            len(incident.members),
            incident.independent_sources,
            _figure(killed),
            "" if killed is None or killed.conservative is None else f"{killed.conservative} ({killed.conservative_source})",
        )
        table.add_row(*map(plain, cells))
    _console().print(table)


@app.command("show")
def show_command(
    incident_id: str = typer.Argument(..., help="A linked incident id from `corroborate link`."),
    db: str = DB_OPTION,
    threshold: Optional[float] = THRESHOLD_OPTION,
) -> None:
    """Every source's figures for one linked incident, side by side with the reconciled ones.

    [bold]Example[/bold]

      corroborate show L3f2a9c0d1e2b --db corpus.db
    """
    from corroborate.store.linking import update_links

    with _open(db, create=False) as store:
        update_links(store, threshold=threshold)
        incident = store.linked_incident(incident_id)
    if incident is None:
        raise _fail(f"no linked incident {incident_id}; see `corroborate link`", EXIT_USAGE)
    title = f"{incident.id}: {incident.event_type} ({incident.cause}), {incident.location.name or '?'}, {incident.date.start or '?'} — {incident.independent_sources} independent of {len(incident.sources)} sources"
    table = Table("published", "outlet", "article", "external id", "killed", "said by", "departure", "injured", "said by", "url", title=plain(title))
    for source in incident.sources:
        note = " (update)" if source.killed_update else " (superseded)" if source.killed_superseded else ""
        departure = "" if source.killed_departure is None else f"{source.killed_departure:+.0%}"
        cells = (
            source.published,
            source.outlet,
            source.article_id,
            source.external_id,
            _figure(source.killed) + note,
            source.killed_source,
            departure,
            _figure(source.injured),
            source.injured_source,
            source.url,
        )
        table.add_row(*map(plain, cells))
    for label, figure in (("reconciled killed", incident.killed), ("reconciled injured", incident.injured)):
        if figure is not None:
            conservative = f"most conservative: {figure.conservative} ({figure.conservative_source})"
            table.add_row("", label, "", "", _figure(figure), plain(conservative), "", "", "", "", end_section=False)
    if incident.killed and incident.killed.sequence:
        table.add_row("", "toll over time", "", "", " → ".join(map(str, incident.killed.sequence)), "", "", "", "", "")
    _console().print(table)
