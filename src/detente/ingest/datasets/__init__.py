"""Importers for GDELT (1.0 and 2.0), ICEWS and POLECAT event files into the `events` table.

Imported events sit beside coded ones (origin = gdelt|icews|polecat), so timelines, shifts
and exports treat both alike. Each input file is checked row by row (bad rows reported as
`file:line: why` and skipped), staged, mapped in SQL and inserted in one transaction; the
event id is the origin plus the file's own id, so importing a file twice adds nothing.

    from detente.ingest.datasets import import_files
    report = import_files(store, "gdelt", [Path("20191024.export.CSV")])
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from detente.ingest.datasets import lookups, mapping
from detente.ingest.datasets.scan import (
    READ_ERRORS,
    Layout,
    Scan,
    open_inputs,
    quad_names,
    scan,
)
from detente.store.database import EVENT_COLUMNS, Store

DATASETS = ("gdelt", "icews", "polecat")

__all__ = ["DATASETS", "FileReport", "ImportReport", "import_files"]


@dataclass(slots=True)
class FileReport:
    name: str
    layout: str | None
    records: int  # data records in the file
    added: int
    duplicates: int  # already stored, or repeated within the file
    bad: list[str] = field(default_factory=list)  # "file:line: why"
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ImportReport:
    files: list[FileReport] = field(default_factory=list)

    @property
    def records(self) -> int:
        return sum(f.records for f in self.files)

    @property
    def added(self) -> int:
        return sum(f.added for f in self.files)

    @property
    def duplicates(self) -> int:
        return sum(f.duplicates for f in self.files)

    @property
    def bad(self) -> list[str]:
        return [message for f in self.files for message in f.bad]


def import_files(
    store: Store,
    dataset: str,
    paths: Sequence[Path],
    run_id: int | None = None,
    on_file: Callable[[FileReport], None] | None = None,
    on_rows: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import every file (plain, .gz or every member of a .zip) of one data set.

    `on_file` hears of each input once it is stored; `on_rows(n)` of rows read, every few
    thousand, for a progress bar.
    """
    if dataset not in DATASETS:
        raise ValueError(f"unknown data set {dataset!r}; expected one of {', '.join(DATASETS)}")
    con = store.con
    lookups.register_cameo(con)
    _register_quad_names(store)
    report = ImportReport()
    for path in paths:
        for result in _import_path(store, dataset, path, run_id, on_rows):
            report.files.append(result)
            if on_file is not None:
                on_file(result)
    return report


def _import_path(
    store: Store,
    dataset: str,
    path: Path,
    run_id: int | None,
    on_rows: Callable[[int], None] | None,
) -> Iterator[FileReport]:
    """One report per input in `path`; a zip that cannot be opened is one bad input."""
    inputs = open_inputs(path)
    while True:
        try:
            item = next(inputs, None)
        except READ_ERRORS as exc:  # raised on opening: no member was read
            yield FileReport(str(path), None, 0, 0, 0, [f"{path}: cannot read: {exc}"])
            return
        if item is None:
            return
        name, stream = item
        with tempfile.NamedTemporaryFile(
            "w", suffix=".csv", encoding="utf-8", newline="", delete=False
        ) as staging:
            found = scan(stream, name, dataset, staging, on_rows)
        try:
            yield _load(store, dataset, found, staging.name, run_id)
        finally:
            os.unlink(staging.name)


def _register_quad_names(store: Store) -> None:
    store.con.execute("CREATE OR REPLACE TEMP TABLE quad_names (name VARCHAR, quad TINYINT)")
    store.con.executemany("INSERT INTO quad_names VALUES (?, ?)", list(quad_names().items()))


def _load(store: Store, dataset: str, found: Scan, staging: str, run_id: int | None) -> FileReport:
    result = FileReport(
        found.name,
        found.layout.name if found.layout else None,
        found.records,
        0,
        0,
        list(found.bad),
        list(found.notes),
    )
    if found.layout is None or found.good == 0:
        return result
    con = store.con
    _stage(store, found.layout, staging, found.quoted)
    values = {
        row[0]
        for column in mapping.country_columns(dataset, found.layout.columns)
        for row in con.execute(f"SELECT DISTINCT {mapping.q(column)} FROM staged").fetchall()
    }
    lookups.register_mapping(con, "country_map", values, lookups.country_of)
    names = mapping.NAME_COLUMNS.get(dataset, ())
    if names:
        row = con.execute('SELECT CAST(max(TRY_CAST("Event Date" AS DATE)) AS VARCHAR) FROM staged')
        latest = row.fetchone()
        distinct = {
            r[0]
            for column in names
            for r in con.execute(f"SELECT DISTINCT {mapping.q(column)} FROM staged").fetchall()
        }
        lookups.register_actors(con, distinct, latest[0] if latest else None)
    if dataset == "icews":
        codes = [r[0] for r in con.execute('SELECT DISTINCT "CAMEO Code" FROM staged').fetchall()]
        lookups.register_mapping(con, "cameo_norm", codes, lookups.normalise_cameo)
    columns = ", ".join(mapping.q(c) for c in EVENT_COLUMNS)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE mapped AS "
            + mapping.select_sql(dataset, found.layout.columns, run_id)
        )
        bad_rows = con.execute(
            "SELECT _line, _reason FROM mapped WHERE _reason IS NOT NULL ORDER BY _line"
        ).fetchall()
        inserted = con.execute(
            f"INSERT INTO events ({columns}) SELECT {columns} FROM ("
            "SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY _line) AS _n "
            "FROM mapped WHERE _reason IS NULL) AS fresh "
            "WHERE _n = 1 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = fresh.event_id)"
        ).fetchone()
        con.execute("DROP TABLE mapped")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        con.execute("DROP TABLE IF EXISTS staged")
    result.bad.extend(f"{found.name}:{line}: {reason}" for line, reason in bad_rows)
    prefix = len(found.name) + 1
    result.bad.sort(key=lambda message: int(message[prefix:].split(":", 1)[0]))
    result.added = int(inserted[0]) if inserted else 0
    result.duplicates = found.good - len(bad_rows) - result.added
    return result


def _stage(store: Store, layout: Layout, staging: str, quoted: bool) -> None:
    """Read the staging file with every column VARCHAR: no type sniffing, codes keep zeros."""
    names = ("_line", *layout.columns)
    spec = ", ".join("'" + n.replace("'", "''") + "': 'VARCHAR'" for n in names)
    dialect = (
        "delim = ',', quote = '\"', escape = '\"'"
        if quoted
        else "delim = '\\t', quote = '', escape = ''"
    )
    store.con.execute(
        "CREATE OR REPLACE TEMP TABLE staged AS SELECT * FROM read_csv(?, "
        f"columns = {{{spec}}}, header = false, {dialect}, "
        "auto_detect = false, nullstr = '', new_line = '\\n')",
        [staging],
    )
