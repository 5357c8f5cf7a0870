"""The shared ``rules_helpers`` module (the hypothesis profiles are in the
top-level ``conftest.py``, so that doctests use them too)."""

import importlib.util
import pathlib
import sys

# The suite runs with --import-mode=importlib, so the tests' directory is not
# on sys.path: make the shared builders importable as ``rules_helpers``.
if "rules_helpers" not in sys.modules:
    _spec = importlib.util.spec_from_file_location(
        "rules_helpers", pathlib.Path(__file__).with_name("rules_helpers.py")
    )
    assert _spec is not None and _spec.loader is not None
    sys.modules["rules_helpers"] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules["rules_helpers"])
