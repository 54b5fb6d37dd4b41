"""Moving document offsets into the stored sentence, and escaping around the marks."""

from __future__ import annotations

from detente.report.highlight import Mention, Span, highlight, locate

SENTENCE = "Norway accused Iceland of overfishing."


def test_offsets_into_the_document_land_in_the_sentence() -> None:
    document = "Oslo, Monday. " + SENTENCE
    spans = locate(
        SENTENCE,
        document,
        [
            Mention("source", "Norway", 14),
            Mention("target", "Iceland", 29),
            Mention("trigger", "accused", 21),
        ],
    )
    assert spans == [Span("source", 0, 6), Span("trigger", 7, 14), Span("target", 15, 22)]


def test_a_repeated_sentence_uses_the_occurrence_the_offsets_point_into() -> None:
    other = "Iceland accused Norway of overfishing."
    document = f"{other} {other}"
    # Offsets into the second copy: "Norway" at 16 + 39.
    spans = locate(other, document, [Mention("target", "Norway", 39 + 16)])
    assert spans == [Span("target", 16, 22)]


def test_without_a_document_or_with_stale_offsets_the_text_is_searched() -> None:
    assert locate(SENTENCE, None, [Mention("target", "Iceland", 999)]) == [Span("target", 15, 22)]
    wrong = locate(SENTENCE, "x " + SENTENCE, [Mention("source", "Norway", 0)])
    assert wrong == [Span("source", 0, 6)]
    assert locate(SENTENCE, None, [Mention("source", "Denmark", 0)]) == []


def test_search_prefers_the_occurrence_nearest_the_offsets() -> None:
    sentence = "Norway and Iceland: Norway protested."
    document = "Lead. " + sentence
    # Off by one (an edited document): the second "Norway", not the first, is meant.
    spans = locate(sentence, document, [Mention("source", "Norway", 6 + 21)])
    assert spans == [Span("source", 20, 26)]


def test_overlapping_mentions_keep_the_first() -> None:
    spans = locate(
        SENTENCE,
        None,
        [Mention("source", "Norway accused", None), Mention("trigger", "accused", 7)],
    )
    assert spans == [Span("source", 0, 14)]


def test_highlight_escapes_text_inside_and_outside_marks() -> None:
    sentence = '<b>Norway</b> "accused" <script>alert(1)</script>'
    spans = locate(sentence, None, [Mention("source", "<b>Norway</b>", 0)])
    page = highlight(sentence, spans)
    assert "<script>" not in page and "<b>" not in page
    assert page.startswith('<mark class="source" title="source">&lt;b&gt;Norway&lt;/b&gt;</mark>')
    assert "&quot;accused&quot;" in page
