"""The command network answers as networkx does on the same two digraphs.

:class:`~emergencykit.graph._network.CommandNetwork` answers the command
rules' questions itself where the structure is a hierarchy and leaves the
rest to networkx; on random command graphs, hierarchies or not, every
answer equals the networkx function's on the digraphs of the same network.
"""

import attrs
import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import emergencykit as ek
from emergencykit import rules
from emergencykit.graph import (
    command_centre,
    command_cycles,
    command_graphs,
    dependent_forces,
    span_of_control,
    to_graph,
)
from emergencykit.graph._analytics import command_network
from emergencykit.graph._network import CommandNetwork
from emergencykit.model import Kind, Relation
from emergencykit.strategies import DEFAULT_AS_OF, any_systems

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
    return CommandNetwork.of_rows(nodes, sub_nodes, rows, sub_rows)


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


def _same_answers(
    net: CommandNetwork, digraphs: tuple[nx.DiGraph, nx.DiGraph] | None = None
) -> None:
    g, h = net.digraphs() if digraphs is None else digraphs
    assert net.command_cycles() == command_cycles(h)
    assert net.span_of_control() == span_of_control(h)
    assert sorted(net.self_commanding()) == sorted(nx.nodes_with_selfloops(h))
    ups = {n: [u for u in h.predecessors(n) if u != n] for n in h}
    want = [(n, h.nodes[n]["kind"], ups[n]) for n in h if len(ups[n]) >= 2]
    assert list(net.superiors()) == want
    for centre in g:
        assert net.descendants(centre) == nx.descendants(g, centre)
        assert net.dependent_forces(centre) == dependent_forces(g, centre)
    assert list(net.commands.nodes_with_selfloops()) == list(nx.nodes_with_selfloops(h))
    assert list(net.commands.in_degree()) == list(h.in_degree())
    assert net.commands.number_of_nodes() == h.number_of_nodes()
    for node in h:
        assert list(net.commands.predecessors(node)) == list(h.predecessors(node))
        assert net.kind_of(node) == h.nodes[node]["kind"]


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
    # Breadth first from a; each node's superior by its index in the order.
    found = tree._tree("a")
    assert found is not None
    assert [tree._table.ids[i] for i in found[0]] == ["a", "b", "d", "c"]
    assert found[1] == [0, 0, 1]
    assert tree.command_cycles() == [] and tree._digraphs is None
    assert tree.dependent_forces("a") == {"b": 1}
    looped = _network(
        dict.fromkeys("abe", Kind.AGENCY), [("a", "b", 0), ("b", "e", 0), ("e", "b", 0)]
    )
    assert looped._tree("a") is None
    assert looped.command_cycles() == [["b", "e"]]


def _public_digraphs(G: nx.MultiDiGraph, centre: str | None) -> tuple[nx.DiGraph, nx.DiGraph]:
    """The two command digraphs of ``G`` built through networkx's public API, edge by edge."""
    g, h = nx.DiGraph(), nx.DiGraph()
    keys = {Relation.COMMANDS, Relation.DISPATCHES}
    for u, v, k in G.edges(keys=True):
        if k in keys:
            g.add_edge(u, v, relations=frozenset(G[u][v]) & keys)
        if k == Relation.COMMANDS:
            h.add_edge(u, v)
    if centre is not None and centre not in g:
        g.add_node(centre)
    for d in (g, h):
        for n, data in d.nodes(data=True):
            data["kind"] = G.nodes[n].get("kind") if n in G else None
    return g, h


@given(any_systems())
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_network_of_a_relation_graph_answers_as_networkx(system: ek.EmergencySystem) -> None:
    # Numbered in one pass over the graph's rows: the same answers as networkx
    # gives on the digraphs drawn edge by edge through its public API.
    G = to_graph(system)
    centre = command_centre(G)
    network = command_network(G, centre)
    g, h = _public_digraphs(G, centre)
    _same_answers(network, (g, h))
    for mine, theirs in zip(network.digraphs(), (g, h), strict=True):
        assert list(mine.nodes(data="kind")) == list(theirs.nodes(data="kind"))
        assert list(mine.edges(data=True)) == list(theirs.edges(data=True))
        assert list(mine.in_edges()) == list(theirs.in_edges())


# -- loose edges: references to ids that name nothing ------------------------------------------

_GONE = ["gone1", "gone2", "gone3"]


@st.composite
def _with_dangling(draw: st.DrawFn) -> ek.EmergencySystem:
    """Any system, with teams under ids that name nothing and links from and to such ids.

    Some dangling ids head an edge (a link's target) and so are no loose
    tails; some teams have a dangling commander and a second one by a link.
    """
    system = draw(any_systems())
    known = sorted({obj.id for _, obj in system.entities()})
    ends = st.sampled_from(_GONE + known) if known else st.sampled_from(_GONE)
    relation = st.sampled_from([Relation.COMMANDS, Relation.DISPATCHES])
    teams = tuple(
        ek.Team(
            id=f"loose{i}",
            name=ek.Label(zh=f"队{i}"),
            commander=draw(st.sampled_from([*_GONE, None])),
            dispatcher=draw(st.sampled_from([*_GONE, None])),
        )
        for i in range(draw(st.integers(0, 4)))
    )
    team_ids = [t.id for t in teams]
    targets = st.sampled_from(_GONE + known + team_ids) if team_ids or known else ends
    links = tuple(
        ek.Link(source=draw(ends), relation=draw(relation), target=draw(targets))
        for _ in range(draw(st.integers(0, 4)))
    )
    return attrs.evolve(system, teams=system.teams + teams, relations=system.relations + links)


@given(_with_dangling())
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_loose_edges_change_no_command_finding(system: ek.EmergencySystem) -> None:
    # From the system, the network sets the loose edges aside; from the relation
    # graph, it holds every edge: the command rules report the same.
    G = to_graph(system)
    config = rules.ValidationConfig(as_of=DEFAULT_AS_OF, select=("EK5",))
    assert rules.validate(system, config) == rules.validate(system, config, graph=G)
    # The digraphs hold the loose edges again, as command_graphs of the graph does.
    centre = command_centre(G)
    network = CommandNetwork.of_system(system, centre)
    for mine, theirs in zip(network.digraphs(), command_graphs(G, centre=centre), strict=True):
        assert dict(mine.nodes(data="kind")) == dict(theirs.nodes(data="kind"))
        assert {(u, v): d for u, v, d in mine.edges(data=True)} == {
            (u, v): d for u, v, d in theirs.edges(data=True)
        }
    # Nothing leads to a loose edge's tail, and it names nothing.
    heads = {v for _, v in network.digraphs()[0].edges()}
    for u, _, _ in network.loose():
        assert system.get(u) is None and u not in heads and u not in network.graph.nodes


def test_teams_under_ids_that_name_nothing_make_no_node() -> None:
    # t0 and t1 under commanders that name nothing; t1 also under an agency
    # by a link: two commanders, one of which names nothing (EK502).
    teams = tuple(
        ek.Team(id=f"t{i}", name=ek.Label(zh=f"队{i}"), commander=f"gone{i}") for i in range(3)
    )
    system = ek.EmergencySystem(
        id="x",
        name=ek.Label(zh="示例"),
        agencies=(
            ek.Agency(id="a", name=ek.Label(zh="局"), kind=ek.AgencyKind.GOVERNMENT_DEPARTMENT),
        ),
        teams=teams,
        relations=(ek.Link(source="a", relation=Relation.COMMANDS, target="t1"),),
    )
    network = CommandNetwork.of_system(system)
    assert list(network.commands.nodes) == ["a", "t1"]
    assert sorted(u for u, _, _ in network.loose()) == ["gone0", "gone1", "gone2"]
    assert list(network.superiors()) == [("t1", Kind.TEAM, ["a", "gone1"])]
    # The commands digraph of digraphs() has 2 + 3 + 2 nodes.
    assert network.has_command_nodes(7) and not network.has_command_nodes(8)
    assert network.digraphs()[1].number_of_nodes() == 7
    config = rules.ValidationConfig(as_of=DEFAULT_AS_OF, select=("EK502",))
    assert [f.subjects for f in rules.validate(system, config).findings] == [("t1", "a", "gone1")]
