import datetime as dt

import pytest

from corroborate.errors import DocumentError
from corroborate.ingest import read_text
from corroborate.models import article_id

STORY_START = "At least 23 people, among them four children"
STORY_END = "between the two main armed factions in the province."


def test_metadata_lines_go_to_the_record_not_the_text():
    raw = (
        "https://www.valley-courier.example/2016/03/market-bombing/\n"
        "4411\n"
        "7\n"
        "Gunmen killed two border guards at a crossing near the river on Sunday, the interior ministry said.\n"
    )
    article = read_text(raw)
    assert article.url == "https://www.valley-courier.example/2016/03/market-bombing/"
    assert article.outlet == "valley-courier.example"
    assert article.metadata == {"id_1": "4411", "id_2": "7"}
    assert article.text.startswith("Gunmen killed two border guards")
    assert article.id == article_id(article.text, article.url)


def test_key_value_metadata_lines_fill_fields_and_metadata():
    raw = (
        "Title: Two guards killed at border crossing\n"
        "Date: 2019-08-11\n"
        "Collector: team-b\n"
        "\n"
        "Gunmen killed two border guards at a crossing near the river on Sunday, the interior ministry said.\n"
    )
    article = read_text(raw)
    assert article.title == "Two guards killed at border crossing"
    assert article.published == dt.date(2019, 8, 11)
    assert article.metadata == {"collector": "team-b"}
    assert article.text.startswith("Gunmen killed")


def test_dateline_after_metadata_lines_is_story_not_metadata():
    raw = "https://example.org/a\n12\nBEIRUT: Shells hit a market in the city on Friday, killing five people.\n"
    article = read_text(raw)
    assert article.metadata == {"id_1": "12"}
    assert article.text.startswith("BEIRUT: Shells hit")


def test_furniture_and_comments_are_removed(fixtures):
    article = read_text((fixtures / "furniture_page.txt").read_text(encoding="utf-8"))
    assert article.text.startswith(STORY_START)
    assert article.text.endswith(STORY_END)
    for furniture in ("Support Us", "News Letter", "E-mail", "Share this", "Comments are moderated", "Reader42"):
        assert furniture not in article.text
    assert "\n\nNo group has claimed responsibility." in article.text


def test_headline_byline_date_and_source_are_recovered(fixtures):
    article = read_text((fixtures / "furniture_page.txt").read_text(encoding="utf-8"))
    assert article.title == "Market Bombing Kills Dozens In Northern Town"
    assert article.authors == ["Mara Ellison", "Tomas Quint"]
    assert article.published == dt.date(2016, 3, 4)
    assert article.original_source == "ValleyCourier.net"
    for header_line in (article.title, "By Mara Ellison", "4 March, 2016", "ValleyCourier.net"):
        assert header_line not in article.text


def test_plain_article_is_kept_whole(fixtures):
    raw = (fixtures / "plain_article.txt").read_text(encoding="utf-8")
    article = read_text(raw)
    assert article.text == raw.strip()
    assert article.title is None and article.authors == [] and article.metadata == {}


def test_plain_article_headline_becomes_the_title():
    raw = "Rockets Hit School In Port Salim\n\nRockets struck a school in Port Salim on Monday, killing three pupils.\n"
    article = read_text(raw)
    assert article.title == "Rockets Hit School In Port Salim"
    assert article.text == "Rockets struck a school in Port Salim on Monday, killing three pupils."


def test_menu_word_glued_to_the_last_sentence_is_cut():
    raw = (
        "A convoy carrying aid was shelled on the road to the city, and two drivers were killed.\n\n"
        "The agency suspended its deliveries until further notice.Home\n\n"
        "Iraq\n\nPeak Oil\n\nClimate Change\n\nContact Us\n"
    )
    article = read_text(raw)
    assert article.text.endswith("until further notice.")
    assert "Home" not in article.text and "Iraq" not in article.text


def test_source_credit_lines_are_read():
    raw = (
        "Source: Coastal Wire\n\n"
        "Two fishermen were killed when a patrol boat opened fire off the coast on Tuesday, relatives said.\n\n"
        "This article was originally published by The Harbour Post.\n"
    )
    article = read_text(raw)
    assert article.original_source == "Coastal Wire"
    assert article.text.endswith("relatives said.")


def test_newlines_are_normalised_and_characters_kept():
    raw = "\ufeffFirst paragraph says “12 were killed” in the town.\r\n\r\n\r\n\u00a0\r\nSecond paragraph — with a dash, and one more clause.\r\n"
    article = read_text(raw)
    assert article.text == "First paragraph says “12 were killed” in the town.\n\nSecond paragraph — with a dash, and one more clause."


def test_lines_of_one_paragraph_keep_a_single_newline():
    raw = "The shelling began at dawn and lasted\nfor more than six hours, residents of the old quarter said.\n"
    assert read_text(raw).text == raw.strip()


@pytest.mark.parametrize("raw", ["", "  \n\n \r\n", "Home\n\nShare this\n"])
def test_text_without_a_story_is_a_document_error(raw):
    with pytest.raises(DocumentError) as caught:
        read_text(raw, source="page.txt")
    assert str(caught.value).startswith("page.txt: ")
    assert "\n" not in str(caught.value)
