"""Stand-off gold files: PLV labels as offsets into a corpus, read and scored like PLV."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli.main import cli
from detente.evaluate.readers import GoldFileError
from detente.evaluate.runner import evaluate_file
from detente.evaluate.standoff import STANDOFF_COLUMNS, read_standoff, sentence_checksum

from .conftest import FakeCoder, build_event

ARTICLE = (
    "Storm season began early. Norway accused Iceland of overfishing in the northern fjords. "
    "Fishermen in both countries waited for the quotas."
)
SENTENCE = "Norway accused Iceland of overfishing in the northern fjords."
HEADER = ",".join(STANDOFF_COLUMNS) + "\n"


def offsets(text: str, within: str = ARTICLE) -> tuple[int, int]:
    start = within.index(text)
    return start, start + len(text)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text(
        json.dumps({"id": "a1", "text": ARTICLE, "date": "2026-03-02"}) + "\n", encoding="utf-8"
    )
    return path


CRC = sentence_checksum(SENTENCE)


def row(doc: str = "a1", label: str = "ACCUSE", target: bool = True, crc: str = CRC) -> str:
    s, e = offsets(SENTENCE)
    src = offsets("Norway")
    tgt = offsets("Iceland") if target else ("", "")
    return f"{doc},{s},{e},{crc},{label},{src[0]},{src[1]},{tgt[0]},{tgt[1]}\n"


def test_rows_become_plv_items_over_the_corpus_sentences(tmp_path: Path, corpus: Path) -> None:
    gold = tmp_path / "gold.csv"
    gold.write_text(HEADER + row() + row(target=False, label="yield"), encoding="utf-8")
    first, second = read_standoff(gold, corpus)
    assert first.text == SENTENCE and first.label == "ACCUSE" and first.date == "2026-03-02"
    assert first.sources[0].text == "Norway" and first.sources[0].span == (0, 6)
    assert first.targets[0].text == "Iceland" and first.targets[0].span == (15, 22)
    assert second.label == "YIELD" and second.targets[0].span is None


def test_bad_rows_are_skipped_with_file_and_line(tmp_path: Path, corpus: Path) -> None:
    gold = tmp_path / "gold.csv"
    s, e = offsets(SENTENCE)
    gold.write_text(
        HEADER
        + row(doc="missing")
        + f"a1,{s},{e},{CRC},ACCUSE,0,6,,\n"  # source before the sentence
        + f"a1,{s},99999,{CRC},ACCUSE,,,,\n"  # sentence beyond the document
        + f"a1,x,{e},{CRC},ACCUSE,,,,\n"  # not a number
        + row(crc="00000000")  # the corpus changed under the annotation
        + row(),
        encoding="utf-8",
    )
    problems: list[str] = []
    items = read_standoff(gold, corpus, problems.append)
    assert len(items) == 1
    where = [p.split(": ", 1)[0] for p in problems]
    assert [w.rsplit("/", 1)[-1] for w in where] == [f"gold.csv:{n}" for n in (2, 3, 4, 5, 6)]
    assert "not in corpus.jsonl" in problems[0] and "not inside the sentence" in problems[1]
    assert "is not the annotated sentence" in problems[4]


def test_missing_columns_and_corpus_are_one_error(tmp_path: Path, corpus: Path) -> None:
    gold = tmp_path / "gold.csv"
    gold.write_text("doc_id,label\na1,ACCUSE\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match="missing columns sentence_start"):
        read_standoff(gold, corpus)
    with pytest.raises(GoldFileError, match="no such corpus file"):
        read_standoff(gold, corpus.with_name("nothing.jsonl"))


def test_scored_as_plv_without_the_training_overlap_note_of_plv(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from detente.evaluate import runner

    standoff = tmp_path / "gold.csv"
    standoff.write_text(HEADER + row(), encoding="utf-8")
    plv = tmp_path / "plv.csv"
    plv.write_text(f"text,label,meta,context,source,target\n{SENTENCE},ACCUSE,,,Norway,Iceland\n")
    coder = FakeCoder({SENTENCE: [build_event(SENTENCE, "ACCUSE", "Norway", "Iceland")]})
    monkeypatch.setattr(runner, "default_coder", lambda learned=True: coder)
    monkeypatch.setattr(runner, "training_note", lambda name: f"trained on {name}")
    report = evaluate_file("plv-standoff", standoff, corpus=corpus)
    assert report.metrics["plv.accuracy"] == 1.0 and report.metrics["plv.span_agreement"] == 1.0
    assert report.training_overlap is None
    assert evaluate_file("plv", plv).training_overlap == "trained on plv"


def test_cli_needs_the_corpus_and_refuses_it_for_other_formats(
    tmp_path: Path, corpus: Path
) -> None:
    gold = tmp_path / "gold.csv"
    gold.write_text(HEADER + row(), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["evaluate", "--gold", str(gold), "--format", "plv-standoff"])
    assert result.exit_code == 2 and "needs the corpus it annotates (--corpus)" in result.output
    result = runner.invoke(
        cli, ["evaluate", "--gold", str(gold), "--format", "plv", "--corpus", str(corpus)]
    )
    assert result.exit_code == 2 and "--corpus is for plv-standoff files" in result.output
    assert "Traceback" not in result.output
