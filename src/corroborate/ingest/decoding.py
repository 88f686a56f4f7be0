"""One input file's bytes -> text: size limit, gzip, binary check, encoding.

Every failure is a DocumentError naming the file, so a batch records it and
goes on with the next document.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import re
import stat
import zlib
from pathlib import Path
from typing import Protocol, TextIO

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
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
READ_CHUNK = 1 << 20


def display_name(path: str | Path) -> str:
    """A path as text that can be printed and stored: bytes of a name that are not UTF-8 become \\xNN."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def check_storable(text: str, document: str, what: str = "text") -> str:
    """`text` unchanged, or the document's error when no database would store it as given.

    PostgreSQL refuses NUL characters (SQLite keeps them), and no backend
    encodes an unpaired UTF-16 surrogate (JSON's "\\ud800"): both make the
    document an error on every backend, so they store the same thing.
    """
    found = _UNSTORABLE.search(text)
    if found:
        char = found.group()
        kind = "a NUL character" if char == "\x00" else f"an unpaired surrogate \\u{ord(char):04x}"
        raise DocumentError(document, f"{what} has {kind} at character {found.start() + 1}, which is not text")
    return text


def is_regular_file(path: Path) -> bool:
    """False for FIFOs, sockets and devices, whose size says nothing and which can be read only once."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


class ByteReader(Protocol):
    """What `read_limited` reads from: an open file, a gzip stream, standard input's buffer."""

    def read(self, size: int = -1, /) -> bytes: ...


def read_limited(stream: ByteReader, max_bytes: int, document: str, what: str = "file") -> bytes:
    """At most `max_bytes` from `stream`, read in chunks: a larger input is an error before it is in memory."""
    parts: list[bytes] = []
    size = 0
    while chunk := stream.read(min(READ_CHUNK, max_bytes + 1 - size)):
        parts.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise DocumentError(document, f"{what} is over the {human_size(max_bytes)} limit; raise --max-bytes to read it")
    return b"".join(parts)


def human_size(size: int) -> str:
    """'52 MB', '3 kB', '700 bytes': sizes in messages, in decimal units."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= factor:
            return f"{size / factor:.0f} {unit}"
    return f"{size} bytes"


def _over_limit(size: int, max_bytes: int, what: str = "file") -> str:
    return f"{what} is {human_size(size)}, over the {human_size(max_bytes)} limit; raise --max-bytes to read it"


def load_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, decompressed when it ends in .gz; a FIFO is read up to the limit."""
    document = display_name(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(document, _over_limit(size, max_bytes))
        with path.open("rb") as stream:
            data = read_limited(stream, max_bytes, document)
    except OSError as error:
        raise DocumentError(document, f"cannot read: {error.strerror or error}") from error
    if path.suffix.lower() == ".gz" and data:
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as archive:
                data = read_limited(archive, max_bytes, document, "decompressed file")
        except (EOFError, OSError, zlib.error) as error:
            raise DocumentError(document, "truncated or corrupt gzip file") from error
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
    text, encoding = _decode(data, document, declared)
    return check_storable(text, document), encoding


def _decode(data: bytes, document: str, declared: str | None) -> tuple[str, str]:
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


def open_text_stream(path: Path) -> tuple[TextIO, str]:
    """A text stream over a (possibly gzipped) corpus file, and its encoding.

    Corpora are streamed, not loaded whole, so their size is not limited: the
    encoding is decided on the first 64 KiB (cut at a line end) by `decode_text`.
    The file is opened once and the sample replayed, so a FIFO reads too.
    """
    document = display_name(path)
    gzipped = path.suffix.lower() == ".gz"
    try:
        raw = path.open("rb")
    except OSError as error:
        raise DocumentError(document, f"cannot read: {error.strerror or error}") from error
    binary: io.BufferedIOBase = gzip.GzipFile(fileobj=raw) if gzipped else raw
    try:
        sample = binary.read(STREAM_SAMPLE_BYTES)
        if not sample:
            raise DocumentError(document, "empty file")
        decoded = sample
        if len(decoded) == STREAM_SAMPLE_BYTES and b"\n" in decoded:
            decoded = decoded[: decoded.rindex(b"\n") + 1]
        _, encoding = decode_text(decoded, document)
    except (EOFError, OSError, zlib.error) as error:
        raw.close()
        reason = "truncated or corrupt gzip file" if gzipped else f"cannot read: {getattr(error, 'strerror', None) or error}"
        raise DocumentError(document, reason) from error
    except DocumentError:
        raw.close()
        raise
    if encoding == "utf-8" and sample.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    replayed = io.BufferedReader(_Replayed(sample, binary, raw), buffer_size=READ_CHUNK)
    return io.TextIOWrapper(replayed, encoding=encoding, newline=""), encoding


class _Replayed(io.RawIOBase):
    """The bytes already read, then the rest of the stream."""

    def __init__(self, head: bytes, rest: io.BufferedIOBase, raw: io.BufferedIOBase):
        self.head = memoryview(head)
        self.rest = rest
        self.raw = raw

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            size = min(len(buffer), len(self.head))
            buffer[:size] = self.head[:size]
            self.head = self.head[size:]
            return size
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self.rest.close()
            self.raw.close()
        super().close()
