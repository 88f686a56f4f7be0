"""Political-event gold standard: read the hand annotations and the articles they point into.

The annotations (bench/data/political/annotations.jsonl, guide: docs/political_annotation.md) are
the measure for issue 14's extractor. Each gold event expands to (type, actor, recipient) triples,
one per actor and recipient ("the US, EU and Qatar arm the rebels" is three AID triples); a
reciprocal event (a joint meeting or agreement) gives each unordered pair of distinct parties once.
The extractor's political incidents (those with a `plover_type`) expand the same way (actors x
recipients; one whose actors are its recipients is reciprocal).

Figures: per-type precision, recall and F1 of the triples, article by article, and their macro-F1
over the types present in gold or predicted; "actor and recipient both right": of the predicted
events that match a gold event of the same type in the same place (the predicted event's sentence
overlaps the gold evidence), the share whose actor and recipient sets are both the gold ones; and
the predicted events reported `asserted` that match a gold event alleged or denied (target 0).

    python bench/political.py [--annotations PATH]      # run the extractor on every annotated article
    python bench/political.py --details                 # and list the misses and the false events
    python bench/political.py --counts                  # only the per-type counts of the gold set
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Iterable, Iterator, Optional

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


def predicted_triples(incidents: Iterable) -> set[Triple]:
    """The (type, actor, recipient) triples of an article's political incidents, as gold_triples counts them."""
    found: set[Triple] = set()
    for incident in incidents:
        if incident.plover_type is None:
            continue
        actors = [a.name for a in incident.actors if a.role == "actor"]
        recipients = [a.name for a in incident.actors if a.role == "recipient"]
        event = {"type": incident.plover_type, "actor": actors, "recipient": recipients, "reciprocal": set(actors) == set(recipients)}
        found |= set(triples(event))
    return found


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _span_of(text: str, evidence: str) -> Optional[tuple[int, int]]:
    start = text.find(evidence)
    return (start, start + len(evidence)) if start >= 0 else None


def _sentence_span(text: str, incident) -> Optional[tuple[int, int]]:
    """Where the political incident's evidence sentence lies in the article's text."""
    claim = next((c for c in incident.claims if c.field == "plover_type"), None)
    if claim is None:
        return None
    sentence = claim.evidence.sentence
    start = text.rfind(sentence, 0, claim.evidence.start + 1)
    if start < 0:
        return claim.evidence.start, claim.evidence.end
    return start, start + len(sentence)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Scores:
    tallies: dict[str, Tally]
    matched: int  # predicted events matching a gold event of their type and place
    both_right: int  # of those, actor and recipient sets both right
    asserted_wrongly: int  # predicted asserted, matching a gold event alleged or denied
    misses: list[tuple[tuple[str, str], Triple]]
    false: list[tuple[tuple[str, str], Triple]]
    wrong_parties: list[tuple[tuple[str, str], str]]

    @property
    def macro_f1(self) -> float:
        return sum(t.f1 for t in self.tallies.values()) / len(self.tallies) if self.tallies else 0.0


def score(records: list[dict], texts: dict[tuple[str, str], str], predictions: dict[tuple[str, str], list]) -> Scores:
    """Compare every article's political incidents (`predictions`, by article key) with its gold events."""
    tallies: dict[str, Tally] = {}
    matched = both_right = asserted_wrongly = 0
    misses, false, wrong = [], [], []
    for record in records:
        key = article_key(record)
        text = texts[key]
        incidents = [i for i in predictions.get(key, []) if i.plover_type is not None]
        gold, predicted = gold_triples(record), predicted_triples(incidents)
        for triple in gold | predicted:
            tally = tallies.setdefault(triple.type, Tally())
            if triple in gold and triple in predicted:
                tally.tp += 1
            elif triple in predicted:
                tally.fp += 1
                false.append((key, triple))
            else:
                tally.fn += 1
                misses.append((key, triple))
        for incident in incidents:
            where = _sentence_span(text, incident)
            hits = [
                event
                for event in record["events"]
                if event["type"] == incident.plover_type
                and where is not None
                and (span := _span_of(text, event["evidence"])) is not None
                and _overlaps(where, span)
            ]
            if not hits:
                continue
            matched += 1
            actors = {a.name for a in incident.actors if a.role == "actor"}
            recipients = {a.name for a in incident.actors if a.role == "recipient"}
            right = any(_same_parties(event, actors, recipients) for event in hits)
            both_right += right
            if not right:
                wrong.append(
                    (
                        key,
                        f"{incident.plover_type} {sorted(actors)} -> {sorted(recipients)} | gold {[(e['actor'], e['recipient']) for e in hits]}",
                    )
                )
            certainty = next(c.certainty for c in incident.claims if c.field == "plover_type")
            if str(getattr(certainty, "value", certainty)) == "asserted" and all(e["certainty"] in ("alleged", "denied") for e in hits):
                asserted_wrongly += 1
    return Scores(tallies, matched, both_right, asserted_wrongly, misses, false, wrong)


def _same_parties(event: dict, actors: set[str], recipients: set[str]) -> bool:
    if event.get("reciprocal"):
        return set(event["actor"]) | set(event["recipient"]) == actors | recipients
    return set(event["actor"]) == actors and set(event["recipient"]) == recipients


def extract_all(texts: dict[tuple[str, str], str]) -> dict[tuple[str, str], list]:
    """Every annotated article through the extractor, as `corroborate extract` reads it."""
    from corroborate.extract.pipeline import extract_text

    return {key: extract_text(text, timeout=None).incidents for key, text in texts.items()}


def report(
    records: list[dict], texts: dict[tuple[str, str], str], predictions: dict[tuple[str, str], list], details: bool = False
) -> Scores:
    scores = score(records, texts, predictions)
    print(f"{'type':<10} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for name in sorted(scores.tallies, key=lambda n: (-(scores.tallies[n].tp + scores.tallies[n].fn), n)):
        t = scores.tallies[name]
        print(f"{name:<10} {t.tp + t.fn:>5} {t.tp + t.fp:>5} {t.precision:>6.3f} {t.recall:>6.3f} {t.f1:>6.3f}")
    total = Tally(*(sum(getattr(t, f) for t in scores.tallies.values()) for f in ("tp", "fp", "fn")))
    print(f"{'all':<10} {total.tp + total.fn:>5} {total.tp + total.fp:>5} {total.precision:>6.3f} {total.recall:>6.3f} {total.f1:>6.3f}")
    print(f"macro-F1 over {len(scores.tallies)} types: {scores.macro_f1:.3f}")
    share = scores.both_right / scores.matched if scores.matched else 0.0
    print(f"actor and recipient both right: {scores.both_right}/{scores.matched} = {share:.1%} of the found events")
    print(f"alleged or denied reported as asserted: {scores.asserted_wrongly}")
    if details:
        for label, rows in (("missed", scores.misses), ("false", scores.false)):
            print(f"\n{label}:")
            for key, triple in sorted(rows, key=lambda r: (r[0], r[1].type)):
                print(f"  {key[0]}:{key[1]}  {triple.type} {triple.actor} -> {triple.recipient}")
        print("\nfound with other parties:")
        for key, line in scores.wrong_parties:
            print(f"  {key[0]}:{key[1]}  {line}")
    return scores


def counts(records: list[dict]) -> None:
    events = Counter(event["type"] for record in records for event in record["events"])
    gold = Counter(triple.type for record in records for triple in gold_triples(record))
    sources = Counter(record["source"] for record in records)
    with_events = sum(1 for record in records if record["events"])
    print(f"{len(records)} articles ({', '.join(f'{n} {s}' for s, n in sorted(sources.items()))}); {with_events} with political events")
    print(f"{'type':<10} {'events':>6} {'triples':>7}")
    for name in sorted(events, key=lambda n: (-events[n], n)):
        print(f"{name:<10} {events[name]:>6} {gold[name]:>7}")
    print(f"{'total':<10} {sum(events.values()):>6} {sum(gold.values()):>7}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=Path, default=ANNOTATIONS)
    parser.add_argument("--details", action="store_true", help="list the missed and the false triples")
    parser.add_argument("--counts", action="store_true", help="only count the gold set")
    args = parser.parse_args()
    records = read_annotations(args.annotations)
    counts(records)
    if args.counts:
        return
    texts = article_texts(records)
    print()
    report(records, texts, extract_all(texts), details=args.details)


if __name__ == "__main__":
    main()
