"""Validation configuration: the date to check against, rule selection, packs, parameters."""

import bisect
import datetime as dt

import attrs

from emergencykit.model import BilingualEnum

__all__ = ["Pack", "ValidationConfig", "WorkingCalendar", "add_months", "add_years"]


class Pack(BilingualEnum):
    """A group of rules that is switched on or off together."""

    NATIONAL = ("national", "国家基线", "national baseline")
    CHONGQING = ("chongqing", "重庆地方", "Chongqing local policy")
    ICS = ("ics", "事故指挥体系实践", "incident-command practice")


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the end of a short month.

    Examples
    --------
    >>> import datetime as dt
    >>> add_months(dt.date(2022, 11, 30), 3)
    datetime.date(2023, 2, 28)
    """
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has at least 28 days")  # pragma: no cover


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
            ``day`` when ``n`` is 0.

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
    """The ``n``-th Monday-to-Friday day after ``day``."""
    weeks, rest = divmod(n, 5)
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


def _prefixes(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (tuple, list)):
        raise TypeError(f"expected a tuple of code prefixes such as ('EK1',) (got {value!r})")
    for p in value:
        if not isinstance(p, str) or not p.startswith("EK") or not (p == "EK" or p[2:].isdigit()):
            raise ValueError(f"a code prefix is 'EK' followed by digits (got {p!r})")
    return tuple(value)


def _packs(value: object) -> tuple[Pack, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, (tuple, list, set, frozenset)):
        raise TypeError(f"expected a tuple of packs (got {value!r})")
    return tuple(sorted({Pack(p) for p in value}, key=list(Pack).index))


@attrs.frozen(kw_only=True)
class ValidationConfig:
    """What to check, as of which date, with which parameters.

    Selection works as in common linters: ``select`` and ``ignore`` hold code
    prefixes (``"EK1"``, ``"EK305"``).  For each rule the longest matching
    prefix decides; when a ``select`` and an ``ignore`` prefix of the same
    length both match, ``ignore`` wins.  An empty ``select`` selects every
    rule.

    ``packs`` names the packs to run; ``None`` (the default) means national +
    ics, plus chongqing when the system's root jurisdiction is Chongqing (its
    Chinese name starts with 重庆 or its code with 50).  A rule of a pack that
    is off still runs when ``select`` names its full code (``"EK106"``).

    The parameters default to the national and Chongqing figures in the
    catalogue (docs/rules.md says which rule uses which).

    Examples
    --------
    >>> import datetime as dt
    >>> config = ValidationConfig(as_of=dt.date(2022, 5, 11), ignore=("EK3",))
    >>> config.span_max, config.filing_working_days
    (7, 20)
    >>> ValidationConfig(as_of=dt.date(2022, 5, 11), select=("X1",))
    Traceback (most recent call last):
    ...
    ValueError: a code prefix is 'EK' followed by digits (got 'X1')
    """

    as_of: dt.date = attrs.field()
    select: tuple[str, ...] = attrs.field(default=(), converter=_prefixes)
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_prefixes)
    packs: tuple[Pack, ...] | None = attrs.field(default=None, converter=_packs)
    #: Span of control (ICS): warn outside [span_min, span_max], error above span_hard_max.
    span_min: int = 3
    span_max: int = 7
    span_hard_max: int = 10
    #: Special and department plans drilled at least every 3 years (2013 Measures Art. 22).
    special_drill_years: int = 3
    #: Production-safety plans drilled at least every 2 years (生产安全事故应急条例 Art. 8).
    safety_drill_years: int = 2
    #: Chongqing: every plan drilled at least yearly (重庆条例 Art. 19).
    local_drill_years: int = 1
    #: Chongqing: 市/区县 plans revised within 5 years, 乡镇/村 within 3 (Art. 15).
    revision_years_city: int = 5
    revision_years_township: int = 3
    #: Filing within 20 working days of issue (2024 Measures Art. 26).
    filing_working_days: int = 20
    calendar: WorkingCalendar = attrs.field(factory=WorkingCalendar)
    #: Reporting: a unit within 1 h, each hop within 2 h (事故报告条例 Arts 9–11).
    unit_report: dt.timedelta = attrs.field(default=dt.timedelta(hours=1))
    report_hop: dt.timedelta = attrs.field(default=dt.timedelta(hours=2))
    #: Major public-opinion cases: release in 5 h, press conference in 24 h.
    release_deadline: dt.timedelta = attrs.field(default=dt.timedelta(hours=5))
    press_conference_deadline: dt.timedelta = attrs.field(default=dt.timedelta(hours=24))
    #: Proposals answered within 3 months of assignment, 6 at most.
    reply_months: int = 3
    reply_months_max: int = 6
    #: Registered social organisations inspected at least yearly.
    inspection_years: int = 1

    @as_of.validator
    def _check_as_of(self, _: "attrs.Attribute[dt.date]", value: object) -> None:
        if type(value) is not dt.date:
            raise TypeError(f"as_of must be a datetime.date (got {value!r})")

    def __attrs_post_init__(self) -> None:
        if not 0 < self.span_min <= self.span_max <= self.span_hard_max:
            raise ValueError(
                "span of control needs 0 < span_min ≤ span_max ≤ span_hard_max "
                f"(got {self.span_min}, {self.span_max}, {self.span_hard_max})"
            )
