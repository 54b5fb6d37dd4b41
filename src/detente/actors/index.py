"""The phrase index the resolver matches against, built once from KB entries.

Keys are normalised token strings (`text.key`), so one dict lookup per candidate n-gram
answers "is this a known phrase"; a token trie finds every phrase starting at a
position, which keeps cold lookups to a handful per token. Layers (built-in titles, the
default KB, then each user file) override by phrase: a key defined in a later layer hides
the earlier layers' readings of that key.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from detente.actors.kb import Entry
from detente.actors.tables import data_table
from detente.actors.text import (
    FUNCTION_WORDS,
    POSSESSIVE,
    SEPARATORS,
    key,
    lower,
    period_end,
    period_start,
    plurals,
    raw_tokens,
)

#: Title phrases and the people.csv roles their holder has (data/titles.yaml): lets
#: "Russia's foreign minister" find the office holder at a date.
TITLE_ROLES: dict[str, tuple[str, ...]] = {
    str(title): tuple(str(role) for role in group["roles"])
    for group in data_table("titles.yaml")["title_roles"]
    for title in group["titles"]
}
_DEFENCE = {r for r, roles in TITLE_ROLES.items() if roles == ("defence_minister",)}

#: Name particles that belong to a surname ("Le Drian", "von der Leyen", "al-Sisi").
PARTICLES = frozenset(
    {"le", "la", "de", "del", "della", "der", "den", "di", "da", "du", "dos", "das", "van"}
    | {"von", "ten", "ter", "al", "el", "bin", "ibn", "abu", "ben", "mac", "st"}
)
SUFFIXES = frozenset({"jr", "sr"})
_ROMAN = re.compile(r"^[ivx]+$")
MIN_FUZZY = 7
_LETTERS = "abcdefghijklmnopqrstuvwxyz"

#: Where news copy writes the family name first ("Xi Jinping" -> "Xi", "Kim Jong Un" ->
#: "Kim"), so the first word of a name is the surname a later mention uses (data/names.yaml).
FAMILY_NAME_FIRST = frozenset(str(c).upper() for c in data_table("names.yaml")["family_name_first"])


def _name_words(phrase: str) -> list[str]:
    """The key words of a name without "Jr."/"II" and "of Morocco" (never surnames)."""
    toks = key(phrase).split()
    if "of" in toks:
        toks = toks[: toks.index("of")]  # before the numeral: "Abdullah II of Jordan"
    while toks and (toks[-1] in SUFFIXES or _ROMAN.match(toks[-1])):
        toks.pop()
    return toks


def surnames(names: Sequence[str], family_first: bool = False) -> set[str]:
    """The surnames a later mention may use alone for a person with these names.

    Western order: the last word, with its particles ("Le Drian") and, for three words, the
    last two ("Abdo Benitez"). `family_first` (a person of a country in FAMILY_NAME_FIRST):
    the first word ("Xi" of "Xi Jinping", "Hwang" of "Hwang Kyo-ahn"), unless the person
    also has a name in Western order: a word that is first in one name and last in another
    is the family name wherever it stands ("Frank Hsieh", alias "Hsieh Chang-ting": Hsieh).
    """
    split = [toks for toks in map(_name_words, names) if len(toks) >= 2]
    family = {t[0] for t in split} & {t[-1] for t in split} if family_first else set()
    found: set[str] = set()
    for toks in split:
        if family_first:
            candidates = family.intersection(toks) or {toks[0]}
        else:
            start = len(toks) - 1
            while start > 1 and toks[start - 1] in PARTICLES:
                start -= 1
            candidates = {" ".join(toks[start:])}
            if len(toks) >= 3 and start == len(toks) - 1:
                candidates.add(" ".join(toks[-2:]))
        found |= {
            c
            for c in candidates
            if len(c) >= 2 and c not in PARTICLES and FUNCTION_WORDS.isdisjoint(c.split())
        }
    return found


#: Role precedence when a person holds several offices at once.
ROLE_RANK = {
    "head_of_state_and_government": 0,
    "head_of_state": 1,
    "head_of_government": 2,
    "secretary_general": 3,
    "foreign_minister": 4,
    "defence_minister": 5,
    "finance_minister": 6,
    "interior_minister": 7,
    "envoy": 8,
    "leader": 9,
    "opposition_leader": 10,
    "legislator": 11,
    "other": 12,
}


_NONE: list[Entry] = []  # shared, never mutated


def by_case(hits: list[tuple[Entry, int]]) -> tuple[list[Entry], ...]:
    """The entries of one phrase a match may use, for each of the 4 ways its first word can
    be written (bit 1: capitalised, or the mention is all in one case; bit 2: all capitals).
    Equal lists are shared: most phrases have one or two distinct ones."""
    lists: list[list[Entry]] = []
    for flags in range(4):
        chosen = [
            e
            for e, case in hits
            if case == 0 or (case == 1 and flags & 1) or (case == 2 and flags & 2)
        ]
        lists.append(next((seen for seen in lists if seen == chosen), chosen or _NONE))
    return tuple(lists)


def title_entries() -> list[Entry]:
    """Built-in sector entries for the title phrases, beneath the KB (which may recode them)."""
    return [
        Entry(
            "sector",
            (phrase,),
            phrase,
            None,
            "GOV",
            "MIL" if phrase in _DEFENCE else None,
            plural=True,
            origin="built-in titles",
        )
        for phrase in TITLE_ROLES
    ]


class Index:
    """Phrase -> entries, surnames -> people, office holders and code tables."""

    def __init__(self, layers: Sequence[Iterable[Entry]]) -> None:
        self.phrases: dict[str, list[tuple[Entry, int]]] = {}
        self.surnames: dict[str, list[Entry]] = {}
        self.surface: dict[str, str] = {}  # key -> the KB phrase first written for it
        self.trie: dict[str, Any] = {}  # token -> subtree; "" -> the phrase key ending here
        self.tenures: dict[str, list[Entry]] = defaultdict(list)
        self.holders: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        self.cameo: dict[str, str] = {}
        self.codes: dict[str, str] = {}
        self.names: dict[str, list[str]] = defaultdict(list)
        self.countries: set[str] = set()  # ISO codes of countries (not organisations, regions)
        self.common: set[str] = set()  # keys of English words that are also surnames
        layer_of: dict[str, int] = {}
        for layer, entries in enumerate(layers):
            for entry in entries:
                self._add(self._normalised(entry), layer, layer_of)
        # Tenures per country across the KB: between a person's simultaneous offices of
        # equal rank, the country the KB covers most is the one the news means (Charles III
        # is head of state of several realms; "King Charles" is the British one).
        self.prominence: Counter[str | None] = Counter()
        for tenures in self.tenures.values():
            tenures.sort(key=lambda e: e.start or "")
            self.prominence.update(t.country for t in tenures)
        self._add_surnames()
        # Per phrase, the entries a match may use, by how the first word is written (bit 1:
        # capitalised or the mention is in one case; bit 2: all capitals): the case rules of
        # `_add`, decided once here instead of on every lookup.
        self.matchable = {k: by_case(hits) for k, hits in self.phrases.items() if hits}
        # Every date where some tenure or dated entry starts or ends: between two of them,
        # every date reads every mention alike, so results are cached per interval.
        self.boundaries = sorted(
            {
                d
                for entries in self.phrases.values()
                for e, _ in entries
                for d in (e.start, e.end)
                if d
            }
        )
        self._fuzzy_cached = lru_cache(maxsize=65_536)(self.near_name)

    def _normalised(self, entry: Entry) -> Entry:
        """Dates to [start, end) bounds, countries to ISO-3 (users may write CAMEO codes)."""
        changes: dict[str, object] = {}
        if entry.start:
            changes["start"] = period_start(entry.start)
        if entry.end:
            changes["end"] = period_end(entry.end)
        if entry.country and entry.kind != "country":
            iso = self.codes.get(entry.country)
            if iso and iso != entry.country:
                changes["country"] = iso
        return replace(entry, **changes) if changes else entry  # type: ignore[arg-type]

    def _add(self, entry: Entry, layer: int, layer_of: dict[str, int]) -> None:
        if entry.kind == "code":
            # A CAMEO place code (WSB -> PSE) never replaces a code a country already has.
            if entry.code and entry.country:
                self.codes.setdefault(entry.code, entry.country)
            return
        if entry.kind == "common":
            self.common.update(key(n) for n in entry.names)
            return
        if entry.kind == "country" and entry.country:
            self.codes[entry.country] = entry.country
            self.countries.add(entry.country)
            if entry.code:
                self.cameo[entry.country] = entry.code
                self.codes[entry.code.upper()] = entry.country
        elif entry.kind in ("org", "region") and entry.country:
            # EUR is both CAMEO's Europe region and the EU's code (IGOEUREEC): one code.
            self.codes.setdefault(entry.country, entry.country)
        if entry.kind == "person" and entry.id:
            self.tenures[entry.id].append(entry)
            if entry.country and entry.role:
                self.holders[(entry.country, entry.role)].append(entry)
        if entry.id:
            known = self.names[entry.id]
            known.extend(n for n in entry.names if n not in known)
        for phrase in entry.names:
            raw = [t for t in raw_tokens(phrase) if t not in SEPARATORS and t != POSSESSIVE]
            k = " ".join(lower(raw))
            if not k:
                continue
            # 2: an acronym ("US", "CAR") only matches in capitals; 1: a proper name
            # ("Tyre", "Chad") only capitalised (or in an all-lower/all-caps mention).
            if len(raw) == 1 and raw[0].isupper() and len(raw[0]) <= 5:
                case = 2
            elif phrase[:1].isupper() and entry.kind not in ("sector", "modifier"):
                case = 1
            else:
                case = 0
            keys = [k]
            if entry.plural:
                head, _, last = k.rpartition(" ")
                keys += [f"{head} {p}".strip() for p in plurals(last)]
            for item in keys:
                if layer_of.get(item, layer) < layer:
                    self.phrases[item] = []
                layer_of[item] = max(layer, layer_of.get(item, layer))
                self.phrases.setdefault(item, []).append((entry, case))
                self.surface.setdefault(item, phrase)
                self._bound(item)

    def _bound(self, item: str) -> None:
        node = self.trie
        for token in item.split(" "):
            node = node.setdefault(token, {})
        node[""] = item

    def _add_surnames(self) -> None:
        """Surnames are derived, never listed (FORMAT.md): "Putin", "Le Drian", "Xi"."""
        seen: set[tuple[str, str]] = set()
        for person_id, tenures in self.tenures.items():
            family_first = not FAMILY_NAME_FIRST.isdisjoint(t.country for t in tenures)
            for surname in surnames(self.names[person_id], family_first):
                if (surname, person_id) in seen:
                    continue
                seen.add((surname, person_id))
                self.surnames.setdefault(surname, []).extend(tenures)
                self._bound(surname)

    def fuzzy(self, text: str) -> str | None:
        """Cached `near_name`: typos recur in a corpus."""
        return self._fuzzy_cached(text)

    def fuzzy_cache_clear(self) -> None:
        self._fuzzy_cached.cache_clear()

    def near_name(self, text: str) -> str | None:
        """The one proper-name key within a typo of `text`, if exactly one is.

        Typos seen in news copy: swapped letters ("Dehli") and one letter dropped or added
        ("Mongwalu", "Evelyne Anite"). Short words only take swaps: one edit of a five-letter
        word reaches too many other names.
        """
        n = len(text)
        # Every key is a path of the token trie, so words before the edit must be one: edits
        # past the first word that leaves the trie (and the space after it) reach no key.
        node, end = self.trie, -1
        for word in text.split(" "):
            end += len(word) + 1
            if word not in node:
                break
            node = node[word]
        else:
            end = n
        variants = {
            text[:i] + text[i + 1] + text[i] + text[i + 2 :] for i in range(min(n - 1, end + 1))
        }
        if n >= MIN_FUZZY:
            variants.update(text[:i] + text[i + 1 :] for i in range(min(n, end + 1)))
        if n + 1 >= MIN_FUZZY:
            for i in range(min(n, end) + 1):
                head, tail = text[:i], text[i:]
                variants.update(head + c + tail for c in _LETTERS)
        variants.discard(text)
        phrases = self.phrases
        found = {v for v in variants if v in phrases and any(c == 1 for _, c in phrases[v])}
        return found.pop() if len(found) == 1 else None

    def country_cameo(self, country: str) -> str:
        return self.cameo.get(country, country)
