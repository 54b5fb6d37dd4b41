"""A fake coder and an event builder, so scorers are tested without spaCy or the real coder."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from detente.model import Actor, Document, Event

FIXTURES = Path(__file__).parent / "fixtures"


def build_event(
    text: str,
    type_: str,
    source: str | None = None,
    target: str | None = None,
    *,
    cameo: str | None = None,
    confidence: float = 0.5,
    source_code: str | None = None,
    target_code: str | None = None,
    source_country: str | None = None,
    target_country: str | None = None,
    source_sector: str | None = None,
    target_sector: str | None = None,
) -> Event:
    """An event whose actors sit at the first occurrence of the given words in `text`."""

    def actor(words: str | None, code: str | None, country: str | None, sector: str | None):
        if words is None:
            return None
        start = text.index(words)
        return Actor(
            text=words,
            code=code,
            country=country,
            sector=sector,
            start=start,
            end=start + len(words),
        )

    return Event(
        doc_id=None,
        sentence_index=0,
        sentence=text,
        type=type_,
        mode=None,
        cameo=cameo,
        goldstein=None,
        quad=None,
        source=actor(source, source_code, source_country, source_sector),
        target=actor(target, target_code, target_country, target_sector),
        trigger=None,
        date=None,
        explanation=f"fake rule for {type_}",
        confidence=confidence,
    )


class FakeCoder:
    """Answers each text with the events prepared for it (none for unknown texts)."""

    def __init__(self, answers: dict[str, list[Event]]) -> None:
        self.answers = answers
        self.seen: list[Document] = []

    def extract_documents(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        for doc in docs:
            self.seen.append(doc)
            yield doc, list(self.answers.get(doc.text, []))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def make_event() -> Callable[..., Event]:
    return build_event


@pytest.fixture
def fake_coder() -> Callable[[dict[str, list[Event]]], Any]:
    return FakeCoder


@pytest.fixture
def plv_coder(monkeypatch: pytest.MonkeyPatch) -> FakeCoder:
    """The runner's default coder replaced by one that knows the first PLV fixture sentence."""
    from detente.evaluate import runner

    text = "Norway accused Iceland of overfishing in the northern fjords."
    coder = FakeCoder({text: [build_event(text, "ACCUSE", "Norway", "Iceland")]})
    monkeypatch.setattr(runner, "default_coder", lambda learned=True: coder)
    return coder
