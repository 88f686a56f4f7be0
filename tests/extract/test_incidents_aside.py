"""An event an article tells aside of its story — an earlier one it recalls at another place, or one it says
happened meanwhile in another governorate — is an incident of its own: it keeps its toll and its date, takes
none of the story's sentences, and is not the article's main incident. Invented articles."""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.extract.incidents import main_incident
from corroborate.extract.pipeline import extract_text
from corroborate.models import Incident

pytestmark = pytest.mark.model

PUBLISHED = dt.date(2016, 10, 27)  # a Thursday


def violent(text: str, published: dt.date | None = PUBLISHED) -> list[Incident]:
    return [incident for incident in extract_text(text, published=published).incidents if incident.violent]


def located_in(incidents: list[Incident], town: str) -> Incident:
    return next(incident for incident in incidents if town in (incident.location.name, incident.location.text))


# A village the gazetteer does not know, so that only the grouping keeps the two events apart.
PREVIOUSLY = (
    "Tanks shelled the hamlet of Wadi Zeituna on Tuesday, witnesses said. "
    "Inspectors previously visited the town of Saraqib where army units killed 40 people, according to residents. "
    "Gunmen then stormed the hamlet and killed many of the families who lived there."
)


def test_a_clause_set_before_the_story_tells_an_incident_of_its_own():
    incidents = violent(PREVIOUSLY)
    earlier = located_in(incidents, "Saraqib")
    assert earlier.aside
    assert earlier.casualties.killed is not None and earlier.casualties.killed.best == 40
    assert earlier.date.start is None  # not the story's Tuesday, nor the publication day
    story = [incident for incident in incidents if not incident.aside]
    assert len(story) == 1 and story[0].location.name != "Saraqib"


def test_the_story_goes_on_after_the_recalled_event():
    """The sentence after the recalled event tells of the story's village, not of the town recalled."""
    earlier = located_in(violent(PREVIOUSLY), "Saraqib")
    assert all("stormed" not in claim.evidence.sentence for claim in earlier.claims)


def test_the_main_incident_is_the_story_not_the_numbered_earlier_event():
    main = main_incident(violent(PREVIOUSLY))
    assert main is not None and not main.aside
    assert main.location.name != "Saraqib"
    assert main.casualties.killed is None or main.casualties.killed.best != 40


def test_a_recalled_event_at_the_story_place_is_the_story():
    text = (
        "Army units killed 40 people in Saraqib on Tuesday, residents said. "
        "Inspectors previously visited the town of Saraqib where soldiers had killed 40 people."
    )
    incidents = violent(text)
    assert len(incidents) == 1 and not incidents[0].aside
    assert incidents[0].location.name == "Saraqib"


def test_a_reference_dated_before_another_event_of_its_sentence_is_that_earlier_event():
    text = (
        "Tanks shelled the hamlet of Wadi Zeituna on Tuesday and killed many families, activists said. "
        "The opposition condemned the March 3 bombing in Saraqib and the Tuesday attack on Wadi Zeituna."
    )
    incidents = violent(text)
    earlier = located_in(incidents, "Saraqib")
    assert earlier.aside
    assert earlier.date.start == dt.date(2016, 3, 3)
    story = main_incident(incidents)
    assert story is not None and story.location.name != "Saraqib"
    assert story.date.start == dt.date(2016, 10, 25)  # its Tuesday, not the bombing's March 3


def test_without_a_publication_day_a_calendar_date_beside_a_weekday_is_the_older():
    """News names a day of the past week by its weekday and an older one by its date."""
    text = (
        "Tanks shelled the hamlet of Wadi Zeituna and killed many families, activists said. "
        "The opposition condemned the March 3 bombing in Saraqib and the Tuesday attack on Wadi Zeituna."
    )
    incidents = violent(text, published=None)
    assert located_in(incidents, "Saraqib").aside
    story = main_incident(incidents)
    assert story is not None and story.date.weekday == 1


def test_the_day_a_source_spoke_does_not_set_an_event_apart():
    text = "Shelling killed 9 people in Saraqib on Sunday, activists said on Tuesday."
    incidents = violent(text)
    assert len(incidents) == 1 and not incidents[0].aside
    assert incidents[0].date.start == dt.date(2016, 10, 23)


def test_aside_is_not_part_of_the_json_contract():
    incident = located_in(violent(PREVIOUSLY), "Saraqib")
    assert "aside" not in incident.model_dump(mode="json")


def test_a_clause_telling_another_attack_meanwhile_elsewhere_is_an_incident_of_its_own():
    """ "As" shells fell on another governorate's town, killing one: that toll is not the lead's attack's."""
    text = (
        "Several people were wounded on Tuesday when a rocket struck a school in Saraqib, activists said, "
        "as mortar shells rained down on Douma, killing one person."
    )
    incidents = violent(text)
    lead, meanwhile = located_in(incidents, "Saraqib"), located_in(incidents, "Douma")
    assert lead.casualties.killed is None
    assert meanwhile.casualties.killed is not None and meanwhile.casualties.killed.best == 1
    assert meanwhile.aside and meanwhile.date.start == lead.date.start == dt.date(2016, 10, 25)
    assert main_incident(incidents) is lead


def test_a_clause_of_the_same_governorate_stays_with_the_lead():
    text = "Shelling killed 4 people in Saraqib on Tuesday, as a rocket hit Binnish, killing one person."
    incidents = violent(text)
    assert len(incidents) == 1
