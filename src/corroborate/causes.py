"""Each cause of death corroborate extracts and what ACLED, the linker and FA-KES call it (data/causes.toml).

One table, read both ways: a cause's ACLED type and sub-event type, family and FA-KES label, and the causes an
ACLED sub-event type, a family or a FA-KES label stand for. Light: no spaCy, no extraction module.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Optional

from corroborate.package_data import data_file

__all__ = [
    "Cause",
    "acled_readings",
    "cause_of_acled",
    "causes_of_fakes",
    "causes_of_family",
    "event_types",
    "fakes_labels",
    "families",
    "priority",
    "sub_event_types",
    "table",
]


@dataclass(frozen=True)
class Cause:
    name: str
    event_type: Optional[str] = None
    sub_event_type: Optional[str] = None
    acled_reads: tuple[str, ...] = ()
    family: Optional[str] = None
    fakes: Optional[str] = None


@cache
def table() -> tuple[Cause, ...]:
    """Every cause, in priority order (the first of several named for one incident wins)."""
    raw = tomllib.loads(data_file("causes.toml").read_text(encoding="utf-8"))
    return tuple(Cause(**{**row, "acled_reads": tuple(row.get("acled_reads", ()))}) for row in raw["cause"])


def priority() -> tuple[str, ...]:
    return tuple(cause.name for cause in table())


def event_types() -> dict[str, str]:
    """Cause -> the ACLED event type it alone decides."""
    return {cause.name: cause.event_type for cause in table() if cause.event_type}


def sub_event_types(event_type: str) -> dict[str, str]:
    """Cause -> ACLED sub-event type, for the causes that decide `event_type`."""
    return {cause.name: cause.sub_event_type for cause in table() if cause.event_type == event_type and cause.sub_event_type}


def acled_readings() -> dict[str, str]:
    """ACLED sub-event type, lower case -> the cause it is read as."""
    return {sub_event.lower(): cause.name for cause in table() for sub_event in cause.acled_reads}


def cause_of_acled(sub_event_type: str) -> Optional[str]:
    return acled_readings().get(sub_event_type.lower())


def families() -> dict[str, str]:
    """Cause -> family: the causes an outlet may give for one blast or strike."""
    return {cause.name: cause.family for cause in table() if cause.family}


def causes_of_family(family: str) -> tuple[str, ...]:
    return tuple(cause.name for cause in table() if cause.family == family)


def fakes_labels() -> dict[str, str]:
    """Cause -> FA-KES cause_of_death label."""
    return {cause.name: cause.fakes for cause in table() if cause.fakes}


def causes_of_fakes(label: str) -> tuple[str, ...]:
    return tuple(cause.name for cause in table() if cause.fakes == label)
