"""The README's promises: its opening commands and its Python example run."""

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_readme_opens_with_exactly_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    first = blocks("sh")[0]
    assert text.index("```sh") < text.index("\n\n", text.index("# emergencykit") + 1) + 3
    commands = first.strip().splitlines()
    assert len(commands) == 2
    assert commands[0].endswith("emergencykit check")
    assert 'pip install -e ".[test]"' in commands[1]
    assert commands[1].endswith("python -m pytest")


def test_readme_python_example_runs() -> None:
    (code,) = blocks("python")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(README), "exec"), {})
    printed = out.getvalue()
    assert printed.startswith("0716 ['中共重庆市委宣传部'")
    assert "EK205 question" in printed
    # the last analysis finds something: a count above zero and a named agency
    last = printed.splitlines()[-1]
    count, _, rest = last.partition(" single points of failure, such as ")
    assert int(count) > 0 and rest.endswith("Command Centre"), last
