"""Hostile and careless input and output: each class ends in one clear line, nothing damaged.

Each section is one class of the hostile-input issue: strings that cannot
be written or printed, non-regular files, error amplification, terminal
injection, write errors, atomic writes, dates at the ends of the range,
YAML merge keys, the API's exception types and large valid input.
"""

import calendar
import datetime as dt
import errno
import functools
import io
import json
import os
import re
import stat
import subprocess
import sys
import typing
import unicodedata
from pathlib import Path
from xml.etree import ElementTree

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

import emergencykit as ek
import emergencykit.graph as graph
import emergencykit.io as ek_io
import emergencykit.rules as rules
from emergencykit import LoadError, summary
from emergencykit._files import TooLargeError, read_stream
from emergencykit.cli import main
from emergencykit.datasets import chongqing_2022, synthetic
from emergencykit.io import _formats, dumps, load, loads, structure, unstructure
from emergencykit.rules._config import WorkingCalendar, add_months, add_years
from emergencykit.strategies import DEFAULT_AS_OF, any_systems, ids, objects, texts

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


@pytest.mark.parametrize(
    "char", [chr(0xD800), chr(0xDFFF), "\ufffe", "\uffff"], ids=["D800", "DFFF", "FFFE", "FFFF"]
)
def test_surrogates_and_xml_noncharacters_are_refused_in_texts_and_ids(char: str) -> None:
    with pytest.raises(ek.FieldValueError, match="lone surrogates, U\\+FFFE or U\\+FFFF"):
        ek.Label(zh=f"a{char}b")
    with pytest.raises(ek.FieldValueError):
        ek.Person(id=f"a{char}", name=ek.Label(zh="a"))


def test_tab_newline_and_other_characters_are_kept_in_texts() -> None:
    for text in ("a\tb", "a\nb", "a\u2028b", "a\u200bb", "a\u202eb", "😀", "a\ufeffb"):
        assert ek.Label(zh=text).zh == text


def test_a_lone_surrogate_is_refused_at_load_in_json() -> None:
    text = HEAD.replace('"示例"', '"\\ud800"') + "}"
    assert load_error(text) == (
        "bad.json: $.name.zh: must not contain control characters (other than tab and newline),"
        " lone surrogates, U+FFFE or U+FFFF (got '\\ud800')"
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


# -- non-regular files and bounded reads -----------------------------------------

SMALL = '{"schema": "emergencykit/1", "id": "x", "name": {"zh": "示例"}}'


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(LoadError) as info:
        load(fifo)
    assert str(info.value) == f"{fifo}: $: is not a regular file"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    with pytest.raises(LoadError) as info:
        load(device, format="json")
    assert str(info.value) == f"{device}: $: is not a regular file"


def test_a_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "d.json").mkdir()
    with pytest.raises(LoadError, match=r"d\.json: \$: is a directory, not a file"):
        load(tmp_path / "d.json")


def test_reading_stops_after_max_size_whatever_fstat_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.json"
    path.write_text(SMALL + " " * 5000, encoding="utf-8")
    real_fstat = os.fstat
    asked: list[int] = []
    real_read = os.read

    def lying_fstat(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, *info[1:6], 0, *info[7:10]))

    def counting_read(fd: int, n: int) -> bytes:
        asked.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(os, "fstat", lying_fstat)
    monkeypatch.setattr(os, "read", counting_read)
    with pytest.raises(LoadError) as info:
        load(path, max_size=1000)
    assert str(info.value) == f"{path}: $: the input is larger than 1000 bytes"
    assert sum(asked) <= 1001
    monkeypatch.undo()
    assert load(path).id == "x"


def test_a_file_larger_than_max_size_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(SMALL + " " * 100, encoding="utf-8")
    with pytest.raises(LoadError, match=r"\$: the input is larger than 50 bytes"):
        load(path, max_size=50)


def test_standard_input_is_read_with_a_size_cap() -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    with open("/dev/zero", "rb") as zero, pytest.raises(TooLargeError):
        read_stream(zero, 1 << 16)


# -- the API raises only the package's own errors --------------------------------


def test_a_nul_in_a_path_is_a_load_error() -> None:
    with pytest.raises(LoadError) as info:
        load("a\x00b.json")
    assert str(info.value) == "a\x00b.json: $: is not a usable file name (it holds a NUL character)"


@pytest.mark.parametrize("kind", [bytearray, memoryview])
def test_loads_takes_bytes_like_input(kind: type) -> None:
    assert loads(kind(SMALL.encode("utf-8"))).id == "x"


@pytest.mark.parametrize("value", [5, None, ["{}"], 1.5])
def test_loads_refuses_other_types_with_a_load_error(value: object) -> None:
    with pytest.raises(LoadError, match=r"<string>: \$: the input must be str, bytes"):
        loads(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [5, None, b"a.json"])
def test_load_refuses_a_path_of_another_type_with_a_load_error(value: object) -> None:
    with pytest.raises(LoadError, match="a path must be"):
        load(value)  # type: ignore[arg-type]


def test_dumping_a_lone_surrogate_is_an_unwritable_error() -> None:
    attrs.validators.set_disabled(True)
    try:
        system = ek.EmergencySystem(id="x", name=ek.Label(zh="a\ud800"))
    finally:
        attrs.validators.set_disabled(False)
    for format in ("json", "yaml", "toml"):
        with pytest.raises(ek.UnwritableError, match="lone surrogate U\\+D800"):
            dumps(system, format)


# -- YAML says what JSON says ------------------------------------------------------


def test_the_yaml_merge_key_is_an_unknown_key() -> None:
    text = "schema: emergencykit/1\nid: x\nname: {zh: a}\n<<: {described: 2024-01-01}\n"
    assert load_error(text, "yaml").startswith("bad.yaml: $: unknown key '<<' (valid keys: ")
    text = "schema: emergencykit/1\nid: x\nname: {zh: a, <<: {en: b}}\n"
    assert load_error(text, "yaml").startswith("bad.yaml: $.name: unknown key '<<' (valid keys: ")


@pytest.fixture(params=["libyaml", "python"])
def yaml_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both YAML paths: libyaml's C loader and dumper, and PyYAML's pure-Python ones."""
    if request.param == "python":
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
        monkeypatch.delattr(yaml, "CSafeDumper", raising=False)
    elif not hasattr(yaml, "CSafeDumper"):
        pytest.skip("PyYAML without libyaml")
    monkeypatch.setattr(_formats, "_LOADER", None)
    monkeypatch.setattr(_formats, "_DUMPER", None)
    return str(request.param)


@given(st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30))
def test_every_string_survives_a_yaml_round_trip_as_data(text: str) -> None:
    for accelerated in (True, False):
        data = {"k": text, "l": [text, {"m": text}]}
        assert _yaml_round_trip(data, accelerated) == data


def _yaml_round_trip(data: object, accelerated: bool) -> object:
    saved = (_formats._LOADER, _formats._DUMPER)
    hidden = {}
    if not accelerated:
        for name in ("CSafeLoader", "CSafeDumper"):
            if hasattr(yaml, name):
                hidden[name] = getattr(yaml, name)
                delattr(yaml, name)
    _formats._LOADER = _formats._DUMPER = None
    try:
        return _formats.parse_text(_formats.dump_text(data, "yaml"), "yaml", "f", 64)
    finally:
        for name, value in hidden.items():
            setattr(yaml, name, value)
        _formats._LOADER, _formats._DUMPER = saved


def test_nel_survives_a_yaml_round_trip(yaml_path: str) -> None:
    data = {"k": "a\x85b", "long": "x" * 150 + " a\x85b " + "y" * 150}
    text = _formats.dump_text(data, "yaml")
    assert text.startswith('k: "a\\Nb"\n')
    assert _formats.parse_text(text, "yaml", "f", 64) == data


def test_a_text_with_nel_is_refused_the_same_way_in_every_format() -> None:
    json_text = HEAD.replace('"示例"', '"a\\u0085b"') + "}"
    yaml_text = 'schema: emergencykit/1\nid: x\nname: {zh: "a\\Nb"}\n'
    problem = "must not contain control characters"
    assert problem in load_error(json_text, "json")
    assert problem in load_error(yaml_text, "yaml")


def test_both_yaml_paths_write_and_read_the_same(yaml_path: str) -> None:
    system = synthetic(objects=300, seed=5)
    text = dumps(system, "yaml")
    assert loads(text, "yaml") == system
    assert text == YAML_TEXT_OF_SYNTHETIC_300()


@functools.cache
def YAML_TEXT_OF_SYNTHETIC_300() -> str:
    return _formats.dump_text(unstructure(synthetic(objects=300, seed=5)), "yaml")


# -- the command line: one line per problem, exit 2, nothing damaged ---------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def one_error(*argv: str) -> str:
    code, out, err = run(*argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.removeprefix("emergencykit: ").removesuffix("\n")


def _document(tmp_path: Path, name: str = "in.json", text: str = SMALL) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_of_a_fifo_is_one_line(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert one_error("check", str(fifo)) == f"{fifo}: $: is not a regular file"


def test_check_of_a_device_is_one_line() -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    message = one_error("check", "/dev/zero", "--input-format", "json")
    assert message == "/dev/zero: $: is not a regular file"


def _stdin(monkeypatch: pytest.MonkeyPatch, stream: typing.BinaryIO) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))


def test_standard_input_is_read_when_dash_is_given_with_its_format(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _stdin(monkeypatch, io.BytesIO(SMALL.encode("utf-8")))
    code, out, err = run("summary", "-", "--input-format", "json", "--lang", "en")
    assert (code, err) == (0, "")
    assert "(x)" in out


def test_standard_input_needs_its_format(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, io.BytesIO(SMALL.encode("utf-8")))
    assert one_error("check", "-") == (
        "reading standard input ('-') needs --input-format json|toml|yaml"
    )


def test_standard_input_is_read_up_to_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    monkeypatch.setattr(ek_io, "MAX_SIZE", 1 << 16)
    with open("/dev/zero", "rb") as zero:
        _stdin(monkeypatch, zero)
        message = one_error("check", "-", "--input-format", "json")
    assert message == "<stdin>: $: the input is larger than 65536 bytes"


def test_a_file_name_with_a_newline_or_escape_stays_one_escaped_line(tmp_path: Path) -> None:
    name = str(tmp_path / "a\nb\x1b[2J.json")
    message = one_error("check", name)
    assert message == f"{tmp_path}/a\\nb\\x1b[2J.json: $: the file does not exist"


def test_an_unknown_key_with_an_escape_is_shown_escaped(tmp_path: Path) -> None:
    path = _document(tmp_path, text=SMALL[:-1] + ', "\\u001b]0;owned\\u0007": 1}')
    message = one_error("check", str(path))
    assert "\x1b" not in message and "\x07" not in message
    assert "\\x1b]0;owned\\x07" in message


def _with_names(tmp_path: Path, name: str) -> Path:
    system = ek.EmergencySystem(
        id="x",
        name=ek.Label(zh=name),
        described=dt.date(2024, 1, 1),
        teams=(
            ek.Team(
                id="t\u202e1",
                name=ek.Label(zh=name),
                domain=ek.ForceDomain.HEALTH,
                commander="nobody\u200b",
            ),
        ),
    )
    path = tmp_path / "names.json"
    ek_io.dump(system, path)
    return path


@pytest.mark.parametrize("command", ["check", "summary"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_names_with_newlines_and_bidi_are_escaped_on_the_terminal(
    tmp_path: Path, command: str, lang: str
) -> None:
    path = _with_names(tmp_path, "队\n伍\u202e\u200b\t甲")
    code, out, err = run(command, str(path), "--lang", lang)
    assert code in (0, 1)
    assert err == ""
    for hidden in ("\u202e", "\u200b", "\t", "伍\n"):
        assert hidden not in out
    if command == "summary":
        assert "队\\n伍\\u202e\\u200b\\t甲" in out
    else:
        assert "nobody\\u200b" in out
    assert _shown_safely(out)


def test_write_to_a_missing_directory_is_one_line(tmp_path: Path) -> None:
    source = _document(tmp_path)
    target = tmp_path / "no" / "out.yaml"
    message = one_error("convert", str(source), str(target))
    assert message == f"{target}: cannot write (No such file or directory)"
    assert os.listdir(tmp_path) == ["in.json"]


def test_write_to_a_directory_is_one_line(tmp_path: Path) -> None:
    source = _document(tmp_path)
    (tmp_path / "out.yaml").mkdir()
    message = one_error("convert", str(source), str(tmp_path / "out.yaml"))
    assert message == f"{tmp_path / 'out.yaml'}: cannot write (Is a directory)"


@pytest.mark.parametrize(
    "argv",
    [
        ["convert", "IN", "OUT.toml"],
        ["graph", "IN", "--format", "graphml", "-o", "OUT.toml"],
        ["summary", "IN", "-o", "OUT.toml"],
    ],
)
def test_a_read_only_file_is_refused_and_kept(tmp_path: Path, argv: list[str]) -> None:
    source = _document(tmp_path)
    target = tmp_path / "out.toml"
    target.write_text("keep me\n", encoding="utf-8")
    target.chmod(0o444)
    args = [str(source) if a == "IN" else str(target) if a == "OUT.toml" else a for a in argv]
    assert one_error(*args) == f"{target}: cannot write (the file is read-only)"
    assert target.read_text(encoding="utf-8") == "keep me\n"


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        if len(data) > 10:  # a short first write, then no space left
            real_write(fd, bytes(data[:10]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)


@pytest.mark.parametrize(
    ("argv", "suffix"),
    [
        (["convert", "IN", "OUT"], ".yaml"),
        (["convert", "IN", "OUT"], ".toml"),
        (["graph", "IN", "--format", "graphml", "-o", "OUT"], ".graphml"),
        (["graph", "IN", "--format", "gexf", "-o", "OUT"], ".gexf"),
        (["graph", "IN", "--format", "dot", "-o", "OUT"], ".dot"),
        (["check", "IN", "--as-of", "2024-01-01", "-o", "OUT"], ".txt"),
        (["summary", "IN", "-o", "OUT"], ".txt"),
        (["schema", "-o", "OUT"], ".json"),
    ],
)
def test_a_full_disk_leaves_an_existing_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], suffix: str
) -> None:
    source = _document(tmp_path)
    target = tmp_path / f"out{suffix}"
    target.write_bytes(b"the old content, which must survive\n")
    _full_disk(monkeypatch)
    args = [str(source) if a == "IN" else str(target) if a == "OUT" else a for a in argv]
    assert one_error(*args) == f"{target}: cannot write (No space left on device)"
    monkeypatch.undo()
    assert target.read_bytes() == b"the old content, which must survive\n"
    assert sorted(os.listdir(tmp_path)) == sorted(["in.json", target.name])


def test_io_dump_on_a_full_disk_raises_os_error_and_keeps_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old\n")
    _full_disk(monkeypatch)
    with pytest.raises(OSError, match="No space left") as info:
        ek_io.dump(chongqing_2022(), target)
    monkeypatch.undo()
    assert info.value.filename == str(target)
    assert target.read_bytes() == b"old\n"
    assert os.listdir(tmp_path) == ["out.json"]


def test_dump_replaces_atomically_keeps_the_mode_and_follows_links(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    ek_io.dump(chongqing_2022(), link)
    assert link.is_symlink()
    assert ek_io.load(real) == chongqing_2022()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["link.json", "real.json"]


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "dotted"])
def test_an_output_that_is_the_input_is_refused(tmp_path: Path, how: str) -> None:
    source = _document(tmp_path, "in.yaml", ek_io.dumps(chongqing_2022(), "yaml") + "# mine\n")
    before = source.read_bytes()
    target = {
        "same": source,
        "symlink": tmp_path / "link.yaml",
        "hardlink": tmp_path / "hard.yaml",
        "dotted": tmp_path / "." / "in.yaml",
    }[how]
    if how == "symlink":
        target.symlink_to(source)
    if how == "hardlink":
        os.link(source, target)
    message = one_error("convert", str(source), str(target))
    assert message == f"{target}: is the input file {source}; refusing to overwrite it"
    for argv in (
        ["check", str(source), "-o", str(target)],
        ["summary", str(source), "-o", str(target)],
        ["graph", str(source), "--format", "graphml", "-o", str(target)],
    ):
        assert one_error(*argv).endswith("refusing to overwrite it")
    assert source.read_bytes() == before


def test_writing_to_dev_null_still_works() -> None:
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null here")
    code, _, err = run("summary", "-o", "/dev/null")
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("ek3", "--select/--ignore: a code prefix is "),
        ("EK9", "--select EK9: no rule has a code starting with EK9"),
        ("EK1O5", "--select/--ignore: a code prefix is "),
        ("EK999", "--select EK999: no rule has a code starting with EK999"),
    ],
)
def test_a_select_that_matches_no_rule_is_an_error(option: str, message: str) -> None:
    error = one_error("check", "--select", option)
    assert error.startswith(message)
    assert error.endswith((option, f"(got {option!r})"))


def test_a_bad_ignore_is_one_line() -> None:
    error = one_error("check", "--ignore", "x")
    assert error.startswith("--select/--ignore: a code prefix is ")
    assert error.endswith("(got 'x')")


def test_closed_standard_output_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    err = io.StringIO()
    assert main(["summary"], stderr=err) == 2
    assert err.getvalue() == "emergencykit: standard output is closed; use -o FILE\n"


def test_a_broken_pipe_is_quiet() -> None:
    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    err = io.StringIO()
    assert main(["summary"], stdout=Closed(), stderr=err) == 141
    assert err.getvalue() == ""


# -- findings per rule: capped in text, exact counts, complete in JSON and SARIF ----


def _dangling(n: int) -> ek.EmergencySystem:
    teams = tuple(
        ek.Team(
            id=f"t{i}",
            name=ek.Label(zh=f"队{i}"),
            domain=ek.ForceDomain.HEALTH,
            commander=f"gone{i}",
        )
        for i in range(n)
    )
    return ek.EmergencySystem(
        id="x", name=ek.Label(zh="示例"), described=dt.date(2024, 1, 1), teams=teams
    )


def test_text_reports_show_at_most_max_per_rule_findings_with_exact_counts(
    tmp_path: Path,
) -> None:
    path = tmp_path / "many.json"
    ek_io.dump(_dangling(150), path)
    code, out, _ = run("check", str(path), "--lang", "en", "--select", "EK002")
    assert code == 1
    assert out.count("\n      EK002 ") == 0
    assert len(re.findall(r"^  EK002 error", out, re.M)) == 100
    assert "  EK002 … and 50 more\n" in out
    assert out.rstrip().splitlines()[-1].startswith("150 errors")
    _, everything, _ = run("check", str(path), "--select", "EK002", "--max-per-rule", "0")
    assert len(re.findall(r"^  EK002 ", everything, re.M)) == 150
    _, three, _ = run("check", str(path), "--select", "EK002", "--max-per-rule", "3")
    assert "  EK002 … 另有 147 项\n" in three
    _, complete, _ = run("check", str(path), "--select", "EK002", "--format", "json")
    assert len(json.loads(complete)["findings"]) == 150
    _, sarif, _ = run("check", str(path), "--select", "EK002", "--format", "sarif")
    assert len(json.loads(sarif)["runs"][0]["results"]) == 150


def _dangling_and_questions(n: int) -> ek.EmergencySystem:
    # Dangling commanders (EK002 errors) in an order a document could give
    # them, plus plans without a lead (EK101 questions), so that both kinds
    # and several codes are capped.
    teams = _dangling(n).teams
    order = sorted(range(n), key=lambda i: (i * 7919) % n)
    plans = tuple(
        ek.Plan(id=f"p{i}", title=ek.Label(zh=f"预案{i}"), kind=ek.PlanKind.SPECIAL)
        for i in range(n // 2)
    )
    return attrs.evolve(_dangling(0), teams=tuple(teams[i] for i in order), plans=plans)


@pytest.mark.parametrize("keep", [1, 3, 100])
def test_a_capped_run_keeps_the_first_findings_and_counts_the_rest(keep: int) -> None:
    system = _dangling_and_questions(250)
    config = rules.ValidationConfig(as_of=DEFAULT_AS_OF)
    full = rules.validate(system, config)
    capped = rules.validate(system, config, max_per_rule=keep)
    assert (capped.counts, capped.by_code, capped.total) == (
        full.counts,
        full.by_code,
        len(full.findings),
    )
    assert full.by_code["EK002"] == 250 and full.counts["question"] >= 125
    first: dict[tuple[str, bool], list[rules.Finding]] = {}
    for f in full.findings:
        first.setdefault((f.code, f.is_question), []).append(f)
    assert capped.findings == tuple(f for group in first.values() for f in group[:keep])
    assert len(capped.findings) < len(full.findings)
    assert sum(n for *_, n in capped.omitted) == len(full.findings) - len(capped.findings)
    for lang in ("zh", "en"):
        assert rules.render_text(capped, lang, max_per_rule=keep) == rules.render_text(
            full, lang, max_per_rule=keep
        )
    for level in ("error", "warning", "info"):
        assert capped.failed(level) == full.failed(level)


@given(system=any_systems(), keep=st.integers(1, 3))
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_a_capped_run_reads_as_the_full_report_for_any_system(
    system: ek.EmergencySystem, keep: int
) -> None:
    config = rules.ValidationConfig(as_of=DEFAULT_AS_OF)
    full = rules.validate(system, config)
    capped = rules.validate(system, config, max_per_rule=keep)
    assert (capped.counts, capped.by_code) == (full.counts, full.by_code)
    assert rules.render_text(capped, "en", max_per_rule=keep) == rules.render_text(
        full, "en", max_per_rule=keep
    )


def test_findings_past_the_cap_are_counted_not_built(monkeypatch: pytest.MonkeyPatch) -> None:
    built = 0
    finding = rules.Context.finding

    def counting(self: rules.Context, *args: typing.Any, **kwargs: typing.Any) -> rules.Finding:
        nonlocal built
        built += 1
        return finding(self, *args, **kwargs)

    monkeypatch.setattr(rules.Context, "finding", counting)
    config = rules.ValidationConfig(as_of=DEFAULT_AS_OF, select=("EK002",))
    report = rules.validate(_dangling(5000), config, max_per_rule=10)
    assert report.counts["error"] == 5000
    assert [f.path for f in report.findings] == [f"$.teams[{i}].commander" for i in range(10)]
    assert built <= 20  # the first 2 × 10, then each one sorts after those kept


def test_a_capped_report_in_json_lists_what_it_omitted() -> None:
    config = rules.ValidationConfig(as_of=DEFAULT_AS_OF, select=("EK002",))
    data = json.loads(rules.render_json(rules.validate(_dangling(5), config, max_per_rule=2)))
    assert data["counts"]["error"] == 5 and len(data["findings"]) == 2
    assert data["omitted"] == [
        {"code": "EK002", "count": 3, "kind": "violation", "severity": "error"}
    ]
    assert "omitted" not in json.loads(rules.render_json(rules.validate(_dangling(5), config)))


def test_max_per_rule_below_one_is_an_argument_error() -> None:
    with pytest.raises(ek.errors.ArgumentError, match="max_per_rule of 1 or more"):
        rules.validate(_dangling(1), rules.ValidationConfig(as_of=DEFAULT_AS_OF), max_per_rule=0)


def _command_network(
    g: typing.Any,
) -> tuple[dict[str, typing.Any], dict[tuple[str, str], typing.Any]]:
    return dict(g.nodes(data="kind")), {(u, v): d for u, v, d in g.edges(data=True)}


@given(system=any_systems())
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_command_graphs_of_a_system_are_those_of_its_graph(system: ek.EmergencySystem) -> None:
    # check builds them from the system's command edges, without the relation graph.
    G = graph.to_graph(system)
    centre = graph.command_centre(G)
    assert graph.command_centre(system) == centre
    for mine, theirs in zip(
        graph.command_graphs(system, centre=centre),
        graph.command_graphs(G, centre=centre),
        strict=True,
    ):
        assert _command_network(mine) == _command_network(theirs)


@pytest.mark.parametrize(
    "system", [chongqing_2022(), synthetic(objects=2000, seed=3)], ids=["cq", "syn"]
)
def test_the_rules_give_the_same_report_with_or_without_the_graph(
    system: ek.EmergencySystem,
) -> None:
    config = rules.ValidationConfig(as_of=DEFAULT_AS_OF)
    G = graph.to_graph(system)
    assert graph.command_centre(system) == graph.command_centre(G)
    assert rules.validate(system, config) == rules.validate(system, config, graph=G)


def test_a_negative_max_per_rule_is_one_line() -> None:
    assert one_error("check", "--max-per-rule", "-1") == (
        "--max-per-rule: expected 0 (all) or more (got -1)"
    )


# -- the wider draw: every string the validators accept, every date ----------------

WIDE = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_the_strategies_draw_what_the_issue_asks_for() -> None:
    found = {
        "astral": find(texts(), lambda t: any(ord(c) > 0xFFFF for c in t)),
        "bidi or zero-width": find(
            texts(), lambda t: any(unicodedata.category(c) == "Cf" for c in t)
        ),
        "tab": find(texts(), lambda t: "\t" in t),
        "newline": find(texts(), lambda t: "\n" in t),
        "long": find(texts(), lambda t: len(t) >= 150),
        "long id": find(ids(), lambda t: len(t) >= 150),
        "first day": find(
            objects(ek.Plan), lambda p: p.issued is not None and p.issued.earliest() == dt.date.min
        ),
        "last day": find(
            objects(ek.Plan), lambda p: p.issued is not None and p.issued.latest() == dt.date.max
        ),
    }
    assert all(value is not None for value in found.values())


@given(text=texts(), ident=ids())
@WIDE
def test_drawn_strings_pass_the_validators_and_the_schema_patterns(text: str, ident: str) -> None:
    assert ek.Label(zh=text).zh == text
    assert ek.Person(id=ident, name=ek.Label(zh=text)).id == ident
    shared = ek_io.json_schema()["$defs"]
    assert re.search(shared["Text"]["pattern"], text)
    assert re.search(shared["Id"]["pattern"], ident)


def _shown_safely(text: str) -> bool:
    """No character that a terminal would not show as itself, apart from the newlines."""
    hidden = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
    return all(unicodedata.category(c) not in hidden for c in text.replace("\n", ""))


def _parses_as_xml(text: str) -> None:
    ElementTree.fromstring(text.encode("utf-8"))


@given(system=any_systems())
@WIDE
def test_validation_graph_analytics_exports_and_documents_are_total(
    system: ek.EmergencySystem,
) -> None:
    for as_of in (DEFAULT_AS_OF, dt.date.min, dt.date.max):
        report = rules.validate(system, rules.ValidationConfig(as_of=as_of))
        assert "EK000" not in report.by_code
        for lang in ("zh", "en"):
            assert _shown_safely(rules.render_text(report, lang, max_per_rule=2))
    G = graph.to_graph(system)
    centre = graph.command_centre(G)
    if centre is not None:  # without one, NodeNotFound is the documented answer
        graph.single_points_of_failure(G, centre)
    graph.span_of_control(G)
    graph.agency_centrality(G)
    graph.cohandling_network(G)
    for node in list(G)[:3]:
        graph.chain_of_command(G, node)
        graph.reachable_forces(G, node, 2)
    for view in graph.VIEWS:
        for format in ("graphml", "gexf", "json", "dot", "mermaid"):
            text = graph.export(G, format, view=view, lang="en")
            assert isinstance(text, str)
            if format in ("graphml", "gexf"):
                _parses_as_xml(text)
    for lang in ("zh", "en"):
        assert _shown_safely(summary.render_text(summary.summarize(system, lang=lang), lang=lang))
    for format in ("json", "yaml", "toml"):
        assert loads(dumps(system, format), format) == system


# -- done when: a real process ends in one line, exit 2, quickly -------------------


@pytest.mark.parametrize("case", ["fifo", "missing-directory", "same-file", "select"])
def test_a_real_run_ends_in_one_line_and_exit_2(tmp_path: Path, case: str) -> None:
    source = _document(tmp_path)
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    argv = {
        "fifo": ["check", str(fifo)],
        "missing-directory": ["convert", str(source), str(tmp_path / "no" / "x.yaml")],
        "same-file": ["convert", str(source), str(source)],
        "select": ["check", str(source), "--as-of", "2024-01-01", "--select", "ek3"],
    }[case]
    done = subprocess.run(
        [sys.executable, "-m", "emergencykit", *argv],
        capture_output=True,
        text=True,
        timeout=20,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("emergencykit: ")
    assert source.read_text(encoding="utf-8") == SMALL


def test_ids_that_name_nothing_are_not_asked_about_their_span() -> None:
    # EK002 reports each dangling commander; EK503 asked besides, for each,
    # whether it commands subordinates the document does not name.
    report = rules.validate(_dangling(40), rules.ValidationConfig(packs=("national", "ics")))
    assert report.by_code.get("EK002") == 40
    assert "EK503" not in report.by_code


def test_many_dangling_references_give_a_short_report(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    ek_io.dump(_dangling(3000), path)
    code, out, err = run("check", str(path), "--lang", "en")
    assert (code, err) == (1, "")
    assert out.count("\n") < 1000
    assert "3000 errors" in out.splitlines()[-1]


def test_a_flood_of_bad_items_is_at_most_the_cap_plus_one_line(tmp_path: Path) -> None:
    path = _document(
        tmp_path, "flood.json", SMALL[:-1] + ', "teams": [' + ", ".join(["{}"] * 5000) + "]}"
    )
    code, out, err = run("check", str(path))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert 2 <= len(lines) <= 101
    assert all(line.startswith(f"emergencykit: {path}: ") for line in lines)
    assert re.search(r"… and ([0-9]+ more problems|more)$", lines[-1])
    assert "Traceback" not in err


def test_every_refused_text_character_is_unprintable() -> None:
    # The text validator skips its regex for printable strings; that is
    # sound only while no character the regex refuses counts as printable.
    import re

    from emergencykit.model._validators import CONTROLS

    refused = re.compile("[" + CONTROLS + "]")
    assert [c for c in range(0x110000) if refused.match(chr(c)) and chr(c).isprintable()] == []
