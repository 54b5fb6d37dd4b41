"""Importing GDELT, ICEWS and POLECAT files: mapping, bad rows, re-import, compression."""

from __future__ import annotations

import gzip
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from detente.ingest.datasets import import_files
from detente.store.database import Store


@pytest.fixture
def store() -> Store:
    return Store(":memory:")


def fetch(store: Store, sql: str) -> list[tuple[Any, ...]]:
    return store.con.execute(sql).fetchall()


def test_gdelt2_rows_map_to_events(
    store: Store,
    write_file: Callable[..., Path],
    gdelt_row: Callable[..., dict[str, str]],
    render: Callable[..., str],
) -> None:
    path = write_file(
        "a.export.CSV",
        render(
            "gdelt2",
            [
                gdelt_row(1),
                gdelt_row(
                    2,
                    EventCode="190",
                    QuadClass="4",
                    GoldsteinScale="-10.0",
                    Actor1CountryCode="RUS",
                    Actor1Code="RUSMIL",
                    Actor1Type1Code="MIL",
                ),
            ],
        ),
    )
    report = import_files(store, "gdelt", [path])
    assert (report.records, report.added, report.bad) == (2, 2, [])
    rows = fetch(
        store,
        "SELECT event_id, origin, cameo, goldstein, quad, type, source_country, "
        "source_code, source_sector, target_country, CAST(date AS VARCHAR), url "
        "FROM events ORDER BY event_id",
    )
    assert rows[0] == (
        "gdelt:1",
        "gdelt",
        "043",
        2.8,
        1,
        "CONSULT",
        "USA",
        "USAGOV",
        "GOV",
        "ROU",
        "2019-01-05",
        "https://example.org/1",
    )
    assert rows[1][2:7] == ("190", -10.0, 4, "ASSAULT", "RUS")


def test_bad_rows_are_reported_with_line_and_skipped(
    store: Store,
    write_file: Callable[..., Path],
    gdelt_row: Callable[..., dict[str, str]],
    render: Callable[..., str],
) -> None:
    text = (
        render(
            "gdelt2",
            [
                gdelt_row(1),
                gdelt_row(2, SQLDATE="2019XX05"),
                gdelt_row(3, GoldsteinScale="high"),
                gdelt_row(4, QuadClass="7"),
                gdelt_row(5),
            ],
        )
        + "too\tfew\tfields\n"
    )
    path = write_file("bad.CSV", text)
    report = import_files(store, "gdelt", [path])
    assert report.added == 2
    assert report.bad == [
        f"{path}:2: bad SQLDATE 2019XX05",
        f"{path}:3: bad GoldsteinScale high",
        f"{path}:4: bad QuadClass 7",
        f"{path}:6: 3 fields, expected 61",
    ]
    assert report.records == report.added + report.duplicates + len(report.bad)


def test_reimport_is_a_no_op_and_gz_zip_work(
    store: Store,
    tmp_path: Path,
    gdelt_row: Callable[..., dict[str, str]],
    render: Callable[..., str],
) -> None:
    text = render("gdelt2", [gdelt_row(i) for i in range(1, 6)])
    gz = tmp_path / "e.CSV.gz"
    gz.write_bytes(gzip.compress(text.encode()))
    archive = tmp_path / "e.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("e.export.CSV", text)
    assert import_files(store, "gdelt", [gz]).added == 5
    again = import_files(store, "gdelt", [archive, gz])
    assert (again.added, again.duplicates) == (0, 10)
    assert again.files[0].name == f"{archive}:e.export.CSV"
    assert store.count_events() == 5


def test_comma_reexport_with_header_and_na(
    store: Store,
    write_file: Callable[..., Path],
    gdelt_row: Callable[..., dict[str, str]],
    render: Callable[..., str],
) -> None:
    rows = [
        gdelt_row(
            7,
            Actor2Code="NA",
            Actor2Name="NA",
            Actor2CountryCode="NA",
            SOURCEURL="https://example.org/a,b",
        )
    ]
    text = (
        render("gdelt1", rows, delimiter=",", header=True)
        .replace("https://example.org/a,b", '"https://example.org/a,b"')
        .replace(",043,", ',"043",')
    )
    report = import_files(store, "gdelt", [write_file("jan.csv", text)])
    assert report.files[0].layout == "gdelt1"
    assert report.added == 1
    assert fetch(store, "SELECT cameo, target_code, target_name, url FROM events") == [
        ("043", None, None, "https://example.org/a,b")
    ]


def test_row_number_column_is_detected(
    store: Store,
    write_file: Callable[..., Path],
    gdelt_row: Callable[..., dict[str, str]],
    render: Callable[..., str],
) -> None:
    text = render("gdelt1", [gdelt_row(1), gdelt_row(2)], delimiter=",", header=True)
    lines = text.splitlines()
    text = "\n".join([lines[0], '"1",' + lines[1], '"2",' + lines[2], lines[2]]) + "\n"
    path = write_file("december.csv", text)
    report = import_files(store, "gdelt", [path])
    # A row without the leading number is still a whole row (here a repeat of event 2).
    assert (report.added, report.duplicates, report.bad) == (2, 1, [])
    assert report.files[0].notes == [
        f"{path}:2: rows have 59 fields but the header names 58: ignoring the unnamed "
        "leading column (row numbers)"
    ]


def test_tab_file_with_header(
    store: Store,
    write_file: Callable[..., Path],
    gdelt_row: Callable[..., dict[str, str]],
    render: Callable[..., str],
) -> None:
    path = write_file("h.tsv", render("gdelt2", [gdelt_row(1), gdelt_row(2)], header=True))
    report = import_files(store, "gdelt", [path])
    assert (report.files[0].layout, report.records, report.added) == ("gdelt2", 2, 2)


def test_backfile_without_sourceurl(
    store: Store,
    write_file: Callable[..., Path],
    gdelt_row: Callable[..., dict[str, str]],
    render: Callable[..., str],
) -> None:
    report = import_files(
        store, "gdelt", [write_file("1979.csv", render("gdelt1_backfile", [gdelt_row(9)]))]
    )
    assert (report.files[0].layout, report.added) == ("gdelt1_backfile", 1)


def test_icews_uses_intensity_and_quad_from_cameo(
    store: Store, write_file: Callable[..., Path], render: Callable[..., str]
) -> None:
    row = {
        "Event ID": "100",
        "Event Date": "2018-06-01",
        "Source Name": "Police (India)",
        "Source Country": "India",
        "CAMEO Code": "173",
        "Intensity": "-5",
        "Target Name": "Citizen (India)",
        "Target Country": "Russian Federation",
        "Story ID": "47",
        "Sentence Number": "2",
        "District": "NA",
    }
    bad = dict(row, **{"Event ID": "101", "CAMEO Code": "999"})
    path = write_file("e.tab", render("icews", [row, bad], header=True))
    report = import_files(store, "icews", [path])
    assert report.bad == [f"{path}:3: bad CAMEO Code 999"]
    assert fetch(
        store,
        "SELECT event_id, cameo, goldstein, quad, type, source_country, "
        "target_country, doc_id, sentence_index FROM events",
    ) == [("icews:100", "173", -5.0, 4, "COERCE", "IND", "RUS", "47", 2)]
    # Sectors come from the actor KB's reading of the name; the country stays the file's,
    # so "Citizen (India)" filed under Russia keeps RUS and gets no Indian code.
    assert fetch(
        store, "SELECT source_sector, source_code, target_sector, target_code FROM events"
    ) == [("COP", "INDCOP", "CVL", "RUSCVL")]


def test_polecat_native_plover_and_quad_names(
    store: Store, write_file: Callable[..., Path], render: Callable[..., str]
) -> None:
    base = {
        "Event Date": "2023-02-01",
        "Event Type": "accuse",
        "Event Mode": "",
        "Event Intensity": "-2.5",
        "Actor Name": "Joe Biden",
        "Actor Country": "USA",
        "Recipient Name": "Vladimir Putin",
        "Recipient Country": "RUS",
    }
    rows = [
        dict(base, **{"Event ID": "a1", "Quad Code": "Verbal Conflict"}),
        dict(base, **{"Event ID": "a2", "Quad Code": "3"}),
        dict(base, **{"Event ID": "a3", "Quad Code": "sideways"}),
    ]
    path = write_file("p.tsv", render("polecat", rows, header=True))
    report = import_files(store, "polecat", [path])
    assert report.bad == [f"{path}:4: bad Quad Code sideways"]
    assert (
        fetch(
            store,
            "SELECT type, quad, goldstein, cameo, source_country FROM events ORDER BY event_id",
        )
        == [("ACCUSE", 3, -2.5, None, "USA")] * 2
    )


def test_unknown_width_reports_every_row(store: Store, write_file: Callable[..., Path]) -> None:
    path = write_file("x.tsv", "a\tb\tc\nd\te\tf\n")
    report = import_files(store, "gdelt", [path])
    assert report.added == 0
    assert report.bad == [
        f"{path}:1: 3 fields, expected 57 or 58 or 61",
        f"{path}:2: 3 fields, expected 57 or 58 or 61",
    ]
