"""EK2xx: the 3+8 framework and dispatch."""

import datetime as dt

import pytest
import rules_helpers as h

import emergencykit as ek
from emergencykit import rules

AREA = "EK2"
L = ek.Label

CASES = {
    "EK201": lambda s: h.edit(s, "aspects", "aspect", institutions=()),
    "EK202": lambda s: h.edit(s, "institutions", "i2", owner=None),
    "EK203": lambda s: h.add(
        s, "institutions", ek.Institution(id="i3", name=L(zh="调查评估"), owner="yjj")
    ),
    "EK204": lambda s: h.edit(s, "institutions", "i1", time_limit=dt.timedelta(hours=3)),
    "EK205": lambda s: h.edit(s, "dispatch_policies", "dp", dispatcher=None),
    "EK206": lambda s: h.edit(s, "dispatch_policies", "dp", modes=()),
    "EK207": lambda s: h.edit(s, "command_bodies", "hq", lead=None, host=None),
    "EK208": lambda s: h.edit(s, "expert_panels", "ep", convener=None),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_on_a_broken_system(code):
    assert code in h.codes(CASES[code](h.base()))


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_is_quiet_on_the_valid_base(code):
    assert code not in h.codes(h.base())


def test_every_rule_of_the_area_has_a_case():
    assert set(CASES) == {r.code for r in rules.registry() if r.area == AREA}


def test_enterprise_owned_reporting_has_one_hour():
    s = h.add(h.base(), "agencies", h.agency("firm", ek.AgencyKind.ENTERPRISE))
    s = h.edit(s, "institutions", "i1", owner="firm", time_limit=dt.timedelta(minutes=90))
    (f,) = h.findings(s, "EK204")
    assert "1.5 h" in f.message("en") and "legal 1 h" in f.message("en")


def test_reporting_limit_is_a_parameter():
    s = CASES["EK204"](h.base())
    assert (
        h.findings(s, "EK204", params=(rules.NationalParams(report_hop=dt.timedelta(hours=4)),))
        == []
    )


def test_command_body_with_only_a_host_is_fine():
    s = h.edit(h.base(), "command_bodies", "hq", lead=None)
    assert h.findings(s, "EK207") == []


def test_expert_panel_without_convener_is_info():
    (f,) = h.findings(CASES["EK208"](h.base()), "EK208")
    assert f.severity is rules.Level.INFO
