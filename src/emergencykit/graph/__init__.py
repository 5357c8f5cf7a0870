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

import typing

from emergencykit import _lazy

if typing.TYPE_CHECKING:  # the names, for type checkers and the reference
    from emergencykit.graph._analytics import (
        agency_centrality,
        chain_of_command,
        cohandling_network,
        command_cycles,
        command_graphs,
        dependent_forces,
        reachable_forces,
        single_points_of_failure,
        span_of_control,
    )
    from emergencykit.graph._build import (
        COHANDLING_RELATIONS,
        COMMAND_RELATIONS,
        EDGE_RULES,
        REPORTING_RELATIONS,
        UNRESOLVED,
        EdgeRule,
        relation_edges,
        to_graph,
    )
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
    from emergencykit.graph._network import FORCE_KINDS, UNIT_KINDS, command_centre
    from emergencykit.graph._plot import cjk_font, draw_command_structure, layout_command_structure
    from emergencykit.graph._views import (
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

#: The module of each public name: imported on first use, so that what needs
#: little of the graph (a check of the command rules) does not import networkx.
_HOME = {
    "COHANDLING_RELATIONS": "_build",
    "COMMAND_RELATIONS": "_build",
    "EDGE_RULES": "_build",
    "EdgeRule": "_build",
    "FILE_ONLY": "_export",
    "FORCE_KINDS": "_network",
    "FORMATS": "_export",
    "PICTURES": "_export",
    "REPORTING_RELATIONS": "_build",
    "RelationGraph": "_fast",
    "UNIT_KINDS": "_network",
    "UNRESOLVED": "_build",
    "VIEWS": "_views",
    "agency_centrality": "_analytics",
    "chain_of_command": "_analytics",
    "cjk_font": "_plot",
    "cohandling_network": "_analytics",
    "cohandling_view": "_views",
    "command_centre": "_network",
    "command_cycles": "_analytics",
    "command_graphs": "_analytics",
    "command_view": "_views",
    "dependent_forces": "_analytics",
    "draw_command_structure": "_plot",
    "edge_view": "_views",
    "export": "_export",
    "flatten": "_export",
    "layout_command_structure": "_plot",
    "reachable_forces": "_analytics",
    "relation_edges": "_build",
    "reporting_view": "_views",
    "single_points_of_failure": "_analytics",
    "span_of_control": "_analytics",
    "to_dot": "_export",
    "to_gexf": "_export",
    "to_graph": "_build",
    "to_graphml": "_export",
    "to_mermaid": "_export",
    "to_node_link_json": "_export",
}


__getattr__, __dir__ = _lazy.attach(__name__, _HOME, __all__)
