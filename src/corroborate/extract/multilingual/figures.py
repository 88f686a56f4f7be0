"""Killed and injured figures in a sentence, with their hedge and the groups of the toll's breakdown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from corroborate.extract.multilingual.lexicon import ReducedLexicon
from corroborate.extract.multilingual.sentences import Sentence
from corroborate.extract.multilingual.words import _CLAUSE_END, EASTERN_DIGITS, Word, _longest_at, _matches, _word_key, normalise_arabic
from corroborate.extract.numbers import is_vague, parse_count
from corroborate.models import CasualtyCount

# A figure and the word saying what it counts ("des dizaines d'autres ont été blessées") are this many words apart at most.
CASUALTY_WINDOW = 5
# A breakdown ("dont 5 enfants et 3 femmes") runs to the clause's end, this many words at most.
LONGEST_BREAKDOWN_WORDS = 8
# A word saying the toll rose ("ارتفع", "alourdi") this many words before a figure at most makes it an update.
UPDATE_WINDOW = 12
# A war word ("la guerre", "войны") this many words from a figure makes it the war's toll, not the incident's.
WAR_WINDOW = 6


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


def _before_running_total(sentence: Sentence, readings: list, background: int) -> list:
    """The readings of the clauses before the one that holds the war's totals, when that clause gives its own
    figure: "قتل 8 مدنيين ..., ليرتفع عدد القتلى منذ بدء الحرب إلى 10000", "12 morts, portant à 500 le bilan
    depuis le début": the incident's toll, then the running total. Without a figure of its own the totals
    clause may sum the figures before it ("300 000 morts, depuis 2011"): none is kept."""
    words = sentence.words
    clause = background
    while clause > 0 and not _CLAUSE_END.search(
        sentence.text[words[clause - 1].end - sentence.start : words[clause].start - sentence.start]
    ):
        clause -= 1
    if clause == 0 or not any(start >= clause for start, _, _ in readings):
        return []
    return [reading for reading in readings if reading[1] <= clause]


def figures_in(sentence: Sentence, text: str, lexicon: ReducedLexicon) -> list[Figure]:
    """Killed and injured figures with their hedges; none in a sentence about the war's totals, but those of the
    clauses before a running total (_before_running_total)."""
    words = sentence.words
    if _over_days(words, lexicon):
        return []
    background = next((at for at in range(len(words)) for phrase in lexicon.background if _matches(words, at, phrase)), None)
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
    if background is not None:
        readings = _before_running_total(sentence, readings, background)
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
