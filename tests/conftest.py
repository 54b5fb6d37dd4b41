"""Fixtures shared by every stage's tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_root() -> Path | None:
    """../shared beside the checkout (or $DETENTE_SHARED); None when absent."""
    candidate = Path(os.environ.get("DETENTE_SHARED", REPO_ROOT.parent / "shared"))
    return candidate if (candidate / "data").is_dir() else None


@pytest.fixture
def shared_data() -> Path:
    """The shared data folder; tests that need it are skipped where it is absent."""
    root = shared_root()
    if root is None:
        pytest.skip("../shared is not available")
    return root / "data"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"
