"""Readers for the public gold sets, each into the one `GoldItem` shape the scorers use.

Gold files are opened, decoded and split into lines or records by the ingest layer
(`detente.ingest.decode`, `detente.ingest.records`), so a gold file in a legacy encoding, with
a NUL byte or a broken CSV quote behaves exactly as a news file would. A file that cannot be
read at all (missing, binary, invalid UTF-16, no column a format needs) is a `GoldFileError`,
one line naming it; a malformed line or record is reported to `warn` as `file:line: reason`
and skipped. A reading fallback that keeps the line (cp1252 instead of UTF-8) is reported
with WARNING_SUFFIX, as `detente ingest` does, so callers can count real skips apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from detente.evaluate.labels import legacy_plover
from detente.evaluate.metrics import Span
from detente.ingest.base import Issue, ReadOptions, Reporter
from detente.ingest.decode import Input, looks_binary, read_lines
from detente.ingest.records import read_csv, read_jsonl
from detente.ingest.sources import display_name
from detente.model import Document

Warn = Callable[[str], None]
Record = Mapping[str, object]
T = TypeVar("T")
MakeRecord = Callable[[Reporter, str, Record], T | None]

# plv-standoff: PLV labels as offsets into a corpus (`evaluate.standoff`), scored as plv.
STANDOFF_FORMAT = "plv-standoff"
FORMATS = (
    "plv",
    STANDOFF_FORMAT,
    "plover-gsr",
    "conflibert-cameo",
    "conflibert-ner",
    "petrarch",
    "actors",
)
WARNING_SUFFIX = " (warning)"

# JSON may escape half of a surrogate pair ("\ud800"); such a string cannot be written out
# (--errors, --json), so gold codes and mentions get U+FFFD in its place, as ingested text does.
_SURROGATE = re.compile("[\ud800-\udfff]")


class GoldFileError(ValueError):
    """The gold file cannot be evaluated (missing, unreadable, empty, or no readable item)."""


def ignore(message: str) -> None:
    """The default `warn` of every reader and evaluation: callers that want the messages
    pass their own."""


def reporter_for(warn: Warn) -> Reporter:
    """The ingest layer's issue channel, with each issue passed to `warn` as one line."""

    def sink(issue: Issue) -> None:
        warn(str(issue) if issue.skipped else f"{issue}{WARNING_SUFFIX}")

    return Reporter(ReadOptions(), sink)


def is_skip(message: str) -> bool:
    """Whether a `warn` message from a reader means a line was skipped (not only a warning)."""
    return not message.endswith(WARNING_SUFFIX)


@contextmanager
def open_gold(path: Path) -> Iterator[Input]:
    """`path` opened as the ingest layer opens inputs; every failure is a GoldFileError."""
    name = display_name(str(path))
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise _unreadable(name, exc) from None
    try:
        source = Input.from_stream(name, raw)
    except OSError as exc:
        raw.close()
        raise _unreadable(name, exc) from None
    try:
        if looks_binary(source.head):
            raise GoldFileError(f"{name}: binary file (not text)")
        yield source
    except UnicodeDecodeError as exc:  # a UTF-16 byte-order mark over bytes that are not UTF-16
        raise GoldFileError(f"{name}: invalid {exc.encoding.upper()}: {exc.reason}") from None
    except OSError as exc:
        raise _unreadable(name, exc) from None
    finally:
        source.close()


def _unreadable(name: str, exc: OSError) -> GoldFileError:
    return GoldFileError(f"{name}: cannot read: {(exc.strerror or str(exc)).lower()}")


def gold_lines(path: Path, warn: Warn = ignore) -> Iterator[tuple[str, str]]:
    """(origin "file:line", line without its end) for each line of a line-oriented gold file."""
    with open_gold(path) as source:
        for number, line in read_lines(source, reporter_for(warn)):
            yield f"{source.name}:{number}", line.rstrip("\r\n")


@dataclass(slots=True)
class Coded:
    """A gold actor: its text (located in the sentence when possible) and codes."""

    text: str | None = None
    span: Span | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class GoldItem:
    """One gold sentence; each format fills the fields it has."""

    id: str
    text: str
    origin: str
    label: str | None = None
    date: str | None = None
    sources: list[Coded] = field(default_factory=list)
    targets: list[Coded] = field(default_factory=list)
    triples: list[tuple[str, str, str]] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    token_spans: list[Span] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def locate(text: str, mention: str | None) -> Span | None:
    """Where a gold mention occurs as whole words: first exact match, else ignoring case.

    Whole words only, so PLV's placeholder source "actor" (an implicit actor) is not found
    inside "factory"; a mention that is not in the sentence has no span.
    """
    if not mention or not mention.strip():
        return None
    mention = mention.strip()
    pattern = rf"(?<!\w){re.escape(mention)}(?!\w)"
    found = re.search(pattern, text) or re.search(pattern, text, re.IGNORECASE)
    return found.span() if found else None


class _RecordReporter(Reporter, Generic[T]):
    """Makes each JSONL object or CSV row into a T with `make` instead of into a Document.

    The ingest record readers call `from_record` for every well-formed record after doing
    the decoding, parsing, line counting and reporting; overriding it lets the gold readers
    reuse all of that unchanged. Results are collected (gold files are read whole anyway).
    """

    def __init__(self, warn: Warn, make: MakeRecord[T]):
        channel = reporter_for(warn)
        super().__init__(channel.options, channel.sink)
        self.make = make
        self.made: list[T] = []

    def from_record(self, origin: str, record: Record) -> Document | None:
        made = self.make(self, origin, record)
        if made is not None:
            self.made.append(made)
        return None


def gold_records(
    path: Path,
    reader: Callable[[Input, Reporter], Iterator[Document]],
    make: MakeRecord[T],
    warn: Warn = ignore,
) -> list[T]:
    """`make(reporter, origin, record)` for each record that `reader` (the ingest layer's
    `read_jsonl` or `read_csv`) finds in `path`; `make` returns None after reporting a skip."""
    reporter = _RecordReporter(warn, make)
    with open_gold(path) as source:
        for _ in reader(source, reporter):  # yields nothing: results go to reporter.made
            pass
    return reporter.made


def clean_text(value: object) -> str:
    """A gold field as text that can be written out (see _SURROGATE)."""
    return _SURROGATE.sub("\ufffd", value if isinstance(value, str) else str(value))


def _sentence(reporter: Reporter, origin: str, record: Record) -> Document | None:
    """The record's sentence (and id) checked as ingest checks a document's text: missing,
    non-string or empty text is a skip, broken Unicode escapes are replaced with a warning."""
    return reporter.document(origin, record.get("text"), id=record.get("id"))


PLV_COLUMNS = frozenset({"text", "label", "source", "target"})


def _plv_item(reporter: Reporter, origin: str, row: Record) -> GoldItem | None:
    missing = PLV_COLUMNS - set(row)
    if missing:
        raise GoldFileError(
            f"{origin.rpartition(':')[0]}: missing columns {', '.join(sorted(missing))}"
        )
    doc = _sentence(reporter, origin, {"text": row["text"]})
    label = clean_text(row["label"]).strip()
    if doc is None:
        return None
    if not label:
        reporter.skip(origin, "empty label")
        return None
    source, target = clean_text(row["source"]), clean_text(row["target"])
    meta = re.search(r"sentence_id=(\d+)", clean_text(row.get("meta") or ""))
    return GoldItem(
        id=f"plv-{meta.group(1)}" if meta else f"plv-line{origin.rpartition(':')[2]}",
        text=doc.text,
        origin=origin,
        label=label.upper(),
        sources=[Coded(source, locate(doc.text, source))],
        targets=[Coded(target, locate(doc.text, target))],
    )


def read_plv(path: Path, warn: Warn = ignore) -> list[GoldItem]:
    """PLV csv: text,label,meta,context,source,target (source/target are text spans)."""
    return gold_records(path, read_csv, _plv_item, warn)


def _gsr_actors(text: str, value: object) -> list[Coded]:
    actors: list[Coded] = []
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, list) and len(entry) == 3:
            country, sector, mention = (clean_text(v) if v is not None else None for v in entry)
            actors.append(Coded(mention, locate(text, mention), country, sector))
    return actors


def _gsr_item(reporter: Reporter, origin: str, record: Record) -> GoldItem | None:
    doc = _sentence(reporter, origin, record)
    event = record.get("event")
    if doc is None:
        return None
    if not isinstance(event, str) or not event.strip():
        reporter.skip(origin, "no event label")
        return None
    return GoldItem(
        id=doc.id or origin,
        text=doc.text,
        origin=origin,
        label=legacy_plover(clean_text(event)),
        sources=_gsr_actors(doc.text, record.get("source")),
        targets=_gsr_actors(doc.text, record.get("target")),
    )


def read_plover_gsr(path: Path, warn: Warn = ignore) -> list[GoldItem]:
    """PLOVER gold-standard JSONL: text, event (older labels mapped), source/target actors."""
    return gold_records(path, read_jsonl, _gsr_item, warn)


def read_conflibert_class(path: Path, warn: Warn = ignore) -> list[GoldItem]:
    """ConfliBERT CAMEO classes: `sentence<TAB>label` with labels 0-4 (see label_maps.yaml)."""
    items: list[GoldItem] = []
    for origin, line in gold_lines(path, warn):
        if not line.strip():
            continue
        text, _, label = line.rpartition("\t")
        if not text.strip() or label.strip() not in {"0", "1", "2", "3", "4"}:
            warn(f"{origin}: expected `sentence<TAB>label 0-4`")
            continue
        number = origin.rpartition(":")[2]
        items.append(GoldItem(id=f"cc-{number}", text=text.strip(), origin=origin, label=label))
    return items


NO_SPACE_BEFORE = frozenset(
    {".", ",", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "’s", "n't", "'", "’", "”"}
)
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "“", "‘"})


def detokenize(tokens: list[str]) -> tuple[str, list[Span]]:
    """Rebuild a sentence from its tokens, keeping each token's character span.

    Tokens are joined with one space except before closing punctuation and clitics and after
    opening brackets, so the coder reads "the government's request." rather than
    "the government 's request ." (a parser trained on news text expects the former).
    """
    parts: list[str] = []
    spans: list[Span] = []
    length = 0
    for i, token in enumerate(tokens):
        if i and token not in NO_SPACE_BEFORE and tokens[i - 1] not in NO_SPACE_AFTER:
            parts.append(" ")
            length += 1
        spans.append((length, length + len(token)))
        parts.append(token)
        length += len(token)
    return "".join(parts), spans


def read_conflibert_ner(path: Path, warn: Warn = ignore) -> list[GoldItem]:
    """ConfliBERT CAMEO roles: `token TAG` lines (space or tab), blank line between sentences.

    Tags are BIO over S (source), T (target) and R (an actor that is both, as in "A and B met").
    """
    items: list[GoldItem] = []
    tokens: list[str] = []
    tags: list[str] = []
    first = ""

    def flush() -> None:
        if tokens:
            text, spans = detokenize(tokens)
            items.append(
                GoldItem(
                    id=f"cn-{first.rpartition(':')[2]}",
                    text=text,
                    origin=first,
                    tokens=list(tokens),
                    token_spans=spans,
                    tags=list(tags),
                )
            )
        tokens.clear()
        tags.clear()

    for origin, line in gold_lines(path, warn):
        if not line.strip():
            flush()
            continue
        if not tokens:
            first = origin
        fields = line.split()
        tag = fields[-1] if len(fields) >= 2 else ""
        if tag != "O" and not re.fullmatch(r"[BI]-[A-Z]+", tag):
            warn(f"{origin}: expected `token TAG` with a BIO tag")
            continue
        tokens.append(" ".join(fields[:-1]))
        tags.append(tag)
    flush()
    return items


def _petrarch_date(value: object) -> str | None:
    text = str(value or "")
    return f"{text[:4]}-{text[4:6]}-{text[6:8]}" if re.fullmatch(r"\d{8}", text) else None


def _petrarch_item(reporter: Reporter, origin: str, record: Record) -> GoldItem | None:
    doc = _sentence(reporter, origin, record)
    events = record.get("events")
    if doc is None:
        return None
    if not isinstance(events, list):
        reporter.skip(origin, "no events list")
        return None
    triples = [
        (
            clean_text(e.get("source") or ""),
            clean_text(e.get("target") or ""),
            clean_text(e.get("code") or ""),
        )
        for e in events
        if isinstance(e, dict)
    ]
    return GoldItem(
        id=doc.id or origin,
        text=doc.text,
        origin=origin,
        date=_petrarch_date(record.get("date")),
        triples=triples,
    )


def read_petrarch(path: Path, warn: Warn = ignore) -> list[GoldItem]:
    """PETRARCH-2 unit-test records: text, date YYYYMMDD, expected (source, target, CAMEO)."""
    return gold_records(path, read_jsonl, _petrarch_item, warn)


READERS: dict[str, Callable[[Path, Warn], list[GoldItem]]] = {
    "plv": read_plv,
    "plover-gsr": read_plover_gsr,
    "conflibert-cameo": read_conflibert_class,
    "conflibert-ner": read_conflibert_ner,
    "petrarch": read_petrarch,
}


def spread_sample(items: list[GoldItem], limit: int | None) -> list[GoldItem]:
    """`limit` items spread evenly over the file, in file order.

    Gold files are often sorted by label (PLV is), so the first N items would all share one
    label; evenly spaced indices keep every part of the file and are the same on every run.
    """
    if limit is None or limit >= len(items):
        return items
    if limit <= 0:
        return []
    return [items[(i * len(items)) // limit] for i in range(limit)]
