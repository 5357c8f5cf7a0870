"""Each model field's validator and converter, derived from its annotation.

A constraint is written once, in the field's type: :data:`~emergencykit.model.Id`,
:data:`~emergencykit.model.Text`, an ``int`` bounded by annotated-types
metadata (``Annotated[int, between(1, 100)]``), an enum, a date, a duration,
another model class, or ``X | None`` and ``tuple[X, ...]`` of these.
:func:`validated`, the ``field_transformer`` of every model class, turns it
into the field's attrs validator and, where users may write the value in
another form (a list for a tuple, ``"special"`` for ``PlanKind.SPECIAL``),
its converter; the JSON Schema and the hypothesis strategies read the same
annotation.

>>> import attrs
>>> from typing import Annotated
>>> from emergencykit.model import Id
>>> from emergencykit.model._types import between
>>> @attrs.frozen(kw_only=True, field_transformer=validated)
... class Shelter:
...     id: Id
...     beds: Annotated[int, between(0, 5000)] | None = None
>>> attrs.fields(Shelter).beds.validator.__self__
optional(count(0, 5000))
>>> Shelter(id="s1", beds=-1)
Traceback (most recent call last):
...
emergencykit.errors.FieldValueError: 'beds' must be ≥ 0 (got -1)
"""

import datetime as dt
import enum
import inspect
import operator
import threading
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import attrs

from emergencykit.model import _converters as c
from emergencykit.model import _validators as v
from emergencykit.model._dates import PartialDate, to_partial_date
from emergencykit.model._other import METADATA_KEY as _OTHER_KEY
from emergencykit.model._other import OtherLabel, has_other
from emergencykit.model._types import Bounds, Shape, one_or_more

__all__ = [
    "SCALAR_CONVERTERS",
    "converter_for",
    "int_bounds",
    "shared_methods",
    "validated",
    "validator_for",
]

_SHAPES: dict[str, Callable[[], v.Validator]] = {
    "id": v.ident,
    "text": v.text,
    "id_list": v.id_list,
    "division_code": v.division_code,
}
_SCALARS: dict[Any, Callable[[], v.Validator]] = {
    bool: v.boolean,
    PartialDate: v.day,
    dt.timedelta: v.duration,
}


#: The converter of each scalar field type whose values users may also write
#: in another form, by annotation.  A new scalar type that accepts, say, text
#: in place of its own value is one entry here; :func:`converter_for` finds
#: it inside ``X | None`` and ``tuple[X, ...]`` like any other.  An entry
#: returns what it cannot convert unchanged and names the types it converts
#: in a ``sources`` attribute (``(str, datetime.date)``), which ``None`` must
#: not be in.
SCALAR_CONVERTERS: dict[Any, c.Converter] = {PartialDate: to_partial_date}


def validator_for(hint: Any) -> v.Validator:
    """The validator of a field annotated ``hint``.

    Raises
    ------
    TypeError
        When the annotation does not say what a valid value is: a bare
        ``str``, an ``int`` without both bounds, or a type the model does not
        use.

    Examples
    --------
    >>> from emergencykit.model import Id, Text
    >>> v.describe(validator_for(tuple[Id, ...])), v.describe(validator_for(Text | None))
    ('tuple_of(ident())', 'optional(text())')
    """
    origin = typing.get_origin(hint)
    if one_or_more(hint):
        return validator_for(hint.__origin__)
    if origin is Annotated:
        return _annotated(hint.__origin__, hint.__metadata__)
    if origin is types.UnionType or origin is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return v.optional(validator_for(args[0]))
    elif origin is tuple:
        args = list(typing.get_args(hint))
        if len(args) == 2 and args[1] is Ellipsis:
            return v.tuple_of(validator_for(args[0]))
    elif hint in _SCALARS:
        return _SCALARS[hint]()
    elif isinstance(hint, type) and issubclass(hint, enum.Enum):
        return v.member(hint)
    elif isinstance(hint, type) and attrs.has(hint):
        return v.instance(hint)
    raise TypeError(f"no validator for a field of type {hint!r}: annotate what it accepts")


def converter_for(hint: Any) -> c.Converter | None:
    """The converter of a field annotated ``hint``; ``None`` when it takes only its own type.

    A tuple field takes a list or any other ordered iterable; an enum field
    takes the member's value; a scalar type in :data:`SCALAR_CONVERTERS`
    takes what its entry converts; ``X | None`` and ``tuple[X, ...]`` apply
    the converter of ``X`` to their value or items.  Strings, ints, bools and
    model classes are taken as they are.

    Examples
    --------
    >>> from emergencykit import PlanKind
    >>> from emergencykit.model import Id
    >>> converter_for(tuple[Id, ...])(["a", "b"])
    ('a', 'b')
    >>> converter_for(PlanKind | None)("special")
    <PlanKind.SPECIAL: 'special'>
    >>> converter_for(Id | None) is None
    True
    >>> from emergencykit.model._types import ONE_OR_MORE
    >>> several = converter_for(Annotated[tuple[Id, ...], ONE_OR_MORE])
    >>> several("em"), several(["em", "geo4"]), several(None)
    (('em',), ('em', 'geo4'), ())
    """
    origin = typing.get_origin(hint)
    if one_or_more(hint):
        item = typing.get_args(hint.__origin__)[0]
        return c.one_or_more(c.tuple_of(converter_for(item)))
    if origin is Annotated:
        return converter_for(hint.__origin__)
    if origin is types.UnionType or origin is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = converter_for(args[0]) if len(args) == 1 else None
        return None if inner is None else c.optional(inner)
    if origin is tuple:
        return c.tuple_of(converter_for(typing.get_args(hint)[0]))
    if hint in SCALAR_CONVERTERS:
        return SCALAR_CONVERTERS[hint]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return c.member(hint)
    return None


def _typed(convert: c.Converter, hint: Any) -> c.Converter:
    """A copy of ``convert`` annotated ``hint -> hint``: attrs gives ``__init__`` its parameter's type.

    A copy, not a wrapper, so that each construction costs one call; the
    original may serve fields of other types.  The copy carries its
    signature, which attrs reads for every field it converts: stated once
    here rather than parsed from the function for each field.
    """
    if not isinstance(convert, types.FunctionType):
        return convert
    copy = types.FunctionType(
        convert.__code__,
        convert.__globals__,
        convert.__name__,
        convert.__defaults__,
        convert.__closure__,
    )
    copy.__qualname__ = convert.__qualname__
    copy.__doc__ = convert.__doc__
    copy.__dict__.update(convert.__dict__)  # a scalar converter's sources
    copy.__annotations__ = {"value": hint, "return": hint}
    parameter = inspect.Parameter("value", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=hint)
    copy.__signature__ = inspect.Signature([parameter], return_annotation=hint)  # type: ignore[attr-defined]
    return copy


# What each annotation implies, derived once: most annotations (``Id``,
# ``Text | None``, ``tuple[Id, ...]``, ``Label``) recur across the model's
# classes, and validators and converters keep no state of their own.
_VALIDATORS: dict[Any, v.Validator] = {}
_CONVERTERS: dict[tuple[Any, Any], c.Converter | None] = {}


def _validator(hint: Any) -> v.Validator:
    try:
        return _VALIDATORS[hint]
    except KeyError:
        made = _VALIDATORS[hint] = validator_for(hint)
        return made
    except TypeError:  # an unhashable annotation: derived each time
        return validator_for(hint)


def _converter(hint: Any, declared: Any) -> c.Converter | None:
    """The converter of a field annotated ``hint`` (written ``declared`` in the class)."""
    try:
        return _CONVERTERS[hint, declared]
    except KeyError:
        pass
    except TypeError:  # an unhashable annotation: derived each time
        convert = converter_for(hint)
        return None if convert is None else _typed(convert, declared)
    convert = converter_for(hint)
    made = _CONVERTERS[hint, declared] = None if convert is None else _typed(convert, declared)
    return made


def _annotated(base: Any, metadata: tuple[Any, ...]) -> v.Validator:
    shapes = [m for m in metadata if isinstance(m, Shape)]
    if base is str and len(shapes) == 1:
        return _SHAPES[shapes[0].name]()
    if base is int:
        low, high = int_bounds(metadata)
        if low is not None and high is not None:
            return v.count(low, high)
    raise TypeError(
        f"no validator for Annotated[{base!r}, {', '.join(map(repr, metadata))}]: "
        "a str is an Id or a Text, an int has both bounds (between(low, high))"
    )


def int_bounds(metadata: tuple[Any, ...]) -> tuple[int | None, int | None]:
    """(least, greatest) value that ``Annotated[int, *metadata]`` allows, ``None`` if unbounded.

    The model's own :class:`~emergencykit.model._types.Bounds` are read
    directly; annotated-types constraints (imported only to read them) as
    they come.

    >>> import annotated_types as at
    >>> from emergencykit.model._types import between
    >>> int_bounds((at.Interval(ge=1, le=100),)), int_bounds((between(0, 5),))
    ((1, 100), (0, 5))
    """
    low: int | None = None
    high: int | None = None
    if all(isinstance(m, Bounds | Shape) for m in metadata):
        for m in metadata:
            if isinstance(m, Bounds):
                low, high = m.minimum, m.maximum
        return low, high
    import annotated_types as at

    for constraint in _constraints(metadata):
        if isinstance(constraint, at.Ge):
            low = int(constraint.ge)  # type: ignore[call-overload]
        elif isinstance(constraint, at.Le):
            high = int(constraint.le)  # type: ignore[call-overload]
        else:
            raise TypeError(f"an int field takes Ge and Le bounds, not {constraint!r}")
    return low, high


def _constraints(metadata: tuple[Any, ...]) -> list[Any]:
    """The annotated-types constraints in ``metadata``, grouped ones unpacked."""
    import annotated_types as at

    out: list[Any] = []
    for item in metadata:
        if isinstance(item, at.GroupedMetadata):
            out.extend(_constraints(tuple(item)))
        elif isinstance(item, at.BaseMetadata):
            out.append(item)
    return out


def _check_other_labels(
    cls: type, fields: list["attrs.Attribute[Any]"], hints: dict[str, Any]
) -> None:
    """Refuse a class whose enum field with ``other`` lacks its free label, or the reverse.

    Each such field ``x`` has a sibling ``x_other`` declared with
    :func:`~emergencykit.model._other.other_label` ``("x")``: a vocabulary
    with ``other`` that cannot say what the other is loses the document's
    words.
    """
    declared = {f.name: f.metadata[_OTHER_KEY] for f in fields if _OTHER_KEY in f.metadata}
    for name, label in declared.items():
        if name != f"{label.of}_other" or label.of not in hints or not has_other(hints[label.of]):
            raise TypeError(
                f"{cls.__name__}.{name}: a free label is named <field>_other after an enum "
                f"field with an 'other' member ({label.of!r} is not one)"
            )
    for f in fields:
        if (
            _OTHER_KEY not in f.metadata
            and has_other(hints[f.name])
            and f"{f.name}_other" not in declared
        ):
            raise TypeError(
                f"{cls.__name__}.{f.name}: an enum field with an 'other' member needs a "
                f"free label beside it: {f.name}_other: Label | None = other_label({f.name!r})"
            )


def validated(cls: type, fields: list["attrs.Attribute[Any]"]) -> list["attrs.Attribute[Any]"]:
    """An attrs ``field_transformer``: give each field the validator and converter its annotation implies.

    Every model class is ``@attrs.frozen(kw_only=True, field_transformer=validated, repr=False,
    eq=False)`` under :func:`shared_methods`.
    A field that states a validator or a converter of its own keeps it
    (inherited fields already have theirs); checks that span several fields
    belong in ``__attrs_post_init__``.  The ``__init__`` signature keeps the
    field's annotation: a converter is a courtesy to callers, not another
    type.
    """
    if any(isinstance(f.type, str) for f in fields):
        hints = typing.get_type_hints(cls, include_extras=True)
    else:  # already evaluated, as get_type_hints would give them
        hints = {f.name: f.type for f in fields}
    _check_other_labels(cls, fields, hints)
    for f in fields:
        changes: dict[str, Any] = {}
        declared: OtherLabel | None = f.metadata.get(_OTHER_KEY)
        if declared is not None and not declared.many:
            many = typing.get_origin(hints[declared.of]) is tuple
            declared = OtherLabel(declared.of, many)
            changes["metadata"] = types.MappingProxyType({**f.metadata, _OTHER_KEY: declared})
        if f.validator is None:
            changes["validator"] = _validator(hints[f.name])
            if declared is not None:
                changes["validator"] = v.only_when_other(
                    declared.of, declared.many, changes["validator"]
                )
        if f.converter is None:
            convert = _converter(hints[f.name], f.type)
            if convert is not None:
                changes["converter"] = convert
        # In place: attrs hands the transformer fields made for this class
        # alone (inherited ones are copies too), and Attribute.evolve would
        # copy each once more.  Attributes are frozen to their users, not to
        # the class being built, as attrs itself sets them.
        for name, value in changes.items():
            _SET(f, name, value)
    return fields


_SET = object.__setattr__


T = TypeVar("T")

# The classes whose repr is being written, per thread: what attrs' own
# repr keeps, so that an object that holds itself reads "...", not a loop.
_REPRING = threading.local()


def shared_methods(cls: type[T]) -> type[T]:
    """Give a class made by ``attrs.frozen(…, repr=False, eq=False)`` attrs' ``__repr__``, ``__eq__`` and ``__hash__``.

    Every model class is
    ``@shared_methods @attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)``.
    attrs writes these three methods as source for each class and compiles
    it, which is a third of the time the model takes to import; here they
    are three functions of the class's field names, with the same results:
    ``Plan(id='p', …)`` with every field by name, equality of objects of the
    same class field by field (``NotImplemented`` for another class), and a
    hash of the fields' values, consistent with it.

    >>> import attrs
    >>> @shared_methods
    ... @attrs.frozen(kw_only=True, repr=False, eq=False)
    ... class Point:
    ...     x: int
    ...     y: int = 0
    >>> Point(x=1), Point(x=1) == Point(x=1, y=0), Point(x=1) != Point(x=2)
    (Point(x=1, y=0), True, True)
    >>> hash(Point(x=1)) == hash(Point(x=1, y=0))
    True
    """
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    if any(f.repr is not True or f.eq is not True or f.eq_key is not None for f in fields):
        raise TypeError(f"{cls.__name__}: a model field is shown and compared as it is")
    names = tuple(f.name for f in fields)
    key: Callable[[Any], Any]
    if len(names) > 1:
        key = operator.attrgetter(*names)
    elif names:
        key = operator.attrgetter(names[0])
    else:
        key = _nothing
    salt = hash(f"{cls.__module__}.{cls.__qualname__}")

    def __repr__(self: Any) -> str:
        repring: set[int] | None = getattr(_REPRING, "ids", None)
        if repring is None:
            repring = _REPRING.ids = set()
        if id(self) in repring:
            return "..."
        repring.add(id(self))
        try:
            shown = ", ".join([f"{name}={getattr(self, name)!r}" for name in names])
            return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({shown})"
        finally:
            repring.discard(id(self))

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return key(self) == key(other)

    def __hash__(self: Any) -> int:
        return hash((salt, key(self)))

    for method in (__repr__, __eq__, __hash__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)
    return cls


def _nothing(_: Any) -> tuple[()]:
    return ()
