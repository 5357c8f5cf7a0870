"""A free label beside every ``other``: declared once, read by every layer."""

import enum
import json
import typing

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import emergencykit as ek
from emergencykit import io, summary
from emergencykit.model._classes import validated
from emergencykit.model._other import has_other
from emergencykit.strategies import labels, objects
from emergencykit.strategies._objects import model_classes

COORDINATION = ek.Label(zh="协调机制", en="coordination mechanism")


def _enum_fields_with_other() -> list[tuple[type, str]]:
    found = []
    for cls in model_classes():
        hints = typing.get_type_hints(cls)
        found += [(cls, f.name) for f in attrs.fields(cls) if has_other(hints[f.name])]
    return found


ENUM_FIELDS = _enum_fields_with_other()


def _enum_of(cls: type, name: str) -> type[enum.Enum]:
    hint = typing.get_type_hints(cls)[name]
    (found,) = [
        a
        for a in (hint, *typing.get_args(hint))
        if isinstance(a, type) and issubclass(a, enum.Enum)
    ]
    return found


def test_every_enum_with_other_is_found() -> None:
    assert {_enum_of(cls, name) for cls, name in ENUM_FIELDS} == {
        ek.AgencyKind,
        ek.Sector,
        ek.DocumentKind,
        ek.ForceDomain,
        ek.FacilityKind,
        ek.InstitutionFunction,
        ek.OrganizationKind,
        ek.RevisionTrigger,
    }


def test_other_stays_the_last_member() -> None:
    for cls, name in ENUM_FIELDS:
        assert list(_enum_of(cls, name))[-1].value == "other", cls


@pytest.mark.parametrize(("cls", "name"), ENUM_FIELDS, ids=lambda x: getattr(x, "__name__", x))
def test_every_enum_field_with_other_has_its_free_label(cls: type, name: str) -> None:
    declared = ek.other_labels(cls)[f"{name}_other"]
    assert declared.of == name
    assert declared.many == (typing.get_origin(typing.get_type_hints(cls)[name]) is tuple)
    assert attrs.fields_dict(cls)[f"{name}_other"].default is None


def test_a_class_that_forgets_the_free_label_is_refused() -> None:
    with pytest.raises(TypeError, match=r"domain_other: Label \| None = other_label"):

        @attrs.frozen(kw_only=True, field_transformer=validated)
        class Forgetful:
            domain: ek.ForceDomain


def test_a_free_label_beside_an_enum_without_other_is_refused() -> None:
    with pytest.raises(TypeError, match="'kind' is not one"):

        @attrs.frozen(kw_only=True, field_transformer=validated)
        class Misplaced:
            kind: ek.PlanKind
            kind_other: ek.Label | None = ek.other_label("kind")


def test_the_label_is_allowed_beside_other_and_optional() -> None:
    a = ek.Agency(id="a", name=ek.Label(zh="甲"), kind="other", kind_other=COORDINATION)
    assert a.kind_other == COORDINATION
    assert ek.Agency(id="a", name=ek.Label(zh="甲"), kind="other").kind_other is None


@pytest.mark.parametrize("sector", [ek.Sector.HEALTH, None])
def test_the_label_is_refused_beside_anything_but_other(sector: ek.Sector | None) -> None:
    with pytest.raises(ek.errors.FieldValueError, match="'sector_other' is allowed only when"):
        ek.Agency(
            id="a",
            name=ek.Label(zh="甲"),
            kind="government",
            sector=sector,
            sector_other=COORDINATION,
        )


def test_a_list_of_members_takes_a_label_when_it_holds_other() -> None:
    reform = ek.Label(zh="机构改革")
    r = ek.Revision(triggers=["law_changed", "other"], triggers_other=reform)
    assert ek.labels_of(r, "triggers") == ["法律法规或上位预案变化", "机构改革"]
    with pytest.raises(ek.errors.FieldValueError, match="only when triggers holds other"):
        ek.Revision(triggers=["law_changed"], triggers_other=reform)


def test_loading_names_the_key_of_a_misplaced_label() -> None:
    text = json.dumps(
        {
            "schema": "emergencykit/1",
            "id": "s",
            "name": {"zh": "系统"},
            "facilities": [
                {"id": "f", "name": {"zh": "站"}, "kind": "shelter", "kind_other": {"zh": "站"}}
            ],
        }
    )
    with pytest.raises(ek.errors.EmergencyKitError) as caught:
        io.loads(text, "json")
    assert "$.facilities[0].kind_other" in str(caught.value)
    assert "only when kind is other" in str(caught.value)


def test_the_schema_allows_the_label_only_beside_other() -> None:
    schema = io.json_schema()
    doc = {
        "schema": "emergencykit/1",
        "id": "s",
        "name": {"zh": "系统"},
        "agencies": [
            {"id": "a", "name": {"zh": "甲"}, "kind": "other", "kind_other": {"zh": "机制"}}
        ],
        "plans": [
            {
                "id": "p",
                "kind": "special",
                "revisions": [{"triggers": ["other"], "triggers_other": {"zh": "机构改革"}}],
            }
        ],
    }
    jsonschema.validate(doc, schema)
    doc["agencies"][0]["kind"] = "government"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)
    doc["agencies"][0]["kind"] = "other"
    doc["plans"][0]["revisions"][0]["triggers"] = ["scheduled"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)
    doc["plans"][0]["revisions"][0]["triggers_other"] = None
    jsonschema.validate(doc, schema)


def test_the_summary_shows_the_document_s_words_for_other() -> None:
    system = ek.EmergencySystem(
        id="s",
        name=ek.Label(zh="系统"),
        facilities=(
            ek.Facility(
                id="f",
                name=ek.Label(zh="一号站"),
                kind="other",
                kind_other=ek.Label(zh="消防救援站点", en="fire-rescue post"),
            ),
        ),
        teams=(
            ek.Team(
                id="t",
                name=ek.Label(zh="民兵应急连"),
                domain="other",
                domain_other=ek.Label(zh="民兵", en="militia"),
            ),
            ek.Team(id="u", name=ek.Label(zh="某队"), domain="other"),
        ),
    )
    zh = summary.summarize(system, lang="zh")
    en = summary.summarize(system, lang="en")
    assert zh["facilities"][0]["kind"] == "消防救援站点"
    assert en["facilities"][0]["kind"] == "fire-rescue post"
    assert zh["forces"][0]["domain"] == "民兵、其他"
    assert en["forces"][0]["domain"] == "militia, other"


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_the_free_label_survives_and_unstated_stays_unstated(fmt: str, data: st.DataObject) -> None:
    collection, cls, name = data.draw(st.sampled_from(_COLLECTED))
    hint = typing.get_type_hints(cls)[name]
    other: object = ("other",) if typing.get_origin(hint) is tuple else "other"
    free = data.draw(st.none() | labels())
    obj = data.draw(objects(cls, **{name: st.just(other), f"{name}_other": st.just(free)}))
    system = ek.EmergencySystem(id="s", name=ek.Label(zh="系统"), **{collection: (obj,)})
    back = io.loads(io.dumps(system, fmt), fmt)
    assert back == system
    assert getattr(getattr(back, collection)[0], f"{name}_other") == free


# Each collection class with an enum field that has other.
_COLLECTED = [
    (collection, cls, name)
    for collection, (cls, _) in ek.COLLECTIONS.items()
    for c, name in ENUM_FIELDS
    if c is cls
]
