"""`detente report`: the store's relationships as one self-contained HTML file (and PNGs)."""

from __future__ import annotations

from pathlib import Path

import click

from detente.cli.common import (
    EXIT_CODES_HELP,
    UserError,
    alpha_option,
    db_option,
    freq_option,
    info,
    open_store,
    parse_side,
)


@click.command(
    epilog="""\b
Examples:
  detente report                                  report.html: the dyads with the strongest
                                                  shifts and the top one's timeline
  detente report --dyad USA RUS --freq week -o usa_rus.html
  detente report --dyad NOR ISL --png charts/     also charts/timeline_NOR_ISL.png

\b
The file works offline (no fonts, scripts or styles from the network): open it in any
browser, attach it to an email. Sentences are shown with the event's source, target and
trigger highlighted; click a table's column header to sort."""
    + EXIT_CODES_HELP,
)
@db_option
@click.option(
    "-o",
    "--output",
    default="report.html",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="HTML file to write.",
)
@click.option("--dyad", nargs=2, metavar="A B", help="Show this dyad (codes or names).")
@freq_option(["week", "month"], "month")
@click.option(
    "--png",
    "png_dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Also write the charts as PNG files into DIR.",
)
@click.option(
    "--min-events",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Dyads with fewer events are not tested for turning points.",
)
@alpha_option("a turning point")
@click.option(
    "--max-events",
    type=click.IntRange(min=0),
    default=1000,
    show_default=True,
    help="Most recent events listed in the event table.",
)
def report(
    db_path: str,
    output: str,
    dyad: tuple[str, str] | None,
    freq: str,
    png_dir: str | None,
    min_events: int,
    alpha: float,
    max_events: int,
) -> None:
    """Write a self-contained HTML report: timelines, turning points with evidence, events."""
    written = write_report(db_path, output, dyad, freq, png_dir, min_events, alpha, max_events)
    for path in written:
        info(f"wrote {path}")


def write_report(
    db_path: str,
    output: str,
    dyad: tuple[str, str] | None = None,
    freq: str = "month",
    png_dir: str | None = None,
    min_events: int = 20,
    alpha: float = 0.01,
    max_events: int = 1000,
) -> list[str]:
    """The command's work, shared with `python -m detente.demo`; returns the files written."""
    from detente.report import ReportOptions, collect, render, write_pngs

    with open_store(db_path, read_only=True) as store:  # a missing store fails first, fast
        sides = (parse_side(dyad[0]), parse_side(dyad[1])) if dyad else None
        options = ReportOptions(
            dyad=sides, freq=freq, min_events=min_events, alpha=alpha, max_events=max_events
        )
        data = collect(store, options)
    written = []
    try:
        Path(output).write_text(render(data), encoding="utf-8")
        written.append(output)
        if png_dir is not None:
            written += [str(p) for p in write_pngs(data, png_dir)]
    except OSError as exc:
        raise UserError(f"{exc.filename or output}: cannot write: {exc.strerror}") from None
    return written
