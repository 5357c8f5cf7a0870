"""How far a failing property over ``systems()`` shrinks; run as a script.

``test_properties.py`` runs this in a fresh interpreter and reads the line it
prints.  Derandomized hypothesis is deterministic only for a given set of
loaded modules: it also draws constants it finds in every local module
imported so far, so inside the suite the result would depend on which tests
ran first (it shrank to 23 objects instead of 6 that way).
"""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from emergencykit.graph import to_graph
from emergencykit.model import EmergencySystem, Relation
from emergencykit.strategies import MUTATIONS, systems


def commanders(system: EmergencySystem, team: str) -> int:
    graph = to_graph(system)
    return sum(1 for _, _, key in graph.in_edges(team, keys=True) if key is Relation.COMMANDS)


def shrunk() -> EmergencySystem:
    """The example hypothesis reports for "no team has two commanders"."""
    second = next(m for m in MUTATIONS if m.code == "EK502")
    failing: list[EmergencySystem] = []

    @given(system=systems(), data=st.data())
    @settings(max_examples=200, database=None, derandomize=True, deadline=None)
    def no_team_has_two_commanders(system: EmergencySystem, data: st.DataObject) -> None:
        mutated = second.apply(system, data)
        if any(commanders(mutated, t.id) > 1 for t in mutated.teams):
            failing.append(mutated)
            raise AssertionError("a team with two commanders")

    try:
        no_team_has_two_commanders()
    except AssertionError:
        # Hypothesis replays the shrunk example last.
        return failing[-1]
    raise AssertionError("hypothesis found no team with two commanders")


if __name__ == "__main__":
    smallest = shrunk()
    print(json.dumps({"objects": len(smallest), "teams": len(smallest.teams)}))
