"""`corroborate gazetteer import`: the places corroborate knows."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from corroborate.cli.common import EXIT_DOCUMENT_ERRORS, fail, stderr
from corroborate.errors import DocumentError
from corroborate.output import plain


def import_command(
    dump: Path = typer.Argument(..., exists=True, dir_okay=False, help="A GeoNames dump: XX.txt, allCountries.txt, or its .zip."),
    output: Optional[Path] = typer.Option(None, "--output", help="Where to write (default: the user gazetteer, merged automatically)."),
    countries: Optional[str] = typer.Option(None, "--countries", help="Comma-separated ISO codes to keep, e.g. SY,IQ."),
) -> None:
    """Add every place of a GeoNames dump to the gazetteer (for villages the bundled one lacks).

    [bold]Example[/bold]

      corroborate gazetteer import SY.zip
    """
    from corroborate.gazetteer import user_gazetteer_path
    from corroborate.gazetteer.geonames import import_geonames

    wanted = [c.strip().upper() for c in countries.split(",")] if countries else None
    try:
        count = import_geonames(dump, output, wanted)
    except DocumentError as error:
        raise fail(error, EXIT_DOCUMENT_ERRORS)
    stderr.print(plain(f"imported {count} places into {output or user_gazetteer_path()}"), soft_wrap=True)
