"""Start-up: what a command or `extract_text` imports, and the gazetteer's index read from the cache (issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

import corroborate
from corroborate.gazetteer import (
    BUNDLED_GAZETTEER,
    Gazetteer,
    GazetteerEntry,
    GazetteerIndexCache,
    GazetteerRows,
    NameIndex,
    write_gazetteer_csv,
)

ROOT = Path(__file__).resolve().parents[1]
OPTIONAL = ("dask", "distributed", "psycopg", "sklearn", "sqlalchemy", "fastapi")


def loaded_after(script: str) -> set[str]:
    """Top-level modules in sys.modules after `script` runs in a fresh interpreter."""
    source = str(Path(corroborate.__file__).resolve().parents[1])
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")]))}
    probe = script + "\nimport sys\nprint('MODULES', ' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=environment, timeout=300)
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stderr.splitlines() if line.startswith("MODULES "))
    return set(line.split()[1:])


def test_extract_text_imports_no_optional_dependency():
    modules = loaded_after(
        "from corroborate import extract_text\nassert extract_text('Shelling killed five civilians in Douma on Monday.').incidents"
    )
    assert "spacy" in modules  # the probe saw the extraction's imports
    assert not {name for name in modules if name.split(".")[0] in OPTIONAL}


def test_extract_command_loads_no_store_check_or_optional_dependency():
    article = ROOT / "examples" / "plain_report_afrin.txt"
    modules = loaded_after(
        "import runpy, sys\n"
        f"sys.argv = ['corroborate', 'extract', {str(article)!r}, '--format', 'json']\n"
        "try:\n    runpy.run_module('corroborate', run_name='__main__')\nexcept SystemExit as done:\n    assert not done.code, done.code\n"
    )
    assert "corroborate.extract.pipeline" in modules
    unwanted = {"corroborate.check", "corroborate.link", "sqlalchemy", "trafilatura", *OPTIONAL}
    assert not {name for name in modules if name in unwanted or name.split(".")[0] in unwanted}


def test_command_line_registers_without_spacy_or_the_gazetteer():
    modules = loaded_after("import corroborate.cli")
    assert not {"spacy", "corroborate.check", "corroborate.extract.places", "corroborate.gazetteer", "sqlalchemy"} & modules


@pytest.mark.parametrize(
    "words",
    [
        "in aleppo and deir zor ez and deir | zor".split(),
        "ras al ain ras al ras al ain".split(),  # overlapping and nested names
        "nothing here but deir".split(),
        "deir zor".split(),  # a name that ends the text
        [],
    ],
)
def test_name_index_finds_what_a_phrase_matcher_finds(words):
    keys = ["aleppo", "deir zor", "deir zor ez", "zor", "ras al ain", "ras al", "al ain", "ain"]
    vocab = Vocab()
    matcher = PhraseMatcher(vocab, attr="ORTH")
    matcher.add("PLACE", [Doc(vocab, words=key.split()) for key in keys])
    expected = [(start, end) for _, start, end in matcher(Doc(vocab, words=words))] if words else []
    assert NameIndex(keys).find(words) == expected


def entry(name: str, geonameid: int, population: int = 0) -> GazetteerEntry:
    return GazetteerEntry(name, name, (f"al-{name}",), "city", "Hama", "", "SY", 35.0, 36.0, population, geonameid)


def same_index(one: Gazetteer, other: Gazetteer) -> bool:
    return one.keys() == other.keys() and all(one.lookup(key) == other.lookup(key) for key in one.keys())


def test_gazetteer_index_from_the_cache_is_the_computed_one(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    computed = Gazetteer(Gazetteer.load(BUNDLED_GAZETTEER, extra_paths=()).entries())
    assert GazetteerIndexCache([BUNDLED_GAZETTEER]).read(len(computed.entries())) is not None  # the load wrote it
    assert same_index(Gazetteer.load(BUNDLED_GAZETTEER, extra_paths=()), computed)


def test_gazetteer_cache_of_other_files_or_unreadable_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "places.csv"
    write_gazetteer_csv([entry("Kafr Nabl", 1, 100), entry("Nabl", 2, 5000)], path)
    first = Gazetteer.load(path, extra_paths=())
    write_gazetteer_csv([entry("Nabl", 2, 5000), entry("Kafr Nabl", 1, 100), entry("Taldou", 3)], path)  # rows moved
    moved = Gazetteer.load(path, extra_paths=())
    assert moved.lookup("Kafr Nabl") == first.lookup("Kafr Nabl") and moved.lookup("Taldou")
    cache = GazetteerIndexCache([path])
    cache.path.write_text(cache.stamp + "\n\tcountry\t\n\tcovered\t\nnabl\t7\n", encoding="utf-8")  # a row the file does not have
    assert same_index(Gazetteer.load(path, extra_paths=()), moved)
    cache.path.write_bytes(b"\xff\xfe not text")
    assert same_index(Gazetteer.load(path, extra_paths=()), moved)


def test_gazetteer_loads_when_the_cache_cannot_be_written(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = tmp_path / "places.csv"
    write_gazetteer_csv([entry("Kafr Nabl", 1)], path)
    assert Gazetteer.load(path, extra_paths=()).lookup("al-Kafr Nabl")


def test_gazetteer_rows_make_only_the_entries_a_lookup_finds(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    eager = Gazetteer(Gazetteer.load(BUNDLED_GAZETTEER, extra_paths=()).entries())
    lazy = Gazetteer.load(BUNDLED_GAZETTEER, extra_paths=())  # the index from the cache the first load wrote
    rows = lazy._entries
    assert isinstance(rows, GazetteerRows)
    assert not any(rows._made)  # the cache says all a start needs
    assert lazy.lookup("Aleppo") == eager.lookup("Aleppo") and lazy.fuzzy_lookup("Khan Sheikhoun") == eager.fuzzy_lookup("Khan Sheikhoun")
    assert lazy.of_feature("country") == [e for e in eager.entries() if e.feature == "country"]
    assert lazy.covered_countries() == eager.covered_countries() and "SY" in lazy.covered_countries()
    assert lazy.get(170063) == eager.get(170063) and lazy.get(170063).name == "Aleppo"
    made = sum(entry is not None for entry in rows._made)
    assert 0 < made < len(rows) / 10
    assert lazy.lookup("Aleppo")[0] is lazy.lookup("Halab")[0]  # one entry per row, made once


def test_token_sequences_find_what_a_phrase_matcher_on_lower_finds():
    import spacy

    from corroborate.extract.events import TokenSequences

    nlp = spacy.blank("en")
    phrases = ["air strike", "air strikes", "strike", "booby-trapped car", "car", "cannot", "opened fire", "fire", "u.s. strike"]
    text = "An AIR STRIKE and two air strikes hit; a booby-trapped car, which Cannot be seen, opened fire. U.S. strike. Air  strike"
    doc = nlp(text)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for phrase in phrases:
        matcher.add(phrase, [nlp.make_doc(phrase)])
    expected = [(nlp.vocab.strings[match_id], start, end) for match_id, start, end in matcher(doc)]
    assert len(expected) > 8
    assert TokenSequences(nlp, phrases).find(doc) == expected
