"""The builder that synthetic() and systems() share: its bounds come from the config."""

import datetime as dt
import random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emergencykit import rules
from emergencykit.datasets import synthetic
from emergencykit.datasets._builder import (
    DEFAULT_BOUNDS,
    Bounds,
    Builder,
    RandomChooser,
)
from emergencykit.model import AdminLevel, AgencyKind, DrillScope, EmergencySystem, PlanKind
from emergencykit.strategies import systems

AS_OF = dt.date(2024, 1, 1)


def test_bounds_are_the_default_validation_parameters() -> None:
    config = rules.ValidationConfig(as_of=AS_OF)
    national = config.params_for(rules.NATIONAL)
    chongqing = config.params_for(rules.CHONGQING)
    ics = config.params_for(rules.ICS)
    assert Bounds.of(national, chongqing, ics) == DEFAULT_BOUNDS
    assert DEFAULT_BOUNDS.span_max == ics.span_max
    assert DEFAULT_BOUNDS.filing_working_days == national.filing_working_days
    assert DEFAULT_BOUNDS.release == national.release_deadline
    assert DEFAULT_BOUNDS.press_conference == national.press_conference_deadline
    assert DEFAULT_BOUNDS.unit_report == national.unit_report
    assert DEFAULT_BOUNDS.report_hop == national.report_hop
    assert DEFAULT_BOUNDS.reply_months == national.reply_months
    assert DEFAULT_BOUNDS.inspection_years == national.inspection_years
    assert DEFAULT_BOUNDS.drill_years == min(
        chongqing.local_drill_years, national.special_drill_years, national.safety_drill_years
    )
    assert DEFAULT_BOUNDS.revision_years == min(
        chongqing.revision_years_city, chongqing.revision_years_township
    )


def test_bounds_follow_other_parameters() -> None:
    bounds = Bounds.of(
        rules.NationalParams(filing_working_days=7),
        rules.ChongqingParams(local_drill_years=2, revision_years_township=2),
        rules.IcsParams(span_max=5),
    )
    assert (bounds.filing_working_days, bounds.span_max) == (7, 5)
    assert (bounds.drill_years, bounds.revision_years) == (2, 2)


def _plan_under(bounds: Bounds, seed: int) -> EmergencySystem:
    b = Builder(RandomChooser(random.Random(seed)), AS_OF, bounds)
    jid = b.place("x", "某市", None, AdminLevel.PROVINCIAL, None)
    ids = b.bodies("x", "某市", "City", jid, None, None)
    b.plan(
        "plan-x",
        "总体预案",
        None,
        PlanKind.OVERALL,
        jid,
        ids["gov"],
        ids["gov"],
        (),
        None,
        (),
        (DrillScope.COMPREHENSIVE,),
        ids["yjj"],
        None,
    )
    b.organisation("org-x", "协会", None, jid, ids)
    b.protocol("x", "某市", "City", jid, ids)
    return EmergencySystem(
        id="s", name=b.out["jurisdictions"][0].name, root=jid, **b.system_parts()
    )


@given(seed=st.integers(0, 2**32 - 1))
@settings(max_examples=30)
def test_tighter_bounds_are_kept(seed: int) -> None:
    # Tighter than any default: the builder's own preferences must give way.
    tight = attrs.evolve(
        DEFAULT_BOUNDS,
        filing_working_days=6,
        revision_years=1,
        release=dt.timedelta(hours=2),
        press_conference=dt.timedelta(hours=3),
        unit_report=dt.timedelta(minutes=20),
    )
    system = _plan_under(tight, seed)
    (plan,) = system.plans
    assert plan.issued is not None and plan.filed is not None
    assert 5 <= (plan.filed.earliest() - plan.issued.earliest()).days <= 6
    assert all(AS_OF - d.date.earliest() < dt.timedelta(days=365) for d in plan.drills)
    assert all(
        r.date and AS_OF - r.date.earliest() < dt.timedelta(days=365) for r in plan.revisions
    )
    (protocol,) = system.protocols
    assert protocol.deadlines is not None
    assert protocol.deadlines.authoritative_release == dt.timedelta(hours=2)
    assert protocol.deadlines.press_conference == dt.timedelta(hours=3)
    assert protocol.deadlines.first_report == dt.timedelta(minutes=20)


def test_a_date_window_is_cut_at_the_bound() -> None:
    b = Builder(RandomChooser(random.Random(0)), AS_OF)
    assert {(AS_OF - b.ago(400, 400, years=1)).days for _ in range(5)} == {364}
    assert {(AS_OF - b.ago(400, 400)).days for _ in range(5)} == {400}


def test_the_random_chooser_is_the_seeded_generators() -> None:
    a, b = RandomChooser(random.Random(3)), random.Random(3)
    assert [a.integer(1, 9) for _ in range(5)] == [b.randint(1, 9) for _ in range(5)]
    assert [a.chance(0.3) for _ in range(5)] == [b.random() < 0.3 for _ in range(5)]
    assert a.some("abcdef", 0.5) == [x for x in "abcdef" if b.random() < 0.5]
    assert a.pick("xyz") == b.choice("xyz")


def test_the_random_choosers_integers_are_randint_s_over_every_width() -> None:
    # Small, power-of-two and wide ranges: the draw reads a different number of bits.
    ranges = [(0, 0), (1, 2), (5, 8), (0, 255), (12, 150), (-3, 3), (0, 2**40)] * 30
    a, b = RandomChooser(random.Random(7)), random.Random(7)
    assert [a.integer(lo, hi) for lo, hi in ranges] == [b.randint(lo, hi) for lo, hi in ranges]
    with pytest.raises(ValueError, match="empty range"):
        a.integer(3, 2)


def test_a_generator_without_randbelow_is_asked_randint() -> None:
    class Plain(random.Random):
        _randbelow = None  # type: ignore[assignment]

    rng = Plain(1)
    assert RandomChooser(rng).integer == rng.randint


SHARED = ("aspects", "institutions", "dispatch_modes", "team_categories", "event_types")


@pytest.fixture(scope="module")
def national() -> EmergencySystem:
    return synthetic(objects=500, seed=0)


@given(system=systems(depth=(1, 3)))
@settings(max_examples=20)
def test_both_callers_name_the_same_facts_alike(
    national: EmergencySystem, system: EmergencySystem
) -> None:
    # One table per fact: an aspect, mode, category or event type that
    # systems() draws is the very object synthetic() builds, label and all.
    for name in SHARED:
        known = {x.id: x for x in getattr(national, name)}
        for item in getattr(system, name):
            if name == "institutions":
                item = attrs.evolve(item, owner=known[item.id].owner, time_limit=None)
                assert attrs.evolve(known[item.id], time_limit=None) == item
            elif name == "aspects":
                assert known[item.id].name == item.name
                assert set(item.institutions) <= set(known[item.id].institutions)
            else:
                assert known[item.id] == item
    for tier in (t for s in system.tier_schemes for t in s.tiers):
        assert tier in national.tier_schemes[0].tiers
    kinds = {a.id.split("-")[0]: a.kind for a in national.agencies}
    for agency in system.agencies:
        prefix = agency.id.split("-")[0]
        if not prefix.startswith("dept"):
            assert kinds[prefix] is agency.kind
            assert agency.kind is not AgencyKind.OTHER
