"""GeoNames alternate names in the bundled gazetteer: the spellings news use, without new ambiguity."""

from __future__ import annotations

import pytest

from corroborate.gazetteer import Gazetteer
from tools.build_gazetteer import is_spelling


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(extra_paths=[])


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Palmyra", "Homs"), ("Kobani", "Aleppo"), ("Abu Kamal", "Deir ez-Zor"), ("Khan Sheikhoun", "Idlib")],
)
def test_gazetteer_knows_the_english_spelling_of_a_syrian_town(gazetteer, name, admin1):
    best = gazetteer.lookup(name)[0]
    assert (best.country, best.admin1) == ("SY", admin1)


def test_gazetteer_alternate_name_does_not_take_another_place_name(gazetteer):
    # GeoNames gives "Ariha" for Jericho too; the town of Idlib has it as its own name.
    assert {entry.country for entry in gazetteer.lookup("Ariha")} == {"SY"}


@pytest.mark.parametrize("word", ["Khan", "Sham"])
def test_gazetteer_generic_or_english_word_is_no_alternate_name(gazetteer, word):
    assert not [entry for entry in gazetteer.lookup(word) if entry.feature == "city" and entry.population > 100_000]


@pytest.mark.parametrize(
    ("name", "kept"),
    [("Palmyra", True), ("Abu Kemal", True), ("Kobanî", True), ("ALP", False), ("hlb", False), ("a lei po", False), ("تدمر", False)],
)
def test_is_spelling_keeps_latin_names_not_codes_or_romanised_scripts(name, kept):
    assert is_spelling(name) is kept
