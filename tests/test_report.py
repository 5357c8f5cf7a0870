"""Reports: order, counts, renderers (text, JSON, SARIF) and the generated rule reference."""

import datetime as dt
import json
import pathlib

import attrs
import pytest
import rules_helpers as h

from emergencykit import rules
from emergencykit.rules import Finding, Level, Report

DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"


def _f(code, severity, path=None, subjects=(), en="m"):
    return Finding(
        code=code, severity=severity, message_zh="消息", message_en=en, path=path, subjects=subjects
    )


def _report(findings):
    return Report.build(
        findings,
        as_of=dt.date(2024, 1, 1),
        packs=(rules.NATIONAL,),
        rules=("EK101",),
        system="s",
    )


def _broken():
    s = h.edit(h.base(), "plans", "special", lead=None)  # EK101 error
    s = h.edit(s, "institutions", "i2", owner=None)  # EK202 warning
    s = h.edit(s, "expert_panels", "ep", convener=None)  # EK208 info
    s = h.edit(s, "teams", "h1", posts=(h.ek.Post(title=h.L(zh="队长"), a="p1"),))  # EK305
    # Each is a silence: a complete system reads it as a violation at the rule's level.
    return attrs.evolve(s, completeness=h.ek.Completeness.COMPLETE)


def test_findings_sorted_by_severity_code_path_subjects_message():
    items = [
        _f("EK200", Level.INFO),
        _f("EK101", Level.WARNING, "$.b[10]"),
        _f("EK101", Level.WARNING, "$.b[2]"),
        _f("EK101", Level.WARNING, "$.a", ("y",)),
        _f("EK101", Level.WARNING, "$.a", ("x",), en="z"),
        _f("EK101", Level.WARNING, "$.a", ("x",), en="a"),
        _f("EK900", Level.ERROR),
    ]
    report = _report(reversed(items))
    got = [(f.code, f.path, f.subjects, f.message_en) for f in report.findings]
    assert got == [
        ("EK900", None, (), "m"),
        ("EK101", "$.a", ("x",), "a"),
        ("EK101", "$.a", ("x",), "z"),
        ("EK101", "$.a", ("y",), "m"),
        ("EK101", "$.b[2]", (), "m"),
        ("EK101", "$.b[10]", (), "m"),
        ("EK200", None, (), "m"),
    ]


def test_counts_and_fail_on():
    report = rules.validate(_broken(), h.config())
    assert report.counts == {"error": 2, "warning": 1, "info": 1, "question": 0}
    assert report.by_code == {"EK101": 1, "EK202": 1, "EK208": 1, "EK305": 1}
    assert not report.ok
    assert report.failed("error") and report.failed(Level.WARNING) and report.failed("info")
    only_warning = _report([_f("EK202", Level.WARNING)])
    assert only_warning.ok and only_warning.passes("error") and not only_warning.passes("warning")
    assert _report([]).passes("info")


def test_report_remembers_its_run():
    report = rules.validate(h.base(), h.config(select=("EK1",)))
    assert report.as_of == h.AS_OF
    assert report.packs == (rules.NATIONAL, rules.CHONGQING, rules.ICS)
    assert report.rules[0] == "EK101" and all(c.startswith("EK1") for c in report.rules)
    assert report.system == "demo"


def test_json_is_byte_identical_for_equal_inputs():
    one = rules.render_json(rules.validate(_broken(), h.config()))
    two = rules.render_json(rules.validate(_broken(), h.config()))
    assert one == two
    data = json.loads(one)
    assert list(data) == sorted(data)
    assert data["counts"] == {"error": 2, "info": 1, "question": 0, "warning": 1}
    first = data["findings"][0]
    assert first["code"] == "EK101" and first["path"] == "$.plans[1].lead"
    assert "预案「防汛专项预案」" in first["message"]["zh"]
    assert "预案" in one  # not escaped


def test_sarif_structure():
    text = rules.render_sarif(rules.validate(_broken(), h.config()), "en", filename="city.yaml")
    log = json.loads(text)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "emergencykit"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids) and "EK101" in ids
    for r in driver["rules"]:
        assert set(r) >= {
            "id",
            "name",
            "shortDescription",
            "fullDescription",
            "defaultConfiguration",
        }
        assert r["defaultConfiguration"]["level"] in {"error", "warning", "note"}
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"]
        assert "helpUri" not in r
    levels = {res["ruleId"]: res["level"] for res in run["results"]}
    assert levels == {"EK101": "error", "EK202": "warning", "EK208": "note", "EK305": "error"}
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["message"]["text"]
        (loc,) = res["locations"]
        assert loc["logicalLocations"][0]["fullyQualifiedName"].startswith("$")
        assert loc["physicalLocation"]["artifactLocation"]["uri"] == "city.yaml"


def test_sarif_without_a_file_has_only_logical_locations():
    log = json.loads(rules.render_sarif(rules.validate(_broken(), h.config()), "zh"))
    for res in log["runs"][0]["results"]:
        assert "physicalLocation" not in res["locations"][0]
    assert any("预案" in res["message"]["text"] for res in log["runs"][0]["results"])


def test_sarif_names_the_internal_rule_when_a_rule_failed():
    @rules.rule("EK994", rules.Level.INFO, zh="坏", en="bad", source="test")
    def bad(ctx):
        """Raises."""
        raise RuntimeError

    try:
        log = json.loads(rules.render_sarif(rules.validate(h.base(), h.config())))
    finally:
        rules.unregister("EK994")
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert ids[0] == "EK000"
    assert log["runs"][0]["results"][0]["ruleId"] == "EK000"


def test_english_summary_line_counts_in_the_right_number():
    one = rules.render_text(_report([_f("EK101", Level.ERROR)]), "en").splitlines()[-1]
    assert one.startswith("1 error, 0 warnings, 0 info; 0 questions; 1 rule run as of 2024-01-01")
    assert "(s)" not in one


@pytest.mark.parametrize(
    ("lang", "heading", "summary"),
    [
        ("en", "EK1 Plans and drills", "2 errors, 1 warning, 1 info;"),
        ("zh", "EK1 预案与演练", "错误 2 项，警告 1 项，提示 1 项；"),
    ],
)
def test_text_grouped_by_area_with_a_summary(lang, heading, summary):
    text = rules.render_text(rules.validate(_broken(), h.config()), lang)
    lines = text.splitlines()
    assert heading in lines
    assert lines[-1].startswith(summary)
    areas = [line.split()[0] for line in lines if line[:2] == "EK"]
    assert areas == ["EK1", "EK2", "EK3"]
    assert "\x1b" not in text
    assert text.endswith("\n")


def test_render_dispatch_and_unknown_format():
    report = rules.validate(h.base(), h.config())
    assert rules.render(report, "json") == rules.render_json(report)
    assert rules.render(report, "sarif", lang="en") == rules.render_sarif(report, "en")
    with pytest.raises(ValueError, match="format"):
        rules.render(report, "xml")


def test_rules_table_and_catalogue_formats():
    rows = rules.rules_table("en")
    assert [r["code"] for r in rows] == ["EK000", *(r.code for r in rules.registry())]
    row = next(r for r in rows if r["code"] == "EK106")
    assert row == {
        "code": "EK106",
        "severity": "warning",
        "pack": "chongqing",
        "title": "plan revision overdue",
        "source": row["source"],
    }
    assert json.loads(rules.render_catalogue("json", "zh"))[1]["title"] == "重复的 id"
    assert "EK305" in rules.render_catalogue("text")
    with pytest.raises(ValueError, match="format"):
        rules.render_catalogue("yaml")


def test_docs_rules_md_is_up_to_date():
    # Regenerate with: python -c "from emergencykit.rules import catalogue_markdown as c; open('docs/rules.md','w').write(c())"
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == rules.catalogue_markdown()
