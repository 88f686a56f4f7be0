"""Linking commands: `link` (the explicit write: links the incidents ingested since the last run) and `show` (a read)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Optional

import typer
from rich.table import Table

from corroborate.cli.common import (
    DB_OPTION,
    EXIT_USAGE,
    READ_THRESHOLD_OPTION,
    THRESHOLD_OPTION,
    fail,
    link_summary,
    no_threshold,
    open_store,
    say_if_links_are_stale,
    store_failures,
)
from corroborate.cli.output import console, emit
from corroborate.models import CasualtyCount
from corroborate.output import OutputFormat, plain

if TYPE_CHECKING:
    from corroborate.link import LinkedIncident, ReconciledFigure


def figure_text(figure: "ReconciledFigure | CasualtyCount | None") -> str:
    """low/best/high, `?` for a bound not given."""
    if figure is None:
        return ""
    return "/".join("?" if value is None else str(value) for value in (figure.low, figure.best, figure.high))


def _linked_table(incidents: Iterable["LinkedIncident"]) -> None:
    incidents = list(incidents)
    table = Table(
        "id",
        "date",
        "place",
        "event",
        "articles",
        "independent",
        "killed low/best/high",
        "conservative",
        title=f"{len(incidents)} linked incidents",
    )
    for incident in incidents:
        killed = incident.killed
        cells = (
            incident.id,
            incident.date.start,
            incident.location.name,
            f"{incident.event_type} ({incident.cause})",
            len(incident.members),
            incident.independent_sources,
            figure_text(killed),
            "" if killed is None or killed.conservative is None else f"{killed.conservative} ({killed.conservative_source})",
        )
        table.add_row(*map(plain, cells))
    console().print(table)


def link_command(
    db: str = DB_OPTION,
    threshold: Optional[float] = THRESHOLD_OPTION,
    min_articles: int = typer.Option(1, "--min-articles", min=1, help="Only list incidents told by at least this many articles."),
    rebuild: bool = typer.Option(
        False, "--rebuild", help="Forget the stored links and link every incident again (after changing --threshold)."
    ),
) -> None:
    """Group the stored incidents that different articles tell into linked incidents, with reconciled tolls.

    Incremental: incidents linked before keep their linked incident; those
    ingested since join one or start a new one. The result is stored; the
    commands that read linked incidents (show, check, credibility, export
    --linked) read it and never link.

    [bold]Examples[/bold]

      corroborate link --db corpus.db --min-articles 2
      corroborate link --db corpus.db --threshold 0.8 --rebuild
      corroborate show L3f2a9c0d1e2b --db corpus.db
    """
    from corroborate.service.linked import link, linked_incidents_of

    with store_failures(), open_store(db, create=False) as store:
        link_summary(link(store, threshold=threshold, rebuild=rebuild))
        linked = linked_incidents_of(store, min_articles=min_articles)
    emit(linked, OutputFormat.table, table=_linked_table)


def _sources_table(incident: "LinkedIncident") -> None:
    title = f"{incident.id}: {incident.event_type} ({incident.cause}), {incident.location.name or '?'}, {incident.date.start or '?'} — {incident.independent_sources} independent of {len(incident.sources)} sources"
    table = Table(
        "published", "outlet", "article", "external id", "killed", "said by", "departure", "injured", "said by", "url", title=plain(title)
    )
    for source in incident.sources:
        note = " (update)" if source.killed_update else " (superseded)" if source.killed_superseded else ""
        departure = "" if source.killed_departure is None else f"{source.killed_departure:+.0%}"
        cells = (
            source.published,
            source.outlet,
            source.article_id,
            source.external_id,
            figure_text(source.killed) + note,
            source.killed_source,
            departure,
            figure_text(source.injured),
            source.injured_source,
            source.url,
        )
        table.add_row(*map(plain, cells))
    for label, figure in (("reconciled killed", incident.killed), ("reconciled injured", incident.injured)):
        if figure is not None:
            conservative = f"most conservative: {figure.conservative} ({figure.conservative_source})"
            table.add_row("", label, "", "", figure_text(figure), plain(conservative), "", "", "", "", end_section=False)
    if incident.killed and incident.killed.sequence:
        table.add_row("", "toll over time", "", "", " → ".join(map(str, incident.killed.sequence)), "", "", "", "", "")
    console().print(table)


def show_command(
    incident_id: str = typer.Argument(..., help="A linked incident id from `corroborate link`."),
    db: str = DB_OPTION,
    output_format: OutputFormat = typer.Option(
        OutputFormat.table, "--format", "-f", help="table (every source side by side), json or jsonl (the LinkedIncident record)."
    ),
    threshold: Optional[float] = READ_THRESHOLD_OPTION,
) -> None:
    """Every source's figures for one linked incident, side by side with the reconciled ones.

    Reads the links stored by `corroborate link`; says so on stderr when
    incidents ingested since are not linked yet.

    [bold]Example[/bold]

      corroborate show L3f2a9c0d1e2b --db corpus.db
    """
    from corroborate.service.linked import linked_incident

    no_threshold(threshold)
    with store_failures(), open_store(db, create=False) as store:
        say_if_links_are_stale(store)
        incident = linked_incident(store, incident_id)
    if incident is None:
        raise fail(f"no linked incident {incident_id}; see `corroborate link`", EXIT_USAGE)
    emit([incident], output_format, table=lambda incidents: _sources_table(*incidents), one_as_object=True)
