"""Keep the stored linked incidents up to date with the stored incidents (SPEC §4: incremental).

Incidents already linked keep their linked incident; incidents ingested since
the last run join one of them or start a new one. `rebuild=True` forgets the
stored groups and links everything again (after changing `--threshold` or the linking model, say).

Work is bounded by the new incidents, not by the store: the unlinked incidents
are read a batch at a time, in date order; each batch reads only the stored
groups filed under its blocking keys (table `linked_keys`: place and toll keys
of the quarters within `DATE_HORIZON_DAYS`, at most `HOT_KEY_CLUSTERS` per
key), and only the groups that changed are written. What still grows with the
store is one pass over the incidents' key index to find the unlinked ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from corroborate.link import HOT_KEY_CLUSTERS, blocking_keys, filing_keys, link_groups
from corroborate.same_incident import report_of
from corroborate.store.database import PAGE_SIZE, Store

BATCH_SIZE = 1000
"""Unlinked incidents linked per step: memory follows this and the candidate groups, not the store."""


@dataclass(frozen=True)
class LinkUpdate:
    incidents_linked: int
    """Violent incidents that were not linked before this run."""
    linked_incidents_written: int
    """Linked incidents created or changed by this run."""
    linked_incidents_total: int


def update_links(
    store: Store,
    *,
    threshold: Optional[float] = None,
    rebuild: bool = False,
    batch_size: int = BATCH_SIZE,
) -> LinkUpdate:
    """Link the stored incidents that are not linked yet (all of them with `rebuild`) and store the result."""
    if rebuild:
        store.clear_links()
    unlinked = store.unlinked_refs()
    if not unlinked:
        return LinkUpdate(0, 0, store.count("linked_incidents"))
    if not rebuild:
        file_unfiled_groups(store)

    def article_text(article_id: str) -> Optional[str]:
        article = store.article(article_id)
        return article.text if article else None

    written: set[str] = set()
    for start in range(0, len(unlinked), batch_size):
        batch = store.incidents_of(unlinked[start : start + batch_size])
        lookup: set[str] = set()
        for extraction in batch:
            for incident in extraction.incidents:
                lookup |= blocking_keys(report_of(extraction, incident), lookup=True)
        existing = store.link_memberships(store.linked_ids_for_keys(lookup, per_key=HOT_KEY_CLUSTERS))
        groups = link_groups(
            [*store.incidents_of(existing), *batch], threshold=threshold, article_text=article_text, existing=existing, only_changed=True
        )
        store.save_linked_incidents([linked for linked, _ in groups], keys={linked.id: keys for linked, keys in groups})
        if not rebuild:
            written.update(linked.id for linked, _ in groups)
    incidents_linked = len(unlinked)
    total = store.count("linked_incidents")
    return LinkUpdate(incidents_linked, total if rebuild else len(written), total)


def file_unfiled_groups(store: Store) -> int:
    """File the stored groups under their blocking keys when none are (a store linked before keys were stored); returns how many."""
    if store.has_rows("linked_keys") or not store.has_rows("linked_incidents"):
        return 0
    filed, page = 0, []
    for linked_id in store.linked_ids():
        page.append(linked_id)
        if len(page) == PAGE_SIZE:
            filed += _file(store, page)
            page = []
    return filed + _file(store, page)


def _file(store: Store, linked_ids: list[str]) -> int:
    memberships = store.link_memberships(linked_ids)
    reports = {
        (extraction.article.id, incident.id): report_of(extraction, incident)
        for extraction in store.incidents_of(memberships)
        for incident in extraction.incidents
    }
    members: dict[str, list] = {linked_id: [] for linked_id in linked_ids}
    for ref, linked_id in memberships.items():
        if ref in reports:
            members[linked_id].append(reports[ref])
    store.save_linked_keys({linked_id: filing_keys(group) for linked_id, group in members.items()})
    return len(linked_ids)
