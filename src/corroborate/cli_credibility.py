"""`corroborate credibility`, registered on the `corroborate` app by cli.py.

Scores stored articles with corroborate.credibility: text signals, cross-source
consistency from the stored linked incidents (linked first, incrementally, as
`corroborate link` does) and, with --reference, checks against reference
records (corroborate.check, as `corroborate check` makes them). Exit codes are
cli.py's: 0 ok, 1 some reference rows could not be read (reported, the rest
used), 2 usage or configuration error.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional

import typer
from rich.table import Table
from rich.text import Text

from corroborate.check import ReferenceFormat
from corroborate.cli import EXIT_DOCUMENT_ERRORS, EXIT_OK, FORMAT_OPTION, app
from corroborate.cli_check import bad_row_reporter, member_extractions
from corroborate.cli_link import THRESHOLD_OPTION, _console, linked_incidents_of
from corroborate.cli_store import DB_OPTION, _fail, _open
from corroborate.errors import ConfigurationError, DocumentError
from corroborate.output import OutputFormat, json_text, plain

if TYPE_CHECKING:
    from corroborate.check import ClaimCheck
    from corroborate.credibility import Credibility, Reason
    from corroborate.models import Article, Extraction, LinkedIncident
    from corroborate.store import Store


def reference_checks(
    path: Path, reference_format: ReferenceFormat, linked: list["LinkedIncident"], store: "Store", bad_rows: list[DocumentError]
) -> list["ClaimCheck"]:
    """corroborate.check's checks of the stored linked incidents against a reference file (as `corroborate check`)."""
    from corroborate.check import check_linked, load_reference

    events = load_reference(path, reference_format, on_bad_row=bad_row_reporter(bad_rows))
    return check_linked(linked, events, member_extractions(store, linked))


def _articles(store: "Store", wanted: list[str]) -> Iterator[tuple["Article", "Extraction"]]:
    """The stored articles named by article id or external id (all when none is named), with their extractions."""
    if not wanted:
        for extraction in store.extractions():
            article = store.article(extraction.article.id)
            if article is not None:
                yield article, extraction
        return
    present = store.stored_ids(wanted)
    by_external: dict[str, str] = {}
    if any(w not in present for w in wanted):
        by_external = {e.article.external_id: e.article.id for e in store.extractions() if e.article.external_id}
        unknown = [w for w in wanted if w not in present and w not in by_external]
        if unknown:
            raise _fail(f"no stored article {', '.join(unknown)}: give article ids or external ids from `corroborate export`")
    for article_id in (w if w in present else by_external[w] for w in wanted):
        article, extraction = store.article(article_id), store.extraction(article_id)
        if article is not None and extraction is not None:
            yield article, extraction


def _reason_line(reason: "Reason") -> Text:
    line = Text.assemble((reason.signal, "bold"), f" {reason.effect:+.2f}: ", plain(reason.detail))
    if reason.evidence:
        quoted = ", ".join(f"«{span.text}» @{span.start}" for span in reason.evidence[:3])
        line.append(" " + quoted, style="dim")
    return line


def _print_table(results: list["Credibility"], top: int) -> None:
    table = Table("article", "outlet", "score", "reasons (effect on log-odds; evidence at character offsets)", title=f"credibility of {len(results)} articles", show_lines=True)
    for result in results:
        label = result.external_id or result.article_id
        lines = [_reason_line(reason) for reason in result.reasons[:top]]
        table.add_row(plain(label), plain(result.outlet), f"{result.score:.2f}", Text("\n").join(lines))
    _console().print(table)


@app.command("credibility")
def credibility_command(
    article_ids: Optional[list[str]] = typer.Argument(None, help="Article ids or external ids (default: every stored article)."),
    db: str = DB_OPTION,
    reference: Optional[Path] = typer.Option(None, "--reference", exists=True, dir_okay=False, help="Reference records to check figures against."),
    reference_format: ReferenceFormat = typer.Option(ReferenceFormat.ucdp, "--reference-format", help="ucdp (GED CSV), acled (export CSV) or victims (one row per person)."),
    sources: Optional[Path] = typer.Option(None, "--sources", envvar="CORROBORATE_SOURCES", exists=True, dir_okay=False, help="An edited copy of the source registry (data/sources.toml) for outlet and source alignments."),
    output_format: OutputFormat = FORMAT_OPTION,
    top: int = typer.Option(4, "--top", min=1, help="Reasons shown per article in the table."),
    threshold: Optional[float] = THRESHOLD_OPTION,
    model_file: Optional[Path] = typer.Option(None, "--model", exists=True, dir_okay=False, help="Score with these weights (.toml, like data/credibility_weights.toml) or a trained model (.json, bench/credibility.py)."),
) -> None:
    """Score stored articles' credibility, with the reasons and their evidence.

    The score (0 to 1) combines documented weights over text signals
    (loaded, sectarian and name-calling language, hedging), attribution of
    figures, consistency with other sources and outlet alignment, and
    reference checks when --reference is given. See docs/credibility.md.

    [bold]Examples[/bold]

      corroborate credibility --db corpus.db
      corroborate credibility 3f2a9c0d1e2b4a5c --db corpus.db --format json
      corroborate credibility --db corpus.db --reference ged.csv --reference-format ucdp
      corroborate credibility --db corpus.db --sources my_sources.toml --format jsonl
      corroborate credibility --db corpus.db --model my_weights.toml
    """
    from corroborate.credibility import CredibilityModel, assess_credibility, default_model, linked_by_article
    from corroborate.extract.actors import SourceRegistry

    try:
        registry = SourceRegistry.load(sources) if sources else SourceRegistry.default()
        model = CredibilityModel.load(model_file) if model_file else default_model()
    except ConfigurationError as error:
        raise _fail(str(error))
    with _open(db, create=False) as store:
        linked = linked_incidents_of(store, threshold)
        bad_rows: list[DocumentError] = []
        try:
            checks = reference_checks(reference, reference_format, linked, store, bad_rows) if reference else []
        except ConfigurationError as error:
            raise _fail(str(error))
        incidents_of = linked_by_article(linked)
        checks_by_article: dict[str, list] = defaultdict(list)
        for check in checks:
            checks_by_article[check.article_id].append(check)
        results = [
            assess_credibility(
                article.text, extraction, registry=registry, linked=incidents_of.get(article.id, []), checks=checks_by_article[article.id], model=model
            )
            for article, extraction in _articles(store, article_ids or [])
        ]
    if output_format == OutputFormat.jsonl:
        sys.stdout.writelines(json_text(r.model_dump(mode="json")) + "\n" for r in results)
    elif output_format == OutputFormat.json:
        payload = results[0].model_dump(mode="json") if len(results) == 1 else [r.model_dump(mode="json") for r in results]
        print(json_text(payload, indent=2))
    else:
        _print_table(results, top)
    raise typer.Exit(EXIT_DOCUMENT_ERRORS if bad_rows else EXIT_OK)
