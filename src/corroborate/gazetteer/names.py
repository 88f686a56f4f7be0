"""Place names as the gazetteer compares them: one key for the spellings of a name ("al-Zara", "Al Zara",
"Zara"), and the looser keys other romanisations of one Arabic name share ("Khan Sheikhoun", "Khān Shaykhūn")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from corroborate.lang import lexicon

APOSTROPHES = "'’‘`´ʹʻʼʽʾʿ"
WORD_PATTERN = re.compile(rf"[^\W_]+(?:[{APOSTROPHES}][^\W_]+)*")
POSSESSIVE = re.compile(rf"[{APOSTROPHES}]s$")
# Romanised Arabic article, also in its sun-letter forms (ar-Raqqah, as-Suwayda, ez-Zor).
ARABIC_ARTICLES = lexicon("en").words("arabic_articles")
_LETTER_FOLDS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ß": "ss", "æ": "ae", "œ": "oe"})


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """One word as keys compare it: lowercase, no diacritics, no apostrophes."""
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(_LETTER_FOLDS))
    return "".join(char for char in decomposed if not unicodedata.combining(char) and char not in APOSTROPHES)


_ASCII_APOSTROPHES = str.maketrans("", "", "'`")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The lookup key of a name: "al-Zara", "Al Zara" and "Zara" share the key "zara"."""
    if name.isascii():  # most names: no diacritics to fold (the gazetteer's load time is mostly here)
        words = WORD_PATTERN.findall(name.lower().translate(_ASCII_APOSTROPHES))
    else:
        words = [word for word in (fold_word(word) for word in WORD_PATTERN.findall(name)) if word]
    content = [word for index, word in enumerate(words) if word not in ARABIC_ARTICLES or index == len(words) - 1]
    return " ".join(content)


# Letters that English romanisations of one Arabic sound write differently ("Sheikh"/"Shaykh"/"Cheikh").
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "d"), ("ph", "f"), ("dj", "j"))
_LETTER_CLASSES = str.maketrans({"q": "k", "c": "k"})
_SILENT = frozenset("aeiouyw")


@lru_cache(maxsize=200_000)
def skeleton(key: str) -> str:
    """The consonants of a name key as romanisations agree on them: "khan sheikhoun", "khan shaykhun"
    and "khan shaikhoon" share "kn skn"; vowels, w/y, a final -h and doubled letters are dropped."""
    words = []
    for word in key.split():
        word = word.removesuffix("h") if len(word) > 3 and word[-2:-1] in _SILENT else word
        for digraph, letter in _DIGRAPHS:
            word = word.replace(digraph, letter)
        consonants = [letter for letter in word.translate(_LETTER_CLASSES) if letter not in _SILENT]
        kept = [letter for index, letter in enumerate(consonants) if index == 0 or letter != consonants[index - 1]]
        words.append("".join(kept))
    return " ".join(word for word in words if word)


_VOWEL_RUN = re.compile(r"[aeiouyw]+")
_FINE_VOWEL_RUN = re.compile(r"[aeiou]+")
_DOUBLED = re.compile(r"(.)\1+")
# How English and French romanisations write one Arabic vowel: ou/o/u, ei/ai/ay/ey, ee/i, a/e.
_VOWEL_CLASSES = {
    **dict.fromkeys(("u", "o", "ou", "oo", "uu", "uo"), "u"),
    **dict.fromkeys(("ai", "ei", "ae"), "ai"),
    **dict.fromkeys(("i", "ee", "ii", "ie"), "i"),
    **dict.fromkeys(("a", "e", "aa", "ea"), "a"),
}
MIN_VOWEL_KEY_CONSONANTS = 3  # below, vowels must agree by class: "Houla"/"Hula"/"Houleh", not "Mari"/"Mariy"


def _consonant_form(word: str) -> str:
    word = word.removesuffix("h") if len(word) > 3 and word[-2:-1] in _SILENT else word
    for digraph, letter in _DIGRAPHS:
        word = word.replace(digraph, letter)
    return word.translate(_LETTER_CLASSES)


@lru_cache(maxsize=200_000)
def vowel_key(key: str) -> str:
    """A name key as romanisations of one Arabic name agree on it, its vowels' places kept: "qubeir",
    "qubair" and "qubayr" share "kabar"; "taldou", "taldaou" and "talldaww" "talda". Consonants as in
    `skeleton`, each run of vowels (w and y too) as "a", doubled letters single; words joined."""
    words = (_DOUBLED.sub(r"\1", _VOWEL_RUN.sub("a", _consonant_form(word))) for word in key.split())
    return "".join(words)


@lru_cache(maxsize=200_000)
def fine_vowel_key(key: str) -> str:
    """`vowel_key` with each vowel run kept by class (ou/o/u, ei/ai/ay/ey, ee/i, a/e and a final -eh/-ah):
    for short names, whose consonants tell little: "houla", "hula" and "houleh" share "hula"."""
    words = []
    for word in key.split():
        word = _consonant_form(word.replace("ay", "ai").replace("ey", "ai"))
        word = _FINE_VOWEL_RUN.sub(lambda run: _VOWEL_CLASSES.get(run.group(), run.group()), word)
        words.append(_DOUBLED.sub(r"\1", word))
    return "".join(words)


def ascii_form(name: str) -> str:
    """The name in ASCII letters, keeping case and apostrophes ("Dar‘ā" -> "Dar'a"); '' if none are Latin."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_LETTER_FOLDS))
    folded = "".join("'" if char in APOSTROPHES else char for char in decomposed if not unicodedata.combining(char))
    return folded if folded.isascii() else ""


def is_latin_name(name: str) -> bool:
    """A spelling English text may use: Latin letters, no digits, no '|' (the alternate-name separator)."""
    return len(name) > 1 and bool(ascii_form(name)) and not any(char.isdigit() or char == "|" for char in name)
