"""Linking: reports of one event in different articles become one `LinkedIncident` with reconciled figures.

Whether two incidents of different articles are one event is the fitted
model's probability (`corroborate.same_incident`). Incidents are taken in date
order; each joins the group whose best member it fits at the threshold, when
the median over the members allows it (`cluster_score`), or starts one, so
articles published later extend the groups already built. Candidates come
from blocking keys. See docs/linking.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import statistics
from typing import Callable, Iterable, Mapping, Optional, Sequence

from rapidfuzz import fuzz

from corroborate.gazetteer import name_key
from corroborate.models import (
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
from corroborate.same_incident import (
    DAY_WINDOW,
    NEWS_LAG_DAYS,
    PLACE_AREA,
    PLACE_NAMED,
    LinkingModel,
    Report,
    day_range,
    default_model,
    incident_text,
    report_of,
    same_incident_probability,
    vectorise,
)

NEAR_IDENTICAL_TEXT = 90  # rapidfuzz ratio at which two articles are one source copied
# A toll that grew since an earlier report, in the languages extracted (English, French, Arabic).
UPDATE_WORDING = re.compile(
    r"\b(rose to|climbed to|risen to|s'est alourdi|s’est alourdi|est passée? à|(?:a|ont) grimpé à)\b"
    r"|(?:ارتفعت?|وارتفعت?)\s+(?:حصيلة|عدد)",
    re.IGNORECASE,
)
MAJORITY_FLOOR = 0.5  # median probability over a group's members a report needs to join it (see cluster_score)
HOT_KEY_CLUSTERS = 200  # a blocking key shared by more groups than this gives only its most recent ones
# Reports further apart in time are never compared: at its threshold the fitted model cannot link them whatever
# else they share (its date gap saturates at a year; tests/test_same_incident.py checks the bound on the shipped model).
DATE_HORIZON_DAYS = 365
MAX_QUARTERS = 16  # a date range longer than four years is filed under (and looked for in) its first four years


# --------------------------------------------------------------------------- same incident


def blocking_keys(report: Report, *, lookup: bool) -> set[str]:
    """Keys under which a group is filed (`lookup=False`) or looked for (`lookup=True`).

    A dated report is compared with groups of the same weeks in the same
    country and with undated groups at its place or with its toll; an undated
    one with any group at its place or with its toll. Place and toll keys carry
    the quarter of the report's time (`_time_span`) and are looked for only
    within `DATE_HORIZON_DAYS`, so a key holds the groups of a few quarters
    whatever the store's span. Nothing else is compared, which is what lets a
    large store link incrementally.
    """
    incident = report.incident
    place, dates = incident.location, day_range(incident.date)
    country = place.country or "*"
    where = _place_key(place)
    killed = report.killed if report.killed and report.killed >= 5 else None
    subjects = [key for key in (where, killed and f"k{killed}") if key]
    span = _time_span(report)
    quarters = _quarters(span, reach=DATE_HORIZON_DAYS if lookup else 0) if span else {"*"}
    keys: set[str] = set()
    if dates is not None:
        first, last = dates[0] - dt.timedelta(days=DAY_WINDOW), dates[1] + dt.timedelta(days=DAY_WINDOW)
        weeks = {_week(first + dt.timedelta(days=offset)) for offset in range(0, min((last - first).days, 62) + 1)}
        keys |= {f"w:{country}:{week}" for week in weeks}
        if lookup:  # undated groups of these quarters, and those with no time at all
            keys |= {f"u:{key}@{quarter}" for key in subjects for quarter in quarters | {"*"}}
        else:
            keys |= {f"w:*:{week}" for week in weeks}
            keys |= {f"{key}@{quarter}" for key in subjects for quarter in quarters} | set(subjects)
    elif lookup:  # any group of these quarters; with no time at all, any group (the most recent of a hot key)
        keys |= {f"{key}@{quarter}" for key in subjects for quarter in quarters | {"*"}} if span else set(subjects)
    else:
        keys |= {f"{prefix}{key}@{quarter}" for prefix in ("", "u:") for key in subjects for quarter in quarters} | set(subjects)
    return keys


def _time_span(report: Report) -> Optional[tuple[dt.date, dt.date]]:
    """The days a report can be about: its incident's date, else the fortnight before its publication (as
    `same_incident` reads an undated report); None without either. Two spans N days apart are at least N days
    apart by the model's date features, which is what makes `DATE_HORIZON_DAYS` a safe bound (but for an
    undated report and a date less precise than a day, which the model does not compare)."""
    dates = day_range(report.incident.date)
    if dates is not None:
        return dates
    if report.published is not None:
        return report.published - dt.timedelta(days=NEWS_LAG_DAYS), report.published + dt.timedelta(days=DAY_WINDOW)
    return None


def _quarters(span: tuple[dt.date, dt.date], *, reach: int) -> set[str]:
    """The calendar quarters of these days widened by `reach` days on each side (at most `MAX_QUARTERS`)."""
    first, last = span[0] - dt.timedelta(days=reach), span[1] + dt.timedelta(days=reach)
    index = first.year * 4 + (first.month - 1) // 3
    end = min(last.year * 4 + (last.month - 1) // 3, index + MAX_QUARTERS - 1)
    return {f"{number // 4}Q{number % 4 + 1}" for number in range(index, end + 1)}


def filing_keys(reports: Iterable[Report]) -> set[str]:
    """The keys a group is filed under: the union of its members'."""
    keys: set[str] = set()
    for report in reports:
        keys |= blocking_keys(report, lookup=False)
    return keys


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-{week:02d}"


def _place_key(place: Place) -> Optional[str]:
    if place.precision in PLACE_NAMED and (place.geonameid or place.name):
        return f"p{place.geonameid}" if place.geonameid else f"p{name_key(place.name or '')}"
    if place.precision in PLACE_AREA and place.admin1:
        return f"a{place.country}:{name_key(place.admin1)}"
    return None


def cluster_score(report: Report, cluster: list[Report], model: LinkingModel) -> Optional[float]:
    """The probability with the member the report fits best, provided it fits the group as a whole: the
    median probability over the members reaches `MAJORITY_FLOOR`. One disagreeing member (an outlet blaming
    the other side, an early toll) moves the median little, so no single member vetoes a group; a report most
    members contradict (the same place, years later) stays out. None when the group holds the report's article."""
    if any(member.article_id == report.article_id for member in cluster):
        return None
    probabilities = sorted(same_incident_probability(report, member, model) for member in cluster)
    if statistics.median(probabilities) < MAJORITY_FLOOR:
        return None
    return probabilities[-1]


def _date_order(report: Report) -> tuple[dt.date, dt.date]:
    published = report.extraction.article.published or dt.date.max
    return report.incident.date.start or published, published


def cluster_reports(
    reports: list[Report],
    model: Optional[LinkingModel] = None,
    threshold: Optional[float] = None,
    clusters: Optional[list[list[Report]]] = None,
) -> list[list[Report]]:
    """Each report, in date order, joins the best-scoring group it reaches `threshold` with, or starts one.

    `clusters` are the groups already formed (a stored linking); the reports
    join them or start new ones, and the given groups are never split.
    Candidate groups come from `blocking_keys`.
    """
    model = model or default_model()
    threshold = model.threshold if threshold is None else threshold
    clusters = [list(cluster) for cluster in clusters or []]
    index: dict[str, dict[int, None]] = {}

    def file_member(position: int, member: Report) -> None:
        for key in blocking_keys(member, lookup=False):
            index.setdefault(key, {})[position] = None

    for position, cluster in enumerate(clusters):
        for member in cluster:
            file_member(position, member)
    if "text_similarity" in model.used:
        vectorise([*reports, *(member for cluster in clusters for member in cluster)])
    for report in sorted(reports, key=_date_order):
        candidates: dict[int, None] = {}
        for key in blocking_keys(report, lookup=True):
            filed = list(index.get(key, ()))
            candidates.update(dict.fromkeys(filed[-HOT_KEY_CLUSTERS:]))
        best_position, best_score = None, threshold
        for position in candidates:
            score = cluster_score(report, clusters[position], model)
            if score is not None and score >= best_score:
                best_position, best_score = position, score
        if best_position is None:
            clusters.append([report])
            best_position = len(clusters) - 1
        else:
            clusters[best_position].append(report)
        file_member(best_position, report)
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
    figures: list[tuple[int, int, Optional[int], Optional[str], Optional[str]]] = []
    for count, source, outlet in counts:
        low = count.low if count.low is not None else count.best
        best = count.best if count.best is not None else count.low
        if low is not None and best is not None:
            figures.append((low, best, count.high, source, outlet))
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
    return len(set(origin_groups([(source.original_source, texts[source.article_id]) for source in sources])))


def origin_groups(reports: Sequence[tuple[Optional[str], str]], joined: Optional[Sequence[object]] = None) -> list[int]:
    """Each (original source credited, article text)'s group: near-identical texts, or the same original
    source credited, are one origin (wire copies). `joined`: a label per report; reports with the same
    label start as one origin (the actor network's edge weights: one outlet)."""
    parent = list(range(len(reports)))
    first_with: dict[object, int] = {}
    for index, label in enumerate(joined or ()):
        parent[index] = first_with.setdefault(label, index)

    def root(index: int) -> int:
        while parent[index] != index:
            index = parent[index]
        return index

    for i, (a_origin, a_text) in enumerate(reports):
        for j in range(i):
            if root(i) == root(j):  # one origin already: joining them again changes nothing
                continue
            b_origin, b_text = reports[j]
            same_origin = a_origin and b_origin and a_origin.casefold() == b_origin.casefold()
            # the cutoff lets rapidfuzz stop early on texts far apart (the ratio is 0 below it, the same test)
            copied = same_origin or fuzz.ratio(a_text, b_text, score_cutoff=NEAR_IDENTICAL_TEXT) >= NEAR_IDENTICAL_TEXT
            if copied:
                parent[root(i)] = root(j)
    return [root(i) for i in range(len(reports))]


def _most_common(values: list[str], ignore: tuple[str, ...] = ()) -> Optional[str]:
    kept = [value for value in values if value not in ignore]
    return max(kept, key=kept.count) if kept else None


def _linked_place(reports: list[Report]) -> Place:
    order = list(PlacePrecision)
    return min((r.incident.location for r in reports), key=lambda place: order.index(place.precision))


def _linked_date(reports: list[Report]) -> IncidentDate:
    """The day most members give (the earliest of equals): one outlet dating the event by its own
    publication day does not move it; without day-precise members, the most precise date."""
    days: list[tuple[dt.date, IncidentDate]] = []
    for report in reports:
        date = report.incident.date
        if date.precision == Precision.day and date.start:
            days.append((date.start, date))
    if days:
        votes: dict[dt.date, int] = {}
        for start, _ in days:
            votes[start] = votes.get(start, 0) + 1
        chosen = min(votes, key=lambda day: (-votes[day], day))
        return next(date for start, date in days if start == chosen)
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
    texts = {r.article_id: article_text(r.article_id) or incident_text(r.incident) for r in cluster}
    members = sorted(
        (IncidentRef(article_id=r.article_id, incident_id=r.incident.id) for r in cluster), key=lambda m: (m.article_id, m.incident_id)
    )
    return LinkedIncident(
        id=linked_id,
        event_type=_most_common([r.incident.event_type for r in cluster]),
        cause=_most_common([r.incident.cause for r in cluster], ignore=("unknown",)) or "unknown",
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


def link_groups(
    extractions: Iterable[Extraction],
    *,
    model: Optional[LinkingModel] = None,
    threshold: Optional[float] = None,
    article_text: Optional[Callable[[str], Optional[str]]] = None,
    existing: Optional[Mapping[tuple[str, str], str]] = None,
    only_changed: bool = False,
) -> list[tuple[LinkedIncident, set[str]]]:
    """Group the violent incidents of all extractions into linked incidents, in date order.

    `existing` maps (article_id, incident_id) to the linked incident it
    already belongs to (a stored linking): those groups are kept with their
    ids and the other incidents join them or start new ones, which is what
    makes linking incremental; with `only_changed` the kept groups no new
    incident joined are not returned (nor reconciled again). `article_text(article_id)` supplies article
    texts for spotting copied stories; without it the incident's own
    sentences stand in. Each linked incident comes with its `filing_keys`,
    which the store keeps so that the next run reads only candidate groups.
    """
    existing = existing or {}
    reports = [report_of(extraction, incident) for extraction in extractions for incident in extraction.incidents if incident.violent]
    kept: dict[str, list[Report]] = {}
    new: list[Report] = []
    for report in reports:
        linked_id = existing.get((report.article_id, report.incident.id))
        if linked_id is None:
            new.append(report)
        else:
            kept.setdefault(linked_id, []).append(report)
    kept_ids = sorted(kept, key=lambda linked_id: min(_date_order(report) for report in kept[linked_id]))
    clusters = cluster_reports(new, model, threshold, clusters=[kept[linked_id] for linked_id in kept_ids])
    lookup = article_text or (lambda _article_id: None)
    linked = []
    for index, cluster in enumerate(clusters):
        if only_changed and index < len(kept_ids) and len(cluster) == len(kept[kept_ids[index]]):
            continue
        linked_id = kept_ids[index] if index < len(kept_ids) else linked_incident_id(_ref(cluster[0]))
        linked.append((_linked_incident(linked_id, cluster, lookup), filing_keys(cluster)))
    return sorted(linked, key=lambda pair: (pair[0].date.start or dt.date.max, pair[0].id))


def link_incidents(
    extractions: Iterable[Extraction],
    *,
    model: Optional[LinkingModel] = None,
    threshold: Optional[float] = None,
    article_text: Optional[Callable[[str], Optional[str]]] = None,
    existing: Optional[Mapping[tuple[str, str], str]] = None,
    only_changed: bool = False,
) -> list[LinkedIncident]:
    """`link_groups` without the keys."""
    groups = link_groups(
        extractions, model=model, threshold=threshold, article_text=article_text, existing=existing, only_changed=only_changed
    )
    return [linked for linked, _keys in groups]
