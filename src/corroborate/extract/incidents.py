"""From an annotated Doc to incident records.

An article tells one or more incidents. Each sentence is summarised as
`SentenceFacts` (triggers, places, dates, figures, actors, sources); the
sentences are then grouped into incidents by a few rules that follow how news
is written:

* a sentence with a new violent event word and an anchor (a casualty figure, a
  sub-national place, or a date) opens an incident, unless its place is one an
  open incident already has;
* a definite reference ("the attack", "the Deir Ezzor massacre") returns to the
  incident it names: the one whose place the sentence repeats, else the latest;
* a reference that comes with a new place and new figures is a second incident
  ("The killings came on the same day that bombers ... in Damascus, killing 15");
* sentences without anchors continue the latest incident when they are close to it; one that retells it
  with nothing new (victims not numbered or only "many", no place, no date, no other firm weapon: a press
  statement's "massacring its residents") continues it however far;
* an earlier event a sentence dates its own by ("two weeks after a massacre of 100 in Houla") gives it
  neither a place nor a toll;
* an earlier event the text recalls at another place (a clause set before the story: "monitors previously
  visited X, where gunmen killed 108"; a reference dated before another event of its sentence: "condemned the
  May 25 killings in X and Wednesday's attack on Y") is an incident of its own, told `aside`: it takes no
  sentence of the story told around it, nor its date; so is a clause that tells violence meanwhile in another
  governorate ("rockets struck the university in X, as shells rained down on Y, killing one"), on its day;
* a sentence with a weaker event word and a sub-national place right after an incident that has
  none says where it was ("killed 70 fighters near the border. [...] an offensive south of Qamishli");
* protests, diplomacy and arms supplies are political events (extract/political.py): incidents of their own
  PLOVER type, told after the violent ones, each with its actor and recipient; a non-violent event word with
  no one named to act gives none.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Iterable, Optional

from spacy.tokens import Doc, Span, Token

from corroborate.extract.actors import RELATIVE_PRONOUNS, RoleReading, in_story, rank_actors, read_roles, sponsor_certainty
from corroborate.extract.attribution import SourceMention, attribute, joined_source
from corroborate.extract.casualties import CasualtyFigure, has_number, read_casualties, sentence_toll, tells_toll, with_additions
from corroborate.extract.dates import (
    choose_incident_date,
    date_of_publication,
    find_date_mentions,
    incident_date_strength,
    resolve_date,
)
from corroborate.extract.events import (
    EARLIER_EVENT_PREPS,
    TRIGGER_SPANS,
    Trigger,
    choose_cause,
    classify_event,
    doc_text,
    in_earlier_event,
    triggers_in,
)
from corroborate.extract.extensions import DATE_SPANS
from corroborate.extract.numbers import is_vague
from corroborate.extract.places import DocumentPlaces, SentenceToll, in_caption, in_keyword_list, incident_location, is_foreign_town
from corroborate.extract.political import named_party, political_events, political_incident
from corroborate.extract.tokens import doc_tokens
from corroborate.lang import lexicon
from corroborate.models import (
    Actor,
    ActorType,
    Casualties,
    CasualtyCount,
    Certainty,
    Claim,
    Evidence,
    Incident,
    IncidentDate,
    Place,
    PlacePrecision,
    Precision,
    Victims,
)

EN = lexicon("en")

# A sentence can continue the incident before it if it is this close (in sentences).
CONTINUATION_WINDOW = 2
# An incident's perpetrator may be named this close (in sentences) to its own sentences.
PERPETRATOR_CONTEXT_WINDOW = 2
REFERRING_DETERMINERS = EN.words("referring_determiners")
SAME_DAY = re.compile(r"\b(same day|same time|same morning|same night|simultaneously)\b", re.I)
HYPOTHETICAL = EN.words("hypothetical")
# How far above a lower bound ("more than 80") a later exact figure may be to say what it rounded (83).
NARROWING_MARGIN = 1.1
PART_GROUPS = EN.words("part_groups")
SUBNATIONAL = {PlacePrecision.exact, PlacePrecision.near, PlacePrecision.admin2, PlacePrecision.admin1}
EARLIER_ADVERBS = EN.words("earlier_adverbs")
# Grammar codes (dependency labels, POS tags, entity labels), not words of a language: they stay with the rules.
# Words that put a date on an event noun: "the May 25 killings", "Wednesday's attack", "the massacre of May 25".
DATING_DEPS = frozenset({"compound", "nmod", "npadvmod", "poss", "amod", "nummod"})
MEANWHILE_MARKS = EN.words("meanwhile_marks")


@dataclass
class SentenceFacts:
    index: int
    sent: Span
    new_triggers: list[Span]  # violent words that tell a new event
    references: list[Span]  # "the attack": violent words that point back
    political: list[Span]  # non-violent event words
    figures: list[CasualtyFigure]
    groups_mentioned: list[str]
    places: list[Span]
    dates: list[Span]
    sources: list[SourceMention]
    certainty: Certainty
    actors: list[Span] = field(default_factory=list)  # the doc's actor spans inside the sentence
    # An earlier event the text recalls (`_set_before`); `aside`: the part of the sentence that tells another
    # event, taken out of it (an earlier one dated before another event of the sentence, `_dated_aside`, or one
    # at the same time elsewhere, `_meanwhile_aside`).
    recalled: bool = False
    aside: Optional["SentenceFacts"] = None

    @cached_property
    def text(self) -> str:
        """The sentence's text, read once: `Span.text` joins the tokens anew at every read."""
        return doc_text(self.sent.doc)[self.sent.start_char : self.sent.end_char]

    @cached_property
    def local_places(self) -> list[Place]:
        """Sub-national places, and names of places the gazetteer does not know ("the city of X").
        Read once: grouping asks for them for every incident before the sentence."""
        return [
            place
            for p in self.places
            if (place := p._.place) is not None
            and (place.precision in SUBNATIONAL or place.precision == PlacePrecision.unknown)
            and not is_foreign_town(p)
        ]

    @cached_property
    def subnational_places(self) -> list[Place]:
        """Sub-national places, but a town abroad that the article is not about ("talks in Moscow")."""
        return [
            place for p in self.places if (place := p._.place) is not None and place.precision in SUBNATIONAL and not is_foreign_town(p)
        ]

    @property
    def strong_new_event(self) -> bool:
        return any(t._.trigger.strength >= 2 for t in self.new_triggers)

    @property
    def hypothetical(self) -> bool:
        tokens = doc_tokens(self.sent.doc)
        return any(tokens.lowers[i] in HYPOTHETICAL and tokens.tags[i] == "MD" for i in range(self.sent.start, self.sent.end))


@dataclass
class IncidentDraft:
    violent: bool
    sentences: list[SentenceFacts] = field(default_factory=list)
    recalled: bool = False  # an earlier event the text recalls, not the story it tells
    aside: bool = False  # told aside of the story: recalled, or said to happen meanwhile elsewhere
    same_day_as: Optional["IncidentDraft"] = None
    date: Optional[IncidentDate] = None
    date_origin: Optional[tuple[SentenceFacts, Span]] = None  # the mention the date was read from
    # Nearby sentences that tell no other violent incident (attach_context).
    context: list[SentenceFacts] = field(default_factory=list)
    # Sentences that date their violence to another day than the incident's (sentences_dated_apart).
    dated_apart: set[int] = field(default_factory=set)
    # place_keys and admin1s of the first `_read` sentences: sentences are only ever appended, and grouping
    # asks every incident for them at every sentence, so they are added to, not read again.
    _keys: set[str] = field(default_factory=set, repr=False, compare=False)
    _admin1s: set[str] = field(default_factory=set, repr=False, compare=False)
    _read: int = field(default=0, repr=False, compare=False)

    @property
    def last_index(self) -> int:
        return self.sentences[-1].index

    def _read_new_sentences(self) -> None:
        for facts in self.sentences[self._read :]:
            for place in facts.local_places:
                for value in (place.name, place.admin1 if place.precision == PlacePrecision.admin1 else None):
                    if value:
                        self._keys.add(value.lower())
                if place.text:
                    self._keys.add(place.text.lower())
            self._admin1s.update(p.admin1 for p in facts.subnational_places if p.admin1)
        self._read = len(self.sentences)

    def place_keys(self) -> set[str]:
        """Names under which this incident's places can be referred to again (not to be modified)."""
        self._read_new_sentences()
        return self._keys

    def admin1s(self) -> set[str]:
        """The first-level divisions of its places (not to be modified)."""
        self._read_new_sentences()
        return self._admin1s


def is_reference(trigger: Span) -> bool:
    """A noun trigger under a definite determiner refers to an event already told."""
    head = trigger.root
    if head.pos_ not in {"NOUN", "PROPN"}:
        return False
    for child in head.children:
        if child.dep_ in {"det", "poss"} and child.lower_ in REFERRING_DETERMINERS:
            return True
    return False


def spans_by_sentence(spans: Iterable[Span], sents: list[Span]) -> list[list[Span]]:
    """For each sentence, the spans that lie inside it, in their order: one pass over the
    spans instead of filtering all of them again for every sentence."""
    starts = [sent.start for sent in sents]
    buckets: list[list[Span]] = [[] for _ in sents]
    for span in spans:
        index = bisect_right(starts, span.start) - 1
        if index >= 0 and span.end <= sents[index].end:
            buckets[index].append(span)
    return buckets


def sentence_facts(
    index: int,
    sent: Span,
    triggers: Optional[list[Span]] = None,
    places: Optional[list[Span]] = None,
    actors: Optional[list[Span]] = None,
    ents: Optional[list[Span]] = None,
    dates: Optional[list[Span]] = None,
) -> SentenceFacts:
    """What one sentence says. `triggers`, `places`, `actors`, `ents` and `dates` are the doc's
    spans inside `sent` when the caller has them sorted by sentence already. Its casualties and sources
    are those the components put on the Doc (`doc._.casualties`, `doc._.attribution`), read here when
    the Doc did not go through them; relative dates resolve against `doc._.published`."""
    doc = sent.doc
    published = doc._.published
    if triggers is None:
        triggers = triggers_in(sent)
    if places is None:
        places = [p for p in doc.spans.get("places", []) if p.start >= sent.start and p.end <= sent.end]
    if actors is None:
        actors = [a for a in doc.spans.get("actors", []) if a.start >= sent.start and a.end <= sent.end]
    new_triggers: list[Span] = []
    references: list[Span] = []
    political: list[Span] = []
    for trigger in triggers:
        info: Trigger = trigger._.trigger
        if not info.violent:
            political.append(trigger)
        elif is_reference(trigger):
            references.append(trigger)
        else:
            new_triggers.append(trigger)
    casualties, attribution = doc._.casualties, doc._.attribution
    read = casualties.get(sent.start) if casualties is not None else None
    all_figures, groups_mentioned = (read.figures, read.groups_mentioned) if read is not None else read_casualties(sent)
    # An earlier event the sentence dates its own by ("two weeks after a massacre of 100 in Houla") is not
    # this incident: neither its place nor its toll.
    figures = [f for f in all_figures if not f.is_cumulative and not _figure_in_earlier_event(f, sent)]
    places = [p for p in places if not in_earlier_event(p)]
    said = attribution.get(sent.start) if attribution is not None else None
    sources, certainty = (said.sources, said.certainty) if said is not None else attribute(sent)
    facts = SentenceFacts(
        index=index,
        sent=sent,
        new_triggers=new_triggers,
        references=references,
        political=political,
        figures=figures,
        groups_mentioned=groups_mentioned,
        places=places,
        dates=find_date_mentions(sent, ents) if dates is None else dates,
        sources=sources,
        certainty=certainty,
        actors=actors,
    )
    facts.recalled = _set_before(facts)
    if not facts.recalled:
        facts.aside = _dated_aside(facts, published) or _meanwhile_aside(facts)
    return facts


def _set_before(facts: SentenceFacts) -> bool:
    """All the sentence's violence lies under a clause an adverb sets before the story: "UN monitors previously
    visited the town of X, where gunmen killed 108"."""
    violence = [*facts.new_triggers, *(_figure_span(f, facts.sent) for f in facts.figures)]
    return bool(violence) and all(span is not None and _under_earlier_adverb(span) for span in violence)


def _under_earlier_adverb(span: Span) -> bool:
    return any(
        child.dep_ == "advmod" and child.lower_ in EARLIER_ADVERBS
        for token in (span.root, *span.root.ancestors)
        for child in token.children
    )


def _figure_span(figure: CasualtyFigure, sent: Span) -> Optional[Span]:
    return sent.doc.char_span(figure.start, figure.end, alignment_mode="expand")


def _own_tokens(head: Token) -> set[int]:
    """The phrase a word heads, without the phrases coordinated in it ("the killings in X and the attack on Y":
    "the killings in X", however the parser hangs "and the attack")."""
    own = {head.i}
    for child in head.children:
        if child.dep_ not in ("conj", "cc", "appos"):
            own |= _own_tokens(child)
    return own


def _dated_aside(facts: SentenceFacts, published: Optional[dt.date]) -> Optional[SentenceFacts]:
    """The part of the sentence that names an earlier event by its date: an event noun dated by a word of its own
    ("the May 25 killings in X", "the massacre of May 25 in X") before another event the sentence dates ("... and
    the Wednesday attack on Y"). Its place, date, figures and event word are that event's, taken out of `facts`."""
    if len(facts.dates) < 2:
        return None
    roots = {t.root.i for t in [*facts.references, *facts.new_triggers]}
    dated = [(mention, event) for mention in facts.dates if (event := _event_dated(mention, roots)) is not None]
    for mention, event in dated:
        if event.pos_ not in ("NOUN", "PROPN"):
            continue
        own = _own_tokens(event)
        others = [other for other, other_event in dated if other_event.i not in own]
        if not others or not all(_dated_before(mention, other, published) for other in others):
            continue
        return _split(facts, own, [mention], recalled=True)
    return None


def _split(facts: SentenceFacts, own: set[int], dates: list[Span], recalled: bool) -> SentenceFacts:
    """The part of the sentence made of the tokens `own`, taken out of `facts`: its event words, figures,
    places, dates (`dates`) and actors."""

    def inside(span: Span) -> bool:
        return span.start in own

    part = SentenceFacts(
        index=facts.index,
        sent=facts.sent,
        new_triggers=[t for t in facts.new_triggers if inside(t)],
        references=[t for t in facts.references if inside(t)],
        political=[],
        figures=[f for f in facts.figures if (span := _figure_span(f, facts.sent)) is not None and inside(span)],
        groups_mentioned=[],
        places=[p for p in facts.places if inside(p)],
        dates=dates,
        sources=facts.sources,
        certainty=facts.certainty,
        actors=[a for a in facts.actors if inside(a)],
        recalled=recalled,
    )
    facts.new_triggers = [t for t in facts.new_triggers if not inside(t)]
    facts.references = [t for t in facts.references if not inside(t)]
    facts.political = [t for t in facts.political if not inside(t)]
    facts.figures = [f for f in facts.figures if f not in part.figures]
    facts.places = [p for p in facts.places if not inside(p)]
    facts.dates = [d for d in facts.dates if not inside(d)]
    facts.actors = [a for a in facts.actors if not inside(a)]
    return part


def _meanwhile_aside(facts: SentenceFacts) -> Optional[SentenceFacts]:
    """A clause that tells another incident at the same time in another governorate, with its own event word and
    toll: "rockets struck the university of Aleppo, [...] as mortar shells rained down on Damascus, killing one
    person". It is taken out of `facts` as a sentence of its own."""
    for clause in facts.sent:
        if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in MEANWHILE_MARKS for c in clause.children):
            continue
        if not any(t.root == clause.head for t in facts.new_triggers):
            continue  # beside a meeting or a statement, not beside another act of violence
        own = {t.i for t in clause.subtree}
        inside = [p._.place.admin1 for p in facts.places if p.start in own and p._.place is not None and p._.place.admin1]
        first = min(own)
        before = [p._.place.admin1 for p in facts.places if p.start < first and p._.place is not None and p._.place.admin1]
        outside = set(before[-1:])  # the governorate of the place told just before it
        tolls = [f for f in facts.figures if f.kind == "killed" and (span := _figure_span(f, facts.sent)) is not None and span.start in own]
        if inside and outside and not set(inside) & outside and tolls and any(t.start in own for t in facts.new_triggers):
            return _split(facts, own, [d for d in facts.dates if d.start in own], recalled=False)
    return None


def _event_dated(mention: Span, event_roots: set[int]) -> Optional[Token]:
    """The event word a date modifies itself: "the May 25 killings", "Wednesday's attack", "the massacre of May
    25", "killed ... on Monday"; None for a date of anything else ("said on Tuesday", a dateline)."""
    head = mention.root.head
    if mention.root.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("of", "on"):
        head = head.head
    elif mention.root.dep_ not in DATING_DEPS:
        return None
    return head if head.i in event_roots and head.i != mention.root.i else None


def _dated_before(mention: Span, other: Span, published: Optional[dt.date]) -> bool:
    """`mention` names a day before `other`'s. Without the publication day, a calendar date written beside a
    weekday names the older one: news names a day of the past week by its weekday, an older one by its date."""
    date, later = resolve_date(mention.text, published), resolve_date(other.text, published)
    if date.start is not None and later.start is not None and date.precision == later.precision == Precision.day:
        return date.start < later.start
    return date.month is not None and date.day is not None and later.weekday is not None and later.start is None


def _figure_in_earlier_event(figure: CasualtyFigure, sent: Span) -> bool:
    """A toll of the earlier event ("following the murder of 100 civilians", "a day after dozens of children
    were killed"); not one a clause of its own tells inside the earlier event's phrase, where only a bad
    parse puts the incident's toll ("days after a chemical attack a woman was killed")."""
    span = sent.doc.char_span(figure.start, figure.end, alignment_mode="expand")
    if span is None or not in_earlier_event(span):
        return False
    opener = sent.doc[max(t.i for t in sent.doc[sent.start : span.start] if t.lower_ in EARLIER_EVENT_PREPS)]
    clauses = [
        t
        for t in [*span, *span.root.ancestors]
        if t.i > opener.i and t.pos_ in ("VERB", "AUX") and not (opener.dep_ == "mark" and t == opener.head)
    ]
    return not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in RELATIVE_PRONOUNS for t in clauses for c in t.children)


def place_match(facts: SentenceFacts, drafts: list[IncidentDraft]) -> Optional[IncidentDraft]:
    """The latest incident that has one of the sentence's places."""
    names: set[str] = set()
    for place in facts.local_places:
        names.update(v.lower() for v in (place.name, place.text, place.admin1 if place.precision == PlacePrecision.admin1 else None) if v)
    for draft in reversed(drafts):
        if names & draft.place_keys():
            return draft
    return None


def conflicts(facts: SentenceFacts, draft: IncidentDraft) -> bool:
    """The sentence places its event in another division than the incident's."""
    sentence_admin1 = {p.admin1 for p in facts.subnational_places if p.admin1}
    draft_admin1 = draft.admin1s()
    return bool(sentence_admin1 and draft_admin1 and not (sentence_admin1 & draft_admin1))


def group_sentences(all_facts: list[SentenceFacts]) -> list[IncidentDraft]:
    drafts: list[IncidentDraft] = []
    latest_violent: Optional[IncidentDraft] = None

    for facts, aside in _with_asides(all_facts):
        if (facts.recalled or aside) and facts.local_places and latest_violent is not None:
            # An earlier event, or one told aside, goes to the incident of its place (a recalled event at a place of
            # the story is the story's), else it is a new one; the part of a sentence told aside is not the rest's.
            # Either way the story goes on with the incident told before.
            others = [d for d in drafts if d.violent and not (aside and any(f.index == facts.index for f in d.sentences))]
            match = place_match(facts, others)
            if match is None:
                draft = IncidentDraft(violent=True, sentences=[facts], recalled=facts.recalled, aside=True)
                if not facts.recalled:  # told as happening meanwhile: the day of the rest of its sentence
                    draft.same_day_as = next((d for d in drafts if any(f.index == facts.index for f in d.sentences)), None)
                drafts.append(draft)
                continue
            if match.recalled or not facts.recalled:
                match.sentences.append(facts)
                continue
        anchored = bool(facts.figures or facts.subnational_places or facts.dates)
        counted = any(has_number(f.count) and not is_vague(f.count) for f in facts.figures)
        new_event = facts.strong_new_event and not facts.hypothetical
        if new_event or facts.figures:
            match = place_match(facts, [d for d in drafts if d.violent])
            if match is not None:
                match.sentences.append(facts)
                latest_violent = match
                continue
            if restates(facts, latest_violent, counted):
                latest_violent.sentences.append(facts)  # type: ignore[union-attr]
                continue
            opens = (
                anchored
                and not repeats_toll(facts, latest_violent)
                and (
                    latest_violent is None
                    or bool(
                        facts.figures and latest_violent.sentences and _has_killed(latest_violent) and _new_place(facts, latest_violent)
                    )
                    or conflicts(facts, latest_violent)
                    or (
                        not facts.references
                        and _new_place(facts, latest_violent)
                        and facts.index - latest_violent.last_index > CONTINUATION_WINDOW
                    )
                )
            )
            if opens:
                draft = IncidentDraft(violent=True, sentences=[facts])
                if latest_violent is not None and SAME_DAY.search(facts.sent.text) and not facts.dates:
                    draft.same_day_as = latest_violent
                drafts.append(draft)
                latest_violent = draft
                continue
            if latest_violent is not None and (facts.references or facts.index - latest_violent.last_index <= CONTINUATION_WINDOW):
                latest_violent.sentences.append(facts)
                continue
            if anchored:
                draft = IncidentDraft(violent=True, sentences=[facts])
                drafts.append(draft)
                latest_violent = draft
            continue
        if (
            facts.new_triggers
            and latest_violent is not None
            and not facts.hypothetical
            and facts.subnational_places
            and not latest_violent.admin1s()
            and facts.index - latest_violent.last_index == 1
        ):  # "killed 70 fighters near the border. [...] an offensive south of Qamishli": says where it was
            latest_violent.sentences.append(facts)
            continue
        decidedly_political = facts.political and (max(t._.trigger.strength for t in facts.political) >= 2 or len(facts.political) >= 2)
        if facts.references and latest_violent is not None and not decidedly_political:
            if place_match(facts, [latest_violent]) or not conflicts(facts, latest_violent):
                if facts.index - latest_violent.last_index <= CONTINUATION_WINDOW * 2 or facts.sources:
                    latest_violent.sentences.append(facts)
            continue
    return drafts


def _with_asides(all_facts: list[SentenceFacts]) -> Iterable[tuple[SentenceFacts, bool]]:
    """The sentences, each followed by the event it tells aside when that has a place to be told by (without
    one, "the May 25 killings and ..." places nothing: it is left out, its date with it); True for an aside."""
    for facts in all_facts:
        yield facts, False
        if facts.aside is not None and facts.aside.local_places:
            yield facts.aside, True


def restates(facts: SentenceFacts, draft: Optional[IncidentDraft], counted: bool) -> bool:
    """The sentence retells the incident told before without anything of a new one: victims it does not
    number ("many"), no sub-national place, no date, no other weapon ("a press statement said: 'Alawites have been
    massacred again [...] massacring its residents'"). A second incident comes with its own place, day,
    toll or weapon."""
    return (
        draft is not None
        and bool(facts.figures)
        and not counted
        and not facts.subnational_places
        and not facts.dates
        and not facts.hypothetical
        and not _new_weapon(facts, draft)
    )


def _new_weapon(facts: SentenceFacts, draft: IncidentDraft) -> bool:
    """The sentence names a weapon the incident's sentences do not: another attack ("a bombing"), unless
    it only reports a claim ("there were reports that children had been stabbed")."""
    if facts.certainty == Certainty.alleged:
        return False
    known = {t._.trigger.cause for f in draft.sentences for t in f.new_triggers + f.references if t._.trigger.cause}
    return any(t._.trigger.cause and t._.trigger.cause not in known for t in facts.new_triggers + facts.references)


def repeats_toll(facts: SentenceFacts, draft: Optional[IncidentDraft]) -> bool:
    """The sentence restates the incident's death toll: a headline and its lede tell one event."""
    if draft is None:
        return False
    tolls = {f.count.best for s in draft.sentences for f in s.figures if f.kind == "killed" and f.count.best}
    return any(f.kind == "killed" and f.count.best in tolls for f in facts.figures)


def _has_killed(draft: IncidentDraft) -> bool:
    return any(f.kind == "killed" for s in draft.sentences for f in s.figures)


def _new_place(facts: SentenceFacts, draft: IncidentDraft) -> bool:
    """The sentence names a place the incident does not have. A town of the governorate an incident is
    placed in only by its governorate ("an attack in Idlib province ... 86 killed in Khan Sheikhoun")
    says where in it, not where else."""
    keys = draft.place_keys()
    places = facts.local_places
    if not places or any((p.name or p.text or "").lower() in keys for p in places):
        return False
    draft_places = [p for f in draft.sentences for p in f.subnational_places]
    if draft_places and all(p.precision == PlacePrecision.admin1 for p in draft_places):
        return not any(p.admin1 and p.admin1 in draft.admin1s() for p in places)
    return True


def _killed_in_fighting(facts: SentenceFacts) -> bool:
    """The sentence tells of fighting (clashes, battle) and names no weapon, firmly or not."""
    triggers = [t._.trigger for t in facts.new_triggers + facts.references]
    return any(t.event_type == "Battles" for t in triggers) and not any(t.cause for t in triggers)


def _weapon_of_the_same_toll(toll_sentence: SentenceFacts, named_with: list[tuple[SentenceFacts, list[str]]]) -> list[str]:
    """The weapons a later sentence names as it tells the same toll again: "19 civilians were killed as the
    regime stepped up its campaign [...] warplanes heavily bombing the towns, killing at least 19 civilians"."""
    tolls = {f.count.best for f in toll_sentence.figures if f.kind == "killed" and f.count.best}
    for facts, named in named_with:
        if facts.index > toll_sentence.index and any(f.kind == "killed" and f.count.best in tolls for f in facts.figures):
            return named
    return []


# --------------------------------------------------------------------------- building records


def claim_source(facts: SentenceFacts, draft: IncidentDraft, outlet: Optional[str]) -> tuple[str, Certainty]:
    """A sentence's own sources, else those that the incident is said to be reported by."""
    if facts.sources:
        return joined_source(facts.sources, outlet), facts.certainty
    for other in draft.sentences:
        if other.sources and other.references and not other.figures:
            certainty = facts.certainty if facts.certainty != Certainty.asserted else Certainty.reported
            return joined_source(other.sources, outlet), certainty
    return joined_source([], outlet), facts.certainty


def combine_counts(figures: list[CasualtyFigure]) -> Optional[CasualtyCount]:
    """The incident's figure: the latest toll update, else the first figure given.

    Victims named without a number are no figure (they are `victims.mentioned`); a vague
    figure ("dozens") gives way to a later precise one that agrees with it.
    """
    figures = [f for f in figures if has_number(f.count)]
    if not figures:
        return None
    updates = [f for f in figures if f.update_of_toll]
    if updates:
        return updates[-1].count
    first = figures[0]
    count = first.count
    if is_vague(first.count):
        least = first.count.low or first.count.best or 0
        precise = next((f for f in figures if not is_vague(f.count) and (f.count.best or f.count.high or 0) >= least), None)
        if precise is not None:
            count = precise.count
    for figure in figures[figures.index(first) + 1 :]:
        if narrows(count, figure.count):
            count = figure.count
    return count


def narrows(bound: CasualtyCount, later: CasualtyCount) -> bool:
    """A later figure says what a lower bound rounded: "more than 80 people" in the lead, then "83 people
    were killed" or "at least 84". Only an exact figure or a bound close above it: one far above it ("more
    than 20 ... 43") or a range ("earlier tolls put it at between 87 and 100") counts other dead or days."""
    if bound.low is None or bound.high is not None or is_vague(bound) or is_vague(later):
        return False
    if later.low is None or later.low > bound.low * NARROWING_MARGIN:
        return False
    return (later.low == later.high and later.low >= bound.low) or (later.high is None and later.low > bound.low)


def whole_over_part(tolls: list[CasualtyFigure], dated_apart: list[bool]) -> int:
    """How many of the sentences' tolls to pass over: the leading ones that count only a part of the
    civilians (children, women, one family) when the next one counts all the dead, more of them, on the
    incident's day. A feature that opens on one man who "had washed the bodies of nine slain children"
    before "the bodies of 108 people killed" tells the massacre's toll; a lead that counts civilians or
    fighters tells its own incident's toll."""
    parts = 0
    while parts < len(tolls) and (tolls[parts].group in PART_GROUPS or tolls[parts].of_one_family):
        parts += 1
    if not parts or parts == len(tolls) or dated_apart[parts]:
        return 0
    whole = tolls[parts]
    largest_part = max(p.count.best or p.count.high or 0 for p in tolls[:parts])
    return parts if whole.group is None and not whole.of_one_family and (whole.count.best or 0) > largest_part else 0


def uncounted(figures: list[CasualtyFigure]) -> Optional[CasualtyCount]:
    """People taken whom the text does not number ("abducted a group of children and women"): recorded
    with their words and no number, not dropped. The longest phrase of the first sentence that names them."""
    if not figures:
        return None
    first = [f for f in figures if f.start < figures[0].end]
    return CasualtyCount(text=max(first, key=lambda f: f.end - f.start).text)


def build_casualties(draft: IncidentDraft) -> Casualties:
    """The toll from the tolls its sentences give (casualties.sentence_toll); who the dead were
    from the sentences that tell that toll (casualties.tells_toll)."""
    sentences = [with_additions(facts.figures) for facts in draft.sentences]
    by_kind: dict[str, list[CasualtyFigure]] = {}
    for figure in (f for figures in sentences for f in figures):
        by_kind.setdefault(figure.kind, []).append(figure)

    tolls = [(i, toll) for i, figures in enumerate(sentences) if (toll := sentence_toll(figures))]
    parts = whole_over_part([toll for _, toll in tolls], [draft.sentences[i].index in draft.dated_apart for i, _ in tolls])
    total = combine_counts([toll for _, toll in tolls[parts:]])
    # The dead of the parts are among the whole's ("27 children" of "some 80 people"); a bound the total
    # narrows ("more than 80") counts the same dead.
    told = {j for j, _ in tolls[:parts]} | {j for j, toll in tolls if total is not None and narrows(toll.count, total)}
    telling = [i for i, figures in enumerate(sentences) if tells_toll(total, figures) or i in told]
    killed = [f for i in telling for f in sentences[i] if f.kind == "killed"]
    victims = Victims()
    for group in ("civilians", "children", "women", "elderly", "combatants"):
        count = combine_counts([f for f in killed if f.group == group])
        if count is not None:
            setattr(victims, group, count)
    mentioned = [g for i in telling for g in draft.sentences[i].groups_mentioned if getattr(victims, g, None) is None]
    victims.mentioned = list(dict.fromkeys(mentioned))

    return Casualties(
        killed=total,
        injured=combine_counts(by_kind.get("injured", [])),
        abducted=combine_counts(by_kind.get("abducted", [])) or uncounted(by_kind.get("abducted", [])),
        missing=combine_counts(by_kind.get("missing", [])) or uncounted(by_kind.get("missing", [])),
        victims=victims,
    )


def build_date(draft: IncidentDraft, published: Optional[dt.date]) -> tuple[IncidentDate, Optional[tuple[SentenceFacts, Span]]]:
    """The date its sentences tie to the violence (not a photo caption's, which dates the picture), else that of
    the incident it happened "the same day" as, else the publication day."""
    mentions = [(facts, mention) for facts in draft.sentences for mention in facts.dates if not in_caption(mention)]
    date, chosen = choose_incident_date([mention for _, mention in mentions], published, draft.sentences[0].sent)
    if chosen is not None:
        return date, next(pair for pair in mentions if pair[1] is chosen)
    if draft.recalled:  # an earlier event: not the story's day
        return IncidentDate(), None
    if draft.same_day_as is not None and draft.same_day_as.date is not None:
        return draft.same_day_as.date, None
    return date_of_publication(published), None


def sentences_dated_apart(draft: IncidentDraft, published: Optional[dt.date]) -> set[int]:
    """The sentences (by index) whose violence is dated to another day than the incident's: "On October
    13th 30 people were killed" in a report of Sunday's bombing tells an earlier event, so its toll does
    not say where the incident was."""
    day = draft.date.start if draft.date is not None and draft.date.precision == Precision.day else None
    if day is None:
        return set()
    apart: set[int] = set()
    for facts in draft.sentences[1:]:
        days = {
            resolved.start
            for mention in facts.dates
            if incident_date_strength(mention) >= 2
            for resolved in [resolve_date(mention.text, published)]
            if resolved.precision == Precision.day and resolved.start is not None
        }
        if days and day not in days:
            apart.add(facts.index)
    return apart


def attach_context(drafts: list[IncidentDraft], all_facts: list[SentenceFacts]) -> None:
    """Give each violent incident the sentences near its own that tell no other violent incident."""
    taken = {facts.index for draft in drafts if draft.violent for facts in draft.sentences}
    for draft in drafts:
        if draft.violent:
            own = {facts.index for facts in draft.sentences}
            near = {i for j in own for i in range(j - PERPETRATOR_CONTEXT_WINDOW, j + PERPETRATOR_CONTEXT_WINDOW + 1)}
            draft.context = [all_facts[i] for i in sorted(near - taken) if 0 <= i < len(all_facts)]


def _role_readings(sentences: list[SentenceFacts]) -> list[RoleReading]:
    """A page's keyword list ("Tags Syria Nusra Front al-Qaeda Aleppo") names the story's topics, not who did
    what, so actors in one take no role (the same test places use)."""
    readings: list[RoleReading] = []
    for facts in sentences:
        readings += read_roles(facts.sent, [a for a in facts.actors if not in_keyword_list(a)])
    return readings


def build_actors(draft: IncidentDraft) -> list[Actor]:
    """The incident's actors in text order (rank_actors: sides of a fight only when no one is said to have struck).

    News often names who struck apart from the casualties ("Regime forces stepped up their
    attacks on the district. Seventeen civilians were killed."): when the incident's own
    sentences name no perpetrator, those said to have struck in its context sentences are
    taken; sides of a fight there are not, nor anyone from another incident's sentences.
    """
    readings = _role_readings(draft.sentences)
    if not any(r.actor.role == "perpetrator" for r in readings):
        readings += [r for r in _role_readings(draft.context) if r.actor.role == "perpetrator" and not r.side_only]
    return rank_actors(readings)


def build_incident(number: int, draft: IncidentDraft, outlet: Optional[str], doc_places: Optional[DocumentPlaces] = None) -> Incident:
    claims: list[Claim] = []

    said: set[tuple] = set()

    def claim(field_name: str, value, facts: SentenceFacts, start: int, end: int, hedged: Optional[Certainty] = None) -> None:
        """`hedged`: how firmly the sentence says this one thing when it says it less firmly than the rest
        ("rebels allegedly armed by Qatar attacked": the arming is alleged, the attack is not)."""
        source, certainty = claim_source(facts, draft, outlet)
        if hedged is not None and certainty in (Certainty.asserted, Certainty.reported):
            certainty = hedged
        key = (field_name, value, source, certainty, facts.index)
        if key in said:  # the same thing said twice in one sentence is one claim
            return
        said.add(key)
        claims.append(
            Claim(
                field=field_name,
                value=value,
                source=source,
                certainty=certainty,
                evidence=Evidence(start=start, end=end, sentence=facts.text),
            )
        )

    # Cause: the earliest sentence that names a weapon decides (news leads with it; later
    # sentences add background), the most specific weapon within it; a hedged one ("claims
    # that chemical weapons may have been used") is only a claim, never the cause. The sentence
    # that first gives the death toll says how those died: a weapon it names counts with the
    # lead's ("a chemical attack ... air strikes killed 70": chemical; "bombs fell ... an air
    # strike killed 12": airstrike), and dead it puts in fighting without naming a weapon
    # ("29 rebels were killed in clashes") were shot; weapons named elsewhere in the story
    # (artillery called in, rocket launchers destroyed) are the fight's, not the deaths'.
    firm_causes: list[list[str]] = []
    all_triggers: list[Trigger] = []
    toll_sentence: Optional[SentenceFacts] = None
    toll_causes: list[str] = []
    named_with: list[tuple[SentenceFacts, list[str]]] = []
    for facts in draft.sentences:
        named = []
        for trigger in facts.new_triggers + facts.references + facts.political:
            info: Trigger = trigger._.trigger
            all_triggers.append(info)
            if info.cause:
                if facts.certainty != Certainty.alleged:
                    named.append(info.cause)
                claim("cause", info.cause, facts, trigger.start_char, trigger.end_char)
        if named:
            firm_causes.append(named)
            named_with.append((facts, named))
        if toll_sentence is None and any(f.kind == "killed" for f in facts.figures):
            toll_sentence, toll_causes = facts, named
    if (
        toll_sentence is not None
        and not toll_causes
        and _killed_in_fighting(toll_sentence)  # a toll retold
        and (same_toll := _weapon_of_the_same_toll(toll_sentence, named_with))
    ):
        cause = choose_cause(same_toll)  # the weapon that killed those dead, not the fight's others
    elif toll_causes:
        cause = choose_cause(firm_causes[0] + toll_causes)
    elif toll_sentence is not None and _killed_in_fighting(toll_sentence):
        cause = "shooting"
    else:  # a weapon only claimed ("chemical weapons may have been used") stays a claim
        cause = choose_cause(firm_causes[0]) if firm_causes else "unknown"

    # The article's places and each sentence's death toll help place the incident (see incident_location).
    if doc_places is None:
        doc_places = DocumentPlaces(draft.sentences[0].sent.doc.spans.get("places", []))
    tolls = {
        facts.sent.start: max(
            (SentenceToll(f.count.best or 0, f.end) for f in facts.figures if f.kind == "killed"), default=SentenceToll(0, 0)
        )
        for facts in draft.sentences
        if facts.index not in draft.dated_apart
    }
    incident_places = [p for f in draft.sentences for p in f.places]
    location = incident_location(incident_places, doc_places, draft.violent, tolls) or Place()
    for facts in draft.sentences:
        for span in facts.places:
            place = span._.place
            if place is not None and location.text and span.text == location.text:
                claim("location", location.name or location.text, facts, span.start_char, span.end_char)
                break

    date = draft.date or IncidentDate()
    if draft.date_origin is not None:
        facts, mention = draft.date_origin
        claim("date", date.start.isoformat() if date.start else date.text, facts, mention.start_char, mention.end_char)

    casualties = build_casualties(draft)
    for facts in draft.sentences:
        for figure in facts.figures:
            field_name = f"casualties.{figure.kind}" if figure.group is None else f"casualties.victims.{figure.group}"
            if figure.kind != "killed" and figure.group is not None:
                field_name = f"casualties.{figure.kind}"
            claim(field_name, figure.count.best if figure.count.best is not None else figure.text, facts, figure.start, figure.end)

    # A description of state forces ("government forces") is the forces of the country the story is about.
    story_country = location.country or doc_places.home
    actors: list[Actor] = []
    for actor in build_actors(draft):
        for facts in draft.sentences + draft.context:
            hit = next((a for a in facts.actors if a.text == actor.text), None)
            if hit is not None:
                actor = in_story(actor, hit, story_country)
                hedged = sponsor_certainty(hit) if actor.role == "sponsor" else None
                claim(f"actors.{actor.role}", actor.name, facts, hit.start_char, hit.end_char, hedged)
                break
        if not any((a.role, a.name) == (actor.role, actor.name) for a in actors):
            actors.append(actor)

    civilian_victims = bool(
        casualties.victims.civilians
        or casualties.victims.children
        or casualties.victims.women
        or any(g in {"civilians", "children", "women", "elderly"} for g in casualties.victims.mentioned)
        or any(a.role == "target" and a.type == ActorType.civilians for a in actors)
    )
    perpetrators = [a for a in actors if a.role == "perpetrator"]
    state = None if not perpetrators else perpetrators[0].type == ActorType.state_forces
    # Only a weapon stated firmly decides the event type; a claimed one stays a claim.
    firm_cause = cause if firm_causes else "unknown"
    event_type, sub_event_type = classify_event(all_triggers, firm_cause, civilian_victims=civilian_victims, state_perpetrator=state)

    first = draft.sentences[0]
    return Incident(
        id=f"i{number}",
        event_type=event_type,
        sub_event_type=sub_event_type,
        violent=draft.violent,
        cause=cause,
        date=date,
        location=location,
        actors=actors,
        casualties=casualties,
        claims=claims,
        summary=first.sent.text.strip(),
        aside=draft.aside,
    )


def build_incidents(doc: Doc, dates_key: str = DATE_SPANS) -> list[Incident]:
    """All incidents of an annotated Doc, violent ones first in text order, then the political events (component
    "corroborate_incidents"; `doc._.political`, read here when the Doc did not go through "corroborate_political"). Relative dates resolve against `doc._.published`; what the text asserts
    without a source is `doc._.outlet`'s. The date mentions are `doc.spans[dates_key]` (component
    "corroborate_dates"), read here when the Doc did not go through it."""
    published: Optional[dt.date] = doc._.published
    outlet: Optional[str] = doc._.outlet
    sents = list(doc.sents)
    triggers, places, actors, ents = (
        spans_by_sentence(spans, sents)
        for spans in (doc.spans.get(TRIGGER_SPANS, []), doc.spans.get("places", []), doc.spans.get("actors", []), doc.ents)
    )
    dates: list[Optional[list[Span]]] = (
        list(spans_by_sentence(doc.spans[dates_key], sents)) if dates_key in doc.spans else [None] * len(sents)
    )
    all_facts = [sentence_facts(i, sent, triggers[i], places[i], actors[i], ents[i], dates[i]) for i, sent in enumerate(sents)]
    drafts = group_sentences(all_facts)
    attach_context(drafts, all_facts)
    # Dates are resolved in text order so that "the same day" can borrow the date of the incident before.
    for draft in drafts:
        draft.date, draft.date_origin = build_date(draft, published)
        draft.dated_apart = sentences_dated_apart(draft, published)
    ordered = [d for d in drafts if d.violent]
    # An earlier event the article recalls does not say which town or division the article is about.
    recalled = {(p.start, p.end) for draft in drafts if draft.recalled for facts in draft.sentences for p in facts.places}
    doc_places = DocumentPlaces([p for p in doc.spans.get("places", []) if (p.start, p.end) not in recalled])
    incidents = [build_incident(i + 1, draft, outlet, doc_places) for i, draft in enumerate(ordered)]
    borrow_perpetrators(incidents)
    events = doc._.political if doc._.political is not None else political_events(doc)
    told = main_incident(incidents)
    # aimed at the violence told: at its main perpetrator, the first named one (the one the story leads with)
    named = [a.model_copy(update={"role": "recipient"}) for a in (_perpetrators(told) if told is not None else []) if named_party(a)]
    perpetrators = tuple(named[:1])
    events = [replace(e, recipients=perpetrators) if e.against_violence and not e.recipients else e for e in events]
    incidents += [political_incident(len(incidents) + i + 1, event) for i, event in enumerate(e for e in events if e.recipients)]
    return incidents


def borrow_perpetrators(incidents: list[Incident]) -> None:
    """A violent incident that names no perpetrator takes those the article names for its
    other violent incidents of the same cause, with the claims that name them: a report names
    once who flies or shells ("Air raids killed 20 in Raqqa. [...] The Syrian air force has
    stepped up its raids on the city"), and the grouping may have split one attack in two. One that names
    no weapon either, as a headline often does ("Syria gas kills hundreds"), takes those of the violent
    incident told right after it, its lede's, unless the two are placed in different governorates."""
    violent = [i for i in incidents if i.violent]  # in text order
    for number, incident in enumerate(violent):
        if _perpetrators(incident):
            continue
        if incident.cause == "unknown":
            donors = [lede for lede in violent[number + 1 : number + 2] if _same_governorate(lede, incident)]
        else:
            donors = [o for o in violent if o is not incident and o.cause == incident.cause]
        names: set[str] = set()
        for donor in donors:
            for actor in _perpetrators(donor):
                if actor.name not in names:
                    names.add(actor.name)
                    incident.actors.append(actor)
                    incident.claims += [c for c in donor.claims if c.field == "actors.perpetrator" and c.value == actor.name]


def _same_governorate(incident: Incident, other: Incident) -> bool:
    """Unless both are placed, in different governorates."""
    return not (incident.location.admin1 and other.location.admin1) or incident.location.admin1 == other.location.admin1


def _perpetrators(incident: Incident) -> list[Actor]:
    return [a for a in incident.actors if a.role == "perpetrator"]


def main_incident(incidents: list[Incident]) -> Optional[Incident]:
    """The article's main incident: the first violent one that numbers its dead ("killed 15", not "killed
    many"), else the first violent one. News leads with its main story, but a round-up of a day's fighting
    may open with operations that killed "many" before the clash that killed 15. An incident told aside is not
    the story, even when it alone is numbered (an earlier event recalled: "monitors previously visited X, where
    gunmen killed 108"; one said to happen meanwhile elsewhere: "..., as shells hit Y, killing one"), unless
    the article tells no other."""
    violent = [incident for incident in incidents if incident.violent]
    violent = [incident for incident in violent if not incident.aside] or violent
    return next((incident for incident in violent if _numbers_its_dead(incident)), violent[0] if violent else None)


def _numbers_its_dead(incident: Incident) -> bool:
    victims = incident.casualties.victims
    counts = (incident.casualties.killed, victims.civilians, victims.children, victims.women, victims.combatants)
    return any(count is not None and has_number(count) and not is_vague(count) for count in counts)
