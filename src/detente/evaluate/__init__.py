"""Accuracy on public gold sets: readers, alignment, scorers, `detente evaluate`, floors.

from detente.evaluate import evaluate_file
report = evaluate_file("plv", "../shared/data/gold/plv_train.csv", limit=200)
print(report.summary())
"""

from __future__ import annotations

from detente.evaluate.readers import FORMATS, GoldFileError, GoldItem
from detente.evaluate.report import EvalReport
from detente.evaluate.runner import evaluate_file

__all__ = ["FORMATS", "EvalReport", "GoldFileError", "GoldItem", "evaluate_file"]
