"""Timelines as text (zh/en), JSON, a Mermaid Gantt chart and a picture.

:func:`render` dispatches on one registry of formats; :data:`FORMATS`, the
command line's ``simulate --format`` choices and the docs' lists come from
it.  Names come from the system's labels; ids stand in where an id names
nothing in the system.  Text output escapes every unprintable character
(:func:`~emergencykit._printable.printable`), so a name in a document cannot
drive the terminal or fake a line.
"""

import datetime as dt
import io
import json
import os
import warnings
from collections.abc import Callable, Iterator
from typing import IO, Any

from emergencykit._files import write_atomic
from emergencykit._guards import takes
from emergencykit._printable import printable
from emergencykit._words import plural
from emergencykit.datasets import event_classification
from emergencykit.errors import MissingFontWarning, UnknownFormatError
from emergencykit.graph import cjk_font
from emergencykit.graph._plot import _matplotlib, _rc
from emergencykit.io._convert import duration_text
from emergencykit.model import Count, EmergencySystem, Label, Severity
from emergencykit.model._system import display
from emergencykit.rules import Level
from emergencykit.rules._render import _finding_dict, _finding_lines
from emergencykit.scenario._cap import cap_alerts, to_cap
from emergencykit.scenario._types import Incident, Phase, Step, Timeline
from emergencykit.summary._overview import _count, _duration

__all__ = [
    "FORMATS",
    "PICTURES",
    "draw_timeline",
    "render",
    "render_json",
    "render_mermaid",
    "render_text",
]

Target = str | os.PathLike[str] | IO[str] | IO[bytes] | None

_ROMAN = ("I", "II", "III", "IV")

# The tool's own words, one table per language: a text in one language uses
# only its own table.
_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "情景推演",
        "system": "体系",
        "incident": "事件",
        "where": "地点",
        "start": "发生时间",
        "unavailable": "不可用",
        "responsible": "负责",
        "nobody": "数据中无可承担者",
        "to": "报送",
        "with": "协同",
        "fallback": "替代不可用的",
        "headcount": "人数",
        "source": "依据",
        "untimed": "未给出时间",
        "findings": "发现的问题",
        "questions": "待核实问题（数据未说明、推演需要的事实）",
        "none": "无",
        "sep": "、",
        "semi": "；",
    },
    "en": {
        "title": "What-if",
        "system": "system",
        "incident": "incident",
        "where": "where",
        "start": "starts",
        "unavailable": "unavailable",
        "responsible": "responsible",
        "nobody": "nobody the data name can",
        "to": "to",
        "with": "with",
        "fallback": "in place of (unavailable)",
        "headcount": "headcount",
        "source": "source",
        "untimed": "no time given",
        "findings": "Findings",
        "questions": "Questions (facts the simulation needs that the data do not state)",
        "none": "none",
        "sep": ", ",
        "semi": "; ",
    },
}


class _Names:
    """Readable names of ids in one language, from the system's labels."""

    def __init__(self, system: EmergencySystem, lang: str) -> None:
        self.system = system
        self.lang = lang

    def __call__(self, id: str) -> str:
        obj = self.system.get(id)
        return id if obj is None else display(obj, self.lang)

    def join(self, ids: tuple[str, ...]) -> str:
        return _WORDS[self.lang]["sep"].join(self(i) for i in ids)

    def coded(self, value: str, collection: str) -> Any:
        """The object of ``collection`` with id or standard code ``value``, or ``None``."""
        for obj in getattr(self.system, collection):
            if obj.id == value or getattr(obj, "code", None) == value:
                return obj
        return None


def _roman(level: Severity) -> str:
    return _ROMAN[level.grade - 1]


def _level(level: Severity, lang: str) -> str:
    """``重大（II级）`` / ``major (level II)``."""
    if lang == "en":
        return f"{level.value.replace('_', ' ')} (level {_roman(level)})"
    return f"{level.zh}（{_roman(level)}级）"


def _clock(when: dt.datetime) -> str:
    """``2024-07-01 08:00`` (seconds only when there are some), in ``when``'s own zone."""
    return when.strftime("%Y-%m-%d %H:%M:%S" if when.second else "%Y-%m-%d %H:%M")


def _zone(when: dt.datetime) -> str:
    """``UTC+08:00``."""
    offset = when.utcoffset() or dt.timedelta(0)
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _where(incident: Incident, names: _Names) -> str:
    place = names.coded(incident.jurisdiction, "jurisdictions")
    if place is None:
        return incident.jurisdiction
    name = display(place, names.lang)
    code = place.code or place.id
    return f"{name}（{code}）" if names.lang == "zh" else f"{name} ({code})"


def _what(incident: Incident, names: _Names) -> str:
    """The event type's name: the system's, else the national classification's, else as given."""
    kind = names.coded(incident.event_type, "event_types")
    if kind is not None:
        return display(kind, names.lang)
    entry = event_classification().get(incident.event_type)
    return incident.event_type if entry is None else entry.name.get(names.lang)


def _heading(phase: Phase, lang: str) -> str:
    """``信息报告`` / ``Information reporting``."""
    label = phase.label(lang)
    return label[:1].upper() + label[1:]


def _when(timeline: Timeline, step: Step, lang: str) -> str:
    """``2024-07-01 08:00``, ``by 2024-07-01 13:00 (+5 hours)``, or the order alone."""
    at = timeline.at(step)
    if at is None or step.offset is None:
        return ""
    after = _duration(step.offset, lang) or ""
    if lang == "en":
        return f"by {_clock(at)} (+{after})" if step.deadline else f"{_clock(at)} (+{after})"
    return f"不迟于 {_clock(at)}（+{after}）" if step.deadline else f"{_clock(at)}（+{after}）"


def _source(source: str, names: _Names) -> str:
    return names(source) if names.system.get(source) is not None else source


def _step_lines(timeline: Timeline, step: Step, names: _Names) -> Iterator[str]:
    lang = names.lang
    w = _WORDS[lang]
    colon = ": " if lang == "en" else "："
    when = _when(timeline, step, lang)
    if not when:
        when = f"({w['untimed']})" if lang == "en" else f"（{w['untimed']}）"
    if step.order is not None:
        order = f"#{step.order}" if lang == "en" else f"第{step.order}位"
        # A Chinese full-width bracket needs no space before it.
        when = f"{order}{'' if when.startswith('（') else ' '}{when}"
    yield f"  {when}  {printable(step.action.get(lang))}"
    who = names.join(step.responsible) if step.responsible else w["nobody"]
    yield f"      {w['responsible']}{colon}{printable(who)}"
    if step.fallback_for:
        # With nobody responsible, nobody stands in: the parties are only out.
        word = w["fallback"] if step.responsible else w["unavailable"]
        yield f"      {word}{colon}{printable(names.join(step.fallback_for))}"
    if step.to:
        word = w["to"] if step.phase in (Phase.REPORTING, Phase.RELEASE) else w["with"]
        yield f"      {word}{colon}{printable(names.join(step.to))}"
    if step.headcount is not None:
        yield f"      {w['headcount']}{colon}{printable(_count(step.headcount, lang) or '')}"
    if step.sources:
        listed = w["semi"].join(_source(s, names) for s in step.sources)
        yield f"      {w['source']}{colon}{printable(listed)}"


def _incident_lines(timeline: Timeline, names: _Names) -> Iterator[str]:
    lang = names.lang
    w = _WORDS[lang]
    colon = ": " if lang == "en" else "："
    incident = timeline.incident
    system = names.system
    title = printable(display(system, lang))
    yield (
        f"{w['title']}{colon}{title} ({printable(system.id)})"
        if lang == "en"
        else (f"{w['title']}{colon}{title}（{printable(system.id)}）")
    )
    what = printable(_what(incident, names))
    yield (
        f"  {w['incident']}{colon}{what}, {_level(incident.level, lang)}"
        if lang == "en"
        else (f"  {w['incident']}{colon}{what}，{_level(incident.level, lang)}")
    )
    yield f"  {w['where']}{colon}{printable(_where(incident, names))}"
    yield f"  {w['start']}{colon}{_clock(incident.start)} {_zone(incident.start)}"
    if incident.description is not None:
        yield f"  {printable(incident.description.get(lang))}"
    for word, count in (
        (("死亡", "deaths"), incident.deaths),
        (("受伤", "injured"), incident.injured),
        (("失踪", "missing"), incident.missing),
    ):
        if count is not None:
            label = word[1] if lang == "en" else word[0]
            yield f"  {label}{colon}{printable(_count(count, lang) or '')}"
    for figure in incident.figures:
        yield f"  {printable(figure.label.get(lang))}{colon}{printable(_count(figure.count, lang) or '')}"
    if timeline.unavailable:
        yield f"  {w['unavailable']}{colon}{printable(names.join(timeline.unavailable))}"
    yield ""


def _summary_line(timeline: Timeline, lang: str) -> str:
    counts = dict.fromkeys(Level, 0)
    questions = 0
    for f in timeline.findings:
        if f.is_question:
            questions += 1
        else:
            counts[f.severity] += 1
    e, wn, i = counts[Level.ERROR], counts[Level.WARNING], counts[Level.INFO]
    n = len(timeline.steps)
    if lang == "en":
        return (
            f"{plural(n, 'step')}; {plural(e, 'error')}, {plural(wn, 'warning')}, {i} info; "
            f"{plural(questions, 'question')}"
        )
    return f"步骤 {n} 项；错误 {e} 项，警告 {wn} 项，提示 {i} 项；待核实问题 {questions} 项"


@takes(timeline=Timeline, system=EmergencySystem, lang=str)
def render_text(timeline: Timeline, system: EmergencySystem, *, lang: str = "zh") -> str:
    """The timeline as plain text for a terminal: the incident, the steps by phase, the gaps.

    Each step gives its time (the clock time in the incident's time zone,
    or ``by`` a deadline), its order in its phase, the action, who is
    responsible, which unavailable parties it stands in for, who is told or
    co-operates, the headcount as approximate as the data, and its sources.  The gaps follow in the layout of ``check``'s report; a last
    line counts steps and findings.  Every name is escaped for the terminal.

    Parameters
    ----------
    timeline
        From :func:`~emergencykit.scenario.simulate`.
    system
        The system it was simulated on: names come from its labels.
    lang
        ``"zh"`` or ``"en"``: the layout and the tool's words are entirely
        in that language; a name the data give only in Chinese stays Chinese.

    Returns
    -------
    str
        Lines ending in a newline; no colour codes.

    Examples
    --------
    >>> import datetime as dt
    >>> from emergencykit import EmergencySystem, Label
    >>> from emergencykit.scenario import Incident, Phase, Step, Timeline, render_text
    >>> system = EmergencySystem(id="s", name=Label(zh="示例", en="Example"))
    >>> inc = Incident(event_type="flood", level="II", jurisdiction="d1",
    ...                start="2024-07-01T08:00+08:00")
    >>> step = Step(phase=Phase.REPORTING, action=Label(zh="报告", en="Report"),
    ...             offset=dt.timedelta(hours=1), deadline=True, responsible=("d1-emb",),
    ...             sources=("the protocol",))
    >>> print(render_text(Timeline(incident=inc, system="s", steps=(step,)), system, lang="en"))
    What-if: Example (s)
      incident: flood and waterlogging, major (level II)
      where: d1
      starts: 2024-07-01 08:00 UTC+08:00
    <BLANKLINE>
    Information reporting
      by 2024-07-01 09:00 (+1 hour)  Report
          responsible: d1-emb
          source: the protocol
    <BLANKLINE>
    1 step; 0 errors, 0 warnings, 0 info; 0 questions
    <BLANKLINE>
    """
    names = _Names(system, lang)
    lines = list(_incident_lines(timeline, names))
    for phase in Phase:
        steps = timeline.phase(phase)
        if not steps:
            continue
        lines.append(_heading(phase, lang))
        for step in steps:
            lines.extend(_step_lines(timeline, step, names))
        lines.append("")
    violations = tuple(f for f in timeline.findings if not f.is_question)
    questions = tuple(f for f in timeline.findings if f.is_question)
    if violations:
        lines.append(_WORDS[lang]["findings"])
        lines.append("")
        lines.extend(_finding_lines(violations, lang, None))
    if questions:
        lines.append(_WORDS[lang]["questions"])
        lines.append("")
        lines.extend(_finding_lines(questions, lang, None))
    lines.append(_summary_line(timeline, lang))
    return "\n".join(lines) + "\n"


def _count_dict(count: Count | None) -> dict[str, Any] | None:
    if count is None:
        return None
    return {
        "value": count.value,
        "unit": count.unit.value,
        "approx": count.approx.value,
        "text": count.text,
    }


def _label_dict(label: Label | None) -> dict[str, str] | None:
    return None if label is None else {"zh": label.get("zh"), "en": label.get("en")}


def _incident_dict(incident: Incident) -> dict[str, Any]:
    return {
        "event_type": incident.event_type,
        "level": incident.level.value,
        "grade": _roman(incident.level),
        "jurisdiction": incident.jurisdiction,
        "start": incident.start.isoformat(),
        "description": _label_dict(incident.description),
        "deaths": _count_dict(incident.deaths),
        "injured": _count_dict(incident.injured),
        "missing": _count_dict(incident.missing),
        "figures": [
            {"label": _label_dict(f.label), "count": _count_dict(f.count)} for f in incident.figures
        ],
    }


def _step_dict(timeline: Timeline, step: Step) -> dict[str, Any]:
    at = timeline.at(step)
    return {
        "phase": step.phase.value,
        "action": _label_dict(step.action),
        "offset": None if step.offset is None else duration_text(step.offset),
        "at": None if at is None else at.isoformat(),
        "deadline": step.deadline,
        "responsible": list(step.responsible),
        "to": list(step.to),
        "subject": step.subject,
        "order": step.order,
        "headcount": _count_dict(step.headcount),
        "sources": list(step.sources),
        "fallback_for": list(step.fallback_for),
    }


@takes(timeline=Timeline)
def render_json(timeline: Timeline) -> str:
    """The timeline as JSON: sorted keys, UTF-8 text, byte-identical for equal timelines.

    The incident, the unavailable parties, every step (with ``offset`` as
    an ISO 8601 duration and ``at`` as the clock time in the incident's
    zone, both ``null`` for an untimed step) and the findings in the form
    of ``check``'s JSON report.  Ids are kept as ids: the data say what they
    name.

    Examples
    --------
    >>> import json
    >>> from emergencykit.scenario import Incident, Timeline, render_json
    >>> inc = Incident(event_type="flood", level="II", jurisdiction="d1",
    ...                start="2024-07-01T08:00+08:00")
    >>> data = json.loads(render_json(Timeline(incident=inc, system="s")))
    >>> data["schema"], data["incident"]["grade"], data["incident"]["start"]
    ('emergencykit-timeline/1', 'II', '2024-07-01T08:00:00+08:00')
    """
    data = {
        "schema": "emergencykit-timeline/1",
        "system": timeline.system,
        "incident": _incident_dict(timeline.incident),
        "unavailable": list(timeline.unavailable),
        "steps": [_step_dict(timeline, s) for s in timeline.steps],
        "findings": [_finding_dict(f) for f in timeline.findings],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


# Mermaid's Gantt grammar ends a task's text at ":", and reads "#" and ";"
# as the start of a comment and the end of a statement; its entity codes
# (#58;) are made of those very characters, so they cannot be escaped,
# only replaced by look-alikes.
_GANTT_REPLACE = str.maketrans({":": "∶", "#": "♯", ";": ","})
# A title may hold colons (a clock time).
_TITLE_REPLACE = str.maketrans({"#": "♯", ";": ","})


def _gantt_text(text: str, table: dict[int, str] = _GANTT_REPLACE) -> str:
    return " ".join(printable(text.translate(table)).split())


_GANTT_DATE = "%Y-%m-%dT%H:%M"


@takes(timeline=Timeline, system=EmergencySystem, lang=str)
def render_mermaid(timeline: Timeline, system: EmergencySystem, *, lang: str = "zh") -> str:
    """The timeline as a Mermaid Gantt chart: a section per phase, a milestone per step.

    Times are the incident's clock times (its zone is in the title).  A
    deadline is a critical milestone at the latest moment its source
    allows; a step at a moment is a plain milestone there.  Steps the data
    give no time for (dispatch, known only by order) are milestones at the
    incident's start, in their order, their text led by it: the chart claims
    no time the data do not give.  In the texts, ``:``, ``#`` and ``;``,
    which Mermaid's Gantt grammar reserves, become ``∶``, ``♯`` and ``,``
    (the title keeps its colons, which the grammar allows there).

    Examples
    --------
    >>> import datetime as dt
    >>> from emergencykit import EmergencySystem, Label
    >>> from emergencykit.scenario import Incident, Phase, Step, Timeline, render_mermaid
    >>> system = EmergencySystem(id="s", name=Label(zh="示例", en="Example"))
    >>> inc = Incident(event_type="flood", level="II", jurisdiction="d1",
    ...                start="2024-07-01T08:00+08:00")
    >>> steps = (Step(phase=Phase.RELEASE, action=Label(en="Release: first #1"),
    ...               offset=dt.timedelta(hours=5), deadline=True),
    ...          Step(phase=Phase.DISPATCH, action=Label(en="Send team A"), order=1))
    >>> print(render_mermaid(Timeline(incident=inc, system="s", steps=steps), system, lang="en"),
    ...       end="")
    gantt
      title What-if: Example, flood and waterlogging, major (level II), from 2024-07-01 08:00 UTC+08:00
      dateFormat YYYY-MM-DDTHH:mm
      axisFormat %m-%d %H:%M
      section Public information
      Release∶ first ♯1 (by) :crit, milestone, s1, 2024-07-01T13:00, 0m
      section Dispatch
      1. Send team A :milestone, s2, 2024-07-01T08:00, 0m
    """
    names = _Names(system, lang)
    incident = timeline.incident
    w = _WORDS[lang]
    sep = ", " if lang == "en" else "，"
    colon = ": " if lang == "en" else "："
    title = (
        f"{w['title']}{colon}{display(system, lang)}{sep}{_what(incident, names)}{sep}"
        f"{_level(incident.level, lang)}{sep}"
        + (
            f"from {_clock(incident.start)} {_zone(incident.start)}"
            if lang == "en"
            else f"{_clock(incident.start)} {_zone(incident.start)} 起"
        )
    )
    lines = [
        "gantt",
        f"  title {_gantt_text(title, _TITLE_REPLACE)}",
        "  dateFormat YYYY-MM-DDTHH:mm",
        "  axisFormat %m-%d %H:%M",
    ]
    start = incident.start.strftime(_GANTT_DATE)
    number = 0
    for phase in Phase:
        steps = timeline.phase(phase)
        if not steps:
            continue
        lines.append(f"  section {_gantt_text(_heading(phase, lang))}")
        for step in steps:
            number += 1
            text = step.action.get(lang)
            if step.order is not None:
                text = f"{step.order}. {text}"
            if step.deadline:
                text = f"{text} (by)" if lang == "en" else f"{text}（时限）"
            at = timeline.at(step)
            when = start if at is None else at.strftime(_GANTT_DATE)
            tags = "crit, milestone" if step.deadline else "milestone"
            lines.append(f"  {_gantt_text(text)} :{tags}, s{number}, {when}, 0m")
    return "\n".join(lines) + "\n"


# Phase colours: one hue per phase, in report order.
_PHASE_COLOURS = ("#2ca02c", "#1f77b4", "#9467bd", "#d62728", "#ff7f0e")


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _figure(timeline: Timeline, names: _Names) -> Any:
    """The picture's figure, built inside the drawing's ``rc_context``."""
    from matplotlib.figure import Figure

    lang = names.lang
    steps = timeline.steps
    hours = [s.offset.total_seconds() / 3600 for s in steps if s.offset is not None]
    span = max([1.0, *hours]) * 1.08
    height = max(2.8, 0.32 * len(steps) + 1.9)
    fig = Figure(figsize=(11.0, height))
    # Margins in inches, whatever the number of rows: the axis labels and
    # the legend below, the title above.
    ax = fig.add_axes((0.42, 1.0 / height, 0.55, 1.0 - 1.55 / height))
    colour = {p: _PHASE_COLOURS[p.rank % len(_PHASE_COLOURS)] for p in Phase}
    labels = []
    for y, step in enumerate(steps):
        c = colour[step.phase]
        text = step.action.get(lang)
        if step.order is not None:
            text = f"{step.order}. {text}"
        labels.append(_shorten(text, 44))
        if step.offset is None:
            x = 0.0
            ax.plot([x], [y], marker="o", color=c, markersize=6, fillstyle="none")
        else:
            x = step.offset.total_seconds() / 3600
            if step.deadline:
                ax.plot([0, x], [y, y], color=c, linewidth=4, alpha=0.25, solid_capstyle="butt")
                ax.plot([x], [y], marker="D", color=c, markersize=6)
            else:
                ax.plot([x], [y], marker="o", color=c, markersize=6)
        who = names.join(step.responsible) if step.responsible else ""
        if who:
            # Right of the marker in the first half of the axis, left of it in the second.
            right = x < span / 2
            ax.text(
                x + (span if right else -span) * 0.012,
                y,
                _shorten(who, 30),
                fontsize=7,
                va="center",
                ha="left" if right else "right",
                color="#444444",
            )
    ax.set_yticks(range(len(steps)), labels, fontsize=8)
    ax.set_ylim(max(len(steps), 1) - 0.5, -0.5)
    if not steps:
        empty = "no steps" if lang == "en" else "无步骤"
        ax.text(span / 2, 0, empty, ha="center", va="center", fontsize=10, color="#555555")
    ax.set_xlim(-span * 0.02, span)
    start = f"{_clock(timeline.incident.start)} {_zone(timeline.incident.start)}"
    ax.set_xlabel(f"hours after {start}" if lang == "en" else f"自 {start} 起的小时数")
    ax.grid(axis="x", color="#dddddd")
    present = [p for p in Phase if timeline.phase(p)]
    handles = [
        ax.plot([], [], marker="s", linestyle="", color=colour[p], label=_heading(p, lang))[0]
        for p in present
    ]
    if lang == "en":
        handles.append(
            ax.plot([], [], marker="D", linestyle="", color="#555", label="by (deadline)")[0]
        )
        handles.append(
            ax.plot(
                [],
                [],
                marker="o",
                linestyle="",
                color="#555",
                fillstyle="none",
                label="no time given",
            )[0]
        )
    else:
        handles.append(ax.plot([], [], marker="D", linestyle="", color="#555", label="时限")[0])
        handles.append(
            ax.plot(
                [], [], marker="o", linestyle="", color="#555", fillstyle="none", label="未给出时间"
            )[0]
        )
    if handles:
        fig.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0.01, 0.02 / height),
            fontsize=7,
            ncol=len(handles),
            frameon=False,
        )
    incident = timeline.incident
    title = (
        f"{display(names.system, lang)} · {_what(incident, names)} · {_level(incident.level, lang)}"
    )
    fig.suptitle(title, fontsize=11)
    return fig


@takes(timeline=Timeline, system=EmergencySystem, lang=str)
def draw_timeline(
    timeline: Timeline,
    system: EmergencySystem,
    path: str | os.PathLike[str] | IO[bytes],
    *,
    lang: str = "zh",
    format: str | None = None,
) -> None:
    """Draw the timeline as a picture: one row per step, hours after the incident across.

    A deadline is a bar from the incident's start to a diamond at the
    latest moment; a step at a moment is a dot there; a step with no time
    (dispatch, known only by order) an open circle at the start, its order
    leading its text.  Colour says phase.  The same input gives the same
    bytes.

    Parameters
    ----------
    timeline, system
        As for :func:`render_text`.
    path : str, path or binary file
        Where to write the picture; a file path is written atomically.
    lang : {"zh", "en"}
        Label language.  Chinese needs a CJK font
        (:func:`~emergencykit.graph.cjk_font`); without one the picture is
        labelled in English, with a warning.
    format : {"png", "svg"}, optional
        By default taken from the file name's suffix, else PNG.

    Raises
    ------
    emergencykit.errors.MissingExtraError
        If matplotlib (the ``plot`` extra) is not installed.
    ValueError
        If ``format`` is neither ``png`` nor ``svg``.

    Warns
    -----
    emergencykit.errors.MissingFontWarning
        When ``lang`` is ``"zh"`` and no installed font draws Chinese.

    Examples
    --------
    >>> import io
    >>> from emergencykit import EmergencySystem, Label
    >>> from emergencykit.scenario import Incident, Timeline, draw_timeline
    >>> system = EmergencySystem(id="s", name=Label(zh="示例", en="Example"))
    >>> inc = Incident(event_type="flood", level="II", jurisdiction="d1",
    ...                start="2024-07-01T08:00+08:00")
    >>> picture = io.BytesIO()
    >>> draw_timeline(Timeline(incident=inc, system="s"), system, picture, lang="en")
    >>> picture.getvalue()[:4]
    b'\\x89PNG'
    """
    matplotlib = _matplotlib()
    if format is None:
        suffix = (
            os.fspath(path).rsplit(".", 1)[-1].lower()
            if isinstance(path, str | os.PathLike)
            else ""
        )
        format = suffix if suffix in PICTURES else "png"
    if format not in PICTURES:
        raise ValueError(f"a picture is png or svg (got {format!r})")
    font = cjk_font()
    if lang == "zh" and font is None:
        warnings.warn(
            "no installed font has Chinese characters, so the picture is labelled in English: "
            "install a CJK font such as Noto Sans CJK, or ask for English (--lang en)",
            MissingFontWarning,
            stacklevel=3,  # the caller, past the argument guard (takes)
        )
        lang = "en"
    with matplotlib.rc_context(_rc(font)):
        fig = _figure(timeline, _Names(system, lang))
        metadata = {"Date": None} if format == "svg" else {}
        picture = io.BytesIO()
        fig.savefig(picture, format=format, dpi=110, metadata=metadata)
    if isinstance(path, str | os.PathLike):
        write_atomic(path, picture.getvalue())
    else:
        path.write(picture.getvalue())


def _emit(text: str, target: Target) -> str | None:
    if target is None or target == "-":
        return text
    if isinstance(target, str | os.PathLike):
        write_atomic(target, text.encode("utf-8"))
    elif isinstance(target, io.TextIOBase):
        target.write(text)
    else:
        target.write(text.encode("utf-8"))  # type: ignore[arg-type]
    return None


Renderer = Callable[[Timeline, EmergencySystem, Target, str], str | None]


def _picture(format: str) -> Renderer:
    def draw(timeline: Timeline, system: EmergencySystem, target: Target, lang: str) -> None:
        if target is None or target == "-" or isinstance(target, io.TextIOBase):
            raise ValueError(f"a {format} picture needs a file path or a binary file")
        draw_timeline(timeline, system, target, lang=lang, format=format)  # type: ignore[arg-type]

    return draw


def _cap(timeline: Timeline, system: EmergencySystem, target: Target, lang: str) -> str | None:
    """The public alerts as CAP 1.2 documents (:func:`~emergencykit.scenario.to_cap`), in ``lang``.

    With no target, the documents follow one another, each with its XML
    declaration; a path names a directory (made if missing) that receives
    one file per alert, ``IDENTIFIER.xml``, each written atomically.
    """
    documents = to_cap(timeline, system, languages=(lang,))
    if isinstance(target, str | os.PathLike) and target != "-":
        alerts = cap_alerts(timeline, system, languages=(lang,))
        os.makedirs(target, exist_ok=True)
        for alert, document in zip(alerts, documents, strict=True):
            write_atomic(os.path.join(target, f"{alert.identifier}.xml"), document)
        return None
    return _emit("".join(d.decode("utf-8") for d in documents), target)


@takes(timeline=Timeline, system=EmergencySystem, format=str, lang=str)
def render(
    timeline: Timeline,
    system: EmergencySystem,
    format: str = "text",
    path: Target = None,
    *,
    lang: str = "zh",
) -> str | None:
    """The timeline in one of :data:`FORMATS`.

    Parameters
    ----------
    timeline
        From :func:`~emergencykit.scenario.simulate`.
    system
        The system it was simulated on: names come from its labels.
    format
        ``text`` (:func:`render_text`), ``json`` (:func:`render_json`),
        ``mermaid`` (:func:`render_mermaid`), ``cap`` (the public alerts as
        CAP 1.2 documents in ``lang``, :func:`~emergencykit.scenario.to_cap`)
        or one of the :data:`PICTURES` (:func:`draw_timeline`).
    path
        Where to write (a file path is written atomically); for the text
        formats ``None`` or ``"-"`` returns the text instead.  Pictures need
        a path or a binary file.  For ``cap``, a path names a directory that
        receives one file per alert, ``IDENTIFIER.xml``; with no path the
        documents follow one another, each with its XML declaration.
    lang
        ``"zh"`` or ``"en"``; JSON is the same in both.

    Returns
    -------
    str or None
        The text when a text format has no target, else ``None``.

    Raises
    ------
    emergencykit.errors.UnknownFormatError
        If ``format`` is not one of :data:`FORMATS` (it extends ``ValueError``).
    ValueError
        If a picture has nowhere to go.

    Examples
    --------
    >>> from emergencykit import EmergencySystem, Label
    >>> from emergencykit.scenario import Incident, Timeline, render
    >>> system = EmergencySystem(id="s", name=Label(zh="示例", en="Example"))
    >>> inc = Incident(event_type="flood", level="II", jurisdiction="d1",
    ...                start="2024-07-01T08:00+08:00")
    >>> render(Timeline(incident=inc, system="s"), system, "mermaid", lang="en").splitlines()[0]
    'gantt'
    """
    renderer = _RENDERERS.get(format)
    if renderer is None:
        raise UnknownFormatError(
            f"unknown timeline format {format!r}; choose one of {', '.join(FORMATS)}"
        )
    return renderer(timeline, system, path, lang)


# The one registry of timeline formats: render() dispatches on it, and
# FORMATS, the command line's ``simulate --format`` choices and the docs'
# lists (kept in step by tests) come from it.
_RENDERERS: dict[str, Renderer] = {
    "text": lambda t, s, target, lang: _emit(render_text(t, s, lang=lang), target),
    "json": lambda t, s, target, lang: _emit(render_json(t), target),
    "mermaid": lambda t, s, target, lang: _emit(render_mermaid(t, s, lang=lang), target),
    "cap": _cap,
    "png": _picture("png"),
    "svg": _picture("svg"),
}

#: The formats :func:`render` writes.
FORMATS = tuple(_RENDERERS)
#: The formats drawn as pictures by :func:`draw_timeline` (they need a file).
PICTURES = ("png", "svg")
