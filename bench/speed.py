"""Extraction speed against the bare spaCy pipeline, on the same FA-KES texts, in one run.

Prints articles per second per core for
  bare  -- `nlp.pipe` with the spaCy model's own components (and corroborate's blank-line sentence
           breaks, which run before the parser: a cut-off for the parser, not extraction), and
  full  -- corroborate's whole extraction (model + corroborate components + incident rules),
their ratio (full / bare; the target is >= 0.80) and the peak resident memory of
each (one worker process each, so the figures do not mix; target <= 700 MB).
The ratio is given twice: of elapsed time, and of the process's CPU time. On a
loaded machine both move by several hundredths from run to run: compare runs
made back to back, alternating the versions.

    python bench/speed.py [--csv PATH] [--limit N] [--repeat K]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CSV = ROOT.parent / "shared" / "data" / "fakes" / "fakes_dev.csv"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(mode: str, csv_path: str, limit: int | None, repeat: int, queue) -> None:
    """One measurement in a fresh process, on one core."""
    from corroborate.evaluate import read_fakes
    from corroborate.extract.pipeline import PIPELINE_COMPONENTS, extract_articles, load_pipeline

    articles = read_fakes(Path(csv_path), limit) * repeat
    nlp = load_pipeline()
    # Warm up both paths on a few texts so that lazy loading is not timed.
    list(extract_articles(articles[:5]))
    start, cpu_start = time.perf_counter(), time.process_time()
    if mode == "bare":
        model_pipes = [name for name in nlp.pipe_names if name not in PIPELINE_COMPONENTS]
        with nlp.select_pipes(enable=model_pipes):
            for _ in nlp.pipe((a.text for a in articles), batch_size=16):
                pass
    else:
        for _ in extract_articles(articles, batch_size=16):
            pass
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    queue.put({"mode": mode, "articles": len(articles), "seconds": seconds, "cpu_seconds": cpu_seconds, "peak_rss_mb": peak_rss_mb()})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--repeat", type=int, default=1, help="process the texts K times")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"  # one core per measurement
    context = multiprocessing.get_context("spawn")
    results = {}
    for mode in ("bare", "full"):
        queue = context.Queue()
        process = context.Process(target=run, args=(mode, str(args.csv), args.limit, args.repeat, queue))
        process.start()
        results[mode] = queue.get()
        process.join()
    for result in results.values():
        result["articles_per_second_per_core"] = result["articles"] / result["seconds"]
    ratio = results["full"]["articles_per_second_per_core"] / results["bare"]["articles_per_second_per_core"]
    cpu_ratio = results["bare"]["cpu_seconds"] / results["full"]["cpu_seconds"]
    summary = {"bare": results["bare"], "full": results["full"], "ratio_full_to_bare": ratio, "cpu_ratio_full_to_bare": cpu_ratio}
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    for mode in ("bare", "full"):
        r = results[mode]
        print(
            f"{mode:5} {r['articles']} articles in {r['seconds']:.1f} s: "
            f"{r['articles_per_second_per_core']:.1f} articles/s/core ({r['cpu_seconds']:.1f} s CPU), peak RSS {r['peak_rss_mb']:.0f} MB"
        )
    print(f"ratio full/bare: {ratio:.2f} elapsed, {cpu_ratio:.2f} CPU (target >= 0.80)")


if __name__ == "__main__":
    main()
