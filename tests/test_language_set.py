"""The hand-annotated Arabic and French set (bench/data/languages) is well-formed, and bench/languages.py runs."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from pathlib import Path

import pytest

from corroborate.extract.actors import ActorDictionary

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "bench" / "data" / "languages"
LANGUAGES = {"ar": 40, "fr": 15}  # language -> least number of reports the issue asks for
CERTAINTIES = {"asserted", "reported", "alleged", "denied"}
FIELDS = {
    "id",
    "file",
    "language",
    "origin",
    "published",
    "incident_date",
    "killed",
    "injured",
    "place",
    "perpetrator",
    "perpetrator_certainty",
    "source",
    "notes",
}


def rows(language: str) -> list[dict]:
    return json.loads((SET / f"{language}.json").read_text(encoding="utf-8"))


def date_or_none(value) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_text_has_one_row(language):
    files = [row["file"] for row in rows(language)]
    assert len(files) == len(set(files))
    assert sorted(files) == sorted(f"{language}/{path.name}" for path in (SET / language).glob("*.txt"))
    assert len(files) >= LANGUAGES[language]
    for row in rows(language):
        assert row["file"] == f"{language}/{row['id']}.txt" and row["language"] == language
        assert (SET / row["file"]).read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_rows_are_typed(language):
    actors = ActorDictionary.default()
    for row in rows(language):
        assert set(row) == FIELDS, row["id"]
        published, incident = date_or_none(row["published"]), date_or_none(row["incident_date"])
        if published and incident:
            assert incident <= published, row["id"]
        for count in (row["killed"], row["injured"]):
            assert count is None or (type(count) is int and count >= 0), row["id"]
        place = row["place"]
        assert isinstance(place["text"], str) and place["text"] and isinstance(place["admin1"], str), row["id"]
        assert len(place["country"]) == 2 and place["country"].isupper(), row["id"]
        perpetrator = row["perpetrator"]
        if perpetrator is None:
            assert row["perpetrator_certainty"] is None, row["id"]
        else:
            assert isinstance(perpetrator["text"], str) and perpetrator["text"], row["id"]
            assert row["perpetrator_certainty"] in CERTAINTIES, row["id"]
            if perpetrator["actor"] is None:
                assert perpetrator["group"] is None, row["id"]
            else:
                entry = actors.get(perpetrator["actor"])
                assert entry is not None and entry.name == perpetrator["group"], row["id"]
        origin = row["origin"]
        assert origin == "invented" or (origin["url"].startswith("https://") and origin["licence"]), row["id"]
        assert isinstance(row["source"], str) and isinstance(row["notes"], str), row["id"]


@pytest.fixture()
def bench_languages(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    return importlib.import_module("languages")


def test_reads_the_shared_reports_in_arabic(bench_languages, shared_data):
    from corroborate.extract.places import Gazetteer

    items = bench_languages.read_reports(shared_data / "reports", ("ar",), Gazetteer.default())
    assert items and {item.article.language for item in items} == {"ar"}
    assert all(item.towns for item in items) and any(item.admin1 for item in items)


@pytest.mark.model
def test_runs_on_three_reports(bench_languages, capsys, monkeypatch):
    argv = ["languages.py", "--languages", "ar", "--no-reports", "--limit", "3", "--json"]
    monkeypatch.setattr("sys.argv", argv)
    bench_languages.main()
    figures = json.loads(capsys.readouterr().out)
    assert list(figures) == ["set ar"]
    assert set(figures["set ar"]) == set(bench_languages.FIELDS)
    assert figures["set ar"]["killed"]["n"] == sum(1 for row in rows("ar")[:3] if row["killed"] is not None)
    for figure in figures["set ar"].values():
        assert figure["accuracy"] is None or 0.0 <= figure["accuracy"] <= 1.0
