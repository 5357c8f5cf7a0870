"""EK7xx: proposals and commitments."""

import datetime as dt

import pytest
import rules_helpers as h

import emergencykit as ek
from emergencykit import rules

AREA = "EK7"
d = dt.date


def _reply(s, day, signer="p4"):
    return h.edit(s, "proposals", "pp", reply=ek.Reply(date=day, signer=signer))


CASES = {
    "EK701": lambda s: _reply(s, d(2024, 6, 1)),
    "EK702": lambda s: _reply(s, d(2024, 4, 1), signer=None),
    "EK703": lambda s: h.edit(s, "commitments", "c1", responsible=None),
    "EK704": lambda s: h.edit(s, "proposals", "pp", mode=ek.HandlingMode.SOLE),
    "EK705": lambda s: h.edit(s, "proposals", "pp", lead_handler=None),
    "EK706": lambda s: h.edit(s, "proposals", "pp", reply=None),
    "EK707": lambda s: h.edit(s, "commitments", "c1", responsible="gov"),
    "EK708": lambda s: h.edit(s, "proposals", "pp", co_handlers=("xcb", "yjj")),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_on_a_broken_system(code):
    assert code in h.codes(CASES[code](h.base()))


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_is_quiet_on_the_valid_base(code):
    assert code not in h.codes(h.base())


def test_every_rule_of_the_area_has_a_case():
    assert set(CASES) == {r.code for r in rules.registry() if r.area == AREA}


def test_late_reply_is_an_error_past_six_months():
    (warn,) = h.findings(CASES["EK701"](h.base()), "EK701")
    assert warn.severity is rules.Level.WARNING
    (error,) = h.findings(_reply(h.base(), d(2024, 8, 2)), "EK701")
    assert error.severity is rules.Level.ERROR
    assert "more than 6 months" in error.message("en")


def test_reply_on_the_last_day_is_in_time():
    assert h.findings(_reply(h.base(), d(2024, 5, 1)), "EK701") == []


def test_unanswered_only_after_the_deadline():
    s = CASES["EK706"](h.base())
    assert h.findings(s, "EK706", as_of=d(2024, 5, 1)) == []
    (f,) = h.findings(s, "EK706", as_of=d(2024, 5, 2))
    assert f.path == "$.proposals[0].reply"


def test_joint_handling_without_co_handlers():
    s = h.edit(h.base(), "proposals", "pp", co_handlers=())
    (f,) = h.findings(s, "EK704")
    assert "has no co-handlers" in f.message("en")


def test_lead_listed_as_co_handler_path():
    (f,) = h.findings(CASES["EK708"](h.base()), "EK708")
    assert f.path == "$.proposals[0].co_handlers[1]"
