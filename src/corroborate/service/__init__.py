"""The one read layer under every interface (the CLI, the web UI): what a command or a page shows.

`corroborate.service.queries` lists and shows what the web serves (filtered
lists paged by keyset, one article, linked incident or actor with its context);
`corroborate.service.network` the actor network (`corroborate network`, /network).

Reads never write: every function here only reads the store, except `link`,
the explicit write step (`corroborate link`, `corroborate ingest --link`).
A read on a store whose links are stale (`link_state(store).stale`: incidents
ingested and not linked yet) answers from what is stored; the caller says so.

Names are imported on first use, as in `corroborate.store`, so that the CLI's
`--help` does not load SQLAlchemy or the linker.
"""

from __future__ import annotations

from corroborate.loading import lazy_exports

_EXPORTS = {
    "LinkState": "corroborate.service.linked",
    "link": "corroborate.service.linked",
    "link_state": "corroborate.service.linked",
    "linked_incident": "corroborate.service.linked",
    "linked_incidents_of": "corroborate.service.linked",
    "member_extractions": "corroborate.service.linked",
    "reference_checks": "corroborate.service.checks",
    "article_credibility": "corroborate.service.credibility",
    "stored_articles": "corroborate.service.credibility",
    "NetworkFilter": "corroborate.service.network",
    "actor_network": "corroborate.service.network",
    "record_json": "corroborate.service.records",
    "stored_errors": "corroborate.service.records",
    "write_json": "corroborate.service.records",
    "write_jsonl": "corroborate.service.records",
}

__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
