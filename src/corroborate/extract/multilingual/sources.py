"""Who says so: the words after a source-introducing phrase, named canonically when the lexicon knows the source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from corroborate.extract.multilingual.lexicon import ReducedLexicon
from corroborate.extract.multilingual.sentences import Sentence
from corroborate.extract.multilingual.words import _CLAUSE_END, Word, _longest_at, _matches, normalise_arabic

# The source after "selon" / "بحسب" is read up to the clause's end, this many words at most.
LONGEST_SOURCE_WORDS = 10


SAME_SOURCE = "<same source>"


@dataclass(frozen=True)
class Source:
    name: str
    start: int
    end: int


def source_in(sentence: Sentence, text: str, lexicon: ReducedLexicon) -> Optional[Source]:
    """Who the sentence says speaks: the words after "selon" / "بحسب" up to the clause's end."""
    words = sentence.words
    for at in range(len(words)):
        phrase = _longest_at(words, at, lexicon.sources)
        if phrase is None:
            continue
        following = words[at + len(phrase) : at + len(phrase) + LONGEST_SOURCE_WORDS]
        named: list[Word] = []
        for word in following:
            if named and _CLAUSE_END.search(text[named[-1].end : word.start]):
                break
            named.append(word)
        if not named:
            continue
        start = named[0].start
        if phrase in lexicon.sources_taking_lam and normalise_arabic(named[0].text).startswith("ل"):
            start += 1  # "وفقا لمصادر": "according to sources", the preposition is not the source's
        if any(_matches(named, 0, same) and len(same) == len(named) for same in lexicon.same_source):
            return Source(SAME_SOURCE, named[0].start, named[-1].end)
        for skip in range(min(3, len(named))):
            known = _longest_at(named, skip, lexicon.known_sources)
            if known:
                last = named[skip + len(known) - 1]
                return Source(lexicon.known_sources[known], named[skip].start, last.end)
        return Source(text[start : named[-1].end], start, named[-1].end)
    return None
