"""`corroborate extract`: articles in, their incidents out, nothing stored."""

from __future__ import annotations

from typing import Iterator, Optional

import typer

from corroborate.cli.common import EXIT_DOCUMENT_ERRORS, EXIT_OK, FORMAT_OPTION, MODEL_OPTION, TIMEOUT_OPTION, ErrorCounter, fail
from corroborate.cli.output import console, emit
from corroborate.errors import ConfigurationError, DocumentError
from corroborate.loading import collector_paused
from corroborate.models import Article
from corroborate.output import OutputFormat, print_tables


def read_inputs(paths: list[str], errors: ErrorCounter) -> Iterator[Article]:
    """Articles from every path ("-" is standard input); bad documents are reported and skipped."""
    from corroborate.ingest import read_path

    for path in paths:
        for item in read_path(path):
            if isinstance(item, DocumentError):
                errors.report(item)
            else:
                yield item


def extract_command(
    paths: list[str] = typer.Argument(..., help="Files, directories, CSV/JSONL corpora, or - for standard input."),
    output_format: OutputFormat = FORMAT_OPTION,
    model: Optional[str] = MODEL_OPTION,
    timeout: float = TIMEOUT_OPTION,
) -> None:
    """Extract the incidents of each article.

    [bold]Examples[/bold]

      corroborate extract examples/*.txt
      corroborate extract story.html --format json
      corroborate extract corpus.csv --format jsonl > incidents.jsonl
      cat story.txt | corroborate extract - --format json
    """
    with collector_paused():  # spaCy and the rule modules: a second of imports, kept for the life of the process
        from corroborate.extract.pipeline import extract_articles

    errors = ErrorCounter()
    try:
        extractions = extract_articles(
            read_inputs(paths, errors), model=model, timeout=timeout or None, on_error=lambda article, error: errors.report(error)
        )
        emit(extractions, output_format, table=lambda rows: print_tables(rows, console(160)), one_as_object=True)
    except ConfigurationError as error:
        raise fail(str(error))
    raise typer.Exit(EXIT_DOCUMENT_ERRORS if errors.count else EXIT_OK)
