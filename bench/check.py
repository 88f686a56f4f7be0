"""Speed of `corroborate.check` on a synthetic UCDP GED file and synthetic linked incidents.

Writes a UCDP-format CSV of random events at random Syrian towns of the
bundled gazetteer over eight years (in a temporary directory), times
`load_reference`, then times `check_linked` for linked incidents at random
towns and days. Figures only measure speed; the verdicts are meaningless.

    .venv/bin/python bench/check.py [--events 100000] [--incidents 2000]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

from corroborate.check import ReferenceIndex, check_linked, load_reference
from corroborate.gazetteer import Gazetteer
from corroborate.link import link_incidents
from corroborate.models import (
    ArticleHeader,
    Casualties,
    CasualtyCount,
    Extraction,
    Incident,
    IncidentDate,
    Place,
    PlacePrecision,
    Precision,
)

GED_COLUMNS = (
    "id,type_of_violence,side_a,side_b,where_prec,where_coordinates,adm_1,adm_2,latitude,longitude,country,"
    "date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low"
).split(",")
FIRST_DAY = dt.date(2012, 1, 1)
DAYS = 3000


def write_ged(path: Path, events: int, towns: list, rng: random.Random) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(GED_COLUMNS)
        for number in range(events):
            town, day, best = rng.choice(towns), FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)), rng.randrange(1, 40)
            writer.writerow(
                [
                    number,
                    rng.choice((1, 2, 3)),
                    "A",
                    "B",
                    1,
                    f"{town.name} town",
                    f"{town.admin1} governorate",
                    "",
                    town.lat,
                    town.lon,
                    "Syria",
                    1,
                    day,
                    day,
                    0,
                    0,
                    best,
                    0,
                    best,
                    best + 2,
                    best,
                ]
            )


def extraction(number: int, towns: list, rng: random.Random) -> Extraction:
    town, day, killed = rng.choice(towns), FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)), rng.randrange(1, 40)
    incident = Incident(
        id="i1",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        violent=True,
        cause="shelling",
        date=IncidentDate(start=day, end=day, precision=Precision.day),
        location=Place(name=town.name, admin1=town.admin1, country="SY", lat=town.lat, lon=town.lon, precision=PlacePrecision.exact),
        casualties=Casualties(killed=CasualtyCount(low=killed, best=killed, high=killed)),
        summary=f"Shelling killed {killed} people in {town.name}.",
    )
    return Extraction(article=ArticleHeader(id=f"a{number}", outlet=f"outlet {number}", published=day), incidents=[incident])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000, help="reference events to write")
    parser.add_argument("--incidents", type=int, default=2000, help="synthetic articles, one incident each")
    args = parser.parse_args()
    rng = random.Random(1)
    towns = [entry for entry in Gazetteer.default().entries() if entry.country == "SY" and entry.feature == "city"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ged.csv"
        write_ged(path, args.events, towns, rng)
        started = time.perf_counter()
        events = load_reference(path, "ucdp")
        loaded = time.perf_counter()
    extractions = [extraction(number, towns, rng) for number in range(args.incidents)]
    linked = link_incidents(extractions)
    by_id = {e.article.id: e for e in extractions}
    checking = time.perf_counter()
    checks = check_linked(linked, ReferenceIndex(events), by_id)
    done = time.perf_counter()
    print(f"load {len(events)} UCDP events: {loaded - started:.1f} s")
    print(f"check {len(linked)} linked incidents ({len(checks)} claims): {done - checking:.1f} s")
    print("verdicts", dict(Counter(check.verdict.value for check in checks)))


if __name__ == "__main__":
    main()
