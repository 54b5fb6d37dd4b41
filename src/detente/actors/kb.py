"""Reading the actor knowledge base (data/*.yaml, people.csv, cities.csv) into flat entries.

Every file format of FORMAT.md becomes a list of `Entry`: one named thing (a country, a
capital, an organisation, a body, a role word, one tenure of a person) with the phrases that
name it. The resolver indexes entries by phrase, so user files, PETRARCH dictionaries and the
default KB all layer the same way: later files win for the same phrase.

A malformed row or file is not fatal: it is skipped and described in `problems` as
`file:line: message`, because the KB files are edited by hand and users' files more so.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from detente.actors.tables import DATA_DIR
from detente.actors.tables import YamlLoader as _Yaml
from detente.actors.text import check_date

DEFAULT_FILES: tuple[str, ...] = (
    "countries.yaml",
    "organizations.yaml",
    "sectors.yaml",
    "bodies.yaml",
    "cities.csv",
    "people.csv",
)

#: Entry kinds, from most to least specific when two readings of one mention compete.
KINDS = ("person", "body", "org", "place", "city", "country", "region", "sector", "modifier")

#: The sector code of words that are never actors (CAMEO/NGEC "junk": time words, pronouns).
JUNK = "JNK"


@dataclass(frozen=True, slots=True)
class Entry:
    """One named thing of the KB and the phrases that name it.

    `country` is ISO-3 (or the organisation code for IGOs); `code` an explicit CAMEO code
    where the source gives one (organisations, PETRARCH entries, countries whose CAMEO code
    differs from ISO). People have one entry per tenure, with `start`/`end` (end exclusive).
    """

    kind: str
    names: tuple[str, ...]
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    sector2: str | None = None
    role: str | None = None
    id: str | None = None
    code: str | None = None
    start: str | None = None
    end: str | None = None
    plural: bool = False
    origin: str = ""


@dataclass(slots=True)
class LoadResult:
    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def as_strings(value: Any) -> list[str]:
    """A YAML scalar or list as non-blank strings (numbers read as text, anything else none)."""
    if value is None:
        return []
    if isinstance(value, str | int | float):
        return [str(value)]
    if isinstance(value, Iterable):
        return [str(v) for v in value if v is not None and str(v).strip()]
    return []


def _sectors(value: Any) -> tuple[str | None, str | None]:
    """ "GOV MIL" -> ("GOV", "MIL"); "" -> (None, None)."""
    parts = " ".join(as_strings(value)).replace(",", " ").split()
    codes = [p.upper() for p in parts]
    return (codes[0] if codes else None, codes[1] if len(codes) > 1 else None)


def _countries(records: Any, origin: str) -> Iterator[Entry]:
    for rec in records if isinstance(records, list) else []:
        if not isinstance(rec, Mapping) or not rec.get("iso3"):
            continue
        iso = str(rec["iso3"]).upper()
        name = str(rec.get("name") or iso)
        cameo = str(rec["cameo"]).upper() if rec.get("cameo") else None
        names = [name, *as_strings(rec.get("names"))]
        names += as_strings(rec.get("adjectives")) + as_strings(rec.get("demonyms"))
        yield Entry(
            "country", tuple(dict.fromkeys(names)), name, iso, id=iso, code=cameo, origin=origin
        )
        seats = {
            m: "GOV" for m in as_strings(rec.get("capitals")) + as_strings(rec.get("metonyms"))
        }
        sectors = rec.get("metonym_sectors")
        if isinstance(sectors, Mapping):
            seats.update({str(k): str(v) for k, v in sectors.items()})
        for place, sector in seats.items():
            first, second = _sectors(sector)
            yield Entry(
                "place", (place,), place, iso, first, second, id=iso, code=cameo, origin=origin
            )


def _organizations(records: Any, origin: str) -> Iterator[Entry]:
    for rec in records if isinstance(records, list) else []:
        if not isinstance(rec, Mapping) or not rec.get("code"):
            continue
        code = str(rec["code"]).upper()
        name = str(rec.get("name") or code)
        sector, sector2 = _sectors(rec.get("sector") or "IGO")
        # A user's national organisation ("Kenya Red Cross": `country: KEN`) belongs to that
        # country and is coded like any national actor (KENNGO) unless a `cameo` code is given.
        own = str(rec["country"]).upper() if rec.get("country") else None
        given = rec.get("cameo") or (None if own else f"{sector or 'IGO'}{code}")
        cameo = str(given) if given else None
        country = own or code
        names = tuple(dict.fromkeys([name, *as_strings(rec.get("names"))]))
        yield Entry(
            "org", names, name, country, sector, sector2, id=code, code=cameo, origin=origin
        )
        for body in rec.get("bodies") or []:
            if not isinstance(body, Mapping) or not as_strings(body.get("names")):
                continue
            body_names = tuple(as_strings(body.get("names")))
            first, second = _sectors(body.get("sector"))
            yield Entry(
                "body",
                body_names,
                body_names[0],
                country,
                first,
                second,
                id=code,
                code=cameo,
                origin=origin,
            )


def _bodies(records: Any, origin: str, problems: list[str]) -> Iterator[Entry]:
    """Named bodies. Beyond FORMAT.md, a body may carry `start`/`end` dates: two entries with
    the same names and successive periods code a group whose role changed (a rebel movement
    that took power)."""
    for number, rec in enumerate(records if isinstance(records, list) else [], start=1):
        if not isinstance(rec, Mapping) or not as_strings(rec.get("names")):
            continue
        names = tuple(as_strings(rec.get("names")))
        try:
            start = check_date(str(rec["start"])) if rec.get("start") else None
            end = check_date(str(rec["end"])) if rec.get("end") else None
        except ValueError as exc:
            problems.append(f"{origin}: body {number} ({names[0]}): {exc}")
            continue
        first, second = _sectors(rec.get("sector"))
        country = str(rec["country"]).upper() if rec.get("country") else None
        yield Entry(
            "body",
            names,
            str(rec["name"]) if rec.get("name") else None,
            country,
            first,
            second,
            role=rec.get("role"),
            id=rec.get("id") or names[0],
            code=rec.get("cameo"),
            start=start,
            end=end,
            origin=origin,
        )


def _regions(table: Any, origin: str) -> Iterator[Entry]:
    """CAMEO regions ("Europe", "Middle Eastern"): the region code stands as `country`.

    A leading "the" is dropped ("the West" -> "West"): the matcher skips articles, and the
    capitalised word keeps "the west of the country" from matching.
    """
    if not isinstance(table, Mapping):
        return
    for code, rec in table.items():
        if not isinstance(rec, Mapping):
            continue
        name = str(rec.get("name") or code)
        names = [name, *as_strings(rec.get("names")), *as_strings(rec.get("adjectives"))]
        names = [n[4:] if n[:4].lower() == "the " and n[4:5].isupper() else n for n in names]
        # No `id`: EUR is also the EU's code (IGOEUREEC), whose names must stay its own.
        yield Entry("region", tuple(dict.fromkeys(names)), name, str(code).upper(), origin=origin)


def _places(table: Any, origin: str) -> Iterator[Entry]:
    """CAMEO sub-country codes (WSB, GZS -> PSE): kind "code", no names, only a code that
    maps to its country, so data coded with them ("WSBGOV") reads back to the country."""
    if not isinstance(table, Mapping):
        return
    for code, rec in table.items():
        if isinstance(rec, Mapping) and rec.get("country"):
            name = str(rec.get("name") or code)
            country = str(rec["country"]).upper()
            yield Entry("code", (), name, country, code=str(code).upper(), origin=origin)


def _common(words: Any, origin: str) -> Iterator[Entry]:
    """`common_words`: English words that are also surnames ("Moon", "Rice"), kind "common"."""
    for word in as_strings(words):
        yield Entry("common", (word,), word, origin=origin)


def _junk(words: Any, origin: str) -> Iterator[Entry]:
    """Words that are never actors: `non_actors` (a list) and `not_actors` (code -> name)."""
    if isinstance(words, Mapping):
        words = list(words.values())
    for word in as_strings(words):
        yield Entry("sector", (word,), word, None, JUNK, origin=origin)


def _sector_words(table: Any, modifiers: Any, origin: str) -> Iterator[Entry]:
    if isinstance(table, Mapping):
        for codes, words in table.items():
            first, second = _sectors(codes)
            for word in as_strings(words):
                # A word listed as "defence minister: GOV MIL" may carry its own codes.
                yield Entry(
                    "sector", (word,), word, None, first, second, plural=True, origin=origin
                )
    if isinstance(modifiers, Mapping):
        for word, code in modifiers.items():
            first, _ = _sectors(code)
            yield Entry("modifier", (str(word),), str(word), None, first, origin=origin)


def _yaml_entries(data: Mapping[str, Any], origin: str, problems: list[str]) -> list[Entry]:
    entries: list[Entry] = []
    entries += _countries(data.get("countries"), origin)
    entries += _regions(data.get("cameo_regions"), origin)
    entries += _places(data.get("cameo_places"), origin)
    entries += _common(data.get("common_words"), origin)
    entries += _junk(data.get("not_actors"), origin)
    entries += _junk(data.get("non_actors"), origin)
    entries += _organizations(data.get("organizations"), origin)
    entries += _sector_words(data.get("sectors"), data.get("modifiers"), origin)
    entries += _bodies(data.get("bodies"), origin, problems)
    entries += _bodies(data.get("actors"), origin, problems)
    return entries


def _csv_rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV whose leading `#` lines are comments, with their 1-based line numbers."""
    lines = text.splitlines()
    skip = 0
    while skip < len(lines) and (lines[skip].startswith("#") or not lines[skip].strip()):
        skip += 1
    reader = csv.DictReader(io.StringIO("\n".join(lines[skip:])))
    for row in reader:
        line = skip + reader.line_num
        values = [(v or "").strip() for v in row.values() if isinstance(v, str)]
        if not any(values) or values[0].startswith("#"):
            continue
        yield line, {k.strip(): (v or "").strip() for k, v in row.items() if k}


def _csv_entries(text: str, origin: str, result: LoadResult) -> None:
    for line, row in _csv_rows(text):
        where = f"{origin}:{line}"
        name = row.get("name", "")
        if not name:
            result.problems.append(f"{where}: no name")
            continue
        names = tuple(
            dict.fromkeys(
                [name, *(a.strip() for a in row.get("aliases", "").split("|") if a.strip())]
            )
        )
        country = row.get("country", "").upper() or None
        first, second = _sectors(row.get("sector"))
        try:
            start = check_date(row["start"]) if row.get("start") else None
            end = check_date(row["end"]) if row.get("end") else None
        except ValueError as exc:
            result.problems.append(f"{where}: {exc}")
            continue
        if "start" in row or "role" in row:
            kind = "person"
        elif "sector" in row:
            kind = "body"
        else:
            kind = "city"
        ident = row.get("id") or (name if kind != "city" else None)
        result.entries.append(
            Entry(
                kind,
                names,
                name,
                country,
                first,
                second,
                row.get("role") or None,
                ident,
                row.get("code") or None,
                start,
                end,
                origin=where,
            )
        )


def read_actor_file(path: Path | str) -> LoadResult:
    """Entries of one KB-format file (YAML or CSV, by suffix); problems instead of exceptions.

    A missing file gives an empty result with one problem, so a partly written KB still loads.
    """
    path = Path(path)
    result = LoadResult()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        result.problems.append(f"{path}: cannot read: {exc.strerror or exc}")
        return result
    except UnicodeDecodeError as exc:
        result.problems.append(f"{path}: not UTF-8 text (byte {exc.start}); is it a binary file?")
        return result
    if path.suffix.lower() == ".csv":
        _csv_entries(text, path.name, result)
        return result
    try:
        data = yaml.load(text, Loader=_Yaml)  # a SafeLoader subclass: no arbitrary objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        result.problems.append(f"{path.name}{line}: invalid YAML: {getattr(exc, 'problem', exc)}")
        return result
    except ValueError as exc:  # an unquoted impossible date (2021-13-01) fails in the parser
        result.problems.append(f"{path.name}: invalid YAML: {exc}")
        return result
    if not isinstance(data, Mapping):
        result.problems.append(f"{path.name}: expected a mapping at the top level")
        return result
    result.entries = _yaml_entries(data, path.name, result.problems)
    return result


def load_actor_file(path: Path | str, problems: list[str] | None = None) -> list[Entry]:
    """Entries of a user's actor file; ValueError when the file cannot be read at all.

    Bad rows are skipped and described in `problems` (when given) as `file:line: message`.
    """
    result = read_actor_file(path)
    if not result.entries and result.problems:
        raise ValueError(result.problems[0])
    if problems is not None:
        problems += result.problems
    return result.entries


def load_files(paths: Sequence[Path]) -> LoadResult:
    """Entries of several files in order (later files override earlier ones when indexed)."""
    total = LoadResult()
    for path in paths:
        part = read_actor_file(path)
        total.entries += part.entries
        total.problems += part.problems
    return total


def default_paths() -> list[Path]:
    """The bundled KB files that exist (the KB may be partial while it is being written)."""
    return [DATA_DIR / name for name in DEFAULT_FILES if (DATA_DIR / name).exists()]
