"""Plans (应急预案), their revisions and drills, and the plan system (预案体系)."""

from typing import Annotated

import attrs

from emergencykit.errors import FieldValueError
from emergencykit.model._classes import shared_methods, validated
from emergencykit.model._common import Entity, Label, Relation
from emergencykit.model._dates import PartialDate
from emergencykit.model._events import ResponseLevel
from emergencykit.model._labels import BilingualEnum
from emergencykit.model._other import other_label
from emergencykit.model._refs import Kind, ref, refs
from emergencykit.model._types import Id, IdList, Quantity, Text, between

__all__ = [
    "Drill",
    "DrillMethod",
    "DrillPolicy",
    "DrillScope",
    "Plan",
    "PlanKind",
    "PlanSection",
    "PlanSystem",
    "ResponseCommand",
    "Revision",
    "RevisionProgress",
    "RevisionStatus",
    "RevisionTrigger",
]


class PlanKind(BilingualEnum):
    """Kinds of emergency plan (2013/2024 Measures; GB/T 29639-2020 for enterprises)."""

    OVERALL = ("overall", "总体应急预案", "overall plan")
    SPECIAL = ("special", "专项应急预案", "special plan")
    DEPARTMENT = ("department", "部门应急预案", "department plan")
    JOINT = ("joint", "联合应急预案", "joint plan")
    MAJOR_EVENT = ("major_event", "重大活动应急预案", "major-event plan")
    TOWNSHIP = ("township", "乡镇(街道)应急预案", "township plan")
    VILLAGE = ("village", "村(社区)应急预案", "village plan")
    GRASSROOTS = ("grassroots", "基层组织和单位应急预案", "grassroots or unit plan")
    ENTERPRISE_COMPREHENSIVE = (
        "enterprise_comprehensive",
        "企业综合应急预案",
        "enterprise comprehensive plan",
    )
    ENTERPRISE_SPECIAL = ("enterprise_special", "企业专项应急预案", "enterprise special plan")
    ON_SITE = ("on_site", "现场处置方案", "on-site scheme")


class PlanSection(BilingualEnum):
    """The contents a plan must have (应对法 Art. 28)."""

    COMMAND = ("command", "组织指挥体系与职责", "command structure and duties")
    PREVENTION_WARNING = ("prevention_warning", "预防与预警机制", "prevention and warning")
    RESPONSE = ("response", "处置程序", "response procedure")
    SUPPORT = ("support", "应急保障措施", "support measures")
    RECOVERY = ("recovery", "事后恢复与重建", "recovery and reconstruction")


class RevisionStatus(BilingualEnum):
    PLANNED = ("planned", "计划修订", "planned")
    IN_PROGRESS = ("in_progress", "修订中", "in progress")
    DONE = ("done", "已修订", "done")


class RevisionTrigger(BilingualEnum):
    """Why a plan is revised (应对法 Art. 28; 2013 Measures Art. 25)."""

    SCHEDULED = ("scheduled", "定期修订", "scheduled")
    LAW_CHANGED = ("law_changed", "法律法规或上位预案变化", "law or higher plan changed")
    COMMAND_CHANGED = ("command_changed", "指挥机构变化", "command body changed")
    RISK_CHANGED = ("risk_changed", "面临风险变化", "risk changed")
    RESOURCES_CHANGED = ("resources_changed", "重要资源变化", "key resources changed")
    PROBLEMS_FOUND = (
        "problems_found",
        "应对或演练发现问题",
        "problems found in response or drills",
    )
    OTHER = ("other", "其他", "other")


class DrillScope(BilingualEnum):
    COMPREHENSIVE = ("comprehensive", "综合性演练", "comprehensive drill")
    SPECIAL = ("special", "专项演练", "special drill")


class DrillMethod(BilingualEnum):
    TABLETOP = ("tabletop", "桌面推演", "tabletop")
    FUNCTIONAL = ("functional", "功能演练", "functional")
    FULL_SCALE = ("full_scale", "实战演练", "full-scale")
    REMOTE = ("remote", "联调联试(远程拉练)", "remote joint test")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Revision:
    """A revision of a plan: done (``date``) or planned (``due``).

    ``changes`` says what the revision changed, in the source's words.  A
    revision may be done and undated, as a source that says so without a
    date describes it; rules that need the date ask for it.

    >>> from emergencykit import Label, Revision, RevisionStatus
    >>> rev = Revision(status=RevisionStatus.DONE, changes=(
    ...     Label(zh="进一步修正《自然灾害救助应急预案》响应启动标准"),))
    >>> rev.date is None, rev.changes[0].zh
    (True, '进一步修正《自然灾害救助应急预案》响应启动标准')
    """

    status: RevisionStatus | None = None
    date: PartialDate | None = None
    due: PartialDate | None = None
    triggers: tuple[RevisionTrigger, ...] = ()
    triggers_other: Label | None = other_label("triggers")
    changes: tuple[Label, ...] = ()
    events: tuple[Id, ...] = refs(Kind.EVENT, relation=Relation.REFERS_TO)
    note: Text | None = None
    #: Its open lists of ids, as an object's (see :class:`~emergencykit.model.Entity`).
    open: tuple[IdList, ...] = ()


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Drill:
    """An exercise of a plan."""

    date: PartialDate | None = None
    scope: DrillScope | None = None
    method: DrillMethod | None = None
    organiser: Id | None = ref(
        Kind.AGENCY, Kind.COMMAND_BODY, relation=Relation.ACTIVATES, direction="in"
    )
    note: Text | None = None


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class ResponseCommand:
    """Who commands at a response level (an agency, person or command body id)."""

    level: ResponseLevel
    commander: Id = ref(
        Kind.AGENCY,
        Kind.COMMAND_BODY,
        Kind.PERSON,
        relation=Relation.ACTIVATES,
        direction="in",
        required=True,
    )


def _too_early(issued: PartialDate) -> str:
    return f"must not be before the plan's issue date {issued}"


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Plan(Entity):
    """An emergency plan (应急预案).

    Revisions and the filing date may not precede the issue date (a
    partial date is refused only when it certainly does):

    >>> import datetime as dt
    >>> from emergencykit import Plan, PlanKind, Label, Revision, RevisionStatus
    >>> Plan(id="p", title=Label(zh="总体预案"), kind=PlanKind.OVERALL,
    ...      issued=dt.date(2020, 1, 1),
    ...      revisions=(Revision(status=RevisionStatus.DONE, date=dt.date(2019, 1, 1)),))
    Traceback (most recent call last):
    ...
    emergencykit.errors.FieldValueError: 'revisions[0].date' must not be before the plan's issue date 2020-01-01 (got PartialDate(2019, 1, 1))
    >>> Plan(id="p", title=Label(zh="总体预案"), kind=PlanKind.OVERALL, issued="2020-01-15",
    ...      revisions=(Revision(status=RevisionStatus.DONE, date="2020-01"),)).revisions[0].date
    PartialDate(2020, 1)
    """

    title: Label | None = None
    kind: PlanKind
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    issuer: Id | None = ref(
        Kind.AGENCY, Kind.COMMAND_BODY, relation=Relation.SUPERVISES, direction="in"
    )
    lead: Id | None = ref(Kind.AGENCY, Kind.COMMAND_BODY, relation=Relation.LEADS, direction="in")
    members: tuple[Id, ...] = refs(Kind.AGENCY, relation=Relation.CO_HANDLES, direction="in")
    parent: Id | None = ref(Kind.PLAN, relation=Relation.MEMBER_OF)
    event_types: tuple[Id, ...] = refs(Kind.EVENT_TYPE, relation=Relation.COVERS)
    response: tuple[ResponseCommand, ...] = ()
    sections: tuple[PlanSection, ...] = ()
    issued: PartialDate | None = None
    filed: PartialDate | None = None
    filed_with: Id | None = ref(Kind.AGENCY, relation=Relation.REPORTS_TO)
    revisions: tuple[Revision, ...] = ()
    drills: tuple[Drill, ...] = ()
    events: tuple[Id, ...] = refs(Kind.EVENT, relation=Relation.REFERS_TO)

    def __attrs_post_init__(self) -> None:
        issued = self.issued
        if issued is None:
            return
        for i, rev in enumerate(self.revisions):
            if rev.date is not None and rev.date.before(issued):
                raise FieldValueError(f"revisions[{i}].date", _too_early(issued), rev.date)
        if self.filed is not None and self.filed.before(issued):
            raise FieldValueError("filed", _too_early(issued), self.filed)

    @property
    def last_revised(self) -> PartialDate | None:
        """The date of the completed revision that may be latest, else the issue date.

        Where partial dates leave open which revision came last, this is the
        one whose :meth:`~PartialDate.latest` day is latest (rules that need
        the whole range read every revision's bounds).

        >>> from emergencykit import Plan, PlanKind, Label, Revision, RevisionStatus
        >>> done = RevisionStatus.DONE
        >>> Plan(id="p", title=Label(zh="预案"), kind=PlanKind.OVERALL, issued="2018",
        ...      revisions=(Revision(status=done, date="2021-11-20"),
        ...                 Revision(status=done, date="2021-11"))).last_revised
        PartialDate(2021, 11)
        """
        done = [r.date for r in self.revisions if r.date is not None]
        if not done:
            return self.issued
        return max(done, key=lambda d: (d.latest(), d.sort_key()))


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class DrillPolicy:
    """How many drills a year the plan system requires (seed: 1 + 1)."""

    comprehensive_per_year: Annotated[int, between(0, 366)] | None = None
    special_per_year: Annotated[int, between(0, 366)] | None = None


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class RevisionProgress:
    """Progress of revising a group of plans: ``revised`` of ``total`` done.

    >>> from emergencykit import RevisionProgress, Label, PlanKind
    >>> RevisionProgress(scope=Label(zh="专项预案"), kind=PlanKind.SPECIAL, revised=5, total=3)
    Traceback (most recent call last):
    ...
    emergencykit.errors.FieldValueError: 'revised' must not exceed total (3) (got 5)
    """

    scope: Label
    kind: PlanKind | None = None
    responsible: Label | None = None
    responsible_agencies: tuple[Id, ...] = refs(
        Kind.AGENCY, relation=Relation.LEADS, direction="in"
    )
    status: RevisionStatus | None = None
    revised: Quantity | None = None
    total: Quantity | None = None
    due: PartialDate | None = None
    #: Its open lists of ids, as an object's (see :class:`~emergencykit.model.Entity`).
    open: tuple[IdList, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.revised is not None and self.total is not None and self.revised > self.total:
            raise FieldValueError("revised", f"must not exceed total ({self.total})", self.revised)


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class PlanSystem(Entity):
    """A jurisdiction's plan system (预案体系): its plans, governing documents,
    drill policy and revision programme."""

    name: Label
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    plans: tuple[Id, ...] = refs(Kind.PLAN, relation=Relation.MEMBER_OF, direction="in")
    documents: tuple[Id, ...] = refs(Kind.DOCUMENT, relation=Relation.MEMBER_OF, direction="in")
    drill_policy: DrillPolicy | None = None
    progress: tuple[RevisionProgress, ...] = ()
