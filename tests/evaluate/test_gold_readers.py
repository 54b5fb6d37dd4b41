"""Each gold format's reader on fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.evaluate.readers import (
    GoldItem,
    detokenize,
    locate,
    read_conflibert_class,
    read_conflibert_ner,
    read_petrarch,
    read_plover_gsr,
    read_plv,
    spread_sample,
)
from detente.evaluate.runner import GoldFileError, read_gold


def test_plv_reader_locates_spans_and_skips_empty_rows(fixtures: Path) -> None:
    warnings: list[str] = []
    items = read_plv(fixtures / "plv_sample.csv", warnings.append)
    assert [i.label for i in items] == ["ACCUSE", "ASSAULT", "YIELD", "AGREE"]
    first = items[0]
    assert first.id == "plv-1"
    assert first.sources[0].span == (0, 6)
    assert first.text[slice(*first.targets[0].span)] == "Iceland"
    assert warnings == [f"{fixtures / 'plv_sample.csv'}:6: empty document"]


def test_plv_reader_reports_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("sentence,label\nx,ACCUSE\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"bad.csv: missing columns source, target, text"):
        read_plv(path)


def test_locate_prefers_exact_then_case_insensitive() -> None:
    assert locate("the Senate and the senate", "senate") == (19, 25)
    assert locate("The Senate met", "the senate") == (0, 10)
    assert locate("The Senate met", "actor") is None
    assert locate("text", "  ") is None
    assert locate("the factory closed", "actor") is None  # whole words only
    assert locate("a factory actor", "actor") == (10, 15)
    assert locate("U.S. forces left", "U.S.") == (0, 4)


def test_gsr_reader_maps_older_labels_and_keeps_codes(fixtures: Path) -> None:
    warnings: list[str] = []
    items = read_plover_gsr(fixtures / "plover_gsr_sample.jsonl", warnings.append)
    assert [i.label for i in items] == ["ACCUSE", "ASSAULT", "CONSULT"]
    assert items[1].sources[0].country == "ISL" and items[1].sources[0].sector == "MIL"
    assert items[1].targets[0].span is not None
    assert len(warnings) == 2
    assert ":4: invalid JSON" in warnings[0] and ":5: no event label" in warnings[1]


def test_conflibert_class_reader_handles_crlf_and_bad_lines(fixtures: Path) -> None:
    warnings: list[str] = []
    items = read_conflibert_class(fixtures / "conflibert_class_sample.tsv", warnings.append)
    assert [(i.label, i.text[:6]) for i in items] == [
        ("1", "Norway"),
        ("4", "Icelan"),
        ("0", "The mi"),
        ("2", "Norway"),
    ]
    assert len(warnings) == 1 and ":4: expected" in warnings[0]


def test_conflibert_ner_reader_rebuilds_text_with_token_offsets(fixtures: Path) -> None:
    warnings: list[str] = []
    items = read_conflibert_ner(fixtures / "conflibert_ner_sample.txt", warnings.append)
    assert [i.text for i in items] == [
        "Norway condemned Iceland's fishing ban.",
        "Oslo and Reykjavik met on Monday.",
        "The coast guard seized a trawler.",
    ]
    first = items[0]
    assert [first.text[s:e] for s, e in first.token_spans] == first.tokens
    assert first.tags[:4] == ["B-S", "O", "B-T", "I-T"]
    assert items[1].origin.endswith(":9")
    assert len(warnings) == 1 and ":24: expected `token TAG`" in warnings[0]


def test_detokenize_spacing_rules() -> None:
    text, spans = detokenize(["He", "said", "(", "twice", ")", "$", "5", "n't", "."])
    assert text == "He said (twice) $5n't."
    assert spans[2] == (8, 9) and spans[-1] == (21, 22)


def test_petrarch_reader_reads_triples_and_dates(fixtures: Path) -> None:
    warnings: list[str] = []
    items = read_petrarch(fixtures / "petrarch_sample.jsonl", warnings.append)
    assert [i.id for i in items] == ["T-00", "T-01", "T-02"]
    assert items[0].date == "1995-01-01"
    assert items[1].triples == [("GON", "MOR", "112"), ("ROH", "MOR", "112")]
    assert items[2].triples == []
    assert len(warnings) == 1 and warnings[0].endswith(":4: no text")


def test_spread_sample_is_even_and_deterministic() -> None:
    items = [GoldItem(str(i), "t", "o") for i in range(10)]
    assert [i.id for i in spread_sample(items, 3)] == ["0", "3", "6"]
    assert spread_sample(items, 20) == items
    assert spread_sample(items, None) == items
    assert spread_sample(items, 0) == []


def test_read_gold_errors(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match="no such file"):
        read_gold("plv", tmp_path / "missing.csv")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match="no readable petrarch item"):
        read_gold("petrarch", empty)
    with pytest.raises(GoldFileError, match="unknown gold format"):
        read_gold("xml", empty)
