"""One evaluation per gold format: code the sentences, align, score, keep every miss.

Each `evaluate_*` takes gold items and anything with the Coder's `extract_documents`, so the
scoring is tested with a fake coder and the real one is only needed end to end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from detente.evaluate import align
from detente.evaluate.labels import conflibert_class, country_code, is_cameo, plv_label
from detente.evaluate.metrics import (
    NONE_LABEL,
    TripleCounts,
    bio_spans,
    classification_report,
    compare_triples,
    ratio,
    set_scores,
)
from detente.evaluate.readers import STANDOFF_FORMAT, Coded, GoldItem
from detente.evaluate.report import EvalReport
from detente.model import Actor, Document, Event

Advance = Callable[[int], None]


class DocumentCoder(Protocol):
    def extract_documents(
        self, docs: Iterable[Document]
    ) -> Iterator[tuple[Document, list[Event]]]: ...


def _no_progress(n: int = 1) -> None:
    """Default progress callback."""


def code_items(
    items: list[GoldItem], coder: DocumentCoder, advance: Advance = _no_progress
) -> Iterator[tuple[GoldItem, list[Event]]]:
    """Stream the gold sentences through the coder, one document each, in file order."""
    docs = (
        Document(text=item.text, id=str(i), date=item.date, origin=item.origin)
        for i, item in enumerate(items)
    )
    seen: set[int] = set()
    for doc, events in coder.extract_documents(docs):
        index = int(doc.id or 0)
        seen.add(index)
        advance(1)
        yield items[index], events
    for index, item in enumerate(items):  # a coder that skips a document coded nothing in it
        if index not in seen:
            advance(1)
            yield item, []


def _actor(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"text": actor.text, "code": actor.code, "start": actor.start, "end": actor.end}


def event_summary(event: Event | None) -> dict[str, Any] | None:
    if event is None:
        return None
    return {
        "type": event.type,
        "cameo": event.cameo,
        "source": _actor(event.source),
        "target": _actor(event.target),
        "confidence": event.confidence,
    }


def miss(item: GoldItem, gold: dict[str, Any], event: Event | None, **why: Any) -> dict[str, Any]:
    return {
        "id": item.id,
        "origin": item.origin,
        "sentence": item.text,
        "gold": gold,
        "prediction": event_summary(event),
        "explanation": event.explanation if event else "",
        **why,
    }


def _coded(actors: list[Coded]) -> list[dict[str, Any]]:
    return [
        {"text": a.text, "span": a.span, "country": a.country, "sector": a.sector} for a in actors
    ]


def _dyad_miss(item: GoldItem, event: Event | None, label: str) -> dict[str, Any]:
    """A PLV or GSR miss: the gold label and dyad beside the aligned event (`label`: its type)."""
    gold = {"label": item.label, "source": _coded(item.sources), "target": _coded(item.targets)}
    return miss(item, gold, event, type_ok=label == item.label)


def evaluate_plv(
    items: list[GoldItem], coder: DocumentCoder, gold: str, advance: Advance = _no_progress
) -> EvalReport:
    """PLV: event type of the best-aligned event (CONCEDE/RETREAT = YIELD) and span agreement.

    Span agreement: among items whose gold source or target can be found in the sentence,
    the share where the aligned event's source overlaps the gold source and its target the
    gold target (each side checked only where its gold span was found).
    """
    golds: list[str] = []
    predictions: list[str] = []
    misses: list[dict[str, Any]] = []
    checked = agreed = source_checked = source_hits = target_checked = target_hits = 0
    for item, events in code_items(items, coder, advance):
        event = align.best_event(item, events)
        label = plv_label(event.type) if event else NONE_LABEL
        golds.append(item.label or "")
        predictions.append(label)
        sides = []
        if item.sources and item.sources[0].span:
            ok = event is not None and align.role_overlaps(event.source, item.sources)
            source_checked, source_hits = source_checked + 1, source_hits + ok
            sides.append(ok)
        if item.targets and item.targets[0].span:
            ok = event is not None and align.role_overlaps(event.target, item.targets)
            target_checked, target_hits = target_checked + 1, target_hits + ok
            sides.append(ok)
        if sides:
            checked, agreed = checked + 1, agreed + all(sides)
        if label != item.label or not all(sides):
            misses.append(_dyad_miss(item, event, label))
    report = classification_report(golds, predictions)
    unlocated = len(items) - checked
    return EvalReport(
        name="plv",
        gold=gold,
        n=len(items),
        metrics={
            "plv.macro_f1": report.macro_f1,
            "plv.micro_f1": report.micro_f1,
            "plv.accuracy": report.accuracy,
            "plv.span_agreement": ratio(agreed, checked),
            "plv.source_overlap": ratio(source_hits, source_checked),
            "plv.target_overlap": ratio(target_hits, target_checked),
        },
        details={"span_items": checked},
        misses=misses,
        notes=[f"{unlocated} items have neither gold span in the sentence"] if unlocated else [],
        classification=report,
    )


def _code(value: str | None, part: str) -> str | None:
    """A gold or predicted country (ISO spelling) or sector code; None unless 3 letters."""
    code = country_code(value) if part == "country" else (value or "")[:3].upper()
    return code if code and re.fullmatch(r"[A-Z]{3}", code) else None


def _agrees(actor: Actor | None, gold: list[Coded], part: str) -> bool | None:
    """Country (or sector) agreement for one role; None when the gold set gives no code.

    Gold entries whose code is not three letters (a shifted field in one GSR record, the
    "***" placeholder sector) are not judged.
    """
    wanted = {_code(a.country if part == "country" else a.sector, part) for a in gold} - {None}
    if not wanted:
        return None
    if actor is None:
        return False
    return _code(actor.country if part == "country" else actor.sector, part) in wanted


def evaluate_gsr(
    items: list[GoldItem], coder: DocumentCoder, gold: str, advance: Advance = _no_progress
) -> EvalReport:
    """PLOVER gold standard: event type (older labels mapped) and actor-code agreement.

    The event is aligned as for PLV (gold mentions located in the text). Country agreement
    is the share of gold roles with a country code where the aligned event's actor in that
    role has one of the gold countries; sector agreement likewise for gold sector codes.
    """
    golds: list[str] = []
    predictions: list[str] = []
    misses: list[dict[str, Any]] = []
    tallies = {"country": [0, 0], "sector": [0, 0]}
    for item, events in code_items(items, coder, advance):
        event = align.best_event(item, events)
        label = event.type if event else NONE_LABEL
        golds.append(item.label or "")
        predictions.append(label)
        verdicts: dict[str, list[bool]] = {part: [] for part in tallies}
        for part, tally in tallies.items():
            for actor, gold_actors in (
                (event.source if event else None, item.sources),
                (event.target if event else None, item.targets),
            ):
                verdict = _agrees(actor, gold_actors, part)
                if verdict is not None:
                    verdicts[part].append(verdict)
                    tally[0] += verdict
                    tally[1] += 1
        # a miss: wrong type or a wrong country (sector slips alone are too common to list)
        if label != item.label or not all(verdicts["country"]):
            misses.append(_dyad_miss(item, event, label))
    report = classification_report(golds, predictions)
    return EvalReport(
        name="gsr",
        gold=gold,
        n=len(items),
        metrics={
            "gsr.accuracy": report.accuracy,
            "gsr.macro_f1": report.macro_f1,
            "gsr.country_agreement": ratio(*tallies["country"]),
            "gsr.sector_agreement": ratio(*tallies["sector"]),
        },
        details={"country_roles": tallies["country"][1], "sector_roles": tallies["sector"][1]},
        misses=misses,
        classification=report,
    )


def evaluate_conflibert_class(
    items: list[GoldItem], coder: DocumentCoder, gold: str, advance: Advance = _no_progress
) -> EvalReport:
    """ConfliBERT five classes: the most confident event's class (label_maps.yaml); none = 0."""
    golds: list[str] = []
    predictions: list[str] = []
    misses: list[dict[str, Any]] = []
    for item, events in code_items(items, coder, advance):
        event = align.primary_event(events)
        predicted = str(conflibert_class(event))
        golds.append(item.label or "")
        predictions.append(predicted)
        if predicted != item.label:
            misses.append(miss(item, {"class": item.label}, event, predicted_class=predicted))
    report = classification_report(golds, predictions)
    return EvalReport(
        name="conflibert_class",
        gold=gold,
        n=len(items),
        metrics={
            "conflibert_class.macro_f1": report.macro_f1,
            "conflibert_class.accuracy": report.accuracy,
        },
        misses=misses,
        classification=report,
    )


def _resolve_reciprocal(
    gold: set[tuple[Any, ...]], predicted: set[tuple[Any, ...]], role_at: int
) -> set[tuple[Any, ...]]:
    """Gold R units take the role (S or T) that the prediction gave the same unit, if any."""
    by_position = {unit[:role_at] + unit[role_at + 1 :]: unit[role_at] for unit in predicted}
    resolved = set()
    for unit in gold:
        rest = unit[:role_at] + unit[role_at + 1 :]
        role = by_position.get(rest) if unit[role_at] == "R" else None
        resolved.add((*unit[:role_at], role, *unit[role_at + 1 :]) if role else unit)
    return resolved


def evaluate_conflibert_ner(
    items: list[GoldItem], coder: DocumentCoder, gold: str, advance: Advance = _no_progress
) -> EvalReport:
    """ConfliBERT source/target roles: token-level and exact-span F1 of S and T.

    The event is aligned to the gold S/T spans as for PLV; tokens its source touches are S,
    its target T. A gold R (both roles) unit counts as correct when predicted S or T.
    """
    gold_tokens: set[tuple[Any, ...]] = set()
    pred_tokens: set[tuple[Any, ...]] = set()
    gold_spans: set[tuple[Any, ...]] = set()
    pred_spans: set[tuple[Any, ...]] = set()
    misses: list[dict[str, Any]] = []
    for index, (item, events) in enumerate(code_items(items, coder, advance)):
        sources, targets = align.ner_gold_actors(item)
        aligned = GoldItem(item.id, item.text, item.origin, sources=sources, targets=targets)
        event = align.best_event(aligned, events)
        tags = align.predicted_tags(item, event)
        item_gold = {(index, i, t[2:]) for i, t in enumerate(item.tags) if t != "O"}
        item_pred = {(index, i, t[2:]) for i, t in enumerate(tags) if t != "O"}
        gold_tokens |= _resolve_reciprocal(item_gold, item_pred, 2)
        pred_tokens |= item_pred
        spans_gold = {(index, s, e, label) for label, s, e in bio_spans(item.tags)}
        spans_pred = {(index, s, e, label) for label, s, e in bio_spans(tags)}
        spans_gold = _resolve_reciprocal(spans_gold, spans_pred, 3)
        gold_spans |= spans_gold
        pred_spans |= spans_pred
        if spans_gold != spans_pred:
            gold_record = {"source": _coded(sources), "target": _coded(targets)}
            misses.append(miss(item, gold_record, event))
    tokens, spans = set_scores(gold_tokens, pred_tokens), set_scores(gold_spans, pred_spans)
    by_role = {
        role: set_scores(
            {u for u in gold_spans if u[3] == role}, {u for u in pred_spans if u[3] == role}
        ).to_dict()
        for role in ("S", "T")
    }
    return EvalReport(
        name="conflibert_ner",
        gold=gold,
        n=len(items),
        metrics={
            "conflibert_ner.token_f1": tokens.f1,
            "conflibert_ner.span_f1": spans.f1,
            "conflibert_ner.source_span_f1": float(by_role["S"]["f1"]),
            "conflibert_ner.target_span_f1": float(by_role["T"]["f1"]),
        },
        details={"tokens": tokens.to_dict(), "spans": spans.to_dict(), "span_roles": by_role},
        misses=misses,
    )


def _triple(event: Event, digits: int | None = None) -> tuple[str, str, str]:
    def code(actor: Actor | None) -> str:
        if actor is None:
            return ""
        return actor.code or ((actor.country or "") + (actor.sector or ""))

    cameo = event.cameo or ""
    return (code(event.source), code(event.target), cameo[:digits] if digits else cameo)


def evaluate_petrarch(
    items: list[GoldItem], coder: DocumentCoder, gold: str, advance: Advance = _no_progress
) -> EvalReport:
    """PETRARCH triples: (source code, target code, CAMEO) as correct, uncoded and extra.

    Root agreement repeats the comparison with CAMEO codes cut to their two-digit root.
    Records that expect a code outside CAMEO (the toy codes of PETRARCH's validation verb
    dictionary) are left out of both and counted apart: no CAMEO coder can produce them, and
    whatever it codes there would count as extra.
    """
    full, root = TripleCounts(), TripleCounts()
    misses: list[dict[str, Any]] = []
    outside = outside_triples = 0
    for item, events in code_items(items, coder, advance):
        off_book = [t for t in item.triples if not is_cameo(t[2])]
        if off_book:
            outside, outside_triples = outside + 1, outside_triples + len(off_book)
            continue
        # PETRARCH writes a sentence's (source, target, code) once however many verbs fire
        # for it, and its gold lists none twice: a repeat is not an extra event
        predicted = list(dict.fromkeys(_triple(e) for e in events))
        counts = compare_triples(item.triples, predicted)
        full.add(counts)
        root.add(
            compare_triples(
                [(s, t, c[:2]) for s, t, c in item.triples],
                list(dict.fromkeys(_triple(e, 2) for e in events)),
            )
        )
        if counts.uncoded or counts.extra:
            record = miss(item, {"triples": item.triples}, align.primary_event(events))
            record["predicted_triples"] = predicted
            record["explanation"] = " | ".join(e.explanation for e in events if e.explanation)
            misses.append(record)
    return EvalReport(
        name="petrarch",
        gold=gold,
        n=len(items),
        metrics={
            "petrarch.correct_rate": full.correct_rate,
            "petrarch.precision": full.precision,
            "petrarch.root_correct_rate": root.correct_rate,
        },
        details={
            "triples": full.to_dict(),
            "root_triples": root.to_dict(),
            "outside_cameo": {"records": outside, "triples": outside_triples},
        },
        misses=misses,
        notes=[
            f"{outside} records ({outside_triples} expected triples) use codes outside CAMEO "
            "(PETRARCH's validation verb dictionary) and are not scored"
        ]
        if outside
        else [],
    )


SUITES: dict[str, Callable[[list[GoldItem], DocumentCoder, str, Advance], EvalReport]] = {
    "plv": evaluate_plv,
    STANDOFF_FORMAT: evaluate_plv,
    "plover-gsr": evaluate_gsr,
    "conflibert-cameo": evaluate_conflibert_class,
    "conflibert-ner": evaluate_conflibert_ner,
    "petrarch": evaluate_petrarch,
}

# The report (and metric prefix) name of each format's evaluation.
SUITE_NAMES: dict[str, str] = {
    "plv": "plv",
    STANDOFF_FORMAT: "plv",
    "plover-gsr": "gsr",
    "conflibert-cameo": "conflibert_class",
    "conflibert-ner": "conflibert_ner",
    "petrarch": "petrarch",
}
