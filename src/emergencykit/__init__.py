"""emergencykit: model, check and analyse emergency-management systems as typed data.

The public names are re-exported here; the modules behind them are
:mod:`emergencykit.model` (the classes), :mod:`emergencykit.io` (files),
:mod:`emergencykit.errors` (exceptions).

>>> import emergencykit as ek
>>> ek.PlanKind.OVERALL.zh
'总体应急预案'
"""

import importlib.metadata

from emergencykit.errors import *  # noqa: F403
from emergencykit.errors import __all__ as _errors_all
from emergencykit.model import *  # noqa: F403
from emergencykit.model import __all__ as _model_all

try:
    __version__ = importlib.metadata.version("emergencykit")
except importlib.metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = sorted(["__version__", *_errors_all, *_model_all])
