"""GDELT-format files with a planted turn in the USA→RUS relationship, and stores from them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from detente.ingest.datasets import import_files
from detente.ingest.datasets.scan import layouts
from detente.relations.synthetic import planted_series
from detente.store.database import Store

START = date(2019, 1, 7)  # a Monday: weeks line up with date_trunc('week')
SHIFT_WEEK = 30
# (EventCode, QuadClass, GoldsteinScale) used for cooperative and conflictual events.
COOP = (("043", 1, 2.8), ("057", 1, 8.0), ("061", 2, 6.4))
CONFLICT = (("112", 3, -2.0), ("138", 3, -7.0), ("190", 4, -10.0))


def gdelt_lines(
    rng: np.random.Generator,
    dyad: tuple[str, str],
    coop: np.ndarray,
    conflict: np.ndarray,
    first_id: int,
) -> list[str]:
    columns = layouts()["gdelt2"].columns
    lines = []
    event_id = first_id
    for week, (n_coop, n_conflict) in enumerate(zip(coop, conflict, strict=True)):
        for kind, count in ((COOP, n_coop), (CONFLICT, n_conflict)):
            for _ in range(int(count)):
                code, quad, gold = kind[int(rng.integers(len(kind)))]
                day = START + timedelta(weeks=week, days=int(rng.integers(7)))
                row = {
                    "GLOBALEVENTID": str(event_id),
                    "SQLDATE": day.strftime("%Y%m%d"),
                    "Actor1Code": f"{dyad[0]}GOV",
                    "Actor1Name": dyad[0],
                    "Actor1CountryCode": dyad[0],
                    "Actor1Type1Code": "GOV",
                    "Actor2Code": f"{dyad[1]}GOV",
                    "Actor2Name": dyad[1],
                    "Actor2CountryCode": dyad[1],
                    "Actor2Type1Code": "GOV",
                    "EventCode": code,
                    "QuadClass": str(quad),
                    "GoldsteinScale": str(gold),
                    "SOURCEURL": f"https://news.example/{event_id}",
                }
                lines.append("\t".join(row.get(c, "") for c in columns))
                event_id += 1
    return lines


def write_planted(path: Path, seed: int = 3, weeks: int = 52) -> Path:
    """USA→RUS turns from cooperation to conflict at SHIFT_WEEK; USA→CHN stays steady."""
    rng = np.random.default_rng(seed)
    turn = planted_series(rng, weeks, SHIFT_WEEK, 0.8, 0.25, volume=25.0, noise=0.1)
    steady = planted_series(rng, weeks, None, 0.6, 0.6, volume=25.0, noise=0.1)
    lines = gdelt_lines(rng, ("USA", "RUS"), turn.coop, turn.conflict, 1)
    lines += gdelt_lines(rng, ("USA", "CHN"), steady.coop, steady.conflict, 100_000)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def planted_file(tmp_path: Path) -> Path:
    return write_planted(tmp_path / "planted.export.CSV")


@pytest.fixture
def planted_store(tmp_path: Path, planted_file: Path) -> Store:
    store = Store(tmp_path / "planted.duckdb")
    import_files(store, "gdelt", [planted_file])
    return store


@pytest.fixture
def shift_date() -> date:
    return START + timedelta(weeks=SHIFT_WEEK)


@pytest.fixture
def week_start() -> Callable[[int], date]:
    return lambda week: START + timedelta(weeks=week)
