"""Users extend or override the KB with files in the KB formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.actors import ActorResolver, load_actor_file


def test_yaml_and_csv_files_layer_over_the_kb(mini: ActorResolver, tmp_path: Path) -> None:
    yaml_file = tmp_path / "mine.yaml"
    yaml_file.write_text(
        "bodies:\n"
        "  - {names: [Grey Company], country: ARN, sector: MIL}\n"
        "  - {names: [Rangers], country: ROM, sector: COP}\n",  # a CAMEO code, normalised
        encoding="utf-8",
    )
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text(
        "id,name,aliases,country,sector,role,start,end,provenance\n"
        "halbarad,Halbarad Dunadan,,ARN,MIL,other,2020-01-01,,user note\n",
        encoding="utf-8",
    )
    layered = mini.with_files([yaml_file, csv_file])
    assert layered.resolve("the Grey Company").country == "ARN"
    assert layered.resolve("Rangers").country == "ROU"  # overrides the KB's Rangers
    assert mini.resolve("Rangers").country == "ARN"  # the original is unchanged
    assert layered.resolve("Halbarad Dunadan", "2024-01-01").sector == "MIL"
    assert layered.resolve("Dunadan", "2024-01-01").id == "halbarad"


def test_bad_rows_are_reported_not_fatal(tmp_path: Path) -> None:
    csv_file = tmp_path / "people.csv"
    csv_file.write_text(
        "id,name,aliases,country,sector,role,start,end,provenance\n"
        "x,Some One,,ARN,GOV,other,2020-13-01,,bad date\n"
        ",,,,,,,,\n"
        "y,Other Person,,ARN,GOV,other,2020-01-01,,fine\n",
        encoding="utf-8",
    )
    problems: list[str] = []
    entries = load_actor_file(csv_file, problems)
    assert [e.name for e in entries] == ["Other Person"]
    assert problems and problems[0].startswith("people.csv:2:")


def test_unreadable_user_files_raise(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such actor file"):
        ActorResolver([tmp_path / "missing.yaml"], include_default=False)
    bad = tmp_path / "bad.yaml"
    bad.write_text("bodies: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match="invalid YAML"):
        ActorResolver([bad], include_default=False)
    other = tmp_path / "actors.json"
    other.write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="actor files are"):
        ActorResolver([other], include_default=False)


def test_bodies_with_periods_change_role_at_the_date(tmp_path: Path) -> None:
    groups = tmp_path / "groups.yaml"
    groups.write_text(
        "bodies:\n"
        "  - {names: [Northern Front], country: ARN, sector: REB, end: 2021-08-15}\n"
        "  - {names: [Northern Front], country: ARN, sector: GOV, start: 2021-08-15}\n"
        "  - {names: [Broken Dates], country: ARN, sector: REB, end: '2021-13-01'}\n",
        encoding="utf-8",
    )
    resolver = ActorResolver([groups], include_default=False)
    assert resolver.resolve("the Northern Front", "2020-01-01").sector == "REB"
    assert resolver.resolve("the Northern Front", "2022-01-01").sector == "GOV"
    assert any("Broken Dates" in p for p in resolver.problems)


def test_an_impossible_unquoted_date_is_a_file_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad_date.yaml"
    bad.write_text("bodies:\n  - {names: [X Front], end: 2021-13-01}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="invalid YAML"):
        ActorResolver([bad], include_default=False)
