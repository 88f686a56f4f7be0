"""Typed records: the only contract between corroborate's stages.

Article (ingest) -> spaCy Doc (extract) -> Incident (link, check, store).
The JSON form of `Extraction` is the public contract documented in
docs/schema.md; bump `SCHEMA_VERSION` on any change to field names or meaning.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from enum import Enum
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "1.2"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


# --------------------------------------------------------------------------- article


class Article(Record):
    """One report as read from its source, before any extraction."""

    id: str = Field(description="Stable id: hash of the normalised text (and URL when known).")
    text: str = Field(description="Story body; every evidence offset points into this string.")
    url: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = Field(None, description="Publishing site or outlet short name.")
    authors: list[str] = Field(default_factory=list)
    published: Optional[dt.date] = None
    published_from: Optional[str] = Field(
        None, description="Where `published` was read: input, metadata, date line, url or text (docs/schema.md)."
    )
    original_source: Optional[str] = Field(None, description="Wire or original source credited by the page.")
    language: Optional[str] = Field(None, description="ISO 639-1 code detected from the text.")
    external_id: Optional[str] = Field(None, description="Id in the input corpus (FA-KES row, file name).")
    source_path: Optional[str] = Field(None, description="File or URL the article was read from.")
    metadata: dict[str, str] = Field(default_factory=dict, description="Other metadata lines or columns.")

    @property
    def document_name(self) -> str:
        """How errors name the article: where it was read from."""
        return self.source_path or self.external_id or self.id


def article_id(text: str, url: Optional[str] = None) -> str:
    """Same story, same id: whitespace and case do not make a new article."""
    normalised = re.sub(r"\s+", " ", text).strip().lower()
    digest = hashlib.sha256()
    digest.update(normalised.encode("utf-8"))
    if url:
        digest.update(b"\x00" + url.strip().encode("utf-8"))
    return digest.hexdigest()[:16]


# --------------------------------------------------------------------------- fields


class Evidence(Record):
    """Where in `Article.text` a value was read."""

    start: int
    end: int
    sentence: str

    @field_validator("sentence")
    @classmethod
    def _trimmed(cls, sentence: str) -> str:
        """A paragraph's last sentence ends in the paragraph break's whitespace token; readers want the sentence."""
        return sentence.strip()


class Certainty(str, Enum):
    asserted = "asserted"  # the outlet states it in its own voice
    reported = "reported"  # attributed to a named or unnamed source
    alleged = "alleged"  # hedged: "claims", "may have", "allegedly"
    denied = "denied"  # a source denies it


class Claim(Record):
    """One figure or assertion, who says it, how firmly, and where."""

    field: str = Field(description="Dotted path of the incident field, e.g. 'casualties.killed', 'cause'.")
    value: str | int | None
    source: str = Field(description="Who says so; the outlet itself when unattributed.")
    certainty: Certainty
    evidence: Evidence


class Precision(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"
    unknown = "unknown"


class IncidentDate(Record):
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    precision: Precision = Precision.unknown
    text: Optional[str] = None
    month: Optional[int] = Field(None, description="Known month when the year is not known.")
    day: Optional[int] = Field(None, description="Known day of month when the year is not known.")
    weekday: Optional[int] = Field(None, description="Known weekday (0 = Monday) when the calendar date is not known.")


class PlacePrecision(str, Enum):
    """In the spirit of UCDP GED's where_prec."""

    exact = "exact"  # the named place itself
    near = "near"  # near, outside, on the outskirts of a named place
    admin2 = "admin2"  # only the district is known
    admin1 = "admin1"  # only the province / governorate is known
    country = "country"
    unknown = "unknown"


class Place(Record):
    text: Optional[str] = Field(None, description="As written.")
    name: Optional[str] = None
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-2.")
    lat: Optional[float] = None
    lon: Optional[float] = None
    precision: PlacePrecision = PlacePrecision.unknown
    geonameid: Optional[int] = None


# perpetrator, target, sponsor: of a violent incident; actor, recipient: of a political event (PLOVER's
# source and target: "the US [actor] arms the rebels [recipient]").
ActorRole = Literal["perpetrator", "target", "sponsor", "actor", "recipient"]


class ActorType(str, Enum):
    state_forces = "state forces"
    rebel_group = "rebel group"
    jihadist_group = "jihadist group"
    foreign_state = "foreign state"
    international_coalition = "international coalition"
    militia = "militia"
    civilians = "civilians"
    international_organisation = "international organisation"
    unknown = "unknown"


class Actor(Record):
    role: ActorRole
    text: str = Field(description="As written.")
    name: str = Field(description="Canonical name from the actor dictionary, or the text when unknown.")
    type: ActorType = ActorType.unknown
    country: Optional[str] = None


class CasualtyCount(Record):
    """A figure that keeps its hedge: 'at least 60' is low=60, best=60, high=None."""

    low: Optional[int] = None
    best: Optional[int] = None
    high: Optional[int] = None
    text: Optional[str] = None


class Victims(Record):
    """Who the killed were, where the text says so."""

    civilians: Optional[CasualtyCount] = None
    children: Optional[CasualtyCount] = None
    women: Optional[CasualtyCount] = None
    elderly: Optional[CasualtyCount] = None
    combatants: Optional[CasualtyCount] = None
    mentioned: list[str] = Field(
        default_factory=list,
        description="Groups named among the victims without a figure ('including women and children').",
    )


class Casualties(Record):
    killed: Optional[CasualtyCount] = None
    injured: Optional[CasualtyCount] = None
    abducted: Optional[CasualtyCount] = None
    missing: Optional[CasualtyCount] = None
    victims: Victims = Field(default_factory=Victims)


EventType = Literal[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
]

# PLOVER's political event types (openeventdata/PLOVER; modes, quad class and ACLED type in data/plover.toml).
PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
]

Cause = Literal[
    "airstrike",
    "shelling",
    "explosion",
    "car bomb",
    "IED",
    "suicide bomb",
    "chemical",
    "shooting",
    "execution",
    "other",
    "unknown",
]


class Incident(Record):
    id: str = Field(description="Unique within the article: 'i1', 'i2', ...")
    event_type: EventType
    sub_event_type: str
    violent: bool
    cause: Cause = "unknown"
    date: IncidentDate = Field(default_factory=IncidentDate)
    location: Place = Field(default_factory=Place)
    actors: list[Actor] = Field(default_factory=list)
    casualties: Casualties = Field(default_factory=Casualties)
    claims: list[Claim] = Field(default_factory=list)
    plover_type: Optional[PloverType] = Field(None, description="A political event's PLOVER type; None for violence.")
    plover_mode: Optional[str] = Field(None, description="Its PLOVER mode where the text gives it ('arms', 'veto').")
    summary: str = Field("", description="The sentence that introduced the incident.")
    aside: bool = Field(
        False,
        exclude=True,
        description="Told aside of the article's story: an earlier event it recalls, or another it says happened "
        "meanwhile elsewhere; never the main incident when there is another. Read at extraction; not written to "
        "JSON nor the store.",
    )


class ArticleHeader(Record):
    """The article as it appears in the JSON contract (no body text)."""

    id: str
    url: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    authors: list[str] = Field(default_factory=list)
    published: Optional[dt.date] = None
    published_from: Optional[str] = None
    original_source: Optional[str] = None
    language: Optional[str] = None
    external_id: Optional[str] = None


class Extraction(Record):
    """One article's extraction: the public JSON contract (docs/schema.md)."""

    schema_version: str = SCHEMA_VERSION
    article: ArticleHeader
    incidents: list[Incident] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="Why fields are missing (e.g. unsupported language).")

    @classmethod
    def for_article(cls, article: Article, incidents: list[Incident], notes: list[str] | None = None) -> "Extraction":
        header = ArticleHeader(**article.model_dump(include=set(ArticleHeader.model_fields)))
        return cls(article=header, incidents=incidents, notes=notes or [])


# --------------------------------------------------------------------------- linked incidents (corroborate.link)


class IncidentRef(Record):
    article_id: str
    incident_id: str


class SourceReport(Record):
    """One article's account of the linked incident, for the side-by-side comparison."""

    article_id: str
    incident_id: str
    outlet: Optional[str] = None
    url: Optional[str] = None
    external_id: Optional[str] = None
    published: Optional[dt.date] = None
    original_source: Optional[str] = None
    killed: Optional[CasualtyCount] = None
    injured: Optional[CasualtyCount] = None
    killed_source: Optional[str] = Field(None, description="Who the killed figure is attributed to.")
    injured_source: Optional[str] = None
    killed_update: bool = Field(False, description="The killed figure is a running update ('rose to 26').")
    killed_superseded: bool = Field(False, description="An update published later replaces this killed figure.")
    killed_departure: Optional[float] = Field(None, description="(best - reconciled best) / reconciled best.")
    injured_departure: Optional[float] = None


class ReconciledFigure(Record):
    """UCDP-style low/best/high over the current figures, and ACLED's most conservative well-sourced one."""

    low: Optional[int] = None
    best: Optional[int] = None
    high: Optional[int] = None
    conservative: Optional[int] = None
    conservative_source: Optional[str] = None
    sequence: list[int] = Field(default_factory=list, description="Figures in publication order when the toll was updated.")


class LinkedIncident(Record):
    id: str = Field(description="'L' + hash of the member incidents: stable while the membership is.")
    event_type: EventType
    cause: Cause
    date: IncidentDate
    location: Place
    members: list[IncidentRef]
    sources: list[SourceReport]
    killed: Optional[ReconciledFigure] = None
    injured: Optional[ReconciledFigure] = None
    independent_sources: int = Field(description="Articles copying one text or crediting one original source count once.")


__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "ActorType",
    "Article",
    "ArticleHeader",
    "Casualties",
    "CasualtyCount",
    "Certainty",
    "Claim",
    "Evidence",
    "Extraction",
    "Incident",
    "IncidentDate",
    "IncidentRef",
    "LinkedIncident",
    "ReconciledFigure",
    "SourceReport",
    "Place",
    "PlacePrecision",
    "Precision",
    "Victims",
    "article_id",
]
