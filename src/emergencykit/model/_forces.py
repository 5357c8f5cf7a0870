"""Rescue forces: tier schemes (as data), teams, counted groups, posts, mandates, facilities."""

from typing import Annotated

import attrs

from emergencykit.model._classes import shared_methods, validated
from emergencykit.model._common import AdminLevel, Count, Entity, Label, Part, Relation, check_parts
from emergencykit.model._labels import BilingualEnum
from emergencykit.model._other import other_label
from emergencykit.model._refs import Kind, owned, ref, refs
from emergencykit.model._types import ONE_OR_MORE, Id, between

__all__ = [
    "CHONGQING_TIER_SCHEME",
    "Capability",
    "Facility",
    "FacilityKind",
    "ForceDomain",
    "ForceGroup",
    "Mandate",
    "Post",
    "RapidUnit",
    "Team",
    "TeamCategory",
    "Tier",
    "TierScheme",
]


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Tier(Entity):
    """One rank of a tier scheme; ``rank`` 1 is the first listed."""

    name: Label
    rank: Annotated[int, between(1, 100)]
    description: Label | None = None


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class TierScheme(Entity):
    """How a place ranks its rescue forces.  Data, not an enum: the same word
    (骨干) can mean different forces in different places.

    ``principles`` are the principles the source says the scheme follows,
    in its words.

    >>> from emergencykit import Label, Tier, TierScheme
    >>> scheme = TierScheme(
    ...     id="xn-tiers", name=Label(zh="应急救援力量体系"),
    ...     tiers=(Tier(id="xn-main", rank=1, name=Label(zh="主力")),),
    ...     principles=(Label(zh="政府主导"), Label(zh="多方参与"), Label(zh="共建共管")))
    >>> "、".join(p.get("zh") for p in scheme.principles)
    '政府主导、多方参与、共建共管'
    """

    name: Label
    tiers: tuple[Tier, ...] = owned(Kind.TIER, relation=Relation.MEMBER_OF, direction="in")
    principles: tuple[Label, ...] = ()


#: Chongqing's scheme from the seed (§二): 骨干, 精锐, 攻坚, 补充.
CHONGQING_TIER_SCHEME = TierScheme(
    id="cq-tiers",
    name=Label(zh="重庆市应急救援队伍分层", en="Chongqing rescue-force tiers"),
    source="seed §二.一",
    tiers=(
        Tier(id="tier-backbone", rank=1, name=Label(zh="骨干", en="backbone")),
        Tier(id="tier-elite", rank=2, name=Label(zh="精锐", en="elite")),
        Tier(id="tier-spearhead", rank=3, name=Label(zh="攻坚", en="spearhead")),
        Tier(id="tier-supplementary", rank=4, name=Label(zh="补充", en="supplementary")),
    ),
)


class ForceDomain(BilingualEnum):
    """The field a force works in, or the kind of force it is.

    ``military`` covers the forces 突发事件应对法 names together: 中国人民解放军,
    中国人民武装警察部队 and 民兵组织, which take part in rescue under their own
    chain of command (2007 text Arts 14 and 28; the article numbers in the
    2024 revision are not verified here).  ``grassroots`` are the 基层应急救援队伍
    that townships, streets, villages and communities set up (the same law;
    article not verified).
    """

    ACCIDENT_DISASTER = ("accident_disaster", "事故灾害救援", "accident and disaster rescue")
    FIRE_RESCUE = ("fire_rescue", "消防救援", "fire and rescue")
    HEALTH = ("health", "卫生应急", "health emergency")
    PUBLIC_SECURITY = ("public_security", "公安", "public security")
    SOCIAL = ("social", "社会救援力量", "social rescue")
    MILITARY = ("military", "军队、武警和民兵", "military, armed police and militia")
    GRASSROOTS = ("grassroots", "基层应急救援力量", "grassroots rescue")
    OTHER = ("other", "其他", "other")


class Capability(BilingualEnum):
    """Well-known capabilities of teams."""

    AVIATION_MANNED = ("aviation_manned", "有人机", "manned aviation")
    AVIATION_UNMANNED = ("aviation_unmanned", "无人机", "unmanned aviation")
    AIR_GROUND = ("air_ground", "飞机+专业队空地配合", "air-ground coordination")
    EMERGENCY_MEDICAL = ("emergency_medical", "紧急医学救援", "emergency medical rescue")
    POISONING = ("poisoning", "突发中毒处置", "poisoning response")
    INFECTIOUS_DISEASE = ("infectious_disease", "突发急性传染病处置", "acute infectious disease")
    PSYCHOLOGICAL = ("psychological", "心理救援", "psychological rescue")
    WATER_MEDICAL = ("water_medical", "水上紧急医疗救援", "water-borne medical rescue")
    WATER_RESCUE = ("water_rescue", "水上救援", "water rescue")
    HAZMAT = ("hazmat", "危险化学品处置", "hazardous materials")
    MINE_RESCUE = ("mine_rescue", "矿山救援", "mine rescue")
    EXPLOSIVE_DISPOSAL = ("explosive_disposal", "爆炸现场处置", "explosion scene handling")
    TOXICOLOGY = ("toxicology", "毒化检验", "toxicology testing")
    CYBER = ("cyber", "网络安全", "cyber security")
    TECHNICAL_INVESTIGATION = ("technical_investigation", "技侦", "technical investigation")
    INTELLIGENCE = ("intelligence", "情报", "intelligence")
    TRAFFIC_ORDER = ("traffic_order", "交通与治安秩序保障", "traffic and public order")
    COUNTER_TERRORISM = ("counter_terrorism", "反恐突击", "counter-terrorism assault")
    COMMAND = ("command", "指挥", "command")
    SEARCH_RESCUE = ("search_rescue", "搜索救援", "search and rescue")
    FOREST_FIRE = ("forest_fire", "森林火灾扑救", "forest firefighting")
    FLOOD_DROUGHT = ("flood_drought", "防汛抗旱", "flood control and drought relief")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class TeamCategory(Entity):
    """A category of team, defined by the document (the seed's "8 categories")."""

    name: Label
    domain: ForceDomain | None = None
    domain_other: Label | None = other_label("domain")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class RapidUnit:
    """A rapid-response sub-unit (背囊化快速小分队)."""

    name: Label | None = None
    headcount: Count | None = None


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Post:
    """A post with its A (primary) and B (backup) holders (AB角), as person ids."""

    title: Label
    a: Id | None = ref(Kind.PERSON, relation=Relation.MEMBER_OF, direction="in")
    b: Id | None = ref(Kind.PERSON, relation=Relation.BACKS_UP, direction="in", anchor="a")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Team(Entity):
    """A rescue team known by name.

    ``agency`` is the agency it belongs to, or the agencies that formed it
    together (市规划自然资源局 with 省地质四大队): one id or a list.
    ``commander`` is the agency, person or command body that commands it;
    ``dispatcher`` the agency that dispatches it under unified dispatch.

    >>> from emergencykit import Label, Team
    >>> Team(id="t", name=Label(zh="地灾应急队"), domain="accident_disaster",
    ...      agency=["cq-ghzrzy", "geo4"]).agency
    ('cq-ghzrzy', 'geo4')
    """

    name: Label
    domain: ForceDomain | None = None
    domain_other: Label | None = other_label("domain")
    tier: Id | None = ref(Kind.TIER, relation=Relation.MEMBER_OF)
    category: Id | None = ref(Kind.TEAM_CATEGORY, relation=Relation.MEMBER_OF)
    level: AdminLevel | None = None
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    agency: Annotated[tuple[Id, ...], ONE_OR_MORE] = refs(Kind.AGENCY, relation=Relation.MEMBER_OF)
    commander: Id | None = ref(
        Kind.AGENCY, Kind.COMMAND_BODY, Kind.PERSON, relation=Relation.COMMANDS, direction="in"
    )
    dispatcher: Id | None = ref(
        Kind.AGENCY, Kind.COMMAND_BODY, relation=Relation.DISPATCHES, direction="in"
    )
    headcount: Count | None = None
    capabilities: tuple[Capability, ...] = ()
    rapid_unit: RapidUnit | None = None
    posts: tuple[Post, ...] = ()
    registered: bool | None = None
    base: Id | None = ref(Kind.FACILITY, relation=Relation.LOCATED_IN)


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class ForceGroup(Entity):
    """Teams known by number, not name ("988支区县乡镇救援队伍").

    ``teams`` and ``people`` are totals; ``parts`` break them down by level,
    category or place and must add up (checked at construction).  ``members``
    lists the named teams that the total includes.  ``agency`` is the agency
    its teams belong to, or the agencies that formed them: one id or a list.

    >>> from emergencykit import ForceGroup, ForceDomain, Count, CountUnit, Part, Label
    >>> ForceGroup(id="g", name=Label(zh="区县卫生应急队伍"), domain=ForceDomain.HEALTH,
    ...     teams=Count(value=3, unit=CountUnit.TEAMS),
    ...     parts=(Part(category="a", count=Count(value=1, unit=CountUnit.TEAMS)),
    ...            Part(category="b", count=Count(value=1, unit=CountUnit.TEAMS))))
    Traceback (most recent call last):
    ...
    emergencykit.errors.FieldValueError: 'parts' must add up to teams (3 teams) (got 2)
    """

    name: Label
    domain: ForceDomain | None = None
    domain_other: Label | None = other_label("domain")
    tier: Id | None = ref(Kind.TIER, relation=Relation.MEMBER_OF)
    category: Id | None = ref(Kind.TEAM_CATEGORY, relation=Relation.MEMBER_OF)
    level: AdminLevel | None = None
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    agency: Annotated[tuple[Id, ...], ONE_OR_MORE] = refs(Kind.AGENCY, relation=Relation.MEMBER_OF)
    dispatcher: Id | None = ref(
        Kind.AGENCY, Kind.COMMAND_BODY, relation=Relation.DISPATCHES, direction="in"
    )
    teams: Count | None = None
    people: Count | None = None
    parts: tuple[Part, ...] = ()
    members: tuple[Id, ...] = refs(Kind.TEAM, relation=Relation.MEMBER_OF, direction="in")
    capabilities: tuple[Capability, ...] = ()
    rapid_units: bool | None = None
    ab_posts: bool | None = None
    registered: bool | None = None

    def __attrs_post_init__(self) -> None:
        check_parts("teams", self.teams, self.parts)
        check_parts("people", self.people, self.parts)


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Mandate(Entity):
    """A coverage requirement: every jurisdiction at ``level`` under
    ``jurisdiction`` has ``per_category`` team(s) of each of ``categories``.

    Chongqing's: every 区县 has an emergency-medical, a poisoning and an acute
    infectious-disease health team, each with a rapid unit and A/B posts.
    """

    name: Label
    jurisdiction: Id = ref(Kind.JURISDICTION, relation=Relation.COVERS, required=True)
    level: AdminLevel
    domain: ForceDomain
    domain_other: Label | None = other_label("domain")
    categories: tuple[Id, ...] = refs(Kind.TEAM_CATEGORY, relation=Relation.COVERS)
    per_category: Annotated[int, between(1, 1000)] | None = None
    rapid_unit: bool | None = None
    ab_posts: bool | None = None


class FacilityKind(BilingualEnum):
    """What sort of facility it is.

    A 消防站 is a fire station of any class that 城市消防站建设标准 (建标152)
    distinguishes (普通, 特勤, 战勤保障); a 微型消防站 is one too, with its own
    words in the facility's name.
    """

    REGIONAL_RESCUE_CENTRE = (
        "regional_rescue_centre",
        "区域应急救援中心",
        "regional rescue centre",
    )
    COMMAND_PLATFORM = ("command_platform", "指挥调度平台", "command and dispatch platform")
    AVIATION_BASE = ("aviation_base", "航空救援基地", "aviation rescue base")
    WAREHOUSE = ("warehouse", "应急物资储备库", "emergency supplies warehouse")
    TRAINING_BASE = ("training_base", "训练基地", "training base")
    SHELTER = ("shelter", "应急避难场所", "emergency shelter")
    FIRE_STATION = ("fire_station", "消防站", "fire station")
    OTHER = ("other", "其他", "other")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Facility(Entity):
    """A facility such as a regional rescue centre, with the areas it covers."""

    name: Label
    kind: FacilityKind
    kind_other: Label | None = other_label("kind")
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    operator: Id | None = ref(Kind.AGENCY, relation=Relation.LEADS, direction="in")
    covers: tuple[Id, ...] = refs(Kind.JURISDICTION, relation=Relation.COVERS)
