"""The event coder: who did or said what to whom, when.

    from detente.coding import Coder, extract
    events = extract("The US and the EU sanctioned Russia on Monday.", date="2025-03-05")
    coder = Coder(resolver=my_resolver)             # e.g. built from PETRARCH dictionaries
    for document, events in coder.extract_documents(documents, batch_size=64): ...

Ontology (`coding.ontology`), date expressions (`coding.dates`) and the optional learned type
classifier (`coding.classifier`) are separate modules the coder builds on.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from detente.coding.coder import Coder
    from detente.coding.components import CoderConfig
    from detente.model import Event

__all__ = ["Coder", "CoderConfig", "default_coder", "extract"]


@lru_cache(maxsize=1)
def default_coder() -> Coder:
    """The process-wide coder with the default resolver and spaCy pipeline, built on first use."""
    from detente.coding.coder import Coder

    return Coder()


def extract(text: str, date: str | None = None, doc_id: str | None = None) -> list[Event]:
    """Code one document's text into events with the default coder."""
    return default_coder().extract(text, date=date, doc_id=doc_id)


def __getattr__(name: str) -> object:
    # Importing the coder loads spaCy; keep `import detente.coding` (ontology users) light.
    if name == "Coder":
        from detente.coding.coder import Coder

        return Coder
    if name == "CoderConfig":
        from detente.coding.components import CoderConfig

        return CoderConfig
    raise AttributeError(name)
