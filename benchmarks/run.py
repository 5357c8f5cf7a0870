"""Benchmarks of emergencykit on synthetic national-shaped systems.

Each size runs in two fresh subprocesses.  The first ("whole run") times a
list of named steps (:data:`STEPS`): generating the system, dumping and
loading the JSON document, building the relation graph, its views, each
analytic, validation, and the reference measurements the performance targets
are ratios against; it also writes the document to a file.  The second
("load and analyse") starts from that file and runs only what a user of a
saved model runs (:data:`ANALYSE_STEPS`: load, graph, views, analytics,
validation), so its peak memory is that path's own, not the dump's or the
references'.  The harness prints a table and writes the results as JSON.

    python benchmarks/run.py --quick            # 1k and 5k objects, < 1 minute
    python benchmarks/run.py                    # 10k, 100k and 1M objects
    python benchmarks/run.py --sizes 20000 --out results/mine.json

Add a step by appending a :class:`Step` to :data:`STEPS`; a step gets the
shared context dict (``system``, ``text``, ``G`` …) and may add to it.
"""

import argparse
import datetime as dt
import enum
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import networkx as nx

from emergencykit import graph, io, rules, scenario
from emergencykit._gc import paused_gc
from emergencykit.datasets import synthetic
from emergencykit.model import AdminLevel, EmergencySystem, PartialDate

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "results" / "latest.json"
QUICK_SIZES = (1_000, 5_000)
FULL_SIZES = (10_000, 100_000, 1_000_000)
#: Above this many objects, betweenness is estimated from a fixed-seed sample.
EXACT_BETWEENNESS_UP_TO = 1_000
#: Up to this size the loaded systems are compared with the generated one.
CHECK_EQUAL_UP_TO = 100_000
BETWEENNESS_SAMPLES = 16

Context = dict[str, Any]


@attrs.frozen
class Step:
    """A named, timed piece of work.  ``reference`` marks a baseline, not library code."""

    name: str
    run: Callable[[Context], object]
    reference: bool = False


# -- the reference "by hand" loader: json.loads, then the constructors, no cattrs -------------

_DURATION = re.compile(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?")


def _duration(text: str) -> dt.timedelta:
    match = _DURATION.fullmatch(text)
    if match is None:
        raise ValueError(f"duration outside the subset the reference reads: {text!r}")
    d, h, m, s = (int(g or 0) for g in match.groups())
    return dt.timedelta(days=d, hours=h, minutes=m, seconds=s)


_MAKERS: dict[Any, Callable[[Any], Any]] = {}


def _maker(tp: Any) -> Callable[[Any], Any]:
    """A converter from JSON data to ``tp``, written out for the model's few shapes."""
    if tp in _MAKERS:
        return _MAKERS[tp]
    made: Callable[[Any], Any]
    if typing.get_origin(tp) is typing.Annotated:
        # Metadata for other tools (strategies, schema); the value is the bare type's.
        made = _maker(typing.get_args(tp)[0])
    elif typing.get_origin(tp) in (typing.Union, types.UnionType):
        inner = _maker(next(a for a in typing.get_args(tp) if a is not type(None)))

        def made(v: Any) -> Any:
            return None if v is None else inner(v)
    elif typing.get_origin(tp) is tuple:
        item = _maker(typing.get_args(tp)[0])

        def made(v: Any) -> Any:
            # A list, or one item where the format takes one or more (agency, part counts).
            return tuple(map(item, v)) if isinstance(v, list) else (item(v),)
    elif tp in (str, int, bool):

        def made(v: Any) -> Any:
            return v
    elif tp is PartialDate:
        made = PartialDate.parse
    elif tp is dt.timedelta:
        made = _duration
    elif isinstance(tp, type) and issubclass(tp, enum.Enum):
        made = tp
    elif attrs.has(tp):
        _MAKERS[tp] = lambda v: builder(v)
        fields = [(f.name, _maker(f.type)) for f in attrs.fields(tp)]

        def builder(v: Any) -> Any:
            return tp(**{name: conv(v[name]) for name, conv in fields if name in v})

        made = builder
    else:
        raise TypeError(f"the reference loader does not read {tp!r}")
    _MAKERS[tp] = made
    return made


def load_by_hand(text: str) -> EmergencySystem:
    """json.loads, then every constructor called directly (GC paused, like the library)."""
    with paused_gc():
        data = json.loads(text)
        data.pop("schema")
        system: EmergencySystem = _maker(EmergencySystem)(data)
        return system


def naive_graph(ctx: Context) -> nx.MultiDiGraph:
    """G.add_node / G.add_edge in a loop over the same tuples, collector left on."""
    H = nx.MultiDiGraph()
    for node, data in ctx["node_tuples"]:
        H.add_node(node, **data)
    for u, v, key, data in ctx["edge_tuples"]:
        H.add_edge(u, v, key=key, **data)
    return H


def _tuples(ctx: Context) -> None:
    G = ctx["G"]
    ctx["node_tuples"] = list(G.nodes(data=True))
    ctx["edge_tuples"] = list(G.edges(keys=True, data=True))


def _centrality(ctx: Context) -> object:
    k = None if ctx["n"] <= EXACT_BETWEENNESS_UP_TO else BETWEENNESS_SAMPLES
    return graph.agency_centrality(ctx["G"], k=k, seed=0)


def _a_township_team(ctx: Context) -> str:
    teams = sorted(n for n, kind in ctx["G"].nodes(data="kind") if kind == "team")
    return teams[-1]


def _simulate(ctx: Context) -> scenario.Timeline:
    """A major flood (level II) in the last county: activation up to its province,
    reports up the chain, releases, and dispatch from every force its commanders reach."""
    system: EmergencySystem = ctx["loaded"]
    county = max(j.id for j in system.jurisdictions if j.level is AdminLevel.COUNTY)
    return scenario.simulate(
        system,
        scenario.Incident(event_type="ev-flood", level="II", jurisdiction=county, start=_START),
    )


_START = dt.datetime(2024, 7, 1, 8, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _drop(ctx: Context, *names: str) -> None:
    for name in names:
        ctx.pop(name, None)


def _reference_load(ctx: Context) -> None:
    by_hand = load_by_hand(ctx["text"])
    if ctx["n"] <= CHECK_EQUAL_UP_TO and by_hand != ctx["loaded"]:
        raise SystemExit("the reference loader built a different system")


def _load(ctx: Context) -> None:
    # The default size limit guards against absurd input; a 1M-object document is meant.
    ctx["loaded"] = io.loads(ctx["text"], "json", max_size=len(ctx["text"]))
    if ctx["n"] <= CHECK_EQUAL_UP_TO and ctx["loaded"] != ctx["system"]:
        raise SystemExit("the loaded system differs from the generated one")


def _load_file(ctx: Context) -> None:
    path: Path = ctx["document"]
    ctx["loaded"] = io.load(path, max_size=path.stat().st_size)


#: The steps, in order.  Each frees what no later step needs, so the peak
#: memory is that of one system, its document and its graph, not of copies.
# The synthetic systems are built valid as of this date (their default).
_CONFIG = rules.ValidationConfig(as_of=dt.date(2024, 1, 1))

STEPS: list[Step] = [
    Step("synthetic", lambda c: c.__setitem__("system", synthetic(objects=c["n"], seed=c["seed"]))),
    Step("dump_json", lambda c: c.__setitem__("text", io.dumps(c["system"], "json"))),
    Step("load_json", lambda c: (_load(c), _drop(c, "system"))),
    Step("ref_load_by_hand", _reference_load, True),
    Step("graph_build", lambda c: c.__setitem__("G", graph.to_graph(c["loaded"]))),
    Step("ref_graph_naive", lambda c: naive_graph(c), True),
    Step("command_view", lambda c: graph.command_view(c["G"])),
    Step("cohandling_view", lambda c: graph.cohandling_view(c["G"])),
    Step("reporting_view", lambda c: graph.reporting_view(c["G"])),
    Step("chain_of_command", lambda c: graph.chain_of_command(c["G"], _a_township_team(c))),
    Step("single_points_of_failure", lambda c: graph.single_points_of_failure(c["G"])),
    Step("span_of_control", lambda c: graph.span_of_control(c["G"])),
    Step("agency_centrality", _centrality),
    Step("cohandling_network", lambda c: graph.cohandling_network(c["G"])),
    Step("reachable_forces", lambda c: graph.reachable_forces(c["G"], "zx-cn", 3)),
    # Given the graph, validate() times the rules alone (and holds no second graph).
    Step("validate_all_rules", lambda c: rules.validate(c["loaded"], _CONFIG, graph=c["G"])),
    # From the system alone: simulate() builds no graph.
    Step("simulate", _simulate),
]

#: The steps of the load-and-analyse process: those of :data:`STEPS` that a
#: user of a saved model runs, after reading the document from its file.
ANALYSE_STEPS: list[Step] = [
    Step("load_file", _load_file),
    *(
        s
        for s in STEPS
        if not s.reference and s.name not in ("synthetic", "dump_json", "load_json")
    ),
]


def _timed_step(step: Step, ctx: Context) -> float:
    """Seconds for one step.  ``ref_graph_naive`` excludes building its input tuples."""
    if step.name == "ref_graph_naive":
        _tuples(ctx)
        start = time.perf_counter()
        naive_graph(ctx)
        elapsed = time.perf_counter() - start
        _drop(ctx, "node_tuples", "edge_tuples")
        return elapsed
    if step.name == "graph_build":
        # Not timed: the document is not needed once loaded.
        _drop(ctx, "text")
    start = time.perf_counter()
    step.run(ctx)
    return time.perf_counter() - start


def _peak_rss() -> int:
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak * (1 if sys.platform == "darwin" else 1024))


def run_child(n: int, seed: int, document: Path) -> dict[str, Any]:
    """The whole run: every step of :data:`STEPS`; writes the JSON document to ``document``."""
    ctx: Context = {"n": n, "seed": seed}
    times: dict[str, float] = {}
    peaks: dict[str, int] = {}
    json_bytes = 0
    for step in STEPS:
        if "text" in ctx and not json_bytes:
            # Not timed: the load-and-analyse process reads the document from here.
            json_bytes = document.write_bytes(ctx["text"].encode())
        times[step.name] = _timed_step(step, ctx)
        peaks[step.name] = _peak_rss()
    G = ctx["G"]
    return {
        "objects": len(ctx["loaded"]),
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "json_bytes": json_bytes,
        "seconds": times,
        "peak_rss_after_bytes": peaks,
        "peak_rss_bytes": _peak_rss(),
    }


def analyse_child(n: int, document: Path) -> dict[str, Any]:
    """Load and analyse: every step of :data:`ANALYSE_STEPS`, starting from ``document``."""
    ctx: Context = {"n": n, "document": document}
    times: dict[str, float] = {}
    peaks: dict[str, int] = {}
    for step in ANALYSE_STEPS:
        times[step.name] = _timed_step(step, ctx)
        peaks[step.name] = _peak_rss()
    return {"seconds": times, "peak_rss_after_bytes": peaks, "peak_rss_bytes": _peak_rss()}


def _child(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, *args], check=False, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"benchmark child {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(n: int, seed: int) -> dict[str, Any]:
    """Run one size: the whole run, then load and analyse, each in a fresh interpreter."""
    with tempfile.TemporaryDirectory() as tmp:
        document = Path(tmp) / f"synthetic-{n}.json"
        result = _child("--child", str(n), "--seed", str(seed), "--document", str(document))
        result["load_and_analyse"] = _child("--analyse", str(n), "--document", str(document))
    return result


def ratios(results: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """The targets, each as measured / reference against its bound."""
    out: list[dict[str, Any]] = []
    for n, r in sorted(results.items()):
        s = r["seconds"]
        out.append(
            {
                "target": f"graph build ≤ 0.5 × naive add_node/add_edge loop @ {n:,}",
                "value": s["graph_build"] / s["ref_graph_naive"],
                "bound": 0.5,
            }
        )
        out.append(
            {
                "target": f"all rules ≤ 2 × graph build @ {n:,}",
                "value": s["validate_all_rules"] / s["graph_build"],
                "bound": 2.0,
            }
        )
        out.append(
            {
                "target": f"one simulation ≤ 1 × graph build @ {n:,}",
                "value": s["simulate"] / s["graph_build"],
                "bound": 1.0,
            }
        )
        out.append(
            {
                "target": f"load ≤ 1.5 × json.loads + constructors by hand @ {n:,}",
                "value": s["load_json"] / s["ref_load_by_hand"],
                "bound": 1.5,
            }
        )
    sizes = sorted(results)
    if len(sizes) >= 2:
        big, small = sizes[-1], sizes[-2]
        for step in ("load_json", "graph_build", "validate_all_rules", "simulate"):
            per_big = results[big]["seconds"][step] / results[big]["objects"]
            per_small = results[small]["seconds"][step] / results[small]["objects"]
            out.append(
                {
                    "target": f"{step} time per object @ {big:,} ≤ 1.3 × @ {small:,}",
                    "value": per_big / per_small,
                    "bound": 1.3,
                }
            )
    big = max(sizes)
    out.append(
        {
            "target": f"peak memory of load and analyse @ {big:,} < 4 GiB (GiB)",
            "value": results[big]["load_and_analyse"]["peak_rss_bytes"] / 2**30,
            "bound": 4.0,
        }
    )
    for item in out:
        item["met"] = item["value"] <= item["bound"]
    return out


def table(results: dict[int, dict[str, Any]]) -> str:
    sizes = sorted(results)
    head = ["step", *(f"{n:,} s" for n in sizes), *(f"{n:,} µs/obj" for n in sizes)]
    rows = [head]
    for step in STEPS:
        cells = [step.name + (" (ref)" if step.reference else "")]
        cells += [f"{results[n]['seconds'][step.name]:.3f}" for n in sizes]
        cells += [
            f"{results[n]['seconds'][step.name] / results[n]['objects'] * 1e6:.2f}" for n in sizes
        ]
        rows.append(cells)
    rows.append(
        [
            "peak RSS, whole run (MiB)",
            *(f"{results[n]['peak_rss_bytes'] / 2**20:.0f}" for n in sizes),
        ]
        + [""] * len(sizes)
    )
    rows.append(
        [
            "peak RSS, load and analyse (MiB)",
            *(f"{results[n]['load_and_analyse']['peak_rss_bytes'] / 2**20:.0f}" for n in sizes),
        ]
        + [""] * len(sizes)
    )
    rows.append(
        [
            "graph nodes / edges",
            *(f"{results[n]['nodes']:,} / {results[n]['edges']:,}" for n in sizes),
        ]
        + [""] * len(sizes)
    )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [
        "| "
        + " | ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        + " |"
        for row in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k and 5k objects only")
    parser.add_argument("--sizes", type=int, nargs="+", help="object counts to measure")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--analyse", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--document", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(run_child(args.child, args.seed, args.document)))
        return 0
    if args.analyse is not None:
        print(json.dumps(analyse_child(args.analyse, args.document)))
        return 0
    sizes = args.sizes or (QUICK_SIZES if args.quick else FULL_SIZES)
    results: dict[int, dict[str, Any]] = {}
    for n in sizes:
        print(f"measuring {n:,} objects …", file=sys.stderr, flush=True)
        results[n] = measure(n, args.seed)
    print(table(results))
    print()
    checks = ratios(results)
    for item in checks:
        verdict = "met" if item["met"] else "NOT met"
        print(f"{item['target']}: {item['value']:.2f} (bound {item['bound']}) — {verdict}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "seed": args.seed,
        "results": {str(n): r for n, r in results.items()},
        "targets": checks,
    }
    args.out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
