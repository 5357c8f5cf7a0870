"""One builder of valid systems, shared by :func:`synthetic` and the ``systems()`` strategy.

The parts the rules judge — plans with their filing, drills and revisions,
teams with a commander and A/B posts, the public-opinion protocol and its
deadlines, the "3+8" framework, dispatch modes, tiers, the county health
mandate, registered organisations — are made here, once, with one set of ids
and labels.  What the two callers leave to chance (dates, headcounts, which
hazards a place faces) comes from a :class:`Chooser`: a seeded
:class:`random.Random` for :func:`~emergencykit.datasets.synthetic`, a
hypothesis draw for :func:`emergencykit.strategies.systems`.  Each caller
keeps only its recipe: which parts, how many, under whom.

The limits a valid system must stay within (span of control, filing days,
deadlines, drill, revision and inspection intervals) are read from the
built-in packs' default parameters, the ones a default validation config
uses (:class:`Bounds`), not restated here.
"""

import datetime as dt
import random
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, TypeVar

import attrs

from emergencykit.model import (
    AdminLevel,
    Agency,
    AgencyKind,
    Aspect,
    Cadence,
    Capability,
    Count,
    CountUnit,
    Deadlines,
    DispatchMode,
    DispatchPolicy,
    Drill,
    DrillMethod,
    DrillScope,
    Event,
    EventCategory,
    EventType,
    ForceDomain,
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
    PartialDate,
    Person,
    Plan,
    PlanKind,
    PlanSection,
    Post,
    PressReleasePlan,
    RapidUnit,
    ReleaseDecision,
    Revision,
    RevisionStatus,
    RevisionTrigger,
    Sector,
    Severity,
    SocialOrganization,
    Team,
    TeamCategory,
    Tier,
    TierScheme,
)
from emergencykit.model._construct import checked
from emergencykit.model._system import COLLECTIONS
from emergencykit.rules._builtin import (
    CHONGQING,
    ICS,
    NATIONAL,
    ChongqingParams,
    IcsParams,
    NationalParams,
)

T = TypeVar("T")

# The builder makes every object with the constraints of all its fields tested
# in one expression (the same objects, validation and errors as the classes'
# own constructors, which call one validator per field and item).
_Agency = checked(Agency)
_Aspect = checked(Aspect)
_Count = checked(Count)
_Deadlines = checked(Deadlines)
_DispatchMode = checked(DispatchMode)
_DispatchPolicy = checked(DispatchPolicy)
_Drill = checked(Drill)
_Event = checked(Event)
_EventType = checked(EventType)
_Framework = checked(Framework)
_Inspection = checked(Inspection)
_Institution = checked(Institution)
_Jurisdiction = checked(Jurisdiction)
_Label = checked(Label)
_Mandate = checked(Mandate)
_OpinionProtocol = checked(OpinionProtocol)
_Person = checked(Person)
_Plan = checked(Plan)
_Post = checked(Post)
_PressReleasePlan = checked(PressReleasePlan)
_RapidUnit = checked(RapidUnit)
_Revision = checked(Revision)
_SocialOrganization = checked(SocialOrganization)
_Team = checked(Team)
_TeamCategory = checked(TeamCategory)
_Tier = checked(Tier)
_TierScheme = checked(TierScheme)

__all__ = [
    "ASPECTS",
    "CATEGORIES",
    "EVENTS",
    "EVENT_IDS",
    "HEALTH",
    "MODES",
    "TIERS",
    "Bounds",
    "Builder",
    "Chooser",
    "RandomChooser",
]


class Chooser(Protocol):
    """Where the builder's free choices come from."""

    def integer(self, low: int, high: int) -> int:
        """An integer in ``[low, high]``; a hypothesis draw shrinks towards ``low``."""

    def chance(self, p: float) -> bool:
        """True with probability ``p`` (a hypothesis draw shrinks towards False)."""

    def some(self, items: Sequence[T], p: float) -> list[T]:
        """Each of ``items`` with probability ``p``, in order (a draw shrinks towards none)."""

    def pick(self, items: Sequence[T]) -> T:
        """One of ``items`` (a hypothesis draw shrinks towards the first)."""


class RandomChooser:
    """A :class:`Chooser` over a seeded :class:`random.Random`: the same seed, the same system.

    ``integer`` draws what the generator's ``randint`` draws, in one call
    instead of three (``randint`` calls ``randrange``, which calls the
    generator's ``_randbelow`` for the width): the synthetic generator draws
    one per object.  A generator without ``_randbelow`` is asked ``randint``.
    """

    __slots__ = ("integer", "rng")

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        below: Callable[[int], int] | None = getattr(rng, "_randbelow", None)
        if below is None:
            self.integer: Callable[[int, int], int] = rng.randint
            return

        def integer(low: int, high: int) -> int:
            if high < low:
                raise ValueError(f"empty range for integer({low}, {high})")
            return low + below(high - low + 1)

        self.integer = integer

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def some(self, items: Sequence[T], p: float) -> list[T]:
        random_ = self.rng.random
        return [x for x in items if random_() < p]

    def pick(self, items: Sequence[T]) -> T:
        return self.rng.choice(items)


#: Days in the shortest year an interval of years may span, so that a date
#: within ``years * _YEAR - 1`` days passes a rule counting calendar years.
_YEAR = 365


@attrs.frozen(kw_only=True)
class Bounds:
    """The limits a valid system stays within, from the validation parameters of the packs.

    The builder dates drills, revisions and inspections and sets deadlines
    inside these, so that what it builds passes the rules as configured by
    default, whatever those defaults become.
    """

    span_max: int
    filing_working_days: int
    unit_report: dt.timedelta
    report_hop: dt.timedelta
    release: dt.timedelta
    press_conference: dt.timedelta
    reply_months: int
    #: The tightest drill interval of any pack (Chongqing's yearly drill).
    drill_years: int
    #: The tightest revision interval (townships and villages).
    revision_years: int
    inspection_years: int

    @classmethod
    def of(cls, national: NationalParams, chongqing: ChongqingParams, ics: IcsParams) -> "Bounds":
        """The bounds that the built-in packs' parameters set."""
        return cls(
            span_max=ics.span_max,
            filing_working_days=national.filing_working_days,
            unit_report=national.unit_report,
            report_hop=national.report_hop,
            release=national.release_deadline,
            press_conference=national.press_conference_deadline,
            reply_months=national.reply_months,
            drill_years=min(
                chongqing.local_drill_years,
                national.special_drill_years,
                national.safety_drill_years,
            ),
            revision_years=min(chongqing.revision_years_city, chongqing.revision_years_township),
            inspection_years=national.inspection_years,
        )


#: The bounds of the packs' default parameters, which a default
#: :class:`~emergencykit.rules.ValidationConfig` uses.
DEFAULT_BOUNDS = Bounds.of(NATIONAL.params, CHONGQING.params, ICS.params)

# Built once: iterating an enum costs more than the rest of a plan's fields.
_SECTIONS = tuple(PlanSection)

# One table per fact, one set of ids and labels for both callers.

#: Event types: id, Chinese, English, category.
EVENTS = (
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
EVENT_IDS = tuple(e[0] for e in EVENTS)
#: The county health mandate (seed §二): category id, team name, capability.
HEALTH = (
    ("cat-medical", "紧急医学救援队", "emergency medical team", Capability.EMERGENCY_MEDICAL),
    ("cat-poisoning", "突发中毒处置队", "poisoning response team", Capability.POISONING),
    (
        "cat-infectious",
        "突发急性传染病处置队",
        "infectious disease team",
        Capability.INFECTIOUS_DISEASE,
    ),
)
#: Team categories outside the mandate: id, Chinese, English, domain.
CATEGORIES = (
    ("cat-rescue", "综合救援", "general rescue", ForceDomain.ACCIDENT_DISASTER),
    ("cat-hazmat", "危化救援", "hazmat", ForceDomain.ACCIDENT_DISASTER),
    ("cat-social", "社会救援", "social rescue", ForceDomain.SOCIAL),
)
#: The "3+8" framework (seed §一): aspect key, Chinese, English, its institutions' functions.
ASPECTS = (
    (
        "monitoring",
        "监测预警",
        "monitoring and warning",
        (InstitutionFunction.SCREENING_MONITORING, InstitutionFunction.ANALYSIS_WARNING),
    ),
    (
        "duty",
        "值班调度",
        "duty and dispatch",
        (InstitutionFunction.INFORMATION_REPORTING, InstitutionFunction.FORCE_MOBILISATION),
    ),
    (
        "response",
        "处置救援",
        "handling and rescue",
        (
            InstitutionFunction.FIELD_HEADQUARTERS,
            InstitutionFunction.ON_SITE_HANDLING,
            InstitutionFunction.INVESTIGATION,
            InstitutionFunction.RELIEF,
        ),
    ),
)
#: Dispatch modes (seed §一): key, Chinese, English, cadence.
MODES = (
    ("biweekly", "双周视频调度", "fortnightly video coordination session", Cadence.BIWEEKLY),
    ("daily", "每日点名调度", "daily roll-call session", Cadence.DAILY),
    ("key", "重要节点调度", "key-period session", Cadence.KEY_PERIOD),
    ("emergency", "紧急事件调度", "emergency-incident session", Cadence.ON_EVENT),
    ("joint-test", "联调联试", "remote joint test", Cadence.REGULAR),
)
#: Chongqing's tiers of rescue forces (seed §二), by rank: key, Chinese.
TIERS = (
    ("backbone", "骨干"),
    ("elite", "精锐"),
    ("spearhead", "攻坚"),
    ("supplementary", "补充"),
)


class Builder:
    """Collects the objects of one system; every method appends to :attr:`out`.

    Parameters
    ----------
    choose
        Where free choices come from.
    as_of
        The date the system is valid on; every date falls before it.
    bounds
        The limits to stay within.
    """

    def __init__(self, choose: Chooser, as_of: dt.date, bounds: Bounds = DEFAULT_BOUNDS) -> None:
        self.choose = choose
        self._integer = choose.integer
        self.as_of = as_of
        self.bounds = bounds
        self.out: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
        self._days: dict[dt.date, PartialDate] = {}

    def system_parts(self) -> dict[str, tuple[Any, ...]]:
        """The collections built so far, as :class:`EmergencySystem` arguments."""
        return {name: tuple(items) for name, items in self.out.items()}

    def day(self, day: dt.date) -> PartialDate:
        """The exact :class:`PartialDate` of ``day``; one object per day (it is immutable)."""
        made = self._days.get(day)
        if made is None:
            made = self._days[day] = PartialDate.from_date(day)
        return made

    def ago(self, low: int, high: int, *, years: int | None = None) -> dt.date:
        """A date ``low`` to ``high`` days before ``as_of``; never more than ``years`` back."""
        if years is not None:
            high = min(high, years * _YEAR - 1)
            low = min(low, high)
        return self.as_of - dt.timedelta(days=self._integer(low, high))

    # -- places and bodies ------------------------------------------------------

    def place(
        self,
        code: str,
        zh: str,
        en: str | None,
        level: AdminLevel,
        parent: str | None,
        events: Sequence[str] = EVENT_IDS,
    ) -> str:
        """A jurisdiction ``j-{code}`` facing each of ``events`` by an even chance."""
        hazards = tuple(self.choose.some(events, 0.5))
        jid = f"j-{code}"
        self.out["jurisdictions"].append(
            _Jurisdiction(
                id=jid, name=_Label(zh=zh, en=en), level=level, parent=parent, hazards=hazards
            )
        )
        return jid

    def agency(
        self,
        prefix: str,
        code: str,
        zh: str,
        en: str | None,
        kind: AgencyKind,
        sector: Sector | None,
        jid: str,
        parent: str | None,
    ) -> str:
        aid = f"{prefix}-{code}"
        self.out["agencies"].append(
            _Agency(
                id=aid,
                name=_Label(zh=zh, en=en),
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
        parent_gov: str | None,
        centre_under: str | None,
        *,
        departments: bool = True,
    ) -> dict[str, str]:
        """A government, its bureau (and health and public-security departments when
        ``departments``), a publicity department and a command centre.

        Returns their ids by key: ``gov``, ``yjj``, ``wjw``, ``gaj``, ``xcb``,
        ``zx``.  The centre is commanded by ``centre_under``, or by the
        bureau when that is None.
        """
        dept = AgencyKind.GOVERNMENT_DEPARTMENT
        gov = self.agency(
            "gov",
            code,
            f"{zh}人民政府",
            f"{en} Government",
            AgencyKind.GOVERNMENT,
            Sector.GENERAL,
            jid,
            parent_gov,
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
        if departments:
            ids["wjw"] = self.agency(
                "wjw",
                code,
                f"{zh}卫生健康委",
                f"{en} Health Commission",
                dept,
                Sector.HEALTH,
                jid,
                gov,
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
        # The publicity department answers to the party committee, which the
        # model leaves out: it commands nothing and nobody commands it.
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
        ids["zx"] = self.agency(
            "zx",
            code,
            f"{zh}应急指挥中心",
            f"{en} Emergency Command Centre",
            AgencyKind.COMMAND_CENTRE,
            Sector.EMERGENCY_MANAGEMENT,
            jid,
            ids["yjj"] if centre_under is None else centre_under,
        )
        return ids

    def person(self, pid: str, zh: str, agency: str | None) -> str:
        self.out["persons"].append(_Person(id=pid, name=_Label(zh=zh), agency=agency))
        return pid

    # -- plans ------------------------------------------------------------------

    def plan(
        self,
        pid: str,
        zh: str,
        en: str | None,
        kind: PlanKind,
        jid: str,
        issuer: str,
        lead: str,
        members: tuple[str, ...],
        parent: str | None,
        events: tuple[str, ...],
        scopes: tuple[DrillScope, ...],
        organiser: str,
        filed_with: str | None,
        *,
        method: DrillMethod | None = DrillMethod.FULL_SCALE,
        planned_revision: dt.date | None = None,
    ) -> str:
        """A plan with every section, filed in time, revised and drilled recently.

        One drill per scope; a revision is planned for ``planned_revision``
        when given.
        """
        b = self.bounds
        issued = self.ago(400, 1400)
        # Calendar days up to the working-day limit are always within it.
        filed = issued + dt.timedelta(days=self._integer(5, b.filing_working_days))
        revisions = [
            _Revision(
                status=RevisionStatus.DONE,
                date=self.day(self.ago(5, 360, years=b.revision_years)),
                triggers=(RevisionTrigger.SCHEDULED,),
            )
        ]
        if planned_revision is not None:
            revisions.append(
                _Revision(status=RevisionStatus.PLANNED, due=self.day(planned_revision))
            )
        drills = []
        for scope in scopes:
            day = self.ago(5, 330, years=b.drill_years)
            drills.append(
                _Drill(date=self.day(day), scope=scope, method=method, organiser=organiser)
            )
        self.out["plans"].append(
            _Plan(
                id=pid,
                title=_Label(zh=zh, en=en),
                kind=kind,
                jurisdiction=jid,
                issuer=issuer,
                lead=lead,
                members=members,
                parent=parent,
                event_types=events,
                sections=_SECTIONS,
                issued=self.day(issued),
                filed=self.day(filed),
                filed_with=filed_with,
                revisions=tuple(revisions),
                drills=tuple(drills),
            )
        )
        return pid

    # -- forces -----------------------------------------------------------------

    def team(
        self,
        tid: str,
        zh: str,
        en: str | None,
        domain: ForceDomain,
        tier: str | None,
        category: str | None,
        level: AdminLevel,
        jid: str,
        agency: str | tuple[str, ...],
        commander: str,
        dispatcher: str,
        capability: Capability | None,
        *,
        posts: tuple[Post, ...] = (),
        rapid: bool = False,
    ) -> str:
        """A team with a commander and a dispatcher; social teams are registered.

        ``agency`` is the agency it belongs to, or the agencies that formed it.
        """
        self.out["teams"].append(
            _Team(
                id=tid,
                name=_Label(zh=zh, en=en),
                domain=domain,
                tier=tier,
                category=category,
                level=level,
                jurisdiction=jid,
                agency=(agency,) if isinstance(agency, str) else agency,
                commander=commander,
                dispatcher=dispatcher,
                headcount=_Count(value=self._integer(12, 150), unit=CountUnit.PEOPLE),
                capabilities=() if capability is None else (capability,),
                rapid_unit=_RapidUnit(name=_Label(zh="背囊化快速小分队", en="rapid unit"))
                if rapid
                else None,
                posts=posts,
                registered=True if domain is ForceDomain.SOCIAL else None,
            )
        )
        return tid

    def ab_post(self, holder: str, zh: str, agency: str) -> Post:
        """A team-leader post held by two people, ``{holder}-a`` and ``{holder}-b`` (AB角)."""
        a, b = (self.person(f"{holder}-{role}", f"{zh}{role.upper()}角", agency) for role in "ab")
        return _Post(title=_Label(zh="队长", en="team leader"), a=a, b=b)

    def health_teams(
        self,
        code: str,
        zh: str,
        en: str,
        level: AdminLevel,
        jid: str,
        agency: str,
        commander: str,
        dispatcher: str,
        tier: str | None,
    ) -> list[str]:
        """The three teams of the county health mandate, each with a rapid unit and an A/B post."""
        found = []
        for category, team_zh, team_en, capability in HEALTH:
            tid = f"team-{code}-{category[4:]}"
            post = self.ab_post(f"person-{tid}", f"{zh}{team_zh}队长", agency)
            found.append(
                self.team(
                    tid,
                    f"{zh}{team_zh}",
                    f"{en} {team_en}",
                    ForceDomain.HEALTH,
                    tier,
                    category,
                    level,
                    jid,
                    agency,
                    commander,
                    dispatcher,
                    capability,
                    posts=(post,),
                    rapid=True,
                )
            )
        return found

    def tier_scheme(self, sid: str, count: int = len(TIERS)) -> list[str]:
        """A tier scheme of the first ``count`` of :data:`TIERS`; returns the tier ids."""
        tiers = tuple(
            _Tier(id=f"tier-{key}", rank=rank, name=_Label(zh=zh, en=key))
            for rank, (key, zh) in enumerate(TIERS[:count], start=1)
        )
        self.out["tier_schemes"].append(
            _TierScheme(
                id=sid, name=_Label(zh="应急救援队伍分层", en="rescue-force tiers"), tiers=tiers
            )
        )
        return [t.id for t in tiers]

    def categories(self, rows: Iterable[tuple[str, str, str, ForceDomain]]) -> None:
        self.out["team_categories"].extend(
            _TeamCategory(id=cid, name=_Label(zh=zh, en=en), domain=domain)
            for cid, zh, en, domain in rows
        )

    def health_mandate(self, jid: str) -> None:
        """The health mandate for every county under ``jid``, and its categories."""
        self.categories((cid, zh, en, ForceDomain.HEALTH) for cid, zh, en, _ in HEALTH)
        self.out["mandates"].append(
            _Mandate(
                id="mandate-health",
                name=_Label(zh="区县卫生应急队伍配置", en="county health teams"),
                jurisdiction=jid,
                level=AdminLevel.COUNTY,
                domain=ForceDomain.HEALTH,
                categories=tuple(c for c, *_ in HEALTH),
                rapid_unit=True,
                ab_posts=True,
            )
        )

    # -- framework and dispatch -------------------------------------------------

    def framework(
        self,
        jid: str,
        owner: str,
        functions: Iterable[InstitutionFunction] = tuple(InstitutionFunction),
        *,
        reporting_limit: dt.timedelta | None = None,
    ) -> None:
        """The "3+8" framework with the institutions of ``functions`` under their aspects.

        The information-reporting institution's time limit is
        ``reporting_limit``, by default a unit's limit from :class:`Bounds`;
        every aspect needs at least one of its functions in ``functions``.
        """
        limit = self.bounds.unit_report if reporting_limit is None else reporting_limit
        wanted = set(functions)
        aspects = []
        for key, zh, en, members in ASPECTS:
            kept = [f for f in members if f in wanted]
            self.out["institutions"].extend(
                _Institution(
                    id=f"inst-{f.value}",
                    name=_Label(zh=f.zh, en=f.en),
                    function=f,
                    owner=owner,
                    time_limit=limit if f is InstitutionFunction.INFORMATION_REPORTING else None,
                )
                for f in kept
            )
            aspects.append(
                _Aspect(
                    id=f"aspect-{key}",
                    name=_Label(zh=zh, en=en),
                    institutions=tuple(f"inst-{f.value}" for f in kept),
                )
            )
        self.out["aspects"].extend(aspects)
        self.out["frameworks"].append(
            _Framework(
                id="fw-3plus8",
                name=_Label(zh="“3+8”制度架构", en="3+8 framework"),
                jurisdiction=jid,
                aspects=tuple(a.id for a in aspects),
            )
        )

    def dispatch(
        self,
        pid: str,
        jid: str,
        dispatcher: str,
        modes: Iterable[tuple[str, str, str, Cadence]] = MODES,
        document: str | None = None,
    ) -> None:
        """A unified-dispatch policy (统一调度) in ``modes``."""
        made = tuple(
            _DispatchMode(id=f"mode-{key}", name=_Label(zh=zh, en=en), cadence=cadence)
            for key, zh, en, cadence in modes
        )
        self.out["dispatch_modes"].extend(made)
        self.out["dispatch_policies"].append(
            _DispatchPolicy(
                id=pid,
                name=_Label(zh="应急队伍统一调度办法", en="unified dispatch of teams"),
                jurisdiction=jid,
                dispatcher=dispatcher,
                modes=tuple(m.id for m in made),
                document=document,
            )
        )

    # -- public opinion and society ---------------------------------------------

    def protocol(
        self,
        code: str,
        zh: str,
        en: str,
        jid: str,
        ids: dict[str, str],
        *,
        deadlines: Deadlines | None = None,
        accountability: bool = True,
    ) -> None:
        """A public-opinion protocol led by the publicity department, with a spokesperson.

        ``deadlines`` default to the limits of :class:`Bounds` for major events.
        """
        b = self.bounds
        speaker = self.person(f"person-speaker-{code}", f"{zh}新闻发言人", ids["xcb"])
        self.out["protocols"].append(
            _OpinionProtocol(
                id=f"op-{code}",
                name=_Label(zh=f"{zh}新闻舆论舆情引导机制", en=f"{en} public-opinion protocol"),
                jurisdiction=jid,
                lead=ids["xcb"],
                first_report_to=(ids["xcb"],),
                also_report_to=(ids["gov"],),
                deadlines=deadlines
                or _Deadlines(
                    severity=Severity.MAJOR,
                    first_report=b.unit_report,
                    authoritative_release=b.release,
                    press_conference=b.press_conference,
                ),
                analysis_meetings=Cadence.AS_NEEDED,
                press_release=_PressReleasePlan(
                    decided_by=ids["xcb"],
                    decisions=tuple(ReleaseDecision),
                    spokesperson=speaker,
                    department=ids["gov"],
                ),
                instruction_sources=(ids["xcb"],),
                accountability=accountability,
            )
        )

    def organisation(
        self,
        oid: str,
        zh: str,
        en: str | None,
        jid: str,
        ids: dict[str, str],
        kind: OrganizationKind = OrganizationKind.EMERGENCY_RESCUE,
    ) -> str:
        """A registered organisation, supervised by the bureau and inspected this year."""
        self.out["organisations"].append(
            _SocialOrganization(
                id=oid,
                name=_Label(zh=zh, en=en),
                kind=kind,
                jurisdiction=jid,
                registered=True,
                registered_on=self.day(self.ago(800, 3000)),
                registrar=ids["gov"],
                supervisor=ids["yjj"],
                inspections=(
                    _Inspection(
                        kind=InspectionKind.ANNUAL,
                        date=self.day(self.ago(10, 300, years=self.bounds.inspection_years)),
                    ),
                ),
            )
        )
        return oid

    def revised_after(
        self, pid: str, eid: str, zh: str, en: str | None, event_type: str, jid: str
    ) -> str:
        """A real incident ``eid`` two months before plan ``pid``'s done revision, which cites it.

        The plan was revised after the incident; the incident is dated to
        the month, as reports of one usually are.  Draws nothing.
        """
        plans = self.out["plans"]
        i = next(k for k, p in enumerate(plans) if p.id == pid)
        plan = plans[i]
        k = next(k for k, r in enumerate(plan.revisions) if r.status is RevisionStatus.DONE)
        revision = plan.revisions[k]
        day = revision.date.earliest() - dt.timedelta(days=60)
        self.out["events"].append(
            _Event(
                id=eid,
                name=_Label(zh=zh, en=en),
                event_type=event_type,
                date=PartialDate(day.year, day.month),
                jurisdiction=jid,
            )
        )
        revisions = list(plan.revisions)
        revisions[k] = attrs.evolve(revision, events=(*revision.events, eid))
        plans[i] = attrs.evolve(plan, revisions=tuple(revisions))
        return eid

    def event_types(self, count: int = len(EVENTS)) -> list[str]:
        """The first ``count`` of :data:`EVENTS`; returns their ids."""
        self.out["event_types"].extend(
            _EventType(id=i, name=_Label(zh=zh, en=en), category=cat)
            for i, zh, en, cat in EVENTS[:count]
        )
        return [e[0] for e in EVENTS[:count]]
