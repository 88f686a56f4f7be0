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


# --------------------------------------------------------------------------- political events (issue 14)


def political(extraction: Extraction, plover_type: str) -> list[Incident]:
    return [i for i in extraction.incidents if i.plover_type == plover_type]


def parties(incident: Incident, role: str) -> set[str]:
    return {a.name for a in incident.actors if a.role == role}


def type_claim(incident: Incident):
    return next(c for c in incident.claims if c.field == "plover_type")


def test_seeds_zara_statement_says_who_arms_the_armed_groups(zara_page):
    """The demonstration's press statement: the U.S., E.U., Turkey's ruling party, Saudi Arabia and Qatar
    "continue to provide logistics, arms and fighters": AID, reported, said by the statement."""
    (aid,) = [i for i in political(zara_page, "AID") if "provide logistics" in i.summary]
    assert {"United States", "European Union", "Saudi Arabia", "Qatar", "Turkey"} <= parties(aid, "actor")
    assert parties(aid, "recipient") == {"Armed opposition"}
    assert aid.plover_mode in {"logistics", "arms", "fighters"}
    claim = type_claim(aid)
    assert claim.certainty == Certainty.reported
    assert "statement" in claim.source.lower()
    assert not aid.violent and aid.event_type == "Strategic developments"


def test_seeds_zara_prime_minister_calls_on_the_world(zara_page):
    (request,) = [i for i in political(zara_page, "REQUEST") if "international community" in i.summary]
    assert parties(request, "actor") == {"Syrian government"}
    assert parties(request, "recipient") == {"International community"}
    assert type_claim(request).certainty == Certainty.asserted


def test_seeds_zara_coalition_blocks_the_russian_proposal(zara_page):
    (block,) = [i for i in political(zara_page, "REJECT") if i.plover_mode == "block"]
    assert {"United States", "United Kingdom", "France", "Ukraine"} == parties(block, "actor")
    assert parties(block, "recipient") == {"Russia"}
    assert type_claim(block).certainty == Certainty.asserted


def test_seeds_zara_istanbul_demonstration(zara_page):
    (protest,) = political(zara_page, "PROTEST")
    assert protest.plover_mode == "demo"
    assert (protest.event_type, protest.sub_event_type) == ("Protests", "Peaceful protest")
    assert parties(protest, "actor") == {"Civilians"}
    assert parties(protest, "recipient") == {"Armed opposition"}  # the massacre's main perpetrator
    assert protest.location.name == "Istanbul"


def test_seeds_hatlah_nato_non_lethal_aid(hatlah_page):
    (aid,) = [i for i in political(hatlah_page, "AID") if "non-lethal" in i.summary and parties(i, "actor") >= {"NATO"}]
    assert parties(aid, "actor") == {"United States", "NATO"}
    assert parties(aid, "recipient") == {"Armed opposition"}
    assert aid.plover_mode == "logistics"
    assert type_claim(aid).certainty == Certainty.asserted


def test_seeds_hatlah_france_plans_to_send_weapons(hatlah_page):
    """Fabius "claimed that Paris would wait until August 1 before sending weapons": arms promised, not sent
    (AGREE arms), in Fabius's words."""
    (agree,) = [i for i in political(hatlah_page, "AGREE") if "sending weapons" in i.summary]
    assert parties(agree, "actor") == {"France"}
    assert parties(agree, "recipient") == {"Armed opposition"}
    assert agree.plover_mode == "arms"
    claim = type_claim(agree)
    assert claim.certainty in (Certainty.reported, Certainty.alleged)
    assert "Fabius" in claim.source
    assert not political(hatlah_page, "AID") or all("sending weapons" not in i.summary for i in political(hatlah_page, "AID"))
