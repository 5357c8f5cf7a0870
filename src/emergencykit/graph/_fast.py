"""The one module that writes networkx's adjacency dicts directly, for speed.

networkx documents ``_node``, ``_succ`` (alias ``_adj``) and ``_pred`` for
subclasses.  Filling them in one pass skips ``add_edges_from``'s per-edge
method calls and checks, and reading them skips the view object the public
API wraps around every lookup: on a national system that is a third of the
graph build and most of a view's cost.  Every other module of the package
uses the public API or these functions.  Each function gives the graph the
public API gives (the same nodes, edges, attributes and order), which
``tests/test_graph_fast.py`` checks function by function.  Callers pause
the cyclic garbage collector around bulk work, as :func:`to_graph` does.
"""

import copy
from collections.abc import Collection, Mapping
from typing import Any, NoReturn

import networkx as nx

from emergencykit.graph._network import CommandTable

__all__ = [
    "Interned",
    "ReadOnlyDict",
    "RelationGraph",
    "edge_filtered",
    "fill",
    "keyed_digraphs",
    "keyed_table",
]

Adjacency = dict[Any, dict[Any, Any]]

_READ_ONLY = (
    "this edge's attribute dict is shared with other edges and read-only: change an edge "
    "with G.add_edge(u, v, key, name=value), which gives it dicts of its own first, or "
    "work on G.copy()"
)


class ReadOnlyDict(dict[Any, Any]):
    """A dict that refuses every change: the edge dicts many edges share.

    Reading is a dict's.  Writing raises ``TypeError``, so that changing one
    edge can never silently change the others that share the dict.  A copy
    (``.copy()``, :func:`copy.copy`, :func:`copy.deepcopy`) is a plain,
    writable ``dict``; a pickled one comes back read-only, and still shared.
    """

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError(_READ_ONLY)

    __setitem__ = __delitem__ = _refuse
    clear = pop = popitem = setdefault = update = __ior__ = _refuse

    def copy(self) -> dict[Any, Any]:
        return dict(self)

    def __copy__(self) -> dict[Any, Any]:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[Any, Any]:
        return copy.deepcopy(dict(self), memo)

    def __reduce__(self) -> tuple[Any, ...]:
        return (ReadOnlyDict, (dict(self),))


class Interned:
    """One :class:`ReadOnlyDict` per distinct content: edge data and key dicts to share.

    Data dicts are told apart by their items (values must be hashable), key
    dicts by their keys and the identity of their data dicts, which this
    object or the caller keeps alive while it is in use.
    """

    def __init__(self) -> None:
        self._data: dict[tuple[Any, ...], ReadOnlyDict] = {}
        self._keys: dict[tuple[Any, ...], ReadOnlyDict] = {}

    def data(self, items: Mapping[str, Any]) -> ReadOnlyDict:
        """The shared data dict with ``items``, in their order."""
        content = tuple(items.items())
        found = self._data.get(content)
        if found is None:
            found = self._data[content] = ReadOnlyDict(items)
        return found

    def keys(self, keyed: Mapping[Any, ReadOnlyDict]) -> ReadOnlyDict:
        """The shared key dict ``key → data dict`` of ``keyed``, in its order."""
        content = tuple((k, id(d)) for k, d in keyed.items())
        found = self._keys.get(content)
        if found is None:
            found = self._keys[content] = ReadOnlyDict(keyed)
        return found


class RelationGraph(nx.MultiDiGraph):  # type: ignore[misc]  # networkx has no type hints
    """A ``networkx.MultiDiGraph`` whose edges may share read-only attribute dicts.

    :func:`~emergencykit.graph.to_graph` gives every pair of nodes with the
    same relations and fields one shared dict of keys and one shared data
    dict per key (:class:`ReadOnlyDict`): on a national system of a million
    objects that is a gigabyte and more saved.  Everything that reads is
    networkx's own.  Changing the structure copies on write:
    :meth:`add_edge` and :meth:`remove_edge` (and so ``add_edges_from``,
    ``remove_edges_from``, ``update``) first give the pair of nodes dicts of
    its own, so no other edge changes.  Writing into a shared dict
    (``G.edges[u, v, k]["weight"] = 1``, ``nx.set_edge_attributes``) raises
    ``TypeError``: use ``add_edge(u, v, k, weight=1)``, or ``G.copy()``,
    whose dicts are all the copy's own.

    Examples
    --------
    >>> import networkx as nx
    >>> from emergencykit.datasets import synthetic
    >>> from emergencykit.graph import RelationGraph, to_graph
    >>> G = to_graph(synthetic(objects=300, seed=1))
    >>> isinstance(G, RelationGraph), isinstance(G, nx.MultiDiGraph)
    (True, True)
    >>> u, v, k = next(iter(G.edges(keys=True)))
    >>> G.edges[u, v, k]["weight"] = 2
    Traceback (most recent call last):
    ...
    TypeError: this edge's attribute dict is shared with other edges and read-only: ...
    >>> G.add_edge(u, v, k, weight=2) == k, G.edges[u, v, k]["weight"]
    (True, 2)
    """

    def _own(self, u: Any, v: Any) -> None:
        """Give the edges from ``u`` to ``v`` dicts of their own, when they share theirs."""
        row = self._succ.get(u)
        keys = None if row is None else row.get(v)
        if type(keys) is ReadOnlyDict:
            own = {k: dict(d) for k, d in keys.items()}
            row[v] = own
            self._pred[v][u] = own

    def add_edge(self, u_for_edge: Any, v_for_edge: Any, key: Any = None, **attr: Any) -> Any:
        """Add an edge as ``networkx.MultiDiGraph.add_edge`` does, copying shared dicts first."""
        self._own(u_for_edge, v_for_edge)
        return super().add_edge(u_for_edge, v_for_edge, key, **attr)

    def remove_edge(self, u: Any, v: Any, key: Any = None) -> None:
        """Remove an edge as ``networkx.MultiDiGraph.remove_edge`` does, copying shared dicts first."""
        self._own(u, v)
        super().remove_edge(u, v, key)


def fill(G: nx.DiGraph, nodes: Mapping[Any, dict[str, Any]], adjacency: Adjacency) -> None:
    """Fill the empty directed graph ``G`` with ``nodes`` and the edges of ``adjacency``.

    The result equals ``G.add_nodes_from(nodes.items())`` followed by
    ``G.add_edges_from`` of every edge in ``adjacency``'s order (rows in
    their order, then each row's ends in theirs): the same nodes, edges and
    attributes, and the same node, successor and predecessor order.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.MultiDiGraph
        An empty graph.
    nodes : mapping
        Node → its attribute dict, in node order.  The dicts become ``G``'s
        own (not copies), so nodes may share one read-only dict.
    adjacency : dict
        ``u → v → data`` for the edges, every end a key of ``nodes``; rows
        of nodes without out-edges may be missing.  ``data`` is the edge
        attribute dict of a ``DiGraph``, or the dict of keys to attribute
        dicts of a ``MultiDiGraph``.  The rows become ``G``'s own.
    """
    node, succ, pred = G._node, G._succ, G._pred
    node.update(nodes)
    for n in nodes:
        row = adjacency.get(n)
        succ[n] = {} if row is None else row
        pred[n] = {}
    # In the rows' order, as add_edges_from would meet the edges; both
    # directions share one data dict, as add_edge makes them.
    for u, row in adjacency.items():
        for v, data in row.items():
            pred[v][u] = data


def edge_filtered(G: nx.MultiDiGraph, keep: Collection[Any]) -> RelationGraph:
    """Every node of ``G`` and only its edges whose key is in ``keep``, as a graph of its own.

    Equals a new ``MultiDiGraph`` with ``G``'s graph attributes, its nodes
    and the kept edges added in ``G``'s order, except that node and edge
    attribute dicts are ``G``'s own, shared as ``G.subgraph`` shares them,
    and that a shared key dict of ``G`` (:class:`ReadOnlyDict`) is shared
    again, itself when every key is kept, else one filtered copy per
    distinct dict.  A :class:`RelationGraph`, so that changing its edges
    never changes ``G``'s.
    """
    H = RelationGraph()
    H.graph.update(G.graph)
    adjacency: Adjacency = {}
    interned = Interned()
    shared: dict[int, ReadOnlyDict | None] = {}
    for u, nbrs in G._succ.items():
        row = None
        for v, keys in nbrs.items():
            kept: dict[Any, Any] | None
            if type(keys) is ReadOnlyDict:
                # Alive as long as G: its identity stands for its content.
                try:
                    kept = shared[id(keys)]
                except KeyError:
                    kept = shared[id(keys)] = _filtered(keys, keep, interned)
            else:
                kept = {k: d for k, d in keys.items() if k in keep}
            if kept:
                if row is None:
                    row = adjacency[u] = {}
                row[v] = kept
    fill(H, G._node, adjacency)
    return H


def _filtered(keys: ReadOnlyDict, keep: Collection[Any], interned: Interned) -> ReadOnlyDict | None:
    kept = {k: d for k, d in keys.items() if k in keep}
    if len(kept) == len(keys):
        return keys
    return interned.keys(kept) if kept else None


#: Where this package keeps what it learnt building a graph, in networkx's own
#: cache of derived data, which every method that changes the graph empties.
_NOTES = "emergencykit"


def remember(G: nx.Graph, notes: Any) -> None:
    """Keep ``notes`` on ``G`` until its structure changes (kept nowhere where networkx
    does not forget them then: before networkx 3.3)."""
    cache = getattr(G, "__networkx_cache__", None)
    if cache is not None and hasattr(nx, "_clear_cache"):
        cache[_NOTES] = notes


def recall(G: nx.Graph) -> Any:
    """What :func:`remember` kept on ``G``, or ``None`` when ``G`` changed since."""
    cache = getattr(G, "__networkx_cache__", None)
    return None if not cache else cache.get(_NOTES)


def keyed_digraphs(
    G: nx.MultiDiGraph, keys: Collection[Any], key: Any, rows: Collection[Any] | None = None
) -> tuple[nx.DiGraph, nx.DiGraph]:
    """Two plain digraphs of ``G``'s edges: those with a key in ``keys``, and those with ``key``.

    The first has an edge ``(u, v)`` wherever ``G`` has one with a key in
    ``keys``, with attribute ``relations``, the frozenset of those keys
    between ``u`` and ``v``; the second has ``(u, v)`` wherever ``G`` has
    one keyed ``key``, with no attributes.  Nodes are the ends of the edges,
    with ``kind`` copied from ``G``, and come in the order
    ``add_edges_from`` gives them over ``G``'s edges.  Read-only: nodes of
    one kind share one attribute dict, and so do edges with the same
    relations, which keeps the graphs small on a national system.

    ``rows``, when given, holds every node with an out-edge keyed in
    ``keys`` (others do no harm): only their rows of the adjacency are read.
    """
    table = keyed_table(G, keys, key, rows)
    g, h = nx.DiGraph(), nx.DiGraph()
    fill(g, table.nodes(), table.rows())
    fill(h, table.sub_nodes(), table.sub_rows())
    return g, h


def keyed_table(
    G: nx.MultiDiGraph, keys: Collection[Any], key: Any, rows: Collection[Any] | None = None
) -> CommandTable:
    """The two digraphs of :func:`keyed_digraphs`, numbered, from one pass over ``G``.

    For readers that walk them by node number
    (:class:`~emergencykit.graph._network.CommandNetwork`) and draw the
    digraphs only if an algorithm needs them.  ``rows`` as for
    :func:`keyed_digraphs`.
    """
    wanted = frozenset(keys)
    kinds = G._node
    table = CommandTable()
    number = table.number
    tails, heads, datas = table.tails, table.heads, table.data
    sub_tails, sub_heads, sub_order = table.sub_tails, table.sub_heads, table.sub_order
    # Node number → whether it is a node of the second digraph yet.
    in_sub = bytearray()
    of_kind: dict[Any, dict[str, Any]] = {}
    of_relations: dict[frozenset[Any], dict[str, Any]] = {}
    # A shared key dict of G stands for its content: its edge data here, found once.
    shared: dict[int, tuple[dict[str, Any], bool] | None] = {}

    def keyed(found: Mapping[Any, Any]) -> tuple[dict[str, Any], bool] | None:
        # Most edges have none of the keys: test before building anything.
        if wanted.isdisjoint(found):
            return None
        rel = wanted.intersection(found)
        data = of_relations.get(rel)
        if data is None:
            data = of_relations[rel] = {"relations": rel}
        return data, key in found

    for u, nbrs in G._succ.items():
        if rows is not None and u not in rows:
            continue
        row: list[int] | None = None
        sub_row: list[int] | None = None
        row_data: list[Any] = []
        ui = 0
        for v, found in nbrs.items():
            if type(found) is ReadOnlyDict:
                try:
                    hit = shared[id(found)]
                except KeyError:
                    hit = shared[id(found)] = keyed(found)
            else:
                hit = keyed(found)
            if hit is None:
                continue
            data, keyed_key = hit
            # Ends numbered in the order add_edges_from meets them: u at its first edge, then v.
            if row is None:
                found_u = number.get(u)
                if found_u is None:
                    kind = kinds[u].get("kind")
                    found_u = table.add(
                        u, of_kind.get(kind) or of_kind.setdefault(kind, {"kind": kind})
                    )
                    in_sub.append(0)
                ui = found_u
                tails.append(ui)
                row, row_data = [], []
                heads.append(row)
                datas.append(row_data)
            vi = number.get(v)
            if vi is None:
                kind = kinds[v].get("kind")
                vi = table.add(v, of_kind.get(kind) or of_kind.setdefault(kind, {"kind": kind}))
                in_sub.append(0)
            row.append(vi)
            row_data.append(data)
            if keyed_key:
                if sub_row is None:
                    sub_tails.append(ui)
                    sub_row = []
                    sub_heads.append(sub_row)
                    if not in_sub[ui]:
                        in_sub[ui] = 1
                        sub_order.append(ui)
                if not in_sub[vi]:
                    in_sub[vi] = 1
                    sub_order.append(vi)
                sub_row.append(vi)
    return table
