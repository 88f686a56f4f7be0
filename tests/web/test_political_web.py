"""Political events in the web UI and API, in process (TestClient), on the actor network's hand-built store
(tests/network_stores.py): the incident page shows who does what to whom, how sure and who says so; the list
filters by PLOVER type and violent/political; the article page highlights the event's evidence; markup stays text."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from corroborate.models import article_id
from corroborate.web import create_app
from tests.network_stores import BLOCK, DENIAL, HOSTILE_TEXT, SHELLING
from tests.web.test_network_web import build_network_store

POLITICAL, VIOLENT = 11, 1
"""The store's incidents: ten AID events (one article names two sponsors, so two events), one REJECT; one shelling."""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = build_network_store(tmp_path_factory.mktemp("political-web") / "political.db")
    with TestClient(create_app(db), raise_server_exceptions=False) as test_client:
        yield test_client


def rows(html: str) -> list[str]:
    body = html[html.index('id="incident-list"') :]
    return [row for row in re.findall(r"<tr>\s*(.*?)</tr>", body[: body.index("</table>")], re.S) if "<td" in row]


def test_political_incident_page_shows_actor_recipient_certainty_source_and_evidence(client):
    html = client.get(f"/incidents/{article_id(DENIAL)}/i1").text
    assert "<h1>Political event: AID (arms)</h1>" in html
    parties = html[html.index('class="lede political-parties"') :]
    parties = parties[: parties.index("</p>")]
    assert parties.index('href="/actors/Turkey"') < parties.index("→") < parties.index('href="/actors/Free%20Syrian%20Army"')
    facts = html[html.index('id="political-facts"') : html.index("</dl>")]
    assert '<span class="certainty denied">denied</span>' in facts and "not as something that happened" in facts
    assert "<dt>Said by</dt><dd>Turkey</dd>" in facts and "<dt>Mode</dt><dd>arms</dd>" in facts
    assert "<dt>ACLED type</dt><dd>Strategic developments: Other</dd>" in facts
    assert f'<blockquote class="evidence-sentence"><q>{DENIAL}</q></blockquote>' in html
    assert "<dt>Killed</dt>" not in html and "<dt>Cause</dt>" not in html and "not linked yet" not in html
    assert 'href="/network?actor=Turkey&amp;type=AID"' in facts


def test_violent_incident_page_is_unchanged_and_names_its_sponsor(client):
    html = client.get(f"/incidents/{article_id(SHELLING)}/i1").text
    assert "<h1>Explosions/Remote violence: Shelling/artillery/missile attack</h1>" in html and "<dt>Killed</dt><dd>3</dd>" in html
    assert '<a href="/actors/United%20States">United States</a> <small>(sponsor, foreign state)</small>' in html
    assert "political-facts" not in html


def test_incidents_list_filters_political_violent_and_plover_type(client):
    everything = client.get("/").text
    assert f"{POLITICAL + VIOLENT} incidents match." in everything
    political = client.get("/?violent=false").text
    assert f"{POLITICAL} incidents match." in political and '<option value="false" selected>political only</option>' in political
    assert all('class="political"' in row for row in rows(political))
    (violent,) = rows(client.get("/?violent=true").text)
    assert "Explosions/Remote violence" in violent and "Free Syrian Army" in violent  # the perpetrator in the row
    reject = client.get("/?plover_type=REJECT").text
    assert "1 incident match." in reject and '<option value="REJECT" selected>REJECT</option>' in reject
    (row,) = rows(reject)
    assert '<span class="plover">REJECT (block)</span>' in row and "US-led coalition → Russia · asserted" in row
    assert '<span class="muted">political</span>' in row and "not linked yet" not in row
    assert "0 incidents match." in client.get("/?plover_type=reject&violent=true").text
    assert client.get("/?plover_type=ARMS").status_code == 400


def test_api_incidents_carry_plover_fields_and_filter_by_them(client):
    body = client.get("/api/v1/incidents?plover_type=aid&limit=4&total=true").json()
    assert body["total"] == POLITICAL - 1 and len(body["items"]) == 4
    assert {(item["plover_type"], item["violent"]) for item in body["items"]} == {("AID", False)}
    assert "plover_type=AID" in body["next"] and "limit=4" in body["next"]
    (block,) = client.get("/api/v1/incidents?plover_type=REJECT").json()["items"]
    assert (block["plover_type"], block["plover_mode"], block["event_type"]) == ("REJECT", "block", "Strategic developments")
    assert [(a["role"], a["name"]) for a in block["actors"]] == [("actor", "US-led coalition"), ("recipient", "Russia")]
    assert block["claims"][0]["field"] == "plover_type" and block["claims"][0]["evidence"]["sentence"] == BLOCK
    violent = client.get("/api/v1/incidents?violent=true&total=true").json()
    assert violent["total"] == VIOLENT and violent["items"][0]["plover_type"] is None
    assert client.get("/api/v1/incidents?violent=false&total=true").json()["total"] == POLITICAL
    for url, message in (
        ("/api/v1/incidents?plover_type=ARMS", "unknown PLOVER type ARMS"),
        ("/api/v1/incidents?violent=maybe", "violent"),
    ):
        response = client.get(url)
        assert response.status_code == 400 and message in response.json()["error"]["message"], url
    assert client.get("/api/v1/timeline?violent=false").json()["buckets"]  # the filter reaches every list
    assert client.get("/api/v1/linked?plover_type=AID").json()["items"] == []  # political events are never linked


def test_article_page_highlights_a_political_claim(client):
    html = client.get(f"/articles/{article_id(BLOCK)}").text
    mark = re.search(r'<mark class=" claim" data-keys="c-i1-0" data-fields="plover_type " title="([^"]*)">', html)
    assert mark is not None and mark.group(1) == "i1 REJECT (block): US-led coalition → Russia (asserted, said by Valley Herald)"
    assert (
        '<h3 class="political"><a href="/incidents/' in html and "AID" not in html[html.index('id="fields"') :].split("<h2>Credibility")[0]
    )


def test_political_pages_keep_markup_as_text(client):
    """The hostile article's sentence and recipient hold markup: every page that shows them shows text."""
    hostile = client.get("/api/v1/incidents?q=Brigade").json()["items"]
    (item,) = [i for i in hostile if i["claims"][0]["evidence"]["sentence"] == HOSTILE_TEXT]
    for url in (item["html_url"], f"/articles/{item['article']['id']}", "/?violent=false", "/actors/Qatar"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<img src=x" not in response.text and "<script>window.__pwned" not in response.text, url
        assert "&lt;img src=x onerror=" in response.text, url
