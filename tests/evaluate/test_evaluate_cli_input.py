"""`detente evaluate` on bad gold files: one-line errors (exit 2), skipped lines (exit 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli.main import cli

PLV_HEADER = "text,label,meta,context,source,target\n"
GOOD_ROW = "Norway accused Iceland of overfishing in the northern fjords.,ACCUSE,,,Norway,Iceland\n"


def evaluate(*args: str):
    return CliRunner().invoke(cli, ["evaluate", "--gold", *args])


def assert_one_line_error(result, expected: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1, result.output
    assert result.output.startswith("detente: error: ") and expected in result.output
    assert "Traceback" not in result.output


def test_missing_file_is_named_before_the_format_is_guessed(tmp_path: Path) -> None:
    assert_one_line_error(evaluate(str(tmp_path / "missing.csv")), "missing.csv: no such file")
    assert_one_line_error(evaluate(str(tmp_path)), "a folder, not a file")


@pytest.mark.parametrize(
    "fmt", ["plv", "plover-gsr", "conflibert-cameo", "conflibert-ner", "petrarch", "actors"]
)
def test_binary_gold_file_is_a_one_line_error(fmt: str, tmp_path: Path) -> None:
    gold = tmp_path / "gold.bin"
    gold.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8")
    assert_one_line_error(evaluate(str(gold), "--format", fmt), "gold.bin: binary file")


def test_invalid_utf16_is_a_one_line_error(tmp_path: Path) -> None:
    gold = tmp_path / "plover_gsr.jsonl"
    gold.write_bytes(b"\xff\xfe{\x00\x00\xd8")
    assert_one_line_error(evaluate(str(gold)), "plover_gsr.jsonl: invalid UTF-16")


def test_legacy_encoding_warns_without_counting_as_skipped(tmp_path: Path, plv_coder) -> None:
    gold = tmp_path / "plv_cp1252.csv"
    row = "Norway's envoy met the Soci\u00e9t\u00e9 board.,CONSULT,,,Norway's envoy,board\n"
    gold.write_bytes((PLV_HEADER + GOOD_ROW + row).encode("cp1252"))
    result = evaluate(str(gold))
    assert result.exit_code == 0, result.output
    assert f"{gold}:3: not valid UTF-8; read as cp1252 (warning)" in result.output
    assert "skipped" not in result.output and "plv: 2 items" in result.output


def test_malformed_rows_are_listed_counted_and_skipped(tmp_path: Path, plv_coder) -> None:
    gold = tmp_path / "plv_bad.csv"
    gold.write_text(
        PLV_HEADER + GOOD_ROW + "just,three,fields\n" + '"unclosed,ACCUSE,,,a,b\n',
        encoding="utf-8",
    )
    result = evaluate(str(gold))
    assert result.exit_code == 1, result.output
    assert f"{gold}:3: expected 6 fields, found 3" in result.output
    assert f"{gold}:4: " in result.output
    assert "2 malformed lines skipped" in result.output
    assert "plv: 1 items" in result.output or "plv: 1 item" in result.output
    assert "Traceback" not in result.output


def test_actor_file_with_only_bad_lines_is_an_error(tmp_path: Path) -> None:
    gold = tmp_path / "actor_cases.jsonl"
    gold.write_text('[1, 2]\n{"args": 5}\nnot json\n', encoding="utf-8")
    result = evaluate(str(gold))
    assert result.exit_code == 2, result.output
    assert f"{gold}:1: expected a JSON object, found an array" in result.output
    assert f"{gold}:2: `args` must be a list" in result.output
    assert f"{gold}:3: invalid JSON" in result.output
    assert "detente: error: " in result.output and "no readable actors item" in result.output
