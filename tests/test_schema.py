"""The generated JSON Schema agrees with the loader: what one accepts, so does the other."""

import copy
import json
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import emergencykit as ek
from emergencykit import io, strategies
from emergencykit.datasets import chongqing_2022
from emergencykit.model._validators import MAX_COUNT

DATA = Path(__file__).parent / "data"
SCHEMA = io.json_schema()
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(document: Any) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(document)]


def as_json(system: ek.EmergencySystem) -> Any:
    return json.loads(io.dumps(system))


def test_the_schema_is_a_valid_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_json_schema_is_fresh_and_deterministic() -> None:
    first, second = io.json_schema(), io.json_schema()
    assert first == second and first is not second
    assert json.dumps(first, ensure_ascii=False) == json.dumps(second, ensure_ascii=False)


def test_top_level_requires_the_schema_version() -> None:
    system = SCHEMA["$defs"]["EmergencySystem"]
    assert system["properties"]["schema"] == {"const": "emergencykit/1"}
    assert system["required"][:3] == ["schema", "id", "name"]
    assert list(system["properties"])[:3] == ["schema", "id", "name"]


def model_classes() -> list[type]:
    found: dict[str, type] = {}

    def visit(t: Any) -> None:
        for arg in typing.get_args(t):
            visit(arg)
        if t is ek.PartialDate:
            return  # a value written as text: a shared string definition
        if isinstance(t, type) and attrs.has(t) and t.__name__ not in found:
            found[t.__name__] = t
            hints = typing.get_type_hints(t)
            for field in attrs.fields(t):
                visit(hints[field.name])

    visit(ek.EmergencySystem)
    return list(found.values())


@pytest.mark.parametrize("cls", model_classes(), ids=lambda c: c.__name__)
def test_every_class_has_a_definition_read_from_its_fields(cls: type) -> None:
    definition = SCHEMA["$defs"][cls.__name__]
    names = [a.name for a in attrs.fields(cls)]
    required = [a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING]
    if cls is ek.EmergencySystem:
        names, required = ["schema", *names], ["schema", *required]
    assert definition["type"] == "object"
    assert definition["additionalProperties"] is False
    assert list(definition["properties"]) == names
    assert definition["required"] == required


def test_enums_dates_durations_ids_and_counts() -> None:
    defs = SCHEMA["$defs"]
    assert defs["PlanKind"]["enum"] == [k.value for k in ek.PlanKind]
    assert defs["Drill"]["properties"]["date"]["anyOf"][0] == {"$ref": "#/$defs/PartialDate"}
    assert defs["PartialDate"]["type"] == "string"
    limit = defs["Institution"]["properties"]["time_limit"]["anyOf"][0]
    assert limit["format"] == "duration"
    assert defs["Team"]["properties"]["id"] == {"$ref": "#/$defs/Id"}
    assert defs["Count"]["properties"]["value"] == {
        "type": "integer",
        "minimum": 0,
        "maximum": MAX_COUNT,
    }
    assert defs["Tier"]["properties"]["rank"]["minimum"] == 1
    assert defs["Session"]["properties"]["year"]["anyOf"][0]["maximum"] == 2200
    assert defs["Count"]["properties"]["approx"]["default"] == "exact"


@pytest.mark.parametrize("name", ["small.json", "small.yaml", "small.toml", "other_city.yaml"])
def test_test_documents_validate(name: str) -> None:
    assert errors(as_json(io.load(DATA / name))) == []


def test_chongqing_validates() -> None:
    assert errors(as_json(chongqing_2022())) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(system=st.one_of(strategies.systems(), strategies.any_systems()))
def test_generated_systems_validate(system: ek.EmergencySystem) -> None:
    assert errors(io.unstructure(system)) == []


def small() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((DATA / "small.json").read_text(encoding="utf-8"))
    return document


def edit(path: str, value: Any) -> dict[str, Any]:
    """The small document with ``value`` at ``path`` (dots and [i]; ``...`` deletes)."""
    document = small()
    *parents, last = path.replace("[", ".").replace("]", "").split(".")
    target: Any = document
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    key: Any = int(last) if last.isdigit() else last
    if value is ...:
        del target[key]
    else:
        target[key] = value
    return document


BAD = {
    "schema version": edit("schema", "emergencykit/2"),
    "schema missing": edit("schema", ...),
    "id missing": edit("id", ...),
    "unknown key": edit("teams[0].leed", "x"),
    "wrong type": edit("name.zh", 5),
    "empty text": edit("name.zh", ""),
    "padded text": edit("name.zh", " 小城 "),
    "bad id": edit("teams[0].id", "a b"),
    "unknown enum": edit("plans[0].kind", "speshal"),
    "negative count": edit("teams[0].headcount.value", -3),
    "count too large": edit("teams[0].headcount.value", MAX_COUNT + 1),
    "bool for count": edit("teams[0].headcount.value", True),
    "bad date": edit("plans[0].drills[0].date", "2022/07/15"),
    "month 13": edit("plans[0].drills[0].date", "2022-13"),
    "day 32": edit("plans[0].drills[0].date", "2022-07-32"),
    "number for date": edit("plans[0].drills[0].date", 2022),
    "two tildes": edit("plans[0].drills[0].date", "2022~~"),
    "bad duration": edit("institutions[0].time_limit", "1 hour"),
    "list for mapping": edit("teams[0].name", ["队"]),
    "mapping for list": edit("teams", {"id": "t"}),
    "string for list": edit("notes", "说明"),
    "required in nested": edit("teams[0].headcount.unit", ...),
    "label without zh": edit("teams[0].posts[0].title", {}),
}


@pytest.mark.parametrize("document", BAD.values(), ids=BAD.keys())
def test_bad_documents_fail_both(document: dict[str, Any]) -> None:
    assert errors(document) != []
    with pytest.raises(ek.LoadError):
        io.loads(json.dumps(document, ensure_ascii=False))


GOOD = {
    "as written": small(),
    "null for an optional field": edit("root", None),
    "explicit default": edit("teams[0].headcount.approx", "at_least"),
    "empty list": edit("notes", []),
    "year": edit("plans[0].drills[0].date", "2022"),
    "month": edit("plans[0].drills[0].date", "2022-07"),
    "approximate month": edit("plans[0].drills[0].date", "2022-07~"),
    "approximate day": edit("plans[0].drills[0].date", "2022-07-15~"),
    "keys in another order": dict(reversed(list(small().items()))),
}


@pytest.mark.parametrize("document", GOOD.values(), ids=GOOD.keys())
def test_good_documents_pass_both(document: dict[str, Any]) -> None:
    assert errors(document) == []
    io.loads(json.dumps(document, ensure_ascii=False))


@settings(max_examples=50)
@given(strategies.partial_dates())
def test_the_date_pattern_takes_every_partial_date(date: ek.PartialDate) -> None:
    assert errors(edit("plans[0].drills[0].date", str(date))) == []


@pytest.mark.parametrize("text", ["2021-02-30", "0000"])
def test_the_loader_refuses_dates_the_pattern_cannot(text: str) -> None:
    document = edit("plans[0].drills[0].date", text)
    assert errors(copy.deepcopy(document)) == []
    with pytest.raises(ek.LoadError, match="must be a date YYYY, YYYY-MM or YYYY-MM-DD"):
        io.loads(json.dumps(document, ensure_ascii=False))


def test_the_loader_is_stricter_where_a_schema_cannot_say() -> None:
    """Cross-field checks: the schema accepts, loading refuses (documented)."""
    document = edit("force_groups[0].teams.value", 6)
    assert errors(copy.deepcopy(document)) == []
    with pytest.raises(ek.LoadError, match="must add up to teams"):
        io.loads(json.dumps(document, ensure_ascii=False))
