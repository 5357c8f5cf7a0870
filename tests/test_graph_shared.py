"""Edges that share read-only attribute dicts give what a graph of plain dicts gives.

:func:`to_graph` lets every pair of nodes with the same relations and fields
share one key dict and one data dict per key (issue 14, point 3).  Here the
same system's analytics, exports and rule reports are compared on that graph
and on a graph of the same nodes and edges built through networkx's public
API, every dict its own (what ``to_graph`` built before): they must be equal.
The ``ci`` profile does it on the 100k-object synthetic system (the exports
on 10k: writing GraphML is slow), the default one on 10k (the exports on 1k).
"""

import copy
import datetime as dt
import os
import pickle
from typing import Any

import networkx as nx
import pytest

from emergencykit import rules
from emergencykit.datasets import synthetic
from emergencykit.graph import (
    FORMATS,
    PICTURES,
    RelationGraph,
    agency_centrality,
    chain_of_command,
    cohandling_network,
    cohandling_view,
    command_cycles,
    command_graphs,
    command_view,
    dependent_forces,
    export,
    reachable_forces,
    reporting_view,
    single_points_of_failure,
    span_of_control,
    to_graph,
)
from emergencykit.graph._build import notes
from emergencykit.graph._fast import ReadOnlyDict

CI = os.environ.get("HYPOTHESIS_PROFILE") == "ci"
SIZE = 100_000 if CI else 10_000
EXPORT_SIZE = 10_000 if CI else 1_000
CONFIG = rules.ValidationConfig(as_of=dt.date(2024, 1, 1))


@pytest.fixture(scope="module")
def system() -> Any:
    return synthetic(objects=SIZE, seed=7)


@pytest.fixture(scope="module")
def shared(system: Any) -> RelationGraph:
    return to_graph(system)


def _plain(shared: RelationGraph) -> nx.MultiDiGraph:
    """The same graph through the public API, every dict its own."""
    G = nx.MultiDiGraph()
    G.graph.update(shared.graph)
    G.add_nodes_from(shared.nodes(data=True))
    G.add_edges_from((u, v, k, dict(d)) for u, v, k, d in shared.edges(keys=True, data=True))
    return G


@pytest.fixture(scope="module")
def plain(shared: RelationGraph) -> nx.MultiDiGraph:
    return _plain(shared)


@pytest.fixture(scope="module")
def for_export() -> tuple[RelationGraph, nx.MultiDiGraph]:
    G = to_graph(synthetic(objects=EXPORT_SIZE, seed=7))
    return G, _plain(G)


def test_the_edges_share_few_read_only_dicts(shared: RelationGraph) -> None:
    keys = {id(k) for row in shared._succ.values() for k in row.values()}
    assert 0 < len(keys) < 1000 < shared.number_of_edges()
    assert all(type(d) is ReadOnlyDict for _, _, d in shared.edges(data=True))


def test_same_graph(shared: RelationGraph, plain: nx.MultiDiGraph) -> None:
    assert nx.utils.graphs_equal(shared, plain)
    assert list(shared.edges(keys=True, data=True)) == list(plain.edges(keys=True, data=True))
    assert list(shared.in_edges(keys=True, data=True)) == list(plain.in_edges(keys=True, data=True))


def _views(G: nx.MultiDiGraph) -> list[Any]:
    return [
        (list(H.nodes), list(H.edges(keys=True, data=True)))
        for H in (command_view(G), cohandling_view(G), reporting_view(G))
    ]


def _analytics(G: nx.MultiDiGraph) -> list[Any]:
    team = max(n for n, kind in G.nodes(data="kind") if kind == "team")
    g, commands = command_graphs(G)
    return [
        chain_of_command(G, team),
        single_points_of_failure(G),
        dependent_forces(G),
        span_of_control(G),
        command_cycles(G),
        agency_centrality(G, k=8, seed=0),
        nx.node_link_data(cohandling_network(G), edges="edges"),
        reachable_forces(G, "zx-cn", 3),
        (list(g.nodes(data=True)), list(g.edges(data=True))),
        (list(commands.nodes(data=True)), list(commands.edges(data=True))),
    ]


def test_views_and_analytics_are_the_same(shared: RelationGraph, plain: nx.MultiDiGraph) -> None:
    assert _views(shared) == _views(plain)
    assert _analytics(shared) == _analytics(plain)


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in PICTURES])
def test_exports_are_the_same(for_export: tuple[RelationGraph, nx.MultiDiGraph], fmt: str) -> None:
    shared, plain = for_export
    assert export(shared, fmt, view="all") == export(plain, fmt, view="all")
    assert export(shared, fmt, view="command") == export(plain, fmt, view="command")


def _json(report: Any) -> str:
    text: str = rules.render(report, "json", lang="zh", filename=None)
    return text


def test_rules_give_the_same_report(
    system: Any, shared: RelationGraph, plain: nx.MultiDiGraph
) -> None:
    # The shared graph's build notes spare the reference walk and the command
    # scan; the plain graph has none, and neither has validate's own graph at first.
    assert notes(shared, system) is not None and notes(plain) is None
    want = _json(rules.validate(system, CONFIG, graph=plain))
    assert _json(rules.validate(system, CONFIG, graph=shared)) == want
    assert _json(rules.validate(system, CONFIG)) == want


# -- the guard ------------------------------------------------------------------------------


def _small() -> RelationGraph:
    return to_graph(synthetic(objects=300, seed=1))


def test_writing_into_shared_edge_data_raises() -> None:
    G = _small()
    u, v, k = next(iter(G.edges(keys=True)))
    data = G.edges[u, v, k]
    before = sorted(data.items())
    for write in (
        lambda: data.__setitem__("x", 1),
        lambda: data.update(x=1),
        lambda: data.pop("field"),
        lambda: data.popitem(),
        lambda: data.setdefault("x", 1),
        lambda: data.clear(),
        lambda: data.__delitem__("field"),
        lambda: data.__ior__({"x": 1}),
        lambda: nx.set_edge_attributes(G, {(u, v, k): 1}, "x"),
        lambda: G._succ[u][v].__setitem__("other", {}),
    ):
        with pytest.raises(TypeError, match="read-only"):
            write()
    assert sorted(data.items()) == before


def test_changing_an_edge_copies_its_dicts_first() -> None:
    G = _small()
    keys = G._succ
    # Two pairs that share one key dict.
    seen: dict[int, tuple[str, str]] = {}
    for u, row in keys.items():
        for v, k in row.items():
            if id(k) in seen:
                a, b = seen[id(k)]
                break
            seen[id(k)] = (u, v)
        else:
            continue
        break
    key = next(iter(keys[u][v]))
    assert keys[u][v] is keys[a][b]
    G.add_edge(u, v, key, weight=2)
    G.add_edge(u, v, "extra")
    assert G.edges[u, v, key]["weight"] == 2 and G.has_edge(u, v, "extra")
    assert "weight" not in G.edges[a, b, key] and not G.has_edge(a, b, "extra")
    assert G._succ[u][v] is G._pred[v][u]
    G.remove_edge(a, b, key)
    assert G.has_edge(u, v, key) and not G.has_edge(a, b, key)
    # A changed graph keeps no build notes: the rules fall back to reading it whole.
    assert notes(G) is None


def test_copies_are_plain_and_pickles_stay_shared_and_read_only() -> None:
    G = _small()
    H = G.copy()
    assert all(type(d) is dict for _, _, d in H.edges(data=True))
    u, v, k = next(iter(H.edges(keys=True)))
    H.edges[u, v, k]["x"] = 1
    assert "x" not in G.edges[u, v, k]
    data = G.edges[u, v, k]
    assert type(copy.copy(data)) is dict and type(copy.deepcopy(data)) is dict
    assert type(data.copy()) is dict and data.copy() == data
    U = G.to_undirected()
    assert all(type(d) is dict for _, _, d in U.edges(data=True))
    back = pickle.loads(pickle.dumps(G))
    assert nx.utils.graphs_equal(back, G)
    rows = [k for row in back._succ.values() for k in row.values()]
    assert all(type(k) is ReadOnlyDict for k in rows)
    assert len({id(k) for k in rows}) < len(rows)


def test_views_share_the_key_dicts_and_copy_on_write() -> None:
    G = _small()
    H = command_view(G)
    assert isinstance(H, RelationGraph)
    u, v, k = next(iter(H.edges(keys=True)))
    H.add_edge(u, v, k, weight=1)
    H.remove_edge(u, v, k)
    assert G.has_edge(u, v, k) and "weight" not in G.edges[u, v, k]
