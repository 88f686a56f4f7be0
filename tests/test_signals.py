"""Text signals: lexicon spans with exact offsets, figure attribution, outlet and source alignment.

No spaCy model is loaded: lexicons are matched on a blank English tokenizer and
the extractions are hand-built (tests/credibility_reports.py).
"""

from __future__ import annotations

from importlib.util import find_spec

import pytest

from corroborate.dictionaries import SourceRegistry
from corroborate.errors import ConfigurationError
from corroborate.extract.pipeline import blank_pipeline
from corroborate.models import Certainty
from corroborate.signals import (
    LEXICON_DIR,
    REGISTERS,
    Lexicons,
    SignalKind,
    SourceClass,
    SourceReader,
    lexicon_spans,
    outlet_entry,
    read_curated_lexicons,
    text_signals,
)
from tests.credibility_reports import fixture_text, make_claim, report
from tools.build_lexicons import EXCLUDED, loaded_words


def found(text: str) -> set[tuple[str, str, str]]:
    spans, _ = lexicon_spans(text)
    return {(span.kind.value, span.term, span.text) for span in spans}


def test_signals_every_span_points_at_its_text():
    for name in ("observer", "herald", "wire"):
        text = fixture_text(name)
        spans, words = lexicon_spans(text)
        assert words > 20
        for span in spans:
            assert text[span.start : span.end] == span.text
            assert span.text in span.sentence and span.sentence in text


def test_signals_lexicon_kinds_in_a_partisan_report():
    assert found(fixture_text("herald")) == {
        ("name_calling", "terrorists", "Terrorists"),
        ("loaded", "atrocity", "heinous"),
        ("loaded", "massacre", "massacre"),
        ("name_calling", "so_called", "so-called"),
        ("name_calling", "takfiri", "Takfiri"),
        ("name_calling", "mercenaries", "mercenaries"),
        ("loaded", "liberated", "liberated"),
        ("sectarian", "nusayri", "Nusayri regime"),
        ("name_calling", "daesh", "Daesh"),
    }


def test_signals_hedging_in_a_careful_report():
    assert found(fixture_text("observer")) == {
        ("hedging", "unverified", "could not be independently verified"),
        ("hedging", "reportedly", "reportedly"),
        ("hedging", "unclear", "unclear"),
    }


def test_signals_longest_phrase_wins_and_words_are_whole_tokens():
    assert found("Armed terrorist groups shelled the town.") == {("name_calling", "terrorists", "Armed terrorist groups")}
    # Plain sect names and words that merely contain a term are not signals.
    assert found("Alawite villages and a regimental base were hit; Shiite militias withdrew.") == set()
    assert found("DAESH fighters") == {("name_calling", "daesh", "DAESH")}


def test_signals_factual_words_of_violence_are_not_loaded():
    assert found("Shelling killed 12 people and wounded 30; the dead included children. The attack destroyed a school.") == set()


def test_signals_counts_and_rates_per_1000_words():
    article, extraction = report("herald")
    signals = text_signals(article.text, extraction)
    assert signals.counts[SignalKind.name_calling] == 5
    assert signals.counts[SignalKind.sectarian] == 1
    assert signals.counts[SignalKind.hedging] == 0
    assert signals.per_1000_words[SignalKind.loaded] == pytest.approx(1000 * 3 / signals.words, abs=1e-3)


def test_signals_share_of_figures_attributed_to_a_named_source():
    article, extraction = report("observer")
    # The same figure told in a second incident counts once; a cause claim is no figure.
    extraction.incidents.append(extraction.incidents[0].model_copy(update={"id": "i2"}))
    signals = text_signals(article.text, extraction)
    figures = signals.figures
    assert (figures.figures, figures.named, figures.unnamed, figures.outlet) == (3, 2, 1, 0)
    assert figures.named_share == pytest.approx(2 / 3)
    assert {span.text for span in figures.spans} == {"killed 12 civilians", "three children"}
    assert all(article.text[s.start : s.end] == s.text for s in figures.spans)
    assert signals.cited_sources[0].name == "Syrian Observatory for Human Rights"
    assert signals.cited_sources[0].alignment == "opposition"
    assert signals.certainty[Certainty.reported] == 4


def test_signals_unattributed_figures_are_the_outlets_own():
    article, extraction = report("herald")
    figures = text_signals(article.text, extraction).figures
    assert (figures.figures, figures.named, figures.outlet) == (2, 0, 2)
    assert figures.named_share == 0


def test_signals_a_person_of_a_registry_source_is_named():
    article, extraction = report("wire")
    signals = text_signals(article.text, extraction)
    assert signals.figures.named == 1
    assert [(s.name, s.alignment) for s in signals.cited_sources] == [("Syrian Observatory for Human Rights", "opposition")]


def test_signals_the_outlets_own_reporter_is_not_a_named_source():
    article, extraction = report("herald", outlet="SANA")
    claim = make_claim(article.text, "casualties.injured", 5, "killing 40 civilians", "SANA reporter", Certainty.reported)
    extraction.incidents[0].claims.append(claim)
    figures = text_signals(article.text, extraction).figures
    assert figures.named == 0 and figures.outlet == 3


@pytest.mark.parametrize(
    ("outlet", "url", "alignment"),
    [
        ("sana", None, "pro-government"),
        ("dailysabah", None, "turkish"),
        ("Reuters", None, "independent"),
        (None, "https://english.alarabiya.net/News/2016/05/01/story.html", "opposition"),
        ("The Bugle", None, "unknown"),
    ],
)
def test_signals_outlet_alignment_from_the_registry(outlet, url, alignment):
    article, extraction = report("wire", outlet=outlet or "x", url=url)
    extraction.article.outlet = outlet
    assert text_signals(article.text, extraction).outlet_alignment == alignment


def test_signals_an_edited_registry_is_used(tmp_path):
    edited = tmp_path / "sources.toml"
    edited.write_text('[the_bugle]\nname = "The Bugle"\nalignment = "kurdish"\naliases = ["Bugle"]\n')
    registry = SourceRegistry.load(edited)
    assert outlet_entry("thebugle", None, registry).alignment == "kurdish"
    article, extraction = report("wire", outlet="The Bugle")
    assert text_signals(article.text, extraction, registry).outlet_alignment == "kurdish"


def test_signals_curated_lexicons_are_documented():
    lexicons = read_curated_lexicons()
    assert [len(lexicon) > 0 for lexicon in lexicons] == [True] * 4
    for lexicon in lexicons:
        for entry in lexicon:
            assert entry.note and entry.references, entry.key
            assert all(ref.startswith("https://") for ref in entry.references)
            if entry.kind in (SignalKind.sectarian, SignalKind.name_calling):
                assert entry.register in REGISTERS, entry.key
            if entry.kind == SignalKind.hedging:
                assert entry.group, entry.key
    assert len(Lexicons.load()) > 300  # with the VADER-derived words


def test_signals_lexicons_share_the_one_blank_english_pipeline():
    assert Lexicons.load().matcher.vocab is blank_pipeline("en").vocab
    assert blank_pipeline("fr") is not blank_pipeline("en") and blank_pipeline("fr") is blank_pipeline("fr")


def test_signals_bad_lexicon_file_names_the_file(tmp_path):
    for name in ("loaded.toml", "sectarian.toml", "name_calling.toml", "hedging.toml"):
        (tmp_path / name).write_text((LEXICON_DIR / name).read_text())
    (tmp_path / "loaded_vader.tsv").write_text("word\tvalence\nhorrific\t-3.4\n")
    (tmp_path / "hedging.toml").write_text('[maybe]\nphrases = ["maybe"]\n')
    with pytest.raises(ConfigurationError, match=r"hedging\.toml: maybe needs a note"):
        Lexicons.load(tmp_path)
    (tmp_path / "hedging.toml").write_text('[maybe]\nphrases = ["maybe"]\nnote = "x"\nregister = "rude"\n')
    with pytest.raises(ConfigurationError, match=r"register = 'rude'"):
        Lexicons.load(tmp_path)


def test_signals_build_keeps_strong_negative_words_only():
    rows = [("horrific", -3.4), ("killed", -3.5), ("wtf", -2.8), ("glorious", 3.2), ("grim", -2.7), ("sad", -2.1), ("massacre", -3.0)]
    assert loaded_words(rows) == [("horrific", -3.4), ("grim", -2.7)]
    assert "killed" in EXCLUDED["death and injury"]


def test_signals_bundled_vader_words_respect_the_build_rules():
    excluded = frozenset().union(*EXCLUDED.values())
    lines = (LEXICON_DIR / "loaded_vader.tsv").read_text().splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#") and not line.startswith("word\t")]
    assert rows and all(float(valence) <= -2.5 and word not in excluded and len(word) >= 4 for word, valence in rows)


@pytest.mark.parametrize(
    ("source", "source_class"),
    [
        ("Activists", SourceClass.unnamed),
        ("Survivors", SourceClass.unnamed),  # one of the extractor's speaker nouns
        ("Footage", SourceClass.unnamed),  # one of the words signals adds to them
        ("A source", SourceClass.unnamed),
        ("medical sources", SourceClass.unnamed),
        ("a monitoring group", SourceClass.unnamed),
        ("the Idlib Health Directorate", SourceClass.named),
        ("local journalist Nawrouz Uthman", SourceClass.named),
        ("Xelil", SourceClass.named),
        ("IFRC", SourceClass.named),
        ("Observatory head Rami Abdel Rahman", SourceClass.named),
        ("Levant Observer", SourceClass.outlet),
        ("the outlet", SourceClass.outlet),
    ],
)
def test_signals_source_classes(source, source_class):
    reader = SourceReader(SourceRegistry.default())
    assert reader.read(source, "Levant Observer", None).source_class == source_class


@pytest.mark.skipif(find_spec("vaderSentiment") is None, reason="needs the build-data extra")
def test_signals_the_build_reproduces_the_bundled_vader_words(tmp_path):
    from tools.build_lexicons import DEFAULT_THRESHOLD, vader_lexicon, write_tsv

    output = tmp_path / "loaded_vader.tsv"
    write_tsv(loaded_words(vader_lexicon(), DEFAULT_THRESHOLD), output, DEFAULT_THRESHOLD)
    assert output.read_bytes() == (LEXICON_DIR / "loaded_vader.tsv").read_bytes()
