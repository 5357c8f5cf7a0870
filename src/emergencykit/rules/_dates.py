"""Three-valued date reasoning for rules: spans of days and comparisons that may not tell.

A document's date may be known only to the month or the year
(:class:`~emergencykit.model.PartialDate`).  A rule reasons about the
*span* of days such a date may be, from its earliest to its latest day;
a deadline computed from it (three months after a reply, five years
after a revision) is a span too.  Comparing two spans answers ``True``,
``False``, or ``None`` when the answer depends on what the document leaves
out: the rule then asks a question rather than guessing.
"""

import datetime as dt
from collections.abc import Callable, Iterable

from emergencykit.model import PartialDate

__all__ = ["Span", "exact", "last", "later", "latest_of", "shift", "span", "when"]

#: The first and the last day a date may be.
Span = tuple[dt.date, dt.date]


def span(date: PartialDate | dt.date) -> Span:
    """The days ``date`` may be.

    >>> span(PartialDate(2021, 11))
    (datetime.date(2021, 11, 1), datetime.date(2021, 11, 30))
    >>> span(dt.date(2022, 5, 11))
    (datetime.date(2022, 5, 11), datetime.date(2022, 5, 11))
    """
    if isinstance(date, PartialDate):
        return date.earliest(), date.latest()
    return date, date


def last(dates: Iterable[PartialDate]) -> Span | None:
    """The days the latest of ``dates`` may be; ``None`` when there are none.

    The latest of several dates lies between the greatest earliest day and
    the greatest latest day.

    >>> last([PartialDate(2021, 11, 20), PartialDate(2021, 11)])
    (datetime.date(2021, 11, 20), datetime.date(2021, 11, 30))
    """
    spans = [span(d) for d in dates]
    if not spans:
        return None
    return max(s[0] for s in spans), max(s[1] for s in spans)


def latest_of(dates: Iterable[PartialDate]) -> PartialDate:
    """The one of ``dates`` that may be latest, as a message names it.

    >>> latest_of([PartialDate(2021, 11, 20), PartialDate(2021, 11)])
    PartialDate(2021, 11)
    """
    return max(dates, key=lambda d: (d.latest(), d.sort_key()))


def shift(days: Span, by: Callable[[dt.date, int], dt.date], n: int) -> Span:
    """``days`` moved by ``by(day, n)``, a monotone step (add months, years, working days).

    >>> from emergencykit.rules._config import add_months
    >>> shift(span(PartialDate(2021, 11)), add_months, 3)
    (datetime.date(2022, 2, 1), datetime.date(2022, 2, 28))
    """
    return by(days[0], n), by(days[1], n)


def later(a: Span, b: Span) -> bool | None:
    """Whether the day in ``a`` is after the day in ``b``; ``None`` when it cannot tell.

    >>> nov = span(PartialDate(2021, 11))
    >>> later(span(dt.date(2021, 12, 1)), nov), later(nov, span(dt.date(2021, 12, 1)))
    (True, False)
    >>> later(nov, span(dt.date(2021, 11, 15))) is None
    True
    """
    if a[0] > b[1]:
        return True
    if a[1] <= b[0]:
        return False
    return None


def exact(days: Span) -> bool:
    """Whether ``days`` is a single day."""
    return days[0] == days[1]


def when(days: Span) -> str:
    """``days`` as a message writes it: one day, or ``first–last``.

    >>> when(span(PartialDate(2022))), when(span(dt.date(2022, 5, 11)))
    ('2022-01-01–2022-12-31', '2022-05-11')
    """
    return str(days[0]) if exact(days) else f"{days[0]}–{days[1]}"
