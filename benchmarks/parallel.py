"""agency_centrality on networkx's default backend and on nx-parallel, interleaved.

Betweenness centrality is the heaviest analytic (O(k·E) with ``k`` sampled
sources).  networkx dispatches it to an installed backend when asked
(``backend="parallel"``); nx-parallel splits the sources into one chunk per
job and runs the chunks in joblib worker processes.  This script builds the
synthetic system's graph once, then times ``graph.agency_centrality`` with
the default backend and with nx-parallel in turn, ``--runs`` times each,
interleaved (default, parallel, parallel, default, …), in wall-clock
seconds (the work happens in other processes, so the parent's CPU time
says nothing), and checks that both give the same scores.

    python benchmarks/parallel.py --sizes 100000 --runs 5
    python benchmarks/parallel.py --sizes 1000000 --runs 2 --jobs 2

Needs nx-parallel and a networkx release it supports, in an environment of
its own (benchmarks/README.md says how): no extra of the project installs it.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import networkx as nx

from emergencykit import graph
from emergencykit.datasets import synthetic

#: Sampled sources of the betweenness estimate, as in run.py.
SAMPLES = 16


def _time(G: Any, backend: str | None) -> tuple[float, dict[str, float]]:
    start = time.perf_counter()
    scores = graph.agency_centrality(G, k=SAMPLES, seed=0, backend=backend)
    return time.perf_counter() - start, scores


def measure(n: int, runs: int) -> dict[str, Any]:
    """Median wall seconds of each backend on the graph of ``synthetic(objects=n)``."""
    G = graph.to_graph(synthetic(objects=n, seed=0))
    # Untimed: the first call starts the worker processes.
    graph.agency_centrality(graph.to_graph(synthetic(objects=300, seed=1)), k=4, backend="parallel")
    times: dict[str, list[float]] = {"networkx": [], "parallel": []}
    results: dict[str, dict[str, float]] = {}
    for i in range(runs):
        order = ("networkx", "parallel") if i % 2 == 0 else ("parallel", "networkx")
        for name in order:
            seconds, results[name] = _time(G, None if name == "networkx" else "parallel")
            times[name].append(seconds)
            print(f"{n:,} {name}: {seconds:.2f} s", file=sys.stderr, flush=True)
    same = results["networkx"].keys() == results["parallel"].keys() and all(
        abs(results["networkx"][a] - results["parallel"][a]) < 1e-9 for a in results["networkx"]
    )
    if not same:
        raise SystemExit("nx-parallel gave other scores than networkx")
    medians = {name: statistics.median(t) for name, t in times.items()}
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "seconds": times,
        "median_seconds": medians,
        "parallel_over_networkx": medians["parallel"] / medians["networkx"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, help="JSON results file")
    args = parser.parse_args(argv)
    nx.config.backends.parallel.active = True
    nx.config.backends.parallel.n_jobs = args.jobs
    out = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "jobs": args.jobs,
        "networkx": version("networkx"),
        "nx-parallel": version("nx-parallel"),
        "load_average": os.getloadavg(),
        "results": {},
    }
    for n in args.sizes:
        r = measure(n, args.runs)
        out["results"][str(n)] = r
        m = r["median_seconds"]
        print(
            f"{n:,} objects ({r['nodes']:,} nodes, {r['edges']:,} edges), {args.runs} runs each: "
            f"networkx {m['networkx']:.2f} s, nx-parallel ({args.jobs} jobs) {m['parallel']:.2f} s, "
            f"ratio {r['parallel_over_networkx']:.2f}"
        )
    out["load_average_after"] = os.getloadavg()
    if args.out:
        args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
