"""The token columns (extract/tokens.py) and the cheap tests read off them say what spaCy's Tokens and Spans say."""

from __future__ import annotations

import pytest
import spacy

from corroborate.dictionaries import lowered_key
from corroborate.extract.actors import _DocText
from corroborate.extract.casualties import _PEOPLE_WORDS, _group, _maybe_victims
from corroborate.extract.tokens import doc_tokens

TEXTS = [
    "BEIRUT (Reuters) - Syrian government air strikes killed 25 civilians, including 4 children, in Douma on Tuesday.\n\n"
    "A woman and two men were wounded , the Syrian Observatory for Human Rights said. IS fighters shelled al-Bab.",
    "Tags Syria Ahrar al-Sham | Idlib\nThe U.S.-led coalition's jets hit Deir ez-Zor; 12 ISIL members died.",
    "Assads forces and Iran-backed militias attacked the village of Kafr Nabudah overnight, activists said.",
]


@pytest.fixture(scope="module")
def docs(nlp):
    return [nlp(text) for text in TEXTS]


def test_columns_are_the_tokens_attributes(docs):
    for doc in docs:
        columns = doc_tokens(doc)
        for token in doc:
            i = token.i
            assert (columns.texts[i], columns.lowers[i], columns.lemmas[i]) == (token.text, token.lower_, token.lemma_.lower())
            assert (columns.tags[i], columns.pos[i], columns.starts[i]) == (token.tag_, token.pos_, token.idx)
            assert columns.spaced[i] == bool(token.whitespace_)
            assert (i in columns.counted) == any(child.dep_ == "nummod" for child in token.children)
            assert (columns.sentence_start(i), columns.sentence_end(i)) == (token.sent.start, token.sent.end)
        assert columns.sentence_starts == [token.sent.start for token in doc]


def test_one_table_per_doc(docs):
    assert doc_tokens(docs[0]) is doc_tokens(docs[0])
    assert doc_tokens(docs[0]) is not doc_tokens(docs[1])


def test_columns_of_a_doc_without_a_parse():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Five people were killed. Two more died later.")
    columns = doc_tokens(doc)
    assert columns.texts == [token.text for token in doc]
    assert columns.counted == frozenset()
    assert [columns.sentence_start(token.i) for token in doc] == [token.sent.start for token in doc]


def test_fewest_words_is_a_floor_on_the_folded_name(docs):
    for doc in docs:
        text = _DocText(doc)
        for start in range(len(doc)):
            for end in range(start + 1, min(len(doc), start + 12) + 1):
                assert text.fewest_words(start, end) <= len(lowered_key(text.span_text(start, end)).split())


def test_words_let_go_name_no_victims(docs):
    """`_maybe_victims` only lets go of words that `_figures_without_number` would skip."""
    for doc in docs:
        kept = set(_maybe_victims(doc_tokens(doc), 0, len(doc)))
        for token in doc:
            group = _group(token) if token.ent_type_ != "ORG" else None
            if group or (token.tag_ == "NN" and token.lemma_.lower() in _PEOPLE_WORDS):
                assert token.i in kept, token.text


def test_a_table_does_not_keep_its_doc_alive(nlp):
    import gc
    import weakref

    doc = nlp.make_doc("Two civilians were killed.")
    doc_tokens(doc).texts
    gone = weakref.ref(doc)
    del doc
    gc.collect()
    assert gone() is None
