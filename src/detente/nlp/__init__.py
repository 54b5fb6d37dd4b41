"""Linguistic analysis: the spaCy English pipeline every text goes through once."""

from detente.nlp.batching import BATCH_CHARS, bounded_batches
from detente.nlp.chunks import MAX_CHUNK_CHARS, paragraph_chunks
from detente.nlp.pipeline import load_nlp, model_name

__all__ = [
    "BATCH_CHARS",
    "MAX_CHUNK_CHARS",
    "bounded_batches",
    "load_nlp",
    "model_name",
    "paragraph_chunks",
]
