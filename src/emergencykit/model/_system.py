"""The aggregate root: :class:`EmergencySystem` holds every collection and resolves ids."""

import functools
from collections.abc import Iterator
from typing import Any

import attrs

from emergencykit.model._classes import shared_methods, validated
from emergencykit.model._common import Agency, Document, Entity, Jurisdiction, Label, Link, Person
from emergencykit.model._dates import PartialDate
from emergencykit.model._duty import Programme
from emergencykit.model._events import Event, EventType
from emergencykit.model._forces import (
    Facility,
    ForceGroup,
    Mandate,
    Team,
    TeamCategory,
    Tier,
    TierScheme,
)
from emergencykit.model._framework import (
    Aspect,
    CommandBody,
    DispatchMode,
    DispatchPolicy,
    ExpertPanel,
    Framework,
    Institution,
)
from emergencykit.model._labels import BilingualEnum
from emergencykit.model._opinion import OpinionProtocol
from emergencykit.model._plans import Plan, PlanSystem
from emergencykit.model._proposals import Commitment, Proposal
from emergencykit.model._refs import Kind
from emergencykit.model._society import OrganizationGroup, SocialOrganization
from emergencykit.model._types import Id, Text

__all__ = ["COLLECTIONS", "Completeness", "EmergencySystem", "Source"]


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Source:
    """A document the model was taken from.

    ``id`` is what a :class:`~emergencykit.Citation` names it by; documents
    without citations may leave it out.
    """

    id: Id | None = None
    title: Label
    publisher: Text | None = None
    date: PartialDate | None = None
    url: Text | None = None


class Completeness(BilingualEnum):
    """How much of the system a document claims to describe.

    A reply letter or a bulletin states some facts and is silent on others:
    it is *partial*, and a rule that needs an unstated fact asks a question.
    A planner's own full data is *complete*: there, an unstated fact is a
    gap, and the rule reports a violation.  Not stated counts as partial.

    >>> Completeness("complete").zh
    '完整'
    """

    PARTIAL = ("partial", "部分描述", "partial")
    COMPLETE = ("complete", "完整", "complete")


#: Each collection of :class:`EmergencySystem`: field name -> (item class, node kind).
COLLECTIONS: dict[str, tuple[type[Entity], Kind]] = {
    "jurisdictions": (Jurisdiction, Kind.JURISDICTION),
    "agencies": (Agency, Kind.AGENCY),
    "persons": (Person, Kind.PERSON),
    "event_types": (EventType, Kind.EVENT_TYPE),
    "events": (Event, Kind.EVENT),
    "documents": (Document, Kind.DOCUMENT),
    "plans": (Plan, Kind.PLAN),
    "plan_systems": (PlanSystem, Kind.PLAN_SYSTEM),
    "frameworks": (Framework, Kind.FRAMEWORK),
    "aspects": (Aspect, Kind.ASPECT),
    "institutions": (Institution, Kind.INSTITUTION),
    "dispatch_modes": (DispatchMode, Kind.DISPATCH_MODE),
    "dispatch_policies": (DispatchPolicy, Kind.DISPATCH_POLICY),
    "command_bodies": (CommandBody, Kind.COMMAND_BODY),
    "expert_panels": (ExpertPanel, Kind.EXPERT_PANEL),
    "tier_schemes": (TierScheme, Kind.TIER_SCHEME),
    "team_categories": (TeamCategory, Kind.TEAM_CATEGORY),
    "teams": (Team, Kind.TEAM),
    "force_groups": (ForceGroup, Kind.FORCE_GROUP),
    "mandates": (Mandate, Kind.MANDATE),
    "facilities": (Facility, Kind.FACILITY),
    "protocols": (OpinionProtocol, Kind.PROTOCOL),
    "organisations": (SocialOrganization, Kind.ORGANISATION),
    "organisation_groups": (OrganizationGroup, Kind.ORGANISATION_GROUP),
    "programmes": (Programme, Kind.PROGRAMME),
    "proposals": (Proposal, Kind.PROPOSAL),
    "commitments": (Commitment, Kind.COMMITMENT),
}

#: The node kind of each model class that has an id: the collections' classes and
#: :class:`Tier`, which lives inside its scheme.
KIND_OF_CLASS: dict[type, Kind] = {**dict(COLLECTIONS.values()), Tier: Kind.TIER}

#: The collection of each collection's class (:class:`Tier`, inside its scheme, has none).
COLLECTION_OF_CLASS: dict[type, str] = {cls: name for name, (cls, _) in COLLECTIONS.items()}


def kind_word(obj: Any, lang: str = "zh") -> str:
    """What sort of object ``obj`` is, in ``lang``: its :class:`Kind`'s label, a proposal's noun.

    A proposal is called by its own kind (提案 or 建议), so that an NPC
    suggestion is never named a 提案.

    >>> from emergencykit import Proposal, ProposalKind, Team, Label
    >>> kind_word(Proposal(id="p", kind=ProposalKind.NPC_SUGGESTION))
    '建议'
    >>> kind_word(Team(id="t", name=Label(zh="队"), domain="health"), "en")
    'team'
    """
    if isinstance(obj, Proposal):
        return obj.kind.noun(lang)
    return KIND_OF_CLASS[type(obj)].label(lang)


def display(obj: Any, lang: str = "zh") -> str:
    """A readable name of a model object in ``lang``: its name, title or text, else its id.

    >>> from emergencykit import Label, Person
    >>> display(Person(id="p1", name=Label(en="Li Ming")), "zh")
    'Li Ming'
    """
    for attr in ("name", "title", "text"):
        value = getattr(obj, attr, None)
        if isinstance(value, Label):
            return value.get(lang)
    return str(getattr(obj, "id", obj))


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class EmergencySystem:
    """A jurisdiction's whole emergency-management system, as data.

    Objects refer to each other by id; :meth:`get` and ``system[id]`` resolve
    them.  Dangling or duplicate ids are not errors here: the validation rules
    report them (a duplicate resolves to its first occurrence).

    A system is a collection of its objects: iterating it yields every object
    with an id, in document order (:meth:`entities` without the paths),
    ``len(system)`` counts them, and ``x in system`` holds for each of them
    and for each of their ids.

    >>> from emergencykit import EmergencySystem, Jurisdiction, Agency, AgencyKind, Label, AdminLevel
    >>> cq = Jurisdiction(id="cq", name=Label(zh="重庆市"), level=AdminLevel.PROVINCIAL)
    >>> bureau = Agency(id="cq-yjj", name=Label(zh="重庆市应急管理局"),
    ...                 kind=AgencyKind.GOVERNMENT_DEPARTMENT, jurisdiction="cq")
    >>> system = EmergencySystem(id="demo", name=Label(zh="示例"), root="cq",
    ...                          jurisdictions=(cq,), agencies=(bureau,))
    >>> system["cq-yjj"].name.zh
    '重庆市应急管理局'
    >>> system.path_of("cq-yjj")
    '$.agencies[0]'
    >>> system.get("nowhere") is None
    True
    >>> [obj.id for obj in system], len(system), "cq" in system, bureau in system
    (['cq', 'cq-yjj'], 2, True, True)
    """

    id: Id
    name: Label
    root: Id | None = None
    described: PartialDate | None = None
    completeness: Completeness | None = None
    sources: tuple[Source, ...] = ()
    notes: tuple[Text, ...] = ()
    jurisdictions: tuple[Jurisdiction, ...] = ()
    agencies: tuple[Agency, ...] = ()
    persons: tuple[Person, ...] = ()
    event_types: tuple[EventType, ...] = ()
    events: tuple[Event, ...] = ()
    documents: tuple[Document, ...] = ()
    plans: tuple[Plan, ...] = ()
    plan_systems: tuple[PlanSystem, ...] = ()
    frameworks: tuple[Framework, ...] = ()
    aspects: tuple[Aspect, ...] = ()
    institutions: tuple[Institution, ...] = ()
    dispatch_modes: tuple[DispatchMode, ...] = ()
    dispatch_policies: tuple[DispatchPolicy, ...] = ()
    command_bodies: tuple[CommandBody, ...] = ()
    expert_panels: tuple[ExpertPanel, ...] = ()
    tier_schemes: tuple[TierScheme, ...] = ()
    team_categories: tuple[TeamCategory, ...] = ()
    teams: tuple[Team, ...] = ()
    force_groups: tuple[ForceGroup, ...] = ()
    mandates: tuple[Mandate, ...] = ()
    facilities: tuple[Facility, ...] = ()
    protocols: tuple[OpinionProtocol, ...] = ()
    organisations: tuple[SocialOrganization, ...] = ()
    organisation_groups: tuple[OrganizationGroup, ...] = ()
    programmes: tuple[Programme, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    relations: tuple[Link, ...] = ()

    def entities(self) -> Iterator[tuple[str, Entity]]:
        """Every object with an id, with its path in the document, in document order.

        Tiers nested in tier schemes are included after their scheme.
        """
        for name in COLLECTIONS:
            items: tuple[Entity, ...] = getattr(self, name)
            for i, obj in enumerate(items):
                yield f"$.{name}[{i}]", obj
                if isinstance(obj, TierScheme):
                    for j, tier in enumerate(obj.tiers):
                        yield f"$.{name}[{i}].tiers[{j}]", tier

    @functools.cached_property
    def _index(self) -> dict[str, Entity]:
        # The first object with each id, in document order.  The collections
        # are read directly, without entities()' paths: writing a million
        # paths that hardly anyone asks for (path_of) was most of the cost.
        index: dict[str, Entity] = {}
        for name in COLLECTIONS:
            items: tuple[Entity, ...] = getattr(self, name)
            if name == "tier_schemes":  # each scheme followed by its tiers, as in entities()
                items = tuple(
                    obj for scheme in self.tier_schemes for obj in (scheme, *scheme.tiers)
                )
            for obj in items:
                if obj.id not in index:
                    index[obj.id] = obj
        return index

    @functools.cached_property
    def _paths(self) -> dict[str, str]:
        paths: dict[str, str] = {}
        for path, obj in self.entities():
            paths.setdefault(obj.id, path)
        return paths

    def get(self, id: str, default: Any = None) -> Any:
        """The object with ``id``, or ``default`` when there is none."""
        return self._index.get(id, default)

    def __getitem__(self, id: str) -> Any:
        hit = self._index.get(id)
        if hit is None:
            raise KeyError(f"no object with id {id!r} in system {self.id!r}")
        return hit

    def __contains__(self, item: object) -> bool:
        """Whether ``item`` is one of the objects, or the id of one."""
        if isinstance(item, str):
            return item in self._index
        if not isinstance(item, Entity):
            return False
        hit = self._index.get(item.id)
        if hit is None:
            return False
        # A later object with a duplicate id is not in the index: look for it.
        return hit == item or any(obj == item for obj in self)

    def __iter__(self) -> Iterator[Entity]:
        """Every object with an id, in document order (nested tiers after their scheme)."""
        for _, obj in self.entities():
            yield obj

    def path_of(self, id: str) -> str | None:
        """The document path (``$.teams[3]``) of the first object with ``id``."""
        return self._paths.get(id)

    def __len__(self) -> int:
        """The number of objects with an id (nested tiers included): ``len(list(system))``."""
        return sum(1 for _ in self.entities())
