"""Every way a document can be bad gives one clear line: the full message is pinned."""

from pathlib import Path

import pytest

from emergencykit import LoadError, Problem
from emergencykit.io import load, loads, structure

HEAD = '{"schema": "emergencykit/1", "id": "x", "name": {"zh": "示例"}'
TEAM = '{"id": "t", "name": {"zh": "队"}, "domain": "health"'
PLAN = '{"id": "p", "title": {"zh": "预案"}, "kind": "special"'


def message(text: str | bytes, format: str = "json") -> str:
    with pytest.raises(LoadError) as info:
        loads(text, format, filename=f"bad.{format}")
    return str(info.value)


CASES = [
    pytest.param(
        '{"schema": "emergencykit/1",\n  "id": "x"\n  "name": {}}',
        "json",
        "bad.json: line 3, column 3: invalid JSON: Expecting ',' delimiter",
        id="json-syntax",
    ),
    pytest.param(" \n\t\n", "json", "bad.json: $: the document is empty", id="empty"),
    pytest.param(
        "# nothing but a comment\n", "yaml", "bad.yaml: $: the document is empty", id="empty-yaml"
    ),
    pytest.param(
        b'{"schema": "emergencykit/1",\n "id": "x\xff"}',
        "json",
        "bad.json: line 2, column 10: not UTF-8 text (got byte 0xff)",
        id="not-utf8",
    ),
    pytest.param(
        '{"schema": "emergencykit/2", "id": "x"}',
        "json",
        "bad.json: $.schema: unsupported schema 'emergencykit/2' (expected 'emergencykit/1')",
        id="schema-version",
    ),
    pytest.param(
        '{"id": "x", "name": {"zh": "示例"}}',
        "json",
        "bad.json: $.schema: required field missing (expected 'emergencykit/1')",
        id="schema-missing",
    ),
    pytest.param(
        '[{"schema": "emergencykit/1"}]',
        "json",
        "bad.json: $: the document must be a mapping (got list)",
        id="top-level-list",
    ),
    pytest.param(
        HEAD + ', "teams": [{"id": "t", "domain": "health"}]}',
        "json",
        "bad.json: $.teams[0].name: required field missing",
        id="missing-field",
    ),
    pytest.param(
        HEAD + ', "teams": [{"id": "t", "name": {"zh": 5}, "domain": "health"}]}',
        "json",
        "bad.json: $.teams[0].name.zh: must be a string (got 5)",
        id="wrong-type",
    ),
    pytest.param(
        HEAD + ', "plans": [{"id": "p", "title": {"zh": "预案"}, "kind": "speshal"}]}',
        "json",
        "bad.json: $.plans[0].kind: must be a PlanKind (one of: overall, special, department, "
        "joint, major_event, township, village, grassroots, enterprise_comprehensive, "
        "enterprise_special, on_site) (got 'speshal')",
        id="unknown-enum",
    ),
    pytest.param(
        HEAD + ', "plans": [' + PLAN + ', "leed": "a"}]}',
        "json",
        "bad.json: $.plans[0]: unknown key 'leed' (did you mean 'lead'?; valid keys: cite, drills,"
        " event_types, events, figures, filed, filed_with, id, issued, issuer, jurisdiction, kind, lead,"
        " members,"
        " note, open, parent, response, revisions, sections, source, title)",
        id="unknown-key",
    ),
    pytest.param(
        HEAD + ', "teams": [' + TEAM + ', "headcount": {"value": -3, "unit": "people"}}]}',
        "json",
        "bad.json: $.teams[0].headcount.value: must be ≥ 0 (got -3)",
        id="negative-count",
    ),
    pytest.param(
        HEAD
        + ', "plans": ['
        + PLAN
        + ', "drills": [{"date": "2022-13-01", "scope": "special"}]}]}',
        "json",
        "bad.json: $.plans[0].drills[0].date: must be a date YYYY, YYYY-MM or YYYY-MM-DD (got '2022-13-01')",
        id="bad-date",
    ),
    pytest.param(
        HEAD + ', "teams": [{"id": "t", "name": ["队"], "domain": "health"}]}',
        "json",
        "bad.json: $.teams[0].name: must be a mapping (got ['队'])",
        id="list-for-mapping",
    ),
    pytest.param(
        HEAD + ', "teams": {"id": "t"}}',
        "json",
        "bad.json: $.teams: must be a list (got {'id': 't'})",
        id="mapping-for-list",
    ),
    pytest.param(
        HEAD + ', "notes": "一条说明"}',
        "json",
        "bad.json: $.notes: must be a list (got '一条说明')",
        id="string-for-list",
    ),
    pytest.param(
        HEAD
        + ', "teams": ['
        + TEAM
        + ', "headcount": {"value": '
        + "9" * 5000
        + ', "unit": "people"}}]}',
        "json",
        "bad.json: $.teams[0].headcount.value: is too large (got an integer of 5000 digits)",
        id="huge-integer",
    ),
    pytest.param(
        HEAD + ', "teams": [' + TEAM + ', "headcount": {"value": 1e3, "unit": "people"}}]}',
        "json",
        "bad.json: $.teams[0].headcount.value: must be an integer (got 1000.0)",
        id="float-for-int",
    ),
    pytest.param(
        HEAD + ', "teams": [' + TEAM + ', "headcount": {"value": true, "unit": "people"}}]}',
        "json",
        "bad.json: $.teams[0].headcount.value: must be an integer (got True)",
        id="bool-for-int",
    ),
    pytest.param(
        HEAD + ', "teams": [' + TEAM + ', "registered": "yes"}]}',
        "json",
        "bad.json: $.teams[0].registered: must be true or false (got 'yes')",
        id="string-for-bool",
    ),
    pytest.param(
        HEAD
        + ', "institutions": [{"id": "i", "name": {"zh": "信息接报"}, "time_limit": "5 hours"}]}',
        "json",
        "bad.json: $.institutions[0].time_limit: must be an ISO 8601 duration such as PT5H, "
        "P1D or P2DT3H (got '5 hours')",
        id="bad-duration",
    ),
    pytest.param(
        HEAD + ', "id": "y"}',
        "json",
        "bad.json: $: duplicate key 'id' in the mapping that begins 'schema': 'emergencykit/1'",
        id="duplicate-key-json",
    ),
    pytest.param(
        'schema = "emergencykit/1"\nid = \n',
        "toml",
        "bad.toml: line 2, column 6: invalid TOML: Invalid value",
        id="toml-syntax",
    ),
    pytest.param(
        "schema: emergencykit/1\nid: x\nname: {zh: 示例\n",
        "yaml",
        "bad.yaml: line 4, column 1: invalid YAML: did not find expected ',' or '}'",
        id="yaml-syntax",
    ),
    pytest.param(
        "schema: emergencykit/1\nid: x\nname: &n {zh: 示例}\nsources:\n  - title: *n\n",
        "yaml",
        "bad.yaml: line 3, column 7: YAML anchors and aliases are not allowed "
        "(objects refer to each other by id)",
        id="yaml-alias",
    ),
    pytest.param(
        "schema: emergencykit/1\nid: !!python/object/apply:os.system ['echo hi']\n",
        "yaml",
        "bad.yaml: line 2, column 5: invalid YAML: could not determine a constructor for the "
        "tag 'tag:yaml.org,2002:python/object/apply:os.system'",
        id="yaml-code",
    ),
    pytest.param(
        "schema: emergencykit/1\nid: x\nname: {zh: 示例}\ndescribed: 2022-13-01\n",
        "yaml",
        "bad.yaml: $.described: must be a date YYYY, YYYY-MM or YYYY-MM-DD (got '2022-13-01')",
        id="yaml-impossible-date",
    ),
    pytest.param(
        "schema: emergencykit/1\nid: x\nname: {zh: 示例}\ndescribed: 2022-01-01 10:00:00\n",
        "yaml",
        "bad.yaml: $.described: must be a date YYYY, YYYY-MM or YYYY-MM-DD (got '2022-01-01T10:00:00')",
        id="yaml-datetime",
    ),
    pytest.param(
        "schema: emergencykit/1\nid: x\nname: {zh: 示例}\nid: y\n",
        "yaml",
        "bad.yaml: line 4, column 1: duplicate key 'id'",
        id="yaml-duplicate-key",
    ),
    pytest.param(
        "schema: emergencykit/1\nid: x\nname: {zh: 示例}\nnotes: [" + "9" * 5000 + "]\n",
        "yaml",
        "bad.yaml: $.notes[0]: must be a string (got an integer of 5000 digits)",
        id="yaml-huge-integer",
    ),
    pytest.param(
        'schema = "emergencykit/1"\nid = "x"\nname.zh = "示例"\nnotes = [' + "9" * 5000 + "]\n",
        "toml",
        "bad.toml: line 4, column 10: is too large (got an integer of 5000 digits)",
        id="toml-huge-integer",
    ),
    pytest.param(
        HEAD + ', "notes": ' + "[" * 70 + "]" * 70 + "}",
        "json",
        "bad.json: $.notes[0][0][0][0][0][0][0]: nested deeper than 64 levels",
        id="deep",
    ),
    pytest.param(
        HEAD + ', "notes": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "json",
        "bad.json: $: nested deeper than 64 levels",
        id="very-deep",
    ),
]


@pytest.mark.parametrize(("text", "format", "expected"), CASES)
def test_one_clear_line(text: str | bytes, format: str, expected: str) -> None:
    assert message(text, format) == expected


def test_every_problem_is_reported_in_document_order() -> None:
    text = (
        HEAD
        + ', "teams": [{"id": "t a", "name": {"zh": " 队"}, "domain": "helth", "bogus": 1},'
        + ' {"id": "u"}],'
        + ' "plans": [{"id": "p", "title": {"zh": "预案"}, "kind": "special",'
        + ' "issued": "2022-01-01", "revisions": [{"status": "done", "date": "2021-01-01"}]}]}'
    )
    with pytest.raises(LoadError) as info:
        loads(text, filename="many.json")
    assert str(info.value).splitlines() == [
        "many.json: $.teams[0].id: must be a non-empty id without whitespace, control characters or any of"
        " , < > & \" ' (got 't a')",
        "many.json: $.teams[0].name.zh: must be a non-empty string without surrounding"
        " whitespace (got ' 队')",
        "many.json: $.teams[0].domain: must be a ForceDomain (one of: accident_disaster,"
        " fire_rescue, health, public_security, social, military, grassroots, other) (got 'helth')",
        "many.json: $.teams[0]: unknown key 'bogus' (valid keys: agency, base, capabilities,"
        " category, cite, commander, dispatcher, domain, domain_other, figures, headcount, id, jurisdiction, level, name,"
        " note, open, posts, rapid_unit, registered, source, tier)",
        "many.json: $.teams[1].name: required field missing",
        "many.json: $.plans[0].revisions[0].date: must not be before the plan's issue date"
        " 2022-01-01 (got '2021-01-01')",
    ]
    assert info.value.problems[4] == Problem(
        "many.json", "$.teams[1].name", "required field missing"
    )


def test_cross_field_check_of_a_nested_object_keeps_its_path() -> None:
    text = (
        HEAD + ', "force_groups": [{"id": "g", "name": {"zh": "组"}, "domain": "social",'
        ' "teams": {"value": 3, "unit": "teams"},'
        ' "parts": [{"count": {"value": 1, "unit": "teams"}}]}]}'
    )
    assert message(text) == (
        "bad.json: $.force_groups[0].parts: must add up to teams (3 teams) (got 1)"
    )


def test_missing_file() -> None:
    with pytest.raises(LoadError) as info:
        load("no/such/system.yaml")
    assert str(info.value) == "no/such/system.yaml: $: the file does not exist"


def test_unknown_suffix() -> None:
    with pytest.raises(LoadError) as info:
        load("system.txt")
    assert str(info.value) == (
        "system.txt: $: unknown file suffix '.txt' "
        "(expected one of: .json, .toml, .yaml, .yml; or pass format=)"
    )


def message_with(text: str, **limits: int) -> str:
    with pytest.raises(LoadError) as info:
        loads(text, filename="bad.json", **limits)
    return str(info.value)


def test_size_limit() -> None:
    assert message_with(HEAD + "}", max_size=10) == "bad.json: $: the input is larger than 10 bytes"


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(HEAD + "}", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load(path, max_size=10)
    assert str(info.value) == f"{path}: $: the input is larger than 10 bytes"


def test_depth_limit_is_a_keyword() -> None:
    text = HEAD + ', "notes": [["说明"]]}'
    assert message_with(text, max_depth=2) == "bad.json: $.notes[0]: nested deeper than 2 levels"


def test_structure_reports_like_loading() -> None:
    with pytest.raises(LoadError) as info:
        structure({"id": "x", "name": {"zh": "示例"}})
    assert str(info.value) == (
        "<data>: $.schema: required field missing (expected 'emergencykit/1')"
    )


def test_load_errors_are_value_errors() -> None:
    with pytest.raises(ValueError, match="required field missing"):
        loads('{"schema": "emergencykit/1"}')


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        loads("<system/>", "xml")
