"""Plain-text and Markdown documents, one per file, with optional front matter.

Front matter is the simple `key: value` block between two `---` lines at the top of a file,
as static-site generators write it; only title, date, source, url and id are read, so no
YAML parser is needed and a malformed block cannot fail the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detente.ingest.base import Reporter
from detente.ingest.decode import Input, read_text
from detente.model import Document

FRONT_MATTER_KEYS = ("title", "date", "source", "url", "id")
_MAX_FRONT_MATTER_LINES = 100
_FENCE = re.compile(r"---\s*")
_KEY_VALUE = re.compile(r"([A-Za-z_][\w.-]*)\s*:\s*(.*)")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)


def read_plain(source: Input, reporter: Reporter, markdown: bool = False) -> Iterator[Document]:
    """The file as one Document; Markdown heading marks are dropped and the first heading
    becomes the title when the front matter gives none."""
    text = read_text(source, reporter).replace("\r\n", "\n").replace("\r", "\n")
    meta, body, lines_used = split_front_matter(text)
    if markdown:
        first_heading = _HEADING.search(body)
        if first_heading and "title" not in meta:
            meta["title"] = (first_heading.group(1), 0)
        body = _HEADING.sub(r"\1", body)
    date_value, date_line = meta.get("date", (None, 0))
    document = reporter.document(
        f"{source.name}:{lines_used + 1}",
        body,
        id=meta.get("id", (None, 0))[0],
        title=meta.get("title", (None, 0))[0],
        date=date_value,
        source=meta.get("source", (None, 0))[0],
        url=meta.get("url", (None, 0))[0],
        date_origin=f"{source.name}:{date_line}" if date_line else None,
    )
    if document is not None:
        yield document


def split_front_matter(text: str) -> tuple[dict[str, tuple[str, int]], str, int]:
    """(known keys -> (value, 1-based line), body, number of lines the block used)."""
    lines = text.split("\n")
    if not lines or not _FENCE.fullmatch(lines[0]):
        return {}, text, 0
    for end in range(1, min(len(lines), _MAX_FRONT_MATTER_LINES + 1)):
        if _FENCE.fullmatch(lines[end]):
            break
    else:
        return {}, text, 0
    meta: dict[str, tuple[str, int]] = {}
    for number in range(1, end):
        match = _KEY_VALUE.fullmatch(lines[number].strip())
        if match and match.group(1).lower() in FRONT_MATTER_KEYS:
            meta[match.group(1).lower()] = (_unquote(match.group(2)), number + 1)
    return meta, "\n".join(lines[end + 1 :]), end + 1


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value
