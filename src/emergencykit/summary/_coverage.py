"""Counting forces: coverage of mandates and totals by tier and domain.

Pure functions over the model, shared by the summary and the validation
rules so that both count the same way.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

import attrs

from emergencykit._guards import takes
from emergencykit.model import (
    Approx,
    Count,
    CountUnit,
    EmergencySystem,
    ForceDomain,
    ForceGroup,
    Jurisdiction,
    JurisdictionTree,
    Mandate,
    Team,
)

__all__ = ["CoverageRow", "Tally", "descendants", "force_totals", "mandate_coverage"]


@attrs.frozen(kw_only=True)
class Tally:
    """A sum of counts that remembers how exact its parts were.

    ``value`` adds up what the parts state (the least an ``余`` count can be,
    an approximate count at its stated value).  ``about`` is set when a part
    is approximate (约), ``open`` when a part is known only from below
    (余, 以上, 不超过 or not known at all).  :meth:`text` says which.

    >>> Tally(value=3).add(2, open=True)
    Tally(value=5, about=False, open=True)
    >>> str(Tally().add_count(None)), str(Tally(value=2).add_count(None))
    ('?', '≥2')
    >>> from emergencykit import Approx, Count, CountUnit
    >>> about = Tally().add_count(Count(value=80, unit=CountUnit.PEOPLE, approx=Approx.ABOUT))
    >>> about.text("zh"), about.text("en"), about.exact
    ('约80', 'about 80', False)
    """

    value: int = 0
    about: bool = False
    open: bool = False

    @property
    def exact(self) -> bool:
        """True when every part was an exact count."""
        return not (self.about or self.open)

    def add(self, value: int, *, about: bool = False, open: bool = False) -> "Tally":
        """A new tally with ``value`` added, approximate or known only from below."""
        return Tally(value=self.value + value, about=self.about or about, open=self.open or open)

    def add_count(self, count: Count | None) -> "Tally":
        """A new tally with ``count`` added; an unknown count leaves it open."""
        if count is None:
            return self.add(0, open=True)
        if count.approx is Approx.ABOUT:
            return self.add(count.value, about=True)
        return self.add(count.lower, open=count.approx is not Approx.EXACT)

    def text(self, lang: str = "zh") -> str:
        """The tally in words: ``约80`` / ``about 80``; ``≥2``; ``?`` when nothing is known."""
        if self.about:
            if lang == "en":
                return f"about {self.value}" + (" or more" if self.open else "")
            return f"约{self.value}" + ("以上" if self.open else "")
        return str(self)

    def __str__(self) -> str:
        if self.about:
            return f"≈{self.value}" + ("+" if self.open else "")
        if self.open:
            return f"≥{self.value}" if self.value else "?"
        return str(self.value)


@takes(system=EmergencySystem, root=str)
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
            # Coverage counts teams: a part that gives no team count leaves it open.
            found[key] = found[key].add_count(p.of(CountUnit.TEAMS))
        if g.category is not None and g.teams is not None and not g.parts:
            key = (g.jurisdiction, g.category)
            found[key] = found[key].add_count(g.teams)
    return found


@takes(system=EmergencySystem, mandate=Mandate)
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
        # A mandate that does not say how many asks for at least one of each.
        need = 1 if mandate.per_category is None else mandate.per_category
        missing = tuple(c for c, t in got if t.value < need)
        rapid, ab = flags.get(j.id, (None, None))
        rows.append(
            CoverageRow(
                jurisdiction=j.id, found=got, missing=missing, rapid_units=rapid, ab_posts=ab
            )
        )
    return rows


@takes(system=EmergencySystem)
def force_totals(
    system: EmergencySystem,
) -> dict[tuple[str | None, str | None], dict[str, Tally]]:
    """Teams and people by (tier id, domain value), teams and counted groups added up.

    Named teams that a counted group lists in ``members`` are counted once,
    inside the group.  A team or group whose count is unknown leaves its row's
    tally open (shown as ``≥n``, or ``?`` when nothing is known); a group
    that gives no total but counts some parts adds at least their sum
    (``60支、13支`` of an unstated total: ``≥73``); an approximate count
    makes it approximate (``约n``, never ``≥n``).

    Returns
    -------
    dict
        ``{(tier, domain): {"teams": Tally, "people": Tally}}``, ordered by
        tier (scheme by scheme, by rank; a tier no scheme holds after them,
        rows without a tier last), then by domain in :class:`ForceDomain`
        order; ``domain`` is ``None`` for the forces whose domain the
        document does not state, after the others.
    """
    totals: dict[tuple[str | None, str | None], dict[str, Tally]] = defaultdict(
        lambda: {"teams": Tally(), "people": Tally()}
    )
    in_groups = {m for g in system.force_groups for m in g.members}
    for t in system.teams:
        if t.id in in_groups:
            continue
        row = totals[t.tier, None if t.domain is None else t.domain.value]
        row["teams"] = row["teams"].add(1)
        row["people"] = row["people"].add_count(t.headcount)
    for g in system.force_groups:
        row = totals[g.tier, None if g.domain is None else g.domain.value]
        row["teams"] = _add_group_count(row["teams"], g, g.teams, CountUnit.TEAMS)
        row["people"] = _add_group_count(row["people"], g, g.people, CountUnit.PEOPLE)
    order = _tier_order(system)
    domains: list[str | None] = [*(d.value for d in ForceDomain), None]
    return dict(
        sorted(
            totals.items(),
            key=lambda kv: (order(kv[0][0]), domains.index(kv[0][1])),
        )
    )


def _add_group_count(
    tally: Tally, group: ForceGroup, total: Count | None, unit: CountUnit
) -> Tally:
    """``tally`` plus a group's total; without a total, at least what its parts count."""
    if total is not None:
        return tally.add_count(total)
    parts = [c for c in (p.of(unit) for p in group.parts) if c is not None]
    if not parts:
        return tally.add(0, open=True)
    about = any(c.approx is Approx.ABOUT for c in parts)
    return tally.add(sum(c.lower for c in parts), about=about, open=True)


def _tier_order(system: EmergencySystem) -> Callable[[str | None], tuple[int, int, int, str]]:
    """A sort key for tier ids: by scheme, then rank; unknown tiers, then none, last."""
    place: dict[str, tuple[int, int]] = {}
    for i, scheme in enumerate(system.tier_schemes):
        for tier in scheme.tiers:
            place.setdefault(tier.id, (i, tier.rank))

    def key(tier: str | None) -> tuple[int, int, int, str]:
        if tier is None:
            return (2, 0, 0, "")
        if tier not in place:
            return (1, 0, 0, tier)
        scheme, rank = place[tier]
        return (0, scheme, rank, tier)

    return key
