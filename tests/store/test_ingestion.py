"""Ingestion: skip what is stored, record what is bad, keep the rest; executors in and out of process."""

from __future__ import annotations

import gzip
import os

import pytest

from corroborate.models import Article, Extraction
from corroborate.store.executors import ProcessPoolExecutor
from corroborate.store.ingestion import estimate_documents, ingest
from tests.store.conftest import make_extraction

STORIES = {
    "saraqib.txt": "Shelling killed five civilians in the town of Saraqib in Idlib province on Monday, a monitor said.\n",
    "douma.txt": "An airstrike on a market in Douma killed at least 12 people on Tuesday, rescuers said.\n",
    "homs.txt": "A car bomb exploded in Homs on Friday, killing three soldiers, state media reported.\n",
}


class HandMadeExecutor:
    """Stands in for spaCy: a fixed extraction per article, and a record of what was sent to extraction."""

    def __init__(self, failing: str | None = None):
        self.extracted: list[str] = []
        self.failing = failing

    def map_chunks(self, chunks):
        for chunk in chunks:
            self.extracted.extend(a.text for a in chunk)
            yield chunk, [self._result(article) for article in chunk]

    def _result(self, article: Article) -> dict:
        if self.failing and self.failing in article.text:
            return {"error": "extraction failed: ValueError: test"}
        return {"extraction": make_extraction(article).model_dump(mode="json")}

    def close(self) -> None:
        pass


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in STORIES.items():
        (folder / name).write_text(text)
    return folder


def test_ingestion_stores_every_article(store, corpus):
    report = ingest([corpus], store, HandMadeExecutor(), batch_size=2)
    assert report.counts.articles_stored == 3 and report.counts.incidents_stored == 6
    assert store.count("articles") == 3
    (run,) = store.runs()
    assert run.finished_at is not None and run.counts == report.counts


def test_ingestion_skips_stored_articles_before_extraction(store, corpus):
    ingest([corpus], store, HandMadeExecutor())
    (corpus / "new.txt").write_text("Clashes in Daraa killed two fighters on Sunday.\n")
    again = HandMadeExecutor()
    report = ingest([corpus, corpus], store, again)
    assert again.extracted == ["Clashes in Daraa killed two fighters on Sunday."]
    assert report.counts.articles_skipped == 7 and report.counts.articles_stored == 1


def test_ingestion_extraction_failure_is_the_documents_error(store, corpus):
    errors = []
    report = ingest([corpus], store, HandMadeExecutor(failing="Douma"), on_document=lambda e: e and errors.append(e))
    assert report.counts.documents_failed == 1 and store.count("articles") == 2
    assert [str(e) for e in errors] == [f"{corpus / 'douma.txt'}: extraction failed: ValueError: test"]
    assert [e.reason for e in store.errors()] == ["extraction failed: ValueError: test"]


def test_ingestion_bad_documents_recorded_and_the_rest_stored(store, corpus):
    """The robustness corpus: every bad document named with its reason, every good one stored."""
    compressed = gzip.compress(" ".join(f"Shelling hit district {n} of Aleppo." for n in range(500)).encode())
    (corpus / "truncated.txt.gz").write_bytes(compressed[: len(compressed) // 2])
    (corpus / "utf16.txt").write_text("Rockets hit Aleppo\u2019s old city on Monday, killing four people.\n", encoding="utf-16")
    (corpus / "latin1.txt").write_bytes("Des tirs ont tu\xe9 deux civils \xe0 Alep lundi, selon l'OSDH.\n".encode("latin-1"))
    (corpus / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with open(corpus / "huge.txt", "wb") as huge:
        huge.truncate(50_000_000)
    (corpus / "table.csv").write_text('row,article_content\n1,"Mortar fire hit Daraa on Sunday, killing a child."\n2,"unterminated quote\n')
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 40)
    errors = []
    report = ingest([corpus], store, HandMadeExecutor(), on_document=lambda e: e and errors.append(e))
    reasons = {os.path.basename(e.document.split(" row ")[0]): e.reason for e in errors}
    assert reasons.keys() == {"truncated.txt.gz", "menu.html", "huge.txt", "table.csv", "empty.txt", "binary.txt"}
    assert "gzip" in reasons["truncated.txt.gz"]
    assert "limit" in reasons["huge.txt"] and "--max-bytes" in reasons["huge.txt"]
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]
    assert "CSV" in reasons["table.csv"]
    assert report.counts.articles_stored == 3 + 3  # the stories, UTF-16, Latin-1 and the good CSV row
    texts = {store.article(e.article.id).text for e in store.extractions()}
    assert "Rockets hit Aleppo\u2019s old city on Monday, killing four people." in texts
    assert "Des tirs ont tu\xe9 deux civils \xe0 Alep lundi, selon l'OSDH." in texts
    assert len(list(store.errors())) == len(errors) == report.counts.documents_failed


def test_ingestion_estimates_documents_for_the_progress_bar(corpus):
    (corpus / "table.csv").write_text('row,article_content\n1,"first\nstory"\n2,second\n')
    (corpus / ".hidden.txt").write_text("not read")
    assert estimate_documents([corpus]) == 5
    assert estimate_documents(["-"]) is None


@pytest.mark.model
def test_ingestion_in_two_worker_processes_equals_in_process(tmp_path, corpus):
    from corroborate.store import open_database
    from corroborate.store.executors import InProcessExecutor

    stored = {}
    for name, executor in (("inprocess", InProcessExecutor()), ("pool", ProcessPoolExecutor(2))):
        with open_database(tmp_path / f"{name}.db") as store:
            try:
                ingest([corpus], store, executor, batch_size=2)
            finally:
                executor.close()
            stored[name] = list(store.extractions())
    assert stored["pool"] == stored["inprocess"]
    assert {e.article.id for e in stored["pool"]} and all(isinstance(e, Extraction) for e in stored["pool"])


@pytest.mark.model
def test_ingestion_on_a_dask_local_cluster(store, corpus):
    from distributed import LocalCluster

    from corroborate.store.cluster import DaskExecutor

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        executor = DaskExecutor(cluster.scheduler_address)
        try:
            report = ingest([corpus], store, executor)
        finally:
            executor.close()
    assert report.counts.articles_stored == 3
    killed = {i.casualties.killed.best for _, i in store.incidents() if i.casualties.killed}
    assert {5, 12, 3} <= killed
