"""Political events through the whole product: the bundled examples and the two seed articles ingested into a
SQLite store and linked (the CLI, as a user runs it), then the actor network (`corroborate network --format
json`), the ACLED export, and the web's network page, incident list and political incident page (TestClient).
One ingest for the module (~15 s)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from corroborate.cli import EXIT_OK, app
from corroborate.ingest import read_path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ZARA, HATLAH = "000_ad8ae6fafa60cfb5.txt", "001_c3ff9bd24fb53f6e.txt"
pytestmark = [pytest.mark.model, pytest.mark.seeds]


def invoke(arguments: list[str]) -> str:
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == EXIT_OK, (arguments, result.output)
    return result.stdout


@pytest.fixture(scope="module")
def store_path(shared_data, tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("political-e2e") / "corpus.db")
    invoke(["ingest", str(EXAMPLES), str(shared_data / "seeds"), "--db", path, "--workers", "1", "--link"])
    return path


@pytest.fixture(scope="module")
def seed_ids(shared_data) -> dict[str, str]:
    return {name: next(iter(read_path(shared_data / "seeds" / name))).id for name in (ZARA, HATLAH)}


@pytest.fixture(scope="module")
def network(store_path) -> dict:
    return json.loads(invoke(["network", "--db", store_path, "--format", "json"]))


@pytest.fixture(scope="module")
def client(store_path):
    from corroborate.web import create_app

    with TestClient(create_app(store_path), raise_server_exceptions=False) as test_client:
        yield test_client


def edge(network: dict, source: str, target: str, key: str) -> dict:
    (found,) = [e for e in network["edges"] if (e["source"], e["target"], e["key"]) == (source, target, key)]
    return found


def test_e2e_network_has_the_seeds_aid_edges_with_their_evidence(network, seed_ids):
    """The al-Zara press statement (the US, EU, Turkey, Saudi Arabia and Qatar arm the armed groups: reported, said by
    the statement) and the Hatlah article's non-lethal aid from Washington and its NATO allies (asserted)."""
    for sponsor in ("United States", "European Union", "Turkey", "Saudi Arabia", "Qatar"):
        aid = edge(network, sponsor, "Armed opposition", "AID/asserted")
        statement = [item for item in aid["evidence"] if item["article_id"] == seed_ids[ZARA] and "statement" in item["source"].lower()]
        assert statement and statement[0]["certainty"] == "reported", sponsor
        assert statement[0]["mode"] in {"logistics", "arms", "fighters"} and statement[0]["sentence"], sponsor
    us = edge(network, "United States", "Armed opposition", "AID/asserted")
    (hatlah,) = [item for item in us["evidence"] if item["article_id"] == seed_ids[HATLAH] and "non-lethal" in item["sentence"]]
    assert hatlah["certainty"] == "asserted" and hatlah["mode"] == "logistics"
    assert us["weight"] >= 2  # two articles of two outlets say so
    block = edge(network, "United States", "Russia", "REJECT/asserted")
    assert {item["article_id"] for item in block["evidence"]} == {seed_ids[ZARA]}
    nodes = {node["id"]: node for node in network["nodes"]}
    assert nodes["United States"]["type"] == "foreign state"


def test_e2e_acled_export_writes_the_political_events(store_path, seed_ids):
    rows = list(csv.DictReader(io.StringIO(invoke(["export", "--db", store_path, "--format", "csv"]))))
    statement = [r for r in rows if re.match(r"PLOVER AID \(\w+\); reported, according to [^:]*statement", r["notes"], re.I)]
    assert statement, [r["notes"][:80] for r in rows]
    row = statement[0]
    actors = {row["actor1"], *row["assoc_actor_1"].split("; ")}
    assert {"United States", "European Union", "Turkey", "Saudi Arabia", "Qatar"} <= actors
    assert (row["actor2"], row["inter2"], row["fatalities"], row["event_type"]) == (
        "Armed opposition",
        "Rebel group",
        "0",
        "Strategic developments",
    )
    ucdp = list(csv.DictReader(io.StringIO(invoke(["export", "--db", store_path, "--format", "csv", "--schema", "ucdp"]))))
    assert ucdp and len(ucdp) < len(rows) and not any(r["side_a"] == "Saudi Arabia" for r in ucdp)  # violent events only


def test_e2e_network_page_and_a_political_incident_page_render(client, network, seed_ids):
    page = client.get("/network")
    assert page.status_code == 200 and page.text.count('class="edge-row') == len(network["edges"])
    block = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', page.text, re.S)
    assert {(e["source"], e["target"]) for e in json.loads(block.group(1))["graph"]["edges"]} >= {("Saudi Arabia", "Armed opposition")}
    listed = client.get("/api/v1/incidents?plover_type=AID&limit=500").json()["items"]
    (statement,) = [
        i
        for i in listed
        if i["article"]["id"] == seed_ids[ZARA]
        and any(c["field"] == "plover_type" and "statement" in c["source"].lower() for c in i["claims"])
    ]
    html = client.get(statement["html_url"]).text
    assert re.search(r"<h1>Political event: AID \((logistics|arms|fighters)\)</h1>", html)
    assert (
        '<a href="/actors/Saudi%20Arabia">Saudi Arabia</a>' in html and '<a href="/actors/Armed%20opposition">Armed opposition</a>' in html
    )
    assert re.search(r"<dt>Said by</dt><dd>[^<]*statement</dd>", html, re.I) and '<span class="certainty reported">reported</span>' in html
    assert 'class="evidence-sentence"' in html and "<dt>Killed</dt>" not in html
    political = client.get("/?violent=false&plover_type=AID")
    assert political.status_code == 200 and statement["html_url"] in political.text
    assert "Links are out of date" not in political.text  # ingest --link linked the violent ones; political ones never count


def test_e2e_map_marks_a_placed_political_event_as_one(client, seed_ids):
    """The Istanbul demonstration has a place: its map point says PROTEST, not a cause."""
    features = client.get("/api/v1/map?plover_type=PROTEST").json()["features"]
    (istanbul,) = [f["properties"] for f in features if f["properties"]["location"] == "Istanbul"]
    assert (istanbul["plover_type"], istanbul["plover_mode"], istanbul["event_type"]) == ("PROTEST", "demo", "Protests")
    assert istanbul["html_url"].startswith(f"/incidents/{seed_ids[ZARA]}/")
