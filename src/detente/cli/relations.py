"""`detente import`, `events`, `relations`, `shifts`: data sets in, timelines and turns out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from detente.cli.common import (
    EXIT_CODES_HELP,
    EXIT_NOTHING_READABLE,
    EXIT_OK,
    EXIT_SOME_SKIPPED,
    UserError,
    alpha_option,
    date_range_options,
    db_option,
    debug,
    directed_option,
    format_option,
    freq_option,
    info,
    open_output,
    open_store,
    output_option,
    parse_range,
    parse_side,
    progress,
    warn,
    write_records,
)

if TYPE_CHECKING:
    from detente.relations import Period, Shift


FREQS = ("day", "week", "month")  # relations.series.FREQS, not imported: --help stays fast

# -- import ------------------------------------------------------------------------------------


@click.command(
    "import",
    epilog="""\b
Examples:
  detente import gdelt 20191024143000.export.CSV       GDELT 2.0 (61 columns, tab, no header)
  detente import gdelt 2012*.csv events.zip            GDELT 1.0 (58/57 columns), csv re-exports
  detente import icews events.2018.tab                 ICEWS Dataverse
  detente import polecat ngec_coded_v1.tsv.gz          POLECAT

\b
Files may be .gz or .zip. Bad rows are reported as file:line and skipped; importing a file
again adds nothing (events are keyed by the data set's own event id).
Exit codes: 0 all rows imported or already present; 1 some rows skipped; 3 nothing readable.""",
)
@click.argument("dataset", type=click.Choice(["gdelt", "icews", "polecat"]))
@click.argument("paths", nargs=-1, required=True, metavar="FILE...")
@db_option
def import_events(dataset: str, paths: tuple[str, ...], db_path: str) -> None:
    """Import GDELT, ICEWS or POLECAT event files into the store."""
    from detente.ingest.datasets import FileReport, import_files

    files = [Path(p) for p in paths]
    for path in files:
        if path.is_dir():
            raise UserError(f"{path}: is a directory (give the files in it)")
        if not path.is_file():
            raise UserError(f"{path}: no such file")

    def show(result: FileReport) -> None:
        debug(f"{result.name}: layout {result.layout or 'not recognised'}")
        for note in result.notes:
            warn(note)
        for message in result.bad:
            warn(message)
        info(
            f"{result.name}: {result.records} rows, {result.added} added, "
            f"{result.duplicates} already stored, {len(result.bad)} skipped"
        )

    with open_store(db_path) as store, progress(f"Importing {dataset} rows") as advance:
        run_id = store.start_run("import", {"dataset": dataset, "files": list(paths)})
        report = import_files(store, dataset, files, run_id=run_id, on_file=show, on_rows=advance)
        stats = {
            "records": report.records,
            "added": report.added,
            "duplicates": report.duplicates,
            "skipped": len(report.bad),
        }
        store.finish_run(run_id, stats)
    info(
        f"imported {report.added} {dataset} events ({report.duplicates} already stored, "
        f"{len(report.bad)} rows skipped)"
    )
    if report.added + report.duplicates == 0:
        sys.exit(EXIT_NOTHING_READABLE)
    sys.exit(EXIT_SOME_SKIPPED if report.bad else EXIT_OK)


# -- events ------------------------------------------------------------------------------------

EVENT_TABLE = ("date", "origin", "type", "cameo", "goldstein", "quad", "source", "target", "url")


@click.command(
    epilog="""\b
Examples:
  detente events --limit 20
  detente events --origin gdelt --dyad USA RUS --from 2019-01-01 --format jsonl
  detente events --format gdelt -o coded.tsv          GDELT-like tab-separated columns
  detente events --format parquet -o events.parquet"""
    + EXIT_CODES_HELP,
)
@db_option
@click.option(
    "--origin",
    type=click.Choice(["coded", "gdelt", "icews", "polecat"]),
    help="Only events coded by detente or imported from one data set.",
)
@click.option("--dyad", nargs=2, metavar="A B", help="Only events between A and B (both ways).")
@click.option("--type", "event_type", help="Only this PLOVER type (e.g. ASSAULT).")
@date_range_options
@click.option("--limit", type=click.IntRange(min=0), help="At most this many events.")
@format_option(["table", "jsonl", "csv", "gdelt", "icews", "plover", "parquet"])
@output_option
def events(
    db_path: str,
    origin: str | None,
    dyad: tuple[str, str] | None,
    event_type: str | None,
    start: str | None,
    end: str | None,
    limit: int | None,
    output_format: str,
    output: str | None,
) -> None:
    """List or export stored events (coded and imported alike)."""
    from detente.relations import export

    start, end = parse_range(start, end)
    sides = (parse_side(dyad[0], start), parse_side(dyad[1], start)) if dyad else None
    query = export.EventQuery(origin, sides, False, event_type, start, end, limit)
    with open_store(db_path, read_only=True) as store:
        if output_format == "parquet":
            if not output or output == "-":
                raise UserError("--format parquet needs -o FILE")
            try:
                count = export.export_parquet(store, query, output)
            except OSError as exc:
                raise UserError(str(exc)) from None
            info(f"wrote {count} events to {output}")
            return
        rows = export.iter_rows(store, query)
        with open_output(output) as stream:
            if output_format in export.DATASET_LAYOUT:
                for line in export.dataset_lines(output_format, rows):
                    stream.write(line)
                return
            columns: tuple[str, ...] | None = None
            records: Iterable[dict[str, Any]]
            if output_format == "table":
                # A table is built whole anyway; an empty one would only be a bare header.
                records = [_table_row(export.nested(row)) for row in rows]
                if not records:
                    info(_no_events_message(event_type))
                    return
                columns = EVENT_TABLE
            elif output_format == "csv":
                records = (export.csv_record(row) for row in rows)
                columns = export.CSV_COLUMNS
            else:
                records = (export.nested(row) for row in rows)
            write_records(records, output_format, columns=columns, out=stream)


def _no_events_message(event_type: str | None) -> str:
    """Why a listing is empty, with a hint when --type names no PLOVER type."""
    from detente.coding.ontology import plover_type

    if event_type is not None and plover_type(event_type) is None:
        return f"no events match the filters ({event_type!r} is not a PLOVER event type)"
    return "no events match the filters"


def _table_row(record: dict[str, Any]) -> dict[str, Any]:
    def who(actor: dict[str, Any] | None) -> str:
        if not actor:
            return ""
        return str(actor.get("code") or actor.get("country") or actor.get("name") or "")

    return {**record, "source": who(record["source"]), "target": who(record["target"])}


# -- relations ---------------------------------------------------------------------------------


@click.command(
    epilog="""\b
Examples:
  detente relations USA RUS --freq month
  detente relations USAGOV CHN --from 2019-01-01 --format csv -o usa_chn.csv
  detente relations Trump Kremlin --freq week --directed
  detente relations USA IRN --format png -o usa_irn.png    the report's chart, turns marked

\b
index = (coop − conflict) / (coop + conflict + 2): cooperation–conflict balance shrunk
towards 0 when a period has few events (see README, "Relationship timelines")."""
    + EXIT_CODES_HELP,
)
@click.argument("a")
@click.argument("b")
@db_option
@freq_option(FREQS, "month")
@directed_option
@date_range_options
@format_option(["table", "csv", "json", "png"])
@output_option
def relations(
    a: str,
    b: str,
    db_path: str,
    freq: str,
    directed: bool,
    start: str | None,
    end: str | None,
    output_format: str,
    output: str | None,
) -> None:
    """Timeline of the relationship between A and B (codes, actor codes or names)."""
    from detente.relations import dyad_series, dyad_shifts

    start, end = parse_range(start, end)
    side_a, side_b = parse_side(a, start), parse_side(b, start)
    title = f"{side_a.label} – {side_b.label}"
    if output_format == "png" and (not output or output == "-"):
        raise UserError("--format png needs -o FILE")
    with open_store(db_path, read_only=True) as store:
        periods = dyad_series(store, side_a, side_b, freq, directed, start, end)
        # The PNG marks turning points, as the report's chart does; tables stay plain data.
        shifts = (
            dyad_shifts(store, side_a, side_b, freq, directed, start, end, evidence=0)
            if output_format == "png" and periods
            else []
        )
    debug(f"{title}: {sum(p.events for p in periods)} events in {len(periods)} periods")
    if not periods:
        info(f"no events between {side_a.label} and {side_b.label}")
        if output_format == "table":
            return  # an empty table is a blank line; the message says it all
    if output_format == "png":
        assert output is not None  # checked above, before the store was opened
        _plot(title, periods, shifts, freq, output)
        info(f"wrote {output}")
        return
    with open_output(output) as stream:
        write_records(
            [p.to_dict() for p in periods], output_format, out=stream, title=f"{title} by {freq}"
        )


def _plot(title: str, periods: list[Period], shifts: list[Shift], freq: str, path: str) -> None:
    """The report's timeline chart (one implementation), with a one-line error for the user."""
    from detente.report.charts import chart_series, timeline_png

    try:
        timeline_png(chart_series(title, periods, shifts), freq, path)
    except OSError as exc:
        raise UserError(f"{path}: cannot write: {exc.strerror}") from None


# -- shifts ------------------------------------------------------------------------------------


@click.command(
    epilog="""\b
Examples:
  detente shifts USA RUS --freq week
  detente shifts USA RUS --freq week --format json
  detente shifts                                 what changed lately, over every dyad
  detente shifts --recent 0 --limit 50           every significant shift in the data

\b
Method: PELT on the events' cooperation–conflict values, each change point confirmed by a
seeded permutation test (deterministic); see README, "Turning points: method and limits"."""
    + EXIT_CODES_HELP,
)
@click.argument("sides", nargs=-1, metavar="[A B]")
@db_option
@freq_option(FREQS, "week")
@click.option(
    "--min-events",
    type=click.IntRange(min=1),
    default=None,
    help="Skip dyads with fewer events  [default: 20 for one dyad, 50 for a scan]",
)
@alpha_option("a shift")
@directed_option
@date_range_options
@click.option(
    "--recent",
    type=click.IntRange(min=0),
    default=4,
    show_default=True,
    help="Scan: only shifts in the last N periods (0: any time).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Scan: at most this many shifts.",
)
@click.option(
    "--evidence",
    type=click.IntRange(min=0),
    default=5,
    show_default=True,
    help="Events shown per shift.",
)
@format_option(["table", "json"])
def shifts(
    sides: tuple[str, ...],
    db_path: str,
    freq: str,
    min_events: int | None,
    alpha: float,
    directed: bool,
    start: str | None,
    end: str | None,
    recent: int,
    limit: int,
    evidence: int,
    output_format: str,
) -> None:
    """Turning points in a dyad's relationship (or every dyad's), with the events behind them."""
    from detente.relations import dyad_shifts, scan_shifts

    if len(sides) not in (0, 2):
        raise UserError("give two actors (A B), or none to scan every dyad")
    start, end = parse_range(start, end)
    with open_store(db_path, read_only=True) as store:
        if sides:
            a, b = parse_side(sides[0], start), parse_side(sides[1], start)
            found = dyad_shifts(
                store,
                a,
                b,
                freq,
                directed,
                start,
                end,
                min_events=min_events or 20,
                alpha=alpha,
                evidence=evidence,
            )
        else:
            found = scan_shifts(
                store,
                freq,
                min_events or 50,
                recent or None,
                start,
                end,
                alpha=alpha,
                evidence=evidence,
                limit=limit,
            )
    records = [s.to_dict() for s in found]
    if output_format == "json":
        click.echo(json.dumps({"shifts": records}, ensure_ascii=False, indent=2, default=str))
        return
    if not records:
        info("no significant shifts")
        return
    write_records([_shift_row(r) for r in records], "table", title=f"Shifts by {freq}")


def _shift_row(record: dict[str, Any]) -> dict[str, Any]:
    top = record["evidence"][0] if record["evidence"] else {}
    return {
        "dyad": " – ".join(record["dyad"]),
        "date": record["date"],
        "before": f"{record['before']:+.2f}",
        "after": f"{record['after']:+.2f}",
        "magnitude": f"{record['magnitude']:+.2f}",
        "p_value": f"{record['p_value']:.3f}",
        "top evidence": " ".join(str(top.get(k) or "") for k in ("date", "type", "cameo")).strip()
        + " "
        + str(top.get("sentence") or top.get("url") or ""),
    }
