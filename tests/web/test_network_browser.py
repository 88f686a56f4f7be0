"""The network page in Debian's chromium through Playwright: the graph draws offline, clicking an edge shows its
evidence, the filters redraw it, and an article's markup never runs. Skipped when chromium is not installed."""

from __future__ import annotations

import json
import threading
import time

import pytest

from tests.network_stores import DENIAL, HOSTILE_ACTOR, HOSTILE_TEXT
from tests.web.test_browser import CHROMIUM_ARGS, browser, free_port, pytestmark  # noqa: F401  (fixture, skip mark)
from tests.web.test_network_web import build_network_store


@pytest.fixture(scope="module")
def network_server(tmp_path_factory):
    import uvicorn

    from corroborate.web import create_app

    db = build_network_store(tmp_path_factory.mktemp("network-browser") / "network.db")
    port = free_port()
    running = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser, network_server):  # noqa: F811
    context = browser.new_context(base_url=network_server, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.problems = []  # dialogs, page errors, console errors (CSP refusals) and requests leaving the server
    opened.on("dialog", lambda dialog: (opened.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    opened.on("pageerror", lambda error: opened.problems.append(f"page error: {error}"))
    opened.on("console", lambda m: opened.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    opened.on(
        "request",
        lambda request: None if request.url.startswith((network_server, "data:")) else opened.problems.append(f"outside: {request.url}"),
    )
    yield opened
    context.close()


def edge_points(page) -> list[dict]:
    page.wait_for_selector("#graph[data-state='ready']", timeout=30_000)
    return json.loads(page.get_attribute("#graph", "data-edge-points"))


def click_edge(page, index: int) -> None:
    point = next(p for p in edge_points(page) if p["id"] == index)
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def table_index(page, actor: str, certainty: str) -> int:
    row = page.locator(f"#edges tr.edge-row.{certainty}", has=page.locator(f"td[data-label='Actor'] >> text={actor}"))
    return int(row.get_attribute("data-edge"))


def test_browser_network_edge_click_shows_its_evidence(page):
    page.goto("/network")
    assert len(edge_points(page)) == 7
    click_edge(page, table_index(page, "Turkey", "denied"))
    page.wait_for_selector("#evidence[data-edge]")
    assert page.inner_text("#evidence .edge-facts").startswith("AID (arms) · denied · weight 1 · score +2")
    assert page.locator("#evidence .evidence-sentence").all_inner_texts() == [DENIAL]
    meta = page.inner_text("#evidence .evidence-meta")
    assert "denied, said by Turkey · Northern Dispatch" in meta
    page.locator("#evidence .evidence-meta a", has_text="incident").click()
    page.wait_for_url("**/incidents/**/i1")
    assert DENIAL in page.content()
    assert page.problems == []


def test_browser_network_filters_redraw_the_graph(page):
    page.goto("/network")
    edge_points(page)
    page.select_option("select[name=certainty]", "alleged")
    page.click("#apply")
    page.wait_for_url("**certainty=alleged**")
    assert len(edge_points(page)) == 1
    assert page.locator("#edges tr.edge-row").count() == 1
    assert page.problems == []


def test_browser_network_markup_in_a_sentence_or_name_does_not_run(page):
    page.goto("/network")
    index = next(
        i for i, text in enumerate(page.locator("#edges tr.edge-row td[data-label='Recipient']").all_inner_texts()) if "Brigade" in text
    )
    click_edge(page, index)
    page.wait_for_selector(f"#evidence[data-edge='{index}']")
    assert page.locator("#evidence .evidence-sentence").all_inner_texts() == [HOSTILE_TEXT]
    assert HOSTILE_ACTOR in page.inner_text("#evidence h2")
    assert page.evaluate("typeof window.__pwned") == "undefined" and page.locator("img[src=x]").count() == 0
    page.goto("/actors/Qatar")
    page.locator("#actor-edges details summary").first.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img[src=x]").count() == 0
    assert page.problems == []


def test_browser_political_event_pages_with_markup_in_the_sentence_do_not_run_it(page):
    """The hostile article's political event: its incident page, its article page (the claim highlighted) and the
    political list show the sentence and the recipient as text; nothing runs, nothing is fetched from elsewhere."""
    page.goto("/?violent=false")
    page.locator("#incident-list td[data-label='Event']", has_text="Brigade").locator("xpath=..").locator("td[data-label='Date'] a").click()
    page.wait_for_url("**/incidents/**/i1")
    assert page.inner_text("h1") == "Political event: AID (arms)"
    assert page.inner_text("blockquote.evidence-sentence") == HOSTILE_TEXT
    assert HOSTILE_ACTOR in page.inner_text(".political-parties")
    page.locator("#political-facts a", has_text="<script>").click()
    page.wait_for_url("**/articles/**")
    mark = page.locator("#article-text mark.claim")
    assert mark.inner_text() == HOSTILE_TEXT and HOSTILE_ACTOR in mark.get_attribute("title")
    page.locator("button.field[data-field='plover_type']").click()
    assert page.locator("#article-text mark.active").count() == 1
    assert page.evaluate("typeof window.__pwned") == "undefined" and page.locator("img[src=x]").count() == 0
    assert page.problems == []
