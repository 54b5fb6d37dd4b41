"""Opening inputs and turning their bytes into text without ever raising on bad content.

Text is tried as UTF-8 (with or without a byte-order mark), then UTF-16 when it starts with
that mark, then cp1252 (latin-1 for the five bytes cp1252 leaves undefined), with a warning:
legacy Windows exports are the usual source of non-UTF-8 news files. A NUL byte or a sample
that is neither UTF-8 nor mostly printable marks a file as binary, and it is skipped.
Line-oriented formats (JSONL, CSV) are decoded a line at a time so memory stays flat.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from detente.ingest.base import Reporter

SAMPLE_BYTES = 8192
MAX_DOCUMENT_BYTES = 64 * 2**20  # a single txt/html document larger than this is skipped
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class InputError(Exception):
    """A whole input that cannot be read; the message is shown after its name."""


@dataclass(slots=True)
class Input:
    """One opened input: its name for messages, a sample of its start and the full stream."""

    name: str
    head: bytes
    stream: BinaryIO

    @classmethod
    def from_stream(cls, name: str, raw: BinaryIO, owned: bool = True) -> Input:
        """Read the sample, then give back a stream that still starts at the first byte.

        Closing the Input closes `raw` only when `owned` (a file it opened, not stdin)."""
        head = raw.read(SAMPLE_BYTES)
        stream = io.BufferedReader(_Prefixed(head, raw, owned), buffer_size=1 << 16)
        return cls(name, head, stream)

    def close(self) -> None:
        self.stream.close()


class _Prefixed(io.RawIOBase):
    """The already-read sample followed by the rest of a stream that cannot seek (stdin)."""

    def __init__(self, head: bytes, rest: BinaryIO, owned: bool):
        self._head = memoryview(head)
        self._rest = rest
        self._owned = owned

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if self._owned:
            self._rest.close()
        super().close()


def looks_binary(sample: bytes) -> bool:
    """True for content that is not text in any encoding detente reads."""
    if sample.startswith(_UTF16_BOMS):
        return False
    if b"\x00" in sample:
        return True
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        controls = sum(1 for byte in sample if byte in _CONTROL)
        return controls > len(sample) // 20
    return False


def read_text(source: Input, reporter: Reporter, declared: str | None = None) -> str:
    """The whole input as text (one-document formats); InputError when it is not text.

    `declared` is the encoding the content names for itself (an HTML page's charset); it is
    used, without a warning, when the bytes are not UTF-8."""
    data = source.stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(f"larger than {MAX_DOCUMENT_BYTES // 2**20} MiB; not one document")
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16: {exc.reason}") from exc
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes)")
    text, problem = _decode(data.removeprefix(codecs.BOM_UTF8))
    if problem is not None and declared is not None:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    if problem is not None:
        offset, encoding = problem
        line = data.count(b"\n", 0, offset) + 1
        reporter.warn(f"{source.name}:{line}", f"not valid UTF-8; read as {encoding}")
    return text


def read_lines(source: Input, reporter: Reporter) -> Iterator[tuple[int, str]]:
    """Numbered lines (1-based, with their line ends); bad lines are reported and skipped."""
    if source.head.startswith(_UTF16_BOMS):
        wrapper = io.TextIOWrapper(source.stream, encoding="utf-16", newline="")
        for number, line in enumerate(wrapper, start=1):
            yield number, line
        return
    warned = False
    for number, raw in enumerate(source.stream, start=1):
        data = raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw
        if b"\x00" in data:
            reporter.skip(f"{source.name}:{number}", "binary data (NUL byte)")
            continue
        text, problem = _decode(data)
        if problem is not None and not warned:
            warned = True
            reporter.warn(f"{source.name}:{number}", f"not valid UTF-8; read as {problem[1]}")
        yield number, text


def _decode(data: bytes) -> tuple[str, tuple[int, str] | None]:
    """Text and, when UTF-8 failed, (byte offset of the first bad byte, encoding used)."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        offset = exc.start
    try:
        return data.decode("cp1252"), (offset, "cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1"), (offset, "latin-1")
