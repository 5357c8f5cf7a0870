"""Public-opinion protocols (新闻舆论舆情引导): lead, reporting, deadlines, releases, media."""

import datetime as dt

import attrs

from emergencykit.model._classes import shared_methods, validated
from emergencykit.model._common import Cadence, Entity, Label, Relation
from emergencykit.model._events import Severity
from emergencykit.model._labels import BilingualEnum
from emergencykit.model._refs import Kind, ref, refs
from emergencykit.model._types import Id, Quantity

__all__ = [
    "Deadlines",
    "MediaAccessPolicy",
    "MediaMeasure",
    "OpinionProtocol",
    "PressReleasePlan",
    "ReleaseDecision",
]


class ReleaseDecision(BilingualEnum):
    """What the press-release plan decides (seed §四.二)."""

    CONTENT = ("content", "发布内容", "content")
    TIMING = ("timing", "发布时机", "timing")
    SPOKESPERSON = ("spokesperson", "发布人", "spokesperson")
    DEPARTMENT = ("department", "发布部门", "releasing department")
    COUNT_FREQUENCY = ("count_frequency", "发布次数与频率", "number and frequency of releases")
    TALKING_POINTS = ("talking_points", "记者沟通与口径准备", "press contact and talking points")


class MediaMeasure(BilingualEnum):
    """How media access is managed (seed §四.二)."""

    ZONES = ("zones", "划定采访区域", "designated interview zones")
    OUTLET_LIMIT = ("outlet_limit", "限制进场媒体数量", "limit on media outlets")
    REPORTER_LIMIT = ("reporter_limit", "限制记者人数", "limit on reporters")
    SOURCE_MANAGEMENT = ("source_management", "信源管理", "source management")
    INFORMATION_SUPPLY = ("information_supply", "信息供给", "information supply")
    SERVICE_SUPPORT = ("service_support", "服务保障", "service support")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Deadlines:
    """Time limits that apply to events of ``severity`` or worse.

    National baseline for major cases (国办发〔2016〕80号, 61号): authoritative
    information within 5 h, a press conference within 24 h.
    """

    severity: Severity | None = None
    first_report: dt.timedelta | None = None
    authoritative_release: dt.timedelta | None = None
    press_conference: dt.timedelta | None = None


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class PressReleasePlan:
    """Who decides the release and what is decided."""

    decided_by: Id | None = ref(
        Kind.AGENCY, Kind.COMMAND_BODY, relation=Relation.LEADS, direction="in"
    )
    decisions: tuple[ReleaseDecision, ...] = ()
    spokesperson: Id | None = ref(Kind.PERSON, relation=Relation.MEMBER_OF, direction="in")
    department: Id | None = ref(Kind.AGENCY, relation=Relation.CO_HANDLES, direction="in")
    frequency: Cadence | None = None


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class MediaAccessPolicy:
    """Management of media on site: zones and limits (``None`` = not fixed)."""

    measures: tuple[MediaMeasure, ...] = ()
    zones: tuple[Label, ...] = ()
    max_outlets: Quantity | None = None
    max_reporters: Quantity | None = None


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class OpinionProtocol(Entity):
    """How a jurisdiction handles public opinion around emergencies.

    ``first_report_to`` receive the first report (Chongqing: the publicity
    department); ``also_report_to`` are informed as well (party committee,
    government); ``instruction_sources`` should hold exactly one agency
    (avoid 令出多门).
    """

    name: Label
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    lead: Id | None = ref(Kind.AGENCY, Kind.COMMAND_BODY, relation=Relation.LEADS, direction="in")
    triggers: tuple[Label, ...] = ()
    first_report_to: tuple[Id, ...] = refs(
        Kind.AGENCY, Kind.COMMAND_BODY, relation=Relation.REPORTS_TO
    )
    also_report_to: tuple[Id, ...] = refs(
        Kind.AGENCY, Kind.COMMAND_BODY, relation=Relation.REPORTS_TO
    )
    deadlines: Deadlines | None = None
    analysis_meetings: Cadence | None = None
    press_release: PressReleasePlan | None = None
    media_access: MediaAccessPolicy | None = None
    instruction_sources: tuple[Id, ...] = refs(
        Kind.AGENCY, Kind.COMMAND_BODY, relation=Relation.COMMANDS, direction="in"
    )
    accountability: bool | None = None
