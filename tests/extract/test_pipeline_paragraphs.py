"""A blank line ends a sentence before the parser runs."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_pipeline_paragraph_break_starts_a_sentence(nlp):
    doc = nlp(
        "The council condemned the regime for the massacre of more than 100 people in the town.\n\n"
        "49 children among at least 108 killed in attack, UN says\n\n"
        "An image taken Saturday purports to show shrouded bodies."
    )
    starts = [sent.text.strip()[:12] for sent in doc.sents if sent.text.strip()]
    assert starts == ["The council ", "49 children ", "An image tak"]


def test_pipeline_single_line_break_is_left_to_the_parser(nlp):
    doc = nlp("Gunmen killed 12 people in the town\nof Kafr Nabl on Monday.")
    assert len([s for s in doc.sents if s.text.strip()]) == 1


def test_pipeline_evidence_sentences_carry_no_paragraph_break():
    from corroborate.extract.pipeline import extract_text

    extraction = extract_text(
        "Gunmen killed 12 civilians in Kafr Nabl on Monday, a local official said.\n\n"
        "US-backed rebels shelled the village of Tal Rifaat on Tuesday, killing three people, the official added.\n\n"
        "Turkey condemned the shelling."
    )
    sentences = [claim.evidence.sentence for incident in extraction.incidents for claim in incident.claims]
    assert sentences and all(sentence == sentence.strip() for sentence in sentences)
    assert any(sentence.endswith("the official added.") for sentence in sentences)
