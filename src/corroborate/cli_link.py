"""Linking commands (link, show), registered on the `corroborate` app by cli.py.

Linked incidents are recomputed from the stored extractions on every call
(nothing is stored), so they always reflect every article ingested so far.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console
from rich.table import Table

from corroborate.cli import EXIT_USAGE, app
from corroborate.cli_store import DB_OPTION, _fail, _open
from corroborate.link import DEFAULT_WINDOW_DAYS
from corroborate.models import CasualtyCount

if TYPE_CHECKING:
    from corroborate.link import LinkedIncident, ReconciledFigure
    from corroborate.store import Store

WINDOW_OPTION = typer.Option(DEFAULT_WINDOW_DAYS, "--window", min=0, help="Days apart two day-precise reports may be.")


def _linked(store: "Store", window: int) -> list["LinkedIncident"]:
    from corroborate.link import link_incidents

    def article_text(article_id: str) -> Optional[str]:
        article = store.article(article_id)
        return article.text if article else None

    return link_incidents(store.extractions(), window_days=window, article_text=article_text)


def _figure(figure: "ReconciledFigure | CasualtyCount | None") -> str:
    if figure is None:
        return ""
    return "/".join("?" if value is None else str(value) for value in (figure.low, figure.best, figure.high))


def _console() -> Console:
    return Console(width=None if sys.stdout.isatty() else 200)


@app.command("link")
def link_command(
    db: str = DB_OPTION,
    window: int = WINDOW_OPTION,
    min_articles: int = typer.Option(1, "--min-articles", min=1, help="Only incidents told by at least this many articles."),
) -> None:
    """Group the stored incidents that different articles tell into linked incidents, with reconciled tolls.

    [bold]Examples[/bold]

      corroborate link --db corpus.db --min-articles 2
      corroborate show L3f2a9c0d1e2b --db corpus.db
    """
    with _open(db, create=False) as store:
        linked = [incident for incident in _linked(store, window) if len(incident.members) >= min_articles]
    table = Table("id", "date", "place", "event", "articles", "independent", "killed low/best/high", "conservative", title=f"{len(linked)} linked incidents")
    for incident in linked:
        killed = incident.killed
        table.add_row(
            incident.id,
            str(incident.date.start or ""),
            incident.location.name or "",
            f"{incident.event_type} ({incident.cause})",
            str(len(incident.members)),
            str(incident.independent_sources),
            _figure(killed),
            "" if killed is None or killed.conservative is None else f"{killed.conservative} ({killed.conservative_source})",
        )
    _console().print(table)


@app.command("show")
def show_command(
    incident_id: str = typer.Argument(..., help="A linked incident id from `corroborate link`."),
    db: str = DB_OPTION,
    window: int = WINDOW_OPTION,
) -> None:
    """Every source's figures for one linked incident, side by side with the reconciled ones.

    [bold]Example[/bold]

      corroborate show L3f2a9c0d1e2b --db corpus.db
    """
    with _open(db, create=False) as store:
        incident = next((linked for linked in _linked(store, window) if linked.id == incident_id), None)
    if incident is None:
        raise _fail(f"no linked incident {incident_id}; see `corroborate link`", EXIT_USAGE)
    title = f"{incident.id}: {incident.event_type} ({incident.cause}), {incident.location.name or '?'}, {incident.date.start or '?'} — {incident.independent_sources} independent of {len(incident.sources)} sources"
    table = Table("published", "outlet", "article", "external id", "killed", "said by", "departure", "injured", "said by", "url", title=title)
    for source in incident.sources:
        note = " (update)" if source.killed_update else " (superseded)" if source.killed_superseded else ""
        departure = "" if source.killed_departure is None else f"{source.killed_departure:+.0%}"
        table.add_row(
            str(source.published or ""),
            source.outlet or "",
            source.article_id,
            source.external_id or "",
            _figure(source.killed) + note,
            source.killed_source or "",
            departure,
            _figure(source.injured),
            source.injured_source or "",
            source.url or "",
        )
    for label, figure in (("reconciled killed", incident.killed), ("reconciled injured", incident.injured)):
        if figure is not None:
            table.add_row("", label, "", "", _figure(figure), f"most conservative: {figure.conservative} ({figure.conservative_source})", "", "", "", "", end_section=False)
    if incident.killed and incident.killed.sequence:
        table.add_row("", "toll over time", "", "", " → ".join(map(str, incident.killed.sequence)), "", "", "", "", "")
    _console().print(table)
