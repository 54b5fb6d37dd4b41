"""A small store with a planted NOR–ISL turn (cooperation, then conflict) and hostile text."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.model import Actor, Document, Event, Trigger
from detente.store.database import Store

HOSTILE_TITLE = "<script>document.title='PWNED'</script>\"onmouseover=alert(1) x=\""
HOSTILE_SENTENCE_TAIL = ' <script>alert(1)</script> "onmouseover=alert(2) x="'
HOSTILE_NAME = '<img src=x onerror="document.body.dataset.pwned=1">"onmouseover=alert(3)'
SHIFT_MONTH = 6  # months 0-5 cooperative, 6-11 conflictual
PER_MONTH = 6

COOP = ("agreed with", "AGREE", "057", 8.0, 1)
CONFLICT = ("accused", "ACCUSE", "112", -2.0, 3)


def _actor(text: str, country: str, start: int, name: str | None = None) -> Actor:
    return Actor(
        text=text,
        name=name or text,
        country=country,
        sector="GOV",
        code=f"{country}GOV",
        start=start,
        end=start + len(text),
    )


def demo_events(hostile: bool = True) -> list[tuple[Document, list[Event]]]:
    """One document per event; its second sentence is the event, offsets into the document."""
    items = []
    for month in range(12):
        trigger, kind, cameo, goldstein, quad = COOP if month < SHIFT_MONTH else CONFLICT
        for k in range(PER_MONTH):
            year, mon = 2025 + (month // 12), month % 12 + 1
            day = f"{year}-{mon:02d}-{k * 4 + 2:02d}"
            nasty = hostile and month == 0 and k == 0
            sentence = f"Norway {trigger} Iceland on item {k}."
            if nasty:
                sentence = sentence[:-1] + HOSTILE_SENTENCE_TAIL + "."
            # The event sentence appears twice; the offsets point into the second copy.
            lead = f"Report {month}-{k}. {sentence} Background. "
            text = lead + sentence
            base = len(lead)
            doc = Document(
                text=text,
                id=f"doc-{month:02d}-{k}",
                title=HOSTILE_TITLE if nasty else f"Article {month}-{k}",
                date=day,
                url="javascript:alert(4)" if nasty else f"https://example.org/{month}/{k}",
            )
            event = Event(
                doc_id=doc.id,
                sentence_index=1,
                sentence=sentence,
                type=kind,
                mode=None,
                cameo=cameo,
                goldstein=goldstein,
                quad=quad,
                source=_actor("Norway", "NOR", base, name=HOSTILE_NAME if nasty else "Norway"),
                target=_actor("Iceland", "ISL", base + sentence.index("Iceland")),
                trigger=Trigger(trigger, base + 7, base + 7 + len(trigger)),
                date=day,
                date_precision="day",
            )
            items.append((doc, [event]))
    return items


def build_store(path: Path, hostile: bool = True) -> Path:
    with Store(path) as store:
        items = demo_events(hostile)
        store.add_documents([doc for doc, _ in items])
        store.add_events(
            [e for _, events in items for e in events],
            coded_doc_ids=[str(doc.id) for doc, _ in items],
        )
    return path


@pytest.fixture
def report_store(tmp_path: Path) -> Path:
    return build_store(tmp_path / "report.duckdb")
