"""Each source's figures in the stored linked incidents set against a reference dataset (corroborate.check)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from corroborate.check import DEFAULT_MAX_KM, DEFAULT_WINDOW_DAYS, ClaimCheck, ReferenceEvent, ReferenceIndex, check_linked
from corroborate.models import LinkedIncident
from corroborate.service.linked import linked_incidents_of, member_extractions
from corroborate.store.database import Store


def reference_checks(
    store: Store,
    reference: Sequence[ReferenceEvent] | ReferenceIndex,
    *,
    linked: Optional[list[LinkedIncident]] = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    max_km: float = DEFAULT_MAX_KM,
) -> list[ClaimCheck]:
    """The checks of the linked incidents (all stored ones unless given) against reference events already read.

    The reference is read by the caller (`corroborate.check.load_reference`),
    once: a server checks many requests against one `ReferenceIndex`.
    """
    linked = linked_incidents_of(store) if linked is None else linked
    return check_linked(linked, reference, member_extractions(store, linked), window_days=window_days, max_km=max_km)
