"""The commands end to end: import a GDELT file with a planted turn, then find it."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from detente.cli.main import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_planted_turn_is_found_through_the_cli(
    tmp_path: Path, planted_file: Path, shift_date: date
) -> None:
    db = str(tmp_path / "cli.duckdb")
    code, _, err = run("import", "gdelt", str(planted_file), "--db", db)
    assert code == 0, err
    assert "0 rows skipped" in err
    code, out, _ = run("shifts", "USA", "RUS", "--freq", "week", "--format", "json", "--db", db)
    assert code == 0
    shifts = json.loads(out)["shifts"]
    assert len(shifts) == 1
    (shift,) = shifts
    assert set(shift) == {"dyad", "date", "before", "after", "magnitude", "p_value", "evidence"}
    assert shift["dyad"] == ["USA", "RUS"]
    assert abs(date.fromisoformat(shift["date"]) - shift_date) <= timedelta(weeks=1)
    assert shift["magnitude"] < -0.5 and shift["p_value"] <= 0.01
    evidence = shift["evidence"]
    assert evidence and all(e["goldstein"] < 0 for e in evidence)
    window = (shift_date - timedelta(weeks=2), shift_date + timedelta(weeks=3))
    assert all(window[0] <= date.fromisoformat(e["date"]) < window[1] for e in evidence)
    assert evidence[0]["cameo"] == "190" and evidence[0]["url"].startswith("https://news.")
    contributions = [e["contribution"] for e in evidence]
    assert contributions == sorted(contributions, reverse=True)
    # A steady dyad has no shift; re-import adds nothing.
    code, out, _ = run("shifts", "USA", "CHN", "--format", "json", "--db", db)
    assert json.loads(out) == {"shifts": []}
    code, _, err = run("import", "gdelt", str(planted_file), "--db", db)
    assert code == 0 and "imported 0 gdelt events" in err


def test_scan_ranks_the_turned_dyad(tmp_path: Path, planted_file: Path) -> None:
    db = str(tmp_path / "scan.duckdb")
    run("import", "gdelt", str(planted_file), "--db", db)
    code, out, _ = run("shifts", "--recent", "0", "--format", "json", "--db", db)
    shifts = json.loads(out)["shifts"]
    assert code == 0 and [s["dyad"] for s in shifts] == [["RUS", "USA"]]


def test_relations_formats(tmp_path: Path, planted_file: Path) -> None:
    db = str(tmp_path / "rel.duckdb")
    run("import", "gdelt", str(planted_file), "--db", db)
    code, out, _ = run("relations", "USA", "RUS", "--freq", "week", "--format", "json", "--db", db)
    periods = json.loads(out)
    assert code == 0 and len(periods) == 52
    assert {"start", "events", "goldstein_sum", "goldstein_mean", "conflict_share", "index"} <= set(
        periods[0]
    )
    code, out, _ = run("relations", "USAGOV", "RUSGOV", "--format", "csv", "--db", db)
    assert out.splitlines()[0].startswith("start,events,goldstein_sum")
    png = tmp_path / "t.png"
    code, _, _ = run("relations", "USA", "RUS", "--format", "png", "-o", str(png), "--db", db)
    assert code == 0 and png.read_bytes()[:4] == b"\x89PNG"
    code, _, err = run("relations", "USA", "a cat named Frank", "--db", db)
    assert code == 2 and "unknown actor" in err
    code, _, err = run("relations", "USA", "RUS", "--from", "yesterday", "--db", db)
    assert code == 2 and "not a date" in err


def test_relations_png_is_the_report_chart_with_its_turn(
    tmp_path: Path, planted_file: Path, shift_date: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    from detente.report import charts

    drawn: list[tuple[charts.ChartSeries, str, str]] = []
    monkeypatch.setattr(charts, "timeline_png", lambda s, f, p: drawn.append((s, f, str(p))))
    db = str(tmp_path / "png.duckdb")
    run("import", "gdelt", str(planted_file), "--db", db)
    png = str(tmp_path / "t.png")
    code, _, err = run(
        "relations", "USA", "RUS", "--freq", "week", "--format", "png", "-o", png, "--db", db
    )
    assert code == 0, err
    ((series, freq, path),) = drawn
    assert (series.title, freq, path, len(series.starts)) == ("USA – RUS", "week", png, 52)
    ((_, shift),) = series.shifts
    assert abs(shift.date - shift_date) <= timedelta(weeks=1) and shift.magnitude < 0
    code, _, err = run("relations", "USA", "RUS", "--format", "png", "--db", db)
    assert code == 2 and "-o FILE" in err


def test_events_exports(tmp_path: Path, planted_file: Path) -> None:
    db = str(tmp_path / "ev.duckdb")
    run("import", "gdelt", str(planted_file), "--db", db)
    code, out, _ = run(
        "events", "--dyad", "USA", "RUS", "--limit", "3", "--format", "jsonl", "--db", db
    )
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(records) == 3
    assert records[0]["source"]["code"] == "USAGOV" and records[0]["origin"] == "gdelt"
    assert {"type", "cameo", "goldstein", "quad", "date", "target", "extra"} <= set(records[0])
    # The GDELT-like export reads back in as the same events.
    exported = tmp_path / "out.tsv"
    code, _, _ = run("events", "--format", "gdelt", "-o", str(exported), "--db", db)
    assert code == 0
    lines = exported.read_text().splitlines()
    assert lines[0].startswith("GLOBALEVENTID\tSQLDATE")
    assert len(lines[1].split("\t")) == 61
    for fmt, first in (("icews", "Event ID\tEvent Date"), ("plover", "Event ID\tEvent Date")):
        code, out, _ = run("events", "--format", fmt, "--limit", "2", "--db", db)
        assert out.startswith(first) and len(out.splitlines()) == 3
    parquet = tmp_path / "e.parquet"
    code, _, _ = run(
        "events", "--origin", "gdelt", "--format", "parquet", "-o", str(parquet), "--db", db
    )
    total = duckdb.connect().execute(f"SELECT count(*) FROM '{parquet}'").fetchone()
    assert code == 0 and total is not None and total[0] == len(lines) - 1
    code, _, err = run("events", "--format", "parquet", "--db", db)
    assert code == 2 and "-o FILE" in err


def test_unwritable_outputs_and_directories_are_one_line_errors(
    tmp_path: Path, planted_file: Path
) -> None:
    db = str(tmp_path / "out.duckdb")
    run("import", "gdelt", str(planted_file), "--db", db)
    missing = tmp_path / "no" / "such"
    for args in (
        ("events", "--format", "parquet", "-o", str(missing / "e.parquet")),
        ("events", "--format", "csv", "-o", str(missing / "e.csv")),
        ("relations", "USA", "RUS", "-o", str(missing / "r.csv")),
    ):
        code, _, err = run(*args, "--db", db)
        assert code == 2, args
        assert err.startswith(f"detente: error: {missing}/") and "cannot write" in err, err
        assert len(err.strip().splitlines()) == 1
    code, _, err = run("import", "gdelt", str(tmp_path), "--db", db)
    assert code == 2 and f"{tmp_path}: is a directory" in err


def test_an_empty_timeline_prints_no_table(tmp_path: Path, planted_file: Path) -> None:
    db = str(tmp_path / "empty.duckdb")
    run("import", "gdelt", str(planted_file), "--db", db)
    code, out, err = run("relations", "NOR", "ISL", "--db", db)
    assert (code, out) == (0, "")
    assert "no events between NOR and ISL" in err
    code, out, _ = run("relations", "NOR", "ISL", "--format", "json", "--db", db)
    assert json.loads(out) == []


def test_events_explain_an_empty_listing_and_refuse_unknown_origins(
    tmp_path: Path, planted_file: Path
) -> None:
    db = str(tmp_path / "ev.duckdb")
    run("import", "gdelt", str(planted_file), "--db", db)
    code, out, err = run("events", "--type", "FOO", "--db", db)
    assert (code, out) == (0, "")
    assert "'FOO' is not a PLOVER event type" in err
    code, out, err = run("events", "--type", "assault", "--from", "2030-01-01", "--db", db)
    assert (code, out) == (0, "") and "no events match the filters" in err
    assert "PLOVER" not in err
    code, _, err = run("events", "--origin", "gdlet", "--db", db)
    assert code == 2 and "'gdlet' is not one of" in err
    code, out, _ = run("events", "--type", "FOO", "--format", "jsonl", "--db", db)
    assert (code, out) == (0, "")


def test_a_range_that_ends_before_it_starts_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "relations",
            "USA",
            "RUS",
            "--db",
            str(tmp_path / "x.duckdb"),
            "--from",
            "2024-05-01",
            "--to",
            "2024-01-01",
        ],
    )
    assert result.exit_code == 2
    assert "--to 2024-01-01 is before --from 2024-05-01" in result.output
