"""The strict hooks of the scalar types, and the values a hook refuses: without cattrs.

Each hook ``(obj, type) -> value`` returns the type it is asked for or
raises :class:`BadValue`: a string is never made from a number, an integer
never from a bool, float or string; enums come from their value, dates
from their text (or a :class:`datetime.date`), durations from ISO 8601.
The cattrs converter (:mod:`emergencykit.io._convert`) registers them, and
the builder that needs no cattrs (:mod:`emergencykit.io._plain`) calls
them: both read every scalar alike.
"""

import datetime as dt
import enum
import re
from collections.abc import Callable
from typing import Any

from emergencykit.errors import FieldValueError
from emergencykit.model import PartialDate
from emergencykit.model._dates import DATE_FORMS
from emergencykit.model._validators import enum_problem

__all__ = [
    "MAX_DIGITS",
    "SCHEMA",
    "BadValue",
    "HugeInt",
    "MissingField",
    "SchemaError",
]

#: The value of the ``schema`` key of every document this version reads and writes.
SCHEMA = "emergencykit/1"

#: Integers with more digits than this are never parsed into ``int``: no field
#: needs them, and Python refuses to convert very long digit strings anyway.
MAX_DIGITS = 100

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


_DATE_PROBLEM = f"must be a date {DATE_FORMS}"


# The dates last read, by their text: a document names the same days again
# and again, and a PartialDate is immutable, so one object serves them all.
_DATES: dict[str, PartialDate] = {}
_DATES_KEPT = 4096


def _structure_date(obj: Any, _: Any) -> PartialDate:
    if type(obj) is str:
        date = _DATES.get(obj)
        if date is not None:
            return date
        try:
            date = PartialDate.parse(obj)
        except FieldValueError:
            pass
        else:
            if len(_DATES) >= _DATES_KEPT:
                _DATES.clear()
            _DATES[obj] = date
            return date
    elif type(obj) is dt.date:
        # TOML's and YAML's own dates
        return PartialDate.from_date(obj)
    elif type(obj) is int:
        raise BadValue(f"{_DATE_PROBLEM}, written as a string", obj)
    raise BadValue(_DATE_PROBLEM, obj)


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


def _structure_enum(obj: Any, cl: type[enum.Enum]) -> Any:
    # The value-to-member map is what Enum.__call__ consults first; going to
    # it directly skips the metaclass call on every field.
    try:
        return cl._value2member_map_[obj]
    except (KeyError, TypeError):
        raise BadValue(enum_problem(cl), obj) from None


def one_or_more_hook(
    many: Callable[[Any, Any], Any], many_type: Any, item: Callable[[Any, Any], Any], item_type: Any
) -> Callable[[Any, Any], tuple[Any, ...]]:
    """The hook of a tuple field marked ``ONE_OR_MORE``: a list, one item alone, or null for none.

    ``many`` structures a list as ``many_type``, ``item`` one item alone as
    ``item_type``; both loaders (with and without cattrs) make theirs so.

    >>> hook = one_or_more_hook(lambda v, t: tuple(v), tuple[str, ...], lambda v, t: v, str)
    >>> hook(["a", "b"], None), hook("a", None), hook(None, None)
    (('a', 'b'), ('a',), ())
    """

    def structure(obj: Any, _: Any) -> tuple[Any, ...]:
        if type(obj) is list or type(obj) is tuple:
            return many(obj, many_type)  # type: ignore[no-any-return]
        if obj is None:
            return ()
        return (item(obj, item_type),)

    return structure
