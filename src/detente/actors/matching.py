"""Finding known phrases in a mention: the token-trie matcher and the rules around it.

Separated from `resolver` (which decides what the matches mean) so the hot loop stays small.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from detente.actors.index import Index
from detente.actors.kb import KINDS, Entry
from detente.actors.text import FUNCTION_WORDS, key

#: Sector codes that mean "no sector" (UNK: unidentified; JNK: not an actor at all).
NO_SECTOR = frozenset({"UNK", "JNK", "---", ""})

#: Words after which the rest of a mention is not the actor ("Ambassador to the UN").
CUT = frozenset(
    {"to", "with", "against", "at", "toward", "towards", "over", "on", "into", "about", "near"}
    | {"after", "before", "during", "versus", "vs", "named", "called", "nicknamed", "dubbed"}
)
NAMING = frozenset({"named", "called", "nicknamed", "dubbed"})
#: Kinds whose one-word names may open a longer unknown name ("Liberation", "Western").
_GROUPS = frozenset({"body", "org", "region"})
#: Kinds a place name has; a capitalised unknown word after one makes a person's name.
_PLACES = frozenset({"place", "city", "country"})
_NAMES = frozenset({"person", "body", "org"})


@dataclass(slots=True)
class Span:
    """Tokens [start, end) of a mention matched to KB entries (or, `surname`, to people)."""

    start: int
    end: int
    key: str
    entries: list[Entry]
    surname: bool = False


def covers(entry: Entry, date: str) -> bool:
    """Whether the entry's [start, end) period includes `date` (open ends always do)."""
    return (entry.start is None or entry.start <= date) and (entry.end is None or date < entry.end)


def find_spans(
    index: Index, raw: list[str], low: list[str], lower_only: bool, people: bool = True
) -> list[Span]:
    """Known phrases, greedy longest-first (case rules: `resolver` docstring).

    A surname counts only capitalised, and not right after or before another unknown
    capitalised word: in "Adam Curtis Brown" Brown is not Gordon Brown. A surname that is
    also a common English word (`Index.common`: "Moon", "Rice") does not count when it is
    the whole mention: "Moon" alone is more often the moon than Moon Jae-in.
    """
    matchable, surnames, trie = index.matchable, index.surnames, index.trie
    spans: list[Span] = []
    n = len(low)
    i = 0
    prev_name = False
    while i < n:
        found: Span | None = None
        node = trie.get(low[i])
        if node is not None:
            # Walk the token trie: every known phrase starting here, shortest first.
            ends: list[tuple[int, str]] = []
            j = i
            while node is not None:
                j += 1
                k = node.get("")
                if k is not None:
                    ends.append((j, k))
                if j >= n:
                    break
                node = node.get(low[j])
            tok = raw[i]
            flags = (1 if lower_only or tok[:1].isupper() else 0) | (2 if tok.isupper() else 0)
            for end, k in reversed(ends):
                hits = matchable.get(k)
                if hits:
                    entries = hits[flags]
                    if not people:
                        entries = [e for e in entries if e.kind != "person"]
                    # A one-word group name opening a longer unknown name is part of it:
                    # "Liberation" in "Liberation Tigers of Tamil Eelam".
                    if (
                        entries
                        and end == i + 1
                        and end < n
                        and not lower_only
                        and is_name(raw[end], low[end])
                        and low[end] not in trie
                    ):
                        entries = [e for e in entries if e.kind not in _GROUPS]
                    if entries:
                        found = Span(i, end, k, entries)
                        break
                named = surnames.get(k) if people else None
                if named and k in index.common and _alone(low, i, end):
                    named = None
                if (
                    named
                    and any(t[:1].isupper() for t in raw[i:end])
                    and not prev_name
                    and (lower_only or not _name_follows(raw, low, end))
                ):
                    found = Span(i, end, k, named, surname=True)
                    break
        if found is None:
            prev_name = prev_name or (not lower_only and is_name(raw[i], low[i]))
            i += 1
            continue
        spans.append(found)
        prev_name = False
        i = found.end
    return spans


def _alone(low: list[str], start: int, end: int) -> bool:
    """Whether tokens [start, end) are the whole mention, but for function words ("the")."""
    return all(t in FUNCTION_WORDS for t in low[:start]) and all(
        t in FUNCTION_WORDS for t in low[end:]
    )


def _name_follows(raw: list[str], low: list[str], i: int) -> bool:
    return i < len(raw) and is_name(raw[i], low[i])


def find_typos(
    index: Index,
    raw: list[str],
    low: list[str],
    covered: set[int],
    spans: list[Span],
    people: bool = True,
) -> bool:
    """Match runs of unknown capitalised words against proper names with one typo.

    `people` False (a re-reading that already ruled the names out as people) keeps typos
    from bringing a person back: "Qasem" is one letter from the KB's "Qassem Soleimani".
    """
    added = False
    i = 0
    while i < len(raw):
        if i in covered or not is_name(raw[i], low[i]):
            i += 1
            continue
        j = i
        while j < len(raw) and j not in covered and is_name(raw[j], low[j]):
            j += 1
        # The whole run only: one word of an unknown full name is not a typo of a known one.
        k = index.fuzzy(" ".join(low[i:j]))
        if k is not None:
            entries = [
                e for e, case in index.phrases[k] if case == 1 and (people or e.kind != "person")
            ]
            if entries:
                spans.append(Span(i, j, k, entries))
                added = True
        i = j
    return added


def coded_word(span: Span) -> bool:
    """A role word with a real sector (not UNK/JNK)."""
    return any(e.kind == "sector" and (e.sector or "") not in NO_SECTOR for e in span.entries)


def is_name(tok: str, low: str) -> bool:
    """A capitalised word that is not a function word: part of a name."""
    return tok[:1].isupper() and low not in FUNCTION_WORDS


def pick(span: Span, date: str, kinds: Sequence[str]) -> Entry | None:
    """The entry of `span` of the first kind in `kinds` whose dates cover `date`.

    Date-restricted entries (PETRARCH `[CODE <date]`) beat unrestricted ones when they apply;
    an entry without country or sector (PETRARCH `[---]`) means "no actor" and gives None.
    """
    if len(span.entries) == 1:  # the usual case, answered without building lists
        one = span.entries[0]
        if one.kind not in kinds:
            return None
        return one if not (one.start or one.end) or covers(one, date) else None
    for kind in kinds:
        entries = [e for e in span.entries if e.kind == kind]
        if not entries:
            continue
        dated = [e for e in entries if (e.start or e.end) and covers(e, date)]
        if dated:
            return dated[0]  # PETRARCH: the first restriction that applies wins
        plain = [e for e in entries if not (e.start or e.end)]
        return plain[-1] if plain else None
    return None


def coded_entry(entry: Entry | None) -> Entry | None:
    return entry if entry is not None and (entry.country or entry.sector) else None


def before_cut(spans: list[Span], low: list[str]) -> tuple[list[Span], int]:
    """Drop what follows "to"/"with"/... once something was found before it.

    After "named"/"called" comes the name of the noun before it ("a cat named Frank"), never
    a second actor, so what follows is dropped even when nothing was found before. Returns
    the kept spans and where the kept part of the mention ends.
    """
    if not spans or CUT.isdisjoint(low):
        return spans, len(low)
    for i, tok in enumerate(low):
        if (tok in CUT and i >= spans[0].end) or tok in NAMING:
            return [s for s in spans if s.start < i], i
    return spans, len(low)


def unmatched_names(raw: list[str], low: list[str], covered: set[int]) -> list[str]:
    """The capitalised words no known phrase covers (an unknown name, or a typo of one)."""
    return [
        tok
        for i, tok in enumerate(raw)
        if i not in covered and tok[:1].isupper() and low[i] not in FUNCTION_WORDS
    ]


def kinds_of(entries: list[Entry]) -> frozenset[str]:
    """The kinds of a span's entries (one entry, the usual case: no new set)."""
    if len(entries) == 1:
        return ONE_KIND[entries[0].kind]
    return frozenset(e.kind for e in entries)


ONE_KIND = {kind: frozenset({kind}) for kind in KINDS}


def name_run(raw: list[str], low: list[str], i: int, stop: int, covered: set[int]) -> list[str]:
    """The name starting at token i: capitalised words, and lower-case ones between them
    ("Mohammed bin Salman", "Ho-jen" split at its hyphen)."""
    run: list[str] = []
    while i < stop and i not in covered:
        inner = run and i + 1 < stop and i + 1 not in covered and is_name(raw[i + 1], low[i + 1])
        if not (is_name(raw[i], low[i]) or inner):
            break
        run.append(raw[i])
        i += 1
    return run


def place_then_name(spans: list[Span], raw: list[str], low: list[str], covered: set[int]) -> bool:
    """Whether the mention is a place's name and one unknown capitalised word, nothing more:
    a person whose given name is a place ("Virginia Woolf", "Jordan Peterson"), whose
    country the place does not give. A role word or a known name after the place ("Georgia
    Police") is covered by a span and keeps the place reading; a country adjective ("British
    Airways") or a longer name ("United States Postal Service") is an organisation's name,
    not a person's, and keeps it too."""
    if len(spans) != 1:
        return False
    span = spans[0]
    after = span.end
    if (
        after != len(raw) - 1
        or after in covered
        or not is_name(raw[after], low[after])
        or any(t not in FUNCTION_WORDS for t in low[: span.start])
    ):
        return False
    kinds = kinds_of(span.entries)
    if not kinds.isdisjoint(_NAMES):
        return False
    return any(
        e.kind in _PLACES and (e.kind != "country" or key(e.name or "") == span.key)
        for e in span.entries
    )
