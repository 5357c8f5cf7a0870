"""The context's shared views and the fast paths of the rules give what the plain ways give."""

import random

import networkx as nx
import pytest
import rules_helpers as h
from hypothesis import HealthCheck, given, settings

import emergencykit as ek
from emergencykit import rules
from emergencykit.datasets import chongqing_2022, synthetic
from emergencykit.datasets._builder import RandomChooser
from emergencykit.graph import COMMAND_RELATIONS, _fast, to_graph
from emergencykit.graph._build import notes
from emergencykit.rules._engine import Context
from emergencykit.strategies import MUTATIONS, Mutation, any_systems


def _broken() -> ek.EmergencySystem:
    """A base system with a command cycle, a self-command, two commanders, a dangling
    reference, a reference to the wrong kind and a duplicate id."""
    s = h.base()
    s = h.edit(s, "agencies", "gov", parent="centre")
    s = h.edit(s, "agencies", "xcb", parent="xcb")
    s = h.add(s, "relations", ek.Link(source="wjw", relation=ek.Relation.COMMANDS, target="t1"))
    s = h.edit(s, "teams", "t1", dispatcher="nowhere")
    return h.add(s, "teams", h.team("t9", "t1"), h.team("t1", "centre"))


SYSTEMS = {
    "broken": _broken,
    "chongqing": chongqing_2022,
    "synthetic": lambda: synthetic(objects=2_000, seed=3),
}


@pytest.mark.parametrize("name", sorted(SYSTEMS))
def test_a_given_graph_gives_the_same_report(name):
    system = SYSTEMS[name]()
    config = h.config()
    own = rules.validate(system, config)
    given = rules.validate(system, config, graph=to_graph(system))
    assert rules.render_json(given) == rules.render_json(own)
    assert own.findings or name == "synthetic"


def test_the_broken_system_breaks_what_it_should():
    found = set(h.codes(_broken()))
    assert {"EK001", "EK002", "EK003", "EK501", "EK502", "EK506"} <= found


def _reference_command_graph(ctx: Context) -> "nx.DiGraph[str]":
    """The command graph built with networkx's public API."""
    wanted = (ek.Relation.COMMANDS, ek.Relation.DISPATCHES)
    pairs: dict[tuple[str, str], set[ek.Relation]] = {}
    for u, v, key in ctx.graph.edges(keys=True):
        if key in wanted:
            pairs.setdefault((u, v), set()).add(key)
    g: nx.DiGraph[str] = nx.DiGraph()
    g.add_edges_from((u, v, {"relations": rel}) for (u, v), rel in pairs.items())
    if ctx.centre is not None:
        g.add_node(ctx.centre)
    for n, data in g.nodes(data=True):
        data["kind"] = ctx.graph.nodes[n].get("kind")
    return g


@pytest.mark.parametrize("name", sorted(SYSTEMS))
def test_the_command_graphs_equal_the_public_api_build(name):
    ctx = Context(SYSTEMS[name](), h.config())
    want = _reference_command_graph(ctx)
    got = ctx.command_graph
    assert list(got.nodes(data=True)) == list(want.nodes(data=True))
    assert list(got.edges(data="relations")) == list(want.edges(data="relations"))
    commands = [(u, v) for u, v, rel in want.edges(data="relations") if ek.Relation.COMMANDS in rel]
    assert sorted(ctx.commands.edges) == sorted(commands)
    assert all(ctx.commands.nodes[n]["kind"] == want.nodes[n]["kind"] for n in ctx.commands)


def _problems(system: ek.EmergencySystem, graph: "nx.MultiDiGraph[str] | None") -> list:
    """(owner, path, id named, field, kind named, collection number, index), sorted by path.

    A walk without a graph reads a collection a field at a time and keeps the
    references of a plain field that name nothing as columns; with one, it
    walks the objects the build was unsure of one by one.
    """
    from emergencykit.rules._ids import _find_problems

    ctx = Context(system, h.config(), graph)
    problems, columns = _find_problems(ctx)
    rows = [(o, path, ref, name, kind, g, i) for o, path, ref, name, _, kind, g, i in problems]
    for column in columns:
        for k, index in enumerate(column.indexes):
            rows.append((*column.problem(k), column.field, None, column.group, index))
    assert len({row[1] for row in rows}) == len(rows)
    return sorted(rows, key=lambda row: row[1])


@given(any_systems())
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_reference_walk_field_by_field_finds_what_the_object_walk_finds(
    system: ek.EmergencySystem,
) -> None:
    # With the graph, every object the build was unsure of is walked object by
    # object; without, each collection a field at a time: the same problems.
    assert _problems(system, to_graph(system)) == _problems(system, None)


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: f"{m.code}-{m.name}")
def test_the_build_notes_spare_the_reference_walk_nothing_it_reports(mutation: Mutation) -> None:
    # EK002 and EK003 walk only the objects the graph build was unsure of:
    # they find what the whole walk finds, whatever the defect.
    broken = mutation.apply(h.base(), RandomChooser(random.Random(0)))
    G = to_graph(broken)
    assert notes(G, broken) is not None
    assert _problems(broken, G) == _problems(broken, None)


def test_the_reference_walk_with_notes_on_the_broken_system() -> None:
    system = _broken()
    G = to_graph(system)
    found = _problems(system, G)
    assert found == _problems(system, None)
    assert {f[3] for f in found} >= {"dispatcher", "commander"}
    # Notes of another system, or of a changed graph, are not used.
    assert notes(G, h.base()) is None
    G.add_edge("a", "b", key=ek.Relation.COMMANDS)
    assert notes(G) is None


@pytest.mark.parametrize("name", sorted(SYSTEMS))
def test_command_graphs_read_only_the_noted_rows_and_give_the_same(name: str) -> None:
    G = to_graph(SYSTEMS[name]())
    known = notes(G)
    assert known is not None
    everyone = _fast.keyed_digraphs(G, COMMAND_RELATIONS, ek.Relation.COMMANDS)
    noted = _fast.keyed_digraphs(G, COMMAND_RELATIONS, ek.Relation.COMMANDS, known.command_rows)
    for got, want in zip(noted, everyone, strict=True):
        assert list(got.nodes(data=True)) == list(want.nodes(data=True))
        assert list(got.edges(data=True)) == list(want.edges(data=True))
        assert list(got.in_edges(data=True)) == list(want.in_edges(data=True))
    assert known.command_rows == {u for u, v in everyone[0].edges}


@pytest.mark.parametrize("name", sorted(SYSTEMS))
def test_path_of_gives_the_paths_table_s_path(name):
    system = SYSTEMS[name]()
    # An object listed twice keeps its last place, as in the table.
    system = h.add(system, "teams", system.teams[0])
    table = Context(system, h.config()).paths
    ctx = Context(system, h.config())
    tiers = [obj for path, obj in ctx.entities if ".tiers[" in path]
    for path, obj in ctx.entities:
        if ".tiers[" not in path:
            assert ctx.path_of(obj) == table[id(obj)]
    assert ctx.path_of(h.team("elsewhere", "centre")) is None
    assert "paths" not in ctx.__dict__  # without the table of every object
    for obj in tiers:  # nested: from the table
        assert ctx.path_of(obj) == table[id(obj)]
