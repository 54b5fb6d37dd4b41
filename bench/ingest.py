"""Ingest throughput: a generated JSONL corpus of ~4 kB documents into a fresh store.

It runs the code path `detente ingest` runs (detente.ingest.pipeline.ingest_paths) and reports
documents per second (wall clock and per CPU second, the latter less disturbed by other work
on a shared machine), MB/s and peak memory, then times reading alone (decode, JSON,
Document), and compares the store's one-statement-per-batch insert with
row-by-row `executemany` on the same rows, the choice the store's insert path rests on.

    python bench/ingest.py                 # 20,000 documents, writes BENCHMARKS.md
    python bench/ingest.py --docs 2000 --no-write
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._report import peak_rss_mib, update_section
from detente.ingest.base import ReadOptions, Reporter
from detente.ingest.pipeline import BATCH_SIZE, ingest_paths
from detente.ingest.sources import FileCounts, read_paths
from detente.store.database import DOCUMENT_COLUMNS, Store, content_hash

GOAL_DOCS_PER_S = 2000
# Filler vocabulary for generated text; only the byte count and uniqueness matter here.
_WORDS = (
    *("minister", "talks", "border", "agreement", "troops", "government", "said", "visit"),
    *("sanctions", "aid", "trade", "leaders", "meeting", "capital", "officials", "week"),
    *("president", "statement", "ceasefire", "support", "parliament", "election", "protest"),
    *("embassy", "foreign", "security", "council", "report", "the", "of", "and", "to", "in"),
)


def generate(path: Path, n_docs: int, doc_bytes: int = 4096, seed: int = 7) -> int:
    """Write `n_docs` distinct JSONL documents of about `doc_bytes` of text; returns bytes."""
    rng = random.Random(seed)
    words_per_doc = max(1, doc_bytes // 7)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n_docs):
            text = f"Report {i}. " + " ".join(rng.choices(_WORDS, k=words_per_doc))
            record = {
                "id": f"bench-{i:07d}",
                "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "title": f"Generated report {i}",
                "source": "bench",
                "url": f"https://example.org/{i}",
                "text": text[:doc_bytes],
            }
            line = json.dumps(record) + "\n"
            written += len(line.encode("utf-8"))
            out.write(line)
    return written


def run(
    n_docs: int = 20_000,
    doc_bytes: int = 4096,
    batch_size: int = BATCH_SIZE,
    compare_docs: int = 5000,
    write: bool = True,
) -> dict[str, Any]:
    """Measure ingest of `n_docs` generated documents; optionally rewrite BENCHMARKS.md."""
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="detente-bench-") as folder:
        corpus = Path(folder) / "corpus.jsonl"
        size = generate(corpus, n_docs, doc_bytes)

        start = time.perf_counter()
        cpu_start = time.process_time()
        with Store(Path(folder) / "bench.duckdb") as store:
            stats = ingest_paths(store, [str(corpus)], batch_size=batch_size)
            stored = store.count_documents()
            buffers = store.con.execute(
                "SELECT sum(memory_usage_bytes) FROM duckdb_memory()"
            ).fetchone()
        # Closing checkpoints the store to its file: part of what a user waits for.
        total_s = time.perf_counter() - start
        cpu_s = time.process_time() - cpu_start
        rss_after_ingest = peak_rss_mib()

        start = time.perf_counter()
        reporter = Reporter(ReadOptions(), lambda issue: None)
        read = sum(1 for _ in read_paths([str(corpus)], reporter, FileCounts()))
        read_s = time.perf_counter() - start

        comparison = compare_inserts(corpus, min(compare_docs, n_docs), batch_size, folder)

    result: dict[str, Any] = {
        "documents": n_docs,
        "doc_bytes": doc_bytes,
        "corpus_mb": round(size / 1e6, 1),
        "batch_size": batch_size,
        "added": stats.added,
        "stored": stored,
        "seconds": round(total_s, 2),
        "docs_per_s": round(n_docs / total_s),
        "mb_per_s": round(size / 1e6 / total_s, 1),
        "cpu_seconds": round(cpu_s, 2),
        "docs_per_cpu_s": round(n_docs / cpu_s),
        "read_only_docs_per_s": round(read / read_s),
        "peak_rss_mib": round(rss_after_ingest),
        "duckdb_buffers_mib": round(int(buffers[0] or 0) / 2**20) if buffers else None,
        "load_average_1m": round(load_before, 1),
        "goal_docs_per_s": GOAL_DOCS_PER_S,
        "meets_goal": n_docs / total_s >= GOAL_DOCS_PER_S,
        **comparison,
    }
    if write:
        update_section("ingest", "Ingest", report(result))
    return result


def compare_inserts(corpus: Path, n_docs: int, batch_size: int, folder: str) -> dict[str, Any]:
    """Store-only docs/s for the same rows: unnest per batch (the store) vs executemany."""
    reporter = Reporter(ReadOptions(), lambda issue: None)
    documents = []
    for doc in read_paths([str(corpus)], reporter, FileCounts()):
        documents.append(doc)
        if len(documents) >= n_docs:
            break
    rates: dict[str, Any] = {"compare_docs": len(documents)}
    with Store(Path(folder) / "unnest.duckdb") as store:
        start = time.perf_counter()
        for i in range(0, len(documents), batch_size):
            store.add_documents(documents[i : i + batch_size])
        rates["store_unnest_docs_per_s"] = round(len(documents) / (time.perf_counter() - start))
    with Store(Path(folder) / "executemany.duckdb") as store:
        columns = ", ".join(DOCUMENT_COLUMNS)
        marks = ", ".join("?" for _ in DOCUMENT_COLUMNS)
        now = time.strftime("%Y-%m-%d %H:%M:%S")
        start = time.perf_counter()
        for i in range(0, len(documents), batch_size):
            batch = documents[i : i + batch_size]
            rows = [
                (d.id, content_hash(d.text), d.source, d.url, d.title, d.date, d.text, d.origin,
                 None, now)
                for d in batch
            ]  # fmt: skip
            store.con.execute("BEGIN TRANSACTION")
            store.con.executemany(f"INSERT INTO documents ({columns}) VALUES ({marks})", rows)
            store.con.execute("COMMIT")
        elapsed = time.perf_counter() - start
        rates["store_executemany_docs_per_s"] = round(len(documents) / elapsed)
    return rates


def report(result: dict[str, Any]) -> str:
    verdict = "meets" if result["meets_goal"] else "misses"
    return (
        f"{result['documents']:,} generated JSONL documents of {result['doc_bytes']:,} bytes "
        f"({result['corpus_mb']} MB) through `detente ingest`'s code path into a fresh store, "
        f"{result['batch_size']} documents per transaction. One-minute load average when it "
        f"started: {result['load_average_1m']} (other work on the machine slows every figure).\n\n"
        "| measure | value |\n|---|---|\n"
        f"| end to end | **{result['docs_per_s']:,} docs/s** ({result['mb_per_s']} MB/s, "
        f"{result['seconds']} s) — {verdict} the {result['goal_docs_per_s']:,} docs/s goal |\n"
        f"| per CPU second (all threads; less sensitive to machine load) | "
        f"{result['docs_per_cpu_s']:,} docs ({result['cpu_seconds']} CPU s) |\n"
        f"| reading only (decode, JSON, Document) | {result['read_only_docs_per_s']:,} docs/s |\n"
        f"| peak RSS (whole process) | {result['peak_rss_mib']} MiB |\n"
        f"| DuckDB buffer memory after the ingest | {result['duckdb_buffers_mib']} MiB |\n"
        f"| documents stored | {result['stored']:,} |\n\n"
        f"Store insert path, {result['compare_docs']:,} documents, store only: one "
        f"`INSERT ... SELECT unnest(?)` per batch (what the store does) "
        f"{result['store_unnest_docs_per_s']:,} docs/s; row-by-row `executemany` straight into "
        f"the table, without even the duplicate check, "
        f"{result['store_executemany_docs_per_s']:,} docs/s.\n"
    )


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=20_000, help="documents to generate")
    parser.add_argument("--doc-bytes", type=int, default=4096, help="bytes of text each")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--compare-docs", type=int, default=5000, help="for the insert test")
    parser.add_argument("--no-write", action="store_true", help="do not touch BENCHMARKS.md")
    args = parser.parse_args(argv)
    result = run(
        args.docs, args.doc_bytes, args.batch_size, args.compare_docs, write=not args.no_write
    )
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
