"""Social organisations (社会组织): registration, supervision, inspections."""

import attrs

from emergencykit.model._classes import shared_methods, validated
from emergencykit.model._common import Count, Entity, Label, Relation
from emergencykit.model._dates import PartialDate
from emergencykit.model._labels import BilingualEnum
from emergencykit.model._other import other_label
from emergencykit.model._refs import Kind, ref, refs
from emergencykit.model._types import Id, Text, Year

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
    ROUTINE = ("routine", "日常检查指导", "routine inspection and guidance")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Inspection:
    kind: InspectionKind
    date: PartialDate | None = None
    result: Text | None = None


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class SocialOrganization(Entity):
    """A social organisation known by name.

    ``registrar`` is the registering authority (民政), ``supervisor`` the
    competent business unit (业务主管单位).
    """

    name: Label
    kind: OrganizationKind
    kind_other: Label | None = other_label("kind")
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    registered: bool | None = None
    registered_on: PartialDate | None = None
    registrar: Id | None = ref(Kind.AGENCY, relation=Relation.SUPERVISES, direction="in")
    supervisor: Id | None = ref(Kind.AGENCY, relation=Relation.SUPERVISES, direction="in")
    fields: tuple[Label, ...] = ()
    inspections: tuple[Inspection, ...] = ()


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class OrganizationGroup(Entity):
    """Organisations known by number ("慈善组织共计133家"); ``members`` are the
    named ones the count includes; ``year`` the year a count of new ones refers to."""

    name: Label
    kind: OrganizationKind
    kind_other: Label | None = other_label("kind")
    count: Count
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    registered: bool | None = None
    registrar: Id | None = ref(Kind.AGENCY, relation=Relation.SUPERVISES, direction="in")
    supervisor: Id | None = ref(Kind.AGENCY, relation=Relation.SUPERVISES, direction="in")
    inspection_regime: tuple[InspectionKind, ...] = ()
    members: tuple[Id, ...] = refs(Kind.ORGANISATION, relation=Relation.MEMBER_OF, direction="in")
    year: Year | None = None
