"""Embedded and generated systems.

- :func:`chongqing_2022` — the Chongqing system described in the 2022 reply
  to CPPCC proposal No. 0716, loaded from a data file shipped in the package.
- :func:`synthetic` — a deterministic national-shaped system of any size,
  valid by construction, for benchmarks and tests.
- :func:`event_classification` — the national classification of
  emergencies (GB/T 35561-2017: category, class, type), with the published
  texts each entry comes from.

The submodules are imported on first use, so ``import emergencykit.datasets``
stays cheap.
"""

import importlib
import typing

if typing.TYPE_CHECKING:  # the real signatures for type checkers; imported lazily at run time
    from emergencykit.datasets._chongqing import chongqing_2022
    from emergencykit.datasets._classification import (
        ClassificationText,
        EventClass,
        EventClassification,
        event_classification,
    )
    from emergencykit.datasets._synthetic import synthetic

__all__ = [
    "ClassificationText",
    "EventClass",
    "EventClassification",
    "chongqing_2022",
    "event_classification",
    "synthetic",
]

_HOME = {
    "ClassificationText": "emergencykit.datasets._classification",
    "EventClass": "emergencykit.datasets._classification",
    "EventClassification": "emergencykit.datasets._classification",
    "event_classification": "emergencykit.datasets._classification",
    "chongqing_2022": "emergencykit.datasets._chongqing",
    # Not ``.synthetic``: importing a submodule binds it on the package under its
    # own name, which would hide the function of the same name.
    "synthetic": "emergencykit.datasets._synthetic",
}


def __getattr__(name: str) -> typing.Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
