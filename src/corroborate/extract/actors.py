"""Actors and sources: the spaCy component that marks their mentions (the dictionaries
themselves are `corroborate.dictionaries`), and the roles actors play in a sentence.

Mentions come from three places: dictionary aliases ("Jabhat al-Nusra"),
attributive forms in front of a force or attack noun ("Russian warplanes",
"rebel shelling", "Turkish-backed rebels"), and spaCy ORG/NORP entities that
the dictionary does not know but that act as perpetrators ("The Sultan X
Brigade shelled ..."). Roles come from the dependency parse: the subject of a
violence verb is a perpetrator, its object a target, the agent of "backed by"
a sponsor. An actor named without a role cue is not returned: "the town, held
by ISIS, was hit by airstrikes" names ISIS without saying ISIS struck, and a
wrong perpetrator is worse than a missing one. Nor is what an actor does
habitually or did in the past ("has repeatedly shelled", "last month", "in
August 2013", "days after", the war's history) or has not yet done ("a possible
US attack"); a speaker telling of its own act claims it ("IS said it killed").
A side of a fight, a taker of ground or of an attack that was repelled
("clashes between X and Y", "captured by X", "repelled an X offensive") gives
way to whoever is said to have struck (RoleReading, rank_actors). A description takes
the side the sentence gives it: "its fighters", "warplanes believed to be
Russian", "forces loyal to Assad". The text may come without commas and
apostrophes ("the coalitions strikes") and with headlines in title case.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate
from typing import Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from corroborate.dictionaries import (
    UNKNOWN_CLASS,
    UNLISTED_LABEL,
    ActorDictionary,
    ActorEntry,
    SourceEntry,
    SourceRegistry,
    cached_dictionary,
    is_capitals,
    lowered_key,
)
from corroborate.errors import ConfigurationError
from corroborate.extract.tokens import doc_tokens
from corroborate.lang import lexicon
from corroborate.models import Actor, ActorRole, ActorType, Certainty

EN = lexicon("en")

ACTOR_SPANS = "actors"
SOURCE_SPANS = "sources"
# SpanGroup attribute holding the dictionary file the labels refer to (None: the bundled one).
DICTIONARY_ATTR = "dictionary"


# --------------------------------------------------------------------------- word lists

FORCE_NOUNS = EN.words("force_nouns")
ACTOR_NOUNS = EN.words("actor_nouns")
IRREGULAR_NOUNS = EN.words("irregular_nouns")
ATTACK_NOUNS = EN.words("attack_nouns")
WEAPON_NOUNS = EN.words("weapon_nouns")
TOXIC_WORDS = EN.words("toxic_words")
MEMBER_NOUNS = EN.words("member_nouns")
TARGET_PLACE_NOUNS = EN.words("target_place_nouns")
SUPPORT_NOUNS = EN.words("support_nouns")
HEAD_NOUNS = FORCE_NOUNS | ACTOR_NOUNS | ATTACK_NOUNS | WEAPON_NOUNS | TARGET_PLACE_NOUNS | SUPPORT_NOUNS
PART_NOUNS = MEMBER_NOUNS | TARGET_PLACE_NOUNS
# Nouns an attributive actor hands its role to: "ISIS positions", "Hezbollah fighters".
ROLE_CARRIERS = PART_NOUNS | FORCE_NOUNS | ACTOR_NOUNS
SPONSOR_NOUNS = EN.words("sponsor_nouns")
PROXY_NOUNS = EN.words("proxy_nouns")
BACKED_WORDS = EN.words("backed_words")
SPONSOR_ALLEGIANCE_WORDS = EN.words("sponsor_allegiance_words")
PRO_PREFIXES = EN.words("pro_prefixes")
HEDGE_WORDS = EN.words("hedge_words")
SKIPPABLE_WORDS = EN.words("skippable_words")
COORDINATORS = EN.words("coordinators")
NAME_PUNCTUATION = EN.words("name_punctuation")
# Hyphens that join the words of one name ("al-Nusra", "Deir ez-Zor"); an en dash also joins a modifier ("Russian–backed").
NAME_HYPHENS = ("-", "‐", "‑")
HYPHENS = frozenset({*NAME_HYPHENS, "–"})

VIOLENCE_VERBS = EN.words("violence_verbs")
MUTUAL_WORDS = EN.words("mutual_words")
LAUNCH_VERBS = EN.words("launch_verbs")
CAPTURING_VERBS = EN.words("capturing_verbs")
PARTICIPATION_VERBS = EN.words("participation_verbs")
FOILING_VERBS = EN.words("foiling_verbs")
FOILING_PARTICLES = frozenset(EN.phrases("foiling_particles"))
INCLUDING_VERBS = EN.words("including_verbs")
IMPUTING = frozenset(EN.phrases("imputing"))
ACCUSING_VERBS = EN.words("accusing_verbs")
DENYING_VERBS = EN.words("denying_verbs")
CLAIMING_VERBS = EN.words("claiming_verbs")
SELF_PRONOUNS = EN.words("self_pronouns")
INTENT_VERBS = EN.words("intent_verbs")
DYING_VERBS = EN.words("dying_verbs")
RAISING_VERBS = EN.words("raising_verbs")
BACKING_VERBS = EN.words("backing_verbs")
SUPPLYING_VERBS = EN.words("supplying_verbs")
SUPPLY_NOUNS = EN.words("supply_nouns")
SIDE_NOUNS = EN.words("side_nouns")
QUANTITY_NOUNS = EN.words("quantity_nouns")
LONG_PERIODS = EN.words("long_periods")
MONTH_NAMES = frozenset(name.lower() for name in calendar.month_name if name)
YEAR = re.compile(r"(19|20)\d\d")
TIME_ORDER_PREPS = EN.words("time_order_preps")
WAR_NOUNS = EN.words("war_nouns")
UNREAL_WORDS = EN.words("unreal_words")
CASUALTY_NOUNS = EN.words("casualty_nouns")
CASUALTY_VERBS = EN.words("casualty_verbs")
HABITUAL_WORDS = EN.words("habitual_words")
POSSESSIVE_PRONOUNS = EN.words("possessive_pronouns")
QUANTIFIER_WORDS = EN.words("quantifier_words")
CLAUSE_PREPS = EN.words("clause_preps")
ALLEGIANCE_WORDS = EN.words("allegiance_words")
MEMBERSHIP_PREPS = EN.words("membership_preps")
EXEMPLAR_PREPS = EN.words("exemplar_preps")
TARGET_PREPS = EN.words("target_preps")
MUTUAL_PREPS = EN.words("mutual_preps")
RELATIVE_PRONOUNS = EN.words("relative_pronouns")
# Grammar codes (dependency labels, POS tags, entity labels), not words of a language: they stay with the rules.
CORE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "csubj", "agent"})
ATTRIBUTIVE_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
NOUN_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
STATE_TYPES = frozenset(
    {
        ActorType.state_forces,
        ActorType.foreign_state,
        ActorType.international_coalition,
        ActorType.international_organisation,
        ActorType.civilians,
    }
)

# --------------------------------------------------------------------------- the spaCy component


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    key: str
    source: bool = False
    generic: bool = False


class ActorMarker:
    """Marks actor mentions in doc.spans["actors"] and source mentions in doc.spans["sources"].

    Span labels are entry keys (UNLISTED_LABEL for actors the dictionary does not
    know); `span._.actor_entry` / `span._.source_entry` give the entries.
    Dictionary matching needs only a tokenizer; unlisted actors need the
    parser and NER, so the component goes after "ner".
    """

    def __init__(self, nlp: Language, name: str, actors_path: Optional[str] = None, sources_path: Optional[str] = None):
        self.name = name
        self.actors_path = actors_path
        self.sources_path = sources_path
        self.actors: ActorDictionary = cached_dictionary(ActorDictionary, actors_path)
        self.sources: SourceRegistry = cached_dictionary(SourceRegistry, sources_path)
        for table in ("caseless", "capitals", "exact"):
            shared = getattr(self.actors.aliases, table).keys() & getattr(self.sources.aliases, table).keys()
            if shared:
                raise ConfigurationError(f"names in both the actor and the source dictionary: {sorted(shared)}")
        indexes = (self.actors.aliases, self.actors.modifiers, self.sources.aliases)
        self._lowered_keys = {key.lower() for index in indexes for key in index.keys()}
        self._sorted_keys = sorted(self._lowered_keys)
        self._first_words = frozenset(key.split(" ", 1)[0] for key in self._lowered_keys)
        self._longest = 2 * max(index.longest for index in indexes) + 1
        self._most_words = max(key.count(" ") + 1 for key in self._lowered_keys)

    def __call__(self, doc: Doc) -> Doc:
        text = _DocText(doc)
        mentions = self._name_mentions(text)
        mentions = self._attributive_mentions(text, mentions)
        mentions += self._sponsor_prefixes(text, mentions)
        if doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB"):
            mentions += self._entity_mentions(doc, mentions)
        mentions.sort(key=lambda m: (m.start, m.end, m.key))
        doc.spans[ACTOR_SPANS] = [Span(doc, m.start, m.end, label=m.key) for m in mentions if not m.source]
        doc.spans[ACTOR_SPANS].attrs[DICTIONARY_ATTR] = self.actors_path
        doc.spans[SOURCE_SPANS] = [Span(doc, m.start, m.end, label=m.key) for m in mentions if m.source]
        doc.spans[SOURCE_SPANS].attrs[DICTIONARY_ATTR] = self.sources_path
        return doc

    # -- names

    def _name_mentions(self, text: _DocText) -> list[_Mention]:
        """Dictionary names; of overlapping ones the longest wins ('Army of Conquest' over 'the army')."""
        candidates = [m for m in (self._longest_name_at(text, i) for i in range(len(text.tokens))) if m]
        kept: list[_Mention] = []
        taken: set[int] = set()
        for mention in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
            if not taken.intersection(range(mention.start, mention.end)):
                kept.append(mention)
                taken.update(range(mention.start, mention.end))
        return kept

    def _longest_name_at(self, text: _DocText, start: int) -> Optional[_Mention]:
        if not text.wordlike[start]:
            return None
        first = lowered_key(text.texts[start]).split(" ", 1)[0]
        if first not in self._first_words and not (first.endswith("s") and first[:-1] in self._first_words):
            return None  # no name starts with this word (most words): let it go before building any span text
        doc = text.doc
        longest = None
        for end in range(start + 1, min(len(text.tokens), start + self._longest) + 1):
            if text.is_punct[end - 1] and text.texts[end - 1] not in NAME_PUNCTUATION:
                break
            span_text = text.span_text(start, end)
            lowered = lowered_key(span_text)
            name = span_text if lowered in self._lowered_keys else self._possessive_name(text, end, span_text)
            if name is None and not self._is_key_prefix(lowered):
                break
            if name is None or not text.wordlike[end - 1]:
                continue
            key = self.actors.aliases.find(name)
            if key:
                longest = _Mention(start, end, key, generic=self.actors.entries[key].generic)
            elif key := self.sources.aliases.find(name):
                longest = _Mention(start, end, key, source=True)
        if longest is None or _shouted(doc, longest.start, longest.end):
            return None
        return longest

    def _possessive_name(self, text: _DocText, end: int, span_text: str) -> Optional[str]:
        """`span_text` (tokens up to `end`) without the 's' of a possessive whose apostrophe was
        lost ('the coalitions strikes', 'Assads forces') when a noun follows and the rest is
        a known name; else None."""
        last = text.texts[end - 1]
        if end >= len(text.tokens) or len(last) <= 2 or not last.endswith("s") or last.isupper():
            return None
        following = text.tokens[end]
        if following.pos_ not in NOUN_POS and text.lowers[end] not in HEAD_NOUNS:
            return None
        stripped = span_text[:-1]
        return stripped if lowered_key(stripped) in self._lowered_keys else None

    def _is_key_prefix(self, lowered: str) -> bool:
        """Some name starts with `lowered`, so a longer span may still match."""
        i = bisect_left(self._sorted_keys, lowered)
        return i < len(self._sorted_keys) and self._sorted_keys[i].startswith(lowered)

    def _name_ending_at(self, text: _DocText, end: int, lower_bound: int, *, modifiers_only: bool = False) -> Optional[_Mention]:
        """Longest modifier (or actor name) that ends just before token `end`."""
        for start in range(max(lower_bound, end - self._longest), end):
            if not text.wordlike[start] or text.fewest_words(start, end) > self._most_words + 1:
                continue  # (one word more: the possessive's lost apostrophe may leave an 's' of its own)
            name = text.span_text(start, end)
            if lowered_key(name) not in self._lowered_keys:
                owner = self._possessive_name(text, end, name)
                if owner is None:
                    continue
                name = owner
            key = self.actors.modifiers.find(name) or (None if modifiers_only else self.actors.aliases.find(name))
            if key:
                return _Mention(start, end, key, generic=self.actors.entries[key].generic)
        return None

    # -- attributive forms

    def _attributive_mentions(self, text: _DocText, mentions: list[_Mention]) -> list[_Mention]:
        """Extend or add mentions for actors written in front of a force or attack noun."""
        doc = text.doc
        by_token: dict[int, _Mention] = {i: m for m in mentions for i in range(m.start, m.end)}
        parsed = doc.has_annotation("POS")
        result = list(mentions)
        for head, head_lower in zip(text.tokens, text.lowers):
            if head_lower not in HEAD_NOUNS or head.dep_ == "compound" or (parsed and _used_as_verb(head)):
                continue
            current = by_token.get(head.i)
            if current and (current.source or current.end != head.i + 1):
                continue
            lower_bound = _sentence_start(head)
            if current and not current.generic and current.start < head.i:
                units = [current]
            else:
                first = self._attributive_before(text, head, current, lower_bound)
                if first is None:
                    continue
                units = [first]
            left = units[-1].start
            while left - 2 >= lower_bound and text.lowers[left - 1] in COORDINATORS:
                other = self._name_ending_at(text, left - 1, lower_bound, modifiers_only=True)
                if other is None:
                    break
                # "Syrian and Russian forces": "Syrian forces" is itself a name
                key = self.actors.aliases.find(f"{doc[other.start : other.end].text} {head.text}") or other.key
                units.append(_Mention(other.start, head.i + 1, key, generic=self.actors.entries[key].generic))
                left = other.start
            result = [m for m in result if m.source or not units[-1].start <= m.start < m.end <= head.i + 1] + units
            for unit in units:
                for i in range(unit.start, unit.end):
                    by_token[i] = unit
        return result

    def _attributive_before(self, text: _DocText, head: Token, current: Optional[_Mention], lower_bound: int) -> Optional[_Mention]:
        """The actor written in front of `head`, skipping weapon words ('air', 'barrel')
        and, before words that already name a side, states' adjectives ('Syrian rebels',
        'Syrian Kurdish forces'); before 'fighters', the nationality of the state at war
        with itself, which says where they come from, not whose side they are on ('US-backed
        Syrian fighters')."""
        names_a_side = head.lower_ in ACTOR_NOUNS or (
            current is not None and current.start < head.i and self.actors.entries[current.key].type != ActorType.unknown
        )
        end = current.start if current else head.i
        if any(text.lowers[i] in PROXY_NOUNS for i in range(end, head.i + 1)):
            return None  # "Iran's proxy militias": the name before a proxy is its sponsor, a mention of its own
        while end > lower_bound:
            if text.lowers[end - 1] in SKIPPABLE_WORDS:
                end -= 1
                continue
            if end - 2 > lower_bound and text.lowers[end - 1] in ALLEGIANCE_WORDS and text.texts[end - 2] in HYPHENS:
                end -= 2  # "Qaeda-linked militants", "Iran-allied militias": the side they are on
                continue
            found = self._name_ending_at(text, end, lower_bound)
            if found is None:
                return None
            entry = self.actors.entries[found.key]
            if entry.type == ActorType.foreign_state and _after_pro(text, found.start):
                return None  # "pro-Iranian militias": the militias are not Iran's forces but its clients
            if (names_a_side and entry.type in STATE_TYPES) or (
                head.lower_ in IRREGULAR_NOUNS
                and entry.type == ActorType.state_forces
                and _is_nationality(entry, text.span_text(found.start, end))
            ):
                end = found.start
                continue
            return _Mention(found.start, head.i + 1, found.key, generic=entry.generic)
        return None

    def _sponsor_prefixes(self, text: _DocText, mentions: list[_Mention]) -> list[_Mention]:
        """'Turkish-backed rebels', 'Saudi- and US-backed rebels', 'pro-Iranian militias': the states are
        mentioned too, as the backers (a "pro-" side only when it is a state: 'pro-government' names a side)."""
        existing = {(m.start, m.end) for m in mentions}
        found = []
        doc = text.doc
        # read by index: a Token and its sentence looked up for every token cost a tenth of the actors' time
        sentence_starts = doc_tokens(doc).sentence_starts if doc.has_annotation("SENT_START") else [0] * len(doc)
        for i, lower_bound in enumerate(sentence_starts):
            backers: list[Optional[_Mention]] = []
            if i >= 2 and text.lowers[i] in BACKED_WORDS and text.texts[i - 1] in HYPHENS:
                backers.append(self._name_ending_at(text, i - 1, lower_bound))
            elif prefix := _backed_prefix(text.texts[i]):
                key = self.actors.modifiers.find(prefix) or self.actors.aliases.find(prefix)
                backers.append(_Mention(i, i + 1, key) if key else None)
            elif i + 2 < len(text.tokens) and text.lowers[i] in PRO_PREFIXES and text.texts[i + 1] in HYPHENS:
                state = self._name_starting_at(text, i + 2)
                backers.append(state if state and self.actors.entries[state.key].type == ActorType.foreign_state else None)
            elif text.lowers[i] in PROXY_NOUNS and i > lower_bound:
                backers.append(self._name_ending_at(text, i, lower_bound, modifiers_only=True))  # "Turkish proxies"
            # "Saudi- and US-backed": a name, a hyphen and "and" before the backer are a backer too
            while backers and backers[-1] is not None and backers[-1].start - 2 >= lower_bound:
                start = backers[-1].start
                if text.lowers[start - 1] not in COORDINATORS:
                    break
                if text.texts[start - 2] in HYPHENS and start - 3 >= lower_bound:
                    backers.append(self._name_ending_at(text, start - 2, lower_bound))
                elif text.texts[start - 2][-1:] in HYPHENS:  # the tokenizer kept "Saudi-" whole
                    key = self.actors.modifiers.find(text.texts[start - 2][:-1]) or self.actors.aliases.find(text.texts[start - 2][:-1])
                    backers.append(_Mention(start - 2, start - 1, key) if key else None)
                else:
                    break
            found += [b for b in backers if b is not None and (b.start, b.end) not in existing]
        return found

    def _name_starting_at(self, text: _DocText, start: int) -> Optional[_Mention]:
        """The longest modifier or actor name that starts at token `start` ('Iranian' in 'pro-Iranian')."""
        for end in range(min(len(text.tokens), start + self._longest), start, -1):
            name = text.span_text(start, end)
            if lowered_key(name) in self._lowered_keys and (key := self.actors.modifiers.find(name) or self.actors.aliases.find(name)):
                return _Mention(start, end, key, generic=self.actors.entries[key].generic)
        return None

    # -- entities the dictionary does not know

    def _entity_mentions(self, doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
        """ORG and NORP entities: dictionary names in other spellings (a lone modifier too:
        'Regime' read as a name at the start of a headline), or unlisted groups that act as
        perpetrators. Places marked by an earlier component are skipped."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        taken |= {i for place in doc.spans.get("places", []) for i in range(place.start, place.end)}
        found = []
        actor_tokens = {i for m in mentions if not m.source for i in range(m.start, m.end)}
        for ent in doc.ents:
            if not _may_name_a_group(ent):
                continue
            span = ent[1:] if len(ent) > 1 and ent[0].lower_ == "the" else ent
            if any(i in taken for i in range(span.start, span.end)):
                continue
            modifier = self.actors.modifiers.find(span.text) if len(span) == 1 else None
            actor = self.actors.lookup(span.text) or (self.actors.get(modifier) if modifier else None)
            source = None if actor else self.sources.lookup(span.text)
            if actor:
                found.append(_Mention(span.start, span.end, actor.key, generic=actor.generic))
            elif source:
                found.append(_Mention(span.start, span.end, source.key, source=True))
            elif _role(span, actor_tokens | set(range(span.start, span.end))) == "perpetrator":
                found.append(_Mention(span.start, span.end, UNLISTED_LABEL))
        return found


def _after_pro(text: _DocText, start: int) -> bool:
    """The name at `start` is written after "pro-" ("pro-Iranian")."""
    return start >= 2 and text.texts[start - 1] in HYPHENS and text.lowers[start - 2] in PRO_PREFIXES


def _is_nationality(entry: ActorEntry, text: str) -> bool:
    """`text` is one of the entry's modifiers that the dictionary spells capitalised ('Syrian'),
    a nationality, as opposed to 'regime' or 'government'."""
    return any(m[:1].isupper() and m.lower() == text.lower() for m in entry.modifiers)


def _used_as_verb(token: Token) -> bool:
    """'fighters killing 25 soldiers', 'rebels attack the town', not 'rebel shelling of the
    city' or 'US airstrikes in Raqqa' (which the parser may also tag as verbs): a verb with
    a subject, an object or an auxiliary."""
    if token.pos_ in NOUN_POS:
        return False
    return any(c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "aux", "auxpass") for c in token.children)


def _backed_prefix(word: str) -> Optional[str]:
    """'U.S.-backed' as one token (the tokenizer keeps 'U.S.' whole): the 'U.S.' part."""
    prefix, hyphen, participle = word.rpartition("-")
    return prefix if hyphen and prefix and participle.lower() in BACKED_WORDS else None


def _may_name_a_group(ent: Span) -> bool:
    """ORG entities, and NORP ones that are plural nouns ('Chechens', not 'Syrian');
    not headline phrases that end in an attack ('Ghouta Massacre')."""
    last = ent[-1]
    if last.lower_ in ATTACK_NOUNS or last.lower_ in WEAPON_NOUNS or last.lower_ in MUTUAL_WORDS:
        return False
    return ent.label_ == "ORG" or (ent.label_ == "NORP" and last.tag_ in ("NNS", "NNPS"))


def _is_wordlike(token: Token) -> bool:
    return any(c.isalnum() for c in token.text)


class _DocText:
    """Texts of a doc's tokens, read once per doc: making a Span or Token for every
    candidate name costs more than looking the name up."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.tokens: list[Token] = list(doc)
        columns = doc_tokens(doc)  # shared with the other components
        self.texts = columns.texts
        self.texts_with_ws = [text + " " if spaced else text for text, spaced in zip(columns.texts, columns.spaced)]
        self.lowers = columns.lowers
        self.is_punct = [t.is_punct for t in self.tokens]
        self.wordlike = [any(c.isalnum() for c in t) for t in self.texts]
        # Tokens with an ASCII letter or digit after a space: each one a word of any name read from them
        # (`lowered_key` folds no such character away), so their count is a floor on a name's words.
        ascii_words = [any(c.isascii() and c.isalnum() for c in t) for t in self.texts]
        self._ascii_words = ascii_words
        self._openings = list(
            accumulate(
                (ascii_words[i] and i > 0 and self.texts_with_ws[i - 1] != self.texts[i - 1] for i in range(len(ascii_words))), initial=0
            )
        )

    def fewest_words(self, start: int, end: int) -> int:
        """The least number of words `lowered_key` finds in the text of tokens start..end."""
        return self._ascii_words[start] + self._openings[end] - self._openings[start + 1]

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text` (end > start) without building the Span."""
        return "".join(self.texts_with_ws[start : end - 1]) + self.texts[end - 1]


def _shouted(doc: Doc, start: int, end: int) -> bool:
    """A short name in capitals between words in capitals is a headline word ('WHO', 'IS')."""
    text = doc[start:end].text
    if len(text) > 4 or not is_capitals(text):
        return False
    before = next((t for t in reversed(doc[max(0, start - 3) : start]) if t.is_alpha), None)
    after = next((t for t in doc[end : end + 3] if t.is_alpha), None)
    return all(t is not None and is_capitals(t.text) for t in (before, after))


def _sentence_start(token: Token) -> int:
    doc = token.doc
    if doc.has_annotation("SENT_START"):
        return doc_tokens(doc).sentence_start(token.i)
    return 0


def _actor_entry(span: Span) -> Optional[ActorEntry]:
    return _group_dictionary(span, ACTOR_SPANS, ActorDictionary).get(span.label_)


def _source_entry(span: Span) -> Optional[SourceEntry]:
    return _group_dictionary(span, SOURCE_SPANS, SourceRegistry).get(span.label_)


def _group_dictionary(span: Span, group: str, cls: type):
    """The dictionary the labels of `group` refer to (the bundled one unless configured)."""
    spans = span.doc.spans.get(group)
    return cached_dictionary(cls, spans.attrs.get(DICTIONARY_ATTR) if spans is not None else None)


Span.set_extension("actor_entry", getter=_actor_entry, force=True)
Span.set_extension("source_entry", getter=_source_entry, force=True)


# --------------------------------------------------------------------------- roles


@dataclass(frozen=True)
class RoleReading:
    """An actor with its role in one sentence, and whether it is a perpetrator only as a side
    of a fight ("clashes between X and Y", "X battled Y") or as the taker of ground ("the
    town was captured by X"), which does not say who did the killing."""

    actor: Actor
    side_only: bool = False


def read_roles(sentence: Span, actor_spans: list[Span]) -> list[RoleReading]:
    """Actors of one sentence with the role the parse gives them, deduplicated by (role, name).

    Spans outside the sentence are ignored; spans without a role cue are left
    out, and so are perpetrators of habitual, long-running, past or denied acts;
    civilians are only ever targets.
    """
    inside = sorted((s for s in actor_spans if sentence.start <= s.start and s.end <= sentence.end), key=lambda s: (s.start, s.end))
    actor_tokens = {i for span in inside for i in range(span.start, span.end)}
    readings: dict[tuple[str, str], RoleReading] = {}
    for number, span in enumerate(inside):
        role = _role(span, actor_tokens)
        if role == "perpetrator" and (_habitual(span) or _denied(span) or _days_apart(span) or _war_history(span) or _unreal_attack(span)):
            continue
        entry: Optional[ActorEntry] = _possessor(span, inside[:number]) or _identified_as(span) or span._.actor_entry
        if role is None or (entry and entry.type == ActorType.civilians and role != "target"):
            continue
        actor = Actor(
            role=role,
            text=span.text,
            name=entry.name if entry else span.text,
            type=entry.type if entry else ActorType.unknown,
            country=entry.country if entry else None,
        )
        side_only = role == "perpetrator" and _side_only(span, actor_tokens)
        earlier = readings.get((actor.role, actor.name))
        if earlier is None or (earlier.side_only and not side_only):
            readings[(actor.role, actor.name)] = RoleReading(actor, side_only)
    return list(readings.values())


def _habitual(span: Span) -> bool:
    """'IS has carried out several bombings in Kurdish areas in the past', 'the city has been
    regularly targeted by X', 'X has besieged the town since 2013': what an actor does
    habitually, has done for a long time or did before is background, not the incident told."""
    verb = next((t for t in _role_bearer(_mention_head(span)).ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL_WORDS for c in verb.children):
        return True
    if any(t.lower_ == "past" for t in _prepositional_objects(verb, {"in"})):
        return True
    if any(_long_ago(c) for c in verb.children if c.dep_ in ("npadvmod", "advmod")):
        return True
    if any(_month_of_year(t) for t in _prepositional_objects(verb, {"in"})):
        return True
    return any(t.ent_type_ == "DATE" and t.like_num for t in _prepositional_objects(verb, {"since"}))


def _days_apart(span: Span) -> bool:
    """'days after a regime chemical attack', 'two weeks after rebels shelled the town', 'the attack
    came after X shelled ...': an act that the text dates days or more apart from the one told, or
    that the one told came after, is another event ('hours after' may be the same)."""
    for word in _role_bearer(_mention_head(span)).ancestors:
        if word.pos_ in ("VERB", "AUX"):
            marks = {c.lower_ for c in word.children if c.dep_ == "mark"}
            if word.dep_ == "advcl" and marks & TIME_ORDER_PREPS and (_counts_days(word) or _came_after(word.head)):
                return True
        elif word.lower_ in TIME_ORDER_PREPS and (_counts_days(word) or _is_days(word.head) or _came_after(word.head)):
            return True  # "days after ...", parsed either way round
    return False


def _came_after(verb: Token) -> bool:
    """'the attack came after ...'; not 'the casualties came after a rocket attack' (CASUALTY_NOUNS)."""
    return verb.lemma_ == "come" and not any(s.lower_ in CASUALTY_NOUNS for s in _subjects(verb))


def _war_history(span: Span) -> bool:
    """'the war, which broke out after the regime cracked down on protests': what a clause that
    describes the war (its start, its course) tells is the war's history, not the incident."""
    for word in _role_bearer(_mention_head(span)).ancestors:
        if word.dep_ in ("relcl", "acl") and word.head.lemma_.lower() in WAR_NOUNS:
            return True
    return False


def _counts_days(word: Token) -> bool:
    return any(c.dep_ == "npadvmod" and _is_days(c) for c in word.children)


def _is_days(word: Token) -> bool:
    return word.lemma_.lower() in {"day", "week"} | LONG_PERIODS


def _month_of_year(word: Token) -> bool:
    """'in August 2013', 'in 2014': a month or a year named whole dates what happened in it from afar;
    the incident a report tells is dated by its day."""
    if YEAR.fullmatch(word.text):
        return True
    return (
        word.ent_type_ == "DATE"
        and word.lower_ in MONTH_NAMES
        and any(YEAR.fullmatch(c.text) for c in word.children)
        and not any(c.like_num and len(c.text) <= 2 for c in word.children)
    )


def _long_ago(word: Token) -> bool:
    """'last month', 'last year', 'two years ago', 'months ago': a time a month or more before the report."""
    if word.lower_ == "ago":
        word = next((c for c in word.children if c.dep_ == "npadvmod"), word)
    if word.lemma_.lower() not in LONG_PERIODS:
        return False
    return any(c.lower_ == "last" for c in word.children) or any(t.lower_ == "ago" for t in (word.head, *word.children))


def _denied(span: Span) -> bool:
    """'Russia denied that its jets had struck the hospital': a perpetrator in a clause that
    someone denies is not one the text asserts."""
    return any(t.lemma_.lower() in DENYING_VERBS for t in _mention_head(span).ancestors if t.pos_ in ("VERB", "AUX"))


def _possessor(span: Span, earlier: list[Span]) -> Optional[ActorEntry]:
    """'IS said one of its fighters blew himself up': for a description of armed men
    ('fighters', 'forces', not 'residents') under 'its' or 'their', the side the pronoun stands
    for: the nearest earlier mention of a side in the sentence that is a subject."""
    entry: Optional[ActorEntry] = span._.actor_entry
    head = _mention_head(span)
    if (
        entry is None
        or not entry.generic
        or entry.type == ActorType.civilians
        or not any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in head.children)
    ):
        return None
    for other in reversed(earlier):
        candidate: Optional[ActorEntry] = other._.actor_entry
        if (
            candidate is not None
            and not candidate.generic
            and candidate.type not in (ActorType.civilians, ActorType.international_organisation)
            and _role_bearer(_mention_head(other)).dep_ in ("nsubj", "nsubjpass")
        ):
            return candidate
    return None


def _identified_as(span: Span) -> Optional[ActorEntry]:
    """'warplanes believed to be Russian', 'planes thought to belong to the regime': for a
    description, the side it is said to be (the first one named)."""
    entry: Optional[ActorEntry] = span._.actor_entry
    if entry is None or not entry.generic or entry.type == ActorType.civilians:
        return None
    head = _mention_head(span)
    verbs = [c for c in head.children if c.dep_ == "acl"]
    if head.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(head.head)
    dictionary = _group_dictionary(span, ACTOR_SPANS, ActorDictionary)
    for verb in verbs:
        if verb.lemma_.lower() not in RAISING_VERBS:
            continue
        for complement in (c for c in verb.children if c.dep_ == "xcomp"):
            if complement.lemma_ == "be":
                named = [c for c in complement.children if c.dep_ in ("acomp", "attr")]
            elif complement.lemma_ == "belong":
                named = _prepositional_objects(complement, {"to"})
            else:
                continue
            for word in named:
                text = " ".join(t.text for t in word.subtree if t.dep_ not in ("det", "cc", "conj", "punct"))
                key = dictionary.modifiers.find(text) or dictionary.aliases.find(text) or dictionary.aliases.find(word.text)
                if key:
                    return dictionary.get(key)
    return None


def assign_roles(sentence: Span, actor_spans: list[Span]) -> list[Actor]:
    """Actors of one sentence with their roles (see read_roles)."""
    return [reading.actor for reading in read_roles(sentence, actor_spans)]


def rank_actors(readings: Iterable[RoleReading]) -> list[Actor]:
    """Actors of several sentences, deduplicated by (role, name), in text order. Perpetrators
    known only as sides of a fight or takers of ground are left out when someone is said to
    have struck: in "clashes between X and Y escalated; Y's jets bombed the city" the bombing
    is Y's, and in "the bomb hit a district held by the regime, which has been fighting an
    uprising" the regime is background."""
    readings = list(readings)
    if any(r.actor.role == "perpetrator" and not r.side_only for r in readings):
        readings = [r for r in readings if not r.side_only]
    # A sponsor is never also the one who struck: "Iran-backed militias and Iranian forces" is Iran's own attack.
    struck = {r.actor.name for r in readings if r.actor.role == "perpetrator"}
    readings = [r for r in readings if not (r.actor.role == "sponsor" and r.actor.name in struck)]
    actors: dict[tuple[str, str], Actor] = {}
    for reading in readings:
        actors.setdefault((reading.actor.role, reading.actor.name), reading.actor)
    return list(actors.values())


def in_story(actor: Actor, span: Span, country: Optional[str]) -> Actor:
    """`actor`, read from `span`, as the story's country names it: a description of state forces ("government
    forces", "the army") is the forces of the country the story is about (ActorDictionary.in_story)."""
    entry: Optional[ActorEntry] = span._.actor_entry
    if entry is None or actor.name != entry.name:
        return actor  # a side given by the sentence ("its fighters"), not by the words
    dictionary = _group_dictionary(span, ACTOR_SPANS, ActorDictionary)
    resolved = dictionary.in_story(entry, country) if dictionary.describes(entry, span.text) else entry
    if resolved is entry:
        return actor
    return actor.model_copy(update={"name": resolved.name, "type": resolved.type, "country": resolved.country})


def perpetrator_class(actors: list[Actor], dictionary: Optional[ActorDictionary] = None) -> str:
    """FA-KES class of the main perpetrator: the first perpetrator (actors come in text
    order, so the one the story leads with) that has a class, else 'unknown'. Perpetrators
    without a class ("gunmen", "warplanes", Turkey) say nothing about the class and are passed
    over; a named side met later in background sentences must not outrank the one that led."""
    dictionary = dictionary or ActorDictionary.default()
    for actor in actors:
        entry = dictionary.by_name(actor.name) if actor.role == "perpetrator" else None
        if entry and entry.fakes_class != UNKNOWN_CLASS:
            return entry.fakes_class
    return UNKNOWN_CLASS


def _role(span: Span, actor_tokens: set[int]) -> Optional[ActorRole]:
    """Role of one mention, from hyphenated compounds, then the parse."""
    doc = span.doc
    if len(span) == 1 and _backed_prefix(span[0].text):
        return "sponsor"
    if _backed_after_coordinator(span):
        return "sponsor"
    if span.end + 1 < len(doc) and doc[span.end].text in HYPHENS:
        participle = doc[span.end + 1]
        if participle.lower_ in BACKED_WORDS:
            return "sponsor"
        if participle.lower_ == "led" and _is_attack_noun(participle.head):
            return "perpetrator"
    entry: Optional[ActorEntry] = span._.actor_entry
    if entry is not None and entry.type == ActorType.foreign_state:
        if span.start >= 2 and doc[span.start - 1].text in HYPHENS and doc[span.start - 2].lower_ in PRO_PREFIXES:
            return "sponsor"  # "pro-Iranian militias"
        if _loyal_to(_mention_head(span)):
            return "sponsor"  # "militias loyal to Iran"; "forces loyal to Assad" are Assad's own
    if _names_an_attack(span):
        return "perpetrator"
    if _proxy_of(_mention_head(span)):
        return "sponsor"  # "Iran's proxy militias", "Turkish proxies"
    token = _role_bearer(_mention_head(span))
    if token.lower_ in SPONSOR_NOUNS:
        return "sponsor"
    if token.dep_ in ATTRIBUTIVE_DEPS:
        if _is_attack_noun(token.head):
            return "perpetrator"
        if token.head.lower_ in PROXY_NOUNS:
            return "sponsor"
    if _answers_for_attack(token) or _answers_for_attack(_mention_head(span)):
        return "perpetrator"
    if token.dep_ == "nsubj" and (_headline_participle(token.head) or _bare_participle(token.head)):
        return "target"
    return _clause_role(token, actor_tokens) or _relative_clause_role(token) or _headline_role(span)


def _backed_after_coordinator(span: Span) -> bool:
    """'Saudi- and US-backed rebels': the name before "- and" shares the backing participle after the next name."""
    doc = span.doc
    after = span.end + 1 if span.end < len(doc) and doc[span.end].text in HYPHENS else span.end
    if (after == span.end and span[-1].text[-1:] not in HYPHENS) or after + 1 >= len(doc) or doc[after].lower_ not in COORDINATORS:
        return False
    for i in range(after + 1, min(len(doc) - 1, after + 7)):
        if doc[i].text in HYPHENS:
            return doc[i + 1].lower_ in BACKED_WORDS
        if _backed_prefix(doc[i].text):
            return True
    return False


def _loyal_to(token: Token) -> bool:
    """'militias loyal to Iran': the object of a word of allegiance to a backer."""
    head = token.head
    return token.dep_ == "pobj" and head.lower_ in ("to", "with") and head.head.lower_ in SPONSOR_ALLEGIANCE_WORDS


def _proxy_of(token: Token) -> bool:
    """'Iran's proxies', 'Turkish proxies', 'Iran's proxy militias': whose proxy a force is."""
    if token.dep_ not in ATTRIBUTIVE_DEPS:
        return False
    head = token.head
    return head.lower_ in PROXY_NOUNS or any(c.dep_ in ("compound", "amod") and c.lower_ in PROXY_NOUNS for c in head.children)


def sponsor_certainty(span: Span) -> Optional[Certainty]:
    """Alleged when the backing is hedged where it is said: 'rebels allegedly armed by Qatar', 'believed to
    be backed by Qatar', 'accused of being funded by Qatar'; else None (as the sentence says it)."""
    token = _mention_head(span)
    for word in token.ancestors:
        if word.pos_ in NOUN_POS and word.dep_ not in ("pobj", "pcomp"):
            break  # the side backed: what is said of it is not said of the backing
        if any(c.dep_ == "advmod" and c.lower_ in HEDGE_WORDS for c in word.children):
            return Certainty.alleged
        if word.lemma_.lower() in RAISING_VERBS | ACCUSING_VERBS:
            return Certainty.alleged
    return None


def _headline_participle(verb: Token) -> bool:
    """'Nusra Commander Killed in Latakia': a capitalised violent participle inside a sentence
    and without an object is a headline's passive ('was killed'), which the parser reads as
    an active verb; not 'Army Killed 175 Terrorists'."""
    following = verb.nbor() if verb.i + 1 < len(verb.doc) else None
    return (
        verb.text.istitle()
        and verb.tag_ in ("VBN", "VBD")
        and verb.lower_.endswith("ed")
        and not verb.is_sent_start
        and _is_violent_verb(verb)
        and not any(c.dep_ == "dobj" for c in verb.children)
        and not (following is not None and following.like_num)
    )


def _bare_participle(verb: Token) -> bool:
    """'(the province saw) 25 Nusra fighters killed', '30 soldiers wounded in ambush': 'killed' or 'wounded'
    as a past participle (VBN) with a subject but neither 'have' nor an object is a passive whose 'were'
    was left out (the tagger's VBN on other verbs is less sure)."""
    return (
        verb.tag_ == "VBN"
        and verb.lemma_.lower() in CASUALTY_VERBS
        and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)
    )


def _headline_role(span: Span) -> Optional[ActorRole]:
    """'Syrian Army Kills 30 ISIL Terrorists': in a headline in title case, which the parser
    reads as one long name, an actor directly followed by a capitalised violence verb in
    the present tense (or one that launches an attack or uses a weapon named right after),
    then by a number or another capitalised word, is its subject."""
    doc = span.doc
    if span.end + 1 >= len(doc):
        return None
    verb, after = doc[span.end], doc[span.end + 1]
    word = verb.text
    if not (word.istitle() and (after.like_num or after.text[:1].isupper())):
        return None
    stems = present_stems(word)
    if stems & VIOLENCE_VERBS:
        return "perpetrator"
    # "ISIL Uses Chemical Weapons", "Army Launches Offensive", "Army Foils Terrorist Attack"
    following = doc[span.end + 1 : span.end + 4]
    attacking = any(t.lower_ in ATTACK_NOUNS or t.lower_ in WEAPON_NOUNS for t in following)
    if stems & (LAUNCH_VERBS | FOILING_VERBS) and attacking:
        return "perpetrator"
    return None


def _side_only(span: Span, actor_tokens: set[int]) -> bool:
    """The mention is a perpetrator only as a side of a fight ('clashes between X and Y',
    'X clashed with Y', 'X battled Y', 'X-Y clashes', 'the regime, which has been fighting an
    uprising') or as the taker of ground ('the town was captured by X in May'), which does
    not say who did the killing."""
    token = _role_bearer(_mention_head(span))
    head, dep = token.head, token.dep_
    if _attack_foiled(span, token) or (dep == "nsubj" and _only_foils(head)):
        return True  # an attack repelled: the attacker and the one who repelled it are the two sides of a fight
    if dep in ATTRIBUTIVE_DEPS and _is_attack_noun(head):
        return _is_mutual(head)
    if _clause_role(token, actor_tokens) != "perpetrator":
        return any(_is_mutual(child) for child in token.children if child.dep_ in ("relcl", "acl"))
    if dep == "pobj" and head.lower_ == "by":
        return _only_takes_ground(head.head)
    if dep == "pobj":
        if not (head.lower_ in MUTUAL_PREPS and _is_mutual(head.head)):
            return False
        # "21 soldiers were killed in clashes with X": the deaths of one side are the other's doing
        fight = head.head
        died_in_it = fight.head.dep_ == "prep" and _is_violent_verb(fight.head.head) and not _is_mutual(fight.head.head)
        return not (head.lower_ in ("with", "against") and died_in_it)
    if dep in ("nsubj", "nsubjpass", "dobj", "csubj"):
        # "three soldiers were killed fighting X": X killed them
        if (
            dep == "dobj"
            and head.dep_ in ("advcl", "xcomp")
            and _is_violent_verb(head.head)
            and any(c.dep_ == "nsubjpass" for c in head.head.children)
        ):
            return False
        if dep == "nsubj" and _only_takes_ground(head):
            return True
        return _is_mutual(head) or (not _is_violent_verb(head) and any(_is_mutual(v) for v in _chained(head)))
    return False


def _attack_foiled(span: Span, bearer: Token) -> bool:
    """The mention is the author of an attack that someone repelled or foiled ('repelled a rebel
    offensive', 'thwarted a series of attacks by X', 'the X attack was repulsed', the headline
    'Army Foils Takfiri Attack'): the deaths in it are the foiler's doing as much as the attacker's."""
    attack = _authored_attack(span, bearer)
    if attack is None:
        return False
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.text.istitle() and not before.is_sent_start:
        if present_stems(before.text) & FOILING_VERBS:
            return True  # a headline in title case, which the parser reads as one name
    if attack.dep_ == "pobj" and attack.head.lower_ == "of" and attack.head.head.lower_ in QUANTITY_NOUNS:
        attack = attack.head.head  # "a series of attacks"
    return attack.dep_ in ("dobj", "nsubjpass") and _is_foiling(attack.head)


def _only_foils(verb: Token) -> bool:
    """'resisted and foiled the attack', not 'foiled the attack, killing 30 attackers' nor 'repelled the
    attack' (repelling is fighting)."""
    verbs = [verb, *_chained(verb)]
    foils = any(_is_foiling(v) and _concerns_attack(v) for v in verbs)
    return foils and not any(_is_violent_verb(v) for v in verbs)


def _authored_attack(span: Span, bearer: Token) -> Optional[Token]:
    """The attack noun the mention is named as the author of: 'rebel shelling', 'the regime's
    offensive', 'attacks by X'."""
    if _names_an_attack(span):
        return _mention_head(span)
    if bearer.dep_ in ATTRIBUTIVE_DEPS and _is_attack_noun(bearer.head):
        return bearer.head
    if bearer.dep_ == "pobj" and bearer.head.lower_ == "by" and _is_attack_noun(bearer.head.head):
        return bearer.head.head
    return None


def _unreal_attack(span: Span) -> bool:
    """'bracing for a possible US attack', 'a planned rebel offensive', 'where American missiles might
    strike': an attack not (yet) made; not 'X may have struck', a hedged past."""
    bearer = _role_bearer(_mention_head(span))
    attack = _authored_attack(span, bearer)
    if attack is not None and any(c.dep_ == "amod" and c.lower_ in UNREAL_WORDS for c in attack.children):
        return True
    verb = bearer.head if bearer.dep_ in ("nsubj", "nsubjpass") else None
    if verb is None:
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(a.tag_ == "MD" for a in auxiliaries) and not any(a.lemma_ == "have" for a in auxiliaries)


def _is_foiling(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in FOILING_VERBS or any((lemma, c.lower_) in FOILING_PARTICLES for c in verb.children if c.dep_ == "prt")


def present_stems(word: str) -> set[str]:
    """'Kills' -> kill, 'Launches' -> launch: a headline verb in the present, the parser's tags aside."""
    lowered = word.lower()
    return {lowered, lowered.removesuffix("s"), lowered.removesuffix("es")}


def _only_takes_ground(verb: Token) -> bool:
    """'captured the town', not 'captured the town, killing 20 soldiers'."""
    if verb.lemma_.lower() not in CAPTURING_VERBS:
        return False
    return not any(_is_violent_verb(v) and v.lemma_.lower() not in CAPTURING_VERBS for v in _chained(verb))


def _names_an_attack(span: Span) -> bool:
    """'regime shelling', 'a US-led coalition airstrike': an actor written in front of an
    attack or weapon, as opposed to a name that ends in one ('... Chemical Weapons')."""
    entry: Optional[ActorEntry] = span._.actor_entry
    if entry is None or len(span) < 2 or not (span[-1].lower_ in ATTACK_NOUNS or span[-1].lower_ in WEAPON_NOUNS):
        return False
    dictionary = _group_dictionary(span, ACTOR_SPANS, ActorDictionary)
    return dictionary.aliases.find(span.text) != entry.key


def _mention_head(span: Span) -> Token:
    """The span's syntactic root; when the parser split a name into pieces attached
    outside it ('Jaish al-Islam' with 'Islam' as the subject and 'al' as a compound), the
    piece that is a subject or object; when it mistook a name for a verb ('IS' as in 'IS
    fighters' parsed as an auxiliary), its last noun."""
    inside = range(span.start, span.end)  # `token in span` would walk the span's tokens
    outside = [t for t in span if t.head.i not in inside or t.head == t]
    argument = next((t for t in outside if t.dep_ in CORE_DEPS and t.pos_ in NOUN_POS), None)
    if len(outside) > 1 and argument is not None:
        return argument
    if span.root.pos_ in NOUN_POS:
        return span.root
    return next((t for t in reversed(span) if t.pos_ in NOUN_POS and t.head.i not in inside), span.root)


def _role_bearer(token: Token) -> Token:
    """The word whose place in the clause gives the mention its role: climbs from
    'ISIS' to 'positions' in 'ISIS positions', from 'Turkey' to 'sponsors' in
    'sponsors, particularly Qatar and Turkey', from 'Assad' to 'force' in 'the air force of
    Assad' and to 'forces' in 'forces loyal to Assad', from the second conjunct to the first."""
    seen: set[int] = set()
    while token.i not in seen:
        seen.add(token.i)
        head, dep = token.head, token.dep_
        if dep == "conj" and head.pos_ in NOUN_POS:
            token = head
        elif dep in ATTRIBUTIVE_DEPS and head.lower_ in ROLE_CARRIERS:
            token = head
        elif dep == "pobj" and head.lower_ in MEMBERSHIP_PREPS and (head.head.lower_ in PART_NOUNS | FORCE_NOUNS | QUANTIFIER_WORDS):
            token = head.head
        elif dep == "appos" and head.pos_ in NOUN_POS:
            token = head
        elif (
            dep == "pobj"
            and head.lower_ in ("to", "with")
            and head.head.lower_ in ALLEGIANCE_WORDS
            and (head.head.head.lower_ in ROLE_CARRIERS)
        ):
            token = head.head.head  # "forces loyal to Assad", "militias allied with the regime"
        elif dep == "pobj" and head.lower_ in EXEMPLAR_PREPS and head.head.pos_ in NOUN_POS:
            token = head.head
        else:
            break
    return token


def _clause_role(token: Token, actor_tokens: set[int]) -> Optional[ActorRole]:
    head, dep = token.head, token.dep_
    if dep in ("nsubj", "csubj"):
        return _subject_role(head, actor_tokens) or _claimed_role(head, actor_tokens)
    if dep == "nsubjpass":
        if _is_violent_verb(head):
            return "perpetrator" if _is_mutual(head) else "target"
        # "X is believed to have carried out the attack"
        raised = [_subject_role(v, actor_tokens) for v in _chained(head)] if head.lemma_ in RAISING_VERBS else []
        return "perpetrator" if "perpetrator" in raised else None
    if dep == "dobj":
        if _is_violent_verb(head):
            return "perpetrator" if _is_mutual(head) else "target"
        accused_of = _prepositional_objects(head, {"of", "for"})
        if head.lemma_ in ACCUSING_VERBS and any(_is_attack_word(t) for o in accused_of for t in _clause_tokens(o)):
            return "perpetrator"
        # "... were killed when a car bomb exploded, the monitor said, blaming IS"
        if head.lemma_ == "blame" and not accused_of and any(_is_attack_word(t) for t in head.sent):
            return "perpetrator"
        if head.lemma_ in INCLUDING_VERBS and any(_is_attack_noun(s) for s in _subjects(head)):
            return "perpetrator"
        return None
    if dep == "pobj":
        return _prepositional_role(token.head, actor_tokens)
    return _unattached_subject_role(token, actor_tokens)


def _claimed_role(verb: Token, actor_tokens: set[int]) -> Optional[ActorRole]:
    """'IS said it killed 50 fighters': the speaker is the perpetrator of the act it tells of in its own
    person (a pronoun subject of the reported clause); not what it says others did, nor what it says it
    did not do or would do."""
    if verb.lemma_.lower() not in CLAIMING_VERBS:
        return None
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        own = any(c.dep_ == "nsubj" and c.lower_ in SELF_PRONOUNS for c in clause.children)
        if own and not any(c.dep_ == "neg" or c.tag_ == "MD" for c in clause.children):
            if _subject_role(clause, actor_tokens) == "perpetrator":
                return "perpetrator"
    return None


def _unattached_subject_role(token: Token, actor_tokens: set[int]) -> Optional[ActorRole]:
    """A noun phrase the parser left hanging (attached to punctuation, or as 'dep')
    before a main verb that has no subject is that verb's subject."""
    if token.dep_ != "dep" and not token.head.is_punct:
        return None
    verb = token.sent.root
    if verb.i <= token.i or any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children):
        return None
    return _subject_role(verb, actor_tokens)


def _prepositional_role(preposition: Token, actor_tokens: set[int]) -> Optional[ActorRole]:
    word, governor = preposition.lower_, preposition.head
    # "blamed the attack on X", "the attack was blamed on X", "attributed the strikes to X"
    imputing = governor.head if governor.dep_ == "dobj" and _is_attack_noun(governor) else governor
    if (word, imputing.lemma_.lower()) in IMPUTING:
        return "perpetrator"
    if word == "by":
        if _is_violent_verb(governor) or _is_attack_noun(governor):
            return "perpetrator"
        # "subjected to an onslaught by X", "came under attack by X"
        if any(_is_attack_noun(t) for t in _prepositional_objects(governor, {"to", "under"})):
            return "perpetrator"
        if (governor.lemma_ in LAUNCH_VERBS or _is_foiling(governor)) and _concerns_attack(governor):
            return "perpetrator"
        if governor.lemma_ in BACKING_VERBS | SUPPLYING_VERBS and _backs_a_side(governor, actor_tokens):
            return "sponsor"
        return None
    if word in MUTUAL_PREPS and _is_mutual(governor):
        return "perpetrator"
    attacking = _is_violent_verb(governor) or _is_attack_noun(governor)
    if word in TARGET_PREPS and (attacking or (governor.lemma_ in LAUNCH_VERBS and _concerns_attack(governor))):
        return "target"
    if word == "of" and _is_attack_noun(governor):
        return "target"
    launching = governor.lemma_ in LAUNCH_VERBS and _concerns_attack(governor)
    if word == "from" and (_is_attack_noun(governor) or launching):
        return "perpetrator"  # "shelling from X", "shells fired from X positions"
    if word == "from" and governor.lemma_.lower() in CAPTURING_VERBS:
        return "target"
    return None


def _subject_role(verb: Token, actor_tokens: set[int]) -> Optional[ActorRole]:
    """Role of the subject of `verb`, following verbs that share it ("entered the town and killed")."""
    lemma = verb.lemma_.lower()
    if lemma in DENYING_VERBS:
        return None
    if lemma in DYING_VERBS:
        return "target"
    if _is_violent_verb(verb) or _answers_for_attack(verb):
        return "perpetrator"
    if lemma in RAISING_VERBS and verb.dep_ == "advcl" and _is_violent_verb(verb.head) and not _subjects(verb.head):
        return "perpetrator"  # "when warplanes believed to be Russian struck", the parser inverting the two verbs
    if (lemma in LAUNCH_VERBS or _is_foiling(verb)) and _concerns_attack(verb):
        return "perpetrator"
    if lemma in PARTICIPATION_VERBS and any(_is_attack_word(t) for t in _prepositional_objects(verb, {"in"})):
        return "perpetrator"
    if lemma in BACKING_VERBS and not _has_agent(verb) and _backs_a_side(verb, actor_tokens):
        return "sponsor"
    if lemma in SUPPLYING_VERBS and any(t.lower_ in SUPPLY_NOUNS for t in _objects(verb)):
        return "sponsor"
    for chained in _chained(verb):
        role = _subject_role(chained, actor_tokens)
        if role:
            return role
    return None


def _relative_clause_role(token: Token) -> Optional[ActorRole]:
    """'militants who attacked ...', 'gunmen attacking ...', 'civilians killed in ...'."""
    for child in token.children:
        if not _is_violent_verb(child):
            continue
        if child.dep_ == "relcl":
            for subject in child.children:
                if subject.lower_ in RELATIVE_PRONOUNS and subject.dep_ == "nsubj":
                    return "perpetrator"
                if subject.lower_ in RELATIVE_PRONOUNS and subject.dep_ == "nsubjpass":
                    return "target"
        if child.dep_ == "acl" and child.tag_ == "VBG":
            return "perpetrator"
        if child.dep_ == "acl" and child.tag_ == "VBN":
            return "target"
    return None


def _answers_for_attack(word: Token) -> bool:
    """'(militants who were) behind the bombing', '(X was) responsible for the attack'."""
    behind = _prepositional_objects(word, {"behind"})
    if any(_is_attack_word(t) for t in behind + [c for t in behind for c in t.children if c.dep_ == "compound"]):
        return True
    return any(
        child.lower_ == "responsible" and any(_is_attack_word(t) for t in _prepositional_objects(child, {"for"}))
        for child in word.children
        if child.dep_ in ("acomp", "amod")
    )


def _chained(verb: Token) -> Iterator[Token]:
    """Verbs that take their subject from `verb`: xcomp ('continued to shell'), subjectless
    conjuncts ('entered the town and killed') and active participles ('took the fields
    after killing 30 soldiers')."""
    if verb.lemma_.lower() in INTENT_VERBS:
        return
    for child in verb.children:
        subjectless = not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in child.children)
        if (
            child.dep_ == "xcomp"
            or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and subjectless)
            or (child.dep_ == "advcl" and child.tag_ == "VBG" and subjectless)
        ):
            yield child
        elif child.dep_ == "ccomp" and verb.lemma_.lower() in RAISING_VERBS and subjectless and verb.dep_ != "ccomp":
            yield child  # "jets believed to be Russian struck the town", parsed as "jets believed ... struck"
        elif child.dep_ == "prep" and child.lower_ in CLAUSE_PREPS:
            yield from (c for c in child.children if c.dep_ == "pcomp" and c.tag_ == "VBG")


def _subjects(verb: Token) -> list[Token]:
    """Subjects of `verb`, inherited along conjunctions ('was led by X and included Y')."""
    while True:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects or verb.dep_ not in ("conj", "xcomp") or verb.head is verb:
            return subjects
        verb = verb.head


def _objects(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]
    return found + [c for t in found for c in t.conjuncts]


def _prepositional_objects(word: Token, prepositions: set[str]) -> list[Token]:
    found = [
        g
        for c in word.children
        if c.dep_ in ("prep", "agent") and c.lower_ in prepositions
        for g in c.children
        if g.dep_ in ("pobj", "pcomp")
    ]
    for obj in _objects(word):
        found += _prepositional_objects(obj, prepositions)
    return found


def _clause_tokens(token: Token) -> Iterator[Token]:
    """`token` and the words under it in its own clause ('using chlorine gas in the attack'),
    not in clauses that hang from it ('conflicts that prompted IS to carry out attacks')."""
    yield token
    for child in token.children:
        if child.dep_ not in ("relcl", "ccomp", "advcl", "acl", "xcomp"):
            yield from _clause_tokens(child)


def _concerns_attack(verb: Token) -> bool:
    """A launch-like verb about an attack: its object, passive subject or head noun is one,
    or counts some ('launched a wave of air strikes')."""
    related = _objects(verb) + _subjects(verb) + ([verb.head] if verb.dep_ in ("acl", "relcl") else [])
    related += [t for q in related if q.lower_ in QUANTITY_NOUNS for t in _prepositional_objects(q, {"of"})]
    return any(_is_attack_word(t) or t.lower_ == "responsibility" for t in related)


def _backs_a_side(verb: Token, actor_tokens: set[int]) -> bool:
    """'backed the rebels', 'rebels backed by X': what is backed is an armed side, not a resolution."""
    backed = _objects(verb) + [s for s in _subjects(verb) if s.dep_ == "nsubjpass" or _has_agent(verb)]
    # "armed and trained by Iran", "believed to be backed by Qatar": the verb the participle hangs from
    first = verb
    while first.dep_ == "conj" or (first.dep_ == "xcomp" and first.head.lemma_.lower() in RAISING_VERBS):
        first = first.head
    if first.dep_ in ("acl", "relcl", "amod"):
        backed.append(first.head)
    return any(t.i in actor_tokens or t.lower_ in SIDE_NOUNS or t.ent_type_ in ("ORG", "NORP") for t in backed)


def _has_agent(verb: Token) -> bool:
    """A passive by its agent ("armed and trained by Iran"), however the parser took its subject."""
    return any(c.dep_ == "agent" for c in verb.children)


def _is_violent_verb(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBG", "VBN", "VBD"):
        return False
    lemma = token.lemma_.lower()
    if lemma == "blow":
        return any(c.lower_ == "up" for c in token.children)
    return lemma in VIOLENCE_VERBS


def _is_mutual(token: Token) -> bool:
    return token.lemma_.lower() in MUTUAL_WORDS or token.lower_ in MUTUAL_WORDS


def _is_attack_noun(token: Token) -> bool:
    return token.pos_ in NOUN_POS and (token.lower_ in ATTACK_NOUNS or token.lower_ in MUTUAL_WORDS)


def _is_attack_word(token: Token) -> bool:
    """An attack, a weapon ('chemical agents' too), or a violent gerund ('accused of shelling')."""
    return (
        _is_attack_noun(token)
        or token.lower_ in WEAPON_NOUNS
        or _is_violent_verb(token)
        or any(c.dep_ == "amod" and c.lower_ in TOXIC_WORDS for c in token.children)
    )
