"""Scoring the actor resolver on NGEC-style actor gold files (actor_resolution_dev.jsonl).

Each line is one test case: `method`, `args` = [text, country context, date], `kwargs`
(`query_date` overrides the date), `expect` (the attribute checks of the original test), and
`skip`/`xfail` flags. How a case maps onto our output (`ActorResolver.match` at the date):

* dates: "today"/"Today"/empty -> today; ISO dates as they are; "10 May 2015" and
  "October 1, 2021" forms are parsed. The country context (args[1]) is passed as `context`,
  a hint used when the mention names no country, and between a person's offices in several.
* `code['country']` (and `cc` of `search_nat`): "" -> our `country` is None; "IGO" -> the
  actor is an intergovernmental organisation (sector IGO or an IGO code); otherwise equal to
  our `country`.
* `code['code_1']` (the CAMEO sector): "" -> `sector` is None; "UNK" (unknown sector) -> an
  actor with `sector` None; "JNK" (junk) -> no actor; a list (`In`) -> `sector` in it;
  otherwise equal to `sector`.
* `code Is None` -> `match()` returns None (the text names no actor).
* Coded cases (the accuracy): every case stating a country, a sector or "no actor"; correct
  when all of its checks pass.
* Name cases, reported separately: `wiki['title']` of `query_wiki`, and `code['wiki']` when
  non-empty, compare the Wikipedia title (without a "(disambiguation)" suffix) with the names
  the KB gives the resolved entity (`name` or any alias of its `id`).
* Second sector, reported separately: `code['code_2']` against the 3-letter part of our
  `code` after the sector ("GBRGOVMIL" -> MIL, "GOVJRN" -> JRN).
* Cases with `skip` true, or no text, are left out; `xfail` cases count like the others.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from detente.actors import ActorResolver, get_resolver
from detente.actors.text import key
from detente.evaluate.readers import GoldFileError, Warn, clean_text, gold_records, is_skip
from detente.ingest.base import Reporter
from detente.ingest.records import read_jsonl
from detente.ingest.sources import display_name
from detente.model import Actor

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d")
_COUNTRY = ("code['country']", "cc")
_SECTOR = "code['code_1']"


@dataclass(slots=True)
class ActorEvalReport:
    """Accuracy on coded cases, plus name and second-sector agreement reported apart."""

    n: int = 0
    correct: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    names_n: int = 0
    names_correct: int = 0
    name_misses: list[dict[str, Any]] = field(default_factory=list)
    code2_n: int = 0
    code2_correct: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def names_accuracy(self) -> float:
        return self.names_correct / self.names_n if self.names_n else 0.0

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["accuracy"] = round(self.accuracy, 4)
        record["names_accuracy"] = round(self.names_accuracy, 4)
        return record

    def summary(self) -> list[str]:
        lines = [
            f"actor resolution: {self.correct}/{self.n} coded cases correct "
            f"({self.accuracy:.1%}); {self.skipped} skipped",
            f"names: {self.names_correct}/{self.names_n} ({self.names_accuracy:.1%}); "
            f"second sector: {self.code2_correct}/{self.code2_n}",
        ]
        for miss in self.misses:
            when = miss["date"] or "today"
            lines.append(
                f"  miss: {miss['text']!r} @ {when}: expected {miss['expected']}, got {miss['got']}"
            )
        for miss in self.name_misses:
            lines.append(
                f"  name miss: {miss['text']!r}: expected {miss['expected']}, got {miss['got']}"
            )
        lines += [f"  problem: {p}" for p in self.problems]
        return lines


def parse_date(value: Any) -> str | None:
    """A case's date as ISO, None for "today"/empty; ValueError when unreadable."""
    if value is None or not str(value).strip() or str(value).strip().lower() == "today":
        return None
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"unreadable date {text!r}")


def _country_ok(expected: str, got: Actor | None) -> bool:
    if expected == "":
        return got is None or got.country is None
    if got is None:
        return False
    if expected == "IGO":
        return got.country == "IGO" or got.sector == "IGO" or (got.code or "").startswith("IGO")
    return got.country == expected


def _sector_ok(expected: Any, got: Actor | None) -> bool:
    if isinstance(expected, list):
        return got is not None and got.sector in expected
    if expected == "JNK":
        return got is None
    if expected == "UNK":
        return got is not None and got.sector is None
    if expected == "":
        return got is None or got.sector is None
    return got is not None and got.sector == expected


def _title(value: str) -> str:
    return key(re.sub(r"\s*\([^)]*\)\s*$", "", value))


def _name_ok(expected: str, got: Actor | None, resolver: ActorResolver) -> bool:
    if got is None:
        return False
    names = {key(got.name or "")}
    if got.id:
        names.update(key(n) for n in resolver.names_of(got.id))
    return _title(expected) in names


def _checks(expect: dict[str, Any]) -> dict[str, Any]:
    """The expectations this module scores, under short names."""
    found: dict[str, Any] = {}
    for name, value in expect.items():
        field_name = name.replace(" In", "").replace(" Is", "")
        if field_name in _COUNTRY:
            found["country"] = value
        elif field_name == _SECTOR:
            found["sector"] = value
        elif field_name == "code" and str(value) == "None":
            found["none"] = True
        elif field_name in ("code['wiki']", "wiki['title']") and value:
            found["name"] = value
        elif field_name == "code['code_2']":
            found["code_2"] = value
    return found


def evaluate_actors(
    path: Path, resolver: ActorResolver | None = None, warn: Warn | None = None
) -> ActorEvalReport:
    """Score `resolver` (default: the bundled KB) on an actor gold file (module docstring).

    A malformed line is skipped, listed in the report's `problems` and passed to `warn` (the
    CLI prints it as it is found); a file that cannot be read at all, or holds no case, is a
    GoldFileError.
    """
    report = ActorEvalReport()

    def problem(message: str) -> None:
        if is_skip(message):
            report.problems.append(message)
        if warn is not None:
            warn(message)

    cases = gold_records(Path(path), read_jsonl, _parse_case, problem)
    if not cases:
        raise GoldFileError(f"{display_name(str(path))}: no readable actors item")
    resolver = resolver or get_resolver()
    for case, args, date in cases:
        text = clean_text(args[0]) if args and isinstance(args[0], str) else None
        if case.get("skip") or not text:
            report.skipped += 1
            continue
        context = args[1] if len(args) > 1 and isinstance(args[1], str) and args[1] else None
        got = resolver.match(text, date, context=context)
        _score(report, case, _checks(case.get("expect") or {}), text, date, got, resolver)
    return report


Case = tuple[Mapping[str, Any], list[Any], str | None]


def _parse_case(reporter: Reporter, origin: str, case: Mapping[str, Any]) -> Case | None:
    """One test case with its args and date; None (and a skip) when its fields are unusable."""
    args: object = case.get("args") or []
    kwargs: object = case.get("kwargs") or {}
    expect: object = case.get("expect") or {}
    if not isinstance(args, list) or not isinstance(kwargs, dict) or not isinstance(expect, dict):
        reporter.skip(origin, "`args` must be a list, `kwargs` and `expect` objects")
        return None
    try:
        date = parse_date(kwargs.get("query_date") or (args[2] if len(args) > 2 else None))
    except ValueError as exc:
        reporter.skip(origin, str(exc))
        return None
    return case, args, date


def _score(
    report: ActorEvalReport,
    case: Mapping[str, Any],
    checks: dict[str, Any],
    text: str,
    date: str | None,
    got: Actor | None,
    resolver: ActorResolver,
) -> None:
    coded = {k: v for k, v in checks.items() if k in ("country", "sector", "none")}
    shown = got.to_dict() if got else None
    if shown:
        shown = {k: v for k, v in shown.items() if k in ("name", "country", "sector", "code") and v}
    if coded:
        report.n += 1
        ok = all(
            (k != "country" or _country_ok(v, got))
            and (k != "sector" or _sector_ok(v, got))
            and (k != "none" or got is None)
            for k, v in coded.items()
        )
        if ok:
            report.correct += 1
        else:
            report.misses.append(
                {
                    "test": case.get("test"),
                    "text": text,
                    "date": date,
                    "expected": coded,
                    "got": shown,
                    "xfail": bool(case.get("xfail")),
                }
            )
    if "name" in checks:
        report.names_n += 1
        if _name_ok(str(checks["name"]), got, resolver):
            report.names_correct += 1
        else:
            report.name_misses.append({"text": text, "expected": checks["name"], "got": shown})
    if "code_2" in checks:
        report.code2_n += 1
        report.code2_correct += second_sector(got) == checks["code_2"]


def second_sector(actor: Actor | None) -> str | None:
    """The 3-letter part of `code` after the sector ("GBRGOVMIL" -> "MIL"), if any."""
    if actor is None or not actor.code or not actor.sector:
        return None
    parts = [actor.code[i : i + 3] for i in range(0, len(actor.code), 3)]
    if actor.sector not in parts:
        return None
    after = parts.index(actor.sector) + 1
    return parts[after] if after < len(parts) else None
