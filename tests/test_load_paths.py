"""The generated structure functions build what cattrs' code and attrs' ``__init__`` build, and fail alike.

The loader's fast pass is one generated function per class
(:mod:`emergencykit.io._compiled`); the reference here is a converter whose
classes use cattrs' generated code and the classes' own ``__init__``, as
before.  Both must give the same objects (compared field by field, types
included, so that ``1`` never stands for ``True``) and, for bad input, the
same problems.
"""

import importlib.util
import json
from pathlib import Path
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import emergencykit as ek
from emergencykit import datasets, io
from emergencykit.io import _compiled, _convert, format_exception
from emergencykit.model import EmergencySystem
from emergencykit.strategies import systems

_CASES = importlib.util.spec_from_file_location(
    "_io_error_cases", Path(__file__).with_name("test_io_errors.py")
)
assert _CASES is not None and _CASES.loader is not None
_ERRORS = importlib.util.module_from_spec(_CASES)
_CASES.loader.exec_module(_ERRORS)


def _reference_converter() -> cattrs.Converter:
    """A converter whose classes use cattrs' generated code and ``__init__``, as before."""
    converter = io.make_converter()
    converter.register_structure_hook_factory(attrs.has, _convert._class_factory(converter, False))
    converter.register_structure_hook(EmergencySystem, _convert._system_hook(converter, False))
    return converter


REFERENCE = _reference_converter()
GENERATED = io.make_converter()


def same(a: Any, b: Any, path: str = "$") -> None:
    """``a`` and ``b`` are equal, and of the same types all the way down."""
    assert type(a) is type(b), f"{path}: {type(a).__name__} != {type(b).__name__}"
    if attrs.has(type(a)):
        for field in attrs.fields(type(a)):
            same(getattr(a, field.name), getattr(b, field.name), f"{path}.{field.name}")
    elif type(a) is tuple:
        assert len(a) == len(b), path
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{path}[{index}]")
    else:
        assert a == b, path


def outcome(converter: cattrs.Converter, data: Any) -> Any:
    try:
        return converter.structure(data, EmergencySystem)
    except Exception as exc:
        return (type(exc), cattrs.transform_error(exc, format_exception=format_exception))


def check(data: Any) -> None:
    generated, reference = outcome(GENERATED, data), outcome(REFERENCE, data)
    if type(reference) is tuple:
        assert generated == reference
    else:
        same(generated, reference)


def test_the_reference_uses_cattrs_code() -> None:
    assert GENERATED.get_structure_hook(ek.Team) in _compiled.TYPED
    assert REFERENCE.get_structure_hook(ek.Team) not in _compiled.TYPED


def test_embedded_model() -> None:
    check(io.unstructure(datasets.chongqing_2022()))


def test_synthetic_system() -> None:
    check(io.unstructure(datasets.synthetic(objects=3000, seed=7)))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(systems())
def test_drawn_systems(system: ek.EmergencySystem) -> None:
    check(io.unstructure(system))


def _documents() -> list[Any]:
    out = []
    for case in _ERRORS.CASES:
        text, format, _ = case.values
        if format != "json" or not isinstance(text, str):
            continue
        try:
            out.append(pytest.param(json.loads(text), id=case.id))
        except (ValueError, RecursionError):
            continue
    return out


@pytest.mark.parametrize("data", _documents())
def test_bad_documents(data: Any) -> None:
    check(data)


def test_validators_switched_off_are_honoured() -> None:
    data = io.unstructure(datasets.chongqing_2022())
    data["teams"][0]["headcount"] = {"value": -1, "unit": "people"}
    attrs.validators.set_disabled(True)
    try:
        generated, reference = outcome(GENERATED, data), outcome(REFERENCE, data)
    finally:
        attrs.validators.set_disabled(False)
    same(generated, reference)
    assert generated.teams[0].headcount.value == -1


#: Values that some field refuses and another takes.
NASTY = [
    " padded",
    "",
    "two words",
    "a,b",
    "tab\there",
    "\x01",
    "\ufffe",
    -1,
    0,
    10**10,
    1.5,
    True,
    None,
    "other",
    "national",
    "2022-13-01",
    "2022-05",
    "PT5H",
    "-PT5H",
    [],
    ["x"],
    {},
    {"zh": "名"},
]


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in ``data`` that holds a value: a key of a mapping or an index of a list."""
    out = []
    if type(data) is dict:
        for key, value in data.items():
            out.append((*path, key))
            out.extend(_leaves(value, (*path, key)))
    elif type(data) is list:
        for index, value in enumerate(data):
            out.append((*path, index))
            out.extend(_leaves(value, (*path, index)))
    return out


SMALL = io.unstructure(datasets.chongqing_2022())
PLACES = [p for p in _leaves(SMALL) if p[0] != "schema"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PLACES), st.sampled_from(NASTY)), min_size=1, max_size=3))
def test_damaged_documents(edits: list[tuple[tuple[Any, ...], Any]]) -> None:
    data = json.loads(json.dumps(SMALL))
    for place, value in edits:
        holder = data
        for step in place[:-1]:
            try:
                holder = holder[step]
            except (KeyError, IndexError, TypeError):
                break
        else:
            if type(holder) is dict or (type(holder) is list and place[-1] < len(holder)):
                holder[place[-1]] = value
    check(data)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(PLACES))
def test_documents_missing_a_key(place: tuple[Any, ...]) -> None:
    data = json.loads(json.dumps(SMALL))
    holder = data
    for step in place[:-1]:
        holder = holder[step]
    del holder[place[-1]]
    check(data)
