"""Who says so, and how firmly: sources and certainty of a sentence's claims.

News attributes figures with a handful of constructions: "according to X",
"X said / reported / told", "was reported by X and Y". Hedges ("claims that",
"may have", "allegedly") make a claim alleged; "denied" makes it denied.

Saved web pages come without commas and apostrophes, so a source's name can
arrive glued to its neighbours: a dateline ("Jul 2016 Syrian state TV"), the
page's keyword list ("Tags Syria Idlib Russia ..."), the object of the clause
before ("killed 30 militants SANA news agency reported"), or a possessive
without its apostrophe ("SANAs correspondent"). `clean_source` trims such a
span to the name, or drops it when nothing of a name is left; `canonical_source`
reads the registry name a span contains. A generic source ("the monitor said")
is the one named source of a compatible kind introduced earlier in the article,
when there is exactly one (`resolve_generic`); else it stays as written.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Optional

from spacy.tokens import Doc, Span, Token

from corroborate.dictionaries import ActorDictionary, ActorEntry, SourceEntry, SourceRegistry
from corroborate.extract.actors import NAME_HYPHENS
from corroborate.extract.tokens import DocTokens, doc_tokens
from corroborate.lang import lexicon
from corroborate.models import ActorType, Certainty

EN = lexicon("en")

REPORTING_VERBS = EN.words("reporting_verbs")
ALLEGING_VERBS = EN.words("alleging_verbs")
DENYING_LEMMAS = EN.words("denying_verbs")
BACKING_LEMMAS = EN.words("backing_verbs")
HEDGE_WORDS = EN.words("hedge_words")
HEDGE_MODALS = EN.words("hedge_modals")
PRONOUNS = EN.words("pronouns")
# Grammar codes (dependency labels, POS tags, entity labels), not words of a language: they stay with the rules.
# Roles of a noun inside the subject that are not the source ("a spokesman for the group").
NAME_DEPS = {"compound", "amod", "det", "poss", "nmod", "flat", "case", "nummod"}
DATE_WORDS = EN.words("dateline_words")
VICTIM_WORDS = EN.words("victim_words")
# Who says an unattributed claim when the outlet's name is not known.
OUTLET_VOICE = "the outlet"
KEYWORD_MARKERS = EN.words("keyword_markers")
KEYWORD_LIST_WORDS = 20  # a page's keyword list is short
NON_SPEAKERS = EN.words("non_speakers")
SPEAKER_NOUNS = EN.words("speaker_nouns")
# A generic source noun and the registry kinds it can stand for ("the monitor" = the monitor named before).
GENERIC_KINDS: dict[str, frozenset[str]] = {
    "monitor": frozenset({"monitor"}),
    "watchdog": frozenset({"monitor"}),
    "observatory": frozenset({"monitor"}),
    "agency": frozenset({"news agency"}),
    "group": frozenset({"monitor", "activist network", "rescue service"}),
    "organisation": frozenset({"monitor", "activist network", "rescue service"}),
    "organization": frozenset({"monitor", "activist network", "rescue service"}),
    "ministry": frozenset({"official"}),
    "broadcaster": frozenset({"broadcaster"}),
    "channel": frozenset({"broadcaster"}),
    "station": frozenset({"broadcaster"}),
    "television": frozenset({"broadcaster"}),
    "tv": frozenset({"broadcaster"}),
    "newspaper": frozenset({"newspaper"}),
    "paper": frozenset({"newspaper"}),
    "daily": frozenset({"newspaper"}),
    "website": frozenset({"news site"}),
    "network": frozenset({"activist network"}),
}
# Armed groups an unnamed "the group said" may point back to, as sources of the article.
GROUP_TYPES = frozenset({ActorType.rebel_group, ActorType.jihadist_group, ActorType.militia})
GROUP_NOUNS = EN.words("group_nouns")
# The longest name searched inside a source span.
MAX_NAME_WORDS = 8


@dataclass(frozen=True)
class SourceMention:
    """A named source in a sentence, with the span of its name in the text."""

    text: str
    start: int
    end: int
    alleging: bool = False


def source_phrase(head: Token) -> Span:
    """The name around a head noun: compounds, adjectives and "of/for" complements, no clauses or appositions."""
    left = head
    for child in head.lefts:
        if child.dep_ in NAME_DEPS and child.dep_ != "det":
            left = min(left, child.left_edge, key=lambda t: t.i)
    right = head
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "for"}:
            # "Observatory for Human Rights", but not the clauses hanging on "Rights".
            for obj in child.children:
                if obj.dep_ == "pobj":
                    right = max(right, source_phrase(obj)[-1], key=lambda t: t.i)
        elif child.dep_ in {"compound", "flat"}:
            right = max(right, child, key=lambda t: t.i)
    # Keep a leading article as written ("the Syrian Observatory ...").
    first = left.i
    if first > 0 and head.doc[first - 1].dep_ == "det" and head.doc[first - 1].head == head:
        first -= 1
    return head.doc[first : right.i + 1]


@lru_cache(maxsize=1 << 14)
def canonical_source(text: str) -> str:
    """The registry's name for a source the text names ("SOHR", "SANAs correspondent", "the Syrian
    state news agency SANA" -> its registry name), else the text."""
    registry = SourceRegistry.default()
    entry = registry.lookup(text, fuzzy=False) or registry.lookup_within(text, max_words=MAX_NAME_WORDS)
    words = text.split()
    if entry is None and len(words) >= 4 and sum(w[:1].isupper() for w in words[1:]) >= 2:
        entry = registry.lookup(text)  # a misspelt long name ("Syrian Obervatory for Human Rights")
    return entry.name if entry is not None else text


def _is_date_token(token: Token) -> bool:
    """A number, or a word of a date or time ("Jul", "2016", "midnight"); not an ordinal ("first responders")."""
    return token.is_digit or token.pos_ == "NUM" or token.lower_ in DATE_WORDS or token.ent_type_ in {"DATE", "TIME"}


def _extended_to_name(phrase: Span) -> Span:
    """The phrase run on to the end of a registry or actor name that starts inside it and that the
    parse cut short ("the agency Doctors | Without Borders"): names go on with capitalised words."""
    doc = phrase.doc
    limit = min(phrase.end + MAX_NAME_WORDS // 2, phrase.sent.end)
    if phrase.end >= limit or not _name_word(doc[phrase.end]):
        return phrase
    registries = (SourceRegistry.default(), ActorDictionary.default())
    starts = [t.i for t in phrase[-MAX_NAME_WORDS:] if _name_word(t)]
    for end in range(limit, phrase.end, -1):
        if doc[end - 1].is_punct:
            continue
        for start in starts:
            if end - start <= MAX_NAME_WORDS and any(r.lookup(doc[start:end].text, fuzzy=False) for r in registries):
                return doc[phrase.start : end]
    return phrase


def _name_word(token: Token) -> bool:
    return token.is_title or token.is_upper


def follows_keyword_marker(span: Span, is_keyword: Callable[[Token], bool]) -> bool:
    """The words right before the span, all keywords by `is_keyword` (a hyphenated name's parts always
    are), go back to a keyword marker: "Tags Syria Ahrar al-Sham | Idlib". A page's keyword list names the
    story's topics, not who said, did or suffered anything, nor where."""
    doc = span.doc
    if span.start == 0:
        return False
    tokens = doc_tokens(doc)
    start = max(tokens.sentence_start(span.start) if doc.has_annotation("SENT_START") else 0, span.start - KEYWORD_LIST_WORDS)
    for index in range(span.start - 1, start - 1, -1):
        if tokens.texts[index] in KEYWORD_MARKERS:
            return True
        if not (in_hyphenated_name(tokens, index) or is_keyword(doc[index])):
            return False
    return False


def in_hyphenated_name(tokens: DocTokens, index: int) -> bool:
    """'al', '-' or 'Sham' of 'Ahrar al-Sham': a hyphen with no space on either side joins one name."""

    def infix_hyphen(index: int) -> bool:
        return (
            0 < index < tokens.length - 1
            and tokens.texts[index] in NAME_HYPHENS
            and not tokens.spaced[index - 1]
            and not tokens.spaced[index]
        )

    return infix_hyphen(index) or infix_hyphen(index - 1) or infix_hyphen(index + 1)


def clean_source(phrase: Span) -> Optional[Span]:
    """The source's name without what the lost punctuation glued to it, or None when nothing of a
    name is left: no span that is or follows a page's keyword list ("Tags Idlib Russia"); a span with
    a registry name in it is kept whole (`canonical_source` reads the name); else no leading dateline,
    time, count or victims and what comes before them ("Jul 2016 Syrian state TV" -> "Syrian state TV",
    "the wounded Syrian state TV" -> "Syrian state TV")."""
    doc = phrase.doc
    if any(t.text in KEYWORD_MARKERS for t in phrase) or follows_keyword_marker(phrase, _name_word):
        return None
    phrase = _extended_to_name(phrase)
    if names_registry_source(phrase):
        return phrase  # a registry name, whatever is around it
    first = phrase.start
    for token in phrase:
        if (_is_date_token(token) or token.text in {")", "]"} or token.lower_ in VICTIM_WORDS) and token.i < phrase.end - 1:
            first = token.i + 1
    while first < phrase.end and (doc[first].is_punct or doc[first].pos_ in {"ADP", "CCONJ", "PART"}):
        first += 1
    if first >= phrase.end or _is_date_token(doc[phrase.end - 1]):
        return None
    if first > phrase.start and doc[first - 1].dep_ == "det" and doc[first - 1].i >= phrase.start:
        first -= 1
    return doc[first : phrase.end]


def with_conjuncts(head: Token) -> list[Token]:
    return [head, *[t for t in head.conjuncts if t.pos_ in {"PROPN", "NOUN"}]]


def _speaks(head: Token, named: bool) -> bool:
    """Whether a subject (`named`: its phrase is a registry name) can be a source: not a pronoun, not
    "no group", not an attack or weapon ("air strikes killed 12"), not a count of people ("at least 37 people")."""
    if head.lower_ in PRONOUNS or head.pos_ == "PRON":
        return False
    if named:
        return True  # a registry name glued to an attack or count ("the Observatory | heavy bombardment")
    if head.lower_ in NON_SPEAKERS or head.like_num:
        return False
    children = list(head.children)
    if any(c.dep_ == "det" and c.lower_ == "no" for c in children):
        return False  # "claimed by no group" names nobody
    doc = head.doc
    if head.lower_ in SPEAKER_NOUNS:
        return True
    for child in children:
        if (child.dep_ == "nummod" or (child.dep_ == "amod" and child.like_num)) and child.lower_ != "one":
            # a count, unless it is the day of a dateline glued in front ("18 July 2016 Syrian activists")
            if not any(_is_date_token(t) and not t.like_num for t in doc[child.i + 1 : head.i]):
                return False
    return True


def names_registry_source(phrase: Span) -> bool:
    return canonical_source(phrase.text) != phrase.text


def named_apposition(head: Token) -> Optional[Span]:
    """An apposition that names a registry source (for a subject that names none): "Abdel Rahman,
    head of the Syrian Observatory", and without commas the place before a name read as the subject
    ("... in Eastern Ghouta the largest rebel bastion near Damascus | the Syrian Observatory said")."""
    for apposition in head.children:
        if apposition.dep_ == "appos":
            phrase = source_phrase(apposition)
            if names_registry_source(phrase):
                return phrase
    return None


def find_sources(sent: Span) -> list[SourceMention]:
    """Named sources of a sentence: "according to X", subjects of reporting verbs, agents of "reported by"."""
    found: list[SourceMention] = []

    def add(head: Token, alleging: bool = False) -> None:
        if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
            return  # "no individual or group claimed" names nobody
        for token in with_conjuncts(head):
            subject = source_phrase(token)
            named = names_registry_source(subject)
            if not _speaks(token, named):
                continue
            phrase = clean_source(subject if named else named_apposition(token) or subject)
            if phrase is None or any(m.start == phrase.start_char for m in found):
                continue
            found.append(SourceMention(canonical_source(phrase.text), phrase.start_char, phrase.end_char, alleging))

    tokens = doc_tokens(sent.doc)
    for index in range(sent.start, sent.end):
        according = tokens.lowers[index] == "according"
        reporting = tokens.lemmas[index] in REPORTING_VERBS and tokens.pos[index] in {"VERB", "AUX"}
        if not (according or reporting):
            continue  # most words: no Token to make
        token = sent.doc[index]
        if according:
            for to in token.children:
                if to.lower_ == "to":
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            add(obj)
        if reporting:
            alleging = tokens.lemmas[index] in ALLEGING_VERBS
            # "X denied ... and said ...": the second verb shares the first one's subject.
            children = list(token.children)
            if token.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in children):
                children += [c for c in token.head.children if c.dep_ == "nsubj"]
            for child in children:
                if child.dep_ in {"nsubj"}:
                    add(child, alleging)
                elif child.dep_ == "agent":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            add(obj, alleging)
    return found


def sentence_certainty(sent: Span) -> Certainty:
    """How firmly the sentence states its facts, ignoring who states them."""
    tokens = doc_tokens(sent.doc)
    lowers = set(tokens.lowers[sent.start : sent.end])
    lemmas = set(tokens.lemmas[sent.start : sent.end])
    if lemmas & DENYING_LEMMAS:
        return Certainty.denied
    if lowers & HEDGE_WORDS and any(
        tokens.lowers[i] in HEDGE_WORDS and not _hedges_a_backing(sent.doc[i]) for i in range(sent.start, sent.end)
    ):
        return Certainty.alleged
    if lowers.isdisjoint(HEDGE_MODALS):
        return Certainty.asserted
    for token in sent:
        if token.lower_ in HEDGE_MODALS and token.head.pos_ in {"VERB", "AUX"}:
            return Certainty.alleged
    return Certainty.asserted


def _hedges_a_backing(hedge: Token) -> bool:
    """'rebels allegedly armed by Qatar attacked': the hedge is the backing's, a participle that describes a
    side (its claim is hedged on its own: actors.sponsor_certainty), not the sentence's."""
    verb = hedge.head
    return hedge.dep_ == "advmod" and verb.lemma_.lower() in BACKING_LEMMAS and verb.dep_ in ("acl", "amod")


def generic_noun(text: str) -> Optional[str]:
    """The noun of a definite source that names no one ("the monitor", "the Britain-based group",
    "The agency"), else None."""
    words = text.split()
    if len(words) < 2 or words[0].lower() not in {"the", "this"} or words[-1].lower() not in GENERIC_KINDS:
        return None
    if not all(w.islower() or "-" in w for w in words[1:-1]):
        return None  # "the UN agency" names the UN
    return words[-1].lower()


def _compatible(mention: SourceMention, noun: str) -> bool:
    """Whether an earlier source can be what `noun` ("monitor", "agency", ...) points back to."""
    entry: Optional[SourceEntry] = SourceRegistry.default().by_name(mention.text)
    if entry is not None:
        return entry.kind in GENERIC_KINDS[noun]
    if noun in GROUP_NOUNS:
        actor: Optional[ActorEntry] = ActorDictionary.default().lookup(mention.text, fuzzy=False)
        if actor is not None and actor.type in GROUP_TYPES:
            return True
    # An unknown source called by the same noun ("the UN refugee agency"): another candidate.
    return mention.text.split()[-1].lower() == noun


def resolve_generic(mention: SourceMention, earlier: list[SourceMention]) -> SourceMention:
    """A generic source read as the one named source of a compatible kind named before it in the
    article ("the Syrian Observatory for Human Rights said ... the monitor said"): a registry source
    whose `kind` the noun can stand for, an armed group for "the group", or an unlisted named source
    called by the same noun. It stays as written with none or several such sources, or when the
    nearest compatible mention before it names no one ("an aid agency said ... the agency said")."""
    noun = generic_noun(mention.text)
    if noun is None:
        return mention
    compatible = [m for m in earlier if m.start < mention.start and generic_noun(m.text) is None and _compatible(m, noun)]
    named = {m.text for m in compatible if _named(m.text)}
    if len(named) != 1 or not _named(max(compatible, key=lambda m: m.start).text):
        return mention
    return replace(mention, text=named.pop())


def _named(text: str) -> bool:
    """A registry or actor name, or a capitalised word after the first ("a monitoring group" names no one)."""
    if SourceRegistry.default().by_name(text) or ActorDictionary.default().lookup(text, fuzzy=False):
        return True
    return any(w[:1].isupper() for w in text.split()[1:])


_DOC_SOURCES = "corroborate.attribution.sentence_sources"


def sentence_sources(sent: Span) -> list[SourceMention]:
    """`find_sources` of a sentence, remembered on its Doc for the sentences after it."""
    cache: dict[int, list[SourceMention]] = sent.doc.user_data.setdefault(_DOC_SOURCES, {})
    if sent.start not in cache:
        cache[sent.start] = find_sources(sent)
    return cache[sent.start]


_DOC_EARLIER = "corroborate.attribution.earlier_sources"


@dataclass
class _EarlierSources:
    """The sources of a doc's sentences in text order, read as far as asked (`read` sentences): each
    sentence's question is then a slice, not a new walk from the article's start."""

    sentences: list[Span]
    starts: list[int]
    found: list[SourceMention]
    ends: list[int]  # after sentence i, len(found) was ends[i]


def earlier_sources(sent: Span) -> list[SourceMention]:
    """The sources named in the article up to the end of `sent`."""
    doc: Doc = sent.doc
    if not doc.has_annotation("SENT_START"):
        return list(sentence_sources(sent))
    state: Optional[_EarlierSources] = doc.user_data.get(_DOC_EARLIER)
    if state is None:
        sentences = list(doc.sents)
        state = doc.user_data[_DOC_EARLIER] = _EarlierSources(sentences, [s.start for s in sentences], [], [])
    while len(state.ends) < len(state.sentences) and state.starts[len(state.ends)] <= sent.start:
        state.found += sentence_sources(state.sentences[len(state.ends)])
        state.ends.append(len(state.found))
    count = bisect_right(state.starts, sent.start, 0, len(state.ends))
    return state.found[: state.ends[count - 1]] if count else []


def attribute(sent: Span) -> tuple[list[SourceMention], Certainty]:
    """The sentence's sources, generic ones read as the source named before, and the certainty of
    its claims."""
    sources = sentence_sources(sent)
    if any(generic_noun(s.text) for s in sources):
        earlier = earlier_sources(sent)
        sources = [resolve_generic(s, earlier) for s in sources]
    certainty = sentence_certainty(sent)
    if certainty == Certainty.asserted and sources:
        certainty = Certainty.alleged if all(s.alleging for s in sources) else Certainty.reported
    return sources, certainty


def joined_source(sources: list[SourceMention], outlet: Optional[str]) -> str:
    """One `Claim.source` string: the named sources, or the outlet speaking for itself."""
    if sources:
        return "; ".join(dict.fromkeys(s.text for s in sources))
    return outlet or OUTLET_VOICE
