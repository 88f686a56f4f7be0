"""Extraction time and peak memory of one long document, by size.

Each document joins many different FA-KES dev article texts (read in place) as
one article, up to 5 kB, 100 kB, 400 kB and 1 MB; each size is extracted in a
fresh process (one core) so that peak memory is that size's own. Targets: the
400 kB document under 4.5x the time of the 100 kB one and under 10 s; peak
memory under 1 GB at 1 MB.

    python bench/long_documents.py [--sizes 5000,100000,...] [--csv PATH] [--profile SIZE]

--profile SIZE prints a cProfile of that size and writes it to $TMPDIR/long_documents_SIZE.prof.
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
DEFAULT_SIZES = (5_000, 100_000, 400_000, 1_000_000)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def long_text(csv_path: str, size: int) -> str:
    """Different articles, one after another as paragraphs, as many as fit in `size` characters."""
    from corroborate.evaluate import read_fakes

    texts = [article.text.strip() for article in read_fakes(Path(csv_path)) if article.text.strip()]
    parts: list[str] = []
    length = 0
    for _ in range(1 + size // max(sum(len(text) + 2 for text in texts), 1)):
        for text in texts:
            if length + len(text) + 2 <= size:
                parts.append(text)
                length += len(text) + 2
    return "\n\n".join(parts)


def bare_spacy_seconds(text: str) -> float:
    """The spaCy model's own components alone on the same text, in the same sections (for scale: the
    machine is shared, so a ratio to this says more than a time)."""
    from corroborate.extract.pipeline import PARAGRAPH_COMPONENT, PIPELINE_COMPONENTS, load_pipeline, sections

    nlp = load_pipeline()
    model_pipes = [name for name in nlp.pipe_names if name not in PIPELINE_COMPONENTS and name != PARAGRAPH_COMPONENT]
    start = time.perf_counter()
    with nlp.select_pipes(enable=model_pipes):
        for _, piece in sections(text):
            nlp(piece)
    return time.perf_counter() - start


def run(csv_path: str, size: int, profile: bool, queue) -> None:
    """One measurement in a fresh process."""
    import datetime as dt

    from corroborate.extract.pipeline import extract_text, load_pipeline

    text = long_text(csv_path, size)
    load_pipeline()
    extract_text("Warm-up: a car bomb killed 3 people in Homs on Monday.", published=dt.date(2013, 1, 1))
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start = time.perf_counter()
    extraction = extract_text(text, published=dt.date(2013, 1, 1))
    seconds = time.perf_counter() - start
    if profiler is not None:
        import pstats

        profiler.disable()
        import tempfile

        profiler.dump_stats(Path(tempfile.gettempdir()) / f"long_documents_{size}.prof")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    peak = peak_rss_mb()
    queue.put(
        {
            "size": size,
            "characters": len(text),
            "incidents": len(extraction.incidents),
            "seconds": seconds,
            "peak_rss_mb": peak,
            "bare_spacy_seconds": bare_spacy_seconds(text),
        }
    )


def measure(csv_path: str, size: int, profile: bool = False) -> dict:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=run, args=(csv_path, size, profile, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES), help="comma-separated sizes in characters")
    parser.add_argument("--profile", type=int, default=None, help="print a cProfile of this size only")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"  # one core per measurement
    if args.profile:
        print(json.dumps(measure(str(args.csv), args.profile, profile=True)))
        return
    results = [measure(str(args.csv), int(size)) for size in args.sizes.split(",")]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for r in results:
        print(
            f"{r['characters']:>9,} characters: {r['seconds']:7.2f} s, {r['characters'] / 1000 / r['seconds']:6.1f} kB/s, "
            f"peak {r['peak_rss_mb']:5.0f} MB, {r['incidents']} incidents; bare spaCy {r['bare_spacy_seconds']:.2f} s "
            f"(full / bare {r['seconds'] / r['bare_spacy_seconds']:.2f})"
        )
    by_size = {r["size"]: r for r in results}
    if 100_000 in by_size and 400_000 in by_size:
        ratio = by_size[400_000]["seconds"] / by_size[100_000]["seconds"]
        print(f"400 kB / 100 kB time: {ratio:.2f}x (target < 4.5x; 400 kB target < 10 s)")
    if 1_000_000 in by_size:
        print(f"peak memory at 1 MB: {by_size[1_000_000]['peak_rss_mb']:.0f} MB (target < 1024 MB)")


if __name__ == "__main__":
    main()
