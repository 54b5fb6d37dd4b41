"""What a report shows, gathered from the store in a handful of SQL queries.

The report is built from the relations API (timelines, shifts and the all-dyads scan) plus a
few aggregates of its own (top actors and dyads, the event table). Everything here is plain
data; `detente.report.html` turns it into the page, so a notebook can use the same records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from detente.relations import Period, Shift, Side, dyad_series, dyad_shifts, scan_shifts
from detente.relations.dyads import dyad_condition
from detente.relations.index import coop_conflict_index
from detente.report.highlight import ROLES, Mention, Span, locate
from detente.store.database import Store


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What to show. `dyad` None: the dyad with the strongest shift (or the busiest one)."""

    dyad: tuple[Side, Side] | None = None
    freq: str = "month"
    min_events: int = 20
    alpha: float = 0.01
    max_events: int = 1000
    top: int = 10
    evidence: int = 5


@dataclass(slots=True)
class EventRow:
    """One event as the table and the evidence lists show it."""

    event_id: str
    date: str | None
    type: str | None
    cameo: str | None
    goldstein: float | None
    quad: int | None
    source: str
    target: str
    source_name: str | None
    target_name: str | None
    sentence: str
    spans: list[Span]
    title: str | None
    doc_id: str | None
    origin: str
    url: str | None


@dataclass(slots=True)
class Ranked:
    """An actor or a dyad with its event counts (cooperative: QuadClass 1–2, conflictual 3–4)."""

    label: str
    name: str | None
    events: int
    coop: int
    conflict: int

    @property
    def index(self) -> float:
        return coop_conflict_index(self.coop, self.conflict)


@dataclass(slots=True)
class Timeline:
    a: Side
    b: Side
    freq: str
    periods: list[Period]
    shifts: list[Shift]

    @property
    def label(self) -> str:
        return f"{self.a.label} – {self.b.label}"


@dataclass(slots=True)
class ReportData:
    store_name: str
    generated: str
    options: ReportOptions
    documents: int
    events: int
    first_date: str | None
    last_date: str | None
    origins: dict[str, int]
    top_actors: list[Ranked]
    top_dyads: list[Ranked]
    scan: list[Shift]
    timeline: Timeline | None
    table: list[EventRow]
    table_total: int
    evidence: dict[str, EventRow] = field(default_factory=dict)


_EVENT_SELECT = """
    SELECT e.event_id, CAST(e.date AS VARCHAR), e.type, e.cameo, e.goldstein, e.quad,
           coalesce(e.source_code, e.source_country, e.source_name, e.source_text),
           coalesce(e.target_code, e.target_country, e.target_name, e.target_text),
           e.sentence, d.title, e.doc_id, e.origin, e.url, d.text,
           e.source_text, e.source_start, e.target_text, e.target_start,
           e.trigger_text, e.trigger_start, e.source_name, e.target_name
    FROM ({inner}) AS e LEFT JOIN documents AS d ON d.id = e.doc_id
    ORDER BY e.date, e.event_id
"""


def _event_rows(store: Store, inner: str, params: list[Any]) -> list[EventRow]:
    rows = store.con.execute(_EVENT_SELECT.format(inner=inner), params).fetchall()
    result = []
    for row in rows:
        sentence = row[8] or ""
        mentions = [Mention(role, row[14 + 2 * i], row[15 + 2 * i]) for i, role in enumerate(ROLES)]
        result.append(
            EventRow(
                event_id=row[0],
                date=row[1],
                type=row[2],
                cameo=row[3],
                goldstein=row[4],
                quad=row[5],
                source=row[6] or "",
                target=row[7] or "",
                source_name=row[20],
                target_name=row[21],
                sentence=sentence,
                spans=locate(sentence, row[13], mentions),
                title=row[9],
                doc_id=row[10],
                origin=row[11],
                url=row[12],
            )
        )
    return result


def _scalar(store: Store, sql: str, params: list[Any] | None = None) -> Any:
    row = store.con.execute(sql, params or []).fetchone()
    return row[0] if row else None


def top_actors(store: Store, limit: int) -> list[Ranked]:
    """Actors (CAMEO code, else country) by the number of events they take part in."""
    rows = store.con.execute(
        """
        WITH sides AS (
            SELECT coalesce(source_code, source_country) AS actor, source_name AS name, quad
            FROM events
            UNION ALL
            SELECT coalesce(target_code, target_country), target_name, quad FROM events
        )
        SELECT actor, mode(name), count(*), count_if(quad BETWEEN 1 AND 2),
               count_if(quad BETWEEN 3 AND 4)
        FROM sides WHERE actor IS NOT NULL
        GROUP BY actor ORDER BY count(*) DESC, actor LIMIT ?
        """,
        [limit],
    ).fetchall()
    return [Ranked(r[0], r[1], int(r[2]), int(r[3]), int(r[4])) for r in rows]


def top_dyads(store: Store, limit: int) -> list[Ranked]:
    """Country pairs (both directions together, domestic events left out) by event count."""
    rows = store.con.execute(
        """
        SELECT least(source_country, target_country) AS a,
               greatest(source_country, target_country) AS b,
               count(*), count_if(quad BETWEEN 1 AND 2), count_if(quad BETWEEN 3 AND 4)
        FROM events WHERE source_country <> target_country
        GROUP BY a, b ORDER BY count(*) DESC, a, b LIMIT ?
        """,
        [limit],
    ).fetchall()
    return [Ranked(f"{r[0]} – {r[1]}", None, int(r[2]), int(r[3]), int(r[4])) for r in rows]


def _default_dyad(scan: list[Shift], dyads: list[Ranked]) -> tuple[Side, Side] | None:
    """The dyad of the strongest shift; without shifts, the dyad with the most events."""
    if scan:
        a, b = scan[0].dyad
    elif dyads:
        a, b = dyads[0].label.split(" – ")
    else:
        return None
    return Side(a, country=a), Side(b, country=b)


def collect(store: Store, options: ReportOptions) -> ReportData:
    """Everything the report shows, for `options`."""
    origins = dict(
        store.con.execute(
            "SELECT origin, count(*) FROM events GROUP BY origin ORDER BY 2 DESC"
        ).fetchall()
    )
    dyads = top_dyads(store, options.top)
    scan: list[Shift] = []
    if options.dyad is None:
        scan = scan_shifts(
            store,
            options.freq,
            min_events=options.min_events,
            recent=None,
            alpha=options.alpha,
            evidence=options.evidence,
            limit=options.top,
        )
    dyad = options.dyad or _default_dyad(scan, dyads)
    timeline = None
    table: list[EventRow] = []
    total = 0
    if dyad is not None:
        a, b = dyad
        timeline = Timeline(
            a,
            b,
            options.freq,
            dyad_series(store, a, b, options.freq),
            dyad_shifts(
                store,
                a,
                b,
                options.freq,
                min_events=options.min_events,
                alpha=options.alpha,
                evidence=options.evidence,
            ),
        )
        condition, params = dyad_condition(a, b, directed=False)
        total = int(_scalar(store, f"SELECT count(*) FROM events WHERE {condition}", params))
        table = _event_rows(
            store,
            f"SELECT * FROM events WHERE {condition} ORDER BY date DESC NULLS LAST, event_id "
            "LIMIT ?",
            [*params, options.max_events],
        )
    shown = [*scan, *(timeline.shifts if timeline else [])]
    wanted = sorted({str(e["event_id"]) for shift in shown for e in shift.evidence})
    evidence = {
        row.event_id: row
        for row in _event_rows(
            store,
            "SELECT * FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
            [wanted],
        )
    }
    return ReportData(
        store_name=Path(store.path).name,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        options=options,
        documents=store.count_documents(),
        events=store.count_events(),
        first_date=_scalar(store, "SELECT CAST(min(date) AS VARCHAR) FROM events"),
        last_date=_scalar(store, "SELECT CAST(max(date) AS VARCHAR) FROM events"),
        origins={str(k): int(v) for k, v in origins.items()},
        top_actors=top_actors(store, options.top),
        top_dyads=dyads,
        scan=scan,
        timeline=timeline,
        table=table,
        table_total=total,
        evidence=evidence,
    )
