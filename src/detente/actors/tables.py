"""The bundled data tables that configure the resolver itself (data/titles.yaml, names.yaml,
sector_priority.yaml), read with the KB's own YAML loader.

These are facts like the KB's (which title names which office, which countries write the
family name first), so they live in data files with provenance rather than in code. They are
not KB entries: users cannot layer them, and each is read once per process.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


class YamlLoader(yaml.SafeLoader if not hasattr(yaml, "CSafeLoader") else yaml.CSafeLoader):  # type: ignore[misc]
    """The fastest safe loader available (libyaml when installed)."""


@cache
def data_table(name: str) -> Mapping[str, Any]:
    """The top-level mapping of the bundled data file `name`; cached, so read once.

    A missing or malformed bundled file is a broken installation, not a user mistake, so it
    raises (ValueError) instead of being skipped like a bad row of a user's KB file.
    """
    path = DATA_DIR / name
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=YamlLoader)  # safe: no objects
    if not isinstance(data, Mapping):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data
