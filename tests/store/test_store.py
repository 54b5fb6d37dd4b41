"""The store: idempotent batches, interruption safety, migrations, streaming while writing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from detente.ingest.pipeline import IngestStats, store_batches
from detente.model import Actor, Document, Event
from detente.store import schema
from detente.store.database import EVENT_COLUMNS, Store, StoreError, content_hash


def documents(n: int, start: int = 0) -> list[Document]:
    return [
        Document(text=f"Document number {i}.", id=f"d{i:04d}", date="2019-01-04", source="s")
        for i in range(start, start + n)
    ]


def test_adding_the_same_content_twice_is_a_no_op(db_path: Path) -> None:
    with Store(db_path) as store:
        first = store.add_documents(documents(10))
        again = store.add_documents(documents(10))
        # Same text, whitespace aside, under another id is still the same document.
        respaced = store.add_documents([Document(text="  Document   number 3. ", id="other")])
        assert (first.added, first.duplicates) == (10, 0)
        assert (again.added, again.duplicates) == (0, 10)
        assert (respaced.added, respaced.duplicates) == (0, 1)
        assert store.count_documents() == 10


def test_one_id_for_two_texts_keeps_both(db_path: Path) -> None:
    with Store(db_path) as store:
        store.add_documents([Document(text="First text.", id="a")])
        store.add_documents(
            [Document(text="Second text.", id="a"), Document(text="Third.", id="a")]
        )
        ids = sorted(d.id or "" for d in store.iter_documents())
    assert ids[0] == "a" and len(ids) == 3
    assert ids[1:] == sorted(f"a-{content_hash(t)[:8]}" for t in ("Second text.", "Third."))


def test_documents_round_trip_and_filter(db_path: Path) -> None:
    with Store(db_path) as store:
        store.add_documents(
            [
                Document(text="Old.", id="1", date="2018-12-31", title="t", url="u", origin="f:1"),
                Document(text="New.", id="2", date="2019-01-04"),
                Document(text="Undated.", id="3"),
            ]
        )
        assert [d.id for d in store.iter_documents(since="2019-01-01")] == ["2"]
        assert store.count_documents(since="2019-01-01") == 1
        assert [d.id for d in store.iter_documents(limit=2)] == ["1", "2"]
        old = next(store.iter_documents())
        assert (old.text, old.date, old.title, old.url, old.origin) == (
            "Old.",
            "2018-12-31",
            "t",
            "u",
            "f:1",
        )


class FailingStore(Store):
    """Fails inside the transaction of its third batch, after that batch is staged."""

    batches = 0

    def _insert_documents(self) -> int:
        added = super()._insert_documents()
        self.batches += 1
        if self.batches == 3:
            raise RuntimeError("disk full")
        return added


def test_interrupted_ingest_leaves_whole_batches_and_a_rerun_completes(db_path: Path) -> None:
    corpus = documents(1000)
    with FailingStore(db_path) as store, pytest.raises(RuntimeError):
        store_batches(store, corpus, IngestStats(), size=100)
    with Store(db_path) as store:
        assert store.count_documents() == 200  # batches 1-2 committed, 3 rolled back whole
        stats = IngestStats()
        store_batches(store, corpus, stats, size=100)
        assert (stats.added, stats.duplicates) == (800, 200)
        assert store.count_documents() == 1000
        assert {d.id for d in store.iter_documents()} == {d.id for d in corpus}


def test_interrupt_from_the_reader_keeps_committed_batches(db_path: Path) -> None:
    def reader() -> Iterator[Document]:
        yield from documents(250)
        raise KeyboardInterrupt

    with Store(db_path) as store:
        with pytest.raises(KeyboardInterrupt):
            store_batches(store, reader(), IngestStats(), size=100)
        assert store.count_documents() == 200
        store.add_documents(documents(5, start=1000))  # the connection is still usable
        assert store.count_documents() == 205


def test_opening_an_old_store_migrates_it(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(db_path) as store:
        store.add_documents(documents(3))
    newer = [*schema.MIGRATIONS, "ALTER TABLE documents ADD COLUMN language VARCHAR;"]
    monkeypatch.setattr(schema, "MIGRATIONS", newer)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(newer))
    with Store(db_path, read_only=True) as store:
        assert store.schema_version() == len(newer)
        assert store.count_documents() == 3
        columns = store.con.execute("SELECT * FROM documents LIMIT 0").description
        assert "language" in [c[0] for c in columns]


def test_an_empty_database_file_is_brought_to_the_current_schema(db_path: Path) -> None:
    duckdb.connect(str(db_path)).close()
    with Store(db_path) as store:
        assert store.schema_version() == schema.SCHEMA_VERSION
        assert store.count_documents() == 0


def test_a_newer_store_is_refused_clearly(db_path: Path) -> None:
    with Store(db_path) as store:
        store.con.execute("INSERT INTO schema_version VALUES (?)", [schema.SCHEMA_VERSION + 5])
    for read_only in (False, True):
        with pytest.raises(StoreError, match=r"newer than this detente.*upgrade detente"):
            Store(db_path, read_only=read_only)


def test_missing_or_invalid_store_files(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "absent.duckdb", read_only=True)
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(StoreError, match="not a detente store"):
        Store(other, read_only=True)
    bogus = tmp_path / "bogus.duckdb"
    bogus.write_text("not a database")
    with pytest.raises(StoreError, match="cannot open store"):
        Store(bogus)


def test_documents_can_be_marked_coded_while_streaming(db_path: Path) -> None:
    with Store(db_path) as store:
        store.add_documents(documents(1200))
        run_id = store.start_run("code", {"model": "test"})
        seen = 0
        for doc in store.iter_documents(uncoded_only=True, batch_size=100):
            seen += 1
            if seen % 50 == 0:
                event = Event(
                    doc_id=doc.id,
                    sentence_index=0,
                    sentence=doc.text,
                    type="CONSULT",
                    mode=None,
                    cameo="040",
                    goldstein=1.0,
                    quad=1,
                    source=Actor(text="A", code="USA"),
                    target=None,
                    trigger=None,
                    date="2019-01",
                    extra={"url": "u"},
                )
                store.add_events([event, event], run_id=run_id, coded_doc_ids=[doc.id or ""])
        store.finish_run(run_id, {"documents": seen})
        assert seen == 1200
        assert store.count_events() == 24
        assert sum(1 for _ in store.iter_documents(uncoded_only=True)) == 1176
        row = store.con.execute("SELECT date, date_text, url FROM events LIMIT 1").fetchone()
        assert row is not None and str(row[0]) == "2019-01-01" and row[1:] == ("2019-01", "u")


def test_imported_event_rows_are_deduplicated_by_event_id(db_path: Path) -> None:
    def row(key: str, goldstein: float) -> tuple[object, ...]:
        values: dict[str, object] = dict.fromkeys(EVENT_COLUMNS)
        values.update(
            event_id=key,
            origin="gdelt",
            type="ASSAULT",
            cameo="190",
            goldstein=goldstein,
            quad=4,
            date="2019-01-04",
            negated=False,
            extra='{"GLOBALEVENTID": "1"}',
            source_country="RUS",
            target_country="UKR",
        )
        return tuple(values[c] for c in EVENT_COLUMNS)

    with Store(db_path) as store:
        assert store.insert_event_rows([row("k1", -10.0), row("k1", -9.0), row("k2", -5.0)]) == 2
        assert store.insert_event_rows([row("k2", -5.0), row("k3", 1.0)]) == 1
        assert store.insert_event_rows([]) == 0
        stored = store.con.execute(
            "SELECT event_id, goldstein, source_country, extra->>'GLOBALEVENTID' "
            "FROM events ORDER BY event_id"
        ).fetchall()
    assert stored == [("k1", -10.0, "RUS", "1"), ("k2", -5.0, "RUS", "1"), ("k3", 1.0, "RUS", "1")]
