"""Every spaCy factory corroborate registers, in one place.

Each component takes a Doc and gives it back annotated; what it reads and writes is declared (`requires`,
`assigns`) and its settings come from its config (pipeline.PIPELINE_COMPONENTS), so a pipeline is assembled by
name. Every rule component has `rules`: "parse" (English: reads the model's parse and entities) or "surface"
(a language without a trained model, `spacy.blank` and a sentencizer: reads words next to words with that
language's lexicon, extract/surface.py), and `language`, whose lexicon the surface rules read.

| component | config | assigns |
| --- | --- | --- |
| corroborate_paragraphs | | a blank line starts a sentence (before the parser) |
| corroborate_places | gazetteer_path | doc.spans["places"], span._.place |
| corroborate_actors | actors_path, sources_path | doc.spans["actors"], doc.spans["sources"] |
| corroborate_triggers | lexicon_path | doc.spans["triggers"], span._.trigger |
| corroborate_dates | spans_key ("dates") | doc.spans[spans_key], span._.date |
| corroborate_casualties | spans_key ("casualties") | doc.spans[spans_key], doc._.casualties |
| corroborate_attribution | spans_key ("attribution") | doc.spans[spans_key], doc._.attribution |
| corroborate_political | spans_key ("political") | doc.spans[spans_key], doc._.political |
| corroborate_incidents | dates_key ("dates") | doc._.incidents, doc._.rules, doc._.notes |

Inputs on the Doc, set before the components run: doc._.published, doc._.outlet, doc._.title (extensions.py).
The surface components also share doc._.surface_reading (multilingual.SurfaceReading: what each read in each
sentence), from which the surface grouping builds the incidents; it is dropped once they are built.
"""

from __future__ import annotations

from typing import Callable, Optional

from spacy.language import Language
from spacy.tokens import Doc

from corroborate.extract import incidents as incident_rules
from corroborate.extract import surface
from corroborate.extract.actors import ActorMarker
from corroborate.extract.attribution import SourceMention, attribute
from corroborate.extract.casualties import read_casualties
from corroborate.extract.dates import find_date_mentions
from corroborate.extract.events import TriggerMarker
from corroborate.extract.extensions import (
    ATTRIBUTION_SPANS,
    CASUALTY_SPANS,
    DATE_SPANS,
    POLITICAL_SPANS,
    SentenceAttribution,
    SentenceCasualties,
)
from corroborate.extract.incidents import spans_by_sentence
from corroborate.extract.places import PlaceRecognizer
from corroborate.extract.political import political_events

PARSE = "parse"
SURFACE = "surface"
RULES = (PARSE, SURFACE)


def _checked(rules: str) -> str:
    if rules not in RULES:
        raise ValueError(f"rules must be one of {', '.join(RULES)}, not {rules!r}")
    return rules


@Language.factory("corroborate_paragraphs", assigns=["token.is_sent_start"])
def make_paragraph_breaks(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return paragraph_breaks


def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence, whatever the parser would join: a headline, a subheading or a photo
    caption is not part of the paragraph after it ("... years old.\n\n49 children among at least 108 killed
    in attack, UN says\n\nAn image provided by ..."). Runs before the parser, which keeps such starts."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.factory(
    "corroborate_places",
    default_config={"gazetteer_path": None, "rules": PARSE, "language": "en"},
    assigns=["doc.spans", "span._.place"],
    requires=["doc.ents", "token.is_sent_start"],
)
def make_places(nlp: Language, name: str, gazetteer_path: Optional[str], rules: str, language: str):
    """Put after "ner" (it reads doc.ents) and after the parser or a sentencizer (it reads sentences).
    Surface: gazetteer names in the language's spellings and scripts, no entities."""
    if _checked(rules) == SURFACE:
        return surface.SurfacePlaces(name, language)
    return PlaceRecognizer(nlp.vocab, name, gazetteer_path)


@Language.factory(
    "corroborate_actors",
    default_config={"actors_path": None, "sources_path": None, "rules": PARSE, "language": "en"},
    assigns=["doc.spans"],
    requires=["token.dep", "doc.ents"],
)
def make_actors(nlp: Language, name: str, actors_path: Optional[str], sources_path: Optional[str], rules: str, language: str):
    """Surface: a dictionary actor named right after a violent event word (who struck), no other actors."""
    if _checked(rules) == SURFACE:
        return surface.SurfaceActors(name, language)
    return ActorMarker(nlp, name, actors_path, sources_path)


@Language.factory(
    "corroborate_triggers",
    default_config={"lexicon_path": None, "rules": PARSE, "language": "en"},
    assigns=["doc.spans", "span._.trigger"],
    requires=["token.pos", "token.lemma"],
)
def make_triggers(nlp: Language, name: str, lexicon_path: Optional[str], rules: str, language: str):
    """Surface: the lexicon's event words, without the parse's tests (noun or verb, what flew)."""
    if _checked(rules) == SURFACE:
        return surface.SurfaceTriggers(name, language)
    return TriggerMarker(nlp, name, lexicon_path)


class DateMentions:
    """Expressions that can say when an event happened (dates.find_date_mentions), sentence by sentence, in
    doc.spans[spans_key]; `span._.date` resolves one against doc._.published."""

    def __init__(self, name: str, spans_key: str):
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        sents = list(doc.sents)
        ents = spans_by_sentence(doc.ents, sents)
        doc.spans[self.spans_key] = [mention for sent, own in zip(sents, ents) for mention in find_date_mentions(sent, own)]
        return doc


@Language.factory(
    "corroborate_dates",
    default_config={"spans_key": DATE_SPANS, "rules": PARSE, "language": "en"},
    assigns=["doc.spans", "span._.date"],
    requires=["doc.ents", "token.is_sent_start"],
)
def make_dates(nlp: Language, name: str, spans_key: str, rules: str, language: str):
    """Surface: the language's day words, month names and written dates, resolved as they are read."""
    if _checked(rules) == SURFACE:
        return surface.SurfaceDates(name, language, spans_key)
    return DateMentions(name, spans_key)


class CasualtyReader:
    """Each sentence's casualty figures and the victim groups it names without one (casualties.read_casualties)
    in doc._.casualties, by the sentence's first token; the figures' spans in doc.spans[spans_key], labelled
    with their kind."""

    def __init__(self, name: str, spans_key: str):
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        read, spans = {}, []
        for sent in doc.sents:
            figures, groups = read_casualties(sent)
            read[sent.start] = SentenceCasualties(figures, groups)
            spans += [span for f in figures if (span := doc.char_span(f.start, f.end, label=f.kind, alignment_mode="expand")) is not None]
        doc._.casualties = read
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory(
    "corroborate_casualties",
    default_config={"spans_key": CASUALTY_SPANS, "rules": PARSE, "language": "en"},
    assigns=["doc.spans", "doc._.casualties"],
    requires=["token.dep", "token.is_sent_start"],
)
def make_casualties(nlp: Language, name: str, spans_key: str, rules: str, language: str):
    """Surface: killed and injured figures near the lexicon's casualty words; civilians when the counted noun
    says so; no other victim groups, no breakdown."""
    if _checked(rules) == SURFACE:
        return surface.SurfaceCasualties(name, language, spans_key)
    return CasualtyReader(name, spans_key)


class SourceReader:
    """Each sentence's sources and the certainty of its claims (attribution.attribute) in doc._.attribution, by
    the sentence's first token; the sources' spans in doc.spans[spans_key]."""

    def __init__(self, name: str, spans_key: str):
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        said, spans = {}, []
        for sent in doc.sents:
            sources, certainty = attribute(sent)
            said[sent.start] = SentenceAttribution(sources, certainty)
            spans += [span for source in sources if (span := _source_span(doc, source)) is not None]
        doc._.attribution = said
        doc.spans[self.spans_key] = spans
        return doc


def _source_span(doc: Doc, source: SourceMention):
    return doc.char_span(source.start, source.end, label="alleging" if source.alleging else "", alignment_mode="expand")


@Language.factory(
    "corroborate_attribution",
    default_config={"spans_key": ATTRIBUTION_SPANS, "rules": PARSE, "language": "en"},
    assigns=["doc.spans", "doc._.attribution"],
    requires=["token.dep", "token.is_sent_start"],
)
def make_attribution(nlp: Language, name: str, spans_key: str, rules: str, language: str):
    """Surface: the words after a source-introducing phrase ("selon", "بحسب") up to the clause's end; no
    hedges or denials (certainty "reported" with a source, else "asserted")."""
    if _checked(rules) == SURFACE:
        return surface.SurfaceAttribution(name, language, spans_key)
    return SourceReader(name, spans_key)


class PoliticalReader:
    """The Doc's political events (political.political_events) in doc._.political; the words that tell each in
    doc.spans[spans_key], labelled with its PLOVER type. Surface rules read none (no parse to find who acts)."""

    def __init__(self, name: str, spans_key: str, rules: str):
        self.name = name
        self.spans_key = spans_key
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        events = political_events(doc) if self.rules == PARSE else []
        doc._.political = events
        doc.spans[self.spans_key] = [
            span
            for event in events
            if (span := doc.char_span(event.start, event.end, label=event.type, alignment_mode="expand")) is not None
        ]
        return doc


@Language.factory(
    "corroborate_political",
    default_config={"spans_key": POLITICAL_SPANS, "rules": PARSE, "language": "en"},
    assigns=["doc.spans", "doc._.political"],
    requires=["token.dep", "doc.spans"],
)
def make_political(nlp: Language, name: str, spans_key: str, rules: str, language: str):
    """Put after the actors and the places (it reads their spans). Surface: no political events (they need the
    parse: who acts towards whom)."""
    return PoliticalReader(name, spans_key, _checked(rules))


class IncidentGrouper:
    """The Doc's incidents (incidents.build_incidents) in doc._.incidents; last in the pipeline."""

    def __init__(self, name: str, dates_key: str):
        self.name = name
        self.dates_key = dates_key

    def __call__(self, doc: Doc) -> Doc:
        doc._.incidents = incident_rules.build_incidents(doc, self.dates_key)
        doc._.rules = PARSE
        doc._.notes = []
        return doc


@Language.factory(
    "corroborate_incidents",
    default_config={"dates_key": DATE_SPANS, "rules": PARSE, "language": "en"},
    assigns=["doc._.incidents", "doc._.rules", "doc._.notes"],
    requires=["doc.spans", "doc._.casualties", "doc._.attribution", "doc._.political"],
)
def make_incidents(nlp: Language, name: str, dates_key: str, rules: str, language: str):
    """Surface: the incident of the first sentence with an event word or a casualty figure and the rest of its
    paragraph, and others told later with their own place or day (multilingual.extract_reduced), from what the
    surface components read (doc._.surface_reading); the note says so."""
    if _checked(rules) == SURFACE:
        return surface.SurfaceIncidents(name, language)
    return IncidentGrouper(name, dates_key)


FACTORIES = (
    "corroborate_paragraphs",
    "corroborate_places",
    "corroborate_actors",
    "corroborate_triggers",
    "corroborate_dates",
    "corroborate_casualties",
    "corroborate_attribution",
    "corroborate_political",
    "corroborate_incidents",
)
"""Every factory this module registers, in pipeline order."""
