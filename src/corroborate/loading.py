"""Loading what a process keeps for its whole life (spaCy and the extraction modules, the pipeline, the gazetteer,
langdetect's profiles) quickly."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Tables of tens of thousands of objects, built at start-up and kept for the life of the process, make
    CPython's cyclic collector walk everything allocated so far again and again (a third of the gazetteer's
    load time); they leave no cycles to collect, so the collector waits until they are built."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
