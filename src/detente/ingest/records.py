"""Record formats: JSON Lines and CSV/TSV, one document per line or row.

Both stream: a line is decoded, parsed and turned into a Document before the next is read.
Field names come from the options' FieldMap (`--text-field body` and friends).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator

from detente.ingest.base import Reporter
from detente.ingest.decode import Input, read_lines
from detente.model import Document

# News articles exceed the csv module's default 128 KiB field limit; a C long bounds it.
_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)


def read_jsonl(source: Input, reporter: Reporter) -> Iterator[Document]:
    """One JSON object per line; blank lines are ignored."""
    for number, line in read_lines(source, reporter):
        if not line.strip():
            continue
        origin = f"{source.name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            reporter.skip(origin, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            reporter.skip(origin, "invalid JSON: nested too deeply")
            continue
        except ValueError as exc:  # e.g. an integer beyond Python's digit limit
            reporter.skip(origin, f"invalid JSON: {exc}")
            continue
        if not isinstance(record, dict):
            reporter.skip(origin, f"expected a JSON object, found {_json_kind(record)}")
            continue
        document = reporter.from_record(origin, record)
        if document is not None:
            yield document


def read_csv(source: Input, reporter: Reporter, delimiter: str = ",") -> Iterator[Document]:
    """A header row naming the fields, then one document per row; blank rows are ignored."""
    csv.field_size_limit(_FIELD_LIMIT)
    lines = _Lines(read_lines(source, reporter))
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    header: list[str] | None = None
    while True:
        lines.fresh = True
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            reporter.skip(f"{source.name}:{lines.first}", f"invalid CSV: {exc}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [name.strip() for name in row]
            continue
        origin = f"{source.name}:{lines.first}"
        if len(row) != len(header):
            reporter.skip(origin, f"expected {len(header)} fields, found {len(row)}")
            continue
        document = reporter.from_record(origin, dict(zip(header, row, strict=True)))
        if document is not None:
            yield document


class _Lines:
    """Feeds csv.reader and remembers where the current row began (rows may span lines)."""

    def __init__(self, numbered: Iterator[tuple[int, str]]):
        self._numbered = numbered
        self.first = 0
        self.fresh = True

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        number, line = next(self._numbered)
        if self.fresh:
            self.first, self.fresh = number, False
        return line


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    return f"a {type(value).__name__}"
