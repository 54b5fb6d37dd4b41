"""Scorers: pure functions over gold and predicted labels, spans and triples.

They know nothing about files or the coder, so each can be checked by hand on a few items
(tests/evaluate/test_hand_computed.py does exactly that).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

NONE_LABEL = "NONE"  # the prediction when the coder found no event


def f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def ratio(numerator: float, denominator: float) -> float:
    """A share that is 0.0, not an error, when nothing was counted."""
    return numerator / denominator if denominator else 0.0


@dataclass(slots=True)
class LabelScores:
    precision: float
    recall: float
    f1: float
    support: int  # gold items with this label
    predicted: int  # items predicted with this label


@dataclass(slots=True)
class ClassificationReport:
    """One label per item, gold against predicted; NONE predictions count as misses.

    Macro F1 averages the per-label F1 over the labels that occur in the gold set (a label
    only ever predicted adds false positives to its neighbours' precision instead of a zero
    row to the average). Micro precision divides the hits by the items that got a prediction
    other than NONE; micro recall divides them by all items, so a coder that stays silent
    loses recall, not precision.
    """

    labels: list[str]
    per_label: dict[str, LabelScores]
    macro_f1: float
    micro_precision: float
    micro_recall: float
    micro_f1: float
    accuracy: float
    n: int
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "micro_precision": self.micro_precision,
            "micro_recall": self.micro_recall,
            "micro_f1": self.micro_f1,
            "per_label": {
                label: {
                    "precision": s.precision,
                    "recall": s.recall,
                    "f1": s.f1,
                    "support": s.support,
                    "predicted": s.predicted,
                }
                for label, s in self.per_label.items()
            },
            "confusion": self.confusion,
        }


def classification_report(gold: Sequence[str], predicted: Sequence[str]) -> ClassificationReport:
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    gold_labels = sorted(set(gold))
    labels = sorted(set(gold) | (set(predicted) - {NONE_LABEL}))
    hits = Counter(g for g, p in zip(gold, predicted, strict=True) if g == p)
    support = Counter(gold)
    predicted_count = Counter(p for p in predicted if p != NONE_LABEL)
    per_label: dict[str, LabelScores] = {}
    for label in labels:
        precision = ratio(hits[label], predicted_count[label])
        recall = ratio(hits[label], support[label])
        per_label[label] = LabelScores(
            precision, recall, f1(precision, recall), support[label], predicted_count[label]
        )
    total_hits = sum(hits.values())
    micro_p = ratio(total_hits, sum(predicted_count.values()))
    micro_r = ratio(total_hits, len(gold))
    confusion: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, predicted, strict=True):
        row = confusion.setdefault(g, {})
        row[p] = row.get(p, 0) + 1
    return ClassificationReport(
        labels=labels,
        per_label=per_label,
        macro_f1=ratio(sum(per_label[g].f1 for g in gold_labels), len(gold_labels)),
        micro_precision=micro_p,
        micro_recall=micro_r,
        micro_f1=f1(micro_p, micro_r),
        accuracy=ratio(total_hits, len(gold)),
        n=len(gold),
        confusion={g: dict(sorted(row.items())) for g, row in sorted(confusion.items())},
    )


Span = tuple[int, int]  # [start, end) character offsets


def overlap(a: Span | None, b: Span | None) -> int:
    """Characters two half-open spans share (0 when either is missing)."""
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def span_iou(a: Span | None, b: Span | None) -> float:
    """Shared characters over the characters either span covers (0..1)."""
    shared = overlap(a, b)
    if shared == 0 or a is None or b is None:
        return 0.0
    return shared / (max(a[1], b[1]) - min(a[0], b[0]))


@dataclass(slots=True)
class SpanScores:
    """Precision/recall/F1 of labelled units (tokens or spans) as sets of (item, label, unit)."""

    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int
    correct: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "gold": self.gold,
            "predicted": self.predicted,
            "correct": self.correct,
        }


def set_scores(gold: Iterable[Any], predicted: Iterable[Any]) -> SpanScores:
    gold_set, predicted_set = set(gold), set(predicted)
    correct = len(gold_set & predicted_set)
    precision = ratio(correct, len(predicted_set))
    recall = ratio(correct, len(gold_set))
    return SpanScores(
        precision, recall, f1(precision, recall), len(gold_set), len(predicted_set), correct
    )


def bio_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(label, first token, last token + 1) for each B-/I- run; a stray I- opens a span."""
    spans: list[tuple[str, int, int]] = []
    label: str | None = None
    start = 0
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and kind == label
        if label is not None and not continues:
            spans.append((label, start, i))
            label = None
        if prefix in ("B", "I") and not continues:
            label, start = kind, i
    return spans


@dataclass(slots=True)
class TripleCounts:
    """PETRARCH's validation terms: expected triples found, expected missed, unexpected found."""

    correct: int = 0
    uncoded: int = 0
    extra: int = 0

    @property
    def expected(self) -> int:
        return self.correct + self.uncoded

    @property
    def correct_rate(self) -> float:
        return ratio(self.correct, self.expected)

    @property
    def precision(self) -> float:
        return ratio(self.correct, self.correct + self.extra)

    def add(self, other: TripleCounts) -> None:
        self.correct += other.correct
        self.uncoded += other.uncoded
        self.extra += other.extra

    def to_dict(self) -> dict[str, Any]:
        return {
            "correct": self.correct,
            "uncoded": self.uncoded,
            "extra": self.extra,
            "expected": self.expected,
            "correct_rate": self.correct_rate,
            "precision": self.precision,
        }


def compare_triples(
    expected: Sequence[tuple[str, ...]], predicted: Sequence[tuple[str, ...]]
) -> TripleCounts:
    """Multiset comparison: a triple expected twice must be produced twice."""
    want, got = Counter(expected), Counter(predicted)
    correct = sum((want & got).values())
    return TripleCounts(correct, sum(want.values()) - correct, sum(got.values()) - correct)
