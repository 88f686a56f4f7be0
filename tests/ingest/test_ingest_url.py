import pytest

from corroborate.errors import DocumentError
from corroborate.ingest import fetch_url
from corroborate.ingest import url as url_module


def test_unreachable_url_is_a_document_error():
    with pytest.raises(DocumentError) as caught:
        fetch_url("http://127.0.0.1:9/story", timeout=2)
    assert caught.value.document == "http://127.0.0.1:9/story"
    assert caught.value.reason.startswith("cannot fetch")


@pytest.mark.parametrize("address", ["file:///etc/passwd", "not a url"])
def test_non_http_address_is_refused(address):
    with pytest.raises(DocumentError, match="not an http"):
        fetch_url(address)


class _FakeResponse:
    """What urlopen returns, for a page served without the network."""

    headers = type("Headers", (), {"get_content_charset": staticmethod(lambda: "utf-8")})()

    def __init__(self, body: bytes):
        self._body = body

    def read(self, size: int) -> bytes:
        return self._body[:size]

    def geturl(self) -> str:
        return "https://www.example.org/story"

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False


def test_fetched_page_is_read_as_html(monkeypatch):
    page = (
        b"<html><head><title>Blast at port</title></head><body><article>"
        b"<p>A blast at the port killed three dock workers on Monday, the harbour authority said.</p>"
        b"</article></body></html>"
    )
    monkeypatch.setattr(url_module, "urlopen", lambda request, timeout: _FakeResponse(page))
    article = fetch_url("http://example.org/story")
    assert article.url == "https://www.example.org/story"
    assert article.outlet == "example.org"
    assert article.title == "Blast at port"
    assert article.source_path == "http://example.org/story"
