"""The engine: selection, packs, totality, the config and the working-day calendar."""

import datetime as dt

import attrs
import pytest
import rules_helpers as h

import emergencykit as ek
from emergencykit import rules

d = dt.date
L = ek.Label


def _broken():
    """The base with one error in several areas."""
    s = h.edit(h.base(), "plans", "special", lead=None)  # EK101
    s = h.edit(s, "teams", "t5", commander=None)  # EK301
    return h.edit(s, "proposals", "pp", lead_handler=None)  # EK705


# -- selection ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        ((), (), ["EK101", "EK301", "EK705"]),
        (("EK1",), (), ["EK101"]),
        (("EK1", "EK7"), (), ["EK101", "EK705"]),
        ((), ("EK3",), ["EK101", "EK705"]),
        (("EK",), ("EK101",), ["EK301", "EK705"]),
        (("EK101",), ("EK1",), ["EK101"]),  # the longer prefix wins
        (("EK3",), ("EK3",), []),  # on a tie, ignore wins
    ],
)
def test_select_and_ignore_by_prefix(select, ignore, expected):
    assert h.codes(_broken(), select=select, ignore=ignore) == expected


def test_report_lists_the_rules_that_ran():
    report = rules.validate(h.base(), h.config(select=("EK30",), ignore=("EK305",)))
    assert report.rules == ("EK301", "EK302", "EK303", "EK304", "EK306", "EK307", "EK308", "EK309")


def test_bad_prefix_is_refused():
    with pytest.raises(ValueError, match="code prefix"):
        rules.ValidationConfig(as_of=d(2024, 1, 1), ignore=("E1",))
    with pytest.raises(TypeError):
        rules.ValidationConfig(as_of=d(2024, 1, 1), select="EK1")


def test_as_of_is_a_date_or_left_to_the_system():
    assert rules.ValidationConfig().as_of is None
    with pytest.raises(TypeError, match="as_of"):
        rules.ValidationConfig(as_of=dt.datetime(2024, 1, 1))


def test_as_of_defaults_to_the_described_date():
    system = ek.EmergencySystem(id="s", name=ek.Label(zh="示例"), described=d(2022, 5, 11))
    assert rules.validate(system).as_of == d(2022, 5, 11)
    assert rules.validate(system, rules.ValidationConfig(select=("EK1",))).as_of == d(2022, 5, 11)
    stated = rules.validate(system, rules.ValidationConfig(as_of=d(2024, 1, 1)))
    assert stated.as_of == d(2024, 1, 1)


def test_no_date_anywhere_is_one_clear_error():
    system = ek.EmergencySystem(id="s", name=ek.Label(zh="示例"))
    with pytest.raises(ek.ArgumentError) as info:
        rules.validate(system, rules.ValidationConfig(select=("EK1",)))
    assert str(info.value) == (
        "validate() needs the date to check against: pass "
        "ValidationConfig(as_of=datetime.date(…)), or state the system's described date"
    )


def test_span_parameters_are_checked():
    with pytest.raises(ValueError, match="span of control"):
        rules.IcsParams(span_min=8)


# -- packs --------------------------------------------------------------------------


def _config_default_packs(**kw):
    return rules.ValidationConfig(as_of=h.AS_OF, **kw)


def test_chongqing_pack_on_for_a_chongqing_root():
    packs = rules.active_packs(h.base(), _config_default_packs())
    assert packs == (rules.NATIONAL, rules.CHONGQING, rules.ICS)


def test_chongqing_recognised_by_code_alone():
    s = h.edit(h.base(), "jurisdictions", "cq", name=L(zh="某市"))
    assert rules.CHONGQING in rules.active_packs(s, _config_default_packs())


def test_chongqing_pack_off_elsewhere():
    s = h.edit(h.base(), "jurisdictions", "cq", name=L(zh="成都市"), code="510100")
    assert rules.active_packs(s, _config_default_packs()) == (rules.NATIONAL, rules.ICS)
    s = h.edit(
        s,
        "plans",
        "special",
        lead="yjj",
        drills=(ek.Drill(date=d(2023, 1, 1), scope=ek.DrillScope.SPECIAL),),
    )
    report = rules.validate(s, _config_default_packs())
    assert "EK108" not in report.rules
    assert "EK108" not in [f.code for f in report.findings]


def test_chongqing_pack_by_explicit_selection_or_packs():
    s = h.edit(h.base(), "jurisdictions", "cq", name=L(zh="成都市"), code="510100")
    s = h.edit(
        s, "plans", "special", drills=(ek.Drill(date=d(2023, 1, 1), scope=ek.DrillScope.SPECIAL),)
    )
    by_code = rules.validate(s, _config_default_packs(select=("EK108",)))
    assert [f.code for f in by_code.findings] == ["EK108"]
    by_pack = rules.validate(s, _config_default_packs(packs=("national", "chongqing")))
    assert "EK108" in [f.code for f in by_pack.findings]
    assert not any(r.startswith("EK5") for r in by_pack.rules)


def test_system_without_root_is_not_chongqing():
    s = attrs.evolve(h.base(), root=None)
    assert rules.CHONGQING not in rules.active_packs(s, _config_default_packs())


# -- totality -----------------------------------------------------------------------


def test_failing_rule_becomes_an_internal_finding():
    @rules.rule("EK997", rules.Level.WARNING, zh="坏规则", en="broken rule", source="test")
    def broken(ctx):
        """Always raises."""
        raise ZeroDivisionError("boom")

    try:
        report = rules.validate(h.base(), h.config())
    finally:
        rules.unregister("EK997")
    (f,) = report.findings
    assert (f.code, f.severity) == ("EK000", rules.Level.ERROR)
    assert "EK997" in f.message("en") and "ZeroDivisionError" in f.message("en")
    assert "EK997" in report.rules
    assert "EK997" not in [r.code for r in rules.registry()]


def test_failing_generator_midway_keeps_nothing_half_done():
    @rules.rule("EK996", rules.Level.INFO, zh="半途", en="midway", source="test")
    def midway(ctx):
        """Yields one finding, then raises."""
        yield ctx.finding("一", "one")
        raise KeyError("x")

    try:
        codes = h.codes(h.base())
    finally:
        rules.unregister("EK996")
    assert codes == ["EK000"]


def test_register_refuses_taken_and_malformed_codes():
    with pytest.raises(ValueError, match="taken"):
        rules.rule("EK101", rules.Level.INFO, zh="重", en="dup", source="t")(lambda ctx: ())
    with pytest.raises(ValueError, match="three digits"):
        rules.rule("EK12", rules.Level.INFO, zh="坏", en="bad", source="t")(lambda ctx: ())
    with pytest.raises(ValueError, match="docstring"):
        rules.rule("EK995", rules.Level.INFO, zh="无", en="none", source="t")(lambda ctx: ())
    assert "EK995" not in [r.code for r in rules.registry()]


def test_messy_system_gets_a_report_not_an_exception():
    s = h.base()
    s = h.add(s, "agencies", h.agency("yjj", ek.AgencyKind.OTHER, parent="ghost"))  # duplicate
    s = h.edit(s, "jurisdictions", "cq", parent="wz")  # cycle
    s = h.edit(s, "plans", "overall", parent="special", lead="t1", issuer="nowhere")
    s = h.edit(s, "teams", "t1", commander="t2", tier="flood", category="nowhere")
    s = h.edit(s, "agencies", "gov", parent="centre")
    s = h.add(s, "relations", ek.Link(source="x", relation=ek.Relation.COMMANDS, target="x"))
    report = rules.validate(s, h.config())
    found = set(report.by_code)
    assert "EK000" not in found
    assert {"EK001", "EK002", "EK003", "EK004", "EK111", "EK501"} <= found


def test_empty_system():
    report = rules.validate(ek.EmergencySystem(id="s", name=L(zh="空")), h.config())
    assert [f.code for f in report.findings] == ["EK005"]


def test_every_rule_documents_itself():
    for r in rules.registry():
        assert r.rationale and r.source and r.title.zh and r.title.en, r.code
        assert r.code[:3] in {"EK0", "EK1", "EK2", "EK3", "EK4", "EK5", "EK6", "EK7"}


# -- the working-day calendar --------------------------------------------------------


def test_twenty_working_days_over_weekends():
    cal = rules.WorkingCalendar()
    assert cal.add_working_days(d(2024, 1, 1), 20) == d(2024, 1, 29)
    assert cal.working_days_between(d(2024, 1, 1), d(2024, 1, 29)) == 20


def test_twenty_working_days_with_holidays_and_a_swapped_weekend():
    # National Day 2024: 1–7 October off, Sunday 29 September and Saturday 12 October worked.
    holidays = tuple(d(2024, 10, day) for day in range(1, 8))
    cal = rules.WorkingCalendar(holidays=holidays, workdays=(d(2024, 9, 29), d(2024, 10, 12)))
    assert cal.is_working_day(d(2024, 9, 29)) and not cal.is_working_day(d(2024, 10, 2))
    end = cal.add_working_days(d(2024, 9, 27), 20)
    assert end == d(2024, 10, 30)
    assert cal.working_days_between(d(2024, 9, 27), end) == 20


@pytest.mark.parametrize("span", [0, 1, 6, 7, 30, 400])
def test_counting_and_adding_agree(span):
    cal = rules.WorkingCalendar(holidays=(d(2024, 5, 1), d(2024, 5, 4)), workdays=(d(2024, 5, 11),))
    start = d(2024, 4, 26)
    assert cal.working_days_between(start, cal.add_working_days(start, span)) == span


def test_calendar_refuses_non_dates_and_negative_counts():
    with pytest.raises(TypeError):
        rules.WorkingCalendar(holidays=("2024-10-01",))
    with pytest.raises(ValueError, match="≥ 0"):
        rules.WorkingCalendar().add_working_days(d(2024, 1, 1), -1)
