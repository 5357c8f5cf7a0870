"""A deterministic, national-shaped emergency-management system of any size.

:func:`synthetic` builds a nation → provinces → counties → townships tree with
the bodies, plans, forces, protocols, organisations and proposals that the
rules expect, valid by construction, for benchmarks and tests.  The parts come
from the builder that the ``systems()`` strategy shares
(:mod:`emergencykit.datasets._builder`); this module is the national recipe.
"""

import datetime as dt
import math
import random

from emergencykit._gc import paused_gc
from emergencykit.datasets._builder import (
    CATEGORIES,
    EVENT_IDS,
    Builder,
    RandomChooser,
)
from emergencykit.model import (
    AdminLevel,
    AgencyKind,
    Approx,
    BodyKind,
    Cadence,
    Capability,
    CommandBody,
    Commitment,
    Count,
    CountUnit,
    Document,
    DocumentKind,
    DrillPolicy,
    DrillScope,
    DutyKind,
    EmergencySystem,
    ExpertPanel,
    Facility,
    FacilityKind,
    ForceDomain,
    ForceGroup,
    Label,
    PanelKind,
    PartialDate,
    PlanKind,
    PlanSystem,
    Programme,
    Proposal,
    ProposalKind,
    Reply,
    Sector,
    Session,
)
from emergencykit.model._construct import checked

__all__ = ["MINIMUM_OBJECTS", "synthetic"]

#: Objects built once for the nation, whatever the size.
_NATIONAL = 65
#: Objects per province, county and township (see :func:`synthetic`).
_PROVINCE, _COUNTY, _TOWNSHIP = 19, 21, 6
#: The smallest system :func:`synthetic` builds: the nation, one province, one county.
MINIMUM_OBJECTS = _NATIONAL + _PROVINCE + _COUNTY

_RESCUE = (
    ("综合应急救援队", "general rescue team", "cat-rescue", Capability.SEARCH_RESCUE),
    ("危险化学品救援队", "hazmat rescue team", "cat-hazmat", Capability.HAZMAT),
    ("防汛抢险队", "flood rescue team", "cat-rescue", Capability.WATER_RESCUE),
)
_ELITE = (
    ("航空救援队", "aviation rescue team", Capability.AVIATION_MANNED),
    ("无人机救援队", "drone rescue team", Capability.AVIATION_UNMANNED),
    ("水上救援队", "water rescue team", Capability.WATER_RESCUE),
)


def _shape(objects: int) -> tuple[int, int, int, int]:
    """(provinces, counties per province, townships, filler organisations) for a size."""
    budget = max(0, objects - _NATIONAL)
    provinces = min(31, max(1, math.isqrt(budget) // 30))
    per_province = budget // provinces
    counties = max(1, math.isqrt(max(0, per_province - _PROVINCE) // _TOWNSHIP))
    while counties > 1 and _PROVINCE + counties * _COUNTY > per_province:
        counties -= 1
    rest = max(0, budget - provinces * (_PROVINCE + counties * _COUNTY))
    return provinces, counties, rest // _TOWNSHIP, rest % _TOWNSHIP


def synthetic(
    objects: int = 10_000, seed: int = 0, *, as_of: dt.date = dt.date(2024, 1, 1)
) -> EmergencySystem:
    """A national-shaped system of about ``objects`` objects, the same for the same arguments.

    The shape: a nation with provinces, each with counties, each with
    townships.  The nation, every province and every county has a
    government, an emergency-management bureau, a health commission and a
    public-security bureau under it, a publicity department and an emergency
    command centre; an overall plan led by the government and a special plan
    led by the bureau with the other departments as members; teams with a
    commander and a dispatcher.  Every county has the three mandated health
    teams (emergency medical, poisoning, infectious disease), each with a
    rapid unit and a post held by two different people; every township a
    government, an emergency office, a township plan and two teams.  The
    nation and every province add opinion protocols, a health and a social
    force group, a regional rescue centre and a registered rescue
    organisation; the nation alone the "3+8" framework, dispatch modes and
    policy, a headquarters, an expert panel, a tier scheme, the health
    mandate, a programme, two proposals with commitments, and a flood that
    the national flood plan's revision cites.

    Parameters
    ----------
    objects : int
        The target size, ``len(system)``.  The result is exact from a few
        hundred objects up and within 5 % from 100; below
        :data:`MINIMUM_OBJECTS` (105) the minimum shape is returned.
    seed : int
        Seed of the :class:`random.Random` that picks hazards, dates and
        headcounts.
    as_of : datetime.date
        The reference date: issue, revision, drill, inspection and reply dates
        fall before it, recent enough for the default rule intervals.

    Returns
    -------
    EmergencySystem
        A system rooted at ``j-cn`` in which every reference resolves and ids
        are unique, with no command cycle, one commander per unit, distinct
        A and B holders, and every team reachable from the national command
        centre along command and dispatch edges.  Built to satisfy every rule
        of the catalogue except two that a fixed-depth national hierarchy
        cannot: spans of control (EK503) of a government, which commands its
        three departments and the governments of all its child
        jurisdictions, and of a command centre, which commands the centres of
        its child jurisdictions (spans of bureaus, health commissions and
        township governments are 3); and single points of failure (EK505):
        every provincial and county command centre is the only way to its
        teams, as in any tree of command.

    Raises
    ------
    ValueError
        If ``objects`` is not positive.

    Examples
    --------
    >>> from emergencykit.datasets import synthetic
    >>> system = synthetic(objects=500, seed=1)
    >>> len(system)
    500
    >>> system == synthetic(objects=500, seed=1)
    True
    >>> system["j-cn"].name.zh, system["zx-cn"].kind.value
    ('全国', 'command_centre')
    """
    if objects < 1:
        raise ValueError(f"objects must be ≥ 1 (got {objects})")
    with paused_gc():
        return _build(objects, random.Random(seed), as_of)


def _build(objects: int, rng: random.Random, as_of: dt.date) -> EmergencySystem:
    provinces, counties, townships, filler = _shape(objects)
    b = Builder(RandomChooser(rng), as_of)
    cn = b.place("cn", "全国", "the nation", AdminLevel.NATIONAL, None)
    nat = b.bodies("cn", "国家", "National", cn, None, None)
    national_plan = _national(b, cn, nat)

    all_counties = provinces * counties
    base, extra = divmod(townships, all_counties)
    county_index = 0
    for p in range(provinces):
        pcode = f"p{p:02d}"
        pzh, pen = f"第{p + 1:02d}省", f"Province {p + 1:02d}"
        pj = b.place(pcode, pzh, pen, AdminLevel.PROVINCIAL, cn)
        prov = b.bodies(pcode, pzh, pen, pj, nat["gov"], nat["zx"])
        overall = b.plan(
            f"plan-overall-{pcode}",
            f"{pzh}突发事件总体应急预案",
            f"{pen} overall plan",
            PlanKind.OVERALL,
            pj,
            prov["gov"],
            prov["gov"],
            (),
            national_plan,
            EVENT_IDS,
            (DrillScope.COMPREHENSIVE,),
            prov["yjj"],
            nat["gov"],
        )
        b.plan(
            f"plan-flood-{pcode}",
            f"{pzh}防汛抗旱应急预案",
            f"{pen} flood plan",
            PlanKind.SPECIAL,
            pj,
            prov["gov"],
            prov["yjj"],
            (prov["wjw"], prov["gaj"]),
            overall,
            ("ev-flood",),
            (DrillScope.SPECIAL,),
            prov["yjj"],
            nat["yjj"],
        )
        b.plan(
            f"plan-hazchem-{pcode}",
            f"{pzh}危险化学品事故应急预案",
            f"{pen} hazmat plan",
            PlanKind.SPECIAL,
            pj,
            prov["gov"],
            prov["yjj"],
            (prov["wjw"], prov["gaj"]),
            overall,
            ("ev-hazchem",),
            (DrillScope.SPECIAL,),
            prov["yjj"],
            nat["yjj"],
        )
        for i, (zh, en, capability) in enumerate(_ELITE):
            b.team(
                f"team-{pcode}-elite{i}",
                f"{pzh}{zh}",
                f"{pen} {en}",
                ForceDomain.ACCIDENT_DISASTER,
                "tier-elite",
                "cat-rescue",
                AdminLevel.PROVINCIAL,
                pj,
                prov["yjj"],
                prov["yjj"],
                prov["zx"],
                capability,
            )
        b.protocol(pcode, pzh, pen, pj, prov)
        b.organisation(f"org-{pcode}", f"{pzh}应急救援协会", f"{pen} rescue association", pj, prov)
        b.out["facilities"].append(
            Facility(
                id=f"fac-{pcode}",
                name=Label(zh=f"{pzh}区域应急救援中心"),
                kind=FacilityKind.REGIONAL_RESCUE_CENTRE,
                jurisdiction=pj,
                operator=prov["yjj"],
                covers=(pj,),
            )
        )
        health_teams: list[str] = []
        for c in range(counties):
            ccode = f"{pcode}c{c:03d}"
            czh, cen = f"{pzh}第{c + 1:03d}县", f"County {p + 1:02d}-{c + 1:03d}"
            cj = b.place(ccode, czh, cen, AdminLevel.COUNTY, pj)
            cty = b.bodies(ccode, czh, cen, cj, prov["gov"], prov["zx"])
            c_overall = b.plan(
                f"plan-overall-{ccode}",
                f"{czh}突发事件总体应急预案",
                f"{cen} overall plan",
                PlanKind.OVERALL,
                cj,
                cty["gov"],
                cty["gov"],
                (),
                overall,
                EVENT_IDS,
                (DrillScope.COMPREHENSIVE,),
                cty["yjj"],
                prov["gov"],
            )
            b.plan(
                f"plan-flood-{ccode}",
                f"{czh}防汛抗旱应急预案",
                f"{cen} flood plan",
                PlanKind.SPECIAL,
                cj,
                cty["gov"],
                cty["yjj"],
                (cty["wjw"], cty["gaj"]),
                c_overall,
                ("ev-flood",),
                (DrillScope.SPECIAL,),
                cty["yjj"],
                prov["yjj"],
            )
            for i, (zh, en, category, capability) in enumerate(_RESCUE):
                b.team(
                    f"team-{ccode}-rescue{i}",
                    f"{czh}{zh}",
                    f"{cen} {en}",
                    ForceDomain.ACCIDENT_DISASTER,
                    "tier-backbone",
                    category,
                    AdminLevel.COUNTY,
                    cj,
                    cty["yjj"],
                    cty["yjj"],
                    cty["zx"],
                    capability,
                )
            health_teams += b.health_teams(
                ccode,
                czh,
                cen,
                AdminLevel.COUNTY,
                cj,
                cty["wjw"],
                cty["wjw"],
                cty["zx"],
                "tier-spearhead",
            )
            here = base + (1 if county_index < extra else 0)
            county_index += 1
            for t in range(here):
                _township(
                    b,
                    f"{ccode}t{t:03d}",
                    f"{czh}第{t + 1:03d}乡镇",
                    f"Township {p + 1:02d}-{c + 1:03d}-{t + 1:03d}",
                    cj,
                    cty,
                    c_overall,
                )
        _province_groups(b, pcode, pzh, pen, pj, prov, health_teams)

    for i in range(filler):
        pcode = f"p{i % provinces:02d}"
        prov_ids = {"gov": f"gov-{pcode}", "yjj": f"yjj-{pcode}"}
        b.organisation(
            f"org-{pcode}-extra{i}",
            f"第{i % provinces + 1:02d}省应急志愿服务队{i + 1}",
            f"volunteer rescue organisation {i + 1}",
            f"j-{pcode}",
            prov_ids,
        )

    # Its collections' items tested in one pass each, not with a call per item.
    return checked(EmergencySystem)(
        id="synthetic",
        name=Label(zh="合成全国应急管理体系", en="synthetic national emergency-management system"),
        root=cn,
        completeness=None,  # not stated: a partial description
        described=PartialDate.from_date(as_of),
        notes=(f"Generated with objects={objects}; every fact is invented.",),
        **b.system_parts(),
    )


def _township(
    b: Builder, code: str, zh: str, en: str, county: str, cty: dict[str, str], parent_plan: str
) -> None:
    tj = b.place(code, zh, en, AdminLevel.TOWNSHIP, county)
    gov = b.agency(
        "gov",
        code,
        f"{zh}人民政府",
        f"{en} Government",
        AgencyKind.GOVERNMENT,
        Sector.GENERAL,
        tj,
        cty["gov"],
    )
    office = b.agency(
        "yjb",
        code,
        f"{zh}应急管理办公室",
        f"{en} Emergency Office",
        AgencyKind.GOVERNMENT_DEPARTMENT,
        Sector.EMERGENCY_MANAGEMENT,
        tj,
        gov,
    )
    b.plan(
        f"plan-{code}",
        f"{zh}突发事件应急预案",
        f"{en} plan",
        PlanKind.TOWNSHIP,
        tj,
        gov,
        gov,
        (office,),
        parent_plan,
        ("ev-flood", "ev-geohazard"),
        (DrillScope.COMPREHENSIVE,),
        office,
        cty["gov"],
    )
    b.team(
        f"team-{code}-rescue",
        f"{zh}应急救援队",
        f"{en} rescue team",
        ForceDomain.ACCIDENT_DISASTER,
        "tier-supplementary",
        "cat-rescue",
        AdminLevel.TOWNSHIP,
        tj,
        # formed by the township office with the county bureau
        (office, cty["yjj"]),
        gov,
        cty["zx"],
        Capability.SEARCH_RESCUE,
    )
    b.team(
        f"team-{code}-volunteer",
        f"{zh}志愿救援队",
        f"{en} volunteer team",
        ForceDomain.SOCIAL,
        "tier-supplementary",
        "cat-social",
        AdminLevel.TOWNSHIP,
        tj,
        office,
        gov,
        cty["zx"],
        Capability.SEARCH_RESCUE,
    )


def _province_groups(
    b: Builder, code: str, zh: str, en: str, jid: str, ids: dict[str, str], health: list[str]
) -> None:
    b.out["force_groups"].append(
        ForceGroup(
            id=f"fg-{code}-health",
            name=Label(zh=f"{zh}区县卫生应急队伍", en=f"{en} county health teams"),
            domain=ForceDomain.HEALTH,
            tier="tier-spearhead",
            level=AdminLevel.COUNTY,
            jurisdiction=jid,
            agency=(ids["wjw"],),
            dispatcher=ids["zx"],
            teams=Count(value=len(health), unit=CountUnit.TEAMS),
            members=tuple(health),
            rapid_units=True,
            ab_posts=True,
        )
    )
    b.out["force_groups"].append(
        ForceGroup(
            id=f"fg-{code}-social",
            name=Label(zh=f"{zh}在册社会救援力量", en=f"{en} registered social forces"),
            domain=ForceDomain.SOCIAL,
            tier="tier-supplementary",
            jurisdiction=jid,
            agency=(ids["yjj"],),
            dispatcher=ids["zx"],
            teams=Count(
                value=b.choose.integer(10, 40), unit=CountUnit.TEAMS, approx=Approx.AT_LEAST
            ),
            registered=True,
        )
    )


def _national(b: Builder, cn: str, nat: dict[str, str]) -> str:
    """Build what exists once (framework, dispatch, tiers, mandate, proposals …);
    return the id of the national overall plan."""
    as_of = b.as_of
    out = b.out
    b.event_types()
    law = Document(
        id="doc-law",
        title=Label(zh="中华人民共和国突发事件应对法", en="Emergency Response Law"),
        kind=DocumentKind.LAW,
        issued=PartialDate(2007, 8, 30),
    )
    out["documents"].append(law)
    overall = b.plan(
        "plan-overall-cn",
        "国家突发公共事件总体应急预案",
        "national overall plan",
        PlanKind.OVERALL,
        cn,
        nat["gov"],
        nat["gov"],
        (),
        None,
        EVENT_IDS,
        (DrillScope.COMPREHENSIVE,),
        nat["yjj"],
        None,
    )
    special = [
        b.plan(
            f"plan-{name}-cn",
            zh,
            en,
            PlanKind.SPECIAL,
            cn,
            nat["gov"],
            nat["yjj"],
            (nat["wjw"], nat["gaj"]),
            overall,
            events,
            (DrillScope.SPECIAL,),
            nat["yjj"],
            None,
        )
        for name, zh, en, events in (
            ("flood", "国家防汛抗旱应急预案", "national flood plan", ("ev-flood", "ev-geohazard")),
            (
                "health",
                "国家突发公共卫生事件应急预案",
                "national public-health plan",
                ("ev-infectious",),
            ),
        )
    ]
    b.revised_after(
        "plan-flood-cn", "event-flood-cn", "流域性洪涝灾害", "basin-wide flood", "ev-flood", cn
    )
    out["plan_systems"].append(
        PlanSystem(
            id="ps-cn",
            name=Label(zh="国家应急预案体系", en="national plan system"),
            jurisdiction=cn,
            plans=(overall, *special),
            documents=(law.id,),
            drill_policy=DrillPolicy(comprehensive_per_year=1, special_per_year=1),
        )
    )
    b.framework(cn, nat["yjj"])
    b.dispatch("dp-cn", cn, nat["zx"], document=law.id)
    out["command_bodies"].append(
        CommandBody(
            id="hq-cn",
            name=Label(zh="国家应急指挥部", en="national emergency headquarters"),
            kind=BodyKind.HEADQUARTERS,
            jurisdiction=cn,
            host=nat["gov"],
            office=nat["yjj"],
            lead=nat["gov"],
            members=(nat["yjj"], nat["wjw"], nat["gaj"]),
        )
    )
    out["expert_panels"].append(
        ExpertPanel(
            id="panel-cn",
            name=Label(zh="国家应急管理专家库", en="national expert pool"),
            kind=PanelKind.EXPERT_POOL,
            jurisdiction=cn,
            convener=nat["yjj"],
            members=Count(value=300, unit=CountUnit.PEOPLE, approx=Approx.AT_LEAST),
            contributors=(nat["wjw"], nat["gaj"]),
        )
    )
    b.tier_scheme("tiers-cn")
    b.categories(CATEGORIES)
    b.health_mandate(cn)
    for i, (zh, en, capability) in enumerate(_ELITE[:2]):
        b.team(
            f"team-cn-{i}",
            f"国家{zh}",
            f"national {en}",
            ForceDomain.ACCIDENT_DISASTER,
            "tier-elite",
            "cat-rescue",
            AdminLevel.NATIONAL,
            cn,
            nat["yjj"],
            nat["yjj"],
            nat["zx"],
            capability,
        )
    b.protocol("cn", "国家", "National", cn, nat)
    out["programmes"].append(
        Programme(
            id="prog-enterprise",
            name=Label(zh="企业一线责任制", en="front-line responsibility"),
            kind=DutyKind.ENTERPRISE_RESPONSIBILITY,
            jurisdiction=cn,
            lead=nat["yjj"],
            cadences=(Cadence.DAILY, Cadence.WEEKLY, Cadence.MONTHLY),
        )
    )
    signer = b.person("person-signer-cn", "局长", nat["yjj"])
    for n, co in enumerate(((nat["xcb"], nat["wjw"], nat["gaj"]), (nat["wjw"],))):
        proposer = b.person(f"person-proposer-{n}", f"委员{n + 1}", None)
        assigned = as_of - dt.timedelta(days=200 + 30 * n)
        pid = f"prop-{n:04d}"
        out["proposals"].append(
            Proposal(
                id=pid,
                kind=ProposalKind.CPPCC_PROPOSAL,
                number=f"{n + 1:04d}",
                session=Session(level=AdminLevel.NATIONAL, term=14, meeting=1, year=as_of.year - 1),
                title=Label(zh=f"关于加强应急能力建设的提案{n + 1}"),
                jurisdiction=cn,
                proposers=(proposer,),
                lead_handler=nat["yjj"],
                co_handlers=co,
                assigned=PartialDate.from_date(assigned),
                reply=Reply(
                    date=PartialDate.from_date(assigned + dt.timedelta(days=60)),
                    signer=signer,
                    sender=nat["yjj"],
                ),
            )
        )
        handlers = (nat["yjj"], *co)
        for k in range(3):
            out["commitments"].append(
                Commitment(
                    id=f"{pid}-c{k}",
                    proposal=pid,
                    text=Label(zh=f"承诺事项{k + 1}"),
                    responsible=handlers[k % len(handlers)],
                    supporting=tuple(h for h in handlers if h != handlers[k % len(handlers)]),
                    section=f"{k + 1}",
                )
            )
    return overall
