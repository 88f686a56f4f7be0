"""Checking linked incidents against reference records (UCDP GED, ACLED, victims lists).

SPEC §5: each claim of a linked incident's sources is marked consistent,
inflated, deflated or unmatched, with the reasons. See docs/check.md.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Optional, Sequence

from pydantic import Field

from corroborate import causes
from corroborate import precision as precision_codes
from corroborate.check_options import DEFAULT_MAX_KM, DEFAULT_WINDOW_DAYS, ReferenceFormat, Verdict
from corroborate.errors import ConfigurationError, DocumentError
from corroborate.gazetteer import Gazetteer, GazetteerEntry, distance_km, name_key, skeleton
from corroborate.lang import lexicon
from corroborate.link import PLACE_NAMED, day_range
from corroborate.models import (
    CasualtyCount,
    EventType,
    Extraction,
    Incident,
    IncidentDate,
    LinkedIncident,
    Place,
    PlacePrecision,
    Precision,
    Record,
    SourceReport,
)

_REFERENCE_WORDS = lexicon("en")  # lang/en/references.toml

TOLERANCE_SHARE = 0.10
TOLERANCE_MIN = 2
"""A claimed figure is consistent within the reference [low, high] widened by 10% or 2, whichever is larger."""
FIGURE_FIELDS = ("killed", "civilians", "children", "women", "combatants")
LONG_EVENT_DAYS = 62  # reference events spanning more days than this are scanned, not indexed by day


class ReferenceEvent(Record):
    """One event of a reference dataset, in one shape whatever the format it was read from."""

    id: str = Field(description="Id in the reference dataset (UCDP id, ACLED event_id_cnty, or the victims group key).")
    dataset: str = Field(description="'ucdp', 'acled' or 'victims'.")
    date_start: dt.date
    date_end: Optional[dt.date] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    place: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    event_type: Optional[str] = None
    cause: Optional[str] = None
    actors: list[str] = Field(default_factory=list)
    killed_low: Optional[int] = None
    killed_best: Optional[int] = None
    killed_high: Optional[int] = None
    civilians: Optional[int] = None
    children: Optional[int] = None
    women: Optional[int] = None
    combatants: Optional[int] = None
    place_precision: Optional[PlacePrecision] = Field(
        None, description="How precisely lat/lon locate the event (UCDP where_prec, ACLED geo_precision); None: exact when located."
    )
    civilians_high: Optional[int] = Field(None, description="Ceiling of `civilians` when some deaths are of unknown status.")
    children_high: Optional[int] = None
    women_high: Optional[int] = None
    combatants_high: Optional[int] = None

    @property
    def last_day(self) -> dt.date:
        return self.date_end or self.date_start

    @property
    def span_days(self) -> int:
        return (self.last_day - self.date_start).days


class ClaimCheck(Record):
    """One source's figure for a linked incident set against the matched reference event(s)."""

    linked_id: str
    article_id: str
    incident_id: str
    field: str = Field(description="'killed', 'civilians', 'children', 'women' or 'combatants'.")
    claimed: Optional[int] = None
    reference_low: Optional[int] = None
    reference_best: Optional[int] = None
    reference_high: Optional[int] = None
    verdict: Verdict
    reasons: list[str] = Field(default_factory=list)
    reference_ids: list[str] = Field(default_factory=list)
    claimed_text: Optional[str] = Field(None, description="The figure as written ('at least 60').")
    source: Optional[str] = Field(None, description="Who the figure is attributed to.")
    outlet: Optional[str] = None
    dataset: Optional[str] = Field(None, description="'ucdp', 'acled' or 'victims'.")


# =========================================================================== reading reference files


class BadRow(ValueError):
    """One row of a reference file that cannot be read; it is skipped and reported."""


def _column_key(name: str) -> str:
    """'Date of death', 'date-of-death' and 'DATE_OF_DEATH' are one column."""
    return re.sub(r"[\s\-/]+", "_", name.strip().lstrip("\ufeff").lower())


@dataclass
class _Row:
    values: dict[str, str]
    line: int

    def get(self, *names: str) -> Optional[str]:
        for name in names:
            value = (self.values.get(name) or "").strip()
            if value and value.upper() not in ("NA", "N/A", "NULL", "NONE", "NAN"):
                return value
        return None

    def required(self, *names: str) -> str:
        value = self.get(*names)
        if value is None:
            raise BadRow(f"no {names[0]}")
        return value


def _rows(path: Path, required: Sequence[tuple[str, ...]], label: str) -> Iterator[_Row]:
    """The file's rows keyed by normalised column name; ConfigurationError when the file or its header is unusable."""
    try:
        handle = open(path, newline="", encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigurationError(f"{path}: no such reference file") from None
    except IsADirectoryError:
        raise ConfigurationError(f"{path}: is a directory, not a {label} CSV file") from None
    except OSError as error:
        raise ConfigurationError(f"{path}: cannot read ({error.strerror})") from None
    with handle:
        try:
            sample = handle.read(64 * 1024)
            handle.seek(0)
            if not sample.strip():
                raise ConfigurationError(f"{path}: empty file, expected a {label} CSV with a header row")
            first_line = sample.splitlines()[0]
            delimiter = max(",;\t", key=first_line.count)
            reader = csv.reader(handle, delimiter=delimiter)
            header = [_column_key(name) for name in next(reader)]
            missing = [names[0] for names in required if not set(names) & set(header)]
            if missing:
                raise ConfigurationError(
                    f"{path}: not a {label} file: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
                )
            for values in reader:
                if not any(value.strip() for value in values):
                    continue
                yield _Row(dict(zip(header, values)), reader.line_num)
        except UnicodeDecodeError:
            raise ConfigurationError(f"{path}: not UTF-8 text; save the {label} file as UTF-8 CSV") from None
        except csv.Error as error:
            raise ConfigurationError(f"{path}, line {reader.line_num}: broken CSV ({error})") from None


_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y", "%B %d, %Y", "%b %d, %Y", "%Y/%m/%d")


@lru_cache(maxsize=65536)
def parse_reference_date(value: str) -> dt.date:
    """ISO dates (a time part is ignored) and ACLED's day-month-year forms: '2013-06-11', '11 June 2013', '11-Jun-2013'."""
    text = value.strip()
    iso = re.match(r"(\d{4}-\d{2}-\d{2})(?:[ T].*)?$", text)
    if iso:
        try:
            return dt.date.fromisoformat(iso.group(1))
        except ValueError:
            raise BadRow(f"unreadable date {value!r} (expected 2013-06-11 or 11 June 2013)") from None
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise BadRow(f"unreadable date {value!r} (expected 2013-06-11 or 11 June 2013)")


def _count(row: _Row, *names: str) -> Optional[int]:
    value = row.get(*names)
    if value is None:
        return None
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        raise BadRow(f"{names[0]} is not a number: {value!r}") from None
    if number < 0 or not number.is_integer():
        raise BadRow(f"{names[0]} is not a count: {value!r}")
    return int(number)


def _coordinate(row: _Row, name: str, limit: float) -> Optional[float]:
    value = row.get(name)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        raise BadRow(f"{name} is not a number: {value!r}") from None
    if not -limit <= number <= limit:
        raise BadRow(f"{name} out of range: {value!r}")
    return number


# --------------------------------------------------------------------------- names of places

_DIVISION_WORDS = re.compile(rf"\s*\b({_REFERENCE_WORDS.alternation('division_words')})\b\.?\s*", re.IGNORECASE)


def _strip_division_word(name: str) -> str:
    return _DIVISION_WORDS.sub(" ", name).strip(" ,") or name.strip()


@lru_cache(maxsize=4096)
def country_code(name: Optional[str]) -> Optional[str]:
    """ISO 3166-1 alpha-2 of a country name ('Syria', 'Syrian Arab Republic' -> 'SY'); a two-letter code is kept."""
    if not name:
        return None
    if re.fullmatch(r"[A-Za-z]{2}", name.strip()):
        return name.strip().upper()
    found = [entry for entry in Gazetteer.default().lookup(name) if entry.feature == "country"]
    return found[0].country if found else None


@lru_cache(maxsize=4096)
def canonical_admin1(name: Optional[str], country: Optional[str] = None) -> Optional[str]:
    """The project's name of a first-level division: 'Dayr Az Zawr governorate', 'Deir Ezzor' -> 'Deir ez-Zor'.

    Names the gazetteer does not know are kept, without the word 'governorate' or 'province'.
    """
    if not name:
        return None
    cleaned = _strip_division_word(name)
    gazetteer = Gazetteer.default()
    entry = gazetteer.admin1_entry(cleaned, country) or gazetteer.admin1_entry(name, country)
    if entry is None:
        entry = next(
            (e for e in gazetteer.fuzzy_lookup(cleaned) if e.feature == "admin1" and (country is None or e.country == country)),
            None,
        )
    return entry.name if entry else cleaned


def _division_key(name: Optional[str]) -> str:
    """Comparison key of a division name: romanisations and the words 'district'/'governorate' do not count."""
    return skeleton(name_key(_strip_division_word(name))) if name else ""


@lru_cache(maxsize=65536)
def _resolve_town(place: str, admin1: Optional[str], country: Optional[str]) -> Optional[GazetteerEntry]:
    """The gazetteer's town of that name, in the given governorate when one is given."""
    gazetteer = Gazetteer.default()
    for candidates in (gazetteer.lookup(place), gazetteer.fuzzy_lookup(place)):
        for entry in candidates:
            if entry.feature not in ("city", "region"):
                continue
            if country and entry.country != country:
                continue
            if admin1 and _division_key(entry.admin1) != _division_key(admin1):
                continue
            return entry
    return None


# --------------------------------------------------------------------------- type mapping

UCDP_TYPES: dict[str, EventType] = {"1": "Battles", "2": "Battles", "3": "Violence against civilians"}
"""type_of_violence: 1 state-based and 2 non-state conflict are fighting; 3 one-sided violence targets civilians."""

UCDP_WHERE_PREC = {code: PlacePrecision(value) for code, value in precision_codes.read("ucdp", "where_prec").items()}
ACLED_GEO_PRECISION = {code: PlacePrecision(value) for code, value in precision_codes.read("acled", "geo_precision").items()}

ACLED_EVENT_TYPES: dict[str, EventType] = {
    "battles": "Battles",
    "explosions/remote violence": "Explosions/Remote violence",
    "remote violence": "Explosions/Remote violence",
    "violence against civilians": "Violence against civilians",
    "protests": "Protests",
    "riots": "Riots",
    "riots/protests": "Protests",
    "strategic developments": "Strategic developments",
    "strategic development": "Strategic developments",
    "non-violent transfer of territory": "Strategic developments",
    "headquarters or base established": "Strategic developments",
}

ACLED_SUB_EVENT_CAUSES = causes.acled_readings()

CAUSE_WORDS: tuple[tuple[str, str], ...] = tuple(lexicon("en").mapping("reference_cause_words").items())
CAUSE_EVENT_TYPES: dict[str, EventType] = causes.event_types()  # type: ignore[assignment]  # data/causes.toml

# Event types one event may be coded as by different coders: fighting and the bombardment that goes with it;
# bombardment and the attack on civilians it was; a protest and the riot it turned into.
COMPATIBLE_TYPES = {
    frozenset({"Battles", "Explosions/Remote violence"}),
    frozenset({"Explosions/Remote violence", "Violence against civilians"}),
    frozenset({"Protests", "Riots"}),
}


def cause_of(text: Optional[str]) -> Optional[str]:
    """corroborate's cause for a written cause of death ('Warplane shelling' -> 'airstrike'); 'other' when none fits."""
    if not text:
        return None
    lowered = text.lower()
    return next((cause for pattern, cause in CAUSE_WORDS if re.search(pattern, lowered)), "other")


def types_compatible(ours: Optional[str], theirs: Optional[str]) -> bool:
    """Same event type, two types one event is coded as by different coders, or one side unknown."""
    return ours is None or theirs is None or ours == theirs or frozenset({ours, theirs}) in COMPATIBLE_TYPES


# --------------------------------------------------------------------------- the formats

VICTIMS_DATE = ("date", "date_of_death", "death_date")
VICTIMS_PLACE = ("place", "area", "town", "city", "location", "village")
VICTIMS_ADMIN1 = ("governorate", "province", "admin1", "region")
VICTIMS_STATUS = ("status", "civilian_status", "civilian")
VICTIMS_SEX = ("sex", "gender")
VICTIMS_AGE = ("age_group", "age", "age_category")
VICTIMS_CAUSE = ("cause", "cause_of_death")
VICTIMS_ACTOR = ("actor", "actors", "perpetrator", "killed_by")


def _located(row: _Row, country: Optional[str]) -> dict:
    lat = _coordinate(row, "latitude", 90)
    lon = _coordinate(row, "longitude", 180)
    if (lat is None) != (lon is None):
        raise BadRow("latitude without longitude or the reverse")
    return {"lat": lat, "lon": lon, "country": country}


def _ucdp_event(row: _Row) -> ReferenceEvent:
    best = _count(row, "best", "best_est")
    if best is None:
        raise BadRow("no best estimate")
    low = _count(row, "low", "low_est")
    high = _count(row, "high", "high_est")
    low = best if low is None else low
    high = best if high is None else high
    if not low <= best <= high:
        raise BadRow(f"low {low}, best {best}, high {high} are not in order")
    start = parse_reference_date(row.required("date_start"))
    end_text = row.get("date_end")
    end = parse_reference_date(end_text) if end_text else start
    if end < start:
        raise BadRow(f"date_end {end} before date_start {start}")
    country = country_code(row.get("country"))
    deaths_a, deaths_b = _count(row, "deaths_a"), _count(row, "deaths_b")
    civilians, unknown = _count(row, "deaths_civilians"), _count(row, "deaths_unknown") or 0
    combatants = None if deaths_a is None and deaths_b is None else (deaths_a or 0) + (deaths_b or 0)
    violence = row.get("type_of_violence")
    if violence is not None and violence not in UCDP_TYPES:
        raise BadRow(f"type_of_violence {violence!r} is not 1, 2 or 3")
    precision = row.get("where_prec")
    return ReferenceEvent(
        id=row.required("id"),
        dataset="ucdp",
        date_start=start,
        date_end=end,
        admin1=canonical_admin1(row.get("adm_1"), country),
        admin2=_strip_division_word(row.get("adm_2") or "") or None,
        place=row.get("where_coordinates", "where_description"),
        event_type=UCDP_TYPES.get(violence or ""),
        actors=[side for side in (row.get("side_a"), row.get("side_b")) if side],
        killed_low=low,
        killed_best=best,
        killed_high=high,
        civilians=civilians,
        civilians_high=None if civilians is None else civilians + unknown,
        combatants=combatants,
        combatants_high=None if combatants is None else combatants + unknown,
        place_precision=UCDP_WHERE_PREC.get(precision.split(".")[0]) if precision else None,
        **_located(row, country),
    )


def _acled_event(row: _Row) -> ReferenceEvent:
    fatalities = _count(row, "fatalities")
    if fatalities is None:
        raise BadRow("no fatalities")
    event_type_text = row.required("event_type")
    event_type = ACLED_EVENT_TYPES.get(event_type_text.lower())
    if event_type is None and event_type_text.lower().startswith("battle"):
        event_type = "Battles"  # ACLED before 2019: "Battle-No change of territory", ...
    if event_type is None:
        raise BadRow(f"unknown ACLED event_type {event_type_text!r}")
    day = parse_reference_date(row.required("event_date"))
    start, end = day, day
    time_precision = row.get("time_precision")
    if time_precision == "2":  # ACLED dates a "week of" event to the middle of that week
        start, end = day - dt.timedelta(days=3), day + dt.timedelta(days=3)
    elif time_precision == "3":  # ... and a "month of" event to the middle of that month
        start = day.replace(day=1)
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    country = country_code(row.get("country"))
    sub_event = (row.get("sub_event_type") or "").lower()
    precision = row.get("geo_precision")
    return ReferenceEvent(
        id=row.required("event_id_cnty"),
        dataset="acled",
        date_start=start,
        date_end=end,
        admin1=canonical_admin1(row.get("admin1"), country),
        admin2=row.get("admin2"),
        place=row.get("location"),
        event_type=event_type,
        cause=ACLED_SUB_EVENT_CAUSES.get(sub_event),
        actors=[actor for actor in (row.get("actor1"), row.get("actor2")) if actor],
        killed_low=fatalities,
        killed_best=fatalities,
        killed_high=fatalities,
        place_precision=ACLED_GEO_PRECISION.get(precision) if precision else None,
        **_located(row, country),
    )


@dataclass
class _Person:
    date: dt.date
    place: Optional[str]
    admin1: Optional[str]
    country: Optional[str]
    civilian: Optional[bool]
    female: Optional[bool]
    child: Optional[bool]
    cause: Optional[str]
    actor: Optional[str]


_CHILD = re.compile(rf"\b({_REFERENCE_WORDS.alternation('child_words')})\b", re.IGNORECASE)
_ADULT = re.compile(rf"\b({_REFERENCE_WORDS.alternation('adult_words')})\b", re.IGNORECASE)
_FEMALE = re.compile(rf"\b({_REFERENCE_WORDS.alternation('female_words')})\b", re.IGNORECASE)
_MALE = re.compile(rf"\b({_REFERENCE_WORDS.alternation('male_words')})\b", re.IGNORECASE)
_NON_CIVILIAN = re.compile(_REFERENCE_WORDS.alternation("combatant_status"), re.IGNORECASE)
_CIVILIAN = re.compile(rf"\b{_REFERENCE_WORDS.alternation('civilian_words')}\b", re.IGNORECASE)


def _status(text: Optional[str]) -> Optional[bool]:
    """True civilian, False combatant ('Non-Civilian', 'combatant'), None unknown."""
    if not text:
        return None
    if _NON_CIVILIAN.search(text):
        return False
    if _CIVILIAN.search(text) or text.strip().lower() in ("yes", "true", "1"):
        return True
    if text.strip().lower() in ("no", "false", "0"):
        return False
    return None


def _age_is_child(text: Optional[str]) -> Optional[bool]:
    """'child', 'Child - Male' -> True; 'adult' -> False; a number of years: under 18."""
    if not text:
        return None
    if re.fullmatch(r"\d{1,3}", text.strip()):
        return int(text) < 18
    if _CHILD.search(text):
        return True
    if _ADULT.search(text):
        return False
    return None


def _sex_is_female(text: Optional[str]) -> Optional[bool]:
    if not text:
        return None
    if _FEMALE.search(text):
        return True
    if _MALE.search(text):
        return False
    return None


def _victims_person(row: _Row) -> _Person:
    place, governorate = row.get(*VICTIMS_PLACE), row.get(*VICTIMS_ADMIN1)
    if place is None and governorate is None:
        raise BadRow("neither place nor governorate")
    country = country_code(row.get("country"))
    sex = row.get(*VICTIMS_SEX)
    age = row.get(*VICTIMS_AGE)
    child = _age_is_child(age)
    if child is None:
        child = _age_is_child(sex)  # VDC writes both in one column: "Child - Male", "Adult - Female"
    return _Person(
        date=parse_reference_date(row.required(*VICTIMS_DATE)),
        place=place,
        admin1=canonical_admin1(governorate, country),
        country=country,
        civilian=_status(row.get(*VICTIMS_STATUS)),
        female=_sex_is_female(sex),
        child=child,
        cause=cause_of(row.get(*VICTIMS_CAUSE)),
        actor=row.get(*VICTIMS_ACTOR),
    )


def _victims_event(people: list[_Person]) -> ReferenceEvent:
    """One event of the people killed on one day in one place: counts by status, age and sex, with their ceilings.

    A person of unknown status, age or sex counts towards the ceiling of each
    group they may belong to (`civilians_high`, ...), not towards its count.
    """
    first = people[0]
    entry = _resolve_town(first.place, first.admin1, first.country) if first.place else None
    if entry is not None:
        location = {"lat": entry.lat, "lon": entry.lon, "place_precision": PlacePrecision.exact, "admin2": entry.admin2 or None}
        admin1, country = first.admin1 or entry.admin1 or None, first.country or entry.country or None
    else:
        location = {"place_precision": PlacePrecision.admin1 if first.admin1 else PlacePrecision.unknown}
        admin1, country = first.admin1, first.country
    killed = len(people)
    breakdown: dict[str, Optional[int]] = {}
    groups = {
        # group: (attribute that must be known, surely in the group, possibly in it)
        "civilians": ("civilian", lambda p: p.civilian is True, lambda p: p.civilian is not False),
        "combatants": ("civilian", lambda p: p.civilian is False, lambda p: p.civilian is not True),
        "children": ("child", lambda p: p.child is True, lambda p: p.child is not False),
        "women": ("female", lambda p: p.female is True and p.child is False, lambda p: p.female is not False and p.child is not True),
    }
    for group, (attribute, surely, possibly) in groups.items():
        known = any(getattr(p, attribute) is not None for p in people)
        breakdown[group] = sum(map(surely, people)) if known else None
        breakdown[f"{group}_high"] = sum(map(possibly, people)) if known else None
    causes = Counter(p.cause for p in people if p.cause not in (None, "unknown", "other"))
    cause = causes.most_common(1)[0][0] if causes else None
    event_type = CAUSE_EVENT_TYPES.get(cause or "")
    if cause == "shooting":
        event_type = "Violence against civilians" if breakdown["civilians"] == killed else "Battles"
    return ReferenceEvent(
        id=f"{first.date.isoformat()}/{first.place or '-'}/{first.admin1 or '-'}",
        dataset="victims",
        date_start=first.date,
        date_end=first.date,
        country=country,
        admin1=admin1,
        place=first.place,
        event_type=event_type,
        cause=cause,
        actors=[actor for actor, _ in Counter(p.actor for p in people if p.actor).most_common()],
        killed_low=killed,
        killed_best=killed,
        killed_high=killed,
        **breakdown,
        **location,
    )


def _victims_key(person: _Person) -> tuple:
    return (person.date, name_key(person.place or ""), _division_key(person.admin1), person.country)


def _victims_events(people: list[_Person]) -> list[ReferenceEvent]:
    """One event per (date, place, governorate, country) of the people listed."""
    groups: dict[tuple, list[_Person]] = {}
    for person in people:
        groups.setdefault(_victims_key(person), []).append(person)
    return [_victims_event(group) for group in groups.values()]


def _one_event_per_row(events: list[ReferenceEvent]) -> list[ReferenceEvent]:
    return events


@dataclass(frozen=True)
class ReferenceFormatSpec:
    """How to read one reference format and how to name it."""

    label: str  # the dataset in reasons: "UCDP"
    file_label: str  # the file in errors: "UCDP GED"
    required: tuple[tuple[str, ...], ...]  # required columns, each with the names it may go by
    read_row: Callable[[_Row], object]  # one row -> an event, or an item that `events` groups; raises BadRow
    events: Callable[[list], list[ReferenceEvent]] = _one_event_per_row


REFERENCE_FORMATS: dict[str, ReferenceFormatSpec] = {
    "ucdp": ReferenceFormatSpec(
        label="UCDP",
        file_label="UCDP GED",
        required=(("id",), ("date_start",), ("best", "best_est")),
        read_row=_ucdp_event,
    ),
    "acled": ReferenceFormatSpec(
        label="ACLED",
        file_label="ACLED export",
        required=(("event_id_cnty",), ("event_date",), ("event_type",), ("fatalities",)),
        read_row=_acled_event,
    ),
    "victims": ReferenceFormatSpec(
        label="victims list",
        file_label="victims list",
        required=(VICTIMS_DATE, VICTIMS_PLACE + VICTIMS_ADMIN1),
        read_row=_victims_person,
        events=_victims_events,
    ),
}
"""The reference formats by name (`--reference-format`); adding a format is one entry here and its name in `ReferenceFormat`."""


def _dataset_label(dataset: str) -> str:
    spec = REFERENCE_FORMATS.get(dataset)
    return spec.label if spec else dataset


def load_reference(
    path: str | Path,
    format: ReferenceFormat | str,
    *,
    on_bad_row: Optional[Callable[[DocumentError], None]] = None,
) -> list[ReferenceEvent]:
    """Read a UCDP GED CSV, an ACLED export or a victims list (one row per person) into reference events.

    A file that cannot be used (missing, not UTF-8 CSV, required columns
    missing, no usable row) raises ConfigurationError naming the file. A bad
    row is skipped and passed to `on_bad_row` as a DocumentError naming the
    file and line. Victims-list rows are grouped into one event per (date,
    place, governorate, country).
    """
    path = Path(path)
    try:
        spec = REFERENCE_FORMATS[ReferenceFormat(format).value]
    except ValueError:
        *others, last = REFERENCE_FORMATS
        raise ConfigurationError(f"unknown reference format {format!r}; use {', '.join(others)} or {last}") from None
    items: list = []
    for row in _rows(path, spec.required, spec.file_label):
        try:
            items.append(spec.read_row(row))
        except ValueError as error:  # BadRow, or a value the record refuses
            if on_bad_row is not None:
                on_bad_row(DocumentError(f"{path}, line {row.line}", str(error).splitlines()[0]))
    events = spec.events(items)
    if not events:
        raise ConfigurationError(f"{path}: no usable {spec.file_label} rows")
    return events


# =========================================================================== matching


@dataclass
class _Candidate:
    event: ReferenceEvent
    date_gap: int
    place_rank: int  # 0 located within max_km, 1 same admin2, 2 same admin1
    km: Optional[float]
    place_reason: str


@dataclass
class ReferenceMatch:
    """The reference events (summed) a linked incident matched, or why none did."""

    events: list[ReferenceEvent] = dataclass_field(default_factory=list)
    reasons: list[str] = dataclass_field(default_factory=list)

    @property
    def matched(self) -> bool:
        return bool(self.events)


class ReferenceIndex:
    """Reference events by day, for finding the candidates of an incident's date quickly."""

    def __init__(self, events: Iterable[ReferenceEvent]):
        self.events = sorted(events, key=lambda e: (e.date_start, e.id))
        self._starts = [event.date_start for event in self.events]
        self._long = [e for e in self.events if e.span_days > LONG_EVENT_DAYS]
        # How far back a short event may start and still reach a day: its longest span, not the limit of short.
        self._lookback = max((d for e in self.events if (d := e.span_days) <= LONG_EVENT_DAYS), default=0)
        self.dataset = self.events[0].dataset if self.events else "reference"

    def around(self, start: dt.date, end: dt.date) -> list[ReferenceEvent]:
        """Events whose dates come within [start, end]."""
        low = bisect.bisect_left(self._starts, start - dt.timedelta(days=self._lookback))
        high = bisect.bisect_right(self._starts, end)
        found = [e for e in self.events[low:high] if e.last_day >= start]
        long = [e for e in self._long if e.date_start <= end and e.last_day >= start]
        return list({id(event): event for event in [*found, *long]}.values())


def _date_gap(date: IncidentDate, event: ReferenceEvent, window_days: int) -> Optional[int]:
    """Days between the incident's dates and the event's; None beyond the window (day-precise both) or without overlap."""
    ours = day_range(date)
    if ours is None:
        return None
    theirs = (event.date_start, event.last_day)
    gap = max((theirs[0] - ours[1]).days, (ours[0] - theirs[1]).days, 0)
    both_days = date.precision == Precision.day and ours[0] == ours[1] and theirs[0] == theirs[1]
    return gap if gap <= (window_days if both_days else 0) else None


def _place_match(place: Place, event: ReferenceEvent, max_km: float) -> Optional[tuple[int, Optional[float], str]]:
    """(rank, km, why): located places within max_km, else the same admin2, else the same admin1; None when they differ."""
    if place.country and event.country and place.country != event.country:
        return None
    ours = (place.lat, place.lon) if place.precision in PLACE_NAMED and place.lat is not None and place.lon is not None else None
    theirs_named = event.place_precision in PLACE_NAMED or event.place_precision is None
    theirs = (event.lat, event.lon) if theirs_named and event.lat is not None and event.lon is not None else None
    if ours and theirs:
        km = distance_km(*ours, *theirs)
        return (0, km, f"{km:.1f} km apart") if km <= max_km else None
    if place.admin2 and event.admin2 and _division_key(place.admin2) == _division_key(event.admin2):
        return 1, None, f"both in {_strip_division_word(place.admin2)}"
    if place.admin1 and event.admin1 and _division_key(place.admin1) == _division_key(event.admin1):
        return 2, None, f"both in {place.admin1}"
    return None


def _place_text(place: Optional[str], admin1: Optional[str]) -> str:
    parts = [part for part in (place, admin1) if part]
    return ", ".join(dict.fromkeys(parts)) or "an unknown place"


def _dates_text(start: Optional[dt.date], end: Optional[dt.date]) -> str:
    if start is None:
        return "an unknown date"
    return start.isoformat() + (f" to {end.isoformat()}" if end and end != start else "")


def _event_text(event: ReferenceEvent) -> str:
    return f"{_place_text(event.place, event.admin1)} on {_dates_text(event.date_start, event.date_end)}"


def _incident_text(incident: LinkedIncident) -> str:
    place, date = incident.location, incident.date
    return f"{_place_text(place.name or place.text, place.admin1)} on {_dates_text(date.start, date.end)}"


def _group_key(event: ReferenceEvent) -> tuple:
    where: str | tuple[float, float] = ""
    if event.place:
        where = name_key(event.place)
    elif event.lat is not None and event.lon is not None:
        where = (round(event.lat, 2), round(event.lon, 2))
    return (event.date_start, event.date_end, where, _division_key(event.admin1))


def _closeness(candidate: _Candidate) -> tuple:
    """Date gap, then the shorter reference date range, then place (distance before admin2 before admin1), then km."""
    event = candidate.event
    return (candidate.date_gap, event.span_days, candidate.place_rank, candidate.km or 0.0, event.id)


def match_incident(
    incident: LinkedIncident,
    index: ReferenceIndex,
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    max_km: float = DEFAULT_MAX_KM,
) -> ReferenceMatch:
    """The reference events of the incident's day(s) and place, of a compatible type; several of one day and place are one event.

    When several such groups match, the closest (see `_closeness`) is taken
    and the others are named in the reasons.
    """
    label = _dataset_label(index.dataset)
    date, place = incident.date, incident.location
    if date.start is None:
        return ReferenceMatch(reasons=[f"the incident's date is unknown, so no {label} event can be matched"])
    located = place.precision in PLACE_NAMED and place.lat is not None
    if not located and not place.admin1:
        return ReferenceMatch(reasons=[f"the incident's place is not known below the country, so no {label} event can be matched"])
    widen = dt.timedelta(days=window_days)
    near_in_time = [
        (event, gap)
        for event in index.around(date.start - widen, (date.end or date.start) + widen)
        if (gap := _date_gap(date, event, window_days)) is not None
    ]
    if not near_in_time:
        return ReferenceMatch(reasons=[f"no {label} event within {window_days} days of {_incident_text(incident)}"])
    candidates, wrong_type = [], []
    for event, gap in near_in_time:
        where = _place_match(place, event, max_km)
        if where is None:
            continue
        if not types_compatible(incident.event_type, event.event_type):
            wrong_type.append(event)
            continue
        candidates.append(_Candidate(event, gap, *where))
    if not candidates:
        if wrong_type:
            other = wrong_type[0]
            return ReferenceMatch(
                reasons=[
                    f"{label} {other.id} at {_event_text(other)} is {other.event_type}, "
                    f"not compatible with this incident's {incident.event_type}"
                ]
            )
        return ReferenceMatch(
            reasons=[
                f"{len(near_in_time)} {label} event{'s' if len(near_in_time) > 1 else ''} within {window_days} days of "
                f"{_incident_text(incident)}, none within {max_km:g} km or in the same district or governorate"
            ]
        )
    groups: dict[tuple, list[_Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(_group_key(candidate.event), []).append(candidate)
    ranked = sorted(groups.values(), key=lambda group: min(_closeness(c) for c in group))
    chosen = sorted(ranked[0], key=lambda c: c.event.id)
    closest = min(chosen, key=_closeness)
    when = "the same day" if closest.date_gap == 0 else f"{closest.date_gap} day{'s' if closest.date_gap > 1 else ''} apart"
    reasons = [f"matched {label} {', '.join(c.event.id for c in chosen)} on date ({when}), place ({closest.place_reason}) and type"]
    if len(chosen) > 1:
        reasons.append(f"{len(chosen)} {label} events of one day and place are summed")
    others = [c.event.id for group in ranked[1:] for c in group]
    if others:
        reasons.append(f"also matching but less close: {label} {', '.join(others[:5])}{' …' if len(others) > 5 else ''}")
    return ReferenceMatch(events=[c.event for c in chosen], reasons=reasons)


# =========================================================================== marking


@dataclass(frozen=True)
class ReferenceFigure:
    """A reference figure as a range: low/best/high killed, or a breakdown count and its ceiling."""

    low: int
    best: int
    high: int


def reference_figure(events: Sequence[ReferenceEvent], field: str) -> Optional[ReferenceFigure]:
    """The summed figure of matched events; None when one of them does not give that field."""
    if field == "killed":
        if any(e.killed_best is None for e in events):
            return None
        return ReferenceFigure(
            low=sum(e.killed_low if e.killed_low is not None else e.killed_best for e in events),  # type: ignore[misc]
            best=sum(e.killed_best for e in events),  # type: ignore[misc]
            high=sum(e.killed_high if e.killed_high is not None else e.killed_best for e in events),  # type: ignore[misc]
        )
    values = [getattr(e, field) for e in events]
    if any(value is None for value in values):
        return None
    ceilings = [getattr(e, f"{field}_high") for e in events]
    return ReferenceFigure(
        low=sum(values),
        best=sum(values),
        high=sum(ceiling if ceiling is not None else value for value, ceiling in zip(values, ceilings)),
    )


def tolerance(value: int) -> float:
    """How far a claim may stray from a reference bound: 10% of it or 2, whichever is larger."""
    return max(TOLERANCE_MIN, TOLERANCE_SHARE * value)


def claimed_range(count: CasualtyCount) -> Optional[tuple[int, Optional[int]]]:
    """What a figure commits to: 'at least 60' is [60, no ceiling], 'between 20 and 30' [20, 30], '115' [115, 115].

    Figures without a lower bound ('nearly 100', 'about 50', 'up to 30') stand for the number written.
    """
    lower = next((value for value in (count.low, count.best, count.high) if value is not None), None)
    if lower is None:
        return None
    if count.high is not None:
        upper: Optional[int] = max(count.high, lower)
    elif count.low is not None:
        upper = None
    else:
        upper = max(count.best or lower, lower)
    return lower, upper


def mark(count: CasualtyCount, figure: ReferenceFigure) -> tuple[Verdict, str]:
    """Consistent when the claimed range meets the reference [low, high] widened by the tolerance; else inflated or deflated."""
    claimed = claimed_range(count)
    assert claimed is not None
    lower, upper = claimed
    floor = max(0.0, figure.low - tolerance(figure.low))
    ceiling = figure.high + tolerance(figure.high)
    bounds = f"{_number(floor)}–{_number(ceiling)}"
    if lower > ceiling:
        return (
            Verdict.inflated,
            f"inflated: above the reference high {figure.high} plus the tolerance (up to {_number(ceiling)} is consistent)",
        )
    if upper is not None and upper < floor:
        return Verdict.deflated, f"deflated: below the reference low {figure.low} minus the tolerance (from {_number(floor)} is consistent)"
    return Verdict.consistent, f"consistent: within the reference range widened by the tolerance ({bounds})"


def _number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def _figure_text(figure: ReferenceFigure) -> str:
    if figure.low == figure.best == figure.high:
        return str(figure.best)
    if figure.low == figure.best:
        return f"{figure.best} (up to {figure.high} with deaths of unknown status, age or sex)"
    return f"{figure.best} (low {figure.low}, high {figure.high})"


_FIELD_WORDS = {
    "killed": "killed",
    "civilians": "civilians killed",
    "children": "children killed",
    "women": "women killed",
    "combatants": "combatants killed",
}


def _claimed_text(count: CasualtyCount) -> str:
    if count.text:
        return count.text
    lower, upper = claimed_range(count) or (None, None)
    if upper is None:
        return f"at least {lower}"
    return str(lower) if lower == upper else f"{lower} to {upper}"


def _source_figures(source: SourceReport, incident: Optional[Incident]) -> Iterator[tuple[str, CasualtyCount, Optional[str]]]:
    """(field, figure, who says so) for the source's killed figure and its breakdown."""
    if source.killed is not None and claimed_range(source.killed) is not None:
        yield "killed", source.killed, source.killed_source
    if incident is None:
        return
    for field in FIGURE_FIELDS[1:]:
        count = getattr(incident.casualties.victims, field)
        if count is None or claimed_range(count) is None:
            continue
        claim = next(
            (c for c in incident.claims if c.field == f"casualties.victims.{field}" and c.value == count.best),
            None,
        )
        yield field, count, claim.source if claim else None


def _member_incident(extractions_by_id: Mapping[str, Extraction], source: SourceReport) -> Optional[Incident]:
    extraction = extractions_by_id.get(source.article_id)
    if extraction is None:
        return None
    return next((incident for incident in extraction.incidents if incident.id == source.incident_id), None)


def check_incident(
    incident: LinkedIncident,
    index: ReferenceIndex,
    extractions_by_id: Mapping[str, Extraction],
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    max_km: float = DEFAULT_MAX_KM,
) -> list[ClaimCheck]:
    """Every figure of every source of one linked incident, marked against its matched reference events."""
    match = match_incident(incident, index, window_days=window_days, max_km=max_km)
    label = _dataset_label(index.dataset)
    checks = []
    for source in incident.sources:
        member = _member_incident(extractions_by_id, source)
        for field, count, said_by in _source_figures(source, member):
            who = said_by or source.outlet or "the article"
            claimed_text = _claimed_text(count)
            claim_sentence = f"{who} claims {claimed_text} {_FIELD_WORDS[field]}"
            common = dict(
                linked_id=incident.id,
                article_id=source.article_id,
                incident_id=source.incident_id,
                field=field,
                claimed=claimed_range(count)[0],  # type: ignore[index]
                claimed_text=claimed_text,
                source=said_by,
                outlet=source.outlet,
                dataset=index.dataset,
            )
            note = (
                ["this figure is an earlier stage of a toll that a later report updated"]
                if field == "killed" and source.killed_superseded
                else []
            )
            if not match.matched:
                checks.append(
                    ClaimCheck(
                        **common, verdict=Verdict.unmatched, reasons=[f"{claim_sentence}; " + match.reasons[0], *match.reasons[1:], *note]
                    )
                )
                continue
            figure = reference_figure(match.events, field)
            if figure is None:
                continue  # the reference does not give this breakdown
            verdict, why = mark(count, figure)
            ids = [event.id for event in match.events]
            gives = f"{label} {', '.join(ids)} give{'s' if len(ids) == 1 else ''} {_figure_text(figure)}"
            checks.append(
                ClaimCheck(
                    **common,
                    reference_low=figure.low,
                    reference_best=figure.best,
                    reference_high=figure.high,
                    verdict=verdict,
                    reasons=[f"{claim_sentence}; {gives} for {_event_text(match.events[0])}", why, *match.reasons, *note],
                    reference_ids=ids,
                )
            )
    return checks


def check_linked(
    linked: Iterable[LinkedIncident],
    reference: Sequence[ReferenceEvent] | ReferenceIndex,
    extractions_by_id: Mapping[str, Extraction],
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    max_km: float = DEFAULT_MAX_KM,
) -> list[ClaimCheck]:
    """Mark each source's killed figure (and its civilians/children/women/combatants where the reference gives them).

    `extractions_by_id` maps article ids to their extractions, for the
    victims breakdown of each source; without an article only its killed
    figure is checked.
    """
    index = reference if isinstance(reference, ReferenceIndex) else ReferenceIndex(reference)
    checks: list[ClaimCheck] = []
    for incident in linked:
        checks.extend(check_incident(incident, index, extractions_by_id, window_days=window_days, max_km=max_km))
    return checks


def verdict_counts(checks: Iterable[ClaimCheck]) -> dict[str, int]:
    """Claims per verdict, every verdict listed."""
    counted = Counter(check.verdict.value for check in checks)
    return {verdict.value: counted.get(verdict.value, 0) for verdict in Verdict}


__all__ = [
    "DEFAULT_MAX_KM",
    "DEFAULT_WINDOW_DAYS",
    "REFERENCE_FORMATS",
    "ClaimCheck",
    "ReferenceEvent",
    "ReferenceFigure",
    "ReferenceFormat",
    "ReferenceFormatSpec",
    "ReferenceIndex",
    "ReferenceMatch",
    "Verdict",
    "canonical_admin1",
    "cause_of",
    "check_incident",
    "check_linked",
    "claimed_range",
    "country_code",
    "load_reference",
    "mark",
    "match_incident",
    "parse_reference_date",
    "reference_figure",
    "tolerance",
    "types_compatible",
    "verdict_counts",
]
