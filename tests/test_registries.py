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
        for a in sub.choices[command]._actions
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


def _row(page: str, starts: str) -> str:
    text = (DOCS / page).read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith(starts))


@pytest.mark.parametrize(
    ("command", "option", "registry"),
    [
        ("check", "--format", rules.REPORT_FORMATS),
        ("graph", "--format", graph.FORMATS),
        ("graph", "--view", tuple(graph.VIEWS)),
        ("rules", "--format", rules.CATALOGUE_FORMATS),
        ("summary", "--format", summary.FORMATS),
        ("simulate", "--format", scenario.FORMATS),
    ],
)
def test_the_command_line_page_lists_each_registry(
    command: str, option: str, registry: tuple[str, ...]
) -> None:
    row = _row("cli.md", f"| `{command} ")
    listed = re.search(rf"{option} ([a-z|\\]+)\]", row)
    assert listed is not None, row
    assert tuple(listed.group(1).split("\\|")) == registry


def test_the_graph_page_lists_every_export_format() -> None:
    row = _row("graph.md", "| `export(")
    listed = re.search(r"any of `([a-z ]+)`", row)
    assert listed is not None and tuple(listed.group(1).split()) == graph.FORMATS


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
