"""The model's schema as the mirrors read it: classes bottom-up, fields in document order.

Mirrored, derived from the declarations:

- every class reachable from ``EmergencySystem``, with the same name and
  fields, in the order documents write them (an object's ``open`` last);
- required fields, and each optional field's default (``None``, ``()``,
  ``False``, an enum member);
- ids, texts and division codes by the same patterns as the model's
  validators; an ``open`` entry as one of its class's lists of ids;
  integers by their annotated-types bounds; booleans, enums (by value),
  dates, ISO 8601 durations, nested objects, lists, ``X | None``;
- fields that take one item or a list (``agency: em`` or
  ``agency: [em, geo4]``) as that union, so one item is written back alone;
- unknown keys are errors, values are not coerced (strict), objects are
  frozen;
- the checks across fields that need no date arithmetic: a label needs
  Chinese or English, an inferred citation says why, a part counts in
  distinct units, a number is not said not to exist, revised ≤ total,
  and a free ``x_other`` label only beside ``x = other``.

:data:`NOT_MIRRORED` lists what the model checks and the mirrors do not.
"""

import datetime as dt
import enum
import functools
import typing
from collections.abc import Iterator
from typing import Annotated, Any, NamedTuple

import attrs

from emergencykit.model import EmergencySystem, PartialDate
from emergencykit.model._other import other_labels
from emergencykit.model._refs import id_lists
from emergencykit.model._types import Shape, one_or_more
from emergencykit.model._validators import CONTROLS

#: What the mirrors check, in one line (the module docstring has the list).
MIRRORED = "fields, defaults, enums, nesting, patterns, bounds, simple checks across fields"

#: What the model checks and the mirrors leave out (each costs little when loading).
NOT_MIRRORED = (
    "a date's day exists in its month (the pattern allows 2021-02-30)",
    "a plan's revisions and filing are not before its issue date",
    "a reply is not before its assignment",
    "a force group's parts add up to its totals",
    "dates and durations are kept as the text the document writes",
)

#: Controls that both regex engines accept (the lone surrogates no JSON parser hands over).
_CONTROLS = CONTROLS.replace(r"\ud800-\udfff", "")
#: The model's patterns, unanchored; each mirror anchors them for its engine.
PATTERNS = {
    "id": f"[^\\s,<>&\"'{_CONTROLS}]+",
    "text": f"[^\\s{_CONTROLS}](?:[^{_CONTROLS}]*[^\\s{_CONTROLS}])?",
    "division_code": "[0-9]{6}",
    "date": "[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?~?",
}


class Field(NamedTuple):
    """One field of a model class as a mirror declares it."""

    name: str
    hint: Any
    default: Any  # attrs.NOTHING when required


def _nested(hint: Any) -> Iterator[type]:
    if isinstance(hint, type) and attrs.has(hint) and hint is not PartialDate:
        yield hint
    for arg in typing.get_args(hint):
        yield from _nested(arg)


@functools.cache
def classes() -> tuple[type, ...]:
    """Every model class a document holds, each after the classes its fields hold."""
    order: list[type] = []

    def visit(cls: type) -> None:
        if cls in order:
            return
        for hint in hints(cls).values():
            for inner in _nested(hint):
                visit(inner)
        order.append(cls)

    visit(EmergencySystem)
    return tuple(order)


@functools.cache
def hints(cls: type) -> dict[str, Any]:
    """The annotation of each field of ``cls``, with its metadata."""
    return typing.get_type_hints(cls, include_extras=True)


def fields(cls: type) -> list[Field]:
    """The fields of ``cls`` in document order: class order, ``open`` last."""
    hs = hints(cls)
    out = [Field(f.name, hs[f.name], f.default) for f in attrs.fields(cls)]
    return sorted(out, key=lambda f: f.name == "open")


class Translate:
    """Turns a model annotation into a mirror's; each library fills in the leaves."""

    def __init__(self, mirror: dict[type, Any]) -> None:
        self.mirror = mirror

    def __call__(self, cls: type, hint: Any) -> Any:
        if one_or_more(hint):
            item = self(cls, typing.get_args(hint.__origin__)[0])
            return item | tuple[item, ...]  # type: ignore[operator]
        origin = typing.get_origin(hint)
        if origin is Annotated:
            shape = _shape(hint)
            if shape == "id_list":
                return typing.Literal[id_lists(cls)]  # type: ignore[valid-type]
            if shape is not None:
                return self.pattern(PATTERNS[shape])
            low, high = _bounds(hint.__metadata__)
            return self.bounded(low, high)
        if origin in (typing.Union, type(int | None)):
            args = [a for a in typing.get_args(hint) if a is not type(None)]
            return self(cls, args[0]) | None
        if origin is tuple:
            item = typing.get_args(hint)[0]
            if _shape(item) == "id_list" and not id_lists(cls):
                return tuple[()]  # no list of ids to name: only the empty list
            return tuple[self(cls, item), ...]  # type: ignore[misc]
        if hint is PartialDate:
            return self.pattern(PATTERNS["date"])
        if hint in (bool, dt.timedelta) or (isinstance(hint, type) and issubclass(hint, enum.Enum)):
            return hint
        if hint in self.mirror:
            return self.mirror[hint]
        raise TypeError(f"the mirrors do not translate {hint!r}")

    def pattern(self, regex: str) -> Any:
        raise NotImplementedError

    def bounded(self, low: int, high: int) -> Any:
        raise NotImplementedError


def _shape(hint: Any) -> str | None:
    if typing.get_origin(hint) is not Annotated:
        return None
    shapes = [m.name for m in hint.__metadata__ if isinstance(m, Shape)]
    return shapes[0] if shapes else None


def _bounds(metadata: tuple[Any, ...]) -> tuple[int, int]:
    from emergencykit.model._classes import int_bounds

    low, high = int_bounds(metadata)
    if low is None or high is None:
        raise TypeError(f"an int field without both bounds: {metadata!r}")
    return low, high


# -- the checks across fields, written against attribute access (both mirrors) --


def _label(obj: Any) -> None:
    if obj.zh is None and obj.en is None:
        raise ValueError("'zh' is required when 'en' is not given")


def _citation(obj: Any) -> None:
    if obj.inferred is True and obj.why is None:
        raise ValueError("'why' is required when inferred is true")


def _part(obj: Any) -> None:
    counts = obj.count if isinstance(obj.count, tuple) else (obj.count,)
    if not counts:
        raise ValueError("'count' needs at least one count")
    units = [c.unit for c in counts]
    if len(set(units)) != len(units):
        raise ValueError("'count' must not repeat a unit")


def _numbered(obj: Any) -> None:
    if obj.number is not None and obj.numbered is False:
        raise ValueError("'numbered' must not be false when a number is given")


def _progress(obj: Any) -> None:
    if obj.revised is not None and obj.total is not None and obj.revised > obj.total:
        raise ValueError("'revised' must not exceed total")


_CHECKS = {
    "Label": _label,
    "Citation": _citation,
    "Part": _part,
    "Document": _numbered,
    "Reply": _numbered,
    "RevisionProgress": _progress,
}


def check(cls: type) -> Any:
    """The check across fields of ``cls``'s mirror (a function of the object), or ``None``."""
    checks = [_CHECKS[cls.__name__]] if cls.__name__ in _CHECKS else []
    for name, label in other_labels(cls).items():
        checks.append(_other(name, label.of))
    if not checks:
        return None

    def run(obj: Any) -> None:
        for one in checks:
            one(obj)

    return run


def _other(name: str, of: str) -> Any:
    def check_other(obj: Any) -> None:
        if getattr(obj, name) is None:
            return
        stated = getattr(obj, of)
        if "other" not in (stated if isinstance(stated, tuple) else (stated,)):
            raise ValueError(f"'{name}' is allowed only when {of} is (or holds) other")

    return check_other
