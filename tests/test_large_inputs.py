"""Large and hostile inputs stay cheap: what each fast path skips changes no answer.

Timings are not asserted here; these tests pin the behaviour of the paths
that make a flood of ``{}`` items, a million dangling references and a
large YAML dump cheap (docs/file-format.md gives the figures).
"""

import json
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from emergencykit import io
from emergencykit.datasets import chongqing_2022, synthetic
from emergencykit.errors import LoadError
from emergencykit.io import _formats
from emergencykit.rules._report import FindingKind, FirstFindings, Level, _natural

# -- the standard JSON reader and repeated keys -----------------------------------------


def _flood(n: int, extra: str = "") -> str:
    return '{"schema": "emergencykit/1", "teams": [' + ", ".join(["{}"] * n) + extra + "]}"


def _hook_calls(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, int]:
    """What the standard reader gives for ``text`` (the data or the error), and how many
    objects went through the duplicate-key hook."""
    calls = 0
    original = _formats._json_object

    def counted(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal calls
        calls += 1
        return original(pairs)

    monkeypatch.setattr(_formats, "_json_object", counted)
    try:
        return _formats.parse_text(text, "json", "f.json", 64), calls
    except LoadError as exc:
        return str(exc), calls


def test_a_flood_of_small_objects_is_read_without_the_hook(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data, calls = _hook_calls(_flood(1000), monkeypatch)
    assert calls == 0 and data["teams"] == [{}] * 1000


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        (', {"id": "a", "id": "b"}', "id"),
        # A dropped key whose colon an escaped colon would otherwise make up for.
        (', {"id": "a", "id": "b", "x": "\\u003a"}', "id"),
        (', {"id": "a:b", "id": "c"}', "id"),
    ],
)
def test_a_repeated_key_in_a_flood_is_found_where_it_is(
    extra: str, key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    message, calls = _hook_calls(_flood(1000, extra), monkeypatch)
    assert calls > 0
    assert message.startswith(f"f.json: $: duplicate key {key!r} in the mapping that begins 'id'")


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(':{}\\"ab'),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(st.tuples(st.text(":ab", max_size=2), inner), max_size=4).map(
            lambda pairs: "{" + ", ".join(f"{json.dumps(k)}: {_text(v)}" for k, v in pairs) + "}"
        )
    ),
    max_leaves=12,
)


def _text(value: Any) -> str:
    return value if isinstance(value, str) and value.startswith("{") else json.dumps(value)


@given(_JSON_VALUES, st.booleans())
def test_both_ways_of_reading_give_the_same(value: Any, small: bool) -> None:
    # Objects written with repeated keys or not, read with the hook on every
    # object or without it and its colons counted: the same data, the same error.
    text = _text(value)
    answers = []
    for threshold in (0, 10**9):
        original = _formats._SMALL_OBJECTS
        _formats._SMALL_OBJECTS = threshold
        try:
            answers.append(_formats.parse_text(text, "json", "f.json", 64))
        except LoadError as exc:
            answers.append(str(exc))
        finally:
            _formats._SMALL_OBJECTS = original
    assert answers[0] == answers[1]


# -- the YAML dumper's resolver ---------------------------------------------------------


class _Plain(_formats._dumper()):  # type: ignore[misc]
    """The project's dumper with PyYAML's own resolver back."""


for _name in ("resolve", "descend_resolver", "ascend_resolver"):
    setattr(_Plain, _name, getattr(getattr(yaml, "CSafeDumper", yaml.SafeDumper), _name))

_TRICKY = st.sampled_from(
    ["", "~", "null", "Null", "NULL", "yes", "No", "on", "true", "False", "1", "-1", "+1",
     "0x1F", "0o17", "1_000", "1.5", ".inf", "-.Inf", ".nan", "2024-01-01", "2024-01-01 10:00",
     "=", "<<", "1:20", "0b101", "12e3", "a: b", "- a", "#", "'", '"', "\x85", "名"]
)  # fmt: skip


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | _TRICKY | st.text(),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(_TRICKY | st.text(max_size=3), inner, max_size=3)
        ),
        max_leaves=15,
    )
)
def test_the_yaml_resolver_answers_as_pyyamls(data: Any) -> None:
    def dump(dumper: Any) -> str:
        text: str = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
        return text

    assert dump(_formats._dumper()) == dump(_Plain)


def test_a_large_document_is_written_as_pyyamls_resolver_writes_it() -> None:
    for system in (chongqing_2022(), synthetic(objects=3000, seed=5)):
        data = io.unstructure(system)
        mine = yaml.dump(
            data, Dumper=_formats._dumper(), allow_unicode=True, sort_keys=False, width=100
        )
        theirs = yaml.dump(data, Dumper=_Plain, allow_unicode=True, sort_keys=False, width=100)
        assert mine == theirs


# -- counting the findings past the kept ones ------------------------------------------


_PATHS = st.builds(
    lambda name, i, rest: f"$.{name}[{i}]{rest}",
    st.sampled_from(["teams", "team", "plans", "a1"]),
    st.sampled_from(["0", "7", "99", "100", "123456", "١٢", "٣"]) | st.integers(0, 300).map(str),
    st.sampled_from(["", ".commander", ".posts[3].b", ".posts[10].b", "x2"]),
)


@given(st.lists(_PATHS, min_size=1, max_size=6), _PATHS, st.sampled_from(list(Level)))
def test_a_finding_counted_past_the_kept_ones_is_one_that_sorts_after_them(
    kept: list[str], path: str, level: Level
) -> None:
    from emergencykit.rules._report import Finding

    first = FirstFindings(1)
    for p in kept:
        first.add(
            Finding(code="EK002", severity=Level.ERROR, message_zh="…", message_en="…", path=p)
        )
    bound = first._prefix.get(FindingKind.VIOLATION)
    rank = {Level.ERROR: 0, Level.WARNING: 1, Level.INFO: 2}[level]
    want = bound is not None and (0, rank, "EK002", _natural(path)) > bound
    assert first.after("EK002", FindingKind.VIOLATION, level, path) == want


# -- the command network: built once, the first graph only when asked for -------------


def _dangling(n: int) -> Any:
    import datetime as dt

    import emergencykit as ek

    teams = tuple(
        ek.Team(id=f"t{i}", name=ek.Label(zh=f"队{i}"), domain=ek.ForceDomain.HEALTH,
                commander=f"gone{i}")
        for i in range(n)
    )  # fmt: skip
    return ek.EmergencySystem(
        id="x", name=ek.Label(zh="示例"), described=dt.date(2024, 1, 1), teams=teams
    )


@pytest.mark.parametrize(
    ("system", "graphs"),
    [
        (lambda: _dangling(300), 0),
        (chongqing_2022, 0),
        (lambda: synthetic(objects=2000, seed=3), 0),
    ],
    ids=["dangling", "chongqing", "synthetic"],
)
def test_a_run_reads_the_command_edges_once(
    system: Any, graphs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every command rule reads the one network of the run: the system's command
    # edges are walked once, and no digraph of every node is drawn: the network
    # answers a hierarchy from its rows.
    from emergencykit import rules
    from emergencykit.graph import _network

    counts = {"edges": 0, "digraphs": 0}
    edges, digraph = _network.relation_edges, _network._digraph

    def counted_edges(*args: Any, **kwargs: Any) -> Any:
        counts["edges"] += 1
        return edges(*args, **kwargs)

    def counted_digraph(*args: Any) -> Any:
        counts["digraphs"] += 1
        return digraph(*args)

    monkeypatch.setattr(_network, "relation_edges", counted_edges)
    monkeypatch.setattr(_network, "_digraph", counted_digraph)
    rules.validate(system(), max_per_rule=5)
    assert counts == {"edges": 1, "digraphs": graphs}


def test_reference_fields_read_the_evaluated_annotations_as_get_type_hints_would() -> None:
    import typing

    import attrs

    from emergencykit.model._system import KIND_OF_CLASS, EmergencySystem
    from emergencykit.rules import _ids

    classes = {EmergencySystem, *KIND_OF_CLASS}
    seen: set[type] = set()
    while classes:
        cls = classes.pop()
        seen.add(cls)
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            assert _ids._inner(field.type) == _ids._inner(hints[field.name]), (cls, field.name)
        classes |= {f.target for f in _ids.reference_fields(cls) if f.target} - seen
    assert len(seen) > 40


def test_values_that_are_not_plain_data_are_left_to_pyyamls_representer() -> None:
    import datetime as dt

    data = {"a": [1, (2, {"b": dt.date(2024, 1, 2)})], "c": {"d": [None, True, "x"]}, 3: 4.5}
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for flow in (False, None, True):
        kwargs: dict[str, Any] = {"allow_unicode": True, "sort_keys": False, "width": 100}
        mine = yaml.dump(data, Dumper=_formats._dumper(), default_flow_style=flow, **kwargs)
        assert mine == yaml.dump(data, Dumper=base, default_flow_style=flow, **kwargs)


@pytest.mark.parametrize("keep", [1, 2, 7])
def test_dangling_references_of_several_collections_are_kept_and_counted_as_in_full(
    keep: int,
) -> None:
    # EK002 stops asking, within a collection, once a reference is counted:
    # agencies, plans and teams (some with two dangling references each, some
    # with none) keep the findings of the full report and count the rest.
    import attrs

    import emergencykit as ek
    from emergencykit import rules

    agencies = tuple(
        ek.Agency(
            id=f"a{i}",
            name=ek.Label(zh=f"局{i}"),
            kind=ek.AgencyKind.GOVERNMENT_DEPARTMENT,
            parent=f"up{i}" if i % 3 else None,
        )
        for i in range(30)
    )
    plans = tuple(
        ek.Plan(
            id=f"p{i}", title=ek.Label(zh=f"预案{i}"), kind=ek.PlanKind.SPECIAL, lead=f"lead{i}"
        )
        for i in range(25)
    )
    teams = tuple(
        attrs.evolve(t, dispatcher=f"d{i}" if i % 2 else None)
        for i, t in enumerate(_dangling(40).teams)
    )
    system = attrs.evolve(_dangling(0), agencies=agencies, plans=plans, teams=teams)
    config = rules.ValidationConfig(select=("EK002",))
    full = rules.validate(system, config)
    capped = rules.validate(system, config, max_per_rule=keep)
    assert full.by_code["EK002"] == 20 + 25 + 40 + 20
    assert capped.by_code == full.by_code and capped.counts == full.counts
    assert capped.findings == full.findings[:keep]
    assert capped.omitted == (("EK002", FindingKind.VIOLATION, Level.ERROR, 105 - keep),)
