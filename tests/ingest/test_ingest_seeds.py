"""The two real pages in ../shared/data/seeds: the canonical inputs."""

import datetime as dt

import pytest

from corroborate.ingest import read_path, read_text

pytestmark = pytest.mark.seeds


def _read(shared_data, name):
    path = shared_data / "seeds" / name
    return read_text(path.read_text(encoding="utf-8"), source=str(path), external_id=name)


def test_seed_000_metadata_lines_and_body(shared_data):
    article = _read(shared_data, "000_ad8ae6fafa60cfb5.txt")
    assert article.url == "http://www.liberationnews.org/the-real-criminals-behind-massacre-in-al-zara-syria-us-quatar-turkey/"
    assert article.outlet == "liberationnews.org"
    assert article.metadata == {"id_1": "201", "id_2": "20"}
    assert article.text.startswith("In Syria, on May 12")
    assert article.text.endswith("oppose this imperialist agenda.")
    assert "Home" not in article.text
    assert article.language == "en"


def test_seed_001_story_without_furniture(shared_data):
    article = _read(shared_data, "001_c3ff9bd24fb53f6e.txt")
    assert article.title == "US-Backed “Rebels” Carry Out Sectarian Massacre In Syria"
    assert article.authors == ["Bill Van Auken"]
    assert article.published == dt.date(2013, 6, 13)
    assert article.original_source == "WSWS.org"
    assert article.text.startswith("At least 60 people, ")
    assert article.text.endswith("for talks on Syria.")
    for furniture in ("Peak Oil", "Support Us", "News Letter", "E-mail", "Printer Friendly", "Comments are moderated"):
        assert furniture not in article.text
    for header_line in ("By Bill Van Auken", "13 June, 2013", "WSWS.org"):
        assert header_line not in article.text


def test_seed_story_characters_are_kept(shared_data):
    path = shared_data / "seeds" / "001_c3ff9bd24fb53f6e.txt"
    raw = path.read_text(encoding="utf-8")
    article = _read(shared_data, path.name)
    for paragraph in article.text.split("\n\n"):
        assert paragraph in raw


def test_seed_directory_reads_both(shared_data):
    articles = list(read_path(shared_data / "seeds"))
    assert [article.external_id for article in articles] == ["000_ad8ae6fafa60cfb5.txt", "001_c3ff9bd24fb53f6e.txt"]
    assert all(article.metadata["encoding"] == "utf-8" for article in articles)
