"""Turning points of a dyad, or of every dyad, with the events that drove them.

`dyad_shifts` and `scan_shifts` return plain `Shift` records (`to_dict()` gives the JSON shape
of `detente shifts --format json`), so the report and notebooks can use them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from detente.relations.changepoint import ChangePoint, detect
from detente.relations.dyads import Side, as_side, dyad_condition
from detente.relations.series import Columns, all_dyad_columns, columns_of, dyad_series
from detente.store.database import Store

_STEP = {"day": timedelta(days=1), "week": timedelta(weeks=1), "month": timedelta(days=31)}


@dataclass(slots=True)
class Shift:
    dyad: tuple[str, str]
    date: date  # first day of the first period at the new level
    before: float  # cooperation–conflict index of the segment before
    after: float
    magnitude: float  # after − before
    p_value: float
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "dyad": list(self.dyad),
            "date": self.date.isoformat(),
            "before": round(self.before, 4),
            "after": round(self.after, 4),
            "magnitude": round(self.magnitude, 4),
            "p_value": round(self.p_value, 4),
            "evidence": self.evidence,
        }


def _shifts(
    columns: Columns, dyad: tuple[str, str], alpha: float, seed: int
) -> list[tuple[Shift, ChangePoint]]:
    points = detect(columns.coop, columns.conflict, alpha=alpha, seed=seed)
    return [
        (
            Shift(dyad, columns.starts[p.at], p.before, p.after, p.magnitude, p.p_value),
            p,
        )
        for p in points
    ]


def dyad_shifts(
    store: Store,
    a: Side | str,
    b: Side | str,
    freq: str = "week",
    directed: bool = False,
    start: str | None = None,
    end: str | None = None,
    min_events: int = 20,
    alpha: float = 0.01,
    evidence: int = 5,
    seed: int = 0,
) -> list[Shift]:
    """Significant shifts in the a–b cooperation–conflict index, each with its evidence."""
    a, b = as_side(a, start), as_side(b, start)
    periods = dyad_series(store, a, b, freq, directed, start, end)
    columns = columns_of(periods)
    if (columns.coop + columns.conflict).sum() < min_events:
        return []
    condition, params = dyad_condition(a, b, directed)
    result = []
    for shift, point in _shifts(columns, (a.label, b.label), alpha, seed):
        shift.evidence = _evidence(
            store, condition, params, columns, point, freq, shift.magnitude, evidence
        )
        result.append(shift)
    return result


def scan_shifts(
    store: Store,
    freq: str = "week",
    min_events: int = 50,
    recent: int | None = 4,
    start: str | None = None,
    end: str | None = None,
    alpha: float = 0.01,
    evidence: int = 3,
    limit: int = 20,
    seed: int = 0,
) -> list[Shift]:
    """The strongest shifts over every country dyad, those within `recent` periods of the end.

    "What changed this month": with `recent` None every shift counts. Ranked by |magnitude|.
    """
    found: list[tuple[Shift, ChangePoint, Columns]] = []
    for dyad, columns in all_dyad_columns(store, freq, min_events, start, end).items():
        horizon = len(columns.starts) - recent if recent is not None else 0
        for shift, point in _shifts(columns, dyad, alpha, seed):
            if point.at >= horizon:
                found.append((shift, point, columns))
    found.sort(key=lambda item: (-abs(item[0].magnitude), item[0].p_value))
    result = []
    for shift, point, columns in found[:limit]:
        a, b = (
            Side(shift.dyad[0], country=shift.dyad[0]),
            Side(shift.dyad[1], country=shift.dyad[1]),
        )
        condition, params = dyad_condition(a, b, directed=False)
        shift.evidence = _evidence(
            store, condition, params, columns, point, freq, shift.magnitude, evidence
        )
        result.append(shift)
    return result


def _evidence(
    store: Store,
    condition: str,
    params: list[Any],
    columns: Columns,
    point: ChangePoint,
    freq: str,
    magnitude: float,
    limit: int,
) -> list[dict[str, Any]]:
    """Events in the period before the shift and the two after, ranked by their push.

    An event's contribution is its Goldstein deviation from the before-segment's mean
    Goldstein, signed in the shift's direction: in a turn towards conflict, a military attack
    (−10) outranks a critical statement (−2), and a cooperative event in the window does not
    count as evidence for it.
    """
    starts = columns.starts
    lo = starts[max(point.at - 1, 0)]
    hi = starts[point.at + 2] if point.at + 2 < len(starts) else starts[-1] + _STEP[freq]
    segment_start = starts[point.since]
    baseline_row = store.con.execute(
        f"SELECT avg(goldstein) FROM events WHERE {condition} AND date >= ? AND date < ?",
        [*params, segment_start, starts[point.at]],
    ).fetchone()
    baseline = float(baseline_row[0]) if baseline_row and baseline_row[0] is not None else 0.0
    sign = 1.0 if magnitude >= 0 else -1.0
    rows = store.con.execute(
        f"""
        SELECT event_id, CAST(date AS VARCHAR), type, cameo, goldstein, quad,
               source_code, source_name, source_country, target_code, target_name,
               target_country, sentence, url, origin, ? * (goldstein - ?) AS contribution
        FROM events
        WHERE {condition} AND date >= ? AND date < ? AND goldstein IS NOT NULL
          AND ? * (goldstein - ?) > 0
        ORDER BY contribution DESC, date, event_id LIMIT ?
        """,
        [sign, baseline, *params, lo, hi, sign, baseline, limit],
    ).fetchall()
    keys = (
        "event_id",
        "date",
        "type",
        "cameo",
        "goldstein",
        "quad",
        "source_code",
        "source_name",
        "source_country",
        "target_code",
        "target_name",
        "target_country",
        "sentence",
        "url",
        "origin",
        "contribution",
    )
    evidence = []
    for row in rows:
        record = dict(zip(keys, row, strict=True))
        evidence.append(
            {
                "event_id": record["event_id"],
                "date": record["date"],
                "type": record["type"],
                "cameo": record["cameo"],
                "goldstein": record["goldstein"],
                "quad": record["quad"],
                "source": {k: record[f"source_{k}"] for k in ("code", "name", "country")},
                "target": {k: record[f"target_{k}"] for k in ("code", "name", "country")},
                "sentence": record["sentence"],
                "url": record["url"],
                "origin": record["origin"],
                "contribution": round(float(record["contribution"]), 3),
            }
        )
    return evidence
