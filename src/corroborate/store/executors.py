"""Where extraction runs: in this process, in a pool of local processes, or on a Dask cluster.

Every executor sends chunks of articles to `extract_chunk` and yields the
results in input order, with a bounded number of chunks in flight so a corpus
of any size streams through. Records cross process boundaries as
`model_dump(mode="json")` dicts; each worker loads the spaCy pipeline once.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Optional, Protocol

from corroborate.errors import ConfigurationError, DocumentError
from corroborate.models import Article, Extraction

ChunkResult = list[dict]
"""One dict per article: {"extraction": Extraction dict} or {"error": reason}."""

_PIPELINE_LOCK = threading.Lock()
"""spaCy pipelines are not documented as thread-safe; a Dask worker may run tasks in threads."""


def extract_chunk(articles: list[dict], model: Optional[str] = None, timeout: Optional[float] = None) -> ChunkResult:
    """Runs in a worker: a failure on one article becomes that article's error, not the chunk's; so does an
    article that takes longer than `timeout` seconds (None: the library's default)."""
    from corroborate.extract.pipeline import DEFAULT_TIMEOUT, extract_article, extract_articles

    timeout = DEFAULT_TIMEOUT if timeout is None else timeout or None
    parsed = [Article.model_validate(article) for article in articles]
    with _PIPELINE_LOCK:
        timed_out: dict[int, str] = {}

        def on_error(article: Article, error: DocumentError) -> None:
            timed_out[id(article)] = error.reason

        def aligned(extractions: list[Extraction]) -> ChunkResult:
            done = iter(extractions)
            return [
                {"error": timed_out[id(article)]} if id(article) in timed_out else {"extraction": next(done).model_dump(mode="json")}
                for article in parsed
            ]

        try:
            return aligned(list(extract_articles(parsed, model=model, timeout=timeout, on_error=on_error)))
        except ConfigurationError:
            raise
        except Exception:  # noqa: BLE001 - find the article at fault, one at a time
            results: ChunkResult = []
            for article in parsed:
                if id(article) in timed_out:
                    results.append({"error": timed_out[id(article)]})
                    continue
                try:
                    results.append({"extraction": extract_article(article, model=model, timeout=timeout).model_dump(mode="json")})
                except ConfigurationError:
                    raise
                except DocumentError as error:
                    results.append({"error": error.reason})
                except Exception as error:  # noqa: BLE001 - recorded as the document's error
                    results.append({"error": f"extraction failed: {type(error).__name__}: {error}"})
            return results


def load_pipeline_quietly(model: Optional[str] = None) -> None:
    """Worker start-up: load the model once. A missing model is reported by the first task, not by a crash loop."""
    from corroborate.extract.pipeline import load_pipeline

    try:
        load_pipeline(model)
    except ConfigurationError:
        pass


class Executor(Protocol):
    def map_chunks(self, chunks: Iterable[list[Article]]) -> Iterator[tuple[list[Article], ChunkResult]]: ...

    def close(self) -> None: ...


def in_order(
    chunks: Iterable[list[Article]],
    submit: Callable[[list[dict]], Callable[[], ChunkResult]],
    in_flight: int,
) -> Iterator[tuple[list[Article], ChunkResult]]:
    """Submit chunks, keeping at most `in_flight` unfinished, and yield results oldest first."""
    pending: deque[tuple[list[Article], Callable[[], ChunkResult]]] = deque()
    for chunk in chunks:
        pending.append((chunk, submit([article.model_dump(mode="json") for article in chunk])))
        if len(pending) >= in_flight:
            done, result = pending.popleft()
            yield done, result()
    while pending:
        done, result = pending.popleft()
        yield done, result()


class InProcessExecutor:
    """Extraction in the calling process: one worker, no start-up cost. `timeout`: seconds per document
    (None: the library's default; 0: no limit)."""

    def __init__(self, model: Optional[str] = None, timeout: Optional[float] = None):
        self.model = model
        self.timeout = timeout

    def map_chunks(self, chunks: Iterable[list[Article]]) -> Iterator[tuple[list[Article], ChunkResult]]:
        for chunk in chunks:
            yield chunk, extract_chunk([article.model_dump(mode="json") for article in chunk], self.model, self.timeout)

    def close(self) -> None:
        pass


class ProcessPoolExecutor:
    """Extraction in `workers` local processes, spawned (nothing of the parent's state is shared) on the first chunk."""

    def __init__(self, workers: int, model: Optional[str] = None, timeout: Optional[float] = None):
        self.model = model
        self.timeout = timeout
        self.workers = workers
        self.pool: Optional[multiprocessing.pool.Pool] = None

    def map_chunks(self, chunks: Iterable[list[Article]]) -> Iterator[tuple[list[Article], ChunkResult]]:
        def submit(dumps: list[dict]) -> Callable[[], ChunkResult]:
            if self.pool is None:
                context = multiprocessing.get_context("spawn")
                self.pool = context.Pool(self.workers, initializer=load_pipeline_quietly, initargs=(self.model,))
            return self.pool.apply_async(extract_chunk, (dumps, self.model, self.timeout)).get

        return in_order(chunks, submit, in_flight=2 * self.workers)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


def make_executor(
    workers: Optional[int] = None, dask_address: Optional[str] = None, model: Optional[str] = None, timeout: Optional[float] = None
) -> Executor:
    """A Dask executor when an address is given; else `workers` processes (default: all cores), in-process for 1.
    `timeout`: seconds per document (None: the library's default; 0: no limit)."""
    if dask_address:
        from corroborate.store.cluster import DaskExecutor

        return DaskExecutor(dask_address, model, extraction_timeout=timeout)
    workers = workers or os.cpu_count() or 1
    return InProcessExecutor(model, timeout) if workers == 1 else ProcessPoolExecutor(workers, model, timeout)
