"""`ActorResolver`: the knowledge base, user layers and a result cache behind one object.

Building the index takes most of a second, so a process keeps one resolver
(`get_resolver()`) and every call after the first is a dict lookup or a cache hit.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date as _date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from detente.actors.index import Index, title_entries
from detente.actors.kb import Entry, LoadResult, default_paths, load_actor_file, load_files
from detente.actors.petrarch import (
    is_agents_file,
    load_petrarch_agents,
    load_petrarch_dictionary,
    looks_like_petrarch,
)
from detente.actors.reading import Reading
from detente.actors.resolver import Reader
from detente.actors.text import check_date
from detente.model import Actor

if TYPE_CHECKING:
    from detente.actors.coref import DocumentContext

CACHE_SIZE = 262_144


def load_user_file(path: Path, problems: list[str] | None = None) -> list[Entry]:
    """A user's actor file: KB-format YAML/CSV, or a PETRARCH/TABARI .txt dictionary.

    ValueError when it cannot be read; bad lines go to `problems`.
    """
    if not path.is_file():
        raise ValueError(f"{path}: no such actor file")
    if looks_like_petrarch(path):
        if is_agents_file(path):
            # An agents file alone: its entries are role words, layered like sectors.yaml.
            return load_petrarch_agents(path, problems)
        return load_petrarch_dictionary(path, problems=problems)
    if path.suffix.lower() not in (".yaml", ".yml", ".csv"):
        raise ValueError(f"{path}: actor files are .yaml, .yml, .csv or PETRARCH .txt dictionaries")
    return load_actor_file(path, problems)


class ActorResolver:
    """Resolves actor mentions at a date against the default KB plus user layers.

    `extra_files` (KB-format YAML/CSV or PETRARCH dictionaries) and `entries` are layered on
    top of the default KB in that order: a phrase they define replaces the KB's readings of
    the same phrase. `problems` lists the skipped lines of every file read.
    """

    def __init__(
        self,
        extra_files: Sequence[Path | str] = (),
        include_default: bool = True,
        entries: Sequence[Entry] = (),
        cache_size: int = CACHE_SIZE,
    ) -> None:
        self.extra_files = tuple(Path(p) for p in extra_files)
        self.include_default = include_default
        self.entries = tuple(entries)
        self.problems: list[str] = []
        layers: list[Sequence[Entry]] = [title_entries()]
        if include_default:
            loaded = _default_kb(tuple((p, p.stat().st_mtime_ns) for p in default_paths()))
            layers.append(loaded.entries)
            self.problems += loaded.problems
        for path in self.extra_files:
            layers.append(load_user_file(path, self.problems))
        if self.entries:
            layers.append(self.entries)
        self.index = Index(layers)
        self._reader = Reader(self.index)
        self._cache: dict[tuple[str, int, str | None, bool], Reading] = {}
        self._cache_size = cache_size
        self._periods: dict[str, int] = {}  # checked date -> its interval between boundaries

    def analyse(self, text: str, date: str | None = None, context: str | None = None) -> Reading:
        """The full reading of a mention (what coreference needs); cached.

        Without a date, today is used, and a title in the text outweighs the KB's tenures.
        The cache key holds the interval between KB date boundaries the date falls in (every
        date in it reads alike), so a corpus spread over many days still hits the cache. A
        full cache is emptied and refilled: cheap, and the working set refills fast.
        """
        dated = date is not None
        day = date if date is not None else _date.today().isoformat()
        period = self._periods.get(day)
        if period is None:
            period = bisect_right(self.index.boundaries, check_date(day))
            if len(self._periods) < 100_000:
                self._periods[day] = period
        key = (text, period, context, dated)
        reading = self._cache.get(key)
        if reading is None:
            reading = self._reader.read(text, day, context, dated)
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            self._cache[key] = reading
        return reading

    def resolve(self, text: str, date: str | None = None, *, context: str | None = None) -> Actor:
        """The actor `text` names at `date` (default today); all fields None but `text` if none.

        `context` is an optional hint (a country name or adjective) used when the mention
        itself names no country. ValueError for a malformed date.
        """
        return to_actor(text, self.analyse(text, date, context))

    def match(
        self, text: str, date: str | None = None, *, context: str | None = None
    ) -> Actor | None:
        """Like `resolve`, but None when the text names no actor ("a cat named Frank")."""
        reading = self.analyse(text, date, context)
        return to_actor(text, reading) if reading.is_actor else None

    def with_files(self, paths: Sequence[Path | str]) -> ActorResolver:
        """A copy with more user files layered on top (this resolver is unchanged)."""
        return ActorResolver(
            (*self.extra_files, *paths), self.include_default, self.entries, self._cache_size
        )

    def document(self, date: str | None = None) -> DocumentContext:
        """A coreference context for the actor mentions of one document, in text order."""
        from detente.actors.coref import DocumentContext

        return DocumentContext(self, date)

    def names_of(self, ident: str) -> list[str]:
        """Every name the KB gives the entity with this id (person slug, ISO code, body name)."""
        return list(self.index.names.get(ident, ()))

    def country_code(self, code: str) -> str | None:
        """ISO-3 (or organisation code) for an ISO-3 or CAMEO country code; None if unknown."""
        return self.index.codes.get(code.strip().upper())

    def cache_clear(self) -> None:
        """Forget cached readings (and typo look-ups): the next calls run the matcher."""
        self._cache.clear()
        self.index.fuzzy_cache_clear()


@lru_cache(maxsize=2)
def _default_kb(files: tuple[tuple[Path, int], ...]) -> LoadResult:
    """The bundled KB files, parsed once per process (per modification time)."""
    return load_files([path for path, _ in files])


def to_actor(text: str, reading: Reading) -> Actor:
    """The public Actor of a reading (positional: this runs on every cache hit)."""
    if reading.strength <= 0:
        return Actor(text)
    r = reading
    return Actor(text, r.name, r.country, r.sector, r.code, r.role, r.id)


_default: ActorResolver | None = None


def get_resolver() -> ActorResolver:
    """The process-wide resolver over the default KB (built on first use)."""
    global _default
    if _default is None:
        _default = ActorResolver()
    return _default


def resolve(text: str, date: str | None = None) -> Actor:
    """Resolve one mention with the default resolver."""
    return get_resolver().resolve(text, date)


def country_code(code: str) -> str | None:
    """Normalise a CAMEO or ISO-3 country code to ISO-3 ("ROM" -> "ROU"); None if unknown."""
    return get_resolver().country_code(code)
