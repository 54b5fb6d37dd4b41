"""Cross-validated scores of the full coder on the gold sets its type classifier learns from.

The shipped classifier was fitted on PLV and the PLOVER gold standard, so scoring the coder
on those files measures memory, not accuracy. Here the classifier is re-trained k times with
the training code and the fixed hyperparameters of the shipped model, each time without one
fold of the gold examples (the synthetic examples always stay in training); every gold
sentence is then coded by the whole pipeline with the model that never saw it, and the pooled
out-of-fold predictions are scored by the usual suite. The folds are the training script's own
(`classifier_training.folds`: stratified by gold set and label, fixed seed), so the figures
are comparable with data/CLASSIFIER.md.

Training data: the gold file itself, plus whatever of the other standard training sources is
found under the data folder (the shared `data/`): the other gold set, the synthetic stories
and headlines. Without a data folder only the gold file is used, and the report says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.coding import classifier_training as ct
from detente.coding.classifier import TypeClassifier
from detente.evaluate.readers import GoldItem
from detente.evaluate.report import EvalReport
from detente.evaluate.suites import SUITES, Advance
from detente.model import Document, Event

# Formats whose gold file is part of the classifier's training data, with the example group
# (classifier_training's name for the set) each one feeds.
TRAINED_FORMATS: dict[str, str] = {"plv": "plv", "plover-gsr": "gsr"}
# Standard training sources under the shared data folder, in the training script's order
# (the order fixes the fold assignment).
SOURCES: tuple[tuple[str, str], ...] = (
    ("plv", "gold/plv_train.csv"),
    ("gsr", "gold/plover_gsr.jsonl"),
    ("synthetic", "training/ngec_gpt_synthetic_events.csv.zip"),
    ("headline", "training/ngec_synthetic_headlines.csv"),
)
COUNTRIES = "cameo/GDELT_CAMEO.country.txt"
# The shipped model's hyperparameters when its artefact does not record them (CLASSIFIER.md).
DEFAULT_LAMBDA = 0.1
DEFAULT_SYNTHETIC = 0.3
# L-BFGS steps per fold model at most: the training script's cap, so the fold models are the
# ones its own cross-validation fits. Measured 2026-11-25 on the shared two-core machine: one
# fold model on the full training data takes about 10 s (4 s when capped at 60 steps).
CV_ITERATIONS = 300


class CrossValidationError(ValueError):
    """Cross-validation was asked for a format or data it cannot use."""


def check_format(fmt: str) -> None:
    """Cross-validation only means something for a gold set the classifier trains on."""
    if fmt not in TRAINED_FORMATS:
        raise CrossValidationError(
            f"--cross-validate applies to the gold sets the type classifier is trained on "
            f"({', '.join(TRAINED_FORMATS)}), not to {fmt}: its scores are already out of sample"
        )


def data_folder_for(gold: Path) -> Path | None:
    """The shared data folder holding `gold` (…/data/gold/FILE), if it has training data."""
    folder = gold.resolve().parent.parent
    return folder if (folder / "training").is_dir() else None


def _read(group: str, path: Path, data: Path | None) -> list[ct.Example]:
    if group == "plv":
        return ct.read_plv(path)
    if group == "gsr":
        return ct.read_gsr(path)
    if group == "synthetic":
        return ct.read_synthetic(path)
    countries = data / COUNTRIES if data is not None else None
    if countries is None or not countries.is_file():
        return []  # headlines need country names to fill their slots
    return ct.read_headlines(path, ct.read_countries(countries))


def training_examples(
    fmt: str, gold: Path, data: Path | None
) -> tuple[list[ct.Example], list[str]]:
    """(examples, the sources used): the gold file in place of its own standard source."""
    own = TRAINED_FORMATS[fmt]
    examples: list[ct.Example] = []
    used: list[str] = []
    for group, relative in SOURCES:
        path = gold if group == own else (data / relative if data is not None else None)
        if path is None or not path.is_file():
            continue
        found = _read(group, path, data)
        if found:
            examples += found
            used.append(f"{path.name} ({len(found)})")
    return examples, used


def hyperparameters() -> tuple[float, float]:
    """(lambda, synthetic weight) of the shipped model, as recorded in its artefact."""
    from detente.coding.classifier import load_classifier

    shipped = load_classifier()
    meta = shipped.meta if shipped is not None else {}
    return (
        float(meta.get("lambda", DEFAULT_LAMBDA)),
        float(meta.get("synthetic", DEFAULT_SYNTHETIC)),
    )


@dataclass(slots=True)
class FoldModels:
    """k classifiers, model k trained without fold k, and which fold each sentence is in."""

    models: list[TypeClassifier]
    fold_of: dict[str, int]
    sources: list[str]
    iterations: int

    def fold(self, text: str) -> int:
        """The fold of a gold sentence; one absent from training is out of sample everywhere,
        so fold 0's model is as valid as any."""
        return self.fold_of.get(text.strip(), 0)


_CACHE: dict[tuple[Any, ...], FoldModels] = {}


def fold_models(
    examples: Sequence[ct.Example],
    n_folds: int,
    *,
    sources: Sequence[str] = (),
    iterations: int | None = None,
    params: tuple[float, float] | None = None,
) -> FoldModels:
    """Train the k fold models (cached in the process: PLV and GSR share the same folds).

    `iterations` caps L-BFGS (default `CV_ITERATIONS`); `params` is (lambda, synthetic
    weight), the shipped model's when left out."""
    iterations = iterations or CV_ITERATIONS
    if n_folds < 2:
        raise CrossValidationError("--cross-validate needs at least 2 folds")
    lam, synthetic = params or hyperparameters()
    key = (tuple(examples), n_folds, iterations, lam, synthetic)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    fold = ct.folds(examples, n_folds).tolist()
    if not any(f >= 0 for f in fold):
        raise CrossValidationError("no gold example to fold")
    fold_of: dict[str, int] = {}
    for example, k in zip(examples, fold, strict=True):
        if k >= 0:
            fold_of.setdefault(example.sentence.strip(), k)
    models = []
    for k in range(n_folds):
        rest = [ex for ex, f in zip(examples, fold, strict=True) if f != k]
        models.append(ct.train(rest, lam, synthetic, iterations=iterations))
    result = FoldModels(models, fold_of, list(sources), iterations)
    _CACHE.clear()  # keep one corpus's models: the floors run scores PLV then GSR with them
    _CACHE[key] = result
    return result


@dataclass(slots=True)
class _Switch:
    """The classifier callable handed to the Coder: the model of the current document's fold."""

    folds: FoldModels
    current: int = 0

    def __call__(
        self, sentence: str, trigger: str | None, source: str | None, target: str | None
    ) -> list[tuple[str, float]]:
        return self.folds.models[self.current].predict(sentence, trigger, source, target)


class FoldCoder:
    """A DocumentCoder that codes each gold sentence with the full pipeline and the model of
    its fold. One Coder serves every fold (the switch changes which model it asks), so the
    parse, the resolver and the document-to-document memory are exactly those of a normal run.
    """

    def __init__(self, folds: FoldModels, make_coder: Callable[[Any], Any]) -> None:
        self.switch = _Switch(folds)
        self.coder = make_coder(self.switch)

    def extract_documents(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        pairs = ((d.text, d) for d in docs)
        coder = self.coder
        for parsed, document in coder.nlp.pipe(
            pairs, as_tuples=True, batch_size=coder.config.batch_size
        ):
            self.switch.current = self.switch.folds.fold(document.text)
            yield document, coder.code_doc(parsed, date=document.date, doc_id=document.id)


def default_make_coder(classifier: Any) -> Any:
    """The shipped coder configuration with `classifier` behind its classifier component."""
    from detente.coding import Coder

    return Coder(classifier=classifier)


def evaluate_cross_validated(
    fmt: str,
    items: list[GoldItem],
    gold: Path,
    n_folds: int,
    *,
    data: Path | None = None,
    make_coder: Callable[[Any], Any] | None = None,
    iterations: int | None = None,
    advance: Advance | None = None,
) -> EvalReport:
    """The suite's report on out-of-fold predictions of the full coder.

    `data` is the shared data folder (found from `gold` when left out); `make_coder` builds a
    coder around a classifier callable (`default_make_coder`: the shipped configuration).
    """
    check_format(fmt)
    data = data if data is not None else data_folder_for(gold)
    examples, sources = training_examples(fmt, gold, data)
    if not examples:
        raise CrossValidationError(f"{gold}: no training example could be read")
    folds = fold_models(examples, n_folds, sources=sources, iterations=iterations)
    coder = FoldCoder(folds, make_coder or default_make_coder)
    report = SUITES[fmt](items, coder, str(gold), advance or _no_progress)
    unseen = sum(1 for item in items if item.text.strip() not in folds.fold_of)
    report.notes.append(
        f"cross-validated ({n_folds} folds): the full coder, its type classifier re-trained "
        f"{n_folds} times without the fold being coded; training data: {', '.join(sources)}"
        + (f"; {unseen} items were in no training set at all" if unseen else "")
    )
    report.details["cross_validated"] = {"folds": n_folds, "sources": sources}
    return report


def _no_progress(n: int = 1) -> None:
    """Default progress callback."""
