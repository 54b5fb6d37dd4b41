"""End-to-end scores on tiny gold sets whose expected numbers are worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.evaluate import evaluate_file

PLV = """text,label,meta,context,source,target
Norway accused Iceland of overfishing.,ACCUSE,|sentence_id=1,,Norway,Iceland
The Icelandic coast guard fired on a Norwegian trawler.,ASSAULT,|sentence_id=2,,\
Icelandic coast guard,Norwegian trawler
Oslo released two detained Icelandic sailors on Friday.,YIELD,|sentence_id=3,,Oslo,Icelandic sailors
Reykjavik and Oslo signed a fisheries accord.,AGREE,|sentence_id=4,,Reykjavik,Oslo
Iceland threatened Norway with sanctions.,THREATEN,|sentence_id=5,,Iceland,Norway
"""


def test_plv_scores_by_hand(tmp_path: Path, make_event, fake_coder) -> None:
    gold = tmp_path / "plv.csv"
    gold.write_text(PLV, encoding="utf-8")
    s = PLV.splitlines()
    t1, t2, t3, t5 = (line.split(",")[0] for line in (s[1], s[2], s[3], s[5]))
    coder = fake_coder(
        {
            t1: [make_event(t1, "ACCUSE", "Norway", "Iceland")],
            t2: [make_event(t2, "COERCE", "coast guard", "trawler")],
            t3: [make_event(t3, "RETREAT", "Oslo", "sailors")],
            # item 4: no event at all -> NONE
            t5: [
                make_event(t5, "SANCTION", "Norway", "Iceland", confidence=0.9),
                make_event(t5, "THREATEN", "Iceland", "Norway", confidence=0.4),
            ],
        }
    )
    report = evaluate_file("plv", gold, coder=coder)
    # Alignment: item 5's THREATEN event matches both gold spans (IoU 1 + 1 = 2) and wins over
    # the more confident SANCTION event whose actors are swapped (IoU 0 + 0).
    # gold: ACCUSE ASSAULT YIELD AGREE THREATEN
    # pred: ACCUSE COERCE  YIELD NONE  THREATEN   (RETREAT folds into YIELD)
    # per gold label F1: ACCUSE 1, ASSAULT 0, YIELD 1, AGREE 0, THREATEN 1
    # macro F1 = (1 + 0 + 1 + 0 + 1) / 5 = 0.6
    # micro: 3 hits; 4 non-NONE predictions -> P = 3/4; R = 3/5; F1 = 2*.75*.6/1.35 = 2/3
    # accuracy = 3/5; span agreement: items 1, 2 (partial overlap counts), 3, 5 -> 4/5
    m = report.metrics
    assert m["plv.macro_f1"] == pytest.approx(0.6)
    assert m["plv.micro_f1"] == pytest.approx(2 / 3)
    assert m["plv.accuracy"] == pytest.approx(0.6)
    assert m["plv.span_agreement"] == pytest.approx(0.8)
    assert report.classification is not None
    assert report.classification.per_label["COERCE"].precision == 0.0
    assert report.classification.confusion["AGREE"] == {"NONE": 1}
    assert report.classification.confusion["ASSAULT"] == {"COERCE": 1}
    # misses: item 2 (wrong type) and item 4 (no event); item 5 is right.
    assert [miss["id"] for miss in report.misses] == ["plv-2", "plv-4"]
    assert report.misses[0]["explanation"] == "fake rule for COERCE"
    assert report.misses[1]["prediction"] is None


def test_conflibert_ner_scores_by_hand(fixtures: Path, make_event, fake_coder) -> None:
    s1 = "Norway condemned Iceland's fishing ban."
    s2 = "Oslo and Reykjavik met on Monday."
    coder = fake_coder(
        {
            s1: [make_event(s1, "ACCUSE", "Norway", "Iceland")],
            s2: [make_event(s2, "CONSULT", "Oslo", "Reykjavik")],
        }
    )
    report = evaluate_file("conflibert-ner", fixtures / "conflibert_ner_sample.txt", coder=coder)
    # tokens: s1 gold S{0} T{2,3,4,5}, pred S{0} T{2}           -> 5 gold, 2 pred, 2 right
    #         s2 gold R{0,1,2}; pred S{0} T{2}: R0->S, R2->T hit -> 3 gold, 2 pred, 2 right
    #         s3 gold S{0,1,2} T{4,5}, no event                  -> 5 gold, 0 pred
    # token P = 4/4, R = 4/13, F1 = 2*(4/13)/(1 + 4/13) = 8/17
    # spans: s1 gold (0,1,S) (2,6,T), pred (0,1,S) (2,3,T) -> 1 right
    #        s2 gold (0,3,R), pred (0,1,S) (2,3,T): no span with R's boundaries -> 0 right
    #        s3 gold 2 spans, none predicted
    # span P = 1/4, R = 1/5, F1 = 2*(1/20)/(9/20) = 2/9
    assert report.metrics["conflibert_ner.token_f1"] == pytest.approx(8 / 17)
    assert report.metrics["conflibert_ner.span_f1"] == pytest.approx(2 / 9)
    assert report.details["spans"]["gold"] == 5
    assert report.n == 3


def test_petrarch_triples_by_hand(fixtures: Path, make_event, fake_coder) -> None:
    a = "Arnor restored diplomatic ties with Gondor."
    b = "Gondor and Rohan accused Mordor of raids."
    c = "The weather in Bree was pleasant."
    coder = fake_coder(
        {
            a: [
                make_event(
                    a,
                    "SUPPORT",
                    "Arnor",
                    "Gondor",
                    cameo="064",
                    source_code="ARN",
                    target_code="GON",
                )
            ],
            b: [
                make_event(
                    b,
                    "ACCUSE",
                    "Gondor",
                    "Mordor",
                    cameo="111",
                    source_code="GON",
                    target_code="MOR",
                )
            ],
            c: [make_event(c, "CONSULT", "Bree", None, cameo="010", source_code="BRE")],
        }
    )
    warnings: list[str] = []
    report = evaluate_file(
        "petrarch", fixtures / "petrarch_sample.jsonl", coder=coder, warn=warnings.append
    )
    # full codes: T-00 correct 1; T-01 expected 2 x 112, got (GON,MOR,111): uncoded 2, extra 1;
    #             T-02 expects nothing, got 1: extra 1.   correct 1 of 3 expected, 1 of 3 coded
    # roots:      T-01 (GON,MOR,11) now matches one of the two -> correct 2 of 3
    assert report.details["triples"] == {
        "correct": 1,
        "uncoded": 2,
        "extra": 2,
        "expected": 3,
        "correct_rate": pytest.approx(1 / 3),
        "precision": pytest.approx(1 / 3),
    }
    assert report.metrics["petrarch.root_correct_rate"] == pytest.approx(2 / 3)
    assert len(warnings) == 1 and "petrarch_sample.jsonl:4" in warnings[0]
    assert [m["id"] for m in report.misses] == ["T-01", "T-02"]
