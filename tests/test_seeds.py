"""Regression test on the two canonical real articles in ../shared/data/seeds/.

These assert behaviours the issue names for the seeds; the rules behind them
are general and each has its own unit tests on invented text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.extract.pipeline import extract_article
from corroborate.ingest import read_path
from corroborate.models import Certainty, Extraction, Incident

pytestmark = [pytest.mark.model, pytest.mark.seeds]


def extraction_of(shared_data, name: str) -> Extraction:
    (article,) = list(read_path(shared_data / "seeds" / name))
    return extract_article(article)


@pytest.fixture(scope="module")
def hatlah_page(shared_data) -> Extraction:
    return extraction_of(shared_data, "001_c3ff9bd24fb53f6e.txt")


@pytest.fixture(scope="module")
def zara_page(shared_data) -> Extraction:
    return extraction_of(shared_data, "000_ad8ae6fafa60cfb5.txt")


def incident_at(extraction: Extraction, place_text: str) -> Incident:
    for incident in extraction.incidents:
        if incident.location.text and place_text.lower() in incident.location.text.lower():
            return incident
    raise AssertionError(f"no incident at {place_text}: {[i.location for i in extraction.incidents]}")


def test_seeds_hatlah_massacre(hatlah_page):
    incident = incident_at(hatlah_page, "Hatlah")
    assert incident.violent
    assert incident.location.admin1 == "Deir ez-Zor"
    assert incident.location.country == "SY"
    assert incident.location.lat is not None and incident.location.lon is not None
    assert incident.date.start == dt.date(2013, 6, 11)
    killed = incident.casualties.killed
    assert killed.low == 60 and killed.best == 60 and killed.high is None
    assert {"women", "children"} <= set(incident.casualties.victims.mentioned)
    killed_claims = [c for c in incident.claims if c.field == "casualties.killed"]
    assert killed_claims, incident.claims
    source = killed_claims[0].source
    assert "Syrian Observatory for Human Rights" in source and "Syrian government" in source
    assert killed_claims[0].certainty == Certainty.reported


def test_seeds_marjeh_suicide_bombing(hatlah_page):
    incident = incident_at(hatlah_page, "Marjeh")
    assert incident.cause == "suicide bomb"
    assert incident.event_type == "Explosions/Remote violence"
    assert incident.location.admin1 == "Damascus"
    assert incident.date.start == dt.date(2013, 6, 11)
    assert incident.casualties.killed.best == 15
    assert incident.casualties.injured.best == 31


def test_seeds_background_numbers_are_not_casualties(hatlah_page):
    for incident in hatlah_page.incidents:
        for count in (incident.casualties.killed, incident.casualties.injured):
            assert count is None or count.best != 1500


def test_seeds_hatlah_page_metadata(hatlah_page):
    article = hatlah_page.article
    assert article.published == dt.date(2013, 6, 13)
    assert article.authors == ["Bill Van Auken"]
    assert article.original_source == "WSWS.org"


def test_seeds_zara_massacre(zara_page):
    incident = incident_at(zara_page, "al-Zara")
    assert incident.location.admin1 == "Homs"
    assert incident.date.start is None and (incident.date.month, incident.date.day) == (5, 12)
    killed = incident.casualties.killed
    assert killed.best == 115
    assert incident.casualties.victims.civilians.best == 115
    perpetrators = {a.name for a in incident.actors if a.role == "perpetrator"}
    assert any("Nusra" in name for name in perpetrators), perpetrators
    assert any("Ahrar al-Sham" in name for name in perpetrators), perpetrators
    abducted = [c for c in incident.claims if c.field == "casualties.abducted"]
    assert abducted, incident.claims
    chemical = [c for c in incident.claims if c.field == "cause" and c.value == "chemical"]
    assert chemical and all(c.certainty == Certainty.alleged for c in chemical)
    assert incident.event_type == "Violence against civilians"  # a claimed weapon does not make it remote violence


def test_seeds_zara_abducted_women_and_children(zara_page):
    incident = incident_at(zara_page, "al-Zara")
    abducted_groups = {c.evidence.sentence for c in incident.claims if c.field == "casualties.abducted"}
    assert any("children" in s and "women" in s for s in abducted_groups)


def test_seeds_istanbul_protest(zara_page):
    protests = [i for i in zara_page.incidents if i.event_type == "Protests"]
    assert any(i.location.name == "Istanbul" for i in protests), [i.location for i in protests]
    assert all(not i.violent for i in protests)


def test_seeds_zara_page_url_and_outlet(zara_page):
    article = zara_page.article
    assert article.url.startswith("http://www.liberationnews.org/")
    assert article.outlet == "liberationnews.org"
