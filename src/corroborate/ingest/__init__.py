"""Ingest: text, HTML, tables, files and URLs -> `Article` records.

Bad documents become `DocumentError`s; `read_path` yields them instead of
raising so a batch goes on. Names are imported on first use, so that reading
plain text (or naming `DEFAULT_MAX_BYTES` in a command's options) does not
load trafilatura.
"""

from __future__ import annotations

from corroborate.loading import lazy_exports

_EXPORTS = {
    "DEFAULT_MAX_BYTES": "corroborate.ingest.decoding",
    "TableColumns": "corroborate.ingest.table",
    "detect_language": "corroborate.ingest.language",
    "fetch_url": "corroborate.ingest.url",
    "read_html": "corroborate.ingest.html",
    "read_path": "corroborate.ingest.files",
    "read_table": "corroborate.ingest.table",
    "read_text": "corroborate.ingest.text",
}

__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
