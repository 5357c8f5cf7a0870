"""Views of the relation graph: command, co-handling and reporting subgraphs."""

from collections.abc import Callable, Iterable

import networkx as nx

from emergencykit._gc import paused_gc
from emergencykit._guards import takes
from emergencykit.graph import _fast
from emergencykit.graph._build import COHANDLING_RELATIONS, COMMAND_RELATIONS, REPORTING_RELATIONS
from emergencykit.graph._fast import RelationGraph

__all__ = [
    "COHANDLING_RELATIONS",
    "COMMAND_RELATIONS",
    "REPORTING_RELATIONS",
    "VIEWS",
    "cohandling_view",
    "command_view",
    "edge_view",
    "reporting_view",
]


@takes(G=nx.MultiDiGraph)
def edge_view(G: nx.MultiDiGraph, relations: Iterable[str]) -> RelationGraph:
    """A graph with every node of ``G`` and only the edges whose key is in ``relations``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`~emergencykit.graph.to_graph` (or read back from a file:
        keys may be plain strings).
    relations : iterable of Relation or str
        The edge keys to keep.

    Returns
    -------
    RelationGraph
        A new graph structure (a :class:`~emergencykit.graph.RelationGraph`)
        that *shares* its node and edge attribute dicts with ``G`` (as
        ``G.subgraph`` does), and the read-only key dicts of a graph from
        :func:`~emergencykit.graph.to_graph`, and copies ``G``'s graph
        attributes.  Adding or removing nodes and edges on either graph does
        not show in the other (shared edge dicts are copied on write);
        changing an attribute of a node, or of an edge whose dict is not
        shared, does.

    Notes
    -----
    Its own structure, not a live ``nx.subgraph_view``: an edge-filtered view
    re-runs its filter on every adjacency lookup, which makes algorithms 4–6×
    slower than on an extracted graph.  Building it costs one pass over
    ``G``'s adjacency; sharing the attribute dicts instead of copying them
    saves about a gigabyte per view on a national (1M-object) system.  Build
    a view once and reuse it.

    Examples
    --------
    >>> import networkx as nx
    >>> from emergencykit.graph import edge_view
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="commands")
    'commands'
    >>> G.add_edge("a", "b", key="leads")
    'leads'
    >>> H = edge_view(G, {"leads"})
    >>> list(H.edges(keys=True)), sorted(H)
    ([('a', 'b', 'leads')], ['a', 'b'])
    >>> H.nodes["a"] is G.nodes["a"]
    True
    """
    with paused_gc():
        return _fast.edge_filtered(G, frozenset(relations))


@takes(G=nx.MultiDiGraph)
def command_view(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Every node of ``G`` with only its *commands* and *dispatches* edges.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`~emergencykit.graph.to_graph`.

    Returns
    -------
    networkx.MultiDiGraph
        A graph of its own sharing ``G``'s attribute dicts (see :func:`edge_view`).

    Examples
    --------
    >>> from emergencykit import EmergencySystem, Agency, AgencyKind, Team, ForceDomain, Label
    >>> from emergencykit.graph import to_graph, command_view
    >>> system = EmergencySystem(id="demo", name=Label(zh="示例"),
    ...     agencies=(Agency(id="yjj", name=Label(zh="应急管理局"), kind=AgencyKind.GOVERNMENT_DEPARTMENT,
    ...                      jurisdiction="cq"),),
    ...     teams=(Team(id="t1", name=Label(zh="救援队"), domain=ForceDomain.ACCIDENT_DISASTER,
    ...                 commander="yjj"),))
    >>> [(u, v, str(k)) for u, v, k in command_view(to_graph(system)).edges(keys=True)]
    [('yjj', 't1', 'commands')]
    """
    return edge_view(G, COMMAND_RELATIONS)


@takes(G=nx.MultiDiGraph)
def cohandling_view(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Every node of ``G`` with only its *leads* and *co_handles* edges.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`~emergencykit.graph.to_graph`.

    Returns
    -------
    networkx.MultiDiGraph
        A graph of its own sharing ``G``'s attribute dicts (see
        :func:`edge_view`).  For the agency-to-agency network
        weighted by shared work, see
        :func:`~emergencykit.graph.cohandling_network`.

    Examples
    --------
    >>> from emergencykit import EmergencySystem, Agency, AgencyKind, Plan, PlanKind, Label
    >>> from emergencykit.graph import to_graph, cohandling_view
    >>> dept = AgencyKind.GOVERNMENT_DEPARTMENT
    >>> system = EmergencySystem(id="demo", name=Label(zh="示例"),
    ...     agencies=(Agency(id="a", name=Label(zh="应急管理局"), kind=dept),
    ...               Agency(id="b", name=Label(zh="卫生健康委"), kind=dept)),
    ...     plans=(Plan(id="p", title=Label(zh="专项预案"), kind=PlanKind.SPECIAL,
    ...                 lead="a", members=("b",)),))
    >>> sorted((u, v, str(k)) for u, v, k in cohandling_view(to_graph(system)).edges(keys=True))
    [('a', 'p', 'leads'), ('b', 'p', 'co_handles')]
    """
    return edge_view(G, COHANDLING_RELATIONS)


@takes(G=nx.MultiDiGraph)
def reporting_view(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Every node of ``G`` with only its *reports_to* edges.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`~emergencykit.graph.to_graph`.

    Returns
    -------
    networkx.MultiDiGraph
        A graph of its own sharing ``G``'s attribute dicts (see
        :func:`edge_view`).  A protocol *reports_to* the agencies
        that receive its first report and those informed as well (edge
        attribute ``field`` tells them apart); a plan *reports_to* the agency
        it is filed with.

    Examples
    --------
    >>> from emergencykit import EmergencySystem, Agency, AgencyKind, OpinionProtocol, Label
    >>> from emergencykit.graph import to_graph, reporting_view
    >>> system = EmergencySystem(id="demo", name=Label(zh="示例"),
    ...     agencies=(Agency(id="xcb", name=Label(zh="市委宣传部"), kind=AgencyKind.PARTY_DEPARTMENT),),
    ...     protocols=(OpinionProtocol(id="op", name=Label(zh="舆论引导"), lead="xcb",
    ...                                first_report_to=("xcb",)),))
    >>> [(u, v, d["field"]) for u, v, d in reporting_view(to_graph(system)).edges(data=True)]
    [('op', 'xcb', 'first_report_to')]
    """
    return edge_view(G, REPORTING_RELATIONS)


#: The views by name: what :func:`~emergencykit.graph.export` and
#: :func:`~emergencykit.graph.draw_command_structure` restrict the graph to,
#: and the command line's ``graph --view`` choices.  ``all`` is the whole graph.
VIEWS: dict[str, Callable[[nx.MultiDiGraph], nx.MultiDiGraph]] = {
    "all": lambda G: G,
    "command": command_view,
    "cohandling": cohandling_view,
    "reporting": reporting_view,
}


def drawn_view(G: nx.MultiDiGraph, view: str) -> nx.MultiDiGraph:
    """What a drawing of ``view`` shows: its edges and the nodes they touch.

    ``all`` keeps every node, an object nothing refers to included; any
    other view drops the nodes none of its edges touch, so that a picture of
    a three-edge view shows three edges, not the whole system.  Every
    drawing (DOT, Mermaid, PNG, SVG) goes through this one function, so they
    all show the same nodes and edges.

    Raises
    ------
    ValueError
        If ``view`` is not one of :data:`VIEWS`.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown graph view {view!r}; choose one of {', '.join(VIEWS)}")
    H = VIEWS[view](G)
    if H is G:
        return H
    # H is a structure of its own (see edge_view): removing nodes leaves G whole.
    H.remove_nodes_from(list(nx.isolates(H)))
    return H
