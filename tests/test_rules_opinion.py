"""EK4xx: public opinion."""

import datetime as dt

import pytest
import rules_helpers as h

import emergencykit as ek
from emergencykit import rules

AREA = "EK4"
H = dt.timedelta


def _deadlines(**kw):
    return ek.Deadlines(
        **{"authoritative_release": H(hours=5), "press_conference": H(hours=24), **kw}
    )


CASES = {
    "EK401": lambda s: h.edit(s, "protocols", "protocol", lead=None),
    "EK402": lambda s: h.edit(s, "protocols", "protocol", lead="yjj", first_report_to=("yjj",)),
    "EK403": lambda s: h.edit(
        s, "protocols", "protocol", deadlines=_deadlines(authoritative_release=H(hours=6))
    ),
    "EK404": lambda s: h.edit(
        s, "protocols", "protocol", deadlines=_deadlines(press_conference=H(hours=48))
    ),
    "EK405": lambda s: h.edit(s, "protocols", "protocol", press_release=None),
    "EK406": lambda s: h.edit(s, "protocols", "protocol", instruction_sources=("xcb", "yjj")),
    "EK407": lambda s: h.edit(s, "protocols", "protocol", first_report_to=("gov",)),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_on_a_broken_system(code):
    assert code in h.codes(CASES[code](h.base()))


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_is_quiet_on_the_valid_base(code):
    assert code not in h.codes(h.base())


def test_every_rule_of_the_area_has_a_case():
    assert set(CASES) == {r.code for r in rules.registry() if r.area == AREA}


def test_missing_deadlines_fire_both_deadline_rules():
    s = h.edit(h.base(), "protocols", "protocol", deadlines=None)
    assert {"EK403", "EK404"} <= set(h.codes(s))


def test_deadlines_only_for_especially_major_events_leave_major_ones_out():
    narrow = _deadlines(severity=ek.Severity.ESPECIALLY_MAJOR)
    s = h.edit(h.base(), "protocols", "protocol", deadlines=narrow)
    assert {"EK403", "EK404"} <= set(h.codes(s))


def test_release_deadline_message():
    (f,) = h.findings(CASES["EK403"](h.base()), "EK403")
    assert f.path == "$.protocols[0].deadlines.authoritative_release"
    assert "6 h" in f.message("en") and "5 h" in f.message("en")


def test_one_source_of_instructions_listed_twice_is_one():
    s = h.edit(h.base(), "protocols", "protocol", instruction_sources=("xcb", "xcb"))
    assert h.findings(s, "EK406") == []


def test_instruction_sources_do_not_breach_unity_of_command():
    assert "EK502" not in h.codes(CASES["EK406"](h.base()))
    assert rules.Level.ERROR is h.findings(CASES["EK406"](h.base()), "EK406")[0].severity
