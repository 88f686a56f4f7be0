"""Reads never write: show, check, credibility, export and errors leave the store as it was, and say when its links are stale.

A store of the invented Saraqib reports (tests/credibility_reports.py, no
model): two linked, a third stored after `corroborate link`. Every read is run
on it; the database must be the same afterwards, row for row (SQLite and
PostgreSQL) and byte for byte (SQLite), and each read of linked incidents
says on stderr that one incident is not linked yet.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import EXIT_OK, EXIT_USAGE, app
from corroborate.store import open_database
from tests.credibility_reports import report
from tests.store.conftest import database_url, table_contents  # noqa: F401  (fixture)

REFERENCE = Path(__file__).parent / "fixtures" / "reference" / "ucdp.csv"
LINKING_FIXTURES = Path(__file__).parent / "fixtures" / "linking"
STALE_NOTE = "note: 1 violent incident is not linked yet (ingested since the last `corroborate link`): showing the links stored; run `corroborate link` to link them"


def stale_store(url: str) -> str:
    """observer and herald linked into one incident; wire stored afterwards, not linked. Returns the linked id."""
    with open_database(url) as store:
        store.save_extractions([report("observer"), report("herald")])
    assert CliRunner().invoke(app, ["link", "--db", url]).exit_code == EXIT_OK
    with open_database(url) as store:
        store.save_extractions([report("wire")])
        assert store.unlinked_incident_count() == 1
        (linked,) = list(store.linked_incidents())
    return linked.id


def reads(linked_id: str) -> list[list[str]]:
    """Every command that reads linked incidents, in each of its formats."""
    check = ["check", "-r", str(REFERENCE), "--reference-format", "ucdp"]
    return [
        ["show", linked_id],
        ["show", linked_id, "--format", "json"],
        [*check],
        [*check, "--format", "jsonl"],
        ["credibility"],
        ["credibility", "--format", "json", "--reference", str(REFERENCE)],
        ["export", "--linked"],
        ["export", "--linked", "--format", "csv"],
    ]


def file_digests(path: Path) -> dict[str, str]:
    """The database file and any WAL beside it, by name."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(path.parent.glob(path.name + "*"))}


def test_cli_reads_leave_every_row_as_it_was_and_say_the_links_are_stale(database_url):  # noqa: F811
    linked_id = stale_store(database_url)
    before = table_contents(database_url)
    runner = CliRunner()
    for command in reads(linked_id):
        result = runner.invoke(app, [*command, "--db", database_url])
        assert result.exit_code == EXIT_OK, (command, result.output)
        assert STALE_NOTE in result.stderr.splitlines(), command
        assert table_contents(database_url) == before, command
    for command in (["export"], ["export", "--format", "csv"], ["errors"], ["network"], ["network", "--format", "json"]):
        result = runner.invoke(app, [*command, "--db", database_url])
        assert result.exit_code == EXIT_OK, (command, result.output)
        assert "not linked yet" not in result.stderr, command  # they do not read links
    assert table_contents(database_url) == before
    with open_database(database_url, create=False) as store:
        assert store.unlinked_incident_count() == 1


def test_cli_reads_leave_the_sqlite_file_byte_identical(tmp_path):
    path = tmp_path / "reads.db"
    linked_id = stale_store(str(path))
    digests = file_digests(path)
    watcher = sqlite3.connect(path)  # PRAGMA data_version changes when another connection commits
    version = watcher.execute("PRAGMA data_version").fetchone()[0]
    runner = CliRunner()
    for command in [*reads(linked_id), ["export"], ["errors", "--format", "json"], ["network", "--format", "csv"]]:
        assert runner.invoke(app, [*command, "--db", str(path)]).exit_code == EXIT_OK, command
        assert watcher.execute("PRAGMA data_version").fetchone()[0] == version, command
    watcher.close()
    assert file_digests(path) == digests


def test_cli_reads_answer_from_the_stored_links_until_linked(tmp_path):
    path = str(tmp_path / "answers.db")
    linked_id = stale_store(path)
    runner = CliRunner()
    shown = json.loads(runner.invoke(app, ["show", linked_id, "--db", path, "--format", "json"]).stdout)
    assert sorted(source["external_id"] for source in shown["sources"]) == ["herald", "observer"]
    linked = runner.invoke(app, ["link", "--db", path])
    assert linked.exit_code == EXIT_OK and "linked 1 new violent incidents" in linked.stderr
    after = runner.invoke(app, ["show", linked_id, "--db", path, "--format", "json"])
    assert "not linked yet" not in after.stderr
    assert sorted(source["external_id"] for source in json.loads(after.stdout)["sources"]) == ["herald", "observer", "wire"]


def test_cli_reads_refuse_the_linking_threshold_in_one_line(tmp_path):
    path = str(tmp_path / "threshold.db")
    linked_id = stale_store(path)
    before = table_contents(path)
    for command in (["show", linked_id], ["credibility"]):
        result = CliRunner().invoke(app, [*command, "--db", path, "--threshold", "0.5"])
        assert result.exit_code == EXIT_USAGE
        assert result.stderr.strip().splitlines() == [
            "error: --threshold applies when linking: run `corroborate link --threshold P` (with --rebuild to relink what is linked); reads no longer link"
        ]
    assert table_contents(path) == before


@pytest.mark.model
def test_cli_reads_ingest_link_links_what_it_stored(tmp_path):
    path = str(tmp_path / "ingested.db")
    result = CliRunner().invoke(app, ["ingest", str(LINKING_FIXTURES), "--db", path, "--workers", "1", "--link"])
    assert result.exit_code == EXIT_OK, result.output
    (summary,) = [line for line in result.stderr.splitlines() if line.startswith("linked ")]
    with open_database(path, create=False) as store:
        assert store.unlinked_incident_count() == 0
        total = store.count("linked_incidents")
        assert 0 < total < store.count("incidents")  # four outlets' strike is one linked incident
    assert summary.endswith(f"; {total} in all")
    assert "not linked yet" not in CliRunner().invoke(app, ["export", "--linked", "--db", path]).stderr


def test_cli_reads_ingest_threshold_needs_link(tmp_path):
    result = CliRunner().invoke(app, ["ingest", str(LINKING_FIXTURES), "--db", str(tmp_path / "x.db"), "--threshold", "0.5"])
    assert result.exit_code == EXIT_USAGE
    assert result.stderr.strip().splitlines() == ["error: --threshold applies when linking: add --link"]
    assert not (tmp_path / "x.db").exists()
