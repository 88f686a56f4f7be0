"""What the rules read of a Doc's tokens, read once per Doc (`doc_tokens`).

Every `doc[i]` and every step of `for token in span` makes a new spaCy `Token`, and every read of one of its
string attributes (`text`, `lower_`, `tag_`) decodes the string anew; `Span.sent` walks the sentence's tokens
at each call. The rules ask the same few things of the same tokens many times over (each component walks every
sentence, several rules walk back from every mention), which made token access a large part of extraction's
cost. `DocTokens` reads each column from the Doc's arrays once, when a rule first asks for it, and keeps it
for the Doc's life. The columns are plain lists indexed by token position; a rule that needs the parse
tree or a Span still builds them from the Doc.

The components add spans and extension values; none retokenizes, so a Doc's tokens never change under a table.
A table holds its Doc by a weak reference: the tables are kept by Doc in a WeakKeyDictionary, and a value
that held its key would keep every Doc alive.
"""

from __future__ import annotations

from functools import cached_property
from typing import Callable, Optional
from weakref import WeakKeyDictionary, ref

from spacy.tokens import Doc


class DocTokens:
    """Columns of a Doc's tokens (`texts[i]` is `doc[i].text`), each built on first use."""

    def __init__(self, doc: Doc):
        self._doc = ref(doc)
        self.length = len(doc)

    @property
    def doc(self) -> Doc:
        doc = self._doc()
        if doc is None:
            raise ReferenceError("the Doc of this token table is gone")
        return doc

    def _strings(self, attribute: str, decoded: Optional[dict[int, str]] = None, fold: Optional[Callable[[str], str]] = None) -> list[str]:
        """The string of each token's `attribute` (passed through `fold`), each distinct one decoded once per
        process: a newspaper's words recur from article to article."""
        decoded = _DECODED if decoded is None else decoded
        hashes = self.doc.to_array(attribute).tolist()
        missing = set(hashes).difference(decoded)
        if missing:
            if len(decoded) > _MOST_DECODED:
                decoded.clear()
            strings = self.doc.vocab.strings
            decoded.update({value: strings[value] if fold is None else fold(strings[value]) for value in missing})
        return [decoded[value] for value in hashes]

    @cached_property
    def texts(self) -> list[str]:
        return self._strings("ORTH")

    @cached_property
    def lowers(self) -> list[str]:
        return self._strings("LOWER")

    @cached_property
    def lemmas(self) -> list[str]:
        """`token.lemma_.lower()` of each token."""
        return self._strings("LEMMA", _DECODED_LOWERED, str.lower)

    @cached_property
    def tags(self) -> list[str]:
        return self._strings("TAG")

    @cached_property
    def pos(self) -> list[str]:
        """`token.pos_` of each token ("" where the Doc has no tags)."""
        return self._strings("POS")

    @cached_property
    def spaced(self) -> list[bool]:
        """A space follows the token (`token.whitespace_`)."""
        return [bool(value) for value in self.doc.to_array("SPACY").tolist()]

    @cached_property
    def starts(self) -> list[int]:
        """Each token's first character in the text (`token.idx`)."""
        return self.doc.to_array("IDX").tolist()

    @cached_property
    def _sentences(self) -> tuple[list[int], list[int]]:
        """Start and end of each token's sentence, as `Span.sent` finds them: a sentence starts at a token
        whose `sent_start` is 1 (or at the Doc's first token)."""
        flags = self.doc.to_array("SENT_START").tolist()
        starts = [0] * self.length
        ends = [self.length] * self.length
        start = 0
        for index, flag in enumerate(flags):
            if flag == 1 and index > 0:
                ends[start:index] = [index] * (index - start)
                start = index
            starts[index] = start
        return starts, ends

    @property
    def sentence_starts(self) -> list[int]:
        """Each token's `sentence_start` (the Doc must have sentence boundaries)."""
        return self._sentences[0]

    def sentence_start(self, index: int) -> int:
        """`doc[index].sent.start` (the Doc must have sentence boundaries)."""
        return self._sentences[0][index]

    def sentence_end(self, index: int) -> int:
        return self._sentences[1][index]

    @cached_property
    def counted(self) -> frozenset[int]:
        """Tokens with a number of their own: a `nummod` child ("25 [civilians]")."""
        nummod = self.doc.vocab.strings["nummod"]
        deps = self.doc.to_array("DEP").tolist()
        heads = self.doc.to_array("HEAD").astype("int64").tolist()  # an offset, signed
        return frozenset(index + head for index, (dep, head) in enumerate(zip(deps, heads)) if dep == nummod and head)


_TABLES: WeakKeyDictionary[Doc, DocTokens] = WeakKeyDictionary()
_DECODED: dict[int, str] = {}  # string hash -> string (a hash names one string in every vocabulary)
_DECODED_LOWERED: dict[int, str] = {}  # string hash -> the string in lower case
_MOST_DECODED = 500_000


def doc_tokens(doc: Doc) -> DocTokens:
    """The Doc's token table, made once per Doc."""
    table = _TABLES.get(doc)
    if table is None:
        table = _TABLES[doc] = DocTokens(doc)
    return table
