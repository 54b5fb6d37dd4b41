"""The article text and metadata of a saved web page, with the standard library's parser.

Boilerplate lives in a few elements (script, style, nav, header, footer, aside, forms) and
their ARIA equivalents, except that an article's own header (headline, byline) is kept.
Everything else that is text is kept, split into paragraphs at block elements so sentences
from neighbouring blocks never run together. Dates come from the page's own metadata, most
specific first: JSON-LD datePublished, article:published_time, <meta name=date|pubdate|
dc.date>, then the first <time datetime>.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from detente.ingest.base import Reporter
from detente.ingest.decode import Input, read_text
from detente.model import Document

DROPPED = frozenset(
    {"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "svg"}
    | {"form", "button", "select", "textarea", "iframe", "object", "canvas"}
)
DROPPED_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
BLOCKS = frozenset(
    {"p", "div", "section", "article", "main", "br", "li", "ul", "ol", "dl", "dt", "dd"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th"}
    | {"figure", "figcaption", "hr", "body", "address", "caption"}
)
VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "wbr"})
# <meta charset="koi8-r"> or <meta http-equiv=Content-Type content="text/html; charset=...">
_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{1,40})", re.I)
_DECLARATION = re.compile(r"<!(?!--|doctype)", re.IGNORECASE)
DATE_META = {  # meta name/property (lower case) -> priority, lower is preferred
    "article:published_time": 1,
    "date": 2,
    "pubdate": 2,
    "dc.date": 2,
    "dc.date.issued": 2,
    "dcterms.date": 2,
    "datepublished": 2,
}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._stack: list[str] = []  # open dropped elements, by tag
        self._articles = 0  # depth of <article>/<main> elements
        self._title_parts: list[str] = []
        self._in_title = False
        self._json_ld: list[str] | None = None
        self.meta: dict[str, tuple[str, int]] = {}  # key -> (value, line)
        self.dates: list[tuple[int, str, int]] = []  # (priority, value, line)

    # -- structure ---------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): value or "" for name, value in attrs}
        if tag == "meta":
            self._meta(attributes)
        elif tag == "time" and attributes.get("datetime"):
            self.dates.append((4, attributes["datetime"], self.getpos()[0]))
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.meta.setdefault("url", (attributes.get("href", ""), self.getpos()[0]))
        if tag == "title":
            self._in_title = True
        if tag == "script" and attributes.get("type", "").lower() == "application/ld+json":
            self._json_ld = []
        if tag in VOID:
            if tag in BLOCKS:
                self._flush()
            return
        if tag in ("article", "main"):
            self._articles += 1
        # An article's own <header> holds its headline and byline: kept.
        dropped = (tag in DROPPED and not (tag == "header" and self._articles)) or (
            attributes.get("role", "").lower() in DROPPED_ROLES
        )
        if dropped or "hidden" in attributes or self._stack:
            self._stack.append(tag)
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("article", "main") and self._articles:
            self._articles -= 1
        if tag == "title":
            self._in_title = False
        if tag == "script" and self._json_ld is not None:
            self._read_json_ld("".join(self._json_ld))
            self._json_ld = None
        if tag in self._stack:  # close up to the matching tag; tolerates unclosed children
            while self._stack and self._stack.pop() != tag:
                pass
        if tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
        elif self._json_ld is not None:
            self._json_ld.append(data)
        elif not self._stack:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    # -- metadata ----------------------------------------------------------------------------

    @property
    def title(self) -> str | None:
        title = " ".join("".join(self._title_parts).split())
        return title or None

    def _meta(self, attributes: dict[str, str]) -> None:
        key = (attributes.get("property") or attributes.get("name") or "").lower()
        content = attributes.get("content", "")
        if not key or not content:
            return
        line = self.getpos()[0]
        if key in DATE_META:
            self.dates.append((DATE_META[key], content, line))
        elif key in ("og:title", "og:url", "og:site_name"):
            self.meta.setdefault(key.removeprefix("og:"), (content, line))

    def _read_json_ld(self, raw: str) -> None:
        try:
            data = json.loads(raw)
        except ValueError:
            return
        found = _find_key(data, "datePublished")
        if isinstance(found, str):
            self.dates.append((0, found, self.getpos()[0]))


def _find_key(data: object, key: str) -> object:
    """The first value of `key` anywhere in a JSON-LD tree (objects, lists, @graph)."""
    if isinstance(data, dict):
        if key in data:
            return data[key]
        children: list[object] = list(data.values())
    elif isinstance(data, list):
        children = list(data)
    else:
        return None
    for child in children:
        found = _find_key(child, key)
        if found is not None:
            return found
    return None


def _parse(text: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return parser


def read_html(source: Input, reporter: Reporter) -> Iterator[Document]:
    """The page as one Document: main text, title, date, canonical URL and site name."""
    declared = _CHARSET.search(source.head)
    charset = declared.group(1).decode("ascii") if declared else None
    text = read_text(source, reporter, charset)
    try:
        parser = _parse(text)
    except (AssertionError, ValueError):
        # html.parser gives up on some malformed "<!" declarations; read them as text.
        try:
            parser = _parse(_DECLARATION.sub("&lt;!", text))
        except (AssertionError, ValueError) as exc:
            reporter.skip(source.name, f"cannot parse HTML: {exc}")
            return
    date, date_line = (None, 0)
    if parser.dates:
        _, date, date_line = min(parser.dates, key=lambda found: found[0])
    title = parser.meta.get("title", (None, 0))[0] or parser.title
    document = reporter.document(
        f"{source.name}:1",
        "\n\n".join(parser.blocks),
        title=title,
        date=date,
        source=parser.meta.get("site_name", (None, 0))[0],
        url=parser.meta.get("url", (None, 0))[0],
        date_origin=f"{source.name}:{date_line}" if date_line else None,
    )
    if document is not None:
        yield document
