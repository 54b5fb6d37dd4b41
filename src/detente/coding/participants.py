"""Who an event's source, target and speaker are: mentions resolved in their document.

The rules pick the tokens that play each role; this module turns them into actors. A mention
is read by the resolver through the document's coreference context, and is followed to what
it stands for when its words do not say: a subject "he" to the person whose story the text
continues, an object "him" to the person named before it in the sentence, a pronoun or "the
seizure" to an earlier event's actor (`coding.discourse`), captives to their captor. One
`DocumentActors` serves one document, caching each mention's reading by its span.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from detente.actors import ActorResolver, DocumentContext
from detente.coding.arguments import CLAUSE_SUBJECT_ROLE, captor_in_phrase
from detente.coding.discourse import (
    LOOK_BACK,
    Discourse,
    PeopleMemory,
    earlier_subjects,
    is_subject_person_pronoun,
    sentence_antecedent,
)
from detente.coding.lexicon import Lexicon
from detente.coding.rules import Draft
from detente.coding.spans import actor_span
from detente.model import Actor

# The small English model often labels a person's name ORG; coreference sorts them out.
_PEOPLE_LABELS = frozenset({"PERSON", "ORG"})
# Sectors of the bodies that speak for their state ("the defence minister warned that Norway
# would ..." speaks of its own side).
_STATE_SECTORS = frozenset({"GOV", "MIL"})
_SELF_PRONOUNS = frozenset({"it", "they", "we"})


class DocumentActors:
    """The actors of one document's mentions, in the document's context."""

    def __init__(
        self,
        doc: Doc,
        date: str | None,
        resolver: ActorResolver,
        lexicon: Lexicon,
        people: PeopleMemory,
    ) -> None:
        self.doc = doc
        self.date = date
        self.resolver = resolver
        self.lexicon = lexicon
        self.people = people  # people introduced by earlier documents of the run
        self.discourse = Discourse()
        self._context: DocumentContext | None = None
        self._text: str | None = None  # doc.text joins every token on each access
        self._cache: dict[tuple[int, int], Actor] = {}
        self._named: list[Span] | None = None  # named people, fed to coreference in order
        self._named_seen = 0

    # -- the three roles -------------------------------------------------------------------

    def source(self, token: Token | None, notes: list[str]) -> Actor | None:
        """The source actor; a subject "he"/"she" the resolver cannot place continues the
        person the previous sentences were about."""
        actor = self.mention(token)
        if token is not None and actor is not None and actor.country is None:
            continued = self._continued_subject(token)
            if continued is not None:
                actor, reason = continued
                notes.append(f"source: {reason}")
        return actor

    def target(
        self,
        draft: Draft,
        code: str,
        source: Actor | None,
        token: Token | None,
        notes: list[str],
    ) -> Actor | None:
        """The target actor: the mention's own reading, or what it stands for (the person an
        object pronoun takes up, an earlier actor for a pronoun or event noun, the captor of
        captives whose release is at stake), or none when the clause's subject only speaks
        for the source ("warned that Norway would defend its waters")."""
        clause_subject = draft.target_role == CLAUSE_SUBJECT_ROLE
        if clause_subject and token is not None and token.lower_ in _SELF_PRONOUNS:
            # "China warned it would retaliate": checked before antecedents, which look past
            # the source's own side and would make "it" the other country
            notes.append(f"'{token.text}' is the source's own side, not its target")
            return None
        actor = self.mention(token)
        if token is not None and token.dep_ == "poss" and draft.target_role.startswith("poss"):
            actor = self._possessed(token, actor)
        if token is not None and actor is not None and actor.country is None:
            named = sentence_antecedent(token, draft.source, self.lexicon)
            if named is not None:
                notes.append(f"target: '{token.text}' takes up '{named.text}'")
                token, actor = named, self.mention(named)
        if token is not None and actor is not None:
            found = self.discourse.antecedent(token, actor, source, self.lexicon)
            if code.startswith(self.lexicon.release_codes):
                found = found or self._captor(token, actor, source)
            if found is not None:
                actor, reason = found
                notes.append(f"target: {reason}")
        if actor is not None and clause_subject and _speaks_for_state(actor, source):
            notes.append(f"'{actor.text}' is the source's own side, not its target")
            return None
        return actor

    def mention(self, head: Token | None) -> Actor | None:
        """The reading of the actor phrase headed by `head`, cached by its span."""
        if head is None:
            return None
        start, end = self._span(head)
        cached = self._cache.get((start, end))
        if cached is not None:
            return replace(cached)
        self._introduce_people(start)
        actor = self._resolve(self._slice(start, end), start, end)
        self._cache[(start, end)] = actor
        return replace(actor)

    def record(
        self,
        trigger: Token,
        code: str,
        source: Actor | None,
        target: Token | None,
        target_actor: Actor | None,
    ) -> None:
        """Remember an event's actors for the sentences after it: who took part, and who
        holds captives a capture code took."""
        if code.startswith(self.lexicon.capture_codes):
            captives = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
            for captive in captives + ([target] if target is not None else []):
                self.discourse.hold(captive, source)
        self.discourse.add(source, is_source=True)
        self.discourse.add(target_actor, is_source=False)

    # -- what a mention stands for ---------------------------------------------------------

    def _slice(self, start: int, end: int) -> str:
        """Document text by character offsets, the text read once (on first need)."""
        if self._text is None:
            self._text = self.doc.text
        return self._text[start:end]

    def _span(self, head: Token) -> tuple[int, int]:
        first, last = actor_span(head, self.lexicon)
        return self.doc[first].idx, self.doc[last - 1].idx + len(self.doc[last - 1].text)

    def _possessed(self, owner: Token, actor: Actor | None) -> Actor | None:
        """The whole phrase "Netanyahu's hardline policies" as the target's text, coded as its
        owner: the phrase names no actor of its own (the owner was chosen for being the more
        actor-like), and gold sets and readers expect the phrase."""
        if actor is None:
            return None
        start, end = self._span(owner.head)
        if start > owner.idx or end < owner.idx + len(owner.text):
            return actor
        return replace(actor, text=self._slice(start, end), start=start, end=end)

    def _captor(
        self, captive: Token, actor: Actor, source: Actor | None
    ) -> tuple[Actor, str] | None:
        """Who holds the captives whose release is at stake, when that is not the source
        itself (a captor releasing its captives aims the release at them): the agent in their
        own phrase ("prisoners held by Israel"), else, for captives the text gives no
        country, the captor of an earlier detention in the document."""
        agent = captor_in_phrase(captive, self.lexicon)
        captor = self.mention(agent)
        if captor is not None and captor.country is not None:
            found: tuple[Actor, str] | None = captor, f"'{captive.text}' is held by '{captor.text}'"
        else:
            found = self.discourse.holder(captive) if actor.country is None else None
        if found is None or (source is not None and found[0].country == source.country):
            return None
        return found

    def _continued_subject(self, pronoun: Token, hops: int = 0) -> tuple[Actor, str] | None:
        """The person a subject "he"/"she" continues when the resolver could not place it (it
        names the only person introduced so far, else nobody): the subject of the sentence
        before when that is a person, looking further back only past sentences that name no
        person, and never when a person is named before the pronoun in its own sentence. An
        earlier subject "he" is followed back in turn. Centering theory's preference: a
        subject pronoun most often continues the previous sentence's subject; measured right
        in 31 of the 34 Wikinews sentences where it applied (2026-12-07), none of which the
        resolver alone could place."""
        if not is_subject_person_pronoun(pronoun):
            return None
        if any(e.label_ == "PERSON" and e.start < pronoun.i for e in pronoun.sent.ents):
            return None  # "after Theresa May stepped down ... she": a nearer antecedent
        for earlier, subject in earlier_subjects(pronoun):
            if subject is None or subject.pos_ != "PRON":
                actor = self.mention(subject)
                if subject is None or actor is None or not self._is_person(subject, actor):
                    if any(e.label_ == "PERSON" for e in earlier.ents):
                        return None  # a person named there, but not as the subject: unclear
                    continue
            elif subject.lower_ != pronoun.lower_ or hops >= LOOK_BACK:
                return None  # "she" after "he": another person
            else:
                actor = self._cached(subject)
                if actor is None:
                    chained = self._continued_subject(subject, hops + 1)
                    actor = chained[0] if chained is not None else None
            if actor is None or actor.country is None:
                return None
            start, end = span = self._span(pronoun)  # the key `mention` looks the pronoun up by
            continued = replace(actor, text=self._slice(start, end), start=start, end=end)
            self._cache[span] = continued
            return replace(continued), f"'{pronoun.text}' continues the subject '{subject.text}'"
        return None

    def _cached(self, pronoun: Token) -> Actor | None:
        """An earlier pronoun's reading when it was placed in a country."""
        actor = self._cache.get(self._span(pronoun))
        return actor if actor is not None and actor.country is not None else None

    def _is_person(self, head: Token, actor: Actor) -> bool:
        """Whether a subject names a person ("Foreign Minister Sergei Lavrov", "the Ukrainian
        president"): the only kind of antecedent "he" or "she" can continue."""
        if actor.role is not None:
            return True
        first, last = actor_span(head, self.lexicon)
        return any(t.ent_type_ == "PERSON" for t in head.doc[first:last])

    # -- resolution ------------------------------------------------------------------------

    def _resolve(self, text: str, start: int, end: int) -> Actor:
        """The document context's reading of a mention; a bare surname the document does not
        introduce is read as the phrase an earlier document introduced that person with."""
        if self._context is None:
            self._context = self.resolver.document(self.date)
        actor = self._context.resolve(text, start, end)
        if actor.country is None:
            introduction = self.people.introduction(text)
            if introduction is not None:
                actor = self._context.resolve(introduction, start, end)
        else:
            self.people.remember(actor)
        return replace(actor, text=text, start=start, end=end)

    def _introduce_people(self, before: int) -> None:
        """Let coreference see the people named earlier in the document, also in sentences
        that held no event ("President X arrived. He praised Y." -> "He" is X)."""
        if self._named is None:
            self._named = [ent for ent in self.doc.ents if ent.label_ in _PEOPLE_LABELS]
        named = self._named
        while self._named_seen < len(named) and named[self._named_seen].end_char <= before:
            person = named[self._named_seen]
            if (person.start_char, person.end_char) not in self._cache:
                self._resolve(person.text, person.start_char, person.end_char)
            self._named_seen += 1


def _speaks_for_state(actor: Actor, source: Actor | None) -> bool:
    """Whether a warned or demanded clause's subject is the source's own state while a body
    of that state speaks ("the defence minister warned that Norway would ..."). Another body
    of the same country is a real target ("the speaker demanded that the prime minister
    appear ..."), as is any people or group of it."""
    if source is None or actor.country is None or actor.country != source.country:
        return False
    the_state = actor.id == actor.country or (actor.sector is None and actor.role is None)
    return the_state and source.sector in _STATE_SECTORS
