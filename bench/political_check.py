"""Checks the political-event annotations against their articles and the PLOVER vocabulary.

Every evidence string must occur verbatim in the article text the project's readers produce and stay
short (at most 20 words: it locates the event, it does not copy the article); every type and mode is
one the guide allows; certainty is one of four words; actor and recipient are non-empty.

    python bench/political_check.py [--annotations PATH]     # exit 1 and a list of problems if any
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from political import ANNOTATIONS, CERTAINTIES, article_key, article_texts, plover_vocabulary, read_annotations  # noqa: E402

MAX_EVIDENCE_WORDS = 20


def annotation_problems(records: list[dict], texts: dict[tuple[str, str], str], vocabulary: dict[str, set[str]]) -> list[str]:
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for record in records:
        key = article_key(record)
        where = "/".join(key)
        if key in seen:
            problems.append(f"{where}: annotated twice")
        seen.add(key)
        if key not in texts:
            problems.append(f"{where}: article not found")
            continue
        for number, event in enumerate(record["events"], 1):
            at = f"{where} event {number}"
            kind = event.get("type")
            if kind not in vocabulary:
                problems.append(f"{at}: {kind!r} is not a PLOVER type")
                continue
            mode = event.get("mode")
            for one in [mode] if isinstance(mode, str) else (mode or []):
                if one not in vocabulary[kind]:
                    problems.append(f"{at}: mode {one!r} is not a mode of {kind}")
            if event.get("certainty") not in CERTAINTIES:
                problems.append(f"{at}: certainty {event.get('certainty')!r}")
            for role in ("actor", "recipient"):
                names = event.get(role)
                if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
                    problems.append(f"{at}: {role} must be a non-empty list of names")
            if not event.get("source"):
                problems.append(f"{at}: no source")
            evidence = event.get("evidence") or ""
            if not evidence or evidence not in texts[key]:
                problems.append(f"{at}: evidence not in the text: {evidence!r}")
            elif len(evidence.split()) > MAX_EVIDENCE_WORDS:
                problems.append(f"{at}: evidence longer than {MAX_EVIDENCE_WORDS} words")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=Path, default=ANNOTATIONS)
    args = parser.parse_args()
    records = read_annotations(args.annotations)
    problems = annotation_problems(records, article_texts(records), plover_vocabulary())
    for problem in problems:
        print(problem)
    events = sum(len(record["events"]) for record in records)
    print(f"{len(records)} articles, {events} events: {'ok' if not problems else f'{len(problems)} problems'}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
