"""Ingest: text, HTML, tables, files and URLs -> `Article` records.

Bad documents become `DocumentError`s; `read_path` yields them instead of
raising so a batch goes on.
"""

from corroborate.ingest.decoding import DEFAULT_MAX_BYTES
from corroborate.ingest.files import read_path
from corroborate.ingest.html import read_html
from corroborate.ingest.language import detect_language
from corroborate.ingest.table import TableColumns, read_table
from corroborate.ingest.text import read_text
from corroborate.ingest.url import fetch_url

__all__ = [
    "DEFAULT_MAX_BYTES",
    "TableColumns",
    "detect_language",
    "fetch_url",
    "read_html",
    "read_path",
    "read_table",
    "read_text",
]
