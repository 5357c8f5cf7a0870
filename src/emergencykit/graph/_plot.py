"""Pictures of the relation graph and its views (PNG, SVG), drawn with matplotlib.

matplotlib is the optional ``plot`` extra: it is imported when a picture is
drawn, and :class:`~emergencykit.errors.MissingExtraError` says what to
install when it is missing.  No display is needed; the figure is rendered
off-screen, with every setting in a local ``rc_context`` so that the
caller's matplotlib settings are neither read nor changed.

Chinese labels need a CJK font.  The drawing looks for one among the fonts
matplotlib knows (Noto Sans CJK, Source Han Sans, WenQuanYi, SimHei,
Microsoft YaHei, PingFang …); when none is installed it labels in English
instead, and where a node has no English name, with its id, and says so with
a :class:`~emergencykit.errors.MissingFontWarning`.
"""

import io
import math
import os
import warnings
from collections import deque
from collections.abc import Iterable
from typing import IO, Any

import networkx as nx

from emergencykit._files import write_atomic
from emergencykit._guards import takes
from emergencykit.errors import MissingExtraError, MissingFontWarning
from emergencykit.graph._build import to_graph
from emergencykit.graph._views import drawn_view
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
_FORCE_KINDS = frozenset({Kind.TEAM, Kind.FORCE_GROUP})
# The kinds laid out, and coloured, by administrative level.
_LEVELLED_KINDS = frozenset({Kind.JURISDICTION, Kind.AGENCY, Kind.COMMAND_BODY})
_UNKNOWN_LAYER = len(AdminLevel)
_FORCES_LAYER = len(AdminLevel) + 1
_OTHERS_LAYER = len(AdminLevel) + 2

# Colour says rank: blues for the administrative level (darker is higher,
# national … village), reds for the tier rank (darker is rank 1; ranks past
# the last share its colour), grey where the document gives neither.
_LEVEL_COLOURS = ("#4292c6", "#6baed6", "#9ecae1", "#c6dbef", "#deebf7", "#f2f7fd")
_TIER_COLOURS = ("#ef6548", "#fc8d59", "#fdbb84", "#fdd49e", "#fee8c8")
_NO_RANK = "#d9d9d9"
# Objects that have no rank (plans, proposals, commitments …) are filled by
# kind: pale colours clear of the blues and reds of rank, given to the kinds
# in the picture in the order of Kind, so that up to twenty kinds differ.
_KIND_FILLS = (
    "#fff2cc",
    "#d9ead3",
    "#ead1dc",
    "#d0e0e3",
    "#e4dcf0",
    "#f4f1de",
    "#c9e4c5",
    "#f2e6d9",
    "#e0f0e9",
    "#efe1f7",
    "#f7f7c6",
    "#dfe8d0",
    "#f5dfe9",
    "#d5e8e8",
    "#e8e0d5",
    "#ebf5c4",
    "#e6d7f2",
    "#cfe8d8",
    "#f9ecc0",
    "#ece4ee",
)
# Shape says kind for the units and forces; every other kind is a square box.
_SHAPES: dict[str, str] = {
    Kind.JURISDICTION: "square",
    Kind.AGENCY: "round",
    Kind.COMMAND_BODY: "round4",
    Kind.TEAM: "roundtooth",
    Kind.FORCE_GROUP: "sawtooth",
}
_OTHER_SHAPE = "square"


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
    _matplotlib()
    from matplotlib import font_manager

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
        self.colour = _NO_RANK
        self.x = 0.0


def _group_key(data: dict[str, Any]) -> tuple[str, ...]:
    """What alike nodes share: everything that decides a box's layer, shape and colour."""
    kind = str(data.get("kind", ""))
    level = str(data.get("level", ""))
    if kind in _FORCE_KINDS:
        return (kind, level, str(data.get("tier", "")), str(data.get("domain", "")))
    if kind == Kind.AGENCY:
        return (kind, level, str(data.get("agency_kind", "")), str(data.get("sector", "")))
    if kind == Kind.TIER:
        return (kind, level, str(data.get("rank", "")))
    return (kind, level, str(data.get(f"{kind}_kind", "")))


@takes(G=nx.MultiDiGraph)
def layout_command_structure(
    G: nx.MultiDiGraph, *, view: str = "command", max_per_layer: int = 12
) -> tuple[list[list[str]], dict[str, int], list[tuple[int, int, str, int]], list[str]]:
    """Lay a view of the graph out in layers, grouping alike nodes in crowded layers.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`~emergencykit.graph.to_graph`.
    view : str
        One of :data:`~emergencykit.graph.VIEWS`.  The view's edges are laid
        out with the nodes they touch (every node for ``all``), as every
        drawing of the view shows them.
    max_per_layer : int
        A layer with more boxes than this has its largest set of alike nodes
        (same kind, level and tier, sector or domain) drawn as one box, again
        until it fits or nothing is left to merge; what still does not fit
        wraps onto further rows.

    Returns
    -------
    boxes : list of list of str
        For each box, left to right and layer by layer, the ids it stands for.
    layers : dict of str to int
        Node id → row, from 0 at the top, by layer: jurisdictions, agencies and
        command bodies by administrative level (national, provincial …
        village, then those of no known level) and, within a level, by depth
        in that level's command tree; then one layer of forces (teams and
        force groups); then one of every other kind of object.
    edges : list of (int, int, str, int)
        Between boxes: (from, to, relation, number of graph edges), for
        every edge of the view.
    layer_names : list of str
        For each row, the layer it starts: a level (``""`` for a deeper
        layer of the same level, or a wrapped row), ``"unknown"`` for no
        known level, ``"forces"`` and ``"other"`` for the last two.

    Raises
    ------
    ValueError
        If ``view`` is not one of :data:`~emergencykit.graph.VIEWS`.

    Examples
    --------
    >>> from emergencykit import EmergencySystem, Agency, AgencyKind, Team, ForceDomain, Label
    >>> from emergencykit.graph import to_graph, layout_command_structure
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
    H = drawn_view(G, view)
    nodes, index, names = _layout(H, max_per_layer)
    layers = {m: n.layer for n in nodes for m in n.members}
    return [n.members for n in nodes], layers, _box_edges(H, index), names


def _layer_of(data: dict[str, Any]) -> int:
    kind = data.get("kind")
    if kind in _FORCE_KINDS:
        return _FORCES_LAYER
    if kind not in _LEVELLED_KINDS:
        return _OTHERS_LAYER
    level = _level(data)
    return level.rank if level is not None else _UNKNOWN_LAYER


def _level(data: dict[str, Any]) -> AdminLevel | None:
    level: Any = data.get("level")
    try:
        return AdminLevel(level)
    except ValueError:
        return None


def _depths(G: nx.MultiDiGraph, ranks: dict[str, int]) -> dict[str, int]:
    """Depth of each node in the command tree of its own level (0 at the top).

    Breadth-first from the nodes no one of their level commands, so a cycle
    cannot loop; nodes reached only through a cycle stay at depth 0.
    """
    below: dict[str, list[str]] = {}
    commanded: set[str] = set()
    for u, v, key in G.edges(keys=True):
        if (
            key == Relation.COMMANDS
            and u != v
            and ranks.get(u, _OTHERS_LAYER) < _FORCES_LAYER
            and ranks.get(v) == ranks[u]
        ):
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
    return {_UNKNOWN_LAYER: "unknown", _FORCES_LAYER: "forces"}.get(rank, "other")


def _layout(
    G: nx.MultiDiGraph, max_per_layer: int
) -> tuple[list[_Node], dict[str, int], list[str]]:
    ranks = {node: _layer_of(data) for node, data in G.nodes(data=True)}
    depths = _depths(G, ranks)
    by_layer: dict[tuple[int, int], dict[tuple[str, ...], list[str]]] = {}
    for node, rank in ranks.items():
        layer = (rank, depths.get(node, 0))
        by_layer.setdefault(layer, {}).setdefault(_group_key(G.nodes[node]), []).append(node)
    boxes: list[_Node] = []
    names: list[str] = []
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
        row: list[tuple[tuple[str, ...], list[str]]] = []
        for key in sorted(groups):
            members = sorted(groups[key])
            if key in merged:
                row.append((key, members))
            else:
                row.extend((key, [m]) for m in members)
        # What merging cannot narrow (many kinds of one each) wraps onto more rows.
        for start in range(0, len(row), max(max_per_layer, 1)):
            names.append(_layer_name(layer) if start == 0 else "")
            boxes.extend(
                _Node(key, members, len(names) - 1)
                for key, members in row[start : start + max(max_per_layer, 1)]
            )
    index = {m: i for i, box in enumerate(boxes) for m in box.members}
    _order(G, boxes, index)
    boxes.sort(key=lambda b: (b.layer, b.x))
    index = {m: i for i, box in enumerate(boxes) for m in box.members}
    return boxes, index, names


def _box_edges(G: nx.MultiDiGraph, index: dict[str, int]) -> list[tuple[int, int, str, int]]:
    counts: dict[tuple[int, int, str], int] = {}
    for u, v, key in G.edges(keys=True):
        edge = (index[u], index[v], _relation_value(key))
        counts[edge] = counts.get(edge, 0) + 1
    return [(a, b, rel, n) for (a, b, rel), n in sorted(counts.items())]


def _relation_value(key: Any) -> str:
    try:
        return str(Relation(key).value)
    except ValueError:
        return str(key)


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


def _name(G: nx.MultiDiGraph, node: str, lang: str) -> str:
    """A node's label in ``lang``; in English, its id where it has only a Chinese name."""
    data = G.nodes[node] if node in G else {}
    text = str(data.get(f"label_{lang}", node))
    return node if lang == "en" and _has_cjk(text) else text


def _kind_label(kind: str, lang: str) -> str:
    try:
        return Kind(kind).label(lang)
    except ValueError:
        return kind


def _box_label(G: nx.MultiDiGraph, box: _Node, lang: str) -> str:
    kind = box.key[0]
    teams = [G.nodes[m].get("teams") for m in box.members]
    known = [t for t in teams if isinstance(t, int)]
    if len(box.members) == 1:
        label = _name(G, box.members[0], lang)
        if kind == Kind.FORCE_GROUP and known and str(known[0]) not in label:
            label = f"{known[0]}支{label}" if lang == "zh" else f"{label} ({known[0]} teams)"
        return label
    n = len(box.members)
    suffix = _common_suffix([_name(G, m, lang) for m in box.members]).strip(" -")
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
    return _kind_label(kind, lang)


def _tier_rank(G: nx.MultiDiGraph, data: dict[str, Any]) -> int | None:
    """The rank of a tier node, or of the tier a force belongs to, if the graph has it."""
    if data.get("kind") != Kind.TIER:
        tier = data.get("tier")
        data = G.nodes[tier] if tier in G else {}
    rank = data.get("rank")
    return rank if isinstance(rank, int) and not isinstance(rank, bool) else None


def _colour(
    G: nx.MultiDiGraph, data: dict[str, Any], fills: dict[str, str]
) -> tuple[str, tuple[Any, ...]]:
    """A box's fill, and the legend entry that explains it.

    The entry is ``("level", rank)``, ``("tier", rank)``, ``("none",)`` or
    ``("kind", kind)``; ``fills`` gives the unranked kinds theirs.
    """
    kind = str(data.get("kind", ""))
    if kind in _FORCE_KINDS or kind == Kind.TIER:
        tier_rank = _tier_rank(G, data)
        if tier_rank is None:
            return _NO_RANK, ("none",)
        return _TIER_COLOURS[min(tier_rank, len(_TIER_COLOURS)) - 1], ("tier", tier_rank)
    if kind in _LEVELLED_KINDS:
        level = _level(data)
        if level is None:
            return _NO_RANK, ("none",)
        return _LEVEL_COLOURS[level.rank], ("level", level.rank)
    return fills[kind], ("kind", kind)


# Each relation its own colour and line; an edge key the model does not
# know (a graph read back from a file) is drawn plain grey.
_EDGE_STYLE: dict[str, tuple[str, Any]] = {
    "commands": ("#222222", "-"),
    "dispatches": ("#1f77b4", "--"),
    "leads": ("#2ca02c", "-"),
    "co_handles": ("#2ca02c", "--"),
    "member_of": ("#7f7f7f", ":"),
    "reports_to": ("#9467bd", "-"),
    "supervises": ("#8c564b", "-."),
    "covers": ("#bcbd22", ":"),
    "activates": ("#d62728", "-."),
    "backs_up": ("#e377c2", "--"),
    "located_in": ("#17becf", ":"),
}
_OTHER_EDGE: tuple[str, Any] = ("#999999", "-")
_LAYER_NAMES = {
    "zh": {level.value: level.zh for level in AdminLevel}
    | {"unknown": "未定级", "forces": "队伍", "other": "其他对象", "": ""},
    "en": {level.value: level.en for level in AdminLevel}
    | {"unknown": "no level", "forces": "forces", "other": "other objects", "": ""},
}
_VIEW_NAMES = {
    "zh": {
        "all": "全部关系",
        "command": "指挥与调度",
        "cohandling": "牵头与协办",
        "reporting": "报告",
    },
    "en": {
        "all": "all relations",
        "command": "command and dispatch",
        "cohandling": "lead and co-handling",
        "reporting": "reporting",
    },
}
_WORDS = {
    "zh": {
        "kinds": "对象类型",
        "colours": "颜色：级别／分层",
        "relations": "关系（箭头指向）",
        "none": "未定级或未分层",
        "empty": "此视图中没有关系",
    },
    "en": {
        "kinds": "kinds of object",
        "colours": "colour: level / tier",
        "relations": "relations (arrow points to)",
        "none": "no level or tier",
        "empty": "nothing in this view",
    },
}


@takes(graph=(EmergencySystem, nx.MultiDiGraph))
def draw_command_structure(
    graph: EmergencySystem | nx.MultiDiGraph,
    path: str | os.PathLike[str] | IO[bytes],
    *,
    view: str = "command",
    lang: str = "zh",
    format: str | None = None,
    max_per_layer: int = 12,
) -> None:
    """Draw a view of the graph, by default the command structure, as a layered picture.

    The picture shows what every drawing of ``view`` shows (DOT and Mermaid
    too): the view's edges and the nodes they touch, every node for
    ``all``.  Jurisdictions, agencies and command bodies sit in layers by
    administrative level (provincial or municipal, county, township …, top
    down) and within a level by depth of command; forces come in the next
    layer and every other object in the last, each layer ordered under the
    boxes it is linked to above.  A layer with more than ``max_per_layer``
    boxes shows its largest set of alike nodes as one box with their number
    ("988支区县乡镇救援队伍").

    Every edge is an arrow from its source to its target, stopping at the
    box's edge.  Colour says rank: jurisdictions, agencies and command bodies
    are blue by administrative level (darker is higher), forces and tiers
    red by their tier's rank (darker is rank 1), grey where the document
    gives neither; objects with no rank are filled by kind.  Shape says kind.
    The legend lists the kinds, colours and relations in the picture, and
    only those.

    The same input gives the same bytes.  SVG text stays text (not glyph
    outlines), so it can be selected and searched, and a browser draws it
    with the reader's fonts.

    Parameters
    ----------
    graph : EmergencySystem or networkx.MultiDiGraph
        A system, or its graph from :func:`~emergencykit.graph.to_graph`.
    path : str, path or binary file
        Where to write the picture.
    view : str
        One of :data:`~emergencykit.graph.VIEWS`.
    lang : {"zh", "en"}
        Label language.  Chinese needs a CJK font (:func:`cjk_font`); without
        one the picture is labelled in English, and nodes with no English
        name by their id, with a warning.
    format : {"png", "svg"}, optional
        By default taken from the file name's suffix, else PNG.
    max_per_layer : int
        See :func:`layout_command_structure`.

    Raises
    ------
    emergencykit.errors.MissingExtraError
        If matplotlib (the ``plot`` extra) is not installed.
    ValueError
        If ``format`` is neither ``png`` nor ``svg``, or ``view`` is not one
        of :data:`~emergencykit.graph.VIEWS`.

    Warns
    -----
    emergencykit.errors.MissingFontWarning
        When ``lang`` is ``"zh"`` and no installed font draws Chinese: the
        picture is labelled in English instead.

    Examples
    --------
    >>> import io
    >>> from emergencykit.datasets import synthetic
    >>> from emergencykit.graph import draw_command_structure
    >>> picture = io.BytesIO()
    >>> draw_command_structure(synthetic(objects=400), picture, lang="en", format="svg")
    >>> svg = picture.getvalue()
    >>> svg.startswith(b"<?xml"), b"<text" in svg
    (True, True)
    """
    matplotlib = _matplotlib()
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
    H = drawn_view(G, view)
    font = cjk_font()
    if lang == "zh" and font is None:
        warnings.warn(
            "no installed font has Chinese characters, so the picture is labelled in English: "
            "install a CJK font such as Noto Sans CJK, or ask for English (--lang en)",
            MissingFontWarning,
            stacklevel=3,  # the caller, past the argument guard (takes)
        )
        lang = "en"
    with matplotlib.rc_context(_rc(font)):
        fig = _figure(G, H, view, lang, max_per_layer)
        # No date in the file, so that the same input gives the same bytes.
        metadata = {"Date": None} if format == "svg" else {}
        if isinstance(path, str | os.PathLike):
            # Drawn in memory first, so that a failed write leaves no half picture.
            picture = io.BytesIO()
            fig.savefig(picture, format=format, dpi=110, metadata=metadata)
            write_atomic(path, picture.getvalue())
        else:
            fig.savefig(path, format=format, dpi=110, metadata=metadata)


def _rc(font: str | None) -> dict[str, Any]:
    """The settings of a drawing, applied in an ``rc_context`` around it, never globally."""
    families = [font, "DejaVu Sans", "sans-serif"] if font else ["DejaVu Sans", "sans-serif"]
    return {
        "font.family": families,
        "axes.unicode_minus": False,
        # Text as text: selectable and searchable, drawn with the reader's fonts.
        "svg.fonttype": "none",
        # Element ids from a fixed salt rather than a random one: same input, same bytes.
        "svg.hashsalt": "emergencykit",
    }


def _figure(
    G: nx.MultiDiGraph, H: nx.MultiDiGraph, view: str, lang: str, max_per_layer: int
) -> Any:
    """The figure of ``H`` (the drawn view of ``G``), built inside the drawing's ``rc_context``."""
    from matplotlib.figure import Figure

    words = _WORDS[lang]
    boxes, index, layer_names = _layout(H, max_per_layer)
    unranked = sorted(
        {box.key[0] for box in boxes} - _FORCE_KINDS - _LEVELLED_KINDS - {Kind.TIER},
        key=_kind_order,
    )
    fills = {kind: _KIND_FILLS[i % len(_KIND_FILLS)] for i, kind in enumerate(unranked)}
    legend_colours: dict[tuple[Any, ...], str] = {}
    for box in boxes:
        box.label = _wrap(_box_label(H, box, lang), 9 if lang == "zh" else 11)
        box.colour, entry = _colour(G, H.nodes[box.members[0]], fills)
        legend_colours[entry] = box.colour
    edges = [e for e in _box_edges(H, index) if e[0] != e[1]]
    width = max(
        (sum(1 for b in boxes if b.layer == layer) for layer in range(len(layer_names))), default=1
    )
    handles = _legend_handles(G, boxes, edges, legend_colours, lang)
    drawing_width = max(6.0, 1.75 * width + 1.5)
    legend_width = 2.4
    figure_width = drawing_width + legend_width
    height = max(4.0, 1.7 * len(layer_names) + 1.2, 0.17 * len(handles) + 1.0)
    fig = Figure(figsize=(figure_width, height))
    ax = fig.add_axes((0.01, 0.01, drawing_width / figure_width - 0.01, 0.92))
    ax.set_axis_off()
    ax.set_xlim(-(width - 1) / 2 - 1.0, (width - 1) / 2 + 0.6)
    ax.set_ylim(-max(len(layer_names), 1) + 0.4, 0.6)
    texts = _draw_boxes(ax, boxes)
    _draw_edges(fig, ax, texts, edges)
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
    if not boxes:
        ax.text(0, 0, words["empty"], ha="center", va="center", fontsize=10, color="#555555")
    title = str(G.graph.get(f"name_{lang}") or G.graph.get("name_zh") or "")
    if lang == "en" and _has_cjk(title):
        title = str(G.graph.get("id", ""))
    shown_view = _VIEW_NAMES[lang].get(view, view)
    fig.suptitle(f"{title} · {shown_view}" if title else shown_view, fontsize=12)
    _legend(fig, handles, drawing_width / figure_width)
    return fig


# Bends for the 1st, 2nd … edge between the same two boxes, so that parallel
# edges (two relations, or both directions) do not hide one another.
_BENDS = (0.0, 0.2, -0.2, 0.35, -0.35, 0.5, -0.5)
_FONT_SIZE = 8.5
_PAD = 0.35


def _box_style(kind: str) -> str:
    return f"{_SHAPES.get(kind, _OTHER_SHAPE)},pad={_PAD}"


def _draw_boxes(ax: Any, boxes: Iterable[_Node]) -> list[Any]:
    return [
        ax.text(
            box.x,
            -box.layer,
            box.label,
            ha="center",
            va="center",
            fontsize=_FONT_SIZE,
            bbox={
                "boxstyle": _box_style(box.key[0]),
                "facecolor": box.colour,
                "edgecolor": "#555555",
                "linewidth": 0.6,
            },
            zorder=3,
        )
        for box in boxes
    ]


def _draw_edges(
    fig: Any, ax: Any, texts: list[Any], edges: list[tuple[int, int, str, int]]
) -> None:
    """Draw each edge as an arrow from its source's outline to its target's.

    Each end is cut back by the distance from the box's centre to its
    outline along the arrow (measured once per box from the laid-out text),
    so that no head hides under a large box; matplotlib's own clipping to a
    patch (``patchA``, ``patchB``) gives the same picture but costs a
    bisection per end at every save, ten times the rest of the drawing.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.patches import FancyArrowPatch

    canvas: Any = FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()
    points = 72 / fig.dpi
    # Each box: its anchor, and its outline as (x0, y0, x1, y1), in points.
    pad = _PAD * _FONT_SIZE + 1.5
    ends = []
    for text in texts:
        extent = text.get_window_extent(renderer)
        x, y = ax.transData.transform(text.get_position())
        outline = (
            extent.x0 * points - pad,
            extent.y0 * points - pad,
            extent.x1 * points + pad,
            extent.y1 * points + pad,
        )
        ends.append((x * points, y * points, outline))
    seen: dict[tuple[int, int], int] = {}
    for a, b, relation, count in edges:
        colour, linestyle = _EDGE_STYLE.get(relation, _OTHER_EDGE)
        pair = (min(a, b), max(a, b))
        nth = seen.get(pair, 0)
        seen[pair] = nth + 1
        (xa, ya, outline_a), (xb, yb, outline_b) = ends[a], ends[b]
        bend = _BENDS[nth % len(_BENDS)] + (0.25 if ya == yb else 0.0)
        # The control point of matplotlib's arc3 curve: the arrow leaves A
        # towards it and reaches B from it.
        cx, cy = (xa + xb) / 2 + bend * (yb - ya), (ya + yb) / 2 - bend * (xb - xa)
        ax.add_patch(
            FancyArrowPatch(
                texts[a].get_position(),
                texts[b].get_position(),
                shrinkA=_to_outline((xa, ya), (cx, cy), (xb, yb), outline_a),
                shrinkB=_to_outline((xb, yb), (cx, cy), (xa, ya), outline_b),
                arrowstyle="-|>",
                mutation_scale=11,
                color=colour,
                linestyle=linestyle,
                linewidth=min(3.0, 0.8 + 0.35 * math.log10(count)),
                connectionstyle=f"arc3,rad={bend}",
                zorder=2,
            )
        )


def _to_outline(
    start: tuple[float, float],
    control: tuple[float, float],
    end: tuple[float, float],
    outline: tuple[float, float, float, float],
) -> float:
    """How far from ``start`` the curve to ``end`` leaves the ``outline`` around ``start``.

    The curve is matplotlib's arc3, a quadratic Bézier through ``control``;
    the crossing is found by bisection, and the distance is the straight
    one, as matplotlib measures a shrink.
    """
    x0, y0, x1, y1 = outline

    def at(t: float) -> tuple[float, float]:
        u = 1 - t
        return (
            u * u * start[0] + 2 * u * t * control[0] + t * t * end[0],
            u * u * start[1] + 2 * u * t * control[1] + t * t * end[1],
        )

    def inside(t: float) -> bool:
        x, y = at(t)
        return x0 <= x <= x1 and y0 <= y <= y1

    if inside(0.5):  # boxes that touch or overlap: nothing to cut
        return 0.0
    low, high = 0.0, 0.5
    for _ in range(30):
        middle = (low + high) / 2
        low, high = (middle, high) if inside(middle) else (low, middle)
    x, y = at(high)
    return math.hypot(x - start[0], y - start[1])


def _legend_handles(
    G: nx.MultiDiGraph,
    boxes: list[_Node],
    edges: list[tuple[int, int, str, int]],
    colours: dict[tuple[Any, ...], str],
    lang: str,
) -> list[Any]:
    """The legend: the kinds, colours and relations in the picture, each under a header."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyBboxPatch

    words = _WORDS[lang]
    kinds = sorted({box.key[0] for box in boxes}, key=_kind_order)
    handles: list[Any] = []
    if kinds:
        handles.append(_header(words["kinds"]))
    for kind in kinds:
        fill = next((c for e, c in colours.items() if e == ("kind", kind)), "white")
        handles.append(
            FancyBboxPatch(
                (0, 0),
                1,
                1,
                boxstyle=_box_style(kind),
                facecolor=fill,
                edgecolor="#555555",
                linewidth=0.6,
                label=_kind_label(kind, lang),
            )
        )
    ranked = sorted(e for e in colours if e[0] in ("level", "tier"))
    if ranked or ("none",) in colours:
        handles.append(_header(words["colours"]))
    for entry in ranked:
        label = (
            list(AdminLevel)[entry[1]].label(lang)
            if entry[0] == "level"
            else _tier_label(G, entry[1], boxes, lang)
        )
        handles.append(_swatch(colours[entry], label))
    if ("none",) in colours:
        handles.append(_swatch(colours[("none",)], words["none"]))
    relations = sorted({e[2] for e in edges}, key=_relation_order)
    if relations:
        handles.append(_header(words["relations"]))
    for relation in relations:
        colour, linestyle = _EDGE_STYLE.get(relation, _OTHER_EDGE)
        try:
            label = Relation(relation).label(lang)
        except ValueError:
            label = relation
        handles.append(
            Line2D(
                [],
                [],
                color=colour,
                linestyle=linestyle,
                marker=">",
                markersize=5,
                label=label,
            )
        )
    return handles


def _kind_order(kind: str) -> tuple[int, str]:
    kinds = [k.value for k in Kind]
    return (kinds.index(kind) if kind in kinds else len(kinds), kind)


def _relation_order(relation: str) -> tuple[int, str]:
    relations = [r.value for r in Relation]
    return (relations.index(relation) if relation in relations else len(relations), relation)


def _tier_label(G: nx.MultiDiGraph, rank: int, boxes: list[_Node], lang: str) -> str:
    """``第1层：骨干`` or ``tier 1: backbone``: the rank and its tiers' names in the picture."""
    tiers = set()
    for box in boxes:
        for member in box.members:
            data = G.nodes[member]
            tier = member if data.get("kind") == Kind.TIER else data.get("tier")
            if tier in G and _tier_rank(G, G.nodes[tier]) == rank:
                tiers.add(tier)
    names = sorted({_name(G, tier, lang) for tier in tiers})
    if lang == "zh":
        return f"第{rank}层：{'／'.join(names)}" if names else f"第{rank}层"
    return f"tier {rank}: {' / '.join(names)}" if names else f"tier {rank}"


def _header(text: str) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([], [], linestyle="none", label=text)


def _swatch(colour: str, label: str) -> Any:
    from matplotlib.patches import Patch

    return Patch(facecolor=colour, edgecolor="#555555", linewidth=0.6, label=label)


def _legend(fig: Any, handles: list[Any], left: float) -> None:
    from matplotlib.legend_handler import HandlerPatch
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyBboxPatch

    def shape(
        legend: Any,
        orig_handle: Any,
        xdescent: float,
        ydescent: float,
        width: float,
        height: float,
        fontsize: float,
    ) -> Any:
        # The box's own pad (0.35) at this scale: outlines as the boxes show them.
        pad = 0.35 * fontsize * 0.6
        return FancyBboxPatch(
            (-xdescent + pad, -ydescent + pad),
            width - 2 * pad,
            height - 2 * pad,
            boxstyle=orig_handle.get_boxstyle(),
            mutation_scale=fontsize * 0.6,
        )

    if not handles:
        return
    legend = fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(left, 0.93),
        fontsize=7,
        frameon=False,
        handlelength=2.6,
        handleheight=1.6,
        handler_map={FancyBboxPatch: HandlerPatch(patch_func=shape)},
    )
    for handle, text in zip(handles, legend.get_texts(), strict=True):
        if isinstance(handle, Line2D) and handle.get_linestyle() == "None":
            text.set_fontweight("bold")
