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
