"""The learned PLOVER type classifier: the shipped artefact, its API and its CV quality."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from detente.coding.classifier import (
    ARTEFACT,
    ENTITY,
    Featurizer,
    TypeClassifier,
    classify,
    load_classifier,
    stem,
    word_hash,
)
from detente.model import PLOVER_TYPES

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_classifier.py"


@pytest.fixture(scope="module")
def clf() -> TypeClassifier:
    model = load_classifier()
    assert model is not None, f"{ARTEFACT} missing: run scripts/train_classifier.py"
    return model


def test_artefact_is_small_and_loads(clf: TypeClassifier) -> None:
    assert ARTEFACT.stat().st_size <= 5_000_000
    assert set(clf.labels) == set(PLOVER_TYPES)
    assert "cv" in clf.meta and clf.meta["cv"]["plv_macro_f1_context"] > 0


def test_predict_gives_a_distribution_over_the_16_types(clf: TypeClassifier) -> None:
    scores = clf.predict("Rebels attacked an army convoy near the border.", "attacked")
    assert sorted(label for label, _ in scores) == sorted(PLOVER_TYPES)
    probs = [p for _, p in scores]
    assert probs == sorted(probs, reverse=True)
    assert sum(probs) == pytest.approx(1.0, abs=1e-4)


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("Troops shelled the village", "shelled", {"ASSAULT"}),
        ("Troops shelled the village", None, {"ASSAULT"}),
        # CAMEO files signing under 057 (PLOVER SUPPORT); PLV annotators call it AGREE.
        ("The ministers signed a trade agreement", "signed", {"AGREE", "SUPPORT"}),
        ("Protesters marched against the government", "marched", {"PROTEST"}),
        ("Police arrested dozens of opposition activists", "arrested", {"COERCE"}),
        ("The president accused the opposition of lying", "accused", {"ACCUSE"}),
    ],
)
def test_obvious_sentences(
    clf: TypeClassifier, sentence: str, trigger: str | None, expected: set[str]
) -> None:
    assert clf.predict(sentence, trigger)[0][0] in expected


def test_actors_steer_the_prediction(clf: TypeClassifier) -> None:
    sentence = "The United States provided humanitarian aid to Yemen."
    best = clf.predict(sentence, "provided", "The United States", "Yemen")[0][0]
    assert best == "AID"
    names = {
        name for name, _ in clf.featurizer.names(sentence, "provided", "United States", "Yemen")
    }
    assert {"t:provid", "x:humanitarian", "x:aid", "o:<ent>"} <= names


def test_predict_many_matches_predict_and_is_deterministic(clf: TypeClassifier) -> None:
    items: list[tuple[str, str | None, str | None, str | None]] = [
        ("Troops shelled the village", "shelled", "Troops", "village"),
        ("The ministers signed a trade agreement", None, None, None),
        ("", None, None, None),
        ("Iran rejected the proposal.", "rejected", "Iran", "nowhere to be found"),
    ]
    batch = clf.predict_many(items)
    single = [clf.predict(*item) for item in items]
    for a, b in zip(batch, single, strict=True):
        assert [x[0] for x in a] == [x[0] for x in b]
        assert np.allclose([x[1] for x in a], [x[1] for x in b], atol=1e-6)
    fresh = TypeClassifier.load(ARTEFACT)
    assert fresh.predict_many(items) == batch
    assert clf.predict_many([]) == []


def test_explain_names_features_that_favour_the_winner(clf: TypeClassifier) -> None:
    reasons = clf.explain("Troops shelled the village", "shelled")
    assert reasons and all(weight > 0 for _, weight in reasons)
    assert any("shell" in name for name, _ in reasons)


def test_classify_hook_and_missing_artefact(tmp_path: Path) -> None:
    assert load_classifier(tmp_path / "absent.npz") is None
    assert classify("Troops shelled the village", "shelled")[0][0] == "ASSAULT"


def test_featurizer_hides_names_and_merges_inflections() -> None:
    feat = Featurizer(frozenset(word_hash(w) for w in ("troop", "shell", "the", "village")))
    toks = feat.words("Troops of Freedonia Republic shelled the UN village 12 times")
    norms = [t.norm for t in toks]
    assert norms[:4] == ["troop", "of", ENTITY, "shell"]  # adjacent names merge
    assert norms.count(ENTITY) == 2 and "<num>" in norms
    assert stem("agrees") == stem("agreed") == stem("agreeing") == stem("agree") == "agre"
    assert stem("released") == stem("releases") == stem("release") == "releas"
    named = feat.names("Troops did not shell the village", "shell", "Troops", "village")
    names = {name for name, _ in named}
    assert {"m:neg", "t:shell", "s:troop", "o:villag", "x:not", "b:not_shell"} <= names
    assert {b for _, b in named} == set(
        feat.features("Troops did not shell the village", "shell", "Troops", "village")
    )


def test_save_load_round_trip(tmp_path: Path) -> None:
    feat = Featurizer(frozenset({word_hash("troop")}), bits=10)
    keys = np.array(sorted(set(feat.features("Troops shelled the village"))), dtype=np.int64)
    rng = np.random.default_rng(0)
    weights = rng.normal(size=(len(keys), len(PLOVER_TYPES))).astype(np.float16)
    model = TypeClassifier(PLOVER_TYPES, keys, weights, np.zeros(16), feat, {"note": "test"})
    model.save(tmp_path / "m.npz")
    again = TypeClassifier.load(tmp_path / "m.npz")
    assert again.meta["note"] == "test" and again.featurizer.bits == 10
    assert again.predict("Troops shelled the village") == model.predict(
        "Troops shelled the village"
    )


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_classifier", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_quick_cross_validation_stays_above_floor(shared_data: Path) -> None:
    script = _script()
    examples = script.load_all(shared_data.parent)
    gold = [ex for ex in examples if ex.group in script.GOLD]
    synthetic = [ex for ex in examples if ex.group not in script.GOLD][::3]
    result = script.cross_validate(gold + synthetic, 0.1, 0.3, n_folds=2)
    # Measured 2026-11-25 on this subset and split: PLV macro-F1 0.671, GSR accuracy 0.590
    # (the full 5-fold figures are in data/CLASSIFIER.md); the floors leave a margin for
    # lexicon changes, which move the pseudo-triggers.
    assert result["plv_macro_f1_context"] >= 0.60
    assert result["gsr_accuracy_context"] >= 0.50
