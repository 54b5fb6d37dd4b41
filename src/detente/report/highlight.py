"""Where an event's source, target and trigger sit inside its stored sentence.

The coder records character offsets into the whole document, but the store keeps only the
sentence, so offsets must be moved to the sentence. The sentence is located in the document
(the occurrence that contains the mention, since a sentence can repeat); when there is no
document (imported events) or the offsets do not land on the mention's text, the mention is
searched in the sentence instead, nearest to where the offsets point. A mention that cannot be
found is simply not highlighted: the sentence is still shown in full.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

ROLES = ("source", "target", "trigger")


@dataclass(frozen=True, slots=True)
class Mention:
    """A highlighted part of a sentence, in document offsets as stored (may be None)."""

    role: str
    text: str | None
    start: int | None


@dataclass(frozen=True, slots=True)
class Span:
    """A mention's place in the sentence (sentence offsets, end exclusive)."""

    role: str
    start: int
    end: int


def _sentence_offsets(sentence: str, document: str | None) -> list[int]:
    """Every place the sentence occurs in the document."""
    if not document or not sentence:
        return []
    found = []
    at = document.find(sentence)
    while at >= 0:
        found.append(at)
        at = document.find(sentence, at + 1)
    return found


def _search(sentence: str, text: str, near: int | None) -> int | None:
    """The occurrence of `text` in the sentence closest to `near` (the first without a hint)."""
    starts = []
    at = sentence.find(text)
    while at >= 0:
        starts.append(at)
        at = sentence.find(text, at + 1)
    if not starts:
        lowered = sentence.lower().find(text.lower())
        return lowered if lowered >= 0 else None
    if near is None:
        return starts[0]
    return min(starts, key=lambda s: abs(s - near))


def locate(sentence: str, document: str | None, mentions: Sequence[Mention]) -> list[Span]:
    """Sentence-relative spans of the mentions, without overlaps, in sentence order."""
    offsets = _sentence_offsets(sentence, document)
    spans: list[Span] = []
    for mention in mentions:
        if not mention.text:
            continue
        length = len(mention.text)
        start: int | None = None
        hint: int | None = None
        if mention.start is not None:
            for base in offsets:
                relative = mention.start - base
                if 0 <= relative <= len(sentence) - length:
                    hint = relative
                    if sentence[relative : relative + length] == mention.text:
                        start = relative
                        break
        if start is None:
            start = _search(sentence, mention.text, hint)
        if start is not None:
            spans.append(Span(mention.role, start, start + length))
    return _without_overlaps(spans)


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """Keep the earlier-listed span where two overlap (source, then target, then trigger)."""
    kept: list[Span] = []
    for span in spans:
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def highlight(sentence: str, spans: Sequence[Span]) -> str:
    """The sentence as escaped HTML, each span wrapped in <mark class="role">."""
    parts: list[str] = []
    at = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < at or span.end > len(sentence):
            continue
        parts.append(html.escape(sentence[at : span.start]))
        parts.append(
            f'<mark class="{html.escape(span.role)}" title="{html.escape(span.role)}">'
            f"{html.escape(sentence[span.start : span.end])}</mark>"
        )
        at = span.end
    parts.append(html.escape(sentence[at:]))
    return "".join(parts)
