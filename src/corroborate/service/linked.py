"""Linked incidents as stored, the state of the links, and `link`, the one step that writes them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from corroborate.models import Extraction, LinkedIncident
from corroborate.store.database import Store

if TYPE_CHECKING:
    from corroborate.store.linking import LinkUpdate


@dataclass(frozen=True)
class LinkState:
    """Whether the stored links cover every stored incident; reads answer from them either way."""

    unlinked_incidents: int
    """Violent incidents ingested since the last `corroborate link` and not in any linked incident."""
    stale: bool


def link_state(store: Store) -> LinkState:
    unlinked = store.unlinked_incident_count()
    return LinkState(unlinked_incidents=unlinked, stale=unlinked > 0)


def link(store: Store, threshold: Optional[float] = None, rebuild: bool = False) -> "LinkUpdate":
    """Link the incidents not linked yet (every incident with `rebuild`) and store the result: the only write here.

    The linker is imported here: a read (a page, `show`) does not load it.
    """
    from corroborate.store.linking import update_links

    return update_links(store, threshold=threshold, rebuild=rebuild)


def linked_incidents_of(store: Store, min_articles: int = 1) -> list[LinkedIncident]:
    """The stored linked incidents in date order, as they are: nothing is linked on the way."""
    return list(store.linked_incidents(min_articles=min_articles))


def linked_incident(store: Store, linked_id: str) -> Optional[LinkedIncident]:
    return store.linked_incident(linked_id)


def member_extractions(store: Store, linked: Iterable[LinkedIncident]) -> dict[str, Extraction]:
    """The extractions of the articles in the linked incidents, by article id (reference checks read their victims)."""
    return store.extractions_of(member.article_id for incident in linked for member in incident.members)
