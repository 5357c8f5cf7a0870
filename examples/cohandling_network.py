"""Print who handles work together in the Chongqing 2022 system.

    python examples/cohandling_network.py [--lang en]

Two agencies are linked when both lead or co-handle the same plan, proposal
or public-opinion protocol; the weight is how many they share.  Proposal
No. 0716 was handled by 市应急管理局 with five co-handlers, so they form the
core of the network.
"""

import argparse

from emergencykit.datasets import chongqing_2022
from emergencykit.graph import agency_centrality, cohandling_network, to_graph


def _width(text: str) -> int:
    """Display width: a Chinese character takes two columns."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the co-handling network.")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="label language")
    args = parser.parse_args(argv)

    G = to_graph(chongqing_2022())
    network = cohandling_network(G)
    centrality = agency_centrality(G)
    names = {a: str(network.nodes[a][f"label_{args.lang}"]) for a in network}

    rows = sorted(
        network.edges(data=True), key=lambda e: (-e[2]["weight"], names[e[0]], names[e[1]])
    )
    header = ("agency", "agency", "shared", "what they share")
    table = [header] + [
        (names[a], names[b], str(d["weight"]), ", ".join(d["shared"])) for a, b, d in rows
    ]
    widths = [max(_width(row[i]) for row in table) for i in range(len(header))]
    for i, row in enumerate(table):
        print("  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))

    print()
    print("agencies by co-handling partners (and betweenness in command + co-handling):")
    for agency in sorted(network, key=lambda a: (-network.degree(a), names[a])):
        partners = network.degree(agency)
        print(f"  {_pad(names[agency], 36)} {partners:2d} partners  {centrality[agency]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
