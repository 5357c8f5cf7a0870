"""emergencykit: model, check and analyse emergency-management systems as typed data.

The public names are re-exported here; the modules behind them are
:mod:`emergencykit.model` (the classes), :mod:`emergencykit.io` (files),
:mod:`emergencykit.errors` (exceptions).

>>> import emergencykit as ek
>>> ek.PlanKind.OVERALL.zh
'总体应急预案'

Importing the package imports only the exceptions: the model's classes, the
version and the subpackages (``ek.graph``, ``ek.rules`` …) are imported when
first used, so that a command that needs little starts quickly.

>>> ek.rules.validate.__module__
'emergencykit.rules._engine'
"""

import importlib
import typing

from emergencykit.errors import *  # noqa: F403
from emergencykit.errors import __all__ as _errors_all

if typing.TYPE_CHECKING:  # the model's names, for type checkers
    from emergencykit.model import *  # noqa: F403

__version__: str
"""The installed version of emergencykit (``0+unknown`` when run from a source tree)."""

#: The public modules, reached as attributes (``ek.graph``) and imported on first use.
_SUBMODULES = frozenset(
    {
        "cli",
        "coverage",
        "datasets",
        "errors",
        "graph",
        "io",
        "model",
        "plot",
        "rules",
        "scenario",
        "strategies",
        "summary",
    }
)


def __getattr__(name: str) -> typing.Any:
    # Called only for a name not yet in the module: each is looked up once
    # and kept, so later uses cost what an ordinary attribute costs.
    if name == "__version__":
        value: typing.Any = _version()
    elif name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    elif name.startswith("_") and name != "__all__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    else:
        model = importlib.import_module("emergencykit.model")
        if name == "__all__":
            value = sorted(["__version__", *_errors_all, *model.__all__])
        elif name in model.__all__:
            value = getattr(model, name)
        else:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__getattr__("__all__"), *_SUBMODULES})


def _version() -> str:
    import importlib.metadata

    try:
        return importlib.metadata.version("emergencykit")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"
