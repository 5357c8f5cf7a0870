"""Examples of :func:`emergencykit.scenario.simulate`: the embedded model, and a
small hand-built system on which each EK8xx gap fires on a bad case and stays
quiet on a good one."""

import datetime as dt

import attrs
import pytest

from emergencykit import (
    AdminLevel,
    Agency,
    AgencyKind,
    Capability,
    Completeness,
    Deadlines,
    EmergencySystem,
    EventCategory,
    EventType,
    ForceDomain,
    Jurisdiction,
    Label,
    OpinionProtocol,
    Plan,
    PlanKind,
    PressReleasePlan,
    Sector,
    Team,
    Tier,
    TierScheme,
)
from emergencykit.datasets import chongqing_2022
from emergencykit.errors import ArgumentError
from emergencykit.rules import FindingKind, Level
from emergencykit.scenario import GAPS, Incident, Phase, ScenarioConfig, Timeline, simulate

H = dt.timedelta(hours=1)


def incident(event: str = "flood", level: str = "IV", where: str = "c1") -> Incident:
    return Incident(
        event_type=event, level=level, jurisdiction=where, start="2024-07-01T08:00+08:00"
    )


def place(jid: str, level: AdminLevel, parent: str | None = None, code: str | None = None):
    return Jurisdiction(id=jid, name=Label(zh=jid, en=jid), level=level, parent=parent, code=code)


def agency(aid: str, kind: AgencyKind, jid: str, sector: Sector | None = None, parent=None):
    return Agency(
        id=aid,
        name=Label(zh=aid, en=aid),
        kind=kind,
        jurisdiction=jid,
        sector=sector,
        parent=parent,
    )


GOV, DEPT = AgencyKind.GOVERNMENT, AgencyKind.GOVERNMENT_DEPARTMENT
EM = Sector.EMERGENCY_MANAGEMENT


def small() -> EmergencySystem:
    """A province ``p`` with counties ``c1`` (code 500101) and ``c2``, and a township ``t1``
    under ``c1`` where no agency sits."""
    return EmergencySystem(
        id="small",
        name=Label(zh="示例", en="example"),
        root="p",
        jurisdictions=(
            place("p", AdminLevel.PROVINCIAL),
            place("c1", AdminLevel.COUNTY, "p", code="500101"),
            place("c2", AdminLevel.COUNTY, "p"),
            place("t1", AdminLevel.TOWNSHIP, "c1"),
        ),
        agencies=(
            agency("gov-p", GOV, "p", Sector.GENERAL),
            agency("yjj-p", DEPT, "p", EM, parent="gov-p"),
            agency("xcb-p", AgencyKind.PARTY_DEPARTMENT, "p", Sector.PUBLICITY),
            agency("gov-c1", GOV, "c1", Sector.GENERAL, parent="gov-p"),
            agency("yjj-c1", DEPT, "c1", EM, parent="gov-c1"),
            agency("wjw-c1", DEPT, "c1", Sector.HEALTH, parent="gov-c1"),
            agency("gov-c2", GOV, "c2", Sector.GENERAL, parent="gov-p"),
            agency("yjj-c2", DEPT, "c2", EM, parent="gov-c2"),
        ),
        event_types=(
            EventType(
                id="flood",
                name=Label(zh="洪涝", en="flood"),
                category=EventCategory.NATURAL_DISASTER,
            ),
            EventType(
                id="chem",
                name=Label(zh="危化", en="chemicals"),
                category=EventCategory.ACCIDENT_DISASTER,
            ),
            EventType(
                id="flu",
                name=Label(zh="传染病", en="outbreak"),
                category=EventCategory.PUBLIC_HEALTH,
            ),
        ),
        plans=(
            Plan(
                id="overall-p",
                title=Label(zh="省总体预案"),
                kind=PlanKind.OVERALL,
                jurisdiction="p",
                lead="gov-p",
            ),
            Plan(
                id="overall-c1",
                title=Label(zh="县总体预案"),
                kind=PlanKind.OVERALL,
                jurisdiction="c1",
                lead="gov-c1",
            ),
            Plan(
                id="flood-c1",
                title=Label(zh="县防汛预案"),
                kind=PlanKind.SPECIAL,
                jurisdiction="c1",
                lead="yjj-c1",
                members=("wjw-c1",),
                event_types=("flood",),
            ),
            Plan(
                id="overall-c2",
                title=Label(zh="县2总体预案"),
                kind=PlanKind.OVERALL,
                jurisdiction="c2",
                lead="gov-c2",
            ),
        ),
        tier_schemes=(
            TierScheme(
                id="tiers",
                name=Label(zh="分层"),
                tiers=(
                    Tier(id="first", rank=1, name=Label(zh="骨干")),
                    Tier(id="second", rank=2, name=Label(zh="精锐")),
                ),
            ),
        ),
        teams=(
            Team(
                id="water-c1",
                name=Label(zh="水上救援队"),
                capabilities=(Capability.WATER_RESCUE,),
                tier="second",
                jurisdiction="c1",
                commander="yjj-c1",
            ),
            Team(
                id="rescue-c2",
                name=Label(zh="综合救援队"),
                domain=ForceDomain.ACCIDENT_DISASTER,
                tier="first",
                jurisdiction="c2",
                commander="yjj-c2",
            ),
            Team(
                id="med-c1",
                name=Label(zh="医疗队"),
                domain=ForceDomain.HEALTH,
                capabilities=(Capability.EMERGENCY_MEDICAL,),
                jurisdiction="c1",
                commander="wjw-c1",
            ),
        ),
        protocols=(
            OpinionProtocol(
                id="op-p",
                name=Label(zh="舆情引导", en="opinion"),
                jurisdiction="p",
                lead="xcb-p",
                first_report_to=("xcb-p",),
                also_report_to=("gov-p",),
                deadlines=Deadlines(
                    first_report=2 * H, authoritative_release=3 * H, press_conference=12 * H
                ),
                press_release=PressReleasePlan(department="xcb-p"),
            ),
        ),
    )


def codes(timeline: Timeline) -> list[str]:
    return [f.code for f in timeline.findings]


# -- the embedded model ---------------------------------------------------------------


def test_a_major_flood_in_wanzhou_activates_the_municipal_overall_plan() -> None:
    timeline = simulate(chongqing_2022(), incident("flood", "II", "cq-wanzhou"))
    (activation,) = timeline.phase(Phase.ACTIVATION)
    assert activation.subject == "plan-cq-overall"
    assert activation.responsible == ("cq-zf",)  # the issuer: the plan names no lead
    assert "重庆市应对突发事件总体预案" in activation.sources[0]
    assert "分级负责" in activation.sources[1]
    (command,) = timeline.phase(Phase.COMMAND)
    assert command.responsible == ("cq-zf",) and command.sources == (
        "《重庆市应对突发事件总体预案》 (plan-cq-overall) issuer",
    )


def test_the_reporting_chain_of_a_flood_in_wanzhou() -> None:
    timeline = simulate(chongqing_2022(), incident("flood", "II", "cq-wanzhou"))
    hop, first = timeline.phase(Phase.REPORTING)
    # No agency of 万州区 is in the data: its report goes up with nobody named.
    assert hop.responsible == () and hop.to == ("cq-yjj", "cq-zf") and hop.offset is None
    assert first.subject == "op-cq" and first.to == ("cq-xcb", "cq-sw", "cq-zf")
    release, press = timeline.phase(Phase.RELEASE)
    assert (release.offset, press.offset) == (5 * H, 24 * H)
    assert release.responsible == ("cq-xcb",) and release.subject == "cq-wanzhou"
    assert "国办发〔2016〕80号 (N11)" in release.sources
    assert "EK807" in codes(timeline)


def test_chongqing_sends_the_bureaus_teams_and_asks_about_the_groups_nobody_forms() -> None:
    # The letter names no commander for any team: a team the bureau forms
    # answers to it (EK301's reading), a counted group formed by nobody named
    # cannot be sent.
    timeline = simulate(chongqing_2022(), incident("flood", "II", "cq-wanzhou"))
    sent = timeline.phase(Phase.DISPATCH)
    assert [s.subject for s in sent] == ["team-cq-commanders", "team-cq-corps"]
    assert all(s.responsible == ("cq-zf",) for s in sent)
    assert all(any("EK301" in src for src in s.sources) for s in sent)
    (away,) = [f for f in timeline.findings if f.code == "EK811"]
    assert away.is_question
    assert {"fg-aviation", "fg-backbone-local"} <= set(away.subjects)
    assert "team-cq-corps" not in away.subjects
    assert "team-cq-traffic-order" not in away.subjects  # public order does not fit a flood
    assert "fg-health-municipal" not in away.subjects  # nor do the health teams
    assert "EK810" not in codes(timeline)
    # Without the bureau, its teams cannot be reached.
    without = simulate(
        chongqing_2022(), incident("flood", "II", "cq-wanzhou"), unavailable={"cq-yjj"}
    )
    assert without.phase(Phase.DISPATCH) == ()
    assert "EK810" in codes(without)


def test_the_district_is_found_by_its_division_code() -> None:
    by_code = simulate(chongqing_2022(), incident("flood", "II", "500101"))
    by_id = simulate(chongqing_2022(), incident("flood", "II", "cq-wanzhou"))
    assert by_code.steps == by_id.steps and by_code.findings == by_id.findings
    assert by_code.phase(Phase.RELEASE)[0].subject == "cq-wanzhou"


def test_chongqing_has_no_prefecture_so_the_municipality_handles_a_large_incident() -> None:
    large = simulate(chongqing_2022(), incident("flood", "III", "cq-wanzhou"))
    (activation,) = large.phase(Phase.ACTIVATION)
    assert activation.subject == "plan-cq-overall" and "统一指挥" in activation.action.zh
    assert "EK805" not in codes(large)
    # A production-safety accident of grade IV goes up to the prefecture by law:
    # in Chongqing, to the municipality, 1 h for the unit and 2 h for the hop.
    accident = simulate(chongqing_2022(), incident("work_safety", "IV", "cq-wanzhou"))
    hops = [s for s in accident.phase(Phase.REPORTING) if s.subject in ("cq-wanzhou", "cq")]
    assert [(s.subject, s.offset) for s in hops] == [("cq-wanzhou", H), ("cq", 3 * H)]
    assert hops[1].to == ("cq-yjj", "cq-zf")


def test_the_embedded_model_by_district_id_and_by_level() -> None:
    system = chongqing_2022()
    ordinary = simulate(system, incident("flood", "IV", "cq-wanzhou"))
    # 一般: handled in 万州区, which has no plan in the data.
    assert ordinary.phase(Phase.ACTIVATION) == () and "EK803" in codes(ordinary)
    gravest = simulate(system, incident("flood", "I", "cq-wanzhou"))
    assert [s.subject for s in gravest.phase(Phase.ACTIVATION)] == ["plan-cq-overall"]
    assert "EK805" in codes(gravest)  # the national level is not described


# -- activation, reporting, release and dispatch on the small system --------------------


def test_an_incident_named_by_its_classification_is_covered_through_its_ancestors() -> None:
    system = small()
    water = EventType(
        id="ev-water",
        name=Label(zh="水旱灾害", en="flood and drought"),
        category=EventCategory.NATURAL_DISASTER,
        classification="flood_drought",
    )
    plan = Plan(
        id="water-c1",
        title=Label(zh="县水旱灾害预案"),
        kind=PlanKind.SPECIAL,
        jurisdiction="c1",
        lead="yjj-c1",
        event_types=("ev-water",),
    )
    system = attrs.evolve(
        system, event_types=(*system.event_types, water), plans=(*system.plans, plan)
    )
    drought = simulate(system, incident("drought"))
    assert "water-c1" in [s.subject for s in drought.phase(Phase.ACTIVATION)]
    typhoon = simulate(system, incident("typhoon"))
    assert [s.subject for s in typhoon.phase(Phase.ACTIVATION)] == ["overall-c1"]
    assert "EK801" not in [f.code for f in typhoon.findings]


def test_forces_are_fitted_by_the_most_specific_class_that_has_a_row() -> None:
    (step,) = simulate(small(), incident("flood_drought")).phase(Phase.DISPATCH)
    assert step.subject == "water-c1"
    assert any(s.startswith("fit flood_drought: ") for s in step.sources)


def test_an_ordinary_flood_is_handled_by_the_county_and_its_flood_plan_leads() -> None:
    timeline = simulate(small(), incident())
    assert [(s.subject, s.responsible, s.order) for s in timeline.phase(Phase.ACTIVATION)] == [
        ("flood-c1", ("yjj-c1",), 1),
        ("overall-c1", ("gov-c1",), 2),
    ]
    command = timeline.phase(Phase.COMMAND)[0]
    assert command.responsible == ("yjj-c1",) and command.to == ("wjw-c1",)
    assert timeline.findings == ()


def test_a_major_flood_goes_up_to_the_province_with_the_county_first() -> None:
    timeline = simulate(small(), incident(level="II"))
    activation = timeline.phase(Phase.ACTIVATION)
    assert [s.subject for s in activation] == ["flood-c1", "overall-c1", "overall-p"]
    assert "先期处置" in activation[0].action.zh and "统一指挥" in activation[2].action.zh
    release, press = timeline.phase(Phase.RELEASE)
    # The protocol's own deadlines are stricter than the national 5 h / 24 h.
    assert (release.offset, press.offset) == (3 * H, 12 * H)
    assert release.sources == ("protocol op-p",)


def test_accident_reports_follow_the_statutory_limits() -> None:
    timeline = simulate(small(), incident("chem", "III", "t1"))
    reporting = [s for s in timeline.phase(Phase.REPORTING) if s.subject != "op-p"]
    assert [(s.subject, s.offset) for s in reporting] == [
        ("t1", 1 * H),
        ("c1", 3 * H),
        ("p", 5 * H),
    ]
    assert reporting[1].responsible == () and reporting[2].responsible == ("yjj-c1",)
    assert reporting[2].to == ("yjj-p", "gov-p")
    assert all(s.deadline for s in reporting)
    assert "生产安全事故报告和调查处理条例 Arts 10–11 (N9)" in reporting[2].sources


def test_public_health_reports_take_two_hours_a_hop_to_the_health_department() -> None:
    timeline = simulate(small(), incident("flu", "IV", "c1"))
    hop = timeline.phase(Phase.REPORTING)[0]
    assert hop.offset == 2 * H and hop.to == ("wjw-c1", "gov-c1")


def test_dispatch_orders_by_tier_then_fit_then_distance() -> None:
    timeline = simulate(small(), incident("chem", "II", "c1"))
    dispatched = [(s.subject, s.responsible, s.order) for s in timeline.phase(Phase.DISPATCH)]
    # rescue-c2 is of the first tier, so it goes first though it is further
    # away; the county's own medical team is sent by the county, and the
    # water team does not fit a chemicals accident.
    assert dispatched == [("rescue-c2", ("gov-p",), 1), ("med-c1", ("gov-c1",), 2)]


def test_headcounts_stay_as_approximate_as_the_data() -> None:
    from emergencykit import Approx, Count, CountUnit

    system = small()
    count = Count(value=300, unit=CountUnit.PEOPLE, approx=Approx.AT_LEAST, text="300余人")
    teams = tuple(
        attrs.evolve(t, headcount=count) if t.id == "water-c1" else t for t in system.teams
    )
    (step,) = simulate(attrs.evolve(system, teams=teams), incident()).phase(Phase.DISPATCH)
    assert step.headcount == count


def test_a_place_can_be_named_by_its_division_code() -> None:
    assert simulate(small(), incident(where="500101")) == attrs.evolve(
        simulate(small(), incident(where="c1")), incident=incident(where="500101")
    )


def test_the_config_sets_the_handling_levels() -> None:
    county = (AdminLevel.COUNTY,) * 4
    timeline = simulate(small(), incident(level="I"), ScenarioConfig(handling=county))
    assert [s.subject for s in timeline.phase(Phase.ACTIVATION)] == ["flood-c1", "overall-c1"]


def test_wrong_arguments_raise_one_clear_line() -> None:
    with pytest.raises(
        ArgumentError, match=r"^simulate\(\) takes an EmergencySystem \(got dict\)$"
    ):
        simulate({}, incident())  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="as incident"):
        simulate(small(), "flood")  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"ids \(str\) in unavailable \(got int\)"):
        simulate(small(), incident(), unavailable=[1])  # type: ignore[list-item]


# -- each gap fires on a bad case and stays quiet on a good one ---------------------------


def only(timeline: Timeline, code: str):
    found = [f for f in timeline.findings if f.code == code]
    assert found, codes(timeline)
    assert {f.source for f in found} == {GAPS[code].source}
    return found


def test_ek801_unknown_event_type() -> None:
    (f,) = only(simulate(small(), incident("quake")), "EK801")
    assert f.severity is Level.ERROR and f.subjects == ("quake",)
    assert "EK801" not in codes(simulate(small(), incident()))


def test_ek802_unknown_jurisdiction_stops_the_simulation() -> None:
    timeline = simulate(small(), incident(where="nowhere"))
    only(timeline, "EK802")
    assert timeline.steps == ()
    assert "EK802" not in codes(simulate(small(), incident(where="c2")))


def test_ek803_no_plan_applies_is_a_question_unless_the_system_is_complete() -> None:
    bare = attrs.evolve(small(), plans=())
    (f,) = only(simulate(bare, incident()), "EK803")
    assert f.kind is FindingKind.QUESTION and f.severity is Level.INFO
    complete = attrs.evolve(bare, completeness=Completeness.COMPLETE)
    (f,) = only(simulate(complete, incident()), "EK803")
    assert f.kind is FindingKind.VIOLATION and f.severity is Level.ERROR
    assert "EK803" not in codes(simulate(small(), incident()))


def test_ek804_a_plan_that_states_no_event_types_is_asked_about_not_activated() -> None:
    system = small()
    silent = Plan(
        id="geo-c1",
        title=Label(zh="地灾预案"),
        kind=PlanKind.SPECIAL,
        jurisdiction="c1",
        lead="yjj-c1",
    )
    timeline = simulate(attrs.evolve(system, plans=(*system.plans, silent)), incident())
    (f,) = only(timeline, "EK804")
    assert f.subjects == ("geo-c1",) and f.is_question
    assert "geo-c1" not in [s.subject for s in timeline.phase(Phase.ACTIVATION)]
    assert "EK804" not in codes(simulate(small(), incident()))


def test_ek805_the_level_the_severity_calls_for_is_not_described() -> None:
    (f,) = only(simulate(small(), incident(level="I")), "EK805")
    assert f.subjects == ("p",)
    assert "EK805" not in codes(simulate(small(), incident(level="II")))


def test_ek806_an_activated_plan_without_a_commander() -> None:
    system = small()
    plans = tuple(attrs.evolve(p, lead=None) if p.id == "overall-c2" else p for p in system.plans)
    timeline = simulate(attrs.evolve(system, plans=plans), incident(where="c2"))
    (f,) = only(timeline, "EK806")
    assert f.subjects == ("overall-c2",)
    assert timeline.phase(Phase.ACTIVATION)[0].responsible == ()
    assert "EK806" not in codes(simulate(small(), incident(where="c2")))


def test_ek807_nobody_receives_the_report() -> None:
    only(simulate(small(), incident(where="t1")), "EK807")  # no agency in the township
    (f,) = only(simulate(small(), incident("chem", "I", "c1")), "EK807")  # to the State Council
    assert "national" in f.message_en
    assert "EK807" not in codes(simulate(small(), incident("chem", "III", "c1")))


def test_ek808_a_protocol_reports_to_an_unknown_party() -> None:
    system = small()
    protocol = attrs.evolve(system.protocols[0], first_report_to=("xcb-p", "ghost"))
    timeline = simulate(attrs.evolve(system, protocols=(protocol,)), incident(level="II"))
    (f,) = only(timeline, "EK808")
    assert f.subjects == ("op-p", "ghost")
    first = next(s for s in timeline.phase(Phase.REPORTING) if s.subject == "op-p")
    assert "ghost" not in first.to
    assert "EK808" not in codes(simulate(small(), incident(level="II")))


def test_ek809_a_first_report_due_before_its_sender_can_know() -> None:
    system = small()
    d = Deadlines(first_report=H / 2)
    protocol = attrs.evolve(system.protocols[0], deadlines=d)
    timeline = simulate(attrs.evolve(system, protocols=(protocol,)), incident("chem", "II"))
    only(timeline, "EK809")
    first = next(s for s in timeline.phase(Phase.REPORTING) if s.subject == "op-p")
    assert first.offset == H  # no earlier than the unit's 1 h report to the county
    assert "EK809" not in codes(simulate(small(), incident("chem", "II")))


def test_ek810_no_reachable_team_fits() -> None:
    (f,) = only(simulate(small(), incident("flu", "IV", "c2")), "EK810")
    assert f.is_question
    assert "EK810" not in codes(simulate(small(), incident("flu", "IV", "c1")))


def test_ek811_a_fitting_team_nobody_commands() -> None:
    system = small()
    teams = tuple(
        attrs.evolve(t, commander=None) if t.id == "water-c1" else t for t in system.teams
    )
    (f,) = only(simulate(attrs.evolve(system, teams=teams), incident()), "EK811")
    assert f.subjects == ("water-c1",)
    assert "EK811" not in codes(simulate(small(), incident()))


def test_ek812_an_unavailable_party_nobody_takes_over_from() -> None:
    timeline = simulate(small(), incident(level="II"), unavailable={"gov-p"})
    only(timeline, "EK812")
    assert not [s for s in timeline.steps if "gov-p" in s.responsible]
    quiet = simulate(small(), incident(), unavailable={"yjj-c1"})
    assert "EK812" not in codes(quiet)
    lead = quiet.phase(Phase.ACTIVATION)[0]
    assert lead.responsible == ("gov-c1",) and lead.fallback_for == ("yjj-c1",)


def test_ek813_an_unavailable_single_point_of_failure() -> None:
    timeline = simulate(small(), incident(level="II"), unavailable={"gov-c1"})
    (f,) = only(timeline, "EK813")
    assert f.subjects == ("gov-c1", "gov-p")
    # Cut off from the province, the water team is still sent by the county's
    # own flood plan's lead, which commands it directly.
    sent = {s.subject: s.responsible for s in timeline.phase(Phase.DISPATCH)}
    assert sent["water-c1"] == ("yjj-c1",)
    quiet = simulate(small(), incident(level="II"), unavailable={"xcb-p"})
    assert "EK813" not in codes(quiet)
    # Whether or not anything is dispatched: an unknown type fits no force.
    unknown = simulate(small(), incident("quake", "II"), unavailable={"gov-c1"})
    assert "EK813" in codes(unknown) and unknown.phase(Phase.DISPATCH) == ()


def test_ek814_an_unavailable_id_that_names_nothing() -> None:
    (f,) = only(simulate(small(), incident(), unavailable={"ghost"}), "EK814")
    assert f.subjects == ("ghost",)
    assert "EK814" not in codes(simulate(small(), incident(), unavailable={"yjj-c1"}))


def test_ek815_an_accident_graded_below_its_stated_casualties() -> None:
    from emergencykit import Approx, Count, CountUnit

    at_least_12 = Count(value=12, unit=CountUnit.PEOPLE, approx=Approx.AT_LEAST, text="12人以上")
    grave = attrs.evolve(incident("chem", "III"), deaths=at_least_12)
    (f,) = only(simulate(small(), grave), "EK815")
    assert "major (II)" in f.message_en
    assert "EK815" not in codes(simulate(small(), attrs.evolve(grave, level="II")))
    # About 12 may be fewer than 10: only a lower bound grades.
    about = attrs.evolve(at_least_12, approx=Approx.AT_MOST)
    assert "EK815" not in codes(simulate(small(), attrs.evolve(grave, deaths=about)))
    # Only production-safety accidents are graded by casualties.
    assert "EK815" not in codes(simulate(small(), attrs.evolve(grave, event_type="flood")))


def test_an_unavailable_team_is_replaced_by_the_next() -> None:
    timeline = simulate(small(), incident("chem", "II", "c1"), unavailable={"rescue-c2"})
    (first,) = timeline.phase(Phase.DISPATCH)
    assert first.subject == "med-c1" and first.fallback_for == ("rescue-c2",)


def test_every_gap_is_declared_once_with_its_titles_and_source() -> None:
    assert list(GAPS) == sorted(GAPS) and all(c.startswith("EK8") for c in GAPS)
    for gap in GAPS.values():
        assert gap.title.zh and gap.title.en and gap.source and gap.rationale
