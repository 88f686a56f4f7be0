"""Pairwise precision and recall of linking on the FA-KES development split.

Reference: articles with the same gold date and governorate (columns `date`,
`location`) tell one event. Prediction: the articles whose main incident (the
first violent one) falls in the same linked incident. A pair is a pair of
articles; articles without a main incident are linked to nothing.

    .venv/bin/python bench/linking.py [../shared/data/fakes/fakes_dev.csv] [--window 2] [--threshold 0.6]
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from corroborate.evaluate import read_fakes
from corroborate.extract.pipeline import extract_articles
from corroborate.link import DEFAULT_WINDOW_DAYS, LINK_THRESHOLD, link_incidents
from corroborate.models import Extraction

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes" / "fakes_dev.csv"


def main_incident_only(extraction: Extraction) -> Extraction:
    violent = [incident for incident in extraction.incidents if incident.violent]
    return extraction.model_copy(update={"incidents": violent[:1]})


def pairs_of(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(pair) for group in groups for pair in combinations(sorted(set(group)), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--window", type=int, default=DEFAULT_WINDOW_DAYS, help="days between day-precise dates")
    parser.add_argument("--threshold", type=float, default=LINK_THRESHOLD, help="pairwise score to link")
    args = parser.parse_args()

    articles = read_fakes(args.csv)
    texts = {article.id: article.text for article in articles}
    extractions = [main_incident_only(extraction) for extraction in extract_articles(articles)]
    linked = link_incidents(extractions, window_days=args.window, threshold=args.threshold, article_text=texts.get)

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
    print(f"articles {len(articles)}  main incidents {sum(len(e.incidents) for e in extractions)}  linked incidents {len(linked)} ({multi} with 2+ articles)")
    print(f"reference events {len(reference)}  reference pairs {len(gold)}  predicted pairs {len(predicted)}  correct {true_positives}")
    print(f"pairwise precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")


if __name__ == "__main__":
    main()
