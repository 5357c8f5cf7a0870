"""Partial dates: the type, its text form, its comparisons, and documents that carry them."""

import datetime as dt
import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import emergencykit as ek
from emergencykit import io
from emergencykit.errors import FieldValueError, LoadError
from emergencykit.strategies import partial_dates

PD = ek.PartialDate


# -- the type ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("2022", PD(2022), "year"),
        ("2021-11", PD(2021, 11), "month"),
        ("2022-05-11", PD(2022, 5, 11), "day"),
        ("2021-11~", PD(2021, 11, approximate=True), "month"),
        ("0001", PD(1), "year"),
        ("9999-12-31~", PD(9999, 12, 31, approximate=True), "day"),
        ("2024-02-29", PD(2024, 2, 29), "day"),
    ],
)
def test_parse_each_form(text: str, value: ek.PartialDate, precision: str) -> None:
    assert PD.parse(text) == value
    assert str(value) == text
    assert value.precision == precision


@pytest.mark.parametrize(
    "text",
    [
        "2021-13",
        "2021-00",
        "2021-02-30",
        "2023-02-29",
        "0000",
        "21-11",
        "2021-1",
        "2021/11",
        "2021-11-15T10:00",
        "2021~~",
        "~2021",
        " 2021",
        "2021\n",
        "２０２１",
        "",
    ],
)
def test_parse_refuses(text: str) -> None:
    with pytest.raises(FieldValueError, match="must be a date YYYY, YYYY-MM or YYYY-MM-DD"):
        PD.parse(text)


@pytest.mark.parametrize(
    ("args", "kwargs", "field"),
    [
        ((0,), {}, "year"),
        ((10000,), {}, "year"),
        ((True,), {}, "year"),
        ((2021, 13), {}, "month"),
        ((2021, 0), {}, "month"),
        ((2021, 2, 30), {}, "day"),
        ((2021, None, 3), {}, "day"),
        ((2021,), {"approximate": 1}, "approximate"),
    ],
)
def test_constructor_refuses(
    args: tuple[object, ...], kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(FieldValueError) as info:
        PD(*args, **kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


def test_from_date_refuses_a_datetime() -> None:
    with pytest.raises(FieldValueError):
        PD.from_date(dt.datetime(2022, 5, 11, 8, 0))
    assert PD.from_date(dt.date(2022, 5, 11)) == PD(2022, 5, 11)


def test_no_ordering_that_guesses() -> None:
    with pytest.raises(TypeError):
        _ = PD(2021, 11) < PD(2021, 12)  # type: ignore[operator]
    assert PD(2022, 5, 11) != dt.date(2022, 5, 11)


def test_the_issue_example() -> None:
    nov = PD.parse("2021-11")
    assert nov.before(dt.date(2021, 12, 1)) is True
    assert nov.before(PD(2021, 11, 15)) is None
    assert nov.after(PD(2021, 11, 15)) is None
    assert nov.after(dt.date(2021, 10, 31)) is True
    assert nov.before(dt.date(2021, 11, 1)) is False


def test_approximate_widens_by_one_unit() -> None:
    assert (PD.parse("2021-11-15~").earliest(), PD.parse("2021-11-15~").latest()) == (
        dt.date(2021, 11, 14),
        dt.date(2021, 11, 16),
    )
    assert (PD.parse("2021-01~").earliest(), PD.parse("2021-12~").latest()) == (
        dt.date(2020, 12, 1),
        dt.date(2022, 1, 31),
    )
    assert (PD.parse("0001~").earliest(), PD.parse("9999~").latest()) == (
        dt.date.min,
        dt.date.max,
    )


def _days(d: ek.PartialDate) -> tuple[dt.date, dt.date]:
    return d.earliest(), d.latest()


@given(partial_dates())
def test_text_round_trip(d: ek.PartialDate) -> None:
    assert PD.parse(str(d)) == d
    assert d.earliest() <= d.latest()


@given(partial_dates())
def test_exact_precision_days(d: ek.PartialDate) -> None:
    plain = attrs.evolve(d, approximate=False)
    lo, hi = _days(plain)
    expected = {"day": 0, "month": (27, 30), "year": (364, 365)}[d.precision]
    span = (hi - lo).days
    assert span == expected if isinstance(expected, int) else expected[0] <= span <= expected[1]
    assert lo.year == hi.year == d.year
    # the approximate date contains the exact one
    assert d.earliest() <= lo and hi <= d.latest()


@given(partial_dates(), partial_dates() | st.dates())
def test_before_agrees_with_the_bounds(a: ek.PartialDate, b: ek.PartialDate | dt.date) -> None:
    b_lo, b_hi = (b, b) if isinstance(b, dt.date) else _days(b)
    a_lo, a_hi = _days(a)
    answer = a.before(b)
    # True: every day a may be is before every day b may be; False: none is.
    assert (answer is True) == (a_hi < b_lo)
    assert (answer is False) == (a_lo >= b_hi)
    # None exactly when the spans overlap, but for a span that starts on
    # the last day of the other, where no day of a can be before b.
    overlap = a_lo <= b_hi and b_lo <= a_hi
    assert (answer is None) == (overlap and a_lo != b_hi)
    other = b if isinstance(b, PD) else PD.from_date(b)
    assert a.after(b) == other.before(a)


@given(st.lists(partial_dates(), max_size=6))
def test_sort_key_is_total_and_deterministic(dates: list[ek.PartialDate]) -> None:
    once = sorted(dates, key=PD.sort_key)
    # distinct dates have distinct keys, so the order never depends on the input's
    assert len({d.sort_key() for d in dates}) == len(set(dates))
    assert [d.earliest() for d in once if not d.approximate] == sorted(
        d.earliest() for d in once if not d.approximate
    )


# -- fields of the model -------------------------------------------------------------------


def test_fields_accept_a_date_or_a_text() -> None:
    drill = ek.Drill(date="2021-11~", scope=ek.DrillScope.SPECIAL)
    assert drill.date == PD(2021, 11, approximate=True)
    assert ek.Drill(date=dt.date(2021, 11, 5), scope=ek.DrillScope.SPECIAL).date == PD(2021, 11, 5)
    assert attrs.evolve(drill, date="2022").date == PD(2022)
    with pytest.raises(FieldValueError, match=r"'date' must be a date YYYY.*\(got '2021-13'\)"):
        ek.Drill(date="2021-13", scope=ek.DrillScope.SPECIAL)
    with pytest.raises(FieldValueError, match="'issued' must be a date"):
        ek.Plan(id="p", title=ek.Label(zh="预案"), kind=ek.PlanKind.SPECIAL, issued=2021)  # type: ignore[arg-type]


def test_plan_refuses_only_a_revision_certainly_before_issue() -> None:
    def plan(issued: str, revised: str) -> ek.Plan:
        done = ek.Revision(status=ek.RevisionStatus.DONE, date=revised)  # type: ignore[arg-type]
        return ek.Plan(
            id="p",
            title=ek.Label(zh="预案"),
            kind=ek.PlanKind.SPECIAL,
            issued=issued,  # type: ignore[arg-type]
            revisions=(done,),
        )

    assert plan("2021-11-15", "2021-11").revisions[0].date == PD(2021, 11)
    assert plan("2021", "2021-01-01").issued == PD(2021)
    with pytest.raises(FieldValueError, match=r"revisions\[0\]\.date"):
        plan("2021-11", "2021-10")


# -- documents -----------------------------------------------------------------------------


def _system(**dates: object) -> dict[str, object]:
    plan = {"id": "p", "title": {"zh": "预案"}, "kind": "special", **dates}
    return {"schema": "emergencykit/1", "id": "s", "name": {"zh": "示例"}, "plans": [plan]}


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
@settings(max_examples=30)
@given(issued=partial_dates(), filed=st.none() | partial_dates(), drill=partial_dates())
def test_documents_keep_precision_and_approximation(
    fmt: str, issued: ek.PartialDate, filed: ek.PartialDate | None, drill: ek.PartialDate
) -> None:
    if filed is not None and filed.before(issued):
        filed = issued
    plan = ek.Plan(
        id="p",
        title=ek.Label(zh="预案"),
        kind=ek.PlanKind.SPECIAL,
        issued=issued,
        filed=filed,
        drills=(ek.Drill(date=drill, scope=ek.DrillScope.SPECIAL),),
    )
    system = ek.EmergencySystem(id="s", name=ek.Label(zh="示例"), plans=(plan,), described=drill)
    text = io.dumps(system, fmt)
    back = io.loads(text, format=fmt)
    assert back == system
    assert io.dumps(back, fmt) == text
    assert str(back.plans[0].drills[0].date) == str(drill)


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        (
            "toml",
            'schema = "emergencykit/1"\nid = "s"\nname = {zh = "示例"}\ndescribed = 2022-05-11\n',
        ),
        ("yaml", "schema: emergencykit/1\nid: s\nname: {zh: 示例}\ndescribed: 2022-05-11\n"),
        ("yaml", "schema: emergencykit/1\nid: s\nname: {zh: 示例}\ndescribed: '2022-05-11'\n"),
        (
            "json",
            '{"schema": "emergencykit/1", "id": "s", "name": {"zh": "示例"}, "described": "2022-05-11"}',
        ),
    ],
)
def test_native_and_text_dates_load_alike(fmt: str, text: str) -> None:
    assert io.loads(text, format=fmt).described == PD(2022, 5, 11)


@pytest.mark.parametrize("fmt", ["toml", "yaml"])
def test_partial_dates_unquoted_where_the_format_allows(fmt: str) -> None:
    text = {
        "toml": 'schema = "emergencykit/1"\nid = "s"\nname = {zh = "示例"}\ndescribed = "2021-11~"\n',
        "yaml": "schema: emergencykit/1\nid: s\nname: {zh: 示例}\ndescribed: 2021-11~\n",
    }[fmt]
    assert io.loads(text, format=fmt).described == PD(2021, 11, approximate=True)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-13", "must be a date YYYY, YYYY-MM or YYYY-MM-DD (got '2024-13')"),
        ("2021-02-30", "must be a date YYYY, YYYY-MM or YYYY-MM-DD (got '2021-02-30')"),
        ("0000", "must be a date YYYY, YYYY-MM or YYYY-MM-DD (got '0000')"),
        (2024, "must be a date YYYY, YYYY-MM or YYYY-MM-DD, written as a string (got 2024)"),
        (True, "must be a date YYYY, YYYY-MM or YYYY-MM-DD (got True)"),
        (["2024"], "must be a date YYYY, YYYY-MM or YYYY-MM-DD (got ['2024'])"),
    ],
)
def test_bad_dates_refused_with_the_path(value: object, message: str) -> None:
    doc = {
        "schema": "emergencykit/1",
        "id": "s",
        "name": {"zh": "示例"},
        "proposals": [
            {
                "id": "p",
                "kind": "cppcc_proposal",
                "number": "1",
                "session": {"level": "provincial", "term": 5, "meeting": 5},
                "title": {"zh": "提案"},
                "reply": {"date": value},
            }
        ],
    }
    with pytest.raises(LoadError) as info:
        io.loads(json.dumps(doc), format="json", filename="reply.json")
    assert str(info.value) == f"reply.json: $.proposals[0].reply.date: {message}"


def test_a_yaml_timestamp_with_a_time_is_refused() -> None:
    text = "schema: emergencykit/1\nid: s\nname: {zh: 示例}\ndescribed: 2022-05-11 08:00:00\n"
    with pytest.raises(LoadError, match=r"\$\.described: must be a date"):
        io.loads(text, format="yaml")


def test_cross_field_check_shows_the_date_as_written() -> None:
    text = json.dumps(_system(issued="2022-01", revisions=[{"status": "done", "date": "2021-12~"}]))
    assert io.loads(text, format="json").plans[0].revisions[0].date == PD(
        2021, 12, approximate=True
    )
    text = json.dumps(_system(issued="2022-01", revisions=[{"status": "done", "date": "2021-11"}]))
    with pytest.raises(LoadError) as info:
        io.loads(text, format="json", filename="plans.json")
    assert str(info.value) == (
        "plans.json: $.plans[0].revisions[0].date: must not be before the plan's issue date "
        "2022-01 (got '2021-11')"
    )


def test_days_in_month_is_the_calendars() -> None:
    # The model counts the days of a month itself (the calendar module is not imported).
    import calendar

    from emergencykit.model._dates import days_in_month

    for year in (*range(1, 30), *range(1880, 2420), *range(9970, 10000)):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1]
