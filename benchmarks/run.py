"""Benchmarks of emergencykit on synthetic national-shaped systems.

Each size runs in fresh subprocesses.  The first ("whole run") times, in CPU
seconds of that one process, a list of named steps (:data:`STEPS`):
generating the system, dumping and loading the JSON document, building the
relation graph, its views, each analytic, validation and one simulation,
and in the same process the floors and references the targets are ratios
against: ``json.loads`` (also with the collector paused), ``json.dumps``
without indentation, networkx's own insertion of the same graph (bulk and
one call per node and edge), and the pydantic v2 and msgspec mirrors of the
schema (``benchmarks/mirrors``) loading and dumping the same document.  It
writes the document to a file.  Then each step whose memory matters
(:data:`RSS_STEPS`) runs once more in a fresh interpreter of its own,
starting from that file, so that its peak memory (``ru_maxrss``) is that
step's with what it needs, not the whole run's.  Last, the load and
pydantic's load each run alone (:data:`ALONE_STEPS`), in turns, in fresh
interpreters with the same warm-up, several times: each reads the same file
and builds its model from it, so neither inherits the other's objects or
garbage, nor a heap that earlier steps grew and freed, as in the whole run
(where the load follows the system's generation and dump, and pydantic's
load follows the load with the loaded system alive).  Then the entries of
:data:`RSS_STEPS` that run load, dump, graph build, rules and simulation
(:data:`SCALING_CHILDREN`) run again, in turns, until each of these steps
has run ``--scaling-runs`` times in a process of its own.

The targets are measured on the fresh interpreters: load ÷ pydantic from
the medians of the loads alone, and each step's time per object at the
largest size ÷ at the next from the medians of its own processes.  The
same ratios in the whole run, one sample each and with the heap of the
steps before, are printed too, without a bound, beside the growth of the
floor (``json.loads`` with the collector paused) in that run.  The harness
prints the table and the ratios and writes everything as JSON.

    python benchmarks/run.py --quick            # 1k and 5k objects, < 2 minutes
    python benchmarks/run.py                    # 10k, 100k and 1M objects
    python benchmarks/run.py --sizes 20000 --out results/mine.json
    python benchmarks/run.py --alone-runs 5     # the loads alone, 5 times each (default 3)
    python benchmarks/run.py --scaling-runs 5   # the scaling steps, 5 processes each (default 3)

The mirrors need the ``bench`` extra (``pip install -e ".[bench]"``);
without it the mirror steps are skipped and said to be.  Add a step by
appending a :class:`Step` to :data:`STEPS`; a step gets the shared context
dict (``system``, ``text``, ``G`` …) and may add to it.
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
    """A named, timed piece of work.  ``reference`` marks a floor or baseline, not library code."""

    name: str
    run: Callable[[Context], object]
    reference: bool = False
    #: Needs the pydantic and msgspec mirrors (the ``bench`` extra).
    mirror: bool = False


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


def bulk_graph(ctx: Context) -> nx.MultiDiGraph:
    """networkx's own bulk insertion of the same tuples: add_nodes_from, add_edges_from."""
    H = nx.MultiDiGraph()
    H.add_nodes_from(ctx["node_tuples"])
    H.add_edges_from(ctx["edge_tuples"])
    return H


def _tuples(ctx: Context) -> None:
    G = ctx["G"]
    # Copies of the data dicts, as a caller with its own data would hand them over.
    ctx["node_tuples"] = [(n, dict(d)) for n, d in G.nodes(data=True)]
    ctx["edge_tuples"] = [(u, v, k, dict(d)) for u, v, k, d in G.edges(keys=True, data=True)]


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
    ctx["by_hand"] = load_by_hand(ctx["text"])


def _load(ctx: Context) -> None:
    # The default size limit guards against absurd input; a 1M-object document is meant.
    ctx["loaded"] = io.loads(ctx["text"], "json", max_size=len(ctx["text"]))


def _check(step: Step, ctx: Context) -> None:
    """After a load, untimed: up to :data:`CHECK_EQUAL_UP_TO` objects, the same system."""
    if step.name == "load_json":
        if ctx["n"] <= CHECK_EQUAL_UP_TO and ctx["loaded"] != ctx["system"]:
            raise SystemExit("the loaded system differs from the generated one")
        _drop(ctx, "system")
    elif step.name == "ref_load_by_hand":
        if ctx["n"] <= CHECK_EQUAL_UP_TO and ctx["by_hand"] != ctx["loaded"]:
            raise SystemExit("the reference loader built a different system")
        _drop(ctx, "by_hand")


def _load_file(ctx: Context) -> None:
    path: Path = ctx["document"]
    ctx["loaded"] = io.load(path, max_size=path.stat().st_size)


# -- floors and mirrors: the same document through json, pydantic and msgspec ------------


def _mirrors() -> Any:
    """The ``mirrors`` package beside this script, or ``None`` without the bench extra."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    import mirrors

    return mirrors if all(mirrors.available().values()) else None


def _json_loads(ctx: Context) -> None:
    ctx["data"] = json.loads(ctx["text"])


def _json_loads_gc_paused(ctx: Context) -> None:
    with paused_gc():
        json.loads(ctx["text"])


def _json_dumps(ctx: Context) -> None:
    # Compact: no indentation, the separators without spaces.
    json.dumps(ctx.pop("data"), ensure_ascii=False, separators=(",", ":"))


def _pydantic_load(ctx: Context) -> None:
    ctx["pydantic"] = _mirrors().pydantic_mirror().model_validate_json(ctx["text"])


def _pydantic_load_file(ctx: Context) -> None:
    # From the file's bytes, as io.load reads them: both read the file in the timed step.
    path: Path = ctx["document"]
    ctx["pydantic"] = _mirrors().pydantic_mirror().model_validate_json(path.read_bytes())


def _pydantic_dump(ctx: Context) -> None:
    # The same document as io.dumps writes: two-space indent, defaults left out.
    ctx.pop("pydantic").model_dump_json(indent=2, exclude_defaults=True, by_alias=True)


def _msgspec_load(ctx: Context) -> None:
    import msgspec

    ctx["msgspec"] = msgspec.json.decode(ctx["text"], type=_mirrors().msgspec_mirror())


def _msgspec_dump(ctx: Context) -> None:
    import msgspec

    # msgspec writes no indentation; this is its compact document.
    msgspec.json.encode(ctx.pop("msgspec"))


#: The steps, in order.  Each frees what no later step needs, so the peak
#: memory is that of one system, its document and its graph, not of copies.
# The synthetic systems are built valid as of this date (their default).
_CONFIG = rules.ValidationConfig(as_of=dt.date(2024, 1, 1))

STEPS: list[Step] = [
    Step("synthetic", lambda c: c.__setitem__("system", synthetic(objects=c["n"], seed=c["seed"]))),
    Step("dump_json", lambda c: c.__setitem__("text", io.dumps(c["system"], "json"))),
    Step("load_json", _load),
    Step("ref_load_by_hand", _reference_load, True),
    Step("json_loads", _json_loads, True),
    Step("json_loads_gc_paused", _json_loads_gc_paused, True),
    Step("json_dumps_compact", _json_dumps, True),
    Step("pydantic_load", _pydantic_load, True, mirror=True),
    Step("pydantic_dump", _pydantic_dump, True, mirror=True),
    Step("msgspec_load", _msgspec_load, True, mirror=True),
    Step("msgspec_dump", _msgspec_dump, True, mirror=True),
    Step("graph_build", lambda c: c.__setitem__("G", graph.to_graph(c["loaded"]))),
    Step("ref_graph_naive", naive_graph, True),
    Step("ref_graph_bulk", bulk_graph, True),
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

#: What ``--core`` keeps: the steps the targets are about, their floors and references.
CORE_STEPS = frozenset(
    {
        "synthetic",
        "dump_json",
        "load_json",
        "ref_load_by_hand",
        "json_loads",
        "json_loads_gc_paused",
        "json_dumps_compact",
        "pydantic_load",
        "pydantic_dump",
        "msgspec_load",
        "msgspec_dump",
        "graph_build",
        "ref_graph_naive",
        "ref_graph_bulk",
        "validate_all_rules",
        "simulate",
    }
)

#: The steps whose peak memory is measured, each in a fresh interpreter that
#: starts from the document's file and runs, in order, the steps named.
RSS_STEPS: dict[str, tuple[str, ...]] = {
    "load": ("load_file",),
    "dump": ("load_file", "dump_json"),
    "load + graph": ("load_file", "graph_build"),
    "load + graph + all rules": ("load_file", "graph_build", "validate_all_rules"),
    "load + simulate": ("load_file", "simulate"),
    "json.loads": ("read_text", "json_loads"),
    "json.loads + json.dumps": ("read_text", "json_loads", "json_dumps_compact"),
    "pydantic load": ("read_text", "pydantic_load"),
    "pydantic load + dump": ("read_text", "pydantic_load", "pydantic_dump"),
    "msgspec load": ("read_text", "msgspec_load"),
    "msgspec load + dump": ("read_text", "msgspec_load", "msgspec_dump"),
}


def _read_text(ctx: Context) -> None:
    ctx["text"] = ctx["document"].read_text(encoding="utf-8")
    _drop(ctx, "document")


_RSS_ONLY = [
    Step("load_file", _load_file),
    Step("read_text", _read_text),
    # The dump of a loaded system (the whole run dumps the generated one).
    Step("dump_json", lambda c: io.dumps(c["loaded"], "json")),
    Step("pydantic_load_file", _pydantic_load_file, True, mirror=True),
]

#: The loads timed alone: each in a fresh interpreter with the same warm-up,
#: from the same file, in turns (see :func:`measure`).  By the name of the
#: step to the step of :data:`STEPS` whose row they stand beside.
ALONE_STEPS: dict[str, str] = {"load_file": "load_json", "pydantic_load_file": "pydantic_load"}

#: How many times each step of :data:`ALONE_STEPS` runs, by default.
ALONE_RUNS = 3

#: The steps whose time per object is held to grow little from one size to
#: the next, each by an entry of :data:`RSS_STEPS` that runs it in a fresh
#: interpreter with only what it needs.  Every interpreter that runs one of
#: these steps adds a sample of it (the load runs in all of them).
SCALING_CHILDREN: dict[str, str] = {
    "load_file": "dump",
    "dump_json": "dump",
    "graph_build": "load + graph + all rules",
    "validate_all_rules": "load + graph + all rules",
    "simulate": "load + simulate",
}

#: How many times, by default, each step of :data:`SCALING_CHILDREN` runs in
#: a fresh interpreter (its entry of :data:`RSS_STEPS` counts as the first).
SCALING_RUNS = 3


def _timed_step(step: Step, ctx: Context) -> float:
    """CPU seconds for one step.  The graph references exclude building their input tuples."""
    if step.name in ("ref_graph_naive", "ref_graph_bulk"):
        _tuples(ctx)
        start = time.process_time()
        step.run(ctx)
        elapsed = time.process_time() - start
        _drop(ctx, "node_tuples", "edge_tuples")
        return elapsed
    if step.name == "graph_build":
        # Not timed: the document is not needed once loaded and mirrored.
        _drop(ctx, "text")
    start = time.process_time()
    step.run(ctx)
    return time.process_time() - start


def _peak_rss() -> int:
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak * (1 if sys.platform == "darwin" else 1024))


def _warm_up(with_mirrors: bool) -> None:
    """One round trip of a small document through each library, untimed.

    Converters, validators and mirror classes are built on first use; a
    step times the work on its document, not that one-time cost.  A small
    document is loaded field by field, without the generated structure
    functions that build big ones: ``io.structure`` builds them.
    """
    text = io.dumps(synthetic(objects=300, seed=1), "json")
    graph.to_graph(io.loads(text, "json"))
    io.structure(json.loads(text))
    if with_mirrors:
        import msgspec

        mirrors = _mirrors()
        model = mirrors.pydantic_mirror().model_validate_json(text)
        model.model_dump_json(indent=2, exclude_defaults=True, by_alias=True)
        msgspec.json.encode(msgspec.json.decode(text, type=mirrors.msgspec_mirror()))


def run_child(n: int, seed: int, document: Path, core: bool = False) -> dict[str, Any]:
    """The whole run: every step of :data:`STEPS` (of :data:`CORE_STEPS` if ``core``);
    writes the JSON document to ``document``."""
    ctx: Context = {"n": n, "seed": seed}
    times: dict[str, float | None] = {}
    peaks: dict[str, int] = {}
    json_bytes = 0
    with_mirrors = _mirrors() is not None
    _warm_up(with_mirrors)
    for step in STEPS:
        if "text" in ctx and not json_bytes:
            # Not timed: the per-step processes read the document from here.
            json_bytes = document.write_bytes(ctx["text"].encode())
        if (step.mirror and not with_mirrors) or (core and step.name not in CORE_STEPS):
            times[step.name] = None
            continue
        times[step.name] = _timed_step(step, ctx)
        peaks[step.name] = _peak_rss()
        _check(step, ctx)
    G = ctx["G"]
    return {
        "objects": len(ctx["loaded"]),
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "json_bytes": json_bytes,
        "cpu_seconds": times,
        "peak_rss_after_bytes": peaks,
        "peak_rss_bytes": _peak_rss(),
    }


def rss_child(n: int, name: str, document: Path) -> dict[str, Any]:
    """One entry of :data:`RSS_STEPS` alone: its steps' CPU seconds and the process's peak.

    ``name`` may also be a step of :data:`ALONE_STEPS`, run alone.
    """
    ctx: Context = {"n": n, "document": document}
    steps = {s.name: s for s in [*STEPS, *_RSS_ONLY]}
    _warm_up(_mirrors() is not None)
    names = (name,) if name in ALONE_STEPS else RSS_STEPS[name]
    times = {step: _timed_step(steps[step], ctx) for step in names}
    return {"cpu_seconds": times, "peak_rss_bytes": _peak_rss()}


def _child(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, *args], check=False, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"benchmark child {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(
    n: int,
    seed: int,
    with_mirrors: bool,
    core: bool = False,
    alone_runs: int = ALONE_RUNS,
    scaling_runs: int = SCALING_RUNS,
) -> dict[str, Any]:
    """Run one size: the whole run, then each entry of :data:`RSS_STEPS` in a fresh interpreter,
    then the steps of :data:`ALONE_STEPS` in turns, ``alone_runs`` times each, then the
    entries of :data:`SCALING_CHILDREN` in turns until each has run ``scaling_runs`` times.

    ``fresh_cpu_seconds`` gathers, for each step of :data:`SCALING_CHILDREN`,
    its CPU seconds in every fresh interpreter that ran it."""
    with tempfile.TemporaryDirectory() as tmp:
        document = Path(tmp) / f"synthetic-{n}.json"
        args = ["--child", str(n), "--seed", str(seed), "--document", str(document)]
        result = _child(*args, *(["--core"] if core else []))
        result["rss"] = {}
        fresh: dict[str, list[float]] = {step: [] for step in SCALING_CHILDREN}

        def gather(done: dict[str, Any]) -> None:
            for step, seconds in done["cpu_seconds"].items():
                if step in fresh:
                    fresh[step].append(seconds)

        for name, steps in RSS_STEPS.items():
            if not with_mirrors and any(s.startswith(("pydantic", "msgspec")) for s in steps):
                continue
            result["rss"][name] = _child("--rss", name, str(n), "--document", str(document))
            gather(result["rss"][name])
        alone: dict[str, list[float]] = {}
        for _ in range(alone_runs if with_mirrors else 0):
            for step in ALONE_STEPS:
                done = _child("--rss", step, str(n), "--document", str(document))
                alone.setdefault(step, []).append(done["cpu_seconds"][step])
                gather(done)
        result["alone_cpu_seconds"] = alone
        again = sorted(set(SCALING_CHILDREN.values()), key=list(RSS_STEPS).index)
        for _ in range(scaling_runs - 1):
            for name in again:
                gather(_child("--rss", name, str(n), "--document", str(document)))
        result["fresh_cpu_seconds"] = fresh
    return result


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


#: The same steps in the whole run, where each also holds what the steps before it left
#: (their growth is shown beside the floor's, without a bound).
WHOLE_RUN_SCALING_STEPS = (
    "load_json",
    "dump_json",
    "graph_build",
    "validate_all_rules",
    "simulate",
    "json_loads_gc_paused",
)


def ratios(results: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """The targets, each as measured ÷ reference against its bound (``None``: no bound)."""
    out: list[dict[str, Any]] = []

    def add(target: str, value: float | None, bound: float | None) -> None:
        if value is not None:
            out.append({"target": target, "value": value, "bound": bound})

    def over(s: dict[str, float | None], a: str, b: str) -> float | None:
        x, y = s.get(a), s.get(b)
        return None if x is None or not y else x / y

    for n, r in sorted(results.items()):
        s = r["cpu_seconds"]
        # In the whole run the load holds the generated system and its text, and
        # pydantic's load the loaded system: the target is the ratio of the loads alone.
        add(
            f"load ÷ pydantic model_validate_json @ {n:,}, whole run",
            over(s, "load_json", "pydantic_load"),
            None,
        )
        alone = r.get("alone_cpu_seconds") or {}
        if alone.get("load_file") and alone.get("pydantic_load_file"):
            add(
                f"load ÷ pydantic model_validate_json, each alone from the file"
                f" (median of {len(alone['load_file'])}) @ {n:,}",
                _median(alone["load_file"]) / _median(alone["pydantic_load_file"]),
                0.5,
            )
        add(
            f"dump ÷ pydantic model_dump_json(indent=2) @ {n:,}",
            over(s, "dump_json", "pydantic_dump"),
            1.0,
        )
        add(f"all rules ÷ graph build @ {n:,}", over(s, "validate_all_rules", "graph_build"), 2.0)
        add(f"one simulation ÷ graph build @ {n:,}", over(s, "simulate", "graph_build"), 1.0)
        add(
            f"graph build ÷ networkx bulk insertion @ {n:,}",
            over(s, "graph_build", "ref_graph_bulk"),
            None,
        )
        add(
            f"graph build ÷ naive add_node/add_edge loop @ {n:,}",
            over(s, "graph_build", "ref_graph_naive"),
            0.5,
        )
        add(
            f"load ÷ json.loads + constructors by hand @ {n:,}",
            over(s, "load_json", "ref_load_by_hand"),
            1.5,
        )
        add(f"load ÷ json.loads @ {n:,}", over(s, "load_json", "json_loads"), None)
        add(f"load ÷ msgspec decode @ {n:,}", over(s, "load_json", "msgspec_load"), None)
        add(f"dump ÷ json.dumps compact @ {n:,}", over(s, "dump_json", "json_dumps_compact"), None)
        add(f"dump ÷ msgspec encode (compact) @ {n:,}", over(s, "dump_json", "msgspec_dump"), None)
    sizes = sorted(results)
    if len(sizes) >= 2:
        big, small = sizes[-1], sizes[-2]

        def per_object(n: int, seconds: float | None) -> float | None:
            return None if seconds is None else seconds / results[n]["objects"]

        for step in SCALING_CHILDREN:
            got = [results[n].get("fresh_cpu_seconds", {}).get(step) for n in (big, small)]
            if all(got):
                runs = min(len(g) for g in got)
                add(
                    f"{step} time per object @ {big:,} ÷ @ {small:,},"
                    f" each in its own process (median of {runs})",
                    _median(got[0])
                    / results[big]["objects"]
                    / (_median(got[1]) / results[small]["objects"]),
                    1.2,
                )
        for step in WHOLE_RUN_SCALING_STEPS:
            a = per_object(big, results[big]["cpu_seconds"].get(step))
            b = per_object(small, results[small]["cpu_seconds"].get(step))
            if a is not None and b:
                add(f"{step} time per object @ {big:,} ÷ @ {small:,}, whole run", a / b, None)
    big = max(sizes)
    rss = results[big]["rss"]["load + graph + all rules"]["peak_rss_bytes"]
    add(f"peak memory of load + graph + all rules @ {big:,} (GiB)", rss / 2**30, 3.5)
    for item in out:
        item["met"] = None if item["bound"] is None else item["value"] <= item["bound"]
    return out


def _render(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
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


def table(results: dict[int, dict[str, Any]]) -> str:
    """The CPU seconds and µs per object of every step; then each step's peak memory."""
    sizes = sorted(results)
    rows = [["step (CPU)", *(f"{n:,} s" for n in sizes), *(f"{n:,} µs/obj" for n in sizes)]]
    for step in STEPS:
        cells = [step.name + (" (ref)" if step.reference else "")]
        values = [results[n]["cpu_seconds"][step.name] for n in sizes]
        if all(v is None for v in values):
            continue  # skipped at every size (--core, or no mirrors)
        cells += ["—" if v is None else f"{v:.3f}" for v in values]
        cells += [
            "—" if v is None else f"{v / results[n]['objects'] * 1e6:.2f}"
            for n, v in zip(sizes, values, strict=True)
        ]
        rows.append(cells)
    for step in SCALING_CHILDREN:
        fresh = [results[n].get("fresh_cpu_seconds", {}).get(step) for n in sizes]
        if not any(fresh):
            continue
        medians = [_median(f) if f else None for f in fresh]
        rows.append(
            [
                f"{step}, own process (median of {max(len(f or ()) for f in fresh)})",
                *("—" if v is None else f"{v:.3f}" for v in medians),
                *(
                    "—" if v is None else f"{v / results[n]['objects'] * 1e6:.2f}"
                    for n, v in zip(sizes, medians, strict=True)
                ),
            ]
        )
    for step in ALONE_STEPS:
        alone = [results[n].get("alone_cpu_seconds", {}).get(step) for n in sizes]
        if not any(alone):
            continue
        medians = [_median(a) if a else None for a in alone]
        reference = " (ref)" if step.startswith("pydantic") else ""
        rows.append(
            [
                f"{step}, alone (median){reference}",
                *("—" if v is None else f"{v:.3f}" for v in medians),
                *(
                    "—" if v is None else f"{v / results[n]['objects'] * 1e6:.2f}"
                    for n, v in zip(sizes, medians, strict=True)
                ),
            ]
        )
    rows.append(
        [
            "graph nodes / edges",
            *(f"{results[n]['nodes']:,} / {results[n]['edges']:,}" for n in sizes),
        ]
        + [""] * len(sizes)
    )
    rows.append(
        ["JSON document (MB)", *(f"{results[n]['json_bytes'] / 1e6:.1f}" for n in sizes)]
        + [""] * len(sizes)
    )
    memory = [["peak RSS, own process (MiB)", *(f"{n:,}" for n in sizes)]]
    for name in RSS_STEPS:
        got = [results[n]["rss"].get(name) for n in sizes]
        memory.append(
            [name, *("—" if g is None else f"{g['peak_rss_bytes'] / 2**20:.0f}" for g in got)]
        )
    memory.append(["whole run", *(f"{results[n]['peak_rss_bytes'] / 2**20:.0f}" for n in sizes)])
    return _render(rows) + "\n\n" + _render(memory)


def _versions() -> dict[str, str | None]:
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {}
    for name in (
        "emergencykit",
        "attrs",
        "cattrs",
        "networkx",
        "pydantic",
        "msgspec",
        "nx-parallel",
    ):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def _commit() -> str | None:
    done = subprocess.run(
        ["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
        check=False,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip() or None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k and 5k objects only")
    parser.add_argument("--sizes", type=int, nargs="+", help="object counts to measure")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    parser.add_argument(
        "--core",
        action="store_true",
        help="only load, dump, graph build, rules, simulation and their floors (no views or analytics)",
    )
    parser.add_argument(
        "--alone-runs",
        type=int,
        default=ALONE_RUNS,
        help="how many times the load and pydantic's load each run alone (default %(default)s)",
    )
    parser.add_argument(
        "--scaling-runs",
        type=int,
        default=SCALING_RUNS,
        help="how many times load, dump, graph build, rules and simulation each run"
        " in a process of their own (default %(default)s)",
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rss", nargs=2, metavar=("STEP", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--document", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(run_child(args.child, args.seed, args.document, args.core)))
        return 0
    if args.rss is not None:
        print(json.dumps(rss_child(int(args.rss[1]), args.rss[0], args.document)))
        return 0
    sizes = args.sizes or (QUICK_SIZES if args.quick else FULL_SIZES)
    with_mirrors = _mirrors() is not None
    if not with_mirrors:
        print(
            "pydantic and msgspec are not both installed (pip install -e '.[bench]'): "
            "skipping the mirror steps and their ratios",
            file=sys.stderr,
            flush=True,
        )
    results: dict[int, dict[str, Any]] = {}
    for n in sizes:
        print(f"measuring {n:,} objects …", file=sys.stderr, flush=True)
        results[n] = measure(
            n, args.seed, with_mirrors, args.core, args.alone_runs, max(1, args.scaling_runs)
        )
    print(table(results))
    print()
    checks = ratios(results)
    for item in checks:
        if item["bound"] is None:
            print(f"{item['target']}: {item['value']:.2f}")
        else:
            verdict = "met" if item["met"] else "NOT met"
            print(f"{item['target']}: {item['value']:.2f} (bound {item['bound']}) — {verdict}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "commit": _commit(),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "versions": _versions(),
        "seed": args.seed,
        "mirrors": with_mirrors,
        "core": args.core,
        "alone_runs": args.alone_runs,
        "scaling_runs": args.scaling_runs,
        "results": {str(n): r for n, r in results.items()},
        "targets": checks,
    }
    args.out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
