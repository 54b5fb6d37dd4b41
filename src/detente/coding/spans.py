"""Actor mentions from the dependency parse: which token heads an actor and which text it spans.

An event names its actors by a head token (the subject, object, or prepositional object found
by the rules). Researchers read the span, and gold sets compare spans, so the span is the head's
noun phrase with its modifiers and prepositional attachments ("military base in Lamu county"),
but without clauses hanging off it, leading articles, or the other members of a coordination,
which become events of their own.
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.coding.lexicon import Lexicon

ACTOR_ENTITY_TYPES = frozenset({"PERSON", "NORP", "GPE", "ORG"})
# Dependants that are not part of the actor's own noun phrase.
_EXCLUDED_DEPS = frozenset(
    {"relcl", "acl", "advcl", "conj", "cc", "punct", "parataxis", "appos", "ccomp", "xcomp"}
)
_CUT_PUNCT = frozenset({",", ";", ":", "(", ")", "—", "–", '"', "“", "”"})
_EDGE_DROP = frozenset({"the", "a", "an", "'s", "'", "’s", "”", "“", '"', ",", "-", "—"})
PERSONAL_PRONOUNS = frozenset(
    {"he", "she", "they", "we", "i", "it", "him", "her", "them", "us", "me", "you"}
)
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("the US and the EU" -> [US, EU])."""
    found = [token]
    stack = [c for c in token.children if c.dep_ == "conj"]
    while stack:
        item = stack.pop(0)
        found.append(item)
        stack.extend(c for c in item.children if c.dep_ == "conj")
    return found


def actor_span(token: Token) -> tuple[int, int]:
    """Token index range [start, end) of the actor phrase headed by `token`."""
    if token.pos_ == "PRON":
        return token.i, token.i + 1
    keep = [token]
    stack = [token]
    while stack:
        item = stack.pop()
        for child in item.children:
            if child.dep_ in _EXCLUDED_DEPS and not (item is not token and child.dep_ == "conj"):
                continue
            keep.append(child)
            stack.append(child)
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    doc = token.doc
    # Keep the phrase contiguous around the head: a skipped clause cuts it off.
    left = start
    for i in range(token.i - 1, start - 1, -1):
        if _cuts(doc[i], token):
            left = i + 1
            break
    right = end
    for i in range(token.i + 1, end):
        if _cuts(doc[i], token):
            right = i
            break
    while left < token.i and doc[left].lower_ in _EDGE_DROP:
        left += 1
    while right - 1 > token.i and doc[right - 1].lower_ in _EDGE_DROP:
        right -= 1
    return left, right


def _cuts(item: Token, head: Token) -> bool:
    """Whether `item` ends the head's phrase: a clause or separator attached to the head."""
    if item.head.i != head.i:
        return False
    if item.dep_ == "punct":
        return item.text in _CUT_PUNCT
    return item.dep_ in _EXCLUDED_DEPS


def is_actor_like(token: Token, lexicon: Lexicon) -> bool:
    """Whether a head token plausibly names a political actor rather than a thing or place."""
    if token.ent_type_ in ACTOR_ENTITY_TYPES:
        return True
    lemma = token.lemma_.lower()
    if token.pos_ == "PRON":
        return lemma in PERSONAL_PRONOUNS
    if lemma in lexicon.actor_nouns:
        return True
    for child in token.children:
        if child.dep_ in ("compound", "amod", "poss") and child.ent_type_ in ACTOR_ENTITY_TYPES:
            return True
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in ACTOR_ENTITY_TYPES:
                    return lemma not in lexicon.noun_heads
    return False


def entity_modifier(token: Token) -> Token | None:
    """A nationality/organisation modifier that names who did a nominal event ("Russian strikes")."""
    for child in token.children:
        if child.dep_ == "poss":
            return child
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.ent_type_ in ACTOR_ENTITY_TYPES:
            return child
    return None
