"""Parts of a counted group that span several levels and count teams and people at once."""

import json

import pytest
import rules_helpers as h
from hypothesis import HealthCheck, given, settings

import emergencykit as ek
from emergencykit import io
from emergencykit.strategies import objects

L = ek.Label
C = ek.CountUnit


def teams(n: int, approx: str = "exact") -> ek.Count:
    return ek.Count(value=n, unit=C.TEAMS, approx=approx)


def people(n: int, approx: str = "exact") -> ek.Count:
    return ek.Count(value=n, unit=C.PEOPLE, approx=approx)


def group(**kw: object) -> ek.ForceGroup:
    return ek.ForceGroup(id="g", name=L(zh="地质灾害应急队伍"), domain="accident_disaster", **kw)


def test_a_part_may_span_levels_and_count_teams_and_people() -> None:
    part = ek.Part(level=["prefecture", "county"], count=[teams(12), people(300, "at_least")])
    assert part.level == (ek.AdminLevel.PREFECTURE, ek.AdminLevel.COUNTY)
    assert part.of(C.TEAMS) == teams(12) and part.of(C.PEOPLE) == people(300, "at_least")
    assert part.of(C.AIRCRAFT) is None
    # One level, one count: as before.
    one = ek.Part(level="county", count=teams(3))
    assert one.level == (ek.AdminLevel.COUNTY,) and one.count == (teams(3),)


def test_a_part_counts_each_unit_once_and_counts_something() -> None:
    with pytest.raises(ek.FieldValueError) as caught:
        ek.Part(count=[people(1), people(2)])
    assert caught.value.field == "count[1].unit"
    with pytest.raises(ek.FieldValueError, match="'count' needs at least one count"):
        ek.Part(count=[])


def test_parts_add_up_unit_by_unit() -> None:
    parts = [
        ek.Part(level=["prefecture", "county"], count=[teams(10), people(250)]),
        ek.Part(level="township", count=teams(2)),
    ]
    g = group(teams=teams(12), people=people(250), parts=parts)
    assert len(g.parts) == 2
    with pytest.raises(ek.FieldValueError, match=r"must add up to teams \(13 teams\) \(got 12\)"):
        group(teams=teams(13), people=people(250), parts=parts)
    with pytest.raises(
        ek.FieldValueError, match=r"must add up to people \(300 people\) \(got 250\)"
    ):
        group(teams=teams(12), people=people(300), parts=parts)
    # An approximate total is an upper bound only when it is one.
    assert group(teams=teams(12), people=people(200, "at_least"), parts=parts).parts == g.parts
    with pytest.raises(ek.FieldValueError, match="must not add up to more than people"):
        group(people=people(200, "at_most"), parts=parts)


def _document(part: str) -> str:
    return (
        "schema: emergencykit/1\nid: s\nname: {zh: 示例}\n"
        "force_groups:\n- id: g\n  name: {zh: 队伍}\n  domain: accident_disaster\n"
        f"  parts:\n  - {part}\n"
    )


def test_the_letters_parts_load() -> None:
    # Refused before: parts[0].level: … (got ['prefecture', 'county'])
    text = _document(
        "{level: [prefecture, county], count: [{value: 12, unit: teams},"
        " {value: 300, unit: people, approx: at_least}]}"
    )
    (part,) = io.loads(text, "yaml").force_groups[0].parts
    assert part.level == (ek.AdminLevel.PREFECTURE, ek.AdminLevel.COUNTY)
    assert part.of(C.PEOPLE) == people(300, "at_least")


def test_a_part_of_one_level_and_one_count_is_written_as_before() -> None:
    text = _document("{level: county, count: {value: 3, unit: teams}}")
    data = json.loads(io.dumps(io.loads(text, "yaml"), "json"))
    assert data["force_groups"][0]["parts"] == [
        {"count": {"value": 3, "unit": "teams"}, "level": "county"}
    ]


@pytest.mark.parametrize(
    ("part", "line"),
    [
        (
            "{count: [{value: 1, unit: teams}, {value: 2, unit: teams}]}",
            "$.force_groups[0].parts[0].count[1].unit: must not repeat a unit",
        ),
        ("{level: [county, shire], count: {value: 1, unit: teams}}", "parts[0].level[1]: must be"),
        ("{count: []}", "$.force_groups[0].parts[0].count: needs at least one count"),
    ],
)
def test_bad_parts_name_their_path(part: str, line: str) -> None:
    with pytest.raises(ek.LoadError) as caught:
        io.loads(_document(part), "yaml")
    assert line in str(caught.value)


def test_the_schema_takes_one_or_a_list() -> None:
    props = io.json_schema()["$defs"]["Part"]["properties"]
    assert props["count"]["anyOf"][:2] == [
        {"$ref": "#/$defs/Count"},
        {"type": "array", "items": {"$ref": "#/$defs/Count"}},
    ]
    assert props["level"]["anyOf"][0] == {"$ref": "#/$defs/AdminLevel"}
    assert "count" in io.json_schema()["$defs"]["Part"]["required"]


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
@given(g=objects(ek.ForceGroup))
@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
def test_round_trip_keeps_every_part_s_levels_and_counts(fmt: str, g: ek.ForceGroup) -> None:
    system = ek.EmergencySystem(id="s", name=L(zh="x"), force_groups=(g,))
    back = io.loads(io.dumps(system, fmt), fmt).force_groups[0]
    assert [(p.level, p.count) for p in back.parts] == [(p.level, p.count) for p in g.parts]


@given(p=objects(ek.Part))
@settings(max_examples=50)
def test_drawn_parts_count_each_unit_once(p: ek.Part) -> None:
    units = [c.unit for c in p.count]
    assert units and len(units) == len(set(units))


def _county_group(levels: list[str]) -> ek.ForceGroup:
    return ek.ForceGroup(
        id="joint-health",
        name=L(zh="市县卫生应急队伍", en="city and county health teams"),
        domain="health",
        category="med",
        rapid_units=False,
        parts=[ek.Part(level=levels, count=teams(2))],
    )


def test_ek304_a_part_spanning_the_mandated_level_is_judged() -> None:
    s = h.add(h.base(), "force_groups", _county_group(["prefecture", "county"]))
    assert [f.subjects[0] for f in h.findings(s, "EK304")] == ["joint-health"]
    s = h.add(h.base(), "force_groups", _county_group(["provincial", "prefecture"]))
    assert h.findings(s, "EK304") == []


def test_coverage_counts_a_part_s_teams_not_its_people() -> None:
    from emergencykit.summary._coverage import _category_counts

    g = group(parts=[ek.Part(category="med", count=[people(40), teams(2)])])
    assert _category_counts([], [g])[None, "med"].value == 2
    only_people = group(parts=[ek.Part(category="med", count=people(40))])
    tally = _category_counts([], [only_people])[None, "med"]
    assert tally.value == 0 and tally.open
