"""Linking: one invented air strike told by four outlets becomes one incident; its neighbours stay apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import EXIT_OK, EXIT_USAGE, app
from corroborate.link import LinkedIncident, link_incidents, reconcile
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
