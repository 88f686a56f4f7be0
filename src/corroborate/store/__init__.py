"""Storage: extractions, runs and bad documents in SQLite or PostgreSQL, and corpus ingestion into it.

Names are imported on first use so that importing `corroborate.store.options`
(for the CLI's choices) does not load SQLAlchemy.
"""

from __future__ import annotations

from corroborate.loading import lazy_exports

_EXPORTS = {
    "DEFAULT_DATABASE": "corroborate.store.options",
    "ExportFormat": "corroborate.store.options",
    "ExportSchema": "corroborate.store.options",
    "RunCounts": "corroborate.store.database",
    "RunRecord": "corroborate.store.database",
    "Store": "corroborate.store.database",
    "StoredError": "corroborate.store.database",
    "database_url": "corroborate.store.database",
    "open_database": "corroborate.store.database",
    "export": "corroborate.store.export",
    "ingest": "corroborate.store.ingestion",
    "IngestReport": "corroborate.store.ingestion",
    "make_executor": "corroborate.store.executors",
}

__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
