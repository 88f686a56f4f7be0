"""The gazetteer: names to places by normalised key, loaded from the bundled CSV and the user's GeoNames imports,
its name index cached under the user's cache directory, and close-spelling lookups."""

from __future__ import annotations

import hashlib
import os
import sys
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Mapping, NamedTuple, Optional, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from corroborate.gazetteer import names
from corroborate.gazetteer.entries import GazetteerEntry, GazetteerRows, read_gazetteer_csv, read_gazetteer_rows
from corroborate.gazetteer.names import MIN_VOWEL_KEY_CONSONANTS, fine_vowel_key, name_key, skeleton, vowel_key
from corroborate.loading import collector_paused
from corroborate.package_data import data_file

BUNDLED_GAZETTEER = data_file("gazetteer.csv")
GAZETTEER_ENV = "CORROBORATE_GAZETTEER"
MIN_SKELETON_LETTERS = 3  # "Marea" / "Mari" (m-r) is too little to tell a name by
FUZZY_MEMO_SIZE = 50_000
SMALLEST_WORLD_TOWN = 15_000  # outside the war's region the gazetteer lists towns this large (build_gazetteer)  # names remembered with their close spellings; the memo starts over when full
ROMANISATION_RATIO = 75


def user_gazetteer_path() -> Path:
    """Where `import_geonames` writes by default and `Gazetteer.load` looks for extra places."""
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "corroborate" / "gazetteer-extra.csv"


def default_extra_paths() -> list[Path]:
    """$CORROBORATE_GAZETTEER (os.pathsep-separated; empty for none) or else the user gazetteer, if they exist."""
    configured = os.environ.get(GAZETTEER_ENV)
    if configured is None:
        candidates = [user_gazetteer_path()]
    else:
        candidates = [Path(part).expanduser() for part in configured.split(os.pathsep) if part]
    return [path for path in candidates if path.is_file()]


def _merge(base: list[GazetteerEntry], extra: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """Extra rows replace base rows with the same geonameid, keeping the names of both."""
    merged = {entry.geonameid: entry for entry in base if entry.geonameid is not None}
    unnumbered = [entry for entry in base if entry.geonameid is None]
    for entry in extra:
        geonameid = entry.geonameid
        if geonameid is None:
            unnumbered.append(entry)
            continue
        known = merged.get(geonameid)
        if known is not None:
            names = dict.fromkeys((*entry.alternate_names, *known.names))
            names.pop(entry.name, None)
            entry = replace(entry, alternate_names=tuple(names))
        merged[geonameid] = entry
    return [*merged.values(), *unnumbered]


class Gazetteer:
    """Names to places, by normalised key (see `name_key`)."""

    _default: Optional["Gazetteer"] = None

    def __init__(self, entries: Iterable[GazetteerEntry], key_rows: Optional[Mapping[str, Sequence[int] | str]] = None):
        """`key_rows`: each key's entries as positions in `entries`, best first, as `key_rows()` gives them
        (an index computed before, see `Gazetteer.load`); without it the index is computed. Entries given as
        `GazetteerRows` are made only when a lookup finds them."""
        self._entries: Sequence[GazetteerEntry] = entries if isinstance(entries, GazetteerRows) else tuple(entries)
        if key_rows is None:
            grouped: dict[str, list[GazetteerEntry]] = {}
            for entry in self._entries:
                for key in {name_key(name) for name in {entry.name, entry.ascii_name, *entry.alternate_names}}:
                    if key:
                        grouped.setdefault(key, []).append(entry)
            rows = {id(entry): row for row, entry in enumerate(self._entries)}
            self._key_rows: dict[str, Sequence[int] | str] = {
                key: [rows[id(entry)] for entry in _ranked(found)] if len(found) > 1 else [rows[id(found[0])]]
                for key, found in grouped.items()
            }
        else:
            self._key_rows = dict(key_rows)
        self._keys = list(self._key_rows)
        self._by_skeleton: Optional[dict[str, list[str]]] = None  # built on the first fuzzy lookup
        self._by_vowel_key: Optional[dict[str, list[str]]] = None
        self._key_letters: Optional[tuple[np.ndarray, np.ndarray]] = None  # keys' lengths and `_letter_mask`s
        self._covered: Optional[frozenset[str]] = None
        self._fuzzy_found: dict[tuple[str, float], tuple[GazetteerEntry, ...]] = {}  # a corpus names places again and again
        self._by_geonameid: Optional[dict[int, int]] = None  # geonameid -> row, built on the first `get`
        self._rows_of_feature: dict[str, list[int]] = {}

    def _found(self, key: str) -> tuple[GazetteerEntry, ...]:
        return tuple([self._entries[row] for row in self._rows_of(key)])

    def _rows_of(self, key: str) -> Sequence[int]:
        rows = self._key_rows.get(key, ())
        if isinstance(rows, str):  # as the cache wrote it, read on first use
            rows = self._key_rows[key] = [int(row) for row in rows.split()]
        return rows

    def _column(self, name: str) -> list:
        """One column of every entry (as written, for `GazetteerRows`), without making the entries."""
        if isinstance(self._entries, GazetteerRows):
            return self._entries.column(name)
        return [getattr(entry, name) for entry in self._entries]

    @classmethod
    def load(cls, path: str | Path | None = None, extra_paths: Iterable[str | Path] | None = None) -> "Gazetteer":
        """The bundled gazetteer (or `path`) merged with extra files (default: `default_extra_paths()`).

        Its name index is read from the user's cache when it was computed before from the same files by
        the same code (a third of the load time), and written there otherwise; see `GazetteerIndexCache`."""
        paths = [Path(path or BUNDLED_GAZETTEER), *(default_extra_paths() if extra_paths is None else map(Path, extra_paths))]
        with collector_paused():
            entries = read_gazetteer_rows(paths[0])
            for extra in paths[1:]:
                entries = _merge(list(entries), read_gazetteer_csv(extra))
            cache = GazetteerIndexCache(paths)
            cached = cache.read(len(entries))
            gazetteer = cls(entries, cached.key_rows if cached else None)
            if cached is None:
                country_rows = gazetteer._feature_rows("country")
                cache.write(gazetteer.key_rows(), country_rows, gazetteer.covered_countries())
            else:
                gazetteer._rows_of_feature["country"] = cached.country_rows
                gazetteer._covered = cached.covered
            return gazetteer

    @classmethod
    def default(cls) -> "Gazetteer":
        """The process-wide gazetteer, loaded on first use."""
        if cls._default is None:
            cls._default = cls.load()
        return cls._default

    def entries(self) -> tuple[GazetteerEntry, ...]:
        return tuple(self._entries)

    def of_feature(self, feature: str) -> list[GazetteerEntry]:
        """The entries of one feature ("country", "admin1", ...), in file order."""
        return [self._entries[row] for row in self._feature_rows(feature)]

    def _feature_rows(self, feature: str) -> list[int]:
        rows = self._rows_of_feature.get(feature)
        if rows is None:
            rows = self._rows_of_feature[feature] = [row for row, found in enumerate(self._column("feature")) if found == feature]
        return rows

    def keys(self) -> list[str]:
        return self._keys

    def key_rows(self) -> dict[str, list[int]]:
        """The name index as positions in `entries()`: what `Gazetteer(entries, key_rows)` is built from."""
        return {key: list(self._rows_of(key)) for key in self._key_rows}

    def covered_countries(self) -> frozenset[str]:
        """Countries the gazetteer lists down to villages (the war's region: `build_gazetteer --countries`);
        elsewhere it has only towns of SMALLEST_WORLD_TOWN people or more."""
        if self._covered is None:
            columns = zip(self._column("country"), self._column("feature"), self._column("population"))
            self._covered = frozenset(
                country for country, feature, population in columns if feature == "city" and int(population or 0) < SMALLEST_WORLD_TOWN
            )
        return self._covered

    def get(self, geonameid: int) -> Optional[GazetteerEntry]:
        if self._by_geonameid is None:
            ids = self._column("geonameid")
            self._by_geonameid = {int(found): row for row, found in enumerate(ids) if found is not None and found != ""}
        row = self._by_geonameid.get(geonameid)
        return None if row is None else self._entries[row]

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Entries with this name, best first: the city named like its own governorate, then countries,
        divisions and the other cities by population."""
        return list(self._found(name_key(name)))

    def admin1_entry(self, name: str, country: Optional[str] = None) -> Optional[GazetteerEntry]:
        """The first-level division called `name` (any spelling the gazetteer knows)."""
        return next(
            (entry for entry in self._found(name_key(name)) if entry.feature == "admin1" and (country is None or entry.country == country)),
            None,
        )

    def fuzzy_lookup(self, name: str, score_cutoff: float = 90) -> list[GazetteerEntry]:
        """Entries whose key is a close spelling of the name's key (rapidfuzz ratio), closest first,
        then other romanisations of it: the same consonants (see `skeleton`) and a looser ratio
        ("Deir Ezour" for Deir ez-Zor, "Khan Sheikhoun" for Khān Shaykhūn)."""
        key = name_key(name)
        found = self._fuzzy_found.get((key, score_cutoff))
        if found is None:
            if len(self._fuzzy_found) >= FUZZY_MEMO_SIZE:
                self._fuzzy_found.clear()
            found = self._fuzzy_found[key, score_cutoff] = self._close_entries(key, score_cutoff)
        return list(found)

    def _close_entries(self, key: str, score_cutoff: float) -> tuple[GazetteerEntry, ...]:
        found = self._closest_keys(key, score_cutoff)
        consonants = skeleton(key)
        if len(consonants.replace(" ", "")) >= MIN_SKELETON_LETTERS:
            if self._by_skeleton is None:
                self._by_skeleton = {}
                for known in self._keys:
                    self._by_skeleton.setdefault(skeleton(known), []).append(known)
            variants = [other for other in self._by_skeleton.get(consonants, ()) if fuzz.ratio(key, other) >= ROMANISATION_RATIO]
            found += sorted(variants, key=lambda other: -fuzz.ratio(key, other))
        # Vowel variants ("Taldaou", "Tal Dou" for Taldou; "Houleh" for Houla): coarse for names of three
        # consonants or more, by vowel class for shorter ones.
        coarse = len(skeleton(key).replace(" ", "")) >= MIN_VOWEL_KEY_CONSONANTS
        vowels = vowel_key(key) if coarse else fine_vowel_key(key)
        if len(vowels) >= 4:
            if self._by_vowel_key is None:
                self._by_vowel_key = {}
                for known in self._keys:
                    self._by_vowel_key.setdefault(vowel_key(known), []).append(known)
                    self._by_vowel_key.setdefault("~" + fine_vowel_key(known), []).append(known)
            found += self._by_vowel_key.get(vowels if coarse else "~" + vowels, ())
        entries = [entry for found_key in dict.fromkeys(found) for entry in self._found(found_key)]
        return tuple(dict.fromkeys(entries))

    def _closest_keys(self, key: str, score_cutoff: float, limit: int = 5) -> list[str]:
        """`process.extract(key, keys, scorer=fuzz.ratio, ...)`'s keys (best first, ties in index order), scoring
        only the keys that can reach the cutoff: scoring all 50,000 was most of the time of a fuzzy lookup.
        A ratio is 100 * (1 - indel distance / both lengths), and the distance is at least the difference of
        the lengths and the number of letters that one of the two has and the other lacks (`_letter_mask`)."""
        if self._key_letters is None:
            self._key_letters = (
                np.array([len(known) for known in self._keys], dtype=np.int64),
                np.array([_letter_mask(known) for known in self._keys], dtype=np.uint64),
            )
        lengths, masks = self._key_letters
        total = lengths + len(key)
        least_distance = np.maximum(np.abs(lengths - len(key)), np.bitwise_count(masks ^ np.uint64(_letter_mask(key))))
        possible = np.flatnonzero(100 * (total - least_distance) >= (score_cutoff - 1) * total)  # 1 point to spare for rounding
        choices = [self._keys[index] for index in possible]  # in index order, so ties stay in it
        return [found for found, _, _ in process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=score_cutoff, limit=limit)]


def _letter_mask(text: str) -> int:
    """The characters of `text` as bits of a 64-bit mask (two characters may share a bit: the count of
    differing bits then falls short of the count of differing characters, never exceeds it)."""
    mask = 0
    for char in text:
        mask |= 1 << (ord(char) & 63)
    return mask


class CachedIndex(NamedTuple):
    key_rows: dict[str, str]  # each key's rows as written ("12 7 301"): parsed when a lookup first needs them
    country_rows: list[int]
    covered: frozenset[str]


class GazetteerIndexCache:
    """The gazetteer's name index (key -> rows, best first), its countries' rows and the countries it covers down
    to villages, as a text file in the user's cache directory, valid for one content of the gazetteer files
    and of the modules that compute keys (names.py) and rank them (this one): computing them is most of the
    gazetteer's load time, reading them a small part, and no row need be read to start. The first line
    holds the inputs' digest and the rest's, so a file changed in any way is not used. Everything works
    without it: a cache that cannot be read or written is computed again, silently."""

    FORMAT = "corroborate gazetteer index 3"

    def __init__(self, paths: Sequence[Path]):
        # Unicode folding is Python's; keys are computed in names.py, ranked here
        digest = hashlib.sha256(sys.version.encode() + Path(names.__file__).read_bytes() + Path(__file__).read_bytes())
        for path in paths:
            digest.update(path.read_bytes())
        self.stamp = f"{self.FORMAT} {digest.hexdigest()}"
        cache_home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        # One file per stamp: installs of different versions (or gazetteers) on one machine keep theirs apart.
        self.path = Path(cache_home) / "corroborate" / f"gazetteer-index-{digest.hexdigest()[:16]}.tsv"

    def read(self, row_count: int) -> Optional[CachedIndex]:
        try:
            head, _, body = self.path.read_text(encoding="utf-8").partition("\n")
        except (OSError, UnicodeDecodeError):
            return None
        if head != f"{self.stamp} {hashlib.sha256(body.encode()).hexdigest()}":
            return None
        lines = body.split("\n")
        facts = [line.split("\t") for line in lines[:2]]  # "\tcountry\t<rows>", "\tcovered\t<codes>"
        if [fact[:2] for fact in facts] != [["", "country"], ["", "covered"]] or any(len(fact) != 3 for fact in facts):
            return None
        countries = [int(row) for row in facts[0][2].split()]
        if any(not 0 <= row < row_count for row in countries):
            return None
        key_rows = dict(line.split("\t", 1) for line in lines[2:] if line)
        return CachedIndex(key_rows, countries, frozenset(facts[1][2].split()))

    def write(self, key_rows: Mapping[str, Sequence[int]], country_rows: Sequence[int], covered: Iterable[str]) -> None:
        lines = [
            f"\tcountry\t{' '.join(map(str, country_rows))}",
            f"\tcovered\t{' '.join(sorted(covered))}",
            *(f"{key}\t{' '.join(map(str, rows))}" for key, rows in key_rows.items()),
        ]
        body = "\n".join(lines) + "\n"
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(f"{self.stamp} {hashlib.sha256(body.encode()).hexdigest()}\n{body}", encoding="utf-8")
            os.replace(partial, self.path)  # workers starting together each see a whole file
        except OSError:
            with suppress(OSError):
                partial.unlink(missing_ok=True)


def _ranked(entries: list[GazetteerEntry]) -> tuple[GazetteerEntry, ...]:
    divisions = {(entry.country, entry.name) for entry in entries if entry.feature == "admin1"}

    def rank(entry: GazetteerEntry) -> tuple[int, int]:
        if entry.feature == "city" and (entry.country, entry.admin1) in divisions:
            return (0, 0)  # a bare "Aleppo" is the city of Aleppo governorate
        return (1 + ("country", "admin1", "region", "admin2", "city").index(entry.feature), -entry.population)

    return tuple(sorted(dict.fromkeys(entries), key=rank))


class NameIndex:
    """The gazetteer's keys and their first words: finding them in a text's words is a set lookup per word,
    and building it takes a fraction of what a spaCy PhraseMatcher over 50,000 names took (seconds), and of
    what grouping the keys by first word and length took (a tenth of a second at every start)."""

    def __init__(self, keys: Iterable[str]):
        self._keys = frozenset(keys)
        self._first_words = frozenset(key.partition(" ")[0] for key in self._keys)
        self._longest = max((key.count(" ") + 1 for key in self._keys), default=0)
        # The first words of the keys of several words ("deir", "deir ez"): a run of words that is none of
        # them starts no longer key, so the search stops there instead of trying every length up to the longest.
        parts = [key.split(" ") for key in self._keys if " " in key]
        self._prefixes = frozenset(" ".join(words[:length]) for words in parts for length in range(1, len(words)))

    def find(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """(start, end) of every run of words that is a key, overlapping ones too, by start then length."""
        found = []
        keys, prefixes = self._keys, self._prefixes
        for start, word in enumerate(words):
            if word not in self._first_words:
                continue
            run, spaced = word, " " in word
            for end in range(start + 1, min(start + self._longest, len(words)) + 1):
                if end > start + 1:
                    following = words[end - 1]
                    run, spaced = f"{run} {following}", spaced or " " in following
                if run in keys and not spaced:
                    found.append((start, end))
                if run not in prefixes:
                    break
        return found
