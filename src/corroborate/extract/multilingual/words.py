"""Words as the reduced rules compare them: the language's [matching] folds, Arabic normalised, phrases found by their first word."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional, Sequence

from corroborate.errors import ConfigurationError
from corroborate.extract.numbers import EASTERN_DIGITS
from corroborate.gazetteer import fold_word
from corroborate.lang import UnknownWordClass
from corroborate.lang import lexicon as language_lexicon

REDUCED_LANGUAGES = ("fr", "ar", "ru", "uk", "fa", "de", "es", "pt", "it", "pl", "bg", "sr", "hr", "bs")
"""Languages read with the reduced rules; a language without its own lexicon file uses the one of `LEXICON_OF`."""

LEXICON_OF = {"hr": "sr", "bs": "sr"}
"""Serbian, Croatian and Bosnian are one language (Serbo-Croatian) to these rules: one lexicon, lang/sr/reduced.toml."""

# Combining marks (Arabic harakat, accents written apart) belong to the word they sit on: "قُتل" is one word.
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_WORD = re.compile(rf"[^\W_](?:[^\W_]|[{_MARKS}])*")
_CLAUSE_END = re.compile(r"[,.;:!?،؛؟\"«»()\[\]\n]")

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
