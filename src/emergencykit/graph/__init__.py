"""The relation graph of an emergency-management system, its views, analytics and exports.

:func:`to_graph` turns an :class:`~emergencykit.model.EmergencySystem` into a
``networkx.MultiDiGraph``: one node per object (node id = object id), one edge
per reference, keyed by :class:`~emergencykit.model.Relation`.  The fields
that become edges are listed in one table, :data:`EDGE_RULES` (and in
``docs/graph.md``).  The views (:func:`command_view`, :func:`cohandling_view`,
:func:`reporting_view`) are edge-filtered graphs sharing the attribute dicts; the analytics answer the
questions researchers ask of the network (chain of command, single points of
failure, span of control, centrality, co-handling); the exports write GraphML,
GEXF, node-link JSON, DOT and Mermaid; :func:`draw_command_structure` draws
the command structure, or any of the :data:`VIEWS`, as PNG or SVG (the
optional ``plot`` extra).

>>> from emergencykit.datasets import synthetic
>>> from emergencykit.graph import to_graph, command_view
>>> G = to_graph(synthetic(objects=300, seed=1))
>>> G.number_of_nodes() >= 300, G.graph["duplicates"]
(True, [])
>>> sorted({str(k) for _, _, k in command_view(G).edges(keys=True)})
['commands', 'dispatches']

The analytics' examples use ``G``, the graph of a small command structure: a
government ``gov`` over its emergency bureau ``yjj``, the bureau's command
centre ``centre``, and under it a ``brigade`` (an agency) commanding the
teams ``t1``, ``t2`` and ``t3``; the centre also dispatches ``t3``.  It is
built like this:

>>> from emergencykit import (EmergencySystem, Jurisdiction, Agency, AgencyKind, Team,
...     ForceDomain, Label, AdminLevel)
>>> def agency(id, kind, parent=None):
...     return Agency(id=id, name=Label(zh=id), kind=kind, jurisdiction="cq", parent=parent)
>>> def team(id, commander, dispatcher=None):
...     return Team(id=id, name=Label(zh=id), domain=ForceDomain.ACCIDENT_DISASTER,
...                 commander=commander, dispatcher=dispatcher)
>>> G = to_graph(EmergencySystem(id="demo", name=Label(zh="示例"), root="cq",
...     jurisdictions=(Jurisdiction(id="cq", name=Label(zh="重庆市"),
...                                 level=AdminLevel.PROVINCIAL),),
...     agencies=(agency("gov", AgencyKind.GOVERNMENT),
...               agency("yjj", AgencyKind.GOVERNMENT_DEPARTMENT, parent="gov"),
...               agency("centre", AgencyKind.COMMAND_CENTRE, parent="yjj"),
...               agency("brigade", AgencyKind.GOVERNMENT_DEPARTMENT, parent="centre")),
...     teams=(team("t1", "brigade"), team("t2", "brigade"),
...            team("t3", "brigade", dispatcher="centre"))))
>>> sorted(G.nodes)
['brigade', 'centre', 'cq', 'gov', 't1', 't2', 't3', 'yjj']
"""

from emergencykit.graph._analytics import (
    FORCE_KINDS,
    UNIT_KINDS,
    agency_centrality,
    chain_of_command,
    cohandling_network,
    command_centre,
    command_cycles,
    command_graphs,
    dependent_forces,
    reachable_forces,
    single_points_of_failure,
    span_of_control,
)
from emergencykit.graph._build import EDGE_RULES, UNRESOLVED, EdgeRule, relation_edges, to_graph
from emergencykit.graph._export import (
    FILE_ONLY,
    FORMATS,
    PICTURES,
    export,
    flatten,
    to_dot,
    to_gexf,
    to_graphml,
    to_mermaid,
    to_node_link_json,
)
from emergencykit.graph._fast import RelationGraph
from emergencykit.graph._plot import cjk_font, draw_command_structure, layout_command_structure
from emergencykit.graph._views import (
    COHANDLING_RELATIONS,
    COMMAND_RELATIONS,
    REPORTING_RELATIONS,
    VIEWS,
    cohandling_view,
    command_view,
    edge_view,
    reporting_view,
)

__all__ = [
    "COHANDLING_RELATIONS",
    "COMMAND_RELATIONS",
    "EDGE_RULES",
    "FILE_ONLY",
    "FORCE_KINDS",
    "FORMATS",
    "PICTURES",
    "REPORTING_RELATIONS",
    "UNIT_KINDS",
    "UNRESOLVED",
    "VIEWS",
    "EdgeRule",
    "RelationGraph",
    "agency_centrality",
    "chain_of_command",
    "cjk_font",
    "cohandling_network",
    "cohandling_view",
    "command_centre",
    "command_cycles",
    "command_graphs",
    "command_view",
    "dependent_forces",
    "draw_command_structure",
    "edge_view",
    "export",
    "flatten",
    "layout_command_structure",
    "reachable_forces",
    "relation_edges",
    "reporting_view",
    "single_points_of_failure",
    "span_of_control",
    "to_dot",
    "to_gexf",
    "to_graph",
    "to_graphml",
    "to_mermaid",
    "to_node_link_json",
]
