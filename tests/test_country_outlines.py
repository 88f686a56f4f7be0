"""The offline map's country outlines (data/countries.geojson) and the tool that builds them."""

from __future__ import annotations

import importlib.util
import json
from importlib.resources import files
from pathlib import Path

import pytest

from corroborate.gazetteer import Gazetteer

TOOL = Path(__file__).resolve().parents[1] / "tools" / "build_country_outlines.py"


def _tool():
    spec = importlib.util.spec_from_file_location("build_country_outlines", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def outlines() -> dict:
    return json.loads((files("corroborate") / "data" / "countries.geojson").read_text(encoding="utf-8"))


def _polygons(feature: dict) -> list:
    geometry = feature["geometry"]
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def _inside(lon: float, lat: float, ring: list) -> bool:
    crossings = 0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            crossings += 1
    return crossings % 2 == 1


def _covers(feature: dict, lon: float, lat: float) -> bool:
    return any(_inside(lon, lat, rings[0]) and not any(_inside(lon, lat, hole) for hole in rings[1:]) for rings in _polygons(feature))


def test_country_outlines_are_a_feature_collection_of_the_world(outlines):
    assert outlines["type"] == "FeatureCollection"
    assert len(outlines["features"]) >= 170
    assert all(set(feature["properties"]) == {"iso_a2", "name"} for feature in outlines["features"])
    codes = {feature["properties"]["iso_a2"] for feature in outlines["features"]}
    assert {"SY", "UA", "FR", "NO", "XK", "IQ", "TR"} <= codes
    assert all(len(code) == 2 and code.isalpha() and code.isupper() for code in codes)


def test_country_outlines_are_valid_polygons(outlines):
    signed_area = _tool().signed_area
    for feature in outlines["features"]:
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        for rings in _polygons(feature):
            for position, ring in enumerate(rings):
                assert len(ring) >= 4 and ring[0] == ring[-1], feature["properties"]
                assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)
                assert all(lon == round(lon, 3) and lat == round(lat, 3) for lon, lat in ring)
                exterior = position == 0  # RFC 7946: exteriors counter-clockwise, holes clockwise
                assert (signed_area(ring) > 0) == exterior, feature["properties"]


@pytest.mark.parametrize(
    ("code", "cities"),
    [("SY", ["Damascus", "Aleppo", "Deir ez-Zor"]), ("UA", ["Kyiv", "Kharkiv", "Simferopol"]), ("FR", ["Paris", "Montpellier", "Rennes"])],
)
def test_country_outlines_hold_the_gazetteer_cities_of_their_country(outlines, code, cities):
    gazetteer = Gazetteer.default()
    (feature,) = [feature for feature in outlines["features"] if feature["properties"]["iso_a2"] == code]
    others = [other for other in outlines["features"] if other["properties"]["iso_a2"] != code]
    for name in cities:
        (place,) = [entry for entry in gazetteer.lookup(name) if entry.feature == "city" and entry.country == code][:1]
        assert _covers(feature, place.lon, place.lat), name
        assert not any(_covers(other, place.lon, place.lat) for other in others), name


def test_country_outlines_file_is_small_enough_to_serve():
    path = Path(str(files("corroborate") / "data" / "countries.geojson"))
    assert path.stat().st_size < 400_000


def test_country_outlines_tool_winds_and_thins_rings():
    tool = _tool()
    clockwise = [[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, 0.0], [0.0, 0.0]]
    assert tool.signed_area(tool.rounded_ring(clockwise, exterior=True)) > 0
    assert tool.signed_area(tool.rounded_ring(clockwise, exterior=False)) < 0
    repeats = [[0.0001, 0.0], [0.0002, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, 0.0], [0.0001, 0.0]]
    assert tool.rounded_ring(repeats, exterior=True) == [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]
    assert tool.rounded_ring([[0.0, 0.0], [0.0001, 0.0001], [0.0002, 0.0], [0.0, 0.0]], exterior=True) is None
