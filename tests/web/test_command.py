"""`corroborate serve`: registered on the CLI, local by default, one-line errors with exit 2 for a bad set-up."""

from __future__ import annotations

import uvicorn
from typer.testing import CliRunner

from corroborate.cli import app


def test_command_serve_listens_on_localhost_by_default(web_db, monkeypatch):
    started = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **options: started.update(options, app=application))
    result = CliRunner().invoke(app, ["serve", "--db", str(web_db)])
    assert result.exit_code == 0, result.output
    assert (started["host"], started["port"]) == ("127.0.0.1", 8000)
    assert "http://127.0.0.1:8000/" in result.output
    assert started["app"].state.web.reference is None


def test_command_serve_reference_and_host(web_db, monkeypatch, tmp_path):
    reference = tmp_path / "ged.csv"
    reference.write_text(
        "id,date_start,best,country,latitude,longitude,where_prec\n1,2016-03-05,20,Syria,35.86,36.80,1\n", encoding="utf-8"
    )
    started = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **options: started.update(options, app=application))
    result = CliRunner().invoke(
        app, ["serve", "--db", str(web_db), "--host", "::1", "--port", "9000", "-r", str(reference), "--reference-format", "ucdp"]
    )
    assert result.exit_code == 0, result.output
    assert started["host"] == "::1" and "http://[::1]:9000/" in result.output
    assert "ged.csv (ucdp, 1 events)" == started["app"].state.web.reference_label


def test_command_serve_bad_setup_is_one_line_and_exit_2(tmp_path, web_db):
    runner = CliRunner()
    missing = runner.invoke(app, ["serve", "--db", str(tmp_path / "absent.db")])
    assert missing.exit_code == 2 and "no database at" in missing.output and len(missing.output.strip().splitlines()) == 1
    tiles = runner.invoke(app, ["serve", "--db", str(web_db), "--tile-url", "javascript:alert(1)"])
    assert tiles.exit_code == 2 and "not an http(s) URL template" in tiles.output
    reference = tmp_path / "ged.csv"
    reference.write_text("id\n1\n", encoding="utf-8")
    without_format = runner.invoke(app, ["serve", "--db", str(web_db), "-r", str(reference)])
    assert without_format.exit_code == 2 and "--reference-format" in without_format.output
    bad_file = runner.invoke(app, ["serve", "--db", str(web_db), "-r", str(reference), "--reference-format", "ucdp"])
    assert bad_file.exit_code == 2 and "ged.csv" in bad_file.output
