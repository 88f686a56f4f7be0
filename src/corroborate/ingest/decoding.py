"""One input file's bytes -> text: size limit, gzip, binary check, encoding.

Every failure is a DocumentError naming the file, so a batch records it and
goes on with the next document.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from pathlib import Path
from typing import IO

from corroborate.errors import DocumentError

DEFAULT_MAX_BYTES = 20_000_000

SAMPLE_BYTES = 8192
"""Bytes looked at to tell text from binary data."""

MAX_CONTROL_SHARE = 0.05
"""Text has almost no control bytes besides tab, newline, carriage return and form feed."""

MAX_HIGH_BYTE_SHARE = 0.3
"""Latin-1 / cp1252 text is mostly ASCII; more non-ASCII bytes than this is not such text."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROL_BYTES = frozenset(b"\t\n\r\f\v\x1b")
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def human_size(size: int) -> str:
    """'52 MB', '3 kB', '700 bytes': sizes in messages, in decimal units."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= factor:
            return f"{size / factor:.0f} {unit}"
    return f"{size} bytes"


def _over_limit(size: int, max_bytes: int, what: str = "file") -> str:
    return f"{what} is {human_size(size)}, over the {human_size(max_bytes)} limit; raise --max-bytes to read it"


def load_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, decompressed when it ends in .gz."""
    document = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(document, _over_limit(size, max_bytes))
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(document, f"cannot read: {error.strerror or error}") from error
    if path.suffix.lower() == ".gz" and data:
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as archive:
                data = archive.read(max_bytes + 1)
        except (EOFError, OSError, zlib.error) as error:
            raise DocumentError(document, "truncated or corrupt gzip file") from error
        if len(data) > max_bytes:
            raise DocumentError(document, _over_limit(len(data), max_bytes, "decompressed file"))
    if not data:
        raise DocumentError(document, "empty file")
    return data


def _looks_binary(data: bytes) -> bool:
    sample = data[:SAMPLE_BYTES]
    if b"\x00" in sample:
        return True
    controls = sum(byte < 0x20 and byte not in _TEXT_CONTROL_BYTES for byte in sample)
    return controls > MAX_CONTROL_SHARE * len(sample)


def decode_text(data: bytes, document: str, declared: str | None = None) -> tuple[str, str]:
    """The text and the encoding used to read it.

    Tried in order: a byte-order mark (UTF-8, UTF-16, UTF-32), UTF-8, the
    `declared` encoding (an HTML meta charset, an HTTP header), and cp1252 or
    Latin-1 only when the bytes look like mostly-ASCII text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise DocumentError(document, f"cannot decode as {encoding} despite its byte-order mark") from error
    if _looks_binary(data):
        raise DocumentError(document, "binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            pass
    sample = data[:SAMPLE_BYTES]
    if sum(byte >= 0x80 for byte in sample) > MAX_HIGH_BYTE_SHARE * len(sample):
        raise DocumentError(document, "cannot decode: not UTF-8, UTF-16 or Latin-1 text")
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def decode_html(data: bytes, document: str, declared: str | None = None) -> tuple[str, str]:
    """Like `decode_text`, with the page's own <meta charset> when nothing was declared."""
    meta = _HTML_CHARSET.search(data[:SAMPLE_BYTES])
    return decode_text(data, document, declared or (meta.group(1).decode("ascii") if meta else None))


STREAM_SAMPLE_BYTES = 1 << 16


def open_text_stream(path: Path) -> tuple[IO[str], str]:
    """A text stream over a (possibly gzipped) corpus file, and its encoding.

    Corpora are streamed, not loaded whole, so their size is not limited: the
    encoding is decided on the first 64 KiB (cut at a line end) by `decode_text`.
    """
    document = str(path)
    gzipped = path.suffix.lower() == ".gz"
    try:
        opener = gzip.open if gzipped else open
        with opener(path, "rb") as raw:
            sample = raw.read(STREAM_SAMPLE_BYTES)
    except (EOFError, OSError, zlib.error) as error:
        reason = "truncated or corrupt gzip file" if gzipped else f"cannot read: {getattr(error, 'strerror', None) or error}"
        raise DocumentError(document, reason) from error
    if not sample:
        raise DocumentError(document, "empty file")
    if len(sample) == STREAM_SAMPLE_BYTES and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]
    _, encoding = decode_text(sample, document)
    if encoding == "utf-8" and sample.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    stream = gzip.open(path, "rt", encoding=encoding, newline="") if gzipped else open(path, encoding=encoding, newline="")
    return stream, encoding
