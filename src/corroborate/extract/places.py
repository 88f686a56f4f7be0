"""Places: the spaCy component that finds place mentions, and an incident's location.

The gazetteer (`corroborate.gazetteer`) maps names to GeoNames places. The `corroborate_places` component puts every place
mention of a Doc in `doc.spans["places"]`, each with `span._.place` (a `Place`)
and `span.label_` = the gazetteer feature it resolved to (city, region, admin2,
admin1, country) or "unlisted". A name the gazetteer does not know is placed in
the division the sentence names next to it ("X in the countryside of Homs"); a
name it lists under another romanisation is found by its consonants ("Khan
Sheikhoun"). `choose_location` picks an incident's location among the place
spans of its sentences; `incident_location` keeps a violent incident in the
country the article is about and, when its sentences name no division, falls
back on the division the article names first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from functools import cached_property, lru_cache
from typing import Mapping, NamedTuple, Optional, Sequence

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from corroborate.extract.actors import ATTACK_NOUNS, CASUALTY_NOUNS, NAME_HYPHENS, RELATIVE_PRONOUNS
from corroborate.extract.attribution import REPORTING_VERBS, follows_keyword_marker
from corroborate.extract.events import doc_text, in_earlier_event
from corroborate.extract.tokens import doc_tokens
from corroborate.gazetteer.entries import GazetteerEntry
from corroborate.gazetteer.index import Gazetteer, NameIndex
from corroborate.gazetteer.names import APOSTROPHES, ARABIC_ARTICLES, POSSESSIVE, WORD_PATTERN, fold_word, name_key
from corroborate.lang import lexicon
from corroborate.loading import collector_paused
from corroborate.models import Place, PlacePrecision
from corroborate.package_data import data_file

EN = lexicon("en")

COMMON_WORDS_FILE = data_file("common_words.txt")
SPAN_KEY = "places"
UNLISTED = "unlisted"

Span.set_extension("place", default=None, force=True)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """English words that, alone, are no place mention ("Home", "Mark")."""
    lines = COMMON_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


# --------------------------------------------------------------------------- text scanning


class _Word(NamedTuple):
    """A word of the text in key form, with where it (and an article before it) starts (a tuple: texts have
    many words, and a frozen dataclass is slow to make)."""

    key: str
    start: int
    end: int
    capitalised: bool
    upper: bool
    article_start: Optional[int]


_BARRIER = "|"
_JOINING_CHARS = "".join(NAME_HYPHENS) + APOSTROPHES + " \t\xa0"  # what may stand between the words of one name
_SENTENCE_END = re.compile(r"[.!?\n]")


def _scan_words(text: str) -> list[Optional[_Word]]:
    """The text's words as gazetteer keys see them, articles folded into the next word;
    None where punctuation separates words that no place name spans."""
    matches = list(WORD_PATTERN.finditer(text))
    words: list[Optional[_Word]] = []
    article_start: Optional[int] = None
    previous_end = 0
    separated = False
    for index, match in enumerate(matches):
        gap = text[previous_end : match.start()]
        if words and words[-1] is not None and (separated or gap.strip(_JOINING_CHARS)):
            words.append(None)
            article_start = None
        previous_end = match.end()
        surface = match.group()
        possessive = POSSESSIVE.search(surface) if surface.endswith("s") else None
        separated = False
        if possessive and possessive.start() >= 3:
            separated = True
            surface = surface[: possessive.start()]
        key = fold_word(surface)
        following = matches[index + 1] if index + 1 < len(matches) else None
        if (
            not separated
            and following
            and key in ARABIC_ARTICLES  # the cheap test of `_is_article` first
            and _is_article(key, surface, text, match, following, index == 0 or bool(_SENTENCE_END.search(gap)))
        ):
            article_start = match.start() if article_start is None else article_start
            continue
        words.append(
            _Word(  # positional: keywords cost a third of the loop
                key,
                match.start(),
                match.start() + len(surface),
                surface[:1].isupper(),
                len(surface) > 1 and surface.isupper(),
                article_start,
            )
        )
        article_start = None
    return words


def _is_article(key: str, surface: str, text: str, match: re.Match, following: re.Match, sentence_initial: bool) -> bool:
    """'al-', 'Al ' and 'As-' before a name are its article; 'as' in 'as Syrian forces' is English."""
    if key not in ARABIC_ARTICLES:
        return False
    joint = text[match.end() : following.start()]
    if joint in NAME_HYPHENS:
        return True
    next_word = following.group()
    if not joint or joint.strip() or not next_word[:1].isupper():
        return False
    if key in ("al", "el"):
        return True
    assimilated = fold_word(next_word).startswith(key[1:])
    return assimilated and surface[:1].isupper() and not sentence_initial


# --------------------------------------------------------------------------- component

# Grammar codes (dependency labels, POS tags, entity labels), not words of a language: they stay with the rules.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPOSITIONS = EN.words("place_prepositions")
INDEFINITE_ARTICLES = EN.words("indefinite_articles")
SITE_PREPOSITIONS = EN.words("site_prepositions")
SETTLEMENT_NOUNS = EN.words("settlement_nouns")
SETTLEMENT_NOUNS_WITHOUT_OF = EN.words("settlement_nouns_without_of")
SETTLEMENTS_IN_A_DIVISION = EN.words("settlements_in_a_division")
DIRECTIONS = EN.words("directions")
GENERIC_PLACE_WORDS = EN.words("generic_place_words")
DIVISION_NOUNS = EN.words("division_nouns")
GATHERING_NOUNS = EN.words("gathering_nouns")
NEAR_NOUNS = EN.words("near_nouns")
WITHIN_NOUNS = EN.words("within_nouns")
ROUTE_NOUNS = EN.words("route_nouns")
ROUTE_PREPOSITIONS = EN.words("route_prepositions")
DISTANCE_WORDS = EN.words("distance_words")
CONNECTORS = EN.words("connectors")
ANCHOR_PREPOSITIONS = EN.words("anchor_prepositions")
LEADING_GENERIC = EN.words("leading_generic")
TRAILING_GENERIC = EN.words("trailing_generic")
VIOLENCE = re.compile("(" + "|".join(EN.sequence("violence_stems")) + ")")


class Relation(Enum):
    """What a place's own surroundings say about it."""

    division = "division"  # "the countryside of Homs", "Homs province", "rural Hama"
    near = "near"  # "near Aleppo", "east of Damascus", "on the outskirts of Douma"


@dataclass(slots=True)
class _Mention:
    span: Span
    entries: list[GazetteerEntry]
    fuzzy: bool
    relation: Optional[Relation]
    within: Optional[GazetteerEntry] = None  # the place "the Idlib town of X" puts X in


class PlaceRecognizer:
    """Finds place mentions and resolves them against the gazetteer (factory "corroborate_places")."""

    def __init__(self, vocab: Vocab, name: str = "corroborate_places", gazetteer_path: Optional[str] = None):
        self.name = name
        self.vocab = vocab
        self.gazetteer = Gazetteer.default() if gazetteer_path is None else Gazetteer.load(gazetteer_path)
        self.common_words = common_words()
        self._country_names: dict[str, list[tuple[str, str]]] = {}
        for entry in self.gazetteer.of_feature("country"):
            for key in {name_key(name) for name in entry.names if " " not in name_key(name)}:
                self._country_names.setdefault(key[:3], []).append((key, entry.country))
        with collector_paused():
            self.names = NameIndex(self.gazetteer.keys())

    def __call__(self, doc: Doc) -> Doc:
        mentions = self._mentions(doc)
        sentence_starts = [sentence.start for sentence in doc.sents] if doc.has_annotation("SENT_START") else [0]
        resolved: list[tuple[str, Place, bool]] = []  # label, place, placed by the place after it
        for index in reversed(range(len(mentions))):
            mention = mentions[index]
            anchor = None
            # "the Idlib town of X" does not put Idlib in X: X's `within` is Idlib
            if resolved and mentions[index + 1].within is None and _locates(mention, mentions[index + 1].span, sentence_starts):
                following = resolved[-1][1]
                anchor = following if following.admin1 or following.country else None
            if anchor is not None:
                resolved[-1] = self._as_division(mention, mentions[index + 1], *resolved[-1])
            elif mention.within is not None:
                anchor = mention.within.to_place(mention.within.name)
            label, place = _resolve(mention, anchor)
            resolved.append((label, place, anchor is not None))
        resolved.reverse()
        # One place per name and article: "what happened in al-Zara" is the al-Zara placed earlier.
        in_context: dict[str, tuple[str, Place]] = {}
        for mention, (label, place, by_context) in zip(mentions, resolved):
            if by_context:
                in_context.setdefault(name_key(mention.span.text), (label, place))
        places = []
        for mention, (label, place, by_context) in zip(mentions, resolved):
            key = name_key(mention.span.text)
            if not by_context and key in in_context:
                label, place = in_context[key]
                place = place.model_copy(update={"text": mention.span.text})
            span = Span(doc, mention.span.start, mention.span.end, label=label)
            span._.place = place
            places.append(span)
        doc.spans[SPAN_KEY] = places
        return doc

    def _as_division(self, located: _Mention, anchor: _Mention, label: str, place: Place, by_context: bool) -> tuple[str, Place, bool]:
        """'Khan Sheikhoun, in Idlib': a governorate's namesake city written just after the place it locates
        is the governorate (not so 'X in the heart of Damascus')."""
        gap = {token.lower_ for token in anchor.span.doc[located.span.end : anchor.span.start]}
        division = self.gazetteer.admin1_entry(anchor.span.text, place.country)
        if label != "city" or not gap <= {",", "in"} or division is None or division.name != place.admin1:
            return label, place, by_context
        return "admin1", division.to_place(anchor.span.text), by_context

    # -- candidates

    def _mentions(self, doc: Doc) -> list[_Mention]:
        """Gazetteer matches, and entity or "village of" names that are listed or overlap no match
        (so "Syrias Idlib", an entity in text without apostrophes, leaves "Idlib")."""
        persons = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        listed = [self._mention(span) for span in self._gazetteer_spans(doc, persons)]
        taken = {index for mention in listed for index in range(mention.span.start, mention.span.end)}
        settlements = self._settlement_spans(doc)
        others = [self._mention(span) for span in self._entity_spans(doc) + settlements]
        placed = settlements + [mention.span for mention in others if mention.entries]
        taken_spans = [mention.span for mention in listed + others]
        others += [self._mention(span) for span in self._repeated_spans(doc, placed, taken_spans, persons)]
        demonyms = self._demonym_countries(doc)
        doc.user_data[DEMONYMS_KEY] = demonyms
        _prefer_document_countries(listed + others, demonyms)
        candidates = {(m.span.start, m.span.end): m for m in reversed(listed + others)}
        kept = filter_spans(
            [
                mention.span
                for mention in candidates.values()
                if mention.entries or taken.isdisjoint(range(mention.span.start, mention.span.end))
            ]
        )
        mentions = [candidates[span.start, span.end] for span in kept]
        _read_settlement_divisions(mentions)
        return mentions

    def _repeated_spans(self, doc: Doc, placed: list[Span], taken_spans: list[Span], persons: list[Span]) -> list[Span]:
        """Other occurrences of names the text gives as places ("the town of Hader ... Hader in Quneitra
        province") or the gazetteer knows by a close spelling, which the NER may have labelled otherwise,
        so that the article places them once for all."""
        names: dict[int, set[tuple[int, ...]]] = {}
        for span in placed:
            if span.text[:1].isupper() and len(span.text) >= 4:
                names.setdefault(span[0].orth, set()).add(tuple(token.orth for token in span))
        if not names:
            return []
        taken = {index for span in taken_spans for index in range(span.start, span.end)}
        words = doc.to_array("ORTH").tolist()
        repeated = []
        for start, word in enumerate(words):
            for name in names.get(word, ()):
                end = start + len(name)
                if tuple(words[start:end]) != name or not taken.isdisjoint(range(start, end)):
                    continue
                span = doc[start:end]
                if not self._inside_person_name(span, persons):
                    repeated.append(span)
                    taken.update(range(start, end))
        return repeated

    def _gazetteer_spans(self, doc: Doc, persons: list[Span]) -> list[Span]:
        words = _scan_words(doc_text(doc))
        keys = [word.key if word else _BARRIER for word in words]
        spans = []
        for start, end in self.names.find(keys):
            matched = [word for word in words[start:end] if word is not None]
            if not self._is_mention(" ".join(keys[start:end]), matched):
                continue
            first = matched[0]
            begin = first.start if first.article_start is None else first.article_start
            span = doc.char_span(begin, matched[-1].end, alignment_mode="expand")
            if span is not None and not self._inside_person_name(span, persons):
                spans.append(span)
        return spans

    def _is_mention(self, key: str, words: Sequence[_Word]) -> bool:
        """Capitalised and specific. Unless written with its article ("al-Bab"), a lone word needs 4+ letters
        and must not be a common English word ("Home"), and a longer name must not be all common or generic
        words ("Old City"); country and division names may be common words, or abbreviations ("UK")."""
        if not any(word.capitalised for word in words):
            return False
        if words[0].article_start is not None:
            return True
        division = any(entry.feature in ("country", "admin1") for entry in self.gazetteer.lookup(key))
        if len(words) == 1 and words[0].upper and division:
            return True  # "UK", "UAE"
        if len(words) == 1 and len(key) < 4:
            return False  # "IS", "Bab"
        return division or not all(word in self.common_words or word in GENERIC_PLACE_WORDS for word in key.split())

    def _inside_person_name(self, span: Span, persons: list[Span]) -> bool:
        """'Hama' in 'Ahmad Hama said' is part of a name, unless written 'in/at/near/of/outside Hama' or after
        a country's possessive ("Syrias Hasakeh", "Syria's Hasakeh"). A place name that is a whole PERSON
        entity, or a PERSON entity made of division names only ("Tartous Homs"), is a mislabelled place."""
        doc = span.doc
        person = next((ent for ent in persons if ent.start <= span.start and span.end <= ent.end), None)
        if person is None or len(person.text.split()) < 2 or len(person) == len(span):
            return False
        if span.start > 0 and doc[span.start - 1].lower_ in PLACE_PREPOSITIONS:
            return False
        if all(self._names_division(token.text) for token in person if token.is_alpha):
            return False  # "hit Tartous Homs and Hasakeh": a list of places
        return not (span.start > person.start and self._is_country_possessive(doc[person.start : span.start].text))

    def _names_division(self, word: str) -> bool:
        return any(entry.feature in ("country", "admin1") for entry in self.gazetteer.lookup(word))

    def _is_country_possessive(self, text: str) -> bool:
        """'Syrias', "Syria's": a country's name with the possessive s, its apostrophe perhaps lost."""
        name = POSSESSIVE.sub("", text) if POSSESSIVE.search(text) else text.removesuffix("s")
        return any(entry.feature == "country" for entry in self.gazetteer.lookup(name))

    def _demonym_countries(self, doc: Doc) -> set[str]:
        """Countries the text's nationality words name: "Syrian" Syria, "Iraqi" Iraq, "Russian" Russia."""
        words = {doc.vocab.strings[orth] for orth in set(doc.to_array("ORTH").tolist())}
        countries = {self._demonym_country(word) for word in words}
        return {country for country in countries if country}

    def _entity_spans(self, doc: Doc) -> list[Span]:
        return [span for span in (self._trimmed(ent) for ent in doc.ents if ent.label_ in PLACE_LABELS) if span]

    def _settlement_spans(self, doc: Doc) -> list[Span]:
        """Capitalised names after "village of", "town of", "neighbourhood of", "the village"."""
        spans = []
        lowers = doc_tokens(doc).lowers
        for index in range(len(doc) - 1):
            noun = lowers[index]
            if noun not in SETTLEMENT_NOUNS:
                continue
            start = index + 1
            if lowers[start] == "of":
                start += 1
            elif noun not in SETTLEMENT_NOUNS_WITHOUT_OF:
                continue
            end = _proper_name_end(doc, start)
            if end > start:
                spans.append(doc[start:end])
        return spans

    def _trimmed(self, span: Span) -> Optional[Span]:
        if self.gazetteer.lookup(span.text):
            return span
        start, end = span.start, span.end
        while start < end and span.doc[start].lower_ in LEADING_GENERIC:
            start += 1
        while end > start and span.doc[end - 1].lower_ in TRAILING_GENERIC:
            end -= 1
        return span.doc[start:end] if end > start else None

    def _mention(self, span: Span) -> _Mention:
        """Exact entries, else (for a capitalised name of 5+ letters) those of a close spelling; only those
        in the country a nationality word gives ("the Syrian border town of X")."""
        entries = self.gazetteer.lookup(span.text)
        fuzzy = not entries and span.text[:1].isupper() and len(name_key(span.text)) >= 5
        if fuzzy:
            entries = self.gazetteer.fuzzy_lookup(span.text)
        country = self._stated_country(span)
        if country is not None:
            entries = [entry for entry in entries if entry.country == country]
        return _Mention(span, entries, fuzzy, _relation(span))

    def _stated_country(self, span: Span) -> Optional[str]:
        """The country of 'the Syrian town of X', 'the Turkish border city of X'."""
        words = span.doc[max(0, span.start - 5) : span.start]
        if not any(word.lower_ in SETTLEMENT_NOUNS for word in words):
            return None
        return next((country for word in words if (country := self._demonym_country(word.text))), None)

    def _demonym_country(self, word: str) -> Optional[str]:
        """'Syrian' SY, 'Iraqi' IQ, 'Jordanian' JO: a country's name and a short ending, capitalised."""
        if not word[:1].isupper() or len(word) <= 4:
            return None
        folded = fold_word(word)
        names = self._country_names.get(folded[:3], ())
        return next((country for name, country in names if _is_demonym(folded, name)), None)


def _prefer_document_countries(mentions: list[_Mention], demonym_countries: set[str]) -> None:
    """Namesakes in the countries the text names most come first. Close spellings must be in the country
    most of its towns and divisions lie in ("the town of Hader" in a story on Syria is no Hadera in Israel),
    or, when it names none, in a country it names or qualifies ("the Syrian Observatory")."""
    named = [mention.entries[0] for mention in mentions if mention.entries and not mention.fuzzy]
    weights = Counter(entry.country for entry in named)
    stated = {entry.country for entry in named if entry.feature == "country"} | demonym_countries
    local = Counter(_corroborated([(e.country, e.name, e.feature in _LONE_TOWN_LABELS) for e in named if e.feature != "country"], stated))
    home = {country for country, count in local.items() if count == max(local.values())} if local else set(weights)
    home = home if local else home | demonym_countries
    for mention in mentions:
        if mention.fuzzy and home:
            mention.entries = [entry for entry in mention.entries if entry.country in home]
        mention.entries.sort(key=lambda entry: -weights[entry.country])


DEMONYMS_KEY = "corroborate_demonym_countries"  # doc.user_data: countries the text's nationality words name
_LONE_TOWN_LABELS = frozenset({"city", "admin1", UNLISTED})  # features a namesake abroad often has ("Kerry", "Obama")


def _corroborated(places: list[tuple[str, str, bool]], stated: set[str]) -> list[str]:
    """The countries of (country, name, is a town or province) places that say what country a text is about:
    a lone town or province abroad, in a country the text does not name ("Abu al-Hassan" read as Hassan in
    India, "Obama" in Japan, "Kerry" in Ireland) says nothing; districts and regions, places of the
    countries the gazetteer covers down to villages, of a country the text names (or qualifies: "Syrian"),
    and two places of one country do."""
    names: dict[str, set[str]] = {}
    for country, name, _ in places:
        names.setdefault(country, set()).add(name)
    covered = Gazetteer.default().covered_countries()
    return [c for c, _, town in places if not town or c in covered or c in stated or len(names[c]) > 1]


def _is_demonym(word: str, country_name: str) -> bool:
    """'syrian' of 'syria', 'iraqi' of 'iraq', 'jordanian' of 'jordan': the name and a short ending."""
    return len(country_name) >= 4 and word.startswith(country_name) and 0 < len(word) - len(country_name) <= 3


def _proper_name_end(doc: Doc, start: int) -> int:
    """End of a capitalised name starting at `start` ("Kafr Nabudah", "al-Zara"), or `start` if none."""
    end = start
    index = start
    while index < len(doc) and index - start < 6:
        token = doc[index]
        if token.text[:1].isupper() and WORD_PATTERN.fullmatch(token.text):
            index += 1
            end = index
        elif token.text in NAME_HYPHENS and not doc[index - 1].whitespace_ and index > start:
            index += 1
        elif (
            fold_word(token.text) in ARABIC_ARTICLES
            and index + 1 < len(doc)
            and (doc[index + 1].text in NAME_HYPHENS or doc[index + 1].text[:1].isupper())
        ):
            index += 1
        else:
            break
    return end


def _relation(span: Span) -> Optional[Relation]:
    """Read "province of X", "X province", "X's countryside", "rural X" and "near X", "east of X", "near the
    town of X", "on the road to X"."""
    doc = span.doc
    before = [token.lower_ for token in doc[max(0, span.start - 6) : span.start] if token.lower_ != "the"]
    after = [token.lower_ for token in doc[span.end : span.end + 3]]
    if after and after[0] in ("'s", "s"):
        after = after[1:]
    if after and after[0] in DIRECTIONS:
        after = after[1:]
    if after and after[0] in DIVISION_NOUNS or before[-1:] == ["rural"]:
        return Relation.division
    if before[-2:-1] and before[-1] == "of" and before[-2] in DIVISION_NOUNS:
        return Relation.division
    if before[-2:-1] and before[-2] in SETTLEMENT_NOUNS and before[-1] == "of":
        before = before[:-2]  # "near the town of X", "on the outskirts of the village of X"
    if before[-1:] and before[-1] in ("near", "outside"):
        return Relation.near
    if before[-1:] and before[-1] in ROUTE_PREPOSITIONS and before[-2:-1] and before[-2] in ROUTE_NOUNS:
        return Relation.near  # "on the road to X"
    if before[-2:] == ["close", "to"] or before[-1:] == ["from"] and before[-2:-1] and before[-2] in DISTANCE_WORDS:
        return Relation.near
    if before[-1:] == ["of"] and before[-2:-1] and (before[-2] in NEAR_NOUNS or before[-2] in DIRECTIONS):
        return Relation.near
    return None


MODIFIERS_BEFORE_SETTLEMENT = 2  # "the Idlib border town of X", "the Homs countryside village of X"


def _read_settlement_divisions(mentions: list[_Mention]) -> None:
    """'the Idlib town of Ariha', 'the Hama village of X': the name before "town of" is the division the town
    lies in, and chooses among the town's namesakes; 'the Aleppo district of X', 'the Damascus suburb of X':
    the city X is part of, when the gazetteer does not know X or knows one of its namesakes there."""
    for named, settlement in zip(mentions, mentions[1:]):
        doc = named.span.doc
        gap = [token.lower_ for token in doc[named.span.end : settlement.span.start]]
        if not (2 <= len(gap) <= 2 + MODIFIERS_BEFORE_SETTLEMENT and gap[-1] == "of" and gap[-2] in SETTLEMENT_NOUNS):
            continue
        if not all(token.is_alpha and token.lower_ not in PLACE_PREPOSITIONS for token in doc[named.span.end : settlement.span.start - 2]):
            continue
        division = next((entry for entry in named.entries if entry.feature == "admin1"), None) or next(
            (entry for entry in named.entries if entry.feature == "country"), None
        )
        if gap[-2] in SETTLEMENTS_IN_A_DIVISION and division is not None:
            named.entries, named.relation = [division], Relation.division
            container = division
        elif named.entries:
            container = named.entries[0]
        else:
            continue
        inside = [entry for entry in settlement.entries if _entry_in(entry, container)]
        if inside or not settlement.entries or settlement.fuzzy:
            settlement.entries, settlement.within = inside, container


def _entry_in(entry: GazetteerEntry, container: GazetteerEntry) -> bool:
    if container.feature == "country" or not container.admin1:
        return entry.country == container.country
    return (entry.country, entry.admin1) == (container.country, container.admin1)


def _locates(mention: _Mention, anchor: Span, sentence_starts: list[int]) -> bool:
    """Whether `anchor`, the next place mention, says where the mention is: same sentence, only
    connectors between, and a preposition ("X, in the province of Y") or, for a name the
    gazetteer does not know, a comma ("X, Homs")."""
    span = mention.span
    if mention.entries and mention.entries[0].feature in ("country", "admin1"):
        return False  # "the United States in Syria" does not put the United States in Syria
    if mention.relation is Relation.division:
        return False  # nor "Deir Ezzor province, near Raqqa" the province in Raqqa
    if bisect_right(sentence_starts, span.start) != bisect_right(sentence_starts, anchor.start):
        return False
    gap = [token.lower_ for token in span.doc[span.end : anchor.start] if not token.like_num]
    if _described_settlement(span.doc[span.end : anchor.start]):
        return True
    if not all(word in CONNECTORS for word in gap):
        return False
    return any(word in ANCHOR_PREPOSITIONS for word in gap) or (gap == [","] and not mention.entries)


APPOSITION_WORDS = 10  # "X, a small farming village of 200 people in Y"


def _described_settlement(gap: Span) -> bool:
    """'X, a small farming village of 200 people in Hama province', 'X, a town in Y': an apposition that says
    what X is and ends with the preposition that places it."""
    words = [token.lower_ for token in gap]
    if len(words) < 4 or len(words) > APPOSITION_WORDS or words[0] != "," or words[1] not in INDEFINITE_ARTICLES:
        return False
    if words[-1] not in ANCHOR_PREPOSITIONS or not any(word in SETTLEMENT_NOUNS for word in words[2:-1]):
        return False
    return all(token.is_alpha or token.like_num for token in gap[1:]) and not any(
        token.pos_ in ("VERB", "AUX", "PRON") or token.lower_ in RELATIVE_PRONOUNS for token in gap
    )  # not "X, a village that rebels took in Y"


def _resolve(mention: _Mention, anchor: Optional[Place]) -> tuple[str, Place]:
    """The span's label and Place: its gazetteer entry (in the anchor, the located place that the
    sentence puts it in, if any), else a place at the anchor."""
    text = mention.span.text
    entries = mention.entries
    if anchor is not None:
        # The sentence's word beats a namesake elsewhere: "al-Zara, in the countryside of Homs" is no Zara in Turkey.
        entries = [entry for entry in entries if _lies_in(entry, anchor)]
    if entries:
        entry = entries[0]
        if mention.relation is Relation.division:
            entry = next((candidate for candidate in entries if candidate.feature == "admin1"), entry)
        near = entry.feature == "city" and mention.relation is not None  # "near Aleppo", "the Qusayr countryside"
        return entry.feature, entry.to_place(text, PlacePrecision.near if near else None)
    if anchor is None:
        return UNLISTED, Place(text=text)
    near = anchor.precision in (PlacePrecision.exact, PlacePrecision.near)
    return UNLISTED, Place(
        text=text,
        name=text,
        admin1=anchor.admin1,
        admin2=anchor.admin2,
        country=anchor.country,
        lat=anchor.lat,
        lon=anchor.lon,
        precision=PlacePrecision.near if near else anchor.precision,
    )


def _lies_in(entry: GazetteerEntry, anchor: Place) -> bool:
    if anchor.admin1:
        return (entry.country, entry.admin1) == (anchor.country, anchor.admin1)
    return entry.country == anchor.country


# --------------------------------------------------------------------------- incident location

_BEFORE_SITE_NAME = EN.words("before_site_name")
CONTROL_WORDS = EN.words("control_words")
SPEAKER_VERBS = EN.words("speaker_verbs")
DATELINE_WORDS = 12  # a dateline opens the text: "Last updated at Aug 01 2016 BEIRUT"
_DASHES = ("-", "–", "—", "--")
QUALIFIED_BY_PLACE = EN.words("qualified_by_place")
GOVERNMENT_NOUNS = EN.words("government_nouns")
RETALIATION_NOUNS = EN.words("retaliation_nouns")
MEDIA_NOUNS = EN.words("media_nouns")
_TIERS = {"city": 0, UNLISTED: 0, "region": 1, "admin2": 1, "admin1": 2, "country": 3}
_PRECISION_ORDER = list(PlacePrecision)


class SentenceToll(NamedTuple):
    """The largest death toll a sentence gives, and the character where its phrase ends."""

    killed: int
    end_char: int


def choose_location(places: Sequence[Span], tolls: Optional[Mapping[int, SentenceToll]] = None) -> Optional[Place]:
    """The incident's location among the place spans of its sentences (in text order).

    First the governorate, from the lead (the first sentence that names one): its site of
    violence (the object of in/at/near in a sentence that tells of violence), else its most
    specific place. When the lead names several or gives no toll, and `tolls` (a sentence's start
    token -> its largest death toll) says where the most were killed, that one: the governorate of
    a sentence that names one alone, or of the place right after the toll in a sentence that names
    several ("killed over 50 terrorists in Hama"). Within the governorate, most specific
    first: a town, village or site (listed or placed by its context) before a district or
    region, a governorate, a country. Among equals, a site of violence, then the more
    precise, then the first. Places the text does not locate at all are skipped.
    """
    located = [
        (index, span) for index, span in enumerate(places) if span._.place is not None and (span._.place.admin1 or span._.place.country)
    ]
    if not located:
        return None
    current = [item for item in located if not (in_earlier_event(item[1]) or _dated_long_before(item[1]))]
    located = current or located
    divided = [item for item in located if item[1]._.place.admin1]
    if divided:
        site = _deadliest_division(divided, tolls or {}) or _lead_site(divided)
        located = [item for item in located if _same_division(item[1]._.place, site)]
    return min(located, key=_rank)[1]._.place


# "in Aleppo last year", "in Homs two years ago": a time that sets the place's event well before the report.
_LONG_PAST_UNITS = EN.alternation("long_past_units")
LONG_BEFORE = re.compile(
    rf"\b{EN.alternation('past_period_words')} {_LONG_PAST_UNITS}\b|\b{_LONG_PAST_UNITS}s? {EN.alternation('past_markers')}\b", re.I
)
DATED_WITHIN = 3  # tokens between a place and the time that dates it ("in Aleppo in the summer of last year")


def _dated_long_before(span: Span) -> bool:
    """A place the words after it date a year or more back: it names an earlier event, not the one reported."""
    doc = span.doc
    end = min(len(doc), span.end + DATED_WITHIN)
    for start in range(span.end, end):  # a DATE entity starting there, read off the tokens: doc.ents builds every entity
        if doc[start].ent_iob_ == "B" and doc[start].ent_type_ == "DATE":
            stop = start + 1
            while stop < len(doc) and doc[stop].ent_iob_ == "I":
                stop += 1
            if LONG_BEFORE.search(doc[start:stop].text):
                return not any(token.is_punct for token in doc[span.end : start])
    return False


def _lead_site(divided: list[tuple[int, Span]]) -> Place:
    lead = _sentence_start(divided[0][1])
    in_lead = [item for item in divided if _sentence_start(item[1]) == lead]
    site = next((span._.place for _, span in in_lead if _is_event_site(span)), None)
    return site or min(in_lead, key=_rank)[1]._.place


def _deadliest_division(divided: list[tuple[int, Span]], tolls: Mapping[int, SentenceToll]) -> Optional[Place]:
    """When the lead names several governorates ("shells hit Damascus, Aleppo and Idlib") or gives no toll
    ("strikes destroyed a mosque north of Hama ... four were killed in Sermin, Idlib"), a place of the
    governorate the largest toll is given for (`_toll_place`)."""
    by_sentence: dict[int, list[Span]] = {}
    for _, span in divided:
        by_sentence.setdefault(_sentence_start(span), []).append(span)
    lead_start, lead = next(iter(by_sentence.items()))
    lead_toll = tolls.get(lead_start)
    if _names_one_division(lead) and lead_toll is not None and lead_toll.killed > 0:
        return None
    best: Optional[tuple[int, Place]] = None
    for start, spans in by_sentence.items():
        toll = tolls.get(start)
        if toll is None or toll.killed <= 0:
            continue
        place = _toll_place(spans, toll)
        if place is not None and (best is None or toll.killed > best[0]):
            best = (toll.killed, place)
    return best[1] if best else None


def _names_one_division(spans: list[Span]) -> bool:
    return all(_same_division(span._.place, spans[0]._.place) for span in spans)


def _toll_place(spans: list[Span], toll: SentenceToll) -> Optional[Place]:
    """Where a sentence's toll was taken: the one governorate it names, or, when it names several, the one
    governorate named after the toll ("Retakes Qaryatain in Homs, Kills over 50 Terrorists in Hama"); none
    when the places after it are several ("6 killed in shelling on Damascus, Aleppo and Idlib") or none."""
    if _names_one_division(spans):
        return spans[0]._.place
    after = [span for span in spans if span.start_char >= toll.end_char]
    return after[0]._.place if after and _names_one_division(after) else None


def _rank(item: tuple[int, Span]) -> tuple[int, bool, int, int]:
    index, span = item
    place = span._.place
    return (_TIERS.get(span.label_, 0), not _is_event_site(span), _PRECISION_ORDER.index(place.precision), index)


def _sentence_start(span: Span) -> int:
    return doc_tokens(span.doc).sentence_start(span.start) if span.doc.has_annotation("SENT_START") else 0


def _same_division(place: Place, other: Place) -> bool:
    return (place.country, place.admin1) == (other.country, other.admin1)


def _is_event_site(span: Span) -> bool:
    """'jets bombed a market in X', 'in the busy X', 'In X, gunmen killed': X follows in/at/near and the
    sentence tells of violence before X (or X opens it); not 'activists in X said jets bombed'."""
    doc = span.doc
    tokens = doc_tokens(doc)
    if doc.has_annotation("SENT_START"):
        sentence_start, sentence_end = tokens.sentence_start(span.start), tokens.sentence_end(span.start)
    else:
        sentence_start, sentence_end = 0, tokens.length
    index = span.start - 1
    while index >= sentence_start:
        if _qualifies_site(doc, index):
            index -= 1
        elif (division := _place_before_settlement(doc, index)) is not None:
            index = division.start - 1  # "in the Idlib town of X"
        else:
            break
    lowers = tokens.lowers
    if index < sentence_start or lowers[index] not in SITE_PREPOSITIONS:
        return False
    before_index = index - 2 if index > 0 and tokens.texts[index - 1] == "," else index - 1
    if _ends_a_place(doc, before_index):
        return False  # "in Marjeh Square in the heart of Damascus": the square is the site, Damascus says where it is
    violent = [i for i in range(sentence_start, index) if VIOLENCE.match(lowers[i])]
    if violent and _told_where(doc[violent[-1] + 1 : index]):
        return False  # "... tank fire," he told a news briefing in Geneva: where it was said, not done
    return bool(violent) or (index == sentence_start and any(VIOLENCE.match(lowers[i]) for i in range(span.end, sentence_end)))


def _told_where(words: Span) -> bool:
    """Words between the violence and a place that make the place where it was told or mourned."""
    return any(token.lemma_.lower() in REPORTING_VERBS or token.lower_ in GATHERING_NOUNS for token in words)


def _ends_a_place(doc: Doc, index: int) -> bool:
    return index >= 0 and any(span.end == index + 1 for span in doc.spans.get(SPAN_KEY, ()))


def _place_before_settlement(doc: Doc, index: int) -> Optional[Span]:
    """The place span ending at `index` in "the Idlib town of X", "the Damascus suburb of X"."""
    return next((span for span in doc.spans.get(SPAN_KEY, ()) if span.end == index + 1 and _names_its_settlement(span)), None)


def _names_its_settlement(span: Span) -> bool:
    """'the Idlib town of X', 'the Aleppo district of X': the name says where X lies (see
    `_read_settlement_divisions`); X, not it, is the place told of."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].lower_ in SETTLEMENT_NOUNS and doc[span.end + 1].lower_ == "of"


def _qualifies_site(doc: Doc, index: int) -> bool:
    """Words between a preposition and a site's name: 'the busy', 'the village of', 'government-controlled west'."""
    token = doc[index]
    hyphenated = token.text in NAME_HYPHENS or (index + 1 < len(doc) and doc[index + 1].text in NAME_HYPHENS)
    return token.lower_ in _BEFORE_SITE_NAME or token.pos_ == "ADJ" or hyphenated or token.lower_ in CONTROL_WORDS


class DocumentPlaces:
    """The article's place mentions with what `incident_location` reads of all of them, read once per
    article rather than once per incident."""

    def __init__(self, spans: Sequence[Span]):
        # the attackers' home, a vigil abroad, an avenged event: no ground for the article's country or division
        self.spans = [span for span in spans if not _names_another_place_of_the_story(span)]

    @cached_property
    def home(self) -> Optional[str]:
        return home_country(self.spans)

    @cached_property
    def main_division(self) -> Optional[Place]:
        return main_division(self.spans, self.home)


def incident_location(
    incident_places: Sequence[Span],
    document_places: "Sequence[Span] | DocumentPlaces",
    violent: bool,
    tolls: Optional[Mapping[int, SentenceToll]] = None,
) -> Optional[Place]:
    """A violent incident's location (see `choose_location`; `tolls` maps a sentence's start token to the
    largest death toll it gives), among its places in the article's home country (`home_country`):
    "BEIRUT -", "said in Geneva", "Ankara says", "Damascus-backed" place nothing. When these give no
    division, the division the article names first in its home country ("killed in eastern Syria ... the
    village of X in Deir Ezzor province"), at the division's precision; failing that, a place abroad
    where the incident's first sentence with places puts the violence."""
    if not violent:
        return choose_location(incident_places)
    document = document_places if isinstance(document_places, DocumentPlaces) else DocumentPlaces(document_places)
    home = document.home
    candidates = [
        span
        for span in incident_places
        if not (_is_modifier(span) or _is_speaker(span) or _is_furniture(span) or _names_another_place_of_the_story(span))
    ]
    at_home = [span for span in candidates if _in_country(span, home)]
    location = choose_location(at_home, tolls)
    if location is not None and location.admin1:
        return location
    fallback = document.main_division
    if fallback is not None:
        return fallback
    if candidates:
        lead = _sentence_start(candidates[0])
        sites = [span for span in candidates if _sentence_start(span) == lead and _is_event_site(span)]
        return choose_location(sites) or location
    return location


# Grammar codes (dependency labels, POS tags, entity labels), not words of a language: they stay with the rules.
LIST_TAGS = frozenset({"PROPN", "NOUN", "ADJ", "NUM", "CCONJ"})  # what keywords are made of; no "in", "the", verbs


def _is_furniture(span: Span) -> bool:
    """Page furniture around the story (a photo caption, a keyword list) names places it does not tell of."""
    return in_caption(span) or in_keyword_list(span)


def in_keyword_list(span: Span) -> bool:
    """'Tags Syria Islamic State activists murder video Palmyra': places and perpetrators skip a page's
    keyword list, which is made of names, nouns and adjectives (no "in", "the", verbs)."""
    return follows_keyword_marker(span, lambda token: token.pos_ in LIST_TAGS and token.text not in NAME_HYPHENS)


CREDIT_WORDS = 6  # "(TRT World and Agencies)", "(AFP)", "(Reuters Photo)"


def in_caption(span: Span) -> bool:
    """'A man carries a child at the scene of an air strike on Idlib on September 10 2016. (AFP)': a sentence
    that ends with a date and a photo credit is a picture's caption; the picture may be of another place."""
    doc = span.doc
    if not doc.has_annotation("SENT_START"):
        return False
    sentence = span.sent
    opening = next((t.i for t in doc[sentence.end - 1 : sentence.end + 2] if t.text == "("), None)
    if opening is None:  # the credit closing the sentence: "... June 18 2016 (Reuters)"
        closing = sentence.end - 1
        while closing > sentence.start and doc[closing].is_punct and doc[closing].text != ")":
            closing -= 1
        if doc[closing].text == ")":
            opening = next((i for i in range(closing - 1, sentence.start, -1) if doc[i].text == "("), None)
    if opening is None or opening < 2:
        return False
    year = doc[opening - 2] if doc[opening - 1].text == "." else doc[opening - 1]
    return bool(re.fullmatch(r"(19|20)\d\d", year.text)) and _is_credit(doc, opening)


def _is_credit(doc: Doc, opening: int) -> bool:
    """A bracket of a few capitalised words closing its sentence: '(Reuters)', not the dateline's '(Reuters) -'."""
    closing = next((t.i for t in doc[opening + 1 : opening + 2 + CREDIT_WORDS] if t.text == ")"), None)
    if closing is None or closing == opening + 1:
        return False
    after = doc[closing + 1] if closing + 1 < len(doc) else None
    if after is not None and after.text in _DASHES:
        return False
    return all(t.text[:1].isupper() or t.lower_ in ("and", "&", "/") for t in doc[opening + 1 : closing])


def home_country(places: Sequence[Span]) -> Optional[str]:
    """The country a text is about: the one most of its towns and divisions lie in, else the one
    it names most (on a tie, the one it names most with its country's name, then the first named).
    Countries alone are often actors ("Turkey said"), and datelines say where the reporter was
    ("BEIRUT (Reuters) -")."""
    with_places = [(span, span._.place) for span in places]  # (`span._` is made anew at every read)
    kept = [
        (span, place)
        for span, place in with_places
        if place is not None and place.country and not (_is_speaker(span) or _is_dateline(span))
    ]
    located = [place for _, place in kept]
    stated = {place.country for place in located if place.precision is PlacePrecision.country}
    if kept:
        stated |= kept[0][0].doc.user_data.get(DEMONYMS_KEY, set())
    towns = _corroborated(
        [(place.country, place.name or "", span.label_ in _LONE_TOWN_LABELS) for span, place in kept if place.admin1],
        stated,
    )
    countries = towns or [place.country for place in located]
    if not countries:
        return None
    counts = Counter(countries)
    named = Counter(place.country for place in located)  # on a tie of towns, the country named more
    return max(counts, key=lambda country: (counts[country], named[country], -countries.index(country)))


HOME_KEY = "corroborate_home_country"  # doc.user_data: `home_country` of the doc's place spans, once computed


def is_foreign_town(span: Span) -> bool:
    """A place of a country the gazetteer lists only the large towns of (`Gazetteer.covered_countries`),
    in a text about another country: "talks in Moscow", "a vigil in Paris" tell of no incident's place."""
    place = span._.place
    if place is None or not place.country or place.country in Gazetteer.default().covered_countries():
        return False
    doc = span.doc
    if HOME_KEY not in doc.user_data:
        doc.user_data[HOME_KEY] = home_country(list(doc.spans.get(SPAN_KEY, [])))
    return place.country != doc.user_data[HOME_KEY]


def main_division(places: Sequence[Span], country: Optional[str]) -> Optional[Place]:
    """Where an article that does not place its incident is: the town of `country` that its place mentions
    name first, or else the first-level division they name first, at the division's precision ("ISIS
    executed 19 men ... in Deir Ezzor")."""
    named = [
        span
        for span in places
        if _in_country(span, country)
        and span._.place.admin1
        and not (_is_modifier(span) or _is_speaker(span) or _is_furniture(span))
        and not (in_earlier_event(span) or _dated_long_before(span))
    ]
    if not named:
        return None
    first = named[0]
    if first.label_ == "city" and first._.place.precision in (PlacePrecision.exact, PlacePrecision.near):
        return first._.place  # "The children of Houla": the town the article is about, as a coder reads it
    entry = Gazetteer.default().admin1_entry(first._.place.admin1, first._.place.country)
    return None if entry is None else entry.to_place(first.text, PlacePrecision.admin1)


def _is_modifier(span: Span) -> bool:
    """'Damascus-backed', 'UK-based', 'its Damascus ally', 'the Damascus government', 'Al Mayadeen TV': the
    name qualifies someone, it places nothing; 'the Damascus suburb of X' places X."""
    doc = span.doc
    following = doc[span.end].lower_ if span.end < len(doc) else ""
    if following in GOVERNMENT_NOUNS or following in MEDIA_NOUNS or _names_its_settlement(span):
        return True
    return span.end + 1 < len(doc) and following in NAME_HYPHENS and doc[span.end + 1].lower_ in QUALIFIED_BY_PLACE


def _names_another_place_of_the_story(span: Span) -> bool:
    """Places a coder does not take for the incident's: the attackers' home ("gunmen from nearby villages around
    X", "militiamen from X"), where it is mourned or protested ("held a vigil in X"), the event avenged ("in
    revenge for the massacre in X"). Read up the parse from the place to its clause's verb."""
    token = span.root
    while token.dep_ in ("pobj", "compound", "conj", "appos", "prep", "amod", "nmod", "npadvmod") and token.head is not token:
        head = token.head
        if token.dep_ == "prep" and token.lower_ == "from" and head.pos_ in ("NOUN", "PROPN") and _from_origin(token):
            return True
        if token.dep_ == "prep" and token.lower_ == "for" and head.lemma_.lower() in RETALIATION_NOUNS and _done_in_revenge(head):
            return True
        if token.dep_ == "prep" and token.lower_ in ("in", "at") and _gathering(head):
            return True
        token = head
    return False


def _from_origin(preposition: Token) -> bool:
    """'militiamen from X', 'rocket fire from X': where someone or something came from; not 'the toll from the
    strike on X', 'casualties from the shelling of X', where "from" gives the cause of a toll."""
    if preposition.head.lower_ in CASUALTY_NOUNS:
        return False
    return not any(child.dep_ == "pobj" and child.lower_ in ATTACK_NOUNS for child in preposition.children)


def _done_in_revenge(noun: Token) -> bool:
    """'shelled X in revenge for ...': an act of violence avenges another event; 'vowed revenge for the strike
    in X' is about the very strike the article tells."""
    verb = noun
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
        verb = verb.head
    return bool(VIOLENCE.match(verb.lower_))


def _gathering(head: Token) -> bool:
    """'a vigil in X', 'held a vigil in X', 'staged a protest at X'."""
    if head.lower_ in GATHERING_NOUNS:
        return True
    return head.pos_ in ("VERB", "AUX") and any(child.dep_ == "dobj" and child.lower_ in GATHERING_NOUNS for child in head.children)


def _is_dateline(span: Span) -> bool:
    """'BEIRUT (Reuters) -', 'Beirut (AFP) -', 'Last updated at Aug 01 2016 BEIRUT': a place written in capitals,
    or followed by a bracket or a dash, among the first words of the text; later, one in capitals and
    followed by a bracket or a dash (a dateline after page furniture)."""
    doc = span.doc
    following = doc[span.end].text if span.end < len(doc) else ""
    if span.start >= DATELINE_WORDS:  # "... rights group says. MOSCOW (Sputnik) -": a dateline after page furniture
        return span.text.isupper() and len(span.text) > 2 and following in ("(", *_DASHES)
    return (span.text.isupper() and len(span.text) > 2) or following in ("(", *_DASHES)


def _is_speaker(span: Span) -> bool:
    """'Ankara says', 'Damascus denied', 'Moscow wants': the name stands for a government that speaks or acts."""
    root = span.root
    return root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX") and root.head.lemma_.lower() in SPEAKER_VERBS


def _in_country(span: Span, country: Optional[str]) -> bool:
    return country is None or (span._.place is not None and span._.place.country == country)


def governorate_of(place: Place) -> Optional[str]:
    """The canonical English name of the place's first-level division, if known."""
    if not place.admin1:
        return None
    entry = Gazetteer.default().admin1_entry(place.admin1, place.country)
    return entry.name if entry else place.admin1


__all__ = [
    "DocumentPlaces",
    "PlaceRecognizer",
    "choose_location",
    "common_words",
    "governorate_of",
    "home_country",
    "incident_location",
    "is_foreign_town",
    "main_division",
]
