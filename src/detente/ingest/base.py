"""What every reader shares: options, the issue channel, and turning raw fields into Documents.

Readers never raise on bad input and never print: each problem becomes an `Issue` sent to the
caller's sink, so the CLI, the notebook API and the tests decide how to show or count them.
An issue is either a skip (an input or record was not ingested) or a warning (it was
ingested with a fallback, e.g. an unreadable date or a legacy encoding).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from detente.ingest.dates import normalise_date
from detente.model import Document


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem with one input, located as "file:line" (or just the file)."""

    origin: str
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


IssueSink = Callable[[Issue], None]


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which record fields (JSONL keys, CSV columns) hold each Document field.

    Each entry lists candidate names, tried in order and then case-insensitively; a JSON
    name may be a dotted path into nested objects ("article.body").
    """

    text: Sequence[str] = ("text",)
    id: Sequence[str] = ("id",)
    title: Sequence[str] = ("title",)
    date: Sequence[str] = ("date", "published")
    source: Sequence[str] = ("source",)
    url: Sequence[str] = ("url",)


# JSON may escape half of a surrogate pair ("\\ud800"); such text cannot be encoded or stored.
_SURROGATE = re.compile("[\ud800-\udfff]")

STDIN_FORMATS = ("jsonl", "csv", "txt", "html")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Settings for one ingest: fallbacks for missing metadata and field names."""

    source: str | None = None  # used when a document names no source
    date: str | None = None  # ISO day used when a document has no readable date
    fields: FieldMap = field(default_factory=FieldMap)
    stdin_format: str | None = None  # one of STDIN_FORMATS; None = sniff


class Reporter:
    """The issue channel plus the rules that turn a reader's raw fields into a Document."""

    def __init__(self, options: ReadOptions, sink: IssueSink):
        self.options = options
        self.sink = sink

    def skip(self, origin: str, message: str) -> None:
        self.sink(Issue(origin, message, skipped=True))

    def warn(self, origin: str, message: str) -> None:
        self.sink(Issue(origin, message, skipped=False))

    def document(
        self,
        origin: str,
        text: object,
        *,
        id: object = None,
        title: object = None,
        date: object = None,
        source: object = None,
        url: object = None,
        date_origin: str | None = None,
    ) -> Document | None:
        """A Document, or None (and a skip issue) when there is no usable text.

        An unreadable date is a warning at `date_origin` (default: `origin`) and the document
        keeps the --date fallback; a missing one silently takes the fallback.
        """
        if not isinstance(text, str):
            reason = "no text" if text is None else f"text is not a string ({type(text).__name__})"
            self.skip(origin, reason)
            return None
        body = text.strip()
        if not body:
            self.skip(origin, "empty document")
            return None
        if _SURROGATE.search(body):
            self.warn(origin, "invalid Unicode escape (lone surrogate) replaced by U+FFFD")
            body = _SURROGATE.sub("\ufffd", body)
        return Document(
            text=body,
            id=_scalar(id),
            title=_scalar(title),
            date=self._date(date, date_origin or origin),
            source=_scalar(source) or _scalar(self.options.source),
            url=_scalar(url),
            origin=origin,
        )

    def _date(self, value: object, origin: str) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return self.options.date
        parsed = normalise_date(value)
        if parsed is None:
            fallback = f"; using {self.options.date}" if self.options.date else ""
            self.warn(origin, f"unparseable date {_shorten(str(value))!r}{fallback}")
            return self.options.date
        return parsed

    def field(self, record: Mapping[str, object], names: Sequence[str]) -> object:
        """The first of `names` present in `record` (exact, dotted path, then any case)."""
        for name in names:
            if name in record:
                return record[name]
            value = _dotted(record, name)
            if value is not None:
                return value
        lowered = {key.lower(): key for key in record if isinstance(key, str)}
        for name in names:
            key = lowered.get(name.lower())
            if key is not None:
                return record[key]
        return None

    def from_record(self, origin: str, record: Mapping[str, object]) -> Document | None:
        """A Document from one JSONL object or CSV row, through the field map."""
        fields = self.options.fields
        text = self.field(record, fields.text)
        if text is None:
            self.skip(origin, f"no text field ({' or '.join(map(repr, fields.text))})")
            return None
        return self.document(
            origin,
            text,
            id=self.field(record, fields.id),
            title=self.field(record, fields.title),
            date=self.field(record, fields.date),
            source=self.field(record, fields.source),
            url=self.field(record, fields.url),
        )


def _dotted(record: Mapping[str, object], path: str) -> object:
    if "." not in path:
        return None
    value: object = record
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _scalar(value: object) -> str | None:
    """Metadata as a string: numbers become text (ids often are), empties and objects None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | str):
        text = _SURROGATE.sub("\ufffd", str(value)).strip()
        return text or None
    return None


def _shorten(text: str, limit: int = 60) -> str:
    """A value quoted in a message: bounded, and printable whatever the input held."""
    text = _SURROGATE.sub("\ufffd", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
