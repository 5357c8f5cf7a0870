"""A deterministic, national-shaped emergency-management system of any size.

:func:`synthetic` builds a nation → provinces → counties → townships tree with
the bodies, plans, forces, protocols, organisations and proposals that the
rules expect, valid by construction, for benchmarks and tests.
"""

import datetime as dt
import gc
import math
import random
from typing import Any

from emergencykit.model import (
    AdminLevel,
    Agency,
    AgencyKind,
    Approx,
    Aspect,
    BodyKind,
    Cadence,
    Capability,
    CommandBody,
    Commitment,
    Count,
    CountUnit,
    Deadlines,
    DispatchMode,
    DispatchPolicy,
    Document,
    DocumentKind,
    Drill,
    DrillMethod,
    DrillPolicy,
    DrillScope,
    DutyKind,
    EmergencySystem,
    EventCategory,
    EventType,
    ExpertPanel,
    Facility,
    FacilityKind,
    ForceDomain,
    ForceGroup,
    Framework,
    Inspection,
    InspectionKind,
    Institution,
    InstitutionFunction,
    Jurisdiction,
    Label,
    Mandate,
    OpinionProtocol,
    OrganizationKind,
    PanelKind,
    Person,
    Plan,
    PlanKind,
    PlanSection,
    PlanSystem,
    Post,
    PressReleasePlan,
    Programme,
    Proposal,
    ProposalKind,
    RapidUnit,
    ReleaseDecision,
    Reply,
    Revision,
    RevisionStatus,
    RevisionTrigger,
    Sector,
    Session,
    Severity,
    SocialOrganization,
    Team,
    TeamCategory,
    Tier,
    TierScheme,
)
from emergencykit.model.system import COLLECTIONS

__all__ = ["MINIMUM_OBJECTS", "synthetic"]

#: Objects built once for the nation, whatever the size.
_NATIONAL = 64
#: Objects per province, county and township (see :func:`synthetic`).
_PROVINCE, _COUNTY, _TOWNSHIP = 19, 21, 6
#: The smallest system :func:`synthetic` builds: the nation, one province, one county.
MINIMUM_OBJECTS = _NATIONAL + _PROVINCE + _COUNTY

_SECTIONS = tuple(PlanSection)
_EVENTS = (
    ("ev-flood", "洪涝灾害", "flood", EventCategory.NATURAL_DISASTER),
    ("ev-geohazard", "地质灾害", "geological hazard", EventCategory.NATURAL_DISASTER),
    (
        "ev-hazchem",
        "危险化学品事故",
        "hazardous-chemicals accident",
        EventCategory.ACCIDENT_DISASTER,
    ),
    ("ev-infectious", "突发急性传染病", "acute infectious disease", EventCategory.PUBLIC_HEALTH),
)
_EVENT_IDS = tuple(e[0] for e in _EVENTS)
_HEALTH = (
    ("cat-medical", "紧急医学救援队", "emergency medical team", Capability.EMERGENCY_MEDICAL),
    ("cat-poisoning", "突发中毒处置队", "poisoning response team", Capability.POISONING),
    (
        "cat-infectious",
        "突发急性传染病处置队",
        "infectious disease team",
        Capability.INFECTIOUS_DISEASE,
    ),
)
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
_ASPECTS = (
    ("monitoring", "监测预警", "monitoring and warning", 2),
    ("duty", "值班调度", "duty and dispatch", 2),
    ("response", "处置救援", "handling and rescue", 4),
)
_MODES = (
    ("biweekly", "双周视频调度", "biweekly video dispatch", Cadence.BIWEEKLY),
    ("daily", "每日点名调度", "daily roll-call dispatch", Cadence.DAILY),
    ("key", "重要节点调度", "key-period dispatch", Cadence.KEY_PERIOD),
    ("emergency", "紧急事件调度", "emergency dispatch", Cadence.ON_EVENT),
    ("joint-test", "联调联试", "remote joint test", Cadence.REGULAR),
)


class _Builder:
    """Collects the objects of one system; every method appends, none returns a copy."""

    def __init__(self, rng: random.Random, as_of: dt.date) -> None:
        self.rng = rng
        self.as_of = as_of
        self.out: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
        self.jurisdictions = self.out["jurisdictions"]
        self.agencies = self.out["agencies"]
        self.persons = self.out["persons"]
        self.plans = self.out["plans"]
        self.teams = self.out["teams"]
        self.force_groups = self.out["force_groups"]
        self.protocols = self.out["protocols"]
        self.organisations = self.out["organisations"]
        self.facilities = self.out["facilities"]

    def ago(self, low: int, high: int) -> dt.date:
        return self.as_of - dt.timedelta(days=self.rng.randint(low, high))

    def place(self, code: str, zh: str, en: str, level: AdminLevel, parent: str | None) -> str:
        hazards = tuple(e for e in _EVENT_IDS if self.rng.random() < 0.5)
        jid = f"j-{code}"
        self.jurisdictions.append(
            Jurisdiction(
                id=jid, name=Label(zh=zh, en=en), level=level, parent=parent, hazards=hazards
            )
        )
        return jid

    def agency(
        self,
        prefix: str,
        code: str,
        zh: str,
        en: str,
        kind: AgencyKind,
        sector: Sector,
        jid: str,
        parent: str | None,
    ) -> str:
        aid = f"{prefix}-{code}"
        self.agencies.append(
            Agency(
                id=aid,
                name=Label(zh=zh, en=en),
                kind=kind,
                sector=sector,
                jurisdiction=jid,
                parent=parent,
            )
        )
        return aid

    def bodies(
        self,
        code: str,
        zh: str,
        en: str,
        jid: str,
        parent_code: str | None,
        upper_centre: str | None,
    ) -> dict[str, str]:
        """Government, its three departments, publicity department and command centre."""
        dept = AgencyKind.GOVERNMENT_DEPARTMENT
        gov = self.agency(
            "gov",
            code,
            f"{zh}人民政府",
            f"{en} Government",
            AgencyKind.GOVERNMENT,
            Sector.GENERAL,
            jid,
            None if parent_code is None else f"gov-{parent_code}",
        )
        ids = {"gov": gov}
        ids["yjj"] = self.agency(
            "yjj",
            code,
            f"{zh}应急管理局",
            f"{en} Emergency Management Bureau",
            dept,
            Sector.EMERGENCY_MANAGEMENT,
            jid,
            gov,
        )
        ids["wjw"] = self.agency(
            "wjw", code, f"{zh}卫生健康委", f"{en} Health Commission", dept, Sector.HEALTH, jid, gov
        )
        ids["gaj"] = self.agency(
            "gaj",
            code,
            f"{zh}公安局",
            f"{en} Public Security Bureau",
            dept,
            Sector.PUBLIC_SECURITY,
            jid,
            gov,
        )
        ids["xcb"] = self.agency(
            "xcb",
            code,
            f"{zh}委宣传部",
            f"{en} Publicity Department",
            AgencyKind.PARTY_DEPARTMENT,
            Sector.PUBLICITY,
            jid,
            None,
        )
        # Command centres form their own line (the nation's under its bureau), so
        # every team is reachable from the national centre by command and dispatch.
        ids["zx"] = self.agency(
            "zx",
            code,
            f"{zh}应急指挥中心",
            f"{en} Emergency Command Centre",
            AgencyKind.COMMAND_CENTRE,
            Sector.EMERGENCY_MANAGEMENT,
            jid,
            ids["yjj"] if upper_centre is None else upper_centre,
        )
        return ids

    def plan(
        self,
        pid: str,
        zh: str,
        en: str,
        kind: PlanKind,
        jid: str,
        issuer: str,
        lead: str,
        members: tuple[str, ...],
        parent: str | None,
        events: tuple[str, ...],
        scope: DrillScope,
        organiser: str,
        filed_with: str | None,
    ) -> str:
        issued = self.ago(400, 1400)
        self.plans.append(
            Plan(
                id=pid,
                title=Label(zh=zh, en=en),
                kind=kind,
                jurisdiction=jid,
                issuer=issuer,
                lead=lead,
                members=members,
                parent=parent,
                event_types=events,
                sections=_SECTIONS,
                issued=issued,
                filed=issued + dt.timedelta(days=self.rng.randint(5, 20)),
                filed_with=filed_with,
                revisions=(
                    Revision(
                        status=RevisionStatus.DONE,
                        date=self.ago(5, 360),
                        triggers=(RevisionTrigger.SCHEDULED,),
                    ),
                ),
                drills=(
                    Drill(
                        date=self.ago(5, 330),
                        scope=scope,
                        method=DrillMethod.FULL_SCALE,
                        organiser=organiser,
                    ),
                ),
            )
        )
        return pid

    def team(
        self,
        tid: str,
        zh: str,
        en: str,
        domain: ForceDomain,
        tier: str,
        category: str,
        level: AdminLevel,
        jid: str,
        agency: str,
        commander: str,
        dispatcher: str,
        capability: Capability,
        *,
        posts: tuple[Post, ...] = (),
        rapid: bool = False,
    ) -> str:
        self.teams.append(
            Team(
                id=tid,
                name=Label(zh=zh, en=en),
                domain=domain,
                tier=tier,
                category=category,
                level=level,
                jurisdiction=jid,
                agency=agency,
                commander=commander,
                dispatcher=dispatcher,
                headcount=Count(value=self.rng.randint(12, 150), unit=CountUnit.PEOPLE),
                capabilities=(capability,),
                rapid_unit=RapidUnit(name=Label(zh="背囊化快速小分队", en="rapid unit"))
                if rapid
                else None,
                posts=posts,
                registered=True if domain is ForceDomain.SOCIAL else None,
            )
        )
        return tid

    def protocol(self, code: str, zh: str, en: str, jid: str, ids: dict[str, str]) -> None:
        speaker = f"person-speaker-{code}"
        self.persons.append(Person(id=speaker, name=Label(zh=f"{zh}新闻发言人"), agency=ids["xcb"]))
        self.protocols.append(
            OpinionProtocol(
                id=f"op-{code}",
                name=Label(zh=f"{zh}新闻舆论舆情引导机制", en=f"{en} public-opinion protocol"),
                jurisdiction=jid,
                lead=ids["xcb"],
                first_report_to=(ids["xcb"],),
                also_report_to=(ids["gov"],),
                deadlines=Deadlines(
                    severity=Severity.MAJOR,
                    first_report=dt.timedelta(hours=1),
                    authoritative_release=dt.timedelta(hours=5),
                    press_conference=dt.timedelta(hours=24),
                ),
                analysis_meetings=Cadence.AS_NEEDED,
                press_release=PressReleasePlan(
                    decided_by=ids["xcb"],
                    decisions=tuple(ReleaseDecision),
                    spokesperson=speaker,
                    department=ids["gov"],
                ),
                instruction_sources=(ids["xcb"],),
                accountability=True,
            )
        )

    def organisation(self, oid: str, zh: str, en: str, jid: str, ids: dict[str, str]) -> None:
        self.organisations.append(
            SocialOrganization(
                id=oid,
                name=Label(zh=zh, en=en),
                kind=OrganizationKind.EMERGENCY_RESCUE,
                jurisdiction=jid,
                registered=True,
                registered_on=self.ago(800, 3000),
                registrar=ids["gov"],
                supervisor=ids["yjj"],
                inspections=(Inspection(kind=InspectionKind.ANNUAL, date=self.ago(10, 300)),),
            )
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
    mandate, a programme and two proposals with commitments.

    Parameters
    ----------
    objects : int
        The target size, ``len(system)``.  The result is exact from a few
        hundred objects up and within 5 % from 100; below
        :data:`MINIMUM_OBJECTS` (104) the minimum shape is returned.
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
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(objects, random.Random(seed), as_of)
    finally:
        if enabled:
            gc.enable()


def _build(objects: int, rng: random.Random, as_of: dt.date) -> EmergencySystem:
    provinces, counties, townships, filler = _shape(objects)
    b = _Builder(rng, as_of)
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
        prov = b.bodies(pcode, pzh, pen, pj, "cn", nat["zx"])
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
            _EVENT_IDS,
            DrillScope.COMPREHENSIVE,
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
            DrillScope.SPECIAL,
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
            DrillScope.SPECIAL,
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
        b.facilities.append(
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
            cty = b.bodies(ccode, czh, cen, cj, pcode, prov["zx"])
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
                _EVENT_IDS,
                DrillScope.COMPREHENSIVE,
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
                DrillScope.SPECIAL,
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
            for category, zh, en, capability in _HEALTH:
                tid = f"team-{ccode}-{category[4:]}"
                holders = (f"person-{tid}-a", f"person-{tid}-b")
                for holder, role in zip(holders, ("A", "B"), strict=True):
                    b.persons.append(
                        Person(
                            id=holder, name=Label(zh=f"{czh}{zh}队长{role}角"), agency=cty["wjw"]
                        )
                    )
                post = Post(title=Label(zh="队长", en="team leader"), a=holders[0], b=holders[1])
                health_teams.append(
                    b.team(
                        tid,
                        f"{czh}{zh}",
                        f"{cen} {en}",
                        ForceDomain.HEALTH,
                        "tier-specialist",
                        category,
                        AdminLevel.COUNTY,
                        cj,
                        cty["wjw"],
                        cty["wjw"],
                        cty["zx"],
                        capability,
                        posts=(post,),
                        rapid=True,
                    )
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

    return EmergencySystem(
        id="synthetic",
        name=Label(zh="合成全国应急管理体系", en="synthetic national emergency-management system"),
        root=cn,
        described=as_of,
        notes=(f"Generated with objects={objects}; every fact is invented.",),
        **{name: tuple(items) for name, items in b.out.items()},
    )


def _township(
    b: _Builder, code: str, zh: str, en: str, county: str, cty: dict[str, str], parent_plan: str
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
        DrillScope.COMPREHENSIVE,
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
        office,
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
    b: _Builder, code: str, zh: str, en: str, jid: str, ids: dict[str, str], health: list[str]
) -> None:
    b.force_groups.append(
        ForceGroup(
            id=f"fg-{code}-health",
            name=Label(zh=f"{zh}区县卫生应急队伍", en=f"{en} county health teams"),
            domain=ForceDomain.HEALTH,
            tier="tier-specialist",
            level=AdminLevel.COUNTY,
            jurisdiction=jid,
            agency=ids["wjw"],
            dispatcher=ids["zx"],
            teams=Count(value=len(health), unit=CountUnit.TEAMS),
            members=tuple(health),
            rapid_units=True,
            ab_posts=True,
        )
    )
    b.force_groups.append(
        ForceGroup(
            id=f"fg-{code}-social",
            name=Label(zh=f"{zh}在册社会救援力量", en=f"{en} registered social forces"),
            domain=ForceDomain.SOCIAL,
            tier="tier-supplementary",
            jurisdiction=jid,
            agency=ids["yjj"],
            dispatcher=ids["zx"],
            teams=Count(value=b.rng.randint(10, 40), unit=CountUnit.TEAMS, approx=Approx.AT_LEAST),
            registered=True,
        )
    )


def _national(b: _Builder, cn: str, nat: dict[str, str]) -> str:
    """Build what exists once (framework, dispatch, tiers, mandate, proposals …);
    return the id of the national overall plan."""
    as_of = b.as_of
    out = b.out
    out["event_types"][:] = tuple(
        EventType(id=i, name=Label(zh=zh, en=en), category=cat) for i, zh, en, cat in _EVENTS
    )
    law = Document(
        id="doc-law",
        title=Label(zh="中华人民共和国突发事件应对法", en="Emergency Response Law"),
        kind=DocumentKind.LAW,
        issued=dt.date(2007, 8, 30),
    )
    out["documents"][:] = (law,)
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
        _EVENT_IDS,
        DrillScope.COMPREHENSIVE,
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
            DrillScope.SPECIAL,
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
    out["plan_systems"][:] = (
        PlanSystem(
            id="ps-cn",
            name=Label(zh="国家应急预案体系", en="national plan system"),
            jurisdiction=cn,
            plans=(overall, *special),
            documents=(law.id,),
            drill_policy=DrillPolicy(comprehensive_per_year=1, special_per_year=1),
        ),
    )
    functions = list(InstitutionFunction)[:8]
    institutions = tuple(
        Institution(
            id=f"inst-{f.value}",
            name=Label(zh=f.zh, en=f.en),
            function=f,
            owner=nat["yjj"],
            time_limit=dt.timedelta(hours=1)
            if f is InstitutionFunction.INFORMATION_REPORTING
            else None,
        )
        for f in functions
    )
    aspects, start = [], 0
    for key, zh, en, size in _ASPECTS:
        members = tuple(i.id for i in institutions[start : start + size])
        aspects.append(Aspect(id=f"aspect-{key}", name=Label(zh=zh, en=en), institutions=members))
        start += size
    out["institutions"][:] = institutions
    out["aspects"][:] = tuple(aspects)
    out["frameworks"][:] = (
        Framework(
            id="fw-3plus8",
            name=Label(zh="“3+8”制度架构", en="3+8 framework"),
            jurisdiction=cn,
            aspects=tuple(a.id for a in aspects),
        ),
    )
    modes = tuple(
        DispatchMode(id=f"mode-{key}", name=Label(zh=zh, en=en), cadence=cadence)
        for key, zh, en, cadence in _MODES
    )
    out["dispatch_modes"][:] = modes
    out["dispatch_policies"][:] = (
        DispatchPolicy(
            id="dp-cn",
            name=Label(zh="应急队伍统一调度办法", en="unified dispatch of teams"),
            jurisdiction=cn,
            dispatcher=nat["zx"],
            modes=tuple(m.id for m in modes),
            document=law.id,
        ),
    )
    out["command_bodies"][:] = (
        CommandBody(
            id="hq-cn",
            name=Label(zh="国家应急指挥部", en="national emergency headquarters"),
            kind=BodyKind.HEADQUARTERS,
            jurisdiction=cn,
            host=nat["gov"],
            office=nat["yjj"],
            lead=nat["gov"],
            members=(nat["yjj"], nat["wjw"], nat["gaj"]),
        ),
    )
    out["expert_panels"][:] = (
        ExpertPanel(
            id="panel-cn",
            name=Label(zh="国家应急管理专家库", en="national expert pool"),
            kind=PanelKind.EXPERT_POOL,
            jurisdiction=cn,
            convener=nat["yjj"],
            members=Count(value=300, unit=CountUnit.PEOPLE, approx=Approx.AT_LEAST),
            contributors=(nat["wjw"], nat["gaj"]),
        ),
    )
    tiers = tuple(
        Tier(id=f"tier-{key}", rank=rank, name=Label(zh=zh, en=key))
        for rank, (key, zh) in enumerate(
            (
                ("backbone", "骨干"),
                ("elite", "精锐"),
                ("specialist", "攻坚"),
                ("supplementary", "补充"),
            ),
            start=1,
        )
    )
    out["tier_schemes"][:] = (
        TierScheme(
            id="tiers-cn", name=Label(zh="应急救援队伍分层", en="rescue-force tiers"), tiers=tiers
        ),
    )
    out["team_categories"][:] = (
        TeamCategory(
            id="cat-rescue",
            name=Label(zh="综合救援", en="general rescue"),
            domain=ForceDomain.ACCIDENT_DISASTER,
        ),
        TeamCategory(
            id="cat-hazmat",
            name=Label(zh="危化救援", en="hazmat"),
            domain=ForceDomain.ACCIDENT_DISASTER,
        ),
        TeamCategory(
            id="cat-social",
            name=Label(zh="社会救援", en="social rescue"),
            domain=ForceDomain.SOCIAL,
        ),
        *(
            TeamCategory(id=category, name=Label(zh=zh, en=en), domain=ForceDomain.HEALTH)
            for category, zh, en, _ in _HEALTH
        ),
    )
    out["mandates"][:] = (
        Mandate(
            id="mandate-health",
            name=Label(zh="区县卫生应急队伍配置", en="county health teams"),
            jurisdiction=cn,
            level=AdminLevel.COUNTY,
            domain=ForceDomain.HEALTH,
            categories=tuple(c for c, *_ in _HEALTH),
            rapid_unit=True,
            ab_posts=True,
        ),
    )
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
    out["programmes"][:] = (
        Programme(
            id="prog-enterprise",
            name=Label(zh="企业一线责任制", en="front-line responsibility"),
            kind=DutyKind.ENTERPRISE_RESPONSIBILITY,
            jurisdiction=cn,
            lead=nat["yjj"],
            cadences=(Cadence.DAILY, Cadence.WEEKLY, Cadence.MONTHLY),
        ),
    )
    signer = "person-signer-cn"
    b.persons.append(Person(id=signer, name=Label(zh="局长"), agency=nat["yjj"]))
    proposals, commitments = [], []
    for n, co in enumerate(((nat["xcb"], nat["wjw"], nat["gaj"]), (nat["wjw"],))):
        proposer = f"person-proposer-{n}"
        b.persons.append(Person(id=proposer, name=Label(zh=f"委员{n + 1}")))
        assigned = as_of - dt.timedelta(days=200 + 30 * n)
        pid = f"prop-{n:04d}"
        proposals.append(
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
                assigned=assigned,
                reply=Reply(
                    date=assigned + dt.timedelta(days=60), signer=signer, sender=nat["yjj"]
                ),
            )
        )
        handlers = (nat["yjj"], *co)
        for k in range(3):
            commitments.append(
                Commitment(
                    id=f"{pid}-c{k}",
                    proposal=pid,
                    text=Label(zh=f"承诺事项{k + 1}"),
                    responsible=handlers[k % len(handlers)],
                    supporting=tuple(h for h in handlers if h != handlers[k % len(handlers)]),
                    section=f"{k + 1}",
                )
            )
    out["proposals"][:] = proposals
    out["commitments"][:] = commitments
    return overall
