"""The embedded Chongqing 2022 model: one test per fact of the seed.

Each test names the section of the reply (the "seed") its fact comes from:
``§二.一`` is part 二, item 一是.  Facts are looked up through the model
(``system[id]`` and the collections), never by re-reading the data file.
"""

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import emergencykit as ek
from emergencykit.datasets import chongqing_2022
from emergencykit.errors import FieldValueError
from emergencykit.model import CHONGQING_TIER_SCHEME, COLLECTIONS

BUREAU = "cq-yjj"

DISTRICTS = [
    "万州区",
    "涪陵区",
    "渝中区",
    "大渡口区",
    "江北区",
    "沙坪坝区",
    "九龙坡区",
    "南岸区",
    "北碚区",
    "綦江区",
    "大足区",
    "渝北区",
    "巴南区",
    "黔江区",
    "长寿区",
    "江津区",
    "合川区",
    "永川区",
    "南川区",
    "璧山区",
    "铜梁区",
    "潼南区",
    "荣昌区",
    "开州区",
    "梁平区",
    "武隆区",
]
COUNTIES = ["城口县", "丰都县", "垫江县", "忠县", "云阳县", "奉节县", "巫山县", "巫溪县"]
AUTONOMOUS = [
    "石柱土家族自治县",
    "秀山土家族苗族自治县",
    "酉阳土家族苗族自治县",
    "彭水苗族土家族自治县",
]
COUNTY_HEALTH = ("tc-emergency-medical", "tc-poisoning", "tc-infectious-disease")


@pytest.fixture(scope="module")
def cq() -> ek.EmergencySystem:
    return chongqing_2022()


def named(items: tuple[Any, ...], zh: str) -> Any:
    """The one item of ``items`` whose Chinese name (or title) is ``zh``."""
    hits = [x for x in items if getattr(x, "name", getattr(x, "title", None)).zh == zh]
    assert len(hits) == 1, f"{len(hits)} items named {zh!r}"
    return hits[0]


def zh(labels: tuple[ek.Label, ...]) -> list[str]:
    return [label.zh for label in labels]


# -- a test-local reference walk (the validation rules are built elsewhere) --


def _is_reference(field: "attrs.Attribute[Any]") -> bool:
    """Whether the model's own validator for ``field`` demands an object id."""
    if field.name == "id" or field.validator is None:
        return False
    if field is attrs.fields(ek.Citation).source:
        return False  # names one of the system's sources, not an object
    for probe in ("not an id", ("not an id",)):
        try:
            field.validator(None, field, probe)
        except FieldValueError as exc:
            if "id without whitespace" in exc.problem:
                return True
    return False


def _references(obj: Any, path: str) -> Iterator[tuple[str, str, str]]:
    """``(path, field, id)`` for every id-valued field under ``obj``."""
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        values = value if isinstance(value, tuple) else (value,)
        if _is_reference(field):
            for ref in values:
                if ref is not None:
                    yield path, f"{type(obj).__name__}.{field.name}", ref
        for i, item in enumerate(values):
            if attrs.has(type(item)):
                yield from _references(item, f"{path}.{field.name}[{i}]")


# -- the document as a whole ------------------------------------------------


def test_embedded_model_loads(cq: ek.EmergencySystem) -> None:
    """The shipped document loads, is rooted in 重庆市 and dated by the reply."""
    assert isinstance(cq, ek.EmergencySystem)
    assert cq.root == "cq"
    assert cq.described == ek.PartialDate(2022, 5, 11)
    assert cq.sources[0].title.zh == "关于市政协五届五次会议第0716号提案的复函"
    assert cq.sources[0].publisher == "重庆市应急管理局"


def test_embedded_model_is_cached() -> None:
    assert chongqing_2022() is chongqing_2022()


def test_every_id_is_unique(cq: ek.EmergencySystem) -> None:
    counts = Counter(obj.id for _, obj in cq.entities())
    assert [i for i, n in counts.items() if n > 1] == []
    assert len(counts) == len(cq) > 200


def test_reference_walk_finds_reference_fields() -> None:
    """The probe behind the walk tells id fields from free text."""
    fields = {f.name: f for f in attrs.fields(ek.Team)}
    assert _is_reference(fields["agency"])
    assert _is_reference(fields["tier"])
    assert not _is_reference(fields["source"])
    assert not _is_reference(fields["id"])
    assert _is_reference({f.name: f for f in attrs.fields(ek.Plan)}["members"])
    assert not _is_reference({f.name: f for f in attrs.fields(ek.Count)}["text"])


def test_every_reference_resolves(cq: ek.EmergencySystem) -> None:
    refs = list(_references(cq, "$"))
    dangling = [r for r in refs if r[2] not in cq]
    assert dangling == []
    # the walk reaches nested objects: parts, replies, contacts, protocols
    fields = {field for _, field, _ in refs}
    assert {
        "Part.category",
        "Contact.person",
        "PressReleasePlan.decided_by",
        "Link.target",
    } <= fields
    assert len(refs) > 300


def test_references_point_to_the_right_kind(cq: ek.EmergencySystem) -> None:
    tiers = {t.id for t in cq["cq-tiers"].tiers}
    agencies = {a.id for a in cq.agencies}
    for group in (*cq.teams, *cq.force_groups):
        assert group.tier is None or group.tier in tiers
        assert set(group.agency) <= agencies
    for c in cq.commitments:
        assert c.responsible in agencies
        assert c.proposal == "prop-0716"
    for j in cq.jurisdictions:
        assert j.parent is None or isinstance(cq[j.parent], ek.Jurisdiction)


def test_top_level_notes_say_what_the_seed_leaves_unsaid(cq: ek.EmergencySystem) -> None:
    text = " ".join(cq.notes)
    for gap in ("headcount", "commander", "dispatcher", "drill dates", "deadlines", "各区县"):
        assert gap in text


def test_seed_silences_stay_empty(cq: ek.EmergencySystem) -> None:
    """Headcounts, commanders, dispatchers and drills are not in the seed: none is set."""
    assert all(t.headcount is None and t.commander is None for t in cq.teams)
    assert all(t.dispatcher is None for t in cq.teams)
    assert all(g.people is None and g.dispatcher is None for g in cq.force_groups)
    assert all(p.drills == () and p.issued is None for p in cq.plans)
    assert all(i.owner is None and i.time_limit is None for i in cq.institutions)
    assert all(p.members is None for p in cq.expert_panels)
    # The seed names no event type a plan covers: the types it names stand alone.
    assert all(p.event_types == () for p in cq.plans)
    assert all(j.hazards == () for j in cq.jurisdictions)


def test_the_event_types_the_seed_names_sit_in_the_national_classification(
    cq: ek.EmergencySystem,
) -> None:
    from emergencykit.datasets import event_classification

    classification = event_classification()
    placed = {e.name.zh: e.classification for e in cq.event_types}
    assert placed == {
        "城市内涝": "flood",
        "地质灾害": "geological",
        "地震": "earthquake",
        "突发急性传染病": "infectious_disease",
    }
    for e in cq.event_types:
        entry = classification.get(e.classification)  # type: ignore[arg-type]
        assert entry is not None and entry.category is e.category
        assert any(c.source == "seed" and c.quote for c in e.cite)


SEED = (Path(__file__).parent / "data" / "chongqing-2022-reply-0716.txt").read_text(
    encoding="utf-8"
)


def test_every_entity_cites_the_seed(cq: ek.EmergencySystem) -> None:
    assert [s.id for s in cq.sources] == ["seed", "gbt2260"]
    missing = [obj.id for _, obj in cq.entities() if not obj.cite]
    assert missing == []
    for _, obj in cq.entities():
        for c in obj.cite:
            if c.source == "gbt2260":
                # A division code's citation names the row of the published list.
                assert isinstance(obj, ek.Jurisdiction) and c.locator == f"{obj.code} {obj.name.zh}"
                continue
            assert c.source in ("seed", None), obj.id
            # A citation either quotes the seed or says why it infers.
            assert c.quote is not None or c.inferred, obj.id


#: The GB/T 2260 codes of Chongqing and its 38 county-level divisions, as
#: checked against the National Bureau of Statistics' 2023 list of
#: statistical division codes (source "gbt2260" of the embedded model).
DIVISION_CODES = {
    "重庆市": "500000",
    "万州区": "500101", "涪陵区": "500102", "渝中区": "500103", "大渡口区": "500104",
    "江北区": "500105", "沙坪坝区": "500106", "九龙坡区": "500107", "南岸区": "500108",
    "北碚区": "500109", "綦江区": "500110", "大足区": "500111", "渝北区": "500112",
    "巴南区": "500113", "黔江区": "500114", "长寿区": "500115", "江津区": "500116",
    "合川区": "500117", "永川区": "500118", "南川区": "500119", "璧山区": "500120",
    "铜梁区": "500151", "潼南区": "500152", "荣昌区": "500153", "开州区": "500154",
    "梁平区": "500155", "武隆区": "500156",
    "城口县": "500229", "丰都县": "500230", "垫江县": "500231", "忠县": "500233",
    "云阳县": "500235", "奉节县": "500236", "巫山县": "500237", "巫溪县": "500238",
    "石柱土家族自治县": "500240", "秀山土家族苗族自治县": "500241",
    "酉阳土家族苗族自治县": "500242", "彭水苗族土家族自治县": "500243",
}  # fmt: skip


def test_every_jurisdiction_carries_its_verified_division_code(cq: ek.EmergencySystem) -> None:
    assert {j.name.zh: j.code for j in cq.jurisdictions} == DIVISION_CODES
    root = cq[cq.root]  # type: ignore[index]
    districts = [j for j in cq.jurisdictions if j.parent == root.id]
    assert len(districts) == 38
    assert all(j.code.startswith("50") and j.code != root.code for j in districts)  # type: ignore[union-attr]
    assert any(c.source == "gbt2260" for j in cq.jurisdictions for c in j.cite)


def test_every_quote_is_the_seeds_own_words(cq: ek.EmergencySystem) -> None:
    quotes = [(obj.id, c.quote) for _, obj in cq.entities() for c in obj.cite if c.quote]
    assert len(quotes) > 150
    assert [(i, q) for i, q in quotes if q not in SEED] == []


def test_what_the_seed_does_not_state_is_inferred_with_why(cq: ek.EmergencySystem) -> None:
    # The 38 districts are general knowledge; the two repaired names are repairs.
    for j in cq.jurisdictions[1:]:
        assert any(c.inferred and c.why and "general knowledge" in c.why for c in j.cite), j.id
    for agency, typo in (("cq-mzj", "政局"), ("cq-wjw", "市卫委")):
        (repair,) = [c for c in cq[agency].cite if c.inferred]
        assert repair.quote == typo
        assert repair.why is not None and "repair of the seed's text" in repair.why
    # the proposal marks the same repairs in its co-handler list, and the date's
    repairs = [c.why for c in cq["prop-0716"].cite if c.inferred]
    assert any("政局" in w and "市卫委" in w for w in repairs)
    assert any("2022511" in w for w in repairs)


def _counts(obj: Any) -> Iterator[ek.Count]:
    """Every :class:`Count` under ``obj``."""
    if isinstance(obj, ek.Count):
        yield obj
    elif attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            yield from _counts(getattr(obj, field.name))
    elif isinstance(obj, tuple):
        for item in obj:
            yield from _counts(item)


def test_every_count_text_is_the_seeds_own_words(cq: ek.EmergencySystem) -> None:
    texts = [c.text for c in _counts(cq) if c.text is not None]
    assert len(texts) > 10
    assert [t for t in texts if t not in SEED] == []


# -- the proposal and its reply (heading, preamble, closing) ----------------


def test_heading_proposal_0716_of_the_fifth_meeting_of_the_fifth_cppcc(
    cq: ek.EmergencySystem,
) -> None:  # seed, heading
    p = cq["prop-0716"]
    assert p.kind is ek.ProposalKind.CPPCC_PROPOSAL
    assert p.number == "0716"
    assert p.session == ek.Session(level=ek.AdminLevel.PROVINCIAL, term=5, meeting=5)
    assert p.session.label() == "五届五次会议"


def test_preamble_proposer_wang_lin(cq: ek.EmergencySystem) -> None:  # seed, greeting
    (proposer,) = cq["prop-0716"].proposers
    person = cq[proposer]
    assert person.name.zh == "王林"
    assert "委员" in person.position.zh
    assert cq[person.agency].kind is ek.AgencyKind.CONSULTATIVE


def test_preamble_title(cq: ek.EmergencySystem) -> None:  # seed, preamble
    assert cq["prop-0716"].title.zh == "关于建立突发事件社会动员机制,提高应急能力与城市韧性的建议"


def test_preamble_lead_handler_and_five_co_handlers(cq: ek.EmergencySystem) -> None:
    """seed, preamble: 市委宣传部、市民政局、市公安局、市住房城乡建委和市卫健委等协办单位."""
    p = cq["prop-0716"]
    assert cq[p.lead_handler].name.zh == "重庆市应急管理局"
    assert p.mode is ek.HandlingMode.JOINT
    sectors = [cq[a].sector for a in p.co_handlers]
    assert sectors == [
        ek.Sector.PUBLICITY,
        ek.Sector.CIVIL_AFFAIRS,
        ek.Sector.PUBLIC_SECURITY,
        ek.Sector.HOUSING_CONSTRUCTION,
        ek.Sector.HEALTH,
    ]
    assert p.lead_handler not in p.co_handlers


def test_closing_feedback_receipt(cq: ek.EmergencySystem) -> None:  # seed, closing
    p = cq["prop-0716"]
    quotes = [c.quote for c in p.cite]
    assert "对以上答复您有什么意见,请填写回执上寄给我们,以便进一步改进工作" in quotes
    assert "回执" in p.note


def test_closing_reply_date_signer_and_contact(cq: ek.EmergencySystem) -> None:  # seed, closing
    reply = cq["prop-0716"].reply
    assert reply.date == ek.PartialDate(2022, 5, 11)
    assert reply.sender == BUREAU
    signer = cq[reply.signer]
    assert signer.name.zh == "冉进红"
    assert cq[BUREAU].head == reply.signer
    assert cq[reply.contact.person].name.zh == "周秀敏"
    assert (reply.contact.phone, reply.contact.postcode) == ("63089207", "401121")


def test_commitments_cover_every_section_of_the_reply(cq: ek.EmergencySystem) -> None:
    sections = Counter(c.section.split(".")[0] for c in cq.commitments)
    assert set(sections) == {"一", "二", "三", "四", "五"}
    for c in cq.commitments:
        assert c.cite[0].locator == f"§{c.section}"


def test_commitments_name_the_agency_the_seed_names(cq: ek.EmergencySystem) -> None:
    """§二.三 is the police's, §四 the publicity department's, §五.二–三 civil affairs'."""
    by_section: dict[str, set[str]] = {}
    for c in cq.commitments:
        by_section.setdefault(c.section, set()).add(c.responsible)
    assert by_section["二.三"] == {"cq-gaj"}
    assert by_section["四.一"] | by_section["四.二"] | by_section["四.三"] == {"cq-xcb"}
    assert by_section["五.二"] == by_section["五.三"] == {"cq-mzj"}
    assert by_section["一.一"] == by_section["三.一"] == {BUREAU}


def test_s1_1_commitment_to_revise_three_documents_within_2022(cq: ek.EmergencySystem) -> None:
    c = cq["cm-plans-revise"]
    assert c.status is ek.CommitmentStatus.PROMISED
    assert c.due == ek.PartialDate(2022)
    # three titles are named; the seed has no word for their number
    assert c.target == ek.Count(value=3, unit=ek.CountUnit.ITEMS)


# -- §一 response mechanisms ------------------------------------------------


def test_s1_1_overall_plan_being_revised_within_the_year(cq: ek.EmergencySystem) -> None:
    """年内修订印发: the plan exists and is being revised, like the two documents."""
    plan = named(cq.plans, "重庆市应对突发事件总体预案")
    assert plan.kind is ek.PlanKind.OVERALL
    assert plan.jurisdiction == "cq"
    (rev,) = plan.revisions
    assert rev.status is ek.RevisionStatus.IN_PROGRESS
    assert rev.due == ek.PartialDate(2022)
    assert "年内" in rev.note


def test_s1_1_plan_measures_and_revision_guide_being_revised(cq: ek.EmergencySystem) -> None:
    """修订印发: existing documents being revised, not new ones planned from scratch."""
    for title, kind in (
        ("预案管理办法", ek.DocumentKind.MEASURES),
        ("预案修订指南", ek.DocumentKind.GUIDELINE),
    ):
        doc = named(cq.documents, title)
        assert doc.kind is kind
        assert doc.status is ek.DocumentStatus.REVISING
        assert doc.due == ek.PartialDate(2022)


def test_s1_1_plan_system_revision_progress_counts_unknown(cq: ek.EmergencySystem) -> None:
    ps = cq["ps-cq"]
    assert set(ps.plans) == {"plan-cq-overall"}
    assert set(ps.documents) == {"doc-plan-measures", "doc-plan-guide"}
    special, county = ps.progress
    assert (special.kind, special.responsible.zh) == (ek.PlanKind.SPECIAL, "市级部门")
    assert (county.kind, county.responsible.zh) == (ek.PlanKind.OVERALL, "区县政府")
    assert all(p.revised is None and p.total is None for p in ps.progress)
    assert "no counts" in ps.note


def test_s1_1_one_comprehensive_and_one_special_drill_a_year(cq: ek.EmergencySystem) -> None:
    assert cq["ps-cq"].drill_policy == ek.DrillPolicy(comprehensive_per_year=1, special_per_year=1)


def test_s1_2_three_plus_eight_framework(cq: ek.EmergencySystem) -> None:
    fw = cq["fw-3plus8"]
    assert fw.scope.zh == "安全生产与自然灾害防治工作"
    aspects = [cq[a] for a in fw.aspects]
    assert [a.name.zh for a in aspects] == ["监测预警", "值班调度", "处置救援"]
    names = [[cq[i].name.zh for i in a.institutions] for a in aspects]
    assert names == [
        ["排查监测", "研判预警"],
        ["信息接报", "力量调动"],
        ["现场指挥部建设", "现场处置", "调查评估", "救灾工作"],
    ]
    assert "2 + 2 + 4" in fw.note


def test_s1_2_eight_institutions_have_the_eight_functions(cq: ek.EmergencySystem) -> None:
    eight = [cq[i] for a in cq["fw-3plus8"].aspects for i in cq[a].institutions]
    functions = {i.function for i in eight}
    assert len(eight) == 8
    assert functions == set(ek.InstitutionFunction) - {ek.InstitutionFunction.OTHER}


def test_s1_2_public_health_command_system(cq: ek.EmergencySystem) -> None:
    body = cq["cb-cq-public-health"]
    assert body.kind is ek.BodyKind.COMMAND_SYSTEM
    assert body.name.zh == "突发公共卫生事件日常管理和应急指挥体系"
    assert body.meetings == ()
    assert cq["cm-public-health-command"].status is ek.CommitmentStatus.IN_PROGRESS


def test_s1_2_public_health_headquarters_of_its_own_and_joint_meetings(
    cq: ek.EmergencySystem,
) -> None:
    """突发公共卫生事件应急指挥部成员单位联席会议: a headquarters, not the command system."""
    hq = named(cq.command_bodies, "突发公共卫生事件应急指挥部")
    assert hq.kind is ek.BodyKind.HEADQUARTERS
    assert hq.id != "cb-cq-public-health"
    assert hq.members == () and hq.lead is None and hq.host is None  # not named
    (meeting,) = hq.meetings
    assert meeting.cadence is ek.Cadence.REGULAR
    assert meeting.name.zh == "突发公共卫生事件应急指挥部成员单位联席会议"
    links = {(r.source, r.target) for r in cq.relations}
    assert not {(hq.id, "cb-cq-public-health"), ("cb-cq-public-health", hq.id)} & links
    assert cq["cm-public-health-meetings"].status is ek.CommitmentStatus.IN_PROGRESS


def test_s1_2_public_health_expert_advisory_committee_established(cq: ek.EmergencySystem) -> None:
    """成立了: the committee is set up, not in progress."""
    panel = named(cq.expert_panels, "重庆市突发公共卫生事件专家咨询委员会")
    assert panel.kind is ek.PanelKind.ADVISORY_COMMITTEE
    links = [(r.source, r.relation, r.target) for r in cq.relations]
    assert (panel.id, ek.Relation.MEMBER_OF, "cb-cq-public-health") in links
    commitment = cq["cm-public-health-advisory"]
    assert commitment.status is ek.CommitmentStatus.DONE
    assert commitment.cite[0].quote == "成立了《重庆市突发公共卫生事件专家咨询委员会》"


def test_s1_2_public_order_mechanisms(cq: ek.EmergencySystem) -> None:
    (aspect,) = (cq[a] for a in cq["fw-public-order"].aspects)
    assert [cq[i].name.zh for i in aspect.institutions] == [
        "应急指挥机制",
        "联动机制",
        "预案机制",
        "演练机制",
        "宣传机制",
    ]
    assert cq["cm-public-order"].section == "一.二"


def test_s1_3_five_video_dispatch_modes(cq: ek.EmergencySystem) -> None:
    cadences = {m.name.zh: m.cadence for m in cq.dispatch_modes}
    assert cadences == {
        "双周视频调度": ek.Cadence.BIWEEKLY,
        "每日点名调度": ek.Cadence.DAILY,
        "重要节点调度": ek.Cadence.KEY_PERIOD,
        "紧急事件调度": ek.Cadence.ON_EVENT,
        "联调联试(远程拉练)": ek.Cadence.AS_NEEDED,
    }
    assert all(m.channel is ek.Channel.VIDEO for m in cq.dispatch_modes)
    assert "no rhythm" in cq["dm-joint-test"].note


def test_s1_3_what_video_coordination_is_for(cq: ek.EmergencySystem) -> None:
    """充分发挥视频调度在日常联动、值班值守、会商研判、抢险救援等方面的重要作用."""
    uses = "充分发挥视频调度在日常联动、值班值守、会商研判、抢险救援等方面的重要作用"
    assert all(uses in [c.quote for c in m.cite] for m in cq.dispatch_modes)
    commitment = cq["cm-video-uses"]
    assert (commitment.text.zh, commitment.section) == (uses, "一.三")
    assert all("session" in m.name.en for m in cq.dispatch_modes if m.id != "dm-joint-test")


def test_s1_3_unified_dispatch_measures_and_policy(cq: ek.EmergencySystem) -> None:
    (policy,) = cq.dispatch_policies
    # the five video coordination forms are not said to be how teams are dispatched
    assert policy.modes == ()
    doc = cq[policy.document]
    assert doc.title.zh == "全市应急队伍统一调度办法"
    assert doc.status is ek.DocumentStatus.ISSUED
    assert policy.dispatcher is None


# -- §二 forces -------------------------------------------------------------


def _unsourced(obj: Any) -> Any:
    """``obj`` without its provenance (``source`` and ``cite``), tiers included."""
    tiers = tuple(attrs.evolve(t, source=None, cite=()) for t in getattr(obj, "tiers", ()))
    return attrs.evolve(obj, source=None, cite=(), tiers=tiers)


def test_s2_1_tier_scheme_is_the_built_in_one(cq: ek.EmergencySystem) -> None:
    # The embedded scheme cites the seed; the built-in one cannot, having no source list.
    assert _unsourced(cq["cq-tiers"]) == _unsourced(CHONGQING_TIER_SCHEME)
    assert [t.id for t in cq["cq-tiers"].tiers] == [
        "tier-backbone",
        "tier-elite",
        "tier-spearhead",
        "tier-supplementary",
    ]


def test_s2_1_backbone_municipal_corps_and_commander_team(cq: ek.EmergencySystem) -> None:
    corps = named(cq.teams, "市级专业总队")
    commanders = named(cq.teams, "指挥官队伍")
    for team in (corps, commanders):
        assert team.tier == "tier-backbone"
        assert team.agency == (BUREAU,)  # 直属
    assert corps.level is ek.AdminLevel.PROVINCIAL
    assert ek.Capability.COMMAND in commanders.capabilities


def test_s2_1_backbone_988_township_teams(cq: ek.EmergencySystem) -> None:
    group = cq["fg-backbone-local"]
    assert group.tier == "tier-backbone"
    # the seed writes 988区县乡镇救援队伍: no 支, so no wording of its own
    assert group.teams == ek.Count(value=988, unit=ek.CountUnit.TEAMS)
    assert any(c.inferred and "repair" in c.why for c in group.cite)
    # 区县乡镇: one part spans both levels; the seed gives no split between them
    (part,) = group.parts
    assert part.level == (ek.AdminLevel.COUNTY, ek.AdminLevel.TOWNSHIP)
    assert part.count == (group.teams,)
    assert group.level is None
    assert "区县乡镇" in group.name.zh


def test_s2_1_elite_aviation_air_ground(cq: ek.EmergencySystem) -> None:
    group = cq["fg-aviation"]
    assert group.tier == "tier-elite"
    assert set(group.capabilities) == {
        ek.Capability.AVIATION_MANNED,
        ek.Capability.AVIATION_UNMANNED,
        ek.Capability.AIR_GROUND,
    }
    assert "飞机+专业队" in group.note and "有人机+无人机" in group.note


def test_s2_1_spearhead_14_teams_in_8_unnamed_categories(cq: ek.EmergencySystem) -> None:
    group = cq["fg-spearhead-municipal"]
    assert group.tier == "tier-spearhead"
    assert group.teams.value == 14
    assert group.parts == ()
    assert "8个类别" in group.note
    (figure,) = group.figures
    assert figure.count == ek.Count(value=8, unit=ek.CountUnit.CATEGORIES, text="8个类别")
    # no category name is invented: the only categories are the health ones
    assert {c.domain for c in cq.team_categories} == {ek.ForceDomain.HEALTH}


def test_s2_1_supplementary_27_registered_social_forces(cq: ek.EmergencySystem) -> None:
    group = cq["fg-social-registered"]
    assert group.tier == "tier-supplementary"
    assert group.domain is ek.ForceDomain.SOCIAL
    assert group.registered is True
    assert group.teams.value == 27
    assert group.dispatcher is None
    assert "dispatch" in group.note


def test_s2_1_every_accident_force_has_a_tier(cq: ek.EmergencySystem) -> None:
    tiered = [
        g for g in (*cq.teams, *cq.force_groups) if g.domain is ek.ForceDomain.ACCIDENT_DISASTER
    ]
    assert {g.tier for g in tiered} == {"tier-backbone", "tier-elite", "tier-spearhead"}


def test_s2_2_two_national_health_teams(cq: ek.EmergencySystem) -> None:
    group = cq["fg-health-national"]
    assert group.level is ek.AdminLevel.NATIONAL
    assert group.teams.value == 2
    assert {p.category: p.of(ek.CountUnit.TEAMS).value for p in group.parts} == {
        "tc-emergency-medical": 1,
        "tc-poisoning": 1,
    }


def test_s2_2_six_municipal_health_teams_one_unnamed(cq: ek.EmergencySystem) -> None:
    group = cq["fg-health-municipal"]
    assert group.teams.value == 6
    named_parts = [cq[p.category].name.zh for p in group.parts if p.category]
    assert named_parts == [
        "紧急医学救援",
        "突发中毒事件处置",
        "突发急性传染病处置",
        "心理救援",
        "水上紧急医疗救援",
    ]
    (unnamed,) = [p for p in group.parts if p.category is None]
    assert unnamed.label.zh == "未列明"
    assert sum(p.of(ek.CountUnit.TEAMS).value for p in group.parts) == 6


def test_s2_2_the_38_county_level_divisions(cq: ek.EmergencySystem) -> None:
    counties = [j for j in cq.jurisdictions if j.level is ek.AdminLevel.COUNTY]
    assert [j.name.zh for j in counties] == DISTRICTS + COUNTIES + AUTONOMOUS
    assert (len(DISTRICTS), len(COUNTIES), len(AUTONOMOUS)) == (26, 8, 4)
    assert {j.parent for j in counties} == {"cq"}
    assert cq["cq"].level is ek.AdminLevel.PROVINCIAL
    assert "各区县" in cq["cq"].note


def test_s2_2_each_of_the_38_divisions_has_the_three_health_categories(
    cq: ek.EmergencySystem,
) -> None:
    groups = {g.jurisdiction: g for g in cq.force_groups if g.level is ek.AdminLevel.COUNTY}
    counties = [j.id for j in cq.jurisdictions if j.level is ek.AdminLevel.COUNTY]
    assert sorted(groups) == sorted(counties)
    for county in counties:
        group = groups[county]
        assert group.domain is ek.ForceDomain.HEALTH
        assert group.teams.value == 3
        assert tuple(p.category for p in group.parts) == COUNTY_HEALTH
        assert all(p.count == (ek.Count(value=1, unit=ek.CountUnit.TEAMS),) for p in group.parts)
        assert group.rapid_units is True
        assert group.ab_posts is True


def test_s2_2_county_health_mandate(cq: ek.EmergencySystem) -> None:
    (mandate,) = cq.mandates
    assert mandate.jurisdiction == "cq"
    assert mandate.level is ek.AdminLevel.COUNTY
    assert mandate.domain is ek.ForceDomain.HEALTH
    assert mandate.categories == COUNTY_HEALTH
    assert mandate.per_category == 1
    assert mandate.rapid_unit and mandate.ab_posts
    assert "各区县" in mandate.note


def test_s2_3_police_leading_group_with_office_in_command_centre(
    cq: ek.EmergencySystem,
) -> None:
    body = cq["cb-gaj-leading-group"]
    assert body.kind is ek.BodyKind.LEADERSHIP_GROUP
    assert body.host == "cq-gaj"
    office = cq[body.office]
    assert office.kind is ek.AgencyKind.COMMAND_CENTRE
    assert office.parent == "cq-gaj"
    assert office.name.zh == "重庆市公安局指挥中心"


def test_s2_3_traffic_order_and_counter_terrorism_teams(cq: ek.EmergencySystem) -> None:
    for name, capability in (
        ("市交通与治安秩序保障队", ek.Capability.TRAFFIC_ORDER),
        ("市反恐突击队", ek.Capability.COUNTER_TERRORISM),
    ):
        team = named(cq.teams, name)
        assert team.domain is ek.ForceDomain.PUBLIC_SECURITY
        assert team.agency == ("cq-gaj",)
        assert capability in team.capabilities


def test_s2_3_police_specialties_drawn_in(cq: ek.EmergencySystem) -> None:
    group = cq["fg-police-specialists"]
    assert group.agency == ("cq-gaj",)
    assert set(group.capabilities) == {
        ek.Capability.TECHNICAL_INVESTIGATION,
        ek.Capability.CYBER,
        ek.Capability.INTELLIGENCE,
    }


def test_s2_3_talents_in_the_municipal_expert_pool(cq: ek.EmergencySystem) -> None:
    pool = named(cq.expert_panels, "市应急管理专家库")
    assert pool.kind is ek.PanelKind.EXPERT_POOL
    assert "cq-gaj" in pool.contributors
    assert zh(pool.specialties) == ["爆炸现场处置", "毒化检验", "网络安全"]


# -- §三 responsibility and training ---------------------------------------


def test_s3_1_four_responsibility_principles(cq: ek.EmergencySystem) -> None:
    assert set(cq["prog-principles"].principles) == set(ek.Principle)


def test_s3_1_ten_measures_assessment(cq: ek.EmergencySystem) -> None:
    prog = cq["prog-ten-measures"]
    assert prog.kind is ek.DutyKind.ASSESSMENT
    assert prog.output == ek.Count(value=10, unit=ek.CountUnit.ITEMS, text="十条措施")


def test_s3_1_three_inspection_methods(cq: ek.EmergencySystem) -> None:
    assert set(cq["prog-inspection"].methods) == set(ek.InspectionMethod)


def test_s3_2_front_line_responsibility_checks_and_two_lists_two_cards(
    cq: ek.EmergencySystem,
) -> None:
    prog = cq["prog-frontline"]
    assert prog.kind is ek.DutyKind.ENTERPRISE_RESPONSIBILITY
    assert prog.cadences == (ek.Cadence.DAILY, ek.Cadence.WEEKLY, ek.Cadence.MONTHLY)
    assert zh(prog.items) == ["岗位风险清单", "岗位责任清单", "操作规程卡", "应急处置卡"]
    # the seed says only 两单两卡: the expansion is cited as inferred
    (expansion,) = [c for c in prog.cite if c.inferred]
    assert expansion.quote == "两单两卡"


def test_s3_2_enterprise_heads_perform_their_duties(cq: ek.EmergencySystem) -> None:
    c = cq["cm-enterprise-heads"]
    assert (c.text.zh, c.section, c.responsible) == ("推动企业主要负责人依法履职", "三.二", BUREAU)


def test_s3_3_expert_services(cq: ek.EmergencySystem) -> None:
    names = {p.name.zh for p in cq.programmes if p.kind is ek.DutyKind.EXPERT_SERVICE}
    assert any("十百千" in n for n in names)
    assert any("复工复产" in n for n in names)
    assert zh(cq["prog-duty-presence"].items) == ["五在", "两联一蹲"]


def test_s3_4_five_into_outreach(cq: ek.EmergencySystem) -> None:
    prog = cq["prog-five-into"]
    assert prog.kind is ek.DutyKind.OUTREACH
    assert set(prog.targets) == set(ek.OutreachTarget)


def test_s3_4_12345_public_health_skills(cq: ek.EmergencySystem) -> None:
    prog = cq["prog-12345"]
    assert prog.kind is ek.DutyKind.TRAINING
    assert "卫生应急技能" in prog.name.zh


def test_s3_4_300_films_and_their_topics(cq: ek.EmergencySystem) -> None:
    prog = cq["prog-safety-publicity"]
    assert prog.output.value == 300
    assert prog.output.unit is ek.CountUnit.ITEMS
    assert zh(prog.topics) == ["施工安全", "房屋安全", "城市内涝", "地灾地震"]


# -- §四 public opinion -----------------------------------------------------


def test_s4_1_publicity_department_leads_and_gets_first_reports(cq: ek.EmergencySystem) -> None:
    op = cq["op-cq"]
    lead = cq[op.lead]
    assert (lead.kind, lead.sector) == (ek.AgencyKind.PARTY_DEPARTMENT, ek.Sector.PUBLICITY)
    assert op.first_report_to == (op.lead,)
    assert [cq[a].name.zh for a in op.also_report_to] == ["中共重庆市委", "重庆市人民政府"]


def test_s4_1_three_kinds_of_matter_are_reported(cq: ek.EmergencySystem) -> None:
    assert zh(cq["op-cq"].triggers) == [
        "已发生的重大突发事件",
        "可能造成社会危害影响的重要情况",
        "可能形成舆情风险的重点工作",
    ]


def test_s4_1_analysis_meetings_as_needed(cq: ek.EmergencySystem) -> None:
    assert cq["op-cq"].analysis_meetings is ek.Cadence.AS_NEEDED


def test_s4_1_no_deadlines_in_the_seed(cq: ek.EmergencySystem) -> None:
    op = cq["op-cq"]
    assert op.deadlines is None
    assert "no deadlines" in op.note


def test_s4_2_press_release_decisions(cq: ek.EmergencySystem) -> None:
    plan = cq["op-cq"].press_release
    assert plan.decided_by == "cq-xcb"
    assert set(plan.decisions) == set(ek.ReleaseDecision)


def test_s4_2_media_access_management(cq: ek.EmergencySystem) -> None:
    media = cq["op-cq"].media_access
    assert set(media.measures) == set(ek.MediaMeasure)
    assert (media.max_outlets, media.max_reporters) == (None, None)


def test_s4_3_one_source_of_instructions_and_accountability(cq: ek.EmergencySystem) -> None:
    op = cq["op-cq"]
    assert op.instruction_sources == ("cq-xcb",)
    assert op.accountability is True


# -- §五 society ------------------------------------------------------------


def test_s5_1_twenty_new_city_wide_organisations_in_2022(cq: ek.EmergencySystem) -> None:
    group = cq["og-new-2022"]
    assert group.count == ek.Count(value=20, unit=ek.CountUnit.ORGANISATIONS, text="20家")
    assert group.year == 2022
    assert [cq[m].name.zh for m in group.members] == [
        "重庆市艺术教育促进会",
        "重庆市工商大学教育发展基金会",  # the seed's wording, kept
        "重庆医科大学教育发展基金会",
    ]
    assert "重庆工商大学" in cq["org-ctbu-foundation"].note
    # 全市性社会组织: the kind the seed names; 等: three of the twenty are named
    assert group.kind_other == ek.Label(zh="全市性社会组织", en="city-wide social organisation")
    assert ek.model.is_open(group, "members")


def test_s5_1_133_charities(cq: ek.EmergencySystem) -> None:
    group = cq["og-charities"]
    assert group.kind is ek.OrganizationKind.CHARITY
    assert group.count.value == 133


def test_s5_2_29_registered_emergency_rescue_organisations(cq: ek.EmergencySystem) -> None:
    group = cq["og-rescue-organisations"]
    assert group.kind is ek.OrganizationKind.EMERGENCY_RESCUE
    assert group.count.value == 29
    assert group.registered is True
    assert cq[group.registrar].name.zh == "重庆市民政局"
    assert set(group.inspection_regime) == {
        ek.InspectionKind.ANNUAL,
        ek.InspectionKind.DOUBLE_RANDOM,
        ek.InspectionKind.ROUTINE,  # 日常检查指导
    }


def test_s5_2_civil_affairs_guide_organisations_into_disaster_rescue(
    cq: ek.EmergencySystem,
) -> None:
    c = cq["cm-guide-organisations"]
    assert c.text.zh == "引导社会组织积极参与各种灾害救援处置"
    assert (c.section, c.responsible, c.status) == ("五.二", "cq-mzj", ek.CommitmentStatus.PROMISED)


def test_s5_3_think_tank_implementing_opinions_with_8_departments(
    cq: ek.EmergencySystem,
) -> None:
    doc = named(cq.documents, "关于加强社会智库健康发展的实施意见")
    assert doc.kind is ek.DocumentKind.IMPLEMENTING_OPINION
    assert doc.issuers == ("cq-mzj",)
    assert doc.co_issuers == ek.Count(value=8, unit=ek.CountUnit.AGENCIES, text="8个部门")
    (basis,) = (cq[d] for d in doc.based_on)
    assert basis.title.zh == "关于加强重庆市新型智库建设的意见"
    assert [cq[a].name.zh for a in basis.issuers] == [
        "中共重庆市委办公厅",
        "重庆市人民政府办公厅",
    ]


# -- agencies ---------------------------------------------------------------


def test_agencies_sit_in_chongqing_with_plain_parents(cq: ek.EmergencySystem) -> None:
    """seed passim: the departments under 市政府, party departments under 市委."""
    assert {a.jurisdiction for a in cq.agencies} == {"cq"}
    parents = {a.id: a.parent for a in cq.agencies}
    for dept in ("cq-yjj", "cq-mzj", "cq-gaj", "cq-zjw", "cq-wjw", "cq-zfbgt"):
        assert parents[dept] == "cq-zf"
    for dept in ("cq-xcb", "cq-swbgt"):
        assert parents[dept] == "cq-sw"
    assert parents["cq-gaj-zhzx"] == "cq-gaj"
    assert parents["cq-zf"] is parents["cq-sw"] is parents["cq-zx"] is None


@pytest.mark.parametrize(
    ("agency", "kind", "sector"),
    [
        ("cq-yjj", ek.AgencyKind.GOVERNMENT_DEPARTMENT, ek.Sector.EMERGENCY_MANAGEMENT),
        ("cq-xcb", ek.AgencyKind.PARTY_DEPARTMENT, ek.Sector.PUBLICITY),
        ("cq-mzj", ek.AgencyKind.GOVERNMENT_DEPARTMENT, ek.Sector.CIVIL_AFFAIRS),
        ("cq-gaj", ek.AgencyKind.GOVERNMENT_DEPARTMENT, ek.Sector.PUBLIC_SECURITY),
        ("cq-zjw", ek.AgencyKind.GOVERNMENT_DEPARTMENT, ek.Sector.HOUSING_CONSTRUCTION),
        ("cq-wjw", ek.AgencyKind.GOVERNMENT_DEPARTMENT, ek.Sector.HEALTH),
        ("cq-zf", ek.AgencyKind.GOVERNMENT, ek.Sector.GENERAL),
        ("cq-sw", ek.AgencyKind.PARTY_COMMITTEE, ek.Sector.GENERAL),
        ("cq-zx", ek.AgencyKind.CONSULTATIVE, ek.Sector.GENERAL),
        ("cq-gaj-zhzx", ek.AgencyKind.COMMAND_CENTRE, ek.Sector.PUBLIC_SECURITY),
    ],
)
def test_agency_kind_and_sector(
    cq: ek.EmergencySystem, agency: str, kind: ek.AgencyKind, sector: ek.Sector
) -> None:
    assert isinstance(cq[agency], ek.Agency)
    assert (cq[agency].kind, cq[agency].sector) == (kind, sector)


def test_collections_hold_what_the_seed_describes(cq: ek.EmergencySystem) -> None:
    sizes = {name: len(getattr(cq, name)) for name in COLLECTIONS}
    assert sizes["jurisdictions"] == 39
    assert sizes["force_groups"] == 38 + 7
    assert sizes["dispatch_modes"] == 5
    assert sizes["command_bodies"] == 3
    assert sizes["institutions"] == 8 + 5
    assert sizes["aspects"] == 3 + 1
