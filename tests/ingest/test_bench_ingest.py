"""bench/ingest.py runs end to end on a tiny corpus (its figures are for BENCHMARKS.md only)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_bench_ingest_small_run_stores_every_generated_document() -> None:
    spec = importlib.util.spec_from_file_location("bench_ingest", REPO / "bench" / "ingest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.run(60, doc_bytes=512, batch_size=25, compare_docs=30, write=False)
    assert (result["documents"], result["added"], result["stored"]) == (60, 60, 60)
    assert result["compare_docs"] == 30
    assert result["docs_per_s"] > 0 and result["peak_rss_mib"] > 0
    assert "docs/s" in module.report(result)
