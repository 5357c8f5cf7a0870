"""EK6xx: society and duty."""

import datetime as dt

import pytest
import rules_helpers as h

import emergencykit as ek
from emergencykit import rules

AREA = "EK6"
d = dt.date

CASES = {
    "EK601": lambda s: h.edit(
        s,
        "organisations",
        "o1",
        inspections=(ek.Inspection(kind=ek.InspectionKind.ANNUAL, date=d(2023, 1, 1)),),
    ),
    "EK602": lambda s: h.edit(s, "organisations", "o1", registered=False),
    "EK603": lambda s: h.edit(s, "organisations", "o1", supervisor=None),
    "EK604": lambda s: h.edit(
        s, "organisation_groups", "og", count=ek.Count(value=0, unit=ek.CountUnit.ORGANISATIONS)
    ),
    "EK605": lambda s: h.edit(s, "programmes", "pg", cadences=(ek.Cadence.WEEKLY,)),
    "EK606": lambda s: h.edit(s, "programmes", "pg", lead=None),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_on_a_broken_system(code):
    assert code in h.codes(CASES[code](h.base()))


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_is_quiet_on_the_valid_base(code):
    assert code not in h.codes(h.base())


def test_every_rule_of_the_area_has_a_case():
    assert set(CASES) == {r.code for r in rules.registry() if r.area == AREA}


def test_inspection_clock_starts_at_registration_without_inspections():
    s = h.edit(h.base(), "organisations", "o1", inspections=())
    (f,) = h.findings(s, "EK601")
    assert "registration on 2020-01-01" in f.message("en")


def test_routine_inspections_do_not_count_as_annual():
    late = (
        ek.Inspection(kind=ek.InspectionKind.ANNUAL, date=d(2023, 1, 1)),
        ek.Inspection(kind=ek.InspectionKind.ROUTINE, date=d(2024, 5, 1)),
    )
    s = h.edit(h.base(), "organisations", "o1", inspections=late)
    assert len(h.findings(s, "EK601")) == 1


def test_unregistered_rescue_group():
    s = h.edit(h.base(), "organisation_groups", "og", registered=False)
    assert [f.path for f in h.findings(s, "EK602")] == ["$.organisation_groups[0].registered"]
    assert rules.Level.INFO is h.findings(CASES["EK606"](h.base()), "EK606")[0].severity
