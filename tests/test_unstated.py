"""Not stated is not none: every optional field keeps "not stated" apart from every value.

A field the source may leave silent is optional with ``None`` as its default
and no default that asserts a fact.  Round trips (the converter and the three
file formats) write nothing for ``None`` and read nothing back as ``None``;
every stated value, including the one a field used to default to, comes
back as itself.
"""

import enum
import types
import typing
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import emergencykit as ek
from emergencykit import io
from emergencykit.io._convert import converter
from emergencykit.model import COLLECTIONS
from emergencykit.strategies import objects
from emergencykit.strategies._objects import model_classes

CLASSES = model_classes()


def optional_fields(cls: type) -> list[str]:
    """The fields of ``cls`` that may be left unstated (``X | None``)."""
    hints = typing.get_type_hints(cls)
    return [
        f.name
        for f in attrs.fields(cls)
        if typing.get_origin(hints[f.name]) in (typing.Union, types.UnionType)
        and type(None) in typing.get_args(hints[f.name])
    ]


def stated_values(cls: type, name: str) -> list[Any]:
    """Every value of an enum or bool field (each one a source can state), else none."""
    hint = typing.get_type_hints(cls)[name]
    (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
    if inner is bool:
        return [True, False]
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        return list(inner)
    return []


#: Defaults that assert a fact a source may not state; before 0.x they were
#: joint handling, issued documents, promised commitments, video dispatch …
FORMERLY_DEFAULTED = {
    (ek.Proposal, "mode"): ek.HandlingMode.JOINT,
    (ek.Document, "status"): ek.DocumentStatus.ISSUED,
    (ek.Commitment, "status"): ek.CommitmentStatus.PROMISED,
    (ek.RevisionProgress, "status"): ek.RevisionStatus.PLANNED,
    (ek.DispatchMode, "channel"): ek.Channel.VIDEO,
    (ek.Deadlines, "severity"): ek.Severity.MAJOR,
    (ek.Mandate, "per_category"): 1,
    (ek.Mandate, "rapid_unit"): False,
    (ek.Mandate, "ab_posts"): False,
    (ek.OpinionProtocol, "accountability"): False,
    (ek.DrillPolicy, "comprehensive_per_year"): 0,
    (ek.DrillPolicy, "special_per_year"): 0,
}

#: Fields that were required and that a source may leave unstated.
FORMERLY_REQUIRED = [
    (ek.Session, "term"),
    (ek.Session, "meeting"),
    (ek.Reply, "date"),
    (ek.Proposal, "number"),
    (ek.Proposal, "session"),
    (ek.Proposal, "title"),
    (ek.Plan, "title"),
    (ek.Document, "title"),
    (ek.ExpertPanel, "kind"),
    (ek.DispatchMode, "cadence"),
    (ek.Meeting, "cadence"),
    (ek.Drill, "date"),
    (ek.Drill, "scope"),
    (ek.Inspection, "date"),
    (ek.Revision, "status"),
]


def test_no_default_asserts_a_fact() -> None:
    # Every default is "not stated" (None), "none listed" (()), or a count's
    # exactness: a number written without 余, 约 or 不超过 is exact as stated.
    allowed = {(ek.Count, "approx")}
    asserting = [
        f"{cls.__name__}.{f.name} = {f.default!r}"
        for cls in CLASSES
        for f in attrs.fields(cls)
        if f.default is not attrs.NOTHING
        and f.default is not None
        and f.default != ()
        and (cls, f.name) not in allowed
    ]
    assert asserting == []


@pytest.mark.parametrize(("cls", "name"), [*FORMERLY_DEFAULTED, *FORMERLY_REQUIRED])
def test_formerly_defaulted_or_required_fields_are_optional(cls: type, name: str) -> None:
    assert attrs.fields_dict(cls)[name].default is None
    assert name in optional_fields(cls)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_every_optional_field_round_trips_unstated_and_stated(
    cls: type, data: st.DataObject
) -> None:
    c = converter()
    obj = data.draw(objects(cls))
    for name in optional_fields(cls):
        silent = _evolved(obj, name, None)
        if silent is not None:
            written = c.unstructure(silent)
            assert name not in written, f"{cls.__name__}.{name}: None is written"
            back = c.structure(written, cls)
            assert back == silent and getattr(back, name) is None
        for value in [getattr(obj, name), *stated_values(cls, name)]:
            if value is None or (stated := _evolved(obj, name, value)) is None:
                continue
            written = c.unstructure(stated)
            assert name in written, f"{cls.__name__}.{name}={value!r} is not written"
            back = c.structure(written, cls)
            assert back == stated and getattr(back, name) == value


def _evolved(obj: Any, name: str, value: Any) -> Any:
    """``obj`` with ``name`` set to ``value``, or None where a check across
    fields forbids it (an inferred citation needs its why, a label zh or en):
    an object that cannot be built has nothing to round-trip."""
    try:
        return _with(obj, name, value)
    except ek.errors.FieldValueError:
        return None


def _with(obj: Any, name: str, value: Any) -> Any:
    """``obj`` with ``name`` set to ``value``; its free label dropped unless ``value`` is other."""
    changes = {name: value}
    if f"{name}_other" in ek.other_labels(type(obj)) and value != "other":
        changes[f"{name}_other"] = None
    return attrs.evolve(obj, **changes)


# Each collection class with its optional fields, for the file-format round trip.
_COLLECTED = [
    (collection, name)
    for collection, (cls, _) in COLLECTIONS.items()
    for name in optional_fields(cls)
]


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_files_keep_unstated_apart_from_every_value(fmt: str, data: st.DataObject) -> None:
    collection, name = data.draw(st.sampled_from(_COLLECTED))
    cls, _ = COLLECTIONS[collection]
    obj = data.draw(objects(cls))
    choices = [None, *stated_values(cls, name)]
    if getattr(obj, name) is not None:
        choices.append(getattr(obj, name))
    value = data.draw(st.sampled_from(choices))
    item = _evolved(obj, name, value)
    assume(item is not None)  # numbered: false beside a drawn number cannot be built
    system = ek.EmergencySystem(id="s", name=ek.Label(zh="系统"), **{collection: (item,)})
    back = io.loads(io.dumps(system, fmt), fmt)
    assert back == system
    assert getattr(getattr(back, collection)[0], name) == value


def test_a_proposal_without_a_mode_is_not_joint() -> None:
    text = """
schema: emergencykit/1
id: s
name: {zh: 系统}
proposals:
  - {id: p, kind: npc_suggestion}
  - {id: q, kind: npc_suggestion, mode: joint}
"""
    system = io.loads(text, "yaml")
    assert [p.mode for p in system.proposals] == [None, ek.HandlingMode.JOINT]
    assert "mode" not in io.unstructure(system)["proposals"][0]
    assert io.unstructure(system)["proposals"][1]["mode"] == "joint"
