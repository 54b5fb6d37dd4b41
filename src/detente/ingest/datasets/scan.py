"""Pass one over a data-set file: decide its layout, check every row's shape, stage good rows.

DuckDB reads well-formed files fast but, told to skip bad rows, it cannot say which physical
lines they were once quoting and compression are involved. So a quick Python pass counts the
fields of each record, reports the misshapen ones as `file:line`, and writes the rest, each
prefixed with its line number, to a plain staging CSV that DuckDB then reads with every column
typed VARCHAR (codes keep their leading zeros). Values are checked later, in SQL, where the
line number travels with the row.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any, cast

import yaml

csv.field_size_limit(sys.maxsize)

# What a damaged archive raises while it is read: a bad gzip header or deflate stream, a file
# cut short, a zip member failing its CRC.
READ_ERRORS: tuple[type[Exception], ...] = (OSError, EOFError, zlib.error, zipfile.BadZipFile)


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    dataset: str
    columns: tuple[str, ...]


@cache
def _data() -> dict[str, Any]:
    text = resources.files("detente.ingest.datasets").joinpath("data/layouts.yaml").read_text()
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def quad_names() -> dict[str, int]:
    """QuadClass by its name, lower case ("verbal cooperation" -> 1)."""
    return {str(k): int(v) for k, v in _data()["quad_names"].items()}


@cache
def layouts() -> dict[str, Layout]:
    """Known layouts from data/layouts.yaml (facts about the public formats)."""
    data = _data()
    return {
        name: Layout(name, spec["dataset"], tuple(spec["columns"]))
        for name, spec in data["layouts"].items()
    }


def layouts_for(dataset: str) -> dict[int, Layout]:
    """Field count -> layout, for one data set (GDELT has three widths)."""
    return {len(lay.columns): lay for lay in layouts().values() if lay.dataset == dataset}


@dataclass(slots=True)
class Scan:
    """What pass one learnt about one input (a file, or one member of a zip)."""

    name: str
    layout: Layout | None = None
    records: int = 0  # data records seen (header excluded)
    good: int = 0
    bad: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    quoted: bool = True  # staged as quoted CSV (comma input); tab input is staged as TSV


def open_inputs(path: Path) -> Iterator[tuple[str, IO[str]]]:
    """(display name, text stream) for a plain, .gz or .zip file; undecodable bytes replaced."""
    suffix = path.suffix.lower()
    if suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                if member.is_dir():
                    continue
                with archive.open(member) as raw:
                    yield f"{path}:{member.filename}", _text(raw)
        return
    if suffix == ".gz":
        with gzip.open(path, "rb") as raw:
            yield str(path), _text(cast(IO[bytes], raw))
        return
    with open(path, "rb") as raw:
        yield str(path), _text(raw)


def _text(raw: IO[bytes]) -> IO[str]:
    return io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")


def _records(lines: Iterator[str], delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(first physical line number, fields) per record; tab files have no quoting (GDELT)."""
    if delimiter == "\t":
        for number, line in enumerate(lines, start=1):
            line = line.rstrip("\r\n")
            if line.strip():
                yield number, line.split("\t")
        return
    reader = csv.reader(lines, delimiter=delimiter, quotechar='"', strict=False)
    start = 1
    try:
        for fields in reader:
            if any(f.strip() for f in fields):
                yield start, fields
            start = reader.line_num + 1
    except csv.Error as exc:  # e.g. NUL byte: the rest of the file cannot be split reliably
        yield start, [f"\x00unreadable: {exc}"]


def _is_header(fields: list[str], dataset: str) -> bool:
    known = {c.lower() for lay in layouts().values() if lay.dataset == dataset for c in lay.columns}
    named = sum(1 for f in fields if f.strip().strip('"').lower() in known)
    return named >= max(2, len(fields) // 2)


# Rows between two calls of scan's on_rows (a progress bar need not hear of every row).
ROWS_PER_TICK = 5000


def scan(
    stream: IO[str],
    name: str,
    dataset: str,
    staging: IO[str],
    on_rows: Callable[[int], None] | None = None,
) -> Scan:
    """Check one input and append its good rows (line number first) to `staging`.

    GDELT's width (57, 58 or 61 fields) is taken from the header, else from the first row.
    A header one field short of every row (R's write.csv row names) is detected: the extra
    leading field is dropped and a note says so.
    """
    result = Scan(name)
    lines = _NumberedLines(stream)
    try:
        _scan_records(lines, result, dataset, staging, on_rows)
    except READ_ERRORS as exc:
        # Rows before the damage are kept (staged already); the rest cannot be reached.
        what = "cannot read further" if lines.number else "cannot read"
        result.bad.append(f"{name}:{lines.number + 1}: {what}: {_why(exc)}")
    if on_rows is not None:
        on_rows(result.records % ROWS_PER_TICK)
    return result


def _why(exc: Exception) -> str:
    if isinstance(exc, EOFError):
        return "the file is cut short"
    return str(exc) or type(exc).__name__


class _NumberedLines:
    """The stream's lines, counting them, so a read error can say where the damage starts."""

    def __init__(self, stream: IO[str]):
        self._stream = stream
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        for line in self._stream:
            self.number += 1
            yield line


def _scan_records(
    lines: _NumberedLines,
    result: Scan,
    dataset: str,
    staging: IO[str],
    on_rows: Callable[[int], None] | None,
) -> None:
    name = result.name
    widths = layouts_for(dataset)
    numbered = iter(lines)
    first = next(numbered, "")
    delimiter = "\t" if "\t" in first or "," not in first else ","
    rest = _records(itertools.chain([first], numbered), delimiter)
    writer = csv.writer(staging, lineterminator="\n")
    null_na = delimiter == "," or dataset != "gdelt"
    tabbed = delimiter == "\t"
    result.quoted = not tabbed
    drop_lead = False
    expected: int | None = None
    for number, fields in rest:
        if expected is None:
            if _is_header(fields, dataset):
                expected = len(fields) if len(fields) in widths else None
                if expected is None:
                    result.bad.append(
                        f"{name}:{number}: header has {len(fields)} columns, "
                        f"expected {_widths(widths)} for {dataset}"
                    )
                    return
                result.layout = widths[expected]
                peek = next(rest, None)
                if peek is None:
                    return
                if len(peek[1]) == expected + 1:
                    drop_lead = True
                    result.notes.append(
                        f"{name}:{peek[0]}: rows have {expected + 1} fields but the header "
                        f"names {expected}: ignoring the unnamed leading column (row numbers)"
                    )
                number, fields = peek
            elif len(fields) in widths:
                expected = len(fields)
                result.layout = widths[expected]
        result.records += 1
        if on_rows is not None and result.records % ROWS_PER_TICK == 0:
            on_rows(ROWS_PER_TICK)
        if drop_lead and len(fields) == (expected or 0) + 1:
            fields = fields[1:]
        if expected is None or len(fields) != expected:
            result.bad.append(
                f"{name}:{number}: {len(fields)} fields, expected "
                f"{expected if expected is not None else _widths(widths)}"
            )
            continue
        if null_na:
            fields = ["" if f == "NA" else f for f in fields]
        if tabbed:  # fields of a tab file hold no tab or line break: no quoting needed
            staging.write(f"{number}\t" + "\t".join(fields) + "\n")
        else:
            writer.writerow([number, *fields])
        result.good += 1


def _widths(widths: dict[int, Layout]) -> str:
    return " or ".join(str(w) for w in sorted(widths))
