"""Fixtures for the ingest tests: the small invented pages in tests/fixtures/ingest."""

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
