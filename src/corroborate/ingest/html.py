"""An HTML page -> Article, with trafilatura finding the story and its metadata."""

from __future__ import annotations

import datetime as dt
import re

import trafilatura

from corroborate.errors import DocumentError
from corroborate.ingest.language import detect_language
from corroborate.ingest.pubdate import date_from_line, date_from_url
from corroborate.ingest.text import has_prose, normalise_newlines, outlet_from_url, parse_date
from corroborate.models import Article, article_id

_AUTHOR_SEPARATOR = re.compile(r"\s*;\s*")
# htmldate reads the page's markup (meta tags, <time>, the URL) only: its extensive search of the text
# pads a bare year to 1 January and reads comment dates; date lines are read by ingest.pubdate instead.
_METADATA_DATE_ONLY = {"extensive_search": False, "original_date": True}


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
    the URL's host (like `read_text`), else the page's site name. What the page
    says about itself is kept apart as claimed (`_page_claims`): a saved page can
    name any outlet, so `source_path` alone says where the file came from.
    """
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, date_extraction_params=_METADATA_DATE_ONLY, as_dict=False
    )
    assert not isinstance(document, dict)  # as_dict=False: a Document, or None when nothing was found
    lines = normalise_newlines(document.text or "").split("\n") if document else []
    paragraphs = [line.strip() for line in lines if line.strip()]
    if document and document.title and paragraphs and paragraphs[0] == document.title.strip():
        paragraphs.pop(0)
    text = "\n\n".join(paragraphs)
    if not document or not has_prose(text):
        raise DocumentError(source, "no article text found in the HTML page")
    page_url = url or document.url
    metadata = _page_claims(document.url, document.sitename, url)
    language = detect_language(text)
    published, published_from = _publication_date(document.date, paragraphs, page_url, language)
    return Article(
        id=article_id(text, page_url),
        text=text,
        url=page_url,
        title=document.title,
        outlet=(outlet_from_url(page_url) if page_url else None) or document.sitename,
        authors=[name for name in _AUTHOR_SEPARATOR.split(document.author or "") if name],
        published=published,
        published_from=published_from,
        language=language,
        external_id=external_id,
        source_path=source,
        metadata=metadata,
    )


def _page_claims(page_url: str | None, sitename: str | None, fetched_url: str | None) -> dict[str, str]:
    """metadata["claimed_url"] (the page's canonical link or og:url) and ["sitename"] (og:site_name), as the page claims them.

    trafilatura falls back to the URL fetched when the page names none, so a
    fetched page's claimed_url is kept only when it differs from that URL.
    """
    claims = {}
    if page_url and page_url != fetched_url:
        claims["claimed_url"] = page_url
    if sitename:
        claims["sitename"] = sitename
    return claims


TOP_PARAGRAPHS = 3
"""Date lines trafilatura left in the text open it."""


def _publication_date(
    metadata_date: str | None, paragraphs: list[str], url: str | None, language: str | None
) -> tuple[dt.date | None, str | None]:
    """The page's metadata date (trafilatura/htmldate), else a date line opening the text, else the URL's."""
    found = parse_date(metadata_date) if metadata_date else None
    if found:
        return found, "metadata"
    for paragraph in paragraphs[:TOP_PARAGRAPHS]:
        if found := date_from_line(paragraph, language):
            return found, "date line"
    if found := date_from_url(url):
        return found, "url"
    return None, None
