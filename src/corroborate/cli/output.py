"""The one output helper: every command's data goes to stdout through `emit`, in the `--format` asked for.

Records are written as the documented JSON contract (`service.records`);
`table` is the command's own Rich rendering, data printed as text
(`corroborate.output.plain`); csv and geojson are the export writers
(`corroborate.store.export`, formula cells neutralised). A reader that closes
the pipe early (`corroborate export | head`) ends the command quietly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any, Optional

from rich.console import Console

from corroborate.service.records import write_json, write_jsonl


def console(width: int = 200) -> Console:
    """The console tables print to: the terminal's width, or `width` when stdout is a pipe or a file."""
    return Console(width=None if sys.stdout.isatty() else width)


def emit(
    records: Iterable[Any],
    output_format: Enum | str,
    *,
    table: Optional[Callable[[Iterable[Any]], None]] = None,
    csv: Optional[tuple[list[str], Callable[[Any], dict]]] = None,
    one_as_object: bool = False,
) -> None:
    """Write the records to stdout: jsonl (streamed), json, csv (`csv`: the columns and a record's row),
    geojson (records are (article header, incident) pairs) or table (`table` prints them, as they come if it can).

    `one_as_object`: json of a single record is the record itself, not a list of one.
    """
    name = output_format.value if isinstance(output_format, Enum) else output_format
    try:
        if name == "jsonl":
            write_jsonl(records, sys.stdout)
        elif name == "json":
            write_json(records, sys.stdout, one_as_object=one_as_object)
        elif name == "csv" and csv is not None:
            from corroborate.store.export import write_csv

            columns, row = csv
            write_csv(map(row, records), sys.stdout, columns)
        elif name == "geojson":
            from corroborate.store.export import write_geojson

            write_geojson(records, sys.stdout)
        elif name == "table" and table is not None:
            table(records)
        else:
            raise ValueError(f"no {name} output for these records")
        sys.stdout.flush()
    except BrokenPipeError:  # `corroborate export | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
