"""The command analytics the EK5xx rules call: equal to plain networkx on any digraph."""

import random
from typing import Any

import networkx as nx
import pytest

from emergencykit import Relation
from emergencykit.datasets import chongqing_2022, synthetic
from emergencykit.graph import (
    FORCE_KINDS,
    UNIT_KINDS,
    command_cycles,
    command_graphs,
    dependent_forces,
    single_points_of_failure,
    span_of_control,
    to_graph,
)

C, D = Relation.COMMANDS, Relation.DISPATCHES


def _random_graphs(count: int) -> Any:
    """Relation graphs with random commands and dispatches edges, self-loops and kinds."""
    rng = random.Random(7)
    for seed in range(count):
        n = rng.randrange(1, 30)
        g = nx.gnp_random_graph(n, rng.random() * 0.25, seed=seed, directed=True)
        G = nx.MultiDiGraph()
        kinds = ["team", "agency", "force_group", "protocol"]
        G.add_nodes_from((f"n{i}", {"kind": rng.choice(kinds)}) for i in range(n))
        for u, v in g.edges:
            for key in rng.sample([C, D, Relation.LEADS], rng.randrange(1, 3)):
                G.add_edge(f"n{u}", f"n{v}", key=key)
        G.add_edges_from((f"n{i}", f"n{i}", C) for i in range(0, n, 4))
        yield G


def _public(G: nx.MultiDiGraph, keys: set[Relation]) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_edges_from((u, v) for u, v, k in G.edges(keys=True) if k in keys)
    return g


def test_command_graphs_equal_the_public_api_build() -> None:
    for G in [*_random_graphs(100), to_graph(chongqing_2022())]:
        g, commands = command_graphs(G)
        want, want_commands = _public(G, {C, D}), _public(G, {C})
        assert list(g.edges) == list(want.edges) and list(g) == list(want)
        assert list(commands.edges) == list(want_commands.edges)
        assert list(commands) == list(want_commands)
        for u, v, rel in g.edges(data="relations"):
            assert rel == {k for k in G[u][v] if k in (C, D)}
        assert all(g.nodes[n]["kind"] == G.nodes[n].get("kind") for n in g)


def test_command_graphs_add_the_centre_when_it_has_no_edge() -> None:
    G = nx.MultiDiGraph()
    G.add_node("c", kind="agency")
    G.add_edge("a", "b", key=C)
    g, commands = command_graphs(G, centre="c")
    assert list(g) == ["a", "b", "c"] and g.nodes["c"]["kind"] == "agency"
    assert "c" not in commands


def test_command_cycles_are_the_strongly_connected_groups() -> None:
    for G in _random_graphs(300):
        commands = _public(G, {C})
        want = sorted(sorted(c) for c in nx.strongly_connected_components(commands) if len(c) > 1)
        assert command_cycles(G) == want
        assert command_cycles(command_graphs(G)[1]) == want


def _reference_dependents(G: nx.MultiDiGraph, centre: str) -> dict[str, int]:
    """For each node, the forces that lose every path from the centre when it goes."""
    g = _public(G, {C, D})
    g.add_node(centre)
    reached = nx.descendants(g, centre)
    out: dict[str, int] = {}
    for x in sorted(reached):
        h = g.copy()
        h.remove_node(x)
        left = nx.descendants(h, centre)
        lost = [f for f in reached - {x} - left if G.nodes[f].get("kind") in FORCE_KINDS]
        if lost:
            out[x] = len(lost)
    return out


def test_dependent_forces_are_what_removing_each_node_cuts_off() -> None:
    for G in _random_graphs(150):
        centre = "n0"
        want = _reference_dependents(G, centre)
        assert dependent_forces(G, centre) == want
        g = command_graphs(G, centre=centre)[0]
        assert dependent_forces(g, centre) == want
        assert single_points_of_failure(G, centre) == list(want)


def test_dependent_forces_need_a_centre() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key=C)
    with pytest.raises(nx.NodeNotFound):
        dependent_forces(G)
    with pytest.raises(nx.NodeNotFound):
        dependent_forces(G, "nowhere")


def test_span_of_control_is_the_same_on_the_commands_graph() -> None:
    for G in [*_random_graphs(100), to_graph(synthetic(objects=1_000, seed=1))]:
        want = {}
        for u, v in _public(G, {C}).edges:
            if u != v and G.nodes[v].get("kind") in UNIT_KINDS:
                want[u] = want.get(u, 0) + 1
        assert span_of_control(G) == dict(sorted(want.items()))
        assert span_of_control(command_graphs(G)[1]) == span_of_control(G)
