"""PETRARCH / TABARI actor and agent dictionaries as resolver entries.

Researchers keep years of curated dictionaries in this format, so `--actors` accepts them
beside our YAML/CSV. What is read (the format of the PETRARCH-2 validation dictionaries):

* actors: `NAME [CODE]`, underscores for spaces, `+SYNONYM` lines, and date-restricted codes
  on the following lines: `[CODE <YYMMDD]`, `[CODE >YYYYMMDD]`, `[CODE D1-D2]` (limits
  inclusive; the first restriction that applies wins; the code on the name line is the
  default); `[---]` means "no code" for that period;
* agents: `NAME {PLURALS} [~CODE]` (a role word whose code follows an actor's: `~GOV`,
  `~GOVMED`), `[CODE~]` for prefix codes (`NGO~`), and `!MACRO! = A, B` substitutions;
* comments: `#` (or ` ;`) to end of line and `<!-- ... -->` blocks.

A code splits into 3-letter parts: country (or IGO/NGO/... for organisations), sector, second
sector; the full code is kept as the entry's CAMEO code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from detente.actors.kb import Entry

_COMMENT_BLOCK = re.compile(r"<!?\s*--.*?-->", re.S)
_CODE = re.compile(r"\[\s*([^\]]*?)\s*\]")
_RESTRICTION = re.compile(r"^(\S*)\s*(?:([<>])\s*(\d{6,8})|(\d{6,8})\s*-\s*(\d{6,8}))?$")
_TRAILING_COMMENT = re.compile(r"#|\s;|^;")  # "# note" or "  ; CountryInfo.txt"
_MACRO = re.compile(r"^(![A-Z0-9_]+!)\s*=\s*(.+)$")
_ORG_PREFIXES = ("IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS")
_NULL_CODES = {"---", "###", ""}


def _date(value: str) -> str:
    """YYMMDD (TABARI; years before 30 are 20xx) or YYYYMMDD -> ISO."""
    if len(value) == 6:
        year = int(value[:2])
        value = f"{2000 + year if year < 30 else 1900 + year}{value[2:]}"
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}"


def _end(value: str) -> str:
    """The exclusive end of a restriction: PETRARCH's limits are inclusive ("or equal to")."""
    return (date.fromisoformat(_date(value)) + timedelta(days=1)).isoformat()


def _phrase(name: str) -> str:
    """Dictionary words are in capitals by convention: lower-cased, they match any case."""
    return name.strip().strip("_").replace("_", " ").strip().lower()


def split_code(code: str) -> tuple[str | None, str | None, str | None]:
    """CAMEO code -> (country, sector, second sector): "USAGOV" -> ("USA", "GOV", None)."""
    code = code.strip().upper().strip("~")
    if code in _NULL_CODES:
        return None, None, None
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    if parts[0] in _ORG_PREFIXES:
        # "IGOUNO": the organisation UNO, an IGO; a bare "NGO": some NGO, no country.
        if len(parts) == 1:
            return None, parts[0], None
        return parts[1], parts[0], parts[2] if len(parts) > 2 else None
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


def _clean_lines(text: str) -> Iterator[tuple[int, str]]:
    """Non-empty lines without comments, with their 1-based line numbers."""

    def blank(match: re.Match[str]) -> str:
        return "\n" * match.group(0).count("\n")

    for number, line in enumerate(_COMMENT_BLOCK.sub(blank, text).splitlines(), start=1):
        line = _TRAILING_COMMENT.split(line, maxsplit=1)[0].rstrip()
        if line.strip():
            yield number, line


def _actor_entries(path: Path, problems: list[str]) -> list[Entry]:
    entries: list[Entry] = []
    names: list[str] = []
    codes: list[tuple[str, str | None, str | None, int]] = []

    def flush() -> None:
        if names and codes:
            for code, start, end, line in codes:
                country, sector, sector2 = split_code(code)
                entries.append(
                    Entry(
                        "body",
                        tuple(names),
                        names[0].title(),
                        country,
                        sector,
                        sector2,
                        id=names[0],
                        code=code.upper() if country else None,
                        start=start,
                        end=end,
                        origin=f"{path.name}:{line}",
                    )
                )
        names.clear()
        codes.clear()

    for line_no, line in _clean_lines(path.read_text(encoding="utf-8", errors="replace")):
        stripped = line.strip()
        brackets = _CODE.findall(stripped)
        head = _CODE.sub("", stripped).strip()
        if stripped.startswith("+"):
            if names:
                names.append(_phrase(head[1:]))
            continue
        if head and not line[0].isspace():
            flush()
            names.append(_phrase(head))
        for content in brackets:
            match = _RESTRICTION.match(content.strip())
            if match is None:
                problems.append(f"{path.name}:{line_no}: cannot read code [{content}]")
                continue
            code, op, when, first, last = match.groups()
            start = end = None
            if op == "<":
                end = _end(when)
            elif op == ">":
                start = _date(when)
            elif first:
                start, end = _date(first), _end(last)
            codes.append((code, start, end, line_no))
    flush()
    return entries


def _agent_entries(path: Path, problems: list[str]) -> list[Entry]:
    entries: list[Entry] = []
    macros: dict[str, list[str]] = {}
    for line_no, line in _clean_lines(path.read_text(encoding="utf-8", errors="replace")):
        macro = _MACRO.match(line.strip())
        if macro:
            macros[macro.group(1)] = [_phrase(v) for v in macro.group(2).split(",")]
            continue
        brackets = _CODE.findall(line)
        if not brackets:
            problems.append(f"{path.name}:{line_no}: agent without a [~CODE]")
            continue
        head = _CODE.sub("", line).strip()
        plural_spec = re.search(r"\{([^}]*)\}", head)
        head = re.sub(r"\{[^}]*\}", "", head).strip()
        variants = [head]
        for token, values in macros.items():
            if token in head:
                variants = [v.replace(token, value) for v in variants for value in values]
        phrases = [_phrase(re.sub(r"\s+", " ", v)) for v in variants]
        if plural_spec and plural_spec.group(1).strip():
            phrases += [_phrase(p) for p in plural_spec.group(1).split(",")]
        sector, sector2 = _agent_code(brackets[0])
        if sector is None:
            continue
        entries.append(
            Entry(
                "sector",
                tuple(dict.fromkeys(phrases)),
                phrases[0].lower(),
                None,
                sector,
                sector2,
                plural=plural_spec is None,
                origin=f"{path.name}:{line_no}",
            )
        )
    return entries


def _agent_code(code: str) -> tuple[str | None, str | None]:
    """ "~GOVMED" -> ("GOV", "MED"); "NGO~" -> ("NGO", None)."""
    code = code.strip().upper().replace("~", "")
    parts = [code[i : i + 3] for i in range(0, len(code), 3) if code[i : i + 3].strip()]
    return (parts[0] if parts else None, parts[1] if len(parts) > 1 else None)


def load_petrarch_dictionary(
    actors_path: Path | str,
    agents_path: Path | str | None = None,
    problems: list[str] | None = None,
) -> list[Entry]:
    """Entries of a PETRARCH/TABARI actor dictionary and (optionally) its agent dictionary.

    Unreadable lines are skipped and described in `problems` (when given).
    """
    found: list[str] = []
    entries = _actor_entries(Path(actors_path), found)
    if agents_path is not None:
        entries += _agent_entries(Path(agents_path), found)
    if problems is not None:
        problems += found
    return entries


def load_petrarch_agents(path: Path | str, problems: list[str] | None = None) -> list[Entry]:
    """Role-word entries of a PETRARCH agents dictionary alone."""
    found: list[str] = []
    entries = _agent_entries(Path(path), found)
    if problems is not None:
        problems += found
    return entries


def looks_like_petrarch(path: Path) -> bool:
    """A .txt dictionary whose lines use the `NAME [CODE]` layout."""
    if path.suffix.lower() not in (".txt", ".dict", ".dic"):
        return False
    head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    return bool(re.search(r"^\S[^\[\n]*\[[^\]\n]*\]", head, re.M))


def is_agents_file(path: Path) -> bool:
    """Agent dictionaries code role words with `~`: `PRESIDENT [~GOV]`."""
    head = path.read_text(encoding="utf-8", errors="replace")[:20000]
    return len(re.findall(r"\[\s*~|~\s*\]", head)) > len(re.findall(r"\[[A-Z]{3}", head)) // 2
