"""`corroborate network`: the actor network of a store (who does what to whom, with the evidence) as a graph file."""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from corroborate.cli.common import DB_OPTION, fail, open_store, store_failures


class NetworkFormat(str, Enum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"


def _day(option: str, text: Optional[str]) -> Optional[dt.date]:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise fail(f"{option} {text!r} is not a date: give YYYY-MM-DD, e.g. 2016-03-01")


def network_command(
    db: str = DB_OPTION,
    since: Optional[str] = typer.Option(
        None, "--since", help="Events on or after this day (YYYY-MM-DD; the event's date, else the publication day)."
    ),
    until: Optional[str] = typer.Option(None, "--until", help="Events on or before this day (YYYY-MM-DD)."),
    types: Optional[str] = typer.Option(None, "--type", help="PLOVER types kept, comma-separated: AID,SUPPORT,... (default: all)."),
    output_format: NetworkFormat = typer.Option(
        NetworkFormat.graphml,
        "--format",
        "-f",
        help="graphml or gexf (Gephi, Cytoscape), json (networkx node-link) or csv (one row per edge).",
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: standard output)."),
) -> None:
    """Write the actor network of the store: one edge per actor -> recipient, PLOVER type and certainty.

    Edges from political events (the US arms the rebels) and from sponsors of violence (US-backed rebels:
    an AID edge). Alleged and denied edges are kept apart from asserted ones. Each edge carries its weight
    (independent sources), PLOVER's cooperation-conflict score and its evidence: every sentence, outlet,
    certainty and who said it (docs/network.md).

    [bold]Examples[/bold]

      corroborate network --db corpus.db --format graphml --output actors.graphml
      corroborate network --db corpus.db --type AID,SUPPORT --since 2016-01-01 --format csv
      corroborate network --db corpus.db --format json | jq '.edges[] | select(.certainty == "denied")'
    """
    from corroborate.service.network import NetworkFilter, actor_network, parse_types, write_network
    from corroborate.service.queries import QueryError

    try:
        f = NetworkFilter(since=_day("--since", since), until=_day("--until", until), types=parse_types(types))
    except QueryError as error:
        raise fail(str(error).replace("since is after until", "--since is after --until"))
    if output is not None and not output.parent.is_dir():
        raise fail(f"cannot write {output}: the folder {output.parent} does not exist")
    with store_failures(), open_store(db, create=False) as store:
        network = actor_network(store, f)
    if output is not None:
        with output.open("wb") as out:
            write_network(network, output_format.value, out)
        return
    try:
        write_network(network, output_format.value, sys.stdout.buffer)
        sys.stdout.flush()
    except BrokenPipeError:  # `corroborate network | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
