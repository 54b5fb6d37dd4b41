"""Cross-validated evaluation of the full coder: folds, per-fold models, routing, CLI."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from detente.cli.main import cli
from detente.coding import classifier_training as ct
from detente.evaluate import crossval, runner
from detente.evaluate.readers import read_plv

from .conftest import build_event

# A tiny PLV-style training set: three labels, four sentences each, every sentence distinct.
TINY = {
    "ACCUSE": [
        "Norway accused Iceland of overfishing.",
        "Chile accused Peru of spying on its navy.",
        "Ghana accused Togo of harbouring rebels.",
        "Spain accused Morocco of violating the border.",
    ],
    "ASSAULT": [
        "Troops shelled the village near the border.",
        "Rebels attacked a police station in the north.",
        "Soldiers fired on protesters in the capital.",
        "Militants bombed a market in the city.",
    ],
    "AGREE": [
        "Norway and Iceland signed a fisheries accord.",
        "Chile and Peru agreed to a ceasefire.",
        "Ghana and Togo signed a trade agreement.",
        "Spain and Morocco agreed to share patrols.",
    ],
}


def write_tiny_plv(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label", "meta", "context", "source", "target"])
        number = 0
        for label, sentences in TINY.items():
            for sentence in sentences:
                number += 1
                source = sentence.split()[0]
                writer.writerow([sentence, label, f"PLV|sentence_id={number}", "", source, ""])
    return path


def examples() -> list[ct.Example]:
    gold = [
        ct.Example(s, None, None, None, (label,), label, "plv")
        for label, sentences in TINY.items()
        for s in sentences
    ]
    gsr = [
        ct.Example(f"GSR sentence {i}.", None, None, None, ("AID",), "AID", "gsr") for i in range(5)
    ]
    synthetic = [
        ct.Example(f"Synthetic {i}.", None, None, None, ("AID",), "AID", "synthetic")
        for i in range(3)
    ]
    return gold + gsr + synthetic


def test_folds_are_deterministic_disjoint_and_stratified() -> None:
    data = examples()
    first, again = ct.folds(data, 3).tolist(), ct.folds(data, 3).tolist()
    assert first == again
    for example, fold in zip(data, first, strict=True):
        if example.group == "synthetic":
            assert fold == -1  # always in training
        else:
            assert 0 <= fold < 3
    # every gold example in exactly one fold; each (set, label) spread evenly over the folds
    strata: dict[tuple[str, str], Counter[int]] = {}
    for example, fold in zip(data, first, strict=True):
        if fold >= 0:
            strata.setdefault((example.group, example.gold), Counter())[fold] += 1
    for counts in strata.values():
        assert max(counts.values()) - min(counts.get(k, 0) for k in range(3)) <= 1


def test_each_fold_model_is_trained_without_its_fold(monkeypatch: pytest.MonkeyPatch) -> None:
    data = examples()
    seen: list[list[str]] = []

    def fake_train(rows: list[ct.Example], lam: float, synthetic: float, **_: Any) -> str:
        seen.append([r.sentence for r in rows])
        return f"model{len(seen) - 1}"

    monkeypatch.setattr(ct, "train", fake_train)
    models = crossval.fold_models(data, 3, params=(0.1, 0.3))
    assert models.models == ["model0", "model1", "model2"]
    held: list[str] = []
    for k, trained in enumerate(seen):
        out = {s for s, f in models.fold_of.items() if f == k}
        assert out and out.isdisjoint(trained)  # fold k never trains model k
        assert {f"Synthetic {i}." for i in range(3)} <= set(trained)
        held += sorted(out)
    gold = [e.sentence for e in data if e.group != "synthetic"]
    assert sorted(held) == sorted(gold)  # the held-out folds cover every gold sentence once


def test_fewer_than_two_folds_is_refused() -> None:
    with pytest.raises(crossval.CrossValidationError, match="at least 2 folds"):
        crossval.fold_models(examples(), 1, params=(0.1, 0.3))


class TypingCoder:
    """Stands in for the Coder: one event per sentence, typed by the classifier it was given,
    recording which fold's model coded each sentence."""

    def __init__(self, classifier: Any) -> None:
        self.classifier = classifier
        self.config = SimpleNamespace(batch_size=8)
        self.nlp = SimpleNamespace(pipe=self._pipe)
        self.used: dict[str, int] = {}

    @staticmethod
    def _pipe(pairs: Any, as_tuples: bool, batch_size: int) -> Iterator[tuple[str, Any]]:
        assert as_tuples
        yield from pairs

    def code_doc(self, text: str, date: str | None = None, doc_id: str | None = None) -> Any:
        self.used[text] = self.classifier.current
        label = self.classifier(text, None, None, None)[0][0]
        return [build_event(text, label)]


def test_cross_validated_report_on_a_tiny_set(tmp_path: Path) -> None:
    gold = write_tiny_plv(tmp_path / "tiny_plv.csv")
    items = read_plv(gold)
    made: list[TypingCoder] = []

    def make(classifier: Any) -> TypingCoder:
        made.append(TypingCoder(classifier))
        return made[-1]

    report = crossval.evaluate_cross_validated(
        "plv", items, gold, 2, make_coder=make, iterations=30
    )
    assert report.n == 12
    assert 0.0 <= report.metrics["plv.macro_f1"] <= 1.0
    assert any(note.startswith("cross-validated (2 folds)") for note in report.notes)
    assert report.details["cross_validated"]["sources"] == ["tiny_plv.csv (12)"]
    (coder,) = made
    folds = crossval.fold_models(crossval.training_examples("plv", gold, None)[0], 2, iterations=30)
    # each sentence was coded by the model of its own fold, and both folds were used
    assert coder.used == {item.text: folds.fold_of[item.text] for item in items}
    assert set(coder.used.values()) == {0, 1}


def test_cross_validation_refuses_formats_without_training_data(tmp_path: Path) -> None:
    gold = tmp_path / "gold.tsv"
    gold.write_text("A sentence.\t1\n", encoding="utf-8")
    with pytest.raises(crossval.CrossValidationError, match="not to conflibert-cameo"):
        crossval.evaluate_cross_validated("conflibert-cameo", [], gold, 5)
    with pytest.raises(runner.GoldFileError, match="not to actors"):
        runner.evaluate_file("actors", gold, cross_validate=5)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "actors", "--cross-validate", "5"], "not to actors"),
        (["--format", "plv", "--cross-validate", "5", "--without-classifier"], "give one of"),
        (["--format", "plv", "--cross-validate", "1"], "1 is not in the range x>=2"),
    ],
)
def test_cli_cross_validate_errors(tmp_path: Path, args: list[str], message: str) -> None:
    gold = write_tiny_plv(tmp_path / "tiny_plv.csv")
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(gold), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_cross_validate_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gold = write_tiny_plv(tmp_path / "tiny_plv.csv")
    monkeypatch.setattr(crossval, "default_make_coder", TypingCoder)
    monkeypatch.setattr(crossval, "CV_ITERATIONS", 30)
    result = CliRunner().invoke(
        cli,
        [
            "--quiet",
            "evaluate",
            "--gold",
            str(gold),
            "--format",
            "plv",
            "--cross-validate",
            "2",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["n"] == 12 and payload["cross_validated"]["folds"] == 2
    assert any("cross-validated (2 folds)" in note for note in payload["notes"])


@pytest.mark.slow
def test_real_coder_cross_validated_on_a_tiny_set(tmp_path: Path) -> None:
    gold = write_tiny_plv(tmp_path / "tiny_plv.csv")
    report = runner.evaluate_file("plv", gold, cross_validate=2)
    assert report.n == 12
    assert any(note.startswith("cross-validated (2 folds)") for note in report.notes)
    assert report.training_overlap is None
