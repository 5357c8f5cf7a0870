"""Old import paths of names that moved, kept working with a warning."""

import importlib
import warnings
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["moved_to"]


def moved_to(old: str, new: str, names: Iterable[str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``old`` that finds ``names`` in ``new``.

    Each access warns with a :class:`DeprecationWarning` naming the new path;
    importing ``old`` alone does not warn.

    >>> getattr_ = moved_to("emergencykit.old", "emergencykit.summary", ["summarize"])
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     getattr_("summarize").__name__, str(caught[0].message)
    ('summarize', 'emergencykit.old.summarize moved to emergencykit.summary.summarize')
    >>> getattr_("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'emergencykit.old' has no attribute 'nothing'
    """
    known = frozenset(names)

    def __getattr__(name: str) -> Any:
        if name not in known:
            raise AttributeError(f"module {old!r} has no attribute {name!r}")
        warnings.warn(f"{old}.{name} moved to {new}.{name}", DeprecationWarning, stacklevel=2)
        return getattr(importlib.import_module(new), name)

    return __getattr__
