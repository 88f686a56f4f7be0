"""Language of an article: Unicode script first, langdetect only for shared scripts.

A script such as Arabic, Hebrew or Hangul settles the language by itself and
costs nothing; langdetect is needed for Latin and Cyrillic text only, and is
seeded so the same text always gets the same answer.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from functools import lru_cache

from langdetect import DetectorFactory, LangDetectException, detect, detector_factory
from langdetect.lang_detect_exception import ErrorCode

from corroborate.loading import collector_paused

DetectorFactory.seed = 0

SAMPLE_CHARS = 2000
"""langdetect time grows with length; the first 2000 characters are plenty."""

MIN_LETTERS = 20
"""Below this many letters no detector is reliable, so the answer is None."""

DOMINANT_SHARE = 0.5

# (first code point, last code point, script name)
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "greek"),
    (0x0400, 0x052F, "cyrillic"),
    (0x0530, 0x058F, "armenian"),
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0x0E00, 0x0E7F, "thai"),
    (0x10A0, 0x10FF, "georgian"),
    (0x1100, 0x11FF, "hangul"),
    (0x3040, 0x30FF, "kana"),
    (0x4E00, 0x9FFF, "han"),
    (0xAC00, 0xD7AF, "hangul"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
)

_LANGUAGE_OF_SCRIPT = {
    "greek": "el",
    "armenian": "hy",
    "hebrew": "he",
    "thai": "th",
    "georgian": "ka",
    "hangul": "ko",
    "han": "zh",
}

# Letters used by Persian or Urdu but not by Arabic: enough of them means the
# Arabic script is not writing Arabic.
_PERSIAN_LETTERS = frozenset("پچژگکی")
_URDU_LETTERS = frozenset("ٹڈڑںھہےۓ")

# Cyrillic letters only Serbian writes ("ђ", "ћ") and only Macedonian writes ("ѓ", "ќ", "ѕ"): langdetect
# takes Serbian Cyrillic for Macedonian, Bulgarian or Russian.
_SERBIAN_LETTERS = frozenset("ђћЂЋ")
_MACEDONIAN_LETTERS = frozenset("ѓќѕЃЌЅ")


def _script(char: str) -> str:
    code = ord(char)
    if code < 0x0370:
        return "latin"
    for first, last, name in _SCRIPT_RANGES:
        if first <= code <= last:
            return name
    return "other"


def _arabic_script_language(letters: list[str]) -> str:
    urdu = sum(char in _URDU_LETTERS for char in letters)
    persian = sum(char in _PERSIAN_LETTERS for char in letters)
    threshold = 0.02 * len(letters)
    if urdu > threshold:
        return "ur"
    if persian > threshold:
        return "fa"
    return "ar"


def _is_serbian_cyrillic(letters: list[str]) -> bool:
    serbian = sum(char in _SERBIAN_LETTERS for char in letters)
    return serbian >= 2 and not any(char in _MACEDONIAN_LETTERS for char in letters)


class _WordProbabilities(Mapping[str, list[float]]):
    """langdetect's table of n-gram -> probability in each language, each row computed when a text first
    reads it, as `DetectorFactory.add_profile` computes it: building all 180,000 rows was most of a start-up's
    language detection, and a text reads a few hundred."""

    def __init__(self, profiles: list[tuple[dict[str, int], list[int]]], size: int):
        self._profiles = profiles
        self._size = size
        self._words: set[str] = set().union(*(frequencies for frequencies, _ in profiles))
        self._rows: dict[str, list[float]] = {}

    def __contains__(self, word: object) -> bool:
        return word in self._words

    def __getitem__(self, word: str) -> list[float]:
        row = self._rows.get(word)
        if row is None:
            if word not in self._words:
                raise KeyError(word)
            row = [0.0] * self._size
            length = len(word)
            if 1 <= length <= 3:
                for index, (frequencies, n_words) in enumerate(self._profiles):
                    count = frequencies.get(word)
                    if count is not None:
                        row[index] = 1.0 * count / n_words[length - 1]
            self._rows[word] = row
        return row

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)


@lru_cache(maxsize=1)
def _load_profiles() -> None:
    """langdetect's 55 language profiles, read on the first text that needs them, in langdetect's order
    (`DetectorFactory.load_profile`), with their probability rows computed on first use."""
    directory = detector_factory.PROFILES_DIRECTORY
    names = os.listdir(directory)
    languages: list[str] = []
    profiles: list[tuple[dict[str, int], list[int]]] = []
    with collector_paused():
        for name in names:
            path = os.path.join(directory, name)
            if name.startswith(".") or not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8") as handle:
                profile = json.load(handle)
            if profile["name"] in languages:
                raise LangDetectException(ErrorCode.DuplicateLangError, "Duplicate the same language profile.")
            languages.append(profile["name"])
            profiles.append((profile["freq"], profile["n_words"]))
        factory = DetectorFactory()
        factory.langlist = languages
        factory.word_lang_prob_map = _WordProbabilities(profiles, len(names))
        detector_factory._factory = factory


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short to tell."""
    letters = [char for char in text[:SAMPLE_CHARS] if char.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    counts: dict[str, int] = {}
    for char in letters:
        script = _script(char)
        counts[script] = counts.get(script, 0) + 1
    if counts.get("kana", 0) > 0.1 * len(letters):
        return "ja"
    script, count = max(counts.items(), key=lambda item: item[1])
    if count / len(letters) >= DOMINANT_SHARE:
        if script == "arabic":
            return _arabic_script_language([char for char in letters if _script(char) == "arabic"])
        if script == "cyrillic" and _is_serbian_cyrillic(letters):
            return "sr"
        if script in _LANGUAGE_OF_SCRIPT:
            return _LANGUAGE_OF_SCRIPT[script]
    _load_profiles()
    try:
        code = detect(text[:SAMPLE_CHARS])
    except LangDetectException:
        return None
    return code.split("-")[0]
