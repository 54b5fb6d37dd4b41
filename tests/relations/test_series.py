"""Dyad timelines: zero-filled periods, the index, directions and ways of naming a side."""

from __future__ import annotations

from datetime import date

import pytest

from detente.relations import coop_conflict_index, dyad_series, parse_side
from detente.relations.dyads import Side, UnknownActor
from detente.store.database import Store


def add(store: Store, rows: list[tuple[str, str, str, str, int, float]]) -> None:
    """(event_id, day, source country, target country, quad, goldstein) rows."""
    store.con.executemany(
        "INSERT INTO events (event_id, origin, date, source_country, source_code, "
        "target_country, target_code, quad, goldstein) VALUES (?, 'test', ?, ?, ?, ?, ?, ?, ?)",
        [(i, d, s, s + "GOV", t, t + "MIL", q, g) for i, d, s, t, q, g in rows],
    )


@pytest.fixture
def store() -> Store:
    store = Store(":memory:")
    add(
        store,
        [
            ("1", "2020-01-02", "USA", "RUS", 1, 3.0),
            ("2", "2020-01-03", "RUS", "USA", 4, -10.0),
            ("3", "2020-01-20", "USA", "RUS", 3, -4.0),
            ("4", "2020-03-05", "USA", "RUS", 2, 7.0),
            ("5", "2020-03-06", "USA", "CHN", 4, -10.0),
        ],
    )
    return store


def test_monthly_series_fills_empty_months(store: Store) -> None:
    periods = dyad_series(store, Side("USA", country="USA"), Side("RUS", country="RUS"), "month")
    assert [p.start for p in periods] == [date(2020, 1, 1), date(2020, 2, 1), date(2020, 3, 1)]
    january, february, march = periods
    assert (january.events, january.goldstein_sum, january.verbal_coop) == (3, -11.0, 1)
    assert (january.verbal_conflict, january.material_conflict) == (1, 1)
    assert january.conflict_share == pytest.approx(2 / 3)
    assert january.index == pytest.approx(coop_conflict_index(1, 2)) == pytest.approx(-0.2)
    assert (february.events, february.goldstein_mean, february.index) == (0, None, 0.0)
    assert march.index == pytest.approx(1 / 3)


def test_directed_and_explicit_range(store: Store) -> None:
    periods = dyad_series(
        store,
        Side("RUS", country="RUS"),
        Side("USA", country="USA"),
        "week",
        directed=True,
        start="2019-12-30",
        end="2020-01-12",
    )
    assert [(p.start, p.events) for p in periods] == [
        (date(2019, 12, 30), 1),
        (date(2020, 1, 6), 0),
    ]


def test_sides_may_be_given_as_text(store: Store) -> None:
    assert dyad_series(store, "USAGOV", "RUS", "month") == dyad_series(
        store, Side("USAGOV", code="USAGOV"), Side("RUS", country="RUS"), "month"
    )


def test_actor_code_prefix_matches(store: Store) -> None:
    gov, mil = Side("USAGOV", code="USAGOV"), Side("RUSMIL", code="RUSMIL")
    assert sum(p.events for p in dyad_series(store, gov, mil, "month", directed=True)) == 3
    assert dyad_series(store, Side("RUSGOV", code="RUSGOV"), Side("CHN", country="CHN")) == []


def test_parse_side_forms() -> None:
    assert parse_side("USA") == Side("USA", country="USA")
    assert parse_side("ROM") == Side("ROM", country="ROU")
    assert parse_side("USAGOV") == Side("USAGOV", code="USAGOV")
    with pytest.raises(UnknownActor):
        parse_side("a cat named Frank")


def test_parse_side_resolves_names() -> None:
    assert parse_side("Kremlin").code == "RUSGOV"
    trump = parse_side("Trump", "2019-06-01")
    assert trump.code == "USAGOV"


def test_a_range_inside_a_period_counts_the_whole_period(store: Store) -> None:
    # --from 2020-01-15 and --to 2020-03-05 fall inside January and March: both months are
    # labelled as whole periods, so they must hold all their events, not a part of them.
    periods = dyad_series(
        store, parse_side("USA"), parse_side("RUS"), "month", start="2020-01-15", end="2020-03-05"
    )
    assert [(p.start, p.events) for p in periods] == [
        (date(2020, 1, 1), 3),
        (date(2020, 2, 1), 0),
        (date(2020, 3, 1), 1),
    ]
