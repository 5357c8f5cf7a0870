"""The docs' plain Python examples run, and so do the tests they define.

The ``>>>`` examples run as doctests (``--doctest-glob``).
"""

import pathlib
import re

import pytest

DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def _examples() -> list[tuple[str, str]]:
    found = []
    for page in sorted(DOCS.glob("*.md")):
        for number, code in enumerate(BLOCK.findall(page.read_text(encoding="utf-8")), 1):
            if not code.lstrip().startswith(">>>"):
                found.append((f"{page.name}#{number}", code))
    return found


EXAMPLES = _examples()


def test_there_are_plain_examples_to_run() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize(("where", "code"), EXAMPLES, ids=[w for w, _ in EXAMPLES])
def test_docs_example_runs(
    where: str, code: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    monkeypatch.syspath_prepend(str(DOCS.parent / "examples"))  # as if run from examples/
    namespace: dict[str, object] = {"__name__": f"docs_{where}"}
    exec(compile(code, where, "exec"), namespace)
    # A page that shows a property test shows it to be run: run it.
    for name, value in namespace.items():
        if name.startswith("test_") and callable(value):
            value()
