import datetime as dt

import pytest

from corroborate.errors import DocumentError
from corroborate.ingest import read_html

PAGE = """<!DOCTYPE html>
<html><head>
<title>Shelling hits market in Port Salim | Valley Courier</title>
<meta charset="utf-8">
<meta name="author" content="Mara Ellison">
<meta property="article:published_time" content="2016-03-04T10:00:00Z">
<meta property="og:site_name" content="Valley Courier">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/contact">Contact Us</a></nav>
<article>
<h1>Shelling hits market in Port Salim</h1>
<p>At least twelve people were killed when shells hit a crowded market in Port Salim on Friday, local officials said.</p>
<p>The officials said another thirty people were wounded and taken to hospitals in the area.</p>
<p>No group has claimed responsibility for the attack, which came a day after talks collapsed.</p>
</article>
<footer>Copyright 2016 Valley Courier. All rights reserved.</footer>
</body></html>
"""


def test_html_story_and_metadata_are_read():
    article = read_html(PAGE, url="https://www.valley-courier.example/2016/03/market/", source="market.html")
    assert article.title == "Shelling hits market in Port Salim"
    assert article.authors == ["Mara Ellison"]
    assert article.published == dt.date(2016, 3, 4)
    assert article.outlet == "valley-courier.example"
    assert article.metadata["sitename"] == "Valley Courier"
    assert article.text.startswith("At least twelve people were killed")
    assert article.text.endswith("a day after talks collapsed.")
    assert "\n\nThe officials said" in article.text
    assert "Contact Us" not in article.text and "Copyright" not in article.text
    assert article.language == "en"
    assert article.source_path == "market.html"


def test_html_bytes_are_accepted():
    article = read_html(PAGE.encode("utf-8"))
    assert article.outlet == "Valley Courier"  # no URL: the site name


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Log in</title></head><body><form><input name='user'></form></body></html>",
        "<html><body><ul><li><a href='/'>Home</a></li><li><a href='/c'>Contact</a></li></ul></body></html>",
        "",
    ],
)
def test_html_without_an_article_is_a_document_error(page):
    with pytest.raises(DocumentError) as caught:
        read_html(page, source="login.html")
    assert str(caught.value) == "login.html: no article text found in the HTML page"


def _page_claiming(head: str, title: str = "Shelling hits market in Port Salim") -> str:
    return PAGE.replace("<title>Shelling hits market in Port Salim | Valley Courier</title>", f"<title>{title}</title>{head}")


def test_html_saved_page_canonical_link_is_recorded_as_claimed():
    page = _page_claiming('<link rel="canonical" href="https://www.trusted-wire.example/2016/market">')
    article = read_html(page, source="/downloads/market.html")
    assert article.metadata["claimed_url"] == "https://www.trusted-wire.example/2016/market"
    assert article.source_path == "/downloads/market.html"
    assert article.metadata["sitename"] == "Valley Courier"


def test_html_fetched_page_claiming_another_address_keeps_both():
    page = _page_claiming('<meta property="og:url" content="https://www.trusted-wire.example/2016/market">')
    article = read_html(page, url="https://mirror.example/copy", source="https://mirror.example/copy")
    assert (article.url, article.outlet) == ("https://mirror.example/copy", "mirror.example")
    assert article.metadata["claimed_url"] == "https://www.trusted-wire.example/2016/market"


def test_html_fetched_page_claiming_nothing_has_no_claimed_url():
    article = read_html(PAGE, url="https://www.valley-courier.example/2016/03/market/", source="market.html")
    assert "claimed_url" not in article.metadata


def test_html_markup_in_title_is_stored_as_text():
    """Stored as the page says it; escaping is the job of whatever displays it."""
    page = PAGE.replace("Shelling hits market in Port Salim", "&lt;img src=x onerror=alert(1)&gt; [/b]")
    page = page.replace("local officials said.", "local officials said &lt;script&gt;.")
    article = read_html(page)
    assert article.title == "<img src=x onerror=alert(1)> [/b]"
    assert "local officials said <script>." in article.text
