"""Each function of graph/_fast.py gives what networkx's public API gives, in the same order."""

from typing import Any

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from emergencykit.datasets import synthetic
from emergencykit.graph import _fast, to_graph

NAMES = st.sampled_from("abcdefgh")
KEYS = st.sampled_from(["commands", "leads", "covers"])


@st.composite
def multigraph_parts(draw: st.DrawFn) -> tuple[dict[str, dict[str, Any]], list[Any]]:
    """Nodes with attributes and edges (u, v, key, data) between them, in drawn order."""
    names = draw(st.lists(NAMES, unique=True, min_size=1))
    nodes = {n: {"kind": draw(st.sampled_from(["team", "agency"]))} for n in names}
    ends = st.sampled_from(names)
    edges = draw(
        st.lists(
            st.tuples(ends, ends, KEYS, st.fixed_dictionaries({"field": st.text(max_size=2)})),
            unique_by=lambda e: e[:3],
        )
    )
    return nodes, edges


def _adjacency(edges: list[Any], multi: bool) -> dict[str, dict[str, Any]]:
    adjacency: dict[str, dict[str, Any]] = {}
    for u, v, k, d in edges:
        row = adjacency.setdefault(u, {})
        if multi:
            row.setdefault(v, {})[k] = d
        else:
            row.setdefault(v, d)
    return adjacency


def _same(got: nx.DiGraph, want: nx.DiGraph) -> None:
    assert nx.utils.graphs_equal(got, want)
    assert list(got.nodes(data=True)) == list(want.nodes(data=True))
    assert list(got.edges(data=True)) == list(want.edges(data=True))
    assert list(got.in_edges(data=True)) == list(want.in_edges(data=True))
    assert all(list(got.pred[n]) == list(want.pred[n]) for n in want)
    # Both directions share one data dict, as add_edge makes them.
    assert all(got._succ[u][v] is got._pred[v][u] for u, v in got.edges())
    assert list(got._succ) == list(got._pred) == list(got._node)


@given(multigraph_parts())
def test_fill_equals_add_nodes_and_edges_from_on_a_multidigraph(parts: Any) -> None:
    nodes, edges = parts
    adjacency = _adjacency(edges, multi=True)
    got = nx.MultiDiGraph()
    _fast.fill(got, nodes, adjacency)
    want = nx.MultiDiGraph()
    want.add_nodes_from(nodes.items())
    # The documented order: rows in their order, ends and keys in each row's.
    want.add_edges_from(
        (u, v, k, d)
        for u, row in adjacency.items()
        for v, keys in row.items()
        for k, d in keys.items()
    )
    _same(got, want)
    assert list(got.edges(keys=True, data=True)) == list(want.edges(keys=True, data=True))
    assert all(got.nodes[n] is nodes[n] for n in nodes)


@given(multigraph_parts())
def test_fill_equals_add_nodes_and_edges_from_on_a_digraph(parts: Any) -> None:
    nodes, edges = parts
    adjacency = _adjacency(edges, multi=False)
    got = nx.DiGraph()
    _fast.fill(got, nodes, adjacency)
    want = nx.DiGraph()
    want.add_nodes_from(nodes.items())
    want.add_edges_from((u, v, d) for u, row in adjacency.items() for v, d in row.items())
    _same(got, want)


@given(multigraph_parts(), st.sets(KEYS))
def test_edge_filtered_equals_the_public_api_and_shares_attributes(parts: Any, keep: Any) -> None:
    nodes, edges = parts
    G = nx.MultiDiGraph(name="g")
    G.add_nodes_from(nodes.items())
    G.add_edges_from(edges)
    got = _fast.edge_filtered(G, keep)
    want = nx.MultiDiGraph()
    want.graph.update(G.graph)
    want.add_nodes_from(G.nodes(data=True))
    want.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if k in keep)
    _same(got, want)
    assert list(got.edges(keys=True)) == list(want.edges(keys=True))
    assert got.graph == G.graph
    assert all(got.nodes[n] is G.nodes[n] for n in G)
    assert all(got.edges[e] is G.edges[e] for e in got.edges(keys=True))
    # A structure of its own: removing an edge does not show in G.
    if edges:
        u, v, k = next(iter(G.edges(keys=True)))
        got.add_edge(u, v, key=k)
        got.remove_edge(u, v, k)
        assert G.has_edge(u, v, k)


def test_to_graph_equals_the_public_api_build_in_every_order() -> None:
    # to_graph builds through fill(): the same nodes and edges through the
    # public API give an equal graph, node, edge and adjacency order included.
    fast = to_graph(synthetic(objects=800, seed=2))
    slow = nx.MultiDiGraph()
    slow.graph.update(fast.graph)
    slow.add_nodes_from(fast.nodes(data=True))
    slow.add_edges_from(fast.edges(keys=True, data=True))
    _same(fast, slow)
    assert list(fast.edges(keys=True)) == list(slow.edges(keys=True))


@given(multigraph_parts())
def test_keyed_digraphs_equal_the_public_api_build(parts: Any) -> None:
    nodes, edges = parts
    G = nx.MultiDiGraph()
    G.add_nodes_from(nodes.items())
    G.add_edges_from(edges)
    keys = {"commands", "leads"}
    got, got_sub = _fast.keyed_digraphs(G, keys, "commands")
    want, want_sub = nx.DiGraph(), nx.DiGraph()
    for u, v, k in G.edges(keys=True):
        if k in keys:
            want.add_edge(u, v, relations=frozenset(G[u][v]) & keys)
        if k == "commands":
            want_sub.add_edge(u, v)
    for g in (want, want_sub):
        for n, data in g.nodes(data=True):
            data["kind"] = G.nodes[n]["kind"]
    _same(got, want)
    _same(got_sub, want_sub)
