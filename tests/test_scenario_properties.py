"""Properties of :func:`emergencykit.scenario.simulate` on every system ``systems()`` draws.

Incidents are drawn over the system's own event types and jurisdictions (by id
and, where one is set, by division code) and over names the system does not
know.  On each (and on any system that loads at all): the simulation never raises; every activated plan covers the
event type; deadlines along each reporting chain never run backwards; every
dispatched force is reachable in the command graph from its sender; taking a
party out never gives it a step; the same input gives the same timeline,
whatever the order of the system's collections.
"""

import datetime as dt
import random

import attrs
import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emergencykit.datasets import event_classification
from emergencykit.graph import command_graphs, dependent_forces, to_graph
from emergencykit.model import COLLECTIONS, EmergencySystem, EventType, PlanKind
from emergencykit.scenario import Incident, Phase, Timeline, simulate
from emergencykit.strategies import any_systems, systems

# Each example simulates several times on a whole system: a quarter of the
# profile's examples, as the whole-system properties of test_properties.py.
WHOLE = settings(
    max_examples=max(10, settings.default.max_examples // 4),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
START = dt.datetime(2024, 7, 1, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@st.composite
def cases(draw: st.DrawFn) -> tuple[EmergencySystem, Incident]:
    system = draw(systems())
    keys = [e.key for e in event_classification().entries]
    # Some event types are placed in the national classification, so that
    # plans may cover an incident through its ancestors.
    classified = tuple(
        attrs.evolve(e, classification=draw(st.none() | st.sampled_from(keys)))
        for e in system.event_types
    )
    system = attrs.evolve(system, event_types=classified)
    types = [e.id for e in system.event_types] + ["no-such-type"]
    types += [draw(st.sampled_from(keys))]
    places = [j.id for j in system.jurisdictions]
    places += [j.code for j in system.jurisdictions if j.code is not None]
    places.append("999999")
    incident = Incident(
        event_type=draw(st.sampled_from(types)),
        level=draw(st.sampled_from(["I", "II", "III", "IV"])),
        jurisdiction=draw(st.sampled_from(places)),
        start=START,
    )
    return system, incident


def covering_types(system: EmergencySystem, given: str) -> set[str]:
    """The system's event types a plan may list to cover ``given``: itself and,
    through the classification, the types of its entry and the entries above."""
    classification = event_classification()
    found = system.get(given)
    key = found.classification if isinstance(found, EventType) else given
    keys = {key, *classification.ancestors(key)} if classification.get(key or "") else set()
    return {given} | {e.id for e in system.event_types if e.classification in keys}


def parties(system: EmergencySystem) -> list[str]:
    return sorted(
        o.id
        for name in ("agencies", "command_bodies", "teams", "force_groups")
        for o in getattr(system, name)
    )


def shuffled(system: EmergencySystem, seed: int) -> EmergencySystem:
    rng = random.Random(seed)
    change = {}
    for name in [*COLLECTIONS, "relations"]:
        items = list(getattr(system, name))
        rng.shuffle(items)
        change[name] = tuple(items)
    return attrs.evolve(system, **change)


@WHOLE
@given(case=cases())
def test_simulate_is_total_and_every_activated_plan_covers_the_type(
    case: tuple[EmergencySystem, Incident],
) -> None:
    system, incident = case
    timeline = simulate(system, incident)
    assert isinstance(timeline, Timeline)
    covering = covering_types(system, incident.event_type)
    for step in timeline.phase(Phase.ACTIVATION):
        plan = system[step.subject]
        assert plan.kind is PlanKind.OVERALL or covering & set(plan.event_types)


@WHOLE
@given(system=any_systems(), data=st.data())
def test_simulate_is_total_on_any_system_that_loads(
    system: EmergencySystem, data: st.DataObject
) -> None:
    # Dangling ids, duplicates, parent cycles: a simulation still gives a timeline.
    ids = sorted({o.id for o in system}) or ["nothing"]
    keys = [e.key for e in event_classification().entries]
    incident = Incident(
        event_type=data.draw(st.sampled_from(ids + keys)),
        level=data.draw(st.sampled_from(["I", "II", "III", "IV"])),
        jurisdiction=data.draw(st.sampled_from(ids)),
        start=START,
    )
    out = data.draw(st.sets(st.sampled_from(ids), max_size=3))
    assert isinstance(simulate(system, incident, unavailable=out), Timeline)


@WHOLE
@given(case=cases())
def test_deadlines_along_each_reporting_chain_never_run_backwards(
    case: tuple[EmergencySystem, Incident],
) -> None:
    system, incident = case
    steps = [s for s in simulate(system, incident).phase(Phase.REPORTING) if s.offset is not None]
    for earlier in steps:
        for later in steps:
            if set(earlier.to) & set(later.responsible):
                assert later.offset is not None and earlier.offset is not None
                assert later.offset >= earlier.offset, (earlier, later)


def dispatch_graph(system: EmergencySystem) -> nx.DiGraph:
    """The command graph, plus an edge from each agency to the forces it forms
    that name nobody over them (EK301's reading: such a force answers to its
    agencies)."""
    graph, _ = command_graphs(to_graph(system))
    graph = nx.DiGraph(graph)
    for team in system.teams:
        if team.commander is None:
            graph.add_edges_from((a, team.id) for a in team.agency)
    for group in system.force_groups:
        if group.dispatcher is None:
            graph.add_edges_from((a, group.id) for a in group.agency)
    return graph


@WHOLE
@given(case=cases())
def test_every_dispatched_force_is_reachable_from_its_sender(
    case: tuple[EmergencySystem, Incident],
) -> None:
    system, incident = case
    timeline = simulate(system, incident)
    dispatched = timeline.phase(Phase.DISPATCH)
    if not dispatched:
        return
    graph = dispatch_graph(system)
    for step in dispatched:
        (sender,) = step.responsible
        assert sender in graph and step.subject in nx.descendants(graph, sender)
    assert [s.order for s in dispatched] == list(range(1, len(dispatched) + 1))


@WHOLE
@given(case=cases(), data=st.data())
def test_an_unavailable_party_gets_no_step(
    case: tuple[EmergencySystem, Incident], data: st.DataObject
) -> None:
    system, incident = case
    out = data.draw(st.sets(st.sampled_from(parties(system)), max_size=3))
    before = simulate(system, incident)
    after = simulate(system, incident, unavailable=out)
    assert after.unavailable == tuple(sorted(out))
    for oid in out:
        assert not [s for s in after.steps if oid in s.responsible]
        mentions = [s for s in after.steps if s.subject == oid]
        assert len(mentions) <= len([s for s in before.steps if s.subject == oid])
        assert not [s for s in after.phase(Phase.DISPATCH) if s.subject == oid]
    graph, _ = command_graphs(to_graph(system))
    # The single points of failure are those of the analytics, rooted at the
    # commander in charge (the first command step's, before the what-if).
    commands = [s for s in before.phase(Phase.COMMAND) if s.order == 1]
    reported = {f.subjects[0] for f in after.findings if f.code == "EK813"}
    if commands and commands[0].responsible:
        centre = commands[0].responsible[0]
        if centre not in graph:
            graph.add_node(centre)
        cut = dependent_forces(graph, centre)
        assert reported == {x for x in out if x in cut and x != centre}
    else:
        assert reported == set()
    dispatched = after.phase(Phase.DISPATCH)
    if dispatched:
        graph = dispatch_graph(system)
        graph.remove_nodes_from(out)
        for step in dispatched:
            (sender,) = step.responsible
            assert step.subject in nx.descendants(graph, sender)


@WHOLE
@given(case=cases(), seed=st.integers(0, 2**16))
def test_same_input_same_timeline_whatever_the_order(
    case: tuple[EmergencySystem, Incident], seed: int
) -> None:
    system, incident = case
    first = simulate(system, incident)
    assert simulate(system, incident) == first
    other = simulate(shuffled(system, seed), incident)
    assert other.steps == first.steps
    assert other.findings == first.findings
