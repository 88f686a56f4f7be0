"""Resolving date expressions against the publication date, and finding that date in a text (no model)."""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.extract.dates import publication_date_from_text, resolve_date
from corroborate.models import Precision

THURSDAY = dt.date(2013, 6, 13)
D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Tuesday", D(2013, 6, 11), D(2013, 6, 11), Precision.day),
        ("on Tuesday", D(2013, 6, 11), D(2013, 6, 11), Precision.day),
        ("Tuesday night", D(2013, 6, 11), D(2013, 6, 11), Precision.day),
        ("late on Tuesday", D(2013, 6, 11), D(2013, 6, 11), Precision.day),
        ("Tuesday's", D(2013, 6, 11), D(2013, 6, 11), Precision.day),
        ("Tuesdays", D(2013, 6, 11), D(2013, 6, 11), Precision.day),  # the possessive, apostrophe lost
        ("on Sunday evening", D(2013, 6, 9), D(2013, 6, 9), Precision.day),
        ("Thursday", THURSDAY, THURSDAY, Precision.day),
        ("last Thursday", D(2013, 6, 6), D(2013, 6, 6), Precision.day),
        ("Friday", D(2013, 6, 7), D(2013, 6, 7), Precision.day),
        ("yesterday", D(2013, 6, 12), D(2013, 6, 12), Precision.day),
        ("last night", D(2013, 6, 12), D(2013, 6, 12), Precision.day),
        ("today", THURSDAY, THURSDAY, Precision.day),
        ("overnight", THURSDAY, THURSDAY, Precision.day),
        ("the day before", D(2013, 6, 12), D(2013, 6, 12), Precision.day),
        ("two days ago", D(2013, 6, 11), D(2013, 6, 11), Precision.day),
        ("last week", D(2013, 6, 3), D(2013, 6, 9), Precision.week),
        ("this week", D(2013, 6, 10), D(2013, 6, 16), Precision.week),
        ("a week ago", D(2013, 6, 3), D(2013, 6, 9), Precision.week),
        ("over the weekend", D(2013, 6, 8), D(2013, 6, 9), Precision.week),
        ("on May 12", D(2013, 5, 12), D(2013, 5, 12), Precision.day),
        ("12 May", D(2013, 5, 12), D(2013, 5, 12), Precision.day),
        ("the 5th of April", D(2013, 4, 5), D(2013, 4, 5), Precision.day),
        ("Sept. 5", D(2012, 9, 5), D(2012, 9, 5), Precision.day),
        ("June 18", D(2013, 6, 18), D(2013, 6, 18), Precision.day),  # a few days after publication
        ("June 25", D(2012, 6, 25), D(2012, 6, 25), Precision.day),  # too far ahead: last year
        ("May 12, 2016", D(2016, 5, 12), D(2016, 5, 12), Precision.day),
        ("Wednesday 5 April 2017", D(2017, 4, 5), D(2017, 4, 5), Precision.day),
        ("Wed 05 Apr 2017", D(2017, 4, 5), D(2017, 4, 5), Precision.day),
        ("26.11.2014", D(2014, 11, 26), D(2014, 11, 26), Precision.day),
        ("last month", D(2013, 5, 1), D(2013, 5, 31), Precision.month),
        ("earlier this month", D(2013, 6, 1), D(2013, 6, 30), Precision.month),
        ("three months ago", D(2013, 3, 1), D(2013, 3, 31), Precision.month),
        ("in March", D(2013, 3, 1), D(2013, 3, 31), Precision.month),
        ("mid-March", D(2013, 3, 1), D(2013, 3, 31), Precision.month),
        ("in August", D(2012, 8, 1), D(2012, 8, 31), Precision.month),
        ("March 2011", D(2011, 3, 1), D(2011, 3, 31), Precision.month),
        ("2013", D(2013, 1, 1), D(2013, 12, 31), Precision.year),
        ("in 2011", D(2011, 1, 1), D(2011, 12, 31), Precision.year),
        ("last year", D(2012, 1, 1), D(2012, 12, 31), Precision.year),
        ("the 1980s", D(1980, 1, 1), D(1989, 12, 31), Precision.year),
    ],
)
def test_dates_resolve_against_publication(text, start, end, precision):
    resolved = resolve_date(text, THURSDAY)
    assert (resolved.start, resolved.end, resolved.precision) == (start, end, precision)
    assert resolved.text == text


def test_dates_weekday_of_publication_is_publication_day():
    assert resolve_date("Monday", D(2017, 3, 13)).start == D(2017, 3, 13)


def test_dates_month_day_crosses_new_year():
    assert resolve_date("December 30", D(2014, 1, 2)).start == D(2013, 12, 30)


def test_dates_last_month_in_january_is_december():
    resolved = resolve_date("last month", D(2015, 1, 20))
    assert (resolved.start, resolved.end) == (D(2014, 12, 1), D(2014, 12, 31))


@pytest.mark.parametrize(
    ("text", "precision", "month", "day"),
    [
        ("May 12", Precision.day, 5, 12),
        ("on 12 May", Precision.day, 5, 12),
        ("Tuesday, June 11", Precision.day, 6, 11),
        ("in March", Precision.month, 3, None),
    ],
)
def test_dates_never_guess_a_year(text, precision, month, day):
    resolved = resolve_date(text, None)
    assert resolved.start is None and resolved.end is None
    assert (resolved.precision, resolved.month, resolved.day) == (precision, month, day)


@pytest.mark.parametrize("text", ["Tuesday", "yesterday", "last week", "two days ago", "a fortnight ago", "last month"])
def test_dates_relative_without_publication_are_unknown(text):
    resolved = resolve_date(text, None)
    assert (resolved.start, resolved.precision, resolved.text) == (None, Precision.unknown, text)


def test_dates_explicit_year_needs_no_publication():
    assert resolve_date("May 12, 2016", None).start == D(2016, 5, 12)
    assert resolve_date("2013", None).precision == Precision.year


@pytest.mark.parametrize("text", ["Ramadan", "tomorrow", "February 30", "the past two years"])
def test_dates_unresolvable_are_unknown(text):
    assert resolve_date(text, THURSDAY).precision == Precision.unknown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use", D(2017, 4, 5)),
        ("Monday 13 March 2017 Rebels shelled the district", D(2017, 3, 13)),
        ("DAMASCUS, Syria (AP) \u2014 March 3, 2017 \u2014 Shells hit the old city", D(2017, 3, 3)),
        ("Published April 2 2017 Syrian opposition forces on Sunday claimed", D(2017, 4, 2)),
        ("Date of publication 18 July 2016 Activists say air strikes hit", D(2016, 7, 18)),
        ("Last updated at Jul 012016 BEIRUT At least 70 fighters", D(2016, 7, 1)),
        ("20.07.2016(updated 1329 20.07.2016) Get short URL", D(2016, 7, 20)),
        ("21.08.2013Get short URL 0 0 Regime forces fired", D(2013, 8, 21)),
        ("17-08-2013 17 Killed as gunmen attack town", D(2013, 8, 17)),
        ("Mortar fire kills two at opera house State media AFP Sunday 6 Apr 2014 A mortar", D(2014, 4, 6)),
    ],
)
def test_dates_publication_date_from_opening(text, expected):
    assert publication_date_from_text(text) == expected


def test_dates_publication_date_needs_a_year_near_the_top():
    assert publication_date_from_text("DAMASCUS, March 3 (Reuters) - Shelling killed five.") is None
    assert publication_date_from_text("x" * 300 + " 5 April 2017") is None


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2016 the army shelled the old market of the town.",
        "Timeline: from 4 March 2014 the talks between the parties stalled.",
    ],
)
def test_dates_publication_date_is_not_a_date_prose_introduces(text):
    assert publication_date_from_text(text) is None


def test_dates_publication_date_after_a_label_or_before_prose_dates():
    assert publication_date_from_text("Posted on May 3 2016 by a staff writer. Shelling hit the town.") == D(2016, 5, 3)
    text = "On 3 May 2016 rockets fell. Tue 10 May 2016 A week later the town was quiet."
    assert publication_date_from_text(text) == D(2016, 5, 10)
