"""Bad gold files: every reader either reads what it can or raises GoldFileError, one line.

Hypothesis feeds each reader random bytes and random rows of its own format; nothing but
GoldFileError may escape, and every message must name the file (and the line, for a skip).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from detente.evaluate.actors import evaluate_actors
from detente.evaluate.readers import (
    READERS,
    WARNING_SUFFIX,
    GoldFileError,
    GoldItem,
    is_skip,
    read_conflibert_class,
    read_plover_gsr,
    read_plv,
)
from detente.evaluate.runner import read_gold

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
SUFFIXES = {
    "plv": "csv",
    "plover-gsr": "jsonl",
    "conflibert-cameo": "tsv",
    "conflibert-ner": "txt",
    "petrarch": "jsonl",
}


def run_reader(
    reader: Callable[[Path, Callable[[str], None]], list[GoldItem]], path: Path
) -> tuple[list[GoldItem] | None, list[str]]:
    """The items (None when the file was refused) and the messages; checks their shape."""
    messages: list[str] = []
    try:
        items: list[GoldItem] | None = reader(path, messages.append)
    except GoldFileError as exc:
        assert str(exc).startswith(str(path)), exc
        assert "\n" not in str(exc)
        items = None
    for message in messages:
        assert re.match(rf"{re.escape(str(path))}:\d+: \S", message), message
        assert "\n" not in message
    for item in items or []:
        assert isinstance(item.text, str) and item.text == item.text.strip() and item.text
        assert re.fullmatch(rf"{re.escape(str(path))}:\d+", item.origin), item.origin
        item.text.encode("utf-8")  # no lone surrogate: the text can be written out
    return items, messages


@pytest.mark.parametrize("fmt", sorted(READERS))
@SETTINGS
@given(data=st.binary(max_size=600))
@example(data=b"\x00\x01\x02binary")
@example(data=b"\xff\xfe{\x00\x00\xd8")  # a UTF-16 mark over bytes that are not UTF-16
@example(data=b"text,label,source,target\nabc\x00def,ACCUSE,a,b\nNorway left,ACCUSE,x,y\n")
@example(data=b'{"text": "a\\ud800b", "event": "ACCUSE", "events": []}\n')
def test_random_bytes_never_raise_anything_else(fmt: str, data: bytes, tmp_path: Path) -> None:
    path = tmp_path / f"gold.{SUFFIXES[fmt]}"
    path.write_bytes(data)
    run_reader(READERS[fmt], path)


def _csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


cell = st.text(alphabet=st.characters(codec="utf-8"), max_size=20)


@SETTINGS
@given(
    header=st.permutations(["text", "label", "source", "target", "meta"]),
    rows=st.lists(st.lists(cell, min_size=0, max_size=7), max_size=8),
    raw_lines=st.lists(st.text(max_size=30), max_size=3),
)
def test_plv_random_rows(
    header: list[str], rows: list[list[str]], raw_lines: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "plv.csv"
    path.write_text(_csv_text([header, *rows]) + "\n".join(raw_lines), encoding="utf-8")
    items, _ = run_reader(read_plv, path)
    for item in items or []:
        assert item.label and item.label == item.label.upper()


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)
gsr_like = st.fixed_dictionaries(
    {},
    optional={
        "id": json_value,
        "text": st.text(max_size=30) | json_value,
        "event": st.sampled_from(["ACCUSE", "FIGHT", "YIELD", ""]) | json_value,
        "source": st.lists(st.lists(st.text(max_size=8) | st.none(), max_size=4), max_size=2),
        "target": json_value,
        "events": st.lists(json_value | st.fixed_dictionaries({"code": json_value}), max_size=3),
        "date": json_value,
    },
)


@pytest.mark.parametrize("fmt", ["plover-gsr", "petrarch"])
@SETTINGS
@given(lines=st.lists(gsr_like.map(json.dumps) | st.text(max_size=40), max_size=8))
def test_jsonl_random_records(fmt: str, lines: list[str], tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    text = "\n".join(lines)
    path.write_text(text, encoding="utf-8")
    items, messages = run_reader(READERS[fmt], path)
    assert sum(map(is_skip, messages)) <= text.count("\n") + 1  # at most one skip a line
    if items is not None:
        assert len(items) + sum(map(is_skip, messages)) <= text.count("\n") + 1


@pytest.mark.parametrize("fmt", ["conflibert-cameo", "conflibert-ner"])
@SETTINGS
@given(lines=st.lists(st.text(max_size=40), max_size=10))
def test_line_formats_random_lines(fmt: str, lines: list[str], tmp_path: Path) -> None:
    path = tmp_path / "gold.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    run_reader(READERS[fmt], path)


@SETTINGS
@given(lines=st.lists(json_value.map(json.dumps) | st.text(max_size=30), max_size=6))
def test_actor_file_random_records(lines: list[str], tmp_path: Path) -> None:
    path = tmp_path / "actors.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    # no resolver is needed: every such case is skipped or refused before resolution
    try:
        report = evaluate_actors(path, resolver=_NoResolver())  # type: ignore[arg-type]
    except GoldFileError as exc:
        assert str(exc).startswith(str(path))
        return
    assert all(re.match(rf"{re.escape(str(path))}:\d+: ", p) for p in report.problems)


class _NoResolver:
    """Matches nothing: random cases only need to get through parsing and scoring."""

    def match(self, text: str, when: str | None, context: str | None = None) -> None:
        return None

    def names_of(self, id: str) -> list[str]:
        return []


def test_binary_and_missing_files_are_one_line_errors(tmp_path: Path) -> None:
    binary = tmp_path / "plv.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    for reader in READERS.values():
        with pytest.raises(GoldFileError, match=r"plv.csv: binary file \(not text\)$"):
            reader(binary, print)
    with pytest.raises(GoldFileError, match=r"plv.csv: binary file"):
        evaluate_actors(binary, resolver=_NoResolver())  # type: ignore[arg-type]
    with pytest.raises(GoldFileError, match="cannot read"):
        read_plv(tmp_path, print)  # a folder
    bad16 = tmp_path / "gsr.jsonl"
    bad16.write_bytes(b"\xff\xfe{\x00\x00\xd8")
    with pytest.raises(GoldFileError, match=r"gsr.jsonl: invalid UTF-16"):
        read_plover_gsr(bad16, print)


def test_legacy_encoding_is_read_with_one_warning(tmp_path: Path) -> None:
    path = tmp_path / "class.tsv"
    path.write_bytes("Soci\u00e9t\u00e9 G\u00e9n\u00e9rale sued the state.\t3\n".encode("cp1252"))
    messages: list[str] = []
    items = read_conflibert_class(path, messages.append)
    assert items[0].text.startswith("Soci\u00e9t\u00e9")
    assert messages == [f"{path}:1: not valid UTF-8; read as cp1252{WARNING_SUFFIX}"]
    assert not any(map(is_skip, messages))


def test_nul_line_and_bad_rows_are_skipped_with_their_lines(tmp_path: Path) -> None:
    # a NUL byte in the first 8 KiB marks the whole file binary (as in ingest), so it comes later
    good = b"Norway accused Iceland of overfishing.,ACCUSE,Norway,Iceland\n"
    repeat = 8192 // len(good) + 1
    path = tmp_path / "plv.csv"
    path.write_bytes(
        b"text,label,source,target\n"
        + good * repeat
        + b"bro\x00ken,ACCUSE,a,b\n"
        + b"only,two\n"
        + b"Oslo met Reykjavik.,,Oslo,Reykjavik\n"
        + b"Oslo met Reykjavik.,CONSULT,Oslo,Reykjavik\n"
    )
    messages: list[str] = []
    items = read_plv(path, messages.append)
    assert [i.label for i in items] == ["ACCUSE"] * repeat + ["CONSULT"]
    first_bad = repeat + 2
    assert messages == [
        f"{path}:{first_bad}: binary data (NUL byte)",
        f"{path}:{first_bad + 1}: expected 4 fields, found 2",
        f"{path}:{first_bad + 2}: empty label",
    ]


def test_broken_unicode_escape_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "gsr.jsonl"
    record = '{"text": "Norway \\ud800 left", "event": "ACCUSE", '
    record += '"source": [["NOR", "\\udc00", "x"]]}'
    path.write_text(record + "\n", encoding="utf-8")
    messages: list[str] = []
    item = read_plover_gsr(path, messages.append)[0]
    assert item.text == "Norway \ufffd left" and item.sources[0].sector == "\ufffd"
    assert len(messages) == 1 and messages[0].endswith(WARNING_SUFFIX)


def test_read_gold_refuses_a_file_of_only_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "ner.txt"
    path.write_text("Norway\nx y z\n", encoding="utf-8")
    messages: list[str] = []
    with pytest.raises(GoldFileError, match="no readable conflibert-ner item"):
        read_gold("conflibert-ner", path, warn=messages.append)
    assert [m.rsplit(":", 2)[1] for m in messages] == ["1", "2"]
