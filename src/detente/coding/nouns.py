"""Noun triggers: events named by a noun ("the invasion of Ukraine", "talks between Washington
and Moscow", "Turkey's support for the GNA").

A nominal event finds its actors in its own phrase (possessives, nationality modifiers, "by",
"between") and in the clause around it: the verb that governs it says whether its subject took
part ("attended the summit"), received it ("faced criticism from the U.N.") or only reported it
("announced the deployment", where the reporter is the deployer only when no one else is named).
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.coding.arguments import (
    PLACE_TARGET_ROOTS,
    choose,
    dobj_of,
    event_places,
    fallback_places,
    infinitive,
    lemma_of,
    moved_preps,
    places,
    pobjs,
    ranked_preps,
    subject_of,
)
from detente.coding.lexicon import Lexicon
from detente.coding.rules import Draft, match_noun, modality, negated, place_instead
from detente.coding.spans import entity_modifier, is_actor_like


def noun_draft(token: Token, lexicon: Lexicon, consumed: set[int]) -> Draft | None:
    if token.i in consumed or token.pos_ not in ("NOUN", "PROPN"):
        return None
    if token.ent_type_ in ("ORG", "GPE", "PERSON") and token.ent_iob_ == "I":
        return None  # a word inside a name ("Government of National Accord")
    matched = match_noun(token, lexicon)
    if matched is None:
        return None
    code, rule = matched
    source: Token | None = None
    source_role = ""
    target: Token | None = None
    target_role = ""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            objs = pobjs(child)
            if objs:
                source, source_role = objs[0], "prep 'between'"
                others = [c for c in objs[0].children if c.dep_ == "conj"]
                if others:
                    target, target_role = others[0], "prep 'between'"
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            objs = pobjs(child)
            if objs:
                source, source_role = objs[0], "prep 'by'"
    if source is None:
        modifier = entity_modifier(token)
        if modifier is not None:
            source, source_role = modifier, f"modifier '{modifier.text}'"
    anchor = token
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        counted = token.head.head  # "a new round of joint exercises", "a wave of strikes"
        if lemma_of(counted) in lexicon.partitive_nouns:
            anchor = counted
    head = anchor.head
    governing: Token | None = head
    if anchor.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        governing = head.head  # "engaged in ethnic cleansing", "took part in talks"
        partnered = any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
        if lemma_of(governing) in lexicon.speech_verbs or (
            head.lower_ in lexicon.time_prepositions and not partnered
        ):
            # "After the meeting in Alaska, Zelensky said": not his meeting; but "after talks
            # with Iran, Norway said" names Norway's partner, so Norway took part
            governing = None
    elif anchor.dep_ not in ("dobj", "attr", "nsubjpass") or head.pos_ != "VERB":
        governing = None
    if governing is not None and lemma_of(governing) in lexicon.receiving_verbs:
        receiver, _ = subject_of(governing, lexicon)
        if receiver is not None:
            # "Iran faces criticism from the U.N.": the U.N. criticises Iran
            target, target_role = receiver, f"subject of '{lemma_of(governing)}'"
            giver = _giver(token, governing, lexicon)
            if giver is not None:
                source, source_role = giver
    displaced: Token | None = None
    displaced_role = ""
    if governing is not None and lemma_of(governing) in lexicon.participation_verbs:
        # "Erdogan reiterated Turkey's support for the GNA", "Putin launched a mediation
        # effort between India and Pakistan": who takes part is the governing verb's subject;
        # the named parties it displaces are acted on
        subject, _ = subject_of(governing, lexicon)
        if subject is not None and is_actor_like(subject, lexicon):
            if source is not None and source.i != subject.i and source.pos_ != "PRON":
                displaced, displaced_role = source, source_role
            source, source_role = subject, f"subject of '{lemma_of(governing)}'"
            if displaced is not None and displaced_role == "prep 'between'":
                target, target_role = displaced, displaced_role
    if target is None:
        if lemma_of(token) in lexicon.transfer_nouns:  # "the deployment of troops to Liberia"
            candidates = moved_preps(token, lexicon)
        else:
            candidates = ranked_preps(token, lexicon)
        if anchor.dep_ in ("dobj", "attr") and head.pos_ == "VERB":
            candidates += ranked_preps(head, lexicon)  # "launched cyber warfare against UK"
        if governing is not None and lemma_of(governing) in lexicon.participation_verbs:
            joined = dobj_of(governing)  # "joined Zarif for a meeting": the partner
            if joined is not None and joined.i != anchor.i:
                candidates.append((joined, f"object of '{lemma_of(governing)}'"))
        if governing is not None and governing.dep_ in ("xcomp", "advcl") and infinitive(governing):
            called = dobj_of(governing.head)  # "called Erdogan to convey Pakistan's support"
            if called is not None:
                candidates.append((called, f"object of '{lemma_of(governing.head)}'"))
        if code.startswith(PLACE_TARGET_ROOTS):
            candidates += places(token, lexicon) + (
                places(governing, lexicon) if governing is not None else []
            )
        target, target_role, _ = choose(candidates, lexicon, source)
    if target is None and code.startswith(lexicon.mediation_codes) and governing is not None:
        # "launched a mediation effort to resolve the rift between Qatar and the Gulf states":
        # the parties a mediation is about are named wherever "between" appears in its clause
        parties = _between(governing)
        if parties is not None:
            target, target_role = parties, "parties 'between' in the clause"
    if target is None and displaced is not None:
        target, target_role = displaced, displaced_role
    if governing is not None and (source is None or source.pos_ == "PRON"):
        # "forces continued their attacks": the clause's subject names who "their" is
        subject, _ = subject_of(governing, lexicon)
        if subject is not None:
            source, source_role = subject, f"subject of '{lemma_of(governing)}'"
    if not any(t is not None and is_actor_like(t, lexicon) for t in (source, target)):
        return None
    confidence = 0.6 if source is not None and target is not None else 0.45
    if target is None or not is_actor_like(target, lexicon):
        candidates = fallback_places(token, lexicon)
        if governing is not None:
            candidates += event_places(governing, lexicon)
        target, target_role = place_instead(target, target_role, candidates, source, code, lexicon)
    mood = modality(token, lexicon)
    draft = Draft(
        trigger=token,
        cameo=code,
        rule=rule,
        source=source,
        target=target,
        source_role=source_role,
        target_role=target_role,
        modality=mood,
        negated=negated(token, lexicon) or negated(head, lexicon),
        hypothetical=mood is not None,
        confidence=confidence,
    )
    if mood:
        draft.notes.append(mood.reason)
    return draft


def _between(clause: Token) -> Token | None:
    for token in clause.subtree:
        if token.dep_ == "prep" and token.lower_ == "between":
            objects = pobjs(token)
            if objects:
                return objects[0]
    return None


def _giver(noun: Token, verb: Token, lexicon: Lexicon) -> tuple[Token, str] | None:
    """Who an event received ("faced criticism from the U.N.") comes from: the actor after
    "from" or "by" on the event noun or on the verb of receiving."""
    for holder in (noun, verb):
        for prep in holder.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in ("from", "by"):
                for obj in pobjs(prep):
                    if is_actor_like(obj, lexicon):
                        return obj, f"prep '{prep.lower_}'"
    return None


__all__ = ["noun_draft"]
