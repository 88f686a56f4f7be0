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
