"""Violations and questions: a rule that needs an unstated fact asks, it does not accuse."""

import io
import json
import pathlib

import attrs
import pytest
import rules_helpers as h
from hypothesis import HealthCheck, given, settings
from jsonschema.validators import validator_for

import emergencykit as ek
from emergencykit import io as ekio
from emergencykit import model, rules
from emergencykit.cli import main
from emergencykit.rules import Finding, FindingKind, Level
from emergencykit.strategies import DEFAULT_AS_OF, any_systems


@pytest.fixture
def asking():
    """A rule EK996 (warning) that asks who leads every plan without a lead."""

    @rules.rule(
        "EK996", Level.WARNING, zh="预案牵头", en="plan lead", source="test", needs=("Plan.lead",)
    )
    def ask(ctx):
        """Asks who leads a plan that names no lead; a stated lead that is unknown violates."""
        for i, plan in enumerate(ctx.system.plans):
            path = f"$.plans[{i}].lead"
            if plan.lead is None:
                yield ctx.question(
                    f"文件未说明预案「{plan.id}」由谁牵头",
                    f"the document does not say who leads plan {plan.id!r}",
                    subjects=(plan.id,),
                    path=path,
                )
            elif ctx.get(plan.lead) is None:
                yield ctx.finding("牵头单位不存在", "the lead names nothing", path=path)

    yield "EK996"
    rules.unregister("EK996")


def schema_errors(log):
    path = pathlib.Path(__file__).with_name("data") / "sarif-schema-2.1.0.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    return [e.message for e in validator_for(schema)(schema).iter_errors(log)]


def _silent():
    return h.edit(h.base(), "plans", "special", lead=None)


def _run(system, **changes):
    changes.setdefault("select", ("EK996",))
    return rules.validate(system, h.config(**changes))


def test_a_silence_is_a_question_at_info_level(asking):
    report = _run(_silent())
    (f,) = report.findings
    assert (f.kind, f.severity, f.is_question) == (FindingKind.QUESTION, Level.INFO, True)
    assert report.counts == {"error": 0, "warning": 0, "info": 0, "question": 1}
    assert report.questions == (f,) and report.violations == ()


def test_a_stated_fact_that_breaks_the_rule_is_a_violation(asking):
    report = _run(h.edit(h.base(), "plans", "special", lead="nowhere"))
    (f,) = report.findings
    assert (f.kind, f.severity) == (FindingKind.VIOLATION, Level.WARNING)
    assert report.counts["question"] == 0


@pytest.mark.parametrize(
    ("completeness", "kind", "severity"),
    [
        (None, FindingKind.QUESTION, Level.INFO),
        (ek.Completeness.PARTIAL, FindingKind.QUESTION, Level.INFO),
        (ek.Completeness.COMPLETE, FindingKind.VIOLATION, Level.WARNING),
    ],
)
def test_a_complete_system_turns_questions_into_violations(asking, completeness, kind, severity):
    (f,) = _run(attrs.evolve(_silent(), completeness=completeness)).findings
    assert (f.kind, f.severity) == (kind, severity)


def test_questions_never_fail(asking):
    report = _run(_silent())
    assert report.ok
    assert report.passes("info") and not report.failed("info")
    complete = _run(attrs.evolve(_silent(), completeness=ek.Completeness.COMPLETE))
    assert complete.failed("warning") and complete.ok


def _report(*findings):
    return rules.Report.build(
        findings, as_of=h.AS_OF, packs=(rules.NATIONAL,), rules=("EK101",), system="s"
    )


_Q = Finding(
    code="EK301",
    severity=Level.INFO,
    message_zh="答复未说明队伍「甲」由谁指挥",
    message_en="the reply does not say who commands team 'A'",
    path="$.teams[0].commander",
    kind=FindingKind.QUESTION,
)
_V = Finding(code="EK301", severity=Level.INFO, message_zh="违反", message_en="broken")
_W = Finding(code="EK502", severity=Level.WARNING, message_zh="违反", message_en="broken")


def test_violations_come_before_questions_and_keep_their_order():
    report = _report(_Q, _V, _W)
    assert report.findings == (_W, _V, _Q)


def test_json_carries_the_kind_and_counts_questions_apart():
    data = json.loads(rules.render_json(_report(_Q, _W)))
    assert [f["kind"] for f in data["findings"]] == ["violation", "question"]
    assert data["counts"] == {"error": 0, "warning": 1, "info": 0, "question": 1}
    assert data["ok"] is True


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sarif_says_fail_for_violations_and_review_for_questions(lang):
    log = json.loads(rules.render_sarif(_report(_Q, _W), lang, filename="x.toml"))
    results = log["runs"][0]["results"]
    assert [(r["kind"], r["level"]) for r in results] == [("fail", "warning"), ("review", "none")]
    assert schema_errors(log) == []


@pytest.mark.parametrize(
    ("lang", "heading", "summary"),
    [
        ("en", "Questions (", "0 errors, 1 warning, 0 info; 1 question;"),
        ("zh", "待核实问题（", "错误 0 项，警告 1 项，提示 0 项；待核实问题 1 项；"),
    ],
)
def test_text_puts_questions_in_their_own_section_after_the_violations(lang, heading, summary):
    text = rules.render_text(_report(_Q, _W), lang)
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(heading))
    assert any("EK502" in line for line in lines[:at])
    assert not any("EK301" in line for line in lines[:at])
    assert any(_Q.message(lang) in line for line in lines[at:])
    assert lines[-1].startswith(summary)


def test_text_without_questions_has_no_question_section():
    assert "Questions (" not in rules.render_text(_report(_W), "en")


def test_check_exits_0_on_questions_alone(asking, tmp_path):
    path = tmp_path / "silent.json"
    ekio.dump(_silent(), path)
    out, err = io.StringIO(), io.StringIO()
    argv = [
        "check",
        str(path),
        "--select",
        "EK996",
        "--fail-on",
        "warning",
        "--as-of",
        "2024-06-30",
        "--lang",
        "en",
    ]
    assert main(argv, stdout=out, stderr=err) == 0, err.getvalue()
    assert "1 question;" in out.getvalue()
    ekio.dump(attrs.evolve(_silent(), completeness=ek.Completeness.COMPLETE), path)
    assert main(argv, stdout=io.StringIO(), stderr=io.StringIO()) == 1


def _fields_of_model() -> set[str]:
    names = set()
    for name in model.__all__:
        cls = getattr(model, name)
        if isinstance(cls, type) and attrs.has(cls):
            names.update(f"{name}.{f.name}" for f in attrs.fields(cls))
    return names


def test_every_needed_fact_is_a_field_of_the_model():
    known = _fields_of_model()
    unknown = {(r.code, n) for r in rules.registry() for n in r.needs if n not in known}
    assert unknown == set()


def test_the_rule_explanation_lists_the_needed_facts(asking):
    assert "needs     Plan.lead" in rules.explain("EK996", "en")
    assert "Plan.lead" in rules.explain("EK996", "zh")


@settings(
    max_examples=max(10, settings.default.max_examples // 4),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(system=any_systems())
def test_validation_stays_total_and_completeness_only_turns_questions(system):
    config = rules.ValidationConfig(
        as_of=system.described.latest() if system.described else DEFAULT_AS_OF
    )
    partial = rules.validate(attrs.evolve(system, completeness=None), config)
    complete = rules.validate(attrs.evolve(system, completeness=ek.Completeness.COMPLETE), config)
    assert "EK000" not in {f.code for f in partial.findings + complete.findings}
    assert complete.questions == ()
    assert all(q.severity is Level.INFO for q in partial.questions)
    assert set(partial.violations) <= set(complete.violations)
    assert len(complete.findings) <= len(partial.findings)
    # Each question of the partial reading is a violation of the complete one.
    asked = {(q.code, q.path, q.subjects, q.message_en) for q in partial.questions}
    gaps = {(v.code, v.path, v.subjects, v.message_en) for v in complete.violations}
    assert asked <= gaps
