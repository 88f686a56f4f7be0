"""Corpus tables (CSV, TSV, JSON lines, JSON arrays) -> one Article per row.

Column names are configurable; FA-KES columns are recognised out of the box
(text=article_content, title=article_title, id=row, outlet=source). FA-KES's
`date` is the date of the incident, not of publication, so it stays in
metadata. A bad row or line is reported on its own and the others still read.
Cells are the text as given: no furniture removal, no metadata lines.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel, ConfigDict

from corroborate.errors import DocumentError
from corroborate.ingest.decoding import (
    DEFAULT_MAX_BYTES,
    READ_CHUNK,
    check_storable,
    decode_text,
    display_name,
    human_size,
    load_bytes,
    open_text_stream,
)
from corroborate.ingest.language import detect_language
from corroborate.ingest.text import normalise_newlines, outlet_from_url, parse_date
from corroborate.models import Article, article_id

CSV_FIELD_SIZE_LIMIT = 2**31 - 1
"""Article bodies can be far longer than the csv module's 128 kB default."""

DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("article_content", "text", "content", "body"),
    "title": ("article_title", "title"),
    "url": ("url", "link"),
    "id": ("row", "id", "unit_id"),
    "outlet": ("source", "outlet", "site"),
    "published": ("published", "date_published", "publish_date"),
}
"""Column names tried in order for each field when TableColumns leaves it unset."""

_FORMATS = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}


class TableColumns(BaseModel):
    """Which column holds what; a field left unset takes the first present default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str | None = None
    title: str | None = None
    url: str | None = None
    id: str | None = None
    outlet: str | None = None
    published: str | None = None

    def resolve(self, names: Collection[str]) -> dict[str, str]:
        """Field -> column name present in `names`.

        Raises LookupError when a column set by name is absent, or when no text
        column is found.
        """
        resolved: dict[str, str] = {}
        for field, defaults in DEFAULT_COLUMNS.items():
            chosen = getattr(self, field)
            if chosen is not None and chosen not in names:
                raise LookupError(f"no {field} column {chosen!r}; columns are: {', '.join(names)}")
            present = [chosen] if chosen else [name for name in defaults if name in names]
            if present:
                resolved[field] = present[0]
        if "text" not in resolved:
            looked_for = ", ".join(DEFAULT_COLUMNS["text"])
            raise LookupError(f"no text column (looked for {looked_for}); columns are: {', '.join(names)}")
        return resolved


def table_format(path: Path) -> str | None:
    """'csv', 'tsv', 'jsonl' or 'json' from the file name (a .gz ending is ignored), else None."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return _FORMATS.get(suffixes[-1]) if suffixes else None


class _TableSource:
    """Where rows come from: names them in errors and in Article.source_path."""

    def __init__(self, path: Path):
        self.name = display_name(path)
        self.encoding = ""

    def article(self, values: Mapping[str, str], fields: dict[str, str], unit: str, number: int, where: str | None = None) -> Article:
        """The row's Article; errors name it `where` (its row and lines), else by `unit` and `number`."""
        document = where or f"{self.name} {unit} {number}"
        for key, value in values.items():
            check_storable(key, document, "a column name")
            check_storable(value, document, f"the {key!r} cell")
        text = normalise_newlines(values.get(fields["text"], "")).strip()
        if not text:
            raise DocumentError(document, f"empty {fields['text']!r} cell")
        cell = {field: values.get(column, "").strip() for field, column in fields.items()}
        url = cell.get("url") or None
        written = cell.get("published")
        published = parse_date(written) if written else None
        metadata = {key: value for key, value in values.items() if key not in fields.values() and value}
        metadata["encoding"] = self.encoding
        return Article(
            id=article_id(text, url),
            text=text,
            url=url,
            title=cell.get("title") or None,
            outlet=cell.get("outlet") or (outlet_from_url(url) if url else None),
            published=published,
            published_from="input" if published else None,
            language=detect_language(text),
            external_id=cell.get("id") or str(number),
            source_path=f"{self.name}#{unit}={number}",
            metadata=metadata,
        )


def read_table(
    path: str | Path,
    columns: TableColumns | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | DocumentError]:
    """One Article per row, or a DocumentError for a row (or a whole file) that cannot be read."""
    path = Path(path)
    columns = columns or TableColumns()
    table = _TableSource(path)
    kind = table_format(path)
    if kind == "json":
        # A JSON array has to be parsed whole; JSON Lines, CSV and TSV are streamed.
        try:
            text, table.encoding = decode_text(load_bytes(path, max_bytes), table.name)
        except DocumentError as error:
            yield error
            return
        if text.lstrip().startswith("["):
            yield from _json_array_rows(text, columns, table)
        else:
            yield from _json_lines(io.StringIO(text), columns, table, max_bytes)
        return
    try:
        stream, table.encoding = open_text_stream(path)
    except DocumentError as error:
        yield error
        return
    with stream:
        try:
            if kind in ("csv", "tsv"):
                yield from _csv_rows(stream, "\t" if kind == "tsv" else ",", columns, table, max_bytes)
            else:
                yield from _json_lines(stream, columns, table, max_bytes)
        except (EOFError, zlib.error, gzip.BadGzipFile):
            yield DocumentError(table.name, "truncated or corrupt gzip file")
        except (UnicodeDecodeError, OSError) as error:
            yield DocumentError(table.name, f"cannot read the rest of the file: {error}")


def _oversized(size: int, max_bytes: int, document: str) -> DocumentError | None:
    if size > max_bytes:
        return DocumentError(document, f"text is {human_size(size)}, over the {human_size(max_bytes)} limit; raise --max-bytes to read it")
    return None


class _TooLong(Exception):
    """A record grew past the limit while it was read; `last` is the line where reading it stopped."""

    def __init__(self, last: int):
        self.last = last


class _Lines:
    """The physical lines of a text stream, counted, a record never held past `limit` characters.

    `record` is reset before each record. A record that grows past the limit
    is skipped to its end, a line end with an even number of `quote`
    characters since its start (a CSV record; any line end when `quote` is
    None), and raises _TooLong: memory stays bounded whatever the input.
    """

    def __init__(self, stream: TextIO, limit: int, quote: str | None = None):
        self.stream = stream
        self.limit = limit
        self.quote = quote
        self.number = 0
        self.record = 0
        self.quotes = 0
        self.line_start = True

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        line = self._read(self.limit + 1)
        if not line:
            raise StopIteration
        self.record += len(line)
        if self.record > self.limit:
            while line and not (line.endswith(("\n", "\r")) and self.quotes % 2 == 0):
                line = self._read(READ_CHUNK)
            raise _TooLong(self.number)
        return line

    def reset(self) -> None:
        self.record = self.quotes = 0

    def _read(self, size: int) -> str:
        line = self.stream.readline(size)
        if line:
            self.number += self.line_start
            self.line_start = line.endswith(("\n", "\r"))
        if self.quote:
            self.quotes += line.count(self.quote)
        return line


def _lines(first: int, last: int) -> str:
    return f"line {first}" if first >= last else f"lines {first}-{last}"


def _over(max_bytes: int) -> str:
    return f"over the {human_size(max_bytes)} limit; raise --max-bytes to read it"


def _csv_rows(
    stream: TextIO, delimiter: str, columns: TableColumns, table: _TableSource, max_bytes: int
) -> Iterator[Article | DocumentError]:
    csv.field_size_limit(CSV_FIELD_SIZE_LIMIT)
    lines = _Lines(stream, max_bytes, '"')
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
        fields = columns.resolve(header)
    except (StopIteration, csv.Error, LookupError, _TooLong) as error:
        reason = {StopIteration: "no header row", _TooLong: f"header row is {_over(max_bytes)}"}.get(type(error), str(error))
        yield DocumentError(table.name, reason)
        return
    number = 0
    while True:
        first = lines.number + 1
        lines.reset()
        try:
            row = next(reader)
        except StopIteration:
            return
        except _TooLong as error:
            number += 1
            yield DocumentError(f"{table.name} row {number} ({_lines(first, error.last)})", f"row is {_over(max_bytes)}")
            continue
        except csv.Error as error:
            number += 1
            where = f"{table.name} row {number} ({_lines(first, lines.number)})"
            if "unexpected end of data" in str(error):
                reason = f"malformed CSV: a quote opened in this row is never closed; {_lines(first, lines.number)}, to the end of the file, not read"
            else:
                reason = f"malformed CSV: {error}"
            yield DocumentError(where, reason)
            continue
        if not row:
            continue
        number += 1
        where = f"{table.name} row {number} ({_lines(first, lines.number)})"
        if len(row) != len(header):
            yield DocumentError(where, f"{len(row)} fields, the header has {len(header)}")
            continue
        if too_big := _oversized(sum(len(cell) for cell in row), max_bytes, where):
            yield too_big
            continue
        try:
            yield table.article(dict(zip(header, row)), fields, "row", number, where)
        except DocumentError as error:
            yield error


def _cell(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _record_article(record: Any, columns: TableColumns, table: _TableSource, unit: str, number: int) -> Article:
    if not isinstance(record, dict):
        raise DocumentError(f"{table.name} {unit} {number}", "not a JSON object")
    try:
        values = {str(key): _cell(value) for key, value in record.items() if value is not None}
    except RecursionError:
        raise DocumentError(f"{table.name} {unit} {number}", "not valid JSON: nested too deeply") from None
    try:
        fields = columns.resolve(values)
    except LookupError as error:
        raise DocumentError(f"{table.name} {unit} {number}", str(error)) from error
    return table.article(values, fields, unit, number)


def _json_lines(stream: TextIO, columns: TableColumns, table: _TableSource, max_bytes: int) -> Iterator[Article | DocumentError]:
    lines = _Lines(stream, max_bytes)
    while True:
        lines.reset()
        try:
            line = next(lines)
        except StopIteration:
            return
        except _TooLong as error:
            yield DocumentError(f"{table.name} line {error.last}", f"text is {_over(max_bytes)}")
            continue
        if not line.strip():
            continue
        number = lines.number
        try:
            yield _record_article(_parse_json(line), columns, table, "line", number)
        except json.JSONDecodeError as error:
            yield DocumentError(f"{table.name} line {number}", f"not valid JSON: {error.msg} at column {error.colno}")
        except DocumentError as error:
            yield error


def _parse_json(text: str) -> Any:
    """json.loads, with nesting too deep for Python's parser as ValueError (a JSONDecodeError)."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


def _json_array_rows(text: str, columns: TableColumns, table: _TableSource) -> Iterator[Article | DocumentError]:
    try:
        records = _parse_json(text)
    except json.JSONDecodeError as error:
        yield DocumentError(table.name, f"not valid JSON: {error.msg} at line {error.lineno}")
        return
    for number, record in enumerate(records, 1):
        try:
            yield _record_article(record, columns, table, "row", number)
        except DocumentError as error:
            yield error
