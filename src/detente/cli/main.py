"""Entry point of the `detente` command.

Commands are loaded lazily from their stage modules so `detente --help` stays instant and a
command that needs spaCy does not slow down one that does not.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from detente import __version__
from detente.cli.common import EXIT_USAGE
from detente.nlp.pipeline import ModelNotInstalled
from detente.store.database import StoreError

# command name -> "module:attribute"; each stage owns its module.
COMMANDS: dict[str, str] = {
    "ingest": "detente.cli.ingest:ingest",
    "docs": "detente.cli.ingest:docs",
    "resolve": "detente.cli.actors:resolve",
    "extract": "detente.cli.coding:extract",
    "code": "detente.cli.coding:code",
    "events": "detente.cli.relations:events",
    "evaluate": "detente.cli.evaluate:evaluate",
    "import": "detente.cli.relations:import_events",
    "relations": "detente.cli.relations:relations",
    "shifts": "detente.cli.relations:shifts",
    "report": "detente.cli.report:report",
}

SUMMARIES: dict[str, str] = {
    "ingest": "Read documents (txt, md, html, jsonl, csv, gz, folders, stdin) into the store.",
    "docs": "List or count the documents in the store.",
    "resolve": "Resolve actor mentions to country, sector and CAMEO code at a date.",
    "extract": "Code text into PLOVER/CAMEO events without a store.",
    "code": "Code every uncoded document in the store.",
    "events": "List or export stored events.",
    "evaluate": "Measure accuracy on a gold file.",
    "import": "Import GDELT, ICEWS or POLECAT event files.",
    "relations": "Timeline of the relationship between two actors.",
    "shifts": "Turning points in a dyad's relationship, with evidence.",
    "report": "Write a self-contained HTML report.",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Summaries come from a table so listing commands does not import every stage.
        with formatter.section("Commands"):
            formatter.write_dl([(name, SUMMARIES.get(name, "")) for name in COMMANDS])


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Run `detente COMMAND --help` for a command's options and examples.",
)
@click.version_option(__version__, prog_name="detente")
@click.option("-q", "--quiet", is_flag=True, help="Only errors and results; no progress.")
@click.option("-v", "--verbose", is_flag=True, help="More detail on stderr.")
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """detente: who did or said what to whom, when, and how relationships change.

    \b
    Typical session:
      detente ingest news/ --source wire
      detente code
      detente relations USA RUS --freq month
      detente shifts USA RUS --format json
      detente report -o report.html
    """
    ctx.obj = {"verbosity": -1 if quiet else (1 if verbose else 0)}


def main(argv: list[str] | None = None) -> Any:
    try:
        return cli.main(args=argv, prog_name="detente", standalone_mode=True)
    except (StoreError, ModelNotInstalled) as exc:
        click.echo(f"detente: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


if __name__ == "__main__":
    main()
