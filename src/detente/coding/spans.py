"""Actor mentions from the dependency parse: which token heads an actor and which text it spans.

An event names its actors by a head token (the subject, object, or prepositional object found
by the rules). Researchers read the span, and gold sets compare spans, so the span is the head's
noun phrase with its modifiers and prepositional attachments ("military base in Lamu county"),
but without clauses hanging off it, leading articles, or the other members of a coordination,
which become events of their own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from detente.coding.lexicon import Lexicon

ACTOR_ENTITY_TYPES = frozenset({"PERSON", "NORP", "GPE", "ORG"})
# Entities that are never actors (times, amounts): not even a fallback target.
NON_ACTOR_ENTITY_TYPES = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
)
# Dependants that are not part of the actor's own noun phrase.
_EXCLUDED_DEPS = frozenset(
    {"relcl", "acl", "advcl", "conj", "cc", "punct", "parataxis", "appos", "ccomp", "xcomp"}
)
# A dateline glued to the first actor ("12 March 2024 - Lithuania") is not part of its name.
_DATELINE_TYPES = frozenset({"DATE", "TIME"})
_DATELINE_RUN = _DATELINE_TYPES | {"CARDINAL"}
_CUT_PUNCT = frozenset({",", ";", ":", "(", ")", "—", "–", '"', "“", "”"})
_EDGE_DROP = frozenset({"the", "a", "an", "'s", "'", "’s", "”", "“", '"', ",", "-", "—"})
PERSONAL_PRONOUNS = frozenset(
    {"he", "she", "they", "we", "i", "it", "him", "her", "them", "us", "me", "you"}
)
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


# A place dateline ("THE HAGUE, Netherlands --", "KABUL (Pajhwok):", "GAZA CITY, Gaza Strip --")
# opens a news story with an upper-case place and ends with one of these within a few tokens.
DATELINE_SEPARATORS = frozenset({"--", "-", "—", "–", ":", "):"})
MAX_DATELINE = 12
_QUOTES = frozenset({'"', "“", "”"})


def dateline_end(sent: Span) -> int:
    """The document index of the first token after the sentence's place dateline (the
    sentence start when it has none), so a dateline place is never taken for an actor."""
    alpha = [t for t in sent[:MAX_DATELINE] if t.is_alpha]
    place_first = sent[0].ent_type_ == "GPE" or (sent[0].is_title and sent[0].pos_ == "PROPN")
    if not alpha or not (place_first or any(t.is_upper and len(t) >= 3 for t in alpha[:2])):
        return sent.start
    for token in sent[1:MAX_DATELINE]:
        if token.pos_ in ("VERB", "AUX"):
            return sent.start  # a clause, not a dateline ("Iran said: ...")
        if token.text in DATELINE_SEPARATORS and (token.text != "-" or token.whitespace_):
            return token.i + 1
        if token.text in _QUOTES and token.nbor(-1).text == ")":
            return token.i + 1  # 'WASHINGTON (AP) " President ...'
    return sent.start


def in_dateline(token: Token) -> bool:
    return token.i < dateline_end(token.sent)


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("the US and the EU" -> [US, EU])."""
    found = [token]
    stack = [c for c in token.children if c.dep_ == "conj"]
    while stack:
        item = stack.pop(0)
        found.append(item)
        stack.extend(c for c in item.children if c.dep_ == "conj")
    return found


def members(token: Token) -> list[Token]:
    """The countries or groups a collective mention is made of, when it names several:
    "Indian and Bangladeshi officials" -> [Indian, Bangladeshi], "the governments of Norway and
    Iceland" -> [Norway, Iceland]; otherwise the coordinated tokens of `conjuncts`."""
    found = conjuncts(token)
    if len(found) > 1 or token.ent_type_ in ACTOR_ENTITY_TYPES:
        return found
    for child in token.children:
        if child.dep_ in ("amod", "compound") and child.ent_type_ in ACTOR_ENTITY_TYPES:
            named = [t for t in conjuncts(child) if t.ent_type_ in ACTOR_ENTITY_TYPES]
            if len(named) > 1:
                return named
        if child.dep_ == "prep" and child.lower_ == "of" and token.tag_ in ("NNS", "NNPS"):
            for obj in child.children:
                named = [t for t in conjuncts(obj) if t.ent_type_ in ACTOR_ENTITY_TYPES]
                if obj.dep_ == "pobj" and len(named) > 1:
                    return named
    return found


def actor_span(token: Token, lexicon: Lexicon | None = None) -> tuple[int, int]:
    """Token index range [start, end) of the actor phrase headed by `token`.

    The object of a charge verb loses its charge ("accused the opposition of treason").
    """
    if token.pos_ == "PRON":
        return token.i, token.i + 1
    charge: frozenset[str] = frozenset()
    if (
        lexicon is not None
        and token.dep_ in ("dobj", "nsubjpass")
        and token.head.lemma_.lower() in lexicon.charge_verbs
    ):
        charge = lexicon.charge_prepositions
    named = _named_apposition(token)
    keep = [token]
    stack = [token]
    while stack:
        item = stack.pop()
        for child in item.children:
            if child.dep_ in _EXCLUDED_DEPS and not (
                (item.i != token.i and child.dep_ == "conj") or same_token(child, named)
            ):
                continue
            if item.i == token.i and child.dep_ == "prep" and child.lower_ in charge:
                continue
            if child.dep_ == "prep" and governs_only(child, _DATELINE_TYPES):
                continue  # "the foreign minister on Monday": when, not who
            keep.append(child)
            stack.append(child)
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    doc = token.doc
    # Keep the phrase contiguous around the head: a skipped clause cuts it off.
    left = start
    for i in range(token.i - 1, start - 1, -1):
        if _cuts(doc[i], token, charge):
            left = i + 1
            break
    right = end
    kept = {t.i for t in keep}
    for i in range(token.i + 1, end):
        if named is not None and (
            i == named.i or (i == named.left_edge.i - 1 and doc[i].text == ",")
        ):
            continue  # the name and the comma that opens it: "his counterpart, Omar al-Razza"
        if _cuts(doc[i], token, charge) or (i not in kept and doc[i].dep_ != "punct"):
            right = i  # a word outside the phrase ("countries have called ..., including")
            break
    left = _skip_dateline(doc, left, token.i)
    while left < token.i and doc[left].lower_ in _EDGE_DROP:
        left += 1
    while right - 1 > token.i and doc[right - 1].lower_ in _EDGE_DROP:
        right -= 1
    return left, right


def governs_only(prep: Token, entity_types: frozenset[str]) -> bool:
    """Whether a preposition's objects are all entities of these types ("on Tuesday")."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in entity_types for o in objects)


def _named_apposition(token: Token) -> Token | None:
    """An apposition that names or titles the person of the head, which researchers read as
    one mention ("his Jordanian counterpart, Omar al-Razza"; "Cipollone, White House
    counsel"): kept in the span. Other appositions ("Bhutan, a nation ...") are not."""
    for child in token.children:
        if (
            child.dep_ == "appos"
            and child.i > token.i
            and "PERSON"
            in (
                child.ent_type_,
                token.ent_type_,
            )
        ):
            return child
    return None


def same_token(token: Token, other: Token | None) -> bool:
    return other is not None and token.i == other.i


def _skip_dateline(doc: Doc, left: int, head: int) -> int:
    """Past a leading run of date words, numbers and dashes that holds a date."""
    i = left
    dated = False
    while i < head and (doc[i].ent_type_ in _DATELINE_RUN or doc[i].is_punct):
        dated = dated or doc[i].ent_type_ in _DATELINE_TYPES
        i += 1
    return i if dated else left


def _cuts(item: Token, head: Token, charge: frozenset[str]) -> bool:
    """Whether `item` ends the head's phrase: a clause or separator attached to the head."""
    if item.head.i != head.i:
        return False
    if item.dep_ == "prep" and item.lower_ in charge:
        return True
    if item.dep_ == "punct":
        return item.text in _CUT_PUNCT
    return item.dep_ in _EXCLUDED_DEPS


def actor_strength(token: Token, lexicon: Lexicon) -> int:
    """2: names an actor (entity, actor noun, pronoun); 1: a thing an actor owns or is named
    in ("Russian economy", "leaders' summit"); 0: a thing, place or time."""
    if token.ent_type_ in ACTOR_ENTITY_TYPES:
        return 2
    lemma = token.lemma_.lower()
    if token.pos_ == "PRON":
        return 2 if lemma in PERSONAL_PRONOUNS else 0
    if lemma in lexicon.actor_nouns:
        return 2
    for child in token.children:
        if child.dep_ in ("compound", "amod", "poss") and child.ent_type_ in ACTOR_ENTITY_TYPES:
            return 1
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in ACTOR_ENTITY_TYPES:
                    return 0 if lemma in lexicon.noun_heads else 1
    return 0


def is_actor_like(token: Token, lexicon: Lexicon) -> bool:
    """Whether a head token plausibly names a political actor rather than a thing or place."""
    return actor_strength(token, lexicon) > 0


def entity_modifier(token: Token) -> Token | None:
    """A nationality or organisation modifier naming who did a nominal event ("Russian strikes")."""
    for child in token.children:
        if child.dep_ == "poss" and child.ent_type_ not in NON_ACTOR_ENTITY_TYPES:
            return child  # "Russia's invasion", not "Saturday's meeting"
    for child in token.children:
        if (
            child.dep_ in ("compound", "amod", "nmod")
            and child.ent_type_ in ACTOR_ENTITY_TYPES
            and not in_dateline(child)  # "KABUL - A Taliban attack"
        ):
            return child
    return None
