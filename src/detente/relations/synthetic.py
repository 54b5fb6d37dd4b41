"""Synthetic dyad series with a planted turning point, for tests, the benchmark and demos.

Volumes are gamma–Poisson (bursty news, not a steady trickle) and each period's cooperation
probability wobbles around its segment's value on the logit scale, so detection is tested
against the over-dispersion real event data shows rather than against clean binomial noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Planted:
    coop: np.ndarray
    conflict: np.ndarray
    shift_at: int | None  # first period of the new level; None for a series without a shift


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def planted_series(
    rng: np.random.Generator,
    periods: int = 52,
    shift_at: int | None = 26,
    p_before: float = 0.75,
    p_after: float = 0.35,
    volume: float = 20.0,
    burstiness: float = 2.0,
    noise: float = 0.3,
) -> Planted:
    """Counts per period; `burstiness` is the gamma shape (lower = burstier volumes)."""
    rates = rng.gamma(burstiness, volume / burstiness, periods)
    n = rng.poisson(rates)
    level = np.full(periods, _logit(p_before))
    if shift_at is not None:
        level[shift_at:] = _logit(p_after)
    p = 1 / (1 + np.exp(-(level + rng.normal(0, noise, periods))))
    coop = rng.binomial(n, p)
    return Planted(coop.astype(float), (n - coop).astype(float), shift_at)


@dataclass(frozen=True, slots=True)
class StudyResult:
    series: int
    planted_found: int  # planted shift detected within `tolerance` periods
    spurious: int  # reported shifts not within tolerance of a planted one
    reported: int
    null_series: int
    null_alarms: int  # null series with at least one reported shift

    @property
    def detection_rate(self) -> float:
        return self.planted_found / self.series if self.series else 0.0

    @property
    def spurious_rate(self) -> float:
        return self.spurious / self.reported if self.reported else 0.0

    @property
    def null_alarm_rate(self) -> float:
        return self.null_alarms / self.null_series if self.null_series else 0.0


def _blocks(values: np.ndarray, size: int) -> np.ndarray:
    """Sums over consecutive blocks of `size` periods (weeks into 4-week months, say)."""
    return np.bincount(np.arange(values.size) // size, values)


def detection_study(
    seeds: range,
    volumes: tuple[float, ...] = (8.0, 20.0, 100.0),
    tolerance: int = 1,
    aggregate: int = 1,
) -> StudyResult:
    """Plant one shift per series (random position, direction and noise), count what is found.

    With `aggregate` > 1 the series are generated at the fine resolution and detected on
    blocks of that many periods, the advice for sparse dyads (a month instead of a week);
    `tolerance` then counts blocks.
    """
    from detente.relations.changepoint import detect

    found = spurious = reported = null_alarms = series = null_series = 0
    for seed in seeds:
        rng = np.random.default_rng(seed)
        for volume in volumes:
            periods = int(rng.integers(40, 80))
            at = int(rng.integers(8, periods - 8))
            p_before, p_after = (0.75, 0.35) if rng.random() < 0.5 else (0.3, 0.7)
            noise = float(rng.choice([0.1, 0.3]))
            planted = planted_series(rng, periods, at, p_before, p_after, volume, noise=noise)
            shifts = detect(
                _blocks(planted.coop, aggregate), _blocks(planted.conflict, aggregate), seed=seed
            )
            series += 1
            # A shift inside a block may show at either of its edges: measure from the middle.
            hits = [s for s in shifts if abs(s.at - at / aggregate) <= tolerance]
            found += bool(hits)
            reported += len(shifts)
            spurious += len(shifts) - min(len(hits), 1)
            null = planted_series(rng, periods, None, p_before, p_before, volume, noise=noise)
            null_series += 1
            null_alarms += bool(
                detect(_blocks(null.coop, aggregate), _blocks(null.conflict, aggregate), seed=seed)
            )
    return StudyResult(series, found, spurious, reported, null_series, null_alarms)
