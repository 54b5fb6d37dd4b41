"""The DuckDB store: schema and migrations (schema.py) and the `Store` every command uses."""
