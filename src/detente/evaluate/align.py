"""Which of the coder's events answers a gold sentence, and which tokens it marks as actors.

Alignment rule (README, "Evaluation and benchmarks"): each event gets the score
IoU(event source, gold source) + IoU(event target, gold target), where IoU is shared
characters over the characters either span covers and a gold role with several actors
takes its best-matching one. The highest score wins; ties, and sentences where no event
touches a gold span, go to the event with the highest confidence, then the earliest.
A sentence without events has no prediction (label NONE).
"""

from __future__ import annotations

from collections.abc import Sequence

from detente.evaluate.metrics import Span, bio_spans, span_iou
from detente.evaluate.readers import Coded, GoldItem
from detente.model import Actor, Event


def actor_span(actor: Actor | None) -> Span | None:
    if actor is None or actor.start is None or actor.end is None or actor.end <= actor.start:
        return None
    return (actor.start, actor.end)


def _role_score(actor: Actor | None, gold: Sequence[Coded]) -> float:
    span = actor_span(actor)
    return max((span_iou(span, g.span) for g in gold), default=0.0)


def alignment_score(event: Event, item: GoldItem) -> float:
    return _role_score(event.source, item.sources) + _role_score(event.target, item.targets)


def primary_event(events: Sequence[Event]) -> Event | None:
    """The most confident event, the earliest among equals."""
    best: Event | None = None
    for event in events:
        if best is None or event.confidence > best.confidence:
            best = event
    return best


def best_event(item: GoldItem, events: Sequence[Event]) -> Event | None:
    """The event whose source and target spans best overlap the gold ones (rule above)."""
    best: Event | None = None
    best_key = (-1.0, -1.0)
    for event in events:
        key = (alignment_score(event, item), event.confidence)
        if key > best_key:
            best, best_key = event, key
    return best


def role_overlaps(actor: Actor | None, gold: Sequence[Coded]) -> bool:
    """Whether the predicted actor shares at least one character with a gold actor's span."""
    span = actor_span(actor)
    return any(span_iou(span, g.span) > 0 for g in gold)


def ner_gold_actors(item: GoldItem) -> tuple[list[Coded], list[Coded]]:
    """Gold source and target spans of a ConfliBERT NER sentence; R spans count as both."""
    sources: list[Coded] = []
    targets: list[Coded] = []
    for label, first, last in bio_spans(item.tags):
        span = (item.token_spans[first][0], item.token_spans[last - 1][1])
        coded = Coded(item.text[span[0] : span[1]], span)
        if label in ("S", "R"):
            sources.append(coded)
        if label in ("T", "R"):
            targets.append(coded)
    return sources, targets


def predicted_tags(item: GoldItem, event: Event | None) -> list[str]:
    """BIO tags (S, T) for the tokens that the event's source or target span touches."""
    tags = ["O"] * len(item.token_spans)
    if event is None:
        return tags
    for role, actor in (("S", event.source), ("T", event.target)):
        span = actor_span(actor)
        if span is None:
            continue
        previous = False
        for i, token_span in enumerate(item.token_spans):
            inside = span[0] < token_span[1] and token_span[0] < span[1]
            if inside and tags[i] == "O":
                tags[i] = ("I-" if previous else "B-") + role
            previous = inside
    return tags
