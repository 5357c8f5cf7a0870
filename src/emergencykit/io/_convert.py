"""The cattrs converter: strict hooks whose failures are cattrs' error tree.

Each structure hook first takes its fastest path (for a class, cattrs'
generated code without detailed validation).  Only when that fails does it
look again, field by field or item by item, and collect every problem into
cattrs' error tree: :class:`cattrs.ClassValidationError` and
:class:`cattrs.IterableValidationError` holding the failures, each with the
:class:`~cattrs.errors.AttributeValidationNote` or
:class:`~cattrs.errors.IterableValidationNote` that cattrs' own detailed
hooks attach, so that :func:`cattrs.transform_error` finds every path.
A valid document costs one fast pass; a bad one also a second look at the
objects that hold a problem.
"""

import datetime as dt
import enum
import functools
import re
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from emergencykit.errors import FieldValueError
from emergencykit.io._compiled import TYPED, Unsupported, spoil_keys, structure_function, typed
from emergencykit.io._scalars import (
    MAX_DIGITS,
    SCHEMA,
    BadValue,
    HugeInt,
    MissingField,
    SchemaError,
    _structure_bool,
    _structure_date,
    _structure_duration,
    _structure_enum,
    _structure_int,
    _structure_str,
    _wrong,
    one_or_more_hook,
)
from emergencykit.io._unstructure import unstructure_fn
from emergencykit.model import BilingualEnum, PartialDate
from emergencykit.model._hints import is_optional
from emergencykit.model._system import EmergencySystem
from emergencykit.model._types import one_or_more, plain

__all__ = [
    "MAX_COLLECTED",
    "MAX_DIGITS",
    "SCHEMA",
    "BadValue",
    "HugeInt",
    "MissingField",
    "SchemaError",
    "TooManyProblems",
    "configure_converter",
    "converter",
    "duration_text",
    "make_converter",
]

Hook = Callable[[Any, Any], Any]


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


# Each returns the type it is asked for, or raises.
_TYPED_SCALAR_HOOKS = (
    _structure_str,
    _structure_int,
    _structure_bool,
    _structure_date,
    _structure_duration,
    _structure_enum,
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

            return typed(structure_scalar)
        inner = converter.get_structure_hook(inner_type)

        def structure(obj: Any, _: Any) -> Any:
            if obj is None:
                return None
            return inner(obj, inner_type)

        return typed(structure) if inner in TYPED else structure

    return factory


# -- collecting problems ------------------------------------------------------

#: A list or a mapping stops collecting problems once it holds this many: the
#: rest of it is not looked at, so that a document with millions of bad items
#: costs no more than one with a thousand.
MAX_COLLECTED = 1000


class TooManyProblems(Exception):
    """Where a list or a mapping stopped collecting problems, after ``limit`` of them."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def _count_problems(exc: BaseException) -> int:
    """How many problems ``exc`` holds: one per leaf of cattrs' error tree."""
    if isinstance(exc, BaseValidationError):
        return sum(_count_problems(e) for e in exc.exceptions)
    return 0 if isinstance(exc, TooManyProblems) else 1


#: The attribute under which a group keeps the input it describes.
_SOURCE = "emergencykit_source"


class _Found:
    """The problems of one list or mapping, in the order they were found.

    ``first`` is the failure that ended the fast attempt.  When it is a group
    raised for one of this container's own items, that item is not looked at
    again (:meth:`again`): without this, each level of nesting would check
    the problems below it once more, doubling the work per level.
    """

    __slots__ = ("count", "errors", "first", "source")

    def __init__(self, first: Exception | None) -> None:
        self.errors: list[Exception] = []
        self.count = 0
        self.first = first
        self.source = vars(first).get(_SOURCE) if isinstance(first, BaseValidationError) else None

    def again(self, value: Any) -> Exception | None:
        """The failure already seen for this very input, once; else ``None``."""
        if self.source is None or value is not self.source:
            return None
        self.source = None
        return self.first

    def add(self, exc: Exception) -> None:
        self.errors.append(exc)
        self.count += _count_problems(exc)

    def full(self) -> bool:
        return self.count >= MAX_COLLECTED

    def stop(self) -> None:
        self.errors.append(TooManyProblems(MAX_COLLECTED))


def _about(group: BaseValidationError, source: Any) -> BaseValidationError:
    """``group``, marked as holding the problems of ``source`` (see :class:`_Found`)."""
    vars(group)[_SOURCE] = source
    return group


# -- lists ----------------------------------------------------------------------


def _tuple_factory(converter: cattrs.Converter) -> Callable[[Any], Hook]:
    def factory(t: Any) -> Hook:
        item_type = plain(typing.get_args(t)[0])
        item = converter.get_structure_hook(item_type)
        if item_type in _SCALARS:
            # One loop of type checks instead of a hook call per item.
            def structure_plain(obj: Any, _: Any) -> tuple[Any, ...]:
                if type(obj) is not list and type(obj) is not tuple:
                    raise BadValue("must be a list", obj)
                for value in obj:
                    if type(value) is not item_type:
                        return _check_items(obj, item, item_type, t, None)
                return tuple(obj)

            return typed(structure_plain)

        def structure(obj: Any, _: Any) -> tuple[Any, ...]:
            if type(obj) is not list and type(obj) is not tuple:
                raise BadValue("must be a list", obj)
            try:
                return tuple([item(x, item_type) for x in obj])
            except Exception as exc:
                first = exc
            return _check_items(obj, item, item_type, t, first)

        return typed(structure) if item in TYPED else structure

    return factory


def _check_items(
    obj: list[Any] | tuple[Any, ...], item: Hook, item_type: Any, t: Any, first: Exception | None
) -> tuple[Any, ...]:
    """Structure each item again, collecting every item's problems."""
    spoil_keys()
    found = _Found(first)
    result = []
    for index, value in enumerate(obj):
        if found.full():
            found.stop()
            break
        error = found.again(value)
        if error is None:
            try:
                result.append(item(value, item_type))
                continue
            except Exception as exc:
                error = exc
        error.add_note(
            IterableValidationNote(f"Structuring {t!r} @ index {index}", index, item_type)
        )
        found.add(error)
    if found.errors:
        raise _about(IterableValidationError(f"While structuring {t!r}", found.errors, t), obj)
    # Only a hook that fails and then succeeds on the same input gets here.
    return tuple(result)


def _one_or_more_factory(converter: cattrs.Converter) -> Callable[[Any], Hook]:
    """A tuple field marked ``ONE_OR_MORE``: a list, one item alone, or null for none."""

    def factory(t: Any) -> Hook:
        many_type = plain(t)
        item_type = typing.get_args(many_type)[0]
        many = converter.get_structure_hook(many_type)
        item = converter.get_structure_hook(item_type)
        structure = one_or_more_hook(many, many_type, item, item_type)
        return typed(structure) if item in TYPED and many in TYPED else structure

    return factory


def _unstructure_one_or_more_factory(
    converter: cattrs.Converter,
) -> Callable[[Any], Callable[[Any], Any]]:
    """One item is written alone, as documents wrote the field when it held one."""

    def factory(t: Any) -> Callable[[Any], Any]:
        many = converter.get_unstructure_hook(plain(t))
        item = converter.get_unstructure_hook(typing.get_args(plain(t))[0])

        def unstructure(obj: tuple[Any, ...]) -> Any:
            return item(obj[0]) if len(obj) == 1 else many(obj)

        return unstructure

    return factory


# -- classes --------------------------------------------------------------------

_STEP = re.compile(r"\.?([^.\[\]]+)|\[([0-9]+)\]")


def _field_type(t: Any, step: str) -> Any:
    """The type found at ``step`` (a field name, or ``""`` for an item) inside ``t``."""
    t = plain(t)
    if is_optional(t):
        t = _inner(t)
    if not step:
        return typing.get_args(t)[0] if _is_tuple_of(t) else Any
    field = attrs.fields_dict(t).get(step) if attrs.has(t) else None
    return Any if field is None else field.type


def _placed(exc: FieldValueError, cl: type) -> Exception:
    """``exc``, raised by a check of ``cl``, inside groups that spell out its field's path.

    The model's checks name their field with a path of their own
    (``revisions[0].date``); cattrs' tree says the same with one note per step.
    """
    steps = [(name, int(index) if index else None) for name, index in _STEP.findall(exc.field)]
    types = [cl]
    for name, _ in steps:
        types.append(_field_type(types[-1], name))
    text = f"Checking {cl.__qualname__}: {exc.field}"
    inner: Exception = exc
    for depth in reversed(range(len(steps))):
        name, index = steps[depth]
        t = types[depth + 1]
        if depth < len(steps) - 1:
            group = ClassValidationError if steps[depth + 1][0] else IterableValidationError
            inner = group(f"While structuring {t!r}", [inner], t)
        if index is None:
            inner.add_note(AttributeValidationNote(text, name, t))
        else:
            inner.add_note(IterableValidationNote(text, index, t))
    return inner


def _class_factory(
    converter: cattrs.Converter, generate: bool = True, *, by_field: bool = False
) -> Callable[[Any], Hook]:
    """Class hooks: generated functions (``generate``), else cattrs' code and the class's ``__init__``.

    With ``by_field``, no code at all: every object is built by the
    field-by-field look (:func:`_check_fields`) that the other two fall back
    to for what they do not accept.
    """

    def factory(cl: type) -> Hook:
        def fallback(obj: Any, first: Exception) -> Any:
            return _check_fields(converter, cl, obj, first)

        if by_field:
            return _by_field(converter, cl)
        if generate:
            try:
                return structure_function(converter, cl, fallback, _structure_enum)
            except Unsupported:
                pass
        fast: Hook = make_dict_structure_fn(
            cl,
            converter,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=False,
        )

        def structure(obj: Any, _: Any) -> Any:
            try:
                return fast(obj, cl)
            except Exception as exc:
                first = exc
            return _check_fields(converter, cl, obj, first)

        return structure

    return factory


def _by_field(converter: cattrs.Converter, cl: type) -> Hook:
    """The hook of ``cl`` that writes no code: each field's hook, then the class's ``__init__``.

    What cattrs' generated code does, looked up in a table instead; what it
    does not accept goes, as from every other hook, to :func:`_check_fields`.
    """
    # Filled on first use: a class that holds itself finds its own hook then.
    table: dict[str, tuple[Hook, Any]] = {}

    def structure_by_field(obj: Any, _: Any) -> Any:
        try:
            if not table:
                for field in attrs.fields(cl):
                    table[field.name] = (converter.get_structure_hook(field.type), field.type)
            if type(obj) is not dict:
                raise BadValue("must be a mapping", obj)
            values = {}
            for key, raw in obj.items():
                hook, t = table[key]
                values[key] = hook(raw, t)
            return cl(**values)
        except Exception as exc:
            first = exc
        return _check_fields(converter, cl, obj, first)

    return structure_by_field


def _check_fields(converter: cattrs.Converter, cl: type, obj: Any, first: Exception | None) -> Any:
    """Structure each field again, collecting every problem in the order of the input's keys.

    Each field is structured and then checked by its own attrs validator, so
    one bad field does not hide another; the class's ``__attrs_post_init__``
    (cross-field checks) runs only when every field is fine on its own.
    """
    spoil_keys()
    if not isinstance(obj, Mapping):
        raise BadValue("must be a mapping", obj)
    fields = attrs.fields_dict(cl)
    found = _Found(first)
    values: dict[str, Any] = {}
    # As attrs' __init__ does, checks nothing when validators are switched off.
    validating = not attrs.validators.get_disabled()
    for key, raw in obj.items():
        if found.full():
            found.stop()
            break
        field = fields.get(key) if type(key) is str else None
        if field is None:
            # Noteless, so transform_error reports it at the object's own path.
            found.add(ForbiddenExtraKeysError(None, cl, {key}))
            continue
        error = found.again(raw)
        if error is None:
            try:
                value = converter.get_structure_hook(field.type)(raw, field.type)
            except Exception as exc:
                error = exc
            else:
                try:
                    if validating and field.validator is not None:
                        field.validator(None, field, value)
                except FieldValueError as exc:
                    found.add(_placed(exc, cl))
                    continue
                values[key] = value
                continue
        note = f"Structuring class {cl.__qualname__} @ attribute {key}"
        error.add_note(AttributeValidationNote(note, key, field.type))
        found.add(error)
    for name, field in fields.items():
        if field.default is attrs.NOTHING and name not in obj:
            missing = MissingField(name)
            note = f"Structuring class {cl.__qualname__} @ attribute {name}"
            missing.add_note(AttributeValidationNote(note, name, field.type))
            found.add(missing)
    if not found.errors:
        try:
            return cl(**values)
        except FieldValueError as exc:
            found.add(_placed(exc, cl))
    raise _about(ClassValidationError(f"While structuring {cl.__name__}", found.errors, cl), obj)


# -- the document root --------------------------------------------------------


def _system_hook(converter: cattrs.Converter, by_field: bool = False) -> Hook:
    # Generated on the first load, not when the converter is made: a converter
    # that only dumps never compiles a structure function (nor, below, one
    # that only loads an unstructure function).  The root is one object per
    # document: cattrs' code and its __init__ serve it, the generated
    # functions the objects below it.
    body = functools.cache(
        lambda: _class_factory(converter, False, by_field=by_field)(EmergencySystem)
    )

    def structure(obj: Any, _: Any) -> EmergencySystem:
        if not isinstance(obj, Mapping):
            raise BadValue("must be a mapping", obj)
        if obj.get("schema") != SCHEMA:
            # An unknown version is not read any further: its keys may mean other things.
            exc = SchemaError(obj.get("schema"), missing="schema" not in obj)
            exc.add_note(AttributeValidationNote("Checking the schema", "schema", str))
            raise ClassValidationError("While structuring EmergencySystem", [exc], EmergencySystem)
        system: EmergencySystem = body()(
            {k: v for k, v in obj.items() if k != "schema"}, EmergencySystem
        )
        return system

    return structure


# -- unstructuring ------------------------------------------------------------


def _unstructure_class_factory(
    converter: cattrs.Converter,
) -> Callable[[Any], Callable[[Any], Any]]:
    def factory(cl: type) -> Callable[[Any], Any]:
        return unstructure_fn(converter, cl)

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
    # Generated on the first dump, not when the converter is made.
    body = functools.cache(
        lambda: unstructure_fn(converter, EmergencySystem, first={"schema": SCHEMA})
    )

    def unstructure(obj: EmergencySystem) -> dict[str, Any]:
        return body()(obj)

    return unstructure


def configure_converter(converter: cattrs.Converter) -> None:
    """Teach ``converter`` every class of :mod:`emergencykit.model`, as documents spell them.

    Hooks are strict: a string is never made from a number, an integer never
    from a bool, float or string; enums come from their value, dates from
    ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, with ``~`` when approximate (or
    a :class:`datetime.date`, never a :class:`datetime.datetime`), and are
    written back in that text form; durations from ISO 8601 (``PT5H``, ``P1D``),
    tuples from lists.  Unknown keys are errors.  Unstructuring omits fields
    equal to their default and keeps the classes' field order (an object's ``open`` last);
    :class:`~emergencykit.EmergencySystem` gains ``schema: emergencykit/1``
    as its first key.  The converter's own options do not change any of this.

    A failure raises cattrs' error tree (:class:`cattrs.ClassValidationError`,
    :class:`cattrs.IterableValidationError`, with cattrs' notes) holding every
    problem, in the order of the input's keys; a list or a mapping stops
    collecting after 1,000 problems.  :func:`cattrs.transform_error` with
    :func:`emergencykit.io.format_exception` turns it into the lines
    :func:`emergencykit.io.loads` reports.

    Parameters
    ----------
    converter
        The converter to configure, for instance one of cattrs' preconf
        converters; its hooks for other types are left alone.

    Returns
    -------
    None

    See Also
    --------
    make_converter : a new converter configured by this function.

    Examples
    --------
    >>> import cattrs
    >>> import emergencykit as ek
    >>> from emergencykit.io import configure_converter
    >>> converter = cattrs.Converter()
    >>> configure_converter(converter)
    >>> converter.structure({"value": 14, "unit": "teams"}, ek.Count).unit
    <CountUnit.TEAMS: 'teams'>
    """
    # Class hooks dispatch on the class hierarchy: the enums' own hook keeps
    # them from falling to the str hook, as bool's keeps bools from int's.
    for hook in _TYPED_SCALAR_HOOKS:
        typed(hook)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(PartialDate, _structure_date)
    converter.register_structure_hook(dt.timedelta, _structure_duration)
    converter.register_structure_hook(BilingualEnum, _structure_enum)
    # Id, Text and bounded ints are their plain type here: one hook call, not two.
    converter.register_structure_hook_factory(
        _is_annotated, lambda t: converter.get_structure_hook(plain(t))
    )
    converter.register_structure_hook_factory(one_or_more, _one_or_more_factory(converter))
    converter.register_structure_hook_factory(is_optional, _optional_factory(converter))
    converter.register_structure_hook_factory(_is_tuple_of, _tuple_factory(converter))
    _configure_classes(converter, by_field=False)

    converter.register_unstructure_hook(PartialDate, str)
    converter.register_unstructure_hook(dt.timedelta, duration_text)
    converter.register_unstructure_hook(BilingualEnum, _enum_value)
    converter.register_unstructure_hook_factory(_is_tuple_of, _unstructure_tuple_factory(converter))
    converter.register_unstructure_hook_factory(
        one_or_more, _unstructure_one_or_more_factory(converter)
    )
    converter.register_unstructure_hook_factory(attrs.has, _unstructure_class_factory(converter))
    converter.register_unstructure_hook(EmergencySystem, _unstructure_system(converter))


def _configure_classes(converter: cattrs.Converter, by_field: bool) -> None:
    converter.register_structure_hook_factory(
        attrs.has, _class_factory(converter, by_field=by_field)
    )
    converter.register_structure_hook(EmergencySystem, _system_hook(converter, by_field))


def make_converter() -> cattrs.Converter:
    """A new cattrs converter for every class of :mod:`emergencykit.model`.

    The same rules as :func:`emergencykit.io.loads` and
    :func:`emergencykit.io.dumps`; see :func:`configure_converter`.

    Returns
    -------
    cattrs.Converter
        A converter of its own; changing it does not affect emergencykit.

    See Also
    --------
    configure_converter : the same hooks on a converter of your own.
    format_exception : the words of each problem, for :func:`cattrs.transform_error`.

    Examples
    --------
    >>> import cattrs
    >>> import emergencykit as ek
    >>> from emergencykit.io import format_exception, make_converter
    >>> c = make_converter()
    >>> c.unstructure(ek.Count(value=3500, unit=ek.CountUnit.PEOPLE, approx=ek.Approx.AT_LEAST))
    {'value': 3500, 'unit': 'people', 'approx': 'at_least'}
    >>> c.structure({"value": 14, "unit": "teams"}, ek.Count)
    Count(value=14, unit=<CountUnit.TEAMS: 'teams'>, approx=<Approx.EXACT: 'exact'>, text=None)
    >>> try:
    ...     c.structure({"value": -3, "unit": "peeple"}, ek.Count)
    ... except cattrs.ClassValidationError as exc:
    ...     print(*cattrs.transform_error(exc, format_exception=format_exception), sep="\\n")
    must be ≥ 0 (got -3) @ $.value
    must be a CountUnit (one of: teams, people, organisations, agencies, categories, items, aircraft, stations, places, systems) (got 'peeple') @ $.unit
    """
    converter = cattrs.Converter()
    configure_converter(converter)
    return converter


def _enum_value(member: enum.Enum) -> Any:
    return member.value


_CONVERTERS: dict[bool, cattrs.Converter] = {}


def converter(generated: bool = True) -> cattrs.Converter:
    """The converter that loading and dumping share (built once; never handed to users).

    With ``generated=False``, the one that writes no code: each object is
    built field by field, as the generated functions build what they do not
    accept (the same objects, the same problems), at several times their
    cost per object but without the cost of writing and compiling a
    function per class, which a small document does not repay (see
    :func:`emergencykit.io._api.converter_for`).
    """
    made = _CONVERTERS.get(generated)
    if made is None:
        made = _CONVERTERS[generated] = make_converter()
        if not generated:
            _configure_classes(made, by_field=True)
    return made
