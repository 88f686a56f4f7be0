"""Reduced extraction for reports in other languages (REDUCED_LANGUAGES), so they link with English ones.

The English pipeline rests on an English parser; for other languages corroborate
ships no model (nothing is downloaded at run time), so this module reads what
linking and checking need with explicit rules over a blank spaCy tokenizer and
per-language lexicons (lang/<lang>/reduced.toml), whose [matching]
table says how words are compared (stems of inflected languages, script folds):

- the main incident from the first sentence with an event word or a killed/injured figure (the
  lead, as news writes it), then other incidents told later with their own place or day and a
  precise toll (`_other_incidents`; one dated well before the main one is recalled: `aside`);
- cause and ACLED type from the lexicon's triggers (events.choose_cause and
  events.classify_event decide, as for English);
- killed and injured figures, their hedge read as the English hedge it translates
  (casualties.parse_count), combined as English combines them (incidents.combine_counts: a toll
  that rose, "ارتفع عدد القتلى إلى", replaces the first; a vague one gives way to a precise one);
  a sentence giving the war's totals or a sum over days ("منذ ثلاثة أيام"), a figure near a war
  word and "killed or wounded" ("قتلى وجرحى") are left out; civilians when the counted noun says
  so, children, women and other groups from the toll's breakdown ("بينهم 12 طفلا");
- the date from day words ("mardi", "الثلاثاء", "hier", "أمس", "الليلة الماضية"), resolved as
  English ones are (dates.resolve_date), or a written day and month (ordinals too: "الخامس
  والعشرين من أيار"), with the lexicon's words and dateparser's for the language (any language it
  knows), else a full date opening a retrospective, else the publication day;
- the place from the gazetteer: Latin spellings (GeoNames lists the exonyms
  "Alep", "Idleb"), GeoNames names in other scripts, inflected too ("в Одессе"),
  and Arabic-script names for Arabic compared after `normalise_arabic`
  (data/place_names_multilingual.csv), in the country the text is about;
- who says so, from the words after a source-introducing phrase ("selon",
  "بحسب"), named canonically when the lexicon knows the source;
- perpetrators: dictionary actors ([perpetrators], ids of data/actors.toml) right after the event
  words or where a [perpetrator_cues] phrase makes them so ("على يد", "ارتكبتها", "قصفت قوات
  النظام", "tués par"), each claim with its certainty: alleged when accused ("متهما", "accusant"),
  in the claimant's voice when claimed ("تبنى", "revendiqué"), denied ("نفى", "dément").

Targets and sponsors stay empty rather than guessed; the extraction's note says which rules were used.

Each reading rule (`triggers_in`, `figures_in`, `places_in`, `dates_in`, `source_in`, `perpetrators_in`) reads
one sentence; `SurfaceReading` keeps what they read per sentence, so that the surface components of a blank
pipeline (extract/surface.py) read each sentence once and `extract_reduced` groups from their readings.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tomllib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain
from typing import Iterable, Iterator, Optional, Sequence, Union

from corroborate.dictionaries import ActorDictionary, ActorEntry
from corroborate.errors import ConfigurationError
from corroborate.extract.attribution import joined_source
from corroborate.extract.casualties import CasualtyFigure
from corroborate.extract.dates import (
    anniversary_date,
    anniversary_years,
    date_of_publication,
    publication_date_from_text,
    resolve_date,
)
from corroborate.extract.events import Trigger, choose_cause, classify_event
from corroborate.extract.incidents import combine_counts
from corroborate.extract.numbers import is_vague, parse_count
from corroborate.gazetteer import Gazetteer, GazetteerEntry, fold_word
from corroborate.lang import UnknownWordClass
from corroborate.lang import lexicon as language_lexicon
from corroborate.models import (
    Actor,
    ActorType,
    Article,
    Casualties,
    CasualtyCount,
    Certainty,
    Claim,
    Evidence,
    Extraction,
    Incident,
    IncidentDate,
    Place,
    PlacePrecision,
    Victims,
)
from corroborate.package_data import data_file

__all__ = [
    "REDUCED_LANGUAGES",
    "arabic_forms",
    "curated_place_index",
    "dates_in",
    "extract_reduced",
    "figures_in",
    "load_lexicon",
    "normalise_arabic",
    "perpetrators_in",
    "places_in",
    "reduced_rules_note",
    "sentences_of",
    "sentences_of_doc",
    "source_in",
    "SentenceReading",
    "SurfaceReading",
    "triggers_in",
    "words_of",
]

REDUCED_LANGUAGES = ("fr", "ar", "ru", "uk", "fa", "de", "es", "pt", "it", "pl", "bg", "sr", "hr", "bs")
"""Languages read with the reduced rules; a language without its own lexicon file uses the one of `LEXICON_OF`."""

LEXICON_OF = {"hr": "sr", "bs": "sr"}
"""Serbian, Croatian and Bosnian are one language (Serbo-Croatian) to these rules: one lexicon, lang/sr/reduced.toml."""

# A figure and the word saying what it counts ("des dizaines d'autres ont été blessées") are this many words apart at most.
CASUALTY_WINDOW = 5
# A breakdown ("dont 5 enfants et 3 femmes") runs to the clause's end, this many words at most.
LONGEST_BREAKDOWN_WORDS = 8
# A place name of this many words at most.
LONGEST_PLACE_WORDS = 4
# A place named without a word such as "in" or "town of" before it counts only if it is this large.
UNCUED_PLACE_POPULATION = 10_000
# Linking words ("du", "شنتها") between event words and the perpetrator's name, this many at most.
PERPETRATOR_LINKS = 3
# The source after "selon" / "بحسب" is read up to the clause's end, this many words at most.
LONGEST_SOURCE_WORDS = 10
# A lead without weapon words takes its cause from at most this many paragraphs after the incident's.
CAUSE_PARAGRAPHS = 2
# An incident dated more than this many days before the article's main one is an earlier event recalled.
RECALLED_DAYS = 3
# A word saying the toll rose ("ارتفع", "alourdi") this many words before a figure at most makes it an update.
UPDATE_WINDOW = 12
# A war word ("la guerre", "войны") this many words from a figure makes it the war's toll, not the incident's.
WAR_WINDOW = 6

# Combining marks (Arabic harakat, accents written apart) belong to the word they sit on: "قُتل" is one word.
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_WORD = re.compile(rf"[^\W_](?:[^\W_]|[{_MARKS}])*")
_CLAUSE_END = re.compile(r"[,.;:!?،؛؟\"«»()\[\]\n]")
EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# --------------------------------------------------------------------------- Arabic normalisation

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, Quranic marks, tatweel
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC_LETTER_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def normalise_arabic(word: str) -> str:
    """One spelling for the variants Arabic writers use freely: no vowel marks or tatweel,
    every alef with hamza or madda as bare alef, taa marbuta as haa, alef maqsura as yaa,
    hamza on waw or yaa as the bare letter ("إدلب" and "ادلب", "الرقة" and "الرقه" agree);
    presentation forms (the ligature "ﻻ" some pages store) as the letters they draw."""
    if _PRESENTATION_FORMS.search(word):
        word = _PRESENTATION_FORMS.sub(lambda match: unicodedata.normalize("NFKC", match.group()), word)
    return _ARABIC_MARKS.sub("", word).translate(_ARABIC_LETTER_FOLDS)


def arabic_forms(word: str) -> frozenset[str]:
    """The forms one written Arabic word may stand for once its attached clitics are taken off.

    Arabic attaches the conjunctions و/ف, the prepositions ب/ل/ك and the article ال to the
    next word: "وبالرقة" is "and in the Raqqa". The forms are the normalised word, without
    its conjunction, with a preposition before the article dropped ("بالرقة" -> "الرقة";
    "للدفاع" -> "الدفاع"), with a lone preposition dropped ("بسراقب" -> "سراقب"), and each
    of those without the article. A lexicon or place word matches when it is one of the forms,
    so a word listed with its article ("الأحد", Sunday) needs the article ("أحد", one, does not
    match), and one listed without it matches with or without.
    """
    word = normalise_arabic(word)
    forms = {word}
    if word[:1] in ("و", "ف") and len(word) > 3:
        forms.add(word[1:])
    for form in list(forms):
        if form.startswith("لل") and len(form) > 4:
            forms.add("ال" + form[2:])
        elif form[:1] in ("ب", "ل", "ك") and form[1:3] == "ال" and len(form) > 4:
            forms.add(form[1:])
        elif form[:1] in ("ب", "ل", "ك") and len(form) > 3:
            forms.add(form[1:])
    for form in list(forms):
        if form.startswith("ال") and len(form) > 3:
            forms.add(form[2:])
    return frozenset(forms)


# --------------------------------------------------------------------------- words


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the text with its offsets and the forms lexicon entries are compared with:
    `exact` without, `forms` with the stems of an inflected language (numbers compare `exact`)."""

    text: str
    start: int
    end: int
    forms: frozenset[str]
    exact: frozenset[str] = frozenset()

    def forms_in_order(self) -> tuple[str, ...]:
        """The forms longest first (the word as written before its stems), so that a lookup taking the
        first that matches gives the same answer in every process (a frozenset's order varies with the
        string hash seed)."""
        return tuple(sorted(self.forms, key=lambda form: (-len(form), form)))


_WORD_WITH_APOSTROPHES = re.compile(rf"{_WORD.pattern}(?:['’ʼ`]{_WORD.pattern})*")
_DIGITS_OR_LETTERS = re.compile(rf"\d+|[^\W\d_](?:[^\W\d_]|[{_MARKS}])*")
_PERSIAN_LETTER_FOLDS = str.maketrans({"ي": "ی", "ك": "ک"})
# Serbian Cyrillic to Latin, letter by letter (the two scripts are one orthography), so one lexicon reads both.
_SERBIAN_LATIN = str.maketrans(dict(zip("абвгдђежзијклмнопрстћуфхцчш", "abvgdđežzijklmnoprstćufhcčš")) | {"љ": "lj", "њ": "nj", "џ": "dž"})


@dataclass(frozen=True)
class Matching:
    """How a language's words are compared with its lexicon ([matching] of its TOML file)."""

    prefix: bool = False
    """An entry of at least `min_stem` letters matches every word it begins ("погиб": "погибли", "погибших")."""
    min_stem: int = 4
    whole: frozenset[str] = frozenset()
    """Entries that match whole words only, as they begin unrelated ones (Ukrainian "четвер", Thursday:
    not "четверо", four people)."""
    join_apostrophes: bool = False
    """An apostrophe inside a word does not split it (Ukrainian "п’ять")."""
    split_digits: bool = False
    """Digits and letters written together are two words (Persian "80کشته")."""
    fold: str = "latin"
    """"latin" (lower case, no accents), "arabic" (normalise_arabic and clitics), "persian", "serbian"
    (Cyrillic read as Latin)."""


def lexicon_language(language: str) -> str:
    """The language whose lexicon file reads `language` (hr -> sr)."""
    return LEXICON_OF.get(language, language)


@lru_cache(maxsize=None)
def _lexicon_file(language: str) -> dict:
    name = f"lang/{lexicon_language(language)}/reduced.toml"
    try:
        return language_lexicon(lexicon_language(language)).table("reduced")
    except (UnknownWordClass, tomllib.TOMLDecodeError) as error:
        raise ConfigurationError(f"lexicon {name}: {error}") from error


@lru_cache(maxsize=None)
def matching_of(language: str) -> Matching:
    if language not in REDUCED_LANGUAGES:
        return Matching()
    name = f"lang/{lexicon_language(language)}/reduced.toml"
    table = {k: v for k, v in _lexicon_file(language).get("matching", {}).items() if k != "note"}
    try:
        matching = Matching(**table)
    except TypeError as error:
        raise ConfigurationError(f"lexicon {name}: [matching]: {error}") from error
    if matching.fold not in _FOLDS:
        raise ConfigurationError(f"lexicon {name}: [matching] fold must be one of {', '.join(_FOLDS)}")
    if matching.prefix and matching.min_stem < 2:
        raise ConfigurationError(f"lexicon {name}: [matching] min_stem below 2")
    return replace(matching, whole=frozenset(_fold(word, matching.fold) for word in matching.whole))


_FOLDS = ("latin", "arabic", "persian", "serbian")


def _word_key(word: str, language: str) -> str:
    return _fold(word, matching_of(language).fold)


def _fold(word: str, fold: str) -> str:
    if fold == "arabic":
        return normalise_arabic(word)
    if fold == "persian":
        return fold_word(normalise_arabic(word).translate(_PERSIAN_LETTER_FOLDS).translate(EASTERN_DIGITS))
    if fold == "serbian":
        return fold_word(word.lower().translate(_SERBIAN_LATIN))
    return fold_word(word)


def _word_pattern(matching: Matching) -> re.Pattern:
    if matching.split_digits:
        return _DIGITS_OR_LETTERS
    return _WORD_WITH_APOSTROPHES if matching.join_apostrophes else _WORD


def words_of(text: str, language: str, offset: int = 0) -> list[Word]:
    """Letters-and-digits runs (elisions and hyphens split words: "d'Idleb" is "d", "Idleb")."""
    matching = matching_of(language)
    words = []
    for match in _word_pattern(matching).finditer(text):
        if matching.fold == "arabic":
            exact = forms = arabic_forms(match.group())
        else:
            key = _word_key(match.group(), language)
            exact = forms = frozenset({key})
            if matching.prefix and len(key) > matching.min_stem:
                stems = (key[:length] for length in range(matching.min_stem, len(key)))
                forms = frozenset(stem for stem in stems if stem not in matching.whole) | exact
        words.append(Word(match.group(), offset + match.start(), offset + match.end(), forms, exact))
    return words


def _phrase(text: str, language: str) -> tuple[str, ...]:
    return tuple(_word_key(match.group(), language) for match in _word_pattern(matching_of(language)).finditer(text))


def _matches(words: Sequence[Word], at: int, phrase: tuple[str, ...]) -> bool:
    return at >= 0 and at + len(phrase) <= len(words) and all(key in words[at + i].forms for i, key in enumerate(phrase))


def _longest_at(words: Sequence[Word], at: int, phrases) -> Optional[tuple[str, ...]]:
    """The first phrase of `phrases` that starts at `at`: the longest, as lexicons are ordered longest first.
    A long list (the actor dictionary's names) is looked up by its phrases' first words, in the same order."""
    if len(phrases) < INDEXED_PHRASES:
        return next((phrase for phrase in phrases if _matches(words, at, phrase)), None)
    if not 0 <= at < len(words):
        return None
    by_first = _first_word_index(phrases)
    if by_first is None:  # an empty phrase matches anywhere: read in order
        return next((phrase for phrase in phrases if _matches(words, at, phrase)), None)
    candidates = [entry for form in words[at].forms for entry in by_first.get(form, ())]
    return next((phrase for _, phrase in sorted(candidates) if _matches(words, at, phrase)), None)


# A phrase list this long is looked up through its first words (_first_word_index).
INDEXED_PHRASES = 64
_FIRST_WORD_INDEXES: dict[int, tuple[object, Optional[dict[str, list[tuple[int, tuple[str, ...]]]]]]] = {}
_MOST_INDEXES = 256


def _first_word_index(phrases) -> Optional[dict[str, list[tuple[int, tuple[str, ...]]]]]:
    """First word -> (order, phrase) of the phrases that begin with it (None when one is empty); kept by the
    list's identity while the list lives (the index holds it): the lexicons' lists, built once, never changed."""
    held = _FIRST_WORD_INDEXES.get(id(phrases))
    if held is not None and held[0] is phrases:
        return held[1]
    by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for order, phrase in enumerate(phrases):
        if phrase:
            by_first.setdefault(phrase[0], []).append((order, phrase))
    index = by_first if all(phrases) else None
    if len(_FIRST_WORD_INDEXES) >= _MOST_INDEXES:
        _FIRST_WORD_INDEXES.clear()
    _FIRST_WORD_INDEXES[id(phrases)] = (phrases, index)
    return index


def _longest_first(phrases) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted(dict.fromkeys(p for p in phrases if p), key=len, reverse=True))  # stable: file order within a length


def _longest_keys_first(mapping: dict) -> dict:
    return {key: mapping[key] for key in _longest_first(mapping)}


# --------------------------------------------------------------------------- lexicon


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
        date_fillers=_keys(raw.get("date_words", {}).get("fillers", []), language),
        ordinal_days=_longest_keys_first(
            {_phrase(k, language): int(v) for k, v in raw.get("date_words", {}).get("ordinals", {}).items() if k != "note"}
        ),
        publication_labels=phrase_list("date_words", "publication_labels"),
        day_range=_keys(raw.get("date_words", {}).get("day_range", []), language),
        month_parts=_keys(raw.get("date_words", {}).get("month_parts", []), language),
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
        "with their certainty; targets are not extracted"
    )


# --------------------------------------------------------------------------- sentences


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


# --------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class Figure:
    kind: str  # "killed" or "injured"
    count: CasualtyCount
    start: int
    end: int
    civilians: bool
    update: bool = False
    """The figure updates the toll ("rose to 83"): it replaces the figures before it."""
    english: str = ""
    """The figure as the English words parse_count read ("about 100", "tens"): what is_vague reads."""

    @property
    def vague(self) -> bool:
        return is_vague(self.count.model_copy(update={"text": self.english}))


def _number_at(words: Sequence[Word], at: int, lexicon: ReducedLexicon) -> Optional[tuple[str, int]]:
    """The figure starting at word `at` as English `parse_count` reads it, and the index after it."""
    vague = _longest_at(words, at, lexicon.vague)
    if vague:
        return lexicon.vague[vague], at + len(vague)
    digits = words[at].text.translate(EASTERN_DIGITS)
    if digits.isdigit():
        # Thousands groups after one separator ("300 000", "300.000", "300,000") are one number.
        while (
            len(words[at].text) <= 3
            and at + 1 < len(words)
            and words[at + 1].start - words[at].end == 1
            and len(group := words[at + 1].text.translate(EASTERN_DIGITS)) == 3
            and group.isdigit()
        ):
            digits, at = digits + group, at + 1
        multiplier = _word_value(words, at + 1, lexicon.multipliers)
        if multiplier is not None:  # "40 тысяч", "4 tys."
            return str(int(digits) * multiplier), at + 2
        return digits, at + 1
    value, end = None, at
    while end < len(words):
        multiplier = _word_value(words, end, lexicon.multipliers)
        number = _word_value(words, end, lexicon.numbers)
        if value is not None and number is None and multiplier is None and words[end].exact & lexicon.number_links:
            following = _word_value(words, end + 1, lexicon.numbers)
            if following is not None and following < value:  # "بیست و پنج": twenty and five
                value, end = value + following, end + 2
                continue
            break
        if value is not None and multiplier is not None:
            value *= multiplier
        elif number is not None and (
            value is None or number < value or _units_then_tens(words[end], value, number) or _teen(value, number)
        ):
            value = number if value is None else value + number
        else:
            break
        end += 1
    return (str(value), end) if value is not None else None


def _word_value(words: Sequence[Word], at: int, values: dict[str, int]) -> Optional[int]:
    """The value of the word at `at` in a number table, compared whole, not by stems: "семь" (seven)
    does not begin "семья" (family)."""
    if at >= len(words):
        return None
    return next((values[form] for form in sorted(words[at].exact, key=len, reverse=True) if form in values), None)


def _units_then_tens(word: Word, value: int, number: int) -> bool:
    """Arabic writes 26 as "ستة وعشرين", six and twenty."""
    return value < 10 and number >= 20 and number % 10 == 0 and normalise_arabic(word.text).startswith("و")


def _teen(value: int, number: int) -> bool:
    """Arabic writes 13 as "ثلاثة عشر", three ten."""
    return value < 10 and number == 10


def _is_date_or_year(words: Sequence[Word], at: int, end: int, lexicon: ReducedLexicon) -> bool:
    digits = words[at].text.translate(EASTERN_DIGITS)
    if digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100:
        return True
    months = lexicon.months
    return _longest_at(words, end, months) is not None or any(_matches(words, at - len(m), m) for m in months)


def _breakdown_words(sentence: Sentence, lexicon: ReducedLexicon) -> set[int]:
    """Indices of the words of breakdowns ("dont 5 enfants", "بينهم 5 أطفال"): parts of a toll, not tolls.
    A breakdown ends at the clause's end or at a casualty word joined on by "and" ("بينهم 7 أطفال وجرح 30": the
    wounded are no part)."""
    words = sentence.words
    inside: set[int] = set()
    casualty_words = lexicon.killed | lexicon.injured
    for at in range(len(words)):
        if at in inside or not any(_matches(words, at, phrase) for phrase in lexicon.breakdown):
            continue
        end = at + 1
        while (
            end < min(len(words), at + LONGEST_BREAKDOWN_WORDS)
            and not _CLAUSE_END.search(sentence.text[words[end - 1].end - sentence.start : words[end].start - sentence.start])
            and not (words[end].forms & casualty_words and _joined_on(words[end], lexicon))
        ):
            end += 1
        inside.update(range(at, end))
    return inside


def _kind_near(
    words: Sequence[Word],
    start: int,
    end: int,
    lexicon: ReducedLexicon,
    numbers: set[int],
    skipped: set[int],
    behind_to_start: bool = False,
    text: str = "",
) -> Optional[str]:
    """'killed' or 'injured': the nearest casualty word within CASUALTY_WINDOW words (behind, up to the
    sentence's start when a "rose to" phrase leads to the figure), not past another figure; the words of
    a breakdown in between are not counted. "Killed or wounded" counts both kinds: None."""

    def kind(index: int) -> Optional[str]:
        forms = words[index].forms
        return "killed" if forms & lexicon.killed else "injured" if forms & lexicon.injured else None

    def joined(index: int, found: str) -> bool:
        """The casualty word at `index` and one of the other kind are joined by "or"/"and", written apart
        ("tués ou blessés", "بمقتل أو إصابة") or onto the second word ("قتلى وجرحى")."""
        apart = any(
            0 <= index + 2 * step < len(words)
            and words[index + step].forms & lexicon.joining
            and kind(index + 2 * step) not in (None, found)
            for step in (1, -1)
        )
        onto = any(
            0 <= index + step < len(words)
            and _joined_on(words[second := max(index, index + step)], lexicon)
            and kind(index + step) not in (None, found)
            and not _CLAUSE_END.search(text[words[second - 1].end : words[second].start])
            and not _figure_follows(words, second, numbers, lexicon)  # "قتلوا وأصيب ما يربو على 100": the second has its own
            and not set(range(second - 1 - CASUALTY_WINDOW, second - 1)) & numbers  # "82 ... مصرعهم وأصيب 160": so has the first
            for step in (1, -1)
        )
        return apart or onto

    def nearest(indices) -> Optional[tuple[float, str, int]]:
        """(distance, kind, index) of the first casualty word of `indices`, nearest first; none past a figure.
        A word after the figure that opens with "and" ("قتل 5 وجرح 10") is a step further: it begins the next clause."""
        for distance, index in enumerate(indices, 1):
            if index in numbers:
                return None
            if found := kind(index):
                return distance + (0.5 if index >= end and _joined_on(words[index], lexicon) else 0), found, index
        return None

    own = next(((index, own_kind) for index in range(start, end) if (own_kind := kind(index))), None)
    if own is not None:  # a number word that says what it counts ("قتيلان", two killed)
        return None if joined(*own) else own[1]
    ahead = [index for index in range(end, len(words)) if index not in skipped][:CASUALTY_WINDOW]
    behind = range(start - 1, -1 if behind_to_start else max(-1, start - 1 - CASUALTY_WINDOW), -1)
    found = [f for f in (nearest(ahead), nearest(behind)) if f]
    if not found:
        return None
    _, kind_found, index = min(found, key=lambda f: f[0])
    return None if joined(index, kind_found) else kind_found


def _figure_follows(words: Sequence[Word], at: int, numbers: set[int], lexicon: ReducedLexicon) -> bool:
    """A figure of `numbers` right after the word at `at`, its hedge ("ما يربو على") at most between."""
    hedge_words = {key for phrase in lexicon.hedges for key in phrase}
    for index in range(at + 1, min(len(words), at + 5)):
        if index in numbers:
            return True
        if not words[index].forms & hedge_words:
            return False
    return False


def _joined_on(word: Word, lexicon: ReducedLexicon) -> bool:
    """The word is written with a conjunction on it ("وجرحى": and wounded)."""
    written = _word_key(word.text, lexicon.language)
    return any(written.startswith(prefix) and len(written) > len(prefix) + 2 for prefix in lexicon.joining_prefixes)


def _over_days(words: Sequence[Word], lexicon: ReducedLexicon) -> bool:
    """ "Since" a span of time ("منذ ثلاثة أيام", "depuis des semaines"): the sentence sums several days."""
    return any(
        words[at].forms & lexicon.since and any(words[i].forms & lexicon.periods for i in range(at + 1, min(len(words), at + 4)))
        for at in range(len(words))
    )


def _rising_before(words: Sequence[Word], first: int, lexicon: ReducedLexicon, numbers: set[int]) -> bool:
    """A word saying the toll rose ("ارتفع عدد القتلى إلى", "le bilan s'est alourdi à") a few words before the
    figure, no other figure between."""
    for index in range(first - 1, max(-1, first - 1 - UPDATE_WINDOW), -1):
        if index in numbers:
            return False
        if words[index].forms & lexicon.rising:
            return True
    return False


def _near_war(words: Sequence[Word], start: int, end: int, lexicon: ReducedLexicon) -> bool:
    """A war word a few words from the figure: "la guerre qui a fait 300.000 morts" is the war's toll."""
    around = range(max(0, start - WAR_WINDOW), min(len(words), end + WAR_WINDOW))
    return any(words[index].forms & lexicon.war for index in around)


def figures_in(sentence: Sentence, text: str, lexicon: ReducedLexicon) -> list[Figure]:
    """Killed and injured figures with their hedges; none in a sentence about the war's totals."""
    words = sentence.words
    if any(_matches(words, at, phrase) for at in range(len(words)) for phrase in lexicon.background) or _over_days(words, lexicon):
        return []
    readings = []
    at = 0
    while at < len(words):
        day = _longest_at(words, at, lexicon.dates)
        if day:  # "سه شنبه" (Tuesday) opens with "three": a day, not a figure
            at += len(day)
            continue
        number = _number_at(words, at, lexicon)
        if number is None:
            at += 1
            continue
        english, end = number
        if not _is_date_or_year(words, at, end, lexicon):
            readings.append((at, end, english))
        at = end
    breakdown = _breakdown_words(sentence, lexicon)
    readings = [reading for reading in readings if reading[0] not in breakdown]
    numbers = {i for start, end, _ in readings for i in range(start, end)}
    figures = []
    hedges, hedges_after = lexicon.hedges, lexicon.hedges_after
    for start, end, english in readings:
        rose = any(_matches(words, start - len(r), r) for r in lexicon.rose_to)  # "aumentó hasta 57" is no "up to"
        hedge = None if rose else next((h for h in hedges if _matches(words, start - len(h), h)), None)
        first = start - len(hedge) if hedge else start
        after = next(((at, h) for at in (end, end + 1) for h in hedges_after if at not in numbers and _matches(words, at, h)), None)
        last = after[0] + len(after[1]) if after else end
        phrase = lexicon.hedges[hedge] if hedge else lexicon.hedges_after[after[1]] if after else ""
        rose = rose or any(_matches(words, first - len(r), r) for r in lexicon.rose_to)
        others = numbers - set(range(start, end))
        update = rose or _rising_before(words, first, lexicon, others)
        kind = _kind_near(words, first, last, lexicon, others, breakdown, update, text)
        if kind is None or _near_war(words, first, last, lexicon):
            continue
        written = text[words[first].start : words[last - 1].end]
        count = parse_count(f"{phrase} {english}".strip()).model_copy(update={"text": written})
        civilians = any(words[i].forms & lexicon.civilians for i in range(end, min(end + 2, len(words))))
        figures.append(Figure(kind, count, words[first].start, words[last - 1].end, civilians, update, f"{phrase} {english}".strip()))
    return figures


@dataclass(frozen=True)
class GroupFigure:
    """A part of a toll that counts one victim group ("بينهم 50 طفلا", "dont 12 femmes")."""

    group: str  # models.Victims field: "children", "women", ...
    count: CasualtyCount
    start: int
    end: int


def groups_in(sentence: Sentence, text: str, lexicon: ReducedLexicon) -> list[GroupFigure]:
    """The victim groups of the sentence's breakdowns: a figure inside a breakdown whose noun, right after
    it, names a group of the lexicon."""
    if not lexicon.groups:
        return []
    words, found = sentence.words, []
    inside = _breakdown_words(sentence, lexicon)
    at = 0
    while at < len(words):
        number = _number_at(words, at, lexicon) if at in inside else None
        if number is None:
            at += 1
            continue
        english, end = number
        nouns = range(end, min(end + 2, len(words)))
        group = next((g for g, names in lexicon.groups.items() for i in nouns if words[i].forms & names), None)
        if group is not None:
            hedge = next((h for h in lexicon.hedges if _matches(words, at - len(h), h)), None)
            first = at - len(hedge) if hedge else at
            phrase = lexicon.hedges[hedge] if hedge else ""
            written = text[words[first].start : words[end - 1].end]
            count = parse_count(f"{phrase} {english}".strip()).model_copy(update={"text": written})
            found.append(GroupFigure(group, count, words[first].start, words[end - 1].end))
        at = end
    return found


# --------------------------------------------------------------------------- sources


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


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class DateMention:
    date: IncidentDate
    start: int
    end: int
    dateline: bool = False
    """The date opens its line as a dateline or publication stamp ("BEYROUTH, 12 mars 2024 (AFP) -"): when the
    story was filed, read as the event's only when the story names no other day."""


@dataclass(frozen=True)
class CalendarWords:
    """A language's day words (phrase -> the English expression dates.resolve_date reads) and month names
    (phrase -> month number), longest phrases first."""

    day_words: dict[tuple[str, ...], str]
    months: dict[tuple[str, ...], int]


# dateparser's relative words that name one day, as the English expression resolve_date reads.
_RELATIVE_DAYS = {"0 day ago": "today", "1 day ago": "yesterday", "2 day ago": "the day before yesterday"}
_ENGLISH_WEEKDAYS = language_lexicon("en").sequence("weekday_names")
_ENGLISH_MONTHS = language_lexicon("en").sequence("month_names")
# Weekday abbreviations ("пт", "fr") are too often other words in running text.
_SHORTEST_DAY_WORD = 4
_calendar_cache: dict[int, tuple[ReducedLexicon, CalendarWords]] = {}


@lru_cache(maxsize=None)
def _dateparser_calendar(language: str) -> tuple[dict[tuple[str, ...], str], dict[tuple[str, ...], int]]:
    """Day words and month names from dateparser's data for `language` (empty when it has none)."""
    from dateparser.languages.loader import default_loader

    days: dict[tuple[str, ...], str] = {}
    months: dict[tuple[str, ...], int] = {}
    for locale in (language, f"{language}-Latn"):  # Serbian and others are written in both scripts
        try:
            info = default_loader.get_locale(locale).info
        except (ValueError, KeyError):
            continue
        for english in _ENGLISH_WEEKDAYS:
            for word in info.get(english, []):
                if len(word) >= _SHORTEST_DAY_WORD and (key := _phrase(word, language)):
                    days[key] = english
        for relative, english in _RELATIVE_DAYS.items():
            for word in info.get("relative-type", {}).get(relative, []):
                if key := _phrase(word, language):
                    days[key] = english
        for number, english in enumerate(_ENGLISH_MONTHS, 1):
            months.update({key: number for word in info.get(english, []) if (key := _phrase(word, language))})
    return days, months


def calendar_words(lexicon: ReducedLexicon) -> CalendarWords:
    """The lexicon's day words and months, completed by dateparser's for its language."""
    cached = _calendar_cache.get(id(lexicon))
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    days, months = _dateparser_calendar(lexicon.language)
    days = {**days, **lexicon.dates}
    numbered = dict(months)
    for phrase, name in lexicon.months.items():  # a Levantine name is given the Egyptian one dateparser knows
        number = months.get(phrase) or months.get(_phrase(name, lexicon.language))
        if number is None:
            number = next((n for key, n in _dateparser_calendar("en")[1].items() if key == _phrase(name, "en")), None)
        if number is not None:
            numbered[phrase] = number
    words = CalendarWords(_longest_keys_first(days), _longest_keys_first(numbered))
    _calendar_cache[id(lexicon)] = (lexicon, words)
    return words


def _skip_fillers(words: Sequence[Word], at: int, fillers: frozenset[str]) -> int:
    while at < len(words) and fillers & words[at].forms:
        at += 1
    return at


CONNECTOR_LETTERS = 3
"""A word this short between a day and its month, or a month and its year, is a connector ("6 de junho de 2012")."""
INFLECTION_LETTERS = 2
"""A month name may carry an ending dateparser does not list ("10. aprila", "marta")."""


def _after_connector(words: Sequence[Word], at: int, fillers: frozenset[str], wanted) -> int:
    """`at` past the lexicon's fillers, or past one short connector word when what is wanted follows it."""
    at = _skip_fillers(words, at, fillers)
    if not wanted(at) and at + 1 < len(words) and words[at].text.isalpha() and len(words[at].text) <= CONNECTOR_LETTERS and wanted(at + 1):
        return at + 1
    return at


def _month_at(words: Sequence[Word], at: int, calendar: CalendarWords, language: str) -> Optional[tuple[int, int]]:
    """(month number, index after it) of a month name at `at`, inflected endings allowed outside Arabic."""
    if at >= len(words):
        return None
    phrase = _longest_at(words, at, calendar.months)
    if phrase:
        return calendar.months[phrase], at + len(phrase)
    if language != "ar":
        for form in words[at].forms_in_order():
            for (key, *more), number in calendar.months.items():
                if not more and len(key) >= 4 and form.startswith(key) and len(form) - len(key) <= INFLECTION_LETTERS:
                    return number, at + 1
    return None


def _month_after(
    words: Sequence[Word], at: int, calendar: CalendarWords, fillers: frozenset[str], language: str
) -> Optional[tuple[int, int]]:
    at = _after_connector(words, at, fillers, lambda i: _month_at(words, i, calendar, language) is not None)
    return _month_at(words, at, calendar, language)


def _day_number(word: Word) -> Optional[int]:
    digits = word.text.translate(EASTERN_DIGITS).removesuffix("er")
    return int(digits) if digits.isdigit() and 1 <= int(digits) <= 31 and len(digits) <= 2 else None


def _year_at(words: Sequence[Word], at: int) -> Optional[int]:
    if at >= len(words):
        return None
    digits = words[at].text.translate(EASTERN_DIGITS)
    return int(digits) if digits.isdigit() and len(digits) == 4 and digits[:2] in ("19", "20") else None


_NUMERIC_SEPARATOR = re.compile(r"^[-./]$")


def _numeric_date(words: Sequence[Word], at: int, text: str) -> Optional[tuple[int, int, int, int]]:
    """'6-6-2012', '25.05.2012': day, month, year and the index after; separators only between."""
    if at + 2 >= len(words):
        return None
    day, month, year = _day_number(words[at]), _day_number(words[at + 1]), _year_at(words, at + 2)
    gaps = (text[words[at].end : words[at + 1].start], text[words[at + 1].end : words[at + 2].start])
    if day and month and month <= 12 and year and all(_NUMERIC_SEPARATOR.match(gap) for gap in gaps) and gaps[0] == gaps[1]:
        return day, month, year, at + 3
    return None


def _written(day: int, month: int, year: Optional[int], published: Optional[dt.date], as_written: str) -> IncidentDate:
    """A written day and month (and year), read as English ones are: the year is never guessed."""
    english = f"{day} {_ENGLISH_MONTHS[month - 1]}" + (f" {year}" if year else "")
    return resolve_date(english, published).model_copy(update={"text": as_written})


DATELINE_WORDS = 4
"""Words a dateline or publication line may have before its date ("BEYROUTH,", "Mis à jour le")."""
DATELINE_LINES = 3
"""Opening lines read for a dateline when the article has no publication date."""
_AFTER_DATELINE = re.compile(r"\s*(?:$|\n|\(|[-–—|]|[,.]?\s*(?:à|a|at)\s+\d)", re.I)


def _written_at(
    words: Sequence[Word], at: int, lexicon: ReducedLexicon, calendar: CalendarWords
) -> Optional[tuple[int, int, Optional[int], int]]:
    """A day (a number or an ordinal), its month and perhaps its year at `at`: day, month, year, index after."""
    fillers = lexicon.date_fillers
    ordinal = _longest_at(words, at, lexicon.ordinal_days)
    day, day_end = (lexicon.ordinal_days[ordinal], at + len(ordinal)) if ordinal else (_day_number(words[at]), at + 1)
    found = _month_after(words, day_end, calendar, fillers, lexicon.language) if day else None
    if not day or not found:
        return None
    month, end_index = found
    second = _month_after(words, end_index, calendar, frozenset(), lexicon.language)  # "14 آذار/مارس"
    end_index = second[1] if second else end_index
    year_at = _after_connector(words, end_index, fillers, lambda i: _year_at(words, i) is not None)
    year = _year_at(words, year_at)
    return day, month, year, (year_at + 1 if year else end_index)


def _is_dateline(start: int, end: int, text: str, lexicon: ReducedLexicon) -> bool:
    """A date with its year that opens its line, after at most a place in capitals and a comma ("BEYROUTH, 12
    mars 2024 (AFP) -") or a publication label ("Publié le 12/03/2024 à 10h15"), and is followed by the agency,
    a dash, a time or the line's end."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].strip()
    if any(c.isdigit() for c in before) or len(before.split()) > DATELINE_WORDS or not _AFTER_DATELINE.match(text, end):
        return False
    place = before.rstrip(",").strip()
    in_capitals = before.endswith(",") and any(c.isalpha() for c in place) and place == place.upper()
    labelled = bool(before) and _phrase(before, lexicon.language) in lexicon.publication_labels
    return not before or in_capitals or labelled


def _dateline_date(text: str, lexicon: ReducedLexicon) -> Optional[dt.date]:
    """The filing date of a dateline or publication stamp among the opening lines: the base of "hier" when the
    article comes without its publication date."""
    calendar = calendar_words(lexicon)
    offset = 0
    lines = 0
    for line in text.split("\n"):
        if line.strip():
            words = words_of(line, lexicon.language, offset)
            for at in range(min(len(words), DATELINE_WORDS + 1)):
                numeric = _numeric_date(words, at, text)
                written = numeric or _written_at(words, at, lexicon, calendar)
                if written and written[2] and _is_dateline(words[at].start, words[written[3] - 1].end, text, lexicon):
                    day, month, year = written[0], written[1], written[2]
                    try:
                        return dt.date(year, month, day)
                    except ValueError:
                        return None
            lines += 1
            if lines >= DATELINE_LINES:
                break
        offset += len(line) + 1
    return None


def dates_in(sentence: Sentence, text: str, lexicon: ReducedLexicon, published: Optional[dt.date]) -> list[DateMention]:
    """Day words ("mardi", "أمس", "вчера") resolved as their English equivalents are, and written dates
    ("14 mars 2023", "25 من أيار/مايو عام 2012", "10. aprila", "6-6-2012"), in any language dateparser knows;
    without a publication date, day words count from the story's dateline."""
    words = sentence.words
    calendar = calendar_words(lexicon)
    if published is None:
        published = _dateline_date(text, lexicon)
    mentions = []
    at = 0
    while at < len(words):
        source = _longest_at(words, at, lexicon.known_sources)
        if source:  # "روسيا اليوم" is a channel, not today
            at += len(source)
            continue
        phrase = _longest_at(words, at, calendar.day_words)
        if phrase:
            end_index = at + len(phrase)
            # "la nuit de samedi à dimanche": one night, dated by the day it ended on
            if end_index + 1 < len(words) and lexicon.day_range & words[end_index].exact:
                later = _longest_at(words, end_index + 1, calendar.day_words)
                if later:
                    phrase, end_index = later, end_index + 1 + len(later)
            end = words[end_index - 1].end
            resolved = resolve_date(calendar.day_words[phrase], published).model_copy(update={"text": text[words[at].start : end]})
            mentions.append(DateMention(resolved, words[at].start, end))
            at = end_index
            continue
        if lexicon.month_parts & words[at].exact and (month := _month_at(words, at + 1, calendar, lexicon.language)):
            number, end_index = month  # "mi-mars", "fin mai": the month
            end = words[end_index - 1].end
            resolved = resolve_date(_ENGLISH_MONTHS[number - 1], published).model_copy(update={"text": text[words[at].start : end]})
            mentions.append(DateMention(resolved, words[at].start, end))
            at = end_index
            continue
        numeric = _numeric_date(words, at, text)
        written = numeric or _written_at(words, at, lexicon, calendar)
        if written:
            day, month_number, year, end_index = written
            start, end = words[at].start, words[end_index - 1].end
            date = _written(day, month_number, year, published, text[start:end])
            mentions.append(DateMention(date, start, end, dateline=bool(year) and _is_dateline(start, end, text, lexicon)))
            at = end_index
            continue
        at += 1
    return mentions


def _on_a_date_line(mention: DateMention, text: str, language: str) -> bool:
    """The page's date line ("الخميس، 7 مارس 2019" above the lead): the publication's date, not the event's."""
    from corroborate.ingest.pubdate import date_from_line

    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    return date_from_line(text[line_start : line_end if line_end >= 0 else len(text)], language) is not None


def _opening_full_date(
    opening: list[Sentence], reading: SurfaceReading, published: Optional[dt.date]
) -> tuple[Optional[DateMention], Optional[Sentence]]:
    """A full date, year written, in the sentences before the lead: a piece written later states when it happened."""
    for sentence in opening:
        for mention in reading.dates(sentence, published):
            if mention.date.start is not None and _WRITTEN_YEAR.search(mention.date.text or ""):
                return mention, sentence
    return None, None


def _known(date: IncidentDate) -> bool:
    return date.start is not None or date.month is not None or date.weekday is not None


_WRITTEN_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def choose_date(mentions: list[DateMention], violent_at: list[int]) -> Optional[DateMention]:
    """The mention that dates the violence: one that is not the story's dateline, one that says a date (not an unresolved "today"), a written
    date with its year (or, undated, its day and month) before a day word (a lead that names both dates the event by the written one and
    its report by the day word), then the nearest to a violent word, then the first."""
    if not mentions:
        return None

    def key(indexed: tuple[int, DateMention]):
        order, mention = indexed
        distance = min((abs(at - mention.start) for at in violent_at), default=0)
        with_year = bool(_WRITTEN_YEAR.search(mention.date.text or ""))
        partial = mention.date.month is None  # "6 de junho" says more than "quarta-feira"
        return (mention.dateline, not _known(mention.date), mention.date.start is None, not with_year, partial, distance, order)

    return min(enumerate(mentions), key=key)[1]


# --------------------------------------------------------------------------- places


@dataclass(frozen=True)
class PlaceMention:
    place: Place
    start: int
    end: int
    cued: bool


# Scripts of data/place_names_multilingual.csv each language family reads; Arabic text writes no Persian letters.
_ARABIC_SCRIPTS = frozenset({"arab"})
_OTHER_SCRIPTS = frozenset({"latn", "cyrl", "grek", "hebr", "arab-ext"})
# An inflected name ("Краматорске", "Москве", "Kramatorsku") is its stem and an ending of one letter per this
# many letters of the stem (one at least, LONGEST_ENDING at most), so that "Khar" does not end in "Kharkiv";
# the stem is the name without a final vowel and has SHORTEST_STEM letters at least.
STEM_LETTERS_PER_ENDING_LETTER = 3
INFLECTED_TOWN_POPULATION = 15_000  # the gazetteer's own names are read inflected for towns this large
LONGEST_ENDING = 3
SHORTEST_STEM = 4
_FINAL_VOWELS = frozenset("aeiouyаеиоуыэюяіїєьйαεηιουωάέήίόύώ")


@lru_cache(maxsize=2)
def _place_index(arabic: bool) -> dict[str, list[tuple[tuple[str, ...], tuple[int, ...]]]]:
    """Word key -> (name's word keys, geonameids most populous first), from data/place_names_multilingual.csv:
    Arabic names after `normalise_arabic` indexed by first word; names in other scripts folded
    (`fold_word`) and indexed by their first word's stem (`_stem`), so that inflected forms find them."""
    gazetteer = Gazetteer.default()
    scripts = _ARABIC_SCRIPTS if arabic else _OTHER_SCRIPTS
    found: dict[tuple[str, ...], set[int]] = {}
    path = data_file("place_names_multilingual.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        for geonameid, script, name in csv.reader(handle):
            if script not in scripts:
                continue
            key = _phrase(name, "ar" if arabic else "")
            if sum(len(word) for word in key) >= 3 and gazetteer.get(int(geonameid)) is not None:
                found.setdefault(key, set()).add(int(geonameid))
    if not arabic:  # the gazetteer's own names of towns, for their inflected forms ("w Kramatorsku")
        for entry in gazetteer.entries():
            if entry.feature == "city" and entry.geonameid is not None and entry.population >= INFLECTED_TOWN_POPULATION:
                for key in dict.fromkeys(_phrase(name, "") for name in (entry.name, entry.ascii_name)):
                    if sum(len(word) for word in key) >= 3:
                        found.setdefault(key, set()).add(entry.geonameid)

    def population(geonameid: int) -> tuple[int, int]:
        return -(gazetteer.get(geonameid).population or 0), geonameid  # type: ignore[union-attr]

    index: dict[str, list[tuple[tuple[str, ...], tuple[int, ...]]]] = {}
    for key, ids in found.items():
        index.setdefault(key[0] if arabic else _stem(key[0]), []).append((key, tuple(sorted(ids, key=population))))
    if not arabic:  # exact names before inflected ones, longer stems (more specific) first
        for entries in index.values():
            entries.sort(key=lambda item: (-len(item[0][0]), item[0]))
    return index


def _arabic_place_index() -> dict[str, list[tuple[tuple[str, ...], tuple[int, ...]]]]:
    return _place_index(True)


def _stem(word: str) -> str:
    """A name word without its final vowel ("краматорська" -> "краматорськ"): what its inflections share."""
    return word[:-1] if len(word) > SHORTEST_STEM and word[-1] in _FINAL_VOWELS else word


def _inflection_of(word: str, name_word: str) -> bool:
    """'краматорске', 'краматорськ', 'kramatorsku' of 'краматорск', 'kramatorsk': the name, or its stem and a
    short ending (declension in Slavic and Baltic languages, Greek, Finnish...)."""
    if word == name_word:
        return True
    stem = _stem(name_word)
    ending = min(LONGEST_ENDING, max(1, len(stem) // STEM_LETTERS_PER_ENDING_LETTER))
    return len(stem) >= SHORTEST_STEM and word.startswith(stem) and len(word) - len(stem) <= ending


def _other_script_names(words: Sequence[Word], at: int, length: int) -> Optional[tuple[int, ...]]:
    """The geonameids of a name in any script but Arabic written, perhaps inflected, by `length` words at `at`."""
    span = words[at : at + length]
    if any(word.text[:1].islower() for word in (span[0], span[-1])):
        return None  # a proper name is capitalised, where the script has capitals
    index = _place_index(False)
    # the word as written (`exact`), not any of its `forms`: those hold its stems too, in no set order
    first = _written_key(span[0])
    for stem_length in range(len(first), SHORTEST_STEM - 1, -1):  # the first word's stem is a prefix of it
        for key, ids in index.get(first[:stem_length], ()):
            if len(key) == length and all(_inflection_of(_written_key(w), k) for w, k in zip(span, key)):
                return ids
    return None


def _written_key(word: Word) -> str:
    """The key of the whole word (a script without Arabic's clitics has one)."""
    return min(word.exact or word.forms, key=lambda form: (-len(form), form))


def _written_as_named(word: Word, entries: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """The entries one of whose Arabic names is the word as written (the article aside): without a word
    such as "في" before it, a name read off a word once its clitics are taken off ("وكان", "and was",
    as "كان") is no place."""
    written = _without_article(normalise_arabic(word.text))
    names = _arabic_names_by_id()
    return [entry for entry in entries if written in names.get(entry.geonameid, ())]


@lru_cache(maxsize=1)
def _arabic_names_by_id() -> dict[Optional[int], frozenset[str]]:
    names: dict[Optional[int], set[str]] = {}
    for entries in _arabic_place_index().values():
        for key, ids in entries:
            if len(key) == 1:
                for geonameid in ids:
                    names.setdefault(geonameid, set()).add(_without_article(key[0]))
    return {geonameid: frozenset(found) for geonameid, found in names.items()}


def _without_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _definite(word: str) -> tuple[bool, str]:
    """Whether a written Arabic word has the article (after a conjunction or preposition), and the word without them."""
    word = normalise_arabic(word)
    if word[:1] in ("و", "ف") and len(word) > 3:
        word = word[1:]
    if word.startswith("لل") and len(word) > 4:
        return True, word[2:]
    if word[:1] in ("ب", "ل", "ك") and word[1:3] == "ال" and len(word) > 4:
        return True, word[3:]
    if word.startswith("ال") and len(word) > 3:
        return True, word[2:]
    return False, word


@lru_cache(maxsize=16)
def _arabic_common_nouns(text: str) -> frozenset[str]:
    """Words the text writes both with and without the article ("الجامعة" and "جامعة حلب", university): common
    nouns, whatever town abroad is named like them; a place name keeps or lacks its article ("الرقة", "حلب")."""
    definite: set[str] = set()
    bare: set[str] = set()
    for match in _WORD.finditer(text):
        has_article, base = _definite(match.group())
        (definite if has_article else bare).add(base)
    return frozenset(definite & bare)


def _curated_place(words: Sequence[Word], at: int, length: int, lexicon: ReducedLexicon) -> Optional[int]:
    """The geonameid of the first [[curated_place]] in the lexicon file whose `length` words start at `at`."""
    matching = [
        (position, geonameid)
        for form in words[at].forms
        for position, key, geonameid in lexicon.curated_places.get(form, ())
        if len(key) == length and _matches(words, at, key)
    ]
    return min(matching)[1] if matching else None


def _candidates(words: Sequence[Word], at: int, length: int, text: str, lexicon: ReducedLexicon) -> list[GazetteerEntry]:
    gazetteer = Gazetteer.default()
    span = words[at : at + length]
    curated = _curated_place(words, at, length, lexicon)
    if curated is not None and gazetteer.get(curated):
        return [gazetteer.get(curated)]  # type: ignore[list-item]
    if lexicon.language == "ar":
        common = _arabic_common_nouns(text) if length == 1 else frozenset()
        named = (
            ids
            for form in words[at].forms_in_order()
            for key, ids in _arabic_place_index().get(form, [])
            if len(key) == length
            and _matches(words, at, key)
            and not (length == 1 and ({key[0], _without_article(key[0])} & lexicon.place_cues or _without_article(key[0]) in common))
        )
        return [entry for entry in (gazetteer.get(i) for i in next(named, ())) if entry is not None]
    if span[0].text[0].isupper() and span[-1].text[0].isupper():
        listed = [e for e in gazetteer.lookup(text[span[0].start : span[-1].end]) if e.feature != "country"]
        if listed:
            return listed
    ids = _other_script_names(words, at, length)
    return [entry for entry in (gazetteer.get(i) for i in ids or ()) if entry is not None]


def _cue(words: Sequence[Word], at: int, lexicon: ReducedLexicon) -> Optional[PlacePrecision]:
    """How the words just before a name place it: near it, in its province, or at it."""
    before = [words[i].forms for i in range(max(0, at - 2), at)]
    if any(forms & lexicon.place_near for forms in before):
        return PlacePrecision.near
    if any(forms & lexicon.place_province for forms in before):
        return PlacePrecision.admin1
    if before and before[-1] & lexicon.place_at:
        return PlacePrecision.exact
    if lexicon.language == "ar" and at < len(words) and normalise_arabic(words[at].text)[:1] == "ب":
        return PlacePrecision.exact  # "بسراقب": in Saraqib
    return None


def _named_places(words: Sequence[Word], text: str, lexicon: ReducedLexicon):
    """(first word, length, entries, cue) of each name the words give, longest names first. The name of a
    known source ("Sana", the agency, not Sanaa) and a number word ("Douze") are no place."""
    found: list[tuple[int, int, list[GazetteerEntry], Optional[PlacePrecision]]] = []
    at = 0
    while at < len(words):
        source = _longest_at(words, at, lexicon.known_sources)
        if source or _word_value(words, at, lexicon.numbers) is not None:
            at += len(source) if source else 1
            continue
        for length in range(min(LONGEST_PLACE_WORDS, len(words) - at), 0, -1):
            entries = _candidates(words, at, length, text, lexicon)
            cue = _cue(words, at, lexicon) if entries else None
            if entries and cue is None and length == 1 and lexicon.language == "ar":
                entries = _written_as_named(words[at], entries)
            if entries:
                found.append((at, length, entries, cue))
                at += length
                break
        else:
            at += 1
    return found


@lru_cache(maxsize=16)
def home_country(text: str, language: str) -> Optional[str]:
    """The country a text is about: the one its place names point to most, a name with namesakes in
    several countries counting for each in part (as `places.home_country` does for English)."""
    lexicon = load_lexicon(language)
    weights: defaultdict[str, float] = defaultdict(float)
    for sentence in _iter_sentences(text, language):
        for _, _, entries, _ in _named_places(sentence.words, text, lexicon):
            countries = {entry.country for entry in entries}
            for country in countries:
                weights[country] += 1 / len(countries)
    return max(weights, key=lambda country: (weights[country], country)) if weights else None


def places_in(sentence: Sentence, text: str, lexicon: ReducedLexicon) -> list[PlaceMention]:
    """Gazetteer places named in the sentence, longest names first; a province named is its admin1.
    A name with a namesake in the country the text is about is that namesake; a place abroad is left out
    when the text is about another country ("المدينة", a town of Iraq, in a report on Aleppo)."""
    words = sentence.words
    home = home_country(text, lexicon.language)
    found = []
    for at, length, entries, cue in _named_places(words, text, lexicon):
        if home is not None:
            entries = [entry for entry in entries if entry.country == home]
        if entries:
            found.append((at, length, entries, cue))
    provinces = {entries[0].admin1 for _, _, entries, cue in found if cue is PlacePrecision.admin1}
    mentions = []
    for at, length, entries, cue in found:
        entry = entries[0]
        if cue is not PlacePrecision.admin1:  # a town of the province the sentence names
            entry = next((e for e in entries if e.admin1 in provinces), entry)
        if cue is None and (entry.population or 0) < UNCUED_PLACE_POPULATION and entry.feature == "city":
            continue
        start, end = words[at].start, words[at + length - 1].end
        written = text[start:end]
        if cue is PlacePrecision.admin1 or entry.feature == "admin1":
            division = Gazetteer.default().admin1_entry(entry.admin1, entry.country) if entry.admin1 else None
            place = (division or entry).to_place(written, PlacePrecision.admin1)
        elif cue is PlacePrecision.near:
            place = entry.to_place(written, PlacePrecision.near)
        else:
            place = entry.to_place(written)
        mentions.append(PlaceMention(place, start, end, cue is not None))
    return mentions


def _choose_place(mentions: list[PlaceMention]) -> Optional[PlaceMention]:
    """The first named place (exact or near) the text puts the event in, else the first province."""
    order = [PlacePrecision.exact, PlacePrecision.near, PlacePrecision.admin2, PlacePrecision.admin1]
    ranked = [m for m in mentions if m.place.precision in order]
    return min(ranked, key=lambda m: (order.index(m.place.precision) > 1, not m.cued, m.start)) if ranked else None


# --------------------------------------------------------------------------- incident


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
            return at, named
        link = _longest_at(words, at, links)
        if link is None:
            return None
        at += len(link)
    return None


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
        end = words[at + len(named) - 1].end
        actor = Actor(
            role="perpetrator",
            text=sentence.text[words[at].start - sentence.start : end - sentence.start],
            name=entry.name,
            type=entry.type,
            country=entry.country,
        )
        said_by = entry.name if claimant is True else claimant or None
        found.append(PerpetratorMention(actor, words[at].start, end, certainty, said_by))

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
                    mention(index, accused, Certainty.alleged, accuser_name or False)
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


def _other_incidents(
    main: Incident, rest: list[Sentence], reading: SurfaceReading, published: Optional[dt.date], make_claim
) -> list[Incident]:
    """Other incidents the article tells after the main one's paragraph: a sentence with violence and a
    precise killed figure of its own, in another place or on another day than the main incident (the same
    place and day is the main incident told again). A figure summed over a region ("في عموم سوريا", "à
    travers le pays") is none. One incident per place; an event dated well before the main one is recalled:
    `aside` (incidents.main_incident does not take it for the article's story)."""
    found: list[Incident] = []
    main_place = (main.location.geonameid, main.location.name)
    text, lexicon = reading.text, reading.lexicon
    for sentence in rest:
        words = sentence.words
        if any(_matches(words, at, phrase) for at in range(len(words)) for phrase in lexicon.aggregate):
            continue
        triggers = [t for t in reading.triggers(sentence) if t.info.violent]
        killed = [f for f in reading.figures(sentence) if f.kind == "killed" and not f.vague]
        if not triggers or not killed:
            continue
        mention = _choose_place(reading.places(sentence))
        dated = choose_date(reading.dates(sentence, published), [t.start for t in triggers])
        place = mention.place if mention else Place()
        other_place = mention is not None and main.location.name is not None and (place.geonameid, place.name) != main_place
        other_day = (
            dated is not None
            and dated.date.start is not None
            and main.date.start is not None
            and abs((dated.date.start - main.date.start).days) > 1  # an attack may run into the next morning
        )
        if not (other_place or other_day):
            continue
        if any((i.location.geonameid, i.location.name) == (place.geonameid, place.name) for i in found if mention is not None):
            continue  # that place's incident is told already
        claims = [make_claim(f"casualties.{f.kind}", f.count.best, sentence, f.start, f.end) for f in killed]
        if mention is not None:
            claims.append(make_claim("location", place.name, sentence, mention.start, mention.end))
        date = dated.date if dated is not None else main.date
        if dated is not None:
            claims.append(make_claim("date", date.start.isoformat() if date.start else date.text, sentence, dated.start, dated.end))
        actors = _perpetrators([sentence], reading, lambda *args, **kwargs: claims.append(make_claim(*args, **kwargs)))
        cause = choose_cause(t.info.cause for t in triggers if t.info.cause) if any(t.info.cause for t in triggers) else "unknown"
        event_type, sub_event_type = classify_event(
            [t.info for t in triggers],
            cause,
            civilian_victims=any(f.civilians for f in killed),
            state_perpetrator=(actors[0].type == ActorType.state_forces) if actors else None,
        )
        recalled = date.start is not None and main.date.start is not None and (main.date.start - date.start).days > RECALLED_DAYS
        found.append(
            Incident(
                id=f"i{len(found) + 2}",
                event_type=event_type,
                sub_event_type=sub_event_type,
                violent=True,
                cause=cause,
                date=date,
                location=place,
                actors=actors,
                casualties=Casualties(
                    killed=_toll(killed, text), injured=_toll([f for f in reading.figures(sentence) if f.kind == "injured"], text)
                ),
                claims=claims,
                summary=sentence.text.strip(),
                aside=recalled,
            )
        )
    return found


def _perpetrators(told: list[Sentence], reading: SurfaceReading, claim) -> list[Actor]:
    """The incident's perpetrators from its sentences, the lead's first, each with a claim: as the sentence
    says it, alleged when accused, in the voice of the actor who claims it; an actor named perpetrator who
    denies it gets a denied claim too. Named actors come before descriptions."""
    mentions = []
    for sentence in told:
        found = reading.perpetrators(sentence)
        alleged = {m.actor.name for m in found if m.certainty is Certainty.alleged}  # "frappes attribuées à l'aviation russe"
        mentions += [(sentence, m) for m in found if m.certainty is not None or m.actor.name not in alleged]
    named = {mention.actor.name for _, mention in mentions if mention.certainty is not Certainty.denied}
    actors: dict[str, Actor] = {}
    for sentence, mention in mentions:
        if mention.actor.name not in named:
            continue
        claim("actors.perpetrator", mention.actor.name, sentence, mention.start, mention.end, mention.certainty, mention.claimant)
        if mention.certainty is not Certainty.denied:
            actors.setdefault(mention.actor.name, mention.actor)
    return _named_actors_first(list(actors.values()))


def _named_actors_first(actors: list[Actor]) -> list[Actor]:
    generic = _generic_actor_names()
    return [a for a in actors if a.name not in generic] + [a for a in actors if a.name in generic]


def _toll(figures: list[Figure], text: str) -> Optional[CasualtyCount]:
    """The incident's toll from its figures in order, as English reads it (incidents.combine_counts): the
    latest update ("rose to 83"), else the first, a vague one ("عشرات") giving way to a precise one and a
    lower bound ("more than 100") to the exact figure it rounded (107). An update is precise and no lower
    than the first figure: a toll that "rose" to fewer dead counts something else (one town, "dozens")."""
    lead = next((figure.count.best for figure in figures if figure.count.best is not None), None)

    def updates(figure: Figure) -> bool:
        best = figure.count.best
        return figure.update and not figure.vague and best is not None and (lead is None or best >= lead)

    # combine_counts reads vagueness off the English words; the count it chooses is given back as written.
    english = [figure.count.model_copy(update={"text": figure.english or figure.count.text}) for figure in figures]
    written = {id(count): figure.count for count, figure in zip(english, figures)}
    chosen = combine_counts(
        [
            CasualtyFigure(
                kind="killed" if figure.kind == "killed" else "injured",
                count=count,
                start=figure.start,
                end=figure.end,
                text=text[figure.start : figure.end],
                update_of_toll=updates(figure),
            )
            for count, figure in zip(english, figures)
        ]
    )
    return written.get(id(chosen), chosen) if chosen is not None else None


@dataclass(eq=False)
class SentenceReading:
    """What the surface rules read in one sentence, each part once; None: not read (yet)."""

    sentence: Sentence
    triggers: Optional[list[_Trigger]] = None
    figures: Optional[list[Figure]] = None
    places: Optional[list[PlaceMention]] = None
    dates: Optional[list[DateMention]] = None
    dated_against: Optional[dt.date] = None  # the publication date `dates` resolved relative dates against
    sources: Optional[list[Source]] = None  # the source it names (at most one), "the same source" as written
    perpetrators: Optional[list[PerpetratorMention]] = None


class SurfaceReading:
    """A text's sentences and what the surface rules read in each (SentenceReading, by the sentence's start).

    The surface components of a blank pipeline fill it, each its part, in `doc._.surface_reading`, and
    extract_reduced groups the incidents from it: a sentence is read once, and a part is read at its first
    use when the Doc skipped the component that reads it (as incidents.sentence_facts does for English)."""

    def __init__(self, text: str, language: str, sentences: Iterable[Sentence]):
        self.text = text
        self.language = language
        self.lexicon = load_lexicon(language)
        self.sentences = list(sentences)
        self.by_start = {sentence.start: SentenceReading(sentence) for sentence in self.sentences}

    @classmethod
    def of_doc(cls, doc, language: str) -> SurfaceReading:
        """The reading the Doc's components share, begun by the first one."""
        reading = doc._.surface_reading
        if reading is None or reading.language != language or reading.text != doc.text:
            reading = doc._.surface_reading = cls(doc.text, language, sentences_of_doc(doc, language))
        return reading

    def _of(self, sentence: Sentence) -> SentenceReading:
        return self.by_start[sentence.start]

    def triggers(self, sentence: Sentence) -> list[_Trigger]:
        reading = self._of(sentence)
        if reading.triggers is None:
            reading.triggers = triggers_in(sentence, self.lexicon)
        return reading.triggers

    def figures(self, sentence: Sentence) -> list[Figure]:
        reading = self._of(sentence)
        if reading.figures is None:
            reading.figures = figures_in(sentence, self.text, self.lexicon)
        return reading.figures

    def places(self, sentence: Sentence) -> list[PlaceMention]:
        reading = self._of(sentence)
        if reading.places is None:
            reading.places = places_in(sentence, self.text, self.lexicon)
        return reading.places

    def dates(self, sentence: Sentence, published: Optional[dt.date]) -> list[DateMention]:
        """Relative dates resolved against `published`: read again when they were resolved against another date."""
        reading = self._of(sentence)
        if reading.dates is None or reading.dated_against != published:
            reading.dates, reading.dated_against = dates_in(sentence, self.text, self.lexicon, published), published
        return reading.dates

    def source(self, sentence: Sentence) -> Optional[Source]:
        """The source the sentence names; SAME_SOURCE for "the same source" (the reader resolves it)."""
        reading = self._of(sentence)
        if reading.sources is None:
            source = source_in(sentence, self.text, self.lexicon)
            reading.sources = [] if source is None else [source]
        return reading.sources[0] if reading.sources else None

    def perpetrators(self, sentence: Sentence) -> list[PerpetratorMention]:
        """perpetrators_in with the sentence's event words (those not violent change nothing in it)."""
        reading = self._of(sentence)
        if reading.perpetrators is None:
            reading.perpetrators = perpetrators_in(sentence, self.triggers(sentence), self.lexicon)
        return reading.perpetrators


def extract_reduced(article: Article, doc=None) -> Extraction:
    """A French or Arabic article's incident, read with the reduced rules (module docstring); `doc`, the
    article's Doc from the language's pipeline (component "corroborate_incidents", rules "surface"), gives
    the sentences and what the surface components read in them (`doc._.surface_reading`)."""
    language = article.language or ""
    lexicon = load_lexicon(language)
    note = reduced_rules_note(language)
    text = article.text
    published = article.published or publication_date_from_text(text, language)
    # The lead is the first sentence with an event word or a figure; the incident is told in the lead's
    # paragraph (a later paragraph may be another story), so reading stops at the paragraph's end.
    # A lead whose paragraph gives no figure (a headline, a hard-wrapped line) is told on in the first
    # later paragraph that gives one.
    read: list[Sentence] = []
    told: list[tuple[Sentence, list[_Trigger], list[Figure]]] = []
    # A lead that names no weapon ("at least 30 were killed.") takes its cause from the next paragraphs.
    telling = False  # the current paragraph tells the incident
    following: list[tuple[Sentence, list[_Trigger], list[Figure]]] = []  # the paragraphs after the incident's
    paragraphs_after = 0
    if doc is not None:
        reading = SurfaceReading.of_doc(doc, language)
    else:
        reading = SurfaceReading(text, language, _iter_sentences(text, language))
    sentences = iter(reading.sentences)
    unread: list[Sentence] = []  # the sentence reading stopped at
    for sentence in sentences:
        new_paragraph = bool(read) and "\n" in text[read[-1].end : sentence.start]
        if (following or paragraphs_after) and new_paragraph:
            paragraphs_after += 1
        if following or (new_paragraph and telling and any(figures for _, _, figures in told)):
            known = any(t.info.cause for _, triggers, _ in told + following for t in triggers)
            if known or paragraphs_after >= CAUSE_PARAGRAPHS:
                unread.append(sentence)
                break
            following.append((sentence, reading.triggers(sentence), []))
            read.append(sentence)
            continue
        if new_paragraph and telling:
            telling = False
        read.append(sentence)
        triggers, figures = reading.triggers(sentence), reading.figures(sentence)
        if telling or figures or (not told and any(t.info.violent for t in triggers)):
            told.append((sentence, triggers, figures))
            telling = True
    notes = [note] + ([] if published else ["no publication date: relative dates are left unresolved"])
    if published and not article.published:
        notes.append(f"publication date {published} read from the text")
    if not told:
        return Extraction.for_article(article, [], notes)

    # The sentences after the lead that do not tell its figures: a perpetrator named later, other incidents.
    rest = [s for s in read + unread + list(sentences) if s.start > told[0][0].start and all(s is not t for t, _, _ in told)]
    claims: list[Claim] = []
    sources: dict[Sentence, Optional[Source]] = {}
    named: Optional[Source] = None
    for sentence in sorted(read + rest, key=lambda s: s.start):
        if sentence in sources:
            continue
        source = reading.source(sentence)
        if source is not None and source.name == SAME_SOURCE:
            source = named  # "a précisé l'ONG", "وفق المصدر نفسه": the source named before
        named = source or named
        sources[sentence] = source

    def make_claim(
        field: str,
        value,
        sentence: Sentence,
        start: int,
        end: int,
        certainty: Optional[Certainty] = None,
        claimant: Optional[str] = None,
    ) -> Claim:
        """A claim in the sentence's voice: its source's (reported) or the outlet's (asserted), unless the
        rule read how firmly (an accusation: alleged) or who says it (the actor claiming or denying)."""
        source = sources[sentence]
        said_by = claimant or (source.name if source else joined_source([], article.outlet))
        return Claim(
            field=field,
            value=value,
            source=said_by,
            certainty=certainty or (Certainty.reported if source else Certainty.asserted),
            evidence=Evidence(start=start, end=end, sentence=sentence.text),
        )

    def claim(*args, **kwargs) -> None:
        claims.append(make_claim(*args, **kwargs))

    lead_sentence, lead_triggers, _ = told[0]
    # Cause: the lead's weapon words, else those of the first later sentence that names a weapon.
    between = ((s, reading.triggers(s)) for s in read if s.start > lead_sentence.start and all(s is not t for t, _, _ in told))
    caused = next(
        (
            (s, t)
            for s, t in chain(((s, t) for s, t, _ in told), between, ((s, t) for s, t, _ in following))
            if any(x.info.cause for x in t)
        ),
        None,
    )
    cause = choose_cause(x.info.cause for x in caused[1] if x.info.cause) if caused else "unknown"
    if caused:
        for trigger in caused[1]:
            if trigger.info.cause:
                claim("cause", trigger.info.cause, caused[0], trigger.start, trigger.end)

    killed: list[Figure] = []
    injured: list[Figure] = []
    civilians: list[Figure] = []
    for sentence, _, figures in told:
        for figure in figures:
            (killed if figure.kind == "killed" else injured).append(figure)
            if figure.kind == "killed" and figure.civilians:
                civilians.append(figure)
            value = figure.count.best if figure.count.best is not None else figure.count.text
            claim(f"casualties.{figure.kind}", value, sentence, figure.start, figure.end)
    victims: dict[str, CasualtyCount] = {}
    for sentence, _, figures in told:  # the breakdown of the lead's toll: the first figure of each group
        for part in groups_in(sentence, text, lexicon) if any(f.kind == "killed" for f in figures) else []:
            if part.group not in victims:
                victims[part.group] = part.count
                claim(f"casualties.victims.{part.group}", part.count.best, sentence, part.start, part.end)
    casualties = Casualties(
        killed=_toll(killed, text),
        injured=_toll(injured, text),
        victims=Victims(civilians=_toll(civilians, text)).model_copy(update=victims),
    )

    date_mention = None
    lead_sentence_of_date: Optional[Sentence] = None
    for sentence, triggers, _ in told:  # the lead's date, else the first sentence of its paragraph that has one
        violent_at = [t.start for t in triggers if t.info.violent]
        mentions = [m for m in reading.dates(sentence, published) if not _on_a_date_line(m, text, language)]
        date_mention = choose_date(mentions, violent_at)
        if date_mention is not None:
            lead_sentence_of_date = sentence
            break
    if date_mention is None:  # a retrospective opens with the event's full date ("التاريخ 25 أيار 2012. الحدث ...")
        date_mention, lead_sentence_of_date = _opening_full_date(read[: read.index(lead_sentence)], reading, published)
    if date_mention is not None:
        date = date_mention.date
        claim("date", date.start.isoformat() if date.start else date.text, lead_sentence_of_date, date_mention.start, date_mention.end)
    else:
        date = date_of_publication(published)
    years = anniversary_years(f"{article.title or ''}\n{text}", language)
    if years and published:
        date = anniversary_date(date, published, years)
        notes.append(f"anniversary piece: the event is dated {years} years before the publication")

    # The place: the lead's, else that of the first later sentence that names one.
    placed = next(((s, m) for s, _, _ in told if (m := _choose_place(reading.places(s))) is not None), None)
    if placed is None:  # the lead names a country at most: the first later sentence about the violence that names a place
        violent_later = (s for s in rest if any(t.info.violent for t in reading.triggers(s)))
        placed = next(((s, m) for s in violent_later if (m := _choose_place(reading.places(s))) is not None), None)
    location = placed[1].place if placed else Place()
    if placed is not None:
        place_sentence, place_mention = placed
        claim("location", location.name, place_sentence, place_mention.start, place_mention.end)

    actors = _perpetrators([s for s, _, _ in told], reading, claim)
    if not actors:  # the lead names none: a later sentence about the violence may ("... اتهم X بارتكاب المجزرة")
        actors = _perpetrators([s for s in rest if any(t.info.violent for t in reading.triggers(s))], reading, claim)

    all_triggers = [t.info for _, triggers, _ in told for t in triggers]
    event_type, sub_event_type = classify_event(
        [t.info for t in lead_triggers] or all_triggers,
        cause,
        civilian_victims=bool(civilians),
        state_perpetrator=(actors[0].type == ActorType.state_forces) if actors else None,
    )
    incident = Incident(
        id="i1",
        event_type=event_type,
        sub_event_type=sub_event_type,
        violent=True,
        cause=cause,
        date=date,
        location=location,
        actors=actors,
        casualties=casualties,
        claims=claims,
        summary=lead_sentence.text.strip(),
    )
    others = _other_incidents(incident, rest, reading, published, make_claim) if casualties.killed else []
    if others:
        notes.append(f"{len(others)} other incident(s) told later in the article, each from its own place or date and toll")
    extraction = Extraction.for_article(article, [incident, *others], notes)
    if published and not article.published:
        extraction.article = extraction.article.model_copy(update={"published": published, "published_from": "text"})
    return extraction
