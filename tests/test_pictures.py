"""Pictures: every drawing shows the chosen view; arrows, legend, colours, fonts, bytes."""

import io
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from emergencykit import (
    AdminLevel,
    Agency,
    AgencyKind,
    EmergencySystem,
    ForceDomain,
    Jurisdiction,
    Label,
    MissingFontWarning,
    OpinionProtocol,
    Plan,
    PlanKind,
    Team,
    Tier,
    TierScheme,
    graph,
)
from emergencykit.cli import main
from emergencykit.datasets import synthetic
from emergencykit.graph._views import drawn_view

matplotlib = pytest.importorskip(
    "matplotlib", reason="drawing needs the 'plot' extra (matplotlib), which the dev extra installs"
)
matplotlib.use("Agg")

from emergencykit.graph import _plot  # noqa: E402  (needs matplotlib)


def city() -> EmergencySystem:
    """Command, dispatch, co-handling and reporting; tiers listed out of rank order."""

    def agency(id: str, en: str, parent: str | None = None, where: str = "city") -> Agency:
        return Agency(
            id=id,
            name=Label(zh=id, en=en),
            kind=AgencyKind.GOVERNMENT_DEPARTMENT,
            jurisdiction=where,
            parent=parent,
        )

    return EmergencySystem(
        id="city",
        name=Label(zh="示例市", en="Sample City"),
        jurisdictions=(
            Jurisdiction(id="city", name=Label(zh="示例市"), level=AdminLevel.PREFECTURE),
            Jurisdiction(
                id="county", name=Label(zh="示例县"), level=AdminLevel.COUNTY, parent="city"
            ),
        ),
        agencies=(
            agency("gov", "City Government"),
            agency("emb", "Emergency Bureau", parent="gov"),
            agency("health", "Health Commission", parent="gov"),
            agency("county-emb", "County Emergency Bureau", parent="emb", where="county"),
        ),
        tier_schemes=(
            TierScheme(
                id="tiers",
                name=Label(zh="分层"),
                # Listed last-rank first: colour must follow rank, not position.
                tiers=(
                    Tier(id="reserve", rank=3, name=Label(zh="补充", en="reserve")),
                    Tier(id="core", rank=1, name=Label(zh="骨干", en="core")),
                ),
            ),
        ),
        teams=(
            Team(
                id="t-core",
                name=Label(zh="骨干队", en="Core Team"),
                domain=ForceDomain.ACCIDENT_DISASTER,
                commander="emb",
                dispatcher="county-emb",
                tier="core",
            ),
            Team(
                id="t-reserve",
                name=Label(zh="补充队", en="Reserve Team"),
                domain=ForceDomain.HEALTH,
                commander="health",
                tier="reserve",
            ),
        ),
        plans=(
            Plan(
                id="plan",
                title=Label(zh="专项预案", en="Flood Plan"),
                kind=PlanKind.SPECIAL,
                lead="emb",
                members=("health",),
            ),
        ),
        protocols=(
            OpinionProtocol(
                id="opinion",
                name=Label(zh="舆情机制", en="Opinion Protocol"),
                lead="gov",
                first_report_to=("emb",),
            ),
        ),
    )


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return graph.to_graph(city())


def figure(G: nx.MultiDiGraph, view: str, lang: str = "en", font: str | None = None) -> Any:
    """The drawn figure (rendered, so that every artist has its place)."""
    with matplotlib.rc_context(_plot._rc(font)):
        fig = _plot._figure(G, drawn_view(G, view), view, lang, 12)
        fig.canvas.draw()
    return fig


def svg(G: nx.MultiDiGraph, view: str = "command") -> bytes:
    out = io.BytesIO()
    graph.draw_command_structure(G, out, view=view, lang="en", format="svg")
    return out.getvalue()


def svg_texts(picture: bytes) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", picture.decode("utf-8"))


def dot_nodes_and_edges(text: str) -> tuple[set[str], set[tuple[str, str, str]]]:
    nodes = set(re.findall(r'^  "([^"]*)" \[label', text, re.M))
    edges = set(re.findall(r'^  "([^"]*)" -> "([^"]*)" \[key="([^"]*)"', text, re.M))
    return nodes, edges


# -- the view is honoured by every drawing --------------------------------------


@pytest.mark.parametrize("view", list(graph.VIEWS))
def test_dot_mermaid_and_the_picture_draw_the_same_nodes_and_edges(
    G: nx.MultiDiGraph, view: str
) -> None:
    H = drawn_view(G, view)
    expected_edges = {(u, v, str(k)) for u, v, k in H.edges(keys=True)}
    nodes, edges = dot_nodes_and_edges(graph.export(G, "dot", view=view) or "")
    assert nodes == set(H) and edges == expected_edges
    mermaid = graph.export(G, "mermaid", view=view) or ""
    assert set(re.findall(r"^  %% n\d+ = (.*)$", mermaid, re.M)) == set(H)
    assert mermaid.count("-->") == H.number_of_edges()
    boxes, _, box_edges, _ = graph.layout_command_structure(G, view=view, max_per_layer=100)
    assert sorted(m for box in boxes for m in box) == sorted(H)
    assert sum(n for *_, n in box_edges) == H.number_of_edges()
    if view != "all":
        assert not any(H.degree(n) == 0 for n in H)


def test_each_view_draws_its_own_picture(G: nx.MultiDiGraph) -> None:
    pictures = {view: svg(G, view) for view in graph.VIEWS}
    assert len(set(pictures.values())) == len(pictures)
    command = " ".join(svg_texts(pictures["command"]))
    assert "Core Team" in command and "Flood Plan" not in command
    cohandling = " ".join(svg_texts(pictures["cohandling"]))
    assert "Flood Plan" in cohandling and "Core Team" not in cohandling
    reporting = " ".join(svg_texts(pictures["reporting"]))
    assert "Opinion Protocol" in reporting and "Health Commission" not in reporting


def test_the_command_line_draws_the_view_it_is_given(tmp_path: Path) -> None:
    pictures = {}
    for view in ("all", "command", "reporting"):
        out = tmp_path / f"{view}.svg"
        code = main(
            ["graph", "--view", view, "--format", "svg", "--lang", "en", "-o", str(out)],
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
        assert code == 0
        pictures[view] = out.read_bytes()
    assert len(set(pictures.values())) == 3


def test_a_view_with_nothing_in_it_draws_an_empty_picture_that_says_so() -> None:
    lonely = EmergencySystem(
        id="lonely",
        name=Label(zh="孤", en="Lonely"),
        agencies=(Agency(id="a", name=Label(zh="甲", en="A"), kind=AgencyKind.GOVERNMENT),),
    )
    assert "nothing in this view" in svg_texts(svg(graph.to_graph(lonely), "reporting"))
    assert graph.export(lonely, "mermaid", view="reporting") == "flowchart TD\n"


# -- arrows ------------------------------------------------------------------------


def test_every_edge_is_an_arrow_from_outline_to_outline(G: nx.MultiDiGraph) -> None:
    from matplotlib.patches import FancyArrowPatch

    fig = figure(G, "all")
    (ax,) = fig.axes
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    _, _, box_edges, _ = graph.layout_command_structure(G, view="all")
    edges = [(a, b) for a, b, *_ in box_edges if a != b]
    assert len(arrows) == len(edges) > 10
    # The boxes are the texts with an outline, in the layout's order.
    outlines = [t.get_bbox_patch().get_window_extent() for t in ax.texts if t.get_bbox_patch()]
    for arrow, (a, b) in zip(arrows, edges, strict=True):
        assert type(arrow.get_arrowstyle()).__name__ == "CurveFilledB"  # "-|>": a filled head
        path = arrow.get_path()
        drawn = path.vertices if path.codes is None else path.vertices[path.codes != path.CLOSEPOLY]
        points = ax.transData.transform(drawn)
        # No part of the arrow, head included, is inside the boxes it joins
        # (a pixel or two of anti-aliasing aside) ...
        for box in (outlines[a], outlines[b]):
            inner = box.padded(-2)
            assert not any(inner.contains(x, y) for x, y in points)
        # ... and the head reaches the target's outline.
        target = outlines[b]
        gap = min(
            max(target.x0 - x, x - target.x1, target.y0 - y, y - target.y1, 0.0) for x, y in points
        )
        assert gap < 6


# -- legend ------------------------------------------------------------------------


def legend_texts(fig: Any) -> list[str]:
    (legend,) = fig.legends
    return [t.get_text() for t in legend.get_texts()]


@pytest.mark.parametrize("view", list(graph.VIEWS))
def test_the_legend_lists_the_kinds_colours_and_relations_drawn_and_only_those(
    G: nx.MultiDiGraph, view: str
) -> None:
    from emergencykit import Kind, Relation

    fig = figure(G, view)
    shown = legend_texts(fig)
    boxes, _, box_edges, _ = graph.layout_command_structure(G, view=view)
    H = drawn_view(G, view)
    kinds = {Kind(H.nodes[box[0]]["kind"]).en for box in boxes}
    relations = {Relation(r).en for a, b, r, _ in box_edges if a != b}
    assert kinds <= set(shown) and relations <= set(shown)
    assert not ({k.en for k in Kind} - kinds) & set(shown)
    assert not ({r.en for r in Relation} - relations) & set(shown)
    # A grey box is explained whenever one is drawn.
    greys = [t for t in fig.axes[0].texts if t.get_bbox_patch() and _is(t, _plot._NO_RANK)]
    assert bool(greys) == ("no level or tier" in shown)


def test_the_legend_speaks_the_language_of_the_picture(
    G: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only the words are read here, whatever font measures them.
    with matplotlib.rc_context(_plot._rc(None)), warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
        fig = _plot._figure(G, drawn_view(G, "all"), "all", "zh", 12)
    shown = legend_texts(fig)
    assert {"对象类型", "机构", "队伍", "指挥", "调度", "牵头", "协办", "报告"} <= set(shown)
    assert "第1层：骨干" in shown and "第3层：补充" in shown
    assert not any(re.search("[A-Za-z]", text) for text in shown)


# -- colour by rank ------------------------------------------------------------------


def _is(text: Any, colour: str) -> bool:
    from matplotlib.colors import same_color

    return bool(same_color(text.get_bbox_patch().get_facecolor(), colour))


def box(fig: Any, label: str) -> Any:
    (found,) = [t for t in fig.axes[0].texts if t.get_text().replace("\n", " ") == label]
    return found


def test_forces_are_coloured_by_their_tier_rank_not_its_place_in_the_scheme(
    G: nx.MultiDiGraph,
) -> None:
    fig = figure(G, "all")
    assert _is(box(fig, "Core Team"), _plot._TIER_COLOURS[0])  # rank 1, listed second
    assert _is(box(fig, "Reserve Team"), _plot._TIER_COLOURS[2])  # rank 3, listed first
    assert _is(box(fig, "core"), _plot._TIER_COLOURS[0])  # the tier itself
    assert "tier 1: core" in legend_texts(fig) and "tier 3: reserve" in legend_texts(fig)


def test_agencies_are_coloured_by_administrative_level(G: nx.MultiDiGraph) -> None:
    fig = figure(G, "command")
    prefecture = _plot._LEVEL_COLOURS[AdminLevel.PREFECTURE.rank]
    county = _plot._LEVEL_COLOURS[AdminLevel.COUNTY.rank]
    assert prefecture != county
    assert _is(box(fig, "City Government"), prefecture)
    assert _is(box(fig, "Emergency Bureau"), prefecture)
    assert _is(box(fig, "County Emergency Bureau"), county)
    assert {"prefecture", "county"} <= set(legend_texts(fig))


# -- the missing-font warning ---------------------------------------------------------


def test_chinese_without_a_chinese_font_warns_once_and_draws_english(
    G: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_plot, "cjk_font", lambda: None)
    out = io.BytesIO()
    with pytest.warns(MissingFontWarning) as caught:
        graph.draw_command_structure(G, out, lang="zh", format="svg")
    (warning,) = caught
    message = str(warning.message)
    assert "\n" not in message and "Noto Sans CJK" in message and "--lang en" in message
    assert warning.filename == __file__  # points at the caller, not the library
    assert "City Government" in svg_texts(out.getvalue())[0:50] or "City Government" in " ".join(
        svg_texts(out.getvalue())
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        graph.draw_command_structure(G, io.BytesIO(), lang="en", format="svg")


def test_the_command_line_prints_the_font_warning_once_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_plot, "cjk_font", lambda: None)
    out, err = io.StringIO(), io.StringIO()
    picture = tmp_path / "cq.svg"
    code = main(
        ["graph", "--view", "command", "--format", "svg", "--lang", "zh", "-o", str(picture)],
        stdout=out,
        stderr=err,
    )
    assert code == 0 and picture.read_bytes().startswith(b"<?xml")
    (line,) = err.getvalue().splitlines()
    assert line.startswith("emergencykit: warning: no installed font has Chinese characters")
    assert "Noto Sans CJK" in line and "--lang en" in line
    assert out.getvalue() == ""
    err = io.StringIO()
    assert main(["graph", "--format", "svg", "--lang", "en", "-o", str(picture)], stderr=err) == 0
    assert err.getvalue() == ""


# -- SVG text, settings, bytes --------------------------------------------------------


def test_svg_keeps_text_as_text_without_touching_global_settings(G: nx.MultiDiGraph) -> None:
    before = dict(matplotlib.rcParams)
    picture = svg(G, "all")
    assert matplotlib.rcParams == before
    texts = svg_texts(picture)
    assert "City Government" in texts and "Emergency Bureau" in texts
    # No glyph outlines: letters are not drawn as paths.
    assert b'id="DejaVuSans-' not in picture


def test_the_same_input_gives_the_same_bytes(G: nx.MultiDiGraph) -> None:
    first = svg(G, "all")
    with matplotlib.rc_context({"svg.hashsalt": None}):
        assert svg(G, "all") == first
    png = [io.BytesIO(), io.BytesIO()]
    for out in png:
        graph.draw_command_structure(G, out, view="all", lang="en", format="png")
    assert png[0].getvalue() == png[1].getvalue()


def test_the_same_input_gives_the_same_bytes_in_another_process(tmp_path: Path) -> None:
    """String hashes differ between processes; nothing drawn may depend on set order."""
    code = (
        "import sys; from emergencykit import graph; from emergencykit.datasets import synthetic;"
        "graph.export(synthetic(objects=150, seed=3), 'svg', sys.argv[1], view='all', lang='en')"
    )
    out = tmp_path / "other.svg"
    # Hash seed 0 switches randomisation off: this process's seed is random.
    env = {**os.environ, "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg"}
    subprocess.run([sys.executable, "-c", code, str(out)], check=True, env=env, timeout=120)
    here = io.BytesIO()
    graph.draw_command_structure(
        synthetic(objects=150, seed=3), here, view="all", lang="en", format="svg"
    )
    assert out.read_bytes() == here.getvalue()


def test_the_drawing_example_draws_chongqing(tmp_path: Path) -> None:
    import contextlib
    import runpy

    script = Path(__file__).resolve().parent.parent / "examples" / "draw_command_structure.py"
    out = io.StringIO()
    picture = tmp_path / "cq.svg"
    with contextlib.redirect_stdout(out), pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.argv", [str(script), str(picture), "--lang", "en"])
        with pytest.raises(SystemExit) as done:
            runpy.run_path(str(script), run_name="__main__")
    assert done.value.code == 0
    assert out.getvalue().startswith(f"wrote {picture}: 13 boxes, 11 arrows (commands)")
    assert "Chongqing Public Security Bureau" in " ".join(svg_texts(picture.read_bytes()))


def test_every_view_has_a_title_in_both_languages() -> None:
    for lang in ("zh", "en"):
        assert set(_plot._VIEW_NAMES[lang]) == set(graph.VIEWS)


def test_the_graph_help_says_what_the_view_does(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "--help"]) == 0
    help = " ".join(capsys.readouterr().out.split())
    assert "every format honours it" in help and "only the nodes its edges touch" in help
