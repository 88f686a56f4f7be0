"""`corroborate ingest` against hostile input and failing stores: exit codes, one-line messages, what was stored."""

from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from corroborate.cli import EXIT_DOCUMENT_ERRORS, EXIT_OK, EXIT_STORE, EXIT_USAGE, app
from corroborate.store import database as database_module
from corroborate.store import open_database

STORY = "Shelling killed seven civilians in the town of Maarat on Monday, a monitor said."
OTHER = "An airstrike hit a bakery in Ariha on Tuesday, killing nine people, rescuers said."


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY + "\n")
    (folder / "b.txt").write_text(OTHER + "\n")
    return folder


def _one_line_failure(result, code: int, words: str) -> None:
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and words in lines[0], result.stderr


def _with_pragma(monkeypatch, pragma: str) -> None:
    """Every SQLite connection opened from now on also runs `pragma` (a read-only or a full store)."""
    original = database_module._sqlite_pragmas

    def pragmas(in_memory: bool):
        first = original(in_memory)

        def on_connect(connection, record) -> None:
            first(connection, record)
            connection.execute(pragma)

        return on_connect

    monkeypatch.setattr(database_module, "_sqlite_pragmas", pragmas)


def test_cli_store_hostile_file_that_is_not_a_database_exits_with_the_store_code(runner, corpus, tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("these are my notes, not a database\n" * 100)
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "1"])
    _one_line_failure(result, EXIT_STORE, "file is not a database")
    assert db.read_text().startswith("these are my notes")


def test_cli_store_hostile_read_only_store_exits_with_the_store_code(runner, corpus, tmp_path, monkeypatch):
    db = tmp_path / "store.db"
    open_database(db).close()
    _with_pragma(monkeypatch, "PRAGMA query_only = ON")
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "1"])
    _one_line_failure(result, EXIT_STORE, "readonly database")


def test_cli_store_hostile_full_disk_exits_with_the_store_code_and_resumes(runner, corpus, tmp_path, monkeypatch):
    (corpus / "c.txt").write_text(STORY + " A long report follows." * 3000 + "\n")
    db = tmp_path / "store.db"
    open_database(db).close()
    pages = sqlite3.connect(db).execute("PRAGMA page_count").fetchone()[0]
    with monkeypatch.context() as patch:
        _with_pragma(patch, f"PRAGMA max_page_count = {pages}")
        full = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "1", "--batch-size", "1"])
    _one_line_failure(full, EXIT_STORE, "database or disk is full")
    assert "run the same command again" in full.stderr
    again = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "1"])
    assert again.exit_code == EXIT_OK, again.output
    with open_database(db) as store:
        assert store.count("articles") == 3


def test_cli_store_hostile_unreachable_server_is_still_a_usage_error(runner, corpus):
    result = runner.invoke(app, ["ingest", str(corpus), "--db", "postgresql+psycopg://nobody:x@127.0.0.1:1/none"])
    _one_line_failure(result, EXIT_USAGE, "cannot open database")


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1"])
def test_cli_store_hostile_stdin_in_another_encoding_is_stored(runner, tmp_path, encoding):
    db = tmp_path / "store.db"
    text = "Des tirs ont tué cinq civils à Alep mardi, selon un témoin de l'agence."
    result = runner.invoke(app, ["ingest", "-", "--db", str(db), "--workers", "1"], input=text.encode(encoding))
    assert result.exit_code == EXIT_OK, result.output
    with open_database(db) as store:
        [extraction] = store.extractions()
        assert store.article(extraction.article.id).text == text


def test_cli_store_hostile_ingest_dot_in_the_stores_folder(runner, corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    first = runner.invoke(app, ["ingest", ".", "--workers", "1"])
    again = runner.invoke(app, ["ingest", ".", "--workers", "1"])
    assert (first.exit_code, again.exit_code) == (EXIT_OK, EXIT_OK), first.output + again.output
    assert "error" not in first.stderr + again.stderr
    assert "0 articles stored (0 incidents), 2 already stored, 0 failed" in again.stderr


def test_cli_store_hostile_bad_line_in_a_batch_is_one_error_line(runner, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"text": "%s"}\n{"text": "broken \\ud800"}\n{"text": "%s"}\n' % (STORY, OTHER))
    db = tmp_path / "store.db"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "1"])
    _one_line_failure(result, EXIT_DOCUMENT_ERRORS, f"{corpus} line 2: ")
    with open_database(db) as store:
        assert store.count("articles") == 2
        [error] = store.errors()
        assert error.document == f"{corpus} line 2"
