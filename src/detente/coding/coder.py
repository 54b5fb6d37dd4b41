"""The event coder: parsed documents in, `Event` records out.

The Coder runs the components its `CoderConfig` names (`coding.components`: lexicon rules,
statements, the learned type classifier) over each sentence that holds a trigger, then turns
the surviving drafts into events: it resolves their actors in the document's context, follows
pronouns and event nouns back to the actors they stand for (`coding.discourse`) and dates them.

Speed matters because this runs over whole corpora: the only full pass over tokens is the
screening of lemmas against one precompiled set; everything else runs on the few sentences that
contain a trigger, and actors are resolved only for events that survive.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from detente.actors import ActorResolver, DocumentContext, get_resolver
from detente.actors.gazetteer import add_gazetteer
from detente.coding.anaphora import anaphoric_events
from detente.coding.arguments import CLAUSE_SUBJECT_ROLE, captor_in_phrase
from detente.coding.components import (
    COMPONENTS,
    Classify,
    CoderConfig,
    Component,
    LearnedTypes,
    SentenceState,
)
from detente.coding.dates import DateMention, find_date_expressions
from detente.coding.discourse import (
    Discourse,
    PeopleMemory,
    earlier_subjects,
    is_subject_person_pronoun,
    sentence_antecedent,
)
from detente.coding.lexicon import Lexicon, load_lexicon
from detente.coding.ontology import cameo_code
from detente.coding.rules import Draft
from detente.coding.spans import actor_span, actor_strength, members
from detente.coding.speech import QUOTE_CHARS
from detente.coding.timing import event_date
from detente.model import Actor, Document, Event, Trigger
from detente.nlp import MAX_CHUNK_CHARS, load_nlp, paragraph_chunks
from detente.nlp.batching import bounded_batches


@dataclass(slots=True)
class _DocState:
    doc: Doc
    doc_id: str | None
    date: str | None
    context: DocumentContext | None
    text: str | None = None  # doc.text joins every token on each access: read it once
    memory: dict[str, Any] = field(default_factory=dict)
    actors: dict[tuple[int, int], Actor] = field(default_factory=dict)
    people: list[Span] | None = None  # named people (and bodies), fed to coreference in order
    people_seen: int = 0
    discourse: Discourse = field(default_factory=Discourse)


class Coder:
    """Turns text into events: `extract` for one text, `extract_documents` for a stream."""

    def __init__(
        self,
        resolver: ActorResolver | None = None,
        nlp: Any | None = None,
        config: CoderConfig | None = None,
        classifier: Classify | None = None,
    ) -> None:
        """`classifier` replaces the shipped model behind the "classifier" component (the
        cross-validated evaluation gives each fold its own model); ignored when the config
        leaves that component out."""
        self.resolver = resolver if resolver is not None else get_resolver()
        self.config = config or CoderConfig()
        self.nlp = nlp if nlp is not None else load_nlp()
        if nlp is None and self.config.gazetteer:
            add_gazetteer(self.nlp)
        self.lexicon = load_lexicon()
        self.people = PeopleMemory()  # people introduced by earlier documents of this run
        self._screen = self.lexicon.screen_lemmas
        self.components: list[Component] = []
        for name in self.config.components:
            factory = COMPONENTS.get(name)
            if factory is None:
                raise ValueError(f"unknown coder component {name!r}; known: {sorted(COMPONENTS)}")
            if name == "classifier" and classifier is not None:
                component: Component | None = LearnedTypes(classifier)
            else:
                component = factory()
            if component is not None:
                self.components.append(component)

    @property
    def component_names(self) -> list[str]:
        return [c.name for c in self.components]

    def extract(self, text: str, date: str | None = None, doc_id: str | None = None) -> list[Event]:
        """Events of one document; offsets are character offsets into `text`."""
        document = Document(text=text, id=doc_id, date=date)
        return [event for _, events in self.extract_documents([document]) for event in events]

    def extract_documents(
        self, docs: Iterable[Document], batch_size: int | None = None
    ) -> Iterator[tuple[Document, list[Event]]]:
        """Stream (document, events) pairs, parsing with `nlp.pipe`; memory stays flat.

        Batches hold at most `batch_size` documents and `config.batch_chars` characters (a
        longer document comes alone): the parser's transient memory follows the text it is
        handed at once, so a count-only batch peaked with whichever long articles fell together.
        Each batch is parsed inside spaCy's memory zone, so the strings of its documents are
        freed with them (events hold plain strings only), and very long documents are parsed
        in paragraph-bounded pieces whose offsets are mapped back to the document.
        """
        size = batch_size or self.config.batch_size
        for batch in bounded_batches(docs, _text_length, size, self.config.batch_chars):
            zone = getattr(self.nlp, "memory_zone", None)
            with zone() if zone is not None else nullcontext():
                coded = self._code_batch(batch, size)
            yield from coded

    def _code_batch(self, batch: list[Document], size: int) -> list[tuple[Document, list[Event]]]:
        pieces = [
            (piece, (n, offset))
            for n, document in enumerate(batch)
            for offset, piece in paragraph_chunks(document.text)
        ]
        found: list[list[Event]] = [[] for _ in batch]
        sentences = [0] * len(batch)
        parsed_pieces = [
            parsed
            for group in bounded_batches(pieces, _text_length, size, self.config.batch_chars)
            for parsed in self.nlp.pipe(group, as_tuples=True, batch_size=len(group))
        ]
        for parsed, (n, _) in parsed_pieces:
            self._learn_people(parsed, batch[n].date)
        for parsed, (n, offset) in parsed_pieces:
            document = batch[n]
            events = self.code_doc(parsed, date=document.date, doc_id=document.id)
            if offset:
                events = [_shifted(e, offset, sentences[n]) for e in events]
                sentences[n] += sum(1 for _ in parsed.sents)
            elif len(document.text) > MAX_CHUNK_CHARS:
                sentences[n] += sum(1 for _ in parsed.sents)
            found[n].extend(events)
        return list(zip(batch, found, strict=True))

    def _learn_people(self, doc: Doc, date: str | None) -> None:
        """Remember the people a document introduces with a title or nationality before the
        batch is coded, so that a surname-only article coded earlier in the batch (the store
        streams documents in id order, not date order) still finds them."""
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            first, last = actor_span(ent.root, self.lexicon)
            if last - first > len(ent):
                self.people.remember(self.resolver.resolve(doc[first:last].text, date))

    def code_doc(self, doc: Doc, date: str | None = None, doc_id: str | None = None) -> list[Event]:
        """Events of an already parsed document."""
        state = _DocState(doc, doc_id, date, None)
        events: list[Event] = []
        screen = self._screen
        for index, sent in enumerate(doc.sents):
            candidates = [t for t in sent if t.lemma_.lower() in screen]
            if not candidates and not (
                state.memory.get("speaker") is not None and sent[0].text in QUOTE_CHARS
            ):
                state.memory["speaker"] = None
                continue
            sentence = SentenceState(sent, index, candidates, self.lexicon, state.memory)
            drafts: list[Draft] = []
            for component in self.components:
                drafts = component(sentence, drafts)
            if drafts:
                events.extend(self._events(state, sentence, drafts))
            events.extend(anaphoric_events(sent, index, drafts, events, date, doc_id, self.lexicon))
            speaker = state.memory.get("speaker")
            if speaker is not None and speaker.sent.start == sent.start:
                self._actor(state, speaker)  # so coreference knows who "he" is next
        return events

    # -- drafts to events ------------------------------------------------------------------

    def _events(
        self, state: _DocState, sentence: SentenceState, drafts: list[Draft]
    ) -> list[Event]:
        sent = sentence.sent
        mentions: list[DateMention] | None = None
        events: list[Event] = []
        seen: set[tuple[int, int | None, int | None, str]] = set()
        for draft in drafts:
            if draft.confidence < self.config.min_confidence:
                continue
            info = cameo_code(draft.cameo)
            plover = draft.type_override or (info.plover_type if info else None)
            if info is None or plover is None:
                continue
            if mentions is None:
                mentions = find_date_expressions(sent.text, state.date)
            for source, target, reciprocal in _pairs(draft, self.lexicon):
                key = (
                    draft.trigger.i,
                    source.i if source is not None else None,
                    target.i if target is not None else None,
                    draft.cameo,
                )
                if key in seen:
                    continue
                seen.add(key)
                events.append(
                    self._event(
                        state,
                        sentence,
                        draft,
                        info.code,
                        plover,
                        source,
                        target,
                        reciprocal,
                        mentions,
                    )
                )
        return events

    def _event(
        self,
        state: _DocState,
        sentence: SentenceState,
        draft: Draft,
        code: str,
        plover: str,
        source: Token | None,
        target: Token | None,
        reciprocal: bool,
        mentions: list[DateMention],
    ) -> Event:
        sent = sentence.sent
        trigger = draft.trigger
        notes: list[str] = []
        source_actor = self._actor(state, source)
        if source is not None and source_actor is not None and source_actor.country is None:
            continued = self._continued_subject(state, source)
            if continued is not None:
                source_actor, reason = continued
                notes.append(f"source: {reason}")
        target_actor = self._target(state, draft, code, source_actor, target, notes)
        if code.startswith(self.lexicon.capture_codes):
            captives = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
            for captive in captives + ([target] if target is not None else []):
                state.discourse.hold(captive, source_actor)
        foreign = self._foreign_code(code, source_actor, target_actor)
        if foreign is not None and draft.type_override is None:
            notes.append(f"CAMEO {code} aimed at another country -> {foreign}")
            code = foreign
        info = cameo_code(code)
        assert info is not None
        if draft.type_override is None:
            plover = info.plover_type or plover
        date, precision, date_note = event_date(sent, trigger, mentions, state.date, self.lexicon)
        if date_note:
            notes.append(date_note)
        mode = info.plover_mode if draft.type_override is None else None
        explanation = "; ".join([_explain(draft, code, reciprocal), *notes])
        state.discourse.add(source_actor, is_source=True)
        state.discourse.add(target_actor, is_source=False)
        return Event(
            doc_id=state.doc_id,
            sentence_index=sentence.index,
            sentence=sent.text.strip(),
            type=plover,
            mode=mode,
            cameo=code,
            goldstein=info.goldstein,
            quad=info.quad,
            source=source_actor,
            target=target_actor,
            trigger=Trigger(trigger.text, trigger.idx, trigger.idx + len(trigger.text)),
            date=date,
            date_precision=precision,  # type: ignore[arg-type]
            speaker=self._actor(state, draft.speaker),
            negated=draft.negated,
            hypothetical=draft.hypothetical or plover == "THREATEN",
            explanation=explanation,
            confidence=round(draft.confidence * (0.8 if draft.hypothetical else 1.0), 3),
        )

    def _possessed(self, state: _DocState, owner: Token, actor: Actor | None) -> Actor | None:
        """The whole phrase "Netanyahu's hardline policies" as the target's text, coded as its
        owner: the phrase names no actor of its own (the owner was chosen for being the more
        actor-like), and gold sets and readers expect the phrase."""
        if actor is None:
            return None
        first, last = actor_span(owner.head, self.lexicon)
        doc = state.doc
        start = doc[first].idx
        end = doc[last - 1].idx + len(doc[last - 1].text)
        if start > owner.idx or end < owner.idx + len(owner.text):
            return actor
        if state.text is None:
            state.text = doc.text
        return replace(actor, text=state.text[start:end], start=start, end=end)

    def _target(
        self,
        state: _DocState,
        draft: Draft,
        code: str,
        source: Actor | None,
        target: Token | None,
        notes: list[str],
    ) -> Actor | None:
        """The target actor: the mention's own reading, or what it stands for (an earlier
        actor for a pronoun or event noun, the captor of captives whose release is at stake),
        or none when the clause's subject only speaks for the source."""
        actor = self._actor(state, target)
        if target is not None and target.dep_ == "poss" and draft.target_role.startswith("poss"):
            actor = self._possessed(state, target, actor)
        if target is not None and actor is not None and actor.country is None:
            named = sentence_antecedent(target, draft.source, self.lexicon)
            if named is not None:
                notes.append(f"target: '{target.text}' takes up '{named.text}'")
                target, actor = named, self._actor(state, named)
        if target is not None and actor is not None:
            found = state.discourse.antecedent(target, actor, source, self.lexicon)
            if code.startswith(self.lexicon.release_codes):
                found = found or self._captor(state, target, actor, source)
            if found is not None:
                actor, reason = found
                notes.append(f"target: {reason}")
        own_side = draft.target_role == CLAUSE_SUBJECT_ROLE and _same_side(target, actor, source)
        if actor is not None and own_side:
            notes.append(f"'{actor.text}' acts for the source, not its target")
            actor = None
        return actor

    def _captor(
        self, state: _DocState, captive: Token, actor: Actor, source: Actor | None
    ) -> tuple[Actor, str] | None:
        """Who holds the captives whose release is at stake, when that is not the source
        itself (a captor releasing its captives aims the release at them): the agent in their
        own phrase ("prisoners held by Israel"), else, for captives the text gives no
        country, the captor of an earlier detention in the document."""
        agent = captor_in_phrase(captive, self.lexicon)
        captor = self._actor(state, agent) if agent is not None else None
        found: tuple[Actor, str] | None = None
        if captor is not None and captor.country is not None:
            found = captor, f"'{captive.text}' is held by '{captor.text}'"
        else:
            found = state.discourse.holder(captive) if actor.country is None else None
        if found is None or (source is not None and found[0].country == source.country):
            return None
        return found

    def _continued_subject(self, state: _DocState, pronoun: Token) -> tuple[Actor, str] | None:
        """The person a subject "he"/"she" continues when the resolver could not tell (two or
        more people named so far): the subject of the sentence before when it is a person,
        looking further back only past sentences that name no person, and only when no person
        is named before the pronoun in its own sentence. A subject "he" is
        followed to the "he" before it; the answer is cached under the pronoun's span."""
        if not is_subject_person_pronoun(pronoun):
            return None
        sent = pronoun.sent
        if any(e.label_ == "PERSON" and e.start < pronoun.i for e in sent.ents):
            return None  # "after Theresa May stepped down ... she": a nearer antecedent
        for earlier, subject in earlier_subjects(pronoun):
            names_person = any(e.label_ == "PERSON" for e in earlier.ents)
            if subject is None:
                if names_person:
                    return None  # a person there, but the parse gives no subject: unclear
                continue
            if subject.pos_ == "PRON" and subject.lower_ != pronoun.lower_:
                return None  # "she" after "he": another person
            actor = self._actor(state, subject) if subject.pos_ != "PRON" else None
            if subject.pos_ == "PRON":
                actor = state.actors.get((subject.idx, subject.idx + len(subject)))
            elif actor is None or not self._is_person(subject, actor):
                if names_person:
                    return None  # a person named there, not as the subject: unclear
                continue
            if actor is None or actor.country is None:
                return None
            found = replace(
                actor, text=pronoun.text, start=pronoun.idx, end=pronoun.idx + len(pronoun)
            )
            state.actors[(pronoun.idx, pronoun.idx + len(pronoun))] = found
            return replace(found), f"'{pronoun.text}' continues the subject '{subject.text}'"
        return None

    def _is_person(self, head: Token, actor: Actor) -> bool:
        """A person: an office holder or a phrase naming one ("Foreign Minister Sergei Lavrov",
        "the Ukrainian president")."""
        if actor.role is not None:
            return True
        first, last = actor_span(head, self.lexicon)
        return any(t.ent_type_ == "PERSON" for t in head.doc[first:last])

    def _foreign_code(self, code: str, source: Actor | None, target: Actor | None) -> str | None:
        """The code of a domestic measure when it is aimed at another country (a ban on a
        foreign state's vessels is a sanction, not repression): see cues.yaml."""
        if source is None or target is None or source.country is None:
            return None
        if target.country is None or target.country == source.country:
            return None
        return self.lexicon.foreign_target_codes.get(code)

    def _actor(self, state: _DocState, head: Token | None) -> Actor | None:
        if head is None:
            return None
        first, last = actor_span(head, self.lexicon)
        doc = state.doc
        start = doc[first].idx
        end = doc[last - 1].idx + len(doc[last - 1].text)
        cached = state.actors.get((start, end))
        if cached is not None:
            return replace(cached)
        if state.text is None:
            state.text = doc.text
        text = state.text[start:end]
        if state.context is None:
            state.context = self.resolver.document(state.date)
        self._introduce_people(state, start)
        actor = self._resolve(state, text, start, end)
        state.actors[(start, end)] = actor
        return replace(actor)

    def _resolve(self, state: _DocState, text: str, start: int, end: int) -> Actor:
        """The document context's reading of a mention; a bare surname the document does not
        introduce is read as the phrase an earlier document introduced that person with."""
        if state.context is None:
            state.context = self.resolver.document(state.date)
        actor = state.context.resolve(text, start, end)
        if actor.country is None:
            introduction = self.people.introduction(text)
            if introduction is not None:
                actor = state.context.resolve(introduction, start, end)
        else:
            self.people.remember(actor)
        return replace(actor, text=text, start=start, end=end)

    def _introduce_people(self, state: _DocState, before: int) -> None:
        """Let coreference see the people named earlier in the document, also in sentences
        that held no event ("President X arrived. He praised Y." -> "He" is X)."""
        if state.people is None:
            state.people = [ent for ent in state.doc.ents if ent.label_ in _PEOPLE_LABELS]
        people = state.people
        while state.people_seen < len(people) and people[state.people_seen].end_char <= before:
            person = people[state.people_seen]
            if (person.start_char, person.end_char) not in state.actors:
                self._resolve(state, person.text, person.start_char, person.end_char)
            state.people_seen += 1


# The small English model often labels a person's name ORG; coreference sorts them out.
_PEOPLE_LABELS = frozenset({"PERSON", "ORG"})


def _pairs(draft: Draft, lexicon: Lexicon) -> list[tuple[Token | None, Token | None, bool]]:
    """(source, target) pairs: one per coordinated actor; reciprocal codes pair conjuncts."""
    sources: list[Token | None] = [None]
    targets: list[Token | None] = [None]
    if draft.source is not None:
        sources = list(members(draft.source))
    if draft.target is not None:
        targets = list(members(draft.target))
    weak_target = (
        draft.target is None
        or actor_strength(draft.target, lexicon) < 2
        or not _governed_by(draft.target, draft.trigger)
    )
    if weak_target and len(sources) >= 2 and lexicon.is_reciprocal(draft.cameo):
        return [(a, b, True) for a in sources for b in sources if _apart(a, b)]
    if draft.source is None and len(targets) >= 2 and lexicon.is_reciprocal(draft.cameo):
        return [(a, b, True) for a in targets for b in targets if _apart(a, b)]
    return [(s, t, False) for s in sources for t in targets if s is None or t is None or s.i != t.i]


def _governed_by(target: Token, trigger: Token) -> bool:
    """Whether the trigger itself takes the target, directly or through its preposition; in
    "India and Pakistan agreed to a cease-fire to end fighting in Kashmir" Kashmir belongs to
    an embedded clause, so the coordinated parties, not Kashmir, are each other's target."""
    head = target.head
    if head.dep_ in ("prep", "agent", "dative"):
        head = head.head
    if head.dep_ == "dobj" and head.head.i == trigger.i:
        head = head.head  # "held talks with King Abdullah": the talks the trigger holds
    return head.i == trigger.i


def _same_side(token: Token | None, actor: Actor | None, source: Actor | None) -> bool:
    """Whether a clause's subject is the source's own side: the source's state when a state
    body speaks ("the defence minister warned that Norway would ..."), or a
    pronoun the resolver could not place ("China warned it would ..."). Another body of the
    same country is not ("the speaker demanded that the prime minister appear ...")."""
    if token is None or actor is None or source is None:
        return False
    if actor.country is None:
        return token.lower_ in ("it", "they", "we")
    if actor.country != source.country:
        return False
    the_state = actor.sector is None or actor.id == actor.country  # "Norway", "Moscow"
    return the_state and source.sector in _STATE_SECTORS


_STATE_SECTORS = frozenset({"GOV", "MIL"})


def _text_length(item: Document | tuple[str, Any]) -> int:
    """Characters of a document or of an (piece, context) pair, for `bounded_batches`."""
    return len(item.text if isinstance(item, Document) else item[0])


def _apart(a: Token | None, b: Token | None) -> bool:
    return a is not None and b is not None and a.i != b.i


def _shifted(event: Event, offset: int, sentences: int) -> Event:
    """An event of a document piece with offsets and sentence index of the whole document."""

    def moved(actor: Actor | None) -> Actor | None:
        if actor is None or actor.start is None or actor.end is None:
            return actor
        return replace(actor, start=actor.start + offset, end=actor.end + offset)

    trigger = event.trigger
    if trigger is not None:
        trigger = Trigger(trigger.text, trigger.start + offset, trigger.end + offset)
    return replace(
        event,
        sentence_index=event.sentence_index + sentences,
        source=moved(event.source),
        target=moved(event.target),
        speaker=moved(event.speaker),
        trigger=trigger,
    )


def _explain(draft: Draft, code: str, reciprocal: bool) -> str:
    parts = [f"{draft.rule} (lexicon CAMEO {code})" if draft.type_override is None else draft.rule]
    if draft.source_role:
        parts.append(f"{draft.source_role}→source")
    if draft.target_role:
        parts.append(f"{draft.target_role}→target")
    if reciprocal:
        parts.append("reciprocal: coordinated actors act toward each other")
    parts.extend(draft.notes)
    return "; ".join(parts)
