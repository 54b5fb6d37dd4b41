"""Scorers as pure functions."""

from __future__ import annotations

import pytest

from detente.evaluate.metrics import (
    bio_spans,
    classification_report,
    compare_triples,
    overlap,
    set_scores,
    span_iou,
)


def test_classification_report_counts_none_as_recall_loss_only() -> None:
    report = classification_report(["A", "A", "B", "B"], ["A", "NONE", "B", "A"])
    # A: 1 hit of 2 predicted, 2 gold -> P 1/2 R 1/2; B: 1 of 1 predicted, 2 gold -> P 1 R 1/2
    assert report.per_label["A"].precision == pytest.approx(0.5)
    assert report.per_label["B"].precision == pytest.approx(1.0)
    assert report.per_label["B"].recall == pytest.approx(0.5)
    assert report.micro_precision == pytest.approx(2 / 3)
    assert report.micro_recall == pytest.approx(0.5)
    assert report.macro_f1 == pytest.approx((0.5 + 2 / 3) / 2)
    assert report.confusion == {"A": {"A": 1, "NONE": 1}, "B": {"A": 1, "B": 1}}
    assert "NONE" not in report.per_label


def test_classification_report_predicted_only_labels_do_not_enter_macro() -> None:
    report = classification_report(["A", "A"], ["A", "C"])
    assert report.per_label["C"].f1 == 0.0
    assert report.macro_f1 == pytest.approx(2 * 1 * 0.5 / 1.5)  # A alone: P 1, R 1/2


def test_classification_report_rejects_unequal_lengths() -> None:
    with pytest.raises(ValueError, match="2 gold labels but 1"):
        classification_report(["A", "B"], ["A"])


def test_empty_report_is_zero_not_an_error() -> None:
    report = classification_report([], [])
    assert report.macro_f1 == 0.0 and report.accuracy == 0.0


def test_span_overlap_and_iou() -> None:
    assert overlap((0, 5), (3, 10)) == 2
    assert overlap((0, 3), (3, 6)) == 0  # half-open spans that only touch
    assert overlap(None, (0, 3)) == 0
    assert span_iou((0, 10), (5, 10)) == pytest.approx(0.5)
    assert span_iou((0, 4), (0, 4)) == 1.0
    assert span_iou((0, 2), None) == 0.0


def test_bio_spans_reads_runs_and_stray_inside_tags() -> None:
    tags = ["B-S", "I-S", "O", "I-T", "I-T", "B-T", "B-R", "I-S"]
    assert bio_spans(tags) == [("S", 0, 2), ("T", 3, 5), ("T", 5, 6), ("R", 6, 7), ("S", 7, 8)]
    assert bio_spans([]) == []


def test_set_scores() -> None:
    scores = set_scores({1, 2, 3, 4}, {3, 4, 5})
    assert (scores.correct, scores.gold, scores.predicted) == (2, 4, 3)
    assert scores.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_triples_are_compared_as_multisets() -> None:
    expected = [("A", "B", "010"), ("A", "B", "010"), ("C", "D", "190")]
    predicted = [("A", "B", "010"), ("D", "C", "190")]
    counts = compare_triples(expected, predicted)
    assert (counts.correct, counts.uncoded, counts.extra) == (1, 2, 1)
    assert counts.correct_rate == pytest.approx(1 / 3)
    assert counts.precision == pytest.approx(0.5)
