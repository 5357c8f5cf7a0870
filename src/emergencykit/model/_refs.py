"""References declared once: which fields name other objects, of what kind, as which edge.

A field that holds the id of another object is made with :func:`ref` (one
id) or :func:`refs` (a tuple of ids).  The factory writes a
:class:`Reference` into the field's attrs ``metadata``: the kinds of object
the field may name, the :class:`~emergencykit.model.Relation` it becomes in
the graph and the edge's direction.  The graph's derivation table, the
reference rules (EK002, EK003) and the documentation all read it back with
:func:`references`; none of them lists fields of its own.

>>> from emergencykit.model import Plan, Kind
>>> lead = references(Plan)["lead"]
>>> lead.kinds, str(lead.relation), lead.direction
((<Kind.AGENCY: 'agency'>, <Kind.COMMAND_BODY: 'command_body'>), 'leads', 'in')
"""

import functools
import typing
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import attrs

from emergencykit.model._hints import per_annotation
from emergencykit.model._labels import BilingualEnum

if TYPE_CHECKING:
    from emergencykit.model._common import Relation

__all__ = [
    "Direction",
    "Kind",
    "Reference",
    "id_lists",
    "is_open",
    "nested_references",
    "ref",
    "references",
    "refs",
]


class Kind(BilingualEnum):
    """The kind of an object, as a graph node and a reference target names it.

    Its value is the word the graph's ``kind`` attribute and the reports use,
    so a kind compares equal to, and prints as, that plain string.

    >>> from emergencykit.model import Kind
    >>> Kind.AGENCY == "agency", f"{Kind.COMMAND_BODY}", Kind.COMMAND_BODY.en
    (True, 'command_body', 'command body')
    """

    JURISDICTION = ("jurisdiction", "行政区", "jurisdiction")
    AGENCY = ("agency", "机构", "agency")
    PERSON = ("person", "人员", "person")
    EVENT_TYPE = ("event_type", "事件类型", "event type")
    EVENT = ("event", "突发事件", "event")
    DOCUMENT = ("document", "文件", "document")
    PLAN = ("plan", "预案", "plan")
    PLAN_SYSTEM = ("plan_system", "预案体系", "plan system")
    FRAMEWORK = ("framework", "制度架构", "framework")
    ASPECT = ("aspect", "方面", "aspect")
    INSTITUTION = ("institution", "制度", "institution")
    DISPATCH_MODE = ("dispatch_mode", "调度形式", "dispatch mode")
    DISPATCH_POLICY = ("dispatch_policy", "调度办法", "dispatch policy")
    COMMAND_BODY = ("command_body", "指挥机构", "command body")
    EXPERT_PANEL = ("expert_panel", "专家组织", "expert panel")
    TIER_SCHEME = ("tier_scheme", "分层方案", "tier scheme")
    TEAM_CATEGORY = ("team_category", "队伍类别", "team category")
    TEAM = ("team", "队伍", "team")
    FORCE_GROUP = ("force_group", "队伍群", "force group")
    MANDATE = ("mandate", "建设要求", "mandate")
    FACILITY = ("facility", "设施", "facility")
    PROTOCOL = ("protocol", "舆情机制", "protocol")
    ORGANISATION = ("organisation", "社会组织", "organisation")
    ORGANISATION_GROUP = ("organisation_group", "社会组织群", "organisation group")
    PROGRAMME = ("programme", "工作项目", "programme")
    PROPOSAL = ("proposal", "提案", "proposal")
    COMMITMENT = ("commitment", "承诺事项", "commitment")
    #: A tier nested in a tier scheme.
    TIER = ("tier", "层级", "tier")
    #: An id that is named but that no object has (graph nodes only).
    UNRESOLVED = ("unresolved", "未解析的 id", "unresolved")


#: ``"out"`` draws object → named id; ``"in"`` draws named id → object.
Direction = Literal["out", "in"]

#: The attrs ``metadata`` key under which a field's :class:`Reference` is kept.
METADATA_KEY = "emergencykit.reference"


class Reference(NamedTuple):
    """What one reference field declares (read it with :func:`references`).

    ``kinds`` are the kinds of object it may name, in the order messages list
    them (``None``: any kind).  ``relation`` is the graph edge it becomes
    (``None``: no edge, as for the ends of an explicit link); ``direction``
    ``"out"`` draws object → named id and ``"in"`` named id → object.
    ``anchor`` names a sibling field that replaces the object as the other
    end when it is set (a post's B holder backs up its A holder).
    ``many`` is true for a tuple of ids.  ``through`` is set on a field that
    holds nested objects listed in the system on their own (a scheme's
    tiers): the edge is to each item's ``through`` field, and the reference
    rules leave it alone.
    """

    kinds: tuple[Kind, ...] | None
    relation: "Relation | None"
    direction: Direction = "out"
    anchor: str | None = None
    many: bool = False
    through: str | None = None


def _metadata(
    kinds: tuple[Kind, ...],
    relation: "Relation | None",
    direction: Direction,
    anchor: str | None,
    many: bool,
    through: str | None = None,
) -> dict[str, Reference]:
    for kind in kinds:
        if not isinstance(kind, Kind):
            raise TypeError(f"a reference names kinds of object (Kind), not {kind!r}")
    return {METADATA_KEY: Reference(kinds or None, relation, direction, anchor, many, through)}


def ref(
    *kinds: Kind,
    relation: "Relation | None",
    direction: Direction = "out",
    anchor: str | None = None,
    required: bool = False,
) -> Any:
    """An attrs field holding one id of an object of ``kinds`` (any kind when none).

    Optional (default ``None``) unless ``required``.  The other parameters
    are those of :class:`Reference`.  The field's annotation (``Id`` or
    ``Id | None``) gives its validator, as for any field.

    >>> import attrs
    >>> from emergencykit.model import Kind, Relation
    >>> @attrs.frozen(kw_only=True)
    ... class Shelter:
    ...     operator: str | None = ref(Kind.AGENCY, relation=Relation.LEADS, direction="in")
    >>> references(Shelter)["operator"].kinds
    (<Kind.AGENCY: 'agency'>,)
    """
    metadata = _metadata(kinds, relation, direction, anchor, many=False)
    if required:
        return attrs.field(metadata=metadata)
    return attrs.field(default=None, metadata=metadata)


def refs(*kinds: Kind, relation: "Relation | None", direction: Direction = "out") -> Any:
    """An attrs field holding a tuple of ids of objects of ``kinds`` (default empty).

    >>> import attrs
    >>> from emergencykit.model import Kind, Relation
    >>> @attrs.frozen(kw_only=True)
    ... class Exercise:
    ...     teams: tuple[str, ...] = refs(Kind.TEAM, relation=Relation.MEMBER_OF, direction="in")
    >>> references(Exercise)["teams"].many
    True
    """
    metadata = _metadata(kinds, relation, direction, None, many=True)
    return attrs.field(default=(), metadata=metadata)


def owned(kind: Kind, *, relation: "Relation", direction: Direction) -> Any:
    """An attrs field holding a tuple of objects that the system lists on their own.

    Each item's id becomes an edge, as if the field named it.
    """
    metadata = _metadata((kind,), relation, direction, None, many=True, through="id")
    return attrs.field(default=(), metadata=metadata)


@functools.cache
def references(cls: type) -> dict[str, Reference]:
    """The reference fields that ``cls`` itself declares, in field order.

    >>> from emergencykit.model import Team
    >>> list(references(Team))
    ['tier', 'category', 'jurisdiction', 'agency', 'commander', 'dispatcher', 'base']
    """
    return {
        f.name: f.metadata[METADATA_KEY] for f in attrs.fields(cls) if METADATA_KEY in f.metadata
    }


@functools.cache
def id_lists(cls: type) -> tuple[str, ...]:
    """The names of the lists of ids that ``cls`` declares (its :func:`refs` fields), in field order.

    These, and only these, are what an object's ``open`` may name.

    >>> from emergencykit.model import Proposal, Tier
    >>> id_lists(Proposal), id_lists(Tier)
    (('proposers', 'co_handlers'), ())
    """
    return tuple(n for n, r in references(cls).items() if r.many and r.through is None)


def is_open(obj: Any, field: str) -> bool:
    """Whether ``obj``'s list of ids ``field`` is open: the source names these and others (等).

    An open list is a lower bound: a rule may count its members as "at
    least these", never as all of them.  ``False`` for an object that
    cannot mark lists open.

    >>> from emergencykit.model import Proposal
    >>> p = Proposal(id="p", kind="cppcc_proposal", co_handlers=["xcb"], open=["co_handlers"])
    >>> is_open(p, "co_handlers"), is_open(p, "proposers")
    (True, False)
    """
    return field in getattr(obj, "open", ())


@per_annotation
def _nested_class(hint: Any) -> type | None:
    """The attrs class a field of type ``hint`` holds (alone, optional or in a tuple)."""
    if typing.get_origin(hint) is typing.Annotated:
        return _nested_class(hint.__origin__)
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) is tuple:
        return _nested_class(args[0])
    if len(args) == 1 and typing.get_origin(hint) is not typing.Annotated:
        return _nested_class(args[0])
    return hint if isinstance(hint, type) and attrs.has(hint) else None


def nested_references(cls: type, stop: type) -> Iterator[tuple[str, Reference]]:
    """(dotted path, reference) of every reference in ``cls`` and the classes nested in it.

    Nested value classes are entered in field order (``response.commander``
    walks every item of ``Plan.response``); subclasses of ``stop`` (objects
    with an id, which the system lists on their own) are not.

    >>> from emergencykit.model import Entity, Proposal
    >>> [path for path, _ in nested_references(Proposal, Entity)][-3:]
    ['reply.signer', 'reply.contact.person', 'reply.sender']
    """
    return iter(_nested_references(cls, stop))


@functools.cache
def _nested_references(cls: type, stop: type) -> tuple[tuple[str, Reference], ...]:
    # Kept per class: a class nested in several others is walked, and its
    # annotations resolved, once (the graph derives its edge rules at import).
    fields = attrs.fields(cls)
    if any(isinstance(f.type, str) for f in fields):
        hints = typing.get_type_hints(cls)
    else:  # evaluated already: the metadata is looked through below
        hints = {f.name: f.type for f in fields}
    declared = references(cls)
    found: list[tuple[str, Reference]] = []
    for f in fields:
        reference = declared.get(f.name)
        if reference is not None:
            found.append((f.name, reference))
            continue
        inner = _nested_class(hints[f.name])
        if inner is None or stop in inner.__mro__:  # a subclass of stop
            continue
        within = _nested_references(inner, stop)
        found.extend((f"{f.name}.{path}", nested) for path, nested in within)
    return tuple(found)
