"""`corroborate eval fakes`: extraction quality against annotated datasets."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from corroborate.cli.common import MODEL_OPTION, stderr
from corroborate.output import json_text

DEFAULT_GOLD_ERRORS = Path("bench/fakes_gold_errors.csv")


def fakes_command(
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
