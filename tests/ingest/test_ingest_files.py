import gzip
import io
from pathlib import Path

import pytest

from corroborate.errors import DocumentError
from corroborate.ingest import read_path

STORY = "Gunmen attacked a village checkpoint at night, killing four guards, the regional governor said."
LATIN1_STORY = "Un obus est tombé sur le marché de la ville, tuant trois personnes, a déclaré la préfecture."
PAGE = (
    "<html><head><title>Checkpoint attacked</title></head><body><article>"
    f"<p>{STORY}</p><p>The governor said the attackers fled towards the hills before dawn.</p>"
    "</article></body></html>"
)


@pytest.fixture
def corpus(tmp_path):
    """A directory of good and bad documents, as a batch would meet them."""
    (tmp_path / "a_story.txt").write_text(STORY + "\n", encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "d_utf16.txt").write_text(STORY, encoding="utf-16")
    (tmp_path / "e_latin1.txt").write_bytes(LATIN1_STORY.encode("latin-1"))
    (tmp_path / "f_truncated.txt.gz").write_bytes(gzip.compress((STORY * 20).encode())[:40])
    (tmp_path / "g_large.txt").write_text(STORY * 40, encoding="utf-8")
    (tmp_path / "h_login.html").write_text("<html><body><form><input name='user'></form></body></html>")
    (tmp_path / "i_page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "j_table.csv.gz").write_bytes(gzip.compress(f'id,text\nr1,"{STORY}"\n'.encode()))
    (tmp_path / "k_report.pdf").write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "story").write_text(STORY, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "copy.txt").write_text(STORY, encoding="utf-8")
    return tmp_path


def test_directory_batch_reports_bad_documents_and_reads_good_ones(corpus):
    results = list(read_path(corpus, max_bytes=2000))
    by_name = {_name(result, corpus): result for result in results}
    assert list(by_name) == [
        "a_story.txt", "b_empty.txt", "c_binary.txt", "d_utf16.txt", "e_latin1.txt", "f_truncated.txt.gz",
        "g_large.txt", "h_login.html", "i_page.html", "j_table.csv.gz#row=1", "k_report.pdf", "nested/story",
    ]  # fmt: skip
    reasons = {name: result.reason for name, result in by_name.items() if isinstance(result, DocumentError)}
    assert reasons == {
        "b_empty.txt": "empty file",
        "c_binary.txt": "binary file, not text",
        "f_truncated.txt.gz": "truncated or corrupt gzip file",
        "g_large.txt": "file is 4 kB, over the 2 kB limit; raise --max-bytes to read it",
        "h_login.html": "no article text found in the HTML page",
        "k_report.pdf": "unsupported file type '.pdf' (read: .txt, .html, .csv, .tsv, .jsonl, .json)",
    }
    for error in (result for result in results if isinstance(result, DocumentError)):
        assert str(error).startswith(str(corpus)) and "\n" not in str(error)


def test_encodings_are_detected_and_recorded(corpus):
    articles = {article.external_id: article for article in read_path(corpus) if not isinstance(article, DocumentError)}
    assert articles["a_story.txt"].metadata["encoding"] == "utf-8"
    assert articles["d_utf16.txt"].text == STORY
    assert articles["d_utf16.txt"].metadata["encoding"] == "utf-16"
    assert articles["e_latin1.txt"].text == LATIN1_STORY
    assert articles["e_latin1.txt"].metadata["encoding"] == "cp1252"
    assert articles["e_latin1.txt"].language == "fr"
    assert articles["i_page.html"].title == "Checkpoint attacked"
    assert articles["nested/story"].text == STORY
    assert articles["r1"].text == STORY


def test_single_file_and_missing_path(corpus):
    [article] = read_path(corpus / "a_story.txt")
    assert article.external_id == "a_story.txt"
    assert article.source_path == str(corpus / "a_story.txt")
    [error] = read_path(corpus / "absent.txt")
    assert str(error) == f"{corpus / 'absent.txt'}: no such file or directory"


def test_size_message_uses_megabytes(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as file:
        file.truncate(52_000_000)  # sparse: nothing is written or read
    [error] = read_path(big)
    assert error.reason == "file is 52 MB, over the 20 MB limit; raise --max-bytes to read it"


def test_dash_reads_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(STORY + "\n"))
    [article] = read_path("-")
    assert article.text == STORY and article.source_path == "<stdin>"


def _name(result, root: Path) -> str:
    """The document's path relative to the corpus directory."""
    source = result.document if isinstance(result, DocumentError) else result.source_path
    return Path(source).relative_to(root).as_posix()
