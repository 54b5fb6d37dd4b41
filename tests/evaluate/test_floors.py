"""Regression floors: the tolerance rule, --update, and the command's exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.evaluate import floors
from detente.evaluate.report import EvalReport


def test_drop_beyond_tolerance_fails_within_passes() -> None:
    verdicts = floors.check(
        {"a.f1": 0.489, "b.f1": 0.491, "c.f1": 0.70, "d.f1": 0.3},
        {"a.f1": 0.50, "b.f1": 0.50, "c.f1": 0.60},
    )
    assert [(v.metric, v.status) for v in verdicts] == [
        ("a.f1", "DROP"),  # 0.011 below
        ("b.f1", "ok"),  # 0.009 below: within tolerance
        ("c.f1", "ok"),
        ("d.f1", "new"),
    ]


def test_exactly_tolerance_below_passes() -> None:
    assert floors.check({"a": 0.49}, {"a": 0.50})[0].status == "ok"


def test_raised_never_lowers_a_floor() -> None:
    assert floors.raised({"a": 0.7, "b": 0.2, "c": 0.33333}, {"a": 0.5, "b": 0.4}) == {
        "a": 0.7,
        "b": 0.4,
        "c": 0.3333,
    }


@pytest.fixture
def fake_shared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, list[tuple[str, int | None, bool, int | None]]]:
    """A shared folder with two of the gold files; evaluation returns fixed scores."""
    data = tmp_path / "shared" / "data"
    (data / "gold").mkdir(parents=True)
    (data / "gold" / "plv_train.csv").write_text("x", encoding="utf-8")
    (data / "gold" / "plover_gsr.jsonl").write_text("x", encoding="utf-8")
    scores = {"plv": {"plv.macro_f1": 0.40}, "plover-gsr": {"gsr.accuracy": 0.55}}
    calls: list[tuple[str, int | None, bool, int | None]] = []

    def fake_evaluate(
        fmt: str,
        path: Path,
        limit: int | None = None,
        learned: bool = True,
        cross_validate: int | None = None,
        data: Path | None = None,
        corpus: Path | None = None,
    ) -> EvalReport:
        assert data == tmp_path / "shared" / "data"
        assert corpus is None  # the fake shared folder has no Wikinews corpus
        calls.append((fmt, limit, learned, cross_validate))
        # without the classifier the fake scores 0.1 lower
        metrics = {k: v - (0 if learned else 0.1) for k, v in scores[fmt].items()}
        return EvalReport(fmt, str(path), 10, metrics)

    monkeypatch.setattr(floors, "evaluate_file", fake_evaluate)
    monkeypatch.setattr(floors, "write_benchmarks", lambda *args: None)
    return tmp_path / "shared", calls


def _floors_file(tmp_path: Path, values: dict[str, float]) -> Path:
    path = tmp_path / "floors.json"
    config = {"tolerance": 0.01, "samples": {"plv": 5}, "floors": values}
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


def test_main_passes_reads_samples_and_skips_missing_files(
    fake_shared: tuple[Path, list[tuple[str, int | None, bool, int | None]]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shared, calls = fake_shared
    path = _floors_file(tmp_path, {"plv.macro_f1": 0.405, "gsr.accuracy": 0.5})
    assert floors.main(["--shared", str(shared), "--floors", str(path)]) == 0
    out, err = capsys.readouterr()
    cv_row = "| full coder, cross-validated (5 folds) | 10 (sample) | `plv.macro_f1` | 0.400 |"
    assert cv_row + " 0.405 | ok |" in out
    assert "| rules only (no classifier) | 10 | `plv_rules.macro_f1` | 0.300 | – | new |" in out
    assert "skipped petrarch" in err
    assert "skipped blind_test" in err and "wikinews_2019_2020.jsonl not found" in err
    # the sets the classifier trains on: the full coder cross-validated, the rules in sample
    assert calls == [
        ("plv", 5, True, 5),
        ("plv", None, False, None),
        ("plover-gsr", None, True, 5),
        ("plover-gsr", None, False, None),
    ]


def test_main_fails_on_a_drop_and_update_keeps_the_higher_floor(
    fake_shared: tuple[Path, list[tuple[str, int | None, bool, int | None]]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shared = fake_shared[0]
    path = _floors_file(tmp_path, {"plv.macro_f1": 0.45})
    assert floors.main(["--shared", str(shared), "--floors", str(path)]) == 1
    assert "plv.macro_f1 0.4000 is below its floor 0.4500" in capsys.readouterr().err
    assert floors.main(["--shared", str(shared), "--floors", str(path), "--update"]) == 1
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["floors"] == {
        "gsr.accuracy": 0.55,
        "gsr_rules.accuracy": 0.45,
        "plv.macro_f1": 0.45,
        "plv_rules.macro_f1": 0.3,
    }
    assert written["samples"] == {"plv": 5}


def test_main_rejects_a_missing_shared_folder(tmp_path: Path) -> None:
    assert floors.main(["--shared", str(tmp_path / "nope")]) == 2


def test_floors_file_names_known_metrics() -> None:
    config = floors.load_floors(floors.FLOORS_FILE)
    prefixes = {g.name for g in floors.GOLD_SETS}
    assert config["floors"], "eval/floors.json holds no floors"
    assert all(metric.split(".")[0] in prefixes for metric in config["floors"])
    assert all(0.0 <= value <= 1.0 for value in config["floors"].values())


def test_a_floor_whose_set_ran_without_that_metric_is_reported() -> None:
    missing = floors.unmeasured_floors(
        {"plv.macro_f1": 0.8}, {"plv.macro_f1": 0.8, "plv.renamed": 0.5, "gsr.acc": 0.7}, {"plv"}
    )
    assert missing == ["plv.renamed"]
