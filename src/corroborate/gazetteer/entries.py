"""Gazetteer rows: one place with its names, division and coordinates, and the CSV file format they are kept in
(data/README.md, "Gazetteer")."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence, overload

from corroborate.models import Place, PlacePrecision

GAZETTEER_COLUMNS = (
    "name",
    "ascii_name",
    "alternate_names",
    "feature",
    "admin1",
    "admin2",
    "country",
    "lat",
    "lon",
    "population",
    "geonameid",
)
FEATURES = ("city", "region", "admin2", "admin1", "country")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance on a 6,371 km sphere: ample for 'same place' tests of a few km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One gazetteer row (see data/README.md, "Gazetteer")."""

    name: str
    ascii_name: str
    alternate_names: tuple[str, ...]
    feature: str
    admin1: str
    admin2: str
    country: str
    lat: float
    lon: float
    population: int
    geonameid: Optional[int]

    @classmethod
    def from_row(cls, row: dict[str, str]) -> "GazetteerEntry":
        return cls(
            name=row["name"],
            ascii_name=row["ascii_name"],
            alternate_names=tuple(name for name in row["alternate_names"].split("|") if name),
            feature=row["feature"],
            admin1=row["admin1"],
            admin2=row["admin2"],
            country=row["country"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            population=int(row["population"] or 0),
            geonameid=int(row["geonameid"]) if row["geonameid"] else None,
        )

    def to_row(self) -> dict[str, str]:
        return {
            "name": self.name,
            "ascii_name": self.ascii_name,
            "alternate_names": "|".join(self.alternate_names),
            "feature": self.feature,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "country": self.country,
            "lat": f"{self.lat:.5f}",
            "lon": f"{self.lon:.5f}",
            "population": str(self.population or ""),
            "geonameid": "" if self.geonameid is None else str(self.geonameid),
        }

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.ascii_name, *self.alternate_names)

    @property
    def precision(self) -> PlacePrecision:
        """How precisely a mention of this entry locates an event."""
        return {
            "city": PlacePrecision.exact,
            "region": PlacePrecision.admin2,
            "admin2": PlacePrecision.admin2,
            "admin1": PlacePrecision.admin1,
            "country": PlacePrecision.country,
        }[self.feature]

    def to_place(self, text: str, precision: Optional[PlacePrecision] = None) -> Place:
        return Place(
            text=text,
            name=self.name,
            admin1=self.admin1 or None,
            admin2=self.admin2 or None,
            country=self.country or None,
            lat=self.lat,
            lon=self.lon,
            precision=precision or self.precision,
            geonameid=self.geonameid,
        )


def read_gazetteer_csv(path: str | Path) -> list[GazetteerEntry]:
    return list(read_gazetteer_rows(path))


def read_gazetteer_rows(path: str | Path) -> Sequence[GazetteerEntry]:
    """The file's entries; in the bundled column order, as `GazetteerRows` (each made when first asked for)."""
    with open(path, newline="", encoding="utf-8") as handle:
        text = handle.read()
    lines = text.split("\n")
    if lines[0] == ",".join(GAZETTEER_COLUMNS) and "\r" not in text and not any(line.count('"') % 2 for line in lines if '"' in line):
        return GazetteerRows([line for line in lines[1:] if line])
    rows = csv.reader(io.StringIO(text, newline=""))  # another column order or line ending, or a name over lines
    header = next(rows, None) or []
    if tuple(header) != GAZETTEER_COLUMNS:
        return [GazetteerEntry.from_row(dict(zip(header, row))) for row in rows]
    return [_entry_of_fields(fields) for fields in rows]


def _fields(line: str) -> list[str]:
    """A CSV line's fields: most lines quote nothing and are split as they are."""
    return line.split(",") if '"' not in line else next(csv.reader([line]))


def _entry_of_fields(fields: Sequence[str]) -> GazetteerEntry:
    name, ascii_name, alternates, feature, admin1, admin2, country, lat, lon, population, geonameid = fields
    return GazetteerEntry(
        name,
        ascii_name,
        tuple(alternates.split("|")) if alternates else (),
        feature,
        admin1,
        admin2,
        country,
        float(lat),
        float(lon),
        int(population) if population else 0,
        int(geonameid) if geonameid else None,
    )


class GazetteerRows(Sequence[GazetteerEntry]):
    """A gazetteer file's lines (fields in GAZETTEER_COLUMNS order, one line each), each read into an entry when
    first asked for, and the same entry after: a one-article run looks at a few dozen of 46,000 rows, and
    reading them all was a third of the gazetteer's load time and 30 MB."""

    def __init__(self, lines: list[str]):
        self._lines = lines
        self._made: list[Optional[GazetteerEntry]] = [None] * len(lines)

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, row: int) -> GazetteerEntry: ...

    @overload
    def __getitem__(self, row: slice) -> list[GazetteerEntry]: ...

    def __getitem__(self, row: int | slice) -> GazetteerEntry | list[GazetteerEntry]:
        if isinstance(row, slice):
            return [self[index] for index in range(*row.indices(len(self)))]
        entry = self._made[row]
        if entry is None:
            entry = self._made[row] = _entry_of_fields(_fields(self._lines[row]))
        return entry

    def column(self, name: str) -> list[str]:
        """One column of every row as written: scanning it makes no entries."""
        index = GAZETTEER_COLUMNS.index(name)
        return [_fields(line)[index] for line in self._lines]


def write_gazetteer_csv(entries: Iterable[GazetteerEntry], path: str | Path) -> int:
    """Write entries in the gazetteer's CSV format; returns the number of rows."""
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=GAZETTEER_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for entry in entries:
            writer.writerow(entry.to_row())
            count += 1
    return count
