"""Analytics on the relation graph: chains of command, weak points, spans, centrality."""

import itertools
from collections import deque
from collections.abc import Iterable

import networkx as nx

from emergencykit._gc import paused_gc
from emergencykit._guards import takes
from emergencykit.errors import MissingExtraError
from emergencykit.graph import _fast
from emergencykit.graph._build import (
    COHANDLING_RELATIONS,
    COMMAND_RELATIONS,
    notes,
    to_graph,
)
from emergencykit.graph._network import (
    FORCE_KINDS,
    UNIT_KINDS,
    CommandNetwork,
    command_centre,
    entangled,
    forces_below,
    span_counts,
)
from emergencykit.model._common import Relation
from emergencykit.model._refs import Kind
from emergencykit.model._system import EmergencySystem

__all__ = [
    "FORCE_KINDS",
    "UNIT_KINDS",
    "agency_centrality",
    "chain_of_command",
    "cohandling_network",
    "command_centre",
    "command_cycles",
    "command_graphs",
    "dependent_forces",
    "reachable_forces",
    "single_points_of_failure",
    "span_of_control",
]

#: Node kinds whose leaders and co-handlers are linked in :func:`cohandling_network`.
_SHARED_WORK = frozenset({Kind.PLAN, Kind.PROPOSAL, Kind.PROTOCOL})


def _check_node(G: nx.MultiDiGraph, node: str) -> None:
    if node not in G:
        raise nx.NodeNotFound(f"node {node!r} is not in the graph")


def _simple(G: nx.MultiDiGraph, relations: Iterable[str]) -> nx.DiGraph:
    """Every node of ``G`` and one plain edge per (u, v) with a key in ``relations``."""
    keep = frozenset(relations)
    H = nx.DiGraph()
    with paused_gc():
        H.add_nodes_from(G)
        H.add_edges_from((u, v) for u, v, k in G.edges(keys=True) if k in keep)
    return H


@takes(G=nx.MultiDiGraph, node=str)
def chain_of_command(G: nx.MultiDiGraph, node: str) -> list[str]:
    """The chain of command from ``node`` up to its top, along *commands* edges.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`~emergencykit.graph.to_graph` or its command view.
    node : str
        Where the chain starts (a team, an agency …).

    Returns
    -------
    list of str
        ``[node, its commander, the commander's commander, …]``.  Where a unit
        has several commanders (a breach of unity of command, rule EK502) the
        first by id is followed; on a cycle (EK501) the chain stops before the
        first repeated node, so the function always terminates.  Dispatch is
        not command: *dispatches* edges are not followed.

    Raises
    ------
    networkx.NodeNotFound
        If ``node`` is not in ``G``.

    Examples
    --------
    ``G`` is the example command structure of :mod:`emergencykit.graph`:
    ``gov`` → ``yjj`` → ``centre`` → ``brigade`` → teams ``t1``, ``t2``, ``t3``,
    and ``centre`` also dispatches ``t3``.

    >>> chain_of_command(G, "t1")
    ['t1', 'brigade', 'centre', 'yjj', 'gov']
    >>> chain_of_command(G, "gov")
    ['gov']
    """
    _check_node(G, node)
    chain = [node]
    seen = {node}
    current = node
    while True:
        bosses = sorted(u for u, _, k in G.in_edges(current, keys=True) if k == Relation.COMMANDS)
        if not bosses or bosses[0] in seen:
            return chain
        current = bosses[0]
        chain.append(current)
        seen.add(current)


@takes(G=nx.MultiDiGraph, centre=(str, None))
def single_points_of_failure(G: nx.MultiDiGraph, centre: str | None = None) -> list[str]:
    """Nodes whose loss cuts some team off from the command centre.

    A node *x* is a single point of failure when some team or force group is
    reachable from the centre along *commands*/*dispatches* edges, and every
    such path passes through *x*: *x* is a dominator of the team in the
    command graph rooted at the centre.  The centre itself and unreachable
    teams (rule EK504) are not reported.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`~emergencykit.graph.to_graph` or its command view.
    centre : str, optional
        Where command starts; by default :func:`command_centre`.

    Returns
    -------
    list of str
        The sorted ids of the single points of failure: the keys of
        :func:`dependent_forces`.

    Raises
    ------
    networkx.NodeNotFound
        If ``centre`` is not in ``G``, or none is given and ``G`` has none.

    Notes
    -----
    Articulation points would be wrong here: they ignore direction, and a
    team with a second, dispatching superior is not cut off by the loss of
    its commander.

    Examples
    --------
    ``G`` is the example command structure of :mod:`emergencykit.graph`:
    ``gov`` → ``yjj`` → ``centre`` → ``brigade`` → teams ``t1``, ``t2``, ``t3``,
    and ``centre`` also dispatches ``t3``.

    >>> single_points_of_failure(G)
    ['brigade']

    ``t3`` is dispatched by the centre as well, so only ``t1`` and ``t2``
    depend on the brigade; the bureau and the government are above the centre
    and do not count.
    """
    return list(dependent_forces(G, centre))


@takes(G=nx.DiGraph, centre=(str, None))
def dependent_forces(G: nx.DiGraph, centre: str | None = None) -> dict[str, int]:
    """Each single point of failure, with the number of forces its loss cuts off.

    Parameters
    ----------
    G : networkx.MultiDiGraph or networkx.DiGraph
        A graph from :func:`~emergencykit.graph.to_graph` or its command
        view, or the first graph of :func:`command_graphs` (whose edges are
        all *commands* or *dispatches*).
    centre : str, optional
        Where command starts; by default :func:`command_centre` (which needs
        a graph from :func:`~emergencykit.graph.to_graph`).

    Returns
    -------
    dict of str to int
        Node → the number of teams and force groups (:data:`FORCE_KINDS`)
        every path from the centre to which passes through it, for each node
        but the centre with at least one; sorted by id.

    Raises
    ------
    networkx.NodeNotFound
        If ``centre`` is not in ``G``, or none is given and ``G`` has none.

    Notes
    -----
    The immediate dominators come from :func:`networkx.immediate_dominators`
    (Cooper, Harvey and Kennedy's algorithm, near-linear on hierarchies); the
    forces below each node of the dominator tree are summed bottom-up in one
    pass, so the rest costs O(V).

    Examples
    --------
    ``G`` is the example command structure of :mod:`emergencykit.graph`:
    ``gov`` → ``yjj`` → ``centre`` → ``brigade`` → teams ``t1``, ``t2``, ``t3``,
    and ``centre`` also dispatches ``t3``.

    >>> dependent_forces(G)
    {'brigade': 2}
    """
    if centre is None:
        centre = command_centre(G)
        if centre is None:
            raise nx.NodeNotFound("the graph has no command centre; pass centre=")
    _check_node(G, centre)
    H = _simple(G, COMMAND_RELATIONS) if G.is_multigraph() else G
    idom = nx.immediate_dominators(H, centre)
    idom.pop(centre, None)
    return forces_below(idom, centre, G.nodes)


@takes(G=(nx.MultiDiGraph, EmergencySystem), centre=(str, None))
def command_graphs(
    G: "nx.MultiDiGraph | EmergencySystem", *, centre: str | None = None
) -> tuple[nx.DiGraph, nx.DiGraph]:
    """The command network of ``G`` as two plain digraphs, to run algorithms on.

    Parameters
    ----------
    G : networkx.MultiDiGraph or EmergencySystem
        A graph from :func:`~emergencykit.graph.to_graph`, or the system
        itself: the same graphs (nodes, kinds, edges, relations) as from
        its graph, without building it (the edges of
        :func:`~emergencykit.graph.relation_edges`), nodes in edge order.
    centre : str, optional
        A node of ``G`` to put in the first graph even when it has no such
        edge (the command centre, so that a search from it can start).

    Returns
    -------
    tuple of networkx.DiGraph
        First, every pair with a *commands* or *dispatches* edge, with edge
        attribute ``relations`` (the frozenset of the two between them);
        second, only the pairs with a *commands* edge.  Nodes are the ends of
        those edges with their ``kind``, in the order ``add_edges_from``
        would give them.  Read-only: nodes of one kind share one attribute
        dict, and so do edges with the same relations.

    Notes
    -----
    Extracted graphs rather than filtered views: networkx algorithms run
    several times faster on them.  Both come from one pass over ``G``; on a
    graph from :func:`~emergencykit.graph.to_graph` whose edges have not
    changed since, only over the nodes the build saw command edges leave.

    Examples
    --------
    ``G`` is the example command structure of :mod:`emergencykit.graph`:
    ``gov`` → ``yjj`` → ``centre`` → ``brigade`` → teams ``t1``, ``t2``, ``t3``,
    and ``centre`` also dispatches ``t3``.

    >>> g, commands = command_graphs(G)
    >>> [str(r) for r in g.edges["centre", "t3"]["relations"]]
    ['dispatches']
    >>> commands.has_edge("centre", "t3"), commands.has_edge("brigade", "t3")
    (False, True)
    """
    if isinstance(G, EmergencySystem):
        return CommandNetwork.of_system(G, centre).digraphs()
    known = notes(G)
    rows = None if known is None else known.command_rows
    with paused_gc():
        g, commands = _fast.keyed_digraphs(G, COMMAND_RELATIONS, Relation.COMMANDS, rows)
    if centre is not None and centre not in g:
        g.add_node(centre, kind=G.nodes[centre].get("kind") if centre in G else None)
    return g, commands


def command_network(G: "nx.MultiDiGraph", centre: str | None = None) -> CommandNetwork:
    """The :class:`~emergencykit.graph._network.CommandNetwork` of ``command_graphs(G, centre=centre)``.

    The same nodes, edges and order, from one pass over ``G`` as in
    :func:`command_graphs`, without filling the two networkx digraphs: the
    network fills them only if an algorithm needs them (a command structure
    that is not a hierarchy).
    """
    known = notes(G)
    rows = None if known is None else known.command_rows
    with paused_gc():
        table = _fast.keyed_table(G, COMMAND_RELATIONS, Relation.COMMANDS, rows)
        if centre is not None and centre not in table.number:
            table.add(centre, {"kind": G.nodes[centre].get("kind") if centre in G else None})
    return CommandNetwork(table)


@takes(G=nx.DiGraph)
def command_cycles(G: nx.DiGraph) -> list[list[str]]:
    """Groups of two or more nodes that command one another in a cycle.

    Parameters
    ----------
    G : networkx.MultiDiGraph or networkx.DiGraph
        A graph from :func:`~emergencykit.graph.to_graph`, or the second
        graph of :func:`command_graphs` (only *commands* edges).

    Returns
    -------
    list of list of str
        Each strongly connected group of two or more nodes on *commands*
        edges, its ids sorted; the groups sorted.  A node that commands only
        itself makes no group (rule EK506 reports it).

    Notes
    -----
    Nodes with no superior but themselves are peeled off, again and again,
    in one pass over the edges; the strongly connected components are looked
    for only in what is left, which a hierarchy leaves empty.

    Examples
    --------
    ``G`` is the example command structure of :mod:`emergencykit.graph`:
    ``gov`` → ``yjj`` → ``centre`` → ``brigade`` → teams ``t1``, ``t2``, ``t3``,
    and ``centre`` also dispatches ``t3``.

    >>> command_cycles(G)
    []
    >>> H = G.copy()
    >>> H.add_edge("brigade", "gov", key=Relation.COMMANDS)
    <Relation.COMMANDS: 'commands'>
    >>> command_cycles(H)
    [['brigade', 'centre', 'gov', 'yjj']]
    """
    g = command_graphs(G)[1] if G.is_multigraph() else G
    rest = entangled(g._succ, g._pred)
    if not rest:
        return []
    groups = nx.strongly_connected_components(g.subgraph(rest))
    return sorted(sorted(c) for c in groups if len(c) > 1)


@takes(G=nx.DiGraph)
def span_of_control(G: nx.DiGraph) -> dict[str, int]:
    """The number of direct subordinates of each supervisor, on *commands* edges.

    Parameters
    ----------
    G : networkx.MultiDiGraph or networkx.DiGraph
        A graph from :func:`~emergencykit.graph.to_graph` or its command
        view, or the second graph of :func:`command_graphs` (every edge of
        which is a *commands* edge).

    Returns
    -------
    dict of str to int
        Supervisor id → number of distinct units (:data:`UNIT_KINDS`) it
        commands, sorted by id; nodes that command nobody are absent.  A
        protocol that an agency issues instructions to is not a subordinate;
        nor is the supervisor itself (a self-loop is a command cycle, rule
        EK506); dispatch is not supervision.  A counted force group is one
        subordinate, whatever its count.

    Examples
    --------
    ``G`` is the example command structure of :mod:`emergencykit.graph`:
    ``gov`` → ``yjj`` → ``centre`` → ``brigade`` → teams ``t1``, ``t2``, ``t3``,
    and ``centre`` also dispatches ``t3``.

    >>> span_of_control(G)
    {'brigade': 3, 'centre': 1, 'gov': 1, 'yjj': 1}
    """
    edges = (
        ((u, v) for u, v, k in G.edges(keys=True) if k == Relation.COMMANDS)
        if G.is_multigraph()
        else G.edges()
    )
    return span_counts(G._node, edges)


@takes(G=nx.MultiDiGraph, backend=(str, None))
def agency_centrality(
    G: nx.MultiDiGraph, *, k: int | None = None, seed: int = 0, backend: str | None = None
) -> dict[str, float]:
    """Betweenness centrality of each agency in the command and co-handling network.

    The network is undirected and simple: a link wherever ``G`` has a
    *commands*, *dispatches*, *leads* or *co_handles* edge, between any kinds
    of node (plans and proposals are how departments meet).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`~emergencykit.graph.to_graph`.
    k : int, optional
        Estimate from ``k`` sampled source nodes instead of all of them.
    seed : int
        The seed of that sample, so estimates are reproducible.
    backend : str, optional
        The networkx backend to run betweenness on (``"parallel"`` for
        nx-parallel), passed through as networkx's own ``backend=``.  By
        default networkx chooses: its own implementation, unless
        ``networkx.config.backend_priority`` names an installed backend.

    Returns
    -------
    dict of str to float
        Agency id → normalised betweenness in [0, 1], sorted by id.

    Raises
    ------
    emergencykit.errors.MissingExtraError
        If ``backend`` names a backend that is not installed or does not
        load with this networkx.

    Notes
    -----
    Brandes' algorithm costs O(V·E) on the network (only nodes with such an
    edge take part); with ``k`` samples, O(k·E).  Above a few thousand nodes,
    pass ``k`` (a few hundred gives stable rankings).  A backend that runs
    the sources in several processes gives the same scores (see "Other
    backends" in the graph documentation).

    Examples
    --------
    ``G`` is the example command structure of :mod:`emergencykit.graph`:
    ``gov`` → ``yjj`` → ``centre`` → ``brigade`` → teams ``t1``, ``t2``, ``t3``,
    and ``centre`` also dispatches ``t3``.

    >>> {a: round(c, 3) for a, c in agency_centrality(G).items()}
    {'brigade': 0.6, 'centre': 0.533, 'gov': 0.0, 'yjj': 0.333}
    """
    keep = COMMAND_RELATIONS | COHANDLING_RELATIONS
    U = nx.Graph()
    with paused_gc():
        U.add_edges_from((u, v) for u, v, key in G.edges(keys=True) if key in keep and u != v)
    agencies = sorted(n for n, kind in G.nodes(data="kind") if kind == Kind.AGENCY)
    if k is not None and k >= len(U):
        k = None
    # Only a backend asked for is named: networkx's own dispatch decides otherwise.
    chosen = {} if backend is None else {"backend": backend}
    try:
        scores = nx.betweenness_centrality(U, k=k, seed=seed, **chosen) if len(U) else {}
    except ImportError as exc:
        if backend is None:
            raise
        raise MissingExtraError(
            f"agency_centrality: the networkx backend {backend!r} cannot be used ({exc})",
            extra=None,
            module=backend,
        ) from exc
    return {a: float(scores.get(a, 0.0)) for a in agencies}


@takes(system_or_graph=(EmergencySystem, nx.MultiDiGraph))
def cohandling_network(system_or_graph: EmergencySystem | nx.MultiDiGraph) -> nx.Graph:
    """Agencies linked by the plans, proposals and protocols they handle together.

    Two agencies are linked when both lead or co-handle (*leads* or
    *co_handles* edge) the same plan, proposal or opinion protocol.

    Parameters
    ----------
    system_or_graph : EmergencySystem or networkx.MultiDiGraph
        A system, or its graph from :func:`~emergencykit.graph.to_graph`.

    Returns
    -------
    networkx.Graph
        Nodes: every agency that leads or co-handles such work, with
        ``label_zh`` and ``label_en``; nodes and edges in sorted order.
        Edge attributes: ``weight``, the number of shared items, and
        ``shared``, their sorted ids.

    Examples
    --------
    >>> import datetime as dt
    >>> from emergencykit import (EmergencySystem, Agency, AgencyKind, Plan, PlanKind,
    ...     Proposal, ProposalKind, Session, AdminLevel, Label)
    >>> from emergencykit.graph import cohandling_network
    >>> dept = AgencyKind.GOVERNMENT_DEPARTMENT
    >>> system = EmergencySystem(id="demo", name=Label(zh="示例"),
    ...     agencies=tuple(Agency(id=i, name=Label(zh=i), kind=dept) for i in ("yjj", "wjw", "gaj")),
    ...     plans=(Plan(id="plan", title=Label(zh="专项预案"), kind=PlanKind.SPECIAL,
    ...                 lead="yjj", members=("wjw",)),),
    ...     proposals=(Proposal(id="p0716", kind=ProposalKind.CPPCC_PROPOSAL, number="0716",
    ...                         session=Session(level=AdminLevel.PROVINCIAL, term=5, meeting=5),
    ...                         title=Label(zh="提案"), lead_handler="yjj",
    ...                         co_handlers=("wjw", "gaj")),))
    >>> N = cohandling_network(system)
    >>> sorted(N.edges(data="weight"))
    [('gaj', 'wjw', 1), ('gaj', 'yjj', 1), ('wjw', 'yjj', 2)]
    >>> N.edges["yjj", "wjw"]["shared"]
    ['p0716', 'plan']
    """
    G = (
        to_graph(system_or_graph)
        if isinstance(system_or_graph, EmergencySystem)
        else system_or_graph
    )
    kinds = G.nodes(data="kind")
    members: set[str] = set()
    shared: dict[tuple[str, str], list[str]] = {}
    for hub, kind in kinds:
        if kind not in _SHARED_WORK:
            continue
        handlers = sorted(
            {
                u
                for u, _, key in G.in_edges(hub, keys=True)
                if key in COHANDLING_RELATIONS and kinds[u] == Kind.AGENCY
            }
        )
        members.update(handlers)
        for pair in itertools.combinations(handlers, 2):
            shared.setdefault(pair, []).append(hub)
    N = nx.Graph()
    N.add_nodes_from(
        (a, {"label_zh": G.nodes[a].get("label_zh", a), "label_en": G.nodes[a].get("label_en", a)})
        for a in sorted(members)
    )
    N.add_edges_from(
        (a, b, {"weight": len(hubs), "shared": sorted(hubs)})
        for (a, b), hubs in sorted(shared.items())
    )
    return N


@takes(G=nx.MultiDiGraph, commander=str, k=int)
def reachable_forces(G: nx.MultiDiGraph, commander: str, k: int) -> list[str]:
    """Teams and force groups within ``k`` hops of ``commander`` along command or dispatch.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`~emergencykit.graph.to_graph` or its command view.
    commander : str
        The agency, command body or person to start from.
    k : int
        The largest number of *commands*/*dispatches* edges to follow (≥ 0).

    Returns
    -------
    list of str
        The sorted ids of the teams and force groups reached, ``commander``
        excluded.  Breadth-first, O(V + E) at most.

    Raises
    ------
    networkx.NodeNotFound
        If ``commander`` is not in ``G``.
    ValueError
        If ``k`` is negative.

    Examples
    --------
    ``G`` is the example command structure of :mod:`emergencykit.graph`:
    ``gov`` → ``yjj`` → ``centre`` → ``brigade`` → teams ``t1``, ``t2``, ``t3``,
    and ``centre`` also dispatches ``t3``.

    >>> reachable_forces(G, "centre", 1)
    ['t3']
    >>> reachable_forces(G, "centre", 2)
    ['t1', 't2', 't3']
    """
    _check_node(G, commander)
    if k < 0:
        raise ValueError(f"k must be ≥ 0 (got {k})")
    depth = {commander: 0}
    queue = deque([commander])
    while queue:
        node = queue.popleft()
        if depth[node] == k:
            continue
        for _, v, key in G.out_edges(node, keys=True):
            if key in COMMAND_RELATIONS and v not in depth:
                depth[v] = depth[node] + 1
                queue.append(v)
    kinds = G.nodes(data="kind")
    return sorted(n for n in depth if n != commander and kinds[n] in FORCE_KINDS)
