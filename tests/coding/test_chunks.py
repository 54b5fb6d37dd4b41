"""Cutting long texts into parser-sized pieces at paragraph breaks."""

from __future__ import annotations

import pytest

from detente.nlp.chunks import paragraph_chunks


def test_a_short_text_is_one_piece() -> None:
    assert paragraph_chunks("One. Two.", limit=100) == [(0, "One. Two.")]


def test_pieces_end_at_paragraph_breaks_and_cover_the_text() -> None:
    text = "aaaa bbbb.\n\ncccc dddd.\n\neeee."
    pieces = paragraph_chunks(text, limit=14)
    assert "".join(piece for _, piece in pieces) == text
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece and len(piece) <= 14
    assert pieces[0][1] == "aaaa bbbb.\n\n"


def test_without_paragraphs_a_space_is_the_cut_and_a_run_is_cut_hard() -> None:
    assert [p for _, p in paragraph_chunks("abc def ghi", limit=8)] == ["abc def ", "ghi"]
    assert [p for _, p in paragraph_chunks("abcdefghij", limit=4)] == ["abcd", "efgh", "ij"]


def test_the_limit_must_be_positive() -> None:
    with pytest.raises(ValueError):
        paragraph_chunks("text", limit=0)
