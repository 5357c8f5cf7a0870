"""Play an incident through a system's data: :func:`simulate`.

Four passes over what the data state, each step citing what makes it so:

1. **activation** (分级负责): the plans on the incident's chain of
   jurisdictions, up to the level that handles its severity, that cover its
   event type; the lower ones first (先期处置), the one at the handling level
   in charge;
2. **reporting**: who reports to whom and by when, up the chain — the
   statutory limits, then the opinion protocols' own first reports;
3. **release**: the authoritative release and the press conference;
4. **dispatch**: the teams and counted groups the commanders can reach in
   the command graph, ordered by tier, fit and distance.

A what-if takes parties out (``unavailable``): their steps fall back to
whom the data name above them, or are reported as gaps.  Gaps are findings
(:mod:`emergencykit.scenario._gaps`), never exceptions.
"""

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from emergencykit._gc import paused_gc
from emergencykit._guards import takes
from emergencykit.datasets import EventClass, event_classification
from emergencykit.errors import ArgumentError
from emergencykit.graph import COMMAND_RELATIONS, relation_edges
from emergencykit.model import (
    Agency,
    AgencyKind,
    Capability,
    CommandBody,
    EmergencySystem,
    EventCategory,
    EventType,
    ForceDomain,
    ForceGroup,
    Jurisdiction,
    JurisdictionTree,
    Label,
    OpinionProtocol,
    Person,
    Plan,
    PlanKind,
    ResponseLevel,
    Sector,
    Severity,
    Team,
    is_open,
)
from emergencykit.model._system import display
from emergencykit.rules import Finding
from emergencykit.scenario._config import ScenarioConfig
from emergencykit.scenario._fit import Fit, fit_for
from emergencykit.scenario._gaps import GAPS
from emergencykit.scenario._types import Incident, Phase, Step, Timeline

__all__ = ["SOURCES", "simulate"]

#: The sources steps cite, each stated once (the same words as the rules that rest on them).
SOURCES: dict[str, str] = {
    "graded": "突发事件应对法 (2007 text Arts 4 and 7: 分级负责、属地管理为主, the county "
    "government responsible; kept by the 2024 revision, its article numbers not verified); "
    "国家突发公共事件总体应急预案 (2006) §1.5 (统一领导，分级负责; section not verified)",
    "response_level": "突发事件应对法 (2024 rev.) Art. 71 (response levels; "
    "level matched to the severity grade, article not verified)",
    "report_up": "突发事件应对法 (2024 rev.) Arts 17–18 (N7)",
    "accident_unit": "生产安全事故报告和调查处理条例 Art. 9 (N9)",
    "accident_hop": "生产安全事故报告和调查处理条例 Arts 10–11 (N9)",
    "health_hop": "突发公共卫生事件应急条例 Art. 20 (N10)",
    "release": "国办发〔2016〕80号 (N11)",
    "press": "国办发〔2016〕61号 (N11)",
    "first_releaser": "国办发〔2016〕19号 (N12; article not verified)",
    "dispatch": "突发事件应对法 (2024 rev.) Art. 39 (N13); seed §一.三 (统一调度)",
    "agency": "EK301's reading: a force placed in an agency answers to it when no "
    "commander is named",
}

_NO_TIER = 1_000
#: The least deaths and serious injuries of grades I, II and III of a
#: production-safety accident (生产安全事故报告和调查处理条例 Art. 3; 以上 includes the bound).
_DEATHS = (30, 10, 3)
_INJURED = (100, 50, 10)
#: The department that receives reports of each category (else emergency management).
_FIELD: dict[EventCategory | None, Sector] = {
    EventCategory.PUBLIC_HEALTH: Sector.HEALTH,
    EventCategory.SOCIAL_SECURITY: Sector.PUBLIC_SECURITY,
}
_HOUR = dt.timedelta(hours=1)


def _hours(td: dt.timedelta) -> str:
    return f"{td / _HOUR:g}"


@takes(system=EmergencySystem, incident=Incident, config=(ScenarioConfig, None))
def simulate(
    system: EmergencySystem,
    incident: Incident,
    config: ScenarioConfig | None = None,
    *,
    unavailable: Iterable[str] = (),
) -> Timeline:
    """What the system's data say happens after ``incident``: a cited timeline and its gaps.

    Parameters
    ----------
    system
        Any system that loads.
    incident
        What happened, how severe, where and when.  Its event type is the id
        of one of the system's event types or a key (or, once verified, a
        code) of the national classification
        (:func:`~emergencykit.datasets.event_classification`); its
        jurisdiction the id or the division code (GB/T 2260) of one of its
        jurisdictions.
    config
        The statutory limits and the levels that handle each severity; by
        default the national ones (:class:`ScenarioConfig`).
    unavailable
        Ids of agencies, command bodies, persons or teams taken out (a
        what-if): no step has one of them responsible.  An agency's part
        falls to its parent, then to the government of its jurisdiction and
        of those above; a command body's to its host, office or lead; a
        person's to their agency; an unavailable team is replaced by the next
        one in dispatch order.  Each fallback is recorded in the step's
        ``fallback_for``.

    Returns
    -------
    Timeline
        The steps in report order (:meth:`Step.sort_key`) and the gaps as
        findings with EK8xx codes, sorted as ``check`` sorts them.

    Raises
    ------
    ArgumentError
        When an argument is not of the kind the function takes (a single
        string as ``unavailable`` included).  Nothing else: what the data do
        not allow is a finding.

    Notes
    -----
    *Activation* (分级负责): the handling level for severities I–IV is
    national, provincial, prefecture, county (``config.handling``); where the
    chain lacks that level (Chongqing has no prefecture) the next level up
    handles.  Every plan of a jurisdiction on the chain, from the incident's
    up to the handling one, that covers the event type activates: an overall
    plan covers every type, another plan the types it lists: the incident's
    own, or any of the system's event types whose classification is the
    incident's entry or an entry above it (a plan for 水旱灾害 covers a flood);
    one that lists none is asked about (EK804), not activated.
    Lower plans come first (先期处置), the handling one is in charge.  A
    plan's commander is the one its ``response`` names for the response
    level matching the severity (I → 1), else its lead, else its issuer.

    *Reporting* goes up the chain, one hop per jurisdiction the data
    describe, to the handling level and, for production-safety accidents
    (category 事故灾难), to the level the regulation names: the unit reports
    within 1 h, each hop within 2 h more.  Public-health reports take 2 h a
    hop; other reports go up at once, with no hour limit in the law.  Each
    opinion protocol of the chain adds its first report, no earlier than its
    reporting party can itself be told (EK809).  Deadlines along each chain
    never run backwards.

    *Release*: the 5 h authoritative release and 24 h press conference apply
    from 重大 (II) up; a protocol's stricter deadlines apply as it states
    them.  The releasing department (else the protocol's lead, else the
    commander in charge) is responsible; the step's ``subject`` is the
    incident's jurisdiction.

    *Dispatch*: the teams and counted groups that the commanders reach along
    commands and dispatches edges (a force that names no commander — a team
    without ``commander``, a group without ``dispatcher`` — is reached
    through the agencies that form it, as EK301 reads it), that fit the event type (the row of
    :data:`~emergencykit.scenario.FIT` of its most specific classification
    entry that has one),
    ordered by tier rank, fit (best first), distance in the jurisdiction
    tree (own county, the parent's other children, the parent, further up)
    and id; each is sent by the nearest commander that reaches it.

    The command edges come from :func:`~emergencykit.graph.relation_edges`,
    one pass over the fields that give them; with ``unavailable``, one
    search per unavailable party on the commander's command edges tells
    which of them are single points of failure (as
    :func:`~emergencykit.graph.single_points_of_failure` defines them, rooted
    at the commander in charge).  The whole run is
    near-linear in the size of the system and independent of the order of
    its collections.

    Examples
    --------
    A major flood (重大, II) in 万州区, on the embedded model: the event type
    is a key of the national classification, which the model's overall plan
    covers as it covers every type.

    >>> from emergencykit.datasets import chongqing_2022
    >>> from emergencykit.scenario import Incident, simulate
    >>> incident = Incident(event_type="flood", level="II", jurisdiction="cq-wanzhou",
    ...                     start="2024-07-01T08:00+08:00")
    >>> timeline = simulate(chongqing_2022(), incident)
    >>> [(s.subject, s.responsible) for s in timeline.phase("activation")]
    [('plan-cq-overall', ('cq-zf',))]
    >>> [(str(s.offset), s.responsible) for s in timeline.phase("release")]
    [('5:00:00', ('cq-xcb',)), ('1 day, 0:00:00', ('cq-xcb',))]
    >>> [(s.order, s.subject) for s in timeline.phase("dispatch")]
    [(1, 'team-cq-commanders'), (2, 'team-cq-corps')]
    >>> [f.code for f in timeline.findings]
    ['EK807', 'EK811']

    The reply letter names no agency of 万州区 to receive the report (EK807).
    It names no commander or dispatcher for any team either: the two teams
    of the backbone tier that the municipal bureau forms answer to it (as
    EK301 reads a team's ``agency``) and go first, while the counted groups
    that fit, formed by nobody the letter names, cannot be sent (EK811).
    Taking out the municipal government
    leaves the command to nobody the data name:

    >>> what_if = simulate(chongqing_2022(), incident, unavailable={"cq-zf"})
    >>> [s.responsible for s in what_if.phase("activation")]
    [()]
    >>> simulate(chongqing_2022(), incident, unavailable="cq-zf")
    Traceback (most recent call last):
    ...
    emergencykit.errors.ArgumentError: simulate() takes a collection of ids as unavailable (got str)
    """
    out = _unavailable_ids(unavailable)
    with paused_gc():
        return _Run(system, incident, config or ScenarioConfig(), out).timeline()


def _unavailable_ids(value: object) -> frozenset[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ArgumentError(
            f"simulate() takes a collection of ids as unavailable (got {type(value).__name__})"
        )
    items = list(value)
    bad = next((i for i in items if not isinstance(i, str)), None)
    if bad is not None:
        raise ArgumentError(f"simulate() takes ids (str) in unavailable (got {type(bad).__name__})")
    return frozenset(items)


@attrs.frozen
class _Activation:
    plan: Plan
    index: int  # position of the plan's jurisdiction on the chain
    explicit: bool  # covers the type by listing it (not as an overall plan)
    commander: str | None
    why: str  # which field names the commander


class _Run:
    """One simulation: the indexes it needs, built once, and what it finds."""

    def __init__(
        self,
        system: EmergencySystem,
        incident: Incident,
        config: ScenarioConfig,
        unavailable: frozenset[str],
    ) -> None:
        self.system = system
        self.incident = incident
        self.config = config
        self.unavailable = unavailable
        self.grade = incident.level.grade
        self.findings: list[Finding] = []
        self.steps: list[Step] = []
        self.tree = JurisdictionTree(system.jurisdictions)
        self._fallbacks: dict[str, str | None] = {}
        self._governments: dict[str, str] | None = None
        self.in_charge: _Activation | None = None
        self._scores: dict[tuple[tuple[Capability, ...], ForceDomain | None], int] = {}
        self.event_type: EventType | None = None
        self.entry: EventClass | None = None
        self.category: EventCategory | None = None
        self.keys: tuple[str, ...] = ()
        self.covering: frozenset[str] = frozenset()
        self.arrival: dict[str, dt.timedelta] = {}
        self._adjacency: dict[str, list[str]] | None = None
        self._reach_adjacency: dict[str, list[str]] | None = None
        self._forces: dict[str, Team | ForceGroup] | None = None

    # -- helpers ------------------------------------------------------------------

    def gap(self, code: str, zh: str, en: str, subjects: Iterable[str] = ()) -> None:
        self.findings.append(GAPS[code].finding(self.system, zh, en, subjects))

    def name(self, oid: str | None, lang: str = "zh") -> str:
        obj = None if oid is None else self.system.get(oid)
        return str(oid) if obj is None else display(obj, lang)

    def plan_ref(self, plan: Plan) -> str:
        title = plan.title.get("zh") if plan.title is not None else None
        return f"《{title}》 ({plan.id})" if title else f"plan {plan.id}"

    # -- the run ------------------------------------------------------------------

    def timeline(self) -> Timeline:
        system, incident = self.system, self.incident
        for oid in sorted(self.unavailable):
            if oid not in system:
                self.gap(
                    "EK814",
                    f"不可用方「{oid}」不是系统中的对象",
                    f"the unavailable id '{oid}' names nothing in the system",
                    (oid,),
                )
        self._event_type()
        self._casualties()
        jid = self._jurisdiction()
        if jid is not None:
            self.chain = [jid, *(j for j in self.tree.ancestors(jid) if j in self.tree)]
            self.handling = self._handling()
            self._index_chain()
            activations = self._activate()
            self._report()
            self._release(activations)
            self._dispatch(activations)
            if self.unavailable:
                self._single_points(self.forces)
        steps = sorted(
            (self._available(s) for s in self.steps),
            key=lambda s: (s.sort_key(), s.to, s.sources, s.fallback_for),
        )
        return Timeline(
            incident=incident,
            system=system.id,
            steps=tuple(steps),
            findings=tuple(sorted(set(self.findings), key=Finding.sort_key)),
            unavailable=tuple(sorted(self.unavailable)),
        )

    # -- resolving the incident ----------------------------------------------------

    def _event_type(self) -> None:
        """Resolve the event type: a system event type's id, or a key of the classification.

        Sets :attr:`event_type` (the system's, or ``None``), :attr:`entry`
        (the classification's, or ``None``), :attr:`category`, :attr:`keys`
        (the classification keys of the incident and its ancestors, nearest
        first) and :attr:`covering` (the ids of the system's event types a
        plan may list to cover the incident: its own and its ancestors').
        """
        given = self.incident.event_type
        classification = event_classification()
        found = self.system.get(given)
        key: str | None = None
        if isinstance(found, EventType):
            self.event_type = found
            self.category = found.category
            if found.classification is not None and classification.get(found.classification):
                key = found.classification
        elif (entry := classification.get(given)) is not None:
            self.entry = entry
            self.category = entry.category
            key = entry.key
        else:
            self.gap(
                "EK801",
                f"事件类型「{given}」既不是系统中的事件类型，也不是突发事件分类中的类别",
                f"the event type '{given}' is neither one of the system's event types nor an "
                "entry of the national classification of emergencies",
                (given,),
            )
            return
        if key is not None:
            self.keys = (key, *classification.ancestors(key))
        wanted = set(self.keys)
        self.covering = frozenset(
            {
                *(et.id for et in self.system.event_types if et.classification in wanted),
                *_ids(self.event_type.id if self.event_type is not None else None),
            }
        )

    def _casualties(self) -> None:
        """Ask whether a production-safety accident's stated casualties make it graver."""
        if self.category is not EventCategory.ACCIDENT_DISASTER:
            return
        implied = 4
        for count, bounds in ((self.incident.deaths, _DEATHS), (self.incident.injured, _INJURED)):
            if count is None:
                continue
            for grade, least in enumerate(bounds, start=1):
                if count.lower >= least:
                    implied = min(implied, grade)
                    break
        if implied < self.grade:
            should = list(Severity)[implied - 1]
            self.gap(
                "EK815",
                f"事故定为{self.incident.level.zh}，但所述伤亡人数对应{should.zh}",
                f"the accident is graded {self.incident.level.en}, but its stated casualties "
                f"make it {should.en}",
                (self.incident.event_type,),
            )

    def _jurisdiction(self) -> str | None:
        given = self.incident.jurisdiction
        found = self.system.get(given)
        if isinstance(found, Jurisdiction) and given in self.tree:
            return given
        by_code = sorted(j.id for j in self.system.jurisdictions if j.code == given)
        if by_code:
            return by_code[0]
        self.gap(
            "EK802",
            f"事发地「{given}」既不是系统中行政区的 id，也不是其区划代码",
            f"the place '{given}' is neither the id nor the division code of a jurisdiction "
            "of the system",
            (given,),
        )
        return None

    def _handling(self) -> int:
        """The position on the chain of the jurisdiction that handles the incident."""
        want = self.config.handling[self.grade - 1]
        for i, jid in enumerate(self.chain):
            if self.tree[jid].level.rank <= want.rank:
                return i
        top = self.chain[-1]
        self.gap(
            "EK805",
            f"{self.incident.level.zh}事件应由{want.zh}负责，系统未描述「{self.name(top)}」以上的层级",
            f"a {self.incident.level.en} incident is handled at {want.en} level, which the system "
            f"does not describe above '{self.name(top, 'en')}'",
            (top,),
        )
        return len(self.chain) - 1

    def _index_chain(self) -> None:
        """Agencies, plans and protocols of the chain's jurisdictions, each list sorted by id."""
        at = {jid: i for i, jid in enumerate(self.chain)}
        self.at = at
        self.agencies: dict[str, list[Agency]] = {jid: [] for jid in self.chain}
        for a in self.system.agencies:
            if a.jurisdiction in at:
                self.agencies[a.jurisdiction].append(a)
        self.plans: list[tuple[int, Plan]] = sorted(
            ((at[p.jurisdiction], p) for p in self.system.plans if p.jurisdiction in at),
            key=lambda item: (item[0], item[1].id),
        )
        self.protocols: list[tuple[int, OpinionProtocol]] = sorted(
            ((at[p.jurisdiction], p) for p in self.system.protocols if p.jurisdiction in at),
            key=lambda item: (item[0], item[1].id),
        )
        for items in self.agencies.values():
            items.sort(key=lambda a: a.id)

    # -- activation ----------------------------------------------------------------

    def _covers(self, plan: Plan) -> bool | None:
        """Whether ``plan`` covers the event type; ``None`` when the data do not say."""
        if plan.kind is PlanKind.OVERALL:
            return True
        if self.category is None:
            return False
        if self.covering.intersection(plan.event_types):
            return True
        if not plan.event_types or is_open(plan, "event_types"):
            return None
        return False

    def _commander(self, plan: Plan) -> tuple[str | None, str]:
        level = ResponseLevel(str(self.grade))
        for rc in plan.response:
            if rc.level is level:
                return rc.commander, f"response {level.value}"
        if plan.lead is not None:
            return plan.lead, "lead"
        if plan.issuer is not None:
            return plan.issuer, "issuer"
        return None, ""

    def _activate(self) -> list[_Activation]:
        found: list[_Activation] = []
        for index, plan in self.plans:
            if index > self.handling:
                break
            covers = self._covers(plan)
            if covers is None:
                self.gap(
                    "EK804",
                    f"预案「{self.name(plan.id)}」未说明是否适用于{self._type_zh()}",
                    f"plan '{self.name(plan.id, 'en')}' does not say whether it covers "
                    f"{self._type_en()}",
                    (plan.id,),
                )
            if not covers:
                continue
            commander, why = self._commander(plan)
            found.append(
                _Activation(plan, index, plan.kind is not PlanKind.OVERALL, commander, why)
            )
        if not found:
            where = self.chain[self.handling]
            self.gap(
                "EK803",
                f"「{self.name(self.chain[0])}」至「{self.name(where)}」没有适用于"
                f"{self._type_zh()}的预案",
                f"no plan from '{self.name(self.chain[0], 'en')}' up to "
                f"'{self.name(where, 'en')}' covers {self._type_en()}",
                (self.chain[0], where),
            )
            return found
        lead = min(found, key=lambda a: (-a.index, not a.explicit, a.plan.id))
        self.in_charge = lead
        level = ResponseLevel(str(self.grade))
        for order, act in enumerate(found, start=1):
            plan, charge = act.plan, act is lead
            title_zh = plan.title.get("zh") if plan.title else plan.id
            title_en = plan.title.get("en") if plan.title else plan.id
            if charge:
                role = ("统一指挥", "in charge")
            elif act.index == lead.index:
                role = ("协同响应", "in support")
            else:
                role = ("先期处置", "initial response")
            if act.commander is None:
                self.gap(
                    "EK806",
                    f"预案「{title_zh}」未说明{level.zh}由谁指挥，也没有牵头单位或发布机关",
                    f"plan '{title_en}' names no commander for a {level.en}, no lead and no issuer",
                    (plan.id,),
                )
            self.steps.append(
                Step(
                    phase=Phase.ACTIVATION,
                    action=Label(
                        zh=f"启动《{title_zh}》，{level.zh}（{role[0]}）",
                        en=f"activate '{title_en}', {level.en} ({role[1]})",
                    ),
                    responsible=_ids(act.commander),
                    to=_unique(plan.members),
                    subject=plan.id,
                    order=order,
                    sources=(self.plan_ref(plan), SOURCES["graded"]),
                )
            )
        self._command(found, lead, level)
        return found

    def _command(self, found: list[_Activation], lead: _Activation, level: ResponseLevel) -> None:
        plan = lead.plan
        if lead.commander is not None:
            others = _unique((*_ids(plan.lead), *plan.members))
            self.steps.append(
                Step(
                    phase=Phase.COMMAND,
                    action=Label(
                        zh=f"「{self.name(lead.commander)}」统一指挥，成员单位协同",
                        en=f"'{self.name(lead.commander, 'en')}' commands, the member units "
                        "co-operate",
                    ),
                    responsible=(lead.commander,),
                    to=tuple(o for o in others if o != lead.commander),
                    subject=plan.id,
                    order=1,
                    sources=(f"{self.plan_ref(plan)} {lead.why}",)
                    + ((SOURCES["response_level"],) if lead.why.startswith("response") else ()),
                )
            )
        bodies: dict[str, Plan] = {}
        for act in found:
            for oid in (act.commander, act.plan.lead):
                if oid is not None and isinstance(self.system.get(oid), CommandBody):
                    bodies.setdefault(oid, act.plan)
        for bid in sorted(bodies):
            body: CommandBody = self.system[bid]
            self.steps.append(
                Step(
                    phase=Phase.COMMAND,
                    action=Label(
                        zh=f"召集「{body.name.get('zh')}」",
                        en=f"convene '{body.name.get('en')}'",
                    ),
                    responsible=(bid,),
                    to=_unique(body.members),
                    subject=bid,
                    order=2,
                    sources=(self.plan_ref(bodies[bid]),),
                )
            )

    # -- reporting ------------------------------------------------------------------

    def _receivers(self, jid: str) -> tuple[str, ...]:
        """Who receives a report at ``jid``: the department of the field, and the government."""
        want = _FIELD.get(self.category, Sector.EMERGENCY_MANAGEMENT)
        agencies = self.agencies.get(jid, [])
        field = next(
            (
                a.id
                for a in agencies
                if a.sector is want and a.kind is not AgencyKind.COMMAND_CENTRE
            ),
            None,
        )
        government = next((a.id for a in agencies if a.kind is AgencyKind.GOVERNMENT), None)
        return _unique((*_ids(field), *_ids(government)))

    def _report(self) -> None:
        cfg = self.config.national
        accident = self.category is EventCategory.ACCIDENT_DISASTER
        health = self.category is EventCategory.PUBLIC_HEALTH
        target, beyond = self.handling, None
        if accident:
            want = self.config.accident_reporting[self.grade - 1]
            reach = next(
                (i for i, j in enumerate(self.chain) if self.tree[j].level.rank <= want.rank), None
            )
            if reach is None:
                target, beyond = len(self.chain) - 1, want
            else:
                target = max(target, reach)
        first = self._receivers(self.chain[0])
        if accident or health:
            limit = cfg.unit_report if accident else cfg.report_hop
            self._hop(
                (), first, self.chain[0], limit, "accident_unit" if accident else "health_hop"
            )
        else:
            if not first:
                self.gap(
                    "EK807",
                    f"系统未说明「{self.name(self.chain[0])}」由哪个单位接收事件报告",
                    f"the system does not say who receives reports in "
                    f"'{self.name(self.chain[0], 'en')}'",
                    (self.chain[0],),
                )
            for r in first:
                self.arrival[r] = dt.timedelta(0)
        sender = first
        for k in range(1, target + 1):
            here = self.chain[k]
            receivers = self._receivers(here)
            offset = None
            if accident:
                offset = cfg.unit_report + k * cfg.report_hop
            elif health:
                offset = (k + 1) * cfg.report_hop
            source = "accident_hop" if accident else "health_hop" if health else "report_up"
            self._hop(sender[:1], receivers, here, offset, source, self.chain[k - 1])
            sender = receivers
        if beyond is not None:
            offset = cfg.unit_report + (target + 1) * cfg.report_hop
            self.gap(
                "EK807",
                f"{self.incident.level.zh}生产安全事故须报至{beyond.zh}，系统未描述该层级的接报单位",
                f"a {self.incident.level.en} production-safety accident is reported up to "
                f"{beyond.en} level, for which the system names no recipient",
                (self.chain[-1],),
            )
            self.steps.append(
                Step(
                    phase=Phase.REPORTING,
                    action=Label(zh=f"向{beyond.zh}报告", en=f"report to {beyond.en} level"),
                    offset=offset,
                    deadline=True,
                    responsible=sender[:1],
                    order=target + 2,
                    sources=(SOURCES["accident_hop"],),
                )
            )
        self._protocol_reports()

    def _hop(
        self,
        sender: tuple[str, ...],
        receivers: tuple[str, ...],
        where: str,
        offset: dt.timedelta | None,
        source: str,
        origin: str | None = None,
    ) -> None:
        if not receivers:
            self.gap(
                "EK807",
                f"系统未说明「{self.name(where)}」由哪个单位接收事件报告",
                f"the system does not say who receives reports in '{self.name(where, 'en')}'",
                (where,),
            )
        for r in receivers:
            if offset is not None:
                self.arrival.setdefault(r, offset)
        if sender:
            who_zh, who_en = self.name(sender[0]), self.name(sender[0], "en")
        elif origin is not None:
            who_zh = f"{self.name(origin)}(接报单位未说明)"
            who_en = f"{self.name(origin, 'en')} (recipient not stated)"
        else:
            who_zh, who_en = "事发单位", "the unit where it happened"
        if receivers:
            place = "、".join(self.name(r) for r in receivers)
            place_en = ", ".join(self.name(r, "en") for r in receivers)
        else:
            place, place_en = self.name(where), self.name(where, "en")
        when_zh = f"{_hours(offset)} 小时内" if offset is not None else "立即"
        when_en = f"within {_hours(offset)} h" if offset is not None else "at once"
        self.steps.append(
            Step(
                phase=Phase.REPORTING,
                action=Label(
                    zh=f"{who_zh}{when_zh}向{place}报告",
                    en=f"{who_en} reports to {place_en} {when_en}",
                ),
                offset=offset,
                deadline=offset is not None,
                responsible=sender,
                to=receivers,
                subject=where,
                order=self.at[where] + 1,
                sources=(SOURCES[source],),
            )
        )

    def _deadlines(self, p: OpinionProtocol) -> Any:
        d = p.deadlines
        if d is None or (d.severity is not None and self.grade > d.severity.grade):
            return None
        return d

    def _protocol_reports(self) -> None:
        sender = self._receivers(self.chain[0])[:1]
        arrival = self.arrival.get(sender[0]) if sender else None
        for index, p in self.protocols:
            if index > self.handling or not (p.first_report_to or p.also_report_to):
                continue
            targets = _unique((*p.first_report_to, *p.also_report_to))
            missing = [t for t in targets if t not in self.system]
            if missing:
                self.gap(
                    "EK808",
                    f"舆情机制「{self.name(p.id)}」的报告对象不存在：" + "、".join(missing),
                    f"protocol '{self.name(p.id, 'en')}' reports to ids that name nothing: "
                    + ", ".join(missing),
                    (p.id, *missing),
                )
            d = self._deadlines(p)
            offset = d.first_report if d is not None else None
            if offset is not None and arrival is not None and offset < arrival:
                self.gap(
                    "EK809",
                    f"舆情机制「{self.name(p.id)}」的首报时限 {_hours(offset)} 小时早于报告方最迟"
                    f"获知的时间 {_hours(arrival)} 小时",
                    f"protocol '{self.name(p.id, 'en')}' sets {_hours(offset)} h for the first "
                    f"report, before the {_hours(arrival)} h by which its reporting party may "
                    "itself be told",
                    (p.id, *sender),
                )
                offset = arrival
            when_zh = f"{_hours(offset)} 小时内" if offset is not None else "第一时间"
            when_en = f"within {_hours(offset)} h" if offset is not None else "at once"
            self.steps.append(
                Step(
                    phase=Phase.REPORTING,
                    action=Label(
                        zh=f"{when_zh}按「{p.name.get('zh')}」首报"
                        + "、".join(self.name(t) for t in targets),
                        en=f"first report under '{p.name.get('en')}' {when_en} to "
                        + ", ".join(self.name(t, "en") for t in targets),
                    ),
                    offset=offset,
                    deadline=offset is not None,
                    responsible=sender,
                    to=tuple(t for t in targets if t in self.system),
                    subject=p.id,
                    order=len(self.chain) + 1,
                    sources=(f"protocol {p.id}",),
                )
            )

    # -- release ----------------------------------------------------------------------

    def _release(self, activations: list[_Activation]) -> None:
        cfg = self.config.national
        chosen = None
        for index, p in self.protocols:
            if index <= self.handling:
                chosen = p  # the last is the nearest to the handling level
        major = self.grade <= self.config.major.grade
        d = self._deadlines(chosen) if chosen is not None else None
        commander = self.in_charge
        responsible: tuple[str, ...]
        spokesperson: tuple[str, ...] = ()
        if chosen is not None:
            pr = chosen.press_release
            dept = pr.department if pr is not None else None
            responsible = _ids(dept if dept is not None else chosen.lead)
            spokesperson = _ids(pr.spokesperson if pr is not None else None)
            base: tuple[str, ...] = (f"protocol {chosen.id}",)
        else:
            responsible = _ids(commander.commander if commander is not None else None)
            base = (SOURCES["first_releaser"],)
        for field, national, key, zh, en, who in (
            (
                "authoritative_release",
                cfg.release_deadline,
                "release",
                "发布权威信息",
                "release authoritative information",
                responsible,
            ),
            (
                "press_conference",
                cfg.press_conference_deadline,
                "press",
                "召开新闻发布会",
                "hold a press conference",
                _unique((*responsible, *spokesperson)),
            ),
        ):
            options: list[tuple[dt.timedelta, str]] = []
            if major:
                options.append((national, SOURCES[key]))
            own = getattr(d, field) if d is not None else None
            if own is not None:
                options.append((own, base[0]))
            offset = min(options)[0] if options else None
            sources = _unique((*base, *(s for o, s in options if o == offset)))
            when_zh = f"{_hours(offset)} 小时内" if offset is not None else "及时"
            when_en = f"within {_hours(offset)} h" if offset is not None else "in good time"
            self.steps.append(
                Step(
                    phase=Phase.RELEASE,
                    action=Label(zh=f"{when_zh}{zh}", en=f"{en} {when_en}"),
                    offset=offset,
                    deadline=offset is not None,
                    responsible=who,
                    subject=self.chain[0],
                    order=1 if key == "release" else 2,
                    sources=sources,
                )
            )

    # -- dispatch ---------------------------------------------------------------------

    def _dispatch(self, activations: list[_Activation]) -> None:
        row = None if self.category is None else fit_for((*self.keys, self.category.value))
        if not activations or row is None:
            return
        fit_key, fit = row
        leads: dict[str, _Activation] = {}
        for act in sorted(activations, key=lambda a: (a.index, a.plan.id)):
            if act.commander is None:
                continue
            lead = act.commander
            if lead in self.unavailable:
                fb = self._fallback(lead)
                if fb is None:
                    continue
                lead = fb
            leads.setdefault(lead, act)
        forces = self.forces
        sent_by: dict[str, str] = {}
        for lead in leads:
            for node in self._reach(lead):
                if node in forces:
                    sent_by.setdefault(node, lead)
        ranks = {t.id: t.rank for s in self.system.tier_schemes for t in s.tiers}
        distance = _Distance(self.tree, self.chain)
        candidates: list[tuple[tuple[int, int, int, str], str, str]] = []
        lost: list[tuple[tuple[int, int, int, str], str, str]] = []
        for fid, lead in sent_by.items():
            force = forces[fid]
            score = self._score(fit, force)
            if score == 0:
                continue
            tier = ranks.get(force.tier, _NO_TIER) if force.tier is not None else _NO_TIER
            key = (tier, -score, distance(force.jurisdiction), fid)
            (lost if fid in self.unavailable else candidates).append((key, fid, lead))
        candidates.sort()
        lost.sort()
        fallback_for: dict[str, list[str]] = {}
        for key, fid, _ in lost:
            after = next((c for c in candidates if c[0] > key), None)
            if after is None:
                self.gap(
                    "EK812",
                    f"队伍「{self.name(fid)}」不可用，且没有可替代的适配队伍",
                    f"'{self.name(fid, 'en')}' is unavailable and no fitting force comes after it",
                    (fid,),
                )
            else:
                fallback_for.setdefault(after[1], []).append(fid)
        for order, (key, fid, lead) in enumerate(candidates, start=1):
            force = forces[fid]
            head = force.headcount if isinstance(force, Team) else force.people
            tier_src = f"tier {force.tier} (rank {key[0]})" if key[0] != _NO_TIER else ""
            self.steps.append(
                Step(
                    phase=Phase.DISPATCH,
                    action=Label(
                        zh=f"调派「{force.name.get('zh')}」",
                        en=f"dispatch '{force.name.get('en')}'",
                    ),
                    responsible=(lead,),
                    subject=fid,
                    order=order,
                    headcount=head,
                    sources=tuple(
                        s
                        for s in (
                            self.plan_ref(leads[lead].plan),
                            SOURCES["dispatch"],
                            f"fit {fit_key}: {fit.reasoning}",
                            tier_src,
                            SOURCES["agency"] if _answers_to_agency(force) else "",
                        )
                        if s
                    ),
                    fallback_for=tuple(fallback_for.get(fid, ())),
                )
            )
        self._out_of_reach(forces, sent_by, fit)
        if not candidates:
            where = self.chain[self.handling]
            self.gap(
                "EK810",
                f"指挥者可调派的队伍中没有适合{self._type_zh()}的",
                f"no force the commanders can reach fits {self._type_en()}",
                (where, *sorted(leads)),
            )

    @property
    def adjacency(self) -> dict[str, list[str]]:
        """The command edges (commands, dispatches) as successor lists, built once.

        In no particular order: every use (searches, closures, sets of
        forces) gives the same result whatever the order of a node's
        successors, and at a million objects sorting the edges took more
        than a third of the run.
        """
        if self._adjacency is None:
            edges = relation_edges(self.system, COMMAND_RELATIONS, ordered=False)
            self._adjacency = _adjacency(edges)
        return self._adjacency

    @property
    def reach_adjacency(self) -> dict[str, list[str]]:
        """:attr:`adjacency` plus an edge from each agency to the forces it forms
        that name no commander (a team without ``commander``, a group without
        ``dispatcher``): such a force answers to its agencies, as EK301 reads it.
        Built once."""
        if self._reach_adjacency is None:
            # The rows of adjacency, shared; a row that gains a force is copied first.
            rows = dict(self.adjacency)
            copied: set[str] = set()
            for fid, force in self.forces.items():
                if _answers_to_agency(force):
                    for agency in force.agency:
                        if agency not in copied:
                            copied.add(agency)
                            rows[agency] = list(rows.get(agency, ()))
                        row = rows[agency]
                        if fid not in row:
                            row.append(fid)
            self._reach_adjacency = rows
        return self._reach_adjacency

    @property
    def forces(self) -> dict[str, Team | ForceGroup]:
        """The teams and counted groups by id (the first with an id), built once."""
        if self._forces is None:
            self._forces = _forces(self.system)
        return self._forces

    def _score(self, fit: Fit, force: Team | ForceGroup) -> int:
        # Forces share a few shapes of capabilities and domain: score each shape once.
        shape = (force.capabilities, force.domain)
        score = self._scores.get(shape)
        if score is None:
            score = self._scores[shape] = fit.score(*shape)
        return score

    def _reach(self, lead: str) -> Iterator[str]:
        """Every node reachable from ``lead`` along command edges and the
        agency edges of forces that name no commander, avoiding unavailable ones."""
        seen = {lead}
        queue = deque([lead])
        adjacency, out = self.reach_adjacency, self.unavailable
        while queue:
            node = queue.popleft()
            for v in adjacency.get(node, ()):
                if v not in seen:
                    seen.add(v)
                    yield v
                    if v not in out:
                        queue.append(v)

    def _out_of_reach(
        self, forces: dict[str, Team | ForceGroup], sent_by: dict[str, str], fit: Fit
    ) -> None:
        root = self.chain[self.handling]
        inside = _Distance(self.tree, [root])
        away = sorted(
            fid
            for fid, f in forces.items()
            if fid not in sent_by
            and fid not in self.unavailable
            and self._score(fit, f)
            and inside(f.jurisdiction) == 0
        )
        if away:
            self.gap(
                "EK811",
                f"「{self.name(root)}」有 {len(away)} 项适合{self._type_zh()}的救援力量(队伍或队伍群)，"
                "数据未说明由谁指挥或调度，无法调派："
                + "、".join(self.name(f) for f in away[:10])
                + ("等" if len(away) > 10 else ""),
                f"{len(away)} forces (teams or counted groups) in '{self.name(root, 'en')}' fit "
                f"{self._type_en()}, but the data do not say who commands or dispatches them: "
                + ", ".join(self.name(f, "en") for f in away[:10])
                + (", …" if len(away) > 10 else ""),
                away,
            )

    def _single_points(self, forces: dict[str, Team | ForceGroup]) -> None:
        """Report each unavailable party that cuts forces off from the commander in charge.

        The definition of :func:`~emergencykit.graph.single_points_of_failure`:
        *x* is one when every command path from the commander to some force
        passes through *x*, that is, when the force is reachable from the
        commander but not once *x* is taken out.  One search per unavailable
        party on the commander's command edges, none for the others: a few
        parties cost a few linear passes, less than the dominator tree of the
        whole command graph would.
        """
        charge = self.in_charge
        centre = charge.commander if charge is not None else None
        if centre is None:
            return
        reached = self._closure(centre, None)
        for oid in sorted(self.unavailable & reached):
            if oid == centre:
                continue
            lost = sum(1 for n in reached - self._closure(centre, oid) if n != oid and n in forces)
            if lost:
                self.gap(
                    "EK813",
                    f"「{self.name(oid)}」不可用时，{lost} 项救援力量与「{self.name(centre)}」失去指挥联系",
                    f"with '{self.name(oid, 'en')}' unavailable, {lost} forces lose every command "
                    f"path from '{self.name(centre, 'en')}'",
                    (oid, centre),
                )

    def _closure(self, start: str, avoid: str | None) -> set[str]:
        """``start`` and every node its command edges reach without passing ``avoid``."""
        seen = {start}
        queue = deque([start])
        adjacency = self.adjacency
        while queue:
            for v in adjacency.get(queue.popleft(), ()):
                if v not in seen and v != avoid:
                    seen.add(v)
                    queue.append(v)
        return seen

    # -- what-if ----------------------------------------------------------------------

    def _government(self, jid: str | None) -> str | None:
        if self._governments is None:
            governments: dict[str, str] = {}
            for a in self.system.agencies:
                if a.kind is AgencyKind.GOVERNMENT and a.jurisdiction is not None:
                    best = governments.get(a.jurisdiction)
                    if best is None or a.id < best:
                        governments[a.jurisdiction] = a.id
            self._governments = governments
        return None if jid is None else self._governments.get(jid)

    def _above(self, oid: str) -> list[str]:
        """Who takes over ``oid``'s part, nearest first."""
        obj = self.system.get(oid)
        if isinstance(obj, Agency):
            up = [obj.parent, self._government(obj.jurisdiction)]
            parent = self.tree.get(obj.jurisdiction)
            if parent is not None:
                up.append(self._government(parent.parent))
            return [u for u in up if u is not None and u != oid]
        if isinstance(obj, CommandBody):
            return [u for u in (obj.host, obj.office, obj.lead) if u is not None]
        if isinstance(obj, Person):
            return [obj.agency] if obj.agency is not None else []
        return []

    def _fallback(self, oid: str) -> str | None:
        if oid in self._fallbacks:
            return self._fallbacks[oid]
        seen = {oid}
        queue = deque([oid])
        found = None
        while queue and found is None:
            for up in self._above(queue.popleft()):
                if up in seen:
                    continue
                seen.add(up)
                if up not in self.unavailable and up in self.system:
                    found = up
                    break
                queue.append(up)
        self._fallbacks[oid] = found
        return found

    def _available(self, step: Step) -> Step:
        """``step`` with every unavailable responsible party replaced by its fallback, or dropped.

        Recipients (``to``) stay as the data address them: a report is due to
        an office whoever covers it.
        """
        if not self.unavailable.intersection(step.responsible):
            return step
        took: list[str] = list(step.fallback_for)
        responsible: list[str] = []
        for oid in step.responsible:
            if oid not in self.unavailable:
                responsible.append(oid)
                continue
            fb = self._fallback(oid)
            took.append(oid)
            if fb is None:
                self.gap(
                    "EK812",
                    f"「{self.name(oid)}」不可用，数据未说明由谁接替：{step.action.get('zh')}",
                    f"'{self.name(oid, 'en')}' is unavailable and the data name nobody to take "
                    f"over: {step.action.get('en')}",
                    (oid, *_ids(step.subject)),
                )
            else:
                responsible.append(fb)
        return attrs.evolve(step, responsible=_unique(responsible), fallback_for=_unique(took))

    # -- words ------------------------------------------------------------------------

    def _type_zh(self) -> str:
        named = self.event_type or self.entry
        return f"「{named.name.get('zh')}」" if named else f"「{self.incident.event_type}」"

    def _type_en(self) -> str:
        named = self.event_type or self.entry
        return f"'{named.name.get('en')}'" if named else f"'{self.incident.event_type}'"


class _Distance:
    """Distance of a jurisdiction from the incident's chain, for dispatch order.

    0 for the incident's own jurisdiction and what lies under it; for the
    chain's next jurisdictions up, ``2 i`` for what lies under one of its
    other children, ``2 i + 1`` for the jurisdiction itself; beyond the tree,
    last.  Each jurisdiction is walked once (memo).
    """

    def __init__(self, tree: JurisdictionTree, chain: list[str]) -> None:
        self.tree = tree
        self.pos = {jid: i for i, jid in enumerate(chain)}
        self.far = 2 * len(chain) + 2
        self.memo: dict[str, int] = {}

    def __call__(self, jid: str | None) -> int:
        if jid is None:
            return self.far + 1
        known = self.memo.get(jid)
        if known is not None:
            return known
        here: str | None = jid
        hit: int | None = None
        seen = {jid}
        while here is not None:
            if here in self.pos:
                hit = self.pos[here]
                break
            j = self.tree.get(here)
            here = j.parent if j is not None else None
            if here in seen:
                break
            if here is not None:
                seen.add(here)
        if hit is None:
            value = self.far
        elif hit == 0:
            value = 0
        else:
            value = 2 * hit + (jid in self.pos)
        self.memo[jid] = value
        return value


def _forces(system: EmergencySystem) -> dict[str, Team | ForceGroup]:
    forces: dict[str, Team | ForceGroup] = {}
    for f in (*system.teams, *system.force_groups):
        if system.get(f.id) is f:
            forces[f.id] = f
    return forces


def _answers_to_agency(force: Team | ForceGroup) -> bool:
    """A force that names nobody over it answers to the agencies that form it."""
    named = force.commander if isinstance(force, Team) else force.dispatcher
    return named is None and bool(force.agency)


def _adjacency(edges: list[tuple[str, str, Any]]) -> dict[str, list[str]]:
    """Successor lists; a pair joined by two relations (commands and dispatches) appears twice."""
    out: dict[str, list[str]] = {}
    for u, v, _ in edges:
        row = out.get(u)
        if row is None:
            out[u] = [v]
        else:
            row.append(v)
    return out


def _ids(oid: str | None) -> tuple[str, ...]:
    return () if oid is None else (oid,)


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))
