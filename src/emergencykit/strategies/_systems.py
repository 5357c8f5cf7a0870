"""Whole systems: valid by construction (:func:`systems`) or anything (:func:`any_systems`).

:func:`systems` is a recipe over the builder that :func:`emergencykit.datasets.synthetic`
uses too (:mod:`emergencykit.datasets._builder`): the parts, their ids and labels
and the limits they keep are the same; here the shape is drawn and every free
choice is a hypothesis draw, so examples shrink.
"""

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from emergencykit.datasets._builder import (
    ASPECTS,
    CATEGORIES,
    DEFAULT_BOUNDS,
    HEALTH,
    MODES,
    TIERS,
    Builder,
)
from emergencykit.model import (
    COLLECTIONS,
    AdminLevel,
    AgencyKind,
    BodyKind,
    Cadence,
    CommandBody,
    Commitment,
    Count,
    CountUnit,
    Deadlines,
    Document,
    DocumentKind,
    DrillMethod,
    DrillPolicy,
    DrillScope,
    DutyKind,
    EmergencySystem,
    ExpertPanel,
    Facility,
    FacilityKind,
    ForceDomain,
    ForceGroup,
    HandlingMode,
    Label,
    Link,
    OrganizationGroup,
    OrganizationKind,
    PanelKind,
    Part,
    PartialDate,
    PlanKind,
    PlanSystem,
    Programme,
    Proposal,
    ProposalKind,
    Reply,
    RevisionProgress,
    RevisionStatus,
    Sector,
    Session,
    Severity,
)
from emergencykit.rules._config import add_months
from emergencykit.strategies._objects import (
    _FORMS,
    MAX_DATE,
    MIN_DATE,
    _default,
    _stated,
    labels,
)

T = TypeVar("T")
_day = PartialDate.from_date

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
# Span of control: a government commands its bureau, its other departments
# and the governments below it; a command centre its teams.
SPAN_MAX = DEFAULT_BOUNDS.span_max
_CORE_DEPARTMENTS = 1


def _minutes(delta: dt.timedelta) -> int:
    return int(delta.total_seconds()) // 60


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
    revisions (one maybe after a real incident, which it cites), a plan
    system, the "3+8" framework, unified dispatch, a
    command body, an expert panel, a tier scheme, teams and counted groups,
    a mandate with its health teams, facilities, a public-opinion protocol,
    social organisations, programmes, proposals and commitments.  The parts
    are those of :func:`emergencykit.datasets.synthetic`, with the same ids
    and labels.

    Guarantees, on ``as_of`` and under the default validation config (the
    limits below are its defaults, read from it):

    - every id is unique and every reference names an object of the right kind;
    - every unit has exactly one commander; command chains have no cycles;
      no agency commands more than 7 units (the 3–7 band's upper end; spans
      below 3 occur in small systems and are only warnings);
    - every post has distinct A and B holders; every team has a commander
      and a dispatcher (the root's command centre); social teams are registered;
    - plans have a lead, all five sections, a drill in the last year, a
      filing within 20 working days, a recent revision; overall plans only
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
        ``max(children) + max(agencies)`` may not exceed 6, or a
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
    [('j-0', 'provincial'), ('j-0-0', 'county'), ('j-0-1', 'county')]
    >>> [a.id for a in smallest.agencies][:4]
    ['gov-0', 'yjj-0', 'xcb-0', 'zx-0']
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
        teams=_size("teams", teams, 0, SPAN_MAX - len(HEALTH)),
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
    return st.composite(lambda draw: _Recipe(draw, sizes).build())()


# One strategy object per distinct argument, made once: a draw of a system
# asks for thousands of choices, and a strategy made anew for each one costs
# hypothesis a cache lookup and a validation every time (most of a draw).
_BOOLEANS = st.booleans()


@functools.cache
def _integers(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


@functools.cache
def _sampled(items: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from(items)


@functools.cache
def _labels() -> st.SearchStrategy[Label]:
    return labels()


@attrs.frozen
class _DrawChooser:
    """The builder's free choices as hypothesis draws, so that they shrink."""

    draw: st.DrawFn

    def integer(self, low: int, high: int) -> int:
        return self.draw(_integers(low, high))

    def chance(self, p: float) -> bool:
        # Shrinks towards False: optional parts shrink towards absent.
        return self.draw(_BOOLEANS)

    def some(self, items: Sequence[T], p: float) -> list[T]:
        return [x for x in items if self.draw(_BOOLEANS)]

    def pick(self, items: Sequence[T]) -> T:
        choices = tuple(items)
        try:
            strategy = _sampled(choices)
        except TypeError:  # unhashable choices: a strategy of their own
            strategy = st.sampled_from(choices)
        drawn: T = self.draw(strategy)
        return drawn


@attrs.frozen
class _Place:
    code: str
    jid: str
    level: AdminLevel
    parent: "_Place | None"
    name: Label
    ids: dict[str, str]
    plans: int


class _Recipe:
    """One draw of a valid system: the shape is drawn, the parts come from :class:`Builder`."""

    def __init__(self, draw: st.DrawFn, sizes: _Sizes) -> None:
        self.draw = draw
        self.sizes = sizes
        self.choose = _DrawChooser(draw)
        self.b = Builder(self.choose, sizes.as_of)
        self.places: list[_Place] = []

    def integer(self, bounds: tuple[int, int]) -> int:
        return self.choose.integer(*bounds)

    def maybe(self) -> bool:
        return self.choose.chance(0.5)

    def at_least_one(self, items: Sequence[T]) -> list[T]:
        """A non-empty sub-sequence of ``items``, shrinking towards the first alone."""
        return [items[0], *self.choose.some(items[1:], 0.5)]

    def build(self) -> EmergencySystem:
        b = self.b
        depth = self.integer(self.sizes.depth)
        events = b.event_types(self.choose.integer(0, 3))
        self._tree("0", 0, depth, None, events)
        root = self.places[0]
        mandated = len(self.places) > 1 and self.maybe()
        if mandated:
            b.health_mandate(root.jid)
        tiers = b.tier_scheme("tiers", self.choose.integer(1, len(TIERS))) if self.maybe() else []
        categories = CATEGORIES[: self.choose.integer(0, len(CATEGORIES))]
        b.categories(categories)
        for place in self.places:
            self._teams(place, root, tiers, [c[0] for c in categories])
            if mandated and place.level is AdminLevel.COUNTY:
                i = place.ids
                b.health_teams(
                    place.code,
                    place.name.get("zh"),
                    f"Jurisdiction {place.code}",
                    place.level,
                    place.jid,
                    i["yjj"],
                    i["zx"],
                    root.ids["zx"],
                    None,
                )
        for place in self.places:
            self._plans(place)
        if events and root.plans and self.maybe():
            # The root's first plan was revised after a real incident.
            b.revised_after(
                f"plan-{root.code}-0",
                "event-0",
                "突发事件",
                "an emergency",
                self.choose.pick(events),
                root.jid,
            )
        self._plan_system(root)
        if self.maybe():
            self._framework(root)
        if self.maybe():
            b.dispatch("dp-0", root.jid, root.ids["zx"], self.at_least_one(MODES))
        self._command_body(root)
        self._expert_panel(root)
        self._force_group(root)
        self._facility(root)
        if self.maybe():
            self._protocol(root)
        self._organisations(root)
        self._programmes(root)
        self._proposals(root)
        return EmergencySystem(
            id="system",
            name=Label(zh="生成的应急管理体系", en="generated emergency-management system"),
            root=root.jid,
            completeness=None,  # not stated: a partial description
            described=_day(self.sizes.as_of),
            **b.system_parts(),
        )

    def _tree(
        self, code: str, index: int, depth: int, parent: _Place | None, events: list[str]
    ) -> None:
        level = _LEVELS[index]
        name = self.draw(_labels())
        plans = self.integer(self.sizes.plans)
        # A place faces hazards only when it has a plan of its own to cover them.
        jid = self.b.place(
            code,
            name.get("zh"),
            name.en,
            level,
            None if parent is None else parent.jid,
            events if plans else (),
        )
        ids = self.b.bodies(
            code,
            name.get("zh"),
            f"Jurisdiction {code}",
            jid,
            None if parent is None else parent.ids["gov"],
            None,
            departments=False,
        )
        for k in range(self.integer(self.sizes.agencies)):
            ids[f"dept{k}"] = self.b.agency(
                f"dept{k}",
                code,
                f"{name.get('zh')}部门{k}",
                None,
                AgencyKind.GOVERNMENT_DEPARTMENT,
                self.choose.pick(tuple(Sector)),
                jid,
                ids["gov"],
            )
        place = _Place(
            code=code, jid=jid, level=level, parent=parent, name=name, ids=ids, plans=plans
        )
        self.places.append(place)
        if index + 1 < depth:
            for k in range(self.integer(self.sizes.children)):
                self._tree(f"{code}-{k}", index + 1, depth, place, events)

    # -- forces -------------------------------------------------------------

    def _teams(self, place: _Place, root: _Place, tiers: list[str], categories: list[str]) -> None:
        b = self.b
        for k in range(self.integer(self.sizes.teams)):
            tid = f"team-{place.code}-{k}"
            domain = self.choose.pick(tuple(ForceDomain))
            tier = self.choose.pick(tiers) if tiers else None
            category = self.choose.pick([None, *categories])
            posts = tuple(
                b.ab_post(
                    f"person-{tid}-post{p}",
                    f"{place.name.get('zh')}救援队{k}岗位{p}",
                    place.ids["yjj"],
                )
                for p in range(self.choose.integer(0, 2))
            )
            b.team(
                tid,
                f"{place.name.get('zh')}救援队{k}",
                None,
                domain,
                tier,
                category,
                place.level,
                place.jid,
                place.ids["yjj"],
                place.ids["zx"],
                root.ids["zx"],
                None,
                posts=posts,
                rapid=domain is ForceDomain.HEALTH,
            )

    def _force_group(self, root: _Place) -> None:
        if not self.maybe():
            return
        # Teams inside a counted group count through the group, so mandated
        # teams stay outside it to keep every county's coverage.
        mandated = {c for c, *_ in HEALTH}
        named = [t.id for t in self.b.out["teams"] if t.category not in mandated]
        members = (
            self.draw(st.lists(st.sampled_from(named), unique=True, max_size=3)) if named else []
        )
        levels = _LEVELS[1 : self.choose.integer(1, 3)]
        sizes = [self.choose.integer(0, 50) for _ in levels]
        if sizes:
            total = max(sum(sizes), len(members))
            sizes[-1] += total - sum(sizes)  # the parts add up to the total
        else:
            total = self.choose.integer(len(members), 50)
        parts = [
            Part(level=(level,), count=(Count(value=size, unit=CountUnit.TEAMS),))
            for level, size in zip(levels, sizes, strict=True)
        ]
        self.b.out["force_groups"].append(
            ForceGroup(
                id="fg-0",
                name=Label(zh="区县乡镇救援队伍"),
                domain=ForceDomain.ACCIDENT_DISASTER,
                jurisdiction=root.jid,
                agency=(root.ids["yjj"],),
                dispatcher=root.ids["zx"],
                teams=Count(value=total, unit=CountUnit.TEAMS),
                parts=tuple(parts),
                members=tuple(sorted(members)),
                registered=True,
            ),
        )

    # -- plans --------------------------------------------------------------

    def _plans(self, place: _Place) -> None:
        b = self.b
        jurisdiction = next(j for j in b.out["jurisdictions"] if j.id == place.jid)
        gov, bureau = place.ids["gov"], place.ids["yjj"]
        members = tuple(a for key, a in place.ids.items() if key != "gov")
        parent = place.parent
        for k in range(place.plans):
            first = k == 0
            parent_plan = None
            if not first:
                parent_plan = f"plan-{place.code}-0"
            elif parent is not None and parent.plans:
                parent_plan = f"plan-{parent.code}-0"
            scopes = (
                (DrillScope.COMPREHENSIVE, DrillScope.SPECIAL)
                if first and parent is None
                else (self.choose.pick(tuple(DrillScope)),)
            )
            method = self.choose.pick((None, *DrillMethod))
            planned = (
                self.sizes.as_of + dt.timedelta(days=self.choose.integer(1, 365))
                if self.maybe()
                else None
            )
            b.plan(
                f"plan-{place.code}-{k}",
                f"应急预案{place.code}-{k}",
                None,
                _FIRST_PLAN[place.level] if first else PlanKind.SPECIAL,
                place.jid,
                gov,
                gov if first else bureau,
                members,
                parent_plan,
                jurisdiction.hazards if first else (),
                scopes,
                bureau,
                None if parent is None else parent.ids["gov"],
                method=method,
                planned_revision=planned,
            )

    def _plan_system(self, root: _Place) -> None:
        b = self.b
        if not root.plans or not self.maybe():
            return
        progress = []
        if self.maybe():
            total = self.choose.integer(0, 20)
            done = self.maybe()
            progress.append(
                RevisionProgress(
                    scope=Label(zh="专项预案"),
                    kind=PlanKind.SPECIAL,
                    responsible_agencies=(root.ids["yjj"],),
                    status=RevisionStatus.DONE if done else RevisionStatus.IN_PROGRESS,
                    revised=total if done else self.choose.integer(0, total),
                    total=total,
                    due=_day(self.sizes.as_of + dt.timedelta(days=self.choose.integer(1, 365))),
                )
            )
        documents = []
        if self.maybe():
            b.out["documents"].append(
                Document(
                    id="doc-0",
                    title=Label(zh="预案管理办法"),
                    kind=DocumentKind.MEASURES,
                    jurisdiction=root.jid,
                    issuers=(root.ids["gov"],),
                    issued=_day(b.ago(0, 700)),
                ),
            )
            documents.append("doc-0")
        b.out["plan_systems"].append(
            PlanSystem(
                id="ps-0",
                name=Label(zh="预案体系"),
                jurisdiction=root.jid,
                plans=tuple(p.id for p in b.out["plans"]),
                documents=tuple(documents),
                drill_policy=DrillPolicy(comprehensive_per_year=1, special_per_year=1),
                progress=tuple(progress),
            ),
        )

    # -- framework, command ---------------------------------------------------

    def _framework(self, root: _Place) -> None:
        functions = [f for _, _, _, members in ASPECTS for f in self.at_least_one(members)]
        limit = dt.timedelta(minutes=self.choose.integer(30, _minutes(self.b.bounds.report_hop)))
        self.b.framework(root.jid, root.ids["yjj"], functions, reporting_limit=limit)

    def _command_body(self, root: _Place) -> None:
        if not self.maybe():
            return
        self.b.out["command_bodies"].append(
            CommandBody(
                id="hq-0",
                name=Label(zh="应急指挥部"),
                kind=BodyKind.HEADQUARTERS,
                jurisdiction=root.jid,
                host=root.ids["yjj"],
                office=root.ids["yjj"],
                lead=root.ids["gov"],
                members=(root.ids["xcb"],),
            ),
        )

    def _expert_panel(self, root: _Place) -> None:
        if not self.maybe():
            return
        self.b.out["expert_panels"].append(
            ExpertPanel(
                id="panel-0",
                name=Label(zh="专家咨询委员会"),
                kind=self.choose.pick(tuple(PanelKind)),
                jurisdiction=root.jid,
                convener=root.ids["yjj"],
                members=Count(value=self.choose.integer(1, 100), unit=CountUnit.PEOPLE),
            ),
        )

    def _facility(self, root: _Place) -> None:
        if not self.maybe():
            return
        covers = self.at_least_one([p.jid for p in self.places])
        self.b.out["facilities"].append(
            Facility(
                id="fac-0",
                name=Label(zh="区域应急救援中心"),
                kind=self.choose.pick(tuple(FacilityKind)),
                jurisdiction=root.jid,
                operator=root.ids["yjj"],
                covers=tuple(sorted(covers)),
            ),
        )

    # -- public opinion, society, duty, proposals ----------------------------

    def _protocol(self, root: _Place) -> None:
        bounds = self.b.bounds
        deadlines = Deadlines(
            severity=Severity.MAJOR,
            first_report=dt.timedelta(
                minutes=self.choose.integer(10, _minutes(bounds.unit_report))
            ),
            authoritative_release=dt.timedelta(
                minutes=self.choose.integer(30, _minutes(bounds.release))
            ),
            press_conference=dt.timedelta(
                minutes=self.choose.integer(60, _minutes(bounds.press_conference))
            ),
        )
        self.b.protocol(
            root.code,
            root.name.get("zh"),
            f"Jurisdiction {root.code}",
            root.jid,
            root.ids,
            deadlines=deadlines,
            accountability=self.maybe(),
        )

    def _organisations(self, root: _Place) -> None:
        b = self.b
        found = [
            b.organisation(
                f"org-{k}",
                f"社会组织{k}",
                None,
                root.jid,
                root.ids,
                self.choose.pick(tuple(OrganizationKind)),
            )
            for k in range(self.choose.integer(0, 2))
        ]
        if found and self.maybe():
            b.out["organisation_groups"].append(
                OrganizationGroup(
                    id="og-0",
                    name=Label(zh="应急救援社会组织"),
                    kind=OrganizationKind.EMERGENCY_RESCUE,
                    count=Count(
                        value=len(found) + self.choose.integer(0, 30),
                        unit=CountUnit.ORGANISATIONS,
                    ),
                    jurisdiction=root.jid,
                    registered=True,
                    registrar=root.ids["gov"],
                    supervisor=root.ids["yjj"],
                    members=tuple(found),
                ),
            )

    def _programmes(self, root: _Place) -> None:
        for k in range(self.choose.integer(0, 2)):
            kind = self.choose.pick(tuple(DutyKind))
            self.b.out["programmes"].append(
                Programme(
                    id=f"prog-{k}",
                    name=Label(zh=f"责任体系{k}"),
                    kind=kind,
                    jurisdiction=root.jid,
                    lead=root.ids["yjj"],
                    cadences=(Cadence.DAILY, Cadence.WEEKLY, Cadence.MONTHLY)
                    if kind is DutyKind.ENTERPRISE_RESPONSIBILITY
                    else (),
                ),
            )

    def _proposals(self, root: _Place) -> None:
        n = self.integer(self.sizes.proposals)
        if not n:
            return
        b = self.b
        as_of = self.sizes.as_of
        lead = root.ids["yjj"]
        signer = b.person(f"person-signer-{root.code}", "局长", lead)
        others = [a for key, a in root.ids.items() if key not in ("yjj", "zx")]
        for k in range(n):
            pid = f"prop-{k:04d}"
            co = tuple(
                sorted(self.draw(st.lists(st.sampled_from(others), unique=True, max_size=3)))
            )
            assigned = b.ago(0, 400)
            reply_by = min(as_of, add_months(assigned, b.bounds.reply_months))
            proposer = b.person(f"person-proposer-{k}", f"委员{k + 1}", root.ids["gov"])
            replied = assigned + dt.timedelta(
                days=self.choose.integer(0, (reply_by - assigned).days)
            )
            b.out["proposals"].append(
                Proposal(
                    id=pid,
                    kind=self.choose.pick(tuple(ProposalKind)),
                    number=f"{k + 1:04d}",
                    session=Session(level=AdminLevel.PROVINCIAL, term=5, meeting=5),
                    title=Label(zh=f"提案{k}"),
                    jurisdiction=root.jid,
                    proposers=(proposer,),
                    lead_handler=lead,
                    co_handlers=co,
                    mode=HandlingMode.JOINT if co else HandlingMode.SOLE,
                    assigned=_day(assigned),
                    reply=Reply(date=_day(replied), signer=signer, sender=lead),
                ),
            )
            for c in range(self.choose.integer(0, 2)):
                b.out["commitments"].append(
                    Commitment(
                        id=f"{pid}-c{c}",
                        proposal=pid,
                        text=Label(zh=f"承诺{c}"),
                        responsible=self.choose.pick([lead, *co]),
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
    >>> odd.root is not None and odd.root not in odd
    True
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
        described=draw(
            st.none() | st.builds(_stated, st.dates(MIN_DATE, MAX_DATE), st.sampled_from(_FORMS))
        ),
        **chosen,
    )


_ITEM_CLASS: dict[str, type] = {name: cls for name, (cls, _) in COLLECTIONS.items()} | {
    "relations": Link
}
_ALL_COLLECTIONS = [*COLLECTIONS, "relations"]


__all__ = ["DEFAULT_AS_OF", "any_systems", "systems"]
