"""Defects on purpose: one catalogue of named mutations, each breaking one rule.

Every rule of the built-in packs has at least one mutation here.  Most
state a fact that breaks the rule (a violation); some leave out a fact the
rule needs, which it asks about (a question, ``kind``).  A mutation
takes a valid system — from :func:`~emergencykit.strategies.systems`, from
:func:`~emergencykit.datasets.synthetic`, or written by hand — and returns it
with one defect that its rule reports; what it must pick (which team, which
plan) comes from a hypothesis draw or any other chooser.  The library's own
rule tests run over this catalogue, so it is also the list of what each rule
catches.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from emergencykit.datasets._builder import DEFAULT_BOUNDS, Chooser
from emergencykit.model import (
    AdminLevel,
    Agency,
    AgencyKind,
    Aspect,
    BodyKind,
    Cadence,
    Citation,
    CommandBody,
    Commitment,
    Count,
    CountUnit,
    Deadlines,
    DispatchPolicy,
    Document,
    DocumentKind,
    DocumentStatus,
    Drill,
    DrillPolicy,
    DrillScope,
    DutyKind,
    EmergencySystem,
    EventCategory,
    EventType,
    ExpertPanel,
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
    PartialDate,
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
    Relation,
    Reply,
    RevisionProgress,
    Sector,
    Session,
    Severity,
    SocialOrganization,
    Team,
    TeamCategory,
    Tier,
    TierScheme,
)
from emergencykit.rules import FindingKind
from emergencykit.strategies._systems import DEFAULT_AS_OF

__all__ = ["MUTATIONS", "Mutation", "mutations"]

T = TypeVar("T")
Apply = Callable[[EmergencySystem, Chooser], EmergencySystem]


@attrs.frozen
class _DataChooser:
    """Choices drawn from a test's ``st.data()``, so that a failure replays and shrinks."""

    data: st.DataObject

    def integer(self, low: int, high: int) -> int:
        return self.data.draw(st.integers(low, high))

    def chance(self, p: float) -> bool:
        return self.data.draw(st.booleans())

    def some(self, items: Sequence[T], p: float) -> list[T]:
        return [x for x in items if self.data.draw(st.booleans())]

    def pick(self, items: Sequence[T]) -> T:
        return self.data.draw(st.sampled_from(items))


@attrs.frozen
class Mutation:
    """One named defect and the rule code it must trigger.

    ``kind`` is the kind of finding the defect gives on a partial
    description: a violation when it states a fact that breaks the rule, a
    question when it leaves out a fact the rule needs (a system that
    declares itself complete reads that as a violation too).

    ``apply(system, data)`` takes a valid system and returns it with exactly
    this defect injected (through :func:`attrs.evolve`); choices such as
    *which* team are drawn from ``data`` (:func:`hypothesis.strategies.data`),
    so the result is deterministic for a given draw.  When the system lacks
    the object to break (a protocol, a special plan …) a valid one is added
    first.  Dates are relative to the system's ``described`` date, which
    :func:`systems` sets to ``as_of``.
    """

    name: str
    code: str
    description: str
    _apply: Apply = attrs.field(alias="apply", repr=False, eq=False)
    kind: FindingKind = attrs.field(default=FindingKind.VIOLATION, kw_only=True, repr=False)

    def apply(self, system: EmergencySystem, data: "st.DataObject | Chooser") -> EmergencySystem:
        """The system with this defect injected.

        Parameters
        ----------
        system
            A valid system, e.g. from :func:`emergencykit.strategies.systems`.
        data
            The draw source of a hypothesis test (``st.data()``), or any
            object with the ``integer``, ``chance`` and ``pick`` methods of
            the builder's chooser (such as one over a seeded
            :class:`random.Random`).

        Returns
        -------
        EmergencySystem
            A new system; ``system`` itself is unchanged (it is frozen).

        Examples
        --------
        >>> from hypothesis import given, settings, strategies as st
        >>> from emergencykit.strategies import MUTATIONS, systems
        >>> cycle = next(m for m in MUTATIONS if m.name == "command-cycle")
        >>> @given(systems(), st.data())
        ... @settings(max_examples=10, database=None)
        ... def check(system, data):
        ...     assert cycle.apply(system, data) != system
        >>> check()
        """
        choose = _DataChooser(data) if isinstance(data, st.DataObject) else data
        return self._apply(system, choose)


_CATALOGUE: list[Mutation] = []


def _defect(
    name: str, code: str, description: str, kind: FindingKind = FindingKind.VIOLATION
) -> Callable[[Apply], Apply]:
    def register(apply: Apply) -> Apply:
        _CATALOGUE.append(Mutation(name, code, description, apply, kind=kind))
        return apply

    return register


# -- finding what to break, or adding it -----------------------------------------


def _as_of(system: EmergencySystem) -> dt.date:
    # The last day a partial ``described`` may be, as the command line takes it.
    return system.described.latest() if system.described is not None else DEFAULT_AS_OF


_day = PartialDate.from_date


def _days(system: EmergencySystem, n: int) -> dt.date:
    """``n`` days before the system's date."""
    return _as_of(system) - dt.timedelta(days=n)


def _root(system: EmergencySystem) -> Jurisdiction:
    root = system.get(system.root) if system.root is not None else None
    if not isinstance(root, Jurisdiction):
        raise InvalidArgument("mutations need a valid system: its root is missing")
    return root


def _agency(
    system: EmergencySystem, jid: str, kind: AgencyKind, sector: Sector | None = None
) -> Agency:
    for a in system.agencies:
        if a.jurisdiction == jid and a.kind is kind and (sector is None or a.sector is sector):
            return a
    raise InvalidArgument(f"mutations need a valid system: no {kind.value} in {jid}")


def _gov(system: EmergencySystem) -> Agency:
    return _agency(system, _root(system).id, AgencyKind.GOVERNMENT)


def _bureau(system: EmergencySystem) -> Agency:
    return _agency(
        system, _root(system).id, AgencyKind.GOVERNMENT_DEPARTMENT, Sector.EMERGENCY_MANAGEMENT
    )


def _publicity(system: EmergencySystem) -> Agency:
    return _agency(system, _root(system).id, AgencyKind.PARTY_DEPARTMENT, Sector.PUBLICITY)


def _centre(system: EmergencySystem) -> Agency:
    return _agency(system, _root(system).id, AgencyKind.COMMAND_CENTRE)


def _fresh(system: EmergencySystem, stem: str) -> str:
    k = 0
    while f"{stem}-{k}" in system:
        k += 1
    return f"{stem}-{k}"


def _set(system: EmergencySystem, collection: str, old: Any, new: Any) -> EmergencySystem:
    items = getattr(system, collection)
    i = next(i for i, x in enumerate(items) if x is old)
    change: dict[str, Any] = {collection: (*items[:i], new, *items[i + 1 :])}
    return attrs.evolve(system, **change)


def _add(system: EmergencySystem, collection: str, *new: Any) -> EmergencySystem:
    change: dict[str, Any] = {collection: (*getattr(system, collection), *new)}
    return attrs.evolve(system, **change)


def _edit(system: EmergencySystem, collection: str, old: Any, **change: Any) -> EmergencySystem:
    return _set(system, collection, old, attrs.evolve(old, **change))


def _new_team(system: EmergencySystem, **fields: Any) -> Team:
    """A valid team at the root, commanded and dispatched by the root's command centre."""
    root = _root(system)
    fields = {
        "domain": ForceDomain.ACCIDENT_DISASTER,
        "level": root.level,
        "jurisdiction": root.id,
        "agency": _bureau(system).id,
        "commander": _centre(system).id,
        "dispatcher": _centre(system).id,
        **fields,
    }
    return Team(id=_fresh(system, "team"), name=Label(zh="救援队"), **fields)


def _team(system: EmergencySystem, choose: Chooser) -> tuple[EmergencySystem, Team]:
    """A team of the system, or a valid new one at the root when there is none."""
    if system.teams:
        return system, choose.pick(system.teams)
    team = _new_team(system)
    return _add(system, "teams", team), team


def _post(system: EmergencySystem, choose: Chooser) -> tuple[EmergencySystem, Team, Post]:
    """A team with a post with both holders, adding the post when needed."""
    with_posts = [t for t in system.teams if t.posts]
    if with_posts:
        team = choose.pick(with_posts)
        return system, team, choose.pick(team.posts)
    system, team = _team(system, choose)
    a, b = _fresh(system, "holder-a"), _fresh(system, "holder-b")
    agency = _bureau(system).id
    system = _add(
        system,
        "persons",
        Person(id=a, name=Label(zh="A角"), agency=agency),
        Person(id=b, name=Label(zh="B角"), agency=agency),
    )
    post = Post(title=Label(zh="岗位"), a=a, b=b)
    new = attrs.evolve(team, posts=(*team.posts, post))
    return _set(system, "teams", team, new), new, post


def _set_post(system: EmergencySystem, team: Team, post: Post, new: Post) -> EmergencySystem:
    posts = tuple(new if p is post else p for p in team.posts)
    return _edit(system, "teams", team, posts=posts)


def _plan(
    system: EmergencySystem, choose: Chooser, kinds: tuple[PlanKind, ...]
) -> tuple[EmergencySystem, Plan]:
    """A plan of one of ``kinds``, or a valid new special plan at the root."""
    found = [p for p in system.plans if p.kind in kinds]
    if found:
        return system, choose.pick(found)
    issued = _days(system, 60)
    bureau = _bureau(system)
    plan = Plan(
        id=_fresh(system, "plan"),
        title=Label(zh="专项应急预案"),
        kind=PlanKind.SPECIAL,
        jurisdiction=_root(system).id,
        issuer=_gov(system).id,
        lead=bureau.id,
        sections=tuple(PlanSection),
        issued=_day(issued),
        filed=_day(issued + dt.timedelta(days=5)),
        drills=(
            Drill(date=_day(_days(system, 30)), scope=DrillScope.SPECIAL, organiser=bureau.id),
        ),
    )
    return _add(system, "plans", plan), plan


def _any_plan(system: EmergencySystem, choose: Chooser) -> tuple[EmergencySystem, Plan]:
    return _plan(system, choose, tuple(PlanKind))


def _special(system: EmergencySystem, choose: Chooser) -> tuple[EmergencySystem, Plan]:
    return _plan(system, choose, (PlanKind.SPECIAL, PlanKind.DEPARTMENT))


def _plan_system(system: EmergencySystem, choose: Chooser) -> tuple[EmergencySystem, PlanSystem]:
    """A plan system, or a new one at the root holding every plan."""
    if system.plan_systems:
        return system, choose.pick(system.plan_systems)
    system, _ = _any_plan(system, choose)
    ps = PlanSystem(
        id=_fresh(system, "plan-system"),
        name=Label(zh="预案体系"),
        jurisdiction=_root(system).id,
        plans=tuple(p.id for p in system.plans),
    )
    return _add(system, "plan_systems", ps), ps


def _aspect(system: EmergencySystem, choose: Chooser) -> tuple[EmergencySystem, Aspect]:
    """An aspect of a framework, or a new framework with one aspect and one institution."""
    if system.aspects:
        return system, choose.pick(system.aspects)
    institution = Institution(
        id=_fresh(system, "institution"), name=Label(zh="排查监测"), owner=_bureau(system).id
    )
    system = _add(system, "institutions", institution)
    aspect = Aspect(
        id=_fresh(system, "aspect"), name=Label(zh="监测预警"), institutions=(institution.id,)
    )
    framework = Framework(
        id=_fresh(system, "framework"),
        name=Label(zh="制度架构"),
        jurisdiction=_root(system).id,
        aspects=(aspect.id,),
    )
    return _add(_add(system, "aspects", aspect), "frameworks", framework), aspect


def _institution(
    system: EmergencySystem, choose: Chooser, function: InstitutionFunction | None = None
) -> tuple[EmergencySystem, Institution]:
    """An institution (of ``function``), or a new one listed by an aspect."""
    found = [i for i in system.institutions if function is None or i.function is function]
    if found:
        return system, choose.pick(found)
    system, aspect = _aspect(system, choose)
    institution = Institution(
        id=_fresh(system, "institution"),
        name=Label(zh="信息接报"),
        function=function,
        owner=_bureau(system).id,
    )
    system = _edit(system, "aspects", aspect, institutions=(*aspect.institutions, institution.id))
    return _add(system, "institutions", institution), institution


def _dispatch(system: EmergencySystem, choose: Chooser) -> tuple[EmergencySystem, DispatchPolicy]:
    if system.dispatch_policies:
        return system, choose.pick(system.dispatch_policies)
    policy = DispatchPolicy(
        id=_fresh(system, "dispatch"),
        name=Label(zh="统一调度办法"),
        jurisdiction=_root(system).id,
        dispatcher=_centre(system).id,
    )
    return _add(system, "dispatch_policies", policy), policy


def _protocol(system: EmergencySystem) -> tuple[EmergencySystem, OpinionProtocol]:
    """The protocol of the system, or a valid new one led by the root's publicity department."""
    if system.protocols:
        return system, system.protocols[0]
    lead = _publicity(system).id
    speaker = _fresh(system, "spokesperson")
    system = _add(system, "persons", Person(id=speaker, name=Label(zh="新闻发言人"), agency=lead))
    protocol = OpinionProtocol(
        id=_fresh(system, "protocol"),
        name=Label(zh="新闻舆论舆情引导"),
        jurisdiction=_root(system).id,
        lead=lead,
        first_report_to=(lead,),
        deadlines=Deadlines(
            severity=Severity.MAJOR,
            authoritative_release=DEFAULT_BOUNDS.release,
            press_conference=DEFAULT_BOUNDS.press_conference,
        ),
        press_release=PressReleasePlan(decided_by=lead, spokesperson=speaker, department=lead),
        instruction_sources=(lead,),
    )
    return _add(system, "protocols", protocol), protocol


def _edit_protocol(system: EmergencySystem, **change: Any) -> EmergencySystem:
    system, protocol = _protocol(system)
    return _edit(system, "protocols", protocol, **change)


def _set_deadline(system: EmergencySystem, **change: Any) -> EmergencySystem:
    system, protocol = _protocol(system)
    deadlines = protocol.deadlines or Deadlines()
    return _edit(system, "protocols", protocol, deadlines=attrs.evolve(deadlines, **change))


def _organisation(
    system: EmergencySystem, choose: Chooser
) -> tuple[EmergencySystem, SocialOrganization]:
    """A registered organisation, or a new one at the root."""
    found = [o for o in system.organisations if o.registered]
    if found:
        return system, choose.pick(found)
    organisation = SocialOrganization(
        id=_fresh(system, "organisation"),
        name=Label(zh="救援协会"),
        kind=OrganizationKind.EMERGENCY_RESCUE,
        jurisdiction=_root(system).id,
        registered=True,
        registered_on=_day(_days(system, 1000)),
        supervisor=_bureau(system).id,
        inspections=(Inspection(kind=InspectionKind.ANNUAL, date=_day(_days(system, 30))),),
    )
    return _add(system, "organisations", organisation), organisation


def _proposal(system: EmergencySystem, choose: Chooser) -> tuple[EmergencySystem, Proposal]:
    """A proposal with a lead handler and a reply, or a valid new one."""
    found = [p for p in system.proposals if p.lead_handler is not None and p.reply is not None]
    if found:
        return system, choose.pick(found)
    bureau = _bureau(system).id
    signer = _fresh(system, "signer")
    system = _add(system, "persons", Person(id=signer, name=Label(zh="局长"), agency=bureau))
    assigned = _days(system, 60)
    proposal = Proposal(
        id=_fresh(system, "proposal"),
        kind=ProposalKind.CPPCC_PROPOSAL,
        number="0001",
        session=Session(level=AdminLevel.PROVINCIAL, term=5, meeting=5),
        title=Label(zh="提案"),
        jurisdiction=_root(system).id,
        lead_handler=bureau,
        mode=HandlingMode.SOLE,
        assigned=_day(assigned),
        reply=Reply(date=_day(assigned + dt.timedelta(days=30)), signer=signer, sender=bureau),
    )
    return _add(system, "proposals", proposal), proposal


def _mandate(
    system: EmergencySystem, **fields: Any
) -> tuple[EmergencySystem, Mandate, TeamCategory]:
    """A new county mandate for a new health category, with a county to apply to."""
    root = _root(system)
    if not any(j.level is AdminLevel.COUNTY for j in system.jurisdictions):
        county = Jurisdiction(
            id=_fresh(system, "county"),
            name=Label(zh="新区县"),
            level=AdminLevel.COUNTY,
            parent=root.id,
        )
        system = _add(system, "jurisdictions", county)
    category = TeamCategory(
        id=_fresh(system, "cat-required"), name=Label(zh="必备队伍"), domain=ForceDomain.HEALTH
    )
    mandate = Mandate(
        id=_fresh(system, "mandate"),
        name=Label(zh="区县必备队伍"),
        jurisdiction=root.id,
        level=AdminLevel.COUNTY,
        domain=ForceDomain.HEALTH,
        categories=(category.id,),
        **fields,
    )
    return _add(_add(system, "team_categories", category), "mandates", mandate), mandate, category


def _mandated_group(system: EmergencySystem, **fields: Any) -> EmergencySystem:
    """A counted group of county teams under a mandate asking for rapid units and A/B posts."""
    system, _, category = _mandate(system, rapid_unit=True, ab_posts=True)
    group = ForceGroup(
        id=_fresh(system, "group"),
        name=Label(zh="区县卫生应急队伍"),
        domain=ForceDomain.HEALTH,
        jurisdiction=_root(system).id,
        level=AdminLevel.COUNTY,
        category=category.id,
        **fields,
    )
    return _add(system, "force_groups", group)


def _commanding(
    system: EmergencySystem, parent: str | None, teams: int, **fields: Any
) -> EmergencySystem:
    """A new department under ``parent`` commanding ``teams`` new teams."""
    boss = Agency(
        id=_fresh(system, "brigade"),
        name=Label(zh="大队"),
        kind=AgencyKind.GOVERNMENT_DEPARTMENT,
        jurisdiction=_root(system).id,
        parent=parent,
    )
    system = _add(system, "agencies", boss)
    for _ in range(teams):
        system = _add(system, "teams", _new_team(system, commander=boss.id, **fields))
    return system


# -- EK0: ids and references ------------------------------------------------------


@_defect("duplicate-id", "EK001", "an agency appears twice with the same id")
def _duplicate(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    agency = choose.pick(system.agencies)
    return _add(
        system, "agencies", attrs.evolve(agency, name=Label(zh=f"{agency.name.get('zh')}(重复)"))
    )


@_defect("dangling-reference", "EK002", "an agency's parent names no object")
def _dangling(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    agency = choose.pick([a for a in system.agencies if a.parent is not None])
    return _edit(system, "agencies", agency, parent=_fresh(system, "nowhere"))


@_defect("wrong-kind", "EK003", "a plan is led by a jurisdiction")
def _wrong_kind(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, plan = _any_plan(system, choose)
    return _edit(system, "plans", plan, lead=_root(system).id)


@_defect("jurisdiction-under-its-peer", "EK004", "a jurisdiction's parent is at its own level")
def _flat_tree(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    root = _root(system)
    peer = Jurisdiction(
        id=_fresh(system, "peer"), name=Label(zh="同级行政区"), level=root.level, parent=root.id
    )
    return _add(system, "jurisdictions", peer)


@_defect("no-root", "EK005", "the system names no root jurisdiction", FindingKind.QUESTION)
def _no_root(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    return attrs.evolve(system, root=None)


@_defect("unknown-citation-source", "EK006", "a jurisdiction cites a source the system lacks")
def _unknown_source(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    place = choose.pick(system.jurisdictions)
    cite = Citation(source=_fresh(system, "nowhere"), locator="§1")
    return _edit(system, "jurisdictions", place, cite=(*place.cite, cite))


# -- EK1: plans and drills ---------------------------------------------------------


@_defect("plan-without-lead", "EK101", "a plan has no lead", FindingKind.QUESTION)
def _no_lead(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, plan = _any_plan(system, choose)
    return _edit(system, "plans", plan, lead=None)


@_defect("township-overall-plan", "EK102", "an overall plan at township level")
def _township_overall(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    townships = [p for p in system.plans if p.kind is PlanKind.TOWNSHIP]
    if townships:
        return _edit(system, "plans", choose.pick(townships), kind=PlanKind.OVERALL)
    town = Jurisdiction(
        id=_fresh(system, "township"),
        name=Label(zh="新乡镇"),
        level=AdminLevel.TOWNSHIP,
        parent=_root(system).id,
    )
    system = _add(system, "jurisdictions", town)
    system, plan = _plan(system, choose, ())
    return _edit(
        system, "plans", plan, kind=PlanKind.OVERALL, jurisdiction=town.id, lead=_gov(system).id
    )


@_defect("special-plan-led-by-government", "EK103", "a special plan is led by the government")
def _special_by_gov(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, plan = _plan(system, choose, (PlanKind.SPECIAL,))
    return _edit(system, "plans", plan, lead=_gov(system).id)


@_defect(
    "uncovered-hazard", "EK104", "the root faces a hazard that no plan covers", FindingKind.QUESTION
)
def _uncovered(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    event = EventType(
        id=_fresh(system, "event"), name=Label(zh="地震"), category=EventCategory.NATURAL_DISASTER
    )
    root = _root(system)
    system = _add(system, "event_types", event)
    return _edit(system, "jurisdictions", root, hazards=(*root.hazards, event.id))


@_defect(
    "plan-missing-sections", "EK105", "a plan lists its response section only", FindingKind.QUESTION
)
def _sections(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, plan = _any_plan(system, choose)
    return _edit(system, "plans", plan, sections=(PlanSection.RESPONSE,))


@_defect("revision-overdue", "EK106", "a plan issued ten years ago and never revised")
def _unrevised(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, plan = _any_plan(system, choose)
    issued = _days(system, 10 * 365)
    return _edit(
        system, "plans", plan, issued=issued, filed=issued + dt.timedelta(days=5), revisions=()
    )


@_defect("overdue-drill", "EK107", "a special plan last drilled six years ago")
def _overdue_drill(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, plan = _special(system, choose)
    issued = _days(system, 6 * 365)
    drill = Drill(date=_day(issued + dt.timedelta(days=30)), scope=DrillScope.SPECIAL)
    return _edit(
        system,
        "plans",
        plan,
        issued=issued,
        filed=issued + dt.timedelta(days=5),
        revisions=(),
        drills=(drill,),
    )


@_defect("drill-older-than-a-year", "EK108", "a plan last drilled 400 days ago")
def _old_drill(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, plan = _any_plan(system, choose)
    issued = _days(system, 2 * 365)
    drill = Drill(date=_day(_days(system, 400)), scope=DrillScope.SPECIAL)
    return _edit(
        system,
        "plans",
        plan,
        issued=issued,
        filed=issued + dt.timedelta(days=5),
        revisions=(),
        drills=(drill,),
    )


@_defect("drill-policy-unmet", "EK109", "a plan system asks for more special drills than held")
def _drill_policy(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, ps = _plan_system(system, choose)
    policy = DrillPolicy(comprehensive_per_year=0, special_per_year=366)
    system = _edit(system, "plan_systems", ps, drill_policy=policy)
    # The rule judges only plan systems with some drill on record.
    plans = [p for p in system.plans if p.id in ps.plans]
    if plans and not any(p.drills for p in plans):
        drill = Drill(date=_day(_days(system, 30)), scope=DrillScope.COMPREHENSIVE)
        system = _edit(system, "plans", plans[0], drills=(drill,))
    return system


@_defect("late-filing", "EK110", "a plan issued under the 2024 measures, filed 60 days after issue")
def _late_filing(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, plan = _plan(system, choose, (PlanKind.OVERALL, PlanKind.SPECIAL))
    filed = dt.timedelta(days=60)
    if plan.issued is not None and plan.issued.earliest() >= dt.date(2024, 1, 31):
        return _edit(system, "plans", plan, filed=_day(plan.issued.latest() + filed))
    # The filing rule binds plans issued since the 2024 measures took effect:
    # a copy of the plan issued then, without the revisions and drills of the old one.
    issued = max(_days(system, 100), dt.date(2024, 2, 1))
    late = attrs.evolve(
        plan,
        id=_fresh(system, "plan"),
        issued=_day(issued),
        filed=_day(issued + filed),
        revisions=(),
        drills=(),
        parent=None,
    )
    return _add(system, "plans", late)


@_defect("plan-parent-cycle", "EK111", "a plan is its own parent")
def _plan_cycle(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, plan = _any_plan(system, choose)
    return _edit(system, "plans", plan, parent=plan.id)


@_defect("revision-programme-overdue", "EK112", "a revision programme past due, 1 of 3 done")
def _programme_overdue(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, ps = _plan_system(system, choose)
    progress = RevisionProgress(
        scope=Label(zh="专项预案"), revised=1, total=3, due=_day(_days(system, 30))
    )
    return _edit(system, "plan_systems", ps, progress=(*ps.progress, progress))


@_defect("planned-document-overdue", "EK113", "a document still planned a month after its due date")
def _document_overdue(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    document = Document(
        id=_fresh(system, "document"),
        title=Label(zh="预案管理办法"),
        kind=DocumentKind.MEASURES,
        status=DocumentStatus.PLANNED,
        due=_day(_days(system, 30)),
    )
    return _add(system, "documents", document)


@_defect("plan-without-drills", "EK114", "a plan with no drill on record", FindingKind.QUESTION)
def _no_drills(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, plan = _any_plan(system, choose)
    return _edit(system, "plans", plan, drills=())


@_defect("safety-drill-overdue", "EK115", "a production-safety plan last drilled 900 days ago")
def _safety_drill(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    event = EventType(
        id=_fresh(system, "event"),
        name=Label(zh="危化品"),
        category=EventCategory.ACCIDENT_DISASTER,
    )
    system = _add(system, "event_types", event)
    system, plan = _special(system, choose)
    issued = _days(system, 5 * 365)
    return _edit(
        system,
        "plans",
        plan,
        event_types=(*plan.event_types, event.id),
        issued=issued,
        filed=issued + dt.timedelta(days=5),
        revisions=(),
        drills=(Drill(date=_day(_days(system, 900)), scope=DrillScope.SPECIAL),),
    )


# -- EK2: the 3+8 framework and dispatch ---------------------------------------------


@_defect(
    "aspect-without-institutions", "EK201", "an aspect has no institutions", FindingKind.QUESTION
)
def _no_institutions(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, aspect = _aspect(system, choose)
    return _edit(system, "aspects", aspect, institutions=())


@_defect("institution-without-owner", "EK202", "an institution has no owner", FindingKind.QUESTION)
def _no_owner(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, institution = _institution(system, choose)
    return _edit(system, "institutions", institution, owner=None)


@_defect(
    "institution-outside-aspects",
    "EK203",
    "an institution that no aspect lists",
    FindingKind.QUESTION,
)
def _loose_institution(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, _ = _aspect(system, choose)
    institution = Institution(
        id=_fresh(system, "institution"), name=Label(zh="调查评估"), owner=_bureau(system).id
    )
    return _add(system, "institutions", institution)


@_defect("slow-reporting", "EK204", "information reporting allowed 3 h a hop")
def _slow_reporting(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, institution = _institution(system, choose, InstitutionFunction.INFORMATION_REPORTING)
    return _edit(system, "institutions", institution, time_limit=dt.timedelta(hours=3))


@_defect(
    "dispatch-without-dispatcher",
    "EK205",
    "a dispatch policy names no dispatcher",
    FindingKind.QUESTION,
)
def _no_dispatcher(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, policy = _dispatch(system, choose)
    return _edit(system, "dispatch_policies", policy, dispatcher=None)


@_defect(
    "dispatch-without-modes",
    "EK206",
    "a dispatch policy names no dispatch mode",
    FindingKind.QUESTION,
)
def _no_modes(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, policy = _dispatch(system, choose)
    return _edit(system, "dispatch_policies", policy, modes=())


@_defect(
    "command-body-unled", "EK207", "a headquarters with neither lead nor host", FindingKind.QUESTION
)
def _unled_body(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    body = CommandBody(
        id=_fresh(system, "headquarters"),
        name=Label(zh="应急指挥部"),
        kind=BodyKind.HEADQUARTERS,
        jurisdiction=_root(system).id,
    )
    return _add(system, "command_bodies", body)


@_defect(
    "panel-without-convener", "EK208", "an expert panel with no convener", FindingKind.QUESTION
)
def _no_convener(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    panel = ExpertPanel(
        id=_fresh(system, "panel"),
        name=Label(zh="专家库"),
        kind=PanelKind.EXPERT_POOL,
        jurisdiction=_root(system).id,
    )
    return _add(system, "expert_panels", panel)


# -- EK3: rescue forces ---------------------------------------------------------------


@_defect(
    "team-without-commander",
    "EK301",
    "a team has neither a commander nor an agency",
    FindingKind.QUESTION,
)
def _no_commander(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, team = _team(system, choose)
    return _edit(system, "teams", team, commander=None, agency=())


@_defect(
    "social-force-undispatched", "EK302", "a social team has no dispatcher", FindingKind.QUESTION
)
def _undispatched(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    team = _new_team(system, domain=ForceDomain.SOCIAL, registered=True, dispatcher=None)
    return _add(system, "teams", team)


@_defect("unregistered-social-force", "EK303", "a social team is not registered")
def _unregistered(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, team = _team(system, choose)
    return _edit(system, "teams", team, domain=ForceDomain.SOCIAL, registered=False, category=None)


@_defect(
    "missing-rapid-unit",
    "EK304",
    "mandated county teams not stated to have rapid units",
    FindingKind.QUESTION,
)
def _no_rapid_units(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    return _mandated_group(system, ab_posts=True)


@_defect("missing-b-holder", "EK305", "a post has no B holder", FindingKind.QUESTION)
def _missing_b(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, team, post = _post(system, choose)
    return _set_post(system, team, post, attrs.evolve(post, b=None))


@_defect("same-a-and-b", "EK306", "a post has the same person as A and B")
def _same_ab(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, team, post = _post(system, choose)
    return _set_post(system, team, post, attrs.evolve(post, b=post.a))


@_defect(
    "missing-mandated-category",
    "EK307",
    "a county lacks a mandated team category",
    FindingKind.QUESTION,
)
def _missing_category(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, _, _ = _mandate(system)
    return system


@_defect(
    "missing-ab-posts",
    "EK308",
    "mandated county teams not stated to have A/B posts",
    FindingKind.QUESTION,
)
def _no_ab_posts(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    return _mandated_group(system, rapid_units=True)


@_defect("group-names-more-than-it-counts", "EK309", "a counted group of 0 teams names one")
def _overcounted_group(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, team = _team(system, choose)
    group = ForceGroup(
        id=_fresh(system, "group"),
        name=Label(zh="救援队伍"),
        domain=team.domain,
        jurisdiction=_root(system).id,
        dispatcher=_centre(system).id,
        registered=True,
        teams=Count(value=0, unit=CountUnit.TEAMS),
        members=(team.id,),
    )
    return _add(system, "force_groups", group)


@_defect(
    "team-without-tier",
    "EK310",
    "a team without a tier where forces are ranked",
    FindingKind.QUESTION,
)
def _no_tier(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    if not system.tier_schemes:
        scheme = TierScheme(
            id=_fresh(system, "tiers"),
            name=Label(zh="救援力量分层"),
            tiers=(Tier(id=_fresh(system, "tier"), rank=1, name=Label(zh="骨干")),),
        )
        system = _add(system, "tier_schemes", scheme)
    return _add(system, "teams", _new_team(system))


# -- EK4: public opinion -------------------------------------------------------------


@_defect(
    "protocol-without-lead",
    "EK401",
    "the public-opinion protocol has no lead",
    FindingKind.QUESTION,
)
def _protocol_unled(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    return _edit_protocol(system, lead=None)


@_defect(
    "protocol-led-by-bureau", "EK402", "the emergency bureau leads the public-opinion protocol"
)
def _protocol_bureau(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, _ = _protocol(system)
    bureau = _bureau(system).id
    return _edit_protocol(system, lead=bureau, first_report_to=(bureau,))


@_defect("slow-release", "EK403", "authoritative release 8 h after a major event")
def _slow_release(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    return _set_deadline(
        system, severity=Severity.MAJOR, authoritative_release=dt.timedelta(hours=8)
    )


@_defect("slow-press-conference", "EK404", "press conference 30 h after a major event")
def _slow_press(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    return _set_deadline(system, severity=Severity.MAJOR, press_conference=dt.timedelta(hours=30))


@_defect(
    "no-spokesperson", "EK405", "the press-release plan names no spokesperson", FindingKind.QUESTION
)
def _no_spokesperson(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, protocol = _protocol(system)
    release = protocol.press_release or PressReleasePlan()
    return _edit_protocol(system, press_release=attrs.evolve(release, spokesperson=None))


@_defect("two-instruction-sources", "EK406", "a protocol takes instructions from two agencies")
def _two_sources(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, protocol = _protocol(system)
    extra = _gov(system).id
    return _edit_protocol(system, instruction_sources=(*protocol.instruction_sources, extra))


@_defect("first-report-bypasses-lead", "EK407", "first reports go to the government only")
def _bypass(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, _ = _protocol(system)
    return _edit_protocol(system, first_report_to=(_gov(system).id,))


# -- EK5: command structure ----------------------------------------------------------


@_defect("command-cycle", "EK501", "the root government is commanded by its command centre")
def _cycle(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    return _edit(system, "agencies", _gov(system), parent=_centre(system).id)


@_defect(
    "second-commander", "EK502", "a team or command centre gets two more operational commanders"
)
def _second_commander(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    centres = [a.id for a in system.agencies if a.kind is AgencyKind.COMMAND_CENTRE]
    target = choose.pick([t.id for t in system.teams] + centres)
    # Two new operational commanders: administrative parents (a government,
    # the unit's own parent) lead lawfully beside one (双重领导) and are not counted.
    for _ in range(2):
        system = _commanding(system, _gov(system).id, 0)
        boss = system.agencies[-1].id
        system = _add(
            system, "relations", Link(source=boss, relation=Relation.COMMANDS, target=target)
        )
    return system


@_defect("span-too-wide", "EK503", "a department commands one team more than the span allows")
def _wide_span(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    return _commanding(system, _bureau(system).id, DEFAULT_BOUNDS.span_max + 1)


@_defect("team-cut-off", "EK504", "a team commanded from outside the chain, with no dispatcher")
def _cut_off(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    return _commanding(system, None, 1, dispatcher=None)


@_defect("single-point-of-failure", "EK505", "a team reachable only through one brigade")
def _single_point(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    return _commanding(system, _centre(system).id, 1, dispatcher=None)


@_defect("self-command", "EK506", "an agency commands itself")
def _self_command(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    agency = choose.pick(system.agencies)
    return _edit(system, "agencies", agency, parent=agency.id)


# -- EK6: society and duty ------------------------------------------------------------


@_defect("inspection-overdue", "EK601", "a registered organisation last inspected 500 days ago")
def _inspection_overdue(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, organisation = _organisation(system, choose)
    late = (Inspection(kind=InspectionKind.ANNUAL, date=_day(_days(system, 500))),)
    return _edit(
        system,
        "organisations",
        organisation,
        registered_on=_days(system, 2000),
        inspections=late,
    )


@_defect("unregistered-rescue-organisation", "EK602", "a rescue organisation is not registered")
def _unregistered_organisation(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, organisation = _organisation(system, choose)
    return _edit(
        system,
        "organisations",
        organisation,
        kind=OrganizationKind.EMERGENCY_RESCUE,
        registered=False,
    )


@_defect(
    "organisation-without-supervisor",
    "EK603",
    "an organisation with no supervising unit",
    FindingKind.QUESTION,
)
def _no_supervisor(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, organisation = _organisation(system, choose)
    return _edit(system, "organisations", organisation, supervisor=None)


@_defect("organisation-group-overcounted", "EK604", "a group of 0 organisations names one")
def _overcounted_organisations(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, organisation = _organisation(system, choose)
    group = OrganizationGroup(
        id=_fresh(system, "organisation-group"),
        name=Label(zh="应急救援社会组织"),
        kind=OrganizationKind.EMERGENCY_RESCUE,
        count=Count(value=0, unit=CountUnit.ORGANISATIONS),
        registered=True,
        members=(organisation.id,),
    )
    return _add(system, "organisation_groups", group)


def _programme(system: EmergencySystem, **fields: Any) -> EmergencySystem:
    programme = Programme(
        id=_fresh(system, "programme"),
        name=Label(zh="企业一线责任制"),
        kind=DutyKind.ENTERPRISE_RESPONSIBILITY,
        jurisdiction=_root(system).id,
        **fields,
    )
    return _add(system, "programmes", programme)


@_defect("no-daily-hazard-checks", "EK605", "enterprises check for hazards weekly, not daily")
def _weekly_checks(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    return _programme(system, lead=_bureau(system).id, cadences=(Cadence.WEEKLY,))


@_defect("programme-without-lead", "EK606", "a programme nobody runs", FindingKind.QUESTION)
def _programme_unled(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    return _programme(system, cadences=(Cadence.DAILY, Cadence.WEEKLY, Cadence.MONTHLY))


# -- EK7: proposals -------------------------------------------------------------------


@_defect("late-reply", "EK701", "a proposal answered four months after assignment")
def _late_reply(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, proposal = _proposal(system, choose)
    assigned = _days(system, 200)
    reply = proposal.reply or Reply(date=_day(assigned))
    return _edit(
        system,
        "proposals",
        proposal,
        assigned=assigned,
        reply=attrs.evolve(reply, date=_day(assigned + dt.timedelta(days=120))),
    )


@_defect("unsigned-reply", "EK702", "a reply nobody signed", FindingKind.QUESTION)
def _unsigned(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, proposal = _proposal(system, choose)
    assert proposal.reply is not None  # _proposal picks answered proposals
    return _edit(system, "proposals", proposal, reply=attrs.evolve(proposal.reply, signer=None))


@_defect(
    "commitment-without-responsible",
    "EK703",
    "a commitment names no responsible agency",
    FindingKind.QUESTION,
)
def _no_responsible(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    if system.commitments:
        return _edit(system, "commitments", choose.pick(system.commitments), responsible=None)
    system, proposal = _proposal(system, choose)
    commitment = Commitment(
        id=_fresh(system, "commitment"), proposal=proposal.id, text=Label(zh="承诺")
    )
    return _add(system, "commitments", commitment)


@_defect("handling-mode-mismatch", "EK704", "joint handling without co-handlers, or the reverse")
def _mode_mismatch(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, proposal = _proposal(system, choose)
    mode = HandlingMode.SOLE if proposal.co_handlers else HandlingMode.JOINT
    return _edit(system, "proposals", proposal, mode=mode)


@_defect(
    "proposal-without-lead-handler", "EK705", "a proposal has no lead handler", FindingKind.QUESTION
)
def _no_lead_handler(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, proposal = _proposal(system, choose)
    # Split handling (分办) has no lead handler by design.
    mode = HandlingMode.JOINT if proposal.co_handlers else HandlingMode.SOLE
    return _edit(system, "proposals", proposal, lead_handler=None, mode=mode)


@_defect(
    "unanswered-proposal",
    "EK706",
    "a proposal assigned 200 days ago still unanswered",
    FindingKind.QUESTION,
)
def _unanswered(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, proposal = _proposal(system, choose)
    return _edit(system, "proposals", proposal, assigned=_days(system, 200), reply=None)


@_defect(
    "commitment-owned-elsewhere",
    "EK707",
    "a commitment kept by an agency that did not handle the proposal",
)
def _outside_owner(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, proposal = _proposal(system, choose)
    handlers = {proposal.lead_handler, *proposal.co_handlers}
    owner = next(a.id for a in system.agencies if a.id not in handlers)
    commitment = Commitment(
        id=_fresh(system, "commitment"),
        proposal=proposal.id,
        text=Label(zh="承诺"),
        responsible=owner,
    )
    return _add(system, "commitments", commitment)


@_defect("lead-handler-as-co-handler", "EK708", "the lead handler is also listed as co-handler")
def _lead_as_co(system: EmergencySystem, choose: Chooser) -> EmergencySystem:
    system, proposal = _proposal(system, choose)
    assert proposal.lead_handler is not None  # _proposal picks proposals with a lead handler
    return _edit(
        system,
        "proposals",
        proposal,
        co_handlers=(*proposal.co_handlers, proposal.lead_handler),
        mode=HandlingMode.JOINT,
    )


#: Every mutation, in code order: at least one for each rule of the built-in packs.
MUTATIONS: tuple[Mutation, ...] = tuple(sorted(_CATALOGUE, key=lambda m: (m.code, m.name)))


def mutations(*codes: str) -> st.SearchStrategy[Mutation]:
    """One of :data:`MUTATIONS`, optionally only those triggering ``codes``.

    Parameters
    ----------
    *codes
        Rule codes (``"EK305"``) or code prefixes (``"EK3"``); every
        mutation when none is given.

    Returns
    -------
    hypothesis.strategies.SearchStrategy[Mutation]
        Shrinks towards the first mutation in code order.

    Raises
    ------
    hypothesis.errors.InvalidArgument
        When no mutation matches ``codes``.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> from emergencykit.strategies import mutations
    >>> find(mutations("EK5"), lambda m: True, settings=settings(database=None))
    Mutation(name='command-cycle', code='EK501', description='the root government is commanded by its command centre')
    >>> mutations("EK999")
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: no mutation triggers any of ('EK999',)
    """
    chosen = [m for m in MUTATIONS if not codes or m.code.startswith(codes)]
    if not chosen:
        raise InvalidArgument(f"no mutation triggers any of {codes!r}")
    return st.sampled_from(chosen)
