"""Files, directories and stdin -> Articles, one DocumentError per unreadable document.

`read_path` never raises for a bad document: it yields the error and goes on,
so one broken file does not stop a batch.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from corroborate.errors import DocumentError
from corroborate.ingest.decoding import DEFAULT_MAX_BYTES, decode_html, decode_text, load_bytes
from corroborate.ingest.html import read_html
from corroborate.ingest.table import TableColumns, read_table, table_format
from corroborate.ingest.text import read_text
from corroborate.models import Article

STDIN = "-"
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm"})


def read_path(
    path: str | Path,
    *,
    columns: TableColumns | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | DocumentError]:
    """Articles from a file, a directory (recursive, sorted, hidden files skipped) or '-' for stdin.

    By file name: .txt/.text/no extension are page text, .html/.htm are HTML
    pages, .csv/.tsv/.jsonl/.ndjson/.json are tables with one article per row;
    each may be gzipped (.gz). `external_id` is the file's path relative to the
    directory read (its name for a single file); metadata["encoding"] says how
    the bytes were decoded.
    """
    if str(path) == STDIN:
        yield _read_stdin()
        return
    path = Path(path)
    if path.is_dir():
        for file in _files_under(path):
            yield from _read_file(file, file.relative_to(path).as_posix(), columns, max_bytes)
    elif path.is_file():
        yield from _read_file(path, path.name, columns, max_bytes)
    else:
        yield DocumentError(str(path), "no such file or directory")


def _read_stdin() -> Article | DocumentError:
    try:
        return read_text(sys.stdin.read(), source="<stdin>")
    except DocumentError as error:
        return error


def _files_under(root: Path) -> list[Path]:
    """Every file below `root` in path order, leaving out hidden files and folders."""
    files = [
        path
        for path in root.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)
    ]
    return sorted(files, key=lambda path: path.relative_to(root).as_posix())


def _content_suffix(path: Path) -> str:
    """The extension that says what the content is: '.txt' for 'a.txt.gz'."""
    name = path.name[: -len(".gz")] if path.name.lower().endswith(".gz") else path.name
    return Path(name).suffix.lower()


def _read_file(
    path: Path, external_id: str, columns: TableColumns | None, max_bytes: int
) -> Iterator[Article | DocumentError]:
    if table_format(path):
        yield from read_table(path, columns, max_bytes=max_bytes)
        return
    suffix = _content_suffix(path)
    document = str(path)
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        yield DocumentError(document, f"unsupported file type {suffix!r} (read: .txt, .html, .csv, .tsv, .jsonl, .json)")
        return
    try:
        data = load_bytes(path, max_bytes)
        if suffix in HTML_SUFFIXES:
            page, encoding = decode_html(data, document)
            article = read_html(page, source=document, external_id=external_id)
        else:
            text, encoding = decode_text(data, document)
            article = read_text(text, source=document, external_id=external_id)
    except DocumentError as error:
        yield error
        return
    yield article.model_copy(update={"metadata": {**article.metadata, "encoding": encoding}})
