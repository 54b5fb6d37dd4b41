"""Each reader on well-formed input: text, metadata, origins, folders, gzip, stdin."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

from detente.ingest.base import FieldMap, ReadOptions
from detente.ingest.sources import format_of, sniff

PAGE = """<!DOCTYPE html>
<html><head>
<title>Talks resume | Example News</title>
<meta property="og:title" content="Talks resume in Geneva">
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://news.example/talks">
<meta property="article:published_time" content="2024-03-05T08:00:00+01:00">
<script>var tracking = "Ministers met";</script>
<style>p { color: red }</style>
</head><body>
<header><nav><a href="/">Home</a> Menu items</nav></header>
<article><h1>Talks resume</h1>
<p>Ministers from both countries met in Geneva on Tuesday.</p>
<p>They agreed to continue&nbsp;talks.</p></article>
<aside>Related: other stories</aside>
<div role="navigation">More links</div>
<footer>Copyright Example</footer>
</body></html>
"""


def test_txt_with_front_matter(read: Callable, write: Callable) -> None:
    path = write(
        "a.txt",
        '---\ntitle: "Border talks"\ndate: January 4, 2019\nsource: wire\n'
        "url: https://x.example/a\nlayout: post\n---\nLeaders met.\r\nThey talked.\n",
    )
    [doc], issues = read([str(path)])
    assert issues == []
    assert doc.text == "Leaders met.\nThey talked."
    assert (doc.title, doc.date, doc.source, doc.url) == (
        "Border talks",
        "2019-01-04",
        "wire",
        "https://x.example/a",
    )
    assert doc.origin == f"{path}:8"


def test_txt_without_front_matter_takes_fallbacks(read: Callable, write: Callable) -> None:
    path = write("b.txt", "---not front matter\nA plain note.\n")
    [doc], _ = read([str(path)], ReadOptions(source="notes", date="2020-05-01"))
    assert doc.text.startswith("---not front matter")
    assert (doc.source, doc.date, doc.origin) == ("notes", "2020-05-01", f"{path}:1")


def test_markdown_heading_becomes_title(read: Callable, write: Callable) -> None:
    path = write("c.md", "# Ceasefire holds\n\nShelling stopped overnight.\n")
    [doc], _ = read([str(path)])
    assert doc.title == "Ceasefire holds"
    assert doc.text == "Ceasefire holds\n\nShelling stopped overnight."


def test_html_main_text_and_metadata(read: Callable, write: Callable) -> None:
    [doc], issues = read([str(write("p.html", PAGE))])
    assert issues == []
    assert doc.text == (
        "Talks resume\n\nMinisters from both countries met in Geneva on Tuesday.\n\n"
        "They agreed to continue talks."
    )
    assert doc.title == "Talks resume in Geneva"
    assert doc.date == "2024-03-05"
    assert doc.url == "https://news.example/talks"
    assert doc.source == "Example News"


def test_html_article_header_is_kept_page_header_is_not(read: Callable, write: Callable) -> None:
    page = (
        "<body><header>Site banner</header><main><article><header><h1>Headline</h1>"
        "<p>By A. Writer</p></header><p>Body text.</p><footer>Share this</footer>"
        "</article></main><footer>About us</footer></body>"
    )
    [doc], _ = read([str(write("h.html", page))])
    assert doc.text == "Headline\n\nBy A. Writer\n\nBody text."


def test_html_date_sources_in_order_of_preference(read: Callable, write: Callable) -> None:
    ld = json.dumps({"@graph": [{"@type": "NewsArticle", "datePublished": "2021-06-01"}]})
    page = (
        '<html><head><meta name="DC.date" content="2021-06-03">'
        f'<script type="application/ld+json">{ld}</script></head>'
        '<body><time datetime="2021-06-02">June 2</time><p>Text.</p></body></html>'
    )
    [doc], _ = read([str(write("ld.htm", page))])
    assert doc.date == "2021-06-01"
    page = '<html><body><p>Text.</p><time datetime="2021-06-02T10:00">x</time></body></html>'
    [doc], _ = read([str(write("time.html", page))])
    assert (doc.date, doc.title) == ("2021-06-02", None)
    page = "<html><head><title> Plain   title </title><meta name=pubdate content=20210604>"
    [doc], _ = read([str(write("meta.html", page + "<p>Body</p>"))])
    assert (doc.date, doc.title) == ("2021-06-04", "Plain title")


def test_jsonl_fields_and_origins(read: Callable, write: Callable) -> None:
    lines = [
        {"id": 7, "text": "First.", "title": "T", "published": "2019-01-04", "url": "u"},
        {},
        {"id": "b", "text": "Second.", "source": "agency"},
    ]
    path = write("n.jsonl", "\n".join(json.dumps(x) if x else "" for x in lines) + "\n")
    docs, issues = read([str(path)])
    assert issues == []
    assert [(d.id, d.text, d.date, d.origin) for d in docs] == [
        ("7", "First.", "2019-01-04", f"{path}:1"),
        ("b", "Second.", None, f"{path}:3"),
    ]
    assert docs[1].source == "agency"


def test_field_mapping_options(read: Callable, write: Callable) -> None:
    record = {"uid": "x1", "body": "Mapped text.", "pubDate": "04 Jan 2019", "meta": {"h": "H"}}
    path = write("m.ndjson", json.dumps(record) + "\n")
    fields = FieldMap(text=("body",), date=("pubDate",), id=("uid",), title=("meta.h",))
    [doc], _ = read([str(path)], ReadOptions(fields=fields))
    assert (doc.id, doc.text, doc.date, doc.title) == ("x1", "Mapped text.", "2019-01-04", "H")
    csv_path = write("m.csv", "UID,Body,PUBDATE\nx2,Row text,2019-01-05\n")
    [doc], _ = read([str(csv_path)], ReadOptions(fields=fields))
    assert (doc.id, doc.text, doc.date) == ("x2", "Row text", "2019-01-05")


def test_csv_quoted_multiline_rows_keep_their_first_line(read: Callable, write: Callable) -> None:
    content = 'id,text,date\n1,"Line one\nline two, with comma",2019-01-04\n\n2,Plain,\n'
    path = write("q.csv", content)
    docs, issues = read([str(path)])
    assert issues == []
    assert [(d.id, d.text, d.origin) for d in docs] == [
        ("1", "Line one\nline two, with comma", f"{path}:2"),
        ("2", "Plain", f"{path}:5"),
    ]


def test_tsv(read: Callable, write: Callable) -> None:
    [doc], _ = read([str(write("t.tsv", "text\tdate\nTabbed.\t2019-01-04\n"))])
    assert (doc.text, doc.date) == ("Tabbed.", "2019-01-04")


def test_gzip_of_each_format(read: Callable, write: Callable) -> None:
    for name, content in [
        ("g.jsonl.gz", '{"text": "Zipped json."}\n'),
        ("g.csv.gz", "text\nZipped csv.\n"),
        ("g.txt.gz", "Zipped text."),
        ("g.html.gz", "<p>Zipped page.</p>"),
    ]:
        [doc], issues = read([str(write(name, gzip.compress(content.encode())))])
        assert issues == []
        assert doc.text.startswith("Zipped")


def test_folder_is_read_recursively_in_name_order(
    read: Callable, write: Callable, tmp_path: Path
) -> None:
    write("corpus/b.txt", "Bee.")
    write("corpus/a.md", "Ay.")
    write("corpus/sub/c.jsonl", '{"text": "Sea."}\n')
    write("corpus/sub/photo.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write("corpus/.hidden/d.txt", "Hidden.")
    write("corpus/notes.docx", "ignored: unknown extension in a folder")
    docs, issues = read([str(tmp_path / "corpus")])
    assert [d.text for d in docs] == ["Ay.", "Bee.", "Sea."]
    assert issues == []


def test_stdin_formats_sniffed_or_given(read: Callable) -> None:
    docs, _ = read(["-"], stdin=b'{"text": "From a pipe."}\n{"text": "Two."}\n')
    assert [d.text for d in docs] == ["From a pipe.", "Two."]
    assert docs[0].origin == "<stdin>:1"
    docs, _ = read(["-"], stdin=b"id,text\n1,Row.\n")
    assert [d.text for d in docs] == ["Row."]
    docs, _ = read(["-"], stdin=b"<html><body><p>Page.</p></body></html>")
    assert [d.text for d in docs] == ["Page."]
    docs, _ = read(["-"], ReadOptions(stdin_format="txt"), stdin=b'{"text": "literal"}')
    assert [d.text for d in docs] == ['{"text": "literal"}']


def test_format_names_and_sniffing() -> None:
    assert format_of("A.JSONL.GZ") == "jsonl"
    assert format_of("x.ndjson") == "jsonl"
    assert format_of("x.gz") is None
    assert format_of("x.pdf") is None
    assert sniff(b"\xef\xbb\xbf  {") == "jsonl"
    assert sniff(b"title\ttext\n") == "tsv"
    assert sniff(b"just words, and a comma\n") == "txt"
    assert sniff(b"uid,body\n", ("body",)) == "csv"


def test_large_stream_crosses_the_sniff_sample(read: Callable) -> None:
    lines = b"".join(b'{"text": "document %d %s"}\n' % (i, b"x" * 300) for i in range(200))
    docs, issues = read(["-"], stdin=lines)
    assert len(docs) == 200 and issues == []
    assert docs[-1].text.startswith("document 199")


def test_html_declared_charset_is_honoured(read: Callable, write: Callable) -> None:
    page = '<html><head><meta charset="koi8-r"></head><body><p>Москва заявила.</p></body></html>'
    path = write("ru.html", page.encode("koi8-r"))
    [doc], issues = read([str(path)])
    assert (doc.text, issues) == ("Москва заявила.", [])
    bogus = write("bogus.html", b'<meta charset="no-such"><p>caf\xe9</p>')
    [doc], issues = read([str(bogus)])
    assert doc.text == "caf\u00e9"
    assert [str(i) for i in issues] == [f"{bogus}:1: not valid UTF-8; read as cp1252"]
