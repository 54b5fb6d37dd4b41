"""Linguistic analysis: the spaCy English pipeline every text goes through once."""

from detente.nlp.chunks import MAX_CHUNK_CHARS, paragraph_chunks
from detente.nlp.pipeline import load_nlp, model_name

__all__ = ["MAX_CHUNK_CHARS", "load_nlp", "model_name", "paragraph_chunks"]
