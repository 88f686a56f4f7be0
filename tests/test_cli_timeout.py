"""`--timeout-per-document` on extract: a runaway document is reported in one line, exit 1, the rest printed."""

from __future__ import annotations

import json
import time

import pytest
from typer.testing import CliRunner

import corroborate.extract.incidents as incidents
from corroborate.cli import app

pytestmark = pytest.mark.model


def test_cli_timeout_per_document_reports_and_goes_on(tmp_path, monkeypatch):
    real = incidents.build_incidents

    def build(doc, dates_key="dates"):
        if "Slowtown" in doc.text:
            time.sleep(30)
        return real(doc, dates_key)

    monkeypatch.setattr(incidents, "build_incidents", build)
    (tmp_path / "a_slow.txt").write_text("Gunmen killed 3 people in Slowtown on Monday.")
    (tmp_path / "b_fine.txt").write_text("A car bomb killed 14 people in Homs on Monday.")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--format", "jsonl", "--timeout-per-document", "0.5"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0]["incidents"][0]["casualties"]["killed"]["best"] == 14
    assert "a_slow.txt" in result.stderr and "longer than 0.5 s" in result.stderr


def test_cli_timeout_option_in_help():
    for command in ("extract", "ingest"):
        result = CliRunner().invoke(app, [command, "--help"])
        assert "--timeout-per-document" in result.stdout
