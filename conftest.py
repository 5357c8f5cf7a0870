"""Hypothesis profiles and doctest names for every test: ``tests/``, the
docstrings in ``src/`` and the pages in ``docs/``.

Pick a profile with the environment variable ``HYPOTHESIS_PROFILE``:

- ``dev`` (the default): few examples, for a fast edit-test loop; what is
  about shrinking is skipped — tests marked ``shrinking`` and docstring and
  page examples that call ``hypothesis.find()`` — because shrinking to the
  smallest example takes seconds each;
- ``ci`` (what ``.ci/run`` uses, and the way to run everything): 200
  examples for cheap properties (whole-system properties scale down from it,
  see ``tests/test_properties.py``) and every example.

No deadline in either: the machines running the suite are shared, and a
slow example is not a failure.
"""

import doctest
import os
import re

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=25, deadline=None)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
settings.load_profile(PROFILE)

# ``find(`` as a call, not ``text.find(`` or ``rfind(``.
_FIND = re.compile(r"(?<![\w.])find\(")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if PROFILE == "ci":
        return
    skip = pytest.mark.skip(reason="shrinks: HYPOTHESIS_PROFILE=ci runs it")
    for item in items:
        examples = (
            item.dtest.examples if isinstance(item, pytest.DoctestItem) and item.dtest else []
        )
        if item.get_closest_marker("shrinking") or any(_FIND.search(e.source) for e in examples):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _chinese_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands run without ``--lang`` print Chinese whatever the machine's locale.

    The command line takes its default language from ``EMERGENCYKIT_LANG``
    and the locale; pinned outputs must not depend on where the suite runs.
    Tests of that choice set the variables they need.
    """
    monkeypatch.setenv("EMERGENCYKIT_LANG", "zh")


@pytest.fixture(autouse=True, scope="session")
def _doctest_names(doctest_namespace: dict[str, object]) -> None:
    """``G``, the example command structure the analytics' docstrings query.

    :mod:`emergencykit.graph`'s docstring builds it for readers; running that
    docstring's examples here keeps one definition.
    """
    import emergencykit.graph

    names: dict[str, object] = {}
    for example in doctest.DocTestParser().get_examples(emergencykit.graph.__doc__ or ""):
        exec(example.source, names)
    doctest_namespace["G"] = names["G"]
