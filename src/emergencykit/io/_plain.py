"""A valid document built without cattrs: the strict hooks, field by field.

The loader's converter (:mod:`emergencykit.io._convert`) resolves a hook for
each type through cattrs' dispatch; importing cattrs and resolving the hooks
costs a small document, such as the embedded model, more than building it.
:func:`structure` builds the same objects from the same hooks
(:mod:`emergencykit.io._scalars`), each type's found once by the same
rules: ``Annotated`` as its plain type, a ``ONE_OR_MORE`` tuple from a list,
one item or null, ``X | None``, ``tuple[X, ...]`` from a list, an enum from
its value, a model class from a mapping of its fields (no unknown key),
built by its ``__init__`` (its validators and checks).

It says nothing about errors: whatever it does not accept raises, and the
caller then loads the document with the converter, which says what is
wrong exactly as always (``tests/test_load_paths.py`` holds both equal on
good and damaged documents).
"""

import datetime as dt
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from emergencykit.io._scalars import (
    SCHEMA,
    _structure_bool,
    _structure_date,
    _structure_duration,
    _structure_enum,
    _structure_int,
    _structure_str,
)
from emergencykit.model import BilingualEnum, PartialDate
from emergencykit.model._system import EmergencySystem
from emergencykit.model._types import one_or_more, plain

__all__ = ["Unsupported", "structure"]

Hook = Callable[[Any], Any]


class Unsupported(TypeError):
    """A type this builder has no hook for (the converter's has)."""


def _scalar(hook: Callable[[Any, Any], Any], t: Any) -> Hook:
    def structure(obj: Any) -> Any:
        return hook(obj, t)

    return structure


_SCALARS: dict[Any, Callable[[Any, Any], Any]] = {
    str: _structure_str,
    int: _structure_int,
    bool: _structure_bool,
    PartialDate: _structure_date,
    dt.timedelta: _structure_duration,
}

# Each type's hook, found once (``None`` while a class's is being made).
_HOOKS: dict[Any, Hook] = {}


def _is_optional(t: Any) -> bool:
    args = typing.get_args(t)
    return (
        typing.get_origin(t) in (typing.Union, types.UnionType)
        and len(args) == 2
        and type(None) in args
    )


def hook(t: Any) -> Hook:
    """The hook of type ``t``: ``obj -> value``, raising on what it does not accept."""
    found = _HOOKS.get(t)
    if found is None:
        found = _HOOKS[t] = _make(t)
    return found


def _make(t: Any) -> Hook:
    if one_or_more(t):
        return _one_or_more(plain(t))
    if typing.get_origin(t) is typing.Annotated:
        return hook(plain(t))
    if _is_optional(t):
        return _optional(next(a for a in typing.get_args(t) if a is not type(None)))
    args = typing.get_args(t)
    if typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple(plain(args[0]))
    scalar = _SCALARS.get(t)
    if scalar is not None:
        return _scalar(scalar, t)
    if isinstance(t, type) and issubclass(t, BilingualEnum):
        return _scalar(_structure_enum, t)
    if isinstance(t, type) and attrs.has(t) and t is not EmergencySystem:
        return _class(t)
    raise Unsupported(f"no hook for {t!r}")


def _optional(inner_type: Any) -> Hook:
    inner = hook(plain(inner_type))

    def structure(obj: Any) -> Any:
        return None if obj is None else inner(obj)

    return structure


def _tuple(item_type: Any) -> Hook:
    item = hook(item_type)

    def structure(obj: Any) -> tuple[Any, ...]:
        if type(obj) is not list and type(obj) is not tuple:
            raise Unsupported("not a list")
        return tuple([item(x) for x in obj])

    return structure


def _one_or_more(many_type: Any) -> Hook:
    many = hook(many_type)
    item = hook(typing.get_args(many_type)[0])

    def structure(obj: Any) -> tuple[Any, ...]:
        if type(obj) is list or type(obj) is tuple:
            return many(obj)  # type: ignore[no-any-return]
        if obj is None:
            return ()
        return (item(obj),)

    return structure


def _class(cl: type) -> Hook:
    # Filled on first use: a class that holds itself finds its own hook then.
    table: dict[str, Hook] = {}

    def structure(obj: Any) -> Any:
        if not table:
            for field in attrs.fields(cl):
                table[field.name] = hook(field.type)
        if type(obj) is not dict:
            raise Unsupported("not a mapping")
        # An unknown key raises KeyError; a missing field, the class's TypeError.
        return cl(**{key: table[key](raw) for key, raw in obj.items()})

    return structure


def structure(data: Any) -> EmergencySystem:
    """The system of the document ``data`` (plain data, as parsed); raises on anything it does not accept."""
    if type(data) is not dict or data.get("schema") != SCHEMA:
        raise Unsupported("not a document of this schema")
    system: EmergencySystem = _class(EmergencySystem)(
        {k: v for k, v in data.items() if k != "schema"}
    )
    return system
