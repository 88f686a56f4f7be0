"""A language's reduced lexicon (lang/<lang>/reduced.toml), read once into the words each rule looks for."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from corroborate.dictionaries import ActorDictionary
from corroborate.errors import ConfigurationError
from corroborate.extract.events import Trigger
from corroborate.extract.multilingual.words import _lexicon_file, _longest_first, _longest_keys_first, _phrase, _word_key, lexicon_language
from corroborate.models import ActorType


@dataclass(frozen=True)
class PerpetratorCues:
    """Phrases ([perpetrator_cues] of a lexicon) that make a dictionary actor the perpetrator, longest first.

    `before`: the actor follows ("على يد", "ارتكبتها", "par"); `after`: the actor comes first, `after_links`
    at most between ("الجيش نفذ غارات", "المعارضة هي التي قصفت", "a bombardé"); `accusing`: an actor in the
    words after is blamed, alleged ("متهما", "باللوم على", "accusant"); `claiming`: an actor near it claims
    the attack ("تبنى", "revendiqué"); `denying`: an actor next to it denies ("نفى", "dément")."""

    before: tuple[tuple[str, ...], ...] = ()
    agent: tuple[tuple[str, ...], ...] = ()
    """The agent of a passive ("par"): the actor after it is the perpetrator when a casualty or event word stands
    at most AGENT_WORDS before ("tués mardi par les forces du régime"), not otherwise ("tenue par les rebelles")."""
    links: tuple[tuple[str, ...], ...] = ()
    after: tuple[tuple[str, ...], ...] = ()
    after_links: tuple[tuple[str, ...], ...] = ()
    targets: tuple[tuple[str, ...], ...] = ()
    """Words before a name that make it the target ("contre les rebelles", "ضد المعارضة"): no subject of the verb after."""
    accusing: tuple[tuple[str, ...], ...] = ()
    claiming: tuple[tuple[str, ...], ...] = ()
    denying: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class SponsorCues:
    """Phrases ([sponsor_cues] of a lexicon) after which a dictionary actor is the sponsor of the force named
    before: `backed` ("المدعومة من", "soutenus par"), any actor; `loyal` ("الموالية لـ", "pro-"), only a foreign
    state (forces loyal to their own government are its forces); `hedges` a few words before the cue make the
    backing alleged ("présumés", "يشتبه"); `states`: adjectives and adverbs that name a state only after a cue
    ("pro-iraniens", "المدعومة إيرانيا"), phrase -> actor id."""

    backed: tuple[tuple[str, ...], ...] = ()
    loyal: tuple[tuple[str, ...], ...] = ()
    links: tuple[tuple[str, ...], ...] = ()
    hedges: tuple[tuple[str, ...], ...] = ()
    states: dict[tuple[str, ...], str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReducedLexicon:
    """One language's lexicon (lang/<lang>/reduced.toml), as phrase keys, longest phrases first."""

    language: str
    triggers: dict[tuple[str, ...], Trigger]
    killed: frozenset[str]
    injured: frozenset[str]
    breakdown: tuple[tuple[str, ...], ...]
    joining: frozenset[str]
    """Words joining a killed and an injured word ("tués ou blessés"): the figure counts both."""
    rose_to: tuple[tuple[str, ...], ...]
    """Phrases such as "passé à", "вырос до" right before a figure: its casualty word may be the sentence's subject."""
    civilians: frozenset[str]
    numbers: dict[str, int]
    multipliers: dict[str, int]
    number_links: frozenset[str]
    """Words joining number words into one number (Persian "بیست و پنج", Spanish "treinta y cinco")."""
    vague: dict[tuple[str, ...], str]
    hedges: dict[tuple[str, ...], str]
    hedges_after: dict[tuple[str, ...], str]
    sources: tuple[tuple[str, ...], ...]
    same_source: tuple[tuple[str, ...], ...]
    sources_taking_lam: frozenset[tuple[str, ...]]
    known_sources: dict[tuple[str, ...], str]
    background: tuple[tuple[str, ...], ...]
    war: frozenset[str]
    dates: dict[tuple[str, ...], str]
    months: dict[tuple[str, ...], str]
    place_at: frozenset[str]
    place_near: frozenset[str]
    place_province: frozenset[str]
    place_cues: frozenset[str]  # at, near and province words together: an Arabic one-word place name is none of them
    curated_places: dict[str, tuple[tuple[int, tuple[str, ...], int], ...]]
    """[[curated_place]] entries by their first word: (position in the file, phrase key, geonameid)."""
    perpetrators: dict[tuple[str, ...], str]
    perpetrator_links: tuple[tuple[str, ...], ...]
    descriptions: frozenset[tuple[str, ...]] = frozenset()
    """Names of [perpetrators] that describe state forces without naming the state ("القوات الحكومية",
    "forces gouvernementales"): the forces of the story's country (ActorDictionary.in_story)."""
    date_fillers: frozenset[str] = frozenset()
    """Words that may stand between a day, its month and its year ("25 من مايو عام 2012")."""
    ordinal_days: dict[tuple[str, ...], int] = field(default_factory=dict)
    """Days of the month written as ordinals ("الخامس والعشرين", "premier"), read before a month name."""
    publication_labels: tuple[tuple[str, ...], ...] = ()
    """Labels before a publication date on its line ("Publié le", "Mis à jour le"): that date is not the event's."""
    day_range: frozenset[str] = frozenset()
    """Words joining two day words into one night ("dans la nuit de samedi à dimanche"): the later day dates it."""
    month_parts: frozenset[str] = frozenset()
    """Words before a month name that date within it ("mi-mars", "début mai", "fin juin"): the month, no day."""
    rising: frozenset[str] = frozenset()
    """Words saying a toll rose ("ارتفع", "alourdi") a few words before a figure: the figure updates the toll."""
    joining_prefixes: tuple[str, ...] = ()
    """Conjunctions written onto the next word (Arabic "و"): "قتلى وجرحى" joins a killed and an injured word."""
    perpetrator_cues: PerpetratorCues = field(default_factory=lambda: PerpetratorCues())
    """Words around an actor's name that make it the perpetrator, its accuser's or its denial ([perpetrator_cues])."""
    sponsor_cues: SponsorCues = field(default_factory=lambda: SponsorCues())
    """Words after a force's name that make the actor after them its sponsor ([sponsor_cues])."""
    groups: dict[str, frozenset[str]] = field(default_factory=dict)
    """Victim groups a breakdown counts ("بينهم 50 طفلا", "dont 5 enfants"): group -> its nouns ([casualties.groups])."""
    aggregate: tuple[tuple[str, ...], ...] = ()
    """Words summing a toll over a region ("في عموم سوريا", "à travers le pays"): no incident of its own."""
    since: frozenset[str] = frozenset()
    periods: frozenset[str] = frozenset()
    """"Since" and spans of time ("منذ ثلاثة أيام", "depuis des mois"): a figure in such a sentence is a sum over days."""


def _keys(words: list[str], language: str) -> frozenset[str]:
    return frozenset(_word_key(word, language) for word in words)


@lru_cache(maxsize=None)
def load_lexicon(language: str) -> ReducedLexicon:
    """The bundled lexicon of a reduced language; ConfigurationError names a missing or broken file."""
    language = lexicon_language(language)
    name = f"lang/{language}/reduced.toml"
    try:
        return _read_lexicon(_lexicon_file(language), language)
    except (KeyError, TypeError, ValueError) as error:
        raise ConfigurationError(f"lexicon {name}: bad or missing entry {error}") from error


def _read_lexicon(raw: dict, language: str) -> ReducedLexicon:
    def table(key: str) -> dict:
        """A [key] table without its `note`."""
        return {k: v for k, v in raw.get(key, {}).items() if k != "note"}

    def phrases(mapping: dict) -> dict[tuple[str, ...], str]:
        """Phrase key -> value, longest phrases first; sub-tables (such as [months.levantine]) are not entries."""
        return _longest_keys_first({_phrase(text, language): value for text, value in mapping.items() if not isinstance(value, dict)})

    def phrase_list(section: str, key: str) -> tuple[tuple[str, ...], ...]:
        """The phrase keys of the list `section.key`, longest first."""
        return _longest_first(_phrase(p, language) for p in raw.get(section, {}).get(key, []))

    triggers = {}
    for entry in raw.get("trigger", []):
        info = Trigger(
            violent=entry.get("violent", True),
            event_type=entry["event_type"],
            sub_event_type=entry["sub_event_type"],
            strength=entry.get("strength", 2),
            cause=entry.get("cause"),
        )
        triggers.update({_phrase(word, language): info for word in entry["words"]})
    casualties = table("casualties")
    places = table("places")
    months = {_phrase(word, language): word for word in raw.get("months", {}).get("words", [])}
    months.update(phrases(raw.get("months", {}).get("levantine", {})))
    curated = {_phrase(entry["name"], language): entry["geonameid"] for entry in raw.get("curated_place", [])}
    place_at, place_near, place_province = (_keys(places.get(cue, []), language) for cue in ("at", "near", "province"))
    return ReducedLexicon(
        language=language,
        triggers=_longest_keys_first(triggers),
        killed=_keys(casualties.get("killed", []), language),
        injured=_keys(casualties.get("injured", []), language),
        breakdown=phrase_list("casualties", "breakdown"),
        joining=_keys(casualties.get("joining", []), language),
        rose_to=phrase_list("casualties", "rose_to"),
        rising=_keys(casualties.get("rising", []), language),
        joining_prefixes=tuple(_word_key(prefix, language) for prefix in casualties.get("joining_prefixes", [])),
        aggregate=phrase_list("background", "aggregate"),
        groups={group: _keys(words, language) for group, words in casualties.get("groups", {}).items() if group != "note"},
        since=_keys(raw.get("background", {}).get("since", []), language),
        periods=_keys(raw.get("background", {}).get("periods", []), language),
        civilians=_keys(casualties.get("civilians", []), language),
        numbers={_word_key(k, language): v for k, v in table("numbers").items()},
        multipliers={_word_key(k, language): v for k, v in table("multipliers").items()},
        number_links=_keys(raw.get("number_links", {}).get("words", []), language),
        vague=phrases(table("vague")),
        hedges=phrases(table("hedges")),
        hedges_after=phrases(table("hedges_after")),
        sources=phrase_list("sources", "phrases"),
        same_source=phrase_list("sources", "same_source"),
        sources_taking_lam=frozenset(_phrase(p, language) for p in raw.get("sources", {}).get("taking_lam", [])),
        known_sources=phrases(table("known_sources")),
        background=phrase_list("background", "phrases"),
        war=_keys(raw.get("background", {}).get("war", []), language),
        dates=phrases(table("dates")),
        months=_longest_keys_first(months),
        place_at=place_at,
        place_near=place_near,
        place_province=place_province,
        place_cues=place_at | place_near | place_province,
        curated_places=curated_place_index(curated),
        perpetrators=phrases(_dictionary_perpetrators(language) | {k: v for k, v in table("perpetrators").items() if k != "linking"}),
        perpetrator_links=phrase_list("perpetrators", "linking"),
        descriptions=frozenset(_phrase(name, language) for name in _dictionary_descriptions(language, table("perpetrators"))),
        date_fillers=_keys(raw.get("date_words", {}).get("fillers", []), language),
        ordinal_days=_longest_keys_first(
            {_phrase(k, language): int(v) for k, v in raw.get("date_words", {}).get("ordinals", {}).items() if k != "note"}
        ),
        publication_labels=phrase_list("date_words", "publication_labels"),
        day_range=_keys(raw.get("date_words", {}).get("day_range", []), language),
        month_parts=_keys(raw.get("date_words", {}).get("month_parts", []), language),
        sponsor_cues=SponsorCues(
            **{
                key: phrase_list("sponsor_cues", key)
                for key in ("backed", "loyal", "links", "hedges")
                if key in raw.get("sponsor_cues", {})
            },
            states=phrases({k: v for k, v in raw.get("sponsor_cues", {}).get("states", {}).items() if k != "note"}),
        ),
        perpetrator_cues=PerpetratorCues(
            **{
                key: phrase_list("perpetrator_cues", key)
                for key in PerpetratorCues.__dataclass_fields__
                if key in raw.get("perpetrator_cues", {})
            }
        ),
    )


def _dictionary_perpetrators(language: str) -> dict[str, str]:
    """The actor dictionary's names in the language (its `aliases_<code>` fields) -> actor key, civilians'
    left out (a name after the event words is read as who struck); the lexicon's own [perpetrators] win."""
    dictionary = ActorDictionary.default()
    return {name: key for name, key in dictionary.names_in(language).items() if dictionary.entries[key].type != ActorType.civilians}


def _dictionary_descriptions(language: str, own: dict[str, str]) -> list[str]:
    """The names in the language that describe state forces: the `descriptions_<code>` of an entry, and every
    name, the dictionary's or the lexicon's `own` [perpetrators], of a description as a whole ("الجيش", "armée")."""
    dictionary = ActorDictionary.default()
    named = [
        name
        for entry in dictionary
        for name in (entry.aliases_in(language) if entry.describes_state_forces else entry.descriptions_in(language))
    ]
    return named + [
        name
        for name, key in own.items()
        if isinstance(key, str) and (entry := dictionary.get(key)) is not None and entry.describes_state_forces
    ]


def curated_place_index(curated: dict[tuple[str, ...], int]) -> dict[str, tuple[tuple[int, tuple[str, ...], int], ...]]:
    """[[curated_place]] phrase keys -> geonameid, indexed by first word once, with each entry's position
    in the file: when two entries match the same words, the one listed first wins."""
    index: dict[str, list[tuple[int, tuple[str, ...], int]]] = {}
    for position, (key, geonameid) in enumerate(curated.items()):
        if key:
            index.setdefault(key[0], []).append((position, key, geonameid))
    return {first: tuple(entries) for first, entries in index.items()}


def reduced_rules_note(language: str) -> str:
    name = _lexicon_file(language).get("name")
    return (
        f"language {language!r}{f' ({name})' if name else ''}: reduced rules (corroborate.extract.multilingual, "
        f"lexicon lang/{lexicon_language(language)}/reduced.toml): the main incident from the first sentence with an event "
        "word or a casualty figure, other incidents from later sentences with their own place or day and toll; cause and event "
        "type from trigger words; killed and injured figures with their hedges, rising tolls and the victims' breakdown; "
        "date from day words and written dates, else the publication day; place from GeoNames names; sources from "
        "introducing phrases; perpetrators from dictionary names after the event words or the lexicon's cues, "
        "with their certainty; sponsors after the lexicon's sponsor cues; targets are not extracted"
    )
