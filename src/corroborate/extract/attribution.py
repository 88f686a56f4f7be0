"""Who says so, and how firmly: sources and certainty of a sentence's claims.

News attributes figures with a handful of constructions: "according to X",
"X said / reported / told", "was reported by X and Y". Hedges ("claims that",
"may have", "allegedly") make a claim alleged; "denied" makes it denied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token

from corroborate.models import Certainty

REPORTING_VERBS = {
    "say", "report", "tell", "state", "announce", "confirm", "add", "claim", "allege", "document",
    "quote", "cite", "estimate", "accuse", "insist", "note", "write", "publish", "put", "declare",
    "describe", "record", "count", "reveal", "indicate", "warn", "assert", "blame", "deny",
}
ALLEGING_VERBS = {"claim", "allege", "accuse", "blame"}
DENYING_LEMMAS = {"deny", "refute", "dismiss", "reject"}
HEDGE_WORDS = {
    "allegedly", "alleged", "purportedly", "purported", "supposedly", "unconfirmed", "suspected",
    "possibly", "possible", "apparently", "claims", "rumours", "rumors",
}
HEDGE_MODALS = {"may", "might", "could"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this"}
# Roles of a noun inside the subject that are not the source ("a spokesman for the group").
NAME_DEPS = {"compound", "amod", "det", "poss", "nmod", "flat", "case", "nummod"}


@dataclass(frozen=True)
class SourceMention:
    """A named source in a sentence, with the span of its name in the text."""

    text: str
    start: int
    end: int
    alleging: bool = False


def source_phrase(head: Token) -> Span:
    """The name around a head noun: compounds, adjectives and "of/for" complements, no clauses or appositions."""
    left = head
    for child in head.lefts:
        if child.dep_ in NAME_DEPS and child.dep_ != "det":
            left = min(left, child.left_edge, key=lambda t: t.i)
    right = head
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "for"}:
            # "Observatory for Human Rights", but not the clauses hanging on "Rights".
            for obj in child.children:
                if obj.dep_ == "pobj":
                    right = max(right, source_phrase(obj)[-1], key=lambda t: t.i)
        elif child.dep_ in {"compound", "flat"}:
            right = max(right, child, key=lambda t: t.i)
    # Keep a leading article as written ("the Syrian Observatory ...").
    first = left.i
    if first > 0 and head.doc[first - 1].dep_ == "det" and head.doc[first - 1].head == head:
        first -= 1
    return head.doc[first : right.i + 1]


def canonical_source(text: str) -> str:
    """The registry's name for a known source ("SOHR" -> "Syrian Observatory for Human Rights"), else the text."""
    from corroborate.extract.actors import SourceRegistry

    entry = SourceRegistry.default().lookup(text, fuzzy=False)
    return entry.name if entry is not None else text


def with_conjuncts(head: Token) -> list[Token]:
    return [head, *[t for t in head.conjuncts if t.pos_ in {"PROPN", "NOUN"}]]


def find_sources(sent: Span) -> list[SourceMention]:
    """Named sources of a sentence: "according to X", subjects of reporting verbs, agents of "reported by"."""
    found: list[SourceMention] = []

    def add(head: Token, alleging: bool = False) -> None:
        if head.lower_ in PRONOUNS or head.pos_ == "PRON":
            return
        if any(child.dep_ == "det" and child.lower_ == "no" for child in head.children):
            return  # "claimed by no group" names nobody
        for token in with_conjuncts(head):
            phrase = source_phrase(token)
            if any(m.start == phrase.start_char for m in found):
                continue
            found.append(SourceMention(canonical_source(phrase.text), phrase.start_char, phrase.end_char, alleging))

    for token in sent:
        if token.lower_ == "according":
            for to in token.children:
                if to.lower_ == "to":
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            add(obj)
        if token.lemma_.lower() in REPORTING_VERBS and token.pos_ in {"VERB", "AUX"}:
            alleging = token.lemma_.lower() in ALLEGING_VERBS
            # "X denied ... and said ...": the second verb shares the first one's subject.
            children = list(token.children)
            if token.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in children):
                children += [c for c in token.head.children if c.dep_ == "nsubj"]
            for child in children:
                if child.dep_ in {"nsubj"}:
                    add(child, alleging)
                elif child.dep_ == "agent":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            add(obj, alleging)
    return found


def sentence_certainty(sent: Span) -> Certainty:
    """How firmly the sentence states its facts, ignoring who states them."""
    lowers = {t.lower_ for t in sent}
    lemmas = {t.lemma_.lower() for t in sent}
    if lemmas & DENYING_LEMMAS:
        return Certainty.denied
    if lowers & HEDGE_WORDS:
        return Certainty.alleged
    for token in sent:
        if token.lower_ in HEDGE_MODALS and token.head.pos_ in {"VERB", "AUX"}:
            return Certainty.alleged
    return Certainty.asserted


def attribute(sent: Span) -> tuple[list[SourceMention], Certainty]:
    """The sentence's sources and the certainty of its claims."""
    sources = find_sources(sent)
    certainty = sentence_certainty(sent)
    if certainty == Certainty.asserted and sources:
        certainty = Certainty.alleged if all(s.alleging for s in sources) else Certainty.reported
    return sources, certainty


def joined_source(sources: list[SourceMention], outlet: Optional[str]) -> str:
    """One `Claim.source` string: the named sources, or the outlet speaking for itself."""
    if sources:
        return "; ".join(dict.fromkeys(s.text for s in sources))
    return outlet or "the outlet"
