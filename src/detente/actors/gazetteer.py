"""The knowledge base's names as entity patterns for spaCy, so the parse knows its actors.

The small English model misses many names the knowledge base knows ("announced the deployment
of 230 troops to Liberia" leaves Liberia untagged), and the coder ranks arguments by entity
type: an untagged country loses to "troops". An `entity_ruler` placed after the statistical
recogniser fills only the gaps it left (it never overwrites an entity the model found), with
patterns matched on exact spelling so "turkey" or "chad" in lower case stay words.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

import yaml

from detente.actors.kb import as_strings
from detente.actors.tables import DATA_DIR

RULER_NAME = "kb_gazetteer"
# Names this short are mostly abbreviations that are also words ("US" is tagged by the model;
# "IS", "AU", "UN" as patterns would catch ordinary capitals): left to the model.
MIN_LENGTH = 4


@lru_cache(maxsize=4)
def _load(name: str) -> Mapping[str, Any]:
    data = yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))
    return data if isinstance(data, Mapping) else {}


def _country_patterns() -> Iterator[tuple[str, str]]:
    for rec in _load("countries.yaml").get("countries") or []:
        if not isinstance(rec, Mapping):
            continue
        for phrase in as_strings(rec.get("name")) + as_strings(rec.get("names")):
            yield "GPE", phrase
        for phrase in as_strings(rec.get("capitals")):
            yield "GPE", phrase
        for phrase in as_strings(rec.get("adjectives")) + as_strings(rec.get("demonyms")):
            yield "NORP", phrase


def _organization_patterns() -> Iterator[tuple[str, str]]:
    for rec in _load("organizations.yaml").get("organizations") or []:
        if not isinstance(rec, Mapping):
            continue
        for phrase in as_strings(rec.get("name")) + as_strings(rec.get("names")):
            yield "ORG", phrase
        for body in rec.get("bodies") or []:
            if isinstance(body, Mapping):
                yield from (("ORG", phrase) for phrase in as_strings(body.get("names")))


@lru_cache(maxsize=1)
def gazetteer_patterns() -> tuple[tuple[str, str], ...]:
    """(label, phrase) for the KB's countries, capitals, nationalities and organisations."""
    found: dict[str, str] = {}
    for label, phrase in [*_country_patterns(), *_organization_patterns()]:
        phrase = phrase.strip()
        if len(phrase) >= MIN_LENGTH and phrase[0].isupper() and phrase not in found:
            found[phrase] = label
    return tuple((label, phrase) for phrase, label in found.items())


@lru_cache(maxsize=1)
def known_countries() -> frozenset[str]:
    """The KB's country names as written ("Niger", "Guinea-Bissau"), for places the model
    tagged as something else."""
    return frozenset(
        phrase for label, phrase in _country_patterns() if label == "GPE" and phrase[:1].isupper()
    )


def add_gazetteer(nlp: Any) -> Any:
    """Add the KB gazetteer after the model's recogniser (once); returns `nlp`."""
    if RULER_NAME in nlp.pipe_names:
        return nlp
    placement = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe(
        "entity_ruler",
        name=RULER_NAME,
        config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH"},
        **placement,
    )
    patterns = [{"label": label, "pattern": phrase} for label, phrase in gazetteer_patterns()]
    with nlp.select_pipes(enable=[]):  # exact-spelling patterns need the tokenizer only
        ruler.add_patterns(patterns)
    return nlp


__all__ = ["RULER_NAME", "add_gazetteer", "gazetteer_patterns", "known_countries"]
