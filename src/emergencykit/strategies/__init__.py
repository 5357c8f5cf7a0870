"""Hypothesis strategies for emergencykit: model objects, valid systems, defects.

Needs the optional ``hypothesis`` extra (``pip install 'emergencykit[hypothesis]'``).

- :func:`objects` — any model class, valid field by field, references anywhere;
  :func:`ids`, :func:`texts`, :func:`labels`, :func:`counts`,
  :func:`partial_dates` for its parts.

Hypothesis also finds these through its entry point, so
``st.from_type(emergencykit.Plan)`` works with no setup.
"""

try:
    import hypothesis as _hypothesis
except ImportError as exc:  # pragma: no cover - the test environment has the extra
    raise ImportError(
        "emergencykit.strategies needs the 'hypothesis' extra: "
        "pip install 'emergencykit[hypothesis]'",
        name="hypothesis",
    ) from exc

from emergencykit.strategies._mutations import MUTATIONS as MUTATIONS
from emergencykit.strategies._mutations import Mutation as Mutation
from emergencykit.strategies._mutations import mutations as mutations
from emergencykit.strategies._objects import counts as counts
from emergencykit.strategies._objects import ids as ids
from emergencykit.strategies._objects import labels as labels
from emergencykit.strategies._objects import objects as objects
from emergencykit.strategies._objects import partial_dates as partial_dates
from emergencykit.strategies._objects import texts as texts
from emergencykit.strategies._systems import DEFAULT_AS_OF as DEFAULT_AS_OF
from emergencykit.strategies._systems import any_systems as any_systems
from emergencykit.strategies._systems import systems as systems

del _hypothesis

__all__ = [
    "DEFAULT_AS_OF",
    "MUTATIONS",
    "Mutation",
    "any_systems",
    "counts",
    "ids",
    "labels",
    "mutations",
    "objects",
    "partial_dates",
    "systems",
    "texts",
]
