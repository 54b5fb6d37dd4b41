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
import math
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

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
_QUOTES = re.compile('["“”«»]')
_CACHE_LIMIT = 200_000


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
    elif len(w) > 4 and w.endswith("ed"):
        return w[:-2]  # "agreed" -> "agre", as "agree" becomes below
    elif len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def word_hash(text: str) -> int:
    """The full 32-bit CRC of a string: the key of the known-word set."""
    return zlib.crc32(text.encode("utf-8"))


_MUL = 0x9E3779B97F4A7C15  # multiply-shift hashing: the top `bits` bits of code * _MUL
_PAIR = 0xC2B2AE3D27D4EB4F
_MASK64 = (1 << 64) - 1


def bucket(code: int, bits: int) -> int:
    """Hash bucket of a 32- or 64-bit feature code."""
    return ((code * _MUL) & _MASK64) >> (64 - bits)


def pair_code(first: int, second: int) -> int:
    """Code of the bigram of two word codes."""
    return ((first * _PAIR) & _MASK64) ^ second


class _Word(NamedTuple):
    norm: str  # the feature form: stem, ENTITY or NUMBER
    low: str  # the lower-case stem whatever the case, to find triggers and actors
    code: int  # crc32 of norm: the bigram ingredient
    unigram: int  # bucket of "w:" + norm


@dataclass
class Featurizer:
    """Turns (sentence, trigger, source, target) into hashed feature buckets.

    `known` holds the hashes of stems seen in lower case in the training text: a capitalised word
    whose stem is not among them is taken for a name and becomes ENTITY, so the model learns
    "<ent> shelled <ent>" rather than which countries tend to fight. Every word, bigram and
    feature string is hashed once and memoised: the same ones recur constantly, and a dictionary
    look-up is the cheapest thing Python does.
    """

    known: frozenset[int]
    bits: int = 18
    _words: dict[str, _Word] = field(default_factory=dict, repr=False)
    _ids: dict[str, int] = field(default_factory=dict, repr=False)
    _pairs: dict[int, int] = field(default_factory=dict, repr=False)
    _phrases: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _last: tuple[str, list[_Word]] = field(default=("", []), repr=False)

    def _word(self, raw: str) -> _Word:
        cached = self._words.get(raw)
        if cached is not None:
            return cached
        if raw[0].isdigit():
            norm = low = NUMBER
        else:
            lower = raw.lower()
            low = norm = "not" if lower.endswith(("n't", "n’t")) else stem(lower)
            if raw[0].isupper() and (
                (len(raw) > 1 and raw.isupper()) or word_hash(low) not in self.known
            ):
                norm = ENTITY
        word = _Word(norm, low, word_hash(norm), self.id("w:" + norm))
        if len(self._words) > _CACHE_LIMIT:
            self._words.clear()
        self._words[raw] = word
        return word

    def id(self, name: str) -> int:
        """Bucket of a feature string (memoised: the same strings recur constantly)."""
        found = self._ids.get(name)
        if found is None:
            if len(self._ids) > _CACHE_LIMIT:
                self._ids.clear()
            found = self._ids[name] = bucket(word_hash(name), self.bits)
        return found

    def words(self, text: str) -> list[_Word]:
        """The words of `text` in feature form; a run of names is one ENTITY."""
        if text == self._last[0]:  # the coder asks about several drafts of one sentence
            return self._last[1]
        out: list[_Word] = []
        cache = self._words
        for raw in _TOKEN_RE.findall(text):
            word = cache.get(raw) or self._word(raw)
            if word[0] is ENTITY and out and out[-1][0] is ENTITY:
                continue
            out.append(word)
        self._last = (text, out)
        return out

    def _phrase(self, text: str) -> list[str]:
        """Stems of a trigger or actor phrase (memoised: the same actors recur in a corpus)."""
        found = self._phrases.get(text)
        if found is None:
            last = self._last  # keep the sentence memo: the phrase is not a sentence
            found = [w.low for w in self.words(text)]
            self._last = last
            if len(self._phrases) > _CACHE_LIMIT:
                self._phrases.clear()
            self._phrases[text] = found
        return found

    def extras(
        self,
        sentence: str,
        words: list[_Word],
        trigger: str | None,
        source: str | None,
        target: str | None,
    ) -> list[str]:
        """Marker, trigger and actor feature names (unigrams and bigrams are not among them)."""
        feats: list[str] = []
        lows = {w.low for w in words}
        if not lows.isdisjoint(_NEGATION):
            feats.append("m:neg")
        if not lows.isdisjoint(_MODAL):
            feats.append("m:modal")
        if not lows.isdisjoint(_REPORTING) or _QUOTES.search(sentence) is not None:
            feats.append("m:quote")
        if trigger:
            feats += self._trigger(words, trigger)
        if source or target:
            feats += self._actors(words, source, target)
        return feats

    def _find(self, words: list[_Word], wanted: list[str]) -> tuple[int, int] | None:
        """Word span of the stems `wanted` inside `words` (first occurrence), None if absent."""
        if not wanted:
            return None
        n = len(wanted)
        for i, word in enumerate(words):
            if word.low == wanted[0] and [w.low for w in words[i : i + n]] == wanted:
                return i, i + n
        return None

    def _trigger(self, words: list[_Word], trigger: str) -> list[str]:
        wanted = self._phrase(trigger)
        feats = ["t:" + w for w in wanted]
        span = self._find(words, wanted)
        if span is not None:
            at, after = span
            feats.append("t-1:" + (words[at - 1].norm if at > 0 else "<s>"))
            feats.append("t+1:" + (words[after].norm if after < len(words) else "</s>"))
            if after + 1 < len(words):
                feats.append("t+2:" + words[after + 1].norm)
        return feats

    def _actors(self, words: list[_Word], source: str | None, target: str | None) -> list[str]:
        feats: list[str] = []
        src = self._find(words, self._phrase(source)) if source else None
        tgt = self._find(words, self._phrase(target)) if target else None
        if src is not None:
            feats.append("s:" + words[src[1] - 1].norm)
        if tgt is not None:
            feats.append("o:" + words[tgt[1] - 1].norm)
        if src is not None and tgt is not None:
            first, second = (src, tgt) if src[0] <= tgt[0] else (tgt, src)
            if first is tgt:
                feats.append("m:target_first")
            feats += ["x:" + w.norm for w in words[first[1] : second[0]]]
        return feats

    def buckets(
        self,
        sentence: str,
        trigger: str | None = None,
        source: str | None = None,
        target: str | None = None,
    ) -> set[int]:
        """The distinct feature buckets of one item."""
        words = self.words(sentence)
        out = {w.unigram for w in words}
        pairs, bits = self._pairs, self.bits
        for a, b in pairwise(words):
            key = a.code << 32 | b.code
            found = pairs.get(key)
            if found is None:
                if len(pairs) > _CACHE_LIMIT:
                    pairs.clear()
                found = pairs[key] = bucket(pair_code(a.code, b.code), bits)
            out.add(found)
        for name in self.extras(sentence, words, trigger, source, target):
            out.add(self.id(name))
        return out

    def batch(self, items: Sequence[Item]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(buckets, counts): each item's distinct buckets, sorted, concatenated in item order."""
        flat: list[int] = []
        counts = np.empty(len(items), dtype=np.int64)
        for i, item in enumerate(items):
            found = sorted(self.buckets(*item))
            counts[i] = len(found)
            flat += found
        return np.asarray(flat, dtype=np.int64), counts

    def features(
        self,
        sentence: str,
        trigger: str | None = None,
        source: str | None = None,
        target: str | None = None,
    ) -> list[int]:
        """Distinct buckets of one item, sorted."""
        return sorted(self.buckets(sentence, trigger, source, target))

    def names(
        self,
        sentence: str,
        trigger: str | None = None,
        source: str | None = None,
        target: str | None = None,
    ) -> list[tuple[str, int]]:
        """(feature name, bucket) of one item, for explanations; duplicates kept once."""
        words = self.words(sentence)
        out = [("w:" + w.norm, w.unigram) for w in words]
        out += [
            (f"b:{a.norm}_{b.norm}", bucket(pair_code(a.code, b.code), self.bits))
            for a, b in pairwise(words)
        ]
        out += [(n, self.id(n)) for n in self.extras(sentence, words, trigger, source, target)]
        return list(dict.fromkeys(out))


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
        self._ones = np.ones(256, dtype=np.float32)

    @property
    def n_rows(self) -> int:
        """Weight rows stored (hash buckets some training example used)."""
        return len(self._keys)

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
        buckets, counts = self.featurizer.batch(items)
        gathered = self._weights[self._rows[buckets]]
        sums = np.zeros((n, len(self.labels)), dtype=np.float32)
        filled = counts > 0
        if filled.any():  # reduceat over the non-empty items' contiguous segments
            starts = (np.cumsum(counts) - counts)[filled]
            sums[filled] = np.add.reduceat(gathered, starts, axis=0)
        logits = sums / np.sqrt(np.maximum(counts, 1))[:, None] + self._bias
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        return probs

    def predict_many(self, items: Sequence[Item]) -> list[list[tuple[str, float]]]:
        """PLOVER types with probabilities, best first, for each (sentence, trigger, src, tgt)."""
        return [self._ranked(row) for row in self.scores(items)]

    def predict(
        self,
        sentence: str,
        trigger: str | None = None,
        source: str | None = None,
        target: str | None = None,
    ) -> list[tuple[str, float]]:
        # The one-item path skips the batch bookkeeping: the coder calls this once per draft.
        # Past the weight gather, 16 numbers are cheaper in plain Python than in numpy calls.
        found = sorted(self.featurizer.buckets(sentence, trigger, source, target))
        n = len(found)
        if n > len(self._ones):
            self._ones = np.ones(n, dtype=np.float32)
        rows = self._rows[np.fromiter(found, dtype=np.int64, count=n)]
        summed = self._ones[:n] @ self._weights.take(rows, axis=0)  # a gemv beats .sum(axis=0)
        logits = (summed / np.float32(math.sqrt(max(n, 1))) + self._bias).tolist()
        top = max(logits)
        exps = [math.exp(x - top) for x in logits]
        total = sum(exps)
        ranked = sorted(zip(self.labels, exps, strict=True), key=lambda pair: -pair[1])
        return [(label, value / total) for label, value in ranked]

    def _ranked(self, probs: npt.NDArray[np.float32]) -> list[tuple[str, float]]:
        values = probs.tolist()
        labels = self.labels
        return [(labels[j], values[j]) for j in np.argsort(-probs, kind="stable").tolist()]

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
        named = self.featurizer.names(sentence, trigger, source, target)
        # A bucket counts once (binary features); on a collision it shows under its first name.
        first = list({b: name for name, b in reversed(named)}.items())
        weights = self._weights[self._rows[np.array([b for b, _ in first], dtype=np.int64)]]
        push = (weights[:, winner] - weights.mean(axis=1)) / np.sqrt(max(len(first), 1))
        ranked = np.argsort(-push, kind="stable")[:top]
        return [(first[i][1], round(float(push[i]), 4)) for i in ranked if push[i] > 0]


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
