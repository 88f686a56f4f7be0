"""Corpus ingestion: read documents, skip stored articles, extract the rest, commit in batches.

Idempotent (an article already stored is skipped before extraction) and
resumable (each batch is one transaction; after a crash the next run skips
what was committed and extracts the rest). Two runs over the same input may
write at once: an article the other stored first counts as already stored.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Optional, TypeVar

from corroborate.errors import DocumentError
from corroborate.ingest import DEFAULT_MAX_BYTES, read_path
from corroborate.models import Article, Extraction
from corroborate.store.database import RunCounts, Store
from corroborate.store.executors import Executor
from corroborate.store.options import DEFAULT_BATCH_SIZE

TASK_ARTICLES = 8
"""Articles per worker task: enough for nlp.pipe batching, small enough to spread over workers."""

LOOKUP_ARTICLES = 256
"""Articles read ahead and checked against the database in one query."""

T = TypeVar("T")


@dataclass(frozen=True)
class IngestReport:
    run_id: int
    counts: RunCounts


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    executor: Executor,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    command: str = "ingest",
    on_document: Optional[Callable[[Optional[DocumentError]], None]] = None,
) -> IngestReport:
    """Ingest every document under `paths` into `store`.

    `on_document` is called once per document read: with its DocumentError when
    it failed, else None (stored or skipped). Bad documents are recorded in the
    store and the run goes on. On KeyboardInterrupt the finished extractions are
    committed before it propagates.
    """
    run = _Run(store, store.start_run(command), batch_size, on_document or (lambda error: None))
    own_files = store.own_files()
    documents = (item for path in paths for item in read_path(path, max_bytes=max_bytes, skip=own_files))
    try:
        for chunk, results in executor.map_chunks(_batched(run.new_articles(documents), TASK_ARTICLES)):
            for article, result in zip(chunk, results):
                if "error" in result:
                    run.fail(DocumentError(article.document_name, result["error"]))
                else:
                    run.extracted(article, Extraction.model_validate(result["extraction"]))
    except KeyboardInterrupt:
        run.flush()
        raise
    run.flush(finished=True)
    return IngestReport(run.run_id, run.counts)


class _Run:
    """The state of one ingest run: counts, articles seen, and the batch waiting to be committed."""

    def __init__(self, store: Store, run_id: int, batch_size: int, on_document: Callable[[Optional[DocumentError]], None]):
        self.store = store
        self.run_id = run_id
        self.batch_size = batch_size
        self.on_document = on_document
        self.counts = RunCounts()
        self.seen: set[str] = set()
        self.extractions: list[tuple[Article, Extraction]] = []
        self.errors: list[DocumentError] = []

    def new_articles(self, documents: Iterable[Article | DocumentError]) -> Iterator[Article]:
        """Articles neither stored nor met earlier in this run; errors are recorded on the way."""
        for group in _batched(documents, LOOKUP_ARTICLES):
            stored = self.store.stored_ids(item.id for item in group if isinstance(item, Article))
            for item in group:
                if isinstance(item, DocumentError):
                    self.fail(item)
                elif item.id in stored or item.id in self.seen:
                    self.counts = replace(self.counts, articles_skipped=self.counts.articles_skipped + 1)
                    self.on_document(None)
                else:
                    self.seen.add(item.id)
                    yield item

    def fail(self, error: DocumentError) -> None:
        self.errors.append(error)
        self.counts = replace(self.counts, documents_failed=self.counts.documents_failed + 1)
        self.on_document(error)
        self._flush_when_full()

    def extracted(self, article: Article, extraction: Extraction) -> None:
        self.extractions.append((article, extraction))
        self.on_document(None)
        self._flush_when_full()

    def _flush_when_full(self) -> None:
        if len(self.extractions) + len(self.errors) >= self.batch_size:
            self.flush()

    def flush(self, *, finished: bool = False) -> None:
        """Commit the waiting batch (one transaction for the articles) and the run's counts."""
        articles, incidents = self.store.save_new_extractions(self.extractions, self.run_id)
        self.store.record_errors(self.errors, self.run_id)
        self.counts = replace(
            self.counts,
            articles_stored=self.counts.articles_stored + articles,
            articles_skipped=self.counts.articles_skipped + len(self.extractions) - articles,
            incidents_stored=self.counts.incidents_stored + incidents,
        )
        self.extractions, self.errors = [], []
        self.store.update_run(self.run_id, self.counts, finished=finished)


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def estimate_documents(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Optional[int]:
    """About how many documents `paths` hold (a file is one, a table one per row), for a progress bar's ETA.

    Cheap next to extraction: tables are parsed, nothing is decoded twice per
    cell. None when a path is standard input.
    """
    from corroborate.ingest.decoding import decode_text, is_regular_file, load_bytes
    from corroborate.ingest.table import table_format

    total = 0
    for path in paths:
        if str(path) == "-":
            return None
        path = Path(path)
        files = [path] if not path.is_dir() else _visible_files(path)
        for file in files:
            if file.exists() and not is_regular_file(file):
                return None  # a FIFO can be read only once: by the ingest itself
            kind = table_format(file)
            if not kind:
                total += 1
                continue
            try:
                text, _ = decode_text(load_bytes(file, max_bytes), str(file))
            except DocumentError:
                total += 1
                continue
            if kind in ("csv", "tsv"):
                rows = csv.reader(io.StringIO(text, newline=""), delimiter="\t" if kind == "tsv" else ",")
                try:
                    total += max(sum(1 for row in rows if row) - 1, 0)
                except csv.Error:
                    return None
            elif kind == "jsonl" or not text.lstrip().startswith("["):
                total += sum(1 for line in text.split("\n") if line.strip())
            else:
                return None
    return total


def _visible_files(root: Path) -> list[Path]:
    """The files read_path reads under a directory: hidden files and folders are left out."""
    return [path for path in root.rglob("*") if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)]
