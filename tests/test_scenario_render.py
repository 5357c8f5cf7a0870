"""Timelines rendered as text (zh/en), JSON, a Mermaid Gantt chart and a picture.

The timelines here are built by hand, so that each renderer is held to what
a step says whatever the simulation makes of a system.
"""

import datetime as dt
import io
import json
import re
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from emergencykit import (
    AdminLevel,
    Agency,
    AgencyKind,
    Approx,
    Count,
    CountUnit,
    EmergencySystem,
    Jurisdiction,
    Label,
)
from emergencykit.errors import (
    FieldValueError,
    MissingExtraError,
    MissingFontWarning,
    UnknownFormatError,
)
from emergencykit.rules import Finding, FindingKind, Level
from emergencykit.scenario import (
    FORMATS,
    PICTURES,
    Incident,
    Phase,
    Step,
    Timeline,
    _render,
    cap_alerts,
    draw_timeline,
    read_cap,
    render,
    render_json,
    render_mermaid,
    render_text,
    to_cap,
)

# Chinese characters and the punctuation of Chinese text (CJK symbols, full-width forms).
CHINESE = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")


def system() -> EmergencySystem:
    return EmergencySystem(
        id="demo",
        name=Label(zh="示例市应急体系", en="Demo city emergency system"),
        jurisdictions=(
            Jurisdiction(
                id="d1",
                name=Label(zh="甲区", en="District A"),
                level=AdminLevel.COUNTY,
                code="500103",
            ),
        ),
        agencies=(
            Agency(
                id="emb",
                name=Label(zh="应急管理局", en="Emergency Bureau"),
                kind=AgencyKind.GOVERNMENT_DEPARTMENT,
            ),
            Agency(
                id="gov",
                name=Label(zh="区政府", en="District Government"),
                kind=AgencyKind.GOVERNMENT,
            ),
            Agency(
                id="pd",
                name=Label(zh="宣传部", en="Publicity Department"),
                kind=AgencyKind.PARTY_DEPARTMENT,
            ),
            Agency(
                id="police",
                name=Label(zh="公安局", en="Police"),
                kind=AgencyKind.GOVERNMENT_DEPARTMENT,
            ),
        ),
    )


INCIDENT = Incident(
    event_type="flood",
    level="II",
    jurisdiction="500103",
    start="2024-07-01T08:00+08:00",
    deaths=Count(value=3, unit=CountUnit.PEOPLE),
)

STEPS = (
    Step(
        phase=Phase.ACTIVATION,
        action=Label(zh="启动防汛预案", en="Activate the flood plan"),
        offset=dt.timedelta(0),
        responsible=("gov",),
        sources=("the flood plan §4",),
    ),
    Step(
        phase=Phase.REPORTING,
        action=Label(zh="向区政府报告", en="Report to the district government"),
        offset=dt.timedelta(hours=1),
        deadline=True,
        responsible=("emb",),
        to=("gov",),
        sources=("protocol §2",),
    ),
    Step(
        phase=Phase.RELEASE,
        action=Label(zh="发布权威信息", en="Release authoritative information"),
        offset=dt.timedelta(hours=5),
        deadline=True,
        responsible=("pd",),
        sources=("State Council circular 2016/61",),
    ),
    Step(
        phase=Phase.DISPATCH,
        action=Label(zh="调派消防救援队", en="Dispatch the fire and rescue team"),
        order=1,
        responsible=("emb",),
        fallback_for=("police",),
        headcount=Count(value=3500, unit=CountUnit.PEOPLE, approx=Approx.AT_LEAST, text="3500余人"),
        sources=("dispatch policy",),
    ),
    Step(
        phase=Phase.DISPATCH,
        action=Label(zh="调派交通队", en="Dispatch the traffic team"),
        order=2,
    ),
)

FINDINGS = (
    Finding(
        code="SC101",
        severity=Level.WARNING,
        message_zh="没有队伍适合「洪涝」",
        message_en="no team fits 'flood'",
        subjects=("flood",),
    ),
    Finding(
        code="SC201",
        severity=Level.INFO,
        kind=FindingKind.QUESTION,
        message_zh="数据未说明交通队由谁指挥",
        message_en="the data do not say who commands the traffic team",
    ),
)


def timeline(**changes: object) -> Timeline:
    fields: dict[str, object] = {
        "incident": INCIDENT,
        "system": "demo",
        "steps": STEPS,
        "findings": FINDINGS,
        "unavailable": ("police",),
    }
    fields.update(changes)
    return Timeline(**fields)  # type: ignore[arg-type]


# -- text ---------------------------------------------------------------------------------


def test_text_groups_steps_by_phase_with_times_names_and_sources_in_english() -> None:
    text = render_text(timeline(), system(), lang="en")
    lines = text.splitlines()
    assert lines[0] == "What-if: Demo city emergency system (demo)"
    assert "  where: District A (500103)" in lines
    assert "  starts: 2024-07-01 08:00 UTC+08:00" in lines
    assert "  deaths: 3 people" in lines
    assert "  unavailable: Police" in lines
    headings = [line for line in lines if line and not line.startswith(" ")][1:]
    assert headings[:4] == [
        "Plan activation",
        "Information reporting",
        "Public information",
        "Dispatch",
    ]
    assert "  by 2024-07-01 09:00 (+1 hour)  Report to the district government" in lines
    assert "      to: District Government" in lines
    assert "      source: protocol §2" in lines
    assert "  #1 (no time given)  Dispatch the fire and rescue team" in lines
    assert "      headcount: at least 3500 people" in lines
    assert "      in place of (unavailable): Police" in lines
    assert "      responsible: nobody the data name can" in lines
    assert lines[-1] == "5 steps; 0 errors, 1 warning, 0 info; 1 question"


def test_the_gaps_follow_in_the_layout_of_checks_report() -> None:
    lines = render_text(timeline(), system(), lang="en").splitlines()
    at = lines.index("Findings")
    assert lines[at + 2 :][1:3] == ["  SC101 warning", "        no team fits 'flood'"]
    assert (
        "  SC201 question"
        in lines[lines.index(next(x for x in lines if x.startswith("Questions"))) :]
    )


def test_text_in_chinese_is_chinese_and_keeps_the_sources_words() -> None:
    text = render_text(timeline(), system(), lang="zh")
    lines = text.splitlines()
    assert lines[0] == "情景推演：示例市应急体系（demo）"
    # An event type the system does not hold is named by the national classification.
    assert "  事件：洪涝，重大（II级）" in lines
    assert "  地点：甲区（500103）" in lines
    assert "  不迟于 2024-07-01 09:00（+1小时）  向区政府报告" in lines
    assert "      报送：区政府" in lines
    assert "      人数：3500余人" in lines
    assert "      替代不可用的：公安局" in lines
    assert lines[-1] == "步骤 5 项；错误 0 项，警告 1 项，提示 0 项；待核实问题 1 项"
    for word in ("responsible", "source", "deadline", "by ", "Findings", "step"):
        assert word not in text


@pytest.mark.parametrize("fmt", ["text", "mermaid", "cap"])
def test_english_output_has_no_chinese_of_its_own(fmt: str) -> None:
    # Every name and action of this system has an English form: any Chinese
    # character or punctuation would be the tool's own.
    text = render(timeline(), system(), fmt, lang="en")
    assert text is not None
    assert CHINESE.findall(text) == []


def test_names_a_document_gives_only_in_chinese_stay_chinese() -> None:
    s = system()
    only_zh = Agency(id="x", name=Label(zh="某单位"), kind=AgencyKind.GOVERNMENT)
    s = EmergencySystem(id=s.id, name=s.name, jurisdictions=s.jurisdictions, agencies=(only_zh,))
    step = Step(phase=Phase.COMMAND, action=Label(en="Convene"), responsible=("x",))
    assert "      responsible: 某单位" in render_text(timeline(steps=(step,)), s, lang="en")


def test_a_step_left_to_nobody_says_who_is_out_not_who_stands_in() -> None:
    step = Step(phase=Phase.COMMAND, action=Label(en="Convene"), fallback_for=("police",))
    lines = render_text(timeline(steps=(step,)), system(), lang="en").splitlines()
    at = lines.index("  (no time given)  Convene")
    assert lines[at + 1 : at + 3] == [
        "      responsible: nobody the data name can",
        "      unavailable: Police",
    ]


def test_an_id_that_names_nothing_is_shown_as_the_id() -> None:
    step = Step(phase=Phase.COMMAND, action=Label(en="Convene"), responsible=("ghost",))
    assert "      responsible: ghost" in render_text(timeline(steps=(step,)), system(), lang="en")


def test_unprintable_characters_in_names_are_escaped() -> None:
    step = Step(
        phase=Phase.COMMAND,
        action=Label(en="Convene\n  SC999 error\u200b"),
        responsible=("a\u202eb",),
    )
    text = render_text(timeline(steps=(step,), findings=()), system(), lang="en")
    assert "\u200b" not in text and "\u202e" not in text
    assert "Convene\\n  SC999 error\\u200b" in text
    assert "responsible: a\\u202eb" in text
    assert not any(line.startswith("  SC999") for line in text.splitlines())


def test_an_empty_timeline_still_says_what_was_simulated() -> None:
    text = render_text(timeline(steps=(), findings=(), unavailable=()), system(), lang="en")
    assert text.splitlines()[-1] == "0 steps; 0 errors, 0 warnings, 0 info; 0 questions"
    assert "incident: flood and waterlogging, major (level II)" in text


# -- JSON ---------------------------------------------------------------------------------


def test_json_holds_the_incident_the_steps_and_the_findings() -> None:
    data = json.loads(render_json(timeline()))
    assert data["schema"] == "emergencykit-timeline/1"
    assert data["incident"]["level"] == "major" and data["incident"]["grade"] == "II"
    assert data["incident"]["deaths"] == {
        "approx": "exact",
        "text": None,
        "unit": "people",
        "value": 3,
    }
    assert data["unavailable"] == ["police"]
    report = data["steps"][1]
    assert report["offset"] == "PT1H" and report["at"] == "2024-07-01T09:00:00+08:00"
    assert report["deadline"] is True and report["to"] == ["gov"]
    dispatch = data["steps"][3]
    assert dispatch["offset"] is None and dispatch["at"] is None and dispatch["order"] == 1
    assert dispatch["headcount"]["approx"] == "at_least"
    assert [f["code"] for f in data["findings"]] == ["SC101", "SC201"]
    assert data["findings"][1]["kind"] == "question"


def test_json_keys_are_sorted_and_the_same_whatever_the_language() -> None:
    text = render(timeline(), system(), "json", lang="zh")
    assert text == render(timeline(), system(), "json", lang="en")
    assert text is not None
    assert json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True, indent=2) + "\n" == text


# -- Mermaid ------------------------------------------------------------------------------

TASK = re.compile(r"^  [^:#;\n]+ :(crit, )?milestone, s\d+, \d{4}-\d\d-\d\dT\d\d:\d\d, 0m$")


def test_mermaid_is_a_gantt_with_a_section_per_phase_and_milestones_for_deadlines() -> None:
    lines = render_mermaid(timeline(), system(), lang="en").splitlines()
    assert lines[0] == "gantt"
    assert "  dateFormat YYYY-MM-DDTHH:mm" in lines
    sections = [line.removeprefix("  section ") for line in lines if line.startswith("  section")]
    assert sections == [
        "Plan activation",
        "Information reporting",
        "Public information",
        "Dispatch",
    ]
    tasks = [line for line in lines if " :" in line]
    assert len(tasks) == len(STEPS)
    assert all(TASK.match(t) for t in tasks), tasks
    assert tasks[1].endswith(":crit, milestone, s2, 2024-07-01T09:00, 0m")
    # Untimed dispatch steps: in order, at the start, claiming no other time.
    assert tasks[3].startswith("  1. Dispatch the fire") and tasks[3].endswith(
        "2024-07-01T08:00, 0m"
    )
    assert tasks[4].startswith("  2. Dispatch the traffic")


@given(st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=30))
def test_mermaid_task_texts_never_break_the_gantt_grammar(action: str) -> None:
    try:
        label = Label(en=action)
    except FieldValueError:
        assume(False)
    step = Step(phase=Phase.COMMAND, action=label, offset=dt.timedelta(minutes=30))
    lines = render_mermaid(timeline(steps=(step,)), system(), lang="en").splitlines()
    assert len(lines) == 6
    assert TASK.match(lines[-1]), lines[-1]


# -- the registry and render() ------------------------------------------------------------


def test_the_registry_lists_text_json_mermaid_and_the_pictures() -> None:
    assert FORMATS[:3] == ("text", "json", "mermaid")
    assert set(PICTURES) <= set(FORMATS)


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(
        UnknownFormatError, match=r"unknown timeline format 'xml'; choose one of text"
    ):
        render(timeline(), system(), "xml")


def test_a_picture_needs_somewhere_to_go() -> None:
    with pytest.raises(ValueError, match="needs a file path"):
        render(timeline(), system(), "png", lang="en")


def test_render_writes_a_file_when_given_a_path(tmp_path: Path) -> None:
    out = tmp_path / "t.txt"
    assert render(timeline(), system(), "text", out, lang="en") is None
    assert out.read_text(encoding="utf-8") == render_text(timeline(), system(), lang="en")


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in PICTURES])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_same_timeline_gives_the_same_text(fmt: str, lang: str) -> None:
    assert render(timeline(), system(), fmt, lang=lang) == render(
        timeline(), system(), fmt, lang=lang
    )


# -- CAP ---------------------------------------------------------------------------------


def test_cap_gives_the_public_releases_as_alerts_in_the_language_asked() -> None:
    text = render(timeline(), system(), "cap", lang="en")
    assert text is not None
    documents = text.split('<?xml version="1.0" encoding="UTF-8"?>')[1:]
    assert len(documents) == len(timeline().phase(Phase.RELEASE)) == 1
    alert = read_cap(documents[0].encode())
    assert alert == cap_alerts(timeline(), system(), languages=("en",))[0]
    assert "<language>en-US</language>" in text and "zh-CN" not in text


def test_cap_to_a_directory_writes_one_file_per_alert(tmp_path: Path) -> None:
    assert render(timeline(), system(), "cap", tmp_path / "out", lang="zh") is None
    (alert,) = cap_alerts(timeline(), system(), languages=("zh",))
    (document,) = to_cap(timeline(), system(), languages=("zh",))
    assert (tmp_path / "out" / f"{alert.identifier}.xml").read_bytes() == document


# -- pictures -----------------------------------------------------------------------------


def _picture(fmt: str = "png", lang: str = "en") -> bytes:
    buffer = io.BytesIO()
    render(timeline(), system(), fmt, buffer, lang=lang)
    return buffer.getvalue()


def test_the_picture_is_a_png_and_the_same_input_gives_the_same_bytes() -> None:
    png = _picture()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png == _picture()


def test_the_svg_keeps_the_steps_as_text() -> None:
    svg = _picture("svg").decode("utf-8")
    for step in STEPS:
        assert step.action.get("en") in svg
    assert "Hours after" not in svg and "hours after 2024-07-01 08:00 UTC+08:00" in svg


def test_a_picture_file_is_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "t.png"
    draw_timeline(timeline(), system(), out, lang="en")
    assert out.read_bytes() == _picture()
    assert [p.name for p in tmp_path.iterdir()] == ["t.png"]  # no temporary file left


def test_chinese_without_a_chinese_font_warns_and_draws_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_render, "cjk_font", lambda: None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        zh = _picture("svg", lang="zh")
    assert [w.category for w in caught] == [MissingFontWarning]
    assert zh == _picture("svg", lang="en")


def test_without_matplotlib_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'emergencykit\[plot\]'"):
        draw_timeline(timeline(), system(), io.BytesIO())
