"""Train the PLOVER event-type classifier shipped as src/detente/coding/data/type_classifier.npz.

    .venv/bin/python scripts/train_classifier.py --shared ../shared [--quick]

Data (read from ../shared at training time; nothing is copied into the repository):
  gold/plv_train.csv           PLV sentences with source/target spans; its YIELD label stands for
                               CONCEDE or RETREAT and is trained as "either of the two" (the loss
                               is -log(p_CONCEDE + p_RETREAT)), so the two are told apart only by
                               the sources that name them;
  gold/plover_gsr.jsonl        PLOVER gold-standard records, older labels mapped with
                               `legacy_plover_label`, trigger taken from the EVT markup;
  training/ngec_gpt_synthetic_events.csv.zip   synthetic stories: first sentence, pseudo-label;
  training/ngec_synthetic_headlines.csv        synthetic headlines, {country_n}/{city} filled
                               with GDELT country names drawn with a fixed seed.
The synthetic sources are weighted down. The trigger of a sentence without one is the word the
coder's own lexicon would fire on, so training sees what inference will be given.

Reported figures are cross-validated only: 5 stratified folds over PLV and over GSR at once, the
synthetic data always in the training folds. The L2 strength is chosen by that CV (the grids
are constants below; SYNTHETIC_WEIGHTS holds the one value that survived a development sweep);
the final model is trained on everything and written, with the figures, into data/CLASSIFIER.md
(between the cv markers). A run takes 2-5 minutes on two shared cores.

The readers, features and fit are in `detente.coding.classifier_training`; this is the CLI.
"""

from __future__ import annotations

import os

# BLAS threads fighting over two shared cores made each L-BFGS step ~4x slower; one is enough.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

# The training code lives in the package so that the evaluation's per-fold re-training uses
# exactly the same code; the names below are re-exported for callers of this script.
from detente.coding.classifier_training import (
    BARE,
    FOLDS,
    GOLD,
    LAMBDAS,
    SEED,
    SYNTHETIC_WEIGHTS,
    Example,
    cross_validate,
    folds,
    load_all,
    train,
)

__all__ = [
    "BARE",
    "FOLDS",
    "GOLD",
    "LAMBDAS",
    "SEED",
    "SYNTHETIC_WEIGHTS",
    "Example",
    "cross_validate",
    "folds",
    "load_all",
    "main",
    "train",
]

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / "src" / "detente" / "coding" / "data"


# -- artefact and model card --------------------------------------------------------------------


def write_card(path: Path, body: str) -> None:
    start, end = "<!-- cv:start -->", "<!-- cv:end -->"
    text = path.read_text(encoding="utf-8")
    if start not in text or end not in text:
        raise SystemExit(f"{path}: cv markers missing")
    head, rest = text.split(start, 1)
    tail = rest.split(end, 1)[1]
    path.write_text(f"{head}{start}\n{body}\n{end}{tail}", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=DATA_DIR / "type_classifier.npz")
    parser.add_argument("--card", type=Path, default=DATA_DIR / "CLASSIFIER.md")
    parser.add_argument("--quick", action="store_true", help="no grid search: default setting")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    examples = load_all(args.shared)
    sizes = Counter(ex.group for ex in examples)
    print("examples:", dict(sizes), file=sys.stderr)
    grid = [(0.1, 0.3)] if args.quick else [(a, s) for a in LAMBDAS for s in SYNTHETIC_WEIGHTS]
    rows, best = [], None
    for lam, syn in grid:
        res = cross_validate(examples, lam, syn)
        rows.append((lam, syn, res))
        print(f"lambda={lam} synthetic={syn}: " + json.dumps(res), file=sys.stderr)
        if best is None or res["plv_macro_f1_context"] > best[2]["plv_macro_f1_context"]:
            best = (lam, syn, res)
    assert best is not None
    lam, syn, res = best
    model = train(examples, lam, syn)
    model.meta.update(
        {"examples": dict(sizes), "seed": SEED, "cv": {k: round(v, 4) for k, v in res.items()}}
    )
    model.save(args.out)
    size = args.out.stat().st_size
    print(json.dumps({"lambda": lam, "synthetic": syn, **res}, indent=1))
    print(f"artefact {args.out} {size / 1e6:.2f} MB, {model.n_rows} weight rows")
    table = [
        "| lambda | synthetic weight | PLV macro-F1 | PLV acc. | GSR acc. | PLV macro-F1 "
        "(sentence only) | GSR acc. (sentence only) |",
        "|---|---|---|---|---|---|---|",
    ]
    for lam_, syn_, r in rows:
        mark = " **(chosen)**" if (lam_, syn_) == (lam, syn) else ""
        table.append(
            f"| {lam_}{mark} | {syn_} | {r['plv_macro_f1_context']:.3f} | "
            f"{r['plv_accuracy_context']:.3f} | {r['gsr_accuracy_context']:.3f} | "
            f"{r['plv_macro_f1_sentence']:.3f} | {r['gsr_accuracy_sentence']:.3f} |"
        )
    body = "\n".join(
        [
            f"Training examples: {', '.join(f'{g} {n}' for g, n in sorted(sizes.items()))}.",
            f"Chosen: lambda {lam}, synthetic weight {syn} (seed {SEED}, {FOLDS} folds).",
            f"Artefact: {size / 1e6:.2f} MB, {model.n_rows} weight rows (float16).",
            "",
            *table,
        ]
    )
    write_card(args.card, body)
    print(f"done in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
