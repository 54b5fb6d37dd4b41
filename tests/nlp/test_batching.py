"""Batches bounded by characters as well as count, and the coder's memory across documents."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from detente.coding.discourse import PeopleMemory
from detente.model import Actor, Document
from detente.nlp.batching import bounded_batches


def test_batches_keep_order_and_respect_both_limits() -> None:
    texts = ["aaaa", "bb", "cccccc", "d", "ee", "fff", "g"]
    batches = list(bounded_batches(texts, len, max_items=3, max_chars=7))
    assert [t for batch in batches for t in batch] == texts
    assert batches == [["aaaa", "bb"], ["cccccc", "d"], ["ee", "fff", "g"]]
    for batch in batches:
        assert len(batch) <= 3 and sum(map(len, batch)) <= 7


def test_an_item_longer_than_the_budget_comes_alone() -> None:
    batches = list(bounded_batches(["ab", "x" * 50, "cd"], len, max_items=10, max_chars=10))
    assert batches == [["ab"], ["x" * 50], ["cd"]]


def test_the_count_limit_applies_to_short_items() -> None:
    batches = list(bounded_batches(["a"] * 7, len, max_items=3, max_chars=1000))
    assert [len(batch) for batch in batches] == [3, 3, 1]


def test_a_stream_is_read_at_most_one_item_past_the_batch() -> None:
    drawn: list[int] = []

    def numbers() -> Iterator[str]:
        for n in range(1000):
            drawn.append(n)
            yield "xx"

    first = next(bounded_batches(numbers(), len, max_items=4, max_chars=100))
    assert len(first) == 4 and len(drawn) == 5


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError):
        next(bounded_batches(["a"], len, max_items=0))
    with pytest.raises(ValueError):
        next(bounded_batches(["a"], len, max_items=1, max_chars=0))


def test_people_memory_is_emptied_when_full_and_never_exceeds_its_limit() -> None:
    memory = PeopleMemory(limit=10)
    for n in range(100):
        name = f"Kari Haugland{n}"
        memory.remember(Actor(text=f"Norwegian minister {name}", name=name, country="NOR"))
        assert len(memory) <= 10
    assert memory.introduction("Haugland99") == "Norwegian minister Kari Haugland99"
    assert memory.introduction("Haugland0") is None  # forgotten when the memory was emptied


@pytest.mark.slow
def test_small_character_batches_code_the_same_events() -> None:
    from detente.coding import Coder
    from detente.coding.components import CoderConfig

    texts = [
        "Chile condemned Peru on Friday.",
        "Norway thanked Iceland for its help.",
        "Peru accused Chile of spying.\n\nChile denied the accusation.",
        "Iceland praised Norway.",
    ]
    docs = [Document(text, str(n), date="2025-03-05") for n, text in enumerate(texts)]

    def coded(batch_chars: int) -> list[tuple[str | None, str, str | None, str | None, int]]:
        config = CoderConfig(components=("rules", "statements"), batch_chars=batch_chars)
        rows = []
        for document, events in Coder(config=config).extract_documents(docs, batch_size=64):
            for e in events:
                assert e.doc_id == document.id and e.trigger is not None
                assert document.text[e.trigger.start : e.trigger.end] == e.trigger.text
                source = e.source.country if e.source else None
                target = e.target.country if e.target else None
                rows.append((e.doc_id, e.type, source, target, e.trigger.start))
        return rows

    whole = coded(10_000)
    assert whole and coded(40) == whole  # 40 characters: one document per parser call
