"""Filtered lists of incidents, linked incidents, articles and actors, paged by keyset; one record with its context.

Every list is newest first and pages by keyset on indexed columns (revision
0005): the page after a cursor costs one index range, the same for the first
page as for the thousandth, and no list counts its rows unless asked
(`total=True`). Undated records come after the dated ones. A text query (`q`)
is a substring search and may scan; the other filters use indexes or a probe
per candidate row. Reads never write.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlalchemy import Column, ColumnElement, Select, and_, exists, false, func, or_, select, tuple_

from corroborate import plover
from corroborate.models import Article, ArticleHeader, Claim, Extraction, Incident, LinkedIncident
from corroborate.store import schema
from corroborate.store.database import Store, plain_rows

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_QUERY_CHARS = 200


class QueryError(ValueError):
    """A filter or cursor that cannot be used; the message says which and why."""


class IncidentFilter(BaseModel):
    """What a list is narrowed to; every field is optional and they combine with AND."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date_from: Optional[dt.date] = Field(None, description="Incidents starting on or after this day (articles: published).")
    date_to: Optional[dt.date] = Field(None, description="Incidents starting on or before this day.")
    event_type: Optional[str] = Field(None, description="ACLED event type, e.g. 'Explosions/Remote violence'.")
    plover_type: Optional[str] = Field(None, description="A political event's PLOVER type, e.g. 'AID' (political events only).")
    violent: Optional[bool] = Field(None, description="True: violent incidents only; False: political (non-violent) events only.")
    cause: Optional[str] = Field(None, description="airstrike, shelling, car bomb, ...")
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-2 code.")
    admin1: Optional[str] = Field(None, description="First-level division as stored, e.g. 'Idlib'.")
    actor: Optional[str] = Field(None, description="Canonical actor name (as on the actors list).")
    outlet: Optional[str] = Field(None, description="Outlet as stored on the article.")
    language: Optional[str] = Field(None, description="ISO 639-1 code of the article.")
    q: Optional[str] = Field(None, max_length=MAX_QUERY_CHARS, description="Words in the summary, place or title (substring, any case).")
    bbox: Optional[tuple[float, float, float, float]] = Field(None, description="west, south, east, north in degrees.")

    @field_validator("event_type", "plover_type", "cause", "country", "admin1", "actor", "outlet", "language", "q", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    @field_validator("plover_type")
    @classmethod
    def _plover_type(cls, value: Optional[str]) -> Optional[str]:
        if value is None:
            return value
        if value.upper() not in plover.names():
            raise ValueError(f"unknown PLOVER type {value} (known: {', '.join(plover.names())})")
        return value.upper()

    @field_validator("violent", mode="before")
    @classmethod
    def _blank_violent(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("country")
    @classmethod
    def _country_code(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and (len(value) != 2 or not value.isalpha()):
            raise ValueError("country is a two-letter ISO code, e.g. SY")
        return value.upper() if value else value

    @field_validator("bbox", mode="before")
    @classmethod
    def _bbox_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            if not value.strip():
                return None
            parts = value.split(",")
            if len(parts) != 4:
                raise ValueError("bbox is west,south,east,north")
            try:
                return tuple(float(part) for part in parts)
            except ValueError:
                raise ValueError("bbox is four numbers: west,south,east,north") from None
        return value

    @model_validator(mode="after")
    def _consistent(self) -> "IncidentFilter":
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from is after date_to")
        if self.bbox is not None:
            west, south, east, north = self.bbox
            if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
                raise ValueError("bbox needs -180 <= west, east <= 180 and -90 <= south <= north <= 90")
        return self

    def params(self) -> dict[str, str]:
        """The filter as query parameters (for links to the next page or to an export of the same list)."""
        out: dict[str, str] = {}
        for name, value in self.model_dump(exclude_none=True).items():
            if name == "bbox":
                out[name] = ",".join(f"{v:g}" for v in value)
            else:
                out[name] = str(value).lower() if isinstance(value, bool) else str(value)
        return out

    def is_empty(self) -> bool:
        return not self.params()


@dataclass
class Page(Generic[T]):
    items: list[T]
    next_cursor: Optional[str]
    total: Optional[int] = None


@dataclass(frozen=True)
class IncidentRow:
    """One stored incident with its article's header and the linked incident it belongs to (if linked)."""

    article: ArticleHeader
    incident: Incident
    linked_id: Optional[str] = None


@dataclass(frozen=True)
class ArticleRow:
    article: ArticleHeader
    incidents: int


@dataclass(frozen=True)
class EvidenceSpan:
    """Where in the article text a claim's value was read."""

    incident_id: str
    claim: int
    field: str
    value: str | int | None
    source: str
    certainty: str
    start: int
    end: int
    sentence: str

    @property
    def key(self) -> str:
        return f"{self.incident_id}-{self.claim}"


@dataclass(frozen=True)
class ArticleView:
    article: Article
    extraction: Extraction
    spans: list[EvidenceSpan]
    linked_ids: dict[str, str]
    """incident id -> the linked incident it belongs to."""
    misplaced: list[EvidenceSpan] = field(default_factory=list)
    """Claims whose offsets do not point into the text (shown, not highlighted)."""


@dataclass(frozen=True)
class LinkedView:
    linked: LinkedIncident
    extractions: dict[str, Extraction]
    """Member article id -> its extraction (headers for titles; victims breakdowns for checks)."""


@dataclass(frozen=True)
class ActorSummary:
    name: str
    type: str
    incidents: int


@dataclass(frozen=True)
class ActorView:
    name: str
    types: dict[str, int]
    roles: dict[str, int]
    outlets: list[tuple[Optional[str], int]]
    co_actors: list[tuple[str, int]]
    incidents: Page[IncidentRow]


@dataclass(frozen=True)
class OutletSummary:
    outlet: Optional[str]
    articles: int
    first_published: Optional[dt.date]
    last_published: Optional[dt.date]


@dataclass(frozen=True)
class MapPoint:
    """What a map marker needs of an incident, read straight from the tables (no full record)."""

    article_id: str
    incident_id: str
    date_start: Optional[dt.date]
    event_type: str
    cause: str
    location: Optional[str]
    lat: float
    lon: float
    killed: Optional[int]
    title: Optional[str]
    outlet: Optional[str]
    plover_type: Optional[str] = None
    plover_mode: Optional[str] = None


@dataclass(frozen=True)
class TimelineBucket:
    start: dt.date
    end: dt.date
    counts: dict[str, int]


# ---------------------------------------------------------------------- cursors


def encode_cursor(values: Sequence[Any]) -> str:
    """An opaque, URL-safe cursor for the keys of the last row of a page."""
    plain = [value.isoformat() if isinstance(value, dt.date) else value for value in values]
    return base64.urlsafe_b64encode(json.dumps(plain, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, kinds: Sequence[type]) -> list[Any]:
    """The keys in a cursor, checked against `kinds` (dt.date, str); a QueryError when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise QueryError("the cursor `after` is not one this server gave; start again from the first page") from None
    if not isinstance(values, list) or len(values) != len(kinds):
        raise QueryError("the cursor `after` is not one this server gave; start again from the first page")
    decoded: list[Any] = []
    for value, kind in zip(values, kinds):
        if value is None and kind is dt.date:
            decoded.append(None)
        elif kind is dt.date and isinstance(value, str):
            try:
                decoded.append(dt.date.fromisoformat(value))
            except ValueError:
                raise QueryError("the cursor `after` holds a date that is not one") from None
        elif kind is str and isinstance(value, str):
            decoded.append(value)
        else:
            raise QueryError("the cursor `after` is not one this server gave; start again from the first page")
    return decoded


def _before(keys: Sequence[ColumnElement], values: Sequence[Any]) -> ColumnElement[bool]:
    """Rows that come after `values` in descending `keys` order (the redundant `<=` lets SQLite seek the index)."""
    key, *other_keys = keys
    value, *other_values = values
    if not other_keys:
        return key < value
    return and_(key <= value, or_(key < value, and_(key == value, _before(other_keys, other_values))))


def _keyset_page(
    store: Store,
    query: Select,
    date_column: ColumnElement,
    id_columns: Sequence[ColumnElement],
    after: Optional[str],
    limit: int,
) -> tuple[list[Any], Optional[str]]:
    """Rows of `query` newest first by `date_column` then `id_columns` descending, undated rows last.

    Two index ranges, dated then undated, each a keyset; returns the rows and the cursor of the next page.
    """
    limit = max(1, min(limit, MAX_LIMIT))
    kinds = [dt.date, *[str] * len(id_columns)]
    cursor = decode_cursor(after, kinds) if after else None
    order_dated = [date_column.desc(), *(c.desc() for c in id_columns)]
    order_undated = [c.desc() for c in id_columns]
    rows: list[Any] = []
    with store.engine.connect() as connection:
        if cursor is None or cursor[0] is not None:
            dated = query.where(date_column.is_not(None))
            if cursor is not None:
                dated = dated.where(_before([date_column, *id_columns], cursor))
            rows.extend(connection.execute(dated.order_by(*order_dated).limit(limit + 1)).all())
        if len(rows) <= limit:
            undated = query.where(date_column.is_(None))
            if cursor is not None and cursor[0] is None:
                undated = undated.where(_before(list(id_columns), cursor[1:]))
            rows.extend(connection.execute(undated.order_by(*order_undated).limit(limit + 1 - len(rows))).all())
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor([last[0], *last[1 : 1 + len(id_columns)]])
    return rows, next_cursor


def _count(store: Store, query: Select) -> int:
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(query.subquery())).scalar_one()


# ---------------------------------------------------------------------- filters


def _contains(column: ColumnElement, text: str) -> ColumnElement[bool]:
    return column.icontains(text, autoescape=True)


def _bbox(lat: ColumnElement, lon: ColumnElement, bbox: tuple[float, float, float, float]) -> ColumnElement[bool]:
    west, south, east, north = bbox
    longitude = lon.between(west, east) if west <= east else or_(lon >= west, lon <= east)  # across the antimeridian
    return and_(lat.between(south, north), longitude)


DENSE_ACTOR = 2000
"""Mentions above which an actor filter walks the list's index probing each incident, rather than sorting all the actor's incidents."""


def _actor_is_dense(store: Store, name: str) -> bool:
    a = schema.actors.c
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(schema.actors).where(a.name == name)).scalar_one() > DENSE_ACTOR


def _date_and_kind_terms(f: IncidentFilter, c) -> list[ColumnElement[bool]]:
    """The filter's terms on the columns incidents and linked incidents both have."""
    terms: list[ColumnElement[bool]] = []
    if f.date_from:
        terms.append(c.date_start >= f.date_from)
    if f.date_to:
        terms.append(c.date_start <= f.date_to)
    for name in ("event_type", "cause", "country", "admin1"):
        value = getattr(f, name)
        if value is not None:
            terms.append(c[name] == value)
    return terms


def _political_terms(f: IncidentFilter, c) -> list[ColumnElement[bool]]:
    """The filter's terms on what only incidents have: the PLOVER type, violent or political."""
    terms: list[ColumnElement[bool]] = []
    if f.plover_type is not None:
        terms.append(c.plover_type == f.plover_type)
    if f.violent is not None:
        terms.append(c.violent.is_(f.violent))
    return terms


def _incident_conditions(
    f: IncidentFilter, incidents=schema.incidents, articles=schema.articles, *, dense_actor: bool = False
) -> tuple[list[ColumnElement[bool]], bool]:
    """WHERE terms on incidents (and articles); whether the articles table is needed."""
    c = incidents.c
    terms = _date_and_kind_terms(f, c) + _political_terms(f, c)
    needs_article = False
    if f.actor:
        a = schema.actors.c
        if dense_actor:  # a probe by primary key per incident in list order finds a page soon; `|| ''` keeps SQLite off the name index
            terms.append(exists().where(a.article_id == c.article_id, a.incident_id == c.incident_id, (a.name + "") == f.actor))
        else:  # the actor's few incidents from its name index, then sorted
            terms.append(tuple_(c.article_id, c.incident_id).in_(select(a.article_id, a.incident_id).where(a.name == f.actor)))
    if f.outlet:
        terms.append(articles.c.outlet == f.outlet)
        needs_article = True
    if f.language:
        terms.append(articles.c.language == f.language)
        needs_article = True
    if f.q:
        terms.append(
            or_(
                _contains(c.summary, f.q),
                _contains(c.location_name, f.q),
                _contains(c.location_text, f.q),
                _contains(articles.c.title, f.q),
            )
        )
        needs_article = True
    if f.bbox:
        terms.append(_bbox(c.lat, c.lon, f.bbox))
    return terms, needs_article


def _incident_query(f: IncidentFilter, *columns: ColumnElement, dense_actor: bool = False) -> Select:
    incidents, articles = schema.incidents, schema.articles
    terms, needs_article = _incident_conditions(f, dense_actor=dense_actor)
    query = select(*columns)
    if needs_article:
        query = query.select_from(incidents.join(articles, articles.c.id == incidents.c.article_id))
    else:
        query = query.select_from(incidents)
    return query.where(*terms) if terms else query


# ---------------------------------------------------------------------- incidents


def list_incidents(
    store: Store, f: IncidentFilter = IncidentFilter(), *, limit: int = DEFAULT_LIMIT, after: Optional[str] = None, total: bool = False
) -> Page[IncidentRow]:
    """A page of incidents matching `f`, newest incident date first (undated last)."""
    c = schema.incidents.c
    dense_actor = bool(f.actor and _actor_is_dense(store, f.actor))
    query = _incident_query(f, c.date_start, c.article_id, c.incident_id, dense_actor=dense_actor)
    rows, next_cursor = _keyset_page(store, query, c.date_start, [c.article_id, c.incident_id], after, limit)
    refs = [(row[1], row[2]) for row in rows]
    if total:  # counted from the actor's index even when the page probes in list order
        count_query = _incident_query(f, c.article_id) if dense_actor else query
    return Page(incident_rows(store, refs), next_cursor, _count(store, count_query) if total else None)


def incident_rows(store: Store, refs: Sequence[tuple[str, str]]) -> list[IncidentRow]:
    """The incidents `refs` names, in that order, with their article headers and linked incident ids."""
    if not refs:
        return []
    article_ids = {article_id for article_id, _ in refs}
    found: dict[tuple[str, str], tuple[ArticleHeader, Incident]] = {}
    for extraction in store.incidents_of(refs):
        for incident in extraction.incidents:
            found[(extraction.article.id, incident.id)] = (extraction.article, incident)
    members = schema.linked_members
    query = select(members.c.article_id, members.c.incident_id, members.c.linked_id).where(members.c.article_id.in_(sorted(article_ids)))
    with store.engine.connect() as connection:
        linked = {(a, i): linked_id for a, i, linked_id in plain_rows(connection.execute(query))}
    return [IncidentRow(*found[ref], linked_id=linked.get(ref)) for ref in refs if ref in found]


def incident(store: Store, article_id: str, incident_id: str) -> Optional[IncidentRow]:
    rows = incident_rows(store, [(article_id, incident_id)])
    return rows[0] if rows else None


def map_points(store: Store, f: IncidentFilter = IncidentFilter(), *, limit: int = 5000) -> list[MapPoint]:
    """The newest `limit` incidents matching `f` that have coordinates, as map points: one query, no records built."""
    incidents, articles, casualties = schema.incidents, schema.articles, schema.casualties
    c = incidents.c
    dense_actor = bool(f.actor and _actor_is_dense(store, f.actor))
    terms, _ = _incident_conditions(f, dense_actor=dense_actor)
    killed = and_(casualties.c.article_id == c.article_id, casualties.c.incident_id == c.incident_id, casualties.c.kind == "killed")
    query = (
        select(
            c.article_id,
            c.incident_id,
            c.date_start,
            c.event_type,
            c.cause,
            func.coalesce(c.location_name, c.admin1),
            c.lat,
            c.lon,
            casualties.c.best,
            articles.c.title,
            articles.c.outlet,
            c.plover_type,
            c.plover_mode,
        )
        .select_from(incidents.join(articles, articles.c.id == c.article_id).outerjoin(casualties, killed))
        .where(c.lat.is_not(None), c.lon.is_not(None), *terms)
        .order_by(c.date_start.desc().nulls_last(), c.article_id.desc(), c.incident_id.desc())
        .limit(max(0, limit))
    )
    with store.engine.connect() as connection:
        return [MapPoint(*row) for row in plain_rows(connection.execute(query))]


def _every_page(list_page: Callable[[int, Optional[str]], Page[T]], limit: Optional[int], page_size: int) -> Iterator[T]:
    """The items of `list_page(size, after)` page after page, up to `limit` (for streamed exports)."""
    after: Optional[str] = None
    left = limit
    while left is None or left > 0:
        page = list_page(page_size if left is None else min(page_size, left), after)
        yield from page.items
        if left is not None:
            left -= len(page.items)
        if page.next_cursor is None:
            return
        after = page.next_cursor


def iter_incidents(
    store: Store, f: IncidentFilter = IncidentFilter(), *, limit: Optional[int] = None, page_size: int = MAX_LIMIT
) -> Iterator[IncidentRow]:
    """Every incident matching `f` in list order, a page at a time."""
    return _every_page(lambda size, after: list_incidents(store, f, limit=size, after=after), limit, page_size)


# ---------------------------------------------------------------------- linked incidents


def _linked_query(f: IncidentFilter, *columns: ColumnElement) -> Select:
    linked, members, incidents = schema.linked_incidents, schema.linked_members, schema.incidents
    c = linked.c
    terms = _date_and_kind_terms(f, c)
    if f.plover_type is not None or f.violent is False:  # only violent incidents are linked (docs/linking.md)
        terms.append(false())
    if f.bbox:
        terms.append(_bbox(c.lat, c.lon, f.bbox))
    member_filter = IncidentFilter(actor=f.actor, outlet=f.outlet, language=f.language, q=f.q)
    if not member_filter.is_empty():
        member_terms, needs_article = _incident_conditions(member_filter)
        joined = members.join(
            incidents, and_(incidents.c.article_id == members.c.article_id, incidents.c.incident_id == members.c.incident_id)
        )
        if needs_article:
            joined = joined.join(schema.articles, schema.articles.c.id == incidents.c.article_id)
        terms.append(exists(select(members.c.linked_id).select_from(joined).where(members.c.linked_id == c.id, *member_terms)))
    query = select(*columns).select_from(linked)
    return query.where(*terms) if terms else query


def list_linked_incidents(
    store: Store,
    f: IncidentFilter = IncidentFilter(),
    *,
    limit: int = DEFAULT_LIMIT,
    after: Optional[str] = None,
    total: bool = False,
    min_articles: int = 1,
) -> Page[LinkedIncident]:
    """A page of linked incidents matching `f` (any member matching the actor, outlet, language or text), newest first."""
    c = schema.linked_incidents.c
    query = _linked_query(f, c.date_start, c.id, c.record)
    if min_articles > 1:
        query = query.where(c.articles >= min_articles)
    rows, next_cursor = _keyset_page(store, query, c.date_start, [c.id], after, limit)
    items = [LinkedIncident.model_validate(row[2]) for row in rows]
    return Page(items, next_cursor, _count(store, query) if total else None)


def iter_linked_incidents(store: Store, f: IncidentFilter = IncidentFilter(), *, limit: Optional[int] = None) -> Iterator[LinkedIncident]:
    """Every linked incident matching `f` in list order, a page at a time."""
    return _every_page(lambda size, after: list_linked_incidents(store, f, limit=size, after=after), limit, MAX_LIMIT)


def linked_view(store: Store, linked_id: str) -> Optional[LinkedView]:
    linked = store.linked_incident(linked_id)
    if linked is None:
        return None
    return LinkedView(linked, store.extractions_of(member.article_id for member in linked.members))


def linked_incidents_of_article(store: Store, article_id: str) -> list[LinkedIncident]:
    members = schema.linked_members
    with store.engine.connect() as connection:
        ids: list[str] = sorted(set(connection.scalars(select(members.c.linked_id).where(members.c.article_id == article_id))))
    return [linked for linked in map(store.linked_incident, ids) if linked is not None]


# ---------------------------------------------------------------------- articles


_HEADER_COLUMNS = [schema.articles.c[name] for name in ArticleHeader.model_fields]


def list_articles(
    store: Store, f: IncidentFilter = IncidentFilter(), *, limit: int = DEFAULT_LIMIT, after: Optional[str] = None, total: bool = False
) -> Page[ArticleRow]:
    """A page of articles, newest published first; incident filters keep articles with a matching incident."""
    articles, incidents = schema.articles, schema.incidents
    c = articles.c
    terms: list[ColumnElement[bool]] = []
    if f.date_from:
        terms.append(c.published >= f.date_from)
    if f.date_to:
        terms.append(c.published <= f.date_to)
    if f.outlet:
        terms.append(c.outlet == f.outlet)
    if f.language:
        terms.append(c.language == f.language)
    if f.q:
        terms.append(or_(_contains(c.title, f.q), _contains(c.text, f.q)))
    incident_filter = IncidentFilter(
        event_type=f.event_type,
        plover_type=f.plover_type,
        violent=f.violent,
        cause=f.cause,
        country=f.country,
        admin1=f.admin1,
        actor=f.actor,
        bbox=f.bbox,
    )
    if not incident_filter.is_empty():
        incident_terms, _ = _incident_conditions(incident_filter)
        terms.append(exists().where(incidents.c.article_id == c.id, *incident_terms))
    query = select(c.published, c.id).where(*terms) if terms else select(c.published, c.id)
    rows, next_cursor = _keyset_page(store, query, c.published, [c.id], after, limit)
    ids = [row[1] for row in rows]
    items: list[ArticleRow] = []
    if ids:
        with store.engine.connect() as connection:
            headers = {row["id"]: row for row in connection.execute(select(*_HEADER_COLUMNS).where(c.id.in_(ids))).mappings()}
            counts: dict[str, int] = dict(
                plain_rows(
                    connection.execute(
                        select(incidents.c.article_id, func.count()).where(incidents.c.article_id.in_(ids)).group_by(incidents.c.article_id)
                    )
                )
            )
        items = [ArticleRow(ArticleHeader(**headers[i]), counts.get(i, 0)) for i in ids if i in headers]
    return Page(items, next_cursor, _count(store, query) if total else None)


def article_view(store: Store, article_id: str) -> Optional[ArticleView]:
    """The article with its extraction and, for every claim, where its evidence is in the text."""
    article = store.article(article_id)
    extraction = store.extraction(article_id) if article is not None else None
    if article is None or extraction is None:
        return None
    spans: list[EvidenceSpan] = []
    misplaced: list[EvidenceSpan] = []
    for incident in extraction.incidents:
        for number, claim in enumerate(incident.claims):
            span = _evidence_span(incident.id, number, claim)
            placed = 0 <= span.start < span.end <= len(article.text)
            (spans if placed else misplaced).append(span)
    members = schema.linked_members
    with store.engine.connect() as connection:
        linked_ids: dict[str, str] = dict(
            plain_rows(connection.execute(select(members.c.incident_id, members.c.linked_id).where(members.c.article_id == article_id)))
        )
    return ArticleView(article, extraction, sorted(spans, key=lambda s: (s.start, s.end)), linked_ids, misplaced)


def _evidence_span(incident_id: str, number: int, claim: Claim) -> EvidenceSpan:
    return EvidenceSpan(
        incident_id=incident_id,
        claim=number,
        field=claim.field,
        value=claim.value,
        source=claim.source,
        certainty=claim.certainty.value,
        start=claim.evidence.start,
        end=claim.evidence.end,
        sentence=claim.evidence.sentence,
    )


# ---------------------------------------------------------------------- actors, outlets, timeline


def actors(store: Store, *, prefix: Optional[str] = None, limit: int = DEFAULT_LIMIT, after: Optional[str] = None) -> Page[ActorSummary]:
    """Actor names in name order with the type most often given and the incidents naming them."""
    a = schema.actors.c
    limit = max(1, min(limit, MAX_LIMIT))
    query = select(a.name, a.type, func.count().label("mentions")).group_by(a.name, a.type)
    if prefix:
        query = query.where(a.name.istartswith(prefix, autoescape=True))
    if after:
        (last,) = decode_cursor(after, [str])
        query = query.where(a.name > last)
    grouped: dict[str, Counter] = defaultdict(Counter)
    names: list[str] = []
    with store.engine.connect() as connection:
        # Names in order; one name's types are adjacent, so reading until limit+1 names have been seen is enough.
        for name, kind, mentions in plain_rows(connection.execute(query.order_by(a.name, a.type))):
            if name not in grouped:
                if len(names) == limit + 1:
                    break
                names.append(name)
            grouped[name][kind] += mentions
    next_cursor = encode_cursor([names[limit - 1]]) if len(names) > limit else None
    items = [ActorSummary(name, grouped[name].most_common(1)[0][0], sum(grouped[name].values())) for name in names[:limit]]
    return Page(items, next_cursor)


def actor_view(store: Store, name: str, *, limit: int = DEFAULT_LIMIT, after: Optional[str] = None) -> Optional[ActorView]:
    """The incidents naming an actor (paged), the outlets that name it, its roles and the actors named with it."""
    a = schema.actors.c
    with store.engine.connect() as connection:
        kinds = connection.execute(select(a.type, a.role, func.count()).where(a.name == name).group_by(a.type, a.role)).all()
        if not kinds:
            return None
        incident_key = select(a.article_id, a.incident_id).where(a.name == name).distinct().subquery()
        outlets = connection.execute(
            select(schema.articles.c.outlet, func.count(func.distinct(schema.articles.c.id)))
            .join(incident_key, incident_key.c.article_id == schema.articles.c.id)
            .group_by(schema.articles.c.outlet)
            .order_by(func.count(func.distinct(schema.articles.c.id)).desc(), schema.articles.c.outlet)
        ).all()
        other = schema.actors.alias("other")
        co_actors = connection.execute(
            select(other.c.name, func.count())
            .join(incident_key, and_(incident_key.c.article_id == other.c.article_id, incident_key.c.incident_id == other.c.incident_id))
            .where(other.c.name != name)
            .group_by(other.c.name)
            .order_by(func.count().desc(), other.c.name)
            .limit(20)
        ).all()
    types: Counter = Counter()
    roles: Counter = Counter()
    for kind, role, count in plain_rows(kinds):
        types[kind] += count
        roles[role] += count
    page = list_incidents(store, IncidentFilter(actor=name), limit=limit, after=after, total=after is None)
    return ActorView(
        name,
        dict(types.most_common()),
        dict(roles.most_common()),
        [tuple(row) for row in plain_rows(outlets)],
        [tuple(row) for row in plain_rows(co_actors)],
        page,
    )


def outlets(store: Store) -> list[OutletSummary]:
    """Every outlet with its stored articles and the span of their publication days, most articles first."""
    c = schema.articles.c
    query = select(c.outlet, func.count(), func.min(c.published), func.max(c.published)).group_by(c.outlet)
    with store.engine.connect() as connection:
        rows = list(plain_rows(connection.execute(query)))
    return sorted((OutletSummary(*row) for row in rows), key=lambda o: (-o.articles, o.outlet or ""))


def facet_values(store: Store) -> dict[str, list[str]]:
    """The event types, PLOVER types, causes, countries and languages present (for the filter menus)."""
    incidents, articles = schema.incidents.c, schema.articles.c
    with store.engine.connect() as connection:

        def distinct(column: Column[str]) -> list[str]:
            return sorted(value for value in connection.scalars(select(column).distinct()) if value)

        return {
            "event_type": distinct(incidents.event_type),
            "plover_type": distinct(incidents.plover_type),
            "cause": distinct(incidents.cause),
            "country": distinct(incidents.country),
            "language": distinct(articles.language),
        }


Bucket = Literal["day", "week", "month", "year"]
BUCKETS: tuple[Bucket, ...] = ("day", "week", "month", "year")
MAX_BARS = 180
"""An "auto" timeline takes the finest bucket that shows the whole span in this many bars or fewer."""


def _bucket_span(day: dt.date, bucket: Bucket) -> tuple[dt.date, dt.date]:
    if bucket == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if bucket == "month":
        start = day.replace(day=1)
        following = (start + dt.timedelta(days=31)).replace(day=1)
        return start, following - dt.timedelta(days=1)
    if bucket == "year":
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    return day, day


def timeline(
    store: Store, f: IncidentFilter = IncidentFilter(), bucket: Bucket | Literal["auto"] = "auto"
) -> tuple[Bucket, list[TimelineBucket]]:
    """Dated incidents matching `f` counted per bucket (day, ISO week from Monday, month, year) and event type, in date order.

    "auto" picks the finest bucket that spans the dates in at most MAX_BARS bars.
    """
    c = schema.incidents.c
    query = (
        _incident_query(f, c.date_start, c.event_type, func.count()).where(c.date_start.is_not(None)).group_by(c.date_start, c.event_type)
    )
    with store.engine.connect() as connection:
        rows = list(plain_rows(connection.execute(query)))
    chosen: Bucket
    if bucket == "auto":
        days = [day for day, _, _ in rows]
        chosen = next((b for b in BUCKETS if _bars(min(days), max(days), b) <= MAX_BARS), "year") if days else "day"
    else:
        chosen = bucket
    counts: dict[tuple[dt.date, dt.date], Counter[str]] = defaultdict(Counter)
    for day, event_type, count in rows:
        counts[_bucket_span(day, chosen)][event_type] += count
    return chosen, [TimelineBucket(start, end, dict(sorted(counts[(start, end)].items()))) for start, end in sorted(counts)]


def _bars(first: dt.date, last: dt.date, bucket: Bucket) -> int:
    days = (last - first).days
    return {
        "day": days + 1,
        "week": days // 7 + 2,
        "month": (last.year - first.year) * 12 + last.month - first.month + 1,
        "year": last.year - first.year + 1,
    }[bucket]


def link_fingerprint(store: Store) -> tuple[int, int]:
    """(incidents, linked memberships): two index counts that change whenever an ingest or a linking
    could change `Store.unlinked_incident_count`, which itself reads the whole incidents table."""
    with store.engine.connect() as connection:
        incidents = connection.execute(select(func.count()).select_from(schema.incidents)).scalar_one()
        members = connection.execute(select(func.count()).select_from(schema.linked_members)).scalar_one()
    return incidents, members


__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "ActorSummary",
    "ActorView",
    "ArticleRow",
    "ArticleView",
    "EvidenceSpan",
    "IncidentFilter",
    "IncidentRow",
    "LinkedView",
    "MapPoint",
    "OutletSummary",
    "Page",
    "QueryError",
    "TimelineBucket",
    "actor_view",
    "actors",
    "article_view",
    "facet_values",
    "incident",
    "incident_rows",
    "iter_incidents",
    "iter_linked_incidents",
    "link_fingerprint",
    "linked_incidents_of_article",
    "linked_view",
    "list_articles",
    "list_incidents",
    "list_linked_incidents",
    "map_points",
    "outlets",
    "timeline",
]
