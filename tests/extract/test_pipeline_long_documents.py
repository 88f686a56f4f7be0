"""Long documents: read in sections (spaCy's max_length is not the limit), evidence offsets into the whole
text, and a per-document time limit that makes a runaway document that document's error."""

from __future__ import annotations

import datetime as dt
import time

import pytest

import corroborate.extract.incidents as incidents
import corroborate.extract.pipeline as pipeline
from corroborate.errors import DocumentError
from corroborate.extract.pipeline import extract_articles, extract_text, sections
from corroborate.models import Article, article_id

# Invented reports of three incidents in three towns, a paragraph each.
PARAGRAPHS = [
    "A car bomb killed 14 people in the town of Qaryatayn on Monday, the monitoring group said.",
    "Separately, shelling killed 6 civilians in Talbiseh on Tuesday, activists said.",
    "In the east, an air strike killed 9 fighters near Mayadin on Wednesday, a local official said.",
]


def long_text(filler_paragraphs: int = 6) -> str:
    """Each report followed by unrelated paragraphs, so that a small section holds one report."""
    filler = "The weather was mild and the market was open as usual in the morning."
    blocks = []
    for paragraph in PARAGRAPHS:
        blocks.append(paragraph)
        blocks += [filler] * filler_paragraphs
    return "\n\n".join(blocks)


def test_pipeline_sections_cut_after_blank_lines_and_keep_every_character():
    text = long_text()
    pieces = sections(text, 300)
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)
    assert all(len(piece) <= 300 for _, piece in pieces)
    assert all(piece.endswith("\n\n") for _, piece in pieces[:-1])


def test_pipeline_sections_without_breaks_cut_at_spaces_or_hard():
    words = "word " * 100
    pieces = sections(words, 64)
    assert "".join(piece for _, piece in pieces) == words
    assert all(piece.endswith(" ") and len(piece) <= 64 for _, piece in pieces[:-1])
    solid = "x" * 250
    assert [len(piece) for _, piece in sections(solid, 100)] == [100, 100, 50]


def test_pipeline_short_text_is_one_section():
    assert sections("Gunmen killed 3 people.", 100) == [(0, "Gunmen killed 3 people.")]


@pytest.mark.model
def test_pipeline_text_longer_than_spacy_max_length_is_read_in_sections(nlp, monkeypatch):
    text = long_text()
    monkeypatch.setattr(nlp, "max_length", len(text) // 2)  # in one piece spaCy would refuse it (E088)
    monkeypatch.setattr(pipeline, "SECTION_CHARACTERS", 600)
    extraction = extract_text(text, published=dt.date(2016, 3, 10))
    towns = [incident.location.text for incident in extraction.incidents if incident.violent]
    assert towns == ["Qaryatayn", "Talbiseh", "Mayadin"]
    assert [incident.id for incident in extraction.incidents] == [f"i{n}" for n in range(1, len(extraction.incidents) + 1)]
    assert [incident.casualties.killed.best for incident in extraction.incidents if incident.violent] == [14, 6, 9]
    assert any("sections" in note for note in extraction.notes)
    for incident in extraction.incidents:
        for claim in incident.claims:
            # Offsets into the whole text, not into the section the claim was read in.
            assert claim.evidence.sentence.strip() in text
            start, end = claim.evidence.start, claim.evidence.end
            assert text[start:end] in claim.evidence.sentence
    mayadin = next(claim for claim in extraction.incidents[2].claims if claim.field == "location")
    assert text[mayadin.evidence.start : mayadin.evidence.end] == "Mayadin"


@pytest.mark.model
def test_pipeline_sections_give_the_same_incidents_as_one_piece(monkeypatch):
    text = long_text()
    whole = extract_text(text, published=dt.date(2016, 3, 10))
    monkeypatch.setattr(pipeline, "SECTION_CHARACTERS", 600)
    cut = extract_text(text, published=dt.date(2016, 3, 10))
    assert [i.model_dump() for i in cut.incidents] == [i.model_dump() for i in whole.incidents]


def slow_on(word: str, seconds: float, monkeypatch) -> None:
    """Incident building that hangs on documents containing `word`."""
    real = incidents.build_incidents

    def build(doc, dates_key="dates"):
        if word in doc.text:
            time.sleep(seconds)
        return real(doc, dates_key)

    monkeypatch.setattr(incidents, "build_incidents", build)


@pytest.mark.model
def test_pipeline_time_limit_makes_a_runaway_document_its_error(monkeypatch):
    slow_on("Slowtown", 30, monkeypatch)
    started = time.monotonic()
    with pytest.raises(DocumentError, match="longer than 0.5 s"):
        extract_text("Gunmen killed 3 people in Slowtown on Monday.", timeout=0.5)
    assert time.monotonic() - started < 10


@pytest.mark.model
def test_pipeline_time_limit_lets_the_batch_go_on(monkeypatch):
    slow_on("Slowtown", 30, monkeypatch)
    texts = ["Gunmen killed 3 people in Slowtown on Monday.", "A car bomb killed 14 people in Homs on Monday."]
    articles = [Article(id=article_id(t, None), text=t, language="en", source_path=f"story{n}.txt") for n, t in enumerate(texts)]
    errors: list[DocumentError] = []
    extractions = list(extract_articles(articles, timeout=0.5, on_error=lambda article, error: errors.append(error)))
    assert [e.article.id for e in extractions] == [articles[1].id]
    assert [error.document for error in errors] == ["story0.txt"]
    assert "longer than 0.5 s" in errors[0].reason


@pytest.mark.model
def test_pipeline_time_limit_covers_the_sections_of_a_long_document(monkeypatch):
    monkeypatch.setattr(pipeline, "SECTION_CHARACTERS", 600)
    slow_on("Talbiseh", 30, monkeypatch)  # the second section hangs
    with pytest.raises(DocumentError, match="longer than"):
        extract_text(long_text(), timeout=0.5)


@pytest.mark.model
def test_pipeline_no_time_limit_when_none(monkeypatch):
    slow_on("Slowtown", 0.3, monkeypatch)
    extraction = extract_text("Gunmen killed 3 people in Slowtown on Monday.", timeout=None)
    assert extraction.incidents
