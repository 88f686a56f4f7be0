"""Hostile and unlucky input at read time: odd encodings, FIFOs, memory bombs, broken quotes, unreadable folders."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import threading
import tracemalloc
from pathlib import Path

import pytest

from corroborate.errors import DocumentError
from corroborate.ingest import read_path, read_table
from corroborate.store.ingestion import estimate_documents

STORY = "Gunmen killed four farmers near the village of Tel Brak on Sunday, residents said."
OTHER = "A roadside bomb wounded two soldiers outside Qamishli on Thursday, officials said."


def _errors(results):
    return [item for item in results if isinstance(item, DocumentError)]


def _texts(results):
    return [item.text for item in results if not isinstance(item, DocumentError)]


class _Stdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "utf-8-sig"])
def test_ingest_hostile_stdin_bytes_are_decoded_like_a_file(monkeypatch, encoding):
    text = "Les tirs ont tué cinq civils à Alep mardi, selon un témoin."
    monkeypatch.setattr(sys, "stdin", _Stdin(text.encode(encoding)))
    [article] = read_path("-")
    assert not isinstance(article, DocumentError), article
    assert article.text == text and article.source_path == "<stdin>"


def test_ingest_hostile_stdin_over_the_limit_is_an_error(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(b"x" * 5000))
    [error] = read_path("-", max_bytes=1000)
    assert isinstance(error, DocumentError) and error.document == "<stdin>" and "over the 1 kB limit" in error.reason


def test_ingest_hostile_undecodable_file_name_is_read_and_named_with_escapes(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "w") as handle:
        handle.write(STORY + "\n")
    (tmp_path / "other.txt").write_text(OTHER + "\n")
    results = list(read_path(tmp_path))
    assert not _errors(results)
    named = {item.external_id: item for item in results}
    assert set(named) == {"caf\\xe9.txt", "other.txt"}
    assert named["caf\\xe9.txt"].source_path.endswith("caf\\xe9.txt")
    named["caf\\xe9.txt"].source_path.encode("utf-8")  # storable and printable


def test_ingest_hostile_unpaired_surrogate_in_json_lines_is_that_lines_error(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text(
        json.dumps({"text": STORY}) + "\n" + '{"text": "Bad \\ud800 text about a shelling."}\n' + json.dumps({"text": OTHER}) + "\n"
    )
    results = list(read_path(path))
    assert _texts(results) == [STORY, OTHER]
    [error] = _errors(results)
    assert error.document == f"{path} line 2" and "unpaired surrogate \\ud800" in error.reason


def test_ingest_hostile_nul_character_is_that_rows_error(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"text": STORY, "title": "a\u0000b"}) + "\n" + json.dumps({"text": OTHER}) + "\n")
    results = list(read_path(path))
    assert _texts(results) == [OTHER]
    [error] = _errors(results)
    assert error.document == f"{path} line 1" and "NUL character" in error.reason


def test_ingest_hostile_nul_after_the_binary_check_sample_is_the_files_error(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(STORY + "\n" + "word " * 4000 + "\x00 end.\n")
    [error] = read_path(path)
    assert isinstance(error, DocumentError) and "NUL character" in error.reason


@pytest.mark.parametrize("suffix", ["jsonl", "json"])
def test_ingest_hostile_deeply_nested_json_is_an_error_not_a_crash(tmp_path, suffix):
    deep = "[" * 2000 + "]" * 2000
    path = tmp_path / f"corpus.{suffix}"
    if suffix == "jsonl":
        path.write_text(json.dumps({"text": STORY}) + "\n" + '{"text": "x", "extra": ' + deep + "}\n" + json.dumps({"text": OTHER}) + "\n")
    else:
        path.write_text('[{"text": "x", "extra": ' + deep + "}]")
    results = list(read_path(path))
    [error] = _errors(results)
    assert "nested too deeply" in error.reason
    assert _texts(results) == ([STORY, OTHER] if suffix == "jsonl" else [])


def _fifo(tmp_path: Path, name: str, content: bytes) -> tuple[Path, threading.Thread]:
    path = tmp_path / name
    os.mkfifo(path)

    def write() -> None:
        with open(path, "wb") as handle:
            handle.write(content)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return path, writer


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_ingest_hostile_fifo_named_csv_is_estimated_without_reading_and_then_read(tmp_path):
    path, writer = _fifo(tmp_path, "feed.csv", f'id,text\n1,"{STORY}"\n2,"{OTHER}"\n'.encode())
    estimates: list = []
    estimating = threading.Thread(target=lambda: estimates.append(estimate_documents([path])), daemon=True)
    estimating.start()
    estimating.join(timeout=5)
    assert estimates == [None], "the estimate must not wait on a FIFO"
    assert _texts(read_path(path)) == [STORY, OTHER]
    writer.join(timeout=5)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_ingest_hostile_fifo_inside_a_folder_is_named_not_waited_on(tmp_path):
    (tmp_path / "a.txt").write_text(STORY + "\n")
    os.mkfifo(tmp_path / "pipe.txt")
    results = list(read_path(tmp_path))
    assert _texts(results) == [STORY]
    [error] = _errors(results)
    assert error.document == str(tmp_path / "pipe.txt") and "not a regular file" in error.reason


def _peak_megabytes(function) -> float:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def test_ingest_hostile_huge_cell_in_a_small_gzip_is_refused_while_reading(tmp_path):
    path = tmp_path / "bomb.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        handle.write(f'id,text\n1,"{STORY}"\n2,"' + "A" * 30_000_000 + f'"\n3,"{OTHER}"\n')
    assert path.stat().st_size < 1_000_000
    results: list = []
    peak = _peak_megabytes(lambda: results.extend(read_table(path, max_bytes=1_000_000)))
    assert peak < 12, f"{peak:.0f} MB held for a 1 MB limit"
    assert _texts(results) == [STORY, OTHER]
    [error] = _errors(results)
    assert error.document == f"{path} row 2 (line 3)" and "over the 1 MB limit" in error.reason


def test_ingest_hostile_huge_multiline_cell_is_refused_while_reading(tmp_path):
    path = tmp_path / "bomb.csv"
    path.write_text(f'id,text\n1,"{STORY}"\n2,"' + ("B" * 999 + "\n") * 30_000 + f'"\n3,"{OTHER}"\n')
    results: list = []
    peak = _peak_megabytes(lambda: results.extend(read_table(path, max_bytes=1_000_000)))
    assert peak < 12, f"{peak:.0f} MB held for a 1 MB limit"
    assert _texts(results) == [STORY, OTHER]
    [error] = _errors(results)
    assert error.document == f"{path} row 2 (lines 3-30003)" and "over the 1 MB limit" in error.reason


def test_ingest_hostile_long_json_line_is_refused_while_reading(tmp_path):
    path = tmp_path / "bomb.jsonl"
    path.write_text(json.dumps({"text": STORY}) + "\n" + json.dumps({"text": "C" * 20_000_000}) + "\n" + json.dumps({"text": OTHER}) + "\n")
    results: list = []
    peak = _peak_megabytes(lambda: results.extend(read_table(path, max_bytes=1_000_000)))
    assert peak < 12, f"{peak:.0f} MB held for a 1 MB limit"
    assert _texts(results) == [STORY, OTHER]
    [error] = _errors(results)
    assert error.document == f"{path} line 2" and "over the 1 MB limit" in error.reason


def test_ingest_hostile_unclosed_quote_names_the_lines_it_swallowed(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text(f'id,text\n1,"{STORY}"\n2,"An unclosed quote\n3,{OTHER}\n4,Another story.\n')
    results = list(read_table(path))
    assert _texts(results) == [STORY]
    [error] = _errors(results)
    assert error.document == f"{path} row 2 (lines 3-5)"
    assert "never closed" in error.reason and "to the end of the file" in error.reason


def test_ingest_hostile_errors_name_file_lines_after_a_multiline_row(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text(f'id,text\n1,"{STORY}\nsecond paragraph\nthird paragraph"\n2,too,many\n')
    [error] = _errors(read_table(path))
    assert error.document == f"{path} row 2 (line 5)"


def test_ingest_hostile_unreadable_subfolder_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(STORY + "\n")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(OTHER + "\n")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    results = list(read_path(tmp_path))
    assert _texts(results) == [STORY]
    [error] = _errors(results)
    assert error.document == str(locked) and error.reason == "cannot read folder: Permission denied"


def test_ingest_hostile_symlinked_folder_is_read_once(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text(STORY + "\n")
    (tmp_path / "real" / "loop").symlink_to(tmp_path / "real")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    results = list(read_path(tmp_path))
    assert not _errors(results) and _texts(results) == [STORY]


def test_ingest_hostile_skip_leaves_the_stores_own_files_out(tmp_path):
    (tmp_path / "a.txt").write_text(STORY + "\n")
    (tmp_path / "corroborate.db").write_bytes(b"SQLite format 3\x00" + bytes(100))
    (tmp_path / "corroborate.db-wal").write_bytes(bytes(100))
    results = list(read_path(tmp_path, skip=[tmp_path / "corroborate.db", tmp_path / "corroborate.db-wal"]))
    assert not _errors(results) and _texts(results) == [STORY]
