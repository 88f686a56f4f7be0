"""Text signals of an article (SPEC §6): loaded, sectarian and name-calling
language, hedging, who the casualty figures are attributed to, and the
alignment of the outlet and of the sources it cites.

Every signal is evidence with its span and sentence, never a verdict on its
own; corroborate.credibility weighs them. The lexicons are readable files in
lang/en/signals/ (data/README.md, "Lexicons"), matched with spaCy's
PhraseMatcher on the tokens of a blank English pipeline, so no model is loaded.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Optional
from urllib.parse import urlparse

from pydantic import Field
from spacy.matcher import PhraseMatcher

from corroborate.dictionaries import ActorDictionary, SourceEntry, SourceRegistry
from corroborate.errors import ConfigurationError
from corroborate.extract.attribution import OUTLET_VOICE
from corroborate.extract.pipeline import blank_pipeline
from corroborate.extract.places import common_words
from corroborate.lang import lexicon
from corroborate.models import Certainty, Claim, Extraction, Record
from corroborate.package_data import package_file

EN = lexicon("en")

LEXICON_DIR = package_file("lang", "en", "signals")
VADER_FILE = "loaded_vader.tsv"
REGISTERS = ("slur", "pejorative", "partisan name")
UNKNOWN_ALIGNMENT = "unknown"
FIGURE_FIELD_PREFIX = "casualties."
MAX_SOURCE_WORDS = 12  # longer "sources" are mis-read clauses; their n-grams are not looked up
GENERIC_SOURCE_WORDS = EN.words("generic_source_words")


class SignalKind(str, Enum):
    loaded = "loaded"
    sectarian = "sectarian"
    name_calling = "name_calling"
    hedging = "hedging"
    figure = "figure"  # a casualty figure, with who it is attributed to


LEXICON_KINDS = (SignalKind.loaded, SignalKind.sectarian, SignalKind.name_calling, SignalKind.hedging)
CURATED_FILES = {
    SignalKind.loaded: "loaded.toml",
    SignalKind.sectarian: "sectarian.toml",
    SignalKind.name_calling: "name_calling.toml",
    SignalKind.hedging: "hedging.toml",
}
# When matches of two kinds overlap with the same length, the more specific kind wins.
KIND_PRIORITY = {SignalKind.sectarian: 0, SignalKind.name_calling: 1, SignalKind.hedging: 2, SignalKind.loaded: 3}


class SourceClass(str, Enum):
    named = "named"  # an organisation or person named: "the Syrian Observatory", "Rami Abdel Rahman"
    unnamed = "unnamed"  # described, not named: "activists", "a source", "medical sources"
    outlet = "outlet"  # the outlet's own voice: unattributed


# --------------------------------------------------------------------------- records


class SignalSpan(Record):
    """One piece of evidence: where in `Article.text`, what it is, and why it counts."""

    kind: SignalKind
    term: str = Field(description="Lexicon entry id; for a figure, its source class (named, unnamed, outlet).")
    text: str = Field(description="As written: always `Article.text[start:end]`.")
    start: int
    end: int
    sentence: str
    note: str = Field("", description="Register, hedge group or valence of the entry; for a figure, field = value and who says so.")


class FigureAttribution(Record):
    """Who the article's casualty figures are attributed to."""

    figures: int = 0
    named: int = 0
    unnamed: int = 0
    outlet: int = 0
    spans: list[SignalSpan] = Field(default_factory=list)

    @property
    def named_share(self) -> Optional[float]:
        return self.named / self.figures if self.figures else None


class CitedSource(Record):
    """A named source the article's claims cite, with its alignment in the registry."""

    name: str = Field(description="Registry name when the registry knows it, else as written.")
    alignment: str = UNKNOWN_ALIGNMENT
    claims: int = 0
    figures: int = 0


class TextSignals(Record):
    article_id: str
    words: int
    spans: list[SignalSpan] = Field(default_factory=list)
    counts: dict[SignalKind, int] = Field(default_factory=dict)
    per_1000_words: dict[SignalKind, float] = Field(default_factory=dict)
    figures: FigureAttribution = Field(default_factory=FigureAttribution)
    certainty: dict[Certainty, int] = Field(default_factory=dict, description="Claims by certainty.")
    outlet: Optional[str] = None
    outlet_source: Optional[str] = Field(None, description="The registry entry the outlet was found as.")
    outlet_alignment: str = UNKNOWN_ALIGNMENT
    cited_sources: list[CitedSource] = Field(default_factory=list)

    def spans_of(self, kind: SignalKind) -> list[SignalSpan]:
        return [span for span in self.spans if span.kind == kind]


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class LexiconEntry:
    kind: SignalKind
    key: str
    phrases: tuple[str, ...]
    note: str
    register: Optional[str] = None
    group: Optional[str] = None
    references: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """What a span of this entry is, in a few words: its register or hedge group, else its note."""
        return self.register or self.group or self.note


CURATED_FIELDS = frozenset({"phrases", "note", "register", "group", "references"})


def _read_curated(path: Path, kind: SignalKind) -> list[LexiconEntry]:
    try:
        with path.open("rb") as handle:
            tables = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigurationError(f"cannot read lexicon {path}: {error}") from error
    entries = []
    for key, table in tables.items():
        if not isinstance(table, dict):
            raise ConfigurationError(f"{path}: {key!r} must be a table")
        unknown = set(table) - CURATED_FIELDS
        if unknown:
            raise ConfigurationError(f"{path}: {key} has unknown fields {sorted(unknown)}")
        phrases = table.get("phrases")
        if not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise ConfigurationError(f"{path}: {key} needs a non-empty list of phrases")
        if not isinstance(table.get("note"), str) or not table["note"].strip():
            raise ConfigurationError(f"{path}: {key} needs a note saying why it is listed")
        register = table.get("register")
        if register is not None and register not in REGISTERS:
            raise ConfigurationError(f"{path}: {key}.register = {register!r} is not one of {list(REGISTERS)}")
        entries.append(
            LexiconEntry(
                kind=kind,
                key=key,
                phrases=tuple(phrases),
                note=table["note"],
                register=register,
                group=table.get("group"),
                references=tuple(table.get("references", ())),
            )
        )
    return entries


def read_curated_lexicons(directory: Path = LEXICON_DIR) -> list[list[LexiconEntry]]:
    """The hand-curated lexicons of `directory`, one list per kind."""
    return [_read_curated(directory / name, kind) for kind, name in CURATED_FILES.items()]


def _read_vader(path: Path) -> list[LexiconEntry]:
    """loaded_vader.tsv: word and VADER valence, written by tools/build_lexicons.py."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ConfigurationError(f"cannot read lexicon {path}: {error}") from error
    entries = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#") or line.startswith("word\t"):
            continue
        fields = line.split("\t")
        try:
            word, valence = fields[0].strip(), float(fields[1])
        except (IndexError, ValueError):
            raise ConfigurationError(f"{path}:{number}: expected 'word<TAB>valence', got {line!r}") from None
        entries.append(LexiconEntry(SignalKind.loaded, word, (word,), f"VADER valence {valence:g}"))
    return entries


class Lexicons:
    """All lexicon entries, with a PhraseMatcher over their phrases (case-insensitive)."""

    def __init__(self, entries: list[LexiconEntry]):
        self.entries: dict[str, LexiconEntry] = {}
        owner: dict[str, str] = {}
        for entry in entries:
            ident = f"{entry.kind.value}:{entry.key}"
            # A phrase in two entries would make one span two signals: the first entry listed keeps it.
            kept = tuple(p for p in entry.phrases if owner.setdefault(p.lower(), ident) == ident)
            self.entries[ident] = replace(entry, phrases=kept)
        nlp = blank_pipeline("en")
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for ident, entry in self.entries.items():
            if entry.phrases:
                self.matcher.add(ident, [nlp.make_doc(phrase) for phrase in entry.phrases])

    @classmethod
    def load(cls, directory: str | Path | None = None) -> "Lexicons":
        """The bundled lexicons, or those in `directory` (same file names and format)."""
        return _cached_lexicons(str(directory) if directory else None)

    def __len__(self) -> int:
        return len(self.entries)


@lru_cache(maxsize=4)
def _cached_lexicons(directory: Optional[str]) -> Lexicons:
    folder = Path(directory) if directory else LEXICON_DIR
    curated = [entry for lexicon in read_curated_lexicons(folder) for entry in lexicon]
    return Lexicons(curated + _read_vader(folder / VADER_FILE))


def lexicon_spans(text: str, lexicons: Optional[Lexicons] = None) -> tuple[list[SignalSpan], int]:
    """Lexicon matches in `text` (overlaps resolved: longest, then the more specific kind) and its word count."""
    lexicons = lexicons or Lexicons.load()
    doc = blank_pipeline("en")(text)
    matches = []
    for match_id, start, end in lexicons.matcher(doc):
        entry = lexicons.entries[doc.vocab.strings[match_id]]
        matches.append((start, end, entry))
    matches.sort(key=lambda m: (-(m[1] - m[0]), KIND_PRIORITY[m[2].kind], m[0]))
    taken: set[int] = set()
    spans = []
    for start, end, entry in matches:
        if taken.intersection(range(start, end)):
            continue
        taken.update(range(start, end))
        span = doc[start:end]
        spans.append(
            SignalSpan(
                kind=entry.kind,
                term=entry.key,
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                sentence=span.sent.text.strip(),
                note=entry.label,
            )
        )
    spans.sort(key=lambda s: s.start)
    words = sum(1 for token in doc if token.is_alpha)
    return spans, words


# --------------------------------------------------------------------------- sources and alignment


def _squashed(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


@lru_cache(maxsize=8)
def _squashed_index(registry: SourceRegistry) -> dict[str, SourceEntry]:
    """Registry names and aliases without case, spaces or punctuation: 'dailysabah' is Daily Sabah."""
    index: dict[str, SourceEntry] = {}
    for entry in registry:
        for name in (entry.name, *entry.aliases, *entry.cased_aliases):
            index.setdefault(_squashed(name), entry)
    return index


def outlet_entry(outlet: Optional[str], url: Optional[str], registry: SourceRegistry) -> Optional[SourceEntry]:
    """The registry entry of an outlet given as a name or short name ('sana', 'dailysabah'), else of the URL's site."""
    candidates = [outlet] if outlet else []
    if url:
        host = urlparse(url if "://" in url else f"http://{url}").hostname or ""
        candidates += [label for label in host.split(".")[:-1] if label not in {"www", "english", "en", "m", "amp"}]
    for candidate in candidates:
        entry = registry.lookup(candidate, fuzzy=False) or _squashed_index(registry).get(_squashed(candidate))
        if entry:
            return entry
    return None


@dataclass(frozen=True)
class SourceReading:
    source_class: SourceClass
    entries: tuple[SourceEntry, ...] = ()  # registry entries named in the source
    names: tuple[str, ...] = ()  # named parts the registry does not know


class SourceReader:
    """Classifies a claim's `source` string: named, unnamed or the outlet itself."""

    def __init__(self, registry: SourceRegistry):
        self.registry = registry
        self.actors = ActorDictionary.default()
        self.common = common_words()
        self._cache: dict[tuple[str, Optional[str], Optional[str]], SourceReading] = {}

    def read(self, source: str, outlet: Optional[str], outlet_source: Optional[SourceEntry]) -> SourceReading:
        key = (source, outlet, outlet_source.key if outlet_source else None)
        if key not in self._cache:
            self._cache[key] = self._read(source, outlet, outlet_source)
        return self._cache[key]

    def _read(self, source: str, outlet: Optional[str], outlet_source: Optional[SourceEntry]) -> SourceReading:
        if source == OUTLET_VOICE or (outlet and source.casefold() == outlet.casefold()):
            return SourceReading(SourceClass.outlet)
        entries: list[SourceEntry] = []
        names: list[str] = []
        for part in (p.strip() for p in source.split(";")):
            entry = self._registry_entry(part)
            if entry is not None:
                entries.append(entry)
            elif self._names_someone(part):
                names.append(part)
        if outlet_source and entries and all(e.key == outlet_source.key for e in entries) and not names:
            return SourceReading(SourceClass.outlet)  # "SANA reporter" in a SANA story
        if entries or names:
            return SourceReading(SourceClass.named, tuple(dict.fromkeys(entries)), tuple(names))
        return SourceReading(SourceClass.unnamed)

    def _registry_entry(self, part: str) -> Optional[SourceEntry]:
        """The registry entry named anywhere in `part`, longest name first."""
        words = part.split()
        if len(words) > MAX_SOURCE_WORDS:
            return None
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                entry = self.registry.lookup(" ".join(words[start : start + size]), fuzzy=False)
                if entry:
                    return entry
        return None

    def _names_someone(self, part: str) -> bool:
        """A proper name in `part`: an actor the dictionary knows (not a description), a capitalised
        word after the first, an acronym, or a single word that is no common word."""
        words = [w for w in re.split(r"[\s\-]+", part) if w]
        if not words or len(words) > MAX_SOURCE_WORDS:
            return False
        actor = self.actors.lookup(part, fuzzy=False)
        if actor is not None and not actor.generic:
            return True
        if any(w[:1].isupper() for w in words[1:]):
            return True
        if any(len(w) >= 2 and w.isupper() for w in words):
            return True
        first = words[0].lower()
        known = first in self.common or first in GENERIC_SOURCE_WORDS or first.rstrip("s") in self.common
        return len(words) == 1 and words[0][:1].isupper() and not known


def figure_span(text: str, claim: Claim, term: str, note: str = "") -> SignalSpan:
    """A claim's evidence as a span: the figure as written, who it is attributed to in the note."""
    field = claim.field.removeprefix(FIGURE_FIELD_PREFIX)
    return SignalSpan(
        kind=SignalKind.figure,
        term=term,
        text=text[claim.evidence.start : claim.evidence.end],
        start=claim.evidence.start,
        end=claim.evidence.end,
        sentence=claim.evidence.sentence,
        note=f"{field} = {claim.value}, said by {claim.source}" + (f"; {note}" if note else ""),
    )


# --------------------------------------------------------------------------- the signals of one article


def text_signals(
    text: str,
    extraction: Extraction,
    registry: Optional[SourceRegistry] = None,
    *,
    lexicons: Optional[Lexicons] = None,
) -> TextSignals:
    """The text signals of one article: lexicon spans, figure attribution, certainty, alignments.

    `registry` is the source registry (default: the bundled sources.toml; pass
    `SourceRegistry.load(path)` for an edited copy).
    """
    registry = registry or SourceRegistry.default()
    spans, words = lexicon_spans(text, lexicons)
    header = extraction.article
    outlet_source = outlet_entry(header.outlet, header.url, registry)
    reader = _reader(registry)

    attribution = FigureAttribution()
    certainty: dict[Certainty, int] = {c: 0 for c in Certainty}
    cited: dict[str, CitedSource] = {}
    seen_figures: set[tuple] = set()
    seen_claims: set[tuple] = set()
    for incident in extraction.incidents:
        for claim in incident.claims:
            claim_key = (claim.field, claim.value, claim.source, claim.evidence.start)
            if claim_key in seen_claims:
                continue  # one sentence's figure told in two incidents counts once
            seen_claims.add(claim_key)
            certainty[claim.certainty] += 1
            reading = reader.read(claim.source, header.outlet, outlet_source)
            is_figure = claim.field.startswith(FIGURE_FIELD_PREFIX)
            for name, alignment in [(e.name, e.alignment) for e in reading.entries] + [(n, UNKNOWN_ALIGNMENT) for n in reading.names]:
                source = cited.setdefault(name, CitedSource(name=name, alignment=alignment))
                source.claims += 1
                source.figures += int(is_figure)
            if not is_figure:
                continue
            figure_key = (claim.field, claim.evidence.start, claim.evidence.end)
            if figure_key in seen_figures:
                continue
            seen_figures.add(figure_key)
            attribution.figures += 1
            if reading.source_class == SourceClass.named:
                attribution.named += 1
            elif reading.source_class == SourceClass.unnamed:
                attribution.unnamed += 1
            else:
                attribution.outlet += 1
            attribution.spans.append(figure_span(text, claim, reading.source_class.value))

    counts = {kind: 0 for kind in LEXICON_KINDS}
    for span in spans:
        counts[span.kind] += 1
    return TextSignals(
        article_id=header.id,
        words=words,
        spans=spans,
        counts=counts,
        per_1000_words={kind: round(1000 * count / words, 3) if words else 0.0 for kind, count in counts.items()},
        figures=attribution,
        certainty=certainty,
        outlet=header.outlet,
        outlet_source=outlet_source.name if outlet_source else None,
        outlet_alignment=outlet_source.alignment if outlet_source else UNKNOWN_ALIGNMENT,
        cited_sources=sorted(cited.values(), key=lambda s: (-s.claims, s.name)),
    )


@lru_cache(maxsize=4)
def _reader(registry: SourceRegistry) -> SourceReader:
    return SourceReader(registry)


__all__ = [
    "CitedSource",
    "FigureAttribution",
    "LEXICON_DIR",
    "LexiconEntry",
    "Lexicons",
    "SignalKind",
    "SignalSpan",
    "SourceClass",
    "SourceReader",
    "TextSignals",
    "figure_span",
    "lexicon_spans",
    "outlet_entry",
    "read_curated_lexicons",
    "text_signals",
]
