"""SARIF logs checked against the official OASIS SARIF 2.1.0 JSON Schema (kept in tests/data)."""

import datetime as dt
import functools
import json
import pathlib
from typing import Any

import pytest
import rules_helpers as h
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for

from emergencykit import datasets, rules
from emergencykit.model import EmergencySystem
from emergencykit.strategies import DEFAULT_AS_OF, any_systems

SCHEMA_PATH = pathlib.Path(__file__).with_name("data") / "sarif-schema-2.1.0.json"


@functools.cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


@functools.cache
def _validator() -> Validator:
    schema = _schema()
    cls = validator_for(schema)
    cls.check_schema(schema)
    # The format checker covers the formats jsonschema can check on its own;
    # "uri" and "uri-reference" need optional packages and stay annotations.
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema_errors(log: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in sorted(_validator().iter_errors(log), key=lambda e: list(map(str, e.path)))
    ]


def sarif(report: rules.Report, lang: str, filename: str | None = None) -> Any:
    return json.loads(rules.render_sarif(report, lang, filename=filename))


def test_the_vendored_schema_is_the_oasis_one():
    schema = _schema()
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert {
        "run",
        "result",
        "reportingDescriptor",
        "location",
        "logicalLocation",
        "artifactLocation",
    } <= set(schema["definitions"])
    assert type(_validator()).__name__ == "Draft4Validator"


@functools.cache
def _chongqing_report() -> rules.Report:
    system = datasets.chongqing_2022()
    assert system.described is not None
    return rules.validate(system, rules.ValidationConfig(as_of=system.described.latest()))


@pytest.mark.parametrize("filename", [None, "chongqing_2022.toml"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chongqing_sarif_is_schema_valid(lang, filename):
    report = _chongqing_report()
    assert report.findings  # otherwise results would not be exercised
    log = sarif(report, lang, filename)
    assert schema_errors(log) == []
    (run,) = log["runs"]
    assert len(run["results"]) == len(report.findings)
    has_file = ["physicalLocation" in r["locations"][0] for r in run["results"]]
    assert all(has_file) if filename else not any(has_file)


def test_the_log_names_the_schema_it_conforms_to():
    assert sarif(_chongqing_report(), "en")["$schema"] == _schema()["id"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_clean_system_gives_a_valid_log_without_results(lang):
    report = rules.validate(h.base(), h.config())
    assert report.findings == ()
    log = sarif(report, lang, "demo.yaml")
    assert schema_errors(log) == []
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"]


def test_an_empty_report_gives_a_valid_log():
    report = rules.Report.build([], as_of=dt.date(2024, 1, 1), packs=(), rules=(), system="s")
    log = sarif(report, "zh")
    assert schema_errors(log) == []
    assert log["runs"][0]["tool"]["driver"]["rules"] == []


def test_a_rule_that_failed_still_gives_a_valid_log():
    @rules.rule("EK994", rules.Level.INFO, zh="坏", en="bad", source="test")
    def bad(ctx):
        """Raises."""
        raise RuntimeError

    try:
        log = sarif(rules.validate(h.base(), h.config()), "en", "demo.yaml")
    finally:
        rules.unregister("EK994")
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["EK000"]
    assert schema_errors(log) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("version",), "2.1"),
        (("runs", 0, "results", 0, "level"), "info"),
        (("runs", 0, "results", 0, "ruleIndex"), -2),
        (("runs", 0, "tool", "driver", "rules", 0, "defaultConfiguration", "level"), "fatal"),
        (("runs", 0, "results", 0, "message"), {}),
    ],
)
def test_the_check_rejects_a_broken_log(path, value):
    # The schema check above would be worthless if it accepted anything.
    log = sarif(_chongqing_report(), "en", "chongqing_2022.toml")
    target = log
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    errors = schema_errors(log)
    assert errors
    assert any(e.startswith("/".join(map(str, path))) for e in errors)


# A validation per example, as in the whole-system properties of test_properties.py.
@settings(
    max_examples=max(10, settings.default.max_examples // 4),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    system=any_systems(),
    lang=st.sampled_from(["zh", "en"]),
    filename=st.sampled_from([None, "system.json", "data/city.yaml"]),
)
def test_every_report_renders_to_schema_valid_sarif(
    system: EmergencySystem, lang: str, filename: str | None
) -> None:
    report = rules.validate(
        system,
        rules.ValidationConfig(
            as_of=system.described.latest() if system.described else DEFAULT_AS_OF
        ),
    )
    log = sarif(report, lang, filename)
    assert schema_errors(log) == []
    assert len(log["runs"][0]["results"]) == len(report.findings)


def test_a_report_naming_a_rule_no_longer_registered_still_renders():
    finding = rules.Finding(
        code="EK993", severity=rules.Level.WARNING, message_zh="旧", message_en="old"
    )
    report = rules.Report.build(
        [finding], as_of=dt.date(2024, 1, 1), packs=(), rules=("EK993",), system="s"
    )
    log = sarif(report, "en")
    assert log["runs"][0]["tool"]["driver"]["rules"] == [{"id": "EK993"}]
    assert schema_errors(log) == []


@pytest.mark.parametrize(
    ("filename", "uri"),
    [
        ("city.yaml", "city.yaml"),
        ("plans/重庆 2022.toml", "plans/%E9%87%8D%E5%BA%86%202022.toml"),
        ("plans\\city#1.yaml", "plans/city%231.yaml"),
    ],
)
def test_the_file_location_is_a_uri_reference(filename, uri):
    log = sarif(_chongqing_report(), "en", filename)
    locations = [r["locations"][0] for r in log["runs"][0]["results"]]
    assert locations
    assert {loc["physicalLocation"]["artifactLocation"]["uri"] for loc in locations} == {uri}
