"""Tenure queries: which office a person holds at a date, and who holds an office.

People have one KB entry per tenure (`start` inclusive, `end` exclusive, see `index`), so
"who is Russia's foreign minister on 2024-01-01" and "what was Putin in 1999" are filters
over those entries, kept apart from the mention reading in `resolver`.
"""

from __future__ import annotations

from collections.abc import Sequence

from detente.actors.index import ROLE_RANK, Index
from detente.actors.kb import Entry
from detente.actors.matching import covers

IN_OFFICE, FORMER, NOT_YET = 0, 1, 2


def newest_first(value: str) -> str:
    """A sort key that orders ISO dates newest first."""
    return "".join(chr(255 - ord(c)) for c in value)


def role_rank(entry: Entry) -> int:
    return ROLE_RANK.get(entry.role or "other", 99)


def tenure_at(
    index: Index,
    person_id: str,
    date: str,
    hint: set[str | None] | None = None,
    prefer: frozenset[str] = frozenset(),
) -> tuple[int, str, Entry]:
    """(status, sort key among namesakes, the tenure that codes the person at `date`).

    In office: the tenure held then. Between simultaneous offices in several countries, the
    principal one: a country the mention names (`hint`), then one its context names
    (`prefer`), then an office the person holds alone over a shared one (Macron is President
    of France and one of Andorra's two co-princes), then the higher role, then the country
    where the person's tenures began earliest (the longest association), then the country
    the KB covers most (Charles III's realms: the United Kingdom). Former: the last tenure.
    Not yet: the first.
    """
    tenures = index.tenures[person_id]
    active = [t for t in tenures if covers(t, date)]
    if active:
        tenure = active[0]
        if len(active) > 1:
            hint = hint or set()
            first = first_start(tenures)
            tenure = min(
                active,
                key=lambda t: (
                    t.country not in hint,
                    t.country not in prefer,
                    shared(index, t, date),
                    role_rank(t),
                    first.get(t.country, ""),
                    -index.prominence[t.country],
                    t.country or "",
                ),
            )
        return IN_OFFICE, f"{role_rank(tenure):02d}", tenure
    past = [t for t in tenures if t.end is not None and t.end <= date]
    if past:
        last = max(past, key=lambda t: t.end or "")
        return FORMER, newest_first(last.end or ""), last
    return NOT_YET, tenures[0].start or "", tenures[0]


def first_start(tenures: Sequence[Entry]) -> dict[str | None, str]:
    """The earliest start of the person's tenures in each country (open starts first)."""
    first: dict[str | None, str] = {}
    for t in tenures:
        start = t.start or ""
        if t.country not in first or start < first[t.country]:
            first[t.country] = start
    return first


def shared(index: Index, tenure: Entry, date: str) -> bool:
    """Whether someone else holds the same office at the same time."""
    others = index.holders.get((tenure.country or "", tenure.role or ""), ())
    return any(o.id != tenure.id and covers(o, date) for o in others)


def holder(index: Index, country: str, roles: Sequence[str], date: str) -> Entry | None:
    """Who held one of `roles` for `country` at `date` (the latest to take office)."""
    found = [t for r in roles for t in index.holders.get((country, r), ()) if covers(t, date)]
    return max(found, key=lambda t: t.start or "") if found else None
