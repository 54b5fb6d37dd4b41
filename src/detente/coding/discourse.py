"""Actors a mention refers to beyond its own words: across documents and earlier in a document.

Two gaps the per-mention resolver cannot close:

* A news stream introduces a person once ("Norwegian Foreign Minister Kari Haugland") and later
  articles say only "Haugland". People the knowledge base does not know are lost there, so
  `PeopleMemory` remembers, for the run, the surnames of people introduced with a title that
  gave their country, and re-introduces them when a later document uses the surname alone. A
  surname seen with two countries is forgotten, never guessed.
* "Iceland condemned the seizure", "Norway denied the accusation", "accusing them of spying":
  the target names an earlier event or actor, not an actor of its own. `Discourse` keeps the
  actors of the document's events in text order and finds the antecedent: the author of the
  latest earlier event for a definite event noun, the latest fitting actor for a pronoun.
* "Lavrov met Rubio in Riyadh. On the same day, he also said ...": with two people named, the
  resolver cannot tell whom "he" means. A subject pronoun most often continues the subject of
  the sentence before (the centering preference), so `earlier_subjects` offers the subjects of
  the preceding sentences, latest first, and the coder takes the first that is a person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from detente.coding.lexicon import Lexicon
from detente.model import Actor

MAX_PEOPLE = 50_000  # a run's memory of people; emptied when full (memory stays flat)
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_GROUP_PRONOUNS = frozenset({"they", "them", "their", "it", "its"})
SUBJECT_PERSON_PRONOUNS = frozenset({"he", "she"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_OBJECT_PRONOUNS = {"him": False, "her": False, "them": True}  # -> plural antecedent
_PEOPLE = frozenset({"PERSON"})
_GROUPS = frozenset({"PERSON", "NORP", "ORG"})
_NOUN_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "dative", "attr"})
LOOK_BACK = 3  # sentences a subject pronoun may reach back to its antecedent


def _key(text: str) -> str:
    return " ".join(text.lower().replace("’s", "").replace("'s", "").split())


class PeopleMemory:
    """Surname (and full name) -> the phrase that introduced the person, across documents."""

    def __init__(self, limit: int = MAX_PEOPLE) -> None:
        self.limit = limit
        self._intro: dict[str, str | None] = {}  # None: seen with two countries
        self._country: dict[str, str | None] = {}

    def __len__(self) -> int:
        return len(self._intro)

    def remember(self, actor: Actor) -> None:
        """Keep a person introduced with a name and a country by a title or nationality."""
        if actor.name is None or actor.id is not None or actor.country is None:
            return
        tokens = _key(actor.name).split()
        if len(tokens) < 2 or _key(actor.text) == _key(actor.name):
            return  # the country came from the words around the name, which are not there
        if len(self._intro) >= self.limit:
            self._intro.clear()
            self._country.clear()
        for name in (" ".join(tokens), tokens[-1]):
            known = self._country.get(name, actor.country)
            if name in self._intro and known != actor.country:
                self._intro[name] = None
                self._country[name] = None
            elif name not in self._intro:
                self._intro[name] = actor.text
                self._country[name] = actor.country

    def introduction(self, mention: str) -> str | None:
        """The phrase that introduced the person `mention` names, if one person was."""
        return self._intro.get(_key(mention))


@dataclass(slots=True)
class _Mention:
    start: int
    actor: Actor
    is_source: bool


@dataclass(slots=True)
class Discourse:
    """The actors of one document's events so far, in text order."""

    mentions: list[_Mention] = field(default_factory=list)
    # who holds whom: the head noun of each group detained or seized ("crew", "hostages") and
    # the actor that holds it, so "demanded the release of the crew" is aimed at the captor
    holders: dict[str, Actor] = field(default_factory=dict)

    def add(self, actor: Actor | None, is_source: bool) -> None:
        if actor is not None and actor.country is not None and actor.start is not None:
            self.mentions.append(_Mention(actor.start, actor, is_source))

    def hold(self, captive: Token, captor: Actor | None) -> None:
        """Remember that `captor` detained or seized `captive`."""
        if captor is not None and captor.country is not None:
            self.holders[captive.lemma_.lower()] = captor

    def holder(self, captive: Token) -> tuple[Actor, str] | None:
        """Who holds the group whose release is demanded, granted or refused."""
        captor = self.holders.get(captive.lemma_.lower())
        if captor is None:
            return None
        return captor, f"'{captive.text}' is held by '{captor.text}' (an earlier detention)"

    def antecedent(
        self, token: Token, actor: Actor, source: Actor | None, lexicon: Lexicon
    ) -> tuple[Actor, str] | None:
        """The actor an unresolved target mention refers to, with the reason, or None."""
        if actor.country is not None or actor.start is None:
            return None
        if token.pos_ == "PRON" or token.tag_ == "PRP$":
            word = token.lower_
            if word in _PERSON_PRONOUNS:
                kind = "person"
            elif word in _GROUP_PRONOUNS:
                kind = "group"
            else:
                return None
            found = self._latest(actor.start, source, lambda m: _fits(m.actor, kind))
            reason = f"'{token.text}' refers to '{found.text}'" if found else ""
        elif is_event_reference(token, lexicon):
            found = self._latest(actor.start, source, lambda m: m.is_source)
            reason = f"'{token.text}' is the act of '{found.text}'" if found else ""
        else:
            return None
        if found is None:
            return None
        resolved = replace(found, text=actor.text, start=actor.start, end=actor.end)
        return resolved, reason

    def _latest(
        self, before: int, source: Actor | None, wanted: Callable[[_Mention], bool]
    ) -> Actor | None:
        for mention in reversed(self.mentions):
            if mention.start >= before or not wanted(mention):
                continue
            if source is not None and _same_side(mention.actor, source):
                continue
            return mention.actor
        return None


def _person(actor: Actor) -> bool:
    """A person the text introduced (the KB's people and places carry an id; groups no name)."""
    return actor.name is not None and actor.id is None


def _fits(actor: Actor, kind: str) -> bool:
    return _person(actor) if kind == "person" else not _person(actor)


def _same_side(a: Actor, b: Actor) -> bool:
    if a.country is not None and b.country is not None:
        return a.country == b.country
    return _key(a.text) == _key(b.text)


def is_event_reference(token: Token, lexicon: Lexicon) -> bool:
    """A definite noun naming an act ("the seizure", "her criticism", "this decision")."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicon.event_reference_nouns:
        return False
    return is_definite(token)


def is_definite(token: Token) -> bool:
    """Whether a noun points at something the reader already knows: a definite or demonstrative
    determiner ("the seizure", "these talks") or a possessive pronoun ("their meeting"). An
    indefinite or bare noun ("a summit", "meetings are useful") introduces or generalises."""
    return any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE) or (c.dep_ == "poss" and c.pos_ == "PRON")
        for c in token.children
    )


def is_subject_person_pronoun(token: Token) -> bool:
    """ "he"/"she" as the subject of its clause, where the centering preference applies."""
    return token.lower_ in SUBJECT_PERSON_PRONOUNS and token.dep_ in _SUBJECT_DEPS


def earlier_subjects(pronoun: Token, limit: int = LOOK_BACK) -> Iterator[tuple[Span, Token | None]]:
    """The `limit` sentences before the pronoun's, latest first, each with the subject of its
    main clause (None where the parser found none)."""
    doc = pronoun.doc
    start = pronoun.sent.start
    for _ in range(limit):
        if start == 0:
            return
        sent = doc[start - 1].sent
        start = sent.start
        yield sent, next((c for c in sent.root.children if c.dep_ in _SUBJECT_DEPS), None)


def sentence_antecedent(pronoun: Token, source: Token | None, lexicon: Lexicon) -> Token | None:
    """The noun an object pronoun takes up within its own sentence ("opened a case against the
    driver and detained him"): the nearest earlier actor noun of the pronoun's number that is
    not the source or one of its conjuncts."""
    plural = _OBJECT_PRONOUNS.get(pronoun.lower_)
    if plural is None or pronoun.dep_ not in ("dobj", "pobj", "dative"):
        return None
    excluded = {source.i, *(c.i for c in source.conjuncts)} if source is not None else set()
    for token in reversed(pronoun.sent[: pronoun.i - pronoun.sent.start]):
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in _NOUN_ROLES:
            continue
        if token.i in excluded or (token.tag_ in ("NNS", "NNPS")) != plural:
            continue
        kinds = _GROUPS if plural else _PEOPLE  # "him" is a person, "them" also a body
        if token.ent_type_ in kinds or token.lemma_.lower() in lexicon.actor_nouns:
            return token
    return None
