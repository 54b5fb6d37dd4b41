"""Every format end to end on its shared gold file, with the real coder on a small sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli.main import cli

CASES = [
    ("plv", "gold/plv_train.csv", "plv.span_agreement"),
    ("plover-gsr", "gold/plover_gsr.jsonl", "gsr.country_agreement"),
    ("petrarch", "petrarch/petr_unittest_gold.jsonl", "petrarch.root_correct_rate"),
    ("conflibert-cameo", "gold/conflibert_cameo_class_train.tsv", "conflibert_class.macro_f1"),
    ("conflibert-ner", "gold/conflibert_cameo_ner_train.txt", "conflibert_ner.span_f1"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "relative", "metric"), CASES)
def test_format_end_to_end(
    shared_data: Path, tmp_path: Path, fmt: str, relative: str, metric: str
) -> None:
    errors = tmp_path / "misses.jsonl"
    result = CliRunner().invoke(
        cli,
        [
            "--quiet",
            "evaluate",
            "--gold",
            str(shared_data / relative),
            "--format",
            fmt,
            "--limit",
            "12",
            "--json",
            "--errors",
            str(errors),
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n"] == 12
    assert 0.0 <= report["metrics"][metric] <= 1.0
    lines = errors.read_text(encoding="utf-8").splitlines()
    assert len(lines) == report["miss_count"]
    for line in lines:
        assert {"sentence", "gold", "prediction", "explanation"} <= set(json.loads(line))


def test_actor_resolution_end_to_end(shared_data: Path) -> None:
    gold = shared_data / "gold" / "actor_resolution_dev.jsonl"
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["name"] == "actors" and report["n"] > 100
    assert 0.0 <= report["metrics"]["actors.accuracy"] <= 1.0
