"""An NPC deputy's suggestion (建议) is never called a CPPCC proposal (提案).

Every rule that can fire, the report around it and the summary are run on
systems whose proposals are all NPC suggestions: no Chinese message, hint,
summary line or heading may say 提案.  The one place the word stays is the
catalogue's heading of the EK7 area, which names both kinds together
(建议提案办理与承诺).
"""

import json

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import emergencykit as ek
from emergencykit import rules, summary
from emergencykit._printable import printable
from emergencykit.strategies import DEFAULT_AS_OF, MUTATIONS, Mutation, systems

EVERY_PACK = rules.ValidationConfig(as_of=DEFAULT_AS_OF, packs=("national", "chongqing", "ics"))
SUGGESTION = ek.ProposalKind.NPC_SUGGESTION
AREA_HEADING = "建议提案办理与承诺"


def suggestions_only(system: ek.EmergencySystem) -> ek.EmergencySystem:
    """``system`` with every proposal an NPC suggestion, titled as one (and one at least)."""
    found = system.proposals or (ek.Proposal(id="added-suggestion", kind=SUGGESTION),)
    proposals = tuple(
        attrs.evolve(p, kind=SUGGESTION, title=None if p.title is None else ek.Label(zh=f"建议{i}"))
        for i, p in enumerate(found)
    )
    return attrs.evolve(system, proposals=proposals)


def _own_words(value: object) -> set[str]:
    """The strings of ``value`` (an object of the model, a tuple …) that say 提案 themselves.

    A drawn name may be 提案 (hypothesis draws the words the code holds):
    quoting the system's own words is not calling a suggestion a proposal.
    """
    if isinstance(value, str):
        return {value} if "提案" in value else set()
    if isinstance(value, tuple):
        return set().union(*(_own_words(v) for v in value))
    if attrs.has(type(value)):
        return set().union(*(_own_words(getattr(value, f.name)) for f in attrs.fields(type(value))))
    return set()


def said_as_proposal(system: ek.EmergencySystem) -> list[str]:
    """Every Chinese line the library writes about ``system`` that says 提案 in its own words."""
    report = rules.validate(system, EVERY_PACK)
    lines = [f.message("zh") for f in report.findings]
    lines += [f.hint.get("zh") for f in report.findings if f.hint is not None]
    # Split at newlines only: str.splitlines also splits at U+2028, U+0085 …,
    # which a drawn name may hold and JSON writes as they are.
    lines += rules.render(report, "text", lang="zh").split("\n")
    data = summary.summarize(system, lang="zh", sources=True)
    lines += summary.render(data, "text", lang="zh").split("\n")
    lines += summary.render(data, "json", lang="zh").split("\n")
    # As the system holds them, and as a text or JSON rendering writes them.
    own = sorted(
        {
            form
            for words in _own_words(system)
            for form in (words, printable(words), json.dumps(words, ensure_ascii=False)[1:-1])
        },
        key=len,
        reverse=True,
    )

    def without_own(line: str) -> str:
        for words in own:
            line = line.replace(words, "")
        return line

    return [line for line in lines if "提案" in without_own(line) and AREA_HEADING not in line]


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.name)
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(system=systems(), data=st.data())
def test_no_message_calls_a_suggestion_a_proposal(
    mutation: Mutation, system: ek.EmergencySystem, data: st.DataObject
) -> None:
    assert said_as_proposal(suggestions_only(mutation.apply(system, data))) == []


def _system(*proposals: ek.Proposal, **more: object) -> ek.EmergencySystem:
    return ek.EmergencySystem(id="s", name=ek.Label(zh="系统"), proposals=proposals, **more)  # type: ignore[arg-type]


SUGGESTED = ek.Proposal(id="jy", kind=SUGGESTION, number="12")
PROPOSED = ek.Proposal(id="ta", kind=ek.ProposalKind.CPPCC_PROPOSAL, number="34")


def test_a_field_that_names_proposals_is_said_in_the_system_s_words() -> None:
    agency = ek.Agency(id="yjj", name=ek.Label(zh="应急局"), kind="government_department")
    promise = ek.Commitment(id="c", proposal="yjj", text=ek.Label(zh="承诺"))
    kwargs = {"agencies": (agency,), "commitments": (promise,)}
    (only,) = [
        f
        for f in rules.validate(_system(SUGGESTED, **kwargs), EVERY_PACK).findings
        if f.code == "EK003"
    ]
    assert "应引用建议，" in only.message("zh")
    assert "should name a suggestion," in only.message("en")
    (both,) = [
        f
        for f in rules.validate(_system(SUGGESTED, PROPOSED, **kwargs), EVERY_PACK).findings
        if f.code == "EK003"
    ]
    assert "应引用建议提案，" in both.message("zh")


def test_a_suggestion_named_where_something_else_is_wanted_is_called_a_suggestion() -> None:
    plan = ek.Plan(id="p", kind="special", lead="jy")
    (f,) = [
        f
        for f in rules.validate(_system(SUGGESTED, plans=(plan,)), EVERY_PACK).findings
        if f.code == "EK003"
    ]
    assert f.message("zh").endswith("但「jy」是建议")
    assert f.message("en").endswith("but 'jy' is a suggestion")
    root = attrs.evolve(_system(SUGGESTED), root="jy")
    (f,) = [f for f in rules.validate(root, EVERY_PACK).findings if f.code == "EK005"]
    assert "是建议" in f.message("zh")


@pytest.mark.parametrize(
    ("proposals", "zh", "en"),
    [
        ((SUGGESTED,), "== 建议办理 ==", "== Suggestions and their handling =="),
        ((PROPOSED,), "== 提案办理 ==", "== Proposals and their handling =="),
        (
            (SUGGESTED, PROPOSED),
            "== 建议提案办理 ==",
            "== Proposals and suggestions and their handling ==",
        ),
    ],
)
def test_the_summary_heads_the_section_with_the_kinds_it_holds(
    proposals: tuple[ek.Proposal, ...], zh: str, en: str
) -> None:
    system = _system(*proposals)
    assert zh in summary.render(summary.summarize(system, lang="zh"), "text", lang="zh")
    assert en in summary.render(summary.summarize(system, lang="en"), "text", lang="en")


def test_a_name_holding_a_line_separator_is_still_the_systems_own_words() -> None:
    # JSON writes U+2028 as it is; splitting at it cut a quoted name in two.
    place = ek.Jurisdiction(
        id="j", name=ek.Label(zh="提案\u2028乙"), level=ek.AdminLevel.PROVINCIAL
    )
    system = _system(ek.Proposal(id="p", kind=SUGGESTION), jurisdictions=(place,), root="j")
    assert said_as_proposal(system) == []
