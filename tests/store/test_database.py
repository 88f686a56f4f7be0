"""The Store: round trips, idempotent writes, error records, streaming, migrations, URLs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from corroborate.errors import ConfigurationError, DocumentError
from corroborate.models import IncidentDate, IncidentRef, LinkedIncident, Place, SourceReport
from corroborate.store import database, database_url, open_database
from corroborate.store.schema import metadata
from tests.store.conftest import make_article, make_extraction

STORY = "An airstrike on Saraqib killed at least 12 people. Talks resumed on May 12."


def test_database_round_trip_gives_back_the_extraction(store):
    article = make_article(
        STORY,
        url="https://example.org/a",
        title="Strike",
        outlet="example",
        authors=["A. Writer"],
        published=dt.date(2016, 9, 16),
        language="en",
        external_id="7",
        source_path="corpus.csv#row=7",
        metadata={"encoding": "utf-8"},
    )
    extraction = make_extraction(article)
    assert store.save_extractions([(article, extraction)]) == 2
    assert store.extraction(article.id) == extraction
    assert store.article(article.id) == article
    assert store.has_article(article.id)


def test_database_article_without_incidents_round_trips(store):
    article = make_article("Nothing happened today.")
    extraction = make_extraction(article).model_copy(update={"incidents": [], "notes": []})
    store.save_extractions([(article, extraction)])
    assert store.extraction(article.id) == extraction
    assert list(store.incidents()) == []


def test_database_saving_an_article_twice_keeps_one(store):
    article = make_article(STORY)
    store.save_extractions([(article, make_extraction(article)), (article, make_extraction(article))])
    store.save_extractions([(article, make_extraction(article))])
    assert store.count("articles") == 1
    assert store.count("incidents") == 2


def test_database_ids_by_external_id_only_for_stored_ones(store, monkeypatch):
    articles = [make_article(f"Shelling killed {n} people in Saraqib.", external_id=f"row-{n}") for n in range(3)]
    store.save_extractions((article, make_extraction(article)) for article in articles)
    monkeypatch.setattr(database, "PAGE_SIZE", 2)
    assert store.ids_by_external_id(["row-2", "row-0", "row-9", "row-0"]) == {"row-0": articles[0].id, "row-2": articles[2].id}
    assert store.ids_by_external_id([]) == {}


def test_database_error_recorded_once_per_document_and_reason(store):
    first, second = store.start_run("ingest a"), store.start_run("ingest a")
    store.record_error(DocumentError("a/empty.txt", "empty file"), first)
    store.record_errors([DocumentError("a/empty.txt", "empty file"), DocumentError("a/bin.txt", "binary file")], second)
    errors = list(store.errors())
    assert {(e.document, e.reason, e.run_id) for e in errors} == {
        ("a/empty.txt", "empty file", second),
        ("a/bin.txt", "binary file", second),
    }


def test_database_extractions_stream_page_by_page(store, monkeypatch):
    monkeypatch.setattr(database, "PAGE_SIZE", 2)
    articles = [make_article(f"Story number {n}. Shelling hit the town.") for n in range(5)]
    store.save_extractions((a, make_extraction(a)) for a in articles)
    streamed = list(store.extractions())
    assert [e.article.id for e in streamed] == sorted(a.id for a in articles)
    assert streamed == [store.extraction(e.article.id) for e in streamed]
    assert len(list(store.incidents())) == 10


def test_database_extractions_of_some_articles_page_by_page(store, monkeypatch):
    monkeypatch.setattr(database, "PAGE_SIZE", 2)
    articles = [make_article(f"Story number {n}. Shelling hit the town.") for n in range(5)]
    store.save_extractions((a, make_extraction(a)) for a in articles)
    wanted = [a.id for a in articles[:3]] + [articles[0].id, "not-stored"]
    found = store.extractions_of(wanted)
    assert found == {a.id: store.extraction(a.id) for a in articles[:3]}
    assert store.extractions_of([]) == {}


def _linked(linked_id: str, article_id: str, day: dt.date | None, sources: int) -> LinkedIncident:
    return LinkedIncident(
        id=linked_id,
        event_type="Explosions/Remote violence",
        cause="shelling",
        date=IncidentDate(start=day, end=day, precision="day" if day else "unknown"),
        location=Place(),
        members=[IncidentRef(article_id=article_id, incident_id="i1")],
        sources=[SourceReport(article_id=article_id, incident_id="i1", outlet=f"outlet {n}") for n in range(sources)],
        independent_sources=sources,
    )


def test_database_linked_incidents_stream_page_by_page_in_date_order(store, monkeypatch):
    monkeypatch.setattr(database, "PAGE_SIZE", 2)
    articles = [make_article(f"Story number {n}. Shelling hit the town.") for n in range(8)]
    store.save_extractions((a, make_extraction(a)) for a in articles)
    strike, later = dt.date(2016, 9, 15), dt.date(2017, 1, 1)
    plan = [
        ("Le", strike, 1),
        ("Lh", None, 2),
        ("Lb", dt.date(2016, 9, 14), 1),
        ("La", strike, 2),
        ("Lg", later, 2),
        ("Lf", None, 1),
        ("Lc", strike, 2),
        ("Ld", None, 2),
    ]
    store.save_linked_incidents(_linked(linked_id, a.id, day, sources) for a, (linked_id, day, sources) in zip(articles, plan))

    def expected(min_articles: int) -> list[str]:
        kept = [(day is None, day or dt.date.min, linked_id) for linked_id, day, sources in plan if sources >= min_articles]
        return [linked_id for *_, linked_id in sorted(kept)]

    assert [i.id for i in store.linked_incidents()] == expected(1) == ["Lb", "La", "Lc", "Le", "Lg", "Ld", "Lf", "Lh"]
    assert [i.id for i in store.linked_incidents(min_articles=2)] == expected(2)
    assert list(store.linked_incidents()) == [store.linked_incident(linked_id) for linked_id in expected(1)]


def test_database_runs_keep_their_counts(store):
    run_id = store.start_run("ingest corpus/")
    store.update_run(run_id, database.RunCounts(articles_stored=3, documents_failed=1), finished=True)
    (run,) = store.runs()
    assert run.command == "ingest corpus/"
    assert run.counts.articles_stored == 3 and run.finished_at is not None


def test_database_migrations_match_the_schema(store):
    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []


def test_database_opening_again_keeps_the_data(database_url):
    article = make_article(STORY)
    with open_database(database_url) as store:
        store.save_extractions([(article, make_extraction(article))])
    with open_database(database_url) as store:
        assert store.has_article(article.id)


def test_database_url_from_what_the_user_typed(tmp_path):
    assert database_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("postgresql://u:p@h/d") == "postgresql+psycopg://u:p@h/d"
    assert database_url("postgresql+psycopg://u:p@h/d") == "postgresql+psycopg://u:p@h/d"
    assert database_url(":memory:") == "sqlite://"


def test_database_reading_a_missing_file_is_a_configuration_error(tmp_path):
    with pytest.raises(ConfigurationError, match="no database at"):
        open_database(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_database_in_a_missing_folder_is_a_configuration_error(tmp_path: Path):
    with pytest.raises(ConfigurationError, match="does not exist"):
        open_database(tmp_path / "no" / "such" / "x.db")


def test_database_in_memory_works():
    with open_database(":memory:") as store:
        article = make_article(STORY)
        store.save_extractions([(article, make_extraction(article))])
        assert store.extraction(article.id) == make_extraction(article)
