"""The jurisdiction tree of a system: parents, children, ancestry, depth and cycles."""

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from emergencykit.model._common import Jurisdiction

__all__ = ["JurisdictionTree", "parent_cycles"]


def parent_cycles(parents: Mapping[str, str | None]) -> list[list[str]]:
    """Each cycle of a parent function, once, starting from its first node met.

    Parameters
    ----------
    parents : mapping of str to str or None
        Id → its parent's id (``None`` at a top).  A parent that is not a
        key ends its walk.

    Returns
    -------
    list of list of str
        Each cycle in walk order, starting from the first of its nodes in
        the mapping's order; cycles in the order they are met.  Linear time:
        each node is walked once.

    Examples
    --------
    >>> parent_cycles({"a": "b", "b": "a", "c": "a", "d": None, "e": "e"})
    [['a', 'b'], ['e']]
    >>> parent_cycles({"b": "a", "c": "a", "a": "c"})  # entered at a, starts at c
    [['c', 'a']]
    """
    done: set[str] = set()
    cycles: list[list[str]] = []
    order: dict[str, int] | None = None
    # The walk under way, and where in it each of its nodes is.
    walk: list[str] = []
    on_walk: dict[str, int] = {}
    end = object()
    for start in parents:
        here: Any = start
        while here is not None and here not in done and here not in on_walk:
            up = parents.get(here, end)
            if up is end:  # a parent that is not a key ends the walk
                break
            on_walk[here] = len(walk)
            walk.append(here)
            here = up
        if not walk:
            continue
        if here in on_walk:
            cycle = walk[on_walk[here] :]
            # A walk can enter its cycle at any node: start at the first in order.
            if order is None:
                order = {jid: i for i, jid in enumerate(parents)}
            rank = order
            first = min(range(len(cycle)), key=lambda i: rank[cycle[i]])
            cycles.append(cycle[first:] + cycle[:first])
        done.update(walk)
        walk.clear()
        on_walk.clear()
    return cycles


class JurisdictionTree:
    """The tree the jurisdictions' ``parent`` fields make, for walking up and down it.

    Built from jurisdictions in document order; where two share an id the
    first counts, as ``system[id]`` resolves it.  Every walk is safe on a
    broken tree: it stops at a dangling parent and visits no node twice, so
    a parent cycle (rule EK004, found by :meth:`cycles`) cannot loop.

    Parameters
    ----------
    jurisdictions : iterable of Jurisdiction
        Usually ``system.jurisdictions``.

    Examples
    --------
    >>> from emergencykit import AdminLevel, Jurisdiction, JurisdictionTree, Label
    >>> def j(id, parent, level):
    ...     return Jurisdiction(id=id, name=Label(zh=id), parent=parent, level=level)
    >>> tree = JurisdictionTree([j("cq", None, AdminLevel.PROVINCIAL),
    ...     j("wz", "cq", AdminLevel.COUNTY), j("t1", "wz", AdminLevel.TOWNSHIP),
    ...     j("yb", "cq", AdminLevel.COUNTY)])
    >>> tree.ancestors("t1"), tree.depth("t1"), tree.children("cq")
    (['wz', 'cq'], 2, ['wz', 'yb'])
    >>> tree.descendants("cq"), tree.under("t1", "cq"), tree.under("yb", "wz")
    (['wz', 't1', 'yb'], True, False)
    >>> tree["wz"].level.en, tree.get("nowhere"), tree.cycles()
    ('county', None, [])
    """

    __slots__ = ("_by_id", "_children")

    def __init__(self, jurisdictions: Iterable[Jurisdiction]) -> None:
        by_id: dict[str, Jurisdiction] = {}
        for j in jurisdictions:
            by_id.setdefault(j.id, j)
        self._by_id = by_id
        self._children: dict[str, list[str]] | None = None

    def __contains__(self, jid: object) -> bool:
        return jid in self._by_id

    def __iter__(self) -> Iterator[str]:
        """The ids, each once, in document order."""
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def __getitem__(self, jid: str) -> Jurisdiction:
        """The jurisdiction ``jid``; :class:`KeyError` when there is none."""
        return self._by_id[jid]

    def get(self, jid: str | None) -> Jurisdiction | None:
        """The jurisdiction ``jid``, or ``None`` when there is none (or ``jid`` is ``None``)."""
        return None if jid is None else self._by_id.get(jid)

    def children(self, jid: str) -> list[str]:
        """The ids of the jurisdictions whose parent is ``jid``, in document order."""
        if self._children is None:
            children: dict[str, list[str]] = {}
            for j in self._by_id.values():
                if j.parent is not None:
                    children.setdefault(j.parent, []).append(j.id)
            self._children = children
        return list(self._children.get(jid, ()))

    def ancestors(self, jid: str | None) -> list[str]:
        """The ids above ``jid``, from its parent upwards.

        A dangling parent is the last id; a cycle stops the walk before the
        first id met again.  Empty when ``jid`` names no jurisdiction.
        """
        out: list[str] = []
        seen = {jid}
        j = self.get(jid)
        while j is not None and j.parent is not None and j.parent not in seen:
            out.append(j.parent)
            seen.add(j.parent)
            j = self._by_id.get(j.parent)
        return out

    def depth(self, jid: str) -> int:
        """The number of ids above ``jid`` (0 at a top), as :meth:`ancestors` counts them."""
        return len(self.ancestors(jid))

    def under(self, jid: str | None, root: str) -> bool:
        """True when ``jid`` is ``root`` or lies below it."""
        return jid is not None and (jid == root or root in self.ancestors(jid))

    def descendants(self, root: str) -> list[str]:
        """The ids below ``root`` (``root`` excluded), in document order."""
        seen = {root}
        stack = [root]
        while stack:
            for child in self.children(stack.pop()):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        seen.discard(root)
        return [jid for jid in self._by_id if jid in seen]

    def cycles(self) -> list[list[str]]:
        """Each parent cycle once, as :func:`parent_cycles` finds them in document order."""
        return parent_cycles({jid: j.parent for jid, j in self._by_id.items()})
