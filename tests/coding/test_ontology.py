"""The CAMEO/PLOVER tables: what the coder and the importers rely on."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from detente.coding.ontology import (
    DATA_DIR,
    PLOVER_TYPES,
    cameo_code,
    cameo_table,
    cameo_to_plover,
    default_cameo,
    goldstein,
    goldstein_table,
    legacy_plover_label,
    legacy_plover_mode,
    normalise_cameo,
    plover_table,
    plover_type,
    plv_label,
    quad_of,
    quad_table,
)

REPO = Path(__file__).resolve().parents[2]


def test_every_code_is_text_with_its_root_and_quad() -> None:
    table = cameo_table()
    assert len(table) == 312
    for code, rec in table.items():
        assert code == rec.code and code.isdigit() and 2 <= len(code) <= 4
        assert rec.root == code[:2] and rec.root in table
        assert rec.quad == table[rec.root].quad
    assert {table[f"{r:02d}"].quad for r in range(1, 6)} == {1}
    assert {table[f"{r:02d}"].quad for r in range(6, 10)} == {2}
    assert {table[f"{r:02d}"].quad for r in range(10, 15)} == {3}
    assert {table[f"{r:02d}"].quad for r in range(15, 21)} == {4}


def test_lookup_of_a_four_digit_code() -> None:
    rec = cameo_code("0211")
    assert rec is not None
    assert (rec.name, rec.root, rec.quad, rec.goldstein) == (
        "Appeal for economic cooperation",
        "02",
        1,
        3.4,
    )
    assert rec.plover_type is None and "dropped" in rec.note


@pytest.mark.parametrize(
    ("code", "gdelt", "icews"),
    [("016", -2.0, -5.0), ("022", 3.2, 3.4), ("164", -7.0, -6.5), ("165", -6.5, -7.0)],
)
def test_goldstein_scales_differ_where_documented(code: str, gdelt: float, icews: float) -> None:
    assert goldstein(code) == gdelt
    assert goldstein(code, scale="icews") == icews


def test_goldstein_scales_agree_elsewhere() -> None:
    gdelt, icews = goldstein_table("gdelt"), goldstein_table("icews")
    differing = sorted(code for code in icews if icews[code] != gdelt[code])
    assert differing == ["016", "022", "164", "165"]
    with pytest.raises(ValueError):
        goldstein_table("cline")


def test_goldstein_of_unknown_code_is_an_error() -> None:
    with pytest.raises(ValueError, match="9999"):
        goldstein("9999")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0211", "0211"),
        ("19", "19"),
        ("190", "190"),
        (43, "043"),
        ("43", "043"),
        (211, "0211"),
        (1, "01"),
        ("1", "01"),
        (190, "190"),
        ("043.0", "043"),
        (" 173 ", "173"),
        (10, "010"),
        ("10", "10"),
        ("999", None),
        ("", None),
        ("abc", None),
        (-43, None),
        (None, None),
        ("٤٣", None),
    ],
)
def test_normalise_cameo(value: str | int | None, expected: str | None) -> None:
    assert normalise_cameo(value) == expected


def test_integer_roots_need_the_root_flag() -> None:
    assert normalise_cameo(19, root=True) == "19"
    assert normalise_cameo(19) == "019"
    assert normalise_cameo(4, root=True) == "04"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("190", ("ASSAULT", None)),
        ("19", ("ASSAULT", None)),
        ("195", ("ASSAULT", "aerial")),
        ("042", ("CONSULT", "visit")),
        ("0841", ("RETREAT", "release")),
        ("081", ("CONCEDE", None)),
        ("08", ("CONCEDE", None)),
        ("090", ("ACCUSE", "investigate")),
        ("112", ("ACCUSE", "allege")),
        ("163", ("SANCTION", "discontinue")),
        ("173", ("COERCE", "arrest")),
        ("1712", ("ASSAULT", "destroy")),
        ("010", (None, None)),
        ("0211", (None, None)),
        ("1953", ("ASSAULT", "aerial")),  # unlisted variant: its parent's mapping
        ("nonsense", (None, None)),
    ],
)
def test_cameo_to_plover(code: str, expected: tuple[str | None, str | None]) -> None:
    assert cameo_to_plover(code) == expected


def test_quad_of() -> None:
    assert quad_of("0211") == 1
    assert quad_of(43) == 1
    assert quad_of("09") == 2
    assert quad_of("145") == 3
    assert quad_of("1953") == 4
    with pytest.raises(ValueError):
        quad_of("99")


def test_the_vectorised_tables_agree_with_the_records() -> None:
    assert quad_table()["190"] == 4
    assert plover_table()["0841"] == ("RETREAT", "release")
    assert len(quad_table()) == len(plover_table()) == len(cameo_table())


def test_plover_types_match_the_event_contract() -> None:
    assert len(PLOVER_TYPES) == 16
    for name in PLOVER_TYPES:
        info = plover_type(name)
        assert info is not None and info.name == name
        assert info.definition and info.quad in (1, 2, 3, 4)
        default = cameo_code(info.default_cameo)
        assert default is not None and default.plover_type == name
        assert info.goldstein == default.goldstein
    assert plover_type("FIGHT") is None


def test_plover_quads_follow_the_manual() -> None:
    quads = {name: plover_type(name).quad for name in PLOVER_TYPES}  # type: ignore[union-attr]
    assert [n for n, q in quads.items() if q == 1] == ["AGREE", "CONSULT", "SUPPORT", "CONCEDE"]
    assert [n for n, q in quads.items() if q == 2] == ["COOPERATE", "AID", "RETREAT"]
    assert [n for n, q in quads.items() if q == 3] == ["REQUEST", "ACCUSE", "REJECT", "THREATEN"]
    assert quads["PROTEST"] == quads["SANCTION"] == quads["ASSAULT"] == 4


def test_assault_modes_and_their_codes() -> None:
    info = plover_type("assault")
    assert info is not None
    assert "aerial" in info.modes and "targeted" in info.modes and "assassinate" not in info.modes
    assert default_cameo("ASSAULT", mode="aerial") == "195"
    assert default_cameo("ASSAULT", mode="targeted") == "186"
    assert default_cameo("ASSAULT") == "190"
    assert default_cameo("ASSAULT", mode="no-such-mode") == "190"
    assert default_cameo("consult", mode="host") == "042"  # older mode name
    with pytest.raises(ValueError):
        default_cameo("FIGHT")


def test_every_mode_default_has_the_right_type_unless_documented() -> None:
    crossing = {("RETREAT", "resign"), ("SANCTION", "convict")}
    for name in PLOVER_TYPES:
        info = plover_type(name)
        assert info is not None
        assert tuple(m.name for m in info.mode_info) == info.modes
        for mode in info.mode_info:
            mapped = cameo_to_plover(mode.cameo)
            if mode.exact:
                assert mapped == (name, mode.name)
            elif (name, mode.name) not in crossing:
                assert mapped[0] == name, (name, mode.name)
            assert mode.goldstein == goldstein(mode.cameo)


def test_every_mapped_mode_is_a_v08_mode_of_its_type() -> None:
    for rec in cameo_table().values():
        if rec.plover_mode is not None:
            info = plover_type(rec.plover_type or "")
            assert info is not None and rec.plover_mode in info.modes, rec


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("DISAPPROVE", "ACCUSE"),
        ("INVESTIGATE", "ACCUSE"),
        ("DEMAND", "REQUEST"),
        ("FIGHT", "ASSAULT"),
        ("assault", "ASSAULT"),
        ("YIELD", None),
        ("APPEAL", None),
        ("BANANA", None),
    ],
)
def test_legacy_plover_label(label: str, expected: str | None) -> None:
    assert legacy_plover_label(label) == expected


def test_legacy_labels_agree_with_the_cameo_roots_they_name() -> None:
    roots = {"INVESTIGATE": "09", "DEMAND": "10", "DISAPPROVE": "11", "FIGHT": "19"}
    for label, root in roots.items():
        assert legacy_plover_label(label) == cameo_to_plover(root)[0]


def test_legacy_modes_and_plv_labels() -> None:
    assert legacy_plover_mode("PROTEST", "strike-hun") == "hunger"
    assert legacy_plover_mode("COERCE", "detain") == "arrest"
    assert legacy_plover_mode("ASSAULT", "assassinate") == "targeted"
    assert legacy_plover_mode("ASSAULT", "firearms") == "firearms"
    assert legacy_plover_mode("ASSAULT", "other") is None
    assert legacy_plover_mode("NOPE", "demo") is None
    assert plv_label("RETREAT") == plv_label("concede") == "YIELD"
    assert plv_label("ACCUSE") == "ACCUSE"


def test_gold_standard_labels_all_resolve(shared_data: Path) -> None:
    import json

    lines = (shared_data / "gold" / "plover_gsr.jsonl").read_text().splitlines()
    labels = {json.loads(line)["event"] for line in lines if line.strip()}
    assert labels and all(legacy_plover_label(label) in PLOVER_TYPES for label in labels)


def test_csv_header_documents_the_default_scale() -> None:
    head = (DATA_DIR / "cameo.csv").read_text().split("\ncode,", 1)[0]
    assert "GDELT scale (the default)" in head
    rows = [line for line in (DATA_DIR / "cameo.csv").read_text().splitlines() if line[:1] != "#"]
    assert next(csv.reader(rows))[:4] == ["code", "name", "root", "goldstein"]


def test_build_script_reproduces_the_package_data(shared_data: Path, tmp_path: Path) -> None:
    script = REPO / "scripts" / "build_ontology.py"
    cmd = [sys.executable, str(script), "--shared", str(shared_data), "--out", str(tmp_path)]
    subprocess.run(cmd, check=True, capture_output=True)
    for name in ("cameo.csv", "plover.yaml"):
        assert (tmp_path / name).read_text() == (DATA_DIR / name).read_text(), name
