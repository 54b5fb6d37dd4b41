"""Property tests: whatever a file holds, the importer accounts for every row and never crashes."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from detente.ingest.datasets import import_files
from detente.ingest.datasets.scan import layouts
from detente.store.database import Store

GDELT2 = layouts()["gdelt2"].columns
ICEWS = layouts()["icews"].columns

field_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "NA", "043", "20190105", "-10.0", "1", "\t", '"', "a,b", "\n", "\x00"]),
)


def valid_gdelt(event_id: int) -> list[str]:
    row = [""] * len(GDELT2)
    row[GDELT2.index("GLOBALEVENTID")] = str(event_id)
    row[GDELT2.index("SQLDATE")] = "20190105"
    return row


gdelt_rows = st.lists(
    st.one_of(
        st.builds(valid_gdelt, st.integers(0, 5)),
        st.lists(field_text, min_size=len(GDELT2), max_size=len(GDELT2)),
        st.lists(field_text, min_size=1, max_size=len(GDELT2) + 2),
    ),
    max_size=8,
)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(dataset: str, path: Path) -> None:
    with Store(":memory:") as store:
        report = import_files(store, dataset, [path])
        for result in report.files:
            assert result.records == result.added + result.duplicates + len(result.bad)
            for message in result.bad:
                line = message[len(result.name) + 1 :].split(":", 1)[0]
                assert line.isdigit(), message
        assert store.count_events() == report.added


@SETTINGS
@given(gdelt_rows)
def test_tab_files_never_lose_rows(rows: list[list[str]]) -> None:
    text = "".join("\t".join(row) + "\n" for row in rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.export.CSV"
        path.write_text(text, encoding="utf-8")
        check("gdelt", path)


@SETTINGS
@given(st.lists(st.lists(field_text, min_size=len(ICEWS) - 1, max_size=len(ICEWS) + 1), max_size=8))
@example([["2", *[""] * (len(ICEWS) - 3), "0", "\r\n"], ["x\ry", *["\n"] * (len(ICEWS) - 1)]])
def test_quoted_csv_files_never_lose_rows(rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ICEWS)
    writer.writerows(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "icews.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        check("icews", path)


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "junk.tsv"
        path.write_bytes(data)
        check("polecat", path)


def test_valid_rows_among_junk_are_kept() -> None:
    rows = [valid_gdelt(1), ["junk"] * 3, valid_gdelt(2)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.CSV"
        path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
        with Store(":memory:") as store:
            report = import_files(store, "gdelt", [path])
            assert (report.added, report.bad) == (2, [f"{path}:2: 3 fields, expected 61"])
