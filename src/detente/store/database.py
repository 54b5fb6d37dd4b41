"""The embedded DuckDB store shared by every command (ingest, code, import, relations, report).

One `Store` wraps one DuckDB file. Writes happen in batches, each batch in one transaction,
so an interrupted command leaves whole documents or none and a re-run completes the work.

Batches reach DuckDB as one list per column, expanded with `unnest`: a single statement per
batch instead of one per row, which is what makes ingest and import fast (several times
`executemany` on 4 kB documents; bench/ingest.py measures both, see BENCHMARKS.md).
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
from detente.store import schema
from detente.store.schema import ACTOR_FIELDS, ACTOR_ROLES, EVENT_SCALAR_COLUMNS

DEFAULT_DB = "detente.duckdb"

EVENT_COLUMNS: tuple[str, ...] = EVENT_SCALAR_COLUMNS + tuple(
    f"{role}_{name}" for role in ACTOR_ROLES for name in ACTOR_FIELDS
)

# Columns a batch of documents fills, in the order of the rows add_documents builds.
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "id",
    "content_hash",
    "source",
    "url",
    "title",
    "published",
    "text",
    "origin",
    "run_id",
    "ingested_at",
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
        self._column_types: dict[str, dict[str, str]] = {}
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store (run `detente ingest` first)")
        self.con = _connect(self.path, read_only)
        try:
            if not read_only:
                self.migrate()
            elif (version := self._check_version()) == 0:
                raise StoreError(f"{self.path}: not a detente store (run `detente ingest` first)")
            elif version < schema.SCHEMA_VERSION:
                # A reader must not meet an old layout: migrate once through a writable open.
                self.con.close()
                Store(self.path).close()
                self.con = _connect(self.path, read_only)
        except BaseException:
            self.con.close()
            raise

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
        if version > schema.SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this detente "
                f"({__version__}, schema {schema.SCHEMA_VERSION}); upgrade detente to open it"
            )
        return version

    def migrate(self) -> None:
        """Apply the migrations this store lacks, each in its own transaction."""
        version = self._check_version()
        # Read through the module so a test can stand in a longer history.
        migrations = schema.MIGRATIONS
        for number, sql in enumerate(migrations[version:], start=version + 1):
            with self._transaction():
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version VALUES (?)", [number])
        self._column_types.clear()

    # -- runs --------------------------------------------------------------------------------

    def start_run(self, command: str, settings: dict[str, Any] | None = None) -> int:
        row = self.con.execute("SELECT nextval('run_ids')").fetchone()
        assert row is not None
        run_id = int(row[0])
        self.con.execute(
            "INSERT INTO runs (run_id, command, version, settings, started_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [run_id, command, __version__, json.dumps(settings or {}, default=str), _now()],
        )
        return run_id

    def finish_run(self, run_id: int, stats: dict[str, Any] | None = None) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, stats = ? WHERE run_id = ?",
            [_now(), json.dumps(stats or {}, default=str), run_id],
        )

    # -- documents ---------------------------------------------------------------------------

    def add_documents(self, documents: Sequence[Document], run_id: int | None = None) -> AddResult:
        """Insert one batch atomically; documents whose content is already stored are skipped.

        Ids are kept when free. A different text arriving under an id already taken (in the
        store or earlier in the batch) is stored under `id-<hash prefix>`, so nothing is lost.
        """
        rows: dict[str, tuple[Any, ...]] = {}
        ids_in_batch: set[str] = set()
        now = _now()
        for doc in documents:
            digest = content_hash(doc.text)
            if digest in rows:
                continue
            doc_id = doc.id or digest[:16]
            if doc_id in ids_in_batch:
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
        with self._transaction():
            self._stage("incoming_documents", "documents", DOCUMENT_COLUMNS, list(rows.values()))
            self.con.execute(
                "DELETE FROM incoming_documents "
                "WHERE content_hash IN (SELECT content_hash FROM documents)"
            )
            self.con.execute(
                "UPDATE incoming_documents SET id = id || '-' || substr(content_hash, 1, 8) "
                "WHERE id IN (SELECT id FROM documents)"
            )
            added = self._insert_documents()
            self.con.execute("DROP TABLE incoming_documents")
        return AddResult(added, len(documents) - added)

    def _insert_documents(self) -> int:
        """Move the staged batch into `documents` (a step of its own so tests can break it)."""
        columns = ", ".join(DOCUMENT_COLUMNS)
        row = self.con.execute(
            f"INSERT INTO documents ({columns}) SELECT {columns} FROM incoming_documents"
        ).fetchone()
        return int(row[0]) if row else 0

    def count_documents(self, since: str | None = None, uncoded_only: bool = False) -> int:
        """Documents in the store (published on or after `since`; only those no coding run has
        coded yet with `uncoded_only`, the work `detente code` has left)."""
        where, params = _since_clause(since)
        if uncoded_only:
            where = f"{where} AND coded_run_id IS NULL" if where else "WHERE coded_run_id IS NULL"
        row = self.con.execute(f"SELECT count(*) FROM documents {where}", params).fetchone()
        return int(row[0]) if row else 0

    def iter_documents(
        self,
        uncoded_only: bool = False,
        batch_size: int = 500,
        since: str | None = None,
        limit: int | None = None,
    ) -> Iterator[Document]:
        """Stream documents in id order without loading the table into memory.

        The rows come through a separate cursor, so the caller may write (mark documents
        coded, add events) on this store while it iterates.
        """
        for row in self._document_rows(
            "id, text, title, CAST(published AS VARCHAR), source, url, origin",
            uncoded_only,
            batch_size,
            since,
            limit,
        ):
            yield Document(
                id=row[0],
                text=row[1],
                title=row[2],
                date=row[3],
                source=row[4],
                url=row[5],
                origin=row[6],
            )

    def iter_document_records(
        self, since: str | None = None, limit: int | None = None, batch_size: int = 500
    ) -> Iterator[dict[str, Any]]:
        """Documents as the records `detente docs` prints: the Document fields plus metadata."""
        names = ("id", "date", "title", "source", "url", "text", "origin", "ingested_at")
        for row in self._document_rows(
            "id, CAST(published AS VARCHAR), title, source, url, text, origin, "
            "CAST(ingested_at AS VARCHAR)",
            False,
            batch_size,
            since,
            limit,
        ):
            yield dict(zip(names, row, strict=True))

    def _document_rows(
        self,
        select: str,
        uncoded_only: bool,
        batch_size: int,
        since: str | None,
        limit: int | None,
    ) -> Iterator[tuple[Any, ...]]:
        where, params = _since_clause(since)
        if uncoded_only:
            where = f"{where} AND coded_run_id IS NULL" if where else "WHERE coded_run_id IS NULL"
        tail = ""
        if limit is not None:
            tail = " LIMIT ?"
            params = [*params, int(limit)]
        cursor = self.con.cursor()
        try:
            cursor.execute(f"SELECT {select} FROM documents {where} ORDER BY id{tail}", params)
            while batch := cursor.fetchmany(batch_size):
                yield from batch
        finally:
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
        with self._transaction():
            added = self._insert_event_rows(rows)
            if coded_doc_ids:
                self.con.execute(
                    "UPDATE documents SET coded_run_id = ? "
                    "WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                    [run_id if run_id is not None else 0, list(coded_doc_ids)],
                )
        return added

    def insert_event_rows(self, rows: Sequence[tuple[Any, ...]]) -> int:
        """Insert rows already in EVENT_COLUMNS order (importers), in one transaction."""
        with self._transaction():
            return self._insert_event_rows(rows)

    def _insert_event_rows(self, rows: Sequence[tuple[Any, ...]]) -> int:
        """Rows whose event_id is new; within a batch the first row of an id wins."""
        if not rows:
            return 0
        columns = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
        self._stage("incoming_events", "events", EVENT_COLUMNS, rows)
        result = self.con.execute(
            f"INSERT INTO events ({columns}) "
            f"SELECT {columns} FROM (SELECT *, row_number() OVER "
            "(PARTITION BY event_id ORDER BY rowid) AS n FROM incoming_events) AS fresh "
            "WHERE n = 1 AND event_id NOT IN (SELECT event_id FROM events)"
        ).fetchone()
        self.con.execute("DROP TABLE incoming_events")
        return int(result[0]) if result else 0

    def count_events(self) -> int:
        row = self.con.execute("SELECT count(*) FROM events").fetchone()
        return int(row[0]) if row else 0

    # -- helpers -----------------------------------------------------------------------------

    def _stage(
        self,
        staging: str,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
    ) -> None:
        """Load rows into a temp table shaped like `table`, one statement for the batch."""
        types = self._types_of(table)
        quoted = ", ".join(f'"{c}"' for c in columns)
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {staging} AS SELECT {quoted} FROM {table} WHERE false"
        )
        expanded = ", ".join(
            f"unnest(${i}::{types[column]}[])" for i, column in enumerate(columns, start=1)
        )
        values = [list(column) for column in zip(*rows, strict=True)]
        self.con.execute(f"INSERT INTO {staging} ({quoted}) SELECT {expanded}", values)

    def _types_of(self, table: str) -> dict[str, str]:
        if table not in self._column_types:
            found = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? AND table_schema = 'main'",
                [table],
            ).fetchall()
            self._column_types[table] = {str(name): str(kind) for name, kind in found}
        return self._column_types[table]

    def _transaction(self) -> _Transaction:
        return _Transaction(self.con)


class _Transaction:
    """BEGIN on entry; COMMIT on success, ROLLBACK on any exception (KeyboardInterrupt too)."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self.con.execute("COMMIT" if kind is None else "ROLLBACK")


def _connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.Error as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StoreError(f"{path}: cannot open store: {message}") from exc


def _since_clause(since: str | None) -> tuple[str, list[Any]]:
    if since is None:
        return "", []
    return "WHERE published >= CAST(? AS DATE)", [since]


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
