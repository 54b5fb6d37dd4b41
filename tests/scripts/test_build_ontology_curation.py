"""scripts/build_ontology.py takes its curation decisions from ontology_curation.yaml."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_ontology.py"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_ontology", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_shipped_curation_is_consistent(build: ModuleType) -> None:
    curation = build.load_curation()
    types = set(curation.definitions)
    assert len(types) == 16 and set(curation.type_defaults) == types
    assert set(curation.quad_names.values()) == {1, 2, 3, 4}
    for ptype, _ in [*curation.mode_renames, *curation.mode_defaults]:
        assert ptype in types, ptype
    for ptype, _, why in curation.corrections.values():
        assert ptype in types and why
    assert {t for t, _ in curation.legacy_labels.values()} - {None} <= types
    assert curation.root_notes["08"] == (curation.root_notes["08"][0], "CONCEDE")
    assert curation.type_defaults["CONCEDE"] == "080"  # a leading zero survives the YAML
    for header in (curation.cameo_header, curation.plover_header):
        lines = header.splitlines()
        assert lines and all(line.startswith("#") for line in lines) and header.endswith("\n")


def test_unquoted_code_is_refused(build: ModuleType, tmp_path: Path) -> None:
    text = build.CURATION.read_text(encoding="utf-8")
    assert '  "105": [REQUEST' in text
    changed = tmp_path / "curation.yaml"
    changed.write_text(text.replace('  "105": [REQUEST', "  105: [REQUEST"), encoding="utf-8")
    with pytest.raises(SystemExit, match="CAMEO code 105 must be a quoted string"):
        build.load_curation(changed)


def test_build_follows_the_curation_file(shared_data: Path, tmp_path: Path) -> None:
    text = (SCRIPT.parent / "ontology_curation.yaml").read_text(encoding="utf-8")
    reason = "decline to yield: the yield mode, as 1243-1246"
    assert reason in text
    curation = tmp_path / "curation.yaml"
    curation.write_text(text.replace(reason, "a reason made up for this test"), encoding="utf-8")
    command = [sys.executable, str(SCRIPT), "--shared", str(shared_data), "--out", str(tmp_path)]
    subprocess.run([*command, "--curation", str(curation)], check=True, capture_output=True)
    rows = {
        line.split(",", 1)[0]: line
        for line in (tmp_path / "cameo.csv").read_text(encoding="utf-8").splitlines()
    }
    assert "a reason made up for this test" in rows["124"]
    assert reason not in (tmp_path / "cameo.csv").read_text(encoding="utf-8")
