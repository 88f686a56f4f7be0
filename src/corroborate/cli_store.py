"""Storage commands (ingest, errors, export), registered on the `corroborate` app by cli.py.

Each parses, calls the library (corroborate.store) and formats; exit codes are
cli.py's: 0 ok, 1 some documents failed, 2 usage or configuration error, 3 the
database failed, 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console
from rich.table import Table

from corroborate.cli import EXIT_DOCUMENT_ERRORS, EXIT_INTERRUPTED, EXIT_OK, EXIT_STORE, EXIT_USAGE, MODEL_OPTION, TIMEOUT_OPTION, app, stderr
from corroborate.errors import ConfigurationError, DocumentError, StoreError
from corroborate.ingest import DEFAULT_MAX_BYTES
from corroborate.output import OutputFormat, error_line, json_text, plain
from corroborate.progress import document_progress
from corroborate.store.options import DEFAULT_BATCH_SIZE, DEFAULT_DATABASE, ExportFormat, ExportSchema

if TYPE_CHECKING:
    from corroborate.store import Store

DB_OPTION = typer.Option(
    DEFAULT_DATABASE,
    "--db",
    envvar="CORROBORATE_DB",
    help="SQLite file (created if missing) or a PostgreSQL URL: postgresql+psycopg://user:password@host/database.",
)


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    stderr.print(error_line(message), soft_wrap=True)
    return typer.Exit(code)


def _open(db: str, *, create: bool) -> "Store":
    from corroborate.store import open_database

    try:
        return open_database(db, create=create)
    except StoreError as error:
        raise _fail(str(error), EXIT_STORE)
    except ConfigurationError as error:
        raise _fail(str(error))


@contextmanager
def _store_failures() -> Iterator[None]:
    """A database that fails mid-command (read-only, disk full, server gone) -> one line and EXIT_STORE."""
    from sqlalchemy.exc import DBAPIError

    from corroborate.store.database import database_failure

    try:
        yield
    except DBAPIError as error:
        raise _fail(
            f"the database failed: {database_failure(error)}; what was committed is kept: "
            "fix the cause and run the same command again to resume",
            EXIT_STORE,
        )


@app.command("ingest")
def ingest_command(
    paths: list[str] = typer.Argument(..., help="Files, directories, CSV/JSONL corpora, or - for standard input."),
    db: str = DB_OPTION,
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, help="Extraction processes (default: all cores)."),
    batch_size: int = typer.Option(DEFAULT_BATCH_SIZE, "--batch-size", min=1, help="Documents per database transaction."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1, help="Larger files are recorded as errors."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Run extraction on this Dask scheduler, e.g. tcp://10.0.0.5:8786."),
    model: Optional[str] = MODEL_OPTION,
    timeout: float = TIMEOUT_OPTION,
) -> None:
    """Extract every article and store it; articles already stored are skipped, so re-running resumes.

    Bad documents are reported on stderr, recorded (see `corroborate errors`)
    and skipped; the exit code is 1 when there were any.

    [bold]Examples[/bold]

      corroborate ingest corpus/ --db corpus.db
      corroborate ingest fakes.csv --db postgresql+psycopg://me:secret@db/corroborate
      corroborate ingest archive/ --dask tcp://scheduler:8786
    """
    from corroborate.store.executors import make_executor
    from corroborate.ingest.decoding import display_name
    from corroborate.store.ingestion import estimate_documents, ingest

    store = _open(db, create=True)
    try:
        executor = make_executor(workers, dask, model, timeout)
    except ConfigurationError as error:
        store.close()
        raise _fail(str(error))
    total = estimate_documents(paths, max_bytes)
    with _store_failures(), store, closing(executor), document_progress("ingesting", stderr, total) as progress:

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
            raise _fail(str(error))
        except KeyboardInterrupt:
            raise _fail("interrupted; what was extracted is stored: run the same command again to resume", EXIT_INTERRUPTED)
    counts = report.counts
    stderr.print(
        plain(
            f"{counts.articles_stored} articles stored ({counts.incidents_stored} incidents), "
            f"{counts.articles_skipped} already stored, {counts.documents_failed} failed -> {store.url}"
        ),
        soft_wrap=True,
    )
    raise typer.Exit(EXIT_DOCUMENT_ERRORS if counts.documents_failed else EXIT_OK)


@app.command("errors")
def errors_command(
    db: str = DB_OPTION,
    output_format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="table, json or jsonl."),
) -> None:
    """List the documents that could not be read or extracted, with the reason and the last run that met them.

    [bold]Example[/bold]

      corroborate errors --db corpus.db --format jsonl
    """
    with _store_failures(), _open(db, create=False) as store:
        rows = [
            {"document": e.document, "reason": e.reason, "run_id": e.run_id, "recorded_at": e.recorded_at.isoformat()}
            for e in store.errors()
        ]
    if output_format == OutputFormat.jsonl:
        sys.stdout.writelines(json_text(row) + "\n" for row in rows)
    elif output_format == OutputFormat.json:
        print(json_text(rows, indent=2))
    else:
        table = Table("document", "reason", "run", "recorded at", title=f"{len(rows)} document errors")
        for row in rows:
            table.add_row(plain(row["document"]), plain(row["reason"]), str(row["run_id"]), row["recorded_at"][:19])
        Console(width=None if sys.stdout.isatty() else 200).print(table)


@app.command("export")
def export_command(
    db: str = DB_OPTION,
    export_format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f", help="jsonl (one article's extraction per line), csv or geojson."),
    schema: Optional[ExportSchema] = typer.Option(None, "--schema", help="CSV columns: acled (default) or ucdp (violent incidents only). See docs/export.md."),
    linked: bool = typer.Option(False, "--linked", help="Linked incidents (reports of one event grouped, figures reconciled) instead of articles: jsonl or csv."),
) -> None:
    """Write the stored incidents to standard output.

    [bold]Examples[/bold]

      corroborate export --db corpus.db > extractions.jsonl
      corroborate export --db corpus.db --format csv --schema ucdp > ged.csv
      corroborate export --db corpus.db --format geojson > incidents.geojson
      corroborate export --db corpus.db --linked > linked.jsonl
    """
    from corroborate.store.export import export, export_linked

    if schema is not None and (export_format != ExportFormat.csv or linked):
        raise _fail("--schema applies to --format csv of articles' incidents only")
    if linked and export_format == ExportFormat.geojson:
        raise _fail("--linked exports jsonl or csv")
    with _store_failures(), _open(db, create=False) as store:
        try:
            if linked:
                from corroborate.store.linking import update_links

                update_links(store)
                export_linked(store, sys.stdout, export_format)
            else:
                export(store, sys.stdout, export_format, schema or ExportSchema.acled)
            sys.stdout.flush()
        except BrokenPipeError:  # `corroborate export | head`: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

