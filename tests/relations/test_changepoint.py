"""Change-point detection on synthetic series with planted turning points."""

from __future__ import annotations

import itertools
import subprocess
import sys

import numpy as np
import pytest

from detente.relations import detect
from detente.relations.changepoint import _dispersion, pelt
from detente.relations.synthetic import detection_study, planted_series


def test_planted_shifts_found_and_spurious_ones_rare() -> None:
    # 50 seeds × 4 volumes (10–100 events a week, bursty), random position, direction, noise.
    study = detection_study(range(50), volumes=(10.0, 20.0, 50.0, 100.0))
    assert study.series == 200
    assert study.detection_rate >= 0.95
    assert study.spurious_rate <= 0.05
    assert study.null_alarm_rate <= 0.05


def test_result_is_deterministic_and_described() -> None:
    planted = planted_series(np.random.default_rng(11), 60, 35, 0.8, 0.3, volume=30.0)
    first = detect(planted.coop, planted.conflict)
    assert first == detect(planted.coop, planted.conflict)
    (shift,) = first
    assert abs(shift.at - 35) <= 1
    assert shift.before > 0.4 and shift.after < 0
    assert shift.magnitude == shift.after - shift.before
    assert 0 < shift.p_value <= 0.01


def test_volume_swing_alone_is_not_a_shift() -> None:
    rng = np.random.default_rng(5)
    n = np.concatenate([rng.poisson(5, 30), rng.poisson(200, 30)])
    coop = rng.binomial(n, 0.6).astype(float)
    assert detect(coop, n - coop) == []


@pytest.mark.parametrize(
    ("periods", "at"),
    [(11, 3), (11, 5), (11, 8), (12, 2), (12, 6), (12, 10), (20, 4), (20, 10), (20, 17)],
)
@pytest.mark.parametrize("towards_conflict", [True, False])
def test_a_clean_step_is_found_where_it_is(periods: int, at: int, towards_conflict: bool) -> None:
    # A year of months: the turn spanning half the series must not count as its own noise.
    coop = np.where(np.arange(periods) < at, 6.0, 0.0)
    if not towards_conflict:
        coop = 6.0 - coop
    (shift,) = detect(coop, 6.0 - coop, alpha=0.05)
    assert shift.at == at
    assert (shift.magnitude < 0) == towards_conflict
    assert shift.p_value <= 0.05


@pytest.mark.parametrize("at", [4, 6, 8])
def test_a_noisy_monthly_step_is_usually_found(at: int) -> None:
    # Twelve months of about 12 events, 80 % then 20 % cooperative (measured: 95–98 of 100).
    found = alarms = 0
    for seed in range(40):
        rng = np.random.default_rng(seed)
        n = rng.poisson(12, 12)
        coop = rng.binomial(n, np.where(np.arange(12) < at, 0.8, 0.2)).astype(float)
        found += [abs(s.at - at) <= 1 for s in detect(coop, n - coop, alpha=0.05)] == [True]
        steady = rng.binomial(n, 0.5).astype(float)
        alarms += bool(detect(steady, n - steady, alpha=0.05))
    assert found >= 36
    assert alarms <= 2


def test_dispersion_ignores_the_turn_but_not_the_wobble() -> None:
    rng = np.random.default_rng(3)
    steady = planted_series(rng, 60, None, 0.6, 0.6, volume=40.0, noise=0.5)
    n, s = steady.coop + steady.conflict, steady.coop - steady.conflict
    wobbly = _dispersion(n, s)
    # Over-dispersed periods: well above the binomial 1 − m² of ±1 events (m ≈ 0.2).
    assert wobbly > 1.5
    turned = s.copy()
    turned[30:] = -turned[30:]
    # Mirroring half the series changes its global mean, not its neighbour-to-neighbour noise.
    assert _dispersion(n, turned) == pytest.approx(wobbly, rel=0.35)
    clean = np.full(12, 6.0)
    assert _dispersion(clean, np.where(np.arange(12) < 6, 6.0, -6.0)) == 0.05


def test_detente_runs_without_ruptures() -> None:
    # ruptures is only in the dev extra; a pip install of detente must not need it.
    code = (
        "import sys; sys.modules['ruptures'] = None\n"
        "import detente.cli.main, detente.relations, detente.report\n"
        "from detente.relations.synthetic import detection_study\n"
        "assert detection_study(range(2), volumes=(20.0,)).series == 2"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_empty_and_short_series() -> None:
    assert detect(np.zeros(10), np.zeros(10)) == []
    assert detect(np.array([3.0]), np.array([1.0])) == []


def optimal_partition_cost(n: np.ndarray, s: np.ndarray, penalty: float, min_size: int) -> float:
    """Brute-force optimal partitioning (O(T²)), the exact answer PELT must match."""
    best = [0.0] + [np.inf] * n.size
    best[0] = -penalty
    for t in range(1, n.size + 1):
        for start in range(0, t - min_size + 1):
            if start and start < min_size:
                continue
            seg_n, seg_s = n[start:t].sum(), s[start:t].sum()
            cost = seg_n - seg_s**2 / seg_n if seg_n else 0.0
            best[t] = min(best[t], best[start] + cost + penalty)
    return float(best[-1])


def segmentation_cost(n: np.ndarray, s: np.ndarray, cuts: list[int], penalty: float) -> float:
    edges = [0, *cuts, n.size]
    total = -penalty
    for lo, hi in itertools.pairwise(edges):
        seg_n, seg_s = n[lo:hi].sum(), s[lo:hi].sum()
        total += (seg_n - seg_s**2 / seg_n if seg_n else 0.0) + penalty
    return float(total)


def test_pelt_is_exact() -> None:
    for seed in range(25):
        rng = np.random.default_rng(seed)
        planted = planted_series(rng, 30, int(rng.integers(5, 25)), 0.7, 0.3, volume=6.0)
        n, s = planted.coop + planted.conflict, planted.coop - planted.conflict
        penalty = float(rng.uniform(2, 15))
        cuts = pelt(n, s, penalty, min_size=2)
        assert all(b - a >= 2 for a, b in zip([0, *cuts], [*cuts, n.size], strict=True))
        assert segmentation_cost(n, s, cuts, penalty) == pytest.approx(
            optimal_partition_cost(n, s, penalty, 2)
        )


def test_pelt_agrees_with_ruptures() -> None:
    rpt = pytest.importorskip("ruptures")  # a dev dependency only: detente never imports it

    class EventCost(rpt.base.BaseCost):  # type: ignore[misc]
        model = "event"
        min_size = 2

        def fit(self, signal: np.ndarray) -> EventCost:
            self.signal = signal
            return self

        def error(self, start: int, end: int) -> float:
            seg_n, seg_s = self.signal[start:end].sum(axis=0)
            return float(seg_n - seg_s**2 / seg_n) if seg_n else 0.0

    agree = 0
    for seed in range(10):
        rng = np.random.default_rng(100 + seed)
        planted = planted_series(rng, 60, 30, 0.8, 0.3, volume=15.0)
        n, s = planted.coop + planted.conflict, planted.coop - planted.conflict
        reference = (
            rpt.Pelt(custom_cost=EventCost(), min_size=2, jump=1)
            .fit(np.column_stack([n, s]))
            .predict(pen=20.0)[:-1]
        )
        ours = pelt(n, s, 20.0, 2)
        # Same optimum; where ruptures' pruning lands elsewhere, ours is never costlier.
        assert (
            segmentation_cost(n, s, ours, 20.0) <= segmentation_cost(n, s, reference, 20.0) + 1e-9
        )
        agree += ours == reference
    assert agree >= 8
