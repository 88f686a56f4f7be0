"""Each language's words, kept apart from the rules that use them (the shape of spaCy's `lang/` packages).

A language is a folder `lang/<code>/` of TOML files, one per kind of word (`casualties.toml`, `dates.toml`,
`reporting.toml`, ...). A file is made of word classes: a table with a `note` (what the class is for) and one
shape:

    words = ["a", "b"]                     a set of words             Lexicon.words      -> frozenset[str]
    sequence = ["a", "b"]                  words in an order that     Lexicon.sequence   -> tuple[str, ...]
                                           matters (priority, longest first)
    phrases = [["at", "least"], ...]       phrases as word tuples     Lexicon.phrases    -> tuple[tuple[str, ...], ...]
    mapping = {word = value}               a word's value             Lexicon.mapping    -> dict[str, value]
    groups = {value = ["word", ...]}       the same, written by value Lexicon.mapping    -> dict[str, value]
    phrase_mapping = [[["a", "b"], v]]     a phrase's value           Lexicon.phrase_mapping -> dict[tuple[str, ...], value]
    patterns = ["yesterday(?:\\s+...)?"]  regular-expression          Lexicon.patterns   -> tuple[str, ...]
                                           fragments, in order: where a phrase has optional or alternative words
                                           that a list of words would change the meaning of

A rule that matches words with a regular expression builds it from the class (`Lexicon.alternation`), so the
rule module keeps only the grammar of the expression.

A class may also have `extends = ["class", ...]`: a base class with a named, documented extension. A `words`
class is then the union of its own words and the bases' (a mapping lends its keys, a sequence its words); a
mapping class starts from the bases' items, a sequence lending each word its position counted from the class's
`start` (default 1: `month_numbers` extends `month_names`). A file that is not made of classes (the trigger table, a
reduced lexicon) is read whole with `Lexicon.table(kind)`.

Rule code asks for a class by name (`lexicon("en").words("victim_nouns")`); it does not define one. Importing
this package imports neither spaCy nor any extraction module, so ingest can use it.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from corroborate.package_data import package_file

__all__ = ["Lexicon", "UnknownWordClass", "languages", "lexicon"]

TABLE_FILES = frozenset({"reduced", "triggers"})
"""Files read whole with Lexicon.table, not made of word classes: a reduced lexicon (corroborate.extract.multilingual),
the trigger table (corroborate.extract.events). Subfolders (lang/en/signals: the credibility lexicons) are not read."""

SHAPES = ("words", "sequence", "phrases", "mapping", "groups", "phrase_mapping", "patterns")
"""The keys that give a class its shape; a class has exactly one."""


class UnknownWordClass(LookupError):
    """A rule asked a language for a word class (or file) it does not have."""


def languages() -> tuple[str, ...]:
    """The language codes that have a folder under lang/."""
    root = package_file("lang")
    return tuple(sorted(entry.name for entry in root.iterdir() if entry.is_dir() and not entry.name.startswith("_")))


class Lexicon:
    """One language's word classes, read from lang/<code>/*.toml."""

    def __init__(self, code: str, tables: dict[str, dict[str, Any]], whole: dict[str, Path] | None = None):
        self.code = code
        self._tables = tables
        self._whole = dict(whole or {})  # files read whole, parsed when first asked for (Lexicon.table)
        self._classes: dict[str, tuple[str, dict[str, Any]]] = {}
        for kind, table in tables.items():
            if kind in TABLE_FILES:
                continue
            for name, value in table.items():
                if isinstance(value, dict) and "note" in value and any(shape in value for shape in SHAPES):
                    if name in self._classes:
                        raise ValueError(
                            f"lang/{code}: word class {name!r} is defined in both {self._classes[name][0]}.toml and {kind}.toml"
                        )
                    self._classes[name] = (kind, value)

    @classmethod
    def load(cls, code: str) -> Lexicon:
        folder = package_file("lang", code)
        if not folder.is_dir():
            raise UnknownWordClass(f"no language {code!r} under corroborate/lang (languages: {', '.join(languages())})")
        tables, whole = {}, {}
        for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
            if entry.name.endswith(".toml"):
                kind = entry.name.removesuffix(".toml")
                if kind in TABLE_FILES:
                    whole[kind] = entry
                else:
                    tables[kind] = tomllib.loads(entry.read_text(encoding="utf-8"))
        return cls(code, tables, whole)

    def __contains__(self, name: str) -> bool:
        """Whether the language has the word class (a class only some languages have: anniversary words)."""
        return name in self._classes

    def classes(self) -> tuple[str, ...]:
        """Every word class of the language, by name."""
        return tuple(self._classes)

    def kind(self, name: str) -> str:
        """The file (kind of word) a class is written in."""
        return self._entry(name)[0]

    def note(self, name: str) -> str:
        return self._entry(name)[1]["note"]

    def shape(self, name: str) -> str:
        return next(shape for shape in SHAPES if shape in self._entry(name)[1])

    def table(self, kind: str) -> dict[str, Any]:
        """A whole file of the language, for tables that are not word classes (triggers, reduced lexicons)."""
        if kind not in self._tables and kind in self._whole:
            self._tables[kind] = tomllib.loads(self._whole[kind].read_text(encoding="utf-8"))
        if kind not in self._tables:
            raise UnknownWordClass(f"language {self.code!r} has no file {kind}.toml (files: {', '.join([*self._tables, *self._whole])})")
        return self._tables[kind]

    def words(self, name: str) -> frozenset[str]:
        entry = self._shaped(name, "words")
        own = frozenset(entry["words"])
        for base in entry.get("extends", ()):
            own |= self._members(base)
        return own

    def _members(self, name: str) -> frozenset[str]:
        shape = self.shape(name)
        if shape in ("mapping", "groups"):
            return frozenset(self.mapping(name))
        if shape == "sequence":
            return frozenset(self.sequence(name))
        return self.words(name)

    def sequence(self, name: str) -> tuple[str, ...]:
        return tuple(self._shaped(name, "sequence")["sequence"])

    def phrases(self, name: str) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(phrase) for phrase in self._shaped(name, "phrases")["phrases"])

    def mapping(self, name: str) -> dict[str, Any]:
        entry = self._entry(name)[1]
        inherited: dict[str, Any] = {}
        for base in entry.get("extends", ()):
            if self.shape(base) == "sequence":
                inherited.update((word, number) for number, word in enumerate(self.sequence(base), entry.get("start", 1)))
            else:
                inherited.update(self.mapping(base))
        if "mapping" in entry:
            return {**inherited, **entry["mapping"]}
        if "groups" in entry:
            return {**inherited, **{word: value for value, words in entry["groups"].items() for word in words}}
        raise self._wrong_shape(name, "mapping")

    def phrase_mapping(self, name: str) -> dict[tuple[str, ...], Any]:
        return {tuple(phrase): value for phrase, value in self._shaped(name, "phrase_mapping")["phrase_mapping"]}

    def patterns(self, name: str) -> tuple[str, ...]:
        return tuple(self._shaped(name, "patterns")["patterns"])

    def alternation(self, name: str, space: str = r"\s+", capitalised: bool = False) -> str:
        """A class as a regular-expression group that matches any of its members: `(?:wednesday|thursday|...)`.

        Words are escaped and tried longest first (so "weekend" is not cut to "week"); the words of a phrase are
        joined by `space`; patterns keep their written order. Case and word boundaries are the rule's to add:
        `capitalised` gives the words with a capital initial, for a case-sensitive rule ("May" the month, not
        "may").
        """
        shape = self.shape(name)
        if shape == "patterns":
            members = list(self.patterns(name))
        else:
            if shape == "phrases":
                texts = [" ".join(phrase) for phrase in self.phrases(name)]
            elif shape == "phrase_mapping":
                texts = [" ".join(phrase) for phrase in self.phrase_mapping(name)]
            else:
                texts = list(self._members(name))
            if capitalised:
                texts = [text.capitalize() for text in texts]
            members = [space.join(map(re.escape, text.split(" "))) for text in sorted(set(texts), key=lambda text: (-len(text), text))]
        return "(?:" + "|".join(members) + ")"

    def _entry(self, name: str) -> tuple[str, dict[str, Any]]:
        if name not in self._classes:
            raise UnknownWordClass(f"language {self.code!r} has no word class {name!r}")
        return self._classes[name]

    def _shaped(self, name: str, shape: str) -> dict[str, Any]:
        entry = self._entry(name)[1]
        if shape not in entry:
            raise self._wrong_shape(name, shape)
        return entry

    def _wrong_shape(self, name: str, shape: str) -> UnknownWordClass:
        return UnknownWordClass(f"language {self.code!r}: word class {name!r} is a {self.shape(name)} class, not {shape}")


@cache
def lexicon(code: str) -> Lexicon:
    """A language's lexicon, read once per process."""
    return Lexicon.load(code)
