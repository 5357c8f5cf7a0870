"""Hostile and careless input and output: each class ends in one clear line, nothing damaged.

Each section is one class of the hostile-input issue: strings that cannot
be written or printed, non-regular files, error amplification, terminal
injection, write errors, atomic writes, dates at the ends of the range,
YAML merge keys, the API's exception types and large valid input.
"""

import calendar
import datetime as dt
import io
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import emergencykit as ek
import emergencykit.rules as rules
from emergencykit import LoadError
from emergencykit.cli import main
from emergencykit.datasets import chongqing_2022
from emergencykit.io import loads, structure, unstructure
from emergencykit.rules.config import WorkingCalendar, add_months, add_years

HEAD = '{"schema": "emergencykit/1", "id": "x", "name": {"zh": "示例"}'


def load_error(text: str | bytes, format: str = "json") -> str:
    with pytest.raises(LoadError) as info:
        loads(text, format, filename=f"bad.{format}")
    return str(info.value)


# -- strings that cannot be written or printed ---------------------------------

CONTROLS = [chr(c) for c in (*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]


@pytest.mark.parametrize("char", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_control_characters_are_refused_in_texts(char: str) -> None:
    with pytest.raises(ek.FieldValueError, match="must not contain control characters"):
        ek.Label(zh=f"a{char}b")


@pytest.mark.parametrize("char", [*CONTROLS, "\t", "\n"], ids=lambda c: f"U+{ord(c):04X}")
def test_control_characters_are_refused_in_ids(char: str) -> None:
    with pytest.raises(ek.FieldValueError, match="id without whitespace, control characters"):
        ek.Person(id=f"a{char}b", name=ek.Label(zh="a"))


@pytest.mark.parametrize("char", [chr(0xD800), chr(0xDFFF)], ids=["D800", "DFFF"])
def test_lone_surrogates_are_refused_in_texts_and_ids(char: str) -> None:
    with pytest.raises(ek.FieldValueError, match="lone surrogates"):
        ek.Label(zh=f"a{char}b")
    with pytest.raises(ek.FieldValueError):
        ek.Person(id=f"a{char}", name=ek.Label(zh="a"))


def test_tab_newline_and_other_characters_are_kept_in_texts() -> None:
    for text in ("a\tb", "a\nb", "a\u2028b", "a\u200bb", "a\u202eb", "😀", "a\ufeffb"):
        assert ek.Label(zh=text).zh == text


def test_a_lone_surrogate_is_refused_at_load_in_json() -> None:
    text = HEAD.replace('"示例"', '"\\ud800"') + "}"
    assert load_error(text) == (
        "bad.json: $.name.zh: must not contain control characters (other than tab and newline)"
        " or lone surrogates (got '\\ud800')"
    )


@pytest.mark.parametrize("format", ["json", "yaml", "toml"])
def test_a_raw_lone_surrogate_is_refused_in_every_format(format: str) -> None:
    documents = {
        "json": '{"schema": "emergencykit/1",\n "id": "x", "name": {"zh": "a\ud800"}}',
        "yaml": 'schema: emergencykit/1\nid: x\nname: {zh: "a\ud800"}\n',
        "toml": 'schema = "emergencykit/1"\nid = "x"\nname = {zh = "a\ud800"}\n',
    }
    column = {"json": 30, "yaml": 14, "toml": 16}[format]
    line = 2 if format == "json" else 3
    assert load_error(documents[format], format) == (
        f"bad.{format}: line {line}, column {column}: not Unicode text"
        " (got a lone surrogate U+D800)"
    )


def test_escaped_surrogates_are_refused_in_yaml_and_toml() -> None:
    assert load_error('schema: emergencykit/1\nid: x\nname: {zh: "a\\ud800"}\n', "yaml") == (
        "bad.yaml: line 3, column 16: invalid YAML: found invalid Unicode character escape code"
    )
    assert load_error(
        'schema = "emergencykit/1"\nid = "x"\nname = {zh = "a\\ud800"}\n', "toml"
    ) == (
        "bad.toml: line 3, column 22: invalid TOML: Escaped character is not a Unicode scalar value"
    )


def test_a_control_character_is_refused_at_load_with_its_path() -> None:
    text = HEAD + ', "agencies": [{"id": "a\\u001b[2J", "name": {"zh": "x"}}]}'
    assert load_error(text).startswith("bad.json: $.agencies[0].id: must be a non-empty id")


# -- dates at the ends of the range ---------------------------------------------


@given(st.dates(), st.integers(-200_000, 200_000))
def test_add_months_is_total_and_clamps_to_the_calendar(day: dt.date, months: int) -> None:
    result = add_months(day, months)
    total = day.year * 12 + day.month - 1 + months
    if total < 12:
        assert result == dt.date.min
    elif total >= 12 * 10_000:
        assert result == dt.date.max
    else:
        assert (result.year * 12 + result.month - 1, result.day) == (
            total,
            min(day.day, calendar.monthrange(result.year, result.month)[1]),
        )


@given(st.dates(), st.integers(-20_000, 20_000))
def test_add_years_is_total(day: dt.date, years: int) -> None:
    assert add_years(day, years) == add_months(day, 12 * years)


@given(st.dates(min_value=dt.date(9990, 1, 1)), st.integers(0, 10**9))
def test_add_working_days_is_total_at_the_end_of_the_calendar(day: dt.date, n: int) -> None:
    result = WorkingCalendar(holidays=(dt.date(9999, 12, 31),)).add_working_days(day, n)
    assert day <= result <= dt.date.max


def test_working_days_near_the_end_clamp_to_the_last_day() -> None:
    assert WorkingCalendar().add_working_days(dt.date(9999, 12, 30), 5) == dt.date.max
    assert WorkingCalendar().add_working_days(dt.date(9999, 12, 1), 3) == dt.date(9999, 12, 6)


def _dated(fill: str) -> ek.EmergencySystem:
    data = json.dumps(unstructure(chongqing_2022()))
    return structure(json.loads(re.sub(r'"[0-9]{4}-[0-9]{2}-[0-9]{2}"', f'"{fill}"', data)))


@pytest.mark.parametrize("fill", ["9999-12-31", "9999-01-31", "0001-01-01"])
@pytest.mark.parametrize("as_of", [dt.date.min, dt.date.max, dt.date(2024, 1, 1)])
def test_no_rule_fails_internally_at_the_ends_of_the_calendar(fill: str, as_of: dt.date) -> None:
    report = rules.validate(_dated(fill), rules.ValidationConfig(as_of=as_of))
    assert [f.message_en for f in report.findings if f.code == "EK000"] == []


def test_check_as_of_the_first_day_does_not_fail_internally() -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "--as-of", "0001-01-01", "--format", "json"], stdout=out, stderr=err)
    assert code in (0, 1)
    assert err.getvalue() == ""
    assert "EK000" not in json.loads(out.getvalue())["by_code"]
