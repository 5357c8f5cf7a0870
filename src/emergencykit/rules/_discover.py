"""Entry points of one group, read as :func:`importlib.metadata.entry_points` reads them.

Importing :mod:`importlib.metadata` costs a command more than reading the
few files it would read (it imports the email package, among others, to
parse metadata that finding entry points does not need).  :func:`entry_points`
reads the ``entry_points.txt`` of every distribution on ``sys.path`` in the
order and with the parsing :mod:`importlib.metadata` uses for ordinary
installs (``*.dist-info`` and ``*.egg-info`` directories; the first
distribution of a name wins), and returns ``None`` wherever it could differ:
a finder of distributions other than the standard one, a zip or egg on
``sys.path``, a metadata directory named in upper case, a line it cannot
parse.  Callers then ask :mod:`importlib.metadata` itself.  A test holds the
two equal on the installed distributions and on made-up ones.
"""

import functools
import os
import re
import sys
from importlib import import_module
from importlib.machinery import PathFinder
from typing import Any

__all__ = ["EntryPoint", "entry_points"]

# importlib.metadata's own patterns.
_PATTERN = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
_SEPARATORS = re.compile(r"[-_.]+")


class EntryPoint:
    """An entry point's ``name`` and ``value``, loaded as ``importlib.metadata.EntryPoint`` loads it."""

    __slots__ = ("group", "name", "value")

    def __init__(self, name: str, value: str, group: str) -> None:
        self.name = name
        self.value = value
        self.group = group

    @property
    def module(self) -> str:
        """The module part of the value."""
        match = _PATTERN.match(self.value)
        assert match is not None  # entry_points() returns only values that match
        return match.group("module")

    def load(self) -> Any:
        """Import the module and return the object the value names."""
        match = _PATTERN.match(self.value)
        assert match is not None
        module = import_module(match.group("module"))
        attrs = filter(None, (match.group("attr") or "").split("."))
        return functools.reduce(getattr, attrs, module)

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"


def _normalize(name: str) -> str:
    return _SEPARATORS.sub("-", name).lower().replace("-", "_")


def _distributions() -> list[str] | None:
    """The metadata directories of the distributions on ``sys.path``, first of each name; ``None`` if unsure."""
    for finder in sys.meta_path:
        found = getattr(finder, "find_distributions", None)
        if found is not None and finder is not PathFinder:
            return None
    by_name: dict[str, str] = {}
    for entry in sys.path:
        if not isinstance(entry, str) or os.path.basename(entry).lower().endswith(".egg"):
            return None
        try:
            children = os.listdir(entry or ".")
        except NotADirectoryError:  # a zip file: importlib reads inside it
            return None
        except OSError:
            continue
        seen: dict[str, list[str]] = {}
        for child in children:
            low = child.lower()
            if low.endswith((".dist-info", ".egg-info")):
                if not child.endswith((".dist-info", ".egg-info")):
                    return None  # importlib would read its METADATA for the name
                name = _normalize(low.rpartition(".")[0].partition("-")[0])
                seen.setdefault(name, []).append(os.path.join(entry, child))
        for paths in seen.values():
            for path in paths:
                stem = os.path.splitext(os.path.basename(path))[0].partition("-")[0]
                by_name.setdefault(_normalize(stem), path)
    return list(by_name.values())


def entry_points(group: str) -> list[EntryPoint] | None:
    """The entry points in ``group`` of the distributions on ``sys.path``, in their order.

    What ``importlib.metadata.entry_points(group=group)`` returns (its
    names, values and order), or ``None`` where this reading could differ
    from it.
    """
    distributions = _distributions()
    if distributions is None:
        return None
    found: list[EntryPoint] = []
    for path in distributions:
        try:
            with open(os.path.join(path, "entry_points.txt"), encoding="utf-8") as file:
                text = file.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
            continue
        section = None
        for line in map(str.strip, text.splitlines()):
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line.strip("[]")
                continue
            if section is None:
                continue
            name, equals, value = line.partition("=")
            if not equals or _PATTERN.match(value.strip()) is None:
                return None  # importlib.metadata raises, or returns what cannot load
            if section == group:
                found.append(EntryPoint(name.strip(), value.strip(), group))
    return found
