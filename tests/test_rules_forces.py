"""EK3xx: rescue forces."""

import pytest
import rules_helpers as h

import emergencykit as ek
from emergencykit import rules

AREA = "EK3"
L = ek.Label


def _post(a, b):
    return (ek.Post(title=L(zh="队长", en="leader"), a=a, b=b),)


CASES = {
    "EK301": lambda s: h.edit(s, "teams", "t5", commander=None),
    "EK302": lambda s: h.edit(s, "teams", "s1", dispatcher=None),
    "EK303": lambda s: h.edit(s, "teams", "s1", registered=False),
    "EK304": lambda s: h.edit(s, "teams", "h1", rapid_unit=None),
    "EK305": lambda s: h.edit(s, "teams", "h1", posts=_post("p1", None)),
    "EK306": lambda s: h.edit(s, "teams", "h1", posts=_post("p1", "p1")),
    "EK307": lambda s: h.edit(s, "teams", "h3", category="med"),
    "EK308": lambda s: h.edit(s, "teams", "h1", posts=()),
    "EK309": lambda s: h.edit(
        s, "force_groups", "social", teams=ek.Count(value=0, unit=ek.CountUnit.TEAMS)
    ),
    "EK310": lambda s: h.edit(s, "teams", "t1", tier=None),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_on_a_broken_system(code):
    assert code in h.codes(CASES[code](h.base()))


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_is_quiet_on_the_valid_base(code):
    assert code not in h.codes(h.base())


def test_every_rule_of_the_area_has_a_case():
    assert set(CASES) == {r.code for r in rules.registry() if r.area == AREA}


def test_missing_b_holder_path():
    (f,) = h.findings(CASES["EK305"](h.base()), "EK305")
    assert f.path == "$.teams[6].posts[0].b"
    assert "no B holder" in f.message("en")


def test_mandate_gap_names_the_missing_category():
    (f,) = h.findings(CASES["EK307"](h.base()), "EK307")
    assert f.subjects == ("wz", "mandate", "infect")
    assert "infect" in f.message("en")


def test_counted_group_of_a_mandate_must_state_rapid_units_and_ab_posts():
    group = ek.ForceGroup(
        id="hg",
        name=L(zh="区县卫生应急队伍"),
        domain=ek.ForceDomain.HEALTH,
        jurisdiction="cq",
        level=ek.AdminLevel.COUNTY,
        category="med",
    )
    s = h.add(h.base(), "force_groups", group)
    assert [f.subjects for f in h.findings(s, "EK304")] == [("hg", "mandate")]
    assert [f.subjects for f in h.findings(s, "EK308")] == [("hg", "mandate")]
    fixed = h.edit(s, "force_groups", "hg", rapid_units=True, ab_posts=True)
    assert {"EK304", "EK308"}.isdisjoint(h.codes(fixed))


def test_registration_unknown_is_not_judged():
    s = h.edit(h.base(), "teams", "s1", registered=None)
    assert h.findings(s, "EK303") == []


def test_social_group_without_dispatcher():
    s = h.edit(h.base(), "force_groups", "social", dispatcher=None)
    assert [f.path for f in h.findings(s, "EK302")] == ["$.force_groups[0].dispatcher"]


def test_tier_rule_silent_without_tier_schemes():
    import attrs

    s = attrs.evolve(CASES["EK310"](h.base()), tier_schemes=())
    assert h.findings(s, "EK310") == []
    assert rules.Level.INFO is h.findings(CASES["EK310"](h.base()), "EK310")[0].severity
