"""The parameters of a simulation: statutory limits and the levels that handle each severity."""

from typing import Any

import attrs

from emergencykit.model import AdminLevel, Severity
from emergencykit.rules import NationalParams

__all__ = ["ScenarioConfig"]


def _levels(_: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if (
        not isinstance(value, tuple)
        or len(value) != len(Severity)
        or not all(isinstance(v, AdminLevel) for v in value)
    ):
        raise ValueError(
            f"{attribute.name} must be a tuple of {len(Severity)} AdminLevel, "
            f"one for each severity I–IV (got {value!r})"
        )


@attrs.frozen(kw_only=True)
class ScenarioConfig:
    """How a simulation reads the law: the limits and levels it applies.

    The defaults are the national ones.  ``national`` holds the statutory
    time limits, shared with validation
    (:class:`~emergencykit.rules.NationalParams`: the unit's 1 h report and
    2 h a hop of 生产安全事故报告和调查处理条例 Arts 9–11, the 5 h
    authoritative release and 24 h press conference of 国办发〔2016〕80号 and
    61号).  ``handling`` gives, for severities I–IV in order, the level of
    government that handles the incident under 分级负责 (特别重大 national,
    with the province; 重大 provincial; 较大 prefecture; 一般 county);
    ``accident_reporting`` how far up a production-safety accident is
    reported (I and II to the State Council, III to the province, IV to the
    prefecture: 事故报告条例 Art. 10).  ``major`` is the least severity at which
    the 5 h / 24 h public-information limits apply (重大 and above).

    Examples
    --------
    >>> ScenarioConfig().handling[1].en
    'provincial'
    >>> ScenarioConfig(handling=(AdminLevel.NATIONAL,))
    Traceback (most recent call last):
    ...
    ValueError: handling must be a tuple of 4 AdminLevel, one for each severity I–IV (got (<AdminLevel.NATIONAL: 'national'>,))
    """

    national: NationalParams = attrs.field(
        factory=NationalParams, validator=attrs.validators.instance_of(NationalParams)
    )
    handling: tuple[AdminLevel, ...] = attrs.field(
        default=(
            AdminLevel.NATIONAL,
            AdminLevel.PROVINCIAL,
            AdminLevel.PREFECTURE,
            AdminLevel.COUNTY,
        ),
        validator=_levels,
    )
    accident_reporting: tuple[AdminLevel, ...] = attrs.field(
        default=(
            AdminLevel.NATIONAL,
            AdminLevel.NATIONAL,
            AdminLevel.PROVINCIAL,
            AdminLevel.PREFECTURE,
        ),
        validator=_levels,
    )
    major: Severity = attrs.field(
        default=Severity.MAJOR, validator=attrs.validators.instance_of(Severity)
    )
