"""The typed model: frozen, slotted, keyword-only attrs classes and bilingual enums.

Imports nothing from the rest of the package except :mod:`emergencykit.errors` (and
:mod:`emergencykit._precompiled`, which serves attrs' methods compiled).
"""

# First, before any class: attrs' methods of the package's classes come
# compiled (importing the module puts its hook in attrs).
from emergencykit import _precompiled  # noqa: F401
from emergencykit.model._common import *  # noqa: F403
from emergencykit.model._common import __all__ as _common
from emergencykit.model._dates import PartialDate as PartialDate
from emergencykit.model._duty import *  # noqa: F403
from emergencykit.model._duty import __all__ as _duty
from emergencykit.model._events import *  # noqa: F403
from emergencykit.model._events import __all__ as _events
from emergencykit.model._forces import *  # noqa: F403
from emergencykit.model._forces import __all__ as _forces
from emergencykit.model._framework import *  # noqa: F403
from emergencykit.model._framework import __all__ as _framework
from emergencykit.model._labels import BilingualEnum as BilingualEnum
from emergencykit.model._opinion import *  # noqa: F403
from emergencykit.model._opinion import __all__ as _opinion
from emergencykit.model._other import OtherLabel as OtherLabel
from emergencykit.model._other import label_of as label_of
from emergencykit.model._other import labels_of as labels_of
from emergencykit.model._other import other_label as other_label
from emergencykit.model._other import other_labels as other_labels
from emergencykit.model._plans import *  # noqa: F403
from emergencykit.model._plans import __all__ as _plans
from emergencykit.model._proposals import *  # noqa: F403
from emergencykit.model._proposals import __all__ as _proposals
from emergencykit.model._refs import Kind as Kind
from emergencykit.model._refs import Reference as Reference
from emergencykit.model._refs import id_lists as id_lists
from emergencykit.model._refs import is_open as is_open
from emergencykit.model._refs import ref as ref
from emergencykit.model._refs import references as references
from emergencykit.model._refs import refs as refs
from emergencykit.model._society import *  # noqa: F403
from emergencykit.model._society import __all__ as _society
from emergencykit.model._system import *  # noqa: F403
from emergencykit.model._system import __all__ as _system
from emergencykit.model._tree import *  # noqa: F403
from emergencykit.model._tree import __all__ as _tree
from emergencykit.model._types import DivisionCode as DivisionCode
from emergencykit.model._types import Id as Id
from emergencykit.model._types import Text as Text

__all__ = sorted(
    [
        "BilingualEnum",
        "DivisionCode",
        "Id",
        "Kind",
        "OtherLabel",
        "PartialDate",
        "Reference",
        "Text",
        *_common,
        *_duty,
        *_events,
        *_forces,
        *_framework,
        *_opinion,
        *_plans,
        *_proposals,
        *_society,
        "label_of",
        "labels_of",
        "other_label",
        "other_labels",
        *_system,
        "ref",
        "references",
        "refs",
        *_tree,
        "id_lists",
        "is_open",
    ]
)
