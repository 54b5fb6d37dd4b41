"""Dyad timelines: per-period counts, Goldstein and the cooperation–conflict index, in SQL.

Everything is aggregated by DuckDB (date_trunc over the `events` table, coded and imported
alike); Python only receives one row per period. Periods without events are present as zero
rows, so a gap in the news is visible as a gap, not silently skipped.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import numpy as np

from detente.relations.dyads import Side, as_side, dyad_condition
from detente.relations.index import INDEX_SQL
from detente.store.database import Store

FREQS = ("day", "week", "month")


@dataclass(slots=True)
class Period:
    """One period of a dyad's timeline. `index` is defined in detente.relations.index."""

    start: date
    events: int
    goldstein_sum: float
    goldstein_mean: float | None
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    conflict_share: float | None
    index: float

    def to_dict(self) -> dict[str, Any]:
        record = {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}
        record["start"] = self.start.isoformat()
        return record


def _aggregates() -> str:
    return (
        "count(*) AS events, coalesce(sum(goldstein), 0) AS goldstein_sum, "
        "avg(goldstein) AS goldstein_mean, count_if(quad = 1) AS q1, count_if(quad = 2) AS q2, "
        "count_if(quad = 3) AS q3, count_if(quad = 4) AS q4"
    )


def _range(freq: str, start: str | None, end: str | None) -> tuple[str, list[Any]]:
    """Whole periods only: --from/--to widen to the periods holding them, so the first and
    last period are not labelled as full periods while counting only part of their events."""
    if freq not in FREQS:
        raise ValueError(f"unknown period {freq!r}")
    where, params = [], []
    if start:
        where.append(f"date >= date_trunc('{freq}', CAST(? AS DATE))")
        params.append(start)
    if end:
        where.append(f"date < date_trunc('{freq}', CAST(? AS DATE)) + INTERVAL 1 {freq}")
        params.append(end)
    return (" AND " + " AND ".join(where) if where else ""), params


def dyad_series(
    store: Store,
    a: Side | str,
    b: Side | str,
    freq: str = "week",
    directed: bool = False,
    start: str | None = None,
    end: str | None = None,
) -> list[Period]:
    """The timeline of a–b (or a→b when `directed`), one Period per `freq` from start to end.

    a and b are Sides or strings for `parse_side` ("USA", "USAGOV", "Trump"). Without
    start/end the range is that of the dyad's events; periods are calendar-aligned (ISO
    weeks start on Monday).
    """
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}")
    a, b = as_side(a, start), as_side(b, start)
    condition, params = dyad_condition(a, b, directed)
    date_where, date_params = _range(freq, start, end)
    sql = f"""
        WITH ev AS (
            SELECT date_trunc('{freq}', date)::DATE AS p, quad, goldstein FROM events
            WHERE date IS NOT NULL AND {condition}{date_where}
        ),
        agg AS (SELECT p, {_aggregates()} FROM ev GROUP BY p),
        bounds AS (
            SELECT coalesce(date_trunc('{freq}', ?::DATE)::DATE, min(p)) AS lo,
                   coalesce(date_trunc('{freq}', ?::DATE)::DATE, max(p)) AS hi FROM agg
        ),
        periods AS (
            SELECT unnest(generate_series(lo, hi, INTERVAL 1 {freq}))::DATE AS p
            FROM bounds WHERE lo IS NOT NULL AND hi IS NOT NULL
        ),
        filled AS (
            SELECT periods.p, coalesce(events, 0) AS events,
                   coalesce(goldstein_sum, 0) AS goldstein_sum, goldstein_mean,
                   coalesce(q1, 0) AS q1, coalesce(q2, 0) AS q2,
                   coalesce(q3, 0) AS q3, coalesce(q4, 0) AS q4,
                   coalesce(q1, 0) + coalesce(q2, 0) AS coop,
                   coalesce(q3, 0) + coalesce(q4, 0) AS conflict
            FROM periods LEFT JOIN agg USING (p)
        )
        SELECT p, events, goldstein_sum, goldstein_mean, q1, q2, q3, q4,
               conflict / nullif(coop + conflict, 0), {INDEX_SQL}
        FROM filled ORDER BY p
    """
    rows = store.con.execute(sql, [*params, *date_params, start, end]).fetchall()
    return [
        Period(
            start=row[0],
            events=int(row[1]),
            goldstein_sum=float(row[2]),
            goldstein_mean=None if row[3] is None else float(row[3]),
            verbal_coop=int(row[4]),
            material_coop=int(row[5]),
            verbal_conflict=int(row[6]),
            material_conflict=int(row[7]),
            conflict_share=None if row[8] is None else float(row[8]),
            index=float(row[9]),
        )
        for row in rows
    ]


@dataclass(slots=True)
class Columns:
    """A dyad's series as arrays, what change-point detection works on."""

    starts: list[date]
    coop: np.ndarray
    conflict: np.ndarray


def columns_of(periods: list[Period]) -> Columns:
    return Columns(
        [p.start for p in periods],
        np.array([p.verbal_coop + p.material_coop for p in periods], dtype=float),
        np.array([p.verbal_conflict + p.material_conflict for p in periods], dtype=float),
    )


def all_dyad_columns(
    store: Store,
    freq: str = "week",
    min_events: int = 50,
    start: str | None = None,
    end: str | None = None,
) -> dict[tuple[str, str], Columns]:
    """Every undirected country dyad with ≥ min_events coded events, as zero-filled arrays.

    Domestic events (same country on both sides) are left out: they are not a relationship.
    All dyads share one period axis (the data's overall range), built in one SQL pass.
    """
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}")
    date_where, date_params = _range(freq, start, end)
    rows = store.con.execute(
        f"""
        WITH ev AS (
            SELECT least(source_country, target_country) AS a,
                   greatest(source_country, target_country) AS b,
                   date_trunc('{freq}', date)::DATE AS p, quad
            FROM events
            WHERE date IS NOT NULL AND quad BETWEEN 1 AND 4
              AND source_country <> target_country{date_where}
        ),
        keep AS (SELECT a, b FROM ev GROUP BY a, b HAVING count(*) >= ?)
        SELECT a, b, p, count_if(quad <= 2) AS coop, count_if(quad >= 3) AS conflict
        FROM ev SEMI JOIN keep USING (a, b)
        GROUP BY a, b, p ORDER BY a, b, p
        """,
        [*date_params, min_events],
    ).fetchnumpy()
    if len(rows["p"]) == 0:
        return {}
    periods = _axis(rows["p"], freq)
    starts = [_to_date(v) for v in periods]
    slots = np.searchsorted(np.array(periods), rows["p"].astype("datetime64[D]"))
    result: dict[tuple[str, str], Columns] = {}
    keys = np.char.add(np.char.add(rows["a"].astype(str), "\x1f"), rows["b"].astype(str))
    boundaries = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    for chunk in np.split(np.arange(len(keys)), boundaries):
        coop = np.zeros(len(periods))
        conflict = np.zeros(len(periods))
        coop[slots[chunk]] = rows["coop"][chunk]
        conflict[slots[chunk]] = rows["conflict"][chunk]
        result[(str(rows["a"][chunk[0]]), str(rows["b"][chunk[0]]))] = Columns(
            starts, coop, conflict
        )
    return result


def _axis(values: np.ndarray, freq: str) -> list[np.datetime64]:
    """Every period from the first to the last value, calendar-aligned like date_trunc."""
    days = values.astype("datetime64[D]")
    lo, hi = days.min(), days.max()
    if freq == "day":
        return list(np.arange(lo, hi + 1, dtype="datetime64[D]"))
    if freq == "week":
        return list(np.arange(lo, hi + 1, 7, dtype="datetime64[D]"))
    months = np.arange(lo.astype("datetime64[M]"), hi.astype("datetime64[M]") + 1)
    return list(months.astype("datetime64[D]"))


def _to_date(value: np.datetime64) -> date:
    result = value.astype("datetime64[D]").item()
    assert isinstance(result, date)
    return result
