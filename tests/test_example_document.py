"""The annotated example document (docs/examples/city.yaml) loads, uses every collection and checks clean."""

import pathlib
import re

import attrs
import pytest

from emergencykit import EmergencySystem, io, rules
from emergencykit.cli import main
from emergencykit.model._system import COLLECTIONS
from emergencykit.rules import Level

EXAMPLE = pathlib.Path(__file__).resolve().parent.parent / "docs" / "examples" / "city.yaml"


@pytest.fixture(scope="module")
def city() -> EmergencySystem:
    return io.load(EXAMPLE)


def test_every_collection_of_the_root_is_used(city: EmergencySystem) -> None:
    lists = [f.name for f in attrs.fields(EmergencySystem) if f.name in COLLECTIONS]
    assert lists == list(COLLECTIONS)
    empty = [
        name for name in [*COLLECTIONS, "relations", "sources", "notes"] if not getattr(city, name)
    ]
    assert empty == []


def test_it_has_no_error_level_findings_as_of_its_described_date(city: EmergencySystem) -> None:
    assert city.described is not None
    report = rules.validate(city, rules.ValidationConfig(as_of=city.described.latest()))
    errors = [f for f in report.findings if f.severity is Level.ERROR]
    assert errors == []
    assert report.rules, "the rules ran"
    # Spans below the band are not judged in a structure this small (EK503).
    assert "EK503" not in {f.code for f in report.findings}


def test_the_command_line_check_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLE), "--fail-on", "error", "--lang", "en"]) == 0
    assert "0 errors" in capsys.readouterr().out


def test_it_round_trips(city: EmergencySystem) -> None:
    assert io.loads(io.dumps(city, "yaml"), "yaml") == city


def test_the_comments_explain_what_newcomers_stumble_on() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    comments = "\n".join(re.findall(r"#.*", text))
    for word in ("rank", "session", "deadlines", "first_report_to", "tabletop", "commander"):
        assert word in comments, word
    assert "FICTIONAL" in comments
