"""A shared coder for the coding tests: loading spaCy and the actor KB once per session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detente.model import Event


@pytest.fixture(scope="session")
def code() -> Callable[..., list[Event]]:
    from detente.coding.coder import Coder
    from detente.coding.components import CoderConfig

    # The rules alone: these tests pin the rules' behaviour, whatever classifier is installed.
    coder = Coder(config=CoderConfig(components=("rules", "statements")))

    def run(text: str, date: str | None = "2025-03-05", doc_id: str | None = None) -> list[Event]:
        return coder.extract(text, date=date, doc_id=doc_id)

    return run
