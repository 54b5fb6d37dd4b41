"""The embedded DuckDB store shared by every command (ingest, code, import, relations, report).

One `Store` wraps one DuckDB file. Writes happen in batches, each batch in one transaction,
so an interrupted command leaves whole documents or none and a re-run completes the work.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from detente import __version__
from detente.model import Actor, Document, Event
from detente.store.schema import (
    ACTOR_FIELDS,
    ACTOR_ROLES,
    EVENT_SCALAR_COLUMNS,
    MIGRATIONS,
    SCHEMA_VERSION,
)

DEFAULT_DB = "detente.duckdb"

EVENT_COLUMNS: tuple[str, ...] = EVENT_SCALAR_COLUMNS + tuple(
    f"{role}_{name}" for role in ACTOR_ROLES for name in ACTOR_FIELDS
)


def default_db_path() -> str:
    """`DETENTE_DB` when set, else ./detente.duckdb."""
    return os.environ.get("DETENTE_DB") or DEFAULT_DB


def content_hash(text: str) -> str:
    """Identity of a document's content: whitespace-normalised text, so re-ingest is a no-op."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class AddResult:
    added: int
    duplicates: int


class StoreError(Exception):
    """A store that cannot be opened or is newer than this version of detente."""


class Store:
    """A DuckDB file holding documents, events and the runs that produced them."""

    def __init__(self, path: str | os.PathLike[str] | None = None, read_only: bool = False):
        self.path = str(path) if path is not None else default_db_path()
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store (run `detente ingest` first)")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}") from exc
        if not read_only:
            self.migrate()
        else:
            self._check_version()

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _check_version(self) -> int:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this detente "
                f"({SCHEMA_VERSION}); upgrade detente"
            )
        return version

    def migrate(self) -> None:
        version = self._check_version()
        for number, sql in enumerate(MIGRATIONS[version:], start=version + 1):
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version VALUES (?)", [number])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise

    # -- runs --------------------------------------------------------------------------------

    def start_run(self, command: str, settings: dict[str, Any] | None = None) -> int:
        row = self.con.execute("SELECT nextval('run_ids')").fetchone()
        assert row is not None
        run_id = int(row[0])
        self.con.execute(
            "INSERT INTO runs (run_id, command, version, settings, started_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [run_id, command, __version__, json.dumps(settings or {}), _now()],
        )
        return run_id

    def finish_run(self, run_id: int, stats: dict[str, Any] | None = None) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, stats = ? WHERE run_id = ?",
            [_now(), json.dumps(stats or {}), run_id],
        )

    # -- documents ---------------------------------------------------------------------------

    def add_documents(self, documents: Sequence[Document], run_id: int | None = None) -> AddResult:
        """Insert one batch atomically; documents whose content is already stored are skipped."""
        rows: dict[str, tuple[Any, ...]] = {}
        ids_in_batch: set[str] = set()
        now = _now()
        for doc in documents:
            digest = content_hash(doc.text)
            if digest in rows:
                continue
            doc_id = doc.id or digest[:16]
            if doc_id in ids_in_batch:  # two texts under one id: keep both, distinctly named
                doc_id = f"{doc_id}-{digest[:8]}"
            ids_in_batch.add(doc_id)
            rows[digest] = (
                doc_id,
                digest,
                doc.source,
                doc.url,
                doc.title,
                doc.date,
                doc.text,
                doc.origin,
                run_id,
                now,
            )
        if not rows:
            return AddResult(0, len(documents))
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute(
                "CREATE OR REPLACE TEMP TABLE incoming_documents AS "
                "SELECT * FROM documents WHERE false"
            )
            self.con.executemany(
                "INSERT INTO incoming_documents (id, content_hash, source, url, title, published,"
                " text, origin, run_id, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                list(rows.values()),
            )
            # A different text under an id already taken gets a content-derived id instead.
            self.con.execute(
                "UPDATE incoming_documents SET id = id || '-' || substr(content_hash, 1, 8) "
                "WHERE id IN (SELECT id FROM documents)"
            )
            inserted = self.con.execute(
                "INSERT INTO documents SELECT * FROM incoming_documents "
                "WHERE content_hash NOT IN (SELECT content_hash FROM documents)"
            ).fetchone()
            self.con.execute("DROP TABLE incoming_documents")
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        added = int(inserted[0]) if inserted else 0
        return AddResult(added, len(documents) - added)

    def count_documents(self) -> int:
        row = self.con.execute("SELECT count(*) FROM documents").fetchone()
        return int(row[0]) if row else 0

    def iter_documents(
        self, uncoded_only: bool = False, batch_size: int = 500
    ) -> Iterator[Document]:
        """Stream documents in id order without loading the table into memory."""
        where = "WHERE coded_run_id IS NULL" if uncoded_only else ""
        cursor = self.con.cursor()
        cursor.execute(
            "SELECT id, text, title, CAST(published AS VARCHAR), source, url, origin "
            f"FROM documents {where} ORDER BY id"
        )
        while batch := cursor.fetchmany(batch_size):
            for row in batch:
                yield Document(
                    id=row[0],
                    text=row[1],
                    title=row[2],
                    date=row[3],
                    source=row[4],
                    url=row[5],
                    origin=row[6],
                )
        cursor.close()

    # -- events ------------------------------------------------------------------------------

    def add_events(
        self,
        events: Iterable[Event],
        origin: str = "coded",
        run_id: int | None = None,
        coded_doc_ids: Sequence[str] = (),
    ) -> int:
        """Store coded events and mark their documents coded, in one transaction."""
        rows = [event_row(event, origin, run_id) for event in events]
        self.con.execute("BEGIN TRANSACTION")
        try:
            added = self._insert_event_rows(rows)
            if coded_doc_ids:
                self.con.executemany(
                    "UPDATE documents SET coded_run_id = ? WHERE id = ?",
                    [(run_id if run_id is not None else 0, d) for d in coded_doc_ids],
                )
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return added

    def insert_event_rows(self, rows: Sequence[tuple[Any, ...]]) -> int:
        """Insert rows already in EVENT_COLUMNS order (importers), in one transaction."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            added = self._insert_event_rows(rows)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return added

    def _insert_event_rows(self, rows: Sequence[tuple[Any, ...]]) -> int:
        if not rows:
            return 0
        columns = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
        placeholders = ", ".join("?" for _ in EVENT_COLUMNS)
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE incoming_events AS SELECT {columns} FROM events "
            "WHERE false"
        )
        self.con.executemany(
            f"INSERT INTO incoming_events ({columns}) VALUES ({placeholders})", list(rows)
        )
        result = self.con.execute(
            f"INSERT INTO events ({columns}) "
            f"SELECT {columns} FROM (SELECT *, row_number() OVER (PARTITION BY event_id) AS n "
            "FROM incoming_events) AS fresh "
            "WHERE n = 1 AND event_id NOT IN (SELECT event_id FROM events)"
        ).fetchone()
        self.con.execute("DROP TABLE incoming_events")
        return int(result[0]) if result else 0

    def count_events(self) -> int:
        row = self.con.execute("SELECT count(*) FROM events").fetchone()
        return int(row[0]) if row else 0


def event_key(*parts: object) -> str:
    """A stable event id from the fields that make an event unique."""
    return hashlib.sha1(
        "\x1f".join("" if p is None else str(p) for p in parts).encode()
    ).hexdigest()


def event_row(event: Event, origin: str, run_id: int | None) -> tuple[Any, ...]:
    """Flatten an Event into a row in EVENT_COLUMNS order."""

    def actor_values(actor: Actor | None) -> list[Any]:
        if actor is None:
            return [None] * len(ACTOR_FIELDS)
        return [getattr(actor, name) for name in ACTOR_FIELDS]

    trigger = event.trigger
    key = event_key(
        origin,
        event.doc_id,
        event.sentence_index,
        event.type,
        event.cameo,
        event.source.code if event.source else None,
        event.source.start if event.source else None,
        event.target.code if event.target else None,
        event.target.start if event.target else None,
        trigger.start if trigger else None,
    )
    scalars = [
        key,
        origin,
        run_id,
        event.doc_id,
        event.sentence_index,
        event.sentence,
        event.type,
        event.mode,
        event.cameo,
        event.goldstein,
        event.quad,
        trigger.text if trigger else None,
        trigger.start if trigger else None,
        trigger.end if trigger else None,
        day_of(event.date),
        event.date,
        event.date_precision,
        event.negated,
        event.hypothetical,
        event.explanation,
        event.confidence,
        event.extra.get("url"),
        json.dumps(event.extra) if event.extra else None,
    ]
    return tuple(
        scalars
        + actor_values(event.source)
        + actor_values(event.target)
        + actor_values(event.speaker)
    )


def day_of(partial_date: str | None) -> str | None:
    """The first day a partial ISO date ("2025", "2025-09") can mean, for period arithmetic."""
    if not partial_date:
        return None
    parts = partial_date.split("-")
    year = parts[0]
    month = parts[1] if len(parts) > 1 else "01"
    day = parts[2][:2] if len(parts) > 2 else "01"
    return f"{year}-{month}-{day}"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
