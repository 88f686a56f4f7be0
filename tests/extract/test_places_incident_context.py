"""Places that do not locate the incident: earlier events, other days, photo captions, keyword lists;
and the sentence that says where a placeless lede happened. Invented articles."""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.extract.incidents import main_incident
from corroborate.extract.pipeline import extract_text, load_pipeline

pytestmark = pytest.mark.model

PUBLISHED = dt.date(2016, 10, 25)  # a Tuesday


def main_governorate(text: str) -> str | None:
    incident = main_incident(extract_text(text, published=PUBLISHED).incidents)
    assert incident is not None
    return incident.location.admin1


def test_place_dated_last_year_is_an_earlier_event():
    text = (
        "A suspected chlorine attack killed 12 people in Syria on Monday, doctors said. "
        "A government spokesman said the rebels had used the same weapons in Aleppo last year. "
        "Medical workers in Idlib treated dozens of patients with breathing problems."
    )
    assert main_governorate(text) == "Idlib"


def test_toll_of_a_sentence_dated_another_day_does_not_place_the_incident():
    text = (
        "Bombings killed a man and wounded nine in Hasaka and Homs on Sunday. "
        "A man was killed when a landmine exploded in the countryside of Homs province on Sunday. "
        "In Hasaka three people were injured by a motorcycle bomb on Sunday morning. "
        "On October 13th 30 people were killed when a suicide bomber blew himself up at a wedding in Hasaka."
    )
    assert main_governorate(text) == "Homs"


def test_place_in_a_photo_caption_does_not_place_the_incident():
    text = (
        "Air strikes hit opposition-held towns on Saturday, killing more than 40 people. "
        "A man carries a child at the scene of an air strike in the city of Idlib on September 10 2016. "
        "(TRT World and Agencies) "
        "At least 45 people were killed in the strikes on the city of Aleppo, activists said."
    )
    assert main_governorate(text) == "Aleppo"


def test_place_in_a_keyword_list_places_nothing():
    text = (
        "Tags Syria Islamic State murder video Palmyra\n"
        "Militants released a video showing the killing of two activists, a monitor said. "
        "The men were shot dead by gunmen in Raqqa city."
    )
    assert main_governorate(text) == "Raqqa"


def test_sentence_after_a_placeless_lead_says_where_it_happened():
    text = (
        "The army has killed some 70 militants in two days near the border, state media said on Friday. "
        "Government forces have carried out an offensive south of the city of Qamishli. "
        "Heavy fighting was also reported in Damascus."
    )
    assert main_governorate(text) == "Hasakah"


def test_keyword_list_with_hyphenated_names_places_nothing():
    """'Ahrar al-Sham' in a keyword list: a hyphen inside a name does not end the list; a spaced one would."""
    from corroborate.extract.places import in_keyword_list

    text = "Tags Syria Ahrar al-Sham Nusra Front Idlib Homs\nShelling killed nine people in the city of Hama on Monday, a monitor said."
    doc = load_pipeline()(text)
    homs = next(span for span in doc.spans["places"] if span.text == "Homs")
    assert in_keyword_list(homs)
    assert main_governorate(text) == "Hama"
    spaced = load_pipeline()("Tags Syria Idlib - Homs was shelled, killing nine people.")
    assert not in_keyword_list(next(span for span in spaced.spans["places"] if span.text == "Homs"))


def main_place(text: str) -> str | None:
    incident = main_incident(extract_text(text, published=PUBLISHED).incidents)
    assert incident is not None
    return incident.location.name


@pytest.mark.parametrize(
    "text",
    [
        # an attribution: the official speaks from the capital
        "A Damascus official said government forces shelled the town of Saraqib on Monday, killing 12 people.",
        # the attackers' home villages
        "Gunmen from nearby villages around Masyaf stormed the town of Saraqib on Monday, killing 12 civilians.",
        "Militiamen from Masyaf stormed the town of Saraqib on Monday, killing 12 civilians.",
        # where the dead were mourned, in another country
        "Mourners held a vigil in Beirut on Tuesday for the 20 people killed in an air strike on Saraqib on Monday.",
    ],
)
def test_place_of_attribution_origin_or_vigil_is_not_the_incidents(text: str):
    assert main_place(text) == "Saraqib"


def test_place_of_the_event_avenged_is_not_the_incidents():
    text = "Rebels shelled Qardaha on Monday, killing 9 people, in revenge for the massacre in Ariha."
    assert main_governorate(text) == "Latakia"


def test_place_of_a_strike_vowed_revenge_for_is_the_incidents():
    # the revenge is only vowed: the strike avenged is the one the article tells
    text = "Rebel groups vowed revenge for Monday's strike in the town of Saraqib, which killed 86 people."
    assert main_place(text) == "Saraqib"
