"""The `corroborate` command: exit codes, formats, standard input, help (sqlite-utils style: invoke and check)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import EXIT_DOCUMENT_ERRORS, EXIT_OK, app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
STORY = "Shelling killed five civilians in the town of Saraqib in Idlib province on Monday, a monitor said.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("command", [[], ["extract"], ["eval", "fakes"], ["gazetteer", "import"]])
def test_cli_help_everywhere(runner, command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


@pytest.mark.model
def test_cli_extract_json_from_stdin(runner):
    result = runner.invoke(app, ["extract", "-", "--format", "json"], input=STORY)
    assert result.exit_code == EXIT_OK, result.output
    payload = json.loads(result.stdout)
    assert payload["schema_version"]
    (incident,) = payload["incidents"]
    assert incident["casualties"]["killed"]["best"] == 5
    assert incident["location"]["admin1"] == "Idlib"


@pytest.mark.model
def test_cli_extract_jsonl_one_line_per_article(runner):
    result = runner.invoke(app, ["extract", str(EXAMPLES), "--format", "jsonl"])
    assert result.exit_code == EXIT_OK, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(list(EXAMPLES.iterdir()))
    assert all("incidents" in line for line in lines)


@pytest.mark.model
def test_cli_extract_table_default(runner):
    result = runner.invoke(app, ["extract", str(EXAMPLES / "plain_report_afrin.txt")])
    assert result.exit_code == EXIT_OK
    assert "car bomb" in result.stdout


@pytest.mark.model
def test_cli_bad_document_reported_and_rest_processed(runner, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "story.txt").write_text(STORY)
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == EXIT_DOCUMENT_ERRORS
    assert "empty.txt" in result.stderr and "error" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_cli_missing_file_is_a_document_error(runner):
    result = runner.invoke(app, ["extract", "no-such-file.txt", "--format", "jsonl"])
    assert result.exit_code == EXIT_DOCUMENT_ERRORS
    assert "no-such-file.txt" in result.stderr


@pytest.mark.model
def test_cli_arabic_article_marked_not_invented(runner):
    arabic = "قتل خمسة مدنيين في قصف على مدينة سراقب في ريف إدلب يوم الاثنين، بحسب المرصد السوري لحقوق الإنسان.\n"
    result = runner.invoke(app, ["extract", "-", "--format", "json"], input=arabic)
    assert result.exit_code == EXIT_OK
    payload = json.loads(result.stdout)
    assert payload["article"]["language"] == "ar"
    (incident,) = payload["incidents"]  # Arabic gets the reduced rules (extract.multilingual)
    assert incident["casualties"]["killed"]["best"] == 5 and incident["location"]["name"] == "Saraqib"
    assert incident["actors"] == []  # not read by the reduced rules: left empty, not invented
    assert "reduced rules" in payload["notes"][0]


def test_cli_gazetteer_import(runner, tmp_path):
    out = tmp_path / "extra.csv"
    result = runner.invoke(app, ["gazetteer", "import", str(FIXTURES / "geonames" / "SY.txt"), "--output", str(out)])
    assert result.exit_code == EXIT_OK, result.output
    assert out.exists() and "imported" in result.stderr
