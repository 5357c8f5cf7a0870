"""The problems of a bad document: cattrs' error tree, its words, and the cap on how many."""

import copy
import json
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import cattrs
import pytest
from cattrs.errors import AttributeValidationNote, ForbiddenExtraKeysError, IterableValidationNote
from hypothesis import given, settings
from hypothesis import strategies as st

import emergencykit as ek
from emergencykit import io
from emergencykit.cli import main
from emergencykit.io import _convert
from emergencykit.io._formats import too_deep

DATA = Path(__file__).parent / "data"
SMALL: dict[str, Any] = json.loads((DATA / "small.json").read_text(encoding="utf-8"))
#: The public converter, as a user makes it.
CONVERTER = io.make_converter()


def edit(document: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``document`` with ``value`` at ``path`` (dots and [i]; ``...`` deletes)."""
    document = copy.deepcopy(document)
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


def edits(*changes: tuple[str, Any]) -> dict[str, Any]:
    document = SMALL
    for path, value in changes:
        document = edit(document, path, value)
    return document


def api_lines(data: Any, cls: Any) -> list[str]:
    """The problems that :func:`io.structure` reports, as ``<message> @ <path>``."""
    with pytest.raises(ek.LoadError) as info:
        io.structure(data, cls)
    return [f"{p.message} @ {p.path}" for p in info.value.problems]


def cattrs_lines(data: Any, cls: Any) -> list[str]:
    """The lines of cattrs' own ``transform_error`` on the public converter's error."""
    # A group for a class or a list; a bare failure for a plain value.
    with pytest.raises((cattrs.BaseValidationError, ValueError)) as info:
        CONVERTER.structure(data, cls)
    return cattrs.transform_error(info.value, path="$", format_exception=io.format_exception)


# -- the same lines through cattrs' transform_error as through loading ----------------

BAD_DOCUMENTS = {
    "bad enum": edits(("plans[0].kind", "speshal")),
    "bad enum in a list": edits(("plans[0].sections", ["command", "comand"])),
    "wrong type": edits(("name.zh", 5)),
    "validator": edits(("teams[0].id", "a b")),
    "validator on a list item": edits(("plans[0].members", ["ok", "not ok"])),
    "negative count": edits(("teams[0].headcount.value", -3)),
    "missing field": edits(("teams[0].name", ...)),
    "unknown key": edits(("plans[0].leed", "x")),
    "unknown key at the root": edits(("nmae", "x")),
    "not a mapping": edits(("teams[0].name", ["队"])),
    "not a list": edits(("notes", "一条说明")),
    "bad date": edits(("described", "2023-13-01")),
    "bad duration": edits(("institutions[0].time_limit", "5 hours")),
    "revision before issue": edits(
        ("plans[0].issued", "2022-01-01"),
        ("plans[0].revisions", [{"status": "done", "date": "2021-01-01"}]),
    ),
    "parts do not add up": edits(
        (
            "force_groups",
            [
                {
                    "id": "g",
                    "name": {"zh": "组"},
                    "domain": "social",
                    "teams": {"value": 3, "unit": "teams"},
                    "parts": [{"count": {"value": 1, "unit": "teams"}}],
                }
            ],
        )
    ),
    "reply before assignment": edits(
        (
            "proposals",
            [
                {
                    "id": "p",
                    "kind": "cppcc_proposal",
                    "number": "0716",
                    "session": {"level": "provincial", "term": 5, "meeting": 5},
                    "title": {"zh": "提案"},
                    "assigned": "2022-03-01",
                    "reply": {"date": "2022-02-01"},
                }
            ],
        )
    ),
    "schema missing": edits(("schema", ...)),
    "schema version": edits(("schema", "emergencykit/2")),
    "many at once": edits(
        ("teams[0].id", "t a"),
        ("teams[0].bogus", 1),
        ("teams[0].domain", "helth"),
        ("plans[0].kind", 5),
        ("plans[0].title", ...),
        ("jurisdictions", {"id": "town"}),
    ),
}


@pytest.mark.parametrize("document", BAD_DOCUMENTS.values(), ids=BAD_DOCUMENTS.keys())
def test_transform_error_gives_the_lines_of_loading(document: dict[str, Any]) -> None:
    with pytest.raises(ek.LoadError) as info:
        io.loads(json.dumps(document), filename="bad.json")
    loaded = [f"{p.message} @ {p.path}" for p in info.value.problems]
    assert loaded
    assert cattrs_lines(document, ek.EmergencySystem) == loaded


@pytest.mark.parametrize(
    ("data", "cls", "expected"),
    [
        (
            "peeple",
            ek.CountUnit,
            "must be a CountUnit (one of: teams, people, organisations, agencies, categories,"
            " items, aircraft, stations, places, systems) (got 'peeple') @ $",
        ),
        ({"value": 1, "unit": 5}, ek.Count, None),
        (["a", 5], tuple[str, ...], "must be a string (got 5) @ $[1]"),
        ([], ek.Count, "must be a mapping (got []) @ $"),
    ],
)
def test_any_type_reports_the_same_through_cattrs(
    data: Any, cls: Any, expected: str | None
) -> None:
    lines = cattrs_lines(data, cls)
    assert lines == api_lines(data, cls)
    if expected is not None:
        assert lines == [expected]


def test_the_tree_carries_cattrs_notes() -> None:
    with pytest.raises(cattrs.ClassValidationError) as info:
        CONVERTER.structure(edits(("plans[0].members", ["ok", "not ok"])), ek.EmergencySystem)
    plans = info.value.exceptions[0]
    assert isinstance(plans, cattrs.IterableValidationError)
    assert any(
        isinstance(n, AttributeValidationNote) and n.name == "plans" for n in plans.__notes__
    )
    plan = plans.exceptions[0]
    assert any(isinstance(n, IterableValidationNote) and n.index == 0 for n in plan.__notes__)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_corruption_reads_the_same_through_cattrs(data: st.DataObject) -> None:
    document = copy.deepcopy(SMALL)
    places: list[tuple[Any, Any]] = []

    def collect(value: Any) -> None:
        entries = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in entries:
            places.append((value, key))
            if isinstance(child, dict | list):
                collect(child)

    collect(document)
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=5,
    )
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        container, key = data.draw(st.sampled_from(places), label="where")
        if isinstance(container, dict) and data.draw(st.booleans(), label="delete"):
            container.pop(key, None)
        else:
            container[key] = data.draw(json_values, label="value")
    try:
        loaded = io.loads(json.dumps(document))
    except ek.LoadError as error:
        problems = [f"{p.message} @ {p.path}" for p in error.problems]
    else:
        assert CONVERTER.structure(document, ek.EmergencySystem) == loaded
        return
    assert cattrs_lines(document, ek.EmergencySystem) == problems


def test_unknown_keys_come_after_the_objects_other_problems() -> None:
    # transform_error lists a failure without a note (an unknown key, reported at
    # the object's own path) after those with one.
    document = edits(("teams[0]", {"bogus": 1, "id": "t a"}))
    assert cattrs_lines(document, ek.EmergencySystem) == [
        "must be a non-empty id without whitespace, control characters or any of , < > & \" ' (got 't a') @ $.teams[0].id",
        "required field missing @ $.teams[0].name",
        "unknown key 'bogus' (valid keys: agency, base, capabilities, category, cite, commander,"
        " dispatcher, domain, domain_other, figures, headcount, id, jurisdiction, level, name, note, open, posts, rapid_unit,"
        " registered, source, tier) @ $.teams[0]",
    ]


def test_a_failing_object_is_checked_once_whatever_its_depth(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checked: list[type] = []
    check_fields = _convert._check_fields

    def counting(converter: cattrs.Converter, cl: type, obj: Any, first: Exception) -> Any:
        checked.append(cl)
        return check_fields(converter, cl, obj, first)

    monkeypatch.setattr(_convert, "_check_fields", counting)
    document = BAD_DOCUMENTS["parts do not add up"]
    document = edit(document, "force_groups[0].parts[0].count.value", -1)
    with pytest.raises(ek.LoadError):
        io.structure(document)
    assert checked.count(ek.Count) == 1
    assert checked.count(ek.EmergencySystem) == 1


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (
            ForbiddenExtraKeysError(None, ek.Count, {"b", "a"}),
            "unknown keys 'a', 'b' (valid keys: approx, text, unit, value)",
        ),
        (
            ForbiddenExtraKeysError(None, ek.EmergencySystem, {"nmae"}),
            "unknown key 'nmae' (did you mean 'name'?; valid keys: agencies, aspects,"
            " command_bodies, commitments, completeness, described, dispatch_modes, dispatch_policies,"
            " documents, event_types, events, expert_panels, facilities, force_groups, frameworks, id,"
            " institutions, jurisdictions, mandates, name, notes, organisation_groups,"
            " organisations, persons, plan_systems, plans, programmes, proposals, protocols,"
            " relations, root, schema, sources, team_categories, teams, tier_schemes)",
        ),
        (ForbiddenExtraKeysError(None, dict, {"valeu"}), "unknown key 'valeu'"),
        (RuntimeError("a bug"), "RuntimeError: a bug"),
    ],
)
def test_format_exception_of_failures_the_converter_does_not_raise(
    exc: BaseException, expected: str
) -> None:
    assert io.format_exception(exc, None) == expected


# -- the cap on problems ----------------------------------------------------------------


def items(n: int, item: str = "{}") -> str:
    head = '{"schema": "emergencykit/1", "id": "x", "name": {"zh": "示例"}, "teams": ['
    return head + ",".join([item] * n) + "]}"


def test_a_few_more_problems_than_shown_are_counted() -> None:
    with pytest.raises(ek.LoadError) as info:
        io.loads(items(75), filename="bad.json")
    error = info.value
    assert len(error.problems) == io.MAX_PROBLEMS == 100
    assert error.total == 150
    lines = str(error).splitlines()
    assert len(lines) == 101
    assert lines[0] == "bad.json: $.teams[0].id: required field missing"
    assert lines[99] == "bad.json: $.teams[49].name: required field missing"
    assert lines[100] == "bad.json: … and 50 more problems"


def test_exactly_the_cap_needs_no_last_line() -> None:
    # 50 empty teams: 2 × 50 problems, the cap exactly.
    text = items(50)
    with pytest.raises(ek.LoadError) as info:
        io.loads(text, filename="bad.json")
    assert info.value.total == len(info.value.problems) == 100
    assert str(info.value).splitlines()[-1] == "bad.json: $.teams[49].name: required field missing"


def test_load_error_says_one_more_problem_or_more() -> None:
    problem = ek.Problem("a.json", "$.id", "required field missing")
    one_more = ek.LoadError([problem], more=1)
    assert str(one_more).splitlines() == [str(problem), "a.json: … and 1 more problem"]
    assert one_more.total == 2
    uncounted = ek.LoadError([problem], more=None)
    assert str(uncounted).splitlines() == [str(problem), "a.json: … and more"]
    assert uncounted.total is None
    assert ek.LoadError([problem]).total == 1


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (items(5_000), "$.teams"),
        (items(5_000, '{"id": "t", "name": {"zh": "队"}, "domain": "helth"}'), "$.teams"),
        (
            '{"schema": "emergencykit/1", "id": "x", "name": {"zh": "示例"}, "notes": ['
            + ",".join(["1"] * 5_000)
            + "]}",
            "$.notes",
        ),
        (
            '{"schema": "emergencykit/1", "id": "x", "name": {"zh": "示例", '
            + ", ".join(f'"k{i}": 1' for i in range(5_000))
            + "}}",
            "$.name",
        ),
    ],
    ids=["empty items", "bad items", "bad list values", "unknown keys"],
)
def test_collecting_stops_in_a_list_or_mapping_with_too_many_problems(
    text: str, where: str
) -> None:
    with pytest.raises(ek.LoadError) as info:
        io.loads(text, filename="bad.json")
    error = info.value
    assert len(error.problems) == 100
    assert error.total is None
    assert str(error).splitlines()[-1] == "bad.json: … and more"
    lines = cattrs_lines(json.loads(text), ek.EmergencySystem)
    assert _convert.MAX_COLLECTED <= len(lines) - 1 < _convert.MAX_COLLECTED + 3
    assert (
        lines[-1]
        == f"stopped after {_convert.MAX_COLLECTED} problems; the rest was not checked @ {where}"
    )


def test_a_mapping_that_stopped_collecting_still_reports_its_missing_fields() -> None:
    place = {f"k{i}": 1 for i in range(_convert.MAX_COLLECTED + 5)}
    lines = cattrs_lines(edits(("jurisdictions[0]", place)), ek.EmergencySystem)
    assert lines[:3] == [
        "required field missing @ $.jurisdictions[0].id",
        "required field missing @ $.jurisdictions[0].name",
        "required field missing @ $.jurisdictions[0].level",
    ]
    assert lines[3].startswith("unknown key 'k0' (valid keys: ")
    stopped = f"stopped after {_convert.MAX_COLLECTED} problems; the rest was not checked"
    # The list and the document stop too: the place alone holds more problems than the limit.
    assert lines[-3:] == [
        f"{stopped} @ $.jurisdictions[0]",
        f"{stopped} @ $.jurisdictions",
        f"{stopped} @ $",
    ]
    assert len(lines) == 3 + _convert.MAX_COLLECTED + 3


def test_the_command_line_shows_the_cap_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text(items(350_000), encoding="utf-8")
    assert path.stat().st_size > 2**20
    err = StringIO()
    assert main(["check", str(path)], stderr=err) == 2
    lines = err.getvalue().splitlines()
    assert len(lines) == 101
    assert lines[0] == f"emergencykit: {path}: $.teams[0].id: required field missing"
    assert lines[-1] == f"emergencykit: {path}: … and more"


# -- the depth check --------------------------------------------------------------------


def reference_too_deep(data: Any, max_depth: int, path: str = "$", depth: int = 0) -> str | None:
    """The first value nested deeper than ``max_depth``, by plain recursion."""
    if type(data) is dict:
        entries = [(v, f"{path}.{k}") for k, v in data.items()]
    elif type(data) is list:
        entries = [(v, f"{path}[{i}]") for i, v in enumerate(data)]
    else:
        return None
    if depth >= max_depth:
        return path
    for value, below in entries:
        found = reference_too_deep(value, max_depth, below if depth < 8 else path, depth + 1)
        if found is not None:
            return found
    return None


nested = st.recursive(
    st.integers(0, 3) | st.none(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("abc"), inner, max_size=3)
    ),
    max_leaves=30,
)


@given(nested, st.integers(0, 12))
def test_too_deep_finds_the_first_value_past_the_limit(data: Any, max_depth: int) -> None:
    assert too_deep(data, max_depth) == reference_too_deep(data, max_depth)


def test_too_deep_stops_growing_the_path_below_the_formats_depth() -> None:
    data: Any = {"notes": [[[[[[[[[[[]]]]]]]]]]]}
    assert too_deep(data, 10) == "$.notes[0][0][0][0][0][0][0]"
    assert reference_too_deep(data, 10) == "$.notes[0][0][0][0][0][0][0]"
    assert too_deep(data, 12) is None


def test_too_deep_is_safe_past_the_recursion_limit() -> None:
    data: list[Any] = []
    for _ in range(sys.getrecursionlimit() * 2):
        data = [data]
    assert too_deep(data, 10**6) is None
    assert too_deep(data, 64) == "$" + "[0]" * 8


def test_too_deep_skips_empty_values_only_above_the_limit() -> None:
    # Empty containers and falsy scalars are skipped where they cannot be too
    # deep; at the limit an empty container is still one level too many.
    assert too_deep({"a": [0, "", None, {}, []]}, 3) is None
    assert too_deep({"a": [0, "", None, {}, []]}, 2) == "$.a[3]"
    assert too_deep([{}] * 1000 + [[[]]], 3) is None
    assert too_deep([{}] * 1000 + [[[]]], 2) == "$[1000][0]"
