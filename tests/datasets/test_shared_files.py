"""The real GDELT and ICEWS files in ../shared import completely and faithfully."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from detente.ingest.datasets import import_files
from detente.store.database import Store

pytestmark = pytest.mark.shared


def file_values(
    path: Path,
    delimiter: str,
    header: bool,
    id_col: int,
    gold_col: int,
    quad_col: int | None,
    lead: int = 0,
) -> dict[str, tuple[float, int | None]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(
            csv.reader(
                handle,
                delimiter=delimiter,
                quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL,
            )
        )
    values = {}
    for row in rows[1 if header else 0 :]:
        row = row[lead:]
        quad = int(row[quad_col]) if quad_col is not None else None
        values.setdefault(row[id_col], (float(row[gold_col]), quad))
    return values


def stored(store: Store, origin: str) -> dict[str, tuple[float, int | None]]:
    rows = store.con.execute(
        "SELECT event_id, goldstein, quad FROM events WHERE origin = ?", [origin]
    ).fetchall()
    return {event_id.split(":", 1)[1]: (gold, quad) for event_id, gold, quad in rows}


def data_lines(path: Path) -> int:
    with open(path, encoding="utf-8") as handle:
        return sum(1 for line in handle if line.strip())


def test_gdelt2_export(shared_data: Path) -> None:
    path = shared_data / "gdelt" / "gdelt2_20191024143000.export.CSV"
    with Store(":memory:") as store:
        report = import_files(store, "gdelt", [path])
        assert (report.records, report.added, report.bad) == (2111, 2111, [])
        assert stored(store, "gdelt") == file_values(path, "\t", False, 0, 30, 29)
        codes = store.con.execute("SELECT count(*) FROM events WHERE cameo LIKE '0%'").fetchone()
        assert codes is not None and codes[0] > 0  # leading zeros kept


def test_gdelt1_georgia_monthly(shared_data: Path) -> None:
    folder = shared_data / "gdelt" / "gdelt1_georgia_monthly"
    files = sorted(folder.glob("*.csv"))
    assert len(files) == 12
    with Store(":memory:") as store:
        report = import_files(store, "gdelt", files)
        for path, result in zip(files, report.files, strict=True):
            assert result.records == data_lines(path) - 1, path.name
            assert result.added + result.duplicates == result.records
            assert result.bad == []
        assert report.records == 55044
        december = report.files[files.index(folder / "december12.csv")]
        assert december.notes and "december12.csv:2: rows have 59 fields" in december.notes[0]
        expected: dict[str, tuple[float, int | None]] = {}
        for path in files:
            lead = 1 if path.name == "december12.csv" else 0
            # One GLOBALEVENTID occurs in two files; the first file imported keeps it.
            for key, value in file_values(path, ",", True, 0, 30, 29, lead).items():
                expected.setdefault(key, value)
        assert stored(store, "gdelt") == expected


def test_icews_sample(shared_data: Path) -> None:
    path = shared_data / "icews" / "icews_events.2018.sample.tab"
    with Store(":memory:") as store:
        report = import_files(store, "icews", [path])
        assert (report.records, report.added, report.bad) == (3705, 3705, [])
        values = {k: v[0] for k, v in file_values(path, "\t", True, 0, 7, None).items()}
        assert {k: v[0] for k, v in stored(store, "icews").items()} == values
        # Every country name ICEWS gives resolves to a code; only its "NA"s stay empty.
        with open(path, encoding="utf-8") as handle:
            no_country = sum(1 for line in handle if line.split("\t")[4] == "NA")
        empty = store.con.execute(
            "SELECT count(*) FROM events WHERE source_country IS NULL"
        ).fetchone()
        assert empty == (no_country,)
        quads = store.con.execute("SELECT count(*) FROM events WHERE quad IS NULL").fetchone()
        assert quads == (0,)
