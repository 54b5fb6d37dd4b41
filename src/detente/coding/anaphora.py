"""Event anaphora: "the meeting", "the sanctions" as events between actors named earlier.

News names the participants of an event once ("Trump and Putin will meet in Anchorage on
Friday.") and then refers to the event by a definite noun ("After the meeting in Alaska, ...",
"The summit ended without a deal."). The noun rules code a nominal event only when its actors
are in the same sentence, so these mentions were lost. Here such a noun is linked to the latest
earlier event of the document with a compatible CAMEO code (data/anaphora.yaml says which nouns
fit which codes, and why) and coded with that event's source and target: the actor spans are
the antecedent's mentions, and the explanation names the sentence they come from.

What is left alone: indefinite or generic nouns ("a summit would help", "meetings are useful"),
nouns that name another occurrence ("the next meeting"), nouns an event of their own sentence
already covers (its trigger, an argument, or the object of its verb), nouns with no compatible
event within `look_back_sentences`, nouns whose own clause names participants ("the agreement
signed between Turkey and Libya": the rules missed them, borrowing others would be wrong), and
antecedents in the same sentence (the sentence's own event already reports it). An antecedent
whose only known participant comes with low confidence is not borrowed from either: the copy
would spread a guessed actor. The look-back runs within one parsed piece of the document
(documents longer than `nlp.MAX_CHUNK_CHARS` are coded piece by piece).

The date is the mention's own time expression if it has one, else, when the antecedent is the
same act and was dated by its own sentence, the antecedent's date (it is the same occurrence),
else the publication date. Confidence is the antecedent's times `confidence_factor`, so an
anaphoric event always ranks below the event it borrows from. Antecedent sentences in the
explanation are `sentence_index` values, as in the event records; `extra["anaphora"]` holds the
antecedent's sentence index and trigger, so anaphoric events can be filtered out or joined back.

A re-mention that says nothing new is not coded either. "At the summit, Zelensky said ..."
repeats the summit reported before; coding it again would count one meeting twice in the dyad's
timeline. The mention is coded when it adds something: a clause about the event (the noun is a
subject: "the summit ended without a deal", "the sanctions took effect"), a change of status
(the antecedent was announced, hypothetical or denied, the mention asserts it: "after the
meeting"), a date of its own that differs from the antecedent's, or a place the antecedent's
sentence did not name ("the meeting in Alaska"). The explanation lists which. The place and the
clause are not fields of the event, but they show that the text reports on the event itself
rather than using it as a time reference ("after the meeting, X said"); a copula ("the deal is
void") is not counted as a clause about it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Span, Token

from detente.coding.arguments import lemma_of, pobjs
from detente.coding.dates import find_date_expressions
from detente.coding.discourse import is_definite
from detente.coding.lexicon import Lexicon, LexiconError
from detente.coding.ontology import cameo_code
from detente.coding.rules import Draft, consumed_nouns, match_verb, modality, negated
from detente.coding.spans import ACTOR_ENTITY_TYPES
from detente.coding.timing import event_date
from detente.model import Actor, Event, Trigger

_DATA = "anaphora.yaml"
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_MODIFIER_DEPS = frozenset({"amod", "det", "advmod", "nummod", "compound", "npadvmod"})
_CLAUSE_DEPS = frozenset({"acl", "relcl"})


@dataclass(frozen=True, slots=True)
class NounGroup:
    """Event nouns that can name one kind of act, and the antecedent codes they fit."""

    name: str
    acts: tuple[str, ...]
    announced: tuple[str, ...]
    code: str

    def fits(self, cameo: str | None) -> bool:
        return cameo is not None and cameo.startswith(self.acts + self.announced)

    def is_act(self, cameo: str | None) -> bool:
        return cameo is not None and cameo.startswith(self.acts)


@dataclass(frozen=True, slots=True)
class AnaphoraTable:
    """The contents of data/anaphora.yaml, checked and keyed by noun lemma."""

    groups: dict[str, NounGroup]
    look_back: int
    confidence_factor: float
    min_antecedent: float
    other_occurrence: frozenset[str]
    place_prepositions: frozenset[str]
    occurrence: frozenset[str]


def _codes(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise LexiconError(f"{_DATA}: {where} must be a list of CAMEO code prefixes")
    codes = tuple(str(v) for v in value)
    unknown = [c for c in codes if cameo_code(c) is None]
    if unknown:
        raise LexiconError(f"{_DATA}: {where} names unknown CAMEO codes {unknown}")
    return codes


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise LexiconError(f"{_DATA}: `{key}` must be a non-empty list of words")
    return frozenset(str(v).lower() for v in value)


def parse_table(data: dict[str, Any]) -> AnaphoraTable:
    """Check and index the YAML mapping; a noun in two groups or an unknown code fails loudly
    instead of silently linking nouns to the wrong events."""
    groups: dict[str, NounGroup] = {}
    raw_groups = data.get("groups")
    if not isinstance(raw_groups, dict) or not raw_groups:
        raise LexiconError(f"{_DATA}: `groups` must map group names to noun groups")
    for name, raw in raw_groups.items():
        if not isinstance(raw, dict):
            raise LexiconError(f"{_DATA}: group {name!r} must be a mapping")
        code = str(raw.get("code"))
        if cameo_code(code) is None:
            raise LexiconError(f"{_DATA}: group {name!r} has unknown code {code!r}")
        group = NounGroup(
            str(name),
            _codes(raw.get("acts"), f"{name}.acts"),
            _codes(raw.get("announced"), f"{name}.announced"),
            code,
        )
        if not group.acts:
            raise LexiconError(f"{_DATA}: group {name!r} needs at least one act code")
        for noun in _words(raw, "nouns"):
            if noun in groups:
                raise LexiconError(f"{_DATA}: noun {noun!r} in {groups[noun].name} and {name}")
            groups[noun] = group
    look_back = data.get("look_back_sentences")
    factor = data.get("confidence_factor")
    if not isinstance(look_back, int) or look_back < 1:
        raise LexiconError(f"{_DATA}: `look_back_sentences` must be a positive integer")
    minimum = data.get("min_antecedent_confidence")
    for key, value in (("confidence_factor", factor), ("min_antecedent_confidence", minimum)):
        if not isinstance(value, int | float) or not 0 <= value < 1:
            raise LexiconError(f"{_DATA}: `{key}` must be a number from 0 to 1")
    assert isinstance(factor, int | float) and isinstance(minimum, int | float)
    return AnaphoraTable(
        groups=groups,
        look_back=look_back,
        confidence_factor=float(factor),
        min_antecedent=float(minimum),
        other_occurrence=_words(data, "other_occurrence_modifiers"),
        place_prepositions=_words(data, "place_prepositions"),
        occurrence=_words(data, "occurrence_verbs"),
    )


@lru_cache(maxsize=1)
def load_table() -> AnaphoraTable:
    """The packaged table, read once per process."""
    text = resources.files("detente.coding").joinpath("data", _DATA).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise LexiconError(f"{_DATA}: expected a mapping at top level")
    return parse_table(data)


def anaphoric_events(
    sent: Span,
    index: int,
    drafts: list[Draft],
    earlier: list[Event],
    published: str | None,
    doc_id: str | None,
    lexicon: Lexicon,
) -> list[Event]:
    """Events for the definite event nouns of sentence `index` that refer back to one of the
    document's `earlier` events (its events so far, in text order); `drafts` are the
    sentence's own drafts, whose nouns are not coded again."""
    table = load_table()
    if not any(lemma_of(t) in table.groups for t in sent):
        return []
    covered = _covered(sent, drafts, lexicon)
    found: list[Event] = []
    linked: set[tuple[int, int]] = set()  # one mention per antecedent and sentence
    for token in sent:
        group = table.groups.get(lemma_of(token))
        if group is None or token.i in covered or not _refers_back(token, table):
            continue
        antecedents = _antecedents(earlier, group, index, table)
        if not antecedents:
            continue
        first = antecedents[0]
        assert first.trigger is not None
        key = (first.sentence_index, first.trigger.start)
        if key in linked:
            continue
        mention = _Mention(sent, token, group, published, lexicon, table)
        news = mention.news(first, table)
        if not news:
            continue
        linked.add(key)
        found.extend(mention.event(a, index, doc_id, news, table) for a in antecedents)
    return found


def _covered(sent: Span, drafts: list[Draft], lexicon: Lexicon) -> set[int]:
    """Tokens the sentence's own events already account for: triggers, their arguments, the
    nouns their verbs consume ("held talks"), also of verbs folded into a governing event
    ("agreed to hold the talks": the fold drops the `hold` draft, not its talks)."""
    triggers = {d.trigger.i for d in drafts}
    covered = set(triggers)
    for draft in drafts:
        covered.update(t.i for t in (draft.source, draft.target) if t is not None)
        covered.update(consumed_nouns(draft.trigger, lexicon))
    for token in sent:
        if (
            token.pos_ in ("VERB", "AUX")
            and token.i not in triggers
            and token.head.i in triggers
            and match_verb(token, lexicon) is not None
        ):
            covered.update(consumed_nouns(token, lexicon))
    return covered


def _refers_back(token: Token, table: AnaphoraTable) -> bool:
    """A definite event noun that names an occurrence the reader already knows of, and whose
    own clause ("the agreement signed between Turkey and Libya") names no participants: the
    noun rules may have missed them there, but borrowing others would be wrong."""
    if token.pos_ != "NOUN" or token.dep_ == "compound" or not is_definite(token):
        return False
    for child in token.children:
        if child.dep_ in _MODIFIER_DEPS and child.lower_ in table.other_occurrence:
            return False
        if child.dep_ in _CLAUSE_DEPS and any(
            t.ent_type_ in ACTOR_ENTITY_TYPES for t in child.subtree
        ):
            return False
    return True


def _antecedents(
    earlier: list[Event], group: NounGroup, index: int, table: AnaphoraTable
) -> list[Event]:
    """The latest earlier event (one trigger, possibly several dyads: "Trump and Putin met" is
    coded both ways) that fits the noun and has a known participant; one known participant is
    not enough when the event itself is doubtful (see `min_antecedent_confidence`)."""
    fitting = [
        e
        for e in earlier
        if e.trigger is not None
        and 0 < index - e.sentence_index <= table.look_back
        and group.fits(e.cameo)
        and _known(e) >= (1 if e.confidence >= table.min_antecedent else 2)
    ]
    if not fitting:
        return []
    latest = max(_position(e) for e in fitting)
    return [e for e in fitting if _position(e) == latest]


def _position(event: Event) -> tuple[int, int]:
    return event.sentence_index, event.trigger.start if event.trigger is not None else -1


def _known(event: Event) -> int:
    """How many of the event's participants were resolved to a country."""
    return sum(a is not None and a.country is not None for a in (event.source, event.target))


class _Mention:
    """One anaphoric noun with what its sentence says about it."""

    def __init__(
        self,
        sent: Span,
        token: Token,
        group: NounGroup,
        published: str | None,
        lexicon: Lexicon,
        table: AnaphoraTable,
    ) -> None:
        self.sent = sent
        self.token = token
        self.group = group
        self.published = published
        self.lexicon = lexicon
        # "the meeting did not take place": the verb says whether the event happened at all
        occurrence = token.dep_ in _SUBJECT_DEPS and lemma_of(token.head) in table.occurrence
        mood = modality(token, lexicon)
        if mood is None and occurrence:
            mood = modality(token.head, lexicon)
        self.hypothetical = mood is not None or sent.text.rstrip().endswith("?")
        self.mood = mood.reason if mood is not None else ("question" if self.hypothetical else "")
        self.negated = negated(token, lexicon) or (occurrence and negated(token.head, lexicon))
        mentions = find_date_expressions(sent.text, published)
        self.date, self.precision, self.date_note = event_date(
            sent, token, mentions, published, lexicon
        )

    def news(self, antecedent: Event, table: AnaphoraTable) -> list[str]:
        """What the mention adds to the antecedent: empty when it only names it again."""
        found: list[str] = []
        head = self.token.head
        if self.token.dep_ in _SUBJECT_DEPS and lemma_of(head) != "be":  # not "the deal is X"
            found.append(f"a clause about it ('{head.text}')")
        asserted = not (self.hypothetical or self.negated)
        announced = not self.group.is_act(antecedent.cameo)
        if asserted and (antecedent.hypothetical or antecedent.negated or announced):
            found.append("it took place (the antecedent was announced or hypothetical)")
        if self.precision != "document" and self.date != antecedent.date:
            found.append(f"its own date {self.date}")
        place = self._new_place(antecedent.sentence, table)
        if place is not None:
            found.append(f"place '{place}'")
        return found

    def _new_place(self, earlier_sentence: str, table: AnaphoraTable) -> str | None:
        for prep in self.token.children:
            if prep.dep_ != "prep" or prep.lower_ not in table.place_prepositions:
                continue
            for obj in pobjs(prep):
                if obj.ent_type_ in _PLACE_ENTITIES and obj.text not in earlier_sentence:
                    return obj.text
        return None

    def event(
        self,
        antecedent: Event,
        index: int,
        doc_id: str | None,
        news: list[str],
        table: AnaphoraTable,
    ) -> Event:
        """The antecedent's dyad, coded from this sentence. The code stays the antecedent's
        when it is the same act (more specific than the noun's); an announced act that the
        mention reports as done takes the act's own code."""
        code = antecedent.cameo if self.group.is_act(antecedent.cameo) else self.group.code
        assert code is not None and antecedent.trigger is not None
        info = cameo_code(code)
        assert info is not None  # the table's codes are checked at load time
        date, precision = self.date, self.precision
        notes = [self.date_note] if self.date_note else []
        inherited = precision == "document" and self.group.is_act(antecedent.cameo)
        if inherited and not antecedent.hypothetical and antecedent.date_precision != "document":
            date, precision = antecedent.date, antecedent.date_precision
            notes.append(f"date of the antecedent event ({date})")
        if self.mood:
            notes.append(self.mood)
        token = self.token
        phrase = self.sent.doc[token.left_edge.i : token.i + 1].text
        distance = index - antecedent.sentence_index
        explanation = "; ".join(
            [
                f"event anaphora: '{phrase}' ({self.group.name} noun) refers to the "
                f"'{antecedent.trigger.text}' event of sentence {antecedent.sentence_index} "
                f"({distance} earlier, CAMEO {antecedent.cameo})",
                f"participants from sentence {antecedent.sentence_index}: "
                f"{_name(antecedent.source)} → {_name(antecedent.target)}",
                f"CAMEO {code}" + ("" if code == antecedent.cameo else " (the act announced)"),
                "adds " + ", ".join(news),
                *notes,
            ]
        )
        confidence = antecedent.confidence * table.confidence_factor
        return Event(
            doc_id=doc_id,
            sentence_index=index,
            sentence=self.sent.text.strip(),
            type=info.plover_type or antecedent.type,
            mode=info.plover_mode,
            cameo=code,
            goldstein=info.goldstein,
            quad=info.quad,
            source=_copy(antecedent.source),
            target=_copy(antecedent.target),
            trigger=Trigger(token.text, token.idx, token.idx + len(token.text)),
            date=date,
            date_precision=precision,  # type: ignore[arg-type]
            negated=self.negated,
            hypothetical=self.hypothetical,
            explanation=explanation,
            confidence=round(confidence * (0.8 if self.hypothetical else 1.0), 3),
            extra={
                "anaphora": {
                    "sentence_index": antecedent.sentence_index,
                    "trigger": antecedent.trigger.text,
                }
            },
        )


def _name(actor: Actor | None) -> str:
    return f"'{actor.text}'" if actor is not None else "none"


def _copy(actor: Actor | None) -> Actor | None:
    return replace(actor) if actor is not None else None
