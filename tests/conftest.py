"""Shared fixtures: the real spaCy pipeline (loaded once) and the read-only shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED_DATA} is not present: CI must run beside shared/")
        pytest.skip(f"{SHARED_DATA} is not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def nlp():
    """The full corroborate pipeline on the installed model."""
    from corroborate.extract.pipeline import load_pipeline

    return load_pipeline()
