"""Files, directories and stdin -> Articles, one DocumentError per unreadable document.

`read_path` never raises for a bad document: it yields the error and goes on,
so one broken file does not stop a batch.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import BinaryIO, Optional

from corroborate.errors import DocumentError
from corroborate.ingest.decoding import (
    DEFAULT_MAX_BYTES,
    check_storable,
    decode_html,
    decode_text,
    display_name,
    load_bytes,
    read_limited,
)
from corroborate.ingest.table import TableColumns, read_table, table_format
from corroborate.ingest.text import read_text
from corroborate.models import Article

STDIN = "-"
STDIN_NAME = "<stdin>"
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm"})


def read_path(
    path: str | Path,
    *,
    columns: TableColumns | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skip: Collection[Path] = (),
) -> Iterator[Article | DocumentError]:
    """Articles from a file, a directory (recursive, sorted, hidden files skipped) or '-' for stdin.

    By file name: .txt/.text/no extension are page text, .html/.htm are HTML
    pages, .csv/.tsv/.jsonl/.ndjson/.json are tables with one article per row;
    each may be gzipped (.gz). `external_id` is the file's path relative to the
    directory read (its name for a single file); metadata["encoding"] says how
    the bytes were decoded. Files in `skip` (the store's own) are not read.
    A folder that cannot be listed, or a FIFO, socket or device inside a
    folder, is an error naming it; a FIFO named on the command line is read.
    """
    if str(path) == STDIN:
        yield _read_stdin(max_bytes)
        return
    path = Path(path)
    if path.is_dir():
        skipped = {os.path.realpath(file) for file in skip}
        for file, error in _files_under(path):
            if os.path.realpath(file) in skipped:
                continue
            if error is not None:
                yield error
            else:
                yield from _storable(_read_file(file, display_name(file.relative_to(path).as_posix()), columns, max_bytes))
    elif path.exists():
        yield from _storable(_read_file(path, display_name(path.name), columns, max_bytes))
    else:
        yield DocumentError(display_name(path), "no such file or directory")


def _read_stdin(max_bytes: int) -> Article | DocumentError:
    """Standard input's bytes, decoded like a file's (UTF-8, UTF-16 with its mark, Latin-1 ...)."""
    stream: Optional[BinaryIO] = getattr(sys.stdin, "buffer", None)
    try:
        if stream is None:  # already text (a test's StringIO)
            text, encoding = check_storable(sys.stdin.read(), STDIN_NAME), sys.stdin.encoding or "utf-8"
        else:
            data = read_limited(stream, max_bytes, STDIN_NAME, "standard input")
            if not data:
                raise DocumentError(STDIN_NAME, "empty text")
            text, encoding = decode_text(data, STDIN_NAME)
        article = read_text(text, source=STDIN_NAME)
    except DocumentError as error:
        return error
    checked = next(_storable(iter([article])))
    if isinstance(checked, DocumentError):
        return checked
    return checked.model_copy(update={"metadata": {**checked.metadata, "encoding": encoding}})


def _storable(items: Iterator[Article | DocumentError]) -> Iterator[Article | DocumentError]:
    """Each article, or its error when a field holds what no database stores (see check_storable)."""
    for item in items:
        if isinstance(item, Article):
            document = item.source_path or item.external_id or item.id
            try:
                for name, value in item:
                    values = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
                    for text in values:
                        if isinstance(text, str):
                            check_storable(text, document, name)
            except DocumentError as error:
                item = error
        yield item


def _identity(path: Path) -> Optional[tuple[int, int]]:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _files_under(root: Path) -> list[tuple[Path, Optional[DocumentError]]]:
    """Every file below `root` in path order, hidden files and folders left out, with an error for what cannot be read.

    Symbolic links to folders are followed, each folder once.
    """
    found: list[tuple[Path, Optional[DocumentError]]] = []
    seen: set[Optional[tuple[int, int]]] = {_identity(root)}

    def on_error(error: OSError) -> None:
        where = Path(error.filename) if error.filename else root
        found.append((where, DocumentError(display_name(where), f"cannot read folder: {error.strerror or error}")))

    for folder, folders, files in os.walk(root, onerror=on_error, followlinks=True):
        kept = []
        for name in folders:
            identity = _identity(Path(folder, name))
            if not name.startswith(".") and identity not in seen:
                seen.add(identity)
                kept.append(name)
        folders[:] = kept
        for name in files:
            if name.startswith("."):
                continue
            file = Path(folder, name)
            try:
                mode = file.stat().st_mode
            except OSError as error:
                found.append((file, DocumentError(display_name(file), f"cannot read: {error.strerror or error}")))
                continue
            if not stat.S_ISREG(mode):
                found.append(
                    (
                        file,
                        DocumentError(display_name(file), "not a regular file (a FIFO, socket or device); name it on its own to read it"),
                    )
                )
            else:
                found.append((file, None))
    return sorted(found, key=lambda item: item[0].relative_to(root).as_posix())


def _content_suffix(path: Path) -> str:
    """The extension that says what the content is: '.txt' for 'a.txt.gz'."""
    name = path.name[: -len(".gz")] if path.name.lower().endswith(".gz") else path.name
    return Path(name).suffix.lower()


def _read_file(path: Path, external_id: str, columns: TableColumns | None, max_bytes: int) -> Iterator[Article | DocumentError]:
    if table_format(path):
        yield from read_table(path, columns, max_bytes=max_bytes)
        return
    suffix = _content_suffix(path)
    document = display_name(path)
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        yield DocumentError(document, f"unsupported file type {suffix!r} (read: .txt, .html, .csv, .tsv, .jsonl, .json)")
        return
    try:
        data = load_bytes(path, max_bytes)
        if suffix in HTML_SUFFIXES:
            from corroborate.ingest.html import read_html  # trafilatura: loaded for HTML only

            page, encoding = decode_html(data, document)
            article = read_html(page, source=document, external_id=external_id)
        else:
            text, encoding = decode_text(data, document)
            article = read_text(text, source=document, external_id=external_id)
    except DocumentError as error:
        yield error
        return
    yield article.model_copy(update={"metadata": {**article.metadata, "encoding": encoding}})
