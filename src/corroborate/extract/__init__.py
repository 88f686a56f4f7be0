"""Extraction: from an article's text to its incidents (pipeline.py is the entry)."""

DEFAULT_TIMEOUT = 300.0
"""Seconds one document's extraction may take (`--timeout-per-document`; a slower one is that document's
error). Far more than a 20 MB text, the reading limit, takes at the speed the README's Speed table gives."""
