"""Public warnings as OASIS CAP 1.2 alerts: written from a timeline, read back into the same facts.

Each public-information step of a :class:`~emergencykit.scenario.Timeline`
(:attr:`Phase.RELEASE <emergencykit.scenario.Phase.RELEASE>`) becomes one
Common Alerting Protocol 1.2 alert (namespace
``urn:oasis:names:tc:emergency:cap:1.2``).  :func:`cap_alerts` gives the
facts, :func:`to_cap` writes them as XML and :func:`read_cap` reads an alert
back into the same facts.  The mappings (level → severity, the four warning
colours, categories) and the identifier's form are in the docs page *Public
warnings as CAP 1.2*, with their sources.

Everything written comes from the timeline, the incident and the system:
no clock is read, so the same input always gives the same bytes.
"""

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from typing import Final
from xml.parsers import expat

import attrs

from emergencykit.datasets import event_classification
from emergencykit.errors import ArgumentError, FieldValueError, LoadError, Problem, UnwritableError
from emergencykit.model import (
    Agency,
    EmergencySystem,
    EventCategory,
    EventType,
    Jurisdiction,
    Label,
    Severity,
    WarningLevel,
)
from emergencykit.scenario._types import Phase, Timeline

__all__ = ["CAP_NAMESPACE", "CapAlert", "cap_alerts", "cap_category", "read_cap", "to_cap"]

#: The XML namespace of CAP 1.2 alerts.
CAP_NAMESPACE: Final = "urn:oasis:names:tc:emergency:cap:1.2"

#: The ``valueName`` of a geocode holding a GB/T 2260 administrative division code.
DIVISION_SCHEME: Final = "GB/T 2260"
#: The ``valueName`` of an eventCode holding a GB/T 35561 classification code.
EVENT_SCHEME: Final = "GB/T 35561"
# The project's own parameters (CAP leaves their names to the sender).
_P_LEVEL: Final = "emergencykit:level"
_P_WARNING: Final = "emergencykit:warning"
_P_DEADLINE: Final = "emergencykit:deadline"
_P_RESPONSIBLE: Final = "emergencykit:responsible"
_P_SOURCE: Final = "emergencykit:source"

#: Severity I–IV → CAP severity (and the national warning colour of the same rank).
SEVERITY: Final[dict[Severity, str]] = {
    Severity.ESPECIALLY_MAJOR: "Extreme",
    Severity.MAJOR: "Severe",
    Severity.LARGE: "Moderate",
    Severity.ORDINARY: "Minor",
}
#: Severity I–IV → the national four-colour warning level of the same rank.
COLOUR: Final[dict[Severity, WarningLevel]] = {
    Severity.ESPECIALLY_MAJOR: WarningLevel.RED,
    Severity.MAJOR: WarningLevel.ORANGE,
    Severity.LARGE: WarningLevel.YELLOW,
    Severity.ORDINARY: WarningLevel.BLUE,
}
#: The four categories of 突发事件 → CAP category, when no word below applies.
CATEGORY: Final[dict[EventCategory, str]] = {
    EventCategory.NATURAL_DISASTER: "Other",
    EventCategory.ACCIDENT_DISASTER: "Safety",
    EventCategory.PUBLIC_HEALTH: "Health",
    EventCategory.SOCIAL_SECURITY: "Security",
}
#: Finer CAP categories by words of the event type's name (zh or en), tried in
#: order within its category; the classes are those of the national overall
#: plan (国家突发公共事件总体应急预案 §1.3): 水旱, 气象, 地震, 地质, 海洋,
#: 生物灾害 and 森林草原火灾; 交通运输事故, 公共设施和设备事故, 环境污染和
#: 生态破坏, 核与辐射事故.
KEYWORDS: Final[tuple[tuple[EventCategory, str, tuple[str, ...]], ...]] = (
    (
        EventCategory.NATURAL_DISASTER,
        "Geo",
        (
            "地震",
            "地质",
            "滑坡",
            "崩塌",
            "泥石流",
            "地面塌陷",
            "海啸",
            "earthquake",
            "landslide",
            "geolog",
            "tsunami",
        ),
    ),
    (EventCategory.NATURAL_DISASTER, "Fire", ("火", "fire")),
    (EventCategory.NATURAL_DISASTER, "Env", ("生物", "病虫", "biolog", "pest")),
    (
        EventCategory.NATURAL_DISASTER,
        "Met",
        (
            "水旱",
            "洪",
            "涝",
            "旱",
            "汛",
            "气象",
            "台风",
            "暴雨",
            "雨",
            "雪",
            "冰",
            "寒",
            "高温",
            "风",
            "沙尘",
            "雷",
            "雹",
            "霜",
            "雾",
            "海洋",
            "潮",
            "flood",
            "drought",
            "meteorolog",
            "weather",
            "typhoon",
            "rain",
            "snow",
            "storm",
            "wind",
            "heat",
            "cold",
        ),
    ),
    (
        EventCategory.ACCIDENT_DISASTER,
        "CBRNE",
        ("核", "辐射", "化学", "危化", "爆炸", "nuclear", "radiat", "chemical", "explos"),
    ),
    (EventCategory.ACCIDENT_DISASTER, "Fire", ("火", "fire")),
    (
        EventCategory.ACCIDENT_DISASTER,
        "Transport",
        (
            "交通",
            "道路",
            "铁路",
            "航空",
            "民航",
            "水上",
            "船",
            "traffic",
            "road",
            "rail",
            "aviation",
            "ship",
        ),
    ),
    (
        EventCategory.ACCIDENT_DISASTER,
        "Infra",
        (
            "公共设施",
            "设备",
            "供水",
            "供电",
            "电力",
            "燃气",
            "通信",
            "网络",
            "桥",
            "隧道",
            "infrastructure",
            "utility",
            "power",
            "gas",
            "water supply",
        ),
    ),
    (EventCategory.ACCIDENT_DISASTER, "Env", ("环境", "污染", "生态", "environment", "pollution")),
)


def cap_category(category: EventCategory, *names: Label) -> str:
    """The CAP category of an event type of ``category`` called ``names``.

    ``names`` are the event type's own name and, nearest first, those of
    the classes above it.  The first name in which a word of
    :data:`KEYWORDS` (of its category) is found decides; failing one,
    :data:`CATEGORY`.

    Examples
    --------
    >>> from emergencykit import EventCategory, Label
    >>> cap_category(EventCategory.NATURAL_DISASTER, Label(zh="洪水"))
    'Met'
    >>> cap_category(EventCategory.ACCIDENT_DISASTER, Label(zh="危险化学品事故"))
    'CBRNE'
    >>> cap_category(EventCategory.PUBLIC_HEALTH, Label(en="influenza"))
    'Health'
    >>> cap_category(EventCategory.NATURAL_DISASTER, Label(zh="某灾害"), Label(zh="地质灾害"))
    'Geo'
    """
    for name in names:
        words = f"{name.zh or ''} {(name.en or '').lower()}"
        for within, cap, keys in KEYWORDS:
            if within is category and any(k in words for k in keys):
                return cap
    return CATEGORY[category]


#: The incident has happened (the simulation starts from it), so its alerts
#: call for action now and the event is observed, whatever its level.
URGENCY: Final = "Immediate"
CERTAINTY: Final = "Observed"

_STATUSES: Final = ("Actual", "Exercise", "System", "Test", "Draft")
_CATEGORIES: Final = (
    "Geo",
    "Met",
    "Safety",
    "Security",
    "Rescue",
    "Fire",
    "Health",
    "Env",
    "Transport",
    "Infra",
    "CBRNE",
    "Other",
)
_NUMERALS: Final = ("I", "II", "III", "IV")
_URGENCIES: Final = ("Immediate", "Expected", "Future", "Past", "Unknown")
_SEVERITIES: Final = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
_CERTAINTIES: Final = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")
_LANGUAGES: Final = {"zh": "zh-CN", "en": "en-US"}
_BEIJING: Final = dt.timezone(dt.timedelta(hours=8))
_SIX_DIGITS: Final = re.compile(r"[0-9]{6}")
_THREE_DIGITS: Final = re.compile(r"[0-9]{3}")
# CAP 1.2 §3.3.2: sender and identifier hold no whitespace, comma, "<" or "&".
_CAP_TOKEN: Final = re.compile(r"[^\s,<&]+")
# The characters XML 1.0 can hold (§2.2 Char).
_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: The largest alert :func:`read_cap` reads, in bytes.
MAX_ALERT_SIZE: Final = 4 * 1024 * 1024


@attrs.frozen(kw_only=True)
class CapAlert:
    """One public alert: the facts :func:`to_cap` writes and :func:`read_cap` reads back.

    Labels hold only the languages written (``zh``, ``en`` or both).

    Attributes
    ----------
    identifier
        ``ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N`` (GB/T 35965.1 form, see the docs):
        the issuing unit's code, the time sent in Beijing time, a sequence
        number.
    sender
        Who sends it; by default the issuing unit's 14-digit code.
    sent
        When (the step's moment or deadline), to the second, with its offset.
    status
        The CAP status: ``Exercise`` for a what-if by default, ``Actual`` …
    note
        Why the status is what it is (CAP asks exercises to say which).
    event
        The incident's event type.
    event_code
        Its GB/T 35561 code, when known.
    category
        The CAP category.
    urgency, severity, certainty
        The CAP values (see :data:`SEVERITY`, :data:`URGENCY`, :data:`CERTAINTY`).
    level
        The incident's severity level I–IV.
    warning
        The national warning colour of the same rank.
    onset
        When the incident began (its start, to the second).
    sender_name
        The releasing body's name, when a body is responsible.
    headline
        The step's action.
    deadline
        ``sent`` is the latest moment the source allows, not a set moment.
    area
        The incident's jurisdiction by name (its division code when the
        system does not name it).
    division
        The jurisdiction's GB/T 2260 code, when known.
    responsible
        Ids of who releases it.
    sources
        The sources the step cites.
    """

    identifier: str
    sender: str
    sent: dt.datetime
    status: str
    note: str | None
    event: Label
    event_code: str | None
    category: str
    urgency: str
    severity: str
    certainty: str
    level: Severity | None
    warning: WarningLevel | None
    onset: dt.datetime | None
    sender_name: Label | None
    headline: Label
    deadline: bool
    area: Label
    division: str | None
    responsible: tuple[str, ...]
    sources: tuple[str, ...]


# ---------------------------------------------------------------------------
# From a timeline to alerts
# ---------------------------------------------------------------------------


def _languages(languages: object) -> tuple[str, ...]:
    items = (languages,) if isinstance(languages, str) else languages
    if not isinstance(items, Iterable):
        raise ArgumentError(f"languages must be 'zh', 'en' or both (got {type(items).__name__})")
    chosen = tuple(items)
    if not chosen or any(lang not in _LANGUAGES for lang in chosen):
        raise FieldValueError("languages", "must be 'zh', 'en' or both", languages)
    return tuple(lang for lang in _LANGUAGES if lang in chosen)


def _in(label: Label, langs: tuple[str, ...]) -> Label:
    """``label`` as the alert carries it: only the languages written."""
    return Label(**{lang: label.get(lang) for lang in langs})


def _jurisdiction(system: EmergencySystem, key: str) -> Jurisdiction | None:
    """The jurisdiction with id ``key`` or, failing one, with division code ``key`` (as simulate)."""
    found = system.get(key)
    if isinstance(found, Jurisdiction):
        return found
    by_code = sorted((j for j in system.jurisdictions if j.code == key), key=lambda j: j.id)
    return by_code[0] if by_code else None


def _division(system: EmergencySystem, jurisdiction: Jurisdiction | None) -> str | None:
    """The GB/T 2260 code of ``jurisdiction`` or, failing one, of the nearest area above it."""
    seen: set[str] = set()
    while jurisdiction is not None and jurisdiction.id not in seen:
        if jurisdiction.code is not None and _SIX_DIGITS.fullmatch(jurisdiction.code):
            return jurisdiction.code
        seen.add(jurisdiction.id)
        above = system.get(jurisdiction.parent) if jurisdiction.parent else None
        jurisdiction = above if isinstance(above, Jurisdiction) else None
    return None


def _event(system: EmergencySystem, key: str) -> tuple[Label, str | None, str]:
    """The event type's name, GB/T 35561 code and CAP category.

    A system's event type by id, else an entry of the national classification
    by key or code; its classification's names refine the category.
    """
    classification = event_classification()
    found = system.get(key)
    if isinstance(found, EventType):
        name, category = found.name, found.category
        entry_key = found.classification
    elif (entry := classification.get(key)) is not None:
        name, category, entry_key = entry.name, entry.category, entry.key
    else:
        return _named("event_type", key), None, "Other"
    entry = classification.get(entry_key) if entry_key is not None else None
    if entry is not None and entry.category is not category:
        entry = None  # a classification of another category says nothing of this one
    names = [name]
    if entry is not None:
        names += [entry.name]
        names += [
            e.name for k in classification.ancestors(entry.key) if (e := classification.get(k))
        ]
    code = entry.code if entry is not None else None
    return name, code, cap_category(category, *names)


def _named(field: str, key: str) -> Label:
    """A label for a name the system does not hold: the incident's own words."""
    if _NOT_XML.search(key) or "\r" in key:
        raise UnwritableError(f"the incident's {field} {key!r} holds a character XML cannot hold")
    try:
        return Label(zh=key.strip())
    except FieldValueError:
        raise UnwritableError(
            f"the incident's {field} {key!r} cannot be written as a name"
        ) from None


def _stamp(moment: dt.datetime) -> str:
    """A CAP dateTime: seconds, an offset, and ``-00:00`` for UTC (CAP 1.2 §3.3.2)."""
    offset = moment.utcoffset()
    if offset is None or offset % dt.timedelta(minutes=1):
        # CAP offsets are whole minutes; an odd one is written as UTC.
        moment, offset = moment.astimezone(dt.UTC), dt.timedelta(0)
    text = moment.replace(microsecond=0).isoformat()
    return text[:-6] + "-00:00" if not offset else text


def _seconds(moment: dt.datetime) -> dt.datetime:
    return dt.datetime.fromisoformat(_stamp(moment))


def _check_token(name: str, value: object) -> str:
    if not isinstance(value, str) or not _CAP_TOKEN.fullmatch(value) or _NOT_XML.search(value):
        raise FieldValueError(name, "must be non-empty, without whitespace, ',', '<' or '&'", value)
    return value


def cap_alerts(
    timeline: Timeline,
    system: EmergencySystem,
    *,
    languages: Sequence[str] | str = ("zh",),
    status: str = "Exercise",
    sender: str | None = None,
    institution: str = "000",
) -> tuple[CapAlert, ...]:
    """The public alerts of ``timeline``: one per public-information step, in timeline order.

    Parameters
    ----------
    timeline
        A timeline (from :func:`~emergencykit.scenario.simulate` or built by
        hand); its :attr:`~emergencykit.scenario.Phase.RELEASE` steps become alerts.
    system
        The system the timeline was played through: it names the
        jurisdictions, agencies and event types the steps refer to.
    languages
        ``"zh"`` (an ``info`` block in zh-CN), ``"en"`` (en-US) or both.
    status
        The CAP status.  ``"Exercise"`` by default: a what-if is played,
        not happening; ``"Actual"`` for a real incident.
    sender
        The CAP sender of every alert.  By default each alert's issuing-unit
        code (see ``identifier``), which is unique to the releasing body's area.
    institution
        The three-digit institution code (GB/T 4657) in the issuing-unit
        code.  ``"000"`` by default, which states none.

    Returns
    -------
    tuple of CapAlert
        Empty when the timeline has no public-information step.

    Raises
    ------
    FieldValueError
        On a bad ``languages``, ``status``, ``sender`` or ``institution``.
    UnwritableError
        When a time falls outside the years CAP can write, or a text holds a
        character XML cannot (the model's own texts never do).

    Examples
    --------
    >>> import datetime as dt
    >>> from emergencykit import EmergencySystem, Jurisdiction, AdminLevel, Label
    >>> from emergencykit.scenario import Incident, Phase, Step, Timeline
    >>> system = EmergencySystem(id="demo", name=Label(zh="示例"), jurisdictions=(Jurisdiction(
    ...     id="yz", name=Label(zh="渝中区", en="Yuzhong"), level=AdminLevel.COUNTY,
    ...     code="500103"),))
    >>> incident = Incident(event_type="flood", level="II", jurisdiction="500103",
    ...                     start="2024-07-01T08:00+08:00")
    >>> release = Step(phase=Phase.RELEASE, action=Label(zh="发布权威信息"),
    ...                offset=dt.timedelta(hours=5), deadline=True)
    >>> (alert,) = cap_alerts(Timeline(incident=incident, system="demo", steps=(release,)), system)
    >>> alert.identifier, alert.sent.isoformat(), alert.severity, alert.warning.en
    ('50010300000000_20240701130000_0', '2024-07-01T13:00:00+08:00', 'Severe', 'level 2 (orange)')
    >>> alert.area.zh, alert.division
    ('渝中区', '500103')
    """
    if not isinstance(timeline, Timeline):
        raise ArgumentError(f"cap_alerts() takes a Timeline (got {type(timeline).__name__})")
    if not isinstance(system, EmergencySystem):
        raise ArgumentError(f"cap_alerts() takes an EmergencySystem (got {type(system).__name__})")
    langs = _languages(languages)
    if status not in _STATUSES:
        raise FieldValueError("status", f"must be one of {', '.join(_STATUSES)}", status)
    if sender is not None:
        _check_token("sender", sender)
    if not isinstance(institution, str) or not _THREE_DIGITS.fullmatch(institution):
        raise FieldValueError("institution", "must be three digits (GB/T 4657)", institution)

    incident = timeline.incident
    place = _jurisdiction(system, incident.jurisdiction)
    division = _division(system, place)
    if division is None and _SIX_DIGITS.fullmatch(incident.jurisdiction):
        division = incident.jurisdiction
    area = place.name if place is not None else _named("jurisdiction", incident.jurisdiction)
    event, event_code, category = _event(system, incident.event_type)
    note = (
        None
        if status == "Actual"
        else f"what-if simulation of {timeline.system}: {incident.event_type}, "
        f"level {_NUMERALS[incident.level.grade - 1]}, {incident.jurisdiction}, {incident.start.isoformat()}"
    )
    used: dict[tuple[str, str], int] = {}
    alerts = []
    for step in timeline.phase(Phase.RELEASE):
        body = next((a for r in step.responsible if isinstance(a := system.get(r), Agency)), None)
        unit_division = (
            _division(system, _jurisdiction(system, body.jurisdiction))
            if body is not None and body.jurisdiction is not None
            else None
        )
        unit = f"{unit_division or division or '000000'}{institution}00000"
        try:
            sent = _seconds(timeline.at(step) or incident.start)
            onset = _seconds(incident.start)
            beijing = sent.astimezone(_BEIJING).strftime("%Y%m%d%H%M%S")
        except (OverflowError, ValueError):
            raise UnwritableError(
                f"the time of step {step.action.get('en')!r} lies outside the years CAP can write"
            ) from None
        sequence = used.get((unit, beijing), 0)
        used[(unit, beijing)] = sequence + 1
        alerts.append(
            CapAlert(
                identifier=f"{unit}_{beijing}_{sequence}",
                sender=sender or unit,
                sent=sent,
                status=status,
                note=note,
                event=_in(event, langs),
                event_code=event_code,
                category=category,
                urgency=URGENCY,
                severity=SEVERITY[incident.level],
                certainty=CERTAINTY,
                level=incident.level,
                warning=COLOUR[incident.level],
                onset=onset,
                sender_name=_in(body.name, langs) if body is not None else None,
                headline=_in(step.action, langs),
                deadline=step.deadline,
                area=_in(area, langs),
                division=division,
                responsible=step.responsible,
                sources=step.sources,
            )
        )
    for alert in alerts:
        _check_writable(alert)
    return tuple(alerts)


def _texts(alert: CapAlert) -> Iterable[str]:
    yield from (alert.identifier, alert.sender, alert.note or "")
    for label in (alert.event, alert.headline, alert.area, alert.sender_name):
        if label is not None:
            yield from (label.zh or "", label.en or "")
    yield from (alert.event_code or "", alert.division or "")
    yield from alert.responsible
    yield from alert.sources


def _check_writable(alert: CapAlert) -> None:
    for text in _texts(alert):
        # A carriage return would come back as a newline (XML 1.0 §2.11).
        if _NOT_XML.search(text) or "\r" in text:
            raise UnwritableError(
                f"alert {alert.identifier}: {text[:40]!r} holds a character XML cannot hold"
            )


# ---------------------------------------------------------------------------
# Alerts as XML
# ---------------------------------------------------------------------------


def _q(tag: str) -> str:
    return f"{{{CAP_NAMESPACE}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, _q(tag))
    if text is not None:
        element.text = text
    return element


def _pair(parent: ET.Element, tag: str, name: str, value: str) -> None:
    holder = _sub(parent, tag)
    _sub(holder, "valueName", name)
    _sub(holder, "value", value)


def _description(alert: CapAlert, lang: str) -> str:
    when = _stamp(alert.sent)
    if lang == "zh":
        timing = f"{'最迟于' if alert.deadline else '于'}{when}"
        return (
            f"{alert.area.get('zh')}{alert.event.get('zh')}：{alert.headline.get('zh')}（{timing}）"
        )
    timing = f"{'by' if alert.deadline else 'at'} {when}"
    return (
        f"{alert.event.get('en')} in {alert.area.get('en')}: {alert.headline.get('en')} ({timing})"
    )


def _alert_xml(alert: CapAlert) -> bytes:
    root = ET.Element(_q("alert"))
    _sub(root, "identifier", alert.identifier)
    _sub(root, "sender", alert.sender)
    _sub(root, "sent", _stamp(alert.sent))
    _sub(root, "status", alert.status)
    _sub(root, "msgType", "Alert")
    _sub(root, "scope", "Public")
    if alert.note is not None:
        _sub(root, "note", alert.note)
    for lang in _LANGUAGES:
        if getattr(alert.headline, lang) is None:
            continue
        info = _sub(root, "info")
        _sub(info, "language", _LANGUAGES[lang])
        _sub(info, "category", alert.category)
        _sub(info, "event", alert.event.get(lang))
        _sub(info, "urgency", alert.urgency)
        _sub(info, "severity", alert.severity)
        _sub(info, "certainty", alert.certainty)
        if alert.event_code is not None:
            _pair(info, "eventCode", EVENT_SCHEME, alert.event_code)
        if alert.onset is not None:
            _sub(info, "onset", _stamp(alert.onset))
        if alert.sender_name is not None:
            _sub(info, "senderName", alert.sender_name.get(lang))
        _sub(info, "headline", alert.headline.get(lang))
        _sub(info, "description", _description(alert, lang))
        if alert.level is not None:
            _pair(info, "parameter", _P_LEVEL, _NUMERALS[alert.level.grade - 1])
        if alert.warning is not None:
            _pair(info, "parameter", _P_WARNING, alert.warning.value)
        _pair(info, "parameter", _P_DEADLINE, "true" if alert.deadline else "false")
        for who in alert.responsible:
            _pair(info, "parameter", _P_RESPONSIBLE, who)
        for source in alert.sources:
            _pair(info, "parameter", _P_SOURCE, source)
        place = _sub(info, "area")
        _sub(place, "areaDesc", alert.area.get(lang))
        if alert.division is not None:
            _pair(place, "geocode", DIVISION_SCHEME, alert.division)
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", default_namespace=CAP_NAMESPACE)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def to_cap(
    timeline: Timeline,
    system: EmergencySystem,
    *,
    languages: Sequence[str] | str = ("zh",),
    status: str = "Exercise",
    sender: str | None = None,
    institution: str = "000",
) -> tuple[bytes, ...]:
    """The public alerts of ``timeline`` as CAP 1.2 XML documents, one per public-information step.

    Each document is a complete UTF-8 XML file (``<alert>`` in the CAP 1.2
    namespace), in timeline order; the arguments are those of
    :func:`cap_alerts`, which gives the same alerts as facts.  The same
    arguments always give the same bytes.  Name files after each alert's
    identifier (``read_cap(doc).identifier``) to keep them apart.

    Examples
    --------
    >>> import datetime as dt
    >>> from emergencykit import EmergencySystem, Label
    >>> from emergencykit.scenario import Incident, Phase, Step, Timeline
    >>> incident = Incident(event_type="flood", level="II", jurisdiction="500103",
    ...                     start="2024-07-01T08:00+08:00")
    >>> release = Step(phase=Phase.RELEASE, action=Label(zh="发布权威信息", en="authoritative release"),
    ...                offset=dt.timedelta(hours=5), deadline=True)
    >>> timeline = Timeline(incident=incident, system="demo", steps=(release,))
    >>> system = EmergencySystem(id="demo", name=Label(zh="示例"))
    >>> (doc,) = to_cap(timeline, system, languages=("zh", "en"))
    >>> print(*doc.decode().splitlines()[:6], sep="\\n")
    <?xml version="1.0" encoding="UTF-8"?>
    <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
      <identifier>50010300000000_20240701130000_0</identifier>
      <sender>50010300000000</sender>
      <sent>2024-07-01T13:00:00+08:00</sent>
      <status>Exercise</status>
    >>> read_cap(doc) == cap_alerts(timeline, system, languages=("zh", "en"))[0]
    True
    """
    alerts = cap_alerts(
        timeline,
        system,
        languages=languages,
        status=status,
        sender=sender,
        institution=institution,
    )
    return tuple(_alert_xml(a) for a in alerts)


# ---------------------------------------------------------------------------
# Reading alerts back
# ---------------------------------------------------------------------------


class _Refused(Exception):
    """A construct the reader does not accept (a DTD)."""


def _parse(data: bytes | str) -> ET.Element:
    """Parse with expat, refusing any DOCTYPE: no DTD, so no entity can be declared or expanded."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")

    def name(raw: str) -> str:
        return "{" + raw if "}" in raw else raw

    def start(tag: str, attributes: dict[str, str]) -> None:
        builder.start(name(tag), {name(k): v for k, v in attributes.items()})

    def refuse(*_: object) -> None:
        raise _Refused

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(name(tag))
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.Parse(data, True)
    return builder.close()


def _fail(file: str, path: str, message: str) -> LoadError:
    return LoadError([Problem(file, path, message)])


class _Reader:
    def __init__(self, root: ET.Element, file: str) -> None:
        self.root = root
        self.file = file

    def fail(self, path: str, message: str) -> LoadError:
        return _fail(self.file, path, message)

    def one(self, parent: ET.Element, path: str, tag: str) -> str:
        found = parent.findall(_q(tag))
        if len(found) != 1:
            raise self.fail(f"{path}/{tag}", "is missing" if not found else "is repeated")
        text = found[0].text or ""
        if not text:
            raise self.fail(f"{path}/{tag}", "is empty")
        return text

    def maybe(self, parent: ET.Element, path: str, tag: str) -> str | None:
        return self.one(parent, path, tag) if parent.find(_q(tag)) is not None else None

    def pairs(self, parent: ET.Element, path: str, tag: str) -> list[tuple[str, str]]:
        out = []
        for i, holder in enumerate(parent.findall(_q(tag)), 1):
            here = f"{path}/{tag}[{i}]"
            out.append((self.one(holder, here, "valueName"), self.one(holder, here, "value")))
        return out

    def time(self, parent: ET.Element, path: str, tag: str) -> dt.datetime:
        text = self.one(parent, path, tag)
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d", text):
            raise self.fail(f"{path}/{tag}", f"must be a CAP date and time (got {text!r})")
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            raise self.fail(f"{path}/{tag}", f"is no date and time (got {text!r})") from None

    def choice(self, parent: ET.Element, path: str, tag: str, allowed: Iterable[str]) -> str:
        text = self.one(parent, path, tag)
        options = tuple(allowed)
        if text not in options:
            raise self.fail(f"{path}/{tag}", f"must be one of {', '.join(options)} (got {text!r})")
        return text


def _same(reader: _Reader, path: str, key: str, values: list[object]) -> object:
    if any(v != values[0] for v in values):
        raise reader.fail(path, f"{key} differs between the info blocks")
    return values[0]


def read_cap(data: bytes | str, *, filename: str = "<string>") -> CapAlert:
    """Read a CAP 1.2 alert back into the facts :func:`to_cap` wrote.

    Reads one ``<alert>`` with a zh-CN info block, an en-US one or both (a
    block in another language is refused).  No DTD is read: a document with
    a ``DOCTYPE`` is refused, so no entity is ever declared or expanded.

    Parameters
    ----------
    data
        The document, as bytes (any encoding its XML declaration names) or text.
    filename
        The file's name, for messages.

    Returns
    -------
    CapAlert

    Raises
    ------
    LoadError
        On anything but a readable CAP 1.2 alert, in one line naming the
        file, the place in it (``/alert/info[1]/severity``) and the problem.

    Examples
    --------
    >>> read_cap("<alert/>")
    Traceback (most recent call last):
    ...
    emergencykit.errors.LoadError: <string>: /alert: is not a CAP 1.2 alert (namespace urn:oasis:names:tc:emergency:cap:1.2)
    """
    if not isinstance(data, (bytes, str)):
        raise ArgumentError(f"read_cap() takes bytes or str (got {type(data).__name__})")
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if size > MAX_ALERT_SIZE:
        raise _fail(filename, "/", f"is larger than {MAX_ALERT_SIZE} bytes")
    try:
        root = _parse(data)
    except _Refused:
        raise _fail(filename, "/", "has a DOCTYPE, which a CAP alert does not need") from None
    except expat.ExpatError as error:
        line, column = error.lineno, error.offset + 1
        message = expat.ErrorString(error.code)
        raise _fail(filename, f"line {line}, column {column}", f"is not XML: {message}") from None
    except (UnicodeError, ValueError, LookupError) as error:
        # LookupError: the XML declaration names an encoding Python lacks.
        raise _fail(filename, "/", f"is not XML: {error}") from None
    if root.tag != _q("alert"):
        raise _fail(filename, "/alert", f"is not a CAP 1.2 alert (namespace {CAP_NAMESPACE})")
    return _read(_Reader(root, filename))


def _read(r: _Reader) -> CapAlert:
    root, top = r.root, "/alert"
    identifier = r.one(root, top, "identifier")
    sender = r.one(root, top, "sender")
    sent = r.time(root, top, "sent")
    status = r.choice(root, top, "status", _STATUSES)
    r.choice(root, top, "msgType", ("Alert",))
    r.choice(root, top, "scope", ("Public",))
    note = r.maybe(root, top, "note")
    by_lang = {code: lang for lang, code in _LANGUAGES.items()}
    texts: dict[str, dict[str, str]] = {}
    shared: dict[str, list[object]] = {}
    blocks = root.findall(_q("info"))
    if not blocks:
        raise r.fail(f"{top}/info", "is missing")
    for i, info in enumerate(blocks, 1):
        path = f"{top}/info[{i}]"
        code = r.one(info, path, "language")
        if code not in by_lang:
            raise r.fail(f"{path}/language", f"must be zh-CN or en-US (got {code!r})")
        lang = by_lang[code]
        if lang in texts:
            raise r.fail(f"{path}/language", f"repeats {code}")
        params: dict[str, list[str]] = {}
        for name, value in r.pairs(info, path, "parameter"):
            params.setdefault(name, []).append(value)
        codes = dict(r.pairs(info, path, "eventCode"))
        areas = info.findall(_q("area"))
        if len(areas) != 1:
            raise r.fail(f"{path}/area", "is missing" if not areas else "is repeated")
        geocodes = dict(r.pairs(areas[0], f"{path}/area", "geocode"))
        onset = r.time(info, path, "onset") if info.find(_q("onset")) is not None else None
        texts[lang] = {
            "event": r.one(info, path, "event"),
            "headline": r.one(info, path, "headline"),
            "area": r.one(areas[0], f"{path}/area", "areaDesc"),
        }
        if (sender_name := r.maybe(info, path, "senderName")) is not None:
            texts[lang]["sender_name"] = sender_name
        block: dict[str, object] = {
            "category": r.choice(info, path, "category", _CATEGORIES),
            "urgency": r.choice(info, path, "urgency", _URGENCIES),
            "severity": r.choice(info, path, "severity", _SEVERITIES),
            "certainty": r.choice(info, path, "certainty", _CERTAINTIES),
            "event_code": codes.get(EVENT_SCHEME, ""),
            "division": geocodes.get(DIVISION_SCHEME, ""),
            "onset": "" if onset is None else onset.isoformat(),
            "level": ",".join(params.get(_P_LEVEL, [])),
            "warning": ",".join(params.get(_P_WARNING, [])),
            "deadline": ",".join(params.get(_P_DEADLINE, [])),
            "responsible": tuple(params.get(_P_RESPONSIBLE, [])),
            "sources": tuple(params.get(_P_SOURCE, [])),
        }
        for key, found in block.items():
            shared.setdefault(key, []).append(found)
    fact = {key: _same(r, f"{top}/info", key, values) for key, values in shared.items()}
    text = {key: v for key, v in fact.items() if isinstance(v, str)}

    def label(key: str) -> Label:
        try:
            return Label(**{lang: t[key] for lang, t in texts.items()})
        except FieldValueError as error:
            raise r.fail(f"{top}/info/{key}", error.problem) from None

    level: Severity | None = None
    if text["level"]:
        try:
            level = _level_key(text["level"])
        except (KeyError, ValueError):
            raise r.fail(f"{top}/info/parameter", f"{_P_LEVEL} must be I–IV") from None
    warning: WarningLevel | None = None
    if text["warning"]:
        try:
            warning = WarningLevel(text["warning"])
        except ValueError:
            raise r.fail(f"{top}/info/parameter", f"{_P_WARNING} must be a colour") from None
    if text["deadline"] not in ("", "true", "false"):
        raise r.fail(f"{top}/info/parameter", f"{_P_DEADLINE} must be true or false")
    names = [t.get("sender_name") for t in texts.values()]
    if any(n is None for n in names) and not all(n is None for n in names):
        raise r.fail(f"{top}/info/senderName", "is in some info blocks only")
    return CapAlert(
        identifier=identifier,
        sender=sender,
        sent=sent,
        status=status,
        note=note,
        event=label("event"),
        event_code=text["event_code"] or None,
        category=text["category"],
        urgency=text["urgency"],
        severity=text["severity"],
        certainty=text["certainty"],
        level=level,
        warning=warning,
        onset=dt.datetime.fromisoformat(text["onset"]) if text["onset"] else None,
        sender_name=None if names[0] is None else label("sender_name"),
        headline=label("headline"),
        deadline=text["deadline"] == "true",
        area=label("area"),
        division=text["division"] or None,
        responsible=_strings(fact["responsible"]),
        sources=_strings(fact["sources"]),
    )


def _strings(value: object) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, tuple) else ()


def _level_key(numeral: str) -> Severity:
    return list(Severity)[_NUMERALS.index(numeral)]
