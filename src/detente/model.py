"""The records every stage exchanges: documents, resolved actors and coded events.

These shapes are the public event contract (see README, "Event contract"). Other commands,
the store and users' scripts rely on the field names, so change them only with a schema
migration and a note in the changelog.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

DatePrecision = Literal["day", "month", "year", "document"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(slots=True)
class Document:
    """One text to code, as the readers produce it and the store keeps it."""

    text: str
    id: str | None = None
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD publication date, None when unknown
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # "file.jsonl:12": where the reader found it, for messages


@dataclass(slots=True)
class Actor:
    """A resolved actor: the resolver's answer, also the shape of event source/target/speaker.

    `country` is an ISO-3 / CAMEO country code or "IGO"; `sector` a CAMEO actor-type code;
    `code` their CAMEO-style concatenation (e.g. "USAGOV"). Unknown parts stay None.
    """

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    role: str | None = None
    id: str | None = None
    start: int | None = None  # character offsets in the document (events only)
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Trigger:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Event:
    """One coded interaction: who did or said what to whom, when, with its evidence."""

    doc_id: str | None
    sentence_index: int
    sentence: str
    type: str  # one of PLOVER_TYPES
    mode: str | None
    cameo: str | None
    goldstein: float | None
    quad: int | None
    source: Actor | None
    target: Actor | None
    trigger: Trigger | None
    date: str | None
    date_precision: DatePrecision = "document"
    speaker: Actor | None = None
    negated: bool = False
    hypothetical: bool = False
    explanation: str = ""
    confidence: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the event contract (nested actors, no `extra` when empty)."""
        record = asdict(self)
        if not record["extra"]:
            del record["extra"]
        return record

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Event:
        def actor(value: dict[str, Any] | None) -> Actor | None:
            return Actor(**value) if value else None

        trigger = record.get("trigger")
        return cls(
            doc_id=record.get("doc_id"),
            sentence_index=int(record.get("sentence_index") or 0),
            sentence=record.get("sentence") or "",
            type=record["type"],
            mode=record.get("mode"),
            cameo=record.get("cameo"),
            goldstein=record.get("goldstein"),
            quad=record.get("quad"),
            source=actor(record.get("source")),
            target=actor(record.get("target")),
            trigger=Trigger(**trigger) if trigger else None,
            date=record.get("date"),
            date_precision=record.get("date_precision") or "document",
            speaker=actor(record.get("speaker")),
            negated=bool(record.get("negated")),
            hypothetical=bool(record.get("hypothetical")),
            explanation=record.get("explanation") or "",
            confidence=float(record.get("confidence") or 0.0),
            extra=dict(record.get("extra") or {}),
        )
