"""Golden test: a short article (written for this test) and the events it must code.

The expected events live in fixtures/golden_article.events.json as a projection of the event
contract (no free-text explanation, which may be reworded). After a deliberate change to the
rules, regenerate it with DETENTE_REGENERATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from detente.model import Actor, Event

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = FIXTURES / "golden_article.txt"
EXPECTED = FIXTURES / "golden_article.events.json"


def _actor(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"text": actor.text, "start": actor.start, "end": actor.end, "country": actor.country}


def project(event: Event) -> dict[str, Any]:
    return {
        "sentence_index": event.sentence_index,
        "type": event.type,
        "cameo": event.cameo,
        "source": _actor(event.source),
        "target": _actor(event.target),
        "speaker": event.speaker.text if event.speaker else None,
        "trigger": event.trigger.text if event.trigger else None,
        "date": event.date,
        "date_precision": event.date_precision,
        "negated": event.negated,
        "hypothetical": event.hypothetical,
    }


def test_golden_article(code: Callable[..., list[Event]]) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    events = code(text, date="2024-03-12", doc_id="golden")
    found = [project(e) for e in events]
    for event in events:
        for actor in (event.source, event.target):
            if actor is not None:
                assert actor.start is not None and actor.end is not None
                assert text[actor.start : actor.end] == actor.text
        assert event.doc_id == "golden" and event.explanation
    if os.environ.get("DETENTE_REGENERATE_GOLDEN"):
        EXPECTED.write_text(json.dumps(found, indent=2, ensure_ascii=False) + "\n", "utf-8")
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert found == expected
