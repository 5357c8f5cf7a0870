"""Whole systems: valid by construction (:func:`systems`) or anything (:func:`any_systems`)."""

import datetime as dt
import functools
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from emergencykit.model import (
    COLLECTIONS,
    AdminLevel,
    Agency,
    AgencyKind,
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
    HandlingMode,
    Inspection,
    InspectionKind,
    Institution,
    InstitutionFunction,
    Jurisdiction,
    Label,
    Link,
    Mandate,
    OpinionProtocol,
    OrganizationGroup,
    OrganizationKind,
    PanelKind,
    Part,
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
    RevisionProgress,
    RevisionStatus,
    Sector,
    Session,
    Severity,
    SocialOrganization,
    Team,
    TeamCategory,
    Tier,
    TierScheme,
)
from emergencykit.strategies._objects import MAX_DATE, MIN_DATE, _default, labels

#: The date systems are valid on unless ``as_of`` is given.
DEFAULT_AS_OF = dt.date(2024, 6, 30)

Size = int | tuple[int, int]

# Levels from the root down: depth 4 reaches villages.
_LEVELS = (AdminLevel.PROVINCIAL, AdminLevel.COUNTY, AdminLevel.TOWNSHIP, AdminLevel.VILLAGE)
_FIRST_PLAN = {
    AdminLevel.PROVINCIAL: PlanKind.OVERALL,
    AdminLevel.COUNTY: PlanKind.OVERALL,
    AdminLevel.TOWNSHIP: PlanKind.TOWNSHIP,
    AdminLevel.VILLAGE: PlanKind.VILLAGE,
}
# Span of control (ICS, 3–7): a government commands its bureau, its publicity
# department, its other departments and the governments below it.
SPAN_MAX = 7
_CORE_DEPARTMENTS = 2
# Chongqing's mandate (seed §二): three health teams in every county.
_HEALTH_CATEGORIES = (
    ("cat-emergency-medical", "紧急医学救援", Capability.EMERGENCY_MEDICAL),
    ("cat-poisoning", "突发中毒处置", Capability.POISONING),
    ("cat-infectious", "突发急性传染病处置", Capability.INFECTIOUS_DISEASE),
)
_ASPECTS = (
    (
        "monitoring",
        "监测预警",
        (InstitutionFunction.SCREENING_MONITORING, InstitutionFunction.ANALYSIS_WARNING),
    ),
    (
        "duty",
        "值班调度",
        (InstitutionFunction.INFORMATION_REPORTING, InstitutionFunction.FORCE_MOBILISATION),
    ),
    (
        "handling",
        "处置救援",
        (
            InstitutionFunction.FIELD_HEADQUARTERS,
            InstitutionFunction.ON_SITE_HANDLING,
            InstitutionFunction.INVESTIGATION,
            InstitutionFunction.RELIEF,
        ),
    ),
)
_MODES = (
    ("biweekly", "双周视频调度", Cadence.BIWEEKLY),
    ("daily", "每日点名调度", Cadence.DAILY),
    ("key-period", "重要节点调度", Cadence.KEY_PERIOD),
    ("emergency", "紧急事件调度", Cadence.ON_EVENT),
    ("joint-test", "联调联试", Cadence.REGULAR),
)


def _size(name: str, value: Any, low: int = 0, high: int | None = None) -> tuple[int, int]:
    if type(value) is int:
        pair = (value, value)
    elif isinstance(value, tuple) and len(value) == 2 and all(type(x) is int for x in value):
        pair = value
    else:
        raise InvalidArgument(
            f"{name} must be an integer or a (min, max) pair of integers (got {value!r})"
        )
    if pair[0] < low:
        raise InvalidArgument(f"{name} must be at least {low} (got {value!r})")
    if pair[0] > pair[1]:
        raise InvalidArgument(f"{name} needs min ≤ max (got {value!r})")
    if high is not None and pair[1] > high:
        raise InvalidArgument(f"{name} must be at most {high} (got {value!r})")
    return pair


@attrs.frozen
class _Sizes:
    as_of: dt.date
    depth: tuple[int, int]
    children: tuple[int, int]
    agencies: tuple[int, int]
    plans: tuple[int, int]
    teams: tuple[int, int]
    proposals: tuple[int, int]


def systems(
    *,
    as_of: dt.date = DEFAULT_AS_OF,
    depth: Size = (1, 3),
    children: Size = (1, 3),
    agencies: Size = (0, 2),
    plans: Size = (0, 2),
    teams: Size = (0, 3),
    proposals: Size = (0, 2),
) -> st.SearchStrategy[EmergencySystem]:
    """Whole systems, valid by construction: no error-level finding on ``as_of``.

    A system is a jurisdiction tree (root provincial, then counties,
    townships, villages) with a government, an emergency-management bureau,
    a publicity department and a command centre in every jurisdiction, plus
    optional parts drawn independently: plans with their drills and
    revisions, a plan system, the "3+8" framework, unified dispatch, a
    command body, an expert panel, a tier scheme, teams and counted groups,
    a mandate with its health teams, facilities, a public-opinion protocol,
    social organisations, programmes, proposals and commitments.

    Guarantees, on ``as_of`` and under the default validation config:

    - every id is unique and every reference names an object of the right kind;
    - every unit has exactly one commander; command chains have no cycles;
      no agency commands more than 7 units (the 3–7 band's upper end; spans
      below 3 occur in small systems and are only warnings);
    - every post has distinct A and B holders; every team has a commander,
      a dispatcher (the root's command centre) and is registered;
    - plans have a lead, all five sections, a drill in the last year, a
      filing within 20 working days, no overdue revision; overall plans only
      at county level and above; special plans led by a department;
    - the public-opinion protocol is led by the publicity department, with
      a spokesperson, one source of instructions and 5 h / 24 h deadlines;
    - proposals are answered and signed within 3 months; every commitment
      has a responsible handler;
    - every county meets the mandate (three health teams, rapid units, A/B posts).

    Sizes are integers or ``(min, max)`` ranges.  Draws start with the
    sizes and every optional part shrinks towards absent, so a failing
    example shrinks towards a single jurisdiction and its four agencies.

    Parameters
    ----------
    as_of
        The date the system is valid on: drills, revisions, replies and
        inspections are dated relative to it.
    depth
        Levels of the jurisdiction tree, 1 (root only) to 4 (down to villages).
    children
        Jurisdictions under each non-leaf jurisdiction, at least 1.
    agencies
        Departments per jurisdiction beyond the four core agencies.
        ``max(children) + max(agencies)`` may not exceed 5, or a
        government would command more than 7 units.
    plans
        Plans per jurisdiction (the first is its overall, township or village
        plan; the others special plans).
    teams
        Named teams per jurisdiction besides the mandated health teams,
        at most 4 (a command centre commands at most 7 teams).
    proposals
        Proposals answered by the root's bureau.

    Returns
    -------
    hypothesis.strategies.SearchStrategy[EmergencySystem]

    Raises
    ------
    hypothesis.errors.InvalidArgument
        At once, when ``as_of`` is not a date in 2000–2049, a size is
        negative or not an integer, a range has min > max, ``depth`` is
        outside 1–4, ``children`` is below 1, or the sizes would break the
        span of control.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> from emergencykit.strategies import systems
    >>> smallest = find(systems(depth=2, children=2), lambda s: True, settings=settings(database=None))
    >>> [(j.id, j.level.value) for j in smallest.jurisdictions]
    [('j0', 'provincial'), ('j0-0', 'county'), ('j0-1', 'county')]
    >>> [a.id for a in smallest.agencies][:4]
    ['j0-gov', 'j0-yjj', 'j0-xcb', 'j0-zhzx']
    >>> systems(depth=0)
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: depth must be at least 1 (got 0)
    """
    if type(as_of) is not dt.date or not dt.date(2000, 1, 1) <= as_of <= MAX_DATE:
        raise InvalidArgument(f"as_of must be a datetime.date in 2000–2049 (got {as_of!r})")
    sizes = _Sizes(
        as_of=as_of,
        depth=_size("depth", depth, 1, len(_LEVELS)),
        children=_size("children", children, 1),
        agencies=_size("agencies", agencies),
        plans=_size("plans", plans),
        teams=_size("teams", teams, 0, SPAN_MAX - len(_HEALTH_CATEGORIES)),
        proposals=_size("proposals", proposals),
    )
    if sizes.children[1] + sizes.agencies[1] + _CORE_DEPARTMENTS > SPAN_MAX:
        raise InvalidArgument(
            f"max(children) + max(agencies) must be at most {SPAN_MAX - _CORE_DEPARTMENTS}, "
            f"or a government would command more than {SPAN_MAX} units "
            f"(got children={children!r}, agencies={agencies!r})"
        )
    return _systems(sizes)


@functools.cache
def _systems(sizes: _Sizes) -> st.SearchStrategy[EmergencySystem]:
    return st.composite(lambda draw: _Builder(draw, sizes).build())()


def _between(low: dt.date, high: dt.date) -> st.SearchStrategy[dt.date]:
    # Shrinks towards ``high``: recent dates are the unremarkable ones.
    span = max((high - low).days, 0)
    return st.integers(0, span).map(lambda d: high - dt.timedelta(days=d))


class _Builder:
    """One draw of a valid system; the methods add its parts in a fixed order."""

    def __init__(self, draw: st.DrawFn, sizes: _Sizes) -> None:
        self.draw = draw
        self.sizes = sizes
        self.as_of = sizes.as_of
        self.out: dict[str, list[Any]] = {}
        self.tree: list[tuple[str, AdminLevel, str | None]] = []

    def add(self, collection: str, item: Any) -> None:
        self.out.setdefault(collection, []).append(item)

    def integer(self, bounds: tuple[int, int]) -> int:
        return self.draw(st.integers(*bounds))

    def maybe(self) -> bool:
        return self.draw(st.booleans())

    def recent(self, days: int, *, since: dt.date | None = None) -> dt.date:
        """A date in the last ``days`` days up to ``as_of``, not before ``since``."""
        low = self.as_of - dt.timedelta(days=days)
        return self.draw(_between(max(low, since or low), self.as_of))

    # -- skeleton -----------------------------------------------------------

    def build(self) -> EmergencySystem:
        depth = self.integer(self.sizes.depth)
        self._tree("j0", 0, depth, None)
        root = self.tree[0][0]
        event_types = self._event_types()
        for jid, level, parent in self.tree:
            self._jurisdiction(jid, level, parent)
        mandated = len(self.tree) > 1 and self.maybe()
        if mandated:
            self._mandate(root)
        tiers = self._tier_scheme()
        categories = self._categories()
        for jid, level, _ in self.tree:
            self._teams(jid, level, root, tiers, categories)
            if mandated and level is AdminLevel.COUNTY:
                self._health_teams(jid, level, root)
        for jid, level, parent in self.tree:
            self._plans(jid, level, parent, event_types)
        self._plan_system(root)
        self._framework(root)
        self._dispatch(root)
        self._command_body(root)
        self._expert_panel(root)
        self._force_group(root)
        self._facility(root)
        self._protocol(root)
        self._organisations(root)
        self._programmes(root)
        self._proposals(root)
        return EmergencySystem(
            id="system",
            name=Label(zh="生成的应急管理体系", en="generated emergency-management system"),
            root=root,
            described=self.as_of,
            **{name: tuple(items) for name, items in self.out.items()},
        )

    def _tree(self, jid: str, index: int, depth: int, parent: str | None) -> None:
        self.tree.append((jid, _LEVELS[index], parent))
        if index + 1 < depth:
            for k in range(self.integer(self.sizes.children)):
                self._tree(f"{jid}-{k}", index + 1, depth, jid)

    def _event_types(self) -> list[str]:
        found = []
        for k in range(self.draw(st.integers(0, 3))):
            eid = f"event-{k}"
            category = self.draw(st.sampled_from(EventCategory))
            self.add(
                "event_types", EventType(id=eid, name=Label(zh=f"事件类型{k}"), category=category)
            )
            found.append(eid)
        return found

    def _jurisdiction(self, jid: str, level: AdminLevel, parent: str | None) -> None:
        name = self.draw(labels())
        self.add("jurisdictions", Jurisdiction(id=jid, name=name, level=level, parent=parent))
        above = None if parent is None else f"{parent}-gov"
        core = (
            ("gov", "人民政府", AgencyKind.GOVERNMENT, Sector.GENERAL, above),
            (
                "yjj",
                "应急管理局",
                AgencyKind.GOVERNMENT_DEPARTMENT,
                Sector.EMERGENCY_MANAGEMENT,
                f"{jid}-gov",
            ),
            ("xcb", "党委宣传部", AgencyKind.PARTY_DEPARTMENT, Sector.PUBLICITY, f"{jid}-gov"),
            (
                "zhzx",
                "应急指挥中心",
                AgencyKind.COMMAND_CENTRE,
                Sector.EMERGENCY_MANAGEMENT,
                f"{jid}-yjj",
            ),
        )
        for suffix, zh, kind, sector, boss in core:
            self.add(
                "agencies",
                Agency(
                    id=f"{jid}-{suffix}",
                    name=Label(zh=f"{name.zh}{zh}"),
                    kind=kind,
                    sector=sector,
                    jurisdiction=jid,
                    parent=boss,
                ),
            )
        for k in range(self.integer(self.sizes.agencies)):
            sector = self.draw(st.sampled_from(Sector))
            self.add(
                "agencies",
                Agency(
                    id=f"{jid}-dept{k}",
                    name=Label(zh=f"{name.zh}部门{k}"),
                    kind=AgencyKind.GOVERNMENT_DEPARTMENT,
                    sector=sector,
                    jurisdiction=jid,
                    parent=f"{jid}-gov",
                ),
            )

    def _person(self, pid: str, agency: str) -> str:
        self.add("persons", Person(id=pid, name=Label(zh=f"人员{pid}"), agency=agency))
        return pid

    # -- forces -------------------------------------------------------------

    def _mandate(self, root: str) -> None:
        for cid, zh, _ in _HEALTH_CATEGORIES:
            self.add(
                "team_categories",
                TeamCategory(id=cid, name=Label(zh=zh), domain=ForceDomain.HEALTH),
            )
        self.add(
            "mandates",
            Mandate(
                id="mandate-health",
                name=Label(zh="区县卫生应急队伍", en="county health teams"),
                jurisdiction=root,
                level=AdminLevel.COUNTY,
                domain=ForceDomain.HEALTH,
                categories=tuple(c for c, _, _ in _HEALTH_CATEGORIES),
                rapid_unit=True,
                ab_posts=True,
            ),
        )

    def _tier_scheme(self) -> list[str]:
        if not self.maybe():
            return []
        n = self.draw(st.integers(1, 4))
        tiers = tuple(
            Tier(id=f"tier-{k}", rank=k + 1, name=Label(zh=f"层级{k + 1}")) for k in range(n)
        )
        self.add("tier_schemes", TierScheme(id="tiers", name=Label(zh="救援力量分层"), tiers=tiers))
        return [t.id for t in tiers]

    def _categories(self) -> list[str]:
        found = []
        for k in range(self.draw(st.integers(0, 2))):
            domain = self.draw(
                st.sampled_from([d for d in ForceDomain if d is not ForceDomain.HEALTH])
            )
            cid = f"cat-{k}"
            self.add(
                "team_categories", TeamCategory(id=cid, name=Label(zh=f"类别{k}"), domain=domain)
            )
            found.append(cid)
        return found

    def _posts(self, tid: str, agency: str, minimum: int) -> tuple[Post, ...]:
        posts = []
        for k in range(self.draw(st.integers(minimum, 2))):
            a = self._person(f"{tid}-post{k}-a", agency)
            b = self._person(f"{tid}-post{k}-b", agency)
            posts.append(Post(title=Label(zh=f"岗位{k}"), a=a, b=b))
        return tuple(posts)

    def _teams(
        self, jid: str, level: AdminLevel, root: str, tiers: list[str], categories: list[str]
    ) -> None:
        for k in range(self.integer(self.sizes.teams)):
            tid = f"{jid}-team{k}"
            domain = self.draw(st.sampled_from(ForceDomain))
            tier = self.draw(st.sampled_from(tiers)) if tiers else None
            category = self.draw(st.sampled_from([None, *categories]))
            headcount = self.draw(st.none() | st.integers(1, 500))
            self.add(
                "teams",
                Team(
                    id=tid,
                    name=Label(zh=f"救援队{tid}"),
                    domain=domain,
                    tier=tier,
                    category=category,
                    level=level,
                    jurisdiction=jid,
                    agency=f"{jid}-yjj",
                    commander=f"{jid}-zhzx",
                    dispatcher=f"{root}-zhzx",
                    headcount=None
                    if headcount is None
                    else Count(value=headcount, unit=CountUnit.PEOPLE),
                    rapid_unit=RapidUnit() if domain is ForceDomain.HEALTH else None,
                    posts=self._posts(tid, f"{jid}-yjj", 0),
                    registered=True,
                ),
            )

    def _health_teams(self, jid: str, level: AdminLevel, root: str) -> None:
        for cid, zh, capability in _HEALTH_CATEGORIES:
            tid = f"{jid}-{cid}"
            self.add(
                "teams",
                Team(
                    id=tid,
                    name=Label(zh=f"{zh}队"),
                    domain=ForceDomain.HEALTH,
                    category=cid,
                    level=level,
                    jurisdiction=jid,
                    agency=f"{jid}-yjj",
                    commander=f"{jid}-zhzx",
                    dispatcher=f"{root}-zhzx",
                    capabilities=(capability,),
                    rapid_unit=RapidUnit(name=Label(zh="背囊化快速小分队")),
                    posts=self._posts(tid, f"{jid}-yjj", 1),
                    registered=True,
                ),
            )

    def _force_group(self, root: str) -> None:
        if not self.maybe():
            return
        # Teams inside a counted group count through the group, so mandated
        # teams stay outside it to keep every county's coverage.
        mandated = {c for c, _, _ in _HEALTH_CATEGORIES}
        named = [t.id for t in self.out.get("teams", ()) if t.category not in mandated]
        members = (
            self.draw(st.lists(st.sampled_from(named), unique=True, max_size=3)) if named else []
        )
        levels = _LEVELS[1 : self.draw(st.integers(1, 3))]
        sizes = [self.draw(st.integers(0, 50)) for _ in levels]
        if sizes:
            total = max(sum(sizes), len(members))
            sizes[-1] += total - sum(sizes)  # the parts add up to the total
        else:
            total = self.draw(st.integers(len(members), 50))
        parts = [
            Part(level=level, count=Count(value=size, unit=CountUnit.TEAMS))
            for level, size in zip(levels, sizes, strict=True)
        ]
        self.add(
            "force_groups",
            ForceGroup(
                id="group-0",
                name=Label(zh="区县乡镇救援队伍"),
                domain=ForceDomain.ACCIDENT_DISASTER,
                jurisdiction=root,
                agency=f"{root}-yjj",
                dispatcher=f"{root}-zhzx",
                teams=Count(value=total, unit=CountUnit.TEAMS),
                parts=tuple(parts),
                members=tuple(sorted(members)),
                registered=True,
            ),
        )

    # -- plans --------------------------------------------------------------

    def _plans(
        self, jid: str, level: AdminLevel, parent: str | None, event_types: list[str]
    ) -> None:
        n = self.integer(self.sizes.plans)
        hazards = (
            self.draw(st.lists(st.sampled_from(event_types), unique=True))
            if n and event_types
            else []
        )
        if hazards:
            self._set_hazards(jid, tuple(sorted(hazards)))
        members = tuple(
            a.id for a in self.out["agencies"] if a.jurisdiction == jid and a.id != f"{jid}-gov"
        )
        for k in range(n):
            first = k == 0
            issued = self.recent(700, since=None) - dt.timedelta(days=30)
            filed = issued + dt.timedelta(days=self.draw(st.integers(0, 14)))
            scopes = (
                [DrillScope.COMPREHENSIVE, DrillScope.SPECIAL]
                if first and parent is None
                else [self.draw(st.sampled_from(DrillScope))]
            )
            drills = tuple(
                Drill(
                    date=self.recent(300, since=issued),
                    scope=scope,
                    method=self.draw(st.none() | st.sampled_from(DrillMethod)),
                    organiser=f"{jid}-yjj",
                )
                for scope in scopes
            )
            revisions: list[Revision] = []
            if self.maybe():
                revisions.append(
                    Revision(status=RevisionStatus.DONE, date=self.recent(700, since=issued))
                )
            if self.maybe():
                due = self.as_of + dt.timedelta(days=self.draw(st.integers(1, 365)))
                revisions.append(Revision(status=RevisionStatus.PLANNED, due=due))
            parent_plan = None
            if not first:
                parent_plan = f"{jid}-plan0"
            elif parent is not None and any(
                p.id == f"{parent}-plan0" for p in self.out.get("plans", ())
            ):
                parent_plan = f"{parent}-plan0"
            self.add(
                "plans",
                Plan(
                    id=f"{jid}-plan{k}",
                    title=Label(zh=f"应急预案{jid}-{k}"),
                    kind=_FIRST_PLAN[level] if first else PlanKind.SPECIAL,
                    jurisdiction=jid,
                    issuer=f"{jid}-gov",
                    lead=f"{jid}-gov" if first else f"{jid}-yjj",
                    members=members,
                    parent=parent_plan,
                    event_types=tuple(sorted(hazards)) if first else (),
                    sections=tuple(PlanSection),
                    issued=issued,
                    filed=filed,
                    filed_with=f"{parent}-gov" if parent is not None else None,
                    revisions=tuple(revisions),
                    drills=drills,
                ),
            )

    def _set_hazards(self, jid: str, hazards: tuple[str, ...]) -> None:
        items = self.out["jurisdictions"]
        for i, j in enumerate(items):
            if j.id == jid:
                items[i] = attrs.evolve(j, hazards=hazards)

    def _plan_system(self, root: str) -> None:
        root_plans = [p for p in self.out.get("plans", ()) if p.jurisdiction == root]
        if not root_plans or not self.maybe():
            return
        progress = []
        if self.maybe():
            total = self.draw(st.integers(0, 20))
            done = self.maybe()
            progress.append(
                RevisionProgress(
                    scope=Label(zh="专项预案"),
                    kind=PlanKind.SPECIAL,
                    responsible_agencies=(f"{root}-yjj",),
                    status=RevisionStatus.DONE if done else RevisionStatus.IN_PROGRESS,
                    revised=total if done else self.draw(st.integers(0, total)),
                    total=total,
                    due=self.as_of + dt.timedelta(days=self.draw(st.integers(1, 365))),
                )
            )
        documents = []
        if self.maybe():
            self.add(
                "documents",
                Document(
                    id="doc-0",
                    title=Label(zh="预案管理办法"),
                    kind=DocumentKind.MEASURES,
                    jurisdiction=root,
                    issuers=(f"{root}-gov",),
                    issued=self.recent(700),
                ),
            )
            documents.append("doc-0")
        self.add(
            "plan_systems",
            PlanSystem(
                id="plan-system",
                name=Label(zh="预案体系"),
                jurisdiction=root,
                plans=tuple(p.id for p in self.out["plans"]),
                documents=tuple(documents),
                drill_policy=DrillPolicy(comprehensive_per_year=1, special_per_year=1),
                progress=tuple(progress),
            ),
        )

    # -- framework, dispatch, command ---------------------------------------

    def _framework(self, root: str) -> None:
        if not self.maybe():
            return
        aspect_ids = []
        for key, zh, functions in _ASPECTS:
            chosen = self.draw(st.lists(st.sampled_from(functions), unique=True, min_size=1))
            inst_ids = []
            for function in sorted(chosen, key=list(InstitutionFunction).index):
                iid = f"inst-{function.value}"
                limit = None
                if function is InstitutionFunction.INFORMATION_REPORTING:
                    limit = dt.timedelta(minutes=self.draw(st.integers(30, 120)))
                self.add(
                    "institutions",
                    Institution(
                        id=iid,
                        name=Label(zh=function.zh),
                        function=function,
                        owner=f"{root}-yjj",
                        time_limit=limit,
                    ),
                )
                inst_ids.append(iid)
            self.add(
                "aspects",
                Aspect(id=f"aspect-{key}", name=Label(zh=zh), institutions=tuple(inst_ids)),
            )
            aspect_ids.append(f"aspect-{key}")
        self.add(
            "frameworks",
            Framework(
                id="framework",
                name=Label(zh="3+8制度架构"),
                jurisdiction=root,
                aspects=tuple(aspect_ids),
            ),
        )

    def _dispatch(self, root: str) -> None:
        if not self.maybe():
            return
        modes = self.draw(st.lists(st.sampled_from(_MODES), unique=True, min_size=1, max_size=3))
        for key, zh, cadence in modes:
            self.add(
                "dispatch_modes", DispatchMode(id=f"mode-{key}", name=Label(zh=zh), cadence=cadence)
            )
        self.add(
            "dispatch_policies",
            DispatchPolicy(
                id="dispatch",
                name=Label(zh="统一调度办法"),
                jurisdiction=root,
                dispatcher=f"{root}-zhzx",
                modes=tuple(f"mode-{key}" for key, _, _ in modes),
            ),
        )

    def _command_body(self, root: str) -> None:
        if not self.maybe():
            return
        self.add(
            "command_bodies",
            CommandBody(
                id="headquarters",
                name=Label(zh="应急指挥部"),
                kind=BodyKind.HEADQUARTERS,
                jurisdiction=root,
                host=f"{root}-yjj",
                office=f"{root}-yjj",
                lead=f"{root}-gov",
                members=(f"{root}-xcb",),
            ),
        )

    def _expert_panel(self, root: str) -> None:
        if not self.maybe():
            return
        self.add(
            "expert_panels",
            ExpertPanel(
                id="experts",
                name=Label(zh="专家咨询委员会"),
                kind=self.draw(st.sampled_from(PanelKind)),
                jurisdiction=root,
                convener=f"{root}-yjj",
                members=Count(value=self.draw(st.integers(1, 100)), unit=CountUnit.PEOPLE),
            ),
        )

    def _facility(self, root: str) -> None:
        if not self.maybe():
            return
        covers = self.draw(
            st.lists(st.sampled_from([j for j, _, _ in self.tree]), unique=True, min_size=1)
        )
        self.add(
            "facilities",
            Facility(
                id="facility-0",
                name=Label(zh="区域应急救援中心"),
                kind=self.draw(st.sampled_from(FacilityKind)),
                jurisdiction=root,
                operator=f"{root}-yjj",
                covers=tuple(sorted(covers)),
            ),
        )

    # -- public opinion, society, duty, proposals ----------------------------

    def _protocol(self, root: str) -> None:
        if not self.maybe():
            return
        lead = f"{root}-xcb"
        spokesperson = self._person(f"{root}-spokesperson", lead)
        deadlines = Deadlines(
            severity=Severity.MAJOR,
            first_report=dt.timedelta(minutes=self.draw(st.integers(10, 60))),
            authoritative_release=dt.timedelta(minutes=self.draw(st.integers(30, 300))),
            press_conference=dt.timedelta(hours=self.draw(st.integers(1, 24))),
        )
        self.add(
            "protocols",
            OpinionProtocol(
                id="protocol",
                name=Label(zh="新闻舆论舆情引导"),
                jurisdiction=root,
                lead=lead,
                first_report_to=(lead,),
                also_report_to=(f"{root}-gov",),
                deadlines=deadlines,
                press_release=PressReleasePlan(
                    decided_by=lead,
                    decisions=tuple(ReleaseDecision),
                    spokesperson=spokesperson,
                    department=lead,
                ),
                instruction_sources=(lead,),
                accountability=self.maybe(),
            ),
        )

    def _organisations(self, root: str) -> None:
        ids = []
        for k in range(self.draw(st.integers(0, 2))):
            oid = f"org-{k}"
            registered_on = self.recent(3650) - dt.timedelta(days=30)
            self.add(
                "organisations",
                SocialOrganization(
                    id=oid,
                    name=Label(zh=f"社会组织{k}"),
                    kind=self.draw(st.sampled_from(OrganizationKind)),
                    jurisdiction=root,
                    registered=True,
                    registered_on=registered_on,
                    registrar=f"{root}-gov",
                    supervisor=f"{root}-yjj",
                    inspections=(
                        Inspection(
                            kind=InspectionKind.ANNUAL, date=self.recent(300, since=registered_on)
                        ),
                    ),
                ),
            )
            ids.append(oid)
        if ids and self.maybe():
            self.add(
                "organisation_groups",
                OrganizationGroup(
                    id="org-group",
                    name=Label(zh="应急救援社会组织"),
                    kind=OrganizationKind.EMERGENCY_RESCUE,
                    count=Count(
                        value=len(ids) + self.draw(st.integers(0, 30)), unit=CountUnit.ORGANISATIONS
                    ),
                    jurisdiction=root,
                    registered=True,
                    registrar=f"{root}-gov",
                    supervisor=f"{root}-yjj",
                    members=tuple(ids),
                ),
            )

    def _programmes(self, root: str) -> None:
        for k in range(self.draw(st.integers(0, 2))):
            kind = self.draw(st.sampled_from(DutyKind))
            self.add(
                "programmes",
                Programme(
                    id=f"programme-{k}",
                    name=Label(zh=f"责任体系{k}"),
                    kind=kind,
                    jurisdiction=root,
                    lead=f"{root}-yjj",
                    cadences=(Cadence.DAILY, Cadence.WEEKLY, Cadence.MONTHLY)
                    if kind is DutyKind.ENTERPRISE_RESPONSIBILITY
                    else (),
                ),
            )

    def _proposals(self, root: str) -> None:
        n = self.integer(self.sizes.proposals)
        if not n:
            return
        lead = f"{root}-yjj"
        signer = self._person(f"{root}-yjj-head", lead)
        others = [
            f"{root}-xcb",
            f"{root}-gov",
            *(a.id for a in self.out["agencies"] if a.id.startswith(f"{root}-dept")),
        ]
        for k in range(n):
            pid = f"proposal-{k}"
            co = tuple(
                sorted(self.draw(st.lists(st.sampled_from(others), unique=True, max_size=3)))
            )
            assigned = self.recent(400)
            reply_by = min(self.as_of, assigned + dt.timedelta(days=80))
            proposer = self._person(f"{pid}-proposer", f"{root}-gov")
            self.add(
                "proposals",
                Proposal(
                    id=pid,
                    kind=self.draw(st.sampled_from(ProposalKind)),
                    number=f"{k + 1:04d}",
                    session=Session(level=AdminLevel.PROVINCIAL, term=5, meeting=5),
                    title=Label(zh=f"提案{k}"),
                    jurisdiction=root,
                    proposers=(proposer,),
                    lead_handler=lead,
                    co_handlers=co,
                    mode=HandlingMode.JOINT if co else HandlingMode.SOLE,
                    assigned=assigned,
                    reply=Reply(
                        date=self.draw(_between(assigned, reply_by)), signer=signer, sender=lead
                    ),
                ),
            )
            for c in range(self.draw(st.integers(0, 2))):
                self.add(
                    "commitments",
                    Commitment(
                        id=f"{pid}-c{c}",
                        proposal=pid,
                        text=Label(zh=f"承诺{c}"),
                        responsible=self.draw(st.sampled_from([lead, *co])),
                    ),
                )


# -- systems with no guarantee --------------------------------------------------

# Half of all ids come from this pool, so that references often resolve,
# collide (duplicates), point at the wrong kind or close cycles.
_POOL = ("a", "b", "c", "d", "e")
_POOLED_IDS = st.sampled_from(_POOL) | st.text(
    st.characters(exclude_categories=("C", "Z"), exclude_characters=",<>&\"'"),
    min_size=1,
    max_size=6,
)


def any_systems() -> st.SearchStrategy[EmergencySystem]:
    """Systems with no validity guarantee, for totality tests.

    Every object constructs, but ids repeat, references dangle, point at
    the wrong kind of object or close cycles: half of all ids and
    references are drawn from a pool of five (``"a"`` … ``"e"``).

    Returns
    -------
    hypothesis.strategies.SearchStrategy[EmergencySystem]

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> from emergencykit.strategies import any_systems
    >>> odd = find(any_systems(), lambda s: s.root is not None and s.root not in s,
    ...            settings=settings(database=None))
    >>> odd.root, len(odd)
    ('a', 0)
    """
    return _any_systems()


@st.composite
def _any_systems(draw: st.DrawFn) -> EmergencySystem:
    # A few collections per system keep each draw small enough for
    # hypothesis's buffer while every collection still gets its turn.
    names = draw(st.lists(st.sampled_from(_ALL_COLLECTIONS), unique=True, max_size=5))
    chosen: dict[str, Any] = {}
    for name in sorted(names, key=_ALL_COLLECTIONS.index):
        item: st.SearchStrategy[Any] = _default(_ITEM_CLASS[name], _POOLED_IDS)
        chosen[name] = tuple(draw(st.lists(item, min_size=1, max_size=3)))
    return EmergencySystem(
        id=draw(_POOLED_IDS),
        name=draw(labels()),
        root=draw(st.none() | _POOLED_IDS),
        described=draw(st.none() | st.dates(MIN_DATE, MAX_DATE)),
        **chosen,
    )


_ITEM_CLASS: dict[str, type] = {name: cls for name, (cls, _) in COLLECTIONS.items()} | {
    "relations": Link
}
_ALL_COLLECTIONS = [*COLLECTIONS, "relations"]


__all__ = ["DEFAULT_AS_OF", "any_systems", "systems"]
