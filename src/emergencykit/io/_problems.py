"""The words of each problem, and the problems of a cattrs error tree.

:func:`format_exception` says what is wrong with one bad value;
:func:`cattrs.transform_error` with it makes one line per problem,
``<message> @ <path>``, and :func:`problems` is that call.  The model's
checks keep their own words (``must be ≥ 0``), and the value is shown short.
"""

import datetime as dt
import reprlib
from typing import Any

import attrs
import cattrs
from cattrs.errors import BaseValidationError, ForbiddenExtraKeysError

from emergencykit.errors import FieldValueError, Problem
from emergencykit.io._convert import (
    SCHEMA,
    BadValue,
    MissingField,
    SchemaError,
    TooManyProblems,
    duration_text,
)
from emergencykit.model import PartialDate
from emergencykit.model._system import EmergencySystem

__all__ = ["format_exception", "problems", "show"]


class _Repr(reprlib.Repr):
    """Dates and durations as a document writes them, not as Python constructs them."""

    def repr_date(self, x: dt.date, level: int) -> str:
        return repr(x.isoformat())

    def repr_datetime(self, x: dt.datetime, level: int) -> str:
        return repr(x.isoformat())

    def repr_PartialDate(self, x: PartialDate, level: int) -> str:
        return repr(str(x))

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


def _keys(cl: Any) -> list[str]:
    """The keys a document may give an object of ``cl``, sorted (none for a plain mapping)."""
    if not attrs.has(cl):
        return []
    names = [a.name for a in attrs.fields(cl)]
    # The root's ``schema`` key is read before its fields are.
    return sorted([*names, "schema"] if cl is EmergencySystem else names)


def _unknown(keys: list[Any], cl: Any) -> str:
    """``unknown key 'leed' (did you mean 'lead'?; valid keys: ...)``, on one line."""
    valid = _keys(cl)
    notes = []
    if len(keys) == 1 and type(keys[0]) is str:
        import difflib  # here: only a bad document needs it

        close = difflib.get_close_matches(keys[0], valid, n=1, cutoff=0.7)
        if close:
            notes.append(f"did you mean {close[0]!r}?")
    if valid:
        notes.append(f"valid keys: {', '.join(valid)}")
    noun = "unknown key" if len(keys) == 1 else "unknown keys"
    text = f"{noun} {', '.join(show(k) for k in keys)}"
    return f"{text} ({'; '.join(notes)})" if notes else text


def format_exception(exc: BaseException, cl: Any) -> str:
    """What is wrong, in the words :func:`emergencykit.io.loads` uses, for one failure.

    A ``format_exception`` for :func:`cattrs.transform_error`: with it, the
    errors of a converter from :func:`emergencykit.io.make_converter` become
    the lines that loading reports, each as ``<message> @ <path>``.  cattrs'
    own formatter would say ``invalid value`` and hide the model's words.

    Parameters
    ----------
    exc
        One failure of cattrs' error tree (not a group).
    cl
        The type that was being structured, as cattrs' notes give it; unused,
        since every failure says what it expected.

    Returns
    -------
    str
        The message: the problem and the value it was given, shortened
        (``must be ≥ 0 (got -3)``); ``unknown key 'leed' (did you mean
        'lead'?; valid keys: ...)``, with every key the object may have;
        ``required field missing``; for a failure the converter
        does not raise itself, its type and text.

    See Also
    --------
    make_converter : the converter whose errors this formats.

    Examples
    --------
    >>> import cattrs
    >>> import emergencykit as ek
    >>> from emergencykit.io import format_exception, make_converter
    >>> try:
    ...     make_converter().structure({"value": 3, "unit": "teams", "aprox": "about"}, ek.Count)
    ... except cattrs.ClassValidationError as exc:
    ...     lines = cattrs.transform_error(exc, format_exception=format_exception)
    >>> lines
    ["unknown key 'aprox' (did you mean 'approx'?; valid keys: approx, text, unit, value) @ $"]
    """
    if isinstance(exc, FieldValueError | BadValue):
        return f"{exc.problem} (got {show(exc.value)})"
    if isinstance(exc, MissingField):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return _unknown(sorted(exc.extra_fields, key=str), exc.cl)
    if isinstance(exc, SchemaError):
        if exc.missing:
            return f"required field missing (expected {SCHEMA!r})"
        return f"unsupported schema {show(exc.value)} (expected {SCHEMA!r})"
    if isinstance(exc, TooManyProblems):
        return f"stopped after {exc.limit} problems; the rest was not checked"
    return f"{type(exc).__name__}: {exc}"


def _stopped(exc: BaseException) -> bool:
    if isinstance(exc, BaseValidationError):
        return any(_stopped(e) for e in exc.exceptions)
    return isinstance(exc, TooManyProblems)


def problems(exc: BaseException, file: str, limit: int) -> tuple[list[Problem], int | None]:
    """The first ``limit`` problems of ``exc``'s tree, and how many more there are.

    The count of the others is ``None`` when some list or mapping stopped
    collecting (see :data:`~emergencykit.io._convert.MAX_COLLECTED`).
    """
    lines = cattrs.transform_error(exc, "$", format_exception)
    shown = []
    for line in lines[:limit]:
        # A path never holds " @ "; a message may, inside the value it shows.
        message, _, path = line.rpartition(" @ ")
        shown.append(Problem(file, path, message))
    return shown, None if _stopped(exc) else len(lines) - len(shown)
