"""When was a page published? One cascade over everything the page offers.

Most saved pages state their date only on a short line near the top ("May 28th, 2012",
"Last Modified: 16 Jan 2013 03:36", "الأربعاء، 16 يناير 2013", "۲۷ دی ۱۳۹۱ - ۱۹:۰۷") or in
their URL ("/2012/05/28/"). The order, first that gives a full date wins:

1. input: given by the caller, a metadata line or a CSV column;
2. metadata: an HTML page's own metadata (trafilatura, which uses htmldate);
3. date line: a short line near the top that is a date and little else, in any language
   dateparser knows, Hijri and Solar Hijri (Jalali) dates converted;
4. url: an unambiguous date in the URL's path or query.

Lines with a page stamp (archive or retrieval time, a "today is" widget, a copyright or
comment line; the class page_stamps of lang/<code>/dates.toml) are never read.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Optional
from urllib.parse import parse_qsl, unquote, urlsplit

from corroborate.extract.numbers import EASTERN_DIGITS
from corroborate.lang import languages, lexicon

EN = lexicon("en")

__all__ = [
    "PUBLISHED_FROM",
    "date_from_line",
    "date_from_url",
    "page_stamp",
]

PUBLISHED_FROM = ("input", "metadata", "date line", "url", "text")
"""The values of Article.published_from, strongest first."""

DATE_LINE_MAX_WORDS = 10
"""A date line is short: the date, a label, a time, a weekday."""

EARLIEST_PUBLICATION = dt.date(1990, 1, 1)

_WORD = re.compile(r"\S+")
_DIGIT_GROUPS = re.compile(r"\d+")
# "Last Modified:", "تاريخ النشر:", "Опубликовано:": a label without digits before a colon.
_LABEL = re.compile(r"^[^\d:]{1,40}:\s*")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[AaPp]\.?[Mm]\.?|ص|م))?")
_SEPARATORS = re.compile(r"[|/·•–—،,]+|\s-\s")
_NON_GREGORIAN_YEAR = re.compile(r"(?<!\d)1[34]\d\d(?!\d)")

_ENGLISH_MONTHS = EN.mapping("month_numbers")
_URL_MONTH = EN.alternation("month_numbers")
_YEAR = r"(?P<y>(?:19|20)\d\d)"
# Whole path segments only, so ids such as "20120527_1" or "/1197002" are never read as dates.
_URL_PATTERNS = (
    re.compile(rf"/{_YEAR}/(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])(?=/|$|\.html?$)"),
    re.compile(rf"/{_YEAR}/(?P<m>{_URL_MONTH})-(?P<d>0?[1-9]|[12]\d|3[01])(?=/|$)", re.I),
    re.compile(rf"(?:^|/){_YEAR}-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?=/|$|[-_.])"),
)
_QUERY_DATE_KEYS = frozenset({"date", "d", "published", "pubdate", "publish_date", "day"})
_QUERY_DATE = re.compile(rf"{_YEAR}-?(?P<m>0[1-9]|1[0-2])-?(?P<d>0[1-9]|[12]\d|3[01])")


@lru_cache(maxsize=1)
def _stamp_phrases() -> tuple[str, ...]:
    """Every language's page stamps: a line in another language than the story's may carry one."""
    return tuple(
        phrase.lower() for code in languages() if "page_stamps" in (words := lexicon(code)) for phrase in words.sequence("page_stamps")
    )


def page_stamp(line: str) -> bool:
    """A line whose date is the page's or a reader's, not the story's."""
    lowered = line.lower()
    return any(phrase in lowered for phrase in _stamp_phrases())


def _plausible(day: Optional[dt.date], today: Optional[dt.date] = None) -> Optional[dt.date]:
    limit = (today or dt.date.today()) + dt.timedelta(days=1)
    return day if day is not None and EARLIEST_PUBLICATION <= day <= limit else None


def _valid(year: int, month: int, day: int) -> Optional[dt.date]:
    try:
        return _plausible(dt.date(year, month, day))
    except ValueError:
        return None


def date_from_url(url: Optional[str]) -> Optional[dt.date]:
    """A full date in the URL's path ("/2012/05/28/", "/2013/Jan-16/", "/2012-05-29-slug") or query (?date=)."""
    if not url:
        return None
    parts = urlsplit(url)
    path = unquote(parts.path)
    for pattern in _URL_PATTERNS:
        match = pattern.search(path)
        if match:
            month = match["m"]
            number = int(month) if month.isdigit() else _ENGLISH_MONTHS[month.lower()]
            found = _valid(int(match["y"]), number, int(match["d"]))
            if found:
                return found
    for key, value in parse_qsl(parts.query):
        if key.lower() in _QUERY_DATE_KEYS and (match := _QUERY_DATE.fullmatch(value.strip())):
            found = _valid(int(match["y"]), int(match["m"]), int(match["d"]))
            if found:
                return found
    return None


def date_from_line(line: str, language: Optional[str] = None) -> Optional[dt.date]:
    """The date of a date line: a short line that is a full date and little else, not a page stamp."""
    collapsed = " ".join(line.split())
    if not collapsed or len(_WORD.findall(collapsed)) > DATE_LINE_MAX_WORDS or page_stamp(collapsed):
        return None
    text = collapsed.translate(EASTERN_DIGITS)
    if len(_DIGIT_GROUPS.findall(text)) < 2:  # a day and a year at least
        return None
    text = _TIME.sub(" ", _LABEL.sub("", text))
    text = " ".join(_SEPARATORS.sub(" ", text).split())
    if not text:
        return None
    if _NON_GREGORIAN_YEAR.search(text):
        return _non_gregorian(text)
    for candidate in _without_label_words(text):
        if found := _plausible(_dateparser_date(candidate, language)):
            return found
    # a line in another language than the story's (a Russian date line above a translated story)
    return _plausible(_dateparser_date(text, "*")) if language not in (None, "*") else None


LABEL_WORDS = 3
"""Words without digits a date line may have around its date ("Publié le", "| Reuters"), taken off one by one."""


def _without_label_words(text: str) -> list[str]:
    """The line, then without up to LABEL_WORDS leading and trailing words that hold no digit."""
    words = text.split()
    lead = 0
    while lead < min(LABEL_WORDS, len(words)) and not any(c.isdigit() for c in words[lead]):
        lead += 1
    tail = len(words)
    while tail > lead and len(words) - tail < LABEL_WORDS and not any(c.isdigit() for c in words[tail - 1]):
        tail -= 1
    candidates = [text]
    candidates += [" ".join(words[start:]) for start in range(1, lead + 1)]
    candidates += [" ".join(words[lead:end]) for end in range(len(words) - 1, tail - 1, -1)]
    return candidates


def _non_gregorian(text: str) -> Optional[dt.date]:
    """Hijri ("5 رجب 1433") or Solar Hijri ("۲۶ دی ۱۳۹۱") dates; their month names do not overlap."""
    try:
        from dateparser.calendars.hijri import HijriCalendar
        from dateparser.calendars.jalali import JalaliCalendar
    except ImportError:  # the calendars extra (hijridate, convertdate) is not installed
        return None
    for calendar in (JalaliCalendar, HijriCalendar):
        try:
            data = calendar(text).get_date()
        except (ValueError, TypeError, KeyError, IndexError, OverflowError):
            continue
        found = _plausible(data.date_obj.date()) if data and data.date_obj else None
        if found:
            return found
    return None


@lru_cache(maxsize=64)
def _parser(language: Optional[str]):
    from dateparser.date import DateDataParser  # slow to import: only when a line may be a date

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
    if language == "*":  # any language dateparser knows, detected from the line
        return DateDataParser(settings=settings)
    languages = [language] if language and language != "en" else []
    try:
        return DateDataParser(languages=[*languages, "en"], settings=settings)
    except ValueError:  # a language dateparser does not know
        return _parser(None)


@lru_cache(maxsize=2048)
def _dateparser_date(text: str, language: Optional[str]) -> Optional[dt.date]:
    data = _parser(language).get_date_data(text)
    return data.date_obj.date() if data and data.date_obj else None
