"""Ingest: stream documents from readers into the store in batches, and count what happened.

This is the single code path behind `detente ingest`, the notebook API and bench/ingest.py.
Each batch is one transaction, so memory stays flat however large the input and an
interrupted ingest leaves only whole batches behind; running it again adds the rest, since
documents already stored (by content) are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from itertools import islice
from typing import Any, BinaryIO

from detente.ingest.base import Issue, IssueSink, ReadOptions, Reporter
from detente.ingest.sources import FileCounts, display_name, read_paths
from detente.model import Document
from detente.store.database import Store

BATCH_SIZE = 500


@dataclass(slots=True)
class IngestStats:
    """What one ingest did; `skipped` counts files and records left out."""

    files_read: int = 0
    files_skipped: int = 0
    documents_read: int = 0
    added: int = 0
    duplicates: int = 0
    skipped: int = 0
    warnings: int = 0
    without_date: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def summary(self) -> str:
        files = f"{_plural(self.files_read, 'file')} read"
        if self.files_skipped:
            files += f" ({self.files_skipped} skipped)"
        return (
            f"{files}: {_plural(self.added, 'document')} added, "
            f"{_plural(self.duplicates, 'duplicate')}, "
            f"{self.skipped} skipped, {self.without_date} without date"
            + (f", {_plural(self.warnings, 'warning')}" if self.warnings else "")
        )


def ingest_paths(
    store: Store,
    paths: Sequence[str],
    options: ReadOptions | None = None,
    *,
    on_issue: IssueSink | None = None,
    on_batch: Callable[[int], None] | None = None,
    stdin: BinaryIO | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestStats:
    """Read every document in `paths` (files, folders, "-") into `store`; never raises on
    bad input, which goes to `on_issue` instead. Recorded as one run in the store."""
    options = options or ReadOptions()
    stats = IngestStats()
    counts = FileCounts()

    def count_issue(issue: Issue) -> None:
        if issue.skipped:
            stats.skipped += 1
        else:
            stats.warnings += 1
        if on_issue is not None:
            on_issue(issue)

    settings: dict[str, Any] = {"paths": [display_name(p) for p in paths], **asdict(options)}
    run_id = store.start_run("ingest", settings)
    documents = read_paths(paths, Reporter(options, count_issue), counts, stdin=stdin)
    store_batches(store, documents, stats, run_id=run_id, on_batch=on_batch, size=batch_size)
    stats.files_read, stats.files_skipped = counts.read, counts.skipped
    store.finish_run(run_id, stats.as_dict())
    return stats


def store_batches(
    store: Store,
    documents: Iterable[Document],
    stats: IngestStats,
    *,
    run_id: int | None = None,
    on_batch: Callable[[int], None] | None = None,
    size: int = BATCH_SIZE,
) -> None:
    """Add documents `size` at a time, one transaction each, updating `stats` as it goes."""
    for batch in _batches(documents, size):
        stats.documents_read += len(batch)
        stats.without_date += sum(1 for doc in batch if doc.date is None)
        result = store.add_documents(batch, run_id=run_id)
        stats.added += result.added
        stats.duplicates += result.duplicates
        if on_batch is not None:
            on_batch(len(batch))


def _batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(items)
    while batch := list(islice(iterator, max(1, size))):
        yield batch


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
