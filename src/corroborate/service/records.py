"""Records out as JSON: the one JSON and JSON Lines writer of every command and export.

A record is a documented contract record (docs/schema.md: Extraction,
LinkedIncident, ClaimCheck, Credibility) or, at the edges, a plain dict (a
stored document error). Text goes through `output.json_text` (`</` escaped).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from pydantic import BaseModel

from corroborate.output import json_text

if TYPE_CHECKING:
    from corroborate.store.database import Store, StoredError


def record_json(record: Any) -> Any:
    """The JSON value of a record: a pydantic record as documented, a dict as it is."""
    return record.model_dump(mode="json") if isinstance(record, BaseModel) else record


def write_jsonl(records: Iterable[Any], out: TextIO) -> int:
    """One JSON line per record, each flushed as it is written (a pipe reads a stream); the count written."""
    written = 0
    for record in records:
        out.write(json_text(record_json(record)) + "\n")
        out.flush()
        written += 1
    return written


def write_json(records: Iterable[Any], out: TextIO, *, one_as_object: bool = False) -> int:
    """A JSON list of the records (indented); with `one_as_object` a single record is written as itself."""
    values = [record_json(record) for record in records]
    payload = values[0] if one_as_object and len(values) == 1 else values
    out.write(json_text(payload, indent=2) + "\n")
    return len(values)


def error_record(error: "StoredError") -> dict:
    return {"document": error.document, "reason": error.reason, "run_id": error.run_id, "recorded_at": error.recorded_at.isoformat()}


def stored_errors(store: "Store") -> Iterator[dict]:
    """The documents that could not be read or extracted, with the reason and the last run that met them."""
    return (error_record(error) for error in store.errors())
