"""Hostile input through a whole ingest: one document's error, the rest stored, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os

from corroborate.store import open_database
from corroborate.store.database import Store
from corroborate.store.ingestion import ingest
from tests.store.test_ingestion import HandMadeExecutor

STORY = "Gunmen killed four farmers near the village of Tel Brak on Sunday, residents said."
OTHER = "A roadside bomb wounded two soldiers outside Qamishli on Thursday, officials said."
THIRD = "Clashes in the old city left six fighters dead on Friday, a monitor said."


def _stored_texts(store: Store) -> list[str]:
    return sorted(store.article(extraction.article.id).text for extraction in store.extractions())


def test_ingestion_hostile_each_bad_line_is_its_error_and_the_rest_stored(tmp_path, database_url):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "lines.jsonl").write_text(
        json.dumps({"text": STORY})
        + "\n"
        + '{"text": "Bad \\ud800 report of shelling."}\n'
        + json.dumps({"text": "A report with a NUL \u0000 in it."})
        + "\n"
        + '{"text": "deep", "extra": '
        + "[" * 2000
        + "]" * 2000
        + "}\n"
        + json.dumps({"text": OTHER})
        + "\n"
    )
    with open(os.path.join(os.fsencode(corpus), b"r\xe9sum\xe9.txt"), "w") as handle:
        handle.write(THIRD + "\n")
    with open_database(database_url) as store:
        report = ingest([corpus], store, HandMadeExecutor())
        errors = {error.document: error.reason for error in store.errors()}
        assert _stored_texts(store) == sorted([STORY, OTHER, THIRD])
        paths = [store.article(e.article.id).source_path for e in store.extractions()]
        [name] = [path for path in paths if path.endswith(".txt")]
    assert name.endswith("r\\xe9sum\\xe9.txt")
    assert report.counts.articles_stored == 3 and report.counts.documents_failed == 3
    lines = str(corpus / "lines.jsonl")
    assert set(errors) == {f"{lines} line 2", f"{lines} line 3", f"{lines} line 4"}
    assert "unpaired surrogate" in errors[f"{lines} line 2"]
    assert "NUL character" in errors[f"{lines} line 3"]
    assert "nested too deeply" in errors[f"{lines} line 4"]


def test_ingestion_hostile_error_names_that_no_database_encodes_are_stored_escaped(database_url):
    from corroborate.errors import DocumentError

    with open_database(database_url) as store:
        store.record_errors([DocumentError("bad\udcff\x00name.txt", "reason \ud800")])
        [error] = store.errors()
    assert error.document == "bad\\udcff\\x00name.txt" and error.reason == "reason \\ud800"


def test_ingestion_hostile_an_article_another_writer_stored_counts_as_already_stored(tmp_path, database_url, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(STORY + "\n")
    (corpus / "b.txt").write_text(OTHER + "\n")
    with open_database(database_url) as first:
        ingest([corpus / "a.txt"], first, HandMadeExecutor())
    # The second writer looked before the first committed: it sees nothing stored and extracts both.
    monkeypatch.setattr(Store, "stored_ids", lambda self, ids: set())
    with open_database(database_url) as second:
        report = ingest([corpus], second, HandMadeExecutor())
        assert _stored_texts(second) == sorted([STORY, OTHER])
        assert second.count("incidents") == 4  # two per article, none twice
    assert (report.counts.articles_stored, report.counts.articles_skipped, report.counts.documents_failed) == (1, 1, 0)
    assert report.counts.incidents_stored == 2


def test_ingestion_hostile_ingesting_the_stores_folder_leaves_its_files_out(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(STORY + "\n")
    monkeypatch.chdir(corpus)
    with open_database("corroborate.db") as store:
        report = ingest(["."], store, HandMadeExecutor(), batch_size=1)
        errors = list(store.errors())
    assert errors == [] and report.counts.documents_failed == 0 and report.counts.articles_stored == 1


def test_ingestion_hostile_store_migrated_by_another_process_meanwhile_opens(tmp_path, monkeypatch):
    from sqlalchemy.exc import OperationalError

    real_migrate = Store.migrate
    calls: list[int] = []

    def racing_migrate(self) -> None:
        calls.append(1)
        if len(calls) == 1:  # the other ingest created the table between our look and our CREATE
            raise OperationalError("CREATE TABLE runs", {}, Exception("table runs already exists"))
        real_migrate(self)

    monkeypatch.setattr(Store, "migrate", racing_migrate)
    with open_database(tmp_path / "store.db") as store:
        assert store.count("articles") == 0
    assert len(calls) == 2


def test_ingestion_hostile_run_command_with_an_undecodable_path_is_stored_escaped(database_url):
    with open_database(database_url) as store:
        store.start_run("ingest caf\udce9/")
        [run] = store.runs()
    assert run.command == "ingest caf\\udce9/"
