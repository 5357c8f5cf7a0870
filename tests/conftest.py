"""Hypothesis profiles for the test suite.

Pick one with the environment variable ``HYPOTHESIS_PROFILE``:

- ``dev`` (the default): few examples, for a fast edit-test loop;
- ``ci``: 200 examples for cheap properties; whole-system properties scale
  down from it (see ``tests/test_properties.py``) so the suite stays within
  a few minutes on two cores.

No deadline in either: the machines running the suite are shared, and a
slow example is not a failure.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=25, deadline=None)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
