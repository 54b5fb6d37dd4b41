"""From the paths a user names to a stream of Documents: folders, gzip, stdin, formats.

Folders are walked recursively in name order, skipping hidden entries and files whose
extension names no known format (a folder of news often holds images and notes too). A file
named explicitly with an unknown extension, and stdin, are sniffed from their first bytes.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO, cast

from detente.ingest.base import Reporter
from detente.ingest.decode import Input, InputError, looks_binary
from detente.ingest.htmltext import read_html
from detente.ingest.records import read_csv, read_jsonl
from detente.ingest.text import read_plain
from detente.model import Document

STDIN = "-"
STDIN_NAME = "<stdin>"
SUFFIX_FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
}
Reader = Callable[[Input, Reporter], Iterator[Document]]
READERS: dict[str, Reader] = {
    "txt": read_plain,
    "md": partial(read_plain, markdown=True),
    "html": read_html,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "tsv": partial(read_csv, delimiter="\t"),
}
# Errors a damaged gzip member or a vanished file raises part-way through reading.
_READ_ERRORS = (OSError, EOFError, zlib.error)


@dataclass(slots=True)
class FileCounts:
    read: int = 0
    skipped: int = 0


def format_of(name: str) -> str | None:
    """The format a file name announces ("x.jsonl.gz" -> "jsonl"), None when it does not."""
    path = Path(name.lower())
    if path.suffix == ".gz":
        path = Path(path.stem)
    return SUFFIX_FORMATS.get(path.suffix)


def sniff(head: bytes, text_fields: Sequence[str] = ("text",)) -> str:
    """Guess a format from the first bytes: JSON object, markup, a header row, else text."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<"):
        return "html"
    first_line = start.split(b"\n", 1)[0].decode("utf-8", "replace").lower()
    wanted = {name.lower() for name in text_fields}
    for delimiter, fmt in (("\t", "tsv"), (",", "csv")):
        columns = {cell.strip().strip('"') for cell in first_line.split(delimiter)}
        if delimiter in first_line and columns & wanted:
            return fmt
    return "txt"


def display_name(name: str) -> str:
    """A path as text that can be printed and stored: undecodable bytes in a file name
    (which Python keeps as lone surrogates) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def iter_files(path: Path, on_error: Callable[[OSError], None] | None = None) -> Iterator[Path]:
    """Files under a folder with a known format, depth first in name order."""
    for root, dirs, files in os.walk(path, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and format_of(name) is not None:
                yield Path(root) / name


def read_paths(
    paths: Sequence[str],
    reporter: Reporter,
    counts: FileCounts,
    stdin: BinaryIO | None = None,
) -> Iterator[Document]:
    """Every document in `paths`, in order; problems go to the reporter, never raise."""
    for name in paths:
        if name == STDIN:
            if stdin is None:
                reporter.skip(STDIN_NAME, "standard input is not available")
                counts.skipped += 1
                continue
            fmt = reporter.options.stdin_format
            yield from _read(lambda: stdin, STDIN_NAME, fmt, reporter, counts, owned=False)
            continue
        path = Path(name)
        if path.is_dir():
            for file in iter_files(path, partial(_unreadable_folder, reporter, counts)):
                yield from _read_file(file, reporter, counts)
        elif path.exists():
            yield from _read_file(path, reporter, counts)
        else:
            reporter.skip(display_name(name), "no such file or directory")
            counts.skipped += 1


def _read_file(path: Path, reporter: Reporter, counts: FileCounts) -> Iterator[Document]:
    def opener() -> BinaryIO:
        if path.suffix.lower() == ".gz":
            return cast(BinaryIO, gzip.open(path, "rb"))
        return open(path, "rb")

    yield from _read(opener, display_name(str(path)), format_of(path.name), reporter, counts)


def _read(
    opener: Callable[[], BinaryIO],
    name: str,
    fmt: str | None,
    reporter: Reporter,
    counts: FileCounts,
    owned: bool = True,
) -> Iterator[Document]:
    """Open, check and read one input; a failure skips the file (or, part-way, its rest)."""
    raw: BinaryIO | None = None
    source: Input | None = None
    opened = False
    try:
        raw = opener()
        source = Input.from_stream(name, raw, owned)
        if looks_binary(source.head):
            raise InputError("binary file (not text)")
        reader = READERS[fmt or sniff(source.head, reporter.options.fields.text)]
        opened = True
        counts.read += 1
        yield from reader(source, reporter)
    except (InputError, *_READ_ERRORS) as exc:
        if opened and not isinstance(exc, InputError):  # part-way: earlier documents stand
            reporter.skip(name, f"stopped part-way: {_reason(exc)}")
        else:
            counts.read -= int(opened)
            counts.skipped += 1
            reporter.skip(name, _reason(exc))
    finally:
        if source is not None:
            source.close()
        elif raw is not None and owned:
            raw.close()


def _unreadable_folder(reporter: Reporter, counts: FileCounts, exc: OSError) -> None:
    counts.skipped += 1
    reporter.skip(display_name(str(exc.filename)), _reason(exc))


def _reason(exc: BaseException) -> str:
    if isinstance(exc, gzip.BadGzipFile):
        return f"not a valid gzip file ({exc})"
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read: {exc.strerror.lower()}"
    if isinstance(exc, InputError):
        return str(exc)
    return f"cannot read: {exc or type(exc).__name__}"
