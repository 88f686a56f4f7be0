"""`corroborate credibility`: stored articles scored with their reasons (a read).

Text signals, consistency with the stored linked incidents (as `corroborate
link` stored them) and, with --reference, checks against reference records
(as `corroborate check` makes them). Exit codes: 0 ok, 1 some reference rows
could not be read (reported, the rest used), 2 usage or configuration error.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.table import Table
from rich.text import Text

from corroborate.check_options import ReferenceFormat
from corroborate.cli.common import (
    DB_OPTION,
    EXIT_DOCUMENT_ERRORS,
    EXIT_OK,
    FORMAT_OPTION,
    READ_THRESHOLD_OPTION,
    ErrorCounter,
    fail,
    no_threshold,
    open_store,
    say_if_links_are_stale,
    store_failures,
)
from corroborate.cli.output import console, emit
from corroborate.errors import ConfigurationError
from corroborate.output import OutputFormat, plain

if TYPE_CHECKING:
    from corroborate.credibility import Credibility, Reason


def _reason_line(reason: "Reason") -> Text:
    line = Text.assemble((reason.signal, "bold"), f" {reason.effect:+.2f}: ", plain(reason.detail))
    if reason.evidence:
        quoted = ", ".join(f"«{span.text}» @{span.start}" for span in reason.evidence[:3])
        line.append(" " + quoted, style="dim")
    return line


def _print_table(results: Iterable["Credibility"], top: int) -> None:
    results = list(results)
    table = Table(
        "article",
        "outlet",
        "score",
        "reasons (effect on log-odds; evidence at character offsets)",
        title=f"credibility of {len(results)} articles",
        show_lines=True,
    )
    for result in results:
        label = result.external_id or result.article_id
        lines = [_reason_line(reason) for reason in result.reasons[:top]]
        table.add_row(plain(label), plain(result.outlet), f"{result.score:.2f}", Text("\n").join(lines))
    console().print(table)


def credibility_command(
    article_ids: Optional[list[str]] = typer.Argument(None, help="Article ids or external ids (default: every stored article)."),
    db: str = DB_OPTION,
    reference: Optional[Path] = typer.Option(
        None, "--reference", exists=True, dir_okay=False, help="Reference records to check figures against."
    ),
    reference_format: ReferenceFormat = typer.Option(
        ReferenceFormat.ucdp, "--reference-format", help="ucdp (GED CSV), acled (export CSV) or victims (one row per person)."
    ),
    sources: Optional[Path] = typer.Option(
        None,
        "--sources",
        envvar="CORROBORATE_SOURCES",
        exists=True,
        dir_okay=False,
        help="An edited copy of the source registry (data/sources.toml) for outlet and source alignments.",
    ),
    output_format: OutputFormat = FORMAT_OPTION,
    top: int = typer.Option(4, "--top", min=1, help="Reasons shown per article in the table."),
    threshold: Optional[float] = READ_THRESHOLD_OPTION,
    model_file: Optional[Path] = typer.Option(
        None,
        "--model",
        exists=True,
        dir_okay=False,
        help="Score with these weights (.toml, like data/credibility_weights.toml) or a trained model (.json, bench/credibility.py).",
    ),
) -> None:
    """Score stored articles' credibility, with the reasons and their evidence.

    The score (0 to 1) combines documented weights over text signals
    (loaded, sectarian and name-calling language, hedging), attribution of
    figures, consistency with other sources (the linked incidents stored by
    `corroborate link`) and outlet alignment, and reference checks when
    --reference is given. See docs/credibility.md.

    [bold]Examples[/bold]

      corroborate credibility --db corpus.db
      corroborate credibility 3f2a9c0d1e2b4a5c --db corpus.db --format json
      corroborate credibility --db corpus.db --reference ged.csv --reference-format ucdp
      corroborate credibility --db corpus.db --sources my_sources.toml --format jsonl
      corroborate credibility --db corpus.db --model my_weights.toml
    """
    from corroborate.check import load_reference
    from corroborate.credibility import CredibilityModel, default_model
    from corroborate.dictionaries import SourceRegistry
    from corroborate.service.checks import reference_checks
    from corroborate.service.credibility import article_credibility
    from corroborate.service.linked import linked_incidents_of

    no_threshold(threshold)
    try:
        registry = SourceRegistry.load(sources) if sources else SourceRegistry.default()
        model = CredibilityModel.load(model_file) if model_file else default_model()
    except ConfigurationError as error:
        raise fail(str(error))
    bad_rows = ErrorCounter()
    with store_failures(), open_store(db, create=False) as store:
        say_if_links_are_stale(store)
        linked = linked_incidents_of(store)
        try:
            checks = []
            if reference:
                events = load_reference(reference, reference_format, on_bad_row=bad_rows.report)
                checks = reference_checks(store, events, linked=linked)
            results = article_credibility(store, article_ids or [], linked=linked, checks=checks, registry=registry, model=model)
        except ConfigurationError as error:
            raise fail(str(error))
    emit(results, output_format, table=lambda rows: _print_table(rows, top), one_as_object=True)
    raise typer.Exit(EXIT_DOCUMENT_ERRORS if bad_rows.count else EXIT_OK)
