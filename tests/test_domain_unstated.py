"""A team or counted group whose domain the document does not state.

A letter may name a team, or count a mixed group ("42 teams, including fire,
rescue and volunteer teams"), without giving one field of work: the domain
is optional on both, and the summary and the mandate rules read "not
stated" as such, never as a guess.
"""

import attrs
import pytest

import emergencykit as ek
from emergencykit import datasets, io, rules, summary
from emergencykit.summary import force_totals


@pytest.fixture(scope="module")
def system() -> ek.EmergencySystem:
    """A synthetic system shaped like Chongqing's: its county health teams are named."""
    return datasets.synthetic(objects=300, seed=1)


def _covered_team(system: ek.EmergencySystem) -> tuple[int, ek.Team]:
    """A county health team that the health mandate covers."""
    mandate = system.mandates[0]
    for i, t in enumerate(system.teams):
        if t.category in mandate.categories and t.level is mandate.level:
            return i, t
    raise AssertionError("the synthetic system has no covered team")


def _ungrouped_team(system: ek.EmergencySystem) -> tuple[int, ek.Team]:
    """A team with a tier that no counted group counts."""
    in_groups = {m for g in system.force_groups for m in g.members}
    for i, t in enumerate(system.teams):
        if t.tier is not None and t.id not in in_groups:
            return i, t
    raise AssertionError("the synthetic system has no ungrouped team")


def test_a_team_and_a_group_need_no_domain() -> None:
    team = ek.Team(id="t", name=ek.Label(zh="救援队"))
    group = ek.ForceGroup(id="g", name=ek.Label(zh="各类应急救援队伍"))
    assert team.domain is None and group.domain is None


def test_not_stated_round_trips_distinct_from_every_domain() -> None:
    base = ek.EmergencySystem(
        id="s",
        name=ek.Label(zh="体系"),
        root="j",
        jurisdictions=(ek.Jurisdiction(id="j", name=ek.Label(zh="市"), level="prefecture"),),
        teams=(ek.Team(id="t", name=ek.Label(zh="救援队")),),
    )
    for form in ("json", "toml", "yaml"):
        back = io.loads(io.dumps(base, form), form)
        assert back.teams[0].domain is None
        assert "domain" not in io.dumps(base, "json")


def test_totals_keep_unstated_domains_in_their_own_row(system: ek.EmergencySystem) -> None:
    i, team = _ungrouped_team(system)
    changed = attrs.evolve(
        system,
        teams=(*system.teams[:i], attrs.evolve(team, domain=None), *system.teams[i + 1 :]),
    )
    before, after = force_totals(system), force_totals(changed)
    assert (team.tier, None) not in before
    assert after[team.tier, None]["teams"].value == 1
    # Within its tier, the row of unstated domains comes after every stated one.
    domains = [d for (tier, d) in after if tier == team.tier]
    assert domains[-1] is None
    text = summary.render(summary.summarize(changed, lang="en"), lang="en")
    tier = next(t.name.en for s in changed.tier_schemes for t in s.tiers if t.id == team.tier)
    assert any(line.split()[:2] == [tier, "—"] for line in text.splitlines())


def test_an_unstated_domain_counts_by_the_mandate_category(system: ek.EmergencySystem) -> None:
    """EK308 asks about the A/B posts of a covered team without posts, domain stated or not."""
    i, team = _covered_team(system)

    def ek308(t: ek.Team) -> list[str]:
        changed = attrs.evolve(system, teams=(*system.teams[:i], t, *system.teams[i + 1 :]))
        report = rules.validate(changed)
        return [f.path or "" for f in report.findings if f.code == "EK308"]

    assert f"$.teams[{i}].posts" in ek308(attrs.evolve(team, posts=(), domain=None))
    assert f"$.teams[{i}].posts" not in ek308(
        attrs.evolve(team, posts=(), domain=None, category=None)
    )
