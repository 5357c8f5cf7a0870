"""The main job's output on the embedded Chongqing model, pinned.

The report must stay meaningful — no violation where the seed is only
silent, and questions that read as a follow-up list for the proposer — so a
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
    assert code == 0  # what the seed does not say is asked, never a failure


def test_the_report_asks_about_the_seeds_silences() -> None:
    text = (SNAPSHOTS / "check-chongqing-en.txt").read_text(encoding="utf-8")
    # The letter does not name the dispatcher, the institutions' keepers or a spokesperson.
    for asked in ("EK205 question", "EK202 question", "EK405 question"):
        assert asked in text
    # Teams placed in an agency are commanded by it; the national deadlines bind
    # whether or not the protocol repeats them; no drill record is no drill count.
    for quiet in ("EK301", "EK403", "EK404", "EK109"):
        assert quiet not in text
    assert "EK0" not in text  # no dangling or duplicate ids in the embedded data
