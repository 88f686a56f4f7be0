"""Exports: the Extraction contract in JSON Lines, ACLED and UCDP GED columns, GeoJSON."""

from __future__ import annotations

import csv
import io
import json

import pytest

from corroborate.models import Extraction
from corroborate.store.export import ACLED_COLUMNS, UCDP_COLUMNS, export, type_of_violence
from corroborate.store.options import ExportFormat, ExportSchema
from tests.store.conftest import make_article, make_extraction


@pytest.fixture
def filled(store):
    article = make_article("Russian jets struck Saraqib. Twelve died.", outlet="example", title="Strike")
    store.save_extractions([(article, make_extraction(article))])
    return store


def exported(store, export_format, schema=ExportSchema.acled) -> str:
    out = io.StringIO()
    export(store, out, export_format, schema)
    return out.getvalue()


def test_export_jsonl_is_the_extraction_contract(filled):
    (line,) = exported(filled, ExportFormat.jsonl).splitlines()
    extraction = Extraction.model_validate_json(line)
    assert extraction == filled.extraction(extraction.article.id)


def test_export_acled_columns_and_codes(filled):
    rows = list(csv.DictReader(io.StringIO(exported(filled, ExportFormat.csv))))
    assert list(rows[0]) == ACLED_COLUMNS
    strike, talks = rows
    assert strike["event_date"] == "2016-09-15" and strike["year"] == "2016" and strike["time_precision"] == "1"
    assert (strike["actor1"], strike["assoc_actor_1"], strike["inter1"]) == ("Russia", "Syrian government", "State forces")
    assert (strike["actor2"], strike["inter2"], strike["civilian_targeting"]) == ("Civilians", "Civilians", "Civilian targeting")
    assert (strike["country"], strike["admin1"], strike["geo_precision"]) == ("Syria", "Idlib", "1")
    assert strike["fatalities"] == "12" and strike["source"] == "example; Russia; SOHR"
    assert talks["disorder_type"] == "Strategic developments" and talks["fatalities"] == "0" and talks["event_date"] == ""


def test_export_ucdp_columns_violent_incidents_only(filled):
    (row,) = csv.DictReader(io.StringIO(exported(filled, ExportFormat.csv, ExportSchema.ucdp)))
    assert list(row) == UCDP_COLUMNS
    assert (row["type_of_violence"], row["side_a"], row["side_b"]) == ("3", "Russia", "Civilians")
    assert (row["low"], row["best"], row["high"]) == ("12", "12", "12")
    assert (row["where_prec"], row["date_prec"], row["geom_wkt"]) == ("1", "1", "POINT (36.8 35.86)")


def test_export_ucdp_state_based_puts_the_government_on_side_a(filled):
    extraction = next(filled.extractions())
    incident = extraction.incidents[0].model_copy(deep=True)
    incident.actors[0].type = "rebel group"
    incident.actors[2].type = "state forces"
    incident.actors = [incident.actors[0], incident.actors[2]]
    assert type_of_violence(incident) == 1


def test_export_geojson_features_have_coordinates(filled):
    collection = json.loads(exported(filled, ExportFormat.geojson))
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]  # the political incident has no place
    assert feature["geometry"]["coordinates"] == [36.80, 35.86]
    assert feature["properties"]["killed_best"] == 12 and feature["properties"]["perpetrators"] == ["Russia", "Syrian government"]


def test_export_empty_database_is_valid(store):
    assert json.loads(exported(store, ExportFormat.geojson)) == {"type": "FeatureCollection", "features": []}
    assert exported(store, ExportFormat.csv).splitlines() == [",".join(ACLED_COLUMNS)]
