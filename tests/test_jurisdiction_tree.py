"""JurisdictionTree: the one walker of the jurisdiction tree, safe on broken trees."""

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from emergencykit import AdminLevel, Jurisdiction, JurisdictionTree, Label, parent_cycles

IDS = st.sampled_from("abcdefg")


@st.composite
def jurisdiction_lists(draw: st.DrawFn) -> list[Jurisdiction]:
    """Jurisdictions with repeated ids, dangling parents, self-parents and cycles."""
    return [
        Jurisdiction(
            id=draw(IDS),
            name=Label(zh=str(i)),
            level=AdminLevel.COUNTY,
            parent=draw(st.none() | IDS | st.just("nowhere")),
        )
        for i in range(draw(st.integers(0, 10)))
    ]


def _first(items: list[Jurisdiction]) -> dict[str, Jurisdiction]:
    out: dict[str, Jurisdiction] = {}
    for j in items:
        out.setdefault(j.id, j)
    return out


def _reference_ancestors(first: dict[str, Jurisdiction], jid: str) -> list[str]:
    out: list[str] = []
    here = first.get(jid)
    while here is not None and here.parent is not None:
        if here.parent == jid or here.parent in out:
            break
        out.append(here.parent)
        here = first.get(here.parent)
    return out


@given(jurisdiction_lists())
def test_the_tree_walks_as_the_first_jurisdiction_of_each_id_says(items: Any) -> None:
    tree = JurisdictionTree(items)
    first = _first(items)
    assert list(tree) == list(first) and len(tree) == len(first)
    for jid, j in first.items():
        assert tree[jid] is j is tree.get(jid)
        ancestors = _reference_ancestors(first, jid)
        assert tree.ancestors(jid) == ancestors
        assert tree.depth(jid) == len(ancestors)
        assert tree.children(jid) == [k for k, c in first.items() if c.parent == jid]
        below = [k for k in first if k != jid and jid in _reference_ancestors(first, k)]
        assert tree.descendants(jid) == below
        assert all(tree.under(k, jid) == (k == jid or k in below) for k in first)
    assert tree.get(None) is None and tree.get("nowhere") is None
    assert tree.ancestors("nowhere") == [] and not tree.under(None, "a")


@given(jurisdiction_lists())
def test_cycles_are_the_loops_of_the_parent_function(items: Any) -> None:
    first = _first(items)
    cycles = JurisdictionTree(items).cycles()
    on_cycle = {jid for jid in first if jid in _reference_ancestors_with_self(first, jid)}
    assert sorted(n for c in cycles for n in c) == sorted(on_cycle)
    for cycle in cycles:
        # Each one is a cycle in walk order, starting at its first id in document order.
        assert [first[n].parent for n in cycle] == [*cycle[1:], cycle[0]]
        assert cycle[0] == min(cycle, key=list(first).index)


def _reference_ancestors_with_self(first: dict[str, Jurisdiction], jid: str) -> set[str]:
    seen: set[str] = set()
    here = first.get(jid)
    while here is not None and here.parent is not None and here.parent not in seen:
        seen.add(here.parent)
        here = first.get(here.parent)
    return seen


def test_parent_cycles_of_a_plain_mapping() -> None:
    assert parent_cycles({"a": "b", "b": "a", "c": "a", "d": None, "e": "e"}) == [["a", "b"], ["e"]]
    assert parent_cycles({"a": "x"}) == []


def _reference_parent_cycles(parents: dict[str, str | None]) -> list[list[str]]:
    """Each cycle once, walking from each id in order and keeping the ids met twice."""
    order = list(parents)
    found: list[list[str]] = []
    seen: set[str] = set()
    for start in order:
        walk: list[str] = []
        here: str | None = start
        while here is not None and here in parents and here not in walk and here not in seen:
            walk.append(here)
            here = parents[here]
        if here is not None and here in walk:
            cycle = walk[walk.index(here) :]
            first = cycle.index(min(cycle, key=order.index))
            found.append(cycle[first:] + cycle[:first])
        seen.update(walk)
    return found


@given(st.dictionaries(IDS, st.none() | IDS | st.just("nowhere")))
def test_parent_cycles_as_a_walk_from_each_id_in_order_finds_them(parents: Any) -> None:
    assert parent_cycles(parents) == _reference_parent_cycles(parents)
