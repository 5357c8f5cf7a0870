"""How far a failing property over ``systems()`` shrinks; run as a script.

``test_properties.py`` runs this in a fresh interpreter and reads the line it
prints.  How far hypothesis shrinks is not stable: derandomized, it still
draws constants it finds in every local module loaded so far, so the result
moves with the order tests ran in and with any edit to the library (the same
search ended at 6 objects and at 23).  What hypothesis guarantees is that the
example it reports fails the test and is never larger than the first failure
it found; that, and the size of both, is what this prints.
"""

import json

from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from emergencykit.graph import to_graph
from emergencykit.model import EmergencySystem, Relation
from emergencykit.strategies import MUTATIONS, systems


def commanders(system: EmergencySystem, team: str) -> int:
    graph = to_graph(system)
    return sum(1 for _, _, key in graph.in_edges(team, keys=True) if key is Relation.COMMANDS)


def two_commanders(system: EmergencySystem) -> bool:
    return any(commanders(system, t.id) > 1 for t in system.teams)


def failures() -> tuple[EmergencySystem, EmergencySystem]:
    """The first failure found and the example reported, for "no team has two commanders"."""
    second = next(m for m in MUTATIONS if m.code == "EK502")
    failing: list[EmergencySystem] = []

    # No explain phase: it only annotates the report, at the cost of as many
    # runs again as the shrinking itself.
    phases = [p for p in Phase if p is not Phase.explain]

    @given(system=systems(), data=st.data())
    @settings(max_examples=200, database=None, derandomize=True, deadline=None, phases=phases)
    def no_team_has_two_commanders(system: EmergencySystem, data: st.DataObject) -> None:
        mutated = second.apply(system, data)
        if two_commanders(mutated):
            failing.append(mutated)
            raise AssertionError("a team with two commanders")

    try:
        no_team_has_two_commanders()
    except AssertionError:
        # Hypothesis replays the shrunk example last.
        return failing[0], failing[-1]
    raise AssertionError("hypothesis found no team with two commanders")


if __name__ == "__main__":
    first, reported = failures()
    print(
        json.dumps(
            {
                "first": len(first),
                "reported": len(reported),
                "fails": two_commanders(reported),
            }
        )
    )
