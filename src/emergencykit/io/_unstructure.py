"""Unstructuring: one generated function per model class, writing a plain dict.

cattrs' own generated functions call a hook per field, compare every field
with its default through ``!=``, read enum values through the
``Enum.value`` descriptor and need a second dict when the document's key
order is not the one cattrs writes.  The functions made here do the same
work in one pass: the keys in the classes' field order (an object's
``open`` last), a field equal to its default left out (``is not None``
where the default is ``None``), scalars and lists of scalars copied as they
are, enums by their value, nested classes through their own generated
function.  Any other type goes through the converter's hook, as before.
"""

import enum
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs

from emergencykit.model._types import one_or_more, plain

__all__ = ["GENERATED", "is_enum", "is_tuple_of", "optional_inner", "unstructure_fn"]

#: The functions :func:`unstructure_fn` made: a hook found here writes an
#: object of the model field by field.
GENERATED: set[Callable[[Any], dict[str, Any]]] = set()

_SCALARS = (str, int, bool)


def optional_inner(t: Any) -> Any:
    """The ``X`` of ``X | None``, or ``None`` when ``t`` is not optional."""
    args = typing.get_args(t)
    union = typing.get_origin(t) in (typing.Union, types.UnionType)
    if union and len(args) == 2 and type(None) in args:
        return next(a for a in args if a is not type(None))
    return None


def is_tuple_of(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


class _Code:
    """The names a generated function sees, and the expressions that use them."""

    def __init__(self, converter: cattrs.Converter) -> None:
        self.converter = converter
        self.globals: dict[str, Any] = {}

    def name(self, prefix: str, value: Any) -> str:
        key = f"_{prefix}{len(self.globals)}"
        self.globals[key] = value
        return key

    def value(self, t: Any, var: str) -> str:
        """An expression turning ``var`` (never ``None``) of type ``t`` into plain data."""
        if t in _SCALARS:
            return var
        if is_enum(t):
            # The value the member was made with; Enum.value is a descriptor call.
            return f"{var}._value_"
        if is_tuple_of(t):
            item = plain(typing.get_args(t)[0])
            if item in _SCALARS:
                return f"list({var})"
            if is_enum(item):
                return f"[x._value_ for x in {var}]"
            return f"list(map({self.hook(item)}, {var}))"
        return f"{self.hook(t)}({var})"

    def field(self, a: "attrs.Attribute[Any]", var: str) -> str:
        """An expression turning field ``a``'s value ``var`` into plain data."""
        t = a.type
        if one_or_more(t):
            # One item is written alone, as documents wrote the field when it held one.
            many = plain(t)
            item = self.value(typing.get_args(many)[0], f"{var}[0]")
            return f"{item} if len({var}) == 1 else {self.value(many, var)}"
        t = plain(t)
        inner = optional_inner(t)
        if inner is None:
            return self.value(t, var)
        expr = self.value(inner, var)
        if a.default is None or expr == var:
            # Only reached when the value is not None (the default), or None is kept as is.
            return expr
        return f"None if {var} is None else {expr}"

    def hook(self, t: Any) -> str:
        return self.name("u", self.converter.get_unstructure_hook(t))


def changed_test(default: Any, name: Callable[[str, Any], str]) -> str:
    """The expression, on the field's value ``v`` (of object ``o``), that it differs from ``default``.

    ``name(prefix, value)`` names a value the generated code needs (a
    factory, a constant).  Shared by the unstructure functions and the JSON
    writers, which leave out the same fields.
    """
    if default is None:
        return "v is not None"
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        made = name("f", default.factory)
        return f"v != {made}(o)" if default.takes_self else f"v != {made}()"
    if default == ():
        return "v != ()"
    return f"v != {name('d', default)}"


def unstructure_fn(
    converter: cattrs.Converter, cl: type, first: dict[str, Any] | None = None
) -> Callable[[Any], dict[str, Any]]:
    """The unstructure function of attrs class ``cl``; its dicts start with ``first``'s items."""
    code = _Code(converter)
    # An object's ``open`` comes last, after the lists it names.
    fields = sorted(attrs.fields(cl), key=lambda a: a.name == "open")
    head = [f"{k!r}: {code.name('c', v)}" for k, v in (first or {}).items()]
    lines: list[str] = []
    for a in fields:
        default = a.default
        if default is attrs.NOTHING and not lines:
            # Leading required fields: written in the dict display itself.
            head.append(f"{a.name!r}: {code.field(a, f'o.{a.name}')}")
            continue
        lines.append(f"  v = o.{a.name}")
        expr = code.field(a, "v")
        if default is attrs.NOTHING:
            lines.append(f"  res[{a.name!r}] = {expr}")
            continue
        test = changed_test(default, code.name)
        lines.append(f"  if {test}:\n    res[{a.name!r}] = {expr}")
    name = f"unstructure_{cl.__name__}"
    source = "\n".join(
        [f"def {name}(o):", f"  res = {{{', '.join(head)}}}", *lines, "  return res"]
    )
    namespace = dict(code.globals)
    exec(compile(source, f"<emergencykit unstructure {cl.__qualname__}>", "exec"), namespace)
    fn: Callable[[Any], dict[str, Any]] = namespace[name]
    GENERATED.add(fn)
    return fn
