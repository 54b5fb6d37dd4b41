"""`detente extract` and `detente code` through click's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli.main import cli
from detente.model import Document
from detente.store.database import Store

pytestmark = pytest.mark.slow

ARTICLE = "Poland condemned Belarus on Friday. The Dutch navy shelled a rebel camp."


def test_extract_reads_stdin_as_jsonl() -> None:
    result = CliRunner().invoke(cli, ["extract", "--date", "2025-03-07"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["type"] == "ACCUSE"
    assert records[0]["source"]["country"] == "POL"
    assert records[0]["date"] == "2025-03-07" and records[0]["date_precision"] == "day"
    assert all(r["doc_id"] == "doc-1" for r in records)


def test_extract_a_jsonl_file_of_documents_with_their_own_dates(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    lines = [
        {"id": "a", "date": "2024-01-02", "text": "Canada expelled diplomats from Iran."},
        {"id": "b", "date": "2024-02-03", "text": "Police in Lagos arrested dozens of students."},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.strip().splitlines()
    assert header.startswith("doc_id,sentence_index,date")
    assert [row.split(",")[0] for row in rows] == ["a", "b"]
    assert rows[0].split(",")[2] == "2024-01-02"


def test_extract_table_and_json_formats(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    table = CliRunner().invoke(cli, ["extract", str(path), "--format", "table"])
    assert table.exit_code == 0 and "ACCUSE" in table.stdout
    as_json = CliRunner().invoke(cli, ["extract", str(path), "--format", "json"])
    assert as_json.exit_code == 0
    assert {e["type"] for e in json.loads(as_json.stdout)} == {"ACCUSE", "ASSAULT"}


def test_extract_reads_a_folder_recursively_with_clean_sentences(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Poland condemned Belarus on Friday.\n\n", encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text("The Dutch navy shelled a rebel camp.\n", "utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["type"] for r in records] == ["ACCUSE", "ASSAULT"]
    assert records[0]["sentence"] == "Poland condemned Belarus on Friday."
    assert records[1]["sentence"] == "The Dutch navy shelled a rebel camp."
    start, end = records[0]["source"]["start"], records[0]["source"]["end"]
    assert "Poland condemned Belarus on Friday."[start:end] == records[0]["source"]["text"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "missing.txt"], "missing.txt: no such file or directory"),
        (["extract", "."], ".: no documents in this folder"),
        (["extract", "--date", "2025-02-30"], "is not a date"),
        (["extract", "--actors", "nope.yaml"], "nope.yaml: no such actor file"),
        (["code", "--db", "absent.duckdb"], "no such store"),
    ],
)
def test_user_errors_are_one_line(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, args, input="")
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_code_is_incremental_and_records_a_run(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    with Store(db) as store:
        store.add_documents(
            [
                Document(text="Poland condemned Belarus.", id="d1", date="2024-05-01"),
                Document(text="The weather was mild.", id="d2", date="2024-05-02"),
            ]
        )
    runner = CliRunner()
    first = runner.invoke(cli, ["code", "--db", str(db), "--batch-size", "1"])
    assert first.exit_code == 0, first.output
    assert "coded 2 documents: 1 event" in first.stderr
    with Store(db) as store:
        store.add_documents([Document(text="Chile praised Peru.", id="d3", date="2024-05-03")])
    second = runner.invoke(cli, ["code", "--db", str(db)])
    assert "coded 1 document: 1 event" in second.stderr
    third = runner.invoke(cli, ["code", "--db", str(db)])
    assert "nothing to code" in third.stderr
    with Store(db, read_only=True) as store:
        rows = store.con.execute("SELECT doc_id, type FROM events ORDER BY doc_id").fetchall()
        runs = store.con.execute(
            "SELECT settings FROM runs WHERE command = 'code' ORDER BY run_id"
        ).fetchall()
    assert rows == [("d1", "ACCUSE"), ("d3", "SUPPORT")]
    assert len(runs) == 2 and "components" in json.loads(runs[0][0])


def test_help_has_examples() -> None:
    for command in ("extract", "code"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Examples:" in result.stdout


def test_extract_with_a_user_actor_file(tmp_path: Path) -> None:
    actors = tmp_path / "actors.yaml"
    actors.write_text(
        'provenance: "test file written for this test"\n'
        'as_of: "2025-01-01"\n'
        "organizations:\n"
        "  - code: ZZQ\n"
        "    name: Northern Fishing League\n"
        "    names: [Northern Fishing League]\n"
        "    sector: NGO\n",
        encoding="utf-8",
    )
    text = "The Northern Fishing League condemned Norway."
    result = CliRunner().invoke(cli, ["extract", "--actors", str(actors)], input=text)
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["source"]["id"] == "ZZQ"


def test_the_store_counts_the_documents_left_to_code(tmp_path: Path) -> None:
    with Store(tmp_path / "count.duckdb") as store:
        store.add_documents(
            [
                Document(ARTICLE, "x", date="2025-03-07"),
                Document("Chile condemned Peru.", "y", date="2025-03-08"),
            ]
        )
        assert store.count_documents(uncoded_only=True) == 2
    result = CliRunner().invoke(cli, ["code", "--db", str(tmp_path / "count.duckdb")])
    assert result.exit_code == 0, result.output
    with Store(tmp_path / "count.duckdb") as store:
        assert store.count_documents() == 2
        assert store.count_documents(uncoded_only=True) == 0
        assert store.count_documents(since="2025-03-08", uncoded_only=True) == 0
