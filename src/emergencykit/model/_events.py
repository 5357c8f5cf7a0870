"""Events: categories, severities, warning and response levels, event types."""

import attrs

from emergencykit.model._classes import validated
from emergencykit.model._common import Entity, Label
from emergencykit.model._labels import BilingualEnum

__all__ = ["EventCategory", "EventType", "ResponseLevel", "Severity", "WarningLevel"]


class EventCategory(BilingualEnum):
    """The four categories of 突发事件 (应对法 Art. 2)."""

    NATURAL_DISASTER = ("natural_disaster", "自然灾害", "natural disaster")
    ACCIDENT_DISASTER = ("accident_disaster", "事故灾难", "accident disaster")
    PUBLIC_HEALTH = ("public_health", "公共卫生事件", "public-health event")
    SOCIAL_SECURITY = ("social_security", "社会安全事件", "public-security incident")


class Severity(BilingualEnum):
    """Grades I–IV (应对法 Art. 3); ``grade`` 1 is the most severe."""

    ESPECIALLY_MAJOR = ("especially_major", "特别重大", "especially major (I)")
    MAJOR = ("major", "重大", "major (II)")
    LARGE = ("large", "较大", "large (III)")
    ORDINARY = ("ordinary", "一般", "ordinary (IV)")

    @property
    def grade(self) -> int:
        """1 (特别重大) … 4 (一般)."""
        return list(Severity).index(self) + 1


class WarningLevel(BilingualEnum):
    """Warning levels (应对法 Art. 63); level 1 (red) is the highest."""

    RED = ("red", "一级(红色)", "level 1 (red)")
    ORANGE = ("orange", "二级(橙色)", "level 2 (orange)")
    YELLOW = ("yellow", "三级(黄色)", "level 3 (yellow)")
    BLUE = ("blue", "四级(蓝色)", "level 4 (blue)")


class ResponseLevel(BilingualEnum):
    """Emergency response levels (应对法 Art. 71); level 1 is the highest."""

    LEVEL_1 = ("1", "一级响应", "level 1 response")
    LEVEL_2 = ("2", "二级响应", "level 2 response")
    LEVEL_3 = ("3", "三级响应", "level 3 response")
    LEVEL_4 = ("4", "四级响应", "level 4 response")


@attrs.frozen(kw_only=True, field_transformer=validated)
class EventType(Entity):
    """A type of emergency (flood, hazardous chemicals, infectious disease …)."""

    name: Label
    category: EventCategory
