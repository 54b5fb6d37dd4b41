"""Within-document coreference for actor mentions, resolved in text order.

News text names an actor fully once ("Ukrainian Finance Minister Serhiy Marchenko") and then
shortens it ("Marchenko said", "the minister", "he"). Resolving the short forms alone loses
the country, so a `DocumentContext` remembers the people introduced so far and links:

* a surname (or the full name again) to the person introduced with it, even a person the
  KB does not know; the document's person beats a KB namesake; for Chinese, Korean and
  Taiwanese names the family name is the first word ("Wang" of "Wang Wenbin");
* a bare title ("the president", "the minister") to the latest person introduced with that
  title or holding that office, when the countries agree;
* "he"/"she"/"him"/"her" to the only person introduced so far (none when two or more).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from detente.actors.index import FAMILY_NAME_FIRST, TITLE_ROLES, surnames
from detente.actors.text import check_date, key
from detente.model import Actor

if TYPE_CHECKING:
    from detente.actors.api import ActorResolver
    from detente.actors.reading import Reading

_PERSONAL = frozenset({"he", "she", "him", "her"})


@dataclass(slots=True)
class _Entity:
    actor: Actor
    names: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)


class DocumentContext:
    """Resolves one document's actor mentions, linking later short mentions to earlier ones."""

    def __init__(self, resolver: ActorResolver, date: str | None = None) -> None:
        self.resolver = resolver
        self.date = check_date(date)
        self.entities: list[_Entity] = []

    def resolve(self, text: str, start: int | None = None, end: int | None = None) -> Actor:
        """The actor of the mention `text` (at offsets start/end), given the mentions so far."""
        reading = self.resolver.analyse(text, self.date)
        entity = self._antecedent(text, reading)
        if entity is not None:
            return replace(entity.actor, text=text, start=start, end=end)
        from detente.actors.api import to_actor

        actor = to_actor(text, reading)
        actor.start, actor.end = start, end
        if reading.person and reading.name:
            self._introduce(actor, reading)
        return actor

    def _antecedent(self, text: str, reading: Reading) -> _Entity | None:
        if reading.pronoun is not None:
            if reading.pronoun not in _PERSONAL:
                return None
            return self.entities[-1] if len(self.entities) == 1 else None
        mention = key(text)
        if reading.surname_only or not reading.is_actor or (reading.person and reading.id):
            for entity in reversed(self.entities):
                if mention in entity.names or (reading.id and entity.actor.id == reading.id):
                    return entity
            return None
        if reading.titles and reading.name is None:
            wanted = {t for title in reading.titles for t in (title, title.rsplit(" ", 1)[-1])}
            roles = {r for title in reading.titles for r in TITLE_ROLES.get(title, ())}
            for entity in reversed(self.entities):
                if reading.country not in (None, entity.actor.country):
                    continue
                if wanted & entity.titles or roles & entity.roles:
                    return entity
        return None

    def _introduce(self, actor: Actor, reading: Reading) -> None:
        for entity in self.entities:
            if actor.id is not None and entity.actor.id == actor.id:
                entity.titles.update(_title_words(reading.titles))
                return
        written = [actor.name or "", *(self.resolver.names_of(actor.id) if actor.id else ())]
        # "Wang" of an unknown "Wang Wenbin" from China: the family name comes first there.
        family_first = actor.country in FAMILY_NAME_FIRST
        names = {key(name) for name in written} | surnames(written, family_first)
        if not family_first:
            names.update(toks[-1] for toks in (key(n).split() for n in written) if len(toks) > 1)
        template = replace(actor, text="", start=None, end=None)
        roles = {actor.role} if actor.role else set()
        titles = _title_words(reading.titles)
        if actor.role and actor.role.endswith("_minister"):
            titles.add("minister")  # "Lavrov ... the minister"
        self.entities.append(_Entity(template, names, titles, roles))


def _title_words(titles: tuple[str, ...]) -> set[str]:
    """ "finance minister" -> {"finance minister", "minister"}: "the minister" refers back."""
    return {t for title in titles for t in (title, title.rsplit(" ", 1)[-1])}
