"""Do two reports tell one incident? The evidence of a pair, weighed by a model fitted on data.

Linking used to be a chain of vetoes: one unknown perpetrator, an early toll
or a bombing read as an air strike kept real reports of one event apart. Here
every comparison is a feature (date distance, partial dates, place, cause
family, actors, tolls read as a possible running sequence, text and numbers
that survive translation), and a logistic regression fitted on labelled pairs
(`tools/fit_linking_model.py`, coefficients in `data/linking_model.json`)
turns them into a probability. Nothing but a different country or dates far
apart is decisive, and only because the data makes it so.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Optional

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

from corroborate import causes
from corroborate.errors import ConfigurationError
from corroborate.extract.numbers import EASTERN_DIGITS
from corroborate.gazetteer import distance_km, name_key
from corroborate.models import ActorType, Extraction, Incident, IncidentDate, Place, PlacePrecision, Precision
from corroborate.package_data import data_file

MODEL_FILE = data_file("linking_model.json")
MODEL_FORMAT = "corroborate-linking-model/1"

NEAR_KM = 10.0  # two named places this close may be one incident's place (a village and the town it is reported under, two quarters)
DAY_WINDOW = 1  # day-precise dates this far apart may be one event (overnight raids, time zones)
NEWS_LAG_DAYS = 14  # an undated report published this long after a dated incident may still be about it

# Causes an outlet may plausibly give for the same blast or strike (data/causes.toml).
CAUSE_FAMILIES: dict[str, str] = causes.families()
# A blast outlets disagree on ("rockets" for one, "car bombs" for another) is still one blast.
NEIGHBOUR_FAMILIES = {frozenset({"from the air or afar", "bomb"})}
PLACE_NAMED = (PlacePrecision.exact, PlacePrecision.near)
PLACE_AREA = (PlacePrecision.admin2, PlacePrecision.admin1)

FEATURES = (
    "date_same",
    "date_close",
    "date_apart",
    "date_gap",
    "date_partial_agree",
    "date_unknown",
    "place_same",
    "place_near",
    "place_apart",
    "place_same_area",
    "country_differs",
    "place_unknown",
    "cause_same",
    "cause_family",
    "cause_conflict",
    "actors_same",
    "actors_conflict",
    "toll_equal",
    "toll_ratio",
    "text_similarity",
    "numbers_shared",
)

_NUMBER = re.compile(r"\d+")
_VECTORIZER = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=2**18, alternate_sign=False, norm="l2")


@dataclass
class Report:
    """An incident with the article that told it, and what comparisons need of it, computed once."""

    extraction: Extraction
    incident: Incident
    text: str = field(default="", repr=False)
    """Text the incident was read from (its sentences), for similarity; filled by `report_of`."""

    @property
    def article_id(self) -> str:
        return self.extraction.article.id

    @property
    def published(self) -> Optional[dt.date]:
        return self.extraction.article.published

    @cached_property
    def vector(self) -> tuple[np.ndarray, np.ndarray]:
        """The text's character n-gram vector as (sorted column indices, weights); see `vectorise`."""
        vectorise([self])
        return self.__dict__["vector"]

    @cached_property
    def numbers(self) -> frozenset[int]:
        """Figures of two digits or more: they survive translation."""
        values = (int(match) for match in _NUMBER.findall(self.text.translate(EASTERN_DIGITS)))
        return frozenset(value for value in values if 10 <= value < 1_000_000 and not 1900 <= value <= 2100)

    @cached_property
    def perpetrators(self) -> tuple[set[str], set[ActorType]]:
        actors = [actor for actor in self.incident.actors if actor.role == "perpetrator"]
        return {actor.name.casefold() for actor in actors}, {actor.type for actor in actors} - {ActorType.unknown}

    @cached_property
    def killed(self) -> Optional[int]:
        killed = self.incident.casualties.killed
        return killed.best if killed and killed.best else None


def vectorise(reports: list[Report]) -> None:
    """Give each report its n-gram vector, all in one call: one transform per report costs more than the text."""
    todo = [report for report in reports if "vector" not in report.__dict__]
    if not todo:
        return
    matrix = _VECTORIZER.transform([report.text.casefold() for report in todo]).tocsr()
    matrix.sort_indices()
    for row, report in enumerate(todo):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        report.__dict__["vector"] = (matrix.indices[start:end], matrix.data[start:end])


def _cosine(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> float:
    _, in_a, in_b = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    return float(np.dot(a[1][in_a], b[1][in_b]))


def incident_text(incident: Incident) -> str:
    """The sentences an incident was read from: its summary and its claims' evidence."""
    return " ".join(dict.fromkeys([incident.summary, *(claim.evidence.sentence for claim in incident.claims)]))


def report_of(extraction: Extraction, incident: Incident) -> Report:
    title = extraction.article.title or ""
    return Report(extraction, incident, text=f"{title} {incident_text(incident)}".strip())


# --------------------------------------------------------------------------- features


def day_range(date: IncidentDate) -> Optional[tuple[dt.date, dt.date]]:
    """(first day, last day) of a date, a one-day date ending where it starts; None when the date is unknown."""
    if date.start is None:
        return None
    return date.start, date.end or date.start


def _gap_days(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    return max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)


def _day_month_gap(month: int, day: int, first: dt.date, last: dt.date) -> int:
    """Days between a day and month of unknown year and the nearest day of [first, last] (0 inside it)."""
    gaps = []
    for year in range(first.year - 1, last.year + 2):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # 29 February of a common year
            continue
        gaps.append(max((first - candidate).days, (candidate - last).days, 0))
    return min(gaps, default=0)


def _partial_gap(partial: Report, other: Report) -> Optional[int]:
    """How many days an undated report's partial date (day and month, weekday) or publication day is from
    the other's date: 0 when it fits, None when there is nothing to compare."""
    date, known = partial.incident.date, day_range(other.incident.date)
    gaps: list[int] = []
    if known is not None and other.incident.date.precision == Precision.day:
        first, last = known[0] - dt.timedelta(days=DAY_WINDOW), known[1] + dt.timedelta(days=DAY_WINDOW)
        if date.month and date.day:
            gaps.append(_day_month_gap(date.month, date.day, first, last))
        if date.weekday is not None:
            days = (first + dt.timedelta(days=offset) for offset in range((last - first).days + 1))
            gaps.append(0 if any(day.weekday() == date.weekday for day in days) else 1)
        if partial.published is not None:
            lag = (partial.published - known[0]).days
            gaps.append(max(-DAY_WINDOW - lag, lag - NEWS_LAG_DAYS, 0))
    elif other.incident.date.start is None:
        other_date = other.incident.date
        if date.month and date.day and other_date.month and other_date.day:
            year = dt.date(2001, other_date.month, min(other_date.day, 28))  # any common year: only the distance counts
            gaps.append(_day_month_gap(date.month, date.day, year, year))
        if partial.published is not None and other.published is not None:
            gaps.append(max(abs((partial.published - other.published).days) - NEWS_LAG_DAYS, 0))
    return max(gaps) if gaps else None


def _apart(gap: int) -> dict[str, float]:
    return {"date_apart": 1.0, "date_gap": min(1.0, math.log1p(gap) / math.log1p(365))}


def _date_features(a: Report, b: Report) -> dict[str, float]:
    """A contradiction is a contradiction however the dates are known: full dates too far apart and a partial
    date that does not fit both give `date_apart`, with the size of the gap."""
    range_a, range_b = day_range(a.incident.date), day_range(b.incident.date)
    if range_a is not None and range_b is not None:
        gap = _gap_days(range_a, range_b)
        both_days = a.incident.date.precision == Precision.day and b.incident.date.precision == Precision.day
        window = DAY_WINDOW if both_days else 0
        if gap == 0:
            return {"date_same": 1.0 if both_days else 0.5}
        if gap <= window:
            return {"date_close": 1.0}
        return _apart(gap)
    partial_gap = _partial_gap(a, b) if range_a is None else _partial_gap(b, a)
    if range_a is None and range_b is None and partial_gap is None:
        partial_gap = _partial_gap(b, a)
    if partial_gap is None:
        return {"date_unknown": 1.0}
    return {"date_partial_agree": 1.0} if partial_gap == 0 else _apart(partial_gap)


def _same_name(a: Place, b: Place) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    return bool(a.name and b.name and name_key(a.name) == name_key(b.name))


def _place_features(a: Place, b: Place) -> dict[str, float]:
    if a.country and b.country and a.country != b.country:
        return {"country_differs": 1.0}
    if a.precision in PLACE_NAMED and b.precision in PLACE_NAMED:
        if _same_name(a, b):
            return {"place_same": 1.0}
        if None not in (a.lat, a.lon, b.lat, b.lon):
            if distance_km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM:  # type: ignore[arg-type]
                return {"place_near": 1.0}
            return {"place_apart": 1.0}
        return {"place_unknown": 1.0}
    located = PLACE_NAMED + PLACE_AREA
    if a.precision in located and b.precision in located and a.admin1 and b.admin1:
        if name_key(a.admin1) == name_key(b.admin1):
            return {"place_same_area": 1.0}
        return {"place_apart": 1.0}
    return {"place_unknown": 1.0}


def _cause_features(a: Incident, b: Incident) -> dict[str, float]:
    if a.cause == b.cause and a.cause not in ("unknown", "other"):
        return {"cause_same": 1.0}
    family_a, family_b = CAUSE_FAMILIES.get(a.cause), CAUSE_FAMILIES.get(b.cause)
    if family_a is None or family_b is None:
        return {}
    if family_a == family_b or frozenset({family_a, family_b}) in NEIGHBOUR_FAMILIES:
        return {"cause_family": 1.0}
    return {"cause_conflict": 1.0}


def _actor_features(a: Report, b: Report) -> dict[str, float]:
    """Unknown never contradicts: only two sets of known perpetrator types with nothing in common do."""
    names_a, types_a = a.perpetrators
    names_b, types_b = b.perpetrators
    if names_a & names_b or types_a & types_b:
        return {"actors_same": 1.0}
    if types_a and types_b:
        return {"actors_conflict": 1.0}
    return {}


def _toll_features(a: Report, b: Report) -> dict[str, float]:
    """Tolls as a possible running sequence: an early '5 killed' and a later '13 killed' are not a contradiction,
    so the feature is how close the two are, never a veto."""
    if a.killed is None or b.killed is None:
        return {}
    if a.killed == b.killed:
        return {"toll_equal": 1.0, "toll_ratio": 1.0}
    return {"toll_ratio": min(a.killed, b.killed) / max(a.killed, b.killed)}


def _numbers_shared(a: Report, b: Report) -> float:
    """Half for one figure both give, full for two or more: unrelated reports often share one round figure."""
    return min(len(a.numbers & b.numbers), 2) / 2


def pair_features(a: Report, b: Report, used: Optional[frozenset[str]] = None) -> dict[str, float]:
    """The evidence that two reports tell one incident, as named features in [0, 1] (absent = 0).

    `used` names the features a model weighs: the costly text comparison is skipped when it weighs nothing.
    """
    features: dict[str, float] = {}
    features |= _date_features(a, b)
    features |= _place_features(a.incident.location, b.incident.location)
    features |= _cause_features(a.incident, b.incident)
    features |= _actor_features(a, b)
    features |= _toll_features(a, b)
    if used is None or "text_similarity" in used:
        features["text_similarity"] = _cosine(a.vector, b.vector)
    features["numbers_shared"] = _numbers_shared(a, b)
    return {name: value for name, value in features.items() if name in FEATURES and value}


def feature_vector(features: dict[str, float]) -> list[float]:
    return [features.get(name, 0.0) for name in FEATURES]


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class LinkingModel:
    """A logistic regression over `FEATURES` and the probability at which two reports are linked."""

    coefficients: dict[str, float]
    intercept: float
    threshold: float
    source: str = ""

    @cached_property
    def used(self) -> frozenset[str]:
        """The features this model gives a weight."""
        return frozenset(name for name, value in self.coefficients.items() if value)

    def probability(self, features: dict[str, float]) -> float:
        score = self.intercept + sum(self.coefficients.get(name, 0.0) * value for name, value in features.items())
        return 1 / (1 + math.exp(-score))

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": MODEL_FORMAT,
                "source": self.source,
                "threshold": self.threshold,
                "intercept": self.intercept,
                "coefficients": self.coefficients,
            },
            indent=2,
        )

    @classmethod
    def read(cls, path: Optional[Path] = None) -> "LinkingModel":
        file = path or MODEL_FILE
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ConfigurationError(f"{file}: cannot read the linking model: {error}") from error
        if data.get("format") != MODEL_FORMAT:
            raise ConfigurationError(f"{file}: not a linking model (format {data.get('format')!r}, expected {MODEL_FORMAT!r})")
        unknown = set(data["coefficients"]) - set(FEATURES)
        if unknown:
            raise ConfigurationError(f"{file}: unknown features {sorted(unknown)}")
        return cls(
            coefficients=data["coefficients"], intercept=data["intercept"], threshold=data["threshold"], source=data.get("source", "")
        )


@lru_cache(maxsize=1)
def default_model() -> LinkingModel:
    return LinkingModel.read()


def same_incident_probability(a: Report, b: Report, model: Optional[LinkingModel] = None) -> float:
    """Probability that two reports of different articles tell one incident (0 for one article's incidents)."""
    if a.article_id == b.article_id:
        return 0.0
    model = model or default_model()
    return model.probability(pair_features(a, b, model.used))


# The direction each feature can push: evidence for one incident (+1) or against it (-1). The fit chooses how
# far; it may not turn "the same place" into evidence against, whatever a small or noisy sample says.
FEATURE_SIGNS = {
    "date_same": 1, "date_close": 1, "date_apart": -1, "date_gap": -1, "date_partial_agree": 1,
    "date_unknown": -1,
    "place_same": 1, "place_near": 1, "place_apart": -1, "place_same_area": 1, "country_differs": -1, "place_unknown": -1,
    "cause_same": 1, "cause_family": 1, "cause_conflict": -1, "actors_same": 1, "actors_conflict": -1,
    "toll_equal": 1, "toll_ratio": 1, "text_similarity": 1, "numbers_shared": 1,
}  # fmt: skip


def fit_model(pairs: list[tuple[dict[str, float], bool]], *, threshold: float, source: str, regularisation: float = 1.0) -> LinkingModel:
    """A logistic regression fitted on labelled pairs (features, same incident), classes weighted to balance,
    L2-regularised, each coefficient held to its feature's sign (`FEATURE_SIGNS`)."""
    from scipy.optimize import minimize

    x = np.array([feature_vector(features) for features, _ in pairs])
    y = np.array([1.0 if same else 0.0 for _, same in pairs])
    positives = max(y.sum(), 1.0)
    weights = np.where(y == 1, len(y) / (2 * positives), len(y) / (2 * max(len(y) - positives, 1.0)))

    def loss(parameters: np.ndarray) -> tuple[float, np.ndarray]:
        coefficients, intercept = parameters[:-1], parameters[-1]
        scores = x @ coefficients + intercept
        probabilities = 1 / (1 + np.exp(-scores))
        log_loss = np.sum(weights * (np.logaddexp(0, scores) - y * scores))
        gradient_scores = weights * (probabilities - y)
        gradient = np.append(x.T @ gradient_scores + coefficients / regularisation, gradient_scores.sum())
        return float(log_loss + 0.5 * np.dot(coefficients, coefficients) / regularisation), gradient

    bounds = [(0, None) if FEATURE_SIGNS[name] > 0 else (None, 0) for name in FEATURES] + [(None, None)]
    result = minimize(loss, np.zeros(len(FEATURES) + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    coefficients = {name: round(float(value), 4) for name, value in zip(FEATURES, result.x[:-1]) if abs(value) >= 1e-4}
    return LinkingModel(coefficients=coefficients, intercept=round(float(result.x[-1]), 4), threshold=threshold, source=source)
