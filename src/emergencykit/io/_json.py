"""The JSON of documents, with or without the ``fast`` extra.

A document's JSON is what ``json.dumps(data, indent=2, ensure_ascii=False)``
writes for the system's plain data (:func:`~emergencykit.io.unstructure`),
plus a final newline.  Two paths write exactly those bytes:

- with the ``fast`` extra installed, orjson writes the plain data (its
  two-space indent, ``": "`` between key and value, ``[]`` and ``{}`` for
  empty lists and mappings, UTF-8 text and escapes are json's).  It refuses
  integers beyond 64 bits and lone surrogates; the standard path writes
  those.
- without it, the standard library's ``json.dumps(indent=2)`` would run its
  pure-Python encoder, several times slower than its C one.  Instead, one
  generated writer per model class and indentation level appends each
  field's text to one list, strings escaped by the C escaper json itself
  uses, and keys, indents and separators written as constants; the plain
  data is never built.  A value of another type than its field's (only in
  objects built without validators) sends the whole system back to
  ``json.dumps``, so even then the bytes are json's.

``tests/test_dump_paths.py`` writes systems both ways and compares bytes.
"""

import functools
import json
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs

from emergencykit.io import _formats
from emergencykit.io._convert import SCHEMA, converter
from emergencykit.io._unstructure import (
    GENERATED,
    changed_test,
    is_enum,
    is_tuple_of,
    optional_inner,
)
from emergencykit.model._system import EmergencySystem
from emergencykit.model._types import one_or_more, plain

__all__ = ["dump_json", "json_document"]

#: A generated writer: appends the text of one object through the given ``append``.
Writer = Callable[[Any, Callable[[str], None]], None]

# The escaper of json.dumps(ensure_ascii=False): its C version where there is one.
_encode: Callable[[str], str] = json.encoder.encode_basestring


def _fast(data: Any) -> bytes | None:
    orjson = _formats.fast_json()
    if orjson is None:
        return None
    try:
        document: bytes = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        # An integer beyond 64 bits or a lone surrogate.
        return None
    return document


def _standard(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dump_json(data: Any) -> str:
    """Plain data as the text of a JSON document."""
    document = _fast(data)
    return _standard(data) if document is None else document.decode("utf-8")


def json_document(system: EmergencySystem, *, fast: bool = True) -> str | bytes:
    """``system`` as a JSON document: UTF-8 bytes from orjson, else text.

    ``fast=False`` takes the standard path even where orjson is installed
    (the tests compare the two).  Text may hold a lone surrogate, which the
    caller must refuse; bytes never do.
    """
    if fast and _formats.fast_json() is not None:
        document = _fast(converter().unstructure(system))
        if document is not None:
            return document
    out: list[str] = []
    try:
        _system_writer()(system, out.append)
    except Exception:
        # A value the writers do not expect, which only an object built
        # without validators holds: json.dumps writes it, or raises, as
        # it always did.
        return _standard(converter().unstructure(system))
    out.append("\n")
    return "".join(out)


class _Unexpected(Exception):
    """A value of another type than its field's."""


def _int_text(value: Any) -> str:
    if type(value) is int:
        return int.__repr__(value)
    raise _Unexpected  # json writes a bool as true or false, not as a number


def _bool_text(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    raise _Unexpected


def _indent(level: int) -> str:
    return "\n" + "  " * level


def _plain_text(data: Any, level: int) -> str:
    """The text of plain data (a converter hook's output) at ``level``."""
    if type(data) is str:
        return _encode(data)
    # No string's JSON holds a raw newline: each one starts an indented line.
    return json.dumps(data, ensure_ascii=False, indent=2).replace("\n", _indent(level))


@functools.cache
def _system_writer() -> Writer:
    return _Writers(converter()).writer(EmergencySystem, 1, {"schema": SCHEMA})


class _Writers:
    """The writers made so far, one per class and level, each made once."""

    def __init__(self, converter: cattrs.Converter) -> None:
        self.converter = converter
        self.made: dict[tuple[type, int], Writer] = {}

    def writer(self, cl: type, level: int, first: dict[str, Any] | None = None) -> Writer:
        """The writer of ``cl`` at ``level``; its objects start with ``first``'s items."""
        key = (cl, level)
        if first is None and key in self.made:
            return self.made[key]
        fn = _Code(self, level).build(cl, first)
        if first is None:
            self.made[key] = fn
        return fn


class _Code:
    """The source of one writer: the object's fields are indented ``level`` steps."""

    def __init__(self, writers: "_Writers", level: int) -> None:
        self.writers = writers
        self.level = level
        self.globals: dict[str, Any] = {
            "_e": _encode,
            "_i": _int_text,
            "_b": _bool_text,
            "_g": _plain_text,
        }

    def name(self, prefix: str, value: Any) -> str:
        """A global name for ``value`` in the generated source."""
        key = f"_{prefix}{len(self.globals)}"
        self.globals[key] = value
        return key

    def generated(self, t: Any) -> bool:
        # An object of the model that the converter unstructures field by
        # field; a class with a hook of its own (a date is its text) is not.
        return attrs.has(t) and self.writers.converter.get_unstructure_hook(t) in GENERATED

    def text(self, t: Any, var: str, level: int) -> str | None:
        """An expression for the JSON text of ``var`` (not None) of type ``t`` at ``level``.

        ``None`` for an object of the model, which its own writer appends.
        """
        if t is str:
            return f"_e({var})"
        if t is int:
            return f"_i({var})"
        if t is bool:
            return f"_b({var})"
        if is_enum(t):
            return f"_e({var}._value_)"
        if self.generated(t):
            return None
        if is_tuple_of(t):
            item = plain(typing.get_args(t)[0])
            if item is str:
                items = f"map(_e, {var})"
            elif is_enum(item):
                items = f"[_e(x._value_) for x in {var}]"
            elif self.generated(item):
                return None
            else:
                each = self.text(item, "x", level + 1)
                if each is None:
                    return self.hooked(t, var, level)
                items = f"[{each} for x in {var}]"
            inner = _indent(level + 1)
            listed = f"{'[' + inner!r} + {',' + inner!r}.join({items}) + {_indent(level) + ']'!r}"
            return f"({listed} if {var} else '[]')"
        return self.hooked(t, var, level)

    def hooked(self, t: Any, var: str, level: int) -> str:
        """The text of what the converter's own hook for ``t`` makes of ``var``."""
        hook = self.name("u", self.writers.converter.get_unstructure_hook(t))
        # Most hooks make text (a date, a duration): escaped without a call more.
        return f"(_e(y) if (y := {hook}({var})).__class__ is str else _g(y, {level}))"

    def emit(self, t: Any, var: str, prefix: str, pad: str) -> list[str]:
        """Statements appending ``prefix`` and the text of ``var`` (not None) of type ``t``."""
        level = self.level
        expr = self.text(t, var, level)
        if expr is not None:
            return [f"{pad}a({prefix} + {expr})"]
        if self.generated(t):
            write = self.name("w", self.writers.writer(t, level + 1))
            return [f"{pad}a({prefix})", f"{pad}{write}({var}, a)"]
        item = plain(typing.get_args(t)[0])
        write = self.name("w", self.writers.writer(item, level + 2))
        inner = _indent(level + 1)
        return [
            f"{pad}if {var}:",
            f"{pad}  a({prefix} + {'[' + inner!r})",
            f"{pad}  it = iter({var})",
            f"{pad}  {write}(next(it), a)",
            f"{pad}  for x in it:",
            f"{pad}    a({',' + inner!r})",
            f"{pad}    {write}(x, a)",
            f"{pad}  a({_indent(level) + ']'!r})",
            f"{pad}else:",
            f"{pad}  a({prefix} + '[]')",
        ]

    def field(self, a: "attrs.Attribute[Any]", var: str, prefix: str, pad: str) -> list[str]:
        """Statements appending ``prefix`` and the text of field ``a``'s value ``var``."""
        t = a.type
        if one_or_more(t):
            many = plain(t)
            alone = self.emit(typing.get_args(many)[0], f"{var}[0]", prefix, pad + "  ")
            several = self.emit(many, var, prefix, pad + "  ")
            return [f"{pad}if len({var}) == 1:", *alone, f"{pad}else:", *several]
        t = plain(t)
        inner = optional_inner(t)
        if inner is None:
            return self.emit(t, var, prefix, pad)
        if a.default is None:
            return self.emit(inner, var, prefix, pad)
        return [
            f"{pad}if {var} is None:",
            f"{pad}  a({prefix} + 'null')",
            f"{pad}else:",
            *self.emit(inner, var, prefix, pad + "  "),
        ]

    def build(self, cl: type, first: dict[str, Any] | None) -> Writer:
        """Compile the writer of ``cl``."""
        level = self.level
        opening = "{" + _indent(level)
        separator = "," + _indent(level)
        fields = sorted(attrs.fields(cl), key=lambda a: a.name == "open")
        lines: list[str] = []
        # Until a field is surely written, ``s`` holds what goes before the next one.
        written = False
        dynamic = False
        for k, v in (first or {}).items():
            lines.append(f"  a({opening + json.dumps(k) + ': ' + json.dumps(v)!r})")
            written = True
        for a in fields:
            key = json.dumps(a.name) + ": "
            prefix = repr(separator + key) if written else f"s + {key!r}"
            dynamic = dynamic or not written
            default = a.default
            if default is attrs.NOTHING:
                if not written and not lines:
                    prefix = repr(opening + key)
                lines += self.field(a, f"o.{a.name}", prefix, "  ")
                written = True
                continue
            lines.append(f"  v = o.{a.name}")
            test = changed_test(default, self.name)
            lines.append(f"  if {test}:")
            lines += self.field(a, "v", prefix, "    ")
            if not written:
                lines.append(f"    s = {separator!r}")
        closing = _indent(level - 1) + "}"
        if written:
            lines.append(f"  a({closing!r})")
        else:
            # No field is required: the object may have nothing to write.
            lines.append(f"  a('{{}}' if s is _opening else {closing!r})")
        if dynamic:
            self.globals["_opening"] = opening
            lines.insert(0, "  s = _opening")
        name = f"write_{cl.__name__}_{level}"
        source = "\n".join([f"def {name}(o, a):", *lines])
        namespace = dict(self.globals)
        exec(compile(source, f"<emergencykit JSON writer {cl.__qualname__}>", "exec"), namespace)
        fn: Writer = namespace[name]
        return fn
