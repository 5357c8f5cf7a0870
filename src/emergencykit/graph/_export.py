"""Write the relation graph as GraphML, GEXF, node-link JSON, DOT, Mermaid or a picture."""

import datetime as dt
import enum
import io
import json
import os
from collections.abc import Callable
from typing import IO, Any, NamedTuple

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from emergencykit._files import write_atomic
from emergencykit._guards import takes
from emergencykit.errors import UnknownFormatError
from emergencykit.graph._build import to_graph
from emergencykit.graph._plot import draw_command_structure
from emergencykit.graph._views import VIEWS, drawn_view
from emergencykit.model._common import Relation
from emergencykit.model._dates import PartialDate
from emergencykit.model._system import EmergencySystem

__all__ = [
    "FILE_ONLY",
    "FORMATS",
    "PICTURES",
    "export",
    "flatten",
    "to_dot",
    "to_gexf",
    "to_graphml",
    "to_mermaid",
    "to_node_link_json",
]

Target = str | os.PathLike[str] | IO[str] | IO[bytes] | None


def _flat_value(value: Any) -> str | int | float | bool | None:
    if value is None or (
        isinstance(value, bool | int | float) and not isinstance(value, enum.Enum)
    ):
        return value
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return ",".join(str(_flat_value(v)) for v in value)
    return str(value)


def _flat_dict(data: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        if key == "obj":
            continue
        flat = _flat_value(value)
        if flat is not None:
            out[key] = flat
    return out


@takes(G=nx.MultiDiGraph)
def flatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose attributes every file format can hold.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`~emergencykit.graph.to_graph` or one of its views.

    Returns
    -------
    networkx.MultiDiGraph
        Same nodes and edges in the same order; ``obj`` dropped, ``None``
        values dropped, enums as their string values (edge keys included),
        dates in their text form (``2022-05-11``, ``2021-11``, ``2022~``), lists joined with ``","`` (ids never contain a
        comma).  Strings, numbers and booleans are kept.

    Examples
    --------
    >>> import networkx as nx
    >>> from emergencykit import PartialDate, Relation
    >>> from emergencykit.graph import flatten
    >>> G = nx.MultiDiGraph(duplicates=["x"])
    >>> G.add_node("p", kind="plan", issued=PartialDate(2022, 5), obj=object(), note=None)
    >>> G.add_edge("a", "p", key=Relation.LEADS, field="lead")
    <Relation.LEADS: 'leads'>
    >>> F = flatten(G)
    >>> F.nodes["p"], list(F.edges(keys=True)), F.graph
    ({'kind': 'plan', 'issued': '2022-05'}, [('a', 'p', 'leads')], {'duplicates': 'x'})
    """
    F = nx.MultiDiGraph()
    F.graph.update(_flat_dict(G.graph))
    F.add_nodes_from((n, _flat_dict(d)) for n, d in G.nodes.items())
    F.add_edges_from(
        (u, v, _flat_value(k), _flat_dict(d)) for u, v, k, d in G.edges(keys=True, data=True)
    )
    return F


def _emit(text: str, target: Target) -> str | None:
    """Return ``text`` when there is no target, else write it there (UTF-8).

    A file is written atomically (:func:`~emergencykit._files.write_atomic`):
    a failed write leaves an existing file as it was.
    """
    if target is None or target == "-":
        return text
    if isinstance(target, str | os.PathLike):
        write_atomic(target, text.encode("utf-8"))
    elif isinstance(target, io.TextIOBase):
        target.write(text)
    else:
        target.write(text.encode("utf-8"))  # type: ignore[arg-type]
    return None


@takes(G=nx.MultiDiGraph)
def to_graphml(G: nx.MultiDiGraph, path_or_buffer: Target = None) -> str | None:
    """Write ``G`` as GraphML (attributes flattened by :func:`flatten`).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`~emergencykit.graph.to_graph` or one of its views.
    path_or_buffer : str, path, file object or None
        Where to write (UTF-8); ``None`` or ``"-"`` returns the text instead.

    Returns
    -------
    str or None
        The document when no target is given.

    Examples
    --------
    >>> import io
    >>> import networkx as nx
    >>> from emergencykit.graph import to_graphml
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("yjj", "t1", key="commands", field="commander")
    'commands'
    >>> back = nx.read_graphml(io.StringIO(to_graphml(G)), force_multigraph=True)
    >>> list(back.edges(keys=True, data=True))
    [('yjj', 't1', 'commands', {'field': 'commander'})]
    """
    return _emit("\n".join(nx.generate_graphml(flatten(G))) + "\n", path_or_buffer)


@takes(G=nx.MultiDiGraph)
def to_gexf(G: nx.MultiDiGraph, path_or_buffer: Target = None) -> str | None:
    """Write ``G`` as GEXF 1.2 (attributes flattened by :func:`flatten`).

    Each edge's GEXF ``label`` is its relation, which is what Gephi shows;
    the key is also kept in a ``networkx_key`` attribute.  networkx reads a
    file without parallel edges back as a ``DiGraph``, where only the label
    keeps the relation.  The file carries no modification date, so the same
    graph always gives the same bytes.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`~emergencykit.graph.to_graph` or one of its views.
    path_or_buffer : str, path, file object or None
        Where to write (UTF-8); ``None`` or ``"-"`` returns the text instead.

    Returns
    -------
    str or None
        The document when no target is given.

    Examples
    --------
    >>> import io
    >>> import networkx as nx
    >>> from emergencykit.graph import to_gexf
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("t1", label_zh="救援队")
    >>> G.add_edge("yjj", "t1", key="commands")
    'commands'
    >>> back = nx.read_gexf(io.BytesIO(to_gexf(G).encode()))
    >>> list(back.edges(data="label")), back.nodes["t1"]["label_zh"]
    ([('yjj', 't1', 'commands')], '救援队')
    """
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "emergencykit"
    F = flatten(G)
    for _, _, key, data in F.edges(keys=True, data=True):
        data["label"] = key
    writer.add_graph(F)
    return _emit(str(writer), path_or_buffer)


@takes(G=nx.MultiDiGraph)
def to_node_link_json(G: nx.MultiDiGraph, path_or_buffer: Target = None) -> str | None:
    """Write ``G`` as node-link JSON (``nodes`` and ``edges`` lists, edge ``key``).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`~emergencykit.graph.to_graph` or one of its views.
    path_or_buffer : str, path, file object or None
        Where to write (UTF-8, Chinese kept as is); ``None`` or ``"-"``
        returns the text instead.

    Returns
    -------
    str or None
        The document when no target is given.

    Examples
    --------
    >>> import json
    >>> import networkx as nx
    >>> from emergencykit.graph import to_node_link_json
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("yjj", "t1", key="commands")
    'commands'
    >>> back = nx.node_link_graph(json.loads(to_node_link_json(G)), edges="edges")
    >>> list(back.edges(keys=True))
    [('yjj', 't1', 'commands')]
    """
    data = nx.node_link_data(flatten(G), edges="edges")
    return _emit(json.dumps(data, ensure_ascii=False, indent=1) + "\n", path_or_buffer)


def _dot_quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _relation_label(key: Any, lang: str) -> str:
    try:
        return Relation(key).label(lang)
    except ValueError:
        return str(key)


def _label(data: dict[str, Any], node: str, lang: str) -> str:
    label = data.get(f"label_{lang}", data.get("label_zh"))
    return node if label is None else str(label)


@takes(G=nx.MultiDiGraph, lang=str)
def to_dot(G: nx.MultiDiGraph, *, lang: str = "zh") -> str:
    """The Graphviz DOT text of ``G``, labelled in ``lang``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`~emergencykit.graph.to_graph` or one of its views.
    lang : {"zh", "en"}
        The language of node and edge labels.

    Returns
    -------
    str
        A ``digraph``: every id and label double-quoted with ``\\`` and
        ``"`` escaped, the node ``kind`` as an attribute, the relation as the
        edge's ``key`` and its bilingual label as the edge label.

    Examples
    --------
    >>> import networkx as nx
    >>> from emergencykit.graph import to_dot
    >>> G = nx.MultiDiGraph(id="demo")
    >>> G.add_node("yjj", kind="agency", label_zh='市应急管理局"指挥中心"')
    >>> G.add_edge("yjj", "t1", key="commands")
    'commands'
    >>> print(to_dot(G), end="")
    digraph "demo" {
      node [shape=box];
      "yjj" [label="市应急管理局\\"指挥中心\\"", kind="agency"];
      "t1" [label="t1"];
      "yjj" -> "t1" [key="commands", label="指挥"];
    }
    """
    lines = [
        f"digraph {_dot_quote(str(G.graph.get('id', 'emergencykit')))} {{",
        "  node [shape=box];",
    ]
    for node, data in G.nodes(data=True):
        attrs = [f"label={_dot_quote(_label(data, node, lang))}"]
        if "kind" in data:
            attrs.append(f"kind={_dot_quote(str(data['kind']))}")
        lines.append(f"  {_dot_quote(str(node))} [{', '.join(attrs)}];")
    for u, v, key in G.edges(keys=True):
        flat_key = str(_flat_value(key))
        lines.append(
            f"  {_dot_quote(str(u))} -> {_dot_quote(str(v))} "
            f"[key={_dot_quote(flat_key)}, label={_dot_quote(_relation_label(key, lang))}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


_MERMAID_ESCAPES = (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("\n", " "))


def _mermaid_quote(text: str) -> str:
    for raw, code in _MERMAID_ESCAPES:
        text = text.replace(raw, code)
    return f'"{text}"'


@takes(G=nx.MultiDiGraph, lang=str)
def to_mermaid(G: nx.MultiDiGraph, *, lang: str = "zh") -> str:
    """The Mermaid flowchart text of ``G``, labelled in ``lang``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`~emergencykit.graph.to_graph` or one of its views.
    lang : {"zh", "en"}
        The language of node and edge labels.

    Returns
    -------
    str
        A ``flowchart TD``.  Mermaid ids cannot hold every character an
        object id can, so nodes are numbered ``n0, n1 …`` in graph order, with
        a ``%%`` comment giving each object id.  Labels are double-quoted with
        ``#``, ``"``, ``<`` and ``>`` written as Mermaid entity codes.

    Examples
    --------
    >>> import networkx as nx
    >>> from emergencykit.graph import to_mermaid
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("yjj", label_zh='市应急管理局<"总队">')
    >>> G.add_edge("yjj", "t1", key="commands")
    'commands'
    >>> print(to_mermaid(G), end="")
    flowchart TD
      %% n0 = yjj
      n0["市应急管理局#lt;#quot;总队#quot;#gt;"]
      %% n1 = t1
      n1["t1"]
      n0 -->|"指挥"| n1
    """
    names: dict[Any, str] = {}
    lines = ["flowchart TD"]
    for i, (node, data) in enumerate(G.nodes(data=True)):
        names[node] = f"n{i}"
        lines.append(f"  %% n{i} = {node}")
        lines.append(f"  n{i}[{_mermaid_quote(_label(data, str(node), lang))}]")
    for u, v, key in G.edges(keys=True):
        label = _mermaid_quote(_relation_label(key, lang))
        lines.append(f"  {names[u]} -->|{label}| {names[v]}")
    return "\n".join(lines) + "\n"


@takes(graph=(EmergencySystem, nx.MultiDiGraph), format=str)
def export(
    graph: EmergencySystem | nx.MultiDiGraph,
    format: str,
    path: Target = None,
    *,
    view: str = "all",
    lang: str = "zh",
) -> str | None:
    """Export a system's graph, or a view of it, in one of :data:`FORMATS`.

    Every format honours ``view``.  The data formats (GraphML, GEXF,
    node-link JSON) keep every node with its attributes and only the view's
    edges; the drawings (DOT, Mermaid and the :data:`PICTURES`) show the
    view's edges and only the nodes they touch (every node for ``all``),
    the same nodes and edges in each.

    Parameters
    ----------
    graph : EmergencySystem or networkx.MultiDiGraph
        A system (its graph is built with :func:`~emergencykit.graph.to_graph`)
        or a graph.
    format : str
        One of :data:`FORMATS`; the :data:`PICTURES` (``png``, ``svg``) are
        drawn by :func:`~emergencykit.graph.draw_command_structure`.
    path : str, path, file object or None
        Where to write; for the text formats ``None`` or ``"-"`` returns the
        text instead.
    view : str
        One of the :data:`VIEWS`.
    lang : {"zh", "en"}
        Label language of DOT, Mermaid and pictures.

    Returns
    -------
    str or None
        The text when a text format has no target, else ``None``.

    Raises
    ------
    emergencykit.errors.UnknownFormatError
        If ``format`` is not one of :data:`FORMATS` (it extends ``ValueError``).
    ValueError
        If ``view`` is unknown, or a picture has no ``path``.
    emergencykit.errors.EmergencyKitError
        From :func:`~emergencykit.graph.draw_command_structure` when the
        ``plot`` extra is missing.

    Warns
    -----
    emergencykit.errors.MissingFontWarning
        From :func:`~emergencykit.graph.draw_command_structure`: a Chinese
        picture is labelled in English because no installed font draws Chinese.

    Examples
    --------
    A plan that nothing commands is not drawn in the command view:

    >>> from emergencykit import (EmergencySystem, Agency, AgencyKind, Team, ForceDomain, Label,
    ...     Plan, PlanKind)
    >>> from emergencykit.graph import export
    >>> system = EmergencySystem(id="demo", name=Label(zh="示例"),
    ...     agencies=(Agency(id="yjj", name=Label(zh="应急管理局", en="EMB"),
    ...                      kind=AgencyKind.GOVERNMENT_DEPARTMENT),),
    ...     teams=(Team(id="t1", name=Label(zh="救援队"), domain=ForceDomain.ACCIDENT_DISASTER,
    ...                 commander="yjj"),),
    ...     plans=(Plan(id="p", title=Label(zh="专项预案"), kind=PlanKind.SPECIAL, lead="yjj"),))
    >>> print(export(system, "mermaid", view="command", lang="en"), end="")
    flowchart TD
      %% n0 = yjj
      n0["EMB"]
      %% n1 = t1
      n1["救援队"]
      n0 -->|"commands"| n1
    """
    entry = _WRITERS.get(format)
    if entry is None:
        raise UnknownFormatError(
            f"unknown graph format {format!r}; choose one of {', '.join(FORMATS)}"
        )
    if view not in VIEWS:
        raise ValueError(f"unknown graph view {view!r}; choose one of {', '.join(VIEWS)}")
    G = to_graph(graph) if isinstance(graph, EmergencySystem) else graph
    if format in PICTURES and (
        path is None or path == "-" or not isinstance(path, str | os.PathLike)
    ):
        raise ValueError(f"a {format} picture needs a file path")
    return entry.write(G, view, path, lang)


Writer = Callable[[nx.MultiDiGraph, str, Target, str], str | None]


def _picture(format: str) -> Writer:
    def draw(G: nx.MultiDiGraph, view: str, path: Target, lang: str) -> None:
        assert isinstance(path, str | os.PathLike)  # export() checked it
        draw_command_structure(G, path, view=view, lang=lang, format=format)

    return draw


class _Format(NamedTuple):
    """One export format: its writer and how it may be written."""

    write: Writer
    #: Bytes or XML, meant for a file rather than a terminal.
    file_only: bool = False
    #: A picture drawn by draw_command_structure (it needs a file path).
    picture: bool = False


# The one registry of export formats: export() dispatches on it, and FORMATS,
# FILE_ONLY, PICTURES, the command line's ``graph --format`` choices and the
# docs' lists (rewritten by ``python tests/test_registries.py --update``)
# come from it.  A writer takes the whole graph, the name of the view, the
# target and the label language: the data formats take the view's edges and
# every node, the drawings what drawn_view() keeps.
_WRITERS: dict[str, _Format] = {
    "graphml": _Format(
        lambda G, view, target, lang: to_graphml(VIEWS[view](G), target), file_only=True
    ),
    "gexf": _Format(lambda G, view, target, lang: to_gexf(VIEWS[view](G), target), file_only=True),
    "json": _Format(lambda G, view, target, lang: to_node_link_json(VIEWS[view](G), target)),
    "dot": _Format(
        lambda G, view, target, lang: _emit(to_dot(drawn_view(G, view), lang=lang), target)
    ),
    "mermaid": _Format(
        lambda G, view, target, lang: _emit(to_mermaid(drawn_view(G, view), lang=lang), target)
    ),
    "png": _Format(_picture("png"), file_only=True, picture=True),
    "svg": _Format(_picture("svg"), file_only=True, picture=True),
}

#: The formats :func:`export` writes.
FORMATS = tuple(_WRITERS)
#: The formats drawn as pictures by
#: :func:`~emergencykit.graph.draw_command_structure` (they need a file path).
PICTURES = tuple(name for name, entry in _WRITERS.items() if entry.picture)
#: The formats written as bytes or XML, meant for a file rather than a terminal.
FILE_ONLY = tuple(name for name, entry in _WRITERS.items() if entry.file_only)
