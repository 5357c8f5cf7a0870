"""Exports of the relation graph read back, text formats escape, pictures draw."""

import importlib
import io
import json
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from emergencykit import (
    Agency,
    AgencyKind,
    EmergencySystem,
    ForceDomain,
    Label,
    MissingExtraError,
    Team,
    graph,
)
from emergencykit.datasets import synthetic


def tricky() -> EmergencySystem:
    """Labels with quotes, angle brackets, a hash and a backslash; a missing dispatcher."""
    return EmergencySystem(
        id="tricky",
        name=Label(zh='引号"系统"', en="a <system>"),
        agencies=(
            Agency(
                id="yjj",
                name=Label(zh='市应急管理局"指挥"<中心>#1', en='Bureau "B" \\ <1>'),
                kind=AgencyKind.GOVERNMENT_DEPARTMENT,
            ),
        ),
        teams=(
            Team(
                id="team:1",
                name=Label(zh="救援队"),
                domain=ForceDomain.HEALTH,
                commander="yjj",
                dispatcher="centre",
                registered=True,
            ),
        ),
    )


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return graph.to_graph(synthetic(objects=400, seed=5))


def _structure(H: nx.MultiDiGraph, drop: frozenset[str] = frozenset()) -> tuple[Any, ...]:
    nodes = [(n, {k: v for k, v in d.items() if k not in drop}) for n, d in H.nodes(data=True)]
    edges = sorted(
        (u, v, str(k), sorted((a, b) for a, b in d.items() if a not in drop))
        for u, v, k, d in H.edges(keys=True, data=True)
    )
    return sorted(nodes), edges


def test_flatten_keeps_plain_values_only(G: nx.MultiDiGraph) -> None:
    F = graph.flatten(G)
    for _, data in F.nodes(data=True):
        assert "obj" not in data
        assert all(type(v) in (str, int, float, bool) for v in data.values())
    assert {type(k) for _, _, k in F.edges(keys=True)} == {str}
    assert F.graph["duplicates"] == ""


def test_graphml_reads_back_equal(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    target = tmp_path / "g.graphml"
    assert graph.to_graphml(G, target) is None
    back = nx.read_graphml(target, force_multigraph=True)
    assert _structure(back) == _structure(graph.flatten(G))
    assert back.graph["root"] == "j-cn"
    assert target.read_text(encoding="utf-8") == graph.to_graphml(G)


def test_gexf_reads_back_equal_and_carries_no_date(G: nx.MultiDiGraph) -> None:
    buffer = io.BytesIO()
    graph.to_gexf(G, buffer)
    text = buffer.getvalue().decode()
    assert "lastmodifieddate" not in text
    back = nx.read_gexf(io.BytesIO(buffer.getvalue()))
    # GEXF gives every node a label (its id here) and every edge an id and a
    # label (its relation); networkx reads the key from networkx_key.
    nodes, edges = _structure(back, frozenset({"label", "id"}))
    flat_nodes, flat_edges = _structure(graph.flatten(G))
    assert nodes == flat_nodes
    assert edges == flat_edges
    assert all(str(k) == d["label"] for _, _, k, d in back.edges(keys=True, data=True))


def test_node_link_json_reads_back_equal(G: nx.MultiDiGraph) -> None:
    text = graph.to_node_link_json(G)
    assert text is not None
    back = nx.node_link_graph(json.loads(text), edges="edges")
    assert _structure(back) == _structure(graph.flatten(G))
    assert back.graph == graph.flatten(G).graph


def test_text_buffers_get_text(G: nx.MultiDiGraph) -> None:
    buffer = io.StringIO()
    graph.to_node_link_json(G, buffer)
    assert buffer.getvalue() == graph.to_node_link_json(G)


def test_dot_quotes_and_escapes_labels() -> None:
    dot = graph.to_dot(graph.to_graph(tricky()))
    assert dot.startswith('digraph "tricky" {\n')
    assert '"yjj" [label="市应急管理局\\"指挥\\"<中心>#1", kind="agency"];' in dot
    assert '"team:1" [label="救援队", kind="team"];' in dot
    assert '"centre" -> "team:1" [key="dispatches", label="调度"];' in dot
    en = graph.to_dot(graph.to_graph(tricky()), lang="en")
    assert '[label="Bureau \\"B\\" \\\\ <1>", kind="agency"]' in en
    assert 'label="commands"' in en


def test_mermaid_numbers_nodes_and_escapes_labels() -> None:
    text = graph.to_mermaid(graph.to_graph(tricky()))
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    assert '  n0["市应急管理局#quot;指挥#quot;#lt;中心#gt;#35;1"]' in lines
    assert "  %% n1 = team:1" in lines
    assert '  n0 -->|"指挥"| n1' in lines
    # Nothing unescaped inside a label.
    for line in lines:
        if '["' in line:
            inner = line.split('["', 1)[1].rsplit('"]', 1)[0]
            assert not set(inner) & set('"<>')


def test_export_dispatches_formats_and_views(tmp_path: Path) -> None:
    system = tricky()
    mermaid = graph.export(system, "mermaid", view="command")
    assert mermaid is not None and "调度" in mermaid and "n2" in mermaid
    assert graph.export(system, "dot", "-", lang="en") == graph.to_dot(
        graph.to_graph(system), lang="en"
    )
    reporting = graph.export(system, "json", view="reporting")
    assert reporting is not None and json.loads(reporting)["edges"] == []
    target = tmp_path / "g.gexf"
    assert graph.export(system, "gexf", target) is None
    assert target.stat().st_size > 0
    with pytest.raises(ValueError, match="unknown graph format"):
        graph.export(system, "pdf")
    with pytest.raises(ValueError, match="unknown graph view"):
        graph.export(system, "dot", view="everything")
    with pytest.raises(ValueError, match="needs a file path"):
        graph.export(system, "png")


def test_pictures_are_drawn(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="drawing needs the 'plot' extra (matplotlib)")
    from emergencykit.graph import draw_command_structure

    system = synthetic(objects=2000, seed=1)
    png = tmp_path / "cq.png"
    draw_command_structure(system, png, lang="en")
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    svg = tmp_path / "cq.svg"
    graph.export(system, "svg", svg, lang="en")
    first = svg.read_bytes()
    assert first.startswith(b"<?xml") and b"<svg" in first
    graph.export(system, "svg", svg, lang="en")
    assert svg.read_bytes() == first


def test_crowded_layers_are_grouped_with_their_count() -> None:
    from emergencykit.graph import layout_command_structure
    from emergencykit.graph._views import drawn_view

    G = graph.to_graph(synthetic(objects=3000, seed=1))
    boxes, layers, edges, names = layout_command_structure(G, max_per_layer=12)
    assert names[0] == "national" and "forces" in names
    for layer in set(layers.values()):
        row = [b for b in boxes if layers[b[0]] == layer]
        assert len(row) <= 12
    assert sorted(m for b in boxes for m in b) == sorted(drawn_view(G, "command"))
    assert any(len(b) > 100 for b in boxes)
    assert all(n >= 1 for *_, n in edges)


def test_a_missing_plot_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'emergencykit\[plot\]'") as err:
        graph.draw_command_structure(tricky(), io.BytesIO(), format="png")
    assert err.value.extra == "plot"
    assert str(err.value).startswith("drawing needs the 'plot' extra")


@pytest.mark.parametrize(
    ("old", "new", "name"),
    [
        ("emergencykit.plot", "emergencykit.graph", "draw_command_structure"),
        ("emergencykit.coverage", "emergencykit.summary", "mandate_coverage"),
    ],
)
def test_moved_names_still_import_from_their_old_path_with_a_warning(
    old: str, new: str, name: str
) -> None:
    module = importlib.import_module(old)
    with pytest.warns(DeprecationWarning, match=rf"{old}\.{name} moved to {new}\.{name}"):
        found = getattr(module, name)
    assert found is getattr(importlib.import_module(new), name)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        module.nothing  # noqa: B018
