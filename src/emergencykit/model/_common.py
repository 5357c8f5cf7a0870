"""Common building blocks: labels, counts, jurisdictions, agencies, persons, documents.

Objects refer to each other by string id.  Every entity has an ``id`` plus an
optional ``note`` (what the source leaves unsaid), ``source`` (a short
free-text reference, such as ``"seed §二.1"``) and ``cite``: the
:class:`Citation` of each passage that states it, or the reason it is
inferred.
"""

from typing import Annotated, ClassVar

import attrs

from emergencykit.errors import FieldValueError
from emergencykit.model._classes import shared_methods, validated
from emergencykit.model._dates import PartialDate
from emergencykit.model._labels import BilingualEnum
from emergencykit.model._other import other_label
from emergencykit.model._refs import Kind, ref, refs
from emergencykit.model._types import ONE_OR_MORE, DivisionCode, Id, IdList, Quantity, Text

__all__ = [
    "AdminLevel",
    "Agency",
    "AgencyKind",
    "Approx",
    "Cadence",
    "Citation",
    "Count",
    "CountUnit",
    "Document",
    "DocumentKind",
    "DocumentStatus",
    "Entity",
    "Figure",
    "Jurisdiction",
    "Label",
    "Link",
    "Part",
    "Person",
    "Relation",
    "Sector",
]


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Label:
    """A bilingual name: Chinese, English or both (at least one of them).

    Where one language is missing, :meth:`get` gives the other, so every
    label reads in either language.

    >>> from emergencykit import Label
    >>> name = Label(zh="重庆市应急管理局", en="Chongqing Emergency Management Bureau")
    >>> name.get("en"), str(name)
    ('Chongqing Emergency Management Bureau', '重庆市应急管理局')
    >>> Label(zh="万州区").get("en")  # falls back to Chinese
    '万州区'
    >>> Label(en="Springfield").get("zh")  # and to English
    'Springfield'
    >>> Label()
    Traceback (most recent call last):
    ...
    emergencykit.errors.FieldValueError: 'zh' is required when 'en' is not given: a label needs Chinese, English or both (got None)
    """

    #: The keys of which a label needs at least one (the JSON Schema says so too).
    AT_LEAST_ONE: ClassVar[tuple[str, ...]] = ("zh", "en")

    zh: Text | None = None
    en: Text | None = None

    def __attrs_post_init__(self) -> None:
        if self.zh is None and self.en is None:
            raise FieldValueError(
                "zh",
                "is required when 'en' is not given: a label needs Chinese, English or both",
                None,
            )

    def get(self, lang: str = "zh") -> str:
        """The name in ``lang`` (``"zh"`` or ``"en"``); the other language when it is missing."""
        if lang == "en":
            return self.en if self.en is not None else self.zh or ""
        return self.zh if self.zh is not None else self.en or ""

    def __str__(self) -> str:
        return self.get("zh")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Citation:
    """Where an object is stated: which source, where in it, and its very words.

    ``source`` is the id of one of the system's
    :attr:`~emergencykit.EmergencySystem.sources`; ``locator`` says where in
    it (a section, ``"§二.一"``); ``quote`` copies the words that state the
    fact, character for character.  A fact the source does not state but
    the model infers (general knowledge, a reading of an ambiguous phrase, a
    repaired typo) is marked ``inferred``, and then ``why`` is required.
    ``inferred`` left unset says nothing either way.

    >>> from emergencykit import Citation
    >>> c = Citation(source="seed", locator="§二.一", quote="组建8个类别14支市级专业救援队伍")
    >>> c.locator, c.inferred
    ('§二.一', None)
    >>> Citation(source="seed", inferred=True)
    Traceback (most recent call last):
    ...
    emergencykit.errors.FieldValueError: 'why' is required when inferred is true (got None)
    """

    source: Id | None = None
    locator: Text | None = None
    quote: Text | None = None
    inferred: bool | None = None
    why: Text | None = None

    def __attrs_post_init__(self) -> None:
        if self.inferred is True and self.why is None:
            raise FieldValueError("why", "is required when inferred is true", None)


class AdminLevel(BilingualEnum):
    """Administrative level.  A 直辖市 such as 重庆 is provincial.

    >>> from emergencykit import AdminLevel
    >>> AdminLevel.COUNTY.rank > AdminLevel.PROVINCIAL.rank
    True
    """

    NATIONAL = ("national", "国家级", "national")
    PROVINCIAL = ("provincial", "省级", "provincial")
    PREFECTURE = ("prefecture", "地市级", "prefecture")
    COUNTY = ("county", "区县级", "county")
    TOWNSHIP = ("township", "乡镇街道", "township")
    VILLAGE = ("village", "村社区", "village")

    @property
    def rank(self) -> int:
        """0 for national, growing downwards."""
        return _LEVEL_RANK[self.value]


_LEVEL_RANK = {lvl.value: i for i, lvl in enumerate(AdminLevel)}


class AgencyKind(BilingualEnum):
    """What sort of body an agency is."""

    PARTY_COMMITTEE = ("party_committee", "党委", "party committee")
    GOVERNMENT = ("government", "人民政府", "government")
    PARTY_DEPARTMENT = ("party_department", "党委工作部门", "party department")
    GOVERNMENT_DEPARTMENT = ("government_department", "政府部门", "government department")
    COMMAND_CENTRE = ("command_centre", "指挥中心", "command centre")
    LEGISLATURE = ("legislature", "人民代表大会", "people's congress")
    CONSULTATIVE = ("consultative", "政治协商会议", "political consultative conference")
    PUBLIC_INSTITUTION = ("public_institution", "事业单位", "public institution")
    ENTERPRISE = ("enterprise", "企业", "enterprise")
    SOCIAL_ORGANISATION = ("social_organisation", "社会组织", "social organisation")
    OTHER = ("other", "其他", "other")


class Sector(BilingualEnum):
    """The field of work of an agency, for rules that need one (publicity, health …).

    The words follow the departments' usual names (财政局, 城市管理局,
    大数据发展局 or 数据局, 能源局).  ``energy`` covers power (电力) as well:
    power companies and the 能源 departments that oversee them are one field
    here, so a document that says 电力 writes ``energy``.
    """

    GENERAL = ("general", "综合", "general")
    EMERGENCY_MANAGEMENT = ("emergency_management", "应急管理", "emergency management")
    PUBLICITY = ("publicity", "宣传", "publicity")
    CIVIL_AFFAIRS = ("civil_affairs", "民政", "civil affairs")
    PUBLIC_SECURITY = ("public_security", "公安", "public security")
    HOUSING_CONSTRUCTION = ("housing_construction", "住房城乡建设", "housing and construction")
    HEALTH = ("health", "卫生健康", "health")
    FIRE_RESCUE = ("fire_rescue", "消防救援", "fire and rescue")
    NATURAL_RESOURCES = ("natural_resources", "规划自然资源", "natural resources")
    WATER = ("water", "水利", "water resources")
    TRANSPORT = ("transport", "交通", "transport")
    ECONOMY = ("economy", "经济信息", "economy and information")
    EDUCATION = ("education", "教育", "education")
    METEOROLOGY = ("meteorology", "气象", "meteorology")
    FINANCE = ("finance", "财政", "finance")
    URBAN_MANAGEMENT = ("urban_management", "城市管理", "urban management")
    DATA = ("data", "大数据", "data services")
    ENERGY = ("energy", "能源", "energy")
    OTHER = ("other", "其他", "other")


class Relation(BilingualEnum):
    """The kinds of edge between objects (graph edge keys)."""

    COMMANDS = ("commands", "指挥", "commands")
    DISPATCHES = ("dispatches", "调度", "dispatches")
    LEADS = ("leads", "牵头", "leads")
    CO_HANDLES = ("co_handles", "协办", "co-handles")
    MEMBER_OF = ("member_of", "成员", "member of")
    REPORTS_TO = ("reports_to", "报告", "reports to")
    SUPERVISES = ("supervises", "监督指导", "supervises")
    COVERS = ("covers", "覆盖", "covers")
    ACTIVATES = ("activates", "启动", "activates")
    BACKS_UP = ("backs_up", "备份(B角)", "backs up")
    LOCATED_IN = ("located_in", "位于", "located in")
    REFERS_TO = ("refers_to", "涉及", "refers to")


class Approx(BilingualEnum):
    """How exact a count is: ``3500余人`` is at least 3,500."""

    EXACT = ("exact", "确数", "exactly")
    AT_LEAST = ("at_least", "余/以上", "at least")
    ABOUT = ("about", "约", "about")
    AT_MOST = ("at_most", "不超过", "at most")


class CountUnit(BilingualEnum):
    """What is counted; the Chinese is the measure word, the first of several the usual one.

    ``agencies`` are departments or units (9个部门, 15家单位); ``stations``
    rescue or fire stations (个站); ``places`` sites and venues (处, 个场所);
    ``systems`` information or equipment systems (套, 个系统).  A count keeps
    the source's own words in ``text``.
    """

    TEAMS = ("teams", "支", "teams")
    PEOPLE = ("people", "人", "people")
    ORGANISATIONS = ("organisations", "家", "organisations")
    AGENCIES = ("agencies", "个部门/家单位", "agencies")
    CATEGORIES = ("categories", "个类别", "categories")
    ITEMS = ("items", "项/部/个", "items")
    AIRCRAFT = ("aircraft", "架", "aircraft")
    STATIONS = ("stations", "个站", "stations")
    PLACES = ("places", "处/个场所", "places")
    SYSTEMS = ("systems", "套/个系统", "systems")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Count:
    """An honest count: exact or approximate, with its unit and original wording.

    >>> from emergencykit import Count, CountUnit, Approx
    >>> c = Count(value=3500, unit=CountUnit.PEOPLE, approx=Approx.AT_LEAST, text="3500余人")
    >>> c.lower, c.upper
    (3500, None)
    >>> Count(value=-3, unit=CountUnit.TEAMS)
    Traceback (most recent call last):
    ...
    emergencykit.errors.FieldValueError: 'value' must be ≥ 0 (got -3)
    """

    value: Quantity
    unit: CountUnit
    approx: Approx = Approx.EXACT
    text: Text | None = None

    @property
    def lower(self) -> int:
        """The least the count can be."""
        return 0 if self.approx is Approx.AT_MOST else self.value

    @property
    def upper(self) -> int | None:
        """The most the count can be; ``None`` when unbounded or only approximate."""
        if self.approx in (Approx.EXACT, Approx.AT_MOST):
            return self.value
        return None


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Figure:
    """A labelled number the source states and no field of the model holds.

    Any object can carry figures (:attr:`Entity.figures`): the label says
    what is counted, in the source's words, and the :class:`Count` how many,
    as exactly as the source gives it.  A figure is a fact to read, not one
    the rules check.

    Examples
    --------
    >>> from emergencykit import Agency, AgencyKind, Approx, Count, CountUnit, Figure, Label
    >>> merged = Figure(label=Label(zh="整合的部门", en="departments merged"),
    ...                 count=Count(value=9, unit=CountUnit.AGENCIES, text="9个部门"))
    >>> duties = Figure(label=Label(zh="整合的职责", en="duties merged"),
    ...                 count=Count(value=14, unit=CountUnit.ITEMS, text="14项职责"))
    >>> bureau = Agency(id="xc-yjj", name=Label(zh="宣城市应急管理局"),
    ...                 kind=AgencyKind.GOVERNMENT_DEPARTMENT, figures=(merged, duties))
    >>> [(f.label.get("en"), f.count.value) for f in bureau.figures]
    [('departments merged', 9), ('duties merged', 14)]
    """

    label: Label
    count: Count


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Entity:
    """Base of every object that has an id.  Not used on its own.

    ``cite`` holds a :class:`Citation` for each passage that states the
    object (or for the inference that stands in for one); ``source`` is a
    short free-text reference kept for documents that predate citations.
    ``figures`` are numbers the source states that no field holds (see
    :class:`Figure`).

    ``open`` names the object's lists of ids that are open: the source
    names these members and says there are others (市委宣传部、市民政局等部门).
    A list not named there is as complete as the source gives it.  Rules read
    an open list as a lower bound ("at least these"), never as all of them.
    One key per object, beside the lists, rather than a mark inside each list:
    a list stays a plain list of ids wherever it is read, and a document says
    openness in one place, in the words of its keys::

        co_handlers: [cq-xcb, cq-mzj]
        open: [co_handlers]

    Only the object's own lists of ids may be named (those made by
    :func:`~emergencykit.model.refs`; :func:`~emergencykit.model.id_lists`
    gives them), so a typo is an error, not a silent no-op:

    >>> from emergencykit import Proposal, is_open
    >>> p = Proposal(id="p", kind="cppcc_proposal", co_handlers=["xcb", "mzj"],
    ...              open=["co_handlers"])
    >>> is_open(p, "co_handlers"), is_open(p, "proposers")
    (True, False)
    >>> Proposal(id="p", kind="cppcc_proposal", open=["co_handler"])
    Traceback (most recent call last):
    ...
    emergencykit.errors.FieldValueError: 'open[0]' must name one of Proposal's lists of ids (proposers, co_handlers) (got 'co_handler')
    """

    id: Id
    note: Text | None = None
    source: Text | None = None
    cite: tuple[Citation, ...] = ()
    open: tuple[IdList, ...] = ()
    figures: tuple[Figure, ...] = ()


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Part:
    """A sub-count of a counted group: by administrative level, category or place.

    ``count`` is one count or several, at most one in each unit: a part may
    give both its teams and its people ("市县两级组建12支队伍300余人").
    ``level`` is one administrative level or several (市县两级).  The parts
    of a group must add up to its totals, unit by unit (checked at
    construction).

    >>> from emergencykit import Approx, Count, CountUnit, Part
    >>> part = Part(level=["prefecture", "county"],
    ...             count=[Count(value=12, unit=CountUnit.TEAMS),
    ...                    Count(value=300, unit=CountUnit.PEOPLE, approx=Approx.AT_LEAST)])
    >>> part.level, part.of(CountUnit.PEOPLE).lower, part.of(CountUnit.AIRCRAFT)
    ((<AdminLevel.PREFECTURE: 'prefecture'>, <AdminLevel.COUNTY: 'county'>), 300, None)
    >>> Part(count=[Count(value=1, unit=CountUnit.TEAMS), Count(value=2, unit=CountUnit.TEAMS)])
    Traceback (most recent call last):
    ...
    emergencykit.errors.FieldValueError: 'count[1].unit' must not repeat a unit the part already counts in (got <CountUnit.TEAMS: 'teams'>)
    """

    count: Annotated[tuple[Count, ...], ONE_OR_MORE]
    label: Label | None = None
    level: Annotated[tuple[AdminLevel, ...], ONE_OR_MORE] = ()
    category: Id | None = ref(Kind.TEAM_CATEGORY, relation=Relation.COVERS)
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.COVERS)

    def __attrs_post_init__(self) -> None:
        if not self.count:
            raise FieldValueError("count", "needs at least one count", self.count)
        seen: set[CountUnit] = set()
        for i, c in enumerate(self.count):
            if c.unit in seen:
                raise FieldValueError(
                    f"count[{i}].unit", "must not repeat a unit the part already counts in", c.unit
                )
            seen.add(c.unit)

    def of(self, unit: CountUnit) -> Count | None:
        """The part's count in ``unit``; ``None`` when it gives none in that unit."""
        return next((c for c in self.count if c.unit is unit), None)


def check_number(number: str | None, numbered: bool | None) -> None:
    """Raise when a document number (文号) is given and also said not to exist.

    A letter's number is written as ``number``.  A source that states the
    letter has none (``文号: 无``) is written ``numbered = false``, and one
    that is silent leaves both out: "none" and "not stated" stay apart, and
    neither is a guess.  ``numbered = true`` without a number says the
    letter has one that the source does not give.

    >>> check_number("渝应急函〔2022〕12号", None)
    >>> check_number(None, False)
    >>> check_number("渝应急函〔2022〕12号", False)
    Traceback (most recent call last):
    ...
    emergencykit.errors.FieldValueError: 'numbered' must not be false when a number is given (got False)
    """
    if number is not None and numbered is False:
        raise FieldValueError("numbered", "must not be false when a number is given", False)


def check_parts(field: str, total: Count | None, parts: tuple[Part, ...]) -> None:
    """Raise when the parts' counts in ``total``'s unit cannot add up to ``total``.

    Exact parts under an exact total must sum to it; in every case the sum of
    the parts' lower bounds may not exceed the total's upper bound.
    """
    if total is None:
        return
    same = [c for p in parts for c in p.count if c.unit is total.unit]
    if not same:
        return
    low = sum(c.lower for c in same)
    upper = total.upper
    all_exact = total.approx is Approx.EXACT and all(c.approx is Approx.EXACT for c in same)
    if all_exact and low != total.value:
        raise FieldValueError(
            "parts",
            f"must add up to {field} ({total.value} {total.unit.value})",
            low,
        )
    if upper is not None and low > upper:
        raise FieldValueError(
            "parts", f"must not add up to more than {field} ({upper} {total.unit.value})", low
        )


class Cadence(BilingualEnum):
    """How often something happens."""

    CONTINUOUS = ("continuous", "常态化", "continuous")
    DAILY = ("daily", "每日", "daily")
    WEEKLY = ("weekly", "每周", "weekly")
    BIWEEKLY = ("biweekly", "双周", "every two weeks")
    MONTHLY = ("monthly", "每月", "monthly")
    QUARTERLY = ("quarterly", "每季度", "quarterly")
    HALF_YEARLY = ("half_yearly", "每半年", "every six months")
    YEARLY = ("yearly", "每年", "yearly")
    REGULAR = ("regular", "定期", "regularly")
    KEY_PERIOD = ("key_period", "重要节点", "at key periods")
    ON_EVENT = ("on_event", "事件触发", "when an event occurs")
    AS_NEEDED = ("as_needed", "视情", "as needed")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Jurisdiction(Entity):
    """An administrative area (市, 区县, 乡镇街道, 村社区) with its parent.

    ``code`` is its six-digit administrative division code of GB/T 2260
    (``"500101"`` for 万州区); rule packs choose where they apply by it.

    >>> from emergencykit import Jurisdiction, Label, AdminLevel
    >>> Jurisdiction(id="cq", name=Label(zh="重庆市", en="Chongqing"), level=AdminLevel.PROVINCIAL)
    Jurisdiction(id='cq', note=None, source=None, cite=(), open=(), figures=(), name=Label(zh='重庆市', en='Chongqing'), level=<AdminLevel.PROVINCIAL: 'provincial'>, parent=None, code=None, hazards=())
    """

    name: Label
    level: AdminLevel
    parent: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    code: DivisionCode | None = None
    #: Ids of the event types this area is exposed to (plans should cover them).
    hazards: tuple[Id, ...] = refs(Kind.EVENT_TYPE, relation=Relation.COVERS)


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Agency(Entity):
    """A party or government body, command centre, enterprise or organisation.

    ``parent`` is the body directly above it (a department's government, a
    command centre's bureau); it becomes a *commands* edge in the graph.
    """

    name: Label
    kind: AgencyKind
    kind_other: Label | None = other_label("kind")
    sector: Sector | None = None
    sector_other: Label | None = other_label("sector")
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    parent: Id | None = ref(
        Kind.AGENCY, Kind.COMMAND_BODY, relation=Relation.COMMANDS, direction="in"
    )
    head: Id | None = ref(Kind.PERSON, relation=Relation.LEADS, direction="in")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Person(Entity):
    """A named person: proposer, signer, contact, post holder."""

    name: Label
    agency: Id | None = ref(Kind.AGENCY, relation=Relation.MEMBER_OF)
    position: Label | None = None


class DocumentKind(BilingualEnum):
    """Kinds of policy document other than plans."""

    LAW = ("law", "法律", "law")
    REGULATION = ("regulation", "条例", "regulation")
    MEASURES = ("measures", "办法", "measures")
    GUIDELINE = ("guideline", "指南", "guideline")
    OPINION = ("opinion", "意见", "opinion")
    IMPLEMENTING_OPINION = ("implementing_opinion", "实施意见", "implementing opinion")
    NOTICE = ("notice", "通知", "notice")
    REPLY = ("reply", "复函", "reply letter")
    OTHER = ("other", "其他", "other")


class DocumentStatus(BilingualEnum):
    """Where a document stands.

    ``planned`` and ``drafting`` are for a new document; a document that
    exists and is being revised (修订印发) is ``revising``.

    >>> from emergencykit import DocumentStatus
    >>> DocumentStatus.REVISING.zh, DocumentStatus.REVISING.en
    ('修订中', 'being revised')
    """

    PLANNED = ("planned", "计划制定", "planned")
    DRAFTING = ("drafting", "起草中", "being drafted")
    REVISING = ("revising", "修订中", "being revised")
    ISSUED = ("issued", "已印发", "issued")


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Document(Entity):
    """A policy document that is not itself a plan: 办法, 指南, 意见, 条例 …

    ``co_issuers`` counts co-issuing bodies that the source does not name
    ("联合8个部门出台").  ``number`` is its document number (文号), as
    written; ``numbered`` is false when the source states it has none
    (文号: 无), and both are left out when the source does not say.

    >>> from emergencykit import Document, DocumentKind, Label
    >>> Document(id="d", kind=DocumentKind.NOTICE, number="渝府办发〔2022〕1号").number
    '渝府办发〔2022〕1号'
    >>> Document(id="d", kind=DocumentKind.NOTICE, numbered=False).number is None
    True
    """

    title: Label | None = None
    kind: DocumentKind
    kind_other: Label | None = other_label("kind")
    status: DocumentStatus | None = None
    jurisdiction: Id | None = ref(Kind.JURISDICTION, relation=Relation.LOCATED_IN)
    issuers: tuple[Id, ...] = refs(
        Kind.AGENCY, Kind.COMMAND_BODY, relation=Relation.LEADS, direction="in"
    )
    co_issuers: Count | None = None
    issued: PartialDate | None = None
    due: PartialDate | None = None
    based_on: tuple[Id, ...] = refs(Kind.DOCUMENT, Kind.PLAN, relation=Relation.MEMBER_OF)
    number: Text | None = None
    numbered: bool | None = None

    def __attrs_post_init__(self) -> None:
        check_number(self.number, self.numbered)


@shared_methods
@attrs.frozen(kw_only=True, field_transformer=validated, repr=False, eq=False)
class Link:
    """An explicit relation that no field expresses: ``source -relation-> target``."""

    source: Id = ref(relation=None, required=True)
    relation: Relation
    target: Id = ref(relation=None, required=True)
    note: Text | None = None
