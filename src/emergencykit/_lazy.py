"""Packages whose public names are imported on first use (PEP 562).

A package lists where each of its public names lives and gets its module
``__getattr__`` and ``__dir__`` from :func:`attach`, so that importing the
package costs nothing until a name is asked for (the command line's start-up
depends on it)::

    __getattr__, __dir__ = attach(__name__, {"to_graph": "_build"}, __all__)

>>> getter, lister = attach("emergencykit.graph", {"to_graph": "_build"}, ["to_graph"])
>>> getter("to_graph").__module__
'emergencykit.graph._build'
>>> getter("no_such_name")
Traceback (most recent call last):
AttributeError: module 'emergencykit.graph' has no attribute 'no_such_name'
"""

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["attach"]


def attach(
    package: str, home: Mapping[str, str], public: Iterable[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, whose name ``n`` lives in ``home[n]``.

    ``home[n]`` is a submodule's name relative to the package (``"_build"``).
    The first lookup of a name imports its submodule and binds the value in
    the package, so later lookups are plain attribute reads.
    """
    names = sorted(public)

    def __getattr__(name: str) -> Any:
        where = home.get(name)
        if where is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{where}"), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *names})

    return __getattr__, __dir__
