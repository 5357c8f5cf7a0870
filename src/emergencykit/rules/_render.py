"""Renderers: reports as text, JSON and SARIF 2.1.0; the catalogue as text, JSON and Markdown."""

import itertools
import json
import operator
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from emergencykit._guards import takes
from emergencykit._printable import printable
from emergencykit._words import plural
from emergencykit.errors import UnknownFormatError
from emergencykit.model import Label
from emergencykit.rules._engine import INTERNAL, Rule, registry
from emergencykit.rules._pack import packs
from emergencykit.rules._report import Finding, FindingKind, Level, Report

__all__ = [
    "CATALOGUE_FORMATS",
    "REPORT_FORMATS",
    "catalogue_markdown",
    "render",
    "render_catalogue",
    "render_json",
    "render_sarif",
    "render_text",
    "rules_table",
]

_SARIF_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note"}
# SARIF 2.1.0 §3.27.9: a result that is not a failure is one "to review";
# §3.27.10: its level is then "none".
_SARIF_KIND = {FindingKind.VIOLATION: "fail", FindingKind.QUESTION: "review"}
_SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


_OTHER = Label(zh="其他", en="Other")


def _area(area: str) -> Label:
    """The heading of ``area`` (``"EK1"``) from the installed pack that names it."""
    for pack in packs():
        heading = pack.areas.get(area)
        if heading is not None:
            return heading
    return _OTHER


def _summary(report: Report, lang: str) -> str:
    c = report.counts
    n = len(report.rules)
    day = report.as_of.isoformat()
    if lang == "en":
        names = ", ".join(p.name for p in report.packs) or "none"
        return (
            f"{plural(c['error'], 'error')}, {plural(c['warning'], 'warning')}, {c['info']} info; "
            f"{plural(c['question'], 'question')}; "
            f"{plural(n, 'rule')} run as of {day}; packs: {names}"
        )
    names = "、".join(p.label.get("zh") for p in report.packs) or "无"
    return (
        f"错误 {c['error']} 项，警告 {c['warning']} 项，提示 {c['info']} 项；"
        f"待核实问题 {c['question']} 项；"
        f"按 {day} 运行规则 {n} 条；规则包：{names}"
    )


_QUESTIONS = Label(
    zh="待核实问题（文件未说明、规则需要的事实，可供跟进核实）",
    en="Questions (facts the rules need that the document does not state, to follow up)",
)


def _by_area(findings: tuple[Finding, ...]) -> dict[str, list[Finding]]:
    """``findings`` by area, each area's by code, each code's in report order.

    The report's order is the canonical one (:meth:`Finding.sort_key`), so a
    stable sort by code alone orders each rule's findings as a sort by code
    and key would, without computing a key per finding.
    """
    groups: dict[str, list[Finding]] = {}
    for f in sorted(findings, key=_CODE):
        groups.setdefault(f.code[:-2], []).append(f)
    return groups


_CODE = operator.attrgetter("code")


@takes(report=Report)
def render_text(report: Report, lang: str = "zh", max_per_rule: int | None = None) -> str:
    """The report as plain text for a terminal, grouped by area, with a summary line.

    Every id, name and path in a finding is shown with its unprintable
    characters escaped (``\\n``, ``\\u202e``), so one finding is always its
    own lines and nothing in a document can drive the terminal.

    Parameters
    ----------
    report
        A report from :func:`~emergencykit.rules.validate`.
    lang
        ``"zh"`` or ``"en"``.
    max_per_rule
        Show at most this many findings of each rule, then one line saying
        how many more there are; ``None`` (the default) shows all.  The
        summary line counts every finding either way, and findings a
        report counted without keeping them (:attr:`Report.omitted
        <emergencykit.rules.Report.omitted>`) are among the "more".

    Returns
    -------
    str
        Lines ending in a newline; no colour codes.

    Examples
    --------
    >>> import datetime as dt
    >>> from emergencykit.rules import Finding, Level, Report, render_text
    >>> f = Finding(code="EK101", severity=Level.ERROR, message_zh="预案「甲」没有牵头单位",
    ...             message_en="plan 'A' has no lead", path="$.plans[0].lead", subjects=("a",))
    >>> r = Report.build([f], as_of=dt.date(2024, 1, 1), packs=(), rules=("EK101",), system="s")
    >>> print(render_text(r, "en"), end="")
    EK1 Plans and drills
      EK101 error   $.plans[0].lead
            plan 'A' has no lead
    <BLANKLINE>
    1 error, 0 warnings, 0 info; 0 questions; 1 rule run as of 2024-01-01; packs: none
    >>> g = Finding(code="EK101", severity=Level.ERROR, message_zh="…", message_en="no lead",
    ...             path="$.plans[1].lead")
    >>> r = Report.build([f, g], as_of=dt.date(2024, 1, 1), packs=(), rules=("EK101",), system="s")
    >>> print(render_text(r, "en", max_per_rule=1), end="")
    EK1 Plans and drills
      EK101 error   $.plans[0].lead
            plan 'A' has no lead
      EK101 … and 1 more
    <BLANKLINE>
    2 errors, 0 warnings, 0 info; 0 questions; 1 rule run as of 2024-01-01; packs: none

    Questions, the facts a rule needs that the document does not state,
    come after the violations in a section of their own:

    >>> from emergencykit.rules import FindingKind
    >>> q = Finding(code="EK301", severity=Level.INFO, message_zh="答复未说明队伍「甲」由谁指挥",
    ...             message_en="the reply does not say who commands team 'A'",
    ...             path="$.teams[0].commander", kind=FindingKind.QUESTION)
    >>> r = Report.build([q, f], as_of=dt.date(2024, 1, 1), packs=(), rules=(), system="s")
    >>> print(render_text(r, "en"), end="")
    EK1 Plans and drills
      EK101 error   $.plans[0].lead
            plan 'A' has no lead
    <BLANKLINE>
    Questions (facts the rules need that the document does not state, to follow up)
    <BLANKLINE>
    EK3 Rescue forces
      EK301 question $.teams[0].commander
            the reply does not say who commands team 'A'
    <BLANKLINE>
    1 error, 0 warnings, 0 info; 1 question; 0 rules run as of 2024-01-01; packs: none
    """
    if max_per_rule is not None and max_per_rule < 1:
        raise ValueError(f"max_per_rule must be at least 1 or None (got {max_per_rule})")
    more: Counter[tuple[str, bool]] = Counter()
    for code, kind, _, n in report.omitted:
        more[code, kind is FindingKind.QUESTION] += n
    lines = list(_finding_lines(report.violations, lang, max_per_rule, more))
    questions = report.questions
    if questions:
        lines.append(_QUESTIONS.get(lang))
        lines.append("")
        lines.extend(_finding_lines(questions, lang, max_per_rule, more))
    lines.append(_summary(report, lang))
    return "\n".join(lines) + "\n"


def _finding_lines(
    findings: tuple[Finding, ...],
    lang: str,
    max_per_rule: int | None,
    omitted: Counter[tuple[str, bool]] | None = None,
) -> Iterator[str]:
    """``findings`` grouped by area, each group followed by a blank line.

    ``omitted`` holds the number of findings the report counted but did not
    keep, by code and whether they are questions: they are part of each
    rule's "… and N more".
    """
    for area, items in _by_area(findings).items():
        yield f"{area} {_area(area).get(lang)}"
        for code, group in itertools.groupby(items, _CODE):
            of_code = list(group)
            shown = of_code[:max_per_rule]
            for f in shown:
                if f.is_question:
                    level = f.kind.value if lang == "en" else "问题"
                else:
                    level = f.severity.value if lang == "en" else f.severity.zh
                yield f"  {f.code} {level:<7} {printable(f.path or '')}".rstrip()
                yield f"        {printable(f.message(lang))}"
                if f.hint is not None:
                    prefix = "hint: " if lang == "en" else "建议："
                    yield f"        {prefix}{printable(f.hint.get(lang))}"
            more = len(of_code) - len(shown)
            if omitted:
                more += omitted[code, of_code[0].is_question]
            if more:
                yield (
                    f"  {code} … and {more} more" if lang == "en" else f"  {code} … 另有 {more} 项"
                )
        yield ""


def _finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "kind": f.kind.value,
        "severity": f.severity.value,
        "message": {"zh": f.message_zh, "en": f.message_en},
        "subjects": list(f.subjects),
        "path": f.path,
        "hint": None if f.hint is None else {"zh": f.hint.get("zh"), "en": f.hint.get("en")},
        "source": f.source,
    }


@takes(report=Report)
def render_json(report: Report) -> str:
    """The report as JSON: sorted keys, UTF-8 text, byte-identical for equal reports.

    A report that counted findings without keeping them
    (``validate(…, max_per_rule=…)``) also lists those counts under
    ``"omitted"`` (code, kind, severity, count); ``counts`` and ``by_code``
    always count every finding.

    Examples
    --------
    >>> import datetime as dt, json
    >>> from emergencykit.rules import Report, render_json
    >>> r = Report.build([], as_of=dt.date(2024, 1, 1), packs=(), rules=(), system="s")
    >>> json.loads(render_json(r))["counts"]
    {'error': 0, 'info': 0, 'question': 0, 'warning': 0}
    """
    data = {
        "schema": "emergencykit-report/1",
        "system": report.system,
        "as_of": report.as_of.isoformat(),
        "packs": [p.name for p in report.packs],
        "rules": list(report.rules),
        "counts": report.counts,
        "by_code": report.by_code,
        "ok": report.ok,
        "findings": [_finding_dict(f) for f in report.findings],
    }
    if report.omitted:
        data["omitted"] = [
            {"code": code, "kind": kind.value, "severity": severity.value, "count": n}
            for code, kind, severity, n in report.omitted
        ]
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def _rule_of(code: str) -> Rule | None:
    if code == INTERNAL.code:
        return INTERNAL
    return next((r for r in registry() if r.code == code), None)


def _sarif_rule(code: str, lang: str) -> dict[str, Any]:
    r = _rule_of(code)
    if r is None:  # a report made while a rule was registered that no longer is
        return {"id": code}
    return {
        "id": r.code,
        "name": "".join(w.capitalize() for w in r.title.get("en").replace("-", " ").split()),
        "shortDescription": {"text": r.title.get(lang)},
        "fullDescription": {"text": r.rationale},
        "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
        "properties": {"pack": r.pack.name, "source": r.source},
    }


def _uri_reference(filename: str) -> str:
    # SARIF wants a URI reference; a path as typed may hold spaces, Chinese
    # characters or Windows separators, none of which a URI may.  Imported
    # here: only a SARIF report of a file needs it.
    import urllib.parse

    return urllib.parse.quote(filename.replace("\\", "/"), safe="/")


@takes(report=Report)
def render_sarif(report: Report, lang: str = "zh", filename: str | None = None) -> str:
    """The report as a SARIF 2.1.0 log (for code-scanning dashboards).

    Parameters
    ----------
    report
        A report from :func:`~emergencykit.rules.validate`.
    lang
        The language of message texts, ``"zh"`` or ``"en"``.
    filename
        The checked file as given on the command line; adds a physical
        location to every result, as a URI reference (``/`` separators,
        spaces and non-ASCII characters percent-encoded).

    Returns
    -------
    str
        JSON text with sorted keys.

    Examples
    --------
    >>> import datetime as dt, json
    >>> from emergencykit.rules import Finding, Level, Report, render_sarif
    >>> f = Finding(code="EK101", severity=Level.ERROR, message_zh="…", message_en="no lead",
    ...             path="$.plans[0].lead")
    >>> r = Report.build([f], as_of=dt.date(2024, 1, 1), packs=(), rules=("EK101",), system="s")
    >>> log = json.loads(render_sarif(r, "en", filename="city.yaml"))
    >>> result = log["runs"][0]["results"][0]
    >>> result["ruleId"], result["kind"], result["level"], result["message"]["text"]
    ('EK101', 'fail', 'error', 'no lead')
    >>> result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    'city.yaml'
    >>> log = json.loads(render_sarif(r, "en", filename="plans\\重庆 2022.toml"))
    >>> log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    'plans/%E9%87%8D%E5%BA%86%202022.toml'
    """
    uri = None if filename is None else _uri_reference(filename)
    codes = sorted(set(report.rules) | {f.code for f in report.findings})
    rules = [_sarif_rule(c, lang) for c in codes]
    index = {c: i for i, c in enumerate(codes)}
    results = []
    for f in report.findings:
        location: dict[str, Any] = {
            "logicalLocations": [{"fullyQualifiedName": f.path or "$", "kind": "member"}]
        }
        if uri is not None:
            location["physicalLocation"] = {"artifactLocation": {"uri": uri}}
        result: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "kind": _SARIF_KIND[f.kind],
            "level": "none" if f.is_question else _SARIF_LEVEL[f.severity],
            "message": {"text": f.message(lang)},
            "locations": [location],
        }
        if f.subjects:
            result["properties"] = {"subjects": list(f.subjects)}
        results.append(result)
    from emergencykit import __version__

    log = {
        "$schema": _SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "emergencykit",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
                "properties": {
                    "asOf": report.as_of.isoformat(),
                    "packs": [p.name for p in report.packs],
                },
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


@takes(report=Report)
def render(
    report: Report, format: str = "text", lang: str = "zh", filename: str | None = None
) -> str:
    """The report in ``format``: ``"text"``, ``"json"`` or ``"sarif"``.

    Raises
    ------
    emergencykit.errors.UnknownFormatError
        For any other format (it extends ``ValueError``).

    Examples
    --------
    >>> import datetime as dt
    >>> from emergencykit.rules import Report, render
    >>> r = Report.build([], as_of=dt.date(2024, 1, 1), packs=(), rules=(), system="s")
    >>> render(r, "text", lang="en")
    '0 errors, 0 warnings, 0 info; 0 questions; 0 rules run as of 2024-01-01; packs: none\\n'
    """
    renderer = _REPORT_RENDERERS.get(format)
    if renderer is None:
        raise UnknownFormatError(
            f"unknown report format {format!r}; choose one of {', '.join(REPORT_FORMATS)}"
        )
    return renderer(report, lang, filename)


# The one registry of report formats: render() dispatches on it, and
# REPORT_FORMATS and the command line's ``check --format`` choices come from it.
_REPORT_RENDERERS: dict[str, Callable[[Report, str, str | None], str]] = {
    "text": lambda report, lang, filename: render_text(report, lang),
    "json": lambda report, lang, filename: render_json(report),
    "sarif": render_sarif,
}

#: The formats :func:`render` writes.
REPORT_FORMATS = tuple(_REPORT_RENDERERS)


def rules_table(lang: str = "zh") -> list[dict[str, str]]:
    """The catalogue as rows: code, severity, pack, title (in ``lang``), source.

    Examples
    --------
    >>> from emergencykit.rules import rules_table
    >>> rules_table("en")[0]
    {'code': 'EK000', 'severity': 'error', 'pack': 'national', 'title': 'rule failed internally', 'source': 'emergencykit'}
    """
    return [
        {
            "code": r.code,
            "severity": r.severity.value,
            "pack": r.pack.name,
            "title": r.title.get(lang),
            "source": r.source,
        }
        for r in (INTERNAL, *registry())
    ]


def _markdown_lines() -> Iterator[str]:
    yield "# Rule catalogue"
    yield ""
    yield "<!-- Generated by emergencykit.rules.catalogue_markdown(); do not edit by hand. -->"
    yield ""
    yield (
        "Every rule has a stable code, a default severity, a pack (national and ics "
        "are on by default; chongqing switches on for a Chongqing system), a title in "
        "Chinese and English, its rationale and its source.  See "
        "[validation](validation.md) for how to run and select them."
    )
    current = ""
    for r in (INTERNAL, *registry()):
        if r.area != current:
            current = r.area
            heading = _area(current)
            yield ""
            yield f"## {current}xx — {heading.get('en')} ({heading.get('zh')})"
        yield ""
        yield f"### {r.code} — {r.title.get('en')}"
        yield ""
        yield f"{r.title.get('zh')}"
        yield ""
        yield f"- severity: {r.severity.value}"
        yield f"- pack: {r.pack.name}"
        yield f"- source: {r.source}"
        yield ""
        yield r.rationale
    yield ""


def catalogue_markdown() -> str:
    """The rule reference (``docs/rules.md``), generated from the registry.

    Examples
    --------
    >>> from emergencykit.rules import catalogue_markdown
    >>> "### EK305 — post missing its A or B holder" in catalogue_markdown()
    True
    """
    return "\n".join(_markdown_lines())


def render_catalogue(format: str = "text", lang: str = "zh") -> str:
    """The catalogue for the ``emergencykit rules`` command: text, JSON or Markdown.

    The text has two lines per rule: code, severity, pack and title; then
    the rule's source.

    Raises
    ------
    emergencykit.errors.UnknownFormatError
        For any format not in :data:`CATALOGUE_FORMATS` (it extends ``ValueError``).

    Examples
    --------
    >>> from emergencykit.rules import render_catalogue
    >>> print(*render_catalogue("text", "en").splitlines()[2:4], sep="\\n")
    EK001  error    national   duplicate id
                                 source: emergencykit file format (ids are unique)
    """
    renderer = _CATALOGUE_RENDERERS.get(format)
    if renderer is None:
        raise UnknownFormatError(
            f"unknown catalogue format {format!r}; choose one of {', '.join(CATALOGUE_FORMATS)}"
        )
    return renderer(lang)


def _catalogue_text(lang: str) -> str:
    source = "source" if lang == "en" else "依据"
    return "".join(
        f"{r['code']}  {r['severity']:<8} {r['pack']:<10} {r['title']}\n"
        f"{'':29}{source}: {r['source']}\n"
        for r in rules_table(lang)
    )


def _catalogue_json(lang: str) -> str:
    return json.dumps(rules_table(lang), ensure_ascii=False, sort_keys=True, indent=2) + "\n"


# The one registry of catalogue formats (``emergencykit rules --format``).
_CATALOGUE_RENDERERS: dict[str, Callable[[str], str]] = {
    "text": _catalogue_text,
    "json": _catalogue_json,
    "markdown": lambda lang: catalogue_markdown(),
}

#: The formats :func:`render_catalogue` writes.
CATALOGUE_FORMATS = tuple(_CATALOGUE_RENDERERS)
