"""Plain text saved from a web page -> Article, with the page furniture removed.

Pages saved as text carry menus, newsletter forms, share buttons and comment
sections around the story. The story is found by a general method, with no
per-site rules:

1. Leading metadata lines are read into the record and kept out of the text:
   a first line that is a URL (``Article.url``; the outlet is its host without
   "www."), bare numeric ids (``metadata["id_1"]``, ``"id_2"``, ...) and short
   ``key: value`` lines (url/title/author/date/source/outlet keys fill those
   fields, other keys go to ``metadata`` in lower case). A ``key: value`` line
   opens the header only with a known key; one that reads like a sentence
   ("BEIRUT: Shells hit ...") is the story.
2. Every other non-blank line is a unit, scored by what it looks like: a line
   that ends like a sentence (or is long) scores its word count, a short line
   without sentence punctuation (a menu entry, a form label) scores a penalty,
   a line from the small furniture phrase list scores a larger one.
3. The story is the contiguous run of units with the highest total score
   (maximum subarray): menus and forms lose, a subheading between paragraphs
   survives. Everything after a comments marker is dropped first.
4. Headline, byline, date line and original-source line are read from the few
   units just above the story, and are not part of ``Article.text``.

The headline goes to ``Article.title`` only; ``Article.text`` starts at the
first story paragraph. Story characters are kept exactly; paragraphs are
separated by a blank line ("\\n\\n"), lines of one paragraph by "\\n".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from corroborate.errors import DocumentError
from corroborate.ingest.language import detect_language
from corroborate.ingest.pubdate import date_from_line, date_from_url, page_stamp
from corroborate.lang import lexicon
from corroborate.models import Article, article_id

EN = lexicon("en")

PROSE_MIN_WORDS = 3
"""A line ending like a sentence is prose from this many words on ("He was 45.")."""

LONG_LINE_WORDS = 20
"""A line this long is prose even without final punctuation (a cut-off paragraph)."""

NEUTRAL_LINE_WORDS = 8
"""Unpunctuated lines from here to LONG_LINE_WORDS (headlines, wrapped lines) score 0."""

SHORT_LINE_PENALTY = -6
FURNITURE_PENALTY = -20

HEADER_UNITS = 6
"""How many units above the story may hold its headline, byline, date and source."""

MARKER_MAX_WORDS = 12
"""Furniture phrases and comment markers are short; longer lines are never furniture."""

_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_WORD = re.compile(r"\S+")

# A menu word glued to the story's last sentence when the page was saved
# ("...imperialist agenda.Home"): lowercase or digit, sentence end, capitalised word(s).
_GLUED_TAIL = re.compile(r"[a-z0-9][.!?][\"'”’)]?(?P<tail>[A-Z][\w'’&/-]*(?: [A-Z&][\w'’&/-]*){0,3})$")

# Page furniture that may sit inside the story's run: share buttons, print and
# e-mail links, newsletter forms, advertising labels, copyright and tag lines.
# The phrases are lang/en/pages.toml's; the shapes of a line are here.
_FURNITURE = re.compile(
    rf"{EN.alternation('furniture_lines')}\W*|{EN.alternation('furniture_openers')}\b.*|{EN.alternation('furniture_prefixes')}.*"
    rf"|.*\b{EN.alternation('furniture_endings')}\W*|{EN.alternation('furniture_other_lines')}",
    re.IGNORECASE,
)

# Where reader comments begin; nothing after it is the story.
_COMMENTS_MARKER = re.compile(
    rf"(?:\d+ )?{EN.alternation('comment_headings')}(?: \(\d+\))?\W*|{EN.alternation('comment_markers')}\b.*", re.IGNORECASE
)

_SOURCE_CREDIT = re.compile(
    rf"{EN.alternation('credit_labels')}\s*:\s*(?P<source>.{{2,80}}?)\W*|{EN.alternation('republished_from')} (?P<original>.{{2,80}}?)[.\s]*",
    re.IGNORECASE,
)

_DOMAIN = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.IGNORECASE)
_OUTLET_NAME = re.compile(rf"[A-Z][\w&'’.-]*(?: (?:[A-Z][\w&'’.-]*|{EN.alternation('outlet_name_links')})){{0,3}}")

_PERSON_NAME = re.compile(rf"[A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|{EN.alternation('name_particles')})){{0,4}}")
_BYLINE = re.compile(rf"{EN.alternation('byline_labels', space=' ')}\s+(?P<rest>.+)", re.IGNORECASE)
_NAME_SEPARATOR = re.compile(r"\s*(?:,|&|\band\b)\s*")

_MONTHS = EN.mapping("month_numbers")
_MONTH = EN.alternation("month_numbers")
_ORDINAL = EN.alternation("ordinal_suffixes")
_OF = EN.alternation("date_links")
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(rf"\b(?P<d>\d{{1,2}}){_ORDINAL}?\.?\s+(?:{_OF}\s+)?(?P<m>{_MONTH})\.?,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORDINAL}?,?\s+(?P<y>\d{{4}})\b", re.I),
)
# Words that may surround a date on a date line without making it a sentence.
_DATE_LINE_FILLER = re.compile(rf"\b{EN.alternation('date_line_filler')}\b|\d{{1,2}}:\d{{2}}(?::\d{{2}})?", re.IGNORECASE)
_DATE_LABEL = re.compile(
    rf"^{EN.alternation('date_labels', space=' ')}(?:\s+{EN.alternation('publication_label_links')})?\s*:?\s*", re.IGNORECASE
)
DATE_LINE_MAX_WORDS = 8

_URL_LINE = re.compile(r"https?://\S+", re.IGNORECASE)
_ID_LINE = re.compile(r"\d{1,20}")
_KEY_VALUE_LINE = re.compile(r"(?P<key>[A-Za-z][\w-]*(?: [\w-]+){0,2})\s*:\s+(?P<value>\S.{0,300})")
_HEADER_FIELDS = {
    "url": "url", "link": "url",
    "title": "title", "headline": "title",
    "author": "authors", "authors": "authors", "by": "authors", "byline": "authors",
    "date": "published", "published": "published", "publication date": "published",
    "source": "original_source", "original source": "original_source",
    "outlet": "outlet", "site": "outlet", "publisher": "outlet",
}  # fmt: skip
"""Metadata keys that fill Article fields; other keys go to Article.metadata."""


@dataclass(frozen=True)
class _Unit:
    """One non-blank line of the page, with its place in the normalised text."""

    start: int
    end: int
    text: str
    glued: bool = False
    """A menu word split off the end of the sentence it was glued to."""

    @cached_property
    def words(self) -> int:
        return len(_WORD.findall(self.text))

    @cached_property
    def prose(self) -> bool:
        return _is_prose(self.text)

    @cached_property
    def furniture(self) -> bool:
        short = self.words <= MARKER_MAX_WORDS
        return self.glued or (short and bool(_FURNITURE.fullmatch(_collapse(self.text))))

    @cached_property
    def comments_marker(self) -> bool:
        return self.words <= MARKER_MAX_WORDS and bool(_COMMENTS_MARKER.fullmatch(_collapse(self.text)))

    @cached_property
    def score(self) -> int:
        if self.furniture:
            return FURNITURE_PENALTY
        if self.prose:
            return self.words
        return 0 if self.words >= NEUTRAL_LINE_WORDS else SHORT_LINE_PENALTY


@dataclass
class _Header:
    """Fields read from metadata lines and from the lines above the story."""

    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    authors: list[str] | None = None
    published: dt.date | None = None
    published_from: str | None = None
    original_source: str | None = None

    def publish(self, date: dt.date | None, origin: str) -> None:
        """Keep the first date found: the cascade's stronger origins are read first."""
        if date is not None and self.published is None:
            self.published, self.published_from = date, origin


def _is_prose(text: str) -> bool:
    """Reads like a sentence of a story: ends like one, or is too long for a menu or a label."""
    words = len(_WORD.findall(text))
    return (words >= PROSE_MIN_WORDS and bool(_SENTENCE_END.search(text))) or words >= LONG_LINE_WORDS


def _collapse(text: str) -> str:
    return " ".join(text.split())


def normalise_newlines(raw: str) -> str:
    """One newline convention and no byte-order mark, so offsets mean the same everywhere."""
    return raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def outlet_from_url(url: str) -> str | None:
    """Outlet short name from a URL's host: 'https://www.example.org/x' -> 'example.org'."""
    host = urlsplit(url).hostname
    return re.sub(r"^www\d*\.", "", host) if host else None


def _date_from_match(match: re.Match[str]) -> dt.date | None:
    month = match["m"]
    month_number = int(month) if month.isdigit() else _MONTHS[month.lower()]
    try:
        return dt.date(int(match["y"]), month_number, int(match["d"]))
    except ValueError:
        return None


def _find_date(text: str) -> tuple[dt.date, re.Match[str]] | None:
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            found = _date_from_match(match)
            if found:
                return found, match
    return None


def parse_date(value: str) -> dt.date | None:
    """A full calendar date in `value`: common English forms first, dateparser for the rest."""
    found = _find_date(value)
    if found:
        return found[0]
    if len(re.findall(r"\d+", value)) < 2:  # a day and a year at least; spares dateparser's slow misses
        return None
    import dateparser  # slow to import and to run: only for what the patterns miss

    parsed = dateparser.parse(_DATE_LABEL.sub("", value.strip()), settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None


def _date_line(text: str, fallback: bool = True) -> dt.date | None:
    """The date when the whole line is a date line ('13 June, 2013', 'Posted on May 2, 2016');
    `fallback`: dateparser for the forms the English patterns miss."""
    if len(_WORD.findall(text)) > DATE_LINE_MAX_WORDS:
        return None
    found = _find_date(text)
    if found:
        date, match = found
        residue = _DATE_LINE_FILLER.sub(" ", text[: match.start()] + " " + text[match.end() :])
        return date if len(re.findall(r"[^\W\d_]{2,}", residue)) <= 1 else None
    if fallback and re.search(r"\d{4}", text) and not _DOMAIN.fullmatch(text):
        return parse_date(text)
    return None


def _byline(text: str) -> tuple[list[str], dt.date | None] | None:
    """Authors (and a trailing date) of a 'By Name Name[, date]' line."""
    match = _BYLINE.fullmatch(text)
    if not match:
        return None
    rest = match["rest"]
    found = _find_date(rest)
    date = None
    if found:
        date, date_match = found
        rest = rest[: date_match.start()]
    rest = re.sub(r"[\s,|–—-]*(?:on)?\s*$", "", rest)
    names = [name for name in _NAME_SEPARATOR.split(rest) if name]
    if not names or not all(_PERSON_NAME.fullmatch(name) for name in names):
        return None
    return names, date


def _source_credit(text: str) -> str | None:
    match = _SOURCE_CREDIT.fullmatch(_collapse(text))
    return (match["source"] or match["original"]) if match else None


def _looks_like_outlet(text: str) -> bool:
    return len(text) <= 40 and not text.endswith(".") and bool(_DOMAIN.fullmatch(text) or _OUTLET_NAME.fullmatch(text))


def _split_authors(value: str) -> list[str]:
    return [name for name in _NAME_SEPARATOR.split(value.strip()) if name]


def _read_metadata_lines(text: str, header: _Header, metadata: dict[str, str]) -> int:
    """Read the leading metadata lines; return the offset where the page itself begins."""
    position = 0
    consumed = 0
    numeric_ids = 0
    for line in text.split("\n"):
        stripped = line.strip()
        line_end = position + len(line) + 1
        if not stripped:
            position = line_end
            continue
        key_value = _KEY_VALUE_LINE.fullmatch(stripped)
        if consumed == 0 and _URL_LINE.fullmatch(stripped):
            header.url = stripped
        elif _ID_LINE.fullmatch(stripped):
            numeric_ids += 1
            metadata[f"id_{numeric_ids}"] = stripped
        elif key_value and not _is_prose(stripped) and (consumed or key_value["key"].lower() in _HEADER_FIELDS):
            _store_key_value(key_value["key"], key_value["value"].strip(), header, metadata)
        else:
            break
        consumed += 1
        position = line_end
    return min(position, len(text))


def _store_key_value(key: str, value: str, header: _Header, metadata: dict[str, str]) -> None:
    field = _HEADER_FIELDS.get(key.lower())
    if field == "url" and _URL_LINE.fullmatch(value):
        header.url = value
    elif field == "title":
        header.title = value
    elif field == "authors":
        header.authors = _split_authors(value)
    elif field == "published" and (published := parse_date(value)):
        header.published, header.published_from = published, "input"
    elif field == "original_source":
        header.original_source = value
    elif field == "outlet":
        header.outlet = value
    else:
        metadata[re.sub(r"\W+", "_", key.lower())] = value


def _units(text: str, offset: int) -> list[_Unit]:
    """Lines from `offset` on, a hard-wrapped sentence kept as one unit, glued menu words split off.

    A line continues the one above it when that one does not end a sentence and
    this one starts in lower case.
    """
    units: list[_Unit] = []
    position = offset
    previous_blank = True
    for line in text[offset:].split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + len(line) - len(line.lstrip())
            end = start + len(stripped)
            continues = not previous_blank and stripped[0].islower() and not _SENTENCE_END.search(units[-1].text)
            if continues:
                start = units.pop().start
            units.append(_Unit(start, end, text[start:end]))
        previous_blank = not stripped
        position += len(line) + 1
    return _split_glued_tails(units)


def _split_glued_tails(units: list[_Unit]) -> list[_Unit]:
    split: list[_Unit] = []
    for index, unit in enumerate(units):
        glued = _GLUED_TAIL.search(unit.text)
        next_is_prose = index + 1 < len(units) and units[index + 1].prose
        if glued and not next_is_prose:
            cut = glued.start("tail")
            head = _Unit(unit.start, unit.start + cut, unit.text[:cut])
            if head.prose:
                split.extend((head, _Unit(unit.start + cut, unit.end, unit.text[cut:], glued=True)))
                continue
        split.append(unit)
    return split


def _best_run(units: list[_Unit]) -> tuple[int, int]:
    """[start, end) of the contiguous units with the highest total score (Kadane).

    Empty (start == end) when no unit scores above zero.
    """
    best = (0, 0)
    best_total = 0
    total = 0
    start = 0
    for index, unit in enumerate(units):
        if total <= 0:
            total, start = 0, index
        total += unit.score
        if total > best_total:
            best_total, best = total, (start, index + 1)
    return best


def _read_story_header(units: list[_Unit], header: _Header) -> None:
    """Headline, byline, date and original source from the units just above the story."""
    window = units[-HEADER_UNITS:]
    furniture = [index for index, unit in enumerate(window) if unit.furniture]
    if furniture:
        window = window[furniture[-1] + 1 :]
    roles: list[str] = []
    for unit in window:
        byline = _byline(unit.text)
        credit = _source_credit(unit.text)
        date = None if page_stamp(unit.text) else _date_line(unit.text)
        if byline:
            header.authors = header.authors or byline[0]
            header.publish(byline[1], "date line")
            roles.append("byline")
        elif credit:
            header.original_source = header.original_source or credit
            roles.append("source")
        elif date:
            header.publish(date, "date line")
            roles.append("date")
        elif roles and roles[-1] == "date" and _looks_like_outlet(unit.text) and not header.original_source:
            header.original_source = unit.text
            roles.append("source")
        else:
            roles.append("other")
    anchored = [index for index, role in enumerate(roles) if role != "other"]
    title_index = anchored[0] - 1 if anchored else len(window) - 1
    min_words = 2 if anchored else PROSE_MIN_WORDS
    if header.title is None and title_index >= 0 and roles[title_index] == "other":
        candidate = window[title_index]
        if min_words <= candidate.words <= 30:
            header.title = candidate.text


def _story_units(units: list[_Unit], header: _Header) -> list[_Unit]:
    """The units of the story itself; fills the header from the lines around it."""
    first_story = next((index for index, unit in enumerate(units) if unit.score > 0), len(units))
    marker = next((index for index in range(first_story, len(units)) if units[index].comments_marker), len(units))
    units = units[:marker]
    start, end = _best_run(units)
    if start == end:
        return [unit for unit in units if not unit.furniture]
    _read_story_header(units[:start], header)
    story = [unit for unit in units[start:end] if not unit.furniture]
    if story and story[-1].words <= 15 and (credit := _source_credit(story[-1].text)):
        header.original_source = header.original_source or credit
        story.pop()
    return story


def _join(text: str, units: list[_Unit]) -> str:
    """Units joined with their own line break, or a blank line between paragraphs."""
    parts: list[str] = []
    for index, unit in enumerate(units):
        if index:
            gap = text[units[index - 1].end : unit.start]
            parts.append("\n" if gap.count("\n") == 1 and gap.strip() == "" else "\n\n")
        parts.append(unit.text)
    return "".join(parts)


def read_text(raw: str, *, source: str = "<text>", external_id: str | None = None) -> Article:
    """Article from plain text saved from a web page (see the module docstring)."""
    text = normalise_newlines(raw)
    if not text.strip():
        raise DocumentError(source, "empty text")
    header = _Header()
    metadata: dict[str, str] = {}
    body_start = _read_metadata_lines(text, header, metadata)
    units = _units(text, body_start)
    story = _story_units(units, header)
    body = _join(text, story)
    if not body:
        raise DocumentError(source, "no article text found")
    language = detect_language(body)
    if header.published is None:
        header.publish(_top_date_line(units, story, language), "date line")
        header.publish(date_from_url(header.url), "url")
    return Article(
        id=article_id(body, header.url),
        text=body,
        url=header.url,
        title=header.title,
        outlet=header.outlet or (outlet_from_url(header.url) if header.url else None),
        authors=header.authors or [],
        published=header.published,
        published_from=header.published_from,
        original_source=header.original_source,
        language=language,
        external_id=external_id,
        source_path=source,
        metadata=metadata,
    )


TOP_STORY_UNITS = 3
"""A date line may open the story itself ("Last Modified: ...", "۲۷ دی ۱۳۹۱"): its first units are read too."""


def _top_date_line(units: list[_Unit], story: list[_Unit], language: str | None) -> dt.date | None:
    """The first date line above the story or among its first units, in the story's language."""
    last = units.index(story[min(TOP_STORY_UNITS, len(story)) - 1]) if story else len(units) - 1
    for unit in units[: last + 1]:
        if page_stamp(unit.text):
            continue
        found = _date_line(unit.text, fallback=False) or date_from_line(unit.text, language)
        if found:
            return found
    return None


def has_prose(text: str) -> bool:
    """Whether any line of `text` reads like a sentence of a story, not a menu."""
    return any(unit.prose for unit in _units(normalise_newlines(text), 0))
