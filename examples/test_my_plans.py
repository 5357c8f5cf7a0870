"""Property-testing your own code with emergencykit's strategies.

``add_district`` below stands for a function of your own that edits a
system.  The tests check, for systems of every shape hypothesis can think
of, that the result still validates without errors, that the new district
is there, and that nothing else changed.

Run it with ``pytest examples/test_my_plans.py``.
"""

import datetime as dt
from typing import Any

import attrs
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import emergencykit as ek
from emergencykit import rules
from emergencykit.strategies import DEFAULT_AS_OF, ids, labels, systems

# Few examples and no deadline: enough to catch mistakes while you edit.
quick = settings(max_examples=25, deadline=None)


def add_district(system: ek.EmergencySystem, district: str, name: ek.Label) -> ek.EmergencySystem:
    """Add a county under the root, with its government, emergency bureau and
    the health teams that the system's mandates require of a county."""
    root = system[system.root]
    above = next(
        a
        for a in system.agencies
        if a.jurisdiction == root.id and a.kind is ek.AgencyKind.GOVERNMENT
    )
    centre = next(
        a
        for a in system.agencies
        if a.jurisdiction == root.id and a.kind is ek.AgencyKind.COMMAND_CENTRE
    )
    gov, bureau = f"{district}-gov", f"{district}-yjj"
    # A generated name may be English-only: build the Chinese names from
    # whichever text the label has.
    title = name.zh or name.en
    county = ek.Jurisdiction(id=district, name=name, level=ek.AdminLevel.COUNTY, parent=root.id)
    agencies = (
        ek.Agency(
            id=gov,
            name=ek.Label(zh=f"{title}人民政府"),
            kind=ek.AgencyKind.GOVERNMENT,
            jurisdiction=district,
            parent=above.id,
        ),
        ek.Agency(
            id=bureau,
            name=ek.Label(zh=f"{title}应急管理局"),
            kind=ek.AgencyKind.GOVERNMENT_DEPARTMENT,
            sector=ek.Sector.EMERGENCY_MANAGEMENT,
            jurisdiction=district,
            parent=gov,
        ),
    )
    required = [
        c
        for m in system.mandates
        if m.level is ek.AdminLevel.COUNTY and m.jurisdiction == root.id
        for c in m.categories
    ]
    persons, teams = [], []
    for k, category in enumerate(dict.fromkeys(required) or [None]):
        team = f"{district}-health{k}"
        a, b = (
            ek.Person(id=f"{team}-a", name=ek.Label(zh="队长"), agency=bureau),
            ek.Person(id=f"{team}-b", name=ek.Label(zh="副队长"), agency=bureau),
        )
        persons += [a, b]
        teams.append(
            ek.Team(
                id=team,
                name=ek.Label(zh=f"{title}卫生应急队{k + 1}"),
                domain=ek.ForceDomain.HEALTH,
                category=category,
                level=ek.AdminLevel.COUNTY,
                jurisdiction=district,
                agency=bureau,
                commander=bureau,
                dispatcher=centre.id,
                rapid_unit=ek.RapidUnit(name=ek.Label(zh="背囊化快速小分队")),
                posts=(ek.Post(title=ek.Label(zh="队长"), a=a.id, b=b.id),),
                registered=True,
            )
        )
    return attrs.evolve(
        system,
        jurisdictions=(*system.jurisdictions, county),
        agencies=(*system.agencies, *agencies),
        persons=(*system.persons, *persons),
        teams=(*system.teams, *teams),
    )


def errors(system: ek.EmergencySystem, as_of: dt.date = DEFAULT_AS_OF) -> list[str]:
    report = rules.validate(system, rules.ValidationConfig(as_of=as_of))
    return [f"{f.code}: {f.message_en}" for f in report.findings if f.severity is rules.Level.ERROR]


# Two levels, so that there are counties (and often a county mandate) already.
def district_cases(test: Any) -> Any:
    """Run ``test`` on two-level systems, a district id and a name."""
    cases = given(system=systems(depth=2, children=(1, 2)), district=ids(), name=labels())
    return quick(cases(test))


@district_cases
def test_result_still_validates(system: ek.EmergencySystem, district: str, name: ek.Label) -> None:
    assume(district not in system)
    assert errors(add_district(system, district, name)) == []


@district_cases
def test_new_district_is_present(system: ek.EmergencySystem, district: str, name: ek.Label) -> None:
    assume(district not in system)
    result = add_district(system, district, name)
    assert result[district].name == name
    assert result[district].parent == system.root
    assert any(t.jurisdiction == district for t in result.teams)


@district_cases
def test_nothing_else_changes(system: ek.EmergencySystem, district: str, name: ek.Label) -> None:
    assume(district not in system)
    result = add_district(system, district, name)
    for field in attrs.fields(ek.EmergencySystem):
        before, after = getattr(system, field.name), getattr(result, field.name)
        if isinstance(before, tuple):
            assert after[: len(before)] == before
        else:
            assert after == before


@quick
@given(
    system=systems(depth=2),
    district=ids(),
    name=labels(),
    complete=st.booleans(),
    data=st.data(),
)
def test_forgetting_a_team_is_caught(
    system: ek.EmergencySystem,
    district: str,
    name: ek.Label,
    complete: bool,
    data: st.DataObject,
) -> None:
    """The check above is not vacuous: a district missing a mandated team is
    reported.  A partial document (a reply letter) seldom lists every team,
    so there the gap is a question; a system that declares itself complete
    (your own full data) fails with an error."""
    assume(district not in system and system.mandates)
    result = add_district(system, district, name)
    ours = [t for t in result.teams if t.jurisdiction == district]
    dropped = data.draw(st.sampled_from(ours))
    broken = attrs.evolve(
        result,
        teams=tuple(t for t in result.teams if t is not dropped),
        completeness=ek.Completeness.COMPLETE if complete else ek.Completeness.PARTIAL,
    )
    report = rules.validate(broken, rules.ValidationConfig(as_of=DEFAULT_AS_OF))
    gap = [f for f in report.findings if f.code == "EK307" and district in f.subjects]
    assert gap, "the missing team is not reported"
    if complete:
        assert any(e.startswith("EK307") for e in errors(broken))
    else:
        assert all(f.is_question for f in gap)
