"""Stand-off gold annotations: PLV-style labels kept as offsets into a corpus we may not copy.

A gold set made by annotating sentences of a public corpus (the Wikinews articles in
`../shared`) cannot carry those sentences in this repository, so a stand-off file holds only
our annotations: the document id, the sentence's character range in the document's text (as
`detente ingest` reads it), the PLOVER label and the source and target ranges. Reading it
joins the annotations with the corpus and yields the same `GoldItem`s the PLV reader makes,
scored by the same PLV suite.

Columns: doc_id, sentence_start, sentence_end, sentence_crc32, label, source_start,
source_end, target_start, target_end (an empty target range: the sentence names no target).
`sentence_crc32` (CRC-32 of the sentence text, 8 hex digits) makes a changed corpus or a
change in how ingest reads it an error on that row, not a silent shift of every span.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from detente.evaluate.readers import (
    Coded,
    GoldFileError,
    GoldItem,
    Record,
    Warn,
    clean_text,
    gold_records,
    ignore,
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
    "sentence_crc32",
    "label",
    "source_start",
    "source_end",
    "target_start",
    "target_end",
)


def read_corpus(corpus: Path, warn: Warn = ignore) -> dict[str, Document]:
    """The corpus's documents by id, read as `detente ingest` reads them; a second document
    under one id is reported and left out (the offsets could point into either)."""
    if not corpus.is_file():
        raise GoldFileError(f"{corpus}: no such corpus file")
    documents: dict[str, Document] = {}
    for document in read_paths([str(corpus)], reporter_for(warn), FileCounts()):
        if not document.id:
            continue
        if document.id in documents:
            warn(f"{document.origin}: document id {document.id!r} seen before; left out")
            continue
        documents[document.id] = document
    if not documents:
        raise GoldFileError(f"{corpus}: no document with an id")
    return documents


def sentence_checksum(text: str) -> str:
    """The `sentence_crc32` of a sentence: CRC-32 of its UTF-8 text, 8 lower-case hex digits."""
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


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


def read_standoff(path: Path, corpus: Path, warn: Warn = ignore) -> list[GoldItem]:
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
        if sentence_checksum(text) != clean_text(row["sentence_crc32"]).strip().lower():
            reporter.skip(origin, f"{doc_id} {start}-{end} is not the annotated sentence")
            return None

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
