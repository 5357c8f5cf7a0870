"""EK0xx: ids and references."""

import attrs
import pytest
import rules_helpers as h

import emergencykit as ek
from emergencykit import rules
from emergencykit.rules.ids import REFERENCES, reference_fields

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
    todo = [ek.EmergencySystem]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.append(cls)
        for f in reference_fields(cls) if cls is not ek.EmergencySystem else ():
            if f.target is not None:
                todo.append(f.target)
        if cls is ek.EmergencySystem:
            todo.extend(kind for kind, _ in ek.COLLECTIONS.values())
            todo.append(ek.Link)
    return seen


def test_reference_table_matches_the_id_fields_of_the_model():
    derived = {
        (cls.__name__, f.name)
        for cls in _model_classes()
        if cls is not ek.EmergencySystem
        for f in reference_fields(cls)
        if f.shape in ("ref", "refs")
    }
    assert derived == set(REFERENCES)


def test_text_fields_are_not_taken_for_references():
    names = {f.name for f in reference_fields(ek.Jurisdiction)}
    assert "code" not in names
    assert {"parent", "hazards"} <= names
