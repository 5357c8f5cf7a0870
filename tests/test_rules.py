"""Every rule of the catalogue: it fires on a broken system and is quiet on a valid one.

The broken systems come from one catalogue of defects,
:data:`emergencykit.strategies.MUTATIONS`, the one the strategies export; each
mutation is applied here to the small hand-written system of
``rules_helpers.base()`` (on which no rule of any pack fires) and, in
``tests/test_properties.py``, to generated systems.  The checks of exact
paths, subjects, messages and parameters follow, by area.
"""

import datetime as dt
import random
import typing
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
import rules_helpers as h

import emergencykit as ek
from emergencykit import rules
from emergencykit.datasets._builder import RandomChooser
from emergencykit.model import Id
from emergencykit.rules._ids import reference_fields
from emergencykit.strategies import MUTATIONS, Mutation

L = ek.Label
H = dt.timedelta
d = dt.date

# Rules of packs installed from elsewhere carry their own code prefix and
# their own tests; the catalogue covers the built-in packs' EK codes.
BUILT_IN = sorted(r.code for r in rules.registry() if r.code.startswith("EK"))


@pytest.fixture(scope="module")
def quiet() -> set[str]:
    return set(h.codes(h.base()))


def test_every_rule_has_a_case() -> None:
    covered = {m.code for m in MUTATIONS}
    assert [code for code in BUILT_IN if code not in covered] == []
    assert covered <= set(BUILT_IN)


def test_mutations_are_named_once() -> None:
    names = [m.name for m in MUTATIONS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: f"{m.code}-{m.name}")
@pytest.mark.parametrize("seed", [0, 1])
def test_rule_fires_on_a_broken_system(mutation: Mutation, seed: int) -> None:
    broken = mutation.apply(h.base(), RandomChooser(random.Random(seed)))
    assert mutation.code in h.codes(broken)


@pytest.mark.parametrize("code", BUILT_IN)
def test_rule_is_quiet_on_the_valid_base(code: str, quiet: set[str]) -> None:
    assert code not in quiet


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: f"{m.code}-{m.name}")
def test_mutation_gives_its_kind_of_finding(mutation: Mutation) -> None:
    # A defect that states a breaking fact is a violation; one that leaves a
    # needed fact out is a question, and a violation once the system
    # declares itself complete.
    broken = mutation.apply(h.base(), RandomChooser(random.Random(0)))
    kinds = {f.kind for f in h.findings(broken, mutation.code)}
    assert mutation.kind in kinds
    complete = attrs.evolve(broken, completeness=ek.Completeness.COMPLETE)
    found = h.findings(complete, mutation.code)
    assert found
    assert all(f.kind is rules.FindingKind.VIOLATION for f in found)


def test_the_questions_of_a_complete_system_take_the_rule_severity() -> None:
    s = attrs.evolve(
        h.edit(h.base(), "plans", "special", lead=None), completeness=ek.Completeness.COMPLETE
    )
    (f,) = h.findings(s, "EK101")
    assert (f.kind, f.severity) == (rules.FindingKind.VIOLATION, rules.Level.ERROR)


# -- EK0: ids and references ------------------------------------------------------


def test_duplicate_reported_at_the_later_path() -> None:
    s = h.add(h.base(), "agencies", h.agency("yjj", ek.AgencyKind.OTHER))
    (f,) = h.findings(s, "EK001")
    assert f.path == f"$.agencies[{len(h.base().agencies)}].id"
    assert f.subjects == ("yjj",)


def test_dangling_reference_in_a_nested_object_has_its_exact_path() -> None:
    s = h.edit(h.base(), "teams", "h2", posts=(ek.Post(title=L(zh="队长"), a="p1", b="ghost"),))
    (f,) = h.findings(s, "EK002")
    assert f.path == "$.teams[7].posts[0].b"
    assert f.subjects == ("h2", "ghost")
    assert "ghost" in f.message("en") and "ghost" in f.message("zh")


def test_wrong_kind_names_the_wanted_kinds() -> None:
    (f,) = h.findings(h.edit(h.base(), "plans", "special", lead="t1"), "EK003")
    assert f.path == "$.plans[1].lead"
    assert "agency or command body" in f.message("en")


def test_dangling_reference_is_not_also_a_wrong_kind() -> None:
    assert "EK003" not in h.codes(h.edit(h.base(), "plans", "special", lead="nobody"))


def test_inverted_levels_are_a_broken_tree() -> None:
    s = h.edit(h.base(), "jurisdictions", "wz", level=ek.AdminLevel.PROVINCIAL)
    assert [f.subjects for f in h.findings(s, "EK004")] == [("wz", "cq")]


def test_parent_cycle_reported_once() -> None:
    s = h.edit(h.base(), "jurisdictions", "cq", parent="wz")
    found = h.findings(s, "EK004")
    cycles = [f for f in found if "cycle" in f.message("en")]
    assert len(cycles) == 1
    assert cycles[0].subjects == ("cq", "wz")


def test_root_that_is_not_a_jurisdiction() -> None:
    (f,) = h.findings(attrs.evolve(h.base(), root="yjj"), "EK005")
    assert "not a jurisdiction" in f.message("en")


def test_root_that_names_nothing() -> None:
    (f,) = h.findings(attrs.evolve(h.base(), root="atlantis"), "EK005")
    assert f.subjects == ("atlantis",)


def _model_classes() -> list[type]:
    seen: list[type] = []
    todo: list[type] = [ek.Link, *(cls for cls, _ in ek.COLLECTIONS.values())]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.append(cls)
        hints = typing.get_type_hints(cls, include_extras=True)
        for f in attrs.fields(cls):
            todo.extend(t for t in _types_in(hints[f.name]) if isinstance(t, type) and attrs.has(t))
    return seen


def _types_in(hint: Any) -> Iterator[Any]:
    yield hint
    if typing.get_origin(hint) is not typing.Annotated:
        for arg in typing.get_args(hint):
            yield from _types_in(arg)


def test_every_id_field_of_the_model_is_a_declared_reference() -> None:
    # An id field that forgot its declaration would escape EK002 and EK003 and the graph.
    # A citation's source names one of the system's sources, not an object: EK006 checks it.
    undeclared = [
        (cls.__name__, f.name)
        for cls in _model_classes()
        for f in attrs.fields(cls)
        if f.name != "id"
        and (cls, f.name) != (ek.Citation, "source")
        and Id in _types_in(typing.get_type_hints(cls, include_extras=True)[f.name])
        and f.name not in ek.references(cls)
    ]
    assert undeclared == []
    assert len(_model_classes()) > 30


def test_reference_fields_are_read_from_the_declarations() -> None:
    fields = {f.name: f for f in reference_fields(ek.Team)}
    assert fields["commander"].kinds == ("agency", "command_body", "person")
    assert fields["posts"].shape == "nested_many"
    assert fields["posts"].target is ek.Post
    assert {f.name: f.kinds for f in reference_fields(ek.Link)} == {"source": None, "target": None}
    # A scheme's tiers are objects of their own, not references.
    assert "tiers" not in {f.name for f in reference_fields(ek.TierScheme)}


def test_text_fields_are_not_taken_for_references() -> None:
    names = {f.name for f in reference_fields(ek.Jurisdiction)}
    assert "code" not in names
    assert {"parent", "hazards"} <= names


# -- EK1: plans and drills ----------------------------------------------------------


def _township(s: ek.EmergencySystem) -> ek.EmergencySystem:
    tw = ek.Jurisdiction(id="tw", name=L(zh="某镇"), level=ek.AdminLevel.TOWNSHIP, parent="wz")
    return h.add(s, "jurisdictions", tw)


def _special_drilled(s: ek.EmergencySystem, day: dt.date) -> ek.EmergencySystem:
    drill = ek.Drill(date=day, scope=ek.DrillScope.SPECIAL)
    return h.edit(s, "plans", "special", drills=(drill,))


def test_plan_without_lead_is_a_question_at_the_field() -> None:
    (f,) = h.findings(h.edit(h.base(), "plans", "special", lead=None), "EK101")
    assert (f.path, f.subjects, f.severity) == ("$.plans[1].lead", ("special",), rules.Level.INFO)
    assert f.kind is rules.FindingKind.QUESTION
    assert "does not say who leads plan" in f.message("en")
    assert "flood plan" in f.message("en") and "防汛专项预案" in f.message("zh")


def test_overall_plan_moved_to_a_township() -> None:
    s = h.edit(_township(h.base()), "plans", "overall", jurisdiction="tw")
    assert [f.subjects for f in h.findings(s, "EK102")] == [("overall", "tw")]


def test_uncovered_hazard_path_and_subjects() -> None:
    s = h.add(
        h.edit(h.base(), "jurisdictions", "wz", hazards=("quake",)),
        "event_types",
        ek.EventType(
            id="quake",
            name=L(zh="地震", en="earthquake"),
            category=ek.EventCategory.NATURAL_DISASTER,
        ),
    )
    (f,) = h.findings(s, "EK104")
    assert f.path == "$.jurisdictions[1].hazards[0]"
    assert "earthquake" in f.message("en")


def test_hazard_covered_by_a_plan_above_is_covered() -> None:
    s = h.edit(h.base(), "jurisdictions", "wz", hazards=("flood",))
    assert h.findings(s, "EK104") == []


def test_plan_without_sections_is_not_judged() -> None:
    s = h.edit(h.base(), "plans", "special", sections=())
    assert h.findings(s, "EK105") == []


def test_township_plans_are_revised_within_three_years() -> None:
    s = h.add(
        _township(h.base()),
        "plans",
        ek.Plan(
            id="tp",
            title=L(zh="镇预案"),
            kind=ek.PlanKind.TOWNSHIP,
            jurisdiction="tw",
            lead="yjj",
            issued=d(2021, 1, 4),
            filed=d(2021, 1, 8),
        ),
    )
    assert [f.subjects for f in h.findings(s, "EK106")] == [("tp",)]
    assert h.findings(s, "EK106", params=(rules.ChongqingParams(revision_years_township=4),)) == []


def test_revision_clock_runs_from_the_last_revision() -> None:
    s = h.edit(h.base(), "plans", "overall", issued=d(2010, 1, 4), filed=d(2010, 1, 8))
    assert [f.subjects for f in h.findings(s, "EK106")] == [("overall",)]
    revised = ek.Revision(status=ek.RevisionStatus.DONE, date=d(2022, 1, 1))
    s = h.edit(s, "plans", "overall", revisions=(revised,))
    assert h.findings(s, "EK106") == []


def test_a_done_but_undated_revision_makes_an_overdue_revision_a_question() -> None:
    # The revision may be the later one: silence on its date is not a violation.
    s = h.edit(h.base(), "plans", "overall", issued=d(2010, 1, 4), filed=d(2010, 1, 8))
    undated = ek.Revision(
        status=ek.RevisionStatus.DONE, changes=(L(zh="修正响应启动标准", en="new thresholds"),)
    )
    s = h.edit(s, "plans", "overall", revisions=(undated,))
    (f,) = h.findings(s, "EK106")
    assert (f.kind, f.severity) == (rules.FindingKind.QUESTION, rules.Level.INFO)
    assert f.path.endswith(".revisions[0].date")
    assert "not when" in f.message("en")
    s = attrs.evolve(s, completeness=ek.Completeness.COMPLETE)
    (f,) = h.findings(s, "EK106")
    assert (f.kind, f.severity) == (rules.FindingKind.VIOLATION, rules.Level.WARNING)
    # A planned revision says nothing about when the plan was last revised.
    planned = ek.Revision(status=ek.RevisionStatus.PLANNED)
    s = h.edit(attrs.evolve(s, completeness=None), "plans", "overall", revisions=(planned,))
    (f,) = h.findings(s, "EK106")
    assert f.kind is rules.FindingKind.VIOLATION


def test_special_plan_drilled_four_years_ago() -> None:
    s = _special_drilled(h.base(), d(2020, 1, 1))
    assert {"EK107", "EK108"} <= set(h.codes(s))


def test_drill_rules_ignore_plans_without_recorded_drills() -> None:
    s = h.edit(h.base(), "plans", "special", drills=())
    assert [f.subjects for f in h.findings(s, "EK114")] == [("special",)]
    assert {"EK107", "EK108", "EK115"}.isdisjoint(h.codes(s))


def test_drill_policy_message_counts_what_was_recorded() -> None:
    policy = ek.DrillPolicy(comprehensive_per_year=1, special_per_year=3)
    (f,) = h.findings(h.edit(h.base(), "plan_systems", "ps", drill_policy=policy), "EK109")
    assert "special drill: 3 required, 2 recorded" in f.message("en")


def _issued_2024(**changes: Any) -> ek.EmergencySystem:
    # Mon 2024-03-04, under the 2024 measures; 20 working days end on 2024-04-01.
    return h.edit(h.base(), "plans", "overall", issued=d(2024, 3, 4), **changes)


def test_filing_late_counts_working_days() -> None:
    (f,) = h.findings(_issued_2024(filed=d(2024, 4, 30)), "EK110")
    assert (f.path, f.kind) == ("$.plans[0].filed", rules.FindingKind.VIOLATION)
    assert "filed 41 working days after issue" in f.message("en")


def test_filing_respects_holidays() -> None:
    s = _issued_2024(filed=d(2024, 4, 2))
    assert len(h.findings(s, "EK110")) == 1
    cal = rules.WorkingCalendar(holidays=(d(2024, 3, 11), d(2024, 3, 12)))
    assert h.findings(s, "EK110", params=(rules.NationalParams(calendar=cal),)) == []


def test_filing_is_judged_only_for_plans_issued_under_the_2024_measures() -> None:
    # The base's overall plan was issued on 2023-01-02, before 2024-01-31.
    assert h.findings(h.edit(h.base(), "plans", "overall", filed=d(2023, 3, 30)), "EK110") == []
    assert h.findings(h.edit(h.base(), "plans", "overall", filed=None), "EK110") == []
    assert len(h.findings(_issued_2024(filed=d(2024, 4, 30)), "EK110")) == 1


def test_a_filing_the_document_does_not_mention_is_asked() -> None:
    s = _issued_2024(filed=None)
    (f,) = h.findings(s, "EK110")
    assert f.kind is rules.FindingKind.QUESTION
    assert "does not say whether plan" in f.message("en") and "filed" in f.message("en")
    assert h.findings(h.edit(s, "plans", "overall", filed_with="gov"), "EK110") == []


def test_plan_cycle_reported_once() -> None:
    (f,) = h.findings(h.edit(h.base(), "plans", "overall", parent="special"), "EK111")
    assert f.subjects == ("overall", "special")


def test_revision_programme_behind_schedule() -> None:
    progress = ek.RevisionProgress(scope=L(zh="专项预案"), revised=1, total=3, due=d(2024, 1, 1))
    s = h.edit(h.base(), "plan_systems", "ps", progress=(progress,))
    assert [f.subjects for f in h.findings(s, "EK112")] == [("ps",)]


def test_planned_document_past_due() -> None:
    s = h.edit(h.base(), "documents", "doc", status=ek.DocumentStatus.PLANNED, due=d(2024, 1, 1))
    assert [f.subjects for f in h.findings(s, "EK113")] == [("doc",)]


def test_document_still_being_revised_past_due() -> None:
    s = h.edit(h.base(), "documents", "doc", status=ek.DocumentStatus.REVISING, due=d(2024, 1, 1))
    (f,) = h.findings(s, "EK113")
    assert (f.kind, f.subjects) == (rules.FindingKind.VIOLATION, ("doc",))
    assert "being revised" in f.message("en") and "修订中" in f.message("zh")
    before = h.edit(s, "documents", "doc", due=d(2099, 1, 1))
    assert h.findings(before, "EK113") == []


def test_unstated_status_is_not_read_as_unissued() -> None:
    s = h.edit(h.base(), "documents", "doc", status=None, due=d(2024, 1, 1))
    rev = ek.Revision(due=d(2024, 1, 1))
    s = h.edit(s, "plans", "special", revisions=(rev,))
    found = h.findings(s, "EK113")
    assert found and all(f.kind is rules.FindingKind.QUESTION for f in found)


def test_drill_policy_judges_only_the_counts_it_states() -> None:
    policy = ek.DrillPolicy(special_per_year=3)
    (f,) = h.findings(h.edit(h.base(), "plan_systems", "ps", drill_policy=policy), "EK109")
    assert "comprehensive" not in f.message("en")
    silent = h.edit(h.base(), "plan_systems", "ps", drill_policy=ek.DrillPolicy())
    assert h.findings(silent, "EK109") == []


def test_planned_revision_past_due() -> None:
    rev = ek.Revision(status=ek.RevisionStatus.PLANNED, due=d(2024, 1, 1))
    s = h.edit(h.base(), "plans", "special", revisions=(rev,))
    (f,) = h.findings(s, "EK113")
    assert f.path == "$.plans[1].revisions[0].due"


def test_production_safety_plan_drilled_more_than_two_years_ago() -> None:
    s = h.edit(_special_drilled(h.base(), d(2022, 3, 1)), "plans", "special", event_types=("chem",))
    assert [f.subjects for f in h.findings(s, "EK115")] == [("special",)]


def test_special_plan_led_by_a_command_body() -> None:
    s = h.edit(h.base(), "plans", "special", lead="hq")
    assert [f.subjects for f in h.findings(s, "EK103")] == [("special", "hq")]


def test_chongqing_drill_rule_only_in_its_pack() -> None:
    s = _special_drilled(h.base(), d(2023, 1, 1))
    national = (rules.NATIONAL, rules.ICS)
    assert "EK108" not in h.codes(s, packs=national)
    assert "EK108" in h.codes(s, packs=national, select=("EK108",))
    assert attrs.has(type(s))


# -- EK2: the 3+8 framework and dispatch ------------------------------------------------


def test_enterprise_owned_reporting_has_one_hour() -> None:
    s = h.add(h.base(), "agencies", h.agency("firm", ek.AgencyKind.ENTERPRISE))
    s = h.edit(s, "institutions", "i1", owner="firm", time_limit=dt.timedelta(minutes=90))
    (f,) = h.findings(s, "EK204")
    assert "1.5 h" in f.message("en") and "legal 1 h" in f.message("en")


def test_reporting_limit_is_a_parameter() -> None:
    s = h.edit(h.base(), "institutions", "i1", time_limit=dt.timedelta(hours=3))
    assert h.findings(s, "EK204") != []
    assert h.findings(s, "EK204", params=(rules.NationalParams(report_hop=H(hours=4)),)) == []


def test_command_body_with_only_a_host_is_fine() -> None:
    s = h.edit(h.base(), "command_bodies", "hq", lead=None)
    assert h.findings(s, "EK207") == []


def test_expert_panel_without_convener_is_info() -> None:
    (f,) = h.findings(h.edit(h.base(), "expert_panels", "ep", convener=None), "EK208")
    assert f.severity is rules.Level.INFO


# -- EK3: rescue forces ------------------------------------------------------------------


def _post(a: str | None, b: str | None) -> tuple[ek.Post, ...]:
    return (ek.Post(title=L(zh="队长", en="leader"), a=a, b=b),)


def test_missing_b_holder_path() -> None:
    (f,) = h.findings(h.edit(h.base(), "teams", "h1", posts=_post("p1", None)), "EK305")
    assert f.path == "$.teams[6].posts[0].b"
    assert "who is the B holder" in f.message("en")
    assert f.kind is rules.FindingKind.QUESTION


def test_mandate_gap_names_the_missing_category() -> None:
    (f,) = h.findings(h.edit(h.base(), "teams", "h3", category="med"), "EK307")
    assert f.subjects == ("wz", "mandate", "infect")
    assert "infect" in f.message("en")


def test_mandated_team_without_rapid_unit_or_posts() -> None:
    s = h.edit(h.base(), "teams", "h1", rapid_unit=None)
    assert [f.subjects for f in h.findings(s, "EK304")] == [("h1", "mandate")]
    s = h.edit(h.base(), "teams", "h1", posts=())
    assert [f.subjects for f in h.findings(s, "EK308")] == [("h1", "mandate")]


def test_counted_group_of_a_mandate_must_state_rapid_units_and_ab_posts() -> None:
    group = ek.ForceGroup(
        id="hg",
        name=L(zh="区县卫生应急队伍"),
        domain=ek.ForceDomain.HEALTH,
        jurisdiction="cq",
        level=ek.AdminLevel.COUNTY,
        category="med",
    )
    s = h.add(h.base(), "force_groups", group)
    assert [f.subjects for f in h.findings(s, "EK304")] == [("hg", "mandate")]
    assert [f.subjects for f in h.findings(s, "EK308")] == [("hg", "mandate")]
    fixed = h.edit(s, "force_groups", "hg", rapid_units=True, ab_posts=True)
    assert {"EK304", "EK308"}.isdisjoint(h.codes(fixed))


def test_registration_unknown_is_not_judged() -> None:
    s = h.edit(h.base(), "teams", "s1", registered=None)
    assert h.findings(s, "EK303") == []


def test_social_team_without_dispatcher() -> None:
    s = h.edit(h.base(), "teams", "s1", dispatcher=None)
    assert [f.subjects for f in h.findings(s, "EK302")] == [("s1",)]


def test_social_group_without_dispatcher() -> None:
    s = h.edit(h.base(), "force_groups", "social", dispatcher=None)
    assert [f.path for f in h.findings(s, "EK302")] == ["$.force_groups[0].dispatcher"]


def test_group_naming_more_teams_than_it_counts() -> None:
    zero = ek.Count(value=0, unit=ek.CountUnit.TEAMS)
    s = h.edit(h.base(), "force_groups", "social", teams=zero)
    assert [f.subjects for f in h.findings(s, "EK309")] == [("social",)]


def test_tier_rule_silent_without_tier_schemes() -> None:
    untiered = h.edit(h.base(), "teams", "t1", tier=None)
    s = attrs.evolve(untiered, tier_schemes=())
    assert h.findings(s, "EK310") == []
    assert rules.Level.INFO is h.findings(untiered, "EK310")[0].severity


# -- EK4: public opinion -------------------------------------------------------------------


def _deadlines(**kw: dt.timedelta | ek.Severity) -> ek.Deadlines:
    return ek.Deadlines(
        **{"authoritative_release": H(hours=5), "press_conference": H(hours=24), **kw}
    )


def test_protocol_led_elsewhere_than_publicity() -> None:
    s = h.edit(h.base(), "protocols", "protocol", lead="yjj", first_report_to=("yjj",))
    assert [f.subjects for f in h.findings(s, "EK402")] == [("protocol", "yjj")]


def test_the_national_deadlines_apply_whether_or_not_a_protocol_repeats_them() -> None:
    # A protocol that sets no deadline is bound by the national ones, not in breach.
    s = h.edit(h.base(), "protocols", "protocol", deadlines=None)
    assert {"EK403", "EK404"}.isdisjoint(h.codes(s))
    narrow = _deadlines(severity=ek.Severity.ESPECIALLY_MAJOR)
    s = h.edit(h.base(), "protocols", "protocol", deadlines=narrow)
    assert {"EK403", "EK404"}.isdisjoint(h.codes(s))


def test_release_deadline_message() -> None:
    late = _deadlines(authoritative_release=H(hours=6))
    (f,) = h.findings(h.edit(h.base(), "protocols", "protocol", deadlines=late), "EK403")
    assert f.path == "$.protocols[0].deadlines.authoritative_release"
    assert "6 h" in f.message("en") and "5 h" in f.message("en")


def test_press_conference_after_two_days() -> None:
    late = _deadlines(press_conference=H(hours=48))
    (f,) = h.findings(h.edit(h.base(), "protocols", "protocol", deadlines=late), "EK404")
    assert f.path == "$.protocols[0].deadlines.press_conference"


def test_one_source_of_instructions_listed_twice_is_one() -> None:
    s = h.edit(h.base(), "protocols", "protocol", instruction_sources=("xcb", "xcb"))
    assert h.findings(s, "EK406") == []


def test_instruction_sources_do_not_breach_unity_of_command() -> None:
    s = h.edit(h.base(), "protocols", "protocol", instruction_sources=("xcb", "yjj"))
    assert "EK502" not in h.codes(s)
    assert rules.Level.ERROR is h.findings(s, "EK406")[0].severity


def test_first_report_that_bypasses_the_lead() -> None:
    s = h.edit(h.base(), "protocols", "protocol", first_report_to=("gov",))
    assert [f.subjects for f in h.findings(s, "EK407")] == [("protocol", "xcb")]


# -- EK5: command structure ----------------------------------------------------------------


def _many(s: ek.EmergencySystem, n: int) -> ek.EmergencySystem:
    return h.add(s, "teams", *(h.team(f"x{i}", "centre") for i in range(n)))


def _spof(s: ek.EmergencySystem) -> ek.EmergencySystem:
    s = h.add(s, "agencies", h.agency("brigade", ek.AgencyKind.GOVERNMENT_DEPARTMENT, "centre"))
    return h.edit(s, "teams", "t1", commander="brigade", dispatcher=None)


def test_cycle_reported_once_with_all_members() -> None:
    (f,) = h.findings(h.edit(h.base(), "agencies", "gov", parent="centre"), "EK501")
    assert f.subjects == ("centre", "gov", "yjj")


def test_two_commanders_named() -> None:
    link = ek.Link(source="wjw", relation=ek.Relation.COMMANDS, target="t1")
    (f,) = h.findings(h.add(h.base(), "relations", link), "EK502")
    assert f.subjects == ("t1", "wjw", "yjj")
    assert f.path == "$.teams[0]"


def test_an_administrative_parent_beside_a_commander_is_dual_leadership() -> None:
    # 双重领导: a government leads beside the operational commander, lawfully.
    link = ek.Link(source="gov", relation=ek.Relation.COMMANDS, target="t1")
    assert h.findings(h.add(h.base(), "relations", link), "EK502") == []


def test_span_levels() -> None:
    warn = h.findings(_many(h.base(), 4), "EK503")
    assert [(f.subjects, f.severity) for f in warn] == [(("centre",), rules.Level.WARNING)]
    error = h.findings(_many(h.base(), 7), "EK503")
    assert [f.severity for f in error] == [rules.Level.ERROR]
    narrow = h.edit(h.base(), "teams", "t2", commander="centre")  # yjj keeps 2
    # The base is too small for the band's lower end (31 units by default) …
    assert h.findings(narrow, "EK503") == []
    # … which, in a structure large enough, asks whether units were left out.
    small = (rules.IcsParams(span_min_units=5),)
    (f,) = h.findings(narrow, "EK503", params=small)
    assert (f.subjects, f.kind) == (("yjj",), rules.FindingKind.QUESTION)
    assert "低于 3–7" in f.message("zh") and "below 3–7" in f.message("en")


def test_span_message_counts_one_subordinate_in_the_singular() -> None:
    lone = h.edit(
        h.edit(h.base(), "teams", "t2", commander="centre"), "teams", "t1", commander="centre"
    )
    (f,) = h.findings(lone, "EK503", params=(rules.IcsParams(span_min_units=1),))
    assert "names only 1 subordinate directly commanded by 'yjj'" in f.message_en


def test_span_band_is_a_parameter() -> None:
    assert h.findings(_many(h.base(), 4), "EK503", params=(rules.IcsParams(span_max=8),)) == []


def test_team_commanded_outside_the_chain() -> None:
    s = h.edit(h.base(), "teams", "t1", commander="wjw", dispatcher=None)
    assert [f.subjects for f in h.findings(s, "EK504")] == [("t1", "centre")]


def test_team_with_no_chain_at_all_is_left_to_ek301() -> None:
    s = h.edit(h.base(), "teams", "t1", commander=None, dispatcher=None)
    codes = h.codes(s)
    assert "EK301" in codes and "EK504" not in codes


def test_single_point_counts_dependent_forces() -> None:
    (f,) = h.findings(_spof(h.base()), "EK505")
    assert f.subjects == ("brigade",)
    assert "cuts 1 force" in f.message("en")


def test_second_path_removes_the_single_point() -> None:
    s = h.edit(_spof(h.base()), "teams", "t1", dispatcher="centre")
    assert h.findings(s, "EK505") == []


def test_self_command() -> None:
    s = h.edit(h.base(), "agencies", "yjj", parent="yjj")
    assert [f.subjects for f in h.findings(s, "EK506")] == [("yjj",)]


def test_command_rules_silent_without_a_command_centre() -> None:
    s = h.edit(h.base(), "teams", "t1", commander="wjw", dispatcher=None)
    s = h.edit(s, "agencies", "centre", kind=ek.AgencyKind.GOVERNMENT_DEPARTMENT, sector=None)
    s = h.edit(s, "agencies", "yjj", sector=None)
    assert {"EK504", "EK505"}.isdisjoint(h.codes(s))


# -- EK6: society and duty ----------------------------------------------------------------


def test_inspection_clock_starts_at_registration_without_inspections() -> None:
    s = h.edit(h.base(), "organisations", "o1", inspections=())
    (f,) = h.findings(s, "EK601")
    assert "registration on 2020-01-01" in f.message("en")


def test_routine_inspections_do_not_count_as_annual() -> None:
    late = (
        ek.Inspection(kind=ek.InspectionKind.ANNUAL, date=d(2023, 1, 1)),
        ek.Inspection(kind=ek.InspectionKind.ROUTINE, date=d(2024, 5, 1)),
    )
    s = h.edit(h.base(), "organisations", "o1", inspections=late)
    assert len(h.findings(s, "EK601")) == 1


def test_unregistered_rescue_group() -> None:
    s = h.edit(h.base(), "organisation_groups", "og", registered=False)
    assert [f.path for f in h.findings(s, "EK602")] == ["$.organisation_groups[0].registered"]
    unled = h.edit(h.base(), "programmes", "pg", lead=None)
    assert rules.Level.INFO is h.findings(unled, "EK606")[0].severity


# -- EK7: proposals ---------------------------------------------------------------------


def _reply(s: ek.EmergencySystem, day: dt.date, signer: str | None = "p4") -> ek.EmergencySystem:
    return h.edit(s, "proposals", "pp", reply=ek.Reply(date=day, signer=signer))


def test_late_reply_is_an_error_past_six_months() -> None:
    (warn,) = h.findings(_reply(h.base(), d(2024, 6, 1)), "EK701")
    assert warn.severity is rules.Level.WARNING
    (error,) = h.findings(_reply(h.base(), d(2024, 8, 2)), "EK701")
    assert error.severity is rules.Level.ERROR
    assert "more than 6 months" in error.message("en")


def test_reply_on_the_last_day_is_in_time() -> None:
    assert h.findings(_reply(h.base(), d(2024, 5, 1)), "EK701") == []


def test_unsigned_reply() -> None:
    s = _reply(h.base(), d(2024, 4, 1), signer=None)
    assert [f.subjects for f in h.findings(s, "EK702")] == [("pp",)]


def test_unanswered_only_after_the_deadline() -> None:
    s = h.edit(h.base(), "proposals", "pp", reply=None)
    assert h.findings(s, "EK706", as_of=d(2024, 5, 1)) == []
    (f,) = h.findings(s, "EK706", as_of=d(2024, 5, 2))
    assert f.path == "$.proposals[0].reply"


def test_joint_handling_without_co_handlers() -> None:
    s = h.edit(h.base(), "proposals", "pp", co_handlers=())
    (f,) = h.findings(s, "EK704")
    assert "has no co-handlers" in f.message("en")


def test_unstated_handling_mode_is_not_judged() -> None:
    s = h.edit(h.base(), "proposals", "pp", co_handlers=(), mode=None)
    assert all(f.kind is rules.FindingKind.QUESTION for f in h.findings(s, "EK704"))


def test_reply_without_a_date_is_not_late() -> None:
    s = h.edit(h.base(), "proposals", "pp", reply=ek.Reply(signer="p4"), assigned=d(2020, 1, 1))
    assert h.findings(s, "EK701") == []


def test_suggestions_are_named_as_suggestions() -> None:
    s = h.edit(h.base(), "proposals", "pp", kind=ek.ProposalKind.NPC_SUGGESTION, lead_handler=None)
    (f,) = h.findings(s, "EK705")
    assert "第0716号建议" in f.message("zh") and "提案" not in f.message("zh")
    assert "suggestion No. 0716" in f.message("en")
    untitled = h.edit(s, "proposals", "pp", number=None, title=None)
    assert "建议 pp" in h.findings(untitled, "EK705")[0].message("zh")


def test_commitment_owned_by_a_non_handler() -> None:
    s = h.edit(h.base(), "commitments", "c1", responsible="gov")
    assert [f.subjects for f in h.findings(s, "EK707")] == [("c1", "gov", "pp")]


def test_lead_listed_as_co_handler_path() -> None:
    s = h.edit(h.base(), "proposals", "pp", co_handlers=("xcb", "yjj"))
    (f,) = h.findings(s, "EK708")
    assert f.path == "$.proposals[0].co_handlers[1]"


def test_special_plan_led_by_another_kind_of_body_names_it_in_the_document_s_words() -> None:
    coordination = ek.Label(zh="议事协调机构", en="coordination body")
    s = h.edit(h.base(), "agencies", "yjj", kind="other", kind_other=coordination)
    s = h.edit(s, "plans", "special", lead="yjj")
    (f,) = h.findings(s, "EK103")
    assert "（议事协调机构）" in f.message("zh")
    assert "(coordination body)" in f.message("en")
    assert "其他" not in f.message("zh")


@pytest.mark.parametrize("domain", [ek.ForceDomain.MILITARY, ek.ForceDomain.GRASSROOTS])
def test_military_and_grassroots_forces_are_not_social_forces(domain: ek.ForceDomain) -> None:
    # Troops, armed police and militia answer to their own chain of command and
    # grassroots teams to their township: EK302/EK303 ask and judge social forces only.
    s = h.edit(h.base(), "teams", "s1", domain=domain, dispatcher=None, registered=False)
    assert h.findings(s, "EK302") == []
    assert h.findings(s, "EK303") == []
    social = h.edit(h.base(), "teams", "s1", dispatcher=None, registered=False)
    assert h.findings(social, "EK302") != []
    assert h.findings(social, "EK303") != []


# A reply's role: the sender answers as lead handler, co-handler or split unit.


def _answer(s: ek.EmergencySystem, sender: str, role: ek.ReplyRole | None, **kw: Any) -> Any:
    reply = ek.Reply(date=kw.pop("date", d(2024, 4, 1)), signer="p4", sender=sender, role=role)
    return h.edit(s, "proposals", "pp", reply=reply, **kw)


def test_a_co_handlers_reply_is_not_timed_as_the_lead_handlers() -> None:
    late = d(2024, 8, 2)
    assert [f.severity for f in h.findings(_answer(h.base(), "yjj", None, date=late), "EK701")] == [
        rules.Level.ERROR
    ]
    lead = _answer(h.base(), "yjj", ek.ReplyRole.LEAD, date=late)
    assert [f.severity for f in h.findings(lead, "EK701")] == [rules.Level.ERROR]
    co = _answer(h.base(), "xcb", ek.ReplyRole.CO_HANDLER, date=late)
    assert h.findings(co, "EK701") == []


def test_a_reply_role_that_contradicts_the_handling_mode() -> None:
    sole = _answer(h.base(), "xcb", ek.ReplyRole.CO_HANDLER, mode=ek.HandlingMode.SOLE)
    found = h.findings(sole, "EK704")
    assert [f.path for f in found] == ["$.proposals[0].reply.role"]
    assert found[0].kind is rules.FindingKind.VIOLATION
    assert "answers as co-handler" in found[0].message("en")
    assert "以协办身份答复" in found[0].message("zh")
    split = _answer(h.base(), "yjj", ek.ReplyRole.LEAD, mode=ek.HandlingMode.SPLIT)
    assert [f.path for f in h.findings(split, "EK704")] == ["$.proposals[0].reply.role"]
    # Quiet where role and mode agree, and where the role is not stated.
    joint = _answer(h.base(), "xcb", ek.ReplyRole.CO_HANDLER)
    assert h.findings(joint, "EK704") == []
    assert (
        h.findings(
            _answer(h.base(), "xcb", None, mode=ek.HandlingMode.SOLE, co_handlers=()), "EK704"
        )
        == []
    )


def test_a_split_units_reply_needs_no_lead_handler() -> None:
    unled = h.edit(h.base(), "proposals", "pp", lead_handler=None, mode=None)
    assert [f.kind for f in h.findings(unled, "EK705")] == [rules.FindingKind.QUESTION]
    split = _answer(unled, "xcb", ek.ReplyRole.SPLIT)
    assert h.findings(split, "EK705") == []
    co = _answer(unled, "xcb", ek.ReplyRole.CO_HANDLER)
    assert [f.kind for f in h.findings(co, "EK705")] == [rules.FindingKind.QUESTION]


def test_the_sender_answering_in_a_role_is_a_handler_of_its_commitments() -> None:
    unlisted = ek.Agency(
        id="zjw", name=L(zh="住房城乡建委"), kind=ek.AgencyKind.GOVERNMENT_DEPARTMENT
    )
    s = h.add(h.base(), "agencies", unlisted)
    s = h.edit(s, "commitments", "c1", responsible="zjw")
    assert [f.subjects for f in h.findings(s, "EK707")] == [("c1", "zjw", "pp")]
    # Silent on the role: the sender is not known to handle it.
    assert len(h.findings(_answer(s, "zjw", None), "EK707")) == 1
    assert h.findings(_answer(s, "zjw", ek.ReplyRole.CO_HANDLER), "EK707") == []


def test_the_lead_handler_answering_as_co_handler() -> None:
    s = _answer(h.base(), "yjj", ek.ReplyRole.CO_HANDLER)
    (f,) = h.findings(s, "EK708")
    assert (f.path, f.subjects) == ("$.proposals[0].reply.role", ("pp", "yjj"))
    assert "answers as a co-handler" in f.message("en")
    assert h.findings(_answer(h.base(), "xcb", ek.ReplyRole.CO_HANDLER), "EK708") == []
    assert h.findings(_answer(h.base(), "yjj", ek.ReplyRole.LEAD), "EK708") == []
