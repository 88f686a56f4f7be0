"""Hostile data on the way out: Rich markup printed as text, no spreadsheet formula runs, `</` escaped in JSON.

Invented documents whose title, outlet, path or CSV header carry `[/b]`,
`[bold]x[/bold]`, `<script>` and `=HYPERLINK(...)`; each command is run on them
and its exit code, its output and what was stored are checked.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import EXIT_DOCUMENT_ERRORS, EXIT_OK, app
from tests.store.conftest import database_url  # noqa: F401  (fixture)

MARKUP_TITLE = "[/b] Shelling [bold]x[/bold] <script>alert(1)</script>"
MARKUP_OUTLET = "[bold]x[/bold] [/b]"
FORMULA_TITLE = '=HYPERLINK("http://evil.example","click")'
FORMULA_OUTLET = "+cmd|' /C calc'!A0"
IMG_TITLE = "<img src=x onerror=alert(1)>"


def write_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "markup.txt").write_text(
        f"title: {MARKUP_TITLE}\noutlet: {MARKUP_OUTLET}\n\nShelling killed 7 civilians in Douma on Monday, a monitor said.\n"
    )
    (folder / "formula.txt").write_text(
        f"title: {FORMULA_TITLE}\noutlet: {FORMULA_OUTLET}\n\nAn air strike killed 12 people in Homs on Tuesday, rescuers said.\n"
    )
    (folder / "[").mkdir()
    (folder / "[" / "b]bad.bin").write_bytes(b"xx")  # the path holds "[/b]"
    return folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> tuple[Path, str]:
    """The corpus ingested and linked once into SQLite (the bad file recorded as an error)."""
    root = tmp_path_factory.mktemp("hostile")
    corpus = write_corpus(root / "corpus")
    db = str(root / "hostile.db")
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", db, "--workers", "1", "--link"])
    assert result.exit_code == EXIT_DOCUMENT_ERRORS, result.output
    assert f"error: {corpus}/[/b]bad.bin: unsupported file type" in result.stderr
    return corpus, db


@pytest.mark.model
def test_cli_hostile_output_extract_prints_markup_as_text(runner, tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    result = runner.invoke(app, ["extract", str(corpus)])
    assert result.exit_code == EXIT_DOCUMENT_ERRORS, result.output
    assert f"error: {corpus}/[/b]bad.bin: unsupported file type" in result.stderr
    assert MARKUP_TITLE in result.stdout and MARKUP_OUTLET in result.stdout and FORMULA_TITLE in result.stdout


def test_cli_hostile_output_error_line_with_markup_in_path(runner, tmp_path):
    missing = tmp_path / "[" / "b] [bold]x[/bold].txt"
    result = runner.invoke(app, ["extract", str(missing)])
    assert result.exit_code == EXIT_DOCUMENT_ERRORS
    assert f"error: {missing}: no such file or directory\n" in result.stderr


def test_cli_hostile_output_csv_header_with_markup(runner, tmp_path):
    table = tmp_path / "corpus.csv"
    table.write_text("[/b],[bold]x[/bold]\n1,2\n")
    result = runner.invoke(app, ["extract", str(table)])
    assert result.exit_code == EXIT_DOCUMENT_ERRORS
    assert "no text column" in result.stderr and "columns are: [/b], [bold]x[/bold]" in result.stderr


@pytest.mark.model
def test_cli_hostile_output_extract_json_escapes_script_end(runner, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(f"title: {MARKUP_TITLE}\n\nShelling killed 7 civilians in Douma on Monday, a monitor said.\n")
    for output_format in ("json", "jsonl"):
        result = runner.invoke(app, ["extract", str(story), "--format", output_format])
        assert result.exit_code == EXIT_OK, result.output
        assert "</" not in result.stdout and "<\\/script>" in result.stdout
        assert json.loads(result.stdout)["article"]["title"] == MARKUP_TITLE


@pytest.mark.model
def test_cli_hostile_output_errors_table_prints_markup_as_text(runner, hostile_db):
    corpus, db = hostile_db
    table = runner.invoke(app, ["errors", "--db", db])
    assert table.exit_code == EXIT_OK, table.output
    assert "[/b]" in table.stdout and "bad.bin" in table.stdout
    listed = runner.invoke(app, ["errors", "--db", db, "--format", "json"])
    (error,) = json.loads(listed.stdout)
    assert error["document"] == f"{corpus}/[/b]bad.bin"


@pytest.mark.model
def test_cli_hostile_output_link_and_show_print_markup_as_text(runner, hostile_db):
    _, db = hostile_db
    listing = runner.invoke(app, ["link", "--db", db])
    assert listing.exit_code == EXIT_OK, listing.output
    linked = [json.loads(line) for line in runner.invoke(app, ["export", "--db", db, "--linked"]).stdout.splitlines()]
    (markup,) = [incident for incident in linked if any(s["outlet"] == MARKUP_OUTLET for s in incident["sources"])]
    shown = runner.invoke(app, ["show", markup["id"], "--db", db])
    assert shown.exit_code == EXIT_OK, shown.output
    assert MARKUP_OUTLET in shown.stdout


@pytest.mark.model
def test_cli_hostile_output_credibility_prints_markup_as_text(runner, hostile_db):
    _, db = hostile_db
    result = runner.invoke(app, ["credibility", "--db", db])
    assert result.exit_code == EXIT_OK, result.output
    assert MARKUP_OUTLET in result.stdout


@pytest.mark.model
def test_cli_hostile_output_check_table_prints_markup_as_text(runner, hostile_db):
    _, db = hostile_db
    reference = Path(__file__).parent / "fixtures" / "reference" / "ucdp.csv"
    result = runner.invoke(app, ["check", "-r", str(reference), "--reference-format", "ucdp", "--db", db])
    assert result.exit_code == EXIT_OK, result.output
    assert MARKUP_OUTLET in result.stdout and "unmatched" in result.stdout


def _csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.model
def test_cli_hostile_output_csv_exports_neutralise_formulas(runner, hostile_db):
    _, db = hostile_db
    acled = _csv_rows(runner.invoke(app, ["export", "--db", db, "--format", "csv"]).stdout)
    (row,) = [r for r in acled if "calc" in r["source"]]
    assert row["source"].startswith("'" + FORMULA_OUTLET)
    assert float(row["latitude"]) and not row["latitude"].startswith("'")
    ucdp = _csv_rows(runner.invoke(app, ["export", "--db", db, "--format", "csv", "--schema", "ucdp"]).stdout)
    (row,) = [r for r in ucdp if "calc" in r["source_office"]]
    assert row["source_headline"] == "'" + FORMULA_TITLE
    assert row["source_office"] == "'" + FORMULA_OUTLET
    assert row["source_article"].startswith("'" + FORMULA_OUTLET)
    assert row["best"] == "12"
    linked = _csv_rows(runner.invoke(app, ["export", "--db", db, "--format", "csv", "--linked"]).stdout)
    (row,) = [r for r in linked if "calc" in r["outlets"]]
    assert row["outlets"] == "'" + FORMULA_OUTLET
    assert all(
        not value.startswith(("=", "+", "-", "@", "\t", "\r")) or value.lstrip("+-").replace(".", "").isdigit()
        for r in acled + ucdp + linked
        for value in r.values()
    )


@pytest.mark.model
def test_cli_hostile_output_markup_stored_as_text_and_exported_escaped(runner, tmp_path, database_url):  # noqa: F811
    story = tmp_path / "img.txt"
    body = "Shelling killed 7 civilians in Douma on Monday, a monitor said.\n\nA wall read <script>alert(1)</script> [/b].\n"
    story.write_text(f"title: {IMG_TITLE}\noutlet: <script>x</script>\n\n{body}")
    assert runner.invoke(app, ["ingest", str(story), "--db", database_url, "--workers", "1"]).exit_code == EXIT_OK
    from corroborate.store import open_database

    with open_database(database_url, create=False) as store:
        (extraction,) = list(store.extractions())
        article = store.article(extraction.article.id)
    assert (article.title, article.outlet) == (IMG_TITLE, "<script>x</script>")
    assert "A wall read <script>alert(1)</script> [/b]." in article.text
    exported = runner.invoke(app, ["export", "--db", database_url])
    assert "</script>" not in exported.stdout
    assert json.loads(exported.stdout)["article"]["outlet"] == "<script>x</script>"
    geojson = runner.invoke(app, ["export", "--db", database_url, "--format", "geojson"])
    assert "</" not in geojson.stdout
    assert json.loads(geojson.stdout)["features"][0]["properties"]["article_title"] == IMG_TITLE
