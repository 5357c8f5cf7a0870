"""Build the relation graph of a system from one declarative table of edges."""

import enum
import types
import typing
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal

import attrs

from emergencykit._gc import paused_gc
from emergencykit._guards import takes
from emergencykit.model._common import AdminLevel, Count, Entity, Label, Link, Relation
from emergencykit.model._dates import PartialDate
from emergencykit.model._forces import Tier
from emergencykit.model._refs import Direction, Kind, nested_references
from emergencykit.model._system import COLLECTIONS, KIND_OF_CLASS, EmergencySystem
from emergencykit.model._types import plain

if TYPE_CHECKING:  # networkx is imported by the functions that build a graph
    import networkx as nx

    from emergencykit.graph import _fast

__all__ = [
    "COHANDLING_RELATIONS",
    "COMMAND_RELATIONS",
    "EDGE_RULES",
    "REPORTING_RELATIONS",
    "UNRESOLVED",
    "EdgeRule",
    "relation_edges",
    "to_graph",
]

#: Node kind of an id that is referenced but names no object.
UNRESOLVED = Kind.UNRESOLVED

#: Edges of the command view: who commands or dispatches whom.
COMMAND_RELATIONS = frozenset({Relation.COMMANDS, Relation.DISPATCHES})
#: Edges of the co-handling view: who leads or co-handles a plan, proposal, protocol ….
COHANDLING_RELATIONS = frozenset({Relation.LEADS, Relation.CO_HANDLES})
#: Edges of the reporting view.
REPORTING_RELATIONS = frozenset({Relation.REPORTS_TO})


@attrs.frozen
class EdgeRule:
    """One row of the derivation table: a model field that becomes edges.

    ``field`` is a dotted path into the object (``"response.commander"`` walks
    every item of ``Plan.response``).  Direction ``"out"`` draws
    object → referenced id; ``"in"`` draws referenced id → object.  ``anchor``
    names a sibling field of the innermost item that replaces the object as
    the other end when it is set (a post's B holder backs up its A holder).
    """

    collection: str
    field: str
    relation: Relation
    direction: Direction
    anchor: str | None = None


def _derive_edge_rules() -> tuple[EdgeRule, ...]:
    """One row per reference field that declares a relation, collection by collection.

    Rows follow :data:`COLLECTIONS <emergencykit.model.COLLECTIONS>` order
    and, within a collection, the class's field order, nested value classes
    entered where their field stands.
    """
    return tuple(
        EdgeRule(
            collection,
            path if reference.through is None else f"{path}.{reference.through}",
            reference.relation,
            reference.direction,
            reference.anchor,
        )
        for collection, (cls, _) in COLLECTIONS.items()
        for path, reference in nested_references(cls, Entity)
        if reference.relation is not None
    )


#: Every field that refers to another object, and the edge it becomes: derived from
#: the fields' declarations (:func:`emergencykit.model.ref`); ``docs/graph.md`` lists it.
EDGE_RULES: tuple[EdgeRule, ...] = _derive_edge_rules()

#: The kinds each row of the table may name, as the reference rules (EK003) read
#: them; ``None`` for any kind and for the items of an owned field, which they leave alone.
_KINDS: dict[tuple[str, str], tuple[Kind, ...] | None] = {
    (collection, path): reference.kinds
    for collection, (cls, _) in COLLECTIONS.items()
    for path, reference in nested_references(cls, Entity)
    if reference.through is None
}

#: Collections with a reference that draws no edge: the build cannot vouch for them.
_UNDRAWN = frozenset(
    collection
    for collection, (cls, _) in COLLECTIONS.items()
    for _, reference in nested_references(cls, Entity)
    if reference.relation is None and reference.through is None
)

#: Node kinds in graph order: the collections', with nested tiers after their schemes.
_ORDER: tuple[tuple[str, Kind], ...] = tuple(
    item
    for name, (_, kind) in COLLECTIONS.items()
    for item in ((name, kind), *((("tiers", Kind.TIER),) if name == "tier_schemes" else ()))
)


# -- node attributes ---------------------------------------------------------------------------

_FlatKind = Literal["plain", "count", "date"]
_SKIP = frozenset({"id", "note", "source"})
_LABEL_FIELDS = ("name", "title", "text")


def _scalar(tp: Any) -> _FlatKind | None:
    """How a field of annotated type ``tp`` is flattened, or None to leave it out."""
    args = typing.get_args(tp) if isinstance(tp, types.UnionType) else (tp,)
    inner = [a for a in args if a is not type(None)]
    if len(inner) != 1 or not isinstance(inner[0], type):
        return None
    cls = inner[0]
    if cls is Count:
        return "count"
    if cls is PartialDate:
        return "date"
    if cls in (str, int, bool) or issubclass(cls, enum.Enum):
        return "plain"
    return None


@attrs.frozen
class _NodeSpec:
    kind: Kind
    label: str | None
    flat: tuple[tuple[str, str, _FlatKind], ...]
    has_level: bool


def _node_spec(cls: type[Entity], kind: Kind) -> _NodeSpec:
    fields = attrs.fields(cls)
    label = next(
        (f.name for f in fields if f.name in _LABEL_FIELDS and f.type in (Label, Label | None)),
        None,
    )
    flat = []
    for f in fields:
        how = _scalar(plain(f.type))  # Id and Text are str here
        if f.name in _SKIP or how is None:
            continue
        flat.append((f.name, f"{kind}_kind" if f.name == "kind" else f.name, how))
    return _NodeSpec(kind, label, tuple(flat), any(f.name == "level" for f in fields))


class _Specs(dict[type[Entity], _NodeSpec]):
    """The node spec of each class of object, made when a graph first needs it."""

    def __missing__(self, cls: type[Entity]) -> _NodeSpec:
        spec = self[cls] = _node_spec(cls, KIND_OF_CLASS[cls])
        return spec


_SPECS = _Specs()


def _node_attrs(obj: Entity, spec: _NodeSpec, levels: dict[str, AdminLevel]) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": spec.kind}
    label: Label | None = None if spec.label is None else getattr(obj, spec.label)
    if label is not None:
        data["label_zh"] = label.get("zh")
        data["label_en"] = label.get("en")
    else:
        data["label_zh"] = data["label_en"] = obj.id
    for name, key, how in spec.flat:
        value = getattr(obj, name)
        if value is None:
            continue
        if how == "count":
            value = value.value
        data[key] = value
    if "level" not in data:
        jurisdiction = data.get("jurisdiction")
        if jurisdiction is not None and jurisdiction in levels:
            data["level"] = levels[jurisdiction]
    data["obj"] = obj
    return data


# -- edges -------------------------------------------------------------------------------------


def _walk(
    value: Any, path: tuple[str, ...], anchor: str | None, owner: str
) -> Iterator[tuple[str, str]]:
    """Yield (referenced id, anchor id) for every id found at ``path`` under ``value``."""
    if value is None:
        return
    if isinstance(value, tuple):
        for item in value:
            yield from _walk(item, path, anchor, owner)
        return
    if not path:
        yield value, owner
        return
    if anchor is not None and len(path) == 1:
        other = getattr(value, anchor)
        owner = owner if other is None else other
    yield from _walk(getattr(value, path[0]), path[1:], anchor, owner)


@attrs.frozen
class _CompiledRule:
    path: tuple[str, ...]
    relation: Relation
    out: bool
    anchor: str | None
    field: str
    simple: bool  # a plain id or tuple of ids on the owner itself
    kinds: tuple[Kind, ...] | None  # what the field may name, None for anything
    command: bool  # its edges are in the command graphs


def _compile(rules: tuple[EdgeRule, ...]) -> dict[str, tuple[_CompiledRule, ...]]:
    by_collection: dict[str, list[_CompiledRule]] = {}
    for rule in rules:
        if rule.collection not in COLLECTIONS:
            raise ValueError(f"edge rule names an unknown collection {rule.collection!r}")
        compiled = _CompiledRule(
            tuple(rule.field.split(".")),
            rule.relation,
            rule.direction == "out",
            rule.anchor,
            rule.field,
            "." not in rule.field and rule.anchor is None,
            _KINDS.get((rule.collection, rule.field)),
            rule.relation in COMMAND_RELATIONS,
        )
        by_collection.setdefault(rule.collection, []).append(compiled)
    return {name: tuple(items) for name, items in by_collection.items()}


_COMPILED = _compile(EDGE_RULES)


def _sorted_entities(system: EmergencySystem) -> Iterator[tuple[str, Entity]]:
    """(collection, object) in graph order: collections in table order, ids sorted within."""
    for name, _ in _ORDER:
        if name == "tiers":
            tiers = [t for scheme in system.tier_schemes for t in scheme.tiers]
            items: list[Entity] = sorted(tiers, key=_by_id)
        else:
            items = sorted(getattr(system, name), key=_by_id)
        for obj in items:
            yield name, obj


def _shadowed_schemes(system: EmergencySystem) -> set[int]:
    """``id()`` of each tier scheme that comes after a tier with the scheme's own id.

    Nodes go collection by collection, nested tiers after every scheme; in
    document order (:meth:`~emergencykit.model.EmergencySystem.entities`)
    each scheme's tiers come right after it, so such a tier is the first
    object with that id and keeps the node.
    """
    shadowed: set[int] = set()
    tier_ids: set[str] = set()
    for scheme in system.tier_schemes:
        if scheme.id in tier_ids:
            shadowed.add(id(scheme))
        tier_ids.update(t.id for t in scheme.tiers)
    return shadowed


def _by_id(obj: Entity) -> str:
    return obj.id


@attrs.frozen(eq=False)
class BuildNotes:
    """What :func:`to_graph` learnt while drawing the edges, for the rules to reuse.

    Kept on the graph (:func:`notes`) until its structure changes.
    ``system`` is the system drawn.  ``command_rows``: every node with an
    out-edge keyed *commands* or *dispatches* (what
    :func:`~emergencykit.graph.command_graphs` reads).  ``unsure``: the ids
    of the objects whose references the build did not find all well: an id
    no object has, an object of a kind the field may not name (as EK002 and
    EK003 judge them), or an object that lost its id to an earlier one (its
    edges are not drawn).  Every other object's references name objects of
    the kinds their fields allow.
    """

    system: EmergencySystem
    command_rows: frozenset[str]
    unsure: frozenset[str]


def notes(G: "nx.MultiDiGraph", system: EmergencySystem | None = None) -> BuildNotes | None:
    """The notes :func:`to_graph` kept on ``G``, if its structure is unchanged since.

    With ``system``, only notes on the drawing of that very system.
    """
    from emergencykit.graph import _fast

    found = _fast.recall(G)
    if not isinstance(found, BuildNotes) or (system is not None and found.system is not system):
        return None
    return found


@takes(system=EmergencySystem)
def to_graph(system: EmergencySystem) -> "_fast.RelationGraph":
    """The relation graph of a system: one node per object, one edge per reference.

    Parameters
    ----------
    system : EmergencySystem
        Any system that loads; dangling and duplicate ids are kept, not raised.

    Returns
    -------
    networkx.MultiDiGraph
        Node id = object id.  Node attributes: ``kind``, a
        :class:`~emergencykit.model.Kind` (``agency``, ``team``, ``plan`` …,
        ``tier`` for tiers nested in schemes, ``unresolved`` for an id that
        names no object), ``label_zh``, ``label_en`` (Chinese when no
        English name is known), ``level`` (the object's own
        :class:`~emergencykit.model.AdminLevel` or its jurisdiction's), the
        object's scalar fields (``jurisdiction``, ``domain``, ``tier``,
        ``sector``, ``headcount`` as a number, dates as dates; a field named
        ``kind`` becomes ``<node kind>_kind`` such as ``agency_kind``) and
        ``obj``, the object itself.  Unresolved nodes carry ``ref_from``, the
        sorted ids of the objects that name them.

        Edge key = the :class:`~emergencykit.model.Relation`; edge attribute
        ``field`` = the model field the edge comes from (``"relations"`` for
        the system's explicit links, several fields joined by ``", "`` when
        they give the same edge).  An edge from explicit links also carries
        ``note``: the distinct notes of the links with those ends and that
        relation, sorted and joined by ``"; "``.  The derivation table is
        :data:`EDGE_RULES`; ``docs/graph.md`` lists it.

        Graph attributes: ``id``, ``name_zh``, ``name_en``, ``root`` and
        ``duplicates`` — the ids of objects that lost their node to an earlier
        object with the same id, sorted.  The first in document order (the
        order of :meth:`~emergencykit.model.EmergencySystem.entities`) wins,
        so a node's ``obj`` is what ``system[id]`` returns; the edges of the
        losers are not drawn.

    Notes
    -----
    The graph does not depend on the order of the system's collections or of
    its explicit links: nodes are added collection by collection in
    :data:`COLLECTIONS <emergencykit.model.COLLECTIONS>` order with ids
    sorted within each, edges object by object in that order, then the links
    by (source, relation, target).  Any reordering gives the same nodes,
    edges, attributes and order, with one exception a user can see coming:
    where two objects share an id, which one is first decides the node, as it
    decides ``system[id]``.  The order *inside* an object (a jurisdiction's
    ``hazards``, a mandate's ``categories``) is part of that object: its
    out-edges follow it.

    The build is one pass with the cyclic garbage collector paused, linear in
    the size of the system (plus the sort).

    Examples
    --------
    >>> from emergencykit import (EmergencySystem, Jurisdiction, Agency, AgencyKind, Team,
    ...     ForceDomain, Label, AdminLevel, Relation)
    >>> from emergencykit.graph import to_graph
    >>> system = EmergencySystem(id="demo", name=Label(zh="示例"), root="cq",
    ...     jurisdictions=(Jurisdiction(id="cq", name=Label(zh="重庆市"),
    ...                                 level=AdminLevel.PROVINCIAL),),
    ...     agencies=(Agency(id="yjj", name=Label(zh="市应急管理局"),
    ...                      kind=AgencyKind.GOVERNMENT_DEPARTMENT, jurisdiction="cq"),),
    ...     teams=(Team(id="t1", name=Label(zh="市级专业总队"), domain=ForceDomain.ACCIDENT_DISASTER,
    ...                 commander="yjj", dispatcher="centre"),))
    >>> G = to_graph(system)
    >>> node = G.nodes["yjj"]
    >>> str(node["kind"]), node["label_zh"], str(node["level"]), str(node["agency_kind"])
    ('agency', '市应急管理局', 'provincial', 'government_department')
    >>> sorted((u, v, str(k)) for u, v, k in G.edges(keys=True))
    [('centre', 't1', 'dispatches'), ('yjj', 'cq', 'located_in'), ('yjj', 't1', 'commands')]
    >>> str(G.nodes["centre"]["kind"]), G.nodes["centre"]["ref_from"]
    ('unresolved', ['t1'])
    >>> G.edges["yjj", "t1", Relation.COMMANDS]["field"]
    'commander'
    """
    from emergencykit.graph import _fast

    levels: dict[str, AdminLevel] = {}
    for j in system.jurisdictions:
        levels.setdefault(j.id, j.level)
    with paused_gc():
        nodes: dict[str, dict[str, Any]] = {}
        owners: list[tuple[str, Entity]] = []
        duplicates: list[str] = []
        shadowed = _shadowed_schemes(system)
        for name, obj in _sorted_entities(system):
            if obj.id in nodes or (shadowed and id(obj) in shadowed):
                duplicates.append(obj.id)
                continue
            spec = _SPECS[Tier] if name == "tiers" else _SPECS[type(obj)]
            nodes[obj.id] = _node_attrs(obj, spec, levels)
            owners.append((name, obj))
        G = _fast.RelationGraph()
        G.graph.update(
            id=system.id,
            name_zh=system.name.get("zh"),
            name_en=system.name.get("en"),
            root=system.root,
            duplicates=sorted(duplicates),
        )
        command_rows, unsure = _fill(G, nodes, owners, system.relations)
        unsure.update(duplicates)
        _fast.remember(G, BuildNotes(system, frozenset(command_rows), frozenset(unsure)))
    return G


def _fill(
    G: "_fast.RelationGraph",
    nodes: dict[str, dict[str, Any]],
    owners: list[tuple[str, Entity]],
    links: tuple[Link, ...],
) -> tuple[set[str], set[str]]:
    """Fill an empty ``G`` with ``nodes`` and the edges derived from ``owners`` and ``links``.

    Builds the adjacency (``u → v → relation → data``) in plain dicts, in
    one pass and without ``add_edges_from``'s per-edge method calls and
    checks (a third of the time on large systems), and hands it to
    :func:`~emergencykit.graph._fast.fill`, which gives the graph the public
    API gives.  Ids that no object has become ``unresolved`` nodes after the
    others, in id order, added to ``nodes``.  Returns the notes of
    :class:`BuildNotes`: the nodes with command out-edges and the owners
    with a reference to an id that names nothing or an object of a kind the
    field does not allow.
    """
    from emergencykit.graph import _fast

    adjacency: dict[str, dict[str, _fast.ReadOnlyDict]] = {n: {} for n in nodes}
    missing: dict[str, set[str]] = {}
    shared = _SharedEdges()
    command_rows: set[str] = set()
    unsure: set[str] = set()

    def absent(ref: str, named_by: str) -> None:
        missing.setdefault(ref, set()).add(named_by)

    def edge(
        u: str, v: str, relation: Relation, field: str, command: bool, note: str | None = None
    ) -> None:
        """Draw edge (u, v, relation) from ``field``, or add ``field`` to it."""
        row = adjacency.get(u)
        if row is None:
            row = adjacency[u] = {}
        row[v] = shared.add(row.get(v), relation, field, note)
        if command:
            command_rows.add(u)

    # The key dict of a pair's first edge, per rule: the same for every pair.
    first = {
        name: tuple((rule, shared.add(None, rule.relation, rule.field)) for rule in rules)
        for name, rules in _COMPILED.items()
    }
    for name, obj in owners:
        oid = obj.id
        if name in _UNDRAWN:
            unsure.add(oid)
        for rule, start in first.get(name, ()):
            value = getattr(obj, rule.path[0])
            if value is None:
                continue
            field, relation, kinds = rule.field, rule.relation, rule.kinds
            if rule.simple and rule.out:
                # The commonest case by far (a plain id or a tuple of ids on
                # the owner, pointing out): no walk, no pairs, one owner row,
                # and edge() written out, since this runs millions of times.
                row = adjacency[oid]
                if value and rule.command:
                    command_rows.add(oid)
                for ref in (value,) if type(value) is str else value:
                    # Resolved once, for the rules too (EK002, EK003).
                    node = nodes.get(ref)
                    if node is None:
                        absent(ref, oid)
                        unsure.add(oid)
                    elif kinds is not None and node["kind"] not in kinds:
                        unsure.add(oid)
                    keys = row.get(ref)
                    row[ref] = start if keys is None else shared.add(keys, relation, field)
                continue
            if rule.simple:
                pairs: Any = ((value, oid),) if type(value) is str else ((v, oid) for v in value)
            else:
                pairs = _walk(value, rule.path[1:], rule.anchor, oid)
            for ref, anchor in pairs:
                node = nodes.get(ref)
                if node is None:
                    absent(ref, oid)
                    unsure.add(oid)
                elif kinds is not None and node["kind"] not in kinds:
                    unsure.add(oid)
                if rule.out:
                    u, v = oid, ref
                else:
                    u, v = ref, anchor
                    if v not in nodes:
                        absent(v, oid)
                edge(u, v, relation, field, rule.command)
    # Links with the same ends and relation give one edge, whatever their
    # order in the document: it keeps every distinct note, sorted.
    notes: dict[tuple[str, str, str], set[str]] = {}
    for link in links:
        found = notes.setdefault(_link_key(link), set())
        if link.note is not None:
            found.add(link.note)
    by_key = {_link_key(link): link for link in links}
    for key in sorted(notes):
        link = by_key[key]
        # A link has no owner object: who names a missing end is the other end.
        if link.source not in nodes:
            absent(link.source, link.target)
        if link.target not in nodes:
            absent(link.target, link.source)
        note = "; ".join(sorted(notes[key])) if notes[key] else None
        command = link.relation in COMMAND_RELATIONS
        edge(link.source, link.target, link.relation, "relations", command, note)
    for ref in sorted(missing):
        nodes[ref] = {
            "kind": UNRESOLVED,
            "label_zh": ref,
            "label_en": ref,
            "ref_from": sorted(missing[ref]),
        }
        # Rows in node order, so that edges go in as add_edges_from(G.edges) puts them.
        if ref in adjacency:
            adjacency[ref] = adjacency.pop(ref)
    _fast.fill(G, nodes, adjacency)
    return command_rows, unsure


class _SharedEdges:
    """The edge dicts of one build: one read-only key dict per distinct set of edges.

    A pair of nodes' key dict only ever grows by an edge or a field, so the
    dict after a step is a function of the dict before it and the step,
    remembered after its first use: a step costs one lookup, and no dict is
    made for the millions of pairs that share one.
    """

    def __init__(self) -> None:
        from emergencykit.graph import _fast

        self._interned = _fast.Interned()
        self._steps: dict[tuple[int, Relation, str, str | None], _fast.ReadOnlyDict] = {}

    def add(
        self,
        keys: "_fast.ReadOnlyDict | None",
        relation: Relation,
        field: str,
        note: str | None = None,
    ) -> "_fast.ReadOnlyDict":
        """``keys`` with edge ``relation`` drawn from ``field`` (and ``note``) added."""
        # Every dict this object returns stays alive in it: its id stands for it.
        step = (0 if keys is None else id(keys), relation, field, note)
        found = self._steps.get(step)
        if found is None:
            found = self._steps[step] = self._add(keys, relation, field, note)
        return found

    def _add(
        self, keys: "_fast.ReadOnlyDict | None", relation: Relation, field: str, note: str | None
    ) -> "_fast.ReadOnlyDict":
        keyed = {} if keys is None else dict(keys)
        data = keyed.get(relation)
        if data is None:
            items = {"field": field}
        else:
            items = dict(data)
            if field not in data["field"].split(", "):
                items["field"] = f"{data['field']}, {field}"
        if note is not None:
            items["note"] = note
        keyed[relation] = self._interned.data(items)
        return self._interned.keys(keyed)


def _link_key(link: Link) -> tuple[str, str, str]:
    return (link.source, link.relation.value, link.target)


@takes(system=EmergencySystem)
def relation_edges(
    system: EmergencySystem, relations: Iterable[Relation | str], *, ordered: bool = True
) -> list[tuple[str, str, Relation]]:
    """The edges of ``to_graph(system)`` with a key in ``relations``, without building the graph.

    Parameters
    ----------
    system : EmergencySystem
        Any system that loads.
    relations : iterable of Relation or str
        The edge keys wanted (:data:`~emergencykit.graph.COMMAND_RELATIONS`,
        say).
    ordered : bool, default True
        Whether to sort the edges.  A caller that only indexes them (into
        successor lists, say) can leave them in no particular order: at a
        million objects the sort costs more than the walk.

    Returns
    -------
    list of tuple
        ``(u, v, relation)``, sorted unless ``ordered`` is false, each once: the same edges
        :func:`to_graph` draws (derived from :data:`EDGE_RULES` and the
        system's explicit links, an object that shares an earlier object's
        id drawing none).

    Notes
    -----
    For a caller that needs a few relations of a large system (the command
    network of a what-if simulation): it walks only the fields that give
    those relations and builds no node attributes, so it costs a small part
    of a graph build.

    Examples
    --------
    >>> from emergencykit import EmergencySystem, Agency, AgencyKind, Label, Relation
    >>> from emergencykit.graph import relation_edges
    >>> gov = AgencyKind.GOVERNMENT
    >>> system = EmergencySystem(id="demo", name=Label(zh="示例"), agencies=(
    ...     Agency(id="gov", name=Label(zh="政府"), kind=gov),
    ...     Agency(id="yjj", name=Label(zh="应急管理局"), kind=gov, parent="gov")))
    >>> [(u, v, str(r)) for u, v, r in relation_edges(system, {Relation.COMMANDS})]
    [('gov', 'yjj', 'commands')]
    """
    keep = frozenset(Relation(r) for r in relations)
    wanted = {
        name: rules
        for name, all_rules in _COMPILED.items()
        if (rules := tuple(r for r in all_rules if r.relation in keep))
    }
    seen: set[str] = set()
    shadowed = _shadowed_schemes(system)
    # Each edge once, in the order the walk finds it (document order).
    edges: dict[tuple[str, str, Relation], None] = {}
    with paused_gc():
        # Document order: the first object with an id keeps it, as in to_graph.
        for name in COLLECTIONS:
            items: tuple[Entity, ...] = getattr(system, name)
            rules = wanted.get(name, ())
            if not rules:
                seen.update(obj.id for obj in items if not (shadowed and id(obj) in shadowed))
            else:
                # What each rule reads, out of its object: a million objects ask.
                steps = [(r.path[0], r.simple, r.out, r.relation, r) for r in rules]
                for obj in items:
                    oid = obj.id
                    if oid in seen or (shadowed and id(obj) in shadowed):
                        continue
                    seen.add(oid)
                    for field, simple, out, relation, rule in steps:
                        value = getattr(obj, field)
                        if value is None:
                            continue
                        if simple and type(value) is str:
                            edges[(oid, value, relation) if out else (value, oid, relation)] = None
                            continue
                        pairs: Any = (
                            ((v, oid) for v in value)
                            if simple
                            else _walk(value, rule.path[1:], rule.anchor, oid)
                        )
                        for ref, anchor in pairs:
                            edges[(oid, ref, relation) if out else (ref, anchor, relation)] = None
            if name == "tier_schemes":
                seen.update(t.id for scheme in system.tier_schemes for t in scheme.tiers)
    for link in system.relations:
        if link.relation in keep:
            edges[(link.source, link.target, link.relation)] = None
    return sorted(edges) if ordered else list(edges)
