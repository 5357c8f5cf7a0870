"""Public warnings as CAP 1.2: checked against the OASIS CAP 1.2 XSD (kept in tests/data) and read back."""

import datetime as dt
import functools
import hashlib
import io
import pathlib
import re

import attrs
import pytest
import xmlschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emergencykit import (
    AdminLevel,
    Agency,
    AgencyKind,
    EmergencySystem,
    EventCategory,
    EventType,
    Jurisdiction,
    Label,
    Severity,
    WarningLevel,
    datasets,
)
from emergencykit.errors import ArgumentError, FieldValueError, LoadError, UnwritableError
from emergencykit.scenario import (
    CAP_NAMESPACE,
    CapAlert,
    Incident,
    Phase,
    Step,
    Timeline,
    cap_alerts,
    cap_category,
    read_cap,
    simulate,
    to_cap,
)
from emergencykit.strategies import labels, systems, texts

XSD = pathlib.Path(__file__).with_name("data") / "CAP-v1.2.xsd"
XSD_SHA256 = "b7798ef25868b068c97b268bda02d067c7d4ba9373adc5638bf37105804ee723"


@functools.cache
def _schema() -> xmlschema.XMLSchema10:
    return xmlschema.XMLSchema10(str(XSD))


def xsd_errors(doc: bytes) -> list[str]:
    return [str(e.reason) for e in _schema().iter_errors(io.BytesIO(doc))]


def test_the_vendored_schema_is_the_oasis_one():
    assert hashlib.sha256(XSD.read_bytes()).hexdigest() == XSD_SHA256
    schema = _schema()
    assert schema.target_namespace == CAP_NAMESPACE
    assert set(schema.elements) == {"alert", "valueName", "value"}
    assert schema.version == "1.2"


# ---------------------------------------------------------------------------
# A small system built by hand
# ---------------------------------------------------------------------------

CQ = Jurisdiction(
    id="cq", name=Label(zh="重庆市", en="Chongqing"), level=AdminLevel.PROVINCIAL, code="500000"
)
WZ = Jurisdiction(
    id="wz", name=Label(zh="万州区", en="Wanzhou"), level=AdminLevel.COUNTY, parent="cq"
)
YZ = Jurisdiction(
    id="yz",
    name=Label(zh="渝中区", en="Yuzhong"),
    level=AdminLevel.COUNTY,
    parent="cq",
    code="500103",
)
PUBLICITY = Agency(
    id="cq-xcb",
    name=Label(zh="市委宣传部", en="Publicity Department"),
    kind=AgencyKind.PARTY_DEPARTMENT,
    jurisdiction="cq",
)
YZ_BUREAU = Agency(
    id="yz-yjj",
    name=Label(zh="渝中区应急局"),
    kind=AgencyKind.GOVERNMENT_DEPARTMENT,
    jurisdiction="yz",
)
FLOOD = EventType(
    id="flood", name=Label(zh="洪水", en="flood"), category=EventCategory.NATURAL_DISASTER
)
CHEMICALS = EventType(
    id="chem", name=Label(zh="危险化学品事故"), category=EventCategory.ACCIDENT_DISASTER
)
SYSTEM = EmergencySystem(
    id="demo",
    name=Label(zh="示例"),
    jurisdictions=(CQ, WZ, YZ),
    agencies=(PUBLICITY, YZ_BUREAU),
    event_types=(FLOOD, CHEMICALS),
)


def release(hours: float, *, who: tuple[str, ...] = ("cq-xcb",), deadline: bool = True) -> Step:
    return Step(
        phase=Phase.RELEASE,
        action=Label(zh=f"{hours}小时内发布权威信息", en=f"authoritative release within {hours} h"),
        offset=dt.timedelta(hours=hours),
        deadline=deadline,
        responsible=who,
        sources=("国办发〔2016〕61号", "protocol:cq-yq"),
    )


def timeline(
    *steps: Step,
    level: str = "II",
    where: str = "yz",
    event: str = "flood",
    start: str = "2024-07-01T08:00+08:00",
) -> Timeline:
    incident = Incident(event_type=event, level=level, jurisdiction=where, start=start)
    report = Step(
        phase=Phase.REPORTING, action=Label(zh="报告", en="report"), offset=dt.timedelta(hours=1)
    )
    return Timeline(incident=incident, system="demo", steps=(report, *steps))


def test_one_alert_per_release_step_valid_and_read_back():
    t = timeline(release(5), release(24, deadline=False))
    docs = to_cap(t, SYSTEM, languages=("zh", "en"))
    alerts = cap_alerts(t, SYSTEM, languages=("zh", "en"))
    assert len(docs) == len(alerts) == 2
    for doc, alert in zip(docs, alerts, strict=True):
        assert xsd_errors(doc) == []
        assert read_cap(doc) == alert
    first, second = alerts
    assert first.sent.isoformat() == "2024-07-01T13:00:00+08:00"
    assert second.sent.isoformat() == "2024-07-02T08:00:00+08:00"
    assert (first.deadline, second.deadline) == (True, False)
    assert first.onset == dt.datetime.fromisoformat("2024-07-01T08:00:00+08:00")
    assert first.event == Label(zh="洪水", en="flood")
    assert first.area == Label(zh="渝中区", en="Yuzhong")
    assert first.division == "500103"
    assert first.headline == Label(zh="5小时内发布权威信息", en="authoritative release within 5 h")
    assert first.sources == ("国办发〔2016〕61号", "protocol:cq-yq")
    assert first.responsible == ("cq-xcb",)
    assert first.sender_name == Label(zh="市委宣传部", en="Publicity Department")


def test_the_xml_carries_the_cap_elements():
    (doc,) = to_cap(timeline(release(5)), SYSTEM)
    text = doc.decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="' + CAP_NAMESPACE)
    for element in (
        "<status>Exercise</status>",
        "<msgType>Alert</msgType>",
        "<scope>Public</scope>",
        "<language>zh-CN</language>",
        "<category>Met</category>",
        "<urgency>Immediate</urgency>",
        "<severity>Severe</severity>",
        "<certainty>Observed</certainty>",
        "<areaDesc>渝中区</areaDesc>",
        "<valueName>GB/T 2260</valueName>",
        "<value>500103</value>",
        "<sent>2024-07-01T13:00:00+08:00</sent>",
    ):
        assert element in text
    assert "en-US" not in text


@pytest.mark.parametrize(
    ("level", "severity", "colour"),
    [
        ("I", "Extreme", WarningLevel.RED),
        ("II", "Severe", WarningLevel.ORANGE),
        ("III", "Moderate", WarningLevel.YELLOW),
        ("IV", "Minor", WarningLevel.BLUE),
    ],
)
def test_level_maps_to_severity_and_colour(level, severity, colour):
    (alert,) = cap_alerts(timeline(release(5), level=level), SYSTEM)
    assert (alert.severity, alert.warning, alert.level) == (
        severity,
        colour,
        Incident(
            event_type="x", level=level, jurisdiction="x", start="2024-01-01T00:00+00:00"
        ).level,
    )
    assert (alert.urgency, alert.certainty) == ("Immediate", "Observed")


def test_category_follows_the_event_type():
    assert cap_alerts(timeline(release(5), event="chem"), SYSTEM)[0].category == "CBRNE"
    unknown = cap_alerts(timeline(release(5), event="no-such-type"), SYSTEM)[0]
    assert (unknown.category, unknown.event) == ("Other", Label(zh="no-such-type"))


@pytest.mark.parametrize(
    ("category", "name", "cap"),
    [
        (EventCategory.NATURAL_DISASTER, Label(zh="洪涝灾害"), "Met"),
        (EventCategory.NATURAL_DISASTER, Label(en="Earthquake"), "Geo"),
        (EventCategory.NATURAL_DISASTER, Label(zh="森林火灾"), "Fire"),
        (EventCategory.NATURAL_DISASTER, Label(zh="某种灾害"), "Other"),
        (EventCategory.ACCIDENT_DISASTER, Label(zh="道路交通事故"), "Transport"),
        (EventCategory.ACCIDENT_DISASTER, Label(zh="矿山事故"), "Safety"),
        (EventCategory.ACCIDENT_DISASTER, Label(zh="核事故"), "CBRNE"),
        (EventCategory.PUBLIC_HEALTH, Label(zh="火灾"), "Health"),  # words apply within a category
        (EventCategory.SOCIAL_SECURITY, Label(zh="恐怖袭击"), "Security"),
    ],
)
def test_cap_category(category, name, cap):
    assert cap_category(category, name) == cap


def test_identifier_is_unit_time_in_beijing_and_sequence():
    t = timeline(release(5), release(5), release(5, who=("yz-yjj",)))
    a, b, c = cap_alerts(t, SYSTEM)
    # The publicity department is the municipality's: its area's code; the
    # district bureau's is the district's.  Same unit, same second: 0, 1.
    assert a.identifier == "50000000000000_20240701130000_0"
    assert b.identifier == "50000000000000_20240701130000_1"
    assert c.identifier == "50010300000000_20240701130000_0"
    assert len(a.identifier) == 31
    assert a.sender == "50000000000000"


def test_identifier_time_is_beijing_time_whatever_the_offset():
    (alert,) = cap_alerts(timeline(release(5), start="2024-07-01T00:00+00:00"), SYSTEM)
    assert alert.identifier.split("_")[1] == "20240701130000"
    (doc,) = to_cap(timeline(release(5), start="2024-07-01T00:00+00:00"), SYSTEM)
    assert b"<sent>2024-07-01T05:00:00-00:00</sent>" in doc  # CAP writes UTC as -00:00
    assert xsd_errors(doc) == []


def test_a_unit_without_a_code_takes_the_nearest_above_then_the_incident():
    # Wanzhou has no code: its parent's; an agency of no jurisdiction: the incident's area.
    wz = timeline(release(5, who=()), where="wz")
    (alert,) = cap_alerts(wz, SYSTEM)
    assert alert.identifier.startswith("500000000")
    assert alert.division == "500000"
    assert alert.area == Label(zh="万州区")
    assert alert.sender_name is None


def test_an_incident_in_an_unknown_area_keeps_its_code():
    (alert,) = cap_alerts(timeline(release(5, who=()), where="110101"), SYSTEM)
    assert (alert.division, alert.area) == ("110101", Label(zh="110101"))
    (alert,) = cap_alerts(timeline(release(5, who=()), where="nowhere"), SYSTEM)
    assert alert.division is None
    assert alert.identifier.startswith("000000")
    (doc,) = to_cap(timeline(release(5, who=()), where="nowhere"), SYSTEM)
    assert xsd_errors(doc) == []
    assert b"geocode" not in doc


def test_options_status_sender_institution():
    t = timeline(release(5))
    (alert,) = cap_alerts(
        t, SYSTEM, status="Actual", sender="cq-yjj@example.org", institution="416"
    )
    assert alert.status == "Actual" and alert.note is None
    assert alert.sender == "cq-yjj@example.org"
    assert alert.identifier.startswith("50000041600000_")
    (exercise,) = cap_alerts(t, SYSTEM)
    assert exercise.status == "Exercise" and exercise.note and "what-if" in exercise.note


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"languages": ("fr",)}, FieldValueError),
        ({"languages": ()}, FieldValueError),
        ({"status": "Real"}, FieldValueError),
        ({"sender": "two words"}, FieldValueError),
        ({"sender": "a,b"}, FieldValueError),
        ({"institution": "41"}, FieldValueError),
        ({"languages": 3}, ArgumentError),
    ],
)
def test_bad_options_are_refused(kwargs, error):
    with pytest.raises(error):
        to_cap(timeline(release(5)), SYSTEM, **kwargs)


def test_bad_arguments_are_refused():
    with pytest.raises(ArgumentError):
        to_cap(SYSTEM, SYSTEM)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError):
        to_cap(timeline(), "demo")  # type: ignore[arg-type]
    with pytest.raises(ArgumentError):
        read_cap(None)  # type: ignore[arg-type]


def test_no_release_step_no_alert():
    assert to_cap(timeline(), SYSTEM) == ()


def test_a_step_without_time_is_sent_at_the_start():
    (alert,) = cap_alerts(timeline(Step(phase=Phase.RELEASE, action=Label(zh="发布"))), SYSTEM)
    assert alert.sent == alert.onset


def test_fractional_seconds_and_odd_offsets_are_written_as_cap_allows():
    odd = dt.timezone(dt.timedelta(hours=5, minutes=30, seconds=7))
    start = dt.datetime(2024, 7, 1, 8, 0, 0, 123456, tzinfo=odd)
    incident = Incident(event_type="flood", level="I", jurisdiction="yz", start=start)
    t = Timeline(incident=incident, system="demo", steps=(release(1.5),))
    (doc,) = to_cap(t, SYSTEM)
    assert xsd_errors(doc) == []
    assert read_cap(doc).sent == (start + dt.timedelta(hours=1.5)).replace(microsecond=0)


def test_text_xml_cannot_hold_is_refused_not_written():
    bad = Incident(
        event_type="flood\x00", level="I", jurisdiction="yz", start="2024-07-01T08:00+08:00"
    )
    with pytest.raises(UnwritableError):
        to_cap(Timeline(incident=bad, system="demo", steps=(release(5),)), SYSTEM)
    spaced = Incident(
        event_type=" x ", level="I", jurisdiction="yz", start="2024-07-01T08:00+08:00"
    )
    (alert,) = cap_alerts(Timeline(incident=spaced, system="demo", steps=(release(5),)), SYSTEM)
    assert alert.event == Label(zh="x")
    c1 = Incident(event_type="x\x85y", level="I", jurisdiction="yz", start="2024-07-01T08:00+08:00")
    with pytest.raises(UnwritableError):
        to_cap(Timeline(incident=c1, system="demo", steps=(release(5),)), SYSTEM)
    carriage = Step(phase=Phase.RELEASE, action=Label(zh="发布"), sources=("a\rb",))
    with pytest.raises(UnwritableError):
        to_cap(timeline(carriage), SYSTEM)


def test_tabs_newlines_and_markup_survive():
    step = Step(
        phase=Phase.RELEASE,
        action=Label(zh="发布\t<b>&amp;</b>\n]]>第二行", en="x"),
        sources=("<!-- not a comment -->",),
    )
    t = timeline(step)
    (doc,) = to_cap(t, SYSTEM, languages=("zh", "en"))
    assert xsd_errors(doc) == []
    assert read_cap(doc) == cap_alerts(t, SYSTEM, languages=("zh", "en"))[0]


def test_output_is_deterministic():
    t = timeline(release(5), release(24))
    assert to_cap(t, SYSTEM, languages="en") == to_cap(t, SYSTEM, languages="en")


# ---------------------------------------------------------------------------
# The reader refuses what is not a CAP alert, in one line
# ---------------------------------------------------------------------------

GOOD = to_cap(timeline(release(5)), SYSTEM)[0].decode("utf-8")


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ("not xml", "<string>: line 1, column 1: is not XML: syntax error"),
        ("<alert>", "<string>: line 1, column 8: is not XML: no element found"),
        ("<alert/>", "<string>: /alert: is not a CAP 1.2 alert"),
        (
            '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>',
            "<string>: /: has a DOCTYPE",
        ),
        (
            '<!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert>&x;</alert>',
            "<string>: /: has a DOCTYPE",
        ),
        (
            GOOD.replace("<severity>Severe", "<severity>Red"),
            "/alert/info[1]/severity: must be one of",
        ),
        (GOOD.replace("<status>Exercise", "<status>Real"), "/alert/status: must be one of"),
        (GOOD.replace("zh-CN", "fr-FR"), "/alert/info[1]/language: must be zh-CN or en-US"),
        (re.sub(r"<sender>.*</sender>", "", GOOD), "/alert/sender: is missing"),
        (GOOD.replace("+08:00</sent>", "</sent>"), "/alert/sent: must be a CAP date and time"),
        (GOOD.replace("<value>II</value>", "<value>V</value>"), "emergencykit:level must be I–IV"),
        (GOOD.replace("<value>orange</value>", "<value>pink</value>"), "must be a colour"),
        (GOOD.replace("<value>true</value>", "<value>yes</value>"), "must be true or false"),
        (re.sub(r"<info>.*</info>", "", GOOD, flags=re.S), "/alert/info: is missing"),
        (
            GOOD.replace("<event>洪水", "<event> 洪水"),
            "/alert/info/event: must be a non-empty string without surrounding",
        ),
    ],
)
def test_bad_alerts_are_refused_in_one_line(doc, message):
    with pytest.raises(LoadError) as caught:
        read_cap(doc)
    text = str(caught.value)
    assert message in text
    assert "\n" not in text


def test_billion_laughs_is_refused_before_expansion():
    lol = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)
        )
        + "]><lolz>&lol9;</lolz>"
    )
    with pytest.raises(LoadError, match="DOCTYPE"):
        read_cap(lol)


def _read_or_refuse(doc: bytes | str) -> None:
    outcome: object
    try:
        outcome = read_cap(doc)
    except LoadError as error:
        outcome = error
    if isinstance(outcome, LoadError):
        assert "\n" not in str(outcome)
    else:
        assert isinstance(outcome, CapAlert)


@given(st.binary(max_size=200) | st.text(max_size=200))
def test_any_input_reads_or_is_refused_with_a_load_error(doc):
    _read_or_refuse(doc)


@given(st.data())
def test_damaged_alerts_read_or_are_refused_with_a_load_error(data):
    doc = GOOD.encode("utf-8")
    cut = data.draw(st.integers(0, len(doc)))
    insert = data.draw(
        st.binary(max_size=8) | st.sampled_from([b"<", b"&", b"]]>", b"<x/>", b"\xff"])
    )
    end = data.draw(st.integers(cut, min(len(doc), cut + 16)))
    _read_or_refuse(doc[:cut] + insert + doc[end:])


def test_an_unknown_declared_encoding_is_refused_with_a_load_error():
    # Found by the property above: expat asks Python for the declared
    # encoding, and an unknown one raised LookupError.
    doc = GOOD.encode("utf-8").replace(b'encoding="UTF-8"', b'encoding="AUTF-8"', 1)
    with pytest.raises(LoadError, match=r"^alert\.xml: /: is not XML: unknown encoding: AUTF-8$"):
        read_cap(doc, filename="alert.xml")


def test_blocks_that_disagree_are_refused():
    (doc,) = to_cap(timeline(release(5)), SYSTEM, languages=("zh", "en"))
    text = doc.decode("utf-8")
    broken = text.replace("<severity>Severe", "<severity>Minor", 1)
    with pytest.raises(LoadError, match="severity differs between the info blocks"):
        read_cap(broken)


def test_oversized_input_is_refused():
    with pytest.raises(LoadError, match="larger than"):
        read_cap(b" " * (4 * 1024 * 1024 + 1))


def test_read_names_the_file():
    with pytest.raises(LoadError, match=r"^alert\.xml: /alert"):
        read_cap(b"<alert/>", filename="alert.xml")


# ---------------------------------------------------------------------------
# Properties: any valid system, any incident, any release steps
# ---------------------------------------------------------------------------

_offsets = st.timedeltas(min_value=dt.timedelta(hours=-14), max_value=dt.timedelta(hours=14))
_zones = st.one_of(
    _offsets.map(lambda d: dt.timezone(dt.timedelta(minutes=d // dt.timedelta(minutes=1)))),
    _offsets.map(dt.timezone),
    st.just(dt.UTC),
)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[EmergencySystem, Timeline]:
    system = draw(
        systems(depth=(1, 2), children=(1, 2), plans=(0, 1), teams=(0, 1), proposals=(0, 0))
    )
    places = [j.id for j in system.jurisdictions] + [j.code for j in system.jurisdictions if j.code]
    where = draw(st.sampled_from(places) | st.from_regex(r"[0-9]{6}", fullmatch=True) | texts())
    events = [e.id for e in system.event_types]
    event = draw((st.sampled_from(events) if events else st.nothing()) | texts())
    start = draw(
        st.datetimes(
            min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=_zones
        )
    )
    incident = Incident(
        event_type=event,
        level=draw(st.sampled_from(list(Severity))),
        jurisdiction=where,
        start=start,
    )
    agencies = [a.id for a in system.agencies]
    steps = draw(
        st.lists(
            st.builds(
                Step,
                phase=st.just(Phase.RELEASE),
                action=labels(),
                offset=st.none()
                | st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=30)),
                deadline=st.booleans(),
                responsible=st.lists(
                    st.sampled_from(agencies) if agencies else texts(), max_size=2
                ).map(tuple),
                sources=st.lists(texts(), max_size=2).map(tuple),
            ),
            max_size=3,
        )
    )
    return system, Timeline(incident=incident, system=system.id, steps=tuple(steps))


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(scenarios(), st.sampled_from([("zh",), ("en",), ("zh", "en")]))
def test_every_alert_validates_reads_back_and_is_deterministic(scenario, languages):
    system, t = scenario
    docs = to_cap(t, system, languages=languages)
    alerts = cap_alerts(t, system, languages=languages)
    assert len(docs) == len(t.phase(Phase.RELEASE))
    for doc, alert in zip(docs, alerts, strict=True):
        assert xsd_errors(doc) == []
        assert read_cap(doc) == alert
        assert re.fullmatch(r"\d{14}_\d{14}_\d+", alert.identifier)
    assert to_cap(t, system, languages=languages) == docs
    assert len({a.identifier for a in alerts}) == len(alerts)


# ---------------------------------------------------------------------------
# Real simulations: the embedded model, and every system systems() draws
# ---------------------------------------------------------------------------


@functools.cache
def _chongqing() -> EmergencySystem:
    return datasets.chongqing_2022()


@pytest.mark.parametrize("languages", [("zh",), ("en",), ("zh", "en")])
def test_a_major_flood_in_wanzhou_on_the_embedded_model(languages):
    system = _chongqing()
    incident = Incident(
        event_type="flood", level="II", jurisdiction="500101", start="2024-07-01T08:00+08:00"
    )
    t = simulate(system, incident)
    docs = to_cap(t, system, languages=languages)
    assert len(docs) == len(t.phase(Phase.RELEASE)) >= 2
    alerts = cap_alerts(t, system, languages=languages)
    for doc, alert in zip(docs, alerts, strict=True):
        assert xsd_errors(doc) == []
        assert read_cap(doc) == alert
        assert alert.division == "500101"
        assert alert.area.get("zh") == "万州区" or alert.area.get("en") == "Wanzhou District"
        # "flood" is the national classification's 洪涝, under 水旱灾害: Met.
        assert (alert.category, alert.severity, alert.warning) == (
            "Met",
            "Severe",
            WarningLevel.ORANGE,
        )
    release, press = alerts[:2]
    assert release.sent.isoformat() == "2024-07-01T13:00:00+08:00"  # the 5 h release
    assert press.sent.isoformat() == "2024-07-02T08:00:00+08:00"  # the 24 h press conference
    # The municipal publicity department releases: the municipality's code.
    assert release.identifier == "50000000000000_20240701130000_0"
    assert to_cap(t, system, languages=languages) == docs


@st.composite
def simulated(draw: st.DrawFn) -> tuple[EmergencySystem, Timeline]:
    system = draw(systems(proposals=(0, 0)))
    # Give some jurisdictions a division code (distinct, as real ones are).
    codes = iter(
        draw(
            st.lists(
                st.from_regex(r"[1-9][0-9]{5}", fullmatch=True),
                unique=True,
                min_size=len(system.jurisdictions),
                max_size=len(system.jurisdictions),
            )
        )
    )
    coded = tuple(
        attrs.evolve(j, code=next(codes)) if draw(st.booleans()) else j
        for j in system.jurisdictions
    )
    system = attrs.evolve(system, jurisdictions=coded)
    types = [e.id for e in system.event_types] + ["flood", "no-such-type"]
    places = [j.id for j in system.jurisdictions]
    places += [j.code for j in system.jurisdictions if j.code is not None]
    places.append("999999")
    incident = Incident(
        event_type=draw(st.sampled_from(types)),
        level=draw(st.sampled_from(["I", "II", "III", "IV"])),
        jurisdiction=draw(st.sampled_from(places)),
        start=draw(
            st.datetimes(
                min_value=dt.datetime(2000, 1, 1),
                max_value=dt.datetime(2050, 1, 1),
                timezones=_zones,
            )
        ),
    )
    agencies = sorted(a.id for a in system.agencies)
    unavailable = draw(st.lists(st.sampled_from(agencies), max_size=2)) if agencies else []
    return system, simulate(system, incident, unavailable=unavailable)


@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(simulated(), st.sampled_from([("zh",), ("zh", "en")]))
def test_simulated_alerts_validate_and_read_back(case, languages):
    system, t = case
    docs = to_cap(t, system, languages=languages)
    assert len(docs) == len(t.phase(Phase.RELEASE))
    for doc, alert in zip(docs, cap_alerts(t, system, languages=languages), strict=True):
        assert xsd_errors(doc) == []
        assert read_cap(doc) == alert
        assert alert.identifier[:6] in {j.code for j in system.jurisdictions} | {"000000", "999999"}
    assert to_cap(t, system, languages=languages) == docs
