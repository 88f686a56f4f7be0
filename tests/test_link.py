"""Linking: one invented air strike told by four outlets becomes one incident; its neighbours stay apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import EXIT_OK, EXIT_USAGE, app
from corroborate.link import UPDATE_WORDING, LinkedIncident, link_incidents, origin_groups, reconcile
from corroborate.models import Article, CasualtyCount, Extraction

FIXTURES = Path(__file__).parent / "fixtures" / "linking"

# Invented outlets and publication days; "Tuesday" is 14 March 2023 for all of them.
PUBLISHED = {
    "levant_daily": dt.date(2023, 3, 14),
    "idlib_today": dt.date(2023, 3, 14),  # a near-copy of levant_daily: not an independent source
    "orontes_post": dt.date(2023, 3, 15),
    "north_syria_wire": dt.date(2023, 3, 16),  # "the death toll rose to 26"
    "ariha_same_day": dt.date(2023, 3, 14),  # same governorate, different town
    "saraqib_three_weeks_later": dt.date(2023, 4, 5),  # same town, three weeks later
}
SAME_STRIKE = {"levant_daily", "idlib_today", "orontes_post", "north_syria_wire"}


def text_of(outlet: str) -> str:
    return (FIXTURES / f"{outlet}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def extractions() -> list[Extraction]:
    from corroborate.extract.pipeline import extract_text

    return [extract_text(text_of(outlet), published=published, outlet=outlet) for outlet, published in PUBLISHED.items()]


@pytest.fixture(scope="module")
def linked(extractions: list[Extraction]) -> list[LinkedIncident]:
    texts = {extraction.article.id: text_of(extraction.article.outlet or "") for extraction in extractions}
    return link_incidents(extractions, article_text=texts.get)


def strike(linked: list[LinkedIncident]) -> LinkedIncident:
    return next(incident for incident in linked if {s.outlet for s in incident.sources} & SAME_STRIKE)


@pytest.mark.model
def test_four_outlets_are_one_incident_and_neighbours_stay_apart(linked: list[LinkedIncident]) -> None:
    groups = sorted(sorted(source.outlet or "" for source in incident.sources) for incident in linked)
    assert groups == [["ariha_same_day"], sorted(SAME_STRIKE), ["saraqib_three_weeks_later"]]
    assert strike(linked).location.name == "Saraqib"
    assert strike(linked).date.start == dt.date(2023, 3, 14)


@pytest.mark.model
def test_running_update_is_a_sequence_not_a_disagreement(linked: list[LinkedIncident]) -> None:
    incident = strike(linked)
    killed = incident.killed
    assert killed is not None
    assert killed.sequence == [20, 20, 23, 26]
    assert (killed.low, killed.best, killed.high) == (26, 26, 26)
    by_outlet = {source.outlet: source for source in incident.sources}
    assert by_outlet["north_syria_wire"].killed_update
    assert by_outlet["orontes_post"].killed_superseded
    assert by_outlet["orontes_post"].killed_departure is None
    assert by_outlet["orontes_post"].killed_source == "local rescue workers"


@pytest.mark.model
def test_copied_story_is_not_an_independent_source(linked: list[LinkedIncident]) -> None:
    assert strike(linked).independent_sources == 3


@pytest.mark.model
def test_injured_reconciled_side_by_side(linked: list[LinkedIncident]) -> None:
    injured = strike(linked).injured
    assert injured is not None
    assert (injured.low, injured.best, injured.high) == (12, 12, 40)
    departures = {source.outlet: source.injured_departure for source in strike(linked).sources}
    assert departures["orontes_post"] == pytest.approx(2.333)


def test_reconcile_follows_ucdp_and_acled() -> None:
    figures = [
        (CasualtyCount(low=20, best=20, high=None), "Syrian Observatory for Human Rights", "A"),
        (CasualtyCount(low=18, best=23, high=23), "B", "B"),
        (CasualtyCount(low=30, best=30, high=35), "state media", "C"),
    ]
    reconciled = reconcile(figures)
    assert reconciled is not None
    assert (reconciled.low, reconciled.best, reconciled.high) == (18, 23, 35)
    assert (reconciled.conservative, reconciled.conservative_source) == (20, "Syrian Observatory for Human Rights")
    assert reconcile([]) is None


@pytest.mark.model
def test_link_and_show_commands(tmp_path: Path, extractions: list[Extraction]) -> None:
    from corroborate.store import open_database

    db = str(tmp_path / "linked.db")
    with open_database(db) as store:
        store.save_extractions(
            (Article(id=e.article.id, text=text_of(e.article.outlet or ""), outlet=e.article.outlet, published=e.article.published), e)
            for e in extractions
        )
    runner = CliRunner()
    listing = runner.invoke(app, ["link", "--db", db, "--min-articles", "2"])
    assert listing.exit_code == EXIT_OK, listing.output
    assert "1 linked incidents" in listing.output
    with open_database(db) as store:
        incident_id = strike(link_incidents(store.extractions())).id
    shown = runner.invoke(app, ["show", incident_id, "--db", db])
    assert shown.exit_code == EXIT_OK, shown.output
    assert "orontes_post" in shown.output and "20 → 20 → 23 → 26" in shown.output
    assert runner.invoke(app, ["show", "Lnothing", "--db", db]).exit_code == EXIT_USAGE


def _save(store, extractions: list[Extraction]) -> None:
    store.save_extractions(
        (
            Article(
                id=e.article.id,
                text=text_of(e.article.outlet or ""),
                outlet=e.article.outlet,
                published=e.article.published,
                external_id=e.article.outlet,
            ),
            e,
        )
        for e in extractions
    )


def _groups(linked: list[LinkedIncident]) -> list[list[str]]:
    return sorted(sorted(source.outlet or "" for source in incident.sources) for incident in linked)


@pytest.mark.model
def test_linking_is_stored_and_incremental(tmp_path: Path, extractions: list[Extraction]) -> None:
    from corroborate.store import open_database
    from corroborate.store.linking import update_links

    first = [e for e in extractions if e.article.outlet in ("orontes_post", "ariha_same_day")]
    later = [e for e in extractions if e not in first]
    with open_database(str(tmp_path / "incremental.db")) as store:
        _save(store, first)
        update = update_links(store)
        assert (update.incidents_linked, update.linked_incidents_total) == (store.link_memberships().__len__(), 2)
        strike_id = next(i.id for i in store.linked_incidents() if i.sources[0].outlet == "orontes_post")
        assert update_links(store).linked_incidents_written == 0  # nothing new: nothing rewritten

        _save(store, later)
        assert store.unlinked_incident_count() > 0
        update = update_links(store)
        assert store.unlinked_incident_count() == 0
        stored = list(store.linked_incidents())
        # The strike kept its id while three more outlets joined it, and the result equals linking from scratch.
        grown = store.linked_incident(strike_id)
        assert grown is not None and {s.outlet for s in grown.sources} == SAME_STRIKE
        assert grown.killed is not None and grown.killed.sequence == [20, 20, 23, 26]
        assert _groups(stored) == _groups(link_incidents(store.extractions()))
        assert update.linked_incidents_written == 2  # the strike (grown) and Saraqib three weeks later (new)

        rebuilt = update_links(store, rebuild=True)
        assert rebuilt.linked_incidents_total == 3
        assert _groups(list(store.linked_incidents())) == _groups(stored)


@pytest.mark.model
def test_export_linked_writes_members_and_reconciled_figures(tmp_path: Path, extractions: list[Extraction]) -> None:
    import csv
    import io
    import json

    from corroborate.store import open_database

    db = str(tmp_path / "export.db")
    with open_database(db) as store:
        _save(store, extractions)
    runner = CliRunner()
    unlinked = runner.invoke(app, ["export", "--db", db, "--linked"])
    assert unlinked.exit_code == EXIT_OK and unlinked.stdout == ""  # reads never link
    assert "incidents are not linked yet" in unlinked.stderr
    assert runner.invoke(app, ["link", "--db", db]).exit_code == EXIT_OK
    result = runner.invoke(app, ["export", "--db", db, "--linked"])
    assert result.exit_code == EXIT_OK, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert len(lines) == 3
    strike_line = next(line for line in lines if len(line["sources"]) == 4)
    assert {source["external_id"] for source in strike_line["sources"]} == SAME_STRIKE
    assert all(source["article_id"] and "url" in source and source["outlet"] for source in strike_line["sources"])
    assert (strike_line["killed"]["low"], strike_line["killed"]["best"], strike_line["killed"]["high"]) == (26, 26, 26)
    assert strike_line["independent_sources"] == 3

    table = runner.invoke(app, ["export", "--db", db, "--linked", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(table.output)))
    strike_row = next(row for row in rows if row["articles"] == "4")
    assert strike_row["killed_best"] == "26" and strike_row["killed_sequence"] == "20 -> 20 -> 23 -> 26"
    assert set(strike_row["outlets"].split("; ")) == SAME_STRIKE
    assert runner.invoke(app, ["export", "--db", db, "--linked", "--format", "geojson"]).exit_code == EXIT_USAGE


@pytest.mark.parametrize(
    ("sentence", "is_update"),
    [
        ("The death toll rose to 26, rescuers said.", True),
        ("Le bilan s'est alourdi à 26 morts, selon les secouristes.", True),
        ("Le bilan est passé à 26 morts.", True),
        ("وارتفعت حصيلة القتلى إلى 26 شخصا", True),
        ("The strike killed 26 people.", False),
        ("Le bilan est de 20 morts.", False),
        ("قتل 20 شخصا في الغارة", False),
    ],
)
def test_running_update_wording_in_each_extracted_language(sentence: str, is_update: bool) -> None:
    assert bool(UPDATE_WORDING.search(sentence)) is is_update


def test_origin_groups_copies_wire_credits_and_given_labels() -> None:
    story = "Warplanes struck the market in Saraqib on Saturday, killing twelve people, the civil defence said."
    other = "Shelling hit the old city of Homs overnight; medics counted four dead and many more wounded there."
    third = "A car bomb exploded near a checkpoint in Mosul on Monday morning, police officers told reporters."
    copy = story.replace("twelve", "12")
    assert origin_groups([(None, story), (None, other), (None, copy)]) == [0, 1, 0]
    assert origin_groups([("AFP", story), (None, other), ("afp", third)]) == [0, 1, 0]
    assert origin_groups([(None, story), (None, other), (None, third)]) == [0, 1, 2]
    assert origin_groups([(None, story), (None, other), (None, third)], joined=["Herald", "Dispatch", "Herald"]) == [0, 1, 0]
