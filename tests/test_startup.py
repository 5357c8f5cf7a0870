"""Start-up: a command imports what it needs, and the package root imports almost nothing.

Each check runs in a fresh interpreter, since this one has imported
everything already.  The figures are in ``docs/benchmarks.md`` (Start-up).
"""

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import emergencykit
from emergencykit import datasets, io


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_importing_the_package_imports_only_the_exceptions() -> None:
    loaded = _modules_after("import emergencykit")
    assert {m for m in loaded if m.startswith("emergencykit")} == {
        "emergencykit",
        "emergencykit.errors",
    }
    assert not {"attrs", "importlib.metadata"} & loaded


def test_the_lazy_names_are_the_public_names() -> None:
    loaded = _modules_after(
        "import emergencykit as ek\n"
        "assert ek.Plan is __import__('emergencykit.model').model.Plan\n"
        "assert 'Plan' in dir(ek) and 'graph' in dir(ek) and '__version__' in dir(ek)\n"
        "assert ek.graph.to_graph.__module__ == 'emergencykit.graph._build'\n"
        "from emergencykit import *\n"
        "assert EmergencySystem is ek.EmergencySystem and __version__ == ek.__version__"
    )
    assert "emergencykit.graph" in loaded


def test_every_public_module_is_an_attribute_of_the_package() -> None:
    public = {m.name for m in pkgutil.iter_modules(emergencykit.__path__) if m.name[0] != "_"}
    assert public == set(emergencykit._SUBMODULES)


def test_an_unknown_name_is_an_attribute_error() -> None:
    for name in ("NoSuchThing", "_private", "__wrapped__"):
        assert not hasattr(emergencykit, name)


def test_check_imports_neither_the_scenario_nor_the_dump_side() -> None:
    loaded = _modules_after(
        "import io\n"
        "from emergencykit.cli import main\n"
        "assert main(['check'], stdout=io.StringIO()) == 0"
    )
    assert "emergencykit.rules" in loaded
    assert not {m for m in loaded if m.startswith("emergencykit.scenario")}
    assert not {"yaml", "tomli_w", "matplotlib", "hypothesis"} & loaded
    # The embedded model is built without the loader's converter.
    assert not {m for m in loaded if m.split(".")[0] == "cattrs"}
    assert "emergencykit.io._convert" not in loaded


@pytest.mark.parametrize("suffix", [".json", ".toml"])
@pytest.mark.parametrize("fast", [True, False])
def test_check_of_a_small_valid_file_imports_no_cattrs(
    suffix: str, fast: bool, tmp_path: Path
) -> None:
    # A user's small document is built as the embedded model is, without the
    # converter; with and without the fast extra's reader.
    path = tmp_path / f"city{suffix}"
    io.dump(datasets.chongqing_2022(), path)
    off = (
        "" if fast else "from emergencykit.io import _formats\n_formats.fast_json = lambda: None\n"
    )
    loaded = _modules_after(
        f"import io\n{off}"
        "from emergencykit.cli import main\n"
        f"assert main(['check', {str(path)!r}], stdout=io.StringIO()) == 0"
    )
    assert "emergencykit.io._api" in loaded
    assert not {m for m in loaded if m.split(".")[0] == "cattrs"}
    assert "emergencykit.io._convert" not in loaded


def test_check_of_a_bad_file_says_what_is_wrong_with_the_converter(tmp_path: Path) -> None:
    path = tmp_path / "city.json"
    path.write_text('{"schema": "emergencykit/1", "id": "x y", "name": {"zh": "名"}}')
    loaded = _modules_after(
        "import io\n"
        "from emergencykit.cli import main\n"
        "err = io.StringIO()\n"
        f"assert main(['check', {str(path)!r}], stdout=io.StringIO(), stderr=err) == 2\n"
        "assert '$.id: must be a non-empty id' in err.getvalue(), err.getvalue()"
    )
    assert "emergencykit.io._convert" in loaded


def test_check_of_a_hierarchy_imports_neither_networkx_nor_importlib_metadata() -> None:
    # The embedded model's command structure is a hierarchy: the command rules
    # answer from plain dicts, and networkx is not imported at all.
    loaded = _modules_after(
        "import io\n"
        "from emergencykit.cli import main\n"
        "assert main(['check'], stdout=io.StringIO()) == 0"
    )
    assert "emergencykit.rules._command" in loaded
    assert not {m for m in loaded if m == "networkx" or m.startswith("networkx.")}
    # The rule packs' entry points are read without importlib.metadata.
    assert "emergencykit.rules._discover" in loaded
    assert "importlib.metadata" not in loaded
    # Nor annotated-types: the model reads its own bounds.
    assert "annotated_types" not in loaded
    # The rules count with the summary's coverage functions, not its overview.
    assert "emergencykit.summary._coverage" in loaded
    assert "emergencykit.summary._overview" not in loaded


def test_a_command_cycle_is_found_by_networkx() -> None:
    # Where the structure is no hierarchy, networkx's algorithm answers.
    loaded = _modules_after(
        "import attrs, datetime as dt\n"
        "from emergencykit.datasets import chongqing_2022\n"
        "from emergencykit.rules import ValidationConfig, validate\n"
        "s = chongqing_2022()\n"
        "a, b = s.agencies[0], s.agencies[1]\n"
        "s = attrs.evolve(s, agencies=(attrs.evolve(a, parent=b.id), attrs.evolve(b, parent=a.id), *s.agencies[2:]))\n"
        "report = validate(s, ValidationConfig(as_of=dt.date(2024, 1, 1), select=('EK501',)))\n"
        "assert [f.code for f in report.findings] == ['EK501'], report.findings"
    )
    assert "networkx" in loaded


def test_version_is_looked_up_when_asked() -> None:
    loaded = _modules_after(
        "import contextlib, io\n"
        "from emergencykit.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    assert main(['--version']) == 0\n"
        "assert out.getvalue().startswith('emergencykit ')"
    )
    assert "importlib.metadata" in loaded
    assert "emergencykit.rules" not in loaded


def test_the_program_runs_without_the_collector_and_spares_the_exit_a_collection() -> None:
    # `python -m emergencykit` and the `emergencykit` program: the process ends
    # with the command, so neither the command nor the exit collects.
    code = (
        "import gc\n"
        "import emergencykit.__main__ as entry\n"
        "during = []\n"
        "entry.main = lambda: during.append(gc.isenabled()) or 3\n"
        "print(entry.program(), during, gc.isenabled(), gc.get_freeze_count() > 1000)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["3", "[False]", "True", "True"]


def test_main_leaves_the_collector_of_its_caller_alone() -> None:
    import gc
    import io

    from emergencykit.cli import main

    enabled, frozen = gc.isenabled(), gc.get_freeze_count()
    assert main(["rules"], stdout=io.StringIO()) == 0
    assert (gc.isenabled(), gc.get_freeze_count()) == (enabled, frozen)
