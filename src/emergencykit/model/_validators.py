"""Small attrs validators whose messages name the field and the bad value.

Each factory returns a callable ``(instance, attribute, value) -> None`` that
raises :class:`~emergencykit.errors.FieldValueError`, worded as attrs words
its own: ``'headcount' must be ≥ 0 (got -3)``.
"""

import datetime as _dt
import enum
import re
from collections.abc import Callable
from typing import Any

import attrs

from emergencykit.errors import FieldValueError

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

#: The largest count or headcount accepted; larger numbers are typos.
MAX_COUNT = 1_000_000_000

_ID = re.compile(r"[^\s,<>&\"']+")


def _fail(attribute: "attrs.Attribute[Any]", problem: str, value: Any) -> None:
    raise FieldValueError(attribute.name, problem, value)


def text() -> Validator:
    """A non-empty string with no leading or trailing whitespace."""

    def check(_: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not str:
            _fail(attribute, f"must be a string, not {type(value).__name__}", value)
        if not value or value.strip() != value:
            _fail(
                attribute,
                "must be a non-empty string without surrounding whitespace",
                value,
            )

    return check


def ident() -> Validator:
    """An object id: non-empty, no whitespace, no ``, < > & " '``."""

    def check(_: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not str:
            _fail(attribute, f"must be a string id, not {type(value).__name__}", value)
        if not _ID.fullmatch(value):
            _fail(
                attribute,
                "must be a non-empty id without whitespace or any of , < > & \" '",
                value,
            )

    return check


def boolean() -> Validator:
    def check(_: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not bool:
            _fail(attribute, f"must be true or false, not {type(value).__name__}", value)

    return check


def count(minimum: int = 0, maximum: int = MAX_COUNT) -> Validator:
    """An int in ``[minimum, maximum]`` (bools are refused)."""

    def check(_: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not int:
            _fail(attribute, f"must be an integer, not {type(value).__name__}", value)
        if value < minimum:
            _fail(attribute, f"must be ≥ {minimum}", value)
        if value > maximum:
            _fail(attribute, f"must be ≤ {maximum}", value)

    return check


def member(enum_type: type[enum.Enum]) -> Validator:
    """A member of ``enum_type``."""
    names = ", ".join(str(m.value) for m in enum_type)

    def check(_: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not enum_type:
            _fail(attribute, f"must be a {enum_type.__name__} (one of: {names})", value)

    return check


def day() -> Validator:
    """A :class:`datetime.date` that is not a :class:`datetime.datetime`."""

    def check(_: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not _dt.date:
            _fail(attribute, "must be a date (YYYY-MM-DD)", value)

    return check


def duration() -> Validator:
    """A non-negative :class:`datetime.timedelta`."""

    def check(_: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not _dt.timedelta:
            _fail(attribute, "must be a duration (ISO 8601, such as PT5H)", value)
        if value < _dt.timedelta(0):
            _fail(attribute, "must not be negative", value)

    return check


def instance(cls: type) -> Validator:
    """An instance of the attrs class ``cls``."""

    def check(_: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if not isinstance(value, cls):
            _fail(attribute, f"must be a {cls.__name__}", value)

    return check


def optional(inner: Validator) -> Validator:
    """``None`` or a value that passes ``inner``."""

    def check(obj: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if value is not None:
            inner(obj, attribute, value)

    return check


def tuple_of(inner: Validator) -> Validator:
    """A tuple whose every item passes ``inner``; the field is named with its index."""

    def check(obj: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is not tuple:
            _fail(attribute, f"must be a tuple, not {type(value).__name__}", value)
        for index, item in enumerate(value):
            try:
                inner(obj, attribute, item)
            except FieldValueError as exc:
                raise FieldValueError(
                    f"{attribute.name}[{index}]", exc.problem, exc.value
                ) from None

    return check


def ids() -> Validator:
    """A tuple of object ids."""
    return tuple_of(ident())
