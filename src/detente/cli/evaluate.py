"""`detente evaluate`: accuracy of the coder (or the actor resolver) on a gold file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from detente.cli.common import EXIT_SOME_SKIPPED, UserError, info, progress, warn
from detente.evaluate.readers import FORMATS, STANDOFF_FORMAT, GoldFileError, Warn, is_skip
from detente.evaluate.report import EvalReport

# File-name stems that identify the shared gold sets, so --format can usually be left out.
GUESSES = (
    ("plv", "plv"),
    ("wikinews_blind", STANDOFF_FORMAT),
    ("plover_gsr", "plover-gsr"),
    ("conflibert_cameo_class", "conflibert-cameo"),
    ("conflibert_cameo_ner", "conflibert-ner"),
    ("petr", "petrarch"),
    ("actor", "actors"),
)


def guess_format(path: Path) -> str | None:
    name = path.name.lower()
    return next((fmt for stem, fmt in GUESSES if name.startswith(stem)), None)


@click.command(name="evaluate")
@click.option(
    "--gold",
    "gold_path",
    required=True,
    type=click.Path(path_type=Path),
    help="Gold file to evaluate against.",
)
@click.option(
    "--format",
    "gold_format",
    type=click.Choice(FORMATS),
    help="Gold file format (guessed from the shared files' names when left out).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the full report, misses included.")
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every miss as JSON lines: sentence, gold, prediction, explanation.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help="Evaluate N items spread evenly over the file (deterministic); not for actors.",
)
@click.option(
    "--without-classifier",
    is_flag=True,
    help="Code with the rules alone, without the learned type classifier (which was trained "
    "on the PLV and PLOVER gold sets).",
)
@click.option(
    "--cross-validate",
    "folds",
    type=click.IntRange(min=2),
    metavar="K",
    help="plv and plover-gsr only: score the full coder out of fold, its type classifier "
    "re-trained K times without the fold being coded (the other training data is read from "
    "the shared data folder holding the gold file). Takes about a minute per set.",
)
@click.option(
    "--corpus",
    "corpus_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="plv-standoff only: the corpus file (JSONL, CSV...) whose documents the stand-off "
    "offsets point into.",
)
def evaluate(
    gold_path: Path,
    gold_format: str | None,
    as_json: bool,
    errors_path: Path | None,
    limit: int | None,
    without_classifier: bool,
    folds: int | None,
    corpus_path: Path | None,
) -> None:
    """Measure accuracy on a gold file: event types, actor spans and codes, triples.

    \b
    Formats:
      plv               PLV csv (text,label,...,source,target): per-type P/R/F1,
                        confusion matrix, source/target span agreement
      plv-standoff      PLV labels as character offsets into --corpus (doc_id,
                        sentence_start,sentence_end,sentence_crc32,label,
                        source_start,...,target_end), scored as plv
      plover-gsr        PLOVER gold-standard JSONL: event type (older labels mapped),
                        country/sector agreement of source and target
      petrarch          PETRARCH-2 unit-test JSONL: (source, target, CAMEO) triples
                        correct/uncoded/extra, coded with the PETR.Validate dictionaries
                        found beside the file
      conflibert-cameo  sentence<TAB>class 0-4: five-class macro F1
      conflibert-ner    token TAG (BIO, S/T/R): token and exact-span F1 of actor roles
      actors            actor-resolution cases: resolver accuracy

    \b
    Examples:
      detente evaluate --gold ../shared/data/gold/plv_train.csv --format plv
      detente evaluate --gold plover_gsr.jsonl --limit 50 --errors misses.jsonl
      detente evaluate --gold petr_unittest_gold.jsonl --format petrarch --json
      detente evaluate --gold plv_train.csv --without-classifier
      detente evaluate --gold ../shared/data/gold/plv_train.csv --cross-validate 5
      detente evaluate --gold eval/wikinews_blind_test.csv --format plv-standoff
        --corpus ../shared/data/news/wikinews_2019_2020.jsonl
    """
    if not gold_path.is_file():
        what = "a folder, not a file" if gold_path.is_dir() else "no such file"
        raise UserError(f"{gold_path}: {what}")
    fmt = gold_format or guess_format(gold_path)
    if fmt is None:
        raise UserError(f"cannot tell the format of {gold_path}: give --format")
    if folds is not None:
        _check_cross_validation(fmt, without_classifier)
    skipped = 0

    def report_problem(message: str) -> None:
        nonlocal skipped
        skipped += is_skip(message)
        warn(message)

    if corpus_path is not None and fmt != STANDOFF_FORMAT:
        raise UserError(f"--corpus is for {STANDOFF_FORMAT} files, not {fmt}")
    report = _run(fmt, gold_path, limit, not without_classifier, report_problem, folds, corpus_path)
    if errors_path is not None:
        _write_misses(report, errors_path)
        info(f"{len(report.misses)} misses written to {errors_path}")
    if as_json:
        json.dump(report.to_dict(misses=True), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        click.echo(report.summary())
    if skipped:
        info(f"{skipped} malformed line{'s' if skipped > 1 else ''} skipped (listed above)")
        sys.exit(EXIT_SOME_SKIPPED)


def _check_cross_validation(fmt: str, without_classifier: bool) -> None:
    from detente.evaluate.crossval import CrossValidationError, check_format

    if without_classifier:
        raise UserError(
            "--cross-validate re-trains the classifier that --without-classifier leaves out: "
            "give one of the two"
        )
    try:
        check_format(fmt)
    except CrossValidationError as exc:
        raise UserError(str(exc)) from None


def _run(
    fmt: str,
    path: Path,
    limit: int | None,
    learned: bool,
    skip: Warn,
    folds: int | None,
    corpus: Path | None,
) -> EvalReport:
    from detente.evaluate import runner

    try:
        if fmt == "actors":
            if limit is not None:
                info("--limit is ignored for actors: every resolution case is scored")
            return runner.evaluate_actor_file(path, skip)
        items = runner.read_gold(fmt, path, limit, skip, corpus)
        with progress(f"evaluating {path.name}", total=len(items)) as advance:
            if folds is not None:
                info(f"training {folds} fold models of the type classifier")
            report = runner.evaluate_items(
                fmt, items, path, learned=learned, warn=skip, advance=advance, cross_validate=folds
            )
    except GoldFileError as exc:
        raise UserError(str(exc)) from None
    if limit is not None:
        report.notes.append(runner.sample_note(len(items)))
    return report


def _write_misses(report: EvalReport, path: Path) -> None:
    try:
        with path.open("w", encoding="utf-8") as out:
            for record in report.misses:
                out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    except OSError as exc:
        raise UserError(f"{path}: cannot write ({exc.strerror})") from None
