"""Two real places beside Chongqing: published replies modelled fact by fact.

``tests/data/places/`` holds, for each place, the text as retrieved (``.txt``,
a header line giving title, publisher, date as stated and address, then the
stored copy's excerpt of the page verbatim) and the document that models it
(``.yaml``):

- ``xuancheng-2021-cppcc-197``: 宣城市应急管理局, 关于市政协2021年第197号提案的答复
  (Anhui; a CPPCC proposal), published 2021-10-27;
- ``xianning-2025-npc-103``: 咸宁市应急管理局, 关于对市六届人大四次会议第103号建议的答复
  (Hubei; an NPC suggestion), published 2025-10-22.

Both stored excerpts break off mid-sentence (宣城 in part 四, 咸宁 in part
一(一)); what follows the break is not modelled.

Each document loads, round-trips in JSON, TOML and YAML, names only words its
text holds, and ``check`` on it finds no violation that the text does not
support.

Stated facts that cannot yet be written exactly, and why:

宣城
- the proposal's session: the reply says only 市政协2021年; term and
  meeting are left unset;
- the reply's own date: not stated (the page gives only its publication
  date, 2021-10-27); left unset;
- the lead handler: not stated; the bureau answers under its own name, so
  the document writes it as ``lead_handler``, cited as an inference with why;
- the handling mode: not stated; left unset, so EK704 asks;
- 文号: the page's 文号 field is empty: not stated, so the reply's ``number``
  and ``numbered`` are left out;
- the kinds of 《宣城市生产安全事故应急预案》 and 《自然灾害救助应急预案》 (special)
  are inferred from their titles;
- 坚持优化、协同、高效的原则 (the bureau's principles in the reform): no principles
  field on an agency; kept in ``note`` (整合了9个部门14项职责 and the 5 offices are
  the bureau's ``figures``);
- 将防灾减灾纳入统筹发展和安全大局, 推进应急指挥协调能力提升项目建设,
  提升多灾种和灾害链综合监测预警能力: three ``commitments`` of the bureau; the
  sentence has no subject, so the bureau as responsible is cited as an
  inference; their status is not stated and is left unset;
- 二是加强基层灾害信息员队…: the saved text breaks off mid-word; not modelled;
- the 192 plans: the reply says the revision was 组织、指导开展了 (carried out),
  not whether it is finished; written ``in_progress``;
- 进一步修正《自然灾害救助应急预案》响应启动标准: written as a revision's ``changes``;
  the reply does not say whether it is done, nor when, so status and date are
  left out;
- the 42 teams: the group mixes fire, comprehensive, specialised and
  volunteer teams; its ``domain`` is left unset.

咸宁
- 文号: 无 (the reply has no number): written ``numbered: false``;
- the session's year: not stated;
- the reply's own date: 发文日期 is blank; left unset;
- the lead handler: not stated (cited as an inference, as for 宣城);
- the handling mode: not stated; left unset, so EK704 asks;
- the tiers of the two counted groups (主力 for 综合队, 协同 for 专业队) are read
  from the scheme, marked inferred;
- 政府主导、多方参与、共建共管: the scheme's ``principles``; 大站建强、小站建密、微站建广
  (how fire stations are built, not a principle of the scheme): kept in ``note``;
- 省地质四大队 is written a public institution, cited as an inference;
- the comprehensive team's tasks (森林火灾扑救、防汛抗旱等): its
  ``capabilities``; the 等 (tasks not named) has no place, since ``open``
  marks lists of ids only, and is kept in ``note``.
"""

from __future__ import annotations

import contextlib
import io as io_
import pathlib
import re
import shlex
import sys
from collections.abc import Iterator
from typing import Any

import attrs
import pytest

from emergencykit import EmergencySystem, Entity, Label, io, rules
from emergencykit.cli import main
from emergencykit.rules import FindingKind, Level

DATA = pathlib.Path(__file__).resolve().parent / "data" / "places"
PLACES = ("xuancheng-2021-cppcc-197", "xianning-2025-npc-103")

# Real contradictions of the stated text: none in either reply.
REAL: dict[str, set[tuple[str, str]]] = {place: set() for place in PLACES}


def _text(place: str) -> str:
    return (DATA / f"{place}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module", params=PLACES)
def place(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def system(place: str) -> EmergencySystem:
    return io.load(DATA / f"{place}.yaml")


def _walk(value: Any) -> Iterator[Any]:
    """Every attrs object inside ``value``, ``value`` included."""
    if attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):
            yield from _walk(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _walk(item)


def test_the_saved_text_says_what_and_where_from(place: str, system: EmergencySystem) -> None:
    header, *body = _text(place).splitlines()
    (source,) = system.sources
    assert source.title.zh in header
    assert source.publisher is not None and source.publisher in header
    assert source.url is not None and header.endswith(f"retrieved from: {source.url}")
    assert source.title.zh in "\n".join(body)


@pytest.mark.parametrize("form", ["json", "toml", "yaml"])
def test_it_round_trips(system: EmergencySystem, form: str) -> None:
    assert io.loads(io.dumps(system, form), form) == system


def test_every_chinese_name_is_in_the_text(place: str, system: EmergencySystem) -> None:
    """Names and titles are the reply's words, except where a note says how."""
    body = _text(place).split("\n", 1)[1]
    skipped = {system.name.zh, system.sources[0].title.zh}
    missing = []
    for obj in _walk(system):
        if getattr(obj, "note", None) is not None:
            continue  # the note says how the name departs from the text
        for field in attrs.fields(type(obj)):
            label = getattr(obj, field.name)
            if isinstance(label, Label) and label.zh not in skipped and label.zh not in body:
                missing.append(label.zh)
    assert missing == []


def test_every_quote_is_in_the_text(place: str, system: EmergencySystem) -> None:
    body = _text(place).split("\n", 1)[1]
    quotes = [obj.quote for obj in _walk(system) if getattr(obj, "quote", None) is not None]
    assert [quote for quote in quotes if quote not in body] == []


def test_every_object_cites_words_of_the_text(place: str, system: EmergencySystem) -> None:
    """Every object of the document cites the reply: a quote of its own words
    or, for a fact the reply implies, an inference with why."""
    body = _text(place).split("\n", 1)[1]
    (source,) = system.sources
    entities = [obj for obj in _walk(system) if isinstance(obj, Entity)]
    assert len(entities) >= 10
    assert [e.id for e in entities if not e.cite] == []
    citations = [c for e in entities for c in e.cite]
    assert {c.source for c in citations} == {source.id}
    assert [c.quote for c in citations if c.quote is None or c.quote not in body] == []
    assert all(c.why for c in citations if c.inferred)


def test_check_finds_no_violation_the_text_does_not_support(
    place: str, system: EmergencySystem
) -> None:
    assert system.described is not None
    report = rules.validate(system, rules.ValidationConfig(as_of=system.described.latest()))
    violations = {
        (f.code, f.path or "")
        for f in report.findings
        if f.kind is FindingKind.VIOLATION and f.severity in (Level.ERROR, Level.WARNING)
    }
    # Every silence (no lead, no signer, no handling mode, no commander) is
    # asked as a question; what remains is a contradiction of the text.
    assert violations == REAL[place]
    assert any(f.kind is FindingKind.QUESTION for f in report.findings)


def test_the_documented_command_runs(place: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(DATA / f"{place}.yaml"), "--lang", "en"])
    out = capsys.readouterr().out
    assert code in (0, 1)
    assert "rules run as of" in out


# The worked-examples page shows the output of `check` on each place; these
# tests hold it to what the command prints now.  After a deliberate change:
#     python tests/test_places.py --update

PAGE = DATA.parent.parent.parent / "docs" / "examples" / "places.md"
SHOWN = re.compile(r"<!-- output: check (?P<place>[\w-]+) -->\n```text\n(?P<out>.*?)```", re.DOTALL)
COMMAND = re.compile(r"^emergencykit .*$", re.MULTILINE)


def _check_output(place: str) -> str:
    buffer = io_.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(["check", str(DATA / f"{place}.yaml"), "--lang", "en"])
    return buffer.getvalue()


def test_the_page_shows_each_place_checked() -> None:
    shown = {m["place"]: m["out"] for m in SHOWN.finditer(PAGE.read_text(encoding="utf-8"))}
    assert sorted(shown) == sorted(PLACES)
    for place, out in shown.items():
        assert out == _check_output(place), f"{place}: run python tests/test_places.py --update"


def test_the_commands_of_the_page_run(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = PAGE.parent.parent.parent
    monkeypatch.chdir(tmp_path)  # what a command writes, it writes here
    commands = COMMAND.findall(PAGE.read_text(encoding="utf-8"))
    assert len(commands) >= 4
    for command in commands:
        words = [
            str(root / word) if word.startswith("tests/") else word
            for word in shlex.split(command)[1:]
        ]
        assert main(words) in (0, 1), command
    capsys.readouterr()
    assert (tmp_path / "xuancheng.json").is_file()


def _update() -> None:
    text = PAGE.read_text(encoding="utf-8")

    def shown(match: re.Match[str]) -> str:
        place = match["place"]
        return f"<!-- output: check {place} -->\n```text\n{_check_output(place)}```"

    PAGE.write_text(SHOWN.sub(shown, text), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        _update()
    else:
        sys.exit("usage: python tests/test_places.py --update")
