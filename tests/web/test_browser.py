"""The pages in Debian's chromium through Playwright: filters move the list and the map, the linked page's source
table, the article's highlights, and stored markup that never runs. Skipped when chromium is not installed."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.web.conftest import HOSTILE_TITLE, article_of

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no chromium (apt-get install chromium)")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_db):
    import uvicorn

    from corroborate.web import create_app

    port = free_port()
    config = uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
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


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.problems = []  # dialogs, page errors, CSP reports and requests leaving the server
    opened.on("dialog", lambda dialog: (opened.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    opened.on("pageerror", lambda error: opened.problems.append(f"page error: {error}"))
    opened.on(
        "console", lambda message: opened.problems.append(f"console {message.type}: {message.text}") if message.type == "error" else None
    )
    opened.on(
        "request",
        lambda request: None if request.url.startswith((server, "data:")) else opened.problems.append(f"outside request: {request.url}"),
    )
    yield opened
    context.close()


def markers(page) -> int:
    page.wait_for_selector("#map[data-state='ready']")
    return int(page.get_attribute("#map", "data-markers"))


def list_places(page) -> list[str]:
    return [cell.strip() for cell in page.locator("#incident-list tbody td[data-label='Place']").all_inner_texts()]


def test_browser_incidents_filter_changes_list_and_map(page):
    page.goto("/")
    assert markers(page) == 6
    assert len(list_places(page)) == 6
    page.wait_for_selector("#timeline .bar")
    assert page.locator("#timeline .bar").count() == 3
    page.select_option("select[name=country]", "IQ")
    page.click("#apply")
    page.wait_for_url("**country=IQ**")
    assert markers(page) == 1
    assert list_places(page) == ["Mosul, Nineveh (IQ)"]
    assert page.problems == []


def test_browser_map_area_filters_list_and_map(page):
    page.goto("/?bbox=42,35,44.5,37.5")
    assert markers(page) == 1 and list_places(page) == ["Mosul, Nineveh (IQ)"]
    page.click("#map-area")  # the map fitted Mosul; the next incident is 6 degrees west
    page.wait_for_url(lambda url: "bbox=42%2C35" not in url and "bbox=" in url)
    assert markers(page) == 1 and list_places(page) == ["Mosul, Nineveh (IQ)"]
    page.click("text=Anywhere")
    page.wait_for_url(lambda url: "bbox" not in url)
    assert markers(page) == 6
    assert page.problems == []


def test_browser_timeline_bar_filters_list_and_map(page):
    page.goto("/")
    page.wait_for_selector("#timeline .bar")
    page.locator("#timeline .bar[data-start='2016-03-05']").click()
    page.wait_for_url("**date_from=2016-03-05**")
    assert markers(page) == 3
    assert list_places(page) == ["Saraqib, Idlib (SY)"] * 3
    assert page.problems == []


def test_browser_linked_incident_shows_every_source_side_by_side(page):
    page.goto("/linked?min_articles=2")
    page.locator("#linked-list tbody a").first.click()
    page.wait_for_selector("#source-table")
    rows = page.locator("#source-table tbody tr")
    assert rows.count() == 3
    by_outlet = {}
    for index in range(3):
        row = rows.nth(index)
        by_outlet[row.locator("td[data-label='Outlet']").inner_text()] = (
            row.locator("td[data-label='Killed']").inner_text(),
            row.locator("td[data-label='Said by']").first.inner_text(),
        )
    assert by_outlet["Valley Herald"] == ("21/21/21 update", "Syrian Observatory")
    assert by_outlet["State Wire"][1] == "Government media"
    assert "9 → 12 → 21" in page.inner_text("#sequence")
    assert "21/21/21" in page.inner_text("#reconciled")
    assert page.problems == []


def test_browser_article_highlights_the_killed_figure(page):
    page.goto(f"/articles/{article_of(1)}")
    killed = page.locator("#article-text mark[data-fields~='casualties.killed']")
    assert killed.count() == 1 and killed.inner_text() == "The death toll rose to 21"
    page.click("button.field[data-field='casualties.killed']")
    assert "active" in killed.get_attribute("class")
    assert page.locator("q.sentence:visible").inner_text() == "The death toll rose to 21, the Syrian Observatory said."
    killed.hover()
    assert "casualties.killed = 21" in page.inner_text("#hover-field")
    assert page.inner_text("#credibility-score").strip()
    assert page.problems == []


def test_browser_stored_markup_in_a_title_does_not_run(page):
    page.goto(f"/articles/{article_of(0)}")
    assert page.inner_text("#article-title") == HOSTILE_TITLE
    page.goto("/")
    markers(page)
    page.goto(f"/incidents/{article_of(0)}/i1")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img[src=x]").count() == 0
    assert page.problems == []


def test_browser_reads_on_a_phone(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"/articles/{article_of(1)}")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    text_box, fields_box = phone.locator("#article-text").bounding_box(), phone.locator("#fields").bounding_box()
    assert fields_box["y"] >= text_box["y"] + text_box["height"]  # stacked, not side by side
    context.close()


def test_browser_api_docs_work_offline(page):
    page.goto("/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/incidents" in [path.strip() for path in paths]
    assert page.problems == []
