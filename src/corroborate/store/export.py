"""Stored incidents out: Extraction JSON Lines, ACLED- or UCDP GED-style CSV, GeoJSON. Streamed.

The column mappings are documented in docs/export.md; codes are mapped where
the reference dataset has a counterpart and left empty where it has none.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Optional, TextIO

from corroborate import plover, precision
from corroborate.models import Actor, ArticleHeader, CasualtyCount, Incident, LinkedIncident
from corroborate.output import csv_row, json_text
from corroborate.package_data import data_file
from corroborate.service.records import write_jsonl
from corroborate.store.database import Store
from corroborate.store.options import ExportFormat, ExportSchema


def export(store: Store, out: TextIO, export_format: ExportFormat, schema: ExportSchema = ExportSchema.acled) -> int:
    """Write every stored article (jsonl) or incident (csv, geojson) to `out`; returns the records written."""
    if export_format == ExportFormat.jsonl:
        return write_extractions_jsonl(store, out)
    if export_format == ExportFormat.geojson:
        return write_geojson(store.incidents(), out)
    columns, row = incident_csv(schema)
    return write_csv(map(row, schema_incidents(store, schema)), out, columns)


def schema_incidents(store: Store, schema: ExportSchema = ExportSchema.acled) -> Iterator[tuple[ArticleHeader, Incident]]:
    """The stored incidents a CSV schema exports: UCDP GED records violent events only."""
    incidents = store.incidents()
    if schema == ExportSchema.ucdp:
        return ((article, incident) for article, incident in incidents if incident.violent)
    return incidents


def incident_csv(schema: ExportSchema) -> tuple[list[str], Callable[[tuple[ArticleHeader, Incident]], dict]]:
    """The columns of a CSV schema and the row of one (article header, incident) pair."""
    columns, row = (ACLED_COLUMNS, acled_row) if schema == ExportSchema.acled else (UCDP_COLUMNS, ucdp_row)
    return columns, lambda pair: row(*pair)


LINKED_COLUMNS = [
    "linked_id",
    "date_start",
    "date_end",
    "location",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "event_type",
    "cause",
    "articles",
    "independent_sources",
    "killed_low",
    "killed_best",
    "killed_high",
    "killed_conservative",
    "killed_conservative_source",
    "killed_sequence",
    "injured_low",
    "injured_best",
    "injured_high",
    "external_ids",
    "outlets",
    "urls",
    "article_ids",
]


def linked_row(incident: LinkedIncident) -> dict:
    """A flat row; member lists are joined with '; ' in publication order."""

    def joined(values: Iterable[Optional[str]]) -> str:  # unlike _joined, keeps empty places so the lists line up
        return "; ".join(value or "" for value in values)

    killed, injured, place = incident.killed, incident.injured, incident.location
    return {
        "linked_id": incident.id,
        "date_start": _iso(incident.date.start),
        "date_end": _iso(incident.date.end),
        "location": place.name,
        "admin1": place.admin1,
        "country": place.country,
        "latitude": place.lat,
        "longitude": place.lon,
        "event_type": incident.event_type,
        "cause": incident.cause,
        "articles": len(incident.sources),
        "independent_sources": incident.independent_sources,
        "killed_low": killed.low if killed else None,
        "killed_best": killed.best if killed else None,
        "killed_high": killed.high if killed else None,
        "killed_conservative": killed.conservative if killed else None,
        "killed_conservative_source": killed.conservative_source if killed else None,
        "killed_sequence": " -> ".join(map(str, killed.sequence)) if killed else "",
        "injured_low": injured.low if injured else None,
        "injured_best": injured.best if injured else None,
        "injured_high": injured.high if injured else None,
        "external_ids": joined(source.external_id for source in incident.sources),
        "outlets": joined(source.outlet for source in incident.sources),
        "urls": joined(source.url for source in incident.sources),
        "article_ids": joined(source.article_id for source in incident.sources),
    }


def write_extractions_jsonl(store: Store, out: TextIO) -> int:
    """One Extraction (docs/schema.md) per line, articles without incidents included."""
    return write_jsonl(store.extractions(), out)


def write_csv(rows: Iterable[dict], out: TextIO, columns: list[str], *, header: bool = True) -> int:
    """Text cells that a spreadsheet would run as a formula are neutralised (`csv_cell`, docs/export.md)."""
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    if header:
        writer.writeheader()
    written = 0
    for row in rows:
        writer.writerow(csv_row(row))
        written += 1
    return written


def write_geojson(incidents: Iterable[tuple[ArticleHeader, Incident]], out: TextIO) -> int:
    """A FeatureCollection of the incidents that have coordinates, written feature by feature."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    written = 0
    for article, incident in incidents:
        if incident.location.lat is None or incident.location.lon is None:
            continue
        feature = {
            "type": "Feature",
            "id": event_id(article, incident),
            "geometry": {"type": "Point", "coordinates": [incident.location.lon, incident.location.lat]},
            "properties": geojson_properties(article, incident),
        }
        out.write((",\n" if written else "") + json_text(feature))
        written += 1
    out.write("\n]}\n")
    return written


def geojson_properties(article: ArticleHeader, incident: Incident) -> dict:
    killed = incident.casualties.killed
    return {
        "article_id": article.id,
        "incident_id": incident.id,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "violent": incident.violent,
        "cause": incident.cause,
        "date_start": _iso(incident.date.start),
        "date_end": _iso(incident.date.end),
        "date_precision": incident.date.precision.value,
        "location": incident.location.name,
        "admin1": incident.location.admin1,
        "admin2": incident.location.admin2,
        "country": incident.location.country,
        "location_precision": incident.location.precision.value,
        "killed_low": killed.low if killed else None,
        "killed_best": killed.best if killed else None,
        "killed_high": killed.high if killed else None,
        "perpetrators": [a.name for a in _actors(incident, "perpetrator")],
        "targets": [a.name for a in _actors(incident, "target")],
        "sponsors": [a.name for a in _actors(incident, "sponsor")],
        "plover_type": incident.plover_type,
        "plover_mode": incident.plover_mode,
        "political_actors": [a.name for a in _actors(incident, "actor")],
        "recipients": [a.name for a in _actors(incident, "recipient")],
        "summary": incident.summary,
        "article_title": article.title,
        "article_url": article.url,
        "outlet": article.outlet,
        "published": _iso(article.published),
        "published_from": article.published_from,
    }


# ---------------------------------------------------------------------- ACLED

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
]

ACLED_TIME_PRECISION = precision.write("acled", "time_precision")
ACLED_GEO_PRECISION = precision.write("acled", "geo_precision")
ACLED_DISORDER_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
ACLED_DISORDER_BY_SUB_EVENT = {"Violent demonstration": "Demonstrations"}
"""ACLED's codebook files a violent demonstration under demonstrations; mob violence stays political violence."""
ACLED_INTER = {
    "state forces": "State forces",
    "foreign state": "State forces",
    "rebel group": "Rebel group",
    "jihadist group": "Rebel group",
    "militia": "Political militia",
    "civilians": "Civilians",
    "international coalition": "External/Other forces",
    "international organisation": "External/Other forces",
}


ACLED_CROWD_INTER = {"Protests": "Protesters", "Riots": "Rioters"}
"""ACLED codes the crowd of a demonstration as protesters or rioters, whatever else it is."""


def _acled_inter(actor: Optional[Actor], event_type: str) -> str:
    if actor is None:
        return ""
    if event_type in ACLED_CROWD_INTER and actor.role in ("actor", "perpetrator") and actor.type.value in ("civilians", "unknown"):
        return ACLED_CROWD_INTER[event_type]
    return ACLED_INTER.get(actor.type.value, "")


def _acled_notes(article: ArticleHeader, incident: Incident) -> str:
    """The summary; for a political event led by its PLOVER type and mode and the claim behind it (who says so, how firmly)."""
    if incident.plover_type is None:
        return incident.summary
    claim = plover.event_claim(incident)
    said = f"; {claim.certainty.value}, according to {claim.source}" if claim else ""
    return f"PLOVER {plover.label(incident)}{said}: {incident.summary}"


def acled_row(article: ArticleHeader, incident: Incident) -> dict:
    """One ACLED row. A violent incident: actor 1 the perpetrator, actor 2 the target; a political event: actor 1 the
    actor, actor 2 the recipient (PLOVER's source and target), further ones as associated actors, no fatalities."""
    if incident.plover_type is not None:
        perpetrators, targets = plover.parties(incident)
    else:
        perpetrators, targets = _actors(incident, "perpetrator"), _actors(incident, "target")
    inter1 = _acled_inter(perpetrators[0] if perpetrators else None, incident.event_type)
    inter2 = _acled_inter(targets[0] if targets else None, incident.event_type)
    place, killed = incident.location, incident.casualties.killed
    civilians_targeted = incident.violent and (
        incident.event_type == "Violence against civilians" or any(a.type.value == "civilians" for a in targets)
    )
    return {
        "event_id_cnty": event_id(article, incident),
        "event_date": _iso(incident.date.start),
        "year": incident.date.start.year if incident.date.start else "",
        "time_precision": ACLED_TIME_PRECISION.get(incident.date.precision.value, ""),
        "disorder_type": ACLED_DISORDER_BY_SUB_EVENT.get(incident.sub_event_type, ACLED_DISORDER_TYPE[incident.event_type]),
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "actor1": perpetrators[0].name if perpetrators else "",
        "assoc_actor_1": _joined(a.name for a in perpetrators[1:]),
        "inter1": inter1,
        "actor2": targets[0].name if targets else "",
        "assoc_actor_2": _joined(a.name for a in targets[1:]),
        "inter2": inter2,
        "interaction": "-".join(part for part in (inter1, inter2) if part),
        "civilian_targeting": "Civilian targeting" if civilians_targeted else "",
        "iso": place.country or "",
        "country": country_name(place.country),
        "admin1": place.admin1 or "",
        "admin2": place.admin2 or "",
        "location": place.name or "",
        "latitude": _number(place.lat),
        "longitude": _number(place.lon),
        "geo_precision": ACLED_GEO_PRECISION.get(place.precision.value, ""),
        "source": _sources(article, incident),
        "source_scale": "",
        "notes": _acled_notes(article, incident),
        "fatalities": _conservative(killed) if incident.violent else 0,
        "tags": _joined(incident.casualties.victims.mentioned),
    }


# ---------------------------------------------------------------------- UCDP GED

UCDP_COLUMNS = [
    "id",
    "relid",
    "year",
    "type_of_violence",
    "dyad_name",
    "side_a",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "country",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
]

UCDP_WHERE_PREC = precision.write("ucdp", "where_prec")
UCDP_DATE_PREC = precision.write("ucdp", "date_prec")
STATE_TYPES = {"state forces", "foreign state"}
ORGANISED_TYPES = STATE_TYPES | {"rebel group", "jihadist group", "militia", "international coalition"}


def type_of_violence(incident: Incident) -> Optional[int]:
    """UCDP's 1 state-based, 2 non-state, 3 one-sided, from the actors' types; None when undecidable."""
    perpetrators = {a.type.value for a in _actors(incident, "perpetrator")}
    targets = {a.type.value for a in _actors(incident, "target")}
    if incident.event_type == "Violence against civilians" or (perpetrators & ORGANISED_TYPES and targets == {"civilians"}):
        return 3
    if (perpetrators & STATE_TYPES and targets & ORGANISED_TYPES) or (targets & STATE_TYPES and perpetrators & ORGANISED_TYPES):
        return 1
    if perpetrators & ORGANISED_TYPES and targets & ORGANISED_TYPES:
        return 2
    return None


def ucdp_row(article: ArticleHeader, incident: Incident) -> dict:
    violence = type_of_violence(incident)
    perpetrators, targets = _actors(incident, "perpetrator"), _actors(incident, "target")
    if violence == 1:  # side A is the government; side B the organised actor facing it
        state = next(a for a in [*perpetrators, *targets] if a.type.value in STATE_TYPES)
        facing = [
            a for a in _actors(incident, "target" if state.role == "perpetrator" else "perpetrator") if a.type.value in ORGANISED_TYPES
        ]
        side_a, side_b = state.name, facing[0].name if facing else ""
    else:
        side_a = perpetrators[0].name if perpetrators else ""
        side_b = "Civilians" if violence == 3 else (targets[0].name if targets else "")
    place, killed = incident.location, incident.casualties.killed
    low, best, high = _low_best_high(killed)
    civilians = incident.casualties.victims.civilians
    has_point = place.lat is not None and place.lon is not None
    return {
        "id": event_id(article, incident),
        "relid": f"{article.id}-{incident.id}",
        "year": incident.date.start.year if incident.date.start else "",
        "type_of_violence": violence or "",
        "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else "",
        "side_a": side_a,
        "side_b": side_b,
        "number_of_sources": 1,
        "source_article": _joined(part for part in (article.outlet, _iso(article.published), article.title, article.url) if part),
        "source_office": article.outlet or "",
        "source_date": _iso(article.published),
        "source_headline": article.title or "",
        "source_original": _joined(sorted({claim.source for claim in incident.claims})),
        "where_prec": UCDP_WHERE_PREC.get(place.precision.value, ""),
        "where_coordinates": place.name or "",
        "where_description": place.text or "",
        "adm_1": place.admin1 or "",
        "adm_2": place.admin2 or "",
        "latitude": _number(place.lat),
        "longitude": _number(place.lon),
        "geom_wkt": f"POINT ({place.lon} {place.lat})" if has_point else "",
        "country": country_name(place.country),
        "date_prec": UCDP_DATE_PREC.get(incident.date.precision.value, ""),
        "date_start": _iso(incident.date.start),
        "date_end": _iso(incident.date.end or incident.date.start),
        "deaths_a": "",
        "deaths_b": "",
        "deaths_civilians": _value(civilians.best if civilians else None),
        "deaths_unknown": "",
        "best": _value(best),
        "high": _value(high),
        "low": _value(low),
    }


# ---------------------------------------------------------------------- helpers


def event_id(article: ArticleHeader, incident: Incident) -> str:
    """Unique and stable: the country code (when known), the article id and the incident id."""
    return f"{incident.location.country or 'XX'}-{article.id}-{incident.id}"


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    with data_file("gazetteer.csv").open(encoding="utf-8") as handle:
        return {row["country"]: row["name"] for row in csv.DictReader(handle) if row["feature"] == "country"}


def country_name(code: Optional[str]) -> str:
    """English country name from the bundled gazetteer; the code itself when unknown."""
    return _country_names().get(code, code) if code else ""


def _actors(incident: Incident, role: str) -> list[Actor]:
    return [actor for actor in incident.actors if actor.role == role]


def _sources(article: ArticleHeader, incident: Incident) -> str:
    named = sorted({claim.source for claim in incident.claims} - {article.outlet or ""})
    return _joined([*([article.outlet] if article.outlet else []), *named])


def _low_best_high(count: Optional[CasualtyCount]) -> tuple[Optional[int], Optional[int], Optional[int]]:
    """UCDP needs low <= best <= high: a missing bound takes the best estimate."""
    if count is None or count.best is None:
        return None, None, None
    return (
        count.low if count.low is not None else count.best,
        count.best,
        count.high if count.high is not None else count.best,
    )


def _conservative(count: Optional[CasualtyCount]) -> int:
    """ACLED codes the lowest reported figure, 0 when none."""
    if count is None:
        return 0
    figure = count.low if count.low is not None else count.best
    return figure or 0


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _number(value: Optional[float]) -> str:
    return "" if value is None else f"{value:.5f}"


def _value(value: Optional[int]) -> int | str:
    return "" if value is None else value


def _joined(values: Iterable[str] | Iterator[str]) -> str:
    return "; ".join(v for v in values if v)
