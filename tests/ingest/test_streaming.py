"""Ingest streams: Python memory stays bounded by a batch, not by the size of the input."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from detente.ingest.pipeline import ingest_paths
from detente.store.database import Store


def test_python_memory_does_not_grow_with_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl"
    filler = "word " * 800  # 4 kB of text per document
    with corpus.open("w") as out:
        for i in range(4000):
            out.write(json.dumps({"id": str(i), "text": f"{i} {filler}"}) + "\n")
    size = corpus.stat().st_size
    with Store(tmp_path / "s.duckdb") as store:
        tracemalloc.start()
        try:
            stats = ingest_paths(store, [str(corpus)], batch_size=200)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert stats.added == 4000
    # A reader that loaded the file, or a batch that never emptied, would pass `size`.
    assert peak < size / 4, (peak, size)
