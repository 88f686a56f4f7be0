"""Surface rules: the components' implementations for a language without a parse (rules "surface").

A language corroborate ships no trained model for (multilingual.REDUCED_LANGUAGES) is read by
`spacy.blank(code)` and a sentencizer; each component then reads its sentences with the reduced rules of
extract/multilingual/ and that language's lexicon (words next to words, no dependency tree), and puts
what it found on the Doc under the same span keys and `._` attributes as the English components. The
components share one multilingual.SurfaceReading (`doc._.surface_reading`): the sentences with their words,
read once, and per sentence what each rule found, which the grouping reads rather than reading again:

- places: gazetteer names (GeoNames spellings, other scripts, inflected forms), `span._.place`;
- actors: dictionary actors right after a violent event word (who struck) or made perpetrator by the lexicon's
  cues (by, accused: alleged, claiming, denying); the backers named after a sponsor cue ("soutenus par");
- triggers: the lexicon's event words, `span._.trigger`;
- dates: day words and written dates, `span._.date` resolved against `doc._.published`;
- casualties: killed and injured figures with their hedges, civilians when the counted noun says so;
- attribution: the source after an introducing phrase ("selon", "بحسب"), the one named before for "the same
  source"; certainty "reported" with a source, else "asserted";
- incidents: the reduced rules' grouping (multilingual.extract_reduced) over the components' readings; a part
  a component did not read (the Doc skipped it) is read at its first use. The reading is then dropped.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span

from corroborate.extract import multilingual
from corroborate.extract.attribution import SourceMention
from corroborate.extract.casualties import CasualtyFigure
from corroborate.extract.extensions import SentenceAttribution, SentenceCasualties
from corroborate.models import Article, Certainty


def surface_note(language: str) -> str:
    return f"rules: surface (no parse for {language})"


class SurfaceComponent:
    """A component of a language without a parse: reads the Doc's sentences with the language's lexicon."""

    def __init__(self, name: str, language: str, spans_key: Optional[str] = None):
        self.name = name
        self.language = language
        self.spans_key = spans_key
        self.lexicon = multilingual.load_lexicon(language)

    def reading(self, doc: Doc) -> multilingual.SurfaceReading:
        """The Doc's sentences with their words and what the components read in them, shared by all of them."""
        return multilingual.SurfaceReading.of_doc(doc, self.language)


def _span(doc: Doc, start: int, end: int, label: str = "") -> Optional[Span]:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


class SurfacePlaces(SurfaceComponent):
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        reading = self.reading(doc)
        for sentence in reading.sentences:
            for mention in reading.places(sentence):
                span = _span(doc, mention.start, mention.end, mention.place.precision.value)
                if span is not None:
                    span._.place = mention.place
                    spans.append(span)
        doc.spans[self.spans_key or "places"] = spans
        return doc


class SurfaceTriggers(SurfaceComponent):
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        reading = self.reading(doc)
        for sentence in reading.sentences:
            for trigger in reading.triggers(sentence):
                span = _span(doc, trigger.start, trigger.end, reading.text[trigger.start : trigger.end].lower())
                if span is not None:
                    span._.trigger = trigger.info
                    spans.append(span)
        doc.spans[self.spans_key or "triggers"] = spans
        return doc


class SurfaceActors(SurfaceComponent):
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        reading = self.reading(doc)
        for sentence in reading.sentences:
            for mention in reading.perpetrators(sentence) + reading.sponsors(sentence):
                span = _span(doc, mention.start, mention.end, mention.actor.name)
                if span is not None:
                    spans.append(span)
        doc.spans[self.spans_key or "actors"] = spans
        return doc


class SurfaceDates(SurfaceComponent):
    def __call__(self, doc: Doc) -> Doc:
        spans, dates = [], {}
        reading = self.reading(doc)
        for sentence in reading.sentences:
            for mention in reading.dates(sentence, doc._.published):
                span = _span(doc, mention.start, mention.end)
                if span is not None:
                    dates[span.start_char, span.end_char] = mention.date
                    spans.append(span)
        doc._.written_dates = dates
        doc.spans[self.spans_key or "dates"] = spans
        return doc


class SurfaceCasualties(SurfaceComponent):
    def __call__(self, doc: Doc) -> Doc:
        spans, read = [], {}
        reading = self.reading(doc)
        for sentence in reading.sentences:
            figures = [
                CasualtyFigure(
                    kind=figure.kind,
                    count=figure.count,
                    group="civilians" if figure.civilians else None,
                    start=figure.start,
                    end=figure.end,
                    text=reading.text[figure.start : figure.end],
                )
                for figure in reading.figures(sentence)
            ]
            span = _span(doc, sentence.start, sentence.end)
            if span is not None:
                read[span.start] = SentenceCasualties(figures, [])
            spans += [s for f in figures if (s := _span(doc, f.start, f.end, f.kind)) is not None]
        doc._.casualties = read
        doc.spans[self.spans_key or "casualties"] = spans
        return doc


class SurfaceAttribution(SurfaceComponent):
    def __call__(self, doc: Doc) -> Doc:
        spans, said = [], {}
        named: Optional[multilingual.Source] = None
        reading = self.reading(doc)
        for sentence in reading.sentences:
            source = reading.source(sentence)
            if source is not None and source.name == multilingual.SAME_SOURCE:
                source = named  # "a précisé l'ONG": the source named before
            named = source or named
            sources = [] if source is None else [SourceMention(source.name, source.start, source.end)]
            span = _span(doc, sentence.start, sentence.end)
            if span is not None:
                said[span.start] = SentenceAttribution(sources, Certainty.reported if sources else Certainty.asserted)
            spans += [s for m in sources if (s := _span(doc, m.start, m.end)) is not None]
        doc._.attribution = said
        doc.spans[self.spans_key or "attribution"] = spans
        return doc


class SurfaceIncidents(SurfaceComponent):
    """The reduced rules' incident (multilingual.extract_reduced) from the Doc's sentences: its cause, figures,
    date, place, sources and perpetrator, with the article-level rules it applies (anniversary pieces)."""

    def __call__(self, doc: Doc) -> Doc:
        article = Article(
            id="doc", text=doc.text, language=self.language, published=doc._.published, outlet=doc._.outlet, title=doc._.title
        )
        extraction = multilingual.extract_reduced(article, doc)
        doc._.incidents = extraction.incidents
        doc._.notes = [*extraction.notes, surface_note(self.language)]
        doc._.rules = "surface"
        doc._.surface_reading = None  # grouped: not kept on the Doc (not serialisable)
        return doc
