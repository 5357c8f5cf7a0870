"""The command network answers as networkx does on the same two digraphs.

:class:`~emergencykit.graph._network.CommandNetwork` answers the command
rules' questions itself where the structure is a hierarchy and leaves the
rest to networkx; on random command graphs, hierarchies or not, every
answer equals the networkx function's on the digraphs of the same network.
"""

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from emergencykit.graph import command_cycles, dependent_forces, span_of_control
from emergencykit.graph._network import CommandNetwork, _digraph
from emergencykit.model import Kind, Relation

_NODES = [f"n{i}" for i in range(9)]
_KINDS = [Kind.AGENCY, Kind.TEAM, Kind.FORCE_GROUP, Kind.PROTOCOL, Kind.UNRESOLVED, None]
_RELATIONS = [
    frozenset({Relation.COMMANDS}),
    frozenset({Relation.DISPATCHES}),
    frozenset({Relation.COMMANDS, Relation.DISPATCHES}),
]


def _network(kinds: dict[str, Kind | None], edges: list[tuple[str, str, int]]) -> CommandNetwork:
    """A network as ``CommandNetwork.of_system`` makes one: nodes in edge order, shared dicts."""
    nodes: dict[str, dict[str, object]] = {}
    sub_nodes: dict[str, dict[str, object]] = {}
    rows: dict[str, dict[str, object]] = {}
    sub_rows: dict[str, dict[str, object]] = {}
    for u, v, r in sorted({(u, v): (u, v, r) for u, v, r in edges}.values()):
        rel = _RELATIONS[r]
        for end in (u, v):
            nodes.setdefault(end, {"kind": kinds[end]})
        rows.setdefault(u, {})[v] = {"relations": rel}
        if Relation.COMMANDS in rel:
            for end in (u, v):
                sub_nodes.setdefault(end, nodes[end])
            sub_rows.setdefault(u, {})[v] = {}
    return CommandNetwork(
        _digraph(nodes, rows), _digraph(sub_nodes, sub_rows), rows=(rows, sub_rows)
    )


_kinds = st.fixed_dictionaries({n: st.sampled_from(_KINDS) for n in _NODES})
_edges = st.lists(
    st.tuples(st.sampled_from(_NODES), st.sampled_from(_NODES), st.integers(0, 2)), max_size=20
)


@st.composite
def _trees(draw: st.DrawFn) -> list[tuple[str, str, int]]:
    """A hierarchy: each node but the first under one earlier node, sometimes with extra edges."""
    order = draw(st.permutations(_NODES))
    edges = [
        (draw(st.sampled_from(order[:i])), order[i], draw(st.integers(0, 2)))
        for i in range(1, len(order))
    ]
    return edges + draw(
        st.lists(
            st.tuples(st.sampled_from(_NODES), st.sampled_from(_NODES), st.integers(0, 2)),
            max_size=2,
        )
    )


def _same_answers(net: CommandNetwork) -> None:
    g, h = net.digraphs()
    assert net.command_cycles() == command_cycles(h)
    assert net.span_of_control() == span_of_control(h)
    assert list(net.commands.nodes_with_selfloops()) == list(nx.nodes_with_selfloops(h))
    assert list(net.commands.in_degree()) == list(h.in_degree())
    assert net.commands.number_of_nodes() == h.number_of_nodes()
    for node in h:
        assert list(net.commands.predecessors(node)) == list(h.predecessors(node))
    for centre in g:
        assert net.descendants(centre) == nx.descendants(g, centre)
        assert net.dependent_forces(centre) == dependent_forces(g, centre)


@given(_kinds, _edges)
def test_the_network_answers_as_networkx_on_any_command_graph(
    kinds: dict[str, Kind | None], edges: list[tuple[str, str, int]]
) -> None:
    _same_answers(_network(kinds, edges))


@given(_kinds, _trees())
def test_the_network_answers_as_networkx_on_hierarchies(
    kinds: dict[str, Kind | None], edges: list[tuple[str, str, int]]
) -> None:
    net = _network(kinds, edges)
    _same_answers(net)


def test_a_hierarchy_is_answered_without_networkx_algorithms() -> None:
    # a → b → c, a → d: a tree under a; a cycle b ⇄ e elsewhere is no hierarchy.
    tree = _network(dict.fromkeys("abcd", Kind.TEAM), [("a", "b", 0), ("b", "c", 0), ("a", "d", 1)])
    assert tree._tree("a") == {"b": "a", "d": "a", "c": "b"}
    assert tree.command_cycles() == [] and tree._digraphs is None
    assert tree.dependent_forces("a") == {"b": 1}
    looped = _network(
        dict.fromkeys("abe", Kind.AGENCY), [("a", "b", 0), ("b", "e", 0), ("e", "b", 0)]
    )
    assert looped._tree("a") is None
    assert looped.command_cycles() == [["b", "e"]]
