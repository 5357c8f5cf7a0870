"""``emergencykit simulate``: exit codes, formats, files, languages and unusable input."""

import io
import json
import os
import re
from pathlib import Path

import pytest

from emergencykit import io as ekio
from emergencykit import scenario
from emergencykit.cli import main

CITY = Path(__file__).parent / "data" / "simulate-city.yaml"
FLOOD = ("--event", "ev-flood", "--level", "II", "--in", "500103", "--at", "2024-07-01T08:00+08:00")
# Chinese characters and the punctuation of Chinese text.
CHINESE = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def simulate(*extra: str) -> tuple[int, str, str]:
    return run("simulate", str(CITY), *FLOOD, *extra)


def timeline(*unavailable: str) -> scenario.Timeline:
    incident = scenario.Incident(
        event_type="ev-flood", level="II", jurisdiction="500103", start="2024-07-01T08:00+08:00"
    )
    return scenario.simulate(ekio.load(CITY), incident, unavailable=unavailable)


# -- exit codes ---------------------------------------------------------------------------


def test_a_timeline_with_no_gap_exits_0() -> None:
    code, out, err = simulate("--lang", "en")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "8 steps; 0 errors, 0 warnings, 0 info; 0 questions"
    assert "  #1 (no time given)  dispatch 'Riverside rescue team'" in out


def test_a_gap_at_or_above_fail_on_exits_1() -> None:
    # EK814 (an unavailable id that names nothing) is a warning.
    assert simulate("--unavailable", "nobody")[0] == 0
    code, out, _ = simulate("--unavailable", "nobody", "--fail-on", "warning", "--lang", "en")
    assert code == 1
    assert "  EK814 warning" in out


def test_taking_out_every_commander_leaves_steps_to_nobody_and_exits_1() -> None:
    code, out, _ = simulate(
        "--unavailable", "rs-emb", "rs-gov", "--unavailable", "city-emb", "city-gov", "--lang", "en"
    )
    assert code == 1
    assert "  EK812 error" in out
    assert "  unavailable: City Emergency Bureau, City Government, Riverside Emergency" in out


def test_questions_never_fail() -> None:
    t = timeline("rs-emb")
    assert t.findings and all(f.is_question for f in t.findings)
    assert simulate("--unavailable", "rs-emb", "--fail-on", "warning")[0] == 0


# -- unusable input: one line, exit 2 -----------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("--level", "V"), "--level: expected I, II, III or IV (got 'V')"),
        (
            ("--at", "2024-07-01T08:00"),
            "--at: expected an ISO 8601 date and time with its offset, such as "
            "2024-07-01T08:00+08:00 (got '2024-07-01T08:00')",
        ),
        (("--at", "yesterday"), "--at: expected an ISO 8601 date and time"),
        (("--in", "999999"), "--in 999999: no jurisdiction of system demo-city has this"),
        (("--event", "ev-flod"), "--event ev-flod: "),
    ],
)
def test_unusable_options_are_one_line_and_exit_2(change: tuple[str, str], message: str) -> None:
    argv = list(FLOOD)
    argv[argv.index(change[0]) + 1] = change[1]
    code, out, err = run("simulate", str(CITY), *argv)
    assert (code, out) == (2, "")
    assert err.startswith(f"emergencykit: {message}"), err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    code, _, err = run("simulate", str(tmp_path / "nowhere.yaml"), *FLOOD)
    assert code == 2
    assert err.count("\n") == 1 and "nowhere.yaml" in err


def test_a_broken_file_names_the_path_inside(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(CITY.read_text(encoding="utf-8").replace("level: county", "level: 7"))
    code, _, err = run("simulate", str(broken), *FLOOD)
    assert code == 2
    assert "$.jurisdictions[1].level" in err and "Traceback" not in err


def test_a_missing_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("simulate", str(CITY), "--event", "ev-flood")[0] == 2
    assert "required: --level, --in, --at" in capsys.readouterr().err


def test_a_picture_needs_an_output_file() -> None:
    code, out, err = simulate("--format", "png")
    assert (code, out) == (2, "")
    assert err == "emergencykit: --format png needs an output file: -o FILE\n"


# -- formats ------------------------------------------------------------------------------


def test_json_is_the_librarys_json_of_the_same_timeline() -> None:
    code, out, _ = simulate("--format", "json")
    assert code == 0
    assert out == scenario.render_json(timeline())
    assert json.loads(out)["incident"]["jurisdiction"] == "500103"


def test_mermaid_is_a_gantt_chart() -> None:
    code, out, _ = simulate("--format", "mermaid", "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "gantt"
    assert "  section Dispatch" in lines


@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("svg", b"<?xml")])
def test_pictures_are_written_to_the_output_file(tmp_path: Path, fmt: str, magic: bytes) -> None:
    out = tmp_path / f"t.{fmt}"
    code, stdout, err = simulate("--format", fmt, "--lang", "en", "-o", str(out))
    assert (code, stdout, err) == (0, "", "")
    assert out.read_bytes().startswith(magic)


# -- files --------------------------------------------------------------------------------


def test_output_goes_to_the_file_and_nothing_to_stdout(tmp_path: Path) -> None:
    out = tmp_path / "t.txt"
    code, stdout, _ = simulate("--lang", "en", "-o", str(out))
    assert (code, stdout) == (0, "")
    assert out.read_text(encoding="utf-8") == simulate("--lang", "en")[1]


def test_a_failed_write_leaves_the_old_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "t.txt"
    out.write_text("old", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    code, _, err = simulate("-o", str(out))
    assert code == 2
    assert err == f"emergencykit: {out}: cannot write (No space left on device)\n"
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.txt"]


@pytest.mark.parametrize("fmt", ["text", "png"])
def test_the_input_is_never_overwritten(tmp_path: Path, fmt: str) -> None:
    copy = tmp_path / "city.yaml"
    copy.write_bytes(CITY.read_bytes())
    code, _, err = run("simulate", str(copy), *FLOOD, "--format", fmt, "-o", str(copy))
    assert code == 2
    assert "refusing to overwrite it" in err
    assert copy.read_bytes() == CITY.read_bytes()


# -- language and determinism -------------------------------------------------------------


def test_english_output_has_no_chinese_of_the_tools_own() -> None:
    # Every name in the document has an English form; the sources cite
    # Chinese laws in their own words, and stay Chinese.
    out = simulate("--lang", "en", "--unavailable", "nobody", "rs-emb")[1]
    shown = [line for line in out.splitlines() if not line.lstrip().startswith("source: ")]
    assert [line for line in shown if CHINESE.search(line)] == []


def test_the_language_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMERGENCYKIT_LANG", "en")
    assert simulate()[1].startswith("What-if: Demo City")
    monkeypatch.setenv("EMERGENCYKIT_LANG", "zh")
    assert simulate()[1].startswith("情景推演：示例市")
    assert simulate("--lang", "en")[1].startswith("What-if: Demo City")


@pytest.mark.parametrize("fmt", [f for f in scenario.FORMATS if f not in scenario.PICTURES])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_same_input_gives_the_same_bytes(fmt: str, lang: str) -> None:
    first = simulate("--format", fmt, "--lang", lang, "--unavailable", "rs-emb")
    assert first == simulate("--format", fmt, "--lang", lang, "--unavailable", "rs-emb")
    assert first[1]


def test_the_same_input_gives_the_same_picture(tmp_path: Path) -> None:
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    simulate("--format", "png", "--lang", "en", "-o", str(a))
    simulate("--format", "png", "--lang", "en", "-o", str(b))
    assert a.read_bytes() == b.read_bytes()


def test_help_shows_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "emergencykit simulate --event" in capsys.readouterr().out
    assert main(["simulate", "--help"]) == 0
    assert "--unavailable ID" in capsys.readouterr().out


def test_the_embedded_model_is_the_default() -> None:
    code, out, err = run(
        "simulate", "--event", "flood", "--level", "II", "--in", "cq-wanzhou",
        "--at", "2024-07-01T08:00+08:00", "--lang", "en",
    )  # fmt: skip
    assert code in (0, 1) and err == ""
    assert out.startswith("What-if: Chongqing emergency-management system")
    assert "  where: Wanzhou District" in out
    assert "#1 by 2024-07-01 13:00 (+5 hours)  release authoritative information" in out


def test_an_entry_of_the_national_classification_is_an_event_type_to_simulate() -> None:
    # The document lists no type as 'flood'; the national classification does.
    argv = list(FLOOD)
    argv[argv.index("--event") + 1] = "flood"
    code, out, err = run("simulate", str(CITY), *argv, "--lang", "en")
    assert code != 2 and err == ""
    assert out.startswith("What-if: Demo City")


def _documents(text: str) -> list[str]:
    return ["<?xml" + part for part in text.split("<?xml")[1:]]


def test_cap_prints_one_alert_per_public_release_and_each_reads_back() -> None:
    code, out, _ = simulate("--format", "cap", "--lang", "en")
    assert code == 0
    documents = _documents(out)
    releases = timeline().phase(scenario.Phase.RELEASE)
    assert len(documents) == len(releases) == 2
    alerts = scenario.cap_alerts(timeline(), ekio.load(CITY), languages=("en",))
    assert [scenario.read_cap(d.encode()) for d in documents] == list(alerts)


def test_cap_with_an_output_directory_writes_one_file_per_alert(tmp_path: Path) -> None:
    out = tmp_path / "alerts"
    code, stdout, err = simulate("--format", "cap", "-o", str(out))
    assert (code, stdout, err) == (0, "", "")
    alerts = scenario.cap_alerts(timeline(), ekio.load(CITY), languages=("zh",))
    documents = scenario.to_cap(timeline(), ekio.load(CITY), languages=("zh",))
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{a.identifier}.xml" for a in alerts)
    for alert, document in zip(alerts, documents, strict=True):
        assert (out / f"{alert.identifier}.xml").read_bytes() == document
