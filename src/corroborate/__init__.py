"""corroborate: news reports of violent incidents in, source-attributed incident records out.

    >>> from corroborate import extract_text
    >>> extraction = extract_text("Shelling killed five civilians in Douma on Monday.")
    >>> [i.casualties.killed.best for i in extraction.incidents]
    [5]

The extraction functions load spaCy on first use, so `import corroborate` stays quick.
"""

from corroborate.errors import ConfigurationError, CorroborateError, DocumentError
from corroborate.models import SCHEMA_VERSION, Article, Extraction, Incident

__version__ = "0.1.0"

_PIPELINE_EXPORTS = {"extract_article", "extract_articles", "extract_text", "load_pipeline"}


def __getattr__(name: str):
    if name in _PIPELINE_EXPORTS:
        from corroborate.loading import collector_paused

        with collector_paused():
            from corroborate.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'corroborate' has no attribute {name!r}")


__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "ConfigurationError",
    "CorroborateError",
    "DocumentError",
    "Extraction",
    "Incident",
    "extract_article",
    "extract_articles",
    "extract_text",
    "load_pipeline",
]
