"""Publication dates as written by news sites and feeds, normalised to ISO YYYY-MM-DD.

Only unambiguous spellings are accepted: "03/04/2019" means March in one country and April
in another, so it is reported as unparseable rather than guessed. A time of day and a zone
are ignored, not converted: the date a publisher printed is the date the text speaks from.
Month names are read with `strptime` in the C locale (English), the language of the corpora
detente codes.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

# Year-first numeric forms, optionally followed by a time: 2019-01-04, 2019/1/4, 2019.01.04,
# 2019-01-04T10:00:00Z, 2019-01-04 10:00 +02:00.
_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_].*)")
# Compact 20190104, optionally with a compact time (20190104T100000Z).
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:$|T\d{2,6}.*)")
# Day-first with dots, the common European spelling: 04.01.2019.
_DAY_FIRST_DOTS = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:$|\s.*)")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
_TRAILING_TIME = re.compile(r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}.*)$", re.IGNORECASE)
_NAMED_FORMATS = (
    "%B %d %Y",  # January 4 2019 (commas removed first)
    "%b %d %Y",
    "%d %B %Y",  # 4 January 2019
    "%d %b %Y",
)

MIN_YEAR = 1800
MAX_YEAR = 2200


def normalise_date(value: object) -> str | None:
    """The ISO day `value` names, or None when it cannot be read unambiguously."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    for pattern, order in ((_YEAR_FIRST, "ymd"), (_COMPACT, "ymd"), (_DAY_FIRST_DOTS, "dmy")):
        match = pattern.fullmatch(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            return _iso(parts["y"], parts["m"], parts["d"])
    return _named(text)


def _named(text: str) -> str | None:
    """Month-name spellings: "January 4, 2019", "04 Jan 2019", RFC 2822 feed dates."""
    if "," in text and ":" in text:
        try:  # RSS pubDate: "Fri, 04 Jan 2019 10:00:00 +0000"
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is not None:
            return _iso(parsed.year, parsed.month, parsed.day)
    cleaned = _TRAILING_TIME.sub("", _WEEKDAY.sub("", text))
    cleaned = _ORDINAL.sub(r"\1", cleaned).replace(",", " ").replace(".", " ")
    cleaned = " ".join(cleaned.split())
    for fmt in _NAMED_FORMATS:
        try:
            parsed = datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
        return _iso(parsed.year, parsed.month, parsed.day)
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
