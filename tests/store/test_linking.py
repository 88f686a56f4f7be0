"""Incremental linking in the store: batches read only candidate groups and give what linking in memory gives."""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.link import filing_keys, link_incidents
from corroborate.models import IncidentDate, Place
from corroborate.same_incident import report_of
from corroborate.store import database
from corroborate.store.linking import update_links
from tests.store.conftest import make_article, make_extraction

THRESHOLD = 0.5  # the tests are about storage and batching, not the model's threshold
SARAQIB = Place(text="Saraqib", name="Saraqib", admin1="Idlib", country="SY", lat=35.86, lon=36.80, precision="exact", geonameid=163345)
MOSUL = Place(text="Mosul", name="Mosul", admin1="Nineveh", country="IQ", lat=36.34, lon=43.13, precision="exact", geonameid=99072)
DAY = dt.date(2016, 9, 15)


def story(number: int, day: dt.date, place: Place, killed: int):
    """An invented article with one violent incident (and a political one)."""
    article = make_article(
        f"Story {number}: an air strike killed {killed} people. Other words {number}.", outlet=f"outlet{number}", published=day
    )
    extraction = make_extraction(article)
    violent, political = extraction.incidents
    violent = violent.model_copy(update={"date": IncidentDate(start=day, end=day, precision="day"), "location": place})
    violent.casualties.killed.low = violent.casualties.killed.best = killed
    return article, extraction.model_copy(update={"incidents": [violent, political]})


# Saraqib strike told three times, Mosul strike twice, Saraqib again 40 days later (outside the blocking window).
PLAN = [
    (0, DAY, SARAQIB, 12),
    (1, DAY, SARAQIB, 12),
    (2, DAY, MOSUL, 7),
    (3, DAY + dt.timedelta(1), MOSUL, 7),
    (4, DAY + dt.timedelta(40), SARAQIB, 12),
    (5, DAY + dt.timedelta(1), SARAQIB, 13),
]


def groups(linked) -> list[tuple[str, list[str]]]:
    return sorted((incident.id, [f"{m.article_id}/{m.incident_id}" for m in incident.members]) for incident in linked)


def test_linking_in_batches_equals_linking_in_memory(store):
    stories = [story(*row) for row in PLAN]
    first, later = stories[:3], stories[3:]
    store.save_extractions(first)
    assert update_links(store, threshold=THRESHOLD, batch_size=2).incidents_linked == 3
    memberships = store.link_memberships()
    assert groups(store.linked_incidents()) == groups(link_incidents([e for _, e in first], threshold=THRESHOLD))

    store.save_extractions(later)
    update = update_links(store, threshold=THRESHOLD, batch_size=2)
    in_memory = link_incidents([e for _, e in stories], threshold=THRESHOLD, existing=memberships)
    assert groups(store.linked_incidents()) == groups(in_memory)
    assert len(in_memory) == 3 and update.incidents_linked == 3 and update.linked_incidents_written == 3
    assert sorted(len(i.members) for i in in_memory) == [1, 2, 3]

    rebuilt = update_links(store, threshold=THRESHOLD, rebuild=True, batch_size=1000)
    assert groups(store.linked_incidents()) == groups(link_incidents([e for _, e in stories], threshold=THRESHOLD))
    assert rebuilt.linked_incidents_total == rebuilt.linked_incidents_written == 3


def test_linking_stores_the_filing_keys_and_replaces_them_when_a_group_grows(store):
    stories = [story(*row) for row in PLAN]
    store.save_extractions([stories[0]])
    update_links(store, threshold=THRESHOLD)
    store.save_extractions([stories[5]])  # its toll files the group under one more key
    update_links(store, threshold=THRESHOLD)
    (linked,) = store.linked_incidents()
    expected = filing_keys([report_of(e, e.incidents[0]) for _, e in (stories[0], stories[5])])
    assert expected != filing_keys([report_of(stories[0][1], stories[0][1].incidents[0])])
    with store.engine.connect() as connection:
        rows = connection.execute(database.select(database.schema.linked_keys)).all()
    assert sorted(rows) == sorted((key, linked.id) for key in expected)


def test_linking_incrementally_reads_only_the_candidate_groups(store, monkeypatch):
    stories = [story(*row) for row in PLAN]
    store.save_extractions(stories[:4])
    update_links(store, threshold=THRESHOLD)
    read: list[tuple[str, str]] = []
    incidents_of = store.incidents_of
    monkeypatch.setattr(store, "extractions", lambda: pytest.fail("the whole store was read"))
    monkeypatch.setattr(store, "incidents_of", lambda refs: read.extend(refs) or incidents_of(read[-len(refs) :] if refs else []))
    store.save_extractions([stories[5]])  # Saraqib, the next day: the groups in Mosul, and in Saraqib 40 days later, are not read
    update = update_links(store, threshold=THRESHOLD)
    assert update.linked_incidents_written == 1
    saraqib = {(stories[n][0].id, "i1") for n in (0, 1, 5)}
    assert set(read) == saraqib


def test_linking_a_hot_key_gives_its_most_recent_groups(store):
    stories = [story(n, DAY + dt.timedelta(days=n * 10), SARAQIB, 12) for n in range(4)]  # one place, four groups apart in time
    store.save_extractions(stories)
    update_links(store, threshold=THRESHOLD)
    by_day = sorted(store.linked_incidents(), key=lambda incident: incident.date.start)
    assert len(by_day) == 4
    assert store.linked_ids_for_keys(["p163345"]) == {i.id for i in by_day}
    assert store.linked_ids_for_keys(["p163345", "nothing"], per_key=2) == {i.id for i in by_day[2:]}


def test_linking_reads_incidents_by_key_across_pages(store, monkeypatch):
    monkeypatch.setattr(database, "PAGE_SIZE", 2)
    stories = [story(*row) for row in PLAN[:3]]
    store.save_extractions(stories)
    refs = [(a.id, "i1") for a, _ in stories] + [(stories[0][0].id, "i2"), ("missing", "i1")]
    found = {e.article.id: e for e in store.incidents_of(refs)}
    assert found[stories[0][0].id] == stories[0][1]  # both incidents, though read on different pages
    assert [i.id for i in found[stories[1][0].id].incidents] == ["i1"] and found[stories[1][0].id].article == stories[1][1].article
    assert len(found) == 3


def test_linking_files_groups_stored_before_keys_were(store):
    stories = [story(*row) for row in PLAN]
    store.save_extractions(stories[:4])
    update_links(store, threshold=THRESHOLD)
    with store.engine.begin() as connection:
        connection.execute(database.delete(database.schema.linked_keys))  # as after migrating an older store
    store.save_extractions([stories[5]])
    update_links(store, threshold=THRESHOLD)
    assert max(len(i.members) for i in store.linked_incidents()) == 3  # it found the stored Saraqib group
    assert store.count("linked_keys") > 0


def test_linking_an_undated_report_reads_the_groups_at_its_place_within_the_horizon(store, monkeypatch):
    years = [story(n, DAY + dt.timedelta(days=n * 500), SARAQIB, 12) for n in range(4)]  # one place, groups years apart
    store.save_extractions(years)
    update_links(store, threshold=THRESHOLD)
    article, extraction = story(9, DAY + dt.timedelta(days=1505), SARAQIB, 12)  # published days after the last one
    undated = extraction.incidents[0].model_copy(update={"date": IncidentDate()})
    store.save_extractions([(article, extraction.model_copy(update={"incidents": [undated, extraction.incidents[1]]}))])
    read: list[tuple[str, str]] = []
    incidents_of = store.incidents_of
    monkeypatch.setattr(store, "incidents_of", lambda refs: read.extend(refs) or incidents_of(read[-len(refs) :] if refs else []))
    update_links(store, threshold=THRESHOLD)
    assert set(read) == {(years[3][0].id, "i1"), (article.id, "i1")}


def test_linking_reads_a_batch_through_the_key_index(store):
    if store.dialect != "sqlite":
        pytest.skip("a SQLite query plan")
    refs = [("a1", "i1"), ("a2", "i2")]
    query = database.select(database.schema.claims).where(database._refs_in(database.schema.claims, refs))
    compiled = query.compile(store.engine, compile_kwargs={"literal_binds": True})
    with store.engine.connect() as connection:
        plan = " ".join(row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
    assert "SEARCH claims USING INDEX" in plan and "SCAN claims" not in plan
