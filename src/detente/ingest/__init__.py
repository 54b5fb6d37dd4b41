"""Readers that turn files, folders and stdin into Documents, and the ingest into the store.

    from detente.ingest import ReadOptions, ingest_paths
    from detente.store.database import Store
    stats = ingest_paths(Store("news.duckdb"), ["news/"], ReadOptions(source="wire"))

Dataset importers (GDELT, ICEWS, POLECAT) live in `detente.ingest.datasets`.
"""

from __future__ import annotations

from detente.ingest.base import FieldMap, Issue, ReadOptions
from detente.ingest.dates import normalise_date
from detente.ingest.pipeline import IngestStats, ingest_paths

__all__ = ["FieldMap", "IngestStats", "Issue", "ReadOptions", "ingest_paths", "normalise_date"]
