"""The gazetteer beyond the war's region: the world's towns, and a namesake abroad that must not win."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from corroborate.extract.places import SPAN_KEY, home_country, incident_location, main_division
from corroborate.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("corroborate_places")
    return pipeline


def spans_of(nlp: Language, text: str):
    doc = nlp(text)
    return list(doc.spans[SPAN_KEY])  # each span keeps its doc alive


def test_places_world_a_town_abroad_resolves_to_its_country():
    gazetteer = Gazetteer.default()
    assert gazetteer.lookup("Lviv")[0].country == "UA"
    assert gazetteer.lookup("Paris")[0].country == "FR"


def test_places_world_ukraine_is_covered_down_to_villages():
    covered = Gazetteer.default().covered_countries()
    assert {"SY", "IQ", "UA"} <= covered and "FR" not in covered
    villages = [e for e in Gazetteer.default().entries() if e.country == "UA" and 0 < e.population < 1000]
    assert villages


def test_places_world_a_town_named_like_an_english_noun_is_left_out():
    assert all(entry.country != "PL" for entry in Gazetteer.default().lookup("Police"))


def test_places_world_a_province_named_by_english_words_is_left_out():
    assert not [e for e in Gazetteer.default().lookup("Northern Province") if e.feature == "admin1"]


def test_places_world_a_lone_town_abroad_does_not_decide_the_country(nlp):
    # "Obama" is also a small town of Japan: named alone, in a country the text never names, it says nothing.
    spans = spans_of(nlp, "Obama said the strikes on Syria must stop. Syria denied it.")
    assert home_country(spans) == "SY"


def test_places_world_two_towns_of_one_country_decide_it(nlp):
    spans = spans_of(nlp, "Syria and Syria's allies met. Shells hit Lviv and Sumy.")
    assert home_country(spans) == "UA"


def test_places_world_a_dateline_after_page_furniture_places_nothing(nlp):
    text = (
        "Share this article on social media or by email, print it, or read more stories below. "
        "MOSCOW (Sputnik) - Jets killed five people in Idlib on Monday."
    )
    spans = spans_of(nlp, text)
    assert [span.text for span in spans] == ["MOSCOW", "Idlib"]
    assert home_country(spans) == "SY"


def test_places_world_where_it_was_told_is_not_where_it_happened(nlp):
    spans = spans_of(nlp, "Shelling killed 12 people, the envoy told a news briefing in Geneva.")
    location = incident_location(spans, spans, violent=True)
    assert location is None or location.name != "Genève"


def test_places_world_an_unplaced_incident_is_in_the_town_the_article_names_first(nlp):
    spans = spans_of(nlp, "Mourning in Saraqib. Nobody could count the dead.")
    place = main_division(spans, "SY")
    assert (place.name, place.admin1, place.precision) == ("Saraqib", "Idlib", "exact")


def test_places_world_a_place_after_across_is_no_part_of_a_person_name():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    recognizer = pipeline.add_pipe("corroborate_places")
    text = "Across Idlib, jets struck three towns."
    doc = pipeline.make_doc(text)
    doc.ents = [doc.char_span(0, len("Across Idlib"), label="PERSON")]  # as the small model reads it
    doc = pipeline.get_pipe("sentencizer")(doc)
    doc = recognizer(doc)
    assert [span.text for span in doc.spans[SPAN_KEY]] == ["Idlib"]


def test_places_world_a_town_abroad_is_foreign_in_a_text_about_another_country(nlp):
    from corroborate.extract.places import is_foreign_town

    doc = nlp("Jets killed five people in Idlib and Saraqib, Syria. Diplomats met in Paris on Monday.")
    spans = {span.text: span for span in doc.spans[SPAN_KEY]}
    assert is_foreign_town(spans["Paris"]) and not is_foreign_town(spans["Idlib"])
    doc = nlp("Police said two people were stabbed in Paris and Lyon, France.")
    assert not any(is_foreign_town(span) for span in doc.spans[SPAN_KEY])
