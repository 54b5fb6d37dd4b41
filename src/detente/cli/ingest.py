"""`detente ingest` and `detente docs`: getting documents into the store and looking at them."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from detente.cli.common import (
    EXIT_CODES_HELP,
    EXIT_NOTHING_READABLE,
    EXIT_OK,
    EXIT_SOME_SKIPPED,
    UserError,
    db_option,
    debug,
    format_option,
    info,
    open_store,
    parse_day,
    progress,
    warn,
    write_records,
)
from detente.ingest.base import STDIN_FORMATS, FieldMap, Issue, ReadOptions
from detente.ingest.dates import normalise_date
from detente.ingest.pipeline import BATCH_SIZE, IngestStats, ingest_paths
from detente.ingest.sources import STDIN, display_name

EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C (128 + SIGINT)
TABLE_COLUMNS = ("id", "date", "source", "title", "chars")


@click.command(
    epilog="""\b
Examples:
  detente ingest news/                           every known file under news/, recursively
  detente ingest feed.jsonl.gz --source reuters  gzip works for every format
  detente ingest export.csv --text-field body --date-field pubDate --id-field uid
  detente ingest page.html --date 2024-03-01     fallback date for pages without one
  curl -s https://example.org/a.html | detente ingest - --stdin-format html

\b
Formats: .txt/.md (optional front matter between --- lines: title, date, source, url),
.html/.htm, .jsonl/.ndjson and .csv/.tsv (fields id, text, title, date or published,
source, url), any of them .gz. Re-ingesting the same text adds nothing.

\b
Exit codes: 0 all read; 1 some inputs skipped (each named as file:line on stderr);
3 nothing readable; 2 usage error (e.g. a path that does not exist).""",
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option("--source", help="Source name for documents that do not give one.")
@click.option(
    "--date",
    "fallback_date",
    metavar="YYYY-MM-DD",
    help="Publication date for documents without a readable one of their own.",
)
@click.option(
    "--stdin-format",
    type=click.Choice(STDIN_FORMATS),
    help="Format of `-` (standard input); guessed from its first bytes when omitted.",
)
@click.option("--text-field", metavar="NAME", help="JSONL key / CSV column holding the text.")
@click.option("--date-field", metavar="NAME", help="Field holding the date [date, published].")
@click.option("--id-field", metavar="NAME", help="Field holding the document id [id].")
@click.option("--title-field", metavar="NAME", help="Field holding the title [title].")
@click.option("--source-field", metavar="NAME", help="Field holding the source [source].")
@click.option("--url-field", metavar="NAME", help="Field holding the URL [url].")
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=BATCH_SIZE,
    show_default=True,
    help="Documents per transaction.",
)
def ingest(
    paths: tuple[str, ...],
    db_path: str,
    source: str | None,
    fallback_date: str | None,
    stdin_format: str | None,
    text_field: str | None,
    date_field: str | None,
    id_field: str | None,
    title_field: str | None,
    source_field: str | None,
    url_field: str | None,
    batch_size: int,
) -> None:
    """Read documents from files, folders or standard input (`-`) into the store.

    A document's date is its own (front matter, page metadata, date field), else --date;
    documents with neither are kept and counted as "without date". Bad files and lines are
    reported one per line as file:line and skipped; the good ones are still stored.
    """
    if paths.count(STDIN) > 1:
        raise UserError("`-` (standard input) can be given only once")
    for path in paths:
        if path != STDIN and not Path(path).exists():
            raise UserError(f"{display_name(path)}: no such file or directory")
    date = parse_day(fallback_date, "--date", normalise_date)
    defaults = FieldMap()
    fields = FieldMap(
        text=_names(text_field, defaults.text),
        id=_names(id_field, defaults.id),
        title=_names(title_field, defaults.title),
        date=_names(date_field, defaults.date),
        source=_names(source_field, defaults.source),
        url=_names(url_field, defaults.url),
    )
    options = ReadOptions(source=source, date=date, fields=fields, stdin_format=stdin_format)

    def report(issue: Issue) -> None:
        warn(str(issue) if issue.skipped else f"{issue} (warning)")

    stdin = getattr(sys.stdin, "buffer", None) if STDIN in paths else None
    with open_store(db_path) as store, progress("Ingesting documents") as advance:
        before = store.count_documents()
        try:
            stats = ingest_paths(
                store,
                paths,
                options,
                on_issue=report,
                on_batch=advance,
                stdin=stdin,
                batch_size=batch_size,
            )
        except KeyboardInterrupt:
            added = store.count_documents() - before
            warn(
                f"detente: interrupted; {added} documents stored in whole batches, "
                "run the same command again to add the rest"
            )
            raise SystemExit(EXIT_INTERRUPTED) from None
        debug(f"{db_path} now holds {store.count_documents()} documents")
    info(stats.summary())
    code = exit_code(stats)
    if code == EXIT_NOTHING_READABLE:
        warn("detente: nothing readable in the given inputs")
    raise SystemExit(code)


def exit_code(stats: IngestStats) -> int:
    """The documented exit status (README, "Exit codes") for an ingest's outcome."""
    if stats.documents_read == 0:
        return EXIT_NOTHING_READABLE
    return EXIT_SOME_SKIPPED if stats.skipped else EXIT_OK


@click.command(
    epilog="""\b
Examples:
  detente docs --count                        how many documents the store holds
  detente docs --since 2020-01-01 --limit 20  the first 20 (by id) published since then
  detente docs --format jsonl > corpus.jsonl  export, with text; `detente ingest` reads it back
  detente docs --format csv --limit 100 > sample.csv"""
    + EXIT_CODES_HELP,
)
@db_option
@click.option("--count", "count_only", is_flag=True, help="Print only the number of documents.")
@click.option("--limit", type=click.IntRange(min=0), help="At most N documents.")
@click.option("--since", metavar="DATE", help="Only documents published on or after DATE.")
@format_option(["table", "jsonl", "csv"])
def docs(
    db_path: str, count_only: bool, limit: int | None, since: str | None, output_format: str
) -> None:
    """List or count the documents in the store, in id order.

    The table shows id, date, source, title and length; jsonl and csv carry every field,
    the text included.
    """
    since_day = parse_day(since, "--since", normalise_date)
    with open_store(db_path, read_only=True) as store:
        if count_only:
            total = store.count_documents(since=since_day)
            click.echo(total if limit is None else min(total, limit))
            return
        records = store.iter_document_records(since=since_day, limit=limit)
        if output_format == "table":
            rows = (_table_row(record) for record in records)
            write_records(rows, "table", columns=TABLE_COLUMNS)
        else:
            write_records(records, output_format)


def _names(option: str | None, defaults: Sequence[str]) -> Sequence[str]:
    return (option,) if option else defaults


def _table_row(record: dict[str, object]) -> dict[str, object]:
    text = record.get("text")
    return {
        "id": record["id"],
        "date": record["date"],
        "source": record["source"],
        "title": record["title"],
        "chars": len(text) if isinstance(text, str) else 0,
    }
