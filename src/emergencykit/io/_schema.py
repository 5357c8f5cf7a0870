"""The JSON Schema of the file format, generated from the attrs classes.

Each class becomes a ``$defs`` entry read from its fields: the type hints
give the types, the fields without default are required, and the same
annotations that give the model its validators give the id pattern, the
non-empty-text pattern and the bounds of counts.
"""

import datetime as dt
import enum
import inspect
import typing
from typing import Annotated, Any

import attrs

from emergencykit.io._convert import SCHEMA, converter
from emergencykit.model import PartialDate, _validators, id_lists, other_labels
from emergencykit.model._classes import int_bounds
from emergencykit.model._labels import BilingualEnum
from emergencykit.model._system import EmergencySystem
from emergencykit.model._types import IdList, Shape, one_or_more

__all__ = ["DATE_PATTERN", "DURATION_PATTERN", "json_schema"]

# "(?![\s\S])" ends a pattern at the very end of the text: "$" would also
# match before a final newline in Python's re, which validators do run.
_END = r"(?![\s\S])"

#: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, then ``~`` when approximate
#: (ISO 8601-2, EDTF level 1).  Months 01–12 and days 01–31; a day past
#: its month's end (``2021-02-30``) and the year 0000 are refused on loading.
DATE_PATTERN = r"^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?~?" + _END

#: ISO 8601 durations in days, hours, minutes and seconds (``P1D``, ``PT5H``, ``P2DT3H``).
DURATION_PATTERN = (
    r"^P(?!" + _END + r")(?:[0-9]+W)?(?:[0-9]+D)?"
    r"(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]{1,6})?S)?)?" + _END
)

# The id pattern of the validators, without the escape of '"' that ECMA 262's
# Unicode mode (which JSON Schema patterns follow) does not allow.
_ID_PATTERN = "^(?:" + _validators._ID.pattern.replace('\\"', '"') + ")" + _END

_SHARED: dict[str, dict[str, Any]] = {
    "PartialDate": {
        "title": "PartialDate",
        "description": "A date known to the year, the month or the day: YYYY, YYYY-MM or "
        "YYYY-MM-DD (ISO 8601-2, EDTF level 1), with a trailing ~ when approximate.",
        "type": "string",
        "pattern": DATE_PATTERN,
        "examples": ["2022-05-11", "2021-11", "2022", "2021-11~"],
    },
    "Id": {
        "title": "Id",
        "description": "An object id: no whitespace, no control character and none of , < > & \" '.",
        "type": "string",
        "minLength": 1,
        "pattern": _ID_PATTERN,
    },
    "DivisionCode": {
        "title": "DivisionCode",
        "description": "An administrative division code of GB/T 2260: six digits.",
        "type": "string",
        "pattern": "^[0-9]{6}" + _END,
        "examples": ["500000", "500101"],
    },
    "Text": {
        "title": "Text",
        "description": "Non-empty text without leading or trailing whitespace, "
        "and no control character other than tab and newline.",
        "type": "string",
        "minLength": 1,
        "pattern": (
            rf"^[^\s{_validators.CONTROLS}]"
            rf"(?:[^{_validators.CONTROLS}]*[^\s{_validators.CONTROLS}])?" + _END
        ),
    },
}


def _first_paragraph(cl: type) -> str | None:
    doc = inspect.getdoc(cl)
    if not doc:
        return None
    return " ".join(doc.split("\n\n")[0].split())


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def shared(self, name: str) -> dict[str, Any]:
        self.defs.setdefault(name, dict(_SHARED[name]))
        return self.ref(name)

    def of(self, t: Any) -> dict[str, Any]:
        if one_or_more(t):
            # One item alone, a list of them, or null for none.
            many = self.of(t.__origin__)
            return {"anyOf": [many["items"], many, {"type": "null"}]}
        if typing.get_origin(t) is Annotated:
            return self.annotated(t.__origin__, t.__metadata__)
        if t is str:
            return {"type": "string"}
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return {"type": "integer"}
        if t is PartialDate:
            return self.shared("PartialDate")
        if t is dt.timedelta:
            return {"type": "string", "format": "duration", "pattern": DURATION_PATTERN}
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return self.enum(t)
        if isinstance(t, type) and attrs.has(t):
            return self.cls(t)
        args = typing.get_args(t)
        if typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self.of(args[0])}
        if type(None) in args and len(args) == 2:
            inner = next(a for a in args if a is not type(None))
            return {"anyOf": [self.of(inner), {"type": "null"}]}
        raise TypeError(f"no JSON Schema for {t!r}")

    def annotated(self, base: Any, metadata: tuple[Any, ...]) -> dict[str, Any]:
        """The schema of ``Annotated[base, *metadata]``: an id, a text or bounded integers."""
        shape = next((m for m in metadata if isinstance(m, Shape)), None)
        if shape is not None:
            shared = {"id": "Id", "text": "Text", "division_code": "DivisionCode"}
            return self.shared(shared[shape.name])
        schema = self.of(base)
        low, high = int_bounds(metadata)
        if low is not None:
            schema["minimum"] = low
        if high is not None:
            schema["maximum"] = high
        return schema

    def open_lists(self, cl: type) -> dict[str, Any]:
        """An object's ``open``: names of its own lists of ids (none when it has none)."""
        names = id_lists(cl)
        if not names:
            return {"type": "array", "maxItems": 0}
        return {"type": "array", "items": {"enum": list(names)}}

    def enum(self, cl: type[enum.Enum]) -> dict[str, Any]:
        name = cl.__name__
        if name not in self.defs:
            schema: dict[str, Any] = {"title": name}
            doc = _first_paragraph(cl)
            if doc:
                schema["description"] = doc
            schema["type"] = "string"
            schema["enum"] = [m.value for m in cl]
            if issubclass(cl, BilingualEnum):
                schema["x-labels"] = {m.value: {"zh": m.zh, "en": m.en} for m in cl}
            self.defs[name] = schema
        return self.ref(name)

    def cls(self, cl: type) -> dict[str, Any]:
        name = cl.__name__
        if name in self.defs:
            return self.ref(name)
        schema: dict[str, Any] = {"title": name}
        self.defs[name] = schema  # registered first: a class may refer to itself
        doc = _first_paragraph(cl)
        if doc:
            schema["description"] = doc
        schema["type"] = "object"
        properties: dict[str, Any] = {}
        if cl is EmergencySystem:
            properties["schema"] = {"const": SCHEMA}
        required = ["schema"] if cl is EmergencySystem else []
        hints = typing.get_type_hints(cl, include_extras=True)
        for field in attrs.fields(cl):
            if hints[field.name] == tuple[IdList, ...]:
                prop = self.open_lists(cl)
            else:
                prop = self.of(hints[field.name])
            if field.default is attrs.NOTHING:
                required.append(field.name)
            elif field.default is not None and field.default != ():
                prop = {**prop, "default": converter().unstructure(field.default)}
            properties[field.name] = prop
        for key, declared in other_labels(cl).items():
            properties[key] = {
                **properties[key],
                "description": f"What {declared.of} is, in words, when it is other.",
            }
        schema["properties"] = properties
        schema["required"] = required
        # Keys of which the class needs at least one (a Label's zh and en).
        at_least_one: tuple[str, ...] = getattr(cl, "AT_LEAST_ONE", ())
        if at_least_one:
            schema["anyOf"] = [{"required": [key]} for key in at_least_one]
        # A free label only beside other (model._other).
        conditions = [_only_when_other(key, d.of, d.many) for key, d in other_labels(cl).items()]
        if conditions:
            schema["allOf"] = conditions
        schema["additionalProperties"] = False
        return self.ref(name)


def _only_when_other(name: str, of: str, many: bool) -> dict[str, Any]:
    """``name`` stated (not null) requires ``of`` to be (or, when ``many``, hold) ``other``."""
    other: dict[str, Any] = {"contains": {"const": "other"}} if many else {"const": "other"}
    return {
        "if": {"required": [name], "properties": {name: {"not": {"type": "null"}}}},
        "then": {"required": [of], "properties": {of: other}},
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an ``emergencykit/1`` document.

    Generated from the model's classes and their annotations, so it cannot drift
    from what :func:`~emergencykit.io.load` accepts: required keys, no
    unknown keys, enum values, dates, ISO 8601 durations, the id pattern,
    non-empty text, the bounds of counts.  Loading is a little stricter than
    the schema in places JSON Schema cannot express: cross-field checks
    (parts that must add up, revisions not before issue) and integers
    written as ``1.0``.

    Returns
    -------
    dict
        A fresh schema each call; ``json.dumps`` it to save it.

    Examples
    --------
    >>> from emergencykit.io import json_schema
    >>> schema = json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> schema["$defs"]["EmergencySystem"]["properties"]["schema"]
    {'const': 'emergencykit/1'}
    >>> schema["$defs"]["Count"]["properties"]["value"]
    {'type': 'integer', 'minimum': 0, 'maximum': 1000000000}
    >>> schema["$defs"]["Count"]["required"]
    ['value', 'unit']
    >>> schema["$defs"]["Label"]["anyOf"]
    [{'required': ['zh']}, {'required': ['en']}]
    """
    builder = _Builder()
    root = builder.of(EmergencySystem)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": SCHEMA,
        "description": "An emergency-management system as one emergencykit document.",
        **root,
        "$defs": builder.defs,
    }
