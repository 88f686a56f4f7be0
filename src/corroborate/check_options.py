"""Defaults and choices of `corroborate check`, importable without loading the gazetteer (every command's
module names them in its options, and `corroborate extract` should not pay for reading reference data)."""

from __future__ import annotations

from enum import Enum

DEFAULT_WINDOW_DAYS = 2
"""Days apart a day-precise incident and a one-day reference event may be (reports and coders date overnight events differently)."""
DEFAULT_MAX_KM = 25.0
"""Distance within which two located places are one place: UCDP's where_prec 2 ("within 25 km of a named place")."""


class Verdict(str, Enum):
    consistent = "consistent"
    inflated = "inflated"
    deflated = "deflated"
    unmatched = "unmatched"


class ReferenceFormat(str, Enum):
    """The reference datasets `check.load_reference` reads (its REFERENCE_FORMATS has one entry for each)."""

    ucdp = "ucdp"
    acled = "acled"
    victims = "victims"
