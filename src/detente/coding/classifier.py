"""A small learned PLOVER event-type classifier: hashed sparse features, one linear layer.

The rule-based coder knows *that* a sentence holds an event and roughly *which*, but a lexicon
cannot weigh the whole sentence ("shelled" inside a ceasefire report, "talks" next to "broke
off"). This model reads the sentence, the trigger and its neighbours, the words between the two
actors and a few cue markers, and gives a probability for each of the 16 PLOVER types. The
coder consults it only for drafts its rules are unsure of.

Inference is numpy only and cheap enough to run on every candidate: features are hashed with
CRC-32 (stable across processes, unlike `hash`), every string seen is memoised, and a sentence
touches only its few active weight rows. The weights come from scripts/train_classifier.py and
ship as data/type_classifier.npz; see data/CLASSIFIER.md for the data and the measured figures.

    clf = load_classifier()          # None when the artefact is missing
    clf.predict("Troops shelled the village", trigger="shelled")
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "ARTEFACT",
    "Featurizer",
    "Item",
    "TypeClassifier",
    "classify",
    "load_classifier",
    "stem",
]

ARTEFACT = Path(__file__).resolve().parent / "data" / "type_classifier.npz"
FORMAT_VERSION = 1

Item = tuple[str, str | None, str | None, str | None]  # sentence, trigger, source, target

_TOKEN_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")
ENTITY = "<ent>"
NUMBER = "<num>"
# Closed-class cue words: grammar, not facts about the world, so they live with the code.
_NEGATION = frozenset({"not", "no", "never", "without", "nor", "neither"})
_MODAL = frozenset({"will", "would", "could", "may", "might", "should", "shall", "can", "must"})
_REPORTING = frozenset({"said", "say", "says", "told", "according", "stated"})
_QUOTES = frozenset('"“”«»')
_CACHE_LIMIT = 500_000


def stem(word: str) -> str:
    """A deliberately crude suffix stripper: enough to merge "agrees/agreed/agreeing/agree".

    A real lemmatiser would need spaCy, which inference must not wait for; consistency between
    training and inference matters more here than linguistic accuracy.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith(("ed", "sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def word_hash(text: str) -> int:
    """The full 32-bit CRC of a string: the key of the known-word set."""
    return zlib.crc32(text.encode("utf-8"))


@dataclass(slots=True)
class _Token:
    norm: str  # the feature form: stem, ENTITY or NUMBER
    low: str  # the lower-case stem whatever the case, to find triggers
    start: int
    end: int


@dataclass
class Featurizer:
    """Turns (sentence, trigger, source, target) into hashed feature ids.

    `known` holds the hashes of stems seen in lower case in the training text: a capitalised word
    whose stem is not among them is taken for a name and becomes ENTITY, so the model learns
    "<ent> shelled <ent>" rather than which countries tend to fight.
    """

    known: frozenset[int]
    bits: int = 18
    _words: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    _ids: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def mask(self) -> int:
        return (1 << self.bits) - 1

    def _word(self, raw: str) -> tuple[str, str]:
        cached = self._words.get(raw)
        if cached is not None:
            return cached
        if raw[0].isdigit():
            result = (NUMBER, NUMBER)
        else:
            lower = raw.lower()
            low = "not" if lower.endswith(("n't", "n’t")) else stem(lower)
            norm = low
            if raw[0].isupper() and (
                (len(raw) > 1 and raw.isupper()) or word_hash(low) not in self.known
            ):
                norm = ENTITY
            result = (norm, low)
        if len(self._words) > _CACHE_LIMIT:
            self._words.clear()
        self._words[raw] = result
        return result

    def tokens(self, text: str) -> list[_Token]:
        out: list[_Token] = []
        for match in _TOKEN_RE.finditer(text):
            norm, low = self._word(match.group())
            if norm == ENTITY and out and out[-1].norm == ENTITY:  # one name, one token
                out[-1].end = match.end()
                continue
            out.append(_Token(norm, low, match.start(), match.end()))
        return out

    def names(
        self,
        sentence: str,
        trigger: str | None = None,
        source: str | None = None,
        target: str | None = None,
    ) -> list[str]:
        """The feature strings of one item (deduplicated, in first-seen order)."""
        toks = self.tokens(sentence)
        norms = [t.norm for t in toks]
        feats = ["w:" + n for n in norms]
        feats += ["b:" + a + "_" + b for a, b in pairwise(norms)]
        lows = {t.low for t in toks}
        if lows & _NEGATION:
            feats.append("m:neg")
        if lows & _MODAL:
            feats.append("m:modal")
        if lows & _REPORTING or any(ch in _QUOTES for ch in sentence):
            feats.append("m:quote")
        if trigger:
            feats += self._trigger(toks, trigger)
        if source or target:
            feats += self._actors(sentence, toks, source, target)
        return list(dict.fromkeys(feats))

    def _trigger(self, toks: list[_Token], trigger: str) -> list[str]:
        words = [self._word(m.group())[1] for m in _TOKEN_RE.finditer(trigger)]
        if not words:
            return []
        feats = ["t:" + w for w in words]
        at = next((i for i, t in enumerate(toks) if t.low == words[0]), None)
        if at is not None:
            after = at + len(words)
            feats.append("t-1:" + (toks[at - 1].norm if at > 0 else "<s>"))
            feats.append("t+1:" + (toks[after].norm if after < len(toks) else "</s>"))
            if after + 1 < len(toks):
                feats.append("t+2:" + toks[after + 1].norm)
        return feats

    def _actors(
        self, sentence: str, toks: list[_Token], source: str | None, target: str | None
    ) -> list[str]:
        feats: list[str] = []
        spans: list[tuple[int, int] | None] = []
        lowered = sentence.lower()
        for prefix, actor in (("s:", source), ("o:", target)):
            where = lowered.find(actor.lower()) if actor else -1
            if actor is None or where < 0:
                spans.append(None)
                continue
            span = (where, where + len(actor))
            spans.append(span)
            inside = [t.norm for t in toks if t.start >= span[0] and t.end <= span[1]]
            if inside:
                feats.append(prefix + inside[-1])
        src, tgt = spans
        if src is not None and tgt is not None:
            first, second = (src, tgt) if src[0] <= tgt[0] else (tgt, src)
            if first is tgt:
                feats.append("m:target_first")
            feats += ["x:" + t.norm for t in toks if t.start >= first[1] and t.end <= second[0]]
        return feats

    def ids(self, names: Iterable[str]) -> list[int]:
        """Hash bucket of each feature string (memoised: the same strings recur constantly)."""
        cache, mask, out = self._ids, self.mask, []
        for name in names:
            bucket = cache.get(name)
            if bucket is None:
                if len(cache) > _CACHE_LIMIT:
                    cache.clear()
                bucket = cache[name] = zlib.crc32(name.encode("utf-8")) & mask
            out.append(bucket)
        return out

    def features(
        self,
        sentence: str,
        trigger: str | None = None,
        source: str | None = None,
        target: str | None = None,
    ) -> list[int]:
        return sorted(set(self.ids(self.names(sentence, trigger, source, target))))


class TypeClassifier:
    """Multinomial logistic regression over hashed features; scores are sentence-length
    normalised (1/sqrt of the number of active features), as in training."""

    def __init__(
        self,
        labels: Sequence[str],
        keys: npt.NDArray[np.int64],
        weights: npt.NDArray[np.floating[Any]],
        bias: npt.NDArray[np.floating[Any]],
        featurizer: Featurizer,
        meta: dict[str, Any] | None = None,
    ) -> None:
        self.labels = tuple(labels)
        self.featurizer = featurizer
        self.meta = meta or {}
        # Row k of `_weights` belongs to hash bucket keys[k]; every other bucket maps to the
        # trailing zero row, so a lookup is one fancy index with no branches.
        size = len(keys)
        self._weights = np.vstack(
            [np.asarray(weights, dtype=np.float32), np.zeros((1, len(self.labels)), np.float32)]
        )
        self._rows = np.full(1 << featurizer.bits, size, dtype=np.int32)
        self._rows[np.asarray(keys, dtype=np.int64)] = np.arange(size, dtype=np.int32)
        self._bias = np.asarray(bias, dtype=np.float32)
        self._keys = np.asarray(keys, dtype=np.int64)

    # -- persistence ----------------------------------------------------------------------

    def save(self, path: Path) -> None:
        meta = dict(self.meta, version=FORMAT_VERSION, bits=self.featurizer.bits)
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            keys=self._keys.astype(np.int32),
            weights=self._weights[:-1].astype(np.float16),
            bias=self._bias,
            known=np.array(sorted(self.featurizer.known), dtype=np.uint32),
            meta=np.array(json.dumps(meta, sort_keys=True)),
        )

    @classmethod
    def load(cls, path: Path) -> TypeClassifier:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if meta.get("version") != FORMAT_VERSION:
                raise ValueError(f"{path}: classifier format {meta.get('version')!r} unsupported")
            featurizer = Featurizer(frozenset(int(h) for h in data["known"]), int(meta["bits"]))
            return cls(
                [str(x) for x in data["labels"]],
                data["keys"].astype(np.int64),
                data["weights"],
                data["bias"],
                featurizer,
                meta,
            )

    # -- inference ------------------------------------------------------------------------

    def scores(self, items: Sequence[Item]) -> npt.NDArray[np.float32]:
        """Class probabilities, one row per item (the vectorised core of every predict)."""
        n = len(items)
        if n == 0:
            return np.zeros((0, len(self.labels)), np.float32)
        featurize = self.featurizer.features
        ids: list[int] = []
        counts = np.empty(n, dtype=np.int64)
        for i, (sentence, trigger, source, target) in enumerate(items):
            feats = featurize(sentence, trigger, source, target)
            counts[i] = len(feats)
            ids.extend(feats)
        rows = self._rows[np.asarray(ids, dtype=np.int64)]
        # A sentinel zero row per item keeps reduceat's segments non-empty and aligned.
        starts = np.concatenate(([0], np.cumsum(counts + 1)[:-1]))
        ends = starts + counts
        gathered = np.empty((len(ids) + n, len(self.labels)), dtype=np.float32)
        mask = np.ones(len(gathered), dtype=bool)
        mask[ends] = False
        gathered[mask] = self._weights[rows]
        gathered[~mask] = 0.0
        sums = np.add.reduceat(gathered, starts, axis=0)
        logits = sums / np.sqrt(np.maximum(counts, 1))[:, None] + self._bias
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        return probs

    def predict_many(self, items: Sequence[Item]) -> list[list[tuple[str, float]]]:
        """PLOVER types with probabilities, best first, for each (sentence, trigger, src, tgt)."""
        probs = self.scores(items)
        order = np.argsort(-probs, axis=1, kind="stable")
        labels = self.labels
        return [
            [(labels[j], float(p)) for j, p in zip(row, prob[row], strict=True)]
            for row, prob in zip(order.tolist(), probs, strict=True)
        ]

    def predict(
        self,
        sentence: str,
        trigger: str | None = None,
        source: str | None = None,
        target: str | None = None,
    ) -> list[tuple[str, float]]:
        return self.predict_many([(sentence, trigger, source, target)])[0]

    def explain(
        self,
        sentence: str,
        trigger: str | None = None,
        source: str | None = None,
        target: str | None = None,
        top: int = 5,
    ) -> list[tuple[str, float]]:
        """The features that most raised the winning type's score against the average type."""
        winner = self.labels.index(self.predict(sentence, trigger, source, target)[0][0])
        names = self.featurizer.names(sentence, trigger, source, target)
        buckets = np.asarray(self.featurizer.ids(names), dtype=np.int64)
        weights = self._weights[self._rows[buckets]]
        # Deduplicated buckets carry the weight once; a collision shows under its first name.
        first = {int(b): i for i, b in reversed(list(enumerate(buckets.tolist())))}
        scale = 1.0 / np.sqrt(max(len(first), 1))
        push = (weights[:, winner] - weights.mean(axis=1)) * scale
        ranked = sorted(first.values(), key=lambda i: -push[i])
        return [(names[i], round(float(push[i]), 4)) for i in ranked[:top] if push[i] > 0]


@lru_cache(maxsize=4)
def load_classifier(path: Path | None = None) -> TypeClassifier | None:
    """The shipped classifier, loaded once per process; None when the artefact is absent."""
    target = path or ARTEFACT
    if not target.is_file():
        return None
    return TypeClassifier.load(target)


def classify(
    sentence: str,
    trigger: str | None = None,
    source: str | None = None,
    target: str | None = None,
) -> list[tuple[str, float]]:
    """The coder's hook: `predict` of the shipped model, [] when there is no model."""
    clf = load_classifier()
    return [] if clf is None else clf.predict(sentence, trigger, source, target)
