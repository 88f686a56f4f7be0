"""The JSON API, /api/v1: every route a GET; lists paged by keyset with `next` as a URL; streamed exports.

Errors are `{"error": {"status": ..., "message": ...}}` (app.py). Filters are
the fields of `corroborate.service.queries.IncidentFilter` as query parameters.
"""

from __future__ import annotations

import datetime as dt
from itertools import islice
from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import ValidationError

from corroborate.check import check_incident
from corroborate.credibility import assess_credibility
from corroborate.dictionaries import SourceRegistry
from corroborate.output import json_text
from corroborate.service import queries
from corroborate.service.network import NetworkFilter, actor_network, parse_groups, parse_types
from corroborate.service.queries import DEFAULT_LIMIT, MAX_LIMIT, IncidentFilter, QueryError
from corroborate.store.export import ACLED_COLUMNS, LINKED_COLUMNS, UCDP_COLUMNS, acled_row, linked_row, ucdp_row
from corroborate.web.app import WebState
from corroborate.web.records import (
    actor_json,
    article_row_json,
    article_url,
    check_json,
    csv_chunks,
    geojson_chunks,
    incident_json,
    incident_url,
    linked_json,
    list_url,
    network_graph_json,
    outlet_json,
)

router = APIRouter(prefix="/api/v1", tags=["api"])
MAP_LIMIT = 10_000


class JSONTextResponse(JSONResponse):
    """JSON written by corroborate.output.json_text: `</` escaped, the same as every other JSON corroborate writes."""

    def render(self, content) -> bytes:
        return json_text(content).encode("utf-8")


def web_state(request: Request) -> WebState:
    return request.app.state.web


def incident_filter(
    date_from: Annotated[Optional[str], Query(description="YYYY-MM-DD: incidents starting on or after this day.")] = None,
    date_to: Annotated[Optional[str], Query(description="YYYY-MM-DD: incidents starting on or before this day.")] = None,
    event_type: Annotated[Optional[str], Query(description="ACLED event type, e.g. Battles.")] = None,
    plover_type: Annotated[Optional[str], Query(description="A political event's PLOVER type, e.g. AID (political events only).")] = None,
    violent: Annotated[
        Optional[str], Query(description="true: violent incidents only; false: political (non-violent) events only; empty: both.")
    ] = None,
    cause: Annotated[Optional[str], Query(description="airstrike, shelling, car bomb, ...")] = None,
    country: Annotated[Optional[str], Query(description="ISO 3166-1 alpha-2 code, e.g. SY.")] = None,
    admin1: Annotated[Optional[str], Query(description="First-level division as stored, e.g. Idlib.")] = None,
    actor: Annotated[Optional[str], Query(description="Canonical actor name (see /api/v1/actors).")] = None,
    outlet: Annotated[Optional[str], Query(description="Outlet as stored (see /api/v1/sources).")] = None,
    language: Annotated[Optional[str], Query(description="ISO 639-1 code of the article.")] = None,
    q: Annotated[Optional[str], Query(description="Words in the summary, place or title (slower: a substring search).")] = None,
    bbox: Annotated[Optional[str], Query(description="west,south,east,north in degrees.")] = None,
) -> IncidentFilter:
    values = dict(
        date_from=date_from or None,
        date_to=date_to or None,
        event_type=event_type,
        plover_type=plover_type,
        violent=violent,
        cause=cause,
        country=country,
        admin1=admin1,
        actor=actor,
        outlet=outlet,
        language=language,
        q=q,
        bbox=bbox,
    )
    try:
        return IncidentFilter(**values)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise QueryError(f"{where}: {message}" if where else message) from None


Filter = Annotated[IncidentFilter, Depends(incident_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Records per page (at most {MAX_LIMIT}).")]
After = Annotated[Optional[str], Query(description="The cursor of the page to continue from (from `next`).")]
Total = Annotated[bool, Query(description="Count the whole filtered list too (slower on large stores).")]
State = Annotated[WebState, Depends(web_state)]


def _envelope(request: Request, page: queries.Page, items: list[dict], f: IncidentFilter, limit: int, extra: Optional[dict] = None) -> dict:
    """{"items", "next", "total" (when counted)}; `next` keeps the filters and the limit."""
    next_url = None
    if page.next_cursor:
        params = {
            **f.params(),
            **{k: v for k, v in request.query_params.items() if k in ("min_articles",)},
            "limit": str(limit),
            "after": page.next_cursor,
        }
        next_url = list_url(request.url.path, params)
    body: dict = {"items": items, "next": next_url}
    if page.total is not None:
        body["total"] = page.total
    if extra:
        body.update(extra)
    return body


def _links(state: WebState) -> dict:
    link_state = state.link_state()
    return {"links": {"stale": link_state.stale, "unlinked_incidents": link_state.unlinked_incidents}}


# ---------------------------------------------------------------------- incidents


@router.get("/incidents", summary="Incidents, newest first, filtered and paged")
def incidents(request: Request, state: State, f: Filter, limit: Limit = DEFAULT_LIMIT, after: After = None, total: Total = False):
    page = queries.list_incidents(state.store, f, limit=limit, after=after, total=total)
    return JSONTextResponse(_envelope(request, page, [incident_json(row) for row in page.items], f, limit, _links(state)))


@router.get("/incidents.csv", summary="The filtered incidents as ACLED- or UCDP GED-style CSV, streamed")
def incidents_csv(
    state: State,
    f: Filter,
    schema: Annotated[Literal["acled", "ucdp"], Query(description="Column set (docs/export.md).")] = "acled",
    limit: Annotated[Optional[int], Query(ge=1, description="At most this many rows (default: all).")] = None,
):
    columns, make_row = (ACLED_COLUMNS, acled_row) if schema == "acled" else (UCDP_COLUMNS, ucdp_row)
    rows = queries.iter_incidents(state.store, f, limit=None if schema == "ucdp" else limit)
    if schema == "ucdp":  # UCDP GED holds organised violence only, as `corroborate export --schema ucdp`
        rows = islice((row for row in rows if row.incident.violent), limit)
    body = csv_chunks((make_row(row.article, row.incident) for row in rows), columns)
    return StreamingResponse(
        body, media_type="text/csv; charset=utf-8", headers={"Content-Disposition": f'attachment; filename="incidents-{schema}.csv"'}
    )


@router.get("/incidents.geojson", summary="The filtered incidents with coordinates as a GeoJSON FeatureCollection, streamed")
def incidents_geojson(
    state: State, f: Filter, limit: Annotated[Optional[int], Query(ge=1, description="At most this many incidents (default: all).")] = None
):
    body = geojson_chunks(queries.iter_incidents(state.store, f, limit=limit))
    return StreamingResponse(body, media_type="application/geo+json")


@router.get("/map", summary="The newest filtered incidents with coordinates as map points: a small GeoJSON FeatureCollection")
def map_points(
    state: State,
    f: Filter,
    limit: Annotated[int, Query(ge=1, le=MAP_LIMIT, description=f"At most this many points (up to {MAP_LIMIT}).")] = MAP_LIMIT,
):
    """Properties are what a marker shows (html_url, date_start, event_type, cause, location, killed, title, outlet,
    plover_type, plover_mode);
    /api/v1/incidents.geojson has every field."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [point.lon, point.lat]},
            "properties": {
                "html_url": incident_url(point.article_id, point.incident_id),
                "date_start": point.date_start.isoformat() if point.date_start else None,
                "event_type": point.event_type,
                "cause": point.cause,
                "location": point.location,
                "killed": point.killed,
                "title": point.title,
                "outlet": point.outlet,
                "plover_type": point.plover_type,
                "plover_mode": point.plover_mode,
            },
        }
        for point in queries.map_points(state.store, f, limit=limit)
    ]
    return JSONTextResponse({"type": "FeatureCollection", "features": features})


@router.get("/incidents/{article_id}/{incident_id}", summary="One incident")
def incident(state: State, article_id: str, incident_id: str):
    row = queries.incident(state.store, article_id, incident_id)
    if row is None:
        raise HTTPException(404, f"no incident {incident_id} in article {article_id}")
    return JSONTextResponse(incident_json(row))


@router.get("/timeline", summary="Dated incidents per day, week, month or year and event type (the filters apply)")
def timeline(
    state: State,
    f: Filter,
    bucket: Annotated[
        Literal["auto", "day", "week", "month", "year"], Query(description="auto: the finest that needs at most 180 bars.")
    ] = "auto",
):
    chosen, buckets = queries.timeline(state.store, f, bucket)
    event_types = sorted({event_type for b in buckets for event_type in b.counts})
    return JSONTextResponse(
        {
            "bucket": chosen,
            "event_types": event_types,
            "buckets": [{"start": b.start.isoformat(), "end": b.end.isoformat(), "counts": b.counts} for b in buckets],
        }
    )


# ---------------------------------------------------------------------- linked incidents


@router.get("/linked", summary="Linked incidents (one event told by several articles), newest first")
def linked(
    request: Request,
    state: State,
    f: Filter,
    limit: Limit = DEFAULT_LIMIT,
    after: After = None,
    total: Total = False,
    min_articles: Annotated[int, Query(ge=1, description="Only those told by at least this many articles.")] = 1,
):
    page = queries.list_linked_incidents(state.store, f, limit=limit, after=after, total=total, min_articles=min_articles)
    return JSONTextResponse(_envelope(request, page, [linked_json(item) for item in page.items], f, limit, _links(state)))


@router.get("/linked.csv", summary="The filtered linked incidents as CSV, one flat row each, streamed")
def linked_csv(state: State, f: Filter, limit: Annotated[Optional[int], Query(ge=1)] = None):
    rows = (linked_row(item) for item in queries.iter_linked_incidents(state.store, f, limit=limit))
    return StreamingResponse(
        csv_chunks(rows, LINKED_COLUMNS),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="linked.csv"'},
    )


@router.get("/linked/{linked_id}", summary="One linked incident: every source's figures and the reconciled ones")
def linked_incident(state: State, linked_id: str):
    view = queries.linked_view(state.store, linked_id)
    if view is None:
        raise HTTPException(404, f"no linked incident {linked_id}")
    body = linked_json(view.linked)
    if state.reference is not None:
        body["checks"] = [check_json(check) for check in check_incident(view.linked, state.reference, view.extractions)]
    return JSONTextResponse(body, headers={"X-Unlinked-Incidents": str(state.link_state().unlinked_incidents)})


@router.get("/checks", summary="Reference checks of the filtered linked incidents' figures (needs serve --reference)")
def checks(request: Request, state: State, f: Filter, limit: Limit = DEFAULT_LIMIT, after: After = None):
    if state.reference is None:
        raise HTTPException(
            404, "no reference dataset: start `corroborate serve` with --reference FILE --reference-format ucdp|acled|victims"
        )
    page = queries.list_linked_incidents(state.store, f, limit=limit, after=after)
    items: list[dict] = []
    for item in page.items:
        view = queries.linked_view(state.store, item.id)
        if view is not None:
            items.extend(check_json(check) for check in check_incident(view.linked, state.reference, view.extractions))
    return JSONTextResponse(_envelope(request, page, items, f, limit, {"reference": state.reference_label}))


# ---------------------------------------------------------------------- articles


@router.get("/articles", summary="Articles, newest published first; incident filters keep articles with a matching incident")
def articles(request: Request, state: State, f: Filter, limit: Limit = DEFAULT_LIMIT, after: After = None, total: Total = False):
    page = queries.list_articles(state.store, f, limit=limit, after=after, total=total)
    return JSONTextResponse(_envelope(request, page, [article_row_json(row) for row in page.items], f, limit))


@router.get(
    "/articles/{article_id}", summary="One article: its text, its extraction (docs/schema.md) and the linked incidents of its incidents"
)
def article(state: State, article_id: str):
    view = queries.article_view(state.store, article_id)
    if view is None:
        raise HTTPException(404, f"no article {article_id}")
    return JSONTextResponse(
        {
            "article": view.article.model_dump(mode="json"),
            "extraction": view.extraction.model_dump(mode="json"),
            "linked_ids": view.linked_ids,
            "html_url": article_url(article_id),
        }
    )


def article_credibility(state: WebState, article_id: str):
    """The article's credibility with its reasons; reference checks count when the server has a reference."""
    view = queries.article_view(state.store, article_id)
    if view is None:
        return None, None
    linked = queries.linked_incidents_of_article(state.store, article_id)
    checks = []
    if state.reference is not None:
        for item in linked:
            extractions = state.store.extractions_of(member.article_id for member in item.members)
            checks.extend(check_incident(item, state.reference, extractions))
    result = assess_credibility(view.article.text, view.extraction, registry=SourceRegistry.default(), linked=linked, checks=checks)
    return view, result


@router.get("/articles/{article_id}/credibility", summary="The article's credibility score with each reason and its evidence spans")
def credibility(state: State, article_id: str):
    view, result = article_credibility(state, article_id)
    if result is None:
        raise HTTPException(404, f"no article {article_id}")
    return JSONTextResponse({**result.model_dump(mode="json"), "html_url": article_url(article_id)})


# ---------------------------------------------------------------------- sources, actors


@router.get("/sources", summary="Outlets with their stored articles, most first")
def sources(state: State):
    return JSONTextResponse({"items": [outlet_json(outlet) for outlet in queries.outlets(state.store)]})


@router.get("/actors", summary="Actors by name, with the type most often given and their mentions")
def actors(
    request: Request,
    state: State,
    prefix: Annotated[Optional[str], Query(max_length=100, description="Names starting with this (any case).")] = None,
    limit: Limit = DEFAULT_LIMIT,
    after: After = None,
):
    page = queries.actors(state.store, prefix=prefix, limit=limit, after=after)
    params = {"prefix": prefix} if prefix else {}
    next_url = list_url(request.url.path, {**params, "limit": str(limit), "after": page.next_cursor}) if page.next_cursor else None
    return JSONTextResponse({"items": [actor_json(actor) for actor in page.items], "next": next_url})


@router.get("/actors/{name:path}", summary="One actor: its incidents (paged), the outlets naming it, the actors named with it")
def actor(request: Request, state: State, name: str, limit: Limit = DEFAULT_LIMIT, after: After = None):
    view = queries.actor_view(state.store, name, limit=limit, after=after)
    if view is None:
        raise HTTPException(404, f"no actor named {name!r}")
    from corroborate.web.records import actor_url

    page = view.incidents
    return JSONTextResponse(
        {
            "name": view.name,
            "types": view.types,
            "roles": view.roles,
            "outlets": [{"outlet": outlet, "articles": count} for outlet, count in view.outlets],
            "co_actors": [{"name": other, "mentions": count, "html_url": actor_url(other)} for other, count in view.co_actors],
            "incidents": _envelope(request, page, [incident_json(row) for row in page.items], IncidentFilter(), limit),
            "html_url": actor_url(name),
        }
    )


# ---------------------------------------------------------------------- the actor network


def network_filter(
    since: Annotated[
        Optional[str], Query(description="YYYY-MM-DD: events on or after this day (the event's date, else the publication day).")
    ] = None,
    until: Annotated[Optional[str], Query(description="YYYY-MM-DD: events on or before this day.")] = None,
    type: Annotated[Optional[str], Query(description="PLOVER types, comma-separated: AID,SUPPORT (default: all).")] = None,
    certainty: Annotated[
        Optional[str], Query(description="Certainty groups, comma-separated: asserted,alleged,denied (default: all).")
    ] = None,
    actor: Annotated[Optional[str], Query(description="Only edges from or to this actor (canonical name).")] = None,
) -> NetworkFilter:
    days = {}
    for name, text in (("since", since), ("until", until)):
        try:
            days[name] = dt.date.fromisoformat(text.strip()) if text and text.strip() else None
        except ValueError:
            raise QueryError(f"{name}: {text!r} is not a date (YYYY-MM-DD)") from None
    return NetworkFilter(
        since=days["since"],
        until=days["until"],
        types=parse_types(type),
        groups=parse_groups(certainty),
        actor=(actor or "").strip() or None,
    )


NetworkQuery = Annotated[NetworkFilter, Depends(network_filter)]


@router.get("/network", summary="The actor network: one edge per actor -> recipient, PLOVER type and certainty group, with its evidence")
def network(state: State, f: NetworkQuery):
    """networkx node-link JSON (`nodes`, `edges`): each edge's type, certainty group (asserted, alleged, denied),
    modes, weight (independent sources), score (PLOVER cooperation-conflict) and evidence (docs/network.md)."""
    return JSONTextResponse({**network_graph_json(actor_network(state.store, f)), "filters": f.params()})
