"""PLOVER's political event types (data/plover.toml): their modes, quad class, score and ACLED type.

One table for the political-event extractor, the store's actor network and bench/political.py.
Light: no spaCy, no extraction module.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from typing import Optional

from corroborate.models import Actor, Claim, Incident
from corroborate.package_data import data_file

__all__ = ["EventType", "acled_type", "event_claim", "event_type", "label", "names", "parties", "table"]


@dataclass(frozen=True)
class EventType:
    name: str
    quad: str
    score: int = field(metadata={"doc": "cooperation (+) to conflict (-)"})
    acled: tuple[str, str]
    modes: tuple[str, ...] = ()
    acled_by_mode: dict[str, tuple[str, str]] = field(default_factory=dict)


@cache
def table() -> dict[str, EventType]:
    raw = tomllib.loads(data_file("plover.toml").read_text(encoding="utf-8"))
    return {
        name: EventType(
            name=name,
            quad=row["quad"],
            score=row["score"],
            acled=tuple(row["acled"]),
            modes=tuple(row.get("modes", [])) + tuple(row.get("project_modes", [])),
            acled_by_mode={mode: tuple(pair) for mode, pair in row.get("acled_by_mode", {}).items()},
        )
        for name, row in raw.items()
    }


def names() -> tuple[str, ...]:
    return tuple(table())


def event_type(name: str) -> EventType:
    try:
        return table()[name]
    except KeyError:
        raise ValueError(f"unknown PLOVER event type {name!r} (known: {', '.join(names())})") from None


def acled_type(name: str, mode: Optional[str] = None) -> tuple[str, str]:
    """The ACLED (event type, sub-event type) a political event of this PLOVER type and mode maps to."""
    entry = event_type(name)
    return entry.acled_by_mode.get(mode or "", entry.acled)


# ---------------------------------------------------------------------- political incidents as shown


def event_claim(incident: Incident) -> Optional[Claim]:
    """The claim behind a political event (field `plover_type`): who says it happened, how firmly, where."""
    return next((claim for claim in incident.claims if claim.field == "plover_type"), None)


def parties(incident: Incident) -> tuple[list[Actor], list[Actor]]:
    """A political event's actors and recipients ("the US [actor] arms the rebels [recipient]"), as listed."""
    return [a for a in incident.actors if a.role == "actor"], [a for a in incident.actors if a.role == "recipient"]


def label(incident: Incident) -> str:
    """'AID (arms)', 'REJECT': the type and mode as tables, exports and pages name a political event."""
    if incident.plover_type is None:
        return ""
    return f"{incident.plover_type} ({incident.plover_mode})" if incident.plover_mode else incident.plover_type
