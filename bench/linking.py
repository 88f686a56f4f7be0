"""Linking on the FA-KES development split: pairwise quality, and time and memory at scale.

Pairwise part. Reference: articles with the same gold date and governorate
(columns `date`, `location`) tell one event. Prediction: the articles whose
main incident (the first violent one) falls in the same linked incident. A
pair is a pair of articles; articles without a main incident are linked to nothing.

Scale part (`--scale`, sizes in incidents). The 442 dev extractions are made
once (cached in `--work`), then copied with new dates, places moved to other
gazetteer towns of the same country, and new article ids and URLs, and saved
through `Store.save_extractions` into a SQLite store of each size. Dates are
spread so that the store holds `--per-week` incidents a week whatever its
size (a larger store spans more years): the pair model's cost per new report
follows the incidents of its weeks, so a constant density isolates what the
store's size costs. In fresh processes (so peak RSS is per step): link the
whole store, add `--new` articles dated in the last weeks of the span (as
many weeks as keep the density: new reports are mostly about recent events),
link them incrementally. Seconds are wall-clock with the process's CPU time
beside them: on a shared machine the CPU time is what compares two sizes.

    .venv/bin/python bench/linking.py [../shared/data/fakes/fakes_dev.csv] [--threshold 0.6]
    .venv/bin/python bench/linking.py --scale 10000,100000 [--new 1000] [--per-week 5] [--work /tmp/corroborate-bench-linking]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import random
import resource
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from queue import Empty
from typing import Iterator, Optional

from corroborate.evaluate import read_fakes
from corroborate.extract.pipeline import extract_articles
from corroborate.link import link_incidents
from corroborate.models import Article, Extraction, Incident, article_id

_SHARED = [folder / "shared" / "data" / "fakes" / "fakes_dev.csv" for folder in Path(__file__).resolve().parents[2:4]]
DEFAULT_CSV = next((path for path in _SHARED if path.exists()), _SHARED[0])  # from a checkout or a worktree
DEFAULT_WORK = Path("/tmp/corroborate-bench-linking")
START = dt.date(2000, 1, 1)
SAVE_BATCH = 500


def main_incident_only(extraction: Extraction) -> Extraction:
    violent = [incident for incident in extraction.incidents if incident.violent]
    return extraction.model_copy(update={"incidents": violent[:1]})


def pairs_of(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(pair) for group in groups for pair in combinations(sorted(set(group)), 2)}


def pairwise(csv: Path, threshold: Optional[float]) -> None:
    articles = read_fakes(csv)
    texts = {article.id: article.text for article in articles}
    extractions = [main_incident_only(extraction) for extraction in extract_articles(articles)]
    linked = link_incidents(extractions, threshold=threshold, article_text=texts.get)

    reference: dict[tuple[str, str], list[str]] = defaultdict(list)
    for article in articles:
        date, place = article.metadata.get("date", "").strip(), article.metadata.get("location", "").strip().lower()
        if date and place:
            reference[(date, place)].append(article.id)
    gold = pairs_of(list(reference.values()))
    predicted = pairs_of([[member.article_id for member in incident.members] for incident in linked])

    true_positives = len(gold & predicted)
    precision = true_positives / len(predicted) if predicted else 0.0
    recall = true_positives / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    multi = sum(1 for incident in linked if len(incident.members) > 1)
    print(
        f"articles {len(articles)}  main incidents {sum(len(e.incidents) for e in extractions)}  linked incidents {len(linked)} ({multi} with 2+ articles)"
    )
    print(f"reference events {len(reference)}  reference pairs {len(gold)}  predicted pairs {len(predicted)}  correct {true_positives}")
    print(f"pairwise precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")


# --------------------------------------------------------------------------- scale


def base_corpus(csv: Path, work: Path) -> list[tuple[Article, Extraction]]:
    """The dev articles with their extractions, extracted once and cached."""
    cache = work / "fakes_dev_extractions.jsonl"
    if not cache.exists() or not cache.stat().st_size:
        articles = read_fakes(csv)
        if not articles:
            raise SystemExit(f"no articles in {csv}")
        with cache.open("w", encoding="utf-8") as handle:
            for article, extraction in zip(articles, extract_articles(articles)):
                handle.write(
                    json.dumps({"article": article.model_dump(mode="json"), "extraction": extraction.model_dump(mode="json")}) + "\n"
                )
    with cache.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    return [(Article.model_validate(row["article"]), Extraction.model_validate(row["extraction"])) for row in rows]


def _towns_by_country() -> dict[str, list]:
    from corroborate.gazetteer import Gazetteer

    towns: dict[str, list] = defaultdict(list)
    for entry in Gazetteer.default().entries():
        if entry.feature == "city" and entry.country and entry.geonameid:
            towns[entry.country].append(entry)
    return towns


def _moved(incident: Incident, rng: random.Random, first_day: dt.date, towns: dict[str, list]) -> Incident:
    date, place = incident.date, incident.location
    if date.start is not None:
        length = (date.end or date.start) - date.start
        date = date.model_copy(update={"start": first_day, "end": first_day + length if date.end else None})
    if place.geonameid and towns.get(place.country or ""):
        town = rng.choice(towns[place.country])  # type: ignore[index]
        place = town.to_place(town.name, precision=place.precision)
    return incident.model_copy(update={"date": date, "location": place})


def articles_for(base: list[tuple[Article, Extraction]], incidents: int) -> int:
    """How many generated articles hold at least this many incidents."""
    count = total = 0
    while total < incidents:
        total += len(base[count % len(base)][1].incidents)
        count += 1
    return count


def generated(base: list[tuple[Article, Extraction]], numbers: range, days: range) -> Iterator[tuple[Article, Extraction]]:
    """Article number n: a copy of dev article n mod 442, moved to one of these days (counted from START) and to other towns."""
    towns = _towns_by_country()
    for number in numbers:
        article, extraction = base[number % len(base)]
        rng = random.Random(number)
        first_day = START + dt.timedelta(days=rng.choice(days))
        text, url = f"{article.text}\n\nBenchmark copy {number}.", f"https://bench.invalid/{number}"
        copy = article.model_copy(
            update={"id": article_id(text, url), "text": text, "url": url, "published": first_day + dt.timedelta(days=1)}
        )
        incidents = [_moved(incident, rng, first_day, towns) for incident in extraction.incidents]
        yield copy, Extraction.for_article(copy, incidents, list(extraction.notes))


def _peak_mb() -> float:
    """This process's peak RSS. Linux keeps `ru_maxrss` across fork and exec, so a spawned step would report
    its parent's peak: the kernel's per-process high-water mark (VmHWM) is read where there is one."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def ingest_step(database: str, csv: Path, work: Path, numbers: range, days: range, queue) -> None:
    from corroborate.store import open_database

    base = base_corpus(csv, work)
    start = time.perf_counter()
    with open_database(database) as store:
        batch: list[tuple[Article, Extraction]] = []
        for pair in generated(base, numbers, days):
            batch.append(pair)
            if len(batch) == SAVE_BATCH:
                store.save_extractions(batch)
                batch = []
        store.save_extractions(batch)
        incidents = store.count("incidents")
    queue.put({"seconds": round(time.perf_counter() - start, 1), "incidents": incidents})


def link_step(database: str, queue) -> None:
    from corroborate.store import open_database
    from corroborate.store.linking import update_links

    with open_database(database) as store:
        baseline = _peak_mb()
        start, cpu_start = time.perf_counter(), time.process_time()
        update = update_links(store)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    queue.put(
        {
            "seconds": round(seconds, 1),
            "cpu": round(cpu, 1),
            "peak_mb": _peak_mb(),
            "before_mb": baseline,
            "linked": update.incidents_linked,
            "written": update.linked_incidents_written,
            "total": update.linked_incidents_total,
        }
    )


def prelink_step(database: str, queue) -> None:
    """Each unlinked incident its own group (per-article linking: no pairs scored), to build a large linked store quickly."""
    from corroborate.link import link_groups
    from corroborate.store import open_database

    start = time.perf_counter()
    with open_database(database) as store:
        while batch := store.unlinked_incidents(1000):
            groups = [pair for extraction in batch for pair in link_groups([extraction])]
            store.save_linked_incidents([linked for linked, _ in groups], keys={linked.id: keys for linked, keys in groups})
        total = store.count("linked_incidents")
    queue.put({"seconds": round(time.perf_counter() - start, 1), "total": total})


def _in_fresh_process(target, *args) -> dict:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    while True:
        try:
            result = queue.get(timeout=5)
            break
        except Empty:
            if not process.is_alive():
                raise SystemExit(f"{target.__name__} failed (exit code {process.exitcode})") from None
    process.join()
    return result


def scale(sizes: list[int], new: int, per_week: float, csv: Path, work: Path, *, keep: bool = False, prelink: bool = False) -> None:
    work.mkdir(parents=True, exist_ok=True)
    base = base_corpus(csv, work)
    print("| store | step | incidents linked | seconds (CPU) | peak RSS MB (before linking) | linked incidents |")
    print("| --- | --- | --- | --- | --- | --- |")
    for size in sizes:
        database = work / f"link_{size}.db"
        if not (keep and database.exists()):
            for path in work.glob(f"link_{size}.db*"):
                path.unlink()
        articles, span_days = articles_for(base, size), max(1, round(size / per_week * 7))
        stored = _in_fresh_process(ingest_step, str(database), csv, work, range(articles), range(span_days))
        if prelink:
            done = _in_fresh_process(prelink_step, str(database))
            print(
                f"| {stored['incidents']:,} incidents ({articles:,} articles, {span_days / 365.25:.0f} years) | prelinked as singletons, not measured ({done['seconds']} s) | | | | {done['total']:,} |",
                flush=True,
            )
        else:
            full = _in_fresh_process(link_step, str(database))
            print(
                f"| {stored['incidents']:,} incidents ({articles:,} articles, {span_days / 365.25:.0f} years, ingest {stored['seconds']} s) | link all | {full['linked']:,} | {full['seconds']} ({full['cpu']}) | {full['peak_mb']} ({full['before_mb']}) | {full['total']:,} |",
                flush=True,
            )
        new_days = min(span_days, round(new * stored["incidents"] / articles / per_week * 7))
        _in_fresh_process(ingest_step, str(database), csv, work, range(articles, articles + new), range(span_days - new_days, span_days))
        step = _in_fresh_process(link_step, str(database))
        print(
            f"| + {new:,} new articles (last {new_days / 365.25:.1f} years) | incremental | {step['linked']:,} | {step['seconds']} ({step['cpu']}) | {step['peak_mb']} ({step['before_mb']}) | {step['total']:,} ({step['written']:,} written) |",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--threshold", type=float, default=None, help="probability to link (default: the linking model's)")
    parser.add_argument("--scale", help="store sizes in incidents, e.g. 10000,100000: time and memory of linking instead of quality")
    parser.add_argument("--per-week", type=float, default=5.0, help="incidents a week in the generated stores")
    parser.add_argument("--new", type=int, default=1000, help="articles added before the incremental step")
    parser.add_argument("--keep", action="store_true", help="reuse the stores in --work (articles already stored are skipped)")
    parser.add_argument(
        "--prelink",
        action="store_true",
        help="file every incident as its own group instead of measuring `link all` (what the model's threshold gave at 10,000)",
    )
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="folder for the cached extractions and the stores")
    args = parser.parse_args()
    if args.scale:
        scale(
            [int(size) for size in args.scale.split(",")],
            args.new,
            args.per_week,
            args.csv,
            args.work,
            keep=args.keep,
            prelink=args.prelink,
        )
    else:
        pairwise(args.csv, args.threshold)


if __name__ == "__main__":
    main()
