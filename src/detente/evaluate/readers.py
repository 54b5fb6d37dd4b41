"""Readers for the public gold sets, each into the one `GoldItem` shape the scorers use.

A malformed line is reported as `file:line: message` through `warn` and skipped; a file
with no usable item at all is the caller's error to raise.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from detente.evaluate.labels import legacy_plover
from detente.evaluate.metrics import Span

Warn = Callable[[str], None]

FORMATS = ("plv", "plover-gsr", "conflibert-cameo", "conflibert-ner", "petrarch", "actors")


def _ignore(message: str) -> None:
    """Default `warn`: callers that want the messages pass their own."""


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


def read_plv(path: Path, warn: Warn = _ignore) -> list[GoldItem]:
    """PLV csv: text,label,meta,context,source,target (source/target are text spans)."""
    items: list[GoldItem] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"text", "label", "source", "target"} - set(reader.fieldnames or [])
        if missing:
            warn(f"{path}:1: missing columns {', '.join(sorted(missing))}")
            return items
        for row in reader:
            origin = f"{path}:{reader.line_num}"
            text, label = (row.get("text") or "").strip(), (row.get("label") or "").strip()
            if not text or not label:
                warn(f"{origin}: empty text or label")
                continue
            meta = re.search(r"sentence_id=(\d+)", row.get("meta") or "")
            items.append(
                GoldItem(
                    id=f"plv-{meta.group(1)}" if meta else f"plv-line{reader.line_num}",
                    text=text,
                    origin=origin,
                    label=label.upper(),
                    sources=[Coded(row["source"], locate(text, row["source"]))],
                    targets=[Coded(row["target"], locate(text, row["target"]))],
                )
            )
    return items


def _json_lines(path: Path, warn: Warn) -> Iterator[tuple[str, dict[str, object]]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            origin = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                warn(f"{origin}: not JSON ({exc.msg})")
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                warn(f"{origin}: no text field")
                continue
            yield origin, record


def _gsr_actors(text: str, value: object) -> list[Coded]:
    actors: list[Coded] = []
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, list) and len(entry) == 3:
            country, sector, mention = (str(v) if v is not None else None for v in entry)
            actors.append(Coded(mention, locate(text, mention), country, sector))
    return actors


def read_plover_gsr(path: Path, warn: Warn = _ignore) -> list[GoldItem]:
    """PLOVER gold-standard JSONL: text, event (older labels mapped), source/target actors."""
    items: list[GoldItem] = []
    for origin, record in _json_lines(path, warn):
        event = record.get("event")
        if not isinstance(event, str) or not event:
            warn(f"{origin}: no event label")
            continue
        text = str(record["text"])
        items.append(
            GoldItem(
                id=str(record.get("id") or origin),
                text=text,
                origin=origin,
                label=legacy_plover(event),
                sources=_gsr_actors(text, record.get("source")),
                targets=_gsr_actors(text, record.get("target")),
            )
        )
    return items


def read_conflibert_class(path: Path, warn: Warn = _ignore) -> list[GoldItem]:
    """ConfliBERT CAMEO classes: `sentence<TAB>label` with labels 0-4 (see label_maps.yaml)."""
    items: list[GoldItem] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            text, _, label = line.rpartition("\t")
            if not text.strip() or label.strip() not in {"0", "1", "2", "3", "4"}:
                warn(f"{path}:{number}: expected `sentence<TAB>label 0-4`")
                continue
            items.append(
                GoldItem(
                    id=f"cc-{number}", text=text.strip(), origin=f"{path}:{number}", label=label
                )
            )
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


def read_conflibert_ner(path: Path, warn: Warn = _ignore) -> list[GoldItem]:
    """ConfliBERT CAMEO roles: `token TAG` lines (space or tab), blank line between sentences.

    Tags are BIO over S (source), T (target) and R (an actor that is both, as in "A and B met").
    """
    items: list[GoldItem] = []
    tokens: list[str] = []
    tags: list[str] = []
    first_line = 1

    def flush() -> None:
        if tokens:
            text, spans = detokenize(tokens)
            items.append(
                GoldItem(
                    id=f"cn-{first_line}",
                    text=text,
                    origin=f"{path}:{first_line}",
                    tokens=list(tokens),
                    token_spans=spans,
                    tags=list(tags),
                )
            )
        tokens.clear()
        tags.clear()

    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                flush()
                continue
            if not tokens:
                first_line = number
            fields = line.split()
            tag = fields[-1] if len(fields) >= 2 else ""
            if tag != "O" and not re.fullmatch(r"[BI]-[A-Z]+", tag):
                warn(f"{path}:{number}: expected `token TAG` with a BIO tag")
                continue
            tokens.append(" ".join(fields[:-1]))
            tags.append(tag)
    flush()
    return items


def _petrarch_date(value: object) -> str | None:
    text = str(value or "")
    return f"{text[:4]}-{text[4:6]}-{text[6:8]}" if re.fullmatch(r"\d{8}", text) else None


def read_petrarch(path: Path, warn: Warn = _ignore) -> list[GoldItem]:
    """PETRARCH-2 unit-test records: text, date YYYYMMDD, expected (source, target, CAMEO)."""
    items: list[GoldItem] = []
    for origin, record in _json_lines(path, warn):
        events = record.get("events")
        if not isinstance(events, list):
            warn(f"{origin}: no events list")
            continue
        triples = [
            (str(e.get("source") or ""), str(e.get("target") or ""), str(e.get("code") or ""))
            for e in events
            if isinstance(e, dict)
        ]
        items.append(
            GoldItem(
                id=str(record.get("id") or origin),
                text=str(record["text"]),
                origin=origin,
                date=_petrarch_date(record.get("date")),
                triples=triples,
            )
        )
    return items


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
