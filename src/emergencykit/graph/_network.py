"""The command network in plain lists: what the command rules read without networkx.

:func:`~emergencykit.graph.command_graphs` hands algorithms two networkx
digraphs; the rules of a ``check`` mostly ask simpler questions (who has
two commanders, who commands himself, how many subordinates each has) of a
command structure that is usually a hierarchy.  A :class:`CommandNetwork`
holds the same nodes, edges and order as those two digraphs, numbered in a
:class:`CommandTable` (lists indexed by node number: node → id, node →
attributes, each row's successors), and answers those questions from them;
the dicts a ``networkx.DiGraph`` keeps inside are drawn from the table only
when a digraph is asked for.  Where an
answer needs a graph algorithm it is networkx's (strongly connected
components, immediate dominators, descendants), run on the digraphs, which
are built (and networkx imported) then; the cases the network answers
itself are the trivial ones: nothing left after peeling the nodes without
superiors (no cycle), and a command structure below the centre that is a
tree (each node reached one way only, so its one superior is its
immediate dominator).  A test holds both answers equal on random graphs.

This module imports no networkx; nor do the modules it imports.
"""

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from emergencykit._gc import paused_gc
from emergencykit._guards import takes
from emergencykit.graph._build import (
    _SPECS,
    COMMAND_RELATIONS,
    UNRESOLVED,
    _node_attrs,
    relation_edges,
)
from emergencykit.model._common import AdminLevel, Agency, AgencyKind, Relation, Sector
from emergencykit.model._refs import Kind
from emergencykit.model._system import KIND_OF_CLASS, EmergencySystem

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "FORCE_KINDS",
    "UNIT_KINDS",
    "CommandNetwork",
    "CommandTable",
    "Digraph",
    "command_centre",
]

#: Node kinds that are rescue forces.
FORCE_KINDS = frozenset({Kind.TEAM, Kind.FORCE_GROUP})
#: Node kinds that hold a place in a command structure (what a span of control counts).
UNIT_KINDS = frozenset(
    {Kind.AGENCY, Kind.COMMAND_BODY, Kind.TEAM, Kind.FORCE_GROUP, Kind.PERSON, UNRESOLVED}
)

_Rows = dict[Any, dict[Any, Any]]
#: A command tree from a centre, as :meth:`CommandNetwork._tree` gives it.
_Tree = tuple[list[int], list[int]]
_Rowsview = Mapping[Any, Mapping[Any, Any]]


@takes(G=("networkx.MultiDiGraph", EmergencySystem))
def command_centre(G: "nx.MultiDiGraph | EmergencySystem") -> str | None:
    """The node analytics treat as the command centre, or ``None`` when there is none.

    Parameters
    ----------
    G : networkx.MultiDiGraph or EmergencySystem
        A graph from :func:`~emergencykit.graph.to_graph`, or the system
        itself: the same answer as for its graph, without building it.

    Returns
    -------
    str or None
        The first of, each time the smallest id, among the agencies of the
        system's root jurisdiction (graph attribute ``root``): a command
        centre (kind ``command_centre``) of the emergency-management sector;
        any emergency-management agency (the bureau); any command centre
        (the police's).  Failing those, the command centre at the highest
        administrative level anywhere.

    Examples
    --------
    ``G`` is the example command structure of :mod:`emergencykit.graph`:
    ``gov`` → ``yjj`` → ``centre`` → ``brigade`` → teams ``t1``, ``t2``, ``t3``,
    and ``centre`` also dispatches ``t3``.

    >>> command_centre(G)
    'centre'
    """
    if isinstance(G, EmergencySystem):
        return _best_centre(G.root, _agency_nodes(G))
    return _best_centre(G.graph.get("root"), G.nodes(data=True))


def _agency_nodes(system: EmergencySystem) -> Iterable[tuple[str, dict[str, Any]]]:
    """(id, node attributes) of the agencies :func:`to_graph` gives a node, as it gives them."""
    levels: dict[str, AdminLevel] = {}
    for j in system.jurisdictions:
        levels.setdefault(j.id, j.level)
    spec = _SPECS[Agency]
    return [(a.id, _node_attrs(a, spec, levels)) for a in system.agencies if system.get(a.id) is a]


def _best_centre(root: str | None, nodes: Iterable[tuple[str, dict[str, Any]]]) -> str | None:
    best: tuple[int, int, str] | None = None
    for node, data in nodes:
        if data.get("kind") != Kind.AGENCY:
            continue
        centre = data.get("agency_kind") == AgencyKind.COMMAND_CENTRE
        emergency = data.get("sector") == Sector.EMERGENCY_MANAGEMENT
        if data.get("jurisdiction") == root and root is not None:
            preference = 0 if centre and emergency else 1 if emergency else 2 if centre else None
        else:
            preference = 3 if centre else None
        if preference is None:
            continue
        level = data.get("level")
        rank = AdminLevel(level).rank if level is not None else len(AdminLevel)
        candidate = (preference, rank, node)
        if best is None or candidate < best:
            best = candidate
    return None if best is None else best[2]


# -- what the networkx functions and the network share ------------------------------------------


def entangled(succ: Mapping[Any, Mapping[Any, Any]], pred: Mapping[Any, Any]) -> list[Any]:
    """The nodes left after peeling, again and again, those with no superior but themselves.

    ``succ`` and ``pred`` are a digraph's successor and predecessor dicts.
    Every node on a cycle of two or more nodes is left, and so is every node
    below one; a hierarchy leaves nothing.  In node order.
    """
    waiting = {n: len(ups) - (n in ups) for n, ups in pred.items()}
    free = [n for n, count in waiting.items() if count == 0]
    while free:
        n = free.pop()
        for v in succ[n]:
            if v != n:
                waiting[v] -= 1
                if waiting[v] == 0:
                    free.append(v)
    return [n for n, count in waiting.items() if count]


def span_counts(
    nodes: Mapping[Any, Mapping[str, Any]] | Sequence[Mapping[str, Any]],
    edges: Iterable[tuple[Any, Any]],
) -> dict[Any, int]:
    """Supervisor → the number of units (:data:`UNIT_KINDS`) among its ``edges``' heads, sorted.

    ``nodes`` maps each node to its attributes (``kind``), or lists them by
    node number when the nodes are numbers; a self-loop is not counted.

    >>> nodes = {"c": {"kind": "command_body"}, "t": {"kind": "team"}, "p": {"kind": "protocol"}}
    >>> span_counts(nodes, [("c", "t"), ("c", "p"), ("c", "c"), ("t", "c")])
    {'c': 1, 't': 1}
    """
    counts: dict[Any, int] = {}
    units = UNIT_KINDS
    for u, v in edges:
        if u != v and nodes[v].get("kind") in units:
            counts[u] = counts.get(u, 0) + 1
    return dict(sorted(counts.items()))


def forces_below(
    idom: dict[Any, Any], centre: Any, nodes: Mapping[Any, Mapping[str, Any]]
) -> dict[Any, int]:
    """Each node of the dominator tree ``idom`` (node → immediate dominator, the centre
    left out) with the number of forces it dominates, for those with any; sorted by id.

    ``nodes`` maps each node to its attribute dict (``kind``).
    """
    children: dict[Any, list[Any]] = {}
    for node, up in idom.items():
        children.setdefault(up, []).append(node)
    order = [centre]
    for node in order:
        order.extend(children.get(node, ()))
    del order[0]
    below = dict.fromkeys(order, 0)
    below[centre] = 0
    forces = FORCE_KINDS
    for node in reversed(order):
        below[idom[node]] += below[node] + (nodes[node].get("kind") in forces)
    return {n: below[n] for n in sorted(n for n in idom if below[n])}


# -- the network -------------------------------------------------------------------------------


class Digraph:
    """A read-only digraph in the three dicts of a ``networkx.DiGraph``, with a few of its methods.

    ``nodes`` maps each node to its attribute dict, ``succ`` each node to
    its successors and ``pred`` each to its predecessors (both to the edge
    data), in node order.  The methods answer as the ``networkx.DiGraph``
    methods of the same names do.
    """

    __slots__ = ("nodes", "pred", "succ")

    def __init__(
        self, nodes: Mapping[Any, dict[str, Any]], succ: _Rowsview, pred: _Rowsview
    ) -> None:
        self.nodes = nodes
        self.succ = succ
        self.pred = pred

    def number_of_nodes(self) -> int:
        """How many nodes."""
        return len(self.nodes)

    def in_degree(self) -> Iterator[tuple[Any, int]]:
        """``(node, number of predecessors)`` in node order; a self-loop counts once."""
        return ((n, len(ups)) for n, ups in self.pred.items())

    def predecessors(self, node: Any) -> Iterator[Any]:
        """The predecessors of ``node``, in the order their edges were added."""
        return iter(self.pred[node])

    def successors(self, node: Any) -> Iterator[Any]:
        """The successors of ``node``, in the order their edges were added."""
        return iter(self.succ[node])

    def edges(self) -> Iterator[tuple[Any, Any]]:
        """``(u, v)`` for every edge, row by row."""
        return ((u, v) for u, row in self.succ.items() for v in row)

    def nodes_with_selfloops(self) -> Iterator[Any]:
        """The nodes with an edge to themselves, in node order."""
        return (n for n, row in self.succ.items() if n in row)


#: The successors or predecessors of every node that has none: read-only, so shared.
_NONE: Mapping[Any, Any] = MappingProxyType({})


def _digraph(nodes: Mapping[Any, dict[str, Any]], rows: _Rows) -> Digraph:
    """``nodes`` and the edges of ``rows`` (``u → v → data``), as :func:`._fast.fill` fills a digraph.

    The same successor and predecessor order: successors in node order,
    predecessors in the order of the rows.  The nodes without successors
    (or without predecessors) share one empty read-only mapping: a million
    teams under a million commanders make a million rows, not four.
    """
    pred: dict[Any, dict[Any, Any]] = {}
    for u, row in rows.items():
        for v, data in row.items():
            ups = pred.get(v)
            if ups is None:
                pred[v] = {u: data}
            else:
                ups[u] = data
    none = _NONE
    return Digraph(
        nodes,
        {n: rows.get(n, none) for n in nodes},
        {n: pred.get(n, none) for n in nodes},
    )


class CommandTable:
    """The two digraphs of a :class:`CommandNetwork` by node number: lists, where the rules walk them.

    Node ``i`` is the ``i``-th node of the first digraph: ``ids[i]``, with
    the attribute dict ``attrs[i]``; ``number`` maps each id back to ``i``.
    The first digraph's rows, in their order: node ``tails[r]`` to the nodes
    ``heads[r]``, with the edge data ``data[r]`` (one per head).  The second
    digraph's (only *commands* edges): ``sub_tails[r]`` to ``sub_heads[r]``,
    its nodes in their order ``sub_order``.  Only nodes with successors have
    a row.

    Lists indexed by node number rather than dicts keyed by id: a walk over
    them reads memory in about the order the table was written in, where a
    dict of a million ids is a lookup at a random place each time (on a
    national system, the cost per node then grows with the number of nodes).
    The dicts of :meth:`nodes` and :meth:`rows` are drawn from the table
    when a digraph is asked for.
    """

    __slots__ = (
        "attrs",
        "data",
        "heads",
        "ids",
        "number",
        "sub_heads",
        "sub_order",
        "sub_tails",
        "tails",
    )

    def __init__(self) -> None:
        self.ids: list[Any] = []
        self.attrs: list[dict[str, Any]] = []
        self.number: dict[Any, int] = {}
        self.tails: list[int] = []
        self.heads: list[list[int]] = []
        self.data: list[list[Any]] = []
        self.sub_tails: list[int] = []
        self.sub_heads: list[list[int]] = []
        self.sub_order: list[int] = []

    def add(self, node: Any, attrs: dict[str, Any]) -> int:
        """Number ``node`` (one not numbered yet), the next after every node numbered; its number."""
        i = self.number[node] = len(self.ids)
        self.ids.append(node)
        self.attrs.append(attrs)
        return i

    @classmethod
    def of_rows(
        cls,
        nodes: Mapping[Any, dict[str, Any]],
        sub_nodes: Iterable[Any],
        rows: _Rowsview,
        sub_rows: _Rowsview,
    ) -> "CommandTable":
        """The table of two digraphs given as dicts: ``nodes`` (node → attributes) and
        ``rows`` (``u → v → data``, rows of nodes with successors) for the first,
        ``sub_nodes`` (every one a node of the first) and ``sub_rows`` for the second."""
        table = cls()
        table.ids = ids = list(nodes)
        table.attrs = list(nodes.values())
        table.number = number = dict(zip(ids, range(len(ids)), strict=True))
        table.tails = [number[u] for u in rows]
        table.heads = [[number[v] for v in row] for row in rows.values()]
        table.data = [list(row.values()) for row in rows.values()]
        table.sub_tails = [number[u] for u in sub_rows]
        table.sub_heads = [[number[v] for v in row] for row in sub_rows.values()]
        table.sub_order = [number[n] for n in sub_nodes]
        return table

    def nodes(self) -> dict[Any, dict[str, Any]]:
        """The first digraph's nodes and their attributes, in node order."""
        return dict(zip(self.ids, self.attrs, strict=True))

    def sub_nodes(self) -> dict[Any, dict[str, Any]]:
        """The second digraph's nodes and their attributes, in its node order."""
        ids, attrs = self.ids, self.attrs
        return {ids[i]: attrs[i] for i in self.sub_order}

    def rows(self) -> _Rows:
        """The first digraph's rows, ``u → v → data``."""
        ids = self.ids
        return {
            ids[u]: dict(zip([ids[v] for v in heads], data, strict=True))
            for u, heads, data in zip(self.tails, self.heads, self.data, strict=True)
        }

    def sub_rows(self) -> _Rows:
        """The second digraph's rows, ``u → v → {}`` (one shared empty data dict)."""
        ids = self.ids
        bare: dict[str, Any] = {}
        return {
            ids[u]: dict.fromkeys([ids[v] for v in heads], bare)
            for u, heads in zip(self.sub_tails, self.sub_heads, strict=True)
        }

    def successors(self) -> list[list[int] | None]:
        """Node number → the numbers of its successors in the first digraph (``None``: none)."""
        succ: list[list[int] | None] = [None] * len(self.ids)
        for u, heads in zip(self.tails, self.heads, strict=True):
            succ[u] = heads
        return succ

    def cyclic(self) -> bool:
        """Whether the second digraph has a cycle of two or more nodes: whether
        :func:`entangled` leaves anything of it.

        Only nodes with successors lie on such a cycle, so only the rows are peeled.
        """
        n = len(self.ids)
        succ: list[list[int]] = [[]] * n
        # How many superiors each node of a row has among the rows (self-loops
        # aside); -1 for the nodes without a row.
        waiting = [-1] * n
        rows = list(zip(self.sub_tails, self.sub_heads, strict=True))
        for u, heads in rows:
            waiting[u] = 0
            succ[u] = heads
        for u, heads in rows:
            for v in heads:
                if v != u and waiting[v] >= 0:
                    waiting[v] += 1
        free = [u for u in self.sub_tails if waiting[u] == 0]
        left = len(rows) - len(free)
        while free:
            u = free.pop()
            for v in succ[u]:
                if v != u and waiting[v] > 0:
                    waiting[v] -= 1
                    if waiting[v] == 0:
                        free.append(v)
                        left -= 1
        return left > 0


class CommandNetwork:
    """The two graphs of :func:`~emergencykit.graph.command_graphs`, numbered in a :class:`CommandTable`.

    ``graph`` has every *commands* and *dispatches* edge (edge attribute
    ``relations``), and the centre; ``commands`` only the *commands* edges.
    :meth:`digraphs` gives them as networkx digraphs.
    """

    def __init__(self, table: CommandTable) -> None:
        self._table = table
        self._digraphs: tuple[nx.DiGraph, nx.DiGraph] | None = None
        # The two graphs in dicts, drawn from the table when first asked for.
        self._graph: Digraph | None = None
        self._commands: Digraph | None = None
        self._command_nodes: Mapping[Any, dict[str, Any]] | None = None
        self._trees: dict[Any, _Tree | None] = {}
        self._successors: list[list[int] | None] | None = None
        self._in_commands: bytearray | None = None
        self._loose: list[tuple[Any, Any, Relation]] = []
        # The edges, lookup and centre the whole digraphs are drawn from, when some are loose.
        self._whole: tuple[list[tuple[Any, Any, Relation]], Any, Any] | None = None
        self._core_digraphs: tuple[nx.DiGraph, nx.DiGraph] | None = None
        self._superiors: dict[Any, list[Any]] | None = None

    @property
    def graph(self) -> Digraph:
        """Every *commands* and *dispatches* edge, and the centre (read-only)."""
        if self._graph is None:
            self._graph = _digraph(self._table.nodes(), self._table.rows())
        return self._graph

    @property
    def commands(self) -> Digraph:
        """Only the *commands* edges (read-only)."""
        if self._commands is None:
            self._commands = _digraph(self.command_nodes, self._table.sub_rows())
        return self._commands

    @property
    def command_nodes(self) -> Mapping[Any, dict[str, Any]]:
        """The nodes of :attr:`commands` (node → attributes), without drawing its edges."""
        if self._command_nodes is None:
            self._command_nodes = self._table.sub_nodes()
        return self._command_nodes

    def kind_of(self, node: Any) -> Any:
        """The ``kind`` of ``node``, a node of :attr:`graph`."""
        table = self._table
        return table.attrs[table.number[node]].get("kind")

    def self_commanding(self) -> Iterator[Any]:
        """The nodes of :attr:`commands` with an edge to themselves, in the order of its rows."""
        table = self._table
        ids = table.ids
        return (
            ids[u] for u, heads in zip(table.sub_tails, table.sub_heads, strict=True) if u in heads
        )

    @classmethod
    def of_rows(
        cls,
        nodes: dict[Any, dict[str, Any]],
        sub_nodes: dict[Any, dict[str, Any]],
        adjacency: _Rows,
        sub_adjacency: _Rows,
    ) -> "CommandNetwork":
        """The network whose :meth:`digraphs` :func:`._fast.fill` fills with these nodes and rows.

        ``nodes`` and ``adjacency`` (``u → v → data``, only the rows of nodes
        with successors) for the first graph, ``sub_nodes`` and
        ``sub_adjacency`` for the second, as
        :meth:`CommandTable.nodes` and its kin give them; the
        digraphs are built only when an algorithm asks for them.
        """
        return cls(CommandTable.of_rows(nodes, sub_nodes, adjacency, sub_adjacency))

    @classmethod
    def of_system(cls, system: EmergencySystem, centre: str | None = None) -> "CommandNetwork":
        """The network of ``system``'s command edges (:func:`~emergencykit.graph.relation_edges`).

        :meth:`digraphs` gives the same nodes, kinds, edges and order as
        ``command_graphs(system, centre=centre)``, without networkx.
        :attr:`graph` and :attr:`commands` leave out the loose edges (see
        :meth:`loose`): their tails name nothing and nothing leads to them,
        so no cycle, chain or path from a centre passes through one.  A
        million teams whose commanders name nothing (EK002 reports each)
        then make no node, row or edge here.
        """
        get = system.get
        edges = relation_edges(system, COMMAND_RELATIONS, ordered=False)
        with paused_gc():
            kept, loose = _split(edges, system, centre)
            kept.sort()
            network = cls.of_rows(*_build_rows(kept, get, centre))
        if loose:
            network._loose = loose
            network._whole = (edges, get, centre)
        return network

    def loose(self) -> list[tuple[Any, Any, Relation]]:
        """The edges :attr:`graph` and :attr:`commands` leave out, as ``(u, v, relation)``.

        Their tails name nothing (EK002 reports the reference) and are not
        the head of any edge, nor the centre: each stands above its edges'
        heads and below nothing, so it lies on no cycle, no chain from the
        centre and no path that reaches it.  Only the counts of a node's
        superiors (:meth:`superiors`) and of the nodes (:meth:`has_command_nodes`)
        read them.  Empty for the network of a relation graph.
        """
        return self._loose

    def _is_command_node(self, node: Any) -> bool:
        """Whether ``node`` is a node of :attr:`commands`."""
        if self._in_commands is None:
            flags = bytearray(len(self._table.ids))
            for n in self._table.sub_order:
                flags[n] = 1
            self._in_commands = flags
        i = self._table.number.get(node)
        return i is not None and bool(self._in_commands[i])

    def superiors(self) -> Iterator[tuple[Any, Any, list[Any]]]:
        """``(node, kind, superiors)`` for each node with two or more superiors on *commands* edges.

        A node's own self-loop does not count; the tails of :meth:`loose`
        edges do.  The superiors in edge order; the nodes in the order of
        :attr:`commands`, then those only loose edges reach.
        """
        extra = self._loose_superiors()
        table = self._table
        # Each head's first superior, and all of them for the heads with two
        # or more, in the order of the edges; a node's own self-loop left out.
        first = [-1] * len(table.ids)
        several: dict[int, list[int]] = {}
        for u, heads in zip(table.sub_tails, table.sub_heads, strict=True):
            for v in heads:
                if v == u:
                    continue
                up = first[v]
                if up < 0:
                    first[v] = u
                else:  # the rows' tails are distinct: a second superior
                    found = several.get(v)
                    if found is None:
                        several[v] = [up, u]
                    else:
                        found.append(u)
        if not several and not extra:
            return
        ids, attrs = table.ids, table.attrs
        for i in table.sub_order:
            if i not in several and (not extra or ids[i] not in extra):
                continue
            more = extra.get(ids[i], ())
            found = several.get(i)
            ups = [first[i]] if found is None and first[i] >= 0 else found or []
            if len(ups) + len(more) >= 2:
                yield ids[i], attrs[i].get("kind"), [ids[u] for u in ups] + list(more)
        for node, more in extra.items():
            if len(more) >= 2 and not self._is_command_node(node):
                yield node, self._kind(node), list(more)

    def has_command_nodes(self, count: int) -> bool:
        """Whether the *commands* digraph of :meth:`digraphs` has ``count`` nodes or more."""
        order = self._table.sub_order
        if len(order) >= count or not self._loose:
            return len(order) >= count
        ids = self._table.ids
        seen = {ids[i] for i in order}
        commanding = Relation.COMMANDS
        for u, v, r in self._loose:
            if r is commanding:
                seen.add(u)
                seen.add(v)
                if len(seen) >= count:
                    return True
        return False

    def _loose_superiors(self) -> dict[Any, list[Any]]:
        """Head → the tails of its loose *commands* edges, for the heads :meth:`superiors` may need.

        Those in :attr:`commands`, and those with two or more loose superiors.
        """
        if self._superiors is None:
            commanding = Relation.COMMANDS
            loose = self._loose
            heads = [v for _, v, r in loose if r is commanding]
            distinct = set(heads)
            wanted = {v for v in distinct if self._is_command_node(v)}
            if len(distinct) < len(heads):
                wanted.update(v for v, n in Counter(heads).items() if n > 1)
            found: dict[Any, list[Any]] = {}
            if wanted:
                for u, v, r in loose:
                    if r is commanding and v in wanted:
                        found.setdefault(v, []).append(u)
            self._superiors = found
        return self._superiors

    def _kind(self, node: Any) -> Any:
        get = self._whole[1] if self._whole is not None else None
        owner = None if get is None else get(node)
        return UNRESOLVED if owner is None else KIND_OF_CLASS[type(owner)]

    def digraphs(self) -> "tuple[nx.DiGraph, nx.DiGraph]":
        """The two graphs as networkx digraphs (built on first use), loose edges included."""
        if self._digraphs is None:
            if self._whole is None:
                self._digraphs = self._drawn()
            else:
                edges, get, centre = self._whole
                with paused_gc():
                    nodes, sub_nodes, *rows = _build_rows(sorted(edges), get, centre)
                self._digraphs = self._filled(nodes, sub_nodes, rows)
        return self._digraphs

    def _core(self) -> "tuple[nx.DiGraph, nx.DiGraph]":
        """:attr:`graph` and :attr:`commands` as networkx digraphs, loose edges left out.

        What the algorithms run on: the loose edges change none of their answers.
        """
        if self._whole is None:
            return self.digraphs()
        if self._core_digraphs is None:
            self._core_digraphs = self._drawn()
        return self._core_digraphs

    def _drawn(self) -> "tuple[nx.DiGraph, nx.DiGraph]":
        """The table's two digraphs, as networkx digraphs."""
        table = self._table
        with paused_gc():
            rows = (table.rows(), table.sub_rows())
        return self._filled(table.nodes(), self.command_nodes, rows)

    @staticmethod
    def _filled(
        nodes: Mapping[Any, dict[str, Any]],
        sub_nodes: Mapping[Any, dict[str, Any]],
        rows: "tuple[_Rows, _Rows] | list[_Rows]",
    ) -> "tuple[nx.DiGraph, nx.DiGraph]":
        import networkx as nx

        from emergencykit.graph import _fast

        g, h = nx.DiGraph(), nx.DiGraph()
        with paused_gc():
            _fast.fill(g, nodes, rows[0])
            _fast.fill(h, sub_nodes, rows[1])
        return g, h

    def command_cycles(self) -> list[list[str]]:
        """:func:`~emergencykit.graph.command_cycles` of :attr:`commands`."""
        if not self._table.cyclic():
            return []
        from emergencykit.graph._analytics import command_cycles

        return command_cycles(self._core()[1])

    def span_of_control(self) -> dict[str, int]:
        """:func:`~emergencykit.graph.span_of_control` of :attr:`commands`."""
        # Counted on the numbered rows, then sorted by id.
        table = self._table
        edges = (
            (u, v) for u, heads in zip(table.sub_tails, table.sub_heads, strict=True) for v in heads
        )
        ids = table.ids
        return dict(sorted((ids[u], n) for u, n in span_counts(table.attrs, edges).items()))

    def descendants(self, centre: str) -> set[str]:
        """``networkx.descendants`` of ``centre`` in :attr:`graph`."""
        tree = self._tree(centre)
        if tree is not None:
            ids = self._table.ids
            return {ids[i] for i in tree[0][1:]}
        import networkx as nx

        found: set[str] = nx.descendants(self._core()[0], centre)
        return found

    def dependent_forces(self, centre: str) -> dict[str, int]:
        """:func:`~emergencykit.graph.dependent_forces` of :attr:`graph` from ``centre``."""
        tree = self._tree(centre)
        if tree is None:
            from emergencykit.graph._analytics import dependent_forces

            return dependent_forces(self._core()[0], centre)
        # As forces_below sums a dominator tree, on the tree's lists.
        order, superiors = tree
        table = self._table
        attrs, forces = table.attrs, FORCE_KINDS
        below = [0] * len(order)
        for k in range(len(order) - 1, 0, -1):
            below[superiors[k - 1]] += below[k] + (attrs[order[k]].get("kind") in forces)
        ids = table.ids
        return dict(sorted((ids[order[k]], n) for k, n in enumerate(below) if n and k))

    def _tree(self, centre: str) -> _Tree | None:
        """The nodes reached from ``centre``, when each is reached one way only.

        ``(order, superiors)``: the numbers of the centre and the nodes
        reached, in the order a breadth-first search meets them; for each but
        the centre, the index in ``order`` of its superior.  ``None`` when
        some node reached has two superiors among the nodes reached, or an
        edge leads back to the centre or to a node itself: then networkx
        answers.  In a tree a node's one superior is its immediate dominator.
        """
        if centre in self._trees:
            return self._trees[centre]
        table = self._table
        start = table.number.get(centre)
        if start is None:
            self._trees[centre] = None
            return None
        if self._successors is None:
            self._successors = table.successors()
        succ = self._successors
        seen = bytearray(len(table.ids))
        seen[start] = 1
        order = [start]
        superiors: list[int] = []
        tree: _Tree | None = (order, superiors)
        for i, u in enumerate(order):
            heads = succ[u]
            if heads is None:
                continue
            for v in heads:
                if seen[v]:
                    tree = None
                    break
                seen[v] = 1
                order.append(v)
                superiors.append(i)
            if tree is None:
                break
        self._trees[centre] = tree
        return tree


def _split(
    edges: list[tuple[str, str, Relation]], system: EmergencySystem, centre: str | None
) -> tuple[list[tuple[str, str, Relation]], list[tuple[str, str, Relation]]]:
    """``edges`` kept, and the loose ones (:meth:`CommandNetwork.loose`), each in their order."""
    known = system._index
    kept: list[tuple[str, str, Relation]] = []
    loose: list[tuple[str, str, Relation]] = []
    keep, set_aside = kept.append, loose.append
    # The ids that name nothing and head an edge: few, from explicit links.
    heads: set[str] = set()
    for edge in edges:
        u, v, _ = edge
        if v not in known:
            heads.add(v)
        if u in known or u == centre:
            keep(edge)
        else:
            set_aside(edge)
    if heads and loose:
        kept.extend(edge for edge in loose if edge[0] in heads)
        loose = [edge for edge in loose if edge[0] not in heads]
    return kept, loose


def _build_rows(
    edges: list[tuple[str, str, Relation]], get: Any, centre: str | None
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]], _Rows, _Rows]:
    """The nodes and rows of the two digraphs of the sorted ``edges``, and the centre.

    Nodes come as ``add_edges_from`` meets them, pair of nodes after pair
    of nodes; the centre last, when no edge has it.
    """
    commanding = Relation.COMMANDS
    nodes: dict[str, dict[str, Any]] = {}
    sub_nodes: dict[str, dict[str, Any]] = {}
    adjacency: _Rows = {}
    sub_adjacency: _Rows = {}
    # Nodes of one kind share one attribute dict.
    of_kind = {kind: {"kind": kind} for kind in Kind}
    of_class = {cls: of_kind[kind] for cls, kind in KIND_OF_CLASS.items()}
    unresolved = of_kind[UNRESOLVED]
    of_relations: dict[frozenset[Relation], dict[str, Any]] = {}
    bare: dict[str, Any] = {}

    def data(relations: frozenset[Relation]) -> dict[str, Any]:
        found = of_relations.get(relations)
        if found is None:
            found = of_relations[relations] = {"relations": relations}
        return found

    alone = {r: data(frozenset((r,))) for r in COMMAND_RELATIONS}
    row: dict[str, Any] = {}
    sub_row: dict[str, Any] | None = None
    last_u = last_v = None
    # Sorted: the edges leaving a node are next to each other, and so are
    # the relations between two nodes, commands first.
    for u, v, r in edges:
        if u != last_u:
            last_u, last_v, sub_row = u, None, None
            if u not in nodes:
                # The first object with the id keeps the node, as in to_graph.
                owner = get(u)
                nodes[u] = unresolved if owner is None else of_class[type(owner)]
            row = adjacency[u] = {}
        if v == last_v:
            # A second relation between the same two nodes.
            row[v] = data(row[v]["relations"] | {r})
        else:
            last_v = v
            if v not in nodes:
                owner = get(v)
                nodes[v] = unresolved if owner is None else of_class[type(owner)]
            row[v] = alone[r]
        if r is commanding:
            if sub_row is None:
                sub_row = sub_adjacency[u] = {}
                if u not in sub_nodes:
                    sub_nodes[u] = nodes[u]
            if v not in sub_nodes:
                sub_nodes[v] = nodes[v]
            sub_row[v] = bare
    if centre is not None and centre not in nodes:
        owner = get(centre)
        nodes[centre] = {"kind": None if owner is None else KIND_OF_CLASS[type(owner)]}
    return nodes, sub_nodes, adjacency, sub_adjacency
