"""Listing and exporting stored events: the nested contract shape, or data-set-like columns.

`gdelt`, `icews` and `plover` write the columns those data sets use (tab-separated, with a
header), filled from what the store holds, so tools built for those files can read detente's
coded events; columns the store has no value for are left empty.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import duckdb

from detente.ingest.datasets.scan import layouts
from detente.relations.dyads import Side, dyad_condition
from detente.store.database import EVENT_COLUMNS, Store
from detente.store.schema import ACTOR_FIELDS, ACTOR_ROLES


@dataclass(frozen=True, slots=True)
class EventQuery:
    origin: str | None = None
    dyad: tuple[Side, Side] | None = None
    directed: bool = False
    type: str | None = None
    start: str | None = None
    end: str | None = None
    limit: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.origin:
            clauses.append("origin = ?")
            params.append(self.origin)
        if self.dyad:
            condition, dyad_params = dyad_condition(*self.dyad, directed=self.directed)
            clauses.append(condition)
            params.extend(dyad_params)
        if self.type:
            clauses.append("type = ?")
            params.append(self.type.upper())
        if self.start:
            clauses.append("date >= ?")
            params.append(self.start)
        if self.end:
            clauses.append("date <= ?")
            params.append(self.end)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def sql(self, columns: str) -> tuple[str, list[Any]]:
        where, params = self.where()
        limit = f" LIMIT {int(self.limit)}" if self.limit is not None else ""
        return f"SELECT {columns} FROM events{where} ORDER BY date, event_id{limit}", params


def iter_rows(store: Store, query: EventQuery, batch: int = 5000) -> Iterator[dict[str, Any]]:
    """Flat event rows (EVENT_COLUMNS) in date order, streamed."""
    sql, params = query.sql(", ".join(f'"{c}"' for c in EVENT_COLUMNS))
    cursor = store.con.cursor()
    cursor.execute(sql, params)
    while chunk := cursor.fetchmany(batch):
        for row in chunk:
            yield dict(zip(EVENT_COLUMNS, row, strict=True))
    cursor.close()


def nested(row: dict[str, Any]) -> dict[str, Any]:
    """A flat row in the event contract's JSON shape (model.Event.to_dict), plus provenance."""

    def actor(role: str) -> dict[str, Any] | None:
        values = {name: row[f"{role}_{name}"] for name in ACTOR_FIELDS}
        return values if any(v is not None for v in values.values()) else None

    trigger = (
        {"text": row["trigger_text"], "start": row["trigger_start"], "end": row["trigger_end"]}
        if row["trigger_text"] is not None
        else None
    )
    record: dict[str, Any] = {
        "event_id": row["event_id"],
        "origin": row["origin"],
        "doc_id": row["doc_id"],
        "sentence_index": row["sentence_index"],
        "sentence": row["sentence"] or "",
        "type": row["type"],
        "mode": row["mode"],
        "cameo": row["cameo"],
        "goldstein": row["goldstein"],
        "quad": row["quad"],
        **{role: actor(role) for role in ACTOR_ROLES if role != "speaker"},
        "trigger": trigger,
        "date": row["date_text"] or (row["date"].isoformat() if row["date"] else None),
        "date_precision": row["date_precision"],
        "speaker": actor("speaker"),
        "negated": bool(row["negated"]),
        "hypothetical": bool(row["hypothetical"]),
        "explanation": row["explanation"] or "",
        "confidence": row["confidence"] or 0.0,
        "url": row["url"],
    }
    extra = json.loads(row["extra"]) if row["extra"] else {}
    if extra:
        record["extra"] = extra
    return record


def _actor_columns(role: str) -> tuple[str, ...]:
    return tuple(f"{role}.{name}" for name in ACTOR_FIELDS)


# `detente events --format csv`: `nested`'s keys, flattened. Fixed rather than taken from the
# first row because csv is streamed and a row without a speaker or trigger lacks those keys.
CSV_COLUMNS = (
    *("event_id", "origin", "doc_id", "sentence_index", "sentence", "type", "mode", "cameo"),
    *("goldstein", "quad"),
    *(c for role in ACTOR_ROLES if role != "speaker" for c in _actor_columns(role)),
    *("trigger.text", "trigger.start", "trigger.end", "date", "date_precision"),
    *_actor_columns("speaker"),
    *("negated", "hypothetical", "explanation", "confidence", "url", "extra"),
)


def csv_record(row: dict[str, Any]) -> dict[str, Any]:
    """`nested(row)` with `extra` kept as one JSON cell: its keys differ from row to row."""
    record = nested(row)
    record["extra"] = row["extra"] or None
    return record


def _day(row: dict[str, Any], pattern: str) -> str:
    return row["date"].strftime(pattern) if row["date"] else ""


def _quad_name(quad: Any) -> str:
    from detente.ingest.datasets.scan import quad_names

    names = {v: k for k, v in quad_names().items()}
    return names.get(quad, "").title()


def _dataset_values(fmt: str, row: dict[str, Any]) -> dict[str, Any]:
    """The data set's column -> value, for the columns the store can fill."""
    if fmt == "gdelt":
        return {
            "GLOBALEVENTID": row["event_id"],
            "SQLDATE": _day(row, "%Y%m%d"),
            "MonthYear": _day(row, "%Y%m"),
            "Year": _day(row, "%Y"),
            **{
                f"Actor{n}{key}": row[f"{role}_{field}"]
                for n, role in ((1, "source"), (2, "target"))
                for key, field in (
                    ("Code", "code"),
                    ("Name", "name"),
                    ("CountryCode", "country"),
                    ("Type1Code", "sector"),
                )
            },
            "EventCode": row["cameo"],
            "EventBaseCode": (row["cameo"] or "")[:3],
            "EventRootCode": (row["cameo"] or "")[:2],
            "QuadClass": row["quad"],
            "GoldsteinScale": row["goldstein"],
            "SOURCEURL": row["url"],
        }
    if fmt == "icews":
        return {
            "Event ID": row["event_id"],
            "Event Date": _day(row, "%Y-%m-%d"),
            "Source Name": row["source_name"] or row["source_text"],
            "Source Sectors": row["source_sector"],
            "Source Country": row["source_country"],
            "Event Text": row["sentence"],
            "CAMEO Code": row["cameo"],
            "Intensity": row["goldstein"],
            "Target Name": row["target_name"] or row["target_text"],
            "Target Sectors": row["target_sector"],
            "Target Country": row["target_country"],
            "Story ID": row["doc_id"],
            "Sentence Number": row["sentence_index"],
        }
    return {
        "Event ID": row["event_id"],
        "Event Date": _day(row, "%Y-%m-%d"),
        "Event Type": (row["type"] or "").lower(),
        "Event Mode": row["mode"],
        "Event Intensity": row["goldstein"],
        "Quad Code": _quad_name(row["quad"]),
        "Actor Name": row["source_name"] or row["source_text"],
        "Actor Country": row["source_country"],
        "Primary Actor Sector": row["source_sector"],
        "Actor Name Raw": row["source_text"],
        "Recipient Name": row["target_name"] or row["target_text"],
        "Recipient Country": row["target_country"],
        "Primary Recipient Sector": row["target_sector"],
        "Recipient Name Raw": row["target_text"],
        "Source": row["url"],
        "Publication Date": row["date_text"],
    }


DATASET_LAYOUT = {"gdelt": "gdelt2", "icews": "icews", "plover": "polecat"}


def dataset_lines(fmt: str, rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    """Header then one tab-separated line per event, in the data set's column order."""
    columns = layouts()[DATASET_LAYOUT[fmt]].columns
    yield "\t".join(columns) + "\n"
    for row in rows:
        values = _dataset_values(fmt, row)
        yield "\t".join(_cell(values.get(c)) for c in columns) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split("\t")).replace("\n", " ").replace("\r", " ")


def export_parquet(store: Store, query: EventQuery, path: str) -> int:
    """Write the flat rows with DuckDB's COPY (no Python round trip).

    A file that cannot be written raises OSError naming it, as `open` would.
    """
    sql, params = query.sql("*")
    escaped = path.replace("'", "''")
    try:
        store.con.execute(f"COPY ({sql}) TO '{escaped}' (FORMAT parquet)", params)
    except duckdb.IOException as exc:
        reason = str(exc).removeprefix("IO Error: ").splitlines()[0]
        raise OSError(f"{path}: cannot write: {reason}") from exc
    count_sql, count_params = query.sql("1")
    row = store.con.execute(f"SELECT count(*) FROM ({count_sql})", count_params).fetchone()
    return int(row[0]) if row else 0
