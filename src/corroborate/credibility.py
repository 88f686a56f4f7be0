"""Credibility of an article (SPEC §5): a score in [0, 1] with its reasons.

Two parts, both explainable (docs/credibility.md):

- weights over fully automatic features (text signals, attribution,
  certainty, cross-source consistency, outlet alignment, what the extraction
  found). The default weights (data/credibility_weights.toml) are written by
  the project, with the reason for each: a logistic regression trained on
  FA-KES dev over the same features (bench/credibility.py, its artifact
  data/credibility_model.json) scored at chance under cross-validation, so
  it is kept as a measurement and can be chosen with `--model`, not used by
  default. Each feature's contribution (weight x centred value) is its
  effect on the log-odds of "credible";
- reference checks, when the user supplies them (corroborate.check), added by
  a documented rule: the FA-KES label itself is agreement with a reference
  record, and no labelled data exists to learn this weight from.
"""

from __future__ import annotations

import json
import math
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Optional

from pydantic import Field

from corroborate.check import ClaimCheck, Verdict
from corroborate.dictionaries import ALIGNMENTS, SourceRegistry
from corroborate.errors import ConfigurationError
from corroborate.link import figure_claim
from corroborate.models import Certainty, Extraction, LinkedIncident, Record
from corroborate.package_data import data_file
from corroborate.signals import LEXICON_KINDS, UNKNOWN_ALIGNMENT, SignalKind, SignalSpan, TextSignals, figure_span, text_signals

MODEL_FILE = data_file("credibility_model.json")
MODEL_FORMAT = "corroborate-credibility-model/1"
WEIGHTS_FILE = data_file("credibility_weights.toml")
WEIGHTS_FORMAT = "corroborate-credibility-weights/1"
REFERENCE_WEIGHT = 2.0  # log-odds moved when every matched reference check agrees (+) or disagrees (-)
MIN_INDEPENDENT_SOURCES = 2
MAX_DEPARTURE = 2.0  # a figure three times the others' counts as much as one further off
KNOWN_ALIGNMENTS = tuple(a for a in ALIGNMENTS if a != UNKNOWN_ALIGNMENT)
CITED_GROUPS = ("pro-government", "opposition")
KILLED_FIELD = "casualties.killed"
# How a reason names one and several spans of a lexicon kind.
KIND_NOUNS: dict[SignalKind, tuple[str, str]] = {
    SignalKind.loaded: ("loaded word", "loaded words"),
    SignalKind.sectarian: ("sectarian term", "sectarian terms"),
    SignalKind.name_calling: ("name-calling term", "name-calling terms"),
    SignalKind.hedging: ("hedge", "hedges"),
}


def _rate_feature(kind: SignalKind) -> str:
    """The feature of a lexicon kind: its matches per 1000 words."""
    return f"{kind.value}_per_1000"


# Feature name -> the signal (reason) it belongs to. The order is the model's column order.
FEATURE_SIGNALS: dict[str, str] = {
    **{_rate_feature(kind): kind.value for kind in LEXICON_KINDS},
    "named_share": "attribution",
    "outlet_share": "attribution",
    "no_figures": "attribution",
    "reported_share": "certainty",
    "alleged_share": "certainty",
    "corroborated": "consistency",
    "max_departure": "consistency",
    **{f"outlet_{a.replace('-', '_')}": "outlet" for a in KNOWN_ALIGNMENTS},
    "cited_pro_government_share": "cited_sources",
    "cited_opposition_share": "cited_sources",
    "cited_other_share": "cited_sources",
    "log_words": "content",
    "log_figures": "content",
    "log_incidents": "content",
    "log_killed": "content",
}
FEATURE_NAMES: tuple[str, ...] = tuple(FEATURE_SIGNALS)
SIGNALS: tuple[str, ...] = tuple(dict.fromkeys(FEATURE_SIGNALS.values())) + ("reference",)


# --------------------------------------------------------------------------- records


class Departure(Record):
    """How far the article's killed figure is from the reconciled one of an incident told by others too."""

    linked_id: str
    incident_id: str
    independent_sources: int
    killed: Optional[int] = None
    reconciled: Optional[int] = None
    departure: Optional[float] = Field(None, description="(best - reconciled best) / reconciled best.")


class Reason(Record):
    """One signal's part in the score."""

    signal: str = Field(
        description="loaded, sectarian, name_calling, hedging, attribution, certainty, consistency, outlet, cited_sources, content or reference."
    )
    effect: float = Field(
        description="Change in the log-odds of 'credible': the weighted contributions of the signal's features, or the reference rule."
    )
    detail: str
    evidence: list[SignalSpan] = Field(default_factory=list)


class Credibility(Record):
    article_id: str
    external_id: Optional[str] = None
    outlet: Optional[str] = None
    score: float = Field(description="Probability-like score in [0, 1] that the article's account is credible.")
    baseline: float = Field(description="The score before any reason (sigmoid of the intercept).")
    reasons: list[Reason] = Field(description="Largest effect first.")
    features: dict[str, float]
    departures: list[Departure] = Field(default_factory=list)
    checks: list[ClaimCheck] = Field(default_factory=list)


# --------------------------------------------------------------------------- the model artifact


@dataclass(frozen=True)
class CredibilityModel:
    """Logistic regression over FEATURE_NAMES, with the standardisation it was trained with."""

    feature_names: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    coefficients: tuple[float, ...]
    intercept: float
    path: Optional[Path] = None
    above_centre_only: frozenset[str] = frozenset()
    """Features that count only by how far they exceed their centre (a rate of loaded words: none is not a merit)."""

    @classmethod
    def load(cls, path: str | Path | None = None) -> "CredibilityModel":
        """A trained model (.json, bench/credibility.py) or hand-set weights (.toml); without a path, the trained one (the CLI's default is the hand-set weights, `default_model`)."""
        file = Path(path) if path else MODEL_FILE
        if file.suffix == ".toml":
            return cls.load_weights(file)
        data = _read_format_file(file, json.loads, MODEL_FORMAT, "credibility model")
        features = data["features"]
        names = tuple(f["name"] for f in features)
        if names != FEATURE_NAMES:
            raise ConfigurationError(
                f"{file}: its features {list(names)} are not corroborate's {list(FEATURE_NAMES)}; "
                "regenerate it with python bench/credibility.py --write"
            )
        return cls(
            feature_names=names,
            means=tuple(float(f["mean"]) for f in features),
            scales=tuple(float(f["scale"]) for f in features),
            coefficients=tuple(float(f["coefficient"]) for f in features),
            intercept=float(data["intercept"]),
            path=file,
        )

    @classmethod
    def load_weights(cls, path: str | Path | None = None) -> "CredibilityModel":
        """Hand-set weights: `[features.NAME] weight, centre (default 0), why`; features left out weigh 0."""
        file = Path(path) if path else WEIGHTS_FILE
        data = _read_format_file(file, tomllib.loads, WEIGHTS_FORMAT, "credibility weights")
        table = data.get("features", {})
        unknown = sorted(set(table) - set(FEATURE_NAMES))
        if unknown:
            raise ConfigurationError(f"{file}: unknown features {unknown}; the features are {list(FEATURE_NAMES)}")
        try:
            weights = {name: (float(entry["weight"]), float(entry.get("centre", 0.0))) for name, entry in table.items()}
            one_sided = frozenset(name for name, entry in table.items() if entry.get("above_centre_only", False))
            intercept = float(data.get("intercept", 0.0))
        except (KeyError, TypeError, ValueError) as error:
            raise ConfigurationError(f"{file}: every feature needs a numeric weight ({error})") from error
        return cls(
            feature_names=FEATURE_NAMES,
            means=tuple(weights.get(name, (0.0, 0.0))[1] for name in FEATURE_NAMES),
            scales=tuple(1.0 for _ in FEATURE_NAMES),
            coefficients=tuple(weights.get(name, (0.0, 0.0))[0] for name in FEATURE_NAMES),
            intercept=intercept,
            path=file,
            above_centre_only=one_sided,
        )

    def contributions(self, features: dict[str, float]) -> dict[str, float]:
        """Each feature's effect on the log-odds, against the training mean."""
        return {
            name: coefficient * (max(features[name] - mean, 0.0) if name in self.above_centre_only else features[name] - mean) / scale
            for name, mean, scale, coefficient in zip(self.feature_names, self.means, self.scales, self.coefficients)
        }


def _read_format_file(file: Path, parse: Callable[[str], dict], file_format: str, what: str) -> dict:
    """The parsed file, which must declare `format = file_format`; ConfigurationError names the file."""
    try:
        data = parse(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:  # tomllib.TOMLDecodeError and json.JSONDecodeError are ValueErrors
        raise ConfigurationError(f"cannot read {what} {file}: {error}") from error
    if data.get("format") != file_format:
        raise ConfigurationError(f"{file}: not a {file_format} file")
    return data


@lru_cache(maxsize=1)
def default_model() -> CredibilityModel:
    """The bundled weights (data/credibility_weights.toml), read once per process."""
    return CredibilityModel.load_weights()


def _sigmoid(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-value))


# --------------------------------------------------------------------------- features


def linked_by_article(linked: Iterable[LinkedIncident]) -> dict[str, list[LinkedIncident]]:
    """Article id -> the linked incidents it is a member of, in their order: one pass, not a scan per article."""
    found: dict[str, list[LinkedIncident]] = {}
    for incident in linked:
        for article_id in dict.fromkeys(member.article_id for member in incident.members):
            found.setdefault(article_id, []).append(incident)
    return found


def article_departures(article_id: str, linked: Iterable[LinkedIncident]) -> list[Departure]:
    """The article's place in each linked incident that at least one independent other source tells."""
    departures = []
    for incident in linked:
        if incident.independent_sources < MIN_INDEPENDENT_SOURCES:
            continue
        for source in incident.sources:
            if source.article_id != article_id or source.killed_superseded:
                continue
            departures.append(
                Departure(
                    linked_id=incident.id,
                    incident_id=source.incident_id,
                    independent_sources=incident.independent_sources,
                    killed=source.killed.best if source.killed else None,
                    reconciled=incident.killed.best if incident.killed else None,
                    departure=source.killed_departure,
                )
            )
    return departures


def _rate(value: float) -> float:
    return math.log1p(value)


def credibility_features(signals: TextSignals, extraction: Extraction, departures: Iterable[Departure] = ()) -> dict[str, float]:
    """The model's inputs, from automatic signals only (no annotation of any dataset)."""
    departures = list(departures)
    figures = signals.figures
    claims = sum(signals.certainty.values())
    cited_figures = sum(s.figures for s in signals.cited_sources)

    def cited_share(alignments: Iterable[str]) -> float:
        wanted = set(alignments)
        return sum(s.figures for s in signals.cited_sources if s.alignment in wanted) / cited_figures if cited_figures else 0.0

    violent = [i for i in extraction.incidents if i.violent]
    main_killed = next((i.casualties.killed.best for i in violent if i.casualties.killed and i.casualties.killed.best), 0)
    measured = [abs(d.departure) for d in departures if d.departure is not None]
    features = {
        **{_rate_feature(kind): _rate(signals.per_1000_words.get(kind, 0.0)) for kind in LEXICON_KINDS},
        "named_share": figures.named / figures.figures if figures.figures else 0.0,
        "outlet_share": figures.outlet / figures.figures if figures.figures else 0.0,
        "no_figures": float(figures.figures == 0),
        "reported_share": signals.certainty.get(Certainty.reported, 0) / claims if claims else 0.0,
        "alleged_share": (signals.certainty.get(Certainty.alleged, 0) + signals.certainty.get(Certainty.denied, 0)) / claims
        if claims
        else 0.0,
        "corroborated": float(bool(departures)),
        "max_departure": min(max(measured), MAX_DEPARTURE) if measured else 0.0,
        **{f"outlet_{a.replace('-', '_')}": float(signals.outlet_alignment == a) for a in KNOWN_ALIGNMENTS},
        "cited_pro_government_share": cited_share(["pro-government"]),
        "cited_opposition_share": cited_share(["opposition"]),
        "cited_other_share": cited_share(a for a in KNOWN_ALIGNMENTS if a not in CITED_GROUPS),
        "log_words": math.log1p(signals.words),
        "log_figures": math.log1p(figures.figures),
        "log_incidents": math.log1p(len(extraction.incidents)),
        "log_killed": math.log1p(main_killed),
    }
    return {name: features[name] for name in FEATURE_NAMES}


# --------------------------------------------------------------------------- reasons


MAX_EVIDENCE = 8


def _kind_detail(signals: TextSignals, kind: SignalKind) -> str:
    label, plural = KIND_NOUNS[kind]
    spans = signals.spans_of(kind)
    if not spans:
        return f"no {plural} ({signals.words} words)"
    terms = ", ".join(dict.fromkeys(span.text.lower() for span in spans))
    return f"{len(spans)} {label if len(spans) == 1 else plural} ({signals.per_1000_words.get(kind, 0.0):.1f} per 1000 words): {terms}"


def _attribution_detail(signals: TextSignals) -> str:
    figures = signals.figures
    if not figures.figures:
        return "no casualty figures"
    named = [s.name for s in signals.cited_sources if s.figures][:3]
    return (
        f"{figures.named} of {figures.figures} casualty figures attributed to a named source"
        + (f" ({', '.join(named)})" if named else "")
        + f", {figures.unnamed} to an unnamed one, {figures.outlet} unattributed"
    )


def _certainty_detail(signals: TextSignals) -> str:
    parts = [f"{count} {certainty.value}" for certainty, count in signals.certainty.items() if count]
    return "claims: " + (", ".join(parts) if parts else "none")


def _consistency_detail(departures: list[Departure]) -> str:
    if not departures:
        return "no incident of the article is told by another independent source"
    parts = []
    for d in departures:
        if d.departure is None:
            parts.append(f"{d.linked_id}: told by {d.independent_sources} independent sources, no killed figure to compare")
        else:
            parts.append(
                f"{d.linked_id}: killed {d.killed} vs reconciled {d.reconciled} of {d.independent_sources} independent sources ({d.departure:+.0%})"
            )
    return "; ".join(parts)


def _outlet_detail(signals: TextSignals) -> str:
    if not signals.outlet:
        return "outlet unknown"
    found = f" (registry: {signals.outlet_source})" if signals.outlet_source else " (not in the source registry)"
    return f"outlet {signals.outlet}{found}: alignment {signals.outlet_alignment}"


def _cited_detail(signals: TextSignals) -> str:
    cited = [s for s in signals.cited_sources if s.figures]
    if not cited:
        return "no named source of figures"
    return "figures from " + ", ".join(f"{s.name} ({s.alignment}, {s.figures})" for s in cited[:5])


def _content_detail(signals: TextSignals, extraction: Extraction, features: dict[str, float]) -> str:
    killed = round(math.expm1(features["log_killed"]))
    return f"{signals.words} words, {len(extraction.incidents)} incident(s), {signals.figures.figures} casualty figure(s)" + (
        f", main toll {killed} killed" if killed else ""
    )


def _figure_spans(signals: TextSignals, source_class: Optional[str] = None) -> list[SignalSpan]:
    return [s for s in signals.figures.spans if source_class is None or s.term == source_class]


def _departure_evidence(text: str, extraction: Extraction, departures: list[Departure]) -> list[SignalSpan]:
    spans = []
    incidents = {incident.id: incident for incident in extraction.incidents}
    for d in departures:
        incident = incidents.get(d.incident_id)
        if incident is None:
            continue
        # The claim the compared killed figure was read from, as linking finds it; else the first killed claim.
        claim = figure_claim(incident, KILLED_FIELD, incident.casualties.killed) or next(
            (c for c in incident.claims if c.field == KILLED_FIELD), None
        )
        if claim is not None:
            note = f"departure {d.departure:+.0%} from {d.linked_id}" if d.departure is not None else f"told in {d.linked_id}"
            spans.append(figure_span(text, claim, "consistency", note))
    return spans


def _check_evidence(text: str, extraction: Extraction, check: ClaimCheck) -> list[SignalSpan]:
    incident = next((i for i in extraction.incidents if i.id == check.incident_id), None)
    fields = {f"casualties.{check.field}", f"casualties.victims.{check.field}"}
    for claim in incident.claims if incident else []:
        if claim.field in fields and (check.claimed is None or claim.value == check.claimed):
            return [figure_span(text, claim, "reference", check.verdict.value)]
    return []


def _distinct(spans: list[SignalSpan]) -> list[SignalSpan]:
    """One span per stretch of text: a figure read as both killed and civilians is one piece of evidence."""
    return list({(span.kind, span.start, span.end): span for span in reversed(spans)}.values())[::-1]


def reference_effect(checks: list[ClaimCheck]) -> float:
    """REFERENCE_WEIGHT x (consistent - inflated - deflated) / matched checks; unmatched checks count for nothing."""
    matched = [c for c in checks if c.verdict != Verdict.unmatched]
    if not matched:
        return 0.0
    agreeing = sum(c.verdict == Verdict.consistent for c in matched)
    return REFERENCE_WEIGHT * (2 * agreeing - len(matched)) / len(matched)


def _check_text(check: ClaimCheck) -> str:
    low, best, high = check.reference_low, check.reference_best, check.reference_high
    reference = (
        "no reference figure"
        if best is None and low is None
        else (f"reference {best}" if low in (None, best) and high in (None, best) else f"reference {low}–{high} (best {best})")
    )
    ids = f" [{', '.join(check.reference_ids)}]" if check.reference_ids else ""
    return f"{check.field} {check.claimed}: {check.verdict.value} ({reference}){ids}"


def _reference_detail(checks: list[ClaimCheck]) -> str:
    if not checks:
        return "no reference records checked"
    return "; ".join(_check_text(c) for c in checks)


# --------------------------------------------------------------------------- assessment


def assess_credibility(
    text: str,
    extraction: Extraction,
    *,
    registry: Optional[SourceRegistry] = None,
    linked: Iterable[LinkedIncident] = (),
    checks: Iterable[ClaimCheck] = (),
    model: Optional[CredibilityModel] = None,
) -> Credibility:
    """Score one article with its reasons.

    `linked`: linked incidents (corroborate.link / the store) that may include
    the article; `checks`: reference checks (corroborate.check), of any
    articles; only this article's are used.
    """
    model = model or default_model()
    article_id = extraction.article.id
    signals = text_signals(text, extraction, registry)
    departures = article_departures(article_id, linked)
    own_checks = [c for c in checks if c.article_id == article_id]
    features = credibility_features(signals, extraction, departures)
    contributions = model.contributions(features)
    effects = {signal: 0.0 for signal in SIGNALS}
    for name, value in contributions.items():
        effects[FEATURE_SIGNALS[name]] += value
    effects["reference"] = reference_effect(own_checks)

    details = {
        **{kind.value: (_kind_detail(signals, kind), signals.spans_of(kind)) for kind in LEXICON_KINDS},
        "attribution": (_attribution_detail(signals), _figure_spans(signals)),
        "certainty": (_certainty_detail(signals), []),
        "consistency": (_consistency_detail(departures), _departure_evidence(text, extraction, departures)),
        "outlet": (_outlet_detail(signals), []),
        "cited_sources": (_cited_detail(signals), _figure_spans(signals, "named")),
        "content": (_content_detail(signals, extraction, features), []),
        "reference": (_reference_detail(own_checks), [span for c in own_checks for span in _check_evidence(text, extraction, c)]),
    }
    reasons = [
        Reason(
            signal=signal,
            effect=round(effects[signal], 4),
            detail=details[signal][0],
            evidence=_distinct(details[signal][1])[:MAX_EVIDENCE],
        )
        for signal in SIGNALS
    ]
    reasons.sort(key=lambda r: -abs(r.effect))
    logit = model.intercept + sum(effects.values())
    return Credibility(
        article_id=article_id,
        external_id=extraction.article.external_id,
        outlet=extraction.article.outlet,
        score=round(_sigmoid(logit), 4),
        baseline=round(_sigmoid(model.intercept), 4),
        reasons=reasons,
        features={name: round(value, 4) for name, value in features.items()},
        departures=departures,
        checks=own_checks,
    )


__all__ = [
    "FEATURE_NAMES",
    "REFERENCE_WEIGHT",
    "Credibility",
    "CredibilityModel",
    "Departure",
    "Reason",
    "article_departures",
    "assess_credibility",
    "credibility_features",
    "linked_by_article",
    "reference_effect",
]
