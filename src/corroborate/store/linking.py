"""Keep the stored linked incidents up to date with the stored incidents (SPEC §4: incremental).

Incidents already linked keep their linked incident; incidents ingested since
the last run join one of them or start a new one. `rebuild=True` forgets the
stored groups and links everything again (after changing `--threshold` or the linking model, say).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from corroborate.link import link_incidents
from corroborate.store.database import Store


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
) -> LinkUpdate:
    """Link the stored incidents that are not linked yet (all of them with `rebuild`) and store the result."""
    pending = store.unlinked_incident_count()
    if not pending and not rebuild:
        return LinkUpdate(0, 0, store.count("linked_incidents"))
    existing = {} if rebuild else store.link_memberships()

    def article_text(article_id: str) -> Optional[str]:
        article = store.article(article_id)
        return article.text if article else None

    linked = link_incidents(
        store.extractions(), threshold=threshold, article_text=article_text, existing=existing, only_changed=not rebuild
    )
    written = store.save_linked_incidents(linked, replace_all=rebuild)
    incidents_linked = sum(len(incident.members) for incident in linked) if rebuild else pending
    return LinkUpdate(incidents_linked, written, store.count("linked_incidents"))
