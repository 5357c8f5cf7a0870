"""EK5xx: command structure."""

import pytest
import rules_helpers as h

import emergencykit as ek
from emergencykit import rules

AREA = "EK5"
L = ek.Label


def _many(s, n):
    return h.add(s, "teams", *(h.team(f"x{i}", "centre") for i in range(n)))


def _spof(s):
    s = h.add(s, "agencies", h.agency("brigade", ek.AgencyKind.GOVERNMENT_DEPARTMENT, "centre"))
    return h.edit(s, "teams", "t1", commander="brigade", dispatcher=None)


CASES = {
    "EK501": lambda s: h.edit(s, "agencies", "gov", parent="centre"),
    "EK502": lambda s: h.add(
        s, "relations", ek.Link(source="wjw", relation=ek.Relation.COMMANDS, target="t1")
    ),
    "EK503": lambda s: _many(s, 4),
    "EK504": lambda s: h.edit(s, "teams", "t1", commander="wjw", dispatcher=None),
    "EK505": _spof,
    "EK506": lambda s: h.edit(s, "agencies", "yjj", parent="yjj"),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_on_a_broken_system(code):
    assert code in h.codes(CASES[code](h.base()))


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_is_quiet_on_the_valid_base(code):
    assert code not in h.codes(h.base())


def test_every_rule_of_the_area_has_a_case():
    assert set(CASES) == {r.code for r in rules.registry() if r.area == AREA}


def test_cycle_reported_once_with_all_members():
    (f,) = h.findings(CASES["EK501"](h.base()), "EK501")
    assert f.subjects == ("centre", "gov", "yjj")


def test_two_commanders_named():
    (f,) = h.findings(CASES["EK502"](h.base()), "EK502")
    assert f.subjects == ("t1", "wjw", "yjj")
    assert f.path == "$.teams[0]"


def test_span_levels():
    warn = h.findings(_many(h.base(), 4), "EK503")
    assert [(f.subjects, f.severity) for f in warn] == [(("centre",), rules.Level.WARNING)]
    error = h.findings(_many(h.base(), 7), "EK503")
    assert [f.severity for f in error] == [rules.Level.ERROR]
    narrow = h.edit(h.base(), "teams", "t2", commander="centre")  # yjj keeps 2
    assert [(f.subjects, f.severity) for f in h.findings(narrow, "EK503")] == [
        (("yjj",), rules.Level.INFO)
    ]


def test_span_band_is_a_parameter():
    assert h.findings(_many(h.base(), 4), "EK503", params=(rules.IcsParams(span_max=8),)) == []


def test_team_with_no_chain_at_all_is_left_to_ek301():
    s = h.edit(h.base(), "teams", "t1", commander=None, dispatcher=None)
    codes = h.codes(s)
    assert "EK301" in codes and "EK504" not in codes


def test_single_point_counts_dependent_forces():
    (f,) = h.findings(_spof(h.base()), "EK505")
    assert f.subjects == ("brigade",)
    assert "cuts 1 force" in f.message("en")


def test_second_path_removes_the_single_point():
    s = h.edit(_spof(h.base()), "teams", "t1", dispatcher="centre")
    assert h.findings(s, "EK505") == []


def test_command_rules_silent_without_a_command_centre():
    s = h.edit(
        CASES["EK504"](h.base()),
        "agencies",
        "centre",
        kind=ek.AgencyKind.GOVERNMENT_DEPARTMENT,
        sector=None,
    )
    s = h.edit(s, "agencies", "yjj", sector=None)
    assert {"EK504", "EK505"}.isdisjoint(h.codes(s))
