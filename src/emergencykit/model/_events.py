"""Events: categories, severities, warning and response levels, event types, real incidents."""

import attrs

from emergencykit.model._classes import shared_methods, validated
from emergencykit.model._common import Entity, Label, Relation
from emergencykit.model._dates import PartialDate
from emergencykit.model._labels import BilingualEnum
from emergencykit.model._refs import Kind, ref
from emergencykit.model._types import Id, Text

__all__ = ["Event", "EventCategory", "EventType", "ResponseLevel", "Severity", "WarningLevel"]


class EventCategory(BilingualEnum):
    """The four categories of 突发事件 (应对法 Art. 2)."""

    NATURAL_DISASTER = ("natural_disaster", "自然灾害", "natural disaster")
    ACCIDENT_DISASTER = ("accident_disaster", "事故灾难", "accident disaster")
    PUBLIC_HEALTH = ("public_health", "公共卫生事件", "public-health event")
    SOCIAL_SECURITY = ("social_security", "社会安全事件", "public-security incident")


class Severity(BilingualEnum):
    """Grades I–IV (应对法 Art. 3); ``grade`` 1 is the most severe."""

    ESPECIALLY_MAJOR = ("especially_major", "特别重大", "especially major (I)")
    MAJOR = ("major", "重大", "major (II)")
    LARGE = ("large", "较大", "large (III)")
    ORDINARY = ("ordinary", "一般", "ordinary (IV)")

    @property
    def grade(self) -> int:
        """1 (特别重大) … 4 (一般)."""
        return list(Severity).index(self) + 1


class WarningLevel(BilingualEnum):
    """Warning levels (应对法 Art. 63); level 1 (red) is the highest."""

    RED = ("red", "一级(红色)", "level 1 (red)")
    ORANGE = ("orange", "二级(橙色)", "level 2 (orange)")
    YELLOW = ("yellow", "三级(黄色)", "level 3 (yellow)")
    BLUE = ("blue", "四级(蓝色)", "level 4 (blue)")


class ResponseLevel(BilingualEnum):
    """Emergency response levels (应对法 Art. 71); level 1 is the highest."""

    LEVEL_1 = ("1", "一级响应", "level 1 response")
    LEVEL_2 = ("2", "二级响应", "level 2 response")
    LEVEL_3 = ("3", "三级响应", "level 3 response")
    LEVEL_4 = ("4", "四级响应", "level 4 response")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class EventType(Entity):
    """A type of emergency (flood, hazardous chemicals, infectious disease …).

    ``classification`` places it in the national classification of
    emergencies (GB/T 35561): the key of an entry of
    :func:`emergencykit.datasets.event_classification` (``"flood"``,
    ``"flood_drought"``), whose ancestors say what covers it.

    >>> from emergencykit import EventType, Label
    >>> flood = EventType(id="ev-flood", name=Label(zh="洪涝灾害"), category="natural_disaster",
    ...                   classification="flood")
    >>> flood.classification
    'flood'
    """

    name: Label
    category: EventCategory
    classification: Text | None = None


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Event(Entity):
    """A real incident the source names: a flood, a fire, an outbreak.

    ``event_type`` is the type of emergency it was, ``date`` when it
    happened (as exactly as the source says), ``jurisdiction`` where.
    Plans, their revisions and commitments cite events by id (``events``):
    a plan revised after a flood, a promise made because of one.

    >>> from emergencykit import Event, Label, Plan, PlanKind, Revision, RevisionStatus
    >>> flood = Event(id="flood-2020", name=Label(zh="“8·20”特大洪水", en="the 20 August flood"),
    ...               event_type="ev-flood", date="2020-08", jurisdiction="cq")
    >>> flood.date
    PartialDate(2020, 8)
    >>> plan = Plan(id="flood-plan", kind=PlanKind.SPECIAL,
    ...             revisions=(Revision(status=RevisionStatus.DONE, events=("flood-2020",)),))
    >>> plan.revisions[0].events
    ('flood-2020',)
    """

    name: Label
    event_type: Id | None = ref(Kind.EVENT_TYPE, relation=Relation.MEMBER_OF)
    date: PartialDate | None = None
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
