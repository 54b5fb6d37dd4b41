"""Linguistic analysis: the spaCy English pipeline every text goes through once."""

from detente.nlp.pipeline import load_nlp, model_name

__all__ = ["load_nlp", "model_name"]
