"""`detente evaluate` through click's runner, with a fake coder in place of the real one."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from detente.cli.evaluate import guess_format
from detente.cli.main import cli
from detente.evaluate import runner


def test_evaluate_prints_summary_and_exits_1_for_skipped_lines(fixtures: Path, plv_coder) -> None:
    result = CliRunner().invoke(
        cli, ["evaluate", "--gold", str(fixtures / "plv_sample.csv"), "--format", "plv"]
    )
    assert result.exit_code == 1, result.output
    assert "plv.macro_f1" in result.output
    assert "confusion (rows gold, columns predicted)" in result.output
    assert "plv_sample.csv:6: empty document" in result.output
    assert "1 malformed line skipped" in result.output


def test_evaluate_json_errors_and_limit(fixtures: Path, plv_coder, tmp_path: Path) -> None:
    errors = tmp_path / "misses.jsonl"
    result = CliRunner().invoke(
        cli,
        [
            "--quiet",
            "evaluate",
            "--gold",
            str(fixtures / "plv_sample.csv"),
            "--json",
            "--errors",
            str(errors),
            "--limit",
            "2",
        ],
    )
    payload = json.loads(result.stdout)
    assert payload["n"] == 2 and payload["name"] == "plv"
    assert payload["metrics"]["plv.accuracy"] == 0.5
    assert payload["event_type"]["confusion"]["YIELD"] == {"NONE": 1}
    assert "sample of 2 items spread evenly over the file" in payload["notes"]
    misses = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [m["id"] for m in misses] == ["plv-3"]
    assert set(misses[0]) >= {"sentence", "gold", "prediction", "explanation"}
    assert payload["misses"] == misses
    assert [doc.text[:4] for doc in plv_coder.seen] == ["Norw", "Oslo"]


def test_evaluate_user_errors_exit_2(tmp_path: Path) -> None:
    runner_ = CliRunner()
    missing = runner_.invoke(cli, ["evaluate", "--gold", str(tmp_path / "plv_x.csv")])
    assert missing.exit_code == 2
    assert "no such file" in missing.output
    unknown = tmp_path / "gold.dat"
    unknown.write_text("x\n", encoding="utf-8")
    guess = runner_.invoke(cli, ["evaluate", "--gold", str(unknown)])
    assert guess.exit_code == 2 and "give --format" in guess.output
    empty = tmp_path / "plv_empty.csv"
    empty.write_text("text,label,source,target\n", encoding="utf-8")
    nothing = runner_.invoke(cli, ["evaluate", "--gold", str(empty)])
    assert nothing.exit_code == 2 and "no readable plv item" in nothing.output
    assert "Traceback" not in nothing.output


def test_help_lists_formats_and_examples() -> None:
    result = CliRunner().invoke(cli, ["evaluate", "--help"])
    assert result.exit_code == 0
    assert "conflibert-ner" in result.output and "Examples:" in result.output


def test_guess_format_from_shared_names() -> None:
    assert guess_format(Path("plv_train.csv")) == "plv"
    assert guess_format(Path("x/plover_gsr.jsonl")) == "plover-gsr"
    assert guess_format(Path("conflibert_cameo_ner_train.txt")) == "conflibert-ner"
    assert guess_format(Path("petr_unittest_gold.jsonl")) == "petrarch"
    assert guess_format(Path("actor_resolution_dev.jsonl")) == "actors"
    assert guess_format(Path("news.csv")) is None


def test_training_overlap_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    from detente.coding import classifier

    fitted = SimpleNamespace(
        meta={"examples": {"plv": 1050}, "cv": {"plv_macro_f1_context": 0.74, "gsr_x": 0.1}}
    )
    monkeypatch.setattr(classifier, "load_classifier", lambda: fitted)
    note = runner.training_note("plv")
    assert note is not None
    assert "trained on this file (1050 examples)" in note
    assert "macro_f1_context 0.740" in note and "gsr_x" not in note
    assert runner.training_note("conflibert_class") is None


def test_without_classifier_flag_reaches_the_coder(
    fixtures: Path, monkeypatch: pytest.MonkeyPatch, fake_coder
) -> None:
    asked: list[bool] = []

    def make(learned: bool = True):
        asked.append(learned)
        return fake_coder({})

    monkeypatch.setattr(runner, "default_coder", make)
    result = CliRunner().invoke(
        cli,
        ["evaluate", "--gold", str(fixtures / "plv_sample.csv"), "--without-classifier", "--json"],
    )
    assert asked == [False]
    assert "coded without the learned type classifier (rules only)" in result.stdout
