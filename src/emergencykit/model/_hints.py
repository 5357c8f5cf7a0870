"""Questions asked of type annotations, answered once per annotation.

The model's field annotations (``tuple[Id, ...]``, ``Text | None`` …) recur
across classes, and each layer (the loader, the graph's tables, the
reference rules) asks the same questions of them.  This module imports
nothing of the model, so that any module of it may use it.
"""

import functools
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R")


def per_annotation(fn: Callable[[Any], R]) -> Callable[[Any], R]:
    """``fn`` of a type annotation, remembering its answer per annotation.

    The same annotations recur across the model's fields, and every layer
    (the loader, the graph's tables, the reference rules) asks the same
    questions of them.  An unhashable annotation is answered each time.

    >>> calls = []
    >>> def width(t: Any) -> int:
    ...     calls.append(t)
    ...     return len(typing.get_args(t))
    >>> width = per_annotation(width)
    >>> width(tuple[int, str]), width(tuple[int, str]), len(calls)
    (2, 2, 1)
    """
    memo: dict[Any, R] = {}

    @functools.wraps(fn)
    def remembered(hint: Any) -> R:
        try:
            return memo[hint]
        except KeyError:
            made = memo[hint] = fn(hint)
            return made
        except TypeError:  # an unhashable annotation
            return fn(hint)

    return remembered


def is_optional(t: Any) -> bool:
    """Whether ``t`` is ``X | None`` (or ``Optional[X]``) of one type ``X``.

    >>> is_optional(int | None), is_optional(typing.Optional[str]), is_optional(int | str)
    (True, True, False)
    """
    args = typing.get_args(t)
    return (
        typing.get_origin(t) in (typing.Union, types.UnionType)
        and len(args) == 2
        and type(None) in args
    )
