"""attrs' methods of the package's classes, served compiled from a generated module.

The module (``src/emergencykit/_precompiled_scripts.py``) must hold exactly
what attrs writes for the classes as they are declared now, and a function
it serves must be the one attrs would have compiled from the same script.
"""

import importlib
import inspect
import subprocess
import sys
import types
from pathlib import Path

import attrs

from emergencykit import _precompiled

GENERATED = Path(_precompiled.__file__).with_name("_precompiled_scripts.py")
REGENERATE = "python -m emergencykit._precompiled"


def _served_classes() -> list[tuple[str, type]]:
    for name in _precompiled._modules():
        importlib.import_module(name)
    found = [(f, _precompiled._class_of(f)) for f in sorted(_precompiled.SEEN)]
    return [(f, c) for f, c in found if c is not None]


def test_the_generated_module_is_up_to_date() -> None:
    assert GENERATED.read_text(encoding="utf-8") == _precompiled.source(), (
        f"{GENERATED.name} is stale (a class's fields or attrs changed): "
        f"regenerate it with `{REGENERATE}` and commit it"
    )


def test_the_program_writes_the_module(tmp_path: Path) -> None:
    # As the failure message says to run it, in a process of its own.
    out = tmp_path / "scripts.py"
    subprocess.run([sys.executable, "-m", "emergencykit._precompiled", str(out)], check=True)
    assert out.read_text(encoding="utf-8") == GENERATED.read_text(encoding="utf-8")


def test_every_class_of_the_package_is_served_compiled() -> None:
    missed = [f for f, _ in _served_classes() if f not in _precompiled.SERVED]
    assert not missed, f"compiled by attrs, not served: {missed}; run `{REGENERATE}`"


def _same_code(served: types.CodeType, compiled: types.CodeType) -> None:
    assert served.co_code == compiled.co_code
    assert served.co_names == compiled.co_names
    assert served.co_varnames == compiled.co_varnames
    assert served.co_freevars == compiled.co_freevars == ()
    # CO_NESTED: defined inside the generated function; nothing reads it.
    assert served.co_flags & ~inspect.CO_NESTED == compiled.co_flags
    assert (served.co_argcount, served.co_kwonlyargcount) == (
        compiled.co_argcount,
        compiled.co_kwonlyargcount,
    )
    assert len(served.co_consts) == len(compiled.co_consts)
    for mine, theirs in zip(served.co_consts, compiled.co_consts, strict=True):
        if isinstance(theirs, types.CodeType):
            _same_code(mine, theirs)
        else:
            assert type(mine) is type(theirs)
            assert mine == theirs


def test_a_served_method_is_the_one_attrs_compiles() -> None:
    served = _served_classes()
    assert len(served) > 50
    for filename, cls in served:
        script = _precompiled.SEEN[filename]
        init = cls.__dict__["__init__"]
        # attrs' own way: compile the script, run it in the same namespace.
        names: dict[str, object] = {}
        exec(compile(script, filename, "exec"), init.__globals__, names)
        assert set(names) == set(_precompiled._defined(script))
        for name, theirs in names.items():
            assert isinstance(theirs, types.FunctionType)
            mine = cls.__dict__[name]
            _same_code(mine.__code__, theirs.__code__)
            assert mine.__globals__ is theirs.__globals__
            assert mine.__defaults__ == theirs.__defaults__
            assert mine.__kwdefaults__ == theirs.__kwdefaults__
            assert mine.__qualname__ == f"{cls.__qualname__}.{name}"


def test_the_hash_of_a_served_class_is_salted_as_attrs_salts_it() -> None:
    from emergencykit.rules._ids import RefField

    const = RefField.__hash__.__code__.co_consts
    assert _precompiled._salt(f"<attrs generated methods {RefField.__module__}.RefField>") in const
    assert _precompiled.SALT not in const
    assert hash(RefField(name="a", shape="b")) == hash(RefField(name="a", shape="b"))


def test_another_script_is_compiled_by_attrs() -> None:
    # A class of the package's that the module does not hold (a doctest's,
    # a field added since): made by attrs as always.
    @attrs.frozen
    class Fresh:
        __module__ = "emergencykit.model._common"
        x: int
        y: str = "a"

    name = f"<attrs generated methods emergencykit.model._common.{Fresh.__qualname__}>"
    assert name in _precompiled.SEEN
    assert name not in _precompiled.SERVED
    assert Fresh.__init__.__code__.co_filename == name
    assert Fresh(x=1) == Fresh(1, "a")


def test_a_call_the_hook_does_not_know_goes_to_attrs_unchanged() -> None:
    # A later attrs may pass more than (script, filename, globs, locals): the
    # hook, installed for the whole process, must hand such a call on as it
    # came, for the package's classes as for any other package's.
    calls: list[tuple[tuple[object, ...], dict[str, object]]] = []

    def original(*args: object, **kwargs: object) -> dict[str, object]:
        calls.append((args, kwargs))
        return {"made": True}

    fresh = _precompiled._hook(original, {})
    # A name the package's classes do not have: the generated module is
    # written from what the hook saw, and must not see this.
    name = "<attrs generated methods emergencykit.model._common.NotAClass>"
    assert fresh("x = 1", name, {}, None, "extra") == {"made": True}
    assert fresh("x = 1", name, {}, future=True) == {"made": True}
    assert fresh("x = 1", "<attrs generated methods other.Thing>", {}) == {"made": True}
    assert calls == [
        (("x = 1", name, {}, None, "extra"), {}),
        (("x = 1", name, {}), {"future": True}),
        (("x = 1", "<attrs generated methods other.Thing>", {}), {}),
    ]
    # A known call of the package's whose script is not kept also goes on to attrs.
    assert fresh("x = 1", name, {}, None) == {"made": True}
    assert calls[-1] == (("x = 1", name, {}, None), {})
    assert name not in _precompiled.SERVED
    _precompiled.SEEN.pop(name, None)


def test_a_fresh_process_serves_the_check_path() -> None:
    code = (
        "import io, emergencykit._precompiled as p\n"
        "from emergencykit.cli import main\n"
        "main(['check'], stdout=io.StringIO())\n"
        "print(len(p.SEEN), len(p.SEEN.keys() - p.SERVED))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert int(out[0]) > 60
    assert out[1] == "0"
