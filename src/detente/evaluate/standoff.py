"""Stand-off gold annotations: PLV-style labels kept as offsets into a corpus we may not copy.

A gold set made by annotating sentences of a public corpus (the Wikinews articles in
`../shared`) cannot carry those sentences in this repository, so a stand-off file holds only
our annotations: the document id, the sentence's character range in the document's text (as
`detente ingest` reads it), the PLOVER label and the source and target ranges. Reading it
joins the annotations with the corpus and yields the same `GoldItem`s the PLV reader makes,
scored by the same PLV suite.

Columns: doc_id, sentence_start, sentence_end, label, source_start, source_end, target_start,
target_end (an empty target range: the sentence names no target).
"""

from __future__ import annotations

from pathlib import Path

from detente.evaluate.readers import (
    Coded,
    GoldFileError,
    GoldItem,
    Record,
    Warn,
    clean_text,
    gold_records,
    reporter_for,
)
from detente.ingest.base import Reporter
from detente.ingest.records import read_csv
from detente.ingest.sources import FileCounts, read_paths
from detente.model import Document

STANDOFF_COLUMNS = (
    "doc_id",
    "sentence_start",
    "sentence_end",
    "label",
    "source_start",
    "source_end",
    "target_start",
    "target_end",
)


def _ignore(message: str) -> None:
    """Default `warn`."""


def read_corpus(corpus: Path, warn: Warn = _ignore) -> dict[str, Document]:
    """The corpus's documents by id, read as `detente ingest` reads them."""
    if not corpus.exists():
        raise GoldFileError(f"{corpus}: no such corpus file")
    documents = {
        d.id: d for d in read_paths([str(corpus)], reporter_for(warn), FileCounts()) if d.id
    }
    if not documents:
        raise GoldFileError(f"{corpus}: no document with an id")
    return documents


def _offset(value: object) -> int | None:
    text = clean_text(value).strip() if value is not None else ""
    if not text:
        return None
    number = int(text)  # ValueError: reported by the caller with the line
    if number < 0:
        raise ValueError(f"negative offset {number}")
    return number


def _span(row: Record, role: str, start: int, end: int) -> tuple[int, int] | None:
    """A role's range relative to the sentence, or None when the row leaves it empty."""
    first, last = _offset(row.get(f"{role}_start")), _offset(row.get(f"{role}_end"))
    if first is None and last is None:
        return None
    if first is None or last is None or not start <= first < last <= end:
        raise ValueError(f"{role} range {first}-{last} is not inside the sentence {start}-{end}")
    return first - start, last - start


def read_standoff(path: Path, corpus: Path, warn: Warn = _ignore) -> list[GoldItem]:
    """The stand-off file's annotations as PLV gold items over `corpus`'s sentences."""
    documents = read_corpus(corpus, warn)

    def item(reporter: Reporter, origin: str, row: Record) -> GoldItem | None:
        missing = [c for c in STANDOFF_COLUMNS if c not in row]
        if missing:
            name = origin.rpartition(":")[0]
            raise GoldFileError(f"{name}: missing columns {', '.join(missing)}")
        doc_id = clean_text(row["doc_id"]).strip()
        document = documents.get(doc_id)
        if document is None:
            reporter.skip(origin, f"document {doc_id!r} is not in {corpus.name}")
            return None
        label = clean_text(row["label"]).strip().upper()
        try:
            start, end = _offset(row["sentence_start"]), _offset(row["sentence_end"])
            if start is None or end is None or not start < end <= len(document.text):
                raise ValueError(f"sentence range {start}-{end} is not inside {doc_id}")
            source = _span(row, "source", start, end)
            target = _span(row, "target", start, end)
        except ValueError as exc:
            reporter.skip(origin, str(exc))
            return None
        if not label:
            reporter.skip(origin, "empty label")
            return None
        text = document.text[start:end]

        def coded(span: tuple[int, int] | None) -> Coded:
            return Coded(text[span[0] : span[1]] if span else None, span)

        return GoldItem(
            id=f"{doc_id}@{start}",
            text=text,
            origin=origin,
            label=label,
            date=document.date,
            sources=[coded(source)],
            targets=[coded(target)],
        )

    return gold_records(path, read_csv, item, warn)
