"""Records as the API sends them: the JSON contract of docs/schema.md plus `html_url`, and streamed exports.

An incident is the contract's Incident with its article's header (`article`),
the linked incident it belongs to (`linked_id`) and its page (`html_url`); a
linked incident is the contract's LinkedIncident with `html_url`. No second shape.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Optional
from urllib.parse import quote, urlencode

from corroborate.check import ClaimCheck
from corroborate.models import ArticleHeader, LinkedIncident
from corroborate.output import json_text
from corroborate.service.queries import ActorSummary, ArticleRow, IncidentRow, OutletSummary
from corroborate.store.export import event_id, geojson_properties, write_csv

if TYPE_CHECKING:
    from corroborate.service.network import Network

ROWS_PER_CHUNK = 200


def incident_url(article_id: str, incident_id: str) -> str:
    return f"/incidents/{quote(article_id, safe='')}/{quote(incident_id, safe='')}"


def linked_url(linked_id: str) -> str:
    return f"/linked/{quote(linked_id, safe='')}"


def article_url(article_id: str) -> str:
    return f"/articles/{quote(article_id, safe='')}"


def actor_url(name: str) -> str:
    return f"/actors/{quote(name, safe='')}"


def list_url(path: str, params: dict[str, str]) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def safe_link(url: Optional[str]) -> Optional[str]:
    """An article's own URL when it is http(s); None for javascript:, data: and anything else."""
    if not url:
        return None
    lowered = url.strip().lower()
    return url.strip() if lowered.startswith(("http://", "https://")) and not any(c in url for c in "\x00\r\n\t") else None


def incident_json(row: IncidentRow) -> dict:
    return {
        **row.incident.model_dump(mode="json"),
        "article": row.article.model_dump(mode="json"),
        "linked_id": row.linked_id,
        "html_url": incident_url(row.article.id, row.incident.id),
    }


def linked_json(linked: LinkedIncident) -> dict:
    return {**linked.model_dump(mode="json"), "html_url": linked_url(linked.id)}


def check_json(check: ClaimCheck) -> dict:
    """A reference check; its page is the linked incident's, where the verdicts are shown."""
    return {**check.model_dump(mode="json"), "html_url": linked_url(check.linked_id)}


def article_row_json(row: ArticleRow) -> dict:
    return {**row.article.model_dump(mode="json"), "incidents": row.incidents, "html_url": article_url(row.article.id)}


def actor_json(actor: ActorSummary) -> dict:
    return {"name": actor.name, "type": actor.type, "mentions": actor.incidents, "html_url": actor_url(actor.name)}


def outlet_json(outlet: OutletSummary) -> dict:
    return {
        "outlet": outlet.outlet,
        "articles": outlet.articles,
        "first_published": outlet.first_published.isoformat() if outlet.first_published else None,
        "last_published": outlet.last_published.isoformat() if outlet.last_published else None,
        "html_url": list_url("/articles", {"outlet": outlet.outlet}) if outlet.outlet else None,
    }


# ---------------------------------------------------------------------- streamed exports


def csv_chunks(rows: Iterable[dict], columns: list[str]) -> Iterator[str]:
    """CSV text a few hundred rows at a time; cells a spreadsheet would run as formulas neutralised (docs/export.md)."""
    buffer = io.StringIO()
    write_csv((), buffer, columns)
    rows = iter(rows)
    while write_csv(islice(rows, ROWS_PER_CHUNK), buffer, columns, header=False):
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def geojson_chunks(rows: Iterable[IncidentRow]) -> Iterator[str]:
    """A FeatureCollection of the incidents with coordinates, streamed; each feature's properties carry `html_url`."""
    yield '{"type": "FeatureCollection", "features": ['
    written = 0
    pending: list[str] = []
    for row in rows:
        place = row.incident.location
        if place.lat is None or place.lon is None:
            continue
        properties = geojson_properties(row.article, row.incident)
        properties["html_url"] = incident_url(row.article.id, row.incident.id)
        properties["linked_id"] = row.linked_id
        feature = {
            "type": "Feature",
            "id": event_id(row.article, row.incident),
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": properties,
        }
        pending.append(("\n" if not written else ",\n") + json_text(feature))
        written += 1
        if len(pending) >= ROWS_PER_CHUNK:
            yield "".join(pending)
            pending = []
    yield "".join(pending) + "\n]}\n"


def header_title(article: ArticleHeader) -> str:
    return article.title or article.external_id or article.url or article.id


def network_graph_json(network: "Network") -> dict:
    """The networkx node-link JSON of the actor network, each node with its actor page and each evidence item
    with its incident and article pages (`html_url`, `article_url`); edges in the order of `network.edges`."""
    from corroborate.service.network import network_json

    data = network_json(network)
    order = {(edge.actor, edge.recipient, edge.key): index for index, edge in enumerate(network.edges)}
    data["edges"].sort(key=lambda edge: order[(edge["source"], edge["target"], edge["key"])])  # the order of `network.edges`
    for node in data["nodes"]:
        node["html_url"] = actor_url(node["id"])
    for edge in data["edges"]:
        for item in edge["evidence"]:
            item["html_url"] = incident_url(item["article_id"], item["incident_id"])
            item["article_url"] = article_url(item["article_id"])
            item["url"] = safe_link(item["url"])
    return data
