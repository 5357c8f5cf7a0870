"""Counting forces: coverage of mandates and totals by tier and domain.

Pure functions over the model, shared by the summary and the validation
rules so that both count the same way.
"""

from collections import defaultdict
from collections.abc import Iterable

import attrs

from emergencykit.model import (
    Approx,
    Count,
    EmergencySystem,
    ForceGroup,
    Jurisdiction,
    JurisdictionTree,
    Mandate,
    Team,
)

__all__ = ["CoverageRow", "Tally", "descendants", "force_totals", "mandate_coverage"]


@attrs.frozen(kw_only=True)
class Tally:
    """A sum of counts that remembers whether any part was approximate.

    >>> Tally(value=3).add(2, exact=False)
    Tally(value=5, exact=False)
    >>> str(Tally().add_count(None)), str(Tally(value=2).add_count(None))
    ('?', '≥2')
    """

    value: int = 0
    exact: bool = True

    def add(self, value: int, *, exact: bool = True) -> "Tally":
        """A new tally with ``value`` added."""
        return Tally(value=self.value + value, exact=self.exact and exact)

    def add_count(self, count: Count | None) -> "Tally":
        """A new tally with ``count`` added; an unknown count makes it inexact."""
        if count is None:
            return Tally(value=self.value, exact=False)
        return self.add(count.lower, exact=count.approx is Approx.EXACT)

    def __str__(self) -> str:
        if self.exact:
            return str(self.value)
        return f"≥{self.value}" if self.value else "?"


def descendants(system: EmergencySystem, root: str) -> list[Jurisdiction]:
    """Jurisdictions under ``root`` (not including it), in document order.

    As :meth:`~emergencykit.model.JurisdictionTree.descendants` finds them:
    cycle-safe, and the first jurisdiction with an id stands for it.

    Examples
    --------
    >>> from emergencykit import EmergencySystem, Jurisdiction, Label, AdminLevel
    >>> j = lambda i, p, lvl: Jurisdiction(id=i, parent=p, name=Label(zh=i), level=lvl)
    >>> s = EmergencySystem(id="s", name=Label(zh="s"), jurisdictions=(
    ...     j("cq", None, AdminLevel.PROVINCIAL), j("wz", "cq", AdminLevel.COUNTY),
    ...     j("t1", "wz", AdminLevel.TOWNSHIP)))
    >>> [x.id for x in descendants(s, "cq")]
    ['wz', 't1']
    """
    tree = JurisdictionTree(system.jurisdictions)
    return [tree[jid] for jid in tree.descendants(root)]


@attrs.frozen(kw_only=True)
class CoverageRow:
    """How one jurisdiction meets a mandate: teams found per required category."""

    jurisdiction: str
    found: tuple[tuple[str, Tally], ...]
    missing: tuple[str, ...]
    rapid_units: bool | None
    ab_posts: bool | None

    @property
    def complete(self) -> bool:
        """True when no required category is missing."""
        return not self.missing


def _category_counts(
    teams: Iterable[Team], groups: Iterable[ForceGroup]
) -> dict[tuple[str | None, str], Tally]:
    """(jurisdiction, category) -> teams found."""
    found: dict[tuple[str | None, str], Tally] = defaultdict(Tally)
    groups = list(groups)
    # A named member is already inside its group's count only when the group
    # itself counts by category; otherwise the member counts on its own.
    in_groups = {m for g in groups if g.parts or g.category is not None for m in g.members}
    for t in teams:
        if t.category is not None and t.id not in in_groups:
            found[t.jurisdiction, t.category] = found[t.jurisdiction, t.category].add(1)
    for g in groups:
        for p in g.parts:
            cat = p.category
            if cat is None:
                continue
            place = p.jurisdiction or g.jurisdiction
            key = (place, cat)
            found[key] = found[key].add(p.count.lower, exact=p.count.approx is Approx.EXACT)
        if g.category is not None and g.teams is not None and not g.parts:
            key = (g.jurisdiction, g.category)
            found[key] = found[key].add(g.teams.lower, exact=g.teams.approx is Approx.EXACT)
    return found


def mandate_coverage(system: EmergencySystem, mandate: Mandate) -> list[CoverageRow]:
    """One row per jurisdiction the mandate covers, in document order.

    A jurisdiction is covered when it lies under ``mandate.jurisdiction`` at
    ``mandate.level``.  Teams count towards their own jurisdiction and
    category; counted groups through their parts (or their own category).

    Examples
    --------
    >>> import emergencykit as ek
    >>> system = ek.datasets.chongqing_2022()
    >>> mandate = system.mandates[0]
    >>> rows = mandate_coverage(system, mandate)
    >>> len(rows), all(r.complete for r in rows)
    (38, True)
    """
    found = _category_counts(system.teams, system.force_groups)
    flags: dict[str | None, tuple[bool | None, bool | None]] = {}
    for g in system.force_groups:
        if g.domain is mandate.domain:
            flags[g.jurisdiction] = (g.rapid_units, g.ab_posts)
    rows = []
    for j in descendants(system, mandate.jurisdiction):
        if j.level is not mandate.level:
            continue
        got = tuple((c, found.get((j.id, c), Tally())) for c in mandate.categories)
        missing = tuple(c for c, t in got if t.value < mandate.per_category)
        rapid, ab = flags.get(j.id, (None, None))
        rows.append(
            CoverageRow(
                jurisdiction=j.id, found=got, missing=missing, rapid_units=rapid, ab_posts=ab
            )
        )
    return rows


def force_totals(system: EmergencySystem) -> dict[tuple[str | None, str], dict[str, Tally]]:
    """Teams and people by (tier id, domain value), teams and counted groups added up.

    Named teams that a counted group lists in ``members`` are counted once,
    inside the group.  A team or group whose count is unknown makes its row's
    tally inexact (shown as ``≥n``, or ``?`` when nothing is known).

    Returns
    -------
    dict
        ``{(tier, domain): {"teams": Tally, "people": Tally}}``, sorted by
        tier then domain.
    """
    totals: dict[tuple[str | None, str], dict[str, Tally]] = defaultdict(
        lambda: {"teams": Tally(), "people": Tally()}
    )
    in_groups = {m for g in system.force_groups for m in g.members}
    for t in system.teams:
        if t.id in in_groups:
            continue
        row = totals[t.tier, t.domain.value]
        row["teams"] = row["teams"].add(1)
        row["people"] = row["people"].add_count(t.headcount)
    for g in system.force_groups:
        row = totals[g.tier, g.domain.value]
        row["teams"] = row["teams"].add_count(g.teams)
        row["people"] = row["people"].add_count(g.people)
    return dict(sorted(totals.items(), key=lambda kv: (kv[0][0] or "\uffff", kv[0][1])))
