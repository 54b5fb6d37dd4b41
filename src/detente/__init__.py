"""detente: who did or said what to whom, when, and how the relationship is changing.

The notebook API is small on purpose:

    import detente
    events = detente.extract("Russia shelled Kharkiv on Monday.", date="2025-06-02")
    actor = detente.resolve("the U.S. president", date="2025-10-01")

Heavier entry points (the store, relations, evaluation) live in their stage packages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from detente.model import Actor, Event

__all__ = ["Actor", "Event", "__version__", "extract", "resolve"]


def extract(text: str, date: str | None = None, doc_id: str | None = None) -> list[Event]:
    """Code one document's text into events (PLOVER + CAMEO), resolved at `date`."""
    from detente.coding import extract as _extract

    return _extract(text, date=date, doc_id=doc_id)


def resolve(text: str, date: str | None = None) -> Actor:
    """Resolve an actor mention ("the Kremlin", "Ukraine's finance minister") at `date`."""
    from detente.actors import resolve as _resolve

    return _resolve(text, date=date)


def __getattr__(name: str) -> Any:
    if name in ("Actor", "Event"):
        from detente import model

        return getattr(model, name)
    raise AttributeError(name)
