"""Several agencies may form one team or counted group; one agency is still written alone."""

import json

import pytest
import rules_helpers as h
from hypothesis import HealthCheck, given, settings

import emergencykit as ek
from emergencykit import io
from emergencykit.datasets import chongqing_2022, synthetic
from emergencykit.graph import to_graph
from emergencykit.model import Relation
from emergencykit.strategies import objects
from emergencykit.summary import render_text, summarize

L = ek.Label


def _team(**kw: object) -> ek.Team:
    return ek.Team(
        id="t", name=L(zh="地灾应急队", en="geohazard team"), domain="accident_disaster", **kw
    )


def test_one_id_a_list_or_none() -> None:
    assert _team(agency="em").agency == ("em",)
    assert _team(agency=["em", "geo4"]).agency == ("em", "geo4")
    assert _team(agency=None).agency == () == _team().agency
    with pytest.raises(ek.FieldValueError, match=r"'agency\[1\]' must be a non-empty id"):
        _team(agency=["em", "a b"])


def _document(agency: str) -> str:
    return (
        "schema: emergencykit/1\nid: s\nname: {zh: 示例}\n"
        f"teams:\n- {{id: t, name: {{zh: 队}}, domain: health, agency: {agency}}}\n"
        f"force_groups:\n- {{id: g, name: {{zh: 群}}, domain: health, agency: {agency}}}\n"
    )


def test_a_document_that_names_one_agency_still_loads_and_is_written_the_same() -> None:
    system = io.loads(_document("em"), "yaml")
    assert system.teams[0].agency == ("em",) and system.force_groups[0].agency == ("em",)
    data = json.loads(io.dumps(system, "json"))
    assert data["teams"][0]["agency"] == "em"
    assert io.loads(_document("null"), "yaml").teams[0].agency == ()


def test_a_document_may_name_several() -> None:
    system = io.loads(_document("[em, geo4]"), "yaml")
    assert system.teams[0].agency == ("em", "geo4")
    assert json.loads(io.dumps(system, "json"))["force_groups"][0]["agency"] == ["em", "geo4"]


def test_a_bad_agency_names_its_path() -> None:
    with pytest.raises(ek.LoadError) as caught:
        io.loads(_document("[em, 3]"), "yaml")
    assert "$.teams[0].agency[1]: must be a string (got 3)" in str(caught.value)
    with pytest.raises(ek.LoadError) as caught:
        io.loads(_document("{zh: x}"), "yaml")
    assert "$.teams[0].agency: must be a string" in str(caught.value)


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
@given(team=objects(ek.Team), group=objects(ek.ForceGroup))
@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
def test_round_trip_keeps_one_and_several_apart(
    fmt: str, team: ek.Team, group: ek.ForceGroup
) -> None:
    system = ek.EmergencySystem(id="s", name=L(zh="x"), teams=(team,), force_groups=(group,))
    back = io.loads(io.dumps(system, fmt), fmt)
    assert back.teams[0].agency == team.agency
    assert back.force_groups[0].agency == group.agency


def test_the_schema_takes_one_or_a_list() -> None:
    for name in ("Team", "ForceGroup"):
        prop = io.json_schema()["$defs"][name]["properties"]["agency"]
        assert prop == {
            "anyOf": [
                {"$ref": "#/$defs/Id"},
                {"type": "array", "items": {"$ref": "#/$defs/Id"}},
                {"type": "null"},
            ]
        }


def test_each_agency_is_an_edge() -> None:
    system = ek.EmergencySystem(
        id="s",
        name=L(zh="x"),
        agencies=tuple(
            ek.Agency(id=a, name=L(zh=a), kind="government_department") for a in ("em", "geo4")
        ),
        teams=(_team(agency=["em", "geo4"]),),
    )
    G = to_graph(system)
    assert {v for _, v, k in G.out_edges("t", keys=True) if k is Relation.MEMBER_OF} == {
        "em",
        "geo4",
    }


def test_ek301_any_of_several_agencies_answers_for_the_team() -> None:
    s = h.add(h.base(), "teams", h.team("joint", None, agency=("yjj", "xcb")))
    assert [f for f in h.findings(s, "EK301") if "joint" in f.subjects] == []
    s = h.add(h.base(), "teams", h.team("alone", None))
    (f,) = [f for f in h.findings(s, "EK301") if "alone" in f.subjects]
    assert f.kind is ek.rules.FindingKind.QUESTION


def test_the_summary_names_the_agencies_that_formed_a_team() -> None:
    system = synthetic(300, seed=0)
    data = summarize(system, lang="en")
    (joint, *_) = data["formed_jointly"]
    assert len(joint["agencies"]) == 2
    text = render_text(data, lang="en")
    assert f"formed jointly: {joint['name']} ({'; '.join(joint['agencies'])})" in text
    assert summarize(chongqing_2022())["formed_jointly"] == []


def test_the_synthetic_township_team_is_formed_by_two_agencies() -> None:
    system = synthetic(300, seed=0)
    joint = [t for t in system.teams if len(t.agency) == 2]
    assert joint and all(t.id.endswith("-rescue") for t in joint)
