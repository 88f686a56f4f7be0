"""The service layer (corroborate.service): reads that never write, `link` the one write, records as JSON.

The store holds the invented Saraqib reports of tests/credibility_reports.py
(hand-built extractions, no model), in memory.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from corroborate import service
from corroborate.check import ReferenceIndex, Verdict, load_reference
from corroborate.errors import ConfigurationError, DocumentError, NotFoundError
from corroborate.service import (
    LinkState,
    article_credibility,
    link,
    link_state,
    linked_incident,
    linked_incidents_of,
    member_extractions,
    record_json,
    reference_checks,
    stored_articles,
    stored_errors,
    write_json,
    write_jsonl,
)
from corroborate.store import open_database
from tests.credibility_reports import FIXTURES, report
from tests.store.conftest import table_contents

REFERENCE = FIXTURES / "ucdp.csv"


@pytest.fixture
def store():
    with open_database(":memory:") as opened:
        opened.save_extractions([report("observer"), report("herald")])
        yield opened


def test_service_link_state_counts_what_link_has_not_linked(store):
    assert link_state(store) == LinkState(unlinked_incidents=2, stale=True)
    update = link(store)
    assert (update.incidents_linked, update.linked_incidents_total) == (2, 1)
    assert link_state(store) == LinkState(unlinked_incidents=0, stale=False)
    store.save_extractions([report("wire")])
    assert link_state(store) == LinkState(unlinked_incidents=1, stale=True)
    assert link(store).incidents_linked == 1 and not link_state(store).stale
    rebuilt = link(store, threshold=0.99, rebuild=True)
    assert rebuilt.incidents_linked == 3 and not link_state(store).stale


def test_service_reads_of_linked_incidents_do_not_link(store):
    assert linked_incidents_of(store) == []
    assert link_state(store).unlinked_incidents == 2  # the read linked nothing
    link(store)
    store.save_extractions([report("wire")])
    (incident,) = linked_incidents_of(store)
    assert sorted(source.external_id for source in incident.sources) == ["herald", "observer"]
    assert linked_incidents_of(store, min_articles=3) == []
    assert linked_incident(store, incident.id) == incident
    assert linked_incident(store, "Lnothing") is None
    assert link_state(store).unlinked_incidents == 1


def test_service_member_extractions_are_the_members_articles(store):
    link(store)
    linked = linked_incidents_of(store)
    extractions = member_extractions(store, linked)
    assert sorted(extractions) == ["herald-article", "observer-article"]
    assert all(extraction.incidents[0].location.name == "Saraqib" for extraction in extractions.values())


def test_service_reference_checks_of_the_stored_links(store):
    link(store)
    events = load_reference(REFERENCE, "ucdp")
    checks = reference_checks(store, events)
    verdicts = {check.article_id: check.verdict for check in checks if check.field == "killed"}
    assert verdicts["observer-article"] == Verdict.consistent and verdicts["herald-article"] == Verdict.inflated
    assert reference_checks(store, ReferenceIndex(events)) == checks
    assert reference_checks(store, events, linked=[]) == []
    later = [event.model_copy(update={"date_start": event.date_start + dt.timedelta(days=60), "date_end": None}) for event in events]
    assert {check.verdict for check in reference_checks(store, later)} == {Verdict.unmatched}


def test_service_stored_articles_by_id_or_external_id_in_the_order_named(store):
    assert sorted(article.id for article, _ in stored_articles(store)) == ["herald-article", "observer-article"]
    named = [article.id for article, _ in stored_articles(store, ["herald", "observer-article"])]
    assert named == ["herald-article", "observer-article"]
    with pytest.raises(NotFoundError, match="no stored article nope, nada"):
        list(stored_articles(store, ["herald", "nope", "nada"]))
    assert issubclass(NotFoundError, ConfigurationError)  # the CLI's usage error


def test_service_article_credibility_weighs_stored_links_and_checks(store):
    alone = article_credibility(store, ["herald"])
    link(store)
    (linked,) = article_credibility(store, ["herald"])
    assert alone[0].departures == [] and linked.departures[0].killed == 40
    assert linked.score < alone[0].score  # 40 killed against another outlet's 12: an outlier
    checks = reference_checks(store, load_reference(REFERENCE, "ucdp"))
    (checked,) = article_credibility(store, ["herald"], checks=checks)
    assert [c.verdict for c in checked.checks if c.field == "killed"] == [Verdict.inflated]
    assert checked.score < linked.score
    both = article_credibility(store)
    assert sorted(result.external_id for result in both) == ["herald", "observer"]


def test_service_records_written_as_the_json_contract(store):
    ((article, extraction),) = stored_articles(store, ["observer"])
    out = io.StringIO()
    assert write_jsonl([extraction, {"title": "</script>"}], out) == 2
    first, second = out.getvalue().splitlines()
    assert json.loads(first) == extraction.model_dump(mode="json") == record_json(extraction)
    assert second == r'{"title": "<\/script>"}' and json.loads(second) == {"title": "</script>"}
    one = io.StringIO()
    write_json([extraction], one, one_as_object=True)
    assert json.loads(one.getvalue())["article"]["id"] == article.id
    listed = io.StringIO()
    write_json([extraction], listed)
    assert len(json.loads(listed.getvalue())) == 1
    none = io.StringIO()
    write_json([], none, one_as_object=True)
    assert json.loads(none.getvalue()) == []


def test_service_stored_errors_are_plain_records(store):
    assert list(stored_errors(store)) == []
    store.record_error(DocumentError("corpus/bad.bin", "unsupported file type"))
    (error,) = stored_errors(store)
    assert (error["document"], error["reason"]) == ("corpus/bad.bin", "unsupported file type")
    assert set(error) == {"document", "reason", "run_id", "recorded_at"}


def test_service_reads_leave_the_store_as_it_was(tmp_path):
    url = str(tmp_path / "service.db")
    with open_database(url) as store:
        store.save_extractions([report("observer"), report("herald")])
        link(store)
        store.save_extractions([report("wire")])
    before = table_contents(url)
    with open_database(url, create=False) as store:
        (incident,) = linked_incidents_of(store)
        linked_incident(store, incident.id)
        checks = reference_checks(store, load_reference(REFERENCE, "ucdp"))
        article_credibility(store, checks=checks)
        list(stored_errors(store))
        assert link_state(store).stale
    assert table_contents(url) == before


def test_service_names_are_its_public_api():
    assert set(service.__all__) >= {"link", "link_state", "linked_incidents_of", "reference_checks", "article_credibility", "write_jsonl"}
    with pytest.raises(AttributeError):
        service.update_links  # noqa: B018  (the write step is `link`)
