"""Turn a cattrs error tree into one :class:`~emergencykit.errors.Problem` per line.

A path grows with each :class:`~cattrs.errors.AttributeValidationNote`
(``.name``) and :class:`~cattrs.errors.IterableValidationNote` (``[3]``).
The model's validators raise :class:`~emergencykit.errors.FieldValueError`
from inside ``__init__``, where cattrs cannot attach a note; their ``field``
(``headcount``, ``revisions[0].date``) extends the path instead, and their own
words become the message.
"""

import datetime as dt
import difflib
import reprlib
from collections.abc import Iterator
from typing import Any

import attrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from emergencykit.errors import FieldValueError, Problem
from emergencykit.io._convert import (
    SCHEMA,
    BadValue,
    MissingField,
    SchemaError,
    UnknownKey,
    duration_text,
)

__all__ = ["problems", "show"]


class _Repr(reprlib.Repr):
    """Dates and durations as a document writes them, not as Python constructs them."""

    def repr_date(self, x: dt.date, level: int) -> str:
        return repr(x.isoformat())

    def repr_datetime(self, x: dt.datetime, level: int) -> str:
        return repr(x.isoformat())

    def repr_timedelta(self, x: dt.timedelta, level: int) -> str:
        return repr(duration_text(x)) if x >= dt.timedelta(0) else repr(x)


_REPR = _Repr()
_REPR.maxlevel = 2
_REPR.maxstring = 60
_REPR.maxother = 60
_REPR.maxlong = 40
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 3


def show(value: Any) -> str:
    """A short, bounded ``repr``: long strings, deep or long containers are elided."""
    try:
        return _REPR.repr(value)
    except ValueError:
        # ints beyond sys.get_int_max_str_digits() cannot be printed at all
        return f"an integer of about {int(value.bit_length() * 0.30103)} digits"


def _step(exc: BaseException) -> str:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return f".{note.name}"
        if isinstance(note, IterableValidationNote):
            return f"[{note.index}]"
    return ""


def _suggest(key: Any, cl: type) -> str:
    if type(key) is not str:
        return ""
    names = [a.name for a in attrs.fields(cl)]
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.7)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _walk(exc: BaseException, path: str) -> Iterator[tuple[str, str]]:
    path += _step(exc)
    if isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            yield from _walk(sub, path)
    elif isinstance(exc, FieldValueError):
        yield f"{path}.{exc.field}", f"{exc.problem} (got {show(exc.value)})"
    elif isinstance(exc, BadValue):
        yield path, f"{exc.problem} (got {show(exc.value)})"
    elif isinstance(exc, MissingField):
        yield path, "required field missing"
    elif isinstance(exc, UnknownKey):
        yield path, f"unknown key {show(exc.key)}{_suggest(exc.key, exc.cl)}"
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields, key=str):
            yield path, f"unknown key {show(key)}"
    elif isinstance(exc, SchemaError):
        if exc.missing:
            yield path, f"required field missing (expected {SCHEMA!r})"
        else:
            yield path, f"unsupported schema {show(exc.value)} (expected {SCHEMA!r})"
    else:
        yield path, f"{type(exc).__name__}: {exc}"


def problems(exc: BaseException, file: str, path: str = "$") -> list[Problem]:
    """The problems in ``exc``'s tree, in the order the checking hooks found them."""
    return [Problem(file, where, message) for where, message in _walk(exc, path)]
