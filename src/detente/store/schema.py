"""The DuckDB schema, as an ordered list of migrations.

`events.event_id` is a content key, not a PRIMARY KEY: DuckDB keeps an in-memory index
for every key constraint, which at tens of millions of imported rows costs gigabytes, so
writers de-duplicate with an anti-join instead (see Store.add_events).

A store records the highest migration applied in `schema_version`; opening an older store
applies the missing ones in order, each in its own transaction. Never edit a migration that
has shipped: append a new one.
"""

from __future__ import annotations

ACTOR_ROLES = ("source", "target", "speaker")
ACTOR_FIELDS = ("text", "start", "end", "name", "country", "sector", "code", "role", "id")
_ACTOR_TYPES = {
    "text": "VARCHAR",
    "start": "INTEGER",
    "end": "INTEGER",
    "name": "VARCHAR",
    "country": "VARCHAR",
    "sector": "VARCHAR",
    "code": "VARCHAR",
    "role": "VARCHAR",
    "id": "VARCHAR",
}


def _actor_columns() -> str:
    return ",\n".join(
        f"    {role}_{name} {_ACTOR_TYPES[name]}" for role in ACTOR_ROLES for name in ACTOR_FIELDS
    )


# Column order of `events` after the actor columns; used by Store.add_events.
EVENT_SCALAR_COLUMNS = (
    "event_id",
    "origin",
    "run_id",
    "doc_id",
    "sentence_index",
    "sentence",
    "type",
    "mode",
    "cameo",
    "goldstein",
    "quad",
    "trigger_text",
    "trigger_start",
    "trigger_end",
    "date",
    "date_text",
    "date_precision",
    "negated",
    "hypothetical",
    "explanation",
    "confidence",
    "url",
    "extra",
)

MIGRATIONS: list[str] = [
    # 1: documents, events, runs
    f"""
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE SEQUENCE IF NOT EXISTS run_ids START 1;
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY,
    command VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    settings JSON,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    stats JSON
);
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL UNIQUE,
    source VARCHAR,
    url VARCHAR,
    title VARCHAR,
    published DATE,
    text VARCHAR NOT NULL,
    origin VARCHAR,
    run_id INTEGER,
    ingested_at TIMESTAMP NOT NULL,
    coded_run_id INTEGER
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    run_id INTEGER,
    doc_id VARCHAR,
    sentence_index INTEGER,
    sentence VARCHAR,
    type VARCHAR,
    mode VARCHAR,
    cameo VARCHAR,
    goldstein DOUBLE,
    quad TINYINT,
{_actor_columns()},
    trigger_text VARCHAR,
    trigger_start INTEGER,
    trigger_end INTEGER,
    date DATE,
    date_text VARCHAR,
    date_precision VARCHAR,
    negated BOOLEAN DEFAULT FALSE,
    hypothetical BOOLEAN DEFAULT FALSE,
    explanation VARCHAR,
    confidence DOUBLE,
    url VARCHAR,
    extra JSON
);
""",
]

SCHEMA_VERSION = len(MIGRATIONS)
