"""Constructors meet users halfway: lists for tuples, values for enum members, text for days."""

import datetime as dt
import enum
import inspect
import typing
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import emergencykit as ek
from emergencykit import strategies
from emergencykit.model import COLLECTIONS
from emergencykit.model._classes import SCALAR_CONVERTERS, converter_for, validator_for
from emergencykit.model._construct import checked

L = ek.Label


def _model_classes() -> list[type]:
    seen: dict[str, type] = {}

    def visit(cls: type) -> None:
        if cls.__name__ in seen:
            return
        seen[cls.__name__] = cls
        for hint in typing.get_type_hints(cls).values():
            for t in (hint, *typing.get_args(hint), *map(typing.get_args, typing.get_args(hint))):
                for u in t if isinstance(t, tuple) else (t,):
                    # PartialDate is a scalar of the model, attrs-made but not a record.
                    if isinstance(u, type) and attrs.has(u) and u is not ek.PartialDate:
                        visit(u)

    visit(ek.EmergencySystem)
    for cls, _ in COLLECTIONS.values():
        visit(cls)
    return sorted(seen.values(), key=lambda c: c.__name__)


MODEL_CLASSES = _model_classes()


def test_every_tuple_and_enum_field_of_every_class_has_its_derived_converter() -> None:
    for cls in MODEL_CLASSES:
        hints = typing.get_type_hints(cls, include_extras=True)
        for field in attrs.fields(cls):
            hint = hints[field.name]
            text = repr(hint)
            wants = "tuple[" in text or any(
                isinstance(t, type) and issubclass(t, enum.Enum)
                for t in (hint, *typing.get_args(hint))
            )
            if wants:
                assert field.converter is not None, f"{cls.__name__}.{field.name}"


def test_team_from_lists_and_values_equals_team_from_tuples_and_members() -> None:
    post = ek.Post(title=L(zh="队长"), a="p1")
    by_hand = ek.Team(
        id="t",
        name=L(zh="队"),
        domain="health",
        level="county",
        capabilities=["aviation_manned", ek.Capability.CYBER],
        posts=[post],
    )
    assert by_hand == ek.Team(
        id="t",
        name=L(zh="队"),
        domain=ek.ForceDomain.HEALTH,
        level=ek.AdminLevel.COUNTY,
        capabilities=(ek.Capability.AVIATION_MANNED, ek.Capability.CYBER),
        posts=(post,),
    )
    assert type(by_hand.capabilities) is tuple
    assert by_hand.domain is ek.ForceDomain.HEALTH


def test_system_takes_lists_and_generators() -> None:
    team = ek.Team(id="t", name=L(zh="队"), domain="health")
    system = ek.EmergencySystem(
        id="s", name=L(zh="示例"), teams=[team], notes=(n for n in ["甲", "乙"])
    )
    assert system.teams == (team,)
    assert system.notes == ("甲", "乙")


def test_evolve_converts_too() -> None:
    plan = ek.Plan(id="p", title=L(zh="预案"), kind="special")
    assert attrs.evolve(plan, kind="overall", members=["a"]).members == ("a",)


def test_dates_from_text_and_days_in_lists() -> None:
    drill = ek.Drill(date="2022-05", scope="special")
    assert drill.date == ek.PartialDate(2022, 5)
    assert drill.scope is ek.DrillScope.SPECIAL
    plan = ek.Plan(id="p", title=L(zh="预案"), kind="special", drills=[drill])
    assert plan.drills == (drill,)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"kind": "spesial"},
            "'kind' must be a PlanKind (one of: overall, special, department, joint, major_event, township, village, grassroots, enterprise_comprehensive, enterprise_special, on_site) (got 'spesial')",
        ),
        ({"members": "ab"}, "'members' must be a list or a tuple, not str (got 'ab')"),
        ({"members": {"a": 1}}, "'members' must be a list or a tuple, not dict (got {'a': 1})"),
        (
            {"members": frozenset({"a"})},
            "'members' must be a list or a tuple (a set has no order), not frozenset (got frozenset({'a'}))",
        ),
        ({"members": b"ab"}, "'members' must be a list or a tuple, not bytes (got b'ab')"),
        ({"members": 3}, "'members' must be a list or a tuple, not int (got 3)"),
        ({"members": ["a", ""]}, "'members[1]' must be a non-empty id"),
        (
            {"issued": "2022-13-01"},
            "'issued' must be a date YYYY, YYYY-MM or YYYY-MM-DD (got '2022-13-01')",
        ),
    ],
)
def test_what_cannot_be_converted_gets_the_validators_one_message(
    kwargs: dict[str, Any], message: str
) -> None:
    fields: dict[str, Any] = {"id": "p", "title": L(zh="预案"), "kind": "special", **kwargs}
    with pytest.raises(ek.FieldValueError) as info:
        ek.Plan(**fields)
    assert str(info.value).startswith(message)


def test_the_enum_message_lists_the_value_it_refuses_only_when_the_type_is_wrong() -> None:
    # The message that once contradicted itself: 'special' is among the values listed.
    with pytest.raises(ek.FieldValueError) as info:
        ek.Plan(id="p", title=L(zh="预案"), kind=ek.Sector.OTHER)
    assert "(got <Sector.OTHER: 'other'>)" in str(info.value)


def test_signatures_keep_the_field_types() -> None:
    parameters = inspect.signature(ek.Team).parameters
    assert parameters["capabilities"].annotation == tuple[ek.Capability, ...]
    assert parameters["domain"].annotation == ek.ForceDomain | None
    assert inspect.signature(ek.Mandate).parameters["domain"].annotation is ek.ForceDomain


def test_converter_for_is_none_for_types_taken_as_they_are() -> None:
    assert converter_for(ek.Id) is None
    assert converter_for(ek.Label | None) is None
    assert converter_for(bool) is None
    assert converter_for(ek.PartialDate | None) is SCALAR_CONVERTERS[ek.PartialDate]


def test_converters_and_validators_are_derived_from_the_same_annotations() -> None:
    for cls in MODEL_CLASSES:
        hints = typing.get_type_hints(cls, include_extras=True)
        for field in attrs.fields(cls):
            validator_for(hints[field.name])  # every annotation says what it accepts
            converter_for(hints[field.name])  # and never fails to say how it converts


def _loosened(value: Any) -> Any:
    """``value`` as a user might write it: lists for tuples, values for members."""
    if isinstance(value, tuple):
        return [_loosened(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if attrs.has(type(value)):
        return type(value)(
            **{f.name: _loosened(getattr(value, f.name)) for f in attrs.fields(type(value))}
        )
    return value


@given(strategies.any_systems())
def test_any_system_rebuilt_from_lists_and_values_is_the_same(system: ek.EmergencySystem) -> None:
    assert _loosened(system) == system


# -- the system is a collection of its objects -----------------------------------------------


@given(strategies.any_systems())
def test_iteration_len_and_membership_agree(system: ek.EmergencySystem) -> None:
    objects = list(system)
    assert len(objects) == len(system)
    assert objects == [obj for _, obj in system.entities()]
    for obj in objects:
        assert obj in system
        assert obj.id in system


def test_a_duplicate_is_in_the_system_though_its_id_resolves_to_the_first() -> None:
    first = ek.Agency(id="a", name=L(zh="甲"), kind="government")
    second = ek.Agency(id="a", name=L(zh="乙"), kind="government")
    system = ek.EmergencySystem(id="s", name=L(zh="示例"), agencies=[first, second])
    assert list(system) == [first, second]
    assert second in system
    assert system["a"] is first
    assert ek.Agency(id="a", name=L(zh="丙"), kind="government") not in system
    assert ek.Agency(id="b", name=L(zh="甲"), kind="government") not in system
    assert 3 not in system


def test_tiers_count_after_their_scheme() -> None:
    system = ek.EmergencySystem(id="s", name=L(zh="示例"), tier_schemes=[ek.CHONGQING_TIER_SCHEME])
    assert [type(obj).__name__ for obj in system][:2] == ["TierScheme", "Tier"]
    assert len(system) == 1 + len(ek.CHONGQING_TIER_SCHEME.tiers)


# -- the entry points check what they are given ---------------------------------------------

FACADES = ("emergencykit.graph", "emergencykit.io", "emergencykit.rules", "emergencykit.summary")


def _public_functions() -> list[tuple[str, Any]]:
    import importlib

    found = []
    for name in FACADES:
        module = importlib.import_module(name)
        for public in module.__all__:
            value = getattr(module, public)
            if inspect.isfunction(value):
                found.append((f"{name}.{public}", value))
    return found


def _takes_a_system_or_graph(func: Any) -> bool:
    for parameter in inspect.signature(func).parameters.values():
        text = str(parameter.annotation)
        if "EmergencySystem" in text or "Graph" in text or "Report" in text:
            return True
    return False


def test_every_entry_point_taking_a_system_a_graph_or_a_report_checks_it() -> None:
    # A pack's `applies` predicate reads nothing but the system's root: any object will do.
    exempt = {"emergencykit.rules.everywhere"}
    unguarded = [
        name
        for name, func in _public_functions()
        if _takes_a_system_or_graph(func)
        and not hasattr(func, "__wrapped__")
        and name not in exempt
    ]
    assert unguarded == []


def _system() -> ek.EmergencySystem:
    return ek.EmergencySystem(id="s", name=L(zh="示例"), described=dt.date(2022, 5, 11))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: ek_rules().validate({"id": "s"}),
            "validate() takes an EmergencySystem (got dict)",
        ),
        (
            lambda: ek_rules().validate(_system(), {"as_of": "2022-05-11"}),
            "validate() takes a ValidationConfig or None as config (got dict)",
        ),
        (
            lambda: ek_rules().validate(_system(), graph=_system()),
            "validate() takes a MultiDiGraph or None as graph (got EmergencySystem)",
        ),
        (lambda: ek_graph().to_graph(None), "to_graph() takes an EmergencySystem (got NoneType)"),
        (
            lambda: ek_graph().to_dot(_system()),
            "to_dot() takes a MultiDiGraph (got EmergencySystem)",
        ),
        (
            lambda: ek_graph().single_points_of_failure(_system()),
            "single_points_of_failure() takes a MultiDiGraph (got EmergencySystem)",
        ),
        (
            lambda: ek_graph().cohandling_network([]),
            "cohandling_network() takes an EmergencySystem or MultiDiGraph (got list)",
        ),
        (lambda: ek_io().dumps("{}"), "dumps() takes an EmergencySystem (got str)"),
        (lambda: ek_io().dumps(_system(), 3), "dumps() takes a str as format (got int)"),
        (lambda: ek_summary().summarize({}), "summarize() takes an EmergencySystem (got dict)"),
        (
            lambda: ek_rules().render_text(_system()),
            "render_text() takes a Report (got EmergencySystem)",
        ),
    ],
)
def test_a_wrong_argument_is_named_at_once(call: Any, message: str) -> None:
    with pytest.raises(ek.ArgumentError) as info:
        call()
    assert str(info.value) == message
    assert isinstance(info.value, TypeError)


def test_a_right_argument_passes_the_guard() -> None:
    from emergencykit import graph, io, rules, summary

    system = _system()
    G = graph.to_graph(system)
    assert rules.validate(system, graph=G).as_of == dt.date(2022, 5, 11)
    assert graph.to_dot(G).startswith("digraph")
    assert io.dumps(system).startswith("{")
    assert summary.summarize(system, lang="en")["system"]["id"] == "s"


def ek_rules() -> Any:
    from emergencykit import rules

    return rules


def ek_graph() -> Any:
    from emergencykit import graph

    return graph


def ek_io() -> Any:
    from emergencykit import io

    return io


def ek_summary() -> Any:
    from emergencykit import summary

    return summary


# -- labels in one language ------------------------------------------------------------------


def test_a_label_needs_one_language_and_reads_in_both() -> None:
    assert L(en="Springfield").get("zh") == "Springfield"
    assert str(L(en="Springfield")) == "Springfield"
    assert L(zh="春田").get("en") == "春田"
    with pytest.raises(ek.FieldValueError) as info:
        L()
    assert info.value.field == "zh"
    assert "'en'" in str(info.value)


def test_a_document_with_an_empty_label_says_where() -> None:
    from emergencykit import io

    with pytest.raises(ek.LoadError, match=r"\$\.name\.zh: is required when 'en' is not given"):
        io.loads('{"schema": "emergencykit/1", "id": "s", "name": {}}', "json")


def _english_only(value: Any) -> Any:
    """``value`` with every label in English alone (its Chinese where it had no English)."""
    if isinstance(value, ek.Label):
        return ek.Label(en=value.get("en"))
    if isinstance(value, tuple):
        return tuple(_english_only(v) for v in value)
    if attrs.has(type(value)):
        changes = {f.name: _english_only(getattr(value, f.name)) for f in attrs.fields(type(value))}
        return attrs.evolve(value, **changes)
    return value


@given(strategies.systems())
def test_a_system_labelled_in_english_alone_validates_summarises_and_exports(
    system: ek.EmergencySystem,
) -> None:
    from emergencykit import graph, io, rules, summary

    english = _english_only(system)
    assert english.name.zh is None
    report = rules.validate(english, rules.ValidationConfig(as_of=dt.date(2024, 1, 1)))
    for lang in ("zh", "en"):
        text = rules.render(report, "text", lang)
        rules.render(report, "sarif", lang)
        summarised = summary.render(summary.summarize(english, lang=lang), "text", lang=lang)
        # A missing language falls back to the other one, never to the word None.
        for out in (text, summarised):
            assert "「None」" not in out and "'None'" not in out
    G = graph.to_graph(english)
    for fmt in ("graphml", "gexf", "json", "dot", "mermaid"):
        for lang in ("zh", "en"):
            assert graph.export(G, fmt, lang=lang)
    for fmt in io.FORMATS:
        assert io.loads(io.dumps(english, fmt), fmt) == english


def test_a_proposal_named_by_an_english_title_alone_reads_in_both_languages() -> None:
    from emergencykit import rules

    p = ek.Proposal(id="p", kind="npc_suggestion", title=ek.Label(en="Flood shelters"))
    system = ek.EmergencySystem(id="s", name=ek.Label(en="S"), proposals=[p])
    report = rules.validate(system, rules.ValidationConfig(as_of=dt.date(2024, 1, 1)))
    asked = [f for f in report.findings if f.code == "EK704"]
    assert [f.message("zh") for f in asked] == [
        "文件未说明建议「Flood shelters」的办理方式(单独办理、主办会同协办或分办)"
    ]


# -- checked(cls): the same objects and errors, every constraint tested in one expression --


def _fields(obj: Any) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in attrs.fields(type(obj))}


def _written(value: Any) -> Any:
    """``value`` as a user might write it: lists for tuples, values for members, text for days."""
    if isinstance(value, tuple):
        return [_written(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, ek.PartialDate):
        return str(value)
    return value


def test_every_model_class_gets_a_generated_constructor() -> None:
    for cls in MODEL_CLASSES:
        assert checked(cls) is not cls, cls.__name__
        assert checked(cls) is checked(cls)  # written once


@pytest.mark.parametrize(
    "cls", [c for c in MODEL_CLASSES if c is not ek.EmergencySystem], ids=lambda c: c.__name__
)
@settings(max_examples=10)
@given(data=st.data())
def test_the_same_object_as_the_class_from_its_fields_and_from_loose_values(
    cls: type, data: st.DataObject
) -> None:
    _same_object(data.draw(strategies.objects(cls)))


@given(strategies.any_systems())
def test_the_same_system_as_the_class(system: ek.EmergencySystem) -> None:
    _same_object(system)


def _same_object(obj: Any) -> None:
    cls = type(obj)
    made = checked(cls)(**_fields(obj))
    assert type(made) is cls
    assert made == obj
    loose = {name: _written(value) for name, value in _fields(obj).items()}
    assert checked(cls)(**loose) == cls(**loose) == obj


def test_defaults_are_the_class_defaults() -> None:
    assert checked(ek.Team)(id="t", name=L(zh="队")) == ek.Team(id="t", name=L(zh="队"))
    plan = checked(ek.Plan)(id="p", title=L(zh="预案"), kind="special", members=["a"])
    assert plan.members == ("a",)
    assert plan.kind is ek.PlanKind.SPECIAL


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": "spesial"},
        {"members": "ab"},
        {"members": ["a", ""]},
        {"members": 3},
        {"issued": "2022-13-01"},
        {"id": "a b"},
        {"title": "预案"},
        {"note": " padded"},
        {"issued": "2022-05-01", "filed": "2022-04-30"},  # the class's cross-field check
        {"unknown": 1},
    ],
)
def test_bad_arguments_give_the_class_own_error(kwargs: dict[str, Any]) -> None:
    fields: dict[str, Any] = {"id": "p", "title": L(zh="预案"), "kind": "special", **kwargs}
    with pytest.raises((ek.FieldValueError, TypeError)) as expected:
        ek.Plan(**fields)
    with pytest.raises(expected.type) as got:
        checked(ek.Plan)(**fields)
    assert str(got.value).replace("make_Plan()", "Plan.__init__()") == str(expected.value)


def test_a_missing_argument_is_a_type_error_as_for_the_class() -> None:
    with pytest.raises(TypeError, match="'kind'"):
        checked(ek.Plan)(id="p")


def test_validators_switched_off_are_off_here_too() -> None:
    with attrs.validators.disabled():
        label = checked(L)(zh=" 未检查 ")
    assert label.zh == " 未检查 "
    with pytest.raises(ek.FieldValueError):
        checked(L)(zh=" 未检查 ")


def test_a_class_it_cannot_repeat_exactly_is_returned_as_it_is() -> None:
    @attrs.define(slots=False)
    class Loose:
        x: int = 0

    @attrs.frozen
    class Hidden:
        _x: int = 0

    assert checked(Loose) is Loose
    assert checked(Hidden) is Hidden
