"""Defaults and choices of the storage commands, importable without loading SQLAlchemy (keeps `corroborate --help` fast)."""

from __future__ import annotations

from enum import Enum

DEFAULT_DATABASE = "corroborate.db"
"""A SQLite file in the working directory."""

DEFAULT_BATCH_SIZE = 64
"""Documents per transaction: at most this much extraction is redone after a crash."""


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


class ExportSchema(str, Enum):
    acled = "acled"
    ucdp = "ucdp"
