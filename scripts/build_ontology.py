"""Build the event-ontology package data from the shared CAMEO and PLOVER sources.

Run from the repository root (re-runnable, deterministic; the outputs are committed so that the
installed package never needs ../shared):

    .venv/bin/python scripts/build_ontology.py [--shared ../shared/data]

Reads  cameo/GDELT_CAMEO.eventcodes.txt, GDELT_CAMEO.goldsteinscale.txt, icews_cameo-codes.csv,
       quadclass_by_root.tsv, cameo_codes_combined.tsv (cross-check only),
       plover/CAMEO2PLOVER-2021.txt and PLOVER_MANUAL.tex (v0.8).
Writes src/detente/coding/data/cameo.csv and src/detente/coding/data/plover.yaml.

The curation decisions (where we depart from the 2021 conversion table, which CAMEO code stands
for a PLOVER type or mode, how older labels map) live beside this script in
ontology_curation.yaml, each with its reason and the sources it rests on; every departure is also
written into the `note` column of cameo.csv.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "detente" / "coding" / "data"

CURATION = Path(__file__).with_name("ontology_curation.yaml")


@dataclass(frozen=True, slots=True)
class Curation:
    """The decisions in ontology_curation.yaml (see its comments), keyed for the build."""

    quad_names: dict[str, int]
    definitions: dict[str, str]
    mode_renames: dict[tuple[str, str], tuple[str | None, str]]
    corrections: dict[str, tuple[str, str, str]]
    root_notes: dict[str, tuple[str, str | None]]  # root -> (note, type it takes or None)
    type_defaults: dict[str, str]
    mode_defaults: dict[tuple[str, str], tuple[str, str]]
    legacy_labels: dict[str, tuple[str | None, str]]
    cameo_header: str
    plover_header: str


def _code(path: Path, value: object) -> str:
    """A CAMEO code from the YAML; unquoted codes would lose leading zeros, so they are refused."""
    if not isinstance(value, str) or not value.isdigit():
        sys.exit(f"{path}: CAMEO code {value!r} must be a quoted string of digits")
    return value


def load_curation(path: Path = CURATION) -> Curation:
    """The curation file, checked for the shapes the build relies on (exit with a message)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        return Curation(
            quad_names={str(k): int(v) for k, v in data["quad_categories"].items()},
            definitions={str(k): str(v) for k, v in data["definitions"].items()},
            mode_renames={
                (ptype, old): (new, why)
                for ptype, renames in data["mode_renames"].items()
                for old, (new, why) in renames.items()
            },
            corrections={
                _code(path, code): (ptype, mode, why)
                for code, (ptype, mode, why) in data["corrections"].items()
            },
            root_notes={
                _code(path, root): (entry["note"], entry.get("type"))
                for root, entry in data["root_notes"].items()
            },
            type_defaults={k: _code(path, v) for k, v in data["type_defaults"].items()},
            mode_defaults={
                (ptype, mode): (_code(path, code), why)
                for ptype, modes in data["mode_defaults"].items()
                for mode, (code, why) in modes.items()
            },
            legacy_labels={
                label: (ptype, why) for label, (ptype, why) in data["legacy_labels"].items()
            },
            cameo_header=data["cameo_header"],
            plover_header=data["plover_header"],
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        sys.exit(f"{path}: not in the expected shape ({type(exc).__name__}: {exc})")


def read_gdelt(cameo: Path) -> tuple[dict[str, str], dict[str, int], dict[str, float]]:
    """GDELT names, the QuadClass implied by its grouping headers, and its Goldstein scale."""
    names: dict[str, str] = {}
    quad_of_root: dict[str, int] = {}
    quad = 0
    lines = (cameo / "GDELT_CAMEO.eventcodes.txt").read_text().splitlines()[1:]
    for code, name in (line.split("\t") for line in lines if line.strip()):
        if len(code) == 1:
            quad = int(code)
            continue
        names[code] = name.strip()
        if len(code) == 2:
            quad_of_root[code] = quad
    scale = {}
    for line in (cameo / "GDELT_CAMEO.goldsteinscale.txt").read_text().splitlines()[1:]:
        code, value = line.split("\t")
        scale[code] = float(value)
    return names, quad_of_root, scale


def read_icews(cameo: Path) -> dict[str, tuple[str, float]]:
    """ICEWS names and Goldstein values (the file is Windows-1252, not UTF-8)."""
    text = (cameo / "icews_cameo-codes.csv").read_bytes().decode("cp1252")
    return {
        row["code"]: (row["name"].strip(), float(row["goldstein"]))
        for row in csv.DictReader(io.StringIO(text))
    }


def read_quad_by_root(cameo: Path) -> dict[str, int]:
    with (cameo / "quadclass_by_root.tsv").open() as handle:
        return {
            row["root_code"]: int(row["quad_class"])
            for row in csv.DictReader(handle, delimiter="\t")
        }


def read_conversion(plover: Path) -> dict[str, tuple[str, str, str]]:
    """CAMEO2PLOVER-2021: code -> (type, mode, context); the first line wins for a repeated code."""
    table: dict[str, tuple[str, str, str]] = {}
    for line in (plover / "CAMEO2PLOVER-2021.txt").read_text().splitlines():
        match = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not match:
            continue
        body = match.group(2).split("#", 1)[0]
        parts = [part.strip() for part in body.split(",")] + ["", ""]
        context = parts[2].replace(";", " ").split()
        table.setdefault(match.group(1), (parts[0], parts[1], " ".join(context)))
    return table


def _strip_tex(cell: str) -> str:
    cell = re.sub(r"\\cellcolor\{[^}]*\}", "", cell)
    return cell.replace("\\\\", "").strip()


def read_manual(
    plover: Path, quad_names: dict[str, int]
) -> tuple[dict[str, dict[str, object]], dict[str, float]]:
    """Per type: quad and mode names (from each section's mode table); and the score table."""
    tex = (plover / "PLOVER_MANUAL.tex").read_text()
    body = tex.split("\\chapter{Event Categories}", 1)[1].split("\\chapter{Contexts}", 1)[0]
    types: dict[str, dict[str, object]] = {}
    for section in body.split("\\section{")[1:]:
        name = section.split("}", 1)[0].strip()
        quad_match = re.search(r"Quad category: ([A-Z ]+)\}", section)
        assert quad_match, name
        modes: list[str] = []
        for table in re.findall(r"\\begin\{tabular\}(.*?)\\end\{tabular\}", section, re.S):
            for line in table.splitlines():
                if line.lstrip().startswith("%") or "&" not in line:
                    continue
                first = line.split("&", 1)[0].strip()
                if first and first != "Name":
                    modes.append(first.replace("\\_", "_"))
        types[name] = {"quad": quad_names[quad_match.group(1).strip()], "modes": modes}
    scores: dict[str, float] = {}
    table = tex.rsplit("\\label{tab:ploverscores}", 1)[0].rsplit("\\begin{tabular}", 1)[1]
    for line in table.splitlines():
        if line.lstrip().startswith("%") or "&" not in line or "textbf" in line:
            continue
        cells = [_strip_tex(cell) for cell in line.split("&")]
        for label, value in zip(cells[0::2], cells[1::2], strict=False):
            if label and value:
                scores[label.replace(": ", ":").lower()] = float(value)
    return types, scores


def cross_check(cameo: Path, rows: list[dict[str, str]]) -> None:
    """Compare with the derived join in cameo_codes_combined.tsv; stop on any numeric mismatch."""
    ours = {r["code"]: r for r in rows}
    with (cameo / "cameo_codes_combined.tsv").open() as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            mine = ours[row["code"]]
            if row["gdelt_goldstein"] and float(row["gdelt_goldstein"]) != float(mine["goldstein"]):
                sys.exit(f"{row['code']}: GDELT Goldstein {row['gdelt_goldstein']} vs {mine}")
            if row["icews_goldstein"] and mine["goldstein_icews"] != repr(
                float(row["icews_goldstein"])
            ):
                sys.exit(f"{row['code']}: ICEWS Goldstein {row['icews_goldstein']} vs {mine}")
            if row["quad_class"] != mine["quad"]:
                sys.exit(f"{row['code']}: QuadClass {row['quad_class']} vs {mine['quad']}")


def build_cameo(
    shared: Path, mode_lists: dict[str, list[str]], curation: Curation
) -> list[dict[str, str]]:
    cameo, plover = shared / "cameo", shared / "plover"
    gdelt_names, gdelt_quads, gdelt_scale = read_gdelt(cameo)
    icews = read_icews(cameo)
    quads = read_quad_by_root(cameo)
    if quads != gdelt_quads:
        sys.exit(f"QuadClass disagreement: {quads} vs GDELT headers {gdelt_quads}")
    conversion = read_conversion(plover)
    rows = []
    for code in sorted(set(gdelt_names) | set(icews)):
        notes = []
        name = icews[code][0] if code in icews else gdelt_names[code]
        icews_value = icews[code][1] if code in icews else None
        if code in gdelt_scale:
            value = gdelt_scale[code]
        else:
            assert icews_value is not None
            value = icews_value
            notes.append("not in GDELT's list: Goldstein from ICEWS")
        if icews_value is not None and icews_value != value:
            notes.append(f"Goldstein differs: GDELT {value}, ICEWS {icews_value}")
        ptype, mode, context = conversion.get(code, ("", "", ""))
        if code in curation.root_notes:
            note, root_type = curation.root_notes[code]
            notes.append(note)
            ptype = root_type or ptype
        elif not ptype:
            notes.append("no PLOVER type (root dropped by PLOVER)")
        if (ptype, mode) in curation.mode_renames:
            renamed = curation.mode_renames[(ptype, mode)][0]
            notes.append(f"table mode '{mode}' -> '{renamed or ''}' (PLOVER v0.8 modes)")
            mode = renamed or ""
        if code in curation.corrections:
            new_type, new_mode, why = curation.corrections[code]
            notes.append(f"table says {ptype} '{mode}'; set {new_type} '{new_mode}': {why}")
            ptype, mode = new_type, new_mode
        if mode and mode not in mode_lists.get(ptype, []):
            sys.exit(f"{code}: mode {mode!r} is not a v0.8 mode of {ptype}")
        rows.append(
            {
                "code": code,
                "name": name,
                "root": code[:2],
                "goldstein": repr(value),
                "goldstein_icews": "" if icews_value is None else repr(icews_value),
                "quad": str(quads[code[:2]]),
                "plover_type": ptype,
                "plover_mode": mode,
                "plover_context": context,
                "note": "; ".join(notes),
            }
        )
    cross_check(cameo, rows)
    return rows


def mode_default(
    rows: list[dict[str, str]], ptype: str, mode: str, curation: Curation
) -> tuple[str, bool, str]:
    """(code, whether that code carries exactly this type and mode, reason)."""
    if (ptype, mode) in curation.mode_defaults:
        code, why = curation.mode_defaults[(ptype, mode)]
        row = next(r for r in rows if r["code"] == code)
        return code, (row["plover_type"], row["plover_mode"]) == (ptype, mode), why
    carriers = [r["code"] for r in rows if (r["plover_type"], r["plover_mode"]) == (ptype, mode)]
    if not carriers:
        sys.exit(f"no CAMEO code for {ptype} '{mode}': add it to mode_defaults in {CURATION.name}")
    return min(carriers, key=lambda c: (len(c), c)), True, ""


def build_plover(
    rows: list[dict[str, str]],
    manual: dict[str, dict[str, object]],
    scores: dict[str, float],
    curation: Curation,
) -> dict[str, object]:
    goldstein = {r["code"]: float(r["goldstein"]) for r in rows}
    types: dict[str, object] = {}
    for name, definition in curation.definitions.items():
        info = manual[name]
        modes = {}
        for mode in info["modes"]:  # type: ignore[attr-defined]
            code, exact, why = mode_default(rows, name, mode, curation)
            entry: dict[str, object] = {
                "cameo": Code(code),
                "goldstein": goldstein[code],
                "exact": exact,
            }
            if f"{name.lower()}:{mode}" in scores:
                entry["score"] = scores[f"{name.lower()}:{mode}"]
            if why:
                entry["why"] = why
            modes[mode] = entry
        default = curation.type_defaults[name]
        types[name] = {
            "quad": info["quad"],
            "definition": definition,
            "default_cameo": Code(default),
            "goldstein": goldstein[default],
            "score": scores[name.lower()],
            "modes": modes,
        }
    legacy = {label: {"type": t, "why": why} for label, (t, why) in curation.legacy_labels.items()}
    legacy_modes = [
        {"type": ptype, "mode": old, "new": new, "why": why}
        for (ptype, old), (new, why) in curation.mode_renames.items()
    ]
    return {"types": types, "legacy_labels": legacy, "legacy_modes": legacy_modes}


class Code(str):
    """A CAMEO code: always written quoted, so no YAML reader can take "080" for a number."""


def _quoted(dumper: yaml.SafeDumper, value: Code) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="'")


yaml.SafeDumper.add_representer(Code, _quoted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument(
        "--out", type=Path, default=OUT, help="output folder (default: package data)"
    )
    parser.add_argument(
        "--curation", type=Path, default=CURATION, help=f"decisions file (default: {CURATION.name})"
    )
    args = parser.parse_args()
    out: Path = args.out
    curation = load_curation(args.curation)
    manual, scores = read_manual(args.shared / "plover", curation.quad_names)
    if list(manual) != list(curation.definitions):
        sys.exit(f"manual types {list(manual)} differ from {list(curation.definitions)}")
    mode_lists = {name: list(info["modes"]) for name, info in manual.items()}  # type: ignore[call-overload]
    rows = build_cameo(args.shared, mode_lists, curation)
    out.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    buffer.write(curation.cameo_header)
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (out / "cameo.csv").write_text(buffer.getvalue())
    plover = build_plover(rows, manual, scores, curation)
    text = yaml.safe_dump(plover, sort_keys=False, allow_unicode=True, width=100)
    (out / "plover.yaml").write_text(curation.plover_header + text)
    mapped = sum(1 for r in rows if r["plover_type"])
    print(f"cameo.csv: {len(rows)} codes, {mapped} with a PLOVER type; plover.yaml: 16 types")


if __name__ == "__main__":
    main()
