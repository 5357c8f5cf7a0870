"""One registry per kind of format; the command line and the docs read them.

The command line's choices are the registries themselves; the docs' lists
are prose, so these tests hold them to the registries.
"""

import argparse
import datetime as dt
import pathlib
import re

import pytest

from emergencykit import (
    EmergencyKitError,
    EmergencySystem,
    Label,
    UnknownFormatError,
    graph,
    io,
    rules,
    scenario,
    summary,
)
from emergencykit.cli import _parser

DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"


def _choices(command: str) -> dict[str, tuple[str, ...]]:
    sub = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    return {
        a.option_strings[-1]: tuple(a.choices)
        for a in sub.choices[command].complete()._actions
        if a.choices is not None and a.option_strings
    }


def test_the_command_line_offers_what_the_registries_hold() -> None:
    assert _choices("graph")["--format"] == graph.FORMATS
    assert _choices("graph")["--view"] == tuple(graph.VIEWS)
    assert _choices("check")["--format"] == rules.REPORT_FORMATS
    assert _choices("rules")["--format"] == rules.CATALOGUE_FORMATS
    assert _choices("summary")["--format"] == summary.FORMATS
    assert _choices("simulate")["--format"] == scenario.FORMATS
    assert set(graph.PICTURES) <= set(graph.FILE_ONLY) <= set(graph.FORMATS)


# Where each registry is listed in the docs: (page, the line's start, the
# pattern around the list, the registry, the separator).  The lists are
# prose, so they are rewritten from the registries: adding a format touches
# its registry only, then ``python tests/test_registries.py --update``.
LISTS: list[tuple[str, str, str, tuple[str, ...], str]] = [
    *(
        ("cli.md", f"| `{command} ", rf"({option} )([a-z|\\\\]+)(\])", registry, "\\|")
        for command, option, registry in [
            ("check", "--format", rules.REPORT_FORMATS),
            ("graph", "--format", graph.FORMATS),
            ("graph", "--view", tuple(graph.VIEWS)),
            ("rules", "--format", rules.CATALOGUE_FORMATS),
            ("summary", "--format", summary.FORMATS),
            ("simulate", "--format", scenario.FORMATS),
        ]
    ),
    ("graph.md", "| `export(", r"(any of `)([a-z ]+)(`)", graph.FORMATS, " "),
]


def synced(page: str, text: str) -> str:
    """``text`` (the page ``page``) with every registry list rewritten."""
    lines = text.split("\n")
    for where, starts, pattern, registry, separator in LISTS:
        if where != page:
            continue
        index = next(i for i, line in enumerate(lines) if line.startswith(starts))
        listed = separator.join(registry)
        lines[index], count = re.subn(
            pattern, lambda m, s=listed: m.group(1) + s + m.group(3), lines[index], count=1
        )
        assert count == 1, f"{page}: no list in {lines[index]!r}"
    return "\n".join(lines)


@pytest.mark.parametrize("page", sorted({page for page, *_ in LISTS}))
def test_the_docs_list_each_registry_as_it_is(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    assert text == synced(page, text), (
        f"docs/{page} lists a format the registries do not hold, or misses one: "
        "run python tests/test_registries.py --update"
    )


def test_syncing_rewrites_a_stale_list() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    listed = "--format " + "\\|".join(graph.FORMATS) + "]"
    stale = text.replace(listed, "--format graphml\\|xml]", 1)
    assert stale != text
    assert synced("cli.md", stale) == synced("cli.md", text)


def _row(page: str, starts: str) -> str:
    text = (DOCS / page).read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith(starts))


def _suffixes(text: str) -> list[str]:
    return re.findall(r"`(\.[a-z]+)`", text)


def test_the_docs_list_every_document_suffix() -> None:
    assert _suffixes(_row("cli.md", "`.json`")) == list(io.SUFFIXES)
    assert _suffixes(_row("file-format.md", "| `load(")) == list(io.SUFFIXES)


def test_unknown_format_errors_are_package_errors_and_value_errors() -> None:
    assert issubclass(UnknownFormatError, EmergencyKitError)
    assert issubclass(UnknownFormatError, ValueError)


def test_every_unknown_format_is_refused_with_unknown_format_error() -> None:
    system = EmergencySystem(id="s", name=Label(zh="示例"))
    report = rules.validate(system, rules.ValidationConfig(as_of=dt.date(2024, 1, 1)))
    with pytest.raises(
        UnknownFormatError, match=r"unknown graph format 'xml'; choose one of graphml, gexf"
    ):
        graph.export(system, "xml")
    with pytest.raises(
        UnknownFormatError, match=r"unknown report format 'html'; choose one of text, json, sarif"
    ):
        rules.render(report, "html")
    with pytest.raises(
        UnknownFormatError,
        match=r"unknown catalogue format 'csv'; choose one of text, json, markdown",
    ):
        rules.render_catalogue("csv")
    with pytest.raises(
        UnknownFormatError, match=r"unknown summary format 'csv'; choose one of text, json"
    ):
        summary.render({}, "csv")
    with pytest.raises(UnknownFormatError, match=r"unknown format 'xml'"):
        io.dumps(system, "xml")


def test_a_suffix_names_its_format() -> None:
    system = EmergencySystem(id="s", name=Label(zh="示例"))
    assert io.loads(io.dumps(system, "yml"), "yml") == system


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_registries.py --update")
    for name in sorted({page for page, *_ in LISTS}):
        path = DOCS / name
        text = path.read_text(encoding="utf-8")
        path.write_text(synced(name, text), encoding="utf-8")
        print(f"docs/{name}: lists rewritten from the registries")
