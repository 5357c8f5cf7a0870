"""The public strategies: every model class constructs, arguments are checked at once."""

import datetime as dt
import importlib
import subprocess
import sys

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import emergencykit as ek
from emergencykit.model import COLLECTIONS, AdminLevel, EmergencySystem
from emergencykit.model._types import Shape
from emergencykit.strategies import (
    MUTATIONS,
    any_systems,
    counts,
    ids,
    mutations,
    objects,
    systems,
    texts,
)
from emergencykit.strategies._objects import model_classes

CLASSES = model_classes()


def test_every_model_class_is_covered() -> None:
    names = {c.__name__ for c in CLASSES}
    assert {"Label", "Count", "Part", "Revision", "Drill", "Post", "Plan", "Team"} <= names
    assert {cls for cls, _ in COLLECTIONS.values()} <= set(CLASSES)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@given(data=st.data())
# A whole EmergencySystem (every collection, every object with its citations)
# often outgrows hypothesis's buffer; the draws that fit are tested.
@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_objects_construct_and_revalidate(cls: type, data: st.DataObject) -> None:
    value = data.draw(objects(cls))
    assert type(value) is cls
    # Evolving with no change runs every validator and cross-field check again.
    assert attrs.evolve(value) == value


@given(objects(ek.Plan))
def test_plan_dates_never_precede_issue(plan: ek.Plan) -> None:
    if plan.issued is not None:
        assert not any(r.date is not None and r.date.before(plan.issued) for r in plan.revisions)
        assert plan.filed is None or not plan.filed.before(plan.issued)


@given(objects(ek.ForceGroup))
def test_group_parts_add_up(group: ek.ForceGroup) -> None:
    for total in (group.teams, group.people):
        if total is None or total.upper is None:
            continue
        same = [c.lower for p in group.parts for c in p.count if c.unit is total.unit]
        assert sum(same) <= total.upper


@given(ids(), texts())
def test_ids_and_texts_pass_their_validators(i: str, t: str) -> None:
    ek.Agency(id=i, name=ek.Label(zh=t, en=t), kind=ek.AgencyKind.OTHER, note=t)


@given(objects(ek.Team, commander=st.just("cq-zhzx"), id=st.just("t1")))
def test_objects_take_field_strategies(team: ek.Team) -> None:
    assert (team.id, team.commander) == ("t1", "cq-zhzx")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: objects(dict), "must be a class of emergencykit.model"),
        (lambda: objects(ek.Team, nickname=st.just("x")), "no field 'nickname'"),
        (lambda: objects(ek.Team, id="t1"), "must be a strategy"),
        (lambda: counts(max_value=-1), "max_value"),
        (lambda: systems(depth=0), "depth must be at least 1"),
        (lambda: systems(depth=5), "depth must be at most 4"),
        (lambda: systems(teams=-1), "teams must be at least 0"),
        (lambda: systems(plans=(3, 1)), "min ≤ max"),
        (lambda: systems(plans=(1, 2, 3)), "(min, max) pair"),
        (lambda: systems(plans=1.5), "must be an integer"),
        (lambda: systems(children=0), "children must be at least 1"),
        (lambda: systems(children=5, agencies=2), "more than 7 units"),
        (lambda: systems(teams=5), "teams must be at most 4"),
        (lambda: systems(as_of="2024-01-01"), "as_of"),
        (lambda: systems(as_of=dt.datetime(2024, 1, 1)), "as_of"),
        (lambda: mutations("EK999"), "no mutation"),
    ],
)
def test_bad_arguments_fail_at_once(call: object, message: str) -> None:
    with pytest.raises(InvalidArgument, match=message.replace("(", r"\(").replace(")", r"\)")):
        call()  # type: ignore[operator]


@given(systems(depth=3, children=(1, 2), agencies=1, plans=(0, 1), teams=(0, 2)))
@settings(max_examples=10)
def test_system_sizes_are_respected(system: EmergencySystem) -> None:
    levels = {j.level for j in system.jurisdictions}
    assert levels == {AdminLevel.PROVINCIAL, AdminLevel.COUNTY, AdminLevel.TOWNSHIP}
    for j in system.jurisdictions:
        children = [c for c in system.jurisdictions if c.parent == j.id]
        assert len(children) <= 2
        assert len([a for a in system.agencies if a.jurisdiction == j.id]) == 5
        assert len([p for p in system.plans if p.jurisdiction == j.id]) <= 1


@given(systems())
@settings(max_examples=10)
def test_system_ids_are_unique_and_resolve(system: EmergencySystem) -> None:
    found = [obj.id for _, obj in system.entities()]
    assert len(found) == len(set(found))
    assert system.root in system
    for team in system.teams:
        assert team.commander in system and team.dispatcher in system


@given(any_systems())
def test_any_systems_construct(system: EmergencySystem) -> None:
    assert attrs.evolve(system) == system


def test_mutations_are_named_once_with_known_codes() -> None:
    names = [m.name for m in MUTATIONS]
    assert len(names) == len(set(names))
    required = {"EK001", "EK002", "EK101", "EK102", "EK201", "EK301", "EK303", "EK305"}
    required |= {"EK306", "EK307", "EK403", "EK404", "EK406", "EK501", "EK502", "EK701", "EK703"}
    assert required <= {m.code for m in MUTATIONS}
    assert any(m.code in ("EK107", "EK108") for m in MUTATIONS)


@given(st.from_type(ek.Plan), st.from_type(ek.Label), st.from_type(ek.Count))
def test_from_type_uses_the_registered_strategies(
    plan: ek.Plan, label: ek.Label, count: ek.Count
) -> None:
    assert isinstance(plan, ek.Plan) and isinstance(label, ek.Label)
    assert isinstance(count, ek.Count)


@given(st.builds(ek.Team, id=ids()))
def test_builds_infers_fields_from_registered_classes(team: ek.Team) -> None:
    assert isinstance(team.name, ek.Label)


# A Label needs zh or en, both optional, and bare builds() leaves optional
# arguments out; from_type(Label) draws one or both.  A Part's required
# count holds at least one count and each unit once, which its annotation
# cannot say; from_type(Part) draws such counts.
BUILDS_CANNOT = (ek.Label, ek.Part)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@settings(max_examples=15)
@given(data=st.data())
def test_bare_builds_of_every_class_constructs(cls: type, data: st.DataObject) -> None:
    # st.builds(cls) infers required fields from their annotations: Id,
    # Text and bounded ints draw only values the validators accept; no
    # cross-field check binds required fields to each other.
    strategy = st.from_type(cls) if cls in BUILDS_CANNOT else st.builds(cls)
    value = data.draw(strategy)
    assert type(value) is cls


@given(st.from_type(ek.Id), st.from_type(ek.Text), st.from_type(tuple[ek.Id, ...]))
def test_id_and_text_types_draw_valid_values(ident: str, text: str, many: tuple[str, ...]) -> None:
    ek.Person(id=ident, name=ek.Label(zh=text))
    ek.Link(source=ident, target=ident, relation=ek.Relation.COMMANDS)
    assert all(ek.Person(id=i, name=ek.Label(zh="名")).id == i for i in many)


def add_district(system: EmergencySystem, district: ek.Id, name: ek.Text) -> ek.Jurisdiction:
    return ek.Jurisdiction(
        id=district, name=ek.Label(zh=name), level=AdminLevel.COUNTY, parent=system.root
    )


@settings(max_examples=10)
@given(st.builds(add_district))
def test_a_users_function_annotated_with_id_and_text_builds(district: ek.Jurisdiction) -> None:
    assert district.level is AdminLevel.COUNTY


@given(st.from_type(EmergencySystem))
@settings(max_examples=5)
def test_from_type_of_a_system_gives_a_valid_system(system: EmergencySystem) -> None:
    assert system.root in system


def test_registration_needs_no_setup_in_a_fresh_interpreter() -> None:
    code = (
        "import emergencykit, warnings\n"
        "from hypothesis import strategies as st\n"
        "warnings.simplefilter('ignore')\n"
        "print(type(st.from_type(emergencykit.Plan).example()).__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "Plan"


def test_the_model_never_imports_hypothesis_and_its_types_stay_plain_without_it() -> None:
    code = (
        "import sys, emergencykit\n"
        "from emergencykit.model._types import Shape\n"
        "print(list(Shape('id')), 'hypothesis' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[] False"


def test_with_hypothesis_a_draw_yields_its_strategy() -> None:
    (strategy,) = list(Shape("text"))
    assert isinstance(strategy, st.SearchStrategy)


def test_import_without_hypothesis_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m.startswith("emergencykit.strategies")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    with pytest.raises(ImportError, match=r"pip install 'emergencykit\[hypothesis\]'"):
        importlib.import_module("emergencykit.strategies")


def test_hypothesis_reads_the_models_bounds() -> None:
    # The model's bounds are grouped metadata; hypothesis reads their
    # annotated-types constraints with no warning about unsupported ones.
    import typing
    import warnings

    from hypothesis import find
    from hypothesis import strategies as st

    from emergencykit.model._types import between

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        drawn = st.from_type(typing.Annotated[int, between(3, 5)])
        assert find(drawn, lambda n: True) == 3
        assert find(drawn, lambda n: n > 4) == 5
