"""Linking: reports of one event in different articles become one `LinkedIncident` with reconciled figures.

Two incidents from different articles are the same event when nothing
contradicts it (date window, place, event type and cause, perpetrators) and
their pairwise score reaches `LINK_THRESHOLD`. Incidents are taken in date
order and each joins the best-scoring existing cluster or starts a new one
(greedy single-link assignment), so articles published later extend the
clusters already built. See docs/linking.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import statistics
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Optional

from rapidfuzz import fuzz

from corroborate.extract.places import distance_km
from corroborate.models import (
    Actor,
    ActorType,
    CasualtyCount,
    Claim,
    Extraction,
    Incident,
    IncidentDate,
    IncidentRef,
    LinkedIncident,
    Place,
    PlacePrecision,
    Precision,
    ReconciledFigure,
    SourceReport,
)

DEFAULT_WINDOW_DAYS = 1
NEAR_KM = 10.0  # two named places this close (a suburb and its city, two quarters) may be one incident's place
LINK_THRESHOLD = 0.6
NEAR_IDENTICAL_TEXT = 90  # rapidfuzz ratio at which two articles are one source copied
# A toll that grew since an earlier report, in the languages extracted (English, French, Arabic).
UPDATE_WORDING = re.compile(
    r"\b(rose to|climbed to|risen to|s'est alourdi|s’est alourdi|est passée? à|(?:a|ont) grimpé à)\b"
    r"|(?:ارتفعت?|وارتفعت?)\s+(?:حصيلة|عدد)",
    re.IGNORECASE,
)

# Weights of the pairwise score; compatibility is checked first, these only rank compatible pairs.
WEIGHTS = {"date": 0.3, "place": 0.3, "type": 0.15, "actors": 0.1, "text": 0.15}

# Causes an outlet may plausibly give for the same blast or strike.
CAUSE_FAMILIES: dict[str, str] = {
    "airstrike": "from the air or afar",
    "shelling": "from the air or afar",
    "explosion": "bomb",
    "car bomb": "bomb",
    "IED": "bomb",
    "suicide bomb": "bomb",
    "chemical": "chemical",
    "shooting": "firearms",
    "execution": "firearms",
}
PLACE_NAMED = (PlacePrecision.exact, PlacePrecision.near)
PLACE_AREA = (PlacePrecision.admin2, PlacePrecision.admin1)


# --------------------------------------------------------------------------- same incident


@dataclass
class Report:
    """An incident with the article that told it."""

    extraction: Extraction
    incident: Incident

    @property
    def article_id(self) -> str:
        return self.extraction.article.id


def day_range(date: IncidentDate) -> Optional[tuple[dt.date, dt.date]]:
    """(first day, last day) of a date, a one-day date ending where it starts; None when the date is unknown."""
    if date.start is None:
        return None
    return date.start, date.end or date.start


def _date_score(a: IncidentDate, b: IncidentDate, window_days: int) -> Optional[float]:
    """1 on the same day, falling to 0 at the edge of the window; None beyond it or when a date is unknown."""
    range_a, range_b = day_range(a), day_range(b)
    if range_a is None or range_b is None:
        return None
    gap = max((range_b[0] - range_a[1]).days, (range_a[0] - range_b[1]).days, 0)
    both_days = a.precision == Precision.day and b.precision == Precision.day
    allowed = window_days if both_days else 0
    if gap > allowed:
        return None
    return 1 - gap / (allowed + 1)


def _place_score(a: Place, b: Place) -> Optional[float]:
    """Same named place (1), named places within NEAR_KM (0.8), same admin1 when one side knows only the area (0.6).

    Named places farther apart never match, even in one governorate.
    """
    if a.country and b.country and a.country != b.country:
        return None
    if a.precision in PLACE_NAMED and b.precision in PLACE_NAMED:
        if a.name and b.name and a.name.casefold() == b.name.casefold():
            return 1.0
        if None not in (a.lat, a.lon, b.lat, b.lon) and distance_km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM:  # type: ignore[arg-type]
            return 0.8
        return None
    if (a.precision in PLACE_NAMED or a.precision in PLACE_AREA) and (b.precision in PLACE_NAMED or b.precision in PLACE_AREA):
        if a.admin1 and b.admin1 and a.admin1.casefold() == b.admin1.casefold():
            return 0.6
    return None


def _type_score(a: Incident, b: Incident) -> Optional[float]:
    if a.cause == b.cause and a.cause not in ("unknown", "other"):
        return 1.0
    family_a, family_b = CAUSE_FAMILIES.get(a.cause), CAUSE_FAMILIES.get(b.cause)
    if family_a is None or family_b is None:
        return 0.5 if a.event_type == b.event_type else 0.3
    if family_a == family_b:
        return 0.6
    return 0.2 if a.event_type == b.event_type else None


def _perpetrators(incident: Incident) -> list[Actor]:
    return [actor for actor in incident.actors if actor.role == "perpetrator"]


def _actor_score(a: Incident, b: Incident) -> Optional[float]:
    """Perpetrators overlap by name (1) or by kind (0.25, outlets name sides differently); otherwise they contradict.

    When one side names none there is nothing to contradict.
    """
    perpetrators_a, perpetrators_b = _perpetrators(a), _perpetrators(b)
    if not perpetrators_a or not perpetrators_b:
        return 0.5
    if {actor.name.casefold() for actor in perpetrators_a} & {actor.name.casefold() for actor in perpetrators_b}:
        return 1.0
    known_types = {actor.type for actor in perpetrators_a} & {actor.type for actor in perpetrators_b} - {ActorType.unknown}
    return 0.25 if known_types else None


def _killed_best(incident: Incident) -> Optional[int]:
    killed = incident.casualties.killed
    return killed.best if killed else None


def pair_score(a: Report, b: Report, window_days: int = DEFAULT_WINDOW_DAYS) -> Optional[float]:
    """Score in [0, 1] that two reports tell the same incident; None when something contradicts it."""
    if a.article_id == b.article_id:
        return None
    place = _place_score(a.incident.location, b.incident.location)
    kind = _type_score(a.incident, b.incident)
    actors = _actor_score(a.incident, b.incident)
    if place is None or kind is None or actors is None:
        return None
    date = _date_score(a.incident.date, b.incident.date, window_days)
    if date is None:
        undated = a.incident.date.start is None or b.incident.date.start is None
        figures_agree = _killed_best(a.incident) is not None and _killed_best(a.incident) == _killed_best(b.incident)
        if not (undated and place == 1.0 and figures_agree):
            return None
        date = 0.5
    text = fuzz.token_set_ratio(a.incident.summary, b.incident.summary) / 100
    parts = {"date": date, "place": place, "type": kind, "actors": actors, "text": text}
    return sum(WEIGHTS[name] * value for name, value in parts.items())


def _cluster_score(report: Report, cluster: list[Report], window_days: int) -> Optional[float]:
    """Best pairwise score with a member, provided no member contradicts the report or shares its article."""
    scores = [pair_score(report, member, window_days) for member in cluster]
    if any(score is None for score in scores):
        return None
    return max(scores)  # type: ignore[type-var]


def _date_order(report: Report) -> tuple[dt.date, dt.date]:
    published = report.extraction.article.published or dt.date.max
    return report.incident.date.start or published, published


def cluster_reports(
    reports: list[Report],
    window_days: int = DEFAULT_WINDOW_DAYS,
    threshold: float = LINK_THRESHOLD,
    clusters: Optional[list[list[Report]]] = None,
) -> list[list[Report]]:
    """Greedy assignment in date order: each report joins the best compatible cluster scoring >= threshold.

    `clusters` are the groups already formed (a stored linking); the reports
    join them or start new ones, and the given groups are never split.
    """
    clusters = [list(cluster) for cluster in clusters or []]
    by_admin1: dict[str, dict[int, None]] = {}  # admin1 -> clusters with a member there, in creation order

    def index_cluster(index: int, report: Report) -> None:
        key = (report.incident.location.admin1 or "").casefold()
        if key:
            by_admin1.setdefault(key, {})[index] = None

    for index, cluster in enumerate(clusters):
        for member in cluster:
            index_cluster(index, member)
    for report in sorted(reports, key=_date_order):
        key = (report.incident.location.admin1 or "").casefold()
        best_index, best_score = None, threshold
        for index in by_admin1.get(key, []) if key else []:
            score = _cluster_score(report, clusters[index], window_days)
            if score is not None and score >= best_score:
                best_index, best_score = index, score
        if best_index is None:
            clusters.append([report])
            best_index = len(clusters) - 1
        else:
            clusters[best_index].append(report)
        index_cluster(best_index, report)
    return clusters


# --------------------------------------------------------------------------- reconciliation


def figure_claim(incident: Incident, field: str, count: Optional[CasualtyCount]) -> Optional[Claim]:
    """The claim a figure was read from: same field and value, else any casualty claim with that value."""
    if count is None:
        return None
    candidates = [claim for claim in incident.claims if claim.value == count.best and claim.field.startswith("casualties.")]
    return next((claim for claim in candidates if claim.field == field), candidates[0] if candidates else None)


def _source_report(report: Report) -> SourceReport:
    article, incident = report.extraction.article, report.incident
    killed_claim = figure_claim(incident, "casualties.killed", incident.casualties.killed)
    injured_claim = figure_claim(incident, "casualties.injured", incident.casualties.injured)
    return SourceReport(
        article_id=article.id,
        incident_id=incident.id,
        outlet=article.outlet,
        url=article.url,
        external_id=article.external_id,
        published=article.published,
        original_source=article.original_source,
        killed=incident.casualties.killed,
        injured=incident.casualties.injured,
        killed_source=killed_claim.source if killed_claim else None,
        injured_source=injured_claim.source if injured_claim else None,
        killed_update=bool(killed_claim and UPDATE_WORDING.search(killed_claim.evidence.sentence)),
    )


def _mark_superseded(sources: list[SourceReport]) -> None:
    """A lower killed figure published no later than a running update ('rose to 26') is an earlier stage, not a disagreement."""
    for update in (s for s in sources if s.killed_update and s.killed and s.killed.best is not None):
        for source in sources:
            if source is update or not source.killed or source.killed.best is None:
                continue
            earlier = source.published is None or update.published is None or source.published <= update.published
            if earlier and source.killed.best < update.killed.best:  # type: ignore[union-attr,operator]
                source.killed_superseded = True


def _is_named_source(source: Optional[str], outlet: Optional[str]) -> bool:
    return bool(source) and (outlet is None or source.casefold() != outlet.casefold())  # type: ignore[union-attr]


def reconcile(counts: list[tuple[CasualtyCount, Optional[str], Optional[str]]]) -> Optional[ReconciledFigure]:
    """Reconcile (count, claim source, outlet) triples.

    UCDP: low is the lowest credible low, high the highest high (the highest
    best when no source gives a ceiling), best the median of the best figures.
    ACLED: the most conservative figure is the lowest among those attributed to
    a named source (not the outlet itself), else the lowest of all.
    """
    figures = [
        (count.low if count.low is not None else count.best, count.best if count.best is not None else count.low, count.high, source, outlet)
        for count, source, outlet in counts
        if count.best is not None or count.low is not None
    ]
    if not figures:
        return None
    lows = [low for low, _, _, _, _ in figures]
    bests = [best for _, best, _, _, _ in figures]
    highs = [high if high is not None else best for _, best, high, _, _ in figures]
    named = [(low, source) for low, _, _, source, outlet in figures if _is_named_source(source, outlet)]
    conservative, conservative_source = min(named or [(low, source) for low, _, _, source, _ in figures], key=lambda pair: pair[0])
    return ReconciledFigure(
        low=min(lows),
        best=round(statistics.median(bests)),
        high=max(highs),
        conservative=conservative,
        conservative_source=conservative_source,
    )


def _departure(count: Optional[CasualtyCount], reconciled: Optional[ReconciledFigure]) -> Optional[float]:
    if count is None or count.best is None or reconciled is None or not reconciled.best:
        return None
    return round((count.best - reconciled.best) / reconciled.best, 3)


def count_independent_sources(sources: list[SourceReport], texts: dict[str, str]) -> int:
    """Articles with near-identical texts, or crediting the same original source, count as one."""
    parent = list(range(len(sources)))

    def root(index: int) -> int:
        while parent[index] != index:
            index = parent[index]
        return index

    for i, a in enumerate(sources):
        for j in range(i):
            b = sources[j]
            same_origin = a.original_source and b.original_source and a.original_source.casefold() == b.original_source.casefold()
            copied = fuzz.ratio(texts[a.article_id], texts[b.article_id]) >= NEAR_IDENTICAL_TEXT
            if same_origin or copied:
                parent[root(i)] = root(j)
    return len({root(i) for i in range(len(sources))})


def _incident_text(incident: Incident) -> str:
    """Stand-in for the article text when it is not available: the sentences the incident was read from."""
    return " ".join(dict.fromkeys([incident.summary, *(claim.evidence.sentence for claim in incident.claims)]))


def _most_common(values: list[str], ignore: tuple[str, ...] = ()) -> Optional[str]:
    kept = [value for value in values if value not in ignore]
    return max(kept, key=kept.count) if kept else None


def _linked_place(reports: list[Report]) -> Place:
    order = list(PlacePrecision)
    return min((r.incident.location for r in reports), key=lambda place: order.index(place.precision))


def _linked_date(reports: list[Report]) -> IncidentDate:
    order = list(Precision)
    return min((r.incident.date for r in reports), key=lambda date: (order.index(date.precision), date.start or dt.date.max))


def linked_incident_id(seed: IncidentRef) -> str:
    """'L' + a hash of the incident that started the cluster: the id stays while later reports join."""
    return "L" + hashlib.sha256(f"{seed.article_id}/{seed.incident_id}".encode()).hexdigest()[:12]


def _linked_incident(linked_id: str, cluster: list[Report], article_text: Callable[[str], Optional[str]]) -> LinkedIncident:
    sources = sorted((_source_report(report) for report in cluster), key=lambda s: (s.published or dt.date.max, s.article_id))
    _mark_superseded(sources)
    current = [s for s in sources if not s.killed_superseded]
    killed = reconcile([(s.killed, s.killed_source, s.outlet) for s in current if s.killed])
    injured = reconcile([(s.injured, s.injured_source, s.outlet) for s in sources if s.injured])
    if killed and any(s.killed_update for s in sources):
        killed.sequence = [s.killed.best for s in sources if s.killed and s.killed.best is not None]
    for source in sources:
        source.killed_departure = None if source.killed_superseded else _departure(source.killed, killed)
        source.injured_departure = _departure(source.injured, injured)
    texts = {r.article_id: article_text(r.article_id) or _incident_text(r.incident) for r in cluster}
    members = sorted((IncidentRef(article_id=r.article_id, incident_id=r.incident.id) for r in cluster), key=lambda m: (m.article_id, m.incident_id))
    return LinkedIncident(
        id=linked_id,
        event_type=_most_common([r.incident.event_type for r in cluster]),  # type: ignore[arg-type]
        cause=_most_common([r.incident.cause for r in cluster], ignore=("unknown",)) or "unknown",  # type: ignore[arg-type]
        date=_linked_date(cluster),
        location=_linked_place(cluster),
        members=members,
        sources=sources,
        killed=killed,
        injured=injured,
        independent_sources=count_independent_sources(sources, texts),
    )


def _ref(report: Report) -> IncidentRef:
    return IncidentRef(article_id=report.article_id, incident_id=report.incident.id)


def link_incidents(
    extractions: Iterable[Extraction],
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    threshold: float = LINK_THRESHOLD,
    article_text: Optional[Callable[[str], Optional[str]]] = None,
    existing: Optional[Mapping[tuple[str, str], str]] = None,
    only_changed: bool = False,
) -> list[LinkedIncident]:
    """Group the violent incidents of all extractions into linked incidents, in date order.

    `existing` maps (article_id, incident_id) to the linked incident it
    already belongs to (a stored linking): those groups are kept with their
    ids and the other incidents join them or start new ones, which is what
    makes linking incremental; with `only_changed` the kept groups no new
    incident joined are not returned (nor reconciled again). `article_text(article_id)` supplies article
    texts for spotting copied stories; without it the incident's own
    sentences stand in.
    """
    existing = existing or {}
    reports = [Report(extraction, incident) for extraction in extractions for incident in extraction.incidents if incident.violent]
    kept: dict[str, list[Report]] = {}
    new: list[Report] = []
    for report in reports:
        linked_id = existing.get((report.article_id, report.incident.id))
        if linked_id is None:
            new.append(report)
        else:
            kept.setdefault(linked_id, []).append(report)
    kept_ids = sorted(kept, key=lambda linked_id: min(_date_order(report) for report in kept[linked_id]))
    clusters = cluster_reports(new, window_days, threshold, clusters=[kept[linked_id] for linked_id in kept_ids])
    lookup = article_text or (lambda _article_id: None)
    linked = []
    for index, cluster in enumerate(clusters):
        if only_changed and index < len(kept_ids) and len(cluster) == len(kept[kept_ids[index]]):
            continue
        linked_id = kept_ids[index] if index < len(kept_ids) else linked_incident_id(_ref(cluster[0]))
        linked.append(_linked_incident(linked_id, cluster, lookup))
    return sorted(linked, key=lambda incident: (incident.date.start or dt.date.max, incident.id))
