"""The actor and source dictionaries: data/actors.toml (armed groups and forces, with their aliases, attributive
modifiers, types and FA-KES classes) and data/sources.toml (reporting organisations and the side they lean to),
read, checked and found by name. The rules that mark their mentions in a text and read actors' roles are in
extract/actors.py; this module imports no spaCy."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Generic, Iterable, Iterator, Optional, Self, TypeVar

from rapidfuzz import fuzz, process

from corroborate.errors import ConfigurationError
from corroborate.lang import lexicon
from corroborate.models import ActorType
from corroborate.package_data import data_file

# Label of an actor span that the dictionary does not know (its entry is None).
UNLISTED_LABEL = "unlisted"

UNKNOWN_CLASS = "unknown"
FAKES_CLASSES = (
    "syrian government or russian troops",
    "armed opposition groups",
    "the organization of the islamic state in iraq and the levant - isis",
    "al-nusra front",
    "international coalition forces",
    "self administration forces",
    UNKNOWN_CLASS,
)
ALIGNMENTS = ("pro-government", "opposition", "kurdish", "coalition", "turkish", "jihadist", "independent", "unknown")
SOURCE_KINDS = (
    "monitor",
    "news agency",
    "broadcaster",
    "newspaper",
    "news site",
    "official",
    "activist network",
    "rescue service",
)
FUZZY_CUTOFF = 90

# --------------------------------------------------------------------------- dictionary entries


@dataclass(frozen=True)
class ActorEntry:
    """One actor of actors.toml."""

    key: str
    name: str
    aliases: tuple[str, ...]
    type: ActorType
    fakes_class: str = UNKNOWN_CLASS
    country: Optional[str] = None
    generic: bool = False
    modifiers: tuple[str, ...] = ()
    cased_aliases: tuple[str, ...] = ()
    successor_of: Optional[str] = None
    note: Optional[str] = None
    foreign_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(language code, names) from the `aliases_<code>` fields and the `descriptions_<code>` ones: how news in
    that language writes the actor."""
    descriptions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(language code, names; "en" for `descriptions`): the aliases that describe a state's forces without
    naming the state ("government forces"), read as the forces of the story's country (`in_story`)."""
    national: bool = False
    """The forces a description names in a story about the entry's country (one entry per country)."""
    described_country: Optional[str] = None
    """For a country-less description ("the army"): the country whose forces it stands for unless the story
    is about another one (the war the dictionary's classes were written for)."""

    def aliases_in(self, language: str) -> tuple[str, ...]:
        """The names news in `language` (ISO 639-1) uses for the actor; English ones are `aliases`."""
        return next((names for code, names in self.foreign_aliases if code == language), ())

    def descriptions_in(self, language: str) -> tuple[str, ...]:
        """The entry's names in `language` that describe state forces without naming the state."""
        return next((names for code, names in self.descriptions if code == language), ())

    @property
    def describes_state_forces(self) -> bool:
        """A description as a whole ("the army", "security forces"): every one of its names describes."""
        return self.generic and self.type == ActorType.state_forces


@dataclass(frozen=True)
class SourceEntry:
    """One reporting organisation of sources.toml."""

    key: str
    name: str
    aliases: tuple[str, ...]
    alignment: str = "unknown"
    kind: Optional[str] = None
    country: Optional[str] = None
    cased_aliases: tuple[str, ...] = ()
    note: Optional[str] = None


Entry = TypeVar("Entry", bound=ActorEntry | SourceEntry)

# --------------------------------------------------------------------------- alias keys

_APOSTROPHES = str.maketrans({c: "" for c in "'’‘ʼ`´"})
_HYPHENS_AND_QUOTES = re.compile(r"[-‐‑‒–—/\"“”«»]")
_ARTICLE = lexicon("en").words("name_articles")
_ARTICLES = lexicon("en").words("articles")


def _words(text: str) -> list[str]:
    """Words of a name with accents, apostrophes, dots, hyphens and quotes folded away."""
    return list(_folded_words(text))


@lru_cache(maxsize=1 << 16)
def _folded_words(text: str) -> tuple[str, ...]:
    """`_words`, remembered: the same short texts are looked up at every token of every doc."""
    if text.isascii():
        plain = text  # nothing to decompose
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.translate(_APOSTROPHES).replace(".", "")
    return tuple(_HYPHENS_AND_QUOTES.sub(" ", plain).split())


@lru_cache(maxsize=1 << 16)
def lowered_key(text: str) -> str:
    """The folded words of `text`, lowered and joined: how names are keyed in `lowered_keys`."""
    return " ".join(_folded_words(text)).lower()


def is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _caps_key(words: list[str]) -> str:
    """Words in capitals (IS, US, SDF) keep their case, all others are lowered."""
    return " ".join(w if is_capitals(w) else w.lower() for w in words)


def _article_variants(words: list[str]) -> list[list[str]]:
    """A leading Arabic article is optional: 'al-Nusra Front' = 'Nusra Front'."""
    if len(words) > 1 and words[0].lower() in _ARTICLE:
        return [words, words[1:]]
    return [words, ["al", *words]]


class _AliasIndex:
    """Alias keys -> entry keys, under the three case rules of the data files.

    An alias with a word in capitals ("IS", "US-led coalition") matches only
    with those capitals; `cased_aliases` match their exact capitalisation;
    all other aliases match in any case.
    """

    def __init__(self) -> None:
        self.caseless: dict[str, str] = {}
        self.capitals: dict[str, str] = {}
        self.exact: dict[str, str] = {}
        self.longest = 1

    def add(self, alias: str, key: str, *, exact_case: bool = False, origin: str = "") -> None:
        words = _words(alias)
        if not words:
            raise ConfigurationError(f"{origin}: empty alias in {key!r}")
        variants = [words] if exact_case or any(is_capitals(w) for w in words) else _article_variants(words)
        for variant in variants:
            if exact_case:
                table, text = self.exact, " ".join(variant)
            elif any(is_capitals(w) for w in variant):
                table, text = self.capitals, _caps_key(variant)
            else:
                table, text = self.caseless, " ".join(variant).lower()
            owner = table.setdefault(text, key)
            if owner != key and variant is words:
                raise ConfigurationError(f"{origin}: alias {alias!r} belongs to both {owner!r} and {key!r}")
            self.longest = max(self.longest, len(variant))

    def keys(self) -> Iterator[str]:
        yield from self.caseless
        yield from self.capitals
        yield from self.exact

    def find(self, text: str) -> Optional[str]:
        """Entry key of `text` read as a whole name, or None."""
        words = _words(text)
        if not words:
            return None
        return self.exact.get(" ".join(words)) or self.capitals.get(_caps_key(words)) or self.caseless.get(" ".join(words).lower())


# --------------------------------------------------------------------------- loading


def _read_tables(path: Path) -> dict[str, dict]:
    try:
        with path.open("rb") as handle:
            tables = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigurationError(f"cannot read {path}: {error}") from error
    for key, table in tables.items():
        if not isinstance(table, dict):
            raise ConfigurationError(f"{path}: {key!r} must be a table")
        if not re.fullmatch(r"[a-z0-9_]+", key) or key == UNLISTED_LABEL:
            raise ConfigurationError(f"{path}: table name {key!r} must be lower_snake_case and not {UNLISTED_LABEL!r}")
    return tables


ACTOR_FIELDS = frozenset(
    {
        "name",
        "aliases",
        "cased_aliases",
        "modifiers",
        "type",
        "country",
        "fakes_class",
        "generic",
        "successor_of",
        "note",
        "descriptions",
        "national",
        "described_country",
    }
)
SOURCE_FIELDS = frozenset({"name", "aliases", "cased_aliases", "alignment", "kind", "country", "note"})
# `aliases_ar`, `aliases_fr`, ...: an actor's names in another language, keyed by its ISO 639-1 code
# (`descriptions_ar`, ...: names in that language that describe state forces without naming the state).
FOREIGN_ALIASES = re.compile(r"aliases_([a-z]{2})")
FOREIGN_DESCRIPTIONS = re.compile(r"descriptions_([a-z]{2})")


def _checked(path: Path, key: str, table: dict, fields: frozenset[str]) -> dict:
    unknown = {
        field
        for field in set(table) - fields
        if not (fields is ACTOR_FIELDS and (FOREIGN_ALIASES.fullmatch(field) or FOREIGN_DESCRIPTIONS.fullmatch(field)))
    }
    if unknown:
        raise ConfigurationError(f"{path}: {key} has unknown fields {sorted(unknown)}")
    if not isinstance(table.get("name"), str):
        raise ConfigurationError(f"{path}: {key} has no name")
    return table


def _choice(path: Path, key: str, field: str, value: str, allowed: Iterable[str]) -> str:
    if value not in allowed:
        raise ConfigurationError(f"{path}: {key}.{field} = {value!r} is not one of {sorted(allowed)}")
    return value


def _parse_actor(path: Path, key: str, table: dict) -> ActorEntry:
    table = _checked(path, key, table, ACTOR_FIELDS)
    types = {t.value: t for t in ActorType}
    descriptions = {"en": tuple(table.get("descriptions", ()))}
    descriptions.update(
        (match.group(1), tuple(names)) for field, names in table.items() if (match := FOREIGN_DESCRIPTIONS.fullmatch(field))
    )
    foreign = {match.group(1): tuple(names) for field, names in table.items() if (match := FOREIGN_ALIASES.fullmatch(field))}
    for language, names in descriptions.items():
        if language != "en":  # a description is a name too
            foreign[language] = foreign.get(language, ()) + names
    return ActorEntry(
        key=key,
        name=table["name"],
        aliases=tuple(table.get("aliases", ())) + descriptions["en"],
        type=types[_choice(path, key, "type", table.get("type", "unknown"), types)],
        fakes_class=_choice(path, key, "fakes_class", table.get("fakes_class", UNKNOWN_CLASS), FAKES_CLASSES),
        country=table.get("country"),
        generic=bool(table.get("generic", False)),
        modifiers=tuple(table.get("modifiers", ())),
        cased_aliases=tuple(table.get("cased_aliases", ())),
        successor_of=table.get("successor_of"),
        note=table.get("note"),
        foreign_aliases=tuple(foreign.items()),
        descriptions=tuple((language, names) for language, names in descriptions.items() if names),
        national=bool(table.get("national", False)),
        described_country=table.get("described_country"),
    )


def _parse_source(path: Path, key: str, table: dict) -> SourceEntry:
    table = _checked(path, key, table, SOURCE_FIELDS)
    return SourceEntry(
        key=key,
        name=table["name"],
        aliases=tuple(table.get("aliases", ())),
        alignment=_choice(path, key, "alignment", table.get("alignment", "unknown"), ALIGNMENTS),
        kind=_choice(path, key, "kind", table["kind"], SOURCE_KINDS) if "kind" in table else None,
        country=table.get("country"),
        cased_aliases=tuple(table.get("cased_aliases", ())),
        note=table.get("note"),
    )


def _describes(word: str) -> bool:
    """Whether a word in front of a name leaves the name as it is: not a capitalised word of a longer
    name, but a description ("official"), an article, an owner ("Syria's", "Syrias") or a hyphenated
    word ("UK-based")."""
    return not word[:1].isupper() or word.lower() in _ARTICLES or word.endswith("s") or "-" in word


class _NameDictionary(Generic[Entry]):
    """Entries read from one TOML file, found by canonical name or alias."""

    default_file: str
    parse_entry: Callable[[Path, str, dict], Entry]

    def __init__(self, entries: list[Entry], path: Path):
        self.path = path
        self.entries: dict[str, Entry] = {e.key: e for e in entries}
        self.aliases = _AliasIndex()
        self._by_name = {e.name.lower(): e for e in entries}
        for entry in entries:
            names = entry.aliases if entry.name in entry.cased_aliases else (entry.name, *entry.aliases)
            for alias in names:
                self.aliases.add(alias, entry.key, origin=str(path))
            for alias in entry.cased_aliases:
                self.aliases.add(alias, entry.key, exact_case=True, origin=str(path))
        self._fuzzy_keys = {k: v for k, v in self.aliases.caseless.items() if " " in k}

    @classmethod
    def load(cls, path: str | Path | None = None) -> Self:
        """Read the bundled file, or the one at `path` (same format)."""
        file = Path(path) if path else data_file(cls.default_file)
        tables = _read_tables(file)
        return cls([cls.parse_entry(file, key, table) for key, table in tables.items()], file)

    @classmethod
    def default(cls) -> Self:
        """The bundled file, read once per process."""
        # A class is hashable, but mypy reads the hash of `type[Self]` off its instances (python/mypy#20409).
        return cached_dictionary(cls, None)  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def get(self, key: str) -> Optional[Entry]:
        return self.entries.get(key)

    def by_name(self, name: str) -> Optional[Entry]:
        """The entry whose canonical name is `name`, else the one that has it as an alias."""
        return self._by_name.get(name.lower()) or self.lookup(name, fuzzy=False)

    def lookup(self, text: str, *, fuzzy: bool = True) -> Optional[Entry]:
        """The entry `text` names, ignoring case, 'the', 'al-', hyphens and quotes;
        close spellings of multiword names too ("Jabhat al-Nusrah")."""
        words = _words(text)
        if not words:
            return None
        key = self.aliases.find(" ".join(words))
        if key is None and words[0].lower() == "the" and len(words) > 1:
            words = words[1:]
            key = self.aliases.find(" ".join(words))
        if key is None and fuzzy and len(words) > 1:
            best = process.extractOne(" ".join(words).lower(), self._fuzzy_keys.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            key = self._fuzzy_keys[best[0]] if best else None
        return self.entries.get(key) if key else None

    def lookup_within(self, text: str, *, max_words: int = 8) -> Optional[Entry]:
        """The entry of the longest name inside `text` ("Syrian state news agency SANA", "SANA reporter"),
        the first of equally long ones. A name right after another capitalised word is part of a
        longer name ("Kurdish Red Crescent" is not the Red Crescent), unless that word is an owner
        ("Syrias ...") or hyphenated ("UK-based ..."), or the name is an acronym. A word "Xs" where "X" is a name and "Xs" is
        not reads as a possessive whose apostrophe was lost ("SANAs correspondent")."""
        pieces = text.split()
        if len(pieces) > 2 * max_words:
            return None
        for size in range(min(len(pieces), max_words), 0, -1):
            for start in range(len(pieces) - size + 1):
                if start and not _describes(pieces[start - 1]) and not (size == 1 and is_capitals(pieces[start])):
                    continue  # but an acronym is a whole name ("Syrian SANA news agency")
                entry = self.lookup(" ".join(pieces[start : start + size]), fuzzy=False)
                if entry is not None:
                    return entry
        for word in _words(text):
            if len(word) > 2 and word.endswith("s") and word[:-1][:1].isupper() and self.lookup(word, fuzzy=False) is None:
                entry = self.lookup(word[:-1], fuzzy=False)
                if entry is not None:
                    return entry
        return None


class ActorDictionary(_NameDictionary[ActorEntry]):
    """Actors of actors.toml: aliases, attributive modifiers, types and FA-KES classes."""

    default_file = "actors.toml"
    parse_entry = staticmethod(_parse_actor)

    def __init__(self, entries: list[ActorEntry], path: Path):
        super().__init__(entries, path)
        self.modifiers = _AliasIndex()
        for entry in entries:
            for modifier in entry.modifiers:
                self.modifiers.add(modifier, entry.key, origin=f"{path} (modifiers)")
        unknown = {e.successor_of for e in entries if e.successor_of} - set(self.entries)
        if unknown:
            raise ConfigurationError(f"{path}: successor_of names unknown actors {sorted(unknown)}")
        self._foreign: dict[str, dict[str, str]] = {}
        for entry in entries:
            for language, names in entry.foreign_aliases:
                owners = self._foreign.setdefault(language, {})
                for alias in names:
                    if not isinstance(alias, str) or not _words(alias):
                        raise ConfigurationError(f"{path}: empty alias in {entry.key!r}.aliases_{language}")
                    owner = owners.setdefault(lowered_key(alias), entry.key)
                    if owner != entry.key:
                        raise ConfigurationError(f"{path}: {language} alias {alias!r} belongs to both {owner!r} and {entry.key!r}")

        self._national: dict[str, ActorEntry] = {}
        for entry in entries:
            if entry.national:
                if not entry.country:
                    raise ConfigurationError(f"{path}: {entry.key} is national but has no country")
                other = self._national.setdefault(entry.country, entry)
                if other is not entry:
                    raise ConfigurationError(f"{path}: both {other.key!r} and {entry.key!r} are the national forces of {entry.country}")
        self._english_descriptions = {
            entry.key: frozenset(lowered_key(name) for name in entry.descriptions_in("en")) for entry in entries if entry.descriptions
        }

    def describes(self, entry: ActorEntry, text: str) -> bool:
        """Whether `text`, an English mention of `entry`, describes state forces without naming the state
        ("government forces", "the army"), as opposed to naming them ("Syrian government forces")."""
        if entry.describes_state_forces:
            return True
        words = lowered_key(text).split()
        if words[:1] == ["the"]:
            words = words[1:]
        return " ".join(words) in self._english_descriptions.get(entry.key, ())

    def national_forces(self, country: Optional[str]) -> Optional[ActorEntry]:
        """The entry a description of state forces names in a story about `country` (None: no such entry)."""
        return self._national.get(country) if country else None

    def in_story(self, entry: ActorEntry, country: Optional[str]) -> ActorEntry:
        """The actor a description of state forces (`entry`, read from a description: see `describes`) stands
        for in a story about `country` (the incident's place, else the article's): the same entry in a story
        about its own country or about none known, else that country's national forces where the dictionary
        has them. English, French and Arabic rules all resolve descriptions here."""
        home = entry.country or entry.described_country
        if country is None or country == home:
            return entry
        return self.national_forces(country) or entry

    def names_in(self, language: str) -> dict[str, str]:
        """The `aliases_<language>` names, as written, -> actor key: what the reduced rules of that language
        look for (they fold and match the names with the language's own rules)."""
        return {alias: entry.key for entry in self for alias in entry.aliases_in(language)}

    def fakes_class(self, name: str) -> str:
        """FA-KES perpetrator class of an actor name (canonical or alias); 'unknown' when not listed."""
        entry = self.by_name(name)
        return entry.fakes_class if entry else UNKNOWN_CLASS


class SourceRegistry(_NameDictionary[SourceEntry]):
    """Reporting organisations of sources.toml, with the side they lean to."""

    default_file = "sources.toml"
    parse_entry = staticmethod(_parse_source)


Dictionary = TypeVar("Dictionary", bound=_NameDictionary)


@lru_cache(maxsize=8)
def cached_dictionary(cls: type[Dictionary], path: Optional[str]) -> Dictionary:
    """A dictionary read once per process and file (None: the bundled one)."""
    return cls.load(path)
