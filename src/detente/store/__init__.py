"""The DuckDB store: schema and migrations (schema.py) and the `Store` every command uses."""

from detente.store.database import Store, StoreError, default_db_path

__all__ = ["Store", "StoreError", "default_db_path"]
