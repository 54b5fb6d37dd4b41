"""PETRARCH scoring rules beyond the basic counts: off-codebook records and repeated triples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.evaluate import evaluate_file


def test_off_codebook_records_are_set_apart_and_repeats_count_once(
    tmp_path: Path, make_event, fake_coder
) -> None:
    a = "Arnor restored diplomatic ties with Gondor."
    b = "Arnor improved relations with Gondor."
    records = [
        {
            "id": "A",
            "date": "19950101",
            "text": a,
            "events": [{"source": "ARN", "target": "GON", "code": "064"}],
        },
        # 904 is a code of PETRARCH's validation verb dictionary, not of CAMEO
        {
            "id": "B",
            "date": "19950101",
            "text": b,
            "events": [{"source": "ARN", "target": "GON", "code": "904"}],
        },
    ]
    gold = tmp_path / "petr.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    def support(text: str, cameo: str):
        return make_event(
            text, "SUPPORT", "Arnor", "Gondor", cameo=cameo, source_code="ARN", target_code="GON"
        )

    # two triggers ("restored", "ties") give the same triple twice: PETRARCH writes it once
    coder = fake_coder({a: [support(a, "064"), support(a, "064")], b: [support(b, "030")]})
    report = evaluate_file("petrarch", gold, coder=coder)
    assert report.details["triples"]["correct"] == 1
    assert report.details["triples"]["extra"] == 0
    assert report.details["triples"]["expected"] == 1
    assert report.metrics["petrarch.precision"] == pytest.approx(1.0)
    assert report.details["outside_cameo"] == {"records": 1, "triples": 1}
    assert any("outside CAMEO" in note for note in report.notes)
    assert [m["id"] for m in report.misses] == []
