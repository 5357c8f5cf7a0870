"""emergencykit: model, check and analyse emergency-management systems as typed data.

The public names are re-exported here; the modules behind them are
:mod:`emergencykit.model` (the classes), :mod:`emergencykit.io` (files),
:mod:`emergencykit.errors` (exceptions).

>>> import emergencykit as ek
>>> ek.PlanKind.OVERALL.zh
'总体应急预案'
"""

import importlib.metadata

from emergencykit.errors import EmergencyKitError as EmergencyKitError
from emergencykit.errors import FieldValueError as FieldValueError
from emergencykit.errors import LoadError as LoadError
from emergencykit.errors import MissingExtraError as MissingExtraError
from emergencykit.errors import PackError as PackError
from emergencykit.errors import Problem as Problem
from emergencykit.errors import UnknownFormatError as UnknownFormatError
from emergencykit.model import *  # noqa: F403
from emergencykit.model import __all__ as _model_all

try:
    __version__ = importlib.metadata.version("emergencykit")
except importlib.metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = sorted(
    [
        "EmergencyKitError",
        "FieldValueError",
        "LoadError",
        "MissingExtraError",
        "PackError",
        "Problem",
        "UnknownFormatError",
        "__version__",
        *_model_all,
    ]
)
