"""One guard for the public entry points: each argument is of the kind the function takes.

A function that is handed a dict where it takes an
:class:`~emergencykit.EmergencySystem` would otherwise fail somewhere deep
inside with an ``AttributeError``; :func:`takes` checks the arguments it
names as the call begins and raises :class:`~emergencykit.errors.ArgumentError`
with one line that names the function, what it takes and what it got.

>>> @takes(count=int, label=(str, None))
... def repeat(count, label=None):
...     return [label] * count
>>> repeat(2, "x")
['x', 'x']
>>> repeat("2")
Traceback (most recent call last):
...
emergencykit.errors.ArgumentError: repeat() takes an int (got str)
>>> repeat(2, label=3)
Traceback (most recent call last):
...
emergencykit.errors.ArgumentError: repeat() takes a str or None as label (got int)
"""

import functools
import inspect
import sys
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from emergencykit.errors import ArgumentError

__all__ = ["takes"]

P = ParamSpec("P")
R = TypeVar("R")

Kinds = type | str | tuple[type | str | None, ...]


def _article(name: str) -> str:
    return "an" if name[0] in "AEIOU" or name == "int" else "a"


def _wording(classes: tuple[type | str, ...], none: bool) -> str:
    names = [c.rpartition(".")[2] if isinstance(c, str) else c.__name__ for c in classes]
    names += ["None"] if none else []
    return f"{_article(names[0])} {' or '.join(names)}"


def _instance(value: Any, named: tuple[str, ...]) -> bool:
    """Whether ``value`` is an instance of a class named ``module.Class`` in ``named``.

    Only a class whose module is imported can have instances: one that is
    not is not imported for the test.
    """
    for name in named:
        module, _, cls = name.rpartition(".")
        found = sys.modules.get(module)
        if found is not None and isinstance(value, getattr(found, cls)):
            return True
    return False


def takes(**kinds: Kinds) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A decorator: the named arguments must be instances of the given classes.

    Each keyword names a parameter and the class it takes, or a tuple of
    classes, with ``None`` where ``None`` is allowed.  A class may be given
    by its full name (``"networkx.MultiDiGraph"``): its module is then
    imported by the caller, never by the guard, which keeps a module that
    offers such a function free of that import until it is used.  An argument left to
    its default is not checked.  The first parameter is named in messages
    only by the function's name (``validate() takes an EmergencySystem``),
    any other also by its own (``… as config``).
    """

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        parameters = list(inspect.signature(func).parameters.values())
        names = [p.name for p in parameters]
        positional = {
            p.name: i
            for i, p in enumerate(parameters)
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        }
        checks: list[tuple[str, int | None, tuple[type, ...], tuple[str, ...], bool, str]] = []
        for name, spec in kinds.items():
            if name not in names:
                raise TypeError(f"{func.__qualname__} has no parameter {name!r}")
            given = spec if isinstance(spec, tuple) else (spec,)
            classes = tuple(c for c in given if isinstance(c, type))
            named = tuple(c for c in given if isinstance(c, str))
            none = None in given
            where = "" if name == names[0] else f" as {name}"
            wording = _wording(tuple(c for c in given if c is not None), none)
            checks.append((name, positional.get(name), classes, named, none, f"{wording}{where}"))

        @functools.wraps(func)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            for name, index, classes, named, none, wording in checks:
                if index is not None and index < len(args):
                    value: Any = args[index]
                elif name in kwargs:
                    value = kwargs[name]
                else:
                    continue
                if isinstance(value, classes) or (none and value is None):
                    continue
                if named and _instance(value, named):
                    continue
                raise ArgumentError(
                    f"{func.__name__}() takes {wording} (got {type(value).__name__})"
                )
            return func(*args, **kwargs)

        return guarded

    return decorate
