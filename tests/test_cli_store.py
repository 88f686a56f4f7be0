"""`corroborate ingest`, `errors` and `export`: exit codes, messages, idempotence, resuming after kill -9."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select, text
from typer.testing import CliRunner

from corroborate.cli import EXIT_DOCUMENT_ERRORS, EXIT_OK, EXIT_USAGE, app
from corroborate.store import database_url as to_database_url
from tests.store.conftest import database_url, table_contents  # noqa: F401  (fixture)

PLACES = ["Saraqib", "Douma", "Homs", "Aleppo", "Daraa", "Raqqa", "Hama", "Idlib"]


def story(number: int) -> str:
    place = PLACES[number % len(PLACES)]
    return (
        f"Shelling killed {number + 2} civilians in {place} on Monday, a monitor said. "
        f"Rescuers said {number % 5 + 1} children were among the dead. Report number {number}.\n"
    )


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for number in range(6):
        (folder / f"{number:02}.txt").write_text(story(number))
    return folder


@pytest.mark.parametrize("command", ["ingest", "errors", "export"])
def test_cli_store_help(runner, command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "--db" in result.output


def test_cli_store_export_without_database_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == EXIT_USAGE
    assert "no database at" in result.stderr and "corroborate ingest" in result.stderr


def test_cli_store_schema_needs_csv(runner, tmp_path):
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "x.db"), "--format", "jsonl", "--schema", "ucdp"])
    assert result.exit_code == EXIT_USAGE and "--schema applies to --format csv" in result.stderr


def test_cli_store_unreachable_database_is_a_usage_error(runner, corpus):
    result = runner.invoke(app, ["ingest", str(corpus), "--db", "postgresql+psycopg://nobody:x@127.0.0.1:1/none"])
    assert result.exit_code == EXIT_USAGE and "cannot open database" in result.stderr and ":x@" not in result.stderr


@pytest.mark.model
def test_cli_store_ingest_is_idempotent(runner, corpus, database_url):  # noqa: F811
    first = runner.invoke(app, ["ingest", str(corpus), "--db", database_url, "--workers", "1"])
    assert first.exit_code == EXIT_OK, first.output
    assert "6 articles stored" in first.stderr
    before = table_contents(database_url)
    again = runner.invoke(app, ["ingest", str(corpus), str(corpus / "00.txt"), "--db", database_url, "--workers", "1"])
    assert again.exit_code == EXIT_OK and "0 articles stored" in again.stderr and "7 already stored" in again.stderr
    assert table_contents(database_url) == before
    exported = runner.invoke(app, ["export", "--db", database_url])
    assert len(exported.stdout.splitlines()) == 6
    assert all(json.loads(line)["schema_version"] for line in exported.stdout.splitlines())


@pytest.mark.model
def test_cli_store_bad_document_reported_recorded_and_rest_stored(runner, corpus, database_url):  # noqa: F811
    (corpus / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(corpus), "--db", database_url, "--workers", "1"])
    assert result.exit_code == EXIT_DOCUMENT_ERRORS
    assert f"error: {corpus / 'empty.txt'}: empty file\n" in result.stderr
    assert "6 articles stored" in result.stderr
    listed = runner.invoke(app, ["errors", "--db", database_url, "--format", "jsonl"])
    (error,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert (error["document"], error["reason"]) == (str(corpus / "empty.txt"), "empty file")


@pytest.mark.model
def test_cli_store_resumes_after_kill_9(tmp_path, database_url):  # noqa: F811
    """Kill the ingest mid-run, run it again: the database equals one clean run."""
    corpus = tmp_path / "big"
    corpus.mkdir()
    for number in range(60):
        (corpus / f"{number:03}.txt").write_text(story(number))
    clean = str(tmp_path / "clean.db")
    command = [sys.executable, "-c", "from corroborate.cli import app; app()", "ingest", str(corpus), "--workers", "1", "--batch-size", "2"]
    subprocess.run([*command, "--db", clean], check=True, capture_output=True)

    engine = create_engine(to_database_url(database_url))
    process = subprocess.Popen([*command, "--db", database_url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored_at_kill = 0
    deadline = time.monotonic() + 120
    while stored_at_kill < 4 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        with engine.connect() as connection:
            if inspect(connection).has_table("articles"):
                stored_at_kill = connection.scalar(select(func.count()).select_from(text("articles")))
    process.send_signal(signal.SIGKILL)
    process.wait()
    engine.dispose()
    assert 0 < stored_at_kill < 60, "the run was not killed in the middle"

    subprocess.run([*command, "--db", database_url], check=True, capture_output=True)
    assert table_contents(database_url) == table_contents(clean)


@pytest.mark.model
def test_readme_main_job_on_the_bundled_examples(runner, tmp_path, monkeypatch):
    """The README's first command after set-up: ingest the examples into ./corroborate.db, link, score,
    then serve (a real server on a free port: its first line is the URL, and the page answers)."""
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.startswith("python3 -m venv") and "examples/" in line)
    jobs = [
        part.strip().removeprefix(".venv/bin/corroborate ").split()
        for part in command.split("&&")
        if "corroborate " in part and "pip" not in part
    ]
    assert [job[0] for job in jobs] == ["ingest", "link", "credibility", "serve"]
    *jobs, serve = jobs
    monkeypatch.chdir(tmp_path)
    for job in jobs:
        arguments = [str(root / argument) if argument == "examples/" else argument for argument in job]
        result = runner.invoke(app, arguments)
        assert result.exit_code == EXIT_OK, (job, result.output)
    assert (tmp_path / "corroborate.db").exists()
    assert f"credibility of {len(list((root / 'examples').iterdir()))} articles" in result.stdout
    assert "not linked yet" not in result.stderr  # the README links before it reads

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "corroborate", *serve, "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        first_line = server.stdout.readline()
        url = f"http://127.0.0.1:{port}/"
        assert first_line.rstrip().endswith(f"{url} (Ctrl-C stops it)"), first_line
        for _ in range(100):
            try:
                with urllib.request.urlopen(url + "api/v1/linked?min_articles=4", timeout=5) as response:
                    (market,) = json.load(response)["items"]
                break
            except OSError:
                time.sleep(0.1)
        assert (
            len({member["article_id"] for member in market["members"]}) == 4
        )  # the market strike, told by four outlets; the look-alikes apart
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
