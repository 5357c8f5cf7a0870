"""The file format: load and dump systems as JSON, TOML or YAML; the JSON Schema.

One document per system, a mapping whose first key is
``schema: emergencykit/1`` followed by the fields of
:class:`~emergencykit.EmergencySystem`.  Loading is strict (unknown keys,
wrong types and bad values are errors naming their path) and safe (YAML is
read with the safe loader, without aliases; oversized and over-deep inputs
are refused).

>>> import emergencykit as ek
>>> from emergencykit import io
>>> system = ek.EmergencySystem(id="demo", name=ek.Label(zh="示例", en="Example"))
>>> io.loads(io.dumps(system, "toml"), "toml") == system
True
"""

import typing

from emergencykit import _lazy

if typing.TYPE_CHECKING:  # the names, for type checkers and the reference
    from emergencykit.io._api import (
        MAX_DEPTH,
        MAX_PROBLEMS,
        MAX_SIZE,
        dump,
        dumps,
        load,
        loads,
        structure,
        unstructure,
    )
    from emergencykit.io._convert import configure_converter, make_converter
    from emergencykit.io._formats import FORMATS, SUFFIXES
    from emergencykit.io._problems import format_exception
    from emergencykit.io._scalars import SCHEMA
    from emergencykit.io._schema import json_schema

__all__ = [
    "FORMATS",
    "MAX_DEPTH",
    "MAX_PROBLEMS",
    "MAX_SIZE",
    "SCHEMA",
    "SUFFIXES",
    "configure_converter",
    "dump",
    "dumps",
    "format_exception",
    "json_schema",
    "load",
    "loads",
    "make_converter",
    "structure",
    "unstructure",
]

# Imported on first use: the embedded model is built without the loader's
# converter (see emergencykit.io._plain), and cattrs is imported when a
# document needs it.
_HOME = {
    "FORMATS": "_formats",
    "MAX_DEPTH": "_api",
    "MAX_PROBLEMS": "_api",
    "MAX_SIZE": "_api",
    "SCHEMA": "_scalars",
    "SUFFIXES": "_formats",
    "configure_converter": "_convert",
    "dump": "_api",
    "dumps": "_api",
    "format_exception": "_problems",
    "json_schema": "_schema",
    "load": "_api",
    "loads": "_api",
    "make_converter": "_convert",
    "structure": "_api",
    "unstructure": "_api",
}

__getattr__, __dir__ = _lazy.attach(__name__, _HOME, __all__)
