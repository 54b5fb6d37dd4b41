"""Helpers every command shares: date options, outputs, stores, and the -q/-v flags."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli.common import UserError, iso_day, open_output, open_store, parse_day
from detente.cli.main import cli
from detente.ingest.dates import normalise_date


def test_parse_day_names_the_option_and_keeps_none() -> None:
    assert parse_day(None, "--from") is None
    assert parse_day("2025-01-31", "--from") == "2025-01-31"
    with pytest.raises(UserError, match=r"^--from '2025-13-01' is not a date \(use YYYY-MM-DD\)$"):
        parse_day("2025-13-01", "--from")
    # Strict for ranges, lenient where the ingest option reads publishers' spellings.
    assert iso_day("4 January 2019") is None
    assert parse_day("4 January 2019", "--date", normalise_date) == "2019-01-04"


def test_open_output_and_open_store_fail_in_one_line(tmp_path: Path) -> None:
    absent = str(tmp_path / "absent" / "x.csv")
    with (
        pytest.raises(UserError, match="cannot write: No such file or directory"),
        open_output(absent),
    ):
        pass
    text = tmp_path / "notes.txt"
    text.write_text("not a store\n")
    with pytest.raises(UserError, match=r"notes\.txt: cannot open store"), open_store(str(text)):
        pass
    absent_store = str(tmp_path / "absent.duckdb")
    with pytest.raises(UserError, match="no such store"), open_store(absent_store, read_only=True):
        pass


def test_quiet_and_verbose_change_what_import_says(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"a": 1}\n')
    db = str(tmp_path / "s.duckdb")

    def stderr(*flags: str) -> str:
        result = CliRunner().invoke(cli, [*flags, "import", "gdelt", str(rows), "--db", db])
        assert result.exit_code == 3
        return result.stderr

    normal, quiet, verbose = stderr(), stderr("-q"), stderr("-v")
    assert "imported 0 gdelt events" in normal and "layout" not in normal
    # Quiet keeps the skipped rows (they are errors) and drops the summaries.
    assert quiet.strip() == f"{rows}:1: 1 fields, expected 57 or 58 or 61"
    assert f"{rows}: layout not recognised" in verbose
