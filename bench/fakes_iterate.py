"""Fast iteration on FA-KES quality: parse once with the bare model, re-run only corroborate's rules.

The spaCy model's own output (tags, parse, entities) is cached in a DocBin
(default /tmp/corroborate-fakes-cache.spacy); each run then applies
corroborate's components and incident rules to the cached Docs, which takes
seconds instead of the full extraction's half minute. The figures are the same
as `corroborate eval fakes` as long as the model is unchanged.

    python bench/fakes_iterate.py [--csv PATH] [--rows even|odd|all] [--predictions OUT.csv] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from spacy.tokens import DocBin

from corroborate.evaluate import read_fakes, score_extractions
from corroborate.extract.pipeline import PIPELINE_COMPONENTS, extraction_from_doc, load_pipeline, model_name, run_components, with_article
from corroborate.models import Article, Extraction

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CSV = ROOT.parent / "shared" / "data" / "fakes" / "fakes_dev.csv"


def cached_docs(nlp, articles, cache: Path):
    model_pipes = [name for name in nlp.pipe_names if name not in PIPELINE_COMPONENTS]
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(articles) and all(d.text == a.text for d, a in zip(docs, articles)):
            return docs
    with nlp.select_pipes(enable=model_pipes):
        docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def default_cache() -> Path:
    return Path(f"/tmp/corroborate-fakes-cache-{model_name()}.spacy")


def in_rows(article: Article, rows: str) -> bool:
    """All rows, or the even or odd row ids: a split to check rules on unseen rows."""
    return rows == "all" or (int(article.external_id) % 2 == 0) == (rows == "even")


def fakes_extractions(csv_path: Path, cache: Path, rows: str = "all") -> list[tuple[Article, Extraction]]:
    """(article, extraction) of the FA-KES rows: corroborate's components and incident rules over the cached model Docs."""
    nlp = load_pipeline()
    articles = read_fakes(csv_path)
    pairs = []
    for article, doc in zip(articles, cached_docs(nlp, articles, cache)):
        if not in_rows(article, rows):
            continue
        doc = run_components(nlp, with_article(doc, article))
        pairs.append((article, extraction_from_doc(article, doc)))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument(
        "--rows", choices=("all", "even", "odd"), default="all", help="even/odd row ids: a split to check rules on unseen rows"
    )
    parser.add_argument("--cache", type=Path, default=default_cache())
    parser.add_argument("--predictions", type=Path)
    parser.add_argument("--gold-errors", type=Path, default=ROOT / "bench" / "fakes_gold_errors.csv")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    pairs = fakes_extractions(args.csv, args.cache, args.rows)
    reports = score_extractions(pairs, predictions_path=args.predictions, gold_errors_path=args.gold_errors)
    if args.json:
        json.dump([r.as_dict() for r in reports], sys.stdout, indent=2)
        return
    for report in reports:
        print(f"{report.label}: {report.rows} rows" + (f" ({report.excluded} known-wrong gold values left out)" if report.excluded else ""))
        for name, entry in report.as_dict()["fields"].items():
            within = entry.get("within_10pct")
            print(f"  {name:16} {entry['accuracy']:.3f}" + (f"  within10 {within:.3f}" if within is not None else ""))


if __name__ == "__main__":
    main()
