"""The bundled examples show corroboration: one strike told by four outlets, figures in conflict, a look-alike apart.

The examples are invented (examples/): an air strike on the market of Ariha (Idlib) on Monday 14 October
2024, reported by four outlets over four days (12 killed per the civil defence, "at least 15" per a
monitor, a running update to 17, then nine per the health directorate), plus shelling the same Monday in
Jisr al-Shughur, 26 km away, and a strike on Ariha's outskirts three weeks later.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import EXIT_OK, app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARIHA_MARKET = {
    "ebla_wire_ariha_market.html",
    "orontes_ledger_ariha_market.txt",
    "ghab_bulletin_ariha_toll.txt",
    "idlib_evening_ariha_ministry.html",
}
pytestmark = pytest.mark.model


def _invoke(runner: CliRunner, arguments: list[str]) -> str:
    result = runner.invoke(app, arguments)
    assert result.exit_code == EXIT_OK, (arguments, result.output)
    return result.stdout


@pytest.fixture(scope="module")
def linked_store(tmp_path_factory) -> tuple[list[dict], dict[str, dict]]:
    """`corroborate ingest examples/ && corroborate link`, read back through `export` (the JSON contract):
    the linked incidents, and each article's extraction by its file name."""
    runner = CliRunner()
    db = f"sqlite:///{tmp_path_factory.mktemp('examples') / 'examples.db'}"
    _invoke(runner, ["ingest", str(EXAMPLES), "--db", db])
    _invoke(runner, ["link", "--db", db])
    linked = [json.loads(line) for line in _invoke(runner, ["export", "--linked", "--db", db]).splitlines() if line.strip()]
    extractions = [json.loads(line) for line in _invoke(runner, ["export", "--db", db]).splitlines() if line.strip()]
    return linked, {extraction["article"]["external_id"]: extraction for extraction in extractions}


def _files(linked_incident: dict, extractions: dict[str, dict]) -> set[str]:
    by_id = {extraction["article"]["id"]: name for name, extraction in extractions.items()}
    return {by_id[member["article_id"]] for member in linked_incident["members"]}


def _ariha(linked: list[dict], extractions: dict[str, dict]) -> dict:
    (incident,) = [incident for incident in linked if _files(incident, extractions) & ARIHA_MARKET]
    return incident


def test_examples_link_the_market_strike_and_keep_the_look_alikes_apart(linked_store):
    linked, extractions = linked_store
    assert set(extractions) == {path.name for path in EXAMPLES.iterdir()}
    groups = sorted((sorted(_files(incident, extractions)) for incident in linked), key=len, reverse=True)
    assert set(groups[0]) == ARIHA_MARKET
    assert all(len(group) == 1 for group in groups[1:]), groups  # every other example tells its own event
    assert len(groups) == len(extractions) - len(ARIHA_MARKET) + 1


def test_examples_look_alikes_are_close_calls(linked_store):
    """The same-day shelling 26 km away and the later strike on the same town are what a careless
    linker would merge: same governorate, same day or same town."""
    _, extractions = linked_store
    (jisr,) = extractions["ebla_wire_jisr_shughur_shelling.html"]["incidents"]
    (market,) = extractions["ebla_wire_ariha_market.html"]["incidents"]
    (november,) = extractions["orontes_ledger_ariha_november.txt"]["incidents"]
    assert jisr["date"]["start"] == market["date"]["start"] == "2024-10-14"
    assert jisr["location"]["admin1"] == market["location"]["admin1"] == november["location"]["admin1"] == "Idlib"
    assert november["date"]["start"] == "2024-11-07" and november["cause"] == market["cause"] == "airstrike"
    assert november["location"]["name"] == market["location"]["name"] == "Arīḩā"  # the same town


def test_examples_relative_dates_are_read_against_each_publication_day(linked_store):
    linked, extractions = linked_store
    published = {name: extractions[name]["article"]["published"] for name in ARIHA_MARKET}
    assert sorted(published.values()) == ["2024-10-14", "2024-10-15", "2024-10-16", "2024-10-17"]
    for name in ARIHA_MARKET:
        (incident,) = extractions[name]["incidents"]
        assert incident["date"]["start"] == "2024-10-14", (name, incident["date"])
        assert not any(character.isdigit() for character in incident["date"]["text"]), incident["date"]  # "yesterday", "Monday"
    assert dt.date.fromisoformat(_ariha(linked, extractions)["date"]["start"]) == dt.date(2024, 10, 14)


def test_examples_reconciled_toll_shows_the_sources_conflict(linked_store):
    linked, extractions = linked_store
    incident = _ariha(linked, extractions)
    by_file = {
        name: source
        for source in incident["sources"]
        for name, extraction in extractions.items()
        if extraction["article"]["id"] == source["article_id"]
    }
    figures = {name: (source["killed"]["low"], source["killed"]["best"], source["killed"]["high"]) for name, source in by_file.items()}
    assert figures == {
        "ebla_wire_ariha_market.html": (12, 12, 12),
        "orontes_ledger_ariha_market.txt": (15, 15, None),  # "at least 15"
        "ghab_bulletin_ariha_toll.txt": (17, 17, 17),
        "idlib_evening_ariha_ministry.html": (9, 9, 9),
    }
    assert by_file["ghab_bulletin_ariha_toll.txt"]["killed_update"]  # "rose to 17"
    superseded = {name for name, source in by_file.items() if source["killed_superseded"]}
    assert superseded == {"ebla_wire_ariha_market.html", "orontes_ledger_ariha_market.txt"}  # earlier stages of the toll
    assert by_file["idlib_evening_ariha_ministry.html"]["killed_source"] == "the health directorate"
    killed = incident["killed"]
    assert (killed["low"], killed["best"], killed["high"]) == (9, 13, 17)  # the update and the later, lower official figure
    assert (killed["conservative"], killed["conservative_source"]) == (9, "the health directorate")
    assert killed["sequence"] == [12, 15, 17, 9]
    assert incident["independent_sources"] == 4


def test_examples_place_each_report_where_a_coder_would(linked_store):
    """ "The death toll from Monday's air strike on a market in the Idlib town of Ariha" is Ariha (the toll is
    no attackers' origin, Idlib the governorate); "on the outskirts of Ariha" beats "on the road to Idlib city"."""
    _, extractions = linked_store
    places = {}
    for name, extraction in extractions.items():
        (incident,) = [i for i in extraction["incidents"] if i["violent"]]  # a report's political events have their own
        location = incident["location"]
        places[name] = (location["name"], location["admin1"], location["precision"])
    ariha = ("Arīḩā", "Idlib", "exact")
    assert {name: places[name] for name in ARIHA_MARKET} == dict.fromkeys(ARIHA_MARKET, ariha)
    assert places["orontes_ledger_ariha_november.txt"] == ("Arīḩā", "Idlib", "near")
    assert places["ebla_wire_jisr_shughur_shelling.html"] == ("Jisr ash Shughūr", "Idlib", "exact")
    assert places["northern_dispatch_saraqib.txt"] == ("Saraqib", "Idlib", "exact")
    assert places["plain_report_afrin.txt"] == ("‘Afrīn", "Aleppo", "near")
    assert places["valley_herald_deir_ezzor.html"] == ("Al Mayādīn", "Deir ez-Zor", "near")
