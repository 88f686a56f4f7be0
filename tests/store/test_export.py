"""Exports: the Extraction contract in JSON Lines, ACLED and UCDP GED columns, GeoJSON."""

from __future__ import annotations

import csv
import io
import json

import pytest

from corroborate.models import Actor, Extraction
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


def political_store(store):
    """The actor network's invented political events (tests/network_stores.py): arms, a denial, a veto, a protest."""
    import datetime as dt

    from tests.network_stores import Event, network_extractions, political_article

    text = "Hundreds of people protested in front of the embassy against the rebels, the organisers said."
    protest = political_article(
        text,
        [Event(text, "PROTEST", (), ("the rebels",), "the organisers", "reported", "demo", dt.date(2016, 9, 3))],
        outlet="Northern Dispatch",
        published=dt.date(2016, 9, 4),
    )
    crowd = protest[1].incidents[0]
    crowd.actors.insert(0, Actor(role="actor", text="Hundreds of people", name="Civilians", type="civilians"))
    statement = network_extractions()[0][1]
    statement.incidents[0].actors.insert(1, statement.incidents[1].actors[0])  # both sponsors in one event, as the extractor lists them
    statement.incidents = statement.incidents[:1]
    store.save_extractions([network_extractions()[0][:1] + (statement,), *network_extractions()[1:], protest])
    return store


def acled_rows(store) -> list[dict]:
    return list(csv.DictReader(io.StringIO(exported(store, ExportFormat.csv))))


def test_export_acled_political_events_actor_recipient_and_claim(store):
    rows = acled_rows(political_store(store))
    (statement,) = [
        row for row in rows if row["notes"].startswith("PLOVER AID (arms); reported, according to the statement") and row["assoc_actor_1"]
    ]
    assert (statement["event_type"], statement["sub_event_type"], statement["disorder_type"]) == (
        "Strategic developments",
        "Other",
        "Strategic developments",
    )
    assert (statement["actor1"], statement["assoc_actor_1"], statement["inter1"]) == ("United States", "Qatar", "State forces")
    assert (statement["actor2"], statement["assoc_actor_2"], statement["inter2"]) == ("Free Syrian Army", "", "Rebel group")
    assert statement["interaction"] == "State forces-Rebel group" and statement["civilian_targeting"] == ""
    assert statement["fatalities"] == "0" and statement["source"] == "Northern Dispatch; the statement"
    assert statement["notes"].endswith(": A statement said the US and Qatar provide arms to the rebels.")
    (denial,) = [row for row in rows if "Turkey denied" in row["notes"]]
    assert denial["notes"].startswith("PLOVER AID (arms); denied, according to Turkey:") and denial["actor1"] == "Turkey"
    (block,) = [row for row in rows if row["notes"].startswith("PLOVER REJECT (block)")]
    assert (block["actor1"], block["inter1"], block["actor2"], block["inter2"]) == (
        "US-led coalition",
        "External/Other forces",
        "Russia",
        "State forces",
    )
    (protest,) = [row for row in rows if row["notes"].startswith("PLOVER PROTEST (demo)")]
    assert (protest["event_type"], protest["sub_event_type"], protest["disorder_type"]) == (
        "Protests",
        "Peaceful protest",
        "Demonstrations",
    )
    assert (protest["actor1"], protest["inter1"], protest["actor2"], protest["interaction"]) == (
        "Civilians",
        "Protesters",
        "Free Syrian Army",
        "Protesters-Rebel group",
    )
    (shelling,) = [row for row in rows if not row["notes"].startswith("PLOVER")]
    assert (shelling["actor1"], shelling["actor2"], shelling["fatalities"]) == ("Free Syrian Army", "Civilians", "3")


def test_export_ucdp_and_geojson_with_political_events(store):
    political_store(store)
    (row,) = csv.DictReader(io.StringIO(exported(store, ExportFormat.csv, ExportSchema.ucdp)))  # the shelling only
    assert (row["side_a"], row["side_b"], row["type_of_violence"]) == ("Free Syrian Army", "Civilians", "3")
    lines = exported(store, ExportFormat.jsonl).splitlines()
    events = [incident for line in lines for incident in json.loads(line)["incidents"] if incident["plover_type"]]
    assert len(events) == 10 and {json.loads(line)["schema_version"] for line in lines} == {"1.2"}
    assert {(e["plover_type"], e["plover_mode"]) for e in events} == {
        ("AID", "arms"),
        ("AID", "fighters"),
        ("REJECT", "block"),
        ("PROTEST", "demo"),
    }


def test_export_geojson_properties_name_the_political_parties():
    import datetime as dt

    from corroborate.models import Place
    from corroborate.store.export import geojson_properties
    from tests.network_stores import BLOCK, Event, political_article

    article, extraction = political_article(
        BLOCK,
        [Event(BLOCK, "REJECT", ("the US-led coalition",), ("Russia",), "Valley Herald", "asserted", "block")],
        outlet="x",
        published=dt.date(2016, 7, 2),
    )
    incident = extraction.incidents[0]
    incident.location = Place(name="New York", country="US", lat=40.7, lon=-74.0, precision="exact")
    properties = geojson_properties(article, incident)
    assert (properties["plover_type"], properties["plover_mode"]) == ("REJECT", "block")
    assert (properties["political_actors"], properties["recipients"], properties["perpetrators"]) == (["US-led coalition"], ["Russia"], [])
