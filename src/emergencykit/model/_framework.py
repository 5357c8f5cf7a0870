"""The institutional framework ("3+8"), command bodies, dispatch and expert panels."""

import datetime as dt

import attrs

from emergencykit.model._classes import shared_methods, validated
from emergencykit.model._common import Cadence, Count, Entity, Label, Relation
from emergencykit.model._labels import BilingualEnum
from emergencykit.model._other import other_label
from emergencykit.model._refs import Kind, ref, refs
from emergencykit.model._types import Id

__all__ = [
    "Aspect",
    "BodyKind",
    "Channel",
    "CommandBody",
    "DispatchMode",
    "DispatchPolicy",
    "ExpertPanel",
    "Framework",
    "Institution",
    "InstitutionFunction",
    "Meeting",
    "PanelKind",
]


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Framework(Entity):
    """An institutional framework such as Chongqing's "3+8" (3 aspects, 8 institutions).

    Which institution belongs to which aspect is data (``Aspect.institutions``),
    not code: the seed does not say.  ``principles`` are the principles the
    source says the framework follows, in its words.

    Examples
    --------
    >>> from emergencykit import Framework, Label
    >>> reform = Framework(id="xc-reform", name=Label(zh="应急指挥机构"),
    ...                    principles=(Label(zh="优化"), Label(zh="协同"), Label(zh="高效")))
    >>> [p.zh for p in reform.principles]
    ['优化', '协同', '高效']
    """

    name: Label
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    scope: Label | None = None
    aspects: tuple[Id, ...] = refs(Kind.ASPECT, relation=Relation.MEMBER_OF, direction="in")
    principles: tuple[Label, ...] = ()


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Aspect(Entity):
    """One aspect of a framework (监测预警, 值班调度, 处置救援) and its institutions."""

    name: Label
    institutions: tuple[Id, ...] = refs(
        Kind.INSTITUTION, relation=Relation.MEMBER_OF, direction="in"
    )


class InstitutionFunction(BilingualEnum):
    """What an institution does: the eight functions of the seed's "3+8" (§一)."""

    SCREENING_MONITORING = ("screening_monitoring", "排查监测", "screening and monitoring")
    ANALYSIS_WARNING = ("analysis_warning", "研判预警", "analysis and warning")
    INFORMATION_REPORTING = (
        "information_reporting",
        "信息接报",
        "receiving and reporting information",
    )
    FORCE_MOBILISATION = ("force_mobilisation", "力量调动", "mobilising forces")
    FIELD_HEADQUARTERS = ("field_headquarters", "现场指挥部建设", "setting up field headquarters")
    ON_SITE_HANDLING = ("on_site_handling", "现场处置", "on-site handling")
    INVESTIGATION = ("investigation", "调查评估", "investigation and assessment")
    RELIEF = ("relief", "救灾工作", "disaster relief")
    OTHER = ("other", "其他", "other")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Institution(Entity):
    """An institution (制度) of a framework, with the agency that owns it and its time limit.

    ``function`` lets rules find, say, the information-reporting institution
    whatever a place calls it; ``time_limit`` is its deadline (reporting: 1 h
    for a unit, 2 h a hop under the national regulations).
    """

    name: Label
    function: InstitutionFunction | None = None
    function_other: Label | None = other_label("function")
    owner: Id | None = ref(Kind.AGENCY, Kind.COMMAND_BODY, relation=Relation.LEADS, direction="in")
    time_limit: dt.timedelta | None = None
    description: Label | None = None


class Channel(BilingualEnum):
    VIDEO = ("video", "视频", "video")
    TELEPHONE = ("telephone", "电话", "telephone")
    RADIO = ("radio", "无线电", "radio")
    IN_PERSON = ("in_person", "现场", "in person")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class DispatchMode(Entity):
    """A form of dispatch (双周视频调度, 每日点名调度 …) and how often it happens."""

    name: Label
    cadence: Cadence | None = None
    channel: Channel | None = None


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class DispatchPolicy(Entity):
    """Unified dispatch (统一调度): who dispatches, in which modes, under which document."""

    name: Label
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    dispatcher: Id | None = ref(
        Kind.AGENCY, Kind.COMMAND_BODY, relation=Relation.DISPATCHES, direction="in"
    )
    modes: tuple[Id, ...] = refs(Kind.DISPATCH_MODE, relation=Relation.MEMBER_OF, direction="in")
    document: Id | None = ref(Kind.DOCUMENT, relation=Relation.MEMBER_OF)


class BodyKind(BilingualEnum):
    """What sort of command body it is.

    A 议事协调机构 (coordination body: a 联席会议, a 协调小组, a 联防联控机制)
    brings departments together without commanding them as a headquarters
    does; documents also call it a 协调机制.
    """

    HEADQUARTERS = ("headquarters", "应急指挥部", "emergency headquarters")
    LEADERSHIP_GROUP = ("leadership_group", "领导小组", "leading group")
    COMMITTEE = ("committee", "委员会", "committee")
    COMMAND_SYSTEM = ("command_system", "指挥体系", "command system")
    COORDINATION_MECHANISM = ("coordination_mechanism", "议事协调机构", "coordination mechanism")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Meeting:
    """A recurring meeting of a command body (联席会议 …)."""

    name: Label
    cadence: Cadence | None = None


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class CommandBody(Entity):
    """A headquarters, leading group or command system.

    ``host`` is the agency that set it up, ``office`` the agency where its
    office sits (办公室设在…), ``lead`` who leads it.
    """

    name: Label
    kind: BodyKind
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    host: Id | None = ref(Kind.AGENCY, relation=Relation.COMMANDS, direction="in")
    office: Id | None = ref(Kind.AGENCY, relation=Relation.MEMBER_OF, direction="in")
    lead: Id | None = ref(Kind.AGENCY, Kind.PERSON, relation=Relation.LEADS, direction="in")
    members: tuple[Id, ...] = refs(
        Kind.AGENCY, Kind.PERSON, relation=Relation.MEMBER_OF, direction="in"
    )
    meetings: tuple[Meeting, ...] = ()


class PanelKind(BilingualEnum):
    ADVISORY_COMMITTEE = ("advisory_committee", "专家咨询委员会", "expert advisory committee")
    EXPERT_POOL = ("expert_pool", "专家库", "expert pool")
    THINK_TANK = ("think_tank", "智库", "think tank")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class ExpertPanel(Entity):
    """An expert panel or pool, with its size and specialties.

    ``contributors`` are agencies that place experts in it.
    """

    name: Label
    kind: PanelKind | None = None
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    convener: Id | None = ref(
        Kind.AGENCY, Kind.COMMAND_BODY, relation=Relation.LEADS, direction="in"
    )
    members: Count | None = None
    specialties: tuple[Label, ...] = ()
    contributors: tuple[Id, ...] = refs(Kind.AGENCY, relation=Relation.MEMBER_OF, direction="in")
