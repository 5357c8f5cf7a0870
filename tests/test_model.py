"""Structural checks of the model: each bad field raises with its name and value."""

import datetime as dt
import itertools
import typing

import annotated_types
import attrs
import pytest

import emergencykit as ek
from emergencykit.model import COLLECTIONS, BilingualEnum
from emergencykit.model import _validators as _v
from emergencykit.model._classes import int_bounds, validated
from emergencykit.model._types import Shape, between, one_or_more, plain

L = ek.Label


def team(**kw: object) -> ek.Team:
    fields: dict[str, object] = {"id": "t", "name": L(zh="队"), "domain": ek.ForceDomain.HEALTH}
    fields.update(kw)
    return ek.Team(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"id": ""},
            "'id' must be a non-empty id without whitespace, control characters or any of , < > & \" ' (got '')",
        ),
        (
            {"id": "a b"},
            "'id' must be a non-empty id without whitespace, control characters or any of , < > & \" ' (got 'a b')",
        ),
        ({"id": 7}, "'id' must be a string id, not int (got 7)"),
        (
            {"domain": "healthy"},
            "'domain' must be a ForceDomain (one of: accident_disaster, fire_rescue, health, public_security, social, military, grassroots, other) (got 'healthy')",
        ),
        (
            {"domain": ek.Sector.HEALTH},
            "'domain' must be a ForceDomain (one of: accident_disaster, fire_rescue, health, public_security, social, military, grassroots, other) (got <Sector.HEALTH: 'health'>)",
        ),
        (
            {"commander": ""},
            "'commander' must be a non-empty id without whitespace, control characters or any of , < > & \" ' (got '')",
        ),
        (
            {"capabilities": "cyber"},
            "'capabilities' must be a list or a tuple, not str (got 'cyber')",
        ),
        (
            {"capabilities": {"cyber"}},
            "'capabilities' must be a list or a tuple (a set has no order), not set (got {'cyber'})",
        ),
        (
            {"capabilities": ["cyber", "cyberwar"]},
            "'capabilities[1]' must be a Capability (one of: aviation_manned, aviation_unmanned, air_ground, emergency_medical, poisoning, infectious_disease, psychological, water_medical, water_rescue, hazmat, mine_rescue, explosive_disposal, toxicology, cyber, technical_investigation, intelligence, traffic_order, counter_terrorism, command, search_rescue, forest_fire, flood_drought) (got 'cyberwar')",
        ),
        ({"registered": 1}, "'registered' must be true or false, not int (got 1)"),
        ({"name": "队"}, "'name' must be a Label (got '队')"),
        (
            {"posts": (ek.Post(title=L(zh="队长"), a="p1"), "x")},
            "'posts[1]' must be a Post (got 'x')",
        ),
    ],
)
def test_team_field_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ek.FieldValueError) as info:
        team(**kwargs)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-3, "'value' must be ≥ 0 (got -3)"),
        (10**12, "'value' must be ≤ 1000000000 (got 1000000000000)"),
        (True, "'value' must be an integer, not bool (got True)"),
        (2.0, "'value' must be an integer, not float (got 2.0)"),
    ],
)
def test_count_value_errors(value: object, message: str) -> None:
    with pytest.raises(ek.FieldValueError) as info:
        ek.Count(value=value, unit=ek.CountUnit.TEAMS)  # type: ignore[arg-type]
    assert str(info.value) == message
    assert info.value.field == "value"
    assert info.value.value == value


def test_field_value_error_is_a_value_error_under_the_root() -> None:
    with pytest.raises(ValueError, match="'zh'"):
        L(zh="")
    assert issubclass(ek.FieldValueError, ek.EmergencyKitError)
    assert issubclass(ek.LoadError, ek.EmergencyKitError)


def test_label_rejects_surrounding_whitespace() -> None:
    with pytest.raises(ek.FieldValueError, match="without surrounding whitespace"):
        L(zh=" 重庆")


def test_dates_reject_datetimes_and_bad_strings() -> None:
    with pytest.raises(
        ek.FieldValueError,
        match=r"'date' must be a date YYYY, YYYY-MM or YYYY-MM-DD \(got datetime",
    ):
        ek.Drill(date=dt.datetime(2022, 1, 1, 8, 0), scope=ek.DrillScope.SPECIAL)
    with pytest.raises(ek.FieldValueError, match=r"'date' must be a date"):
        ek.Drill(date="2022-01-01T08:00", scope=ek.DrillScope.SPECIAL)  # type: ignore[arg-type]
    assert ek.Drill(date="2022-01-01", scope=ek.DrillScope.SPECIAL).date == ek.PartialDate(
        2022, 1, 1
    )  # type: ignore[arg-type]


def test_durations_must_not_be_negative() -> None:
    with pytest.raises(ek.FieldValueError, match="'time_limit' must not be negative"):
        ek.Institution(id="i", name=L(zh="信息接报"), time_limit=dt.timedelta(hours=-1))


def test_revision_before_issue_names_the_revision() -> None:
    with pytest.raises(ek.FieldValueError) as info:
        ek.Plan(
            id="p",
            title=L(zh="预案"),
            kind=ek.PlanKind.SPECIAL,
            issued=dt.date(2021, 6, 1),
            revisions=(
                ek.Revision(status=ek.RevisionStatus.DONE, date=dt.date(2022, 1, 1)),
                ek.Revision(status=ek.RevisionStatus.DONE, date=dt.date(2020, 1, 1)),
            ),
        )
    assert info.value.field == "revisions[1].date"
    assert "2021-06-01" in info.value.problem


def test_filed_before_issue() -> None:
    with pytest.raises(ek.FieldValueError, match="'filed' must not be before"):
        ek.Plan(
            id="p",
            title=L(zh="预案"),
            kind=ek.PlanKind.SPECIAL,
            issued=dt.date(2021, 6, 1),
            filed=dt.date(2021, 5, 1),
        )


def test_done_revision_may_leave_its_date_unstated() -> None:
    # "已修订" without a date is what many sources say; the date is not guessed.
    assert ek.Revision(status=ek.RevisionStatus.DONE).date is None


def test_parts_must_add_up_to_exact_totals() -> None:
    teams = ek.Count(value=6, unit=ek.CountUnit.TEAMS)
    one = ek.Part(count=ek.Count(value=1, unit=ek.CountUnit.TEAMS))
    ok = ek.ForceGroup(
        id="g", name=L(zh="市级"), domain=ek.ForceDomain.HEALTH, teams=teams, parts=(one,) * 6
    )
    assert len(ok.parts) == 6
    with pytest.raises(
        ek.FieldValueError, match=r"'parts' must add up to teams \(6 teams\) \(got 5\)"
    ):
        attrs.evolve(ok, parts=(one,) * 5)


def test_parts_under_an_approximate_total_may_not_exceed_its_upper_bound() -> None:
    about = ek.Count(value=10, unit=ek.CountUnit.PEOPLE, approx=ek.Approx.AT_MOST)
    part = ek.Part(count=ek.Count(value=6, unit=ek.CountUnit.PEOPLE))
    with pytest.raises(ek.FieldValueError, match="must not add up to more than people"):
        ek.ForceGroup(
            id="g", name=L(zh="g"), domain=ek.ForceDomain.SOCIAL, people=about, parts=(part, part)
        )
    at_least = ek.Count(
        value=3500, unit=ek.CountUnit.PEOPLE, approx=ek.Approx.AT_LEAST, text="3500余人"
    )
    grp = ek.ForceGroup(
        id="g", name=L(zh="g"), domain=ek.ForceDomain.SOCIAL, people=at_least, parts=(part,)
    )
    assert grp.people is not None and grp.people.lower == 3500 and grp.people.upper is None


def test_parts_in_another_unit_are_not_summed_against_the_total() -> None:
    teams = ek.Count(value=2, unit=ek.CountUnit.TEAMS)
    people = ek.Part(count=ek.Count(value=500, unit=ek.CountUnit.PEOPLE))
    grp = ek.ForceGroup(
        id="g", name=L(zh="g"), domain=ek.ForceDomain.SOCIAL, teams=teams, parts=(people,)
    )
    assert grp.teams == teams


def test_revised_cannot_exceed_total() -> None:
    with pytest.raises(
        ek.FieldValueError, match=r"'revised' must not exceed total \(3\) \(got 4\)"
    ):
        ek.RevisionProgress(scope=L(zh="专项预案"), revised=4, total=3)
    assert ek.RevisionProgress(scope=L(zh="专项预案"), revised=3, total=3).revised == 3


def test_reply_before_assignment() -> None:
    session = ek.Session(level=ek.AdminLevel.PROVINCIAL, term=5, meeting=5)
    with pytest.raises(
        ek.FieldValueError, match=r"'reply\.date' must not be before the assignment date"
    ):
        ek.Proposal(
            id="p",
            kind=ek.ProposalKind.CPPCC_PROPOSAL,
            number="1",
            session=session,
            title=L(zh="t"),
            assigned=dt.date(2022, 3, 1),
            reply=ek.Reply(date=dt.date(2022, 2, 28)),
        )


@pytest.mark.parametrize(
    ("term", "meeting", "label"),
    [
        (5, 5, "五届五次会议"),
        (13, 1, "十三届一次会议"),
        (20, 2, "二十届二次会议"),
        (10, 10, "十届十次会议"),
    ],
)
def test_session_labels(term: int, meeting: int, label: str) -> None:
    assert ek.Session(level=ek.AdminLevel.PROVINCIAL, term=term, meeting=meeting).label() == label


def test_every_enum_member_has_both_labels() -> None:
    enums = [
        e
        for e in vars(ek).values()
        if isinstance(e, type) and issubclass(e, BilingualEnum) and e is not BilingualEnum
    ]
    assert len(enums) > 30
    for enum in enums:
        values = [m.value for m in enum]
        assert len(values) == len(set(values)), enum
        for member in enum:
            assert member.zh and member.en, member
            assert enum(member.value) is member


def test_classes_are_frozen_slotted_and_keyword_only() -> None:
    for cls, _kind in COLLECTIONS.values():
        assert attrs.has(cls)
        assert "__slots__" in vars(cls), cls
        assert all(a.kw_only for a in attrs.fields(cls)), cls
    t = team()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        t.id = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        t.extra = 1  # type: ignore[attr-defined]


def test_system_lookup_paths_and_duplicates() -> None:
    j = ek.Jurisdiction(id="cq", name=L(zh="重庆市"), level=ek.AdminLevel.PROVINCIAL)
    first = team(id="t1", name=L(zh="甲"))
    dup = team(id="t1", name=L(zh="乙"))
    system = ek.EmergencySystem(
        id="s",
        name=L(zh="s"),
        root="cq",
        jurisdictions=(j,),
        teams=(first, dup),
        tier_schemes=(ek.CHONGQING_TIER_SCHEME,),
    )
    assert system["t1"] is first
    assert system.path_of("t1") == "$.teams[0]"
    assert system.path_of("tier-elite") == "$.tier_schemes[0].tiers[1]"
    assert "cq" in system and "nowhere" not in system
    assert system.get("nowhere", 5) == 5
    with pytest.raises(KeyError, match="no object with id 'nowhere'"):
        system["nowhere"]
    assert len(system) == 1 + 2 + 1 + 4
    assert [p for p, _ in system.entities()][:3] == [
        "$.jurisdictions[0]",
        "$.tier_schemes[0]",
        "$.tier_schemes[0].tiers[0]",
    ]


def test_systems_compare_and_hash_by_value() -> None:
    a = ek.EmergencySystem(id="s", name=L(zh="s"), teams=(team(),))
    b = ek.EmergencySystem(id="s", name=L(zh="s"), teams=(team(),))
    assert a == b and hash(a) == hash(b)
    assert a["t"] is a.teams[0]
    assert a == b  # the cached index is not part of equality
    assert attrs.evolve(a, teams=()) != a


def test_count_bounds() -> None:
    assert ek.Count(value=5, unit=ek.CountUnit.TEAMS).upper == 5
    assert ek.Count(value=5, unit=ek.CountUnit.TEAMS, approx=ek.Approx.AT_MOST).lower == 0
    assert ek.Count(value=5, unit=ek.CountUnit.TEAMS, approx=ek.Approx.ABOUT).upper is None


def test_admin_levels_rank_downwards() -> None:
    ranks = [lvl.rank for lvl in ek.AdminLevel]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)


def test_plan_last_revised() -> None:
    plan = ek.Plan(
        id="p",
        title=L(zh="p"),
        kind=ek.PlanKind.OVERALL,
        issued=dt.date(2018, 1, 1),
        revisions=(
            ek.Revision(status=ek.RevisionStatus.DONE, date=dt.date(2021, 1, 1)),
            ek.Revision(status=ek.RevisionStatus.PLANNED, due=dt.date(2026, 1, 1)),
        ),
    )
    assert plan.last_revised == ek.PartialDate(2021, 1, 1)
    assert attrs.evolve(plan, revisions=()).last_revised == ek.PartialDate(2018, 1, 1)


def test_public_names_are_exported() -> None:
    assert set(ek.__all__) >= {
        "EmergencySystem",
        "Plan",
        "Team",
        "Label",
        "EmergencyKitError",
        "__version__",
    }
    for name in ek.__all__:
        assert hasattr(ek, name), name


def _model_fields() -> list[tuple[str, "attrs.Attribute[object]"]]:
    # A PartialDate is a value, written as text and checked as a whole.
    classes = [getattr(ek, n) for n in ek.model.__all__ if n != "PartialDate"]
    return [
        (f"{c.__name__}.{f.name}", f)
        for c in classes
        if isinstance(c, type) and attrs.has(c)
        for f in attrs.fields(c)
        if not f.inherited
    ]


def _accepts(field: "attrs.Attribute[object]", value: object) -> bool:
    assert field.validator is not None
    try:
        field.validator(None, field, value)
    except ek.FieldValueError:
        return False
    return True


def _metadata_of(hint: object) -> tuple[object, tuple[object, ...]]:
    """(plain scalar type, its Annotated metadata) of a field hint, through | None and tuples."""
    if one_or_more(hint):
        # One item or a list of them: the items' own annotation says the rest.
        return _metadata_of(hint.__origin__)  # type: ignore[attr-defined]
    if typing.get_origin(hint) is typing.Annotated:
        return hint.__origin__, hint.__metadata__  # type: ignore[attr-defined]
    args = [a for a in typing.get_args(hint) if a is not type(None) and a is not Ellipsis]
    if len(args) == 1:
        return _metadata_of(args[0])
    return hint, ()


@pytest.mark.parametrize(
    ("name", "field"), _model_fields(), ids=lambda x: x if isinstance(x, str) else ""
)
def test_str_and_int_annotations_say_what_the_validator_accepts(
    name: str, field: "attrs.Attribute[object]"
) -> None:
    scalar, metadata = _metadata_of(field.type)
    if scalar not in (str, int):
        assert metadata == ()
        return
    assert metadata, f"{name} is a plain {scalar.__name__}: annotate it"
    many = typing.get_origin(plain(field.type)) is tuple

    def ok(value: object) -> bool:
        return _accepts(field, (value,) if many else value)

    if scalar is str:
        (shape,) = metadata
        assert isinstance(shape, Shape)
        if shape.name == "id":
            assert ok("cq-yjj") and not ok("a b") and not ok("")
        elif shape.name == "id_list":
            # Which names are the object's own lists is checked with the object.
            assert ok("co_handlers") and not ok(3)
        elif shape.name == "division_code":
            assert ok("500101") and not ok("50010") and not ok("5001011") and not ok("50010a")
        else:
            assert shape.name == "text"
            assert ok("重庆 市") and not ok(" 市") and not ok("")
    else:
        low, high = int_bounds(metadata)
        assert low is not None and high is not None
        assert ok(low) and ok(high) and not ok(low - 1) and not ok(high + 1)


@pytest.mark.parametrize(
    "hint",
    [
        int,
        str,
        typing.Annotated[int, annotated_types.Ge(0)],
        typing.Annotated[int, annotated_types.Gt(0), annotated_types.Le(5)],
        typing.Annotated[str, annotated_types.MinLen(1)],
        list[int],
    ],
    ids=repr,
)
def test_a_field_whose_annotation_says_nothing_checkable_cannot_be_declared(hint: object) -> None:
    with pytest.raises(TypeError, match=r"no validator|Ge and Le"):

        @attrs.frozen(kw_only=True, field_transformer=validated)
        class Bad:
            x: hint  # type: ignore[valid-type]


def test_validators_are_derived_from_annotations_and_read_as_their_factory_calls() -> None:
    derived = {
        name: _v.describe(f.validator)  # type: ignore[arg-type]
        for name, f in attrs.fields_dict(ek.Team).items()
    }
    assert derived["id"] == "ident()"
    assert derived["commander"] == "optional(ident())"
    assert derived["domain"] == "optional(member(ForceDomain))"
    assert _v.describe(attrs.fields(ek.Mandate).domain.validator) == "member(ForceDomain)"  # type: ignore[arg-type]
    assert derived["posts"] == "tuple_of(instance(Post))"
    assert derived["registered"] == "optional(boolean())"
    rank = attrs.fields(ek.Tier).rank.validator
    assert (rank.__self__.minimum, rank.__self__.maximum) == (1, 100)  # type: ignore[union-attr]


def test_a_hand_written_validator_is_kept() -> None:
    def positive(_: object, attribute: "attrs.Attribute[object]", value: int) -> None:
        if value <= 0:
            raise ek.FieldValueError(attribute.name, "must be positive", value)

    @attrs.frozen(kw_only=True, field_transformer=validated)
    class Own:
        n: typing.Annotated[int, between(0, 10)] = attrs.field(validator=positive)

    with pytest.raises(ek.FieldValueError, match="'n' must be positive"):
        Own(n=0)


def test_shapes_compare_by_name() -> None:
    assert Shape("id") == Shape("id") != Shape("text")
    assert len({Shape("id"), Shape("id")}) == 1
    assert ek.Id.__metadata__ == (Shape("id"),)  # type: ignore[attr-defined]


def test_a_reference_names_kinds_not_strings() -> None:
    with pytest.raises(TypeError, match="Kind"):
        ek.ref("agency", relation=ek.Relation.LEADS)  # type: ignore[arg-type]


def test_kinds_compare_and_print_as_their_words() -> None:
    assert {str(kind) for _, kind in ek.COLLECTIONS.values()} < {k.value for k in ek.Kind}
    assert ek.Kind.COMMAND_BODY == "command_body"
    assert f"{ek.Kind.UNRESOLVED}" == "unresolved"
    assert (ek.Kind.TIER.zh, ek.Kind.TIER.en) == ("层级", "tier")


def test_the_shared_methods_answer_as_attrs_generated_ones() -> None:
    # repr, == and hash of every model class, as attrs would generate them
    # for @attrs.frozen (kw_only): all fields by name, compared in order.
    from emergencykit.datasets import chongqing_2022

    seen: list[object] = []

    def walk(value: object) -> None:
        if isinstance(value, tuple):
            for item in value:
                walk(item)
        elif attrs.has(type(value)):
            seen.append(value)
            for f in attrs.fields(type(value)):
                walk(getattr(value, f.name))

    walk(chongqing_2022())
    shared = ek.Plan.__repr__.__code__
    seen = [o for o in seen if type(o).__repr__.__code__ is shared]  # not PartialDate's own
    classes = {type(o) for o in seen}
    assert len(classes) > 30
    for obj in seen:
        cls = type(obj)
        fields = [f.name for f in attrs.fields(cls)]
        shown = ", ".join(f"{n}={getattr(obj, n)!r}" for n in fields)
        assert repr(obj) == f"{cls.__name__}({shown})"
        twin = attrs.evolve(obj)
        assert twin == obj
        assert (twin != obj) is False
        assert hash(twin) == hash(obj)
        assert obj.__eq__(object()) is NotImplemented
    for a, b in itertools.pairwise(seen):
        if type(a) is type(b):
            same = all(getattr(a, f.name) == getattr(b, f.name) for f in attrs.fields(type(a)))
            assert (a == b) is same and (a != b) is not same
