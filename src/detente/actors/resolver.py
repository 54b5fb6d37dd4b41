"""Date-aware actor resolution: a mention string and a date -> country, sector, code, person.

How a mention is read (the reasons are the conventions of CAMEO-coded data sets):

1. The mention splits at commas/parentheses into appositive segments ("FSB, Russia's
   security service"); each is read alone and the most specific reading wins, taking the
   fields it lacks (a name, a country) from the others.
2. In a segment, known phrases are matched greedily, longest first, left to right: people
   (full names, aliases, derived surnames), bodies, organisations, capitals and seats of
   power, cities, countries (names, adjectives, demonyms), CAMEO regions ("European",
   "the West": weaker than any country the mention names), role words and modifiers;
   `non_actors` and time words ("it", "yesterday") code nothing.
   Words after "to", "with", "against"... are ignored ("Canadian Ambassador to the UN" is
   Canada's); all-capital short names ("US", "CAR") only match written in capitals, proper
   names only capitalised (unless the whole mention is in one case); a long proper name
   with one typo still matches ("Dehli", "Mongwalu"). A surname right before or after
   another unknown capitalised word is someone else's ("Adam Curtis Brown").
3. A known person is coded by the tenure covering the date: in office -> that office's
   country and sector; after every tenure -> the last country with sector ELI ("elite",
   CAMEO's code for former office holders); "former"/"ex-" does the same for titles. A
   person from another country than the one the mention names is someone else ("King
   Hassan of Morocco"). Without a date (today by default), a title written in the mention
   outweighs the tenures ("Defence Secretary Ben Wallace" is GOV). Between simultaneous
   offices, the country the mention or the context names, else the principal office
   (`people.tenure_at`). A bare surname several people carry names nobody unless exactly
   one is in office at the date (`Reader._person`).
4. Otherwise: the country comes from a named body or organisation (not from an international
   NGO: they are transnational), else a country word, else a region, else a place; the
   sector from a named national body (its own sector beats generic words: "Boko Haram
   gunmen" are REB), else the strongest role word (`SECTOR_PRIORITY`; after a possessive,
   the head noun's: "the company's board" is BUS), else a capital or seat of power (GOV),
   else a lone city (CVL: the people of the place). A body named generically after another
   country's word is a role ("Chile's Defense Department" is Chile's GOV, not the Pentagon).
5. A title with a country and no name ("the U.S. president") names the office holder at the
   date. Capitalised unknown words right after a title are the person's name (no KB id);
   before it they are not ("Kurdish fighters").
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from detente.actors.index import TITLE_ROLES, Index
from detente.actors.kb import Entry
from detente.actors.matching import (
    NO_SECTOR,
    Span,
    before_cut,
    coded_entry,
    coded_word,
    find_spans,
    find_typos,
    is_name,
    kinds_of,
    name_run,
    pick,
    place_then_name,
    unmatched_names,
)
from detente.actors.people import FORMER, IN_OFFICE, tenure_at
from detente.actors.people import holder as find_holder
from detente.actors.reading import NO_ACTOR, Reading
from detente.actors.reading import with_changes as _with
from detente.actors.tables import data_table
from detente.actors.text import (
    ABBREVIATIONS,
    POSSESSIVE,
    SEPARATORS,
    lower,
    raw_tokens,
)

#: Which sector wins when several role words meet ("opposition lawmaker" -> LEG, "intelligence
#: agency officer" -> SPY, "state news agency" -> GOV): strongest first (data/sector_priority.yaml).
SECTOR_PRIORITY: tuple[str, ...] = tuple(
    str(code).upper() for code in data_table("sector_priority.yaml")["sector_priority"]
)
_RANK = {code: rank for rank, code in enumerate(SECTOR_PRIORITY)}

_ABBREVIATED = frozenset(ABBREVIATIONS)
_STANCE = frozenset({"pro", "anti"})
_GROUP_KINDS = ("body", "org", "place", "city", "country", "region")  # most specific first
_NAMED_KINDS = frozenset({"person", "body", "org", "place"})
_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "i", "we"})
_NOWHERE: frozenset[str] = frozenset()
#: Sectors of named peoples (ethnic and religious groups): a role word after them wins.
_POPULATION = frozenset({"CVL"})
_NOT_HOLDER = frozenset(
    {"deputy", "vice", "assistant", "under", "acting", "junior", "former", "ex", "retired", "state"}
)


class Reader:
    """Reads mentions against one `Index`; the stateless core of `ActorResolver`."""

    def __init__(self, index: Index) -> None:
        self.index = index

    def read(self, text: str, date: str, context: str | None = None, dated: bool = True) -> Reading:
        """The reading of a mention; `dated` False means `date` is only today's default."""
        raw = raw_tokens(text)
        lower_only = text == text.lower() or text == text.upper()
        segments: list[list[str]] = [raw]
        if not SEPARATORS.isdisjoint(raw):
            segments = [[]]
            for tok in raw:
                if tok in SEPARATORS:
                    segments.append([])
                else:
                    segments[-1].append(tok)
        hint = self.read(context, date) if context else NO_ACTOR
        prefer = frozenset((hint.country,)) if hint.country else _NOWHERE
        readings = [self._segment(seg, date, lower_only, dated, prefer) for seg in segments if seg]
        if not readings:
            return NO_ACTOR
        best = readings[0] if len(readings) == 1 else max(readings, key=lambda r: r.strength)
        if not best.is_actor:
            return NO_ACTOR
        for other in readings:
            if other is best:
                continue
            if (
                not dated
                and best.person
                and best.role is None
                and best.sector == "ELI"
                and other.titles
                and other.sector
                and other.country in (None, best.country)
            ):
                # No date given: "X, Taiwan's deputy foreign minister" says X is in office.
                best = _with(best, sector=other.sector, sector2=other.sector2, role=other.role)
            if (
                (best.name is None or best.inferred)
                and other.name is not None
                and not other.inferred
                and other.country in (None, best.country)
            ):
                best = _with(
                    best, name=other.name, id=other.id, person=other.person, inferred=False
                )
            if best.country is None and other.country is not None:
                best = _with(best, country=other.country)
            if best.sector is None and other.sector is not None:
                best = _with(best, sector=other.sector)
        if best.country is None and hint.country:
            best = _with(best, country=hint.country)
        return self._coded(best)

    def _segment(
        self,
        segment: list[str],
        date: str,
        lower_only: bool,
        dated: bool,
        prefer: frozenset[str] = frozenset(),
        people: bool = True,
    ) -> Reading:
        """One appositive segment; `prefer`: the countries the context names."""
        raw = segment
        head = 0
        if POSSESSIVE in raw:
            head = len(raw) - raw[::-1].index(POSSESSIVE) - 1
            head -= raw[:head].count(POSSESSIVE)
            raw = [t for t in raw if t != POSSESSIVE]
        low = lower(raw)
        if not _ABBREVIATED.isdisjoint(low):
            for i, tok in enumerate(low[:-1]):
                if tok in ABBREVIATIONS and raw[i][:1].isupper():
                    low[i] = ABBREVIATIONS[tok]
        if len(low) == 1 and low[0] in _PRONOUNS:
            return Reading(pronoun=low[0])
        spans, stop = before_cut(find_spans(self.index, raw, low, lower_only, people), low)
        covered: set[int] = set()
        name_toks: list[str] = []
        if not lower_only:
            for s in spans:
                covered.update(range(s.start, s.end))
            name_toks = unmatched_names(raw, low, covered)
            if name_toks and find_typos(self.index, raw, low, covered, spans, people):
                spans.sort(key=lambda s: s.start)
                for s in spans:
                    covered.update(range(s.start, s.end))
                name_toks = unmatched_names(raw, low, covered)
        # "pro-Iranian Hizbollah", "anti-government protesters": what follows pro/anti is the
        # actor's stance, not the actor.
        if not _STANCE.isdisjoint(low):
            spans = [s for s in spans if not (s.start and low[s.start - 1] in _STANCE)]
        # After a possessive the head noun decides the sector ("the company's board").
        if head and any(s.start >= head and coded_word(s) for s in spans):
            spans = [s for s in spans if s.start >= head or not coded_word(s)]
        if name_toks and place_then_name(spans, raw, low, covered):
            spans = []  # "Virginia Woolf", "Paris Hilton": a person, not the place
        if not spans:
            # An unknown name alone is no actor, but an apposition may lend it a title.
            if not name_toks:
                return NO_ACTOR
            first = next(i for i in range(len(raw)) if is_name(raw[i], low[i]))
            return Reading(name=" ".join(name_run(raw, low, first, len(raw), set())), person=True)
        by_kind: dict[str, Span] = {}
        sector_spans: list[Span] = []
        modifiers: list[str] = []
        for span in spans:
            kinds = kinds_of(span.entries)
            person_kind, group, sector_word, modifier = _roles(kinds)
            if person_kind:
                by_kind.setdefault("person", span)
            if group:
                by_kind.setdefault(group, span)
            if sector_word:
                sector_spans.append(span)
            if modifier:
                modifiers += [e.sector or "" for e in span.entries if e.kind == "modifier"]
        former = "ELI" in modifiers
        named = by_kind.get("body")
        country_span = by_kind.get("country")
        foreign_body = False
        if named is not None and country_span is not None and country_span.start < named.start:
            countries = {e.country for e in country_span.entries if e.kind == "country"}
            if not countries & {e.country for e in named.entries if e.kind == "body"}:
                if any(e.kind == "sector" for e in named.entries):
                    # "Chile's Defense Department": another country's body by a generic name.
                    del by_kind["body"]
                    sector_spans.append(named)
                else:
                    foreign_body = True  # "Pakistani Taliban": the group, in that country
        person = by_kind.get("person")
        if person is not None:
            hint = {e.country for s in spans for e in s.entries if e.kind == "country"}
            roles = {r for s in sector_spans for r in TITLE_ROLES.get(s.key, ())}
            reading = self._person(person, date, hint, prefer, roles)
            if (
                people
                and reading is not None
                and hint
                and not hint & {e.country for e in person.entries}
            ):
                # "King Hassan of Morocco" is not Tanzania's Samia Suluhu Hassan: read again
                # without people, the words as a title and an unknown name (once only).
                return self._segment(segment, date, lower_only, dated, prefer, people=False)
            if reading is not None and head and person.end <= head and sector_spans:
                # "Putin's spokesman" is the spokesman, of Putin's country, not Putin.
                if country_span is None:
                    by_kind["country"] = Span(
                        person.start,
                        person.end,
                        person.key,
                        [Entry("country", (), country=reading.country)],
                    )
                del by_kind["person"]
                reading = None
                return self._group(by_kind, sector_spans, former, [], low, date, foreign_body)
            if reading is not None:
                if former and reading.sector != "ELI":
                    reading = _with(reading, sector="ELI", role=None)
                elif not dated and not former and sector_spans and reading.role is None:
                    # No date was given, so the title in the text ("Defence Secretary Ben
                    # Wallace") is better evidence of the office than today's date.
                    title = self._group(by_kind, sector_spans, False, [], low, date)
                    reading = _with(
                        reading,
                        sector=title.sector or reading.sector,
                        sector2=title.sector2,
                        role=title.role,
                    )
                return _with(reading, titles=tuple(s.key for s in sector_spans))
        # A person's name follows their title ("Finance Minister Serhiy Marchenko"); capitalised
        # words before it are group names or adjectives ("Kurdish fighters").
        # The name is the run of capitalised unknown words right after a title.
        after: list[str] = []
        for title_span in sorted(sector_spans, key=lambda sp: sp.start):
            if not lower_only:
                after = name_run(raw, low, title_span.end, stop, covered)
            if after:
                break
        return self._group(by_kind, sector_spans, former, after, low, date, foreign_body)

    def _person(
        self,
        span: Span,
        date: str,
        hint: set[str | None],
        prefer: frozenset[str] = frozenset(),
        roles: set[str] | None = None,
    ) -> Reading | None:
        """The person the span names, coded by their tenure at `date`.

        `hint`: countries the mention names ("French President Macron"), `prefer`: those its
        context names; both decide between simultaneous offices in several countries.
        A bare surname several people carry names the one in office at the date, and no
        one when several are ("Kim" in 2024: the North Korean leader and his sister), unless
        the mention's country or title (`roles`: "President Kim") singles one out; with
        nobody in office, the most recent holder.
        """
        roles = roles or set()
        ids: dict[str, None] = {}
        for entry in span.entries:
            if entry.kind == "person" and entry.id:
                ids.setdefault(entry.id)
        candidates = [self.person_at(pid, date, hint, prefer) for pid in ids]
        if not candidates:
            return None
        if span.surname and len(candidates) > 1:
            active = [c for c in candidates if c[0] == IN_OFFICE]
            if len(active) > 1:
                active = [c for c in active if c[2].country in hint] or active
            if len(active) > 1:
                active = [c for c in active if c[2].role in roles] or active
            if len(active) > 1:
                return None
            if active:
                candidates = active
        # Prefer whoever is in office at the date, then whoever held office most recently.
        best = min(candidates, key=lambda c: (c[0], c[1]))
        return _with(best[2], surname_only=span.surname, strength=5)

    def person_at(
        self,
        person_id: str,
        date: str,
        hint: set[str | None] | None = None,
        prefer: frozenset[str] = frozenset(),
    ) -> tuple[int, str, Reading]:
        """(status, sort key, reading) of a person at `date` (see `people.tenure_at`)."""
        status, order, tenure = tenure_at(self.index, person_id, date, hint, prefer)
        name = self.index.tenures[person_id][0].name
        if status == IN_OFFICE:
            sector, sector2, role = tenure.sector, tenure.sector2, tenure.role
        else:
            sector, sector2, role = ("ELI" if status == FORMER else None), None, None
        reading = Reading(
            name, tenure.country, sector, sector2, None, role, person_id, 5, person=True
        )
        return status, order, reading

    def _group(
        self,
        by_kind: dict[str, Span],
        sector_spans: list[Span],
        former: bool,
        name_toks: list[str],
        low: list[str],
        date: str,
        foreign_body: bool = False,
    ) -> Reading:
        named = by_kind.get("body") or by_kind.get("org")
        entity = coded_entry(pick(named, date, ("body", "org"))) if named else None
        place = by_kind.get("place") or by_kind.get("city")
        place_entry = pick(place, date, ("place", "city")) if place else None
        country_span = by_kind.get("country") or by_kind.get("region")
        country_entry = pick(country_span, date, ("country", "region")) if country_span else None
        if named is not None and entity is None and not (place or country_span or sector_spans):
            return NO_ACTOR  # a name whose dictionary code does not cover the date
        if foreign_body and country_entry is not None:
            entity = replace(entity, country=country_entry.country) if entity else None
        own = entity.country if entity else None
        if (
            entity is not None
            and entity.kind == "org"
            and entity.sector == "NGO"
            and own not in self.index.countries
        ):
            # International NGOs are transnational: a country only if the mention names one.
            # A national one (a user's `country: KEN`) keeps its country.
            own = None
        country = (
            own
            or (country_entry.country if country_entry else None)
            or (place_entry.country if place_entry else None)
        )
        # Junk words ("this", "yesterday") code nothing: they never outrank a real title.
        words = [
            (e, s)
            for s in sector_spans
            for e in s.entries
            if e.kind == "sector" and e.sector and e.sector not in NO_SECTOR
        ]
        # Titles before a name read as office then rank ("Deputy Minister of Defense
        # Colonel-General X" is GOV): the first wins. Otherwise the strongest word does.
        if name_toks:
            ranked = sorted(words, key=lambda w: (w[1].start, _RANK.get(w[0].sector or "", 99)))
        else:
            ranked = sorted(words, key=lambda w: _RANK.get(w[0].sector or "", len(_RANK)))
        sector = sector2 = None
        if (
            entity is not None
            and entity.sector in _POPULATION
            and named is not None
            and any(s.start >= named.end for _, s in ranked)
        ):
            # "Rohingya refugees": a people (CVL) named before a role word is that role
            # ("Hamas fighters" keep Hamas's own sector: it is no mere population).
            entity = replace(entity, sector=None, sector2=None)
        if entity is not None and entity.sector and (entity.kind == "body" or not ranked):
            sector, sector2 = entity.sector, entity.sector2
        elif ranked:
            top = ranked[0][0]
            sector = top.sector
            sector2 = top.sector2 or next(
                (e.sector for e, _ in ranked[1:] if e.sector != sector), None
            )
        elif place_entry is not None:
            sector, sector2 = (
                (place_entry.sector, place_entry.sector2)
                if place_entry.kind == "place"
                else ("CVL", None)
            )
        elif entity is not None:
            sector, sector2 = entity.sector, entity.sector2
        if sector in NO_SECTOR:
            sector = None
        titles = tuple(s.key for s in sector_spans if coded_word(s)) if sector_spans else ()
        title = ranked[0][1] if ranked else None
        roles = TITLE_ROLES.get(title.key, ()) if title is not None else ()
        role = roles[0] if roles else None
        name: str | None = None
        ident: str | None = None
        person = inferred = False
        if name_toks and title is not None:
            name, person = " ".join(name_toks), True
        elif (
            roles
            and country
            and not former
            and not name_toks
            and (title is None or title.start == 0 or low[title.start - 1] not in _NOT_HOLDER)
            and not any(t[:1].isdigit() for t in low)
        ):
            holder = find_holder(self.index, country, roles, date)
            if holder is not None:
                name, ident, role, person, inferred = (
                    holder.name,
                    holder.id,
                    holder.role,
                    True,
                    True,
                )
        if name is None and entity is not None:
            # Bodies listed without a canonical name are named as the mention names them.
            name = entity.name or self.index.surface.get(named.key) if named else entity.name
            ident = entity.id
        elif name is None and not sector_spans:
            lone = place_entry or country_entry
            if lone is not None:
                # A region has no id: its code (EUR) is also the EU's, whose names differ.
                name = lone.name
                ident = lone.id if lone.kind == "country" else lone.country
                ident = None if lone.kind == "region" else ident
        if former and (sector_spans or person or entity):
            sector, sector2, role = "ELI", None, None
        # A role word coded UNK ("two men") is an actor of unknown sector; JNK ("yesterday") none.
        unknown = bool(sector_spans) and any(
            e.kind == "sector" and e.sector == "UNK" for s in sector_spans for e in s.entries
        )
        strength = (
            4
            if entity
            else 3
            if (country and sector)
            else 2
            if sector
            else 1
            if (country or unknown)
            else 0
        )
        return Reading(
            name,
            country,
            sector,
            sector2,
            entity.code if entity else None,
            role,
            ident,
            strength,
            titles,
            person,
            inferred,
        )

    def _coded(self, reading: Reading) -> Reading:
        """The reading with its CAMEO-style code: the entity's own code or the country's,
        then the sectors it does not already contain."""
        sector = reading.sector
        code: str | None
        parts = [p for p in (sector, reading.sector2) if p and p not in NO_SECTOR]
        if reading.code:
            base = reading.code
            chunks = {base[i : i + 3] for i in range(0, len(base), 3)}
            code = base + "".join(p for p in parts if p not in chunks)
        elif reading.country:
            code = self.index.country_cameo(reading.country) + "".join(parts)
        else:
            code = "".join(parts) or None
        return Reading._make((*reading[:4], code, *reading[5:]))


@lru_cache(maxsize=256)
def _roles(kinds: frozenset[str]) -> tuple[bool, str | None, bool, bool]:
    """What a span of these entry kinds can be: (a person, the most specific group kind, a
    role word, a modifier). Few kind sets exist, so the answer is computed once per set."""
    group = next((kind for kind in _GROUP_KINDS if kind in kinds), None)
    return (
        "person" in kinds,
        group,
        "sector" in kinds and kinds.isdisjoint(_NAMED_KINDS),
        "modifier" in kinds,
    )
