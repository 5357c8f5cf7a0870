"""Hypothesis profiles for the test suite, and the shared ``rules_helpers`` module.

Pick one with the environment variable ``HYPOTHESIS_PROFILE``:

- ``dev`` (the default): few examples, for a fast edit-test loop;
- ``ci``: 200 examples for cheap properties; whole-system properties scale
  down from it (see ``tests/test_properties.py``) so the suite stays within
  a few minutes on two cores.

No deadline in either: the machines running the suite are shared, and a
slow example is not a failure.
"""

import importlib.util
import os
import pathlib
import sys

from hypothesis import HealthCheck, settings

# The suite runs with --import-mode=importlib, so the tests' directory is not
# on sys.path: make the shared builders importable as ``rules_helpers``.
if "rules_helpers" not in sys.modules:
    _spec = importlib.util.spec_from_file_location(
        "rules_helpers", pathlib.Path(__file__).with_name("rules_helpers.py")
    )
    assert _spec is not None and _spec.loader is not None
    sys.modules["rules_helpers"] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules["rules_helpers"])

settings.register_profile("dev", max_examples=25, deadline=None)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
