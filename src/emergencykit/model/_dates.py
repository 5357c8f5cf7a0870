"""Partial dates: a year, a month or a day, possibly approximate.

Documents often date a fact only to the month (``2021-11``) or the year
(``2022``, as in 年内), or say "about" (约, 左右).  :class:`PartialDate`
says exactly that much, in the text form of ISO 8601-2 (EDTF level 1):
``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, with a trailing ``~`` when the
source gives the date as approximate.  Every date of the model is one.

A partial date stands for an interval of days, from :meth:`~PartialDate.earliest`
to :meth:`~PartialDate.latest`; comparisons are three-valued, and answer
``None`` ("cannot tell") when the answer depends on the part the source
leaves out.
"""

import datetime as dt
import functools
import re
from typing import Any, Literal

import attrs

from emergencykit.errors import FieldValueError

__all__ = ["PartialDate"]

#: The precision of a partial date: the smallest unit it states.
Precision = Literal["year", "month", "day"]

#: The text forms of a partial date, as error messages name them.
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"

_TEXT = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?(~)?")
_PROBLEM = f"must be a date {DATE_FORMS}"


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """How many days ``month`` (1–12) of ``year`` has, in the Gregorian calendar.

    >>> days_in_month(2024, 2), days_in_month(1900, 2), days_in_month(2022, 11)
    (29, 28, 30)
    """
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


def _check(year: Any, month: Any, day: Any, approximate: Any) -> None:
    if type(year) is not int or not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise FieldValueError("year", f"must be an integer in {dt.MINYEAR}–{dt.MAXYEAR}", year)
    if month is not None and (type(month) is not int or not 1 <= month <= 12):
        raise FieldValueError("month", "must be an integer in 1–12", month)
    if day is not None:
        if month is None:
            raise FieldValueError("day", "needs a month", day)
        last = days_in_month(year, month)
        if type(day) is not int or not 1 <= day <= last:
            raise FieldValueError("day", f"must be an integer in 1–{last}", day)
    if type(approximate) is not bool:
        raise FieldValueError("approximate", "must be true or false", approximate)


_MONTHS = {None: ""} | {n: f"-{n:02d}" for n in range(1, 13)}
_DAYS = {n: f"-{n:02d}" for n in range(1, 32)}


@attrs.frozen(repr=False)
class PartialDate:
    """A date known to the year, the month or the day; possibly approximate.

    ``2021`` is some day in 2021, ``2021-11`` some day in November 2021,
    ``2021-11-15~`` about 15 November 2021.  Its text form follows
    ISO 8601-2 (EDTF level 1), and so do documents.  An approximate date
    may lie one unit of its precision either side of what it states
    (a day, a month or a year, as EDTF implementations read ``~``):
    ``2021-11~`` is some day from October to December 2021.

    Comparisons are three-valued: :meth:`before` and :meth:`after` answer
    ``True`` or ``False`` when every day the dates may be gives the same
    answer, and ``None`` when the answer depends on what the source leaves
    out.  ``<`` is not defined, since it would have to guess; sort with
    :meth:`sort_key`.

    Attributes
    ----------
    year
        1 to 9999.
    month
        1 to 12, or ``None`` when only the year is known.
    day
        A day of that month, or ``None`` when only the month is known.
    approximate
        The source gives the date as approximate (约, 左右, "about").

    Raises
    ------
    FieldValueError
        When a part is out of range (month 13, 30 February), or a day is
        given without a month.

    Examples
    --------
    >>> import datetime as dt
    >>> from emergencykit import PartialDate
    >>> nov = PartialDate.parse("2021-11")
    >>> nov, str(nov), nov.precision
    (PartialDate(2021, 11), '2021-11', 'month')
    >>> nov.earliest(), nov.latest()
    (datetime.date(2021, 11, 1), datetime.date(2021, 11, 30))
    >>> nov.before(dt.date(2021, 12, 1)), nov.before(PartialDate(2021, 11, 15))
    (True, None)
    >>> str(PartialDate(2021, 11, approximate=True)), PartialDate.parse("2021~").latest()
    ('2021-11~', datetime.date(2022, 12, 31))
    >>> PartialDate.parse("2021-02-30")
    Traceback (most recent call last):
    ...
    emergencykit.errors.FieldValueError: 'date' must be a date YYYY, YYYY-MM or YYYY-MM-DD (got '2021-02-30')
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _check(self.year, self.month, self.day, self.approximate)

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """The partial date written ``text``: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, then ``~`` if approximate.

        Raises
        ------
        FieldValueError
            When ``text`` is not one of these forms or names no real date
            (``2021-13``, ``2021-02-30``, ``0000``).

        Examples
        --------
        >>> PartialDate.parse("2022-05-11"), PartialDate.parse("2022~")
        (PartialDate(2022, 5, 11), PartialDate(2022, approximate=True))
        """
        if type(text) is not str:
            raise FieldValueError("date", _PROBLEM, text)
        return _parse(text)

    @classmethod
    def from_date(cls, day: dt.date) -> "PartialDate":
        """The exact partial date of ``day`` (a :class:`datetime.date`, not a datetime).

        >>> import datetime as dt
        >>> str(PartialDate.from_date(dt.date(2022, 5, 11)))
        '2022-05-11'
        """
        if type(day) is not dt.date:
            raise FieldValueError("date", "must be a datetime.date (not a datetime)", day)
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Precision:
        """``"year"``, ``"month"`` or ``"day"``: the smallest unit stated."""
        if self.day is not None:
            return "day"
        return "year" if self.month is None else "month"

    def earliest(self) -> dt.date:
        """The first day this date may be (one unit earlier when approximate).

        >>> PartialDate.parse("2021-11~").earliest()
        datetime.date(2021, 10, 1)
        """
        year, month, day = self.year, self.month, self.day
        if self.approximate:
            if day is not None:
                return _shift_day(dt.date(year, month or 1, day), -1)
            if month is not None:
                year, month = (year, month - 1) if month > 1 else (year - 1, 12)
            else:
                year -= 1
            if year < dt.MINYEAR:
                return dt.date.min
        return dt.date(year, month or 1, day or 1)

    def latest(self) -> dt.date:
        """The last day this date may be (one unit later when approximate).

        >>> PartialDate.parse("2024-02").latest(), PartialDate.parse("2021-12~").latest()
        (datetime.date(2024, 2, 29), datetime.date(2022, 1, 31))
        """
        year, month, day = self.year, self.month, self.day
        if day is not None:
            exact = dt.date(year, month or 1, day)
            return _shift_day(exact, 1) if self.approximate else exact
        if self.approximate:
            if month is not None:
                year, month = (year, month + 1) if month < 12 else (year + 1, 1)
            else:
                year += 1
            if year > dt.MAXYEAR:
                return dt.date.max
        month = 12 if month is None else month
        return dt.date(year, month, days_in_month(year, month))

    def before(self, other: "PartialDate | dt.date") -> bool | None:
        """Whether this date is before ``other``: ``None`` when it cannot tell.

        ``True`` when every day this date may be is before every day
        ``other`` may be; ``False`` when none is; ``None`` otherwise.

        Raises
        ------
        FieldValueError
            When ``other`` is neither a partial date nor a :class:`datetime.date`.

        Examples
        --------
        >>> import datetime as dt
        >>> nov = PartialDate(2021, 11)
        >>> nov.before(dt.date(2021, 12, 1)), nov.before(dt.date(2021, 11, 1)), nov.before(nov)
        (True, False, None)
        """
        that = _coerce(other)
        if (
            self.day is not None
            and that.day is not None
            and not self.approximate
            and not that.approximate
        ):
            # Two exact days, as most dates are: each is one day, so the
            # intervals below are single days, compared without building them.
            return (self.year, self.month, self.day) < (that.year, that.month, that.day)
        if self.latest() < that.earliest():
            return True
        if self.earliest() >= that.latest():
            return False
        return None

    def after(self, other: "PartialDate | dt.date") -> bool | None:
        """Whether this date is after ``other``: ``None`` when it cannot tell.

        >>> import datetime as dt
        >>> PartialDate(2022).after(dt.date(2021, 12, 31)), PartialDate(2022).after(dt.date(2022, 6, 1))
        (True, None)
        """
        return _coerce(other).before(self)

    def sort_key(self) -> tuple[int, int, int, bool]:
        """A total order for sorting, not a claim about time: year, month, day, approximate.

        A date without a month sorts before the months of its year, a month
        before its days.

        Examples
        --------
        >>> dates = [PartialDate.parse(t) for t in ("2021-11-15", "2021", "2021-11", "2020-12~")]
        >>> [str(d) for d in sorted(dates, key=PartialDate.sort_key)]
        ['2020-12~', '2021', '2021-11', '2021-11-15']
        """
        return (self.year, self.month or 0, self.day or 0, self.approximate)

    def __str__(self) -> str:
        # Table lookups instead of format specs: documents write many dates.
        year = self.year
        text = (str(year) if year >= 1000 else f"{year:04d}") + _MONTHS[self.month]
        if self.day is not None:
            text += _DAYS[self.day]
        return text + "~" if self.approximate else text

    def __repr__(self) -> str:
        parts = [str(p) for p in (self.year, self.month, self.day) if p is not None]
        if self.approximate:
            parts.append("approximate=True")
        return f"PartialDate({', '.join(parts)})"


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> PartialDate:
    # Documents repeat their dates; the objects are immutable, so one is shared.
    match = _TEXT.fullmatch(text)
    if match is not None:
        year, month, day, approx = match.groups()
        try:
            return PartialDate(
                int(year),
                None if month is None else int(month),
                None if day is None else int(day),
                approximate=approx is not None,
            )
        except FieldValueError:
            pass
    raise FieldValueError("date", _PROBLEM, text)


def _shift_day(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.min if days < 0 else dt.date.max


def _coerce(value: Any) -> PartialDate:
    if type(value) is PartialDate:
        return value
    if type(value) is dt.date:
        return PartialDate(value.year, value.month, value.day)
    raise FieldValueError("date", "must be a PartialDate or a datetime.date", value)


def to_partial_date(value: Any) -> Any:
    """The converter of every date field: a :class:`datetime.date` or a text becomes a :class:`PartialDate`.

    Anything else is returned as it is, for the field's validator to refuse
    with the field's name.

    >>> import datetime as dt
    >>> to_partial_date("2021-11"), to_partial_date(dt.date(2022, 5, 11)), to_partial_date(None)
    (PartialDate(2021, 11), PartialDate(2022, 5, 11), None)
    >>> to_partial_date("2021-13")
    '2021-13'
    """
    if type(value) is str:
        try:
            return _parse(value)
        except FieldValueError:
            return value
    if type(value) is dt.date:
        return PartialDate(value.year, value.month, value.day)
    return value


# The types it converts: a tuple of dates holding none of them is not rebuilt,
# and None passes without a wrapper (see emergencykit.model._converters).
to_partial_date.sources = (str, dt.date)  # type: ignore[attr-defined]
