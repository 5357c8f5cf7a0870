"""Standard codes: GB/T 2260 division codes on jurisdictions, the GB/T 35561 classification."""

import tomllib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import emergencykit as ek
from emergencykit import errors, io
from emergencykit.datasets import EventClassification, event_classification
from emergencykit.datasets._classification import LEVELS, _build
from emergencykit.model import DivisionCode

CLS = event_classification()


def _data() -> dict:  # type: ignore[type-arg]
    text = resources.files("emergencykit.datasets").joinpath("event_classification.toml")
    return tomllib.loads(text.read_text(encoding="utf-8"))


# --- division codes -----------------------------------------------------------


@pytest.mark.parametrize("code", ["500000", "500101", "110000", "990101"])
def test_six_digit_division_codes_are_accepted(code: str) -> None:
    j = ek.Jurisdiction(id="j", name=ek.Label(zh="区"), level="county", code=code)
    assert j.code == code


@pytest.mark.parametrize(
    "code", ["50", "5001010", "50010a", " 500101", "５００１０１", "", "50-101"]
)
def test_other_division_codes_are_refused(code: str) -> None:
    with pytest.raises(errors.FieldValueError, match="six-digit administrative division code"):
        ek.Jurisdiction(id="j", name=ek.Label(zh="区"), level="county", code=code)


def test_a_bad_division_code_in_a_document_is_one_line_naming_its_path() -> None:
    doc = (
        'schema = "emergencykit/1"\nid = "s"\nname = { zh = "甲" }\nroot = "a"\n'
        '[[jurisdictions]]\nid = "a"\nname = { zh = "甲市" }\nlevel = "prefecture"\ncode = "5001"\n'
    )
    with pytest.raises(errors.LoadError) as caught:
        io.loads(doc, "toml", filename="s.toml")
    (line,) = str(caught.value).splitlines()
    assert line.startswith("s.toml: $.jurisdictions[0].code: ")
    assert "six-digit administrative division code" in line


def test_the_schema_holds_division_codes_to_six_digits() -> None:
    schema = io.json_schema()
    shared = schema["$defs"]["DivisionCode"]
    assert shared["pattern"].startswith("^[0-9]{6}")
    code = schema["$defs"]["Jurisdiction"]["properties"]["code"]
    assert {"$ref": "#/$defs/DivisionCode"} in code["anyOf"]


@given(st.from_type(DivisionCode))
def test_drawn_division_codes_are_six_digits(code: str) -> None:
    assert len(code) == 6 and code.isascii() and code.isdigit()


# --- the classification ----------------------------------------------------------


def test_the_classification_is_cached_and_immutable() -> None:
    assert event_classification() is CLS
    with pytest.raises(AttributeError):
        CLS.entries = ()  # type: ignore[misc]


def test_keys_and_codes_are_unique() -> None:
    keys = [e.key for e in CLS.entries]
    codes = [e.code for e in CLS.entries if e.code is not None]
    assert len(set(keys)) == len(keys)
    assert len(set(codes)) == len(codes)
    assert not set(keys) & set(codes)


def test_every_parent_exists_one_level_up() -> None:
    for e in CLS.entries:
        if e.level == "category":
            assert e.parent is None
            assert e.category.value == e.key
            continue
        parent = CLS.get(e.parent)  # type: ignore[arg-type]
        assert parent is not None, e.key
        assert LEVELS.index(parent.level) == LEVELS.index(e.level) - 1
        assert parent.category is e.category


def test_every_chain_of_ancestors_ends_at_the_entrys_category() -> None:
    for e in CLS.entries:
        chain = CLS.ancestors(e.key)
        assert len(chain) == LEVELS.index(e.level)
        if chain:
            assert chain[-1] == e.category.value
            assert chain[0] == e.parent


def test_the_four_categories_are_the_models() -> None:
    assert [e.key for e in CLS.entries if e.level == "category"] == [
        c.value for c in ek.EventCategory
    ]


def test_entries_come_in_the_order_of_the_hierarchy() -> None:
    seen: set[str] = set()
    for e in CLS.entries:
        assert e.parent is None or e.parent in seen, e.key
        seen.add(e.key)
    assert list(CLS.descendants("flood_drought")) == ["flood", "drought"]
    nat = CLS.descendants("natural_disaster")
    assert nat.index("flood_drought") < nat.index("flood") < nat.index("meteorological")


def test_flood_sits_under_flood_and_drought_under_natural_disaster() -> None:
    flood = CLS.get("flood")
    assert flood is not None
    assert (flood.name.zh, flood.level) == ("洪涝", "type")
    assert CLS.ancestors("flood") == ("flood_drought", "natural_disaster")
    assert CLS.covers("natural_disaster", "flood")
    assert CLS.covers("flood", "flood")
    assert not CLS.covers("meteorological", "flood")


def test_unverified_codes_stay_unset_and_the_source_says_so() -> None:
    # No code of GB/T 35561 could be checked against its published table:
    # an entry gains one only with the check recorded in `verified`.
    assert all(e.code is None for e in CLS.entries)
    assert "GB/T 35561-2017" in str(CLS.source)
    assert "unset" in CLS.verified


def test_each_entry_names_the_published_text_stating_it() -> None:
    titles = {e.text.title.zh for e in CLS.entries}
    assert titles == {"国家突发公共事件总体应急预案", "自然灾害情况统计调查制度"}
    assert CLS.get("flood").text.number == "应急〔2020〕19号"  # type: ignore[union-attr]


def test_unknown_codes() -> None:
    assert CLS.get("no-such") is None
    for call in (CLS.ancestors, CLS.descendants, CLS.children):
        with pytest.raises(errors.UnknownCodeError, match="no entry 'no-such'"):
            call("no-such")


def test_an_inconsistent_data_file_is_refused_naming_each_path() -> None:
    data = _data()
    data["entries"][5]["parent"] = "nowhere"
    data["entries"].append(dict(data["entries"][0]))
    data["entries"][-2]["level"] = "subtype"
    with pytest.raises(errors.LoadError) as caught:
        _build(data)
    lines = str(caught.value).splitlines()
    assert any("$.entries[5].parent: names no entry" in line for line in lines)
    assert any(f"$.entries[{len(data['entries']) - 1}].key: repeats" in line for line in lines)
    assert any("level: must be one of category, class, type" in line for line in lines)


def test_a_class_may_not_sit_under_a_type() -> None:
    data = _data()
    flood = next(i for i, e in enumerate(data["entries"]) if e["key"] == "flood")
    data["entries"].append(
        {
            "key": "x",
            "level": "class",
            "parent": "flood",
            "name": {"zh": "甲"},
            "text": "framework-plan",
        }
    )
    with pytest.raises(errors.LoadError, match="a class sits directly under a category"):
        _build(data)
    assert isinstance(_build(_data()), EventClassification)
    assert flood >= 0


def test_the_docs_list_every_entry() -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "codes.md").read_text(
        encoding="utf-8"
    )
    for e in CLS.entries:
        assert f"`{e.key}` | {e.level} | {e.name.zh} | {e.name.en} |" in text, e.key


def test_event_types_may_name_their_entry() -> None:
    et = ek.EventType(
        id="e", name=ek.Label(zh="洪涝"), category="natural_disaster", classification="flood"
    )
    assert CLS.get(et.classification) is not None  # type: ignore[arg-type]
