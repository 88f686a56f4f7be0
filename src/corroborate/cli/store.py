"""Storage commands: `ingest` (the write, with `--link` the linking too), `errors` and `export` (reads)."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import closing
from typing import Optional

import typer
from rich.table import Table

from corroborate.cli.common import (
    DB_OPTION,
    EXIT_DOCUMENT_ERRORS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    MODEL_OPTION,
    THRESHOLD_OPTION,
    TIMEOUT_OPTION,
    fail,
    link_summary,
    open_store,
    say_if_links_are_stale,
    stderr,
    store_failures,
)
from corroborate.cli.output import console, emit
from corroborate.errors import ConfigurationError, DocumentError
from corroborate.ingest import DEFAULT_MAX_BYTES
from corroborate.output import OutputFormat, error_line, plain
from corroborate.progress import document_progress
from corroborate.store.options import DEFAULT_BATCH_SIZE, ExportFormat, ExportSchema


def ingest_command(
    paths: list[str] = typer.Argument(..., help="Files, directories, CSV/JSONL corpora, or - for standard input."),
    db: str = DB_OPTION,
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, help="Extraction processes (default: all cores)."),
    batch_size: int = typer.Option(DEFAULT_BATCH_SIZE, "--batch-size", min=1, help="Documents per database transaction."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1, help="Larger files are recorded as errors."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Run extraction on this Dask scheduler, e.g. tcp://10.0.0.5:8786."),
    model: Optional[str] = MODEL_OPTION,
    timeout: float = TIMEOUT_OPTION,
    link: bool = typer.Option(False, "--link", help="Then link the new incidents, as `corroborate link` does (reads never link)."),
    threshold: Optional[float] = THRESHOLD_OPTION,
) -> None:
    """Extract every article and store it; articles already stored are skipped, so re-running resumes.

    Bad documents are reported on stderr, recorded (see `corroborate errors`)
    and skipped; the exit code is 1 when there were any. With --link the
    incidents are then linked (`corroborate link`); commands that read linked
    incidents never link.

    [bold]Examples[/bold]

      corroborate ingest corpus/ --db corpus.db
      corroborate ingest corpus/ --db corpus.db --link
      corroborate ingest fakes.csv --db postgresql+psycopg://me:secret@db/corroborate
      corroborate ingest archive/ --dask tcp://scheduler:8786
    """
    from corroborate.ingest.decoding import display_name
    from corroborate.store.executors import make_executor
    from corroborate.store.ingestion import estimate_documents, ingest

    if threshold is not None and not link:
        raise fail("--threshold applies when linking: add --link")
    store = open_store(db, create=True)
    try:
        executor = make_executor(workers, dask, model, timeout)
    except ConfigurationError as error:
        store.close()
        raise fail(str(error))
    total = estimate_documents(paths, max_bytes)
    with store_failures(), store:
        with closing(executor), document_progress("ingesting", stderr, total) as progress:

            def on_document(error: Optional[DocumentError]) -> None:
                if error is not None:
                    progress.console.print(error_line(error), soft_wrap=True)
                progress.advance(failed=error is not None)

            try:
                report = ingest(
                    paths,
                    store,
                    executor,
                    batch_size=batch_size,
                    max_bytes=max_bytes,
                    command=" ".join(["ingest", *map(display_name, paths)]),
                    on_document=on_document,
                )
            except ConfigurationError as error:
                raise fail(str(error))
            except KeyboardInterrupt:
                raise fail("interrupted; what was extracted is stored: run the same command again to resume", EXIT_INTERRUPTED)
        counts = report.counts
        stderr.print(
            plain(
                f"{counts.articles_stored} articles stored ({counts.incidents_stored} incidents), "
                f"{counts.articles_skipped} already stored, {counts.documents_failed} failed -> {store.url}"
            ),
            soft_wrap=True,
        )
        if link:
            from corroborate.service.linked import link as link_incidents

            try:
                link_summary(link_incidents(store, threshold=threshold))
            except KeyboardInterrupt:
                raise fail("interrupted; what was linked is stored: run `corroborate link` to link the rest", EXIT_INTERRUPTED)
    raise typer.Exit(EXIT_DOCUMENT_ERRORS if counts.documents_failed else EXIT_OK)


def _errors_table(rows: Iterable[dict]) -> None:
    rows = list(rows)
    table = Table("document", "reason", "run", "recorded at", title=f"{len(rows)} document errors")
    for row in rows:
        table.add_row(plain(row["document"]), plain(row["reason"]), str(row["run_id"]), row["recorded_at"][:19])
    console(200).print(table)


def errors_command(
    db: str = DB_OPTION,
    output_format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="table, json or jsonl."),
) -> None:
    """List the documents that could not be read or extracted, with the reason and the last run that met them.

    [bold]Example[/bold]

      corroborate errors --db corpus.db --format jsonl
    """
    from corroborate.service.records import stored_errors

    with store_failures(), open_store(db, create=False) as store:
        rows = list(stored_errors(store))
    emit(rows, output_format, table=_errors_table)


def export_command(
    db: str = DB_OPTION,
    export_format: ExportFormat = typer.Option(
        ExportFormat.jsonl, "--format", "-f", help="jsonl (one article's extraction per line), csv or geojson."
    ),
    schema: Optional[ExportSchema] = typer.Option(
        None, "--schema", help="CSV columns: acled (default) or ucdp (violent incidents only). See docs/export.md."
    ),
    linked: bool = typer.Option(
        False,
        "--linked",
        help="Linked incidents as stored by `corroborate link` (reports of one event grouped, figures reconciled) instead of articles: jsonl or csv.",
    ),
) -> None:
    """Write the stored incidents to standard output.

    [bold]Examples[/bold]

      corroborate export --db corpus.db > extractions.jsonl
      corroborate export --db corpus.db --format csv --schema ucdp > ged.csv
      corroborate export --db corpus.db --format geojson > incidents.geojson
      corroborate link --db corpus.db && corroborate export --db corpus.db --linked > linked.jsonl
    """
    from corroborate.store.export import LINKED_COLUMNS, incident_csv, linked_row, schema_incidents

    if schema is not None and (export_format != ExportFormat.csv or linked):
        raise fail("--schema applies to --format csv of articles' incidents only")
    if linked and export_format == ExportFormat.geojson:
        raise fail("--linked exports jsonl or csv")
    with store_failures(), open_store(db, create=False) as store:
        if linked:
            say_if_links_are_stale(store)
            emit(store.linked_incidents(), export_format, csv=(LINKED_COLUMNS, linked_row))
        elif export_format == ExportFormat.jsonl:
            emit(store.extractions(), export_format)
        else:
            schema = schema or ExportSchema.acled
            emit(schema_incidents(store, schema), export_format, csv=incident_csv(schema))
