"""The what-if page (docs/scenario.md) shows real output, and cannot drift from it.

Every ``text`` block of the page that starts with ``$ emergencykit …`` is
that command followed by its output, byte for byte.  To accept a deliberate
change of the output, regenerate the blocks:

    EMERGENCYKIT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_scenario_docs.py

and read the diff of the page.
"""

import io
import os
import re
import shlex
from pathlib import Path

import pytest

from emergencykit.cli import main

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "scenario.md"
BLOCK = re.compile(r"^```text\n\$ (emergencykit [^\n]*)\n(.*?)^```$", re.M | re.S)


def output(command: str) -> str:
    out = io.StringIO()
    old = os.getcwd()
    os.chdir(ROOT)  # the page's paths are relative to the project
    try:
        main(shlex.split(command)[1:], stdout=out, stderr=io.StringIO())
    finally:
        os.chdir(old)
    return out.getvalue()


def blocks() -> list[tuple[str, str]]:
    return BLOCK.findall(PAGE.read_text(encoding="utf-8"))


def test_the_page_shows_commands_and_their_output() -> None:
    found = blocks()
    assert len(found) >= 4
    assert any("--unavailable" in command for command, _ in found)
    assert any(" FILE" not in command and ".yaml" not in command for command, _ in found)


def _regenerate() -> None:
    text = PAGE.read_text(encoding="utf-8")
    text = BLOCK.sub(lambda m: f"```text\n$ {m[1]}\n{output(m[1])}```", text)
    PAGE.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("command", "shown"), blocks(), ids=[c for c, _ in blocks()])
def test_each_block_is_the_commands_output(command: str, shown: str) -> None:
    if os.environ.get("EMERGENCYKIT_UPDATE_SNAPSHOTS") == "1":
        _regenerate()
        return
    assert output(command) == shown, (
        "docs/scenario.md is stale: regenerate it with "
        "EMERGENCYKIT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_scenario_docs.py -n 0"
    )
