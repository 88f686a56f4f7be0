"""How the words around a place say what it is to the incident: "the Hama town of X" names X in Hama, "on the
outskirts of X" is a site, "on the road to X" a direction, "the toll from the strike on X" no attackers'
origin. Invented sentences; the component tests run on a blank English pipeline."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from corroborate.extract.incidents import main_incident
from corroborate.extract.pipeline import extract_text
from corroborate.extract.places import SPAN_KEY, choose_location, incident_location
from corroborate.gazetteer import Gazetteer
from corroborate.models import Place, PlacePrecision

VILLAGE = "Tall Qasimiyya"  # invented; the gazetteer must not know it
PUBLISHED = dt.date(2019, 5, 8)  # a Wednesday


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("corroborate_places")
    return pipeline


def run(nlp: Language, text: str) -> Doc:
    return nlp(text)


def places_of(nlp: Language, text: str) -> dict[str, Place]:
    doc = run(nlp, text)
    return {span.text: span._.place for span in doc.spans[SPAN_KEY]}


def located(nlp: Language, text: str) -> Place:
    doc = run(nlp, text)
    return choose_location(list(doc.spans[SPAN_KEY]))


def spans_by_text(doc: Doc) -> dict[str, list]:
    found: dict[str, list] = {}
    for span in doc.spans[SPAN_KEY]:
        found.setdefault(span.text, []).append(span)
    return found


# --------------------------------------------------------------------------- "the Hama town of X"


def test_a_governorate_before_town_of_is_the_governorate_not_its_city(nlp):
    doc = run(nlp, "Shells fell on the Hama town of Kafr Zita on Friday.")
    [hama], [town] = spans_by_text(doc)["Hama"], spans_by_text(doc)["Kafr Zita"]
    assert (hama.label_, hama._.place.precision) == ("admin1", PlacePrecision.admin1)
    assert (town._.place.admin1, town._.place.precision) == ("Hama", PlacePrecision.exact)
    assert choose_location(list(doc.spans[SPAN_KEY])).name == town._.place.name


def test_the_governorate_before_village_of_chooses_among_namesakes(nlp):
    gazetteer = Gazetteer.default()
    namesakes = [entry for entry in gazetteer.lookup("Souran") if entry.country == "SY"]
    assert [entry.admin1 for entry in namesakes][:2] == ["Hama", "Aleppo"]  # the larger one first, alone
    assert places_of(nlp, "Jets bombed Souran on Friday.")["Souran"].admin1 == "Hama"
    doc = run(nlp, "Jets bombed the Aleppo village of Souran on Friday. Souran had been shelled before.")
    souran = spans_by_text(doc)["Souran"]
    assert [span._.place.admin1 for span in souran] == ["Aleppo", "Aleppo"]  # and later mentions follow it


def test_an_unknown_village_is_placed_in_the_governorate_before_village_of(nlp):
    doc = run(nlp, f"Gunmen raided the Latakia village of {VILLAGE} on Monday.")
    [village] = spans_by_text(doc)[VILLAGE]
    assert village.label_ == "unlisted"
    assert (village._.place.admin1, village._.place.precision) == ("Latakia", PlacePrecision.admin1)


def test_a_city_before_suburb_of_places_only_what_it_can(nlp):
    """'the Damascus suburb of Douma': Douma lies in Rural Damascus, and stays there; a part of a city the
    gazetteer does not know is placed at the city."""
    doc = run(nlp, "Shells hit the Damascus suburb of Douma and the Aleppo district of Bustan Qasimiyya on Friday.")
    found = spans_by_text(doc)
    assert found["Douma"][0]._.place.admin1 == "Rural Damascus"
    assert found["Damascus"][0].label_ == "city"
    district = found["Bustan Qasimiyya"][0]._.place
    assert (district.admin1, district.precision) == ("Aleppo", PlacePrecision.near)


def test_the_name_before_town_of_is_no_location_of_its_own(nlp):
    doc = run(nlp, "Jets killed eight people in the Damascus suburb of Douma on Friday.")
    spans = list(doc.spans[SPAN_KEY])
    assert incident_location(spans, spans, violent=True).name == "Dūmā"


def test_a_place_followed_by_other_words_is_not_a_division(nlp):
    doc = run(nlp, "Jets struck Hama, a town of the west, on Friday.")
    assert spans_by_text(doc)["Hama"][0].label_ == "city"


@pytest.mark.parametrize(
    "description",
    [", a small farming village of 200 people in Hama province", ", a village in the countryside of Hama", ", a town near Hama"],
)
def test_an_apposition_that_says_what_a_village_is_places_it(nlp, description):
    place = places_of(nlp, f"Gunmen killed 12 people in the village of {VILLAGE}{description}, activists said.")[VILLAGE]
    assert (place.admin1, place.country) == ("Hama", "SY")


def test_an_apposition_with_a_clause_places_nothing(nlp):
    text = f"Gunmen killed 12 people in the village of {VILLAGE}, a village that rebels took in Hama last year."
    assert places_of(nlp, text)[VILLAGE].admin1 is None


# --------------------------------------------------------------------------- sites and directions


@pytest.mark.parametrize(
    "site", ["on the outskirts of Sarmin", "on the edge of Sarmin", "in the heart of Sarmin", "in the centre of Sarmin"]
)
def test_a_part_of_a_town_is_a_site(nlp, site):
    text = f"A drone strike killed two brothers {site} on Monday. Residents of Binnish said the drone had circled for an hour."
    location = located(nlp, text)
    assert location.name == "Sarmīn"


def test_a_site_beats_the_town_a_road_leads_to(nlp):
    text = "A drone strike killed two brothers in Sarmin on Monday. It hit their car on the road to Binnish."
    assert located(nlp, text).name == "Sarmīn"


@pytest.mark.parametrize("direction", ["on the road to Binnish", "on their way to Binnish", "on the highway towards Binnish"])
def test_the_place_a_road_leads_to_is_near_not_exact(nlp, direction):
    assert places_of(nlp, f"A car was hit {direction}.")["Binnish"].precision == PlacePrecision.near


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("Gunmen killed two shepherds near the village of Kafr Zita.", PlacePrecision.near),
        ("Gunmen killed two shepherds on the outskirts of the town of Kafr Zita.", PlacePrecision.near),
        ("Gunmen killed two shepherds in the village of Kafr Zita.", PlacePrecision.exact),
    ],
)
def test_near_a_named_settlement_is_near_it(nlp, text, precision):
    assert places_of(nlp, text)["Kafr Zita"].precision == precision


def test_the_countryside_of_a_governorate_is_a_site(nlp):
    text = "Air strikes killed six people in the countryside of Hama on Sunday, while rebels attacked Aleppo."
    assert located(nlp, text).admin1 == "Hama"


# --------------------------------------------------------------------------- "from": the cause of a toll or an origin


def main_place(text: str) -> Place:
    incident = main_incident(extract_text(text, published=PUBLISHED).incidents)
    assert incident is not None
    return incident.location


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The death toll from Sunday's air strike on a bakery in Kafr Zita rose to 14, rescuers said on Tuesday.",
        "The toll from the bombing of a school in Kafr Zita has climbed to 14, a local council said.",
        "Casualties from the shelling of Kafr Zita rose to 14 on Tuesday, a monitor said.",
        "Deaths from Monday's strikes on Kafr Zita reached 14, according to the civil defence.",
    ],
)
def test_from_after_a_toll_gives_its_cause_not_an_origin(text):
    place = main_place(text)
    assert (place.name, place.admin1) == ("Kafr Zaytā", "Hama")


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Rocket fire from Kilis killed three people in Azaz on Monday, activists said.",
        "Fighters from Binnish attacked an army post in Azaz on Monday, killing three soldiers.",
    ],
)
def test_from_after_an_attack_or_its_attackers_is_still_their_origin(text):
    assert main_place(text).admin1 == "Aleppo"


@pytest.mark.model
def test_the_outskirts_of_a_town_beat_the_road_the_strike_was_on():
    text = (
        "A drone strike killed two brothers on the outskirts of Sarmin in Idlib province on Monday, a monitor said.\n\n"
        "The strike hit their car near a checkpoint on the road to Binnish, the monitor said."
    )
    place = main_place(text)
    assert (place.name, place.admin1, place.precision) == ("Sarmīn", "Idlib", PlacePrecision.near)


@pytest.mark.model
def test_the_governorate_town_of_names_the_town():
    text = "Shelling killed five people in the Hama town of Kafr Zita on Friday, a monitor said."
    place = main_place(text)
    assert (place.name, place.admin1, place.precision) == ("Kafr Zaytā", "Hama", PlacePrecision.exact)


def test_a_place_that_says_where_the_site_is_is_not_the_site(nlp):
    """'in X in Y': X is the site, Y says where X is; 'in Y' alone is a site."""
    doc = run(nlp, f"A car bomb exploded in the village of {VILLAGE} in the heart of Sarmin on Monday.")
    [village] = spans_by_text(doc)[VILLAGE]
    assert choose_location(list(doc.spans[SPAN_KEY])) == village._.place
    assert located(nlp, "A car bomb exploded in the heart of Sarmin on Monday.").name == "Sarmīn"
