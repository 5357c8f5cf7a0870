"""The example scripts print a meaningful result (``.ci/run`` runs every one of them)."""

import contextlib
import io
import runpy
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(script: str, *argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.argv", [script, *argv])
        code: object = 0
        try:
            runpy.run_path(str(EXAMPLES / script), run_name="__main__")
        except SystemExit as exc:  # scripts that end with raise SystemExit(main())
            code = exc.code
    assert code in (0, None)
    return out.getvalue()


def test_cohandling_network_shows_pairs_that_share_more_than_one_thing() -> None:
    lines = run("cohandling_network.py", "--lang", "en").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("agency"))
    first = lines[header + 2].split()
    weight = next(int(cell) for cell in first if cell.isdigit())
    assert weight > 1, lines[header + 2]
    assert any(line.startswith("… and ") for line in lines)


def test_cohandling_network_of_chongqing_is_the_proposal_handlers() -> None:
    out = run("cohandling_network.py", "--chongqing", "--lang", "en")
    assert "Chongqing Emergency Management Bureau" in out
    assert "prop-0716" in out


def test_explore_chongqing_prints_the_proposal_and_the_framework() -> None:
    out = run("explore_chongqing.py")
    assert "Proposal No. 0716" in out
    assert "The 3+8 framework:" in out


def test_build_district_writes_reads_back_and_checks_the_district(tmp_path: Path) -> None:
    out = run("build_district.py", str(tmp_path / "district.yaml")).splitlines()
    assert out[0] == f"wrote {tmp_path / 'district.yaml'}: 6 objects"
    assert out[-1].endswith("rules run as of 2024-07-01; packs: national, ics")
    assert any(line.startswith("  EK") for line in out)  # at least one finding to act on


def test_what_if_prints_the_timeline_and_what_changes_without_the_publicity_department() -> None:
    out = run("what_if.py", "--lang", "en")
    assert out.startswith("What-if: Chongqing emergency-management system")
    assert "  where: Wanzhou District" in out
    after = out.split("What if Publicity Department of the CPC Chongqing Municipal Committee")[1]
    # Its releases fall to the body above it, the municipal Party committee.
    assert (
        "release authoritative information within 5 h: Publicity Department of the CPC "
        "Chongqing Municipal Committee → CPC Chongqing Municipal Committee"
    ) in after
    assert "发布权威信息：中共重庆市委宣传部 → 中共重庆市委" in run("what_if.py", "--lang", "zh")
