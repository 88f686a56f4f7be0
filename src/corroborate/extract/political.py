"""Political events: the non-violent acts of named parties towards named parties (PLOVER types, data/plover.toml).

Who arms, funds, backs, accuses, asks, refuses whom is read from the parse, word classes in lang/en/political.toml
(guide: docs/political_annotation.md):

* an event word is a verb or noun of the lexicon ("supplied", "vetoed", "the veto"); its mode comes from the word
  or from what is supplied ("provide arms": AID arms; "non-lethal assistance": AID logistics);
* the actor does the act: the verb's subject, the passive's agent ("backed by Russian jets"), the subject of the
  clause a participle or relative clause hangs on ("Turkey, which supports the rebels"), the event noun's possessor,
  modifier or "by"/"from" phrase ("Russia's veto", "the Russian proposal"); a state's forces act for the state, and
  a capital or country named as a speaker or a doer is its government ("Moscow said", "Syria accuses");
* the recipient is the one the act is aimed at or that benefits: the object, "to X", "for X", "against X", "on X";
  what an accusation or a condemnation is about gives its author ("condemned the massacre committed by ISIS");
* coordinated names are several actors or recipients ("the US, EU, Turkey, Saudi Arabia and Qatar provide arms");
  "the factions" or "the parties" that agree, meet or cooperate are those the sentence before or after names;
* a promise of aid (a future auxiliary, "plans to", "pledged to") is AGREE with the aid's mode; a negated,
  hypothetical or merely weighed act is none; one under a verb of denial is `denied`;
* who says so: the nearest speaker the event is said by (the inner speaker of a quotation inside a quotation), the
  content of an accusation is `alleged` ("Syria accuses Qatar of arming ..." is an ACCUSE and an alleged AID), a
  hedge makes it alleged, a named source reported, a speech act its own actor's assertion; otherwise the
  sentence's attribution (extract/attribution.py).

A label is no event ("US-backed rebels": the sponsor role of the violent incident); nor is an act with no named
actor or no named recipient.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from spacy.tokens import Doc, Span, Token

from corroborate import plover
from corroborate.dictionaries import UNKNOWN_CLASS, ActorDictionary, ActorEntry, cached_dictionary
from corroborate.extract.actors import ACTOR_SPANS, DICTIONARY_ATTR, SOURCE_SPANS, read_roles
from corroborate.extract.attribution import ALLEGING_VERBS, DENYING_LEMMAS, REPORTING_VERBS, attribute, joined_source
from corroborate.extract.dates import incident_date_strength
from corroborate.extract.tokens import doc_tokens
from corroborate.lang import lexicon
from corroborate.models import Actor, ActorType, Certainty, Claim, Evidence, Incident, IncidentDate, Place, PlacePrecision, Precision

EN = lexicon("en")

POLITICAL_VERBS: dict[str, str] = EN.mapping("political_verbs")
POLITICAL_NOUNS: dict[str, str] = EN.mapping("political_nouns")
AID_MODE_WORDS: dict[str, str] = EN.mapping("aid_mode_words")
FORCE_BACKERS: dict[str, str] = EN.mapping("force_backers")
FIGHT_WORDS = EN.words("fight_words")
VERBAL_TYPES = EN.words("verbal_types")
REQUEST_PREPS = EN.words("request_preps")
CALL_PREPS = EN.words("call_preps")
RECIPIENT_PREPS = EN.words("recipient_preps")
ACTOR_PREPS = EN.words("actor_preps")
FUTURE_WORDS = EN.words("future_act_words")
DELIBERATION_WORDS = EN.words("deliberation_words")
NEGATION_WORDS = EN.words("negation_words")
CEASEFIRE_NOUNS = EN.words("ceasefire_nouns")
ANNOUNCING_VERBS = EN.words("announcing_verbs")
ENDING_WORDS = EN.words("ending_words")
TIE_NOUNS = EN.words("tie_nouns")
LIFTING_VERBS = EN.words("lifting_verbs")
SUPPORTER_NOUNS = EN.words("supporter_nouns")
BACKED_WORDS = EN.words("backed_words")
RELATIVE_PRONOUNS = EN.words("relative_pronouns")
CAPITAL_CITIES: dict[str, str] = EN.mapping("capital_cities")
GIVING_VERBS = EN.words("giving_verbs")
COALITION_NOUNS = EN.words("coalition_nouns")
MEMBERSHIP_WORDS = EN.words("membership_words")
CROWD_WORDS = EN.words("crowd_words")
VIOLENCE_REFERENCE_NOUNS = EN.words("violence_reference_nouns")
JOINT_BODIES = EN.words("joint_bodies")
OFFICE_TITLES = EN.words("office_titles")
PRESSURE_PREPS = EN.words("pressure_preps")
DEAL_NOUNS = EN.words("deal_nouns")
TOPIC_PREPS = EN.words("topic_preps")
AGREEING_VERBS = EN.words("agreeing_verbs")
ADDRESSING_VERBS = EN.words("addressing_verbs")
PLACE_PREPS = EN.words("place_preps")
REFERRING_DETERMINERS = EN.words("referring_determiners")
DEAL_CLAUSE_PREPS = EN.words("deal_clause_preps")
TRAVEL_PREPS = EN.words("travel_preps")
DISARMING_VERBS = EN.words("disarming_verbs")
PHRASAL_EVENTS: dict[str, str] = EN.mapping("phrasal_events")
REPORT_HEDGES = EN.words("report_hedges")
DEMAND_MODALS = EN.words("demand_modals")
LISTING_VERBS = EN.words("listing_verbs")
TERRORIST_WORDS = EN.words("terrorist_words")
BANNING_VERBS = EN.words("banning_verbs")
PLURAL_PRONOUNS = EN.words("plural_pronouns")
COPULAS = EN.words("copulas")
SPEAKING_SOURCE_KINDS = EN.words("speaking_source_kinds")
CLAIMING_SPEECH_VERBS = EN.words("claiming_speech_verbs")
FOUNDING_VERBS = EN.words("founding_verbs")
RECIPROCAL_TYPES = EN.words("reciprocal_types")
DEAL_PREPS = EN.words("deal_preps")
PARTY_GROUP_NOUNS: dict[str, str] = EN.mapping("party_group_nouns")
LEAVING_VERBS = EN.words("leaving_verbs")
INSPECTION_WORDS = EN.words("inspection_words")
FAILING_VERBS = EN.words("failing_verbs")
RECEIVING_VERBS = EN.words("receiving_verbs")
RELIEF_PREPS = EN.words("relief_preps")
SANCTION_TARGET_PREPS = EN.words("sanction_target_preps")
OPPOSING_PREPS = EN.words("opposing_preps")
HOLDING_VERBS = EN.words("holding_verbs")
BLAME_ADJECTIVES = EN.words("blame_adjectives")
CENSURE_NOUNS = EN.words("censure_nouns")
INCURRING_VERBS = EN.words("incurring_verbs")
LITERAL_FIRE_NOUNS = EN.words("literal_fire_nouns")
CULPRIT_PREPS = EN.words("culprit_preps")
WEAPON_USE_VERBS = EN.words("weapon_use_verbs")
WEAPON_NOUNS = EN.words("used_weapon_nouns")
SPEAKER_PRONOUNS = EN.words("speaker_pronouns")
SPOKEN_TYPES = EN.words("spoken_types")

OPENING_QUOTES = ("“", '"')
CLOSING_QUOTES = ("”",)
# Grammar codes (dependency labels, POS tags), not words of a language: they stay with the rules.
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "acl", "relcl", "pcomp", "conj", "prep", "pobj", "dobj", "csubj", "parataxis"})
NOUN_TAGS = frozenset({"NOUN", "PROPN"})
STATE_TYPES = frozenset({ActorType.foreign_state, ActorType.state_forces})
# Alignments (sources.toml) of an official source that is a government's own office: it acts for its country's state
STATE_ALIGNMENTS = frozenset({"pro-government", "coalition"})
ARMED_TYPES = frozenset({ActorType.rebel_group, ActorType.jihadist_group, ActorType.militia})
VERB_POS = ("VERB", "AUX")
# The lemmas and words `_event_kind` can name an event at, tested on the Doc's token columns before a Token is
# made: the other tokens of a sentence cannot give one. A phrasal event's verb is any part of a key before a space.
EVENT_VERB_LEMMAS = (
    frozenset(POLITICAL_VERBS)
    | HOLDING_VERBS
    | AGREEING_VERBS
    | BANNING_VERBS
    | ANNOUNCING_VERBS
    | LIFTING_VERBS
    | LISTING_VERBS
    | FOUNDING_VERBS
    | ENDING_WORDS
    | {key[:index] for key in PHRASAL_EVENTS for index, char in enumerate(key) if char == " "}
)
EVENT_NOUNS = frozenset(POLITICAL_NOUNS) | SUPPORTER_NOUNS


@dataclass(frozen=True)
class PoliticalEvent:
    """One political event: its PLOVER type and mode, who acts towards whom, who says so and how firmly, the words
    (`start`, `end`: characters) that tell it, and when and where when its clause says so."""

    type: str
    mode: Optional[str]
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    source: str
    certainty: Certainty
    start: int
    end: int
    sentence: Span = field(compare=False, repr=False)
    actor_spans: tuple[tuple[int, int], ...] = ()
    recipient_spans: tuple[tuple[int, int], ...] = ()
    date: IncidentDate = field(default_factory=IncidentDate)
    date_span: Optional[tuple[int, int]] = None
    place: Optional[Place] = None
    place_span: Optional[tuple[int, int]] = None
    reciprocal: bool = False
    # Aimed at the violence the article tells ("a demonstration denouncing the massacre"): its recipients are
    # that incident's perpetrators, given when the incidents are built.
    against_violence: bool = False


@dataclass
class _Party:
    """An actor read at a token: its canonical name, type and country (the actor dictionary's, or the source
    registry's for a body that speaks: "Human Rights Watch accused ...") and the characters it is named by."""

    name: str
    type: ActorType
    country: Optional[str]
    text: str
    start: int
    end: int
    side: str = UNKNOWN_CLASS  # the FA-KES side of the war it fights on, where the dictionary gives one

    @classmethod
    def of(cls, entry: ActorEntry, span: Span) -> "_Party":
        return cls(entry.name, entry.type, entry.country, span.text, span.start_char, span.end_char, entry.fakes_class)


# --------------------------------------------------------------------------- the Doc's events


def political_events(doc: Doc) -> list[PoliticalEvent]:
    """Every political event of a parsed Doc that went through the actors component (`doc.spans["actors"]`)."""
    if not doc.has_annotation("DEP"):
        return []
    reader = _Reader(doc)
    events: list[PoliticalEvent] = []
    seen: set[tuple] = set()
    for sent in doc.sents:
        for event in reader.sentence_events(sent):
            key = (event.type, tuple(a.name for a in event.actors), tuple(r.name for r in event.recipients), event.sentence.start)
            if key not in seen:
                seen.add(key)
                events.append(event)
    return events


class _Reader:
    def __init__(self, doc: Doc):
        self.doc = doc
        spans = doc.spans.get(ACTOR_SPANS)
        self.dictionary: ActorDictionary = cached_dictionary(
            ActorDictionary, spans.attrs.get(DICTIONARY_ATTR) if spans is not None else None
        )
        self.by_token: dict[int, Span] = {}
        for span in spans or []:
            for i in range(span.start, span.end):
                self.by_token[i] = span
        self.sources: dict[int, Span] = {}
        for span in doc.spans.get(SOURCE_SPANS, []):
            for i in range(span.start, span.end):
                self.sources[i] = span
        self.places: dict[int, Span] = {}
        for span in doc.spans.get("places", []):
            for i in range(span.start, span.end):
                self.places[i] = span
        self.states = _states(self.dictionary)
        self.last_speakers: list[_Party] = []  # who last accused, asked, threatened or refused: the "we" of a statement
        self.people: dict[str, _Party] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON" and not any(i in self.by_token for i in range(ent.start, ent.end)):
                office = self._office_of(ent)
                if office is not None:
                    self.people[ent[-1].text] = office

    # -- events of a sentence

    def sentence_events(self, sent: Span) -> Iterator[PoliticalEvent]:
        for token in self._event_candidates(sent):
            kind = self._event_kind(token)
            if kind is not None:
                yield from self._events_at(token, kind, sent)
        yield from self._accusations(sent)
        yield from self._demands(sent)
        yield from self._censures(sent)

    def _event_candidates(self, sent: Span) -> Iterator[Token]:
        """The sentence's tokens `_event_kind` may name an event at, picked on the token columns: making a Token
        for every word of every sentence was most of this component's cost."""
        columns = doc_tokens(self.doc)
        lemmas, lowers, tags, pos = columns.lemmas, columns.lowers, columns.tags, columns.pos
        for index in range(sent.start, sent.end):
            if pos[index] in VERB_POS or (tags[index] == "VBN" and pos[index] == "ADJ"):
                if lemmas[index] in EVENT_VERB_LEMMAS:
                    yield self.doc[index]
            elif pos[index] in NOUN_TAGS and lowers[index] in EVENT_NOUNS:
                yield self.doc[index]

    def _verbs_of(self, sent: Span, words: frozenset[str]) -> Iterator[Token]:
        """The sentence's verbs whose lemma is one of `words`, picked on the token columns before any Token is made."""
        columns = doc_tokens(self.doc)
        lemmas, pos = columns.lemmas, columns.pos
        for index in range(sent.start, sent.end):
            if lemmas[index] in words and pos[index] in VERB_POS:
                yield self.doc[index]

    def _accusations(self, sent: Span) -> Iterator[PoliticalEvent]:
        """A party to the war that says another struck accuses it: "The United States has said the deaths were
        caused by sarin dropped by Syrian aircraft" is an ACCUSE (allege) from the United States to the Syrian
        government. A monitor's or an outlet's report is not (its speaker is no party); nor is a claim of one's
        own act."""
        readings = None
        for verb in self._verbs_of(sent, CLAIMING_SPEECH_VERBS):
            if _negated(verb):
                continue
            clauses = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i != verb.i]
            subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            if not subjects and verb.dep_ == "conj":  # "X did not say which agent ... but said the rebels had used it"
                subjects = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
            if not clauses or not subjects:
                continue
            speakers = self._parties(subjects)
            if not speakers:
                continue
            if readings is None:
                readings = read_roles(sent, [s for s in self.doc.spans.get(ACTOR_SPANS, []) if sent.start <= s.start and s.end <= sent.end])
            inside = {t.i for clause in clauses for t in clause.subtree}
            accused: list[_Party] = []
            for reading in readings:
                if reading.actor.role != "perpetrator" or reading.side_only:
                    continue
                span = next((s for s in self.doc.spans[ACTOR_SPANS] if s.text == reading.actor.text and s.start in inside), None)
                entry = span._.actor_entry if span is not None else None
                if span is None or entry is None or _unnamed(entry):
                    continue
                accused.append(_Party.of(self._state_of(entry), span))
            for clause in clauses:  # "Ankara said the YPG was responsible for / behind the bombing"
                if clause.lemma_.lower() in COPULAS and not _negated(clause) and _culprit_clause(clause):
                    accused += self._parties([c for c in clause.children if c.dep_ in SUBJECT_DEPS])
            accused += self._parties(_weapon_users(t for clause in clauses for t in clause.subtree))
            if any(a.name == s.name for a in accused for s in speakers):
                continue  # a party telling its own operation, with whoever joined it, accuses no one
            # an accusation is aimed at another side: a party telling its ally's strikes accuses no one
            # nor is a state telling its own forces' acts ("a Syrian security source said government forces had repelled it")
            accused = [
                a
                for a in _unique(accused)
                if all(a.name != s.name and (a.side == UNKNOWN_CLASS or a.side != s.side) and not _same_state(a, s) for s in speakers)
            ]
            if not accused:
                continue
            yield PoliticalEvent(
                type="ACCUSE",
                mode="allege",
                actors=tuple(self._actor(p, "actor") for p in _unique(speakers)),
                recipients=tuple(self._actor(p, "recipient") for p in accused),
                source=speakers[0].name,
                certainty=Certainty.alleged if _hedged(verb) else Certainty.asserted,
                start=verb.idx,
                end=verb.idx + len(verb.text),
                sentence=sent,
                actor_spans=tuple((p.start, p.end) for p in _unique(speakers)),
                recipient_spans=tuple((p.start, p.end) for p in accused),
            )

    def _censures(self, sent: Span) -> Iterator[PoliticalEvent]:
        """A party that comes under, draws or faces censure from a critic is accused by it: "the coalition came under
        fire from Human Rights Watch over the raid", "Russia drew criticism from Ankara" (ACCUSE disapprove, the critic
        to the party). Fire from forces is gunfire, not censure."""
        for verb in self._verbs_of(sent, INCURRING_VERBS):
            if _negated(verb):
                continue
            censures = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "under" for g in c.children if g.dep_ == "pobj"] + [
                c for c in verb.children if c.dep_ == "dobj"
            ]
            censure = next((c for c in censures if c.lower_ in CENSURE_NOUNS), None)
            if censure is None or _weighed(verb):
                continue
            holders = [verb, censure, *(c for c in censure.children if c.dep_ == "prep")]
            critics = [
                g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children if g.dep_ == "pobj"
            ]
            if censure.lower_ == "fire" and any(t.lower_ in LITERAL_FIRE_NOUNS for c in critics for t in c.subtree):
                continue
            actors = [p for p in self._parties(critics) if censure.lower_ != "fire" or p.type not in ARMED_TYPES | {ActorType.state_forces}]
            recipients = [p for p in self._verb_actors(verb) if all(p.name != a.name for a in actors)]
            if not actors or not recipients:
                continue
            source, certainty = self._attribution(verb, "ACCUSE", actors, sent)
            yield PoliticalEvent(
                type="ACCUSE",
                mode="disapprove",
                actors=tuple(self._actor(p, "actor") for p in _unique(actors)),
                recipients=tuple(self._actor(p, "recipient") for p in _unique(recipients)),
                source=source,
                certainty=certainty,
                start=censure.idx,
                end=censure.idx + len(censure.text),
                sentence=sent,
                actor_spans=tuple((p.start, p.end) for p in _unique(actors)),
                recipient_spans=tuple((p.start, p.end) for p in _unique(recipients)),
            )

    def _event_kind(self, token: Token) -> Optional[str]:
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX") or (token.tag_ == "VBN" and token.pos_ == "ADJ"):
            for particle in (c for c in token.children if c.dep_ in ("prt", "prep", "advmod")):
                if f"{lemma} {particle.lower_}" in PHRASAL_EVENTS:
                    return PHRASAL_EVENTS[f"{lemma} {particle.lower_}"]
            if (
                lemma in HOLDING_VERBS
                and any(c.dep_ == "dobj" for c in token.children)
                and any(c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and c.lower_ in BLAME_ADJECTIVES for c in token.children)
            ):
                return "ACCUSE:allege"  # "held the YPG responsible for the bombing"
            if lemma in AGREEING_VERBS and any(c.dep_ == "xcomp" and c.lemma_.lower() in DISARMING_VERBS for c in token.children):
                return "CONCEDE"  # "Syria agreed to destroy its chemical weapons"
            if lemma in POLITICAL_VERBS:
                if lemma == "call" and not any(c.dep_ == "prep" and c.lower_ in CALL_PREPS for c in token.children):
                    return None
                return POLITICAL_VERBS[lemma]
            if lemma in BANNING_VERBS:
                return "SANCTION"  # "the IS, which is prohibited in many countries including Russia"
            if lemma in ANNOUNCING_VERBS and _object_in(token, CEASEFIRE_NOUNS):
                return "CONCEDE:ceasefire"
            if lemma in LIFTING_VERBS and _object_in(token, {"embargo", "sanctions", "ban", "siege"}):
                return "CONCEDE"
            if lemma in LISTING_VERBS and any(
                c.dep_ == "prep" and c.lower_ == "as" and any(t.lower_ in TERRORIST_WORDS for t in c.subtree) for c in token.children
            ):
                return "SANCTION"
            if lemma in FOUNDING_VERBS and _object_in(token, JOINT_BODIES):
                return "COOPERATE"
            if lemma in ENDING_WORDS and (_object_in(token, TIE_NOUNS) or _object_in(token, CEASEFIRE_NOUNS)):
                return "SANCTION:discontinue"
            return None
        if token.pos_ in NOUN_TAGS and token.lower_ in POLITICAL_NOUNS:
            return POLITICAL_NOUNS[token.lower_]
        if token.pos_ in NOUN_TAGS and token.lower_ in SUPPORTER_NOUNS and _copula_subject(token) is not None:
            return "SUPPORT"
        return None

    def _events_at(self, token: Token, kind: str, sent: Span) -> Iterator[PoliticalEvent]:
        type_, _, mode = kind.partition(":")
        mode_or_none: Optional[str] = mode or None
        is_verb = token.pos_ not in NOUN_TAGS
        if _label(token) or _negated(token) or _weighed(token):
            return
        if not is_verb and token.head.lemma_.lower() in LIFTING_VERBS | ENDING_WORDS and token.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
            return  # "overturning an arms embargo": the lifting is the event
        if _failed(token):
            return  # "should the United States fail to offer assistance": it did not
        if (
            is_verb
            and token.lemma_.lower() in GIVING_VERBS
            and any(c.dep_ == "dobj" and POLITICAL_NOUNS.get(c.lower_, "").startswith("SUPPORT") for c in token.children)
        ):
            return  # "giving them covert backing": the backing is the event, told by its noun
        if is_verb:
            actors = self._verb_actors(token)
            recipients = self._verb_recipients(token, type_)
        elif type_ in ("AID", "SUPPORT") and token.dep_ in OBJECT_DEPS and token.head.lemma_.lower() in RECEIVING_VERBS:
            # "the rebels received support from Turkey", "enjoys the backing of Qatar": the subject gets it
            actors = self._parties(
                [g for c in token.children if c.dep_ == "prep" and c.lower_ in ACTOR_PREPS | {"of"} for g in c.children if g.dep_ == "pobj"]
                + [g for c in token.head.children if c.dep_ == "prep" and c.lower_ in ACTOR_PREPS for g in c.children if g.dep_ == "pobj"]
            ) or [p for c in token.children if c.dep_ in MODIFIER_DEPS and (p := self._party_at(c) or self._nationality(c)) is not None]
            recipients = self._verb_actors(token.head)
        else:
            actors = self._noun_actors(token)
            recipients = self._noun_recipients(token, type_)
        if type_ == "CONCEDE" and is_verb and token.lemma_.lower() in LIFTING_VERBS:
            lifted = self._lifted(token)
            if lifted is not None:  # "Britain and France succeeded in overturning an EU arms embargo on Syria": the EU lifts it
                actors, recipients = lifted
        if type_ == "SUPPORT" and is_verb and not actors and _purpose(token) and token.head.pos_ in ("VERB", "AUX"):
            actors = self._verb_actors(token.head)  # "carrying out airstrikes to support the offensive": who strikes backs it
        if type_ in ("AID", "SUPPORT") and is_verb:  # "to support Assad against rebels": the rebels are fought, not backed
            enemies = {
                p.name
                for p in self._parties(
                    [g for c in token.children if c.dep_ == "prep" and c.lower_ in OPPOSING_PREPS for g in c.children if g.dep_ == "pobj"]
                )
            }
            recipients = [r for r in recipients if r.name not in enemies]
        if type_ in ("AID", "SUPPORT"):
            type_, mode_or_none = self._aid_or_support(token, type_, mode_or_none, actors, recipients)
        if type_ == "AID" and mode_or_none is None:
            mode_or_none = _aid_mode(token)
        if type_ in ("AID",) and _promised(token):
            type_ = "AGREE"
        if type_ == "CONSULT" and mode_or_none == "visit" and _inspection(token):
            return  # "a visit to Damascus by a UN team of experts": an inspection, not a consultation
        if type_ == "CONSULT" and _scheduled(token):
            type_, mode_or_none = "AGREE", "meet"  # a meeting to come: "would fly to London for talks"
        if type_ in ("RETREAT", "CONCEDE", "AGREE") and not recipients and is_verb:
            recipients = self._pressing(token)
        if type_ == "THREATEN" and not is_verb and token.head.lower_ in PRESSURE_PREPS and not recipients:
            recipients = self._verb_actors(token.head.head) if token.head.head.pos_ in ("VERB", "AUX") else []
        if type_ == "REQUEST" and not recipients and token.lemma_.lower() in ADDRESSING_VERBS:
            recipients = self._addressed(token)
        if type_ in ("AID", "AGREE") and mode_or_none == "humanitarian" and not recipients:
            recipients = self._people_of_place(token)  # "delivering humanitarian aid to Aleppo": its people
        if (
            (type_ == "AID" or (type_ == "AGREE" and mode_or_none))
            and mode_or_none != "humanitarian"  # relief goes to people, never to be guessed an armed side
            and not recipients
            and actors
            and not _recipient_slot_filled(token)
        ):
            recipients = self._armed_side(token, sent)
        against_violence = False
        if type_ == "PROTEST":
            actors = self._crowd(token) or actors
            against_violence = not recipients and _against_violence(token)
        actors = [a for a in actors if a.type != ActorType.civilians or type_ in ("PROTEST",)]
        if type_ == "CONSULT" and mode_or_none == "third-party" and not recipients:  # "brokered deals to ease the fighting between X and Y"
            recipients = self._parties(
                [g for t in token.subtree if t.dep_ == "prep" and t.lower_ == "between" for g in t.children if g.dep_ == "pobj"]
            )
        if (
            type_ in RECIPROCAL_TYPES
            and mode_or_none != "third-party"
            and not actors
            and not recipients
            and is_verb
            and not _agreed_on(token)
        ):
            actors = self._listed_parties(token, sent)  # "17 armed factions ... agreed": the factions the text lists
        if type_ == "RETREAT" and not recipients and is_verb:
            recipients = self._left_behind(token)
        reciprocal = type_ in RECIPROCAL_TYPES and mode_or_none != "third-party" and not recipients and len(_unique(actors)) >= 2
        if reciprocal:
            recipients = actors  # "Russia and Turkey agreed", "a mechanism established by A, B and C"
        if not reciprocal:
            recipients = [r for r in recipients if all(r.name != a.name for a in actors)]
        if not actors or not (recipients or against_violence):
            return
        source, certainty = self._attribution(token, type_, actors, sent)
        if type_ in SPOKEN_TYPES:
            self.last_speakers = _unique(actors)
        date, date_span = _clause_date(token, sent)
        place, place_span = self._clause_place(token)
        yield PoliticalEvent(
            type=type_,
            mode=mode_or_none,
            actors=tuple(self._actor(p, "actor") for p in _unique(actors)),
            recipients=tuple(self._actor(p, "recipient") for p in _unique(recipients)),
            source=source,
            certainty=certainty,
            start=token.idx,
            end=token.idx + len(token.text),
            sentence=sent,
            actor_spans=tuple((p.start, p.end) for p in _unique(actors)),
            recipient_spans=tuple((p.start, p.end) for p in _unique(recipients)),
            date=date,
            date_span=date_span,
            place=place,
            place_span=place_span,
            against_violence=against_violence,
            reciprocal=reciprocal,
        )

    # -- who acts

    def _verb_actors(self, verb: Token) -> list[_Party]:
        if verb.lemma_.lower() in BANNING_VERBS | LISTING_VERBS and not any(c.dep_ == "agent" for c in verb.children):
            # "banned in Russia", "listed as a terrorist organisation by Turkey" (however the "by" is hung)
            places = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]
            agents = [t for t in verb.subtree if t.dep_ == "pobj" and t.head.lower_ == "by"]
            found = self._parties(agents or places)
            if found:
                return found
        if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
            controller = [c for c in verb.head.children if c.dep_ in OBJECT_DEPS] or [
                g for c in verb.head.children if c.dep_ == "prep" and c.lower_ in REQUEST_PREPS for g in c.children if g.dep_ == "pobj"
            ]
            if controller:  # "called on the world to support X", "urged Russia to stop": the one asked acts
                return self._parties(controller)
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            accused = [c for c in verb.head.head.children if c.dep_ in OBJECT_DEPS]
            if accused:  # "accuses Qatar of arming the rebels": Qatar arms them
                return self._parties(accused)
        for clause in _clause_chain(verb):
            if clause.pos_ in NOUN_TAGS:
                return self._noun_actors(clause)
            agents = [g for c in clause.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agents:
                return self._parties(agents)
            subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS][-1:]  # "The opposition Syrian National Coalition called"
            if not subjects and clause is not verb:  # "a Russian helicopter was shot down after delivering aid": it delivered
                subjects = [c for c in clause.children if c.dep_ in PASSIVE_SUBJECT_DEPS][-1:]
            if subjects and subjects[0].pos_ == "PRON" and subjects[0].lower_ not in RELATIVE_PRONOUNS:
                found = self._reporter(clause)  # "Britain said it would ... and called on Damascus"
                if not found and subjects[0].lower_ in SPEAKER_PRONOUNS and not _quoted(subjects[0]):
                    # "The Coalition condemns the massacre. [...] We call on the international community to ...": its statement
                    we = subjects[0]
                    found = [_Party(p.name, p.type, p.country, we.text, we.idx, we.idx + len(we), p.side) for p in self.last_speakers]
                return found
            if subjects:
                found = self._parties(subjects)
                if found or any(s.lower_ not in RELATIVE_PRONOUNS for s in subjects):
                    return found
                antecedent = _antecedent(subjects[0])
                if antecedent is not None and (found := self._parties([antecedent])):
                    return found  # "nearby Turkey which supports ...", however the parser hangs the clause
            if clause.dep_ == "relcl" or (clause.dep_ == "acl" and clause.tag_ == "VBG"):
                found = self._parties([clause.head])
                listener = clause.head  # "X told reporters, condemning ...", "X added to the channel, condemning ...": the speaker
                speech = listener.head.head if listener.dep_ == "pobj" and listener.head.dep_ == "prep" else listener.head
                said = POLITICAL_VERBS.get(clause.lemma_.lower(), "").partition(":")[0] in SPOKEN_TYPES
                if (
                    not found
                    and said
                    and clause.dep_ == "acl"
                    and listener.dep_ in OBJECT_DEPS | {"pobj"}
                    and speech.lemma_.lower() in REPORTING_VERBS
                ):
                    return self._verb_actors(speech)
                return found
            if clause.dep_ == "acl" and clause.tag_ == "VBN":
                return []  # "the aid given to X": a participle's agent only
        return []

    def _listed_parties(self, verb: Token, sent: Span) -> list[_Party]:
        """The parties a plural subject such as "the factions" or "the parties" stands for: those the sentence
        before it names, else those the sentence after it names ("17 armed factions announced that they agreed to
        form an operations room. ... factions of X, Y and Z are part of this room"); at least two, and armed groups
        only for a word of armed groups."""
        noun = _group_subject(verb)
        if noun is None:
            return []
        armed = PARTY_GROUP_NOUNS[noun.lower_] == "armed"
        neighbours = []
        if sent.start > 0:
            neighbours.append(self.doc[sent.start - 1].sent)
        if sent.end < len(self.doc):
            neighbours.append(self.doc[sent.end].sent)
        for other in neighbours:
            found: list[_Party] = []
            for span in self.doc.spans.get(ACTOR_SPANS, []):
                if not (other.start <= span.start and span.end <= other.end) or _label_span(span):
                    continue
                entry = span._.actor_entry
                if entry is None or _unnamed(entry) or entry.type in (ActorType.civilians, ActorType.unknown):
                    continue
                if armed and entry.type not in ARMED_TYPES:
                    continue
                found.append(_Party.of(self._state_of(entry), span))
            if len(_unique(found)) >= 2:
                return _unique(found)
        return []

    def _lifted(self, verb: Token) -> Optional[tuple[list[_Party], list[_Party]]]:
        """Who lifts a sanction and for whom, when the sanction names who imposed it: the imposer ("an EU arms
        embargo", "sanctions imposed by X") and the one it was on ("on Syria", "against Iran"); whoever pressed for
        the lifting is not the one who concedes."""
        for sanction in (c for c in verb.children if c.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS):
            imposers = self._parties([c for c in sanction.children if c.dep_ in MODIFIER_DEPS]) or self._parties(
                [
                    g
                    for t in sanction.subtree
                    if t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ == "by")
                    for g in t.children
                    if g.dep_ == "pobj"
                ]
            )
            if imposers:
                targets = self._parties(
                    [
                        g
                        for c in sanction.children
                        if c.dep_ == "prep" and c.lower_ in SANCTION_TARGET_PREPS
                        for g in c.children
                        if g.dep_ == "pobj"
                    ]
                )
                return imposers, targets
        return None

    def _people_of_place(self, token: Token) -> list[_Party]:
        """Relief delivered to a place goes to its people (civilians): "delivered humanitarian aid to Aleppo"; not
        relief only let in or agreed on."""
        verb = token.head if token.pos_ in NOUN_TAGS and token.dep_ in OBJECT_DEPS else token
        if verb.lemma_.lower() not in GIVING_VERBS:
            return []
        holders = [token, verb, *(c for c in verb.children if c.dep_ in OBJECT_DEPS)]
        civilians = next((e for e in self.dictionary if e.type == ActorType.civilians), None)
        for prep in (c for h in dict.fromkeys(holders) for c in h.children if c.dep_ in ("prep", "dative") and c.lower_ in RELIEF_PREPS):
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                place = self.places.get(obj.i)
                if civilians is not None and place is not None and obj.i not in self.by_token:
                    return [_Party(civilians.name, civilians.type, civilians.country, place.text, place.start_char, place.end_char)]
        return []

    def _left_behind(self, verb: Token) -> list[_Party]:
        """Whom a withdrawal leaves: "pulled out of the area, leaving the Kurds to fend for themselves"."""
        return self._parties(
            [
                o
                for c in verb.children
                if c.dep_ in ("advcl", "conj") and c.lemma_.lower() in LEAVING_VERBS
                for o in c.children
                if o.dep_ == "dobj"
            ]
        )

    def _reporter(self, clause: Token) -> list[_Party]:
        """Who a pronoun subject stands for in reported words: the one who reports them ("Britain said it would")."""
        for verb in _governors(clause):
            if verb.lemma_.lower() in REPORTING_VERBS:
                return self._parties([c for c in verb.children if c.dep_ in SUBJECT_DEPS][-1:])
        return []

    def _noun_actors(self, noun: Token) -> list[_Party]:
        if noun.lower_ in POLITICAL_NOUNS and POLITICAL_NOUNS[noun.lower_].startswith("THREATEN") and noun.head.lower_ in PRESSURE_PREPS:
            return self._threateners(noun)
        if noun.lower_ in SUPPORTER_NOUNS:  # "Turkey has been one of the main supporters of ...": its subject
            subject = _copula_subject(noun)
            return self._parties([subject]) if subject is not None else []
        preps = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ACTOR_PREPS for g in c.children if g.dep_ == "pobj"]
        if preps:
            return self._parties(preps)
        modifiers = [c for c in noun.children if c.dep_ in MODIFIER_DEPS]
        found = self._parties(modifiers)
        if found:
            return found
        head = noun.head
        if noun.dep_ in OBJECT_DEPS and head.pos_ in ("VERB", "AUX"):
            return self._verb_actors(head)  # "Russia announced / issued / gave its veto"
        if noun.dep_ == "pobj" and head.lower_ in ("of", "for") and head.head.pos_ in NOUN_TAGS | {"PRON"}:
            accused = head.head  # "accuses Saudi Arabia, Turkey and Qatar of funding ...", however "of" is hung
            if accused.dep_ in OBJECT_DEPS and POLITICAL_VERBS.get(accused.head.lemma_.lower(), "").startswith("ACCUSE"):
                return self._parties([accused])
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            return self._verb_actors(head.head)  # "Moscow began its intervention in support of ..."
        if (
            noun.dep_ == "pobj"
            and head.lower_ == "in"
            and head.head.pos_ == "NOUN"
            and head.head.lower_ not in POLITICAL_NOUNS
            and POLITICAL_NOUNS.get(noun.lower_, "").startswith(("AID", "SUPPORT"))
        ):
            return self._noun_actors(head.head)  # "began its intervention in support of X": who intervenes
        return []

    # -- at whom

    def _verb_recipients(self, verb: Token, type_: str) -> list[_Party]:
        objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
        if verb.lemma_.lower() in GIVING_VERBS and not any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
            objects = [c for c in objects if c.dep_ == "dative"]  # "provide arms to X": arms is what is given
        preps = [c for c in verb.children if c.dep_ in ("prep", "dative") and c.pos_ == "ADP" and c.lower_ in RECIPIENT_PREPS]
        objects = [c for c in objects if c.pos_ != "ADP"]  # "send weapons to the rebels" parsed as a dative "to"
        if verb.dep_ == "xcomp" or verb.dep_ == "conj":
            preps += [c for c in verb.head.children if c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS and c.i > verb.i]
        passive = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if verb.dep_ == "relcl" and passive and all(p.lower_ in RELATIVE_PRONOUNS for p in passive):
            passive = []  # "the IS, which is banned in Russia": the noun the clause is on
        if not passive and verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
            passive = [verb.head]  # "troops backed by Russian jets", "the group supported by Turkey"
        found: list[_Party] = []
        for prep in preps:
            found += self._parties([g for g in prep.children if g.dep_ == "pobj"])
        objects_found = self._parties(objects)
        if type_ in ("ACCUSE", "REJECT") and not objects_found:
            objects_found = self._authors(objects)  # "condemned the massacre committed by ISIS"
        if type_ == "ACCUSE" and not objects_found and not objects:  # "charged that Israel is giving them backing"
            objects_found = self._parties([s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in SUBJECT_DEPS])
        found = objects_found + found + self._parties(passive)
        if not found:  # "severed ties with al-Qaeda", "gave support to X"
            found = self._parties(
                [
                    g
                    for o in objects
                    for c in o.children
                    if c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
            )
        if not found and type_ == "CONSULT" and passive:
            found = self._deal_parties(passive[0])
        return found

    def _pressing(self, verb: Token) -> list[_Party]:
        """Whom a concession is made to: who threatens or presses ("surrendered its weapons under the threat of UN
        sanctions"), the other side of the deal it is made under ("under a deal with Damascus", "under a deal
        brokered by Moscow")."""
        for clause in (
            c for c in verb.children if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in PRESSURE_PREPS for m in c.children)
        ):
            # "withdrew its planes after the United States issued serious threats to Damascus": to the threatener
            threatened = POLITICAL_VERBS.get(clause.lemma_.lower(), "").startswith("THREATEN") or any(
                c.dep_ in OBJECT_DEPS and POLITICAL_NOUNS.get(c.lower_, "").startswith("THREATEN") for c in clause.children
            )
            if threatened and (found := self._parties([c for c in clause.children if c.dep_ in SUBJECT_DEPS])):
                return found
        clauses = [verb, *(c for c in verb.children if c.dep_ in ("xcomp", "dobj")), *(t for t in verb.subtree if t.dep_ == "relcl")]
        for clause in clauses:
            for prep in (c for c in clause.children if c.dep_ == "prep" and c.lower_ in PRESSURE_PREPS):
                for noun in (g for g in prep.children if g.dep_ == "pobj"):
                    if noun.lower_ in DEAL_NOUNS:
                        found = self._parties(
                            [
                                g
                                for c in noun.children
                                if c.dep_ == "prep" and c.lower_ in DEAL_PREPS
                                for g in c.children
                                if g.dep_ == "pobj"
                            ]
                        )
                        found = found or self._parties(
                            [
                                g
                                for c in noun.children
                                if c.dep_ == "acl"
                                for a in c.children
                                if a.dep_ == "agent"
                                for g in a.children
                                if g.dep_ == "pobj"
                            ]
                        )
                        if found:
                            return found
                    elif noun.lower_ in POLITICAL_NOUNS and POLITICAL_NOUNS[noun.lower_].startswith("THREATEN"):
                        found = self._threateners(noun)
                        if found:
                            return found
        return []

    def _threateners(self, noun: Token) -> list[_Party]:
        """Who a threat is from: "the threat of UN sanctions and the use of force by the United States"."""
        found: list[_Party] = []
        for head in _conjuncts(noun):
            for token in head.subtree:
                if token.dep_ == "pobj" and token.head.lower_ in ACTOR_PREPS:
                    found += self._parties([token])
                elif token.dep_ in MODIFIER_DEPS and token.head.dep_ == "pobj" and token.head.head.lower_ == "of":
                    found += self._parties([token])
        return _unique(found)

    def _deal_parties(self, deal: Token) -> list[_Party]:
        """The parties of a deal a third party brokers: "a truce between X and Y", else who the clause the deal
        hangs in says acted under it ("Syria agreed to ... under a deal brokered by Moscow")."""
        between = [g for c in deal.children if c.dep_ == "prep" and c.lower_ in DEAL_PREPS for g in c.children if g.dep_ == "pobj"]
        if between:
            return self._parties(between)
        if deal.dep_ == "pobj" and deal.head.lower_ in DEAL_CLAUSE_PREPS and deal.head.head.pos_ in ("VERB", "AUX"):
            return self._verb_actors(deal.head.head)
        return []

    def _noun_recipients(self, noun: Token, type_: str) -> list[_Party]:
        wanted = RECIPIENT_PREPS | {"of"} if noun.lower_ in SUPPORTER_NOUNS else RECIPIENT_PREPS
        if type_ in ("CONSULT", "AGREE"):
            wanted = wanted - TOPIC_PREPS  # "talks on Syria": what they are about
            if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.pos_ in ("VERB", "AUX"):
                travel = noun.head.head  # "would fly to London for talks": whom the talks are with
                found = self._parties(
                    [g for c in travel.children if c.dep_ == "prep" and c.lower_ in TRAVEL_PREPS for g in c.children if g.dep_ == "pobj"]
                )
                if found:
                    return found
        preps = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in wanted for g in c.children if g.dep_ == "pobj"]
        found = self._parties(preps)
        if not found:  # "funding and arming terrorist groups": what the coordinated verb is aimed at
            found = self._parties(
                [o for c in noun.children if c.dep_ == "conj" and c.pos_ == "VERB" for o in c.children if o.dep_ in OBJECT_DEPS]
            )
        if not found and noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.pos_ in ("VERB", "AUX"):
            found = self._verb_actors(noun.head.head)  # "fighting to take it with support from the coalition": the fighters
        if not found and noun.dep_ in OBJECT_DEPS and noun.head.pos_ in ("VERB", "AUX"):
            # "issued threats to Damascus", "giving them covert backing": the light verb's recipient
            verb = noun.head
            found = self._parties(
                [c for c in verb.children if c.dep_ == "dative"]
                + [g for c in verb.children if c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS for g in c.children if g.dep_ == "pobj"]
            )
        if not found and type_ in ("ACCUSE", "REJECT"):
            found = self._authors(preps)
        if not found and noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in ("in", "of"):
            return self._parties(
                [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            )
        return found

    def _crowd(self, token: Token) -> list[_Party]:
        """A crowd that protests: civilians ("Hundreds attended a demonstration", "thousands rallied")."""
        verb = token if token.pos_ not in NOUN_TAGS else token.head
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        civilians = next((e for e in self.dictionary if e.type == ActorType.civilians), None)
        for subject in subjects:
            if subject.lower_ in CROWD_WORDS and civilians is not None:
                return [_Party(civilians.name, civilians.type, civilians.country, subject.text, subject.idx, subject.idx + len(subject))]
        return []

    def _armed_side(self, token: Token, sent: Span) -> list[_Party]:
        """Arms, fighters or money supplied in a war with no recipient in the clause go to the armed group the
        sentence names after it ("... provide logistics, arms and fighters [...] the moderate rebels")."""
        for later in sent[token.i - sent.start + 1 :]:
            span = self.by_token.get(later.i)
            if span is not None and span.start == later.i and (entry := span._.actor_entry) is not None and entry.type in ARMED_TYPES:
                if not _label_span(span):
                    return [_Party.of(entry, span)]
        if sent.start == 0:
            return []
        before = self.doc[sent.start - 1].sent  # or the one the sentence before names last ("... arming the rebels.")
        for earlier in reversed(before):
            span = self.by_token.get(earlier.i)
            if span is not None and span.end == earlier.i + 1 and (entry := span._.actor_entry) is not None and entry.type in ARMED_TYPES:
                if not _label_span(span):
                    return [_Party.of(entry, span)]
        return []

    def _addressed(self, verb: Token) -> list[_Party]:
        """Whom a call names as the one to act: "called for a Security Council meeting", "urged the inspectors to go"."""
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in REQUEST_PREPS | CALL_PREPS):
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                found = self._parties([c for c in obj.subtree if c.dep_ in MODIFIER_DEPS or c.dep_ == "pobj"])
                if found:
                    return found[:1]
        return []

    def _authors(self, heads: list[Token]) -> list[_Party]:
        """Who did what a condemnation or accusation is about: the event noun's agent, possessor or modifier."""
        found: list[_Party] = []
        for head in heads:
            for token in head.subtree:
                if token.dep_ == "pobj" and token.head.lower_ == "by":
                    found += self._parties([token])
                elif token.head == head and token.dep_ in MODIFIER_DEPS:
                    found += self._parties([token])
        return found

    # -- the parties a phrase names

    def _parties(self, heads: Iterable[Token]) -> list[_Party]:
        found: list[_Party] = []
        for head in heads:
            for member in _conjuncts(head):
                members = self._members(member)
                if members:
                    found += members
                    continue
                party = self._party_at(member)
                if party is not None:
                    found.append(party)
                    # "French and German intelligence", "the Saudi and Qatari monarchies": each adjective a party
                    for modifier in (c for c in member.children if c.dep_ == "amod" and c.pos_ in ("ADJ", "PROPN")):
                        found += [p for c in modifier.children if c.dep_ == "conj" and (p := self._party_at(c)) is not None]
                    # a list that lost its commas: "Turkey Russia and Iran" parses "Turkey" as a compound
                    for child in member.children:
                        span = self.by_token.get(child.i)
                        if (
                            child.dep_ == "compound"
                            and span is not None
                            and span.end <= child.i + 1
                            and member.i not in range(span.start, span.end)
                        ):
                            if (other := self._party_at(child)) is not None and other.name != party.name:
                                found.append(other)
        return found

    def _members(self, head: Token) -> list[_Party]:
        """The members a coalition's phrase names ("a coalition of Western powers led by the U.S. and including
        Britain, France and Ukraine": the U.S., Britain, France, Ukraine)."""
        if head.lemma_.lower() not in COALITION_NOUNS and head.lower_ not in COALITION_NOUNS:
            return []  # the plurals are listed as such ("countries including Russia")
        found: list[_Party] = []
        for token in head.subtree:
            if token.lower_ in MEMBERSHIP_WORDS:
                objects = [g for c in token.children if c.dep_ in ("agent", "prep") for g in c.children if g.dep_ == "pobj"]
                objects += [c for c in token.children if c.dep_ in ("pobj", "dobj")]
                for obj in objects:
                    found += [p for m in _conjuncts(obj) if (p := self._party_at(m)) is not None]
        return found

    def _party_at(self, token: Token, people: bool = True) -> Optional[_Party]:
        """The actor a noun phrase names: the actor span on its head, else one of its modifiers ("the Syrian
        government's envoy"), else a capital or country standing for its state; relative clauses are not read."""
        candidates = [token] + [c for c in token.children if c.dep_ in MODIFIER_DEPS | {"appos", "prep"} and c.i < token.i]
        candidates += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        for candidate in candidates:
            span = self.by_token.get(candidate.i)
            if span is not None and span.label_ and not _label_span(span) and (entry := span._.actor_entry) is not None:
                if _unnamed(entry):
                    return None  # "gunmen", "other gangs", "warplanes", "troops": no one named
                return _Party.of(self._state_of(entry), span)
            span = self.sources.get(candidate.i)
            if span is not None and (source := span._.source_entry) is not None and source.kind in SPEAKING_SOURCE_KINDS:
                state = self.states.get(source.country or "") if source.alignment in STATE_ALIGNMENTS else None
                if state is not None:  # a government's ministry speaks for its state ("the Pentagon", "the Russian Defence Ministry")
                    return _Party(state.name, state.type, state.country, span.text, span.start_char, span.end_char)
                return _Party(source.name, ActorType.unknown, source.country, span.text, span.start_char, span.end_char)
        for candidate in candidates:
            if token.i in self.sources or (token.pos_ == "PROPN" and token.lower_ not in OFFICE_TITLES):
                break  # a name's own adjective ("the Syrian Observatory for Human Rights") is no party; an office's is
            if (candidate.dep_ in ("amod", "compound") and candidate.pos_ in ("ADJ", "PROPN") and candidate is not token) or (
                candidate is token and token.pos_ == "ADJ" and token.dep_ == "conj"  # "British, French and German intelligence"
            ):
                key = self.dictionary.modifiers.find(candidate.text)  # "the Russian proposal": Russia's
                entry = self.dictionary.get(key) if key else None
                if entry is not None and entry.type in STATE_TYPES | {ActorType.international_organisation}:
                    return _Party(
                        self._state_of(entry).name, entry.type, entry.country, candidate.text, candidate.idx, candidate.idx + len(candidate)
                    )
        if token.lower_ in PLURAL_PRONOUNS and token.dep_ in ("dative", "dobj", "pobj"):
            return self._named_before(token)
        if people and token.pos_ == "PROPN" and (office := self.people.get(token.text)) is not None:
            return _Party(office.name, office.type, office.country, token.text, token.idx, token.idx + len(token), office.side)
        for candidate in (token, *(c for c in token.children if c.dep_ in ("poss", "compound"))):
            if candidate.text in CAPITAL_CITIES and (state := self.states.get(CAPITAL_CITIES[candidate.text])) is not None:
                return _Party(state.name, state.type, state.country, candidate.text, candidate.idx, candidate.idx + len(candidate))
            place = self.places.get(candidate.i)
            if place is not None and place._.place is not None:
                state = self._place_state(place)
                if state is not None:
                    return _Party.of(state, place)
        return None

    def _office_of(self, person: Span) -> Optional[_Party]:
        """The state or body a named person holds an office of, from the title the text gives them: "the Prime
        Minister of Iraq, Ali Hassan" (Iraqi government), "German Foreign Minister Anna Weber" (Germany)."""
        root = person.root
        titles = [c for c in root.children if c.i < person.start and c.dep_ in ("compound", "nmod", "amod", "appos")]
        if root.dep_ == "appos":
            titles.append(root.head)
        titles += [c for c in root.head.children if c.dep_ == root.dep_ and c.i < person.start and c is not root]
        for title in titles:
            words = [t for t in title.subtree if not person.start <= t.i < person.end]
            if not any(t.lower_ in OFFICE_TITLES for t in words):
                continue
            for token in words:
                if token.lower_ in OFFICE_TITLES:
                    continue
                party = self._party_at(token, people=False) or self._nationality(token)
                if party is not None:
                    return _Party(party.name, party.type, party.country, person.text, person.start_char, person.end_char, party.side)
        return None

    def _nationality(self, token: Token) -> Optional[_Party]:
        """The state a nationality adjective in a title names ("British Foreign Secretary William Hague": the
        United Kingdom), however the parser hangs it."""
        if token.pos_ not in ("ADJ", "PROPN"):
            return None
        key = self.dictionary.modifiers.find(token.text)
        entry = self.dictionary.get(key) if key else None
        if entry is None or entry.type not in STATE_TYPES | {ActorType.international_organisation}:
            return None
        state = self._state_of(entry)
        return _Party(state.name, state.type, state.country, token.text, token.idx, token.idx + len(token))

    def _demands(self, sent: Span) -> Iterator[PoliticalEvent]:
        """A party's reported words that another should act are its demand on it: "The minister added that the
        international community should act at once ..." (REQUEST)."""
        for verb in self._verbs_of(sent, CLAIMING_SPEECH_VERBS):
            speakers = self._parties([c for c in verb.children if c.dep_ in SUBJECT_DEPS])
            for clause in (c for c in verb.children if c.dep_ == "ccomp"):
                if not any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in clause.children) or _negated(clause):
                    continue
                asked = [
                    p
                    for p in self._parties([c for c in clause.children if c.dep_ in SUBJECT_DEPS])
                    if all(p.name != s.name for s in speakers)
                ]
                if not speakers or not asked:
                    continue
                yield PoliticalEvent(
                    type="REQUEST",
                    mode=None,
                    actors=tuple(self._actor(p, "actor") for p in _unique(speakers)),
                    recipients=tuple(self._actor(p, "recipient") for p in _unique(asked)),
                    source=speakers[0].name,
                    certainty=Certainty.asserted,
                    start=clause.idx,
                    end=clause.idx + len(clause.text),
                    sentence=sent,
                    actor_spans=tuple((p.start, p.end) for p in _unique(speakers)),
                    recipient_spans=tuple((p.start, p.end) for p in _unique(asked)),
                )

    def _named_before(self, pronoun: Token) -> Optional[_Party]:
        """The party a plural pronoun stands for: the last one named before it in its sentence or the one before,
        other than its own clause's subject ("Turkey supports the rebels, and Syria charges that Israel is giving
        them covert backing": the rebels)."""
        sent = pronoun.sent
        start = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        subjects = {t.i for t in pronoun.head.children if t.dep_ in SUBJECT_DEPS for t in t.subtree}
        for token in reversed(self.doc[start : pronoun.i]):
            span = self.by_token.get(token.i)
            if span is None or span.end != token.i + 1 or token.i in subjects or token.tag_ not in ("NNS", "NNPS"):
                continue
            entry = span._.actor_entry
            if entry is not None and not _unnamed(entry) and not _label_span(span):
                return _Party.of(self._state_of(entry), span)
        return None

    def _state_of(self, entry: ActorEntry) -> ActorEntry:
        """A foreign state's forces act for the state in a political event ("Russian jets": Russia)."""
        if entry.type == ActorType.foreign_state and entry.country and entry.country in self.states and not entry.generic:
            return self.states[entry.country]
        return entry

    def _place_state(self, place_span: Span) -> Optional[ActorEntry]:
        """A country, or its capital, named as the one who acts: its government ("Moscow", "Syria accuses")."""
        place: Place = place_span._.place
        if place.country is None or (place.precision != PlacePrecision.country and not _capital(place)):
            return None
        return self.states.get(place.country)

    def _actor(self, party: _Party, role: str) -> Actor:
        return Actor(role=role, text=party.text, name=party.name, type=party.type, country=party.country)

    # -- AID or SUPPORT

    def _aid_or_support(
        self, token: Token, type_: str, mode: Optional[str], actors: list[_Party], recipients: list[_Party]
    ) -> tuple[str, Optional[str]]:
        """Backing is material help (AID) when its backer is a force ("backed by Russian jets": air support), when
        it backs a fight or fighting forces ("support the offensive", "backing the forces of the regime"), or when
        what is given is named; otherwise verbal or political support."""
        if type_ == "AID":
            return type_, mode
        backers = [c for c in token.children if c.dep_ == "agent"]
        backer_words = {t.lower_ for b in backers for t in b.subtree} | {
            t.lower_ for t in token.children if t.dep_ in SUBJECT_DEPS for t in t.subtree
        }
        backer_words |= {word.lower() for party in actors for word in party.text.split()}  # "Russian planes ... in support of"
        if _purpose(token):  # "deployed warplanes to Syria to support Assad": what the main clause puts in
            backer_words |= {t.lower_ for c in token.head.children if c.dep_ in OBJECT_DEPS for t in c.subtree}
        for word, form in FORCE_BACKERS.items():
            if word in backer_words:
                return "AID", form
        recipient_words = {t.lower_ for t in token.children if t.dep_ in OBJECT_DEPS for t in t.subtree}
        if token.dep_ in ("acl", "relcl") and token.tag_ == "VBN":
            recipient_words.add(token.head.lower_)
        recipient_words |= {t.lower_ for c in token.children if c.dep_ == "prep" for t in c.subtree}
        recipient_words |= {a.lower_ for a in list(token.ancestors)[:4]}  # "fighting to take it with support from X"
        if recipient_words & FIGHT_WORDS or any(self._forces_of_a_state(p) for p in recipients):
            return "AID", None
        return "SUPPORT", None

    def _forces_of_a_state(self, party: _Party) -> bool:
        """A state's armed forces, not the state itself ("the Syrian army", not "the Syrian government")."""
        state = self.states.get(party.country or "")
        return party.type == ActorType.state_forces and state is not None and state.name != party.name

    # -- who says so

    def _attribution(self, token: Token, type_: str, actors: list[_Party], sent: Span) -> tuple[str, Certainty]:
        """The nearest speaker the event is said by and how firmly (see the module's docstring)."""
        hedged = _hedged(token)
        for verb in _governors(token):
            lemma = verb.lemma_.lower()
            speaker = self._speaker(verb)
            if lemma in DENYING_LEMMAS and speaker is not None:
                if _branch(token, verb).dep_ == "advcl":  # "denied responsibility while seeking to blame X": not what is denied
                    if type_ in VERBAL_TYPES:
                        return actors[0].name, Certainty.alleged if hedged else Certainty.asserted
                    continue
                return speaker, Certainty.denied
            if lemma in ALLEGING_VERBS or (lemma in POLITICAL_VERBS and POLITICAL_VERBS[lemma].startswith("ACCUSE")):
                return (speaker or self._outlet()), Certainty.alleged
            if lemma in REPORTING_VERBS and speaker is not None:
                if type_ in VERBAL_TYPES and speaker in {a.name for a in actors} | {a.text for a in actors}:
                    return speaker, Certainty.alleged if hedged else Certainty.asserted
                return speaker, Certainty.alleged if hedged else Certainty.reported
        if type_ in VERBAL_TYPES and not _said_according_to(token):
            return actors[0].name, Certainty.alleged if hedged else Certainty.asserted
        quoted = self._quotation_speaker(sent)
        if quoted is not None:
            return quoted, Certainty.alleged if hedged else Certainty.reported
        sources, certainty = attribute(sent)
        if certainty == Certainty.denied:
            return joined_source(sources, self.doc._.outlet), certainty
        if hedged or certainty == Certainty.alleged:
            return joined_source(sources, self.doc._.outlet), Certainty.alleged
        if type_ in VERBAL_TYPES and not sources:
            return actors[0].name, Certainty.asserted
        return joined_source(sources, self.doc._.outlet), certainty

    def _quotation_speaker(self, sent: Span) -> Optional[str]:
        """Who speaks a quotation the sentence is part of, when a sentence ending in a colon introduces it ("The
        press statement said: “... provide arms ..."): the subject of that sentence's verb of saying."""
        text = self.doc.text
        start = sent.start_char
        while start < sent.end_char and text[start].isspace():
            start += 1
        paragraph = text.rfind("\n", 0, start) + 1
        opening = max(text.rfind(mark, paragraph, start + 1) for mark in OPENING_QUOTES)
        if opening < 0 or any(mark in text[opening:start] for mark in CLOSING_QUOTES):
            return None
        before = text[:opening].rstrip()
        if not before.endswith(":"):
            return None
        colon = self.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is None:
            return None
        root = colon[0].sent.root
        return self._speaker(root) if root.lemma_.lower() in REPORTING_VERBS else None

    def _speaker(self, verb: Token) -> Optional[str]:
        """Who says what a verb of saying governs: its subject or agent (a shared one: "he discussed ... and
        claimed"); a pronoun is the speaker its own clause is reported by ("Weber said that she ...")."""
        clause = verb
        while clause.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
            clause = clause.head
        subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS] or [
            g for c in clause.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
        ]
        if not subjects and clause.dep_ in ("pcomp", "advcl") and clause.head.pos_ in ("ADP", "VERB"):
            quoting = clause.head.head if clause.head.pos_ == "ADP" else clause.head
            subjects = [c for c in quoting.children if c.dep_ in OBJECT_DEPS]  # "quoted the minister as saying": the minister
        if not subjects:
            return None
        party = self._party_at(subjects[0])
        if party is not None:
            return party.name
        subject = subjects[0]
        if subject.pos_ == "PRON":
            outer = next((a for a in clause.ancestors if a.lemma_.lower() in REPORTING_VERBS), None)
            return self._speaker(outer) if outer is not None else None
        return self.doc[subject.left_edge.i : subject.i + 1].text

    def _outlet(self) -> str:
        return joined_source([], self.doc._.outlet)

    def _clause_place(self, token: Token) -> tuple[Optional[Place], Optional[tuple[int, int]]]:
        """A sub-national place the event's own phrase names ("a demonstration in Istanbul"), or its clause's verb or
        subject ("Hundreds in Istanbul attended a demonstration")."""
        verb = token.head if token.pos_ in NOUN_TAGS and token.dep_ in OBJECT_DEPS else token
        holders = [token, verb, *(c for c in verb.children if c.dep_ in SUBJECT_DEPS)]
        for child in (c for holder in dict.fromkeys(holders) for c in holder.children):
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                for obj in child.children:
                    place = self.places.get(obj.i)
                    if place is not None and place._.place is not None and place._.place.precision != PlacePrecision.country:
                        return place._.place, (place.start_char, place.end_char)
        return None, None


# --------------------------------------------------------------------------- grammar helpers


def _states(dictionary: ActorDictionary) -> dict[str, ActorEntry]:
    """Each country's state: its first entry of a state's type in the dictionary (the state comes before its
    forces: "Syrian government" before "Syrian Arab Army", "Russia" before "Russian Armed Forces")."""
    states: dict[str, ActorEntry] = {}
    for entry in dictionary:
        if entry.type in STATE_TYPES and entry.country and entry.country not in states:
            states[entry.country] = entry
    return states


def _capital(place: Place) -> bool:
    return CAPITAL_CITIES.get(place.name or "") == place.country


def _purpose(verb: Token) -> bool:
    """A purpose infinitive ("... to support the offensive"): its subject is the main clause's."""
    return verb.dep_ == "advcl" and verb.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _failed(token: Token) -> bool:
    """The act is one a party fails, refuses or declines to do ("fail to offer prompt assistance"), or calls off
    ("cancelled a visit to Moscow")."""
    if token.pos_ in NOUN_TAGS and token.dep_ in OBJECT_DEPS and token.head.lemma_.lower() in FAILING_VERBS:
        return True
    verb = token.head if token.pos_ in NOUN_TAGS and token.dep_ in OBJECT_DEPS else token
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in FAILING_VERBS


def _inspection(token: Token) -> bool:
    """The visitors are inspectors or experts: the words of the visit's own phrase (not of a clause under it: "visited
    Damascus to discuss the inspectors' report")."""
    clauses = {t.i for c in token.children if c.dep_ in ("advcl", "xcomp", "ccomp", "relcl", "acl") for t in c.subtree}
    words = [t for t in token.subtree if t.i not in clauses]
    return any(t.lower_ in INSPECTION_WORDS for t in words)


def _agreed_on(verb: Token) -> bool:
    """What an agreement is to do ("agreed to form a room"): the agreement is the event, not the forming."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in AGREEING_VERBS


def _group_subject(verb: Token) -> Optional[Token]:
    """The plural noun of parties a verb's subject is ("the factions agreed"), or the one named last before a
    pronoun subject in its sentence ("17 factions announced that they agreed")."""
    for clause in _clause_chain(verb):
        subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
        if not subjects:
            continue
        subject = subjects[-1]
        if subject.pos_ == "PRON" and subject.lower_ in PLURAL_PRONOUNS:
            # "they": the plural noun of parties named last before it in its sentence
            before = subject.doc[subject.sent.start : subject.i]
            subject = next((t for t in reversed(before) if t.lower_ in PARTY_GROUP_NOUNS and t.tag_ in ("NNS", "NNPS")), subject)
        return subject if subject.lower_ in PARTY_GROUP_NOUNS and subject.tag_ in ("NNS", "NNPS") else None
    return None


def _copula_subject(noun: Token) -> Optional[Token]:
    """The subject a noun is said of: "Turkey has been one of the main supporters of X" (Turkey)."""
    token = noun
    for _ in range(3):
        if token.dep_ == "attr" and token.head.lemma_.lower() in COPULAS:
            return next((c for c in token.head.children if c.dep_ in SUBJECT_DEPS), None)
        if token.dep_ not in ("pobj", "prep", "attr"):
            return None
        token = token.head
    return None


def _unnamed(entry: ActorEntry) -> bool:
    """A description that names no one in particular ("gunmen", "warplanes", "the army", "troops")."""
    return entry.generic and entry.type in (ActorType.unknown, ActorType.state_forces)


def named_party(actor: Actor, dictionary: Optional[ActorDictionary] = None) -> bool:
    """The actor is someone in particular, not a description ("gunmen"): a party a political event can be aimed at."""
    entry = (dictionary or ActorDictionary.default()).by_name(actor.name)
    return entry is None or not _unnamed(entry)


def _antecedent(pronoun: Token) -> Optional[Token]:
    """The noun right before a relative pronoun ("Turkey, which ...")."""
    if pronoun.lower_ not in RELATIVE_PRONOUNS:
        return None
    for token in reversed(pronoun.doc[pronoun.sent.start : pronoun.i]):
        if token.is_punct:
            continue
        return token if token.pos_ in NOUN_TAGS else None
    return None


def _conjuncts(head: Token) -> list[Token]:
    """A noun and the nouns coordinated with it ("the US, EU, Turkey, Saudi Arabia and Qatar")."""
    found = [head]
    for child in head.children:
        if child.dep_ in ("conj", "appos") and child.pos_ in NOUN_TAGS | {"PRON", "ADJ"}:
            found += _conjuncts(child)
        elif child.dep_ == "prep" and child.lower_ == "of" and head.dep_ == "conj":
            # "the U.S, the ruling party of Turkey, Saudi Arabia and Qatar": the list goes on under "of"
            for obj in (g for g in child.children if g.dep_ == "pobj"):
                found += [m for c in obj.children if c.dep_ == "conj" for m in _conjuncts(c)]
    return found


def _clause_chain(verb: Token) -> Iterator[Token]:
    """The verb, then the verbs whose subject it shares: "continue to provide", "began arming", "X and Y agreed"."""
    token = verb
    for _ in range(6):
        yield token
        if token.dep_ in ("xcomp", "conj") or (token.dep_ in ("acl", "relcl", "advcl") and token.tag_ == "VBG"):
            if token.dep_ in ("acl", "relcl"):
                yield token
                return
            if token.dep_ == "advcl":  # "..., condemning the army's bombardment": the main clause's subject
                token = token.head
                continue
            if token.dep_ == "conj" and token.head.pos_ in NOUN_TAGS:  # "of funding and arming ...": the noun's actor
                yield token.head
                return
            token = token.head
            continue
        if token.dep_ == "acomp":  # "are due to resume", "is ready to send": the copula's subject
            token = token.head
            continue
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":
            token = token.head.head  # "accused X of arming": the accused
            if token.pos_ in ("VERB", "AUX"):
                objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
                if objects:
                    return
            continue
        return


def _object_in(verb: Token, nouns: Iterable[str]) -> bool:
    wanted = set(nouns)
    return any(
        c.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS and (c.lower_ in wanted or c.lemma_.lower() in wanted) for c in verb.children
    ) or any(g.lower_ in wanted for c in verb.children if c.dep_ == "prt" for g in c.head.children if g.dep_ in OBJECT_DEPS)


def _aid_mode(token: Token) -> Optional[str]:
    """What is given: the object noun or its modifiers ("provide arms", "supplied non-lethal assistance"), or the
    words right around the event noun ("arms and money")."""
    words: list[str] = []
    for child in token.children:
        if (
            child.dep_ in OBJECT_DEPS
            or child.dep_ in MODIFIER_DEPS
            or child.dep_ == "npadvmod"
            or (child.dep_ == "prep" and child.lower_ in ("of", "with"))
        ):
            words += [t.lower_ for t in child.subtree if t.dep_ not in ("conj", "relcl", "acl") or t.head == child]
    words = " ".join(words).replace("non - ", "non-").split()  # "non-lethal" as the tokenizer splits it
    for word in words:
        if word in AID_MODE_WORDS:
            return AID_MODE_WORDS[word]
    return None


def _label(token: Token) -> bool:
    """A hyphenated or attributive label, not a clause: "US-backed rebels", "Turkish-backed FSA"."""
    doc = token.doc
    return (
        token.i > 0 and doc[token.i - 1].text in ("-", "–") or "-" in token.text and token.text.rsplit("-", 1)[-1].lower() in BACKED_WORDS
    )


def _label_span(span: Span) -> bool:
    """A backer named in a label ("U.S.-backed"): a sponsor of the force it is written on."""
    doc = span.doc
    return (
        span.end < len(doc)
        and doc[span.end].text in ("-", "–")
        or "-" in span.text
        and span.text.rsplit("-", 1)[-1].lower() in BACKED_WORDS
    )


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in NEGATION_WORDS and c.dep_ in ("neg", "advmod", "det") for c in token.children)


def _weighed(token: Token) -> bool:
    """An act only weighed or put as a condition: "reviewing options for arming", "if they supply", "could send"."""
    for ancestor in (token, *list(token.ancestors)[:3]):
        for child in ancestor.children:
            if child.lower_ in DELIBERATION_WORDS and child.dep_ in ("aux", "mark", "advmod", "dobj", "nsubj"):
                return True
        if ancestor is not token and ancestor.lemma_.lower() in DELIBERATION_WORDS:
            return True
        if ancestor is not token and POLITICAL_VERBS.get(ancestor.lemma_.lower(), "").startswith(("REQUEST", "THREATEN")):
            return True  # "called on Damascus to give access": what is asked or threatened has not happened
        if ancestor.dep_ not in ("xcomp", "pcomp", "pobj", "prep", "acl"):
            break
    return False


def _promised(token: Token) -> bool:
    """Aid put in the future: "will send", "plans to arm", "pledged to supply", "would wait until August before
    sending"."""
    for ancestor in (token, *list(token.ancestors)[:4]):
        for child in ancestor.children:
            if child.dep_ in ("aux",) and child.lower_ in FUTURE_WORDS:
                return True
        if ancestor is not token and ancestor.lemma_.lower() in FUTURE_WORDS | {"agree", "promise", "pledge", "offer"}:
            return True
        if ancestor.dep_ not in ("xcomp", "pcomp", "pobj", "prep", "advcl", "acl"):
            break
    return False


def _recipient_slot_filled(verb: Token) -> bool:
    """The clause names whom the aid is for, though as no party ("supporting the Kurdish-Arab forces", "delivers aid to
    Hama"): the armed side of the war is not to be guessed."""
    return any(
        c.dep_ == "dative"
        or (c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS and c.lower_ != "with")
        or (c.dep_ in OBJECT_DEPS and verb.lemma_.lower() not in GIVING_VERBS)
        for c in verb.children
    )


def _scheduled(token: Token) -> bool:
    """A meeting to come: "will meet", "would fly to London for talks" (the verb itself, or the one its noun is
    the purpose of), not one a clause above promises."""
    verb = token.head.head if token.pos_ in NOUN_TAGS and token.dep_ == "pobj" and token.head.lower_ == "for" else token
    if token.pos_ in NOUN_TAGS and token.dep_ in OBJECT_DEPS:
        verb = token.head  # "are due to resume discussions"
    for clause in (verb, verb.head if verb.dep_ == "xcomp" else verb):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_WORDS for c in clause.children) or clause.lemma_.lower() in FUTURE_WORDS:
            return True
    return False


def _hedged(token: Token) -> bool:
    sent = token.sent
    return any(t.lower_ in REPORT_HEDGES for t in sent if t.dep_ in ("advmod", "amod") and (t.head == token or t.head in token.ancestors))


def _governors(token: Token) -> Iterator[Token]:
    """The verbs above the event's clause, nearest first (a quotation inside a quotation: the inner speaker)."""
    previous = token
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX") and previous.dep_ in (
            "ccomp",
            "xcomp",
            "pcomp",
            "prep",
            "advcl",
            "conj",
            "dobj",
            "parataxis",
            "pobj",
        ):
            yield ancestor
        previous = ancestor
    # A quotation set before its verb of saying in another clause: "... provide arms", the statement said.
    root = token.sent.root
    if root is not token and root not in token.ancestors:
        return
    for child in root.children:
        if child.dep_ == "parataxis" and child.lemma_.lower() in REPORTING_VERBS:
            yield child


def _same_state(one: _Party, other: _Party) -> bool:
    """A state and its own forces: one side."""
    return bool(one.country) and one.country == other.country and one.type in STATE_TYPES and other.type in STATE_TYPES


def _weapon_users(tokens: Iterable[Token]) -> list[Token]:
    """Who a clause says used a weapon: "the rebels had used chemical weapons" (the subject), "gas was dropped by
    the army" (the agent), "the regime's use of chemical gases" (the possessor)."""
    users: list[Token] = []
    for token in tokens:
        if token.lemma_.lower() not in WEAPON_USE_VERBS or _negated(token):
            continue
        if token.pos_ in NOUN_TAGS:
            if any(g.lower_ in WEAPON_NOUNS for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children):
                users += [c for c in token.children if c.dep_ == "poss"]
            continue
        if any(c.dep_ == "dobj" and c.lower_ in WEAPON_NOUNS for c in token.children):
            users += [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        elif any(c.dep_ in PASSIVE_SUBJECT_DEPS and c.lower_ in WEAPON_NOUNS for c in token.children):
            users += [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return users


def _quoted(token: Token) -> bool:
    """The word is inside quotation marks opened in its sentence or paragraph: someone else's words."""
    text = token.doc.text
    paragraph = text.rfind("\n", 0, token.idx) + 1
    before = text[paragraph : token.idx]
    curly, straight = OPENING_QUOTES
    return before.count(curly) > sum(before.count(q) for q in CLOSING_QUOTES) or before.count(straight) % 2 == 1


def _culprit_clause(copula: Token) -> bool:
    """The clause says its subject is to blame: "X was responsible for it", "X was behind the attack"."""
    return any(
        (c.dep_ in ("acomp", "attr") and c.lower_ in BLAME_ADJECTIVES) or (c.dep_ == "prep" and c.lower_ in CULPRIT_PREPS)
        for c in copula.children
    )


def _branch(token: Token, ancestor: Token) -> Token:
    """The child of `ancestor` whose subtree holds `token` (or `token` itself)."""
    while token.head.i != ancestor.i and token.head.i != token.i:
        token = token.head
    return token


def _against_violence(token: Token) -> bool:
    """The protest is against the violence told ("a demonstration denouncing the massacre", "a rally against the
    killings")."""
    verb = token.head if token.pos_ in NOUN_TAGS and token.dep_ in OBJECT_DEPS else token
    for descendant in (*token.subtree, *(t for c in verb.children if c.dep_ in ("advcl", "xcomp") for t in c.subtree)):
        if descendant.lower_ in VIOLENCE_REFERENCE_NOUNS and descendant.dep_ in ("dobj", "pobj") and descendant.i > token.i:
            return any(c.dep_ == "det" and c.lower_ in REFERRING_DETERMINERS for c in descendant.children)
    return False


def _said_according_to(token: Token) -> bool:
    """The act is relayed by someone else: "according to X", "X reported"."""
    return any(t.lower_ == "according" for t in token.sent) or any(
        g.lemma_.lower() in REPORTING_VERBS for g in token.ancestors if g.dep_ != "ROOT" or g is not token
    )


def _clause_date(token: Token, sent: Span) -> tuple[IncidentDate, Optional[tuple[int, int]]]:
    """A day the event's own clause gives ("vetoed the draft on Tuesday"); never the publication day."""
    doc = sent.doc
    mentions = [m for m in doc.spans.get("dates", []) if sent.start <= m.start and m.end <= sent.end]
    for mention in mentions:
        root = mention.root
        if root.head != token and not (root.head.dep_ == "prep" and root.head.head == token):
            continue
        if incident_date_strength(mention) == 0:
            continue
        date = mention._.date
        if date.precision in (Precision.day, Precision.week, Precision.month) and (
            date.start is None or date.start <= (doc._.published or dt.date.max)
        ):
            return date, (mention.start_char, mention.end_char)
    return IncidentDate(), None


def _unique(parties: list[_Party]) -> list[_Party]:
    seen: set[str] = set()
    kept = []
    for party in parties:
        if party.name not in seen:
            seen.add(party.name)
            kept.append(party)
    return kept


# --------------------------------------------------------------------------- incidents


def political_incident(number: int, event: PoliticalEvent) -> Incident:
    """The incident record of a political event: its PLOVER type and mode, the ACLED type they map to, its actors
    and recipients, and the claims behind each (who says so, how firmly, the sentence)."""
    sentence = event.sentence
    doc = sentence.doc
    text = doc.text[sentence.start_char : sentence.end_char]

    def claim(field_name: str, value: str, start: int, end: int) -> Claim:
        return Claim(
            field=field_name,
            value=value,
            source=event.source,
            certainty=event.certainty,
            evidence=Evidence(start=start, end=end, sentence=text),
        )

    claims = [claim("plover_type", event.type, event.start, event.end)]
    for actor, (start, end) in zip(event.actors, event.actor_spans):
        claims.append(claim("actors.actor", actor.name, start, end))
    # recipients given by the violence the event is aimed at are claimed at its event word
    recipient_spans = event.recipient_spans or ((event.start, event.end),) * len(event.recipients)
    for recipient, (start, end) in zip(event.recipients, recipient_spans):
        claims.append(claim("actors.recipient", recipient.name, start, end))
    if event.date_span is not None:
        claims.append(claim("date", event.date.start.isoformat() if event.date.start else event.date.text or "", *event.date_span))
    if event.place is not None and event.place_span is not None:
        claims.append(claim("location", event.place.name or event.place.text or "", *event.place_span))
    event_type, sub_event_type = plover.acled_type(event.type, event.mode)
    return Incident(
        id=f"i{number}",
        event_type=event_type,
        sub_event_type=sub_event_type,
        violent=False,
        cause="unknown",
        date=event.date,
        location=event.place or Place(),
        actors=[*event.actors, *event.recipients],
        claims=claims,
        plover_type=event.type,
        plover_mode=event.mode,
        summary=text.strip(),
    )
