"""Build the event-ontology package data from the shared CAMEO and PLOVER sources.

Run from the repository root (re-runnable, deterministic; the outputs are committed so that the
installed package never needs ../shared):

    .venv/bin/python scripts/build_ontology.py [--shared ../shared/data]

Reads  cameo/GDELT_CAMEO.eventcodes.txt, GDELT_CAMEO.goldsteinscale.txt, icews_cameo-codes.csv,
       quadclass_by_root.tsv, cameo_codes_combined.tsv (cross-check only),
       plover/CAMEO2PLOVER-2021.txt and PLOVER_MANUAL.tex (v0.8).
Writes src/detente/coding/data/cameo.csv and src/detente/coding/data/plover.yaml.

The curation decisions (where we depart from the 2021 conversion table, which CAMEO code stands
for a PLOVER type or mode, how older labels map) are the dictionaries below, each with its reason;
every departure is also written into the `note` column of cameo.csv.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "detente" / "coding" / "data"

QUAD_NAMES = {
    "VERBAL COOPERATION": 1,
    "MATERIAL COOPERATION": 2,
    "VERBAL CONFLICT": 3,
    "MATERIAL CONFLICT": 4,
}

# Older mode names -> PLOVER v0.8 mode, keyed by (current type, old name), with the reason.
# They come from the 2021 conversion table and from the PLOVER gold-standard records; None means
# v0.8 has no such mode for that type and no clear successor, so the mode is left empty.
MODE_RENAMES: dict[tuple[str, str], tuple[str | None, str]] = {
    ("ASSAULT", "assassinate"): ("targeted", "v0.8 'targeted' covers (attempted) assassinations"),
    ("ASSAULT", "massacre"): ("targeted", "v0.8 'targeted' includes deliberate mass killings"),
    ("ASSAULT", "seize"): ("destroy", "used only by 1712 'Destroy property'"),
    ("ASSAULT", "cleansing"): (None, "commented out of the v0.8 ASSAULT modes"),
    ("ASSAULT", "pro_autocracy"): (None, "a context name, not a mode"),
    ("ASSAULT", "other"): (None, "residual label, not a v0.8 mode"),
    ("ASSAULT", "deport"): (None, "deportation is a COERCE mode, not an ASSAULT mode"),
    ("COERCE", "ban"): ("restrict", "v0.8 'restrict' includes banning people from politics"),
    ("COERCE", "confiscate"): ("seize", "v0.8 'seize' covers confiscation"),
    ("COERCE", "detain"): ("arrest", "v0.8 'arrest' is 'arrest, detain'"),
    ("COERCE", "destroy"): (None, "destruction is an ASSAULT mode in v0.8"),
    ("COERCE", "firearms"): (None, "firearms is an ASSAULT mode in v0.8"),
    ("THREATEN", "ban"): ("restrict", "v0.8 THREATEN 'restrict' includes bans on parties"),
    ("THREATEN", "political"): ("restrict", "threats to restrict political freedoms"),
    ("THREATEN", "curfew"): ("restrict", "v0.8 THREATEN 'restrict' includes curfews"),
    ("THREATEN", "martial-law"): ("restrict", "a threatened state of emergency restricts movement"),
    ("RETREAT", "return"): (None, "'return' is commented out of the v0.8 RETREAT modes"),
    ("RETREAT", "ease"): (None, "the 2021 table itself notes 'ease' is no longer a mode"),
    ("CONSULT", "host"): (
        "visit",
        "v0.8 keeps one 'visit' mode (visitor is actor, host recipient)",
    ),
    ("PROTEST", "demo-org"): ("demo", "v0.8 merges organised and spontaneous demonstrations"),
    ("PROTEST", "demo-spon"): ("demo", "v0.8 merges organised and spontaneous demonstrations"),
    ("PROTEST", "riot-spon"): ("riot", "v0.8 has one 'riot' mode"),
    ("PROTEST", "strike-gen"): ("strike", "general strike"),
    ("PROTEST", "strike-hun"): ("hunger", "hunger strike"),
}

# Codes whose (type, mode) we set differently from the 2021 table, with the reason.
CORRECTIONS: dict[str, tuple[str, str, str]] = {
    "105": (
        "REQUEST",
        "yield",
        "demand that target yields: the yield mode, as its children 1051-1056",
    ),
    "112": ("ACCUSE", "allege", "'Accuse' is the allege mode, as its children 1121-1125"),
    "124": ("REJECT", "yield", "decline to yield: the yield mode, as 1243-1246"),
    "1241": ("REJECT", "yield", "declining to ease sanctions is refusing to yield"),
    "1242": ("REJECT", "yield", "declining to ease dissent is refusing to yield"),
    "163": (
        "SANCTION",
        "discontinue",
        "manual v0.8: international sanctions are SANCTION 'discontinue'",
    ),
    "183": ("ASSAULT", "explosives", "non-military bombing is v0.8 'explosives'; 1831 is suicide"),
    "195": ("ASSAULT", "aerial", "v0.8 added the 'aerial' mode for aerial weapons"),
}

# Root 08 is split by the table into CONCEDE (081-083) and RETREAT (084-087); the root itself and
# its residual 080 take CONCEDE, as the table's first line for 08 does.
ROOT_NOTES = {
    "01": "PLOVER drops CAMEO 01 (public statements): no PLOVER type",
    "02": "PLOVER drops CAMEO 02 (appeals): no PLOVER type; see REQUEST for demands",
    "08": "CAMEO 08 splits into CONCEDE (081-083) and RETREAT (084-087); root taken as CONCEDE",
}

# The CAMEO code that stands for a PLOVER type when nothing finer is known: the residual
# "not specified" code of the root that carries the type, except where noted.
TYPE_DEFAULTS = {
    "AGREE": "030",
    "CONSULT": "040",
    "SUPPORT": "050",
    "CONCEDE": "080",
    "COOPERATE": "060",
    "AID": "070",
    "RETREAT": "084",  # first RETREAT code of root 08 (080 is CONCEDE)
    "REQUEST": "100",
    "ACCUSE": "110",  # root 11 residual; 090 would mean an investigation
    "REJECT": "120",
    "THREATEN": "130",
    "PROTEST": "140",
    "SANCTION": "160",
    "MOBILIZE": "150",
    "COERCE": "170",
    "ASSAULT": "190",  # conventional force: the commonest ASSAULT root in GDELT exports
}

# (type, mode) -> CAMEO code where the automatic choice (shortest, then lowest code carrying that
# type and mode) is poor or where no code carries the mode. A code of another PLOVER type is
# used only where CAMEO has exactly that action under a different root.
MODE_DEFAULTS: dict[tuple[str, str], tuple[str, str]] = {
    ("CONSULT", "multilateral"): ("040", "CAMEO has no multilateral-meeting code"),
    ("RETREAT", "resign"): ("0831", "CAMEO codes resignations as acceding to leadership change"),
    ("SANCTION", "convict"): ("116", "CAMEO 116 'Find guilty or liable' (ACCUSE in the table)"),
    ("THREATEN", "relations"): ("1313", "threaten to reduce or break relations"),
    ("THREATEN", "violence"): ("138", "threaten with military force, the usual case"),
    ("THREATEN", "arrest"): ("130", "CAMEO has no threat-of-arrest code"),
    ("PROTEST", "strike"): ("143", "CAMEO 143 'Conduct strike or boycott'"),
    ("PROTEST", "vandalize"): ("140", "CAMEO has no symbolic-vandalism code"),
    ("MOBILIZE", "weapons"): ("150", "CAMEO has no weapons-readiness code"),
    ("MOBILIZE", "militia"): ("154", "mobilize or increase armed forces"),
    ("COERCE", "censor"): ("1721", "restrictions on freedom of expression"),
    ("COERCE", "withhold"): ("170", "CAMEO has no withholding code"),
    ("COERCE", "misinformation"): ("170", "CAMEO has no misinformation code"),
    ("COERCE", "cyber"): ("170", "CAMEO has no cyber code"),
    ("ASSAULT", "targeted"): ("186", "assassinate (185 is an attempt)"),
    ("ASSAULT", "primitive"): ("180", "non-military violence without firearms"),
    ("ASSAULT", "drone"): ("195", "CAMEO 195 covers all aerial weapons"),
    ("ASSAULT", "crowd-control"): ("175", "tactics of violent repression"),
}

# Older or variant labels -> current PLOVER type, with the reason (checked against the table).
LEGACY_LABELS: dict[str, tuple[str | None, str]] = {
    "DISAPPROVE": ("ACCUSE", "CAMEO 11 DISAPPROVE maps to ACCUSE 'disapprove' in the table"),
    "INVESTIGATE": ("ACCUSE", "CAMEO 09 INVESTIGATE maps to ACCUSE 'investigate' in the table"),
    "DEMAND": ("REQUEST", "CAMEO 10 DEMAND maps to REQUEST in the table"),
    "FIGHT": ("ASSAULT", "CAMEO 19 FIGHT (and 20) map to ASSAULT; FIGHT was its pre-v0.8 name"),
    "YIELD": (None, "CAMEO 08 YIELD splits into CONCEDE and RETREAT: ambiguous on its own"),
    "APPEAL": (None, "CAMEO 02 APPEAL is dropped by PLOVER"),
}

# PLOVER types in their manual order, and a one-line summary of each in our own words.
DEFINITIONS = {
    "AGREE": "Commits, offers or promises to cooperate, including future-tense cooperation.",
    "CONSULT": "Meets, visits, hosts or talks with another party, in person or remotely.",
    "SUPPORT": "Backs, praises, recognises or signs on to something: non-material cooperation.",
    "CONCEDE": "Makes a verbal concession (eases rules, pardons, regrets, announces a pull-back).",
    "COOPERATE": "Carries out material cooperation that benefits both sides (trade, drills, law).",
    "AID": "Gives material help that mainly benefits the recipient (money, arms, relief, asylum).",
    "RETREAT": "Yields with material effect: frees captives, withdraws, disarms, resigns.",
    "REQUEST": "Asks for, demands or orders something, short of a threat.",
    "ACCUSE": "Criticises, accuses, sues or investigates another party.",
    "REJECT": "Refuses or turns down a proposal, request, meeting or concession.",
    "THREATEN": "Warns of harmful action; the mode is what is threatened.",
    "PROTEST": "Civilians demonstrate or act collectively against the recipient.",
    "SANCTION": "Cuts back an existing relationship: expels, withdraws, discontinues, convicts.",
    "MOBILIZE": "Moves or readies armed or police forces without using force.",
    "COERCE": "Represses or restricts without violence: arrests, bans, curfews, seizures.",
    "ASSAULT": "Uses force that can cause serious physical harm.",
}


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


def read_manual(plover: Path) -> tuple[dict[str, dict[str, object]], dict[str, float]]:
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
        types[name] = {"quad": QUAD_NAMES[quad_match.group(1).strip()], "modes": modes}
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


def build_cameo(shared: Path, mode_lists: dict[str, list[str]]) -> list[dict[str, str]]:
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
        if code in ROOT_NOTES:
            notes.append(ROOT_NOTES[code])
            ptype = "CONCEDE" if code == "08" else ptype
        elif not ptype:
            notes.append("no PLOVER type (root dropped by PLOVER)")
        if (ptype, mode) in MODE_RENAMES:
            renamed = MODE_RENAMES[(ptype, mode)][0]
            notes.append(f"table mode '{mode}' -> '{renamed or ''}' (PLOVER v0.8 modes)")
            mode = renamed or ""
        if code in CORRECTIONS:
            new_type, new_mode, why = CORRECTIONS[code]
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


def mode_default(rows: list[dict[str, str]], ptype: str, mode: str) -> tuple[str, bool, str]:
    """(code, whether that code carries exactly this type and mode, reason)."""
    if (ptype, mode) in MODE_DEFAULTS:
        code, why = MODE_DEFAULTS[(ptype, mode)]
        row = next(r for r in rows if r["code"] == code)
        return code, (row["plover_type"], row["plover_mode"]) == (ptype, mode), why
    carriers = [r["code"] for r in rows if (r["plover_type"], r["plover_mode"]) == (ptype, mode)]
    if not carriers:
        sys.exit(f"no CAMEO code for {ptype} '{mode}': add it to MODE_DEFAULTS")
    return min(carriers, key=lambda c: (len(c), c)), True, ""


def build_plover(
    rows: list[dict[str, str]], manual: dict[str, dict[str, object]], scores: dict[str, float]
) -> dict[str, object]:
    goldstein = {r["code"]: float(r["goldstein"]) for r in rows}
    types: dict[str, object] = {}
    for name, definition in DEFINITIONS.items():
        info = manual[name]
        modes = {}
        for mode in info["modes"]:  # type: ignore[attr-defined]
            code, exact, why = mode_default(rows, name, mode)
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
        default = TYPE_DEFAULTS[name]
        types[name] = {
            "quad": info["quad"],
            "definition": definition,
            "default_cameo": Code(default),
            "goldstein": goldstein[default],
            "score": scores[name.lower()],
            "modes": modes,
        }
    legacy = {label: {"type": t, "why": why} for label, (t, why) in LEGACY_LABELS.items()}
    legacy_modes = [
        {"type": ptype, "mode": old, "new": new, "why": why}
        for (ptype, old), (new, why) in MODE_RENAMES.items()
    ]
    return {"types": types, "legacy_labels": legacy, "legacy_modes": legacy_modes}


class Code(str):
    """A CAMEO code: always written quoted, so no YAML reader can take "080" for a number."""


def _quoted(dumper: yaml.SafeDumper, value: Code) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="'")


yaml.SafeDumper.add_representer(Code, _quoted)


CAMEO_HEADER = """\
# CAMEO event codes with Goldstein scores, QuadClass and their PLOVER type/mode.
# Built by scripts/build_ontology.py; do not edit by hand. Provenance: PROVENANCE.md.
# Sources: GDELT CAMEO lookup tables (names of 2-digit roots, Goldstein scale, QuadClass grouping),
#   ICEWS CAMEO codes via andybega/icews (MIT: names, goldstein_icews, code 1213),
#   CAMEO2PLOVER-2021 conversion table (openeventdata/PLOVER, CC BY-SA 4.0: plover_* columns).
# goldstein = GDELT scale (the default); goldstein_icews = ICEWS scale. They differ at
#   016 (-2.0 vs -5.0), 022 (3.2 vs 3.4), 164 (-7.0 vs -6.5) and 165 (-6.5 vs -7.0).
# quad = GDELT QuadClass by root: 01-05 verbal cooperation (1), 06-09 material cooperation (2),
#   10-14 verbal conflict (3), 15-20 material conflict (4).
# plover_type empty = PLOVER drops the code (CAMEO 01, 02). Departures from the table: `note`.
"""

PLOVER_HEADER = """\
# PLOVER event types: quad, modes, default CAMEO codes and scores.
# Built by scripts/build_ontology.py; do not edit by hand. Provenance: PROVENANCE.md.
# Facts (type and mode names, quad categories, scores) from the PLOVER manual Draft 0.8
#   (2021-09-17), openeventdata/PLOVER, CC BY-SA 4.0; definitions are our own summaries.
# goldstein = GDELT Goldstein value of the default CAMEO code; score = the manual's PLOVER
#   conflict-cooperation score (note: the manual prints +3 for ACCUSE, whose modes are -2..-3.5).
# Mode `exact: false` = the default CAMEO code is the closest code but is mapped to another
#   mode (or type) in cameo.csv, because CAMEO has no code for this mode.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument(
        "--out", type=Path, default=OUT, help="output folder (default: package data)"
    )
    args = parser.parse_args()
    out: Path = args.out
    manual, scores = read_manual(args.shared / "plover")
    if list(manual) != list(DEFINITIONS):
        sys.exit(f"manual types {list(manual)} differ from {list(DEFINITIONS)}")
    mode_lists = {name: list(info["modes"]) for name, info in manual.items()}  # type: ignore[call-overload]
    rows = build_cameo(args.shared, mode_lists)
    out.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    buffer.write(CAMEO_HEADER)
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (out / "cameo.csv").write_text(buffer.getvalue())
    plover = build_plover(rows, manual, scores)
    text = yaml.safe_dump(plover, sort_keys=False, allow_unicode=True, width=100)
    (out / "plover.yaml").write_text(PLOVER_HEADER + text)
    mapped = sum(1 for r in rows if r["plover_type"])
    print(f"cameo.csv: {len(rows)} codes, {mapped} with a PLOVER type; plover.yaml: 16 types")


if __name__ == "__main__":
    main()
