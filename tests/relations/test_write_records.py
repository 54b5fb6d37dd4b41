"""`write_records` streams csv: an export of millions of events must not be held in memory."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from detente.cli.common import write_records
from detente.cli.main import cli
from detente.relations import export
from detente.store.database import EVENT_COLUMNS


def test_csv_writes_each_record_before_the_next_is_read() -> None:
    out = io.StringIO()

    def records() -> Iterator[dict[str, object]]:
        for i in range(4):
            # Lines already written when record i is asked for: none, then header + i rows.
            assert out.getvalue().count("\n") == (i + 1 if i else 0)
            yield {"n": i, "who": {"code": f"C{i}"}, "note": None}

    assert write_records(records(), "csv", out=out) == 4
    assert out.getvalue().splitlines() == ["n,who.code,note", "0,C0,", "1,C1,", "2,C2,", "3,C3,"]


def test_csv_columns_come_from_the_argument_or_the_first_record() -> None:
    out = io.StringIO()

    def records() -> Iterator[dict[str, object]]:
        assert out.getvalue() == "b,a\n"  # explicit columns: the header comes first
        yield {"a": 1, "b": 2}

    assert write_records(records(), "csv", columns=["b", "a"], out=out) == 1
    assert out.getvalue() == "b,a\n2,1\n"
    out = io.StringIO()
    write_records(iter([{"a": 1}, {"a": 2, "late": "x"}]), "csv", out=out)
    assert out.getvalue() == "a\n1\n2\n"
    out = io.StringIO()
    assert write_records(iter([]), "csv", out=out) == 0 and out.getvalue() == ""


def test_event_csv_columns_are_the_flattened_contract_shape() -> None:
    row: dict[str, object] = {column: "x" for column in EVENT_COLUMNS}
    row.update(extra=json.dumps({"k": 1}), date=date(2020, 1, 2), date_text=None)
    flat = io.StringIO()
    write_records([export.nested(row)], "csv", out=flat)
    header = flat.getvalue().splitlines()[0].split(",")
    # Every key of a full record, in order; only `extra` stays one JSON cell in the export.
    assert [c for c in header if not c.startswith("extra.")] == list(export.CSV_COLUMNS[:-1])
    assert export.csv_record(row)["extra"] == '{"k": 1}'


def test_events_csv_through_the_cli(tmp_path: Path, planted_file: Path) -> None:
    db = str(tmp_path / "csv.duckdb")
    runner = CliRunner()
    assert runner.invoke(cli, ["import", "gdelt", str(planted_file), "--db", db]).exit_code == 0
    result = runner.invoke(cli, ["events", "--format", "csv", "--limit", "3", "--db", db])
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and len(lines) == 4
    assert lines[0].split(",") == list(export.CSV_COLUMNS)
    assert all(len(line.split(",")) >= len(export.CSV_COLUMNS) for line in lines[1:])
