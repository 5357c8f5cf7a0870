"""The main job's output on the embedded Chongqing model, pinned.

The report must stay meaningful — real gaps in what the seed states — so a
change to it is reviewed as a change to these files.  To accept a deliberate
change, run with EMERGENCYKIT_UPDATE_SNAPSHOTS=1 and read the diff.
"""

import io
import os
from pathlib import Path

import pytest

from emergencykit.cli import main

SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_report_on_the_embedded_model(lang: str) -> None:
    out = io.StringIO()
    code = main(["check", "--lang", lang], stdout=out, stderr=io.StringIO())
    path = SNAPSHOTS / f"check-chongqing-{lang}.txt"
    if os.environ.get("EMERGENCYKIT_UPDATE_SNAPSHOTS") == "1":
        path.write_text(out.getvalue(), encoding="utf-8")
    assert out.getvalue() == path.read_text(encoding="utf-8")
    assert code == 1  # the seed names no commander for its four named teams


def test_the_report_names_the_seeds_real_gaps() -> None:
    text = (SNAPSHOTS / "check-chongqing-en.txt").read_text(encoding="utf-8")
    for gap in ("EK101 error", "EK205 error", "EK301 error", "EK403 warning", "EK109 warning"):
        assert gap in text
    assert "EK0" not in text  # no dangling or duplicate ids in the embedded data
