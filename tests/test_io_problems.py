"""The problems of a bad document: cattrs' error tree, its words, and the cap on how many."""

import sys
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from emergencykit.io._formats import too_deep

# -- the depth check --------------------------------------------------------------------


def reference_too_deep(data: Any, max_depth: int, path: str = "$", depth: int = 0) -> str | None:
    """The first value nested deeper than ``max_depth``, by plain recursion."""
    if type(data) is dict:
        entries = [(v, f"{path}.{k}") for k, v in data.items()]
    elif type(data) is list:
        entries = [(v, f"{path}[{i}]") for i, v in enumerate(data)]
    else:
        return None
    if depth >= max_depth:
        return path
    for value, below in entries:
        found = reference_too_deep(value, max_depth, below if depth < 8 else path, depth + 1)
        if found is not None:
            return found
    return None


nested = st.recursive(
    st.integers(0, 3) | st.none(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("abc"), inner, max_size=3)
    ),
    max_leaves=30,
)


@given(nested, st.integers(0, 12))
def test_too_deep_finds_the_first_value_past_the_limit(data: Any, max_depth: int) -> None:
    assert too_deep(data, max_depth) == reference_too_deep(data, max_depth)


def test_too_deep_stops_growing_the_path_below_the_formats_depth() -> None:
    data: Any = {"notes": [[[[[[[[[[[]]]]]]]]]]]}
    assert too_deep(data, 10) == "$.notes[0][0][0][0][0][0][0]"
    assert reference_too_deep(data, 10) == "$.notes[0][0][0][0][0][0][0]"
    assert too_deep(data, 12) is None


def test_too_deep_is_safe_past_the_recursion_limit() -> None:
    data: list[Any] = []
    for _ in range(sys.getrecursionlimit() * 2):
        data = [data]
    assert too_deep(data, 10**6) is None
    assert too_deep(data, 64) == "$" + "[0]" * 8
