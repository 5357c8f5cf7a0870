"""The synthetic national-shaped system: deterministic, sized, valid by construction."""

import datetime as dt

import pytest

from emergencykit import EmergencySystem, ForceDomain, Relation, graph
from emergencykit.datasets import synthetic


@pytest.fixture(scope="module")
def system() -> EmergencySystem:
    return synthetic(objects=2500, seed=7)


def test_same_arguments_same_system() -> None:
    assert synthetic(objects=1200, seed=3) == synthetic(objects=1200, seed=3)
    assert synthetic(objects=1200, seed=3) != synthetic(objects=1200, seed=4)


@pytest.mark.parametrize("n", [100, 104, 137, 500, 999, 4321, 20_000])
def test_size_is_within_five_percent(n: int) -> None:
    assert abs(len(synthetic(objects=n, seed=n)) - n) <= 0.05 * n


def test_bad_size_is_refused() -> None:
    with pytest.raises(ValueError, match="objects must be"):
        synthetic(objects=0)


def test_every_reference_resolves_and_ids_are_unique(system: EmergencySystem) -> None:
    G = graph.to_graph(system)
    assert G.graph["duplicates"] == []
    assert [n for n, kind in G.nodes(data="kind") if kind == graph.UNRESOLVED] == []
    assert G.number_of_nodes() == len(system)


def test_one_commander_per_team_and_distinct_ab_holders(system: EmergencySystem) -> None:
    G = graph.to_graph(system)
    for team in system.teams:
        commanders = [u for u, _, k in G.in_edges(team.id, keys=True) if k == Relation.COMMANDS]
        assert commanders == [team.commander]
        assert team.dispatcher is not None
        for post in team.posts:
            assert post.a is not None and post.b is not None and post.a != post.b
    units = ("agency", "team", "force_group", "command_body")
    for node, kind in G.nodes(data="kind"):
        if kind in units:
            bosses = {u for u, _, k in G.in_edges(node, keys=True) if k == Relation.COMMANDS}
            assert len(bosses) <= 1, node


def test_shape_is_national(system: EmergencySystem) -> None:
    levels = {j.level.value for j in system.jurisdictions}
    assert levels == {"national", "provincial", "county", "township"}
    counties = [j for j in system.jurisdictions if j.level.value == "county"]
    health = [t for t in system.teams if t.domain is ForceDomain.HEALTH]
    assert len(health) == 3 * len(counties)
    assert all(t.rapid_unit is not None for t in health)
    overall = {p.jurisdiction for p in system.plans if p.kind.value == "overall"}
    assert {j.id for j in system.jurisdictions if j.level.value != "township"} == overall


def test_dates_fall_before_as_of() -> None:
    as_of = dt.date(2030, 6, 30)
    system = synthetic(objects=600, seed=1, as_of=as_of)
    for plan in system.plans:
        assert plan.issued is not None and plan.issued.before(as_of)
        assert all(
            d.date.before(as_of) and as_of - d.date.earliest() < dt.timedelta(days=365)
            for d in plan.drills
        )
        assert all(r.date is not None and r.date.before(as_of) for r in plan.revisions)
    assert all(p.reply is not None and p.reply.date.before(as_of) for p in system.proposals)


def test_spans_below_the_province_are_three(system: EmergencySystem) -> None:
    spans = graph.span_of_control(graph.to_graph(system))
    bureaus = {a.id for a in system.agencies if a.id.startswith(("yjj-", "wjw-"))}
    townships = {a.id for a in system.agencies if a.id.startswith("gov-") and a.id.count("t") > 0}
    assert {spans[a] for a in bureaus | townships if a in spans} == {3}
