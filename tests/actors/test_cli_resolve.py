"""`detente resolve`: TEXT mode, JSONL from stdin, and user mistakes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from detente.cli.main import cli


def run(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["resolve", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_text_mode_json() -> None:
    code, out, _ = run(["the U.S. president", "--date", "2023-06-01"])
    assert code == 0
    answer = json.loads(out)
    assert (answer["name"], answer["code"], answer["date"]) == ("Joe Biden", "USAGOV", "2023-06-01")


def test_text_mode_jsonl_is_one_line() -> None:
    code, out, _ = run(["Moscow", "--format", "jsonl", "--date", "2024-01-01"])
    assert code == 0 and out.count("\n") == 1 and json.loads(out)["country"] == "RUS"


def test_stdin_jsonl_keeps_input_order_and_reports_bad_lines() -> None:
    lines = [
        json.dumps({"text": "the Kremlin", "date": "2022-03-01"}),
        "{not json",
        "",
        json.dumps({"text": "Biden", "date": "2025-10-01"}),
        json.dumps({"text": "Biden", "date": "someday"}),
        json.dumps({"date": "2024-01-01"}),
        json.dumps({"text": "Moscow", "date": 20240101}),
    ]
    code, out, err = run([], "\n".join(lines) + "\n")
    answers = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [a.get("country") for a in answers] == ["RUS", None, "USA", None, None, None]
    assert [a.get("line") for a in answers] == [None, 2, None, 5, 6, 7]
    assert answers[2]["sector"] == "ELI"
    assert "<stdin>:2: invalid JSON" in err and "<stdin>:5: invalid date" in err
    assert "<stdin>:6:" in err and "<stdin>:7:" in err


def test_bad_date_is_a_user_error() -> None:
    code, _, err = run(["Moscow", "--date", "01/02/2024"])
    assert code == 2 and "invalid date" in err and "Traceback" not in err


def test_actor_files(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "bodies:\n  - {names: [Blue Wizards], country: IRN, sector: REL}\n", encoding="utf-8"
    )
    code, out, _ = run(["the Blue Wizards", "--actors", str(mine)])
    assert code == 0 and json.loads(out)["code"] == "IRNREL"
    code, _, err = run(["x", "--actors", str(tmp_path / "missing.yaml")])
    assert code == 2 and "missing.yaml" in err


def test_help_has_examples() -> None:
    code, out, _ = run(["--help"])
    assert code == 0 and "Examples" in out and "--actors" in out


def test_stdin_json_is_one_array() -> None:
    lines = [json.dumps({"text": "Moscow", "date": "2024-01-01"}), "oops"]
    code, out, _ = run(["--format", "json"], "\n".join(lines) + "\n")
    answers = json.loads(out)
    assert code == 1 and [a.get("country") for a in answers] == ["RUS", None]


def test_context_picks_the_country_of_a_person_with_several_offices() -> None:
    code, out, _ = run(["King Charles", "--context", "Canada", "--date", "2024-01-01"])
    assert code == 0 and json.loads(out)["code"] == "CANGOV"
    lines = [
        json.dumps({"text": "King Charles", "date": "2024-01-01"}),
        json.dumps({"text": "King Charles", "date": "2024-01-01", "context": "Jamaica"}),
        json.dumps({"text": "King Charles", "date": "2024-01-01", "context": 3}),
    ]
    code, out, err = run([], "\n".join(lines) + "\n")
    answers = [json.loads(line) for line in out.splitlines()]
    assert [a.get("country") for a in answers] == ["GBR", "JAM", None]
    assert code == 1 and "<stdin>:3:" in err
