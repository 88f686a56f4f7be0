"""Reduced extraction for reports in other languages (REDUCED_LANGUAGES), so they link with English ones.

The English pipeline rests on an English parser; for other languages corroborate
ships no model (nothing is downloaded at run time), so this module reads what
linking and checking need with explicit rules over a blank spaCy tokenizer and
per-language lexicons (data/lexicons/multilingual_<lang>.toml), whose [matching]
table says how words are compared (stems of inflected languages, script folds):

- one incident per article, from the first sentence with an event word or a
  killed/injured figure (the lead, as news writes it);
- cause and ACLED type from the lexicon's triggers (events.choose_cause and
  events.classify_event decide, as for English);
- killed and injured figures, their hedge read as the English hedge it
  translates (casualties.parse_count); a sentence giving the war's totals, a
  figure near a war word and "killed or wounded" are left out; civilians when
  the counted noun says so;
- the date from day words ("mardi", "الثلاثاء", "hier", "أمس"), resolved as
  English ones are (dates.resolve_date), or a written day and month, with the
  lexicon's words and dateparser's for the language (any language it knows), else
  a full date opening a retrospective, else the publication day;
- the place from the gazetteer: Latin spellings (GeoNames lists the exonyms
  "Alep", "Idleb"), GeoNames names in other scripts, inflected too ("в Одессе"),
  and Arabic-script names for Arabic compared after `normalise_arabic`
  (data/place_names_multilingual.csv), in the country the text is about;
- who says so, from the words after a source-introducing phrase ("selon",
  "بحسب"), named canonically when the lexicon knows the source.

Actors, victims other than civilians and any second incident stay empty rather
than guessed; the extraction's note says which rules were used.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from itertools import chain
from typing import Iterator, Optional, Sequence

from corroborate.dictionaries import ActorDictionary
from corroborate.errors import ConfigurationError
from corroborate.extract.attribution import joined_source
from corroborate.extract.dates import (
    anniversary_date,
    anniversary_years,
    date_of_publication,
    publication_date_from_text,
    resolve_date,
)
from corroborate.extract.events import Trigger, choose_cause, classify_event
from corroborate.extract.numbers import parse_count
from corroborate.gazetteer import Gazetteer, GazetteerEntry, fold_word
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
    "source_in",
    "triggers_in",
    "words_of",
]

REDUCED_LANGUAGES = ("fr", "ar", "ru", "uk", "fa", "de", "es", "pt", "it", "pl", "bg", "sr", "hr", "bs")
"""Languages read with the reduced rules; a language without its own lexicon file uses the one of `LEXICON_OF`."""

LEXICON_OF = {"hr": "sr", "bs": "sr"}
"""Serbian, Croatian and Bosnian are one language (Serbo-Croatian) to these rules: one lexicon, multilingual_sr.toml."""

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
# A war word ("la guerre", "войны") this many words from a figure makes it the war's toll, not the incident's.
WAR_WINDOW = 6

_WORD = re.compile(r"[^\W_]+")
_CLAUSE_END = re.compile(r"[,.;:!?،؛؟\"«»()\[\]\n]")
EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# --------------------------------------------------------------------------- Arabic normalisation

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, Quranic marks, tatweel
_ARABIC_LETTER_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def normalise_arabic(word: str) -> str:
    """One spelling for the variants Arabic writers use freely: no vowel marks or tatweel,
    every alef with hamza or madda as bare alef, taa marbuta as haa, alef maqsura as yaa,
    hamza on waw or yaa as the bare letter ("إدلب" and "ادلب", "الرقة" and "الرقه" agree)."""
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


_WORD_WITH_APOSTROPHES = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*")
_DIGITS_OR_LETTERS = re.compile(r"\d+|[^\W\d_]+")
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
    name = f"multilingual_{lexicon_language(language)}.toml"
    try:
        return tomllib.loads((resources.files("corroborate.data") / "lexicons" / name).read_text(encoding="utf-8"))
    except (FileNotFoundError, tomllib.TOMLDecodeError) as error:
        raise ConfigurationError(f"lexicon {name}: {error}") from error


@lru_cache(maxsize=None)
def matching_of(language: str) -> Matching:
    if language not in REDUCED_LANGUAGES:
        return Matching()
    name = f"multilingual_{lexicon_language(language)}.toml"
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
    """The first phrase of `phrases` that starts at `at`: the longest, as lexicons are ordered longest first."""
    return next((phrase for phrase in phrases if _matches(words, at, phrase)), None)


def _longest_first(phrases) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted(dict.fromkeys(p for p in phrases if p), key=len, reverse=True))  # stable: file order within a length


def _longest_keys_first(mapping: dict) -> dict:
    return {key: mapping[key] for key in _longest_first(mapping)}


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class ReducedLexicon:
    """One language's lexicon (data/lexicons/multilingual_<lang>.toml), as phrase keys, longest phrases first."""

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


def _keys(words: list[str], language: str) -> frozenset[str]:
    return frozenset(_word_key(word, language) for word in words)


@lru_cache(maxsize=None)
def load_lexicon(language: str) -> ReducedLexicon:
    """The bundled lexicon of a reduced language; ConfigurationError names a missing or broken file."""
    language = lexicon_language(language)
    name = f"multilingual_{language}.toml"
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
        perpetrators=phrases({k: v for k, v in table("perpetrators").items() if k != "linking"}),
        perpetrator_links=phrase_list("perpetrators", "linking"),
        date_fillers=_keys(raw.get("date_words", {}).get("fillers", []), language),
    )


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
        f"lexicon multilingual_{lexicon_language(language)}.toml): one incident from the first sentence with an event word or a "
        "casualty figure; cause and event type from trigger words; killed and injured figures with their "
        "hedges; date from day words and written dates, else the publication day; place from GeoNames names; "
        "sources from introducing phrases; perpetrators only when a dictionary name follows the event words; "
        "targets and other incidents are not extracted"
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


def _iter_sentences(text: str, language: str) -> Iterator[Sentence]:
    """The text's non-blank sentences, their words read only when the sentence is reached."""
    from corroborate.extract.pipeline import blank_pipeline  # here: pipeline imports this module

    for sent in blank_pipeline(lexicon_language(language))(text).sents:
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
        elif number is not None and (value is None or number < value or _units_then_tens(words[end], value, number)):
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


def _is_date_or_year(words: Sequence[Word], at: int, end: int, lexicon: ReducedLexicon) -> bool:
    digits = words[at].text.translate(EASTERN_DIGITS)
    if digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100:
        return True
    months = lexicon.months
    return _longest_at(words, end, months) is not None or any(_matches(words, at - len(m), m) for m in months)


def _breakdown_words(sentence: Sentence, lexicon: ReducedLexicon) -> set[int]:
    """Indices of the words of breakdowns ("dont 5 enfants", "بينهم 5 أطفال"): parts of a toll, not tolls."""
    words, inside = sentence.words, set()
    for at in range(len(words)):
        if at in inside or not any(_matches(words, at, phrase) for phrase in lexicon.breakdown):
            continue
        end = at + 1
        while end < min(len(words), at + LONGEST_BREAKDOWN_WORDS) and not _CLAUSE_END.search(
            sentence.text[words[end - 1].end - sentence.start : words[end].start - sentence.start]
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
) -> Optional[str]:
    """'killed' or 'injured': the nearest casualty word within CASUALTY_WINDOW words (behind, up to the
    sentence's start when a "rose to" phrase leads to the figure), not past another figure; the words of
    a breakdown in between are not counted. "Killed or wounded" counts both kinds: None."""

    def kind(index: int) -> Optional[str]:
        forms = words[index].forms
        return "killed" if forms & lexicon.killed else "injured" if forms & lexicon.injured else None

    def joined(index: int, found: str) -> bool:
        """The casualty word at `index` and one of the other kind are joined by "or"/"and"."""
        return any(
            0 <= index + 2 * step < len(words)
            and words[index + step].forms & lexicon.joining
            and kind(index + 2 * step) not in (None, found)
            for step in (1, -1)
        )

    def nearest(indices) -> Optional[tuple[int, str, int]]:
        """(distance, kind, index) of the first casualty word of `indices`, nearest first; none past a figure."""
        for distance, index in enumerate(indices, 1):
            if index in numbers:
                return None
            if found := kind(index):
                return distance, found, index
        return None

    ahead = [index for index in range(end, len(words)) if index not in skipped][:CASUALTY_WINDOW]
    behind = range(start - 1, -1 if behind_to_start else max(-1, start - 1 - CASUALTY_WINDOW), -1)
    found = [f for f in (nearest(ahead), nearest(behind)) if f]
    if not found:
        return None
    _, kind_found, index = min(found, key=lambda f: f[0])
    return None if joined(index, kind_found) else kind_found


def _near_war(words: Sequence[Word], start: int, end: int, lexicon: ReducedLexicon) -> bool:
    """A war word a few words from the figure: "la guerre qui a fait 300.000 morts" is the war's toll."""
    around = range(max(0, start - WAR_WINDOW), min(len(words), end + WAR_WINDOW))
    return any(words[index].forms & lexicon.war for index in around)


def figures_in(sentence: Sentence, text: str, lexicon: ReducedLexicon) -> list[Figure]:
    """Killed and injured figures with their hedges; none in a sentence about the war's totals."""
    words = sentence.words
    if any(_matches(words, at, phrase) for at in range(len(words)) for phrase in lexicon.background):
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
        kind = _kind_near(words, first, last, lexicon, numbers - set(range(start, end)), breakdown, rose)
        if kind is None or _near_war(words, first, last, lexicon):
            continue
        written = text[words[first].start : words[last - 1].end]
        count = parse_count(f"{phrase} {english}".strip()).model_copy(update={"text": written})
        civilians = any(words[i].forms & lexicon.civilians for i in range(end, min(end + 2, len(words))))
        figures.append(Figure(kind, count, words[first].start, words[last - 1].end, civilians))
    return figures


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


@dataclass(frozen=True)
class CalendarWords:
    """A language's day words (phrase -> the English expression dates.resolve_date reads) and month names
    (phrase -> month number), longest phrases first."""

    day_words: dict[tuple[str, ...], str]
    months: dict[tuple[str, ...], int]


# dateparser's relative words that name one day, as the English expression resolve_date reads.
_RELATIVE_DAYS = {"0 day ago": "today", "1 day ago": "yesterday", "2 day ago": "the day before yesterday"}
_ENGLISH_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ENGLISH_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
)  # fmt: skip
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


def dates_in(sentence: Sentence, text: str, lexicon: ReducedLexicon, published: Optional[dt.date]) -> list[DateMention]:
    """Day words ("mardi", "أمس", "вчера") resolved as their English equivalents are, and written dates
    ("14 mars 2023", "25 من أيار/مايو عام 2012", "10. aprila", "6-6-2012"), in any language dateparser knows."""
    words = sentence.words
    calendar = calendar_words(lexicon)
    fillers = lexicon.date_fillers
    mentions = []
    at = 0
    while at < len(words):
        phrase = _longest_at(words, at, calendar.day_words)
        if phrase:
            end = words[at + len(phrase) - 1].end
            resolved = resolve_date(calendar.day_words[phrase], published).model_copy(update={"text": text[words[at].start : end]})
            mentions.append(DateMention(resolved, words[at].start, end))
            at += len(phrase)
            continue
        numeric = _numeric_date(words, at, text)
        if numeric:
            day, month, year, end_index = numeric
            as_written = text[words[at].start : words[end_index - 1].end]
            mentions.append(DateMention(_written(day, month, year, published, as_written), words[at].start, words[end_index - 1].end))
            at = end_index
            continue
        day = _day_number(words[at])
        found = _month_after(words, at + 1, calendar, fillers, lexicon.language) if day else None
        if found:
            month, end_index = found
            second = _month_after(words, end_index, calendar, frozenset(), lexicon.language)  # "14 آذار/مارس"
            end_index = second[1] if second else end_index
            year_at = _after_connector(words, end_index, fillers, lambda i: _year_at(words, i) is not None)
            year = _year_at(words, year_at)
            end_index = year_at + 1 if year else end_index
            end = words[end_index - 1].end
            date = _written(day, month, year, published, text[words[at].start : end])
            mentions.append(DateMention(date, words[at].start, end))
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
    opening: list[Sentence], text: str, lexicon: ReducedLexicon, published: Optional[dt.date]
) -> tuple[Optional[DateMention], Optional[Sentence]]:
    """A full date, year written, in the sentences before the lead: a piece written later states when it happened."""
    for sentence in opening:
        for mention in dates_in(sentence, text, lexicon, published):
            if mention.date.start is not None and _WRITTEN_YEAR.search(mention.date.text or ""):
                return mention, sentence
    return None, None


def _known(date: IncidentDate) -> bool:
    return date.start is not None or date.month is not None or date.weekday is not None


_WRITTEN_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def choose_date(mentions: list[DateMention], violent_at: list[int]) -> Optional[DateMention]:
    """The mention that dates the violence: one that says a date (not an unresolved "today"), a written
    date with its year (or, undated, its day and month) before a day word (a lead that names both dates the event by the written one and
    its report by the day word), then the nearest to a violent word, then the first."""
    if not mentions:
        return None

    def key(indexed: tuple[int, DateMention]):
        order, mention = indexed
        distance = min((abs(at - mention.start) for at in violent_at), default=0)
        with_year = bool(_WRITTEN_YEAR.search(mention.date.text or ""))
        partial = mention.date.month is None  # "6 de junho" says more than "quarta-feira"
        return (not _known(mention.date), mention.date.start is None, not with_year, partial, distance, order)

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
    path = resources.files("corroborate.data") / "place_names_multilingual.csv"
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
            and not (length == 1 and (key[0] in lexicon.place_cues or _without_article(key[0]) in common))
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
    """(first word, length, entries, cue) of each name the words give, longest names first."""
    found: list[tuple[int, int, list[GazetteerEntry], Optional[PlacePrecision]]] = []
    at = 0
    while at < len(words):
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
    weights: Counter[str] = Counter()
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


def perpetrators_in(sentence: Sentence, triggers: list[_Trigger], lexicon: ReducedLexicon) -> list[PerpetratorMention]:
    """Dictionary actors named right after violent event words, only linking words between
    ("frappes aériennes du régime syrien", "غارات لطائرات النظام"): who struck, not who was struck."""
    words, found = sentence.words, []
    for trigger in triggers:
        if not trigger.info.violent:
            continue
        at, links = trigger.after, 0
        while at < len(words) and links <= PERPETRATOR_LINKS:
            named = _longest_at(words, at, lexicon.perpetrators)
            if named:
                entry = ActorDictionary.default().get(lexicon.perpetrators[named])
                if entry is not None:
                    end = words[at + len(named) - 1].end
                    actor = Actor(
                        role="perpetrator",
                        text=sentence.text[words[at].start - sentence.start : end - sentence.start],
                        name=entry.name,
                        type=entry.type,
                        country=entry.country,
                    )
                    found.append(PerpetratorMention(actor, words[at].start, end))
                break
            link = _longest_at(words, at, lexicon.perpetrator_links)
            if link is None:
                break
            at, links = at + len(link), links + 1
    return list({mention.actor.name: mention for mention in found}.values())


def _first(counts: list[CasualtyCount]) -> Optional[CasualtyCount]:
    """The lead's figure: later ones in the paragraph repeat or break it down."""
    return counts[0] if counts else None


def extract_reduced(article: Article) -> Extraction:
    """A French or Arabic article's incident, read with the reduced rules (module docstring)."""
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
    for sentence in _iter_sentences(text, language):
        new_paragraph = bool(read) and "\n" in text[read[-1].end : sentence.start]
        if (following or paragraphs_after) and new_paragraph:
            paragraphs_after += 1
        if following or (new_paragraph and telling and any(figures for _, _, figures in told)):
            known = any(t.info.cause for _, triggers, _ in told + following for t in triggers)
            if known or paragraphs_after >= CAUSE_PARAGRAPHS:
                break
            following.append((sentence, triggers_in(sentence, lexicon), []))
            read.append(sentence)
            continue
        if new_paragraph and telling:
            telling = False
        read.append(sentence)
        triggers, figures = triggers_in(sentence, lexicon), figures_in(sentence, text, lexicon)
        if telling or figures or (not told and any(t.info.violent for t in triggers)):
            told.append((sentence, triggers, figures))
            telling = True
    notes = [note] + ([] if published else ["no publication date: relative dates are left unresolved"])
    if published and not article.published:
        notes.append(f"publication date {published} read from the text")
    if not told:
        return Extraction.for_article(article, [], notes)

    claims: list[Claim] = []
    sources: dict[Sentence, Optional[Source]] = {}
    named: Optional[Source] = None
    for sentence in read:
        source = source_in(sentence, text, lexicon)
        if source is not None and source.name == SAME_SOURCE:
            source = named  # "a précisé l'ONG", "وفق المصدر نفسه": the source named before
        named = source or named
        sources[sentence] = source

    def claim(field: str, value, sentence: Sentence, start: int, end: int) -> None:
        source = sources[sentence]
        claims.append(
            Claim(
                field=field,
                value=value,
                source=source.name if source else joined_source([], article.outlet),
                certainty=Certainty.reported if source else Certainty.asserted,
                evidence=Evidence(start=start, end=end, sentence=sentence.text),
            )
        )

    lead_sentence, lead_triggers, _ = told[0]
    # Cause: the lead's weapon words, else those of the first later sentence that names a weapon.
    between = ((s, triggers_in(s, lexicon)) for s in read if s.start > lead_sentence.start and all(s is not t for t, _, _ in told))
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

    killed: list[CasualtyCount] = []
    injured: list[CasualtyCount] = []
    civilians: list[CasualtyCount] = []
    for sentence, _, figures in told:
        for figure in figures:
            (killed if figure.kind == "killed" else injured).append(figure.count)
            if figure.kind == "killed" and figure.civilians:
                civilians.append(figure.count)
            value = figure.count.best if figure.count.best is not None else figure.count.text
            claim(f"casualties.{figure.kind}", value, sentence, figure.start, figure.end)
    casualties = Casualties(killed=_first(killed), injured=_first(injured), victims=Victims(civilians=_first(civilians)))

    date_mention = None
    for sentence, triggers, _ in told:  # the lead's date, else the first sentence of its paragraph that has one
        violent_at = [t.start for t in triggers if t.info.violent]
        mentions = [m for m in dates_in(sentence, text, lexicon, published) if not _on_a_date_line(m, text, language)]
        date_mention = choose_date(mentions, violent_at)
        if date_mention is not None:
            lead_sentence_of_date = sentence
            break
    if date_mention is None:  # a retrospective opens with the event's full date ("التاريخ 25 أيار 2012. الحدث ...")
        date_mention, lead_sentence_of_date = _opening_full_date(read[: read.index(lead_sentence)], text, lexicon, published)
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
    placed = next(((s, m) for s, _, _ in told if (m := _choose_place(places_in(s, text, lexicon))) is not None), None)
    location = placed[1].place if placed else Place()
    if placed is not None:
        place_sentence, place_mention = placed
        claim("location", location.name, place_sentence, place_mention.start, place_mention.end)

    perpetrators = perpetrators_in(lead_sentence, lead_triggers, lexicon)
    for mention in perpetrators:
        claim("actors.perpetrator", mention.actor.name, lead_sentence, mention.start, mention.end)
    actors = [mention.actor for mention in perpetrators]

    all_triggers = [t.info for _, triggers, _ in told for t in triggers]
    event_type, sub_event_type = classify_event(
        [t.info for t in lead_triggers] or all_triggers,
        cause,
        civilian_victims=bool(civilians),
        state_perpetrator=(actors[0].type == ActorType.state_forces) if actors else None,
    )
    incident = Incident(
        id="i1",
        event_type=event_type,  # type: ignore[arg-type]
        sub_event_type=sub_event_type,
        violent=True,
        cause=cause,  # type: ignore[arg-type]
        date=date,
        location=location,
        actors=actors,
        casualties=casualties,
        claims=claims,
        summary=lead_sentence.text.strip(),
    )
    extraction = Extraction.for_article(article, [incident], notes)
    if published and not article.published:
        extraction.article = extraction.article.model_copy(update={"published": published, "published_from": "text"})
    return extraction
