"""Who a dyad's sides are: country codes, CAMEO actor codes or names, turned into SQL filters.

`USA`, `ROM`/`ROU` -> the country (CAMEO codes normalised to ISO-3); `USAGOV` -> every actor
code starting with it (so USAGOV matches USAGOVMIL too); anything else is a name resolved by
the actor knowledge base at the given date ("Trump" -> USAGOV, "Kremlin" -> RUSGOV).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_COUNTRY = re.compile(r"^[A-Z]{3}$")
_CODE = re.compile(r"^(?:[A-Z]{3}){2,}$")


class UnknownActor(ValueError):
    """A dyad side that is neither a code nor a name the knowledge base knows."""


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a dyad: `label` for display, and what it matches in the store."""

    label: str
    country: str | None = None
    code: str | None = None

    def condition(self, role: str) -> tuple[str, list[Any]]:
        """SQL condition on `{role}_country` / `{role}_code`, with its parameters."""
        if self.code is not None:
            return f"starts_with({role}_code, ?)", [self.code]
        return f"{role}_country = ?", [self.country]


def parse_side(text: str, date: str | None = None) -> Side:
    """Turn a command-line dyad side into a `Side` (see the module docstring)."""
    value = text.strip()
    if _COUNTRY.match(value):
        return Side(value, country=_country(value))
    if _CODE.match(value):
        return Side(value, code=value)
    from detente.actors import get_resolver

    actor = get_resolver().match(value, date)
    if actor is None or not (actor.code or actor.country):
        raise UnknownActor(
            f"unknown actor {text!r}: give a country code (USA), an actor code (USAGOV) "
            "or a name the actor knowledge base knows"
        )
    if actor.code and actor.sector:
        return Side(f"{value} ({actor.code})", code=actor.code)
    return Side(f"{value} ({actor.country})", country=actor.country)


def as_side(value: Side | str, date: str | None = None) -> Side:
    return value if isinstance(value, Side) else parse_side(value, date)


def _country(code: str) -> str:
    from detente.actors import country_code

    return country_code(code) or code


def dyad_condition(a: Side, b: Side, directed: bool) -> tuple[str, list[Any]]:
    """Events from a to b, or (undirected) between them in either direction."""
    sa, pa = a.condition("source")
    tb, pb = b.condition("target")
    forward = f"({sa} AND {tb})"
    if directed:
        return forward, pa + pb
    sb, pb2 = b.condition("source")
    ta, pa2 = a.condition("target")
    return f"({forward} OR ({sb} AND {ta}))", pa + pb + pb2 + pa2
