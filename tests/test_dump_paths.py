"""The JSON of a document is the same bytes whichever path writes it.

``io.dumps`` writes JSON with orjson when the ``fast`` extra is installed
and with the generated writers otherwise.  Each test writes the same system
both ways and compares the bytes, and both with
``json.dumps(unstructure(system), indent=2, ensure_ascii=False)``, the
definition of a document's JSON.  Without orjson the fast side is skipped.
"""

import json
from collections.abc import Iterator

import attrs
import pytest
from hypothesis import given

import emergencykit as ek
from emergencykit import io
from emergencykit.datasets import chongqing_2022, synthetic
from emergencykit.io._formats import fast_json
from emergencykit.io._json import dump_json, json_document
from emergencykit.strategies import any_systems, systems

FAST = fast_json() is not None


def standard(system: ek.EmergencySystem) -> bytes:
    text = json_document(system, fast=False)
    assert isinstance(text, str)
    reference = json.dumps(io.unstructure(system), indent=2, ensure_ascii=False) + "\n"
    assert text == reference
    return text.encode("utf-8")


def assert_same_bytes(system: ek.EmergencySystem) -> None:
    expected = standard(system)
    if FAST:
        fast = json_document(system)
        assert isinstance(fast, bytes)
        assert fast == expected
    assert io.dumps(system).encode("utf-8") == expected


def test_the_embedded_model() -> None:
    assert_same_bytes(chongqing_2022())


@pytest.mark.parametrize(("objects", "seed"), [(200, 0), (3000, 7), (10_000, 3)])
def test_synthetic_systems(objects: int, seed: int) -> None:
    assert_same_bytes(synthetic(objects=objects, seed=seed))


@given(systems())
def test_drawn_systems(system: ek.EmergencySystem) -> None:
    assert_same_bytes(system)


@given(any_systems())
def test_drawn_systems_with_any_defect(system: ek.EmergencySystem) -> None:
    assert_same_bytes(system)


# Every character JSON escapes or might: controls, quotes, backslashes, the
# document's own structural characters, line and paragraph separators, the
# byte-order mark, noncharacters of the astral planes and an emoji.
ODD = [
    "".join(map(chr, range(0x20))),
    '"\\/{}[],: \x7f\x85\xa0',
    '{"a": [1, 2]}\n  ],\n',
    "\u2028\u2029\ufeff\U0001f600\U0010fffd\U0001fffe",
    "中文 「引号」，：；",
]


@pytest.fixture
def unvalidated() -> Iterator[None]:
    """Objects built without attrs validators, so that any text gets in."""
    attrs.validators.set_disabled(True)
    try:
        yield
    finally:
        attrs.validators.set_disabled(False)


@pytest.mark.parametrize("text", ODD)
def test_odd_strings(text: str, unvalidated: None) -> None:
    system = ek.EmergencySystem(
        id=text,
        name=ek.Label(zh=text, en=text),
        agencies=(
            ek.Agency(id=text, name=ek.Label(zh=text), kind=ek.AgencyKind.GOVERNMENT, note=text),
        ),
    )
    assert_same_bytes(system)


@pytest.mark.parametrize("fast", [True, False])
def test_a_lone_surrogate_is_refused_on_both_paths(
    fast: bool, unvalidated: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if fast and not FAST:
        pytest.skip("the fast extra is not installed")
    if not fast:
        monkeypatch.setattr("emergencykit.io._formats.fast_json", lambda: None)
    system = ek.EmergencySystem(id="x", name=ek.Label(zh="a\udfff"))
    with pytest.raises(ek.UnwritableError, match="lone surrogate U\\+DFFF"):
        io.dumps(system)


@pytest.mark.parametrize("number", [2**64, -(2**63) - 1, 10**40])
def test_integers_beyond_64_bits_are_written_by_the_standard_library(number: int) -> None:
    data = {"n": number, "m": [number]}
    assert dump_json(data) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_values_of_another_type_are_written_as_json_writes_them(unvalidated: None) -> None:
    # Only objects built without validators hold them; the writers hand the
    # whole system to json.dumps.
    system = ek.EmergencySystem(
        id="x",
        name=ek.Label(zh=5, en=None),  # type: ignore[arg-type]
        teams=(
            ek.Team(
                id="t",
                name=ek.Label(zh="队"),
                headcount=ek.Count(value=True, unit=ek.CountUnit.PEOPLE),
            ),
        ),
    )
    assert_same_bytes(system)
    assert '"zh": 5' in io.dumps(system)
    assert '"value": true' in io.dumps(system)


def test_without_the_extra_the_standard_library_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("emergencykit.io._formats.fast_json", lambda: None)
    system = chongqing_2022()
    document = json_document(system)
    assert isinstance(document, str)
    assert document.encode("utf-8") == standard(system)
