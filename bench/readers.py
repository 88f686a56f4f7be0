"""Fixed costs outside the model: loading the bundled gazetteer, and reading a saved web page.

Prints the time `Gazetteer.load()` takes on the bundled file (the README's data section says
about 0.15 s; every worker pays it once), and the time `read_text` takes per page (the project's furniture fixture six times over, 6 kB), with
and without language detection (the reader's own work is its metadata, furniture and dateline
rules; the target is under 5 ms a page without detection, so reading never shows next to
extraction's ~50 ms an article).

    python bench/readers.py [--repeat K]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "tests" / "fixtures" / "ingest" / "furniture_page.txt"


def seconds_per_call(call, repeat: int) -> float:
    """The median of `repeat` timed calls, after one untimed call."""
    call()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from corroborate.gazetteer import BUNDLED_GAZETTEER, Gazetteer
    from corroborate.ingest import text as text_module

    load = seconds_per_call(lambda: Gazetteer.load(extra_paths=()), max(3, args.repeat // 4))
    size_mb = BUNDLED_GAZETTEER.stat().st_size / 1e6
    print(f"gazetteer: {size_mb:.1f} MB, {len(Gazetteer.load(extra_paths=()).entries())} rows, load {load * 1000:.0f} ms")

    page = PAGE.read_text(encoding="utf-8") * 6
    with_detection = seconds_per_call(lambda: text_module.read_text(page), args.repeat)
    detect = text_module.detect_language
    text_module.detect_language = lambda text: None
    try:
        without_detection = seconds_per_call(lambda: text_module.read_text(page), args.repeat)
    finally:
        text_module.detect_language = detect
    print(
        f"read_text, {len(page) / 1000:.0f} kB page: {without_detection * 1000:.1f} ms without language detection "
        f"(target < 5 ms), {with_detection * 1000:.1f} ms with it"
    )


if __name__ == "__main__":
    main()
