"""Free labels beside ``other``: what a document means when no member fits.

Every enumeration of the model that ends in ``other`` (``AgencyKind``,
``Sector``, ``ForceDomain``, ``FacilityKind`` …) is a vocabulary that real
documents outgrow: a reply speaks of a 协调机制, a sector the enum does not
list, a facility of a kind of its own.  So each field of such an enum has a
sibling ``<field>_other``, declared with :func:`other_label`, where the
document says, in words, what the ``other`` is:

>>> from emergencykit import Agency, AgencyKind, Label, label_of
>>> a = Agency(id="x", name=Label(zh="防汛抗旱协调小组"), kind="other",
...            kind_other=Label(zh="协调机制", en="coordination mechanism"))
>>> label_of(a, "kind"), label_of(a, "kind", "en")
('协调机制', 'coordination mechanism')

Why a sibling field, and not a member made up on the fly or a free text in
place of the value: the value stays a member of the enum, so files keep one
stable vocabulary, the JSON Schema keeps its ``enum`` lists and every rule
that switches on a member keeps working (an ``other`` is never mistaken for
a member it might resemble); the words the document uses are kept beside it,
bilingual like every name, and shown wherever the member's label would be.

The label is optional: a document may say 其他部门 without saying what they
are, and a partial description does not force a guess.  It is allowed only
where the field is ``other`` (for a list of members, where the list holds
``other``); anything else contradicts the value beside it and is refused
when the object is built:

>>> Agency(id="x", name=Label(zh="市应急管理局"), kind="government_department",
...        kind_other=Label(zh="协调机制"))
Traceback (most recent call last):
...
emergencykit.errors.FieldValueError: 'kind_other' is allowed only when kind is other (got Label(zh='协调机制', en=None))

A list of members (``Revision.triggers``) has one label for all its
``other`` items: documents that list reasons of their own rarely list more
than one, and one label can name several (``机构改革、新法施行``).

The declaration is the one statement of the pairing: the model's validators
(:func:`~emergencykit.model._classes.validated`, which also refuses a model
class whose enum field with ``other`` has no such sibling), the JSON Schema,
the hypothesis strategies, the field reference, the summary and the rules
all read it back with :func:`other_labels`.
"""

import enum
import functools
import typing
from typing import Any, NamedTuple

import attrs

__all__ = [
    "OTHER",
    "OtherLabel",
    "has_other",
    "label_of",
    "labels_of",
    "other_label",
    "other_labels",
]

#: The value of the ``other`` member of every enumeration that has one.
OTHER = "other"

#: The attrs ``metadata`` key under which a field's :class:`OtherLabel` is kept.
METADATA_KEY = "emergencykit.other_label"


class OtherLabel(NamedTuple):
    """What one free-label field declares: the enum field ``of`` it describes.

    ``many`` is true when that field is a tuple of members; it is read from
    that field's annotation when the class is made, not declared.
    """

    of: str
    many: bool = False


def has_other(hint: Any) -> bool:
    """Whether a field annotated ``hint`` holds an enum with an ``other`` member.

    Looks inside ``X | None`` and ``tuple[X, ...]``.

    >>> from emergencykit import ForceDomain, PlanKind
    >>> has_other(ForceDomain | None), has_other(tuple[ForceDomain, ...]), has_other(PlanKind)
    (True, True, False)
    """
    try:
        return _HAS_OTHER[hint]
    except KeyError:
        made = _HAS_OTHER[hint] = _other_enum(hint) is not None
        return made
    except TypeError:  # an unhashable annotation
        return _other_enum(hint) is not None


# The answer for each annotation: every field of every class is asked once.
_HAS_OTHER: dict[Any, bool] = {}


def _other_enum(hint: Any) -> type[enum.Enum] | None:
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint if OTHER in hint._value2member_map_ else None
    for arg in typing.get_args(hint):
        if arg is not type(None) and arg is not Ellipsis:
            found = _other_enum(arg)
            if found is not None:
                return found
    return None


def other_label(of: str) -> Any:
    """An attrs field holding the free label of the enum field ``of`` when it is ``other``.

    Name it ``<of>_other`` and annotate it ``Label | None``; it defaults to
    ``None`` (not stated).  ``of`` may hold one member or a tuple of them.

    A sibling field rather than a member made up on the fly or free text in
    place of the value: the value stays a member, so files keep one stable
    vocabulary, the JSON Schema keeps its ``enum`` lists and rules that
    switch on members keep working, while the document's own words are kept
    beside it and shown wherever the member's label would be.  The label is
    optional (a source may say 其他部门 and no more) and refused beside any
    value but ``other``; :func:`~emergencykit.model._classes.validated`
    derives that check from this declaration and refuses a class whose
    enum field with ``other`` has no free label.

    >>> import attrs
    >>> from emergencykit.model import Label, ForceDomain
    >>> from emergencykit.model._classes import validated
    >>> @attrs.frozen(kw_only=True, field_transformer=validated)
    ... class Drone:
    ...     domain: ForceDomain
    ...     domain_other: Label | None = other_label("domain")
    >>> Drone(domain="other", domain_other=Label(zh="森林防火")).domain_other.zh
    '森林防火'
    >>> other_labels(Drone)
    {'domain_other': OtherLabel(of='domain', many=False)}
    """
    return attrs.field(default=None, metadata={METADATA_KEY: OtherLabel(of)})


@functools.cache
def other_labels(cls: type) -> dict[str, OtherLabel]:
    """The free-label fields of ``cls``, in field order: ``{name: OtherLabel}``.

    >>> from emergencykit import Agency, Revision
    >>> other_labels(Agency)
    {'kind_other': OtherLabel(of='kind', many=False), 'sector_other': OtherLabel(of='sector', many=False)}
    >>> other_labels(Revision)["triggers_other"].many
    True
    """
    return {
        f.name: f.metadata[METADATA_KEY] for f in attrs.fields(cls) if METADATA_KEY in f.metadata
    }


def _free(obj: Any, field: str) -> Any:
    """The free label beside ``field`` of ``obj``, or ``None``."""
    return getattr(obj, f"{field}_other", None)


def label_of(obj: Any, field: str, lang: str = "zh") -> str | None:
    """How the enum field ``field`` of ``obj`` reads in ``lang``; ``None`` when not stated.

    The free label when the field is ``other`` and the document says what
    it is; otherwise the member's own label.

    >>> from emergencykit import Facility, FacilityKind, Label
    >>> f = Facility(id="f", name=Label(zh="某设施"), kind=FacilityKind.OTHER)
    >>> label_of(f, "kind"), label_of(f, "kind", "en")
    ('其他', 'other')
    >>> label_of(Facility(id="f", name=Label(zh="某设施"), kind="other",
    ...                   kind_other=Label(zh="物资中转站")), "kind", "en")
    '物资中转站'
    """
    value = getattr(obj, field)
    if value is None:
        return None
    return _one(obj, field, value, lang)


def labels_of(obj: Any, field: str, lang: str = "zh") -> list[str]:
    """How each member of the tuple field ``field`` of ``obj`` reads in ``lang``.

    An ``other`` item reads as the free label, where there is one.

    >>> from emergencykit import Revision, Label
    >>> labels_of(Revision(triggers=["law_changed", "other"],
    ...                    triggers_other=Label(zh="机构改革")), "triggers")
    ['法律法规或上位预案变化', '机构改革']
    """
    return [_one(obj, field, value, lang) for value in getattr(obj, field)]


def _one(obj: Any, field: str, value: Any, lang: str) -> str:
    if value == OTHER:
        free = _free(obj, field)
        if free is not None:
            return str(free.get(lang))
    return str(value.label(lang))
