"""Print who handles work together, strongest partnerships first.

    python examples/cohandling_network.py [--lang en] [--chongqing] [--top N]

Two agencies are linked when both lead or co-handle the same plan, proposal
or public-opinion protocol; the weight is how many they share.  By default
the network is that of a generated national system (``synthetic``), where
ministries meet on several plans and proposals, so weights differ.  With
``--chongqing`` it is the embedded 2022 model's: proposal No. 0716 was
handled by 市应急管理局 with five co-handlers, and each pair shares only
that one proposal (or the one protocol), so every weight is 1.
"""

import argparse

from emergencykit.datasets import chongqing_2022, synthetic
from emergencykit.graph import agency_centrality, cohandling_network, to_graph


def _width(text: str) -> int:
    """Display width: a Chinese character takes two columns."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the co-handling network.")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="label language")
    parser.add_argument(
        "--chongqing", action="store_true", help="the embedded Chongqing 2022 model"
    )
    parser.add_argument("--top", type=int, default=10, help="rows to show (default 10)")
    args = parser.parse_args(argv)

    system = chongqing_2022() if args.chongqing else synthetic(300, seed=1)
    print(f"{system.name.get(args.lang)}: who handles work together")
    print()
    G = to_graph(system)
    network = cohandling_network(G)
    centrality = agency_centrality(G)
    names = {a: str(network.nodes[a][f"label_{args.lang}"]) for a in network}

    rows = sorted(
        network.edges(data=True), key=lambda e: (-e[2]["weight"], names[e[0]], names[e[1]])
    )
    header = ("agency", "agency", "shared", "what they share")
    table = [header] + [
        (names[a], names[b], str(d["weight"]), ", ".join(d["shared"]))
        for a, b, d in rows[: args.top]
    ]
    widths = [max(_width(row[i]) for row in table) for i in range(len(header))]
    for i, row in enumerate(table):
        print("  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    if len(rows) > args.top:
        print(f"… and {len(rows) - args.top} more pairs")

    print()
    print("agencies by co-handling partners (and betweenness in command + co-handling):")
    ranked = sorted(network, key=lambda a: (-network.degree(a), names[a]))
    width = max((_width(names[a]) for a in ranked[: args.top]), default=0)
    for agency in ranked[: args.top]:
        partners = network.degree(agency)
        print(f"  {_pad(names[agency], width)}  {partners:2d} partners  {centrality[agency]:.3f}")
    if len(ranked) > args.top:
        print(f"  … and {len(ranked) - args.top} more agencies")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
