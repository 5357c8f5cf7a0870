"""Responsibility and training programmes (§三 of the seed): principles,
assessment, inspection methods, enterprise hazard checks, expert services,
outreach and publicity."""

import attrs

from emergencykit.model._classes import shared_methods, validated
from emergencykit.model._common import Cadence, Count, Entity, Label, Relation
from emergencykit.model._labels import BilingualEnum
from emergencykit.model._refs import Kind, ref
from emergencykit.model._types import Id

__all__ = ["DutyKind", "InspectionMethod", "OutreachTarget", "Principle", "Programme"]


class DutyKind(BilingualEnum):
    PRINCIPLES = ("principles", "责任原则", "responsibility principles")
    ASSESSMENT = ("assessment", "绩效考核", "performance assessment")
    INSPECTION = ("inspection", "督查考核", "inspection and accountability")
    ENTERPRISE_RESPONSIBILITY = (
        "enterprise_responsibility",
        "企业一线责任制",
        "enterprise front-line responsibility",
    )
    EXPERT_SERVICE = ("expert_service", "专家服务", "expert service")
    DUTY_PRESENCE = ("duty_presence", "敏感时段值守", "duty presence in sensitive periods")
    OUTREACH = ("outreach", "宣传教育进基层", "outreach")
    TRAINING = ("training", "技能培训", "skills training")
    PUBLICITY = ("publicity", "宣传警示", "publicity")


class Principle(BilingualEnum):
    PARTY_GOVERNMENT_SHARED = (
        "party_government_shared",
        "党政同责",
        "shared party-government responsibility",
    )
    ONE_POST_TWO_DUTIES = ("one_post_two_duties", "一岗双责", "one post, two duties")
    JOINT_MANAGEMENT = ("joint_management", "齐抓共管", "joint management")
    ACCOUNTABILITY = ("accountability", "失职追责", "accountability for failure")


class InspectionMethod(BilingualEnum):
    OPEN_AND_COVERT = ("open_and_covert", "明查暗访", "open and covert inspection")
    CROSS = ("cross", "交叉督查", "cross inspection")
    ASSIGNMENT = ("assignment", "督办交办", "supervision by assignment")


class OutreachTarget(BilingualEnum):
    ENTERPRISES = ("enterprises", "进企业", "enterprises")
    COMMUNITIES = ("communities", "进社区", "communities")
    FAMILIES = ("families", "进家庭", "families")
    SCHOOLS = ("schools", "进校园", "schools")
    RURAL = ("rural", "进农村", "rural areas")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Programme(Entity):
    """A responsibility, inspection, service, outreach or training programme.

    One class for §三's many measures: ``items`` names its parts (两单两卡 …),
    ``cadences`` its check rhythm (日周月), ``output`` what it produced
    (300 films), ``topics`` what those cover.  ``principles`` are the
    principles the :class:`Principle` vocabulary names (党政同责 …);
    ``other_principles`` those it has no value for, in the source's words.

    >>> from emergencykit import DutyKind, Label, Principle, Programme
    >>> duty = Programme(id="duty", name=Label(zh="安全生产责任体系"), kind=DutyKind.PRINCIPLES,
    ...                  principles=(Principle.PARTY_GOVERNMENT_SHARED,),
    ...                  other_principles=(Label(zh="管行业必须管安全"),))
    >>> [p.zh for p in duty.principles], [p.zh for p in duty.other_principles]
    (['党政同责'], ['管行业必须管安全'])
    """

    name: Label
    kind: DutyKind
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    lead: Id | None = ref(Kind.AGENCY, Kind.COMMAND_BODY, relation=Relation.LEADS, direction="in")
    principles: tuple[Principle, ...] = ()
    other_principles: tuple[Label, ...] = ()
    methods: tuple[InspectionMethod, ...] = ()
    targets: tuple[OutreachTarget, ...] = ()
    cadences: tuple[Cadence, ...] = ()
    items: tuple[Label, ...] = ()
    output: Count | None = None
    topics: tuple[Label, ...] = ()
