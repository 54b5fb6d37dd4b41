"""The shared Wikinews sample: every article stored once, a second ingest adds nothing."""

from __future__ import annotations

from pathlib import Path

from detente.ingest.pipeline import ingest_paths
from detente.store.database import Store


def test_wikinews_ingests_295_documents_once(shared_data: Path, db_path: Path) -> None:
    corpus = str(shared_data / "news" / "wikinews_2019_2020.jsonl")
    with Store(db_path) as store:
        first = ingest_paths(store, [corpus])
        second = ingest_paths(store, [corpus])
        assert (first.added, first.skipped, first.without_date) == (295, 0, 0)
        assert (second.added, second.duplicates) == (0, 295)
        assert store.count_documents() == 295
        dates = [d.date for d in store.iter_documents()]
    assert None not in dates
    assert (min(dates), max(dates)) == ("2019-01-04", "2021-03-15")  # type: ignore[type-var]
