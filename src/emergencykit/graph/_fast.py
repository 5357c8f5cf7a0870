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

from collections.abc import Collection, Mapping
from typing import Any

import networkx as nx

__all__ = ["edge_filtered", "fill", "keyed_digraphs"]

Adjacency = dict[Any, dict[Any, Any]]


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


def edge_filtered(G: nx.MultiDiGraph, keep: Collection[Any]) -> nx.MultiDiGraph:
    """Every node of ``G`` and only its edges whose key is in ``keep``, as a graph of its own.

    Equals a new ``MultiDiGraph`` with ``G``'s graph attributes, its nodes
    and the kept edges added in ``G``'s order, except that node and edge
    attribute dicts are ``G``'s own, shared as ``G.subgraph`` shares them.
    """
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    adjacency: Adjacency = {}
    for u, nbrs in G._succ.items():
        row = None
        for v, keys in nbrs.items():
            kept = {k: d for k, d in keys.items() if k in keep}
            if kept:
                if row is None:
                    row = adjacency[u] = {}
                row[v] = kept
    fill(H, G._node, adjacency)
    return H


def keyed_digraphs(
    G: nx.MultiDiGraph, keys: Collection[Any], key: Any
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
    """
    wanted = frozenset(keys)
    kinds = G._node
    nodes: dict[Any, dict[str, Any]] = {}
    sub_nodes: dict[Any, dict[str, Any]] = {}
    adjacency: Adjacency = {}
    sub_adjacency: Adjacency = {}
    of_kind: dict[Any, dict[str, Any]] = {}
    of_relations: dict[frozenset[Any], dict[str, Any]] = {}
    bare: dict[str, Any] = {}
    for u, nbrs in G._succ.items():
        for v, found in nbrs.items():
            # Most edges have none of the keys: test before building anything.
            if wanted.isdisjoint(found):
                continue
            rel = wanted.intersection(found)
            for end in (u, v):
                if end not in nodes:
                    kind = kinds[end].get("kind")
                    nodes[end] = of_kind.setdefault(kind, {"kind": kind})
            data = of_relations.get(rel)
            if data is None:
                data = of_relations[rel] = {"relations": rel}
            adjacency.setdefault(u, {})[v] = data
            if key in found:
                for end in (u, v):
                    if end not in sub_nodes:
                        sub_nodes[end] = nodes[end]
                sub_adjacency.setdefault(u, {})[v] = bare
    g, h = nx.DiGraph(), nx.DiGraph()
    fill(g, nodes, adjacency)
    fill(h, sub_nodes, sub_adjacency)
    return g, h
