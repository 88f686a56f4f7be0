"""Places in a sentence from the gazetteer: Latin, other-script and inflected names, in the country the text is about."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from corroborate.extract.multilingual.figures import _word_value
from corroborate.extract.multilingual.lexicon import ReducedLexicon, load_lexicon
from corroborate.extract.multilingual.sentences import Sentence, _iter_sentences
from corroborate.extract.multilingual.words import _WORD, Word, _longest_at, _matches, _phrase, normalise_arabic
from corroborate.gazetteer import Gazetteer, GazetteerEntry
from corroborate.models import Place, PlacePrecision
from corroborate.package_data import data_file

# A place name of this many words at most.
LONGEST_PLACE_WORDS = 4
# A place named without a word such as "in" or "town of" before it counts only if it is this large.
UNCUED_PLACE_POPULATION = 10_000


@dataclass(frozen=True)
class PlaceMention:
    place: Place
    start: int
    end: int
    cued: bool


# Scripts of data/place_names_multilingual.csv each language family reads; Arabic text writes no Persian letters.
_ARABIC_SCRIPTS = frozenset({"arab"})
_OTHER_SCRIPTS = frozenset({"latn", "cyrl", "grek", "hebr", "arab-ext"})
# An inflected name ("Краматорске", "Москве", "Kramatorsku") is its stem and an ending of one letter per this
# many letters of the stem (one at least, LONGEST_ENDING at most), so that "Khar" does not end in "Kharkiv";
# the stem is the name without a final vowel and has SHORTEST_STEM letters at least.
STEM_LETTERS_PER_ENDING_LETTER = 3
INFLECTED_TOWN_POPULATION = 15_000  # the gazetteer's own names are read inflected for towns this large
LONGEST_ENDING = 3
SHORTEST_STEM = 4
_FINAL_VOWELS = frozenset("aeiouyаеиоуыэюяіїєьйαεηιουωάέήίόύώ")


@lru_cache(maxsize=2)
def _place_index(arabic: bool) -> dict[str, list[tuple[tuple[str, ...], tuple[int, ...]]]]:
    """Word key -> (name's word keys, geonameids most populous first), from data/place_names_multilingual.csv:
    Arabic names after `normalise_arabic` indexed by first word; names in other scripts folded
    (`fold_word`) and indexed by their first word's stem (`_stem`), so that inflected forms find them."""
    gazetteer = Gazetteer.default()
    scripts = _ARABIC_SCRIPTS if arabic else _OTHER_SCRIPTS
    found: dict[tuple[str, ...], set[int]] = {}
    path = data_file("place_names_multilingual.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        for geonameid, script, name in csv.reader(handle):
            if script not in scripts:
                continue
            key = _phrase(name, "ar" if arabic else "")
            if sum(len(word) for word in key) >= 3 and gazetteer.get(int(geonameid)) is not None:
                found.setdefault(key, set()).add(int(geonameid))
    if not arabic:  # the gazetteer's own names of towns, for their inflected forms ("w Kramatorsku")
        for entry in gazetteer.entries():
            if entry.feature == "city" and entry.geonameid is not None and entry.population >= INFLECTED_TOWN_POPULATION:
                for key in dict.fromkeys(_phrase(name, "") for name in (entry.name, entry.ascii_name)):
                    if sum(len(word) for word in key) >= 3:
                        found.setdefault(key, set()).add(entry.geonameid)

    def population(geonameid: int) -> tuple[int, int]:
        return -(gazetteer.get(geonameid).population or 0), geonameid  # type: ignore[union-attr]

    index: dict[str, list[tuple[tuple[str, ...], tuple[int, ...]]]] = {}
    for key, ids in found.items():
        index.setdefault(key[0] if arabic else _stem(key[0]), []).append((key, tuple(sorted(ids, key=population))))
    if not arabic:  # exact names before inflected ones, longer stems (more specific) first
        for entries in index.values():
            entries.sort(key=lambda item: (-len(item[0][0]), item[0]))
    return index


def _arabic_place_index() -> dict[str, list[tuple[tuple[str, ...], tuple[int, ...]]]]:
    return _place_index(True)


def _stem(word: str) -> str:
    """A name word without its final vowel ("краматорська" -> "краматорськ"): what its inflections share."""
    return word[:-1] if len(word) > SHORTEST_STEM and word[-1] in _FINAL_VOWELS else word


def _inflection_of(word: str, name_word: str) -> bool:
    """'краматорске', 'краматорськ', 'kramatorsku' of 'краматорск', 'kramatorsk': the name, or its stem and a
    short ending (declension in Slavic and Baltic languages, Greek, Finnish...)."""
    if word == name_word:
        return True
    stem = _stem(name_word)
    ending = min(LONGEST_ENDING, max(1, len(stem) // STEM_LETTERS_PER_ENDING_LETTER))
    return len(stem) >= SHORTEST_STEM and word.startswith(stem) and len(word) - len(stem) <= ending


def _other_script_names(words: Sequence[Word], at: int, length: int) -> Optional[tuple[int, ...]]:
    """The geonameids of a name in any script but Arabic written, perhaps inflected, by `length` words at `at`."""
    span = words[at : at + length]
    if any(word.text[:1].islower() for word in (span[0], span[-1])):
        return None  # a proper name is capitalised, where the script has capitals
    index = _place_index(False)
    # the word as written (`exact`), not any of its `forms`: those hold its stems too, in no set order
    first = _written_key(span[0])
    for stem_length in range(len(first), SHORTEST_STEM - 1, -1):  # the first word's stem is a prefix of it
        for key, ids in index.get(first[:stem_length], ()):
            if len(key) == length and all(_inflection_of(_written_key(w), k) for w, k in zip(span, key)):
                return ids
    return None


def _written_key(word: Word) -> str:
    """The key of the whole word (a script without Arabic's clitics has one)."""
    return min(word.exact or word.forms, key=lambda form: (-len(form), form))


def _written_as_named(word: Word, entries: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """The entries one of whose Arabic names is the word as written (the article aside): without a word
    such as "في" before it, a name read off a word once its clitics are taken off ("وكان", "and was",
    as "كان") is no place."""
    written = _without_article(normalise_arabic(word.text))
    names = _arabic_names_by_id()
    return [entry for entry in entries if written in names.get(entry.geonameid, ())]


@lru_cache(maxsize=1)
def _arabic_names_by_id() -> dict[Optional[int], frozenset[str]]:
    names: dict[Optional[int], set[str]] = {}
    for entries in _arabic_place_index().values():
        for key, ids in entries:
            if len(key) == 1:
                for geonameid in ids:
                    names.setdefault(geonameid, set()).add(_without_article(key[0]))
    return {geonameid: frozenset(found) for geonameid, found in names.items()}


def _without_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _definite(word: str) -> tuple[bool, str]:
    """Whether a written Arabic word has the article (after a conjunction or preposition), and the word without them."""
    word = normalise_arabic(word)
    if word[:1] in ("و", "ف") and len(word) > 3:
        word = word[1:]
    if word.startswith("لل") and len(word) > 4:
        return True, word[2:]
    if word[:1] in ("ب", "ل", "ك") and word[1:3] == "ال" and len(word) > 4:
        return True, word[3:]
    if word.startswith("ال") and len(word) > 3:
        return True, word[2:]
    return False, word


@lru_cache(maxsize=16)
def _arabic_common_nouns(text: str) -> frozenset[str]:
    """Words the text writes both with and without the article ("الجامعة" and "جامعة حلب", university): common
    nouns, whatever town abroad is named like them; a place name keeps or lacks its article ("الرقة", "حلب")."""
    definite: set[str] = set()
    bare: set[str] = set()
    for match in _WORD.finditer(text):
        has_article, base = _definite(match.group())
        (definite if has_article else bare).add(base)
    return frozenset(definite & bare)


def _curated_place(words: Sequence[Word], at: int, length: int, lexicon: ReducedLexicon) -> Optional[int]:
    """The geonameid of the first [[curated_place]] in the lexicon file whose `length` words start at `at`."""
    matching = [
        (position, geonameid)
        for form in words[at].forms
        for position, key, geonameid in lexicon.curated_places.get(form, ())
        if len(key) == length and _matches(words, at, key)
    ]
    return min(matching)[1] if matching else None


def _candidates(words: Sequence[Word], at: int, length: int, text: str, lexicon: ReducedLexicon) -> list[GazetteerEntry]:
    gazetteer = Gazetteer.default()
    span = words[at : at + length]
    curated = _curated_place(words, at, length, lexicon)
    if curated is not None and gazetteer.get(curated):
        return [gazetteer.get(curated)]  # type: ignore[list-item]
    if lexicon.language == "ar":
        common = _arabic_common_nouns(text) if length == 1 else frozenset()
        named = (
            ids
            for form in words[at].forms_in_order()
            for key, ids in _arabic_place_index().get(form, [])
            if len(key) == length
            and _matches(words, at, key)
            and not (length == 1 and ({key[0], _without_article(key[0])} & lexicon.place_cues or _without_article(key[0]) in common))
        )
        return [entry for entry in (gazetteer.get(i) for i in next(named, ())) if entry is not None]
    if span[0].text[0].isupper() and span[-1].text[0].isupper():
        listed = [e for e in gazetteer.lookup(text[span[0].start : span[-1].end]) if e.feature != "country"]
        if listed:
            return listed
    ids = _other_script_names(words, at, length)
    return [entry for entry in (gazetteer.get(i) for i in ids or ()) if entry is not None]


def _cue(words: Sequence[Word], at: int, lexicon: ReducedLexicon) -> Optional[PlacePrecision]:
    """How the words just before a name place it: near it, in its province, or at it."""
    before = [words[i].forms for i in range(max(0, at - 2), at)]
    if any(forms & lexicon.place_near for forms in before):
        return PlacePrecision.near
    if any(forms & lexicon.place_province for forms in before):
        return PlacePrecision.admin1
    if before and before[-1] & lexicon.place_at:
        return PlacePrecision.exact
    if lexicon.language == "ar" and at < len(words) and normalise_arabic(words[at].text)[:1] == "ب":
        return PlacePrecision.exact  # "بسراقب": in Saraqib
    return None


def _named_places(words: Sequence[Word], text: str, lexicon: ReducedLexicon):
    """(first word, length, entries, cue) of each name the words give, longest names first. The name of a
    known source ("Sana", the agency, not Sanaa) and a number word ("Douze") are no place."""
    found: list[tuple[int, int, list[GazetteerEntry], Optional[PlacePrecision]]] = []
    at = 0
    while at < len(words):
        source = _longest_at(words, at, lexicon.known_sources)
        if source or _word_value(words, at, lexicon.numbers) is not None:
            at += len(source) if source else 1
            continue
        for length in range(min(LONGEST_PLACE_WORDS, len(words) - at), 0, -1):
            entries = _candidates(words, at, length, text, lexicon)
            cue = _cue(words, at, lexicon) if entries else None
            if entries and cue is None and length == 1 and lexicon.language == "ar":
                entries = _written_as_named(words[at], entries)
            if entries:
                found.append((at, length, entries, cue))
                at += length
                break
        else:
            at += 1
    return found


@lru_cache(maxsize=16)
def home_country(text: str, language: str) -> Optional[str]:
    """The country a text is about: the one its place names point to most, a name with namesakes in
    several countries counting for each in part (as `places.home_country` does for English)."""
    lexicon = load_lexicon(language)
    weights: defaultdict[str, float] = defaultdict(float)
    for sentence in _iter_sentences(text, language):
        for _, _, entries, _ in _named_places(sentence.words, text, lexicon):
            countries = {entry.country for entry in entries}
            for country in countries:
                weights[country] += 1 / len(countries)
    return max(weights, key=lambda country: (weights[country], country)) if weights else None


def places_in(sentence: Sentence, text: str, lexicon: ReducedLexicon) -> list[PlaceMention]:
    """Gazetteer places named in the sentence, longest names first; a province named is its admin1.
    A name with a namesake in the country the text is about is that namesake; a place abroad is left out
    when the text is about another country ("المدينة", a town of Iraq, in a report on Aleppo)."""
    words = sentence.words
    home = home_country(text, lexicon.language)
    found = []
    for at, length, entries, cue in _named_places(words, text, lexicon):
        if home is not None:
            entries = [entry for entry in entries if entry.country == home]
        if entries:
            found.append((at, length, entries, cue))
    provinces = {entries[0].admin1 for _, _, entries, cue in found if cue is PlacePrecision.admin1}
    mentions = []
    for at, length, entries, cue in found:
        entry = entries[0]
        if cue is not PlacePrecision.admin1:  # a town of the province the sentence names
            entry = next((e for e in entries if e.admin1 in provinces), entry)
        if cue is None and (entry.population or 0) < UNCUED_PLACE_POPULATION and entry.feature == "city":
            continue
        start, end = words[at].start, words[at + length - 1].end
        written = text[start:end]
        if cue is PlacePrecision.admin1 or entry.feature == "admin1":
            division = Gazetteer.default().admin1_entry(entry.admin1, entry.country) if entry.admin1 else None
            place = (division or entry).to_place(written, PlacePrecision.admin1)
        elif cue is PlacePrecision.near:
            place = entry.to_place(written, PlacePrecision.near)
        else:
            place = entry.to_place(written)
        mentions.append(PlaceMention(place, start, end, cue is not None))
    return mentions


def _choose_place(mentions: list[PlaceMention]) -> Optional[PlaceMention]:
    """The first named place (exact or near) the text puts the event in, else the first province."""
    order = [PlacePrecision.exact, PlacePrecision.near, PlacePrecision.admin2, PlacePrecision.admin1]
    ranked = [m for m in mentions if m.place.precision in order]
    return min(ranked, key=lambda m: (order.index(m.place.precision) > 1, not m.cued, m.start)) if ranked else None
