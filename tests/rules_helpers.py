"""Builders for the rule tests: a small valid system, and ways to break it one thing at a time."""

import datetime as dt
from typing import Any

import attrs

import emergencykit as ek
from emergencykit import rules

AS_OF = dt.date(2024, 6, 30)
L = ek.Label


def config(**changes: Any) -> rules.ValidationConfig:
    """A config as of :data:`AS_OF` with every pack on (unless ``packs`` is given)."""
    changes.setdefault("packs", (rules.NATIONAL, rules.CHONGQING, rules.ICS))
    changes.setdefault("as_of", AS_OF)
    return rules.ValidationConfig(**changes)


def codes(system: ek.EmergencySystem, **changes: Any) -> list[str]:
    """The codes of the findings on ``system``, in report order."""
    return [f.code for f in rules.validate(system, config(**changes)).findings]


def findings(system: ek.EmergencySystem, code: str, **changes: Any) -> list[rules.Finding]:
    """The findings of rule ``code`` on ``system``."""
    return [f for f in rules.validate(system, config(**changes)).findings if f.code == code]


def edit(
    system: ek.EmergencySystem, collection: str, id: str, **changes: Any
) -> ek.EmergencySystem:
    """``system`` with the object ``id`` of ``collection`` changed by ``attrs.evolve``."""
    items = tuple(
        attrs.evolve(x, **changes) if x.id == id else x for x in getattr(system, collection)
    )
    return attrs.evolve(system, **{collection: items})


def add(system: ek.EmergencySystem, collection: str, *items: Any) -> ek.EmergencySystem:
    """``system`` with ``items`` appended to ``collection``."""
    return attrs.evolve(system, **{collection: (*getattr(system, collection), *items)})


def agency(id: str, kind: ek.AgencyKind, parent: str | None = None, **kw: Any) -> ek.Agency:
    return ek.Agency(id=id, name=L(zh=id, en=id), kind=kind, jurisdiction="cq", parent=parent, **kw)


def team(id: str, commander: str | None, **kw: Any) -> ek.Team:
    kw.setdefault("domain", ek.ForceDomain.ACCIDENT_DISASTER)
    kw.setdefault("tier", "tier-backbone")
    kw.setdefault("dispatcher", "centre")
    return ek.Team(id=id, name=L(zh=id, en=id), commander=commander, **kw)


def health_team(id: str, category: str) -> ek.Team:
    return team(
        id,
        "wjw",
        domain=ek.ForceDomain.HEALTH,
        category=category,
        jurisdiction="wz",
        rapid_unit=ek.RapidUnit(),
        posts=(ek.Post(title=L(zh="队长", en="leader"), a="p1", b="p2"),),
    )


def base() -> ek.EmergencySystem:
    """A small Chongqing-rooted system on which no rule of any pack fires (as of AS_OF).

    Spans of control are 3–4 everywhere; every team is dispatched by the
    command centre directly, so nothing is a single point of failure.
    """
    d = dt.date
    hours = dt.timedelta
    all_sections = tuple(ek.PlanSection)
    return ek.EmergencySystem(
        id="demo",
        name=L(zh="示例", en="demo"),
        root="cq",
        jurisdictions=(
            ek.Jurisdiction(
                id="cq",
                name=L(zh="重庆市", en="Chongqing"),
                level=ek.AdminLevel.PROVINCIAL,
                code="500000",
                hazards=("flood",),
            ),
            ek.Jurisdiction(id="wz", name=L(zh="万州区"), level=ek.AdminLevel.COUNTY, parent="cq"),
        ),
        event_types=(
            ek.EventType(id="flood", name=L(zh="洪涝"), category=ek.EventCategory.NATURAL_DISASTER),
            ek.EventType(
                id="chem", name=L(zh="危化品"), category=ek.EventCategory.ACCIDENT_DISASTER
            ),
        ),
        persons=tuple(
            ek.Person(id=f"p{i}", name=L(zh=f"人员{i}"), agency="yjj") for i in range(1, 5)
        ),
        agencies=(
            agency("gov", ek.AgencyKind.GOVERNMENT),
            agency(
                "yjj",
                ek.AgencyKind.GOVERNMENT_DEPARTMENT,
                "gov",
                sector=ek.Sector.EMERGENCY_MANAGEMENT,
            ),
            agency(
                "centre",
                ek.AgencyKind.COMMAND_CENTRE,
                "yjj",
                sector=ek.Sector.EMERGENCY_MANAGEMENT,
            ),
            agency("wjw", ek.AgencyKind.GOVERNMENT_DEPARTMENT, "gov", sector=ek.Sector.HEALTH),
            agency("xcb", ek.AgencyKind.PARTY_DEPARTMENT, "gov", sector=ek.Sector.PUBLICITY),
        ),
        documents=(
            ek.Document(id="doc", title=L(zh="预案管理办法"), kind=ek.DocumentKind.MEASURES),
        ),
        plans=(
            ek.Plan(
                id="overall",
                title=L(zh="总体预案", en="overall plan"),
                kind=ek.PlanKind.OVERALL,
                jurisdiction="cq",
                issuer="gov",
                lead="yjj",
                event_types=("flood", "chem"),
                sections=all_sections,
                issued=d(2023, 1, 2),
                filed=d(2023, 1, 10),
                drills=(
                    ek.Drill(date=d(2024, 3, 1), scope=ek.DrillScope.COMPREHENSIVE),
                    ek.Drill(date=d(2024, 4, 1), scope=ek.DrillScope.SPECIAL),
                ),
            ),
            ek.Plan(
                id="special",
                title=L(zh="防汛专项预案", en="flood plan"),
                kind=ek.PlanKind.SPECIAL,
                jurisdiction="cq",
                issuer="gov",
                lead="yjj",
                parent="overall",
                event_types=("flood",),
                sections=all_sections,
                issued=d(2023, 2, 1),
                filed=d(2023, 2, 10),
                drills=(ek.Drill(date=d(2024, 5, 1), scope=ek.DrillScope.SPECIAL),),
            ),
        ),
        plan_systems=(
            ek.PlanSystem(
                id="ps",
                name=L(zh="预案体系"),
                jurisdiction="cq",
                plans=("overall", "special"),
                documents=("doc",),
                drill_policy=ek.DrillPolicy(comprehensive_per_year=1, special_per_year=1),
                progress=(
                    ek.RevisionProgress(
                        scope=L(zh="专项预案"), revised=3, total=3, due=d(2024, 1, 1)
                    ),
                ),
            ),
        ),
        frameworks=(ek.Framework(id="fw", name=L(zh="3+8"), aspects=("aspect",)),),
        aspects=(ek.Aspect(id="aspect", name=L(zh="值班调度"), institutions=("i1", "i2")),),
        institutions=(
            ek.Institution(
                id="i1",
                name=L(zh="信息接报"),
                function=ek.InstitutionFunction.INFORMATION_REPORTING,
                owner="yjj",
                time_limit=hours(hours=1),
            ),
            ek.Institution(id="i2", name=L(zh="力量调动"), owner="yjj"),
        ),
        dispatch_modes=(
            ek.DispatchMode(id="daily", name=L(zh="每日点名调度"), cadence=ek.Cadence.DAILY),
        ),
        dispatch_policies=(
            ek.DispatchPolicy(
                id="dp", name=L(zh="统一调度办法"), dispatcher="centre", modes=("daily",)
            ),
        ),
        command_bodies=(
            ek.CommandBody(
                id="hq", name=L(zh="指挥部"), kind=ek.BodyKind.HEADQUARTERS, host="gov", lead="p1"
            ),
        ),
        expert_panels=(
            ek.ExpertPanel(
                id="ep", name=L(zh="专家库"), kind=ek.PanelKind.EXPERT_POOL, convener="yjj"
            ),
        ),
        tier_schemes=(ek.CHONGQING_TIER_SCHEME,),
        team_categories=tuple(
            ek.TeamCategory(id=c, name=L(zh=c), domain=ek.ForceDomain.HEALTH)
            for c in ("med", "poison", "infect")
        ),
        teams=(
            team("t1", "yjj"),
            team("t2", "yjj"),
            team("t3", "centre"),
            team("t4", "centre"),
            team("t5", "centre"),
            team(
                "s1",
                "centre",
                domain=ek.ForceDomain.SOCIAL,
                registered=True,
                tier="tier-supplementary",
            ),
            health_team("h1", "med"),
            health_team("h2", "poison"),
            health_team("h3", "infect"),
        ),
        force_groups=(
            ek.ForceGroup(
                id="social",
                name=L(zh="在册社会救援力量"),
                domain=ek.ForceDomain.SOCIAL,
                dispatcher="centre",
                registered=True,
                teams=ek.Count(value=27, unit=ek.CountUnit.TEAMS),
                members=("s1",),
            ),
        ),
        mandates=(
            ek.Mandate(
                id="mandate",
                name=L(zh="区县卫生应急队伍"),
                jurisdiction="cq",
                level=ek.AdminLevel.COUNTY,
                domain=ek.ForceDomain.HEALTH,
                categories=("med", "poison", "infect"),
                rapid_unit=True,
                ab_posts=True,
            ),
        ),
        protocols=(
            ek.OpinionProtocol(
                id="protocol",
                name=L(zh="舆情引导"),
                lead="xcb",
                first_report_to=("xcb",),
                also_report_to=("gov",),
                deadlines=ek.Deadlines(
                    authoritative_release=hours(hours=5), press_conference=hours(hours=24)
                ),
                press_release=ek.PressReleasePlan(spokesperson="p3"),
                instruction_sources=("xcb",),
            ),
        ),
        organisations=(
            ek.SocialOrganization(
                id="o1",
                name=L(zh="救援协会"),
                kind=ek.OrganizationKind.EMERGENCY_RESCUE,
                registered=True,
                registered_on=d(2020, 1, 1),
                supervisor="yjj",
                inspections=(ek.Inspection(kind=ek.InspectionKind.ANNUAL, date=d(2024, 3, 1)),),
            ),
        ),
        organisation_groups=(
            ek.OrganizationGroup(
                id="og",
                name=L(zh="应急救援社会组织"),
                kind=ek.OrganizationKind.EMERGENCY_RESCUE,
                count=ek.Count(value=29, unit=ek.CountUnit.ORGANISATIONS),
                registered=True,
                members=("o1",),
            ),
        ),
        programmes=(
            ek.Programme(
                id="pg",
                name=L(zh="一线责任制"),
                kind=ek.DutyKind.ENTERPRISE_RESPONSIBILITY,
                lead="yjj",
                cadences=(ek.Cadence.DAILY, ek.Cadence.WEEKLY, ek.Cadence.MONTHLY),
            ),
        ),
        proposals=(
            ek.Proposal(
                id="pp",
                kind=ek.ProposalKind.CPPCC_PROPOSAL,
                number="0716",
                session=ek.Session(level=ek.AdminLevel.PROVINCIAL, term=5, meeting=5),
                title=L(zh="社会动员机制"),
                lead_handler="yjj",
                co_handlers=("xcb", "wjw"),
                mode=ek.HandlingMode.JOINT,
                assigned=d(2024, 2, 1),
                reply=ek.Reply(date=d(2024, 4, 1), signer="p4"),
            ),
        ),
        commitments=(
            ek.Commitment(id="c1", proposal="pp", text=L(zh="年内修订总体预案"), responsible="yjj"),
        ),
    )
