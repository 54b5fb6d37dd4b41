"""The event coder: parsed documents in, `Event` records out.

The Coder runs the components its `CoderConfig` names (`coding.components`: lexicon rules,
statements, the learned type classifier) over each sentence that holds a trigger, then turns
the surviving drafts into events: their actors come from `coding.participants` (mentions
resolved in the document's context and followed to what they stand for), their dates from
`coding.timing`.

Speed matters because this runs over whole corpora: the only full pass over tokens is the
screening of lemmas against one precompiled set; everything else runs on the few sentences that
contain a trigger, and actors are resolved only for events that survive.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Token

from detente.actors import ActorResolver, get_resolver
from detente.actors.gazetteer import add_gazetteer
from detente.coding.anaphora import anaphoric_events
from detente.coding.components import (
    COMPONENTS,
    ClassifierRetyping,
    Classify,
    CoderConfig,
    Component,
    SentenceState,
)
from detente.coding.dates import DateMention, find_date_expressions
from detente.coding.discourse import PeopleMemory
from detente.coding.lexicon import Lexicon, load_lexicon
from detente.coding.ontology import cameo_code
from detente.coding.participants import DocumentActors
from detente.coding.rules import Draft
from detente.coding.spans import actor_span, actor_strength, members
from detente.coding.speech import QUOTE_CHARS
from detente.coding.timing import event_date
from detente.model import Actor, Document, Event, Trigger
from detente.nlp import MAX_CHUNK_CHARS, load_nlp, paragraph_chunks
from detente.nlp.batching import bounded_batches


@dataclass(slots=True)
class _DocState:
    doc_id: str | None
    date: str | None
    actors: DocumentActors
    memory: dict[str, Any] = field(default_factory=dict)  # e.g. the last speaker


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
                component: Component | None = ClassifierRetyping(classifier)
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
        actors = DocumentActors(doc, date, self.resolver, self.lexicon, self.people)
        state = _DocState(doc_id, date, actors)
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
                actors.mention(speaker)  # so coreference knows who "he" is next
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
        source_actor = state.actors.source(source, notes)
        target_actor = state.actors.target(draft, code, source_actor, target, notes)
        state.actors.record(trigger, code, source_actor, target, target_actor)
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
            speaker=state.actors.mention(draft.speaker),
            negated=draft.negated,
            hypothetical=draft.hypothetical or plover == "THREATEN",
            explanation=explanation,
            confidence=round(draft.confidence * (0.8 if draft.hypothetical else 1.0), 3),
        )

    def _foreign_code(self, code: str, source: Actor | None, target: Actor | None) -> str | None:
        """The code of a domestic measure when it is aimed at another country (a ban on a
        foreign state's vessels is a sanction, not repression): see cues.yaml."""
        if source is None or target is None or source.country is None:
            return None
        if target.country is None or target.country == source.country:
            return None
        return self.lexicon.foreign_target_codes.get(code)


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
