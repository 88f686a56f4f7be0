"""Ingestion throughput into SQLite with 1 and 2 worker processes.

N FA-KES texts, made distinct by a numbered closing sentence, are written as a
CSV and ingested into a fresh SQLite file per configuration, each run in its
own process. Prints articles/s, the 2-vs-1 scaling ratio, peak resident memory
per worker, and database bytes per article. Figures are noisy on a shared machine.

    python bench/ingest.py [--n 10000] [--csv PATH] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CSV = ROOT.parent / "shared" / "data" / "fakes" / "fakes_dev.csv"


def write_corpus(source: Path, target: Path, n: int) -> None:
    """N distinct articles: FA-KES bodies in turn, each with its own numbered sentence."""
    csv.field_size_limit(2**31 - 1)
    with source.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["article_content"].strip()]
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "article_title", "source", "article_content"])
        for number in range(n):
            row = rows[number % len(rows)]
            body = f"{row['article_content'].strip()} This is benchmark report number {number}."
            writer.writerow([number, row["article_title"], row["source"], body])


def measure(corpus: str, database: str, workers: int, queue) -> None:
    """One ingest in a fresh process; the worker's peak RSS (this process for 1 worker, the children for more)."""
    from corroborate.store import open_database
    from corroborate.store.executors import make_executor
    from corroborate.store.ingestion import ingest

    with open_database(database) as store:
        executor = make_executor(workers)
        start = time.perf_counter()
        report = ingest([corpus], store, executor)
        seconds = time.perf_counter() - start
        executor.close()
    who = resource.RUSAGE_SELF if workers == 1 else resource.RUSAGE_CHILDREN
    queue.put(
        {
            "workers": workers,
            "articles": report.counts.articles_stored,
            "failed": report.counts.documents_failed,
            "seconds": round(seconds, 1),
            "articles_per_second": round(report.counts.articles_stored / seconds, 2),
            "peak_worker_rss_mb": round(resource.getrusage(who).ru_maxrss / 1024),
            "database_bytes_per_article": round(Path(database).stat().st_size / max(report.counts.articles_stored, 1)),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="articles to ingest (default 10000)")
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="FA-KES-format CSV to draw texts from")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    if not args.csv.exists():
        sys.exit(f"{args.csv} not found: pass --csv")
    context = multiprocessing.get_context("spawn")
    results = []
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.csv"
        write_corpus(args.csv, corpus, args.n)
        for workers in args.workers:
            queue = context.Queue()
            process = context.Process(target=measure, args=(str(corpus), str(Path(folder) / f"w{workers}.db"), workers, queue))
            process.start()
            results.append(queue.get())
            process.join()
            print(json.dumps(results[-1]), flush=True)
    rates = {r["workers"]: r["articles_per_second"] for r in results}
    if 1 in rates and 2 in rates:
        print(json.dumps({"scaling_2_vs_1": round(rates[2] / rates[1], 2)}))


if __name__ == "__main__":
    main()
