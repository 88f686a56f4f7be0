"""When did it happen? Date expressions in news text, resolved against the publication date.

News writes incident dates relative to the day the story ran ("on Tuesday", "yesterday",
"last week"), so almost every expression needs the publication date to become a calendar
date. The rules for the common news forms are explicit below; dateparser is only a fallback
for rarer spellings, called on short strings and cached, because it is slow.

A year is never guessed: without a publication date and without a year in the text, the
date keeps the month/day it knows and leaves start/end empty.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Span, Token

from corroborate.extract.events import doc_text
from corroborate.extract.numbers import EASTERN_DIGITS, parse_number
from corroborate.lang import languages, lexicon
from corroborate.models import IncidentDate, Precision

EN = lexicon("en")

__all__ = [
    "anniversary_date",
    "anniversary_years",
    "choose_incident_date",
    "date_of_publication",
    "find_date_mentions",
    "incident_date_strength",
    "is_dateline",
    "is_relative_day",
    "publication_date_from_text",
    "resolve_date",
]

# --------------------------------------------------------------------------- vocabulary

MONTH_NUMBERS: dict[str, int] = EN.mapping("month_numbers")
_WEEKDAY_NUMBERS: dict[str, int] = EN.mapping("weekday_numbers")

# Regular expressions are built from word classes (Lexicon.alternation): the grammar of a date is written here,
# its words in lang/en/dates.toml.
_MONTH = EN.alternation("month_numbers")
_WEEKDAY = EN.alternation("weekday_numbers")
_FULL_WEEKDAY = EN.alternation("weekday_names")
_ORDINAL = EN.alternation("ordinal_suffixes")
_OF = EN.alternation("date_links")
_THE = EN.alternation("definite_articles")
_DAY = rf"(?P<day>\d{{1,2}}){_ORDINAL}?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_WEEKDAY_PREFIX = rf"(?:{_WEEKDAY}\.?,?\s+)?"
# "Mondays attack": a weekday's possessive in text that lost its apostrophes (abbreviations excluded: "Suns").
_WEEKDAY_POSSESSIVE = re.compile(rf"\b({_FULL_WEEKDAY})s\b", re.I)

# Dates that carry day, month and year, in the spellings found in news datelines.
_FULL_DATE_PATTERNS = [
    re.compile(rf"\b{_WEEKDAY_PREFIX}{_DAY}\s+(?:{_OF}\s+)?(?P<month>{_MONTH})\.?,?\s+{_YEAR}", re.I),
    re.compile(rf"\b{_WEEKDAY_PREFIX}(?P<month>{_MONTH})\.?\s+{_DAY},?\s+{_YEAR}", re.I),
    # "Jul 012016": the comma and space between day and year were stripped.
    re.compile(rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{2}}){_YEAR}", re.I),
    re.compile(rf"\b{_YEAR}-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})[.-](?P<month>\d{{1,2}})[.-]{_YEAR}"),
    _SLASH_DATE := re.compile(rf"\b(?P<month>\d{{1,2}})/(?P<day>\d{{1,2}})/{_YEAR}"),
]
_MONTH_DAY_PATTERNS = [
    re.compile(rf"{_WEEKDAY_PREFIX}(?:{_THE}\s+)?{_DAY}\s+(?:{_OF}\s+)?(?P<month>{_MONTH})\.?"),
    re.compile(rf"{_WEEKDAY_PREFIX}(?P<month>{_MONTH})\.?\s+(?:{_THE}\s+)?{_DAY}"),
]
_MONTH_YEAR = re.compile(rf"(?P<month>{_MONTH})\.?,?\s+(?:{_OF}\s+)?{_YEAR}")
_YEAR_ONLY = re.compile(_YEAR)
_DECADE = re.compile(rf"(?:{_THE}\s+)?(?P<decade>(?:19|20)\d0)'?s")
_RELATIVE_WHICH = EN.mapping("relative_which")
_PERIOD_WHICH = EN.mapping("period_which")
_MONTH_ONLY = re.compile(rf"(?P<which>{EN.alternation('relative_which')})?\s*(?P<month>{_MONTH})\.?")
_WEEKDAY_ONLY = re.compile(rf"(?P<which>{EN.alternation('relative_which')})?\s*(?P<weekday>{_WEEKDAY})\.?")
_AGO_UNITS = EN.mapping("ago_units")
_ONE_WORDS = EN.words("one_words")
_AGO = re.compile(rf"(?P<count>[\w-]+(?:\s+[\w-]+)?)\s+(?P<unit>{EN.alternation('ago_units')})s?\s+{EN.alternation('past_markers')}")
_PERIOD_UNITS = EN.mapping("period_units")
_BARE_PERIODS = EN.mapping("bare_periods")
_PERIOD = re.compile(rf"(?P<which>{EN.alternation('period_which')})\s+(?P<unit>{EN.alternation('period_units')})")

_DAYS_BEFORE_PUBLICATION = EN.mapping("days_before_publication")

# Words stripped before matching: prepositions, vagueness within the unit, time of day.
_LEADING_WORDS = re.compile(rf"^(?:(?:{EN.alternation('date_leading_words')}|{_THE}\s+(?={EN.alternation('period_parts')}))\b[\s-]*)+")
_TIME_OF_DAY = re.compile(rf"(?:\s+|^)(?:{EN.alternation('time_of_day_links')}\s+)?{EN.alternation('times_of_day')}$")

# Datelines sit in a story's opening characters (after a headline in some outlets).
_DATELINE_WINDOW = 250
_LONGEST_FULL_DATE = len("Wednesday, 28th of September, 2016")

# A month/day without a year may fall this far after publication ("on June 18" in a story of
# June 13, about a coming event or a late edition); further ahead, it is last year's.
_FUTURE_TOLERANCE = dt.timedelta(days=7)

# --------------------------------------------------------------------------- resolve


def resolve_date(text: str, published: dt.date | None) -> IncidentDate:
    """The calendar date (or range) an expression names, as read on the publication day."""
    cleaned = _normalise(text)
    original = text.strip()
    for rule in _RULES:
        resolved = rule(cleaned, published)
        if resolved is not None:
            return resolved.model_copy(update={"text": original})
    return _from_dateparser(cleaned, published).model_copy(update={"text": original})


def _normalise(text: str) -> str:
    cleaned = text.lower().replace("\u2019", "'").replace("(", " ").replace(")", " ")
    cleaned = _WEEKDAY_POSSESSIVE.sub(r"\1", re.sub(r"'s\b", "", cleaned))
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" ,.;:")
    if cleaned not in _DAYS_BEFORE_PUBLICATION:
        cleaned = _TIME_OF_DAY.sub("", cleaned).strip() or cleaned
    return _LEADING_WORDS.sub("", cleaned).strip() or cleaned


def _day(day: dt.date) -> IncidentDate:
    return IncidentDate(start=day, end=day, precision=Precision.day)


def _month(year: int, month: int) -> IncidentDate:
    last = calendar.monthrange(year, month)[1]
    return IncidentDate(start=dt.date(year, month, 1), end=dt.date(year, month, last), precision=Precision.month)


def _year(year: int) -> IncidentDate:
    return IncidentDate(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), precision=Precision.year)


def _week_of(day: dt.date) -> IncidentDate:
    monday = day - dt.timedelta(days=day.weekday())
    return IncidentDate(start=monday, end=monday + dt.timedelta(days=6), precision=Precision.week)


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_number(word: str) -> int:
    return MONTH_NUMBERS[word.lower().rstrip(".")] if not word.isdigit() else int(word)


def _full_date(text: str, published: dt.date | None) -> IncidentDate | None:
    for pattern in _FULL_DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            day = _valid_date(int(match["year"]), _month_number(match["month"]), int(match["day"]))
            return _day(day) if day else IncidentDate()
    return None


def _month_day(text: str, published: dt.date | None) -> IncidentDate | None:
    for pattern in _MONTH_DAY_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            month, day = _month_number(match["month"]), int(match["day"])
            if _valid_date(2000, month, day) is None:  # 2000 is a leap year: accepts 29 February
                return IncidentDate()
            if published is None:
                return IncidentDate(precision=Precision.day, month=month, day=day)
            for year in range(published.year, published.year - 5, -1):  # 29 February: back to a leap year
                candidate = _valid_date(year, month, day)
                if candidate and candidate <= published + _FUTURE_TOLERANCE:
                    return _day(candidate)
    return None


def _month_year(text: str, published: dt.date | None) -> IncidentDate | None:
    match = _MONTH_YEAR.fullmatch(text)
    return _month(int(match["year"]), _month_number(match["month"])) if match else None


def _year_or_decade(text: str, published: dt.date | None) -> IncidentDate | None:
    if _YEAR_ONLY.fullmatch(text):
        return _year(int(text))
    decade = _DECADE.fullmatch(text)
    if decade:
        first = int(decade["decade"])
        return IncidentDate(start=dt.date(first, 1, 1), end=dt.date(first + 9, 12, 31), precision=Precision.year)
    return None


def _month_alone(text: str, published: dt.date | None) -> IncidentDate | None:
    match = _MONTH_ONLY.fullmatch(text)
    if not match:
        return None
    month = _month_number(match["month"])
    if published is None:
        return IncidentDate(precision=Precision.month, month=month)
    if _RELATIVE_WHICH.get(match["which"]) == "current":
        return _month(published.year, month)
    strictly_before = _RELATIVE_WHICH.get(match["which"]) == "previous"
    same_year = month < published.month or (month == published.month and not strictly_before)
    return _month(published.year if same_year else published.year - 1, month)


def _weekday(text: str, published: dt.date | None) -> IncidentDate | None:
    match = _WEEKDAY_ONLY.fullmatch(text)
    if not match:
        return None
    if published is None:
        return IncidentDate(weekday=_WEEKDAY_NUMBERS[match["weekday"]])  # kept, so undated reports can be compared
    days_back = (published.weekday() - _WEEKDAY_NUMBERS[match["weekday"]]) % 7
    if days_back == 0 and _RELATIVE_WHICH.get(match["which"]) == "previous":
        days_back = 7
    return _day(published - dt.timedelta(days=days_back))


def is_relative_day(text: str) -> bool:
    """'yesterday', 'today', 'last night': a day counted from the publication day, kept as written when that is unknown."""
    return _normalise(text) in _DAYS_BEFORE_PUBLICATION


def _relative_day(text: str, published: dt.date | None) -> IncidentDate | None:
    if text not in _DAYS_BEFORE_PUBLICATION:
        return None
    if published is None:
        return IncidentDate()
    return _day(published - dt.timedelta(days=_DAYS_BEFORE_PUBLICATION[text]))


def _ago(text: str, published: dt.date | None) -> IncidentDate | None:
    match = _AGO.fullmatch(text)
    if not match:
        return None
    count = 1 if match["count"] in _ONE_WORDS else parse_number(match["count"])
    if published is None or count is None:
        return IncidentDate()
    unit = _AGO_UNITS[match["unit"]]
    if unit == "day":
        return _day(published - dt.timedelta(days=count))
    if unit == "week":
        return _week_of(published - dt.timedelta(weeks=count))
    if unit == "month":
        months = published.year * 12 + published.month - 1 - count
        return _month(months // 12, months % 12 + 1)
    return _year(published.year - count)


def _period(text: str, published: dt.date | None) -> IncidentDate | None:
    text = _BARE_PERIODS.get(text, text)
    match = _PERIOD.fullmatch(text)
    if not match:
        return None
    if published is None:
        return IncidentDate()
    previous = _PERIOD_WHICH[match["which"]] == "previous"
    unit = _PERIOD_UNITS[match["unit"]]
    if unit == "week":
        return _week_of(published - dt.timedelta(weeks=1) if previous else published)
    if unit == "weekend":
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if previous and published.weekday() >= 5:
            saturday -= dt.timedelta(weeks=1)
        return IncidentDate(start=saturday, end=saturday + dt.timedelta(days=1), precision=Precision.week)
    if unit == "month":
        if not previous:
            return _month(published.year, published.month)
        if published.month == 1:
            return _month(published.year - 1, 12)
        return _month(published.year, published.month - 1)
    return _year(published.year - 1 if previous else published.year)


_RULES = [
    _full_date,
    _month_day,
    _month_year,
    _year_or_decade,
    _month_alone,
    _weekday,
    _relative_day,
    _ago,
    _period,
]

_YEAR_IN_TEXT = re.compile(r"\b(?:19|20)\d{2}\b")
_WORTH_PARSING = re.compile(rf"\d|\b{_MONTH}\b|\b{EN.alternation('dateparser_cues')}\b")
_DATEPARSER_SETTINGS = {
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_PRECISION_OF_PERIOD = {
    "day": Precision.day,
    "week": Precision.week,
    "month": Precision.month,
    "year": Precision.year,
}


def _from_dateparser(text: str, published: dt.date | None) -> IncidentDate:
    """Spellings the rules above do not know ("the 5th of April", "a fortnight ago")."""
    if len(text) > 40 or not _WORTH_PARSING.search(text):
        return IncidentDate()
    if published is None and not _YEAR_IN_TEXT.search(text):
        return IncidentDate()  # dateparser would count from today
    parsed = _dateparser_lookup(text, published)
    if parsed is None:
        return IncidentDate()
    day, period = parsed
    precision = _PRECISION_OF_PERIOD.get(period, Precision.day)
    if precision is Precision.year:
        return _year(day.year)
    if precision is Precision.month:
        return _month(day.year, day.month)
    if precision is Precision.week:
        return _week_of(day)
    return _day(day)


@lru_cache(maxsize=4096)
def _dateparser_lookup(text: str, published: dt.date | None) -> tuple[dt.date, str] | None:
    """dateparser; strict (day, month and year required) when there is no publication date."""
    from dateparser.date import DateDataParser  # slow to import: only for what the patterns miss

    settings = dict(_DATEPARSER_SETTINGS)
    if published is None:
        settings["STRICT_PARSING"] = True
    else:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if published is not None and day > published + _FUTURE_TOLERANCE:
        return None
    return day, data.period or "day"


# --------------------------------------------------------------------------- publication date


# Prose introduces the dates of events ("On August 21 2013 the regime fired ..."); a date line
# stands alone or after a label ("Published on April 2 2017").
_PROSE_BEFORE_DATE = re.compile(rf"\b{EN.alternation('prose_before_date')}\s+$", re.I)
_PUBLICATION_LABEL = re.compile(rf"\b{EN.alternation('publication_labels')}\s+(?:{EN.alternation('publication_label_links')}\s+)?$", re.I)


OPENING_LINES = 3
"""Lines of a story's opening read as possible date lines in any language (ingest.pubdate.date_from_line)."""


def publication_date_from_text(text: str, language: Optional[str] = None) -> dt.date | None:
    """The first complete date in the opening of a story that prose does not introduce: its dateline or
    date line; else a date line among its first lines in any language dateparser knows."""
    found = _english_dateline(text, month_first=language in (None, "en"))
    if found is None:
        from corroborate.ingest.pubdate import date_from_line

        lines = [line for line in text[:_DATELINE_WINDOW].split("\n") if line.strip()][:OPENING_LINES]
        found = next((day for line in lines if (day := date_from_line(line, language))), None)
    return found


def _english_dateline(text: str, month_first: bool = True) -> dt.date | None:
    """`month_first`: "03/12/2024" is 12 March (American); a story in another language writes the day first."""
    window = text[:_DATELINE_WINDOW]
    found: list[tuple[int, dt.date]] = []
    for pattern in _FULL_DATE_PATTERNS:
        for match in pattern.finditer(window):
            before = window[: match.start()]
            if _PROSE_BEFORE_DATE.search(before) and not _PUBLICATION_LABEL.search(before):
                continue
            day_first = pattern is _SLASH_DATE and not month_first
            month, day_of_month = (match["day"], match["month"]) if day_first else (match["month"], match["day"])
            day = _valid_date(int(match["year"]), _month_number(month), int(day_of_month))
            if day:
                found.append((match.start(), day))
    return min(found)[1] if found else None


# --------------------------------------------------------------------------- mentions

_CAP_MONTH = EN.alternation("month_numbers", capitalised=True)
_CAP_FULL_MONTH = EN.alternation("month_names", capitalised=True)
_MONTH_IN = (
    f"(?:{EN.alternation('month_in_prepositions')}|{EN.alternation('month_in_prepositions', capitalised=True)})"  # "in March", "In March"
)
_ORDINAL_DAY = rf"\d{{1,2}}{_ORDINAL}?"
_MENTION_PATTERNS = [
    # "Wed 05 Apr 2017", "12 May", "May 12th, 2016", "Tuesday, June 11"
    re.compile(
        rf"\b(?:(?i:{_WEEKDAY})\.?,?\s+)?"
        rf"(?:{_ORDINAL_DAY}\s+(?:{_OF}\s+)?{_CAP_MONTH}\b\.?|{_CAP_MONTH}\b\.?\s+{_ORDINAL_DAY}\b)"
        rf"(?:,?\s+(?:19|20)\d{{2}}\b)?"
    ),
    re.compile(rf"\b{_CAP_MONTH}\.?\s+\d{{2}}(?:19|20)\d{{2}}\b"),
    re.compile(r"\b(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}|(?:19|20)\d{2}-\d{1,2}-\d{1,2})\b"),
    re.compile(rf"\b{_CAP_FULL_MONTH},?\s+(?:19|20)\d{{2}}\b"),
    re.compile(rf"(?<=\b{_MONTH_IN}\s){_CAP_FULL_MONTH}\b"),
    re.compile(rf"(?i:\b(?:{EN.alternation('weekday_modifiers')}\s+)?{_FULL_WEEKDAY}s?\b(?:\s+{EN.alternation('parts_of_day')})?)"),
    re.compile(rf"(?i:\b{EN.alternation('relative_date_mentions')}\b)"),
]

# A mention must contain one of these to say *when*; durations and ages do not.
_THIS_OR_LAST = EN.alternation("this_or_last")
_DURATION_UNITS = EN.alternation("duration_units")
_TIME_ANCHOR = re.compile(
    rf"(?i:\b{_WEEKDAY}\b|{_WEEKDAY_POSSESSIVE.pattern}|\b{_MONTH}\b|\b(?:19|20)\d{{2}}s?\b|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}"
    rf"|\b{EN.alternation('time_anchor_words')}\b"
    rf"|\b{_THIS_OR_LAST}\s+{EN.alternation('anchored_periods')}\b|\b{EN.alternation('time_anchor_phrases')}\b)"
)
_FUTURE = re.compile(rf"(?i:\b{EN.alternation('future_words')}\b)")
_DURATION = re.compile(
    rf"(?i:^(?:{_THE}\s+)?{EN.alternation('duration_openers')}\s+(?:[\w-]+\s+)?{_DURATION_UNITS}s$"
    rf"|^{_THE}\s+{EN.alternation('past_period_words')}\s+{EN.alternation('long_duration_units')}$"
    rf"|^(?:{EN.alternation('approximators')}\s+)?(?!{_THIS_OR_LAST}\b)[\w-]+\s+"
    rf"{_DURATION_UNITS}s?(?:\s+{EN.alternation('duration_tails')})?$)"
)
_AGE_UNITS, _AGE_WORDS = EN.alternation("age_units"), EN.alternation("age_words")
_AGE_AFTER = re.compile(rf"^\s*-?\s*(?:{_AGE_UNITS}s?\s*-?\s*)?{_AGE_WORDS}\b", re.I)
_HYPHENATED_AGE = re.compile(rf"{_AGE_UNITS}-{_AGE_WORDS}", re.I)  # "a 10-year-old"
_DURATION_BEFORE = EN.words("duration_before")


def find_date_mentions(span_or_doc: Span | Doc, ents: Optional[list[Span]] = None) -> list[Span]:
    """Expressions in a sentence (or Doc) that can say when an event happened.

    spaCy DATE entities (and TIME entities such as "Tuesday night") plus patterns NER
    misses (weekdays, "yesterday", "overnight", "May 12", dateline dates); durations
    ("for two weeks", "the past two years"), ages ("a 10-year-old") and future dates
    are left out. Prepositions such as "on" stay outside the span.

    `ents`, the span's entities if the caller has them: `Span.ents` walks all of the doc's.
    """
    span = span_or_doc[:] if isinstance(span_or_doc, Doc) else span_or_doc
    doc = span.doc
    ranges: list[tuple[int, int]] = [
        (ent.start_char, ent.end_char) for ent in (span.ents if ents is None else ents) if ent.label_ in ("DATE", "TIME")
    ]
    text = doc_text(doc)[span.start_char : span.end_char]  # `span.text` joins the tokens anew at every read
    for pattern in _MENTION_PATTERNS:
        for match in pattern.finditer(text):
            ranges.append((span.start_char + match.start(), span.start_char + match.end()))
    mentions: list[Span] = []
    for start, end in _merge_overlapping(ranges):
        mention = doc.char_span(start, end, alignment_mode="expand")
        if mention is not None and (mention := _without_trailing_words(mention)) and _names_a_time(mention):
            mentions.append(mention)
    return mentions


_DATE_WORDS = EN.words("date_words")


def _without_trailing_words(mention: Span) -> Span:
    """NER sometimes runs on past the date: '7 October 2016 Shelling', 'Thursday 23', '19 September.'."""
    doc, end = mention.doc, mention.end
    while end - mention.start > 1 and not _is_date_token(doc[end - 1]):
        end -= 1
    return doc[mention.start : end]


def _is_date_token(token: Token) -> bool:
    text = token.lower_.rstrip(".")
    if text in _DATE_WORDS or _YEAR_IN_TEXT.fullmatch(text) or _DECADE.fullmatch(text) or _WEEKDAY_POSSESSIVE.fullmatch(text):
        return True
    if any(pattern.fullmatch(token.text) for pattern in _FULL_DATE_PATTERNS):
        return True  # "26.11.2014"
    previous = token.doc[token.i - 1].lower_.rstrip(".") if token.i > 0 else ""
    return bool(re.fullmatch(rf"\d{{1,2}}{_ORDINAL}?|\d{{6}}", text)) and previous in MONTH_NUMBERS


def _merge_overlapping(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _names_a_time(mention: Span) -> bool:
    text = mention.text
    if not _TIME_ANCHOR.search(text) or _FUTURE.search(text) or _DURATION.search(text):
        return False
    if _HYPHENATED_AGE.search(text) or _AGE_AFTER.match(mention.doc[mention.end : mention.end + 4].text):
        return False
    before = mention.doc[mention.start - 1].lower_ if mention.start > 0 else ""
    return before not in _DURATION_BEFORE


# --------------------------------------------------------------------------- clues

_VIOLENCE_LEMMAS = EN.words("violence_words")
_PERIOD_BOUNDARY_WORDS = EN.words("period_boundary_words")
_WAR_NOUNS = EN.words("war_nouns")
_WAR_ONSET_NOUNS = EN.words("war_onset_nouns")
_ONSET_LEMMAS = EN.words("onset_lemmas")
# Grammar codes (dependency labels, POS tags, entity labels), not words of a language: they stay with the rules.
# A date reached through a subject or object belongs to that noun phrase, not to the verb.
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
_REPORTING_LEMMAS = EN.words("speaking_day_verbs")
_DATELINE_LEAD = re.compile(rf"^\W*(?:{EN.alternation('dateline_labels')}(?:\s+{EN.alternation('dateline_label_links')})?\W*)?$", re.I)
# "DAMASCUS, Syria (AP) — " before the date.
_DATELINE_PLACE = re.compile(r"^\W*[A-Z][A-Z .'-]+,(?:\s*[A-Z][a-z]+,?)?\s*(?:\([A-Za-z .]+\)\s*)?(?:[-\u2013\u2014]+\s*)?$")
_DATELINE_TAIL = re.compile(r"^\s*(?:\([A-Za-z .]+\))?\s*[-\u2013\u2014]")


def is_dateline(mention: Span) -> bool:
    """The story's own date ("DAMASCUS, March 3 (Reuters) -", "Wed 05 Apr 2017 ..."), not the event's."""
    if mention.start_char >= _DATELINE_WINDOW:
        return False
    doc = mention.doc
    lead, tail = doc[: mention.start].text, doc[mention.end : mention.end + 6].text
    if _DATELINE_LEAD.match(lead) or _DATELINE_PLACE.match(lead) or _DATELINE_TAIL.match(tail):
        return True
    # A full day-month-year date in the opening lines that prose does not introduce
    # ("... AFP Sunday 26 Jul 2015 ...") is the publication date; prose says "on 12 May 2016".
    # A sentence break inside the date ("AFP Sunday 26 | Jul 2015") leaves only its start here.
    before = doc[mention.start - 1] if mention.start > 0 else None
    introduced = before is not None and before.pos_ in ("ADP", "CCONJ", "SCONJ", "VERB", "AUX", "DET")
    # doc.text[mention.start_char:][:_LONGEST_FULL_DATE], from as many tokens as characters
    # (each has one at least) rather than the whole text
    onward = doc[mention.start : mention.start + _LONGEST_FULL_DATE].text_with_ws[:_LONGEST_FULL_DATE]
    text = mention.text
    return not introduced and any(pattern.search(text) or pattern.match(onward) for pattern in _FULL_DATE_PATTERNS)


def incident_date_strength(mention: Span) -> int:
    """How strongly a mention reads as the date of the violence its sentence reports.

    0: it is not an incident date (a dateline, the edge of a period: "since 2011", or the
    start of the war itself: "the conflict that began in March 2011", "the 2011 uprising");
    1: a date in a sentence without violence, or the day a source spoke ("the monitor said
    on Friday"); 2: in a sentence that reports violence; 3: attached to the violent word
    itself ("killed ... on Tuesday", "Tuesday's attack").
    """
    doc = mention.doc
    if is_dateline(mention) or (mention.start > 0 and doc[mention.start - 1].lower_ in _PERIOD_BOUNDARY_WORDS):
        return 0
    token, in_argument = mention.root, False
    while token.head != token:
        in_argument = in_argument or token.dep_ in _ARGUMENT_DEPS
        token = token.head
        if _is_violent(token):
            return 3
        if token.lemma_.lower() in _WAR_NOUNS:
            return 0
        if token.pos_ in ("VERB", "AUX"):
            if _opens_the_war(token) or any(child.dep_ == "mark" and child.lower_ in _PERIOD_BOUNDARY_WORDS for child in token.children):
                return 0
            # "said on Friday"; not "... on Wednesday Al-Alam News reported", run into the subject
            if token.lemma_.lower() in _REPORTING_LEMMAS and not in_argument:
                return 1
            if not _tells_violence(token):
                return 1  # "Assad met Annan on Tuesday amid outrage over the massacre": the meeting's day
            break
    return 2 if any(_is_violent(word) for word in mention.sent) else 1


_BACKGROUND_PREPOSITIONS = EN.words("background_prepositions")


def _tells_violence(verb: Token) -> bool:
    """Whether a violent word is in the verb's own clause, leaving out what a background preposition brings in."""
    stack = list(verb.children)
    while stack:
        word = stack.pop()
        if word.dep_ == "prep" and word.lower_ in _BACKGROUND_PREPOSITIONS:
            continue
        if _is_violent(word):
            return True
        stack.extend(word.children)
    return False


def _opens_the_war(verb: Token) -> bool:
    """'the conflict began', 'the war that erupted', 'protests broke out': the war's own start."""
    if verb.lemma_.lower() not in _ONSET_LEMMAS:
        return False
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl":
        subjects.append(verb.head)
    return any(subject.lemma_.lower() in _WAR_ONSET_NOUNS for subject in subjects)


def _is_violent(token: Token) -> bool:
    return token.lemma_.lower() in _VIOLENCE_LEMMAS or token.lower_ in _VIOLENCE_LEMMAS


# --------------------------------------------------------------------------- choice

_PRECISION_RANK = {Precision.day: 3, Precision.week: 2, Precision.month: 1, Precision.year: 0, Precision.unknown: 0}


def choose_incident_date(mentions: list[Span], published: dt.date | None, lead: Span | None = None) -> tuple[IncidentDate, Span | None]:
    """The incident's date from its sentences' mentions; unknown (and no mention) when none says it.

    Only mentions in a sentence that reports violence count (`incident_date_strength` 2 or
    3: not datelines, period edges, the day a source spoke, nor dates of other matters). The
    most strongly tied wins, then the more precise, then the earlier in the text. A month or
    a year counts only in the incident's `lead` sentence: further on, "in July", "last year"
    tell of earlier events.
    """
    best: tuple[tuple[int, int, int], IncidentDate, Span] | None = None
    for order, mention in enumerate(mentions):
        strength = incident_date_strength(mention)
        if strength < 2:
            continue
        resolved = resolve_date(mention.text, published)
        if resolved.precision == Precision.unknown and not resolved.month and resolved.weekday is None:
            if published is not None or not is_relative_day(mention.text):
                continue
        coarse = resolved.precision in (Precision.month, Precision.year)
        if coarse and lead is not None and mention.sent != lead:
            continue
        key = (strength, _PRECISION_RANK[resolved.precision], -order)
        if best is None or key > best[0]:
            best = (key, resolved, mention)
    return (best[1], best[2]) if best is not None else (IncidentDate(), None)


def date_of_publication(published: dt.date | None) -> IncidentDate:
    """An incident reported without any date happened, as far as the story says, on its publication day.

    `text` stays null: nothing in the story says so; the date is inferred.
    """
    return _day(published) if published is not None else IncidentDate()


# --------------------------------------------------------------------------- anniversaries

# An anniversary piece names the anniversary in its headline or opening lines.
ANNIVERSARY_WINDOW = 600
_ORDINAL_REACH = 30  # characters between the anniversary word and its ordinal or figure
# A publication this close to the date the story gives is the anniversary day itself.
_ANNIVERSARY_DAYS = dt.timedelta(days=7)


# Words after an anniversary word that may name what it is of ("of the", "لمجزرة"): this many at most.
_ANNIVERSARY_OF_WORDS = 4


@lru_cache(maxsize=None)
def _anniversary_words(language: str) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...], tuple[str, ...], frozenset[str]]:
    """The language's anniversary classes (lang/<code>/dates.toml); none for a language without them."""
    words = lexicon(language) if language in languages() else None
    if words is None or "anniversary_words" not in words:
        return (), (), (), frozenset()
    ordinals = sorted(((word.lower(), n) for word, n in words.mapping("anniversary_ordinals").items()), key=lambda item: -len(item[0]))
    return (
        tuple(w.lower() for w in words.sequence("anniversary_words")),
        tuple(ordinals),
        tuple(p.lower() for p in words.sequence("years_ago_today")) if "years_ago_today" in words else (),
        frozenset(w.lower() for w in words.words("anniversary_not_of")),
    )


def anniversary_years(opening: str, language: Optional[str]) -> Optional[int]:
    """How many years ago the event a commemorative piece marks happened ("on the tenth anniversary of",
    "ten years ago today", "الذكرى السنوية العاشرة"); None when the opening is no anniversary piece."""
    words, ordinals, ago_today, not_of = _anniversary_words(language or "en")
    text = " ".join(opening[:ANNIVERSARY_WINDOW].lower().split())
    for phrase in ago_today:
        for match in re.finditer(rf"(\S+)\s+{re.escape(phrase)}", text):
            count = int(match[1]) if match[1].isdigit() else parse_number(match[1])
            if count:
                return count
    for word in words:
        for match in re.finditer(re.escape(word), text):
            following = re.findall(r"[^\W\d_][\w'-]*", text[match.end() :])[:_ANNIVERSARY_OF_WORDS]
            if not_of & set(following):
                continue  # the anniversary of the war or the revolution: the violence reported is today's
            around = text[max(0, match.start() - _ORDINAL_REACH) : match.end() + _ORDINAL_REACH]
            for ordinal, number in ordinals:
                if re.search(rf"(?<!\w){re.escape(ordinal)}(?!\w)", around):
                    return number
            figure = _ORDINAL_FIGURE.search(around.translate(EASTERN_DIGITS))
            if figure:
                return int(figure["before"] or figure["after"])
    return None


# A figure written as an ordinal: "10th", "10e", "10.", "الـ10" (a bare "25" may be a day of the month).
_ORDINAL_FIGURE = re.compile(
    rf"(?<!\d)(?P<before>\d{{1,2}})(?:{_ORDINAL}|{lexicon('fr').alternation('ordinal_suffixes')}|\.)(?!\w)"
    r"|\u0627\u0644\u0640?\s*(?P<after>\d{1,2})(?!\d)"
)


def anniversary_date(date: IncidentDate, published: Optional[dt.date], years: Optional[int]) -> IncidentDate:
    """An anniversary piece dates the event `years` before: a date on (or days from) the publication day moves back."""
    if not years or published is None or date.precision != Precision.day or date.start is None:
        return date
    if abs(date.start - published) > _ANNIVERSARY_DAYS:
        return date  # the story gives the event's own date
    start = date.start
    try:
        earlier = start.replace(year=start.year - years)
    except ValueError:  # 29 February
        earlier = start.replace(year=start.year - years, day=28)
    return date.model_copy(update={"start": earlier, "end": earlier})
