"""Rule packs: built-in and third-party packs found through entry points, and broken ones.

Nothing is installed here: third-party packs are modules written to a
temporary folder (or the example pack's source under ``examples/pack``)
offered through a stand-in for ``importlib.metadata.entry_points``.
"""

import datetime as dt
import importlib.metadata
import io
import json
import sys
import textwrap
import tomllib
from pathlib import Path

import attrs
import pytest
import rules_helpers as h

import emergencykit as ek
from emergencykit import io as ekio
from emergencykit import rules
from emergencykit.cli import main
from emergencykit.errors import EmergencyKitError, PackError
from emergencykit.rules import _engine as engine

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pack"
GROUP = rules.ENTRY_POINT_GROUP
REAL_ENTRY_POINTS = importlib.metadata.entry_points
BUILTIN = (rules.NATIONAL, rules.CHONGQING, rules.ICS)


def _ep(name: str, value: str) -> importlib.metadata.EntryPoint:
    return importlib.metadata.EntryPoint(name=name, value=value, group=GROUP)


@pytest.fixture
def installed(monkeypatch, tmp_path):
    """Offer entry points as if installed; undo every module and rule they brought in.

    Call it with entry points and the real ones are replaced by them (the
    built-in packs then come from the in-process fallback); ``real=True``
    keeps the real ones and adds these.
    """
    modules = set(sys.modules)
    codes = set(engine._REGISTRY)
    monkeypatch.syspath_prepend(str(tmp_path))

    def offer(*eps, real=False):
        def entry_points(**selection):
            assert selection == {"group": GROUP}
            found = list(REAL_ENTRY_POINTS(**selection)) if real else []
            return found + list(eps)

        monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
        return rules.packs(reload=True)

    yield offer
    monkeypatch.undo()
    # Forget only the packs' own modules: the library's, imported on first
    # use during a test, stay the ones every other test holds.
    for name in set(sys.modules) - modules:
        where = getattr(sys.modules[name], "__file__", None) or ""
        if Path(where).is_relative_to(tmp_path) or Path(where).is_relative_to(EXAMPLE):
            del sys.modules[name]
    for code in set(engine._REGISTRY) - codes:
        engine.unregister(code)
    rules.packs(reload=True)


def _module(tmp_path: Path, name: str, source: str) -> None:
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")


_PACK = """
    import attrs
    from emergencykit import Label
    from emergencykit.rules import Level, Pack, RootDivision, everywhere, rule

    @attrs.frozen
    class Params:
        limit: int = 1

    PACK = Pack(name={name!r}, prefix={prefix!r}, label=Label(zh="测试", en="test"),
                applies=everywhere, params=Params())

    @rule({code!r}, Level.INFO, zh="测试", en="test rule", source="test", pack=PACK)
    def check(ctx):
        '''Fires once per system.'''
        yield ctx.finding("测试", "test finding")
"""


def _pack_module(tmp_path, module, *, name="county", prefix="SC", code="SC101"):
    _module(tmp_path, module, _PACK.format(name=name, prefix=prefix, code=code))


def _check(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


# -- the built-in packs use the entry points ----------------------------------------


_DECLARED = {
    "national": "emergencykit.rules:NATIONAL",
    "chongqing": "emergencykit.rules:CHONGQING",
    "ics": "emergencykit.rules:ICS",
}


def test_pyproject_declares_the_builtin_packs():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["entry-points"][GROUP] == _DECLARED


def test_builtin_packs_come_from_the_installed_metadata():
    # The path an installed emergencykit takes.
    declared = {ep.name: ep.value for ep in importlib.metadata.entry_points(group=GROUP)}
    assert {k: declared.get(k) for k in _DECLARED} == _DECLARED, (
        "the installed metadata predates pyproject.toml's entry points: reinstall "
        "(python -m pip install -e .)"
    )
    assert rules.packs()[:3] == BUILTIN
    assert {ep.load() for ep in importlib.metadata.entry_points(group=GROUP)} >= set(BUILTIN)


def test_builtin_packs_load_without_metadata(installed):
    # A source tree run without installing has no entry points at all.
    assert installed() == BUILTIN
    assert {r.pack for r in rules.registry()} == set(BUILTIN)
    report = rules.validate(h.base(), rules.ValidationConfig(as_of=h.AS_OF))
    assert report.packs == BUILTIN


def test_builtin_packs_keep_their_order_whatever_the_metadata_order(installed):
    reversed_eps = [
        _ep("ics", "emergencykit.rules:ICS"),
        _ep("chongqing", "emergencykit.rules:CHONGQING"),
        _ep("national", "emergencykit.rules:NATIONAL"),
    ]
    assert installed(*reversed_eps) == BUILTIN


def test_builtin_packs_areas_and_parameters():
    assert [p.prefix for p in BUILTIN] == ["EK", "EK", "EK"]
    assert rules.NATIONAL.area("EK105") == ek.Label(zh="预案与演练", en="Plans and drills")
    assert rules.CHONGQING.params == rules.ChongqingParams()
    assert rules.ICS.params.span_max == 7
    assert rules.get_pack("ics") is rules.ICS


# -- the example pack (examples/pack), loaded through a stand-in entry point ------------


@pytest.fixture
def example(installed, monkeypatch):
    monkeypatch.syspath_prepend(str(EXAMPLE / "src"))
    found = installed(_ep("example-county", "emergencykit_example_county:PACK"), real=True)
    return found[-1]


def _county():
    return ekio.load(EXAMPLE / "county.toml")


def test_example_pack_is_discovered(example):
    assert example.name == "example-county" and example.prefix == "XC"
    assert [p.name for p in rules.packs()][:3] == ["national", "chongqing", "ics"]
    assert "example-county" in [p.name for p in rules.packs()]
    (xc101,) = [r for r in rules.registry() if r.code.startswith("XC")]
    assert (xc101.code, xc101.pack, xc101.area) == ("XC101", example, "XC1")


def test_example_pack_fires_on_its_county_only(example):
    report = rules.validate(_county(), rules.ValidationConfig(as_of=dt.date(2024, 6, 30)))
    assert [p.name for p in report.packs] == ["national", "ics", "example-county"]
    assert [(f.code, f.subjects, f.path) for f in report.findings if f.code == "XC101"] == [
        ("XC101", ("west",), "$.jurisdictions[2]")
    ]
    elsewhere = rules.validate(h.base(), rules.ValidationConfig(as_of=h.AS_OF))
    assert example not in elsewhere.packs and "XC101" not in elsewhere.rules


def test_example_pack_parameters_can_be_overridden(example):
    params = type(example.params)(plans_per_township=2)
    config = rules.ValidationConfig(as_of=dt.date(2024, 6, 30), select=("XC",), params=(params,))
    assert config.params_for(example) is params
    report = rules.validate(_county(), config)
    assert [f.subjects for f in report.findings] == [("east",), ("west",)]


def test_select_and_ignore_work_on_the_example_prefix(example):
    county = _county()
    only = rules.validate(
        county, rules.ValidationConfig(as_of=dt.date(2024, 6, 30), select=("XC",))
    )
    assert only.rules == ("XC101",)
    without = rules.validate(
        county, rules.ValidationConfig(as_of=dt.date(2024, 6, 30), ignore=("XC1",))
    )
    assert "XC101" not in without.rules and "EK101" in without.rules


def test_cli_lists_and_reports_the_example_rule(example):
    code, out, _ = _check("rules", "--lang", "en")
    assert code == 0
    assert "XC101  warning  example-county township without its own emergency plan" in out
    county = str(EXAMPLE / "county.toml")
    code, out, _ = _check("check", county, "--select", "XC", "--lang", "en")
    assert code == 0  # a warning does not fail the default --fail-on error
    assert out.splitlines()[:3] == [
        "XC1 Example County: plans",
        "  XC101 warning $.jurisdictions[2]",
        "        township 'West Township' has 0 plans of its own, fewer than 1",
    ]
    code, out, _ = _check("check", county, "--select", "XC", "--format", "json")
    assert code == 0 and json.loads(out)["packs"] == ["national", "ics", "example-county"]


def test_cli_explains_a_rule_of_another_prefix(example):
    code, out, _ = _check("rules", "XC101", "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "XC101 township without its own emergency plan"
    assert "  pack      example-county (Example County local rules (an example))" in lines
    # not a Chongqing system and no mutation: the explanation says there is no example
    assert lines[-1].startswith("  None shipped:")
    code, out, _ = _check("rules", "--lang", "en")
    assert "source: " in out.split("XC101", 1)[1].splitlines()[1]


# -- broken packs: one line each, exit 2, a PackError from the API -------------------------


@pytest.mark.parametrize(
    ("setup", "value", "message"),
    [
        (None, "no_such_module:PACK", "cannot be loaded: ModuleNotFoundError: No module named"),
        ("plain", "broken_pack:NOT_THERE", "cannot be loaded: AttributeError"),
        ("plain", "broken_pack:Params", "is not a rule pack (got type)"),
        ("bad-code", "broken_pack:PACK", "a rule code of pack 'county' is SC and three digits"),
        ("bad-prefix", "broken_pack:PACK", "code prefix is two to four capital letters"),
        ("taken-prefix", "broken_pack:PACK", "claims code prefix EK, which clashes with EK"),
        ("overlapping-prefix", "broken_pack:PACK", "claims code prefix EKX, which clashes"),
        ("taken-code", "broken_pack:PACK", "rule code EK101 is already taken"),
        ("plain", "broken_pack:PACK", "is named 'county': a pack's name is its entry point's"),
    ],
)
def test_a_broken_pack_is_reported_not_raised_mid_run(installed, tmp_path, setup, value, message):
    kinds = {
        "plain": {},
        "bad-code": {"code": "SC1"},
        "bad-prefix": {"prefix": "S1", "code": "S1101"},
        "taken-prefix": {"prefix": "EK", "code": "EK901"},
        "overlapping-prefix": {"prefix": "EKX", "code": "EKX101"},
        "taken-code": {"prefix": "EK", "code": "EK101"},
    }
    name = "county"
    if setup is not None:
        _pack_module(tmp_path, "broken_pack", **kinds[setup])
        if setup == "plain" and value == "broken_pack:PACK":
            name = "other-name"
    with pytest.raises(PackError) as raised:
        installed(_ep(name, value), real=True)
    (line,) = str(raised.value).splitlines()
    assert line.startswith(f"rule pack {name!r} (entry point {name} = {value})")
    assert message in line
    assert isinstance(raised.value, EmergencyKitError)
    with pytest.raises(PackError):
        rules.validate(h.base(), rules.ValidationConfig(as_of=h.AS_OF))
    with pytest.raises(PackError):
        rules.registry()
    code, out, err = _check("check", "--as-of", "2024-06-30")
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"emergencykit: {line}"]
    code, out, err = _check("rules")
    assert (code, err.splitlines()) == (2, [f"emergencykit: {line}"])


def test_each_broken_pack_gets_its_own_line_and_good_ones_still_load(installed, tmp_path):
    _pack_module(tmp_path, "good_pack")
    _pack_module(tmp_path, "twin_pack", prefix="SC", code="SC102")
    with pytest.raises(PackError) as raised:
        installed(
            _ep("county", "good_pack:PACK"),
            _ep("county", "twin_pack:PACK"),
            _ep("gone", "no_such_module:PACK"),
        )
    assert str(raised.value).splitlines() == [
        "rule pack 'county' (entry point county = twin_pack:PACK) repeats the name of "
        "another installed pack",
        "rule pack 'gone' (entry point gone = no_such_module:PACK) cannot be loaded: "
        "ModuleNotFoundError: No module named 'no_such_module'",
    ]


def test_packs_of_one_package_share_a_prefix_but_not_across_packages(installed, tmp_path):
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "__init__.py").write_text("")
    _pack_module(tmp_path / "vendor", "one", name="one", code="SC101")
    _pack_module(tmp_path / "vendor", "two", name="two", code="SC102")
    found = installed(_ep("one", "vendor.one:PACK"), _ep("two", "vendor.two:PACK"))
    assert [p.name for p in found] == ["national", "chongqing", "ics", "one", "two"]
    _pack_module(tmp_path, "rival", name="rival", code="SC201")
    with pytest.raises(
        PackError, match="claims code prefix SC, which clashes with SC of package vendor"
    ):
        installed(_ep("one", "vendor.one:PACK"), _ep("rival", "rival:PACK"))


def test_packs_may_not_share_a_parameters_class(installed, tmp_path):
    _module(
        tmp_path,
        "shared",
        """
        from emergencykit import Label
        from emergencykit.rules import ChongqingParams, Pack, everywhere
        PACK = Pack(name="copycat", prefix="CC", label=Label(zh="抄"), applies=everywhere,
                    params=ChongqingParams())
        """,
    )
    with pytest.raises(PackError, match="shares its parameters class with pack 'chongqing'"):
        installed(_ep("copycat", "shared:PACK"))


def test_a_failing_applies_predicate_is_a_pack_error(installed, tmp_path):
    _module(
        tmp_path,
        "fragile",
        """
        from emergencykit import Label
        from emergencykit.rules import Pack
        def applies(system):
            raise RuntimeError("no luck")
        PACK = Pack(name="fragile", prefix="FR", label=Label(zh="脆"), applies=applies,
                    params=None)
        """,
    )
    installed(_ep("fragile", "fragile:PACK"))
    with pytest.raises(PackError, match="'fragile': its applies predicate failed: RuntimeError"):
        rules.validate(h.base(), rules.ValidationConfig(as_of=h.AS_OF))
    code, _, err = _check("check", "--as-of", "2024-06-30")
    assert code == 2 and len(err.splitlines()) == 1


# -- packs in the configuration ---------------------------------------------------------


def test_config_names_packs_by_name_or_object_in_registry_order():
    config = rules.ValidationConfig(as_of=h.AS_OF, packs=("ics", rules.NATIONAL))
    assert config.packs == (rules.NATIONAL, rules.ICS)


def test_config_refuses_unknown_or_uninstalled_packs():
    with pytest.raises(PackError, match="no rule pack named 'nowhere' is installed"):
        rules.ValidationConfig(as_of=h.AS_OF, packs=("nowhere",))
    stray = attrs.evolve(rules.ICS)
    with pytest.raises(PackError, match="rule pack 'ics' is not an installed pack"):
        rules.ValidationConfig(as_of=h.AS_OF, packs=(stray,))


def test_config_params_are_checked():
    @attrs.frozen
    class Stray:
        x: int = 1

    with pytest.raises(ValueError, match="Stray are the parameters of no installed rule pack"):
        rules.ValidationConfig(as_of=h.AS_OF, params=(Stray(),))
    with pytest.raises(ValueError, match="two parameter objects of the same class"):
        rules.ValidationConfig(
            as_of=h.AS_OF, params=(rules.IcsParams(), rules.IcsParams(span_max=8))
        )
    with pytest.raises(TypeError):
        rules.ValidationConfig(as_of=h.AS_OF, params=rules.IcsParams())


def test_config_params_are_ordered_by_pack():
    ics, cq = rules.IcsParams(span_max=8), rules.ChongqingParams(local_drill_years=2)
    config = rules.ValidationConfig(as_of=h.AS_OF, params=(ics, cq))
    assert config.params == (cq, ics)
    assert config == rules.ValidationConfig(as_of=h.AS_OF, params=(cq, ics))


@pytest.mark.parametrize("bad", [0, -1, 2.5, "3"])
def test_parameters_refuse_nonsense(bad):
    with pytest.raises(ValueError, match="local_drill_years must be a whole number"):
        rules.ChongqingParams(local_drill_years=bad)


def test_durations_must_be_positive():
    with pytest.raises(ValueError, match="report_hop must be a positive timedelta"):
        rules.NationalParams(report_hop=dt.timedelta(0))


# -- codes and prefixes -------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["SC", "SC1", "ABCD", "ABCD123", "EK305"])
def test_any_pack_prefix_can_be_selected(prefix):
    assert rules.ValidationConfig(as_of=h.AS_OF, select=(prefix,)).select == (prefix,)


@pytest.mark.parametrize("prefix", ["S", "sc", "ABCDE", "SC1234", "1SC", "SC-1", ""])
def test_malformed_prefixes_are_refused(prefix):
    with pytest.raises(ValueError, match="two to four capital letters"):
        rules.ValidationConfig(as_of=h.AS_OF, ignore=(prefix,))


def test_is_selected_by_any_prefix():
    config = rules.ValidationConfig(as_of=h.AS_OF, select=("SC",), ignore=("SC2",))
    assert [rules.is_selected(c, config) for c in ("SC101", "SC201", "EK101")] == [
        True,
        False,
        False,
    ]
    everything = rules.ValidationConfig(as_of=h.AS_OF)
    assert rules.is_selected("ABCD101", everything)


def test_a_rule_code_must_carry_its_packs_prefix():
    with pytest.raises(ValueError, match="a rule code of pack 'ics' is EK and three digits"):
        rules.rule("SC101", rules.Level.INFO, zh="甲", en="a", source="x", pack=rules.ICS)
    with pytest.raises(ValueError, match="three digits"):
        rules.rule("EK1001", rules.Level.INFO, zh="甲", en="a", source="x")
    with pytest.raises(TypeError, match=r"pack must be a rules\.Pack"):
        rules.rule("EK990", rules.Level.INFO, zh="甲", en="a", source="x", pack="ics")


@pytest.mark.parametrize(
    ("name", "prefix"), [("County", "SC"), ("1county", "SC"), ("county", "sc"), ("county", "SCXYZ")]
)
def test_pack_names_and_prefixes_are_checked(name, prefix):
    with pytest.raises(ValueError, match=r"pack name|code prefix"):
        rules.Pack(
            name=name, prefix=prefix, label=ek.Label(zh="甲"), applies=rules.everywhere, params=None
        )


def test_pack_areas_must_be_its_own():
    with pytest.raises(ValueError, match="an area of pack 'county' is SC and one digit"):
        rules.Pack(
            name="county",
            prefix="SC",
            label=ek.Label(zh="甲"),
            applies=rules.everywhere,
            params=None,
            areas={"EK1": ek.Label(zh="乙")},
        )


def test_pack_parameters_must_be_an_attrs_instance():
    with pytest.raises(TypeError, match="must be an attrs instance or None"):
        rules.Pack(
            name="county",
            prefix="SC",
            label=ek.Label(zh="甲"),
            applies=rules.everywhere,
            params={"x": 1},
        )


# -- where a pack applies -------------------------------------------------------------------


def _rooted(**root):
    j = ek.Jurisdiction(id="j", level=ek.AdminLevel.PROVINCIAL, **root)
    return ek.EmergencySystem(id="s", name=ek.Label(zh="示例"), root="j", jurisdictions=(j,))


@pytest.mark.parametrize(
    ("root", "expected"),
    [
        ({"name": ek.Label(zh="重庆市"), "code": "500000"}, True),
        ({"name": ek.Label(zh="某市"), "code": "500101"}, True),
        ({"name": ek.Label(zh="重庆市")}, False),  # no code: the name never decides
        ({"name": ek.Label(zh="重庆市"), "code": "510100"}, False),
        ({"name": ek.Label(zh="成都市"), "code": "510100"}, False),
    ],
)
def test_chongqing_applies_by_division_code_never_name(root, expected):
    assert rules.CHONGQING.applies(_rooted(**root)) is expected


def test_no_root_jurisdiction_matches_no_division():
    s = ek.EmergencySystem(id="s", name=ek.Label(zh="重庆"))
    assert rules.CHONGQING.applies(s) is False
    assert rules.RootDivision(codes=("50",)).codes == ("50",)
    with pytest.raises(TypeError):
        rules.RootDivision(codes=("50",), names=("重庆",))  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        rules.RootDivision(codes="50")


def test_the_docs_excerpt_of_the_example_pack_matches_it():
    page = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
    section = page.split("## Add a rule pack for another place", 1)[1]
    excerpt = section.split("```text\n", 1)[1].split("```", 1)[0]
    source = EXAMPLE / "src" / "emergencykit_example_county" / "__init__.py"
    lines = {line.strip() for line in source.read_text(encoding="utf-8").splitlines()}
    missing = [x.strip() for x in excerpt.splitlines() if x.strip() and x.strip() not in lines]
    assert missing == []
