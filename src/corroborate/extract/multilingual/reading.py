"""What the reading rules read in each sentence, kept so that the surface components and the grouping read it once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Optional

from corroborate.extract.multilingual.dates import DateMention, dates_in
from corroborate.extract.multilingual.figures import Figure, figures_in
from corroborate.extract.multilingual.lexicon import load_lexicon
from corroborate.extract.multilingual.perpetrators import PerpetratorMention, _Trigger, perpetrators_in, sponsors_in, triggers_in
from corroborate.extract.multilingual.places import PlaceMention, places_in
from corroborate.extract.multilingual.sentences import Sentence, sentences_of_doc
from corroborate.extract.multilingual.sources import Source, source_in


@dataclass(eq=False)
class SentenceReading:
    """What the surface rules read in one sentence, each part once; None: not read (yet)."""

    sentence: Sentence
    triggers: Optional[list[_Trigger]] = None
    figures: Optional[list[Figure]] = None
    places: Optional[list[PlaceMention]] = None
    dates: Optional[list[DateMention]] = None
    dated_against: Optional[dt.date] = None  # the publication date `dates` resolved relative dates against
    sources: Optional[list[Source]] = None  # the source it names (at most one), "the same source" as written
    perpetrators: Optional[list[PerpetratorMention]] = None
    sponsors: Optional[list[PerpetratorMention]] = None


class SurfaceReading:
    """A text's sentences and what the surface rules read in each (SentenceReading, by the sentence's start).

    The surface components of a blank pipeline fill it, each its part, in `doc._.surface_reading`, and
    extract_reduced groups the incidents from it: a sentence is read once, and a part is read at its first
    use when the Doc skipped the component that reads it (as incidents.sentence_facts does for English)."""

    def __init__(self, text: str, language: str, sentences: Iterable[Sentence]):
        self.text = text
        self.language = language
        self.lexicon = load_lexicon(language)
        self.sentences = list(sentences)
        self.by_start = {sentence.start: SentenceReading(sentence) for sentence in self.sentences}

    @classmethod
    def of_doc(cls, doc, language: str) -> SurfaceReading:
        """The reading the Doc's components share, begun by the first one."""
        reading = doc._.surface_reading
        if reading is None or reading.language != language or reading.text != doc.text:
            reading = doc._.surface_reading = cls(doc.text, language, sentences_of_doc(doc, language))
        return reading

    def _of(self, sentence: Sentence) -> SentenceReading:
        return self.by_start[sentence.start]

    def triggers(self, sentence: Sentence) -> list[_Trigger]:
        reading = self._of(sentence)
        if reading.triggers is None:
            reading.triggers = triggers_in(sentence, self.lexicon)
        return reading.triggers

    def figures(self, sentence: Sentence) -> list[Figure]:
        reading = self._of(sentence)
        if reading.figures is None:
            reading.figures = figures_in(sentence, self.text, self.lexicon)
        return reading.figures

    def places(self, sentence: Sentence) -> list[PlaceMention]:
        reading = self._of(sentence)
        if reading.places is None:
            reading.places = places_in(sentence, self.text, self.lexicon)
        return reading.places

    def dates(self, sentence: Sentence, published: Optional[dt.date]) -> list[DateMention]:
        """Relative dates resolved against `published`: read again when they were resolved against another date."""
        reading = self._of(sentence)
        if reading.dates is None or reading.dated_against != published:
            reading.dates, reading.dated_against = dates_in(sentence, self.text, self.lexicon, published), published
        return reading.dates

    def source(self, sentence: Sentence) -> Optional[Source]:
        """The source the sentence names; SAME_SOURCE for "the same source" (the reader resolves it)."""
        reading = self._of(sentence)
        if reading.sources is None:
            source = source_in(sentence, self.text, self.lexicon)
            reading.sources = [] if source is None else [source]
        return reading.sources[0] if reading.sources else None

    def perpetrators(self, sentence: Sentence) -> list[PerpetratorMention]:
        """perpetrators_in with the sentence's event words (those not violent change nothing in it)."""
        reading = self._of(sentence)
        if reading.perpetrators is None:
            reading.perpetrators = perpetrators_in(sentence, self.triggers(sentence), self.lexicon)
        return reading.perpetrators

    def sponsors(self, sentence: Sentence) -> list[PerpetratorMention]:
        """sponsors_in: the backers the sentence names."""
        reading = self._of(sentence)
        if reading.sponsors is None:
            reading.sponsors = sponsors_in(sentence, self.lexicon)
        return reading.sponsors
