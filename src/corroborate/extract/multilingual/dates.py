"""Day words and written dates in a sentence, resolved as English ones are, and the date an incident is given."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Optional, Sequence

from corroborate.extract.dates import resolve_date
from corroborate.extract.multilingual.lexicon import ReducedLexicon
from corroborate.extract.multilingual.sentences import Sentence
from corroborate.extract.multilingual.words import EASTERN_DIGITS, Word, _longest_at, _longest_keys_first, _phrase, words_of
from corroborate.lang import lexicon as language_lexicon
from corroborate.models import IncidentDate

if TYPE_CHECKING:
    from corroborate.extract.multilingual.reading import SurfaceReading


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
_CLOCK_TIME_PREPOSITIONS = "|".join(language_lexicon(code).alternation("clock_time_prepositions") for code in ("en", "fr"))
_AFTER_DATELINE = re.compile(rf"\s*(?:$|\n|\(|[-–—|]|[,.]?\s*(?:{_CLOCK_TIME_PREPOSITIONS})\s+\d)", re.I)


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
