"""The trigger lexicon and cue words, compiled once into dictionaries keyed by lemma.

The YAML files are written for people (codes grouped, patterns as short strings); the coder
needs constant-time look-ups per token, so everything is flattened here at load time and a
malformed or ambiguous entry fails loudly instead of silently shadowing another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


class LexiconError(ValueError):
    """A lexicon file that does not follow the documented pattern syntax."""


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """What a verb lemma can mean: its bare code and its more specific patterns."""

    code: str | None = None
    with_word: dict[str, str] = field(default_factory=dict)  # particle/preposition -> code
    with_object: dict[str, str] = field(default_factory=dict)  # object lemma -> code


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, VerbEntry]
    nouns: dict[str, str]  # noun lemma or "compound lemma" -> code
    targeted_nouns: dict[str, str]  # code of a noun when it has an on/against target
    noun_heads: frozenset[str]  # last word of every noun entry: the cheap screening key
    speech_verbs: frozenset[str]
    object_control: frozenset[str]
    subject_control: frozenset[str]
    modal_verbs: frozenset[str]
    conditional_marks: frozenset[str]
    precondition_marks: frozenset[str]
    possibility_words: frozenset[str]
    negation_words: frozenset[str]
    target_prepositions: tuple[str, ...]
    non_target_prepositions: frozenset[str]
    actor_nouns: frozenset[str]
    stance_negative: frozenset[str]
    stance_positive: frozenset[str]
    stance_negators: frozenset[str]
    reciprocal_prefixes: tuple[str, ...]
    intent_governors: frozenset[str]
    refusal_governors: frozenset[str]
    threat_governors: frozenset[str]
    intent_modals: frozenset[str]
    intent_codes: dict[str, str]
    refusal_codes: dict[str, str]
    threat_codes: dict[str, str]
    charge_verbs: frozenset[str]
    charge_prepositions: frozenset[str]
    allegation_verbs: frozenset[str]
    transfer_verbs: frozenset[str]
    transfer_nouns: frozenset[str]
    partitive_nouns: frozenset[str]
    place_nouns: frozenset[str]
    state_act_roots: tuple[str, ...]
    deployment_roots: tuple[str, ...]
    participation_verbs: frozenset[str]
    receiving_verbs: frozenset[str]
    completion_verbs: frozenset[str]
    time_prepositions: frozenset[str]
    capture_codes: tuple[str, ...]
    release_codes: tuple[str, ...]
    captivity_verbs: frozenset[str]
    mediation_codes: tuple[str, ...]
    completed_roots: tuple[str, ...]
    reversal_verbs: frozenset[str]  # "lift", or "call off" (verb + particle)
    reversal_nouns: frozenset[str]  # "suspension" (of aid), "lifting" (of the blockade)
    reversal_codes: dict[str, str]
    cut_codes: dict[str, str]
    cessation_verbs: frozenset[str]
    demand_modals: frozenset[str]
    request_codes: dict[str, str]
    event_reference_nouns: frozenset[str]
    foreign_target_codes: dict[str, str]

    def is_reciprocal(self, code: str) -> bool:
        return code.startswith(self.reciprocal_prefixes)

    @staticmethod
    def by_prefix(table: dict[str, str], code: str) -> str | None:
        """The value of the longest key of `table` that prefixes `code`."""
        for length in range(len(code), 1, -1):
            found = table.get(code[:length])
            if found is not None:
                return found
        return None

    @property
    def screen_lemmas(self) -> frozenset[str]:
        """Lemmas whose presence makes a sentence worth a closer look."""
        reversal = {phrase.split()[0] for phrase in self.reversal_verbs}
        return (
            frozenset(self.verbs)
            | self.noun_heads
            | self.speech_verbs
            | self.reversal_nouns
            | reversal
        )

    def pattern_count(self) -> int:
        verb_patterns = sum(
            (entry.code is not None) + len(entry.with_word) + len(entry.with_object)
            for entry in self.verbs.values()
        )
        return verb_patterns + len(self.nouns)


def _read_yaml(name: str) -> dict[str, Any]:
    text = (
        resources.files("detente.coding")
        .joinpath("data")
        .joinpath(name)
        .read_text(encoding="utf-8")
    )
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise LexiconError(f"{name}: expected a mapping at top level")
    return data


def _words(data: dict[str, Any], key: str, name: str) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{name}: `{key}` must be a list of words")
    return frozenset(v.lower() for v in value)


def compile_verbs(section: dict[str, list[str]], name: str) -> dict[str, VerbEntry]:
    """Flatten {code: [pattern, ...]} into lemma -> VerbEntry, refusing duplicate patterns."""
    bare: dict[str, str] = {}
    words: dict[str, dict[str, str]] = {}
    objects: dict[str, dict[str, str]] = {}
    for code, patterns in section.items():
        for pattern in patterns:
            parts = pattern.lower().split()
            if not parts or len(parts) > 3:
                raise LexiconError(f"{name}: bad verb pattern {pattern!r} under {code}")
            lemma, rest = parts[0], parts[1:]
            if not rest:
                table, key = bare, lemma
                if key in table:
                    raise LexiconError(f"{name}: {pattern!r} listed under {table[key]} and {code}")
                table[key] = str(code)
                continue
            obj = [p[1:] for p in rest if p.startswith("+")]
            plain = [p for p in rest if not p.startswith("+")]
            target = objects if obj else words
            key = obj[0] if obj else plain[0]
            slot = target.setdefault(lemma, {})
            if key in slot:
                raise LexiconError(f"{name}: {pattern!r} listed under {slot[key]} and {code}")
            slot[key] = str(code)
    lemmas = set(bare) | set(words) | set(objects)
    return {
        lemma: VerbEntry(bare.get(lemma), words.get(lemma, {}), objects.get(lemma, {}))
        for lemma in lemmas
    }


def compile_nouns(section: dict[str, list[str]], name: str) -> dict[str, str]:
    nouns: dict[str, str] = {}
    for code, lemmas in section.items():
        for lemma in lemmas:
            key = " ".join(lemma.lower().split())
            if key in nouns:
                raise LexiconError(f"{name}: noun {key!r} listed under {nouns[key]} and {code}")
            nouns[key] = str(code)
    return nouns


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (data/verbs.yaml + data/cues.yaml), loaded once per process."""
    triggers = _read_yaml("verbs.yaml")
    cues = _read_yaml("cues.yaml")
    nouns = compile_nouns(triggers.get("nouns") or {}, "verbs.yaml")
    stance = cues.get("stance") or {}
    return Lexicon(
        verbs=compile_verbs(triggers.get("verbs") or {}, "verbs.yaml"),
        nouns=nouns,
        targeted_nouns=compile_nouns(triggers.get("targeted_nouns") or {}, "verbs.yaml"),
        noun_heads=frozenset(key.split()[-1] for key in nouns),
        speech_verbs=_words(cues, "speech_verbs", "cues.yaml"),
        object_control=_words(cues, "object_control", "cues.yaml"),
        subject_control=_words(cues, "subject_control", "cues.yaml"),
        modal_verbs=_words(cues, "modal_verbs", "cues.yaml"),
        conditional_marks=_words(cues, "conditional_marks", "cues.yaml"),
        precondition_marks=_words(cues, "precondition_marks", "cues.yaml"),
        possibility_words=_words(cues, "possibility_words", "cues.yaml"),
        negation_words=_words(cues, "negation_words", "cues.yaml"),
        target_prepositions=tuple(_words_in_order(cues, "target_prepositions")),
        non_target_prepositions=_words(cues, "non_target_prepositions", "cues.yaml"),
        actor_nouns=_words(cues, "actor_nouns", "cues.yaml"),
        stance_negative=_words(stance, "negative", "cues.yaml stance"),
        stance_positive=_words(stance, "positive", "cues.yaml stance"),
        stance_negators=_words(stance, "negators", "cues.yaml stance"),
        reciprocal_prefixes=tuple(_words_in_order(cues, "reciprocal_code_prefixes")),
        intent_governors=_words(cues, "intent_governors", "cues.yaml"),
        refusal_governors=_words(cues, "refusal_governors", "cues.yaml"),
        threat_governors=_words(cues, "threat_governors", "cues.yaml"),
        intent_modals=_words(cues, "intent_modals", "cues.yaml"),
        intent_codes=_code_table(cues, "intent_codes"),
        refusal_codes=_code_table(cues, "refusal_codes"),
        threat_codes=_code_table(cues, "threat_codes"),
        charge_verbs=_words(cues, "charge_verbs", "cues.yaml"),
        charge_prepositions=_words(cues, "charge_prepositions", "cues.yaml"),
        allegation_verbs=_words(cues, "allegation_verbs", "cues.yaml"),
        transfer_verbs=_words(cues, "transfer_verbs", "cues.yaml"),
        transfer_nouns=_words(cues, "transfer_nouns", "cues.yaml"),
        partitive_nouns=_words(cues, "partitive_nouns", "cues.yaml"),
        place_nouns=_words(cues, "place_nouns", "cues.yaml"),
        state_act_roots=tuple(_words_in_order(cues, "state_act_roots")),
        deployment_roots=tuple(_words_in_order(cues, "deployment_roots")),
        participation_verbs=_words(cues, "participation_verbs", "cues.yaml"),
        receiving_verbs=_words(cues, "receiving_verbs", "cues.yaml"),
        completion_verbs=_words(cues, "completion_verbs", "cues.yaml"),
        time_prepositions=_words(cues, "time_prepositions", "cues.yaml"),
        capture_codes=tuple(_words_in_order(cues, "capture_codes")),
        release_codes=tuple(_words_in_order(cues, "release_codes")),
        captivity_verbs=_words(cues, "captivity_verbs", "cues.yaml"),
        mediation_codes=tuple(_words_in_order(cues, "mediation_codes")),
        completed_roots=tuple(_words_in_order(cues, "completed_roots")),
        reversal_verbs=_words(cues, "reversal_verbs", "cues.yaml"),
        reversal_nouns=_words(cues, "reversal_nouns", "cues.yaml"),
        reversal_codes=_code_table(cues, "reversal_codes"),
        cut_codes=_code_table(cues, "cut_codes"),
        cessation_verbs=_words(cues, "cessation_verbs", "cues.yaml"),
        demand_modals=_words(cues, "demand_modals", "cues.yaml"),
        request_codes=_code_table(cues, "request_codes"),
        event_reference_nouns=_words(cues, "event_reference_nouns", "cues.yaml"),
        foreign_target_codes=_code_table(cues, "foreign_target_codes"),
    )


def _words_in_order(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list):
        raise LexiconError(f"cues.yaml: `{key}` must be a list of words")
    return [str(v).lower() for v in value]


def _code_table(data: dict[str, Any], key: str) -> dict[str, str]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise LexiconError(f"cues.yaml: `{key}` must map CAMEO code prefixes to codes")
    return {str(k): str(v) for k, v in value.items()}
