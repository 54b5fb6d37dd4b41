"""`detente extract` (code text without a store) and `detente code` (code the store)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from detente.cli.common import (
    UserError,
    actors_option,
    db_option,
    format_option,
    info,
    open_store,
    parse_day,
    progress,
    resolver_with,
    warn,
    write_records,
)
from detente.ingest.base import Issue, ReadOptions, Reporter
from detente.ingest.dates import normalise_date
from detente.ingest.sources import (
    STDIN,
    SUFFIX_FORMATS,
    FileCounts,
    display_name,
    iter_files,
    read_paths,
)
from detente.model import Document

if TYPE_CHECKING:
    from detente.coding.coder import Coder

TABLE_COLUMNS = (
    "doc_id",
    "sentence_index",
    "date",
    "source.text",
    "source.code",
    "type",
    "cameo",
    "target.text",
    "target.code",
    "trigger.text",
    "negated",
    "hypothetical",
)
CODE_BATCH = 64


def _coder(actor_files: tuple[str, ...]) -> Coder:
    from detente.coding.coder import Coder

    return Coder(resolver=resolver_with(actor_files) if actor_files else None)


@click.command(
    epilog="""\b
Examples:
  echo "Russia shelled Kharkiv on Monday." | detente extract --date 2025-06-02
  detente extract article.html --date 2025-06-02 --format table
  detente extract news.jsonl --format csv > events.csv    each line: {id, date, text, ...}
  detente extract speech.txt --actors my_actors.yaml
  detente extract articles/ --date 2025-06-02            every document under the folder

\b
One event per interaction: PLOVER type and mode, CAMEO code, Goldstein, QuadClass, source and
target actors (text, character offsets, country, sector, code), speaker, trigger, date with
its precision, negated/hypothetical flags, and the rule that produced it (`explanation`).""",
)
@click.argument("path", required=False, default=STDIN, metavar="[PATH|-]")
@click.option("--date", "date", metavar="YYYY-MM-DD", help="Publication date of the text.")
@format_option(["jsonl", "json", "csv", "table"], default="jsonl")
@actors_option
def extract(path: str, date: str | None, output_format: str, actor_files: tuple[str, ...]) -> None:
    """Code a text, an HTML page, or a JSONL/CSV file of documents into events.

    PATH is one document (.txt, .md, .html; --date is its publication date), a .jsonl/.csv
    of documents, each with its own id and date, or a folder, read recursively like `detente
    ingest` reads it. Without PATH, or with `-`, the text is read
    from standard input. Nothing is stored: events go to standard output.
    """
    published = parse_day(date, "--date", normalise_date)
    if path != STDIN and not Path(path).exists():
        raise UserError(f"{display_name(path)}: no such file or directory")
    if Path(path).is_dir() and next(iter_files(Path(path)), None) is None:
        # Otherwise an empty run looks like a folder of texts in which nothing happened.
        known = ", ".join(sorted(set(SUFFIX_FORMATS)))
        raise UserError(f"{display_name(path)}: no documents in this folder ({known})")
    skipped: list[Issue] = []

    def report(issue: Issue) -> None:
        if issue.skipped:
            skipped.append(issue)
        warn(str(issue) if issue.skipped else f"{issue} (warning)")

    stdin = getattr(sys.stdin, "buffer", None) if path == STDIN else None
    reporter = Reporter(ReadOptions(date=published), report)
    documents = read_paths([path], reporter, FileCounts(), stdin=stdin)
    coder = _coder(actor_files)
    records = (
        event.to_dict()
        for _, events in coder.extract_documents(_with_ids(documents))
        for event in events
    )
    columns = TABLE_COLUMNS if output_format in ("table", "csv") else None
    write_records(records, output_format, columns=columns, title="Events")
    if skipped:
        raise SystemExit(1)


def _with_ids(documents: Iterator[Document]) -> Iterator[Document]:
    """Documents without an id get their position ("doc-3"), so events can be traced back."""
    for number, document in enumerate(documents, start=1):
        if document.id is None:
            document.id = f"doc-{number}"
        yield document


@click.command(
    epilog="""\b
Examples:
  detente ingest news/ && detente code
  detente code --db news.duckdb --batch-size 128
  detente code --actors petrarch_actors.txt

\b
Only documents not yet coded are read, so running it again after more ingests codes just the
new ones; an interrupted run keeps every finished batch.""",
)
@db_option
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=CODE_BATCH,
    show_default=True,
    help="Documents parsed and stored per transaction.",
)
@actors_option
def code(db_path: str, batch_size: int, actor_files: tuple[str, ...]) -> None:
    """Code every uncoded document in the store into events."""
    if not Path(db_path).exists():
        raise UserError(f"{db_path}: no such store (run `detente ingest` first)")
    coder = _coder(actor_files)
    started = time.perf_counter()
    with open_store(db_path) as store:
        total = store.count_documents(uncoded_only=True)
        if total == 0:
            info("nothing to code: every document in the store is coded")
            return
        settings: dict[str, Any] = {
            **coder.config.as_dict(),
            "batch_size": batch_size,
            "components": coder.component_names,
            "lexicon_patterns": coder.lexicon.pattern_count(),
            "actor_files": list(actor_files),
        }
        run_id = store.start_run("code", settings)
        documents = events_total = 0
        stream = coder.extract_documents(
            store.iter_documents(uncoded_only=True), batch_size=batch_size
        )
        with progress("Coding documents", total=total) as advance:
            while batch := list(islice(stream, batch_size)):
                events = [event for _, doc_events in batch for event in doc_events]
                ids = [doc.id for doc, _ in batch if doc.id is not None]
                events_total += store.add_events(events, run_id=run_id, coded_doc_ids=ids)
                documents += len(batch)
                advance(len(batch))
        seconds = time.perf_counter() - started
        stats = {"documents": documents, "events": events_total, "seconds": round(seconds, 2)}
        store.finish_run(run_id, stats)
    info(
        f"coded {documents} document{'s' if documents != 1 else ''}: "
        f"{events_total} event{'s' if events_total != 1 else ''} in {seconds:.1f}s (run {run_id})"
    )
