import csv
import json

from corroborate.errors import DocumentError
from corroborate.ingest import TableColumns, read_table

FAKES_HEADER = [
    "row", "unit_id", "article_title", "article_content", "source", "date", "location", "actor",
    "cause_of_death", "nb_children", "nb_civilians", "nb_noncivilians", "nb_women", "label",
]  # fmt: skip


def _fakes_row(row: int, content: str) -> list[str]:
    return [str(row), "9001", "Blast in the old market", content, "nna", "4/5/17", "idlib",
            "unknown", "explosion", "1", "6", "0", "2", "1"]  # fmt: skip


def _articles(results):
    return [result for result in results if not isinstance(result, DocumentError)]


def _errors(results):
    return [result for result in results if isinstance(result, DocumentError)]


def test_fakes_columns_are_recognised(tmp_path):
    path = tmp_path / "fakes.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(FAKES_HEADER)
        writer.writerow(_fakes_row(40, "A bomb exploded in the old market on Tuesday, killing six civilians."))
    [article] = read_table(path)
    assert article.text == "A bomb exploded in the old market on Tuesday, killing six civilians."
    assert article.title == "Blast in the old market"
    assert article.external_id == "40"
    assert article.outlet == "nna"
    assert article.published is None  # FA-KES `date` is the incident date
    assert article.metadata["date"] == "4/5/17"
    assert article.metadata["nb_civilians"] == "6"
    assert article.metadata["encoding"] == "utf-8"
    assert not {"row", "article_title", "article_content", "source"} & set(article.metadata)
    assert article.source_path == f"{path}#row=1"


def test_custom_column_names(tmp_path):
    path = tmp_path / "reports.tsv"
    path.write_text(
        "story\theadline\tpermalink\twhen\n"
        "Two guards were killed at the border crossing on Sunday.\tGuards killed\thttps://www.example.org/a\t2019-08-11\n",
        encoding="utf-8",
    )
    columns = TableColumns(text="story", title="headline", url="permalink", published="when")
    [article] = read_table(path, columns)
    assert article.title == "Guards killed"
    assert article.url == "https://www.example.org/a"
    assert article.outlet == "example.org"
    assert article.published.isoformat() == "2019-08-11"
    assert article.external_id == "1"  # no id column: the row number


def test_broken_csv_row_is_reported_and_the_others_read(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text(
        "id,text\n"
        'a1,"Shells hit the market on Friday, killing five people."\n'
        'a2,"a "bad" quote"\n'
        "a3,too,many\n"
        'a4,"Rockets struck a school, officials said on Monday."\n',
        encoding="utf-8",
    )
    results = list(read_table(path))
    assert [article.external_id for article in _articles(results)] == ["a1", "a4"]
    messages = [str(error) for error in _errors(results)]
    assert messages[0].startswith(f"{path} row 2 (line 3): malformed CSV")
    assert messages[1] == f"{path} row 3 (line 4): 3 fields, the header has 2"


def test_missing_text_column_is_one_error_for_the_file(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("id,summary\n1,Something happened.\n", encoding="utf-8")
    [error] = read_table(path)
    assert isinstance(error, DocumentError)
    assert "no text column" in error.reason and "summary" in error.reason


def test_jsonl_bad_line_is_reported_and_the_others_read(tmp_path):
    path = tmp_path / "reports.jsonl"
    lines = [
        json.dumps({"id": 7, "text": "An airstrike hit a bakery in the north, killing nine people.", "lang": "en"}),
        '{"id": 8, "text": "unterminated',
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": 9, "body": "A car bomb exploded outside a police station on Friday."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_table(path))
    assert [article.external_id for article in _articles(results)] == ["7", "9"]
    assert _articles(results)[0].metadata["lang"] == "en"
    assert _articles(results)[1].source_path == f"{path}#line=5"
    messages = [str(error) for error in _errors(results)]
    assert messages[0].startswith(f"{path} line 2: not valid JSON")
    assert messages[1] == f"{path} line 4: not a JSON object"


def test_json_array_rows(tmp_path):
    path = tmp_path / "reports.json"
    path.write_text(json.dumps([{"title": "Blast", "content": "A blast killed two people in the port city."}]))
    [article] = read_table(path)
    assert article.title == "Blast" and article.source_path == f"{path}#row=1"
