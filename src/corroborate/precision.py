"""The precision codes of ACLED and UCDP GED against corroborate's precisions (data/precision.toml), both ways."""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from corroborate.package_data import data_file

__all__ = ["read", "write"]


@cache
def _table() -> dict[str, Any]:
    return tomllib.loads(data_file("precision.toml").read_text(encoding="utf-8"))


def write(dataset: str, field: str) -> dict[str, int]:
    """corroborate's precision value -> the dataset's code, for export (write("acled", "geo_precision"))."""
    return dict(_table()[dataset][field]["write"])


def read(dataset: str, field: str) -> dict[str, str]:
    """The dataset's code, as written in its files ("3") -> the precision value corroborate reads it as."""
    return dict(_table()[dataset][field]["read"])
