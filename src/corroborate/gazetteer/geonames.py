"""Import a GeoNames dump into a user gazetteer that `Gazetteer.load` merges with the bundled one.

    python -m corroborate.gazetteer.geonames SY.txt [--output PATH] [--countries SY,IQ]

A dump is GeoNames' tab-separated format (XX.txt, allCountries.txt, or the .zip
holding it; 19 columns). Populated places (feature class P) and first- and
second-level divisions and countries (class A) are kept. Division names come
from the dump's ADM1/ADM2 rows, or from admin1CodesASCII.txt / admin2Codes.txt
beside the dump; a division the bundled gazetteer knows (by GeoNames id or
name) keeps its canonical English name, so rows agree with the bundled ones.
"""

from __future__ import annotations

import argparse
import io
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Sequence

from corroborate.errors import DocumentError
from corroborate.gazetteer.entries import GazetteerEntry, write_gazetteer_csv
from corroborate.gazetteer.index import Gazetteer, user_gazetteer_path
from corroborate.gazetteer.names import ascii_form, is_latin_name

COLUMNS = 19
# Column positions in a GeoNames dump row.
GEONAMEID, NAME, ASCIINAME, ALTERNATENAMES, LATITUDE, LONGITUDE = 0, 1, 2, 3, 4, 5
FEATURE_CLASS, FEATURE_CODE, COUNTRY_CODE, ADMIN1_CODE, ADMIN2_CODE, POPULATION = 6, 7, 8, 10, 11, 14
COUNTRY_FEATURE_CODES = frozenset({"PCL", "PCLI", "PCLD", "PCLF", "PCLIX", "PCLS"})
HISTORICAL_PLACE = "PPLH"
ADMIN1_CODES_FILE = "admin1CodesASCII.txt"
ADMIN2_CODES_FILE = "admin2Codes.txt"


@contextmanager
def _open_dump(path: Path) -> Iterator[IO[str]]:
    """The dump's text, also from inside GeoNames' XX.zip."""
    if path.suffix.lower() != ".zip":
        with open(path, encoding="utf-8") as handle:
            yield handle
        return
    with zipfile.ZipFile(path) as archive:
        members = [name for name in archive.namelist() if name.endswith(".txt") and "readme" not in name.lower()]
        if not members:
            raise DocumentError(str(path), "no .txt dump inside the archive")
        with archive.open(members[0]) as raw:
            yield io.TextIOWrapper(raw, encoding="utf-8")


def _rows(path: Path, countries: Optional[frozenset[str]]) -> Iterator[list[str]]:
    with _open_dump(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            row = line.rstrip("\r\n").split("\t")
            if len(row) != COLUMNS:
                raise DocumentError(str(path), f"line {number} has {len(row)} columns, a GeoNames dump has {COLUMNS}")
            if countries is None or row[COUNTRY_CODE] in countries:
                yield row


def _codes_file(path: Path) -> dict[str, tuple[str, Optional[int]]]:
    """admin1CodesASCII.txt / admin2Codes.txt: 'SY.13' -> (name, geonameid)."""
    if not path.is_file():
        return {}
    codes = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 4:
            codes[fields[0]] = (fields[1], int(fields[3]) if fields[3].isdigit() else None)
    return codes


def _alternates(row: list[str]) -> list[str]:
    """Latin-script alternate names, without airport and other codes ('DAM')."""
    names = [row[NAME], row[ASCIINAME], *row[ALTERNATENAMES].split(",")]
    return [name for name in dict.fromkeys(names) if is_latin_name(name) and not (name.isupper() and len(name) <= 4)]


def _canonical(name: str, geonameid: Optional[int], country: str, feature: str, bundled: Gazetteer) -> str:
    """The bundled gazetteer's name for a division or country, when it knows it."""
    known = bundled.get(geonameid) if geonameid is not None else None
    if known is None and feature == "admin1":
        known = bundled.admin1_entry(name, country)
    return known.name if known is not None and known.feature == feature else name


def import_geonames(dump_path: str | Path, out_path: str | Path | None = None, countries: Iterable[str] | None = None) -> int:
    """Write the dump's places (of `countries`, default all) as a gazetteer CSV at `out_path`
    (default `user_gazetteer_path()`); returns the number of rows written."""
    dump = Path(dump_path)
    out = Path(out_path) if out_path is not None else user_gazetteer_path()
    wanted = frozenset(code.upper() for code in countries) if countries is not None else None
    bundled = Gazetteer.load(extra_paths=())

    admin1 = _codes_file(dump.parent / ADMIN1_CODES_FILE)
    admin2 = _codes_file(dump.parent / ADMIN2_CODES_FILE)
    for row in _rows(dump, wanted):
        code = ".".join((row[COUNTRY_CODE], row[ADMIN1_CODE]))
        if row[FEATURE_CODE] == "ADM1":
            admin1[code] = (row[NAME], int(row[GEONAMEID]))
        elif row[FEATURE_CODE] == "ADM2":
            admin2[f"{code}.{row[ADMIN2_CODE]}"] = (row[NAME], int(row[GEONAMEID]))
    admin1_names = {code: _canonical(name, geonameid, code.split(".")[0], "admin1", bundled) for code, (name, geonameid) in admin1.items()}
    admin2_names = {code: name for code, (name, _) in admin2.items()}

    def entries() -> Iterator[GazetteerEntry]:
        for row in _rows(dump, wanted):
            feature = _feature(row)
            if feature is None:
                continue
            code = ".".join((row[COUNTRY_CODE], row[ADMIN1_CODE]))
            geonameid = int(row[GEONAMEID])
            name = _canonical(row[NAME], geonameid, row[COUNTRY_CODE], feature, bundled)
            yield GazetteerEntry(
                name=name,
                ascii_name=ascii_form(name),
                alternate_names=tuple(alias for alias in _alternates(row) if alias != name),
                feature=feature,
                admin1=admin1_names.get(code, "") if feature != "country" else "",
                admin2=admin2_names.get(f"{code}.{row[ADMIN2_CODE]}", "") if feature in ("city", "admin2") else "",
                country=row[COUNTRY_CODE],
                lat=float(row[LATITUDE]),
                lon=float(row[LONGITUDE]),
                population=int(row[POPULATION] or 0),
                geonameid=geonameid,
            )

    out.parent.mkdir(parents=True, exist_ok=True)
    return write_gazetteer_csv(entries(), out)


def _feature(row: list[str]) -> Optional[str]:
    """The gazetteer feature of a dump row, or None for rows the gazetteer does not keep."""
    feature_class, code = row[FEATURE_CLASS], row[FEATURE_CODE]
    if feature_class == "P":
        return None if code == HISTORICAL_PLACE else "city"
    if feature_class == "A":
        return {"ADM1": "admin1", "ADM2": "admin2"}.get(code) or ("country" if code in COUNTRY_FEATURE_CODES else None)
    return None


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump", type=Path, help="GeoNames XX.txt, allCountries.txt or its .zip")
    parser.add_argument("--output", type=Path, default=None, help=f"default: {user_gazetteer_path()}")
    parser.add_argument("--countries", default=None, help="ISO2 codes, comma-separated (default: all)")
    args = parser.parse_args(argv)
    countries = [code.strip() for code in args.countries.split(",") if code.strip()] if args.countries else None
    count = import_geonames(args.dump, args.output, countries)
    print(f"{args.output or user_gazetteer_path()}: {count} rows")


if __name__ == "__main__":
    main()
