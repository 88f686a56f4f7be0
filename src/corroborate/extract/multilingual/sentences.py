"""Sentences with their words, from the text or from a Doc's own sentences, so that every rule reads the same ones."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from corroborate.extract.multilingual.words import Word, lexicon_language, words_of


@dataclass(eq=False)  # hashed by identity: a sentence keys its source
class Sentence:
    start: int
    end: int
    text: str
    words: list[Word]


def sentences_of(text: str, language: str) -> list[Sentence]:
    return list(_iter_sentences(text, language))


def sentences_of_doc(doc, language: str) -> list[Sentence]:
    """The sentences of a Doc the language's pipeline split (spacy.blank and a sentencizer, as here)."""
    return list(_iter_sentences(doc.text, language, doc))


def _iter_sentences(text: str, language: str, doc=None) -> Iterator[Sentence]:
    """The text's non-blank sentences, their words read only when the sentence is reached; those of `doc`,
    the text's Doc, when the caller has it split."""
    from corroborate.extract.pipeline import blank_pipeline  # here: pipeline imports this module

    for sent in (blank_pipeline(lexicon_language(language))(text) if doc is None else doc).sents:
        raw = sent.text
        stripped = raw.strip()
        if stripped:
            # The blank line before a paragraph opens its first sentence: kept out, it stays between sentences.
            start = sent.start_char + len(raw) - len(raw.lstrip())
            yield Sentence(start, start + len(stripped), stripped, words_of(stripped, language, start))
