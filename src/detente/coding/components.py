"""The coder's components and their configuration, spaCy-style: named steps over a sentence.

Each component is a callable over one sentence's drafts: the lexicon rules propose drafts, the
statement component attaches speakers and codes stance, and an optional type classifier may
re-type drafts the rules are unsure of. Components are looked up by name in `COMPONENTS`, so a
new one (or a learned model) is added by registering a factory, without touching the coder's
loop; `CoderConfig` names the ones a run uses and is recorded with each `detente code` run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from spacy.tokens import Span, Token

from detente.coding.commitments import sentence_drafts
from detente.coding.lexicon import Lexicon
from detente.coding.ontology import cameo_code, default_cameo
from detente.coding.rules import Draft
from detente.coding.speech import apply_statements
from detente.nlp.batching import BATCH_CHARS


@dataclass(slots=True)
class SentenceState:
    """What components see of one sentence, plus state carried across a document's sentences."""

    sent: Span
    index: int
    candidates: list[Token]
    lexicon: Lexicon
    document: dict[str, Any]  # per-document memory (e.g. the last speaker)


class Component(Protocol):
    """One step of the coder: takes a sentence's drafts, returns the drafts to keep."""

    name: str

    def __call__(self, state: SentenceState, drafts: list[Draft]) -> list[Draft]: ...


@dataclass(slots=True)
class LexiconRules:
    """Verb and noun triggers from data/verbs.yaml with their dependency arguments."""

    name: str = "rules"

    def __call__(self, state: SentenceState, drafts: list[Draft]) -> list[Draft]:
        return drafts + sentence_drafts(state.sent, state.candidates, state.lexicon)


@dataclass(slots=True)
class Statements:
    """Speakers of reported events and the stance of statements (see `coding.speech`)."""

    name: str = "statements"

    def __call__(self, state: SentenceState, drafts: list[Draft]) -> list[Draft]:
        drafts, speaker = apply_statements(
            state.sent, drafts, state.lexicon, state.document.get("speaker")
        )
        state.document["speaker"] = speaker
        return drafts


Classify = Callable[[str, str | None, str | None, str | None], list[tuple[str, float]]]


@dataclass(slots=True)
class ClassifierRetyping:
    """Re-types drafts the rules are unsure of when a learned classifier is confident."""

    classify: Classify
    # Two settings, because two confidences meet: the rules' own (`below`: only drafts the
    # lexicon is unsure of are asked about, so a confident rule is never overruled) and the
    # model's (`threshold`: it must itself be this sure of another type).
    threshold: float = 0.6
    below: float = 0.6
    name: str = "classifier"

    def __call__(self, state: SentenceState, drafts: list[Draft]) -> list[Draft]:
        text = state.sent.text
        for draft in drafts:
            if draft.confidence >= self.below:
                continue
            scores = self.classify(
                text,
                draft.trigger.text,
                draft.source.text if draft.source is not None else None,
                draft.target.text if draft.target is not None else None,
            )
            if not scores:
                continue
            label, probability = max(scores, key=lambda item: item[1])
            current = cameo_code(draft.cameo)
            if probability >= self.threshold and current and current.plover_type != label:
                draft.type_override = label
                draft.cameo = default_cameo(label)
                draft.notes.append(f"type {label} from classifier (p={probability:.2f})")
                draft.confidence = max(draft.confidence, probability * 0.8)
        return drafts


def _classifier_component() -> Component | None:
    # Imported here so a rules-only Coder never loads the model; `classify` returns no
    # probabilities when the artefact is missing, so the component then changes nothing.
    from detente.coding.classifier import classify

    return ClassifierRetyping(classify)


COMPONENTS: dict[str, Callable[[], Component | None]] = {
    "rules": LexiconRules,
    "statements": Statements,
    "classifier": _classifier_component,
}


@dataclass(slots=True)
class CoderConfig:
    """Every setting of the coder, recorded with each `detente code` run."""

    components: tuple[str, ...] = ("rules", "statements", "classifier")
    batch_size: int = 64
    batch_chars: int = BATCH_CHARS  # parser memory follows the text per call, not the doc count
    min_confidence: float = 0.0
    gazetteer: bool = True  # the KB's names as entity patterns after spaCy's recogniser

    def as_dict(self) -> dict[str, Any]:
        return {
            "components": list(self.components),
            "gazetteer": self.gazetteer,
            "batch_size": self.batch_size,
            "batch_chars": self.batch_chars,
            "min_confidence": self.min_confidence,
        }
