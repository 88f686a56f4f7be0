"""The JSON API in process (FastAPI's TestClient): filters, keyset paging, totals, exports, errors, escaping, headers, read-only."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from corroborate.store.export import ACLED_COLUMNS, LINKED_COLUMNS, UCDP_COLUMNS
from corroborate.web import create_app
from tests.store.conftest import table_contents
from tests.web.conftest import HOSTILE_TITLE, ODD_ACTOR, STORIES, article_of

UCDP_HEADER = "id,year,type_of_violence,where_prec,where_coordinates,adm_1,latitude,longitude,country,date_prec,date_start,date_end,deaths_civilians,best,high,low"


@pytest.fixture(scope="module")
def client(web_db):
    with TestClient(create_app(web_db), raise_server_exceptions=False) as test_client:
        yield test_client


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def all_pages(client, url):
    items, pages = [], 0
    while url:
        body = get_json(client, url)
        items.extend(body["items"])
        url = body["next"]
        pages += 1
    return items, pages


def test_api_incidents_newest_first_undated_last_with_total_only_when_asked(client):
    body = get_json(client, "/api/v1/incidents?total=true")
    days = [item["date"]["start"] for item in body["items"]]
    assert body["total"] == 6 and len(days) == 6
    assert days[:5] == ["2016-05-02", "2016-04-20", "2016-03-05", "2016-03-05", "2016-03-05"] and days[5] is None
    assert body["next"] is None
    assert "total" not in get_json(client, "/api/v1/incidents")


def test_api_incident_records_are_the_contract_with_article_linked_id_and_html_url(client):
    item = get_json(client, "/api/v1/incidents?country=IQ")["items"][0]
    mosul = article_of(4)
    assert item["html_url"] == f"/incidents/{mosul}/i1"
    assert item["article"]["id"] == mosul and item["article"]["outlet"] == "Northern Dispatch"
    assert item["casualties"]["killed"]["best"] == 7 and item["location"]["name"] == "Mosul"
    assert item["linked_id"].startswith("L")
    assert get_json(client, f"/api/v1/incidents/{mosul}/i1") == item
    assert client.get(item["html_url"]).status_code == 200


def test_api_incidents_keyset_pages_cover_the_list_once_and_keep_the_filters(client):
    everything = get_json(client, "/api/v1/incidents")["items"]
    paged, pages = all_pages(client, "/api/v1/incidents?limit=2")
    assert pages == 3 and [i["html_url"] for i in paged] == [i["html_url"] for i in everything]
    first = get_json(client, "/api/v1/incidents?actor=Russia&limit=1")
    assert "actor=Russia" in first["next"] and "limit=1" in first["next"]
    russia, pages = all_pages(client, "/api/v1/incidents?actor=Russia&limit=1")
    assert pages == 3 and {i["article"]["outlet"] for i in russia} == {"Northern Dispatch", "Valley Herald", "State Wire"}


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 5, 6, 7])
def test_api_incidents_any_page_size_crosses_ties_and_the_undated_once(client, limit):
    everything = [item["html_url"] for item in get_json(client, "/api/v1/incidents")["items"]]
    paged, pages = all_pages(client, f"/api/v1/incidents?limit={limit}")
    assert [item["html_url"] for item in paged] == everything
    assert pages == max(1, -(-len(everything) // limit))


def test_api_actor_filter_gives_the_same_pages_either_way(client, monkeypatch):
    """A frequent actor's page probes each incident in list order; a rare one's reads the actor's index: same answer."""
    by_index, _ = all_pages(client, "/api/v1/incidents?actor=Russia&limit=2")
    monkeypatch.setattr("corroborate.service.queries.DENSE_ACTOR", 0)
    by_probe, _ = all_pages(client, "/api/v1/incidents?actor=Russia&limit=2")
    assert [i["html_url"] for i in by_probe] == [i["html_url"] for i in by_index] and len(by_index) == 3
    assert get_json(client, "/api/v1/incidents?actor=Russia&total=true")["total"] == 3


@pytest.mark.parametrize(
    ("query", "places"),
    [
        ("event_type=Battles", ["Homs"]),
        ("country=iq", ["Mosul"]),
        ("cause=car+bomb", ["Mosul"]),
        ("admin1=Idlib", ["Saraqib"] * 3),
        ("actor=Syrian+government", ["Homs"]),
        ("outlet=Valley+Herald", ["Homs", "Saraqib"]),
        ("language=en&date_from=2016-04-01&date_to=2016-04-30", ["Homs"]),
        ("q=CAR+BOMB", ["Mosul"]),
        ("q=100%25", []),
        ("bbox=36,35,37.5,36.5", ["Saraqib"] * 3),
        ("bbox=40,30,50,40&event_type=Explosions/Remote+violence", ["Mosul"]),
    ],
)
def test_api_incidents_filters(client, query, places):
    body = get_json(client, f"/api/v1/incidents?{query}&total=true")
    assert [item["location"]["name"] for item in body["items"]] == places
    assert body["total"] == len(places)


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/api/v1/incidents?after=not-a-cursor", 400, "cursor"),
        ("/api/v1/incidents?date_from=2016-02-30", 400, "date_from"),
        ("/api/v1/incidents?date_from=2016-05-01&date_to=2016-04-01", 400, "date_from is after date_to"),
        ("/api/v1/incidents?bbox=1,2,3", 400, "bbox"),
        ("/api/v1/incidents?country=Syria", 400, "two-letter"),
        ("/api/v1/incidents?limit=501", 400, "limit"),
        ("/api/v1/incidents.csv?schema=gdelt", 400, "schema"),
        ("/api/v1/linked/Lnope", 404, "no linked incident Lnope"),
        ("/api/v1/articles/nope/credibility", 404, "no article nope"),
        ("/api/v1/actors/Nobody", 404, "no actor"),
        ("/api/v1/checks", 404, "--reference"),
        ("/api/v1/nothing-here", 404, "no such page"),
    ],
)
def test_api_errors_are_json_with_status_and_message(client, url, status, message):
    body = get_json(client, url, status)
    assert body["error"]["status"] == status and message in body["error"]["message"]
    assert "Traceback" not in json.dumps(body)


def test_api_page_errors_are_pages_with_the_message_escaped(client):
    bad = client.get("/?date_from=2016-02-30")
    assert bad.status_code == 400 and bad.headers["content-type"].startswith("text/html")
    assert "date_from" in bad.text and "<h1>400</h1>" in bad.text
    missing = client.get("/articles/<img src=x onerror=alert(1)>")
    assert missing.status_code == 404 and "no article &lt;img src=x onerror=alert(1)&gt;" in missing.text
    assert "<img" not in missing.text
    nowhere = client.get("/nowhere/<script>x</script>")
    assert nowhere.status_code == 404 and "no such page: /nowhere/&lt;script&gt;x&lt;/script&gt;" in nowhere.text


def test_api_internal_failure_is_json_without_traceback(web_db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr("corroborate.service.queries.list_incidents", broken)
    with TestClient(create_app(web_db), raise_server_exceptions=False) as client:
        response = client.get("/api/v1/incidents")
        assert response.status_code == 500 and "script-src 'self'" in response.headers["content-security-policy"]
        assert response.json() == {"error": {"status": 500, "message": "internal error (RuntimeError); the server log has the details"}}
        page = client.get("/")
        assert page.status_code == 500 and "secret detail" not in page.text and "Traceback" not in page.text


def test_api_linked_incident_has_every_source_and_the_reconciled_figures(client):
    body = get_json(client, "/api/v1/linked?min_articles=2&total=true")
    assert body["total"] == 1 and body["links"] == {"stale": False, "unlinked_incidents": 0}
    (linked,) = body["items"]
    assert linked["html_url"] == f"/linked/{linked['id']}"
    record = get_json(client, f"/api/v1/linked/{linked['id']}")
    assert record == linked
    assert sorted(s["outlet"] for s in record["sources"]) == ["Northern Dispatch", "State Wire", "Valley Herald"]
    assert record["killed"]["sequence"] == [9, 12, 21] and record["killed"]["best"] == 21
    assert get_json(client, "/api/v1/linked?total=true")["total"] == 3


def test_api_linked_filters_reach_the_members(client):
    assert [i["location"]["name"] for i in get_json(client, "/api/v1/linked?outlet=State+Wire")["items"]] == ["Saraqib"]
    assert [i["location"]["name"] for i in get_json(client, "/api/v1/linked?actor=Syrian+government")["items"]] == ["Homs"]
    paged, pages = all_pages(client, "/api/v1/linked?limit=1")
    assert pages == 3 and [i["location"]["name"] for i in paged] == ["Mosul", "Homs", "Saraqib"]


def test_api_csv_exports_stream_the_filtered_list_with_acled_and_ucdp_columns(client):
    response = client.get("/api/v1/incidents.csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == ACLED_COLUMNS and len(rows) == 6
    ucdp = list(csv.DictReader(io.StringIO(client.get("/api/v1/incidents.csv?schema=ucdp").text)))
    assert list(ucdp[0]) == UCDP_COLUMNS and len(ucdp) == 5  # the protest is not organised violence
    (mosul,) = csv.DictReader(io.StringIO(client.get("/api/v1/incidents.csv?country=IQ").text))
    assert mosul["location"] == "Mosul" and mosul["fatalities"] == "7"
    assert len(list(csv.DictReader(io.StringIO(client.get("/api/v1/incidents.csv?limit=2").text)))) == 2
    linked = list(csv.DictReader(io.StringIO(client.get("/api/v1/linked.csv").text)))
    assert list(linked[0]) == LINKED_COLUMNS and len(linked) == 3


def test_api_geojson_export_has_points_with_html_urls(client):
    response = client.get("/api/v1/incidents.geojson?event_type=Explosions/Remote+violence")
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 4
    feature = next(f for f in collection["features"] if f["properties"]["location"] == "Mosul")
    assert feature["geometry"]["coordinates"] == [43.1189, 36.335]
    assert feature["properties"]["html_url"] == f"/incidents/{article_of(4)}/i1"
    assert len(client.get("/api/v1/incidents.geojson").json()["features"]) == 6


def test_api_map_points_are_the_newest_filtered_incidents_with_coordinates(client):
    collection = get_json(client, "/api/v1/map?country=SY")
    points = [feature["properties"] for feature in collection["features"]]
    assert [p["location"] for p in points] == ["Homs", "Saraqib", "Saraqib", "Saraqib", "Homs"]  # the undated protest last
    assert [p["date_start"] for p in points][-1] is None and sorted(p["killed"] for p in points[1:4]) == [9, 12, 21]
    assert {p["html_url"] for p in points} <= {i["html_url"] for i in get_json(client, "/api/v1/incidents")["items"]}
    assert points[-1]["title"] == "Protest in Homs" and points[1]["outlet"] in {"Northern Dispatch", "Valley Herald", "State Wire"}
    newest = get_json(client, "/api/v1/map?limit=1")["features"]
    assert [f["properties"]["location"] for f in newest] == ["Mosul"] and newest[0]["geometry"]["coordinates"] == [43.1189, 36.335]
    assert len(get_json(client, "/api/v1/map")["features"]) == 6


def test_api_article_has_text_extraction_and_credibility_with_evidence(client):
    article_id = article_of(1)
    body = get_json(client, f"/api/v1/articles/{article_id}")
    assert body["article"]["text"] == STORIES[1].text and body["html_url"] == f"/articles/{article_id}"
    claim = body["extraction"]["incidents"][0]["claims"][0]
    assert body["article"]["text"][claim["evidence"]["start"] : claim["evidence"]["end"]] == "The death toll rose to 21"
    assert body["linked_ids"]["i1"].startswith("L")
    credibility = get_json(client, f"/api/v1/articles/{article_id}/credibility")
    assert 0 <= credibility["score"] <= 1 and credibility["reasons"]
    for reason in credibility["reasons"]:
        for evidence in reason["evidence"]:
            assert STORIES[1].text[evidence["start"] : evidence["end"]] == evidence["text"]
    listed = get_json(client, "/api/v1/articles?outlet=Valley+Herald&total=true")
    assert listed["total"] == 2 and {a["html_url"] for a in listed["items"]} >= {f"/articles/{article_id}"}
    assert get_json(client, "/api/v1/articles?country=IQ")["items"][0]["title"] == "Car bomb in Mosul"


def test_api_actors_and_sources(client):
    actors = {a["name"]: a for a in get_json(client, "/api/v1/actors")["items"]}
    assert actors["Russia"]["mentions"] == 3 and actors["Russia"]["html_url"] == "/actors/Russia"
    paged, pages = all_pages(client, "/api/v1/actors?limit=1")
    assert pages == len(actors) and [a["name"] for a in paged] == sorted(actors)
    russia = get_json(client, "/api/v1/actors/Russia")
    assert russia["roles"] == {"perpetrator": 3} and len(russia["incidents"]["items"]) == 3 and russia["incidents"]["total"] == 3
    assert {o["outlet"] for o in russia["outlets"]} == {"Northern Dispatch", "Valley Herald", "State Wire"}
    odd = actors[ODD_ACTOR]
    assert odd["html_url"] == "/actors/Islamic%20State%20%28IS%2FISIL%29%20%231%3F"
    assert get_json(client, "/api/v1" + odd["html_url"])["incidents"]["items"][0]["location"]["name"] == "Mosul"
    assert client.get(odd["html_url"]).status_code == 200
    sources = {s["outlet"]: s for s in get_json(client, "/api/v1/sources")["items"]}
    assert sources["Valley Herald"]["articles"] == 2 and sources["State Wire"]["articles"] == 2


def test_api_timeline_counts_per_day_by_type_with_the_filters(client):
    body = get_json(client, "/api/v1/timeline?bucket=day")
    assert [(b["start"], b["counts"]) for b in body["buckets"]] == [
        ("2016-03-05", {"Explosions/Remote violence": 3}),
        ("2016-04-20", {"Battles": 1}),
        ("2016-05-02", {"Explosions/Remote violence": 1}),
    ]
    assert get_json(client, "/api/v1/timeline")["bucket"] == "day"  # 59 days fit in 180 bars
    months = get_json(client, "/api/v1/timeline?bucket=month&event_type=Explosions/Remote+violence")
    assert [(b["start"], b["end"], b["counts"]) for b in months["buckets"]] == [
        ("2016-03-01", "2016-03-31", {"Explosions/Remote violence": 3}),
        ("2016-05-01", "2016-05-31", {"Explosions/Remote violence": 1}),
    ]
    weeks = get_json(client, "/api/v1/timeline?bucket=week&country=SY")
    assert [(b["start"], b["end"]) for b in weeks["buckets"]] == [("2016-02-29", "2016-03-06"), ("2016-04-18", "2016-04-24")]


def test_api_stored_markup_is_data_escaped_in_json_and_pages(client):
    article_id = article_of(0)
    raw = client.get(f"/api/v1/articles/{article_id}").text
    assert "</script>" not in raw and "<\\/script>" in raw
    assert json.loads(raw)["article"]["title"] == HOSTILE_TITLE
    for url in (f"/articles/{article_id}", f"/incidents/{article_id}/i1", "/", "/articles"):
        page = client.get(url).text
        assert "<script>window.__pwned" not in page and "<img src=x" not in page
        assert "&lt;script&gt;window.__pwned" in page
        assert 'href="javascript:' not in page
    linked_id = get_json(client, "/api/v1/linked?min_articles=2")["items"][0]["id"]
    linked_page = client.get(f"/linked/{linked_id}").text
    assert 'href="https://valley-herald.example/saraqib-market"' in linked_page and "javascript:" not in linked_page


def test_api_every_response_has_the_content_security_policy(client):
    for url in ("/", "/api/v1/incidents", "/api/v1/nothing", "/docs", "/static/app.css"):
        policy = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'self'" in policy and "object-src 'none'" in policy
        assert "frame-ancestors 'none'" in policy and "base-uri 'none'" in policy and "unsafe-inline" not in policy


def test_api_openapi_and_offline_docs(client):
    spec = get_json(client, "/openapi.json")
    assert {"/api/v1/incidents", "/api/v1/linked/{linked_id}", "/api/v1/incidents.csv", "/api/v1/articles/{article_id}/credibility"} <= set(
        spec["paths"]
    )
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "http" not in docs.replace("http-equiv", "")
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/static/vendor/markercluster/leaflet.markercluster.js").status_code == 200
    assert client.get("/static/countries.geojson").json()["type"] == "FeatureCollection"


def test_api_server_is_read_only(web_db):
    before = table_contents(str(web_db))
    app = create_app(web_db)
    with TestClient(app) as client:
        spec = client.get("/openapi.json").json()
        assert all(set(methods) <= {"get"} for methods in spec["paths"].values())
        for path in (
            "/",
            "/linked",
            "/articles",
            "/actors",
            "/sources",
            "/api/v1/incidents?total=true",
            "/api/v1/linked",
            "/api/v1/incidents.csv",
            "/api/v1/linked.csv",
            "/api/v1/timeline",
        ):
            assert client.get(path).status_code == 200
        for article in range(len(STORIES)):
            assert client.get(f"/articles/{article_of(article)}").status_code == 200
        assert client.post("/api/v1/incidents").status_code == 405
        with pytest.raises(DBAPIError, match="readonly|read-only"):
            with app.state.web.store.engine.begin() as connection:
                connection.execute(text("DELETE FROM incidents"))
    assert table_contents(str(web_db)) == before


def test_api_stale_links_are_reported_not_fixed(stale_db):
    with TestClient(create_app(stale_db)) as client:
        body = get_json(client, "/api/v1/linked")
        assert body["links"] == {"stale": True, "unlinked_incidents": 1}
        assert get_json(client, "/api/v1/incidents")["items"][0]["linked_id"] is None
        assert "corroborate link" in client.get("/").text and "corroborate link" in client.get("/linked").text
        assert get_json(client, "/api/v1/linked?total=true")["total"] == 3
    with TestClient(create_app(stale_db)) as client:
        assert get_json(client, "/api/v1/linked")["links"]["unlinked_incidents"] == 1


def test_api_checks_with_a_reference(web_db, tmp_path):
    reference = tmp_path / "ged.csv"
    reference.write_text(
        UCDP_HEADER + "\n700001,2016,1,1,Saraqib town,Idlib governorate,35.8645,36.8059,Syria,1,2016-03-05,2016-03-05,18,20,25,18\n",
        encoding="utf-8",
    )
    with TestClient(create_app(web_db, reference=reference, reference_format="ucdp")) as client:
        body = get_json(client, "/api/v1/checks?country=SY")
        verdicts = {(c["outlet"], c["field"]): c["verdict"] for c in body["items"]}
        assert verdicts[("Valley Herald", "killed")] == "consistent"
        assert verdicts[("State Wire", "killed")] == "deflated"
        assert "ged.csv" in body["reference"]
        assert {c["html_url"] for c in body["items"]} == {f"/linked/{c['linked_id']}" for c in body["items"]}
        linked_id = get_json(client, "/api/v1/linked?min_articles=2")["items"][0]["id"]
        assert {c["verdict"] for c in get_json(client, f"/api/v1/linked/{linked_id}")["checks"]} >= {"consistent", "deflated"}
        page = client.get(f"/linked/{linked_id}").text
        assert "verdict-consistent" in page and "verdict-deflated" in page
