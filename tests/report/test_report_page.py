"""The HTML report built from a small store: content, escaping, CSP, charts."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import date
from pathlib import Path

from detente.relations import Shift, Side
from detente.report import ReportOptions, chart_series, collect, render, timeline_svg, write_pngs
from detente.report.data import ReportData
from detente.store.database import Store

from .conftest import HOSTILE_NAME, HOSTILE_TITLE, PER_MONTH, SHIFT_MONTH

NOR_ISL = (Side("NOR", country="NOR"), Side("ISL", country="ISL"))


def _data(path: Path, **options: object) -> ReportData:
    with Store(path, read_only=True) as store:
        return collect(store, ReportOptions(**options))  # type: ignore[arg-type]


def _with_planted_shift(data: ReportData) -> ReportData:
    """The store's turn as a Shift with evidence, independent of the detector's verdict."""
    assert data.timeline is not None
    turned = [row for row in data.table if row.type == "ACCUSE"][:2]
    evidence = [
        {
            "event_id": row.event_id,
            "date": row.date,
            "type": row.type,
            "cameo": row.cameo,
            "goldstein": row.goldstein,
            "source": {"code": "NORGOV", "country": "NOR"},
            "target": {"code": "ISLGOV", "country": "ISL"},
            "sentence": row.sentence,
        }
        for row in turned
    ]
    shift = Shift(("NOR", "ISL"), date(2025, 7, 1), 0.8, -0.8, -1.6, 0.002, evidence)
    data.timeline.shifts = [shift]
    data.evidence = {row.event_id: row for row in turned}
    return data


def test_report_shows_timeline_rankings_and_every_event(report_store: Path) -> None:
    data = _data(report_store)
    assert data.timeline is not None and data.timeline.label in ("ISL – NOR", "NOR – ISL")
    assert data.documents == data.events == data.table_total == 12 * PER_MONTH
    assert [p.start.month for p in data.timeline.periods] == list(range(1, 13))
    page = render(data)
    assert page.count("<svg") == 1
    events_table = page.split('id="events-table"')[1].split("</table>")[0]
    assert events_table.count("<tr>") == 1 + 12 * PER_MONTH  # header + one row per event
    assert '<mark class="trigger" title="trigger">accused</mark>' in events_table
    assert "NORGOV" in page.split('id="actors-table"')[1]
    assert "Strongest shifts across dyads" in page


def test_hostile_text_from_documents_is_shown_as_text(report_store: Path) -> None:
    page = render(_data(report_store))
    body = page.split("<body>")[1]
    assert body.count("<script") == 1  # only the report's own, at the end
    assert "<img" not in page and "onerror=" not in page.replace("onerror=&quot;", "")
    assert '"onmouseover' not in page
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page
    assert HOSTILE_TITLE not in page and HOSTILE_NAME not in page
    assert (
        '<span title="&lt;img src=x onerror=&quot;document.body.dataset.pwned=1&quot;&gt;'
        '&quot;onmouseover=alert(3)">NORGOV</span>' in page
    )


def test_csp_allows_exactly_the_inline_script(report_store: Path) -> None:
    page = render(_data(report_store))
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    policy = re.search(r'Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None
    assert f"script-src &#x27;sha256-{digest}&#x27;" in policy.group(1)
    assert "default-src &#x27;none&#x27;" in policy.group(1)
    assert "http" not in page.split("<body>")[0].replace('http-equiv="', "")


def test_turning_points_show_markers_and_highlighted_evidence(report_store: Path) -> None:
    page = render(_with_planted_shift(_data(report_store, dyad=NOR_ISL)))
    assert page.count('<g class="shift">') == 1
    card = page.split('class="shift-card"')[1].split("</div>")[0]
    assert "towards conflict" in card and "+0.80 → -0.80" in card
    assert card.count("<li>") == 2
    assert '<mark class="source" title="source">Norway</mark>' in card
    assert "Strongest shifts across dyads" not in page  # only without --dyad


def test_shift_marker_sits_at_its_period() -> None:
    from detente.relations import Period

    periods = [Period(date(2025, m, 1), 1, 1.0, 1.0, 1, 0, 0, 0, 0.0, 0.33) for m in range(1, 7)]
    shift = Shift(("A", "B"), date(2025, 4, 1), 0.5, -0.5, -1.0, 0.01)
    series = chart_series("<A> & B", periods, [shift])
    assert series.shifts == [(3, shift)]
    svg = timeline_svg(series, "month")
    assert "&lt;A&gt; &amp; B" in svg and "<A>" not in svg
    assert svg.count("<circle") == 6


def test_event_table_is_capped_at_the_most_recent(report_store: Path) -> None:
    data = _data(report_store, dyad=NOR_ISL, max_events=5)
    assert len(data.table) == 5 and data.table_total == 12 * PER_MONTH
    assert all(row.type == "ACCUSE" for row in data.table)  # the last months
    assert f"5 most recent of {12 * PER_MONTH} events" in render(data)


def test_a_dyad_without_events_and_an_empty_store_still_render(tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    Store(empty).close()
    assert "No dyad to show" in render(_data(empty))
    usa_rus = (Side("USA", country="USA"), Side("RUS", country="RUS"))
    page = render(_data(empty, dyad=usa_rus))
    assert "0 events" in page and "No significant turning point" in page


def test_png_charts_are_written(report_store: Path, tmp_path: Path) -> None:
    data = _with_planted_shift(_data(report_store, dyad=NOR_ISL))
    written = write_pngs(data, tmp_path / "charts")
    assert [p.name for p in written] == ["timeline_NOR_ISL.png"]
    assert written[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert written[0].stat().st_size > 10_000


def test_shift_month_is_where_the_store_turns(report_store: Path) -> None:
    data = _data(report_store, dyad=NOR_ISL)
    assert data.timeline is not None
    index = [p.index for p in data.timeline.periods]
    assert all(v > 0.5 for v in index[:SHIFT_MONTH]) and all(v < -0.5 for v in index[SHIFT_MONTH:])
