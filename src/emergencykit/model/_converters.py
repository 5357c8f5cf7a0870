"""Small attrs converters: what a constructor accepts in place of the field's own type.

A list (or any other ordered iterable) becomes a tuple and an enum's value
becomes its member, so that ``Plan(kind="special", members=["a", "b"])``
builds the same plan as ``Plan(kind=PlanKind.SPECIAL, members=("a", "b"))``.
Model classes do not name them: each field's converter is derived from its
annotation (:func:`~emergencykit.model._classes.converter_for`), as its
validator is.

A converter never raises: what it cannot convert it hands on unchanged, and
the field's validator refuses it with the one message that says what the
field takes.  Converters run on every construction, loads included, where
the loader has built tuples and members already: each first checks whether
there is anything to convert (``type(value) is tuple``), and a scalar
converter names the types it converts (its ``sources``) so that a tuple of
members is looked over, not rebuilt, and ``None`` needs no wrapper.

>>> from emergencykit import PlanKind
>>> as_kind = member(PlanKind)
>>> as_kind("special"), as_kind("spesial")
(<PlanKind.SPECIAL: 'special'>, 'spesial')
>>> tuple_of(None)(["a", "b"]), tuple_of(None)("ab")
(('a', 'b'), 'ab')
"""

import enum
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["Converter", "member", "one_or_more", "optional", "tuple_of"]

Converter = Callable[[Any], Any]

#: Iterables that are not sequences of items: a string or bytes is one value,
#: a mapping's items are its keys only by accident, and a set has no order,
#: so a tuple made from it would differ from run to run.
_NOT_SEQUENCES = (str, bytes, bytearray, memoryview, Mapping, set, frozenset)


def _as_tuple(value: Any) -> Any:
    """``value``'s items as a tuple, or ``value`` itself when it is not a sequence of items."""
    if isinstance(value, _NOT_SEQUENCES):
        return value
    try:
        items = iter(value)
    except TypeError:
        return value
    return tuple(items)


def tuple_of(inner: Converter | None) -> Converter:
    """A converter to a tuple of items, each converted by ``inner`` (when there is one).

    A list, a generator or any other iterable becomes a tuple; a string,
    bytes, a mapping and a set do not (see :data:`_NOT_SEQUENCES`).

    >>> tuple_of(member(__import__("emergencykit").Cadence))(["daily"])
    (<Cadence.DAILY: 'daily'>,)
    """
    if inner is None:

        def convert_tuple(value: Any) -> Any:
            if type(value) is tuple:
                return value
            return _as_tuple(value)

        return convert_tuple

    each = inner
    sources: tuple[type, ...] | None = getattr(inner, "sources", None)

    def convert_items(value: Any) -> Any:
        if type(value) is not tuple:
            value = _as_tuple(value)
            if type(value) is not tuple:
                return value
        elif sources is not None:
            for item in value:
                if type(item) in sources:
                    break
            else:
                return value
        return tuple([each(item) for item in value])

    return convert_items


def member(enum_type: type[enum.Enum]) -> Converter:
    """A converter from an enum's value (a ``str``) to its member.

    Only a plain string is looked up: a member of another enum that happens
    to share the value is left for the validator to refuse.
    """
    members = enum_type._value2member_map_

    def convert_member(value: Any) -> Any:
        if type(value) is str:
            return members.get(value, value)
        return value

    convert_member.sources = (str,)  # type: ignore[attr-defined]
    return convert_member


def one_or_more(items: Converter) -> Converter:
    """A tuple converter (``items``) that also takes one item alone, and ``None`` for none.

    For the fields marked :data:`~emergencykit.model._types.ONE_OR_MORE`:
    what ``items`` leaves as it is (a string, a model object, a mapping) is
    one item.

    >>> one_or_more(tuple_of(None))("em"), one_or_more(tuple_of(None))(None)
    (('em',), ())
    """

    def convert_one_or_more(value: Any) -> Any:
        if value is None:
            return ()
        converted = items(value)
        if type(converted) is tuple:
            return converted
        return items((value,))

    return convert_one_or_more


def optional(inner: Converter) -> Converter:
    """A converter that passes ``None`` through and converts anything else with ``inner``.

    A scalar converter, which converts only its ``sources``, already passes
    ``None`` through, and is returned as it is.
    """
    if getattr(inner, "sources", None) is not None:
        return inner

    def convert_optional(value: Any) -> Any:
        if value is None:
            return None
        return inner(value)

    return convert_optional
