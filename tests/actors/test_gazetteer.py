"""The knowledge base's names as entity patterns: labels, spelling, and gaps only."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Span

from detente.actors.gazetteer import RULER_NAME, add_gazetteer, gazetteer_patterns


def test_patterns_label_countries_nationalities_and_organisations() -> None:
    labels = dict((phrase, label) for label, phrase in gazetteer_patterns())
    assert labels["Liberia"] == "GPE"
    assert labels["Monrovia"] == "GPE"
    assert labels["Liberian"] == "NORP"
    assert labels["United Nations"] == "ORG"
    assert all(len(phrase) >= 4 and phrase[0].isupper() for phrase in labels)


def test_the_ruler_matches_exact_spelling_only() -> None:
    nlp = add_gazetteer(spacy.blank("en"))
    doc = nlp("Troops went to Liberia; a turkey from Chad's neighbour Niger was served.")
    found = {(ent.text, ent.label_) for ent in doc.ents}
    assert ("Liberia", "GPE") in found and ("Niger", "GPE") in found
    assert all(ent.text != "turkey" for ent in doc.ents)


def test_the_ruler_fills_gaps_and_never_overwrites() -> None:
    nlp = spacy.blank("en")

    @Language.component("fake_ner")
    def fake_ner(doc):  # type: ignore[no-untyped-def]
        doc.ents = [Span(doc, 0, 1, label="PERSON")]  # a model's (wrong) reading stays
        return doc

    nlp.add_pipe("fake_ner", name="ner")
    add_gazetteer(nlp)
    add_gazetteer(nlp)  # idempotent
    assert nlp.pipe_names.count(RULER_NAME) == 1
    doc = nlp("Jordan met officials in Amman.")
    assert {(ent.text, ent.label_) for ent in doc.ents} == {("Jordan", "PERSON"), ("Amman", "GPE")}
