"""Reading numbers as written, hedges and vague words kept (no model)."""

from __future__ import annotations

import pytest

from corroborate.extract.numbers import parse_count, parse_number


@pytest.mark.parametrize(
    ("text", "low", "best", "high"),
    [
        # exact
        ("115", 115, 115, 115),
        ("five", 5, 5, 5),
        ("Thirty one", 31, 31, 31),
        ("twenty-three", 23, 23, 23),
        ("two hundred", 200, 200, 200),
        ("one hundred and fifty", 150, 150, 150),
        ("a hundred", 100, 100, 100),
        ("a dozen", 12, 12, 12),
        ("two dozen", 24, 24, 24),
        ("half a dozen", 6, 6, 6),
        ("a couple of", 2, 2, 2),
        ("1,500", 1500, 1500, 1500),
        ("1500", 1500, 1500, 1500),
        ("300000", 300000, 300000, 300000),
        ("1.2 million", 1200000, 1200000, 1200000),
        ("another 31", 31, 31, 31),
        ("a further 6", 6, 6, 6),
        # lower bounds keep the figure as written
        ("at least 60", 60, 60, None),
        ("At least sixty", 60, 60, None),
        ("more than 100", 100, 100, None),
        ("over 100", 100, 100, None),
        ("no fewer than 12", 12, 12, None),
        ("40 or more", 40, 40, None),
        # approximate
        ("about 50", None, 50, None),
        ("around 50", None, 50, None),
        ("some 50", None, 50, None),
        ("roughly 50", None, 50, None),
        ("an estimated 2,000", None, 2000, None),
        # just below the figure
        ("nearly 100", None, 100, 100),
        ("almost 100", None, 100, 100),
        ("close to 100", None, 100, 100),
        # upper bounds give no central estimate
        ("up to 30", None, None, 30),
        ("as many as 30", None, None, 30),
        ("fewer than 10", None, None, 10),
        # ranges: best is the conservative end
        ("between 20 and 30", 20, 20, 30),
        ("20 to 30", 20, 20, 30),
        ("20-30", 20, 20, 30),
        ("20 \u2013 30", 20, 20, 30),
        ("two or three", 2, 2, 3),
        # vague words, read as ACLED does
        ("tens", 10, 10, None),
        ("dozens", 12, 12, None),
        ("scores", 20, 20, None),
        ("hundreds", 100, 100, None),
        ("thousands", 1000, 1000, None),
        ("tens of thousands", 10000, 10000, None),
        ("hundreds of thousands", 100000, 100000, None),
        ("several", 3, 3, None),
        ("a number of", 3, 3, None),
        ("many", 3, 3, None),
        ("a few", 2, 2, None),
        ("several dozen", 36, 36, None),
        ("a few hundred", 200, 200, None),
        ("many thousands", 1000, 1000, None),
        ("at least dozens", 12, 12, None),
        ("nearly a dozen", None, 12, 12),
    ],
)
def test_casualties_parse_count(text, low, best, high):
    count = parse_count(text)
    assert (count.low, count.best, count.high) == (low, best, high)
    assert count.text == text


def test_casualties_parse_count_ignores_the_counted_noun():
    count = parse_count("at least 60 people")
    assert (count.low, count.best, count.high) == (60, 60, None)


def test_casualties_parse_count_without_a_number_is_empty():
    count = parse_count("civilians")
    assert (count.low, count.best, count.high, count.text) == (None, None, None, "civilians")


def test_casualties_from_to_is_not_a_range():
    """'rose from 20 to 31' is a toll update, not a range of 20 to 31."""
    count = parse_count("from 20 to 31")
    assert (count.low, count.best, count.high) == (20, 20, 20)


@pytest.mark.parametrize(
    ("text", "value"),
    [("two", 2), ("twenty one", 21), ("1,500", 1500), ("a dozen", 12), ("dozens", None), ("people", None)],
)
def test_casualties_parse_number(text, value):
    assert parse_number(text) == value
