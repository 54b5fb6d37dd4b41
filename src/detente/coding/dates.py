"""Resolve the time expressions of news sentences to partial ISO dates.

News dates events relative to the publication date ("on Monday", "last month", "September 23"),
so every relative or year-less expression is resolved against `published` and is never placed
after it: an article published 2025-03-01 that says "on September 23" means 2024-09-23, and
"next week" resolves to nothing. Without a publication date only expressions that carry their own
year resolve. Everything is a handful of precompiled regular expressions, because the coder calls
`find_date_expressions` on every sentence.

Conventions (chosen so that a date never claims more than the text says):
- a day name ("on Monday", "Tuesday's vote") is the latest such day on or before publication;
  "last Tuesday" is the latest one strictly before it;
- "last week", "this week", "earlier this week" give that week's Monday (weeks start on Monday,
  clipped to the publication day) at day precision, flagged `approximate`; so do "N weeks ago"
  (publication day minus 7N) and "over the weekend" (the latest Saturday before publication);
- "last month", "earlier this month", "in March", "mid-September" are month precision;
  "last year", "in 2022", "early 2024", "late 2024", "mid-2023" are year precision, because
  early/late/mid only narrow the period inside that year;
- a bare year counts only after a word that makes it a date ("in", "during", "since", "by",
  "early", ...), so "2022 votes" or "1500 troops" are not dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

__all__ = ["DateMention", "ResolvedDate", "find_date_expressions", "resolve_date"]

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A partial ISO date ("2022", "2025-09", "2025-09-23"); `approximate` marks week guesses."""

    value: str
    precision: Precision
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class DateMention:
    """A time expression found in a sentence, with its character span and resolution."""

    text: str
    start: int
    end: int
    value: str
    precision: Precision
    approximate: bool = False


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_NUMBER = {name[:3].lower(): number for number, name in enumerate(_MONTHS, 1)}
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY_NUMBER = {name.lower(): number for number, name in enumerate(_WEEKDAYS)}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Month names are matched case-sensitively (capitalised) so that "may" and "march" as verbs are
# not dates; abbreviations ("Sept.", "Feb") only where a day or year follows.
_FULL_MONTH = "|".join(_MONTHS)
_ANY_MONTH = rf"(?:{_FULL_MONTH}|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d\w])"
_YEAR = r"(?P<year>1[89]\d\d|2[01]\d\d)(?!\d|s\b)"
_PART = r"(?:(?i:early|mid|late|end\s+of|beginning\s+of|start\s+of|the\s+end\s+of)[-\s]?\s*)"
_WEEKDAY = "|".join(_WEEKDAYS)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"(?<!\d){_YEAR}-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)")),
    ("month_day", re.compile(rf"\b(?P<month>{_ANY_MONTH})\s+{_DAY}(?:,?\s+{_YEAR})?")),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<month>{_ANY_MONTH})(?:,?\s+{_YEAR})?")),
    ("month_year", re.compile(rf"\b{_PART}?(?P<month>{_ANY_MONTH}),?\s+(?:of\s+)?{_YEAR}")),
    (
        "month_alone",
        re.compile(
            rf"\b(?:(?P<mod>(?i:last|this|past|next))\s+|(?i:in|during|since|until|by|of)\s+"
            rf"{_PART}?|{_PART})(?P<month>{_FULL_MONTH})\b(?!\s*\d)"
        ),
    ),
    (
        "year",
        re.compile(
            rf"\b(?:(?i:in|during|throughout|since|until|by|from)\s+(?:(?i:the\s+year)\s+)?"
            rf"{_PART}?|{_PART}|(?i:spring|summer|autumn|fall|winter)\s+(?:of\s+)?){_YEAR}"
        ),
    ),
    (
        "named_day",
        re.compile(
            r"\b(?i:(?P<ago>the\s+day\s+before\s+yesterday)|(?P<minus1>yesterday|last\s+night)"
            r"|(?P<same>today|tonight|this\s+(?:morning|afternoon|evening)|earlier\s+today))\b"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<mod>(?i:last|this|next|this\s+coming|coming|past))\s+)?"
            rf"(?P<weekday>{_WEEKDAY})\b(?:\s+(?P<after>(?i:next|last)\s+week)\b)?"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?i:(?P<part>early|earlier|late|later|mid|end\s+of|beginning\s+of)[-\s]?\s*)?"
            r"(?i:(?P<which>last|this|next|coming)\s+(?P<unit>week|weekend|month|year))\b"
        ),
    ),
    ("weekend", re.compile(r"\b(?i:over\s+the\s+weekend)\b")),
    (
        "ago",
        re.compile(
            r"\b(?i:(?P<count>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten"
            r"|eleven|twelve)\s+(?P<unit>day|week|month|year)s?\s+ago)\b"
        ),
    ),
]


# Every pattern above needs a digit, a capitalised month or one of these words; most sentences
# have none and skip the full scan (plain substring tests are much cheaper than a regex here).
_DIGIT = re.compile(r"\d")
_SCREEN_WORDS = ("day", "night", "week", "month", "year", "ago", "morning", "afternoon", "evening")
_SCREEN_MONTHS = tuple(name[:3] for name in _MONTHS)


def _may_hold_a_date(sentence: str) -> bool:
    if _DIGIT.search(sentence) or any(month in sentence for month in _SCREEN_MONTHS):
        return True
    lowered = sentence.lower()
    return any(word in lowered for word in _SCREEN_WORDS)


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def _day(value: date, approximate: bool = False) -> ResolvedDate:
    return ResolvedDate(value.isoformat(), "day", approximate)


def _month(year: int, month: int) -> ResolvedDate | None:
    return ResolvedDate(f"{year:04d}-{month:02d}", "month") if 1 <= year <= 9999 else None


def _year(year: int) -> ResolvedDate | None:
    return ResolvedDate(f"{year:04d}", "year") if 1 <= year <= 9999 else None


def _shift_month(year: int, month: int, back: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - back
    return index // 12, index % 12 + 1


def _month_number(text: str) -> int:
    return _MONTH_NUMBER[text[:3].lower()]


def _not_after(resolved: ResolvedDate | None, published: date | None) -> ResolvedDate | None:
    """Drop a resolution that lies after the publication date (at its own precision)."""
    if resolved is None or published is None:
        return resolved
    return resolved if resolved.value <= published.isoformat()[: len(resolved.value)] else None


def _on_iso(m: re.Match[str], published: date | None) -> ResolvedDate | None:
    return _day(date(int(m["year"]), int(m["month"]), int(m["day"])))


def _on_month_day(m: re.Match[str], published: date | None) -> ResolvedDate | None:
    month, day = _month_number(m["month"]), int(m["day"])
    if m["year"]:
        return _day(date(int(m["year"]), month, day))
    if published is None:
        return None
    for year in range(published.year, published.year - 8, -1):  # 8 years reach a 29 February
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= published:
            return _day(candidate)
    return None


def _on_month_year(m: re.Match[str], published: date | None) -> ResolvedDate | None:
    return _month(int(m["year"]), _month_number(m["month"]))


def _on_month_alone(m: re.Match[str], published: date | None) -> ResolvedDate | None:
    if published is None:
        return None
    month, mod = _month_number(m["month"]), (m["mod"] or "").lower()
    if mod == "next":
        return None
    if mod in ("last", "past"):
        year = published.year if month < published.month else published.year - 1
    else:
        year = published.year if month <= published.month else published.year - 1
    return _month(year, month)


def _on_year(m: re.Match[str], published: date | None) -> ResolvedDate | None:
    return _year(int(m["year"]))


def _on_named_day(m: re.Match[str], published: date | None) -> ResolvedDate | None:
    if published is None:
        return None
    back = 2 if m["ago"] else 1 if m["minus1"] else 0
    return _day(published - timedelta(days=back))


def _on_weekday(m: re.Match[str], published: date | None) -> ResolvedDate | None:
    mod = " ".join((m["mod"] or "").lower().split())
    if published is None or mod in ("next", "coming", "this coming") or m["after"]:
        return None
    back = (published.weekday() - _WEEKDAY_NUMBER[m["weekday"].lower()]) % 7
    if back == 0 and mod in ("last", "past"):
        back = 7
    return _day(published - timedelta(days=back))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _on_relative(m: re.Match[str], published: date | None) -> ResolvedDate | None:
    which, unit = m["which"].lower(), m["unit"].lower()
    part = (m["part"] or "").lower()
    if published is None or which in ("next", "coming") or part == "later":
        return None
    back = 1 if which == "last" else 0
    if unit == "week":
        return _day(_monday(published) - timedelta(weeks=back), approximate=True)
    if unit == "weekend":
        saturday = _monday(published) + timedelta(days=5) - timedelta(weeks=back)
        return _day(saturday, approximate=True) if saturday <= published else None
    if unit == "month":
        return _month(*_shift_month(published.year, published.month, back))
    return _year(published.year - back)


def _on_weekend(m: re.Match[str], published: date | None) -> ResolvedDate | None:
    if published is None:
        return None
    back = (published.weekday() - 5) % 7 or 7
    return _day(published - timedelta(days=back), approximate=True)


def _on_ago(m: re.Match[str], published: date | None) -> ResolvedDate | None:
    if published is None:
        return None
    raw, unit = m["count"].lower(), m["unit"].lower()
    count = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    if unit == "day":
        return _day(published - timedelta(days=count))
    if unit == "week":
        return _day(published - timedelta(weeks=count), approximate=True)
    if unit == "month":
        return _month(*_shift_month(published.year, published.month, count))
    return _year(published.year - count)


_Handler = Callable[[re.Match[str], date | None], ResolvedDate | None]
_HANDLERS: dict[str, _Handler] = {
    "iso": _on_iso,
    "month_day": _on_month_day,
    "day_month": _on_month_day,
    "month_year": _on_month_year,
    "month_alone": _on_month_alone,
    "year": _on_year,
    "named_day": _on_named_day,
    "weekday": _on_weekday,
    "relative": _on_relative,
    "weekend": _on_weekend,
    "ago": _on_ago,
}


def _resolve(kind: str, match: re.Match[str], published: date | None) -> ResolvedDate | None:
    try:
        resolved = _HANDLERS[kind](match, published)
    except (ValueError, OverflowError):  # 30 February, or arithmetic before year 1
        return None
    return _not_after(resolved, published)


def find_date_expressions(sentence: str, published: str | None = None) -> list[DateMention]:
    """Every time expression in `sentence` that resolves, in text order.

    Where expressions overlap the longest one wins ("February 28, 2025" over "February 28"), and
    an expression that cannot be placed (in the future, or relative with no `published`) is
    dropped rather than replaced by a shorter piece of itself.
    """
    if not _may_hold_a_date(sentence):
        return []
    anchor = _parse_published(published)
    candidates = [
        (match.start(), -match.end(), kind, match)
        for kind, pattern in _PATTERNS
        for match in pattern.finditer(sentence)
    ]
    candidates.sort(key=lambda c: (c[0], c[1]))
    mentions: list[DateMention] = []
    taken_until = -1
    for start, negative_end, kind, match in candidates:
        if start < taken_until:
            continue
        taken_until = -negative_end
        resolved = _resolve(kind, match, anchor)
        if resolved is not None:
            end = -negative_end
            mentions.append(
                DateMention(
                    sentence[start:end],
                    start,
                    end,
                    resolved.value,
                    resolved.precision,
                    resolved.approximate,
                )
            )
    return mentions


def resolve_date(expression: str, published: str | None) -> ResolvedDate | None:
    """The date of the first time expression in `expression`, None if none resolves."""
    mentions = find_date_expressions(expression, published)
    if not mentions:
        return None
    first = mentions[0]
    return ResolvedDate(first.value, first.precision, first.approximate)
