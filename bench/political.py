"""Political-event gold standard: read the hand annotations and the articles they point into.

The annotations (bench/data/political/annotations.jsonl, guide: docs/political_annotation.md) are
the measure for issue 14's extractor. This module only reads them; scoring the extractor against
them is the next step. Each gold event expands to (type, actor, recipient) triples, one per actor
and recipient ("the US, EU and Qatar arm the rebels" is three AID triples); a reciprocal event
(a joint meeting or agreement) gives each unordered pair of distinct parties once.

    python bench/political.py [--annotations PATH]      # per-type counts of the gold set
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "bench" / "data" / "political" / "annotations.jsonl"
SHARED_DATA = ROOT.parent / "shared" / "data"
EXAMPLES = ROOT / "examples"
CERTAINTIES = ("asserted", "reported", "alleged", "denied")


@dataclass(frozen=True)
class Triple:
    type: str
    actor: str
    recipient: str


def plover_vocabulary() -> dict[str, set[str]]:
    """Each PLOVER type with the modes the guide allows for it (PLOVER's and the project's): data/plover.toml."""
    from corroborate import plover

    return {name: set(entry.modes) for name, entry in plover.table().items()}


def read_annotations(path: Path = ANNOTATIONS) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def article_key(record: dict) -> tuple[str, str]:
    """(source, row or file): how an annotation names its article."""
    return record["source"], str(record["row"] if record["source"] == "fakes_dev" else record["file"])


def article_texts(records: list[dict], shared_data: Path = SHARED_DATA, examples: Path = EXAMPLES) -> dict[tuple[str, str], str]:
    """The text the extractor sees for every annotated article, read by the project's own readers."""
    from corroborate.evaluate import read_fakes
    from corroborate.ingest import read_path

    wanted = {article_key(record) for record in records}
    texts: dict[tuple[str, str], str] = {}
    if any(source == "fakes_dev" for source, _ in wanted):
        for article in read_fakes(shared_data / "fakes" / "fakes_dev.csv"):
            key = ("fakes_dev", str(article.external_id))
            if key in wanted:
                texts[key] = article.text
    folders = {"examples": examples, "seeds": shared_data / "seeds"}
    for source, name in sorted(wanted):
        if source in folders:
            (article,) = list(read_path(folders[source] / name))
            texts[(source, name)] = article.text
    return texts


def triples(event: dict) -> Iterator[Triple]:
    if event.get("reciprocal"):
        for first, second in combinations(sorted(set(event["actor"]) | set(event["recipient"])), 2):
            yield Triple(event["type"], first, second)
        return
    for actor in event["actor"]:
        for recipient in event["recipient"]:
            if actor != recipient:
                yield Triple(event["type"], actor, recipient)


def gold_triples(record: dict) -> set[Triple]:
    """An article's gold set; a triple stated twice in one article counts once."""
    return {triple for event in record["events"] for triple in triples(event)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=Path, default=ANNOTATIONS)
    args = parser.parse_args()
    records = read_annotations(args.annotations)
    events = Counter(event["type"] for record in records for event in record["events"])
    gold = Counter(triple.type for record in records for triple in gold_triples(record))
    sources = Counter(record["source"] for record in records)
    with_events = sum(1 for record in records if record["events"])
    print(f"{len(records)} articles ({', '.join(f'{n} {s}' for s, n in sorted(sources.items()))}); {with_events} with political events")
    print(f"{'type':<10} {'events':>6} {'triples':>7}")
    for name in sorted(events, key=lambda n: (-events[n], n)):
        print(f"{name:<10} {events[name]:>6} {gold[name]:>7}")
    print(f"{'total':<10} {sum(events.values()):>6} {sum(gold.values()):>7}")


if __name__ == "__main__":
    main()
