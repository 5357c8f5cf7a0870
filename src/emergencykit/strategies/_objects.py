"""Strategies for single model objects: valid fields, references anywhere."""

import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from emergencykit import model
from emergencykit.model import (
    Approx,
    Citation,
    Count,
    CountUnit,
    Figure,
    ForceGroup,
    Part,
    PartialDate,
    Plan,
    Proposal,
    Reply,
    Revision,
    RevisionProgress,
)
from emergencykit.model._refs import id_lists
from emergencykit.model._types import IdList, Shape, one_or_more
from emergencykit.model._validators import MAX_COUNT

T = TypeVar("T")
Strategy = st.SearchStrategy

#: Systems (:func:`~emergencykit.strategies.systems`) are dated in this
#: window, wide enough for every rule's interval; single objects may carry
#: any date from ``date.min`` to ``date.max``.
MIN_DATE = dt.date(1990, 1, 1)
MAX_DATE = dt.date(2049, 12, 31)

# Collections stay short: properties care about variety, not volume.
_MAX_ITEMS = 3

# Every character an id or text may hold outside its whitespace: no control
# character, no surrogate, no separator, not U+FFFE or U+FFFF.  The rest of
# Unicode stays in: astral characters, bidirectional controls and zero-width
# characters (format, Cf), private use and unassigned code points.
_VISIBLE = st.characters(exclude_categories=("Cc", "Cs", "Z"), exclude_characters="\ufffe\uffff")
_ID_CHARS = st.characters(
    exclude_categories=("Cc", "Cs", "Z"), exclude_characters=",<>&\"'\ufffe\uffff"
)
# One drawn word or id in eight is long: at least this many characters.
_LONG = 150

# What may separate words inside a text: spaces of every kind, tab, newline.
_GAPS = st.sampled_from([" ", "\t", "\n", "\u3000", "\xa0", "\u2028", "  "])


def ids() -> Strategy[str]:
    """Object ids: non-empty, without whitespace, control characters or any of ``, < > & " '``.

    Any other character may appear, astral, bidirectional and zero-width
    characters included; most ids are short, some run to hundreds of
    characters.

    Returns
    -------
    hypothesis.strategies.SearchStrategy[str]
        Ids that every model class accepts; they shrink towards ``"0"``.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> from emergencykit.strategies import ids
    >>> found = find(ids(), lambda i: len(i) > 2, settings=settings(database=None))
    >>> len(found) > 2, set(found)
    (True, {'0'})
    """
    return _sometimes_long(st.text(_ID_CHARS, min_size=1, max_size=12))


def texts() -> Strategy[str]:
    """Free text: non-empty, no surrounding whitespace, no control character but tab and newline.

    Words of any characters the validators accept (Chinese, astral,
    bidirectional and zero-width characters included) separated by spaces
    of every kind, tabs and newlines; most are short, some run to hundreds
    of characters.

    Returns
    -------
    hypothesis.strategies.SearchStrategy[str]
        Strings that pass every text field's validator.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> from emergencykit.strategies import texts
    >>> find(texts(), lambda t: " " in t, settings=settings(database=None))
    '0 0'
    """
    word = _sometimes_long(st.text(_VISIBLE, min_size=1, max_size=8))
    return st.tuples(word, st.lists(st.tuples(_GAPS, word), max_size=2)).map(
        lambda first_rest: first_rest[0] + "".join(g + w for g, w in first_rest[1])
    )


def _sometimes_long(short: Strategy[str]) -> Strategy[str]:
    """``short``, but one time in eight repeated to at least ``_LONG`` characters.

    Repeating a drawn string makes long strings cheaply: a whole system of
    fresh long strings would exceed hypothesis's buffer.  ``one_of`` picks a
    branch uniformly and shrinks towards the first one, so repeating
    ``short`` weights the draw without spoiling shrinking.
    """
    long = short.map(lambda s: s * (_LONG // len(s) + 1))
    return st.one_of(*[short] * 7, long)


def labels() -> Strategy[model.Label]:
    """Bilingual names (:class:`~emergencykit.model.Label`): Chinese, English or both.

    Returns
    -------
    hypothesis.strategies.SearchStrategy[Label]

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> from emergencykit.strategies import labels
    >>> find(labels(), lambda n: n.en is not None, settings=settings(database=None))
    Label(zh=None, en='0')
    >>> find(labels(), lambda n: n.zh is None, settings=settings(database=None))
    Label(zh=None, en='0')
    """
    return st.builds(model.Label, zh=texts(), en=st.none() | texts()) | st.builds(
        model.Label, en=texts()
    )


def counts(*, unit: CountUnit | None = None, max_value: int = MAX_COUNT) -> Strategy[Count]:
    """Counts (:class:`~emergencykit.model.Count`) of ``unit`` up to ``max_value``.

    Parameters
    ----------
    unit
        The unit of every count; any unit when ``None``.
    max_value
        The largest value, at most the model's bound (10⁹).

    Returns
    -------
    hypothesis.strategies.SearchStrategy[Count]

    Raises
    ------
    hypothesis.errors.InvalidArgument
        When ``max_value`` is negative or above the model's bound, or
        ``unit`` is not a :class:`~emergencykit.model.CountUnit`.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> from emergencykit.model import CountUnit
    >>> from emergencykit.strategies import counts
    >>> find(counts(unit=CountUnit.TEAMS, max_value=5), lambda c: c.value > 3,
    ...      settings=settings(database=None))
    Count(value=4, unit=<CountUnit.TEAMS: 'teams'>, approx=<Approx.EXACT: 'exact'>, text=None)
    """
    if type(max_value) is not int or not 0 <= max_value <= MAX_COUNT:
        raise InvalidArgument(
            f"max_value must be an integer in [0, {MAX_COUNT}] (got {max_value!r})"
        )
    if unit is not None and not isinstance(unit, CountUnit):
        raise InvalidArgument(f"unit must be a CountUnit or None (got {unit!r})")
    return st.builds(
        Count,
        value=st.integers(0, max_value),
        unit=st.just(unit) if unit is not None else st.sampled_from(CountUnit),
        approx=st.sampled_from(Approx),
        text=st.none() | texts(),
    )


def partial_dates() -> Strategy[PartialDate]:
    """Dates of every form a document may write: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, each maybe ``~``.

    Any year from 1 to 9999, the first and last days of the calendar
    included.

    Returns
    -------
    hypothesis.strategies.SearchStrategy[PartialDate]
        Partial dates; they shrink towards an exact date early in year 1.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> from emergencykit.strategies import partial_dates
    >>> find(partial_dates(), lambda d: d.precision == "month" and d.approximate,
    ...      settings=settings(database=None))
    PartialDate(1, 1, approximate=True)
    """
    return _dates()


# How a drawn day is stated: one draw, not two, keeps nested objects small.
_FORMS = tuple((p, a) for a in (False, True) for p in ("day", "month", "year"))


def _dates(since: PartialDate | None = None) -> Strategy[PartialDate]:
    # A day of the whole calendar, with its first and last days drawn on
    # purpose (st.dates alone almost never reaches them), then stated to the
    # day, the month or the year, maybe approximately.  Coarsening a day and
    # marking it approximate only move its latest day later, so a date drawn
    # on or after ``since``'s earliest day is never certainly before ``since``.
    low = dt.date.min if since is None else since.earliest()
    days = st.one_of(st.dates(min_value=low), st.sampled_from([low, dt.date.max]))
    return st.builds(_stated, days, st.sampled_from(_FORMS))


def _stated(day: dt.date, form: tuple[str, bool]) -> PartialDate:
    precision, approximate = form
    month = None if precision == "year" else day.month
    return PartialDate(
        day.year, month, day.day if precision == "day" else None, approximate=approximate
    )


def _durations() -> Strategy[dt.timedelta]:
    return st.integers(0, 30 * 24 * 3600).map(lambda s: dt.timedelta(seconds=s))


def _optional(inner: Strategy[T]) -> Strategy[T | None]:
    return st.none() | inner


def model_classes() -> tuple[type, ...]:
    """Every attrs class of :mod:`emergencykit.model` but dates, in name order.

    A :class:`~emergencykit.model.PartialDate` is a value written as text,
    drawn by :func:`partial_dates`.
    """
    found = (getattr(model, name) for name in model.__all__)
    return tuple(c for c in found if isinstance(c, type) and attrs.has(c) and c is not PartialDate)


def _check_class(cls: Any) -> None:
    if not (isinstance(cls, type) and attrs.has(cls) and cls in model_classes()):
        raise InvalidArgument(f"cls must be a class of emergencykit.model (got {cls!r})")


def _check_fields(cls: type, fields: Mapping[str, Any]) -> None:
    names = {a.name for a in attrs.fields(cls)}
    for name, value in fields.items():
        if name not in names:
            raise InvalidArgument(f"{cls.__name__} has no field {name!r}")
        if not isinstance(value, st.SearchStrategy):
            raise InvalidArgument(
                f"the value for field {name!r} must be a strategy (got {value!r})"
            )


def objects(cls: type[T], /, **fields: Strategy[Any]) -> Strategy[T]:
    """Instances of any model class, valid field by field; ids refer anywhere.

    Every value constructs without error: ids match the id pattern, texts
    have no surrounding whitespace, counts are in range, a plan's revisions
    and filing do not precede its issue, a counted group's parts add up to
    its totals, ``revised`` does not exceed ``total``, a reply does not
    precede the assignment, an inferred citation says why, a document or
    reply with a number is not also said to have none.  References are arbitrary ids, so a system built
    from these objects is usually *not* valid (see :func:`systems`).  Values
    are built by construction, never by filtering.

    Parameters
    ----------
    cls
        A class of :mod:`emergencykit.model`, nested value classes
        (``Label``, ``Count``, ``Part``, ``Revision``, ``Drill``, ``Post`` …)
        included.
    **fields
        Strategies for some fields, replacing the generated ones (as in
        :func:`hypothesis.strategies.builds`).

    Returns
    -------
    hypothesis.strategies.SearchStrategy
        Instances of ``cls``.

    Raises
    ------
    hypothesis.errors.InvalidArgument
        When ``cls`` is not a model class, a field name is not one of its
        fields, or a field value is not a strategy.

    Examples
    --------
    >>> from hypothesis import find, given, settings, strategies as st
    >>> from emergencykit.model import Plan, Team
    >>> from emergencykit.strategies import objects
    >>> @given(objects(Plan))
    ... @settings(max_examples=20, database=None)
    ... def revisions_follow_issue(plan):
    ...     assert not any(r.date.before(plan.issued) for r in plan.revisions
    ...                    if r.date and plan.issued)
    >>> revisions_follow_issue()
    >>> find(objects(Team, commander=st.just("cq-zhzx")), lambda t: True,
    ...      settings=settings(database=None)).commander
    'cq-zhzx'
    """
    _check_class(cls)
    _check_fields(cls, fields)
    if not fields:
        return _default(cls, _DEFAULT_IDS)
    return _build(cls, _DEFAULT_IDS, tuple(sorted(fields.items())))


_DEFAULT_IDS = ids()


def _default(cls: type[T], ident: Strategy[str]) -> Strategy[T]:
    key: Any = cls
    strategy: Strategy[T] = _cached(key, ident)
    return strategy


@functools.cache
def _cached(cls: Any, ident: Strategy[str]) -> Strategy[Any]:
    return _build(cls, ident, ())


def _field_strategy(owner: type, name: str, hint: Any, ident: Strategy[str]) -> Strategy[Any]:
    origin = typing.get_origin(hint)
    if origin is types.UnionType or origin is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        (inner,) = args
        return _optional(_field_strategy(owner, name, inner, ident))
    if hint == tuple[IdList, ...]:
        # Any of the object's own lists of ids may be open, each named once.
        return (
            st.lists(st.sampled_from(id_lists(owner)), unique=True).map(tuple)
            if id_lists(owner)
            else st.just(())
        )
    if origin is tuple:
        item = _field_strategy(owner, name, typing.get_args(hint)[0], ident)
        if name == "cite":
            # Every object has citations: drawing each in full would outgrow
            # hypothesis's buffer for a whole system, so objects cite one of
            # a few fixed citations; objects(Citation) draws every kind.
            return st.sampled_from(_CITES)
        if name == "figures":
            # Likewise for figures; objects(Figure) draws every kind.
            return st.sampled_from(_FIGURE_SETS)
        return st.lists(item, max_size=_MAX_ITEMS).map(tuple)
    if one_or_more(hint):
        return _field_strategy(owner, name, hint.__origin__, ident)
    if origin is Annotated:
        # Ids and texts carry a Shape; bounded integers carry annotated-types
        # bounds, which hypothesis reads itself.
        shape = next((m for m in hint.__metadata__ if isinstance(m, Shape)), None)
        if shape is not None:
            if shape.name == "division_code":
                return _DIVISION_CODES
            return ident if shape.name == "id" else texts()
        return st.from_type(hint)
    if hint is bool:
        return st.booleans()
    if hint is PartialDate:
        return _dates()
    if hint is dt.timedelta:
        return _durations()
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(hint)
    if isinstance(hint, type) and attrs.has(hint):
        return _default(hint, ident)
    raise TypeError(f"no strategy for {owner.__name__}.{name}: {hint!r}")  # pragma: no cover


#: GB/T 2260 division codes: six digits.
_DIVISION_CODES = st.from_regex(r"\A[0-9]{6}\Z")

_CITATIONS = (
    Citation(source="s", locator="§一", quote="原文\n所述"),
    Citation(inferred=True, why="general knowledge"),
    Citation(source="s", inferred=False),
)
_CITES: tuple[tuple[Citation, ...], ...] = ((), *((c,) for c in _CITATIONS))

_FIGURES = (
    Figure(label=model.Label(zh="整合的部门"), count=Count(value=9, unit=CountUnit.AGENCIES)),
    Figure(
        label=model.Label(en="systems"),
        count=Count(value=33, unit=CountUnit.ITEMS, approx=Approx.AT_LEAST, text="33余个"),
    ),
)
_FIGURE_SETS: tuple[tuple[Figure, ...], ...] = ((), *((f,) for f in _FIGURES), _FIGURES)


def _build(
    cls: type[T], ident: Strategy[str], given: tuple[tuple[str, Strategy[Any]], ...]
) -> Strategy[T]:
    overrides = dict(given)
    fields: tuple[attrs.Attribute[Any], ...] = attrs.fields(cls)  # type: ignore[arg-type]
    dependent = {**_free_labels(cls), **_DEPENDENT.get(cls, {})}
    plain = {
        a.name: overrides[a.name]
        if a.name in overrides
        else _field_strategy(cls, a.name, a.type, ident)
        for a in fields
        if a.name in overrides or a.name not in dependent
    }
    later = {k: f for k, f in dependent.items() if k not in overrides}

    @st.composite
    def build(draw: st.DrawFn) -> T:
        values = {name: draw(s) for name, s in plain.items()}
        for name, make in later.items():
            values[name] = draw(make(values, ident))
        return cls(**values)

    return build()


def _plan_revisions(values: dict[str, Any], ident: Strategy[str]) -> Strategy[tuple[Revision, ...]]:
    # No revision may precede the plan's issue.
    revision = _build(Revision, ident, (("date", _optional(_dates(values["issued"]))),))
    return st.lists(revision, max_size=_MAX_ITEMS).map(tuple)


def _why(values: dict[str, Any], ident: Strategy[str]) -> Strategy[str | None]:
    # An inference states its reason.
    return texts() if values["inferred"] is True else _optional(texts())


def _numbered(values: dict[str, Any], ident: Strategy[str]) -> Strategy[bool | None]:
    # A document or reply with a number is not also said to have none.
    if values["number"] is not None:
        return st.sampled_from([None, True])
    return _optional(st.booleans())


def _plan_filed(values: dict[str, Any], ident: Strategy[str]) -> Strategy[PartialDate | None]:
    return _optional(_dates(values["issued"]))


def _revised(values: dict[str, Any], ident: Strategy[str]) -> Strategy[int | None]:
    total = values["total"]
    return _optional(st.integers(0, MAX_COUNT if total is None else total))


def _reply(values: dict[str, Any], ident: Strategy[str]) -> Strategy[Reply | None]:
    return _optional(_build(Reply, ident, (("date", _optional(_dates(values["assigned"]))),)))


def _total(field: str) -> Callable[[dict[str, Any], Strategy[str]], Strategy[Count | None]]:
    """A total that its group's parts add up to, whatever the parts drew."""

    def make(values: dict[str, Any], ident: Strategy[str]) -> Strategy[Count | None]:
        parts: tuple[Part, ...] = values["parts"]

        @st.composite
        def total(draw: st.DrawFn) -> Count:
            unit = draw(st.sampled_from(CountUnit))
            approx = draw(st.sampled_from(Approx))
            same = [c for p in parts for c in p.count if c.unit is unit]
            low = sum(c.lower for c in same)
            exact = approx is Approx.EXACT and all(c.approx is Approx.EXACT for c in same)
            extra = 0 if exact and same else draw(st.integers(0, MAX_COUNT - low))
            text = draw(_optional(texts()))
            return Count(value=low + extra, unit=unit, approx=approx, text=text)

        return _optional(total())

    return make


def _part_counts() -> Strategy[tuple[Count, ...]]:
    # One count or a few, each in a unit of its own; bounded so that any
    # selection of parts still sums within a count's range.
    bounded = counts(max_value=MAX_COUNT // (2 * _MAX_ITEMS))
    return st.lists(bounded, min_size=1, max_size=2, unique_by=lambda c: c.unit).map(tuple)


def _parts(ident: Strategy[str]) -> Strategy[tuple[Part, ...]]:
    part = _build(Part, ident, (("count", _part_counts()),))
    return st.lists(part, max_size=_MAX_ITEMS).map(tuple)


_Dependent = Callable[[dict[str, Any], Strategy[str]], Strategy[Any]]


def _free_labels(cls: type) -> dict[str, _Dependent]:
    """A free label beside each enum field with ``other``: drawn where the field is ``other``."""

    def make(declared: model.OtherLabel) -> _Dependent:
        def draw(values: dict[str, Any], ident: Strategy[str]) -> Strategy[Any]:
            stated = values[declared.of]
            other = "other" in stated if declared.many else stated == "other"
            return _optional(labels()) if other else st.none()

        return draw

    return {name: make(declared) for name, declared in model.other_labels(cls).items()}


# Fields whose valid values depend on fields drawn before them (the model's
# cross-field checks); each is drawn after the class's other fields.
_DEPENDENT: dict[type, dict[str, _Dependent]] = {
    # A label needs Chinese, English or both.
    model.Label: {"en": lambda values, ident: _optional(texts()) if values["zh"] else texts()},
    Citation: {"why": _why},
    Plan: {"revisions": _plan_revisions, "filed": _plan_filed},
    RevisionProgress: {"revised": _revised},
    Proposal: {"reply": _reply},
    # A part counts in one unit or a few, each once.
    Part: {"count": lambda values, ident: _part_counts()},
    Reply: {"numbered": _numbered},
    model.Document: {"numbered": _numbered},
    ForceGroup: {
        "parts": lambda values, ident: _parts(ident),
        "teams": _total("teams"),
        "people": _total("people"),
    },
}
