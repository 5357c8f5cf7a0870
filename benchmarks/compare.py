"""Time the library's steps on one given document, to compare two commits.

Run it with each commit's own environment, on the same document, in turns
(old, new, new, old, …), and compare the medians:

    python benchmarks/compare.py DOCUMENT.json          # load, dump, graph, views, analytics, rules
    python benchmarks/compare.py --synthetic 100000     # each commit's own synthetic system

It prints one JSON line: CPU seconds of this process (``time.process_time``)
for each step, in the order run.  Only the public API is called, the calls
that ``benchmarks/run.py`` times, so an older commit runs it unchanged.
A small document goes through load and graph first, untimed, so that what
is built on first use (converters, generated functions) is not counted.
"""

import argparse
import datetime as dt
import gc
import json
import time
from collections.abc import Callable
from typing import Any

from emergencykit import graph, io, rules
from emergencykit.datasets import synthetic

_CONFIG = rules.ValidationConfig(as_of=dt.date(2024, 1, 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document", nargs="?", help="a JSON document written by io.dump")
    parser.add_argument("--synthetic", type=int, metavar="N", help="time synthetic(objects=N)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if (args.document is None) == (args.synthetic is None):
        parser.error("give a document or --synthetic N")
    seconds: dict[str, float] = {}

    def step(name: str, call: Callable[[], Any]) -> Any:
        gc.collect()
        start = time.process_time()
        result = call()
        seconds[name] = round(time.process_time() - start, 3)
        return result

    if args.synthetic is not None:
        step("synthetic", lambda: synthetic(objects=args.synthetic, seed=args.seed))
    else:
        small = io.dumps(synthetic(objects=300, seed=1), "json")
        graph.to_graph(io.loads(small, "json"))
        if hasattr(io, "structure"):  # builds the functions a large document is read with
            io.structure(json.loads(small))
        # Resolved before timing: a package that imports its parts on first
        # use would otherwise count an import in the first step that asks.
        views = graph.command_view, graph.cohandling_view, graph.reporting_view
        chain, spof, span = (
            graph.chain_of_command,
            graph.single_points_of_failure,
            graph.span_of_control,
        )
        cohandling = graph.cohandling_network
        with open(args.document, encoding="utf-8") as file:
            text = file.read()
        system = step("load", lambda: io.loads(text, "json", max_size=len(text)))
        del text
        step("dump", lambda: io.dumps(system, "json"))
        G = step("graph_build", lambda: graph.to_graph(system))
        for view in views:
            step(view.__name__, lambda: view(G))  # noqa: B023 - called at once
        teams = sorted(n for n, kind in G.nodes(data="kind") if kind == "team")
        step("chain_of_command", lambda: chain(G, teams[-1]))
        step("single_points_of_failure", lambda: spof(G))
        step("span_of_control", lambda: span(G))
        step("cohandling_network", lambda: cohandling(G))
        step("rules", lambda: rules.validate(system, _CONFIG, graph=G))
    print(json.dumps(seconds))


if __name__ == "__main__":
    main()
