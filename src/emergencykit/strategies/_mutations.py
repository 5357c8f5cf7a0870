"""Defects on purpose: named mutations that break a valid system in one way."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from emergencykit.model import (
    AdminLevel,
    Agency,
    AgencyKind,
    Aspect,
    Commitment,
    Deadlines,
    Drill,
    DrillScope,
    EmergencySystem,
    ForceDomain,
    Framework,
    HandlingMode,
    Jurisdiction,
    Label,
    Link,
    Mandate,
    OpinionProtocol,
    Person,
    Plan,
    PlanKind,
    PlanSection,
    Post,
    PressReleasePlan,
    Proposal,
    ProposalKind,
    Relation,
    Reply,
    Sector,
    Session,
    Severity,
    Team,
    TeamCategory,
)
from emergencykit.strategies._systems import DEFAULT_AS_OF

__all__ = ["MUTATIONS", "Mutation", "mutations"]

Apply = Callable[[EmergencySystem, st.DataObject], EmergencySystem]


@attrs.frozen
class Mutation:
    """One named defect and the rule code it must trigger.

    ``apply(system, data)`` takes a system from :func:`systems` and returns
    it with exactly this defect injected (through :func:`attrs.evolve`);
    choices such as *which* team are drawn from ``data``
    (:func:`hypothesis.strategies.data`), so the result is deterministic for
    a given draw.  When the system lacks the object to break (a protocol, a
    special plan …) a valid one is added first.  Dates are relative to the
    system's ``described`` date, which :func:`systems` sets to ``as_of``.
    """

    name: str
    code: str
    description: str
    _apply: Apply = attrs.field(alias="apply", repr=False, eq=False)

    def apply(self, system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
        """The system with this defect injected.

        Parameters
        ----------
        system
            A system from :func:`emergencykit.strategies.systems`.
        data
            The draw source of a hypothesis test (``st.data()``).

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
        return self._apply(system, data)


# -- helpers -------------------------------------------------------------------


def _as_of(system: EmergencySystem) -> dt.date:
    return system.described or DEFAULT_AS_OF


def _root(system: EmergencySystem) -> Jurisdiction:
    root = system.get(system.root) if system.root is not None else None
    if not isinstance(root, Jurisdiction):
        raise InvalidArgument("mutations need a system from systems(): its root is missing")
    return root


def _agency(
    system: EmergencySystem, jid: str, kind: AgencyKind, sector: Sector | None = None
) -> Agency:
    for a in system.agencies:
        if a.jurisdiction == jid and a.kind is kind and (sector is None or a.sector is sector):
            return a
    raise InvalidArgument(f"mutations need a system from systems(): no {kind.value} in {jid}")


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


def _pick(data: st.DataObject, items: list[Any], label: str) -> Any:
    return data.draw(st.sampled_from(items), label=label)


def _set(system: EmergencySystem, collection: str, old: Any, new: Any) -> EmergencySystem:
    items = getattr(system, collection)
    i = next(i for i, x in enumerate(items) if x is old)
    change: dict[str, Any] = {collection: (*items[:i], new, *items[i + 1 :])}
    return attrs.evolve(system, **change)


def _add(system: EmergencySystem, collection: str, *new: Any) -> EmergencySystem:
    change: dict[str, Any] = {collection: (*getattr(system, collection), *new)}
    return attrs.evolve(system, **change)


def _team(system: EmergencySystem, data: st.DataObject) -> tuple[EmergencySystem, Team]:
    """A team of the system, or a valid new one at the root when there is none."""
    if system.teams:
        return system, _pick(data, list(system.teams), "team")
    root = _root(system)
    team = Team(
        id=_fresh(system, "team"),
        name=Label(zh="救援队"),
        domain=ForceDomain.ACCIDENT_DISASTER,
        level=root.level,
        jurisdiction=root.id,
        agency=_bureau(system).id,
        commander=_centre(system).id,
        dispatcher=_centre(system).id,
        registered=True,
    )
    return _add(system, "teams", team), team


def _post(system: EmergencySystem, data: st.DataObject) -> tuple[EmergencySystem, Team, Post]:
    """A team with a post with both holders, adding the post when needed."""
    with_posts = [t for t in system.teams if t.posts]
    if with_posts:
        team = _pick(data, with_posts, "team")
        return system, team, _pick(data, list(team.posts), "post")
    system, team = _team(system, data)
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
    return _set(system, "teams", team, attrs.evolve(team, posts=posts))


def _plan(
    system: EmergencySystem, data: st.DataObject, kinds: tuple[PlanKind, ...]
) -> tuple[EmergencySystem, Plan]:
    """A plan of one of ``kinds``, or a valid new special plan at the root."""
    found = [p for p in system.plans if p.kind in kinds]
    if found:
        return system, _pick(data, found, "plan")
    as_of = _as_of(system)
    issued = as_of - dt.timedelta(days=60)
    bureau = _bureau(system)
    plan = Plan(
        id=_fresh(system, "plan"),
        title=Label(zh="专项应急预案"),
        kind=PlanKind.SPECIAL,
        jurisdiction=_root(system).id,
        issuer=_gov(system).id,
        lead=bureau.id,
        sections=tuple(PlanSection),
        issued=issued,
        filed=issued + dt.timedelta(days=5),
        drills=(
            Drill(
                date=as_of - dt.timedelta(days=30), scope=DrillScope.SPECIAL, organiser=bureau.id
            ),
        ),
    )
    return _add(system, "plans", plan), plan


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
            authoritative_release=dt.timedelta(hours=5),
            press_conference=dt.timedelta(hours=24),
        ),
        press_release=PressReleasePlan(decided_by=lead, spokesperson=speaker, department=lead),
        instruction_sources=(lead,),
    )
    return _add(system, "protocols", protocol), protocol


def _set_deadline(system: EmergencySystem, **change: Any) -> EmergencySystem:
    system, protocol = _protocol(system)
    deadlines = protocol.deadlines or Deadlines()
    new = attrs.evolve(protocol, deadlines=attrs.evolve(deadlines, **change))
    return _set(system, "protocols", protocol, new)


def _proposal(system: EmergencySystem, data: st.DataObject) -> tuple[EmergencySystem, Proposal]:
    """A proposal of the system, or a valid new one handled by the root's bureau."""
    if system.proposals:
        return system, _pick(data, list(system.proposals), "proposal")
    as_of = _as_of(system)
    bureau = _bureau(system).id
    signer = _fresh(system, "signer")
    system = _add(system, "persons", Person(id=signer, name=Label(zh="局长"), agency=bureau))
    assigned = as_of - dt.timedelta(days=60)
    proposal = Proposal(
        id=_fresh(system, "proposal"),
        kind=ProposalKind.CPPCC_PROPOSAL,
        number="0001",
        session=Session(level=AdminLevel.PROVINCIAL, term=5, meeting=5),
        title=Label(zh="提案"),
        jurisdiction=_root(system).id,
        lead_handler=bureau,
        mode=HandlingMode.SOLE,
        assigned=assigned,
        reply=Reply(date=assigned + dt.timedelta(days=30), signer=signer, sender=bureau),
    )
    return _add(system, "proposals", proposal), proposal


# -- the mutations ---------------------------------------------------------------


def _dangling(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    agency = _pick(data, [a for a in system.agencies if a.parent is not None], "agency")
    return _set(system, "agencies", agency, attrs.evolve(agency, parent=_fresh(system, "nowhere")))


def _duplicate(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    agency = _pick(data, list(system.agencies), "agency")
    twin = attrs.evolve(agency, name=Label(zh=f"{agency.name.zh}(重复)"))
    return _add(system, "agencies", twin)


def _wrong_kind(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    system, plan = _plan(system, data, tuple(PlanKind))
    return _set(system, "plans", plan, attrs.evolve(plan, lead=_root(system).id))


def _cycle(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    gov = _gov(system)
    return _set(system, "agencies", gov, attrs.evolve(gov, parent=_centre(system).id))


def _self_command(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    agency = _pick(data, list(system.agencies), "agency")
    return _set(system, "agencies", agency, attrs.evolve(agency, parent=agency.id))


def _second_commander(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    gov = _gov(system)
    centres = [a.id for a in system.agencies if a.kind is AgencyKind.COMMAND_CENTRE]
    target = _pick(data, [t.id for t in system.teams] + centres, "unit")
    return _add(system, "relations", Link(source=gov.id, relation=Relation.COMMANDS, target=target))


def _missing_b(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    system, team, post = _post(system, data)
    return _set_post(system, team, post, attrs.evolve(post, b=None))


def _same_ab(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    system, team, post = _post(system, data)
    return _set_post(system, team, post, attrs.evolve(post, b=post.a))


def _no_commander(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    system, team = _team(system, data)
    return _set(system, "teams", team, attrs.evolve(team, commander=None))


def _unregistered(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    system, team = _team(system, data)
    new = attrs.evolve(team, domain=ForceDomain.SOCIAL, registered=False, category=None)
    return _set(system, "teams", team, new)


def _missing_category(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    root = _root(system)
    counties = [j for j in system.jurisdictions if j.level is AdminLevel.COUNTY]
    if not counties:
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
    )
    return _add(_add(system, "team_categories", category), "mandates", mandate)


def _overdue_drill(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    system, plan = _plan(system, data, (PlanKind.SPECIAL, PlanKind.DEPARTMENT))
    as_of = _as_of(system)
    issued = as_of - dt.timedelta(days=6 * 365)
    drill = Drill(date=issued + dt.timedelta(days=30), scope=DrillScope.SPECIAL)
    new = attrs.evolve(
        plan, issued=issued, filed=issued + dt.timedelta(days=5), revisions=(), drills=(drill,)
    )
    return _set(system, "plans", plan, new)


def _no_lead(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    system, plan = _plan(system, data, tuple(PlanKind))
    return _set(system, "plans", plan, attrs.evolve(plan, lead=None))


def _township_overall(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    townships = [p for p in system.plans if p.kind is PlanKind.TOWNSHIP]
    if townships:
        plan = _pick(data, townships, "plan")
        return _set(system, "plans", plan, attrs.evolve(plan, kind=PlanKind.OVERALL))
    root = _root(system)
    town = Jurisdiction(
        id=_fresh(system, "township"),
        name=Label(zh="新乡镇"),
        level=AdminLevel.TOWNSHIP,
        parent=root.id,
    )
    system = _add(system, "jurisdictions", town)
    system, plan = _plan(system, data, ())
    new = attrs.evolve(plan, kind=PlanKind.OVERALL, jurisdiction=town.id, lead=_gov(system).id)
    return _set(system, "plans", plan, new)


def _plan_cycle(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    system, plan = _plan(system, data, tuple(PlanKind))
    return _set(system, "plans", plan, attrs.evolve(plan, parent=plan.id))


def _no_institutions(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    if system.aspects:
        aspect = _pick(data, list(system.aspects), "aspect")
        return _set(system, "aspects", aspect, attrs.evolve(aspect, institutions=()))
    aspect = Aspect(id=_fresh(system, "aspect"), name=Label(zh="监测预警"))
    framework = Framework(
        id=_fresh(system, "framework"),
        name=Label(zh="制度架构"),
        jurisdiction=_root(system).id,
        aspects=(aspect.id,),
    )
    return _add(_add(system, "aspects", aspect), "frameworks", framework)


def _slow_release(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    return _set_deadline(
        system, severity=Severity.MAJOR, authoritative_release=dt.timedelta(hours=8)
    )


def _slow_press(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    return _set_deadline(system, severity=Severity.MAJOR, press_conference=dt.timedelta(hours=30))


def _two_sources(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    system, protocol = _protocol(system)
    extra = _gov(system).id
    new = attrs.evolve(protocol, instruction_sources=(*protocol.instruction_sources, extra))
    return _set(system, "protocols", protocol, new)


def _no_spokesperson(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    system, protocol = _protocol(system)
    release = protocol.press_release or PressReleasePlan()
    new = attrs.evolve(protocol, press_release=attrs.evolve(release, spokesperson=None))
    return _set(system, "protocols", protocol, new)


def _late_reply(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    system, proposal = _proposal(system, data)
    assigned = _as_of(system) - dt.timedelta(days=200)
    reply = proposal.reply or Reply(date=assigned)
    new = attrs.evolve(
        proposal,
        assigned=assigned,
        reply=attrs.evolve(reply, date=assigned + dt.timedelta(days=120)),
    )
    return _set(system, "proposals", proposal, new)


def _no_responsible(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    if system.commitments:
        commitment = _pick(data, list(system.commitments), "commitment")
        return _set(system, "commitments", commitment, attrs.evolve(commitment, responsible=None))
    system, proposal = _proposal(system, data)
    commitment = Commitment(
        id=_fresh(system, "commitment"), proposal=proposal.id, text=Label(zh="承诺")
    )
    return _add(system, "commitments", commitment)


def _no_lead_handler(system: EmergencySystem, data: st.DataObject) -> EmergencySystem:
    system, proposal = _proposal(system, data)
    return _set(system, "proposals", proposal, attrs.evolve(proposal, lead_handler=None))


#: Every mutation, one per defect, in code order.
MUTATIONS: tuple[Mutation, ...] = tuple(
    sorted(
        (
            Mutation(
                "duplicate-id", "EK001", "an agency appears twice with the same id", _duplicate
            ),
            Mutation(
                "dangling-reference", "EK002", "an agency's parent names no object", _dangling
            ),
            Mutation("wrong-kind", "EK003", "a plan is led by a jurisdiction", _wrong_kind),
            Mutation("plan-without-lead", "EK101", "a plan has no lead", _no_lead),
            Mutation(
                "township-overall-plan",
                "EK102",
                "an overall plan at township level",
                _township_overall,
            ),
            Mutation(
                "overdue-drill",
                "EK107",
                "a special plan last drilled six years ago",
                _overdue_drill,
            ),
            Mutation("plan-parent-cycle", "EK111", "a plan is its own parent", _plan_cycle),
            Mutation(
                "aspect-without-institutions",
                "EK201",
                "an aspect has no institutions",
                _no_institutions,
            ),
            Mutation("team-without-commander", "EK301", "a team has no commander", _no_commander),
            Mutation(
                "unregistered-social-force",
                "EK303",
                "a social team is not registered",
                _unregistered,
            ),
            Mutation("missing-b-holder", "EK305", "a post has no B holder", _missing_b),
            Mutation("same-a-and-b", "EK306", "a post has the same person as A and B", _same_ab),
            Mutation(
                "missing-mandated-category",
                "EK307",
                "a county lacks a mandated team category",
                _missing_category,
            ),
            Mutation(
                "slow-release",
                "EK403",
                "authoritative release 8 h after a major event",
                _slow_release,
            ),
            Mutation(
                "slow-press-conference",
                "EK404",
                "press conference 30 h after a major event",
                _slow_press,
            ),
            Mutation(
                "no-spokesperson",
                "EK405",
                "the press-release plan names no spokesperson",
                _no_spokesperson,
            ),
            Mutation(
                "two-instruction-sources",
                "EK406",
                "a protocol takes instructions from two agencies",
                _two_sources,
            ),
            Mutation(
                "command-cycle",
                "EK501",
                "the root government is commanded by its command centre",
                _cycle,
            ),
            Mutation(
                "second-commander",
                "EK502",
                "a team or command centre gets a second commander",
                _second_commander,
            ),
            Mutation("self-command", "EK506", "an agency commands itself", _self_command),
            Mutation(
                "late-reply",
                "EK701",
                "a proposal answered four months after assignment",
                _late_reply,
            ),
            Mutation(
                "commitment-without-responsible",
                "EK703",
                "a commitment names no responsible agency",
                _no_responsible,
            ),
            Mutation(
                "proposal-without-lead-handler",
                "EK705",
                "a proposal has no lead handler",
                _no_lead_handler,
            ),
        ),
        key=lambda m: (m.code, m.name),
    )
)


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
