"""The vocabularies grow to what real documents use, and only grow."""

import json

import pytest

import emergencykit as ek
from emergencykit import io, summary

#: The values each enumeration had before it grew: files written with them
#: must keep loading, so none may go or change.
EARLIER = {
    ek.ForceDomain: [
        "accident_disaster",
        "fire_rescue",
        "health",
        "public_security",
        "social",
        "other",
    ],
    ek.Sector: [
        "general",
        "emergency_management",
        "publicity",
        "civil_affairs",
        "public_security",
        "housing_construction",
        "health",
        "fire_rescue",
        "natural_resources",
        "water",
        "transport",
        "economy",
        "education",
        "meteorology",
        "other",
    ],
    ek.BodyKind: ["headquarters", "leadership_group", "committee", "command_system"],
    ek.FacilityKind: [
        "regional_rescue_centre",
        "command_platform",
        "aviation_base",
        "warehouse",
        "training_base",
        "shelter",
        "other",
    ],
    ek.CountUnit: [
        "teams",
        "people",
        "organisations",
        "agencies",
        "categories",
        "items",
        "aircraft",
    ],
}

#: What real replies and suggestions wrote and could not load before.
ADDED = {
    ek.ForceDomain: {"military": "军队、武警和民兵", "grassroots": "基层应急救援力量"},
    ek.Sector: {
        "finance": "财政",
        "urban_management": "城市管理",
        "data": "大数据",
        "energy": "能源",
    },
    ek.BodyKind: {"coordination_mechanism": "议事协调机构"},
    ek.FacilityKind: {"fire_station": "消防站"},
    ek.CountUnit: {"stations": "个站", "places": "处/个场所", "systems": "套/个系统"},
}


@pytest.mark.parametrize("enum", list(EARLIER), ids=lambda e: e.__name__)
def test_earlier_values_stay(enum: type[ek.BilingualEnum]) -> None:
    values = [m.value for m in enum]
    assert [v for v in values if v in EARLIER[enum]] == EARLIER[enum]


@pytest.mark.parametrize("enum", list(ADDED), ids=lambda e: e.__name__)
def test_new_members_are_bilingual(enum: type[ek.BilingualEnum]) -> None:
    for value, zh in ADDED[enum].items():
        member = enum(value)
        assert member.zh == zh
        assert member.en and member.en != member.zh


def test_a_document_with_the_new_words_loads() -> None:
    doc = {
        "schema": "emergencykit/1",
        "id": "s",
        "name": {"zh": "某市"},
        "agencies": [
            {
                "id": "cz",
                "name": {"zh": "市财政局"},
                "kind": "government_department",
                "sector": "finance",
            },
            {
                "id": "cg",
                "name": {"zh": "市城市管理局"},
                "kind": "government_department",
                "sector": "urban_management",
            },
            {
                "id": "dsj",
                "name": {"zh": "市大数据发展局"},
                "kind": "government_department",
                "sector": "data",
            },
            {"id": "dl", "name": {"zh": "市供电公司"}, "kind": "enterprise", "sector": "energy"},
        ],
        "command_bodies": [
            {"id": "fx", "name": {"zh": "防汛抗旱联席会议"}, "kind": "coordination_mechanism"}
        ],
        "teams": [
            {"id": "mb", "name": {"zh": "基干民兵应急连"}, "domain": "military"},
            {"id": "jc", "name": {"zh": "镇应急救援队"}, "domain": "grassroots"},
        ],
        "facilities": [{"id": "xf", "name": {"zh": "某消防站"}, "kind": "fire_station"}],
        "force_groups": [
            {
                "id": "stations",
                "name": {"zh": "乡镇应急救援站"},
                "domain": "grassroots",
                "teams": {"value": 15, "unit": "stations"},
            }
        ],
        "documents": [
            {
                "id": "plat",
                "kind": "notice",
                "co_issuers": {"value": 33, "unit": "systems", "text": "33套系统"},
            }
        ],
    }
    system = io.loads(json.dumps(doc, ensure_ascii=False), "json")
    assert system["cz"].sector is ek.Sector.FINANCE
    assert system["fx"].kind is ek.BodyKind.COORDINATION_MECHANISM
    assert system["mb"].domain is ek.ForceDomain.MILITARY
    assert system["xf"].kind is ek.FacilityKind.FIRE_STATION
    assert system["stations"].teams.unit is ek.CountUnit.STATIONS
    assert io.loads(io.dumps(system, "yaml"), "yaml") == system


@pytest.mark.parametrize(
    ("unit", "value", "zh", "en"),
    [
        (ek.CountUnit.STATIONS, 15, "15个站", "15 stations"),
        (ek.CountUnit.PLACES, 1, "1处", "1 place"),
        (ek.CountUnit.SYSTEMS, 33, "33套", "33 systems"),
        (ek.CountUnit.AGENCIES, 9, "9个部门", "9 agencies"),
    ],
)
def test_the_summary_counts_in_the_new_units(
    unit: ek.CountUnit, value: int, zh: str, en: str
) -> None:
    group = ek.OrganizationGroup(
        id="g", name=ek.Label(zh="组"), kind="other", count=ek.Count(value=value, unit=unit)
    )
    system = ek.EmergencySystem(id="s", name=ek.Label(zh="系统"), organisation_groups=(group,))
    assert summary.summarize(system, lang="zh")["society"]["groups"][0]["count"] == zh
    assert summary.summarize(system, lang="en")["society"]["groups"][0]["count"] == en
