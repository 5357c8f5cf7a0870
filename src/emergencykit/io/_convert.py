"""The cattrs converters: strict hooks, a fast generated path and a checking path.

Two converters share the same strict field hooks:

- the *fast* one uses cattrs' generated class hooks without detailed
  validation; it is what loading runs first;
- the *checking* one (``detailed_validation=True``) structures each class
  field by field, runs every attrs validator on its own and collects every
  problem into cattrs' error tree (:class:`cattrs.ClassValidationError`,
  :class:`cattrs.IterableValidationError` with their notes).

Loading a valid document costs one fast pass; a bad document costs a second,
checking pass that reports all its problems at once.
"""

import datetime as dt
import enum
import gc
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_unstructure_fn

from emergencykit.errors import FieldValueError
from emergencykit.model import BilingualEnum
from emergencykit.model._types import plain
from emergencykit.model.system import EmergencySystem

__all__ = [
    "MAX_DIGITS",
    "SCHEMA",
    "BadValue",
    "HugeInt",
    "MissingField",
    "SchemaError",
    "UnknownKey",
    "checking_converter",
    "duration_text",
    "fast_converter",
    "make_converter",
    "paused_gc",
]

#: The value of the ``schema`` key of every document this version reads and writes.
SCHEMA = "emergencykit/1"

#: Integers with more digits than this are never parsed into ``int``: no field
#: needs them, and Python refuses to convert very long digit strings anyway.
MAX_DIGITS = 100

Hook = Callable[[Any, Any], Any]

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DURATION = re.compile(
    r"P(?!$)(?:(?P<weeks>[0-9]+)W)?(?:(?P<days>[0-9]+)D)?"
    r"(?:T(?=[0-9])(?:(?P<hours>[0-9]+)H)?(?:(?P<minutes>[0-9]+)M)?"
    r"(?:(?P<seconds>[0-9]+)(?:\.(?P<fraction>[0-9]{1,6}))?S)?)?"
)


class BadValue(ValueError):
    """A value that a strict hook refuses; ``problem`` is a phrase, ``value`` the input."""

    def __init__(self, problem: str, value: Any) -> None:
        super().__init__(problem)
        self.problem = problem
        self.value = value


class MissingField(KeyError):
    """A required key is absent (reported at the key's own path)."""


class UnknownKey(ForbiddenExtraKeysError):
    """One key that the class does not have (cattrs' error names a set; this, the one key)."""

    def __init__(self, cl: type, key: Any) -> None:
        super().__init__(None, cl, {key})
        self.key = key


class SchemaError(ValueError):
    """The ``schema`` key is missing or names a version this library cannot read."""

    def __init__(self, value: Any, *, missing: bool = False) -> None:
        super().__init__(value)
        self.value = value
        self.missing = missing


class HugeInt:
    """An integer literal too long to be worth parsing; only its size is kept."""

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"an integer of {self.digits} digits"


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector, restoring its previous state even on error.

    Building many small objects triggers collections that find nothing to
    collect (the objects are all alive); pausing them roughly halves load time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# -- strict scalar hooks ------------------------------------------------------


_SCALAR_PROBLEMS = {
    str: "must be a string",
    int: "must be an integer",
    bool: "must be true or false",
}


def _wrong(cl: type, obj: Any) -> BadValue:
    if cl is int and type(obj) is HugeInt:
        return BadValue("is too large", obj)
    return BadValue(_SCALAR_PROBLEMS[cl], obj)


def _structure_str(obj: Any, _: Any) -> str:
    if type(obj) is str:
        return obj
    raise _wrong(str, obj)


def _structure_int(obj: Any, _: Any) -> int:
    if type(obj) is int:
        return obj
    raise _wrong(int, obj)


def _structure_bool(obj: Any, _: Any) -> bool:
    if type(obj) is bool:
        return obj
    raise _wrong(bool, obj)


def _structure_date(obj: Any, _: Any) -> dt.date:
    if type(obj) is dt.date:
        return obj
    if type(obj) is str and _DATE.fullmatch(obj):
        try:
            return dt.date.fromisoformat(obj)
        except ValueError:
            pass
    raise BadValue("must be a date YYYY-MM-DD", obj)


def _structure_duration(obj: Any, _: Any) -> dt.timedelta:
    if type(obj) is dt.timedelta:
        return obj
    match = _DURATION.fullmatch(obj) if type(obj) is str else None
    if match is None:
        raise BadValue("must be an ISO 8601 duration such as PT5H, P1D or P2DT3H", obj)
    parts = match.groupdict(default="0")
    microseconds = int(parts.pop("fraction").ljust(6, "0"))
    try:
        return dt.timedelta(**{k: int(v) for k, v in parts.items()}, microseconds=microseconds)
    except (OverflowError, ValueError):
        # ValueError: int() refuses thousands of digits
        raise BadValue(f"is too long (at most {dt.timedelta.max.days} days)", obj) from None


def duration_text(value: dt.timedelta) -> str:
    """The canonical ISO 8601 form of a non-negative duration: ``P2DT3H``, ``PT30M``, ``PT0S``."""
    days = value.days
    minutes, seconds = divmod(value.seconds, 60)
    hours, minutes = divmod(minutes, 60)
    time = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M")) if n)
    if value.microseconds:
        time += f"{seconds}.{value.microseconds:06d}".rstrip("0") + "S"
    elif seconds:
        time += f"{seconds}S"
    text = "P" + (f"{days}D" if days else "") + (f"T{time}" if time else "")
    return text if text != "P" else "PT0S"


def _enum_problem(cl: type[enum.Enum]) -> str:
    article = "an" if cl.__name__[0] in "AEIOU" else "a"
    return f"must be {article} {cl.__name__} (one of: {', '.join(str(m.value) for m in cl)})"


def _structure_enum(obj: Any, cl: type[enum.Enum]) -> Any:
    # The value-to-member map is what Enum.__call__ consults first; going to
    # it directly skips the metaclass call on every field.
    try:
        return cl._value2member_map_[obj]
    except (KeyError, TypeError):
        raise BadValue(_enum_problem(cl), obj) from None


def _is_optional(t: Any) -> bool:
    args = typing.get_args(t)
    return (
        typing.get_origin(t) in (typing.Union, types.UnionType)
        and len(args) == 2
        and type(None) in args
    )


def _inner(t: Any) -> Any:
    return next(a for a in typing.get_args(t) if a is not type(None))


def _is_annotated(t: Any) -> bool:
    return typing.get_origin(t) is typing.Annotated


def _is_tuple_of(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


_SCALARS = (str, int, bool)


def _optional_factory(converter: cattrs.Converter) -> Callable[[Any], Hook]:
    def factory(t: Any) -> Hook:
        inner_type = plain(_inner(t))
        if inner_type in _SCALARS:
            # One call instead of two for the commonest fields (ids, notes).
            def structure_scalar(obj: Any, _: Any) -> Any:
                if obj is None or type(obj) is inner_type:
                    return obj
                raise _wrong(inner_type, obj)

            return structure_scalar
        inner = converter.get_structure_hook(inner_type)

        def structure(obj: Any, _: Any) -> Any:
            if obj is None:
                return None
            return inner(obj, inner_type)

        return structure

    return factory


def _fast_tuple_factory(converter: cattrs.Converter) -> Callable[[Any], Hook]:
    def factory(t: Any) -> Hook:
        item_type = plain(typing.get_args(t)[0])
        if item_type in _SCALARS:
            # One loop of type checks instead of a hook call per item; the
            # checking pass names a wrong item with its index.
            def structure_plain(obj: Any, _: Any) -> tuple[Any, ...]:
                if type(obj) is not list and type(obj) is not tuple:
                    raise BadValue("must be a list", obj)
                for item in obj:
                    if type(item) is not item_type:
                        raise _wrong(item_type, item)
                return tuple(obj)

            return structure_plain
        item = converter.get_structure_hook(item_type)

        def structure(obj: Any, _: Any) -> tuple[Any, ...]:
            if type(obj) is list or type(obj) is tuple:
                return tuple([item(x, item_type) for x in obj])
            raise BadValue("must be a list", obj)

        return structure

    return factory


def _checking_tuple_factory(converter: cattrs.Converter) -> Callable[[Any], Hook]:
    def factory(t: Any) -> Hook:
        item_type = plain(typing.get_args(t)[0])
        item = converter.get_structure_hook(item_type)
        where = f"Structuring {t!r} @ index"

        def structure(obj: Any, _: Any) -> tuple[Any, ...]:
            if type(obj) is not list and type(obj) is not tuple:
                raise BadValue("must be a list", obj)
            result = []
            errors: list[Exception] = []
            for index, value in enumerate(obj):
                try:
                    result.append(item(value, item_type))
                except Exception as exc:
                    exc.add_note(IterableValidationNote(f"{where} {index}", index, item_type))
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {t!r}", errors, t)
            return tuple(result)

        return structure

    return factory


def _check_mapping(obj: Any) -> None:
    if not isinstance(obj, Mapping):
        raise BadValue("must be a mapping", obj)


def _checking_class_factory(converter: cattrs.Converter) -> Callable[[Any], Hook]:
    """A hook that reports every problem of a class, in the order of the input's keys.

    Each field is structured and then checked by its own attrs validator, so
    one bad field does not hide another; the class's ``__attrs_post_init__``
    (cross-field checks) runs only when every field is fine on its own.
    """

    def factory(cl: type) -> Hook:
        fields = {a.name: a for a in attrs.fields(cl)}
        required = [a.name for a in fields.values() if a.default is attrs.NOTHING]
        hooks: dict[str, Hook] = {}

        def structure(obj: Any, _: Any) -> Any:
            _check_mapping(obj)
            if not hooks:
                hooks.update({n: converter.get_structure_hook(a.type) for n, a in fields.items()})
            values: dict[str, Any] = {}
            errors: list[Exception] = []
            for key, raw in obj.items():
                field = fields.get(key) if type(key) is str else None
                if field is None:
                    errors.append(UnknownKey(cl, key))
                    continue
                try:
                    value = hooks[key](raw, field.type)
                except Exception as exc:
                    note = f"Structuring class {cl.__qualname__} @ attribute {key}"
                    exc.add_note(AttributeValidationNote(note, key, field.type))
                    errors.append(exc)
                    continue
                try:
                    if field.validator is not None:
                        field.validator(None, field, value)
                except FieldValueError as exc:
                    errors.append(exc)
                    continue
                values[key] = value
            for name in required:
                if name not in obj:
                    missing = MissingField(name)
                    note = f"Structuring class {cl.__qualname__} @ attribute {name}"
                    missing.add_note(AttributeValidationNote(note, name, fields[name].type))
                    errors.append(missing)
            if not errors:
                try:
                    return cl(**values)
                except FieldValueError as exc:
                    errors.append(exc)
            raise ClassValidationError(f"While structuring {cl.__name__}", errors, cl)

        return structure

    return factory


def _fast_class_factory(converter: cattrs.Converter) -> Callable[[Any], Hook]:
    def factory(cl: type) -> Hook:
        hook: Hook = cattrs.gen.make_dict_structure_fn(cl, converter)
        return hook

    return factory


# -- the document root --------------------------------------------------------


def _fast_system(converter: cattrs.Converter) -> Hook:
    body = cattrs.gen.make_dict_structure_fn(EmergencySystem, converter)

    def structure(obj: Any, _: Any) -> EmergencySystem:
        if type(obj) is not dict or obj.get("schema") != SCHEMA:
            raise SchemaError(obj)
        rest = dict(obj)
        del rest["schema"]
        return body(rest, EmergencySystem)

    return structure


def _checking_system(converter: cattrs.Converter) -> Hook:
    body = _checking_class_factory(converter)(EmergencySystem)

    def structure(obj: Any, _: Any) -> EmergencySystem:
        _check_mapping(obj)
        if obj.get("schema") != SCHEMA:
            # An unknown version is not read any further: its keys may mean other things.
            exc = SchemaError(obj.get("schema"), missing="schema" not in obj)
            exc.add_note(AttributeValidationNote("Checking the schema", "schema", str))
            raise ClassValidationError("While structuring EmergencySystem", [exc], EmergencySystem)
        system: EmergencySystem = body(
            {k: v for k, v in obj.items() if k != "schema"}, EmergencySystem
        )
        return system

    return structure


# -- unstructuring ------------------------------------------------------------


def _unstructure_class_factory(
    converter: cattrs.Converter,
) -> Callable[[Any], Callable[[Any], Any]]:
    def factory(cl: type) -> Callable[[Any], Any]:
        generated: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
            cl, converter, _cattrs_omit_if_default=True
        )
        order = [a.name for a in attrs.fields(cl)]
        required = [a.name for a in attrs.fields(cl) if a.default is attrs.NOTHING]
        if order[: len(required)] == required:
            return generated

        # Generated hooks put required keys first; documents keep class field order.
        def unstructure(obj: Any) -> dict[str, Any]:
            data = generated(obj)
            return {k: data[k] for k in order if k in data}

        return unstructure

    return factory


def _unstructure_tuple_factory(
    converter: cattrs.Converter,
) -> Callable[[Any], Callable[[Any], Any]]:
    def factory(t: Any) -> Callable[[Any], Any]:
        item_type = plain(typing.get_args(t)[0])
        if item_type in _SCALARS:
            return list
        item = converter.get_unstructure_hook(item_type)

        def unstructure(obj: tuple[Any, ...]) -> list[Any]:
            return [item(x) for x in obj]

        return unstructure

    return factory


def _unstructure_system(converter: cattrs.Converter) -> Callable[[Any], Any]:
    body = _unstructure_class_factory(converter)(EmergencySystem)

    def unstructure(obj: EmergencySystem) -> dict[str, Any]:
        return {"schema": SCHEMA, **body(obj)}

    return unstructure


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    """A new cattrs converter for every class of :mod:`emergencykit.model`.

    Hooks are strict: a string is never made from a number, an integer never
    from a bool, float or string; enums come from their value, dates from
    ``YYYY-MM-DD`` (or :class:`datetime.date`, never a
    :class:`datetime.datetime`), durations from ISO 8601 (``PT5H``, ``P1D``),
    tuples from lists.  Unknown keys are errors.  Unstructuring omits fields
    equal to their default and keeps the classes' field order;
    :class:`~emergencykit.EmergencySystem` gains ``schema: emergencykit/1``
    as its first key.

    Parameters
    ----------
    detailed_validation
        ``True`` (the default): failures raise a
        :class:`cattrs.ClassValidationError` tree holding every problem, in
        document order, which :func:`cattrs.transform_error` understands.
        ``False``: cattrs' generated hooks, fastest, stopping at the first
        problem with whatever exception it raised.

    Returns
    -------
    cattrs.Converter
        A converter of its own; changing it does not affect emergencykit.

    Raises
    ------
    Nothing; the hooks are built lazily, on first use of each class.

    Examples
    --------
    >>> import emergencykit as ek
    >>> from emergencykit.io import make_converter
    >>> c = make_converter()
    >>> c.unstructure(ek.Count(value=3500, unit=ek.CountUnit.PEOPLE, approx=ek.Approx.AT_LEAST))
    {'value': 3500, 'unit': 'people', 'approx': 'at_least'}
    >>> c.structure({"value": 14, "unit": "teams"}, ek.Count)
    Count(value=14, unit=<CountUnit.TEAMS: 'teams'>, approx=<Approx.EXACT: 'exact'>, text=None)
    """
    converter = cattrs.Converter(
        omit_if_default=True,
        forbid_extra_keys=True,
        detailed_validation=detailed_validation,
    )
    # Class hooks dispatch on the class hierarchy: the enums' own hook keeps
    # them from falling to the str hook, as bool's keeps bools from int's.
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_structure_hook(dt.timedelta, _structure_duration)
    converter.register_structure_hook(BilingualEnum, _structure_enum)
    # Id, Text and bounded ints are their plain type here: one hook call, not two.
    converter.register_structure_hook_factory(
        _is_annotated, lambda t: converter.get_structure_hook(plain(t))
    )
    converter.register_structure_hook_factory(_is_optional, _optional_factory(converter))
    if detailed_validation:
        converter.register_structure_hook_factory(_is_tuple_of, _checking_tuple_factory(converter))
        converter.register_structure_hook_factory(attrs.has, _checking_class_factory(converter))
        converter.register_structure_hook(EmergencySystem, _checking_system(converter))
    else:
        converter.register_structure_hook_factory(_is_tuple_of, _fast_tuple_factory(converter))
        converter.register_structure_hook_factory(attrs.has, _fast_class_factory(converter))
        converter.register_structure_hook(EmergencySystem, _fast_system(converter))

    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(dt.timedelta, duration_text)
    converter.register_unstructure_hook(BilingualEnum, _enum_value)
    converter.register_unstructure_hook_factory(_is_tuple_of, _unstructure_tuple_factory(converter))
    converter.register_unstructure_hook_factory(attrs.has, _unstructure_class_factory(converter))
    converter.register_unstructure_hook(EmergencySystem, _unstructure_system(converter))
    return converter


def _enum_value(member: enum.Enum) -> Any:
    return member.value


_FAST: cattrs.Converter | None = None
_CHECKING: cattrs.Converter | None = None


def fast_converter() -> cattrs.Converter:
    """The shared fast converter (built once; never handed to users)."""
    global _FAST
    if _FAST is None:
        _FAST = make_converter(detailed_validation=False)
    return _FAST


def checking_converter() -> cattrs.Converter:
    """The shared checking converter (built once; never handed to users)."""
    global _CHECKING
    if _CHECKING is None:
        _CHECKING = make_converter(detailed_validation=True)
    return _CHECKING
