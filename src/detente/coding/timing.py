"""Which date an event gets: the sentence's date expression nearest the trigger, except one
that belongs to a future or intended action.

`dates.find_date_expressions` never places a date after publication (news reports what has
happened), so "the agreement would be signed in January" in an article of 2025-12-18 resolves
"in January" to 2025-01. That is right for a past event and wrong for an intended one: the
expression dates the action that has not happened yet, not the statement coded as the event.
So date expressions inside a future, modal or infinitival clause are not used to date the
event; the coded event (an intention, a hypothetical) happened when it was reported.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from detente.coding.arguments import MAX_CLIMB, lemma_of
from detente.coding.dates import DateMention
from detente.coding.lexicon import Lexicon

# Clauses an infinitive can head ("to visit Oslo next month", "plans to meet in May").
_INFINITIVE_DEPS = frozenset({"xcomp", "acl", "advcl", "ccomp", "relcl"})
_CLIMB_DEPS = frozenset({"conj", "xcomp", "ccomp", "advcl", "acl", "relcl"})


def _future_head(token: Token, lexicon: Lexicon) -> Token | None:
    """The head of the future or intended clause `token` belongs to, if it belongs to one."""
    item = token
    for _ in range(MAX_CLIMB):
        for child in item.children:
            if child.dep_ in ("aux", "auxpass") and (
                lemma_of(child) in lexicon.intent_modals or child.lower_ in lexicon.intent_modals
            ):
                return item
            if child.dep_ == "aux" and child.lower_ == "to" and item.dep_ in _INFINITIVE_DEPS:
                return item
        if item.dep_ not in _CLIMB_DEPS or item.head.i == item.i:
            return None
        if item.dep_ == "xcomp" and lemma_of(item.head) in lexicon.intent_governors:
            return item
        item = item.head
    return None


def _future_ranges(trigger: Token, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Character ranges (document offsets) of the future clauses that touch the trigger: its own
    clause, or the intended complement of a governor trigger ("agreed on Thursday to meet in
    January": January dates the meeting, Thursday the agreement)."""
    heads: list[Token] = []
    own = _future_head(trigger, lexicon)
    if own is not None:
        heads.append(own)
    for child in trigger.children:
        if child.dep_ in ("xcomp", "ccomp") and _future_head(child, lexicon) is not None:
            heads.append(child)
    return [(h.left_edge.idx, h.right_edge.idx + len(h.right_edge.text)) for h in heads]


def event_date(
    sent: Span,
    trigger: Token,
    mentions: list[DateMention],
    published: str | None,
    lexicon: Lexicon,
) -> tuple[str | None, str, str | None]:
    """(date, precision, note): the date expression nearest the trigger outside any future
    clause, else the document's date; the note says which expression was set aside."""
    if not mentions:
        return published, "document", None
    ranges = _future_ranges(trigger, lexicon)
    base = sent.start_char
    usable: list[DateMention] = []
    skipped: list[DateMention] = []
    for mention in mentions:
        start, end = base + mention.start, base + mention.end
        inside = any(lo <= start and end <= hi for lo, hi in ranges)
        (skipped if inside else usable).append(mention)
    note = None
    if skipped:
        said = ", ".join(f"'{m.text}'" for m in skipped)
        note = f"date {said} belongs to a future or intended action: not the event's date"
    if not usable:
        return published, "document", note
    offset = trigger.idx - base
    nearest = min(usable, key=lambda m: min(abs(m.start - offset), abs(m.end - offset)))
    return nearest.value, nearest.precision, note
