"""Validation configuration: the date to check against, rule selection, packs, parameters."""

import bisect
import datetime as dt
import re
from typing import Any, TypeVar

import attrs

from emergencykit.errors import PackError
from emergencykit.model._dates import days_in_month
from emergencykit.rules._pack import Pack, get_pack, packs

__all__ = ["ValidationConfig", "WorkingCalendar", "add_months", "add_years"]

P = TypeVar("P")


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the end of a short month.

    Total: a result before year 1 or after year 9999, which :class:`datetime.date`
    cannot hold, is clamped to ``date.min`` or ``date.max``.  A deadline that
    far away is never reached, so every comparison with it stays right.

    Examples
    --------
    >>> import datetime as dt
    >>> add_months(dt.date(2022, 11, 30), 3)
    datetime.date(2023, 2, 28)
    >>> add_months(dt.date(9999, 6, 1), 12), add_months(dt.date(1, 6, 1), -12)
    (datetime.date(9999, 12, 31), datetime.date(1, 1, 1))
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    if year < dt.MINYEAR:
        return dt.date.min
    if year > dt.MAXYEAR:
        return dt.date.max
    last = days_in_month(year, month + 1)
    return dt.date(year, month + 1, min(day.day, last))


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` plus ``years`` calendar years; 29 February becomes 28 February.

    Examples
    --------
    >>> import datetime as dt
    >>> add_years(dt.date(2020, 2, 29), 1)
    datetime.date(2021, 2, 28)
    """
    return add_months(day, 12 * years)


def _dates(value: object) -> tuple[dt.date, ...]:
    if not isinstance(value, (tuple, list, set, frozenset)):
        raise TypeError(f"expected a collection of dates (got {value!r})")
    days = tuple(sorted(set(value)))
    for d in days:
        if type(d) is not dt.date:
            raise TypeError(f"expected datetime.date values (got {d!r})")
    return days


@attrs.frozen(kw_only=True)
class WorkingCalendar:
    """Working days: Monday to Friday, minus ``holidays``, plus ``workdays``.

    ``workdays`` are weekend days worked in exchange for a holiday (调休).
    Both are stored sorted and deduplicated.

    Examples
    --------
    >>> import datetime as dt
    >>> cal = WorkingCalendar(holidays=(dt.date(2024, 10, 1),))
    >>> cal.add_working_days(dt.date(2024, 9, 27), 2)  # Fri + 2: Mon, (Tue holiday) Wed
    datetime.date(2024, 10, 2)
    >>> cal.is_working_day(dt.date(2024, 9, 28))
    False
    """

    holidays: tuple[dt.date, ...] = attrs.field(default=(), converter=_dates)
    workdays: tuple[dt.date, ...] = attrs.field(default=(), converter=_dates)

    def is_working_day(self, day: dt.date) -> bool:
        """True when ``day`` is a working day."""
        if _contains(self.workdays, day):
            return True
        return day.weekday() < 5 and not _contains(self.holidays, day)

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day`` (``day`` itself is not counted).

        Parameters
        ----------
        day
            The start, e.g. the date a plan was issued.
        n
            How many working days to count; must be ≥ 0.

        Returns
        -------
        datetime.date
            ``day`` when ``n`` is 0; ``date.max`` when the count runs past
            the end of the calendar.

        Raises
        ------
        ValueError
            When ``n`` is negative.

        Examples
        --------
        >>> import datetime as dt
        >>> WorkingCalendar().add_working_days(dt.date(2024, 1, 1), 20)
        datetime.date(2024, 1, 29)
        """
        if n < 0:
            raise ValueError(f"n must be ≥ 0 (got {n})")
        # Count weekdays first, then correct for holidays and swapped days
        # one working day at a time: a few bisections instead of a daily walk.
        current = _add_weekdays(day, n)
        have = self.working_days_between(day, current)
        while have < n:
            if current == dt.date.max:
                return current
            current += dt.timedelta(days=1)
            if self.is_working_day(current):
                have += 1
        while have > n or not (n == 0 or self.is_working_day(current)):
            if self.is_working_day(current):
                have -= 1
            current -= dt.timedelta(days=1)
        return current

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``).

        Examples
        --------
        >>> import datetime as dt
        >>> WorkingCalendar().working_days_between(dt.date(2024, 1, 5), dt.date(2024, 1, 12))
        5
        """
        if end <= start:
            return 0
        days = (end - start).days
        weeks, rest = divmod(days, 7)
        count = 5 * weeks
        first = start + dt.timedelta(days=7 * weeks)
        for i in range(1, rest + 1):
            if (first + dt.timedelta(days=i)).weekday() < 5:
                count += 1
        lo = start + dt.timedelta(days=1)
        for d in _between(self.holidays, lo, end):
            if d.weekday() < 5 and not _contains(self.workdays, d):
                count -= 1
        for d in _between(self.workdays, lo, end):
            if d.weekday() >= 5:
                count += 1
        return count


def _add_weekdays(day: dt.date, n: int) -> dt.date:
    """The ``n``-th Monday-to-Friday day after ``day``, or ``date.max`` past the end."""
    weeks, rest = divmod(n, 5)
    if (dt.date.max - day).days < 7 * weeks + 7:
        return dt.date.max
    current = day + dt.timedelta(days=7 * weeks)
    while rest:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            rest -= 1
    return current


def _contains(days: tuple[dt.date, ...], day: dt.date) -> bool:
    i = bisect.bisect_left(days, day)
    return i < len(days) and days[i] == day


def _between(days: tuple[dt.date, ...], lo: dt.date, hi: dt.date) -> tuple[dt.date, ...]:
    return days[bisect.bisect_left(days, lo) : bisect.bisect_right(days, hi)]


_SELECTOR = re.compile(r"[A-Z]{2,4}\d{0,3}")


def _prefixes(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (tuple, list)):
        raise TypeError(f"expected a tuple of code prefixes such as ('EK1',) (got {value!r})")
    for p in value:
        if not isinstance(p, str) or not _SELECTOR.fullmatch(p):
            raise ValueError(
                "a code prefix is two to four capital letters and up to three digits, "
                f"such as 'EK', 'EK1' or 'SC101' (got {p!r})"
            )
    return tuple(value)


def _packs(value: object) -> "tuple[Pack[Any], ...] | None":
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, (tuple, list, set, frozenset)):
        raise TypeError(f"expected a tuple of packs or pack names (got {value!r})")
    chosen = {p if isinstance(p, Pack) else get_pack(p) for p in value}
    installed = packs()
    for p in chosen:
        if p not in installed:
            known = ", ".join(q.name for q in installed)
            raise PackError(
                f"rule pack {p.name!r} is not an installed pack (installed: {known}); "
                "a place's pack is installed as a package with an emergencykit.rules entry point"
            )
    return tuple(p for p in installed if p in chosen)


def _params(value: object) -> tuple[Any, ...]:
    if isinstance(value, str) or not isinstance(value, (tuple, list)):
        raise TypeError(f"expected a tuple of pack parameters (got {value!r})")
    given = {type(p): p for p in value}
    if len(given) < len(value):
        raise ValueError("params holds two parameter objects of the same class")
    out = []
    for pack in packs():
        if pack.params is not None and type(pack.params) in given:
            out.append(given.pop(type(pack.params)))
    if given:
        names = ", ".join(sorted(t.__name__ for t in given))
        raise ValueError(f"params: {names} are the parameters of no installed rule pack")
    return tuple(out)


@attrs.frozen(kw_only=True)
class ValidationConfig:
    """What to check, as of which date, with which packs and parameters.

    ``as_of`` is the date the rules check against (a drill is overdue as of
    it); left out, it is the system's own
    :attr:`~emergencykit.EmergencySystem.described` date, and
    :func:`~emergencykit.rules.validate` refuses a system that states none.

    Selection works as in common linters: ``select`` and ``ignore`` hold code
    prefixes (``"EK1"``, ``"EK305"``, ``"SC"``).  For each rule the longest
    matching prefix decides; when a ``select`` and an ``ignore`` prefix of
    the same length both match, ``ignore`` wins.  An empty ``select``
    selects every rule.

    ``packs`` names the packs to run (names or :class:`Pack` objects);
    ``None`` (the default) means every installed pack whose ``applies``
    holds for the system: national and ics everywhere, chongqing where the
    root jurisdiction is Chongqing.  A rule of a pack that is off still runs
    when ``select`` names its full code (``"EK106"``).

    ``params`` overrides packs' parameters: each item is an instance of a
    pack's parameters class (``ChongqingParams(local_drill_years=2)``); a
    pack not named there keeps its defaults.  Rules read them with
    :meth:`params_for`.

    Examples
    --------
    >>> import datetime as dt
    >>> from emergencykit.rules import CHONGQING, ICS, ChongqingParams
    >>> config = ValidationConfig(as_of=dt.date(2022, 5, 11), ignore=("EK3",),
    ...                           params=(ChongqingParams(local_drill_years=2),))
    >>> config.params_for(CHONGQING).local_drill_years, config.params_for(ICS).span_max
    (2, 7)
    >>> ValidationConfig(as_of=dt.date(2022, 5, 11), select=("X1",))
    Traceback (most recent call last):
    ...
    ValueError: a code prefix is two to four capital letters and up to three digits, such as 'EK', 'EK1' or 'SC101' (got 'X1')
    """

    as_of: dt.date | None = attrs.field(default=None)
    select: tuple[str, ...] = attrs.field(default=(), converter=_prefixes)
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_prefixes)
    packs: "tuple[Pack[Any], ...] | None" = attrs.field(default=None, converter=_packs)
    params: tuple[Any, ...] = attrs.field(default=(), converter=_params)

    @as_of.validator
    def _check_as_of(self, _: "attrs.Attribute[dt.date]", value: object) -> None:
        if value is not None and type(value) is not dt.date:
            raise TypeError(f"as_of must be a datetime.date or None (got {value!r})")

    def params_for(self, pack: "Pack[P]") -> P:
        """The parameters of ``pack`` for this run: the override in ``params``, else its defaults."""
        for given in self.params:
            if type(given) is type(pack.params):
                result: P = given
                return result
        return pack.params
