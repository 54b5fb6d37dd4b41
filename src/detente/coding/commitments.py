"""Commitments and demands: what a clause commits its actor to, and who demands what of whom.

The lexicon rules find actions; this module decides what kind of assertion each one is. An
action under "agreed to", "will" or "is ready to" is an intention (CAMEO 03), under "refused
to" or "will not" a rejection (12), under "threatened to" a threat (13), under "urged X to" the
content of a demand (10); "Y must act", when said or declared by X, is X's demand on Y. The
complement action is folded into its governing event rather than reported as having happened.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from detente.coding.arguments import MAX_CLIMB, lemma_of, subject_of
from detente.coding.lexicon import Lexicon
from detente.coding.nouns import noun_draft
from detente.coding.rules import Draft, Modality, consumed_nouns, negated, verb_draft
from detente.coding.spans import is_actor_like


def sentence_drafts(sent: Span, candidates: list[Token], lexicon: Lexicon) -> list[Draft]:
    """Verb drafts first (they consume their instrument nouns), then noun drafts."""
    drafts: list[Draft] = []
    consumed: set[int] = set()
    for token in candidates:
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.dep_ == "ROOT"):
            draft = verb_draft(token, lexicon)
            if draft is not None:
                drafts.append(draft)
                consumed.update(consumed_nouns(token, lexicon))
    for token in candidates:
        if token.pos_ not in ("VERB", "AUX"):
            draft = noun_draft(token, lexicon, consumed)
            if draft is not None:
                drafts.append(draft)
                if lemma_of(token) in lexicon.reversal_nouns:  # "suspension of aid": not aid
                    consumed.update(consumed_nouns(token, lexicon))
    drafts = resolve_commitments(drafts, lexicon)
    for draft in drafts:
        _ceased(draft, lexicon)
    drafts = fold_protest_demands(drafts)
    for draft in drafts:
        _embedded_demand(draft, lexicon)
    if sent.text.rstrip().endswith("?"):
        for draft in drafts:
            draft.hypothetical = True
            draft.notes.append("question")
    return drafts


_COMMITMENT_ROOTS = ("03", "10", "12", "13", "05")


def resolve_commitments(drafts: list[Draft], lexicon: Lexicon) -> list[Draft]:
    """Code intentions, refusals and threats as such, and fold complements into their governor.

    "agreed to withdraw" is one AGREE event (CAMEO 0356), "will not release" one REJECT (1243),
    "threatened to shell" one THREATEN (138): the complement action is not asserted, so it is
    not coded as a separate event when its governor is itself an event.
    """
    by_trigger = {d.trigger.i: d for d in drafts}
    dropped: set[int] = set()
    for draft in drafts:
        mood = draft.modality
        if mood is None:
            continue
        kind = _commitment(draft, mood, lexicon)
        governor = by_trigger.get(mood.governor.i) if mood.governor is not None else None
        if governor is not None and governor.cameo.startswith(_COMMITMENT_ROOTS):
            if governor.cameo[:2] == "10":
                demanded = lexicon.by_prefix(lexicon.request_codes, draft.cameo)
                if demanded is not None:
                    governor.notes.append(f"what: {draft.rule} -> CAMEO {demanded}")
                    governor.cameo = demanded
            elif kind is not None and governor.cameo[:2] in ("03", "12", "13"):
                recoded = _recode(draft.cameo, kind, lexicon)
                if recoded is not None:
                    governor.notes.append(f"what: {draft.rule} -> CAMEO {recoded}")
                    governor.cameo = recoded
            weak = governor.target is None or not is_actor_like(governor.target, lexicon)
            if weak and draft.target is not None:
                governor.target, governor.target_role = draft.target, draft.target_role
            dropped.add(id(draft))
            continue
        if kind is None:
            continue
        recoded = _recode(draft.cameo, kind, lexicon)
        if recoded is not None and recoded != draft.cameo:
            draft.notes.append(f"{kind}: CAMEO {draft.cameo} -> {recoded}")
            draft.cameo = recoded
            if kind == "refusal":
                draft.negated = False
    return [d for d in drafts if id(d) not in dropped]


def _commitment(draft: Draft, mood: Modality, lexicon: Lexicon) -> str | None:
    """'intent', 'refusal' or 'threat' when the clause commits its actor to (not) acting."""
    governor = lemma_of(mood.governor) if mood.governor is not None else None
    if governor is not None:
        if governor in lexicon.refusal_governors:
            return "refusal"
        if governor in lexicon.threat_governors:
            return "threat"
        if governor in lexicon.intent_governors:
            if negated(mood.governor, lexicon):  # type: ignore[arg-type]
                return "refusal"
            return "intent"
        return None
    if mood.modal is not None and mood.modal in lexicon.intent_modals:
        return "refusal" if draft.negated else "intent"
    return None


def _recode(code: str, kind: str, lexicon: Lexicon) -> str | None:
    if kind == "threat" or (kind == "intent" and code[:2] >= "13"):
        return lexicon.by_prefix(lexicon.threat_codes, code) or "130"
    if kind == "refusal":
        return lexicon.by_prefix(lexicon.refusal_codes, code)
    return lexicon.by_prefix(lexicon.intent_codes, code)


def _ceased(draft: Draft, lexicon: Lexicon) -> None:
    """ "Germany stopped arming Ukraine" cuts military aid (CAMEO 1622), "halted negotiating"
    breaks off talks (164): the gerund after a cessation verb is undone, not done. Not "stopped
    in Oslo to meet Lunde" (an infinitive is a purpose: the meeting happens) nor "did not stop
    arming" (the action goes on, coded as it is)."""
    trigger = draft.trigger
    if trigger.dep_ != "xcomp" or trigger.tag_ != "VBG" or trigger.head.i == trigger.i:
        return
    verb = lemma_of(trigger.head)
    if verb not in lexicon.cessation_verbs or negated(trigger.head, lexicon):
        return
    undone = lexicon.by_prefix(lexicon.reversal_codes, draft.cameo) or lexicon.by_prefix(
        lexicon.cut_codes, draft.cameo
    )
    if undone is None:
        draft.negated = True
        draft.notes.append(f"stopped ('{verb}'): not done")
        return
    draft.notes.append(f"stopped ('{verb}'): CAMEO {draft.cameo} -> {undone}")
    draft.cameo = undone


def as_demand(draft: Draft, demander: Token, role: str, lexicon: Lexicon) -> None:
    """Recode "Y must act" (said or declared by X) as X's demand on Y (CAMEO 10x)."""
    mood = draft.modality
    if mood is None or mood.modal not in lexicon.demand_modals:
        return
    if draft.source is None or draft.source.i == demander.i:
        return
    demanded = lexicon.by_prefix(lexicon.request_codes, draft.cameo) or "100"
    draft.notes.append(f"demand ('{mood.modal}'): CAMEO {draft.cameo} -> {demanded}")
    draft.target, draft.target_role = draft.source, "who must act"
    draft.source, draft.source_role = demander, role
    draft.cameo = demanded
    draft.hypothetical = False
    draft.modality = None


def _embedded_demand(draft: Draft, lexicon: Lexicon) -> None:
    """ "X declared/reminded Y that Y must ...": the demander is the subject of the clause that
    embeds the must-clause (speech verbs are left to the statements component)."""
    mood = draft.modality
    trigger = draft.trigger
    if mood is None or mood.modal not in lexicon.demand_modals:
        return
    if trigger.dep_ not in ("ccomp", "acl"):
        return
    head = trigger.head
    for _ in range(MAX_CLIMB):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    if lemma_of(head) in lexicon.speech_verbs:
        return
    demander, _ = subject_of(head, lexicon)
    if demander is not None:
        as_demand(draft, demander, f"subject of '{lemma_of(head)}'", lexicon)


def fold_protest_demands(drafts: list[Draft]) -> list[Draft]:
    """A demand that is the purpose of a protest ("demonstrated ... calling for independence",
    "went on hunger strike to demand ...") is what the protest is about, not a second event."""
    protests = {d.trigger.i: d for d in drafts if d.cameo.startswith("14")}
    kept: list[Draft] = []
    for draft in drafts:
        trigger = draft.trigger
        protest = protests.get(trigger.head.i)
        if (
            protest is not None
            and draft.cameo.startswith("10")
            and trigger.dep_ in ("advcl", "xcomp", "acl", "conj")
        ):
            protest.notes.append(f"demanding: {draft.rule}")
            if protest.target is None and draft.target is not None:
                protest.target, protest.target_role = draft.target, "target of the demand"
            continue
        kept.append(draft)
    return kept
