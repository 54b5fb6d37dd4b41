"""bench/run_all.py tolerates missing scripts; bench/throughput.py computes its rates right."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def _bench(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(REPO_ROOT))
    return importlib.import_module(f"bench.{name}")


def test_run_all_reports_missing_and_failing_scripts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run_all = _bench("run_all", monkeypatch)
    (tmp_path / "ingest.py").write_text("print('ingest ran')\n", encoding="utf-8")
    (tmp_path / "resolve.py").write_text("import sys\nsys.exit(3)\n", encoding="utf-8")
    monkeypatch.setattr(run_all, "BENCH", tmp_path)
    assert run_all.main(["ingest", "resolve", "relations"]) == 1
    out, err = capsys.readouterr()
    assert "ingest     ok" in out
    assert "resolve    failed (exit 3)" in out
    assert "relations  missing" in out
    assert "bench/relations.py is missing" in err
    assert run_all.main(["ingest"]) == 0


def test_throughput_rates_and_section(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    throughput = _bench("throughput", monkeypatch)
    corpus = tmp_path / "news.jsonl"
    lines = [{"id": "a", "date": "2020-01-01", "text": "one two three four"}, {"text": ""}]
    lines.append({"id": "b", "date": "", "text": "five six"})
    corpus.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    assert [r["id"] for r in throughput.load_texts(corpus, None)] == ["a", "b"]
    assert len(list(throughput.stream(throughput.load_texts(corpus, 1), 3))) == 3

    def fake_measure(tool: str, path: Path, docs: int | None, repeat: int) -> dict[str, Any]:
        seconds = {"spacy": 2.0, "detente": 3.0}[tool] * repeat
        return {"seconds": seconds, "sentences": 4 * repeat, "peak_rss_mib": 100.0 + repeat}

    monkeypatch.setattr(throughput, "measure", fake_measure)
    result = throughput.run(corpus, None, repeat=2)
    # 6 words, 4 sentences: spaCy 3 words/s, detente 2 words/s -> ratio 2/3
    assert result["words"] == 6 and result["sentences"] == 4
    assert result["spacy"]["words_per_s"] == pytest.approx(3.0)
    assert result["detente"]["sentences_per_s"] == pytest.approx(4 / 3)
    assert result["ratio"] == pytest.approx(2 / 3)
    assert result["pooled_ratio"] == pytest.approx((2 + 4) / (3 + 6))
    body = throughput.section(result, corpus)
    assert "over all 3 passes of each: **0.67** (below the 0.85 goal)" in body
    assert "Peak RSS growth from 1× to 2×: spaCy +1 MiB; detente +1 MiB" in body
    # the 2x rows divide twice the corpus by twice the time: same rates as 1x
    assert "| detente `Coder.extract_documents`, 2× | 1 | 2 | 6.0 | 102 |" in body
