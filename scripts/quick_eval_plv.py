"""Quick development check of the event coder on the shared PLV and PLOVER-GSR gold sets.

For each gold sentence the coder's events are compared with the gold dyad: the event whose
source and target spans best overlap the gold spans is taken (no event counts as wrong), and its
PLOVER type is scored against the gold label (PLV merges CONCEDE/RETREAT as YIELD; GSR's older
labels are mapped with `legacy_plover_label`). This is a steering tool for the coding stage, not
the official `detente evaluate`.

    .venv/bin/python scripts/quick_eval_plv.py [--limit N] [--gsr] [--errors FILE] [--classifier]

The learned classifier is left out by default: it is trained on these very sets, so with it
the figures are in-sample.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from detente.coding.coder import Coder, CoderConfig
from detente.coding.ontology import legacy_plover_label, plv_label
from detente.model import Actor, Event

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "gold"


def _tokens(text: str | None) -> set[str]:
    return {w.strip(".,'\"()").lower() for w in (text or "").split()} - {"", "the", "a", "an"}


def span_f1(predicted: Actor | None, gold: str | None) -> float:
    """Token F1 of a predicted actor span against a gold span (0 when either is missing)."""
    a, b = _tokens(predicted.text if predicted else None), _tokens(gold)
    common = len(a & b)
    if not a or not b or not common:
        return 0.0
    precision, recall = common / len(a), common / len(b)
    return 2 * precision * recall / (precision + recall)


def best_event(events: list[Event], source: str | None, target: str | None) -> Event | None:
    if not events:
        return None

    def score(event: Event) -> tuple[float, float]:
        overlap = span_f1(event.source, source) + span_f1(event.target, target)
        return overlap, event.confidence

    return max(events, key=score)


def macro_f1(pairs: list[tuple[str, str]]) -> tuple[float, dict[str, float]]:
    labels = sorted({gold for gold, _ in pairs})
    scores: dict[str, float] = {}
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        scores[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return sum(scores.values()) / len(scores), scores


def run_plv(coder: Coder, limit: int | None, errors: list[dict[str, Any]]) -> None:
    with open(SHARED / "plv_train.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:limit]
    pairs: list[tuple[str, str]] = []
    source_ok = target_ok = 0
    source_f1 = target_f1 = 0.0
    no_event = 0
    for row, (_, events) in zip(
        rows, coder.extract_documents(_docs(r["text"] for r in rows)), strict=True
    ):
        event = best_event(events, row["source"], row["target"])
        predicted = plv_label(event.type) if event else "NONE"
        no_event += event is None
        pairs.append((row["label"], predicted))
        s = span_f1(event.source if event else None, row["source"])
        t = span_f1(event.target if event else None, row["target"])
        source_f1 += s
        target_f1 += t
        source_ok += s > 0
        target_ok += t > 0
        if predicted != row["label"]:
            errors.append(
                {
                    "set": "plv",
                    "text": row["text"],
                    "gold": row["label"],
                    "predicted": predicted,
                    "explanation": event.explanation if event else "",
                    "events": [f"{e.type}:{e.explanation}" for e in events],
                }
            )
    n = len(rows)
    score, per_label = macro_f1(pairs)
    accuracy = sum(g == p for g, p in pairs) / n
    print(f"PLV n={n} macro-F1={score:.3f} accuracy={accuracy:.3f} no-event={no_event / n:.3f}")
    print(
        f"  span agreement (overlap): source={source_ok / n:.3f} target={target_ok / n:.3f} "
        f"both-avg={(source_ok + target_ok) / (2 * n):.3f}; "
        f"token-F1 source={source_f1 / n:.3f} target={target_f1 / n:.3f}"
    )
    print("  " + " ".join(f"{k}={v:.2f}" for k, v in per_label.items()))


def run_gsr(coder: Coder, errors: list[dict[str, Any]]) -> None:
    with open(SHARED / "plover_gsr.jsonl", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    correct = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for row, (_, events) in zip(
        rows, coder.extract_documents(_docs(r["text"] for r in rows)), strict=True
    ):
        gold = legacy_plover_label(row["event"]) or row["event"]
        source = row["source"][0][2] if row["source"] else None
        target = row["target"][0][2] if row["target"] else None
        event = best_event(events, source, target)
        predicted = event.type if event else "NONE"
        correct += predicted == gold
        confusion[(gold, predicted)] += predicted != gold
        if predicted != gold:
            errors.append(
                {
                    "set": "gsr",
                    "text": row["text"],
                    "gold": gold,
                    "predicted": predicted,
                    "events": [f"{e.type}:{e.explanation}" for e in events],
                }
            )
    print(f"GSR n={len(rows)} accuracy={correct / len(rows):.3f}")
    print("  top confusions:", confusion.most_common(8))


def _docs(texts: Any) -> Any:
    from detente.model import Document

    return (Document(text=t) for t in texts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--gsr", action="store_true", help="also score plover_gsr.jsonl")
    parser.add_argument("--errors", type=Path, help="write mismatches as JSON lines here")
    parser.add_argument(
        "--classifier",
        action="store_true",
        help="include the learned type classifier (trained on these gold sets: in-sample!)",
    )
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"no gold data at {SHARED}", file=sys.stderr)
        return 2
    components = ("rules", "statements") + (("classifier",) if args.classifier else ())
    coder = Coder(config=CoderConfig(components=components))
    print(f"components: {', '.join(coder.component_names)}")
    errors: list[dict[str, Any]] = []
    run_plv(coder, args.limit, errors)
    if args.gsr:
        run_gsr(coder, errors)
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as handle:
            for record in errors:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
