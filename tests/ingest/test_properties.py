"""Property tests: any text survives a writer->reader round trip; no bytes make a reader raise."""

from __future__ import annotations

import csv
import gzip
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.ingest.base import Issue, ReadOptions, Reporter
from detente.ingest.pipeline import ingest_paths
from detente.ingest.sources import FileCounts, read_paths
from detente.model import Document
from detente.store.database import Store

# Text a document can hold: any Unicode but NUL (a NUL makes a file binary) and surrogates
# (not encodable).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=300,
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_stdin(data: bytes, fmt: str | None) -> tuple[list[Document], list[Issue]]:
    issues: list[Issue] = []
    reporter = Reporter(ReadOptions(stdin_format=fmt), issues.append)
    docs = list(read_paths(["-"], reporter, FileCounts(), stdin=io.BytesIO(data)))
    return docs, issues


def expect_round_trip(text: str, docs: list[Document], issues: list[Issue]) -> None:
    if text.strip():
        assert [d.text for d in docs] == [text.strip()]
        assert issues == []
    else:
        assert docs == []
        assert [i.message for i in issues] == ["empty document"]


@SETTINGS
@given(TEXT, TEXT)
def test_jsonl_round_trip(text: str, title: str) -> None:
    data = (json.dumps({"text": text, "title": title}, ensure_ascii=False) + "\n").encode()
    docs, issues = read_stdin(data, "jsonl")
    expect_round_trip(text, docs, issues)
    if docs:
        assert docs[0].title == (title.strip() or None)


@SETTINGS
@given(TEXT)
def test_csv_round_trip(text: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "text"])
    writer.writerow(["1", text])
    docs, issues = read_stdin(buffer.getvalue().encode(), "csv")
    if not text.strip():
        # csv cannot tell an all-blank row from no row, so it may be dropped silently.
        assert docs == []
        return
    expect_round_trip(text, docs, issues)


@SETTINGS
@given(TEXT, TEXT)
def test_txt_round_trip(text: str, title: str) -> None:
    header = f"---\ntitle: {json.dumps(title.strip())}\n---\n" if "\n" not in title else ""
    docs, issues = read_stdin((header + text).encode(), "txt")
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    expect_round_trip(normalised, docs, issues)


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from([None, "jsonl", "csv", "txt", "html"]))
def test_arbitrary_bytes_never_raise(data: bytes, fmt: str | None) -> None:
    docs, issues = read_stdin(data, fmt)
    assert all(isinstance(d, Document) and d.text.strip() for d in docs)
    assert all(str(issue).startswith("<stdin>") for issue in issues)


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_in_gzip_files_never_raise(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "x.jsonl.gz"
        plain.write_bytes(data)
        packed = Path(folder) / "y.csv.gz"
        packed.write_bytes(gzip.compress(data))
        issues: list[Issue] = []
        reporter = Reporter(ReadOptions(), issues.append)
        list(read_paths([str(plain), str(packed)], reporter, FileCounts()))


@SETTINGS
@given(st.text(max_size=200), st.text(max_size=50))
def test_any_json_escaped_text_is_stored_without_raising(text: str, title: str) -> None:
    """Lone surrogates can arrive as JSON escapes; they must not break the store."""
    data = json.dumps({"text": text, "title": title, "date": title}) + "\n"
    with Store(":memory:") as store:
        stats = ingest_paths(
            store, ["-"], ReadOptions(stdin_format="jsonl"), stdin=io.BytesIO(data.encode())
        )
        assert stats.documents_read + stats.skipped == 1
        assert store.count_documents() == stats.added


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from(["jsonl", "csv", "txt", "html"]))
def test_arbitrary_bytes_ingest_into_a_store(data: bytes, fmt: str) -> None:
    with Store(":memory:") as store:
        stats = ingest_paths(store, ["-"], ReadOptions(stdin_format=fmt), stdin=io.BytesIO(data))
        assert store.count_documents() == stats.added <= stats.documents_read


MARKUP = st.sampled_from(
    (
        *("<", ">", "</", "<!", "<![", "CDATA[", "]]>", "<!--", "-->", "<?", "&#x", ";", "'"),
        *("<script>", "</script>", "<p>", "<nav>", "<article>", "<header>", "<!DOCTYPE", " x="),
        *("<meta charset=", "<time datetime=", "2019-01-04", "datePublished", "{", "}", "\n", '"'),
    )
)


@SETTINGS
@given(st.lists(MARKUP, max_size=40).map("".join))
def test_markup_fragments_never_raise(page: str) -> None:
    docs, issues = read_stdin(page.encode(), "html")
    assert len(docs) + sum(1 for i in issues if i.skipped) == 1


def test_malformed_declaration_is_read_as_text() -> None:
    docs, issues = read_stdin(b"<p>Before</p><![<p>After</p>", "html")
    assert issues == []
    assert "After" in docs[0].text
