"""EK1xx: plans and drills."""

import datetime as dt

import attrs
import pytest
import rules_helpers as h

import emergencykit as ek
from emergencykit import rules

AREA = "EK1"
L = ek.Label
d = dt.date


def _plan(s, id):
    return next(p for p in s.plans if p.id == id)


def _township(s):
    tw = ek.Jurisdiction(id="tw", name=L(zh="某镇"), level=ek.AdminLevel.TOWNSHIP, parent="wz")
    return h.add(s, "jurisdictions", tw)


CASES = {
    "EK101": lambda s: h.edit(s, "plans", "special", lead=None),
    "EK102": lambda s: h.edit(_township(s), "plans", "overall", jurisdiction="tw"),
    "EK103": lambda s: h.edit(s, "plans", "special", lead="gov"),
    "EK104": lambda s: h.edit(s, "jurisdictions", "wz", hazards=("quake",)),
    "EK105": lambda s: h.edit(s, "plans", "special", sections=(ek.PlanSection.RESPONSE,)),
    "EK106": lambda s: h.edit(s, "plans", "overall", issued=d(2010, 1, 4), filed=d(2010, 1, 8)),
    "EK107": lambda s: h.edit(
        s, "plans", "special", drills=(ek.Drill(date=d(2020, 1, 1), scope=ek.DrillScope.SPECIAL),)
    ),
    "EK108": lambda s: h.edit(
        s, "plans", "special", drills=(ek.Drill(date=d(2023, 1, 1), scope=ek.DrillScope.SPECIAL),)
    ),
    "EK109": lambda s: h.edit(
        s,
        "plan_systems",
        "ps",
        drill_policy=ek.DrillPolicy(comprehensive_per_year=1, special_per_year=3),
    ),
    "EK110": lambda s: h.edit(s, "plans", "overall", filed=d(2023, 3, 30)),
    "EK111": lambda s: h.edit(s, "plans", "overall", parent="special"),
    "EK112": lambda s: h.edit(
        s,
        "plan_systems",
        "ps",
        progress=(
            ek.RevisionProgress(scope=L(zh="专项预案"), revised=1, total=3, due=d(2024, 1, 1)),
        ),
    ),
    "EK113": lambda s: h.edit(
        s, "documents", "doc", status=ek.DocumentStatus.PLANNED, due=d(2024, 1, 1)
    ),
    "EK114": lambda s: h.edit(s, "plans", "special", drills=()),
    "EK115": lambda s: h.edit(
        s,
        "plans",
        "special",
        event_types=("chem",),
        drills=(ek.Drill(date=d(2022, 3, 1), scope=ek.DrillScope.SPECIAL),),
    ),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_on_a_broken_system(code):
    assert code in h.codes(CASES[code](h.base()))


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_is_quiet_on_the_valid_base(code):
    assert code not in h.codes(h.base())


def test_every_rule_of_the_area_has_a_case():
    assert set(CASES) == {r.code for r in rules.registry() if r.area == AREA}


def test_plan_without_lead_points_at_the_field():
    (f,) = h.findings(CASES["EK101"](h.base()), "EK101")
    assert (f.path, f.subjects, f.severity) == ("$.plans[1].lead", ("special",), rules.Level.ERROR)
    assert "flood plan" in f.message("en") and "防汛专项预案" in f.message("zh")


def test_uncovered_hazard_path_and_subjects():
    s = h.add(
        CASES["EK104"](h.base()),
        "event_types",
        ek.EventType(
            id="quake",
            name=L(zh="地震", en="earthquake"),
            category=ek.EventCategory.NATURAL_DISASTER,
        ),
    )
    (f,) = h.findings(s, "EK104")
    assert f.path == "$.jurisdictions[1].hazards[0]"
    assert "earthquake" in f.message("en")


def test_hazard_covered_by_a_plan_above_is_covered():
    s = h.edit(h.base(), "jurisdictions", "wz", hazards=("flood",))
    assert h.findings(s, "EK104") == []


def test_plan_without_sections_is_not_judged():
    s = h.edit(h.base(), "plans", "special", sections=())
    assert h.findings(s, "EK105") == []


def test_township_plans_are_revised_within_three_years():
    s = h.add(
        _township(h.base()),
        "plans",
        ek.Plan(
            id="tp",
            title=L(zh="镇预案"),
            kind=ek.PlanKind.TOWNSHIP,
            jurisdiction="tw",
            lead="yjj",
            issued=d(2021, 1, 4),
            filed=d(2021, 1, 8),
        ),
    )
    assert [f.subjects for f in h.findings(s, "EK106")] == [("tp",)]
    assert h.findings(s, "EK106", params=(rules.ChongqingParams(revision_years_township=4),)) == []


def test_revision_clock_runs_from_the_last_revision():
    s = CASES["EK106"](h.base())
    revised = ek.Revision(status=ek.RevisionStatus.DONE, date=d(2022, 1, 1))
    s = h.edit(s, "plans", "overall", revisions=(revised,))
    assert h.findings(s, "EK106") == []


def test_drill_rules_ignore_plans_without_recorded_drills():
    s = CASES["EK114"](h.base())
    assert {"EK107", "EK108", "EK115"}.isdisjoint(h.codes(s))


def test_drill_policy_message_counts_what_was_recorded():
    (f,) = h.findings(CASES["EK109"](h.base()), "EK109")
    assert "special drill: 3 required, 2 recorded" in f.message("en")


def test_filing_late_counts_working_days():
    (f,) = h.findings(CASES["EK110"](h.base()), "EK110")
    assert f.path == "$.plans[0].filed"
    assert "filed 63 working days after issue" in f.message("en")


def test_filing_respects_holidays():
    # Issued Mon 2023-01-02; 20 working days end on 2023-01-30, or later with holidays.
    s = h.edit(h.base(), "plans", "overall", filed=d(2023, 1, 31))
    assert len(h.findings(s, "EK110")) == 1
    cal = rules.WorkingCalendar(holidays=(d(2023, 1, 23), d(2023, 1, 24)))
    assert h.findings(s, "EK110", params=(rules.NationalParams(calendar=cal),)) == []


def test_never_filed_plan():
    s = h.edit(h.base(), "plans", "overall", filed=None)
    (f,) = h.findings(s, "EK110")
    assert "no filing on record" in f.message("en")
    assert h.findings(h.edit(s, "plans", "overall", filed_with="gov"), "EK110") == []


def test_plan_cycle_reported_once():
    (f,) = h.findings(CASES["EK111"](h.base()), "EK111")
    assert f.subjects == ("overall", "special")


def test_planned_revision_past_due():
    rev = ek.Revision(status=ek.RevisionStatus.PLANNED, due=d(2024, 1, 1))
    s = h.edit(h.base(), "plans", "special", revisions=(rev,))
    (f,) = h.findings(s, "EK113")
    assert f.path == "$.plans[1].revisions[0].due"


def test_special_plan_led_by_a_command_body():
    s = h.edit(h.base(), "plans", "special", lead="hq")
    assert [f.subjects for f in h.findings(s, "EK103")] == [("special", "hq")]


def test_chongqing_drill_rule_only_in_its_pack():
    s = CASES["EK108"](h.base())
    national = (rules.NATIONAL, rules.ICS)
    assert "EK108" not in h.codes(s, packs=national)
    assert "EK108" in h.codes(s, packs=national, select=("EK108",))
    assert attrs.has(type(s))
