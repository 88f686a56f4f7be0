"""Numbers as English news writes them: digits ("1,500", "2.5 million"), number words ("twenty-three",
"a dozen"), and casualty counts with their hedges ("at least 60", "dozens", "between 20 and 30").
Casualty, date and reduced-language rules all read figures here.

Hedged and vague numbers keep their hedge (`parse_count`). The reading is
conservative, as ACLED's is: a vague word counts as the smallest number it can mean.

  exact             "115", "five", "a dozen",       low = best = high = N
                    "a couple of" (2)
  lower bound       "at least 60", "more than 100", low = best = N, high None
                    "over 100", "60 or more"        ("more than 100" keeps 100, the figure as written)
  approximate       "about/around/some/roughly 50"  best = N only
  just below        "nearly/almost/close to 100"    best = high = N, low None (the figure as
                                                    written, which the true number does not pass)
  upper bound       "up to 30", "as many as 30",    high = N only: such a figure gives no
                    "fewer than 30"                 central estimate
  range             "between 20 and 30", "20-30",   low = best = 20, high = 30 (best is the
                    "20 to 30", "two or three"      conservative end)
  vague             "dozens" 12, "tens" 10,         low = best = value, high None
                    "scores" 20, "hundreds" 100, "thousands" 1,000, "tens of thousands"
                    10,000, "hundreds of thousands" 100,000, "several" 3, "a number of" 3,
                    "many"/"numerous" 3, "a few" 2; "several dozen" 36, "a few hundred" 200,
                    "many thousands" 1,000.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Collection, Sequence

from corroborate.lang import lexicon
from corroborate.models import CasualtyCount

EN = lexicon("en")

__all__ = ["EASTERN_DIGITS", "is_vague", "parse_count", "parse_number", "read_count", "read_quantity"]

# Arabic-Indic and Persian digits as ASCII ones: `text.translate(EASTERN_DIGITS)` before reading a figure.
EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

_UNITS = EN.mapping("number_units")
_TENS = EN.mapping("number_tens")
_UNITS_AND_TENS = {**_UNITS, **_TENS}
_SCALES = EN.mapping("scales")
_MULTIPLIERS = {**_SCALES, **EN.mapping("dozen_words")}
_VAGUE_PLURALS = EN.mapping("vague_plurals")
_VAGUE_WORDS = EN.mapping("vague_words")
_VAGUE_PHRASES = EN.phrase_mapping("vague_phrases")
_EXACT_PHRASES = EN.phrase_mapping("exact_phrases")

_HEDGES: dict[tuple[str, ...], str] = EN.phrase_mapping("hedges")
_FILLERS = frozenset(EN.phrases("fillers"))
_RANGE_LINKS = EN.words("range_links")
_OR_MORE = frozenset(EN.phrases("or_more"))
_INDEFINITE_ARTICLES = EN.words("indefinite_articles")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
# Words a count can start with (a number's digits aside): most words of a sentence are none, and are let go at once.
_COUNT_OPENERS = frozenset(
    {phrase[0] for table in (_VAGUE_PHRASES, _EXACT_PHRASES, _HEDGES, _FILLERS) for phrase in table}
    | set(_VAGUE_PLURALS)
    | set(_VAGUE_WORDS)
    | set(_UNITS_AND_TENS)
    | _INDEFINITE_ARTICLES
)
_WORD = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+|[-+]")


@dataclass(frozen=True)
class _Quantity:
    value: int
    vague: bool
    end: int


@dataclass(frozen=True)
class _Reading:
    """A count read from a run of words: where its hedge/number starts and ends, and its bounds."""

    start: int
    number_start: int
    end: int
    low: int | None
    best: int | None
    high: int | None
    vague: bool


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2013", "-").replace("\u2014", "-"))


# First words of each phrase table `_match` has seen, by the table's identity (the table is
# kept alongside, so its id cannot be reused): most words start no phrase and are let go at once.
_FIRST_WORDS: dict[int, tuple[Collection[tuple[str, ...]], frozenset[str]]] = {}


def _first_words(phrases: Collection[tuple[str, ...]]) -> frozenset[str]:
    known = _FIRST_WORDS.get(id(phrases))
    if known is None or known[0] is not phrases:
        known = _FIRST_WORDS[id(phrases)] = (phrases, frozenset(phrase[0] for phrase in phrases if phrase))
    return known[1]


def _match(words: Sequence[str], at: int, phrases: Collection[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The longest of `phrases` (three words at most) that starts at `at`."""
    if at >= len(words) or words[at] not in _first_words(phrases):
        return None
    for size in (3, 2, 1):
        candidate = tuple(words[at : at + size])
        if len(candidate) == size and candidate in phrases:
            return candidate
    return None


def read_quantity(words: Sequence[str], at: int) -> _Quantity | None:
    """A number as written from `at`: digits, number words, 'a dozen', or a vague word."""
    if at >= len(words):
        return None
    word = words[at]
    for phrases, vague in ((_VAGUE_PHRASES, True), (_EXACT_PHRASES, False)):
        phrase = _match(words, at, phrases)
        if phrase:
            return _scaled(_Quantity(phrases[phrase], vague, at + len(phrase)), words)
    if word in _VAGUE_PLURALS:
        value, end = _VAGUE_PLURALS[word], at + 1
        if end + 1 < len(words) and words[end] == "of" and words[end + 1] in _VAGUE_PLURALS:
            value, end = value * _VAGUE_PLURALS[words[end + 1]], end + 2
        return _Quantity(value, True, end)
    if word in _VAGUE_WORDS and at + 1 < len(words) and words[at + 1] in _VAGUE_PLURALS:
        return read_quantity(words, at + 1)  # "many thousands"
    if word in _VAGUE_WORDS:
        return _scaled(_Quantity(_VAGUE_WORDS[word], True, at + 1), words)
    if _DIGITS.fullmatch(word):
        number, end = float(word.replace(",", "")), at + 1
        while end < len(words) and words[end] in _MULTIPLIERS:
            number, end = number * _MULTIPLIERS[words[end]], end + 1
        return _Quantity(round(number), False, end)
    return _read_number_words(words, at)


def _scaled(quantity: _Quantity, words: Sequence[str]) -> _Quantity:
    """'several dozen' (36), 'a few hundred' (200): a vague count of a unit."""
    if quantity.end < len(words) and words[quantity.end] in _MULTIPLIERS:
        return _Quantity(quantity.value * _MULTIPLIERS[words[quantity.end]], quantity.vague, quantity.end + 1)
    return quantity


def _read_number_words(words: Sequence[str], at: int) -> _Quantity | None:
    total = current = 0
    end = at
    seen_number = False
    while end < len(words):
        word = words[end]
        following = words[end + 1] if end + 1 < len(words) else ""
        if word in _UNITS_AND_TENS:
            current += _UNITS_AND_TENS[word]
        elif word in _INDEFINITE_ARTICLES and not seen_number and following in _MULTIPLIERS:
            current = 1
        elif word in _MULTIPLIERS and (seen_number or current):
            if word in ("thousand", "million", "billion"):
                total, current = total + max(current, 1) * _MULTIPLIERS[word], 0
            else:
                current = max(current, 1) * _MULTIPLIERS[word]
        elif word == "-" and words[end - 1] in _TENS and following in _UNITS:
            pass
        elif word == "and" and seen_number and words[end - 1] in _SCALES and following in _UNITS_AND_TENS:
            pass
        else:
            break
        seen_number = seen_number or word not in _INDEFINITE_ARTICLES
        end += 1
    if not seen_number:
        return None
    return _Quantity(total + current, False, end)


def read_count(words: Sequence[str], at: int) -> _Reading | None:
    """A hedged count starting at `at` (after optional fillers such as 'another')."""
    if at >= len(words) or not (words[at] in _COUNT_OPENERS or words[at][:1].isdigit()):
        return None
    number_start = at
    hedge = hedge_start = None
    while (first := read_quantity(words, number_start)) is None:
        if hedge is None and (hedge_words := _match(words, number_start, _HEDGES)):
            hedge, hedge_start = _HEDGES[hedge_words], number_start
            number_start += len(hedge_words)
        elif filler := _match(words, number_start, _FILLERS):
            number_start += len(filler)
        else:
            return None
    start = number_start if hedge_start is None else hedge_start
    end = first.end
    second = None
    connector = words[end] if end < len(words) else None
    if (
        connector in _RANGE_LINKS
        and (connector != "and" or hedge == "range")
        and not (connector == "to" and number_start > 0 and words[number_start - 1] == "from")  # "rose from 20 to 30"
    ):
        second = read_quantity(words, end + 1)
        if second is None or second.vague or second.value <= first.value:
            second = None
        else:
            end = second.end
    if suffix := _match(words, end, _OR_MORE):
        hedge, end = "lower", end + len(suffix)
    low, best, high = _bounds(first, second, hedge)
    return _Reading(start, number_start, end, low, best, high, first.vague and second is None)


def _bounds(first: _Quantity, second: _Quantity | None, hedge: str | None) -> tuple[int | None, ...]:
    if second is not None:
        return first.value, first.value, second.value
    value = first.value
    if hedge == "lower" or (first.vague and hedge in (None, "range")):
        return value, value, None
    if hedge == "approximate":
        return None, value, None
    if hedge == "just_below":
        return None, value, value
    if hedge == "upper":
        return None, None, value
    return value, value, value


def _first_reading(text: str) -> _Reading | None:
    words = _words(text)
    return next((r for at in range(len(words)) if (r := read_count(words, at))), None)


def parse_count(text: str) -> CasualtyCount:
    """A figure as written ("at least 60", "dozens", "between 20 and 30"), hedge kept.

    See the module docstring for how each hedge and vague word is read. Text after the
    number ("60 people") is ignored; text with no number gives a count with no values.
    """
    reading = _first_reading(text)
    if reading is None:
        return CasualtyCount(text=text.strip())
    return CasualtyCount(low=reading.low, best=reading.best, high=reading.high, text=text.strip())


def is_vague(count: CasualtyCount) -> bool:
    """'dozens', 'several', 'many': the figure gives an order of magnitude, not a number."""
    reading = _first_reading(count.text or "")
    return reading is not None and reading.vague


def parse_number(text: str) -> int | None:
    """A plain number written in digits or words ("1,500", "twenty-three", "a dozen"); None if vague."""
    words = _words(text)
    quantity = read_quantity(words, 0)
    if quantity is None or quantity.vague or quantity.end != len(words):
        return None
    return quantity.value
