"""Corpus files are streamed: their size is not limited, each row's is."""

from __future__ import annotations

import csv
import gzip

from corroborate.errors import DocumentError
from corroborate.ingest import read_table

STORY = "Shelling killed {n} people in the town of Kafr Nabl on Monday, residents said."


def write_corpus(path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        for n in range(rows):
            writer.writerow([n, STORY.format(n=n)])


def test_ingest_table_stream_corpus_larger_than_the_document_limit(tmp_path):
    corpus = tmp_path / "corpus.csv"
    write_corpus(corpus, 200)
    items = list(read_table(corpus, max_bytes=1_000))
    assert corpus.stat().st_size > 1_000
    assert len(items) == 200 and not any(isinstance(i, DocumentError) for i in items)


def test_ingest_table_stream_oversized_row_is_reported_alone(tmp_path):
    corpus = tmp_path / "corpus.csv"
    write_corpus(corpus, 3)
    with corpus.open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow([3, "word " * 400])
    items = list(read_table(corpus, max_bytes=1_000))
    errors = [i for i in items if isinstance(i, DocumentError)]
    assert len(items) == 4 and len(errors) == 1
    assert "row 4" in str(errors[0]) and "over the" in str(errors[0])


def test_ingest_table_stream_truncated_gzip_keeps_the_rows_before(tmp_path):
    corpus = tmp_path / "corpus.csv"
    write_corpus(corpus, 2000)
    packed = gzip.compress(corpus.read_bytes())
    truncated = tmp_path / "corpus.csv.gz"
    truncated.write_bytes(packed[: len(packed) // 2])
    items = list(read_table(truncated))
    articles = [i for i in items if not isinstance(i, DocumentError)]
    errors = [i for i in items if isinstance(i, DocumentError)]
    assert articles, "rows before the damage are read"
    assert len(errors) == 1 and "gzip" in str(errors[-1])
