"""The built-in packs — national, chongqing, ics — with their parameters and area headings.

Each pack's parameters are a frozen class whose defaults are the figures of
the law, regulation or doctrine its rules rest on (docs/validation.md lists
them).  ``ChongqingParams()`` and the others give the defaults; a
``ValidationConfig(params=(ChongqingParams(local_drill_years=2),))``
overrides them.
"""

import datetime as dt

import attrs

from emergencykit.model import Label
from emergencykit.rules._config import WorkingCalendar
from emergencykit.rules._pack import Pack, RootDivision, everywhere

__all__ = [
    "CHONGQING",
    "EK_AREAS",
    "ICS",
    "NATIONAL",
    "ChongqingParams",
    "IcsParams",
    "NationalParams",
]


def _positive(_: object, attribute: "attrs.Attribute[int]", value: object) -> None:
    if type(value) is not int or value < 1:
        raise ValueError(f"{attribute.name} must be a whole number ≥ 1 (got {value!r})")


def _duration(_: object, attribute: "attrs.Attribute[dt.timedelta]", value: object) -> None:
    if not isinstance(value, dt.timedelta) or value <= dt.timedelta(0):
        raise ValueError(f"{attribute.name} must be a positive timedelta (got {value!r})")


@attrs.frozen(kw_only=True)
class NationalParams:
    """Parameters of the national pack, defaulting to national law and regulations.

    >>> NationalParams().filing_working_days
    20
    """

    #: Special and department plans drilled at least every 3 years (2013 Measures Art. 22).
    special_drill_years: int = attrs.field(default=3, validator=_positive)
    #: Production-safety plans drilled at least every 2 years (生产安全事故应急条例 Art. 8).
    safety_drill_years: int = attrs.field(default=2, validator=_positive)
    #: Filing within 20 working days of issue (2024 Measures Art. 26) …
    filing_working_days: int = attrs.field(default=20, validator=_positive)
    #: … counted on this calendar.
    calendar: WorkingCalendar = attrs.field(
        factory=WorkingCalendar, validator=attrs.validators.instance_of(WorkingCalendar)
    )
    #: Reporting: a unit within 1 h, each hop within 2 h (事故报告条例 Arts 9–11).
    unit_report: dt.timedelta = attrs.field(default=dt.timedelta(hours=1), validator=_duration)
    report_hop: dt.timedelta = attrs.field(default=dt.timedelta(hours=2), validator=_duration)
    #: Major public-opinion cases: release in 5 h, press conference in 24 h.
    release_deadline: dt.timedelta = attrs.field(default=dt.timedelta(hours=5), validator=_duration)
    press_conference_deadline: dt.timedelta = attrs.field(
        default=dt.timedelta(hours=24), validator=_duration
    )
    #: Proposals answered within 3 months of assignment, 6 at most.
    reply_months: int = attrs.field(default=3, validator=_positive)
    reply_months_max: int = attrs.field(default=6, validator=_positive)
    #: Registered social organisations inspected at least yearly.
    inspection_years: int = attrs.field(default=1, validator=_positive)


@attrs.frozen(kw_only=True)
class ChongqingParams:
    """Parameters of the chongqing pack, defaulting to 重庆市突发事件应对条例 (2012).

    >>> ChongqingParams().revision_years_city
    5
    """

    #: Every plan drilled at least yearly (Art. 19).
    local_drill_years: int = attrs.field(default=1, validator=_positive)
    #: 市/区县 plans revised within 5 years, 乡镇/街道/村/居 plans within 3 (Art. 15).
    revision_years_city: int = attrs.field(default=5, validator=_positive)
    revision_years_township: int = attrs.field(default=3, validator=_positive)


@attrs.frozen(kw_only=True)
class IcsParams:
    """Parameters of the ics pack: the span-of-control band (FEMA IS-200.c, NIMS).

    Warn above ``span_max``, error above ``span_hard_max``.  Below
    ``span_min`` the rule asks whether the document named every subordinate,
    and only in a command structure of at least ``span_min_units`` units:
    a smaller one is too small for the band (the default, 31, is one
    supervisor with five subordinates each with five, 1 + 5 + 25: the
    smallest two-level structure at the optimal span of 5).

    >>> IcsParams(span_min=8)
    Traceback (most recent call last):
    ...
    ValueError: span of control needs 0 < span_min ≤ span_max ≤ span_hard_max (got 8, 7, 10)
    """

    span_min: int = attrs.field(default=3, validator=_positive)
    span_max: int = attrs.field(default=7, validator=_positive)
    span_hard_max: int = attrs.field(default=10, validator=_positive)
    span_min_units: int = attrs.field(default=31, validator=_positive)

    def __attrs_post_init__(self) -> None:
        if not self.span_min <= self.span_max <= self.span_hard_max:
            raise ValueError(
                "span of control needs 0 < span_min ≤ span_max ≤ span_hard_max "
                f"(got {self.span_min}, {self.span_max}, {self.span_hard_max})"
            )


#: The areas of the EK codes, shared by the three built-in packs.
EK_AREAS: dict[str, Label] = {
    "EK0": Label(zh="标识与引用", en="Ids and references"),
    "EK1": Label(zh="预案与演练", en="Plans and drills"),
    "EK2": Label(zh="“3+8”制度与调度", en="The 3+8 framework and dispatch"),
    "EK3": Label(zh="救援力量", en="Rescue forces"),
    "EK4": Label(zh="新闻舆论", en="Public opinion"),
    "EK5": Label(zh="指挥体系", en="Command structure"),
    "EK6": Label(zh="社会组织与责任", en="Society and duty"),
    "EK7": Label(zh="建议提案办理与承诺", en="Suggestions, proposals and commitments"),
    # No rule: the gaps a what-if simulation reports (emergencykit.scenario.GAPS).
    "EK8": Label(zh="情景推演缺口", en="What-if gaps"),
}

#: National law and regulations; on everywhere.
NATIONAL: Pack[NationalParams] = Pack(
    name="national",
    prefix="EK",
    label=Label(zh="国家基线", en="national baseline"),
    applies=everywhere,
    params=NationalParams(),
    areas=EK_AREAS,
)

#: Chongqing's regulation and the policy of the seed; on where the root
#: jurisdiction is Chongqing: its GB/T 2260 division code starts with 50.
CHONGQING: Pack[ChongqingParams] = Pack(
    name="chongqing",
    prefix="EK",
    label=Label(zh="重庆地方", en="Chongqing local policy"),
    applies=RootDivision(codes=("50",)),
    params=ChongqingParams(),
    areas=EK_AREAS,
)

#: Incident-command practice; on everywhere.
ICS: Pack[IcsParams] = Pack(
    name="ics",
    prefix="EK",
    label=Label(zh="事故指挥体系实践", en="incident-command practice"),
    applies=everywhere,
    params=IcsParams(),
    areas=EK_AREAS,
)
