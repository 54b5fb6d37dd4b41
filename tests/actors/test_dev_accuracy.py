"""Accuracy of the bundled KB and resolver on the NGEC-derived actor dev set."""

from __future__ import annotations

from pathlib import Path

from detente.evaluate.actors import evaluate_actors

#: The accuracy reached on the dev set; a regression below it fails.
FLOOR = 0.90


def test_dev_set_accuracy(shared_data: Path) -> None:
    report = evaluate_actors(shared_data / "gold" / "actor_resolution_dev.jsonl")
    print("\n".join(report.summary()))
    assert report.n >= 150
    assert report.accuracy >= FLOOR
