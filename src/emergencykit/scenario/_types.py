"""Incidents and timelines: what a what-if simulation takes and what it gives.

An :class:`Incident` states what happened, where, how severe and when.  A
:class:`Timeline` is what the system's data say happens next: ordered
:class:`Step` objects (a time or a deadline, an action, who is responsible,
the source that makes it so) and the gaps found on the way, as
:class:`~emergencykit.rules.Finding` objects in the report style of ``check``.
"""

import datetime as dt
from typing import Any

import attrs

from emergencykit.errors import FieldValueError
from emergencykit.model import Count, Figure, Label, Severity
from emergencykit.model._labels import BilingualEnum
from emergencykit.rules import Finding, Level

__all__ = ["Incident", "Phase", "Step", "Timeline", "severity_of"]

_ROMAN = {
    "I": Severity.ESPECIALLY_MAJOR,
    "II": Severity.MAJOR,
    "III": Severity.LARGE,
    "IV": Severity.ORDINARY,
}


def severity_of(value: object) -> Severity:
    """The :class:`~emergencykit.Severity` that ``value`` names.

    Accepts a member, its key (``"major"``), a Roman numeral ``I``–``IV`` or
    a grade ``1``–``4`` (1 is the most severe, 特别重大).

    Examples
    --------
    >>> severity_of("II"), severity_of(4).zh
    (<Severity.MAJOR: 'major'>, '一般')

    Raises
    ------
    FieldValueError
        When ``value`` names no level.
    """
    if isinstance(value, Severity):
        return value
    if isinstance(value, str):
        if value.upper() in _ROMAN:
            return _ROMAN[value.upper()]
        try:
            return Severity(value)
        except ValueError:
            pass
    if type(value) is int and 1 <= value <= 4:
        return list(Severity)[value - 1]
    raise FieldValueError("level", "must be I, II, III or IV (特别重大/重大/较大/一般)", value)


def _aware(value: object) -> dt.datetime:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            raise FieldValueError(
                "start", "must be an ISO 8601 date and time with an offset", value
            ) from None
    if not isinstance(value, dt.datetime):
        raise FieldValueError("start", "must be a datetime", value)
    if value.tzinfo is None or value.utcoffset() is None:
        raise FieldValueError(
            "start", "must carry its time zone, e.g. 2024-07-01T08:00+08:00", value
        )
    return value


def _text(name: str) -> Any:
    def check(_: object, attribute: "attrs.Attribute[str]", value: object) -> None:
        if not isinstance(value, str) or not value.strip():
            raise FieldValueError(name, "must be a non-empty string", value)

    return check


def _optional_count(_: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if value is not None and not isinstance(value, Count):
        raise FieldValueError(attribute.name, "must be a Count", value)


def _figures(value: object) -> tuple[Figure, ...]:
    items = tuple(value) if isinstance(value, (list, tuple)) else value
    if not isinstance(items, tuple) or not all(isinstance(f, Figure) for f in items):
        raise FieldValueError("figures", "must be a sequence of Figure", value)
    return items


@attrs.frozen(kw_only=True)
class Incident:
    """An emergency to play through a system: what, how severe, where and when.

    ``event_type`` is a code of the national classification (GB/T 35561) or
    the id of one of the system's event types; ``jurisdiction`` a division
    code (GB/T 2260) or the id of one of its jurisdictions.  ``level`` is the
    severity I–IV (特别重大, 重大, 较大, 一般; Roman numerals and grades are
    accepted).  ``start`` must carry its time zone.  Casualties and other
    figures are what the scenario states; ``None`` is not stated.

    Examples
    --------
    >>> inc = Incident(event_type="flood", level="II", jurisdiction="500101",
    ...                start="2024-07-01T08:00+08:00")
    >>> inc.level.zh, inc.start.isoformat()
    ('重大', '2024-07-01T08:00:00+08:00')
    """

    event_type: str = attrs.field(validator=_text("event_type"))
    level: Severity = attrs.field(converter=severity_of)
    jurisdiction: str = attrs.field(validator=_text("jurisdiction"))
    start: dt.datetime = attrs.field(converter=_aware)
    description: Label | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Label))
    )
    deaths: Count | None = attrs.field(default=None, validator=_optional_count)
    injured: Count | None = attrs.field(default=None, validator=_optional_count)
    missing: Count | None = attrs.field(default=None, validator=_optional_count)
    figures: tuple[Figure, ...] = attrs.field(default=(), converter=_figures)


class Phase(BilingualEnum):
    """The phases of a timeline, in the order a report lists them."""

    ACTIVATION = ("activation", "预案启动", "plan activation")
    COMMAND = ("command", "指挥协调", "command and coordination")
    REPORTING = ("reporting", "信息报告", "information reporting")
    RELEASE = ("release", "信息发布", "public information")
    DISPATCH = ("dispatch", "力量调派", "dispatch")

    @property
    def rank(self) -> int:
        """0 for activation, growing in report order."""
        return _PHASE_RANK[self.value]


_PHASE_RANK = {p.value: i for i, p in enumerate(Phase)}


@attrs.frozen(kw_only=True)
class Step:
    """One thing that happens after the incident, as the data say.

    Attributes
    ----------
    phase
        Which part of the response it belongs to.
    action
        What is done, in zh and en.
    offset
        When, counted from the incident's start: the moment it happens or,
        when ``deadline`` is true, the latest moment the source allows.
        ``None`` when the data give no time (dispatch order only).
    deadline
        ``offset`` is a limit ("by"), not a moment ("at").
    responsible
        Ids of who does it; empty when nobody the data name can.
    to
        Ids of who receives it (a report's recipients) or co-operates.
    subject
        The id of what the step is about: the plan activated, the body
        convened, the team dispatched.
    order
        Position among the steps of its phase (dispatch order), from 1.
    headcount
        The people a dispatched force brings, as approximate as the data.
    sources
        Why: the plan, the protocol, the statute or the rule that makes it so.
    fallback_for
        Ids of unavailable parties whose part this step's ``responsible`` takes over.
    """

    phase: Phase
    action: Label
    offset: dt.timedelta | None = None
    deadline: bool = False
    responsible: tuple[str, ...] = ()
    to: tuple[str, ...] = ()
    subject: str | None = None
    order: int | None = None
    headcount: Count | None = None
    sources: tuple[str, ...] = ()
    fallback_for: tuple[str, ...] = ()

    def sort_key(self) -> tuple[int, dt.timedelta, int, str, tuple[str, ...], str]:
        """Phase, time (untimed steps first), order, subject, responsible, action."""
        return (
            self.phase.rank,
            self.offset if self.offset is not None else dt.timedelta.min,
            self.order or 0,
            self.subject or "",
            self.responsible,
            self.action.get("en") or self.action.get("zh"),
        )


@attrs.frozen(kw_only=True)
class Timeline:
    """The steps a system's data give for an incident, and the gaps found.

    ``steps`` are in report order (:meth:`Step.sort_key`); ``findings`` in
    the order of a ``check`` report.  ``unavailable`` are the parties the
    what-if took out.
    """

    incident: Incident
    system: str
    steps: tuple[Step, ...] = ()
    findings: tuple[Finding, ...] = ()
    unavailable: tuple[str, ...] = ()

    def at(self, step: Step) -> dt.datetime | None:
        """The clock time of ``step`` (in the incident's time zone), or ``None``."""
        return None if step.offset is None else self.incident.start + step.offset

    def phase(self, phase: Phase | str) -> tuple[Step, ...]:
        """The steps of one phase, in order."""
        p = Phase(phase)
        return tuple(s for s in self.steps if s.phase is p)

    def failed(self, fail_on: Level | str = Level.ERROR) -> bool:
        """True when some gap that is not a question is at ``fail_on`` or more serious.

        The same test as :meth:`emergencykit.rules.Report.failed`: questions
        never fail a timeline.

        Examples
        --------
        >>> inc = Incident(event_type="flood", level="II", jurisdiction="j",
        ...                start="2024-07-01T08:00+08:00")
        >>> gap = Finding(code="EK810", severity=Level.WARNING, message_zh="…", message_en="…")
        >>> Timeline(incident=inc, system="s", findings=(gap,)).failed("error")
        False
        >>> Timeline(incident=inc, system="s", findings=(gap,)).failed("warning")
        True
        """
        return any(not f.is_question and f.severity.at_least(fail_on) for f in self.findings)
