"""--actors, shared by `resolve`, `extract` and `code`: bad files are one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli.main import cli


@pytest.fixture
def broken_kb(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text("countries: [\n", encoding="utf-8")
    return path


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "news.txt"
    path.write_text("Norway accused Iceland of overfishing.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["resolve", "extract"])
def test_unreadable_actor_file_is_a_user_error(
    command: str, broken_kb: Path, article: Path
) -> None:
    target = "Norway" if command == "resolve" else str(article)
    result = CliRunner().invoke(cli, [command, "--actors", str(broken_kb), target])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.exception is not None
    assert result.output.startswith("detente: error: ") and "broken.yaml:2: invalid YAML" in (
        result.output
    )


@pytest.mark.parametrize("command", ["resolve", "extract"])
def test_missing_actor_file_is_named(command: str, tmp_path: Path, article: Path) -> None:
    target = "Norway" if command == "resolve" else str(article)
    missing = tmp_path / "nope.yaml"
    result = CliRunner().invoke(cli, [command, "--actors", str(missing), target])
    assert result.exit_code == 2
    assert f"{missing}: no such actor file" in result.output


def test_commands_describe_the_option_alike() -> None:
    def help_of(command: str) -> str:
        text = CliRunner().invoke(cli, [command, "--help"]).output
        return " ".join(text.split("--actors FILE", 1)[1].split("--", 1)[0].split())

    assert help_of("resolve") == help_of("extract") == help_of("code")
    assert "layered on the default KB" in help_of("resolve")
