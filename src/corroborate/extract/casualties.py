"""Casualty figures: how many were killed, injured, abducted or went missing, and who they were.

Figures are read from the dependency parse of one sentence: a number is a casualty figure
only when the parse ties it to a casualty word ("killing 15 people", "15 civilians were
killed", "the death toll rose to 126", "the bodies of 30"). Numbers of attackers, money,
dates, ages, distances, buildings or refugees have no such tie and are left out; the war's
total toll is kept but flagged `is_cumulative` so callers can drop it.

An incident's toll is read sentence by sentence (`with_additions`, `sentence_toll`): a figure
for all the dead, else the groups counted ("10 civilians and 5 fighters"), plus the dead added
("and 14 others"); breakdowns ("including 4 children") are parts, not additions. Victim groups
belong to the incident's toll only where their sentence tells that toll (`tells_toll`).

Hedged and vague numbers keep their hedge: `numbers.parse_count` reads them (its docstring
says how each hedge and vague word is read).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import takewhile
from typing import Literal, Sequence
from weakref import WeakKeyDictionary

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc, Span, Token

from corroborate.extract.actors import ACTOR_SPANS, WAR_NOUNS, present_stems
from corroborate.extract.events import doc_text
from corroborate.extract.numbers import _FILLERS, _HEDGES, _RANGE_LINKS, read_count, read_quantity
from corroborate.extract.tokens import DocTokens, doc_tokens
from corroborate.lang import lexicon
from corroborate.models import ActorType, CasualtyCount

EN = lexicon("en")

__all__ = [
    "CasualtyFigure",
    "CasualtyKind",
    "VictimGroup",
    "find_casualty_figures",
    "has_number",
    "sentence_toll",
    "sum_counts",
    "tells_toll",
    "victim_groups_mentioned",
    "with_additions",
]

CasualtyKind = Literal["killed", "injured", "abducted", "missing", "killed_or_injured", "affected"]
VictimGroup = Literal["civilians", "children", "women", "elderly", "combatants"]


class CasualtyFigure(BaseModel):
    """One casualty figure in a sentence, with the offsets of the phrase that states it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: CasualtyKind
    count: CasualtyCount
    group: VictimGroup | None = None
    start: int
    end: int
    text: str
    is_cumulative: bool = False
    update_of_toll: bool = False
    is_breakdown: bool = False  # part of another figure ("including 4 children", "5 of them"): do not add
    is_addition: bool = False  # more dead besides the figure before it ("and 14 others", "another 5"): add
    of_one_family: bool = False  # kin counted ("two sisters and one brother"): a part of a toll


# --------------------------------------------------------------------------- counts


def has_number(count: CasualtyCount) -> bool:
    """False for victims named without a figure ('killed civilians')."""
    return any(value is not None for value in (count.low, count.best, count.high))


# --------------------------------------------------------------------------- vocabulary

_KIND_OF_WORD: dict[str, CasualtyKind] = EN.mapping("kind_of_word")
_VICTIM_NOUNS = EN.words("victim_nouns")
_INDEFINITE_ARTICLES = EN.words("indefinite_articles")
_VERBS_WITH_VICTIM_OBJECT = EN.words("verbs_with_victim_object")
_PERSON_ONLY_VERBS = EN.words("person_only_verbs")
_TOLL_NOUNS = EN.words("toll_nouns")
_COUNT_NOUNS = EN.words("count_nouns")
_TOLL_KIND_OF_MODIFIER: dict[str, CasualtyKind] = EN.mapping("toll_kind_of_modifier")
_RISING_VERBS = EN.words("rising_verbs")
_COLLECTIVE_NOUNS = EN.words("collective_nouns")
_BREAKDOWN_PREPOSITIONS = EN.words("breakdown_prepositions")
_INCLUDING_WORDS = EN.words("including_words")
_ADDING_WORDS = EN.words("adding_words")
_PARTITIVE_PRONOUNS = EN.words("partitive_pronouns")
_NOT_COUNTED_NOUNS = EN.words("not_counted_nouns")
# Grammar codes (dependency labels, POS tags, entity labels), not words of a language: they stay with the rules.
_EXCLUDED_ENTITIES = frozenset({"MONEY", "PERCENT", "QUANTITY", "TIME", "ORDINAL"})
_MONTH_WORDS = frozenset(EN.mapping("month_numbers"))
_BEFORE_YEAR = EN.words("before_year")
_HEDGE_WORDS = frozenset(word for phrase in [*_HEDGES, *_FILLERS] for word in phrase) | _RANGE_LINKS
_AGE_OR_AGO = re.compile(r"^(?:\S+\s*-?\s*)?(?:years?|months?|days?|weeks?)\s*-?\s*(?:old|ago)\b", re.I)
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d\d(?!\d)")
_MARKS_BEFORE_NON_COUNTS = EN.words("marks_before_non_counts")

_GROUP_OF_WORD: dict[str, VictimGroup] = EN.mapping("group_of_word")
_KIN_NOUNS = EN.words("kin_nouns")
_PEOPLE_WORDS = EN.words("people_words")
_ARMED_ORGANISATION_WORDS = EN.words("armed_organisation_words")
_CIVIL_ORGANISATION_WORDS = EN.words("civil_organisation_words")
_ARMED_ACTOR_TYPES = frozenset(
    {
        ActorType.state_forces,
        ActorType.rebel_group,
        ActorType.jihadist_group,
        ActorType.foreign_state,
        ActorType.international_coalition,
        ActorType.militia,
    }
)


def _word_keys(token: Token) -> tuple[str, str]:
    return token.lower_, token.lemma_.lower()


def _casualty_kind(token: Token) -> CasualtyKind | None:
    """The kind of casualty a word names ("killed", "bodies", "hostages"), if any."""
    lower, lemma = _word_keys(token)
    if lemma in ("life", "lose"):  # "claimed the lives of", "lost their lives", "lost 1500 soldiers"
        return "killed"
    if lemma == "shoot" and any(child.lower_ == "dead" for child in token.children):
        return "killed"
    if lemma == "gun" and any(child.lower_ == "down" for child in token.children):
        return "killed"
    if lemma == "take" and any(_word_keys(child)[1] in ("hostage", "captive") for child in token.children):
        return "abducted"
    if lemma in ("treat", "affect", "poison") and token.pos_ == "NOUN":
        return None
    if lemma == "suffer":  # "suffered from suffocation", "suffered injuries"
        return next(
            (kind for child in token.subtree if child != token and (kind := _KIND_OF_WORD.get(child.lemma_.lower()))),
            None,
        )
    return _KIND_OF_WORD.get(lower) or _KIND_OF_WORD.get(lemma)


def _victim_noun_kind(token: Token) -> CasualtyKind | None:
    """Words that name the victims themselves ('the dead', '30 bodies', '40 hostages'), not the event ('massacre')."""
    lower, lemma = _word_keys(token)
    if token.pos_ not in ("NOUN", "ADJ", "PROPN", "VERB") or not ({lower, lemma} & _VICTIM_NOUNS):
        return None
    return _KIND_OF_WORD.get(lower) or _KIND_OF_WORD.get(lemma)


def _group(token: Token) -> VictimGroup | None:
    if group := _group_of_word(token):
        return group
    lemma = _word_keys(token)[1]
    if token.ent_type_ == "ORG" or (_is_name(token) and _in_armed_actor(token)):
        return "combatants"  # "31 ISIL" and the like: members of an armed organisation
    if lemma == "member":
        return _member_group(token)
    return None


def _is_name(token: Token) -> bool:
    """'IS', 'Nusra': a name, not a common noun of an actor mention ('a government stronghold')."""
    return token.pos_ == "PROPN" or (token.is_alpha and token.is_upper)


def _group_of_word(token: Token) -> VictimGroup | None:
    """The group a word names; capitalised plurals in headlines ('Terrorists') have no lemma of their own."""
    lower, lemma = _word_keys(token)
    singular = lower[:-1] if lower.endswith("s") and token.text[:1].isupper() else lower
    return _GROUP_OF_WORD.get(lower) or _GROUP_OF_WORD.get(lemma) or _GROUP_OF_WORD.get(singular)


def _member_group(member: Token) -> VictimGroup | None:
    """'members of the Nusra Front', 'Ahrar al-Sham members' are combatants; 'members of a rescue team' are not."""
    organisation = [t for t in member.subtree if t != member]
    if any(_word_keys(t)[1] in _CIVIL_ORGANISATION_WORDS for t in organisation):
        return "civilians"
    if any(_is_armed_organisation(t) for t in organisation):
        return "combatants"
    return None


def _is_armed_organisation(token: Token) -> bool:
    return token.ent_type_ == "ORG" or token.lemma_.lower() in _ARMED_ORGANISATION_WORDS or _in_armed_actor(token)


def _in_armed_actor(token: Token) -> bool:
    """Part of an actor mention (see extract/actors.py) of an armed actor: 'IS', 'the regime troops'."""
    doc = token.doc
    mentions = doc.spans.get(ACTOR_SPANS, [])
    known = _ARMED_TOKENS.get(doc)
    if known is None or known[0] != len(mentions):
        armed = frozenset(
            i
            for span in mentions
            if (entry := span._.actor_entry) is not None and entry.type in _ARMED_ACTOR_TYPES
            for i in range(span.start, span.end)
        )
        known = _ARMED_TOKENS[doc] = (len(mentions), armed)
    return token.i in known[1]


# Per Doc: how many actor mentions it had, and the tokens of the armed ones (read once, not per token).
_ARMED_TOKENS: WeakKeyDictionary[Doc, tuple[int, frozenset[int]]] = WeakKeyDictionary()


def _group_of_counted(counted: Token) -> VictimGroup | None:
    """Who a counted word names: 'civilians', 'civilian deaths', 'dozens of children'."""
    group = _group(counted)
    if group:
        return group
    if counted.like_num and (group := _group_after(counted) or _group_of_shared_object(counted)):
        return group
    for child in counted.children:
        if child.dep_ in ("amod", "compound") and (group := _group(child)):
            return group
        if child.dep_ == "conj" and counted.tag_ in ("NN", "JJ") and (group := _group(child)):
            return group  # "70 regime and rebel fighters", "30 regime and 39 rebel fighters"
        if child.dep_ == "prep" and child.lower_ == "of" and _word_keys(counted)[1] not in _KIN_NOUNS:
            for noun in child.children:
                if noun.dep_ == "pobj" and (group := _group(noun)):
                    return group
    return None


def _group_of_shared_object(number: Token) -> VictimGroup | None:
    """'killed 28 and wounded 30 militants': the next verb's object names the victims of both."""
    if number.dep_ not in ("dobj", "obj"):
        return None
    for verb in number.head.children:
        if verb.dep_ == "conj" and _casualty_kind(verb):
            for obj in verb.children:
                if obj.dep_ in ("dobj", "obj") and not obj.like_num and (group := _group(obj)):
                    return group
    return None


def _group_after(number: Token) -> VictimGroup | None:
    """A number the parse left alone, followed by the victims' name: headline 'kill 8 IS group militants'."""
    for token in number.doc[number.i + 1 : number.i + 5]:
        if not (token.pos_ in ("NOUN", "PROPN", "ADJ") or token.text[:1].isupper()) or token.is_punct:
            return None
        if group := _group_of_word(token):
            return group
    return None


# --------------------------------------------------------------------------- linking


@dataclass
class _Link:
    """What ties a number or victim noun to a casualty word."""

    kind: CasualtyKind
    anchors: list[Token] = field(default_factory=list)
    is_breakdown: bool = False
    update_of_toll: bool = False


def _subject_is_victim(word: Token) -> bool:
    """'12 people died', '23 killed' (headline passive): yes; 'two bombers killed 15': no."""
    if word.pos_ in ("ADJ", "NOUN") or word.lemma_.lower() not in _VERBS_WITH_VICTIM_OBJECT:
        return True
    if word.lemma_.lower() == "lose":
        return any(child.lemma_.lower() == "life" for child in word.children)
    if any(child.dep_ == "nsubjpass" for child in word.children):
        return True
    has_perfect = any(child.dep_ == "aux" and child.lemma_.lower() == "have" for child in word.children)
    # An object that carries its own casualty word ("10 civilians killed 15 injured") is another figure.
    objects = [child for child in word.children if child.dep_ in ("dobj", "obj") and (child.i < word.i or not _own_casualty_word(child))]
    if word.tag_ == "VBN" and not has_perfect:
        return not objects
    return not objects and word.tag_ != "VBG"


def _own_casualty_word(token: Token) -> Token | None:
    """A casualty word qualifying `token` itself: '15 injured', '12 people dead', 'killed civilians'."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is not None and following.tag_ in ("VBN", "VBD", "JJ") and _casualty_kind(following) and _subject_is_victim(following):
        return following
    for child in token.children:
        if child.dep_ not in ("amod", "acl", "relcl") or not _casualty_kind(child):
            continue
        if child.i > token.i and any(_starts_number(t) for t in token.doc[token.i + 1 : child.i]):
            continue  # "2 women 29 injured": the participle belongs to the nearer number
        if child.dep_ == "relcl" and child.i < token.i:
            continue
        if not _subject_is_victim(child):
            continue  # "220000 people wounded at least one million": a verb with its own object
        return child
    return None


def _starts_number(token: Token) -> bool:
    return read_quantity([token.lower_], 0) is not None and token.lower_ not in _INDEFINITE_ARTICLES


def _link(counted: Token, depth: int = 0) -> _Link | None:
    """The casualty word that says what happened to `counted`, following the parse."""
    if depth > 4:
        return None
    if kind := _victim_noun_kind(counted):
        return _Link(kind, [counted])
    if (word := _own_casualty_word(counted)) and (kind := _casualty_kind(word)):
        return _Link(kind, _with_lives(word))
    for child in counted.children:
        if child.dep_ == "prep" and child.lower_ == "among":
            for noun in child.children:
                if noun.dep_ == "pobj" and (link := _link_within(noun)):
                    return _Link(link.kind, [child, noun, *link.anchors], is_breakdown=True)
    if counted.head == counted:
        return None
    head, relation = counted.head, counted.dep_
    if relation in ("conj", "appos"):
        link = _link(head, depth + 1)
        if link and relation == "appos" and _has_number(head):
            link.is_breakdown = True
        return link
    if relation in ("nsubj", "nsubjpass", "csubj"):
        return _link_from_subject(counted, head)
    if relation in ("dobj", "obj", "attr", "oprd", "dative"):
        return _link_from_object(counted, head)
    if relation == "pobj":
        return _link_from_preposition(head, depth)
    return None


def _link_from_subject(subject: Token, verb: Token) -> _Link | None:
    kind = _casualty_kind(verb)
    if kind:
        if subject.dep_ == "nsubjpass" or _subject_is_victim(verb):
            return _Link(kind, _with_lives(verb))
        return None
    return _link_from_copula(subject, verb)


def _with_lives(word: Token) -> list[Token]:
    """The casualty word, and 'their lives' when it is 'lost their lives'."""
    return [word, *(child for child in word.children if child.dep_ == "dobj" and child.lemma_.lower() == "life")]


def _link_from_object(obj: Token, verb: Token) -> _Link | None:
    kind = _casualty_kind(verb)
    if kind and verb.pos_ in ("VERB", "AUX") and obj.lemma_.lower() != "life":
        if verb.lemma_.lower() in _VERBS_WITH_VICTIM_OBJECT:
            return _Link(kind, [verb])
    if kind and verb.pos_ == "NOUN" and obj.dep_ == "dobj" and verb.lower_.endswith("ing"):
        return _Link(kind, [verb])  # "killing" tagged as a noun, yet with an object
    for sibling in verb.children:
        if sibling.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and sibling != obj and (kind := _casualty_kind(sibling)):
            return _Link(kind, [verb, sibling])  # "leaving 9 people dead"
    if toll := _toll_of(verb):
        return toll
    return _link_from_copula(obj, verb)


def _link_from_copula(member: Token, verb: Token) -> _Link | None:
    """'Four children were among the dead', 'The victims included 7 women', 'Ten remain missing'."""
    for child in verb.children:
        if child == member:
            continue
        if child.dep_ in ("acomp", "attr") and (kind := _casualty_kind(child)):
            return _Link(kind, [verb, child])
        if child.dep_ == "prep" and child.lower_ in _BREAKDOWN_PREPOSITIONS:
            for noun in _objects_of(child):
                if link := _link_within(noun):
                    return _Link(link.kind, [child, noun, *link.anchors], is_breakdown=True)
        if verb.lemma_.lower() in ("include", "be") and child.dep_ in ("nsubj", "nsubjpass") and (kind := _victim_noun_kind(child)):
            return _Link(kind, [child, verb], is_breakdown=True)
    return None


def _objects_of(preposition: Token) -> list[Token]:
    """The preposition's objects; when the parse left it without one, the noun that follows it
    ('were among [at least 48 people killed]')."""
    objects = [child for child in preposition.children if child.dep_ == "pobj"]
    if objects:
        return objects
    following = preposition.doc[preposition.i + 1 : preposition.i + 5]
    return next(([t] for t in following if t.pos_ in ("NOUN", "PROPN", "PRON")), [])


def _link_from_preposition(preposition: Token, depth: int) -> _Link | None:
    word, governor = preposition.lower_, preposition.head
    if word == "of":
        if _word_keys(governor)[1] in _COLLECTIVE_NOUNS:
            return _link(governor, depth + 1)  # "a group of women"
        if (kind := _casualty_kind(governor)) and governor.pos_ == "NOUN":
            return _Link(kind, [governor])  # "the bodies of 30", "the lives of 20"
        if toll := _toll_noun_link(governor):
            return toll
    if word in _BREAKDOWN_PREPOSITIONS:
        kind = _casualty_kind(governor)
        link = _Link(kind) if kind else _link(governor, depth + 1)
        if link:
            link.is_breakdown, link.update_of_toll = True, False
            link.anchors = [preposition]
        return link
    if word in ("to", "at", "of"):
        if governor.dep_ == "prep":  # "rose from 20 to 31"
            governor = governor.head
        return _toll_of(governor)
    return None


def _toll_noun_link(noun: Token) -> _Link | None:
    """A death toll or a 'number of dead', as a noun."""
    lemma = noun.lemma_.lower()
    if lemma not in _TOLL_NOUNS and lemma not in _COUNT_NOUNS:
        return None
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") and (kind := _TOLL_KIND_OF_MODIFIER.get(child.lemma_.lower())):
            return _Link(kind, [noun])
        if child.dep_ == "prep" and child.lower_ == "of":
            for counted in child.children:
                if counted.dep_ == "pobj" and (link := _link_within(counted)):
                    return _Link(link.kind, [noun])
    return _Link("killed", [noun]) if lemma in _TOLL_NOUNS else None


def _link_within(counted: Token) -> _Link | None:
    """What 'the number of [people killed]', 'among [those wounded]' suffered, without climbing out."""
    if kind := _victim_noun_kind(counted):
        return _Link(kind, [counted])
    if (word := _own_casualty_word(counted)) and (kind := _casualty_kind(word)):
        return _Link(kind, [word])
    return None


def _toll_of(verb: Token) -> _Link | None:
    """'The death toll rose to 126', 'raising the toll to 43', 'put the death toll at 70'."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and (link := _toll_noun_link(child)):
            link.anchors = [child, verb]
            link.update_of_toll = verb.lemma_.lower() in _RISING_VERBS
            return link
    return None


def _has_number(token: Token) -> bool:
    return token.i in doc_tokens(token.doc).counted


# --------------------------------------------------------------------------- cumulative tolls


def _clause_head(token: Token) -> Token:
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token


def _is_cumulative(anchors: list[Token]) -> bool:
    """The war's toll, not an incident's: 'since 2011', 'in the war', 'so far this year'."""
    for anchor in anchors:
        if _names_the_war(anchor):
            return True
        head = _clause_head(anchor)
        if _war_is_subject(head):
            return True
        for child in head.children:
            if child.lower_ == "since" or (child.dep_ == "advcl" and any(m.lower_ == "since" for m in child.children)):
                periods = [t for t in _near_words(child) if _is_year(t) or _word_keys(t)[1] in WAR_NOUNS | {"year"}]
                if periods and not _superlative(head):
                    return True
            nouns = [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else [child]
            for noun in nouns:
                if child.lower_ in ("in", "during", "throughout", "over") and _word_keys(noun)[1] in WAR_NOUNS:
                    if not _war_described(noun):
                        return True
                if _is_span_of_years(noun):
                    return True
    return False


def _war_described(noun: Token) -> bool:
    """'killed nine people on Friday, in [an uprising in which 10,000 have died]': a war told by its own
    total frames the incident in it; the clause's figure is the war's (see `_war_is_subject`), not this one."""
    return any(child.dep_ == "relcl" and _has_figure_word(child) for child in noun.children)


def _has_figure_word(clause: Token) -> bool:
    return any(token.like_num for token in clause.subtree)


def _superlative(head: Token) -> bool:
    """'the deadliest attack since the war began': 'since' frames a comparison, not a period of dead."""
    return any(t.tag_ == "JJS" and t.lower_ not in ("least", "most") for t in head.subtree)


def _near_words(head: Token) -> list[Token]:
    """'since [the start of the war]', 'since [the war began in 2011]': two levels down, plus 'of' phrases."""
    words = []
    for child in head.children:
        words.append(child)
        for grandchild in child.children:
            words.append(grandchild)
            if grandchild.dep_ == "prep" and grandchild.lower_ == "of":
                words.extend(grandchild.children)
    return words


def _is_span_of_years(noun: Token) -> bool:
    """'this year', 'the past five years', 'in six years of war'; not '10 years old', 'two years ago'."""
    if noun.lemma_.lower() != "year" or _is_age_or_ago(noun):
        return False
    return noun.lower_ == "years" or any(child.lower_ in ("this", "past") for child in noun.children)


def _names_the_war(noun: Token) -> bool:
    """'the war's death toll', 'the toll from the six-year conflict'."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound") and _word_keys(child)[1] in WAR_NOUNS:
            return True
        if child.dep_ == "prep" and child.lower_ in ("from", "of", "in"):
            if any(_word_keys(g)[1] in WAR_NOUNS and not _war_described(g) for g in child.children if g.dep_ == "pobj"):
                return True
    return False


def _war_is_subject(clause_head: Token) -> bool:
    """'The war has killed ...', 'the war, which has killed ...', '... and wounded ...', '... left 1.9 million injured'."""
    head = clause_head
    while True:
        if head.dep_ == "relcl" and _word_keys(head.head)[1] in WAR_NOUNS:
            return True
        if any(c.dep_ in ("nsubj", "nsubjpass") and _word_keys(c)[1] in WAR_NOUNS for c in head.children):
            return True
        if head.dep_ not in ("conj", "acl", "advcl", "xcomp", "oprd") or head.head == head:
            return False
        head = _clause_head(head.head)


def _is_year(token: Token) -> bool:
    return token.like_num and len(token.text) == 4 and token.text[:2] in ("19", "20")


# --------------------------------------------------------------------------- figures


def _is_excluded_number(tokens: Span) -> bool:
    """Money, percentages, dates, ages and other numbers that are never casualty counts."""
    doc = tokens.doc
    for token in tokens:
        if token.ent_type_ in _EXCLUDED_ENTITIES and not _stray_percent(token):
            return True
        if token.ent_type_ == "DATE" and _is_date_part(token):
            return True
    before = doc[tokens.start - 1].lower_ if tokens.start > 0 else ""
    after = doc[tokens.end].lower_ if tokens.end < len(doc) else ""
    if _is_year(tokens[-1]) and (before in _BEFORE_YEAR or before in _MONTH_WORDS or before.isdigit()):
        return True  # "20 Sep 2016", "in 2013"
    if any(0 <= i < len(doc) and _is_month(doc[i]) for i in (tokens.start - 1, tokens.end)):
        return True  # "26 July", "July 26"
    if _in_numeric_date(tokens):
        return True  # "25-12-2014"
    return _is_age_or_ago(tokens[-1]) or before in _MARKS_BEFORE_NON_COUNTS or after in ("%", "percent", "per")


def _stray_percent(token: Token) -> bool:
    """A PERCENT entity with no percent sign or word: a tagging error ('0 85 12 Daesh terrorists')."""
    return token.ent_type_ == "PERCENT" and not any(t.lower_ in ("%", "percent", "cent", "pc") for t in _entity_of(token))


def _in_numeric_date(tokens: Span) -> bool:
    """'25-12-2014', '09.04.2017': the number is a day, a month or a year."""
    window = tokens.doc[max(tokens.start - 5, 0) : tokens.end + 5]
    start, end = tokens.start_char - window.start_char, tokens.end_char - window.start_char
    return any(match.start() <= start and end <= match.end() for match in _NUMERIC_DATE.finditer(window.text))


def _is_age_or_ago(token: Token) -> bool:
    """'10-year-old', '10 years old', 'two years ago' starting at `token`."""
    return bool(_AGE_OR_AGO.match(token.doc[token.i : token.i + 6].text))


def _is_month(token: Token) -> bool:
    return token.lower_.rstrip(".") in _MONTH_WORDS and token.text[:1].isupper()


def _is_date_part(token: Token) -> bool:
    """A number inside a DATE entity that belongs to the date: a year ends a date ('June 1 2016 21 fighters')."""
    if _is_year(token):
        return True
    entity = _entity_of(token)
    if any(_is_year(t) for t in entity if t.i < token.i):
        return False
    return any(_is_date_word(t) for t in entity)


def _is_date_word(token: Token) -> bool:
    """'Between 20 and 30' can be tagged DATE; 'two years', 'May 12' are dates."""
    return token.is_alpha and token.lower_ not in _HEDGE_WORDS and read_quantity([token.lower_], 0) is None


def _entity_of(token: Token) -> Span:
    """The named entity `token` belongs to (read from the IOB tags: `doc.ents` builds every entity)."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _counted_token(number: Span) -> Token:
    """The word a number counts: 'people' in '15 people'; the number itself in 'killing 15'."""
    doc = number.doc
    root = next((t for t in number if not (number.start <= t.head.i < number.end) or t.head == t), number.root)
    following = doc[number.end] if number.end < len(doc) else None
    if following is not None and following.tag_ in ("VBN", "VBD", "JJ") and _casualty_kind(following):
        return root  # "29 injured", "12 dead": the number stands alone
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.i >= number.end:
        while head.dep_ in ("compound", "nmod") and head.head.i > head.i and head.head.pos_ == "NOUN":
            if _has_number(head.head):
                break  # "10 children 5 women": each noun has its own number
            head = head.head  # "Fifteen SARC volunteers", "40 government and opposition fighters"
        return head
    if root.dep_ in ("nummod", "quantmod") and head.i < number.start:
        return _noun_after(number) or root  # the parse hung the number on a date: "October 3 2016 21 fighters"
    return root


def _noun_after(number: Span) -> Token | None:
    """The noun a number's phrase ends with, read left to right: '21 [Syrian moderate opposition] fighters'."""
    for token in number.doc[number.end : number.end + 5]:
        if token.dep_ in ("amod", "compound", "nmod") and token.head.i > token.i:
            continue
        return token if token.pos_ in ("NOUN", "PROPN") else None
    return None


def _phrase_bounds(victims: list[Token], anchors: list[Token]) -> tuple[int, int]:
    """From the first to the last word of the figure; noun anchors bring their determiners ('the death toll')."""
    starts = [t.idx for t in victims]
    starts += [t.left_edge.idx if t.pos_ == "NOUN" and t.dep_ != "pobj" else t.idx for t in anchors]
    end = max(t.idx + len(t.text) for t in [*victims, *anchors])
    return min(starts), end


def _figure(
    sent: Span, kind: CasualtyKind, count: CasualtyCount, group: VictimGroup | None, victims: list[Token], link: _Link
) -> CasualtyFigure:
    start, end = _phrase_bounds(victims, link.anchors)
    start = max(start, sent.start_char)
    return CasualtyFigure(
        kind=kind,
        count=count,
        group=group,
        start=start,
        end=end,
        text=doc_text(sent.doc)[sent.start_char : sent.end_char][
            start - sent.start_char : end - sent.start_char
        ],  # sent.text, not joined anew
        is_cumulative=_is_cumulative(link.anchors),
        update_of_toll=link.update_of_toll,
        is_breakdown=link.is_breakdown,
    )


def _combined_kind(link: _Link) -> CasualtyKind:
    """'125 killed or wounded', 'dead and injured': one figure for both kinds."""
    if link.kind not in ("killed", "injured"):
        return link.kind
    doc = link.anchors[-1].doc
    for anchor in link.anchors:
        i = anchor.i
        after = [doc[j] for j in (i + 1, i + 2) if j < len(doc)]
        if after and _other_kind(after[0], link.kind):  # headline "Dozens Killed Injured"
            return "killed_or_injured"
        if len(after) == 2 and after[0].lower_ in ("or", "and", "and/or") and _other_kind(after[1], link.kind):
            return "killed_or_injured"
        before = [doc[j] for j in (i - 2, i - 1) if j >= 0]
        if (
            len(before) == 2
            and before[1].lower_ in ("or", "and", "and/or")
            and _other_kind(before[0], link.kind)
            and not (before[0].i > 0 and _starts_number(doc[before[0].i - 1]))
        ):
            return "killed_or_injured"
    return link.kind


def _other_kind(token: Token, kind: CasualtyKind) -> bool:
    other = _casualty_kind(token)
    return other in ("killed", "injured") and other != kind


def _partitive(counted: Token) -> bool:
    """'three of them', 'less than 20 of 108 victims', '49 children among at least 108 killed': part of a
    figure, given already or in the same breath."""
    return any(
        child.dep_ == "prep"
        and (
            (child.lower_ == "of" and any(n.lower_ in _PARTITIVE_PRONOUNS for n in child.children))
            or (child.lower_ in ("of", "among") and any(_counted_whole(n) for n in child.children))
        )
        for child in counted.children
    )


def _counted_whole(noun: Token) -> bool:
    """'[108 victims]' in '20 of 108 victims'; not '[one family]' in 'five civilians of one family'."""
    return noun.dep_ == "pobj" and _has_number(noun) and _word_keys(noun)[1] not in _KIN_NOUNS | _COLLECTIVE_NOUNS


def _introduces_whole(between: Sequence[str]) -> bool:
    """'50 children [out of a total of] 108 civilians': the words between two figures say that the
    second is the whole the first is part of."""
    words = list(between)
    if words[:2] != ["out", "of"]:
        return False
    rest = words[2:]
    if rest and rest[0] in ("a", "the"):
        rest = rest[1:]
    return not rest or (len(rest) == 2 and rest[0] in _COUNT_NOUNS and rest[1] == "of")


def find_casualty_figures(sent: Span | Doc) -> list[CasualtyFigure]:
    """Every casualty figure in a sentence, in text order.

    Figures with no count name victims the text does not number ("abducted a group of
    children", "killed civilians"); groups merely listed within a numbered figure
    ("60 people, including women") are not figures: see `victim_groups_mentioned`.
    `is_breakdown` figures are part of another one ("12 killed, including 4 children") and
    must not be added to it; `is_cumulative` figures are war totals.
    """
    return [f for f in _all_figures(sent) if not (f.is_breakdown and f.count == _NO_COUNT)]


_NO_COUNT = CasualtyCount()


def _all_figures(sent: Span | Doc) -> list[CasualtyFigure]:
    """Figures, and the groups listed without a number inside another figure."""
    sent = sent[:] if isinstance(sent, Doc) else sent
    words = doc_tokens(sent.doc).lowers[sent.start : sent.end]
    figures: list[CasualtyFigure] = []
    used: set[int] = set()
    previous: tuple[int, _Link] | None = None  # the last figure's last word and link
    at = 0
    while at < len(words):
        reading = read_count(words, at)
        if reading is None or (reading.number_start > 0 and words[reading.number_start - 1] == "no"):
            at += 1  # "no one was killed"
            continue
        at = reading.end
        phrase = sent[reading.start : reading.end]
        number = sent[reading.number_start : reading.end]
        if _is_excluded_number(number):
            continue
        counted = _counted_token(number)
        if _word_keys(counted)[1] in _NOT_COUNTED_NOUNS:
            continue
        link = _link(counted)
        if link is None and (link := _link_to_verb_before(sent[reading.start])):
            if not (_group(counted) or _word_keys(counted)[1] in _PEOPLE_WORDS):
                counted = number.root  # the parse is lost: trust the number only ("kills 14 State media")
        if link is None and previous is not None and _coordinated(previous[0], sent[reading.start]):
            link = _Link(previous[1].kind, previous[1].anchors)  # "killing nine children and 14 others"
        if link is None and previous is not None and figures and _introduces_whole(words[previous[0] - sent.start + 1 : reading.start]):
            link = _Link(previous[1].kind, previous[1].anchors)  # "nearly 50 children out of a total of 108"
            figures[-1] = figures[-1].model_copy(update={"is_breakdown": True})
        if link is None:
            continue
        if _needs_person(link) and not _names_people(counted):
            continue  # "captured three villages"
        count = CasualtyCount(low=reading.low, best=reading.best, high=reading.high, text=phrase.text)
        if _partitive(counted) or _introduced_as_part(phrase):
            link.is_breakdown = True
        used.update(t.i for t in phrase)
        used.add(counted.i)
        group_source = _group_source(counted)
        if group_source is not None:
            used.add(group_source.i)
        group = _group_of_counted(counted)
        figure = _figure(sent, _combined_kind(link), count, group, [*phrase, counted], link)
        figures.append(
            figure.model_copy(
                update={
                    "is_addition": not reading.vague and _is_addition(number, counted),
                    "of_one_family": _word_keys(counted)[1] in _KIN_NOUNS,
                }
            )
        )
        previous = (max(counted.i, number.end - 1), link)
    figures.extend(_figures_without_number(sent, used))
    return _parts_of_war_tolls(sorted(figures, key=lambda figure: (figure.start, figure.end)))


def _coordinated(previous_end: int, first: Token) -> bool:
    """'nine children and [14 others]': the figure right after 'and' shares the one before's casualty word."""
    return first.i >= 2 and first.doc[first.i - 1].lower_ == "and" and first.i - 2 == previous_end


def _is_addition(number: Span, counted: Token) -> bool:
    """'14 others', 'another 5', 'a further 3', '5 more': dead besides those of the figure before."""
    doc = number.doc
    before = doc[number.start - 1].lower_ if number.start > 0 else ""
    after = doc[number.end].lower_ if number.end < len(doc) else ""
    return before in _ADDING_WORDS or after in ("more", "other", "others") or _word_keys(counted)[1] == "other"


def _parts_of_war_tolls(figures: list[CasualtyFigure]) -> list[CasualtyFigure]:
    """'600 killed since 2014, including 136 children': a breakdown of a war toll is part of the war toll."""
    marked: list[CasualtyFigure] = []
    whole: CasualtyFigure | None = None
    for figure in figures:
        if figure.is_breakdown and whole is not None and whole.is_cumulative and not figure.is_cumulative:
            figure = figure.model_copy(update={"is_cumulative": True})
        elif not figure.is_breakdown:
            whole = figure
        marked.append(figure)
    return marked


def _link_to_verb_before(first: Token) -> _Link | None:
    """'... after killing at least 30 members ...' when the parse lost the object: a figure right after
    an active verb that makes victims of its object."""
    doc = first.doc
    before = first.i - 1
    while before >= 0 and doc[before].is_quote:
        before -= 1
    if before < 0:
        return None
    verb = doc[before]
    if (
        verb.pos_ == "VERB"
        and verb.lemma_.lower() in _VERBS_WITH_VICTIM_OBJECT
        and verb.tag_ in ("VBG", "VBD", "VBZ", "VBP", "VB")
        and not any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children)
        and (kind := _casualty_kind(verb))
    ):
        return _Link(kind, [verb])
    if verb.is_title and verb.pos_ in ("PROPN", "NOUN") and (kind := _headline_verb_kind(verb.lower_)):
        return _Link(kind, [verb])  # a headline in title case, its verb tagged a name: "Army Kills over 50 Terrorists"
    return None


def _headline_verb_kind(word: str) -> CasualtyKind | None:
    """'kills', 'executes': the present tense of a verb that makes victims of its object, as headlines use it."""
    stems = present_stems(word) - {word}
    return next((_KIND_OF_WORD[stem] for stem in stems if stem in _VERBS_WITH_VICTIM_OBJECT and stem in _KIND_OF_WORD), None)


def _introduced_as_part(phrase: Span) -> bool:
    """'including 4 children', 'among them four children', 'of whom 3 children'."""
    doc, start = phrase.doc, phrase.start
    tokens = doc_tokens(doc)
    before = [tokens.lowers[i] for i in (start - 2, start - 1) if i >= tokens.sentence_start(start)]
    return bool(before) and (
        before[-1] in _INCLUDING_WORDS or (len(before) == 2 and before[1] in _PARTITIVE_PRONOUNS and before[0] in ("among", "of"))
    )


def _needs_person(link: _Link) -> bool:
    return any(anchor.lemma_.lower() in _PERSON_ONLY_VERBS for anchor in link.anchors)


def _names_people(counted: Token) -> bool:
    return _group_of_counted(counted) is not None or _word_keys(counted)[1] in _PEOPLE_WORDS


def _group_source(counted: Token) -> Token | None:
    for child in counted.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((noun for noun in child.children if noun.dep_ == "pobj"), None)
    return None


def _figures_without_number(sent: Span, used: set[int]) -> list[CasualtyFigure]:
    """Victims named but not counted ('killed civilians', 'a group of women'), and 'a woman' (one)."""
    figures = []
    doc, words = sent.doc, doc_tokens(sent.doc)
    for index in _maybe_victims(words, sent.start, sent.end):
        if index in used or index in words.counted:
            continue
        token = doc[index]
        if token.dep_ == "conj" and token.head.i in used:
            continue  # "25 soldiers and fighters": counted with the figure before it
        group = _group(token) if token.ent_type_ != "ORG" else None
        singular = token.tag_ == "NN" and (group or _word_keys(token)[1] in _PEOPLE_WORDS)
        if not (group or singular):
            continue  # most words: no victim noun, so no need to look for an article
        article = next((c for c in token.children if c.dep_ == "det" and c.lower_ in _INDEFINITE_ARTICLES), None)
        if singular and article is not None:
            count = CasualtyCount(low=1, best=1, high=1, text=article.text)
            tokens = [article, token]
        elif group and not singular and token.pos_ in ("NOUN", "ADJ", "PROPN"):
            count = _NO_COUNT
            tokens = [token]
        else:
            continue
        link = _link(token)
        if link is None:
            continue
        figures.append(_figure(sent, _combined_kind(link), count, group, tokens, link))
    return figures


def _maybe_victims(words: DocTokens, start: int, end: int) -> list[int]:
    """The tokens from `start` to `end` that may be victim nouns of `_figures_without_number` (`_group` or
    `_PEOPLE_WORDS`), read off the token columns: most words are not, and are let go without making their Token."""
    return [
        index
        for index, lower, lemma, pos, text in zip(
            range(start, end), words.lowers[start:end], words.lemmas[start:end], words.pos[start:end], words.texts[start:end]
        )
        if lower in _GROUP_OF_WORD
        or lemma in _GROUP_OF_WORD
        or lower[:-1] in _GROUP_OF_WORD  # a capitalised plural ('Terrorists')
        or lemma in _PEOPLE_WORDS
        or lemma == "member"
        or pos == "PROPN"  # a name, perhaps of an armed actor (`_is_name`)
        or text.isupper()
    ]


def victim_groups_mentioned(sent: Span | Doc, kind: CasualtyKind = "killed") -> list[str]:
    """Groups named among the victims of `kind` without a figure ('including women and children')."""
    return _groups_without_figure(_all_figures(sent), kind)


def read_casualties(sent: Span | Doc) -> tuple[list[CasualtyFigure], list[str]]:
    """`find_casualty_figures` and `victim_groups_mentioned` (of the killed) from one reading of the sentence."""
    figures = _all_figures(sent)
    return [f for f in figures if not (f.is_breakdown and f.count == _NO_COUNT)], _groups_without_figure(figures, "killed")


def _groups_without_figure(all_figures: list[CasualtyFigure], kind: CasualtyKind) -> list[str]:
    named = [(f.group, f.count) for f in all_figures if f.kind == kind and f.group]
    counted = {group for group, count in named if count != _NO_COUNT}
    groups: list[str] = []
    for group, count in named:
        if count == _NO_COUNT and group not in counted and group not in groups:
            groups.append(group)
    return groups


# --------------------------------------------------------------------------- one sentence's toll


def with_additions(figures: list[CasualtyFigure]) -> list[CasualtyFigure]:
    """One sentence's figures, each addition summed into the figure before it of the same kind and group
    ("a commander and eight more militants": 9 combatants)."""
    merged: list[CasualtyFigure] = []
    for figure in figures:
        same = [
            i
            for i, before in enumerate(merged)
            if (before.kind, before.group) == (figure.kind, figure.group) and not before.is_breakdown and has_number(before.count)
        ]
        if figure.is_addition and same:
            before = merged[same[-1]]
            merged[same[-1]] = before.model_copy(update={"count": sum_counts([before.count, figure.count])})
        else:
            merged.append(figure)
    return merged


def sentence_toll(figures: list[CasualtyFigure]) -> CasualtyFigure | None:
    """The death toll one sentence gives (pass it `with_additions`): its figure for all the dead, else
    the sum of the groups it counts ("10 civilians and 5 fighters"; children and women are civilians),
    plus the dead it adds ("nine children and 14 others"); breakdowns are parts of it, not added."""
    killed = [f for f in figures if f.kind == "killed" and has_number(f.count) and not f.is_breakdown]
    base = [f for f in killed if not f.is_addition]
    if base and base[0].group is None:
        parts = base[:1]
    else:  # the groups counted before any figure for all the dead
        first_of_group: dict[str | None, CasualtyFigure] = {}
        for figure in takewhile(lambda f: f.group is not None, base):
            first_of_group.setdefault(figure.group, figure)
        parts = [first_of_group[g] for g in ("civilians", "combatants") if g in first_of_group]
        parts = parts or [first_of_group[g] for g in ("children", "women", "elderly") if g in first_of_group]
    parts += [f for f in killed if f.is_addition]
    if len(parts) <= 1:
        return parts[0] if parts else None
    return parts[0].model_copy(update={"count": sum_counts([p.count for p in parts]), "group": None})


def tells_toll(total: CasualtyCount | None, figures: list[CasualtyFigure]) -> bool:
    """Whether the victims a sentence names (`figures`, its figures `with_additions`) are the dead of
    the incident's toll `total`.

    Who the dead were is told where the toll is told: the victims belong to the toll when their
    sentence gives that toll ("killed 50 fighters and 8 civilians") or no toll of its own ("Six
    children were among the dead"); a sentence with another toll counts other dead (one strike of
    several, an earlier attack, a longer period).
    """
    toll = sentence_toll(figures)
    if toll is None or total is None:
        return True
    wholes = [toll, *(f for f in figures if f.kind == "killed" and not f.is_breakdown)]
    return any(f.count.best == total.best for f in wholes)


def sum_counts(counts: list[CasualtyCount]) -> CasualtyCount | None:
    """Counts added bound by bound; a bound unknown in one of them is unknown in the sum."""
    if not counts:
        return None
    if len(counts) == 1:
        return counts[0]

    def total(values: list[int | None]) -> int | None:
        return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]

    return CasualtyCount(
        low=total([c.low for c in counts]),
        best=total([c.best for c in counts]),
        high=total([c.high for c in counts]),
        text=" + ".join(c.text or "" for c in counts),
    )
