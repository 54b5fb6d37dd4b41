"""The arguments of a trigger: who acts (subject, agent, controller) and toward whom.

Subjects come from the clause, the passive agent, or the verb that controls a complement
("authorized Ukraine to strike": Ukraine strikes). Targets are ranked candidates (governed
preposition, object, recipient, the subject of a demanded or conditional clause) from which the
most actor-like is chosen, so "imposed sanctions over the crisis on Myanmar's generals" targets
the generals, not the crisis.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from detente.actors.gazetteer import known_countries
from detente.coding.lexicon import Lexicon
from detente.coding.spans import (
    ACTOR_ENTITY_TYPES,
    NON_ACTOR_ENTITY_TYPES,
    RELATIVE_PRONOUNS,
    actor_strength,
    dateline_end,
    in_dateline,
    is_actor_like,
)

MAX_CLIMB = 4
# Force used or withdrawn "in" a place with no one named acts on that place ("imposed a curfew
# in Bangkok", "troops left Afghanistan"): CAMEO roots where the place stands in for the target.
PLACE_TARGET_ROOTS = ("08", "15", "17", "18", "19", "20")
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
# The event noun a verb pattern consumed, kept as the target only when nothing else is named
# ("remained on alert"); any place the event happened in displaces it.
INSTRUMENT_ROLE = "object (nothing better named)"
PLACE_PREPOSITIONS = frozenset({"in", "from", "across", "throughout", "into"})


def places(token: Token, lexicon: Lexicon) -> list[tuple[Token, str]]:
    """Places in the token's "in"/"from"/"across"/"into" phrases or its object ("left Kabul")."""
    found: list[tuple[Token, str]] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPOSITIONS:
            found.extend(
                (o, f"place '{child.lower_}'") for o in pobjs(child) if _is_place(o, lexicon)
            )
        elif child.dep_ == "dobj" and _is_place(child, lexicon):
            found.append((child, "place"))
    return found


def fallback_places(token: Token, lexicon: Lexicon) -> list[tuple[Token, str]]:
    """The places an event happened in, as the last resort for its target ("declared a
    ceasefire in Libya", "attended a summit in the United Kingdom"): the named place itself,
    not the object that merely contains it."""
    found = [
        (t, r) for t, r in places(token, lexicon) if r != "place" or t.ent_type_ in _PLACE_ENTITIES
    ]
    for child in token.children:
        if child.dep_ == "dobj":
            found.extend(
                (t, f"{r} of the object") for t, r in places(child, lexicon) if r != "place"
            )
    return found


def event_places(verb: Token, lexicon: Lexicon) -> list[tuple[Token, str]]:
    """`fallback_places` of a verb and of its complements ("agreed to set up a company in
    Berlin")."""
    found = fallback_places(verb, lexicon)
    for child in verb.children:
        if child.dep_ == "xcomp":
            found.extend(fallback_places(child, lexicon))
    return found


def _is_place(token: Token, lexicon: Lexicon) -> bool:
    return (
        token.ent_type_ in _PLACE_ENTITIES
        or names_country(token)
        or lemma_of(token) in lexicon.place_nouns
        or any(c.ent_type_ in _PLACE_ENTITIES for c in token.subtree)
    )


def names_country(token: Token) -> bool:
    """A proper noun spelled as a KB country or capital, whatever entity type the model gave
    it ("in Niger" read as a person)."""
    return token.pos_ == "PROPN" and token.text in known_countries()


# The role of a warned or demanded clause's subject ("warned that Iran would face ..."): the
# target, unless it is the source's own side ("warned that Norway would defend ...").
CLAUSE_SUBJECT_ROLE = "subject of the demanded clause"


@dataclass(frozen=True, slots=True)
class VerbMatch:
    code: str
    rule: str
    instrument: Token | None  # the object the pattern consumed ("sanctions" in impose sanctions)
    preposition: Token | None  # the governed preposition whose object is the target


def lemma_of(token: Token) -> str:
    return token.lemma_.lower()


def same(token: Token, other: Token | None) -> bool:
    """Token identity by position (spaCy makes a new Token object on every access)."""
    return other is not None and token.i == other.i


def pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def dobj_of(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "dobj":
            return child
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def subject_of(verb: Token, lexicon: Lexicon, depth: int = 0) -> tuple[Token | None, str]:
    """Who performs `verb`: subject, passive agent, or the controller of a complement clause."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head, "relative clause head"
            return _past_dateline(child, verb), "nsubj"
    for child in verb.children:
        if child.dep_ == "agent":
            objs = pobjs(child)
            if objs:
                return objs[0], "agent 'by'"
    if is_passive(verb):
        author = _statement_author(verb)
        if author is not None:
            return author, "author of the statement"
    if verb.dep_ == "ROOT" and verb.tag_ in ("VBD", "VBZ", "VBP") and verb.i > verb.sent.start:
        before = verb.doc[verb.i - 1]
        if before.pos_ == "PROPN" and actor_strength(before, lexicon) == 2:
            # a finite verb the parser left without a subject, right after a name it hung
            # elsewhere ("On a visit to Zimbabwe, President Ramaphosa voiced ...")
            return before, "name before the verb"
    if depth >= MAX_CLIMB:
        return None, ""
    head = verb.head
    if verb.dep_ == "xcomp":
        if lemma_of(head) in lexicon.object_control:
            obj = dobj_of(head)
            if obj is not None:
                return obj, f"object of '{lemma_of(head)}'"
        return subject_of(head, lexicon, depth + 1)
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        if is_passive(verb):
            return None, ""  # "Turkey is ... and was condemned": Turkey suffered the act
        return subject_of(head, lexicon, depth + 1)
    if verb.dep_ == "acomp":
        return subject_of(head, lexicon, depth + 1)
    if verb.dep_ == "pcomp" and head.head.i != head.i:  # "were guilty of violating"
        charge = charge_of(verb, lexicon)
        charged = _charged(charge) if charge is not None else None
        if charge is not None and charged is not None:
            return charged, f"who '{lemma_of(charge)}' charges"
        return subject_of(head.head, lexicon, depth + 1)
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or infinitive(verb)):
        return subject_of(head, lexicon, depth + 1)  # "travelled to Oslo to meet Lunde"
    if verb.dep_ == "acl" and infinitive(verb) and head.dep_ == "dobj":
        return subject_of(head.head, lexicon, depth + 1)  # "accepted an invitation to visit"
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBG":
        if not is_actor_like(head, lexicon) and head.dep_ in ("dobj", "nsubjpass"):
            # "Amnesty put out a report accusing the army": the report's author accuses
            author, role = subject_of(head.head, lexicon, depth + 1)
            if author is not None and (author.pos_ == "PROPN" or is_actor_like(author, lexicon)):
                return author, f"author of the {lemma_of(head)} ({role})"
        return head, "modified noun"
    return None, ""


def _statement_author(verb: Token) -> Token | None:
    """ "was condemned in a joint statement by Egypt, Greece and Cyprus": a passive act done
    through a statement or other act whose author follows its "by" (the parser hangs that
    "by" on the statement, so the passive verb itself shows no agent)."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "through", "with"):
            continue
        for means in pobjs(prep):
            for by in means.children:
                authors = pobjs(by) if by.dep_ == "prep" and by.lower_ == "by" else []
                if authors:
                    return authors[0]
    return None


def charge_of(verb: Token, lexicon: Lexicon) -> Token | None:
    """The charge verb whose charge the clause of `verb` is ("accused Iran of violating the
    deal", "criticized the government for rejecting dialogue"): its doer is whom the charge
    names, not who makes it, and an allegation does not assert it happened."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.head.i == prep.i:
        return None
    if prep.lower_ not in lexicon.charge_prepositions:
        return None
    charge = prep.head
    return charge if lemma_of(charge) in lexicon.charge_verbs else None


def _charged(charge: Token) -> Token | None:
    """Whom a charge names: its object, or its passive subject ("Iran was accused by the US
    of violating the deal")."""
    if is_passive(charge):
        return next((c for c in charge.children if c.dep_ == "nsubjpass"), None)
    return dobj_of(charge)


def _past_dateline(subject: Token, verb: Token) -> Token:
    """The real subject where the parser took a dateline for it: in "BERLIN -- A court in
    Bavaria has convicted ..." or "KABUL (Pajhwok): President Ghani held ..." the subject is
    the phrase after the dateline's dash or colon, a second subject or an apposition."""
    separator = dateline_end(subject.sent)
    if subject.i >= separator:
        return subject
    for child in (*verb.children, *subject.subtree):
        if child.dep_ in ("nsubj", "appos") and child.i >= separator:
            return child
    return subject


def _nationality(token: Token) -> bool:
    """Whether a noun names whose it is itself ("Indian diplomat", "Kenya's envoy")."""
    return any(
        c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in ("NORP", "GPE")
        for c in token.children
    )


def infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def ranked_preps(token: Token, lexicon: Lexicon) -> list[tuple[Token, str]]:
    order = {p: n for n, p in enumerate(lexicon.target_prepositions)}
    preps = [
        c
        for c in token.children
        if c.dep_ in ("prep", "dative") and c.lower_ in order and not _absolute(c)
    ]
    preps.sort(key=lambda p: order[p.lower_])
    return [(obj, f"prep '{p.lower_}'") for p in preps for obj in pobjs(p)]


def _absolute(prep: Token) -> bool:
    """ "..., with officials saying ...": an absolute construction after a comma adds a
    circumstance, not a partner (unlike "met with officials discussing the deal")."""
    if prep.lower_ != "with" or prep.i == 0 or prep.doc[prep.i - 1].text != ",":
        return False
    return any(c.dep_ == "acl" and c.tag_ == "VBG" for obj in pobjs(prep) for c in obj.children)


def verb_targets(
    verb: Token, match: VerbMatch, lexicon: Lexicon, passive: bool
) -> list[tuple[Token, str]]:
    """Target candidates of a verb trigger, best first."""
    found: list[tuple[Token, str]] = []
    if match.instrument is not None and lemma_of(match.instrument) in lexicon.event_reference_nouns:
        # "rejected an Armenian proposal", "accepted the demands by protesters": the response
        # is aimed at who made the proposal
        found.extend(_authors(match.instrument))
    if match.preposition is not None:
        for governed in pobjs(match.preposition):
            found.append((governed, f"prep '{match.preposition.lower_}'"))
            # "called for sanctions against Moscow": whom the demanded act is aimed at
            found.extend((o, f"{r} of the object") for o, r in ranked_preps(governed, lexicon))
    objects: list[tuple[Token, str]] = []
    for child in verb.children:
        if match.instrument is not None and child.i == match.instrument.i:
            continue
        if passive and child.dep_ == "nsubjpass":
            objects.append((child, "passive subject"))
        elif child.dep_ in ("dobj", "dative", "iobj"):
            objects.append((child, child.dep_))
    if passive and not objects and verb.dep_ == "conj":
        # "Turkey is under sanctions and was condemned by ...": the first clause's subject
        shared = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        objects.extend((c, "shared subject of the passive") for c in shared[:1])
    preps: list[tuple[Token, str]] = []
    transfer = lemma_of(verb) in lexicon.transfer_verbs
    if match.instrument is not None:
        # what was moved ("some of its troops") is no target; what an event noun is
        # about ("lifted a boycott of the venue") is
        moving = transfer and lemma_of(match.instrument) not in lexicon.noun_heads
        preps.extend(
            moved_preps(match.instrument, lexicon)
            if moving
            else ranked_preps(match.instrument, lexicon)
        )
        for participle in match.instrument.children:
            if participle.dep_ == "acl" and participle.tag_ == "VBN":
                # "lifted the sanctions imposed on India and Pakistan"
                preps.extend(ranked_preps(participle, lexicon) + places(participle, lexicon))
    preps.extend(
        (obj, role)
        for obj, role in ranked_preps(verb, lexicon)
        if not same(obj.head, match.preposition) and not same(obj, match.instrument)
    )
    partners = [(o, r) for o, r in preps if r == "prep 'with'"]
    moved: list[tuple[Token, str]] = []
    if transfer:
        # the object is what was handed over or moved ("sent 200 troops in Syria"), a target
        # only when no recipient or place is named
        recipients = [(o, r) for o, r in objects if r in ("dative", "iobj")]
        found.extend(recipients + preps)  # "gave Putin a deadline", "sent aid to Sudan"
        moved = [item for item in objects if item not in recipients]
    elif partners and lexicon.is_reciprocal(match.code):
        found.extend(partners + objects + preps)  # "discussed Libya with Trump": the partner
    else:
        found.extend(objects + preps)

    for obj, role in objects:
        if role == "dobj" and lemma_of(obj) in lexicon.event_reference_nouns:
            found[:0] = _authors(obj)  # "rejected a bid by the industry minister"
        if role == "dobj" and transfer:
            found.extend(moved_preps(obj, lexicon))
        elif role == "dobj":
            found.extend((o, f"{r} of the object") for o, r in ranked_preps(obj, lexicon))
    if verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and (infinitive(verb) or verb.tag_ == "VBG")):
        called = dobj_of(verb.head)  # "called Lavrov to discuss ...", "called him, discussing"
        if called is not None:
            found.append((called, f"object of '{lemma_of(verb.head)}'"))
    for child in verb.children:
        if child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ == "for" for m in child.children
        ):
            # "gave approval for the United Nations to deliver aid": who may or must act
            found.extend(
                (c, "subject of the 'for' clause") for c in child.children if c.dep_ == "nsubj"
            )
        if child.dep_ == "advcl" and infinitive(child):
            purpose_object = dobj_of(child)  # "provided $1.7 billion to support refugees"
            if purpose_object is not None:
                found.append((purpose_object, f"object of '{lemma_of(child)}'"))
                found.extend(ranked_preps(purpose_object, lexicon))
            found.extend(ranked_preps(child, lexicon))
        if child.dep_ == "xcomp":
            complement_object = dobj_of(child) or _controlled_subject(child, lexicon)
            complement_preps = ranked_preps(child, lexicon)
            if lemma_of(child) in lexicon.transfer_verbs:
                found.extend(complement_preps)  # "offered to send troops to Uganda"
                for purpose in child.children:  # "offered to send troops to help the army"
                    if purpose.dep_ == "advcl" and infinitive(purpose):
                        helped = dobj_of(purpose)
                        if helped is not None:
                            found.append((helped, f"object of '{lemma_of(purpose)}'"))
            if complement_object is not None:
                found.append((complement_object, f"object of '{lemma_of(child)}'"))
                # "threatened to impose tariffs on Norwegian salmon": the tariffs' target
                found.extend(ranked_preps(complement_object, lexicon))
            found.extend(complement_preps)
        elif child.dep_ == "ccomp":
            subj, _ = subject_of(child, lexicon)
            if subj is not None:
                found.append((subj, CLAUSE_SUBJECT_ROLE))
        elif child.dep_ == "advcl" and any(
            m.dep_ == "mark"
            and (lemma_of(m) in lexicon.conditional_marks or m.lower_ in lexicon.precondition_marks)
            for m in child.children
        ):
            subj, _ = subject_of(child, lexicon)
            if subj is not None:
                found.append((subj, "subject of the condition"))
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        found.insert(0, (verb.head, "modified noun"))
    for token, _ in list(found):
        if token.ent_type_ in NON_ACTOR_ENTITY_TYPES:  # "370 million dollars for Ghana"
            found.extend(ranked_preps(token, lexicon))
    # times and amounts are never targets ("on Monday"): they must not block the fallbacks
    found = [(t, r) for t, r in found if t.ent_type_ not in NON_ACTOR_ENTITY_TYPES]
    if moved and not found:
        found.extend(_misattached_recipients(verb) + event_places(verb, lexicon) + moved)
    if not found and match.code.startswith(PLACE_TARGET_ROOTS):
        found.extend(places(verb, lexicon))
    instrument = match.instrument
    if instrument is not None and not transfer and actor_strength(instrument, lexicon) == 2:
        if _nationality(instrument):  # "summoned a senior Indian diplomat to its ministry"
            found.insert(0, (instrument, "object"))
        else:
            found.append((instrument, "object"))  # "summoned the ambassador", "freed hostages"
    elif instrument is not None and not found:
        found.append((instrument, INSTRUMENT_ROLE))
    return found


def _authors(act: Token) -> list[tuple[Token, str]]:
    """Who made a proposal, demand or request: "by"/"from" phrases and name modifiers."""
    found: list[tuple[Token, str]] = []
    for child in act.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
            found.extend((o, f"author of the {lemma_of(act)}") for o in pobjs(child))
        elif child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in ACTOR_ENTITY_TYPES:
            found.append((child, f"author of the {lemma_of(act)}"))
        elif child.dep_ == "acl" and child.tag_ == "VBN":  # "an appeal filed by his lawyers"
            found.extend(
                (o, f"author of the {lemma_of(act)}")
                for agent in child.children
                if agent.dep_ == "agent"
                for o in pobjs(agent)
            )
    return found


def moved_preps(moved: Token, lexicon: Lexicon) -> list[tuple[Token, str]]:
    """Where something moved went or came from ("withdrew some of its troops from Syria"):
    the prepositions of the moved thing and of what its "of" counts, but not the "of" itself,
    which names what was moved, not whom it was moved to."""
    holders = [moved] + [
        o for p in moved.children if p.dep_ == "prep" and p.lower_ == "of" for o in pobjs(p)
    ]
    return [
        (o, f"{r} of the object")
        for holder in holders
        for o, r in ranked_preps(holder, lexicon)
        if r != "prep 'of'"
    ]


def _misattached_recipients(verb: Token) -> list[tuple[Token, str]]:
    """ "to"/"into" phrases inside a long moved object, where the parser hangs the recipient
    of a transfer ("returned 12 skulls that date back to A.D. 640 to Peru"); the last one
    first, as the recipient follows what was moved."""
    moved = dobj_of(verb)
    if moved is None:
        return []
    found: list[tuple[Token, str]] = []
    for token in verb.subtree:
        if token.i <= moved.i or token.dep_ != "prep" or token.lower_ not in ("to", "into"):
            continue
        inside_object = moved.left_edge.i <= token.i <= moved.right_edge.i
        if not inside_object and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.head.children):
            continue  # the "to" of another clause ("..., which the army sent to Iraq")
        found.extend((o, f"prep '{token.lower_}' after the object") for o in pobjs(token))
    return found[::-1]


def _controlled_subject(verb: Token, lexicon: Lexicon) -> Token | None:
    """Who an object-control verb lets act, when the parser hangs them on a clause of their
    own ("agreed to allow UN workers [to] land", "refused to allow two airlines to land")."""
    if lemma_of(verb) not in lexicon.object_control:
        return None
    for clause in verb.children:
        if clause.dep_ == "ccomp":
            subj, role = subject_of(clause, lexicon)
            if subj is not None and role == "nsubj":
                return subj
    return None


def with_possessors(candidates: list[tuple[Token, str]]) -> list[tuple[Token, str]]:
    """Each candidate followed by its possessor: in "welcomed Somalia's decision" the actor
    welcomed is Somalia; the possessor wins only where it is the more actor-like."""
    expanded: list[tuple[Token, str]] = []
    for token, role in candidates:
        expanded.append((token, role))
        expanded.extend(
            (child, f"possessor in {role}") for child in token.children if child.dep_ == "poss"
        )
    return expanded


def choose(
    candidates: list[tuple[Token, str]], lexicon: Lexicon, exclude: Token | None
) -> tuple[Token | None, str, bool]:
    """The most actor-like candidate (earliest among equals); and whether it is actor-like."""
    best: tuple[Token, str] | None = None
    best_rank = -1
    for token, role in with_possessors(candidates):
        if exclude is not None and token.i == exclude.i:
            continue
        if token.ent_type_ in NON_ACTOR_ENTITY_TYPES or in_dateline(token):
            continue
        strength = actor_strength(token, lexicon)
        named = token.ent_type_ in ACTOR_ENTITY_TYPES or _nationality(token)
        rank = 2 * strength + named
        if rank > best_rank:  # a name outranks a common actor noun ("mission", "troops")
            best, best_rank = (token, role), rank
    if best is None:
        return None, "", False
    return best[0], best[1], best_rank > 0


def captor_in_phrase(captive: Token, lexicon: Lexicon) -> Token | None:
    """The agent of a captivity participle modifying the captive ("prisoners held by Israel",
    "hostages seized by Hamas"): who a release is demanded from or granted by."""
    for child in captive.children:
        if child.dep_ == "acl" and lemma_of(child) in lexicon.captivity_verbs:
            for agent in child.children:
                if agent.dep_ == "agent":
                    objects = pobjs(agent)
                    if objects:
                        return objects[0]
    return None
