"""Putting gold labels and detente's events in the same terms.

PLOVER/CAMEO facts (older PLOVER names, PLV's YIELD, each type's CAMEO code) come from the
ontology module, so evaluation and coding cannot disagree about them; the mappings that only
evaluation needs (ConfliBERT's classes, gold-set country spellings) are in data/label_maps.yaml.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from detente.coding import ontology
from detente.model import Event


@lru_cache(maxsize=1)
def label_maps() -> dict[str, Any]:
    text = resources.files("detente.evaluate").joinpath("data/label_maps.yaml").read_text("utf-8")
    loaded = yaml.safe_load(text)
    assert isinstance(loaded, dict)
    return loaded


def legacy_plover(label: str) -> str:
    """A GSR label (current PLOVER or an older CAMEO-named one) as a current PLOVER type.

    A label without a single successor (YIELD) is kept as it is, so it shows up in the
    confusion matrix instead of silently becoming one of CONCEDE/RETREAT.
    """
    name = label.strip().upper()
    return ontology.legacy_plover_label(name) or name


def plv_label(plover_type: str) -> str:
    """Our PLOVER type in PLV's label set (CONCEDE and RETREAT are one label there: YIELD)."""
    return ontology.plv_label(plover_type)


def conflibert_class(event: Event | None) -> int:
    """The ConfliBERT five-class label of an event, from its CAMEO root code.

    An event without a CAMEO code uses its type's default CAMEO code from the ontology.
    """
    table = label_maps()["conflibert_class"]
    if event is None:
        return int(table["no_event"])
    cameo = event.cameo
    if not cameo:
        try:
            cameo = ontology.default_cameo(event.type, event.mode)
        except ValueError:
            return int(table["no_event"])
    return int(table["cameo_root"].get(cameo[:2], table["no_event"]))


def country_code(code: str | None) -> str | None:
    """A country code in ISO 3166-1 alpha-3 form where the gold set used an older spelling."""
    if not code:
        return None
    code = code.strip().upper()
    aliases: dict[str, str] = label_maps()["country_aliases"]["codes"]
    return aliases.get(code, code)


def is_cameo(code: str) -> bool:
    """Whether `code` is in the CAMEO codebook. PETRARCH's validation verb dictionary also
    uses codes of its own (903, 345, 1717...) that no CAMEO coder can produce."""
    return ontology.cameo_code(code) is not None
