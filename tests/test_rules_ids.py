"""EK0xx: ids and references."""

import typing

import attrs
import pytest
import rules_helpers as h

import emergencykit as ek
from emergencykit import rules
from emergencykit.model import Id
from emergencykit.rules.ids import reference_fields

AREA = "EK0"
L = ek.Label

CASES = {
    "EK001": lambda s: h.add(s, "agencies", h.agency("yjj", ek.AgencyKind.OTHER)),
    "EK002": lambda s: h.edit(s, "plans", "special", lead="nobody"),
    "EK003": lambda s: h.edit(s, "plans", "special", lead="t1"),
    "EK004": lambda s: h.edit(s, "jurisdictions", "wz", level=ek.AdminLevel.PROVINCIAL),
    "EK005": lambda s: attrs.evolve(s, root=None),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_on_a_broken_system(code):
    assert code in h.codes(CASES[code](h.base()))


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_is_quiet_on_the_valid_base(code):
    assert code not in h.codes(h.base())


def test_every_rule_of_the_area_has_a_case():
    assert set(CASES) == {r.code for r in rules.registry() if r.area == AREA}


def test_duplicate_reported_at_the_later_path():
    (f,) = h.findings(CASES["EK001"](h.base()), "EK001")
    assert f.path == f"$.agencies[{len(h.base().agencies)}].id"
    assert f.subjects == ("yjj",)


def test_dangling_reference_in_a_nested_object_has_its_exact_path():
    s = h.edit(h.base(), "teams", "h2", posts=(ek.Post(title=L(zh="队长"), a="p1", b="ghost"),))
    (f,) = h.findings(s, "EK002")
    assert f.path == "$.teams[7].posts[0].b"
    assert f.subjects == ("h2", "ghost")
    assert "ghost" in f.message("en") and "ghost" in f.message("zh")


def test_wrong_kind_names_the_wanted_kinds():
    (f,) = h.findings(CASES["EK003"](h.base()), "EK003")
    assert f.path == "$.plans[1].lead"
    assert "agency or command body" in f.message("en")


def test_dangling_reference_is_not_also_a_wrong_kind():
    assert "EK003" not in h.codes(CASES["EK002"](h.base()))


def test_parent_cycle_reported_once():
    s = h.edit(h.base(), "jurisdictions", "cq", parent="wz")
    found = h.findings(s, "EK004")
    cycles = [f for f in found if "cycle" in f.message("en")]
    assert len(cycles) == 1
    assert cycles[0].subjects == ("cq", "wz")


def test_root_that_is_not_a_jurisdiction():
    (f,) = h.findings(attrs.evolve(h.base(), root="yjj"), "EK005")
    assert "not a jurisdiction" in f.message("en")


def test_root_that_names_nothing():
    (f,) = h.findings(attrs.evolve(h.base(), root="atlantis"), "EK005")
    assert f.subjects == ("atlantis",)


def _model_classes():
    seen = []
    todo = [ek.Link, *(cls for cls, _ in ek.COLLECTIONS.values())]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.append(cls)
        hints = typing.get_type_hints(cls, include_extras=True)
        for f in attrs.fields(cls):
            todo.extend(t for t in _types_in(hints[f.name]) if isinstance(t, type) and attrs.has(t))
    return seen


def _types_in(hint):
    yield hint
    if typing.get_origin(hint) is not typing.Annotated:
        for arg in typing.get_args(hint):
            yield from _types_in(arg)


def test_every_id_field_of_the_model_is_a_declared_reference():
    # An id field that forgot its declaration would escape EK002 and EK003 and the graph.
    undeclared = [
        (cls.__name__, f.name)
        for cls in _model_classes()
        for f in attrs.fields(cls)
        if f.name != "id"
        and Id in _types_in(typing.get_type_hints(cls, include_extras=True)[f.name])
        and f.name not in ek.references(cls)
    ]
    assert undeclared == []
    assert len(_model_classes()) > 30


def test_reference_fields_are_read_from_the_declarations():
    fields = {f.name: f for f in reference_fields(ek.Team)}
    assert fields["commander"].kinds == ("agency", "command_body", "person")
    assert fields["posts"].shape == "nested_many"
    assert fields["posts"].target is ek.Post
    assert {f.name: f.kinds for f in reference_fields(ek.Link)} == {"source": None, "target": None}
    # A scheme's tiers are objects of their own, not references.
    assert "tiers" not in {f.name for f in reference_fields(ek.TierScheme)}


def test_text_fields_are_not_taken_for_references():
    names = {f.name for f in reference_fields(ek.Jurisdiction)}
    assert "code" not in names
    assert {"parent", "hazards"} <= names
