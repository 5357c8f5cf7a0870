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
    one_or_more_hook,
)
from emergencykit.model import BilingualEnum, PartialDate
from emergencykit.model._hints import is_optional
from emergencykit.model._system import EmergencySystem
from emergencykit.model._types import one_or_more, plain

__all__ = ["Unsupported", "structure"]

#: ``(obj, type) -> value``, as cattrs calls a hook: the scalar hooks serve as they are.
Hook = Callable[[Any, Any], Any]


class Unsupported(TypeError):
    """A type this builder has no hook for (the converter's has), or a value it does not accept."""


_SCALARS: dict[Any, Hook] = {
    str: _structure_str,
    int: _structure_int,
    bool: _structure_bool,
    PartialDate: _structure_date,
    dt.timedelta: _structure_duration,
}

# Each type's hook, found once.
_HOOKS: dict[Any, Hook] = {}


def hook(t: Any) -> Hook:
    """The hook of type ``t``, raising on what it does not accept."""
    found = _HOOKS.get(t)
    if found is None:
        found = _HOOKS[t] = _make(t)
    return found


def _make(t: Any) -> Hook:
    if one_or_more(t):
        return _one_or_more(plain(t))
    if typing.get_origin(t) is typing.Annotated:
        return hook(plain(t))
    if is_optional(t):
        return _optional(plain(next(a for a in typing.get_args(t) if a is not type(None))))
    args = typing.get_args(t)
    if typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple(plain(args[0]))
    scalar = _SCALARS.get(t)
    if scalar is not None:
        return scalar
    if isinstance(t, type) and issubclass(t, BilingualEnum):
        return _structure_enum
    if isinstance(t, type) and attrs.has(t) and t is not EmergencySystem:
        return _class(t)
    raise Unsupported(f"no hook for {t!r}")


def _optional(inner_type: Any) -> Hook:
    inner = hook(inner_type)

    def structure(obj: Any, _: Any) -> Any:
        return None if obj is None else inner(obj, inner_type)

    return structure


def _tuple(item_type: Any) -> Hook:
    item = hook(item_type)

    def structure(obj: Any, _: Any) -> tuple[Any, ...]:
        if type(obj) is not list and type(obj) is not tuple:
            raise Unsupported("not a list")
        return tuple([item(x, item_type) for x in obj])

    return structure


def _one_or_more(many_type: Any) -> Hook:
    item_type = typing.get_args(many_type)[0]
    return one_or_more_hook(hook(many_type), many_type, hook(item_type), item_type)


def _class(cl: type) -> Hook:
    # Filled on first use: a class that holds itself finds its own hook then.
    table: dict[str, tuple[Hook, Any]] = {}

    def structure(obj: Any, _: Any) -> Any:
        if not table:
            for field in attrs.fields(cl):
                table[field.name] = (hook(field.type), field.type)
        if type(obj) is not dict:
            raise Unsupported("not a mapping")
        values = {}
        for key, raw in obj.items():
            # An unknown key raises KeyError; a missing field, the class's TypeError.
            field_hook, t = table[key]
            values[key] = field_hook(raw, t)
        return cl(**values)

    return structure


def structure(data: Any) -> EmergencySystem:
    """The system of the document ``data`` (plain data, as parsed); raises on anything it does not accept."""
    if type(data) is not dict or data.get("schema") != SCHEMA:
        raise Unsupported("not a document of this schema")
    system: EmergencySystem = _class(EmergencySystem)(
        {k: v for k, v in data.items() if k != "schema"}, EmergencySystem
    )
    return system
