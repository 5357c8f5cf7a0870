"""The benchmark's pydantic and msgspec mirrors read and write the library's documents.

The benchmark compares the library's load and dump with those of a pydantic
v2 and a msgspec mirror of the same schema (``benchmarks/mirrors``); the
comparison is fair only if the mirrors take the same documents, refuse what
the model refuses field by field, and write the same data back.  Skipped
where the ``bench`` extra is not installed.
"""

import json
import pathlib
import sys
from typing import Any

import pytest

from emergencykit import EmergencySystem, io
from emergencykit.datasets import chongqing_2022, synthetic
from emergencykit.errors import LoadError

pytest.importorskip("pydantic")
msgspec = pytest.importorskip("msgspec")

BENCHMARKS = pathlib.Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def mirrors() -> Any:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import mirrors
    finally:
        sys.path.remove(str(BENCHMARKS))
    return mirrors


@pytest.fixture(scope="module")
def documents() -> dict[str, tuple[EmergencySystem, str]]:
    out = {}
    for name, system in (
        ("synthetic-10k", synthetic(objects=10_000, seed=0)),
        ("chongqing", chongqing_2022()),
    ):
        out[name] = (system, io.dumps(system, "json"))
    return out


@pytest.mark.parametrize("name", ["synthetic-10k", "chongqing"])
def test_pydantic_reads_the_document_and_writes_the_same_data(
    mirrors: Any, documents: dict[str, tuple[EmergencySystem, str]], name: str
) -> None:
    system, text = documents[name]
    model = mirrors.pydantic_mirror().model_validate_json(text)
    written = model.model_dump_json(indent=2, exclude_defaults=True, by_alias=True)
    assert json.loads(written) == json.loads(text)
    assert io.loads(written, "json") == system


@pytest.mark.parametrize("name", ["synthetic-10k", "chongqing"])
def test_msgspec_reads_the_document_and_writes_the_same_system(
    mirrors: Any, documents: dict[str, tuple[EmergencySystem, str]], name: str
) -> None:
    system, text = documents[name]
    struct = msgspec.json.decode(text, type=mirrors.msgspec_mirror())
    written = msgspec.json.encode(struct)
    # msgspec writes a duration in seconds (PT3600S for PT1H): same value, other spelling.
    assert io.loads(written.decode(), "json") == system


@pytest.fixture(scope="module")
def small() -> str:
    return io.dumps(synthetic(objects=300, seed=0), "json")


def _broken(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


BAD = {
    "an id with a space": ('"id": "j-cn"', '"id": "j cn"'),
    "an unknown key": ('"root": "j-cn"', '"root": "j-cn", "roots": 1'),
    "an unknown enum value": ('"level": "national"', '"level": "galactic"'),
    "a number as text": ('"level": "national"', '"level": 3'),
    "text with surrounding space": ('"zh": "全国"', '"zh": " 全国"'),
    "a date that is no date": ('"described": "2024-01-01"', '"described": "2024-13-01"'),
}


@pytest.mark.parametrize("problem", sorted(BAD))
def test_both_mirrors_refuse_what_the_model_refuses(mirrors: Any, small: str, problem: str) -> None:
    import pydantic

    bad = _broken(small, *BAD[problem])
    with pytest.raises(LoadError):
        io.loads(bad, "json")
    with pytest.raises(pydantic.ValidationError):
        mirrors.pydantic_mirror().model_validate_json(bad)
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(bad, type=mirrors.msgspec_mirror())


def test_the_mirrors_check_across_fields(mirrors: Any, small: str) -> None:
    """A label with neither language: refused by the model's check and by both mirrors'."""
    import pydantic

    bad = _broken(small, '"name": {\n    "zh": "合成全国应急管理体系",', '"name": {')
    bad = _broken(bad, '"en": "synthetic national emergency-management system"', "")
    with pytest.raises(LoadError):
        io.loads(bad, "json")
    with pytest.raises(pydantic.ValidationError):
        mirrors.pydantic_mirror().model_validate_json(bad)
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(bad, type=mirrors.msgspec_mirror())
