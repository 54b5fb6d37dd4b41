"""`detente resolve`: actor mentions -> country, sector, CAMEO code, person, at a date."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date as _date
from typing import IO, Any

import click

from detente.cli.common import (
    EXIT_SOME_SKIPPED,
    UserError,
    actors_option,
    info,
    resolver_with,
    warn,
)

_EPILOG = """\b
Examples:
  detente resolve "the U.S. president" --date 2019-06-01
  detente resolve "Russia's foreign minister" --format jsonl
  detente resolve "Finance Minister Ada Lovelace" --actors my_actors.yaml
  detente resolve "King Charles" --context Canada --date 2024-01-01      # CANGOV
  echo '{"text": "the Kremlin", "date": "2022-03-01"}' | detente resolve

\b
Without TEXT, reads JSON lines {"text": ..., "date": ..., "context": ...} ("date" and
"context" optional) from stdin and writes one JSON answer per input line, in the same order
(--format json: one array). A line
that is not valid JSON, has no "text" or a bad "date" is reported on stderr as
`<stdin>:N: message` and answered with {"line": N, "error": message} so answers stay aligned
with the input; blank lines are skipped. Exit status 1 when some lines were bad.

\b
--actors takes KB-format YAML/CSV files (see src/detente/actors/data/FORMAT.md) or
PETRARCH/TABARI .txt actor or agent dictionaries; later files override earlier ones.
"""


def _check_date(value: str | None) -> str | None:
    from detente.actors.text import check_date

    if value is None:
        return None
    try:
        return check_date(value)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def _answer(actor: Any, date: str | None) -> dict[str, Any]:
    """The actor without document offsets, with the date it was resolved at."""
    record: dict[str, Any] = actor.to_dict()
    record.pop("start", None)
    record.pop("end", None)
    record["date"] = date or _date.today().isoformat()
    return record


def _emit(record: dict[str, Any], output_format: str, out: IO[str]) -> None:
    indent = 2 if output_format == "json" else None
    out.write(json.dumps(record, ensure_ascii=False, indent=indent) + "\n")


@click.command(name="resolve", epilog=_EPILOG)
@click.argument("text", required=False)
@click.option("--date", "date", metavar="YYYY-MM-DD", help="Date of the text (default: today).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "jsonl"]),
    default=None,
    help="json (indented; an array for stdin; default for TEXT) or jsonl (one line each; "
    "default for stdin).",
)
@click.option(
    "--context",
    metavar="COUNTRY",
    help="A country (name or adjective) the surrounding text is about: fills a missing "
    "country and picks between a person's offices in several countries.",
)
@actors_option
def resolve(
    text: str | None,
    date: str | None,
    output_format: str | None,
    context: str | None,
    actor_files: Sequence[str],
) -> None:
    """Resolve an actor mention to country, sector, CAMEO code and person at a date."""
    date = _check_date(date)
    resolver = resolver_with(actor_files)
    if text is not None:
        actor = resolver.resolve(text, date, context=context)
        _emit(_answer(actor, date), output_format or "json", sys.stdout)
        return
    if sys.stdin.isatty():
        info('reading JSON lines {"text": ..., "date": ...} from stdin (Ctrl-D to end)')
    bad = _resolve_stream(resolver, date, output_format or "jsonl", sys.stdin, sys.stdout, context)
    if bad:
        sys.exit(EXIT_SOME_SKIPPED)


def _resolve_stream(
    resolver: Any,
    default_date: str | None,
    output_format: str,
    src: IO[str],
    out: IO[str],
    default_context: str | None = None,
) -> int:
    """Answer each JSON line of `src` in order; returns how many lines were bad.

    jsonl streams one answer per line as it goes; json writes one array at the end.
    """
    bad = 0
    answers: list[dict[str, Any]] = []
    for number, line in enumerate(src, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError('expected an object with a "text" string')
            date = record.get("date") or default_date
            if date is not None and not isinstance(date, str):
                raise ValueError('"date" must be a string YYYY-MM-DD')
            context = record.get("context") or default_context
            if context is not None and not isinstance(context, str):
                raise ValueError('"context" must be a string')
            answer = _answer(resolver.resolve(record["text"], date, context=context), date)
        except (ValueError, TypeError) as exc:
            message = (
                f"invalid JSON: {exc.msg}" if isinstance(exc, json.JSONDecodeError) else str(exc)
            )
            warn(f"<stdin>:{number}: {message}")
            answer = {"line": number, "error": message}
            bad += 1
        if output_format == "jsonl":
            _emit(answer, output_format, out)
        else:
            answers.append(answer)
    if output_format == "json":
        json.dump(answers, out, ensure_ascii=False, indent=2)
        out.write("\n")
    return bad
