"""The summary says what the system states: counts, protocol, tiers, widths, words."""

import datetime as dt
import re
import unicodedata

import attrs
import pytest

import emergencykit as ek
from emergencykit.summary import Tally, force_totals, render_text, summarize


def _text(system: ek.EmergencySystem, lang: str) -> str:
    return render_text(summarize(system, lang=lang), lang=lang)


def _system(**collections: object) -> ek.EmergencySystem:
    return ek.EmergencySystem(id="s", name=ek.Label(zh="示例", en="example"), **collections)  # type: ignore[arg-type]


def _about(value: int, unit: ek.CountUnit, text: str | None = None) -> ek.Count:
    return ek.Count(value=value, unit=unit, approx=ek.Approx.ABOUT, text=text)


# -- approximate counts ------------------------------------------------------


@pytest.mark.parametrize(
    ("approx", "zh", "en"),
    [
        (ek.Approx.EXACT, "80人", "80 people"),
        (ek.Approx.ABOUT, "约80人", "about 80 people"),
        (ek.Approx.AT_LEAST, "至少80人", "at least 80 people"),
        (ek.Approx.AT_MOST, "不超过80人", "at most 80 people"),
    ],
)
def test_a_count_reads_as_it_is_stated(approx: ek.Approx, zh: str, en: str) -> None:
    panel = ek.ExpertPanel(
        id="ep",
        name=ek.Label(zh="专家库", en="expert pool"),
        kind=ek.PanelKind.EXPERT_POOL,
        members=ek.Count(value=80, unit=ek.CountUnit.PEOPLE, approx=approx),
    )
    system = _system(expert_panels=(panel,))
    assert summarize(system, lang="zh")["command"]["expert_panels"][0]["members"] == zh
    assert summarize(system, lang="en")["command"]["expert_panels"][0]["members"] == en
    assert f"members: {en}\n" in _text(system, "en")
    assert f"专家人数: {zh}\n" in _text(system, "zh")


def test_chinese_keeps_the_source_wording_and_english_counts_one_in_the_singular() -> None:
    group = ek.OrganizationGroup(
        id="g",
        name=ek.Label(zh="志愿者组织"),
        kind=ek.OrganizationKind.CHARITY,
        count=_about(80, ek.CountUnit.ORGANISATIONS, "约80家"),
    )
    one = ek.OrganizationGroup(
        id="h",
        name=ek.Label(zh="基金会"),
        kind=ek.OrganizationKind.FOUNDATION,
        count=ek.Count(value=1, unit=ek.CountUnit.ORGANISATIONS),
    )
    system = _system(organisation_groups=(group, one))
    groups = summarize(system, lang="zh")["society"]["groups"]
    assert [g["count"] for g in groups] == ["约80家", "1家"]
    groups = summarize(system, lang="en")["society"]["groups"]
    assert [g["count"] for g in groups] == ["about 80 organisations", "1 organisation"]


def test_an_approximate_total_is_never_a_lower_bound_or_exact() -> None:
    groups = (
        ek.ForceGroup(
            id="fg",
            name=ek.Label(zh="队伍"),
            domain=ek.ForceDomain.HEALTH,
            teams=ek.Count(value=3, unit=ek.CountUnit.TEAMS),
            people=_about(80, ek.CountUnit.PEOPLE, "约80人"),
        ),
    )
    system = _system(force_groups=groups)
    (row,) = force_totals(system).values()
    assert (row["teams"].text("en"), row["people"].text("en")) == ("3", "about 80")
    assert row["people"].text("zh") == "约80"
    assert not row["people"].exact
    (shown,) = summarize(system, lang="en")["forces"]
    assert shown["people"] == "about 80"
    assert "≥80" not in _text(system, "en") + _text(system, "zh")


def test_tallies_say_about_open_and_both() -> None:
    about = Tally().add(80, about=True)
    assert (str(about), about.text("zh"), about.text("en")) == ("≈80", "约80", "about 80")
    both = about.add_count(None)
    assert (str(both), both.text("zh"), both.text("en")) == ("≈80+", "约80以上", "about 80 or more")
    low = Tally(value=2).add_count(None)
    assert (str(low), low.text("en"), low.exact) == ("≥2", "≥2", False)
    assert Tally(value=4).text("zh") == "4"


def test_parts_without_a_total_count_at_least_their_sum() -> None:
    """咸宁's 综合队: 60 and 13 teams (and 8 stations) of an unstated total."""
    teams, stations = ek.CountUnit.TEAMS, ek.CountUnit("stations")
    group = ek.ForceGroup(
        id="g",
        name=ek.Label(zh="综合队"),
        parts=(
            ek.Part(count=ek.Count(value=8, unit=stations)),
            ek.Part(count=ek.Count(value=60, unit=teams)),
            ek.Part(count=_about(13, teams)),
        ),
    )
    (row,) = force_totals(_system(force_groups=(group,))).values()
    assert (row["teams"].value, row["teams"].open, row["teams"].about) == (73, True, True)
    assert str(row["people"]) == "?"
    stated = attrs.evolve(group, teams=ek.Count(value=80, unit=teams, approx=ek.Approx.ABOUT))
    (row,) = force_totals(_system(force_groups=(stated,))).values()
    assert (row["teams"].value, row["teams"].open) == (80, False)


# -- the opinion protocol ----------------------------------------------------


def _protocol(press: ek.PressReleasePlan) -> ek.EmergencySystem:
    person = ek.Person(id="p", name=ek.Label(zh="张三", en="Zhang San"))
    protocol = ek.OpinionProtocol(
        id="op", name=ek.Label(zh="舆情", en="opinion"), press_release=press
    )
    return _system(persons=(person,), protocols=(protocol,))


def test_a_stated_spokesperson_is_shown_even_without_decisions() -> None:
    text = _text(_protocol(ek.PressReleasePlan(spokesperson="p")), "en")
    assert "  spokesperson: Zhang San\n" in text
    assert "press-release plan decides" not in text
    assert "发布人: 张三\n" in _text(_protocol(ek.PressReleasePlan(spokesperson="p")), "zh")


def test_deciding_on_a_spokesperson_does_not_name_one() -> None:
    press = ek.PressReleasePlan(decisions=(ek.ReleaseDecision.SPOKESPERSON,))
    text = _text(_protocol(press), "en")
    assert "  press-release plan decides: spokesperson\n" in text
    assert "  spokesperson:" not in text
    assert "press release: —" not in text


def test_deadlines_show_their_grade_and_hours_in_each_language() -> None:
    deadlines = ek.Deadlines(
        severity=ek.Severity.LARGE,
        first_report=dt.timedelta(hours=1),
        press_conference=dt.timedelta(hours=24),
    )
    protocol = ek.OpinionProtocol(id="op", name=ek.Label(zh="舆情"), deadlines=deadlines)
    system = _system(protocols=(protocol,))
    assert (
        "deadlines (large (III) or worse): first report within 1 hour; "
        "press conference within 24 hours\n"
    ) in _text(system, "en")
    assert "时限(较大及以上事件): 首报1小时内、新闻发布会24小时内\n" in _text(system, "zh")


# -- tiers, alignment ---------------------------------------------------------


def _tiered() -> ek.EmergencySystem:
    scheme = ek.TierScheme(
        id="ts",
        name=ek.Label(zh="分层", en="tiers"),
        tiers=(
            ek.Tier(id="t-z", rank=2, name=ek.Label(zh="精锐", en="elite")),
            ek.Tier(id="t-a", rank=3, name=ek.Label(zh="攻坚", en="spearhead")),
            ek.Tier(id="t-m", rank=1, name=ek.Label(zh="骨干力量", en="backbone")),
        ),
    )
    count = ek.Count(value=12, unit=ek.CountUnit.TEAMS)
    groups = tuple(
        ek.ForceGroup(
            id=f"g-{tier}",
            name=ek.Label(zh="队伍"),
            domain=ek.ForceDomain.ACCIDENT_DISASTER,
            tier=tier,
            teams=count,
        )
        for tier in ("t-a", "t-z", "t-m")
    )
    return _system(tier_schemes=(scheme,), force_groups=groups)


def test_tiers_come_in_the_order_of_their_rank() -> None:
    data = summarize(_tiered(), lang="en")
    assert [t["name"] for t in data["tiers"][0]["tiers"]] == ["backbone", "elite", "spearhead"]
    assert [row["tier"] for row in data["forces"]] == ["backbone", "elite", "spearhead"]
    assert "tiers (by rank): 1 backbone; 2 elite; 3 spearhead\n" in _text(_tiered(), "en")


def _columns(line: str) -> list[int]:
    """Display column at which each run of non-spaces ends."""
    ends, col = [], 0
    for i, ch in enumerate(line):
        col += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if ch != " " and (i + 1 == len(line) or line[i + 1] == " "):
            ends.append(col)
    return ends


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_force_table_lines_up_in_display_columns(lang: str) -> None:
    lines = _text(_tiered(), lang).splitlines()
    start = lines.index(
        "== 救援力量(按层级与领域) ==" if lang == "zh" else "== Forces by tier and domain =="
    )
    table = lines[start + 2 : start + 6]
    # The right-aligned columns (teams, people) end at the same display column.
    assert len({tuple(_columns(row)[-2:]) for row in table}) == 1, table


# -- what used to be dropped ---------------------------------------------------


def test_notes_facilities_and_grade_are_shown() -> None:
    facility = ek.Facility(
        id="f",
        name=ek.Label(zh="区域应急救援中心", en="regional centre"),
        kind=ek.FacilityKind.REGIONAL_RESCUE_CENTRE,
    )
    proposal = ek.Proposal(
        id="prop",
        kind=ek.ProposalKind.CPPCC_PROPOSAL,
        number="1",
        session=ek.Session(level=ek.AdminLevel.PROVINCIAL, term=1, meeting=1),
        title=ek.Label(zh="提案"),
        grade=ek.OutcomeGrade.A,
    )
    system = ek.EmergencySystem(
        id="s",
        name=ek.Label(zh="示例"),
        notes=("no headcounts given",),
        facilities=(facility,),
        proposals=(proposal,),
    )
    en = _text(system, "en")
    assert "  - no headcounts given\n" in en
    assert "  - regional centre [regional rescue centre]\n" in en
    assert "  outcome: A (solved or adopted)\n" in en
    zh = _text(system, "zh")
    assert "  - 区域应急救援中心 [区域应急救援中心]\n" in zh
    assert "办理结果: A类(已解决或采纳)" in zh


def test_an_empty_section_says_so() -> None:
    text = _text(_system(), "en")
    assert "== Facilities ==\n  —\n" in text


# -- English words -------------------------------------------------------------


def test_english_summary_counts_in_the_right_number() -> None:
    en = _text(_tiered(), "en") + _text(ek.datasets.chongqing_2022(), "en")
    assert not re.search(r"\w\(s\)", en)
    assert "1 commitments" not in en
    text = _text(ek.datasets.chongqing_2022(), "en")
    assert "  - Chongqing Civil Affairs Bureau: 3 commitments\n" in text
    assert "38 of 38 jurisdictions complete" in text


def test_the_embedded_model_reads_plainly() -> None:
    en = _text(ek.datasets.chongqing_2022(), "en")
    zh = _text(ek.datasets.chongqing_2022(), "zh")
    # A revision's date is when it is due; unknown progress is not "?/?".
    assert "revision: in progress, due 2022\n" in en
    assert "修订: 修订中，期限2022\n" in zh
    # Documents being revised say so.
    assert "Measures for the management of emergency plans [measures, being revised]" in en
    assert "2022前" not in zh  # 年内 is within 2022, not before it
    assert "?/?" not in en + zh
    # An open list of named members ends with 等, after the last name.
    assert "重庆医科大学教育发展基金会等)" in zh
    assert "Medical University Education Development Foundation; and others)" in en
    # Co-issuers unnamed but counted.
    assert "issued by: Chongqing Civil Affairs Bureau with 8 agencies" in en
    assert "印发单位: 重庆市民政局联合8个部门" in zh
    # The output of a programme keeps its unit.
    assert "output: 300 items" in en
    assert "成果: 宣传、警示片300部" in zh
    # No English clause separators in Chinese lines (the notes are the document's own words).
    data = summarize(ek.datasets.chongqing_2022(), lang="zh")
    data["system"]["notes"] = []
    assert "; " not in render_text(data, lang="zh")


# -- facts the letter states beyond the fields: figures, principles, changes ------


def test_figures_principles_and_revision_changes_are_shown_only_when_stated() -> None:
    merged = ek.Figure(
        label=ek.Label(zh="整合的部门", en="departments merged"),
        count=ek.Count(value=9, unit=ek.CountUnit.AGENCIES, text="9个部门"),
    )
    duties = ek.Figure(
        label=ek.Label(zh="整合的职责", en="duties merged"),
        count=ek.Count(value=14, unit=ek.CountUnit.ITEMS),
    )
    bureau = ek.Agency(
        id="xc-yjj",
        name=ek.Label(zh="宣城市应急管理局", en="Xuancheng bureau"),
        kind=ek.AgencyKind.GOVERNMENT_DEPARTMENT,
        figures=(merged, duties),
    )
    framework = ek.Framework(
        id="fw",
        name=ek.Label(zh="应急指挥机构", en="command bodies"),
        principles=(ek.Label(zh="优化", en="streamlined"), ek.Label(zh="协同", en="coordinated")),
    )
    scheme = ek.TierScheme(
        id="tiers",
        name=ek.Label(zh="力量体系", en="force system"),
        tiers=(ek.Tier(id="main", rank=1, name=ek.Label(zh="主力", en="main")),),
        principles=(ek.Label(zh="政府主导", en="government-led"),),
    )
    programme = ek.Programme(
        id="duty",
        name=ek.Label(zh="责任体系", en="duties"),
        kind=ek.DutyKind.PRINCIPLES,
        principles=(ek.Principle.ONE_POST_TWO_DUTIES,),
        other_principles=(ek.Label(zh="管行业必须管安全", en="who runs a sector keeps it safe"),),
    )
    revision = ek.Revision(
        status=ek.RevisionStatus.DONE,
        changes=(ek.Label(zh="修正响应启动标准", en="new response thresholds"),),
    )
    plan = ek.Plan(
        id="p",
        title=ek.Label(zh="救助预案", en="relief plan"),
        kind=ek.PlanKind.SPECIAL,
        revisions=(revision,),
    )
    system = _system(
        agencies=(bureau,),
        frameworks=(framework,),
        tier_schemes=(scheme,),
        programmes=(programme,),
        plans=(plan,),
    )
    data = summarize(system, lang="en")
    assert data["figures"] == [
        {
            "id": "xc-yjj",
            "kind": "agency",
            "name": "Xuancheng bureau",
            "figures": [
                {"label": "departments merged", "count": "9 agencies"},
                {"label": "duties merged", "count": "14 items"},
            ],
        }
    ]
    en = _text(system, "en")
    assert (
        "  - Xuancheng bureau [agency]: departments merged: 9 agencies; duties merged: 14 items\n"
        in en
    )
    assert "  principles: streamlined; coordinated\n" in en
    assert "    principles: government-led\n" in en
    assert "principles: one post, two duties; who runs a sector keeps it safe\n" in en
    assert "revision: done, changed: new response thresholds" in en
    zh = _text(system, "zh")
    assert "  - 宣城市应急管理局 [机构]: 整合的部门：9个部门；整合的职责：14项\n" in zh
    assert "  原则: 优化、协同\n" in zh
    assert "修订: 已修订，修订内容：修正响应启动标准" in zh
    # Nothing stated, nothing shown: no figures section, no principles line.
    bare = _text(_system(frameworks=(attrs.evolve(framework, principles=()),)), "en")
    assert "figures" not in bare.lower() and "principles" not in bare
