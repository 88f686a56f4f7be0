"""Event words and the dictionary actors that the lexicon's cues make perpetrators, with each claim's certainty."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import chain
from typing import Optional, Sequence, Union

from corroborate.dictionaries import ActorDictionary, ActorEntry
from corroborate.extract.events import Trigger
from corroborate.extract.multilingual.lexicon import PerpetratorCues, ReducedLexicon
from corroborate.extract.multilingual.sentences import Sentence
from corroborate.extract.multilingual.words import Word, _longest_at, _matches
from corroborate.models import Actor, ActorRole, ActorType, Certainty

# Linking words ("du", "شنتها") between event words and the perpetrator's name, this many at most.
PERPETRATOR_LINKS = 3


@dataclass
class _Trigger:
    info: Trigger
    start: int
    end: int
    after: int  # index of the word after the trigger


def triggers_in(sentence: Sentence, lexicon: ReducedLexicon) -> list[_Trigger]:
    words, phrases, found, at = sentence.words, lexicon.triggers, [], 0
    while at < len(words):
        phrase = _longest_at(words, at, phrases)
        if phrase:
            after = at + len(phrase)
            found.append(_Trigger(lexicon.triggers[phrase], words[at].start, words[after - 1].end, after))
            at = after
        else:
            at += 1
    return found


@dataclass(frozen=True)
class PerpetratorMention:
    actor: Actor
    start: int
    end: int
    certainty: Optional[Certainty] = None
    """Alleged (an accusation), denied, or None: as the sentence says it (reported when it names a source)."""
    claimant: Optional[str] = None
    """Who claims or denies it, when that is the actor itself."""
    described: bool = False
    """The name describes state forces without naming the state ("القوات الحكومية"): see `in_story`."""


# An accused actor is named within this many words after the accusing word ("متهما قوات النظام").
ACCUSED_WORDS = 8
# A claim of responsibility names its actor within this many words after ("تبنى التفجير ... جبهة النصرة")
# or, for the subject, before the claiming word ("l'EI a revendiqué").
CLAIMANT_WORDS_AFTER = 12
CLAIMANT_WORDS_BEFORE = 5
# A passive's agent ("par") names the perpetrator when a casualty or event word is at most this many words before it.
AGENT_WORDS = 3
# A denial's actor stands this close to the denying word ("روسيا تنفي", "نفت موسكو").
DENIER_WORDS = 2


def _actor_at(words: Sequence[Word], at: int, lexicon: ReducedLexicon, links) -> Optional[tuple[int, tuple[str, ...]]]:
    """(index, alias) of the dictionary actor named at `at`, at most PERPETRATOR_LINKS `links` before it."""
    for _ in range(PERPETRATOR_LINKS + 1):
        if at >= len(words):
            return None
        named = _longest_at(words, at, lexicon.perpetrators)
        if named:
            return _belongs_to(words, at, named, lexicon, links)
        link = _longest_at(words, at, links)
        if link is None:
            return None
        at += len(link)
    return None


def _belongs_to(words: Sequence[Word], at: int, named: tuple[str, ...], lexicon: ReducedLexicon, links) -> tuple[int, tuple[str, ...]]:
    """A described actor ("jihadistes", "hommes armés") and the named one it belongs to, linking words between
    ("des jihadistes du groupe Etat islamique"): the named one."""
    if not _generic_actor(lexicon.perpetrators[named]):
        return at, named
    after = at + len(named)
    for _ in range(PERPETRATOR_LINKS):
        link = _longest_at(words, after, links) if after < len(words) else None
        if link is None:
            break
        after += len(link)
        owner = _longest_at(words, after, lexicon.perpetrators) if after < len(words) else None
        if owner and not _generic_actor(lexicon.perpetrators[owner]):
            return after, owner
    return at, named


def perpetrators_in(sentence: Sentence, triggers: list[_Trigger], lexicon: ReducedLexicon) -> list[PerpetratorMention]:
    """Dictionary actors the sentence makes the perpetrators: named right after violent event words, only
    linking words between ("frappes aériennes du régime syrien", "غارات لطائرات النظام"), or by the
    lexicon's cues (PerpetratorCues): "على يد قوات النظام", "الجيش السوري نفذ غارات", "ارتكاب النظام
    مجزرة", accused ("متهما قوات النظام بارتكاب": alleged), claiming. An actor named elsewhere in the
    sentence may be the target or the accuser, so it is left out. An actor the sentence says denies is
    returned with certainty `denied` (extract_reduced keeps it only for an actor named perpetrator)."""
    words, found, cues = sentence.words, [], lexicon.perpetrator_cues
    links = lexicon.perpetrator_links + cues.links
    violent = {i for t in triggers if t.info.violent for i in range(len(words)) if t.start <= words[i].start < t.end}
    violent |= {i for i, word in enumerate(words) if word.forms & (lexicon.killed | lexicon.injured)}

    def mention(at: int, named: tuple[str, ...], certainty=None, claimant: Union[bool, str] = False) -> None:
        """`claimant`: True when the actor itself claims or denies, or the name of the one who accuses it."""
        entry = ActorDictionary.default().get(lexicon.perpetrators[named])
        if entry is None:
            return
        actor = _named_actor(sentence, at, len(named), entry, "perpetrator")
        said_by = entry.name if claimant is True else claimant or None
        found.append(
            PerpetratorMention(actor, words[at].start, words[at + len(named) - 1].end, certainty, said_by, named in lexicon.descriptions)
        )

    names: dict[int, int] = {}  # the words of each actor's name, longest first from the left: index -> name's end
    at = 0
    while at < len(words):
        named = _longest_at(words, at, lexicon.perpetrators)
        names.update({i: at + len(named) for i in range(at, at + len(named))} if named else {})
        at += len(named) if named else 1
    for trigger in triggers:
        if names.get(trigger.after - 1, -1) > trigger.after:
            continue  # the event word begins a name ("aviation russe"): the name, not its last word, is the actor
        if trigger.info.violent and (named_at := _actor_at(words, trigger.after, lexicon, lexicon.perpetrator_links)):
            mention(*named_at)
    at, inside = 0, 0  # `inside`: the end of the last name read ("aviation russe" holds "russe")
    while at < len(words):
        cue = _longest_at(words, at, cues.before)
        if cue is None and (agent := _longest_at(words, at, cues.agent)) and any(i in violent for i in range(at - AGENT_WORDS, at)):
            cue = agent
        if cue and (named_at := _actor_at(words, at + len(cue), lexicon, links)):
            mention(*named_at)
        named = _longest_at(words, at, lexicon.perpetrators) if at >= inside else None
        if named and not _after_target(words, at, cues, links):
            inside = at + len(named)
            after = at + len(named)
            if backer := _sponsor_phrase(words, after, lexicon):  # "les Houthis, appuyés par l'Iran, ont tiré"
                after = backer[0] + len(backer[1])
            for _ in range(3):  # "المعارضة المسلحة هي التي قصفت": at most two linking words
                if _longest_at(words, after, cues.after):
                    mention(at, named)
                    break
                link = _longest_at(words, after, cues.after_links)
                if link is None:
                    break
                after += len(link)
        accusing = _longest_at(words, at, cues.accusing)
        if accusing:  # who accuses is the actor named just before, if any ("Les rebelles accusent le régime")
            accuser = next(
                (
                    n
                    for i in range(at - 1, max(-1, at - 1 - CLAIMANT_WORDS_BEFORE), -1)
                    if (n := _longest_at(words, i, lexicon.perpetrators))
                ),
                None,
            )
            accuser_name = _actor_name(lexicon.perpetrators[accuser]) if accuser else None
            for index in range(at + len(accusing), min(len(words), at + len(accusing) + ACCUSED_WORDS)):
                if accused := _longest_at(words, index, lexicon.perpetrators):
                    mention(*_belongs_to(words, index, accused, lexicon, links), Certainty.alleged, accuser_name or False)
                    break
        claiming = _longest_at(words, at, cues.claiming)
        if claiming:  # the one who claims is named, never a description ("the terrorist bombing")
            after_claim = range(at + len(claiming), min(len(words), at + len(claiming) + CLAIMANT_WORDS_AFTER))
            before_claim = range(at - 1, max(-1, at - 1 - CLAIMANT_WORDS_BEFORE), -1)
            for index in chain(before_claim, after_claim):
                claimant = _longest_at(words, index, lexicon.perpetrators)
                if claimant and not _generic_actor(lexicon.perpetrators[claimant]):
                    mention(index, claimant, Certainty.reported, claimant=True)
                    break
        denying = _longest_at(words, at, cues.denying)
        if denying:
            around = chain(range(at - 1, max(-1, at - 1 - DENIER_WORDS), -1), range(at + len(denying), at + len(denying) + DENIER_WORDS))
            for index in around:
                if 0 <= index < len(words) and (denier := _longest_at(words, index, lexicon.perpetrators)):
                    mention(index, denier, Certainty.denied, claimant=True)
                    break
        at += 1
    return _named_first(found)


def in_story(mention: PerpetratorMention, country: Optional[str]) -> PerpetratorMention:
    """The mention with its actor as the story's country names it: a description of state forces is the forces
    of the country the story is about (ActorDictionary.in_story, as for English)."""
    dictionary = ActorDictionary.default()
    entry = dictionary.by_name(mention.actor.name) if mention.described else None
    resolved = dictionary.in_story(entry, country) if entry is not None else None
    if resolved is None or resolved is entry:
        return mention
    actor = mention.actor.model_copy(update={"name": resolved.name, "type": resolved.type, "country": resolved.country})
    return replace(mention, actor=actor, claimant=resolved.name if mention.claimant == mention.actor.name else mention.claimant)


# A hedge or an accusation stands at most this many words before a sponsor cue ("présumés soutenus par", "المتهمة
# بأنها مدعومة من"): the backing is alleged.
SPONSOR_HEDGE_WORDS = 3


def sponsors_in(sentence: Sentence, lexicon: ReducedLexicon) -> list[PerpetratorMention]:
    """Dictionary actors the sentence names as a force's backer ([sponsor_cues]): any actor after a `backed` cue
    ("الفصائل المدعومة من تركيا", "les rebelles soutenus par la Turquie"), a foreign state after a `loyal` one
    ("الميليشيات الموالية لإيران", "les milices pro-iraniennes"; forces loyal to their own government are its
    forces). Alleged when a hedge or an accusation stands just before the cue, else as the sentence says it."""
    words, found = sentence.words, []
    hedges = lexicon.sponsor_cues.hedges + lexicon.perpetrator_cues.accusing
    for at in range(len(words)):
        phrase = _sponsor_phrase(words, at, lexicon)
        if phrase is None:
            continue
        after, named, entry = phrase
        hedged = any(_matches(words, start, hedge) for start in range(max(0, at - SPONSOR_HEDGE_WORDS), at) for hedge in hedges)
        actor = _named_actor(sentence, after, len(named), entry, "sponsor")
        end = words[after + len(named) - 1].end
        found.append(PerpetratorMention(actor, words[after].start, end, Certainty.alleged if hedged else None))
    return list({(m.actor.name, m.certainty): m for m in found}.values())


def _named_actor(sentence: Sentence, at: int, length: int, entry: ActorEntry, role: ActorRole) -> Actor:
    """The dictionary actor `entry` in `role`, as the sentence writes it in its words [at, at + length)."""
    words = sentence.words
    text = sentence.text[words[at].start - sentence.start : words[at + length - 1].end - sentence.start]
    return Actor(role=role, text=text, name=entry.name, type=entry.type, country=entry.country)


def _sponsor_phrase(words: Sequence[Word], at: int, lexicon: ReducedLexicon) -> Optional[tuple[int, tuple[str, ...], ActorEntry]]:
    """(index of the name, the name, its entry) of a sponsor cue at `at` and the backer it names, or None."""
    cues = lexicon.sponsor_cues
    cue = _longest_at(words, at, cues.backed)
    loyal = cue is None
    cue = cue or _longest_at(words, at, cues.loyal)
    if cue is None:
        return None
    after = at + len(cue)
    for _ in range(2):
        link = _longest_at(words, after, cues.links) if after < len(words) else None
        if link is None:
            break
        after += len(link)
    if after >= len(words):
        return None
    named = _longest_at(words, after, cues.states)  # "pro-turcs": the state, not its forces
    key = cues.states[named] if named else None
    if named is None and (named := _longest_at(words, after, lexicon.perpetrators)):
        key = lexicon.perpetrators[named]
    entry = ActorDictionary.default().get(key) if named and key else None
    if named is None or entry is None or entry.type == ActorType.civilians or (loyal and entry.type != ActorType.foreign_state):
        return None
    return after, named, entry


def _named_first(found: list[PerpetratorMention]) -> list[PerpetratorMention]:
    """One mention per actor and certainty, in order, an actor named by name before one described
    ("gunmen", "المسلحون"): a named perpetrator outranks a description (actors.toml `generic`)."""
    unique = list({(m.actor.name, m.certainty): m for m in found}.values())
    generic = _generic_actor_names()
    return [m for m in unique if m.actor.name not in generic] + [m for m in unique if m.actor.name in generic]


def _after_target(words: Sequence[Word], at: int, cues: PerpetratorCues, links) -> bool:
    """A target word ("contre", "ضد") before the name at `at`, linking words ("les") between."""
    for start in range(at - 1, max(-1, at - 1 - PERPETRATOR_LINKS), -1):
        if any(_matches(words, start - len(t) + 1, t) for t in cues.targets):
            return True
        if not any(_matches(words, start - len(link) + 1, link) for link in links):
            return False
    return False


def _actor_name(key: str) -> Optional[str]:
    entry = ActorDictionary.default().get(key)
    return entry.name if entry is not None else None


def _generic_actor(key: str) -> bool:
    entry = ActorDictionary.default().get(key)
    return isinstance(entry, ActorEntry) and entry.generic


@lru_cache(maxsize=1)
def _generic_actor_names() -> frozenset[str]:
    entries = ActorDictionary.default().entries.values()
    return frozenset(entry.name for entry in entries if isinstance(entry, ActorEntry) and entry.generic)
