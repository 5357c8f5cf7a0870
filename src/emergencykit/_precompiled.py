"""attrs' generated methods of the package's classes, compiled ahead of time.

attrs writes the source of each class's ``__init__`` (and of the other
methods it adds) when the class is created, and compiles it: for the
model's classes alone that is about a tenth of a command's start-up, paid
again by every process.  The same sources, as attrs writes them, are kept
in :mod:`emergencykit._precompiled_scripts`, a module generated from the
classes themselves (``python -m emergencykit._precompiled`` writes it), which
Python compiles once and keeps as bytecode like any other module.  While a
class is created, :func:`install`'s hook looks the script attrs is about to
compile up there: when it is there word for word, its compiled functions
serve, made with attrs' own namespace (the same defaults, validators and
converters); any other script (a class of another package, another version
of attrs, a field changed since the module was written) is compiled by
attrs as always.  A stale module therefore costs time, never correctness,
and a test holds it up to date.

The hook stands in for attrs' private ``attr._make._linecache_and_compile``
for the whole process, since the package's classes are made while it is
imported and later (a rule pack's, a doctest's).  It serves only scripts
named ``<attrs generated methods emergencykit.…>`` called as attrs calls
today; every other call, of any package, or with parameters a later attrs
may add, goes to attrs' own function as it came.

The declaration of each class stays the only source: the module holds
nothing but what attrs derives from it.  One part of a script differs from
process to process: a ``__hash__`` holds a hash of the class's name, which
Python salts per process.  The module holds :data:`SALT` in its place, and
the hook puts this process's number back, in the script it compares and in
the compiled function.
"""

import functools
import sys
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["SEEN", "SERVED", "install", "source"]

#: Each script attrs wrote for a class of this package, by the name attrs
#: gives it (``<attrs generated methods emergencykit.model._common.Count>``).
SEEN: dict[str, str] = {}

#: The names whose script was served compiled.
SERVED: set[str] = set()

_PREFIX = "<attrs generated methods emergencykit."
_MODULE = "emergencykit._precompiled_scripts"

#: What the module writes in place of the salted hash of a class's name.
SALT = 2**62 + 2022


def _salt(filename: str) -> int:
    """The number attrs writes in the ``__hash__`` of the class whose script is ``filename``."""
    return hash(filename.replace(" methods ", " hash ", 1))


def _unsalted(script: str, salt: int) -> str:
    """``script`` with :data:`SALT` in place of the salted hash ``salt``."""
    return script.replace(f"        {salt},\n", f"        {SALT},\n", 1)


def _salted(code: types.CodeType, salt: int) -> types.CodeType:
    """``code`` (a function defining attrs' methods) whose ``__hash__`` holds ``salt`` for :data:`SALT`."""
    consts = []
    for const in code.co_consts:
        if isinstance(const, types.CodeType) and const.co_name == "__hash__":
            const = const.replace(
                co_consts=tuple(
                    salt if type(c) is int and c == SALT else c for c in const.co_consts
                )
            )
        consts.append(const)
    return code.replace(co_consts=tuple(consts))


#: The parameters of attrs' function after the script and its file name.
_KNOWN = ("globs", "locals")


def _hook(
    original: Callable[..., dict[str, Any]], compiled: Mapping[str, tuple[str, types.CodeType]]
) -> Callable[..., dict[str, Any]]:
    """attrs' ``_linecache_and_compile`` (``original``) serving the scripts kept in ``compiled``."""

    def _serve(
        script: str,
        filename: str,
        globs: dict[str, Any] | None = None,
        locals: Mapping[str, object] | None = None,
    ) -> dict[str, Any] | None:
        """The script's functions, compiled ahead, or ``None`` when they are not kept."""
        SEEN[filename] = script
        made = compiled.get(filename)
        if made is None or globs is None:
            return None
        text, code = made
        if "def __hash__" in script:
            salt = _salt(filename)
            script_as_kept, code = _unsalted(script, salt), _salted(code, salt)
        else:
            script_as_kept = script
        if text != script_as_kept:
            return None
        locs = {} if locals is None else typing.cast(dict[str, Any], locals)
        # The generated function defines the script's functions in
        # attrs' namespace, as attrs' own eval of the script would.
        locs.update(types.FunctionType(code, globs)())
        SERVED.add(filename)
        return locs

    # The hook is process-wide, so it takes whatever attrs passes and hands
    # everything it does not know, word for word, to attrs' own function: a
    # later attrs that adds a parameter still makes every class, ours too.
    def _linecache_and_compile(script: Any, filename: Any, *args: Any, **kwargs: Any) -> Any:
        if (
            type(script) is str
            and type(filename) is str
            and filename.startswith(_PREFIX)
            and len(args) <= 2
            and set(kwargs) <= {"globs", "locals"}.difference(_KNOWN[: len(args)])
        ):
            served = _serve(script, filename, *args, **kwargs)
            if served is not None:
                return served
        return original(script, filename, *args, **kwargs)

    return _linecache_and_compile


def install() -> None:
    """Put the hook in attrs, once (importing this module does): before the package's first class.

    Nothing happens with a version of attrs that compiles its scripts
    differently (the classes are then made as attrs makes them).
    """
    try:
        from attr import _make
    except ImportError:  # pragma: no cover - another attrs
        return
    original = getattr(_make, "_linecache_and_compile", None)
    if original is None or getattr(original, "_emergencykit", False):
        return
    compiled: Mapping[str, tuple[str, types.CodeType]]
    try:
        from emergencykit._precompiled_scripts import SCRIPTS as compiled
    except ImportError:  # pragma: no cover - a source tree before its first generation
        compiled = {}

    hook = _hook(original, compiled)
    hook._emergencykit = True  # type: ignore[attr-defined]
    _make._linecache_and_compile = hook


# Imported by the model before its first class, the hook is in place in time
# (run as a program, this copy leaves it to the module the package imports).
if __name__ != "__main__":
    install()


def _class_of(filename: str) -> type | None:
    """The class attrs wrote the script named ``filename`` for, if its module names it."""
    dotted = filename.removeprefix("<attrs generated methods ").removesuffix(">")
    module_name, _, qualname = dotted.rpartition(".")
    while module_name and module_name not in sys.modules:
        module_name, _, outer = module_name.rpartition(".")
        qualname = f"{outer}.{qualname}"
    module = sys.modules.get(module_name)
    try:
        found = functools.reduce(getattr, qualname.split("."), module)
    except AttributeError:  # a class made elsewhere (a doctest's) with this module's name
        return None
    return found if isinstance(found, type) else None


def _defined(script: str) -> list[str]:
    return [line[4:].split("(", 1)[0] for line in script.splitlines() if line.startswith("def ")]


def _modules() -> list[str]:
    """Every module of the package but the generated one."""
    import os
    import pkgutil

    return sorted(
        info.name
        for info in pkgutil.walk_packages([os.path.dirname(__file__)], "emergencykit.")
        if not info.name.startswith(_MODULE)
    )


def source() -> str:
    """The text of :mod:`emergencykit._precompiled_scripts`, from every class of the package.

    Imports every module of the package, so that each class is created (and
    its script seen), and writes, for each class its module names, the
    scripts attrs wrote for it, each inside a function that defines them
    and returns them by name.
    """
    import importlib

    for name in _modules():
        importlib.import_module(name)
    lines = [
        "# mypy: ignore-errors",
        '"""attrs\' scripts for the package\'s classes, compiled with the package.',
        "",
        "Generated by ``python -m emergencykit._precompiled`` from the classes",
        "themselves: do not edit (see :mod:`emergencykit._precompiled`).",
        '"""',
        "",
    ]
    table = []
    kept = sorted(
        (filename, _unsalted(script, _salt(filename)))
        for filename, script in SEEN.items()
        if _class_of(filename) is not None
    )
    for number, (filename, script) in enumerate(kept):
        if "def __hash__" in script and f"        {SALT},\n" not in script:
            raise ValueError(f"{filename}: attrs wrote a __hash__ without the hash of the name")
        name = f"_{number}"
        lines.append(f"def {name}():")
        lines.extend(f"    {line}" if line else "" for line in script.splitlines())
        defined = ", ".join(f"{d!r}: {d}" for d in _defined(script))
        lines.append(f"    return {{{defined}}}")
        lines.append("")
        lines.append("")
        table.append(f"    {filename!r}: ({script!r}, {name}.__code__),")
    lines.append("SCRIPTS = {")
    lines.extend(table)
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Write :mod:`emergencykit._precompiled_scripts` beside this module (or to the path given)."""
    from pathlib import Path

    args = sys.argv[1:] if argv is None else argv
    here = Path(__file__).with_name(f"{_MODULE.rpartition('.')[2]}.py")
    Path(args[0] if args else here).write_text(source(), encoding="utf-8")


if __name__ == "__main__":
    # The hook's record is kept by the module the package imported, not by this copy.
    from emergencykit import _precompiled

    _precompiled.main()
