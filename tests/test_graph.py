"""The relation graph: derivation table, unresolved ids, duplicates, determinism, analytics."""

import datetime as dt
import random
from pathlib import Path

import attrs
import networkx as nx
import pytest

from emergencykit import (
    AdminLevel,
    Agency,
    AgencyKind,
    Aspect,
    BodyKind,
    Cadence,
    CommandBody,
    Commitment,
    Contact,
    Count,
    CountUnit,
    DispatchMode,
    DispatchPolicy,
    Document,
    DocumentKind,
    Drill,
    DrillScope,
    DutyKind,
    EmergencySystem,
    Event,
    EventCategory,
    EventType,
    ExpertPanel,
    Facility,
    FacilityKind,
    ForceDomain,
    ForceGroup,
    Framework,
    Institution,
    Jurisdiction,
    Label,
    Link,
    Mandate,
    OpinionProtocol,
    OrganizationGroup,
    OrganizationKind,
    PanelKind,
    Part,
    Person,
    Plan,
    PlanKind,
    PlanSystem,
    Post,
    PressReleasePlan,
    Programme,
    Proposal,
    ProposalKind,
    Relation,
    Reply,
    ResponseCommand,
    ResponseLevel,
    Revision,
    RevisionProgress,
    Sector,
    Session,
    SocialOrganization,
    Team,
    TeamCategory,
    Tier,
    TierScheme,
    graph,
)
from emergencykit.datasets import synthetic
from emergencykit.errors import MissingExtraError
from emergencykit.graph import _build
from emergencykit.model import COLLECTIONS, Entity
from emergencykit.model._refs import nested_references

R = Relation
L = Label


def _agency(id: str, **kw: object) -> Agency:
    kw.setdefault("kind", AgencyKind.GOVERNMENT_DEPARTMENT)
    return Agency(id=id, name=L(zh=f"{id}名"), **kw)  # type: ignore[arg-type]


def kitchen_sink() -> EmergencySystem:
    """One object per collection, every reference field set (ids say what they are)."""
    return EmergencySystem(
        id="sink",
        name=L(zh="全字段", en="every field"),
        root="j",
        jurisdictions=(
            Jurisdiction(id="j", name=L(zh="市"), level=AdminLevel.PROVINCIAL),
            Jurisdiction(
                id="j2", name=L(zh="区"), level=AdminLevel.COUNTY, parent="j", hazards=("ev",)
            ),
        ),
        agencies=(
            _agency("gov", kind=AgencyKind.GOVERNMENT, jurisdiction="j", head="boss"),
            _agency("bureau", jurisdiction="j", parent="gov", sector=Sector.EMERGENCY_MANAGEMENT),
            _agency("health", jurisdiction="j2", sector=Sector.HEALTH),
        ),
        persons=(
            Person(id="boss", name=L(zh="局长"), agency="bureau"),
            Person(id="pa", name=L(zh="甲")),
            Person(id="pb", name=L(zh="乙")),
        ),
        event_types=(
            EventType(id="ev", name=L(zh="洪涝"), category=EventCategory.NATURAL_DISASTER),
        ),
        events=(Event(id="flood", name=L(zh="洪水"), event_type="ev", jurisdiction="j"),),
        documents=(
            Document(id="law", title=L(zh="法"), kind=DocumentKind.LAW),
            Document(
                id="doc",
                title=L(zh="办法"),
                kind=DocumentKind.MEASURES,
                jurisdiction="j",
                issuers=("gov",),
                based_on=("law",),
            ),
        ),
        plans=(
            Plan(id="top", title=L(zh="总体预案"), kind=PlanKind.OVERALL),
            Plan(
                id="plan",
                title=L(zh="专项预案"),
                kind=PlanKind.SPECIAL,
                jurisdiction="j",
                issuer="gov",
                lead="bureau",
                members=("health",),
                parent="top",
                event_types=("ev",),
                response=(ResponseCommand(level=ResponseLevel.LEVEL_1, commander="hq"),),
                drills=(
                    Drill(date=dt.date(2023, 5, 1), scope=DrillScope.SPECIAL, organiser="health"),
                ),
                filed_with="gov",
                revisions=(Revision(events=("flood",)),),
                events=("flood",),
            ),
        ),
        plan_systems=(
            PlanSystem(
                id="ps",
                name=L(zh="预案体系"),
                jurisdiction="j",
                plans=("plan",),
                documents=("doc",),
                progress=(RevisionProgress(scope=L(zh="专项"), responsible_agencies=("bureau",)),),
            ),
        ),
        frameworks=(Framework(id="fw", name=L(zh="3+8"), jurisdiction="j", aspects=("aspect",)),),
        aspects=(Aspect(id="aspect", name=L(zh="监测预警"), institutions=("inst",)),),
        institutions=(Institution(id="inst", name=L(zh="排查监测"), owner="bureau"),),
        dispatch_modes=(DispatchMode(id="mode", name=L(zh="每日点名"), cadence=Cadence.DAILY),),
        dispatch_policies=(
            DispatchPolicy(
                id="dp",
                name=L(zh="统一调度"),
                jurisdiction="j",
                dispatcher="centre",
                modes=("mode",),
                document="doc",
            ),
        ),
        command_bodies=(
            CommandBody(
                id="hq",
                name=L(zh="指挥部"),
                kind=BodyKind.HEADQUARTERS,
                jurisdiction="j",
                host="gov",
                lead="boss",
                office="bureau",
                members=("health",),
            ),
        ),
        expert_panels=(
            ExpertPanel(
                id="panel",
                name=L(zh="专家库"),
                kind=PanelKind.EXPERT_POOL,
                jurisdiction="j",
                convener="bureau",
                contributors=("health",),
            ),
        ),
        tier_schemes=(
            TierScheme(
                id="scheme", name=L(zh="分层"), tiers=(Tier(id="tier", rank=1, name=L(zh="骨干")),)
            ),
        ),
        team_categories=(TeamCategory(id="cat", name=L(zh="医学救援")),),
        teams=(
            Team(
                id="team",
                name=L(zh="救援队"),
                domain=ForceDomain.HEALTH,
                tier="tier",
                category="cat",
                jurisdiction="j2",
                agency="health",
                commander="health",
                dispatcher="centre",
                posts=(
                    Post(title=L(zh="队长"), a="pa", b="pb"),
                    Post(title=L(zh="副队长"), b="boss"),
                ),
                base="fac",
            ),
        ),
        force_groups=(
            ForceGroup(
                id="fg",
                name=L(zh="区县卫生应急队伍"),
                domain=ForceDomain.HEALTH,
                tier="tier",
                category="cat",
                jurisdiction="j",
                agency="health",
                dispatcher="centre",
                teams=Count(value=3, unit=CountUnit.TEAMS),
                members=("team",),
                parts=(
                    Part(
                        count=Count(value=3, unit=CountUnit.TEAMS),
                        category="cat",
                        jurisdiction="j2",
                    ),
                ),
            ),
        ),
        mandates=(
            Mandate(
                id="mandate",
                name=L(zh="每区县3支"),
                jurisdiction="j",
                level=AdminLevel.COUNTY,
                domain=ForceDomain.HEALTH,
                categories=("cat",),
            ),
        ),
        facilities=(
            Facility(
                id="fac",
                name=L(zh="救援中心"),
                kind=FacilityKind.REGIONAL_RESCUE_CENTRE,
                jurisdiction="j",
                operator="bureau",
                covers=("j2",),
            ),
        ),
        protocols=(
            OpinionProtocol(
                id="op",
                name=L(zh="舆论引导"),
                jurisdiction="j",
                lead="publicity",
                first_report_to=("publicity",),
                also_report_to=("gov",),
                instruction_sources=("publicity",),
                press_release=PressReleasePlan(
                    decided_by="gov", department="bureau", spokesperson="boss"
                ),
            ),
        ),
        organisations=(
            SocialOrganization(
                id="org",
                name=L(zh="救援协会"),
                kind=OrganizationKind.EMERGENCY_RESCUE,
                jurisdiction="j",
                registrar="gov",
                supervisor="bureau",
            ),
        ),
        organisation_groups=(
            OrganizationGroup(
                id="og",
                name=L(zh="慈善组织"),
                kind=OrganizationKind.CHARITY,
                count=Count(value=133, unit=CountUnit.ORGANISATIONS),
                jurisdiction="j",
                registrar="gov",
                supervisor="health",
                members=("org",),
            ),
        ),
        programmes=(
            Programme(
                id="prog",
                name=L(zh="五进"),
                kind=DutyKind.OUTREACH,
                jurisdiction="j",
                lead="bureau",
            ),
        ),
        proposals=(
            Proposal(
                id="prop",
                kind=ProposalKind.CPPCC_PROPOSAL,
                number="0716",
                session=Session(level=AdminLevel.PROVINCIAL, term=5, meeting=5),
                title=L(zh="提案"),
                jurisdiction="j",
                proposers=("pa",),
                lead_handler="bureau",
                co_handlers=("health",),
                reply=Reply(
                    date=dt.date(2022, 5, 11),
                    signer="boss",
                    sender="bureau",
                    contact=Contact(person="pb"),
                ),
            ),
        ),
        commitments=(
            Commitment(
                id="c1",
                proposal="prop",
                text=L(zh="承诺"),
                responsible="bureau",
                supporting=("health",),
                events=("flood",),
            ),
        ),
        relations=(Link(source="bureau", relation=R.SUPERVISES, target="org", note="指导"),),
    )


def _ends(system: EmergencySystem, rule: graph.EdgeRule) -> list[tuple[str, str]]:
    """The edges one row of the table asks of ``system``, read from the objects themselves."""
    found: list[tuple[str, str]] = []
    *walk, last = rule.field.split(".")
    for owner in getattr(system, rule.collection):
        items = [(owner, owner.id)]
        for name in walk:
            items = [
                (inner, end) for item, end in items for inner in _as_tuple(getattr(item, name))
            ]
        for item, end in items:
            if rule.anchor is not None and getattr(item, rule.anchor) is not None:
                end = getattr(item, rule.anchor)
            for ref in _as_tuple(getattr(item, last)):
                found.append((owner.id, ref) if rule.direction == "out" else (ref, end))
    return found


def _as_tuple(value: object) -> tuple[object, ...]:
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


#: Hand-written rows: the edge a field gives, whatever the table says.
SPOT_CHECKS = [
    ("j2", "j", R.LOCATED_IN, "parent"),
    ("gov", "bureau", R.COMMANDS, "parent"),
    ("hq", "plan", R.ACTIVATES, "response.commander"),
    ("health", "plan", R.ACTIVATES, "drills.organiser"),
    ("tier", "scheme", R.MEMBER_OF, "tiers.id"),
    ("pb", "pa", R.BACKS_UP, "posts.b"),
    ("fg", "cat", R.COVERS, "parts.category"),
    ("pb", "prop", R.MEMBER_OF, "reply.contact.person"),
    ("c1", "prop", R.MEMBER_OF, "proposal"),
]


@pytest.fixture(scope="module")
def sink() -> nx.MultiDiGraph:
    return graph.to_graph(kitchen_sink())


def test_the_table_is_derived_from_the_reference_declarations() -> None:
    # Every declared relation is a row, and nothing else is.
    declared = [
        (name, path, ref.relation)
        for name, (cls, _) in COLLECTIONS.items()
        for path, ref in nested_references(cls, Entity)
        if ref.relation is not None
    ]
    rows = [(r.collection, r.field.removesuffix(".id"), r.relation) for r in graph.EDGE_RULES]
    assert rows == declared
    assert ("plans", "lead", R.LEADS) in rows
    assert not [r for r in graph.EDGE_RULES if r.field in ("source", "target")]


@pytest.mark.parametrize("rule", graph.EDGE_RULES, ids=lambda r: f"{r.collection}.{r.field}")
def test_each_row_gives_its_edges(sink: nx.MultiDiGraph, rule: graph.EdgeRule) -> None:
    ends = _ends(kitchen_sink(), rule)
    assert ends, "the kitchen sink sets every reference field"
    for u, v in ends:
        assert sink.has_edge(u, v, key=rule.relation)
        assert rule.field in sink.edges[u, v, rule.relation]["field"].split(", ")


@pytest.mark.parametrize(("u", "v", "relation", "field"), SPOT_CHECKS)
def test_spot_checks(sink: nx.MultiDiGraph, u: str, v: str, relation: Relation, field: str) -> None:
    assert field in sink.edges[u, v, relation]["field"].split(", ")


def test_the_kitchen_sink_has_no_edge_the_table_does_not_ask_for(sink: nx.MultiDiGraph) -> None:
    system = kitchen_sink()
    asked = {(u, v, r.relation, r.field) for r in graph.EDGE_RULES for u, v in _ends(system, r)} | {
        (link.source, link.target, link.relation, "relations") for link in system.relations
    }
    drawn = {
        (u, v, k, field)
        for u, v, k, d in sink.edges(keys=True, data=True)
        for field in d["field"].split(", ")
    }
    assert drawn == asked


def test_edges_from_two_fields_merge_their_field_names(sink: nx.MultiDiGraph) -> None:
    # The bureau is the proposal's lead handler and the reply's sender: one edge.
    assert sink.edges["bureau", "prop", R.LEADS]["field"] == "lead_handler, reply.sender"
    # A post's B holder without an A holder backs up the team itself.
    assert sink.has_edge("boss", "team", key=R.BACKS_UP)


def test_nodes_have_kinds_labels_levels_and_the_object(sink: nx.MultiDiGraph) -> None:
    system = kitchen_sink()
    kinds = dict(sink.nodes(data="kind"))
    assert kinds["tier"] == "tier"
    assert kinds["op"] == "protocol"
    assert kinds["og"] == "organisation_group"
    assert kinds["c1"] == "commitment"
    gov = sink.nodes["gov"]
    assert gov["obj"] == system["gov"]
    assert (gov["label_zh"], gov["label_en"]) == ("gov名", "gov名")
    assert gov["level"] == AdminLevel.PROVINCIAL
    assert gov["agency_kind"] == AgencyKind.GOVERNMENT
    assert sink.nodes["health"]["level"] == AdminLevel.COUNTY
    assert sink.nodes["team"]["domain"] == ForceDomain.HEALTH
    assert sink.nodes["fg"]["teams"] == 3
    assert "level" not in sink.nodes["law"]
    assert sink.nodes["c1"]["label_zh"] == "承诺"
    assert sink.edges["bureau", "org", R.SUPERVISES] == {
        "field": "supervisor, relations",
        "note": "指导",
    }
    assert sink.graph == {
        "id": "sink",
        "name_zh": "全字段",
        "name_en": "every field",
        "root": "j",
        "duplicates": [],
    }


def test_missing_ids_become_unresolved_nodes(sink: nx.MultiDiGraph) -> None:
    unresolved = {n: d for n, d in sink.nodes(data=True) if d["kind"] == graph.UNRESOLVED}
    assert set(unresolved) == {"centre", "publicity"}
    assert unresolved["centre"]["ref_from"] == ["dp", "fg", "team"]
    assert unresolved["publicity"]["ref_from"] == ["op"]
    assert "obj" not in unresolved["centre"]


def test_a_link_to_nowhere_names_its_other_end() -> None:
    system = EmergencySystem(
        id="s", name=L(zh="s"), relations=(Link(source="a", relation=R.COMMANDS, target="b"),)
    )
    G = graph.to_graph(system)
    assert G.nodes["a"]["ref_from"] == ["b"]
    assert G.nodes["b"]["ref_from"] == ["a"]


def test_duplicates_are_recorded_and_the_first_wins() -> None:
    first = _agency("a", jurisdiction="j")
    second = _agency("a", parent="x")
    team = Team(id="a", name=L(zh="同名队"), domain=ForceDomain.SOCIAL)
    system = EmergencySystem(id="s", name=L(zh="s"), agencies=(first, second), teams=(team,))
    G = graph.to_graph(system)
    assert G.graph["duplicates"] == ["a", "a"]
    assert G.nodes["a"]["obj"] is first
    # The losers' references are not drawn: no edge from the second agency's parent.
    assert "x" not in G


def _shuffled(system: EmergencySystem, rng: random.Random) -> EmergencySystem:
    changes = {}
    for field in attrs.fields(EmergencySystem):
        value = getattr(system, field.name)
        if isinstance(value, tuple) and field.name not in ("notes", "sources"):
            items = list(value)
            rng.shuffle(items)
            changes[field.name] = tuple(items)
    return attrs.evolve(system, **changes)


@pytest.mark.parametrize("seed", range(5))
def test_the_graph_does_not_depend_on_collection_order(seed: int) -> None:
    for system in (kitchen_sink(), synthetic(objects=600, seed=seed)):
        G = graph.to_graph(system)
        H = graph.to_graph(_shuffled(system, random.Random(seed)))
        assert list(H.nodes(data=True)) == list(G.nodes(data=True))
        assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
        assert list(H.in_edges(keys=True)) == list(G.in_edges(keys=True))
        assert H.graph == G.graph


def test_the_fast_fill_equals_the_public_api() -> None:
    # to_graph writes networkx's adjacency dicts itself; the same nodes and
    # edges through the public API must give an equal graph, in the same order.
    fast = graph.to_graph(synthetic(objects=800, seed=2))
    slow = nx.MultiDiGraph()
    slow.graph.update(fast.graph)
    slow.add_nodes_from(fast.nodes(data=True))
    slow.add_edges_from(fast.edges(keys=True, data=True))
    assert nx.utils.graphs_equal(fast, slow)
    assert list(fast.edges(keys=True)) == list(slow.edges(keys=True))
    assert sorted(fast.in_edges(keys=True)) == sorted(slow.in_edges(keys=True))
    # Both directions share one key dict per node pair, as add_edge makes them.
    assert all(fast._succ[u][v] is fast._pred[v][u] for u, v in fast.edges())
    assert list(fast._succ) == list(fast._pred) == list(fast._node)


def test_unresolved_nodes_come_last_in_id_order(sink: nx.MultiDiGraph) -> None:
    kinds = [kind for _, kind in sink.nodes(data="kind")]
    first = kinds.index(graph.UNRESOLVED)
    assert set(kinds[first:]) == {graph.UNRESOLVED}
    names = [n for n, kind in sink.nodes(data="kind") if kind == graph.UNRESOLVED]
    assert names == sorted(names)
    assert list(sink._succ) == list(sink._pred) == list(sink._node)


def test_the_collector_is_restored_even_on_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    def boom(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(_build, "_fill", boom)
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        graph.to_graph(kitchen_sink())
    assert gc.isenabled()


def test_views_keep_every_node_and_only_their_edges(sink: nx.MultiDiGraph) -> None:
    for view, keys in (
        (graph.command_view, {R.COMMANDS, R.DISPATCHES}),
        (graph.cohandling_view, {R.LEADS, R.CO_HANDLES}),
        (graph.reporting_view, {R.REPORTS_TO}),
    ):
        H = view(sink)
        assert list(H) == list(sink)
        assert {k for _, _, k in H.edges(keys=True)} == keys
        expected = [(u, v, k) for u, v, k in sink.edges(keys=True) if k in keys]
        assert list(H.edges(keys=True)) == expected
        # The same graph as through the public API, in the same order ...
        public = nx.MultiDiGraph()
        public.graph.update(sink.graph)
        public.add_nodes_from(sink.nodes(data=True))
        public.add_edges_from(
            (u, v, k, d) for u, v, k, d in sink.edges(keys=True, data=True) if k in keys
        )
        assert nx.utils.graphs_equal(H, public)
        assert list(H.in_edges(keys=True)) == list(public.in_edges(keys=True))
        # ... sharing the attribute dicts, with a structure of its own.
        assert all(H.nodes[n] is sink.nodes[n] for n in H)
        assert all(H.edges[e] is sink.edges[e] for e in H.edges(keys=True))
        assert all(H._succ[u][v] is H._pred[v][u] for u, v in H.edges())
        u, v, k = expected[0]
        H.remove_edge(u, v, k)
        assert sink.has_edge(u, v, k)


# -- analytics ---------------------------------------------------------------------------------


def _command_graph(edges: list[tuple[str, str, str]], kinds: dict[str, str]) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for node, kind in kinds.items():
        G.add_node(node, kind=kind)
    for u, v, key in edges:
        G.add_edge(u, v, key=Relation(key))
    return G


def test_chain_of_command_follows_commands_only_and_survives_cycles() -> None:
    G = _command_graph(
        [
            ("b", "a", "commands"),
            ("c", "b", "commands"),
            ("a", "c", "commands"),
            ("x", "a", "dispatches"),
            ("d", "e", "commands"),
            ("c2", "e", "commands"),
        ],
        dict.fromkeys("abcxde", "agency") | {"c2": "agency"},
    )
    assert graph.chain_of_command(G, "a") == ["a", "b", "c"]
    # Two commanders: the first by id is followed.
    assert graph.chain_of_command(G, "e") == ["e", "c2"]
    with pytest.raises(nx.NodeNotFound):
        graph.chain_of_command(G, "nobody")


def test_single_points_of_failure_are_dominators_of_teams() -> None:
    kinds = {"top": "agency", "centre": "agency", "x": "agency", "y": "agency", "z": "agency"}
    kinds |= {"t1": "team", "t2": "team", "t3": "force_group", "lone": "team"}
    G = _command_graph(
        [
            ("top", "centre", "commands"),
            ("centre", "x", "commands"),
            ("centre", "y", "commands"),
            ("x", "t1", "commands"),
            ("y", "t1", "dispatches"),
            ("centre", "z", "commands"),
            ("z", "t2", "commands"),
            ("t2", "t3", "commands"),
        ],
        kinds,
    )
    # t1 has two ways in; t2 hangs on z; t3 on z and t2; "top" is above the centre.
    assert graph.single_points_of_failure(G, "centre") == ["t2", "z"]
    assert graph.single_points_of_failure(G, "x") == []
    with pytest.raises(nx.NodeNotFound):
        graph.single_points_of_failure(G)


def test_command_centre_prefers_the_emergency_centre_of_the_root() -> None:
    def agency(id: str, kind: AgencyKind, sector: Sector, where: str) -> Agency:
        return Agency(id=id, name=L(zh=id), kind=kind, sector=sector, jurisdiction=where)

    centre, em = AgencyKind.COMMAND_CENTRE, Sector.EMERGENCY_MANAGEMENT
    dept, police = AgencyKind.GOVERNMENT_DEPARTMENT, Sector.PUBLIC_SECURITY
    places = (
        Jurisdiction(id="cq", name=L(zh="市"), level=AdminLevel.PROVINCIAL),
        Jurisdiction(id="wz", name=L(zh="区"), level=AdminLevel.COUNTY, parent="cq"),
    )
    pool = [
        agency("a-police-centre", centre, police, "cq"),
        agency("b-bureau", dept, em, "cq"),
        agency("c-centre", centre, em, "cq"),
        agency("d-county-centre", centre, em, "wz"),
    ]
    for expected in ("c-centre", "b-bureau", "a-police-centre", "d-county-centre"):
        system = EmergencySystem(
            id="s", name=L(zh="s"), root="cq", jurisdictions=places, agencies=tuple(pool)
        )
        assert graph.command_centre(graph.to_graph(system)) == expected
        pool = [a for a in pool if a.id != expected]
    assert graph.command_centre(nx.MultiDiGraph()) is None


def test_span_of_control_counts_units_only() -> None:
    G = _command_graph(
        [
            ("boss", "a", "commands"),
            ("boss", "b", "commands"),
            ("boss", "boss", "commands"),
            ("boss", "op", "commands"),
            ("boss", "t", "dispatches"),
            ("a", "t", "commands"),
        ],
        {"boss": "agency", "a": "agency", "b": "person", "op": "protocol", "t": "team"},
    )
    assert graph.span_of_control(G) == {"a": 1, "boss": 2}


def test_agency_centrality_ranks_the_broker() -> None:
    G = _command_graph(
        [("a", "b", "commands"), ("b", "p", "leads"), ("c", "p", "co_handles")],
        {"a": "agency", "b": "agency", "c": "agency", "p": "plan", "lone": "agency"},
    )
    scores = graph.agency_centrality(G)
    assert list(scores) == ["a", "b", "c", "lone"]
    # Paths a–p, a–c, b–c go through b; a–c and b–c through p.  Normalised by 3 pairs.
    assert scores == {"a": 0.0, "b": pytest.approx(4 / 6), "c": 0.0, "lone": 0.0}
    sampled = graph.agency_centrality(G, k=2, seed=1)
    assert sampled == graph.agency_centrality(G, k=2, seed=1)


def test_agency_centrality_passes_networkx_backend_through() -> None:
    G = _command_graph(
        [("a", "b", "commands"), ("b", "p", "leads"), ("c", "p", "co_handles")],
        {"a": "agency", "b": "agency", "c": "agency", "p": "plan"},
    )
    assert graph.agency_centrality(G, backend="networkx") == graph.agency_centrality(G)
    with pytest.raises(MissingExtraError, match="'no-such-backend' cannot be used") as err:
        graph.agency_centrality(G, backend="no-such-backend")
    # No extra of the project installs a networkx backend.
    assert err.value.extra is None


def test_agency_centrality_on_nx_parallel_gives_the_same_scores() -> None:
    pytest.importorskip("nx_parallel", exc_type=ImportError)  # and a networkx it supports
    G = graph.to_graph(synthetic(objects=400, seed=2))
    with nx.config.backends.parallel(active=True, n_jobs=2):
        parallel = graph.agency_centrality(G, k=8, seed=3, backend="parallel")
    assert parallel == pytest.approx(graph.agency_centrality(G, k=8, seed=3))


def test_cohandling_network_counts_shared_work(sink: nx.MultiDiGraph) -> None:
    N = graph.cohandling_network(sink)
    assert list(N) == ["bureau", "gov", "health"]
    assert N.edges["bureau", "health"] == {"weight": 2, "shared": ["plan", "prop"]}
    assert N.edges["bureau", "gov"] == {"weight": 1, "shared": ["op"]}
    assert not N.has_edge("gov", "health")
    assert nx.utils.graphs_equal(N, graph.cohandling_network(kitchen_sink()))


def test_reachable_forces_respects_the_hop_limit() -> None:
    G = _command_graph(
        [
            ("c", "a", "commands"),
            ("a", "t1", "commands"),
            ("c", "g", "dispatches"),
            ("t1", "t2", "commands"),
            ("a", "p", "leads"),
        ],
        {"c": "agency", "a": "agency", "t1": "team", "t2": "team", "g": "force_group", "p": "plan"},
    )
    assert graph.reachable_forces(G, "c", 0) == []
    assert graph.reachable_forces(G, "c", 1) == ["g"]
    assert graph.reachable_forces(G, "c", 2) == ["g", "t1"]
    assert graph.reachable_forces(G, "c", 10) == ["g", "t1", "t2"]
    with pytest.raises(ValueError, match="k must be"):
        graph.reachable_forces(G, "c", -1)


def test_synthetic_graphs_resolve_and_reach_every_team() -> None:
    G = graph.to_graph(synthetic(objects=3000, seed=4))
    assert G.graph["duplicates"] == []
    assert not [n for n, kind in G.nodes(data="kind") if kind == graph.UNRESOLVED]
    forces = sorted(n for n, kind in G.nodes(data="kind") if kind in graph.FORCE_KINDS)
    assert graph.reachable_forces(G, graph.command_centre(G), 10) == forces
    assert set(graph.span_of_control(G).values()) >= {3}


def documented_table() -> str:
    """The table of ``docs/graph.md``, rendered from the declarations.

    Regenerate the page's table with ``python tests/test_graph.py``.
    """
    words = {cls: str(kind) for cls, kind in COLLECTIONS.values()}
    lines = [
        "| collection | field | names | edge key | edge |",
        "|---|---|---|---|---|",
    ]
    for name, (cls, _) in COLLECTIONS.items():
        declared = dict(nested_references(cls, Entity))
        for r in graph.EDGE_RULES:
            if r.collection != name:
                continue
            ref = declared[r.field.removesuffix(".id")]
            kinds = " or ".join(f"`{k}`" for k in ref.kinds) if ref.kinds else "any"
            if r.direction == "out":
                edge = f"{words[cls]} → {r.field}"
            elif r.anchor is None:
                edge = f"{r.field} → {words[cls]}"
            else:
                anchor = r.field.rsplit(".", 1)[0] + "." + r.anchor
                edge = f"{r.field} → {anchor} (else {words[cls]})"
            lines.append(f"| `{name}` | `{r.field}` | {kinds} | `{r.relation}` | {edge} |")
    return "\n".join(lines) + "\n"


DOC = Path(__file__).parents[1] / "docs" / "graph.md"
_HEADER = "| collection | field | names | edge key | edge |"


def _replace_table(page: str, table: str) -> str:
    start = page.index(_HEADER)
    end = page.index("\n\n", start) + 1
    return page[:start] + table + page[end:]


def test_the_documented_table_is_the_derivation_table() -> None:
    page = DOC.read_text(encoding="utf-8")
    assert _replace_table(page, documented_table()) == page, (
        "docs/graph.md is stale: run python tests/test_graph.py"
    )
    # Hand-written: the table is not empty and says what the model says.
    assert "| `teams` | `posts.b` | `person` | `backs_up` | posts.b → posts.a (else team) |" in page
    assert "| `plans` | `lead` | `agency` or `command_body` | `leads` | lead → plan |" in page


if __name__ == "__main__":
    DOC.write_text(_replace_table(DOC.read_text(encoding="utf-8"), documented_table()), "utf-8")
