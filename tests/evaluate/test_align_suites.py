"""Alignment of events with gold sentences, and the GSR and ConfliBERT-class evaluations."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.evaluate import align, evaluate_file
from detente.evaluate.labels import conflibert_class, country_code, legacy_plover, plv_label
from detente.evaluate.readers import Coded, GoldItem, read_conflibert_ner

TEXT = "Norway accused Iceland of overfishing."


def _item() -> GoldItem:
    return GoldItem(
        "x", TEXT, "f:1", sources=[Coded("Norway", (0, 6))], targets=[Coded("Iceland", (15, 22))]
    )


def test_best_event_prefers_span_overlap_over_confidence(make_event) -> None:
    swapped = make_event(TEXT, "ACCUSE", "Iceland", "Norway", confidence=0.9)
    right = make_event(TEXT, "ACCUSE", "Norway", "Iceland", confidence=0.1)
    assert align.best_event(_item(), [swapped, right]) is right


def test_best_event_falls_back_to_confidence_then_order(make_event) -> None:
    low = make_event(TEXT, "ACCUSE", "overfishing", None, confidence=0.2)
    high = make_event(TEXT, "REJECT", "overfishing", None, confidence=0.7)
    also_high = make_event(TEXT, "THREATEN", "overfishing", None, confidence=0.7)
    assert align.best_event(_item(), [low, high, also_high]) is high
    assert align.best_event(_item(), []) is None
    assert align.primary_event([low, high, also_high]) is high


def test_role_overlap_needs_a_shared_character(make_event) -> None:
    event = make_event(TEXT, "ACCUSE", "Norway accused", "Iceland of")
    assert align.role_overlaps(event.source, _item().sources)
    assert not align.role_overlaps(None, _item().sources)


def test_predicted_tags_cover_every_touched_token(fixtures: Path, make_event) -> None:
    item = read_conflibert_ner(fixtures / "conflibert_ner_sample.txt")[0]
    event = make_event(item.text, "ACCUSE", "Norw", "Iceland's fishing")
    assert align.predicted_tags(item, event) == ["B-S", "O", "B-T", "I-T", "I-T", "O", "O"]
    assert align.predicted_tags(item, None) == ["O"] * 7
    sources, targets = align.ner_gold_actors(item)
    assert [c.text for c in sources] == ["Norway"]
    assert [c.text for c in targets] == ["Iceland's fishing ban"]


def test_label_mappings() -> None:
    assert legacy_plover("disapprove") == "ACCUSE"
    assert legacy_plover("FIGHT") == "ASSAULT"
    assert legacy_plover("DEMAND") == "REQUEST"
    assert legacy_plover("AGREE") == "AGREE"
    assert plv_label("RETREAT") == "YIELD" and plv_label("AID") == "AID"
    assert country_code("jap") == "JPN" and country_code(None) is None


def test_conflibert_class_from_cameo_or_type(make_event) -> None:
    assert conflibert_class(None) == 0
    assert conflibert_class(make_event(TEXT, "ACCUSE", cameo="112")) == 3
    assert conflibert_class(make_event(TEXT, "SANCTION", cameo="161")) == 3
    assert conflibert_class(make_event(TEXT, "ASSAULT", cameo="190")) == 4
    assert conflibert_class(make_event(TEXT, "AID")) == 2  # type's default CAMEO code (07x)
    assert conflibert_class(make_event(TEXT, "AGREE")) == 1


def test_gsr_event_type_and_country_agreement(fixtures: Path, make_event, fake_coder) -> None:
    t1 = "Norway condemned the Icelandic fishing ban on Monday."
    t2 = "Icelandic troops clashed with Norwegian rebels near the border."
    t3 = "The Japanese envoy met Norwegian officials in Oslo."
    coder = fake_coder(
        {
            t1: [
                make_event(
                    t1,
                    "ACCUSE",
                    "Norway",
                    "Icelandic",
                    source_country="NOR",
                    target_country="ISL",
                    source_sector="GOV",
                    target_sector="GOV",
                )
            ],
            t2: [
                make_event(
                    t2,
                    "COERCE",
                    "Icelandic troops",
                    "Norwegian rebels",
                    source_country="ISL",
                    target_country="SWE",
                    source_sector="MIL",
                )
            ],
            t3: [
                make_event(
                    t3,
                    "CONSULT",
                    "Japanese envoy",
                    "Norwegian officials",
                    source_country="JPN",
                    target_country="NOR",
                    source_sector="GOV",
                    target_sector="GOV",
                )
            ],
        }
    )
    report = evaluate_file("plover-gsr", fixtures / "plover_gsr_sample.jsonl", coder=coder)
    # types: ACCUSE ok (DISAPPROVE), COERCE vs ASSAULT (FIGHT) wrong, CONSULT ok -> 2/3
    # countries: 6 gold roles; wrong only t2's target (SWE vs NOR); JAP = JPN -> 5/6
    # sectors: 6 gold roles; t2 target predicted none -> 5/6
    assert report.metrics["gsr.accuracy"] == pytest.approx(2 / 3)
    assert report.metrics["gsr.country_agreement"] == pytest.approx(5 / 6)
    assert report.metrics["gsr.sector_agreement"] == pytest.approx(5 / 6)
    assert report.details["country_roles"] == 6
    assert [m["id"] for m in report.misses] == ["T-0002"]


def test_conflibert_class_evaluation(fixtures: Path, make_event, fake_coder) -> None:
    t1 = "Norway and Iceland agreed to resume talks on fishing quotas."
    t2 = "Icelandic police detained twelve Norwegian fishermen."
    coder = fake_coder(
        {
            t1: [make_event(t1, "AGREE", "Norway", "Iceland", cameo="036")],
            t2: [make_event(t2, "ACCUSE", "Icelandic police", cameo="112")],
        }
    )
    report = evaluate_file(
        "conflibert-cameo", fixtures / "conflibert_class_sample.tsv", coder=coder
    )
    # gold 1 4 0 2 ; predicted 1 3 0(no event) 0(no event) -> accuracy 2/4
    # F1: class1 1, class4 0, class0 P 1/2 R 1 -> 2/3, class2 0 ; macro over gold {0,1,2,4}
    assert report.metrics["conflibert_class.accuracy"] == pytest.approx(0.5)
    assert report.metrics["conflibert_class.macro_f1"] == pytest.approx((1 + 0 + 2 / 3 + 0) / 4)
    assert report.misses[0]["predicted_class"] == "3"


def test_coder_that_skips_documents_counts_them_as_uncoded(fixtures: Path) -> None:
    class Skipping:
        def extract_documents(self, docs):
            return iter(())

    report = evaluate_file("plv", fixtures / "plv_sample.csv", coder=Skipping())
    assert report.n == 4
    assert report.metrics["plv.accuracy"] == 0.0
    assert len(report.misses) == 4
