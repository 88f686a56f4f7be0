"""The network page, its API twin and the actor page's edges, in process (FastAPI's TestClient), on a store of
hand-built political events and a sponsored attack (tests/network_stores.py) with one hostile article."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from corroborate.store import open_database
from corroborate.web import create_app
from tests.network_stores import DENIAL, HOSTILE_ACTOR, HOSTILE_TEXT, hostile_article, network_extractions

US, FSA = "United States", "Free Syrian Army"


def build_network_store(path) -> str:
    with open_database(path) as store:
        store.save_extractions([*network_extractions(), hostile_article()])
    return str(path)


@pytest.fixture(scope="module")
def network_db(tmp_path_factory) -> str:
    return build_network_store(tmp_path_factory.mktemp("network") / "network.db")


@pytest.fixture(scope="module")
def client(network_db):
    with TestClient(create_app(network_db), raise_server_exceptions=False) as test_client:
        yield test_client


def page_data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', html, re.S)
    assert block is not None
    return json.loads(block.group(1))


def test_web_network_api_is_node_link_json_with_page_links(client):
    response = client.get("/api/v1/network")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    body = response.json()
    nodes = {node["id"]: node for node in body["nodes"]}
    assert nodes[US]["html_url"] == "/actors/United%20States" and nodes[US]["type"] == "foreign state"
    edges = {(e["source"], e["target"], e["key"]): e for e in body["edges"]}
    us = edges[(US, FSA, "AID/asserted")]
    assert us["weight"] == 4 and us["certainty"] == "asserted" and len(us["evidence"]) == 6
    first = us["evidence"][0]
    assert first["html_url"] == f"/incidents/{first['article_id']}/i1" and first["article_url"] == f"/articles/{first['article_id']}"
    assert edges[("Turkey", FSA, "AID/denied")]["evidence"][0]["sentence"] == DENIAL


def test_web_network_api_filters_and_errors(client):
    denied = client.get("/api/v1/network?certainty=denied").json()
    assert [(e["source"], e["certainty"]) for e in denied["edges"]] == [("Turkey", "denied")]
    assert denied["filters"] == {"certainty": "denied"}
    rejects = client.get("/api/v1/network?type=reject&since=2016-01-01&until=2016-12-31").json()
    assert [(e["source"], e["target"], e["type"]) for e in rejects["edges"]] == [("US-led coalition", "Russia", "REJECT")]
    for url, message in (
        ("/api/v1/network?type=ARMS", "unknown PLOVER type ARMS"),
        ("/api/v1/network?since=2016-13-01", "since: '2016-13-01' is not a date (YYYY-MM-DD)"),
        ("/api/v1/network?certainty=likely", "unknown certainty group likely"),
    ):
        response = client.get(url)
        assert response.status_code == 400 and message in response.json()["error"]["message"], url


def test_web_network_page_lists_every_edge_and_embeds_the_graph(client):
    response = client.get("/network")
    assert response.status_code == 200
    html = response.text
    assert '<a href="/network" aria-current="page">Network</a>' in html
    assert html.count('class="edge-row') == 7 and 'id="network-legend"' in html
    assert '<script src="/static/vendor/vis-network/vis-network.min.js"></script>' in html
    graph = page_data(html)["graph"]
    assert len(graph["edges"]) == 7 and graph["edges"][0]["source"] == "Iran"  # in the table's order
    filtered = client.get("/network?type=REJECT")
    assert filtered.text.count('class="edge-row') == 1 and '<option value="REJECT" selected>' in filtered.text
    assert client.get("/network?type=ARMS").status_code == 400
    assert client.get("/static/vendor/vis-network/vis-network.min.js").status_code == 200


def test_web_actor_page_lists_its_edges_both_ways(client):
    html = client.get("/actors/Free%20Syrian%20Army").text
    section = html[html.index('id="actor-edges"') : html.index("<h2>Incidents")]
    assert "It acts on (0)" in section and "Acting on it (4)" in section
    assert '<a href="/actors/Turkey">Turkey</a>' in section and section.count(">denied<") == 1
    assert DENIAL in section and 'href="/network?actor=Free+Syrian+Army"' in section
    us = client.get("/actors/United%20States").text
    assert "It acts on (1)" in us and ">AID (arms) <small>sponsor</small>" in us


def test_web_network_markup_from_articles_is_text(client):
    for url in ("/network", "/network?actor=Qatar", f"/actors/{HOSTILE_ACTOR}", "/actors/Qatar"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.text
        block = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', html, re.S)
        markup = html.replace(block.group(0), "") if block else html  # the JSON block is data the browser never runs
        assert "<img src=x" not in markup and "<script>window.__pwned" not in markup, url
        assert "</script> officials" not in html and "<!--" not in html, url
    html = client.get("/network").text
    assert "&lt;img src=x onerror=" in html  # the actor's name in the table, escaped
    graph = page_data(html)["graph"]
    (hostile,) = [e for e in graph["edges"] if e["target"] == HOSTILE_ACTOR]
    assert hostile["evidence"][0]["sentence"] == HOSTILE_TEXT  # intact as data, inert in the page
    api = client.get("/api/v1/network").text
    assert "</script>" not in api
    assert HOSTILE_TEXT in [item["sentence"] for edge in json.loads(api)["edges"] for item in edge["evidence"]]
