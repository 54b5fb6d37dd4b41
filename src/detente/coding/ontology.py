"""CAMEO and PLOVER lookups: codes, Goldstein scores, QuadClass and the CAMEO->PLOVER mapping.

The tables are package data (data/cameo.csv, data/plover.yaml) built by scripts/build_ontology.py
from the shared GDELT, ICEWS and PLOVER sources; see data/PROVENANCE.md. They are read once per
process: importers call these functions on millions of rows, so the raw dictionaries are exposed
too (`cameo_table`, `goldstein_table`, `quad_table`, `plover_table`) for `Series.map` and the like.

Two QuadClass notions coexist and both are kept: `CameoCode.quad` is GDELT's QuadClass of the CAMEO
root (what GDELT/ICEWS files carry), `PloverType.quad` is the PLOVER manual's quad category. They
differ where PLOVER moved a category: CONCEDE is verbal cooperation (CAMEO 08 is material),
PROTEST is material conflict (CAMEO 14 is verbal).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from detente.model import PLOVER_TYPES

__all__ = [
    "PLOVER_TYPES",
    "CameoCode",
    "PloverMode",
    "PloverType",
    "cameo_code",
    "cameo_table",
    "cameo_to_plover",
    "default_cameo",
    "goldstein",
    "goldstein_table",
    "legacy_plover_label",
    "legacy_plover_mode",
    "normalise_cameo",
    "plover_table",
    "plover_type",
    "plv_label",
    "quad_of",
    "quad_table",
]

Scale = Literal["gdelt", "icews"]
DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code; `goldstein` is GDELT's scale, `goldstein_icews` None where ICEWS lacks it."""

    code: str
    name: str
    root: str
    goldstein: float
    goldstein_icews: float | None
    quad: int
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class PloverMode:
    """A PLOVER mode with the CAMEO code that stands for it (`exact`: the code maps back to it)."""

    name: str
    cameo: str
    goldstein: float
    score: float | None
    exact: bool


@dataclass(frozen=True, slots=True)
class PloverType:
    """A PLOVER event type; `goldstein` is the GDELT Goldstein value of `default_cameo`."""

    name: str
    definition: str
    modes: tuple[str, ...]
    quad: int
    default_cameo: str
    goldstein: float
    score: float
    mode_info: tuple[PloverMode, ...] = ()


def _data(name: str) -> str:
    return (DATA_DIR / name).read_text(encoding="utf-8")


@cache
def cameo_table() -> dict[str, CameoCode]:
    """Every CAMEO code (text, leading zeros kept) -> its record. Shared: do not mutate."""
    lines = (line for line in io.StringIO(_data("cameo.csv")) if not line.startswith("#"))
    table = {}
    for row in csv.DictReader(lines):
        table[row["code"]] = CameoCode(
            code=row["code"],
            name=row["name"],
            root=row["root"],
            goldstein=float(row["goldstein"]),
            goldstein_icews=float(row["goldstein_icews"]) if row["goldstein_icews"] else None,
            quad=int(row["quad"]),
            plover_type=row["plover_type"] or None,
            plover_mode=row["plover_mode"] or None,
            plover_context=row["plover_context"] or None,
            note=row["note"],
        )
    return table


@cache
def goldstein_table(scale: Scale = "gdelt") -> dict[str, float]:
    """CAMEO code -> Goldstein value on that scale (codes ICEWS does not score are absent)."""
    if scale == "gdelt":
        return {code: rec.goldstein for code, rec in cameo_table().items()}
    if scale == "icews":
        return {
            code: rec.goldstein_icews
            for code, rec in cameo_table().items()
            if rec.goldstein_icews is not None
        }
    raise ValueError(f"unknown Goldstein scale {scale!r} (use 'gdelt' or 'icews')")


@cache
def quad_table() -> dict[str, int]:
    """CAMEO code -> GDELT QuadClass (1/2 verbal/material cooperation, 3/4 conflict)."""
    return {code: rec.quad for code, rec in cameo_table().items()}


@cache
def plover_table() -> dict[str, tuple[str | None, str | None]]:
    """CAMEO code -> (PLOVER type, mode); (None, None) for the codes PLOVER drops (01, 02)."""
    return {code: (rec.plover_type, rec.plover_mode) for code, rec in cameo_table().items()}


@cache
def _plover_data() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(_data("plover.yaml"), Loader=loader)
    return data


@cache
def _plover_types() -> dict[str, PloverType]:
    types = {}
    for name, info in _plover_data()["types"].items():
        modes = tuple(
            PloverMode(mode, str(m["cameo"]), float(m["goldstein"]), m.get("score"), m["exact"])
            for mode, m in info["modes"].items()
        )
        types[name] = PloverType(
            name=name,
            definition=info["definition"],
            modes=tuple(m.name for m in modes),
            quad=int(info["quad"]),
            default_cameo=str(info["default_cameo"]),
            goldstein=float(info["goldstein"]),
            score=float(info["score"]),
            mode_info=modes,
        )
    return types


@cache
def _legacy_modes() -> dict[tuple[str, str], str | None]:
    return {(e["type"], e["mode"]): e["new"] for e in _plover_data()["legacy_modes"]}


def normalise_cameo(value: str | int | None, *, root: bool = False) -> str | None:
    """The canonical text form of a CAMEO code, or None if `value` is not one.

    Codes read as numbers lose their leading zero: 43 -> "043", 211 -> "0211", 1 -> "01". Text keeps
    its digits, so "19" stays the FIGHT root and "190" the 3-digit code. The one ambiguity is an
    integer 10-20, which is either a root ("10" DEMAND) or a zero-less 3-digit code ("010"): it is
    read as a 3-digit code unless `root=True` (for EventRootCode-like columns). Read code columns
    as text to avoid the question altogether.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        if value < 0:
            return None
        text = str(value)
        if not root and 10 <= value <= 20:
            text = "0" + text
    else:
        text = value.strip()
        if text.endswith(".0"):  # a number that went through a float column
            text = text[:-2]
    if not text.isdigit() or not text.isascii():
        return None
    table = cameo_table()
    if text in table:
        return text
    padded = "0" + text
    return padded if len(padded) <= 4 and padded in table else None


def cameo_code(value: str | int) -> CameoCode | None:
    """The record of a CAMEO code (any form `normalise_cameo` accepts), None if unknown."""
    code = normalise_cameo(value)
    return None if code is None else cameo_table()[code]


def _known_prefix(value: str | int) -> CameoCode | None:
    """The code itself, else its nearest known parent (a 4-digit variant missing from the list)."""
    code = normalise_cameo(value)
    if code is not None:
        return cameo_table()[code]
    text = str(value).strip()
    if text.isdigit() and text.isascii() and len(text) == 4:
        for parent in (text[:3], text[:2]):
            if parent in cameo_table():
                return cameo_table()[parent]
    return None


def cameo_to_plover(value: str | int) -> tuple[str | None, str | None]:
    """(PLOVER type, mode) of a CAMEO code; (None, None) where PLOVER drops it or it is unknown."""
    rec = _known_prefix(value)
    return (None, None) if rec is None else (rec.plover_type, rec.plover_mode)


def quad_of(value: str | int) -> int:
    """GDELT QuadClass of a CAMEO code (by its root); ValueError if it is not a CAMEO code."""
    rec = _known_prefix(value)
    if rec is None:
        raise ValueError(f"not a CAMEO event code: {value!r}")
    return rec.quad


def goldstein(value: str | int, scale: Scale = "gdelt") -> float:
    """Goldstein score of a CAMEO code on GDELT's (default) or ICEWS's scale.

    Raises ValueError for an unknown code, or an ICEWS lookup of a code ICEWS does not score.
    """
    code = normalise_cameo(value)
    table = goldstein_table(scale)
    if code is None or code not in table:
        raise ValueError(f"no {scale} Goldstein score for CAMEO code {value!r}")
    return table[code]


def plover_type(name: str) -> PloverType | None:
    """The PLOVER type of that name (case-insensitive), None if there is none."""
    return _plover_types().get(name.strip().upper())


def legacy_plover_mode(type_name: str, mode: str | None) -> str | None:
    """A v0.8 mode of `type_name` for a current or older mode name, None if there is none."""
    info = plover_type(type_name)
    if info is None or not mode:
        return None
    mode = mode.strip().lower()
    if mode in info.modes:
        return mode
    return _legacy_modes().get((info.name, mode))


def default_cameo(type_name: str, mode: str | None = None) -> str:
    """The CAMEO code that best stands for a PLOVER type, or for a (type, mode) pair.

    An unknown or missing mode falls back to the type's own default; an unknown type is an error.
    """
    info = plover_type(type_name)
    if info is None:
        raise ValueError(f"not a PLOVER event type: {type_name!r}")
    current = legacy_plover_mode(info.name, mode)
    for entry in info.mode_info:
        if entry.name == current:
            return entry.cameo
    return info.default_cameo


def legacy_plover_label(label: str) -> str | None:
    """The current PLOVER type for a type name used by older PLOVER drafts and gold sets.

    Current names map to themselves. The reasons for each older name are in data/plover.yaml
    (`legacy_labels`): DISAPPROVE and INVESTIGATE -> ACCUSE, DEMAND -> REQUEST, FIGHT -> ASSAULT.
    YIELD (the PLV gold set's merged CONCEDE/RETREAT) has no single successor and gives None:
    compare such gold labels with `plv_label(prediction)` instead.
    """
    name = label.strip().upper()
    if name in _plover_types():
        return name
    entry = _plover_data()["legacy_labels"].get(name)
    return None if entry is None else entry["type"]


def plv_label(type_name: str) -> str:
    """A PLOVER type as the PLV gold set spells it: CONCEDE and RETREAT are merged as YIELD."""
    name = type_name.strip().upper()
    return "YIELD" if name in ("CONCEDE", "RETREAT") else name
