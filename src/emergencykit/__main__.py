"""``python -m emergencykit`` and the ``emergencykit`` program: the command line in a process of its own."""

import gc
import sys

from emergencykit._gc import paused_gc
from emergencykit.cli import main


def program() -> int:
    """Run :func:`~emergencykit.cli.main` as the whole process; return its exit code.

    One command, then exit.  The cyclic garbage collector is paused while the
    command runs: its imports and its work allocate much and free little (the
    library pauses the collector for its bulk builds in any case), and the
    collections would find nothing to free.  At the end :func:`gc.freeze`
    spares the exit the collection that would walk every object once more
    just before they are all dropped.  Together this is
    about a sixth of ``emergencykit check``'s time (see the Start-up section
    of the benchmarks page).  :func:`~emergencykit.cli.main`, called in a
    process of the caller's, leaves the collector alone.
    """
    with paused_gc():
        try:
            return main()
        finally:
            gc.freeze()


if __name__ == "__main__":
    sys.exit(program())
