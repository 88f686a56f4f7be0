"""The Doc's and Span's `._` attributes corroborate's components read and write.

Set before the pipeline runs (the article's facts the rules read): `doc._.published` (a date or None: relative
dates resolve against it), `doc._.outlet` (who publishes: the source of what the text asserts) and `doc._.title`.
Set by the components (see extract/components.py): `doc._.casualties` and `doc._.attribution` (a sentence's
readings by the index of its first token), `doc._.political` (list[political.PoliticalEvent]), `doc._.incidents` (list[models.Incident]), `doc._.rules` ("parse" or
"surface": which rules grouped them) and `doc._.notes` (what the extraction should say about how it was read);
`span._.date` is a date mention's date resolved against `doc._.published`. The surface components (a language
without a parse) share `doc._.surface_reading` (multilingual.SurfaceReading) until the grouping has read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span

from corroborate.extract.attribution import SourceMention
from corroborate.extract.casualties import CasualtyFigure
from corroborate.extract.dates import resolve_date
from corroborate.models import Certainty, IncidentDate

# Default span keys of the components' span groups (each component's `spans_key` config).
DATE_SPANS = "dates"
CASUALTY_SPANS = "casualties"
ATTRIBUTION_SPANS = "attribution"
POLITICAL_SPANS = "political"


@dataclass(frozen=True)
class SentenceCasualties:
    """What one sentence says of casualties (casualties.read_casualties)."""

    figures: list[CasualtyFigure]
    groups_mentioned: list[str]  # victim groups of the killed named without a figure


@dataclass(frozen=True)
class SentenceAttribution:
    """Who one sentence says speaks and how sure its claims are (attribution.attribute)."""

    sources: list[SourceMention]
    certainty: Certainty


def _date_of(span: Span) -> IncidentDate:
    """The date a surface component read (`doc._.written_dates`), else the mention resolved as English."""
    written = span.doc._.written_dates
    if written is not None and (span.start_char, span.end_char) in written:
        return written[span.start_char, span.end_char]
    published: Optional[dt.date] = span.doc._.published
    return resolve_date(span.text, published)


_DOC_ATTRIBUTES = (
    *("published", "outlet", "title"),  # the article's, set before the pipeline runs
    *("casualties", "attribution", "political", "incidents", "notes", "rules"),  # set by the components
    *("written_dates", "surface_reading"),  # the surface components' (extract/surface.py)
)
for _name in _DOC_ATTRIBUTES:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
Span.set_extension("date", getter=_date_of, force=True)
