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
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from emergencykit.errors import ArgumentError

__all__ = ["takes"]

P = ParamSpec("P")
R = TypeVar("R")

Kinds = type | tuple[type | None, ...]


def _article(name: str) -> str:
    return "an" if name[0] in "AEIOU" or name == "int" else "a"


def _wording(classes: tuple[type, ...], none: bool) -> str:
    names = [c.__name__ for c in classes] + (["None"] if none else [])
    return f"{_article(names[0])} {' or '.join(names)}"


def takes(**kinds: Kinds) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A decorator: the named arguments must be instances of the given classes.

    Each keyword names a parameter and the class it takes, or a tuple of
    classes, with ``None`` where ``None`` is allowed.  An argument left to
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
        checks: list[tuple[str, int | None, tuple[type, ...], bool, str]] = []
        for name, spec in kinds.items():
            if name not in names:
                raise TypeError(f"{func.__qualname__} has no parameter {name!r}")
            given = spec if isinstance(spec, tuple) else (spec,)
            classes = tuple(c for c in given if c is not None)
            none = None in given
            where = "" if name == names[0] else f" as {name}"
            checks.append((name, positional.get(name), classes, none, where))

        @functools.wraps(func)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            for name, index, classes, none, where in checks:
                if index is not None and index < len(args):
                    value: Any = args[index]
                elif name in kwargs:
                    value = kwargs[name]
                else:
                    continue
                if isinstance(value, classes) or (none and value is None):
                    continue
                raise ArgumentError(
                    f"{func.__name__}() takes {_wording(classes, none)}{where} "
                    f"(got {type(value).__name__})"
                )
            return func(*args, **kwargs)

        return guarded

    return decorate
