"""The graph does not depend on the order of the system's collections or links.

The one order that counts is which of two objects with the same id comes
first: it decides the node, as it decides ``system[id]``.
"""

import random
from collections import Counter
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from emergencykit import (
    Agency,
    AgencyKind,
    EmergencySystem,
    Label,
    Link,
    Relation,
    Tier,
    TierScheme,
)
from emergencykit.datasets import chongqing_2022, synthetic
from emergencykit.graph import to_graph
from emergencykit.strategies import any_systems, systems

#: Every tuple field of the system: the collections, ``relations``, and the
#: ``sources`` and ``notes`` the graph does not read.
TUPLE_FIELDS = tuple(
    f.name for f in attrs.fields(EmergencySystem) if f.default == () and f.name != "id"
)


def _picture(G: nx.MultiDiGraph) -> tuple[Any, ...]:
    """Everything the graph shows, in its order."""
    return (
        G.graph,
        list(G.nodes(data=True)),
        list(G.edges(keys=True, data=True)),
        list(G.in_edges(keys=True, data=True)),
        [list(G.pred[n]) for n in G],
    )


def _duplicated(system: EmergencySystem) -> set[str]:
    counts = Counter(obj.id for _, obj in system.entities())
    return {i for i, n in counts.items() if n > 1}


def _reordered(system: EmergencySystem, draw: st.DrawFn) -> EmergencySystem:
    """Every tuple field permuted, except that objects with a duplicated id (or,
    for tier schemes, holding a tier with one) keep their relative order."""
    dup = _duplicated(system)

    def pinned(obj: Any) -> bool:
        if isinstance(obj, TierScheme) and any(t.id in dup for t in obj.tiers):
            return True
        return getattr(obj, "id", None) in dup

    changes = {}
    for name in TUPLE_FIELDS:
        items = list(getattr(system, name))
        order = draw(st.permutations(items))
        kept = iter([x for x in items if pinned(x)])
        changes[name] = tuple(next(kept) if pinned(x) else x for x in order)
    return attrs.evolve(system, **changes)


@given(any_systems(), st.data())
def test_reordering_any_system_keeps_its_graph(system: EmergencySystem, data: Any) -> None:
    other = _reordered(system, data.draw)
    assert all(other.get(i) is system.get(i) for i in _duplicated(system))
    G = to_graph(system)
    assert _picture(to_graph(other)) == _picture(G)
    # Each node is the object system[id] gives; the other ids are unresolved.
    assert all(G.nodes[i].get("obj") is system.get(i) for i in G)


@given(systems())
def test_reversing_a_valid_system_keeps_its_graph(system: EmergencySystem) -> None:
    reversed_ = attrs.evolve(system, **{n: getattr(system, n)[::-1] for n in TUPLE_FIELDS})
    assert _picture(to_graph(reversed_)) == _picture(to_graph(system))


@pytest.mark.parametrize(
    "make",
    [chongqing_2022, lambda: synthetic(objects=2_000, seed=7)],
    ids=["chongqing", "synthetic"],
)
def test_shuffling_the_shipped_systems_keeps_their_graphs(make: Any) -> None:
    system = make()
    rng = random.Random(3)
    changes = {}
    for name in TUPLE_FIELDS:
        items = list(getattr(system, name))
        rng.shuffle(items)
        changes[name] = tuple(items)
    assert _picture(to_graph(attrs.evolve(system, **changes))) == _picture(to_graph(system))


def _agency(id: str, zh: str) -> Agency:
    return Agency(id=id, name=Label(zh=zh), kind=AgencyKind.GOVERNMENT_DEPARTMENT)


def test_the_first_of_two_objects_with_one_id_keeps_the_node_as_system_get_does() -> None:
    a, b = _agency("x", "甲"), _agency("x", "乙")
    for first, second in ((a, b), (b, a)):
        system = EmergencySystem(id="s", name=Label(zh="s"), agencies=(first, second))
        G = to_graph(system)
        assert G.nodes["x"]["obj"] is first is system["x"]
        assert G.graph["duplicates"] == ["x"]


def test_a_tier_before_a_scheme_with_its_id_keeps_the_node() -> None:
    # In document order a scheme's tiers come right after it, so a tier of the
    # first scheme precedes a second scheme with the same id.
    tier = Tier(id="t", name=Label(zh="骨干"), rank=1)
    first = TierScheme(id="s1", name=Label(zh="方案一"), tiers=(tier,))
    second = TierScheme(id="t", name=Label(zh="方案二"))
    system = EmergencySystem(id="s", name=Label(zh="s"), tier_schemes=(first, second))
    G = to_graph(system)
    assert system["t"] is tier
    assert G.nodes["t"]["obj"] is tier
    assert G.nodes["t"]["kind"] == "tier"
    assert G.graph["duplicates"] == ["t"]
    # In the other order the scheme is first, and keeps the node.
    swapped = attrs.evolve(system, tier_schemes=(second, first))
    assert to_graph(swapped).nodes["t"]["obj"] is second is swapped["t"]


def test_repeated_links_keep_every_note_whatever_their_order() -> None:
    def link(note: str | None) -> Link:
        return Link(source="a", relation=Relation.COMMANDS, target="b", note=note)

    links = (link("乙"), link(None), link("甲"), link("乙"))
    notes = set()
    for order in (links, links[::-1]):
        G = to_graph(EmergencySystem(id="s", name=Label(zh="s"), relations=order))
        assert G.number_of_edges() == 1
        notes.add(G.edges["a", "b", Relation.COMMANDS]["note"])
    assert notes == {"乙; 甲"}
