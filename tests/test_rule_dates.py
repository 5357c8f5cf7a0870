"""Date rules on dates known only to the month: before, after, and cannot tell.

The helpers' system is checked as of 2024-06-30.  Each rule is given a
month-precision date whose deadline falls wholly before that day (a
violation), wholly after it (nothing), or in the month that contains it
(a question: the answer depends on the day the document leaves out).
"""

from io import StringIO
from pathlib import Path

import attrs
import pytest
from rules_helpers import base, edit, findings

import emergencykit as ek
from emergencykit import io, rules
from emergencykit.cli import main

L = ek.Label


def _kinds(found: list[rules.Finding]) -> list[str]:
    return [f.kind.value for f in found]


def _drilled(month: str) -> ek.EmergencySystem:
    """The special plan (drilled every 3 years, EK107) last drilled in ``month``."""
    drill = ek.Drill(date=month, scope=ek.DrillScope.SPECIAL)  # type: ignore[arg-type]
    return edit(base(), "plans", "special", issued="2021", filed=None, drills=(drill,))


@pytest.mark.parametrize(
    ("month", "expected"),
    [("2021-05", ["violation"]), ("2021-06", ["question"]), ("2021-07", [])],
)
def test_drill_overdue_by_month(month: str, expected: list[str]) -> None:
    found = findings(_drilled(month), "EK107")
    assert _kinds(found) == expected
    if expected == ["violation"]:
        assert "due by 2024-05-31" in found[0].message_en
    if expected == ["question"]:
        assert found[0].severity is rules.Level.INFO
        assert "cannot tell" in found[0].message_en
        assert "2024-06-01–2024-06-30" in found[0].message_en
        assert "无法判断" in found[0].message_zh
        assert found[0].path == "$.plans[1].drills"


def test_an_exact_drill_in_the_undecidable_month_decides() -> None:
    assert _kinds(findings(_drilled("2021-06-29"), "EK107")) == ["violation"]
    assert _kinds(findings(_drilled("2021-06-30"), "EK107")) == []


def _assigned(month: str, reply: str | None = None) -> ek.EmergencySystem:
    (proposal,) = base().proposals
    answer = None if reply is None else attrs.evolve(proposal.reply, date=reply)
    return edit(base(), "proposals", proposal.id, assigned=month, reply=answer)


@pytest.mark.parametrize(
    ("month", "expected"),
    # No reply on record is asked about (the document may not record it), past
    # the deadline or when the month leaves it open; before it, nothing.
    [("2024-02", ["question"]), ("2024-03", ["question"]), ("2024-04", [])],
)
def test_unanswered_by_month(month: str, expected: list[str]) -> None:
    assert _kinds(findings(_assigned(month), "EK706")) == expected


@pytest.mark.parametrize(
    ("reply", "expected"),
    [("2024-06", ["violation"]), ("2024-05", ["question"]), ("2024-04", [])],
)
def test_late_reply_by_month(reply: str, expected: list[str]) -> None:
    # assigned 2024-02-01: due by 2024-05-01, which a reply in May may be after or not
    assert _kinds(findings(_assigned("2024-02-01", reply), "EK701")) == expected


@pytest.mark.parametrize(("due", "expected"), [("2024-05", 1), ("2024", 0), ("2024-06", 0)])
def test_a_partial_due_date_is_due_by_its_end(due: str, expected: int) -> None:
    planned = ek.Document(
        id="draft",
        title=L(zh="办法"),
        kind=ek.DocumentKind.MEASURES,
        status=ek.DocumentStatus.DRAFTING,
        due=due,  # type: ignore[arg-type]
    )
    system = attrs.evolve(base(), documents=(*base().documents, planned))
    assert len(findings(system, "EK113")) == expected


def test_filing_within_a_month_of_a_month_precision_issue_cannot_tell() -> None:
    system = edit(base(), "plans", "special", issued="2024-03", filed="2024-04")
    (found,) = findings(system, "EK110")
    assert found.kind.value == "question"
    assert "cannot tell whether it was filed within 20 working days" in found.message_en
    system = edit(base(), "plans", "special", issued="2024-03", filed="2024-06")
    (found,) = findings(system, "EK110")
    assert found.kind.value == "violation"
    assert "at least" in found.message_en


@pytest.mark.parametrize(
    ("year", "expected"),
    [("2022", ["violation"]), ("2023", ["question"]), ("2024-03", [])],
)
def test_drill_policy_counts_only_drills_it_can_place(year: str, expected: list[str]) -> None:
    # the policy asks for one comprehensive drill in 2023-07-01…2024-06-30
    drills = (
        ek.Drill(date=year, scope=ek.DrillScope.COMPREHENSIVE),  # type: ignore[arg-type]
        ek.Drill(date="2024-04-01", scope=ek.DrillScope.SPECIAL),  # type: ignore[arg-type]
    )
    system = edit(base(), "plans", "overall", issued="2021", filed=None, drills=drills)
    found = findings(system, "EK109")
    assert _kinds(found) == expected
    if expected == ["question"]:
        assert "1 required, 0 recorded, and 1 dated too coarsely" in found[0].message_en


def test_check_takes_a_month_described_as_its_last_day(tmp_path: Path) -> None:
    document = tmp_path / "city.json"
    io.dump(attrs.evolve(base(), described="2024-06"), document)  # type: ignore[arg-type]
    out = StringIO()
    main(["check", str(document), "--lang", "en"], stdout=out, stderr=StringIO())
    assert "as of 2024-06-30" in out.getvalue()
