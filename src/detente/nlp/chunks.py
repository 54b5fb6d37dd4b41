"""Cutting very long texts into pieces the parser can take one at a time.

spaCy's memory grows with the length of one Doc (and refuses texts past `nlp.max_length`), and
a book-length document gains nothing from being parsed whole: events are coded per sentence.
Pieces end at paragraph breaks when there are any, else at a line break or a space, so no
sentence the parser would have seen is cut unless a paragraph is itself longer than the limit.
"""

from __future__ import annotations

MAX_CHUNK_CHARS = 100_000


def paragraph_chunks(text: str, limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering `text` in order, each piece at most `limit` characters;
    `text[offset:offset + len(piece)] == piece`."""
    if limit <= 0:
        raise ValueError("limit must be positive")
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = -1
        for separator in ("\n\n", "\n", " "):
            found = text.rfind(separator, start + 1, window_end)
            if found > start:
                cut = found + len(separator)
                break
        if cut <= start:
            cut = window_end  # one unbroken run longer than the limit
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return pieces
