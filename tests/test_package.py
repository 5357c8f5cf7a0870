"""The shape of the package: one public facade per package, one name in one
facade, one garbage-collector pause, layers checked by lint-imports."""

import ast
import importlib
import pathlib
import types

import pytest

import emergencykit

SRC = pathlib.Path(emergencykit.__file__).parent

# Each package's __init__ (and the two top-level modules) is a public facade:
# what its __all__ lists is public.  The package root also re-exports the
# model and the errors, for ``import emergencykit as ek``; it is left out of
# the one-home count below.
FACADES = [
    "emergencykit.cli",
    "emergencykit.datasets",
    "emergencykit.errors",
    "emergencykit.graph",
    "emergencykit.io",
    "emergencykit.model",
    "emergencykit.rules",
    "emergencykit.strategies",
    "emergencykit.summary",
]


@pytest.mark.parametrize("name", ["emergencykit", *FACADES])
def test_a_facade_lists_each_public_name_once(name: str) -> None:
    module = importlib.import_module(name)
    exported = list(module.__all__)
    assert len(exported) == len(set(exported)), "a name is listed twice"
    for public in exported:
        assert getattr(module, public) is not None


PACKAGES = ["emergencykit", *(n for n in FACADES if (SRC / n.split(".")[-1]).is_dir())]


@pytest.mark.parametrize("name", PACKAGES)
def test_a_package_facade_holds_only_its_public_names(name: str) -> None:
    module = importlib.import_module(name)
    # As hypothesis checks its own: every public name in the namespace is in
    # __all__ (submodules are reached by their dotted path, not exported).
    present = {
        n
        for n, v in vars(module).items()
        if not n.startswith("_") and not isinstance(v, types.ModuleType)
    }
    assert present <= set(module.__all__)


def test_every_public_object_has_one_home() -> None:
    homes: dict[int, list[str]] = {}
    for name in FACADES:
        module = importlib.import_module(name)
        for public in module.__all__:
            value = getattr(module, public)
            if isinstance(value, type | types.FunctionType):
                homes.setdefault(id(value), []).append(f"{name}.{public}")
    assert [h for h in homes.values() if len(h) > 1] == []


def test_the_root_re_exports_the_model_and_the_errors_only() -> None:
    model = importlib.import_module("emergencykit.model")
    errors = importlib.import_module("emergencykit.errors")
    assert set(emergencykit.__all__) == {"__version__", *model.__all__, *errors.__all__}


def _calls(tree: ast.AST, attribute: str) -> int:
    return sum(
        1
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr == attribute
        and isinstance(node.value, ast.Name)
        and node.value.id == "gc"
    )


def test_the_collector_is_paused_in_one_place() -> None:
    pausing = sorted(
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if _calls(ast.parse(path.read_text(encoding="utf-8")), "disable")
    )
    assert pausing == ["_gc.py"]


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_gc_restores_the_collector_even_on_error(enabled: bool) -> None:
    import gc

    from emergencykit._gc import paused_gc

    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        seen: list[bool] = []

        def build() -> None:
            with paused_gc():
                seen.append(gc.isenabled())
                with paused_gc():
                    seen.append(gc.isenabled())
                seen.append(gc.isenabled())
                raise KeyError("boom")

        with pytest.raises(KeyError):
            build()
        assert seen == [False, False, False]
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


LAZY = [
    "emergencykit.datasets",
    "emergencykit.graph",
    "emergencykit.io",
    "emergencykit.summary",
]


@pytest.mark.parametrize("name", LAZY)
def test_a_lazy_package_declares_each_public_name_in_all_three_places(name: str) -> None:
    # Imported on first use (emergencykit._lazy.attach): each public name is in
    # __all__, in _HOME (its module) and in the TYPE_CHECKING imports that type
    # checkers and the API reference read; a name missing from one is caught here.
    module = importlib.import_module(name)
    source = pathlib.Path(module.__file__ or "").read_text(encoding="utf-8")
    checked: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for stmt in node.body:
                if isinstance(stmt, ast.ImportFrom):
                    checked |= {alias.asname or alias.name for alias in stmt.names}
    assert set(module.__all__) == set(module._HOME) == checked
    for public in module.__all__:
        home = importlib.import_module(f"{name}.{module._HOME[public]}")
        assert getattr(module, public) is getattr(home, public)
