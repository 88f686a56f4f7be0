"""Loading what a process keeps for its whole life (spaCy and the extraction modules, the pipeline, the gazetteer,
langdetect's profiles) quickly."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from typing import Any


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


def lazy_exports(package: str, exports: dict[str, str]) -> Callable[[str], Any]:
    """A package's module `__getattr__` that imports each public name from its module on first use, so that
    importing the package (for a command's `--help`, or one light name) loads none of its heavy modules."""

    def __getattr__(name: str) -> Any:
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(exports[name]), name)

    return __getattr__
