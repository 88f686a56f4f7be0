"""Gazetteer build: which places abroad and which division names are kept; the fast reader."""

from __future__ import annotations

import csv

import pytest

from corroborate.gazetteer import GAZETTEER_COLUMNS, GazetteerEntry, read_gazetteer_csv, write_gazetteer_csv
from tools.build_gazetteer import _english_word, english_nouns


@pytest.mark.parametrize(
    ("name", "english"),
    [("Centre", True), ("Northern Province", True), ("Federal", True), ("Zhytomyr", False), ("Qarqamish", False)],
)
def test_gazetteer_build_world_division_named_by_english_words(name, english):
    assert _english_word(name) is english


def test_gazetteer_build_world_english_nouns_include_words_that_name_towns_abroad():
    assert {"police", "march", "reading"} <= english_nouns()


def test_gazetteer_build_world_reader_takes_any_column_order(tmp_path):
    entry = GazetteerEntry("Tall Qasimiyya", "Tall Qasimiyya", ("Tel Qasimiye",), "city", "Hama", "", "SY", 35.1, 36.7, 520, 9)
    ordered = tmp_path / "ordered.csv"
    write_gazetteer_csv([entry], ordered)
    shuffled = tmp_path / "shuffled.csv"
    columns = list(reversed(GAZETTEER_COLUMNS))
    with open(ordered, newline="", encoding="utf-8") as source, open(shuffled, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        writer.writerows(csv.DictReader(source))
    assert read_gazetteer_csv(ordered) == read_gazetteer_csv(shuffled) == [entry]
