"""Load a system document and print what it contains, collection by collection.

Run: python examples/inspect_file.py [FILE]   (default: the embedded Chongqing model)
Bad input prints one line per problem and exits with status 2.
"""

import sys
from collections import Counter

import emergencykit as ek
from emergencykit import io
from emergencykit.datasets import chongqing_2022
from emergencykit.model import COLLECTIONS


def main(argv: list[str]) -> int:
    try:
        system = io.load(argv[1]) if len(argv) > 1 else chongqing_2022()
    except ek.EmergencyKitError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"{system.name.zh} ({system.name.get('en')}), id {system.id!r}")
    if system.described:
        print(f"described on {system.described}")
    for name in COLLECTIONS:
        items = getattr(system, name)
        if not items:
            continue
        kinds = Counter(str(getattr(x, "kind", "")) for x in items)
        detail = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()) if k)
        print(f"  {name:<20} {len(items):>4}  {detail}")
    if system.relations:
        print(f"  {'relations':<20} {len(system.relations):>4}")
    for note in system.notes:
        print(f"  note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
