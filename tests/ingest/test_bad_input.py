"""Every kind of bad input is one issue naming file and line; good documents still come."""

from __future__ import annotations

import gzip
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from detente.ingest.base import ReadOptions
from detente.ingest.pipeline import ingest_paths
from detente.store.database import Store


def messages(issues: list) -> list[str]:
    return [str(issue) for issue in issues]


def test_malformed_json_line_names_file_line_and_column(read: Callable, write: Callable) -> None:
    path = write("file.jsonl", '{"text": "good"}\n{"text": "a" "b"}\n{"text": "also good"}\n')
    docs, issues = read([str(path)])
    assert [d.text for d in docs] == ["good", "also good"]
    assert messages(issues) == [f"{path}:2: invalid JSON: Expecting ',' delimiter (column 14)"]


def test_json_line_without_text_or_not_an_object(read: Callable, write: Callable) -> None:
    lines = ['{"title": "no body"}', '{"text": 42}', "[1, 2]", '{"text": "   "}', '{"text": "ok"}']
    path = write("x.jsonl", "\n".join(lines))
    docs, issues = read([str(path)])
    assert [d.text for d in docs] == ["ok"]
    assert messages(issues) == [
        f"{path}:1: no text field ('text')",
        f"{path}:2: text is not a string (int)",
        f"{path}:3: expected a JSON object, found an array",
        f"{path}:4: empty document",
    ]
    assert all(issue.skipped for issue in issues)


def test_csv_row_with_wrong_number_of_fields(read: Callable, write: Callable) -> None:
    path = write("r.csv", "id,text,date\n1,fine,2019-01-04\n2,too,many,fields\n3,short\n4,ok,\n")
    docs, issues = read([str(path)])
    assert [d.id for d in docs] == ["1", "4"]
    assert messages(issues) == [
        f"{path}:3: expected 3 fields, found 4",
        f"{path}:4: expected 3 fields, found 2",
    ]


def test_csv_without_text_column(read: Callable, write: Callable) -> None:
    path = write("nt.csv", "id,body\n1,words\n")
    docs, issues = read([str(path)])
    assert docs == []
    assert messages(issues) == [f"{path}:2: no text field ('text')"]


def test_empty_documents(read: Callable, write: Callable) -> None:
    empty = write("empty.txt", "  \n\n")
    front_only = write("front.md", "---\ntitle: x\n---\n")
    page = write("blank.html", "<html><head><title>T</title></head><body><nav>x</nav></body>")
    docs, issues = read([str(empty), str(front_only), str(page)])
    assert docs == []
    assert messages(issues) == [
        f"{empty}:1: empty document",
        f"{front_only}:4: empty document",
        f"{page}:1: empty document",
    ]


def test_binary_files_are_skipped_whole(read: Callable, write: Callable) -> None:
    png = write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    noisy = write("noise.jsonl", bytes([1, 2, 3, 200, 201, 4, 5, 6, 7, 8]) * 50)
    docs, issues = read([str(png), str(noisy)])
    assert docs == []
    assert messages(issues) == [
        f"{png}: binary file (not text)",
        f"{noisy}: binary file (not text)",
    ]


def test_nul_byte_later_in_a_line_file_skips_only_that_line(
    read: Callable, write: Callable
) -> None:
    head = b'{"text": "padding"}\n' * 500  # past the sample the binary check looks at
    path = write("late.jsonl", head + b'{"text": "a\x00b"}\n{"text": "after"}\n')
    docs, issues = read([str(path)])
    assert len(docs) == 501
    assert messages(issues) == [f"{path}:501: binary data (NUL byte)"]


def test_cp1252_and_latin1_fall_back_with_a_warning(read: Callable, write: Callable) -> None:
    quoted = "Minister said \u201cno\u201d \u2013 caf\u00e9\n".encode("cp1252")
    path = write("win.txt", b"First line\n" + quoted)
    [doc], issues = read([str(path)])
    assert doc.text == "First line\nMinister said \u201cno\u201d \u2013 caf\u00e9"
    assert messages(issues) == [f"{path}:2: not valid UTF-8; read as cp1252"]
    assert not issues[0].skipped
    lines = write("win.csv", b"text\nplain\ncaf\xe9\n\x81odd\n")
    docs, issues = read([str(lines)])
    assert [d.text for d in docs] == ["plain", "caf\u00e9", "\x81odd"]
    assert messages(issues) == [f"{lines}:3: not valid UTF-8; read as cp1252"]


def test_utf8_bom_and_utf16(read: Callable, write: Callable) -> None:
    bom = write("bom.csv", b"\xef\xbb\xbftext,date\nWith BOM,2019-01-04\n")
    utf16 = write("u16.txt", "Unicode from Notepad \u00e9".encode("utf-16"))
    utf16_lines = write("u16.jsonl", '{"text": "wide"}\n{"text": "lines"}\n'.encode("utf-16"))
    docs, issues = read([str(bom), str(utf16), str(utf16_lines)])
    assert [d.text for d in docs] == ["With BOM", "Unicode from Notepad \u00e9", "wide", "lines"]
    assert docs[0].date == "2019-01-04"
    assert issues == []


def test_unparseable_date_warns_and_keeps_fallback(read: Callable, write: Callable) -> None:
    path = write("d.jsonl", '{"text": "x", "date": "next Tuesday"}\n{"text": "y"}\n')
    docs, issues = read([str(path)], ReadOptions(date="2020-01-01"))
    assert [d.date for d in docs] == ["2020-01-01", "2020-01-01"]
    assert messages(issues) == [f"{path}:1: unparseable date 'next Tuesday'; using 2020-01-01"]
    front = write("d.txt", "---\ntitle: t\ndate: someday\n---\nBody.\n")
    [doc], issues = read([str(front)])
    assert doc.date is None
    assert messages(issues) == [f"{front}:3: unparseable date 'someday'"]


def test_corrupt_gzip_and_unreadable_file(read: Callable, write: Callable, tmp_path: Path) -> None:
    fake = write("fake.jsonl.gz", b"this is not gzip data at all")
    lines = b"".join(
        b'{"text": "whole %d"}\n' % random.Random(i).getrandbits(64) for i in range(5000)
    )
    packed = gzip.compress(lines)
    truncated = write("cut.jsonl.gz", packed[: len(packed) // 2])
    docs, issues = read([str(fake), str(truncated), str(tmp_path / "missing.txt")])
    texts = messages(issues)
    assert texts[0].startswith(f"{fake}: not a valid gzip file")
    assert texts[1].startswith(f"{truncated}: stopped part-way: ")
    assert texts[2] == f"{tmp_path / 'missing.txt'}: no such file or directory"
    assert 0 < len(docs) < 5000
    assert all(d.text.startswith("whole ") for d in docs)


def test_json_number_beyond_digit_limit_is_a_bad_line(read: Callable, write: Callable) -> None:
    huge_number = '{"text": "x", "id": ' + "9" * 5000 + "}\n"
    path = write("big.jsonl", huge_number + '{"text": "fine"}\n')
    docs, issues = read([str(path)])
    assert [d.text for d in docs] == ["fine"]
    assert messages(issues)[0].startswith(f"{path}:1: invalid JSON: ")


def test_lone_surrogate_escapes_are_replaced_with_a_warning(
    read: Callable, write: Callable
) -> None:
    path = write("s.jsonl", '{"text": "bad \\ud800 escape", "title": "t\\udfff"}\n')
    [doc], issues = read([str(path)])
    assert (doc.text, doc.title) == ("bad \ufffd escape", "t\ufffd")
    assert messages(issues) == [
        f"{path}:1: invalid Unicode escape (lone surrogate) replaced by U+FFFD"
    ]


def test_undecodable_file_names_are_shown_and_stored(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    try:
        with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as handle:
            handle.write(b"Text in an oddly named file.")
    except OSError:
        pytest.skip("this file system refuses undecodable names")
    with Store(tmp_path / "s.duckdb") as store:
        stats = ingest_paths(store, [str(tmp_path)])
        [doc] = list(store.iter_documents())
    assert stats.added == 1
    assert doc.origin == f"{tmp_path}/caf\ufffd.txt:1"


def test_unreadable_file_is_one_line(
    read: Callable, write: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = write("good.txt", "Readable.")
    locked = write("locked.txt", "Secret.")

    def guarded_open(path: object, mode: str = "r") -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, mode)  # type: ignore[call-overload]

    monkeypatch.setattr("detente.ingest.sources.open", guarded_open, raising=False)
    docs, issues = read([str(locked), str(good)])
    assert [d.text for d in docs] == ["Readable."]
    assert messages(issues) == [f"{locked}: cannot read: permission denied"]
