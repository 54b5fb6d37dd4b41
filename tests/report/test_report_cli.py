"""`detente report`: files written, options, and one-line errors for user mistakes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from detente.cli.main import cli


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["report", *args])
    return result.exit_code, result.output


def test_report_writes_html_and_png(report_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    code, output = _run(
        "--db", str(report_store), "-o", str(out), "--dyad", "NOR", "ISL",
        "--freq", "week", "--png", str(tmp_path / "png"),
    )  # fmt: skip
    assert code == 0, output
    page = out.read_text(encoding="utf-8")
    assert "Timeline: NOR – ISL" in page and "by week" in page
    assert (tmp_path / "png" / "timeline_NOR_ISL.png").stat().st_size > 10_000
    assert f"wrote {out}" in output


def test_report_help_has_examples() -> None:
    code, output = _run("--help")
    assert code == 0 and "Examples:" in output and "--png DIR" in output


def test_user_mistakes_are_one_line_errors(report_store: Path, tmp_path: Path) -> None:
    cases = [
        ("--db", str(tmp_path / "missing.duckdb")),
        ("--db", str(report_store), "--dyad", "NOR", "Xyzzy of Nowhere Land"),
        ("--db", str(report_store), "-o", str(tmp_path / "no" / "such" / "dir.html")),
    ]
    for args in cases:
        code, output = _run(*args)
        assert code == 2, output
        assert output.startswith("detente: error: ") and output.count("\n") == 1, output
        assert "Traceback" not in output
