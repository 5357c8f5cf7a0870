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
from emergencykit.io import _api, _compiled, _convert, _formats, _plain, format_exception
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
    converter.register_structure_hook(EmergencySystem, _convert._system_hook(converter))
    return converter


def _by_field_converter() -> cattrs.Converter:
    """A converter that writes no code: each field's hook, then ``__init__`` (small documents)."""
    converter = io.make_converter()
    _convert._configure_classes(converter, by_field=True)
    return converter


REFERENCE = _reference_converter()
GENERATED = io.make_converter()
BY_FIELD = _by_field_converter()


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


def plain_outcome(data: Any) -> Any:
    """What the builder without cattrs makes of ``data``; ``None`` when it refuses it."""
    try:
        return _plain.structure(data)
    except Exception:
        return None


def check(data: Any) -> None:
    reference = outcome(REFERENCE, data)
    for converter in (GENERATED, BY_FIELD):
        built = outcome(converter, data)
        if type(reference) is tuple:
            assert built == reference
        else:
            same(built, reference)
    # Without cattrs: a good document alike, a bad one refused (the converter
    # then says what is wrong).
    plain = plain_outcome(data)
    if type(reference) is tuple:
        assert plain is None
    else:
        same(plain, reference)


def test_the_reference_uses_cattrs_code() -> None:
    assert GENERATED.get_structure_hook(ek.Team) in _compiled.TYPED
    assert REFERENCE.get_structure_hook(ek.Team) not in _compiled.TYPED
    assert BY_FIELD.get_structure_hook(ek.Team).__name__ == "structure_by_field"


def test_small_documents_are_built_field_by_field(monkeypatch: pytest.MonkeyPatch) -> None:
    """Until the generated functions would pay for themselves: then, and for big documents, they build."""
    monkeypatch.setattr(_api, "_built_by_field", 0)
    small, big = _api.GENERATE_SIZE - 1, _api.GENERATE_SIZE
    assert _api.converter_for(small) is _convert.converter(generated=False)
    assert _api.converter_for(big) is _convert.converter()
    # Once the generated functions are made, every document uses them.
    assert _api.converter_for(small) is _convert.converter()
    # A run of small documents, until their sizes add up to GENERATE_AFTER.
    monkeypatch.setattr(_api, "_built_by_field", _api.GENERATE_AFTER - 1)
    assert _api.converter_for(small) is _convert.converter(generated=False)
    assert _api.converter_for(small) is _convert.converter()


def test_embedded_model() -> None:
    check(io.unstructure(datasets.chongqing_2022()))


def test_the_embedded_model_is_built_as_the_loader_builds_it() -> None:
    """Built from its JSON twin by the hooks alone (without cattrs): the loader's objects."""
    twin = Path(datasets.__file__).with_name("chongqing_2022.json")
    same(datasets.chongqing_2022(), io.loads(twin.read_bytes()))


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
        by_field = outcome(BY_FIELD, data)
        plain = plain_outcome(data)
    finally:
        attrs.validators.set_disabled(False)
    same(generated, reference)
    same(by_field, reference)
    same(plain, reference)
    assert generated.teams[0].headcount.value == -1


def test_loaded_objects_are_of_their_own_frozen_classes() -> None:
    """Built as instances of a private subclass, they leave the generated functions as the class's own."""
    system = GENERATED.structure(
        io.unstructure(datasets.synthetic(objects=300, seed=5)), EmergencySystem
    )
    found: list[Any] = []

    def walk(value: Any) -> None:
        if attrs.has(type(value)):
            found.append(value)
            for field in attrs.fields(type(value)):
                walk(getattr(value, field.name))
        elif type(value) is tuple:
            for item in value:
                walk(item)

    walk(system)
    classes = {type(value) for value in found}
    assert {ek.Team, ek.Label, ek.Count, ek.PartialDate} <= classes
    assert all(cls.__module__.startswith("emergencykit.model") for cls in classes)
    assert all("<being built>" not in cls.__qualname__ for cls in classes)
    team = system.teams[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        team.id = "changed"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del team.name


def test_a_class_with_its_own_new_keeps_cattrs_code() -> None:
    """Its instances could not be made by calling a builder subclass: the generator refuses it."""

    @attrs.frozen
    class Made:
        value: int = 0

        def __new__(cls, *args: Any, **kwargs: Any) -> "Made":
            return super().__new__(cls)

    with pytest.raises(_compiled.Unsupported):
        _compiled.structure_function(
            GENERATED, Made, lambda obj, exc: None, _convert._structure_enum
        )


def test_remembered_ids_decide_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ids found valid are remembered, at most so many; an invalid id never is."""
    from emergencykit.model import _validators

    monkeypatch.setattr(_validators, "_VALID_IDS_KEPT", 5)
    _validators._VALID_IDS.clear()
    check(io.unstructure(datasets.synthetic(objects=300, seed=4)))
    assert 0 < len(_validators._VALID_IDS) <= 5
    data = json.loads(json.dumps(SMALL))
    team = data["teams"][0]
    for bad in ("two words", "a,b", "", "\x01"):
        team["id"] = bad
        check(data)
        assert bad not in _validators._VALID_IDS
        with pytest.raises(ek.FieldValueError):
            ek.Agency(id=bad, name=ek.Label(zh="名"), kind="government")


def test_printable_ids_checked_as_by_the_regex() -> None:
    """On a printable string, the seven refused characters decide as the id regex does."""
    from emergencykit.model import _validators

    for point in range(0x110000):
        char = chr(point)
        if char.isprintable():
            fast = char not in _validators._PRINTABLE_REFUSED
            assert fast == (_validators._ID_MATCH(char) is not None), hex(point)


@given(
    st.text(alphabet=st.characters(exclude_categories=()), max_size=12)
    | st.sampled_from(["", " ", "a b"])
)
def test_valid_id_as_the_regex(value: str) -> None:
    from emergencykit.model import _validators

    assert _validators._valid_id(value) == (_validators._ID_MATCH(value) is not None)


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


def _damaged(edits: list[tuple[tuple[Any, ...], Any]]) -> Any:
    """SMALL with each value at a place that still exists replaced by a nasty one."""
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
    return data


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PLACES), st.sampled_from(NASTY)), min_size=1, max_size=3))
def test_damaged_documents(edits: list[tuple[tuple[Any, ...], Any]]) -> None:
    check(_damaged(edits))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(PLACES))
def test_documents_missing_a_key(place: tuple[Any, ...]) -> None:
    data = json.loads(json.dumps(SMALL))
    holder = data
    for step in place[:-1]:
        holder = holder[step]
    del holder[place[-1]]
    check(data)


# -- the fast JSON reader (the ``fast`` extra) against the standard one --------


def _no_plain_builder(data: Any) -> EmergencySystem:
    raise _plain.Unsupported("switched off by the test")


@pytest.fixture(params=["generated", "plain", "by_field"])
def builder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Loads build with the generated functions, or field by field as small documents are:
    first without cattrs (``plain``), or with its converter (``by_field``, the plain builder
    switched off, as when it does not accept a document)."""
    if request.param == "generated":
        monkeypatch.setattr(_api, "GENERATE_SIZE", 0)
    else:
        monkeypatch.setattr(_api, "GENERATE_SIZE", 1 << 40)
        monkeypatch.setattr(_api, "GENERATE_AFTER", 1 << 62)
        monkeypatch.setattr(_api, "_built_by_field", 0)
        if request.param == "by_field":
            monkeypatch.setattr(_plain, "structure", _no_plain_builder)
    return str(request.param)


def _load_with(fast: bool, text: str | bytes, monkeypatch: pytest.MonkeyPatch) -> Any:
    """What ``io.loads`` gives, with or without the fast reader: the system, or the error's text."""
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(_formats, "fast_json", lambda: None)
        try:
            return io.loads(text, "json", filename="doc.json")
        except ek.LoadError as exc:
            return str(exc)


def both_paths(text: str | bytes, monkeypatch: pytest.MonkeyPatch) -> Any:
    pytest.importorskip("orjson", reason="the fast reader needs the 'fast' extra")
    fast, standard = _load_with(True, text, monkeypatch), _load_with(False, text, monkeypatch)
    if isinstance(standard, str):
        assert fast == standard
    else:
        same(fast, standard)
    return fast


def test_fast_reader_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("orjson", reason="the fast reader needs the 'fast' extra")
    seen = []
    original = _formats.parse_json_fast

    def spy(raw: bytes) -> Any:
        seen.append(original(raw))
        return seen[-1]

    monkeypatch.setattr(_formats, "parse_json_fast", spy)
    io.loads(io.dumps(datasets.chongqing_2022()))
    assert len(seen) == 1 and type(seen[0]) is dict


def test_fast_embedded_model(monkeypatch: pytest.MonkeyPatch, builder: str) -> None:
    text = io.dumps(datasets.chongqing_2022())
    same(both_paths(text, monkeypatch), datasets.chongqing_2022())
    both_paths(text.encode("utf-8"), monkeypatch)
    both_paths("\ufeff" + text, monkeypatch)


def test_fast_synthetic(monkeypatch: pytest.MonkeyPatch, builder: str) -> None:
    both_paths(io.dumps(datasets.synthetic(objects=3000, seed=7)), monkeypatch)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(systems())
def test_fast_drawn_systems(monkeypatch: pytest.MonkeyPatch, system: ek.EmergencySystem) -> None:
    both_paths(io.dumps(system), monkeypatch)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(c.values[0], c.values[2], id=c.id)
        for c in _ERRORS.CASES
        if c.values[1] == "json"
    ],
)
def test_fast_bad_documents(
    text: str | bytes, expected: str, monkeypatch: pytest.MonkeyPatch, builder: str
) -> None:
    assert both_paths(text, monkeypatch) == expected.replace("bad.json", "doc.json")


@pytest.mark.parametrize(
    "text",
    [
        # what orjson reads otherwise than the standard reader, or not at all
        '{"schema": "emergencykit/1", "id": "x", "id": "y", "name": {"zh": "名"}}',
        '{"schema": "emergencykit/1", "id": "x", "name": {"zh": "名", "zh": "名"}}',
        '{"schema": "emergencykit/1", "id": "x", "name": {"zh": "a:b", "zh": "名"}}',
        '{"schema": "emergencykit/1", "id": "x", "name": {"zh": "\\u003a", "zh": "名"}}',
        '{"schema": "emergencykit/1", "id": "x", "name": {"zh": "名"}, "jurisdictions":'
        ' [{"id": "j", "name": {"zh": "名"}, "level": "county", "population": 123456789012345678901234567890}]}',
        '{"schema": "emergencykit/1", "id": "x", "name": {"zh": "名"}, "version": NaN}',
        '{"schema": "emergencykit/1", "id": "x", "name": {"zh": "名"}, "version": 1e400}',
        '{"schema": "emergencykit/1", "id": "x", "name": {"zh": "\\ud800"}}',
        '{"schema": "emergencykit/1", "id": "x", "name": {"zh": "名"}}  ',
        '{"schema": "emergencykit/1", "id": "x", "name": {"zh": "名"}} x',
        "[" * 300 + "]" * 300,
        '{"schema": "emergencykit/1", "id": "x", "name": ' + "[" * 300 + "]" * 300 + "}",
    ],
)
def test_fast_reader_differences(text: str, monkeypatch: pytest.MonkeyPatch, builder: str) -> None:
    both_paths(text, monkeypatch)
    both_paths(text.encode("utf-8", "surrogatepass"), monkeypatch)


def _with_repeated_key(text: str, where: str, key: str) -> str:
    """``text`` with the first ``"key": value`` after ``where`` written twice."""
    start = text.index(where)
    at = text.index(f'"{key}": ', start)
    end = text.index("\n", at)
    line = text[at:end].rstrip(",")
    return text[:at] + line + ", " + text[at:]


@pytest.mark.parametrize(
    ("where", "key"),
    [
        ('"schema"', "id"),  # the root
        ('"teams"', "id"),
        ('"teams"', "zh"),  # a label inside a team
        ('"headcount"', "value"),
        ('"plans"', "kind"),
        ('"revisions"', "date"),
    ],
)
def test_fast_repeated_key_found_by_counting(
    where: str, key: str, monkeypatch: pytest.MonkeyPatch, builder: str
) -> None:
    """A repeated key, the same value or not, is refused alike on both paths, counted or written back."""
    text = io.dumps(datasets.synthetic(objects=400, seed=3))
    assert text.count(":") == text.count('": '), "no colon inside a string"
    refused = both_paths(_with_repeated_key(text, where, key), monkeypatch)
    assert isinstance(refused, str) and "duplicate key" in refused


def test_fast_counts_keys_instead_of_writing_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a colon inside a string, the generated functions' count of keys spares writing back."""
    pytest.importorskip("orjson", reason="the fast reader needs the 'fast' extra")
    monkeypatch.setattr(_api, "GENERATE_SIZE", 0)
    written_back: list[int] = []
    original = _formats.key_dropped_fast

    def spy(data: Any, colons: int) -> bool:
        written_back.append(colons)
        return original(data, colons)

    monkeypatch.setattr(_formats, "key_dropped_fast", spy)
    system = datasets.synthetic(objects=400, seed=3)
    text = io.dumps(system)
    assert io.loads(text) == system and written_back == []
    # A colon inside a string: the count falls short of the colons, the document is written back.
    noted = attrs.evolve(system, notes=(*system.notes, "a: b"))
    assert io.loads(io.dumps(noted)) == noted and len(written_back) == 1
    # Built field by field: nothing counted, written back.
    monkeypatch.setattr(_api, "GENERATE_SIZE", 1 << 40)
    monkeypatch.setattr(_api, "GENERATE_AFTER", 1 << 62)
    monkeypatch.setattr(_api, "_built_by_field", 0)
    assert io.loads(text) == system and len(written_back) == 2


def test_keys_counted_twice_spoil_the_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """The detailed look after a failed fast pass marks the count as unusable."""
    from emergencykit.io import _compiled

    keys = [0, 0]
    token = _compiled.KEYS.set(keys)
    try:
        with pytest.raises(cattrs.ClassValidationError):
            _convert.converter().structure({"zh": 5}, ek.Label)
    finally:
        _compiled.KEYS.reset(token)
    assert keys[1] == 1


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(PLACES), st.sampled_from(NASTY)), min_size=1, max_size=3))
def test_fast_damaged_documents(
    monkeypatch: pytest.MonkeyPatch, edits: list[tuple[tuple[Any, ...], Any]]
) -> None:
    both_paths(json.dumps(_damaged(edits), ensure_ascii=False), monkeypatch)


def test_fast_load_reads_a_bad_file_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("orjson", reason="the fast reader needs the 'fast' extra")
    path = tmp_path / "bad.json"
    path.write_text('{"schema": "emergencykit/1", "id": "x y", "name": {"zh": "名"}}')
    with pytest.raises(ek.LoadError) as fast:
        io.load(path)
    monkeypatch.setattr(_formats, "fast_json", lambda: None)
    with pytest.raises(ek.LoadError) as standard:
        io.load(path)
    assert str(fast.value) == str(standard.value)
    path.write_text(io.dumps(datasets.chongqing_2022()))
    same(io.load(path), datasets.chongqing_2022())
