"""Social organisations (社会组织): registration, supervision, inspections."""

import datetime as dt

import attrs

from emergencykit.model import _validators as v
from emergencykit.model._labels import BilingualEnum
from emergencykit.model._refs import Kind, ref, refs
from emergencykit.model._types import Id, Text, Year
from emergencykit.model.common import Count, Entity, Label, Relation

__all__ = [
    "Inspection",
    "InspectionKind",
    "OrganizationGroup",
    "OrganizationKind",
    "SocialOrganization",
]


class OrganizationKind(BilingualEnum):
    CHARITY = ("charity", "慈善组织", "charity")
    EMERGENCY_RESCUE = ("emergency_rescue", "应急救援社会组织", "emergency-rescue organisation")
    THINK_TANK = ("think_tank", "社会智库", "think tank")
    ASSOCIATION = ("association", "社会团体", "association")
    FOUNDATION = ("foundation", "基金会", "foundation")
    OTHER = ("other", "其他", "other")


class InspectionKind(BilingualEnum):
    ANNUAL = ("annual", "年度检查", "annual inspection")
    DOUBLE_RANDOM = ("double_random", "双随机、一公开", "random inspection, results published")
    ROUTINE = ("routine", "日常检查指导", "routine inspection")


@attrs.frozen(kw_only=True)
class Inspection:
    kind: InspectionKind = attrs.field(validator=v.member(InspectionKind))
    date: dt.date = attrs.field(validator=v.day())
    result: Text | None = attrs.field(default=None, validator=v.optional(v.text()))


@attrs.frozen(kw_only=True)
class SocialOrganization(Entity):
    """A social organisation known by name.

    ``registrar`` is the registering authority (民政), ``supervisor`` the
    competent business unit (业务主管单位).
    """

    name: Label = attrs.field(validator=v.instance(Label))
    kind: OrganizationKind = attrs.field(validator=v.member(OrganizationKind))
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    registered: bool | None = attrs.field(default=None, validator=v.optional(v.boolean()))
    registered_on: dt.date | None = attrs.field(default=None, validator=v.optional(v.day()))
    registrar: Id | None = ref(Kind.AGENCY, relation=Relation.SUPERVISES, direction="in")
    supervisor: Id | None = ref(Kind.AGENCY, relation=Relation.SUPERVISES, direction="in")
    fields: tuple[Label, ...] = attrs.field(default=(), validator=v.tuple_of(v.instance(Label)))
    inspections: tuple[Inspection, ...] = attrs.field(
        default=(), validator=v.tuple_of(v.instance(Inspection))
    )


@attrs.frozen(kw_only=True)
class OrganizationGroup(Entity):
    """Organisations known by number ("慈善组织共计133家"); ``members`` are the
    named ones the count includes; ``year`` the year a count of new ones refers to."""

    name: Label = attrs.field(validator=v.instance(Label))
    kind: OrganizationKind = attrs.field(validator=v.member(OrganizationKind))
    count: Count = attrs.field(validator=v.instance(Count))
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    registered: bool | None = attrs.field(default=None, validator=v.optional(v.boolean()))
    registrar: Id | None = ref(Kind.AGENCY, relation=Relation.SUPERVISES, direction="in")
    supervisor: Id | None = ref(Kind.AGENCY, relation=Relation.SUPERVISES, direction="in")
    inspection_regime: tuple[InspectionKind, ...] = attrs.field(
        default=(), validator=v.tuple_of(v.member(InspectionKind))
    )
    members: tuple[Id, ...] = refs(Kind.ORGANISATION, relation=Relation.MEMBER_OF, direction="in")
    year: Year | None = attrs.field(default=None, validator=v.optional(v.count(1900, 2200)))
