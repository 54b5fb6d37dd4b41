"""The report page: one self-contained HTML file (inline CSS, SVG and a small sorting script).

Every string that comes from documents or the store passes through `esc` (html.escape with
quotes), so a hostile title, sentence or actor name shows up as text. As a second line of
defence the page's Content-Security-Policy allows only the one script shipped here, by its
hash, and loads nothing from the network.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from detente import __version__
from detente.relations import Shift
from detente.relations.index import PRIOR
from detente.report.charts import chart_series, timeline_svg
from detente.report.data import EventRow, Ranked, ReportData, Timeline
from detente.report.highlight import highlight

QUADS = {1: "verbal coop.", 2: "material coop.", 3: "verbal conflict", 4: "material conflict"}


def esc(value: object) -> str:
    """Text for HTML content and attribute values; None is empty."""
    return "" if value is None else html.escape(str(value), quote=True)


@lru_cache(maxsize=2)
def _asset(name: str) -> str:
    return resources.files("detente.report").joinpath("assets", name).read_text("utf-8")


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links: a `javascript:` URL from a document must not become clickable."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def _num(value: float | None, digits: int = 1, signed: bool = False) -> str:
    if value is None:
        return ""
    return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"


def _class(kind: str) -> str:
    return f' class="{kind}"' if kind else ""


def _table(
    headers: Sequence[tuple[str, str]],
    rows: Iterable[Sequence[tuple[str, str | None]]],
    table_id: str | None = None,
    caption: str | None = None,
) -> str:
    """A sortable table. headers: (label, CSS class); cells: (html, sort key or None)."""
    ident = f' id="{esc(table_id)}"' if table_id else ""
    head = "".join(f"<th{_class(kind)}>{esc(h)}</th>" for h, kind in headers)
    body = []
    for row in rows:
        cells = []
        for (content, key), (_, kind) in zip(row, headers, strict=True):
            sort = f' data-sort="{esc(key)}"' if key is not None else ""
            cells.append(f"<td{_class(kind)}{sort}>{content}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption class=muted>{esc(caption)}</caption>" if caption else ""
    return (
        f'<div class="scroll"><table class="sortable"{ident}>{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _document_cell(row: EventRow) -> str:
    label = esc(row.title or row.doc_id or row.origin)
    url = _safe_url(row.url)
    if url:
        return f'<a href="{esc(url)}" rel="noreferrer noopener">{label}</a>'
    return label


def _actor_cell(label: str, name: str | None) -> str:
    """The actor's code, with its resolved name on hover."""
    if not name or name == label:
        return esc(label)
    return f'<span title="{esc(name)}">{esc(label)}</span>'


def _evidence_item(record: dict[str, Any], row: EventRow | None) -> str:
    sentence = highlight(row.sentence, row.spans) if row else esc(record.get("sentence"))
    if not sentence:
        sentence = esc(record.get("url") or "(no sentence stored)")
    source = record.get("source") or {}
    target = record.get("target") or {}
    who = f"{esc(source.get('code') or source.get('country'))} → " + esc(
        target.get("code") or target.get("country")
    )
    where = f" — {_document_cell(row)}" if row else ""
    return (
        f"<li><span class=meta>{esc(record.get('date'))} · {esc(record.get('type'))} "
        f"{esc(record.get('cameo'))} · {who} · Goldstein {esc(record.get('goldstein'))}"
        f"</span><br>{sentence}<span class=meta>{where}</span></li>"
    )


def _direction(shift: Shift) -> str:
    if shift.magnitude < 0:
        return '<span class="towards-conflict">towards conflict</span>'
    return '<span class="towards-cooperation">towards cooperation</span>'


def _shift_cards(shifts: Sequence[Shift], evidence: dict[str, EventRow]) -> str:
    cards = []
    for shift in shifts:
        items = "".join(
            _evidence_item(e, evidence.get(str(e.get("event_id")))) for e in shift.evidence
        )
        cards.append(
            f'<div class="shift-card"><h3>{esc(shift.date.isoformat())}: {_direction(shift)}, '
            f"index {shift.before:+.2f} → {shift.after:+.2f}</h3>"
            f"<p class=meta>change {shift.magnitude:+.2f}, permutation p = {shift.p_value:.3f}"
            f"; the events that pushed it most:</p>"
            f'<ol class="evidence">{items or "<li>no evidence events stored</li>"}</ol></div>'
        )
    return "".join(cards)


def _timeline_section(data: ReportData, timeline: Timeline) -> str:
    freq = timeline.freq
    series = chart_series(f"{timeline.label} by {freq}", timeline.periods, timeline.shifts)
    options = data.options
    if timeline.shifts:
        turning = _shift_cards(timeline.shifts, data.evidence)
    else:
        turning = (
            "<p>No significant turning point "
            f"(permutation p ≤ {options.alpha:g}, at least {options.min_events} events).</p>"
        )
    periods = _table(
        [
            ("period", "nowrap"),
            ("events", "num"),
            ("cooperative", "num"),
            ("conflictual", "num"),
            ("Goldstein mean", "num"),
            ("index", "num"),
        ],
        (
            [
                (esc(p.start.isoformat()), None),
                (str(p.events), None),
                (str(p.verbal_coop + p.material_coop), None),
                (str(p.verbal_conflict + p.material_conflict), None),
                (_num(p.goldstein_mean, 2), None),
                (_num(p.index, 2, signed=True), None),
            ]
            for p in timeline.periods
        ),
        table_id="periods-table",
    )
    return (
        f'<section id="timeline"><h2>Timeline: {esc(timeline.label)}</h2>'
        f"{timeline_svg(series, freq)}"
        f'<p class="legend muted">Index per {esc(freq)} = (cooperative − conflictual) / '
        f"(cooperative + conflictual + {PRIOR:g}); bars: events (blue cooperative, red "
        "conflictual, grey unclassified); dashed lines: turning points.</p>"
        f"<details><summary>Values per period</summary>{periods}</details></section>"
        f'<section id="turning-points"><h2>Turning points: {esc(timeline.label)}</h2>'
        f"{turning}</section>"
    )


def _scan_section(data: ReportData) -> str:
    if not data.scan:
        body = "<p>No dyad has a significant shift with these settings.</p>"
    else:
        rows = []
        for shift in data.scan:
            top = shift.evidence[0] if shift.evidence else {}
            row = data.evidence.get(str(top.get("event_id")))
            sentence = highlight(row.sentence, row.spans) if row else esc(top.get("sentence"))
            rows.append(
                [
                    (esc(" – ".join(shift.dyad)), None),
                    (esc(shift.date.isoformat()), None),
                    (_num(shift.before, 2, True), None),
                    (_num(shift.after, 2, True), None),
                    (_num(shift.magnitude, 2, True), None),
                    (f"{shift.p_value:.3f}", None),
                    (sentence, None),
                ]
            )
        body = _table(
            [
                ("dyad", ""),
                ("date", "nowrap"),
                ("before", "num"),
                ("after", "num"),
                ("change", "num"),
                ("p", "num"),
                ("strongest evidence", ""),
            ],
            rows,
            table_id="scan-table",
        )
    return f'<section id="strongest"><h2>Strongest shifts across dyads</h2>{body}</section>'


def _ranked(title: str, ident: str, items: Sequence[Ranked], named: bool) -> str:
    headers = [(title, "")] + ([("name", "")] if named else [])
    headers += [("events", "num"), ("cooperative", "num"), ("conflictual", "num"), ("index", "num")]
    rows = []
    for item in items:
        cells: list[tuple[str, str | None]] = [(esc(item.label), None)]
        if named:
            cells.append((esc(item.name), None))
        cells += [
            (str(item.events), None),
            (str(item.coop), None),
            (str(item.conflict), None),
            (_num(item.index, 2, True), None),
        ]
        rows.append(cells)
    table = _table(headers, rows, table_id=f"{ident}-table") if rows else "<p>No events.</p>"
    return f'<section id="{esc(ident)}"><h2>Top {esc(title)}s</h2>{table}</section>'


def _events_section(data: ReportData) -> str:
    if data.timeline is None:
        return ""
    rows = [
        [
            (esc(r.date), r.date or ""),
            (esc(r.type), None),
            (esc(r.cameo), None),
            (_num(r.goldstein), None if r.goldstein is None else str(r.goldstein)),
            (esc(QUADS.get(r.quad or 0, "")), str(r.quad or "")),
            (_actor_cell(r.source, r.source_name), r.source),
            (_actor_cell(r.target, r.target_name), r.target),
            (highlight(r.sentence, r.spans), None),
            (_document_cell(r), None),
        ]
        for r in data.table
    ]
    shown = (
        f"{len(data.table)} most recent of {data.table_total} events"
        if data.table_total > len(data.table)
        else f"{data.table_total} events"
    )
    table = _table(
        [
            ("date", "nowrap"),
            ("type", ""),
            ("CAMEO", ""),
            ("Goldstein", "num"),
            ("quad class", ""),
            ("source", ""),
            ("target", ""),
            ("sentence", "sentence"),
            ("document", "doc"),
        ],
        rows,
        table_id="events-table",
        caption=f"{shown}; click a column to sort",
    )
    return (
        f'<section id="events"><h2>Events: {esc(data.timeline.label)}</h2>'
        '<p class="legend"><mark class="source">source</mark><mark class="target">target'
        '</mark><mark class="trigger">trigger</mark> '
        '<input type="search" data-filter="events-table" placeholder="Filter events…" '
        'aria-label="Filter events"></p>'
        f"{table}</section>"
    )


def render(data: ReportData) -> str:
    """The whole page as a string."""
    script = _asset("report.js")
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src '{_script_hash(script)}'"
    )
    span = f"{data.first_date} to {data.last_date}" if data.first_date else "no dated events"
    origins = ", ".join(f"{esc(k)} {v}" for k, v in data.origins.items()) or "none"
    timeline = data.timeline
    sections = [
        _timeline_section(data, timeline) if timeline else "<p>No dyad to show.</p>",
        _scan_section(data) if data.options.dyad is None else "",
        _ranked("dyad", "dyads", data.top_dyads, named=False),
        _ranked("actor", "actors", data.top_actors, named=True),
        _events_section(data),
    ]
    links = [("timeline", "Timeline"), ("turning-points", "Turning points")] if timeline else []
    if data.options.dyad is None:
        links.append(("strongest", "Strongest shifts"))
    links += [("dyads", "Dyads"), ("actors", "Actors")]
    if timeline:
        links.append(("events", "Events"))
    nav = "".join(f'<a href="#{ident}">{esc(label)}</a>' for ident, label in links)
    title = f"detente report: {timeline.label}" if timeline else "detente report"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">
<title>{esc(title)}</title>
<style>{_asset("report.css")}</style>
</head>
<body>
<header><h1>{esc(title)}</h1>
<p class="meta">Store {esc(data.store_name)} · events {esc(span)} · generated {esc(data.generated)}
 by detente {esc(__version__)}</p>
<ul class="facts"><li><b>{data.documents}</b>documents</li><li><b>{data.events}</b>events</li>
<li><b>{len(timeline.shifts) if timeline else 0}</b>turning points</li>
<li><b>{esc(data.options.freq)}</b>period</li></ul>
<p class="meta">Events by origin: {origins}</p>
<nav>{nav}</nav></header>
<main>
{"".join(sections)}
</main>
<footer><p>Turning points: change points of the cooperation–conflict index confirmed by a
seeded permutation test; evidence: the events in and around the shift's period that moved the
index most. Generated offline by detente; this file loads nothing from the network.</p></footer>
<script>{script}</script>
</body>
</html>
"""
