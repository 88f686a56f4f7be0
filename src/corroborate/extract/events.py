"""Event triggers: the words that say something happened, and what kind.

The lexicon lives in `lang/en/triggers.toml`; this module turns it into a
spaCy component that marks every trigger in `doc.spans["triggers"]`, and
decides an incident's ACLED type and cause from the triggers it gathered.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional
from weakref import WeakKeyDictionary

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from corroborate import causes
from corroborate.extract.tokens import doc_tokens
from corroborate.lang import lexicon
from corroborate.models import ActorType

EN = lexicon("en")

TRIGGER_SPANS = "triggers"

# When several causes are named for one incident, the most specific wins (data/causes.toml is in priority order).
CAUSE_PRIORITY = list(causes.priority())
REMOTE_VIOLENCE_SUBTYPES = causes.sub_event_types("Explosions/Remote violence")


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry: what a trigger word tells about the event."""

    violent: bool
    event_type: str
    sub_event_type: str
    strength: int
    cause: Optional[str] = None


TIME_UNITS = EN.words("time_units")


EARLIER_EVENT_PREPS = EN.words("earlier_event_preps")
_DOC_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()  # `Doc.text` joins all the tokens at every read


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc (a Doc's text never changes, retokenized or not)."""
    text = _DOC_TEXTS.get(doc)
    if text is None:
        text = _DOC_TEXTS[doc] = doc.text
    return text


def in_earlier_event(span: Span) -> bool:
    """'rebels hit a school in Aleppo a day after airstrikes on a school in Idlib', 'days after a
    regime chemical attack, a woman was killed', 'the second mass killing in less than two weeks,
    following the murder of 100 civilians in Houla': the span belongs to an event that a time before
    "after" or "following" dates earlier than the one told."""
    doc = span.doc
    tokens = doc_tokens(doc)
    sentence_start = tokens.sentence_start(span.start) if doc.has_annotation("SENT_START") else 0
    before = doc_text(doc)[tokens.starts[sentence_start] : span.start_char].lower()
    if not any(word in before for word in EARLIER_EVENT_PREPS):
        return False  # most spans: no need to walk the words before them
    for token in doc[sentence_start : span.start]:
        if token.lower_ not in EARLIER_EVENT_PREPS or not _time_before(token):
            continue
        scope = token.head if token.dep_ == "mark" else token
        if scope.left_edge.i <= span.start and span.end - 1 <= scope.right_edge.i:
            return True
    return False


def _time_before(token: Token) -> bool:
    """A span of time right before the word, a comma allowed between: 'two weeks after', 'two weeks, following'."""
    before = token.i - 1
    if before >= 0 and token.doc[before].is_punct:
        before -= 1
    return before >= 0 and token.doc[before].lower_ in TIME_UNITS


if not Span.has_extension("trigger"):
    Span.set_extension("trigger", default=None)


def inflections(word: str) -> set[str]:
    """Regular English inflections; in a phrase, of its first word ("opened fire") and its last ("air strikes")."""
    if " " in word:
        first, *middle, last = word.split(" ")
        forms = {word}
        forms.update(" ".join([f, *middle, last]) for f in inflections(first))
        forms.update(" ".join([first, *middle, f]) for f in inflections(last))
        return forms
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
        forms.add(word[:-1] + "ied")
    return forms


# Grammar codes (dependency labels, POS tags, entity labels), not words of a language: they stay with the rules.
# Parts of speech under which a generated inflection is not an event ("It is striking").
NON_EVENT_POS = {"ADJ", "ADV", "ADP", "PROPN"}


@lru_cache(maxsize=4)
def listed_forms(path: Optional[str] = None) -> frozenset[str]:
    """The forms written in the lexicon, as opposed to generated inflections."""
    return frozenset(w.lower() for entry in _read_lexicon(path)["trigger"] for w in entry["words"])


def _read_lexicon(path: Optional[str]) -> dict:
    return tomllib.loads(Path(path).read_text("utf-8")) if path else EN.table("triggers")


@lru_cache(maxsize=4)
def load_triggers(path: Optional[str] = None) -> dict[str, Trigger]:
    """Surface form -> Trigger. Later entries never override earlier ones, so order the file by specificity."""
    lexicon: dict[str, Trigger] = {}
    for entry in _read_lexicon(path)["trigger"]:
        trigger = Trigger(
            violent=entry["violent"],
            event_type=entry.get("event_type", "Violence against civilians"),
            sub_event_type=entry.get("sub_event_type", "Attack"),
            strength=entry.get("strength", 2),
            cause=entry.get("cause"),
        )
        for word in entry["words"]:
            # Listed forms are exact; generated inflections only fill gaps.
            lexicon.setdefault(word.lower(), trigger)
        for word in entry["words"]:
            for form in inflections(word.lower()):
                lexicon.setdefault(form, trigger)
    return lexicon


AERIAL_WHEN_BY_AIR_POWER = EN.words("aerial_when_by_air_power")
AIR_POWER_TYPES = {ActorType.state_forces, ActorType.foreign_state, ActorType.international_coalition}
AIR_STRIKE = Trigger(
    violent=True, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", strength=2, cause="airstrike"
)


def air_power_behind(trigger: Span, doc: Doc, air_power_tokens: Optional[set[int]] = None) -> bool:
    """The trigger's modifier ("Russian strikes") or agent ("raids by coalition jets") is a state or coalition.
    `air_power_tokens` (from `air_power_positions`) saves reading every actor again for each trigger."""
    head = trigger.root
    tokens = [c for c in head.children if c.dep_ in {"amod", "compound", "nmod", "poss", "npadvmod"}]
    for prep in head.children:
        if prep.dep_ in {"prep", "agent"} and prep.lower_ == "by":
            tokens += [c for c in prep.children if c.dep_ == "pobj"]
    positions = {t.i for token in tokens for t in token.subtree}
    if air_power_tokens is None:
        air_power_tokens = air_power_positions(doc)
    return not positions.isdisjoint(air_power_tokens)


def air_power_positions(doc: Doc) -> set[int]:
    """The tokens of the doc's actor mentions that name a state or a coalition."""
    positions: set[int] = set()
    for actor in doc.spans.get("actors", []):
        entry = actor._.actor_entry
        if entry is not None and entry.type in AIR_POWER_TYPES:
            positions.update(range(actor.start, actor.end))
    return positions


_PLAIN_WORDS = re.compile(r"[a-z]+(?: [a-z]+)*")


class TokenSequences:
    """Phrases found in a Doc by their tokens' lowercase forms, as a PhraseMatcher on LOWER finds them, without
    making a Doc of each phrase: a phrase of plain lowercase words that no tokenizer exception covers is its
    words (prefix, suffix and infix rules split no letters), and making 3,000 Docs, with a lexeme for each new
    word, was a fifth of a one-article run's start-up. Other phrases are tokenized."""

    def __init__(self, nlp: Language, phrases: Iterable[str]):
        exceptions = getattr(nlp.tokenizer, "rules", None) or {}  # a custom tokenizer may have no exceptions
        self._phrases: dict[tuple[str, ...], str] = {}
        for phrase in phrases:
            words = phrase.split(" ")
            if _PLAIN_WORDS.fullmatch(phrase) and not any(word in exceptions for word in words):
                key = tuple(words)
            else:
                key = tuple(token.lower_ for token in nlp.make_doc(phrase))
            if key:
                self._phrases.setdefault(key, phrase)
        self._first_words = frozenset(key[0] for key in self._phrases)
        self._longest = max(map(len, self._phrases), default=0)

    def find(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(phrase, start, end) of every run of tokens that is a phrase, overlapping ones too, by start then length."""
        lowered = doc_tokens(doc).lowers
        found = []
        for start, word in enumerate(lowered):
            if word in self._first_words:
                for end in range(start + 1, min(start + self._longest, len(lowered)) + 1):
                    phrase = self._phrases.get(tuple(lowered[start:end]))
                    if phrase is not None:
                        found.append((phrase, start, end))
        return found


class TriggerMarker:
    """Marks event triggers in `doc.spans["triggers"]`, each with `span._.trigger`."""

    def __init__(self, nlp: Language, name: str, lexicon_path: Optional[str] = None):
        self.name = name
        self.lexicon = load_triggers(lexicon_path)
        self.listed = listed_forms(lexicon_path)
        self.forms = TokenSequences(nlp, self.lexicon)

    def generated_non_event(self, span: Span) -> bool:
        return len(span) == 1 and span.text.lower() not in self.listed and span[0].pos_ in NON_EVENT_POS

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, start, end, label=form) for form, start, end in self.forms.find(doc)]
        kept = [s for s in filter_spans(spans) if not self.generated_non_event(s)]
        air_power_tokens: Optional[set[int]] = None
        for span in kept:
            span._.trigger = self.lexicon[span.text.lower()]
            if span._.trigger.cause in (None, "explosion") and span.root.lemma_.lower() in AERIAL_WHEN_BY_AIR_POWER:
                if air_power_tokens is None:
                    air_power_tokens = air_power_positions(doc)
                if air_power_behind(span, doc, air_power_tokens):
                    span._.trigger = AIR_STRIKE
        doc.spans[TRIGGER_SPANS] = kept
        return doc


def triggers_in(span: Span) -> list[Span]:
    """The trigger spans inside a sentence or any other span."""
    return [t for t in span.doc.spans.get(TRIGGER_SPANS, []) if t.start >= span.start and t.end <= span.end]


def choose_cause(causes: Iterable[str]) -> str:
    found = set(causes)
    for cause in CAUSE_PRIORITY:
        if cause in found:
            return cause
    return "unknown"


def classify_event(
    triggers: list[Trigger],
    cause: str,
    *,
    civilian_victims: bool,
    state_perpetrator: Optional[bool],
) -> tuple[str, str]:
    """ACLED event type and sub-event type from the incident's triggers.

    Remote violence is decided by the weapon; otherwise an armed clash needs
    battle words and no civilian victims; an abduction-only incident is an
    abduction; the rest of the violent incidents are attacks on civilians.
    """
    if cause in REMOTE_VIOLENCE_SUBTYPES:
        return "Explosions/Remote violence", REMOTE_VIOLENCE_SUBTYPES[cause]
    violent = [t for t in triggers if t.violent]
    if violent:
        battle = [t for t in violent if t.event_type == "Battles"]
        if battle and not civilian_victims:
            territorial = [t for t in battle if t.sub_event_type != "Armed clash"]
            if territorial and not any(t.sub_event_type == "Armed clash" for t in battle):
                if state_perpetrator is True:
                    return "Battles", "Government regains territory"
                if state_perpetrator is False:
                    return "Battles", "Non-state actor overtakes territory"
                return "Battles", territorial[0].sub_event_type
            return "Battles", "Armed clash"
        subtypes = {t.sub_event_type for t in violent if t.event_type == "Violence against civilians"}
        if subtypes == {"Abduction/forced disappearance"}:
            return "Violence against civilians", "Abduction/forced disappearance"
        return "Violence against civilians", "Attack"
    if not triggers:  # only casualty figures tell that something happened
        return "Violence against civilians", "Attack"
    strongest = max(triggers, key=lambda t: t.strength)
    return strongest.event_type, strongest.sub_event_type
