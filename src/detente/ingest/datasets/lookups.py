"""Code tables the importers join against: CAMEO -> PLOVER, country codes and names -> ISO-3.

Imported files repeat a few hundred distinct codes and names over millions of rows, so each
distinct value is looked up once in Python (the ontology and the actor knowledge base own the
facts) and the answers are joined in SQL as a small temporary table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

import duckdb


def _field(info: Any, name: str) -> Any:
    return info.get(name) if isinstance(info, dict) else getattr(info, name, None)


@cache
def cameo_rows() -> tuple[tuple[str, str | None, str | None, int | None], ...]:
    """(cameo code, PLOVER type, PLOVER mode, QuadClass) for every code the ontology knows."""
    from detente.coding.ontology import cameo_table

    rows = []
    for code, info in cameo_table().items():
        quad = _field(info, "quad")
        rows.append(
            (
                str(code),
                _field(info, "plover_type"),
                _field(info, "plover_mode"),
                int(quad) if quad is not None else None,
            )
        )
    return tuple(rows)


def normalise_cameo(code: str) -> str | None:
    """A CAMEO code as text with its leading zeros ("43" -> "043"), None when unusable."""
    from detente.coding.ontology import normalise_cameo as ontology_normalise

    result = ontology_normalise(code)
    return str(result) if result else None


def country_of(value: str) -> str | None:
    """ISO-3 (or CAMEO organisation/region code) for a CAMEO/ISO code or a country name."""
    from detente.actors import country_code, get_resolver

    text = value.strip()
    if not text:
        return None
    if len(text) == 3 and text.isalpha() and text.isupper():
        # A code; one the KB does not know (a CAMEO region such as WSB) is kept as written.
        return country_code(text) or text
    actor = get_resolver().match(text, None)
    return str(actor.country) if actor is not None and actor.country else None


def register_cameo(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table cameo_map(code, type, mode, quad)."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE cameo_map "
        "(code VARCHAR, type VARCHAR, mode VARCHAR, quad TINYINT)"
    )
    con.executemany("INSERT INTO cameo_map VALUES (?, ?, ?, ?)", list(cameo_rows()))


def register_mapping(
    con: duckdb.DuckDBPyConnection,
    table: str,
    values: Iterable[str | None],
    func: Callable[[str], str | None],
) -> None:
    """Temp table `table`(raw, value) holding func(raw) for each distinct non-null raw value."""
    rows = []
    for raw in {v for v in values if v is not None}:
        try:
            mapped = func(raw)
        except (ValueError, KeyError, LookupError):
            mapped = None
        rows.append((raw, mapped))
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} (raw VARCHAR, value VARCHAR)")
    if rows:
        con.executemany(f"INSERT INTO {table} VALUES (?, ?)", rows)


def register_actors(
    con: duckdb.DuckDBPyConnection, names: Iterable[str | None], when: str | None
) -> None:
    """Temp table actor_map(raw, country, sector, code): the actor KB's reading of each name.

    Names are read once each, at the file's latest event date (an ICEWS file is a year, a
    POLECAT file a week), so an office holder is read as holding the office then.
    """
    from detente.actors import get_resolver

    resolver = get_resolver()
    rows = []
    for name in {n for n in names if n}:
        try:
            actor = resolver.match(name, when)
        except ValueError:  # a date the resolver cannot read
            actor = resolver.match(name, None)
        if actor is not None:
            rows.append((name, actor.country, actor.sector, actor.code))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE actor_map "
        "(raw VARCHAR, country VARCHAR, sector VARCHAR, code VARCHAR)"
    )
    if rows:
        con.executemany("INSERT INTO actor_map VALUES (?, ?, ?, ?)", rows)
