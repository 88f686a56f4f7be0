"""The actor network of a store: who does what to whom, by PLOVER type, with the evidence behind each edge.

One edge per (actor -> recipient, PLOVER type, certainty group), where the
group is "asserted" (asserted or reported), "alleged" or "denied": what is only
alleged or denied never joins what is said to have happened. A violent
incident's sponsor ("US-backed rebels") gives a sponsor -> perpetrator AID
edge, mode unknown, its evidence marked `basis="sponsor"` (docs/network.md).
The weight is the number of independent sources: distinct claim sources per
origin, an origin being one outlet, or articles copied from one text or
crediting one original source (`corroborate.link.origin_groups`, as linking
counts them). The score is PLOVER's cooperation-conflict score of the type.

Read with a fixed number of queries whatever the store's size; reads never write.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, Optional

from sqlalchemy import ColumnElement, Select, and_, exists, func, select, tuple_

from corroborate import plover
from corroborate.service.queries import QueryError
from corroborate.store import schema
from corroborate.store.database import Store, plain_rows

if TYPE_CHECKING:
    import networkx as nx

CertaintyGroup = Literal["asserted", "alleged", "denied"]
GROUPS: tuple[CertaintyGroup, ...] = ("asserted", "alleged", "denied")
GROUP_OF: dict[str, CertaintyGroup] = {"asserted": "asserted", "reported": "asserted", "alleged": "alleged", "denied": "denied"}
SPONSOR_TYPE = "AID"
"""The PLOVER type a sponsor -> perpetrator edge carries (backing an armed group is material aid; the mode is unknown)."""
FORMATS = ("graphml", "gexf", "json", "csv")
CSV_COLUMNS = [
    "source",
    "target",
    "type",
    "modes",
    "certainty",
    "weight",
    "score",
    "basis",
    "first_date",
    "last_date",
    "evidence_count",
    "first_sentence",
    "first_source",
    "first_outlet",
]


@dataclass(frozen=True)
class NetworkFilter:
    """What the network is drawn from; every field optional, combined with AND."""

    since: Optional[dt.date] = None
    """Events on or after this day (the incident's date, else its article's publication day)."""
    until: Optional[dt.date] = None
    types: tuple[str, ...] = ()
    """PLOVER types kept (all when empty); sponsor edges are AID."""
    groups: tuple[CertaintyGroup, ...] = ()
    """Certainty groups kept (all when empty)."""
    actor: Optional[str] = None
    """Only edges from or to this actor (canonical name)."""

    def __post_init__(self) -> None:
        known = set(plover.names())
        unknown = [name for name in self.types if name not in known]
        if unknown:
            raise QueryError(f"unknown PLOVER type {', '.join(unknown)} (known: {', '.join(plover.names())})")
        wrong = [group for group in self.groups if group not in GROUPS]
        if wrong:
            raise QueryError(f"unknown certainty group {', '.join(wrong)} (known: {', '.join(GROUPS)})")
        if self.since and self.until and self.since > self.until:
            raise QueryError("since is after until")

    def params(self) -> dict[str, str]:
        """The filter as query parameters (the page's links to its API twin)."""
        out = {"since": self.since.isoformat() if self.since else "", "until": self.until.isoformat() if self.until else ""}
        out.update(type=",".join(self.types), certainty=",".join(self.groups), actor=self.actor or "")
        return {key: value for key, value in out.items() if value}


def parse_types(text: Optional[str]) -> tuple[str, ...]:
    """'aid, SUPPORT' -> ('AID', 'SUPPORT'); an unknown name is a QueryError naming it."""
    names = tuple(dict.fromkeys(part.strip().upper() for part in (text or "").split(",") if part.strip()))
    NetworkFilter(types=names)
    return names


def parse_groups(text: Optional[str]) -> tuple[CertaintyGroup, ...]:
    names = tuple(dict.fromkeys(part.strip().lower() for part in (text or "").split(",") if part.strip()))
    NetworkFilter(groups=names)  # type: ignore[arg-type]
    return names  # type: ignore[return-value]


@dataclass(frozen=True)
class EdgeEvidence:
    """One claim behind an edge: the sentence, who says it, how firmly, and where it was read."""

    article_id: str
    incident_id: str
    outlet: Optional[str]
    published: Optional[dt.date]
    title: Optional[str]
    url: Optional[str]
    date: Optional[dt.date]
    """The event's date (the incident's, else the publication day)."""
    sentence: str
    start: Optional[int]
    end: Optional[int]
    certainty: str
    source: str
    mode: Optional[str]
    basis: Literal["event", "sponsor"]


@dataclass
class Edge:
    actor: str
    recipient: str
    type: str
    group: CertaintyGroup
    score: int
    modes: list[str]
    weight: int
    first_date: Optional[dt.date]
    last_date: Optional[dt.date]
    basis: list[str]
    evidence: list[EdgeEvidence]

    @property
    def key(self) -> str:
        return f"{self.type}/{self.group}"


@dataclass(frozen=True)
class Node:
    name: str
    type: str
    country: Optional[str]


@dataclass
class Network:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


# ---------------------------------------------------------------------- reading


@dataclass
class _Event:
    """One stored incident that gives edges: its article's header and who acts on whom."""

    article_id: str
    incident_id: str
    type: str
    mode: Optional[str]
    date: Optional[dt.date]
    outlet: Optional[str]
    published: Optional[dt.date]
    title: Optional[str]
    url: Optional[str]
    original_source: Optional[str]
    summary: str
    basis: Literal["event", "sponsor"]
    sources: list[str] = field(default_factory=list)
    """Actors (event) or sponsors (sponsor)."""
    targets: list[str] = field(default_factory=list)
    """Recipients (event) or perpetrators (sponsor)."""
    claims: list[tuple[Optional[str], str, str, int, int, str]] = field(default_factory=list)
    """(value, source, certainty, start, end, sentence) of the claims behind it."""
    target_sentences: dict[str, set[str]] = field(default_factory=dict)
    """Sponsor basis: each perpetrator's sentences (its `actors.perpetrator` claims), to pair a sponsor with
    the perpetrators of its own sentence."""


def _selected(f: NetworkFilter, sponsor: bool) -> Select:
    """Keys and headers of the incidents that give edges (political events, or violent incidents with a sponsor)."""
    incidents, articles, actors = schema.incidents, schema.articles, schema.actors
    c = incidents.c
    when = func.coalesce(c.date_start, articles.c.published)
    terms: list[ColumnElement[bool]] = []
    if sponsor:
        terms.append(exists().where(actors.c.article_id == c.article_id, actors.c.incident_id == c.incident_id, actors.c.role == "sponsor"))
    else:
        terms.append(c.plover_type.is_not(None))
        if f.types:
            terms.append(c.plover_type.in_(f.types))
    if f.since:
        terms.append(when >= f.since)
    if f.until:
        terms.append(when <= f.until)
    if f.actor:  # the actor's incidents from its name index, once (a correlated EXISTS probed the name per row: 4 s on 5,000 events)
        terms.append(
            tuple_(c.article_id, c.incident_id).in_(select(actors.c.article_id, actors.c.incident_id).where(actors.c.name == f.actor))
        )
    return (
        select(
            c.article_id,
            c.incident_id,
            c.plover_type,
            c.plover_mode,
            when.label("day"),
            articles.c.outlet,
            articles.c.published,
            articles.c.title,
            articles.c.url,
            articles.c.original_source,
            c.summary,
        )
        .select_from(incidents.join(articles, articles.c.id == c.article_id))
        .where(*terms)
    )


def _read_events(store: Store, f: NetworkFilter, sponsor: bool) -> list[_Event]:
    """Three queries: the incidents, their actors, their claims (joined to the same selection: no query per incident)."""
    selected = _selected(f, sponsor).subquery()
    a, cl = schema.actors.c, schema.claims.c
    roles = ("sponsor", "perpetrator") if sponsor else ("actor", "recipient")
    claim_fields = ("actors.sponsor", "actors.perpetrator") if sponsor else ("plover_type",)
    on_actor = and_(a.article_id == selected.c.article_id, a.incident_id == selected.c.incident_id)
    on_claim = and_(cl.article_id == selected.c.article_id, cl.incident_id == selected.c.incident_id)
    with store.engine.connect() as connection:
        rows = list(plain_rows(connection.execute(select(selected))))
        actor_rows = list(
            plain_rows(
                connection.execute(
                    select(a.article_id, a.incident_id, a.role, a.name)
                    .select_from(schema.actors.join(selected, on_actor))
                    .where(a.role.in_(roles))
                    .order_by(a.article_id, a.incident_id, a.position)
                )
            )
        )
        claim_rows = list(
            plain_rows(
                connection.execute(
                    select(
                        cl.article_id,
                        cl.incident_id,
                        cl.field,
                        cl.value_text,
                        cl.source,
                        cl.certainty,
                        cl.evidence_start,
                        cl.evidence_end,
                        cl.evidence_sentence,
                    )
                    .select_from(schema.claims.join(selected, on_claim))
                    .where(cl.field.in_(claim_fields))
                    .order_by(cl.article_id, cl.incident_id, cl.position)
                )
            )
        )
    events: dict[tuple[str, str], _Event] = {}
    for article_id, incident_id, kind, mode, day, outlet, published, title, url, original, summary in rows:
        events[(article_id, incident_id)] = _Event(
            article_id,
            incident_id,
            SPONSOR_TYPE if sponsor else kind,
            None if sponsor else mode,
            day,
            outlet,
            published,
            title,
            url,
            original,
            summary or "",
            "sponsor" if sponsor else "event",
        )
    for article_id, incident_id, role, name in actor_rows:
        event = events.get((article_id, incident_id))
        if event is None:
            continue
        people = event.sources if role in ("actor", "sponsor") else event.targets
        if name not in people:
            people.append(name)
    for article_id, incident_id, claim_field, value, source, certainty, start, end, sentence in claim_rows:
        event = events.get((article_id, incident_id))
        if event is None:
            continue
        if claim_field == "actors.perpetrator":
            event.target_sentences.setdefault(value, set()).add(sentence)
        else:
            event.claims.append((value, source, certainty, start, end, sentence))
    return list(events.values())


def _node_rows(store: Store, names: Iterable[str]) -> list[Node]:
    """Each actor's type and country as most often stored (one grouped query over the names)."""
    wanted = sorted(set(names))
    if not wanted:
        return []
    a = schema.actors.c
    kinds: dict[str, Counter] = defaultdict(Counter)
    countries: dict[str, Counter] = defaultdict(Counter)
    with store.engine.connect() as connection:
        for start in range(0, len(wanted), 500):
            query = (
                select(a.name, a.type, a.country, func.count())
                .where(a.name.in_(wanted[start : start + 500]))
                .group_by(a.name, a.type, a.country)
            )
            for name, kind, country, count in plain_rows(connection.execute(query)):
                kinds[name][kind] += count
                if country:
                    countries[name][country] += count
    return [Node(name, _most_common(kinds[name]) or "unknown", _most_common(countries[name])) for name in wanted]


def _most_common(counts: Counter) -> Optional[str]:
    """The most frequent value, the first in sort order among equals (stable output)."""
    if not counts:
        return None
    top = max(counts.values())
    return min(value for value, count in counts.items() if count == top)


def _texts(store: Store, article_ids: Iterable[str]) -> dict[str, str]:
    wanted = sorted(set(article_ids))
    c = schema.articles.c
    texts: dict[str, str] = {}
    with store.engine.connect() as connection:
        for start in range(0, len(wanted), 500):
            texts.update(plain_rows(connection.execute(select(c.id, c.text).where(c.id.in_(wanted[start : start + 500])))))
    return texts


def _origins(evidence: Sequence[EdgeEvidence], originals: dict[str, Optional[str]], texts: dict[str, str]) -> dict[str, int]:
    """Article id -> its origin: one outlet, or articles copied from one text or crediting one original source."""
    from corroborate.link import origin_groups

    article_ids = sorted({item.article_id for item in evidence})
    if len(article_ids) == 1:
        return {article_ids[0]: 0}
    outlet_of = {item.article_id: (item.outlet or "").casefold() for item in evidence}
    # articles without an outlet are not one outlet: each is labelled by itself
    labels = [outlet_of[i] if outlet_of[i] else ("article", i) for i in article_ids]
    groups = origin_groups([(originals.get(i), texts.get(i, "")) for i in article_ids], joined=labels)
    return dict(zip(article_ids, groups))


def independent_sources(evidence: Sequence[EdgeEvidence], originals: dict[str, Optional[str]], texts: dict[str, str]) -> int:
    """Distinct claim sources per origin: one outlet repeating one source, or wire copies of it, count once."""
    origin = _origins(evidence, originals, texts)
    return len({(origin[item.article_id], item.source.strip().casefold()) for item in evidence})


def actor_network(store: Store, f: NetworkFilter = NetworkFilter()) -> Network:
    """The actor network of the store under `f`, nodes and edges in a stable order."""
    events = _read_events(store, f, sponsor=False)
    if not f.types or SPONSOR_TYPE in f.types:
        events += _read_events(store, f, sponsor=True)
    grouped: dict[tuple[str, str, str, CertaintyGroup], list[EdgeEvidence]] = defaultdict(list)
    originals: dict[str, Optional[str]] = {}
    for event in events:
        originals[event.article_id] = event.original_source
        for actor, recipient, item in _event_evidence(event):
            if actor == recipient or (f.actor and f.actor not in (actor, recipient)):
                continue
            group = GROUP_OF.get(item.certainty, "asserted")
            if f.groups and group not in f.groups:
                continue
            grouped[(actor, recipient, event.type, group)].append(item)
    several = [items for items in grouped.values() if len({item.article_id for item in items}) > 1]
    texts = _texts(store, (item.article_id for items in several for item in items)) if several else {}
    edges: list[Edge] = []
    for (actor, recipient, kind, group), items in sorted(grouped.items()):
        items.sort(key=lambda e: (e.date or dt.date.max, e.article_id, e.incident_id, e.start or 0))
        days = [item.date for item in items if item.date]
        edges.append(
            Edge(
                actor=actor,
                recipient=recipient,
                type=kind,
                group=group,
                score=plover.event_type(kind).score,
                modes=sorted({item.mode for item in items if item.mode}),
                weight=independent_sources(items, originals, texts),
                first_date=min(days) if days else None,
                last_date=max(days) if days else None,
                basis=sorted({item.basis for item in items}),
                evidence=items,
            )
        )
    names = {name for edge in edges for name in (edge.actor, edge.recipient)}
    return Network(nodes=_node_rows(store, names), edges=edges)


def _event_evidence(event: _Event) -> Iterable[tuple[str, str, EdgeEvidence]]:
    """(actor, recipient, evidence) for every pair the event names and every claim behind it.

    A political event's `plover_type` claims stand for all its pairs; a sponsor's `actors.sponsor` claim
    stands for that sponsor and backs the perpetrators named in its sentence ("US-backed rebels" backs the
    rebels, not the jihadists another sentence names), all of them when its sentence names none. An
    incident stored without its claim keeps its summary as evidence, asserted by its outlet.
    """
    fallback = [(None, event.outlet or "unknown", "asserted", None, None, event.summary)]
    for actor in event.sources:
        claims = event.claims
        if event.basis == "sponsor":
            claims = [claim for claim in claims if claim[0] == actor]
        for value, source, certainty, start, end, sentence in claims or fallback:
            item = EdgeEvidence(
                article_id=event.article_id,
                incident_id=event.incident_id,
                outlet=event.outlet,
                published=event.published,
                title=event.title,
                url=event.url,
                date=event.date,
                sentence=sentence,
                start=start,
                end=end,
                certainty=certainty,
                source=source,
                mode=event.mode,
                basis=event.basis,
            )
            targets = event.targets
            if event.basis == "sponsor":
                targets = [name for name in event.targets if sentence in event.target_sentences.get(name, ())] or targets
            for recipient in targets:
                yield actor, recipient, item


# ---------------------------------------------------------------------- the graph and its formats


def evidence_json(item: EdgeEvidence) -> dict[str, Any]:
    value = asdict(item)
    for name in ("published", "date"):
        value[name] = value[name].isoformat() if value[name] else None
    return value


def edge_json(edge: Edge) -> dict[str, Any]:
    """An edge's attributes as JSON values, its evidence list intact."""
    return {
        "type": edge.type,
        "certainty": edge.group,
        "modes": edge.modes,
        "weight": edge.weight,
        "score": edge.score,
        "basis": edge.basis,
        "first_date": edge.first_date.isoformat() if edge.first_date else None,
        "last_date": edge.last_date.isoformat() if edge.last_date else None,
        "evidence_count": len(edge.evidence),
        "evidence": [evidence_json(item) for item in edge.evidence],
    }


def to_graph(network: Network) -> "nx.MultiDiGraph":
    """A networkx MultiDiGraph: nodes by actor name (type, country), edges keyed "TYPE/group" with JSON attributes."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for node in network.nodes:
        graph.add_node(node.name, type=node.type, country=node.country)
    for edge in network.edges:
        graph.add_edge(edge.actor, edge.recipient, key=edge.key, **edge_json(edge))
    return graph


def network_json(network: Network) -> dict[str, Any]:
    """networkx's node-link JSON (nodes, edges with `source`, `target`, `key`), evidence lists intact."""
    import networkx as nx

    return nx.node_link_data(to_graph(network), edges="edges")


def flat_graph(network: Network) -> "nx.MultiDiGraph":
    """The graph with scalar attributes only, as GraphML and GEXF need: lists joined with commas, dates as ISO text,
    the evidence as its count, first sentence and the whole list as JSON text (`evidence_json`); the PLOVER type
    as `plover_type`; no None values."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for node in network.nodes:
        graph.add_node(node.name, label=node.name, type=node.type, **({"country": node.country} if node.country else {}))
    for edge in network.edges:
        row = edge_csv(edge)
        row.pop("source"), row.pop("target")
        row["plover_type"] = row.pop("type")  # a GEXF edge's `type` is directed/undirected
        row["evidence_json"] = json.dumps([evidence_json(item) for item in edge.evidence], ensure_ascii=False)
        graph.add_edge(edge.actor, edge.recipient, key=edge.key, **{name: value for name, value in row.items() if value not in (None, "")})
    return graph


def edge_csv(edge: Edge) -> dict[str, Any]:
    first = edge.evidence[0] if edge.evidence else None
    return {
        "source": edge.actor,
        "target": edge.recipient,
        "type": edge.type,
        "modes": ",".join(edge.modes),
        "certainty": edge.group,
        "weight": edge.weight,
        "score": edge.score,
        "basis": ",".join(edge.basis),
        "first_date": edge.first_date.isoformat() if edge.first_date else "",
        "last_date": edge.last_date.isoformat() if edge.last_date else "",
        "evidence_count": len(edge.evidence),
        "first_sentence": first.sentence if first else "",
        "first_source": first.source if first else "",
        "first_outlet": (first.outlet or "") if first else "",
    }


def write_network(network: Network, output_format: str, out: BinaryIO) -> None:
    """The network in one of FORMATS, as UTF-8 bytes: GraphML and GEXF through networkx's writers, node-link JSON
    (`</` escaped), CSV one row per edge (formula cells neutralised)."""
    import io

    if output_format == "graphml":
        import networkx as nx

        nx.write_graphml(flat_graph(network), out, encoding="utf-8")
    elif output_format == "gexf":
        import networkx as nx

        nx.write_gexf(flat_graph(network), out, encoding="utf-8")
    elif output_format == "json":
        from corroborate.output import json_text

        out.write((json_text(network_json(network), indent=2) + "\n").encode("utf-8"))
    elif output_format == "csv":
        from corroborate.store.export import write_csv

        text = io.StringIO()
        write_csv(map(edge_csv, network.edges), text, CSV_COLUMNS)
        out.write(text.getvalue().encode("utf-8"))
    else:
        raise ValueError(f"no {output_format} output for a network (known: {', '.join(FORMATS)})")


__all__ = [
    "FORMATS",
    "GROUPS",
    "Edge",
    "EdgeEvidence",
    "Network",
    "NetworkFilter",
    "Node",
    "actor_network",
    "edge_json",
    "flat_graph",
    "independent_sources",
    "network_json",
    "parse_groups",
    "parse_types",
    "to_graph",
    "write_network",
]
