"""Lexicon-driven event rules over one parsed sentence: trigger, who acted, toward whom.

A verb trigger takes its source from the clause subject (or the passive agent, or the actor that
a control verb hands its complement to: "authorized Ukraine to strike" makes Ukraine the striker)
and its target from the object, a governed preposition, or the object's own preposition
("imposed sanctions on Russia"). A noun trigger ("the invasion of Ukraine", "talks between
Washington and Moscow") takes them from possessives, nationality modifiers and prepositions.
Each rule records its evidence as text, so a researcher can see why an event was coded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from detente.coding.lexicon import Lexicon
from detente.coding.spans import (
    PERSONAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    entity_modifier,
    is_actor_like,
)

_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
_WORD_DEPS = frozenset({"prt", "prep", "advmod", "acomp", "oprd", "agent", "dobj", "xcomp"})
_HYPOTHETICAL_MODIFIERS = frozenset({"possible", "potential", "planned", "proposed", "future"})
_MAX_CLIMB = 4


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
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    type_override: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class VerbMatch:
    code: str
    rule: str
    instrument: Token | None  # the object the pattern consumed ("sanctions" in impose sanctions)
    preposition: Token | None  # the governed preposition whose object is the target


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _object_words(token: Token) -> list[tuple[str, Token]]:
    """Lemmas an object pattern may name: objects, prepositional objects, their compounds."""
    found: list[tuple[str, Token]] = []
    candidates = [c for c in token.children if c.dep_ in _OBJECT_DEPS]
    for prep in token.children:
        if prep.dep_ in ("prep", "prt", "agent"):
            candidates.extend(c for c in prep.children if c.dep_ == "pobj")
    for obj in candidates:
        found.append((_lemma(obj), obj))
        found.extend((_lemma(c), obj) for c in obj.children if c.dep_ in ("compound", "amod"))
    return found


def match_verb(token: Token, lexicon: Lexicon) -> VerbMatch | None:
    """The most specific lexicon pattern a verb token fulfils, if any."""
    entry = lexicon.verbs.get(_lemma(token))
    if entry is None:
        return None
    lemma = _lemma(token)
    if entry.with_object:
        for word, obj in _object_words(token):
            code = entry.with_object.get(word)
            if code is not None:
                return VerbMatch(code, f"verb '{lemma}' + object '{word}'", obj, None)
    if entry.with_word:
        for child in token.children:
            if child.dep_ in _WORD_DEPS:
                code = entry.with_word.get(_lemma(child))
                if code is not None:
                    prep = child if child.dep_ in ("prep", "agent") else None
                    return VerbMatch(code, f"verb '{lemma} {_lemma(child)}'", None, prep)
    if entry.code is not None:
        return VerbMatch(entry.code, f"verb '{lemma}'", None, None)
    return None


def match_noun(token: Token, lexicon: Lexicon) -> tuple[str, str] | None:
    """(code, rule) for a noun trigger, preferring "hunger strike" over "strike"."""
    lemma = _lemma(token)
    if lemma not in lexicon.noun_heads:
        return None
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.i < token.i:
            key = f"{_lemma(child)} {lemma}"
            code = lexicon.nouns.get(key)
            if code is not None:
                return code, f"noun '{key}'"
    code = lexicon.nouns.get(lemma)
    return (code, f"noun '{lemma}'") if code is not None else None


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def _dobj(token: Token) -> Token | None:
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
            return child, "nsubj"
    for child in verb.children:
        if child.dep_ == "agent":
            objs = _pobjs(child)
            if objs:
                return objs[0], "agent 'by'"
    if depth >= _MAX_CLIMB:
        return None, ""
    head = verb.head
    if verb.dep_ == "xcomp":
        if _lemma(head) in lexicon.object_control:
            obj = _dobj(head)
            if obj is not None:
                return obj, f"object of '{_lemma(head)}'"
        return subject_of(head, lexicon, depth + 1)
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, lexicon, depth + 1)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        return subject_of(head, lexicon, depth + 1)
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBG":
        return head, "modified noun"
    return None, ""


def _negated(token: Token, lexicon: Lexicon) -> bool:
    for child in token.children:
        if child.dep_ == "neg" or (
            child.dep_ == "advmod" and child.lower_ in lexicon.negation_words
        ):
            return True
        if child.dep_ == "det" and child.lower_ == "no":
            return True
    return False


def hypothetical_reason(token: Token, lexicon: Lexicon) -> str | None:
    """Why the clause of `token` is not asserted as having happened, or None if it is."""
    item = token
    for _ in range(_MAX_CLIMB):
        for child in item.children:
            lemma = _lemma(child)
            if child.dep_ == "aux" and lemma in lexicon.modal_verbs:
                return f"modal '{child.lower_}'"
            if child.dep_ == "mark" and lemma in lexicon.conditional_marks:
                return f"condition '{child.lower_}'"
            if child.dep_ == "advmod" and lemma in lexicon.possibility_words:
                return f"hedge '{child.lower_}'"
            if child.dep_ == "amod" and lemma in _HYPOTHETICAL_MODIFIERS:
                return f"modifier '{child.lower_}'"
        head = item.head
        if head is item:
            break
        if item.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "prep"):
            head_lemma = _lemma(head)
            if head_lemma in lexicon.speech_verbs and head_lemma not in lexicon.verbs:
                return None
            if item.dep_ in ("xcomp", "ccomp", "dobj") and (
                head_lemma in lexicon.subject_control or head_lemma in lexicon.object_control
            ):
                if item is not token or item.dep_ != "dobj":
                    return f"complement of '{head_lemma}'"
        elif item.dep_ not in ("conj",):
            break
        item = head
    return None


def _ranked_preps(token: Token, lexicon: Lexicon) -> list[tuple[Token, str]]:
    order = {p: n for n, p in enumerate(lexicon.target_prepositions)}
    preps = [c for c in token.children if c.dep_ in ("prep", "dative") and c.lower_ in order]
    preps.sort(key=lambda p: order[p.lower_])
    return [(obj, f"prep '{p.lower_}'") for p in preps for obj in _pobjs(p)]


def verb_targets(
    verb: Token, match: VerbMatch, lexicon: Lexicon, passive: bool
) -> list[tuple[Token, str]]:
    """Target candidates of a verb trigger, best first."""
    found: list[tuple[Token, str]] = []
    if match.preposition is not None:
        found.extend((o, f"prep '{match.preposition.lower_}'") for o in _pobjs(match.preposition))
    for child in verb.children:
        if child is match.instrument:
            continue
        if passive and child.dep_ == "nsubjpass":
            found.append((child, "passive subject"))
        elif child.dep_ in ("dobj", "dative", "iobj"):
            found.append((child, child.dep_))
    if match.instrument is not None:
        found.extend(_ranked_preps(match.instrument, lexicon))
    found.extend(
        (obj, role)
        for obj, role in _ranked_preps(verb, lexicon)
        if obj.head is not match.preposition and obj is not match.instrument
    )
    for child in verb.children:
        if child.dep_ == "xcomp":
            obj = _dobj(child)
            if obj is not None:
                found.append((obj, f"object of '{_lemma(child)}'"))
            found.extend(_ranked_preps(child, lexicon))
        elif child.dep_ == "advcl" and any(
            m.dep_ == "mark" and _lemma(m) in lexicon.conditional_marks for m in child.children
        ):
            subj, _ = subject_of(child, lexicon)
            if subj is not None:
                found.append((subj, "subject of the condition"))
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        found.insert(0, (verb.head, "modified noun"))
    return found


def choose(
    candidates: list[tuple[Token, str]], lexicon: Lexicon, exclude: Token | None
) -> tuple[Token | None, str, bool]:
    """The first actor-like candidate, else the first candidate; and whether it is actor-like."""
    usable = [(t, r) for t, r in candidates if exclude is None or t.i != exclude.i]
    for token, role in usable:
        if is_actor_like(token, lexicon):
            return token, role, True
    if usable:
        return usable[0][0], usable[0][1], False
    return None, "", False


def verb_draft(token: Token, lexicon: Lexicon) -> Draft | None:
    match = match_verb(token, lexicon)
    if match is None:
        return None
    passive = is_passive(token) or (token.dep_ == "acl" and token.tag_ == "VBN")
    source, source_role = subject_of(token, lexicon)
    if passive and source_role == "nsubj":
        source, source_role = None, ""
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
    reason = hypothetical_reason(token, lexicon)
    draft = Draft(
        trigger=token,
        cameo=match.code,
        rule=match.rule,
        source=source,
        target=target,
        source_role=source_role,
        target_role=target_role,
        negated=_negated(token, lexicon),
        hypothetical=reason is not None,
        confidence=confidence,
    )
    if reason:
        draft.notes.append(reason)
    if passive:
        draft.notes.append("passive voice")
    return draft


def noun_draft(token: Token, lexicon: Lexicon, consumed: set[int]) -> Draft | None:
    if token.i in consumed or token.pos_ not in ("NOUN", "PROPN"):
        return None
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
            objs = _pobjs(child)
            if objs:
                source, source_role = objs[0], "prep 'between'"
                others = [c for c in objs[0].children if c.dep_ == "conj"]
                if others:
                    target, target_role = others[0], "prep 'between'"
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            objs = _pobjs(child)
            if objs:
                source, source_role = objs[0], "prep 'by'"
    if source is None:
        modifier = entity_modifier(token)
        if modifier is not None:
            source, source_role = modifier, f"modifier '{modifier.text}'"
    if target is None:
        target, target_role, _ = choose(_ranked_preps(token, lexicon), lexicon, source)
    head = token.head
    if source is None and token.dep_ in ("dobj", "attr", "nsubjpass") and head.pos_ == "VERB":
        source, source_role = subject_of(head, lexicon)
        if source is not None:
            source_role = f"subject of '{_lemma(head)}'"
    if not any(t is not None and is_actor_like(t, lexicon) for t in (source, target)):
        return None
    reason = hypothetical_reason(token, lexicon)
    draft = Draft(
        trigger=token,
        cameo=code,
        rule=rule,
        source=source,
        target=target,
        source_role=source_role,
        target_role=target_role,
        negated=_negated(token, lexicon) or _negated(head, lexicon),
        hypothetical=reason is not None,
        confidence=0.6 if source is not None and target is not None else 0.45,
    )
    if reason:
        draft.notes.append(reason)
    return draft


def sentence_drafts(sent: Span, candidates: list[Token], lexicon: Lexicon) -> list[Draft]:
    """Verb drafts first (they consume their instrument nouns), then noun drafts."""
    drafts: list[Draft] = []
    consumed: set[int] = set()
    for token in candidates:
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.dep_ == "ROOT"):
            draft = verb_draft(token, lexicon)
            if draft is not None:
                drafts.append(draft)
                consumed.update(_consumed_nouns(token))
    for token in candidates:
        if token.pos_ not in ("VERB", "AUX"):
            draft = noun_draft(token, lexicon, consumed)
            if draft is not None:
                drafts.append(draft)
    if sent.text.rstrip().endswith("?"):
        for draft in drafts:
            draft.hypothetical = True
            draft.notes.append("question")
    return drafts


def _consumed_nouns(verb: Token) -> list[int]:
    """Nouns a verb event already covers: its objects ("imposed sanctions", "held talks")."""
    found = [c.i for c in verb.children if c.dep_ in _OBJECT_DEPS]
    for prep in verb.children:
        if prep.dep_ in ("prep", "prt"):
            found.extend(c.i for c in prep.children if c.dep_ == "pobj")
    return found


def first_person(token: Token | None) -> bool:
    return token is not None and token.lower_ in ("i", "we", "us", "me", "our")


__all__ = ["PERSONAL_PRONOUNS", "Draft", "VerbMatch", "first_person", "sentence_drafts"]
