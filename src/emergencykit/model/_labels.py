"""Bilingual enumerations: each member carries a Chinese and an English label."""

import enum

__all__ = ["BilingualEnum"]


class BilingualEnum(enum.StrEnum):
    """An enum whose members carry ``zh`` and ``en`` labels.

    The member's value is a stable lowercase key used in files; the labels are
    for people.  Subclasses declare members as ``KEY = ("key", "中文", "English")``.

    >>> from emergencykit import PlanKind
    >>> PlanKind.OVERALL.value, PlanKind.OVERALL.zh, PlanKind.OVERALL.en
    ('overall', '总体应急预案', 'overall plan')
    >>> PlanKind("special").label("zh")
    '专项应急预案'
    """

    _value_: str
    zh: str
    en: str

    def __new__(cls, value: str, zh: str = "", en: str = "") -> "BilingualEnum":
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.zh = zh
        obj.en = en
        return obj

    def label(self, lang: str = "zh") -> str:
        """The label in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.en if lang == "en" else self.zh
