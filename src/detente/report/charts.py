"""The dyad timeline chart: inline SVG for the HTML report, PNG (matplotlib, Agg) for files.

Both draw the same two panels from the same `ChartSeries`: the cooperation–conflict index per
period on top (−1 … +1, shift markers as dashed lines), event counts below, split into
cooperative and conflictual. SVG is written by hand so the report needs no script library
and stays one offline file.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from detente.relations import Period, Shift

COOP = "#2b6cb0"
CONFLICT = "#c53030"
OTHER = "#a0aec0"
LINE = "#1a202c"
SHIFT = "#d69e2e"


@dataclass(frozen=True, slots=True)
class ChartSeries:
    """What both renderings plot: per-period values and where the shifts fall."""

    title: str
    starts: list[date]
    index: list[float]
    coop: list[int]
    conflict: list[int]
    other: list[int]
    shifts: list[tuple[int, Shift]]  # (period position, shift)


def chart_series(title: str, periods: Sequence[Period], shifts: Sequence[Shift]) -> ChartSeries:
    starts = [p.start for p in periods]
    placed = []
    for shift in shifts:
        # The shift's date is the first day of a period; take the last period starting by then.
        at = max((i for i, s in enumerate(starts) if s <= shift.date), default=None)
        if at is not None:
            placed.append((at, shift))
    coop = [p.verbal_coop + p.material_coop for p in periods]
    conflict = [p.verbal_conflict + p.material_conflict for p in periods]
    return ChartSeries(
        title=title,
        starts=starts,
        index=[p.index for p in periods],
        coop=coop,
        conflict=conflict,
        other=[p.events - c - k for p, c, k in zip(periods, coop, conflict, strict=True)],
        shifts=placed,
    )


def _label(day: date, freq: str) -> str:
    return day.strftime("%Y-%m") if freq == "month" else day.isoformat()


def _ticks(count: int, wanted: int = 12) -> range:
    step = max(1, -(-count // wanted))
    return range(0, count, step)


def timeline_svg(series: ChartSeries, freq: str, width: int = 960, height: int = 380) -> str:
    """The chart as an <svg> element; every text from the data is escaped."""
    esc = html.escape
    left, right, top = 56, 16, 28
    index_h, gap, bars_h = 190, 46, 90
    plot_w = width - left - right
    n = max(len(series.starts), 1)
    band = plot_w / n
    bars_top = top + index_h + gap

    def x(i: float) -> float:
        return left + band * (i + 0.5)

    def y_index(v: float) -> float:
        return top + (1 - v) / 2 * index_h

    most = max(
        [c + k + o for c, k, o in zip(series.coop, series.conflict, series.other, strict=True)]
        or [0]
    )
    scale = bars_h / max(most, 1)
    out = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{esc(series.title)}">',
        f"<title>{esc(series.title)}</title>",
        f'<text x="{left}" y="16" class="chart-title">{esc(series.title)}</text>',
    ]
    for v in (-1.0, -0.5, 0.0, 0.5, 1.0):
        cls = "axis zero" if v == 0 else "grid"
        out.append(
            f'<line class="{cls}" x1="{left}" x2="{left + plot_w}" '
            f'y1="{y_index(v):.1f}" y2="{y_index(v):.1f}"/>'
            f'<text class="tick" x="{left - 6}" y="{y_index(v) + 4:.1f}" '
            f'text-anchor="end">{v:+.1f}</text>'
        )
    out.append(
        f'<text class="tick" x="12" y="{top + index_h / 2:.1f}" '
        f'transform="rotate(-90 12 {top + index_h / 2:.1f})" text-anchor="middle">'
        "coop–conflict index</text>"
    )
    points = " ".join(f"{x(i):.1f},{y_index(v):.1f}" for i, v in enumerate(series.index))
    if points:
        out.append(f'<polyline class="index" fill="none" stroke="{LINE}" points="{points}"/>')
    for i, v in enumerate(series.index):
        events = series.coop[i] + series.conflict[i] + series.other[i]
        tip = f"{_label(series.starts[i], freq)}: index {v:+.2f}, {events} events"
        fill = LINE if events else "#fff"
        out.append(
            f'<circle cx="{x(i):.1f}" cy="{y_index(v):.1f}" r="3" fill="{fill}" '
            f'stroke="{LINE}"><title>{esc(tip)}</title></circle>'
        )
    base = bars_top + bars_h
    out.append(f'<line class="axis" x1="{left}" x2="{left + plot_w}" y1="{base}" y2="{base}"/>')
    out.append(
        f'<text class="tick" x="{left - 6}" y="{bars_top + 4}" text-anchor="end">{most}</text>'
        f'<text class="tick" x="{left - 6}" y="{base + 4}" text-anchor="end">0</text>'
        f'<text class="tick" x="12" y="{bars_top + bars_h / 2:.1f}" '
        f'transform="rotate(-90 12 {bars_top + bars_h / 2:.1f})" text-anchor="middle">'
        "events</text>"
    )
    bar_w = max(band * 0.7, 1.0)
    for i in range(len(series.starts)):
        y = float(base)
        label = _label(series.starts[i], freq)
        for count, colour, kind in (
            (series.coop[i], COOP, "cooperative"),
            (series.conflict[i], CONFLICT, "conflictual"),
            (series.other[i], OTHER, "unclassified"),
        ):
            if not count:
                continue
            h = count * scale
            y -= h
            out.append(
                f'<rect class="bar" x="{x(i) - bar_w / 2:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{colour}"><title>{esc(label)}: {count} {kind}'
                "</title></rect>"
            )
    for i in _ticks(len(series.starts)):
        out.append(
            f'<text class="tick" x="{x(i):.1f}" y="{base + 16}" text-anchor="middle">'
            f"{esc(_label(series.starts[i], freq))}</text>"
        )
    for at, shift in series.shifts:
        sx = left + band * at
        tip = (
            f"turning point {shift.date.isoformat()}: {shift.before:+.2f} → {shift.after:+.2f} "
            f"(p = {shift.p_value:.3f})"
        )
        out.append(
            f'<g class="shift"><line x1="{sx:.1f}" x2="{sx:.1f}" y1="{top}" y2="{base}" '
            f'stroke="{SHIFT}" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{sx + 4:.1f}" y="{top + 12}" class="shift-label">'
            f"{esc(shift.date.isoformat())} {shift.magnitude:+.2f}</text>"
            f"<title>{esc(tip)}</title></g>"
        )
    out.append("</svg>")
    return "\n".join(out)


def timeline_png(series: ChartSeries, freq: str, path: str | Path) -> None:
    """The chart as a PNG file; raises OSError when the file cannot be written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [_label(s, freq) for s in series.starts]
    positions = list(range(len(labels)))
    fig, (upper, lower) = plt.subplots(
        2, 1, sharex=True, figsize=(10, 5.5), gridspec_kw={"height_ratios": [2, 1]}
    )
    try:
        upper.plot(positions, series.index, color=LINE, marker="o", markersize=3)
        upper.axhline(0, color="grey", linewidth=0.6)
        upper.set_ylim(-1, 1)
        upper.set_ylabel("coop–conflict index")
        upper.set_title(series.title)
        lower.bar(positions, series.coop, color=COOP, label="cooperative")
        lower.bar(
            positions, series.conflict, bottom=series.coop, color=CONFLICT, label="conflictual"
        )
        stacked = [c + k for c, k in zip(series.coop, series.conflict, strict=True)]
        lower.bar(positions, series.other, bottom=stacked, color=OTHER, label="unclassified")
        lower.set_ylabel("events")
        # Headroom above the tallest bar keeps the legend clear of the bars.
        tallest = max([c + o for c, o in zip(stacked, series.other, strict=True)] or [0])
        lower.set_ylim(0, max(tallest, 1) * 1.4)
        lower.legend(loc="upper right", ncol=3, fontsize="small", frameon=False)
        for at, shift in series.shifts:
            for axis in (upper, lower):
                axis.axvline(at - 0.5, color=SHIFT, linestyle="--", linewidth=1.5)
            upper.annotate(
                f"{shift.date.isoformat()} {shift.magnitude:+.2f}",
                (at - 0.5, 0.92),
                xytext=(4, 0),
                textcoords="offset points",
                fontsize="small",
            )
        ticks = list(_ticks(len(labels)))
        lower.set_xticks(ticks, [labels[i] for i in ticks], rotation=45, ha="right")
        fig.tight_layout()
        fig.savefig(path, dpi=110)
    finally:
        plt.close(fig)
