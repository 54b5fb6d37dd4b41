"""Evaluate one gold file in one of the supported formats: read, sample, code, score.

This is what `detente evaluate` and `python -m detente.evaluate.floors` both call, so the
numbers a user sees and the numbers CI guards are computed the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from detente.evaluate.readers import (
    FORMATS,
    READERS,
    STANDOFF_FORMAT,
    GoldFileError,
    GoldItem,
    Warn,
    ignore,
    spread_sample,
)
from detente.evaluate.report import EvalReport
from detente.evaluate.standoff import read_standoff
from detente.evaluate.suites import SUITE_NAMES, SUITES, Advance, DocumentCoder

PETRARCH_ACTORS = "PETR.Validate.actors.txt"
PETRARCH_AGENTS = "PETR.Validate.agents.txt"


def _no_progress(n: int = 1) -> None:
    """Default progress callback."""


def read_gold(
    fmt: str,
    path: Path,
    limit: int | None = None,
    warn: Warn = ignore,
    corpus: Path | None = None,
) -> list[GoldItem]:
    """The gold items of `path`; `corpus` is the documents a stand-off file points into."""
    if fmt not in READERS and fmt != STANDOFF_FORMAT:
        raise GoldFileError(f"unknown gold format {fmt!r} (one of {', '.join(FORMATS)})")
    if not path.is_file():
        raise GoldFileError(f"{path}: no such file")
    if fmt == STANDOFF_FORMAT:
        if corpus is None:
            raise GoldFileError(f"{path}: a {fmt} file needs the corpus it annotates (--corpus)")
        items = read_standoff(path, corpus, warn)
    else:
        items = READERS[fmt](path, warn)
    if not items:
        raise GoldFileError(f"{path}: no readable {fmt} item")
    return spread_sample(items, limit)


LEARNED_COMPONENT = "classifier"  # the coder component fitted on gold data


def _config(learned: bool) -> Any:
    from detente.coding import CoderConfig

    default = CoderConfig()
    if learned:
        return default
    return CoderConfig(components=tuple(c for c in default.components if c != LEARNED_COMPONENT))


def default_coder(learned: bool = True) -> DocumentCoder:
    """The shipped coder; without its learned type classifier when `learned` is False."""
    from detente.coding import Coder

    coder: DocumentCoder = Coder(config=_config(learned))
    return coder


def petrarch_coder(folder: Path, warn: Warn = ignore, learned: bool = True) -> DocumentCoder:
    """A Coder whose resolver knows only the PETRARCH validation dictionaries beside the gold.

    The unit-test records name invented actors (Arnor, Gondor); PETRARCH's expected codes
    only make sense with its own dictionaries, so detente's knowledge base is left out.
    """
    from detente.actors import ActorResolver, load_petrarch_dictionary
    from detente.coding import Coder

    actors, agents = folder / PETRARCH_ACTORS, folder / PETRARCH_AGENTS
    if not actors.is_file():
        raise GoldFileError(f"{actors}: needed to code the PETRARCH records")
    problems: list[str] = []
    entries = load_petrarch_dictionary(actors, agents if agents.is_file() else None, problems)
    for problem in problems:
        warn(problem)
    resolver = ActorResolver(include_default=False, entries=entries)
    coder: DocumentCoder = Coder(resolver=resolver, config=_config(learned))
    return coder


def training_note(name: str) -> str | None:
    """A warning when the coder's learned classifier was fitted on this gold set.

    The classifier records which gold sets it was trained on (under the same names as the
    reports: plv, gsr) and its cross-validated scores; scoring the shipped coder on its own
    training sentences overstates its accuracy, so the report says so and points to both.
    """
    from detente.coding.classifier import load_classifier

    classifier = load_classifier()
    examples = classifier.meta.get("examples", {}) if classifier is not None else {}
    if classifier is None or name not in examples:
        return None
    cv = classifier.meta.get("cv", {})
    figures = ", ".join(
        f"{key.removeprefix(name + '_')} {value:.3f}"
        for key, value in sorted(cv.items())
        if key.startswith(name + "_")
    )
    return (
        f"the coder's type classifier was trained on this file ({examples[name]} examples), "
        "so its event-type scores are optimistic; the classifier's 5-fold cross-validated "
        f"figures (coding/data/CLASSIFIER.md): {figures or 'not recorded'}; "
        "--without-classifier scores the rules alone"
    )


def evaluate_items(
    fmt: str,
    items: list[GoldItem],
    path: Path,
    *,
    coder: DocumentCoder | None = None,
    learned: bool = True,
    warn: Warn = ignore,
    advance: Advance = _no_progress,
    cross_validate: int | None = None,
    data: Path | None = None,
) -> EvalReport:
    """Score already-read gold items (the CLI reads first to size its progress bar).

    `learned=False` codes with the rules alone (no learned classifier); ignored when a
    `coder` is given. `cross_validate=k` scores the full coder out of fold, its classifier
    re-trained k times (see `crossval`; `data` is the shared data folder for the other
    training sources, found beside the gold file when left out).
    """
    if cross_validate is not None:
        from detente.evaluate.crossval import CrossValidationError, evaluate_cross_validated

        if not learned or coder is not None:
            raise GoldFileError("cross-validation scores the shipped coder, classifier included")
        try:
            return evaluate_cross_validated(
                fmt, items, path, cross_validate, data=data, advance=advance
            )
        except CrossValidationError as exc:
            raise GoldFileError(str(exc)) from None
    if coder is None:
        if fmt == "petrarch":
            coder = petrarch_coder(path.parent, warn, learned)
        else:
            coder = default_coder(learned)
        # stand-off sets annotate other sentences than the classifier's PLV training file
        trained = learned and fmt != STANDOFF_FORMAT
        note = training_note(SUITE_NAMES[fmt]) if trained else None
    else:
        note = None
    report = SUITES[fmt](items, coder, str(path), advance)
    if note:
        report.training_overlap = note
        report.notes.append(note)
    if not learned:
        report.notes.append("coded without the learned type classifier (rules only)")
    return report


def evaluate_file(
    fmt: str,
    path: Path | str,
    *,
    coder: DocumentCoder | None = None,
    limit: int | None = None,
    learned: bool = True,
    warn: Warn = ignore,
    advance: Advance = _no_progress,
    cross_validate: int | None = None,
    data: Path | None = None,
    corpus: Path | None = None,
) -> EvalReport:
    """Evaluate `path` in format `fmt`, on an evenly spread sample of `limit` items if given
    (`cross_validate`, `data`: as for `evaluate_items`; `corpus`: for stand-off files)."""
    path = Path(path)
    if cross_validate is not None:
        from detente.evaluate.crossval import CrossValidationError, check_format

        try:
            check_format(fmt)
        except CrossValidationError as exc:
            raise GoldFileError(str(exc)) from None
    if fmt == "actors":
        return evaluate_actor_file(path, warn)
    items = read_gold(fmt, path, limit, warn, corpus)
    report = evaluate_items(
        fmt,
        items,
        path,
        coder=coder,
        learned=learned,
        warn=warn,
        advance=advance,
        cross_validate=cross_validate,
        data=data,
    )
    if limit is not None:
        report.notes.append(sample_note(len(items)))
    return report


def sample_note(size: int) -> str:
    return f"sample of {size} items spread evenly over the file"


def evaluate_actor_file(path: Path, warn: Warn = ignore) -> EvalReport:
    """The resolver engineer's actor-resolution evaluation, in the common report shape."""
    if not path.is_file():
        raise GoldFileError(f"{path}: no such file")
    from detente.evaluate.actors import evaluate_actors

    result: Any = evaluate_actors(path, warn=warn)
    summary = result.summary()
    metrics = {"actors.accuracy": float(result.accuracy)}
    if getattr(result, "names_n", 0):
        metrics["actors.names_accuracy"] = float(result.names_accuracy)
    return EvalReport(
        name="actors",
        gold=str(path),
        n=int(result.n),
        metrics=metrics,
        details=dict(result.to_dict()),
        misses=[_actor_miss(m) for m in result.misses],
        text=summary if isinstance(summary, str) else "\n".join(summary),
    )


def _actor_miss(record: dict[str, Any]) -> dict[str, Any]:
    """An actor miss with the same leading fields as the coder's misses (--errors)."""
    return {
        "sentence": record.get("text"),
        "gold": record.get("expected"),
        "prediction": record.get("got"),
        "explanation": record.get("explanation", ""),
        **record,
    }
