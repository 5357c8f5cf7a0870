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

import typing

from emergencykit import _lazy

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
    "ClassificationText": "_classification",
    "EventClass": "_classification",
    "EventClassification": "_classification",
    "event_classification": "_classification",
    "chongqing_2022": "_chongqing",
    # Not ``.synthetic``: importing a submodule binds it on the package under its
    # own name, which would hide the function of the same name.
    "synthetic": "_synthetic",
}


__getattr__, __dir__ = _lazy.attach(__name__, _HOME, __all__)
