"""A URL -> Article. The only place ingest touches the network, and only when called."""

from __future__ import annotations

from http.client import HTTPException
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from corroborate.errors import DocumentError
from corroborate.ingest.decoding import DEFAULT_MAX_BYTES, decode_html, human_size
from corroborate.ingest.html import read_html
from corroborate.models import Article

USER_AGENT = "Mozilla/5.0 (compatible; corroborate/0.1)"


def fetch_url(url: str, timeout: float = 30, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Download an HTML page and read it with `read_html`; any failure is a DocumentError(url, reason)."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise DocumentError(url, "not an http(s) URL")
    request = Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            final_url = response.geturl()
            charset = response.headers.get_content_charset()
    except HTTPError as error:
        raise DocumentError(url, f"HTTP {error.code} {error.reason}") from error
    except URLError as error:
        raise DocumentError(url, f"cannot fetch: {error.reason}") from error
    except (HTTPException, OSError, ValueError) as error:
        raise DocumentError(url, f"cannot fetch: {error}") from error
    if len(data) > max_bytes:
        raise DocumentError(url, f"page is over the {human_size(max_bytes)} limit; raise --max-bytes to read it")
    page, _ = decode_html(data, url, declared=charset)
    return read_html(page, url=final_url, source=url)
