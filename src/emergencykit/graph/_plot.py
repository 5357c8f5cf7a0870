"""Pictures of the command structure (PNG, SVG), drawn with matplotlib.

matplotlib is the optional ``plot`` extra: it is imported when a picture is
drawn, and :class:`~emergencykit.errors.MissingExtraError` says what to
install when it is missing.  No display is needed; the figure is rendered
off-screen.

Chinese labels need a CJK font.  The drawing looks for one among the fonts
matplotlib knows (Noto Sans CJK, Source Han Sans, WenQuanYi, SimHei,
Microsoft YaHei, PingFang …); when none is installed it labels in English
instead, and where a node has no English name, with its id.
"""

import io
import math
import os
from collections import deque
from collections.abc import Iterable
from typing import IO, Any

import networkx as nx

from emergencykit._files import write_atomic
from emergencykit.errors import MissingExtraError
from emergencykit.graph._build import to_graph
from emergencykit.model._common import AdminLevel, AgencyKind, Relation
from emergencykit.model._forces import ForceDomain
from emergencykit.model._refs import Kind
from emergencykit.model._system import EmergencySystem

__all__ = ["cjk_font", "draw_command_structure", "layout_command_structure"]

_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "Droid Sans Fallback",
)
_DRAWN_KINDS = frozenset({Kind.AGENCY, Kind.COMMAND_BODY, Kind.TEAM, Kind.FORCE_GROUP})
_FORCE_KINDS = frozenset({Kind.TEAM, Kind.FORCE_GROUP})
_DRAWN_EDGES = frozenset({Relation.COMMANDS, Relation.DISPATCHES, Relation.MEMBER_OF})
_TIER_COLOURS = ("#d62728", "#ff7f0e", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b")
_KIND_COLOURS = {Kind.AGENCY: "#f0f0f0", Kind.COMMAND_BODY: "#fff2cc", "unranked": "#c7c7c7"}
_CENTRE_COLOUR = "#fde0c5"


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError as exc:
        raise MissingExtraError(
            "drawing needs the 'plot' extra: pip install 'emergencykit[plot]'",
            extra="plot",
            module="matplotlib",
        ) from exc
    return matplotlib


def cjk_font() -> str | None:
    """The name of an installed font that can draw Chinese, or ``None``.

    Returns
    -------
    str or None
        The first of the well-known CJK font families that matplotlib's font
        manager has found on this machine.

    Raises
    ------
    emergencykit.errors.MissingExtraError
        If matplotlib (the ``plot`` extra) is not installed.

    Examples
    --------
    >>> from emergencykit.graph import cjk_font
    >>> font = cjk_font()
    >>> font is None or "CJK" in font or font.isascii()
    True
    """
    from matplotlib import font_manager

    _matplotlib()
    known = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in _CJK_FONTS if name in known), None)


def _has_cjk(text: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in text)


def _common_suffix(labels: list[str]) -> str:
    first = labels[0]
    n = 0
    while n < len(first) and all(len(s) > n and s[-1 - n] == first[-1 - n] for s in labels):
        n += 1
    return first[len(first) - n :] if n else ""


class _Node:
    """A box of the picture: one node of the graph, or a group of alike nodes."""

    __slots__ = ("colour", "key", "label", "layer", "members", "x")

    def __init__(self, key: tuple[str, ...], members: list[str], layer: int) -> None:
        self.key = key
        self.members = members
        self.layer = layer
        self.label = ""
        self.colour = _KIND_COLOURS[Kind.AGENCY]
        self.x = 0.0


def _group_key(data: dict[str, Any]) -> tuple[str, ...]:
    kind = data["kind"]
    level = str(data.get("level", ""))
    if kind == Kind.TEAM:
        return (kind, level, str(data.get("tier", "")), str(data.get("domain", "")))
    if kind == Kind.FORCE_GROUP:
        return (kind, level, str(data.get("domain", "")))
    if kind == Kind.AGENCY:
        return (kind, level, str(data.get("agency_kind", "")), str(data.get("sector", "")))
    return (kind, level, str(data.get("command_body_kind", "")))


def layout_command_structure(
    G: nx.MultiDiGraph, *, max_per_layer: int = 12
) -> tuple[list[list[str]], dict[str, int], list[tuple[int, int, str, int]], list[str]]:
    """Lay the command structure out in layers, grouping alike nodes in crowded layers.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`~emergencykit.graph.to_graph`.
    max_per_layer : int
        A layer with more boxes than this has its largest set of alike nodes
        (same kind, level and tier, sector or domain) drawn as one box, again
        until it fits or nothing is left to merge.

    Returns
    -------
    boxes : list of list of str
        For each box, left to right and layer by layer, the ids it stands for.
    layers : dict of str to int
        Node id → layer, from 0 at the top: agencies and command bodies by
        administrative level (national, provincial … village) and, within a
        level, by depth in that level's command tree; then one layer of forces.
    edges : list of (int, int, str, int)
        Between boxes: (from, to, relation, number of graph edges), for
        *commands*, *dispatches* and a force's *member_of* its agency.
    layer_names : list of str
        The level that starts at each layer (``""`` for a deeper layer of the
        same level), ``"forces"`` for the last.

    Examples
    --------
    >>> from emergencykit import EmergencySystem, Agency, AgencyKind, Team, ForceDomain, Label
    >>> from emergencykit.graph._build import to_graph
    >>> from emergencykit.graph import layout_command_structure
    >>> teams = tuple(Team(id=f"t{i}", name=Label(zh=f"第{i}乡镇救援队"),
    ...                    domain=ForceDomain.ACCIDENT_DISASTER, commander="gov") for i in range(5))
    >>> system = EmergencySystem(id="demo", name=Label(zh="示例"), teams=teams,
    ...     agencies=(Agency(id="gov", name=Label(zh="区政府"), kind=AgencyKind.GOVERNMENT),))
    >>> boxes, layers, edges, names = layout_command_structure(to_graph(system), max_per_layer=3)
    >>> boxes
    [['gov'], ['t0', 't1', 't2', 't3', 't4']]
    >>> edges, names
    ([(0, 1, 'commands', 5)], ['unknown', 'forces'])
    """
    nodes, index, names = _layout(G, max_per_layer)
    layers = {m: n.layer for n in nodes for m in n.members}
    return [n.members for n in nodes], layers, _box_edges(G, index), names


def _layer_of(data: dict[str, Any]) -> int:
    if data["kind"] in _FORCE_KINDS:
        return len(AdminLevel) + 1
    level = data.get("level")
    return AdminLevel(level).rank if level is not None else len(AdminLevel)


def _depths(G: nx.MultiDiGraph, ranks: dict[str, int]) -> dict[str, int]:
    """Depth of each node in the command tree of its own level (0 at the top).

    Breadth-first from the nodes no one of their level commands, so a cycle
    cannot loop; nodes reached only through a cycle stay at depth 0.
    """
    below: dict[str, list[str]] = {}
    commanded: set[str] = set()
    for u, v, key in G.edges(keys=True):
        if key == Relation.COMMANDS and u != v and u in ranks and ranks.get(v) == ranks[u]:
            below.setdefault(u, []).append(v)
            commanded.add(v)
    depth = {n: 0 for n in ranks if n not in commanded}
    queue = deque(sorted(depth))
    while queue:
        node = queue.popleft()
        for child in sorted(below.get(node, ())):
            if child not in depth:
                depth[child] = depth[node] + 1
                queue.append(child)
    return depth


def _layer_name(layer: tuple[int, int]) -> str:
    rank, depth = layer
    if depth:
        return ""
    levels = list(AdminLevel)
    if rank < len(levels):
        return levels[rank].value
    return "unknown" if rank == len(levels) else "forces"


def _layout(
    G: nx.MultiDiGraph, max_per_layer: int
) -> tuple[list[_Node], dict[str, int], list[str]]:
    ranks = {
        node: _layer_of(data)
        for node, data in G.nodes(data=True)
        if data.get("kind") in _DRAWN_KINDS
    }
    depths = _depths(G, ranks)
    by_layer: dict[tuple[int, int], dict[tuple[str, ...], list[str]]] = {}
    for node, rank in ranks.items():
        layer = (rank, depths.get(node, 0))
        by_layer.setdefault(layer, {}).setdefault(_group_key(G.nodes[node]), []).append(node)
    dense = {layer: rank for rank, layer in enumerate(sorted(by_layer))}
    boxes: list[_Node] = []
    for layer in sorted(by_layer):
        groups = by_layer[layer]
        merged: set[tuple[str, ...]] = set()
        count = sum(len(m) for m in groups.values())
        while count > max_per_layer:
            candidates = [(len(m), k) for k, m in groups.items() if k not in merged and len(m) > 1]
            if not candidates:
                break
            size, key = max(candidates)
            merged.add(key)
            count -= size - 1
        for key in sorted(groups):
            members = sorted(groups[key])
            if key in merged:
                boxes.append(_Node(key, members, dense[layer]))
            else:
                boxes.extend(_Node(key, [m], dense[layer]) for m in members)
    index = {m: i for i, box in enumerate(boxes) for m in box.members}
    _order(G, boxes, index)
    boxes.sort(key=lambda b: (b.layer, b.x))
    index = {m: i for i, box in enumerate(boxes) for m in box.members}
    return boxes, index, [_layer_name(layer) for layer in sorted(by_layer)]


def _box_edges(G: nx.MultiDiGraph, index: dict[str, int]) -> list[tuple[int, int, str, int]]:
    kinds = G.nodes(data="kind")
    counts: dict[tuple[int, int, str], int] = {}
    for u, v, key in G.edges(keys=True):
        if key not in _DRAWN_EDGES or u not in index or v not in index:
            continue
        if key == Relation.MEMBER_OF and kinds[u] not in _FORCE_KINDS:
            continue
        edge = (index[u], index[v], str(Relation(key).value))
        counts[edge] = counts.get(edge, 0) + 1
    return [(a, b, rel, n) for (a, b, rel), n in sorted(counts.items())]


def _order(G: nx.MultiDiGraph, boxes: list[_Node], index: dict[str, int]) -> None:
    """Place boxes left to right, each layer under the mean place of its neighbours above."""
    neighbours: dict[int, set[int]] = {i: set() for i in range(len(boxes))}
    for a, b, _, _ in _box_edges(G, index):
        neighbours[a].add(b)
        neighbours[b].add(a)
    for layer in sorted({b.layer for b in boxes}):
        row = [i for i, b in enumerate(boxes) if b.layer == layer]
        placed: list[tuple[float, int, int]] = []
        for position, i in enumerate(row):
            above = [boxes[j].x for j in neighbours[i] if boxes[j].layer < layer]
            centre = sum(above) / len(above) if above else math.inf
            placed.append((centre, position, i))
        placed.sort()
        for slot, (_, _, i) in enumerate(placed):
            boxes[i].x = slot - (len(placed) - 1) / 2


def _wrap(text: str, width: int) -> str:
    if _has_cjk(text):
        return "\n".join(text[i : i + width] for i in range(0, len(text), width))
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > 2 * width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def _box_label(G: nx.MultiDiGraph, box: _Node, lang: str) -> str:
    def name(node: str) -> str:
        data = G.nodes[node]
        text = str(data.get(f"label_{lang}", node))
        return node if lang == "en" and _has_cjk(text) else text

    kind = box.key[0]
    teams = [G.nodes[m].get("teams") for m in box.members]
    known = [t for t in teams if isinstance(t, int)]
    if len(box.members) == 1:
        label = name(box.members[0])
        if kind == Kind.FORCE_GROUP and known and str(known[0]) not in label:
            label = f"{known[0]}支{label}" if lang == "zh" else f"{label} ({known[0]} teams)"
        return label
    n = len(box.members)
    suffix = _common_suffix([name(m) for m in box.members]).strip(" -")
    if len(suffix) < 2:
        suffix = _fallback_noun(box, lang)
    if lang == "zh":
        units: dict[str, str] = {Kind.TEAM: "支", Kind.FORCE_GROUP: "组"}
        unit = units.get(kind, "个")
        label = f"{n}{unit}{suffix}"
        return f"{label}(共{sum(known)}支)" if kind == Kind.FORCE_GROUP and known else label
    label = f"{n} × {suffix}"
    return f"{label} ({sum(known)} teams)" if kind == Kind.FORCE_GROUP and known else label


def _fallback_noun(box: _Node, lang: str) -> str:
    kind = box.key[0]
    if kind == Kind.AGENCY and box.key[2]:
        return AgencyKind(box.key[2]).label(lang)
    if kind in _FORCE_KINDS and box.key[-1]:
        noun = ForceDomain(box.key[-1]).label(lang)
        return f"{noun}队伍" if lang == "zh" else f"{noun} teams"
    return {"zh": "单位", "en": "units"}[lang] if lang in ("zh", "en") else kind


def _colours(G: nx.MultiDiGraph, boxes: list[_Node]) -> dict[str, str]:
    """Colour boxes by tier rank for forces, by kind otherwise; return the tiers used."""
    tiers = sorted(
        (data.get("rank", 99), node)
        for node, data in G.nodes(data=True)
        if data.get("kind") == Kind.TIER
    )
    palette = {node: _TIER_COLOURS[i % len(_TIER_COLOURS)] for i, (_, node) in enumerate(tiers)}
    used: dict[str, str] = {}
    for box in boxes:
        data = G.nodes[box.members[0]]
        kind = data["kind"]
        if kind in _FORCE_KINDS:
            tier = data.get("tier")
            box.colour = palette.get(tier, _KIND_COLOURS["unranked"])
            if tier in palette:
                used[tier] = box.colour
        elif kind == Kind.AGENCY and data.get("agency_kind") == AgencyKind.COMMAND_CENTRE:
            box.colour = _CENTRE_COLOUR
        else:
            box.colour = _KIND_COLOURS.get(kind, _KIND_COLOURS[Kind.AGENCY])
    return {tier: colour for tier, colour in palette.items() if tier in used}


_EDGE_STYLE: dict[str, dict[str, Any]] = {
    "commands": {"color": "#333333", "linestyle": "-", "arrowstyle": "-|>"},
    "dispatches": {"color": "#1f77b4", "linestyle": "--", "arrowstyle": "-|>"},
    "member_of": {"color": "#999999", "linestyle": ":", "arrowstyle": "-"},
}
_LAYER_NAMES = {
    "zh": {level.value: level.zh for level in AdminLevel}
    | {"unknown": "未定级", "forces": "队伍", "": ""},
    "en": {level.value: level.en for level in AdminLevel}
    | {"unknown": "no level", "forces": "forces", "": ""},
}


def draw_command_structure(
    graph: EmergencySystem | nx.MultiDiGraph,
    path: str | os.PathLike[str] | IO[bytes],
    *,
    lang: str = "zh",
    format: str | None = None,
    max_per_layer: int = 12,
) -> None:
    """Draw the command structure as a layered picture (PNG or SVG).

    Agencies and command bodies sit in layers by administrative level
    (provincial or municipal, county, township …, top down) and within a
    level by depth of command, forces in a last layer, each layer ordered
    under its superiors.  Forces are coloured
    by tier; command centres are shaded.  Solid arrows are *commands*, blue
    dashed arrows *dispatches*, grey dotted lines a force's agency.  A layer
    with more than ``max_per_layer`` boxes shows its largest set of alike
    nodes as one box with their number ("988支区县乡镇救援队伍").

    Parameters
    ----------
    graph : EmergencySystem or networkx.MultiDiGraph
        A system, or its graph from :func:`~emergencykit.graph.to_graph`.
    path : str, path or binary file
        Where to write the picture.
    lang : {"zh", "en"}
        Label language.  Chinese needs a CJK font (:func:`cjk_font`); without
        one the picture is labelled in English, and nodes with no English
        name by their id.
    format : {"png", "svg"}, optional
        By default taken from the file name's suffix, else PNG.
    max_per_layer : int
        See :func:`layout_command_structure`.

    Raises
    ------
    emergencykit.errors.MissingExtraError
        If matplotlib (the ``plot`` extra) is not installed.
    ValueError
        If ``format`` is neither ``png`` nor ``svg``.

    Examples
    --------
    >>> import io
    >>> from emergencykit.datasets import synthetic
    >>> from emergencykit.graph import draw_command_structure
    >>> picture = io.BytesIO()
    >>> draw_command_structure(synthetic(objects=400), picture, lang="en", format="svg")
    >>> picture.getvalue().startswith(b"<?xml")
    True
    """
    matplotlib = _matplotlib()
    from matplotlib.figure import Figure

    if format is None:
        suffix = (
            os.fspath(path).rsplit(".", 1)[-1].lower()
            if isinstance(path, str | os.PathLike)
            else ""
        )
        format = suffix if suffix in ("png", "svg") else "png"
    if format not in ("png", "svg"):
        raise ValueError(f"a picture is png or svg (got {format!r})")
    G = to_graph(graph) if isinstance(graph, EmergencySystem) else graph
    font = cjk_font()
    if lang == "zh" and font is None:
        lang = "en"
    boxes, index, layer_names = _layout(G, max_per_layer)
    legend = _colours(G, boxes)
    for box in boxes:
        box.label = _wrap(_box_label(G, box, lang), 9 if lang == "zh" else 11)
    edges = _box_edges(G, index)
    width = max(
        (sum(1 for b in boxes if b.layer == layer) for layer in range(len(layer_names))), default=1
    )
    families = [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
    rc = {"font.family": families, "svg.hashsalt": "emergencykit", "axes.unicode_minus": False}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(max(8.0, 1.75 * width + 1.5), max(4.0, 1.7 * len(layer_names) + 1.2)))
        ax = fig.add_axes((0.01, 0.01, 0.98, 0.92))
        ax.set_axis_off()
        ax.set_xlim(-(width - 1) / 2 - 1.0, (width - 1) / 2 + 0.6)
        ax.set_ylim(-len(layer_names) + 0.4, 0.6)
        _draw_edges(ax, boxes, edges)
        _draw_boxes(ax, boxes)
        for i, name in enumerate(layer_names):
            ax.text(
                -(width - 1) / 2 - 0.95,
                -i,
                _LAYER_NAMES[lang][name],
                fontsize=9,
                color="#555555",
                va="center",
                ha="left",
                style="italic",
            )
        title = G.graph.get(f"name_{lang}") or G.graph.get("name_zh") or ""
        if lang == "en" and _has_cjk(str(title)):
            title = str(G.graph.get("id", ""))
        fig.suptitle(str(title), fontsize=12)
        _legend(ax, G, legend, lang)
        metadata = {"Date": None} if format == "svg" else {}
        if isinstance(path, str | os.PathLike):
            # Drawn in memory first, so that a failed write leaves no half picture.
            picture = io.BytesIO()
            fig.savefig(picture, format=format, dpi=110, metadata=metadata)
            write_atomic(path, picture.getvalue())
        else:
            fig.savefig(path, format=format, dpi=110, metadata=metadata)


def _draw_boxes(ax: Any, boxes: Iterable[_Node]) -> None:
    for box in boxes:
        ax.text(
            box.x,
            -box.layer,
            box.label,
            ha="center",
            va="center",
            fontsize=8.5,
            bbox={
                "boxstyle": "round,pad=0.35",
                "facecolor": box.colour,
                "edgecolor": "#666666",
                "linewidth": 0.6,
            },
            zorder=3,
        )


def _draw_edges(ax: Any, boxes: list[_Node], edges: list[tuple[int, int, str, int]]) -> None:
    from matplotlib.patches import FancyArrowPatch

    for a, b, relation, count in edges:
        if a == b:
            continue
        style = _EDGE_STYLE[relation]
        start, end = boxes[a], boxes[b]
        ax.add_patch(
            FancyArrowPatch(
                (start.x, -start.layer),
                (end.x, -end.layer),
                arrowstyle=style["arrowstyle"],
                mutation_scale=9,
                shrinkA=14,
                shrinkB=14,
                color=style["color"],
                linestyle=style["linestyle"],
                linewidth=min(3.0, 0.7 + 0.35 * math.log10(count)),
                connectionstyle="arc3,rad=0.0" if start.layer != end.layer else "arc3,rad=0.25",
                zorder=1,
            )
        )


def _legend(ax: Any, G: nx.MultiDiGraph, tiers: dict[str, str], lang: str) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = []
    for tier, colour in tiers.items():
        label = str(G.nodes[tier].get(f"label_{lang}", tier))
        handles.append(Patch(facecolor=colour, edgecolor="#666666", label=label))
    for relation in ("commands", "dispatches"):
        style = _EDGE_STYLE[relation]
        handles.append(
            Line2D(
                [],
                [],
                color=style["color"],
                linestyle=style["linestyle"],
                label=Relation(relation).label(lang),
            )
        )
    ax.legend(handles=handles, loc="upper right", fontsize=7, frameon=False)
