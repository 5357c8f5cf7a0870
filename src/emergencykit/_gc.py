"""One way to pause the cyclic garbage collector around a bulk build."""

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector; restore its previous state, even on error.

    Building many small containers (frozen objects, graph adjacency dicts)
    triggers collections that find nothing to free, since everything built is
    alive: pausing them makes a bulk build two to three times faster.  A
    collector that was already off stays off, so pauses nest.

    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    >>> try:
    ...     with paused_gc():
    ...         raise KeyError("boom")
    ... except KeyError:
    ...     gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
