"""Regression floors: every shared gold set's scores, compared with eval/floors.json.

    python -m detente.evaluate.floors --shared ../shared [--write-benchmarks] [--update]

Runs each evaluation whose gold file exists, prints a table, optionally rewrites the
"accuracy" section of BENCHMARKS.md, and exits 1 when a score falls more than the tolerance
(0.01) below its floor. `--update` raises floors to the current scores (never lowers them:
a floor goes down only by editing floors.json, in a reviewed change that says why).
floors.json also fixes each set's sample size, so CI on two cores stays within minutes.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.evaluate.readers import STANDOFF_FORMAT as STANDOFF
from detente.evaluate.readers import GoldFileError
from detente.evaluate.runner import evaluate_file

REPO_ROOT = Path(__file__).resolve().parents[3]
FLOORS_FILE = REPO_ROOT / "eval" / "floors.json"
DEFAULT_TOLERANCE = 0.01


@dataclass(frozen=True, slots=True)
class GoldSet:
    name: str  # the metrics' prefix
    format: str
    path: str  # relative to the shared data folder (or the repository, for a stand-off set)
    learned: bool = True  # False: code without the learned classifier
    folds: int | None = None  # cross-validated with this many folds
    corpus: str | None = None  # a stand-off set's corpus, relative to the shared data folder
    in_repo: bool = False  # `path` is this repository's (our own annotations), not shared

    def gold_file(self, data: Path) -> Path:
        return (REPO_ROOT if self.in_repo else data) / self.path

    @property
    def scoring(self) -> str:
        """How the set is scored, for the table: never an in-sample figure unlabelled."""
        if self.format == "actors":
            return "actor resolver"
        if self.folds is not None:
            return f"full coder, cross-validated ({self.folds} folds)"
        return "full coder" if self.learned else "rules only (no classifier)"


CV_FOLDS = 5
WIKINEWS = "news/wikinews_2019_2020.jsonl"
# The learned type classifier is fitted on PLV and GSR, so the full coder is scored on them
# out of fold only (`crossval`), and the rules alone as well: a floor that no re-training can
# move.
GOLD_SETS = (
    GoldSet("plv", "plv", "gold/plv_train.csv", folds=CV_FOLDS),
    GoldSet("plv_rules", "plv", "gold/plv_train.csv", learned=False),
    GoldSet("gsr", "plover-gsr", "gold/plover_gsr.jsonl", folds=CV_FOLDS),
    GoldSet("gsr_rules", "plover-gsr", "gold/plover_gsr.jsonl", learned=False),
    GoldSet("petrarch", "petrarch", "petrarch/petr_unittest_gold.jsonl"),
    GoldSet("conflibert_class", "conflibert-cameo", "gold/conflibert_cameo_class_train.tsv"),
    GoldSet("conflibert_ner", "conflibert-ner", "gold/conflibert_cameo_ner_train.txt"),
    GoldSet("actors", "actors", "gold/actor_resolution_dev.jsonl"),
    # Our own blind annotations of Wikinews sentences (eval/README.md): the dev half may be
    # read for error analysis, the test half only measured.
    GoldSet("blind_dev", STANDOFF, "eval/wikinews_blind_dev.csv", corpus=WIKINEWS, in_repo=True),
    GoldSet("blind_test", STANDOFF, "eval/wikinews_blind_test.csv", corpus=WIKINEWS, in_repo=True),
)


@dataclass(frozen=True, slots=True)
class Verdict:
    metric: str
    floor: float | None
    current: float
    status: str  # ok, DROP, new


def check(
    current: dict[str, float], floors: dict[str, float], tolerance: float = DEFAULT_TOLERANCE
) -> list[Verdict]:
    """Each measured metric against its floor; a floor whose set did not run is not judged."""
    verdicts = []
    for metric, value in current.items():
        floor = floors.get(metric)
        if floor is None:
            status = "new"
        elif value < floor - tolerance - 1e-9:
            status = "DROP"
        else:
            status = "ok"
        verdicts.append(Verdict(metric, floor, value, status))
    return verdicts


def raised(current: dict[str, float], floors: dict[str, float]) -> dict[str, float]:
    """Floors lifted to the current scores where those are higher (4 decimals)."""
    updated = dict(floors)
    for metric, value in current.items():
        value = round(value, 4)
        if metric not in updated or value > updated[metric]:
            updated[metric] = value
    return dict(sorted(updated.items()))


def load_floors(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {"tolerance": DEFAULT_TOLERANCE, "samples": {}, "items": {}, "floors": {}}
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    loaded.setdefault("tolerance", DEFAULT_TOLERANCE)
    loaded.setdefault("samples", {})
    loaded.setdefault("items", {})
    loaded.setdefault("floors", {})
    return loaded


def data_folder(shared: Path) -> Path:
    """--shared may name the shared folder or its data/ folder."""
    return shared / "data" if (shared / "data").is_dir() else shared


@dataclass(slots=True)
class SetResult:
    gold_set: GoldSet
    n: int
    seconds: float
    metrics: dict[str, float]
    sample: int | None
    notes: list[str]


def run_sets(data: Path, samples: dict[str, int | None]) -> tuple[list[SetResult], list[str]]:
    """Every gold set present under `data`; a set whose evaluation crashes is reported and
    counted as a failure, so one broken stage does not hide the other stages' scores."""
    results: list[SetResult] = []
    failures: list[str] = []
    for gold_set in GOLD_SETS:
        path = gold_set.gold_file(data)
        corpus = data / gold_set.corpus if gold_set.corpus else None
        missing = next((p for p in (path, corpus) if p is not None and not p.is_file()), None)
        if missing is not None:
            print(f"skipped {gold_set.name}: {missing} not found", file=sys.stderr)
            continue
        sample = samples.get(gold_set.name)
        started = time.perf_counter()
        try:
            report = evaluate_file(
                gold_set.format,
                path,
                limit=sample,
                learned=gold_set.learned,
                cross_validate=gold_set.folds,
                data=data,
                corpus=corpus,
            )
        except GoldFileError:
            raise
        except Exception:
            traceback.print_exc()
            failures.append(gold_set.name)
            continue
        seconds = time.perf_counter() - started
        metrics = {
            f"{gold_set.name}.{key.partition('.')[2]}": value
            for key, value in report.metrics.items()
        }
        notes = [report.training_overlap] if report.training_overlap else []
        results.append(SetResult(gold_set, report.n, seconds, metrics, sample, notes))
        print(f"{gold_set.name}: {report.n} items in {seconds:.1f} s", file=sys.stderr)
    return results, failures


def table(results: list[SetResult], verdicts: list[Verdict]) -> str:
    by_metric = {v.metric: v for v in verdicts}
    lines = [
        "| gold set | scoring | items | metric | score | floor | status |",
        "|---|---|---:|---|---:|---:|---|",
    ]
    for result in results:
        items = f"{result.n}" + (" (sample)" if result.sample else "")
        for metric, value in result.metrics.items():
            verdict = by_metric[metric]
            floor = "–" if verdict.floor is None else f"{verdict.floor:.3f}"
            lines.append(
                f"| {result.gold_set.path} | {result.gold_set.scoring} | {items} | `{metric}`"
                f" | {value:.3f} | {floor}"
                f" | {verdict.status} |"
            )
    return "\n".join(lines)


def write_benchmarks(results: list[SetResult], verdicts: list[Verdict], command: str) -> None:
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    report = importlib.import_module("bench._report")
    seconds = ", ".join(f"{r.gold_set.name} {r.seconds:.0f} s" for r in results)
    body = (
        f"{table(results, verdicts)}\n\n"
        "Scores are recomputed by `make eval` and compared with `eval/floors.json` "
        "(a drop of more than 0.01 below a floor fails CI). How each score is defined: "
        'README, "Evaluation and benchmarks". The type classifier is trained on PLV and '
        "GSR, so the full coder is scored on them out of fold only: each fold coded with a "
        "classifier re-trained without it (`--cross-validate`).\n\n"
        f"Time per set (1 process): {seconds}; {sum(r.seconds for r in results):.0f} s in all. "
        "The cross-validated PLV row includes training the fold models, which GSR reuses.\n"
    )
    notes = [f"- `{r.gold_set.name}`: {note}." for r in results for note in r.notes]
    if notes:
        body += "\nTraining overlap (in-sample scores, not comparable):\n\n"
        body += "\n".join(notes) + "\n"
    report.update_section("accuracy", "Accuracy on public gold sets", body, command=command)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m detente.evaluate.floors",
        description="Evaluate every shared gold set and enforce the floors in eval/floors.json.",
    )
    parser.add_argument("--shared", type=Path, required=True, help="the ../shared folder")
    parser.add_argument("--floors", type=Path, default=FLOORS_FILE, help="floors file")
    parser.add_argument(
        "--write-benchmarks", action="store_true", help="rewrite BENCHMARKS.md's accuracy section"
    )
    parser.add_argument("--update", action="store_true", help="raise floors to current scores")
    args = parser.parse_args(argv)
    data = data_folder(args.shared)
    if not data.is_dir():
        print(f"floors: {args.shared} is not a folder", file=sys.stderr)
        return 2
    config = load_floors(args.floors)
    try:
        results, failures = run_sets(data, config["samples"])
    except GoldFileError as exc:
        print(f"floors: {exc}", file=sys.stderr)
        return 2
    current = {m: v for r in results for m, v in r.metrics.items()}
    tolerance = float(config["tolerance"])
    verdicts = check(current, config["floors"], tolerance)
    drops = [v for v in verdicts if v.status == "DROP"]
    if args.update:
        config["floors"] = raised(current, config["floors"])
        config["items"] = {r.gold_set.name: r.n for r in results}
        args.floors.parent.mkdir(parents=True, exist_ok=True)
        args.floors.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        print(f"floors written to {args.floors}", file=sys.stderr)
        # the table shows the floors now in force; a drop found above still fails the run
        now = {v.metric: v for v in check(current, config["floors"], tolerance)}
        verdicts = [v if v.status == "DROP" else now[v.metric] for v in verdicts]
    print(table(results, verdicts))
    if args.write_benchmarks:
        write_benchmarks(results, verdicts, "make eval")
    for verdict in drops:
        print(
            f"floors: {verdict.metric} {verdict.current:.4f} is below its floor "
            f"{verdict.floor:.4f} by more than {config['tolerance']}",
            file=sys.stderr,
        )
    for name in failures:
        print(f"floors: the {name} evaluation failed (traceback above)", file=sys.stderr)
    unmeasured = unmeasured_floors(current, config["floors"], {r.gold_set.name for r in results})
    for metric in unmeasured:
        print(
            f"floors: {metric} has a floor but its evaluation produced no such score "
            "(renamed metric?)",
            file=sys.stderr,
        )
    return 1 if drops or failures or unmeasured else 0


def unmeasured_floors(
    current: dict[str, float], floors: dict[str, float], ran: set[str]
) -> list[str]:
    """Floors of sets that ran but whose metric is missing: a renamed key must not pass."""
    return sorted(m for m in floors if m.split(".", 1)[0] in ran and m not in current)


if __name__ == "__main__":
    sys.exit(main())
