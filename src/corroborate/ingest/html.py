"""An HTML page -> Article, with trafilatura finding the story and its metadata."""

from __future__ import annotations

import re

import trafilatura

from corroborate.errors import DocumentError
from corroborate.ingest.language import detect_language
from corroborate.ingest.text import has_prose, normalise_newlines, outlet_from_url, parse_date
from corroborate.models import Article, article_id

_AUTHOR_SEPARATOR = re.compile(r"\s*;\s*")


def read_html(
    html: str | bytes,
    *,
    url: str | None = None,
    source: str = "<html>",
    external_id: str | None = None,
) -> Article:
    """Article from an HTML page; `url` is where the page came from, when known.

    The headline is in `title` only: a first text line equal to it is dropped,
    as `read_text` does. Paragraphs are separated by a blank line. The outlet is
    the URL's host (like `read_text`), else the page's site name.
    """
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    lines = normalise_newlines(document.text or "").split("\n") if document else []
    paragraphs = [line.strip() for line in lines if line.strip()]
    if document and document.title and paragraphs and paragraphs[0] == document.title.strip():
        paragraphs.pop(0)
    text = "\n\n".join(paragraphs)
    if not document or not has_prose(text):
        raise DocumentError(source, "no article text found in the HTML page")
    page_url = url or document.url
    metadata = {"sitename": document.sitename} if document.sitename else {}
    return Article(
        id=article_id(text, page_url),
        text=text,
        url=page_url,
        title=document.title,
        outlet=(outlet_from_url(page_url) if page_url else None) or document.sitename,
        authors=[name for name in _AUTHOR_SEPARATOR.split(document.author or "") if name],
        published=parse_date(document.date) if document.date else None,
        language=detect_language(text),
        external_id=external_id,
        source_path=source,
        metadata=metadata,
    )
