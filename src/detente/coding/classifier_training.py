"""Training the PLOVER event-type classifier: data readers, features, L-BFGS fit, folds.

Shared by scripts/train_classifier.py, which builds the shipped artefact, and by
`detente.evaluate.crossval`, which re-trains the model once per fold to score the whole coder
out of fold: both must see the same examples, the same pseudo-triggers and the same folds, or
the evaluation would measure a different model from the one that ships.

Data and weighting are described in data/CLASSIFIER.md. Nothing here reads ../shared unless
asked: `load_all(shared)` and the readers take explicit paths.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
from scipy import sparse  # type: ignore[import-untyped]

from detente.coding.classifier import Featurizer, TypeClassifier, stem, word_hash
from detente.coding.lexicon import load_lexicon
from detente.coding.ontology import legacy_plover_label, plv_label
from detente.model import PLOVER_TYPES

SEED = 20261125
BITS = 18
FOLDS = 5
LAMBDAS = (0.05, 0.1, 0.25)
SYNTHETIC_WEIGHTS = (0.3,)
BARE = 1.0
GOLD = ("plv", "gsr")
ITERATIONS = 300  # L-BFGS steps at most; the relative-decrease test usually stops it first
Matrix: TypeAlias = Any  # scipy.sparse.csr_matrix; scipy ships no type information
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Example:
    sentence: str
    trigger: str | None
    source: str | None
    target: str | None
    allowed: tuple[str, ...]  # the gold label, or CONCEDE+RETREAT for PLV's YIELD
    gold: str  # as the set spells it (PLV: YIELD; GSR: current PLOVER name)
    group: str  # plv | gsr | synthetic | headline


# -- data --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _trigger_finder() -> tuple[set[str], set[str]]:
    lex = load_lexicon()
    events = {stem(w) for w in lex.verbs} | {stem(w) for w in lex.noun_heads}
    return events, {stem(w) for w in lex.speech_verbs} - events


_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")


def pseudo_trigger(sentence: str, source: str | None, target: str | None) -> str | None:
    """The word the coder's lexicon would fire on: between the actors if possible, else after
    the source, else the first; speech verbs only when nothing else matches."""
    events, speech = _trigger_finder()
    words = [(m.group(), m.start(), stem(m.group())) for m in _WORD.finditer(sentence)]
    lowered = sentence.lower()
    src = lowered.find(source.lower()) if source else -1
    tgt = lowered.find(target.lower()) if target else -1
    for vocab in (events, speech):
        hits = [(w, at) for w, at, s in words if s in vocab]
        if not hits:
            continue
        lo = src + len(source or "") if src >= 0 else -1
        between = [w for w, at in hits if lo >= 0 and tgt >= 0 and lo <= at < tgt]
        after = [w for w, at in hits if lo >= 0 and at >= lo]
        return (between or after or [hits[0][0]])[0]
    return None


def read_plv(path: Path) -> list[Example]:
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label = row["label"].strip().upper()
            current = legacy_plover_label(label)
            allowed = ("CONCEDE", "RETREAT") if label == "YIELD" else (current,) if current else ()
            if not allowed:
                continue
            src, tgt = row["source"] or None, row["target"] or None
            trig = pseudo_trigger(row["text"], src, tgt)
            out.append(Example(row["text"], trig, src, tgt, allowed, label, "plv"))
    return out


def read_gsr(path: Path) -> list[Example]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        label = legacy_plover_label(rec["event"])
        if label is None:
            continue
        src = rec["source"][0][2] if rec["source"] else None
        tgt = rec["target"][0][2] if rec["target"] else None
        evt = re.search(r"\(EVT: ([^)]+)\)", rec.get("markup") or "")
        trig = evt.group(1) if evt else pseudo_trigger(rec["text"], src, tgt)
        out.append(Example(rec["text"], trig, src, tgt, (label,), label, "gsr"))
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def read_synthetic(path: Path) -> list[Example]:
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        text = archive.read(name).decode("utf-8")
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        label = legacy_plover_label(row["label"])
        first = _SENTENCE_END.split(row["text"].strip(), maxsplit=1)[0].strip()
        if label is None or not first:
            continue
        out.append(
            Example(
                first, pseudo_trigger(first, None, None), None, None, (label,), label, "synthetic"
            )
        )
    return out


def read_headlines(path: Path, countries: Sequence[str]) -> list[Example]:
    rng = np.random.default_rng(SEED)
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label = legacy_plover_label(row["event"])
            if label is None:
                continue
            title = re.sub(
                r"\{(country_\d|city)\}",
                lambda _: countries[int(rng.integers(len(countries)))],
                row["title"].strip(),
            )
            trig = pseudo_trigger(title, None, None)
            out.append(Example(title, trig, None, None, (label,), label, "headline"))
    return out


def read_countries(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    # Three-letter codes are countries; longer ones are regions and cities (WSB, BAG...).
    return sorted({r["LABEL"].strip() for r in rows if len(r["CODE"]) == 3 and r["LABEL"]})


def load_all(shared: Path) -> list[Example]:
    data = shared / "data"
    countries = read_countries(data / "cameo" / "GDELT_CAMEO.country.txt")
    return (
        read_plv(data / "gold" / "plv_train.csv")
        + read_gsr(data / "gold" / "plover_gsr.jsonl")
        + read_synthetic(data / "training" / "ngec_gpt_synthetic_events.csv.zip")
        + read_headlines(data / "training" / "ngec_synthetic_headlines.csv", countries)
    )


# -- features and model -----------------------------------------------------------------------


def known_words(examples: Sequence[Example], min_count: int = 2) -> frozenset[int]:
    """Stems seen at least `min_count` times in lower case: capitalised others are names."""
    counts = Counter(
        stem(w) for ex in examples for w in _WORD.findall(ex.sentence) if w[0].islower()
    )
    return frozenset(word_hash(w) for w, c in counts.items() if c >= min_count)


def featurize(feat: Featurizer, examples: Sequence[Example]) -> Matrix:
    """Rows scaled by 1/sqrt(active features), as `TypeClassifier.scores` does."""
    buckets, counts = feat.batch(
        [(ex.sentence, ex.trigger, ex.source, ex.target) for ex in examples]
    )
    values = np.repeat(1.0 / np.sqrt(np.maximum(counts, 1)), counts)
    indptr = np.concatenate([[0], np.cumsum(counts)])
    return sparse.csr_matrix((values, buckets, indptr), shape=(len(examples), 1 << feat.bits))


def label_mask(examples: Sequence[Example]) -> npt.NDArray[np.bool_]:
    index = {t: k for k, t in enumerate(PLOVER_TYPES)}
    mask = np.zeros((len(examples), len(PLOVER_TYPES)), dtype=bool)
    for i, ex in enumerate(examples):
        mask[i, [index[a] for a in ex.allowed]] = True
    return mask


def fit(
    x: Matrix,
    mask: npt.NDArray[np.bool_],
    weight: FloatArray,
    lam: float,
    iterations: int = ITERATIONS,
) -> tuple[npt.NDArray[np.int64], FloatArray, FloatArray]:
    """L2 multinomial logistic regression with set-valued labels, by L-BFGS.

    Returns (used hash buckets, their weight rows, bias). Only columns some example uses are
    optimised: the others would stay exactly zero under L2 anyway.
    """
    used = np.unique(x.indices).astype(np.int64)
    xs = x[:, used].tocsr()
    xt = xs.T.tocsr()
    n_feat, k = len(used), mask.shape[1]

    def objective(theta: FloatArray) -> tuple[float, FloatArray]:
        w = theta[: n_feat * k].reshape(n_feat, k)
        b = theta[n_feat * k :]
        z = xs @ w + b
        z -= z.max(axis=1, keepdims=True)
        ez = np.exp(z)
        total = ez.sum(axis=1)
        allowed = (ez * mask).sum(axis=1)
        loss = float(-(weight * (np.log(allowed) - np.log(total))).sum())
        loss += 0.5 * lam * float((w * w).sum())
        grad_z = weight[:, None] * (ez / total[:, None] - ez * mask / allowed[:, None])
        grad_w = xt @ grad_z + lam * w
        return loss, np.concatenate([grad_w.ravel(), grad_z.sum(axis=0)])

    theta = lbfgs(objective, np.zeros(n_feat * k + k), iterations)
    return used, theta[: n_feat * k].reshape(n_feat, k), theta[n_feat * k :]


def lbfgs(
    objective: Callable[[FloatArray], tuple[float, FloatArray]],
    theta: FloatArray,
    iterations: int = ITERATIONS,
    memory: int = 10,
    tol: float = 1e-6,
) -> FloatArray:
    """Plain L-BFGS with a backtracking (Armijo) line search.

    scipy's L-BFGS-B spends over 90 % of its time in bookkeeping at this size (~10^6 unbounded
    variables), so the two-loop recursion is done here in numpy; it is deterministic.
    """
    loss, grad = objective(theta)
    pairs: list[tuple[FloatArray, FloatArray, float]] = []
    for _ in range(iterations):
        direction = -grad
        alphas = []
        for s, y, rho in reversed(pairs):
            alpha = rho * float(s @ direction)
            direction -= alpha * y
            alphas.append(alpha)
        if pairs:
            s, y, _rho = pairs[-1]
            direction *= float(s @ y) / float(y @ y)
        else:
            direction /= max(1.0, float(np.linalg.norm(grad)))
        for (s, y, rho), alpha in zip(pairs, reversed(alphas), strict=True):
            direction += (alpha - rho * float(y @ direction)) * s
        slope = float(grad @ direction)
        if slope >= 0:  # not a descent direction: restart from the gradient
            pairs.clear()
            direction, slope = -grad, -float(grad @ grad)
        step = 1.0
        while True:
            new_theta = theta + step * direction
            new_loss, new_grad = objective(new_theta)
            if new_loss <= loss + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        s, y = new_theta - theta, new_grad - grad
        if float(s @ y) > 1e-10:
            pairs.append((s, y, 1.0 / float(s @ y)))
            pairs = pairs[-memory:]
        done = loss - new_loss <= tol * max(abs(loss), 1.0)
        theta, loss, grad = new_theta, new_loss, new_grad
        if done:
            break
    return theta


def sample_weights(examples: Sequence[Example], synthetic: float) -> FloatArray:
    return np.array([1.0 if ex.group in GOLD else synthetic for ex in examples])


def train(
    examples: Sequence[Example],
    lam: float,
    synthetic: float,
    bare: float = BARE,
    iterations: int = ITERATIONS,
) -> TypeClassifier:
    """Fit on `examples` plus, at weight `bare`, a sentence-only copy of each gold example, so
    the model also works when the caller has no trigger or actors to give."""
    feat = Featurizer(known_words(examples), BITS)
    copies = [replace(ex, trigger=None, source=None, target=None) for ex in examples]
    copies = [c for c, ex in zip(copies, examples, strict=True) if c != ex and ex.group in GOLD]
    rows = list(examples) + (copies if bare > 0 else [])
    weight = sample_weights(examples, synthetic)
    weight = np.concatenate([weight, np.full(len(rows) - len(examples), bare)])
    used, w, b = fit(featurize(feat, rows), label_mask(rows), weight, lam, iterations)
    return TypeClassifier(PLOVER_TYPES, used, w, b, feat, {"lambda": lam, "synthetic": synthetic})


# -- evaluation --------------------------------------------------------------------------------


def folds(examples: Sequence[Example], n: int) -> npt.NDArray[np.int64]:
    """Stratified fold of every gold example (-1: always in training), by set and label."""
    rng = np.random.default_rng(SEED)
    out = np.full(len(examples), -1, dtype=np.int64)
    strata: dict[tuple[str, str], list[int]] = {}
    for i, ex in enumerate(examples):
        if ex.group in GOLD:
            strata.setdefault((ex.group, ex.gold), []).append(i)
    offset = 0
    for key in sorted(strata):
        members = rng.permutation(strata[key])
        out[members] = (np.arange(len(members)) + offset) % n
        offset += len(members)
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    scores = []
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, pred, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores))


def cross_validate(
    examples: Sequence[Example],
    lam: float,
    synthetic: float,
    n_folds: int = FOLDS,
    bare: float = BARE,
) -> dict[str, float]:
    """PLV macro-F1/accuracy (YIELD merged) and GSR accuracy, every prediction out of fold.

    `*_context` rows give the model the trigger and actors as the coder does; `*_sentence`
    rows the sentence alone.
    """
    fold = folds(examples, n_folds)
    preds: dict[tuple[int, bool], str] = {}
    for k in range(n_folds):
        train_set = [ex for ex, f in zip(examples, fold, strict=True) if f != k]
        test_idx = [i for i, f in enumerate(fold) if f == k]
        clf = train(train_set, lam, synthetic, bare)
        for context in (True, False):
            items = [
                (ex.sentence, ex.trigger, ex.source, ex.target)
                if context
                else (ex.sentence, None, None, None)
                for ex in (examples[i] for i in test_idx)
            ]
            best = clf.scores(items).argmax(axis=1)
            for i, j in zip(test_idx, best.tolist(), strict=True):
                preds[(i, context)] = PLOVER_TYPES[j]
    result: dict[str, float] = {}
    for context, suffix in ((True, "context"), (False, "sentence")):
        plv = [i for i, ex in enumerate(examples) if ex.group == "plv"]
        gsr = [i for i, ex in enumerate(examples) if ex.group == "gsr"]
        gold = [examples[i].gold for i in plv]
        pred = [plv_label(preds[(i, context)]) for i in plv]
        result[f"plv_macro_f1_{suffix}"] = macro_f1(gold, pred)
        result[f"plv_accuracy_{suffix}"] = float(
            np.mean([g == p for g, p in zip(gold, pred, strict=True)])
        )
        result[f"gsr_accuracy_{suffix}"] = float(
            np.mean([examples[i].gold == preds[(i, context)] for i in gsr])
        )
    return result
