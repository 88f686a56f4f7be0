"""The actor network (corroborate.service.network) and `corroborate network`: edges, weights, filters, formats.

Stores are built from hand-written extractions (tests/network_stores.py, no model), on SQLite and, when
CORROBORATE_TEST_POSTGRES_URL is set, PostgreSQL.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import networkx as nx
import pytest
from sqlalchemy import event
from typer.testing import CliRunner

from corroborate.cli import EXIT_OK, EXIT_USAGE, app
from corroborate.models import Claim
from corroborate.service.network import (
    CSV_COLUMNS,
    EdgeEvidence,
    NetworkFilter,
    actor_network,
    independent_sources,
    network_json,
    parse_types,
    write_network,
)
from corroborate.service.queries import QueryError
from corroborate.store import open_database
from tests.network_stores import (
    ALLEGED,
    DENIAL,
    SHELLING,
    STATEMENT,
    Event,
    actor,
    evidence,
    network_extractions,
    political_article,
    sponsored_attack,
)
from tests.store.conftest import database_url, table_contents  # noqa: F401  (fixture)

US, FSA = "United States", "Free Syrian Army"


@pytest.fixture
def store(database_url):  # noqa: F811
    with open_database(database_url) as opened:
        opened.save_extractions(network_extractions())
        yield opened


def edge_map(network):
    return {(e.actor, e.recipient, e.type, e.group): e for e in network.edges}


def test_network_one_edge_per_pair_type_and_certainty_group(store):
    edges = edge_map(actor_network(store))
    assert sorted(edges) == [
        ("Iran", "Syrian government", "AID", "alleged"),
        ("Qatar", FSA, "AID", "asserted"),
        ("Turkey", FSA, "AID", "asserted"),
        ("Turkey", FSA, "AID", "denied"),
        ("US-led coalition", "Russia", "REJECT", "asserted"),
        (US, FSA, "AID", "asserted"),
    ]
    denied = edges[("Turkey", FSA, "AID", "denied")]
    assert [(e.sentence, e.certainty, e.source) for e in denied.evidence] == [(DENIAL, "denied", "Turkey")]
    assert edges[("Turkey", FSA, "AID", "asserted")].evidence[0].certainty == "reported"  # reported joins asserted
    alleged = edges[("Iran", "Syrian government", "AID", "alleged")]
    assert (alleged.modes, alleged.score, alleged.evidence[0].sentence) == (["fighters"], 2, ALLEGED)
    rejected = edges[("US-led coalition", "Russia", "REJECT", "asserted")]
    assert (rejected.modes, rejected.score, rejected.first_date) == (["block"], -1, dt.date(2016, 7, 1))


def test_network_nodes_carry_the_stored_type_and_country(store):
    nodes = {node.name: node for node in actor_network(store).nodes}
    assert (nodes[US].type, nodes[US].country) == ("foreign state", "US")
    assert (nodes["US-led coalition"].type, nodes["US-led coalition"].country) == ("international coalition", None)
    assert "Civilians" not in nodes  # the shelling's target is no end of an edge


def test_network_weight_counts_independent_sources(store):
    us = edge_map(actor_network(store))[(US, FSA, "AID", "asserted")]
    # the statement told by Northern Dispatch, and by Valley Herald twice (one outlet, whatever the case of its name);
    # officials in two copies of one AFP story; the Syrian Observatory naming the rebels' sponsor: four
    assert len(us.evidence) == 6 and us.weight == 4
    assert (us.first_date, us.last_date) == (dt.date(2016, 3, 1), dt.date(2016, 8, 1))
    assert us.basis == ["event", "sponsor"] and us.modes == ["arms"]


def item(article_id: str, outlet: str, source: str) -> EdgeEvidence:
    return EdgeEvidence(article_id, "i1", outlet, None, None, None, None, "s.", 0, 2, "reported", source, None, "event")


def test_network_independent_sources_by_outlet_wire_copy_and_source():
    texts = {
        "a": "The ministry said arms were delivered to the northern front on Monday after weeks of talks.",
        "b": "Arms went north, a monitor said, while diplomats argued in Geneva about the ceasefire terms.",
        "c": "A completely different report about the shipment, from the coast, with its own reporting and quotes.",
    }
    originals = {"a": None, "b": None, "c": None}
    assert independent_sources([item("a", "Herald", "the ministry"), item("b", "Herald", "the ministry")], originals, texts) == 1
    assert independent_sources([item("a", "Herald", "the ministry"), item("b", "Herald", "a monitor")], originals, texts) == 2
    assert independent_sources([item("a", "Herald", "the ministry"), item("b", "Dispatch", "The Ministry")], originals, texts) == 2
    wire = {"a": "AFP", "b": None, "c": "afp"}
    assert independent_sources([item("a", "Herald", "the ministry"), item("c", "Dispatch", "the ministry")], wire, texts) == 1
    copied = {**texts, "b": texts["a"] + " More."}
    assert independent_sources([item("a", "Herald", "the ministry"), item("b", "Dispatch", "the ministry")], originals, copied) == 1


def test_network_sponsor_edges_are_aid_with_the_sponsor_claim(store):
    us = edge_map(actor_network(store))[(US, FSA, "AID", "asserted")]
    (sponsor,) = [e for e in us.evidence if e.basis == "sponsor"]
    assert (sponsor.sentence, sponsor.source, sponsor.certainty, sponsor.mode, sponsor.outlet) == (
        SHELLING,
        "the Syrian Observatory",
        "reported",
        None,
        "State Wire",
    )


def test_network_sponsor_backs_the_perpetrators_of_its_own_sentence(database_url):  # noqa: F811
    """Two perpetrators told in two sentences, a sponsor named in one: the sponsor backs that one only."""
    backed = "US-backed rebels shelled the town."
    other = "The army shelled it too."
    text = f"{backed} {other}"
    article, extraction = sponsored_attack(
        text, outlet="Herald", published=dt.date(2016, 9, 1), sponsor_source="Herald", certainty="asserted"
    )
    (incident,) = extraction.incidents
    incident.actors.append(actor("perpetrator", "the army"))
    incident.claims = [
        Claim(field="actors.sponsor", value=US, source="Herald", certainty="asserted", evidence=evidence(text, backed)),
        Claim(field="actors.perpetrator", value=FSA, source="Herald", certainty="asserted", evidence=evidence(text, backed)),
        Claim(field="actors.perpetrator", value="Syrian government", source="Herald", certainty="asserted", evidence=evidence(text, other)),
    ]
    with open_database(database_url) as opened:
        opened.save_extractions([(article, extraction)])
        assert sorted(edge_map(actor_network(opened))) == [(US, FSA, "AID", "asserted")]


def test_network_filters_by_date_type_certainty_and_actor(store):
    def keys(**fields):
        return sorted(edge_map(actor_network(store, NetworkFilter(**fields))))

    assert keys(types=("REJECT",)) == [("US-led coalition", "Russia", "REJECT", "asserted")]
    assert keys(types=("PROTEST",)) == []  # sponsor edges are AID only
    assert keys(groups=("alleged", "denied")) == [("Iran", "Syrian government", "AID", "alleged"), ("Turkey", FSA, "AID", "denied")]
    # the wire copies give no event date: their publication day (4 April) counts
    april = actor_network(store, NetworkFilter(since=dt.date(2016, 4, 1), until=dt.date(2016, 4, 30)))
    assert [(e.actor, e.recipient, e.weight, len(e.evidence)) for e in april.edges] == [(US, FSA, 1, 2)]
    august = edge_map(actor_network(store, NetworkFilter(since=dt.date(2016, 8, 1))))
    assert list(august) == [(US, FSA, "AID", "asserted")] and august[(US, FSA, "AID", "asserted")].basis == ["sponsor"]
    assert keys(actor="Turkey") == [("Turkey", FSA, "AID", "asserted"), ("Turkey", FSA, "AID", "denied")]
    assert {node.name for node in actor_network(store, NetworkFilter(actor="Turkey")).nodes} == {"Turkey", FSA}


def test_network_unknown_type_or_group_is_a_query_error_naming_it():
    assert parse_types(" aid,Support ,AID") == ("AID", "SUPPORT")
    with pytest.raises(QueryError, match="unknown PLOVER type ARM "):
        parse_types("AID,ARM")
    with pytest.raises(QueryError, match="unknown certainty group maybe"):
        NetworkFilter(groups=("maybe",))  # type: ignore[arg-type]


def test_network_empty_store_is_an_empty_graph(database_url):  # noqa: F811
    with open_database(database_url) as empty:
        network = actor_network(empty)
    assert network.nodes == [] and network.edges == []
    data = network_json(network)
    assert (data["nodes"], data["edges"]) == ([], [])


def test_network_reads_with_a_fixed_number_of_queries(tmp_path):
    """No query per incident: ten times the events, the same statements."""

    def statements(copies: int) -> int:
        with open_database(tmp_path / f"n{copies}.db") as store:
            store.save_extractions(
                political_article(
                    f"Report {n}: " + STATEMENT,
                    [Event(STATEMENT, "AID", ("the US",), ("the rebels",), f"source {n}", "reported", "arms")],
                    outlet=f"Outlet {n}",
                    published=dt.date(2016, 1, 1) + dt.timedelta(days=n),
                )
                for n in range(copies)
            )
            seen: list[str] = []
            event.listen(store.engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
            network = actor_network(store)
            assert network.edges[0].weight == copies
            return len(seen)

    assert statements(3) == statements(30)


def test_network_reads_never_write(database_url):  # noqa: F811
    with open_database(database_url) as opened:
        opened.save_extractions(network_extractions())
    before = table_contents(database_url)
    with open_database(database_url, create=False) as opened:
        actor_network(opened)
    assert table_contents(database_url) == before


# ---------------------------------------------------------------------- the command


@pytest.fixture
def db_path(tmp_path) -> str:
    path = str(tmp_path / "network.db")
    with open_database(path) as opened:
        opened.save_extractions(network_extractions())
    return path


def run(*args: str):
    return CliRunner().invoke(app, ["network", *args])


def test_cli_network_graphml_and_gexf_parse_back_with_scalar_attributes(db_path):
    for output_format, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        result = run("--db", db_path, "--format", output_format)
        assert result.exit_code == EXIT_OK, result.output
        graph = read(io.BytesIO(result.stdout_bytes))
        assert graph.number_of_nodes() == 8 and graph.number_of_edges() == 6, output_format
        assert graph.nodes[US]["type"] == "foreign state"
        edges = [data for a, b, data in graph.edges(data=True) if (a, b) == (US, FSA)]
        assert len(edges) == 1 and edges[0]["weight"] == 4 and edges[0]["plover_type"] == "AID", output_format
        assert edges[0]["certainty"] == "asserted" and edges[0]["evidence_count"] == 6 and edges[0]["basis"] == "event,sponsor"
        evidence = json.loads(edges[0]["evidence_json"])
        assert len(evidence) == 6 and evidence[0]["sentence"] == STATEMENT and evidence[-1]["basis"] == "sponsor"
        turkey = sorted(data["certainty"] for a, b, data in graph.edges(data=True) if a == "Turkey")
        assert turkey == ["asserted", "denied"], output_format


def test_cli_network_json_is_node_link_with_evidence_lists(db_path):
    result = run("--db", db_path, "--format", "json")
    assert result.exit_code == EXIT_OK
    data = json.loads(result.stdout)
    graph = nx.node_link_graph(data, edges="edges")
    assert graph.is_multigraph() and graph.is_directed() and graph.number_of_edges() == 6
    us = graph.edges[US, FSA, "AID/asserted"]
    assert us["weight"] == 4 and us["score"] == 2 and len(us["evidence"]) == 6
    assert {"article_id", "incident_id", "outlet", "sentence", "start", "end", "certainty", "source"} <= set(us["evidence"][0])


def test_cli_network_csv_is_one_row_per_edge_to_a_file(db_path, tmp_path):
    target = tmp_path / "edges.csv"
    result = run("--db", db_path, "--format", "csv", "--output", str(target), "--type", "aid")
    assert result.exit_code == EXIT_OK and result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == 5 and {row["type"] for row in rows} == {"AID"}
    (denied,) = [row for row in rows if row["certainty"] == "denied"]
    assert (denied["source"], denied["target"], denied["weight"], denied["first_sentence"]) == ("Turkey", FSA, "1", DENIAL)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--type", "AID,ARMS"], "error: unknown PLOVER type ARMS (known: AGREE, CONSULT,"),
        (["--since", "2016-02-30"], "error: --since '2016-02-30' is not a date: give YYYY-MM-DD, e.g. 2016-03-01"),
        (["--since", "2016-05-01", "--until", "2016-04-01"], "error: --since is after --until"),
    ],
)
def test_cli_network_bad_filters_are_one_line_errors(db_path, args, message):
    result = run("--db", db_path, *args)
    assert result.exit_code == EXIT_USAGE
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message)


def test_cli_network_empty_store_writes_an_empty_graph(tmp_path):
    path = str(tmp_path / "empty.db")
    open_database(path).close()
    for output_format in ("graphml", "gexf", "json", "csv"):
        result = run("--db", path, "--format", output_format)
        assert result.exit_code == EXIT_OK, (output_format, result.output)
    assert nx.read_graphml(io.BytesIO(run("--db", path).stdout_bytes)).number_of_nodes() == 0
    assert json.loads(run("--db", path, "--format", "json").stdout)["edges"] == []
    assert run("--db", path, "--format", "csv").stdout.splitlines() == [",".join(CSV_COLUMNS)]


def test_network_writers_keep_formula_cells_and_markup_inert(tmp_path):
    text = "=HYPERLINK(1) </script> said the US arms the rebels."
    with open_database(":memory:") as store:
        store.save_extractions(
            [
                political_article(
                    text,
                    [Event(text, "AID", ("the US",), ("the rebels",), "=cmd", "reported")],
                    outlet="Outlet",
                    published=dt.date(2016, 1, 1),
                )
            ]
        )
        network = actor_network(store)
    out = io.BytesIO()
    write_network(network, "csv", out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue().decode()))
    assert row["first_sentence"].startswith("'=") and row["first_source"] == "'=cmd"
    out = io.BytesIO()
    write_network(network, "json", out)
    assert b"</script>" not in out.getvalue() and json.loads(out.getvalue())["edges"][0]["evidence"][0]["sentence"] == text
