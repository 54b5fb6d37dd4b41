"""User actor files that cannot be read are problems naming the file, never exceptions."""

from __future__ import annotations

from pathlib import Path

from detente.actors.kb import read_actor_file


def test_a_binary_actor_file_is_one_problem_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_bytes(bytes(range(200, 256)) * 4)
    result = read_actor_file(path)
    assert result.entries == []
    assert len(result.problems) == 1 and str(path) in result.problems[0]
    assert "not UTF-8" in result.problems[0]


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("countries:\n  - {iso3: NOR, name: [unclosed\n", encoding="utf-8")
    result = read_actor_file(path)
    assert result.entries == [] and result.problems
    assert result.problems[0].startswith("mine.yaml:")
