"""The command line: exit codes, one-line errors, and each command end to end."""

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import emergencykit as ek
from emergencykit import io as ekio
from emergencykit.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"emergencykit {ek.__version__}"


def test_help_shows_an_example_per_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    text = capsys.readouterr().out
    for command in ("check", "summary", "graph", "convert", "schema", "rules"):
        assert f"emergencykit {command}" in text


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "required" in capsys.readouterr().err


def test_summary_of_the_embedded_model_in_both_languages() -> None:
    code, zh, err = run("summary")
    assert (code, err) == (0, "")
    assert "0716" in zh
    assert "重庆市应急管理局" in zh
    assert "== 救援力量(按层级与领域) ==" in zh
    code, en, _ = run("summary", "--lang", "en")
    assert code == 0
    assert "== Forces by tier and domain ==" in en
    assert "Chongqing Emergency Management Bureau" in en


def test_summary_json_is_the_library_summary() -> None:
    from emergencykit.datasets import chongqing_2022
    from emergencykit.summary import summarize

    code, out, _ = run("summary", "--format", "json", "--lang", "en")
    assert code == 0
    assert json.loads(out) == summarize(chongqing_2022(), lang="en")


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    code, out, err = run("summary", str(missing))
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert "missing.yaml" in err
    assert "Traceback" not in err


def test_malformed_file_names_the_path_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"schema": "emergencykit/1", "id": "x", "name": {"zh": "x"},'
        ' "teams": [{"id": "t", "name": {"zh": "t"}, "domain": "nowhere"}]}',
        encoding="utf-8",
    )
    code, _, err = run("summary", str(bad))
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("emergencykit: ")
    assert "bad.json" in lines[0]
    assert "$.teams[0].domain" in lines[0]


def test_convert_between_formats_round_trips(tmp_path: Path) -> None:
    from emergencykit.datasets import chongqing_2022

    src = tmp_path / "cq.json"
    ekio.dump(chongqing_2022(), src)
    for target in ("cq.toml", "cq.yaml", "back.json"):
        previous = src
        src = tmp_path / target
        assert run("convert", str(previous), str(src))[0] == 0
    assert ekio.load(src) == chongqing_2022()


def test_convert_to_an_unknown_suffix_is_exit_2(tmp_path: Path) -> None:
    from emergencykit.datasets import chongqing_2022

    src = tmp_path / "cq.json"
    ekio.dump(chongqing_2022(), src)
    code, _, err = run("convert", str(src), str(tmp_path / "cq.xml"))
    assert code == 2
    assert "cq.xml" in err


def test_schema_is_json_schema_2020_12() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_check_the_embedded_model_text_json_sarif() -> None:
    code, text, err = run("check")
    assert code in (0, 1)
    assert err == ""
    assert "EK" in text
    code_json, out, _ = run("check", "--format", "json")
    assert code_json == code
    data = json.loads(out)
    assert isinstance(data, dict)
    code_sarif, out, _ = run("check", "--format", "sarif")
    assert code_sarif == code
    assert json.loads(out)["version"] == "2.1.0"


def test_check_fail_on_and_ignore_change_the_exit_code(tmp_path: Path) -> None:
    # The embedded model only leaves facts unstated: questions never fail.
    code, _, _ = run("check", "--fail-on", "warning")
    assert code == 0
    # Declared complete, its silences are violations (warnings and info).
    from emergencykit.datasets import chongqing_2022

    path = tmp_path / "complete.json"
    ekio.dump(attrs.evolve(chongqing_2022(), completeness=ek.Completeness.COMPLETE), path)
    assert run("check", str(path), "--fail-on", "warning")[0] == 1
    assert run("check", str(path), "--fail-on", "warning", "--ignore", "EK")[0] == 0


def test_check_is_deterministic() -> None:
    assert run("check", "--format", "json") == run("check", "--format", "json")


@pytest.mark.parametrize("value", ["2022-13-01", "yesterday"])
def test_check_bad_as_of_is_exit_2(value: str) -> None:
    code, _, err = run("check", "--as-of", value)
    assert code == 2
    assert "--as-of" in err


def test_rules_lists_the_catalogue() -> None:
    code, out, _ = run("rules", "--lang", "en")
    assert code == 0
    assert "EK001" in out
    assert "EK708" in out


def test_rules_listing_shows_each_rules_source() -> None:
    from emergencykit.rules import registry

    out = run("rules", "--lang", "en")[1].splitlines()
    for r in registry():
        (at,) = [i for i, line in enumerate(out) if line.startswith(f"{r.code} ")]
        assert out[at + 1].strip() == f"source: {r.source}"
    assert run("rules", "--lang", "zh")[1].splitlines()[1].strip() == "依据: emergencykit"


def test_rules_code_explains_one_rule_in_full() -> None:
    code, out, err = run("rules", "EK205", "--lang", "en")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:2] == ["EK205 dispatch policy without a dispatcher", "      调度办法没有调度主体"]
    assert "  severity  error" in lines
    assert "  pack      national (national baseline)" in lines
    assert "  source    seed §一 (《全市应急队伍统一调度办法》)" in lines
    assert "  needs     DispatchPolicy.dispatcher" in lines
    assert lines[lines.index("Rationale") + 1].startswith("  Unified dispatch (统一调度) needs")
    example = lines[lines.index("Example that fires") + 1 :]
    # the finding comes from a real run on the embedded model, not a copied text
    assert example[0].startswith("  In the embedded Chongqing 2022 model (")
    assert example[1:3] == [
        "    $.dispatch_policies[0].dispatcher",
        "    the document does not say who dispatches under 'unified dispatch of the city's "
        "emergency teams'",
    ]
    assert "'dispatch-without-dispatcher'" in example[3]
    assert run("rules", "ek205", "--lang", "en")[1] == out
    zh = run("rules", "EK205", "--lang", "zh")[1]
    assert zh.startswith("EK205 调度办法没有调度主体\n") and "触发示例" in zh


def test_a_rule_that_accepts_the_team_agency_lists_what_it_needs() -> None:
    out = run("rules", "EK301", "--lang", "en")[1].splitlines()
    assert "  needs     Team.commander, Team.agency" in out
    assert any(line.startswith("  source    ICS unity of command (I1)") for line in out)


def test_rules_code_of_a_rule_that_the_embedded_model_keeps_shows_its_mutation() -> None:
    # EK104 does not fire on the embedded model; the mutation catalogue is the example.
    from emergencykit.strategies import MUTATIONS

    (mutation,) = [m for m in MUTATIONS if m.code == "EK104"]
    out = run("rules", "EK104", "--lang", "en")[1].splitlines()
    example = out[out.index("Example that fires") + 1 :]
    assert example[0] == f"  A system where {mutation.description}: mutation {mutation.name!r} of"
    assert "embedded" not in " ".join(example)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["rules", "EK999"],
            "emergencykit: no rule EK999 (see 'emergencykit rules' for the catalogue)",
        ),
        (
            ["rules", "nonsense"],
            "emergencykit: no rule nonsense (see 'emergencykit rules' for the catalogue)",
        ),
        (
            ["rules", "EK301", "--format", "json"],
            "emergencykit: rules CODE prints text only: drop --format",
        ),
    ],
)
def test_rules_code_unusable_is_one_line_and_exit_2(argv: list[str], message: str) -> None:
    code, out, err = run(*argv)
    assert (code, out, err) == (2, "", message + "\n")


def test_explain_raises_the_packages_own_error() -> None:
    from emergencykit.errors import EmergencyKitError, UnknownRuleError
    from emergencykit.rules import explain

    with pytest.raises(UnknownRuleError) as info:
        explain("EK999")
    assert isinstance(info.value, EmergencyKitError) and isinstance(info.value, LookupError)


def test_graph_mermaid_to_stdout_and_png_needs_a_file() -> None:
    code, out, _ = run("graph", "--format", "mermaid")
    assert code == 0
    assert out.strip()
    code, _, err = run("graph", "--format", "png")
    assert code == 2
    assert "-o" in err


def test_python_dash_m_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "emergencykit", "summary", "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "0716" in done.stdout


# -- the default language ---------------------------------------------------------------

_LANG_VARS = ("EMERGENCYKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW"}, "zh"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": ""}, "zh"),
        ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
        ({"LC_MESSAGES": "en_GB.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh"),
        ({"LC_ALL": "", "LANG": "en_US.UTF-8"}, "en"),
        ({"EMERGENCYKIT_LANG": "en", "LC_ALL": "zh_CN.UTF-8"}, "en"),
        ({"EMERGENCYKIT_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
        ({"EMERGENCYKIT_LANG": "", "LANG": "en_US.UTF-8"}, "en"),
    ],
)
def test_the_default_language_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], lang: str
) -> None:
    for name in _LANG_VARS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code, out, _ = run("summary")
    assert code == 0
    assert out.splitlines()[0] == ("== 体系 ==" if lang == "zh" else "== System ==")


@pytest.mark.parametrize(("env", "flag"), [("en", "zh"), ("zh", "en")])
def test_lang_overrides_the_environment(
    monkeypatch: pytest.MonkeyPatch, env: str, flag: str
) -> None:
    from emergencykit.rules import render_catalogue

    monkeypatch.setenv("EMERGENCYKIT_LANG", env)
    monkeypatch.setenv("LC_ALL", f"{env}_XX.UTF-8")
    assert run("rules")[1] == render_catalogue("text", env)
    assert run("rules", "--lang", flag)[1] == render_catalogue("text", flag)
    assert render_catalogue("text", env) != render_catalogue("text", flag)


_CHINESE_ONLY = re.compile(r"、|\d+\s*(?:家|支|人|个|项|架)")


@pytest.mark.parametrize("command", ["summary", "check", "rules"])
def test_english_output_keeps_no_chinese_separators_or_counts(command: str) -> None:
    # Names without an English form stay Chinese, and so do the sources, which
    # cite laws and quote the seed verbatim; the layout around them may not.
    out = "".join(
        line for line in run(command, "--lang", "en")[1].splitlines(True) if "source: " not in line
    )
    assert not _CHINESE_ONLY.findall(out)
    assert _CHINESE_ONLY.findall(run(command, "--lang", "zh")[1]) or command != "summary"


def test_english_summary_words_counts_and_separates_lists_with_semicolons() -> None:
    from emergencykit.datasets import chongqing_2022
    from emergencykit.summary import summarize

    en = summarize(chongqing_2022(), lang="en")["society"]["groups"]
    zh = summarize(chongqing_2022(), lang="zh")["society"]["groups"]
    assert [g["count"] for g in zh] == ["20家", "133家", "29家"]
    assert [g["count"] for g in en] == ["20 organisations", "133 organisations", "29 organisations"]
    text = run("summary", "--lang", "en")[1]
    assert "also report to: CPC Chongqing Municipal Committee; Chongqing Municipal" in text


def test_an_approximate_count_says_so_in_english() -> None:
    from emergencykit.summary import summarize

    group = ek.OrganizationGroup(
        id="g",
        name=ek.Label(zh="应急志愿者组织"),
        kind=ek.OrganizationKind.CHARITY,
        count=ek.Count(
            value=300, unit=ek.CountUnit.ORGANISATIONS, approx=ek.Approx.AT_LEAST, text="300余家"
        ),
    )
    system = ek.EmergencySystem(id="s", name=ek.Label(zh="示例"), organisation_groups=(group,))
    assert summarize(system, lang="en")["society"]["groups"][0]["count"] == (
        "at least 300 organisations"
    )
    assert summarize(system, lang="zh")["society"]["groups"][0]["count"] == "300余家"
