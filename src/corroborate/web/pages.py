"""The HTML pages: server-rendered with Jinja2 (autoescaped), small scripts from /static, no inline script.

Data a script needs is fetched from the API or read from a
`<script type="application/json">` block written with `json_text` (`</`
escaped), which the browser never runs.
"""

from __future__ import annotations

from typing import Annotated, Optional

import jinja2
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from corroborate import plover
from corroborate.check import check_incident
from corroborate.models import Incident
from corroborate.output import count_text, json_text
from corroborate.service import queries
from corroborate.service.network import GROUPS, NetworkFilter, actor_network
from corroborate.service.queries import DEFAULT_LIMIT, IncidentFilter
from corroborate.web.api import After, Filter, NetworkQuery, State, article_credibility
from corroborate.web.app import TEMPLATES, WebState
from corroborate.web.records import (
    actor_url,
    article_url,
    header_title,
    incident_url,
    linked_url,
    list_url,
    network_graph_json,
    safe_link,
)

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(env=jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True))
templates.env.globals.update(
    incident_url=incident_url,
    linked_url=linked_url,
    article_url=article_url,
    actor_url=actor_url,
    safe_link=safe_link,
    count_text=count_text,
    header_title=header_title,
    plover_label=plover.label,
    plover_parties=plover.parties,
    plover_claim=plover.event_claim,
    network_link=lambda actor, plover_type: list_url("/network", {"actor": actor, "type": plover_type}),
)
templates.env.filters["figure"] = (
    lambda figure: "" if figure is None else "/".join("?" if v is None else str(v) for v in (figure.low, figure.best, figure.high))
)
templates.env.filters["percent"] = lambda value: "" if value is None else f"{value:+.0%}"
templates.env.filters["page_data"] = lambda value: Markup(json_text(value))  # noqa: S704 (json_text escapes `</`)

PAGE_LIMIT = DEFAULT_LIMIT
MAP_LIMIT = 5000
"""Markers the incidents page draws at most (the newest of the filtered list)."""


def render(request: Request, name: str, state: WebState, status_code: int = 200, **context) -> HTMLResponse:
    link_state = state.link_state()
    return templates.TemplateResponse(
        request,
        name,
        {"links_stale": link_state.stale, "unlinked": link_state.unlinked_incidents, "page_path": request.url.path, **context},
        status_code=status_code,
    )


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    state = request.app.state.web
    try:
        return render(request, "error.html", state, status_code=status, status=status, message=message)
    except Exception:  # the store itself failing: a page without the banner
        return HTMLResponse(f"<!doctype html><title>{status}</title><p>{escape(message)}</p>", status_code=status)


def _next(request: Request, f: IncidentFilter, cursor: Optional[str], extra: Optional[dict] = None) -> Optional[str]:
    return list_url(request.url.path, {**f.params(), **(extra or {}), "after": cursor}) if cursor else None


@router.get("/", response_class=HTMLResponse)
def incidents_page(request: Request, state: State, f: Filter, after: After = None):
    page = queries.list_incidents(state.store, f, limit=PAGE_LIMIT, after=after, total=after is None)
    params = f.params()
    data = {
        "points": list_url("/api/v1/map", {**params, "limit": str(MAP_LIMIT)}),
        "timeline": list_url("/api/v1/timeline", params),
        "countries": "/static/countries.geojson",
        "tile_url": state.tile_url,
        "filters": params,
    }
    return render(
        request,
        "incidents.html",
        state,
        page=page,
        filter=f,
        facets=state.facets(),
        next_url=_next(request, f, page.next_cursor),
        first_url=list_url("/", params) if after else None,
        data=data,
        csv_url=list_url("/api/v1/incidents.csv", params),
        ucdp_url=list_url("/api/v1/incidents.csv", {**params, "schema": "ucdp"}),
        geojson_url=list_url("/api/v1/incidents.geojson", params),
        api_url=list_url("/api/v1/incidents", params),
        map_limit=MAP_LIMIT,
        without_bbox_url=list_url("/", {key: value for key, value in params.items() if key != "bbox"}),
    )


@router.get("/incidents/{article_id}/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, state: State, article_id: str, incident_id: str):
    row = queries.incident(state.store, article_id, incident_id)
    if row is None:
        raise HTTPException(404, f"no incident {incident_id} in article {article_id}")
    return render(request, "incident.html", state, row=row)


@router.get("/linked", response_class=HTMLResponse)
def linked_list_page(request: Request, state: State, f: Filter, after: After = None, min_articles: Annotated[int, Query(ge=1)] = 1):
    page = queries.list_linked_incidents(state.store, f, limit=PAGE_LIMIT, after=after, total=after is None, min_articles=min_articles)
    extra = {"min_articles": str(min_articles)} if min_articles > 1 else {}
    return render(
        request,
        "linked_list.html",
        state,
        page=page,
        filter=f,
        min_articles=min_articles,
        facets=state.facets(),
        next_url=_next(request, f, page.next_cursor, extra),
        csv_url=list_url("/api/v1/linked.csv", f.params()),
    )


@router.get("/linked/{linked_id}", response_class=HTMLResponse)
def linked_page(request: Request, state: State, linked_id: str):
    view = queries.linked_view(state.store, linked_id)
    if view is None:
        raise HTTPException(404, f"no linked incident {linked_id}")
    checks = check_incident(view.linked, state.reference, view.extractions) if state.reference is not None else None
    members = {(m.article_id, m.incident_id) for m in view.linked.members}
    incidents = {
        (extraction.article.id, incident.id): incident
        for extraction in view.extractions.values()
        for incident in extraction.incidents
        if (extraction.article.id, incident.id) in members
    }
    return render(
        request,
        "linked.html",
        state,
        linked=view.linked,
        headers={article_id: extraction.article for article_id, extraction in view.extractions.items()},
        incidents=incidents,
        checks=checks,
        reference=state.reference_label,
    )


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, state: State, f: Filter, after: After = None):
    page = queries.list_articles(state.store, f, limit=PAGE_LIMIT, after=after, total=after is None)
    return render(request, "articles.html", state, page=page, filter=f, facets=state.facets(), next_url=_next(request, f, page.next_cursor))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, state: State, article_id: str):
    view, credibility = article_credibility(state, article_id)
    if view is None:
        raise HTTPException(404, f"no article {article_id}")
    length = len(view.article.text)
    reason_spans = [
        [(f"r{number}-{n}" if 0 <= span.start < span.end <= length else None, span) for n, span in enumerate(reason.evidence)]
        for number, reason in enumerate(credibility.reasons)
    ]
    signal_spans = [(key, reason.signal, span) for reason, spans in zip(credibility.reasons, reason_spans) for key, span in spans if key]
    segments = text_segments(
        view.article.text,
        [(f"c-{s.key}", s.start, s.end) for s in view.spans] + [(key, span.start, span.end) for key, _, span in signal_spans],
    )
    incidents = {incident.id: incident for incident in view.extraction.incidents}
    labels = {f"c-{s.key}": span_label(s, incidents.get(s.incident_id)) for s in view.spans}
    labels.update({key: f"{signal}: {span.text}" + (f" ({span.note})" if span.note else "") for key, signal, span in signal_spans})
    return render(
        request,
        "article.html",
        state,
        view=view,
        credibility=credibility,
        segments=segments,
        labels=labels,
        fields={f"c-{s.key}": s.field for s in view.spans},
        reason_spans=reason_spans,
    )


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, state: State, prefix: Annotated[Optional[str], Query(max_length=100)] = None, after: After = None):
    page = queries.actors(state.store, prefix=prefix, limit=100, after=after)
    params = {"prefix": prefix} if prefix else {}
    next_url = list_url("/actors", {**params, "after": page.next_cursor}) if page.next_cursor else None
    return render(request, "actors.html", state, page=page, prefix=prefix or "", next_url=next_url)


@router.get("/actors/{name:path}", response_class=HTMLResponse)
def actor_page(request: Request, state: State, name: str, after: After = None):
    view = queries.actor_view(state.store, name, limit=PAGE_LIMIT, after=after)
    if view is None:
        raise HTTPException(404, f"no actor named {name!r}")
    next_url = list_url(request.url.path, {"after": view.incidents.next_cursor}) if view.incidents.next_cursor else None
    edges = actor_network(state.store, NetworkFilter(actor=name)).edges
    return render(
        request,
        "actor.html",
        state,
        view=view,
        next_url=next_url,
        incidents_url=list_url("/", {"actor": name}),
        outgoing=[edge for edge in edges if edge.actor == name],
        incoming=[edge for edge in edges if edge.recipient == name],
        network_url=list_url("/network", {"actor": name}),
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, state: State, f: NetworkQuery):
    """The graph (vis-network, drawn by /static/network.js from the API's JSON) and every edge as a table row."""
    network = actor_network(state.store, f)
    api_url = list_url("/api/v1/network", f.params())
    return render(
        request,
        "network.html",
        state,
        network=network,
        filter=f,
        types=plover.names(),
        groups=GROUPS,
        api_url=api_url,
        data={"graph": network_graph_json(network)},
    )


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, state: State):
    return render(request, "sources.html", state, outlets=queries.outlets(state.store))


def span_label(span: queries.EvidenceSpan, incident: Optional[Incident]) -> str:
    """A highlight's title: the field and value; for a political event's claim, who does what to whom, how sure, said by whom."""
    if span.field == "plover_type" and incident is not None and incident.plover_type:
        actors, recipients = plover.parties(incident)
        names = (", ".join(a.name for a in group) or "?" for group in (actors, recipients))
        return f"{span.incident_id} {plover.label(incident)}: {' → '.join(names)} ({span.certainty}, said by {span.source})"
    return f"{span.incident_id} {span.field} = {span.value}"


def text_segments(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, tuple[str, ...]]]:
    """The text cut at every span boundary: (piece, keys of the spans covering it), for nested or overlapping highlights."""
    cuts = sorted({0, len(text), *(s for _, s, _ in spans), *(e for _, _, e in spans)})
    starts: dict[int, list[tuple[str, int]]] = {}
    for key, start, end in spans:
        starts.setdefault(start, []).append((key, end))
    open_spans: dict[str, int] = {}
    segments = []
    for left, right in zip(cuts, cuts[1:]):
        for key, end in starts.get(left, []):
            open_spans[key] = end
        open_spans = {key: end for key, end in open_spans.items() if end > left}
        segments.append((text[left:right], tuple(sorted(open_spans))))
    return segments
