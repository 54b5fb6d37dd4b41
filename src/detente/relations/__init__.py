"""Dyad timelines, the cooperation–conflict index and turning points with evidence.

from detente.relations import dyad_series, dyad_shifts, parse_side, scan_shifts
usa, rus = parse_side("USA"), parse_side("RUS")
periods = dyad_series(store, usa, rus, freq="week")      # list[Period]
shifts = dyad_shifts(store, usa, rus, freq="week")       # list[Shift], .to_dict() for JSON
"""

from __future__ import annotations

from detente.relations.changepoint import ChangePoint, detect
from detente.relations.dyads import Side, UnknownActor, parse_side
from detente.relations.index import PRIOR, coop_conflict_index
from detente.relations.series import FREQS, Period, all_dyad_columns, dyad_series
from detente.relations.shifts import Shift, dyad_shifts, scan_shifts

__all__ = [
    "FREQS",
    "PRIOR",
    "ChangePoint",
    "Period",
    "Shift",
    "Side",
    "UnknownActor",
    "all_dyad_columns",
    "coop_conflict_index",
    "detect",
    "dyad_series",
    "dyad_shifts",
    "parse_side",
    "scan_shifts",
]
