"""Vowel variants of romanised Arabic names (`vowel_key`, `fine_vowel_key`, `Gazetteer.fuzzy_lookup`), on invented names."""

from __future__ import annotations

import pytest

from corroborate.gazetteer import Gazetteer, GazetteerEntry, fine_vowel_key, name_key, vowel_key


def entry(name: str, admin1: str = "Hama") -> GazetteerEntry:
    return GazetteerEntry(name, name, (), "city", admin1, "", "SY", 35.0, 36.0, 0, None)


@pytest.mark.parametrize(
    "spellings",
    [
        ("Toubeiq", "Tubayq", "Toubaiq", "al-Toubeiq"),  # ou/u, ei/ay/ai, the article
        ("Zamlouka", "Zamluka", "Zamloukah", "Zamloukeh"),  # final -a/-ah/-eh
        ("Kferdou", "Kfer Dou", "Kferdaou"),  # one word or two, aou
    ],
)
def test_places_spelling_variants_share_a_vowel_key(spellings):
    assert len({vowel_key(name_key(spelling)) for spelling in spellings}) == 1


def test_places_spelling_variants_short_names_keep_vowel_classes():
    assert fine_vowel_key(name_key("Boula")) == fine_vowel_key(name_key("Bouleh")) == fine_vowel_key(name_key("Bula"))
    assert fine_vowel_key(name_key("Mari")) != fine_vowel_key(name_key("Mariy"))
    assert fine_vowel_key(name_key("Bula")) != fine_vowel_key(name_key("Bila"))


def test_places_spelling_variants_fuzzy_lookup_finds_them():
    gazetteer = Gazetteer([entry("Tubayq"), entry("Zamlukah"), entry("Bula"), entry("Kfirdaww")])
    for written, name in [("Toubeiq", "Tubayq"), ("al-Toubaiq", "Tubayq"), ("Zamloukeh", "Zamlukah"),
                          ("Bouleh", "Bula"), ("Al-Boula", "Bula"), ("Kfer Dou", "Kfirdaww")]:  # fmt: skip
        assert [found.name for found in gazetteer.fuzzy_lookup(written)] == [name], written


def test_places_spelling_variants_short_names_need_their_vowels():
    assert Gazetteer([entry("Bila")]).fuzzy_lookup("Bouleh") == []
