"""Self-contained HTML report and PNG charts of dyad timelines and their turning points.

from detente.report import ReportOptions, build_report
page = build_report(store, ReportOptions(freq="month"))    # the HTML as a string
write_pngs(collect(store, options), "charts/")                # the same charts as PNG
"""

from __future__ import annotations

import re
from pathlib import Path

from detente.report.charts import ChartSeries, chart_series, timeline_png, timeline_svg
from detente.report.data import ReportData, ReportOptions, collect
from detente.report.html import render
from detente.store.database import Store

__all__ = [
    "ChartSeries",
    "ReportData",
    "ReportOptions",
    "build_report",
    "chart_series",
    "collect",
    "render",
    "timeline_png",
    "timeline_svg",
    "write_pngs",
]


def build_report(store: Store, options: ReportOptions | None = None) -> str:
    return render(collect(store, options or ReportOptions()))


def write_pngs(data: ReportData, folder: str | Path) -> list[Path]:
    """The report's timeline as `timeline_<A>_<B>.png` in `folder` (created); paths written."""
    timeline = data.timeline
    if timeline is None:
        return []
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9]+", "_", f"{timeline.a.label}_{timeline.b.label}").strip("_")
    path = target / f"timeline_{stem}.png"
    series = chart_series(f"{timeline.label} by {timeline.freq}", timeline.periods, timeline.shifts)
    timeline_png(series, timeline.freq, path)
    return [path]
