"""`detente ingest` and `detente docs` through click, plus one run of the installed script."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli.common import EXIT_NOTHING_READABLE, EXIT_OK, EXIT_SOME_SKIPPED, EXIT_USAGE
from detente.cli.main import cli
from detente.store import schema
from detente.store.database import Store


def run(*args: str, input: bytes | str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """Good files, a JSONL with one bad line, and a binary file."""
    folder = tmp_path / "news"
    (folder / "wire").mkdir(parents=True)
    (folder / "a.txt").write_text("---\ndate: 2019-01-04\n---\nLeaders met in Paris.\n")
    (folder / "b.html").write_text("<title>B</title><p>Troops withdrew from the border.</p>")
    (folder / "wire" / "c.jsonl").write_text(
        '{"id": "c1", "text": "Talks resumed.", "date": "2019-02-01"}\n'
        '{"id": "c2", "text": "broken" "line"}\n'
        '{"id": "c3", "text": "Sanctions were lifted.", "date": "2019-02-03"}\n'
    )
    (folder / "wire" / "d.csv").write_text("id,text,published\nd1,Aid arrived.,04 Jan 2019\n")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    return folder


def test_folder_with_bad_line_and_binary_file(mixed_folder: Path, db_path: Path) -> None:
    code, out, err = run("ingest", str(mixed_folder), "--db", str(db_path), "--source", "wire")
    assert code == EXIT_SOME_SKIPPED
    bad_line = mixed_folder / "wire" / "c.jsonl"
    assert f"{bad_line}:2: invalid JSON: Expecting ',' delimiter (column 31)" in err
    assert f"{mixed_folder / 'photo.txt'}: binary file (not text)" in err
    assert "4 files read (1 skipped): 5 documents added, 0 duplicates, 2 skipped" in err
    assert "1 without date" in err
    assert "Traceback" not in err and out == ""
    with Store(db_path, read_only=True) as store:
        docs = {d.id: d for d in store.iter_documents()}
    assert {"c1", "c3", "d1"} <= set(docs)
    assert docs["d1"].date == "2019-01-04" and docs["d1"].source == "wire"
    assert len(docs) == 5


def test_second_ingest_adds_nothing_and_exits_ok(tmp_path: Path, db_path: Path) -> None:
    corpus = tmp_path / "x.jsonl"
    corpus.write_text('{"text": "One."}\n{"text": "Two."}\n')
    assert run("ingest", str(corpus), "--db", str(db_path))[0] == EXIT_OK
    code, _, err = run("ingest", str(corpus), "--db", str(db_path))
    assert code == EXIT_OK
    assert "0 documents added, 2 duplicates" in err


def test_quiet_hides_the_summary_not_the_problems(tmp_path: Path, db_path: Path) -> None:
    corpus = tmp_path / "x.jsonl"
    corpus.write_text('{"text": "One."}\nnot json\n')
    code, _, err = run("--quiet", "ingest", str(corpus), "--db", str(db_path))
    assert code == EXIT_SOME_SKIPPED
    assert err.strip() == f"{corpus}:2: invalid JSON: Expecting value (column 1)"


def test_usage_errors_are_one_line(tmp_path: Path, db_path: Path) -> None:
    code, _, err = run("ingest", str(tmp_path / "nope.txt"), "--db", str(db_path))
    assert code == EXIT_USAGE
    assert err.strip() == f"detente: error: {tmp_path / 'nope.txt'}: no such file or directory"
    assert not db_path.exists()
    code, _, err = run("ingest", "-", "--date", "someday", "--db", str(db_path), input="x")
    assert code == EXIT_USAGE and "--date 'someday' is not a date" in err
    code, _, err = run("docs", "--db", str(tmp_path / "absent.duckdb"))
    assert code == EXIT_USAGE and "no such store" in err
    assert run("ingest")[0] == EXIT_USAGE
    code, _, err = run("ingest", "-", "-", "--db", str(db_path), input="x")
    assert code == EXIT_USAGE and "only once" in err


def test_a_newer_store_is_a_usage_error(tmp_path: Path, db_path: Path) -> None:
    with Store(db_path) as store:
        store.con.execute("INSERT INTO schema_version VALUES (?)", [schema.SCHEMA_VERSION + 1])
    code, _, err = run("docs", "--db", str(db_path), "--count")
    assert code == EXIT_USAGE
    assert err.count("\n") == 1 and "newer than this detente" in err


def test_nothing_readable(tmp_path: Path, db_path: Path) -> None:
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    code, _, err = run("ingest", str(binary), "--db", str(db_path))
    assert code == EXIT_NOTHING_READABLE
    assert "nothing readable" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("ingest", str(empty), "--db", str(db_path))[0] == EXIT_NOTHING_READABLE


def test_stdin_with_field_options_and_date_fallback(db_path: Path) -> None:
    data = "uid,body,pubDate\nu1,From stdin.,20190104\nu2,No date here.,\n"
    code, _, err = run(
        "ingest", "-", "--db", str(db_path), "--stdin-format", "csv", "--text-field", "body",
        "--id-field", "uid", "--date-field", "pubDate", "--date", "January 2, 2019", input=data,
    )  # fmt: skip
    assert code == EXIT_OK, err
    with Store(db_path, read_only=True) as store:
        dates = {d.id: d.date for d in store.iter_documents()}
    assert dates == {"u1": "2019-01-04", "u2": "2019-01-02"}


def test_docs_formats_count_since_limit(tmp_path: Path, db_path: Path) -> None:
    corpus = tmp_path / "x.jsonl"
    rows = [
        {"id": "a", "text": "Alpha text.", "date": "2019-01-01", "title": "Alpha"},
        {"id": "b", "text": "Beta, with comma.", "date": "2019-06-01", "source": "s"},
        {"id": "c", "text": "Gamma."},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    run("ingest", str(corpus), "--db", str(db_path))
    db = ["--db", str(db_path)]
    assert run("docs", *db, "--count")[1].strip() == "3"
    assert run("docs", *db, "--count", "--since", "2019-03-01")[1].strip() == "1"
    code, out, _ = run("docs", *db, "--format", "jsonl", "--limit", "2")
    assert code == EXIT_OK
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["id"], r["date"], r["text"]) for r in records] == [
        ("a", "2019-01-01", "Alpha text."),
        ("b", "2019-06-01", "Beta, with comma."),
    ]
    out = run("docs", *db, "--format", "csv", "--since", "June 1, 2019")[1]
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert (row["id"], row["text"], row["source"]) == ("b", "Beta, with comma.", "s")
    table = run("docs", *db)[1]
    assert "Alpha" in table and "chars" in table and "Alpha text." not in table


def test_docs_export_reads_back_into_a_new_store(tmp_path: Path, db_path: Path) -> None:
    corpus = tmp_path / "x.jsonl"
    corpus.write_text('{"id": "a", "text": "Round trip.", "date": "2019-01-01", "url": "u"}\n')
    run("ingest", str(corpus), "--db", str(db_path))
    exported = run("docs", "--db", str(db_path), "--format", "jsonl")[1]
    copy = tmp_path / "copy.duckdb"
    assert run("ingest", "-", "--db", str(copy), input=exported)[0] == EXIT_OK
    with Store(copy, read_only=True) as store:
        [doc] = list(store.iter_documents())
    assert (doc.id, doc.text, doc.date, doc.url) == ("a", "Round trip.", "2019-01-01", "u")


def test_help_has_examples() -> None:
    for command in ("ingest", "docs"):
        code, out, _ = run(command, "--help")
        assert code == EXIT_OK
        assert "Examples:" in out and f"detente {command}" in out


def test_installed_console_script(tmp_path: Path) -> None:
    script = shutil.which("detente", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the detente console script is not installed in this environment")
    corpus = tmp_path / "in.jsonl"
    corpus.write_text('{"text": "Installed script works."}\n{"text": \n')
    env = {**os.environ, "DETENTE_DB": str(tmp_path / "env.duckdb")}
    done = subprocess.run(
        [script, "ingest", str(corpus)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == EXIT_SOME_SKIPPED
    assert f"{corpus}:2: invalid JSON" in done.stderr and "Traceback" not in done.stderr
    listed = subprocess.run(
        [script, "docs", "--format", "jsonl"], capture_output=True, text=True, env=env, timeout=120
    )
    assert listed.returncode == EXIT_OK
    assert json.loads(listed.stdout)["text"] == "Installed script works."


def test_interrupt_reports_what_was_stored(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "x.jsonl"
    corpus.write_text("".join(json.dumps({"text": f"Document {i}."}) + "\n" for i in range(30)))
    original = Store.add_documents
    calls = []

    def add_then_interrupt(self: Store, *args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "add_documents", add_then_interrupt)
    code, _, err = run("ingest", str(corpus), "--db", str(db_path), "--batch-size", "10")
    assert code == 130
    assert "interrupted; 20 documents stored" in err
    monkeypatch.setattr(Store, "add_documents", original)
    code, _, err = run("ingest", str(corpus), "--db", str(db_path))
    assert code == EXIT_OK and "10 documents added, 20 duplicates" in err
