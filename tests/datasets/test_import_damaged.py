"""Damaged archives given to `import`: one line naming the file, no traceback, rows kept."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli.main import cli
from detente.ingest.datasets import import_files
from detente.store.database import Store


@pytest.fixture
def store() -> Store:
    return Store(":memory:")


def test_a_file_that_is_not_a_zip_is_one_bad_input(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.zip"
    path.write_bytes(b"this is no archive")
    report = import_files(store, "gdelt", [path])
    assert report.bad == [f"{path}: cannot read: File is not a zip file"]
    assert report.added == 0


def test_a_file_that_is_not_gzip_is_one_bad_input(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.CSV.gz"
    path.write_bytes(b"plain text, not gzip\n")
    report = import_files(store, "gdelt", [path])
    assert len(report.bad) == 1
    assert report.bad[0].startswith(f"{path}:1: cannot read: Not a gzipped file")


def test_a_cut_gzip_keeps_the_rows_before_the_cut(
    store: Store,
    tmp_path: Path,
    gdelt_row: Callable[..., dict[str, str]],
    render: Callable[..., str],
) -> None:
    text = render("gdelt2", [gdelt_row(i) for i in range(1, 3001)])
    whole = gzip.compress(text.encode(), mtime=0)
    path = tmp_path / "cut.CSV.gz"
    path.write_bytes(whole[: len(whole) // 2])
    report = import_files(store, "gdelt", [path])
    assert 0 < report.added < 3000
    assert report.added == store.count_events()
    (message,) = report.bad
    assert message == f"{path}:{report.added + 1}: cannot read further: the file is cut short"


def test_cli_reports_damage_without_traceback(tmp_path: Path) -> None:
    archive = tmp_path / "x.zip"
    archive.write_bytes(b"\x00\x01garbage")
    folder = tmp_path / "folder"
    folder.mkdir()
    runner = CliRunner()
    db = str(tmp_path / "s.duckdb")
    result = runner.invoke(cli, ["import", "gdelt", str(archive), "--db", db])
    assert result.exit_code == 3
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{archive}: cannot read: File is not a zip file" in result.output
    result = runner.invoke(cli, ["import", "gdelt", str(folder), "--db", db])
    assert result.exit_code == 2
    assert f"{folder}: is a directory" in result.output


def test_on_rows_hears_of_every_row_read(
    store: Store,
    tmp_path: Path,
    gdelt_row: Callable[..., dict[str, str]],
    render: Callable[..., str],
) -> None:
    path = tmp_path / "many.CSV"
    path.write_text(render("gdelt2", [gdelt_row(i) for i in range(1, 12_002)]) + "short\trow\n")
    ticks: list[int] = []
    report = import_files(store, "gdelt", [path], on_rows=ticks.append)
    assert sum(ticks) == report.records == 12_002
    assert report.added == 12_001
