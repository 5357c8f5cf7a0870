"""Loading and dumping: hand-written documents, round trips, determinism, extras."""

import datetime as dt
import gc
import importlib.metadata
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import emergencykit as ek
from emergencykit import io, model, strategies
from emergencykit.datasets import chongqing_2022
from emergencykit.errors import MissingExtraError

DATA = Path(__file__).parent / "data"
MODEL_CLASSES = sorted(
    (
        c
        for c in (getattr(model, n) for n in model.__all__)
        if isinstance(c, type) and attrs.has(c) and c is not ek.Entity
    ),
    key=lambda c: c.__name__,
)


@pytest.fixture(scope="module")
def small() -> ek.EmergencySystem:
    return io.load(DATA / "small.yaml")


# -- hand-written documents ------------------------------------------------------


@pytest.mark.parametrize("suffix", ["toml", "json"])
def test_the_three_small_documents_say_the_same(small: ek.EmergencySystem, suffix: str) -> None:
    assert io.load(DATA / f"small.{suffix}") == small


def test_small_document_facts(small: ek.EmergencySystem) -> None:
    team = small["rescue-team"]
    assert team.headcount == ek.Count(
        value=120, unit=ek.CountUnit.PEOPLE, approx=ek.Approx.AT_LEAST, text="120余人"
    )
    assert team.capabilities == (ek.Capability.SEARCH_RESCUE, ek.Capability.WATER_RESCUE)
    plan = small["flood-plan"]
    assert plan.drills[0].date == ek.PartialDate(2022, 7, 15)
    assert plan.response[0] == ek.ResponseCommand(
        level=ek.ResponseLevel.LEVEL_1, commander="town-gov"
    )
    assert small["reporting"].time_limit == dt.timedelta(hours=1)
    deadlines = small["opinion"].deadlines
    assert (deadlines.authoritative_release, deadlines.press_conference) == (
        dt.timedelta(hours=5),
        dt.timedelta(days=1),
    )
    assert small.described == ek.PartialDate(2023, 4, 1)


def test_other_city(tmp_path: Path) -> None:
    """A second, non-Chongqing system: 示例市's reply to an NPC deputy's suggestion."""
    system = io.load(DATA / "other_city.yaml")

    scheme = system["exc-roles"]
    assert [t.name.zh for t in sorted(scheme.tiers, key=lambda t: t.rank)] == [
        "主力",
        "骨干",
        "突击",
        "协同",
        "辅助",
        "补充",
    ]
    assert system["exc-fire-corps"].tier == "exc-role-main"

    social = system["exc-social-forces"]
    assert social.tier == "exc-role-auxiliary"
    assert social.people == ek.Count(
        value=3500, unit=ek.CountUnit.PEOPLE, approx=ek.Approx.AT_LEAST, text="3500余人"
    )
    assert social.people.lower == 3500 and social.people.upper is None
    by_level = {lv: c.value for p in social.parts for lv in p.level for c in p.count}
    assert by_level == {
        ek.AdminLevel.PREFECTURE: 10,
        ek.AdminLevel.COUNTY: 24,
        ek.AdminLevel.TOWNSHIP: 12,
    }
    assert sum(by_level.values()) == social.teams.value

    suggestion = system["npc-0123"]
    assert suggestion.kind is ek.ProposalKind.NPC_SUGGESTION
    assert suggestion.session.label() == "十六届三次会议"
    assert suggestion.grade is ek.OutcomeGrade.B
    assert system[suggestion.reply.signer].name.zh == "李明"
    assert len(suggestion.co_handlers) == 4
    assert {system[a].sector for a in suggestion.co_handlers} == {
        ek.Sector.PUBLICITY,
        ek.Sector.PUBLIC_SECURITY,
        ek.Sector.HEALTH,
        ek.Sector.FIRE_RESCUE,
    }

    (progress,) = system["exc-plans"].progress
    assert (progress.revised, progress.total, progress.kind) == (18, 25, ek.PlanKind.SPECIAL)

    centre = system["exc-regional-centre"]
    assert centre.kind is ek.FacilityKind.REGIONAL_RESCUE_CENTRE
    assert {system[j].name.zh for j in centre.covers} == {"东区", "西区", "山县"}

    experts = system["exc-experts"]
    assert experts.kind is ek.PanelKind.EXPERT_POOL
    assert experts.members == ek.Count(value=260, unit=ek.CountUnit.PEOPLE, text="260名")

    for suffix in ("json", "toml", "yaml"):
        io.dump(system, tmp_path / f"other.{suffix}")
        assert io.load(tmp_path / f"other.{suffix}") == system


# -- dumping -----------------------------------------------------------------------


@pytest.mark.parametrize("format", io.FORMATS)
def test_round_trip_through_text(small: ek.EmergencySystem, format: str) -> None:
    assert io.loads(io.dumps(small, format), format) == small


@pytest.mark.parametrize("format", io.FORMATS)
def test_chongqing_round_trips(format: str) -> None:
    system = chongqing_2022()
    assert io.loads(io.dumps(system, format), format) == system


@pytest.mark.parametrize("suffix", ["json", "toml", "yaml", "yml"])
def test_dump_is_deterministic(small: ek.EmergencySystem, tmp_path: Path, suffix: str) -> None:
    first, second = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
    io.dump(small, first)
    io.dump(io.load(first), second)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().endswith(b"\n")
    assert b"\r" not in first.read_bytes()


def test_json_form(small: ek.EmergencySystem) -> None:
    text = io.dumps(small)
    assert text.startswith('{\n  "schema": "emergencykit/1",\n  "id": "small",\n')
    assert "小城应急体系" in text  # not \u-escaped
    data = json.loads(text)
    assert list(data)[:5] == ["schema", "id", "name", "root", "described"]
    # class field order, not "required fields first"
    assert list(data["agencies"][1]) == [
        "id",
        "name",
        "kind",
        "sector",
        "jurisdiction",
        "parent",
        "head",
    ]


def test_defaults_are_left_out() -> None:
    count = ek.Count(value=5, unit=ek.CountUnit.TEAMS)
    assert io.unstructure(count) == {"value": 5, "unit": "teams"}
    mandate = ek.Mandate(
        id="m",
        name=ek.Label(zh="每区县三支"),
        jurisdiction="cq",
        level=ek.AdminLevel.COUNTY,
        domain=ek.ForceDomain.HEALTH,
        rapid_unit=True,
    )
    assert io.unstructure(mandate) == {
        "id": "m",
        "name": {"zh": "每区县三支"},
        "jurisdiction": "cq",
        "level": "county",
        "domain": "health",
        "rapid_unit": True,
    }


def test_unstructured_data_is_plain() -> None:
    def plain(value: object) -> bool:
        if isinstance(value, dict):
            return all(type(k) is str and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return type(value) in (str, int, bool)

    assert plain(io.unstructure(chongqing_2022()))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("PT5H", dt.timedelta(hours=5)),
        ("P1D", dt.timedelta(days=1)),
        ("PT30M", dt.timedelta(minutes=30)),
        ("P2DT3H", dt.timedelta(days=2, hours=3)),
        ("PT1H30M15S", dt.timedelta(hours=1, minutes=30, seconds=15)),
        ("PT0.25S", dt.timedelta(milliseconds=250)),
        ("PT0S", dt.timedelta(0)),
    ],
)
def test_durations(text: str, value: dt.timedelta) -> None:
    institution = io.structure(
        {"id": "i", "name": {"zh": "制度"}, "time_limit": text}, ek.Institution
    )
    assert institution.time_limit == value
    assert io.unstructure(institution)["time_limit"] == text


@pytest.mark.parametrize(
    ("text", "canonical"), [("PT24H", "P1D"), ("P1W", "P7D"), ("PT90M", "PT1H30M")]
)
def test_durations_are_written_in_one_canonical_form(text: str, canonical: str) -> None:
    deadlines = io.structure({"first_report": text}, ek.Deadlines)
    assert io.unstructure(deadlines) == {"first_report": canonical}


def test_structure_accepts_python_dates_but_not_datetimes() -> None:
    drill = {"date": dt.date(2022, 5, 11), "scope": "special"}
    assert io.structure(drill, ek.Drill).date == ek.PartialDate(2022, 5, 11)
    with pytest.raises(ek.LoadError, match=r"\$\.date: must be a date YYYY, YYYY-MM or YYYY-MM-DD"):
        io.structure({**drill, "date": dt.datetime(2022, 5, 11, 8, 0)}, ek.Drill)


def test_bytes_and_bom(small: ek.EmergencySystem) -> None:
    text = io.dumps(small)
    assert io.loads(text.encode("utf-8")) == small
    assert io.loads(b"\xef\xbb\xbf" + text.encode("utf-8")) == small
    assert io.loads("\ufeff" + text) == small


def test_format_overrides_the_suffix(small: ek.EmergencySystem, tmp_path: Path) -> None:
    path = tmp_path / "system.txt"
    io.dump(small, path, format="yaml")
    assert path.read_text(encoding="utf-8").startswith("schema: emergencykit/1\n")
    assert io.load(path, format="yaml") == small
    with pytest.raises(ValueError, match=r"unknown file suffix '\.txt'"):
        io.dump(small, path)


# -- the garbage collector ---------------------------------------------------------


@pytest.mark.parametrize("enabled", [True, False])
def test_collector_state_is_restored(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        io.load(DATA / "small.json")
        assert gc.isenabled() is enabled
        with pytest.raises(ek.LoadError):
            io.loads('{"schema": "emergencykit/1", "id": 5}')
        assert gc.isenabled() is enabled
        with pytest.raises(ek.LoadError):
            io.loads("{")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


# -- the converter -----------------------------------------------------------------


def test_make_converter_gives_a_new_converter_each_time() -> None:
    first, second = io.make_converter(), io.make_converter()
    assert first is not second
    first.register_structure_hook(ek.Label, lambda obj, _: ek.Label(zh="改"))
    assert second.structure({"zh": "原"}, ek.Label) == ek.Label(zh="原")
    assert io.structure({"zh": "原"}, ek.Label) == ek.Label(zh="原")


def test_converter_errors_work_with_cattrs_transform_error() -> None:
    converter = io.make_converter()
    with pytest.raises(cattrs.ClassValidationError) as info:
        converter.structure({"value": "3", "unit": "teams", "extra": 1}, ek.Count)
    assert cattrs.transform_error(info.value, format_exception=io.format_exception) == [
        "must be an integer (got '3') @ $.value",
        "unknown key 'extra' (valid keys: approx, text, unit, value) @ $",
    ]


def test_configure_converter_teaches_a_converter_of_ones_own() -> None:
    converter = cattrs.Converter(forbid_extra_keys=False, omit_if_default=False)
    io.configure_converter(converter)
    count = converter.structure({"value": 3, "unit": "teams"}, ek.Count)
    assert converter.unstructure(count) == {"value": 3, "unit": "teams"}
    with pytest.raises(cattrs.ClassValidationError) as info:
        converter.structure({"value": 3, "unit": "teams", "extra": 1}, ek.Count)
    assert cattrs.transform_error(info.value, format_exception=io.format_exception) == [
        "unknown key 'extra' (valid keys: approx, text, unit, value) @ $"
    ]


def test_a_converter_generates_only_the_functions_it_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    # Loading (the embedded model on `emergencykit check`) compiles no dump
    # function, and making a converter compiles nothing: each is generated on
    # its first use.
    from emergencykit.io import _convert

    data = io.unstructure(chongqing_2022())
    made: list[str] = []

    def counting(name: str) -> Callable[..., Any]:
        real = getattr(_convert, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            # The class is the first argument of cattrs' generator, the
            # second of the unstructure generator (after the converter).
            cl = args[0] if name == "make_dict_structure_fn" else args[1]
            made.append(f"{name}:{cl.__name__}")
            return real(*args, **kwargs)

        return counted

    for name in ("make_dict_structure_fn", "unstructure_fn"):
        monkeypatch.setattr(_convert, name, counting(name))
    converter = io.make_converter()
    assert made == []
    system = converter.structure(data, ek.EmergencySystem)
    assert "make_dict_structure_fn:EmergencySystem" in made
    assert not [m for m in made if m.startswith("unstructure_fn")]
    made.clear()
    assert converter.unstructure(system) == data
    assert "unstructure_fn:EmergencySystem" in made
    assert not [m for m in made if m.startswith("make_dict_structure_fn")]


def test_lists_of_plain_values_report_each_bad_item() -> None:
    converter = io.make_converter()
    assert converter.structure(["a", "b"], tuple[str, ...]) == ("a", "b")
    with pytest.raises(cattrs.IterableValidationError) as info:
        converter.structure(["a", 5, True], tuple[str, ...])
    assert cattrs.transform_error(info.value, format_exception=io.format_exception) == [
        "must be a string (got 5) @ $[1]",
        "must be a string (got True) @ $[2]",
    ]


@pytest.mark.parametrize(
    ("cls", "data"),
    [
        (ek.Label, {"zh": 5}),
        (ek.Count, {"value": True, "unit": "teams"}),
        (ek.Count, {"value": 1.0, "unit": "teams"}),
        (ek.Count, {"value": "1", "unit": "teams"}),
        (ek.Team, {"id": "t", "name": {"zh": "队"}, "domain": "health", "registered": 1}),
        (ek.Plan, {"id": "p", "title": {"zh": "预案"}, "kind": "special", "members": "abc"}),
        (ek.Plan, {"id": "p", "title": {"zh": "预案"}, "kind": "special", "members": {"a": 1}}),
        (ek.Drill, {"date": "20220511", "scope": "special"}),
        (ek.Drill, {"date": "2022-W19-3", "scope": "special"}),
        (ek.Deadlines, {"first_report": 3600}),
        (ek.Deadlines, {"first_report": "PT"}),
        (ek.Deadlines, {"first_report": "P1Y"}),
    ],
)
def test_hooks_never_coerce(cls: type, data: dict[str, object]) -> None:
    with pytest.raises(ek.LoadError):
        io.structure(data, cls)


# -- missing extras ----------------------------------------------------------------


def test_writing_toml_without_the_extra(
    small: ek.EmergencySystem, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tomli_w", None)
    with pytest.raises(MissingExtraError) as info:
        io.dumps(small, "toml")
    assert str(info.value) == (
        "writing TOML needs the 'toml' extra: pip install 'emergencykit[toml]'"
    )
    assert info.value.extra == "toml"
    assert isinstance(info.value, ek.EmergencyKitError)
    # reading TOML needs nothing beyond the standard library
    assert io.load(DATA / "small.toml") == small


def test_yaml_is_a_runtime_dependency() -> None:
    # The README installs no extra, and the docs' first example is YAML.
    requires = importlib.metadata.requires("emergencykit") or []
    yaml = [r for r in requires if r.lower().startswith("pyyaml")]
    assert yaml, requires
    assert all("extra ==" not in r for r in yaml), yaml


# -- round-trip properties (strategies from emergencykit.strategies) ---------------


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
# A whole EmergencySystem often outgrows hypothesis's buffer: the draws that fit are tested.
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_every_class_round_trips(cls: type, data: st.DataObject) -> None:
    obj = data.draw(
        strategies.partial_dates() if cls is ek.PartialDate else strategies.objects(cls)
    )
    plain = io.unstructure(obj)
    assert io.structure(plain, type(obj)) == obj
    assert io.structure(json.loads(json.dumps(plain)), type(obj)) == obj


@pytest.mark.parametrize("format", io.FORMATS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(system=st.one_of(strategies.systems(), strategies.any_systems()))
def test_systems_round_trip_through_text(format: str, system: ek.EmergencySystem) -> None:
    text = io.dumps(system, format)
    assert io.loads(text, format) == system
    assert io.dumps(io.loads(text, format), format) == text
