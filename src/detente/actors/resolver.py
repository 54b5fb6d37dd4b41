"""Date-aware actor resolution: a mention string and a date -> country, sector, code, person.

How a mention is read (the reasons are the conventions of CAMEO-coded data sets):

1. The mention splits at commas/parentheses into appositive segments ("FSB, Russia's
   security service"); each is read alone and the most specific reading wins, taking the
   fields it lacks (a name, a country) from the others.
2. In a segment, known phrases are matched greedily, longest first, left to right: people
   (full names, aliases, derived surnames), bodies, organisations, capitals and seats of
   power, cities, countries (names, adjectives, demonyms), role words and modifiers.
   Words after "to", "with", "against"... are ignored ("Canadian Ambassador to the UN" is
   Canada's), and all-capital short names ("US", "CAR") only match written in capitals.
3. A known person is coded by the tenure covering the date: in office -> that office's
   country and sector; after every tenure -> the last country with sector ELI ("elite",
   CAMEO's code for former office holders); "former"/"ex-" does the same for titles.
4. Otherwise: the country comes from a named body or organisation, else a country word,
   else a place; the sector from a named national body (its own sector beats generic words:
   "Boko Haram gunmen" are REB), else the strongest role word (`SECTOR_PRIORITY`), else a
   capital or seat of power (GOV), else a lone city (CVL: people of the place).
5. A title with a country and no name ("the U.S. president") names the office holder at the
   date. A title followed by an unknown capitalised name keeps that name (no KB id).

`code` is the CAMEO-style concatenation: the CAMEO country code (ROM for ISO ROU), then the
sector, then a second sector where one is known (GBRGOVMIL); an organisation's own CAMEO code
(IGOWSTNAT) plus the sector of a named organ; just the sector when no country is known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from detente.actors.index import ROLE_RANK, TITLE_ROLES, Index
from detente.actors.kb import Entry
from detente.actors.text import SEPARATORS, raw_tokens

#: Which sector wins when several role words meet ("opposition lawmaker" -> LEG, "intelligence
#: agency officer" -> SPY, "state news agency" -> GOV): armed and state organs first, then
#: institutions, then the generic population codes.
SECTOR_PRIORITY = (
    "SPY REB INS SEP PRM UAF PKO COP MIL JUD LEG GOV PTY IGO IMG NGO NGM MNC BUS EDU REL HLH "
    "MED JRN AGR LAB REF HRI ENV DEV CRM SET ELI OPP ACT CVL"
).split()
_RANK = {code: rank for rank, code in enumerate(SECTOR_PRIORITY)}
_NO_SECTOR = frozenset({"UNK", "JNK", "---", ""})

# Closed-class words (grammar, not facts): they never make or break a name.
_FUNCTION = frozenset(
    "the a an of and or in for from by his her its their this that these those some several many "
    "few more most other both all any each one two three four five six seven eight nine ten "
    "eleven twelve dozens hundreds thousands dozen scores unnamed unidentified".split()
)
_CUT = frozenset(
    "to with against at toward towards over on into about near after before during versus vs "
    "named called nicknamed dubbed".split()
)
_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "i", "we"})
_NOT_HOLDER = frozenset({"deputy", "vice", "assistant", "under", "acting", "junior", "former",
                         "ex", "retired", "state"})


@dataclass(frozen=True, slots=True)
class Reading:
    """What the resolver understood of one mention; cached, turned into an Actor on demand.

    Besides the Actor fields it keeps what within-document coreference needs: the title
    phrases, whether the name is a person's, whether the mention was a bare surname.
    """

    name: str | None = None
    country: str | None = None
    sector: str | None = None
    sector2: str | None = None
    code: str | None = None
    role: str | None = None
    id: str | None = None
    strength: int = 0
    titles: tuple[str, ...] = ()
    person: bool = False
    surname_only: bool = False
    pronoun: str | None = None

    @property
    def is_actor(self) -> bool:
        return self.strength > 0 or self.pronoun is not None


NO_ACTOR = Reading()


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    key: str
    entries: list[Entry]
    surname: bool = False


def _covers(entry: Entry, date: str) -> bool:
    return (entry.start is None or entry.start <= date) and (entry.end is None or date < entry.end)


class Reader:
    """Reads mentions against one `Index`; the stateless core of `ActorResolver`."""

    def __init__(self, index: Index) -> None:
        self.index = index

    # -- matching ---------------------------------------------------------------------------

    def _spans(self, raw: list[str], low: list[str], caps_ok: bool) -> list[_Span]:
        """Known phrases, greedy longest-first; surnames only capitalised, after no other name."""
        phrases, surnames, first_max = self.index.phrases, self.index.surnames, self.index.first_max
        spans: list[_Span] = []
        n = len(low)
        i = 0
        prev_name = False
        while i < n:
            limit = first_max.get(low[i], 0)
            found: _Span | None = None
            for length in range(min(limit, n - i), 0, -1):
                k = low[i] if length == 1 else " ".join(low[i : i + length])
                hits = phrases.get(k)
                if hits:
                    entries = [e for e, exact in hits if not exact or raw[i].isupper()]
                    if entries:
                        found = _Span(i, i + length, k, entries)
                        break
                hits = surnames.get(k)
                if hits and not prev_name and (caps_ok or raw[i][:1].isupper()):
                    found = _Span(i, i + length, k, [e for e, _ in hits], surname=True)
                    break
            if found is None:
                prev_name = raw[i][:1].isupper() and low[i] not in _FUNCTION and not caps_ok
                i += 1
                continue
            spans.append(found)
            prev_name = False
            i = found.end
        return spans

    # -- reading ----------------------------------------------------------------------------

    def read(self, text: str, date: str, context: str | None = None) -> Reading:
        raw = raw_tokens(text)
        caps_ok = not any(ch.islower() for ch in text)
        segments: list[list[str]] = [[]]
        for tok in raw:
            if tok in SEPARATORS:
                segments.append([])
            else:
                segments[-1].append(tok)
        readings = [self._segment(seg, date, caps_ok) for seg in segments if seg]
        if not readings:
            return NO_ACTOR
        best = max(readings, key=lambda r: r.strength)
        if best.strength == 0:
            return best
        for other in readings:
            if other is best:
                continue
            if best.name is None and other.name is not None and other.country in (None, best.country):
                best = _with(best, name=other.name, id=other.id, person=other.person)
            if best.country is None and other.country is not None:
                best = _with(best, country=other.country)
            if best.sector is None and other.sector is not None:
                best = _with(best, sector=other.sector)
        if context and best.country is None:
            hint = self.read(context, date)
            if hint.country:
                best = _with(best, country=hint.country)
        return self._coded(best)

    def _segment(self, raw: list[str], date: str, caps_ok: bool) -> Reading:
        low = [t.lower() for t in raw]
        if len(low) == 1 and low[0] in _PRONOUNS:
            return Reading(pronoun=low[0])
        spans = self._spans(raw, low, caps_ok)
        spans = _before_cut(spans, low)
        if not spans:
            return NO_ACTOR
        covered = {i for s in spans for i in range(s.start, s.end)}
        name_toks = [
            raw[i]
            for i in range(len(raw))
            if i not in covered and raw[i][:1].isupper() and low[i] not in _FUNCTION
            and not caps_ok and not raw[i][:1].isdigit()
        ]
        by_kind: dict[str, _Span] = {}
        sector_spans: list[_Span] = []
        modifiers: list[str] = []
        for span in spans:
            kinds = {e.kind for e in span.entries}
            if "person" in kinds:
                by_kind.setdefault("person", span)
            for kind in ("body", "org", "place", "city", "country"):
                if kind in kinds:
                    by_kind.setdefault(kind, span)
                    break
            if "sector" in kinds and not kinds & {"person", "body", "org", "place"}:
                sector_spans.append(span)
            if "modifier" in kinds:
                modifiers += [e.sector or "" for e in span.entries if e.kind == "modifier"]
        former = "ELI" in modifiers
        person = by_kind.get("person")
        if person is not None:
            reading = self._person(person, date)
            if reading is not None:
                if former and reading.sector != "ELI":
                    reading = _with(reading, sector="ELI", role=None)
                return _with(reading, titles=tuple(s.key for s in sector_spans))
        return self._group(by_kind, sector_spans, former, name_toks, low, date)

    def _person(self, span: _Span, date: str) -> Reading | None:
        """The person the span names, coded by their tenure at `date`."""
        ids: dict[str, None] = {}
        for entry in span.entries:
            if entry.kind == "person" and entry.id:
                ids.setdefault(entry.id)
        candidates = [self.person_at(pid, date) for pid in ids]
        if not candidates:
            return None
        # Prefer whoever is in office at the date, then whoever held office most recently.
        best = min(candidates, key=lambda c: (c[0], c[1]))
        reading = best[2]
        return _with(reading, surname_only=span.surname, strength=5)

    def person_at(self, person_id: str, date: str) -> tuple[int, str, Reading]:
        """(status, recency key, reading): status 0 in office, 1 former, 2 not yet."""
        tenures = self.index.tenures[person_id]
        active = [t for t in tenures if _covers(t, date)]
        name = tenures[0].name
        if active:
            tenure = min(active, key=lambda t: (ROLE_RANK.get(t.role or "other", 99), "" if t.start is None else _neg(t.start)))
            return 0, "", Reading(name, tenure.country, tenure.sector, tenure.sector2, None,
                                  tenure.role, person_id, 5, person=True)
        past = [t for t in tenures if t.end is not None and t.end <= date]
        if past:
            last = max(past, key=lambda t: t.end or "")
            return 1, _neg(last.end or ""), Reading(name, last.country, "ELI", None, None, None,
                                                      person_id, 5, person=True)
        first = tenures[0]
        return 2, first.start or "", Reading(name, first.country, None, None, None, None,
                                              person_id, 5, person=True)

    def _group(
        self,
        by_kind: dict[str, _Span],
        sector_spans: list[_Span],
        former: bool,
        name_toks: list[str],
        low: list[str],
        date: str,
    ) -> Reading:
        named = by_kind.get("body") or by_kind.get("org")
        entity = _pick(named, date, ("body", "org")) if named else None
        place = by_kind.get("place") or by_kind.get("city")
        place_entry = _pick(place, date, ("place", "city")) if place else None
        country_span = by_kind.get("country")
        country_entry = _pick(country_span, date, ("country",)) if country_span else None
        if named is not None and entity is None and not (place or country_span or sector_spans):
            return NO_ACTOR  # a name whose dictionary code does not cover the date
        country = (
            (entity.country if entity else None)
            or (country_entry.country if country_entry else None)
            or (place_entry.country if place_entry else None)
        )
        words = [(e, s) for s in sector_spans for e in s.entries if e.kind == "sector" and e.sector]
        ranked = sorted(words, key=lambda w: _RANK.get(w[0].sector or "", len(_RANK)))
        sector = sector2 = None
        if entity is not None and entity.sector and (entity.kind == "body" or not ranked):
            sector, sector2 = entity.sector, entity.sector2
        elif ranked:
            top = ranked[0][0]
            sector = top.sector
            sector2 = top.sector2 or next((e.sector for e, _ in ranked[1:] if e.sector != sector), None)
        elif place_entry is not None:
            sector, sector2 = (place_entry.sector, place_entry.sector2) if place_entry.kind == "place" else ("CVL", None)
        elif entity is not None:
            sector, sector2 = entity.sector, entity.sector2
        if sector in _NO_SECTOR:
            sector = None
        titles = tuple(s.key for s in sector_spans)
        title = ranked[0][1] if ranked else None
        roles = TITLE_ROLES.get(title.key, ()) if title is not None else ()
        role = roles[0] if roles else None
        name: str | None = None
        ident: str | None = None
        person = False
        if name_toks and title is not None:
            name, person = " ".join(name_toks), True
        elif (
            roles and country and not former and not name_toks
            and (title is None or title.start == 0 or low[title.start - 1] not in _NOT_HOLDER)
            and not any(t[:1].isdigit() for t in low)
        ):
            holder = self.holder(country, roles, date)
            if holder is not None:
                name, ident, role, person = holder.name, holder.id, holder.role, True
        if name is None and entity is not None:
            name, ident = entity.name, entity.id
        elif name is None and not sector_spans:
            lone = place_entry or country_entry
            if lone is not None:
                name, ident = lone.name, lone.id if lone.kind == "country" else lone.country
        if former and (sector_spans or person or entity):
            sector, sector2, role = "ELI", None, None
        strength = 4 if entity else 3 if (country and sector) else 2 if sector else 1 if country else 0
        if named is not None and entity is not None and entity.kind == "org" and sector_spans:
            strength = 4
        return Reading(name, country, sector, sector2, entity.code if entity else None, role, ident,
                       strength, titles, person)

    def holder(self, country: str, roles: Sequence[str], date: str) -> Entry | None:
        """Who held one of `roles` for `country` at `date` (the latest to take office)."""
        found = [t for r in roles for t in self.index.holders.get((country, r), ()) if _covers(t, date)]
        return max(found, key=lambda t: t.start or "") if found else None

    def _coded(self, reading: Reading) -> Reading:
        sector = reading.sector
        parts = [p for p in (sector, reading.sector2) if p and p not in _NO_SECTOR]
        if reading.code and reading.country and self.index.codes.get(reading.country) == reading.country:
            base = reading.code
            code = base + "".join(p for p in parts if p not in (base[:3], base[-3:]))
        elif reading.country:
            code = self.index.country_cameo(reading.country) + "".join(parts)
        else:
            code = "".join(parts) or None
        return _with(reading, code=code)


def _neg(value: str) -> str:
    """A sort key that orders ISO dates newest first."""
    return "".join(chr(255 - ord(c)) for c in value)


def _with(reading: Reading, **changes: object) -> Reading:
    from dataclasses import replace

    return replace(reading, **changes)  # type: ignore[arg-type]


def _pick(span: _Span, date: str, kinds: Sequence[str]) -> Entry | None:
    """The entry of `span` of the first kind in `kinds` whose dates cover `date`.

    Date-restricted entries (PETRARCH `[CODE <date]`) beat unrestricted ones when they apply.
    """
    for kind in kinds:
        entries = [e for e in span.entries if e.kind == kind]
        if not entries:
            continue
        dated = [e for e in entries if (e.start or e.end) and _covers(e, date)]
        if dated:
            return dated[-1]
        plain = [e for e in entries if not (e.start or e.end)]
        return plain[-1] if plain else None
    return None


def _before_cut(spans: list[_Span], low: list[str]) -> list[_Span]:
    """Drop what follows "to"/"with"/... once something was found before it."""
    if not spans:
        return spans
    for i, tok in enumerate(low):
        if tok in _CUT and i >= spans[0].end:
            return [s for s in spans if s.start < i]
    return spans


def paths_of(files: Sequence[Path | str]) -> list[Path]:
    return [Path(f) for f in files]
