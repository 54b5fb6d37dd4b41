"""Actors: the knowledge base (data/) and the date-aware resolver.

    from detente.actors import get_resolver
    resolver = get_resolver()
    resolver.resolve("the U.S. president", date="2023-06-01")   # Actor(name="Joe Biden", ...)
    resolver.match("a cat named Frank")                          # None: no actor
    ctx = resolver.document("2024-03-01")                        # within-document coreference
    ctx.resolve("Finance Minister Serhiy Marchenko"); ctx.resolve("Marchenko")

User files in the KB formats (data/FORMAT.md) or PETRARCH dictionaries layer on top:
`ActorResolver(extra_files=[...])`, `resolver.with_files([...])`, `detente resolve --actors`.
"""

from __future__ import annotations

from detente.actors.api import ActorResolver, country_code, get_resolver, resolve
from detente.actors.coref import DocumentContext
from detente.actors.kb import Entry, load_actor_file
from detente.actors.petrarch import load_petrarch_dictionary

__all__ = [
    "ActorResolver",
    "DocumentContext",
    "Entry",
    "country_code",
    "get_resolver",
    "load_actor_file",
    "load_petrarch_dictionary",
    "resolve",
]
