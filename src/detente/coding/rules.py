"""Lexicon-driven event rules over one parsed sentence: trigger, who acted, toward whom.

A verb trigger takes its source from the clause subject (or the passive agent, or the actor that
a control verb hands its complement to: "authorized Ukraine to strike" makes Ukraine the striker)
and its target from the object, a governed preposition, or the object's own preposition
("imposed sanctions on Russia"). Noun triggers ("the invasion of Ukraine") are in `nouns`;
this module holds what both share: the lexicon match, negation, modality and the `Draft`.
Each rule records its evidence as text, so a researcher can see why an event was coded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from detente.coding.arguments import (
    INSTRUMENT_ROLE,
    MAX_CLIMB,
    VerbMatch,
    charge_of,
    choose,
    event_places,
    fallback_places,
    infinitive,
    is_passive,
    lemma_of,
    names_country,
    places,
    pobjs,
    subject_of,
    verb_targets,
)
from detente.coding.lexicon import Lexicon
from detente.coding.spans import (
    NON_ACTOR_ENTITY_TYPES,
    PERSONAL_PRONOUNS,
    actor_strength,
    governs_only,
    is_actor_like,
    members,
)

_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
_WORD_DEPS = frozenset(
    {"prt", "prep", "advmod", "acomp", "oprd", "agent", "dobj", "xcomp", "ccomp"}
)
_HYPOTHETICAL_MODIFIERS = frozenset({"possible", "potential", "planned", "proposed", "future"})


@dataclass(slots=True)
class Draft:
    """An event before its actors are resolved: tokens of the parse plus the rule's evidence."""

    trigger: Token
    cameo: str
    rule: str  # the lexicon pattern that fired, e.g. "verb 'impose' + object 'sanction'"
    source: Token | None
    target: Token | None
    source_role: str = ""
    target_role: str = ""
    speaker: Token | None = None
    modality: Modality | None = None
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    type_override: str | None = None
    notes: list[str] = field(default_factory=list)


def _object_words(token: Token) -> list[tuple[str, Token]]:
    """Lemmas an object pattern may name: objects, prepositional objects, their compounds."""
    found: list[tuple[str, Token]] = []
    candidates = [c for c in token.children if c.dep_ in _OBJECT_DEPS]
    for prep in token.children:
        if prep.dep_ in ("prep", "prt", "agent"):
            candidates.extend(c for c in prep.children if c.dep_ == "pobj")
    for obj in candidates:
        found.append((lemma_of(obj), obj))
        for child in obj.children:
            if child.dep_ in ("compound", "amod"):
                found.append((lemma_of(child), obj))
            elif child.dep_ == "prep" and child.lower_ == "of":  # "a state of emergency"
                found.extend((lemma_of(o), obj) for o in pobjs(child))
    return found


def match_reversal(token: Token, lexicon: Lexicon) -> VerbMatch | None:
    """A verb undoing the event its object names: "lifted the blockade", "halted aid"."""
    lemma = lemma_of(token)
    particles = [lemma_of(c) for c in token.children if c.dep_ == "prt"]
    phrase = f"{lemma} {particles[0]}" if particles else lemma
    if phrase not in lexicon.reversal_verbs and lemma not in lexicon.reversal_verbs:
        return None
    for obj in token.children:
        if obj.dep_ not in ("dobj", "nsubjpass"):
            continue
        if lemma in lexicon.completion_verbs and _completes(obj, lexicon):
            return None  # "ended a five-day trip": the visit is over, not broken off
        undone = _undone_event(obj, lexicon)
        if undone is not None:
            return VerbMatch(undone[0], f"verb '{phrase}' undoing {undone[1]}", obj, None)
    return None


def _completes(obj: Token, lexicon: Lexicon) -> bool:
    matched = match_noun(counted_event(obj, lexicon), lexicon)
    return matched is not None and matched[0].startswith(lexicon.completed_roots)


def counted_event(token: Token, lexicon: Lexicon) -> Token:
    """The event a partitive noun counts ("months of fighting", "a round of talks")."""
    if lemma_of(token) in lexicon.partitive_nouns:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                counted = pobjs(prep)
                if counted:
                    return counted[0]
    return token


def _undone_event(token: Token, lexicon: Lexicon) -> tuple[str, str] | None:
    """The code for undoing the event noun `token` ("aid" -> cut aid, "ended months of
    fighting" -> ceasefire), with the noun's rule."""
    matched = match_noun(counted_event(token, lexicon), lexicon)
    if matched is None:
        return None
    code, rule = matched
    undone = lexicon.by_prefix(lexicon.reversal_codes, code) or lexicon.by_prefix(
        lexicon.cut_codes, code
    )
    return (undone, rule) if undone is not None else None


def match_verb(token: Token, lexicon: Lexicon) -> VerbMatch | None:
    """The most specific lexicon pattern a verb token fulfils, if any."""
    reversal = match_reversal(token, lexicon)
    if reversal is not None:
        return reversal
    entry = lexicon.verbs.get(lemma_of(token))
    if entry is None:
        return None
    lemma = lemma_of(token)
    if entry.with_object:
        for word, obj in _object_words(token):
            code = entry.with_object.get(word)
            if code is not None:
                return VerbMatch(code, f"verb '{lemma}' + object '{word}'", obj, None)
    if entry.with_word:
        for child in token.children:
            if child.dep_ in _WORD_DEPS:
                code = entry.with_word.get(lemma_of(child))
                if code is not None and not governs_only(child, NON_ACTOR_ENTITY_TYPES):
                    prep = child if child.dep_ in ("prep", "agent") else None
                    return VerbMatch(code, f"verb '{lemma} {lemma_of(child)}'", None, prep)
    if entry.code is not None:
        return VerbMatch(entry.code, f"verb '{lemma}'", None, None)
    return None


def _undone_noun(token: Token, lexicon: Lexicon) -> tuple[str, str] | None:
    """The nominal twin of `match_reversal`: "a suspension of aid" is the event "suspended aid",
    so announcing it codes the cut (CAMEO 16), and "the cancellation of talks" the break-off."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in pobjs(prep):
            undone = _undone_event(obj, lexicon)
            if undone is not None:
                return undone[0], f"noun '{lemma_of(token)}' of {undone[1]}"
    return None


def match_noun(token: Token, lexicon: Lexicon) -> tuple[str, str] | None:
    """(code, rule) for a noun trigger, preferring "hunger strike" over "strike"."""
    lemma = lemma_of(token)
    if lemma in lexicon.reversal_nouns:
        return _undone_noun(token, lexicon)
    if lemma not in lexicon.noun_heads:
        return None
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.i < token.i:
            key = f"{lemma_of(child)} {lemma}"
            code = lexicon.nouns.get(key)
            if code is not None:
                return code, f"noun '{key}'"
    code = lexicon.nouns.get(lemma)
    if code is None:
        return None
    targeted = lexicon.targeted_nouns.get(lemma)
    if targeted is not None and any(
        c.dep_ == "prep"
        and c.lower_ in ("on", "against")
        and not governs_only(c, NON_ACTOR_ENTITY_TYPES)
        for c in token.children
    ):
        return targeted, f"noun '{lemma}' against a target"
    return code, f"noun '{lemma}'"


def negated(token: Token, lexicon: Lexicon) -> bool:
    for child in token.children:
        if child.dep_ == "neg" or (
            child.dep_ == "advmod" and child.lower_ in lexicon.negation_words
        ):
            return True
        if child.dep_ == "det" and child.lower_ == "no":
            return True
    return False


@dataclass(frozen=True, slots=True)
class Modality:
    """Why a clause is not asserted as fact: a modal, a condition, or a governing verb."""

    reason: str
    modal: str | None = None
    governor: Token | None = None  # the verb/adjective whose complement the clause is


def modality(token: Token, lexicon: Lexicon) -> Modality | None:
    """Why the clause of `token` is not asserted as having happened, or None if it is."""
    item = token
    reported = False
    for _ in range(MAX_CLIMB):
        for child in item.children:
            lemma = lemma_of(child)
            if child.dep_ == "aux" and lemma in lexicon.modal_verbs:
                if lemma == "would" and not reported and item.i == token.i:
                    reported = _reported(item, lexicon)
                modal = lemma if lemma != "would" or reported else None
                return Modality(f"modal '{child.lower_}'", modal=modal)
            if child.dep_ == "mark" and lemma in lexicon.conditional_marks:
                return Modality(f"condition '{child.lower_}'")
            if child.dep_ == "advmod" and lemma in lexicon.possibility_words:
                return Modality(f"hedge '{child.lower_}'")
            if child.dep_ == "amod" and lemma in _HYPOTHETICAL_MODIFIERS:
                return Modality(f"modifier '{child.lower_}'")
        head = item.head
        if head.i == item.i:
            break
        charge = charge_of(item, lexicon)
        if charge is not None and lemma_of(charge) in lexicon.allegation_verbs:
            return Modality(f"alleged ('{lemma_of(charge)}')")  # "accused Iran of violating"
        # The parser often attaches "threatened on Tuesday to impose" as an adverbial clause.
        complement = item.dep_ == "xcomp" or (item.dep_ == "advcl" and infinitive(item))
        if complement or item.dep_ in ("ccomp", "dobj", "pobj", "prep"):
            head_lemma = lemma_of(head)
            if head_lemma in lexicon.speech_verbs and head_lemma not in lexicon.verbs:
                return None
            if (
                (complement or item.dep_ in ("ccomp", "dobj"))
                and _governs(head_lemma, lexicon)
                and (item.i != token.i or item.dep_ != "dobj")
            ):
                return Modality(f"complement of '{head_lemma}'", governor=head)
        elif item.dep_ not in ("conj", "acomp"):
            break
        item = head
    return None


def _governs(lemma: str, lexicon: Lexicon) -> bool:
    return (
        lemma in lexicon.subject_control
        or lemma in lexicon.object_control
        or lemma in lexicon.intent_governors
        or lemma in lexicon.refusal_governors
    )


def _reported(token: Token, lexicon: Lexicon) -> bool:
    """Whether a clause is what someone said ("said it would ..."): its `would` is a `will`."""
    item = token
    for _ in range(MAX_CLIMB):
        if item.dep_ != "ccomp" or item.head.i == item.i:
            return False
        if lemma_of(item.head) in lexicon.speech_verbs:
            return True
        item = item.head
    return False


def verb_draft(token: Token, lexicon: Lexicon) -> Draft | None:
    match = match_verb(token, lexicon)
    if match is None:
        return None
    passive = is_passive(token) or (token.dep_ == "acl" and token.tag_ == "VBN")
    source, source_role = subject_of(token, lexicon)
    if token.dep_ == "acl" and _main_verb_read_as_participle(token):
        # "A congressional report called for sanctions ...": with no finite verb left, the
        # parser's reduced relative is the sentence's own verb and its noun the subject
        passive, source, source_role = False, token.head, "subject (verb parsed as participle)"
    if passive and source_role == "nsubj":
        source, source_role = None, ""
    if passive and source is None and match.code.startswith(lexicon.state_act_roots):
        source, source_role = _acting_state(token, lexicon)
    if passive and source is None and match.code.startswith(lexicon.deployment_roots):
        # "2,000 Russian soldiers were deployed along the corridor": the forces act
        deployed = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        if deployed is not None and actor_strength(deployed, lexicon) == 2:
            source, source_role = deployed, "deployed forces"
    target, target_role, target_actor = choose(
        verb_targets(token, match, lexicon, passive), lexicon, source
    )
    if source is None and target is None:
        return None
    confidence = 0.8
    if source is None or not is_actor_like(source, lexicon):
        confidence -= 0.2
    if target is None or not target_actor:
        confidence -= 0.15
    if target is None or not target_actor or target_role == INSTRUMENT_ROLE:
        found_places = event_places(token, lexicon)
        if match.instrument is not None:  # "remained on alert in the border region"
            found_places += fallback_places(match.instrument, lexicon)
        target, target_role = place_instead(
            target, target_role, found_places, source, match.code, lexicon
        )
    mood = modality(token, lexicon)
    draft = Draft(
        trigger=token,
        cameo=match.code,
        rule=match.rule,
        source=source,
        target=target,
        source_role=source_role,
        target_role=target_role,
        modality=mood,
        negated=negated(token, lexicon),
        hypothetical=mood is not None,
        confidence=confidence,
    )
    if mood:
        draft.notes.append(mood.reason)
    if passive:
        draft.notes.append("passive voice")
    return draft


def _main_verb_read_as_participle(verb: Token) -> bool:
    head = verb.head
    if verb.dep_ != "acl" or head.dep_ != "ROOT" or head.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ == "agent" for c in verb.children) or verb.i < head.i:
        return False
    return not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") and t.i != verb.i for t in verb.sent)


def _acting_state(verb: Token, lexicon: Lexicon) -> tuple[Token | None, str]:
    """The country a passive state act with no agent took place in: in "the journalist was
    arrested in Niger" or "inspectors were expelled from North Korea" only its authorities
    can have done it, so the country stands for them."""
    for place, role in places(verb, lexicon):
        for token in place.subtree:
            if names_country(token):
                return token, f"country of the {role}"  # "in Niger", even tagged a person
            if token.ent_type_ == "GPE" and (token.head.ent_type_ != "GPE" or token.head == token):
                return token, f"country of the {role}"  # the name's head: "Korea", not "North"
    return None, ""


def place_instead(
    target: Token | None,
    role: str,
    places_found: list[tuple[Token, str]],
    source: Token | None,
    code: str,
    lexicon: Lexicon,
) -> tuple[Token | None, str]:
    """Where no actor is acted on, the place the event happened in stands for the target
    ("sought refuge in Bangladesh", "declared a ceasefire in Libya"): PLV gold marks it so.
    Not for coordinated actors of a mutual event, who act toward each other ("Chilean and
    Peruvian officials held talks in Lima")."""
    if source is not None and len(members(source)) > 1 and lexicon.is_reciprocal(code):
        return target, role
    place, place_role, named = choose(places_found, lexicon, source)
    if place is None or (target is not None and not named and role != INSTRUMENT_ROLE):
        return target, role  # an unnamed area does not displace the object ("the inmate")
    return place, place_role


def consumed_nouns(verb: Token, lexicon: Lexicon) -> list[int]:
    """Nouns a verb event already covers: its objects ("imposed sanctions", "held talks"),
    and the events its partitive objects count ("ended months of fighting")."""
    objects = [c for c in verb.children if c.dep_ in _OBJECT_DEPS]
    for prep in verb.children:
        if prep.dep_ in ("prep", "prt"):
            objects.extend(c for c in prep.children if c.dep_ == "pobj")
    return [c.i for c in objects] + [
        counted.i for c in objects if (counted := counted_event(c, lexicon)).i != c.i
    ]


def first_person(token: Token | None) -> bool:
    return token is not None and token.lower_ in ("i", "we", "us", "me", "our")


__all__ = [
    "PERSONAL_PRONOUNS",
    "Draft",
    "Modality",
    "VerbMatch",
    "first_person",
    "place_instead",
    "verb_draft",
]
