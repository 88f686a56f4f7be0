"""Extraction on a Dask cluster: each worker loads the pipeline once (a worker plugin); results come back to the one writer.

Workers need corroborate and the spaCy model installed; docs/scaling.md says how to run one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Optional

from distributed import Client, WorkerPlugin

from corroborate.errors import ConfigurationError
from corroborate.models import Article
from corroborate.store.executors import ChunkResult, extract_chunk, in_order, load_pipeline_quietly


class PipelineLoader(WorkerPlugin):
    """Dask worker plugin: each worker loads the pipeline once, when it joins."""

    name = "corroborate-pipeline"

    def __init__(self, model: Optional[str] = None):
        self.model = model

    def setup(self, worker) -> None:
        load_pipeline_quietly(self.model)


class DaskExecutor:
    """Extraction on a Dask cluster; results come back to this process, the one writer."""

    def __init__(self, address: str, model: Optional[str] = None, *, timeout: str = "20s", extraction_timeout: Optional[float] = None):
        self.model = model
        self.extraction_timeout = extraction_timeout
        try:
            self.client = Client(address, timeout=timeout)
        except (OSError, TimeoutError) as error:
            raise ConfigurationError(f"cannot reach the Dask scheduler at {address}: {error}") from error
        self.client.register_plugin(PipelineLoader(model))

    def map_chunks(self, chunks: Iterable[list[Article]]) -> Iterator[tuple[list[Article], ChunkResult]]:
        threads = sum(self.client.nthreads().values()) or 1

        def submit(dumps: list[dict]) -> Callable[[], ChunkResult]:
            return self.client.submit(extract_chunk, dumps, self.model, self.extraction_timeout, pure=False).result

        return in_order(chunks, submit, in_flight=2 * threads)

    def close(self) -> None:
        self.client.close()
