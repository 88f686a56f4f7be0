"""A document that outruns the per-document time limit is that document's error in a chunk; the rest are stored."""

from __future__ import annotations

import time

import pytest

import corroborate.extract.incidents as incidents
from corroborate.models import Article, article_id
from corroborate.store.executors import InProcessExecutor, extract_chunk
from corroborate.store.ingestion import ingest

pytestmark = pytest.mark.model

TEXTS = ["Gunmen killed 3 people in Slowtown on Monday.", "A car bomb killed 14 people in Homs on Monday."]


@pytest.fixture
def slow_slowtown(monkeypatch):
    real = incidents.build_incidents

    def build(doc, dates_key="dates"):
        if "Slowtown" in doc.text:
            time.sleep(30)
        return real(doc, dates_key)

    monkeypatch.setattr(incidents, "build_incidents", build)


def test_executors_chunk_times_out_one_article(slow_slowtown):
    articles = [Article(id=article_id(t, None), text=t, language="en").model_dump(mode="json") for t in TEXTS]
    started = time.monotonic()
    results = extract_chunk(articles, timeout=0.5)
    assert time.monotonic() - started < 10
    assert "longer than 0.5 s" in results[0]["error"]
    assert results[1]["extraction"]["article"]["id"] == articles[1]["id"]


def test_executors_ingest_records_the_runaway_document(slow_slowtown, tmp_path):
    from corroborate.store import open_database

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "slow.txt").write_text(TEXTS[0])
    (corpus / "fine.txt").write_text(TEXTS[1])
    with open_database(tmp_path / "c.db") as store:
        report = ingest([corpus], store, InProcessExecutor(timeout=0.5))
        errors = list(store.errors())
        assert report.counts.documents_failed == 1 and report.counts.articles_stored == 1
        assert len(errors) == 1 and errors[0].document.endswith("slow.txt") and "longer than 0.5 s" in errors[0].reason
