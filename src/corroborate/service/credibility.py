"""Stored articles' credibility, with the stored linked incidents and any reference checks as evidence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Optional

from corroborate.check import ClaimCheck
from corroborate.credibility import Credibility, CredibilityModel, assess_credibility, linked_by_article
from corroborate.dictionaries import SourceRegistry
from corroborate.errors import NotFoundError
from corroborate.models import Article, Extraction, LinkedIncident
from corroborate.service.linked import linked_incidents_of
from corroborate.store.database import Store


def stored_articles(store: Store, wanted: Sequence[str] = ()) -> Iterator[tuple[Article, Extraction]]:
    """The stored articles named by article id or external id (all when none is named), with their extractions.

    An id that names no stored article is a NotFoundError naming it, raised before any article is given.
    """
    if not wanted:
        for extraction in store.extractions():
            article = store.article(extraction.article.id)
            if article is not None:
                yield article, extraction
        return
    present = store.stored_ids(wanted)
    by_external: dict[str, str] = {}
    if any(w not in present for w in wanted):
        by_external = store.ids_by_external_id(w for w in wanted if w not in present)
        unknown = [w for w in wanted if w not in present and w not in by_external]
        if unknown:
            raise NotFoundError(f"no stored article {', '.join(unknown)}: give article ids or external ids from `corroborate export`")
    for article_id in (w if w in present else by_external[w] for w in wanted):
        article, stored = store.article(article_id), store.extraction(article_id)
        if article is not None and stored is not None:
            yield article, stored


def article_credibility(
    store: Store,
    article_ids: Sequence[str] = (),
    *,
    linked: Optional[list[LinkedIncident]] = None,
    checks: Iterable[ClaimCheck] = (),
    registry: Optional[SourceRegistry] = None,
    model: Optional[CredibilityModel] = None,
) -> list[Credibility]:
    """The credibility of the named stored articles (all when none is named), in the order named.

    `linked`: the linked incidents to weigh consistency with (default: the
    stored ones, as they are); `checks`: reference checks of any articles
    (`service.reference_checks`), each article weighing its own.
    """
    linked = linked_incidents_of(store) if linked is None else linked
    incidents_of = linked_by_article(linked)
    checks_by_article: dict[str, list[ClaimCheck]] = defaultdict(list)
    for check in checks:
        checks_by_article[check.article_id].append(check)
    return [
        assess_credibility(
            article.text,
            extraction,
            registry=registry,
            linked=incidents_of.get(article.id, []),
            checks=checks_by_article[article.id],
            model=model,
        )
        for article, extraction in stored_articles(store, article_ids)
    ]
