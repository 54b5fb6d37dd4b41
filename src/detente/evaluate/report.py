"""The result of one evaluation: headline metrics, detailed tables, and every miss.

`metrics` holds the numbers that eval/floors.json guards (named `<set>.<metric>`); the rest
is for people reading `detente evaluate` output or its --json.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from detente.evaluate.metrics import NONE_LABEL, ClassificationReport


@dataclass(slots=True)
class EvalReport:
    name: str  # the floors prefix: plv, gsr, petrarch, conflibert_class, conflibert_ner, actors
    gold: str  # the gold file
    n: int
    metrics: dict[str, float]
    details: dict[str, Any] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    classification: ClassificationReport | None = None
    text: str | None = None  # a ready-made summary (the actors evaluation brings its own)
    training_overlap: str | None = None  # set when the coder was fitted on this gold file

    def to_dict(self, misses: bool = False) -> dict[str, Any]:
        """The report as JSON-ready data; the misses themselves only when asked."""
        record: dict[str, Any] = {
            **self.details,
            "name": self.name,
            "gold": self.gold,
            "n": self.n,
            "metrics": self.metrics,
            "notes": self.notes,
            "miss_count": len(self.misses),
        }
        if misses:
            record["misses"] = self.misses
        if self.classification is not None:
            record["event_type"] = self.classification.to_dict()
        return record

    def summary(self) -> str:
        if self.text is not None:
            return self.text
        lines = [f"{self.name}: {self.n} items from {self.gold}", ""]
        width = max((len(k) for k in self.metrics), default=0)
        lines += [f"  {key:<{width}}  {value:.3f}" for key, value in self.metrics.items()]
        if self.classification is not None:
            lines += ["", *per_label_table(self.classification)]
            lines += ["", *confusion_table(self.classification)]
        if self.notes:
            lines += ["", *(f"note: {note}" for note in self.notes)]
        return "\n".join(lines)


def per_label_table(report: ClassificationReport) -> list[str]:
    width = max([len(label) for label in report.labels] + [5])
    lines = [f"  {'label':<{width}}  precision  recall     f1  gold  predicted"]
    for label, s in report.per_label.items():
        lines.append(
            f"  {label:<{width}}  {s.precision:9.3f}  {s.recall:6.3f}  {s.f1:5.3f}"
            f"  {s.support:4d}  {s.predicted:9d}"
        )
    lines.append(
        f"  {'macro F1':<{width}}  {report.macro_f1:.3f}    micro F1 {report.micro_f1:.3f}"
        f"    accuracy {report.accuracy:.3f}"
    )
    return lines


def confusion_table(report: ClassificationReport) -> list[str]:
    """Rows are gold labels, columns predictions (NONE: no event), abbreviated to 4 letters."""
    columns = [*report.labels, NONE_LABEL]
    used = [c for c in columns if any(row.get(c) for row in report.confusion.values())]
    width = max(len(g) for g in report.confusion) if report.confusion else 4
    header = " ".join(f"{c[:4]:>4}" for c in used)
    lines = ["  confusion (rows gold, columns predicted)", f"  {'':<{width}} {header}"]
    for gold_label, row in report.confusion.items():
        cells = " ".join(f"{row.get(c, 0) or '.':>4}" for c in used)
        lines.append(f"  {gold_label:<{width}} {cells}")
    return lines
