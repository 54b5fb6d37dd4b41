"""What every command shares: the --db option, output formats, progress, and error handling.

User mistakes (a missing file, a bad date, an unknown dyad) are `UserError`s: the CLI prints
one line and exits with EXIT_USAGE, never a traceback.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from detente.store.database import Store, StoreError, default_db_path

if TYPE_CHECKING:
    from detente.actors import ActorResolver
    from detente.relations.dyads import Side

# Documented exit codes (README, "Exit codes").
EXIT_OK = 0
EXIT_SOME_SKIPPED = 1
EXIT_NOTHING_READABLE = 3
EXIT_USAGE = 2

# The end of --help for commands that read the store and print (not ingest/import/evaluate).
EXIT_CODES_HELP = """

\b
Exit codes: 0 done (also when nothing matched); 2 usage error: a bad option, date or actor
name, a store that cannot be opened, a file that cannot be written."""

F = TypeVar("F", bound=Callable[..., Any])

stderr = Console(stderr=True, highlight=False, soft_wrap=True)


class UserError(click.ClickException):
    """A mistake the user can fix; printed as one line, exit code 2."""

    exit_code = EXIT_USAGE

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"detente: error: {self.format_message()}", err=True)


def db_option(func: F) -> F:
    """--db PATH, defaulting to $DETENTE_DB or ./detente.duckdb."""
    return click.option(
        "--db",
        "db_path",
        default=default_db_path,
        show_default="$DETENTE_DB or ./detente.duckdb",
        type=click.Path(dir_okay=False),
        help="DuckDB store file.",
    )(func)


def format_option(choices: Sequence[str], default: str = "table") -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help="Output format.",
    )


def output_option(func: F) -> F:
    """-o/--output FILE for commands that print to stdout by default."""
    return click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")(
        func
    )


def actors_option(func: F) -> F:
    """--actors FILE (repeatable), parameter `actor_files`; load them with `resolver_with`."""
    return click.option(
        "--actors",
        "actor_files",
        multiple=True,
        type=click.Path(dir_okay=False),
        metavar="FILE",
        help="Extra actor file (KB YAML/CSV or PETRARCH dictionary) layered on the default KB; "
        "repeatable.",
    )(func)


def resolver_with(actor_files: Sequence[str]) -> ActorResolver:
    """The default resolver with the user's --actors files on top.

    A missing or unreadable file is a UserError; lines it skips inside a file are warned.
    """
    from detente.actors import get_resolver

    for name in actor_files:
        if not Path(name).is_file():
            raise UserError(f"{name}: no such actor file")
    resolver = get_resolver()
    if not actor_files:
        return resolver
    try:
        resolver = resolver.with_files(list(actor_files))
    except ValueError as exc:
        raise UserError(str(exc)) from None
    for problem in resolver.problems:
        warn(problem)
    return resolver


def date_range_options(func: F) -> F:
    """--from/--to (parameters `start`, `end`); check them with `parse_day`."""
    func = click.option("--to", "end", metavar="YYYY-MM-DD", help="Last day.")(func)
    return click.option("--from", "start", metavar="YYYY-MM-DD", help="First day.")(func)


def freq_option(choices: Sequence[str], default: str) -> Callable[[F], F]:
    return click.option(
        "--freq",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help="Length of a timeline period.",
    )


def directed_option(func: F) -> F:
    return click.option(
        "--directed/--both", default=False, help="Only A→B events, or both directions (default)."
    )(func)


def alpha_option(what: str) -> Callable[[F], F]:
    """--alpha, the permutation p-value that `what` (a shift, a turning point) must reach."""
    return click.option(
        "--alpha",
        type=click.FloatRange(0, 1),
        default=0.01,
        show_default=True,
        help=f"Permutation p-value {what} must reach.",
    )


def iso_day(value: str) -> str | None:
    """`value` as YYYY-MM-DD when it is an ISO date, else None."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def parse_day(
    value: str | None, option: str, parse: Callable[[str], str | None] = iso_day
) -> str | None:
    """A date option's value as YYYY-MM-DD (None stays None); unreadable is a UserError."""
    if value is None:
        return None
    day = parse(value)
    if day is None:
        raise UserError(f"{option} {value!r} is not a date (use YYYY-MM-DD)")
    return day


def parse_range(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """--from/--to as YYYY-MM-DD; a range that ends before it starts is a UserError."""
    first, last = parse_day(start, "--from"), parse_day(end, "--to")
    if first and last and last < first:
        raise UserError(f"--to {last} is before --from {first}")
    return first, last


def parse_side(text: str, when: str | None = None) -> Side:
    """A dyad side given on the command line; an unknown name is a UserError."""
    from detente.relations.dyads import UnknownActor
    from detente.relations.dyads import parse_side as parse

    try:
        return parse(text, when)
    except UnknownActor as exc:
        raise UserError(str(exc)) from None


@contextmanager
def open_store(db_path: str, read_only: bool = False) -> Iterator[Store]:
    """The store at `db_path`; a store that cannot be opened is a one-line user error."""
    try:
        store = Store(db_path, read_only=read_only)
    except StoreError as exc:
        raise UserError(str(exc)) from exc
    try:
        yield store
    finally:
        store.close()


@contextmanager
def open_output(path: str | None) -> Iterator[IO[str]]:
    """FILE for writing, or stdout for None or `-`; a file that cannot be made is a UserError."""
    if path is None or path == "-":
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise UserError(f"{path}: cannot write: {exc.strerror}") from None
    with handle:
        yield handle


def verbosity(ctx: click.Context) -> int:
    """-1 quiet, 0 normal, 1 verbose (set by the top-level --quiet/--verbose)."""
    root = ctx.find_root()
    return int((root.obj or {}).get("verbosity", 0))


def info(message: str) -> None:
    ctx = click.get_current_context(silent=True)
    if ctx is None or verbosity(ctx) >= 0:
        stderr.print(message, markup=False)


def debug(message: str) -> None:
    ctx = click.get_current_context(silent=True)
    if ctx is not None and verbosity(ctx) > 0:
        stderr.print(message, markup=False)


def warn(message: str) -> None:
    """A skipped input: always shown, one line, to stderr."""
    click.echo(message, err=True)


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on stderr when it is a terminal and not --quiet; else silent."""
    ctx = click.get_current_context(silent=True)
    enabled = sys.stderr.isatty() and (ctx is None or verbosity(ctx) >= 0)
    if not enabled:
        yield _ignore_progress
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=total)

        def advance(n: int = 1) -> None:
            bar.advance(task, n)

        yield advance


def _ignore_progress(n: int = 1) -> None:
    """Progress callback used when no bar is shown."""


def write_records(
    records: Iterable[dict[str, Any]],
    output_format: str,
    columns: Sequence[str] | None = None,
    out: IO[str] | None = None,
    title: str | None = None,
) -> int:
    """Print records as table, jsonl, json or csv; nested dicts are flattened for table/csv.

    jsonl and csv stream record by record, so an export of millions of events never sits in
    memory; csv therefore takes its columns from `columns` or else from the first record (keys
    that only later records have are not written). A table is built whole: its column widths
    depend on every row, and tables are for reading, small by nature.
    """
    stream = out or sys.stdout
    count = 0
    if output_format == "jsonl":
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            count += 1
        return count
    if output_format == "json":
        items = list(records)
        json.dump(items, stream, ensure_ascii=False, indent=2, default=str)
        stream.write("\n")
        return len(items)
    if output_format == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        header = list(columns) if columns else None
        if header is not None:
            writer.writerow(header)
        for record in records:
            row = flatten(record)
            if header is None:
                header = list(row)
                writer.writerow(header)
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in header])
            count += 1
        return count
    flat_rows = [flatten(r) for r in records]
    cols = list(columns) if columns else _columns_of(flat_rows)
    table = Table(title=title, show_lines=False)
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in flat_rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in cols))
    Console(file=stream, width=200 if not stream.isatty() else None).print(table)
    return len(flat_rows)


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"source": {"code": "USA"}} -> {"source.code": "USA"}."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, prefix=f"{name}."))
        elif isinstance(value, list):
            flat[name] = json.dumps(value, ensure_ascii=False, default=str)
        else:
            flat[name] = value
    return flat


def _columns_of(rows: Sequence[dict[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
    return list(seen)
