"""Output helpers: data printed as text, JSON safe inside a page, CSV cells no spreadsheet runs."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rich.console import Console

from corroborate.output import csv_cell, csv_row, error_line, json_text, plain

HOSTILE = ["[/b]", "[bold]x[/bold]", "a [/] b", "[link=http://evil.example]click[/link]", "trailing \\", ":smile: [red]"]


def _render(value) -> str:
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(value)
    return console.file.getvalue()


@pytest.mark.parametrize("data", HOSTILE)
def test_output_plain_prints_markup_as_text(data):
    assert _render(plain(data)) == data + "\n"
    assert _render(error_line(data)) == f"error: {data}\n"


def test_output_plain_none_is_empty():
    assert str(plain(None)) == ""


@pytest.mark.parametrize(
    "value",
    [
        {"title": "</script><script>alert(1)</script>"},
        {"title": "<!--<script>", "outlet": "a\u2028b\u2029c"},
        {"text": "back\\</slash", "list": ["</", "<\\/", "<"]},
        ["</SCRIPT>", 1, None, 2.5],
    ],
)
def test_output_json_text_escapes_script_end_and_reads_back(value):
    for indent in (None, 2):
        encoded = json_text(value, indent=indent)
        assert "</" not in encoded and "<!--" not in encoded
        assert "\u2028" not in encoded and "\u2029" not in encoded
        assert json.loads(encoded) == value


def test_output_json_text_keeps_other_text_unescaped():
    assert json_text({"t": "حلب < 5 > 3 & é"}) == '{"t": "حلب < 5 > 3 & é"}'


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "-", "=1"],
)
def test_output_csv_cell_neutralises_formula_text(text):
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-36.2, 5, 0, "-36.20000", "+1", "-5", "1e5", "Aleppo", "a=b", "", None])
def test_output_csv_cell_leaves_numbers_and_plain_text(value):
    assert csv_cell(value) == value


def test_output_csv_row_round_trips_through_csv():
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["title", "latitude", "fatalities"], lineterminator="\n")
    writer.writeheader()
    writer.writerow(csv_row({"title": '=HYPERLINK("x","y")', "latitude": "-36.20000", "fatalities": 3}))
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row == {"title": '\'=HYPERLINK("x","y")', "latitude": "-36.20000", "fatalities": "3"}


def test_output_incident_table_shows_a_political_event_as_one():
    """Type and mode, actor → recipient, the claim's certainty and who says so; no cause, no casualties; markup in a
    name printed as text."""
    import datetime as dt

    from corroborate.output import incident_table
    from tests.network_stores import DENIAL, Event, political_article

    _, extraction = political_article(
        DENIAL,
        [Event(DENIAL, "AID", ("Turkey",), ("the rebels",), "Turkey [bold]", "denied", "arms", dt.date(2016, 5, 1))],
        outlet="Northern Dispatch",
        published=dt.date(2016, 5, 2),
    )
    console = Console(file=io.StringIO(), width=300, color_system=None)
    console.print(incident_table(extraction))
    lines = [[cell.strip() for cell in line.split("│")[1:-1]] for line in console.file.getvalue().splitlines() if line.startswith("│")]
    header = ["id", "event", "cause", "date", "place", "killed", "injured", "actors", "sources"]
    first, second = (dict(zip(header, line)) for line in lines[:2])
    assert first == {
        **dict.fromkeys(header, ""),
        "id": "i1",
        "event": "AID (arms)",
        "cause": "political",
        "date": "2016-05-01",
        "actors": "Turkey",
        "sources": "Turkey [bold] (denied)",
    }
    assert (second["event"], second["actors"]) == ("Strategic developments", "→ Free Syrian Army")
